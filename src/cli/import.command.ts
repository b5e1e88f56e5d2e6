import path from 'node:path';
import type { Command } from 'commander';
import { importData, type ImportReport } from '../modules/ingest/index.ts';
import { loadConfig } from '../platform/config.ts';
import { openWriter } from '../platform/warehouse/index.ts';

/** Registers `panorama import <source> [--mapping file] [--data-dir dir]`. */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'import CSV (.csv, .csv.gz, any delimiter, UTF-8 or GBK), Parquet or Excel files into the warehouse',
    )
    .argument('<source>', 'a data file, or a directory with one file (or directory of part files) per table')
    .option(
      '-m, --mapping <file>',
      'YAML mapping from source files and columns to canonical tables and fields',
    )
    .option(
      '-d, --data-dir <dir>',
      'data directory holding the warehouse (default: PANORAMA_DATA_DIR or ./data)',
    )
    .option('--json', 'print the report as JSON instead of tables')
    .action(async (source: string, opts: { mapping?: string; dataDir?: string; json?: boolean }) => {
      const dataDir = path.resolve(opts.dataDir ?? loadConfig().dataDir);
      let warehouse;
      try {
        warehouse = await openWriter(dataDir);
      } catch (error) {
        process.stderr.write(
          `panorama import: cannot open the warehouse in ${dataDir}: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exitCode = 1;
        return;
      }
      let report: ImportReport;
      try {
        report = await importData({
          warehouse,
          source,
          mappingFile: opts.mapping,
          rejectsDir: path.join(dataDir, 'rejects'),
          progress: !opts.json,
        });
      } catch (error) {
        process.stderr.write(
          `panorama import: failed, nothing was loaded: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exitCode = 1;
        return;
      } finally {
        warehouse.close();
      }
      process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatImportReport(report));
    });
}

/** The import report as readable text: merge table, warnings, error summary and examples. */
export function formatImportReport(report: ImportReport): string {
  const lines: string[] = [];
  lines.push(
    `imported ${report.source}${report.mapping ? ` with ${report.mapping}` : ''} in ${report.seconds.toFixed(1)} s`,
    '',
  );
  const header = ['table', 'file', 'rows', 'inserted', 'updated', 'unchanged', 'rejected'];
  const rows = report.tables.map((t) =>
    [t.table, t.file, t.rows, t.inserted, t.updated, t.unchanged, t.rejected].map(String),
  );
  lines.push(...table(header, rows, [false, false, true, true, true, true, true]));
  if (report.warnings.length) {
    lines.push('', 'warnings:');
    for (const w of report.warnings) lines.push(`  ${w}`);
  }
  if (report.errors.total === 0) {
    lines.push('', 'no rejected rows');
  } else {
    lines.push('', `${report.errors.rejectedRows} rejected rows (${report.errors.total} errors):`);
    lines.push(
      ...table(
        ['reason', 'column', 'count'],
        report.errors.byReason.map((g) => [g.reason, g.column ?? '', String(g.count)]),
        [false, false, true],
      ).map((l) => `  ${l}`),
    );
    lines.push('', 'examples:');
    for (const e of report.errors.examples) {
      const where = `${e.file} row ${e.row}${e.column ? `, column ${e.column}` : ''}`;
      lines.push(
        `  ${where}${e.value !== null ? ` = ${JSON.stringify(truncate(e.value, 60))}` : ''}: ${e.reason} — ${e.message}`,
      );
    }
    lines.push('', `rejected rows are listed in ${report.rejectsDir}`);
  }
  return lines.join('\n') + '\n';
}

function table(header: string[], rows: string[][], right: boolean[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}
