import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../platform/errors.ts';
import { SplitCounter, assignGroup, splitBucket, splitLayout, type SplitPlan } from './segment-split.ts';

const ids = Array.from({ length: 100_000 }, (_, i) => `C${String(i + 1).padStart(8, '0')}`);

const plan: SplitPlan = {
  experimentKey: 'spring-2026-wealth',
  arms: [
    { name: 'A', percent: 40 },
    { name: 'B', percent: 40 },
  ],
  controlPercent: 15,
  holdoutPercent: 5,
};

describe('segment split', () => {
  it('assigns the same group to a customer on every run', () => {
    const layout = splitLayout(plan);
    const first = ids.slice(0, 2000).map((id) => assignGroup(id, plan.experimentKey, layout));
    const again = ids
      .slice(0, 2000)
      .map((id) => assignGroup(id, plan.experimentKey, splitLayout({ ...plan })));
    expect(again).toEqual(first);
    // A known value pins the hash recipe (sha256("C00000001:spring-2026-wealth") → uint32 BE → % 10000).
    expect(splitBucket('C00000001', 'spring-2026-wealth')).toBe(7915);
    expect(splitBucket('C00000001', 'spring-2026-wealth')).not.toBe(splitBucket('C00000001', 'other'));
  });

  it('is balanced within 1 percentage point on 100k ids', () => {
    const counter = new SplitCounter(plan);
    counter.add(ids);
    const result = counter.result();
    const share = (n: number) => (n / ids.length) * 100;
    expect(Math.abs(share(result.arms[0].count) - 40)).toBeLessThan(1);
    expect(Math.abs(share(result.arms[1].count) - 40)).toBeLessThan(1);
    expect(Math.abs(share(result.control) - 15)).toBeLessThan(1);
    expect(Math.abs(share(result.holdout) - 5)).toBeLessThan(0.5);
    expect(result.arms[0].count + result.arms[1].count + result.control + result.holdout).toBe(ids.length);
  });

  it('splits independently for different experiment keys', () => {
    const a = splitLayout({
      ...plan,
      arms: [{ name: 'A', percent: 50 }],
      controlPercent: 50,
      holdoutPercent: 0,
    });
    // Customers in arm A of experiment 1 fall into experiment 2's arm A about half the time.
    let inA1 = 0;
    let inBoth = 0;
    for (const id of ids) {
      if (assignGroup(id, 'exp-1', a) !== 0) continue;
      inA1 += 1;
      if (assignGroup(id, 'exp-2', a) === 0) inBoth += 1;
    }
    expect(inA1).toBeGreaterThan(49_000);
    expect(Math.abs(inBoth / inA1 - 0.5)).toBeLessThan(0.01);
  });

  it('rejects plans that do not sum to 100, reserved or duplicate names, and bad percents', () => {
    expect(() => splitLayout({ ...plan, holdoutPercent: 10 })).toThrow(/sum to 100 \(they sum to 105\)/);
    expect(() =>
      splitLayout({
        ...plan,
        arms: [
          { name: 'A', percent: 40 },
          { name: 'A', percent: 40 },
        ],
      }),
    ).toThrow(/arms\.1\.name: 'A' is used twice/);
    expect(() => splitLayout({ ...plan, arms: [{ name: 'control', percent: 80 }] })).toThrow(ValidationError);
    expect(() => splitLayout({ ...plan, controlPercent: -5, holdoutPercent: 25 })).toThrow(/controlPercent/);
    expect(() =>
      splitLayout({
        ...plan,
        arms: [
          { name: 'A', percent: 33.333 },
          { name: 'B', percent: 46.667 },
        ],
      }),
    ).toThrow(/two decimals/);
    const thirds = splitLayout({
      ...plan,
      arms: [
        { name: 'A', percent: 33.33 },
        { name: 'B', percent: 33.33 },
        { name: 'C', percent: 33.34 },
      ],
      controlPercent: 0,
      holdoutPercent: 0,
    });
    expect(thirds.edges).toEqual([3333, 6666, 10_000, 10_000, 10_000]);
  });
});
