/**
 * `panorama generate`: writes a synthetic, internally consistent bank — organisation, customers,
 * products, accounts, month-end balances, transactions, app events and the enterprise graph — as
 * canonical CSV (or Parquet) files, streaming customer ranges from worker threads to disk in order.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ValidationError } from '../../../platform/errors.ts';
import { systemClock } from '../../../platform/clock.ts';
import { createProgress, type Progress } from '../../../platform/progress.ts';
import { CANONICAL_TABLE_NAMES, type CanonicalTableName } from '../../../platform/warehouse/index.ts';
import { dayString, defaultAsOf, monthWindow, parseDay } from './calendar.ts';
import { generateChunk } from './chunk.ts';
import { buildCompanyWorld } from './companies.ts';
import { csvHeader, csvRow, decimal } from './csv.ts';
import { buildEnterpriseTables } from './enterprise-tables.ts';
import { money } from './ledger.ts';
import { buildOrganisation } from './organisation.ts';
import { convertToParquet } from './parquet.ts';
import { CITIES } from './places.ts';
import { ByteSink } from './byte-sink.ts';
import {
  assignIdSequences,
  customerCore,
  type CustomerCore,
  customerName,
  populationModel,
} from './population.ts';
import { PRODUCTS } from './products.ts';
import { createSimContext, type SimInput } from './simulation.ts';
import { type ChunkMessage, type ChunkRequest, STREAMED_TABLES } from './worker-protocol.ts';

/** Options of one generator run. */
export interface GenerateOptions {
  /** Number of customers (retail and corporate together). */
  customers: number;
  /** Seed of every random draw: the same seed and options give byte-identical output. */
  seed: number;
  /** Months of history ending with the as-of month (default 12). */
  months: number;
  /** Output directory; created when absent; earlier table files in it are replaced. */
  outDir: string;
  /** Table file format (default csv). */
  format?: 'csv' | 'parquet';
  /**
   * As-of date, YYYY-MM-DD. Defaults to the last day of the previous month (UTC) of the machine's
   * clock, so pass it for output that does not depend on the day the generator runs.
   */
  asOf?: string;
  /** Show progress (bar on a terminal, JSON lines otherwise); default true. */
  progress?: boolean;
  /** Worker threads; default 2 for 20,000+ customers, 0 (in-process) below. Output does not depend on it. */
  workers?: number;
}

/** What a run produced. */
export interface GenerateSummary {
  outDir: string;
  format: 'csv' | 'parquet';
  seed: number;
  customers: number;
  months: number;
  asOf: string;
  /** Rows written per canonical table. */
  rows: Record<CanonicalTableName, number>;
  /** Wall time of the run in seconds. */
  seconds: number;
  /** Files written, relative to outDir. */
  files: string[];
}

/** Written into manifest.json. */
export const GENERATED_BY = 'panorama synthetic bank generator v1';

/** Customers per unit of work; it does not affect the output, only memory and parallelism. */
const CHUNK_SIZE = 1000;
const MAX_CUSTOMERS = 50_000_000;
const MAX_MONTHS = 120;

function validate(options: GenerateOptions): void {
  const { customers, seed, months, outDir, format, asOf } = options;
  if (!Number.isInteger(customers) || customers < 1 || customers > MAX_CUSTOMERS) {
    throw new ValidationError(`customers must be an integer from 1 to ${MAX_CUSTOMERS}, got ${customers}`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new ValidationError(`seed must be a non-negative integer, got ${seed}`);
  if (!Number.isInteger(months) || months < 1 || months > MAX_MONTHS) {
    throw new ValidationError(`months must be an integer from 1 to ${MAX_MONTHS}, got ${months}`);
  }
  if (!outDir) throw new ValidationError('outDir is required');
  if (format !== undefined && format !== 'csv' && format !== 'parquet')
    throw new ValidationError(`format must be csv or parquet, got ${String(format)}`);
  if (asOf !== undefined) {
    const day = parseDay(asOf);
    if (day === null) throw new ValidationError(`asOf must be a date YYYY-MM-DD, got ${asOf}`);
    if (day < parseDay('1990-01-01')! || day > parseDay('2100-12-31')!)
      throw new ValidationError(`asOf must lie between 1990 and 2100, got ${asOf}`);
  }
  if (
    options.workers !== undefined &&
    (!Number.isInteger(options.workers) || options.workers < 0 || options.workers > 64)
  ) {
    throw new ValidationError(`workers must be an integer from 0 to 64, got ${options.workers}`);
  }
}

/** Generates a bank into `options.outDir`; see GenerateOptions. */
export async function generateBank(options: GenerateOptions): Promise<GenerateSummary> {
  validate(options);
  const started = performance.now();
  const { customers: n, seed, months } = options;
  const format = options.format ?? 'csv';
  const asOf = options.asOf ?? defaultAsOf(systemClock.now());
  const asOfDay = parseDay(asOf) as number;
  const outDir = path.resolve(options.outDir);
  fs.mkdirSync(path.join(outDir, '_truth'), { recursive: true });
  for (const table of CANONICAL_TABLE_NAMES) {
    for (const ext of ['csv', 'parquet']) fs.rmSync(path.join(outDir, `${table}.${ext}`), { force: true });
  }
  const spans = monthWindow(asOfDay, months);

  // The world every thread shares: organisation, population cores, companies and their graph.
  const org = buildOrganisation(seed, n);
  const population = populationModel(seed, asOfDay, org.cityIdxs);
  const corporate: { index: number; cityIdx: number }[] = [];
  const retailByCity: number[][] = org.cityIdxs.map(() => []);
  for (let i = 0; i < n; i++) {
    const core = customerCore(population, i);
    if (core.corporate) corporate.push({ index: i, cityIdx: core.cityIdx });
    else retailByCity[core.cityIdx].push(i);
  }
  const coreOf = (i: number): CustomerCore => customerCore(population, i);
  const idSeq = assignIdSequences(population, coreOf, n);
  const world = buildCompanyWorld({
    seed,
    asOfDay,
    windowStart: spans[0].start,
    months,
    customers: n,
    corporate,
    retailByCity,
    retailName: (i) => {
      const core = coreOf(i);
      return {
        name: customerName(population, i, core),
        male: core.male,
        birthYear: Number(dayString(core.birthDay).slice(0, 4)),
      };
    },
    bankCityIdxs: org.cityIdxs,
  });
  const input: SimInput = {
    seed,
    customers: n,
    months,
    asOfDay,
    org,
    companies: world.companies,
    edges: world.edges,
    edgesOf: world.edgesOf,
    companyOfCustomer: world.companyOfCustomer,
    ownerOf: world.ownerOf,
    payrollEmployersByCity: world.payrollEmployersByCity,
    otherEmployersByCity: world.otherEmployersByCity,
    developersByCity: world.developersByCity,
    idSeq,
  };

  const rows = Object.fromEntries(CANONICAL_TABLE_NAMES.map((t) => [t, 0])) as Record<
    CanonicalTableName,
    number
  >;
  const writeTable = (table: CanonicalTableName, body: string | ByteSink, count: number): void => {
    const file = path.join(outDir, `${table}.csv`);
    if (typeof body === 'string') fs.writeFileSync(file, csvHeader(table) + body);
    else {
      fs.writeFileSync(file, csvHeader(table));
      fs.appendFileSync(file, body.bytes());
    }
    rows[table] = count;
  };
  writeTable(
    'branch',
    org.branches
      .map((b) =>
        csvRow([
          b.id,
          b.parentId,
          b.level,
          b.name,
          CITIES[b.cityIdx].name,
          decimal(b.lat, 6),
          decimal(b.lon, 6),
        ]),
      )
      .join(''),
    org.branches.length,
  );
  writeTable(
    'staff',
    org.staff
      .map((s) => csvRow([s.id, s.name, s.role, org.branches[s.branchIdx].id, s.referralCode, s.phone]))
      .join(''),
    org.staff.length,
  );
  writeTable(
    'product',
    PRODUCTS.map((p) =>
      csvRow([
        p.id,
        p.code,
        p.name,
        p.category,
        p.riskLevel,
        money(Math.round(p.minAmount * 100)),
        p.termDays,
        decimal(p.rate, 6),
      ]),
    ).join(''),
    PRODUCTS.length,
  );

  // Streamed tables: chunks of customers, written strictly in chunk order.
  const files = new Map<string, number>();
  const streamedPaths: Record<(typeof STREAMED_TABLES)[number], string> = {
    customer: 'customer.csv',
    account: 'account.csv',
    balance_monthly: 'balance_monthly.csv',
    transaction: 'transaction.csv',
    event: 'event.csv',
    truth: path.join('_truth', 'customer_truth.csv'),
  };
  const fds = STREAMED_TABLES.map((t) => {
    const fd = fs.openSync(path.join(outDir, streamedPaths[t]), 'w');
    files.set(streamedPaths[t], fd);
    fs.writeSync(
      fd,
      t === 'truth'
        ? 'customer_id,life_stage,life_events,churn_drift,churned,churn_start_month,value_growth,dormant,reactivated\n'
        : csvHeader(t),
    );
    return fd;
  });
  const progress = createProgress({
    label: 'generate bank',
    total: n,
    unit: 'customers',
    mode: options.progress === false ? 'silent' : 'auto',
  });
  const chunks: ChunkRequest[] = [];
  for (let from = 0, c = 0; from < n; from += CHUNK_SIZE, c++)
    chunks.push({ chunk: c, from, to: Math.min(n, from + CHUNK_SIZE) });
  const addCounts = (counts: ChunkMessage['counts']): void => {
    rows.customer += counts.customer;
    rows.account += counts.account;
    rows.balance_monthly += counts.balance_monthly;
    rows.transaction += counts.transaction;
    rows.event += counts.event;
  };
  const workers = Math.min(
    options.workers ?? (n >= 20_000 ? Math.min(2, os.availableParallelism()) : 0),
    chunks.length,
  );
  try {
    // The enterprise tables are built while the workers run; the main thread is otherwise idle.
    let enterprise: ReturnType<typeof buildEnterpriseTables> | null = null;
    const buildEnterprise = (): void => {
      enterprise = buildEnterpriseTables(world, seed, asOfDay, spans);
    };
    if (workers > 0) {
      await runWorkers(input, chunks, workers, fds, addCounts, progress, buildEnterprise);
    } else {
      buildEnterprise();
      const ctx = createSimContext(input);
      for (const request of chunks) {
        const out = generateChunk(ctx, request.from, request.to);
        STREAMED_TABLES.forEach((t, i) => fs.writeSync(fds[i], out[t].bytes()));
        addCounts(out.counts);
        progress.tick(request.to - request.from);
      }
    }
    const tables = enterprise as ReturnType<typeof buildEnterpriseTables> | null;
    if (!tables) throw new Error('enterprise tables were not built');
    writeTable('entity', tables.entity, tables.counts.entity);
    writeTable('relation', tables.relation, tables.counts.relation);
    writeTable('external_signal', tables.external_signal, tables.counts.external_signal);
    writeTable('news', tables.news, tables.counts.news);
    fs.writeFileSync(
      path.join(outDir, '_truth', 'enterprise_groups.csv'),
      'group_id,controller_entity_id,entity_id,role\n' + tables.groupTruth,
    );
    fs.writeFileSync(
      path.join(outDir, '_truth', 'guarantee_circles.csv'),
      'circle_id,position,entity_id,customer_id\n' + tables.circleTruth,
    );
  } finally {
    for (const fd of fds) fs.closeSync(fd);
    progress.stop();
  }

  if (format === 'parquet') await convertToParquet(outDir);
  const manifest = { seed, customers: n, months, asOf, format, rows, generatedBy: GENERATED_BY };
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const written = [
    ...CANONICAL_TABLE_NAMES.map((t) => `${t}.${format}`),
    'manifest.json',
    '_truth/customer_truth.csv',
    '_truth/enterprise_groups.csv',
    '_truth/guarantee_circles.csv',
  ];
  return {
    outDir,
    format,
    seed,
    customers: n,
    months,
    asOf,
    rows,
    seconds: (performance.now() - started) / 1000,
    files: written,
  };
}

/** The URL of tsx's ESM loader API, so worker threads can load TypeScript like the main thread. */
function tsxRegisterUrl(): string {
  const require = createRequire(import.meta.url);
  const cjs = require.resolve('tsx/esm/api');
  const mjs = cjs.replace(/index\.cjs$/, 'index.mjs');
  return pathToFileURL(fs.existsSync(mjs) ? mjs : cjs).href;
}

function startWorker(input: SimInput): Worker {
  const entry = new URL('./generate-worker.ts', import.meta.url).href;
  const bootstrap = `import { register } from ${JSON.stringify(tsxRegisterUrl())}; register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL('data:text/javascript,' + encodeURIComponent(bootstrap)), { workerData: input });
}

/**
 * Runs chunks on `count` worker threads, writing results strictly in chunk order; at most a few
 * chunks per worker are in flight so memory stays bounded however many customers there are.
 */
async function runWorkers(
  input: SimInput,
  chunks: ChunkRequest[],
  count: number,
  fds: number[],
  addCounts: (counts: ChunkMessage['counts']) => void,
  progress: Progress,
  whileRunning: () => void,
): Promise<void> {
  const workers = Array.from({ length: count }, () => startWorker(input));
  const maxAhead = count * 2 + 1;
  const done = new Map<number, ChunkMessage>();
  let nextWrite = 0;
  let nextDispatch = 0;
  const idle: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const dispatch = (worker: Worker): void => {
        if (nextDispatch < chunks.length && nextDispatch - nextWrite < maxAhead)
          worker.postMessage(chunks[nextDispatch++]);
        else idle.push(worker);
      };
      const flush = (): void => {
        let message = done.get(nextWrite);
        while (message) {
          done.delete(nextWrite);
          message.buffers.forEach((buffer, i) => fs.writeSync(fds[i], buffer));
          addCounts(message.counts);
          progress.tick(chunks[nextWrite].to - chunks[nextWrite].from);
          nextWrite++;
          message = done.get(nextWrite);
        }
        if (nextWrite === chunks.length) resolve();
        while (idle.length > 0 && nextDispatch < chunks.length && nextDispatch - nextWrite < maxAhead)
          dispatch(idle.shift() as Worker);
      };
      for (const worker of workers) {
        worker.on('message', (message: ChunkMessage) => {
          done.set(message.chunk, message);
          try {
            flush();
          } catch (error) {
            reject(error);
            return;
          }
          dispatch(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0 && nextWrite < chunks.length)
            reject(new Error(`generator worker exited with code ${code}`));
        });
        dispatch(worker);
      }
      try {
        whileRunning();
      } catch (error) {
        reject(error);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
