// Public surface of the access module: users, sessions, roles and the branch-tree data scope.
export { accessMigrations, type AccessTables } from './access.migrations.ts';
export { ROLES, HQ_ROLES, isRole, type Principal, type Role } from './principal.ts';
export { dataScopeOf, escapeLike, isInSubtree, type DataScope } from './data-scope.policy.ts';
export {
  applyCustomerScope,
  branchScopeFilter,
  customerScopeFilter,
  staffScopeFilter,
} from './postgres-data-scope.ts';
export { hashPassword, verifyPassword } from './password-hasher.ts';
export { SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_COOKIE, SESSION_IDLE_TIMEOUT_MS } from './session.ts';
export type { AccessRepository } from './access.repository.ts';
export { PostgresAccessRepository } from './postgres-access.repository.ts';
export { AccessService, OrganisationService, type LoginContext, type LoginResult } from './access.service.ts';
export { ensureDemoUsers, type DemoUser } from './demo-users.service.ts';
export {
  branchLevelSchema,
  branchListResponseSchema,
  branchSchema,
  loginRequestSchema,
  roleSchema,
  staffListQuerySchema,
  staffListResponseSchema,
  staffSchema,
  userResponseSchema,
  userSchema,
  type Branch,
  type LoginRequest,
  type Staff,
  type StaffListQuery,
  type User,
} from './access.schema.ts';
