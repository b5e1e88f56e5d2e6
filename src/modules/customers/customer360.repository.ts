import type { Principal } from '../access/index.ts';
import type { CustomerRecord, HoldingRecord, MonthlyRecord } from './customer.ts';
import type { SearchField } from './customer360.schema.ts';

// Rows of the 360 view as the repository returns them: money in cents, dates as 'YYYY-MM-DD',
// timestamps as Date. The service turns them into the API shapes (yuan, ISO strings).

/** RM phone and the branch path of a customer's home branch. */
export interface ProfileExtrasRow {
  rmPhone: string | null;
  branchPath: { id: string; name: string }[];
}

/** customer_profile of one customer. */
export interface ProfileRow {
  tags: Record<string, unknown>;
  scores: Record<string, unknown>;
  updatedAt: Date | null;
}

/** Recent transactions grouped by direction, counterparty and counterparty bank. */
export interface CounterpartyRow {
  direction: 'in' | 'out';
  name: string | null;
  bank: string | null;
  amountCents: number;
  count: number;
}

/** Recent transactions grouped by channel and type. */
export interface ChannelTypeRow {
  channel: string;
  type: string;
  count: number;
  amountCents: number;
  lastTs: Date;
}

/** One transaction; money in cents. */
export interface TransactionRow {
  id: string;
  ts: Date;
  accountId: string;
  amountCents: number;
  channel: string;
  type: string;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  counterpartyBank: string | null;
  mcc: string | null;
  memo: string | null;
}

/** Transaction filters with money in cents; days inclusive. */
export interface TransactionFilter {
  type?: string;
  channel?: string;
  minAmountCents?: number;
  maxAmountCents?: number;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

/** Behaviour events of one customer: counts by type and the latest ones. */
export interface EventsRow {
  byType: { type: string; count: number }[];
  recent: { ts: Date; type: string; props: Record<string, unknown> | null }[];
}

/** One note. */
export interface NoteRow {
  id: string;
  customerId: string;
  text: string;
  authorId: string;
  authorName: string;
  createdAt: Date;
}

/** One edge of the enterprise graph seen from the customer; amount in cents. */
export interface RelationRow {
  entityId: string;
  name: string;
  entityKind: string;
  relation: string;
  direction: string;
  pct: number | null;
  amountCents: number | null;
  since: string | null;
  until: string | null;
  /** Only when that customer is in the principal's scope. */
  relatedCustomerId: string | null;
}

/** One external signal; amount in cents. */
export interface SignalRow {
  id: string;
  type: string;
  date: string;
  expiry: string | null;
  amountCents: number | null;
  description: string | null;
}

/** One linked news item. */
export interface NewsRow {
  id: string;
  ts: Date;
  title: string;
  source: string | null;
  eventType: string | null;
  sentiment: string | null;
}

/** One detected life event; amount in cents. */
export interface LifeEventRow {
  type: string;
  date: string;
  amountCents: number | null;
  evidence: string;
  evidenceZh: string;
}

/** A prepared search: the raw query and the patterns the SQL needs. */
export interface SearchPlan {
  text: string;
  /** Identifier spellings compared exactly (ID number, mobile, USCC, account, customer id). */
  exactValues: string[];
  /** LIKE pattern over customer.name_chars for a partial name, or null (digits-only queries). */
  containsPattern: string | null;
  /** LIKE patterns over name_chars with one character replaced by `_` (3+ characters). */
  typoPatterns: string[];
  /** True when pg_trgm similarity on the plain name should add candidates (5+ characters). */
  similarity: boolean;
  limit: number;
}

/** One search candidate before highlighting; the identifier values are raw (masked by the service). */
export interface SearchHitRow {
  customerId: string;
  name: string;
  kind: string;
  field: SearchField;
  /** The raw value that matched (name, ID number, phone, account, USCC, id). */
  value: string;
  branchId: string;
  branchName: string | null;
  rmName: string | null;
  score: number;
}

/** The batch-derived inputs of a 360 view, precomputed per customer at publish time (customer_360.doc). */
export interface Customer360Doc {
  counterparties: CounterpartyRow[];
  channelTypes: ChannelTypeRow[];
  appLogins: number;
  eventTypes: EventsRow['byType'];
  recentEvents: EventsRow['recent'];
  /** relatedCustomerId is raw here; the repository keeps it only when in the principal's scope. */
  relations: RelationRow[];
  signals: SignalRow[];
  news: NewsRow[];
  lifeEvents: LifeEventRow[];
}

/** Everything one 360 view needs, read in one round trip: the scoped customer, live parts and the doc. */
export interface View360Row {
  record: CustomerRecord;
  extras: ProfileExtrasRow;
  profile: ProfileRow | undefined;
  holdings: HoldingRecord[];
  monthly: MonthlyRecord[];
  notes: { rows: NoteRow[]; total: number };
  transactions: { rows: TransactionRow[]; total: number };
  doc: Customer360Doc;
}

/**
 * Reads the sections of the 360 view. Contract: `inScope` and `search` apply the principal's data
 * scope; the per-section reads are keyed by a customer id the service has already checked with
 * `inScope`, except that related customers' ids are returned only when in scope.
 */
export interface Customer360Repository {
  /** The as-of date of the published data (last recent transaction day), or null. */
  asOf(): Promise<string | null>;
  /** The whole view's data in one query; undefined when absent or out of scope. */
  view360(
    principal: Principal,
    customerId: string,
    pageSize: number,
    months: number,
  ): Promise<View360Row | undefined>;
  transactions(
    customerId: string,
    filter: TransactionFilter,
  ): Promise<{ rows: TransactionRow[]; total: number }>;
  notes(customerId: string, offset: number, limit: number): Promise<{ rows: NoteRow[]; total: number }>;
  addNote(note: { id: string; customerId: string; text: string; authorId: string }): Promise<NoteRow>;
  /** Ranked candidates in the principal's scope, at most `plan.limit` per field kind. */
  search(principal: Principal, plan: SearchPlan): Promise<SearchHitRow[]>;
}
