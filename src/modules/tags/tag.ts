import { createHash } from 'node:crypto';
import type { DistributionEntry, TagDefinition, TagInput, TagKind } from './tag.schema.ts';

/** Columns of customer_tag (and customer_features) that precede the tag columns. */
export const CUSTOMER_TAG_BASE_COLUMNS = ['customer_id', 'cno', 'kind', 'home_branch_id', 'rm_id'] as const;

/** The DuckDB column type of a tag of this kind in customer_tag. */
export function duckTypeOf(kind: TagKind): 'VARCHAR' | 'BOOLEAN' | 'DOUBLE' {
  return kind === 'enum' ? 'VARCHAR' : kind === 'boolean' ? 'BOOLEAN' : 'DOUBLE';
}

/** Quotes an identifier for DuckDB or PostgreSQL. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal for DuckDB or PostgreSQL. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The authored part of a definition (what a user edits), in a stable key order. */
export function authoredPart(tag: TagInput | TagDefinition): TagInput {
  return {
    id: tag.id,
    name: tag.name,
    theme: tag.theme,
    kind: tag.kind,
    appliesTo: tag.appliesTo,
    ...(tag.values ? { values: tag.values } : {}),
    ...(tag.buckets ? { buckets: tag.buckets } : {}),
    ...(tag.unit ? { unit: tag.unit } : {}),
    ...(tag.scale !== undefined ? { scale: tag.scale } : {}),
    source: tag.source,
    refresh: tag.refresh,
    description: tag.description,
  };
}

/** A content hash of the authored part: tells whether a built-in changed between releases. */
export function definitionHash(tag: TagInput | TagDefinition): string {
  return createHash('sha256')
    .update(stableJson(authoredPart(tag)))
    .digest('hex')
    .slice(0, 32);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Edit distance of two strings (for "did you mean" suggestions). */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(
        previous[j] + 1,
        previous[j - 1] + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** The closest names to `wanted`: by edit distance, then by shared prefix/substring; at most `limit`. */
export function suggestNames(wanted: string, names: Iterable<string>, limit = 5): string[] {
  const w = wanted.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of names) {
    const n = name.toLowerCase();
    let score = editDistance(w, n);
    if (n.includes(w) || w.includes(n)) score = Math.min(score, 1 + Math.abs(n.length - w.length) / 10);
    const threshold = Math.max(2, Math.floor(w.length / 3));
    if (score <= threshold || n.startsWith(w.slice(0, Math.max(3, Math.floor(w.length / 2)))))
      scored.push({ name, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((s) => s.name);
}

/** Display label of a numeric bucket [low, high). */
export function bucketLabel(low: number | null, high: number | null): string {
  const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : String(n));
  if (low === null && high !== null) return `< ${fmt(high)}`;
  if (low !== null && high === null) return `≥ ${fmt(low)}`;
  if (low !== null && high !== null) return `${fmt(low)} – ${fmt(high)}`;
  return 'all';
}

/**
 * Distribution entries for a numeric tag from counts per bucket index: bucket 0 is below the first
 * edge, bucket i is [edges[i-1], edges[i]), the last is ≥ the last edge.
 */
export function numericDistribution(
  edges: readonly number[],
  counts: ReadonlyMap<number, number>,
): DistributionEntry[] {
  const out: DistributionEntry[] = [];
  for (let i = 0; i <= edges.length; i++) {
    const low = i === 0 ? null : edges[i - 1];
    const high = i === edges.length ? null : edges[i];
    out.push({ label: bucketLabel(low, high), low, high, count: counts.get(i) ?? 0 });
  }
  return out;
}

/** The enum/boolean distribution in display order: declared values first, then any others seen. */
export function valueDistribution(
  tag: Pick<TagDefinition, 'kind' | 'values'>,
  counts: ReadonlyMap<string, number>,
): DistributionEntry[] {
  const order = tag.kind === 'boolean' ? ['true', 'false'] : (tag.values ?? []).map((v) => v.value);
  const labels = new Map(
    (tag.values ?? []).map((v) => [v.value, v.zh === v.en ? v.zh : `${v.zh} / ${v.en}`]),
  );
  const out: DistributionEntry[] = order.map((value) => ({
    label:
      labels.get(value) ?? (tag.kind === 'boolean' ? (value === 'true' ? '是 / yes' : '否 / no') : value),
    value,
    count: counts.get(value) ?? 0,
  }));
  for (const [value, count] of counts) {
    if (!order.includes(value)) out.push({ label: value, value, count });
  }
  return out;
}

/** Default display-bucket edges for a numeric tag without declared buckets: ~8 round edges over [min, max]. */
export function defaultBuckets(min: number | null, max: number | null): number[] {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max) || max <= min) return [];
  const span = max - min;
  const raw = span / 8;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const edges: number[] = [];
  for (let edge = Math.ceil(min / step) * step; edge <= max && edges.length < 12; edge += step) {
    edges.push(Number(edge.toPrecision(12)));
  }
  if (edges[0] === min) edges.shift();
  return edges;
}
