import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerImportCommand } from '../../../cli/import.command.ts';

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-import-cli-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(
    (chunk: string | Uint8Array) => ((stdout += String(chunk)), true),
  );
  vi.spyOn(process.stderr, 'write').mockImplementation(
    (chunk: string | Uint8Array) => ((stderr += String(chunk)), true),
  );
  const program = new Command('panorama').exitOverride();
  registerImportCommand(program);
  await program.parseAsync(['node', 'panorama', 'import', ...args]);
  vi.restoreAllMocks();
  return { stdout, stderr, exitCode: Number(process.exitCode ?? 0) };
}

describe('panorama import', () => {
  const dataDir = path.join(tmpRoot, 'data');
  const source = path.join(tmpRoot, 'source');
  fs.mkdirSync(source, { recursive: true });
  fs.writeFileSync(
    path.join(source, 'branch.csv'),
    'id,parent_id,level,name\nHQ,,hq,总行\nB1,HQ,branch,一支行\nB2,HQ,village,二支行\n',
  );

  it('prints the merge report and error summary, exiting 0 even with rejects', async () => {
    const { stdout, exitCode } = await cli(source, '--data-dir', dataDir);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/table\s+file\s+rows\s+inserted\s+updated\s+unchanged\s+rejected/);
    expect(stdout).toMatch(/branch\s+branch\.csv\s+3\s+2\s+0\s+0\s+1/);
    expect(stdout).toMatch(/1 rejected rows \(1 errors\)/);
    expect(stdout).toMatch(/invalid_value\s+level\s+1/);
    expect(stdout).toContain(
      'branch.csv row 3, column level = "village": invalid_value — not one of: hq, branch, sub_branch, outlet',
    );
    expect(stdout).toContain(path.join(dataDir, 'rejects'));
    expect(fs.readdirSync(path.join(dataDir, 'rejects'))).toHaveLength(1);
  });

  it('reports a second run of the same data as unchanged', async () => {
    const { stdout } = await cli(source, '--data-dir', dataDir, '--json');
    const report = JSON.parse(stdout);
    expect(report.tables[0]).toMatchObject({ table: 'branch', inserted: 0, unchanged: 2, rejected: 1 });
  });

  it('exits non-zero with a clear message when the import fails', async () => {
    const { stderr, exitCode } = await cli(path.join(tmpRoot, 'missing'), '--data-dir', dataDir);
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(
      /panorama import: failed, nothing was loaded: .*missing: no such file or directory/,
    );
  });
});
