import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/index.ts';
import { testDatabaseTargets } from '../../platform/db/test-databases.ts';
import { UnauthorizedError } from '../../platform/errors.ts';
import type { AccessTables } from './access.migrations.ts';
import { accessMigrations } from './access.migrations.ts';
import { AccessService, OrganisationService } from './access.service.ts';
import { ensureDemoUsers } from './demo-users.service.ts';
import { hashPassword } from './password-hasher.ts';
import { PostgresAccessRepository } from './postgres-access.repository.ts';
import { applyCustomerScope, customerScopeFilter } from './postgres-data-scope.ts';
import type { Principal } from './principal.ts';
import { SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_IDLE_TIMEOUT_MS, sessionIdOf } from './session.ts';

type Tables = AccessTables & { customer: { id: string; rm_id: string | null; home_branch_id: string } };

const PASSWORD = 'Demo#Pass2026';

// B01 has one RM with customers in its subtree (S-R02's customer is homed in B02), so the demo
// team must come from B02, the next level-'branch' branch by id.
async function seed(k: Kysely<Tables>): Promise<void> {
  const branch = (id: string, parent: string | null, level: string, path: string) => ({
    id,
    parent_id: parent,
    level,
    name: `${id} name`,
    city: '上海',
    lat: null,
    lon: null,
    path,
  });
  await k
    .insertInto('branch')
    .values([
      branch('HQ', null, 'hq', '/HQ/'),
      branch('B01', 'HQ', 'branch', '/HQ/B01/'),
      branch('B01-S01', 'B01', 'sub_branch', '/HQ/B01/B01-S01/'),
      branch('B02', 'HQ', 'branch', '/HQ/B02/'),
      branch('B02-S01', 'B02', 'sub_branch', '/HQ/B02/B02-S01/'),
      branch('B02-S02', 'B02', 'sub_branch', '/HQ/B02/B02-S02/'),
      branch('B03', 'HQ', 'branch', '/HQ/B03/'),
    ])
    .execute();
  const staff = (id: string, role: string, branchId: string) => ({
    id,
    name: `${id} 姓名`,
    role,
    branch_id: branchId,
    referral_code: null,
    phone: null,
  });
  await k
    .insertInto('staff')
    .values([
      staff('S-A01', 'admin', 'HQ'),
      staff('S-H01', 'hq_analyst', 'HQ'),
      staff('S-M01', 'branch_manager', 'B01'),
      staff('S-M02', 'branch_manager', 'B02'),
      staff('S-R01', 'rm', 'B01-S01'),
      staff('S-R02', 'rm', 'B01'),
      staff('S-R03', 'rm', 'B02-S01'),
      staff('S-R04', 'rm', 'B02-S02'),
      staff('S-R05', 'rm', 'B02'),
    ])
    .execute();
  await k
    .insertInto('customer')
    .values([
      { id: 'c1', rm_id: 'S-R01', home_branch_id: 'B01-S01' },
      { id: 'c2', rm_id: 'S-R02', home_branch_id: 'B02-S01' },
      { id: 'c3', rm_id: 'S-R03', home_branch_id: 'B02-S01' },
      { id: 'c4', rm_id: 'S-R04', home_branch_id: 'B02-S02' },
      { id: 'c5', rm_id: null, home_branch_id: 'B02' },
      { id: 'c6', rm_id: null, home_branch_id: 'B03' },
    ])
    .execute();
}

describe.each(testDatabaseTargets())('access on $name', (target) => {
  let db: Database;
  let k: Kysely<Tables>;
  let repository: PostgresAccessRepository;
  const clock = new FixedClock(new Date('2026-01-05T08:00:00Z'));

  beforeAll(async () => {
    db = await target.open(accessMigrations);
    await db.exec('CREATE TABLE customer (id TEXT PRIMARY KEY, rm_id TEXT, home_branch_id TEXT NOT NULL)');
    k = db.kysely as unknown as Kysely<Tables>;
    await seed(k);
    repository = new PostgresAccessRepository(db);
  });

  afterAll(async () => {
    await db?.close();
  });

  describe('ensureDemoUsers', () => {
    it('creates admin and analyst at HQ and the team of the first branch with two RMs with customers', async () => {
      const report = await ensureDemoUsers(db, PASSWORD);
      expect(report.map((u) => [u.username, u.status])).toEqual([
        ['admin', 'created'],
        ['analyst', 'created'],
        ['manager', 'created'],
        ['rm1', 'created'],
        ['rm2', 'created'],
      ]);
      const users = await k
        .selectFrom('app_user')
        .select(['username', 'role', 'staff_id', 'branch_id'])
        .orderBy('username')
        .execute();
      expect(users).toEqual([
        { username: 'admin', role: 'admin', staff_id: 'S-A01', branch_id: 'HQ' },
        { username: 'analyst', role: 'hq_analyst', staff_id: 'S-H01', branch_id: 'HQ' },
        { username: 'manager', role: 'branch_manager', staff_id: 'S-M02', branch_id: 'B02' },
        { username: 'rm1', role: 'rm', staff_id: 'S-R03', branch_id: 'B02-S01' },
        { username: 'rm2', role: 'rm', staff_id: 'S-R04', branch_id: 'B02-S02' },
      ]);
    });

    it('leaves existing users alone', async () => {
      const before = await k
        .selectFrom('app_user')
        .select(['username', 'password_hash'])
        .orderBy('username')
        .execute();
      const report = await ensureDemoUsers(db, 'Another#Pass1');
      expect(report.every((u) => u.status === 'existing')).toBe(true);
      expect(report).toHaveLength(5);
      expect(
        await k.selectFrom('app_user').select(['username', 'password_hash']).orderBy('username').execute(),
      ).toEqual(before);
    });
  });

  describe('login and sessions', () => {
    const service = () => new AccessService(repository, clock);

    it('logs in with the right password and resolves the session to a principal', async () => {
      const result = await service().login(
        { username: 'manager', password: PASSWORD },
        { ip: '10.0.0.1', userAgent: 'vitest' },
      );
      expect(result.user).toMatchObject({
        username: 'manager',
        role: 'branch_manager',
        staffId: 'S-M02',
        branchId: 'B02',
        branchName: 'B02 name',
      });
      expect(result.expiresAt.getTime() - clock.now().getTime()).toBe(SESSION_ABSOLUTE_TIMEOUT_MS);
      const principal = await service().authenticate(result.token);
      expect(principal).toEqual({
        userId: result.user.id,
        username: 'manager',
        role: 'branch_manager',
        staffId: 'S-M02',
        branchId: 'B02',
        branchPath: '/HQ/B02/',
      });
    });

    it('stores only the hash of the token', async () => {
      const { token } = await service().login({ username: 'rm1', password: PASSWORD });
      const ids = (await k.selectFrom('user_session').select('id').execute()).map((r) => r.id);
      expect(ids).not.toContain(token);
      expect(ids).toContain(sessionIdOf(token));
    });

    it('answers a wrong password and an unknown user alike', async () => {
      const wrong = await service()
        .login({ username: 'rm1', password: 'nope' })
        .catch((e: unknown) => e);
      const unknown = await service()
        .login({ username: 'nobody', password: 'nope' })
        .catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(UnauthorizedError);
      expect(unknown).toBeInstanceOf(UnauthorizedError);
      expect((wrong as Error).message).toBe((unknown as Error).message);
    });

    it('does not lock an account after failed attempts (no lockout yet)', async () => {
      for (let i = 0; i < 6; i++)
        await expect(service().login({ username: 'rm2', password: `bad${i}` })).rejects.toThrow(
          UnauthorizedError,
        );
      await expect(service().login({ username: 'rm2', password: PASSWORD })).resolves.toMatchObject({
        user: { username: 'rm2' },
      });
    });

    it('refuses a disabled user', async () => {
      await k
        .insertInto('app_user')
        .values({
          id: 'u-disabled',
          username: 'gone',
          display_name: 'Gone',
          password_hash: await hashPassword(PASSWORD),
          role: 'rm',
          staff_id: 'S-R05',
          branch_id: null,
          disabled: true,
          failed_logins: 0,
          locked_until: null,
          created_at: new Date(),
        })
        .execute();
      await expect(service().login({ username: 'gone', password: PASSWORD })).rejects.toThrow(
        UnauthorizedError,
      );
    });

    it('ends a session after 30 idle minutes and deletes it', async () => {
      const { token } = await service().login({ username: 'rm1', password: PASSWORD });
      clock.advance(SESSION_IDLE_TIMEOUT_MS - 60_000);
      expect(await service().authenticate(token)).not.toBeNull();
      clock.advance(SESSION_IDLE_TIMEOUT_MS - 60_000);
      expect(await service().authenticate(token)).not.toBeNull();
      clock.advance(SESSION_IDLE_TIMEOUT_MS);
      expect(await service().authenticate(token)).toBeNull();
      expect(await repository.findSession(sessionIdOf(token))).toBeUndefined();
    });

    it('ends a session 12 hours after login however active', async () => {
      const { token } = await service().login({ username: 'rm1', password: PASSWORD });
      for (let elapsed = 0; elapsed < SESSION_ABSOLUTE_TIMEOUT_MS - 20 * 60_000; elapsed += 20 * 60_000) {
        clock.advance(20 * 60_000);
        expect(await service().authenticate(token)).not.toBeNull();
      }
      clock.advance(20 * 60_000);
      expect(await service().authenticate(token)).toBeNull();
    });

    it('deletes the session on logout', async () => {
      const { token } = await service().login({ username: 'analyst', password: PASSWORD });
      await service().logout(token);
      expect(await service().authenticate(token)).toBeNull();
    });

    it('ignores malformed and unknown tokens', async () => {
      expect(await service().authenticate(undefined)).toBeNull();
      expect(await service().authenticate("x' OR 1=1 --")).toBeNull();
      expect(await service().authenticate('A'.repeat(43))).toBeNull();
    });
  });

  describe('data scope', () => {
    const p = (role: Principal['role'], staffId: string | null, branchPath: string | null): Principal => ({
      userId: 'u',
      username: 'u',
      role,
      staffId,
      branchId: null,
      branchPath,
    });
    const visible = async (principal: Principal) =>
      (
        await k
          .selectFrom('customer as c')
          .select('c.id')
          .where(customerScopeFilter(principal, 'c'))
          .orderBy('c.id')
          .execute()
      ).map((r) => r.id);

    it('shows an RM only their customers', async () => {
      expect(await visible(p('rm', 'S-R03', '/HQ/B02/B02-S01/'))).toEqual(['c3']);
    });
    it("shows a branch manager the customers homed in their subtree, whoever's RM", async () => {
      expect(await visible(p('branch_manager', 'S-M02', '/HQ/B02/'))).toEqual(['c2', 'c3', 'c4', 'c5']);
      expect(await visible(p('branch_manager', 'S-M01', '/HQ/B01/'))).toEqual(['c1']);
    });
    it('applies the same scope through applyCustomerScope', async () => {
      const query = k.selectFrom('customer').select('customer.id').orderBy('customer.id');
      const rows = await applyCustomerScope(query, p('rm', 'S-R04', null)).execute();
      expect(rows.map((r) => r.id)).toEqual(['c4']);
    });

    it('shows HQ roles everyone', async () => {
      for (const role of ['admin', 'hq_analyst', 'auditor'] as const)
        expect(await visible(p(role, null, '/HQ/'))).toHaveLength(6);
    });
    it('shows nothing when the principal lacks what its role needs', async () => {
      expect(await visible(p('rm', null, '/HQ/B01/'))).toEqual([]);
      expect(await visible(p('branch_manager', 'S-M01', null))).toEqual([]);
    });
    it('does not treat a sibling with a longer id as part of the subtree', async () => {
      await k
        .insertInto('branch')
        .values({
          id: 'B02X',
          parent_id: 'HQ',
          level: 'branch',
          name: 'x',
          city: null,
          lat: null,
          lon: null,
          path: '/HQ/B02X/',
        })
        .execute();
      await k.insertInto('customer').values({ id: 'c7', rm_id: null, home_branch_id: 'B02X' }).execute();
      expect(await visible(p('branch_manager', 'S-M02', '/HQ/B02/'))).not.toContain('c7');
      await k.deleteFrom('customer').where('id', '=', 'c7').execute();
      await k.deleteFrom('branch').where('id', '=', 'B02X').execute();
    });
  });

  describe('organisation', () => {
    const org = () => new OrganisationService(repository);
    const manager: Principal = {
      userId: 'u',
      username: 'm',
      role: 'branch_manager',
      staffId: 'S-M02',
      branchId: 'B02',
      branchPath: '/HQ/B02/',
    };
    const rm: Principal = {
      userId: 'u',
      username: 'r',
      role: 'rm',
      staffId: 'S-R03',
      branchId: 'B02-S01',
      branchPath: '/HQ/B02/B02-S01/',
    };
    const admin: Principal = {
      userId: 'u',
      username: 'a',
      role: 'admin',
      staffId: null,
      branchId: 'HQ',
      branchPath: '/HQ/',
    };

    it('lists all branches in tree order for HQ roles', async () => {
      expect((await org().listBranches(admin)).map((b) => b.id)).toEqual([
        'HQ',
        'B01',
        'B01-S01',
        'B02',
        'B02-S01',
        'B02-S02',
        'B03',
      ]);
    });
    it("lists a manager's subtree", async () => {
      const branches = await org().listBranches(manager);
      expect(branches.map((b) => b.id)).toEqual(['B02', 'B02-S01', 'B02-S02']);
      expect(branches[0]).toEqual({
        id: 'B02',
        parentId: 'HQ',
        level: 'branch',
        name: 'B02 name',
        city: '上海',
      });
    });
    it('lists staff in scope, by role and branch', async () => {
      expect((await org().listStaff(manager, { role: 'rm' })).map((s) => s.id)).toEqual([
        'S-R03',
        'S-R04',
        'S-R05',
      ]);
      expect((await org().listStaff(manager, { branchId: 'B02-S02' })).map((s) => s.id)).toEqual(['S-R04']);
      expect((await org().listStaff(rm, {})).map((s) => s.id)).toEqual(['S-R03']);
      expect(await org().listStaff(admin, { role: 'rm' })).toHaveLength(5);
    });
  });
});

describe('ensureDemoUsers without a qualifying branch', () => {
  it('creates admin and analyst and reports the rest as skipped', async () => {
    const db = await testDatabaseTargets()[0].open(accessMigrations);
    try {
      await db.exec(`CREATE TABLE customer (id TEXT PRIMARY KEY, rm_id TEXT, home_branch_id TEXT NOT NULL);
        INSERT INTO branch (id, parent_id, level, name, path) VALUES ('HQ', NULL, 'hq', '总行', '/HQ/')`);
      const report = await ensureDemoUsers(db, PASSWORD);
      expect(report.map((u) => [u.username, u.status])).toEqual([
        ['admin', 'created'],
        ['analyst', 'created'],
        ['manager', 'skipped'],
        ['rm1', 'skipped'],
        ['rm2', 'skipped'],
      ]);
      expect(report[2].reason).toContain('two RMs');
    } finally {
      await db.close();
    }
  });
});
