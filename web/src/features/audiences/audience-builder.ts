import type { AudienceFieldInfo, AudienceNode, TagKind } from '../../api/types.ts';

// The audience builder's state: groups of conditions. A group combines its conditions with its
// own AND/OR; the groups are combined by a top-level AND/OR. This file converts that state to the
// expression JSON the API evaluates, and back (for editing a saved segment or text typed by hand).

/** The operators a field condition can use. */
export type FieldOperator = 'in' | 'not_in' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'between';

/** A condition on one tag (or system) field. */
export interface FieldCondition {
  key: string;
  type: 'field';
  field: string;
  operator: FieldOperator;
  /** Values of `in` / `not_in`. */
  values: (string | boolean)[];
  /** Value of a comparison. */
  value: string | number | boolean | null;
  low: number | null;
  high: number | null;
  negate: boolean;
}

/** "Holds a product of this category". */
export interface ProductCondition {
  key: string;
  type: 'has_product';
  category: string;
  negate: boolean;
}

/** "Is a member of this saved segment". */
export interface SegmentCondition {
  key: string;
  type: 'in_segment';
  segment: string;
  negate: boolean;
}

/** One row of the builder. */
export type BuilderCondition = FieldCondition | ProductCondition | SegmentCondition;

/** How conditions (or groups) are combined. */
export type Combinator = 'and' | 'or';

/** A group of conditions with its own combinator. */
export interface BuilderGroup {
  key: string;
  combinator: Combinator;
  conditions: BuilderCondition[];
}

/** The whole builder. */
export interface BuilderState {
  combinator: Combinator;
  groups: BuilderGroup[];
}

let keyCounter = 0;
/** A key unique within this page, for React lists. */
export function newKey(prefix = 'k'): string {
  keyCounter += 1;
  return `${prefix}${keyCounter}`;
}

/** The operators offered for a kind of field, the default first. */
export function operatorsFor(kind: TagKind): FieldOperator[] {
  if (kind === 'enum') return ['in', 'not_in', '=', '!='];
  if (kind === 'boolean') return ['='];
  return ['>=', '>', '<=', '<', '=', '!=', 'between'];
}

/** A new, still incomplete condition on a field, with the field kind's default operator. */
export function newFieldCondition(field = '', kind: TagKind = 'enum'): FieldCondition {
  return {
    key: newKey('c'),
    type: 'field',
    field,
    operator: operatorsFor(kind)[0]!,
    values: [],
    value: kind === 'boolean' ? true : null,
    low: null,
    high: null,
    negate: false,
  };
}

/** A new empty group holding one incomplete condition. */
export function newGroup(combinator: Combinator = 'and'): BuilderGroup {
  return { key: newKey('g'), combinator, conditions: [newFieldCondition()] };
}

/** The builder as first shown: one group with one empty condition. */
export function emptyBuilder(): BuilderState {
  return { combinator: 'and', groups: [newGroup()] };
}

/** A condition switched to another field: the operator and values reset to fit the field's kind. */
export function withField(condition: FieldCondition, field: AudienceFieldInfo): FieldCondition {
  return { ...newFieldCondition(field.id, field.kind), key: condition.key, negate: condition.negate };
}

/** A condition switched to another operator, keeping the values that still make sense. */
export function withOperator(condition: FieldCondition, operator: FieldOperator): FieldCondition {
  const next: FieldCondition = { ...condition, operator };
  const wasList = condition.operator === 'in' || condition.operator === 'not_in';
  const isList = operator === 'in' || operator === 'not_in';
  if (wasList && !isList) next.value = condition.values[0] ?? null;
  if (!wasList && isList) {
    const value = condition.value;
    next.values = value === null ? [] : [typeof value === 'number' ? String(value) : value];
  }
  if (operator === 'between' && condition.operator !== 'between') {
    next.low = typeof condition.value === 'number' ? condition.value : null;
  }
  return next;
}

/** Why a condition cannot be evaluated yet, or null when it is complete. */
export function incompleteReason(
  condition: BuilderCondition,
): 'field' | 'values' | 'value' | 'range' | 'category' | 'segment' | null {
  if (condition.type === 'has_product') return condition.category ? null : 'category';
  if (condition.type === 'in_segment') return condition.segment ? null : 'segment';
  if (!condition.field) return 'field';
  if (condition.operator === 'in' || condition.operator === 'not_in')
    return condition.values.length > 0 ? null : 'values';
  if (condition.operator === 'between') {
    const { low, high } = condition;
    return low !== null && high !== null && Number.isFinite(low) && Number.isFinite(high) && low <= high
      ? null
      : 'range';
  }
  if (condition.value === null || condition.value === '') return 'value';
  if (typeof condition.value === 'number' && !Number.isFinite(condition.value)) return 'value';
  return null;
}

function conditionNode(condition: BuilderCondition): AudienceNode | null {
  if (incompleteReason(condition) !== null) return null;
  let node: AudienceNode;
  if (condition.type === 'has_product') node = { op: 'has_product', category: condition.category };
  else if (condition.type === 'in_segment') node = { op: 'in_segment', segment: condition.segment };
  else if (condition.operator === 'in' || condition.operator === 'not_in')
    node = { op: condition.operator, field: condition.field, values: [...condition.values] };
  else if (condition.operator === 'between')
    node = { op: 'between', field: condition.field, low: condition.low!, high: condition.high! };
  else node = { op: 'cmp', field: condition.field, cmp: condition.operator, value: condition.value! };
  return condition.negate ? { op: 'not', arg: node } : node;
}

function combine(op: Combinator, args: AudienceNode[]): AudienceNode | null {
  if (args.length === 0) return null;
  if (args.length === 1) return args[0]!;
  return { op, args };
}

/**
 * The expression JSON of the builder. Incomplete conditions are left out (the count follows what
 * is complete while the user is still choosing); an empty builder means everyone in scope.
 */
export function builderToNode(state: BuilderState): AudienceNode {
  const groups = state.groups
    .map((group) =>
      combine(
        group.combinator,
        group.conditions.map(conditionNode).filter((node): node is AudienceNode => node !== null),
      ),
    )
    .filter((node): node is AudienceNode => node !== null);
  return combine(state.combinator, groups) ?? { op: 'all' };
}

/** Number of conditions that are complete and therefore part of the expression. */
export function completeConditionCount(state: BuilderState): number {
  return state.groups.reduce(
    (sum, group) => sum + group.conditions.filter((c) => incompleteReason(c) === null).length,
    0,
  );
}

/** True when a condition has been started (a field or kind chosen) but is not complete yet. */
export function hasUnfinishedCondition(state: BuilderState): boolean {
  return state.groups.some((group) =>
    group.conditions.some((c) => {
      const reason = incompleteReason(c);
      return reason !== null && reason !== 'field';
    }),
  );
}

function leafCondition(node: AudienceNode, negate: boolean): BuilderCondition | null {
  switch (node.op) {
    case 'not':
      return negate ? null : leafCondition(node.arg, true);
    case 'has_product':
      return { key: newKey('c'), type: 'has_product', category: node.category, negate };
    case 'in_segment':
      return { key: newKey('c'), type: 'in_segment', segment: node.segment, negate };
    case 'in':
    case 'not_in':
      return {
        ...newFieldCondition(node.field),
        operator: node.op,
        values: [...node.values],
        value: null,
        negate,
      };
    case 'cmp':
      return { ...newFieldCondition(node.field), operator: node.cmp, value: node.value, negate };
    case 'between':
      return {
        ...newFieldCondition(node.field),
        operator: 'between',
        value: null,
        low: node.low,
        high: node.high,
        negate,
      };
    default:
      return null;
  }
}

function groupOf(node: AudienceNode): BuilderGroup | null {
  const leaf = leafCondition(node, false);
  if (leaf) return { key: newKey('g'), combinator: 'and', conditions: [leaf] };
  if (node.op !== 'and' && node.op !== 'or') return null;
  const conditions: BuilderCondition[] = [];
  for (const arg of node.args) {
    const condition = leafCondition(arg, false);
    if (!condition) return null;
    conditions.push(condition);
  }
  return { key: newKey('g'), combinator: node.op, conditions };
}

/**
 * The builder state showing an expression, or null when the expression nests deeper than
 * groups of conditions (it can then only be edited as text). `builderToNode` of the result
 * gives back the same expression.
 */
export function nodeToBuilder(node: AudienceNode): BuilderState | null {
  if (node.op === 'all') return emptyBuilder();
  // A flat AND/OR of conditions is one group.
  const single = groupOf(node);
  if (single) return { combinator: 'and', groups: [single] };
  if (node.op !== 'and' && node.op !== 'or') return null;
  const groups: BuilderGroup[] = [];
  for (const arg of node.args) {
    const group = groupOf(arg);
    if (!group) return null;
    groups.push(group);
  }
  return { combinator: node.op, groups };
}

/** Field ids that are product-holding flags (`holds_<category>`), as categories for has_product. */
export function productCategories(fields: readonly AudienceFieldInfo[]): string[] {
  return fields
    .filter((field) => field.kind === 'boolean' && field.id.startsWith('holds_'))
    .map((field) => field.id.slice('holds_'.length));
}

/** Every field name and segment name an expression refers to (to check them against the lists). */
export function referencedNames(node: AudienceNode): { fields: string[]; segments: string[] } {
  const fields = new Set<string>();
  const segments = new Set<string>();
  const visit = (n: AudienceNode) => {
    if (n.op === 'and' || n.op === 'or') n.args.forEach(visit);
    else if (n.op === 'not') visit(n.arg);
    else if (n.op === 'in_segment') segments.add(n.segment);
    else if (n.op === 'has_product') fields.add(`holds_${n.category}`);
    else if ('field' in n) fields.add(n.field);
  };
  visit(node);
  return { fields: [...fields], segments: [...segments] };
}
