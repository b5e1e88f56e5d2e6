/**
 * What the per-customer simulations share: the world as plain data (it crosses into worker threads),
 * the derived lookup tables, reusable buffers, and the output of one chunk of customers.
 */
import { CHANNELS, EVENT_TYPES, TRANSACTION_TYPES } from '../../../platform/warehouse/index.ts';
import { ByteSink } from './byte-sink.ts';
import { type MonthSpan, monthWindow, timestampString } from './calendar.ts';
import { APP_PAGES, APP_SEARCHES } from './commerce.ts';
import type { Company, SupplyEdge } from './companies.ts';
import { assertColumns } from './csv.ts';
import { MonthLedger, type PostingTarget } from './ledger.ts';
import type { Organisation } from './organisation.ts';
import { type PopulationModel, populationModel } from './population.ts';
import { PRODUCTS } from './products.ts';
import { weightedTable, type WeightedTable } from './random.ts';

/** Everything a simulation thread needs, as structured-clonable data. */
export interface SimInput {
  seed: number;
  customers: number;
  months: number;
  asOfDay: number;
  org: Organisation;
  companies: Company[];
  edges: SupplyEdge[];
  edgesOf: number[][];
  companyOfCustomer: Int32Array;
  ownerOf: Map<number, number>;
  payrollEmployersByCity: number[][];
  otherEmployersByCity: number[][];
  developersByCity: number[][];
  idSeq: Uint16Array;
}

/** Rows and counts produced for one range of customers. */
export interface ChunkOutput {
  customer: ByteSink;
  account: ByteSink;
  balance_monthly: ByteSink;
  transaction: ByteSink;
  event: ByteSink;
  truth: ByteSink;
  counts: { customer: number; account: number; balance_monthly: number; transaction: number; event: number };
}

/** An empty chunk output. */
export function emptyChunk(): ChunkOutput {
  return {
    customer: new ByteSink(),
    account: new ByteSink(),
    balance_monthly: new ByteSink(1 << 20),
    transaction: new ByteSink(1 << 22),
    event: new ByteSink(1 << 21),
    truth: new ByteSink(),
    counts: { customer: 0, account: 0, balance_monthly: 0, transaction: 0, event: 0 },
  };
}

/** Event type indices into EVENT_TYPES. */
export const EV = Object.fromEntries(EVENT_TYPES.map((t, i) => [t, i])) as Record<
  (typeof EVENT_TYPES)[number],
  number
>;

const q = (json: string): string => '"' + json.replace(/"/g, '""') + '"';
/** CSV-quoted props of product views, `{"product_id":"P001"}`, one per product. */
export const PRODUCT_PROPS: readonly string[] = PRODUCTS.map((p) => q(JSON.stringify({ product_id: p.id })));
/** CSV-quoted props of clicks, `{"page":…}`. */
export const PAGE_PROPS: readonly string[] = APP_PAGES.map((page) => q(JSON.stringify({ page })));
/** CSV-quoted props of searches, `{"q":…}`. */
export const SEARCH_PROPS: readonly string[] = APP_SEARCHES.map((query) => q(JSON.stringify({ q: query })));

const TYPE_FIELDS = EVENT_TYPES.map((t) => ',' + t + ',');

/** A customer-month of app events, sorted by time before writing. */
export class EventBuffer {
  n = 0;
  ts: number[] = [];
  type: number[] = [];
  props: string[] = [];
  private order: number[] = [];

  /** Empties the buffer. */
  reset(): void {
    this.n = 0;
  }

  /** Adds one event. */
  add(ts: number, type: number, props: string): void {
    const i = this.n++;
    this.ts[i] = ts;
    this.type[i] = type;
    this.props[i] = props;
  }

  /** Writes the events in time order (ties in insertion order). */
  flush(out: ChunkOutput, customerId: string, prefix: string, seq: { n: number }): void {
    const order = this.order;
    for (let i = 0; i < this.n; i++) order[i] = i;
    for (let i = 1; i < this.n; i++) {
      const v = order[i];
      const t = this.ts[v];
      let j = i - 1;
      while (j >= 0 && (this.ts[order[j]] > t || (this.ts[order[j]] === t && order[j] > v))) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = v;
    }
    const middle = ',' + customerId + ',';
    for (let k = 0; k < this.n; k++) {
      const i = order[k];
      out.event.write(
        prefix +
          ++seq.n +
          middle +
          timestampString(this.ts[i]) +
          TYPE_FIELDS[this.type[i]] +
          this.props[i] +
          '\n',
      );
    }
    out.counts.event += this.n;
    this.n = 0;
  }
}

/** The simulation context of one thread: input plus derived tables and reusable buffers. */
export interface SimContext {
  input: SimInput;
  seed: number;
  spans: MonthSpan[];
  asOfDay: number;
  windowStart: number;
  population: PopulationModel;
  /** Weighted choice of serving branch per CITIES index (indices into org.nodesByCity[city]). */
  nodeTables: (WeightedTable | null)[];
  ledger: MonthLedger;
  events: EventBuffer;
  target: PostingTarget;
}

assertColumns('transaction', [
  'id',
  'account_id',
  'customer_id',
  'ts',
  'amount',
  'channel',
  'type',
  'counterparty_name',
  'counterparty_account',
  'counterparty_bank',
  'mcc',
  'memo',
]);
assertColumns('event', ['id', 'customer_id', 'ts', 'type', 'props']);
assertColumns('balance_monthly', ['account_id', 'customer_id', 'month', 'balance']);
if (CHANNELS.length !== 8 || TRANSACTION_TYPES.length !== 18)
  throw new Error('generator channel/type tables are out of date');

/** Derives a thread's simulation context from its input. */
export function createSimContext(input: SimInput): SimContext {
  const spans = monthWindow(input.asOfDay, input.months);
  const nodeTables = input.org.nodeWeightsByCity.map((w) => (w.length > 0 ? weightedTable(w) : null));
  return {
    input,
    seed: input.seed,
    spans,
    asOfDay: input.asOfDay,
    windowStart: spans[0].start,
    population: populationModel(input.seed, input.asOfDay, input.org.cityIdxs),
    nodeTables,
    ledger: new MonthLedger(),
    events: new EventBuffer(),
    target: { customerId: '', txnPrefix: '', seq: 0, sink: new ByteSink(16), count: 0 },
  };
}
