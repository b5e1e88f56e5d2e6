// Test support (not part of the public surface): a customer_tag table for the fixture bank of
// customers/test-fixtures.ts plus synthetic customers, the tags describing it, and a data directory
// holding its audience snapshot.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { TagDefinition } from '../tags/index.ts';
import { migrate, type Database } from '../../platform/db/index.ts';
import { openMemoryWarehouse, type Warehouse } from '../../platform/warehouse/index.ts';
import type { AudienceTagInfo } from './audience.ts';
import { rebuildAudienceSnapshot } from './audience-index-build.ts';
import { audienceMigrations } from './audiences.migrations.ts';

/** Synthetic customers beyond the 30 of the serving fixture (index only), so scopes hold more than a handful. */
export const EXTRA_CUSTOMERS = 1_970;

const label = (zh: string, en: string) => ({ zh, en });

/** The tags of the fixture index. */
export const TEST_TAGS: AudienceTagInfo[] = [
  {
    id: 'aum_tier',
    name: label('资产层级', 'AUM tier'),
    theme: 'asset',
    kind: 'enum',
    appliesTo: 'all',
    values: [
      { value: '<100k', zh: '10万以下', en: 'under 100k' },
      { value: '100k-1m', zh: '10万-100万', en: '100k–1m' },
      { value: '1m+', zh: '100万以上', en: '1m+' },
    ],
  },
  {
    id: 'age',
    name: label('年龄', 'Age'),
    theme: 'natural',
    kind: 'numeric',
    appliesTo: 'retail',
    unit: 'years',
    buckets: [30, 40, 50],
  },
  {
    id: 'churn_risk',
    name: label('流失风险', 'Churn risk'),
    theme: 'risk',
    kind: 'enum',
    appliesTo: 'all',
    values: [
      { value: 'low', zh: '低', en: 'Low' },
      { value: 'medium', zh: '中', en: 'Medium' },
      { value: 'high', zh: '高', en: 'High' },
    ],
  },
  {
    id: 'holds_wealth',
    name: label('持有理财', 'Holds wealth'),
    theme: 'asset',
    kind: 'boolean',
    appliesTo: 'all',
  },
  {
    id: 'txn_count_30d',
    name: label('近30天交易笔数', 'Transactions, 30 days'),
    theme: 'transaction',
    kind: 'numeric',
    appliesTo: 'all',
    unit: 'count',
  },
  {
    id: 'aum',
    name: label('资产余额', 'AUM'),
    theme: 'asset',
    kind: 'numeric',
    appliesTo: 'all',
    unit: 'yuan',
    scale: 2,
    buckets: [100_000, 1_000_000],
  },
];

/** TEST_TAGS as full definitions (what the tag catalogue hands over). */
export function testTagDefinitions(): TagDefinition[] {
  return TEST_TAGS.map((t) => ({
    ...t,
    source: { type: 'sql', expression: 'NULL' },
    refresh: 'daily',
    description: { zh: '', en: '' },
    owner: 'panorama',
    version: 1,
    status: 'active',
    builtIn: true,
  })) as TagDefinition[];
}

/** A small deterministic pseudo-random number in [0, 1) from a customer number and a salt. */
function rand(cno: number, salt: number): number {
  let x = (cno * 2654435761 + salt * 40503) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 2246822519) >>> 0;
  x ^= x >>> 13;
  return (x >>> 0) / 2 ** 32;
}

/**
 * Creates customer_tag in the warehouse: the serving fixture's customers (same cno, branch and RM)
 * and EXTRA_CUSTOMERS more spread over the fixture's branches and RMs, with tag values drawn from
 * the customer number. Some values are NULL (unknown).
 */
export async function seedCustomerTag(warehouse: Warehouse, db: Database): Promise<void> {
  const k = db.kysely as unknown as Kysely<{
    customer: { id: string; cno: number; kind: string; home_branch_id: string; rm_id: string | null };
    staff: { id: string; role: string; branch_id: string };
  }>;
  const serving = await k
    .selectFrom('customer')
    .select(['id', 'cno', 'kind', 'home_branch_id', 'rm_id'])
    .execute();
  const rms = await k
    .selectFrom('staff')
    .select(['id', 'branch_id'])
    .where('role', '=', 'rm')
    .orderBy('id')
    .execute();
  const rows = serving.map((c) => ({ ...c }));
  const maxCno = Math.max(...serving.map((c) => c.cno));
  for (let i = 1; i <= EXTRA_CUSTOMERS; i++) {
    const cno = maxCno + i;
    const rm = rms[Math.floor(rand(cno, 1) * rms.length)];
    const noRm = rand(cno, 2) < 0.1;
    rows.push({
      id: `X${String(cno).padStart(6, '0')}`,
      cno,
      kind: rand(cno, 3) < 0.15 ? 'corporate' : 'retail',
      home_branch_id: rm.branch_id,
      rm_id: noRm ? null : rm.id,
    });
  }
  await warehouse.run(`CREATE OR REPLACE TABLE customer_tag (
    customer_id VARCHAR, cno INTEGER, kind VARCHAR, home_branch_id VARCHAR, rm_id VARCHAR,
    aum_tier VARCHAR, age DOUBLE, churn_risk VARCHAR, holds_wealth BOOLEAN, txn_count_30d DOUBLE, aum DOUBLE)`);
  const sqlText = (v: string | null) => (v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`);
  const values = rows.map((c) => {
    const r = (salt: number) => rand(c.cno, salt);
    const aum = Math.round(r(10) ** 3 * 5_000_000 * 100) / 100;
    const tier = aum >= 1_000_000 ? '1m+' : aum >= 100_000 ? '100k-1m' : '<100k';
    const age = c.kind === 'retail' ? 18 + Math.floor(r(11) * 60) : null;
    const churn = r(12) < 0.1 ? null : ['low', 'medium', 'high'][Math.floor(r(13) * 3)];
    const wealth = r(14) < 0.05 ? null : r(15) < 0.3;
    const txns = r(16) < 0.05 ? null : Math.floor(r(17) * 40);
    return `(${sqlText(c.id)}, ${c.cno}, ${sqlText(c.kind)}, ${sqlText(c.home_branch_id)}, ${sqlText(c.rm_id)}, ${sqlText(tier)}, ${age ?? 'NULL'}, ${sqlText(churn)}, ${wealth === null ? 'NULL' : wealth}, ${txns ?? 'NULL'}, ${aum})`;
  });
  // Shuffled insert order: the builder must not rely on the table's physical order.
  values.sort((a, b) => a.localeCompare(b));
  await warehouse.run(`INSERT INTO customer_tag VALUES ${values.join(',\n')}`);
}

/** A data directory with an audience snapshot of the fixture bank, and the warehouse it came from. */
export interface AudienceFixture {
  dataDir: string;
  warehouse: Warehouse;
  close(): void;
}

/** Migrates the audiences tables into a fixture bank and writes its index snapshot into a fresh data directory. */
export async function createAudienceFixture(db: Database): Promise<AudienceFixture> {
  await migrate(db, audienceMigrations);
  const warehouse = await openMemoryWarehouse();
  await seedCustomerTag(warehouse, db);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-audience-'));
  await rebuildAudienceSnapshot({ warehouse, dataDir, tags: testTagDefinitions() });
  return {
    dataDir,
    warehouse,
    close() {
      warehouse.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
