import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWeb, webBuildNeeded } from '../../src/cli/web-build.ts';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Password of the demo users the server creates. */
export const DEMO_PASSWORD = 'Panorama#2026';

/** Size and seed of the small demo bank the browser tests run on. */
export const DEMO_BANK = { customers: 3000, seed: 7 } as const;

/** A running `panorama serve`. */
export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** The last lines the server wrote, for failure messages. */
  logTail: () => string;
  stop: () => Promise<void>;
}

const CLI = path.join(repoRoot, 'bin', 'panorama.js');

/**
 * The environment of every CLI call: embedded serving DB and stream (a DATABASE_URL or STREAM_URL
 * from CI would point the tests at a shared server), the demo password, quiet logs.
 */
function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.STREAM_URL;
  delete env.PANORAMA_DATA_DIR;
  delete env.PORT;
  return {
    ...env,
    PANORAMA_DEMO_PASSWORD: DEMO_PASSWORD,
    LOG_LEVEL: process.env.PANORAMA_E2E_LOG_LEVEL ?? 'warn',
    NO_COLOR: '1',
    ...extra,
  };
}

function runCli(args: string[], env: NodeJS.ProcessEnv): void {
  const started = Date.now();
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 15 * 60_000,
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(
      `panorama ${args.join(' ')} failed (exit ${result.status ?? result.signal ?? result.error?.message}):\n${output}`,
    );
  }
  process.stderr.write(`[e2e] panorama ${args[0]} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (/\.(ts|js|sql|json|ya?ml)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/**
 * Key of the prepared data: the bank's size and seed plus the sources that shape the data on disk
 * (generator, importer, publisher, warehouse and serving schemas, demo users, those CLI commands).
 * Changing any of them prepares a fresh copy instead of serving stale tables.
 */
function dataKey(): string {
  const hash = createHash('sha256').update(JSON.stringify(DEMO_BANK));
  const sources = [
    ...filesUnder(path.join(repoRoot, 'src', 'modules', 'ingest')),
    ...filesUnder(path.join(repoRoot, 'src', 'platform', 'warehouse')),
    ...filesUnder(path.join(repoRoot, 'src', 'platform', 'db')),
    ...filesUnder(path.join(repoRoot, 'src', 'modules', 'tags')),
    ...filesUnder(path.join(repoRoot, 'src', 'modules', 'audiences')).filter((f) =>
      /audience-index-build\.ts$/.test(f),
    ),
    ...filesUnder(path.join(repoRoot, 'src', 'cli')).filter((f) =>
      /(generate|import|publish|tags)\.command\.ts$|serving-migrations\.ts$/.test(f),
    ),
    ...filesUnder(path.join(repoRoot, 'src', 'modules')).filter((f) =>
      /\.migrations\.ts$|demo-users|password-hasher/.test(f),
    ),
  ];
  for (const file of [...new Set(sources)]) {
    hash.update(path.relative(repoRoot, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Generates, imports and publishes the demo bank once into os.tmpdir(), cached by `dataKey()`.
 * Returns the prepared (pristine) data dir; callers serve a copy of it.
 */
export function prepareDemoData(): string {
  const cacheRoot = path.join(os.tmpdir(), 'panorama-e2e');
  const ready = path.join(cacheRoot, `bank-${DEMO_BANK.customers}-${DEMO_BANK.seed}-${dataKey()}`);
  if (fs.existsSync(path.join(ready, 'PREPARED'))) return path.join(ready, 'data');

  fs.mkdirSync(cacheRoot, { recursive: true });
  const work = fs.mkdtempSync(path.join(cacheRoot, 'preparing-'));
  try {
    const source = path.join(work, 'source');
    const data = path.join(work, 'data');
    const env = cliEnv();
    process.stderr.write(`[e2e] preparing a demo bank (${DEMO_BANK.customers} customers) in ${work}\n`);
    runCli(
      [
        'generate',
        '--customers',
        String(DEMO_BANK.customers),
        '--seed',
        String(DEMO_BANK.seed),
        '--out',
        source,
      ],
      env,
    );
    runCli(['import', source, '--data-dir', data], env);
    runCli(['publish', '--data-dir', data, '--demo-users'], env);
    runCli(['tags', 'run', '--data-dir', data], env);
    // The generated CSV/Parquet files are not needed to serve.
    fs.rmSync(source, { recursive: true, force: true });
    fs.writeFileSync(path.join(work, 'PREPARED'), `${new Date().toISOString()}\n`);
    fs.rmSync(ready, { recursive: true, force: true });
    fs.renameSync(work, ready);
    // Banks prepared from older sources are never used again.
    for (const entry of fs.readdirSync(cacheRoot)) {
      const full = path.join(cacheRoot, entry);
      if (entry.startsWith('bank-') && full !== ready) fs.rmSync(full, { recursive: true, force: true });
    }
  } catch (error) {
    fs.rmSync(work, { recursive: true, force: true });
    throw error;
  }
  return path.join(ready, 'data');
}

/** Builds web/dist when it is missing or older than the web sources, as `panorama start` does. */
export async function ensureWebBuild(): Promise<void> {
  if (!webBuildNeeded()) return;
  process.stderr.write('[e2e] building web/dist\n');
  await buildWeb();
}

/** A free TCP port on localhost. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForReady(baseUrl: string, child: ChildProcess, logTail: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `panorama serve exited (${child.exitCode ?? child.signalCode}) before /ready:\n${logTail()}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/ready`, { signal: AbortSignal.timeout(2_000) });
      last = `${response.status} ${await response.text()}`;
      if (response.ok) return;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`panorama serve was not ready within ${timeoutMs / 1000} s (last: ${last}):\n${logTail()}`);
}

/**
 * Starts the product for the browser tests: builds web/dist if needed, prepares the demo bank
 * (cached), copies it to a fresh data dir (the server writes sessions and audit rows) and runs
 * `panorama serve` on a free port until `stop()`.
 *
 * `PANORAMA_E2E_BASE_URL` points the tests at a server that is already running instead.
 */
export async function startPanorama(): Promise<RunningServer> {
  const external = process.env.PANORAMA_E2E_BASE_URL;
  if (external) {
    return { baseUrl: external.replace(/\/$/, ''), dataDir: '', logTail: () => '', stop: async () => {} };
  }

  await ensureWebBuild();
  const prepared = prepareDemoData();
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-e2e-run-'));
  const dataDir = path.join(runDir, 'data');
  fs.cpSync(prepared, dataDir, { recursive: true });

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [CLI, 'serve'], {
    cwd: repoRoot,
    env: cliEnv({ PANORAMA_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const logTail = () => lines.slice(-40).join('\n');

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(runDir, { recursive: true, force: true });
  };

  try {
    await waitForReady(baseUrl, child, logTail, 180_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, dataDir, logTail, stop };
}
