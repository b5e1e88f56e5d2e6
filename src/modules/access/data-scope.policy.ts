import { HQ_ROLES, type Principal } from './principal.ts';

/**
 * Which customers (and which part of the organisation) a principal may see: the whole bank, the
 * customers assigned to one RM, a branch subtree, or nothing.
 */
export type DataScope =
  | { kind: 'all' }
  | { kind: 'own'; staffId: string; branchPath: string | null }
  | { kind: 'subtree'; branchPath: string }
  | { kind: 'none' };

/** Derives the data scope of a principal from its role and place in the branch tree (DESIGN §5). */
export function dataScopeOf(principal: Principal): DataScope {
  if (HQ_ROLES.includes(principal.role)) return { kind: 'all' };
  if (principal.role === 'rm') {
    // An RM without a staff record has no assigned customers: fail closed rather than open.
    return principal.staffId
      ? { kind: 'own', staffId: principal.staffId, branchPath: principal.branchPath }
      : { kind: 'none' };
  }
  if (principal.role === 'branch_manager') {
    return principal.branchPath ? { kind: 'subtree', branchPath: principal.branchPath } : { kind: 'none' };
  }
  return { kind: 'none' };
}

/** True when `path` lies in the subtree rooted at `rootPath` (both materialised paths like '/HQ/B01/'). */
export function isInSubtree(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

/** Escapes LIKE wildcards so a value matches literally in a `LIKE … ESCAPE '\'` pattern. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
