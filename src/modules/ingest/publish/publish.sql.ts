// DuckDB SQL that shapes warehouse tables into the serving tables of access and customers.
// Money becomes BIGINT cents; timestamps are bank-local time (Asia/Shanghai) marked +08.
import { canonicalTable } from '../../../platform/warehouse/index.ts';

/** The as-of date of the warehouse: the last transaction day, or the last month-end balance. */
export const servingAsOfSql = `
  SELECT coalesce(
    (SELECT max(ts)::DATE FROM raw_transaction),
    (SELECT last_day(max(month)) FROM raw_balance_monthly)
  ) AS as_of`;

const cents = (expression: string) => `CAST(round((${expression}) * 100) AS BIGINT)`;

/** Product categories whose balances are the customer's assets (AUM) and liabilities. */
export const DEPOSIT_CATEGORIES = ['current', 'time_deposit', 'cd', 'payroll', 'corporate_settlement'];
export const INVESTMENT_CATEGORIES = ['wealth', 'fund', 'insurance'];
export const LOAN_CATEGORIES = ['consumer_loan', 'mortgage', 'credit_card', 'working_capital_loan', 'bill'];
const inList = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

interface ExportParams {
  recentDays: number;
  months: number;
}

/** One serving table and the warehouse query that fills it (columns in query order). */
export interface ServingExport {
  table: string;
  columns: readonly string[];
  sql(params: ExportParams): string;
}

const customerColumns = [
  'id',
  'cno',
  'kind',
  'name',
  'gender',
  'birth_date',
  'id_number',
  'phone',
  'address',
  'city',
  'occupation',
  'income_band',
  'risk_tolerance',
  'onboard_date',
  'home_branch_id',
  'rm_id',
  'status',
  'consent_marketing',
  'consent_sms',
  'consent_phone',
  'uscc',
  'industry',
  'registered_capital',
  'established',
  'legal_rep',
  'employees',
  'size',
  'attributes',
  'aum',
] as const;

/** The serving tables publish replaces, in load order. */
export const SERVING_EXPORTS: readonly ServingExport[] = [
  {
    table: 'branch',
    columns: ['id', 'parent_id', 'level', 'name', 'city', 'lat', 'lon', 'path'],
    sql: () => `
      WITH RECURSIVE tree(id, path) AS (
        SELECT id, '/' || id || '/' FROM raw_branch WHERE parent_id IS NULL OR parent_id = ''
        UNION ALL
        SELECT b.id, t.path || b.id || '/' FROM raw_branch b JOIN tree t ON b.parent_id = t.id
      )
      SELECT b.id, nullif(b.parent_id, '') AS parent_id, b.level, b.name, b.city, b.lat, b.lon, t.path
      FROM raw_branch b JOIN tree t USING (id) ORDER BY t.path`,
  },
  {
    table: 'staff',
    columns: ['id', 'name', 'role', 'branch_id', 'referral_code', 'phone'],
    sql: () => `SELECT id, name, role, branch_id, referral_code, phone FROM raw_staff ORDER BY id`,
  },
  {
    table: 'product',
    columns: ['id', 'code', 'name', 'category', 'risk_level', 'min_amount', 'term_days', 'rate'],
    sql: () => `
      SELECT id, code, name, category, risk_level, ${cents('min_amount')} AS min_amount, term_days, rate
      FROM raw_product ORDER BY id`,
  },
  {
    table: 'customer',
    columns: customerColumns,
    sql: () => `
      WITH aum AS (
        SELECT a.customer_id, sum(a.balance) AS aum
        FROM raw_account a JOIN raw_product p ON p.id = a.product_id
        WHERE a.status <> 'closed' AND p.category IN (${inList([...DEPOSIT_CATEGORIES, ...INVESTMENT_CATEGORIES])})
        GROUP BY a.customer_id
      ), attrs AS (
        SELECT customer_id, json_group_object(name, value) AS attributes
        FROM raw_custom_attribute GROUP BY customer_id
      )
      SELECT c.id, c.cno, c.kind, c.name, c.gender, c.birth_date, c.id_number, c.phone, c.address, c.city,
        c.occupation, c.income_band, c.risk_tolerance, c.onboard_date, c.home_branch_id, c.rm_id, c.status,
        c.consent_marketing, c.consent_sms, c.consent_phone, c.uscc, c.industry,
        ${cents('c.registered_capital')} AS registered_capital, c.established, c.legal_rep, c.employees, c.size,
        coalesce(attrs.attributes, '{}') AS attributes, coalesce(${cents('aum.aum')}, 0) AS aum
      FROM raw_customer c LEFT JOIN aum ON aum.customer_id = c.id LEFT JOIN attrs ON attrs.customer_id = c.id
      ORDER BY c.cno`,
  },
  {
    table: 'holding',
    columns: [
      'account_id',
      'customer_id',
      'product_id',
      'opened',
      'closed',
      'status',
      'balance',
      'credit_limit',
      'maturity_date',
    ],
    sql: () => `
      SELECT id AS account_id, customer_id, product_id, opened, closed, status, ${cents('balance')} AS balance,
        ${cents('credit_limit')} AS credit_limit, maturity_date
      FROM raw_account ORDER BY customer_id, id`,
  },
  {
    table: 'recent_transaction',
    // The serving row is the canonical transaction row, with money in cents and a zoned timestamp.
    columns: canonicalTable('transaction').columns.map((c) => c.name),
    sql: ({ recentDays }) => `
      SELECT id, account_id, customer_id, strftime(ts, '%Y-%m-%d %H:%M:%S+08') AS ts, ${cents('amount')} AS amount,
        channel, type, counterparty_name, counterparty_account, counterparty_bank, mcc, memo
      FROM raw_transaction
      WHERE ts >= (SELECT max(ts) FROM raw_transaction) - INTERVAL ${Number(recentDays)} DAY
      ORDER BY customer_id, ts`,
  },
  {
    table: 'monthly_aggregate',
    columns: [
      'customer_id',
      'month',
      'aum',
      'deposit_balance',
      'investment_balance',
      'loan_balance',
      'inflow',
      'outflow',
      'txn_count',
    ],
    sql: ({ months }) => `
      WITH last_month AS (
        SELECT date_trunc('month', coalesce((SELECT max(ts) FROM raw_transaction), (SELECT max(month) FROM raw_balance_monthly)))::DATE AS m
      ), window_start AS (
        SELECT (m - INTERVAL ${Number(months) - 1} MONTH)::DATE AS m FROM last_month
      ), balances AS (
        SELECT b.customer_id, date_trunc('month', b.month)::DATE AS month,
          sum(CASE WHEN p.category IN (${inList(DEPOSIT_CATEGORIES)}) THEN b.balance ELSE 0 END) AS deposit_balance,
          sum(CASE WHEN p.category IN (${inList(INVESTMENT_CATEGORIES)}) THEN b.balance ELSE 0 END) AS investment_balance,
          sum(CASE WHEN p.category IN (${inList(LOAN_CATEGORIES)}) THEN -b.balance ELSE 0 END) AS loan_balance
        FROM raw_balance_monthly b
        JOIN raw_account a ON a.id = b.account_id
        JOIN raw_product p ON p.id = a.product_id
        WHERE b.month >= (SELECT m FROM window_start)
        GROUP BY ALL
      ), flows AS (
        SELECT customer_id, date_trunc('month', ts)::DATE AS month,
          sum(CASE WHEN amount > 0 THEN amount ELSE 0 END) AS inflow,
          sum(CASE WHEN amount < 0 THEN -amount ELSE 0 END) AS outflow,
          count(*) AS txn_count
        FROM raw_transaction
        WHERE ts >= (SELECT m FROM window_start)
        GROUP BY ALL
      )
      SELECT coalesce(b.customer_id, f.customer_id) AS customer_id, coalesce(b.month, f.month) AS month,
        ${cents('coalesce(b.deposit_balance, 0) + coalesce(b.investment_balance, 0)')} AS aum,
        ${cents('coalesce(b.deposit_balance, 0)')} AS deposit_balance,
        ${cents('coalesce(b.investment_balance, 0)')} AS investment_balance,
        ${cents('coalesce(b.loan_balance, 0)')} AS loan_balance,
        ${cents('coalesce(f.inflow, 0)')} AS inflow,
        ${cents('coalesce(f.outflow, 0)')} AS outflow,
        coalesce(f.txn_count, 0) AS txn_count
      FROM balances b FULL OUTER JOIN flows f ON f.customer_id = b.customer_id AND f.month = b.month
      ORDER BY 1, 2`,
  },
];
