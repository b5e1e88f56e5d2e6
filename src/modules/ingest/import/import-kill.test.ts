import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openWriter } from '../../../platform/warehouse/index.ts';
import { importData } from './import.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../..');
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-import-kill-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

const TXN_HEADER =
  'id,account_id,customer_id,ts,amount,channel,type,counterparty_name,counterparty_account,counterparty_bank,mcc,memo\n';

function writeBank(dir: string, branchName: string, transactions: number): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'branch.csv'),
    `id,parent_id,level,name,city,lat,lon\nHQ,,hq,${branchName},上海,,\n`,
  );
  fs.writeFileSync(
    path.join(dir, 'customer.csv'),
    'id,kind,name,onboard_date,home_branch_id,status\nC1,retail,张三,2020-01-01,HQ,active\n',
  );
  fs.writeFileSync(path.join(dir, 'product.csv'), 'id,code,name,category\nP1,CUR,活期,current\n');
  fs.writeFileSync(
    path.join(dir, 'account.csv'),
    'id,customer_id,product_id,opened,status,balance\nA1,C1,P1,2020-01-01,active,1.00\n',
  );
  const rows: string[] = [TXN_HEADER];
  for (let i = 0; i < transactions; i++)
    rows.push(`T${i},A1,C1,2024-01-01 00:00:00,${i % 1000}.25,atm,fee,,,,,\n`);
  fs.writeFileSync(path.join(dir, 'transaction.csv'), rows.join(''));
}

/** Runs the fixture child until it reports READY (inside the import transaction), then kills it with SIGKILL. */
function importAndKill(
  dataDir: string,
  source: string,
  stopAfter: string,
): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'kill-import.fixture.ts'), dataDir, source, stopAfter],
      {
        cwd: repoRoot,
        // The killed child cannot remove its scratch directory; keep it inside ours.
        env: { ...process.env, TMPDIR: tmpRoot },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child never got ready: ${output}`));
    }, 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('READY')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ signal, output });
    });
  });
}

describe('importData killed with SIGKILL', () => {
  it('leaves the previous warehouse intact and usable', async () => {
    const dataDir = path.join(tmpRoot, 'data');
    const first = path.join(tmpRoot, 'first');
    writeBank(first, '总行', 10);
    let w = await openWriter(dataDir);
    await importData({ warehouse: w, source: first, rejectsDir: path.join(dataDir, 'rejects') });
    w.close();

    // Big enough that DuckDB writes row groups of the new transactions to the file before commit.
    const second = path.join(tmpRoot, 'second');
    writeBank(second, '新总行', 600_000);
    const sizeBefore = fs.statSync(path.join(dataDir, 'warehouse.duckdb')).size;
    const { signal, output } = await importAndKill(dataDir, second, 'transaction');
    // The new rows had reached the database file, uncommitted, when the process died.
    expect(fs.statSync(path.join(dataDir, 'warehouse.duckdb')).size).toBeGreaterThan(sizeBefore);
    expect(output).toContain('READY');
    expect(output).not.toContain('FINISHED');
    expect(signal).toBe('SIGKILL');

    w = await openWriter(dataDir);
    expect(await w.all(`SELECT name FROM raw_branch`)).toEqual([{ name: '总行' }]);
    const [{ n }] = await w.all<{ n: bigint }>(`SELECT count(*) AS n FROM raw_transaction`);
    expect(Number(n)).toBe(10);
    // The warehouse still takes the import that was interrupted.
    const report = await importData({
      warehouse: w,
      source: second,
      rejectsDir: path.join(dataDir, 'rejects'),
    });
    expect(report.tables.find((t) => t.table === 'transaction')).toMatchObject({
      inserted: 599_990,
      unchanged: 10,
    });
    expect(report.tables.find((t) => t.table === 'branch')).toMatchObject({ updated: 1 });
    w.close();
  });
});
