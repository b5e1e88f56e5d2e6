// Public surface of the customers module: search, list and the 360 view, scoped by the principal.
export { customerMigrations, type CustomerTables } from './customers.migrations.ts';
export type { CustomersRepository, CustomerFilter, PageRequest } from './customers.repository.ts';
export { PostgresCustomersRepository } from './postgres-customers.repository.ts';
export { CustomersService, MONTHS_IN_VIEW } from './customers.service.ts';
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
