// Deterministic A/B/n splits with control and holdout groups (DESIGN §4): a customer's group is a
// pure function of (customer id, experiment key), so every run, process and machine agrees, and
// different experiments split independently of each other.
import { createHash } from 'node:crypto';
import { ValidationError } from '../../platform/errors.ts';

/** Buckets of the hash space; percentages are honoured to 0.01. */
export const SPLIT_BUCKETS = 10_000;

/** A split request: named arms plus control and holdout, all percentages summing to 100. */
export interface SplitPlan {
  experimentKey: string;
  arms: { name: string; percent: number }[];
  controlPercent: number;
  holdoutPercent: number;
}

/** A validated plan as bucket ranges: group i owns buckets [edges[i-1], edges[i]). */
export interface SplitLayout {
  /** Group names: the arms in order, then 'control', then 'holdout'. */
  groups: string[];
  /** Cumulative upper bucket edge of each group. */
  edges: number[];
}

const toBuckets = (percent: number) => Math.round(percent * (SPLIT_BUCKETS / 100));

/** Checks a plan (names, percentages summing to 100) and lays it out on the bucket space. */
export function splitLayout(plan: SplitPlan): SplitLayout {
  if (!plan.experimentKey.trim()) throw new ValidationError('experimentKey: must not be empty');
  if (plan.arms.length === 0) throw new ValidationError('arms: at least one arm is needed');
  const names = new Set<string>();
  for (const [i, arm] of plan.arms.entries()) {
    if (!arm.name.trim()) throw new ValidationError(`arms.${i}.name: must not be empty`);
    if (names.has(arm.name)) throw new ValidationError(`arms.${i}.name: '${arm.name}' is used twice`);
    if (arm.name === 'control' || arm.name === 'holdout') {
      throw new ValidationError(`arms.${i}.name: '${arm.name}' is reserved for the ${arm.name} group`);
    }
    names.add(arm.name);
  }
  const percents = [...plan.arms.map((a) => a.percent), plan.controlPercent, plan.holdoutPercent];
  for (const [i, p] of percents.entries()) {
    const field =
      i < plan.arms.length
        ? `arms.${i}.percent`
        : i === plan.arms.length
          ? 'controlPercent'
          : 'holdoutPercent';
    if (!Number.isFinite(p) || p < 0 || p > 100)
      throw new ValidationError(`${field}: must be between 0 and 100`);
    if (Math.abs(toBuckets(p) - p * (SPLIT_BUCKETS / 100)) > 1e-6) {
      throw new ValidationError(`${field}: at most two decimals (${p})`);
    }
  }
  const total = percents.reduce((sum, p) => sum + toBuckets(p), 0);
  if (total !== SPLIT_BUCKETS) {
    throw new ValidationError(
      `arms, controlPercent and holdoutPercent must sum to 100 (they sum to ${total / (SPLIT_BUCKETS / 100)})`,
    );
  }
  const edges: number[] = [];
  let edge = 0;
  for (const p of percents) {
    edge += toBuckets(p);
    edges.push(edge);
  }
  return { groups: [...plan.arms.map((a) => a.name), 'control', 'holdout'], edges };
}

/** The bucket (0 … SPLIT_BUCKETS-1) of a customer in an experiment: SHA-256 → uint32 → modulo. */
export function splitBucket(customerId: string, experimentKey: string): number {
  const digest = createHash('sha256').update(`${customerId}:${experimentKey}`).digest();
  return digest.readUInt32BE(0) % SPLIT_BUCKETS;
}

/** The group index (into layout.groups) of a customer. */
export function assignGroup(customerId: string, experimentKey: string, layout: SplitLayout): number {
  const bucket = splitBucket(customerId, experimentKey);
  // Few groups: a linear scan beats a binary search.
  for (let g = 0; g < layout.edges.length; g++) if (bucket < layout.edges[g]) return g;
  return layout.edges.length - 1;
}

/** The result of a split: customers per arm, in control and in holdout. */
export interface SplitResult {
  arms: { name: string; count: number }[];
  control: number;
  holdout: number;
}

/** Accumulates group counts over customer ids (fed in batches, as they are read). */
export class SplitCounter {
  private readonly counts: number[];
  private readonly layout: SplitLayout;

  constructor(private readonly plan: SplitPlan) {
    this.layout = splitLayout(plan);
    this.counts = new Array<number>(this.layout.groups.length).fill(0);
  }

  /** Counts a batch of customer ids. */
  add(customerIds: Iterable<string>): void {
    for (const id of customerIds) this.counts[assignGroup(id, this.plan.experimentKey, this.layout)] += 1;
  }

  /** The counts so far. */
  result(): SplitResult {
    const n = this.plan.arms.length;
    return {
      arms: this.plan.arms.map((a, i) => ({ name: a.name, count: this.counts[i] })),
      control: this.counts[n],
      holdout: this.counts[n + 1],
    };
  }
}
