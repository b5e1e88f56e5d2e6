import type { Command } from 'commander';
import {
  EventIngestService,
  transactionEventSchema,
  type EventBatchResponse,
  type TransactionEvent,
} from '../modules/rules/index.ts';
import { createProgress, type Progress } from '../platform/progress.ts';
import { openStream, type Stream } from '../platform/stream/index.ts';
import { openReader, type Warehouse, type WarehouseParam } from '../platform/warehouse/index.ts';
import { configWithDataDir, printTable } from './cli-context.ts';

/** Where replayed events go: the stream directly, or a running server's `POST /api/events`. */
export interface EventSink {
  publish(events: readonly TransactionEvent[]): Promise<unknown>;
}

/** What `replayTransactions` needs. */
export interface ReplayOptions {
  warehouse: Warehouse;
  events: EventSink;
  /** First day or instant, inclusive (warehouse local time). */
  from?: string;
  /** Last day (inclusive) or instant (exclusive). */
  to?: string;
  /** Events per second; 0 publishes as fast as the stream takes them. */
  rate: number;
  limit?: number;
  /** Zone of the warehouse's local timestamps, e.g. +08:00. */
  zone: string;
  /** Moves all times so the first event happens now (windows and cooldowns then see a live feed). */
  shiftToNow?: boolean;
  /** Appended to event ids so a second replay is not taken for duplicates of the first. */
  idSuffix?: string;
  progress?: Progress;
  signal?: AbortSignal;
}

/** What a replay did. */
export interface ReplayReport {
  published: number;
  skipped: number;
  /** The first few rows that did not validate as events, with why. */
  problems: string[];
  seconds: number;
  firstTs: string | null;
  lastTs: string | null;
}

interface TransactionRow {
  id: string;
  account_id: string;
  customer_id: string;
  ts: string;
  amount: number;
  channel: string;
  type: string;
  counterparty_name: string | null;
  counterparty_account: string | null;
  counterparty_bank: string | null;
  mcc: string | null;
  memo: string | null;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const CHUNK_EVENTS_MAX = 1000;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The WHERE clause and parameters of the time filter (bound, never spliced). */
function timeFilter(from?: string, to?: string): { where: string; params: WarehouseParam[] } {
  const clauses: string[] = [];
  const params: WarehouseParam[] = [];
  for (const [value, name] of [
    [from, '--from'],
    [to, '--to'],
  ] as const) {
    if (value !== undefined && Number.isNaN(Date.parse(value))) {
      throw new Error(`${name} '${value}' is not a date (YYYY-MM-DD) or a time (YYYY-MM-DD HH:MM:SS)`);
    }
  }
  if (from) {
    params.push(from);
    clauses.push(`ts >= CAST($${params.length} AS TIMESTAMP)`);
  }
  if (to) {
    params.push(to);
    // A date means the whole day.
    clauses.push(
      DATE_ONLY.test(to)
        ? `ts < CAST($${params.length} AS DATE) + INTERVAL 1 DAY`
        : `ts < CAST($${params.length} AS TIMESTAMP)`,
    );
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * Reads warehouse transactions in time order (streamed from DuckDB chunk by chunk, never all in
 * memory) and publishes them as transaction events at the chosen rate.
 */
export async function replayTransactions(options: ReplayOptions): Promise<ReplayReport> {
  const { warehouse, events, rate, zone, signal } = options;
  if (!/^[+-]\d{2}:\d{2}$/.test(zone)) throw new Error(`--zone '${zone}' must look like +08:00`);
  const filter = timeFilter(options.from, options.to);
  const limit = options.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(options.limit))}` : '';
  const [{ n }] = await warehouse.all<{ n: bigint }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM raw_transaction ${filter.where}${limit})`,
    filter.params,
  );
  options.progress?.setTotal(Number(n));

  const result = await warehouse.connection.stream(
    `SELECT id, account_id, customer_id, strftime(ts, '%Y-%m-%dT%H:%M:%S.%g') AS ts,
            CAST(amount AS DOUBLE) AS amount, channel, type, counterparty_name, counterparty_account,
            counterparty_bank, mcc, memo
       FROM raw_transaction ${filter.where} ORDER BY ts, id${limit}`,
    filter.params,
  );
  const batchSize =
    rate > 0 ? Math.max(1, Math.min(CHUNK_EVENTS_MAX, Math.round(rate / 20))) : CHUNK_EVENTS_MAX;
  const started = Date.now();
  const report: ReplayReport = {
    published: 0,
    skipped: 0,
    problems: [],
    seconds: 0,
    firstTs: null,
    lastTs: null,
  };
  let shiftMs: number | undefined;
  let batch: TransactionEvent[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    await events.publish(batch);
    report.published += batch.length;
    options.progress?.tick(batch.length);
    batch = [];
    if (rate > 0) {
      // Paced against the start, so slow publishes are caught up rather than accumulated.
      const due = started + (report.published / rate) * 1000;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait, signal);
    }
  };

  outer: for await (const rows of result.yieldRowObjectJs()) {
    for (const raw of rows as unknown as TransactionRow[]) {
      if (signal?.aborted) break outer;
      const localTs = `${raw.ts}${zone}`;
      let ts = localTs;
      if (options.shiftToNow) {
        shiftMs ??= Date.now() - Date.parse(localTs);
        ts = new Date(Date.parse(localTs) + shiftMs).toISOString();
      }
      report.firstTs ??= localTs;
      report.lastTs = localTs;
      const parsed = transactionEventSchema.safeParse({
        kind: 'transaction',
        ...raw,
        id: options.idSuffix ? `${raw.id}#${options.idSuffix}` : raw.id,
        ts,
      });
      if (!parsed.success) {
        report.skipped++;
        if (report.problems.length < 5) {
          const issue = parsed.error.issues[0];
          report.problems.push(`transaction ${raw.id}: ${issue.path.join('.')}: ${issue.message}`);
        }
        continue;
      }
      batch.push(parsed.data);
      if (batch.length >= batchSize) await flush();
    }
  }
  if (!signal?.aborted) await flush();
  report.seconds = (Date.now() - started) / 1000;
  options.progress?.stop();
  return report;
}

/**
 * Posts events to a running Panorama, signed in as `username`: the way to feed a server that runs
 * the embedded stream, which its process owns.
 */
export async function apiSink(baseUrl: string, username: string, password: string): Promise<EventSink> {
  const url = baseUrl.replace(/\/+$/, '');
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`signing in to ${url} as ${username} failed: HTTP ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  return {
    async publish(events) {
      const res = await fetch(`${url}/api/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ events }),
      });
      const body = (await res.json()) as EventBatchResponse | { error: { message: string } };
      if (!res.ok || 'error' in body) {
        const message = 'error' in body ? body.error.message : '';
        throw new Error(`POST ${url}/api/events: HTTP ${res.status}: ${message}`);
      }
      if (body.rejected > 0) {
        const e = body.errors[0];
        throw new Error(
          `the server rejected ${body.rejected} events, e.g. #${e.index} ${e.field}: ${e.message}`,
        );
      }
      return body;
    },
  };
}

interface ReplayCliOptions {
  from?: string;
  to?: string;
  rate: string;
  limit?: string;
  zone: string;
  shiftToNow?: boolean;
  idSuffix?: string;
  api?: string;
  user: string;
  dataDir?: string;
}

async function runReplay(options: ReplayCliOptions): Promise<void> {
  const rate = Number(options.rate);
  if (!Number.isFinite(rate) || rate < 0) throw new Error(`--rate '${options.rate}' must be a number ≥ 0`);
  const limit = options.limit === undefined ? undefined : Number(options.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new Error(`--limit '${options.limit}' must be a whole number ≥ 0`);
  }
  const config = configWithDataDir(options.dataDir);
  const warehouse = await openReader(config.dataDir);
  let stream: Stream | undefined;
  let sink: EventSink;
  try {
    if (options.api) {
      sink = await apiSink(options.api, options.user, config.demoPassword);
    } else {
      stream = await openStream(config, {
        warn: (message, details) => process.stderr.write(`${message} ${JSON.stringify(details)}\n`),
      });
      sink = new EventIngestService(stream);
    }
  } catch (error) {
    warehouse.close();
    throw error;
  }
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  try {
    const report = await replayTransactions({
      warehouse,
      events: sink,
      from: options.from,
      to: options.to,
      rate,
      limit,
      zone: options.zone,
      shiftToNow: options.shiftToNow,
      idSuffix: options.idSuffix,
      progress: createProgress({ label: 'replay transactions', unit: 'events' }),
      signal: stop.signal,
    });
    const target = stream ? `the ${stream.kind} stream` : options.api;
    printTable(`Replayed into ${target}${stop.signal.aborted ? ' (interrupted)' : ''}`, [
      ['published', report.published],
      ['skipped', report.skipped],
      ['seconds', report.seconds.toFixed(1)],
      ['events/s', Math.round(report.published / Math.max(0.001, report.seconds))],
      ['first', report.firstTs ?? '–'],
      ['last', report.lastTs ?? '–'],
    ]);
    for (const problem of report.problems) process.stderr.write(`skipped ${problem}\n`);
  } finally {
    process.off('SIGINT', onSignal);
    await stream?.close();
    warehouse.close();
  }
}

/** `panorama replay`: warehouse transactions → the stream, in time order, at a chosen rate. */
export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description(
      'replay warehouse transactions in time order into the stream (topic transactions) at a chosen rate: a live feed for demos and benchmarks',
    )
    .option('--from <date>', 'first day or time, inclusive (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)')
    .option('--to <date>', 'last day inclusive, or a time exclusive')
    .option('--rate <n>', 'events per second; 0 = as fast as possible', '1000')
    .option('--limit <n>', 'stop after this many transactions')
    .option('--zone <offset>', 'time zone of the warehouse timestamps', '+08:00')
    .option('--shift-to-now', 'move event times so the first one happens now')
    .option(
      '--id-suffix <s>',
      'append "#<s>" to event ids so consumers do not drop a second replay as duplicates',
    )
    .option(
      '--api <url>',
      'post to a running Panorama (e.g. http://localhost:7080) instead of opening the stream',
    )
    .option('--user <name>', 'user for --api; the password is PANORAMA_DEMO_PASSWORD', 'admin')
    .option('--data-dir <dir>', 'data directory (default: PANORAMA_DATA_DIR or ./data)')
    .action(runReplay);
}
