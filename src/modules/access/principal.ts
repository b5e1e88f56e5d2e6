/** The roles a user can have (DESIGN §5). */
export const ROLES = ['admin', 'hq_analyst', 'branch_manager', 'rm', 'auditor'] as const;

/** A user's role. */
export type Role = (typeof ROLES)[number];

/** Roles whose data scope is the whole bank. */
export const HQ_ROLES: readonly Role[] = ['admin', 'hq_analyst', 'auditor'];

/** Who is asking: the signed-in user as every scoped query receives it. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  /** The staff member the user is, when the user is one (RMs and managers always are). */
  staffId: string | null;
  branchId: string | null;
  /** Materialised path of the user's branch, e.g. '/HQ/B01/'; null when the user has no branch. */
  branchPath: string | null;
}

/** True when `value` is one of the known roles. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
