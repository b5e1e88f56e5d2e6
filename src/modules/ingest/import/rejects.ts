import type { Warehouse } from '../../../platform/warehouse/index.ts';
import type { RejectReason } from './field-sql.ts';
import type { StagedTable } from './staging.ts';
import { literal } from './sql-text.ts';

/** One rejection as reported: where (file, row, column), what (field, value) and why. */
export interface ImportError {
  file: string;
  /** 1-based data row in the source file (the header is not counted). */
  row: number;
  column: string | null;
  field: string | null;
  value: string | null;
  reason: RejectReason;
  message: string;
}

/** Number of errors per reason and column. */
export interface ImportErrorGroup {
  reason: RejectReason;
  column: string | null;
  field: string | null;
  count: number;
}

/**
 * Builds the temporary table of an entry's errors with source row numbers. Rows are numbered by
 * read order within their part; malformed lines DuckDB skipped shift the rows after them, and
 * xlsx rows carry their sheet row number.
 */
export async function buildErrorTable(
  warehouse: Warehouse,
  prefix: string,
  staged: StagedTable,
  rejectsTable: string,
): Promise<string> {
  const errors = `${prefix}_errors`;
  const gaps = `${prefix}_gaps`;
  if (staged.malformed > 0) {
    // The k-th malformed line of a part sits after (its data position − k) good rows.
    await warehouse.run(
      `CREATE TEMP TABLE ${gaps} AS
       SELECT m.part, m.line - p.header_lines - row_number() OVER (PARTITION BY m.part ORDER BY m.line) AS gap
       FROM ${staged.malformedTable} m JOIN ${staged.partsTable} p ON p.idx = m.part`,
    );
  }
  const rowOf = (rid: string, p: string, s: string) => {
    const local = `(${rid} - ${p}.first_rid + 1)`;
    const shifted =
      staged.malformed > 0
        ? `${local} + (SELECT count(*) FROM ${gaps} g WHERE g.part = ${p}.idx AND g.gap < ${local})`
        : local;
    return staged.hasRowRef ? `CASE WHEN ${p}.row_ref THEN ${s}._src_row ELSE ${shifted} END` : shifted;
  };
  const multiPart = `(SELECT count(*) FROM ${staged.partsTable}) > 1`;
  await warehouse.run(
    `CREATE TEMP TABLE ${errors} AS
     SELECT p.name AS file, CAST(${rowOf('r._rid', 'p', 's')} AS BIGINT) AS "row", r."column", r.field, r.value, r.reason,
            r.message || CASE WHEN r.ref_rid IS NULL THEN ''
                              ELSE '; first at row ' || CAST(${rowOf('r.ref_rid', 'p2', 's2')} AS BIGINT)
                                   || CASE WHEN ${multiPart} THEN ' of ' || p2.name ELSE '' END END AS message
     FROM ${rejectsTable} r
     JOIN ${staged.partsTable} p ON r._rid BETWEEN p.first_rid AND p.last_rid
     LEFT JOIN ${staged.partsTable} p2 ON r.ref_rid BETWEEN p2.first_rid AND p2.last_rid
     ${staged.hasRowRef ? `LEFT JOIN ${staged.name} s ON s.rowid = r._rid LEFT JOIN ${staged.name} s2 ON s2.rowid = r.ref_rid` : ''}
     UNION ALL
     SELECT p.name, m.line - p.header_lines, m."column", NULL, m.value, 'malformed_row', m.message
     FROM ${staged.malformedTable} m JOIN ${staged.partsTable} p ON p.idx = m.part`,
  );
  if (staged.malformed > 0) await warehouse.run(`DROP TABLE ${gaps}`);
  return errors;
}

/** Writes an error table to a CSV rejects file, in file and row order. */
export async function writeRejectsFile(warehouse: Warehouse, errors: string, file: string): Promise<void> {
  await warehouse.run(
    `COPY (SELECT file, "row", "column", field, value, reason, message FROM ${errors} ORDER BY file, "row", "column")
     TO ${literal(file)} (FORMAT csv, HEADER true)`,
  );
}

/** Counts by reason and column, over several error tables. */
export async function summariseErrors(
  warehouse: Warehouse,
  errorTables: string[],
): Promise<ImportErrorGroup[]> {
  if (errorTables.length === 0) return [];
  const all = errorTables.map((t) => `SELECT reason, "column", field FROM ${t}`).join(' UNION ALL ');
  const rows = await warehouse.all<{
    reason: RejectReason;
    column: string | null;
    field: string | null;
    n: bigint;
  }>(
    `SELECT reason, "column", field, count(*) AS n FROM (${all}) GROUP BY ALL ORDER BY n DESC, reason, "column"`,
  );
  return rows.map((r) => ({ reason: r.reason, column: r.column, field: r.field, count: Number(r.n) }));
}

/** The first few errors of several tables: one per reason and column first, then in row order. */
export async function sampleErrors(
  warehouse: Warehouse,
  errorTables: string[],
  limit: number,
): Promise<ImportError[]> {
  if (errorTables.length === 0) return [];
  const all = errorTables.map((t, i) => `SELECT ${i} AS t, * FROM ${t}`).join(' UNION ALL ');
  const rows = await warehouse.all<Omit<ImportError, 'row'> & { row: bigint }>(
    `SELECT file, "row", "column", field, value, reason, message FROM (
       SELECT *, row_number() OVER (PARTITION BY reason, "column" ORDER BY t, file, "row") AS k FROM (${all}))
     ORDER BY k, t, file, "row" LIMIT ${limit}`,
  );
  return rows.map((r) => ({ ...r, row: Number(r.row) }));
}
