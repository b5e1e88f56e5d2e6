/**
 * DuckDB SQL of the feature build: one pass per raw source (transactions, month-end balances,
 * accounts, app events, enterprise graph and signals, custom attributes), each a GROUP BY
 * customer with conditional aggregates into a step table, then one wide SELECT joining them onto
 * raw_customer. Dates are relative to the as-of date, never the wall clock.
 *
 * Conditional aggregates are written `agg(CASE WHEN cond THEN x END)`, not `agg(x) FILTER (WHERE
 * cond)`: with ~120 aggregates per group DuckDB's filtered aggregates measured 4–5× slower, and a
 * FILTERed argument is still evaluated on every row (a bit shift of 64 or more would fail there).
 */
import { FEATURE_COLUMN_SPECS } from './feature-columns.ts';
import {
  CHANNEL_FEATURES,
  CITY_TIERS,
  DEPOSIT_CATEGORIES,
  DIGITAL_CHANNELS,
  INTERNET_WEALTH_PLATFORMS,
  INVESTMENT_CATEGORIES,
  LARGE_OUTFLOW_YUAN,
  LOAN_CATEGORIES,
  MATURING_CATEGORIES,
  OWN_BANK_NAMES,
  PASSIVE_TYPES,
  PAYMENT_PLATFORMS,
  SIGNAL_LABELS,
  SPEND_GROUPS,
  TYPE_FEATURES,
  WINDOWS,
  CATEGORY_LABELS,
} from './feature-vocabulary.ts';

/** Step tables, in build order; dropped once customer_features exists. */
export const STEP_TABLES = {
  txn: '_feat_txn',
  balance: '_feat_balance',
  account: '_feat_account',
  event: '_feat_event',
  graph: '_feat_graph',
  rank: '_feat_rank',
  attr: '_feat_attr',
} as const;

/** A SQL string literal. */
export const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const list = (values: readonly string[]): string => values.map(lit).join(', ');
const date = (asOf: string): string => `DATE ${lit(asOf)}`;
/** Months kept in the activity bitmasks (bit k = k calendar months before the as-of month). */
const MASK_MONTHS = 48;

type StageAgg = 'count' | 'sum' | 'max' | 'min' | 'bit_or';
/** How stage-2 combines a stage-1 aggregate over window buckets. */
const COMBINE: Record<StageAgg, string> = {
  count: 'sum',
  sum: 'sum',
  max: 'max',
  min: 'min',
  bit_or: 'bit_or',
};

/**
 * Builds the two-stage transaction aggregate. Stage 1 groups by (customer, window bucket) with one
 * aggregate per distinct (function, condition, value) — no window in the condition; stage 2 groups
 * the few bucket rows of each customer and sums the buckets inside each window. Aggregate updates
 * per transaction drop from ~120 to ~65 and the conditions get shorter, which is what the scan of
 * tens of millions of rows costs.
 */
class TwoStage {
  private readonly measures = new Map<string, string>();
  readonly outputs: string[] = [];

  /** Stage-1 columns. */
  stage1(): string[] {
    return [...this.measures].map(([expr, alias]) => `${expr} AS ${alias}`);
  }

  /** Adds output `name` = agg(value) over rows matching `cond` within `window` days (all rows when omitted). */
  add(name: string, agg: StageAgg, cond: string, value = '1', window?: number, negate = false): void {
    const expr = `${agg}(CASE WHEN ${cond} THEN ${value} END)`;
    let alias = this.measures.get(expr);
    if (!alias) {
      alias = `m${this.measures.size}`;
      this.measures.set(expr, alias);
    }
    if (window !== undefined && !(WINDOWS as readonly number[]).includes(window))
      throw new Error(`window ${window} is not one of the buckets ${WINDOWS.join(', ')}`);
    const arg = window === undefined ? alias : `CASE WHEN wb <= ${window} THEN ${alias} END`;
    this.outputs.push(`${negate ? '-' : ''}${COMBINE[agg]}(${arg}) AS ${name}`);
  }
}

/** The one pass over raw_transaction: every windowed aggregate by type, channel and direction. */
export function transactionStepSql(asOf: string): string {
  const q = new TwoStage();
  for (const w of WINDOWS) {
    q.add(`txn_count_${w}d`, 'count', 'act', '1', w);
    q.add(`inflow_amount_${w}d`, 'sum', 'ext AND amt > 0', 'amt', w);
    q.add(`inflow_count_${w}d`, 'count', 'ext AND amt > 0', '1', w);
    q.add(`outflow_amount_${w}d`, 'sum', 'ext AND amt < 0', 'amt', w, true);
    q.add(`outflow_count_${w}d`, 'count', 'ext AND amt < 0', '1', w);
  }
  q.add('max_inflow_90d', 'max', 'ext AND amt > 0', 'amt', 90);
  q.add('max_outflow_90d', 'min', 'ext AND amt < 0', 'amt', 90, true);
  q.add('large_outflow_count_90d', 'count', `ext AND amt <= -${LARGE_OUTFLOW_YUAN}`, '1', 90);
  for (const f of TYPE_FEATURES) {
    const leg = `ty = ${lit(f.type)} AND amt ${f.direction === 'in' ? '>' : '<'} 0`;
    q.add(`${f.type}_count_30d`, 'count', leg, '1', 30);
    q.add(`${f.type}_count_90d`, 'count', leg, '1', 90);
    q.add(`${f.type}_amount_90d`, 'sum', leg, 'abs(amt)', 90);
  }
  const salary = "ty = 'salary' AND amt > 0";
  q.add('salary_count_365d', 'count', salary, '1', 365);
  q.add('salary_amount_365d', 'sum', salary, 'amt', 365);
  q.add('salary_mask', 'bit_or', `${salary} AND mo < ${MASK_MONTHS}`, 'CAST(1 AS BIGINT) << mo');
  q.add('last_salary_date', 'max', salary, 'day');
  const otherOut = "ext AND ty = 'transfer_out' AND amt < 0 AND other_bank";
  q.add('other_bank_out_amount_30d', 'sum', otherOut, 'amt', 30, true);
  q.add('other_bank_out_amount_90d', 'sum', otherOut, 'amt', 90, true);
  q.add('other_bank_out_count_90d', 'count', otherOut, '1', 90);
  const largeOut = `${otherOut} AND amt <= -${LARGE_OUTFLOW_YUAN}`;
  q.add('large_other_bank_out_count_90d', 'count', largeOut, '1', 90);
  q.add('large_other_bank_out_amount_90d', 'sum', largeOut, 'amt', 90, true);
  q.add(
    'other_bank_in_amount_90d',
    'sum',
    "ext AND ty = 'transfer_in' AND amt > 0 AND other_bank",
    'amt',
    90,
  );
  const iw = `ext AND amt < 0 AND cp IN (${list(INTERNET_WEALTH_PLATFORMS)})`;
  q.add('internet_wealth_amount_90d', 'sum', iw, 'amt', 90, true);
  q.add('internet_wealth_count_90d', 'count', iw, '1', 90);
  q.add('internet_wealth_amount_365d', 'sum', iw, 'amt', 365, true);
  const wallet = `ext AND ty = 'transfer_out' AND amt < 0 AND cpb IN ('支付宝', '微信支付', '财付通')
       AND cp NOT IN (${list(INTERNET_WEALTH_PLATFORMS)})`;
  q.add('wallet_topup_amount_90d', 'sum', wallet, 'amt', 90, true);
  const spend = "ty IN ('spending', 'card_spending') AND amt < 0";
  for (const g of SPEND_GROUPS) {
    q.add(`spend_${g.key}_${g.days}d`, 'sum', `${spend} AND mcc IN (${list(g.mcc)})`, 'amt', g.days, true);
  }
  q.add('card_spending_amount_30d', 'sum', "ty = 'card_spending' AND amt < 0", 'amt', 30, true);
  q.add('all_spending_amount_30d', 'sum', spend, 'amt', 30, true);
  const failed = "ty = 'loan_repayment_failed'";
  q.add('repayment_failed_count_90d', 'count', failed, '1', 90);
  q.add('repayment_failed_count_365d', 'count', failed, '1', 365);
  q.add('last_repayment_failed_date', 'max', failed, 'day');
  const settle = "((ty = 'corporate_payment' AND amt < 0) OR (ty = 'corporate_receipt' AND amt > 0))";
  q.add('settlement_amount_365d', 'sum', settle, 'abs(amt)', 365);
  q.add('settlement_count_365d', 'count', settle, '1', 365);
  for (const ch of CHANNEL_FEATURES) {
    q.add(`channel_${ch.channel}_count_90d`, 'count', `act AND ch = ${lit(ch.channel)}`, '1', 90);
  }
  q.add('digital_count_90d', 'count', `act AND ch IN (${list(DIGITAL_CHANNELS)})`, '1', 90);
  q.add('last_txn_date', 'max', 'act', 'day');
  q.add('first_txn_date', 'min', 'act', 'day');
  q.add('active_mask', 'bit_or', `act AND mo < ${MASK_MONTHS}`, 'CAST(1 AS BIGINT) << mo');
  q.add('first_any_date', 'min', 'true', 'day');
  const buckets = WINDOWS.map((w) => `WHEN d < ${w} THEN ${w}`).join(' ');

  // A leg whose counterparty account is another account of the same customer is an own-account
  // transfer (a wealth purchase, a card or loan repayment, a deposit placed): its credit leg is not
  // counted at all and neither leg is an external inflow or outflow.
  return `
    CREATE OR REPLACE TABLE ${STEP_TABLES.txn} AS
    WITH x AS (
      SELECT t.customer_id,
        CAST(t.amount AS DOUBLE) AS amt,
        t.type AS ty, t.channel AS ch, t.counterparty_name AS cp, t.mcc,
        CAST(t.ts AS DATE) AS day,
        date_diff('day', CAST(t.ts AS DATE), ${date(asOf)}) AS d,
        date_diff('month', CAST(t.ts AS DATE), ${date(asOf)}) AS mo,
        t.type NOT IN (${list(PASSIVE_TYPES)}) AND NOT (o.id IS NOT NULL AND t.amount > 0) AS act,
        t.type NOT IN (${list(PASSIVE_TYPES)}) AND o.id IS NULL AS ext,
        coalesce(t.counterparty_bank NOT IN (${list([...OWN_BANK_NAMES, ...PAYMENT_PLATFORMS])}), false) AS other_bank,
        t.counterparty_bank AS cpb
      FROM raw_transaction t
      LEFT JOIN raw_account o ON o.id = t.counterparty_account AND o.customer_id = t.customer_id
      WHERE t.ts < ${date(asOf)} + INTERVAL 1 DAY
    ),
    -- Counterparty sets and salary amounts do not add up across buckets: carried as lists.
    s1 AS (
      SELECT customer_id, CASE ${buckets} ELSE 2147483647 END AS wb,
        ${q.stage1().join(',\n        ')},
        list(DISTINCT cp) FILTER (WHERE ext AND cp IS NOT NULL) AS cps,
        list(amt) FILTER (WHERE ${salary}) AS salaries
      FROM x GROUP BY ALL
    )
    SELECT customer_id,
      ${q.outputs.join(',\n      ')},
      len(list_distinct(flatten(list(cps) FILTER (WHERE wb <= 90)))) AS counterparty_count_90d,
      len(list_distinct(flatten(list(cps) FILTER (WHERE wb <= 365)))) AS counterparty_count_365d,
      list_aggregate(flatten(list(salaries) FILTER (WHERE wb <= 180)), 'median') AS salary_median_180d
    FROM s1 GROUP BY customer_id`;
}

/** Month-end AUM (deposits + investments) now-relative: 1, 3, 6 and 12 months ago, 3-month average, 12-month high. */
export function balanceStepSql(asOf: string): string {
  const dep = list(DEPOSIT_CATEGORIES);
  const inv = list(INVESTMENT_CATEGORIES);
  return `
    CREATE OR REPLACE TABLE ${STEP_TABLES.balance} AS
    WITH m AS (
      SELECT bm.customer_id, date_diff('month', bm.month, ${date(asOf)}) AS k,
        coalesce(sum(CASE WHEN p.category IN (${dep}) THEN CAST(bm.balance AS DOUBLE) END), 0) AS dep,
        coalesce(sum(CASE WHEN p.category IN (${inv}) THEN CAST(bm.balance AS DOUBLE) END), 0) AS inv
      FROM raw_balance_monthly bm
      JOIN raw_account a ON a.id = bm.account_id
      JOIN raw_product p ON p.id = a.product_id
      WHERE bm.month <= ${date(asOf)} AND bm.month >= date_trunc('month', ${date(asOf)}) - INTERVAL 12 MONTH
        AND p.category IN (${dep}, ${inv})
      GROUP BY ALL
    )
    SELECT customer_id,
      sum(CASE WHEN k = 1 THEN dep + inv END) AS aum_m1,
      sum(CASE WHEN k = 3 THEN dep + inv END) AS aum_m3,
      sum(CASE WHEN k = 6 THEN dep + inv END) AS aum_m6,
      sum(CASE WHEN k = 12 THEN dep + inv END) AS aum_m12,
      avg(CASE WHEN k <= 2 THEN dep + inv END) AS aum_avg_3m,
      max(CASE WHEN k <= 11 THEN dep + inv END) AS aum_max_12m,
      sum(CASE WHEN k = 3 THEN dep END) AS deposit_m3,
      sum(CASE WHEN k = 3 THEN inv END) AS investment_m3
    FROM m GROUP BY customer_id`;
}

/** Holdings, balances by category, maturities, risk levels, card limits and account statuses. */
export function accountStepSql(asOf: string): string {
  const liability = new Set<string>([...LOAN_CATEGORIES, 'credit_card']);
  const aggs: string[] = [];
  const agg = (expr: string, name: string) => aggs.push(`${expr} AS ${name}`);
  for (const category of Object.keys(CATEGORY_LABELS)) {
    const is = `open AND category = ${lit(category)}`;
    agg(`count(CASE WHEN ${is} THEN 1 END)`, `holding_count_${category}`);
    agg(
      `sum(CASE WHEN ${is} THEN ${liability.has(category) ? 'greatest(0, -bal)' : 'bal'} END)`,
      `balance_${category}`,
    );
  }
  const inv = list(INVESTMENT_CATEGORIES);
  agg('count(DISTINCT CASE WHEN open THEN category END)', 'product_count');
  agg('count(CASE WHEN open THEN 1 END)', 'account_count');
  const maturing = `open AND category IN (${list(MATURING_CATEGORIES)}) AND maturity_date BETWEEN ${date(asOf)} AND ${date(asOf)} + INTERVAL 30 DAY`;
  agg(`count(CASE WHEN ${maturing} THEN 1 END)`, 'maturing_30d_count');
  agg(`sum(CASE WHEN ${maturing} THEN bal END)`, 'maturing_30d_amount');
  agg(`max(CASE WHEN open AND category IN (${inv}) THEN risk END)`, 'max_product_risk_level');
  agg(
    `count(CASE WHEN open AND category IN (${inv}) AND risk > tolerance THEN 1 END)`,
    'above_tolerance_count',
  );
  agg(
    `count(CASE WHEN opened > ${date(asOf)} - INTERVAL 90 DAY AND opened <= ${date(asOf)} THEN 1 END)`,
    'accounts_opened_90d',
  );
  agg(
    `count(CASE WHEN closed > ${date(asOf)} - INTERVAL 90 DAY AND closed <= ${date(asOf)} THEN 1 END)`,
    'accounts_closed_90d',
  );
  agg(`max(CASE WHEN opened <= ${date(asOf)} THEN opened END)`, 'last_opened');
  agg("count(CASE WHEN status = 'dormant' THEN 1 END)", 'dormant_account_count');
  agg("count(CASE WHEN status = 'overdue' THEN 1 END)", 'overdue_account_count');
  agg("sum(CASE WHEN open AND category = 'credit_card' THEN credit_limit END)", 'credit_card_limit');
  agg(
    `count(CASE WHEN open AND category IN (${list(LOAN_CATEGORIES)}) AND maturity_date BETWEEN ${date(asOf)} AND ${date(asOf)} + INTERVAL 90 DAY THEN 1 END)`,
    'loan_maturing_90d_count',
  );
  return `
    CREATE OR REPLACE TABLE ${STEP_TABLES.account} AS
    WITH x AS (
      SELECT a.customer_id, p.category, a.status, a.opened, a.closed, a.maturity_date,
        CAST(a.balance AS DOUBLE) AS bal, CAST(a.credit_limit AS DOUBLE) AS credit_limit,
        TRY_CAST(substr(p.risk_level, 2) AS INTEGER) AS risk,
        TRY_CAST(substr(c.risk_tolerance, 2) AS INTEGER) AS tolerance,
        a.status NOT IN ('closed', 'matured') AND a.opened <= ${date(asOf)}
          AND (a.closed IS NULL OR a.closed > ${date(asOf)}) AS open
      FROM raw_account a
      JOIN raw_product p ON p.id = a.product_id
      LEFT JOIN raw_customer c ON c.id = a.customer_id
    )
    SELECT customer_id,
      ${aggs.join(',\n      ')}
    FROM x GROUP BY customer_id`;
}

/** App events: logins by window, login days, product views by category, searches. */
export function eventStepSql(asOf: string): string {
  return `
    CREATE OR REPLACE TABLE ${STEP_TABLES.event} AS
    WITH x AS (
      SELECT ev.customer_id, ev.type, CAST(ev.ts AS DATE) AS day,
        date_diff('day', CAST(ev.ts AS DATE), ${date(asOf)}) AS d,
        CASE WHEN ev.type = 'view_product' AND json_valid(ev.props)
          THEN json_extract_string(ev.props, '$.product_id') END AS pid
      FROM raw_event ev
      WHERE ev.ts < ${date(asOf)} + INTERVAL 1 DAY
    )
    SELECT x.customer_id,
      count(CASE WHEN x.type = 'login' AND d < 7 THEN 1 END) AS login_count_7d,
      count(CASE WHEN x.type = 'login' AND d < 30 THEN 1 END) AS login_count_30d,
      count(CASE WHEN x.type = 'login' AND d < 90 THEN 1 END) AS login_count_90d,
      bit_or(CASE WHEN x.type = 'login' AND d < 30 THEN CAST(1 AS BIGINT) << d END) AS login_day_mask,
      max(CASE WHEN x.type = 'login' THEN day END) AS last_login_date,
      count(CASE WHEN d < 30 THEN 1 END) AS event_count_30d,
      count(CASE WHEN x.type = 'view_product' AND d < 30 THEN 1 END) AS product_view_count_30d,
      count(CASE WHEN x.type = 'view_product' AND d < 30 AND p.category IN (${list(INVESTMENT_CATEGORIES)}) THEN 1 END) AS wealth_view_count_30d,
      count(CASE WHEN x.type = 'view_product' AND d < 30 AND p.category IN (${list([...LOAN_CATEGORIES, 'credit_card'])}) THEN 1 END) AS loan_view_count_30d,
      count(CASE WHEN x.type = 'search' AND d < 30 THEN 1 END) AS search_count_30d
    FROM x LEFT JOIN raw_product p ON p.id = x.pid
    GROUP BY x.customer_id`;
}

/** Enterprise graph around each customer's entity: supply chain, guarantees, shareholders, signals, news. */
export function graphStepSql(asOf: string): string {
  const inForce = `(since IS NULL OR since <= ${date(asOf)}) AND (until IS NULL OR until >= ${date(asOf)})`;
  const signalAggs = Object.keys(SIGNAL_LABELS).map(
    (type) => `count(CASE WHEN type = ${lit(type)} AND recent THEN 1 END) AS signal_${type}_365d`,
  );
  const signalCols = Object.keys(SIGNAL_LABELS).map(
    (type) => `sum(sg.signal_${type}_365d) AS signal_${type}_365d`,
  );
  return `
    CREATE OR REPLACE TABLE ${STEP_TABLES.graph} AS
    WITH ent AS (SELECT id AS eid, customer_id FROM raw_entity WHERE customer_id IS NOT NULL),
    rel AS (SELECT from_id, to_id, type, CAST(amount AS DOUBLE) AS amount FROM raw_relation WHERE ${inForce}),
    -- Supply edges may come as 'supplier' (supplier → buyer), 'buyer' (buyer → supplier) or both: one row per pair.
    supply AS (
      SELECT s, b, max(amount) AS amount FROM (
        SELECT from_id AS s, to_id AS b, amount FROM rel WHERE type = 'supplier'
        UNION ALL SELECT to_id AS s, from_id AS b, amount FROM rel WHERE type = 'buyer'
      ) GROUP BY s, b
    ),
    sales AS (SELECT s AS eid, count(*) AS buyer_count, sum(amount) AS sales_amount FROM supply GROUP BY s),
    purchases AS (SELECT b AS eid, count(*) AS supplier_count, sum(amount) AS purchase_amount FROM supply GROUP BY b),
    given AS (SELECT from_id AS eid, count(*) AS n, sum(amount) AS amount FROM rel WHERE type = 'guarantee' GROUP BY 1),
    received AS (SELECT to_id AS eid, count(*) AS n, sum(amount) AS amount FROM rel WHERE type = 'guarantee' GROUP BY 1),
    holders AS (
      SELECT to_id AS eid, count(DISTINCT from_id) AS n FROM rel
      WHERE type IN ('shareholder', 'investment') GROUP BY 1
    ),
    related AS (
      SELECT eid, count(DISTINCT other) AS n FROM (
        SELECT from_id AS eid, to_id AS other FROM rel UNION ALL SELECT to_id AS eid, from_id AS other FROM rel
      ) GROUP BY eid
    ),
    sig AS (
      SELECT entity_id AS eid,
        ${signalAggs.join(',\n        ')},
        count(CASE WHEN recent THEN 1 END) AS signal_count_365d,
        max(CASE WHEN date <= ${date(asOf)} THEN date END) AS last_signal_date
      FROM (
        SELECT entity_id, type, date,
          date <= ${date(asOf)} AND date > ${date(asOf)} - INTERVAL 365 DAY AS recent
        FROM raw_external_signal
      ) GROUP BY entity_id
    ),
    news AS (
      SELECT eid, count(*) AS news_365d, count(CASE WHEN sentiment = 'negative' THEN 1 END) AS negative_news_365d
      FROM (
        SELECT DISTINCT id, trim(unnest(string_split(entity_ids, ';'))) AS eid, sentiment FROM raw_news
        WHERE ts < ${date(asOf)} + INTERVAL 1 DAY AND ts >= ${date(asOf)} - INTERVAL 364 DAY
          AND entity_ids IS NOT NULL
      ) GROUP BY eid
    )
    SELECT ent.customer_id,
      sum(sales.buyer_count) AS buyer_count, sum(sales.sales_amount) AS sales_amount,
      sum(purchases.supplier_count) AS supplier_count, sum(purchases.purchase_amount) AS purchase_amount,
      sum(given.n) AS guarantee_given_count, sum(given.amount) AS guarantee_given_amount,
      sum(received.n) AS guarantee_received_count, sum(received.amount) AS guarantee_received_amount,
      sum(holders.n) AS shareholder_count, sum(related.n) AS related_party_count,
      ${signalCols.join(',\n      ')},
      sum(sg.signal_count_365d) AS signal_count_365d, max(sg.last_signal_date) AS last_signal_date,
      sum(news.news_365d) AS news_365d, sum(news.negative_news_365d) AS negative_news_365d
    FROM ent
    LEFT JOIN sales ON sales.eid = ent.eid
    LEFT JOIN purchases ON purchases.eid = ent.eid
    LEFT JOIN given ON given.eid = ent.eid
    LEFT JOIN received ON received.eid = ent.eid
    LEFT JOIN holders ON holders.eid = ent.eid
    LEFT JOIN related ON related.eid = ent.eid
    LEFT JOIN sig sg ON sg.eid = ent.eid
    LEFT JOIN news ON news.eid = ent.eid
    GROUP BY ent.customer_id`;
}

/**
 * RFM scores and the AUM percentile, each ranked within the customer's kind. percent_rank gives
 * ties the same rank, so equal customers get equal scores (1 + floor(5 × rank), capped at 5).
 */
export function rankStepSql(): string {
  const aum = [...DEPOSIT_CATEGORIES, ...INVESTMENT_CATEGORIES]
    .map((cat) => `coalesce(a.balance_${cat}, 0)`)
    .join(' + ');
  const score = (order: string) =>
    `CAST(least(5, 1 + floor(5 * percent_rank() OVER (PARTITION BY c.kind ORDER BY ${order}))) AS INTEGER)`;
  return `
    CREATE OR REPLACE TABLE ${STEP_TABLES.rank} AS
    SELECT c.id AS customer_id,
      ${score("coalesce(t.last_txn_date, DATE '1900-01-01')")} AS r_score,
      ${score('coalesce(t.txn_count_365d, 0)')} AS f_score,
      ${score('coalesce(t.inflow_amount_365d, 0) + coalesce(t.outflow_amount_365d, 0)')} AS m_score,
      round(percent_rank() OVER (PARTITION BY c.kind ORDER BY ${aum}), 4) AS aum_pct
    FROM raw_customer c
    LEFT JOIN ${STEP_TABLES.txn} t ON t.customer_id = c.id
    LEFT JOIN ${STEP_TABLES.account} a ON a.customer_id = c.id`;
}

/** A custom attribute pivoted into customer_features. */
export interface AttributeColumn {
  /** The attribute's name in raw_custom_attribute. */
  attribute: string;
  /** Its column: `attr_` + the sanitised name. */
  column: string;
  /** DOUBLE when every value is a number, else VARCHAR. */
  type: 'DOUBLE' | 'VARCHAR';
}

/**
 * Column name of a custom attribute: lower-case ASCII letters, digits and underscores after
 * `attr_`; names with other characters (e.g. Chinese) keep their ASCII part and get the hex code
 * points of the rest, so distinct names stay distinct and the column is a valid tag id.
 */
export function attributeColumnName(name: string): string {
  let out = '';
  for (const ch of name.normalize('NFKC').toLowerCase()) {
    if (/[a-z0-9]/.test(ch)) out += ch;
    else if (/[\s_\-./:]/.test(ch)) out += '_';
    else out += `_u${ch.codePointAt(0)!.toString(16)}_`;
  }
  out = out.replace(/_+/g, '_').replace(/^_|_$/g, '');
  return `attr_${out || 'unnamed'}`.slice(0, 63).replace(/_$/, '');
}

/** Assigns unique column names to attribute names (suffix _2, _3 … on collisions). */
export function attributeColumns(rows: readonly { name: string; numeric: boolean }[]): AttributeColumn[] {
  const used = new Set<string>();
  return rows.map(({ name, numeric }) => {
    const base = attributeColumnName(name);
    let column = base;
    for (let i = 2; used.has(column); i++) column = `${base.slice(0, 59)}_${i}`;
    used.add(column);
    return { attribute: name, column, type: numeric ? 'DOUBLE' : 'VARCHAR' };
  });
}

/** Lists custom attribute names and whether every value of each parses as a number. */
export const attributeNamesSql = `
  SELECT name, bool_and(value IS NULL OR TRY_CAST(value AS DOUBLE) IS NOT NULL) AS numeric
  FROM raw_custom_attribute GROUP BY name ORDER BY name`;

/** Pivots custom attributes into one column each (NULL when the customer lacks it). */
export function attributeStepSql(columns: readonly AttributeColumn[]): string {
  const cols = columns.map((c) => {
    const value = c.type === 'DOUBLE' ? 'TRY_CAST(value AS DOUBLE)' : 'value';
    return `max(CASE WHEN name = ${lit(c.attribute)} THEN ${value} END) AS "${c.column}"`;
  });
  return `
    CREATE OR REPLACE TABLE ${STEP_TABLES.attr} AS
    SELECT customer_id${cols.length ? ',\n      ' + cols.join(',\n      ') : ''}
    FROM raw_custom_attribute GROUP BY customer_id`;
}

/** The final wide table: one row per customer, documented columns then `attr_*` columns. */
export function finalSql(asOf: string, attributes: readonly AttributeColumn[]): string {
  const tiers = Object.entries(CITY_TIERS)
    .map(([city, tier]) => `(${lit(city)}, ${lit(tier)})`)
    .join(', ');
  const cols = FEATURE_COLUMN_SPECS.map((s) => `CAST((${s.sql}) AS ${s.type}) AS "${s.name}"`);
  for (const a of attributes) cols.push(`x."${a.column}"`);
  return `
    CREATE OR REPLACE TABLE customer_features AS
    WITH p AS (
      SELECT ${date(asOf)} AS as_of,
        CAST(coalesce(date_diff('month', (SELECT min(first_any_date) FROM ${STEP_TABLES.txn}), ${date(asOf)}) + 1, 0) AS INTEGER)
          AS coverage_months
    ),
    ct AS (SELECT * FROM (VALUES ${tiers}) v(city, tier))
    SELECT
      ${cols.join(',\n      ')}
    FROM raw_customer c
    CROSS JOIN p
    LEFT JOIN ct ON ct.city = regexp_replace(c.city, '市$', '')
    LEFT JOIN ${STEP_TABLES.txn} t ON t.customer_id = c.id
    LEFT JOIN ${STEP_TABLES.balance} b ON b.customer_id = c.id
    LEFT JOIN ${STEP_TABLES.account} a ON a.customer_id = c.id
    LEFT JOIN ${STEP_TABLES.event} e ON e.customer_id = c.id
    LEFT JOIN ${STEP_TABLES.graph} g ON g.customer_id = c.id
    LEFT JOIN ${STEP_TABLES.rank} r ON r.customer_id = c.id
    LEFT JOIN ${STEP_TABLES.attr} x ON x.customer_id = c.id
    ORDER BY c.cno`;
}
