/**
 * The columns of `customer_features`, each with its type, bilingual description and the SQL that
 * computes it in the final SELECT over raw_customer `c` and the step tables (`t` transactions,
 * `b` month-end balances, `a` accounts, `e` app events, `g` enterprise graph and signals). One
 * list drives the CREATE statement, FEATURE_COLUMNS and docs/features.md, so they cannot drift.
 */
import {
  CARD_INTERCHANGE_RATE,
  CATEGORY_LABELS,
  CHANNEL_FEATURES,
  DEPOSIT_CATEGORIES,
  INVESTMENT_CATEGORIES,
  LARGE_OUTFLOW_YUAN,
  LOAN_CATEGORIES,
  REVENUE_RATES,
  SIGNAL_LABELS,
  SPEND_GROUPS,
  TYPE_FEATURES,
  WINDOWS,
} from './feature-vocabulary.ts';

/** DuckDB types feature columns have. */
export type FeatureType = 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'DATE' | 'BOOLEAN';

/** Sections of the feature table (for the docs and the tag editor's column picker). */
export const FEATURE_GROUPS = {
  key: { zh: '主键与归属', en: 'Keys and ownership' },
  customer: { zh: '客户属性', en: 'Customer attributes' },
  transaction: { zh: '交易（窗口聚合）', en: 'Transactions (windowed aggregates)' },
  asset: { zh: '资产与持仓', en: 'Assets and holdings' },
  liability: { zh: '负债与还款', en: 'Liabilities and repayment' },
  behaviour: { zh: '渠道与行为', en: 'Channels and behaviour' },
  corporate: { zh: '对公与企业图谱', en: 'Corporate and enterprise graph' },
  value: { zh: '价值与评分', en: 'Value and scores' },
} as const;

/** A section of the feature table. */
export type FeatureGroup = keyof typeof FEATURE_GROUPS;

/** One documented column of customer_features. */
export interface FeatureColumn {
  name: string;
  type: FeatureType;
  /** Chinese description. */
  zh: string;
  /** English description. */
  en: string;
  group: FeatureGroup;
}

/** A feature column with the SQL expression that computes it in the final SELECT. */
export interface FeatureColumnSpec extends FeatureColumn {
  sql: string;
}

const specs: FeatureColumnSpec[] = [];
const add = (
  group: FeatureGroup,
  name: string,
  type: FeatureType,
  zh: string,
  en: string,
  sql: string,
): void => {
  specs.push({ name, type, zh, en, group, sql });
};
/** A count from a step table: 0 when the customer has no rows there. */
const n = (ref: string) => `CAST(coalesce(${ref}, 0) AS INTEGER)`;
/** An amount from a step table, rounded to cents: 0 when the customer has no rows there. */
const y = (ref: string) => `round(coalesce(${ref}, 0), 2)`;
/** A ratio that is NULL when the denominator is not positive. */
const ratio = (num: string, den: string) => `CASE WHEN (${den}) > 0 THEN round((${num}) / (${den}), 4) END`;
const AS_OF = 'p.as_of';

// ── keys ────────────────────────────────────────────────────────────────────────────────────────
add('key', 'customer_id', 'VARCHAR', '客户号', 'Customer id', 'c.id');
add('key', 'cno', 'INTEGER', '客户序号（位图键）', 'Dense customer number (bitmap key)', 'c.cno');
add('key', 'kind', 'VARCHAR', '客户类型：retail 个人 / corporate 对公', 'retail or corporate', 'c.kind');
add('key', 'home_branch_id', 'VARCHAR', '归属机构', 'Home branch id', 'c.home_branch_id');
add('key', 'rm_id', 'VARCHAR', '客户经理', 'Assigned relationship manager id', "nullif(c.rm_id, '')");
add('key', 'as_of_date', 'DATE', '特征计算基准日', 'As-of date the features are computed for', AS_OF);

// ── customer attributes ───────────────────────────────────────────────────────────────────────────
add(
  'customer',
  'customer_status',
  'VARCHAR',
  '客户状态（active/dormant/closed）',
  'Customer status (active, dormant, closed)',
  'c.status',
);
add('customer', 'gender', 'VARCHAR', '性别 M/F（个人）', 'Gender M or F (retail)', 'c.gender');
add(
  'customer',
  'age',
  'INTEGER',
  '基准日周岁年龄（个人）',
  'Age in whole years on the as-of date (retail)',
  `CASE WHEN c.birth_date IS NOT NULL THEN CAST(year(${AS_OF}) - year(c.birth_date)
     - CASE WHEN strftime(${AS_OF}, '%m%d') < strftime(c.birth_date, '%m%d') THEN 1 ELSE 0 END AS INTEGER) END`,
);
add(
  'customer',
  'birth_month',
  'INTEGER',
  '出生月份 1–12（个人）',
  'Birth month 1–12 (retail)',
  'CAST(month(c.birth_date) AS INTEGER)',
);
add(
  'customer',
  'days_to_birthday',
  'INTEGER',
  '距下一个生日的天数（0 为当天）',
  'Days until the next birthday (0 on the day)',
  // birth_date + N years clamps 29 February to the 28th in other years.
  `CASE WHEN c.birth_date IS NOT NULL THEN CAST(date_diff('day', ${AS_OF}, CASE
     WHEN CAST(c.birth_date + to_years(CAST(year(${AS_OF}) - year(c.birth_date) AS INTEGER)) AS DATE) >= ${AS_OF}
     THEN CAST(c.birth_date + to_years(CAST(year(${AS_OF}) - year(c.birth_date) AS INTEGER)) AS DATE)
     ELSE CAST(c.birth_date + to_years(CAST(year(${AS_OF}) - year(c.birth_date) + 1 AS INTEGER)) AS DATE) END) AS INTEGER) END`,
);
add('customer', 'city', 'VARCHAR', '城市', 'City', 'c.city');
add(
  'customer',
  'city_tier',
  'VARCHAR',
  '城市等级：1 一线 / new1 新一线 / 2 二线 / 3 三线及以下',
  'City tier: 1 first, new1 new first, 2 second, 3 third and below',
  "CASE WHEN c.city IS NULL THEN NULL ELSE coalesce(ct.tier, '3') END",
);
add('customer', 'occupation', 'VARCHAR', '职业（个人）', 'Occupation (retail)', 'c.occupation');
add(
  'customer',
  'income_band',
  'VARCHAR',
  '月收入区间（个人）',
  'Monthly income band (retail)',
  'c.income_band',
);
add(
  'customer',
  'income_band_rank',
  'INTEGER',
  '月收入区间序号 1（<5k）–5（50k+）',
  'Income band as a rank 1 (<5k) to 5 (50k+)',
  "CASE c.income_band WHEN '<5k' THEN 1 WHEN '5k-10k' THEN 2 WHEN '10k-20k' THEN 3 WHEN '20k-50k' THEN 4 WHEN '50k+' THEN 5 END",
);
add(
  'customer',
  'risk_tolerance',
  'VARCHAR',
  '风险承受能力评级 C1–C5',
  'Risk tolerance assessment C1–C5',
  'c.risk_tolerance',
);
add(
  'customer',
  'risk_tolerance_level',
  'INTEGER',
  '风险承受能力等级数值 1–5',
  'Risk tolerance as a number 1–5',
  'TRY_CAST(substr(c.risk_tolerance, 2) AS INTEGER)',
);
add('customer', 'onboard_date', 'DATE', '开户（建立关系）日期', 'Date the customer joined', 'c.onboard_date');
add(
  'customer',
  'tenure_months',
  'INTEGER',
  '客户关系月数',
  'Months since the customer joined',
  `CAST(greatest(0, date_diff('month', c.onboard_date, ${AS_OF})) AS INTEGER)`,
);
add('customer', 'consent_marketing', 'BOOLEAN', '同意营销', 'Consents to marketing', 'c.consent_marketing');
add('customer', 'consent_sms', 'BOOLEAN', '同意短信', 'Consents to SMS', 'c.consent_sms');
add('customer', 'consent_phone', 'BOOLEAN', '同意电话', 'Consents to phone calls', 'c.consent_phone');

// ── transactions ─────────────────────────────────────────────────────────────────────────────────
for (const w of WINDOWS) {
  add(
    'transaction',
    `txn_count_${w}d`,
    'INTEGER',
    `近${w}天主动交易笔数（不含利息、费用、到期与扣款失败记录）`,
    `Customer transactions in the last ${w} days (interest, fees, maturities and failed-debit records excluded)`,
    n(`t.txn_count_${w}d`),
  );
  add(
    'transaction',
    `inflow_amount_${w}d`,
    'DOUBLE',
    `近${w}天外部资金流入金额（元，不含本人账户间划转）`,
    `External inflow in the last ${w} days, yuan (transfers between the customer's own accounts excluded)`,
    y(`t.inflow_amount_${w}d`),
  );
  add(
    'transaction',
    `inflow_count_${w}d`,
    'INTEGER',
    `近${w}天外部资金流入笔数`,
    `External inflow transactions in the last ${w} days`,
    n(`t.inflow_count_${w}d`),
  );
  add(
    'transaction',
    `outflow_amount_${w}d`,
    'DOUBLE',
    `近${w}天外部资金流出金额（元，正数）`,
    `External outflow in the last ${w} days, yuan (positive)`,
    y(`t.outflow_amount_${w}d`),
  );
  add(
    'transaction',
    `outflow_count_${w}d`,
    'INTEGER',
    `近${w}天外部资金流出笔数`,
    `External outflow transactions in the last ${w} days`,
    n(`t.outflow_count_${w}d`),
  );
}
add(
  'transaction',
  'net_flow_90d',
  'DOUBLE',
  '近90天外部净流入（元，流入−流出）',
  'Net external flow in the last 90 days, yuan (inflow − outflow)',
  `${y('t.inflow_amount_90d')} - ${y('t.outflow_amount_90d')}`,
);
add(
  'transaction',
  'max_inflow_90d',
  'DOUBLE',
  '近90天单笔最大外部流入（元）',
  'Largest single external inflow in the last 90 days, yuan',
  y('t.max_inflow_90d'),
);
add(
  'transaction',
  'max_outflow_90d',
  'DOUBLE',
  '近90天单笔最大外部流出（元）',
  'Largest single external outflow in the last 90 days, yuan',
  y('t.max_outflow_90d'),
);
add(
  'transaction',
  'large_outflow_count_90d',
  'INTEGER',
  `近90天单笔≥${LARGE_OUTFLOW_YUAN}元的外部流出笔数`,
  `External outflows of at least ${LARGE_OUTFLOW_YUAN} yuan in the last 90 days`,
  n('t.large_outflow_count_90d'),
);
for (const f of TYPE_FEATURES) {
  const dir = f.direction === 'in' ? '入账' : '出账';
  const leg = f.direction === 'in' ? 'credit' : 'debit';
  add(
    'transaction',
    `${f.type}_count_30d`,
    'INTEGER',
    `近30天${f.zh}笔数（${dir}方）`,
    `${f.en} in the last 30 days (${leg} legs)`,
    n(`t.${f.type}_count_30d`),
  );
  add(
    'transaction',
    `${f.type}_count_90d`,
    'INTEGER',
    `近90天${f.zh}笔数（${dir}方）`,
    `${f.en} in the last 90 days (${leg} legs)`,
    n(`t.${f.type}_count_90d`),
  );
  add(
    'transaction',
    `${f.type}_amount_90d`,
    'DOUBLE',
    `近90天${f.zh}金额（元，正数）`,
    `Amount of ${f.en} in the last 90 days, yuan (positive)`,
    y(`t.${f.type}_amount_90d`),
  );
}
add(
  'transaction',
  'salary_count_365d',
  'INTEGER',
  '近365天代发工资入账笔数',
  'Salary credits in the last 365 days',
  n('t.salary_count_365d'),
);
add(
  'transaction',
  'salary_amount_365d',
  'DOUBLE',
  '近365天代发工资金额（元）',
  'Salary credited in the last 365 days, yuan',
  y('t.salary_amount_365d'),
);
add(
  'transaction',
  'salary_monthly_median_180d',
  'DOUBLE',
  '近180天单笔代发工资中位数（元，≈月薪）',
  'Median salary credit in the last 180 days, yuan (≈ monthly salary)',
  'round(t.salary_median_180d, 2)',
);
add(
  'transaction',
  'salary_months_6m',
  'INTEGER',
  '最近6个自然月（含当月）中有代发工资的月数',
  'Months with a salary credit among the last 6 calendar months (as-of month included)',
  'CAST(bit_count(coalesce(t.salary_mask, 0) & 63) AS INTEGER)',
);
add(
  'transaction',
  'last_salary_date',
  'DATE',
  '最近一次代发工资日期',
  'Date of the last salary credit',
  't.last_salary_date',
);
add(
  'transaction',
  'days_since_last_salary',
  'INTEGER',
  '距最近一次代发工资天数',
  'Days since the last salary credit',
  `CAST(date_diff('day', t.last_salary_date, ${AS_OF}) AS INTEGER)`,
);
add(
  'transaction',
  'transfer_out_other_bank_amount_30d',
  'DOUBLE',
  '近30天转出至他行金额（元）',
  'Transfers out to other banks in the last 30 days, yuan',
  y('t.other_bank_out_amount_30d'),
);
add(
  'transaction',
  'transfer_out_other_bank_amount_90d',
  'DOUBLE',
  '近90天转出至他行金额（元）',
  'Transfers out to other banks in the last 90 days, yuan',
  y('t.other_bank_out_amount_90d'),
);
add(
  'transaction',
  'transfer_out_other_bank_count_90d',
  'INTEGER',
  '近90天转出至他行笔数',
  'Transfers out to other banks in the last 90 days',
  n('t.other_bank_out_count_90d'),
);
add(
  'transaction',
  'large_transfer_out_other_bank_count_90d',
  'INTEGER',
  `近90天单笔≥${LARGE_OUTFLOW_YUAN}元转出至他行笔数`,
  `Transfers of at least ${LARGE_OUTFLOW_YUAN} yuan to other banks in the last 90 days`,
  n('t.large_other_bank_out_count_90d'),
);
add(
  'transaction',
  'large_transfer_out_other_bank_amount_90d',
  'DOUBLE',
  `近90天单笔≥${LARGE_OUTFLOW_YUAN}元转出至他行金额（元）`,
  `Amount of transfers of at least ${LARGE_OUTFLOW_YUAN} yuan to other banks in the last 90 days, yuan`,
  y('t.large_other_bank_out_amount_90d'),
);
add(
  'transaction',
  'transfer_in_other_bank_amount_90d',
  'DOUBLE',
  '近90天自他行转入金额（元）',
  'Transfers in from other banks in the last 90 days, yuan',
  y('t.other_bank_in_amount_90d'),
);
add(
  'transaction',
  'internet_wealth_amount_90d',
  'DOUBLE',
  '近90天转入互联网理财平台（余额宝、理财通等）金额（元）',
  "Paid to internet wealth platforms (Yu'e Bao, Licaitong …) in the last 90 days, yuan",
  y('t.internet_wealth_amount_90d'),
);
add(
  'transaction',
  'internet_wealth_count_90d',
  'INTEGER',
  '近90天转入互联网理财平台笔数',
  'Payments to internet wealth platforms in the last 90 days',
  n('t.internet_wealth_count_90d'),
);
add(
  'transaction',
  'internet_wealth_amount_365d',
  'DOUBLE',
  '近365天转入互联网理财平台金额（元）',
  'Paid to internet wealth platforms in the last 365 days, yuan',
  y('t.internet_wealth_amount_365d'),
);
add(
  'transaction',
  'wallet_topup_amount_90d',
  'DOUBLE',
  '近90天充值至支付宝/微信零钱金额（元）',
  'Top-ups of Alipay / WeChat wallets in the last 90 days, yuan',
  y('t.wallet_topup_amount_90d'),
);
add(
  'transaction',
  'counterparty_count_90d',
  'INTEGER',
  '近90天外部交易对手数（按名称去重）',
  'Distinct external counterparties (by name) in the last 90 days',
  n('t.counterparty_count_90d'),
);
add(
  'transaction',
  'counterparty_count_365d',
  'INTEGER',
  '近365天外部交易对手数（按名称去重）',
  'Distinct external counterparties (by name) in the last 365 days',
  n('t.counterparty_count_365d'),
);
for (const g of SPEND_GROUPS) {
  add(
    'transaction',
    `spend_${g.key}_${g.days}d`,
    'DOUBLE',
    `近${g.days}天${g.zh}金额（元）`,
    `Spending on ${g.en} in the last ${g.days} days, yuan`,
    y(`t.spend_${g.key}_${g.days}d`),
  );
}
add(
  'transaction',
  'card_spending_amount_30d',
  'DOUBLE',
  '近30天信用卡消费金额（元）',
  'Credit-card spending in the last 30 days, yuan',
  y('t.card_spending_amount_30d'),
);
add(
  'transaction',
  'spending_amount_30d',
  'DOUBLE',
  '近30天消费金额（借记+信用卡，元）',
  'Spending (debit and credit card) in the last 30 days, yuan',
  y('t.all_spending_amount_30d'),
);
add(
  'transaction',
  'repayment_failed_count_90d',
  'INTEGER',
  '近90天扣款失败（逾期）次数',
  'Failed loan or card debits (missed payments) in the last 90 days',
  n('t.repayment_failed_count_90d'),
);
add(
  'transaction',
  'repayment_failed_count_365d',
  'INTEGER',
  '近365天扣款失败次数',
  'Failed loan or card debits in the last 365 days',
  n('t.repayment_failed_count_365d'),
);
add(
  'transaction',
  'last_repayment_failed_date',
  'DATE',
  '最近一次扣款失败日期',
  'Date of the last failed debit',
  't.last_repayment_failed_date',
);
add(
  'transaction',
  'settlement_amount_90d',
  'DOUBLE',
  '近90天对公结算量（收付款合计，元）',
  'Corporate settlement volume in the last 90 days (payments + receipts), yuan',
  `${y('t.corporate_payment_amount_90d')} + ${y('t.corporate_receipt_amount_90d')}`,
);
add(
  'transaction',
  'settlement_amount_365d',
  'DOUBLE',
  '近365天对公结算量（收付款合计，元）',
  'Corporate settlement volume in the last 365 days, yuan',
  y('t.settlement_amount_365d'),
);
add(
  'transaction',
  'settlement_count_365d',
  'INTEGER',
  '近365天对公结算笔数',
  'Corporate settlement transactions in the last 365 days',
  n('t.settlement_count_365d'),
);

// ── channels and behaviour ─────────────────────────────────────────────────────────────────────
for (const ch of CHANNEL_FEATURES) {
  add(
    'behaviour',
    `channel_${ch.channel}_count_90d`,
    'INTEGER',
    `近90天${ch.zh}渠道交易笔数`,
    `Transactions through ${ch.en} in the last 90 days`,
    n(`t.channel_${ch.channel}_count_90d`),
  );
}
{
  const counts = CHANNEL_FEATURES.map((ch) => n(`t.channel_${ch.channel}_count_90d`));
  const best = `greatest(${counts.join(', ')})`;
  add(
    'behaviour',
    'main_channel_90d',
    'VARCHAR',
    '近90天主要交易渠道（笔数最多者）',
    'Channel with the most transactions in the last 90 days',
    `CASE WHEN ${best} = 0 THEN NULL ${CHANNEL_FEATURES.map((ch, i) => `WHEN ${counts[i]} = ${best} THEN '${ch.channel}'`).join(' ')} END`,
  );
  add(
    'behaviour',
    'digital_txn_ratio_90d',
    'DOUBLE',
    '近90天数字渠道（手机/网银/微信/支付宝）交易占比',
    'Share of transactions in the last 90 days made through digital channels (mobile, online, WeChat Pay, Alipay)',
    ratio(`${n('t.digital_count_90d')}`, counts.join(' + ')),
  );
}
add(
  'behaviour',
  'last_txn_date',
  'DATE',
  '最近一次主动交易日期',
  'Date of the last customer transaction',
  't.last_txn_date',
);
add(
  'behaviour',
  'first_txn_date',
  'DATE',
  '数据中最早一次主动交易日期',
  'Date of the first customer transaction in the data',
  't.first_txn_date',
);
add(
  'behaviour',
  'days_since_last_txn',
  'INTEGER',
  '距最近一次主动交易天数（无交易时按开户日计）',
  'Days since the last customer transaction (since joining when there is none)',
  `CAST(greatest(0, date_diff('day', coalesce(t.last_txn_date, c.onboard_date), ${AS_OF})) AS INTEGER)`,
);
add(
  'behaviour',
  'active_months_12m',
  'INTEGER',
  '最近12个自然月中有主动交易的月数',
  'Months with customer transactions among the last 12 calendar months',
  'CAST(bit_count(coalesce(t.active_mask, 0) & 4095) AS INTEGER)',
);
add(
  'behaviour',
  'active_months_3m',
  'INTEGER',
  '最近3个自然月中有主动交易的月数',
  'Months with customer transactions among the last 3 calendar months',
  'CAST(bit_count(coalesce(t.active_mask, 0) & 7) AS INTEGER)',
);
add(
  'behaviour',
  'reactivated_months_ago',
  'INTEGER',
  '沉睡后重新活跃距今月数：最近一个有交易、且之前连续≥3个月（或自数据起始≥2个月且早已开户）无交易的月份；无则为空',
  'Months ago the customer became active again: the latest month with transactions preceded by ≥ 3 silent months (or ≥ 2 silent months back to the start of the data for a customer who joined before it); NULL when none',
  `list_min(list_filter(range(0, 12), k ->
     ((coalesce(t.active_mask, 0) >> k) & 1) = 1 AND (
       (((coalesce(t.active_mask, 0) >> (k + 1)) & 7) = 0 AND k + 3 < p.coverage_months
         AND date_diff('month', c.onboard_date, ${AS_OF}) > k + 3)
       OR ((coalesce(t.active_mask, 0) >> (k + 1)) = 0 AND k + 2 < p.coverage_months
         AND date_diff('month', c.onboard_date, ${AS_OF}) >= p.coverage_months))))`,
);
add(
  'behaviour',
  'login_count_7d',
  'INTEGER',
  '近7天App登录次数',
  'App logins in the last 7 days',
  n('e.login_count_7d'),
);
add(
  'behaviour',
  'login_count_30d',
  'INTEGER',
  '近30天App登录次数',
  'App logins in the last 30 days',
  n('e.login_count_30d'),
);
add(
  'behaviour',
  'login_count_90d',
  'INTEGER',
  '近90天App登录次数',
  'App logins in the last 90 days',
  n('e.login_count_90d'),
);
add(
  'behaviour',
  'login_days_30d',
  'INTEGER',
  '近30天有App登录的天数',
  'Days with an app login in the last 30 days',
  'CAST(bit_count(coalesce(e.login_day_mask, 0)) AS INTEGER)',
);
add(
  'behaviour',
  'last_login_date',
  'DATE',
  '最近一次App登录日期',
  'Date of the last app login',
  'e.last_login_date',
);
add(
  'behaviour',
  'days_since_last_login',
  'INTEGER',
  '距最近一次App登录天数',
  'Days since the last app login',
  `CAST(date_diff('day', e.last_login_date, ${AS_OF}) AS INTEGER)`,
);
add(
  'behaviour',
  'app_event_count_30d',
  'INTEGER',
  '近30天App行为事件数',
  'App events in the last 30 days',
  n('e.event_count_30d'),
);
add(
  'behaviour',
  'product_view_count_30d',
  'INTEGER',
  '近30天浏览产品次数',
  'Product views in the last 30 days',
  n('e.product_view_count_30d'),
);
add(
  'behaviour',
  'wealth_view_count_30d',
  'INTEGER',
  '近30天浏览理财/基金/保险产品次数',
  'Views of wealth, fund or insurance products in the last 30 days',
  n('e.wealth_view_count_30d'),
);
add(
  'behaviour',
  'loan_view_count_30d',
  'INTEGER',
  '近30天浏览贷款/信用卡产品次数',
  'Views of loan or credit-card products in the last 30 days',
  n('e.loan_view_count_30d'),
);
add(
  'behaviour',
  'search_count_30d',
  'INTEGER',
  '近30天App搜索次数',
  'App searches in the last 30 days',
  n('e.search_count_30d'),
);

// ── assets and holdings ─────────────────────────────────────────────────────────────────────────
const LIABILITY = new Set<string>([...LOAN_CATEGORIES, 'credit_card']);
for (const [category, label] of Object.entries(CATEGORY_LABELS)) {
  const group: FeatureGroup = LIABILITY.has(category) ? 'liability' : 'asset';
  add(
    group,
    `holding_count_${category}`,
    'INTEGER',
    `持有中的${label.zh}账户数`,
    `Open ${label.en} accounts`,
    n(`a.holding_count_${category}`),
  );
  add(
    group,
    `balance_${category}`,
    'DOUBLE',
    LIABILITY.has(category) ? `${label.zh}未还余额（元，正数）` : `${label.zh}余额（元）`,
    LIABILITY.has(category)
      ? `Outstanding ${label.en} balance, yuan (positive)`
      : `${label.en} balance, yuan`,
    y(`a.balance_${category}`),
  );
}
const bal = (cats: readonly string[]) => cats.map((cat) => y(`a.balance_${cat}`)).join(' + ');
add(
  'asset',
  'deposit_balance',
  'DOUBLE',
  '存款余额（活期、定期、大额存单、代发、对公结算，元）',
  'Deposits (current, time, CDs, payroll, corporate settlement), yuan',
  bal(DEPOSIT_CATEGORIES),
);
add(
  'asset',
  'investment_balance',
  'DOUBLE',
  '投资类余额（理财、基金、保险，元）',
  'Investments (wealth, funds, insurance), yuan',
  bal(INVESTMENT_CATEGORIES),
);
add(
  'asset',
  'aum',
  'DOUBLE',
  '当前管理资产 AUM（存款+投资，元）',
  'Assets under management now (deposits + investments), yuan',
  `${bal(DEPOSIT_CATEGORIES)} + ${bal(INVESTMENT_CATEGORIES)}`,
);
add(
  'asset',
  'wealth_share_of_aum',
  'DOUBLE',
  '投资类资产占 AUM 比例',
  'Investments as a share of AUM',
  ratio(bal(INVESTMENT_CATEGORIES), `${bal(DEPOSIT_CATEGORIES)} + ${bal(INVESTMENT_CATEGORIES)}`),
);
for (const m of [1, 3, 6, 12]) {
  add(
    'asset',
    `aum_${m}m_ago`,
    'DOUBLE',
    `${m}个月前月末 AUM（元；无数据为空）`,
    `AUM at the month end ${m} month${m > 1 ? 's' : ''} before the as-of month, yuan (NULL without data)`,
    `round(b.aum_m${m}, 2)`,
  );
}
add(
  'asset',
  'aum_avg_3m',
  'DOUBLE',
  '近3个月月末 AUM 均值（元）',
  'Average month-end AUM over the last 3 months, yuan',
  'round(b.aum_avg_3m, 2)',
);
add(
  'asset',
  'aum_max_12m',
  'DOUBLE',
  '近12个月月末 AUM 最高值（元）',
  'Highest month-end AUM over the last 12 months, yuan',
  'round(b.aum_max_12m, 2)',
);
add(
  'asset',
  'deposit_balance_3m_ago',
  'DOUBLE',
  '3个月前月末存款余额（元）',
  'Deposits at the month end 3 months ago, yuan',
  'round(b.deposit_m3, 2)',
);
add(
  'asset',
  'investment_balance_3m_ago',
  'DOUBLE',
  '3个月前月末投资类余额（元）',
  'Investments at the month end 3 months ago, yuan',
  'round(b.investment_m3, 2)',
);
add(
  'asset',
  'aum_change_3m_pct',
  'DOUBLE',
  'AUM 较3个月前变化率（当前/3个月前−1；3个月前≤0 为空）',
  'AUM change against 3 months ago (now / then − 1; NULL when then ≤ 0)',
  `CASE WHEN b.aum_m3 > 0 THEN round((${bal(DEPOSIT_CATEGORIES)} + ${bal(INVESTMENT_CATEGORIES)}) / b.aum_m3 - 1, 4) END`,
);
add(
  'asset',
  'aum_change_12m_pct',
  'DOUBLE',
  'AUM 较12个月前变化率',
  'AUM change against 12 months ago',
  `CASE WHEN b.aum_m12 > 0 THEN round((${bal(DEPOSIT_CATEGORIES)} + ${bal(INVESTMENT_CATEGORIES)}) / b.aum_m12 - 1, 4) END`,
);
add(
  'asset',
  'product_count',
  'INTEGER',
  '持有产品类别数（持有中账户的不同类别）',
  'Product categories held (distinct categories of open accounts)',
  n('a.product_count'),
);
add('asset', 'account_count', 'INTEGER', '持有中账户数', 'Open accounts', n('a.account_count'));
add(
  'asset',
  'maturing_30d_count',
  'INTEGER',
  '未来30天内到期的存款/理财/保险账户数',
  'Deposits, wealth and insurance holdings maturing within 30 days',
  n('a.maturing_30d_count'),
);
add(
  'asset',
  'maturing_30d_amount',
  'DOUBLE',
  '未来30天内到期金额（元）',
  'Balance maturing within 30 days, yuan',
  y('a.maturing_30d_amount'),
);
add(
  'asset',
  'max_product_risk_level',
  'INTEGER',
  '持有投资产品的最高风险等级 1–5（R1–R5；无为空）',
  'Highest risk level (1–5 for R1–R5) among investments held; NULL when none',
  'a.max_product_risk_level',
);
add(
  'asset',
  'above_tolerance_count',
  'INTEGER',
  '风险等级高于客户风险承受能力的持有产品数',
  "Holdings whose product risk level is above the customer's risk tolerance",
  n('a.above_tolerance_count'),
);
add(
  'asset',
  'accounts_opened_90d',
  'INTEGER',
  '近90天新开账户数',
  'Accounts opened in the last 90 days',
  n('a.accounts_opened_90d'),
);
add(
  'asset',
  'accounts_closed_90d',
  'INTEGER',
  '近90天销户/结清账户数',
  'Accounts closed in the last 90 days',
  n('a.accounts_closed_90d'),
);
add(
  'asset',
  'days_since_last_account_opened',
  'INTEGER',
  '距最近一次开立账户/购买产品天数',
  'Days since the last account was opened (product bought)',
  `CAST(date_diff('day', a.last_opened, ${AS_OF}) AS INTEGER)`,
);
add(
  'asset',
  'dormant_account_count',
  'INTEGER',
  '状态为久悬（dormant）的账户数',
  'Accounts in dormant status',
  n('a.dormant_account_count'),
);

// ── liabilities ─────────────────────────────────────────────────────────────────────────────────
add(
  'liability',
  'loan_balance',
  'DOUBLE',
  '贷款未还余额合计（消费贷、按揭、流贷、票据，元）',
  'Outstanding loans (consumer, mortgage, working capital, bills), yuan',
  bal(LOAN_CATEGORIES),
);
add(
  'liability',
  'loan_count',
  'INTEGER',
  '未结清贷款笔数',
  'Open loans',
  LOAN_CATEGORIES.map((cat) => n(`a.holding_count_${cat}`)).join(' + '),
);
add(
  'liability',
  'credit_card_limit',
  'DOUBLE',
  '信用卡授信额度合计（元）',
  'Total credit-card limit, yuan',
  y('a.credit_card_limit'),
);
add(
  'liability',
  'credit_card_utilisation',
  'DOUBLE',
  '信用卡额度使用率（欠款/额度）',
  'Credit-card utilisation (outstanding / limit)',
  ratio(y('a.balance_credit_card'), y('a.credit_card_limit')),
);
add(
  'liability',
  'overdue_account_count',
  'INTEGER',
  '逾期状态账户数',
  'Accounts in overdue status',
  n('a.overdue_account_count'),
);
add(
  'liability',
  'loan_maturing_90d_count',
  'INTEGER',
  '未来90天内到期的贷款数',
  'Loans maturing within 90 days',
  n('a.loan_maturing_90d_count'),
);
add(
  'liability',
  'debt_to_aum_ratio',
  'DOUBLE',
  '负债（贷款+信用卡欠款）与 AUM 之比',
  'Debt (loans + card balances) to AUM',
  ratio(
    `${bal(LOAN_CATEGORIES)} + ${y('a.balance_credit_card')}`,
    `${bal(DEPOSIT_CATEGORIES)} + ${bal(INVESTMENT_CATEGORIES)}`,
  ),
);

// ── corporate and enterprise graph ──────────────────────────────────────────────────────────────
add(
  'corporate',
  'industry',
  'VARCHAR',
  '国标行业门类（字母+名称，对公）',
  'GB/T 4754 industry section (corporate)',
  'c.industry',
);
add(
  'corporate',
  'industry_section',
  'VARCHAR',
  '国标行业门类字母 A–T（对公）',
  'GB/T 4754 industry section letter (corporate)',
  "nullif(regexp_extract(c.industry, '^([A-T])', 1), '')",
);
add(
  'corporate',
  'company_size',
  'VARCHAR',
  '企业规模 micro/small/medium/large（对公）',
  'Company size: micro, small, medium, large (corporate)',
  'c.size',
);
add(
  'corporate',
  'registered_capital',
  'DOUBLE',
  '注册资本（元，对公）',
  'Registered capital, yuan (corporate)',
  'CAST(c.registered_capital AS DOUBLE)',
);
add('corporate', 'employees', 'INTEGER', '员工人数（对公）', 'Employees (corporate)', 'c.employees');
add(
  'corporate',
  'company_age_years',
  'INTEGER',
  '成立年限（年，对公）',
  'Years since the company was founded (corporate)',
  `CAST(date_diff('year', c.established, ${AS_OF}) AS INTEGER)`,
);
add(
  'corporate',
  'supply_buyer_count',
  'INTEGER',
  '供应链下游客户（采购方）数',
  'Buyers this company supplies (supply-chain downstream)',
  n('g.buyer_count'),
);
add(
  'corporate',
  'supply_supplier_count',
  'INTEGER',
  '供应链上游供应商数',
  'Suppliers of this company (supply-chain upstream)',
  n('g.supplier_count'),
);
add(
  'corporate',
  'supply_sales_amount',
  'DOUBLE',
  '供应链年销售额（对下游，元）',
  'Annual supply volume sold to buyers, yuan',
  y('g.sales_amount'),
);
add(
  'corporate',
  'supply_purchase_amount',
  'DOUBLE',
  '供应链年采购额（自上游，元）',
  'Annual supply volume bought from suppliers, yuan',
  y('g.purchase_amount'),
);
add(
  'corporate',
  'guarantee_given_count',
  'INTEGER',
  '对外担保笔数（有效）',
  'Guarantees given to others (in force)',
  n('g.guarantee_given_count'),
);
add(
  'corporate',
  'guarantee_given_amount',
  'DOUBLE',
  '对外担保金额（有效，元）',
  'Amount of guarantees given (in force), yuan',
  y('g.guarantee_given_amount'),
);
add(
  'corporate',
  'guarantee_received_count',
  'INTEGER',
  '获得他人担保笔数（有效）',
  'Guarantees received from others (in force)',
  n('g.guarantee_received_count'),
);
add(
  'corporate',
  'guarantee_received_amount',
  'DOUBLE',
  '获得担保金额（有效，元）',
  'Amount of guarantees received (in force), yuan',
  y('g.guarantee_received_amount'),
);
add(
  'corporate',
  'shareholder_count',
  'INTEGER',
  '股东/投资方数',
  'Shareholders and investors of the company',
  n('g.shareholder_count'),
);
add(
  'corporate',
  'related_party_count',
  'INTEGER',
  '图谱关联方数（任意关系，去重）',
  'Distinct related parties in the enterprise graph (any relation)',
  n('g.related_party_count'),
);
for (const [type, label] of Object.entries(SIGNAL_LABELS)) {
  add(
    'corporate',
    `signal_${type}_365d`,
    'INTEGER',
    `近365天外部信号：${label.zh}次数`,
    `External signals of type ${label.en} in the last 365 days`,
    n(`g.signal_${type}_365d`),
  );
}
add(
  'corporate',
  'signal_count_365d',
  'INTEGER',
  '近365天外部信号总数',
  'External signals of any type in the last 365 days',
  n('g.signal_count_365d'),
);
add(
  'corporate',
  'last_signal_date',
  'DATE',
  '最近一条外部信号日期',
  'Date of the latest external signal',
  'g.last_signal_date',
);
add(
  'corporate',
  'negative_news_count_365d',
  'INTEGER',
  '近365天负面新闻条数',
  'Negative news items about the company in the last 365 days',
  n('g.negative_news_365d'),
);
add(
  'corporate',
  'news_count_365d',
  'INTEGER',
  '近365天相关新闻条数',
  'News items about the company in the last 365 days',
  n('g.news_365d'),
);

// ── value ───────────────────────────────────────────────────────────────────────────────────────
{
  const terms = Object.entries(REVENUE_RATES).map(([cat, rate]) => `${rate} * ${y(`a.balance_${cat}`)}`);
  terms.push(`${CARD_INTERCHANGE_RATE * 4} * ${y('t.card_spending_amount_90d')}`);
  add(
    'value',
    'est_annual_revenue',
    'DOUBLE',
    '估算年贡献（元）：各类余额×利差/费率 + 近90天信用卡消费×4×回佣率',
    'Estimated annual revenue, yuan: balances × category spread or fee rate + 90-day card spending × 4 × interchange',
    `round(${terms.join(' + ')}, 2)`,
  );
}
add(
  'value',
  'rfm_r_score',
  'INTEGER',
  'RFM 近度得分 1–5（同类客户中按最近交易排位，越近越高）',
  'RFM recency score 1–5 (rank among customers of the same kind; more recent is higher)',
  'r.r_score',
);
add(
  'value',
  'rfm_f_score',
  'INTEGER',
  'RFM 频度得分 1–5（近365天交易笔数排位）',
  'RFM frequency score 1–5 (rank of transactions in the last 365 days)',
  'r.f_score',
);
add(
  'value',
  'rfm_m_score',
  'INTEGER',
  'RFM 金额得分 1–5（近365天外部流入+流出金额排位）',
  'RFM monetary score 1–5 (rank of external inflow + outflow in the last 365 days)',
  'r.m_score',
);
add(
  'value',
  'aum_percentile',
  'DOUBLE',
  'AUM 在同类客户中的百分位（0–1）',
  'AUM percentile among customers of the same kind (0–1)',
  'r.aum_pct',
);

/** Every documented column of customer_features with its final-SELECT SQL, in table order. */
export const FEATURE_COLUMN_SPECS: readonly FeatureColumnSpec[] = specs;

/** Every column of customer_features (custom attributes `attr_*` aside): name, type, zh and en description. */
export const FEATURE_COLUMNS: readonly FeatureColumn[] = specs.map(({ name, type, zh, en, group }) => ({
  name,
  type,
  zh,
  en,
  group,
}));
