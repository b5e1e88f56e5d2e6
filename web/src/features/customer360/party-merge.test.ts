import { describe, expect, test } from 'vitest';
import type { RelatedParty } from '../../api/types.ts';
import { mergeParties } from './party-merge.ts';

const party = (entityId: string, relation: string, extra: Partial<RelatedParty> = {}): RelatedParty => ({
  entityId,
  name: `name-${entityId}`,
  entityKind: 'company',
  relation,
  direction: 'outgoing',
  pct: null,
  amount: null,
  since: null,
  until: null,
  customerId: null,
  ...extra,
});

describe('merging related parties', () => {
  test('one row per entity with all its relations, in first-seen order', () => {
    const merged = mergeParties([
      party('E1', 'controller', { pct: 0.83, since: '2025-07-12' }),
      party('E2', 'family'),
      party('E1', 'executive', { since: '2024-01-01' }),
      party('E1', 'shareholder', { pct: 0.83, amount: 589_300, customerId: 'C1' }),
      party('E1', 'executive'),
    ]);
    expect(merged.map((p) => p.entityId)).toEqual(['E1', 'E2']);
    expect(merged[0]).toMatchObject({
      relations: ['controller', 'executive', 'shareholder'],
      pct: 0.83,
      amount: 589_300,
      since: '2024-01-01',
      customerId: 'C1',
    });
    expect(merged[1]!.relations).toEqual(['family']);
  });

  test('no parties, no rows', () => {
    expect(mergeParties([])).toEqual([]);
  });
});
