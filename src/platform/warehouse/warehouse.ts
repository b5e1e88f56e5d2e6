import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { CANONICAL_TABLES, CUSTOM_ATTRIBUTE_DDL, rawTableDdl } from './canonical-schema.ts';

/** Values that can be bound to `$1`, `$2` … in warehouse SQL. */
export type WarehouseParam = DuckDBValue;

/** A connection to the DuckDB warehouse with small typed helpers. */
export interface Warehouse {
  readonly path: string;
  readonly connection: DuckDBConnection;
  /** Runs statements, discarding results. */
  run(sql: string, params?: WarehouseParam[]): Promise<void>;
  /** Runs a query and returns its rows as plain JS objects (BIGINT → bigint, DECIMAL → number, DATE → Date). */
  all<T = Record<string, unknown>>(sql: string, params?: WarehouseParam[]): Promise<T[]>;
  /** Runs `work` in a transaction: all of it or nothing is kept. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): void;
}

/** The warehouse file inside a data directory. */
export function warehousePath(dataDir: string): string {
  return path.join(dataDir, 'warehouse.duckdb');
}

async function open(file: string, readOnly: boolean): Promise<Warehouse> {
  const instance = await DuckDBInstance.create(file, {
    access_mode: readOnly ? 'READ_ONLY' : 'READ_WRITE',
    threads: String(Math.max(1, Number(process.env.PANORAMA_DUCKDB_THREADS ?? 0) || 2)),
  });
  const connection = await instance.connect();
  const warehouse: Warehouse = {
    path: file,
    connection,
    async run(sql, params) {
      if (params?.length) await connection.run(sql, params);
      else await connection.run(sql);
    },
    async all<T>(sql: string, params?: WarehouseParam[]) {
      const reader = params?.length
        ? await connection.runAndReadAll(sql, params)
        : await connection.runAndReadAll(sql);
      return reader.getRowObjectsJS() as T[];
    },
    async transaction(work) {
      await connection.run('BEGIN TRANSACTION');
      try {
        const result = await work();
        await connection.run('COMMIT');
        return result;
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => {});
        throw error;
      }
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
  return warehouse;
}

/**
 * Opens the warehouse for writing, creating it and the raw tables when absent. Only the one batch
 * owner (import, publish, tags run) holds a writer; DuckDB allows one writing process per file.
 */
export async function openWriter(dataDir: string): Promise<Warehouse> {
  fs.mkdirSync(dataDir, { recursive: true });
  const warehouse = await open(warehousePath(dataDir), false);
  for (const table of CANONICAL_TABLES) await warehouse.run(rawTableDdl(table));
  await warehouse.run(CUSTOM_ATTRIBUTE_DDL);
  return warehouse;
}

/** Opens an existing warehouse read-only. */
export async function openReader(dataDir: string): Promise<Warehouse> {
  const file = warehousePath(dataDir);
  if (!fs.existsSync(file)) throw new Error(`no warehouse at ${file}: run 'panorama import' first`);
  return open(file, true);
}

/** An in-memory warehouse with the raw tables, for tests. */
export async function openMemoryWarehouse(): Promise<Warehouse> {
  const warehouse = await open(':memory:', false);
  for (const table of CANONICAL_TABLES) await warehouse.run(rawTableDdl(table));
  await warehouse.run(CUSTOM_ATTRIBUTE_DDL);
  return warehouse;
}
