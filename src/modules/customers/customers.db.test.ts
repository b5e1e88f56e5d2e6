import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../access/index.ts';
import { FixedClock } from '../../platform/clock.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { CustomersService } from './customers.service.ts';
import { PostgresCustomersRepository } from './postgres-customers.repository.ts';
import {
  createTestBank,
  TEST_BANK,
  testAccountId,
  testDatabaseTargets,
  testIdNumber,
  testPhone,
  testUscc,
  type TestBank,
} from './test-fixtures.ts';

const admin: Principal = {
  userId: 'u-a',
  username: 'admin',
  role: 'admin',
  staffId: null,
  branchId: 'HQ',
  branchPath: '/HQ/',
};
const analyst: Principal = { ...admin, userId: 'u-h', username: 'analyst', role: 'hq_analyst' };
const manager: Principal = {
  userId: 'u-m',
  username: 'manager',
  role: 'branch_manager',
  staffId: TEST_BANK.managerStaffId,
  branchId: 'B01',
  branchPath: '/HQ/B01/',
};
const rm1: Principal = {
  userId: 'u-r1',
  username: 'rm1',
  role: 'rm',
  staffId: TEST_BANK.rm1Id,
  branchId: 'B01-S01',
  branchPath: '/HQ/B01/B01-S01/',
};
const rm3: Principal = {
  userId: 'u-r3',
  username: 'rm3',
  role: 'rm',
  staffId: TEST_BANK.rm3Id,
  branchId: 'B02-S01',
  branchPath: '/HQ/B02/B02-S01/',
};

const query = (
  extra: Partial<{
    q: string;
    page: number;
    pageSize: number;
    branchId: string;
    kind: 'retail' | 'corporate';
    rmId: string;
  }> = {},
) => ({
  page: 1,
  pageSize: 100,
  ...extra,
});

describe.each(testDatabaseTargets())('customers on $name', (target) => {
  let bank: TestBank;
  let service: CustomersService;

  beforeAll(async () => {
    bank = await createTestBank({ target });
    service = new CustomersService(
      new PostgresCustomersRepository(bank.db),
      new FixedClock(new Date('2026-03-15T10:00:00+08:00')),
    );
  });

  afterAll(async () => {
    await bank?.close();
  });

  it('created the demo users on the fixture bank', () => {
    expect(bank.demoUsers.map((u) => [u.username, u.status, u.staffId])).toEqual([
      ['admin', 'created', 'S-A01'],
      ['analyst', 'created', 'S-H01'],
      ['manager', 'created', TEST_BANK.managerStaffId],
      ['rm1', 'created', TEST_BANK.rm1Id],
      ['rm2', 'created', TEST_BANK.rm2Id],
    ]);
  });

  describe('scope', () => {
    it('shows an RM only their own customers', async () => {
      const page = await service.list(rm1, query());
      expect(page.total).toBe(TEST_BANK.customersOfRm[TEST_BANK.rm1Id]);
      expect(page.items.every((c) => c.rmId === TEST_BANK.rm1Id)).toBe(true);
    });

    it("shows a branch manager their branch's subtree, unassigned customers included", async () => {
      const page = await service.list(manager, query());
      expect(page.total).toBe(TEST_BANK.customersInManagerBranch);
      expect(page.items.every((c) => c.homeBranchId.startsWith('B01'))).toBe(true);
      expect(page.items.some((c) => c.rmId === null)).toBe(true);
    });

    it('shows HQ roles every customer', async () => {
      expect((await service.list(admin, query())).total).toBe(TEST_BANK.customers);
      expect((await service.list(analyst, query())).total).toBe(TEST_BANK.customers);
    });

    it('answers a customer outside the scope exactly like an absent one', async () => {
      const outside = await service.get(rm1, 'C019').catch((e: unknown) => e);
      const absent = await service.get(rm1, 'C999').catch((e: unknown) => e);
      expect(outside).toBeInstanceOf(NotFoundError);
      expect(absent).toBeInstanceOf(NotFoundError);
      expect((outside as Error).message).toBe((absent as Error).message);
      await expect(service.get(manager, 'C030')).rejects.toThrow(NotFoundError);
      await expect(service.get(rm3, 'C019')).resolves.toMatchObject({ customer: { id: 'C019' } });
    });

    it('keeps filters inside the scope', async () => {
      expect((await service.list(rm1, query({ rmId: TEST_BANK.rm3Id }))).total).toBe(0);
      expect((await service.list(manager, query({ branchId: 'B02' }))).total).toBe(0);
      expect((await service.list(manager, query({ q: '张伟强' }))).total).toBe(0);
    });
  });

  describe('list', () => {
    it('pages in AUM order with the total', async () => {
      const first = await service.list(admin, query({ pageSize: 7 }));
      const third = await service.list(admin, query({ pageSize: 7, page: 3 }));
      const last = await service.list(admin, query({ pageSize: 7, page: 5 }));
      expect(first).toMatchObject({ total: 30, page: 1, pageSize: 7 });
      expect(first.items.map((c) => c.id)).toEqual(['C001', 'C002', 'C003', 'C004', 'C005', 'C006', 'C007']);
      expect(third.items[0].id).toBe('C015');
      expect(last.items.map((c) => c.id)).toEqual(['C029', 'C030']);
      expect((await service.list(admin, query({ page: 9 }))).items).toEqual([]);
    });

    it('filters by branch subtree, kind and RM', async () => {
      const s01 = await service.list(admin, query({ branchId: 'B01-S01' }));
      expect(s01.total).toBe(11);
      expect(new Set(s01.items.map((c) => c.homeBranchId))).toEqual(new Set(['B01-S01', 'B01-S01-O01']));
      expect((await service.list(admin, query({ kind: 'corporate' }))).total).toBe(5);
      expect((await service.list(manager, query({ kind: 'corporate' }))).total).toBe(3);
      expect((await service.list(manager, query({ rmId: TEST_BANK.rm2Id }))).total).toBe(8);
      expect((await service.list(admin, query({ branchId: 'NOPE' }))).total).toBe(0);
    });

    it('answers masked identifiers, names, age and money in yuan', async () => {
      const [c1] = (await service.list(admin, query({ q: 'C001' }))).items;
      expect(c1).toEqual({
        id: 'C001',
        cno: 1,
        kind: 'retail',
        name: '张伟',
        gender: 'M',
        age: 65,
        idNumberMasked: `${testIdNumber(1).slice(0, 6)}********${testIdNumber(1).slice(-4)}`,
        phoneMasked: '138****0001',
        city: '上海',
        homeBranchId: 'B01-S01',
        homeBranchName: '浦东支行',
        rmId: TEST_BANK.rm1Id,
        rmName: '郑客户经理',
        status: 'active',
        aum: 990_012.34,
        uscc: null,
        industry: null,
      });
    });
  });

  describe('search', () => {
    const ids = async (q: string, principal: Principal = admin) =>
      (await service.list(principal, query({ q }))).items.map((c) => c.id);

    it('finds partial Chinese names, the exact name first', async () => {
      expect(await ids('张伟')).toEqual(['C001', 'C002', 'C019']);
      expect(await ids('伟明')).toEqual(['C002']);
      expect(await ids('张伟', manager)).toEqual(['C001', 'C002']);
    });

    it('matches Latin letters in names regardless of case', async () => {
      expect(await ids('abc')).toEqual(['C010']);
      expect(await ids('Abc远航')).toEqual(['C010']);
    });

    it('finds company names partially', async () => {
      expect(await ids('星辰')).toEqual(['C009', 'C018', 'C027']);
      expect(await ids('星辰科技')).toEqual(['C009']);
    });

    it('finds by ID number, with a lower-case x too', async () => {
      expect(await ids(testIdNumber(5))).toEqual(['C005']);
      expect(await ids(testIdNumber(2).toLowerCase())).toEqual(['C002']);
    });

    it('finds by mobile, with separators or +86', async () => {
      expect(await ids(testPhone(12))).toEqual(['C012']);
      expect(await ids('+86 138-0013-0012')).toEqual(['C012']);
    });

    it('finds by account number and by USCC', async () => {
      expect(await ids(testAccountId(21))).toEqual(['C021']);
      expect(await ids(testUscc(9))).toEqual(['C009']);
      expect(await ids(testUscc(9).toLowerCase())).toEqual(['C009']);
    });

    it('treats LIKE wildcards literally and finds nothing for noise', async () => {
      expect(await ids('%')).toEqual([]);
      expect(await ids('_')).toEqual([]);
      expect(await ids('不存在的人')).toEqual([]);
    });

    it('keeps search inside the scope', async () => {
      expect(await ids(testPhone(21), rm1)).toEqual([]);
      expect(await ids(testPhone(3), rm1)).toEqual(['C003']);
    });
  });

  describe('detail', () => {
    it('answers profile, holdings with products and the last 13 months oldest first', async () => {
      const view = await service.get(manager, 'C005');
      expect(view.customer).toMatchObject({
        id: 'C005',
        name: '刘洋',
        addressMasked: '上海市浦东新****',
        birthDate: '1965-06-15',
        riskTolerance: 'C3',
        consentMarketing: true,
        attributes: { segment: 'private_banking' },
        registeredCapital: null,
      });
      expect(view.holdings.map((h) => [h.accountId, h.productName, h.status])).toEqual([
        [testAccountId(5), '活期储蓄', 'active'],
        ['6222020000000502', '稳健理财180天', 'closed'],
      ]);
      expect(view.holdings[0]).toMatchObject({
        category: 'current',
        riskLevel: 'R1',
        rate: 0.0015,
        creditLimit: null,
        opened: '2019-05-20',
      });
      expect(view.holdings[0].balance + view.holdings[1].balance).toBe(view.customer.aum);
      expect(view.monthly).toHaveLength(13);
      expect(view.monthly[0].month).toBe('2025-01-01');
      expect(view.monthly[12].month).toBe('2026-01-01');
      expect(view.monthly[12]).toMatchObject({
        aum: view.customer.aum,
        inflow: 20_000,
        outflow: 18_000,
        txnCount: 23,
      });
    });

    it('answers corporate fields in yuan', async () => {
      const view = await service.get(admin, 'C009');
      expect(view.customer).toMatchObject({
        kind: 'corporate',
        age: null,
        uscc: testUscc(9),
        registeredCapital: 5_000_000,
        employees: 120,
        size: 'medium',
        idNumberMasked: null,
      });
    });
  });

  it('counts all customers for readiness', async () => {
    expect(await service.countAll()).toBe(30);
  });
});
