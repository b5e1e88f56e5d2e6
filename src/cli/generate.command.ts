import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { generateBank, type GenerateSummary } from '../modules/ingest/index.ts';

const integer =
  (name: string, min: number, max: number) =>
  (value: string): number => {
    const n = Number(value.replace(/_/g, ''));
    if (!/^\d[\d_]*$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        `${name} must be an integer from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`,
      );
    }
    return n;
  };

const isoDate = (value: string): string => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : null;
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError('as-of must be a real date written YYYY-MM-DD, e.g. 2025-06-30');
  }
  return value;
};

const fileFormat = (value: string): 'csv' | 'parquet' => {
  if (value !== 'csv' && value !== 'parquet') throw new InvalidArgumentError('format must be csv or parquet');
  return value;
};

/** Registers `panorama generate --customers N --seed S --months M --out DIR [--format csv|parquet] [--as-of YYYY-MM-DD]`. */
export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('generate a synthetic, internally consistent bank as canonical CSV or Parquet files')
    .option(
      '-n, --customers <n>',
      'number of customers (about 5% corporate)',
      integer('customers', 1, 50_000_000),
      50_000,
    )
    .option(
      '-s, --seed <seed>',
      'random seed: the same seed and options give byte-identical files',
      integer('seed', 0, Number.MAX_SAFE_INTEGER),
      42,
    )
    .option(
      '-m, --months <months>',
      'months of history ending with the as-of month',
      integer('months', 1, 120),
      12,
    )
    .option('-o, --out <dir>', 'output directory', 'data/synthetic')
    .option('-f, --format <format>', 'csv or parquet', fileFormat, 'csv' as const)
    .option(
      '--as-of <date>',
      'last day of the history, YYYY-MM-DD (default: last day of the previous month, UTC; pass it for output independent of the day it runs)',
      isoDate,
    )
    .option(
      '-w, --workers <n>',
      'worker threads (default: 2 from 20,000 customers, else 0); the output does not depend on it',
      integer('workers', 0, 64),
    )
    .option('--json', 'print the summary as JSON')
    .action(
      async (opts: {
        customers: number;
        seed: number;
        months: number;
        out: string;
        format: 'csv' | 'parquet';
        asOf?: string;
        workers?: number;
        json?: boolean;
      }) => {
        const summary = await generateBank({
          customers: opts.customers,
          seed: opts.seed,
          months: opts.months,
          outDir: opts.out,
          format: opts.format,
          asOf: opts.asOf,
          workers: opts.workers,
          progress: !opts.json,
        });
        process.stdout.write(
          opts.json
            ? JSON.stringify(summary, null, 2) + '\n'
            : formatGenerateSummary(summary, opts.asOf === undefined),
        );
      },
    );
}

/** The summary as a readable table: rows per table, files, as-of date and time taken. */
export function formatGenerateSummary(summary: GenerateSummary, asOfDefaulted = false): string {
  const entries = Object.entries(summary.rows);
  const width = Math.max(...entries.map(([t]) => t.length), 5);
  const counts = entries.map(([, n]) => n.toLocaleString('en-US'));
  const countWidth = Math.max(...counts.map((c) => c.length), 4);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  const lines = [
    `generated ${summary.customers.toLocaleString('en-US')} customers, ${summary.months} months to ${summary.asOf}, seed ${summary.seed}, in ${summary.seconds.toFixed(1)} s`,
    `into ${path.relative(process.cwd(), summary.outDir) || '.'} (${summary.format})`,
    '',
    `${'table'.padEnd(width)}  ${'rows'.padStart(countWidth)}`,
    `${'-'.repeat(width)}  ${'-'.repeat(countWidth)}`,
    ...entries.map(([t], i) => `${t.padEnd(width)}  ${counts[i].padStart(countWidth)}`),
    `${'total'.padEnd(width)}  ${total.toLocaleString('en-US').padStart(countWidth)}`,
    '',
    `${Math.round(total / Math.max(summary.seconds, 0.001)).toLocaleString('en-US')} rows/s; manifest.json and _truth/ (ground truth) written alongside`,
  ];
  if (asOfDefaulted)
    lines.push(
      `as-of defaulted to ${summary.asOf} from today's date: pass --as-of ${summary.asOf} to reproduce these files exactly`,
    );
  return lines.join('\n') + '\n';
}
