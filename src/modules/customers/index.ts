// Public surface of the customers module: search, list and the 360 view, scoped by the principal.
export { customerMigrations, type CustomerTables } from './customers.migrations.ts';
export type { CustomersRepository, CustomerFilter, PageRequest } from './customers.repository.ts';
export { PostgresCustomersRepository } from './postgres-customers.repository.ts';
export { CustomersService, MONTHS_IN_VIEW, toListItem as toCustomerListItem } from './customers.service.ts';
export { maskAddress, maskIdNumber, maskPhone } from './customer-masking.ts';
export { parseCustomerSearch, type CustomerSearch } from './customer-search.ts';
export {
  ageOn,
  centsToYuan,
  type CustomerRecord,
  type HoldingRecord,
  type MonthlyRecord,
} from './customer.ts';
export {
  attributeValueSchema,
  customerDetailSchema,
  customerIdParamsSchema,
  customerKindSchema,
  customerListItemSchema,
  customerListQuerySchema,
  customerListResponseSchema,
  customerViewResponseSchema,
  holdingSchema,
  monthlySchema,
  type CustomerDetail,
  type CustomerListItem,
  type CustomerListQuery,
  type CustomerListResponse,
  type CustomerView,
  type Holding,
  type Monthly,
} from './customer.schema.ts';
export { Customer360Service, RECENT_WINDOW_DAYS } from './customer360.service.ts';
export type { Customer360Repository } from './customer360.repository.ts';
export { PostgresCustomer360Repository } from './postgres-customer360.repository.ts';
export {
  CUSTOMER360_SECTIONS,
  createNoteRequestSchema,
  customer360QuerySchema,
  customer360ResponseSchema,
  customerNoteSchema,
  notePageSchema,
  noteListQuerySchema,
  searchQuerySchema,
  searchResponseSchema,
  transactionPageSchema,
  transactionQuerySchema,
  type Customer360,
  type Customer360SectionName,
  type CustomerNote,
  type SearchResponse,
  type TransactionPage,
} from './customer360.schema.ts';
