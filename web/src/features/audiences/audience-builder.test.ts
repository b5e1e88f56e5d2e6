import { describe, expect, test } from 'vitest';
import type { AudienceNode } from '../../api/types.ts';
import {
  builderToNode,
  completeConditionCount,
  emptyBuilder,
  hasUnfinishedCondition,
  incompleteReason,
  newFieldCondition,
  nodeToBuilder,
  productCategories,
  referencedNames,
  withField,
  withOperator,
  type BuilderState,
  type FieldCondition,
} from './audience-builder.ts';
import { unionCount, vennRegions } from './segment-overlap.ts';

function field(patch: Partial<FieldCondition>): FieldCondition {
  return { ...newFieldCondition(), ...patch };
}

describe('builder state → expression JSON', () => {
  test('an empty builder is everyone in scope', () => {
    expect(builderToNode(emptyBuilder())).toEqual({ op: 'all' });
  });

  test('groups with their own combinators under a top-level combinator; NOT per condition', () => {
    const state: BuilderState = {
      combinator: 'and',
      groups: [
        {
          key: 'g1',
          combinator: 'and',
          conditions: [
            field({ field: 'aum_tier', operator: 'in', values: ['500k-1m', '1m+'] }),
            field({ field: 'age', operator: 'between', low: 30, high: 50 }),
            field({ field: 'churn_risk', operator: '=', value: 'high', negate: true }),
          ],
        },
        {
          key: 'g2',
          combinator: 'or',
          conditions: [
            field({ field: 'city', operator: '=', value: '上海' }),
            field({ field: 'city', operator: '=', value: '杭州' }),
          ],
        },
        {
          key: 'g3',
          combinator: 'and',
          conditions: [
            { key: 'p', type: 'has_product', category: 'wealth', negate: false },
            { key: 's', type: 'in_segment', segment: '高净值', negate: false },
          ],
        },
      ],
    };
    expect(builderToNode(state)).toEqual({
      op: 'and',
      args: [
        {
          op: 'and',
          args: [
            { op: 'in', field: 'aum_tier', values: ['500k-1m', '1m+'] },
            { op: 'between', field: 'age', low: 30, high: 50 },
            { op: 'not', arg: { op: 'cmp', field: 'churn_risk', cmp: '=', value: 'high' } },
          ],
        },
        {
          op: 'or',
          args: [
            { op: 'cmp', field: 'city', cmp: '=', value: '上海' },
            { op: 'cmp', field: 'city', cmp: '=', value: '杭州' },
          ],
        },
        {
          op: 'and',
          args: [
            { op: 'has_product', category: 'wealth' },
            { op: 'in_segment', segment: '高净值' },
          ],
        },
      ],
    });
    expect(completeConditionCount(state)).toBe(7);
  });

  test('incomplete conditions are left out and single arguments collapse', () => {
    const state: BuilderState = {
      combinator: 'or',
      groups: [
        {
          key: 'g1',
          combinator: 'and',
          conditions: [
            field({ field: 'txn_count_30d', operator: '>=', value: 5 }),
            field({ field: 'aum_tier', operator: 'in', values: [] }),
            field({ field: '' }),
            field({ field: 'age', operator: 'between', low: 50, high: 30 }),
          ],
        },
        { key: 'g2', combinator: 'or', conditions: [] },
      ],
    };
    expect(builderToNode(state)).toEqual({ op: 'cmp', field: 'txn_count_30d', cmp: '>=', value: 5 });
    expect(completeConditionCount(state)).toBe(1);
    expect(state.groups[0]!.conditions.map(incompleteReason)).toEqual([null, 'values', 'field', 'range']);
  });
});

describe('expression JSON → builder state', () => {
  const expressions: AudienceNode[] = [
    { op: 'all' },
    { op: 'cmp', field: 'mobile_active', cmp: '=', value: true },
    { op: 'not', arg: { op: 'has_product', category: 'loan' } },
    {
      op: 'or',
      args: [
        { op: 'in', field: 'aum_tier', values: ['1m+'] },
        { op: 'not_in', field: 'city_tier', values: ['tier3', 'tier4'] },
      ],
    },
    {
      op: 'or',
      args: [
        { op: 'in_segment', segment: 'vip' },
        {
          op: 'and',
          args: [
            { op: 'between', field: 'age', low: 30, high: 50 },
            { op: 'not', arg: { op: 'cmp', field: 'churn_risk', cmp: '=', value: 'high' } },
          ],
        },
      ],
    },
  ];

  test.each(expressions.map((node) => [JSON.stringify(node), node] as const))('round-trips %s', (_, node) => {
    const state = nodeToBuilder(node);
    expect(state).not.toBeNull();
    expect(builderToNode(state!)).toEqual(node);
  });

  test('a flat AND is one group; groups keep their combinators', () => {
    const state = nodeToBuilder(expressions[4]!)!;
    expect(state.combinator).toBe('or');
    expect(state.groups.map((g) => [g.combinator, g.conditions.length])).toEqual([
      ['and', 1],
      ['and', 2],
    ]);
    const negated = state.groups[1]!.conditions[1] as FieldCondition;
    expect(negated).toMatchObject({ field: 'churn_risk', operator: '=', value: 'high', negate: true });
  });

  test('expressions nested deeper than groups of conditions are text-only', () => {
    const deep: AudienceNode = {
      op: 'and',
      args: [
        { op: 'has_product', category: 'fund' },
        {
          op: 'or',
          args: [
            { op: 'in_segment', segment: 'a' },
            {
              op: 'and',
              args: [
                { op: 'in_segment', segment: 'b' },
                { op: 'in_segment', segment: 'c' },
              ],
            },
          ],
        },
      ],
    };
    expect(nodeToBuilder(deep)).toBeNull();
    expect(nodeToBuilder({ op: 'not', arg: { op: 'not', arg: { op: 'all' } } })).toBeNull();
    expect(
      nodeToBuilder({ op: 'not', arg: { op: 'or', args: [{ op: 'has_product', category: 'fund' }] } }),
    ).toBeNull();
  });
});

describe('editing a condition', () => {
  test('choosing a field resets the operator to its kind', () => {
    const start = field({ field: 'age', operator: 'between', low: 1, high: 2, negate: true });
    const bool = withField(start, {
      id: 'payroll',
      kind: 'boolean',
      theme: 'transaction',
      name: { zh: '', en: '' },
    });
    expect(bool).toMatchObject({
      key: start.key,
      field: 'payroll',
      operator: '=',
      value: true,
      negate: true,
    });
    const num = withField(start, { id: 'aum', kind: 'numeric', theme: 'asset', name: { zh: '', en: '' } });
    expect(num).toMatchObject({ operator: '>=', value: null, low: null, high: null });
  });

  test('switching between list and single-value operators keeps the value', () => {
    const list = field({ field: 'city', operator: 'in', values: ['上海', '杭州'] });
    const single = withOperator(list, '!=');
    expect(single.value).toBe('上海');
    expect(withOperator(single, 'not_in').values).toEqual(['上海']);
    expect(withOperator(field({ field: 'aum', operator: '>=', value: 5 }), 'between').low).toBe(5);
  });

  test('names referenced by an expression; product categories from holds_ fields', () => {
    expect(
      referencedNames({
        op: 'and',
        args: [
          { op: 'has_product', category: 'fund' },
          { op: 'not', arg: { op: 'in_segment', segment: 's1' } },
          { op: 'cmp', field: 'age', cmp: '<', value: 40 },
        ],
      }),
    ).toEqual({ fields: ['holds_fund', 'age'], segments: ['s1'] });
    const name = { zh: '', en: '' };
    expect(
      productCategories([
        { id: 'holds_fund', kind: 'boolean', theme: 'asset', name },
        { id: 'holds_wealth', kind: 'boolean', theme: 'asset', name },
        { id: 'holds_count', kind: 'numeric', theme: 'asset', name },
        { id: 'payroll', kind: 'boolean', theme: 'transaction', name },
      ]),
    ).toEqual(['fund', 'wealth']);
  });
});

describe('Venn regions of 2–3 segments', () => {
  test('two segments', () => {
    const regions = vennRegions(['a', 'b'], {
      sets: [
        { ids: ['a'], count: 100 },
        { ids: ['b'], count: 60 },
        { ids: ['b', 'a'], count: 25 },
      ],
    });
    expect(regions.map((r) => [r.ids.join('+'), r.exclusive])).toEqual([
      ['a', 75],
      ['b', 35],
      ['a+b', 25],
    ]);
    expect(unionCount(regions)).toBe(135);
  });

  test('three segments match a brute-force count of random members', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const members = { a: new Set<number>(), b: new Set<number>(), c: new Set<number>() };
    for (let customer = 0; customer < 500; customer++) {
      if (random() < 0.4) members.a.add(customer);
      if (random() < 0.3) members.b.add(customer);
      if (random() < 0.5) members.c.add(customer);
    }
    const ids = ['a', 'b', 'c'] as const;
    const sets = [];
    for (let mask = 1; mask < 8; mask++) {
      const chosen = ids.filter((_, i) => mask & (1 << i));
      const count = [...members[chosen[0]!]].filter((c) => chosen.every((id) => members[id].has(c))).length;
      sets.push({ ids: [...chosen], count });
    }
    const regions = vennRegions([...ids], { sets });
    for (const region of regions) {
      const expected = Array.from({ length: 500 }, (_, c) => c).filter((c) =>
        ids.every((id) => members[id].has(c) === region.ids.includes(id)),
      ).length;
      expect(region.exclusive, region.ids.join('+')).toBe(expected);
    }
    const union = new Set([...members.a, ...members.b, ...members.c]).size;
    expect(unionCount(regions)).toBe(union);
  });
});

test('a started but unfinished condition is flagged; an untouched empty one is not', () => {
  const state = emptyBuilder();
  expect(hasUnfinishedCondition(state)).toBe(false);
  state.groups[0]!.conditions = [field({ field: 'aum_tier', operator: 'in', values: [] })];
  expect(hasUnfinishedCondition(state)).toBe(true);
  state.groups[0]!.conditions = [{ key: 'p', type: 'has_product', category: '', negate: false }];
  expect(hasUnfinishedCondition(state)).toBe(true);
});
