import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../platform/db/index.ts';
import { testDatabaseTargets } from '../../../platform/db/test-databases.ts';
import { openMemoryWarehouse, type Warehouse } from '../../../platform/warehouse/index.ts';
import { accessMigrations } from '../../access/access.migrations.ts';
import { customerMigrations } from '../../customers/customers.migrations.ts';
import { publishToServing } from './publish.ts';

async function seedWarehouse(wh: Warehouse): Promise<void> {
  await wh.run(`
    INSERT INTO raw_branch VALUES ('HQ', NULL, 'hq', '总行', '上海', 31.2, 121.5),
      ('B01', 'HQ', 'branch', '杭州分行', '杭州', 30.3, 120.2),
      ('B01-S01', 'B01', 'sub_branch', '西湖支行', '杭州', 30.25, 120.15);
    INSERT INTO raw_staff VALUES ('S1', '李经理', 'rm', 'B01-S01', 'R0001', NULL);
    INSERT INTO raw_customer (id, cno, kind, name, onboard_date, home_branch_id, rm_id, status)
      VALUES ('C1', 1, 'retail', '王小明', DATE '2020-01-01', 'B01-S01', 'S1', 'active'),
             ('C2', 2, 'retail', '张三', DATE '2021-01-01', 'B01', NULL, 'active');
    INSERT INTO raw_product VALUES ('P1', 'CUR', '活期存款', 'current', 'R1', 0, 0, 0.002),
      ('P2', 'WM1', '稳健理财', 'wealth', 'R2', 10000, 180, 0.031),
      ('P3', 'ML', '个人住房贷款', 'mortgage', 'R1', 0, 7300, 0.039);
    INSERT INTO raw_account VALUES ('A1', 'C1', 'P1', DATE '2020-01-01', NULL, 'active', 1234.56, NULL, NULL),
      ('A2', 'C1', 'P2', DATE '2024-01-01', NULL, 'active', 50000, NULL, DATE '2024-07-01'),
      ('A3', 'C1', 'P3', DATE '2022-01-01', NULL, 'active', -800000, 1000000, DATE '2042-01-01'),
      ('A4', 'C2', 'P1', DATE '2021-01-01', NULL, 'closed', 99, NULL, NULL);
    INSERT INTO raw_balance_monthly VALUES ('A1', 'C1', DATE '2024-05-01', 1000), ('A1', 'C1', DATE '2024-06-01', 1234.56),
      ('A2', 'C1', DATE '2024-06-01', 50000), ('A3', 'C1', DATE '2024-06-01', -800000);
    INSERT INTO raw_transaction VALUES
      ('T1', 'A1', 'C1', TIMESTAMP '2024-06-10 09:00:00', 8000, 'system', 'salary', '某公司', NULL, NULL, NULL, '工资'),
      ('T2', 'A1', 'C1', TIMESTAMP '2024-06-12 12:30:00', -45.5, 'wechat_pay', 'spending', '餐厅', NULL, NULL, '5812', NULL),
      ('T3', 'A1', 'C1', TIMESTAMP '2024-01-02 10:00:00', -10, 'atm', 'cash_withdrawal', NULL, NULL, NULL, NULL, NULL);
    INSERT INTO raw_custom_attribute VALUES ('C1', 'credit_score', '710');
  `);
}

describe.each(testDatabaseTargets())('publish to $name', (target) => {
  let warehouse: Warehouse;
  let db: Database;

  beforeAll(async () => {
    warehouse = await openMemoryWarehouse();
    await seedWarehouse(warehouse);
    db = await target.open([...accessMigrations, ...customerMigrations]);
  });
  afterAll(async () => {
    warehouse?.close();
    await db?.close();
  });

  it('publishes every serving table with cents, paths, AUM and attributes', async () => {
    const report = await publishToServing({ warehouse, db, recentDays: 90, months: 13, progress: false });
    expect(report.asOf).toBe('2024-06-12');
    expect(report.rows).toMatchObject({
      branch: 3,
      staff: 1,
      customer: 2,
      product: 3,
      holding: 4,
      recent_transaction: 2,
    });
    const k = db.kysely.withTables<{
      branch: { id: string; path: string };
      customer: { id: string; aum: number; attributes: Record<string, string> };
      recent_transaction: { id: string; amount: number; ts: Date };
      monthly_aggregate: {
        customer_id: string;
        month: string;
        aum: number;
        loan_balance: number;
        inflow: number;
        outflow: number;
        txn_count: number;
      };
    }>();
    const paths = await k.selectFrom('branch').select(['id', 'path']).orderBy('id').execute();
    expect(paths).toEqual([
      { id: 'B01', path: '/HQ/B01/' },
      { id: 'B01-S01', path: '/HQ/B01/B01-S01/' },
      { id: 'HQ', path: '/HQ/' },
    ]);
    const c1 = await k.selectFrom('customer').selectAll().where('id', '=', 'C1').executeTakeFirstOrThrow();
    expect(c1.aum).toBe(5123456); // 1,234.56 + 50,000 yuan; the mortgage is a liability, not AUM
    expect(c1.attributes).toEqual({ credit_score: '710' });
    const c2 = await k.selectFrom('customer').selectAll().where('id', '=', 'C2').executeTakeFirstOrThrow();
    expect(c2.aum).toBe(0); // closed accounts do not count
    const t2 = await k
      .selectFrom('recent_transaction')
      .selectAll()
      .where('id', '=', 'T2')
      .executeTakeFirstOrThrow();
    expect(t2.amount).toBe(-4550);
    expect(t2.ts.toISOString()).toBe('2024-06-12T04:30:00.000Z');
    const june = await k
      .selectFrom('monthly_aggregate')
      .selectAll()
      .where('customer_id', '=', 'C1')
      .where('month', '=', '2024-06-01')
      .executeTakeFirstOrThrow();
    expect(june).toMatchObject({
      aum: 5123456,
      loan_balance: 80000000,
      inflow: 800000,
      outflow: 4550,
      txn_count: 2,
    });
  });

  it('publishing again replaces rows instead of duplicating them', async () => {
    await warehouse.run(`UPDATE raw_customer SET name = '王晓明' WHERE id = 'C1'`);
    await publishToServing({ warehouse, db, progress: false });
    const k = db.kysely.withTables<{ customer: { id: string; name: string } }>();
    const rows = await k.selectFrom('customer').select(['id', 'name']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'C1', name: '王晓明' },
      { id: 'C2', name: '张三' },
    ]);
  });
});
