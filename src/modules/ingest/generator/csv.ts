/** CSV output in the canonical layout: RFC 4180 quoting, empty for null, canonical column order. */
import { CANONICAL_TABLES, type CanonicalTableName } from '../../../platform/warehouse/index.ts';

/** A cell value; null and undefined become an empty field. */
export type Cell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

/** One field, quoted only when it contains a comma, quote or line break. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const s = String(value);
  return NEEDS_QUOTES.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** One row, newline-terminated. */
export function csvRow(values: readonly Cell[]): string {
  let out = csvField(values[0]);
  for (let i = 1; i < values.length; i++) out += ',' + csvField(values[i]);
  return out + '\n';
}

/** The canonical column names of a table, in order. */
export function canonicalColumns(table: CanonicalTableName): string[] {
  const def = CANONICAL_TABLES.find((t) => t.name === table);
  if (!def) throw new Error(`unknown canonical table ${table}`);
  return def.columns.map((c) => c.name);
}

/** The header line of a canonical table. */
export function csvHeader(table: CanonicalTableName): string {
  return canonicalColumns(table).join(',') + '\n';
}

/**
 * Fails fast when the canonical schema no longer matches the column order a hand-written row
 * builder assumes (the hot tables are concatenated field by field for speed).
 */
export function assertColumns(table: CanonicalTableName, expected: readonly string[]): void {
  const actual = canonicalColumns(table);
  if (actual.join(',') !== expected.join(',')) {
    throw new Error(`generator row layout for ${table} is out of date: schema has ${actual.join(',')}`);
  }
}

/** A number with at most `digits` decimals and no trailing zeros (coordinates, rates, shares). */
export function decimal(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}
