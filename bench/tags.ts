// Tag batch benchmark: a generated bank (1M customers × 12 months, ~50M transactions, from
// `panorama generate`) imported into a warehouse, then every built-in tag computed by runTags:
// customer_features, customer_tag, coverage/distribution and customer_profile.tags written to an
// embedded serving database. Budget (issue 3, DESIGN §6): ≤ 60 s on 2 cores; exits 1 when missed.
// The generated and imported warehouse is cached under the OS temp directory by size and seed.
//   npm run bench -- tags [--customers N] [--seed S] [--no-serving]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accessMigrations } from '../src/modules/access/index.ts';
import { customerMigrations } from '../src/modules/customers/index.ts';
import { generateBank, importData } from '../src/modules/ingest/index.ts';
import {
  PostgresTagRepository,
  readCatalogueFiles,
  runTags,
  tagMigrations,
  type TagDefinition,
} from '../src/modules/tags/index.ts';
import { migrate, openDatabase } from '../src/platform/db/index.ts';
import { openWriter, warehousePath } from '../src/platform/warehouse/index.ts';

const BUDGET_SECONDS = 60;
const MONTHS = 12;
const AS_OF = '2025-06-30';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(String(process.argv[i + 1]).replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 100) {
    process.stderr.write(`usage: npm run bench -- tags [--customers N ≥ 100] [--seed S] [--no-serving]\n`);
    process.exit(2);
  }
  return value;
}

const customers = arg('customers', 1_000_000);
const seed = arg('seed', 42);
const serving = !process.argv.includes('--no-serving');

/** A warehouse with the generated bank imported, made once per size and seed. */
async function cachedWarehouse(): Promise<string> {
  const root = path.join(os.tmpdir(), 'panorama-bench-tags');
  const dataDir = path.join(root, `bank-${customers}-${seed}-${MONTHS}m`);
  if (fs.existsSync(path.join(dataDir, 'READY'))) return dataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const source = path.join(root, `source-${customers}-${seed}`);
  process.stderr.write(
    `generating ${customers.toLocaleString('en-US')} customers × ${MONTHS} months (cached in ${dataDir}) …\n`,
  );
  try {
    await generateBank({
      customers,
      seed,
      months: MONTHS,
      outDir: source,
      asOf: AS_OF,
      format: 'parquet',
      progress: true,
    });
    const warehouse = await openWriter(dataDir);
    try {
      const report = await importData({
        warehouse,
        source,
        rejectsDir: path.join(dataDir, 'rejects'),
        progress: true,
      });
      const rejected = report.tables.reduce((sum, t) => sum + t.rejected, 0);
      if (rejected > 0) throw new Error(`${rejected} generated rows were rejected on import`);
    } finally {
      warehouse.close();
    }
    fs.writeFileSync(path.join(dataDir, 'READY'), new Date().toISOString());
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  } finally {
    fs.rmSync(source, { recursive: true, force: true });
  }
  return dataDir;
}

const dataDir = await cachedWarehouse();
const warehouse = await openWriter(dataDir);
const servingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-bench-tags-serving-'));
const db = serving ? await openDatabase({ dataDir: servingDir }) : null;
try {
  if (db) await migrate(db, [...accessMigrations, ...customerMigrations, ...tagMigrations]);
  const tags: TagDefinition[] = readCatalogueFiles().map(({ tag }) => ({
    ...tag,
    owner: 'panorama',
    version: 1,
    status: 'active',
    builtIn: true,
  }));
  const [{ n }] = await warehouse.all<{ n: bigint }>('SELECT count(*) AS n FROM raw_transaction');
  const transactions = Number(n);
  process.stderr.write(
    `computing ${tags.length} tags over ${customers.toLocaleString('en-US')} customers / ${transactions.toLocaleString('en-US')} transactions (${warehousePath(dataDir)}) …\n`,
  );
  const started = performance.now();
  const { report } = await runTags({
    warehouse,
    tags,
    repository: db ? new PostgresTagRepository(db) : undefined,
    asOf: AS_OF,
    progress: true,
  });
  const seconds = (performance.now() - started) / 1000;

  const rows: [string, string][] = [
    ['customers', customers.toLocaleString('en-US')],
    ['transactions', transactions.toLocaleString('en-US')],
    ['tags computed', String(report.tags)],
    ['tags failed', String(report.failed.length)],
    ['features (s)', report.timings.features.toFixed(2)],
    ['tag SELECT (s)', report.timings.tags.toFixed(2)],
    ['coverage + distribution (s)', report.timings.stats.toFixed(2)],
    [
      serving ? 'serving profiles (s)' : 'serving profiles',
      serving ? report.timings.write.toFixed(2) : 'skipped',
    ],
    ['total (s)', seconds.toFixed(2)],
    ['budget (s)', String(BUDGET_SECONDS)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  process.stdout.write('\nbench/tags\n');
  for (const [label, value] of rows) process.stdout.write(`  ${label.padEnd(width)}  ${value}\n`);
  for (const f of report.failed) process.stdout.write(`  failed: ${f.id}: ${f.message}\n`);
  process.stdout.write(
    JSON.stringify({
      customers,
      transactions,
      tags: report.tags,
      seconds: Math.round(seconds * 100) / 100,
      features_seconds: report.timings.features,
      tags_seconds: report.timings.tags,
      stats_seconds: report.timings.stats,
      write_seconds: report.timings.write,
      serving,
      failed: report.failed.length,
      budget_seconds: BUDGET_SECONDS,
    }) + '\n',
  );
  if (seconds > BUDGET_SECONDS) {
    process.stderr.write(`over budget: ${seconds.toFixed(1)} s > ${BUDGET_SECONDS} s\n`);
    process.exitCode = 1;
  }
} finally {
  warehouse.close();
  await db?.close();
  fs.rmSync(servingDir, { recursive: true, force: true });
}
