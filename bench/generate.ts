// Generator benchmark: `panorama generate` for 100k and 1M customers × 12 months (CSV) into a temp
// directory, each size in its own child process so wall time and peak RSS (main thread and workers
// together) are measured cleanly. Budget (issue): 1M customers in ≤ 300 s and ≤ 2 GB RSS on 2 cores.
//   npm run bench -- generate [--sizes 100000,1000000]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBank } from '../src/modules/ingest/index.ts';

const BUDGET_SECONDS = 300;
const BUDGET_RSS_MB = 2048;
const AS_OF = '2025-06-30';
const SEED = 42;
const MONTHS = 12;

interface ChildResult {
  customers: number;
  seconds: number;
  peakRssMb: number;
  rows: Record<string, number>;
  bytes: number;
}

const args = process.argv.slice(2);

if (args[0] === '--child') {
  // Child: generate one size and report on stdout.
  const customers = Number(args[1]);
  const outDir = args[2];
  const summary = await generateBank({
    customers,
    seed: SEED,
    months: MONTHS,
    outDir,
    asOf: AS_OF,
    progress: true,
  });
  const bytes = fs
    .readdirSync(outDir)
    .reduce((sum, f) => sum + (f.endsWith('.csv') ? fs.statSync(path.join(outDir, f)).size : 0), 0);
  const result: ChildResult = {
    customers,
    seconds: summary.seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rows: summary.rows,
    bytes,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
} else {
  const sizesArg = args.indexOf('--sizes');
  const sizes = (sizesArg >= 0 ? args[sizesArg + 1] : '100000,1000000')
    .split(',')
    .map((s) => Number(s.replace(/_/g, '')));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    process.stderr.write('usage: npm run bench -- generate [--sizes 100000,1000000]\n');
    process.exit(2);
  }
  const self = fileURLToPath(import.meta.url);
  const results: ChildResult[] = [];
  for (const customers of sizes) {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), `panorama-bench-generate-${customers}-`));
    try {
      process.stderr.write(
        `generating ${customers.toLocaleString('en-US')} customers × ${MONTHS} months into ${outDir} …\n`,
      );
      const stdout = await new Promise<string>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', self, '--child', String(customers), outDir],
          {
            cwd: path.dirname(path.dirname(self)),
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('error', reject);
        child.on('exit', (code) =>
          code === 0 ? resolve(out) : reject(new Error(`generator child exited with code ${code}`)),
        );
      });
      results.push(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildResult);
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  }

  const fmt = (n: number) => n.toLocaleString('en-US');
  const header = [
    'customers',
    'seconds',
    'peak RSS MB',
    'transactions',
    'events',
    'balances',
    'all rows',
    'rows/s',
    'GB on disk',
  ];
  const rows = results.map((r) => {
    const all = Object.values(r.rows).reduce((s, n) => s + n, 0);
    return [
      fmt(r.customers),
      r.seconds.toFixed(1),
      fmt(Math.round(r.peakRssMb)),
      fmt(r.rows.transaction),
      fmt(r.rows.event),
      fmt(r.rows.balance_monthly),
      fmt(all),
      fmt(Math.round(all / r.seconds)),
      (r.bytes / 1e9).toFixed(2),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  process.stdout.write(`panorama generate, ${MONTHS} months, CSV, ${os.availableParallelism()} cpus\n`);
  process.stdout.write(line(header) + '\n');
  for (const r of rows) process.stdout.write(line(r) + '\n');

  const size = (n: number) => results.find((r) => r.customers === n);
  const r100k = size(100_000);
  const r1m = size(1_000_000);
  // Without a 1M run the budget is judged on the largest size run, scaled linearly to 1M.
  const largest = results.reduce<ChildResult | undefined>(
    (a, r) => (!a || r.customers > a.customers ? r : a),
    undefined,
  );
  const within = r1m
    ? r1m.seconds <= BUDGET_SECONDS && r1m.peakRssMb <= BUDGET_RSS_MB
    : largest !== undefined && (largest.seconds * 1_000_000) / largest.customers <= BUDGET_SECONDS;
  process.stdout.write(
    `budget: 1,000,000 customers in ≤ ${BUDGET_SECONDS} s and ≤ ${BUDGET_RSS_MB} MB peak RSS\n`,
  );
  const round = (x: number | undefined, digits = 1) => (x === undefined ? null : Number(x.toFixed(digits)));
  process.stdout.write(
    JSON.stringify({
      customers_100k_seconds: round(r100k?.seconds),
      customers_100k_peak_rss_mb: round(r100k?.peakRssMb, 0),
      customers_1m_seconds: round(r1m?.seconds),
      customers_1m_peak_rss_mb: round(r1m?.peakRssMb, 0),
      transactions_1m: r1m?.rows.transaction ?? null,
      budget_seconds: BUDGET_SECONDS,
      within_budget: within,
    }) + '\n',
  );
}
