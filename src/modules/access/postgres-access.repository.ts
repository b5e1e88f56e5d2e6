import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/index.ts';
import type { AccessTables } from './access.migrations.ts';
import type {
  AccessRepository,
  BranchRecord,
  DemoTeam,
  LoginUserRecord,
  NewSession,
  NewUser,
  SessionRecord,
  StaffFilter,
  StaffRecord,
  UserRecord,
} from './access.repository.ts';
import { branchScopeFilter, staffScopeFilter } from './postgres-data-scope.ts';
import type { Principal, Role } from './principal.ts';

// Access reads `customer` only to pick demo users; these are the columns it relies on.
interface CustomerScopeColumns {
  customer: { id: string; rm_id: string | null; home_branch_id: string };
}

type Tables = AccessTables & CustomerScopeColumns;

/** AccessRepository over the serving database (PGlite or PostgreSQL). */
export class PostgresAccessRepository implements AccessRepository {
  private readonly db: Kysely<Tables>;

  constructor(database: Database) {
    this.db = database.kysely as unknown as Kysely<Tables>;
  }

  async findLoginUser(username: string): Promise<LoginUserRecord | undefined> {
    const row = await this.db
      .selectFrom('app_user')
      .select(['id', 'username', 'password_hash', 'disabled'])
      .where('username', '=', username)
      .executeTakeFirst();
    return (
      row && { id: row.id, username: row.username, passwordHash: row.password_hash, disabled: row.disabled }
    );
  }

  async findUser(userId: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom('app_user as u')
      .leftJoin('staff as s', 's.id', 'u.staff_id')
      .leftJoin('branch as b', (join) => join.on(sql`b.id`, '=', sql`coalesce(u.branch_id, s.branch_id)`))
      .select([
        'u.id',
        'u.username',
        'u.display_name',
        'u.role',
        'u.staff_id',
        sql<string | null>`coalesce(u.branch_id, s.branch_id)`.as('branch_id'),
        'b.name as branch_name',
      ])
      .where('u.id', '=', userId)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        staffId: row.staff_id,
        branchId: row.branch_id,
        branchName: row.branch_name,
      }
    );
  }

  async userExists(username: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    return row !== undefined;
  }

  async insertUser(user: NewUser): Promise<void> {
    await this.db
      .insertInto('app_user')
      .values({
        id: user.id,
        username: user.username,
        display_name: user.displayName,
        password_hash: user.passwordHash,
        role: user.role,
        staff_id: user.staffId,
        branch_id: user.branchId,
        disabled: false,
        failed_logins: 0,
        locked_until: null,
        created_at: new Date(),
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .execute();
  }

  async createSession(session: NewSession): Promise<void> {
    await this.db
      .insertInto('user_session')
      .values({
        id: session.id,
        user_id: session.userId,
        created_at: session.createdAt,
        last_seen_at: session.createdAt,
        expires_at: session.expiresAt,
        ip: session.ip,
        user_agent: session.userAgent,
      })
      .execute();
  }

  async findSession(id: string): Promise<SessionRecord | undefined> {
    const row = await this.db
      .selectFrom('user_session as us')
      .innerJoin('app_user as u', 'u.id', 'us.user_id')
      .leftJoin('staff as s', 's.id', 'u.staff_id')
      .leftJoin('branch as b', (join) => join.on(sql`b.id`, '=', sql`coalesce(u.branch_id, s.branch_id)`))
      .select([
        'us.id',
        'us.user_id',
        'us.created_at',
        'us.last_seen_at',
        'us.expires_at',
        'u.username',
        'u.role',
        'u.staff_id',
        'u.disabled',
        sql<string | null>`coalesce(u.branch_id, s.branch_id)`.as('branch_id'),
        'b.path as branch_path',
      ])
      .where('us.id', '=', id)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        userId: row.user_id,
        createdAt: new Date(row.created_at),
        lastSeenAt: new Date(row.last_seen_at),
        expiresAt: new Date(row.expires_at),
        username: row.username,
        role: row.role,
        staffId: row.staff_id,
        branchId: row.branch_id,
        branchPath: row.branch_path,
        disabled: row.disabled,
      }
    );
  }

  async touchSession(id: string, at: Date): Promise<void> {
    await this.db.updateTable('user_session').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('user_session').where('id', '=', id).execute();
  }

  async deleteExpiredSessions(now: Date, idleBefore: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('user_session')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleBefore)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async listBranches(principal: Principal): Promise<BranchRecord[]> {
    const rows = await this.db
      .selectFrom('branch as b')
      .select(['b.id', 'b.parent_id', 'b.level', 'b.name', 'b.city', 'b.path'])
      .where(branchScopeFilter(principal, 'b'))
      // Ordering materialised paths bytewise puts every parent right before its subtree.
      .orderBy(sql`b.path COLLATE "C"`)
      .execute();
    return rows.map(toBranch);
  }

  async listStaff(principal: Principal, filter: StaffFilter): Promise<StaffRecord[]> {
    let query = this.db
      .selectFrom('staff as s')
      .select(['s.id', 's.name', 's.role', 's.branch_id'])
      .where(staffScopeFilter(principal, 's'));
    if (filter.role) query = query.where('s.role', '=', filter.role);
    if (filter.branchId) {
      const root = filter.branchId;
      query = query.where(
        sql<boolean>`s.branch_id IN (SELECT sb.id FROM branch sb JOIN branch root ON root.id = ${root} WHERE starts_with(sb.path, root.path))`,
      );
    }
    const rows = await query.orderBy(sql`s.id COLLATE "C"`).execute();
    return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, branchId: r.branch_id }));
  }

  async findHqBranch(): Promise<BranchRecord | undefined> {
    const row = await this.db
      .selectFrom('branch')
      .select(['id', 'parent_id', 'level', 'name', 'city', 'path'])
      .where('level', '=', 'hq')
      .orderBy(sql`id COLLATE "C"`)
      .limit(1)
      .executeTakeFirst();
    return row && toBranch(row);
  }

  async findFirstStaff(role: Role, branchId?: string): Promise<StaffRecord | undefined> {
    let query = this.db
      .selectFrom('staff')
      .select(['id', 'name', 'role', 'branch_id'])
      .where('role', '=', role);
    if (branchId) query = query.where('branch_id', '=', branchId);
    const row = await query
      .orderBy(sql`id COLLATE "C"`)
      .limit(1)
      .executeTakeFirst();
    return row && { id: row.id, name: row.name, role: row.role, branchId: row.branch_id };
  }

  async findDemoTeam(minRms: number): Promise<DemoTeam | undefined> {
    // RMs working in the branch's subtree who have at least one customer homed in that subtree.
    const found = await sql<{ id: string }>`
      SELECT b.id
      FROM branch b
      JOIN branch sb ON starts_with(sb.path, b.path)
      JOIN staff s ON s.branch_id = sb.id AND s.role = 'rm'
      WHERE b.level = 'branch'
        AND EXISTS (
          SELECT 1 FROM customer c JOIN branch cb ON cb.id = c.home_branch_id
          WHERE c.rm_id = s.id AND starts_with(cb.path, b.path)
        )
      GROUP BY b.id
      HAVING count(DISTINCT s.id) >= ${minRms}
      ORDER BY b.id COLLATE "C"
      LIMIT 1
    `.execute(this.db);
    const branchId = found.rows[0]?.id;
    if (!branchId) return undefined;
    const branch = await this.db
      .selectFrom('branch')
      .select(['id', 'parent_id', 'level', 'name', 'city', 'path'])
      .where('id', '=', branchId)
      .executeTakeFirstOrThrow();
    const rms = await sql<{ id: string; name: string; role: string; branch_id: string }>`
      SELECT s.id, s.name, s.role, s.branch_id
      FROM staff s JOIN branch sb ON sb.id = s.branch_id
      WHERE s.role = 'rm' AND starts_with(sb.path, ${branch.path})
        AND EXISTS (
          SELECT 1 FROM customer c JOIN branch cb ON cb.id = c.home_branch_id
          WHERE c.rm_id = s.id AND starts_with(cb.path, ${branch.path})
        )
      ORDER BY s.id COLLATE "C"
    `.execute(this.db);
    const manager = await this.findFirstStaff('branch_manager', branch.id);
    return {
      branch: toBranch(branch),
      manager: manager ?? null,
      rms: rms.rows.map((r) => ({ id: r.id, name: r.name, role: r.role, branchId: r.branch_id })),
    };
  }
}

function toBranch(row: AccessTables['branch'] | Omit<AccessTables['branch'], 'lat' | 'lon'>): BranchRecord {
  return {
    id: row.id,
    parentId: row.parent_id,
    level: row.level,
    name: row.name,
    city: row.city,
    path: row.path,
  };
}
