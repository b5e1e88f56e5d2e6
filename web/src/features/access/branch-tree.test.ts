import { expect, test } from 'vitest';
import type { Branch } from '../../api/types.ts';
import { buildBranchTree } from './branch-tree.ts';

const branch = (id: string, parentId: string | null, level: Branch['level']): Branch => ({
  id,
  parentId,
  level,
  name: id,
  city: null,
});

test('nests branches under their parents; the top of the scope becomes the root', () => {
  const tree = buildBranchTree([
    branch('B01', 'HQ', 'branch'),
    branch('S1', 'B01', 'sub_branch'),
    branch('O1', 'S1', 'outlet'),
    branch('S2', 'B01', 'sub_branch'),
  ]);
  expect(tree.map((n) => n.branch.id)).toEqual(['B01']);
  expect(tree[0]!.children.map((n) => n.branch.id)).toEqual(['S1', 'S2']);
  expect(tree[0]!.children[0]!.children.map((n) => n.branch.id)).toEqual(['O1']);
});

test('a child listed before its parent is still nested', () => {
  const tree = buildBranchTree([branch('S1', 'B01', 'sub_branch'), branch('B01', null, 'branch')]);
  expect(tree.map((n) => n.branch.id)).toEqual(['B01']);
  expect(tree[0]!.children.map((n) => n.branch.id)).toEqual(['S1']);
});
