import type { Clock } from '../../platform/clock.ts';
import { NotFoundError, UnauthorizedError } from '../../platform/errors.ts';
import type { AccessRepository, UserRecord } from './access.repository.ts';
import type { Branch, LoginRequest, Staff, StaffListQuery, User } from './access.schema.ts';
import { decoyPasswordHash, verifyPassword } from './password-hasher.ts';
import { isRole, type Principal } from './principal.ts';
import {
  isSessionExpired,
  isWellFormedSessionToken,
  newSessionToken,
  SESSION_IDLE_TIMEOUT_MS,
  sessionExpiry,
  sessionIdOf,
  shouldTouchSession,
} from './session.ts';

/** Where a login comes from, kept with the session for the user's security overview. */
export interface LoginContext {
  ip?: string | null;
  userAgent?: string | null;
}

/** A successful login: the token for the cookie (shown once, stored only hashed) and the user. */
export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: User;
}

const BAD_CREDENTIALS = 'invalid username or password';

/** Login, logout and session resolution. */
export class AccessService {
  constructor(
    private readonly repository: AccessRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks credentials and opens a session. An unknown user, a wrong password and a disabled
   * account fail alike and take the same time (a decoy hash is verified when the user is absent).
   */
  async login(credentials: LoginRequest, context: LoginContext = {}): Promise<LoginResult> {
    const user = await this.repository.findLoginUser(credentials.username);
    const passwordOk = await verifyPassword(
      user?.passwordHash ?? (await decoyPasswordHash()),
      credentials.password,
    );
    if (!user || !passwordOk || user.disabled) throw new UnauthorizedError(BAD_CREDENTIALS);

    const now = this.clock.now();
    await this.repository.deleteExpiredSessions(now, new Date(now.getTime() - SESSION_IDLE_TIMEOUT_MS));
    const token = newSessionToken();
    const expiresAt = sessionExpiry(now);
    await this.repository.createSession({
      id: sessionIdOf(token),
      userId: user.id,
      createdAt: now,
      expiresAt,
      ip: context.ip ?? null,
      userAgent: context.userAgent?.slice(0, 500) ?? null,
    });
    return { token, expiresAt, user: await this.userView(user.id) };
  }

  /** Ends the session of `token`, if any. */
  async logout(token: string): Promise<void> {
    if (!isWellFormedSessionToken(token)) return;
    await this.repository.deleteSession(sessionIdOf(token));
  }

  /**
   * The principal of a live session, or null when the token is unknown, expired (idle 30 min or
   * 12 h after login) or belongs to a disabled user. Expired sessions are deleted on sight.
   */
  async authenticate(token: string | undefined): Promise<Principal | null> {
    if (!token || !isWellFormedSessionToken(token)) return null;
    const session = await this.repository.findSession(sessionIdOf(token));
    if (!session) return null;
    const now = this.clock.now();
    if (isSessionExpired(session, now) || session.disabled || !isRole(session.role)) {
      await this.repository.deleteSession(session.id);
      return null;
    }
    if (shouldTouchSession(session, now)) await this.repository.touchSession(session.id, now);
    return {
      userId: session.userId,
      username: session.username,
      role: session.role,
      staffId: session.staffId,
      branchId: session.branchId,
      branchPath: session.branchPath,
    };
  }

  /** The signed-in user as the API shows it. */
  async me(principal: Principal): Promise<User> {
    return this.userView(principal.userId);
  }

  private async userView(userId: string): Promise<User> {
    const record = await this.repository.findUser(userId);
    if (!record) throw new NotFoundError('user');
    return toUser(record);
  }
}

function toUser(record: UserRecord): User {
  if (!isRole(record.role)) throw new UnauthorizedError(BAD_CREDENTIALS);
  return { ...record, role: record.role };
}

/** The organisation as the principal may see it: branches and staff. */
export class OrganisationService {
  constructor(private readonly repository: AccessRepository) {}

  /** Branches in the principal's scope, parents before children. */
  async listBranches(principal: Principal): Promise<Branch[]> {
    const rows = await this.repository.listBranches(principal);
    return rows.map((b) => ({
      id: b.id,
      parentId: b.parentId,
      level: b.level as Branch['level'],
      name: b.name,
      city: b.city,
    }));
  }

  /** Staff in the principal's scope, optionally of one role and one branch subtree. */
  async listStaff(principal: Principal, query: StaffListQuery): Promise<Staff[]> {
    const rows = await this.repository.listStaff(principal, { role: query.role, branchId: query.branchId });
    return rows
      .filter((s) => isRole(s.role))
      .map((s) => ({ id: s.id, name: s.name, role: s.role as Staff['role'], branchId: s.branchId }));
  }
}
