import { afterEach, describe, expect, it } from 'vitest';
import {
  AudienceIndex,
  BitSlicedIndex,
  EnumColumn,
  SnapshotFormatError,
  andAll,
  createBitmap,
  orAll,
  type Bitmap,
} from './index.ts';

/** Seeded PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sparse, unsorted-free customer numbers with gaps (cnos need not be dense). */
function makeCnos(n: number, random: () => number): Uint32Array {
  const cnos = new Uint32Array(n);
  let c = Math.floor(random() * 10);
  for (let i = 0; i < n; i++) {
    c += 1 + (random() < 0.2 ? Math.floor(random() * 70_000) : 0); // some jumps cross 65536-chunks
    cnos[i] = c;
  }
  return cnos;
}

function members(b: Bitmap): number[] {
  return Array.from(b.toUint32Array());
}

function brute(cnos: Uint32Array, keep: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < cnos.length; i++) if (keep(i)) out.push(cnos[i]);
  return out;
}

interface NumericCase {
  name: string;
  scale: number;
  draw: (random: () => number) => number | null;
}

const NUMERIC_CASES: NumericCase[] = [
  // Small range of integers with many duplicates, negatives and nulls.
  {
    name: 'small ints with negatives',
    scale: 0,
    draw: (r) => (r() < 0.1 ? null : Math.floor(r() * 21) - 10),
  },
  // Two decimals, negatives, NaN as missing.
  {
    name: 'scale 2 with negatives',
    scale: 2,
    draw: (r) => (r() < 0.05 ? NaN : (Math.floor(r() * 40_001) - 20_000) / 100),
  },
  // Skewed large amounts (money-like): most small, a long tail up to 10^9.
  {
    name: 'skewed large amounts',
    scale: 0,
    draw: (r) => (r() < 0.15 ? null : Math.floor(Math.exp(r() * Math.log(1e9)))),
  },
  // Values beyond 32 bits at scale 2 exercise the high-word slices.
  {
    name: 'beyond 32 bits',
    scale: 2,
    draw: (r) => (r() < 0.1 ? null : Math.floor(r() * 2 ** 34) / 100),
  },
  // A single distinct value (zero slices).
  { name: 'constant', scale: 1, draw: (r) => (r() < 0.3 ? null : 7.5) },
];

describe('BitSlicedIndex equals a brute-force evaluator', () => {
  afterEach(() => {
    BitSlicedIndex.strategy = 'auto';
  });
  const strategies = ['auto', 'lsb', 'msb'] as const;
  for (const c of NUMERIC_CASES) {
    for (const seed of [1, 2, 3]) {
      const strategy = strategies[seed - 1];
      it(`${c.name}, seed ${seed}, ${strategy} scan`, () => {
        BitSlicedIndex.strategy = strategy;
        const random = rng(seed * 7919 + c.scale);
        const n = 2000;
        const cnos = makeCnos(n, random);
        const values = Array.from({ length: n }, () => c.draw(random));
        const index = BitSlicedIndex.build(cnos, values, c.scale);
        const has = (i: number) => values[i] !== null && !Number.isNaN(values[i]);
        const present = values.filter((v): v is number => v !== null && !Number.isNaN(v));
        const lo = Math.min(...present);
        const hi = Math.max(...present);
        expect(index.min()).toBe(lo);
        expect(index.max()).toBe(hi);
        expect(members(index.notNull())).toEqual(brute(cnos, has));

        // Constants: existing values (duplicates), values between (not representable at the scale),
        // far outside both ends, and the extremes themselves.
        const step = 10 ** -c.scale;
        const constants = [lo, hi, lo - 1000, hi + 1000, lo - step, hi + step, 0, 2.5, -2.5, 0.29, 1e-7];
        for (let k = 0; k < 25; k++) {
          const v = present[Math.floor(random() * present.length)];
          constants.push(v, v + step / 2, v - step / 3, v + step);
        }
        for (const k of constants) {
          const v = (i: number) => values[i] as number;
          expect(members(index.eq(k)), `eq ${k}`).toEqual(brute(cnos, (i) => has(i) && v(i) === k));
          expect(members(index.ne(k)), `ne ${k}`).toEqual(brute(cnos, (i) => has(i) && v(i) !== k));
          expect(members(index.lt(k)), `lt ${k}`).toEqual(brute(cnos, (i) => has(i) && v(i) < k));
          expect(members(index.le(k)), `le ${k}`).toEqual(brute(cnos, (i) => has(i) && v(i) <= k));
          expect(members(index.gt(k)), `gt ${k}`).toEqual(brute(cnos, (i) => has(i) && v(i) > k));
          expect(members(index.ge(k)), `ge ${k}`).toEqual(brute(cnos, (i) => has(i) && v(i) >= k));
        }
        // With a `within` filter every answer is the unfiltered answer restricted to the filter.
        const within = createBitmap(Array.from(cnos).filter(() => random() < 0.3));
        for (const k of constants.slice(0, 40)) {
          const restrict = (b: Bitmap) => members(b).filter((x) => within.has(x));
          expect(members(index.eq(k, within)), `eq ${k} within`).toEqual(restrict(index.eq(k)));
          expect(members(index.ne(k, within)), `ne ${k} within`).toEqual(restrict(index.ne(k)));
          expect(members(index.lt(k, within)), `lt ${k} within`).toEqual(restrict(index.lt(k)));
          expect(members(index.le(k, within)), `le ${k} within`).toEqual(restrict(index.le(k)));
          expect(members(index.gt(k, within)), `gt ${k} within`).toEqual(restrict(index.gt(k)));
          expect(members(index.ge(k, within)), `ge ${k} within`).toEqual(restrict(index.ge(k)));
          expect(members(index.between(k, k + 10, within))).toEqual(restrict(index.between(k, k + 10)));
        }
        for (let k = 0; k < 30; k++) {
          const a = constants[Math.floor(random() * constants.length)];
          const b = constants[Math.floor(random() * constants.length)];
          const v = (i: number) => values[i] as number;
          expect(members(index.between(a, b)), `between ${a} ${b}`).toEqual(
            brute(cnos, (i) => has(i) && v(i) >= a && v(i) <= b),
          );
        }
      });
    }
  }

  it('handles non-integer constants at scale 0 (x < 2.5 means x <= 2)', () => {
    const cnos = Uint32Array.from([1, 2, 3, 4, 5]);
    const index = BitSlicedIndex.build(cnos, [1, 2, 3, null, 2], 0);
    expect(members(index.lt(2.5))).toEqual([1, 2, 5]);
    expect(members(index.le(2.5))).toEqual([1, 2, 5]);
    expect(members(index.gt(2.5))).toEqual([3]);
    expect(members(index.eq(2.5))).toEqual([]);
    expect(members(index.ne(2.5))).toEqual([1, 2, 3, 5]);
    expect(members(index.between(1.5, 2.5))).toEqual([2, 5]);
  });

  it('treats binary float noise in constants as exact at the scale', () => {
    const cnos = Uint32Array.from([1, 2, 3]);
    const index = BitSlicedIndex.build(cnos, [0.28, 0.29, 0.3], 2);
    expect(members(index.eq(0.29))).toEqual([2]);
    expect(members(index.le(0.1 + 0.19))).toEqual([1, 2]);
  });

  it('answers empty for an all-missing column', () => {
    const index = BitSlicedIndex.build(Uint32Array.from([1, 2]), [null, NaN], 0);
    expect(index.min()).toBeNull();
    expect(index.max()).toBeNull();
    expect(index.ge(-1e9).size).toBe(0);
    expect(index.ne(3).size).toBe(0);
  });

  it('rejects bad input with a clear error', () => {
    expect(() => BitSlicedIndex.build(Uint32Array.from([1]), [Infinity], 0)).toThrow(/row 0 is Infinity/);
    expect(() => BitSlicedIndex.build(Uint32Array.from([1]), [1], 12)).toThrow(/scale/);
    expect(() => BitSlicedIndex.build(Uint32Array.from([1, 2]), [1], 0)).toThrow(/2 customer numbers but 1/);
  });
});

describe('EnumColumn equals a brute-force evaluator', () => {
  for (const seed of [11, 12, 13]) {
    it(`seed ${seed}`, () => {
      const random = rng(seed);
      const n = 4000;
      const cnos = makeCnos(n, random);
      const dictionary = ['a', 'b', 'c', '上海', "o'neil", 'rare'];
      const values = Array.from({ length: n }, () => {
        const r = random();
        if (r < 0.1) return null;
        if (r < 0.101) return 'rare';
        return dictionary[Math.floor(random() * 5)];
      });
      const column = EnumColumn.build(cnos, values);
      for (const v of [...dictionary, 'absent']) {
        expect(members(column.bitmapOf(v)), v).toEqual(brute(cnos, (i) => values[i] === v));
      }
      expect(members(column.notNull())).toEqual(brute(cnos, (i) => values[i] !== null));
      const counts = new Map<string, number>();
      for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
      expect(column.counts()).toEqual(counts);
      expect(new Set(column.values())).toEqual(new Set(counts.keys()));
      expect(column.sizeInBytes()).toBeGreaterThan(0);

      // The typed-array fast path gives the same bitmaps.
      const codes = Uint8Array.from(values, (v) => (v === null ? 0 : dictionary.indexOf(v) + 1));
      const fast = EnumColumn.fromCodes(cnos, codes, dictionary);
      for (const v of dictionary) expect(members(fast.bitmapOf(v))).toEqual(members(column.bitmapOf(v)));
    });
  }

  it('rejects codes outside the dictionary', () => {
    expect(() => EnumColumn.fromCodes(Uint32Array.from([1]), Uint8Array.from([3]), ['x'])).toThrow(/row 0/);
  });
});

describe('set algebra helpers', () => {
  it('orAll and andAll', () => {
    const a = createBitmap([1, 2, 3]);
    const b = createBitmap([2, 3, 4]);
    const c = createBitmap([3, 4, 5]);
    expect(members(orAll([a, b, c]))).toEqual([1, 2, 3, 4, 5]);
    expect(members(andAll([a, b, c])!)).toEqual([3]);
    expect(andAll([])).toBeUndefined();
    expect(orAll([]).size).toBe(0);
    expect(members(a)).toEqual([1, 2, 3]); // inputs untouched
  });
});

describe('AudienceIndex snapshot', () => {
  function sampleIndex(): { index: AudienceIndex; cnos: Uint32Array } {
    const random = rng(99);
    const n = 5000;
    const cnos = makeCnos(n, random);
    const columns = new Map<string, EnumColumn | BitSlicedIndex>();
    columns.set(
      'city',
      EnumColumn.build(
        cnos,
        Array.from({ length: n }, () =>
          random() < 0.1 ? null : ['上海', '杭州', '北京'][Math.floor(random() * 3)],
        ),
      ),
    );
    columns.set(
      'aum',
      BitSlicedIndex.build(
        cnos,
        Array.from({ length: n }, () => (random() < 0.2 ? null : Math.round(random() * 1e8) / 100 - 1000)),
        2,
      ),
    );
    columns.set('empty', BitSlicedIndex.build(cnos, new Array<null>(n).fill(null), 0));
    return {
      index: new AudienceIndex(createBitmap(cnos), columns, { builtAt: '2025-06-30T00:00:00Z', n }),
      cnos,
    };
  }

  it('round-trips every bitmap, layout and meta', () => {
    const { index } = sampleIndex();
    const bytes = index.serialize();
    const copy = AudienceIndex.deserialize(bytes);
    expect(copy.meta).toEqual(index.meta);
    expect(members(copy.universe)).toEqual(members(index.universe));
    expect(copy.columnIds()).toEqual(index.columnIds());
    const city = copy.column('city') as EnumColumn;
    for (const v of ['上海', '杭州', '北京']) {
      expect(members(city.bitmapOf(v))).toEqual(members((index.column('city') as EnumColumn).bitmapOf(v)));
    }
    const a = index.column('aum') as BitSlicedIndex;
    const b = copy.column('aum') as BitSlicedIndex;
    expect(b.min()).toBe(a.min());
    expect(b.max()).toBe(a.max());
    for (const k of [-1000, -3.21, 0, 12345.67, 999_000]) {
      expect(members(b.lt(k))).toEqual(members(a.lt(k)));
      expect(members(b.eq(k))).toEqual(members(a.eq(k)));
      expect(members(b.between(k, k + 5000))).toEqual(members(a.between(k, k + 5000)));
    }
    expect((copy.column('empty') as BitSlicedIndex).notNull().size).toBe(0);
    expect(copy.memoryReport()).toEqual(index.memoryReport());
    expect(index.memoryReport()[0].bytes).toBeGreaterThanOrEqual(index.memoryReport()[2].bytes);
    expect(copy.serialize().equals(bytes)).toBe(true);
  });

  it('rejects foreign, newer and truncated snapshots clearly', () => {
    const bytes = sampleIndex().index.serialize();
    expect(() => AudienceIndex.deserialize(Buffer.from('hello world, not an index'))).toThrow(
      /not a Panorama audience index/,
    );
    const newer = Buffer.from(bytes);
    newer.writeUInt32LE(2, 8);
    expect(() => AudienceIndex.deserialize(newer)).toThrow(/format version 2 is not supported/);
    expect(() => AudienceIndex.deserialize(bytes.subarray(0, bytes.length - 10))).toThrow(
      SnapshotFormatError,
    );
    expect(() => AudienceIndex.deserialize(bytes.subarray(0, bytes.length - 10))).toThrow(
      /truncated at bitmap/,
    );
    expect(() => AudienceIndex.deserialize(Buffer.concat([bytes, Buffer.alloc(3)]))).toThrow(
      /trailing bytes/,
    );
  });
});
