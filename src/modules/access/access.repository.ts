import type { Principal, Role } from './principal.ts';
import type { SessionTimes } from './session.ts';

/** What a login needs of a user. */
export interface LoginUserRecord {
  id: string;
  username: string;
  passwordHash: string;
  disabled: boolean;
}

/** A user as shown to people. */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: string;
  staffId: string | null;
  branchId: string | null;
  branchName: string | null;
}

/** A stored session joined with what building its principal needs. */
export interface SessionRecord extends SessionTimes {
  id: string;
  userId: string;
  username: string;
  role: string;
  staffId: string | null;
  /** The user's branch, or else their staff record's branch. */
  branchId: string | null;
  branchPath: string | null;
  disabled: boolean;
}

/** A session to store; `id` is the hash of the token, never the token. */
export interface NewSession {
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** A user to create. */
export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  staffId: string | null;
  branchId: string | null;
}

/** One node of the organisation tree. */
export interface BranchRecord {
  id: string;
  parentId: string | null;
  level: string;
  name: string;
  city: string | null;
  path: string;
}

/** A member of staff. */
export interface StaffRecord {
  id: string;
  name: string;
  role: string;
  branchId: string;
}

/** Filters of a staff list. */
export interface StaffFilter {
  role?: string;
  /** Only staff of this branch's subtree. */
  branchId?: string;
}

/** The branch and RMs the demo manager and RMs are taken from. */
export interface DemoTeam {
  branch: BranchRecord;
  manager: StaffRecord | null;
  /** RMs of the subtree with customers in it, by id. */
  rms: StaffRecord[];
}

/**
 * Storage of users, sessions and the organisation tree. Contract: lists honour the principal's
 * scope (see data-scope.policy.ts); branch lists come in tree order (parents before children);
 * session times are the caller's, never the database's clock.
 */
export interface AccessRepository {
  findLoginUser(username: string): Promise<LoginUserRecord | undefined>;
  findUser(userId: string): Promise<UserRecord | undefined>;
  userExists(username: string): Promise<boolean>;
  insertUser(user: NewUser): Promise<void>;

  createSession(session: NewSession): Promise<void>;
  findSession(id: string): Promise<SessionRecord | undefined>;
  touchSession(id: string, at: Date): Promise<void>;
  deleteSession(id: string): Promise<void>;
  /** Deletes sessions past their absolute expiry or idle since before `idleBefore`; returns how many. */
  deleteExpiredSessions(now: Date, idleBefore: Date): Promise<number>;

  listBranches(principal: Principal): Promise<BranchRecord[]>;
  listStaff(principal: Principal, filter: StaffFilter): Promise<StaffRecord[]>;

  /** The first HQ-level branch by id. */
  findHqBranch(): Promise<BranchRecord | undefined>;
  /** The first staff member by id with `role`, at `branchId` when given. */
  findFirstStaff(role: Role, branchId?: string): Promise<StaffRecord | undefined>;
  /** The first level-'branch' branch by id whose subtree has at least `minRms` RMs with customers in it. */
  findDemoTeam(minRms: number): Promise<DemoTeam | undefined>;
}
