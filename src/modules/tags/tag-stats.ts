import type { Warehouse } from '../../platform/warehouse/index.ts';
import { defaultBuckets, numericDistribution, quoteIdent, quoteLiteral, valueDistribution } from './tag.ts';
import type { TagDefinition, TagInput, TagRunStat } from './tag.schema.ts';

type StatTag = Pick<TagInput | TagDefinition, 'id' | 'kind' | 'values' | 'buckets'>;

/**
 * Coverage and distribution of tag columns of `table` in two scans: one aggregate pass (counts,
 * min/max/mean), one UNPIVOT pass counting values and numeric buckets. Enum values outside the
 * declared list and non-finite numbers are set to NULL in `table` and reported as invalid.
 */
export async function computeTagStats(
  warehouse: Warehouse,
  table: string,
  tags: readonly StatTag[],
): Promise<{ customers: number; perTag: Record<string, TagRunStat> }> {
  const t = quoteIdent(table);
  const aggregates: string[] = ['count(*) AS "n"'];
  tags.forEach((tag, i) => {
    const c = quoteIdent(tag.id);
    aggregates.push(`count(${c}) AS "c${i}"`);
    if (tag.kind === 'numeric') {
      aggregates.push(
        `min(${c}) FILTER (WHERE isfinite(${c})) AS "lo${i}"`,
        `max(${c}) FILTER (WHERE isfinite(${c})) AS "hi${i}"`,
        `avg(${c}) FILTER (WHERE isfinite(${c})) AS "avg${i}"`,
        `count(*) FILTER (WHERE NOT isfinite(${c})) AS "inf${i}"`,
      );
    }
  });
  const [agg] = await warehouse.all<Record<string, number | bigint | null>>(
    `SELECT ${aggregates.join(', ')} FROM ${t}`,
  );
  const num = (v: number | bigint | null | undefined) => (v === null || v === undefined ? null : Number(v));
  const customers = num(agg.n) ?? 0;

  // Non-finite numbers would break the bit-sliced index and JSON: they become NULL (unknown).
  for (const [i, tag] of tags.entries()) {
    if (tag.kind === 'numeric' && (num(agg[`inf${i}`]) ?? 0) > 0) {
      const c = quoteIdent(tag.id);
      await warehouse.run(`UPDATE ${t} SET ${c} = NULL WHERE NOT isfinite(${c})`);
    }
  }

  const edges = new Map<string, number[]>();
  const unpivoted: string[] = [];
  for (const [i, tag] of tags.entries()) {
    const c = quoteIdent(tag.id);
    if (tag.kind === 'numeric') {
      const e = tag.buckets?.length ? tag.buckets : defaultBuckets(num(agg[`lo${i}`]), num(agg[`hi${i}`]));
      edges.set(tag.id, e);
      // Bucket i holds [e[i-1], e[i]); counted per bucket index.
      const bucket = e.length
        ? `CASE ${e.map((edge, j) => `WHEN ${c} < ${edge} THEN '${j}'`).join(' ')} ELSE '${e.length}' END`
        : `'0'`;
      unpivoted.push(`CASE WHEN ${c} IS NOT NULL THEN ${bucket} END AS ${quoteIdent(`s${i}`)}`);
    } else {
      unpivoted.push(`CAST(${c} AS VARCHAR) AS ${quoteIdent(`s${i}`)}`);
    }
  }
  const counts = new Map<string, Map<string, number>>();
  if (tags.length > 0) {
    const rows = await warehouse.all<{ name: string; value: string; n: bigint }>(
      `SELECT name, value, count(*) AS n FROM (UNPIVOT (SELECT ${unpivoted.join(', ')} FROM ${t}) ON COLUMNS(*) INTO NAME name VALUE value) GROUP BY ALL`,
    );
    for (const row of rows) {
      const tag = tags[Number(row.name.slice(1))];
      let m = counts.get(tag.id);
      if (!m) counts.set(tag.id, (m = new Map()));
      m.set(row.value, Number(row.n));
    }
  }

  const perTag: Record<string, TagRunStat> = {};
  for (const [i, tag] of tags.entries()) {
    const valueCounts = counts.get(tag.id) ?? new Map<string, number>();
    let covered = num(agg[`c${i}`]) ?? 0;
    let invalid: TagRunStat['invalid'];
    if (tag.kind === 'enum') {
      const allowed = new Set((tag.values ?? []).map((v) => v.value));
      const bad = [...valueCounts].filter(([value]) => !allowed.has(value));
      if (bad.length) {
        const n = bad.reduce((sum, [, count]) => sum + count, 0);
        invalid = { count: n, values: bad.map(([value]) => value).slice(0, 20) };
        covered -= n;
        for (const [value] of bad) valueCounts.delete(value);
        const c = quoteIdent(tag.id);
        await warehouse.run(
          `UPDATE ${t} SET ${c} = NULL WHERE ${c} NOT IN (${[...allowed].map(quoteLiteral).join(', ') || 'NULL'})`,
        );
      }
    }
    if (tag.kind === 'numeric') {
      const inf = num(agg[`inf${i}`]) ?? 0;
      if (inf > 0) {
        invalid = { count: inf, values: ['non-finite'] };
        covered -= inf;
      }
    }
    const distribution =
      tag.kind === 'numeric'
        ? numericDistribution(
            edges.get(tag.id) ?? [],
            new Map([...valueCounts].map(([k, v]) => [Number(k), v])),
          )
        : valueDistribution(tag, valueCounts);
    perTag[tag.id] = {
      coverage: { customers, covered, ratio: customers ? covered / customers : 0 },
      distribution,
      ...(tag.kind === 'numeric'
        ? { min: num(agg[`lo${i}`]), max: num(agg[`hi${i}`]), mean: num(agg[`avg${i}`]) }
        : {}),
      ...(invalid ? { invalid } : {}),
    };
  }
  return { customers, perTag };
}
