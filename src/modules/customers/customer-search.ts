import { escapeLike } from '../access/index.ts';

/** A search box query, prepared for the repository. */
export interface CustomerSearch {
  /** The query as typed, trimmed: ranks name matches by similarity. */
  text: string;
  /** `%…%` ILIKE pattern for a partial name match, or null when the query is clearly a number. */
  namePattern: string | null;
  /** True when the query has no letters with case (Chinese, digits): LIKE then equals ILIKE and is faster. */
  caseless: boolean;
  /** `…%` ILIKE pattern: names starting with the query rank first. */
  prefixPattern: string;
  /** Spellings to compare exactly with ID number, mobile, USCC, account number and customer id. */
  exactValues: string[];
}

/**
 * Prepares a search query: identifiers are matched exactly in their usual spellings (separators
 * dropped, upper-case X in ID numbers and letters in USCCs, +86 dropped from mobiles); names match
 * partially unless the query is a long run of digits, which no name contains.
 */
export function parseCustomerSearch(q: string | undefined): CustomerSearch | null {
  const text = q?.trim() ?? '';
  if (!text) return null;
  const compact = text.replace(/[\s-]/g, '');
  const values = new Set([text, compact, compact.toUpperCase()]);
  const mobile = /^\+?86(1\d{10})$/.exec(compact);
  if (mobile) values.add(mobile[1]);
  return {
    text,
    namePattern: /^\+?\d{6,}$/.test(compact) ? null : `%${escapeLike(text)}%`,
    caseless: text.toLowerCase() === text.toUpperCase(),
    prefixPattern: `${escapeLike(text)}%`,
    exactValues: [...values],
  };
}
