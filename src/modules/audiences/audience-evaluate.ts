// Evaluates an audience expression (the JSON form) with bitmap operations over the audience index.
//
// NULL semantics follow SQL: a comparison, `in` or `between` on a customer whose tag is NULL (unknown / not
// applicable) is false, so `x != 5`, `x not in ('a')` and `x < 5` never include customers without a value.
// `not` is set complement against the universe, so `not (x > 5)` = universe − (x > 5) DOES include them:
// "not a big customer" means everyone who is not known to be big. This is the behaviour marketers expect
// from a builder (negating a group selects its complement) and it keeps `a or not a` = everyone.
import roaring from 'roaring';
import {
  BitSlicedIndex,
  EnumColumn,
  orAll,
  type AudienceIndex,
  type Bitmap,
} from '../../engines/bitmap/index.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { AudienceNode } from './audience-expression.ts';

const { RoaringBitmap32: Roaring } = roaring;

/** A partial result; `owned` = false when it is a bitmap stored in the index, which must not be modified. */
interface Piece {
  bitmap: Bitmap;
  owned: boolean;
}

function owned(p: Piece): Bitmap {
  return p.owned ? p.bitmap : p.bitmap.clone();
}

function missingColumn(field: string): never {
  throw new ValidationError(
    `tag "${field}" is not in the audience index yet; run the tags (panorama tags run) to build it`,
    { field },
  );
}

function enumColumn(index: AudienceIndex, field: string): EnumColumn {
  const column = index.column(field);
  if (!column) missingColumn(field);
  if (!(column instanceof EnumColumn)) {
    throw new ValidationError(`tag "${field}" is numeric in the audience index; compare it with a number`, {
      field,
    });
  }
  return column;
}

function numericColumn(index: AudienceIndex, field: string): BitSlicedIndex {
  const column = index.column(field);
  if (!column) missingColumn(field);
  if (!(column instanceof BitSlicedIndex)) {
    throw new ValidationError(
      `tag "${field}" is not numeric in the audience index; compare it with a value`,
      {
        field,
      },
    );
  }
  return column;
}

/** Boolean tags are stored as the enum values 'true' / 'false'. */
function key(value: string | number | boolean): string {
  return String(value);
}

/** A numeric comparison resolved against its bit-sliced index, with its estimated selectivity. */
interface NumericLeaf {
  node: Extract<AudienceNode, { op: 'cmp' } | { op: 'between' }>;
  bsi: BitSlicedIndex;
  share: number;
}

/** The numeric comparison `node` is, or undefined when it is anything else. */
function numericLeaf(node: AudienceNode, index: AudienceIndex): NumericLeaf | undefined {
  if (node.op === 'between') {
    const bsi = numericColumn(index, node.field);
    return { node, bsi, share: bsi.estimateShare('between', node.low, node.high) };
  }
  if (node.op !== 'cmp' || !(index.column(node.field) instanceof BitSlicedIndex)) return undefined;
  const bsi = index.column(node.field) as BitSlicedIndex;
  if (typeof node.value !== 'number') {
    throw new ValidationError(`tag "${node.field}" is numeric: expected a number`, { field: node.field });
  }
  return { node, bsi, share: bsi.estimateShare(node.cmp, node.value) };
}

/** Runs a numeric comparison, restricted to `within` when given; always a new bitmap. */
function compareNumeric({ node, bsi }: NumericLeaf, within?: Bitmap): Bitmap {
  if (node.op === 'between') return bsi.between(node.low, node.high, within);
  const v = node.value as number;
  switch (node.cmp) {
    case '=':
      return bsi.eq(v, within);
    case '!=':
      return bsi.ne(v, within);
    case '<':
      return bsi.lt(v, within);
    case '<=':
      return bsi.le(v, within);
    case '>':
      return bsi.gt(v, within);
    case '>=':
      return bsi.ge(v, within);
  }
}

function evaluate(node: AudienceNode, index: AudienceIndex, resolveSegment: (name: string) => Bitmap): Piece {
  switch (node.op) {
    case 'all':
      return { bitmap: index.universe, owned: false };
    case 'and': {
      // Three passes, cheapest first: set members (enum, boolean, groups) intersect smallest first; then
      // numeric comparisons run *within* that running result, so their slice scans cost in proportion
      // to it rather than to the whole index; negated members subtract last (a − b, no complement).
      const positive: Piece[] = [];
      const numeric: NumericLeaf[] = [];
      const negative: AudienceNode[] = [];
      for (const arg of node.args) {
        if (arg.op === 'not') negative.push(arg.arg);
        else {
          const leaf = numericLeaf(arg, index);
          if (leaf) numeric.push(leaf);
          else positive.push(evaluate(arg, index, resolveSegment));
        }
      }
      positive.sort((a, b) => a.bitmap.size - b.bitmap.size);
      let result: Bitmap | undefined = positive.length ? owned(positive[0]) : undefined;
      for (let i = 1; i < positive.length && !result!.isEmpty; i++) result!.andInPlace(positive[i].bitmap);
      numeric.sort((a, b) => a.share - b.share);
      for (const leaf of numeric) {
        if (result?.isEmpty) break;
        result = compareNumeric(leaf, result);
      }
      result ??= index.universe.clone();
      for (const n of negative) {
        if (result.isEmpty) break;
        result.andNotInPlace(evaluate(n, index, resolveSegment).bitmap);
      }
      return { bitmap: result, owned: true };
    }
    case 'or': {
      const parts = node.args.map((a) => evaluate(a, index, resolveSegment).bitmap);
      return { bitmap: orAll(parts), owned: true };
    }
    case 'not': {
      const inner = evaluate(node.arg, index, resolveSegment);
      return { bitmap: Roaring.andNot(index.universe, inner.bitmap), owned: true };
    }
    case 'in':
    case 'not_in': {
      const column = enumColumn(index, node.field);
      const matches =
        node.values.length === 1
          ? { bitmap: column.bitmapOf(key(node.values[0])), owned: false }
          : { bitmap: orAll(node.values.map((v) => column.bitmapOf(key(v)))), owned: true };
      if (node.op === 'in') return matches;
      return { bitmap: Roaring.andNot(column.notNull(), matches.bitmap), owned: true };
    }
    case 'cmp': {
      const column = index.column(node.field);
      if (!column) missingColumn(node.field);
      if (column instanceof EnumColumn) {
        const matches = column.bitmapOf(key(node.value));
        if (node.cmp === '=') return { bitmap: matches, owned: false };
        if (node.cmp === '!=') return { bitmap: Roaring.andNot(column.notNull(), matches), owned: true };
        throw new ValidationError(
          `tag "${node.field}" is not numeric in the audience index; operator ${node.cmp} needs a numeric tag`,
          { field: node.field },
        );
      }
      return { bitmap: compareNumeric(numericLeaf(node, index)!), owned: true };
    }
    case 'between':
      return { bitmap: compareNumeric(numericLeaf(node, index)!), owned: true };
    case 'has_product':
      return { bitmap: enumColumn(index, `holds_${node.category}`).bitmapOf('true'), owned: false };
    case 'in_segment': {
      const members = resolveSegment(node.segment);
      // A saved segment may hold customers that have since left the index: keep only current ones.
      return { bitmap: Roaring.and(members, index.universe), owned: true };
    }
  }
}

/**
 * Evaluates `node` to the set of matching customer numbers; the result is a new bitmap (the caller may
 * modify it), always ⊆ index.universe, and `not x` = universe − x. See the file comment for NULL handling.
 */
export function evaluateAudience(
  node: AudienceNode,
  index: AudienceIndex,
  resolveSegment: (name: string) => Bitmap,
): Bitmap {
  const result = evaluate(node, index, resolveSegment);
  const bitmap = owned(result);
  // Column bitmaps are built from the same rows as the universe; intersecting once more makes the
  // guarantee independent of how the index was assembled. `all` and `not` are subsets by construction.
  if (node.op !== 'all' && node.op !== 'not' && node.op !== 'in_segment') bitmap.andInPlace(index.universe);
  return bitmap;
}

/** The number of customers matching `node` within `scope` (e.g. a principal's data scope). */
export function countAudience(
  node: AudienceNode,
  index: AudienceIndex,
  resolveSegment: (name: string) => Bitmap,
  scope?: Bitmap,
): number {
  const result = evaluate(node, index, resolveSegment).bitmap;
  return result.andCardinality(scope ?? index.universe);
}
