import type { Generated } from 'kysely';
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
  {
    // Serving tables of the 360 view (published from the warehouse, replaced on each publish) and
    // RM notes (kept across publishes). name_chars spaces out a name's characters so pg_trgm sees
    // each Chinese character as a word: partial and one-wrong-character LIKE patterns over it then
    // extract index keys even for 2–3 character names (pg_trgm needs 3 characters per word otherwise).
    id: '0004-customers-360',
    sql: `
      ALTER TABLE customer ADD COLUMN name_chars TEXT GENERATED ALWAYS AS
        (' ' || regexp_replace(regexp_replace(lower(name), '\\s+', '', 'g'), '(.)', '\\1 ', 'g')) STORED;
      CREATE INDEX customer_name_chars_trgm_idx ON customer USING gin (name_chars gin_trgm_ops);
      CREATE INDEX holding_customer_opened_idx ON holding (customer_id, opened);
      CREATE TABLE customer_event (
        customer_id TEXT NOT NULL,
        ts TIMESTAMPTZ NOT NULL,
        type TEXT NOT NULL,
        props JSONB
      );
      CREATE INDEX customer_event_customer_ts_idx ON customer_event (customer_id, ts DESC);
      CREATE TABLE customer_relation (
        customer_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        name TEXT NOT NULL,
        entity_kind TEXT NOT NULL,
        -- relation type of the graph edge, or 'sibling' for a company sharing a controlling parent
        relation TEXT NOT NULL,
        -- 'outgoing': the customer's entity is the edge's from_id
        direction TEXT NOT NULL,
        pct NUMERIC(8, 6),
        amount BIGINT,
        since DATE,
        until DATE,
        related_customer_id TEXT
      );
      CREATE INDEX customer_relation_customer_idx ON customer_relation (customer_id);
      CREATE TABLE customer_signal (
        id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        type TEXT NOT NULL,
        date DATE NOT NULL,
        expiry DATE,
        amount BIGINT,
        description TEXT
      );
      CREATE INDEX customer_signal_customer_date_idx ON customer_signal (customer_id, date DESC);
      CREATE TABLE customer_news (
        customer_id TEXT NOT NULL,
        news_id TEXT NOT NULL,
        ts TIMESTAMPTZ NOT NULL,
        title TEXT NOT NULL,
        source TEXT,
        event_type TEXT,
        sentiment TEXT
      );
      CREATE INDEX customer_news_customer_ts_idx ON customer_news (customer_id, ts DESC);
      CREATE TABLE life_event (
        customer_id TEXT NOT NULL,
        type TEXT NOT NULL,
        date DATE NOT NULL,
        amount BIGINT,
        evidence TEXT NOT NULL,
        evidence_zh TEXT NOT NULL
      );
      CREATE INDEX life_event_customer_idx ON life_event (customer_id, date DESC);
      CREATE TABLE customer_note (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL,
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE INDEX customer_note_customer_idx ON customer_note (customer_id, created_at DESC)
    `,
  },
  {
    // The batch-derived part of each customer's 360 view, aggregated by DuckDB at publish time into one
    // JSON text per customer: a view then reads one row instead of grouping transactions and events.
    id: '0005-customer-360-doc',
    sql: `CREATE TABLE customer_360 (customer_id TEXT PRIMARY KEY, doc TEXT NOT NULL)`,
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
    // generated by the database from name (migration 0004); never written
    name_chars?: string;
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
  customer_event: { customer_id: string; ts: Date; type: string; props: Record<string, unknown> | null };
  customer_relation: {
    customer_id: string;
    entity_id: string;
    name: string;
    entity_kind: string;
    relation: string;
    direction: string;
    pct: number | null;
    amount: number | null;
    since: string | null;
    until: string | null;
    related_customer_id: string | null;
  };
  customer_signal: {
    id: string;
    customer_id: string;
    type: string;
    date: string;
    expiry: string | null;
    amount: number | null;
    description: string | null;
  };
  customer_news: {
    customer_id: string;
    news_id: string;
    ts: Date;
    title: string;
    source: string | null;
    event_type: string | null;
    sentiment: string | null;
  };
  life_event: {
    customer_id: string;
    type: string;
    date: string;
    amount: number | null;
    evidence: string;
    evidence_zh: string;
  };
  customer_note: {
    id: string;
    customer_id: string;
    author_id: string;
    author_name: string;
    text: string;
    created_at: Generated<Date>;
  };
}
