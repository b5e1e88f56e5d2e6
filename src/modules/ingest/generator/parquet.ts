/** Converts the generated canonical CSV files to Parquet with DuckDB (in-process), then removes the CSVs. */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { CANONICAL_TABLES, duckdbType } from '../../../platform/warehouse/index.ts';

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Rewrites every `<table>.csv` in `dir` as `<table>.parquet` (zstd), typed by the canonical schema. */
export async function convertToParquet(dir: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    for (const table of CANONICAL_TABLES) {
      const csv = path.join(dir, `${table.name}.csv`);
      const parquet = path.join(dir, `${table.name}.parquet`);
      const columns = table.columns
        .map((c) => `${sqlString(c.name)}: ${sqlString(duckdbType(c.type))}`)
        .join(', ');
      await connection.run(
        `COPY (SELECT * FROM read_csv(${sqlString(csv)}, header = true, auto_detect = false, columns = {${columns}}, ` +
          `quote = '"', escape = '"', nullstr = '', dateformat = '%Y-%m-%d', timestampformat = '%Y-%m-%d %H:%M:%S')) ` +
          `TO ${sqlString(parquet)} (FORMAT parquet, COMPRESSION zstd)`,
      );
      fs.rmSync(csv);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
