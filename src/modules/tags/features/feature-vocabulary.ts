/**
 * Vocabulary the feature SQL classifies transactions with: windows, transaction types, channels,
 * own-bank and payment-platform names, internet wealth platforms, merchant groups and city tiers.
 * Kept as data so the SQL, FEATURE_COLUMNS and docs/features.md are generated from one place.
 */

/** Day windows of the transaction aggregates (a transaction `d` days before as-of is in window w when d < w). */
export const WINDOWS = [7, 30, 90, 180, 365] as const;

/** Transaction types with per-type columns, and the direction of the leg that is counted. */
export const TYPE_FEATURES: readonly { type: string; direction: 'in' | 'out'; zh: string; en: string }[] = [
  { type: 'salary', direction: 'in', zh: '代发工资', en: 'salary credits' },
  { type: 'spending', direction: 'out', zh: '借记消费', en: 'debit-card and wallet spending' },
  { type: 'card_spending', direction: 'out', zh: '信用卡消费', en: 'credit-card spending' },
  { type: 'transfer_in', direction: 'in', zh: '转入', en: 'transfers in' },
  { type: 'transfer_out', direction: 'out', zh: '转出', en: 'transfers out' },
  { type: 'cash_deposit', direction: 'in', zh: '现金存入', en: 'cash deposits' },
  { type: 'cash_withdrawal', direction: 'out', zh: '现金支取', en: 'cash withdrawals' },
  {
    type: 'wealth_purchase',
    direction: 'out',
    zh: '理财/基金/保险购买',
    en: 'wealth, fund and insurance purchases',
  },
  { type: 'wealth_redemption', direction: 'in', zh: '理财赎回', en: 'wealth redemptions' },
  { type: 'loan_repayment', direction: 'out', zh: '贷款还款', en: 'loan repayments' },
  { type: 'card_repayment', direction: 'out', zh: '信用卡还款', en: 'credit-card repayments' },
  { type: 'corporate_payment', direction: 'out', zh: '对公付款', en: 'corporate payments' },
  { type: 'corporate_receipt', direction: 'in', zh: '对公收款', en: 'corporate receipts' },
  { type: 'interest', direction: 'in', zh: '利息', en: 'interest credits' },
];

/** Channels a customer chooses (the `system` channel is the bank's own postings and is left out). */
export const CHANNEL_FEATURES: readonly { channel: string; zh: string; en: string }[] = [
  { channel: 'counter', zh: '柜面', en: 'counter' },
  { channel: 'atm', zh: 'ATM', en: 'ATM' },
  { channel: 'mobile', zh: '手机银行', en: 'mobile banking' },
  { channel: 'online', zh: '网上银行', en: 'online banking' },
  { channel: 'pos', zh: 'POS', en: 'POS' },
  { channel: 'wechat_pay', zh: '微信支付', en: 'WeChat Pay' },
  { channel: 'alipay', zh: '支付宝', en: 'Alipay' },
];

/** Digital channels (for the digital share of transactions). */
export const DIGITAL_CHANNELS = ['mobile', 'online', 'wechat_pay', 'alipay'] as const;

/**
 * Types that are not a customer's own doing: interest, fees, maturities and the zero-amount
 * records of failed repayments. They neither make a customer "active" nor count as flows.
 */
export const PASSIVE_TYPES = ['interest', 'fee', 'maturity', 'loan_repayment_failed'] as const;

/** Names this bank appears under as a counterparty bank. */
export const OWN_BANK_NAMES = ['本行', '全景银行'] as const;

/**
 * Payment platforms and card schemes: a counterparty bank of one of these is not "another bank"
 * (wallet top-ups and merchant payments go through them).
 */
export const PAYMENT_PLATFORMS = ['支付宝', '微信支付', '财付通', '银联', '云闪付', '京东支付'] as const;

/** Internet wealth platforms that pull deposits away (counterparty names of the outgoing transfer). */
export const INTERNET_WEALTH_PLATFORMS = [
  '余额宝',
  '理财通',
  '零钱通',
  '京东小金库',
  '天天基金',
  '蚂蚁财富',
] as const;

/** A single external debit at least this large (yuan) is a "large outflow". */
export const LARGE_OUTFLOW_YUAN = 50_000;

/** Merchant-category groups of spending (MCC lists) that hint at life events and lifestyle. */
export const SPEND_GROUPS: readonly { key: string; mcc: string[]; days: number; zh: string; en: string }[] = [
  { key: 'baby', mcc: ['5641'], days: 180, zh: '母婴消费', en: 'baby goods' },
  { key: 'home', mcc: ['5712', '5200'], days: 180, zh: '家居建材消费', en: 'furniture and home improvement' },
  { key: 'education', mcc: ['8220'], days: 180, zh: '教育培训消费', en: 'education and training' },
  { key: 'travel', mcc: ['4511', '7011'], days: 90, zh: '差旅出行消费', en: 'flights and hotels' },
  { key: 'medical', mcc: ['8062', '5912'], days: 90, zh: '医疗医药消费', en: 'hospitals and pharmacies' },
  { key: 'dining', mcc: ['5812', '5814'], days: 90, zh: '餐饮消费', en: 'restaurants and food delivery' },
  { key: 'online_shopping', mcc: ['5999'], days: 90, zh: '网购消费', en: 'online shopping' },
  { key: 'fuel', mcc: ['5541'], days: 90, zh: '加油消费', en: 'fuel' },
  { key: 'jewellery', mcc: ['5944'], days: 180, zh: '珠宝首饰消费', en: 'jewellery' },
];

/** Product categories (mirrors PRODUCT_CATEGORIES of the canonical schema) with bilingual labels. */
export const CATEGORY_LABELS: Record<string, { zh: string; en: string }> = {
  current: { zh: '活期存款', en: 'current account' },
  time_deposit: { zh: '定期存款', en: 'time deposit' },
  cd: { zh: '大额存单', en: 'certificate of deposit' },
  wealth: { zh: '理财产品', en: 'wealth management product' },
  fund: { zh: '基金', en: 'fund' },
  insurance: { zh: '保险', en: 'insurance' },
  consumer_loan: { zh: '消费贷款', en: 'consumer loan' },
  mortgage: { zh: '住房按揭贷款', en: 'mortgage' },
  credit_card: { zh: '信用卡', en: 'credit card' },
  payroll: { zh: '代发工资', en: 'payroll' },
  corporate_settlement: { zh: '对公结算账户', en: 'corporate settlement account' },
  working_capital_loan: { zh: '流动资金贷款', en: 'working-capital loan' },
  bill: { zh: '票据', en: 'bills' },
};

/** Categories whose balances are assets under management (same split as publish). */
export const DEPOSIT_CATEGORIES = [
  'current',
  'time_deposit',
  'cd',
  'payroll',
  'corporate_settlement',
] as const;
export const INVESTMENT_CATEGORIES = ['wealth', 'fund', 'insurance'] as const;
/** Categories whose (negative) balances are amounts the customer owes. */
export const LOAN_CATEGORIES = ['consumer_loan', 'mortgage', 'working_capital_loan', 'bill'] as const;
/** Categories with a maturity date whose money comes back to the customer. */
export const MATURING_CATEGORIES = ['time_deposit', 'cd', 'wealth', 'insurance', 'fund'] as const;

/**
 * Estimated annual revenue rate per category (fraction of the balance): the deposit spread or
 * the loan spread or fee income a bank of this kind typically earns. Used for contribution.
 */
export const REVENUE_RATES: Record<string, number> = {
  current: 0.018,
  payroll: 0.018,
  corporate_settlement: 0.015,
  time_deposit: 0.006,
  cd: 0.003,
  wealth: 0.006,
  fund: 0.01,
  insurance: 0.015,
  mortgage: 0.008,
  consumer_loan: 0.025,
  working_capital_loan: 0.015,
  bill: 0.008,
  credit_card: 0.08,
};
/** Interchange earned on credit-card spending (fraction of spend). */
export const CARD_INTERCHANGE_RATE = 0.005;

/**
 * City tiers (the common 一线 / 新一线 / 二线 / 三线 grouping). Cities not listed are tier 3+.
 * `tier` values: '1' first tier, 'new1' new first tier, '2' second tier, '3' third tier and below.
 */
export const CITY_TIERS: Record<string, '1' | 'new1' | '2'> = {
  北京: '1',
  上海: '1',
  广州: '1',
  深圳: '1',
  成都: 'new1',
  杭州: 'new1',
  重庆: 'new1',
  武汉: 'new1',
  西安: 'new1',
  苏州: 'new1',
  天津: 'new1',
  南京: 'new1',
  长沙: 'new1',
  郑州: 'new1',
  东莞: 'new1',
  青岛: 'new1',
  沈阳: 'new1',
  宁波: 'new1',
  昆明: 'new1',
  合肥: 'new1',
  佛山: 'new1',
  无锡: '2',
  厦门: '2',
  福州: '2',
  济南: '2',
  大连: '2',
  哈尔滨: '2',
  长春: '2',
  温州: '2',
  石家庄: '2',
  南宁: '2',
  贵阳: '2',
  南昌: '2',
  常州: '2',
  泉州: '2',
  嘉兴: '2',
  金华: '2',
  绍兴: '2',
  台州: '2',
  徐州: '2',
  珠海: '2',
  中山: '2',
  惠州: '2',
  太原: '2',
  烟台: '2',
  兰州: '2',
  海口: '2',
  乌鲁木齐: '2',
  潍坊: '2',
  保定: '2',
  南通: '2',
  扬州: '2',
  呼和浩特: '2',
};

/** External-signal types (SIGNAL_TYPES of the canonical schema) with bilingual labels. */
export const SIGNAL_LABELS: Record<string, { zh: string; en: string }> = {
  mortgage_registration: { zh: '抵押登记', en: 'mortgage registration' },
  equity_pledge: { zh: '股权出质', en: 'equity pledge' },
  receivables_financing: { zh: '应收账款融资', en: 'receivables financing' },
  tax_invoice: { zh: '税务发票', en: 'tax invoice' },
  env_approval: { zh: '环评批复', en: 'environmental approval' },
  litigation: { zh: '涉诉', en: 'litigation' },
  penalty: { zh: '行政处罚', en: 'administrative penalty' },
  executive_change: { zh: '高管变更', en: 'executive change' },
  ipo: { zh: '上市', en: 'IPO' },
  m_and_a: { zh: '并购', en: 'M&A' },
  bid_win: { zh: '中标', en: 'bid won' },
};
