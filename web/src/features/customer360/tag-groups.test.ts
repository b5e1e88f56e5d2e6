import { describe, expect, test } from 'vitest';
import { groupTags, keyTags, tagValueLabel, type TagInfo, type TagWords } from './tag-groups.ts';

const words: TagWords = {
  yes: 'Yes',
  no: 'No',
  units: { days: ' d' },
  money: (value) => `¥${value.toFixed(2)}`,
};

const catalogue: TagInfo[] = [
  {
    id: 'aum_tier',
    name: { zh: '资产层级', en: 'AUM tier' },
    theme: 'value',
    kind: 'enum',
    values: [
      { value: '1m+', zh: '百万以上', en: '1M and above' },
      { value: '<50k', zh: '5万以下', en: 'Under 50k' },
    ],
  },
  { id: 'age', name: { zh: '年龄', en: 'Age' }, theme: 'natural', kind: 'numeric', unit: 'years' },
  { id: 'holds_wealth', name: { zh: '持有理财', en: 'Holds wealth' }, theme: 'asset', kind: 'boolean' },
  { id: 'holds_fund', name: { zh: '持有基金', en: 'Holds fund' }, theme: 'asset', kind: 'boolean' },
  {
    id: 'days_since_login',
    name: { zh: '距上次登录', en: 'Days since login' },
    theme: 'behaviour',
    kind: 'numeric',
    unit: 'days',
  },
  { id: 'old_tag', name: { zh: '旧标签', en: 'Old tag' }, theme: 'risk', kind: 'enum', status: 'retired' },
];

describe('tag groups of the 360 page', () => {
  test('groups by theme in page order with catalogue names and value labels', () => {
    const groups = groupTags(
      [
        { tagId: 'days_since_login', value: 3 },
        { tagId: 'holds_fund', value: false },
        { tagId: 'age', value: 41 },
        { tagId: 'aum_tier', value: '1m+' },
        { tagId: 'holds_wealth', value: true },
        { tagId: 'old_tag', value: 'x' },
        { tagId: 'mystery', value: 'v' },
        { tagId: 'nothing', value: null },
      ],
      catalogue,
      'en',
      words,
    );
    expect(groups.map((g) => g.theme)).toEqual(['value', 'natural', 'asset', 'behaviour', 'other']);
    expect(groups[0]!.items[0]).toMatchObject({ name: 'AUM tier', valueLabel: '1M and above' });
    // Catalogue order inside a theme: holds_wealth before holds_fund.
    expect(groups[2]!.items.map((i) => [i.tagId, i.valueLabel])).toEqual([
      ['holds_wealth', 'Yes'],
      ['holds_fund', 'No'],
    ]);
    expect(groups[3]!.items[0]!.valueLabel).toBe('3 d');
    // Unknown tags keep their id; retired tags and nulls are left out.
    expect(groups[4]!.items).toEqual([
      expect.objectContaining({ tagId: 'mystery', name: 'mystery', valueLabel: 'v' }),
    ]);
    expect(groups.flatMap((g) => g.items).some((i) => i.tagId === 'old_tag' || i.tagId === 'nothing')).toBe(
      false,
    );
  });

  test('Chinese labels come from the zh names', () => {
    const [group] = groupTags([{ tagId: 'aum_tier', value: '<50k' }], catalogue, 'zh-CN', words);
    expect(group!.items[0]).toMatchObject({ name: '资产层级', valueLabel: '5万以下' });
  });

  test('without a catalogue every tag shows under its id, and key tags fall back to them', () => {
    const groups = groupTags(
      [
        { tagId: 'b_flag', value: false },
        { tagId: 'a_tier', value: 'high' },
      ],
      null,
      'en',
      words,
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]!.theme).toBe('other');
    expect(keyTags(groups).map((t) => t.tagId)).toEqual(['a_tier']);
  });

  test('key tags: enum values and true flags of key themes, value theme first', () => {
    const groups = groupTags(
      [
        { tagId: 'age', value: 41 },
        { tagId: 'holds_wealth', value: true },
        { tagId: 'holds_fund', value: false },
        { tagId: 'aum_tier', value: '1m+' },
      ],
      catalogue,
      'en',
      words,
    );
    expect(keyTags(groups).map((t) => t.tagId)).toEqual(['aum_tier', 'holds_wealth']);
    expect(keyTags(groups, 1).map((t) => t.tagId)).toEqual(['aum_tier']);
  });

  test('numbers are formatted by unit; unknown enum values show as they are', () => {
    const info = (unit: TagInfo['unit']): TagInfo => ({
      id: 'x',
      name: { zh: 'x', en: 'x' },
      theme: 'asset',
      kind: 'numeric',
      unit,
    });
    expect(tagValueLabel(info('yuan'), 1234.5, 'en', words)).toBe('¥1234.50');
    expect(tagValueLabel(info('pct'), 12.345, 'en', words)).toBe('12.3%');
    expect(tagValueLabel(info('ratio'), 0.12345, 'en', words)).toBe('0.12');
    expect(tagValueLabel(catalogue[0], 'unlisted', 'en', words)).toBe('unlisted');
  });
});
