import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { dataScopeOf, escapeLike } from './data-scope.policy.ts';
import type { Principal } from './principal.ts';

/** True when the branch id in `column` lies in the subtree whose materialised path is `branchPath`. */
function inBranchSubtree(column: string, branchPath: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} IN (SELECT scope_branch.id FROM branch scope_branch WHERE scope_branch.path LIKE ${`${escapeLike(branchPath)}%`})`;
}

/**
 * The principal's data scope over rows that have an owning staff member and a branch: HQ roles
 * all rows; an RM the rows whose `ownColumn` is their staff id; a branch manager the rows whose
 * `branchColumn` lies in their subtree.
 */
function scopeCondition(principal: Principal, ownColumn: string, branchColumn: string): Expression<SqlBool> {
  const scope = dataScopeOf(principal);
  switch (scope.kind) {
    case 'all':
      return sql<SqlBool>`true`;
    case 'none':
      return sql<SqlBool>`false`;
    case 'own':
      return sql<SqlBool>`${sql.ref(ownColumn)} = ${scope.staffId}`;
    case 'subtree':
      return inBranchSubtree(branchColumn, scope.branchPath);
  }
}

/**
 * A SQL condition true for the rows of `customer` (under `alias`) that the principal may see:
 * RM → `rm_id` is theirs; branch manager → home branch in their subtree; HQ roles → all.
 * Use it in every query that reads customers or data keyed by customer.
 */
export function customerScopeFilter(principal: Principal, alias = 'customer'): Expression<SqlBool> {
  return scopeCondition(principal, `${alias}.rm_id`, `${alias}.home_branch_id`);
}

/** Adds the principal's customer scope to a select over `customer` (aliased `alias`). */
export function applyCustomerScope<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  principal: Principal,
  alias = 'customer',
): SelectQueryBuilder<DB, TB, O> {
  return query.where(customerScopeFilter(principal, alias));
}

/**
 * A SQL condition true for the rows of `branch` (under `alias`) in the principal's part of the
 * organisation: HQ roles all, RMs and branch managers the subtree of their own branch.
 */
export function branchScopeFilter(principal: Principal, alias = 'branch'): Expression<SqlBool> {
  const scope = dataScopeOf(principal);
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  const root = scope.kind === 'none' ? null : scope.branchPath;
  if (!root) return sql<SqlBool>`false`;
  return sql<SqlBool>`${sql.ref(`${alias}.path`)} LIKE ${`${escapeLike(root)}%`}`;
}

/**
 * A SQL condition true for the rows of `staff` (under `alias`) the principal may see: HQ roles all,
 * branch managers the staff of their subtree, RMs only themselves.
 */
export function staffScopeFilter(principal: Principal, alias = 'staff'): Expression<SqlBool> {
  return scopeCondition(principal, `${alias}.id`, `${alias}.branch_id`);
}
