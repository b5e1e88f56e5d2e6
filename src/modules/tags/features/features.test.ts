import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryWarehouse, type Warehouse } from '../../../platform/warehouse/index.ts';
import { FEATURES_DOC_PATH, formattedFeaturesMarkdown } from './features-doc.ts';
import {
  attributeColumnName,
  createFeatureTables,
  describeFeatureColumns,
  FEATURE_COLUMNS,
} from './index.ts';

const AS_OF = '2025-06-30';

// A hand-made bank with known answers. Days ago are counted from 2025-06-30 (d = 0 on that day).
async function seed(wh: Warehouse): Promise<void> {
  await wh.run(`
    INSERT INTO raw_branch VALUES ('HQ', NULL, 'hq', '总行', '上海', NULL, NULL);
    INSERT INTO raw_product VALUES
      ('P1', 'CUR', '活期', 'current', 'R1', 0, NULL, 0.0005),
      ('P2', 'WM3', '理财R3', 'wealth', 'R3', 10000, 180, 0.03),
      ('P3', 'CC', '信用卡', 'credit_card', NULL, 0, NULL, 0.18),
      ('P4', 'PAY', '代发', 'payroll', 'R1', 0, NULL, 0.0005),
      ('P5', 'SET', '结算', 'corporate_settlement', 'R1', 0, NULL, 0.002),
      ('P6', 'MTG', '按揭', 'mortgage', NULL, 100000, 7300, 0.03);
    INSERT INTO raw_customer (id, cno, kind, name, gender, birth_date, city, occupation, income_band, risk_tolerance,
        onboard_date, home_branch_id, rm_id, status, industry, registered_capital, size) VALUES
      ('C1', 1, 'retail', '甲', 'F', DATE '1990-07-05', '上海', '工程师', '10k-20k', 'C2', DATE '2020-01-01', 'HQ', 'S1', 'active', NULL, NULL, NULL),
      ('C2', 2, 'retail', '乙', 'M', DATE '1980-02-29', '贵阳市', '教师', '5k-10k', 'C3', DATE '2019-01-01', 'HQ', NULL, 'active', NULL, NULL, NULL),
      ('C3', 3, 'retail', '丙', 'M', DATE '1950-03-01', '拉萨', '退休人员', '<5k', 'C1', DATE '2010-01-01', 'HQ', NULL, 'dormant', NULL, NULL, NULL),
      ('C4', 4, 'retail', '丁', 'F', DATE '1985-12-31', '杭州', '企业职员', '5k-10k', 'C3', DATE '2015-06-01', 'HQ', NULL, 'active', NULL, NULL, NULL),
      ('C5', 5, 'corporate', '某公司', NULL, NULL, '杭州', NULL, NULL, NULL, DATE '2018-01-01', 'HQ', NULL, 'active', 'C 制造业', 20000000, 'medium');
    INSERT INTO raw_account VALUES
      ('A1', 'C1', 'P1', DATE '2020-01-01', NULL, 'active', 10000, NULL, NULL),
      ('A2', 'C1', 'P2', DATE '2025-05-01', NULL, 'active', 50000, NULL, DATE '2025-07-15'),
      ('A3', 'C1', 'P3', DATE '2021-01-01', NULL, 'active', -3000, 10000, NULL),
      ('A4', 'C2', 'P4', DATE '2019-01-01', NULL, 'active', 2000, NULL, NULL),
      ('A5', 'C2', 'P6', DATE '2022-01-01', NULL, 'overdue', -500000, 600000, DATE '2042-01-01'),
      ('A6', 'C3', 'P1', DATE '2010-01-01', NULL, 'dormant', 300, NULL, NULL),
      ('A7', 'C4', 'P1', DATE '2015-06-01', NULL, 'active', 8000, NULL, NULL),
      ('A8', 'C5', 'P5', DATE '2018-01-01', NULL, 'active', 900000, NULL, NULL),
      ('A9', 'C1', 'P1', DATE '2018-01-01', DATE '2025-06-01', 'closed', 0, NULL, NULL);
    INSERT INTO raw_balance_monthly VALUES
      ('A1', 'C1', DATE '2025-03-01', 40000), ('A1', 'C1', DATE '2025-06-01', 10000), ('A2', 'C1', DATE '2025-06-01', 50000),
      ('A7', 'C4', DATE '2025-03-01', 16000), ('A7', 'C4', DATE '2025-06-01', 8000);
    INSERT INTO raw_transaction VALUES
      -- C1: window edges (d = 0, 7, 29, 30), salary, a large transfer to another bank, Yu'e Bao, an own-account purchase
      ('T01', 'A1', 'C1', TIMESTAMP '2025-06-30 20:00:00', -100, 'wechat_pay', 'spending', '瑞幸咖啡', NULL, '财付通', '5814', NULL),
      ('T02', 'A1', 'C1', TIMESTAMP '2025-06-23 12:00:00', -200, 'pos', 'spending', '盒马', NULL, '银联', '5411', NULL),
      ('T03', 'A1', 'C1', TIMESTAMP '2025-06-10 10:00:00', 8000, 'system', 'salary', '某公司', NULL, '本行', NULL, '代发工资'),
      ('T04', 'A1', 'C1', TIMESTAMP '2025-06-01 21:00:00', -60000, 'mobile', 'transfer_out', '甲', NULL, '工商银行', NULL, NULL),
      ('T05', 'A1', 'C1', TIMESTAMP '2025-05-31 21:00:00', -300, 'alipay', 'spending', '淘宝', NULL, '支付宝', '5999', NULL),
      ('T06', 'A1', 'C1', TIMESTAMP '2025-05-15 21:00:00', -5000, 'alipay', 'transfer_out', '余额宝', NULL, '支付宝', NULL, '转入余额宝'),
      ('T07', 'A1', 'C1', TIMESTAMP '2025-05-10 10:00:00', 8000, 'system', 'salary', '某公司', NULL, '本行', NULL, '代发工资'),
      ('T08', 'A1', 'C1', TIMESTAMP '2025-05-01 10:00:00', -50000, 'mobile', 'wealth_purchase', '理财R3', 'A2', '本行', NULL, NULL),
      ('T09', 'A2', 'C1', TIMESTAMP '2025-05-01 10:00:00', 50000, 'mobile', 'wealth_purchase', '活期', 'A1', '本行', NULL, NULL),
      ('T10', 'A1', 'C1', TIMESTAMP '2025-06-21 01:00:00', 5, 'system', 'interest', NULL, NULL, NULL, NULL, '结息'),
      ('T11', 'A1', 'C1', TIMESTAMP '2025-07-01 09:00:00', -999, 'counter', 'cash_withdrawal', NULL, NULL, NULL, NULL, 'after as-of'),
      -- C2: salary stopped after April, a failed mortgage debit
      ('T20', 'A4', 'C2', TIMESTAMP '2025-01-10 10:00:00', 6000, 'system', 'salary', '学校', NULL, '本行', NULL, NULL),
      ('T21', 'A4', 'C2', TIMESTAMP '2025-02-10 10:00:00', 6000, 'system', 'salary', '学校', NULL, '本行', NULL, NULL),
      ('T22', 'A4', 'C2', TIMESTAMP '2025-03-10 10:00:00', 6200, 'system', 'salary', '学校', NULL, '本行', NULL, NULL),
      ('T23', 'A4', 'C2', TIMESTAMP '2025-04-10 10:00:00', 6000, 'system', 'salary', '学校', NULL, '本行', NULL, NULL),
      ('T24', 'A5', 'C2', TIMESTAMP '2025-06-05 10:00:00', 0, 'system', 'loan_repayment_failed', '按揭', 'A4', '本行', NULL, '扣款失败'),
      -- C3: only interest (dormant)
      ('T30', 'A6', 'C3', TIMESTAMP '2025-03-21 01:00:00', 0.3, 'system', 'interest', NULL, NULL, NULL, NULL, NULL),
      -- C4: active in July 2024, silent for 9 months, active again in May and June 2025
      ('T40', 'A7', 'C4', TIMESTAMP '2024-07-05 12:00:00', -50, 'pos', 'spending', '超市', NULL, '银联', '5411', NULL),
      ('T41', 'A7', 'C4', TIMESTAMP '2025-05-20 12:00:00', 3000, 'counter', 'cash_deposit', NULL, NULL, NULL, NULL, NULL),
      ('T42', 'A7', 'C4', TIMESTAMP '2025-06-10 12:00:00', -80, 'pos', 'spending', '超市', NULL, '银联', '5411', NULL),
      -- C5: settlement in and outside 90 days
      ('T50', 'A8', 'C5', TIMESTAMP '2025-06-20 10:00:00', 100000, 'online', 'corporate_receipt', '买方甲', 'X1', '建设银行', NULL, NULL),
      ('T51', 'A8', 'C5', TIMESTAMP '2025-03-22 10:00:00', -40000, 'online', 'corporate_payment', '供应商乙', 'X2', '本行', NULL, NULL);
    -- C1 also shops on the 3rd of every month from July 2024 to March 2025 (all before the 90-day window).
    INSERT INTO raw_transaction SELECT 'TM' || strftime(m, '%y%m'), 'A1', 'C1', m + INTERVAL 3 DAY + INTERVAL 12 HOUR,
      -20, 'pos', 'spending', '超市', NULL, '银联', '5411', NULL
      FROM generate_series(TIMESTAMP '2024-06-28', TIMESTAMP '2025-02-28', INTERVAL 1 MONTH) g(m);
    INSERT INTO raw_event VALUES
      ('E1', 'C1', TIMESTAMP '2025-06-29 20:00:00', 'login', NULL),
      ('E2', 'C1', TIMESTAMP '2025-06-29 20:01:00', 'view_product', '{"product_id":"P2"}'),
      ('E3', 'C1', TIMESTAMP '2025-06-15 20:00:00', 'login', NULL),
      ('E4', 'C1', TIMESTAMP '2025-06-15 21:00:00', 'login', NULL),
      ('E5', 'C1', TIMESTAMP '2025-04-01 20:00:00', 'login', NULL);
    INSERT INTO raw_entity VALUES
      ('E5', 'company', '某公司', 'C5', NULL, 'C 制造业', 20000000, '杭州'),
      ('E7', 'company', '担保方', NULL, NULL, NULL, NULL, NULL),
      ('E8', 'company', '供应商乙', NULL, NULL, NULL, NULL, NULL),
      ('E9', 'company', '买方甲', NULL, NULL, NULL, NULL, NULL);
    INSERT INTO raw_relation VALUES
      ('R1', 'E5', 'E9', 'supplier', NULL, 1000000, DATE '2020-01-01', NULL),
      ('R2', 'E9', 'E5', 'buyer', NULL, 1000000, DATE '2020-01-01', NULL),
      ('R3', 'E8', 'E5', 'supplier', NULL, 300000, DATE '2021-01-01', NULL),
      ('R4', 'E5', 'E9', 'guarantee', NULL, 2000000, DATE '2024-01-01', DATE '2026-01-01'),
      ('R5', 'E7', 'E5', 'guarantee', NULL, 5000000, DATE '2020-01-01', DATE '2024-01-01');
    INSERT INTO raw_external_signal VALUES
      ('S1', 'E5', 'litigation', DATE '2025-03-01', NULL, 100000, '合同纠纷'),
      ('S2', 'E5', 'penalty', DATE '2024-01-01', NULL, 5000, '环保处罚');
    INSERT INTO raw_custom_attribute VALUES ('C1', 'credit_score', '710'), ('C2', 'credit_score', '650'), ('C1', '会员等级', 'gold');
  `);
}

describe('createFeatureTables on a hand-made bank', () => {
  let wh: Warehouse;
  const rows = new Map<string, Record<string, unknown>>();

  beforeAll(async () => {
    wh = await openMemoryWarehouse();
    await seed(wh);
    const report = await createFeatureTables(wh, { asOf: AS_OF });
    expect(report.customers).toBe(5);
    for (const row of await wh.all('SELECT * FROM customer_features ORDER BY cno'))
      rows.set(String(row.customer_id), row);
  });
  afterAll(() => wh?.close());

  it('has one row per customer and exactly the documented columns, then attr_* columns', async () => {
    const cols = await wh.all<{ column_name: string; data_type: string }>(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'customer_features' ORDER BY ordinal_position",
    );
    const attrs = cols.filter((c) => c.column_name.startsWith('attr_'));
    expect(cols.slice(0, FEATURE_COLUMNS.length)).toEqual(
      FEATURE_COLUMNS.map((c) => ({ column_name: c.name, data_type: c.type })),
    );
    expect(attrs).toEqual([
      { column_name: 'attr_credit_score', data_type: 'DOUBLE' },
      { column_name: attributeColumnName('会员等级'), data_type: 'VARCHAR' },
    ]);
    expect(new Set(FEATURE_COLUMNS.map((c) => c.name)).size).toBe(FEATURE_COLUMNS.length);
    expect(rows.get('C1')).toMatchObject({
      attr_credit_score: 710,
      [attributeColumnName('会员等级')]: 'gold',
    });
    expect(rows.get('C3')).toMatchObject({ attr_credit_score: null });
    const described = await describeFeatureColumns(wh);
    expect(described.at(-1)).toMatchObject({ zh: '自定义属性：会员等级', type: 'VARCHAR' });
  });

  it('counts windows with d < w, leaves out interest, later rows and the credit leg of own-account moves', () => {
    expect(rows.get('C1')).toMatchObject({
      txn_count_7d: 1,
      txn_count_30d: 4,
      txn_count_90d: 8,
      inflow_amount_30d: 8000,
      inflow_count_30d: 1,
      outflow_amount_30d: 60300,
      outflow_count_30d: 3,
      outflow_amount_90d: 65600,
      wealth_purchase_count_90d: 1,
      wealth_purchase_amount_90d: 50000,
      interest_count_30d: 1,
      cash_withdrawal_count_30d: 0,
      max_outflow_90d: 60000,
      large_outflow_count_90d: 1,
      transfer_out_other_bank_amount_30d: 60000,
      large_transfer_out_other_bank_count_90d: 1,
      internet_wealth_amount_90d: 5000,
      internet_wealth_count_90d: 1,
      counterparty_count_90d: 6,
      spend_dining_90d: 100,
      spend_online_shopping_90d: 300,
      spending_amount_30d: 300,
      last_txn_date: new Date('2025-06-30T00:00:00Z'),
      days_since_last_txn: 0,
    });
  });

  it('derives salary, channel and app features', () => {
    expect(rows.get('C1')).toMatchObject({
      salary_count_90d: 2,
      salary_monthly_median_180d: 8000,
      salary_months_6m: 2,
      days_since_last_salary: 20,
      main_channel_90d: 'mobile',
      login_count_30d: 3,
      login_days_30d: 2,
      // 1 April is 90 days before the as-of date: outside the 90-day window.
      login_count_90d: 3,
      wealth_view_count_30d: 1,
      days_since_last_login: 1,
    });
    expect(rows.get('C2')).toMatchObject({
      salary_count_365d: 4,
      days_since_last_salary: 81,
      salary_months_6m: 4,
      repayment_failed_count_90d: 1,
      txn_count_90d: 1,
    });
  });

  it('computes holdings, AUM history, utilisation, maturities and risk mismatch', () => {
    expect(rows.get('C1')).toMatchObject({
      aum: 60000,
      deposit_balance: 10000,
      investment_balance: 50000,
      wealth_share_of_aum: 0.8333,
      aum_3m_ago: 40000,
      aum_change_3m_pct: 0.5,
      product_count: 3,
      account_count: 3,
      holding_count_current: 1,
      maturing_30d_count: 1,
      maturing_30d_amount: 50000,
      credit_card_limit: 10000,
      balance_credit_card: 3000,
      credit_card_utilisation: 0.3,
      max_product_risk_level: 3,
      above_tolerance_count: 1,
      accounts_opened_90d: 1,
      accounts_closed_90d: 1,
    });
    expect(rows.get('C2')).toMatchObject({
      loan_balance: 500000,
      overdue_account_count: 1,
      above_tolerance_count: 0,
    });
    expect(rows.get('C4')).toMatchObject({ aum: 8000, aum_change_3m_pct: -0.5 });
  });

  it('derives customer attributes relative to the as-of date', () => {
    expect(rows.get('C1')).toMatchObject({
      age: 34,
      birth_month: 7,
      days_to_birthday: 5,
      city_tier: '1',
      risk_tolerance_level: 2,
      tenure_months: 65,
    });
    // 29 February birthdays fall on 28 February in other years; '贵阳市' is matched as 贵阳.
    expect(rows.get('C2')).toMatchObject({ age: 45, city_tier: '2', days_to_birthday: 243 });
    expect(rows.get('C3')).toMatchObject({ age: 75, city_tier: '3' });
  });

  it('tells dormant from reactivated customers', () => {
    expect(rows.get('C3')).toMatchObject({
      last_txn_date: null,
      txn_count_365d: 0,
      reactivated_months_ago: null,
    });
    expect(Number(rows.get('C3')!.days_since_last_txn)).toBeGreaterThan(5000);
    expect(rows.get('C4')).toMatchObject({
      reactivated_months_ago: 1,
      active_months_12m: 3,
      active_months_3m: 2,
    });
    expect(rows.get('C1')).toMatchObject({ reactivated_months_ago: null });
  });

  it('reads the enterprise graph: supply pairs once, guarantees in force, signals of the last 365 days', () => {
    expect(rows.get('C5')).toMatchObject({
      industry_section: 'C',
      company_size: 'medium',
      registered_capital: 20000000,
      supply_buyer_count: 1,
      supply_sales_amount: 1000000,
      supply_supplier_count: 1,
      guarantee_given_count: 1,
      guarantee_given_amount: 2000000,
      guarantee_received_count: 0,
      signal_litigation_365d: 1,
      signal_penalty_365d: 0,
      signal_count_365d: 1,
      settlement_amount_90d: 100000,
      settlement_amount_365d: 140000,
      settlement_count_365d: 2,
    });
  });

  it('defaults the as-of date to the last transaction day and rejects a bad one', async () => {
    const report = await createFeatureTables(wh);
    expect(report.asOf).toBe('2025-07-01');
    await expect(createFeatureTables(wh, { asOf: '2025-02-30' })).rejects.toThrow(/asOf must be a date/);
  });
});

describe('docs/features.md', () => {
  it('is up to date with FEATURE_COLUMNS (regenerate: npx tsx src/modules/tags/features/features-doc.ts)', async () => {
    expect(fs.readFileSync(FEATURES_DOC_PATH, 'utf8')).toBe(await formattedFeaturesMarkdown());
  });
});
