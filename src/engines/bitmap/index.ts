// Bitmap engine: Roaring bitmaps keyed by the dense customer number (cno), an enum column (one bitmap per
// value), an O'Neil bit-sliced index for numbers, and the audience index that holds them with a binary
// snapshot format. Pure: imports nothing of ours and does no I/O (callers read and write the bytes).
import roaring from 'roaring';
import type { RoaringBitmap32 } from 'roaring';

const { RoaringBitmap32: Roaring } = roaring;

/** A set of customer numbers (a Roaring bitmap). */
export type Bitmap = RoaringBitmap32;

/** A new bitmap holding `values` (empty when none are given). */
export function createBitmap(values?: Uint32Array | readonly number[]): Bitmap {
  return values ? new Roaring(values) : new Roaring();
}

/** The union of `bitmaps` as a new bitmap (CRoaring's multi-way union, faster than pairwise). */
export function orAll(bitmaps: readonly Bitmap[]): Bitmap {
  if (bitmaps.length === 0) return new Roaring();
  if (bitmaps.length === 1) return bitmaps[0].clone();
  return Roaring.orMany(bitmaps);
}

/** The intersection of `bitmaps` as a new bitmap; `undefined` for an empty list (the caller knows its universe). */
export function andAll(bitmaps: readonly Bitmap[]): Bitmap | undefined {
  if (bitmaps.length === 0) return undefined;
  // Smallest first: every later AND can only shrink the running result, so the work stays small.
  const sorted = [...bitmaps].sort((a, b) => a.size - b.size);
  const result = sorted[0].clone();
  for (let i = 1; i < sorted.length && !result.isEmpty; i++) result.andInPlace(sorted[i]);
  return result;
}

/** Bytes a bitmap occupies in memory (container payloads plus a small per-container header). */
export function bitmapBytes(bitmap: Bitmap): number {
  const s = bitmap.statistics();
  return (
    s.bytesInArrayContainers + s.bytesInRunContainers + s.bytesInBitsetContainers + s.containers * 16 + 48
  );
}

/** Shrinks a freshly built bitmap: run containers where they are smaller, no spare capacity. */
function compact(bitmap: Bitmap): Bitmap {
  bitmap.runOptimize();
  bitmap.shrinkToFit();
  return bitmap;
}

function checkCnos(cnos: Uint32Array, length: number, what: string): void {
  if (cnos.length !== length) {
    throw new RangeError(`${what}: ${cnos.length} customer numbers but ${length} values`);
  }
}

/** One bitmap per distinct string value; used for enum tags and (with values 'true'/'false') boolean tags. */
export class EnumColumn {
  private readonly present: Bitmap;

  private constructor(private readonly byValue: Map<string, Bitmap>) {
    this.present = orAll([...byValue.values()]);
  }

  /** Builds the column from parallel arrays of customer numbers and values (null = unknown, left out). */
  static build(cnos: Uint32Array, values: ReadonlyArray<string | null>): EnumColumn {
    checkCnos(cnos, values.length, 'EnumColumn.build');
    const dictionary: string[] = [];
    const codeOf = new Map<string, number>();
    const codes = new Uint32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) {
        codes[i] = 0;
        continue;
      }
      let code = codeOf.get(v);
      if (code === undefined) {
        code = dictionary.length + 1;
        codeOf.set(v, code);
        dictionary.push(v);
      }
      codes[i] = code;
    }
    return EnumColumn.fromCodes(cnos, codes, dictionary);
  }

  /**
   * Builds the column from dictionary codes: `codes[i]` = 0 means unknown, k ≥ 1 means `dictionary[k - 1]`.
   * This is the fast path for millions of rows (a counting sort, no strings per row).
   */
  static fromCodes(
    cnos: Uint32Array,
    codes: Uint8Array | Uint16Array | Uint32Array,
    dictionary: readonly string[],
  ): EnumColumn {
    checkCnos(cnos, codes.length, 'EnumColumn.fromCodes');
    const k = dictionary.length;
    if (new Set(dictionary).size !== k)
      throw new RangeError('EnumColumn.fromCodes: duplicate dictionary values');
    const counts = new Uint32Array(k + 1);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c > k)
        throw new RangeError(`EnumColumn.fromCodes: code ${c} at row ${i} is outside the dictionary (${k})`);
      counts[c]++;
    }
    // Counting sort into one buffer: each value's customer numbers stay in input order (sorted when cnos is).
    const starts = new Uint32Array(k + 2);
    for (let c = 1; c <= k; c++) starts[c + 1] = starts[c] + counts[c];
    const fill = starts.slice();
    const sorted = new Uint32Array(codes.length - counts[0]);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c !== 0) sorted[fill[c]++] = cnos[i];
    }
    const byValue = new Map<string, Bitmap>();
    for (let c = 1; c <= k; c++) {
      if (counts[c] === 0) continue;
      byValue.set(dictionary[c - 1], compact(new Roaring(sorted.subarray(starts[c], starts[c + 1]))));
    }
    return new EnumColumn(byValue);
  }

  /** Wraps ready-made bitmaps (value → customers); used by snapshot loading and incremental updates. */
  static fromBitmaps(byValue: ReadonlyMap<string, Bitmap>): EnumColumn {
    return new EnumColumn(new Map([...byValue].filter(([, b]) => !b.isEmpty)));
  }

  /** Customers holding `value`: the stored bitmap itself, read-only (empty when no customer has it). */
  bitmapOf(value: string): Bitmap {
    return this.byValue.get(value) ?? new Roaring();
  }

  /** Distinct values present, in first-seen order. */
  values(): string[] {
    return [...this.byValue.keys()];
  }

  /** Number of customers per value. */
  counts(): Map<string, number> {
    return new Map([...this.byValue].map(([v, b]) => [v, b.size]));
  }

  /** Customers with any value (read-only). */
  notNull(): Bitmap {
    return this.present;
  }

  /** Bytes the column occupies in memory. */
  sizeInBytes(): number {
    let bytes = 0;
    for (const [value, b] of this.byValue) bytes += bitmapBytes(b) + value.length * 2;
    return bytes + bitmapBytes(this.present);
  }

  /** The value → bitmap pairs (read-only; used by the snapshot writer). */
  entries(): [string, Bitmap][] {
    return [...this.byValue];
  }
}

/** Largest number of bit slices: scaled values must be exact in a double (2^53). */
const MAX_BITS = 53;

/** Powers of ten for the supported scales (0–9 decimal digits). */
const MAX_SCALE = 9;

/** Parameters that, with the slices, define a bit-sliced index; stored in snapshots. */
export interface BitSlicedIndexLayout {
  scale: number;
  /** The smallest scaled value; stored values are (round(v · 10^scale) − offset) ≥ 0. */
  offset: number;
  bits: number;
  /** The largest stored u (max − offset, scaled). */
  maxUnits: number;
  /**
   * Quantiles of u (SKETCH_SIZE + 1 ascending values from min to max), used only to estimate how many
   * customers a comparison selects so the cheaper side of the scan is tracked; never for answers.
   */
  sketch: number[];
}

/** Number of quantile intervals kept per numeric column. */
const SKETCH_SIZE = 32;

/** Quantiles of the first `count` entries of `units` (a deterministic strided sample of ≤ 65,536). */
function quantileSketch(units: Float64Array, count: number): number[] {
  if (count === 0) return [];
  const step = Math.max(1, Math.floor(count / 65_536));
  const sample = new Float64Array(Math.ceil(count / step));
  for (let i = 0, j = 0; i < count; i += step) sample[j++] = units[i];
  sample.sort();
  return Array.from(
    { length: SKETCH_SIZE + 1 },
    (_, q) => sample[Math.min(sample.length - 1, Math.round((q / SKETCH_SIZE) * (sample.length - 1)))],
  );
}

/**
 * O'Neil's bit-sliced index over a numeric column: each value v is stored as the non-negative integer
 * u = round(v · 10^scale) − offset, one bitmap per bit of u plus a not-null bitmap. Comparisons run the
 * classic slice algorithms, one bitmap operation per slice, and are exact at `scale` decimal digits.
 */
export class BitSlicedIndex {
  /** Range-scan choice: 'auto' (by estimated cost) in production; tests force each algorithm in turn. */
  static strategy: 'auto' | 'lsb' | 'msb' = 'auto';

  private readonly factor: number;

  private constructor(
    private readonly layout: BitSlicedIndexLayout,
    private readonly present: Bitmap,
    /** slices[i] = customers whose u has bit i set; each ⊆ present. */
    private readonly slices: Bitmap[],
  ) {
    this.factor = 10 ** layout.scale;
    this.maxU = layout.maxUnits;
  }

  private readonly maxU: number;

  /** Builds the index from parallel arrays; null, undefined and NaN are missing values. */
  static build(cnos: Uint32Array, values: ArrayLike<number | null>, scale: number): BitSlicedIndex {
    checkCnos(cnos, values.length, 'BitSlicedIndex.build');
    if (!Number.isInteger(scale) || scale < 0 || scale > MAX_SCALE) {
      throw new RangeError(`BitSlicedIndex.build: scale must be an integer 0–${MAX_SCALE}, got ${scale}`);
    }
    const factor = 10 ** scale;
    const n = values.length;
    const scaled = new Float64Array(n);
    const rows = new Uint32Array(n); // indexes of rows with a value
    let count = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null || v === undefined || Number.isNaN(v)) continue;
      if (!Number.isFinite(v))
        throw new RangeError(`BitSlicedIndex.build: row ${i} is ${v}; only finite numbers`);
      const s = Math.round(v * factor);
      if (!Number.isSafeInteger(s)) {
        throw new RangeError(`BitSlicedIndex.build: row ${i} value ${v} at scale ${scale} exceeds 2^53`);
      }
      scaled[count] = s;
      rows[count++] = i;
      if (s < min) min = s;
      if (s > max) max = s;
    }
    if (count === 0)
      return new BitSlicedIndex({ scale, offset: 0, bits: 0, maxUnits: 0, sketch: [] }, new Roaring(), []);
    const maxU = max - min;
    if (!Number.isSafeInteger(maxU)) throw new RangeError('BitSlicedIndex.build: value range exceeds 2^53');
    let bits = 0;
    while (2 ** bits <= maxU) bits++;
    if (bits > MAX_BITS) throw new RangeError(`BitSlicedIndex.build: ${bits} bits exceed ${MAX_BITS}`);
    // u split into low and high 32-bit words so the per-slice loops use cheap integer masks.
    const lo = new Uint32Array(count);
    const hi = bits > 32 ? new Uint32Array(count) : undefined;
    const ids = new Uint32Array(count);
    for (let j = 0; j < count; j++) {
      const u = scaled[j] - min;
      scaled[j] = u; // reused below for the quantile sketch
      lo[j] = u % 4294967296;
      if (hi) hi[j] = Math.floor(u / 4294967296);
      ids[j] = cnos[rows[j]];
    }
    const present = compact(new Roaring(ids));
    const buffer = new Uint32Array(count);
    const slices: Bitmap[] = [];
    for (let bit = 0; bit < bits; bit++) {
      const words = bit < 32 ? lo : hi!;
      const mask = (1 << (bit % 32)) >>> 0;
      let k = 0;
      for (let j = 0; j < count; j++) if ((words[j] & mask) !== 0) buffer[k++] = ids[j];
      slices.push(compact(new Roaring(buffer.subarray(0, k))));
    }
    const sketch = quantileSketch(scaled, count);
    return new BitSlicedIndex({ scale, offset: min, bits, maxUnits: maxU, sketch }, present, slices);
  }

  /** Rebuilds an index from its layout and bitmaps (snapshot loading). */
  static fromSlices(layout: BitSlicedIndexLayout, present: Bitmap, slices: Bitmap[]): BitSlicedIndex {
    if (slices.length !== layout.bits) {
      throw new RangeError(
        `BitSlicedIndex.fromSlices: layout says ${layout.bits} slices, got ${slices.length}`,
      );
    }
    if (
      !Number.isSafeInteger(layout.maxUnits) ||
      layout.maxUnits < 0 ||
      layout.maxUnits >= 2 ** layout.bits
    ) {
      throw new RangeError(
        `BitSlicedIndex.fromSlices: maxUnits ${layout.maxUnits} does not fit ${layout.bits} slices`,
      );
    }
    return new BitSlicedIndex({ ...layout }, present, slices);
  }

  /** Scale, offset and number of slices (for snapshots and reports). */
  describe(): BitSlicedIndexLayout {
    return { ...this.layout };
  }

  /** The slice bitmaps, least significant first (read-only; for the snapshot writer). */
  sliceBitmaps(): readonly Bitmap[] {
    return this.slices;
  }

  /**
   * The constant in the index's integer space: `exact` when v is a value the index can hold (k / 10^scale
   * for an integer k, compared as doubles exactly like the stored values), otherwise the integers just
   * below and above it. Deciding by comparing v with k / 10^scale rather than by v · 10^scale avoids float
   * noise (0.29 · 100 = 28.999999999999996).
   */
  private toUnits(v: number): { floor: number; ceil: number; exact: boolean } {
    if (!Number.isFinite(v)) throw new RangeError(`bit-sliced comparison with a non-finite constant ${v}`);
    const k = Math.round(v * this.factor);
    const at = k / this.factor;
    const offset = this.layout.offset;
    if (at === v) return { floor: k - offset, ceil: k - offset, exact: true };
    return v > at
      ? { floor: k - offset, ceil: k + 1 - offset, exact: false }
      : { floor: k - 1 - offset, ceil: k - offset, exact: false };
  }

  private bitOf(u: number, bit: number): boolean {
    return Math.floor(u / 2 ** bit) % 2 === 1;
  }

  /** Estimated share of values with u > c, from the quantile sketch (0.5 when there is none). */
  private shareAbove(c: number): number {
    const q = this.layout.sketch;
    if (q.length < 2) return 0.5;
    let below = 0; // quantile points ≤ c
    while (below < q.length && q[below] <= c) below++;
    return 1 - below / q.length;
  }

  /** The candidates: customers with a value, restricted to `within` when given (always a new bitmap). */
  private start(within?: Bitmap): Bitmap {
    return within ? Roaring.and(this.present, within) : this.present.clone();
  }

  /**
   * O'Neil's range scan, most significant slice first, over the candidates S. EQ holds the customers whose
   * bits so far equal c's; at each slice those leaving EQ are decided (greater when they have a 1 where c
   * has a 0, less in the opposite case). Only one decided side is kept — `track` — and the other is
   * S − side − EQ, so each slice costs one or two operations on EQ, which shrinks quickly; the scan stops
   * when EQ is empty. Tracking the side expected to be small keeps every operand small, and with a
   * `within` filter from the rest of an audience every operation is proportional to the filter.
   */
  private scan(c: number, track: 'gt' | 'lt', eq: Bitmap): { eq: Bitmap; side: Bitmap } {
    // `eq` starts as the candidates and is narrowed in place (the caller hands it over).
    const side = new Roaring();
    for (let bit = this.layout.bits - 1; bit >= 0 && !eq.isEmpty; bit--) {
      const slice = this.slices[bit];
      if (this.bitOf(c, bit)) {
        // c has 1: members of EQ without the bit are less than c.
        if (track === 'lt') {
          const less = Roaring.andNot(eq, slice);
          if (!less.isEmpty) {
            side.orInPlace(less);
            eq.andNotInPlace(less);
          }
        } else {
          eq.andInPlace(slice);
        }
      } else if (track === 'gt') {
        // c has 0: members of EQ with the bit are greater than c.
        const greater = Roaring.and(eq, slice);
        if (!greater.isEmpty) {
          side.orInPlace(greater);
          eq.andNotInPlace(greater);
        }
      } else {
        eq.andNotInPlace(slice);
      }
    }
    return { eq, side };
  }

  /**
   * Customers with u > c for an integer c in [0, maxU), least significant slice first: with Q = {x : low
   * bits of x > low bits of c}, a 1-bit of c keeps only those that also have the bit (Q ∩ B_i) and a 0-bit
   * adds everyone who has it (Q ∪ B_i) — exactly one in-place operation per slice, trailing 1-bits of c
   * skipped. Cheapest when slices are dense (uniform values), because it never narrows a candidate set.
   */
  private greaterLsb(c: number): Bitmap {
    let result: Bitmap | undefined;
    for (let bit = 0; bit < this.layout.bits; bit++) {
      if (this.bitOf(c, bit)) {
        if (result) result.andInPlace(this.slices[bit]);
      } else if (result) {
        result.orInPlace(this.slices[bit]);
      } else {
        result = this.slices[bit].clone();
      }
    }
    return result ?? new Roaring();
  }

  private costCache?: { cap: number; slices: number[]; present: number };

  /**
   * Work estimates in "elements touched": an operand costs its cardinality, capped at the cost of a dense
   * bitmap (CRoaring's bitset containers cost the same whatever their fill).
   */
  private costs(): { cap: number; slices: number[]; present: number } {
    if (!this.costCache) {
      const containers = this.present.isEmpty ? 1 : this.present.statistics().containers;
      this.costCache = {
        cap: containers * 2048,
        slices: this.slices.map((b) => b.size),
        present: this.present.size,
      };
    }
    return this.costCache;
  }

  /**
   * Chooses the scan for u > c (c in [0, maxU)): least-significant-first costs one operation per slice;
   * most-significant-first costs two or three per slice but on EQ, which the sketch says how fast shrinks,
   * and on sparse high slices (skewed money amounts) — and on the `within` candidates only.
   */
  private preferMsb(c: number, within?: Bitmap): boolean {
    if (BitSlicedIndex.strategy !== 'auto') return BitSlicedIndex.strategy === 'msb';
    const { cap, slices, present } = this.costs();
    const capped = (k: number) => Math.min(k, cap);
    let lsb = within ? capped(within.size) : 0;
    let bit = 0;
    while (bit < this.layout.bits && this.bitOf(c, bit)) bit++;
    for (; bit < this.layout.bits; bit++) lsb += capped(slices[bit]);
    const candidates = within ? Math.min(within.size, present) : present;
    let msb = capped(candidates);
    for (let b = this.layout.bits - 1; b >= 0; b--) {
      const low = Math.floor(c / 2 ** (b + 1)) * 2 ** (b + 1);
      const share = Math.max(0, this.shareAbove(low - 1) - this.shareAbove(low + 2 ** (b + 1) - 1));
      const eq = candidates * share;
      if (eq < 1 && share === 0 && b < this.layout.bits - 1) break;
      msb += capped(eq) + 2 * Math.min(capped(eq), capped(slices[b]));
      if (msb > lsb) return false;
    }
    return msb < lsb;
  }

  /** u > c (orEqual: u ≥ c) within the candidates, for an integer c. */
  private aboveUnits(c: number, orEqual: boolean, within?: Bitmap): Bitmap {
    if (c < 0 || (orEqual && c === 0)) return this.start(within);
    if (c > this.maxU || (!orEqual && c === this.maxU)) return new Roaring();
    const strict = orEqual ? c - 1 : c; // u ≥ c ⇔ u > c − 1
    if (!this.preferMsb(strict, within)) {
      const result = this.greaterLsb(strict);
      if (within) result.andInPlace(within);
      return result;
    }
    const s = this.start(within);
    if (this.shareAbove(c) <= 0.5) {
      const { eq, side } = this.scan(c, 'gt', s);
      if (orEqual) side.orInPlace(eq);
      return side;
    }
    const { eq, side } = this.scan(c, 'lt', s.clone());
    s.andNotInPlace(side);
    if (!orEqual) s.andNotInPlace(eq);
    return s;
  }

  /** u < c (orEqual: u ≤ c) within the candidates, for an integer c. */
  private belowUnits(c: number, orEqual: boolean, within?: Bitmap): Bitmap {
    if (c > this.maxU || (orEqual && c === this.maxU)) return this.start(within);
    if (c < 0 || (!orEqual && c === 0)) return new Roaring();
    const strict = orEqual ? c : c - 1; // u < c ⇔ not u > c − 1
    if (!this.preferMsb(strict, within)) {
      const result = this.start(within);
      result.andNotInPlace(this.greaterLsb(strict));
      return result;
    }
    const s = this.start(within);
    if (this.shareAbove(c) >= 0.5) {
      const { eq, side } = this.scan(c, 'lt', s);
      if (orEqual) side.orInPlace(eq);
      return side;
    }
    const { eq, side } = this.scan(c, 'gt', s.clone());
    s.andNotInPlace(side);
    if (!orEqual) s.andNotInPlace(eq);
    return s;
  }

  /** u == c within the candidates: the scan's EQ without tracking either side. */
  private eqUnits(c: number, within?: Bitmap): Bitmap {
    if (c < 0 || c > this.maxU || this.present.isEmpty) return new Roaring();
    const eq = this.start(within);
    for (let bit = this.layout.bits - 1; bit >= 0 && !eq.isEmpty; bit--) {
      if (this.bitOf(c, bit)) eq.andInPlace(this.slices[bit]);
      else eq.andNotInPlace(this.slices[bit]);
    }
    return eq;
  }

  // Every comparison takes an optional `within`: the answer is then restricted to it, and computed in
  // time proportional to it — how an audience's AND evaluates numeric conditions after the cheap ones.

  /** Customers whose value equals v at the index's scale (empty when v has more digits than the scale). */
  eq(v: number, within?: Bitmap): Bitmap {
    const u = this.toUnits(v);
    return u.exact ? this.eqUnits(u.floor, within) : new Roaring();
  }

  /** Customers with a value different from v (missing values excluded, as in SQL). */
  ne(v: number, within?: Bitmap): Bitmap {
    const s = this.start(within);
    s.andNotInPlace(this.eq(v, s));
    return s;
  }

  /** Customers with a value < v. */
  lt(v: number, within?: Bitmap): Bitmap {
    const u = this.toUnits(v);
    // Exact: u < c. Otherwise u < v ⇔ u < ceil(v). Either way the ceiling.
    return this.belowUnits(u.ceil, false, within);
  }

  /** Customers with a value ≤ v. */
  le(v: number, within?: Bitmap): Bitmap {
    return this.belowUnits(this.toUnits(v).floor, true, within);
  }

  /** Customers with a value > v. */
  gt(v: number, within?: Bitmap): Bitmap {
    return this.aboveUnits(this.toUnits(v).floor, false, within);
  }

  /** Customers with a value ≥ v. */
  ge(v: number, within?: Bitmap): Bitmap {
    return this.aboveUnits(this.toUnits(v).ceil, true, within);
  }

  /** Customers with lo ≤ value ≤ hi (empty when lo > hi); the more selective end is scanned first. */
  between(lo: number, hi: number, within?: Bitmap): Bitmap {
    const low = this.toUnits(lo).ceil;
    const high = this.toUnits(hi).floor;
    if (low > high || high < 0 || low > this.maxU) return new Roaring();
    const aboveShare = this.shareAbove(low - 1);
    const belowShare = 1 - this.shareAbove(high);
    if (aboveShare <= belowShare) {
      return this.belowUnits(high, true, this.aboveUnits(low, true, within));
    }
    return this.aboveUnits(low, true, this.belowUnits(high, true, within));
  }

  /** Estimated share (0–1) of customers with a value that a comparison selects; for ordering work only. */
  estimateShare(op: '=' | '!=' | '<' | '<=' | '>' | '>=' | 'between', v: number, hi?: number): number {
    const units = (x: number) => Math.round(x * this.factor) - this.layout.offset;
    const above = this.shareAbove(units(v));
    switch (op) {
      case '=':
        return 1 / Math.max(1, this.layout.sketch.length);
      case '!=':
        return 1;
      case '<':
      case '<=':
        return 1 - above;
      case '>':
      case '>=':
        return above;
      case 'between':
        return Math.max(0, above - this.shareAbove(units(hi ?? v)));
    }
  }

  /** Customers with a value (read-only). */
  notNull(): Bitmap {
    return this.present;
  }

  /** The smallest value, or null when the column is empty. */
  min(): number | null {
    return this.present.isEmpty ? null : this.layout.offset / this.factor;
  }

  /** The largest value, or null when the column is empty. */
  max(): number | null {
    return this.present.isEmpty ? null : (this.layout.offset + this.maxU) / this.factor;
  }

  /** Bytes the index occupies in memory. */
  sizeInBytes(): number {
    return this.slices.reduce((sum, s) => sum + bitmapBytes(s), bitmapBytes(this.present));
  }
}

/** Column description inside a snapshot's JSON header. */
type SnapshotColumn =
  { id: string; kind: 'enum'; values: string[] } | ({ id: string; kind: 'bsi' } & BitSlicedIndexLayout);

interface SnapshotHeader {
  meta: Record<string, unknown>;
  columns: SnapshotColumn[];
  bitmaps: number;
}

/** "PNRMAIDX": identifies a Panorama audience index snapshot. */
const MAGIC = Buffer.from('PNRMAIDX', 'latin1');
/** Snapshot format version; bump when the layout changes and keep reading the old ones if possible. */
const FORMAT_VERSION = 1;

/** A snapshot that cannot be read: wrong file, other version, or truncated/corrupt bytes. */
export class SnapshotFormatError extends Error {
  override name = 'SnapshotFormatError';
}

/** The in-memory audience index: the universe of customer numbers plus one column per tag. */
export class AudienceIndex {
  constructor(
    /** Every customer in the index. */
    readonly universe: Bitmap,
    private readonly columns: Map<string, EnumColumn | BitSlicedIndex>,
    /** Free-form facts about the build (built-at, tag versions …), carried through snapshots. */
    readonly meta: Record<string, unknown>,
  ) {}

  /** The column for a tag id (or a system column such as `_branch`). */
  column(id: string): EnumColumn | BitSlicedIndex | undefined {
    return this.columns.get(id);
  }

  /** Ids of all columns. */
  columnIds(): string[] {
    return [...this.columns.keys()];
  }

  /** Bytes per column, largest first. */
  memoryReport(): { column: string; kind: 'enum' | 'bsi'; bytes: number }[] {
    return [...this.columns]
      .map(([column, c]) => ({
        column,
        kind: c instanceof EnumColumn ? ('enum' as const) : ('bsi' as const),
        bytes: c.sizeInBytes(),
      }))
      .sort((a, b) => b.bytes - a.bytes);
  }

  /**
   * The snapshot: "PNRMAIDX", u32 version, u32 header length, JSON header (meta, column layouts, bitmap
   * count), then every bitmap as u32 length + Roaring portable bytes (universe, then column by column).
   * All integers little-endian.
   */
  serialize(): Buffer {
    const bitmaps: Bitmap[] = [this.universe];
    const columns: SnapshotColumn[] = [];
    for (const [id, c] of this.columns) {
      if (c instanceof EnumColumn) {
        const entries = c.entries();
        columns.push({ id, kind: 'enum', values: entries.map(([v]) => v) });
        for (const [, b] of entries) bitmaps.push(b);
      } else {
        columns.push({ id, kind: 'bsi', ...c.describe() });
        bitmaps.push(c.notNull(), ...c.sliceBitmaps());
      }
    }
    const header: SnapshotHeader = { meta: this.meta, columns, bitmaps: bitmaps.length };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const sizes = bitmaps.map((b) => b.getSerializationSizeInBytes('portable'));
    const total = MAGIC.length + 8 + json.length + sizes.reduce((s, n) => s + 4 + n, 0);
    const out = Buffer.allocUnsafe(total);
    let at = MAGIC.copy(out, 0);
    at = out.writeUInt32LE(FORMAT_VERSION, at);
    at = out.writeUInt32LE(json.length, at);
    at += json.copy(out, at);
    for (let i = 0; i < bitmaps.length; i++) {
      at = out.writeUInt32LE(sizes[i], at);
      bitmaps[i].serialize('portable', out.subarray(at, at + sizes[i]));
      at += sizes[i];
    }
    return out;
  }

  /** Reads a snapshot written by `serialize`; throws SnapshotFormatError for foreign, newer or damaged bytes. */
  static deserialize(buffer: Buffer): AudienceIndex {
    const fail = (why: string): never => {
      throw new SnapshotFormatError(`audience index snapshot: ${why}`);
    };
    if (buffer.length < MAGIC.length + 8 || !buffer.subarray(0, MAGIC.length).equals(MAGIC)) {
      fail('not a Panorama audience index (bad magic bytes)');
    }
    const version = buffer.readUInt32LE(MAGIC.length);
    if (version !== FORMAT_VERSION) {
      fail(
        `format version ${version} is not supported (this build reads version ${FORMAT_VERSION}); rebuild it`,
      );
    }
    const jsonLength = buffer.readUInt32LE(MAGIC.length + 4);
    let at = MAGIC.length + 8;
    if (at + jsonLength > buffer.length) fail('truncated in the header');
    let header: SnapshotHeader;
    try {
      header = JSON.parse(buffer.toString('utf8', at, at + jsonLength)) as SnapshotHeader;
    } catch (e) {
      return fail(`corrupt header (${(e as Error).message})`);
    }
    if (!Array.isArray(header.columns) || typeof header.bitmaps !== 'number')
      fail('corrupt header (no columns)');
    at += jsonLength;
    let read = 0;
    const next = (): Bitmap => {
      if (read >= header.bitmaps) fail(`header lists ${header.bitmaps} bitmaps but the columns need more`);
      if (at + 4 > buffer.length) fail(`truncated at bitmap ${read + 1} of ${header.bitmaps}`);
      const size = buffer.readUInt32LE(at);
      at += 4;
      if (at + size > buffer.length) fail(`truncated at bitmap ${read + 1} of ${header.bitmaps}`);
      let bitmap: Bitmap;
      try {
        bitmap = Roaring.deserialize(buffer.subarray(at, at + size), 'portable');
      } catch (e) {
        return fail(`bitmap ${read + 1} is corrupt (${(e as Error).message})`);
      }
      at += size;
      read++;
      return bitmap;
    };
    const universe = next();
    const columns = new Map<string, EnumColumn | BitSlicedIndex>();
    for (const c of header.columns) {
      if (c.kind === 'enum') {
        columns.set(c.id, EnumColumn.fromBitmaps(new Map(c.values.map((v) => [v, next()]))));
      } else if (c.kind === 'bsi') {
        const present = next();
        const slices = Array.from({ length: c.bits }, next);
        columns.set(
          c.id,
          BitSlicedIndex.fromSlices(
            { scale: c.scale, offset: c.offset, bits: c.bits, maxUnits: c.maxUnits, sketch: c.sketch ?? [] },
            present,
            slices,
          ),
        );
      } else {
        fail(`column ${JSON.stringify((c as { id?: unknown }).id)} has unknown kind`);
      }
    }
    if (read !== header.bitmaps || at !== buffer.length) fail('trailing bytes after the last bitmap');
    return new AudienceIndex(universe, columns, header.meta ?? {});
  }
}
