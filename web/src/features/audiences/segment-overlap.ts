import type { SegmentOverlap } from '../../api/types.ts';

/** One region of a Venn diagram: customers in exactly these segments and in none of the others. */
export interface VennRegion {
  ids: string[];
  /** Customers in all of `ids` (the API's intersection count). */
  intersection: number;
  /** Customers in all of `ids` and in no other chosen segment. */
  exclusive: number;
}

function keyOf(ids: readonly string[]): string {
  return [...ids].sort().join('\u0000');
}

/**
 * The regions of a 2- or 3-set Venn diagram from the API's intersection counts, by
 * inclusion–exclusion: exclusive(S) = Σ over supersets T ⊇ S of (−1)^(|T|−|S|) · |∩T|.
 * Missing intersections count as 0. Regions come in the order of `ids`' subsets, singles first.
 */
export function vennRegions(ids: readonly string[], overlap: SegmentOverlap): VennRegion[] {
  const counts = new Map(overlap.sets.map((set) => [keyOf(set.ids), set.count]));
  const subsets: string[][] = [];
  for (let mask = 1; mask < 1 << ids.length; mask++) {
    subsets.push(ids.filter((_, i) => mask & (1 << i)));
  }
  subsets.sort((a, b) => a.length - b.length);
  return subsets.map((subset) => {
    let exclusive = 0;
    for (const superset of subsets) {
      if (!subset.every((id) => superset.includes(id))) continue;
      const sign = (superset.length - subset.length) % 2 === 0 ? 1 : -1;
      exclusive += sign * (counts.get(keyOf(superset)) ?? 0);
    }
    return { ids: subset, intersection: counts.get(keyOf(subset)) ?? 0, exclusive };
  });
}

/** Customers in at least one of the chosen segments (the union), from the regions. */
export function unionCount(regions: readonly VennRegion[]): number {
  return regions.reduce((sum, region) => sum + region.exclusive, 0);
}
