import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessMigrations } from '../access/index.ts';
import { customerMigrations, type CustomerTables } from '../customers/index.ts';
import { generateBank, importData, publishToServing } from '../ingest/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { testDatabaseTargets } from '../../platform/db/test-databases.ts';
import { openMemoryWarehouse, type Warehouse } from '../../platform/warehouse/index.ts';
import { PostgresTagRepository } from './postgres-tag.repository.ts';
import { runTags } from './tag-runner.ts';
import { tagDefinitionSchema, type TagDefinition } from './tag.schema.ts';
import { tagMigrations } from './tags.migrations.ts';

const AS_OF = '2025-06-30';

function def(raw: Record<string, unknown>): TagDefinition {
  return tagDefinitionSchema.parse({
    name: { zh: String(raw.id), en: String(raw.id) },
    theme: 'asset',
    ...raw,
  });
}

const AGE_VALUES = [
  { value: 'young', zh: '青年', en: 'young' },
  { value: 'middle', zh: '中年', en: 'middle' },
  { value: 'senior', zh: '老年', en: 'senior' },
];

describe.each(testDatabaseTargets())('runTags on a small generated bank ($name)', (target) => {
  let dir: string;
  let warehouse: Warehouse;
  let db: Database;
  let k: Kysely<CustomerTables>;
  let firstIds: string[];
  const tags: TagDefinition[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-tags-run-'));
    await generateBank({ customers: 400, seed: 5, months: 12, outDir: dir, asOf: AS_OF, progress: false });
    warehouse = await openMemoryWarehouse();
    await importData({ warehouse, source: dir, rejectsDir: path.join(dir, 'rejects'), progress: false });
    db = await target.open([...accessMigrations, ...customerMigrations, ...tagMigrations]);
    k = db.kysely as unknown as Kysely<CustomerTables>;
    await publishToServing({ warehouse, db, progress: false });
    firstIds = (await warehouse.all<{ id: string }>('SELECT id FROM raw_customer ORDER BY cno LIMIT 3')).map(
      (r) => r.id,
    );
    // A model score written earlier (issue 5) must survive tag runs.
    await k
      .insertInto('customer_profile')
      .values({
        customer_id: firstIds[0],
        tags: sql`'{"stale": 1}'::jsonb`,
        scores: sql`'{"churn": 0.42}'::jsonb`,
      } as never)
      .execute();
    tags.push(
      def({
        id: 'age_group',
        kind: 'enum',
        appliesTo: 'retail',
        values: AGE_VALUES,
        source: {
          type: 'sql',
          expression:
            "CASE WHEN age < 35 THEN 'young' WHEN age < 60 THEN 'middle' WHEN age IS NOT NULL THEN 'senior' END",
        },
      }),
      def({ id: 'active_30d', kind: 'boolean', source: { type: 'sql', expression: 'txn_count_30d > 0' } }),
      def({
        id: 'inflow_30d',
        kind: 'numeric',
        unit: 'yuan',
        buckets: [0, 1000, 10000],
        source: { type: 'sql', expression: 'inflow_amount_30d' },
      }),
      def({
        id: 'vip_list',
        kind: 'boolean',
        source: { type: 'list', customerIds: [firstIds[0], firstIds[1], 'NOPE'] },
      }),
      def({ id: 'broken_tag', kind: 'boolean', source: { type: 'sql', expression: 'no_such_column > 1' } }),
      def({ id: 'churn_score', kind: 'numeric', source: { type: 'model', model: 'churn', output: 'p' } }),
      def({
        id: 'gone_tag',
        kind: 'boolean',
        status: 'retired',
        source: { type: 'sql', expression: 'true' },
      }),
    );
  }, 120_000);

  afterAll(async () => {
    warehouse?.close();
    await db?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('computes one row per customer, one typed column per active tag, with coverage and distribution', async () => {
    const repository = new PostgresTagRepository(db);
    const { id, report } = await runTags({ warehouse, tags, repository, progress: false, asOf: AS_OF });

    const [{ n }] = await warehouse.all<{ n: bigint }>('SELECT count(*) AS n FROM raw_customer');
    expect(report.customers).toBe(Number(n));
    const columns = await warehouse.all<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'customer_tag' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => `${c.column_name}:${c.data_type}`)).toEqual([
      'customer_id:VARCHAR',
      'cno:INTEGER',
      'kind:VARCHAR',
      'home_branch_id:VARCHAR',
      'rm_id:VARCHAR',
      'age_group:VARCHAR',
      'active_30d:BOOLEAN',
      'inflow_30d:DOUBLE',
      'vip_list:BOOLEAN',
      'broken_tag:BOOLEAN',
      'churn_score:DOUBLE',
    ]);

    // Known answers straight from customer_features.
    const [expected] = await warehouse.all<{ active: bigint; retail_aged: bigint; young: bigint }>(`
      SELECT count(*) FILTER (WHERE txn_count_30d > 0) AS active,
             count(*) FILTER (WHERE kind = 'retail' AND age IS NOT NULL) AS retail_aged,
             count(*) FILTER (WHERE kind = 'retail' AND age < 35) AS young
      FROM customer_features`);
    const active = report.perTag.active_30d;
    expect(active.coverage.covered).toBe(report.customers);
    expect(active.distribution.find((d) => d.value === 'true')?.count).toBe(Number(expected.active));
    const age = report.perTag.age_group;
    expect(age.coverage.covered).toBe(Number(expected.retail_aged));
    expect(age.distribution.map((d) => d.value)).toEqual(['young', 'middle', 'senior']);
    expect(age.distribution[0].count).toBe(Number(expected.young));
    const [{ corp }] = await warehouse.all<{ corp: bigint }>(
      `SELECT count(*) AS corp FROM customer_tag WHERE kind = 'corporate' AND age_group IS NOT NULL`,
    );
    expect(Number(corp)).toBe(0);
    const inflow = report.perTag.inflow_30d;
    expect(inflow.distribution.map((d) => d.label)).toEqual([
      '< 0',
      '0 – 1,000',
      '1,000 – 10,000',
      '≥ 10,000',
    ]);
    expect(inflow.distribution.reduce((s, d) => s + d.count, 0)).toBe(inflow.coverage.covered);
    expect(report.perTag.vip_list.distribution.find((d) => d.value === 'true')?.count).toBe(2);
    expect(report.perTag.churn_score.coverage.covered).toBe(0);

    // A broken definition is reported, its column stays NULL, the others are computed.
    expect(report.failed.map((f) => f.id)).toEqual(['broken_tag']);
    expect(report.failed[0].message).toMatch(/unknown column "no_such_column"/);
    expect(report.perTag.broken_tag).toBeUndefined();

    const run = await repository.latestRun();
    expect(run).toMatchObject({ id, status: 'succeeded' });
    expect(run?.report?.perTag.active_30d.coverage.covered).toBe(report.customers);
    expect((await repository.stats()).get('age_group')?.runId).toBe(id);
  });

  it('writes customer_profile.tags in bulk without nulls and keeps scores', async () => {
    const profiles = await k.selectFrom('customer_profile').selectAll().execute();
    expect(profiles.length).toBe((await k.selectFrom('customer').select('id').execute()).length);
    const first = profiles.find((p) => p.customer_id === firstIds[0]);
    expect(first?.scores).toEqual({ churn: 0.42 });
    expect(first?.tags).not.toHaveProperty('stale');
    expect(first?.tags.vip_list).toBe(true);
    const [row] = await warehouse.all<Record<string, unknown>>(
      `SELECT * FROM customer_tag WHERE customer_id = $1`,
      [firstIds[0]],
    );
    for (const key of ['age_group', 'active_30d', 'inflow_30d']) {
      if (row[key] === null) expect(first?.tags).not.toHaveProperty(key);
      else expect(first?.tags[key]).toEqual(row[key]);
    }
    expect(first?.tags).not.toHaveProperty('churn_score');
    expect(first?.tags).not.toHaveProperty('gone_tag');
  });

  it('--only recomputes just the named tags and keeps the other columns and profile keys', async () => {
    const before = await warehouse.all<{
      customer_id: string;
      inflow_30d: number | null;
      active_30d: boolean;
    }>('SELECT customer_id, inflow_30d, active_30d FROM customer_tag ORDER BY cno');
    const changed = tags.map((t) =>
      t.id === 'active_30d'
        ? { ...t, version: 2, source: { type: 'sql' as const, expression: 'txn_count_30d > 1000000' } }
        : t.id === 'inflow_30d'
          ? { ...t, source: { type: 'sql' as const, expression: '-1' } }
          : t,
    );
    const repository = new PostgresTagRepository(db);
    const { report } = await runTags({
      warehouse,
      tags: changed,
      only: ['active_30d'],
      repository,
      progress: false,
      reuseFeatures: true,
    });
    expect(Object.keys(report.perTag)).toEqual(['active_30d']);
    expect(report.only).toEqual(['active_30d']);
    const after = await warehouse.all<{
      customer_id: string;
      inflow_30d: number | null;
      active_30d: boolean;
    }>('SELECT customer_id, inflow_30d, active_30d FROM customer_tag ORDER BY cno');
    expect(after.map((r) => r.inflow_30d)).toEqual(before.map((r) => r.inflow_30d));
    expect(after.every((r) => r.active_30d === false)).toBe(true);
    const first = await k
      .selectFrom('customer_profile')
      .selectAll()
      .where('customer_id', '=', firstIds[0])
      .executeTakeFirstOrThrow();
    expect(first.tags.active_30d).toBe(false);
    expect(first.tags.vip_list).toBe(true);
    expect(first.scores).toEqual({ churn: 0.42 });
    await expect(runTags({ warehouse, tags, only: ['nope'], progress: false })).rejects.toThrow(
      /not active in the catalogue: nope/,
    );
  });
});
