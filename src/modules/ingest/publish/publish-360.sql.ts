// DuckDB SQL for the serving tables of the customer 360 view (issue 4): behaviour events, the
// customer's edges of the enterprise graph, external signals, linked news and detected life events.
// Each query is one set-based pass over the warehouse; the as-of date is the last transaction day.

import { SERVING_EXPORTS } from './publish.sql.ts';

/** Parameters every 360 export receives. */
export interface Export360Params {
  recentDays: number;
  months: number;
}

/** One serving table of the 360 view and the warehouse query that fills it (columns in query order). */
export interface Serving360Export {
  table: string;
  columns: readonly string[];
  sql(params: Export360Params): string;
}

const cents = (expression: string) => `CAST(round((${expression}) * 100) AS BIGINT)`;

/** The warehouse as-of timestamp: the last transaction, else the last event. */
const AS_OF = `coalesce((SELECT max(ts) FROM raw_transaction), (SELECT max(ts) FROM raw_event))`;

/** A controlling edge: a controller, or a shareholding/investment of at least half. */
const CONTROLS = (alias: string) =>
  `(${alias}.type = 'controller' OR (${alias}.type IN ('shareholder', 'investment') AND ${alias}.pct >= 0.5))`;

/**
 * Life events, detected from accounts, transactions and the customer record (one row each):
 * home purchase = mortgage opened; car purchase = a card/POS payment at a car dealer (MCC 5511/5521)
 * of at least 50,000 yuan; new job = first salary from a payer who did not pay salary before, after
 * at least two months of history; salary increase = a month's salary at least 20% above the average of
 * the three months before and the next month still 15% above (same payer: a raise, not a bonus), the latest such month; salary stopped = salary in at least
 * three months, none in the last 45 days; large inflow = a single receipt of ≥ 200,000 yuan and ≥ 5× the
 * customer's average monthly inflow, in the recent window; wealth maturity = a time deposit, CD or
 * wealth product maturing within 30 days either side of the as-of date; new credit = card or consumer
 * loan opened in the last 12 months; retirement age = a retail customer turning 60 (men) or 55 (women)
 * within a year either side.
 */
const lifeEventsSql = ({ recentDays }: Export360Params) => `
  WITH as_of AS (SELECT ${AS_OF} AS ts),
  accounts AS (
    SELECT a.id, a.customer_id, a.opened, a.maturity_date, a.balance, a.credit_limit, a.status,
      p.category, p.name AS product_name
    FROM raw_account a JOIN raw_product p ON p.id = a.product_id
  ),
  salary AS (
    SELECT customer_id, date_trunc('month', ts)::DATE AS month, min(ts)::DATE AS first_day,
      arg_max(coalesce(counterparty_name, ''), amount) AS payer, sum(amount) AS amount
    FROM raw_transaction WHERE type = 'salary' GROUP BY ALL
  ),
  salary_seq AS (
    SELECT *,
      row_number() OVER w AS n,
      avg(amount) OVER (PARTITION BY customer_id ORDER BY month ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING) AS prev_avg,
      lag(payer) OVER w AS prev_payer,
      lead(amount) OVER w AS next_amount,
      min(month) OVER (PARTITION BY customer_id, payer) AS payer_first_month
    FROM salary WINDOW w AS (PARTITION BY customer_id ORDER BY month)
  ),
  history_start AS (SELECT min(month) AS m FROM salary),
  inflow_avg AS (
    SELECT customer_id, sum(amount) / greatest(count(DISTINCT date_trunc('month', ts)), 1) AS monthly
    FROM raw_transaction WHERE amount > 0 GROUP BY customer_id
  ),
  events AS (
    SELECT customer_id, 'home_purchase' AS type, opened AS date, coalesce(credit_limit, -balance) AS amount,
      'mortgage account ' || id || ' opened (' || product_name || ')' AS evidence,
      '开立住房按揭贷款 ' || id || '（' || product_name || '）' AS evidence_zh
    FROM accounts WHERE category = 'mortgage'
    UNION ALL
    SELECT customer_id, 'car_purchase', ts::DATE, -amount,
      'payment of ' || (-amount)::VARCHAR || ' yuan at car dealer ' || coalesce(counterparty_name, ''),
      '在汽车经销商' || coalesce(counterparty_name, '') || '支付 ' || (-amount)::VARCHAR || ' 元'
    FROM raw_transaction WHERE mcc IN ('5511', '5521') AND amount <= -50000
    UNION ALL
    SELECT s.customer_id, 'new_job', s.first_day, s.amount,
      'first salary from ' || s.payer || (CASE WHEN s.prev_payer IS NOT NULL THEN ' (before: ' || s.prev_payer || ')' ELSE '' END),
      '首次收到' || s.payer || '发放的工资' || (CASE WHEN s.prev_payer IS NOT NULL THEN '（此前：' || s.prev_payer || '）' ELSE '' END)
    FROM salary_seq s
    WHERE s.month = s.payer_first_month AND s.payer <> ''
      AND s.month >= (SELECT m FROM history_start) + INTERVAL 2 MONTH
      AND (s.prev_payer IS NULL OR s.prev_payer <> s.payer)
    UNION ALL
    SELECT customer_id, 'salary_increase', arg_max(first_day, month), arg_max(amount, month),
      'monthly salary rose to ' || round(arg_max(amount, month))::BIGINT::VARCHAR || ' yuan from an average of ' || round(arg_max(prev_avg, month))::BIGINT::VARCHAR,
      '月工资由平均 ' || round(arg_max(prev_avg, month))::BIGINT::VARCHAR || ' 元升至 ' || round(arg_max(amount, month))::BIGINT::VARCHAR || ' 元'
    FROM salary_seq
    WHERE n >= 4 AND amount >= prev_avg * 1.2 AND next_amount >= prev_avg * 1.15 AND payer = prev_payer
    GROUP BY customer_id
    UNION ALL
    SELECT customer_id, 'salary_stopped', max(first_day), NULL,
      'no salary since ' || strftime(max(first_day), '%Y-%m-%d') || ' after ' || count(*)::VARCHAR || ' months of salary',
      '自 ' || strftime(max(first_day), '%Y-%m-%d') || ' 起未再收到工资（此前连续 ' || count(*)::VARCHAR || ' 个月）'
    FROM salary GROUP BY customer_id
    HAVING count(*) >= 3 AND max(first_day) < (SELECT ts FROM as_of)::DATE - INTERVAL 45 DAY
    UNION ALL
    SELECT t.customer_id, 'large_inflow', arg_max(t.ts, t.amount)::DATE, max(t.amount),
      'received ' || max(t.amount)::VARCHAR || ' yuan from ' || coalesce(arg_max(t.counterparty_name, t.amount), 'unknown'),
      '收到' || coalesce(arg_max(t.counterparty_name, t.amount), '未知对手方') || '转入 ' || max(t.amount)::VARCHAR || ' 元'
    FROM raw_transaction t JOIN inflow_avg i ON i.customer_id = t.customer_id
    WHERE t.amount >= 200000 AND t.amount >= 5 * i.monthly
      AND t.type IN ('transfer_in', 'cash_deposit', 'corporate_receipt')
      AND t.ts >= (SELECT ts FROM as_of) - INTERVAL ${Number(recentDays)} DAY
    GROUP BY t.customer_id
    UNION ALL
    SELECT customer_id, 'wealth_maturity', maturity_date, balance,
      product_name || ' (' || id || ') matures on ' || strftime(maturity_date, '%Y-%m-%d'),
      product_name || '（' || id || '）于 ' || strftime(maturity_date, '%Y-%m-%d') || ' 到期'
    FROM accounts
    WHERE category IN ('time_deposit', 'cd', 'wealth') AND maturity_date IS NOT NULL
      AND maturity_date BETWEEN (SELECT ts FROM as_of)::DATE - INTERVAL 30 DAY AND (SELECT ts FROM as_of)::DATE + INTERVAL 30 DAY
    UNION ALL
    SELECT customer_id, 'new_credit', opened, credit_limit,
      (CASE WHEN category = 'credit_card' THEN 'credit card ' ELSE 'consumer loan ' END) || id || ' opened',
      (CASE WHEN category = 'credit_card' THEN '新开信用卡 ' ELSE '新增消费贷款 ' END) || id
    FROM accounts
    WHERE category IN ('credit_card', 'consumer_loan') AND opened >= (SELECT ts FROM as_of)::DATE - INTERVAL 12 MONTH
    UNION ALL
    SELECT id, 'retirement_age', r.day, NULL,
      'reaches statutory retirement age ' || r.age::VARCHAR || ' on ' || strftime(r.day, '%Y-%m-%d'),
      strftime(r.day, '%Y-%m-%d') || ' 达到法定退休年龄 ' || r.age::VARCHAR || ' 岁'
    FROM (
      SELECT id, CASE WHEN gender = 'F' THEN 55 ELSE 60 END AS age,
        (birth_date + to_years(CASE WHEN gender = 'F' THEN 55 ELSE 60 END))::DATE AS day
      FROM raw_customer WHERE kind = 'retail' AND birth_date IS NOT NULL
    ) r
    WHERE r.day BETWEEN (SELECT ts FROM as_of)::DATE - INTERVAL 1 YEAR AND (SELECT ts FROM as_of)::DATE + INTERVAL 1 YEAR
  )
  SELECT customer_id, type, date, ${cents('amount')} AS amount, evidence, evidence_zh
  FROM events WHERE date IS NOT NULL
  ORDER BY customer_id, date DESC`;

/** The 360 serving tables publish replaces, after the base customer tables. */
const TABLE_360_EXPORTS: readonly Serving360Export[] = [
  {
    table: 'customer_event',
    columns: ['customer_id', 'ts', 'type', 'props'],
    sql: ({ recentDays }) => `
      SELECT customer_id, strftime(ts, '%Y-%m-%d %H:%M:%S+08') AS ts, type,
        CASE WHEN props IS NULL OR trim(props) = '' THEN NULL ELSE props END AS props
      FROM raw_event
      WHERE ts >= ${AS_OF} - INTERVAL ${Number(recentDays)} DAY
      ORDER BY customer_id, ts`,
  },
  {
    table: 'customer_relation',
    columns: [
      'customer_id',
      'entity_id',
      'name',
      'entity_kind',
      'relation',
      'direction',
      'pct',
      'amount',
      'since',
      'until',
      'related_customer_id',
    ],
    sql: () => `
      WITH ce AS (SELECT id AS entity_id, customer_id FROM raw_entity WHERE customer_id IS NOT NULL),
      edges AS (
        SELECT ce.customer_id, r.to_id AS other_id, r.type AS relation, 'outgoing' AS direction,
          r.pct, r.amount, r.since, r.until
        FROM raw_relation r JOIN ce ON ce.entity_id = r.from_id
        UNION ALL
        SELECT ce.customer_id, r.from_id, r.type, 'incoming', r.pct, r.amount, r.since, r.until
        FROM raw_relation r JOIN ce ON ce.entity_id = r.to_id
        UNION ALL
        -- sister companies: controlled by one of the customer's controlling parents
        SELECT DISTINCT ce.customer_id, r2.to_id, 'sibling', 'outgoing', NULL::DOUBLE, NULL::DECIMAL(18, 2),
          NULL::DATE, NULL::DATE
        FROM ce
        JOIN raw_relation r1 ON r1.to_id = ce.entity_id AND ${CONTROLS('r1')}
        JOIN raw_relation r2 ON r2.from_id = r1.from_id AND r2.to_id <> ce.entity_id AND ${CONTROLS('r2')}
      )
      SELECT e.customer_id, e.other_id AS entity_id, o.name, o.kind AS entity_kind, e.relation, e.direction,
        round(e.pct, 6) AS pct, ${cents('e.amount')} AS amount, e.since, e.until, o.customer_id AS related_customer_id
      FROM edges e JOIN raw_entity o ON o.id = e.other_id
      ORDER BY e.customer_id`,
  },
  {
    table: 'customer_signal',
    columns: ['id', 'customer_id', 'type', 'date', 'expiry', 'amount', 'description'],
    sql: () => `
      SELECT s.id, e.customer_id, s.type, s.date, s.expiry, ${cents('s.amount')} AS amount, s.description
      FROM raw_external_signal s JOIN raw_entity e ON e.id = s.entity_id
      WHERE e.customer_id IS NOT NULL
      ORDER BY e.customer_id, s.date`,
  },
  {
    table: 'customer_news',
    columns: ['customer_id', 'news_id', 'ts', 'title', 'source', 'event_type', 'sentiment'],
    sql: () => `
      WITH links AS (
        SELECT DISTINCT n.id, trim(unnest(string_split(n.entity_ids, ';'))) AS entity_id
        FROM raw_news n WHERE n.entity_ids IS NOT NULL
      )
      SELECT DISTINCT e.customer_id, n.id AS news_id, strftime(n.ts, '%Y-%m-%d %H:%M:%S+08') AS ts, n.title,
        n.source, n.event_type, n.sentiment
      FROM links l JOIN raw_entity e ON e.id = l.entity_id JOIN raw_news n ON n.id = l.id
      WHERE e.customer_id IS NOT NULL
      ORDER BY 1, 3`,
  },
  {
    table: 'life_event',
    columns: ['customer_id', 'type', 'date', 'amount', 'evidence', 'evidence_zh'],
    sql: lifeEventsSql,
  },
];

const exportSql = (
  exports: readonly Pick<Serving360Export, 'table' | 'sql'>[],
  table: string,
  params: Export360Params,
): string => {
  const found = exports.find((e) => e.table === table);
  if (!found) throw new Error(`publish: no serving export for table ${table}`);
  return found.sql(params);
};

/** 'YYYY-MM-DD HH:MM:SS+08' (the serving CSV spelling) → ISO 8601, which JavaScript's Date parses. */
const iso = (column: string) => `replace(${column}, ' ', 'T') || ':00'`;

/**
 * The batch-derived inputs of each customer's 360 view as one JSON text (customer_360.doc): counterparty
 * and channel aggregates of the recent transactions, event counts and the 30 latest events, graph edges,
 * signals, the 20 latest news and life events, each in the order the view shows them. It is built from
 * the very queries that fill the serving tables, so the document and the tables cannot disagree.
 */
const customer360DocSql = (params: Export360Params) => `
  WITH rt AS (${exportSql(SERVING_EXPORTS, 'recent_transaction', params)}),
  ev AS (${exportSql(TABLE_360_EXPORTS, 'customer_event', params)}),
  rel AS (${exportSql(TABLE_360_EXPORTS, 'customer_relation', params)}),
  sig AS (${exportSql(TABLE_360_EXPORTS, 'customer_signal', params)}),
  news AS (${exportSql(TABLE_360_EXPORTS, 'customer_news', params)}),
  life AS (${exportSql(TABLE_360_EXPORTS, 'life_event', params)}),
  cp AS (
    SELECT customer_id, list({'direction': direction, 'name': name, 'bank': bank, 'amountCents': amount, 'count': n}
      ORDER BY direction, amount DESC, name) AS v
    FROM (
      SELECT customer_id, CASE WHEN amount >= 0 THEN 'in' ELSE 'out' END AS direction,
        counterparty_name AS name, counterparty_bank AS bank, sum(abs(amount))::BIGINT AS amount, count(*) AS n
      FROM rt GROUP BY ALL
    ) GROUP BY customer_id
  ),
  ch AS (
    SELECT customer_id, list({'channel': channel, 'type': type, 'count': n, 'amountCents': amount, 'lastTs': ${iso('last_ts')}}
      ORDER BY channel, type) AS v
    FROM (
      SELECT customer_id, channel, type, count(*) AS n, sum(abs(amount))::BIGINT AS amount, max(ts) AS last_ts
      FROM rt GROUP BY ALL
    ) GROUP BY customer_id
  ),
  evt AS (
    SELECT customer_id, list({'type': type, 'count': n} ORDER BY n DESC, type) AS v,
      sum(CASE WHEN type = 'login' THEN n ELSE 0 END)::BIGINT AS logins
    FROM (SELECT customer_id, type, count(*) AS n FROM ev GROUP BY ALL) GROUP BY customer_id
  ),
  evr AS (
    SELECT customer_id, list({'ts': ${iso('ts')}, 'type': type, 'props': CAST(props AS JSON)} ORDER BY ts DESC) AS v
    FROM (SELECT *, row_number() OVER (PARTITION BY customer_id ORDER BY ts DESC) AS k FROM ev) WHERE k <= 30
    GROUP BY customer_id
  ),
  relj AS (
    SELECT customer_id, list({'entityId': entity_id, 'name': name, 'entityKind': entity_kind, 'relation': relation,
        'direction': direction, 'pct': pct, 'amountCents': amount, 'since': CAST(since AS VARCHAR),
        'until': CAST(until AS VARCHAR), 'relatedCustomerId': related_customer_id}
      ORDER BY relation, pct DESC NULLS LAST, amount DESC NULLS LAST, name) AS v
    FROM rel GROUP BY customer_id
  ),
  sigj AS (
    SELECT customer_id, list({'id': id, 'type': type, 'date': CAST(date AS VARCHAR), 'expiry': CAST(expiry AS VARCHAR),
        'amountCents': amount, 'description': description} ORDER BY date DESC, id) AS v
    FROM sig GROUP BY customer_id
  ),
  newsj AS (
    SELECT customer_id, list({'id': news_id, 'ts': ${iso('ts')}, 'title': title, 'source': source,
        'eventType': event_type, 'sentiment': sentiment} ORDER BY ts DESC) AS v
    FROM (SELECT *, row_number() OVER (PARTITION BY customer_id ORDER BY ts DESC) AS k FROM news) WHERE k <= 20
    GROUP BY customer_id
  ),
  lifej AS (
    SELECT customer_id, list({'type': type, 'date': CAST(date AS VARCHAR), 'amountCents': amount,
        'evidence': evidence, 'evidenceZh': evidence_zh} ORDER BY date DESC, type) AS v
    FROM life GROUP BY customer_id
  )
  SELECT c.id AS customer_id, CAST(to_json({
      'counterparties': coalesce(cp.v, []), 'channelTypes': coalesce(ch.v, []),
      'appLogins': coalesce(evt.logins, 0), 'eventTypes': coalesce(evt.v, []),
      'recentEvents': coalesce(evr.v, []), 'relations': coalesce(relj.v, []),
      'signals': coalesce(sigj.v, []), 'news': coalesce(newsj.v, []), 'lifeEvents': coalesce(lifej.v, [])
    }) AS VARCHAR) AS doc
  FROM raw_customer c
  LEFT JOIN cp ON cp.customer_id = c.id LEFT JOIN ch ON ch.customer_id = c.id
  LEFT JOIN evt ON evt.customer_id = c.id LEFT JOIN evr ON evr.customer_id = c.id
  LEFT JOIN relj ON relj.customer_id = c.id LEFT JOIN sigj ON sigj.customer_id = c.id
  LEFT JOIN newsj ON newsj.customer_id = c.id LEFT JOIN lifej ON lifej.customer_id = c.id
  ORDER BY c.id`;

/** The 360 serving tables publish replaces, after the base customer tables; customer_360 last. */
export const SERVING_360_EXPORTS: readonly Serving360Export[] = [
  ...TABLE_360_EXPORTS,
  { table: 'customer_360', columns: ['customer_id', 'doc'], sql: customer360DocSql },
];
