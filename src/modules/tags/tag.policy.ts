import type { Principal, Role } from '../access/index.ts';
import { ForbiddenError } from '../../platform/errors.ts';

/** Roles that may create, edit, retire tags and start tag runs; every signed-in user may read them. */
export const TAG_EDITOR_ROLES: readonly Role[] = ['admin', 'hq_analyst'];

/** True when the principal may change the tag catalogue or run tags. */
export function canEditTags(principal: Principal): boolean {
  return TAG_EDITOR_ROLES.includes(principal.role);
}

/** Throws 403 unless the principal may change the tag catalogue or run tags. */
export function assertCanEditTags(principal: Principal, action: string): void {
  if (!canEditTags(principal))
    throw new ForbiddenError(`only administrators and HQ analysts may ${action} (you are ${principal.role})`);
}
