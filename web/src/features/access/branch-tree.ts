import type { Branch } from '../../api/types.ts';

/** A branch with its children, for tree controls. */
export interface BranchNode {
  branch: Branch;
  children: BranchNode[];
}

/**
 * Builds the tree of a flat branch list. A branch whose parent is not in the list (the top of the
 * caller's scope) becomes a root; input order is kept among siblings.
 */
export function buildBranchTree(branches: readonly Branch[]): BranchNode[] {
  const nodes = new Map<string, BranchNode>();
  for (const branch of branches) nodes.set(branch.id, { branch, children: [] });
  const roots: BranchNode[] = [];
  for (const branch of branches) {
    const node = nodes.get(branch.id)!;
    const parent = branch.parentId ? nodes.get(branch.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
