// Response shapes of the HTTP API, as specified in docs/api-contract.md.

/** A role a signed-in user can have. */
export type Role = 'admin' | 'hq_analyst' | 'branch_manager' | 'rm' | 'auditor';

/** The signed-in user. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  staffId: string | null;
  branchId: string | null;
  branchName: string | null;
}

/** A level of the branch tree. */
export type BranchLevel = 'hq' | 'branch' | 'sub_branch' | 'outlet';

/** One branch of the organisation tree. */
export interface Branch {
  id: string;
  parentId: string | null;
  level: BranchLevel;
  name: string;
  city: string | null;
}

/** A member of staff. */
export interface Staff {
  id: string;
  name: string;
  role: Role;
  branchId: string;
}

/** Retail or corporate customer. */
export type CustomerKind = 'retail' | 'corporate';

/** A row of the customer list. Money is yuan. */
export interface CustomerListItem {
  id: string;
  cno: number;
  kind: CustomerKind;
  name: string;
  gender: string | null;
  age: number | null;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  city: string | null;
  homeBranchId: string;
  homeBranchName: string;
  rmId: string | null;
  rmName: string | null;
  status: string;
  aum: number;
  uscc: string | null;
  industry: string | null;
}

/** The customer profile shown on the customer page. */
export interface CustomerDetail extends CustomerListItem {
  birthDate: string | null;
  occupation: string | null;
  incomeBand: string | null;
  riskTolerance: string | null;
  onboardDate: string | null;
  addressMasked: string | null;
  consentMarketing: boolean | null;
  consentSms: boolean | null;
  consentPhone: boolean | null;
  registeredCapital: number | null;
  established: string | null;
  legalRep: string | null;
  employees: number | null;
  size: string | null;
  attributes: Record<string, string | number | boolean | null>;
}

/** A product a customer holds or held (one account). */
export interface Holding {
  accountId: string;
  productId: string;
  productName: string;
  category: string;
  riskLevel: string | null;
  opened: string;
  closed: string | null;
  status: string;
  balance: number;
  creditLimit: number | null;
  maturityDate: string | null;
  rate: number | null;
}

/** Month-end aggregates of one customer. */
export interface Monthly {
  month: string;
  aum: number;
  depositBalance: number;
  investmentBalance: number;
  loanBalance: number;
  inflow: number;
  outflow: number;
  txnCount: number;
}

/** One page of a list. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** `GET /api/customers/:id`. */
export interface CustomerView {
  customer: CustomerDetail;
  holdings: Holding[];
  monthly: Monthly[];
}

/** Machine-readable error codes of the API. */
export type ApiErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'internal'
  | 'network'
  | 'bad_response';

// ---- Tags and audiences (issue 3; docs/api-contract.md, /work contract of issue 3) ----

/** A text in both UI languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** The seven themes of the tag catalogue. */
export type TagTheme = 'natural' | 'asset' | 'liability' | 'risk' | 'transaction' | 'behaviour' | 'value';

/** How a tag's values are shaped. */
export type TagKind = 'enum' | 'boolean' | 'numeric';

/** The unit of a numeric tag. */
export type TagUnit = 'yuan' | 'count' | 'days' | 'months' | 'years' | 'pct' | 'score' | 'ratio';

/** Where a tag's values come from. */
export type TagSource =
  | { type: 'sql'; expression: string }
  | { type: 'model'; model: string; output: string }
  | { type: 'list'; customerIds: string[] };

/** A tag definition, as stored in the catalogue. */
export interface TagDefinition {
  id: string;
  name: Bilingual;
  theme: TagTheme;
  kind: TagKind;
  appliesTo: 'retail' | 'corporate' | 'all';
  values?: { value: string; zh: string; en: string }[];
  buckets?: number[];
  unit?: TagUnit;
  scale?: number;
  source: TagSource;
  refresh: 'daily' | 'realtime';
  description: Bilingual;
  owner: string;
  version: number;
  status: 'active' | 'retired';
  builtIn: boolean;
}

/** What a user sends to create, edit or preview a tag (the catalogue fills the rest). */
export type TagDefinitionInput = Omit<TagDefinition, 'owner' | 'version' | 'status' | 'builtIn'> &
  Partial<Pick<TagDefinition, 'owner'>>;

/** Coverage of a tag: customers with a value among the customers the run saw. */
export interface TagCoverage {
  customers: number;
  covered: number;
  /** covered / customers, 0–1. */
  ratio: number;
}

/** A row of `GET /api/tags`. */
export interface TagSummary extends TagDefinition {
  coverage: TagCoverage | null;
  lastRunAt: string | null;
  updatedAt: string;
}

/** One bar of a tag's distribution: an enum value, a boolean, or a numeric bucket [low, high). */
export interface TagDistributionBucket {
  label: string;
  value?: string;
  low?: number | null;
  high?: number | null;
  count: number;
}

/** A version in a tag's history. */
export interface TagVersion {
  version: number;
  definition: TagDefinition;
  changedBy: string;
  changedAt: string;
  note: string | null;
}

/** `GET /api/tags/:id`. */
export interface TagDetail {
  tag: TagSummary;
  coverage: TagCoverage | null;
  distribution: TagDistributionBucket[];
  versions: TagVersion[];
}

/** `POST /api/tags/preview`: the definition evaluated on a sample of customers. */
export interface TagPreview {
  sample: number;
  coverage: TagCoverage;
  distribution: TagDistributionBucket[];
  examples: { customerId: string; value: string | number | boolean }[];
  /** The compiled select expression. */
  sql: string;
  unknownIds?: string[];
}

/** One documented column of the `customer_features` table tag SQL can use. */
export interface FeatureColumn {
  name: string;
  type: string;
  zh: string;
  en: string;
}

/** Statistics of one tag in a run. */
export interface TagRunStat {
  coverage: TagCoverage;
  distribution: TagDistributionBucket[];
  min?: number | null;
  max?: number | null;
  mean?: number | null;
}

/** The report of a finished tag run. */
export interface TagRunReport {
  asOf: string | null;
  customers: number;
  tags: number;
  only: string[] | null;
  seconds: number;
  servingRows: number;
  perTag: Record<string, TagRunStat>;
  failed: { id: string; message: string }[];
}

/** `GET /api/tags/runs/latest` (and the answer of `POST /api/tags/runs`). */
export interface TagRun {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  progress: { step: string; done: number; total: number } | null;
  report: TagRunReport | null;
  error?: string | null;
}

/** An audience expression in its JSON form. */
export type AudienceNode =
  | { op: 'and' | 'or'; args: AudienceNode[] }
  | { op: 'not'; arg: AudienceNode }
  | { op: 'in' | 'not_in'; field: string; values: (string | boolean)[] }
  | { op: 'cmp'; field: string; cmp: '=' | '!=' | '<' | '<=' | '>' | '>='; value: string | number | boolean }
  | { op: 'between'; field: string; low: number; high: number }
  | { op: 'has_product'; category: string }
  | { op: 'in_segment'; segment: string }
  | { op: 'all' };

/** A field the audience builder can use (`GET /api/audiences/fields`). */
export interface AudienceFieldInfo {
  id: string;
  name: Bilingual;
  theme: TagTheme | string;
  kind: TagKind;
  values?: { value: string; zh: string; en: string; count?: number }[];
  appliesTo?: string;
  min?: number | null;
  max?: number | null;
  unit?: TagUnit | string | null;
  buckets?: number[];
  scale?: number;
}

/** `POST /api/audiences/count`. */
export interface AudienceCount {
  count: number;
  scopeTotal: number;
  ms: number;
  text: string;
  json: AudienceNode;
}

/** `POST /api/audiences/parse`. */
export interface AudienceParsed {
  json: AudienceNode;
  text: string;
}

/** Details of a 400 `EXPRESSION` error: where the text went wrong and what could come there. */
export interface AudienceExpressionErrorDetails {
  /** 0-based character offset in the text; −1 for errors in the JSON form. */
  position?: number;
  line?: number;
  column?: number;
  expected?: string[];
  suggestions?: string[];
  path?: string;
}

/** `POST /api/audiences/breakdown`. */
export interface AudienceBreakdown {
  by: string;
  total: number;
  /** `value` null is the bar of customers without a value. */
  buckets: {
    value: string | null;
    label: Bilingual;
    count: number;
    low?: number | null;
    high?: number | null;
  }[];
}

/** A saved segment (`/api/segments`). */
export interface Segment {
  id: string;
  name: string;
  description: string;
  kind: 'dynamic' | 'static';
  text: string;
  json: AudienceNode;
  /** Members within the caller's scope (null while no index exists). */
  count: number | null;
  lastCount: number | null;
  countedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/segments/overlap`: every intersection of the chosen segments. */
export interface SegmentOverlap {
  sets: { ids: string[]; count: number }[];
}

/** `POST /api/segments/:id/split`. */
export interface SegmentSplit {
  arms: { name: string; count: number }[];
  control: number;
  holdout: number;
  total: number;
}

/** `GET /api/audiences/index`: the in-memory bitmap index. */
export interface AudienceIndexInfo {
  customers: number;
  builtAt: string;
  columns: number;
  bytes: number;
  bytesPerMillion: number;
  memory: { column: string; kind: 'enum' | 'bsi'; bytes: number }[];
}

// ---------- Customer 360 (issue 4); mirrors src/modules/customers/customer360.schema.ts. Money is yuan. ----------

/** Why a 360 section has no data: a later issue computes it, it does not apply to this kind, or there is no source data. */
export type SectionUnavailableReason = 'not_computed' | 'not_applicable' | 'no_data';

/** A 360 section without data, and why (`message` is English; translate `reason` in the UI). */
export interface UnavailableSection {
  available: false;
  reason: SectionUnavailableReason;
  message: string;
}

/** A 360 section: its data with `available: true`, or the reason it has none. */
export type Section<T> = ({ available: true } & T) | UnavailableSection;

/** A branch on the path from head office to the home branch. */
export interface BranchRef {
  id: string;
  name: string;
}

/** Profile: customer detail (identifiers masked), RM phone (masked), branch path (head office first). */
export interface ProfileSection {
  customer: CustomerDetail;
  rmPhoneMasked: string | null;
  branchPath: BranchRef[];
  /** True when ID number and phone are shown masked for this role. */
  identifiersMasked: boolean;
}

/** One tag value; tag names and themes come from `GET /api/tags` (join on tagId). */
export interface CustomerTagValue {
  tagId: string;
  value: string | number | boolean | null;
}

/** Tags of the customer (customer_profile.tags). */
export interface TagsSection {
  items: CustomerTagValue[];
  /** ISO time of the last tag run for this customer. */
  updatedAt: string | null;
}

/** One reason of a model score. */
export interface ScoreReason {
  feature: string;
  /** Signed contribution to the score. */
  contribution: number;
  /** The feature's value for this customer. */
  value: string | number | null;
}

/** One model score with its top reasons (strongest first). */
export interface CustomerScore {
  modelId: string;
  /** 0–1 probability or model score. */
  score: number;
  /** e.g. high/medium/low when the model defines bands. */
  band: string | null;
  reasons: ScoreReason[];
}

/** Model scores (not_computed until the model issue lands). */
export interface ScoresSection {
  items: CustomerScore[];
  updatedAt: string | null;
}

/** One month-end of the AUM trend (yuan). */
export interface AumPoint {
  /** YYYY-MM-01. */
  month: string;
  /** Deposits + investments at month end. */
  aum: number;
  deposits: number;
  investments: number;
  /** Amount owed at month end, positive. */
  loans: number;
}

/** AUM now and its 13-month trend. */
export interface AumSection {
  /** AUM now (open deposit + investment accounts). */
  current: number;
  /** Up to 13 month-ends, oldest first. */
  trend: AumPoint[];
  /** Last month-end minus the one before. */
  changeMonth: number | null;
  /** Last month-end minus 12 months earlier. */
  changeYear: number | null;
}

/** One asset account of the holdings section (yuan). */
export interface Holding360 {
  accountId: string;
  productId: string;
  productName: string;
  /** current, time_deposit, cd, wealth, fund, insurance, payroll, corporate_settlement. */
  category: string;
  riskLevel: string | null;
  opened: string;
  closed: string | null;
  status: string;
  balance: number;
  maturityDate: string | null;
  /** Days from the as-of date to maturity; negative when past. */
  daysToMaturity: number | null;
  /** Annual rate as a fraction. */
  rate: number | null;
}

/** Totals of one product category (a donut slice). */
export interface HoldingCategory {
  category: string;
  count: number;
  balance: number;
  /** Fraction of the total asset balance, 0–1. */
  share: number;
}

/** Holdings: open asset accounts by category and those maturing within 90 days. */
export interface HoldingsSection {
  total: number;
  /** Largest first. */
  categories: HoldingCategory[];
  /** Open asset accounts, largest first. */
  items: Holding360[];
  /** Open accounts maturing within 90 days, soonest first. */
  maturingSoon: Holding360[];
}

/** One loan or card account (owed amounts positive). */
export interface LiabilityAccount {
  accountId: string;
  productName: string;
  /** consumer_loan, mortgage, credit_card, working_capital_loan, bill. */
  category: string;
  status: string;
  owed: number;
  creditLimit: number | null;
  /** Owed / credit limit. */
  utilisation: number | null;
  opened: string;
  maturityDate: string | null;
  overdue: boolean;
}

/** Liabilities: loans, cards, utilisation, overdue. */
export interface LiabilitiesSection {
  totalOwed: number;
  loans: LiabilityAccount[];
  cards: LiabilityAccount[];
  /** Sum of open card limits. */
  cardLimit: number;
  /** Card owed / card limit; null without cards. */
  cardUtilisation: number | null;
  overdueCount: number;
  overdueAmount: number;
  /** Failed loan repayments in the recent window. */
  failedRepayments: number;
}

/** One month of inflow and outflow. */
export interface FlowMonth {
  month: string;
  inflow: number;
  /** Positive. */
  outflow: number;
  net: number;
  txnCount: number;
}

/** Monthly inflow and outflow (13 months, oldest first). */
export interface FlowsSection {
  months: FlowMonth[];
  totalInflow: number;
  totalOutflow: number;
}

/** A counterparty's totals over the recent window. */
export interface Counterparty {
  name: string;
  /** Counterparty bank or payment platform. */
  bank: string | null;
  /** Absolute total. */
  amount: number;
  count: number;
}

/** Totals per counterpart bank or payment platform. */
export interface CounterpartyBank {
  bank: string;
  inflow: number;
  outflow: number;
  count: number;
}

/** A Sankey node: sources left, the customer in the middle, destinations right. */
export interface SankeyNode {
  /** Unique: "in:<name>", "customer", "out:<name>". */
  id: string;
  name: string;
  side: 'source' | 'customer' | 'destination';
}

/** A Sankey link between node ids. */
export interface SankeyLink {
  source: string;
  target: string;
  value: number;
}

/** Where the money comes from and goes (90 days); Sankey links sum to totalInflow / totalOutflow. */
export interface CounterpartiesSection {
  windowDays: number;
  totalInflow: number;
  totalOutflow: number;
  /** Top counterparties paying in, largest first. */
  sources: Counterparty[];
  /** Top counterparties paid, largest first. */
  destinations: Counterparty[];
  /** Counterpart banks (not payment platforms). */
  banks: CounterpartyBank[];
  /** Payment platforms (WeChat Pay, Alipay, UnionPay …). */
  platforms: CounterpartyBank[];
  sankey: { nodes: SankeyNode[]; links: SankeyLink[] };
}

/** Usage of one channel over the recent window. */
export interface ChannelUsage {
  /** counter, atm, mobile, online, pos, wechat_pay, alipay, system. */
  channel: string;
  count: number;
  /** Absolute total. */
  amount: number;
  /** Fraction of the transaction count. */
  share: number;
  /** ISO time. */
  lastUsed: string;
}

/** Channel usage and app logins over the recent window. */
export interface ChannelsSection {
  windowDays: number;
  /** Most used first. */
  items: ChannelUsage[];
  appLogins: number;
}

/** One product-timeline entry. */
export interface TimelineEntry {
  date: string;
  kind: 'opened' | 'closed' | 'matured' | 'maturing';
  accountId: string;
  productName: string;
  category: string;
  /** Balance or credit limit. */
  amount: number | null;
}

/** Product timeline, newest first (future maturities first). */
export interface TimelineSection {
  items: TimelineEntry[];
}

/** Life-event types detected from the data. */
export type LifeEventType =
  | 'home_purchase'
  | 'car_purchase'
  | 'new_job'
  | 'salary_increase'
  | 'salary_stopped'
  | 'large_inflow'
  | 'wealth_maturity'
  | 'new_credit'
  | 'retirement_age';

/** One detected life event with its evidence. */
export interface LifeEvent {
  type: LifeEventType;
  date: string;
  amount: number | null;
  /** English evidence, e.g. "mortgage account M123 opened". */
  evidence: string;
  /** Chinese evidence. */
  evidenceZh: string;
}

/** Detected life events, newest first. */
export interface LifeEventsSection {
  items: LifeEvent[];
}

/** One transaction (positive into the account, negative out). */
export interface Transaction360 {
  id: string;
  /** ISO time. */
  ts: string;
  accountId: string;
  amount: number;
  channel: string;
  type: string;
  counterpartyName: string | null;
  counterpartyAccountMasked: string | null;
  counterpartyBank: string | null;
  mcc: string | null;
  memo: string | null;
}

/** Filters of `GET /api/customers/:id/transactions`; amounts compare the absolute amount (yuan). */
export interface TransactionQuery {
  type?: string;
  channel?: string;
  minAmount?: number;
  maxAmount?: number;
  /** YYYY-MM-DD inclusive. */
  from?: string;
  /** YYYY-MM-DD inclusive. */
  to?: string;
  page?: number;
  pageSize?: number;
}

/** The transactions section: first page (newest first) of the recent window. */
export interface TransactionsSection {
  page: Page<Transaction360>;
  windowDays: number;
}

/** One behaviour event. */
export interface BehaviourEvent {
  ts: string;
  /** login, view_product, click, search, logout. */
  type: string;
  props: Record<string, unknown>;
}

/** Behaviour events: counts by type over the window, the latest 30. */
export interface EventsSection {
  windowDays: number;
  byType: { type: string; count: number }[];
  recent: BehaviourEvent[];
  lastSeen: string | null;
}

/** One RM note. */
export interface CustomerNote {
  id: string;
  customerId: string;
  text: string;
  authorId: string;
  authorName: string;
  /** ISO time. */
  createdAt: string;
}

/** Notes: latest 20 and the total. `POST /api/customers/:id/notes` with `{ text }` (1–2000 chars) adds one. */
export interface NotesSection {
  items: CustomerNote[];
  total: number;
}

/** A related person or company and how it relates. */
export interface RelatedParty {
  entityId: string;
  name: string;
  entityKind: 'company' | 'person';
  /** family, shareholder, executive, legal_rep, controller, investment, guarantee, supplier, buyer … */
  relation: string;
  /** outgoing: this customer → the party. */
  direction: 'outgoing' | 'incoming';
  /** Shareholding fraction 0–1. */
  pct: number | null;
  /** Guarantee amount or annual volume. */
  amount: number | null;
  since: string | null;
  until: string | null;
  /** The party's customer id, only when in the caller's scope (link to its 360). */
  customerId: string | null;
}

/** Family and related persons/companies. */
export interface RelationsSection {
  family: RelatedParty[];
  related: RelatedParty[];
}

/** Company registration data. */
export interface RegistrationSection {
  uscc: string | null;
  /** GB/T 4754 code. */
  industry: string | null;
  registeredCapital: number | null;
  established: string | null;
  legalRep: string | null;
  employees: number | null;
  size: string | null;
  city: string | null;
}

/** Shareholders, largest stake first. */
export interface ShareholdersSection {
  items: RelatedParty[];
  /** Sum of known stakes, 0–1. */
  totalPct: number;
}

/** Executives, legal representative, controller. */
export interface ExecutivesSection {
  items: RelatedParty[];
}

/** Guarantees given and received. */
export interface GuaranteesSection {
  given: RelatedParty[];
  received: RelatedParty[];
  totalGiven: number;
  totalReceived: number;
}

/** A supplier or buyer with declared and observed volumes. */
export interface TradePartner {
  name: string;
  entityId: string | null;
  /** Annual volume of the supplier/buyer relation. */
  declaredVolume: number | null;
  /** Payments in the recent window (absolute). */
  paidVolume: number;
  paymentCount: number;
  source: 'relation' | 'payments' | 'both';
}

/** Upstream suppliers and downstream buyers, largest first. */
export interface SupplyChainSection {
  windowDays: number;
  suppliers: TradePartner[];
  buyers: TradePartner[];
}

/** One month of corporate settlement. */
export interface SettlementMonth {
  month: string;
  receipts: number;
  /** Positive. */
  payments: number;
  depositBalance: number;
  txnCount: number;
}

/** Settlement trend, oldest first. */
export interface SettlementSection {
  months: SettlementMonth[];
}

/** One external signal about the company. */
export interface ExternalSignal {
  id: string;
  /** mortgage_registration, equity_pledge, litigation, penalty, bid_win … */
  type: string;
  date: string;
  expiry: string | null;
  amount: number | null;
  description: string | null;
  polarity: 'positive' | 'neutral' | 'negative';
}

/** External-signal timeline, newest first. */
export interface SignalsSection {
  items: ExternalSignal[];
}

/** A news item linked to the company. */
export interface LinkedNews {
  id: string;
  ts: string;
  title: string;
  source: string | null;
  eventType: string | null;
  sentiment: string | null;
}

/** Linked news, newest first (≤ 20). */
export interface NewsSection {
  items: LinkedNews[];
}

/** Group membership: parents (≥ 50% or controller), subsidiaries, sister companies. */
export interface GroupSection {
  parents: RelatedParty[];
  subsidiaries: RelatedParty[];
  siblings: RelatedParty[];
}

/** Section names of the 360 view, in page order (`?sections=a,b` selects). */
export type Customer360SectionName = keyof Customer360Sections;

/** The sections of the 360 view; a section is absent when not requested. */
export interface Customer360Sections {
  profile?: Section<ProfileSection>;
  tags?: Section<TagsSection>;
  scores?: Section<ScoresSection>;
  aum?: Section<AumSection>;
  holdings?: Section<HoldingsSection>;
  liabilities?: Section<LiabilitiesSection>;
  flows?: Section<FlowsSection>;
  counterparties?: Section<CounterpartiesSection>;
  channels?: Section<ChannelsSection>;
  timeline?: Section<TimelineSection>;
  lifeEvents?: Section<LifeEventsSection>;
  transactions?: Section<TransactionsSection>;
  events?: Section<EventsSection>;
  /** Always unavailable until the alerts issue lands. */
  alerts?: UnavailableSection;
  /** Always unavailable until the workbench issue lands. */
  tasks?: UnavailableSection;
  /** Always unavailable until the workbench issue lands. */
  visits?: UnavailableSection;
  notes?: Section<NotesSection>;
  relations?: Section<RelationsSection>;
  registration?: Section<RegistrationSection>;
  shareholders?: Section<ShareholdersSection>;
  executives?: Section<ExecutivesSection>;
  guarantees?: Section<GuaranteesSection>;
  supplyChain?: Section<SupplyChainSection>;
  settlement?: Section<SettlementSection>;
  signals?: Section<SignalsSection>;
  news?: Section<NewsSection>;
  group?: Section<GroupSection>;
}

/** `GET /api/customers/:id/360?sections=…`; corporate-only sections are `not_applicable` for retail. */
export interface Customer360 {
  customerId: string;
  kind: CustomerKind;
  name: string;
  /** YYYY-MM-DD of the latest published data. */
  asOf: string | null;
  sections: Customer360Sections;
}

/** Which customer field a search hit matched. */
export type SearchField =
  'name' | 'company_name' | 'id_number' | 'phone' | 'account_number' | 'uscc' | 'customer_id';

/** A piece of matched text; highlighted pieces are what the query matched. */
export interface HighlightSegment {
  text: string;
  highlight: boolean;
}

/** One hit of `GET /api/search?q=&limit=`. */
export interface SearchResult {
  customerId: string;
  name: string;
  kind: CustomerKind;
  matchedField: SearchField;
  /** The matched value as displayed (identifiers masked). */
  matchedText: string;
  /** matchedText split into highlighted and plain pieces. */
  segments: HighlightSegment[];
  branchId: string;
  branchName: string;
  rmName: string | null;
  /** Relevance 0–1, higher first. */
  score: number;
}

/** `GET /api/search`: hits ranked by score, scoped to the caller. */
export interface SearchResponse {
  query: string;
  items: SearchResult[];
}
