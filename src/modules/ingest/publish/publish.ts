import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CsvLoad, Database } from '../../../platform/db/index.ts';
import { createProgress } from '../../../platform/progress.ts';
import type { Warehouse } from '../../../platform/warehouse/index.ts';
import { SERVING_360_EXPORTS } from './publish-360.sql.ts';
import { SERVING_EXPORTS, servingAsOfSql, type ServingExport } from './publish.sql.ts';

/** Every serving table publish replaces, in load order: base customer tables, then the 360 view's. */
const ALL_EXPORTS: readonly ServingExport[] = [...SERVING_EXPORTS, ...SERVING_360_EXPORTS];

/** What to publish and where. */
export interface PublishOptions {
  warehouse: Warehouse;
  db: Database;
  /** Days of transactions the serving tier keeps for the 360 view. */
  recentDays?: number;
  /** Months of monthly aggregates per customer. */
  months?: number;
  progress?: boolean;
}

/** Rows published per serving table. */
export interface PublishReport {
  asOf: string | null;
  rows: Record<string, number>;
  seconds: number;
}

/**
 * Publishes the warehouse to the serving tier in bulk: DuckDB writes each serving table as CSV with
 * money in cents, then all tables are replaced in one serving transaction with COPY.
 */
export async function publishToServing(options: PublishOptions): Promise<PublishReport> {
  const started = Date.now();
  const recentDays = options.recentDays ?? 90;
  const months = options.months ?? 13;
  const [{ as_of: asOf }] = await options.warehouse.all<{ as_of: Date | null }>(servingAsOfSql);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-publish-'));
  const progress = createProgress({
    label: 'publish',
    total: ALL_EXPORTS.length * 2,
    unit: 'steps',
    mode: options.progress === false ? 'silent' : 'auto',
  });
  try {
    const loads: CsvLoad[] = [];
    const rows: Record<string, number> = {};
    for (const exported of ALL_EXPORTS) {
      const csvFile = path.join(tmp, `${exported.table}.csv`);
      const query = exported.sql({ recentDays, months });
      const [{ Count }] = await options.warehouse.all<{ Count: bigint }>(
        `COPY (${query}) TO '${csvFile}' (FORMAT csv, HEADER true)`,
      );
      rows[exported.table] = Number(Count);
      loads.push({ table: exported.table, columns: exported.columns, csvFile });
      progress.tick();
    }
    await options.db.replaceTablesFromCsv(loads);
    progress.tick(ALL_EXPORTS.length);
    progress.stop();
    return {
      asOf: asOf ? asOf.toISOString().slice(0, 10) : null,
      rows,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
