import { expect, test } from 'vitest';
import type { TagDefinition } from '../../api/types.ts';
import {
  coveragePercent,
  duplicateValue,
  emptyTagForm,
  formToDefinition,
  parseBuckets,
  tagToForm,
} from './tag-form.ts';

const aumTier: TagDefinition = {
  id: 'aum_tier',
  name: { zh: '资产层级', en: 'AUM tier' },
  theme: 'asset',
  kind: 'enum',
  appliesTo: 'retail',
  values: [
    { value: '<50k', zh: '5万以下', en: 'Under 50k' },
    { value: '1m+', zh: '100万以上', en: '1m+' },
  ],
  source: { type: 'sql', expression: "CASE WHEN aum >= 1000000 THEN '1m+' ELSE '<50k' END" },
  refresh: 'daily',
  description: { zh: '按 AUM 分层', en: 'By AUM' },
  owner: 'panorama',
  version: 3,
  status: 'active',
  builtIn: true,
};

test('a tag round-trips through the form (without the fields the catalogue fills)', () => {
  const { owner: _owner, version: _version, status: _status, builtIn: _builtIn, ...authored } = aumTier;
  expect(formToDefinition(tagToForm(aumTier))).toEqual(authored);
});

test('only the fields of the chosen kind are sent', () => {
  const form = {
    ...emptyTagForm('asset'),
    id: ' aum_amount ',
    nameZh: '资产',
    nameEn: 'AUM',
    kind: 'numeric' as const,
    values: [{ value: 'x', zh: 'x', en: 'x' }],
    buckets: '0, 10000，100000  1000000',
    unit: 'yuan' as const,
    scale: 2,
    expression: ' aum ',
  };
  const definition = formToDefinition(form);
  expect(definition).toMatchObject({
    id: 'aum_amount',
    kind: 'numeric',
    buckets: [0, 10000, 100000, 1000000],
    unit: 'yuan',
    scale: 2,
    source: { type: 'sql', expression: 'aum' },
  });
  expect(definition.values).toBeUndefined();
  const asEnum = formToDefinition({ ...form, kind: 'enum', values: [{ value: 'a', zh: '', en: '' }] });
  expect(asEnum.buckets).toBeUndefined();
  expect(asEnum.unit).toBeUndefined();
  // Empty labels fall back to the value itself.
  expect(asEnum.values).toEqual([{ value: 'a', zh: 'a', en: 'a' }]);
});

test('a model or list source is kept as it is', () => {
  const source = { type: 'model' as const, model: 'churn', output: 'score' };
  const form = { ...emptyTagForm(), id: 'churn_score', kind: 'numeric' as const, expression: '' };
  expect(formToDefinition(form, source).source).toEqual(source);
});

test('bucket edges must be ascending numbers; duplicated enum values are found', () => {
  expect(parseBuckets('')).toEqual({ buckets: [] });
  expect(parseBuckets('1, 2;3')).toEqual({ buckets: [1, 2, 3] });
  expect(parseBuckets('1, 1')).toEqual({ error: 'bucketsInvalid' });
  expect(parseBuckets('1, x')).toEqual({ error: 'bucketsInvalid' });
  expect(duplicateValue([{ value: 'a' }, { value: 'b ' }, { value: 'b' }])).toBe('b');
  expect(duplicateValue([{ value: 'a' }])).toBeNull();
});

test('coverage as a percentage with one decimal', () => {
  expect(coveragePercent({ customers: 3000, covered: 2999, ratio: 2999 / 3000 })).toBe(100);
  expect(coveragePercent({ customers: 3000, covered: 1234, ratio: 1234 / 3000 })).toBe(41.1);
  expect(coveragePercent(null)).toBeNull();
});
