import { describe, expect, it } from 'vitest';
import { dataScopeOf, escapeLike, isInSubtree } from './data-scope.policy.ts';
import type { Principal, Role } from './principal.ts';

const principal = (role: Role, extra: Partial<Principal> = {}): Principal => ({
  userId: 'u1',
  username: 'u',
  role,
  staffId: 'S1',
  branchId: 'B01',
  branchPath: '/HQ/B01/',
  ...extra,
});

describe('dataScopeOf', () => {
  it('gives HQ roles the whole bank', () => {
    for (const role of ['admin', 'hq_analyst', 'auditor'] as const)
      expect(dataScopeOf(principal(role))).toEqual({ kind: 'all' });
  });
  it('gives an RM their own customers', () => {
    expect(dataScopeOf(principal('rm'))).toEqual({ kind: 'own', staffId: 'S1', branchPath: '/HQ/B01/' });
  });
  it("gives a branch manager their branch's subtree", () => {
    expect(dataScopeOf(principal('branch_manager'))).toEqual({ kind: 'subtree', branchPath: '/HQ/B01/' });
  });
  it('fails closed when an RM has no staff record or a manager no branch', () => {
    expect(dataScopeOf(principal('rm', { staffId: null }))).toEqual({ kind: 'none' });
    expect(dataScopeOf(principal('branch_manager', { branchPath: null }))).toEqual({ kind: 'none' });
  });
});

describe('subtree helpers', () => {
  it('matches paths by prefix', () => {
    expect(isInSubtree('/HQ/B01/B01-S01/', '/HQ/B01/')).toBe(true);
    expect(isInSubtree('/HQ/B010/', '/HQ/B01/')).toBe(false);
  });
  it('escapes LIKE wildcards', () => {
    expect(escapeLike('/HQ/B_1%/\\')).toBe('/HQ/B\\_1\\%/\\\\');
  });
});
