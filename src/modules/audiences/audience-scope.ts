// The data scope of a principal as a bitmap over the audience index (DESIGN §5): every count,
// breakdown, sample, overlap, split and export is intersected with it.
import { dataScopeOf, isInSubtree, type Principal } from '../access/index.ts';
import {
  EnumColumn,
  createBitmap,
  orAll,
  type AudienceIndex,
  type Bitmap,
} from '../../engines/bitmap/index.ts';
import type { BranchNode } from './audience.repository.ts';

function enumColumn(index: AudienceIndex, id: '_branch' | '_rm'): EnumColumn {
  const column = index.column(id);
  if (!(column instanceof EnumColumn)) {
    throw new Error(`audience index has no ${id} column: rebuild it with \`panorama tags run\``);
  }
  return column;
}

/**
 * The customers a principal may see, as a bitmap: HQ roles the universe; a branch manager the
 * customers homed in their branch subtree (OR of the `_branch` bitmaps of its branches); an RM the
 * `_rm` bitmap of their staff id; anyone else nobody.
 */
export function scopeBitmap(
  principal: Principal,
  index: AudienceIndex,
  branches: readonly BranchNode[],
): Bitmap {
  const scope = dataScopeOf(principal);
  switch (scope.kind) {
    case 'all':
      return index.universe;
    case 'none':
      return createBitmap();
    case 'own':
      return enumColumn(index, '_rm').bitmapOf(scope.staffId);
    case 'subtree': {
      const column = enumColumn(index, '_branch');
      const ids = branches.filter((b) => isInSubtree(b.path, scope.branchPath)).map((b) => b.id);
      return orAll(ids.map((id) => column.bitmapOf(id)));
    }
  }
}

/**
 * The branch a breakdown by `_branch` groups a home branch under: the branch one level below the
 * principal's root (HQ roles: the bank's root; others: their own branch), or the root itself.
 */
export function branchGroups(
  principal: Principal,
  branches: readonly BranchNode[],
): { root: BranchNode | undefined; groupOf: (branchId: string) => BranchNode | undefined } {
  const scope = dataScopeOf(principal);
  const byId = new Map(branches.map((b) => [b.id, b]));
  const byPath = new Map(branches.map((b) => [b.path, b]));
  const rootPath =
    scope.kind === 'subtree'
      ? scope.branchPath
      : scope.kind === 'own' && scope.branchPath
        ? scope.branchPath
        : branches.find((b) => b.parentId === null)?.path;
  const root = rootPath ? byPath.get(rootPath) : undefined;
  const depth = rootPath ? rootPath.split('/').filter(Boolean).length : 0;
  return {
    root,
    groupOf(branchId) {
      const branch = byId.get(branchId);
      if (!branch) return undefined;
      if (!rootPath || !isInSubtree(branch.path, rootPath)) return branch;
      const parts = branch.path.split('/').filter(Boolean);
      if (parts.length <= depth) return branch;
      return byPath.get(`/${parts.slice(0, depth + 1).join('/')}/`) ?? branch;
    },
  };
}
