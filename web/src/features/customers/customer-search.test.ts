import { expect, test } from 'vitest';
import { customerSearchParams, isFiltered, parseCustomerSearch } from './customer-search.ts';

test('reads the list state from the URL, ignoring invalid values', () => {
  const search = parseCustomerSearch(
    new URLSearchParams('q=%20王%20&kind=bogus&page=-3&pageSize=500&rmId=E1'),
  );
  expect(search).toEqual({
    q: '王',
    branchId: undefined,
    kind: undefined,
    rmId: 'E1',
    page: 1,
    pageSize: 100,
  });
});

test('writes only what differs from the defaults, and reads it back', () => {
  const search = {
    q: '上海',
    branchId: 'B01',
    kind: 'corporate' as const,
    rmId: undefined,
    page: 3,
    pageSize: 20,
  };
  const params = customerSearchParams(search);
  expect(params.toString()).toBe('q=%E4%B8%8A%E6%B5%B7&branchId=B01&kind=corporate&page=3');
  expect(parseCustomerSearch(params)).toEqual(search);
  expect(isFiltered(search)).toBe(true);
  expect(isFiltered(parseCustomerSearch(new URLSearchParams('page=2')))).toBe(false);
});
