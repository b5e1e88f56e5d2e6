import type { Migration } from '../../platform/db/index.ts';

/**
 * Serving tables owned by customers: what the 360 view reads per request. Money is BIGINT cents.
 * `publish` (modules/ingest) fills them in bulk from the warehouse.
 */
export const customerMigrations: Migration[] = [
  {
    id: '0002-customers-serving',
    sql: `
      CREATE TABLE customer (
        id TEXT PRIMARY KEY,
        cno INTEGER NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        gender TEXT,
        birth_date DATE,
        id_number TEXT,
        phone TEXT,
        address TEXT,
        city TEXT,
        occupation TEXT,
        income_band TEXT,
        risk_tolerance TEXT,
        onboard_date DATE,
        home_branch_id TEXT NOT NULL,
        rm_id TEXT,
        status TEXT NOT NULL,
        consent_marketing BOOLEAN,
        consent_sms BOOLEAN,
        consent_phone BOOLEAN,
        uscc TEXT,
        industry TEXT,
        registered_capital BIGINT,
        established DATE,
        legal_rep TEXT,
        employees INTEGER,
        size TEXT,
        -- custom attributes from imports: {"name": "value"}
        attributes JSONB NOT NULL DEFAULT '{}'::jsonb,
        aum BIGINT NOT NULL DEFAULT 0
      );
      CREATE INDEX customer_rm_idx ON customer (rm_id);
      CREATE INDEX customer_branch_idx ON customer (home_branch_id);
      CREATE INDEX customer_name_trgm_idx ON customer USING gin (name gin_trgm_ops);
      CREATE INDEX customer_id_number_idx ON customer (id_number);
      CREATE INDEX customer_phone_idx ON customer (phone);
      CREATE INDEX customer_uscc_idx ON customer (uscc);
      CREATE TABLE customer_profile (
        customer_id TEXT PRIMARY KEY,
        tags JSONB NOT NULL DEFAULT '{}'::jsonb,
        scores JSONB NOT NULL DEFAULT '{}'::jsonb,
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE TABLE product (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        category TEXT NOT NULL,
        risk_level TEXT,
        min_amount BIGINT,
        term_days INTEGER,
        rate NUMERIC(10, 6)
      );
      CREATE TABLE holding (
        account_id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        opened DATE NOT NULL,
        closed DATE,
        status TEXT NOT NULL,
        balance BIGINT NOT NULL,
        credit_limit BIGINT,
        maturity_date DATE
      );
      CREATE INDEX holding_customer_idx ON holding (customer_id);
      CREATE TABLE recent_transaction (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        ts TIMESTAMPTZ NOT NULL,
        amount BIGINT NOT NULL,
        channel TEXT NOT NULL,
        type TEXT NOT NULL,
        counterparty_name TEXT,
        counterparty_account TEXT,
        counterparty_bank TEXT,
        mcc TEXT,
        memo TEXT
      );
      CREATE INDEX recent_transaction_customer_ts_idx ON recent_transaction (customer_id, ts DESC);
      CREATE TABLE monthly_aggregate (
        customer_id TEXT NOT NULL,
        month DATE NOT NULL,
        aum BIGINT NOT NULL,
        deposit_balance BIGINT NOT NULL,
        investment_balance BIGINT NOT NULL,
        loan_balance BIGINT NOT NULL,
        inflow BIGINT NOT NULL,
        outflow BIGINT NOT NULL,
        txn_count INTEGER NOT NULL,
        PRIMARY KEY (customer_id, month)
      )
    `,
  },
  {
    // The customer list's default order (AUM descending, then id) reads its first page from here.
    id: '0003-customers-list-order-idx',
    sql: `CREATE INDEX customer_aum_idx ON customer (aum DESC, id)`,
  },
];

/** Kysely row types of the customers tables. */
export interface CustomerTables {
  customer: {
    id: string;
    cno: number;
    kind: string;
    name: string;
    gender: string | null;
    birth_date: string | null;
    id_number: string | null;
    phone: string | null;
    address: string | null;
    city: string | null;
    occupation: string | null;
    income_band: string | null;
    risk_tolerance: string | null;
    onboard_date: string | null;
    home_branch_id: string;
    rm_id: string | null;
    status: string;
    consent_marketing: boolean | null;
    consent_sms: boolean | null;
    consent_phone: boolean | null;
    uscc: string | null;
    industry: string | null;
    registered_capital: number | null;
    established: string | null;
    legal_rep: string | null;
    employees: number | null;
    size: string | null;
    attributes: Record<string, string>;
    aum: number;
  };
  customer_profile: {
    customer_id: string;
    tags: Record<string, unknown>;
    scores: Record<string, unknown>;
    updated_at: Date;
  };
  product: {
    id: string;
    code: string;
    name: string;
    category: string;
    risk_level: string | null;
    min_amount: number | null;
    term_days: number | null;
    rate: number | null;
  };
  holding: {
    account_id: string;
    customer_id: string;
    product_id: string;
    opened: string;
    closed: string | null;
    status: string;
    balance: number;
    credit_limit: number | null;
    maturity_date: string | null;
  };
  recent_transaction: {
    id: string;
    account_id: string;
    customer_id: string;
    ts: Date;
    amount: number;
    channel: string;
    type: string;
    counterparty_name: string | null;
    counterparty_account: string | null;
    counterparty_bank: string | null;
    mcc: string | null;
    memo: string | null;
  };
  monthly_aggregate: {
    customer_id: string;
    month: string;
    aum: number;
    deposit_balance: number;
    investment_balance: number;
    loan_balance: number;
    inflow: number;
    outflow: number;
    txn_count: number;
  };
}
