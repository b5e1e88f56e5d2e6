import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createProgress, type Progress } from '../../../platform/progress.ts';
import type { Warehouse } from '../../../platform/warehouse/index.ts';
import { loadMapping } from './import-mapping.ts';
import { validateAndMerge } from './merge.ts';
import { prepareConstantRows, preparePart, type PreparedPart } from './prepare-source.ts';
import {
  buildErrorTable,
  sampleErrors,
  summariseErrors,
  writeRejectsFile,
  type ImportError,
  type ImportErrorGroup,
} from './rejects.ts';
import { discoverSources } from './source-files.ts';
import { planTable, stageEntry, type StagedTable, type TablePlan } from './staging.ts';
import { literal } from './sql-text.ts';

export type { ImportError, ImportErrorGroup } from './rejects.ts';

/** A step of a running import, reported to `onStep`. */
export interface ImportStep {
  step: 'staged' | 'merged' | 'committing' | 'committed';
  table?: string;
  file?: string;
}

/** What to import, into which warehouse, and where rejected rows go. */
export interface ImportOptions {
  warehouse: Warehouse;
  /** A data file or a directory of them. */
  source: string;
  /** YAML mapping from source files and columns to canonical tables and fields. */
  mappingFile?: string;
  /** Rejects go to `<rejectsDir>/<timestamp>/<file>.rejects.csv`. */
  rejectsDir: string;
  /** Show progress (a bar on a terminal, JSON lines otherwise). */
  progress?: boolean;
  /** Called as the import moves on; awaited, inside the import's transaction (logging, tests). */
  onStep?: (step: ImportStep) => void | Promise<void>;
}

/** Merge result for one source file (or constant rows, or custom attributes) into one table. */
export interface ImportTableReport {
  table: string;
  file: string;
  /** Data rows read from the source. */
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** How the file was read, e.g. "gb18030, ;-separated". */
  detected?: string;
}

/** What an import did. */
export interface ImportReport {
  source: string;
  mapping: string | null;
  tables: ImportTableReport[];
  errors: {
    /** Number of errors (a rejected row can have several). */
    total: number;
    rejectedRows: number;
    byReason: ImportErrorGroup[];
    examples: ImportError[];
  };
  rejectsDir: string | null;
  rejectsFiles: string[];
  warnings: string[];
  seconds: number;
}

interface Staged {
  label: string;
  table: string;
  prefix: string;
  parts: PreparedPart[];
  plan: TablePlan;
  staged: StagedTable;
}

/**
 * Imports a file or directory into the warehouse in one transaction: each source is staged,
 * mapped and validated in SQL, good rows are merged by natural key, and rejected rows are written
 * to rejects files. A failure (or a killed process) leaves the warehouse as it was.
 */
export async function importData(options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const warehouse = options.warehouse;
  const mapping = options.mappingFile ? await loadMapping(options.mappingFile) : undefined;
  const source = path.resolve(options.source);
  const { entries, warnings } = await discoverSources(source, mapping);
  const runId = randomBytes(4).toString('hex');
  const tempPrefix = `_imp_${runId}`;
  const scratchDir = await fs.mkdtemp(path.join(os.tmpdir(), 'panorama-import-'));
  let counter = 0;
  const scratch = { dir: scratchDir, next: () => `${tempPrefix}_s${++counter}` };
  const progressSetting = options.progress ? await enableProgress(warehouse) : null;
  const reading = options.progress ? createProgress({ label: 'import: read files', unit: 'MB' }) : null;
  const track = new ProgressTracker(warehouse, reading);

  try {
    // Staging first, outside the transaction: it only fills temporary tables, and rows numbered
    // by a committed table's rowid are numbered from 0 in file order.
    const staged: Staged[] = [];
    const sizes = await Promise.all(entries.map((e) => sourceMegabytes(e.parts.map((p) => p.path))));
    const totalMegabytes = Math.max(1, Math.round(sizes.reduce((a, b) => a + b, 0)));
    reading?.setTotal(totalMegabytes);
    let megabytes = 0;
    for (const [i, entry] of entries.entries()) {
      track.segment(megabytes, sizes[i]);
      megabytes += sizes[i];
      const parts = entry.constantRows
        ? [prepareConstantRows(entry.constantRows, entry.label)]
        : await prepareParts(entry.parts, (part) => preparePart(part, entry.mapping, scratch, warehouse));
      const plan = planTable(entry, parts, warnings);
      const prefix = `${tempPrefix}_e${i}`;
      const table = await stageEntry(warehouse, prefix, plan, parts, track.run);
      staged.push({ label: entry.label, table: entry.table, prefix, parts, plan, staged: table });
      await options.onStep?.({ step: 'staged', table: entry.table, file: entry.label });
    }

    reading?.update(totalMegabytes);
    reading?.stop();
    const merging = options.progress ? createProgress({ label: 'import: merge', unit: 'rows' }) : null;
    const totalRows = staged.reduce((sum, s) => sum + s.staged.rows, 0);
    merging?.setTotal(Math.max(1, totalRows));
    track.use(merging);
    let mergedRows = 0;
    const tables: ImportTableReport[] = [];
    const errorTables: { table: string; label: string; entryTable: string }[] = [];
    // Staging needed file order; merging does not, and DuckDB appends in parallel without it.
    const [{ order }] = await warehouse.all<{ order: boolean }>(
      `SELECT current_setting('preserve_insertion_order') AS "order"`,
    );
    await warehouse.run('SET preserve_insertion_order = false');
    await warehouse
      .transaction(async () => {
        for (const s of staged) {
          track.segment(mergedRows, s.staged.rows);
          mergedRows += s.staged.rows;
          const merged = await validateAndMerge(warehouse, s.prefix, s.staged, s.plan, track.run);
          const errors = await buildErrorTable(warehouse, s.prefix, s.staged, merged.rejectsTable);
          const malformed = s.staged.malformed;
          tables.push({
            table: s.table,
            file: s.label,
            rows: s.staged.rows + malformed,
            inserted: merged.inserted,
            updated: merged.updated,
            unchanged: merged.unchanged,
            rejected: merged.rejectedRows + malformed,
            detected: [...new Set(s.parts.map((x) => x.detected))].join('; '),
          });
          if (merged.custom)
            tables.push({ table: 'custom_attribute', file: s.label, rejected: 0, ...merged.custom });
          if (merged.rejectedRows + malformed > 0)
            errorTables.push({ table: errors, label: s.label, entryTable: s.table });
          await options.onStep?.({ step: 'merged', table: s.table, file: s.label });
        }
        await options.onStep?.({ step: 'committing' });
      })
      .finally(() => warehouse.run(`SET preserve_insertion_order = ${order}`));
    merging?.update(Math.max(1, totalRows));
    merging?.stop();
    await options.onStep?.({ step: 'committed' });

    let rejectsDir: string | null = null;
    const rejectsFiles: string[] = [];
    if (errorTables.length > 0) {
      rejectsDir = await createRejectsDir(options.rejectsDir);
      const used = new Set<string>();
      for (const e of errorTables) {
        let name = e.label.replace(/\/$/, '').replaceAll('/', '_').replaceAll('#', '_');
        if (used.has(name)) name = `${name}.${e.entryTable}`;
        used.add(name);
        const file = path.join(rejectsDir, `${name}.rejects.csv`);
        await writeRejectsFile(warehouse, e.table, file);
        rejectsFiles.push(file);
      }
    }
    const names = errorTables.map((e) => e.table);
    const byReason = await summariseErrors(warehouse, names);
    const examples = await sampleErrors(warehouse, names, 10);
    return {
      source,
      mapping: mapping?.path ?? null,
      tables,
      errors: {
        total: byReason.reduce((sum, g) => sum + g.count, 0),
        rejectedRows: tables.reduce((sum, t) => sum + t.rejected, 0),
        byReason,
        examples,
      },
      rejectsDir,
      rejectsFiles,
      warnings,
      seconds: Math.round(performance.now() - started) / 1000,
    };
  } finally {
    await dropTempTables(warehouse, tempPrefix);
    if (progressSetting !== null)
      await warehouse.run(`SET enable_progress_bar = ${progressSetting}`).catch(() => {});
    await fs.rm(scratchDir, { recursive: true, force: true });
  }
}

async function prepareParts<T, R>(parts: T[], prepare: (part: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const part of parts) out.push(await prepare(part));
  return out;
}

async function createRejectsDir(root: string): Promise<string> {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  for (let i = 1; ; i++) {
    const dir = path.join(root, i === 1 ? stamp : `${stamp}-${i}`);
    await fs.mkdir(root, { recursive: true });
    try {
      await fs.mkdir(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

async function dropTempTables(warehouse: Warehouse, prefix: string): Promise<void> {
  const tables = await warehouse
    .all<{ table_name: string }>(
      `SELECT table_name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, ${literal(prefix)})`,
    )
    .catch(() => []);
  for (const t of tables)
    await warehouse.run(`DROP TABLE IF EXISTS temp.main."${t.table_name}"`).catch(() => {});
}

async function enableProgress(warehouse: Warehouse): Promise<string> {
  const [{ value }] = await warehouse.all<{ value: string }>(
    `SELECT current_setting('enable_progress_bar') AS value`,
  );
  await warehouse.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
  return String(value);
}

async function sourceMegabytes(files: string[]): Promise<number> {
  let bytes = 0;
  for (const f of files) bytes += (await fs.stat(f)).size;
  return bytes / 1e6;
}

/**
 * Feeds DuckDB's own progress of the running statement into a progress display, as a share of
 * the current segment (a file's megabytes while reading, its rows while merging).
 */
class ProgressTracker {
  private base = 0;
  private span = 0;
  constructor(
    private readonly warehouse: Warehouse,
    private progress: Progress | null,
  ) {}

  use(progress: Progress | null): void {
    this.progress = progress;
  }

  segment(base: number, span: number): void {
    this.base = base;
    this.span = span;
    this.progress?.update(Math.round(base));
  }

  readonly run = async (sql: string): Promise<void> => {
    const progress = this.progress;
    if (!progress) return this.warehouse.run(sql);
    const timer = setInterval(() => {
      const percentage = this.warehouse.connection.progress.percentage;
      if (percentage >= 0)
        progress.update(Math.round(this.base + (this.span * Math.min(100, percentage)) / 100));
    }, 250);
    try {
      await this.warehouse.run(sql);
    } finally {
      clearInterval(timer);
    }
  };
}
