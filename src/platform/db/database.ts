import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PgliteSingleConnectionPool } from './pglite-pool.ts';

/**
 * The serving database: Kysely over embedded PGlite or a PostgreSQL server. One SQL dialect for
 * both. Type parsing is the same in both: BIGINT → number (cents fit in 2^53), NUMERIC → number,
 * DATE → 'YYYY-MM-DD', timestamps → Date.
 */
export interface Database<DB = unknown> {
  readonly kind: 'pglite' | 'postgres';
  readonly kysely: Kysely<DB>;
  /** Runs statements separated by semicolons, without parameters (DDL, migrations); rolls back an open transaction on error. */
  exec(statements: string): Promise<void>;
  /** Bulk-loads a CSV file (with header) into `table` (`columns` in file order) with COPY. */
  copyCsv(table: string, columns: readonly string[], csvFile: string): Promise<void>;
  /**
   * Replaces the contents of several tables from CSV files in one transaction: readers see the old
   * rows or the new ones, never a half-loaded table.
   */
  replaceTablesFromCsv(loads: readonly CsvLoad[]): Promise<void>;
  close(): Promise<void>;
}

/** One CSV file (with header) to COPY into a table; `columns` in file order. */
export interface CsvLoad {
  table: string;
  columns: readonly string[];
  csvFile: string;
}

const copySql = (load: CsvLoad, source: string) =>
  `COPY ${load.table} (${load.columns.map((c) => `"${c}"`).join(', ')}) FROM ${source} WITH (FORMAT csv, HEADER true)`;

export interface OpenDatabaseOptions {
  /** A PostgreSQL server; when absent, PGlite in `dataDir` (or in memory when `dataDir` is absent too). */
  databaseUrl?: string;
  dataDir?: string;
}

const parseDate = (value: string) => value;

/** Opens the serving database described by the options. */
export async function openDatabase<DB = unknown>(options: OpenDatabaseOptions): Promise<Database<DB>> {
  return options.databaseUrl ? openPostgres<DB>(options.databaseUrl) : openPglite<DB>(options.dataDir);
}

async function openPglite<DB>(dataDir?: string): Promise<Database<DB>> {
  const dir = dataDir ? path.join(dataDir, 'serving') : undefined;
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: dir,
    extensions: { pg_trgm },
    parsers: { [types.INT8]: Number, [types.NUMERIC]: Number, [types.DATE]: parseDate },
  });
  await pglite.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  const pool = new PgliteSingleConnectionPool(pglite);
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as never }) });
  return {
    kind: 'pglite',
    kysely,
    async exec(statements) {
      const client = await pool.connect();
      try {
        await pglite.exec(statements);
      } catch (error) {
        await pglite.exec('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async copyCsv(table, columns, csvFile) {
      const client = await pool.connect();
      try {
        await copyIntoPglite(pglite, { table, columns, csvFile });
      } finally {
        client.release();
      }
    },
    async replaceTablesFromCsv(loads) {
      const client = await pool.connect();
      try {
        await pglite.exec(`BEGIN; TRUNCATE ${loads.map((l) => l.table).join(', ')}`);
        for (const load of loads) await copyIntoPglite(pglite, load);
        await pglite.exec('COMMIT');
      } catch (error) {
        await pglite.exec('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await kysely.destroy();
      await pglite.close();
    },
  };
}

/** PGlite reads COPY input from a Blob in memory (no file system of its own to read from). */
async function copyIntoPglite(pglite: PGlite, load: CsvLoad): Promise<void> {
  await pglite.query(copySql(load, "'/dev/blob'"), [], { blob: new Blob([fs.readFileSync(load.csvFile)]) });
}

async function openPostgres<DB>(databaseUrl: string): Promise<Database<DB>> {
  const typeParsers = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === 20 || oid === 1700) return Number;
      if (oid === 1082) return parseDate;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: Number(process.env.PANORAMA_PG_POOL ?? 20),
    types: typeParsers as never,
  });
  const client = await pool.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  } finally {
    client.release();
  }
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    kysely,
    async exec(statements) {
      const conn = await pool.connect();
      try {
        await conn.query(statements);
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        conn.release();
      }
    },
    async copyCsv(table, columns, csvFile) {
      const conn = await pool.connect();
      try {
        await pipeline(
          fs.createReadStream(csvFile),
          conn.query(copyFrom(copySql({ table, columns, csvFile }, 'STDIN'))),
        );
      } finally {
        conn.release();
      }
    },
    async replaceTablesFromCsv(loads) {
      const conn = await pool.connect();
      try {
        await conn.query(`BEGIN; TRUNCATE ${loads.map((l) => l.table).join(', ')}`);
        for (const load of loads) {
          await pipeline(fs.createReadStream(load.csvFile), conn.query(copyFrom(copySql(load, 'STDIN'))));
        }
        await conn.query('COMMIT');
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        conn.release();
      }
    },
    async close() {
      await kysely.destroy();
    },
  };
}

/** A versioned schema change. Ids sort in the order they apply, e.g. `0001-serving-core`. */
export interface Migration {
  id: string;
  sql: string;
}

/** Applies the migrations not yet applied, in id order, each in its own transaction. Returns the applied ids. */
export async function migrate(db: Database, migrations: readonly Migration[]): Promise<string[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migration (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
  );
  const k = db.kysely as Kysely<{ schema_migration: { id: string } }>;
  const done = new Set((await k.selectFrom('schema_migration').select('id').execute()).map((r) => r.id));
  const applied: string[] = [];
  for (const migration of [...migrations].sort((a, b) => a.id.localeCompare(b.id))) {
    if (done.has(migration.id)) continue;
    const escapedId = migration.id.replace(/'/g, "''");
    await db.exec(
      `BEGIN; ${migration.sql}; INSERT INTO schema_migration (id) VALUES ('${escapedId}'); COMMIT;`,
    );
    applied.push(migration.id);
  }
  return applied;
}

export { sql };
