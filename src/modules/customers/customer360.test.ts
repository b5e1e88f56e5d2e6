import { describe, expect, it } from 'vitest';
import type { CounterpartyRow } from './customer360.repository.ts';
import {
  buildSankey,
  highlightIdentifier,
  highlightName,
  mergeCounterparties,
  parseSections,
  planSearch,
  signalPolarity,
} from './customer360.ts';

describe('parseSections', () => {
  it('defaults to all sections and keeps page order', () => {
    expect(parseSections(undefined)).toContain('profile');
    expect(parseSections('flows, aum')).toEqual(['aum', 'flows']);
  });
  it('names unknown sections', () => {
    expect(() => parseSections('aum,bogus')).toThrow(/"bogus"/);
  });
});

describe('planSearch', () => {
  it('spaces name characters for partial and one-wrong-character patterns', () => {
    const plan = planSearch('王小明', 10);
    expect(plan.containsPattern).toBe('% 王 小 明 %');
    expect(plan.typoPatterns).toEqual(['% _ 小 明 %', '% 王 _ 明 %', '% 王 小 _ %']);
    expect(plan.similarity).toBe(false);
  });
  it('treats digits as identifiers only, with +86 dropped and upper-case spellings', () => {
    const plan = planSearch('+86 138 0013 8000', 10);
    expect(plan.containsPattern).toBeNull();
    expect(plan.exactValues).toContain('13800138000');
    expect(planSearch('91330100abc', 5).exactValues).toContain('91330100ABC');
  });
  it('escapes LIKE wildcards typed by the user', () => {
    expect(planSearch('a%b', 5).containsPattern).toBe('% a \\% b %');
  });
});

describe('highlighting', () => {
  it('highlights the contained part of a name, else the shared characters', () => {
    expect(highlightName('王小明', '小明')).toEqual([
      { text: '王', highlight: false },
      { text: '小明', highlight: true },
    ]);
    expect(highlightName('王小明', '王晓明')).toEqual([
      { text: '王', highlight: true },
      { text: '小', highlight: false },
      { text: '明', highlight: true },
    ]);
  });
  it('highlights only the visible typed digits of a masked identifier', () => {
    expect(highlightIdentifier('138****8000', '13800138000', '+8613800138000')).toEqual([
      { text: '138', highlight: true },
      { text: '****', highlight: false },
      { text: '8000', highlight: true },
    ]);
    const id = highlightIdentifier('110105********1234', '110105199001011234', '110105199001011234');
    expect(id.filter((s) => s.highlight).map((s) => s.text)).toEqual(['110105', '1234']);
  });
});

describe('buildSankey', () => {
  it('keeps the totals: the rest of the counterparties become one others node', () => {
    const rows: CounterpartyRow[] = Array.from({ length: 12 }, (_, i) => ({
      direction: 'in' as const,
      name: `P${i}`,
      bank: null,
      amountCents: 1001 * (i + 1),
      count: 1,
    }));
    rows.push({ direction: 'in', name: 'P0', bank: '工商银行', amountCents: 5, count: 1 });
    const inflows = mergeCounterparties(rows, 'in');
    expect(inflows).toHaveLength(12);
    const { nodes, links } = buildSankey(inflows, [], '张三', 8);
    const total = links.reduce((s, l) => s + l.value, 0);
    expect(total).toBeCloseTo(rows.reduce((s, r) => s + r.amountCents, 0) / 100, 2);
    expect(nodes.filter((n) => n.side === 'source')).toHaveLength(9);
  });
  it('classes signals by their usual credit reading', () => {
    expect(signalPolarity('litigation')).toBe('negative');
    expect(signalPolarity('bid_win')).toBe('positive');
    expect(signalPolarity('mortgage_registration')).toBe('neutral');
  });
});
