/** The product shelf: deposits, CDs, wealth, funds, insurance, loans, cards and corporate services. */
import type { PRODUCT_CATEGORIES, RISK_LEVELS } from '../../../platform/warehouse/index.ts';

/** A product on the shelf. Amounts in yuan, rates as fractions. */
export interface Product {
  id: string;
  code: string;
  name: string;
  category: (typeof PRODUCT_CATEGORIES)[number];
  riskLevel: (typeof RISK_LEVELS)[number] | null;
  minAmount: number;
  /** Term in days; null for open-ended products. */
  termDays: number | null;
  rate: number;
  segment: 'retail' | 'corporate';
}

type Row = [
  string,
  string,
  Product['category'],
  Product['riskLevel'],
  number,
  number | null,
  number,
  Product['segment'],
];

const ROWS: readonly Row[] = [
  ['DEP-CUR', '活期储蓄', 'current', 'R1', 0, null, 0.0005, 'retail'],
  ['DEP-PAY', '薪享卡代发工资账户', 'payroll', 'R1', 0, null, 0.0005, 'retail'],
  ['TD-3M', '整存整取3个月', 'time_deposit', 'R1', 50, 90, 0.0085, 'retail'],
  ['TD-6M', '整存整取6个月', 'time_deposit', 'R1', 50, 180, 0.0105, 'retail'],
  ['TD-1Y', '整存整取1年', 'time_deposit', 'R1', 50, 365, 0.012, 'retail'],
  ['TD-2Y', '整存整取2年', 'time_deposit', 'R1', 50, 730, 0.013, 'retail'],
  ['TD-3Y', '整存整取3年', 'time_deposit', 'R1', 50, 1095, 0.0155, 'retail'],
  ['TD-5Y', '整存整取5年', 'time_deposit', 'R1', 50, 1825, 0.016, 'retail'],
  ['TD-ZC1Y', '零存整取1年', 'time_deposit', 'R1', 5, 365, 0.01, 'retail'],
  ['CD-1Y', '大额存单1年期', 'cd', 'R1', 200000, 365, 0.014, 'retail'],
  ['CD-2Y', '大额存单2年期', 'cd', 'R1', 200000, 730, 0.015, 'retail'],
  ['CD-3Y', '大额存单3年期', 'cd', 'R1', 200000, 1095, 0.0175, 'retail'],
  ['WM-R1-CASH', '天天利现金管理', 'wealth', 'R1', 1, null, 0.0165, 'retail'],
  ['WM-R2-90D', '安盈稳健90天', 'wealth', 'R2', 10000, 90, 0.024, 'retail'],
  ['WM-R2-180D', '安盈稳健180天', 'wealth', 'R2', 10000, 180, 0.026, 'retail'],
  ['WM-R2-365D', '安盈稳健1年', 'wealth', 'R2', 10000, 365, 0.028, 'retail'],
  ['WM-R3-FI1Y', '睿享固收增强1年', 'wealth', 'R3', 10000, 365, 0.034, 'retail'],
  ['WM-R3-MA18M', '睿享多元配置18个月', 'wealth', 'R3', 10000, 548, 0.036, 'retail'],
  ['WM-R4-MIX', '进取混合策略', 'wealth', 'R4', 50000, null, 0.055, 'retail'],
  ['WM-R5-EQ', '领航权益精选', 'wealth', 'R5', 100000, null, 0.08, 'retail'],
  ['FD-MMF', '全景货币基金A', 'fund', 'R1', 1, null, 0.015, 'retail'],
  ['FD-BOND', '全景纯债债券A', 'fund', 'R2', 10, null, 0.03, 'retail'],
  ['FD-HS300', '沪深300指数增强A', 'fund', 'R3', 10, null, 0.06, 'retail'],
  ['FD-CSI500', '中证500指数A', 'fund', 'R4', 10, null, 0.07, 'retail'],
  ['FD-TECH', '科技创新混合A', 'fund', 'R4', 10, null, 0.08, 'retail'],
  ['FD-GROWTH', '成长精选股票A', 'fund', 'R5', 10, null, 0.09, 'retail'],
  ['INS-ANNUITY', '金福年金保险', 'insurance', 'R2', 10000, 3650, 0.025, 'retail'],
  ['INS-WHOLE', '鑫享增额终身寿险', 'insurance', 'R2', 10000, null, 0.0275, 'retail'],
  ['INS-CI', '安康重大疾病保险', 'insurance', 'R1', 3000, null, 0, 'retail'],
  ['INS-EDU', '少儿教育金保险', 'insurance', 'R1', 5000, null, 0.02, 'retail'],
  ['INS-MED', '百万医疗保险', 'insurance', 'R1', 300, 365, 0, 'retail'],
  ['CL-CREDIT', '个人信用消费贷', 'consumer_loan', null, 10000, 1095, 0.039, 'retail'],
  ['CL-DECOR', '家装分期贷款', 'consumer_loan', null, 30000, 1825, 0.042, 'retail'],
  ['CL-AUTO', '汽车消费贷款', 'consumer_loan', null, 50000, 1095, 0.045, 'retail'],
  ['MTG-COM', '个人住房商业贷款', 'mortgage', null, 100000, 10950, 0.0315, 'retail'],
  ['MTG-MIX', '公积金组合贷款', 'mortgage', null, 100000, 10950, 0.0285, 'retail'],
  ['CC-STD', '全景标准信用卡', 'credit_card', null, 0, null, 0.1825, 'retail'],
  ['CC-PLAT', '全景白金信用卡', 'credit_card', null, 0, null, 0.1825, 'retail'],
  ['CC-TRAVEL', '全景东航联名信用卡', 'credit_card', null, 0, null, 0.1825, 'retail'],
  ['PAY-CORP', '代发工资服务', 'payroll', null, 0, null, 0, 'corporate'],
  ['SET-BASIC', '单位基本存款账户', 'corporate_settlement', 'R1', 0, null, 0.002, 'corporate'],
  ['SET-GENERAL', '单位一般存款账户', 'corporate_settlement', 'R1', 0, null, 0.002, 'corporate'],
  ['CTD-1Y', '单位定期存款1年', 'time_deposit', 'R1', 10000, 365, 0.013, 'corporate'],
  ['CTD-3M', '单位定期存款3个月', 'time_deposit', 'R1', 10000, 90, 0.009, 'corporate'],
  ['CWM-R2-90D', '对公稳利理财90天', 'wealth', 'R2', 1000000, 90, 0.023, 'corporate'],
  ['WC-1Y', '流动资金贷款1年期', 'working_capital_loan', null, 100000, 365, 0.035, 'corporate'],
  ['WC-3Y', '流动资金贷款3年期', 'working_capital_loan', null, 500000, 1095, 0.038, 'corporate'],
  ['WC-SME', '普惠小微信用贷', 'working_capital_loan', null, 10000, 365, 0.04, 'corporate'],
  ['BILL-ACC', '银行承兑汇票', 'bill', null, 10000, 180, 0.0005, 'corporate'],
  ['BILL-DISC', '商业汇票贴现', 'bill', null, 10000, 180, 0.015, 'corporate'],
];

/** Every product, ids P001… in shelf order. */
export const PRODUCTS: readonly Product[] = ROWS.map(
  ([code, name, category, riskLevel, minAmount, termDays, rate, segment], i) => ({
    id: 'P' + String(i + 1).padStart(3, '0'),
    code,
    name,
    category,
    riskLevel,
    minAmount,
    termDays,
    rate,
    segment,
  }),
);

/** Index of a product in PRODUCTS by its code; throws on an unknown code. */
export function productIndex(code: string): number {
  const i = PRODUCTS.findIndex((p) => p.code === code);
  if (i < 0) throw new Error(`unknown product code ${code}`);
  return i;
}

/** Product indices by code, resolved once for the simulation's hot path. */
export const P = {
  current: productIndex('DEP-CUR'),
  payroll: productIndex('DEP-PAY'),
  td: ['TD-3M', 'TD-6M', 'TD-1Y', 'TD-2Y', 'TD-3Y', 'TD-5Y'].map(productIndex),
  tdInstalment: productIndex('TD-ZC1Y'),
  cd: ['CD-1Y', 'CD-2Y', 'CD-3Y'].map(productIndex),
  wealthCash: productIndex('WM-R1-CASH'),
  wealthByRisk: [
    [productIndex('WM-R1-CASH')],
    ['WM-R2-90D', 'WM-R2-180D', 'WM-R2-365D'].map(productIndex),
    ['WM-R3-FI1Y', 'WM-R3-MA18M'].map(productIndex),
    [productIndex('WM-R4-MIX')],
    [productIndex('WM-R5-EQ')],
  ],
  fundByRisk: [
    [productIndex('FD-MMF')],
    [productIndex('FD-BOND')],
    [productIndex('FD-HS300')],
    ['FD-CSI500', 'FD-TECH'].map(productIndex),
    [productIndex('FD-GROWTH')],
  ],
  insurance: ['INS-ANNUITY', 'INS-WHOLE', 'INS-CI', 'INS-MED'].map(productIndex),
  insuranceChild: productIndex('INS-EDU'),
  consumerLoan: ['CL-CREDIT', 'CL-AUTO'].map(productIndex),
  decorLoan: productIndex('CL-DECOR'),
  mortgage: ['MTG-COM', 'MTG-MIX'].map(productIndex),
  card: ['CC-STD', 'CC-PLAT', 'CC-TRAVEL'].map(productIndex),
  payrollService: productIndex('PAY-CORP'),
  settlement: productIndex('SET-BASIC'),
  settlementGeneral: productIndex('SET-GENERAL'),
  corporateTd: ['CTD-3M', 'CTD-1Y'].map(productIndex),
  corporateWealth: productIndex('CWM-R2-90D'),
  workingCapital: ['WC-1Y', 'WC-3Y', 'WC-SME'].map(productIndex),
  billAcceptance: productIndex('BILL-ACC'),
  billDiscount: productIndex('BILL-DISC'),
} as const;
