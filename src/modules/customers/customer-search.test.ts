import { describe, expect, it } from 'vitest';
import { parseCustomerSearch } from './customer-search.ts';

describe('parseCustomerSearch', () => {
  it('returns null for an empty query', () => {
    expect(parseCustomerSearch(undefined)).toBeNull();
    expect(parseCustomerSearch('   ')).toBeNull();
  });
  it('matches a Chinese name partially', () => {
    const s = parseCustomerSearch(' 张伟 ');
    expect(s?.namePattern).toBe('%张伟%');
    expect(s?.text).toBe('张伟');
  });
  it('knows when the query has no letters with case', () => {
    expect(parseCustomerSearch('张伟')?.caseless).toBe(true);
    expect(parseCustomerSearch('ABC科技')?.caseless).toBe(false);
  });
  it('escapes LIKE wildcards', () => {
    expect(parseCustomerSearch('100%_a')?.namePattern).toBe('%100\\%\\_a%');
  });
  it('treats long digit runs as identifiers only', () => {
    const s = parseCustomerSearch('138 1234 5678');
    expect(s?.namePattern).toBeNull();
    expect(s?.exactValues).toContain('13812345678');
  });
  it('drops +86 from mobiles and upper-cases ID numbers and USCCs', () => {
    expect(parseCustomerSearch('+8613812345678')?.exactValues).toContain('13812345678');
    expect(parseCustomerSearch('11010519900101123x')?.exactValues).toContain('11010519900101123X');
    expect(parseCustomerSearch('91310000ma1fl4xx1x')?.exactValues).toContain('91310000MA1FL4XX1X');
  });
});
