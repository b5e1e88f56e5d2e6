import type { Database } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids.ts';
import type { AccessRepository, StaffRecord } from './access.repository.ts';
import { hashPassword } from './password-hasher.ts';
import { PostgresAccessRepository } from './postgres-access.repository.ts';
import type { Role } from './principal.ts';

/** One demo user and what ensureDemoUsers did about it. */
export interface DemoUser {
  username: string;
  role: Role;
  /** `created` now, `existing` already there (left alone), `skipped` when this bank has no fitting staff. */
  status: 'created' | 'existing' | 'skipped';
  staffId: string | null;
  branchId: string | null;
  /** Why a skipped user could not be created. */
  reason?: string;
}

interface DemoUserPlan {
  username: string;
  role: Role;
  displayName: string;
  staff: StaffRecord | null;
  branchId: string | null;
}

/**
 * Creates the demo users that are absent (existing ones keep their password): `admin` and
 * `analyst` at HQ; `manager`, the branch manager of the first level-'branch' branch (by id) whose
 * subtree has at least two RMs with customers there; `rm1` and `rm2`, the first two such RMs by id.
 * Returns the five users in that order with what happened to each.
 */
export async function ensureDemoUsers(db: Database, password: string): Promise<DemoUser[]> {
  return ensureDemoUsersIn(new PostgresAccessRepository(db), password);
}

/** ensureDemoUsers over any AccessRepository. */
export async function ensureDemoUsersIn(repository: AccessRepository, password: string): Promise<DemoUser[]> {
  const results: DemoUser[] = [];
  const plans: DemoUserPlan[] = [];

  const hq = await repository.findHqBranch();
  const admin = await repository.findFirstStaff('admin', hq?.id);
  const analyst = await repository.findFirstStaff('hq_analyst', hq?.id);
  const hqId = hq?.id ?? null;
  plans.push({
    username: 'admin',
    role: 'admin',
    displayName: admin?.name ?? 'Administrator',
    staff: admin ?? null,
    branchId: hqId,
  });
  plans.push({
    username: 'analyst',
    role: 'hq_analyst',
    displayName: analyst?.name ?? 'HQ Analyst',
    staff: analyst ?? null,
    branchId: hqId,
  });

  const team = await repository.findDemoTeam(2);
  if (team) {
    plans.push({
      username: 'manager',
      role: 'branch_manager',
      displayName: team.manager?.name ?? `${team.branch.name} Manager`,
      staff: team.manager,
      branchId: team.branch.id,
    });
    team.rms.slice(0, 2).forEach((rm, i) => {
      plans.push({
        username: `rm${i + 1}`,
        role: 'rm',
        displayName: rm.name,
        staff: rm,
        branchId: rm.branchId,
      });
    });
  }

  for (const plan of plans) {
    const user = {
      username: plan.username,
      role: plan.role,
      staffId: plan.staff?.id ?? null,
      branchId: plan.branchId,
    };
    if (await repository.userExists(plan.username)) {
      results.push({ ...user, status: 'existing' });
      continue;
    }
    await repository.insertUser({
      ...user,
      id: newId(),
      displayName: plan.displayName,
      passwordHash: await hashPassword(password),
    });
    results.push({ ...user, status: 'created' });
  }
  if (!team) {
    const reason = "no level-'branch' branch whose subtree has two RMs with customers homed there";
    results.push({
      username: 'manager',
      role: 'branch_manager',
      status: 'skipped',
      staffId: null,
      branchId: null,
      reason,
    });
    for (const username of ['rm1', 'rm2'])
      results.push({ username, role: 'rm', status: 'skipped', staffId: null, branchId: null, reason });
  }
  return results;
}
