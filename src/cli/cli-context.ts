import { loadConfig, type Config } from '../platform/config.ts';
import { type Database, migrate, openDatabase } from '../platform/db/index.ts';
import { servingMigrations } from './serving-migrations.ts';

/** Configuration with the command's `--data-dir` applied over PANORAMA_DATA_DIR. */
export function configWithDataDir(dataDir?: string): Config {
  return loadConfig(dataDir ? { ...process.env, PANORAMA_DATA_DIR: dataDir } : process.env);
}

/** Opens the serving database of the config and applies pending migrations. */
export async function openServingDatabase(config: Config): Promise<Database> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(db, servingMigrations);
  return db;
}

/** Prints a table of label/value rows to stdout. */
export function printTable(title: string, rows: ReadonlyArray<readonly [string, string | number]>): void {
  const width = Math.max(...rows.map(([label]) => label.length), 8);
  process.stdout.write(`\n${title}\n`);
  for (const [label, value] of rows) {
    const shown = typeof value === 'number' ? value.toLocaleString('en-US') : value;
    process.stdout.write(`  ${label.padEnd(width)}  ${shown}\n`);
  }
}
