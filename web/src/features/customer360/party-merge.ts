import type { RelatedParty } from '../../api/types.ts';

/** One related entity with every way it relates to the customer. */
export interface MergedParty extends Omit<RelatedParty, 'relation'> {
  relations: string[];
}

/**
 * One row per related entity: a person can be a company's controller, executive, legal
 * representative and shareholder at once, which reads better as one name with four tags than as
 * four rows. Keeps the first-seen order; the largest stake and amount, the earliest start.
 */
export function mergeParties(items: readonly RelatedParty[]): MergedParty[] {
  const byEntity = new Map<string, MergedParty>();
  for (const item of items) {
    const current = byEntity.get(item.entityId);
    if (!current) {
      const { relation, ...rest } = item;
      byEntity.set(item.entityId, { ...rest, relations: [relation] });
      continue;
    }
    if (!current.relations.includes(item.relation)) current.relations.push(item.relation);
    const larger = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
    current.pct = larger(current.pct, item.pct);
    current.amount = larger(current.amount, item.amount);
    if (item.since && (!current.since || item.since < current.since)) current.since = item.since;
    current.customerId ??= item.customerId;
  }
  return [...byEntity.values()];
}
