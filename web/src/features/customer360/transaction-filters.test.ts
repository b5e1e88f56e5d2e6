import { describe, expect, test } from 'vitest';
import { hasFilters, toTransactionQuery } from './transaction-filters.ts';

describe('transaction filters', () => {
  test('only set filters go into the query', () => {
    expect(toTransactionQuery({}, 1, 20)).toEqual({ page: 1, pageSize: 20 });
    expect(
      toTransactionQuery(
        { type: 'salary', channel: 'mobile', minAmount: 100, maxAmount: null, from: '2025-01-01', to: '' },
        3,
        10,
      ),
    ).toEqual({
      page: 3,
      pageSize: 10,
      type: 'salary',
      channel: 'mobile',
      minAmount: 100,
      from: '2025-01-01',
    });
  });

  test('ranges typed the wrong way round are swapped', () => {
    expect(
      toTransactionQuery({ minAmount: 500, maxAmount: 100, from: '2025-03-01', to: '2025-01-01' }, 1, 20),
    ).toEqual({
      page: 1,
      pageSize: 20,
      minAmount: 100,
      maxAmount: 500,
      from: '2025-01-01',
      to: '2025-03-01',
    });
  });

  test('negative or non-finite amounts are ignored; zero is a real bound', () => {
    expect(toTransactionQuery({ minAmount: -5, maxAmount: Number.NaN }, 1, 20)).toEqual({
      page: 1,
      pageSize: 20,
    });
    expect(toTransactionQuery({ minAmount: 0 }, 1, 20)).toEqual({ page: 1, pageSize: 20, minAmount: 0 });
  });

  test('hasFilters says whether anything narrows the list', () => {
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ type: undefined, minAmount: null })).toBe(false);
    expect(hasFilters({ channel: 'atm' })).toBe(true);
  });
});
