// Pure parts of the 360 view and the search box: section selection, the Sankey graph, payment
// platforms, signal polarity, search plans and highlighting. No I/O.
import { ValidationError } from '../../platform/errors.ts';
import { escapeLike } from '../access/index.ts';
import { centsToYuan } from './customer.ts';
import {
  CUSTOMER360_SECTIONS,
  type Counterparty,
  type Customer360SectionName,
  type HighlightSegment,
} from './customer360.schema.ts';
import type { CounterpartyRow, SearchPlan } from './customer360.repository.ts';

/** Parses `?sections=a,b`; all sections when absent or empty; a ValidationError names unknown ones. */
export function parseSections(value: string | undefined): Customer360SectionName[] {
  const names = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) return [...CUSTOMER360_SECTIONS];
  const known = new Set<string>(CUSTOMER360_SECTIONS);
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new ValidationError(`sections: unknown section ${unknown.map((u) => `"${u}"`).join(', ')}`, {
      field: 'sections',
      allowed: CUSTOMER360_SECTIONS,
    });
  }
  return CUSTOMER360_SECTIONS.filter((s) => names.includes(s));
}

/** Counterparty banks that are payment platforms rather than banks (third-party payment and card schemes). */
export const PAYMENT_PLATFORMS: readonly string[] = [
  '支付宝',
  '财付通',
  '微信支付',
  '银联',
  '云闪付',
  '京东支付',
  '美团支付',
  '拉卡拉',
  '快钱',
  '网联',
];

/** True when a counterparty bank is a payment platform. */
export function isPaymentPlatform(bank: string | null): boolean {
  return bank !== null && PAYMENT_PLATFORMS.includes(bank);
}

/** Label for a transaction without a counterparty name: the bank or platform, else "(unnamed)". */
export function counterpartyLabel(name: string | null, bank: string | null): string {
  return name?.trim() || bank?.trim() || '(未署名 unnamed)';
}

interface Merged {
  name: string;
  bank: string | null;
  amountCents: number;
  count: number;
}

/** Counterparty rows of one direction merged by label, largest amount first. */
export function mergeCounterparties(rows: CounterpartyRow[], direction: 'in' | 'out'): Merged[] {
  const byName = new Map<string, Merged>();
  for (const r of rows) {
    if (r.direction !== direction) continue;
    const name = counterpartyLabel(r.name, r.bank);
    const m = byName.get(name) ?? { name, bank: r.bank, amountCents: 0, count: 0 };
    m.amountCents += r.amountCents;
    m.count += r.count;
    byName.set(name, m);
  }
  return [...byName.values()].sort((a, b) => b.amountCents - a.amountCents || a.name.localeCompare(b.name));
}

/** Merged counterparties as the API shows them (yuan). */
export function toCounterparties(merged: Merged[], top: number): Counterparty[] {
  return merged
    .slice(0, top)
    .map((m) => ({ name: m.name, bank: m.bank, amount: centsToYuan(m.amountCents), count: m.count }));
}

/**
 * Sankey graph sources → customer → destinations: the top `top` counterparties each way and one
 * "others" node per side for the rest, so the links into the customer sum to the total inflow and
 * the links out of it to the total outflow (values in yuan, summed in cents first).
 */
export function buildSankey(
  inflows: Merged[],
  outflows: Merged[],
  customerName: string,
  top = 8,
): {
  nodes: { id: string; name: string; side: 'source' | 'customer' | 'destination' }[];
  links: { source: string; target: string; value: number }[];
} {
  const nodes: { id: string; name: string; side: 'source' | 'customer' | 'destination' }[] = [
    { id: 'customer', name: customerName, side: 'customer' },
  ];
  const links: { source: string; target: string; value: number }[] = [];
  const side = (list: Merged[], dir: 'in' | 'out') => {
    const shown = list.slice(0, top);
    const rest = list.slice(top).reduce((s, m) => s + m.amountCents, 0);
    const entries: [string, number][] = shown.map((m) => [m.name, m.amountCents]);
    if (rest > 0) entries.push(['其他 others', rest]);
    for (const [name, cents] of entries) {
      if (cents <= 0) continue;
      const id = `${dir}:${name}`;
      nodes.push({ id, name, side: dir === 'in' ? 'source' : 'destination' });
      links.push(
        dir === 'in'
          ? { source: id, target: 'customer', value: centsToYuan(cents) }
          : { source: 'customer', target: id, value: centsToYuan(cents) },
      );
    }
  };
  side(inflows, 'in');
  side(outflows, 'out');
  return { nodes, links };
}

const NEGATIVE_SIGNALS = new Set(['litigation', 'penalty', 'equity_pledge', 'executive_change']);
const POSITIVE_SIGNALS = new Set(['bid_win', 'ipo', 'env_approval', 'tax_invoice']);

/** How an external signal usually reads for credit: litigation and penalties negative, bid wins positive. */
export function signalPolarity(type: string): 'positive' | 'neutral' | 'negative' {
  if (NEGATIVE_SIGNALS.has(type)) return 'negative';
  if (POSITIVE_SIGNALS.has(type)) return 'positive';
  return 'neutral';
}

/** Whole days from `from` to `to` (both 'YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A name's characters spaced out as customer.name_chars stores them (lower case, no whitespace). */
function spacedChars(chars: string[]): string {
  return chars.map((c) => escapeLike(c)).join(' ');
}

/**
 * Prepares the search box: identifiers compared exactly in their usual spellings (separators
 * dropped, upper-case X and USCC letters, +86 dropped); names partially over the spaced characters
 * (`% 小 明 %`), with one character wrong for 3+ characters (`% 王 _ 明 %`), and by pg_trgm
 * similarity for 5+ characters; digit-only queries are not names.
 */
export function planSearch(q: string, limit: number): SearchPlan {
  const text = q.trim();
  const compact = text.replace(/[\s-]/g, '');
  const values = new Set([text, compact, compact.toUpperCase()]);
  const mobile = /^\+?86(1\d{10})$/.exec(compact);
  if (mobile) values.add(mobile[1]);
  const digitsOnly = /^\+?[\d\s-]+$/.test(text);
  const chars = Array.from(text.toLowerCase().replace(/\s+/g, ''));
  const typoPatterns: string[] = [];
  if (!digitsOnly && chars.length >= 3 && chars.length <= 12) {
    for (let i = 0; i < chars.length; i++) {
      const pattern = chars.map((c, j) => (j === i ? '_' : escapeLike(c))).join(' ');
      typoPatterns.push(`% ${pattern} %`);
    }
  }
  return {
    text,
    exactValues: [...values],
    containsPattern: digitsOnly || chars.length === 0 ? null : `% ${spacedChars(chars)} %`,
    typoPatterns,
    similarity: !digitsOnly && chars.length >= 5,
    limit,
  };
}

/** Joins adjacent segments with the same highlight flag and drops empty ones. */
function compactSegments(segments: HighlightSegment[]): HighlightSegment[] {
  const out: HighlightSegment[] = [];
  for (const s of segments) {
    if (!s.text) continue;
    const last = out.at(-1);
    if (last && last.highlight === s.highlight) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

/**
 * Splits a displayed name into highlighted pieces: the longest run of the query's characters in
 * order when the name contains the query; otherwise every character that occurs in the query
 * (a one-wrong-character or similarity match).
 */
export function highlightName(name: string, query: string): HighlightSegment[] {
  const q = query.trim();
  const at = q ? name.toLowerCase().indexOf(q.toLowerCase()) : -1;
  if (at >= 0) {
    return compactSegments([
      { text: name.slice(0, at), highlight: false },
      { text: name.slice(at, at + q.length), highlight: true },
      { text: name.slice(at + q.length), highlight: false },
    ]);
  }
  const wanted = new Set(Array.from(q.toLowerCase()));
  return compactSegments(Array.from(name).map((c) => ({ text: c, highlight: wanted.has(c.toLowerCase()) })));
}

/**
 * Highlights a masked identifier: the digits the user typed that are still visible. The typed value
 * is aligned with the raw identifier (an exact match), so each visible position of the masked
 * text that the query covered is highlighted; masked positions (`*`) never are.
 */
export function highlightIdentifier(masked: string, raw: string, query: string): HighlightSegment[] {
  const compact = query.replace(/[\s-]/g, '').toUpperCase();
  const rawChars = Array.from(raw.toUpperCase());
  const maskedChars = Array.from(masked);
  // Mobiles are masked without a +86 prefix: align on the last characters.
  const offset = rawChars.length - maskedChars.length;
  let start = rawChars.join('').indexOf(compact.replace(/^\+?86(?=1\d{10}$)/, ''));
  if (start < 0) start = 0;
  const end = start + compact.replace(/^\+?86(?=1\d{10}$)/, '').length;
  return compactSegments(
    maskedChars.map((c, i) => {
      const rawIndex = i + offset;
      return { text: c, highlight: c !== '*' && rawIndex >= start && rawIndex < end };
    }),
  );
}
