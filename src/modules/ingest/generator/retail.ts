/**
 * One retail customer's life over the window: profile, holdings, life events (graduation, marriage,
 * a child, a home, retirement), churn drift and departure, dormancy and reactivation, value growth —
 * turned into accounts, month-end balances, transactions, app events and a ground-truth row.
 */
import { INCOME_BANDS } from '../../../platform/warehouse/index.ts';
import { dayString, type MonthSpan } from './calendar.ts';
import {
  BUSINESS_OWNER,
  EVENT_CATEGORIES,
  INTERNET_WEALTH,
  MERCHANT_CATEGORIES,
  type MerchantCategory,
  OCCUPATIONS,
  type Occupation,
  OTHER_BANKS,
  OWN_BANK,
  RETIREE,
  STUDENT,
} from './commerce.ts';
import { accountId, type Company, customerId } from './companies.ts';
import { csvRow } from './csv.ts';
import { makeMobile, MOBILE_PREFIXES, phoneOffset } from './identifiers.ts';
import { type Account, CH, type MonthLedger, MODE, money, newAccount, TY } from './ledger.ts';
import { personName } from './names.ts';
import { type City, CITIES } from './places.ts';
import { type CustomerCore, customerName, residentIdOf } from './population.ts';
import { P, PRODUCTS } from './products.ts';
import { type Rng, rngFor, SALT, sampleIndex, type WeightedTable, weightedTable } from './random.ts';
import {
  type ChunkOutput,
  EV,
  type EventBuffer,
  PAGE_PROPS,
  PRODUCT_PROPS,
  SEARCH_PROPS,
  type SimContext,
} from './simulation.ts';

const OCCUPATION_TABLE = weightedTable(OCCUPATIONS.map((o) => o.weight));
const BANK_TABLE = weightedTable(OTHER_BANKS.map(([, w]) => w));
const CATEGORY_TABLES = [0, 0.5, 1].map((t) =>
  weightedTable(MERCHANT_CATEGORIES.map((c) => c.young * (1 - t) + c.old * t)),
);
// Channels by age group: counter, atm, mobile, online, pos, wechat_pay, alipay.
const CHANNEL_TABLES = [
  weightedTable([1, 3, 12, 8, 10, 33, 33]),
  weightedTable([4, 9, 10, 6, 22, 28, 21]),
  weightedTable([10, 18, 8, 3, 30, 20, 11]),
];
const TD_TERMS_YOUNG = weightedTable([3, 4, 5, 2, 1, 0.5]);
const TD_TERMS_OLD = weightedTable([1, 2, 4, 3, 4, 3]);
const RISK_WEIGHTS = [
  weightedTable([10, 25, 40, 18, 7]),
  weightedTable([14, 32, 36, 13, 5]),
  weightedTable([30, 40, 22, 6, 2]),
];
const COMPOUND_SURNAMES = ['欧阳', '上官', '司马', '诸葛'];
const FAMILY_MEMO = ['生活费', '家用', '转账', '还款', '红包'];
const GRADUATE_JOBS = [0, 1, 6, 3];
const FUND_VOLATILITY = [0.001, 0.006, 0.035, 0.045, 0.055];
const WALLETS = [
  {
    name: '支付宝（中国）网络技术有限公司',
    account: '',
    bank: '支付宝',
    channel: CH.alipay,
    memo: '余额充值',
  },
  {
    name: '支付宝（中国）网络技术有限公司',
    account: '',
    bank: '支付宝',
    channel: CH.alipay,
    memo: '余额充值',
  },
  { name: '财付通支付科技有限公司', account: '', bank: '微信支付', channel: CH.wechat_pay, memo: '零钱充值' },
  null,
] as const;
const CLOSE = 1;
const MATURED = 2;

/** Who is on the other side of a movement. Companies satisfy it as they are. */
interface Counterparty {
  name: string;
  account: string;
  bank: string;
}
const NOBODY: Counterparty = { name: '', account: '', bank: '' };

const roundTo = (x: number, step: number): number => Math.max(step, Math.round(x / step) * step);
const cents = (yuan: number): number => Math.round(yuan * 100);
const clamp = (x: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, x));

function incomeBand(monthly: number): (typeof INCOME_BANDS)[number] {
  return monthly < 5000
    ? '<5k'
    : monthly < 10000
      ? '5k-10k'
      : monthly < 20000
        ? '10k-20k'
        : monthly < 50000
          ? '20k-50k'
          : '50k+';
}

/** A second within `day`, shaped for the kind of activity. */
function timeOn(rng: Rng, day: number, kind: 'day' | 'meal' | 'evening' | 'night' | 'business'): number {
  let h: number;
  switch (kind) {
    case 'meal':
      h = rng.chance(0.45) ? rng.uniform(11, 13.5) : rng.uniform(17.5, 21);
      break;
    case 'evening':
      h = rng.chance(0.6) ? rng.uniform(19, 23.9) : rng.uniform(7, 19);
      break;
    case 'night':
      h = rng.uniform(0.3, 2.5);
      break;
    case 'business':
      h = rng.uniform(9, 17);
      break;
    default:
      h = rng.uniform(8, 22);
  }
  return day * 86400 + Math.floor(h * 3600);
}

/**
 * Simulates retail customers one after another. One instance per thread: its fields hold the
 * current customer's state, so no closures are allocated per customer.
 */
export class RetailSimulator {
  private readonly ctx: SimContext;
  private readonly spans: MonthSpan[];
  private readonly M: number;
  private readonly L: MonthLedger;
  private readonly E: EventBuffer;

  // Who the customer is.
  private rng!: Rng;
  private index = 0;
  private core!: CustomerCore;
  private cid = '';
  private name = '';
  private city!: City;
  private age = 0;
  private ageStart = 0;
  private ageGroup = 0;
  private birthYear = 0;
  private ownCompany: Company | null = null;
  private student = false;
  private retiredAtStart = false;
  private occupation: Occupation | null = null;
  private graduateOccupation: Occupation | null = null;
  private income = 0;
  private allowance = 0;
  private pension = 0;
  private riskLevel = 1;
  private married = false;
  private hasChildren = false;
  private onboardDay = 0;
  private homeNode = 0;
  private rm = '';
  private appUser = false;
  private loginRate = 0;
  private spendRate = 0;
  private wealth = 0;
  private incomeScale = 1;

  // What happens to them.
  private graduationMonth = -1;
  private retirementMonth = -1;
  private isNew = false;
  private onboardMonth = -1;
  private dormantAtStart = false;
  private reactivationMonth = -1;
  private churnDrift = false;
  private churnStart = -1;
  private churnMonth = -1;
  private valueGrowth = false;
  private growthMonth = -1;
  private growthFactor = 1;
  private salaryMoves = false;
  private salaryMoveMonth = -1;
  private marriageMonth = -1;
  private childMonth = -1;
  private homeMonth = -1;
  private arrearsFrom = 0;

  // Money: income, counterparties and accounts.
  private payroll = false;
  private employer: Company | null = null;
  private paidFromOwnAccount = false;
  private self: Counterparty = NOBODY;
  private otherBank = '';
  private walletShare = 0;
  private wallet: (typeof WALLETS)[number] = null;
  private renter = false;
  private rent = 0;
  private landlord: Counterparty = NOBODY;
  private rentDay = 1;
  private parent: Counterparty = NOBODY;
  private family: Counterparty[] = [];
  private socialSecurity: Counterparty = NOBODY;
  private categoryTable!: WeightedTable;
  private channelTable!: WeightedTable;
  private developers: number[] = [];
  private accounts: Account[] = [];
  private main = 0;
  private card = -1;
  private cardRevolver = false;
  private cardDueDay = 1;
  private instalmentTd = -1;
  private instalmentAmount = 0;
  private insurance: number[] = [];
  private loans: number[] = [];

  // The month being planned.
  private m = 0;
  private span!: MonthSpan;
  private first = 0;
  private last = 0;
  private closing = false;
  private closeDay = -1;
  private drifting = false;
  private progress = 0;
  private growing = false;
  private currentOccupation: Occupation | null = null;
  private retired = false;
  private stillStudent = false;
  private reactivated = false;
  private closedDay = -1;
  private eventSeq = { n: 0 };

  constructor(ctx: SimContext) {
    this.ctx = ctx;
    this.spans = ctx.spans;
    this.M = ctx.spans.length;
    this.L = ctx.ledger;
    this.E = ctx.events;
  }

  /** Simulates retail customer `index` and appends its rows to `out`. */
  run(index: number, core: CustomerCore, out: ChunkOutput): void {
    this.profile(index, core);
    this.plan();
    this.openHoldings();
    const target = this.ctx.target;
    target.customerId = this.cid;
    target.txnPrefix = 'T' + this.cid.slice(1) + '-';
    target.seq = 0;
    target.sink = out.transaction;
    target.count = 0;
    this.eventSeq.n = 0;
    for (let m = 0; m < this.M; m++) {
      if (this.onboardDay > this.spans[m].end) continue;
      if (this.churnMonth >= 0 && m > this.churnMonth) break;
      this.month(m, out);
    }
    this.writeRows(out);
  }

  private profile(index: number, core: CustomerCore): void {
    const { ctx } = this;
    const { windowStart, asOfDay, input } = ctx;
    const rng = rngFor(ctx.seed, SALT.life, index);
    this.rng = rng;
    this.index = index;
    this.core = core;
    this.cid = customerId(index);
    this.name = customerName(ctx.population, index, core);
    this.city = CITIES[core.cityIdx];
    this.age = (asOfDay - core.birthDay) / 365.25;
    this.ageStart = (windowStart - core.birthDay) / 365.25;
    this.ageGroup = this.age < 35 ? 0 : this.age < 55 ? 1 : 2;
    this.birthYear = Number(dayString(core.birthDay).slice(0, 4));
    const owner = input.ownerOf.get(index) ?? -1;
    this.ownCompany = owner >= 0 ? input.companies[owner] : null;
    const { age, ageStart } = this;

    const retireAge = core.male ? 60 : 55;
    this.student = !this.ownCompany && ageStart < 23 && rng.chance(0.75);
    this.retiredAtStart = !this.ownCompany && !this.student && ageStart >= retireAge && rng.chance(0.92);
    this.occupation =
      this.student || this.retiredAtStart ? null : OCCUPATIONS[sampleIndex(OCCUPATION_TABLE, rng)];
    const ageFactor =
      age < 25 ? 0.7 : age < 30 ? 0.9 : age < 40 ? 1.1 : age < 50 ? 1.2 : age < 60 ? 1.05 : 0.9;
    this.income = this.occupation ? this.occupation.income * rng.lognormal(0, 0.45) * ageFactor : 0;
    if (this.ownCompany) this.income = 30000 * rng.lognormal(0, 0.6);
    this.allowance = 1500 + rng.int(2000);
    this.pension = 4500 * rng.lognormal(0, 0.35);
    this.graduationMonth = -1;
    this.graduateOccupation = null;
    if (this.student && ageStart >= 20.5 && rng.chance(0.45)) {
      const summer = this.spans.filter((s) => s.calendarMonth === 6 || s.calendarMonth === 7);
      this.graduationMonth = summer.length > 0 ? rng.pick(summer).index : rng.int(this.M);
      this.graduateOccupation = OCCUPATIONS[rng.pick(GRADUATE_JOBS)];
      this.income = 6000 * rng.lognormal(0, 0.3);
    }
    const retirementDay = core.birthDay + Math.round(retireAge * 365.25);
    this.retirementMonth =
      this.occupation &&
      !this.occupation.selfEmployed &&
      !this.ownCompany &&
      retirementDay >= windowStart &&
      retirementDay <= asOfDay
        ? this.monthOf(retirementDay)
        : -1;

    const marriedP = age < 25 ? 0.08 : age < 30 ? 0.45 : age < 35 ? 0.7 : 0.85;
    this.married = !this.student && rng.chance(marriedP);
    this.hasChildren = this.married && age > 28 && rng.chance(0.75);
    this.riskLevel = clamp(
      1 + sampleIndex(RISK_WEIGHTS[this.ageGroup], rng) + (this.income > 30000 && rng.chance(0.3) ? 1 : 0),
      1,
      5,
    );
    this.appUser = rng.chance([0.92, 0.8, 0.4][this.ageGroup]);
    this.loginRate = ([1.4, 1.0, 0.5][this.ageGroup] * rng.lognormal(0, 0.6)) / (ageStart > 65 ? 2 : 1);
    this.spendRate =
      (this.student ? 1.5 : [1.65, 1.3, 0.8][this.ageGroup]) *
      rng.lognormal(0, 0.5) *
      Math.pow(Math.max(this.income, 3000) / 9000, 0.2);
    this.incomeScale = Math.pow(Math.max(this.income, 2500) / 9000, 0.45);
    this.categoryTable = CATEGORY_TABLES[this.ageGroup];
    this.channelTable = CHANNEL_TABLES[this.ageGroup];
    this.developers = input.developersByCity[core.cityIdx];
  }

  /** Decides the customer's dynamics and life events over the window. */
  private plan(): void {
    const { rng, M, spans, ctx } = this;
    const { input, windowStart } = ctx;
    this.isNew = M >= 2 && rng.chance(0.08);
    this.onboardMonth = this.isNew ? rng.int(M) : -1;
    this.dormantAtStart = !this.isNew && !this.ownCompany && rng.chance(0.075);
    this.reactivationMonth = this.dormantAtStart && M >= 4 && rng.chance(0.28) ? rng.range(2, M - 2) : -1;
    // 14.7% of the customers eligible (not new, not dormant) is about 12.5% of all retail customers.
    this.churnDrift = M >= 3 && !this.dormantAtStart && !this.isNew && rng.chance(0.147);
    this.churnStart = this.churnDrift ? M - rng.range(2, Math.min(6, M - 1)) : -1;
    this.churnMonth =
      this.churnDrift && rng.chance(0.42) ? Math.min(M - 1, this.churnStart + rng.range(1, 3)) : -1;
    this.valueGrowth = M >= 3 && !this.churnDrift && !this.dormantAtStart && rng.chance(0.09);
    this.growthMonth = this.valueGrowth ? rng.range(1, M - 2) : -1;
    this.growthFactor = rng.uniform(1.3, 1.8);
    this.salaryMoves = this.churnDrift && rng.chance(0.7);
    this.salaryMoveMonth = this.churnStart + rng.int(2);
    const active = !this.dormantAtStart;
    const { age } = this;
    this.marriageMonth =
      active && !this.married && !this.student && age >= 24 && age <= 36 && rng.chance(0.09)
        ? rng.int(M)
        : -1;
    this.childMonth = active && this.married && age >= 25 && age <= 40 && rng.chance(0.08) ? rng.int(M) : -1;

    if (this.isNew) {
      const s = spans[this.onboardMonth];
      this.onboardDay = s.start + rng.int(s.end - s.start + 1);
    } else {
      this.onboardDay =
        windowStart - Math.round(rng.uniform(30, Math.max(60, Math.min(this.ageStart - 18, 25) * 365)));
    }
    const cityNodes = input.org.nodesByCity[this.core.cityIdx];
    const nodeTable = ctx.nodeTables[this.core.cityIdx];
    this.homeNode = nodeTable ? cityNodes[sampleIndex(nodeTable, rng)] : 0;
    const rms = input.org.rmsByBranch[this.homeNode];
    this.rm =
      rms.length > 0 && rng.chance(this.ownCompany ? 1 : 0.85)
        ? input.org.staff[rms[rng.int(rms.length)]].id
        : '';

    // Employer and the way income arrives.
    this.payroll = false;
    this.employer = null;
    const job = this.ownCompany ? null : (this.occupation ?? this.graduateOccupation);
    if (job && !job.selfEmployed) {
      const payrollList = input.payrollEmployersByCity[this.core.cityIdx];
      const otherList = input.otherEmployersByCity[this.core.cityIdx];
      if (payrollList.length > 0 && rng.chance(job.payroll)) {
        this.payroll = true;
        this.employer = input.companies[payrollList[rng.int(payrollList.length)]];
      } else if (otherList.length > 0) this.employer = input.companies[otherList[rng.int(otherList.length)]];
    }
    this.paidFromOwnAccount = !this.payroll && rng.chance(0.55);
    this.otherBank = OTHER_BANKS[sampleIndex(BANK_TABLE, rng)][0];
    this.self = { name: this.name, account: '', bank: this.otherBank };
    // Most people move much of their income on to wallets or their main bank; renters pay rent.
    this.walletShare = rng.uniform(0.4, 0.75);
    this.wallet = rng.pick(WALLETS);
    this.renter = !this.student && age < 35 && rng.chance(0.45);
    this.rent = clamp(roundTo(Math.max(this.income, 5000) * rng.uniform(0.15, 0.3), 100), 1500, 8000);
    this.landlord = {
      name: personName(rng, rng.chance(0.5) ? 'M' : 'F', rng.range(1955, 1985)),
      account: '',
      bank: rng.pick(OTHER_BANKS)[0],
    };
    this.rentDay = rng.range(1, 5);
    const surname = COMPOUND_SURNAMES.includes(this.name.slice(0, 2)) ? this.name.slice(0, 2) : this.name[0];
    this.parent = {
      name: personName(rng, 'M', this.birthYear - 28, surname),
      account: '',
      bank: rng.chance(0.5) ? OWN_BANK : this.otherBank,
    };
    this.family = [
      this.parent,
      { name: personName(rng, 'F', this.birthYear - 27), account: '', bank: rng.pick(OTHER_BANKS)[0] },
      {
        name: personName(rng, rng.chance(0.5) ? 'M' : 'F', this.birthYear + rng.range(-6, 6), surname),
        account: '',
        bank: OWN_BANK,
      },
    ];
    this.socialSecurity = { name: `${this.city.name}市社会保险事业管理中心`, account: '', bank: OWN_BANK };
    this.L.topUpName = this.name;
    this.L.topUpBank = this.otherBank;
  }

  /** Opens the accounts the customer holds at the start of the window (or on joining). */
  private openHoldings(): void {
    const { rng, age, ctx } = this;
    const windowStart = ctx.windowStart;
    this.accounts = [];
    this.card = -1;
    this.instalmentTd = -1;
    this.instalmentAmount = 0;
    this.insurance = [];
    this.loans = [];
    const savingsMonths = rng.lognormal(Math.log(1.5 + Math.max(0, this.ageStart - 21) * 0.9), 0.9);
    this.wealth = this.student
      ? rng.lognormal(Math.log(3000), 1)
      : Math.max(this.income, this.pension * 0.8) * savingsMonths * (this.ownCompany ? 3 : 1);
    if (this.dormantAtStart) this.wealth = Math.min(20000, rng.lognormal(Math.log(800), 1.2));
    const wealth = this.wealth;
    const liquid = this.dormantAtStart
      ? wealth
      : wealth * rng.uniform(age > 50 ? 0.2 : 0.3, age > 50 ? 0.5 : 0.65);
    this.main = this.open(
      this.payroll ? P.payroll : P.current,
      this.onboardDay,
      this.isNew ? 0 : Math.max(20, Math.round(liquid)),
    );
    let rest = this.isNew ? 0 : Math.max(0, wealth - liquid);
    const working = (this.occupation !== null || this.ownCompany !== null) && !this.dormantAtStart;

    if (!this.isNew && !this.dormantAtStart) {
      if (rest > 5000 && rng.chance(age > 45 ? 0.75 : 0.45)) {
        for (let t = rest > 150000 ? rng.range(1, 3) : 1; t > 0; t--) {
          const product = P.td[sampleIndex(age > 45 ? TD_TERMS_OLD : TD_TERMS_YOUNG, rng)];
          const term = PRODUCTS[product].termDays ?? 365;
          const amount = roundTo(rest * rng.uniform(0.2, 0.5), 100);
          const opened = this.before(1, term - 1);
          if (opened + term <= windowStart) continue;
          const a = this.open(product, opened, amount);
          if (a < 0) break;
          this.accounts[a].maturity = opened + term;
          rest -= amount;
        }
      }
      if (wealth > 300000 && rest > 200000 && rng.chance(0.45)) {
        const product = rng.pick(P.cd);
        const term = PRODUCTS[product].termDays ?? 365;
        const amount = roundTo(Math.max(200000, Math.min(rest, wealth * rng.uniform(0.1, 0.3))), 10000);
        const opened = this.before(1, term - 1);
        if (opened + term > windowStart) {
          const a = this.open(product, opened, amount);
          if (a >= 0) this.accounts[a].maturity = opened + term;
          rest -= amount;
        }
      }
      if (this.riskLevel >= 2 && rest > 20000 && rng.chance(0.5)) {
        for (let w = rng.range(1, 2); w > 0; w--) {
          const level = rng.range(Math.max(1, this.riskLevel - 2), this.riskLevel);
          const product = rng.pick(P.wealthByRisk[level - 1]);
          const info = PRODUCTS[product];
          const amount = roundTo(Math.max(info.minAmount, rest * rng.uniform(0.2, 0.5)), 1000);
          if (amount > rest * 1.2 && info.minAmount > 10000) continue;
          const opened = info.termDays ? this.before(1, info.termDays - 1) : this.before(30, 1500);
          const a = this.open(product, opened, amount);
          if (a < 0) break;
          if (info.termDays) this.accounts[a].maturity = opened + info.termDays;
          rest -= amount;
        }
      }
      if (this.riskLevel >= 3 && rng.chance(0.35)) {
        const product = rng.pick(P.fundByRisk[rng.range(2, this.riskLevel) - 1]);
        this.open(
          product,
          this.before(30, 2000),
          roundTo(Math.max(2000, wealth * rng.uniform(0.03, 0.15)), 10),
        );
      }
      if (age > 28 && rng.chance(age > 35 ? 0.14 : 0.06)) {
        const a = this.open(
          rng.pick(P.insurance),
          this.before(60, 3000),
          Math.round(rng.uniform(3000, 30000) * rng.range(1, 6)),
        );
        if (a >= 0) this.insurance.push(a);
      }
      if (working && age < 35 && rng.chance(0.05)) {
        this.instalmentAmount = roundTo(rng.uniform(500, 3000) * this.incomeScale, 100);
        const opened = this.before(20, 330);
        const paid = Math.max(1, Math.floor((windowStart - opened) / 30.4));
        this.instalmentTd = this.open(P.tdInstalment, opened, this.instalmentAmount * paid);
        if (this.instalmentTd >= 0) {
          this.accounts[this.instalmentTd].maturity = opened + 365;
          this.accounts[this.instalmentTd].payDay = clamp(Number(dayString(opened).slice(8, 10)), 1, 28);
        }
      }
      if (working && age <= 58 && age >= 28 && rng.chance(0.17 * Math.min(1.6, this.income / 10000))) {
        const product = rng.pick(P.mortgage);
        const principal = roundTo(Math.min(5e6, this.income * 12 * rng.uniform(4, 9)), 10000);
        const termMonths = rng.pick([240, 300, 360]);
        this.openLoan(
          product,
          Math.max(this.onboardDay, windowStart - rng.range(60, 15 * 365)),
          principal,
          termMonths,
        );
      }
      if (working && rng.chance(0.07)) {
        const product = rng.pick(P.consumerLoan);
        const termMonths = Math.round((PRODUCTS[product].termDays ?? 1095) / 30.4);
        const principal = roundTo(rng.uniform(20000, 200000) * this.incomeScale, 1000);
        this.openLoan(product, this.before(30, termMonths * 30 - 40), principal, termMonths);
      }
    }
    const cardP = this.student ? 0.12 : this.retiredAtStart ? 0.12 : this.ageGroup === 0 ? 0.42 : 0.38;
    if (!this.dormantAtStart && age >= 20 && age <= 68 && rng.chance(cardP)) {
      this.card = this.openCard(this.isNew ? this.onboardDay : this.before(30, 3000));
    }
    // Customers with loans drift but do not leave; a few borrowers fall into arrears at the end.
    if (this.churnMonth >= 0 && this.loans.length > 0) this.churnMonth = -1;
    const risky = this.loans.length > 0 && !this.churnDrift && rng.chance(0.06);
    this.arrearsFrom = risky ? this.M - rng.range(1, Math.min(3, this.M)) : this.M;
    this.homeMonth =
      !this.dormantAtStart &&
      !this.churnDrift &&
      this.loans.length === 0 &&
      working &&
      age >= 27 &&
      age <= 45 &&
      this.income >= 7000 &&
      rng.chance(0.05)
        ? rng.int(this.M)
        : -1;
    if (this.developers.length === 0) this.homeMonth = -1;
    this.currentOccupation = this.occupation;
    this.retired = this.retiredAtStart;
    this.stillStudent = this.student;
    this.reactivated = false;
    this.closedDay = -1;
  }

  private open(product: number, opened: number, balanceYuan: number): number {
    if (this.accounts.length >= 99) return -1;
    this.accounts.push(
      newAccount(
        accountId(this.index, this.accounts.length + 1),
        this.cid,
        product,
        opened,
        cents(balanceYuan),
        this.M,
      ),
    );
    return this.accounts.length - 1;
  }

  /** A day between `hi` and `lo` days before the window, not before the customer joined. */
  private before(lo: number, hi: number): number {
    return Math.max(this.onboardDay, this.ctx.windowStart - this.rng.range(lo, Math.max(lo, hi)));
  }

  private monthOf(day: number): number {
    for (let m = this.M - 1; m >= 0; m--) if (day >= this.spans[m].start) return m;
    return -1;
  }

  private openLoan(product: number, opened: number, principal: number, termMonths: number): void {
    const r = PRODUCTS[product].rate / 12;
    const instalment = (principal * r) / (1 - Math.pow(1 + r, -termMonths));
    const paid = Math.max(0, Math.floor((this.ctx.windowStart - opened) / 30.44));
    if (paid >= termMonths) return;
    const remaining = principal * Math.pow(1 + r, paid) - (instalment * (Math.pow(1 + r, paid) - 1)) / r;
    const a = this.open(product, opened, -Math.max(100, Math.round(remaining)));
    if (a < 0) return;
    const acc = this.accounts[a];
    acc.instalment = cents(instalment);
    acc.maturity = opened + Math.round(termMonths * 30.44);
    acc.payDay = clamp(Number(dayString(opened).slice(8, 10)), 1, 28);
    acc.limit = cents(principal);
    this.loans.push(a);
  }

  private openCard(opened: number): number {
    const { rng } = this;
    const a = this.open(rng.pick(P.card), opened, 0);
    if (a < 0) return -1;
    const acc = this.accounts[a];
    acc.limit = cents(clamp(roundTo(Math.max(this.income, 4000) * rng.uniform(2, 6), 1000), 5000, 200000));
    if (!this.isNew && opened < this.ctx.windowStart) {
      acc.balance = -Math.min(
        acc.limit,
        cents(roundTo(Math.max(this.income, 3000) * rng.uniform(0, 0.4), 1)),
      );
    }
    this.cardRevolver = rng.chance(0.2);
    this.cardDueDay = rng.range(5, 25);
    return a;
  }

  // Day helpers of the month being planned.
  private dayIn(): number {
    return this.first + this.rng.int(this.last - this.first + 1);
  }

  private dayAt(dayOfMonth: number): number {
    return clamp(this.span.start + dayOfMonth - 1, this.first, this.last);
  }

  /** Plans one movement on one account. */
  private move(
    ts: number,
    acct: number,
    amount: number,
    ch: number,
    ty: number,
    mode: number,
    cp: Counterparty,
    memo: string,
    mcc = '',
  ): number {
    return this.L.add(ts, acct, amount, ch, ty, mode, cp.name, cp.account, cp.bank, mcc, memo);
  }

  /**
   * Plans a movement between two of the customer's accounts: `out` leaves `from`, `into` arrives
   * in `to` (NaN `out`: a share of `from`'s balance at posting time, mirrored onto `to`).
   */
  private internal(
    ts: number,
    from: number,
    to: number,
    out: number,
    into: number,
    ch: number,
    ty: number,
    mode: number,
    memo: string,
  ): [number, number] {
    const a = this.accounts[from];
    const b = this.accounts[to];
    const L = this.L;
    const i = L.add(ts, from, out, ch, ty, mode, PRODUCTS[b.product].name, b.id, OWN_BANK, '', memo);
    const j = L.add(ts, to, into, ch, ty, MODE.apply, PRODUCTS[a.product].name, a.id, OWN_BANK, '', memo);
    L.link(i, j);
    return [i, j];
  }

  /** Plans, posts and closes one month. */
  private month(m: number, out: ChunkOutput): void {
    const { rng, spans, L, E } = this;
    const span = spans[m];
    this.m = m;
    this.span = span;
    L.reset();
    E.reset();
    this.closing = this.churnMonth === m;
    this.first = Math.max(span.start, this.onboardDay);
    // In the month a customer leaves, everything else happens before the day the accounts close.
    this.closeDay = this.closing ? clamp(span.start + rng.range(9, 25), this.first + 1, span.end) : -1;
    this.last = this.closing ? this.closeDay - 1 : span.end;
    const dormantNow = this.dormantAtStart && (this.reactivationMonth < 0 || m < this.reactivationMonth);
    this.drifting = this.churnDrift && m >= this.churnStart;
    this.progress = this.drifting ? (m - this.churnStart + 1) / (this.M - this.churnStart) : 0;
    this.growing = this.valueGrowth && m >= this.growthMonth;
    if (m === this.graduationMonth) {
      this.stillStudent = false;
      this.currentOccupation = this.graduateOccupation;
      if (this.card < 0 && rng.chance(0.4)) this.card = this.openCard(this.dayIn());
    }
    if (m === this.retirementMonth) {
      this.retired = true;
      this.currentOccupation = null;
    }
    if (m === this.marriageMonth) this.married = true;
    if (this.isNew && m === this.onboardMonth) {
      const amount = cents(roundTo(Math.max(200, this.wealth * rng.uniform(0.2, 0.5)), 100));
      const ts = timeOn(rng, this.onboardDay, 'business');
      if (rng.chance(0.5))
        this.move(ts, this.main, amount, CH.counter, TY.cash_deposit, MODE.apply, NOBODY, '开户存入');
      else this.move(ts, this.main, amount, CH.mobile, TY.transfer_in, MODE.apply, this.self, '开户存入');
    }
    if (m === this.reactivationMonth) {
      this.reactivated = true;
      this.accounts[this.main].status = 'active';
      const amount = cents(roundTo(rng.uniform(2000, 30000), 100));
      this.move(
        timeOn(rng, this.dayIn(), 'business'),
        this.main,
        amount,
        CH.counter,
        TY.cash_deposit,
        MODE.apply,
        NOBODY,
        '现金存入',
      );
    }
    this.planMaturities();
    this.planInterest();
    if (!dormantNow) {
      const income = this.planIncome();
      this.planOutflows(income);
      this.planSpending(income);
      this.planCardAndLoans();
      this.planSavings();
      this.planDrift();
      this.planLifeEvents(income);
      this.planApp();
    }
    if (this.closing) this.closeEverything(this.closeDay);
    L.post(this.accounts, this.ctx.target, m);
    this.monthEnd(m);
    if (E.n > 0) E.flush(out, this.cid, 'E' + this.cid.slice(1) + '-', this.eventSeq);
  }

  private planMaturities(): void {
    const { accounts, rng, L, span } = this;
    for (let a = 0; a < accounts.length; a++) {
      const acc = accounts[a];
      if (acc.opened < 0 || acc.closed >= 0 || acc.maturity < span.start || acc.maturity > this.last)
        continue;
      const cat = PRODUCTS[acc.product].category;
      const ts = acc.maturity * 86400 + 300 + rng.int(1800);
      if (cat === 'time_deposit' || cat === 'cd') {
        const term = PRODUCTS[acc.product].termDays ?? 365;
        const interest = Math.round((acc.balance * acc.rate * term) / 365);
        if (interest > 0) this.move(ts, a, interest, CH.system, TY.interest, MODE.apply, NOBODY, '到期利息');
        if (a !== this.instalmentTd && cat === 'time_deposit' && !this.drifting && rng.chance(0.5)) {
          acc.maturity += term;
          continue;
        }
        const [i] = this.internal(
          ts + 60,
          a,
          this.main,
          NaN,
          NaN,
          CH.system,
          TY.maturity,
          MODE.apply,
          '定期到期',
        );
        L.fraction(i, -1);
        L.closeAs[i] = MATURED;
        if (a === this.instalmentTd) this.instalmentTd = -1;
      } else if (cat === 'wealth' || cat === 'insurance') {
        const [i] = this.internal(
          ts,
          a,
          this.main,
          NaN,
          NaN,
          CH.system,
          TY.maturity,
          MODE.apply,
          '理财到期兑付',
        );
        L.fraction(i, -1);
        L.closeAs[i] = MATURED;
      }
    }
  }

  private planInterest(): void {
    const { span } = this;
    const day = span.start + 20;
    // Demand deposits earn interest quarterly, posted on the 21st of March, June, September and December.
    if (span.calendarMonth % 3 !== 0 || day < this.first || day > this.last) return;
    const i = this.move(
      day * 86400 + 3600 + this.rng.int(3600),
      this.main,
      NaN,
      CH.system,
      TY.interest,
      MODE.apply,
      NOBODY,
      '活期结息',
    );
    this.L.fraction(i, this.accounts[this.main].rate / 4);
  }

  /** Plans the month's income and returns its size in yuan. */
  private planIncome(): number {
    const { rng, span, main } = this;
    const employed = this.currentOccupation !== null && !this.stillStudent && !this.retired;
    const income = this.income * (this.growing ? this.growthFactor : 1);
    const own = this.ownCompany;
    if (own) {
      this.move(
        timeOn(rng, this.dayAt(own.payDay), 'business'),
        main,
        cents(roundTo(income * rng.uniform(0.5, 0.7), 100)),
        CH.online,
        TY.transfer_in,
        MODE.apply,
        own,
        '工资',
      );
      if (span.calendarMonth % 3 === 0 && rng.chance(0.5)) {
        this.move(
          timeOn(rng, this.dayIn(), 'business'),
          main,
          cents(roundTo(income * rng.uniform(0.5, 2), 1000)),
          CH.online,
          TY.transfer_in,
          MODE.apply,
          own,
          '股东分红',
        );
      }
    } else if (employed && this.currentOccupation) {
      const employer = this.employer;
      if (employer && !(this.salaryMoves && this.m >= this.salaryMoveMonth)) {
        const day = this.dayAt(clamp(employer.payDay + rng.range(-1, 1), 1, 28));
        const amount = roundTo(income * rng.uniform(0.97, 1.03), 0.01);
        if (this.payroll) {
          this.move(
            timeOn(rng, day, 'business'),
            main,
            cents(amount),
            CH.system,
            TY.salary,
            MODE.apply,
            employer,
            '代发工资',
          );
          if ((span.calendarMonth === 1 || span.calendarMonth === 2) && rng.chance(0.35)) {
            this.move(
              timeOn(rng, day, 'business'),
              main,
              cents(roundTo(income * rng.uniform(1, 3), 100)),
              CH.system,
              TY.salary,
              MODE.apply,
              employer,
              '年终奖',
            );
          }
        } else if (!this.paidFromOwnAccount) {
          this.move(
            timeOn(rng, day, 'business'),
            main,
            cents(amount),
            CH.online,
            TY.transfer_in,
            MODE.apply,
            employer,
            '工资',
          );
        } else {
          const next = day + 1 <= this.last ? day + 1 : day;
          this.move(
            timeOn(rng, next, 'evening'),
            main,
            cents(roundTo(amount * rng.uniform(0.5, 0.9), 100)),
            CH.mobile,
            TY.transfer_in,
            MODE.apply,
            this.self,
            '本人转入',
          );
        }
      } else if (this.currentOccupation.selfEmployed) {
        const n = rng.range(1, 2);
        for (let k = 0; k < n; k++) {
          const wechat = rng.chance(0.5);
          const amount = cents(roundTo((income / n) * rng.uniform(0.5, 1.5), 0.01));
          const cp = wechat ? WECHAT_TRANSFER : ALIPAY_TRANSFER;
          this.move(
            timeOn(rng, this.dayIn(), 'day'),
            main,
            amount,
            wechat ? CH.wechat_pay : CH.alipay,
            TY.transfer_in,
            MODE.apply,
            cp,
            '经营收款',
          );
        }
        if (rng.chance(0.3)) {
          this.move(
            timeOn(rng, this.dayIn(), 'business'),
            main,
            cents(roundTo(income * rng.uniform(0.1, 0.4), 100)),
            CH.counter,
            TY.cash_deposit,
            MODE.apply,
            NOBODY,
            '现金存入',
          );
        }
      }
      if (this.growing && this.m === this.growthMonth) {
        const lump = cents(roundTo(Math.max(income, 5000) * rng.uniform(3, 10), 1000));
        this.move(
          timeOn(rng, this.dayIn(), 'business'),
          main,
          lump,
          CH.online,
          TY.transfer_in,
          MODE.apply,
          this.self,
          '资金归集',
        );
      }
      return income;
    } else if (this.stillStudent) {
      this.move(
        timeOn(rng, this.dayAt(rng.range(1, 5)), 'evening'),
        main,
        cents(this.allowance),
        CH.mobile,
        TY.transfer_in,
        MODE.apply,
        this.parent,
        '生活费',
      );
      return this.allowance;
    } else if (this.retired) {
      this.move(
        timeOn(rng, this.dayAt(12), 'night'),
        main,
        cents(roundTo(this.pension, 0.01)),
        CH.system,
        TY.transfer_in,
        MODE.apply,
        this.socialSecurity,
        '养老金',
      );
      return this.pension;
    }
    if (this.growing && this.m === this.growthMonth) {
      const lump = cents(roundTo(Math.max(income, 5000) * rng.uniform(3, 10), 1000));
      this.move(
        timeOn(rng, this.dayIn(), 'business'),
        main,
        lump,
        CH.online,
        TY.transfer_in,
        MODE.apply,
        this.self,
        '资金归集',
      );
    }
    return own ? income : 0;
  }

  /** Money moved on to wallets or the main bank, and rent. */
  private planOutflows(income: number): void {
    const { rng, main } = this;
    if (this.closing || income <= 0) return;
    // Not every month: people sweep what has piled up every month or two.
    if (rng.chance(0.65)) {
      const amount = cents(roundTo((income * this.walletShare * rng.uniform(0.8, 1.2)) / 0.65, 100));
      const ts = timeOn(rng, this.dayAt(rng.range(8, 28)), 'evening');
      const w = this.wallet;
      if (w === null)
        this.move(ts, main, -amount, CH.mobile, TY.transfer_out, MODE.cap, this.self, '本人跨行转账');
      else this.move(ts, main, -amount, w.channel, TY.transfer_out, MODE.cap, w, w.memo);
    }
    const employed = this.currentOccupation !== null && !this.stillStudent && !this.retired;
    if (
      this.renter &&
      employed &&
      this.loans.length === 0 &&
      !(this.homeMonth >= 0 && this.m > this.homeMonth)
    ) {
      this.move(
        timeOn(rng, this.dayAt(this.rentDay), 'evening'),
        main,
        -cents(this.rent),
        CH.mobile,
        TY.transfer_out,
        MODE.cap,
        this.landlord,
        '房租',
      );
    }
  }

  private planSpending(income: number): void {
    const { rng } = this;
    const scale = Math.pow(Math.max(income, 2500) / 9000, 0.45);
    const parent = this.childMonth >= 0 && this.m > this.childMonth;
    let n = rng.poisson(
      this.spendRate * (this.drifting ? 1 - 0.6 * this.progress : 1) * (this.closing ? 0.3 : 1),
    );
    if (parent) n += rng.range(0, 2);
    for (let k = 0; k < n; k++) {
      const cat =
        parent && k === 0 ? EVENT_CATEGORIES.baby : MERCHANT_CATEGORIES[sampleIndex(this.categoryTable, rng)];
      this.spend(cat, scale, this.dayIn());
    }
    if (this.rng.chance(this.drifting ? 0.08 : 0.1)) {
      const amount = cents(roundTo(rng.lognormal(Math.log(1500 * scale), 0.8), 100));
      this.move(
        timeOn(rng, this.dayIn(), 'evening'),
        this.main,
        -amount,
        CH.mobile,
        TY.transfer_out,
        MODE.cap,
        rng.pick(this.family),
        rng.pick(FAMILY_MEMO),
      );
    }
    if (rng.chance(0.05)) {
      const amount = cents(roundTo(rng.lognormal(Math.log(1000), 0.8), 100));
      this.move(
        timeOn(rng, this.dayIn(), 'evening'),
        this.main,
        amount,
        CH.mobile,
        TY.transfer_in,
        MODE.apply,
        rng.pick(this.family),
        rng.pick(FAMILY_MEMO),
      );
    }
  }

  /** One purchase: cash, debit account or credit card, by channel. */
  private spend(cat: MerchantCategory, scale: number, day: number): void {
    const { rng } = this;
    let ch = sampleIndex(this.channelTable, rng);
    if (this.drifting && ch <= CH.online && rng.chance(0.5)) ch = rng.chance(0.5) ? CH.alipay : CH.wechat_pay;
    const amount = cents(roundTo(rng.lognormal(Math.log(cat.median * scale), cat.sigma), 0.01));
    if (ch === CH.atm || ch === CH.counter) {
      const cash = cents(roundTo(Math.max(100, (amount / 100) * rng.uniform(1, 3)), 100));
      this.move(
        timeOn(rng, day, 'day'),
        this.main,
        -cash,
        ch,
        TY.cash_withdrawal,
        MODE.cap,
        NOBODY,
        ch === CH.atm ? 'ATM取款' : '柜面取现',
      );
      return;
    }
    const merchant = cat.merchants[rng.int(cat.merchants.length)];
    const kind = cat.mcc === '5812' || cat.mcc === '5814' ? 'meal' : cat.mcc === '5999' ? 'evening' : 'day';
    const bank = ch === CH.wechat_pay ? '财付通' : ch === CH.alipay ? '支付宝' : '银联';
    const card = this.card >= 0 ? this.accounts[this.card] : null;
    const onCard =
      card !== null && card.closed < 0 && card.opened <= day && !this.drifting && rng.chance(0.5);
    this.L.add(
      timeOn(rng, day, kind),
      onCard ? this.card : this.main,
      -amount,
      ch,
      onCard ? TY.card_spending : TY.spending,
      MODE.cap,
      merchant,
      '',
      bank,
      cat.mcc,
      '',
    );
  }

  /** Credit card statement repayment and loan instalments (failing when the account runs dry). */
  private planCardAndLoans(): void {
    const { rng, accounts, main } = this;
    if (this.card >= 0 && !this.closing) {
      const card = accounts[this.card];
      if (card.closed < 0 && card.balance < 0) {
        const owed = -card.balance;
        const pay = this.cardRevolver
          ? Math.max(Math.min(owed, 10000), Math.round(owed * rng.uniform(0.1, 0.4)))
          : owed;
        this.internal(
          timeOn(rng, this.dayAt(this.cardDueDay), 'evening'),
          main,
          this.card,
          -pay,
          pay,
          CH.mobile,
          TY.card_repayment,
          MODE.cap,
          '信用卡还款',
        );
      }
    }
    for (const a of this.loans) {
      const loan = accounts[a];
      if (loan.closed >= 0 || loan.opened > this.span.end) continue;
      const day = this.dayAt(loan.payDay);
      if (day <= loan.opened) continue;
      const interest = Math.round((-loan.balance * PRODUCTS[loan.product].rate) / 12);
      let principal = loan.instalment - interest;
      const final = principal >= -loan.balance;
      if (final) principal = -loan.balance;
      const mode = this.m >= this.arrearsFrom ? MODE.forceFail : MODE.fail;
      const memo = PRODUCTS[loan.product].category === 'mortgage' ? '按揭还款' : '贷款还款';
      const [, j] = this.internal(
        day * 86400 + 600 + rng.int(7200),
        main,
        a,
        -(principal + interest),
        principal,
        CH.system,
        TY.loan_repayment,
        mode,
        memo,
      );
      if (final) this.L.closeAs[j] = CLOSE;
    }
  }

  /** Installment savings, insurance renewals, product purchases and redemptions. */
  private planSavings(): void {
    const { rng, accounts, main, span } = this;
    if (this.closing) return;
    if (this.instalmentTd >= 0 && accounts[this.instalmentTd].closed < 0) {
      const td = accounts[this.instalmentTd];
      const amount = cents(this.instalmentAmount);
      this.internal(
        timeOn(rng, this.dayAt(td.payDay), 'night'),
        main,
        this.instalmentTd,
        -amount,
        amount,
        CH.system,
        TY.transfer_out,
        MODE.cap,
        '零存整取',
      );
    }
    for (const a of this.insurance) {
      const acc = accounts[a];
      if (acc.closed >= 0 || acc.opened < 0 || acc.opened >= span.start) continue;
      const opened = dayString(acc.opened);
      if (Number(opened.slice(5, 7)) !== span.calendarMonth) continue;
      const premium = cents(roundTo(Math.max(PRODUCTS[acc.product].minAmount, 3000 * this.incomeScale), 100));
      this.internal(
        timeOn(rng, this.dayAt(Number(opened.slice(8, 10))), 'night'),
        main,
        a,
        -premium,
        premium,
        CH.system,
        TY.wealth_purchase,
        MODE.cap,
        '续期保费',
      );
    }
    if (!this.drifting) {
      const pBuy =
        (this.riskLevel >= 2 ? 0.1 : 0.04) * (this.growing ? 3 : 1) * (this.wealth > 50000 ? 1.5 : 0.6);
      if (rng.chance(pBuy)) this.buyProduct(-1);
    }
    for (let a = 0; a < accounts.length; a++) {
      const acc = accounts[a];
      const cat = PRODUCTS[acc.product].category;
      if (acc.opened < 0 || acc.closed >= 0 || acc.maturity >= 0 || (cat !== 'wealth' && cat !== 'fund'))
        continue;
      if (!rng.chance(this.drifting ? 0.35 : 0.05)) continue;
      const all = this.drifting || rng.chance(0.3);
      const [i] = this.internal(
        timeOn(rng, this.dayIn(), 'day'),
        a,
        main,
        NaN,
        NaN,
        CH.mobile,
        TY.wealth_redemption,
        MODE.apply,
        '赎回',
      );
      this.L.fraction(i, all ? -1 : -rng.uniform(0.2, 0.6), 100);
      if (all) this.L.closeAs[i] = CLOSE;
    }
  }

  /** Buys a product (or `forced`) with a share of the current balance; the account opens when paid. */
  private buyProduct(forced: number): void {
    const { rng, riskLevel } = this;
    const roll = rng.next();
    const product =
      forced >= 0
        ? forced
        : roll < 0.55
          ? rng.pick(P.wealthByRisk[rng.range(Math.max(1, riskLevel - 1), riskLevel) - 1])
          : roll < 0.8
            ? rng.pick(P.td)
            : roll < 0.9 && riskLevel >= 3
              ? rng.pick(P.fundByRisk[rng.range(2, riskLevel) - 1])
              : this.wealth > 300000
                ? rng.pick(P.cd)
                : rng.pick(P.td);
    const info = PRODUCTS[product];
    const a = this.open(product, -1, 0);
    if (a < 0) return;
    const day = this.dayIn();
    const ts = timeOn(rng, day, 'day');
    for (let v = rng.range(1, 3); v > 0; v--) {
      this.E.add(
        Math.max(this.first * 86400 + 28800, ts - rng.range(0, 5) * 86400 - rng.int(7200)),
        EV.view_product,
        PRODUCT_PROPS[product],
      );
    }
    const deposit = info.category === 'time_deposit' || info.category === 'cd';
    const [i, j] = this.internal(
      ts,
      this.main,
      a,
      NaN,
      NaN,
      CH.mobile,
      deposit ? TY.transfer_out : TY.wealth_purchase,
      MODE.cap,
      '购买' + info.name,
    );
    if (deposit) this.L.ty[j] = TY.transfer_in;
    this.L.fraction(
      i,
      -rng.uniform(0.3, 0.7),
      info.minAmount >= 10000 ? 100000 : 10000,
      Math.max(100, cents(info.minAmount)),
    );
    if (info.termDays) this.accounts[a].maturity = day + info.termDays;
    if (product === P.insuranceChild) this.insurance.push(a);
  }

  /** Churn drift: money leaves for internet platforms and other banks. */
  private planDrift(): void {
    const { rng } = this;
    if (!this.drifting || this.closing) return;
    for (let k = rng.chance(0.5) ? 2 : 1; k > 0; k--) {
      const ts = timeOn(rng, this.dayAt(rng.range(15, 28)), 'evening');
      const platform = rng.chance(0.5) ? rng.pick(INTERNET_WEALTH) : null;
      const i = platform
        ? this.L.add(
            ts,
            this.main,
            NaN,
            platform.channel === 'alipay' ? CH.alipay : CH.wechat_pay,
            TY.transfer_out,
            MODE.cap,
            platform.name,
            '',
            platform.bank,
            '',
            '转入' + platform.name,
          )
        : this.move(ts, this.main, NaN, CH.mobile, TY.transfer_out, MODE.cap, this.self, '本人跨行转出');
      this.L.fraction(i, -rng.uniform(0.25, 0.7), 10000, 50000);
    }
  }

  private planLifeEvents(income: number): void {
    const { rng, m } = this;
    const scale = Math.pow(Math.max(income, 2500) / 9000, 0.45);
    if (m === this.marriageMonth) {
      this.spend(EVENT_CATEGORIES.jewellery, scale, this.dayIn());
      this.spend(EVENT_CATEGORIES.wedding, 1, this.dayIn());
      for (let g = rng.range(2, 5); g > 0; g--) {
        const gift = cents(roundTo(rng.uniform(2000, 20000), 100));
        this.move(
          timeOn(rng, this.dayIn(), 'evening'),
          this.main,
          gift,
          CH.mobile,
          TY.transfer_in,
          MODE.apply,
          rng.pick(this.family),
          '新婚红包',
        );
      }
    }
    // Honeymoon flights the month after the wedding.
    if (this.marriageMonth >= 0 && m === this.marriageMonth + 1)
      this.spend(MERCHANT_CATEGORIES[14], 2, this.dayIn());
    if (m === this.childMonth) {
      this.spend(EVENT_CATEGORIES.hospital, 1, this.dayIn());
      if (rng.chance(0.4)) this.buyProduct(P.insuranceChild);
    }
    if (this.hasChildren && this.age > 32 && m % 3 === 0 && rng.chance(0.5))
      this.spend(EVENT_CATEGORIES.education, scale, this.dayIn());
    if (m === this.homeMonth) this.buyHome();
    if (this.homeMonth >= 0 && m > this.homeMonth && m <= this.homeMonth + 3) {
      this.spend(EVENT_CATEGORIES.furniture, scale, this.dayIn());
      this.spend(EVENT_CATEGORIES.building, scale, this.dayIn());
    }
  }

  /** Down payment to a developer (topped up from another bank if need be) and a new mortgage. */
  private buyHome(): void {
    const { rng, ctx } = this;
    const developer = ctx.input.companies[this.developers[rng.int(this.developers.length)]];
    const price = roundTo(Math.max(this.income, 7000) * 12 * rng.uniform(5, 10), 10000);
    const down = roundTo(price * rng.uniform(0.3, 0.4), 1000);
    const day = this.dayIn();
    const ts = timeOn(rng, day, 'business');
    const pay = this.move(
      ts,
      this.main,
      -cents(down),
      CH.counter,
      TY.transfer_out,
      MODE.apply,
      developer,
      '购房首付',
    );
    this.L.topUp[pay] = 1;
    const termMonths = rng.pick([240, 300, 360]);
    const product = rng.pick(P.mortgage);
    const a = this.open(product, day, 0);
    if (a < 0) return;
    const loan = this.accounts[a];
    const principal = cents(price - down);
    const r = PRODUCTS[product].rate / 12;
    loan.instalment = Math.round((principal * r) / (1 - Math.pow(1 + r, -termMonths)));
    loan.maturity = day + Math.round(termMonths * 30.44);
    loan.payDay = clamp(Number(dayString(day).slice(8, 10)), 1, 28);
    loan.limit = principal;
    this.move(
      ts + 3600,
      a,
      -principal,
      CH.system,
      TY.loan_disbursement,
      MODE.apply,
      developer,
      '个人住房贷款放款',
    );
    this.loans.push(a);
  }

  /** App sessions: logins with product views, clicks, searches and logouts; fewer as a customer drifts away. */
  private planApp(): void {
    const { rng, E } = this;
    if (!this.appUser) return;
    const rate = this.loginRate * (this.drifting ? 1 - 0.8 * this.progress : 1) * (this.closing ? 0.3 : 1);
    for (let k = rng.poisson(rate); k > 0; k--) {
      const ts = timeOn(rng, this.dayIn(), 'evening');
      E.add(ts, EV.login, '');
      let t = ts + 5 + rng.int(40);
      if (rng.chance(0.35)) {
        E.add(t, EV.view_product, PRODUCT_PROPS[this.browseProduct()]);
        t += 10 + rng.int(120);
      }
      if (rng.chance(0.25)) {
        E.add(t, EV.click, rng.pick(PAGE_PROPS));
        t += 5 + rng.int(60);
      }
      if (rng.chance(0.08)) {
        E.add(t, EV.search, rng.pick(SEARCH_PROPS));
        t += 5 + rng.int(60);
      }
      if (rng.chance(0.3)) E.add(t + rng.int(300), EV.logout, '');
    }
  }

  private browseProduct(): number {
    const { rng, riskLevel } = this;
    const roll = rng.next();
    if (roll < 0.45) return rng.pick(P.wealthByRisk[rng.range(1, riskLevel) - 1]);
    if (roll < 0.65) return rng.pick(P.fundByRisk[rng.range(1, riskLevel) - 1]);
    if (roll < 0.8) return rng.pick(rng.chance(0.5) ? P.td : P.cd);
    if (roll < 0.9) return rng.pick(P.card);
    return rng.pick(rng.chance(0.5) ? P.consumerLoan : P.insurance);
  }

  /** The customer leaves: holdings are redeemed, the card settled, and the balance moved to another bank. */
  private closeEverything(day: number): void {
    const { accounts, L, main } = this;
    this.closedDay = day;
    let t = day * 86400 + 10 * 3600;
    for (let a = 0; a < accounts.length; a++) {
      const acc = accounts[a];
      if (a === main || a === this.card || acc.opened < 0 || acc.closed >= 0) continue;
      const cat = PRODUCTS[acc.product].category;
      const deposit = cat === 'time_deposit' || cat === 'cd';
      t += 60;
      const [i, j] = this.internal(
        t,
        a,
        main,
        NaN,
        NaN,
        CH.counter,
        deposit ? TY.transfer_out : TY.wealth_redemption,
        MODE.apply,
        deposit ? '提前支取' : '赎回',
      );
      if (deposit) L.ty[j] = TY.transfer_in;
      L.fraction(i, -1);
      L.closeAs[i] = CLOSE;
    }
    if (this.card >= 0 && accounts[this.card].closed < 0) {
      t += 600;
      const [i, j] = this.internal(
        t,
        this.card,
        main,
        NaN,
        NaN,
        CH.counter,
        TY.card_repayment,
        MODE.apply,
        '销户结清',
      );
      L.fraction(i, -1);
      L.closeAs[i] = CLOSE;
      L.topUp[j] = 1;
    }
    t += 1200;
    const last = this.move(t, main, NaN, CH.counter, TY.transfer_out, MODE.apply, this.self, '销户转出');
    L.fraction(last, -1);
    L.closeAs[last] = CLOSE;
  }

  /** After posting: closes what the departure emptied, values holdings, records month-end balances. */
  private monthEnd(m: number): void {
    const { accounts, rng, span } = this;
    if (this.closing) {
      for (const acc of accounts) {
        if (acc.opened >= 0 && acc.closed < 0 && acc.balance === 0) {
          acc.closed = this.closedDay;
          acc.status = 'closed';
        }
      }
    }
    for (const acc of accounts) {
      if (acc.opened < 0 || acc.opened > span.end) continue;
      if (acc.closed >= 0 && acc.closed < span.start) continue;
      if (acc.closed < 0) {
        const info = PRODUCTS[acc.product];
        // Valuations move wealth, fund and insurance balances without a transaction.
        if (info.category === 'wealth' || info.category === 'insurance') {
          acc.balance = Math.round(acc.balance * (1 + (acc.rate / 12) * rng.uniform(0.6, 1.3)));
        } else if (info.category === 'fund') {
          const level = Number(info.riskLevel?.slice(1) ?? 1);
          acc.balance = Math.max(
            0,
            Math.round(acc.balance * (1 + acc.rate / 12 + rng.normal() * FUND_VOLATILITY[level - 1])),
          );
        }
      }
      acc.monthEnd[m] = acc.balance;
    }
  }

  private writeRows(out: ChunkOutput): void {
    const { accounts, M, spans, core, ctx } = this;
    const churned = this.churnMonth >= 0 && accounts.every((a) => a.opened < 0 || a.closed >= 0);
    const dormant = this.dormantAtStart && !this.reactivated;
    if (dormant) {
      for (const acc of accounts)
        if (acc.closed < 0 && (acc.product === P.current || acc.product === P.payroll))
          acc.status = 'dormant';
    }
    for (const a of this.loans) {
      const loan = accounts[a];
      if (loan.closed < 0 && loan.lastFailedMonth === M - 1) loan.status = 'overdue';
    }
    const occupation = this.ownCompany
      ? BUSINESS_OWNER
      : this.stillStudent
        ? STUDENT
        : this.retired
          ? RETIREE
          : (this.currentOccupation?.name ?? RETIREE);
    const income = this.stillStudent
      ? this.allowance
      : this.retired
        ? this.pension
        : this.income * (this.valueGrowth ? this.growthFactor : 1);
    const district = this.rng.pick(this.city.districts);
    const rng = this.rng;
    const address = `${this.city.prefix}${district.name}${rng.pick(this.city.roads)}${rng.range(1, 999)}号${rng.range(1, 30)}幢${rng.range(1, 6)}单元${rng.range(1, 33)}0${rng.range(1, 4)}室`;
    out.customer.write(
      csvRow([
        this.cid,
        this.index + 1,
        'retail',
        this.name,
        core.male ? 'M' : 'F',
        dayString(core.birthDay),
        residentIdOf(core, ctx.input.idSeq[this.index]),
        makeMobile(rng.pick(MOBILE_PREFIXES), this.index, phoneOffset(ctx.seed)),
        address,
        this.city.name,
        occupation,
        incomeBand(income),
        'C' + this.riskLevel,
        dayString(this.onboardDay),
        ctx.input.org.branches[this.homeNode].id,
        this.rm,
        churned ? 'closed' : dormant ? 'dormant' : 'active',
        rng.chance(0.72),
        rng.chance(0.8),
        rng.chance(0.45),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ]),
    );
    out.counts.customer++;
    writeAccounts(out, accounts, this.cid, ctx);
    out.counts.transaction += ctx.target.count;

    const events: string[] = [];
    const add = (label: string, m: number): void => {
      if (m >= 0) events.push(`${label}:${spans[m].label.slice(0, 7)}`);
    };
    add('graduation', this.graduationMonth);
    add('marriage', this.marriageMonth);
    add('child', this.childMonth);
    add('home_purchase', this.homeMonth);
    add('retirement', this.retirementMonth);
    const { age } = this;
    const stage = this.stillStudent
      ? 'student'
      : this.retired
        ? 'retired'
        : age >= 55
          ? 'pre_retirement'
          : this.married && age < 45
            ? 'young_family'
            : age < 45
              ? 'single'
              : 'mature';
    out.truth.write(
      csvRow([
        this.cid,
        stage,
        events.join(';'),
        this.churnDrift,
        churned,
        this.churnDrift ? spans[this.churnStart].label : null,
        this.valueGrowth,
        dormant,
        this.reactivated,
      ]),
    );
  }
}

const WECHAT_TRANSFER: Counterparty = { name: '微信转账', account: '', bank: '财付通' };
const ALIPAY_TRANSFER: Counterparty = { name: '支付宝转账', account: '', bank: '支付宝' };

/** Appends a customer's account rows and month-end balance rows. */
export function writeAccounts(out: ChunkOutput, accounts: Account[], cid: string, ctx: SimContext): void {
  const spans = ctx.spans;
  const prefix = ',' + cid + ',';
  for (const acc of accounts) {
    if (acc.opened < 0) continue;
    const info = PRODUCTS[acc.product];
    const credit =
      info.category === 'credit_card' ||
      info.category === 'consumer_loan' ||
      info.category === 'mortgage' ||
      info.category === 'working_capital_loan' ||
      info.category === 'bill';
    out.account.write(
      csvRow([
        acc.id,
        cid,
        info.id,
        dayString(acc.opened),
        acc.closed >= 0 ? dayString(acc.closed) : null,
        acc.status,
        money(acc.balance),
        credit && acc.limit > 0 ? money(acc.limit) : null,
        acc.maturity >= 0 && info.category !== 'credit_card' ? dayString(acc.maturity) : null,
      ]),
    );
    out.counts.account++;
    for (let m = 0; m < spans.length; m++) {
      const v = acc.monthEnd[m];
      if (Number.isNaN(v)) continue;
      out.balance_monthly.write(acc.id + prefix + spans[m].label + ',' + money(v) + '\n');
      out.counts.balance_monthly++;
    }
  }
}
