// Response shapes of the customer 360 view, its transactions, notes and the search box (zod, shared
// with web/src/api/types.ts). Money is always yuan (the serving tier keeps cents). Every section is
// either `{ available: true, … }` or `{ available: false, reason, message }`, so the page can render
// a card for each one and say why it is empty.
import { z } from 'zod';
import { customerDetailSchema, customerKindSchema } from './customer.schema.ts';

/** Names of the sections of `GET /api/customers/:id/360`, in page order. */
export const CUSTOMER360_SECTIONS = [
  'profile',
  'tags',
  'scores',
  'aum',
  'holdings',
  'liabilities',
  'flows',
  'counterparties',
  'channels',
  'timeline',
  'lifeEvents',
  'transactions',
  'events',
  'alerts',
  'tasks',
  'visits',
  'notes',
  'relations',
  'registration',
  'shareholders',
  'executives',
  'guarantees',
  'supplyChain',
  'settlement',
  'signals',
  'news',
  'group',
] as const;

/** One section name. */
export type Customer360SectionName = (typeof CUSTOMER360_SECTIONS)[number];

/** Sections that only a corporate customer has; a retail customer gets them as `not_applicable`. */
export const CORPORATE_ONLY_SECTIONS: readonly Customer360SectionName[] = [
  'registration',
  'shareholders',
  'executives',
  'guarantees',
  'supplyChain',
  'settlement',
  'signals',
  'news',
  'group',
];

/** Why a section has no data: computed by a later issue, not applicable to this kind of customer, or no source data. */
export const sectionUnavailableReasonSchema = z
  .enum(['not_computed', 'not_applicable', 'no_data'])
  .meta({ id: 'SectionUnavailableReason' });

/** A section without data, and why (reason code for the UI, message in English for logs/tools). */
export const unavailableSectionSchema = z
  .object({
    available: z.literal(false),
    reason: sectionUnavailableReasonSchema,
    message: z
      .string()
      .describe('English explanation, e.g. "scores are computed by the model runs (issue 5)"'),
  })
  .meta({ id: 'UnavailableSection' });

function section<T extends z.ZodRawShape>(id: string, shape: T) {
  return z.union([z.object({ available: z.literal(true), ...shape }).meta({ id }), unavailableSectionSchema]);
}

/** Query of `GET /api/customers/:id/360`: comma-separated section names; absent = all. */
export const customer360QuerySchema = z.object({
  sections: z
    .string()
    .max(600)
    .optional()
    .describe(`comma-separated subset of: ${CUSTOMER360_SECTIONS.join(', ')}; default all`),
});

// ---------- profile ----------

/** A branch on the path from the head office to the customer's home branch. */
export const branchRefSchema = z.object({ id: z.string(), name: z.string() }).meta({ id: 'BranchRef' });

/** Profile: the customer detail (identifiers masked) plus RM contact and the branch path. */
export const profileSectionSchema = section('ProfileSection', {
  customer: customerDetailSchema,
  rmPhoneMasked: z.string().nullable().describe("the RM's phone, masked"),
  branchPath: z.array(branchRefSchema).describe('head office first, home branch last'),
  identifiersMasked: z.boolean().describe('true when ID number and phone are shown masked for this role'),
});

// ---------- tags & scores ----------

/** One tag value of the customer; names and themes come from `GET /api/tags` (join on tagId). */
export const customerTagValueSchema = z
  .object({
    tagId: z.string(),
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  })
  .meta({ id: 'CustomerTagValue' });

/** Tags: the values of customer_profile.tags. */
export const tagsSectionSchema = section('TagsSection', {
  items: z.array(customerTagValueSchema),
  updatedAt: z.string().nullable().describe('ISO time of the last tag run for this customer'),
});

/** One reason of a model score. */
export const scoreReasonSchema = z
  .object({
    feature: z.string(),
    contribution: z.number().describe('signed contribution to the score'),
    value: z.union([z.string(), z.number(), z.null()]).describe('the feature value for this customer'),
  })
  .meta({ id: 'ScoreReason' });

/** One model score with its top reasons. */
export const customerScoreSchema = z
  .object({
    modelId: z.string(),
    score: z.number().describe('0–1 probability or model score'),
    band: z.string().nullable().describe('e.g. high/medium/low when the model defines bands'),
    reasons: z.array(scoreReasonSchema).describe('top reasons, strongest first'),
  })
  .meta({ id: 'CustomerScore' });

/** Scores: the values of customer_profile.scores (not_computed until the model issue lands). */
export const scoresSectionSchema = section('ScoresSection', {
  items: z.array(customerScoreSchema),
  updatedAt: z.string().nullable(),
});

// ---------- assets ----------

/** One month of the AUM trend (yuan). */
export const aumPointSchema = z
  .object({
    month: z.string().describe('YYYY-MM-01'),
    aum: z.number().describe('deposits + investments at month end'),
    deposits: z.number(),
    investments: z.number(),
    loans: z.number().describe('amount owed at month end, positive'),
  })
  .meta({ id: 'AumPoint' });

/** AUM now and its 13-month trend. */
export const aumSectionSchema = section('AumSection', {
  current: z.number().describe('AUM now (open deposit + investment accounts), yuan'),
  trend: z.array(aumPointSchema).describe('up to 13 month-ends, oldest first'),
  changeMonth: z.number().nullable().describe('last month-end minus the one before, yuan'),
  changeYear: z.number().nullable().describe('last month-end minus 12 months earlier, yuan'),
});

/** One account in the holdings section (yuan). */
export const holding360Schema = z
  .object({
    accountId: z.string(),
    productId: z.string(),
    productName: z.string(),
    category: z.string().describe('product category (current, time_deposit, wealth, fund, …)'),
    riskLevel: z.string().nullable(),
    opened: z.string(),
    closed: z.string().nullable(),
    status: z.string(),
    balance: z.number(),
    maturityDate: z.string().nullable(),
    daysToMaturity: z.number().int().nullable().describe('from the as-of date; negative when past'),
    rate: z.number().nullable().describe('annual rate as a fraction'),
  })
  .meta({ id: 'Holding360' });

/** Totals of one product category (donut slice). */
export const holdingCategorySchema = z
  .object({
    category: z.string(),
    count: z.number().int(),
    balance: z.number(),
    share: z.number().describe('fraction of the total asset balance, 0–1'),
  })
  .meta({ id: 'HoldingCategory' });

/** Holdings: open asset accounts by category, and those maturing in the next 90 days. */
export const holdingsSectionSchema = section('HoldingsSection', {
  total: z.number(),
  categories: z.array(holdingCategorySchema).describe('largest first'),
  items: z.array(holding360Schema).describe('open asset accounts, largest first'),
  maturingSoon: z.array(holding360Schema).describe('open accounts maturing within 90 days, soonest first'),
});

/** One loan or card account (yuan; owed amounts positive). */
export const liabilityAccountSchema = z
  .object({
    accountId: z.string(),
    productName: z.string(),
    category: z.string().describe('consumer_loan, mortgage, credit_card, working_capital_loan, bill'),
    status: z.string(),
    owed: z.number().describe('amount owed, positive'),
    creditLimit: z.number().nullable(),
    utilisation: z.number().nullable().describe('owed / credit limit, 0–1+'),
    opened: z.string(),
    maturityDate: z.string().nullable(),
    overdue: z.boolean(),
  })
  .meta({ id: 'LiabilityAccount' });

/** Liabilities: loans, cards, utilisation and overdue. */
export const liabilitiesSectionSchema = section('LiabilitiesSection', {
  totalOwed: z.number(),
  loans: z.array(liabilityAccountSchema),
  cards: z.array(liabilityAccountSchema),
  cardLimit: z.number().describe('sum of open card limits'),
  cardUtilisation: z.number().nullable().describe('card owed / card limit, null without cards'),
  overdueCount: z.number().int(),
  overdueAmount: z.number(),
  failedRepayments: z.number().int().describe('loan_repayment_failed transactions in the recent window'),
});

// ---------- flows ----------

/** One month of inflow/outflow (yuan). */
export const flowMonthSchema = z
  .object({
    month: z.string(),
    inflow: z.number(),
    outflow: z.number().describe('positive'),
    net: z.number(),
    txnCount: z.number().int(),
  })
  .meta({ id: 'FlowMonth' });

/** Monthly inflow and outflow (13 months). */
export const flowsSectionSchema = section('FlowsSection', {
  months: z.array(flowMonthSchema).describe('oldest first'),
  totalInflow: z.number(),
  totalOutflow: z.number(),
});

/** One counterparty's totals over the recent window. */
export const counterpartySchema = z
  .object({
    name: z.string(),
    bank: z.string().nullable().describe('counterparty bank or payment platform'),
    amount: z.number().describe('absolute total, yuan'),
    count: z.number().int(),
  })
  .meta({ id: 'Counterparty' });

/** Totals per counterparty bank or per payment platform. */
export const counterpartyBankSchema = z
  .object({
    bank: z.string(),
    inflow: z.number(),
    outflow: z.number(),
    count: z.number().int(),
  })
  .meta({ id: 'CounterpartyBank' });

/** A Sankey node: sources on the left, the customer in the middle, destinations on the right. */
export const sankeyNodeSchema = z
  .object({
    id: z.string().describe('unique: "in:<name>", "customer", "out:<name>"'),
    name: z.string().describe('label to show'),
    side: z.enum(['source', 'customer', 'destination']),
  })
  .meta({ id: 'SankeyNode' });

/** A Sankey link between two node ids; value in yuan. */
export const sankeyLinkSchema = z
  .object({ source: z.string(), target: z.string(), value: z.number() })
  .meta({ id: 'SankeyLink' });

/**
 * Where the money comes from and where it goes, over the recent transactions (90 days): top
 * counterparties each way, counterpart banks, payment platforms and a Sankey graph whose links sum
 * to totalInflow (into the customer) and totalOutflow (out of it); smaller counterparties are one
 * "others" node per side.
 */
export const counterpartiesSectionSchema = section('CounterpartiesSection', {
  windowDays: z.number().int(),
  totalInflow: z.number(),
  totalOutflow: z.number(),
  sources: z.array(counterpartySchema).describe('top counterparties paying in, largest first'),
  destinations: z.array(counterpartySchema).describe('top counterparties paid, largest first'),
  banks: z.array(counterpartyBankSchema).describe('counterpart banks (not payment platforms)'),
  platforms: z.array(counterpartyBankSchema).describe('payment platforms (WeChat Pay, Alipay, UnionPay …)'),
  sankey: z.object({ nodes: z.array(sankeyNodeSchema), links: z.array(sankeyLinkSchema) }),
});

/** Usage of one channel over the recent window. */
export const channelUsageSchema = z
  .object({
    channel: z.string().describe('counter, atm, mobile, online, pos, wechat_pay, alipay, system'),
    count: z.number().int(),
    amount: z.number().describe('absolute total, yuan'),
    share: z.number().describe('fraction of the transaction count, 0–1'),
    lastUsed: z.string().describe('ISO time'),
  })
  .meta({ id: 'ChannelUsage' });

/** Channel usage (transactions, recent window) and app activity (behaviour events). */
export const channelsSectionSchema = section('ChannelsSection', {
  windowDays: z.number().int(),
  items: z.array(channelUsageSchema).describe('most used first'),
  appLogins: z.number().int().describe('login events in the window'),
});

// ---------- timeline & life events ----------

/** One product-timeline entry. */
export const timelineEntrySchema = z
  .object({
    date: z.string(),
    kind: z.enum(['opened', 'closed', 'matured', 'maturing']),
    accountId: z.string(),
    productName: z.string(),
    category: z.string(),
    amount: z.number().nullable().describe('balance or credit limit, yuan'),
  })
  .meta({ id: 'TimelineEntry' });

/** Product timeline: opened, closed, matured (past) and maturing (future), newest first. */
export const timelineSectionSchema = section('TimelineSection', {
  items: z.array(timelineEntrySchema),
});

/** Life-event types detected by the batch from the data. */
export const lifeEventTypeSchema = z
  .enum([
    'home_purchase',
    'car_purchase',
    'new_job',
    'salary_increase',
    'salary_stopped',
    'large_inflow',
    'wealth_maturity',
    'new_credit',
    'retirement_age',
  ])
  .meta({ id: 'LifeEventType' });

/** One detected life event with the evidence it was detected from. */
export const lifeEventSchema = z
  .object({
    type: lifeEventTypeSchema,
    date: z.string(),
    amount: z.number().nullable().describe('yuan, when the evidence has an amount'),
    evidence: z.string().describe('English, e.g. "mortgage account M123 opened"'),
    evidenceZh: z.string().describe('Chinese version of evidence'),
  })
  .meta({ id: 'LifeEvent' });

/** Detected life events, newest first. */
export const lifeEventsSectionSchema = section('LifeEventsSection', { items: z.array(lifeEventSchema) });

// ---------- transactions ----------

/** One transaction (yuan; positive into the account, negative out). */
export const transaction360Schema = z
  .object({
    id: z.string(),
    ts: z.string().describe('ISO time'),
    accountId: z.string(),
    amount: z.number(),
    channel: z.string(),
    type: z.string(),
    counterpartyName: z.string().nullable(),
    counterpartyAccountMasked: z.string().nullable(),
    counterpartyBank: z.string().nullable(),
    mcc: z.string().nullable(),
    memo: z.string().nullable(),
  })
  .meta({ id: 'Transaction360' });

/** Query of `GET /api/customers/:id/transactions`; amounts are yuan and compare the absolute amount. */
export const transactionQuerySchema = z.object({
  type: z.string().max(40).optional().describe('transaction type, e.g. salary'),
  channel: z.string().max(40).optional(),
  minAmount: z.coerce.number().min(0).optional().describe('absolute amount ≥, yuan'),
  maxAmount: z.coerce.number().min(0).optional().describe('absolute amount ≤, yuan'),
  from: z.iso.date().optional().describe('first day, inclusive'),
  to: z.iso.date().optional().describe('last day, inclusive'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** One page of `item`s with the total and the page asked for. */
function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    })
    .meta({ id });
}

/** A page of transactions. */
export const transactionPageSchema = pageOf(transaction360Schema, 'TransactionPage');

/** Transactions: the first page (20, newest first) of the recent window; more via the transactions endpoint. */
export const transactionsSectionSchema = section('TransactionsSection', {
  page: transactionPageSchema,
  windowDays: z.number().int(),
});

// ---------- behaviour events ----------

/** One behaviour event. */
export const behaviourEventSchema = z
  .object({
    ts: z.string(),
    type: z.string().describe('login, view_product, click, search, logout'),
    props: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'BehaviourEvent' });

/** Behaviour events: counts by type over 90 days and the latest 30. */
export const eventsSectionSchema = section('EventsSection', {
  windowDays: z.number().int(),
  byType: z.array(z.object({ type: z.string(), count: z.number().int() })),
  recent: z.array(behaviourEventSchema).describe('newest first'),
  lastSeen: z.string().nullable(),
});

// ---------- notes ----------

/** One RM note on a customer. */
export const customerNoteSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    text: z.string(),
    authorId: z.string().describe('user id'),
    authorName: z.string(),
    createdAt: z.string().describe('ISO time'),
  })
  .meta({ id: 'CustomerNote' });

/** Body of `POST /api/customers/:id/notes`. */
export const createNoteRequestSchema = z.object({
  text: z.string().trim().min(1, 'text must not be empty').max(2000, 'text must be at most 2000 characters'),
});

/** Query of `GET /api/customers/:id/notes`. */
export const noteListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** A page of notes, newest first. */
export const notePageSchema = pageOf(customerNoteSchema, 'NotePage');

/** Notes: the latest 20 and the count. */
export const notesSectionSchema = section('NotesSection', {
  items: z.array(customerNoteSchema),
  total: z.number().int(),
});

// ---------- relations (retail and corporate) ----------

/** A related entity (person or company) and how it relates. */
export const relatedPartySchema = z
  .object({
    entityId: z.string(),
    name: z.string(),
    entityKind: z.enum(['company', 'person']),
    relation: z
      .string()
      .describe('family, shareholder, executive, legal_rep, controller, investment, guarantee …'),
    direction: z.enum(['outgoing', 'incoming']).describe('outgoing: this customer → the party'),
    pct: z.number().nullable().describe('shareholding fraction, 0–1'),
    amount: z.number().nullable().describe('guarantee amount or annual volume, yuan'),
    since: z.string().nullable(),
    until: z.string().nullable(),
    customerId: z
      .string()
      .nullable()
      .describe("the party's customer id, only when that customer is in the caller's scope"),
  })
  .meta({ id: 'RelatedParty' });

/** Family and related persons and companies (all relation types). */
export const relationsSectionSchema = section('RelationsSection', {
  family: z.array(relatedPartySchema),
  related: z.array(relatedPartySchema).describe('other relations, persons and companies'),
});

// ---------- corporate ----------

/** Registration data of a company. */
export const registrationSectionSchema = section('RegistrationSection', {
  uscc: z.string().nullable(),
  industry: z.string().nullable().describe('GB/T 4754 code'),
  registeredCapital: z.number().nullable().describe('yuan'),
  established: z.string().nullable(),
  legalRep: z.string().nullable(),
  employees: z.number().int().nullable(),
  size: z.string().nullable(),
  city: z.string().nullable(),
});

/** Shareholders (incoming shareholder/investment/controller edges), largest stake first. */
export const shareholdersSectionSchema = section('ShareholdersSection', {
  items: z.array(relatedPartySchema),
  totalPct: z.number().describe('sum of known stakes, 0–1'),
});

/** Executives, legal representative and controller. */
export const executivesSectionSchema = section('ExecutivesSection', { items: z.array(relatedPartySchema) });

/** Guarantees given (this company guarantees others) and received. */
export const guaranteesSectionSchema = section('GuaranteesSection', {
  given: z.array(relatedPartySchema),
  received: z.array(relatedPartySchema),
  totalGiven: z.number(),
  totalReceived: z.number(),
});

/** A supplier or buyer: declared relation volume and observed payment volume. */
export const tradePartnerSchema = z
  .object({
    name: z.string(),
    entityId: z.string().nullable().describe('when the partner is in the enterprise graph'),
    declaredVolume: z.number().nullable().describe('annual volume of the supplier/buyer relation, yuan'),
    paidVolume: z.number().describe('payments in the recent window, yuan (absolute)'),
    paymentCount: z.number().int(),
    source: z.enum(['relation', 'payments', 'both']),
  })
  .meta({ id: 'TradePartner' });

/** Upstream suppliers and downstream buyers with volumes, largest first. */
export const supplyChainSectionSchema = section('SupplyChainSection', {
  windowDays: z.number().int(),
  suppliers: z.array(tradePartnerSchema),
  buyers: z.array(tradePartnerSchema),
});

/** One month of corporate settlement (yuan). */
export const settlementMonthSchema = z
  .object({
    month: z.string(),
    receipts: z.number(),
    payments: z.number().describe('positive'),
    depositBalance: z.number(),
    txnCount: z.number().int(),
  })
  .meta({ id: 'SettlementMonth' });

/** Settlement trend: monthly receipts, payments and deposit balance. */
export const settlementSectionSchema = section('SettlementSection', {
  months: z.array(settlementMonthSchema),
});

/** One external signal about the company. */
export const externalSignalSchema = z
  .object({
    id: z.string(),
    type: z.string().describe('mortgage_registration, equity_pledge, litigation, penalty, bid_win …'),
    date: z.string(),
    expiry: z.string().nullable(),
    amount: z.number().nullable(),
    description: z.string().nullable(),
    polarity: z.enum(['positive', 'neutral', 'negative']).describe('how the signal usually reads for credit'),
  })
  .meta({ id: 'ExternalSignal' });

/** External-signal timeline, newest first. */
export const signalsSectionSchema = section('SignalsSection', { items: z.array(externalSignalSchema) });

/** A news item linked to the company. */
export const linkedNewsSchema = z
  .object({
    id: z.string(),
    ts: z.string(),
    title: z.string(),
    source: z.string().nullable(),
    eventType: z.string().nullable(),
    sentiment: z.string().nullable().describe('positive, neutral, negative'),
  })
  .meta({ id: 'LinkedNews' });

/** Linked news, newest first (at most 20). */
export const newsSectionSchema = section('NewsSection', { items: z.array(linkedNewsSchema) });

/** Group membership: parents (controlling shareholders), subsidiaries and sister companies. */
export const groupSectionSchema = section('GroupSection', {
  parents: z.array(relatedPartySchema).describe('companies or persons holding ≥ 50% or controlling'),
  subsidiaries: z.array(relatedPartySchema).describe('companies this one holds ≥ 50% of or controls'),
  siblings: z.array(relatedPartySchema).describe("other companies controlled by this company's parents"),
});

// ---------- response ----------

/** The 360 view: the requested sections (absent when not requested). */
export const customer360ResponseSchema = z
  .object({
    customerId: z.string(),
    kind: customerKindSchema,
    name: z.string(),
    asOf: z.string().nullable().describe('YYYY-MM-DD: date of the latest published data'),
    sections: z
      .object({
        profile: profileSectionSchema,
        tags: tagsSectionSchema,
        scores: scoresSectionSchema,
        aum: aumSectionSchema,
        holdings: holdingsSectionSchema,
        liabilities: liabilitiesSectionSchema,
        flows: flowsSectionSchema,
        counterparties: counterpartiesSectionSchema,
        channels: channelsSectionSchema,
        timeline: timelineSectionSchema,
        lifeEvents: lifeEventsSectionSchema,
        transactions: transactionsSectionSchema,
        events: eventsSectionSchema,
        alerts: unavailableSectionSchema,
        tasks: unavailableSectionSchema,
        visits: unavailableSectionSchema,
        notes: notesSectionSchema,
        relations: relationsSectionSchema,
        registration: registrationSectionSchema,
        shareholders: shareholdersSectionSchema,
        executives: executivesSectionSchema,
        guarantees: guaranteesSectionSchema,
        supplyChain: supplyChainSectionSchema,
        settlement: settlementSectionSchema,
        signals: signalsSectionSchema,
        news: newsSectionSchema,
        group: groupSectionSchema,
      })
      .partial(),
  })
  .meta({ id: 'Customer360' });

// ---------- search ----------

/** Query of `GET /api/search`. */
export const searchQuerySchema = z.object({
  q: z.string().trim().min(1, 'q must not be empty').max(100),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** Which field of the customer matched. */
export const searchFieldSchema = z
  .enum(['name', 'company_name', 'id_number', 'phone', 'account_number', 'uscc', 'customer_id'])
  .meta({ id: 'SearchField' });

/** A piece of the matched text; highlighted pieces are what the query matched. */
export const highlightSegmentSchema = z
  .object({ text: z.string(), highlight: z.boolean() })
  .meta({ id: 'HighlightSegment' });

/** One search hit. */
export const searchResultSchema = z
  .object({
    customerId: z.string(),
    name: z.string(),
    kind: customerKindSchema,
    matchedField: searchFieldSchema,
    matchedText: z.string().describe('the matched value as displayed (identifiers masked)'),
    segments: z.array(highlightSegmentSchema).describe('matchedText split into highlighted and plain pieces'),
    branchId: z.string(),
    branchName: z.string(),
    rmName: z.string().nullable(),
    score: z.number().describe('relevance 0–1, higher first'),
  })
  .meta({ id: 'SearchResult' });

/** `GET /api/search` answer: hits ranked by score. */
export const searchResponseSchema = z
  .object({ query: z.string(), items: z.array(searchResultSchema) })
  .meta({ id: 'SearchResponse' });

/** The 360 view. */
export type Customer360 = z.infer<typeof customer360ResponseSchema>;
/** The sections object of the 360 view. */
export type Customer360Sections = Customer360['sections'];
/** A section that has no data. */
export type UnavailableSection = z.infer<typeof unavailableSectionSchema>;
/** Query of the 360 view. */
export type Customer360Query = z.infer<typeof customer360QuerySchema>;
/** Query of the transactions endpoint, parsed. */
export type TransactionQuery = z.infer<typeof transactionQuerySchema>;
/** A page of transactions. */
export type TransactionPage = z.infer<typeof transactionPageSchema>;
/** One transaction. */
export type Transaction360 = z.infer<typeof transaction360Schema>;
/** One note. */
export type CustomerNote = z.infer<typeof customerNoteSchema>;
/** A page of notes. */
export type NotePage = z.infer<typeof notePageSchema>;
/** Body of a new note. */
export type CreateNoteRequest = z.infer<typeof createNoteRequestSchema>;
/** Query of the notes list. */
export type NoteListQuery = z.infer<typeof noteListQuerySchema>;
/** Query of the search box. */
export type SearchQuery = z.infer<typeof searchQuerySchema>;
/** One search hit. */
export type SearchResult = z.infer<typeof searchResultSchema>;
/** The search answer. */
export type SearchResponse = z.infer<typeof searchResponseSchema>;
/** A highlighted piece of text. */
export type HighlightSegment = z.infer<typeof highlightSegmentSchema>;
/** A related party. */
export type RelatedParty = z.infer<typeof relatedPartySchema>;
/** A supplier or buyer. */
export type TradePartner = z.infer<typeof tradePartnerSchema>;
/** One counterparty total. */
export type Counterparty = z.infer<typeof counterpartySchema>;
/** Which field matched. */
export type SearchField = z.infer<typeof searchFieldSchema>;
