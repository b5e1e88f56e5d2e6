/**
 * Seeded randomness for the generator: sfc32 streams derived from (seed, salt, key…) with murmur3
 * mixing, so every customer, company and edge has its own stream and chunks generate independently.
 */

function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of a few integers (murmur3 mixing); stable across platforms. */
export function hash32(a: number, b = 0, c = 0, d = 0): number {
  let h = mix(0x9747b28c, a | 0);
  h = mix(h, Math.floor(a / 4294967296) | 0);
  h = mix(h, b | 0);
  h = mix(h, c | 0);
  h = mix(h, d | 0);
  return fmix(h ^ 20);
}

/** A seeded pseudo-random stream (sfc32): fast, 128-bit state, good statistical quality. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = NaN;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniform unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** A uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A uniformly chosen element. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A standard normal deviate (Box–Muller, caching the second value). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u = this.next();
    if (u < 1e-12) u = 1e-12;
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** exp(N(mu, sigma)). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** A Poisson count with mean lambda (Knuth below 30, normal approximation above). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
}

/** Salts that separate the streams of different generator concerns. */
export const SALT = {
  core: 1,
  name: 2,
  life: 3,
  company: 4,
  edge: 5,
  org: 6,
  graph: 7,
  news: 8,
  idSeq: 9,
  corporateLife: 10,
  signal: 11,
} as const;

/** The stream for (seed, salt, a, b): the same arguments always give the same sequence. */
export function rngFor(seed: number, salt: number, a = 0, b = 0): Rng {
  const s0 = hash32(seed, salt, a, b);
  const s1 = hash32(s0, seed, b ^ 0x5bd1e995, a);
  const s2 = hash32(s1, salt ^ 0x27d4eb2f, a, b);
  const s3 = hash32(s2, s0, s1, seed);
  return new Rng(s0, s1, s2, s3);
}

/** A weighted choice table over item indices, built once and sampled by binary search. */
export interface WeightedTable {
  readonly cumulative: Float64Array;
  readonly total: number;
}

/** Builds a weighted table from non-negative weights. */
export function weightedTable(weights: readonly number[]): WeightedTable {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += Math.max(0, weights[i]);
    cumulative[i] = total;
  }
  return { cumulative, total };
}

/** Samples an index from a weighted table. */
export function sampleIndex(table: WeightedTable, rng: Rng): number {
  const x = rng.next() * table.total;
  const c = table.cumulative;
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
