/**
 * The canonical bank model (DESIGN §2) as data: one source of truth for the generator's column
 * order, the importer's validation, the warehouse DDL and publishing to the serving tier.
 */

/** Column types as the warehouse stores them. Money is DECIMAL(18,2) yuan in the warehouse. */
export type CanonicalType =
  'text' | 'integer' | 'bigint' | 'double' | 'money' | 'date' | 'timestamp' | 'boolean' | 'json';

/** One column of a canonical table. */
export interface CanonicalColumn {
  name: string;
  type: CanonicalType;
  /** A row without a value here is rejected. */
  required?: boolean;
  /** Allowed values, when the column is an enumeration. */
  values?: readonly string[];
  /** Foreign key: `table.column` that must exist (checked on import). */
  references?: string;
  description: string;
}

/** One canonical table. `key` columns form the natural key that imports merge on. */
export interface CanonicalTable {
  name: CanonicalTableName;
  key: readonly string[];
  columns: readonly CanonicalColumn[];
  description: string;
}

export const BRANCH_LEVELS = ['hq', 'branch', 'sub_branch', 'outlet'] as const;
export const STAFF_ROLES = ['rm', 'branch_manager', 'hq_analyst', 'admin', 'auditor'] as const;
export const CUSTOMER_KINDS = ['retail', 'corporate'] as const;
export const GENDERS = ['M', 'F'] as const;
export const RISK_TOLERANCES = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;
export const RISK_LEVELS = ['R1', 'R2', 'R3', 'R4', 'R5'] as const;
export const INCOME_BANDS = ['<5k', '5k-10k', '10k-20k', '20k-50k', '50k+'] as const;
export const CUSTOMER_STATUSES = ['active', 'dormant', 'closed'] as const;
export const COMPANY_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export const PRODUCT_CATEGORIES = [
  'current',
  'time_deposit',
  'cd',
  'wealth',
  'fund',
  'insurance',
  'consumer_loan',
  'mortgage',
  'credit_card',
  'payroll',
  'corporate_settlement',
  'working_capital_loan',
  'bill',
] as const;
export const ACCOUNT_STATUSES = ['active', 'dormant', 'closed', 'matured', 'overdue'] as const;
export const CHANNELS = [
  'counter',
  'atm',
  'mobile',
  'online',
  'pos',
  'wechat_pay',
  'alipay',
  'system',
] as const;
export const TRANSACTION_TYPES = [
  'salary',
  'spending',
  'transfer_in',
  'transfer_out',
  'cash_deposit',
  'cash_withdrawal',
  'interest',
  'wealth_purchase',
  'wealth_redemption',
  'maturity',
  'loan_disbursement',
  'loan_repayment',
  'loan_repayment_failed',
  'card_spending',
  'card_repayment',
  'fee',
  'corporate_payment',
  'corporate_receipt',
] as const;
export const EVENT_TYPES = ['login', 'view_product', 'click', 'search', 'logout'] as const;
export const ENTITY_KINDS = ['company', 'person'] as const;
export const RELATION_TYPES = [
  'shareholder',
  'investment',
  'executive',
  'legal_rep',
  'guarantee',
  'supplier',
  'buyer',
  'fund_transfer',
  'family',
  'controller',
] as const;
export const SIGNAL_TYPES = [
  'mortgage_registration',
  'equity_pledge',
  'receivables_financing',
  'tax_invoice',
  'env_approval',
  'litigation',
  'penalty',
  'executive_change',
  'ipo',
  'm_and_a',
  'bid_win',
] as const;
export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;

export const CANONICAL_TABLE_NAMES = [
  'branch',
  'staff',
  'customer',
  'product',
  'account',
  'balance_monthly',
  'transaction',
  'event',
  'entity',
  'relation',
  'external_signal',
  'news',
] as const;
export type CanonicalTableName = (typeof CANONICAL_TABLE_NAMES)[number];

const c = (
  name: string,
  type: CanonicalType,
  description: string,
  extra: Partial<CanonicalColumn> = {},
): CanonicalColumn => ({ name, type, description, ...extra });

/** The canonical tables, in load order (referenced tables first). */
export const CANONICAL_TABLES: readonly CanonicalTable[] = [
  {
    name: 'branch',
    key: ['id'],
    description: 'Organisation tree: HQ → branches → sub-branches → outlets.',
    columns: [
      c('id', 'text', 'Branch id', { required: true }),
      c('parent_id', 'text', 'Parent branch id; empty for HQ'),
      c('level', 'text', 'Tree level', { required: true, values: BRANCH_LEVELS }),
      c('name', 'text', 'Branch name', { required: true }),
      c('city', 'text', 'City'),
      c('lat', 'double', 'Latitude (WGS84)'),
      c('lon', 'double', 'Longitude (WGS84)'),
    ],
  },
  {
    name: 'staff',
    key: ['id'],
    description: 'Employees: RMs, managers, analysts.',
    columns: [
      c('id', 'text', 'Staff id', { required: true }),
      c('name', 'text', 'Name', { required: true }),
      c('role', 'text', 'Role', { required: true, values: STAFF_ROLES }),
      c('branch_id', 'text', 'Branch the staff member works at', { required: true, references: 'branch.id' }),
      c('referral_code', 'text', 'Personal referral code (unique)'),
      c('phone', 'text', 'Work mobile'),
    ],
  },
  {
    name: 'customer',
    key: ['id'],
    description: 'Retail and corporate customers in one table.',
    columns: [
      c('id', 'text', 'Customer id from the source system', { required: true }),
      c('cno', 'integer', 'Dense customer number (bitmap key); assigned on import when absent'),
      c('kind', 'text', 'retail or corporate', { required: true, values: CUSTOMER_KINDS }),
      c('name', 'text', 'Person or company name', { required: true }),
      c('gender', 'text', 'M or F (retail)', { values: GENDERS }),
      c('birth_date', 'date', 'Birth date (retail)'),
      c('id_number', 'text', '18-digit resident ID number (retail)'),
      c('phone', 'text', 'Mobile number'),
      c('address', 'text', 'Postal address'),
      c('city', 'text', 'City'),
      c('occupation', 'text', 'Occupation (retail)'),
      c('income_band', 'text', 'Monthly income band (retail)', { values: INCOME_BANDS }),
      c('risk_tolerance', 'text', 'Risk assessment C1–C5', { values: RISK_TOLERANCES }),
      c('onboard_date', 'date', 'Date the customer joined', { required: true }),
      c('home_branch_id', 'text', 'Home branch', { required: true, references: 'branch.id' }),
      c('rm_id', 'text', 'Assigned relationship manager', { references: 'staff.id' }),
      c('status', 'text', 'Customer status', { required: true, values: CUSTOMER_STATUSES }),
      c('consent_marketing', 'boolean', 'Consents to marketing'),
      c('consent_sms', 'boolean', 'Consents to SMS'),
      c('consent_phone', 'boolean', 'Consents to phone calls'),
      c('uscc', 'text', '18-character unified social credit code (corporate)'),
      c('industry', 'text', 'GB/T 4754 industry section letter + name (corporate)'),
      c('registered_capital', 'money', 'Registered capital in yuan (corporate)'),
      c('established', 'date', 'Founding date (corporate)'),
      c('legal_rep', 'text', 'Legal representative (corporate)'),
      c('employees', 'integer', 'Number of employees (corporate)'),
      c('size', 'text', 'Company size (corporate)', { values: COMPANY_SIZES }),
    ],
  },
  {
    name: 'product',
    key: ['id'],
    description: 'The product shelf.',
    columns: [
      c('id', 'text', 'Product id', { required: true }),
      c('code', 'text', 'Product code', { required: true }),
      c('name', 'text', 'Product name', { required: true }),
      c('category', 'text', 'Category', { required: true, values: PRODUCT_CATEGORIES }),
      c('risk_level', 'text', 'Risk level R1–R5', { values: RISK_LEVELS }),
      c('min_amount', 'money', 'Minimum amount in yuan'),
      c('term_days', 'integer', 'Term in days (0 or empty for open-ended)'),
      c('rate', 'double', 'Annual rate or expected yield, as a fraction (0.025 = 2.5%)'),
    ],
  },
  {
    name: 'account',
    key: ['id'],
    description: 'Accounts and holdings: one row per product a customer holds or held.',
    columns: [
      c('id', 'text', 'Account number', { required: true }),
      c('customer_id', 'text', 'Owner', { required: true, references: 'customer.id' }),
      c('product_id', 'text', 'Product', { required: true, references: 'product.id' }),
      c('opened', 'date', 'Opening date', { required: true }),
      c('closed', 'date', 'Closing date'),
      c('status', 'text', 'Status', { required: true, values: ACCOUNT_STATUSES }),
      c('balance', 'money', 'Current balance in yuan (negative for amounts owed)', { required: true }),
      c('credit_limit', 'money', 'Credit limit in yuan (cards, loans)'),
      c('maturity_date', 'date', 'Maturity date (time deposits, CDs, wealth, loans)'),
    ],
  },
  {
    name: 'balance_monthly',
    key: ['account_id', 'month'],
    description: 'Month-end balance of each account (the AUM history).',
    columns: [
      c('account_id', 'text', 'Account', { required: true, references: 'account.id' }),
      c('customer_id', 'text', 'Owner', { required: true, references: 'customer.id' }),
      c('month', 'date', 'First day of the month', { required: true }),
      c('balance', 'money', 'Balance at month end in yuan', { required: true }),
    ],
  },
  {
    name: 'transaction',
    key: ['id'],
    description: 'Account transactions. Amount is signed: positive into the account, negative out.',
    columns: [
      c('id', 'text', 'Transaction id', { required: true }),
      c('account_id', 'text', 'Account', { required: true, references: 'account.id' }),
      c('customer_id', 'text', 'Customer', { required: true, references: 'customer.id' }),
      c('ts', 'timestamp', 'Time of the transaction', { required: true }),
      c('amount', 'money', 'Signed amount in yuan', { required: true }),
      c('channel', 'text', 'Channel', { required: true, values: CHANNELS }),
      c('type', 'text', 'Transaction type', { required: true, values: TRANSACTION_TYPES }),
      c('counterparty_name', 'text', 'Counterparty name'),
      c('counterparty_account', 'text', 'Counterparty account'),
      c('counterparty_bank', 'text', 'Counterparty bank or payment platform'),
      c('mcc', 'text', 'Merchant category code (card and POS spending)'),
      c('memo', 'text', 'Memo'),
    ],
  },
  {
    name: 'event',
    key: ['id'],
    description: 'App and web behaviour events.',
    columns: [
      c('id', 'text', 'Event id', { required: true }),
      c('customer_id', 'text', 'Customer', { required: true, references: 'customer.id' }),
      c('ts', 'timestamp', 'Time of the event', { required: true }),
      c('type', 'text', 'Event type', { required: true, values: EVENT_TYPES }),
      c('props', 'json', 'Event properties (JSON object), e.g. {"product_id":"P001"}'),
    ],
  },
  {
    name: 'entity',
    key: ['id'],
    description: 'Companies and persons of the enterprise graph, customers or not.',
    columns: [
      c('id', 'text', 'Entity id', { required: true }),
      c('kind', 'text', 'company or person', { required: true, values: ENTITY_KINDS }),
      c('name', 'text', 'Name', { required: true }),
      c('customer_id', 'text', 'The customer this entity is, if any', { references: 'customer.id' }),
      c('uscc', 'text', 'Unified social credit code (companies)'),
      c('industry', 'text', 'GB/T 4754 industry (companies)'),
      c('registered_capital', 'money', 'Registered capital in yuan (companies)'),
      c('city', 'text', 'City'),
    ],
  },
  {
    name: 'relation',
    key: ['id'],
    description:
      'Edges of the enterprise graph: from_id → to_id (e.g. shareholder of, guarantor for, supplier to).',
    columns: [
      c('id', 'text', 'Relation id', { required: true }),
      c('from_id', 'text', 'Source entity', { required: true, references: 'entity.id' }),
      c('to_id', 'text', 'Target entity', { required: true, references: 'entity.id' }),
      c('type', 'text', 'Relation type', { required: true, values: RELATION_TYPES }),
      c('pct', 'double', 'Shareholding as a fraction (shareholder, investment)'),
      c('amount', 'money', 'Amount in yuan (guarantee, annual supply volume)'),
      c('since', 'date', 'Start date'),
      c('until', 'date', 'End date'),
    ],
  },
  {
    name: 'external_signal',
    key: ['id'],
    description: 'External data about companies: registrations, pledges, litigation, penalties, bids …',
    columns: [
      c('id', 'text', 'Signal id', { required: true }),
      c('entity_id', 'text', 'The company concerned', { required: true, references: 'entity.id' }),
      c('type', 'text', 'Signal type', { required: true, values: SIGNAL_TYPES }),
      c('date', 'date', 'Date of the signal', { required: true }),
      c('expiry', 'date', 'Expiry (pledges, registrations)'),
      c('amount', 'money', 'Amount in yuan'),
      c('description', 'text', 'Description'),
    ],
  },
  {
    name: 'news',
    key: ['id'],
    description: 'News items about companies.',
    columns: [
      c('id', 'text', 'News id', { required: true }),
      c('ts', 'timestamp', 'Publication time', { required: true }),
      c('title', 'text', 'Title', { required: true }),
      c('body', 'text', 'Body'),
      c('source', 'text', 'Source'),
      c('entity_ids', 'text', 'Linked entity ids, separated by ";"'),
      c('event_type', 'text', 'Event type (litigation, penalty, bid_win …)'),
      c('sentiment', 'text', 'positive, neutral or negative', { values: SENTIMENTS }),
    ],
  },
];

/** Looks up a canonical table by name; throws on an unknown name. */
export function canonicalTable(name: CanonicalTableName): CanonicalTable {
  const table = CANONICAL_TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`unknown canonical table ${name}`);
  return table;
}

/** DuckDB column type for a canonical type. */
export function duckdbType(type: CanonicalType): string {
  switch (type) {
    case 'text':
      return 'VARCHAR';
    case 'integer':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'double':
      return 'DOUBLE';
    case 'money':
      return 'DECIMAL(18,2)';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'boolean':
      return 'BOOLEAN';
    case 'json':
      return 'VARCHAR';
  }
}

/** Warehouse table name of a canonical table (`transaction` is reserved in SQL, so all get a prefix). */
export function rawTableName(name: CanonicalTableName): string {
  return `raw_${name}`;
}

/**
 * CREATE TABLE statement for a canonical table in the warehouse. No PRIMARY KEY: an ART index over
 * 50M transaction ids costs gigabytes; imports merge on `key` with set operations instead.
 */
export function rawTableDdl(table: CanonicalTable): string {
  const cols = table.columns.map((col) => `"${col.name}" ${duckdbType(col.type)}`);
  return `CREATE TABLE IF NOT EXISTS ${rawTableName(table.name)} (${cols.join(', ')})`;
}

/** Custom attributes: fields a bank has that the canonical model lacks, kept per customer. */
export const CUSTOM_ATTRIBUTE_DDL =
  'CREATE TABLE IF NOT EXISTS raw_custom_attribute (customer_id VARCHAR NOT NULL, name VARCHAR NOT NULL, value VARCHAR)';
