// Test support (not part of the public surface): a small migrated bank in PGlite, or in a fresh
// database on the PostgreSQL server named by DATABASE_URL. Later modules' tests build on it.
import type { Kysely } from 'kysely';
import { accessMigrations, ensureDemoUsers, type AccessTables, type DemoUser } from '../access/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { testDatabaseTargets, type TestDatabaseTarget } from '../../platform/db/test-databases.ts';
import { customerMigrations, type CustomerTables } from './customers.migrations.ts';

/** Password of the fixture's demo users. */
export const TEST_PASSWORD = 'Panorama#Test2026';

export { testDatabaseTargets, type TestDatabaseTarget } from '../../platform/db/test-databases.ts';

/** Ids and counts of the fixture bank, for assertions. */
export const TEST_BANK = {
  hqId: 'HQ',
  /** The level-'branch' branch the demo manager runs (two RMs with customers in its subtree). */
  managerBranchId: 'B01',
  otherBranchId: 'B02',
  managerStaffId: 'S-M01',
  /** An RM of B01 without customers: ensureDemoUsers must skip it. */
  idleRmId: 'S-R00',
  rm1Id: 'S-R01',
  rm2Id: 'S-R02',
  rm3Id: 'S-R03',
  customers: 30,
  /** Customers per RM; two customers have no RM (one homed in B01, one in B02). */
  customersOfRm: { 'S-R01': 10, 'S-R02': 8, 'S-R03': 10 } as Record<string, number>,
  /** Customers homed in the B01 subtree. */
  customersInManagerBranch: 19,
  monthsPerCustomer: 14,
} as const;

const BRANCHES: AccessTables['branch'][] = [
  b('HQ', null, 'hq', '总行', '上海', '/HQ/'),
  b('B01', 'HQ', 'branch', '上海分行', '上海', '/HQ/B01/'),
  b('B01-S01', 'B01', 'sub_branch', '浦东支行', '上海', '/HQ/B01/B01-S01/'),
  b('B01-S01-O01', 'B01-S01', 'outlet', '陆家嘴网点', '上海', '/HQ/B01/B01-S01/B01-S01-O01/'),
  b('B01-S02', 'B01', 'sub_branch', '静安支行', '上海', '/HQ/B01/B01-S02/'),
  b('B02', 'HQ', 'branch', '杭州分行', '杭州', '/HQ/B02/'),
  b('B02-S01', 'B02', 'sub_branch', '西湖支行', '杭州', '/HQ/B02/B02-S01/'),
];

function b(
  id: string,
  parent: string | null,
  level: string,
  name: string,
  city: string,
  path: string,
): AccessTables['branch'] {
  return { id, parent_id: parent, level, name, city, lat: null, lon: null, path };
}

const STAFF: AccessTables['staff'][] = [
  s('S-A01', '赵管理', 'admin', 'HQ'),
  s('S-H01', '钱分析', 'hq_analyst', 'HQ'),
  s('S-U01', '孙审计', 'auditor', 'HQ'),
  s('S-M01', '李经理', 'branch_manager', 'B01'),
  s('S-M02', '周经理', 'branch_manager', 'B02'),
  s('S-R00', '吴空闲', 'rm', 'B01'),
  s('S-R01', '郑客户经理', 'rm', 'B01-S01'),
  s('S-R02', '王客户经理', 'rm', 'B01-S02'),
  s('S-R03', '冯客户经理', 'rm', 'B02-S01'),
];

function s(id: string, name: string, role: string, branchId: string): AccessTables['staff'] {
  return { id, name, role, branch_id: branchId, referral_code: `REF-${id}`, phone: null };
}

// [name, kind, home branch, rm]; index + 1 is the cno.
const CUSTOMERS: [string, 'retail' | 'corporate', string, string | null][] = [
  ['张伟', 'retail', 'B01-S01', 'S-R01'],
  ['张伟明', 'retail', 'B01-S01-O01', 'S-R01'],
  ['王芳', 'retail', 'B01-S01', 'S-R01'],
  ['李娜', 'retail', 'B01-S01', 'S-R01'],
  ['刘洋', 'retail', 'B01-S01-O01', 'S-R01'],
  ['陈静', 'retail', 'B01-S01', 'S-R01'],
  ['杨磊', 'retail', 'B01-S01', 'S-R01'],
  ['黄敏', 'retail', 'B01-S01', 'S-R01'],
  ['上海星辰科技有限公司', 'corporate', 'B01-S01', 'S-R01'],
  ['ABC远航贸易有限公司', 'corporate', 'B01-S01-O01', 'S-R01'],
  ['赵丽', 'retail', 'B01-S02', 'S-R02'],
  ['周杰', 'retail', 'B01-S02', 'S-R02'],
  ['吴刚', 'retail', 'B01-S02', 'S-R02'],
  ['徐婷', 'retail', 'B01-S02', 'S-R02'],
  ['孙强', 'retail', 'B01-S02', 'S-R02'],
  ['马超', 'retail', 'B01-S02', 'S-R02'],
  ['朱琳', 'retail', 'B01-S02', 'S-R02'],
  ['静安星辰餐饮有限公司', 'corporate', 'B01-S02', 'S-R02'],
  ['张伟强', 'retail', 'B02-S01', 'S-R03'],
  ['胡军', 'retail', 'B02-S01', 'S-R03'],
  ['郭燕', 'retail', 'B02-S01', 'S-R03'],
  ['何平', 'retail', 'B02-S01', 'S-R03'],
  ['高峰', 'retail', 'B02-S01', 'S-R03'],
  ['林雪', 'retail', 'B02-S01', 'S-R03'],
  ['罗斌', 'retail', 'B02-S01', 'S-R03'],
  ['梁晨', 'retail', 'B02-S01', 'S-R03'],
  ['杭州星辰物流有限公司', 'corporate', 'B02-S01', 'S-R03'],
  ['西湖茶业有限公司', 'corporate', 'B02-S01', 'S-R03'],
  ['宋佳', 'retail', 'B01-S01', null],
  ['唐宁', 'retail', 'B02', null],
];

const PRODUCTS: CustomerTables['product'][] = [
  {
    id: 'P-CUR',
    code: 'CUR01',
    name: '活期储蓄',
    category: 'current',
    risk_level: 'R1',
    min_amount: 0,
    term_days: null,
    rate: 0.0015,
  },
  {
    id: 'P-TD1Y',
    code: 'TD1Y',
    name: '一年期定期存款',
    category: 'time_deposit',
    risk_level: 'R1',
    min_amount: 5_000_00,
    term_days: 365,
    rate: 0.0145,
  },
  {
    id: 'P-WM',
    code: 'WM180',
    name: '稳健理财180天',
    category: 'wealth',
    risk_level: 'R2',
    min_amount: 10_000_00,
    term_days: 180,
    rate: 0.028,
  },
  {
    id: 'P-LN',
    code: 'LNCON',
    name: '个人消费贷款',
    category: 'consumer_loan',
    risk_level: null,
    min_amount: null,
    term_days: 1095,
    rate: 0.0385,
  },
  {
    id: 'P-SET',
    code: 'CORPSET',
    name: '对公结算账户',
    category: 'corporate_settlement',
    risk_level: 'R1',
    min_amount: 0,
    term_days: null,
    rate: 0.0035,
  },
];

/** ID number of the fixture customer with cno `cno` (18 characters; cno 2 ends in X). */
export function testIdNumber(cno: number): string {
  const year = 1960 + (cno % 40);
  return `310115${year}0${1 + (cno % 9)}1${cno % 10}${String(cno).padStart(3, '0')}${cno === 2 ? 'X' : String(cno % 10)}`;
}

/** Mobile number of the fixture customer with cno `cno`. */
export function testPhone(cno: number): string {
  return `1380013${String(cno).padStart(4, '0')}`;
}

/** Number of the fixture customer's first (current) account. */
export function testAccountId(cno: number): string {
  return `62220200${String(cno).padStart(6, '0')}01`;
}

/** USCC of a fixture corporate customer. */
export function testUscc(cno: number): string {
  return `91310000MA1FL${String(cno).padStart(4, '0')}X`;
}

/** Inserts the fixture bank into a migrated database. */
export async function insertTestBank(db: Database): Promise<void> {
  const k = db.kysely as unknown as Kysely<AccessTables & CustomerTables>;
  await k.insertInto('branch').values(BRANCHES).execute();
  await k.insertInto('staff').values(STAFF).execute();
  await k.insertInto('product').values(PRODUCTS).execute();

  const customers: CustomerTables['customer'][] = [];
  const holdings: CustomerTables['holding'][] = [];
  const monthly: CustomerTables['monthly_aggregate'][] = [];
  CUSTOMERS.forEach(([name, kind, branchId, rmId], i) => {
    const cno = i + 1;
    const id = `C${String(cno).padStart(3, '0')}`;
    const retail = kind === 'retail';
    // AUM falls with cno so the default order (AUM descending) is the cno order.
    const aum = (100 - cno) * 10_000_00 + 12_34;
    customers.push({
      id,
      cno,
      kind,
      name,
      gender: retail ? (cno % 2 ? 'M' : 'F') : null,
      birth_date: retail ? `${1960 + (cno % 40)}-0${1 + (cno % 9)}-1${cno % 10}` : null,
      id_number: retail ? testIdNumber(cno) : null,
      phone: testPhone(cno),
      address: `上海市浦东新区世纪大道${cno}号`,
      city: branchId.startsWith('B02') ? '杭州' : '上海',
      occupation: retail ? '工程师' : null,
      income_band: retail ? '10k-20k' : null,
      risk_tolerance: 'C3',
      onboard_date: '2019-05-20',
      home_branch_id: branchId,
      rm_id: rmId,
      status: 'active',
      consent_marketing: true,
      consent_sms: cno % 3 !== 0,
      consent_phone: false,
      uscc: retail ? null : testUscc(cno),
      industry: retail ? null : 'I 信息传输、软件和信息技术服务业',
      registered_capital: retail ? null : 5_000_000_00,
      established: retail ? null : '2012-03-01',
      legal_rep: retail ? null : '张三',
      employees: retail ? null : 120,
      size: retail ? null : 'medium',
      attributes: { segment: cno <= 5 ? 'private_banking' : 'mass' },
      aum,
    });
    holdings.push({
      account_id: testAccountId(cno),
      customer_id: id,
      product_id: retail ? 'P-CUR' : 'P-SET',
      opened: '2019-05-20',
      closed: null,
      status: 'active',
      balance: Math.floor(aum / 2),
      credit_limit: null,
      maturity_date: null,
    });
    holdings.push({
      account_id: `62220200${String(cno).padStart(6, '0')}02`,
      customer_id: id,
      product_id: cno % 2 ? 'P-WM' : 'P-TD1Y',
      opened: '2024-06-01',
      closed: cno % 5 === 0 ? '2025-06-01' : null,
      status: cno % 5 === 0 ? 'closed' : 'active',
      balance: aum - Math.floor(aum / 2),
      credit_limit: null,
      maturity_date: '2025-06-01',
    });
    for (let m = 0; m < TEST_BANK.monthsPerCustomer; m++) {
      const date = new Date(Date.UTC(2024, 11 + m, 1));
      monthly.push({
        customer_id: id,
        month: date.toISOString().slice(0, 10),
        aum: aum - (TEST_BANK.monthsPerCustomer - 1 - m) * 1_000_00,
        deposit_balance: Math.floor(aum / 2),
        investment_balance: aum - Math.floor(aum / 2),
        loan_balance: 0,
        inflow: 20_000_00,
        outflow: 18_000_00,
        txn_count: 10 + m,
      });
    }
  });
  await k.insertInto('customer').values(customers).execute();
  await k.insertInto('holding').values(holdings).execute();
  await k.insertInto('monthly_aggregate').values(monthly).execute();
}

/** A migrated test database holding the fixture bank and its demo users; close() disposes of it. */
export interface TestBank {
  db: Database;
  password: string;
  demoUsers: DemoUser[];
  close(): Promise<void>;
}

/**
 * Creates a migrated database (in-memory PGlite unless another target is given) with the fixture
 * bank and the demo users `admin`, `analyst`, `manager` (B01), `rm1` (S-R01), `rm2` (S-R02).
 */
export async function createTestBank(
  options: { target?: TestDatabaseTarget; password?: string } = {},
): Promise<TestBank> {
  const target = options.target ?? testDatabaseTargets()[0];
  const db = await target.open([...accessMigrations, ...customerMigrations]);
  try {
    await insertTestBank(db);
    const password = options.password ?? TEST_PASSWORD;
    const demoUsers = await ensureDemoUsers(db, password);
    return { db, password, demoUsers, close: () => db.close() };
  } catch (error) {
    await db.close();
    throw error;
  }
}
