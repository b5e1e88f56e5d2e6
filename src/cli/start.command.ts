import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ensureDemoUsers } from '../modules/access/index.ts';
import { snapshotPath } from '../modules/audiences/index.ts';
import { generateBank, importData, publishToServing } from '../modules/ingest/index.ts';
import type { Config } from '../platform/config.ts';
import { openWriter, warehousePath } from '../platform/warehouse/index.ts';
import { configWithDataDir, openServingDatabase } from './cli-context.ts';
import { computeTags } from './tags.command.ts';
import { DEMO_MARKER, serve } from './serve.command.ts';
import { buildWeb, webBuildNeeded } from './web-build.ts';

const DEMO_SEED = 42;
const DEMO_MONTHS = 12;

function step(n: number, total: number, text: string): void {
  process.stderr.write(`\n[${n}/${total}] ${text}\n`);
}

/** Generates, imports and publishes the demo bank into an empty data dir. */
async function prepareDemoBank(config: Config): Promise<void> {
  const source = path.join(config.dataDir, 'source');
  step(
    1,
    5,
    `Generating a demo bank: ${config.demoCustomers.toLocaleString('en-US')} customers, ${DEMO_MONTHS} months, seed ${DEMO_SEED}`,
  );
  await generateBank({
    customers: config.demoCustomers,
    seed: DEMO_SEED,
    months: DEMO_MONTHS,
    outDir: source,
    format: 'csv',
    progress: true,
  });
  step(2, 5, 'Importing it into the warehouse (DuckDB)');
  const warehouse = await openWriter(config.dataDir);
  try {
    const report = await importData({
      warehouse,
      source,
      rejectsDir: path.join(config.dataDir, 'rejects'),
      progress: true,
    });
    const rejected = report.tables.reduce((sum, t) => sum + t.rejected, 0);
    if (rejected > 0)
      throw new Error(`the demo bank had ${rejected} rejected rows; see ${report.rejectsFiles.join(', ')}`);
    step(3, 5, 'Publishing to the serving database');
    const db = await openServingDatabase(config);
    try {
      await publishToServing({ warehouse, db, progress: true });
      await ensureDemoUsers(db, config.demoPassword);
      step(4, 5, 'Computing tags (features, tag catalogue, serving profiles, audience index)');
      const tags = await computeTags({ warehouse, db, dataDir: config.dataDir, progress: true });
      process.stderr.write(
        `${tags.report.tags} tags × ${tags.report.customers.toLocaleString('en-US')} customers in ${tags.report.seconds.toFixed(1)} s\n`,
      );
    } finally {
      await db.close();
    }
  } finally {
    warehouse.close();
  }
  // The warehouse now holds it all, and `generate` with the same seed recreates the files.
  fs.rmSync(source, { recursive: true, force: true });
  fs.writeFileSync(
    path.join(config.dataDir, DEMO_MARKER),
    JSON.stringify(
      {
        customers: config.demoCustomers,
        seed: DEMO_SEED,
        months: DEMO_MONTHS,
        createdAt: new Date().toISOString(),
      },
      null,
      2,
    ),
  );
}

/** `panorama start` (what `npm start` runs): demo bank on first run, web build if needed, then serve. */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description(
      'start Panorama: on an empty data dir generate, import and publish a demo bank first; then serve',
    )
    .option('--data-dir <dir>', 'data directory (default: PANORAMA_DATA_DIR or ./data)')
    .action(async (options: { dataDir?: string }) => {
      const started = Date.now();
      const config = configWithDataDir(options.dataDir);
      process.stderr.write(
        `Panorama — data in ${config.dataDir}${config.databaseUrl ? ', serving database: PostgreSQL server' : ''}\n`,
      );
      if (!fs.existsSync(warehousePath(config.dataDir))) {
        try {
          await prepareDemoBank(config);
        } catch (error) {
          // A half-made demo bank would be served as if complete next time: remove it so a retry starts over.
          for (const leftover of [
            'warehouse.duckdb',
            'warehouse.duckdb.wal',
            'serving',
            'source',
            'audience',
          ]) {
            fs.rmSync(path.join(config.dataDir, leftover), { recursive: true, force: true });
          }
          throw error;
        }
      } else if (!fs.existsSync(snapshotPath(config.dataDir))) {
        // A data dir from before the tag factory, or one whose last tag run failed: compute them now.
        process.stderr.write('\nNo audience index yet: computing tags\n');
        const warehouse = await openWriter(config.dataDir);
        const db = await openServingDatabase(config);
        try {
          await computeTags({ warehouse, db, dataDir: config.dataDir, progress: true });
        } finally {
          await db.close();
          warehouse.close();
        }
      }
      if (webBuildNeeded()) {
        step(5, 5, 'Building the web UI');
        await buildWeb();
      }
      await serve(config);
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const url = `http://localhost:${config.port}`;
      process.stderr.write(
        `\nPanorama is serving at ${url} (ready in ${seconds} s; API docs at ${url}/docs).\n` +
          (fs.existsSync(path.join(config.dataDir, DEMO_MARKER))
            ? `Demo logins: admin, analyst, manager, rm1, rm2 — password ${process.env.PANORAMA_DEMO_PASSWORD ? '(PANORAMA_DEMO_PASSWORD)' : config.demoPassword}\n`
            : ''),
      );
    });
}
