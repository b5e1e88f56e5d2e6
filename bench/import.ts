// Import benchmark: 10M canonical transaction rows (CSV) plus the branches, staff, customers,
// products and accounts they reference, imported into a fresh warehouse with importData.
// Budget (DESIGN §6): ≤ 15 s on a 2-core machine. The data is built once with DuckDB COPY and
// cached under the OS temp directory.
//   npm run bench -- import [--rows N]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { importData } from '../src/modules/ingest/index.ts';
import { CHANNELS, openWriter, type TRANSACTION_TYPES } from '../src/platform/warehouse/index.ts';

const BUDGET_SECONDS = 15;
const rowsArg = process.argv.indexOf('--rows');
const transactions = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 10_000_000;
const customers = Math.max(1_000, Math.round(transactions / 100));
const accounts = customers * 2;

const TYPES: (typeof TRANSACTION_TYPES)[number][] = [
  'salary',
  'spending',
  'transfer_in',
  'transfer_out',
  'cash_deposit',
  'cash_withdrawal',
  'interest',
  'card_spending',
];
const sqlList = (values: readonly string[]) => `[${values.map((v) => `'${v}'`).join(', ')}]`;

/** Generated SQL per canonical table, columns in canonical order. */
function tableSql(): Record<string, string> {
  return {
    branch: `SELECT CASE WHEN i = 0 THEN 'HQ' ELSE 'BR' || lpad(i::VARCHAR, 3, '0') END AS id,
        CASE WHEN i = 0 THEN NULL ELSE 'HQ' END AS parent_id, CASE WHEN i = 0 THEN 'hq' ELSE 'branch' END AS level,
        'Branch ' || i AS name, 'City ' || (i % 7) AS city, 30 + i / 100 AS lat, 120 + i / 100 AS lon
      FROM range(21) r(i)`,
    staff: `SELECT 'S' || lpad(i::VARCHAR, 4, '0') AS id, 'Staff ' || i AS name, 'rm' AS role,
        'BR' || lpad((1 + i % 20)::VARCHAR, 3, '0') AS branch_id, 'RC' || i AS referral_code, NULL AS phone
      FROM range(200) r(i)`,
    customer: `SELECT 'C' || lpad(i::VARCHAR, 8, '0') AS id, NULL AS cno, 'retail' AS kind, 'Customer ' || i AS name,
        CASE WHEN i % 2 = 0 THEN 'M' ELSE 'F' END AS gender, DATE '1960-01-01' + (i % 15000)::INTEGER AS birth_date,
        NULL AS id_number, NULL AS phone, NULL AS address, 'City ' || (i % 7) AS city, NULL AS occupation,
        (['<5k', '5k-10k', '10k-20k', '20k-50k', '50k+'])[1 + i % 5] AS income_band, 'C' || (1 + i % 5) AS risk_tolerance,
        DATE '2015-01-01' + (i % 3000)::INTEGER AS onboard_date, 'BR' || lpad((1 + i % 20)::VARCHAR, 3, '0') AS home_branch_id,
        'S' || lpad((i % 200)::VARCHAR, 4, '0') AS rm_id, 'active' AS status, i % 3 = 0 AS consent_marketing,
        i % 4 = 0 AS consent_sms, i % 5 = 0 AS consent_phone, NULL AS uscc, NULL AS industry, NULL AS registered_capital,
        NULL AS established, NULL AS legal_rep, NULL AS employees, NULL AS size
      FROM range(${customers}) r(i)`,
    product: `SELECT 'P' || lpad(i::VARCHAR, 3, '0') AS id, 'CODE' || i AS code, 'Product ' || i AS name,
        (['current', 'time_deposit', 'wealth', 'fund', 'credit_card'])[1 + i % 5] AS category, 'R' || (1 + i % 5) AS risk_level,
        (1000 * i)::DECIMAL(18,2) AS min_amount, 90 * (i % 4) AS term_days, 0.01 + i / 1000 AS rate
      FROM range(20) r(i)`,
    account: `SELECT 'A' || lpad(i::VARCHAR, 9, '0') AS id, 'C' || lpad((i // 2)::VARCHAR, 8, '0') AS customer_id,
        'P' || lpad((i % 20)::VARCHAR, 3, '0') AS product_id, DATE '2016-01-01' + (i % 2500)::INTEGER AS opened,
        NULL AS closed, 'active' AS status, ((CAST(hash(i) >> 1 AS BIGINT) % 10000000) / 100.0)::DECIMAL(18,2) AS balance,
        NULL AS credit_limit, NULL AS maturity_date
      FROM range(${accounts}) r(i)`,
    transaction: `SELECT 'T' || lpad(i::VARCHAR, 10, '0') AS id, 'A' || lpad((h % ${accounts})::VARCHAR, 9, '0') AS account_id,
        'C' || lpad(((h % ${accounts}) // 2)::VARCHAR, 8, '0') AS customer_id,
        TIMESTAMP '2024-01-01' + to_seconds((i * 3) % 31536000) AS ts,
        (((h >> 20) % 2000000)::DECIMAL(18,2) / 100 - 5000)::DECIMAL(18,2) AS amount,
        ${sqlList(CHANNELS)}[1 + (h >> 8) % ${CHANNELS.length}] AS channel, ${sqlList(TYPES)}[1 + (h >> 12) % ${TYPES.length}] AS type,
        CASE WHEN h % 3 = 0 THEN 'Merchant ' || (h >> 30) % 5000 END AS counterparty_name,
        CASE WHEN h % 7 = 0 THEN '6222' || lpad(((h >> 24) % 1000000)::VARCHAR, 12, '0') END AS counterparty_account,
        CASE WHEN h % 7 = 0 THEN 'ICBC' END AS counterparty_bank,
        CASE WHEN h % 3 = 0 THEN '5411' END AS mcc, NULL AS memo
      FROM (SELECT i, CAST(hash(i * 7919) >> 1 AS BIGINT) AS h FROM range(${transactions}) r(i))`,
  };
}

async function buildData(dir: string): Promise<void> {
  const marker = path.join(dir, '.complete');
  if (fs.existsSync(marker)) return;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  process.stderr.write(`building ${transactions.toLocaleString()} transaction rows in ${dir} (once) …\n`);
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  for (const [table, sql] of Object.entries(tableSql())) {
    await connection.run(`COPY (${sql}) TO '${path.join(dir, `${table}.csv`)}' (FORMAT csv, HEADER true)`);
  }
  connection.closeSync();
  instance.closeSync();
  fs.writeFileSync(marker, new Date().toISOString());
}

const dataDir = path.join(os.tmpdir(), `panorama-bench-import-${transactions}`);
await buildData(dataDir);
const warehouseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-bench-warehouse-'));
try {
  const warehouse = await openWriter(warehouseDir);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const report = await importData({
    warehouse,
    source: dataDir,
    rejectsDir: path.join(warehouseDir, 'rejects'),
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  warehouse.close();
  const rows = report.tables.find((t) => t.table === 'transaction')?.inserted ?? 0;
  const line = (cells: (string | number)[]) =>
    cells.map((c, i) => String(c)[i === 0 ? 'padEnd' : 'padStart'](i === 0 ? 12 : 12)).join(' ');
  process.stdout.write(`import of ${dataDir} into a fresh warehouse (${os.cpus().length} cpus)\n`);
  process.stdout.write(line(['table', 'rows', 'inserted', 'rejected']) + '\n');
  for (const t of report.tables) process.stdout.write(line([t.table, t.rows, t.inserted, t.rejected]) + '\n');
  process.stdout.write(line(['total s', seconds.toFixed(2), '', `budget ${BUDGET_SECONDS}`]) + '\n');
  // CPU time shows how much of the wall time the machine actually gave this process.
  process.stdout.write(
    `cpu ${cpuSeconds.toFixed(1)} s (${(cpuSeconds / seconds).toFixed(2)} cores busy on average)\n`,
  );
  const warehouseBytes = fs.statSync(path.join(warehouseDir, 'warehouse.duckdb')).size;
  process.stdout.write(`warehouse file ${(warehouseBytes / 1e6).toFixed(0)} MB\n`);
  process.stdout.write(
    JSON.stringify({
      rows,
      seconds: Number(seconds.toFixed(2)),
      rows_per_s: Math.round(rows / seconds),
      budget_seconds: BUDGET_SECONDS,
    }) + '\n',
  );
} finally {
  fs.rmSync(warehouseDir, { recursive: true, force: true });
}
