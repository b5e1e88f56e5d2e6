import { randomUUID } from 'node:crypto';
import type { Principal } from '../access/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { centsToYuan, type CustomerRecord, type HoldingRecord, type MonthlyRecord } from './customer.ts';
import {
  buildSankey,
  daysBetween,
  highlightIdentifier,
  highlightName,
  isPaymentPlatform,
  mergeCounterparties,
  parseSections,
  planSearch,
  signalPolarity,
  toCounterparties,
} from './customer360.ts';
import type {
  Customer360Repository,
  CounterpartyRow,
  NoteRow,
  RelationRow,
  TransactionRow,
} from './customer360.repository.ts';
import {
  CORPORATE_ONLY_SECTIONS,
  type CreateNoteRequest,
  type Customer360,
  type Customer360SectionName,
  type Customer360Sections,
  type CustomerNote,
  type NoteListQuery,
  type NotePage,
  type RelatedParty,
  type SearchResponse,
  type TradePartner,
  type Transaction360,
  type TransactionPage,
  type TransactionQuery,
  type UnavailableSection,
} from './customer360.schema.ts';
import { maskIdNumber, maskPhone } from './customer-masking.ts';
import type { CustomersRepository } from './customers.repository.ts';
import { MONTHS_IN_VIEW, toDetail } from './customers.service.ts';

/** Days of transactions and behaviour events the serving tier keeps (publish's recentDays). */
export const RECENT_WINDOW_DAYS = 90;
const TOP_COUNTERPARTIES = 10;
const DEPOSIT = new Set(['current', 'time_deposit', 'cd', 'payroll', 'corporate_settlement']);
const INVESTMENT = new Set(['wealth', 'fund', 'insurance']);
const LOANS = new Set(['consumer_loan', 'mortgage', 'working_capital_loan', 'bill']);

const unavailable = (reason: UnavailableSection['reason'], message: string): UnavailableSection => ({
  available: false,
  reason,
  message,
});

/** The 360 view, its transactions and notes, and the search box; always within the caller's scope. */
export class Customer360Service {
  // The as-of date changes only when publish runs: read it at most once a minute, not per view.
  private asOfCache: { value: Promise<string | null>; until: number } | null = null;

  constructor(
    private readonly repository: Customer360Repository,
    private readonly customersRepository: CustomersRepository,
    private readonly clock: Clock,
  ) {}

  /** The requested sections of a customer's 360 view; NotFoundError when absent or out of scope. */
  async view(principal: Principal, id: string, sectionsParam?: string): Promise<Customer360> {
    const wanted = parseSections(sectionsParam);
    // One query reads the scoped customer, its precomputed document and the live parts.
    const [data, asOfRaw] = await Promise.all([
      this.repository.view360(principal, id, 20, MONTHS_IN_VIEW),
      this.asOf(),
    ]);
    if (!data) throw new NotFoundError('customer');
    const { record, holdings, monthly, profile, doc } = data;
    const { counterparties, channelTypes, relations } = doc;
    const corporate = record.kind === 'corporate';
    const asOf = asOfRaw ?? this.today();

    const build: Record<Customer360SectionName, () => Promise<unknown> | unknown> = {
      profile: async () => {
        const extras = data.extras;
        const detail = toDetail(record, this.today());
        return {
          available: true,
          customer: detail,
          rmPhoneMasked: maskPhone(extras.rmPhone),
          branchPath: extras.branchPath,
          identifiersMasked: true,
        };
      },
      tags: () => {
        const tags = Object.entries(profile?.tags ?? {});
        if (tags.length === 0)
          return unavailable('not_computed', 'no tags computed for this customer yet (issue 3)');
        return {
          available: true,
          items: tags.map(([tagId, value]) => ({ tagId, value: scalar(value) })),
          updatedAt: profile?.updatedAt?.toISOString() ?? null,
        };
      },
      scores: () => {
        const scores = Object.entries(profile?.scores ?? {});
        if (scores.length === 0)
          return unavailable('not_computed', 'model scores are not computed yet (issue 5)');
        return {
          available: true,
          items: scores.map(([modelId, value]) => toScore(modelId, value)),
          updatedAt: profile?.updatedAt?.toISOString() ?? null,
        };
      },
      aum: () => aumSection(record, monthly ?? []),
      holdings: () => holdingsSection(holdings ?? [], asOf),
      liabilities: () => liabilitiesSection(holdings ?? [], channelTypes ?? []),
      flows: () => {
        const months = (monthly ?? []).map((m) => ({
          month: m.month,
          inflow: centsToYuan(m.inflowCents),
          outflow: centsToYuan(m.outflowCents),
          net: centsToYuan(m.inflowCents - m.outflowCents),
          txnCount: m.txnCount,
        }));
        return {
          available: true,
          months,
          totalInflow: centsToYuan((monthly ?? []).reduce((s, m) => s + m.inflowCents, 0)),
          totalOutflow: centsToYuan((monthly ?? []).reduce((s, m) => s + m.outflowCents, 0)),
        };
      },
      counterparties: () => counterpartiesSection(counterparties ?? [], record.name),
      channels: async () => {
        return channelsSection(channelTypes, doc.appLogins);
      },
      timeline: () => timelineSection(holdings ?? [], asOf),
      lifeEvents: async () => ({
        available: true,
        items: doc.lifeEvents.map((e) => ({
          type: e.type,
          date: e.date,
          amount: e.amountCents === null ? null : centsToYuan(e.amountCents),
          evidence: e.evidence,
          evidenceZh: e.evidenceZh,
        })),
      }),
      transactions: async () => ({
        available: true,
        page: {
          items: data.transactions.rows.map(toTransaction),
          total: data.transactions.total,
          page: 1,
          pageSize: 20,
        },
        windowDays: RECENT_WINDOW_DAYS,
      }),
      events: async () => {
        const events = { byType: doc.eventTypes, recent: doc.recentEvents };
        return {
          available: true,
          windowDays: RECENT_WINDOW_DAYS,
          byType: events.byType,
          recent: events.recent.map((e) => ({ ts: e.ts.toISOString(), type: e.type, props: e.props ?? {} })),
          lastSeen: events.recent[0]?.ts.toISOString() ?? null,
        };
      },
      alerts: () => unavailable('not_computed', 'real-time alerts are not built yet (issue 6)'),
      tasks: () => unavailable('not_computed', 'RM tasks are not built yet (workbench issue)'),
      visits: () => unavailable('not_computed', 'RM visits are not built yet (workbench issue)'),
      notes: async () => {
        const { rows, total } = data.notes;
        return { available: true, items: rows.map(toNote), total };
      },
      relations: () => {
        const all = (relations ?? []).filter((r) => r.relation !== 'sibling').map(toParty);
        return {
          available: true,
          family: all.filter((r) => r.relation === 'family'),
          related: all.filter((r) => r.relation !== 'family'),
        };
      },
      registration: () => ({
        available: true,
        uscc: record.uscc,
        industry: record.industry,
        registeredCapital:
          record.registeredCapitalCents === null ? null : centsToYuan(record.registeredCapitalCents),
        established: record.established,
        legalRep: record.legalRep,
        employees: record.employees,
        size: record.size,
        city: record.city,
      }),
      shareholders: () => {
        const items = (relations ?? [])
          .filter(
            (r) =>
              r.direction === 'incoming' && ['shareholder', 'investment', 'controller'].includes(r.relation),
          )
          .map(toParty)
          .sort((a, b) => (b.pct ?? 0) - (a.pct ?? 0));
        const totalPct = items
          .filter((r) => r.relation !== 'controller')
          .reduce((s, r) => s + (r.pct ?? 0), 0);
        return { available: true, items, totalPct: Math.round(totalPct * 1e6) / 1e6 };
      },
      executives: () => ({
        available: true,
        items: (relations ?? [])
          .filter(
            (r) =>
              r.direction === 'incoming' && ['executive', 'legal_rep', 'controller'].includes(r.relation),
          )
          .map(toParty),
      }),
      guarantees: () => {
        const g = (relations ?? []).filter((r) => r.relation === 'guarantee');
        const given = g.filter((r) => r.direction === 'outgoing').map(toParty);
        const received = g.filter((r) => r.direction === 'incoming').map(toParty);
        const sum = (rows: RelationRow[]) => centsToYuan(rows.reduce((s, r) => s + (r.amountCents ?? 0), 0));
        return {
          available: true,
          given,
          received,
          totalGiven: sum(g.filter((r) => r.direction === 'outgoing')),
          totalReceived: sum(g.filter((r) => r.direction === 'incoming')),
        };
      },
      supplyChain: () => supplyChainSection(relations ?? [], counterparties ?? []),
      settlement: () => ({
        available: true,
        months: (monthly ?? []).map((m) => ({
          month: m.month,
          receipts: centsToYuan(m.inflowCents),
          payments: centsToYuan(m.outflowCents),
          depositBalance: centsToYuan(m.depositBalanceCents),
          txnCount: m.txnCount,
        })),
      }),
      signals: async () => ({
        available: true,
        items: doc.signals.map((s) => ({
          id: s.id,
          type: s.type,
          date: s.date,
          expiry: s.expiry,
          amount: s.amountCents === null ? null : centsToYuan(s.amountCents),
          description: s.description,
          polarity: signalPolarity(s.type),
        })),
      }),
      news: async () => ({
        available: true,
        items: doc.news.map((n) => ({
          id: n.id,
          ts: n.ts.toISOString(),
          title: n.title,
          source: n.source,
          eventType: n.eventType,
          sentiment: n.sentiment,
        })),
      }),
      group: () => {
        const rel = relations ?? [];
        const controls = (r: RelationRow) =>
          r.relation === 'controller' ||
          (['shareholder', 'investment'].includes(r.relation) && (r.pct ?? 0) >= 0.5);
        return {
          available: true,
          parents: rel.filter((r) => r.direction === 'incoming' && controls(r)).map(toParty),
          subsidiaries: rel.filter((r) => r.direction === 'outgoing' && controls(r)).map(toParty),
          siblings: rel.filter((r) => r.relation === 'sibling').map(toParty),
        };
      },
    };

    const entries = await Promise.all(
      wanted.map(async (name) => {
        if (!corporate && CORPORATE_ONLY_SECTIONS.includes(name)) {
          return [name, unavailable('not_applicable', 'only corporate customers have this section')] as const;
        }
        return [name, await build[name]()] as const;
      }),
    );
    return {
      customerId: record.id,
      kind: corporate ? 'corporate' : 'retail',
      name: record.name,
      asOf: asOfRaw,
      sections: Object.fromEntries(entries) as Customer360Sections,
    };
  }

  /** A filtered page of a customer's recent transactions; NotFoundError when absent or out of scope. */
  async transactions(principal: Principal, id: string, query: TransactionQuery): Promise<TransactionPage> {
    await this.requireCustomer(principal, id);
    return this.transactionPage(id, query);
  }

  /** A page of a customer's notes, newest first; NotFoundError when absent or out of scope. */
  async notes(principal: Principal, id: string, query: NoteListQuery): Promise<NotePage> {
    await this.requireCustomer(principal, id);
    const { rows, total } = await this.repository.notes(
      id,
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    return { items: rows.map(toNote), total, page: query.page, pageSize: query.pageSize };
  }

  /** Adds a note by the principal; NotFoundError when the customer is absent or out of scope. */
  async addNote(principal: Principal, id: string, body: CreateNoteRequest): Promise<CustomerNote> {
    await this.requireCustomer(principal, id);
    const row = await this.repository.addNote({
      id: randomUUID(),
      customerId: id,
      text: body.text,
      authorId: principal.userId,
    });
    return toNote(row);
  }

  /** Ranked search hits in the principal's scope, with the matched text masked and highlighted. */
  async search(principal: Principal, q: string, limit: number): Promise<SearchResponse> {
    const rows = await this.repository.search(principal, planSearch(q, limit));
    return {
      query: q,
      items: rows.map((r) => {
        let matchedText = r.value;
        let segments;
        if (r.field === 'id_number') {
          matchedText = maskIdNumber(r.value) ?? '';
          segments = highlightIdentifier(matchedText, r.value, q);
        } else if (r.field === 'phone') {
          matchedText = maskPhone(r.value) ?? '';
          segments = highlightIdentifier(matchedText, r.value, q);
        } else if (r.field === 'name' || r.field === 'company_name') {
          segments = highlightName(r.value, q);
        } else {
          segments = highlightIdentifier(r.value, r.value, q);
        }
        return {
          customerId: r.customerId,
          name: r.name,
          kind: r.kind === 'corporate' ? ('corporate' as const) : ('retail' as const),
          matchedField: r.field,
          matchedText,
          segments,
          branchId: r.branchId,
          branchName: r.branchName ?? r.branchId,
          rmName: r.rmName,
          score: r.score,
        };
      }),
    };
  }

  private async requireCustomer(principal: Principal, id: string): Promise<CustomerRecord> {
    const record = await this.customersRepository.findById(principal, id);
    if (!record) throw new NotFoundError('customer');
    return record;
  }

  private async transactionPage(id: string, query: Partial<TransactionQuery>): Promise<TransactionPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { rows, total } = await this.repository.transactions(id, {
      type: query.type,
      channel: query.channel,
      minAmountCents: query.minAmount === undefined ? undefined : Math.round(query.minAmount * 100),
      maxAmountCents: query.maxAmount === undefined ? undefined : Math.round(query.maxAmount * 100),
      from: query.from,
      to: query.to,
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { items: rows.map(toTransaction), total, page, pageSize };
  }

  private asOf(): Promise<string | null> {
    const now = Date.now();
    if (!this.asOfCache || this.asOfCache.until < now) {
      const value = this.repository.asOf();
      this.asOfCache = { value, until: now + 60_000 };
      value.catch(() => (this.asOfCache = null));
    }
    return this.asOfCache.value;
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }
}

function scalar(value: unknown): string | number | boolean | null {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return value === undefined ? null : JSON.stringify(value);
}

/** A score as stored by model runs: a number, or { score, band?, reasons? }. */
function toScore(modelId: string, value: unknown) {
  const v = (typeof value === 'object' && value !== null ? value : { score: value }) as Record<
    string,
    unknown
  >;
  const reasons = Array.isArray(v.reasons) ? (v.reasons as Record<string, unknown>[]) : [];
  return {
    modelId,
    score: Number(v.score ?? 0),
    band: typeof v.band === 'string' ? v.band : null,
    reasons: reasons.map((r) => ({
      feature: String(r.feature ?? ''),
      contribution: Number(r.contribution ?? 0),
      value: typeof r.value === 'number' || typeof r.value === 'string' ? r.value : null,
    })),
  };
}

function toNote(r: NoteRow): CustomerNote {
  return {
    id: r.id,
    customerId: r.customerId,
    text: r.text,
    authorId: r.authorId,
    authorName: r.authorName,
    createdAt: r.createdAt.toISOString(),
  };
}

function toTransaction(t: TransactionRow): Transaction360 {
  const account = t.counterpartyAccount;
  return {
    id: t.id,
    ts: t.ts.toISOString(),
    accountId: t.accountId,
    amount: centsToYuan(t.amountCents),
    channel: t.channel,
    type: t.type,
    counterpartyName: t.counterpartyName,
    // A counterparty's account number is someone else's identifier: show only its last 4 digits.
    counterpartyAccountMasked: account ? `****${account.slice(-4)}` : null,
    counterpartyBank: t.counterpartyBank,
    mcc: t.mcc,
    memo: t.memo,
  };
}

function toParty(r: RelationRow): RelatedParty {
  return {
    entityId: r.entityId,
    name: r.name,
    entityKind: r.entityKind === 'company' ? 'company' : 'person',
    relation: r.relation,
    direction: r.direction === 'incoming' ? 'incoming' : 'outgoing',
    pct: r.pct,
    amount: r.amountCents === null ? null : centsToYuan(r.amountCents),
    since: r.since,
    until: r.until,
    customerId: r.relatedCustomerId,
  };
}

function aumSection(record: CustomerRecord, monthly: MonthlyRecord[]) {
  const trend = monthly.map((m) => ({
    month: m.month,
    aum: centsToYuan(m.aumCents),
    deposits: centsToYuan(m.depositBalanceCents),
    investments: centsToYuan(m.investmentBalanceCents),
    loans: centsToYuan(m.loanBalanceCents),
  }));
  const n = monthly.length;
  return {
    available: true,
    current: centsToYuan(record.aumCents),
    trend,
    changeMonth: n >= 2 ? centsToYuan(monthly[n - 1].aumCents - monthly[n - 2].aumCents) : null,
    changeYear: n >= 13 ? centsToYuan(monthly[n - 1].aumCents - monthly[n - 13].aumCents) : null,
  };
}

function holding360(h: HoldingRecord, asOf: string) {
  return {
    accountId: h.accountId,
    productId: h.productId,
    productName: h.productName ?? h.productId,
    category: h.category ?? 'unknown',
    riskLevel: h.riskLevel,
    opened: h.opened,
    closed: h.closed,
    status: h.status,
    balance: centsToYuan(h.balanceCents),
    maturityDate: h.maturityDate,
    daysToMaturity: h.maturityDate ? daysBetween(asOf, h.maturityDate) : null,
    rate: h.rate,
  };
}

function holdingsSection(holdings: HoldingRecord[], asOf: string) {
  const open = holdings.filter(
    (h) => h.status !== 'closed' && (DEPOSIT.has(h.category ?? '') || INVESTMENT.has(h.category ?? '')),
  );
  const totalCents = open.reduce((s, h) => s + h.balanceCents, 0);
  const byCategory = new Map<string, { count: number; cents: number }>();
  for (const h of open) {
    const c = byCategory.get(h.category ?? 'unknown') ?? { count: 0, cents: 0 };
    c.count += 1;
    c.cents += h.balanceCents;
    byCategory.set(h.category ?? 'unknown', c);
  }
  const items = open.map((h) => holding360(h, asOf)).sort((a, b) => b.balance - a.balance);
  return {
    available: true,
    total: centsToYuan(totalCents),
    categories: [...byCategory.entries()]
      .map(([category, c]) => ({
        category,
        count: c.count,
        balance: centsToYuan(c.cents),
        share: totalCents > 0 ? Math.round((c.cents / totalCents) * 10_000) / 10_000 : 0,
      }))
      .sort((a, b) => b.balance - a.balance),
    items,
    maturingSoon: items
      .filter((h) => h.daysToMaturity !== null && h.daysToMaturity >= 0 && h.daysToMaturity <= 90)
      .sort((a, b) => (a.daysToMaturity ?? 0) - (b.daysToMaturity ?? 0)),
  };
}

function liabilitiesSection(holdings: HoldingRecord[], channelTypes: { type: string; count: number }[]) {
  const toLiability = (h: HoldingRecord) => {
    const owed = Math.max(0, -h.balanceCents);
    const limit = h.creditLimitCents;
    return {
      accountId: h.accountId,
      productName: h.productName ?? h.productId,
      category: h.category ?? 'unknown',
      status: h.status,
      owed: centsToYuan(owed),
      creditLimit: limit === null ? null : centsToYuan(limit),
      utilisation: limit ? Math.round((owed / limit) * 10_000) / 10_000 : null,
      opened: h.opened,
      maturityDate: h.maturityDate,
      overdue: h.status === 'overdue',
    };
  };
  const open = holdings.filter((h) => h.status !== 'closed');
  const loansRaw = open.filter((h) => LOANS.has(h.category ?? ''));
  const cardsRaw = open.filter((h) => h.category === 'credit_card');
  const owedCents = (rows: HoldingRecord[]) => rows.reduce((s, h) => s + Math.max(0, -h.balanceCents), 0);
  const cardLimitCents = cardsRaw.reduce((s, h) => s + (h.creditLimitCents ?? 0), 0);
  const overdue = [...loansRaw, ...cardsRaw].filter((h) => h.status === 'overdue');
  return {
    available: true,
    totalOwed: centsToYuan(owedCents([...loansRaw, ...cardsRaw])),
    loans: loansRaw.map(toLiability),
    cards: cardsRaw.map(toLiability),
    cardLimit: centsToYuan(cardLimitCents),
    cardUtilisation:
      cardLimitCents > 0 ? Math.round((owedCents(cardsRaw) / cardLimitCents) * 10_000) / 10_000 : null,
    overdueCount: overdue.length,
    overdueAmount: centsToYuan(owedCents(overdue)),
    failedRepayments: channelTypes
      .filter((c) => c.type === 'loan_repayment_failed')
      .reduce((s, c) => s + c.count, 0),
  };
}

function counterpartiesSection(rows: CounterpartyRow[], customerName: string) {
  const inflows = mergeCounterparties(rows, 'in');
  const outflows = mergeCounterparties(rows, 'out');
  const banks = new Map<string, { inflow: number; outflow: number; count: number }>();
  for (const r of rows) {
    if (!r.bank) continue;
    const b = banks.get(r.bank) ?? { inflow: 0, outflow: 0, count: 0 };
    if (r.direction === 'in') b.inflow += r.amountCents;
    else b.outflow += r.amountCents;
    b.count += r.count;
    banks.set(r.bank, b);
  }
  const bankRows = [...banks.entries()]
    .map(([bank, b]) => ({
      bank,
      inflow: centsToYuan(b.inflow),
      outflow: centsToYuan(b.outflow),
      count: b.count,
    }))
    .sort((a, b) => b.inflow + b.outflow - (a.inflow + a.outflow));
  const total = (list: typeof inflows) => centsToYuan(list.reduce((s, m) => s + m.amountCents, 0));
  return {
    available: true,
    windowDays: RECENT_WINDOW_DAYS,
    totalInflow: total(inflows),
    totalOutflow: total(outflows),
    sources: toCounterparties(inflows, TOP_COUNTERPARTIES),
    destinations: toCounterparties(outflows, TOP_COUNTERPARTIES),
    banks: bankRows.filter((b) => !isPaymentPlatform(b.bank)),
    platforms: bankRows.filter((b) => isPaymentPlatform(b.bank)),
    sankey: buildSankey(inflows, outflows, customerName),
  };
}

function channelsSection(
  rows: { channel: string; count: number; amountCents: number; lastTs: Date }[],
  appLogins: number,
) {
  const byChannel = new Map<string, { count: number; cents: number; last: Date }>();
  for (const r of rows) {
    const c = byChannel.get(r.channel) ?? { count: 0, cents: 0, last: r.lastTs };
    c.count += r.count;
    c.cents += r.amountCents;
    if (r.lastTs > c.last) c.last = r.lastTs;
    byChannel.set(r.channel, c);
  }
  const total = [...byChannel.values()].reduce((s, c) => s + c.count, 0);
  return {
    available: true,
    windowDays: RECENT_WINDOW_DAYS,
    items: [...byChannel.entries()]
      .map(([channel, c]) => ({
        channel,
        count: c.count,
        amount: centsToYuan(c.cents),
        share: total > 0 ? Math.round((c.count / total) * 10_000) / 10_000 : 0,
        lastUsed: c.last.toISOString(),
      }))
      .sort((a, b) => b.count - a.count || a.channel.localeCompare(b.channel)),
    appLogins,
  };
}

function timelineSection(holdings: HoldingRecord[], asOf: string) {
  const items: {
    date: string;
    kind: 'opened' | 'closed' | 'matured' | 'maturing';
    accountId: string;
    productName: string;
    category: string;
    amount: number | null;
  }[] = [];
  for (const h of holdings) {
    const base = {
      accountId: h.accountId,
      productName: h.productName ?? h.productId,
      category: h.category ?? 'unknown',
    };
    const amount = centsToYuan(h.creditLimitCents ?? Math.abs(h.balanceCents));
    items.push({ ...base, date: h.opened, kind: 'opened', amount });
    if (h.closed) items.push({ ...base, date: h.closed, kind: 'closed', amount: null });
    if (h.maturityDate) {
      const past = h.maturityDate <= asOf;
      items.push({ ...base, date: h.maturityDate, kind: past ? 'matured' : 'maturing', amount });
    }
  }
  return { available: true, items: items.sort((a, b) => b.date.localeCompare(a.date)) };
}

function supplyChainSection(relations: RelationRow[], counterparties: CounterpartyRow[]) {
  const side = (relationType: 'supplier' | 'buyer', paymentDirection: 'in' | 'out'): TradePartner[] => {
    // A supplier edge into this company (supplier → us) or a buyer edge out of it (us ← buyer …):
    // the generator and importers record both; either direction names a trade partner.
    const declared = relations.filter(
      (r) =>
        (r.relation === relationType && r.direction === 'incoming') ||
        (r.relation === (relationType === 'supplier' ? 'buyer' : 'supplier') && r.direction === 'outgoing'),
    );
    const payments = mergeCounterparties(counterparties, paymentDirection);
    const paid = new Map(payments.map((p) => [p.name, p]));
    const partners = new Map<string, TradePartner>();
    for (const r of declared) {
      const p = paid.get(r.name);
      const prev = partners.get(r.name);
      partners.set(r.name, {
        name: r.name,
        entityId: r.entityId,
        // Mirrored edges (A supplier to B, B buyer of A) describe one trade: keep the larger volume.
        declaredVolume: centsToYuan(
          Math.max(Math.round((prev?.declaredVolume ?? 0) * 100), r.amountCents ?? 0),
        ),
        paidVolume: p ? centsToYuan(p.amountCents) : 0,
        paymentCount: p?.count ?? 0,
        source: p ? 'both' : 'relation',
      });
    }
    // Payment counterparties that look like companies but have no relation: observed partners.
    for (const p of payments) {
      if (partners.has(p.name) || !/公司|厂|集团|企业/.test(p.name)) continue;
      partners.set(p.name, {
        name: p.name,
        entityId: null,
        declaredVolume: null,
        paidVolume: centsToYuan(p.amountCents),
        paymentCount: p.count,
        source: 'payments',
      });
    }
    return [...partners.values()]
      .sort(
        (a, b) =>
          Math.max(b.declaredVolume ?? 0, b.paidVolume) - Math.max(a.declaredVolume ?? 0, a.paidVolume),
      )
      .slice(0, 20);
  };
  return {
    available: true,
    windowDays: RECENT_WINDOW_DAYS,
    suppliers: side('supplier', 'out'),
    buyers: side('buyer', 'in'),
  };
}
