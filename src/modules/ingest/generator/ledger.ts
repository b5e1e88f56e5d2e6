/**
 * Accounts and the month ledger: a customer's planned movements are collected for one month, sorted
 * by time and posted in order, so balances only change through emitted transactions, outflows that
 * would overdraw are dropped (or recorded as failed repayments), and two-legged movements stay paired.
 */
import { CHANNELS, TRANSACTION_TYPES } from '../../../platform/warehouse/index.ts';
import type { ByteSink } from './byte-sink.ts';
import { timestampString } from './calendar.ts';
import { PRODUCTS } from './products.ts';

/** Channel indices into CHANNELS. */
export const CH = {
  counter: 0,
  atm: 1,
  mobile: 2,
  online: 3,
  pos: 4,
  wechat_pay: 5,
  alipay: 6,
  system: 7,
} as const satisfies Record<(typeof CHANNELS)[number], number>;

/** Transaction type indices into TRANSACTION_TYPES. */
export const TY = Object.fromEntries(TRANSACTION_TYPES.map((t, i) => [t, i])) as Record<
  (typeof TRANSACTION_TYPES)[number],
  number
>;

/** How an entry reacts when it would overdraw its account. */
export const MODE = {
  /** Always post. */
  apply: 0,
  /** Drop it (and its pair) when the account cannot cover it. */
  cap: 1,
  /** Post a zero-amount loan_repayment_failed on the pair's account instead. */
  fail: 2,
  /** Always fail (a borrower in arrears). */
  forceFail: 3,
} as const;

/** Account status values. */
export type AccountStatus = 'active' | 'dormant' | 'closed' | 'matured' | 'overdue';

/** One account during simulation. Money in cents. */
export interface Account {
  id: string;
  /** `,<account id>,<customer id>,`: the fixed middle of this account's transaction rows. */
  key: string;
  product: number;
  /** Opening day; -1 while pending (opened by its first credit, voided when that never comes). */
  opened: number;
  closed: number;
  status: AccountStatus;
  balance: number;
  limit: number;
  maturity: number;
  /** Month-end balances (NaN = no row that month). */
  monthEnd: Float64Array;
  /** Day of month repayments or salary fall on. */
  payDay: number;
  /** Monthly instalment (loans) in cents. */
  instalment: number;
  /** Annual rate used for instalment interest and valuation. */
  rate: number;
  /** Credit card: spending of the current and previous month (cents). */
  spendThisMonth: number;
  spendLastMonth: number;
  failures: number;
  lastFailedMonth: number;
}

/** Creates an account; `opened` -1 makes it pending until its first credit posts. */
export function newAccount(
  id: string,
  customerId: string,
  product: number,
  opened: number,
  balance: number,
  months: number,
): Account {
  return {
    id,
    key: ',' + id + ',' + customerId + ',',
    product,
    opened,
    closed: -1,
    status: 'active',
    balance,
    limit: 0,
    maturity: -1,
    monthEnd: new Float64Array(months).fill(NaN),
    payDay: 1,
    instalment: 0,
    rate: PRODUCTS[product].rate,
    spendThisMonth: 0,
    spendLastMonth: 0,
    failures: 0,
    lastFailedMonth: -1,
  };
}

/** Formats cents as yuan with two decimals. */
export function money(cents: number): string {
  const neg = cents < 0;
  const a = neg ? -cents : cents;
  const y = Math.floor(a / 100);
  const f = a - y * 100;
  return (neg ? '-' : '') + y + (f < 10 ? '.0' : '.') + f;
}

// `,<channel>,<type>,` for every pair, so a row needs two fewer concatenations.
const CHANNEL_TYPE: string[] = [];
CHANNELS.forEach((ch, c) =>
  TRANSACTION_TYPES.forEach((ty, t) => (CHANNEL_TYPE[c * 32 + t] = ',' + ch + ',' + ty + ',')),
);

/** Where posted transactions go: the customer's id, the transaction id prefix and counter. */
export interface PostingTarget {
  customerId: string;
  txnPrefix: string;
  seq: number;
  sink: ByteSink;
  count: number;
}

/**
 * One customer-month of planned movements (struct of arrays, reused across customers to keep the
 * hot path free of per-transaction objects).
 */
export class MonthLedger {
  n = 0;
  private cap = 0;
  ts = new Float64Array(0);
  acct = new Int32Array(0);
  amt = new Float64Array(0);
  /** For NaN amounts: amount = floor(balance × frac / gran) × gran (negative frac debits). */
  frac = new Float64Array(0);
  gran = new Float64Array(0);
  minAmt = new Float64Array(0);
  mode = new Uint8Array(0);
  pair = new Int32Array(0);
  ch = new Uint8Array(0);
  ty = new Uint8Array(0);
  /** 0 keep open, 1 close after posting, 2 mark matured after posting. */
  closeAs = new Uint8Array(0);
  /** Debits that must happen: when the account cannot cover one, the customer first moves money in from another bank. */
  topUp = new Uint8Array(0);
  dropped = new Uint8Array(0);
  /** Account that records a failed repayment (-1: the pair's account, else the entry's own). */
  failAcct = new Int32Array(0);
  order = new Int32Array(0);
  cpName: string[] = [];
  cpAcct: string[] = [];
  cpBank: string[] = [];
  mcc: string[] = [];
  memo: string[] = [];
  /** Counterparty of automatic top-ups: the customer's own account at another bank. */
  topUpName = '';
  topUpBank = '';

  constructor(capacity = 256) {
    this.grow(capacity);
  }

  private grow(capacity: number): void {
    const copy = <T extends Float64Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.ts = copy(this.ts, (n) => new Float64Array(n));
    this.acct = copy(this.acct, (n) => new Int32Array(n));
    this.amt = copy(this.amt, (n) => new Float64Array(n));
    this.frac = copy(this.frac, (n) => new Float64Array(n));
    this.gran = copy(this.gran, (n) => new Float64Array(n));
    this.minAmt = copy(this.minAmt, (n) => new Float64Array(n));
    this.mode = copy(this.mode, (n) => new Uint8Array(n));
    this.pair = copy(this.pair, (n) => new Int32Array(n));
    this.ch = copy(this.ch, (n) => new Uint8Array(n));
    this.ty = copy(this.ty, (n) => new Uint8Array(n));
    this.closeAs = copy(this.closeAs, (n) => new Uint8Array(n));
    this.topUp = copy(this.topUp, (n) => new Uint8Array(n));
    this.dropped = copy(this.dropped, (n) => new Uint8Array(n));
    this.failAcct = copy(this.failAcct, (n) => new Int32Array(n));
    this.order = copy(this.order, (n) => new Int32Array(n));
    this.cap = capacity;
  }

  /** Empties the ledger for the next month. */
  reset(): void {
    this.n = 0;
  }

  /** Plans one movement of `amount` cents (NaN: computed from the balance with `frac`); returns its index. */
  add(
    ts: number,
    acct: number,
    amount: number,
    ch: number,
    ty: number,
    mode: number,
    cpName = '',
    cpAcct = '',
    cpBank = '',
    mcc = '',
    memo = '',
  ): number {
    if (this.n === this.cap) this.grow(this.cap * 2);
    const i = this.n++;
    this.ts[i] = ts;
    this.acct[i] = acct;
    this.amt[i] = amount;
    this.frac[i] = 0;
    this.gran[i] = 1;
    this.minAmt[i] = 0;
    this.mode[i] = mode;
    this.pair[i] = -1;
    this.ch[i] = ch;
    this.ty[i] = ty;
    this.closeAs[i] = 0;
    this.topUp[i] = 0;
    this.dropped[i] = 0;
    this.failAcct[i] = -1;
    this.cpName[i] = cpName;
    this.cpAcct[i] = cpAcct;
    this.cpBank[i] = cpBank;
    this.mcc[i] = mcc;
    this.memo[i] = memo;
    return i;
  }

  /** Makes an amount depend on the balance when posted: floor(balance × frac / gran) × gran, at least min. */
  fraction(i: number, frac: number, granularity = 1, min = 0): void {
    this.amt[i] = NaN;
    this.frac[i] = frac;
    this.gran[i] = granularity;
    this.minAmt[i] = min;
  }

  /** Links two entries: the first posted decides for both; computed amounts mirror onto the second. */
  link(first: number, second: number): void {
    this.pair[first] = second;
    this.pair[second] = first;
  }

  private sortOrder(): Int32Array {
    const n = this.n;
    const order = this.order;
    const ts = this.ts;
    for (let i = 0; i < n; i++) order[i] = i;
    for (let i = 1; i < n; i++) {
      const v = order[i];
      const t = ts[v];
      let j = i - 1;
      while (j >= 0 && (ts[order[j]] > t || (ts[order[j]] === t && order[j] > v))) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = v;
    }
    return order;
  }

  /** The running balance of one account over the planned fixed amounts, in time order: its end and its low. */
  project(acct: number, balance: number): { end: number; min: number } {
    const order = this.sortOrder();
    let b = balance;
    let min = balance;
    for (let k = 0; k < this.n; k++) {
      const i = order[k];
      if (this.acct[i] !== acct || Number.isNaN(this.amt[i])) continue;
      b += this.amt[i];
      if (b < min) min = b;
    }
    return { end: b, min };
  }

  /** Records a failure of entry `i` on account `acct` (e.g. the loan whose interest was due). */
  failOn(i: number, acct: number): void {
    this.failAcct[i] = acct;
  }

  /**
   * Posts the month in time order (ties in planning order), updating balances and writing one CSV
   * row per posted transaction.
   */
  post(accounts: Account[], target: PostingTarget, monthIndex: number): void {
    const n = this.n;
    const order = this.sortOrder();
    for (let k = 0; k < n; k++) {
      const i = order[k];
      if (this.dropped[i]) continue;
      const a = accounts[this.acct[i]];
      const p = this.pair[i];
      let amount = this.amt[i];
      if (Number.isNaN(amount)) {
        const g = this.gran[i];
        const raw = a.balance * this.frac[i];
        amount = raw >= 0 ? Math.floor(raw / g) * g : -Math.floor(-raw / g) * g;
        if (amount === 0 || Math.abs(amount) < this.minAmt[i]) {
          this.dropped[i] = 1;
          if (p >= 0) this.dropped[p] = 1;
          continue;
        }
        if (p >= 0) this.amt[p] = -amount;
      }
      if (this.topUp[i] && amount < 0 && a.balance + amount < -a.limit) {
        const shortfall = -a.limit - (a.balance + amount);
        a.balance += shortfall;
        this.emit(
          a,
          this.ts[i],
          shortfall,
          CH.mobile,
          TY.transfer_in,
          this.topUpName,
          '',
          this.topUpBank,
          '',
          '他行转入',
          target,
        );
      }
      const mode = this.mode[i];
      if (mode === MODE.forceFail || (mode !== MODE.apply && amount < 0 && a.balance + amount < -a.limit)) {
        this.dropped[i] = 1;
        if (p >= 0) this.dropped[p] = 1;
        if (mode === MODE.fail || mode === MODE.forceFail) {
          const loan =
            this.failAcct[i] >= 0 ? accounts[this.failAcct[i]] : p >= 0 ? accounts[this.acct[p]] : a;
          loan.failures++;
          loan.lastFailedMonth = monthIndex;
          this.emit(
            loan,
            this.ts[i],
            0,
            CH.system,
            TY.loan_repayment_failed,
            this.cpName[i],
            a.id,
            this.cpBank[i],
            '',
            `扣款失败 应还${money(-amount)}元`,
            target,
          );
        }
        continue;
      }
      if (a.opened < 0) a.opened = Math.floor(this.ts[i] / 86400);
      a.balance += amount;
      this.emit(
        a,
        this.ts[i],
        amount,
        this.ch[i],
        this.ty[i],
        this.cpName[i],
        this.cpAcct[i],
        this.cpBank[i],
        this.mcc[i],
        this.memo[i],
        target,
      );
      if (a.limit > 0 && amount < 0 && this.ty[i] === TY.card_spending) a.spendThisMonth -= amount;
      const close = this.closeAs[i];
      if (close) {
        a.closed = Math.floor(this.ts[i] / 86400);
        a.status = close === 2 ? 'matured' : 'closed';
      }
    }
  }

  private emit(
    a: Account,
    ts: number,
    amount: number,
    ch: number,
    ty: number,
    cpName: string,
    cpAcct: string,
    cpBank: string,
    mcc: string,
    memo: string,
    target: PostingTarget,
  ): void {
    target.sink.write(
      target.txnPrefix +
        ++target.seq +
        a.key +
        timestampString(ts) +
        ',' +
        money(amount) +
        CHANNEL_TYPE[ch * 32 + ty] +
        cpName +
        ',' +
        cpAcct +
        ',' +
        cpBank +
        ',' +
        mcc +
        ',' +
        memo +
        '\n',
    );
    target.count++;
  }
}
