/**
 * One corporate customer over the window: settlement, deposits, loans and bills; supply-chain
 * payments (computed per edge, so both companies of an edge book the same payment), payroll, taxes,
 * and the sales receipts that keep its cash plausible; distress shows as failed loan payments.
 */
import type { MonthSpan } from './calendar.ts';
import { dayString, isWeekend } from './calendar.ts';
import { INDUSTRIES, OWN_BANK } from './commerce.ts';
import { accountId, type Company, customerId, type SupplyEdge } from './companies.ts';
import { csvRow } from './csv.ts';
import { makeMobile, MOBILE_PREFIXES, phoneOffset } from './identifiers.ts';
import { type Account, CH, MODE, money, newAccount, TY } from './ledger.ts';
import { CITIES } from './places.ts';
import { P, PRODUCTS } from './products.ts';
import { type Rng, rngFor, SALT, sampleIndex } from './random.ts';
import { writeAccounts } from './retail.ts';
import { type ChunkOutput, EV, PRODUCT_PROPS, type SimContext } from './simulation.ts';

// Chinese New Year depresses February; December and January carry year-end settlements.
const SEASON = [1.1, 0.7, 1.0, 1.0, 1.0, 1.05, 1.0, 1.0, 1.05, 0.95, 1.05, 1.2];
const CLOSE = 1;
const MATURED = 2;
const CORPORATE_VIEWABLE = [
  P.corporateWealth,
  ...P.corporateTd,
  ...P.workingCapital,
  P.billAcceptance,
  P.billDiscount,
  P.payrollService,
];

const cents = (yuan: number): number => Math.round(yuan * 100);
const roundTo = (x: number, step: number): number => Math.max(step, Math.round(x / step) * step);
const clamp = (x: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, x));

/** One supply-chain payment: when and how much (cents). */
export interface EdgePayment {
  ts: number;
  amount: number;
}

/**
 * The payments of supply edge `edgeIdx` in month `span`: a pure function of (seed, edge, month), so
 * the buyer's and the supplier's simulations — possibly in different threads — agree exactly.
 */
export function edgePayments(
  seed: number,
  edgeIdx: number,
  edge: SupplyEdge,
  buyer: Company,
  span: MonthSpan,
): EdgePayment[] {
  if (edge.since > span.end) return [];
  const r = rngFor(seed, SALT.edge, edgeIdx, span.index);
  const distressed = buyer.distressMonth >= 0 && span.index >= buyer.distressMonth;
  const payments: EdgePayment[] = [];
  for (let j = 0; j < edge.perMonth; j++) {
    const skip = distressed && r.chance(0.5);
    let day = span.start + clamp(edge.day + j * Math.floor(28 / edge.perMonth) + r.range(-2, 2), 1, 28) - 1;
    while (isWeekend(day) && day > span.start) day--;
    const amount = cents(
      roundTo(
        (edge.annual / 12 / edge.perMonth) *
          SEASON[span.calendarMonth - 1] *
          r.lognormal(0, 0.25) *
          (distressed ? 0.6 : 1),
        0.01,
      ),
    );
    const ts = day * 86400 + Math.floor(r.uniform(9, 17) * 3600);
    if (!skip && day >= edge.since && day <= span.end) payments.push({ ts, amount });
  }
  return payments;
}

function businessTime(rng: Rng, day: number): number {
  return day * 86400 + Math.floor(rng.uniform(9, 17.5) * 3600);
}

/** Simulates corporate customer `index` and appends its rows to `out`. */
export function simulateCorporate(ctx: SimContext, index: number, out: ChunkOutput): void {
  const { spans, windowStart, input, ledger: L, events: E } = ctx;
  const M = spans.length;
  const k = input.companyOfCustomer[index];
  const company = input.companies[k];
  const rng = rngFor(ctx.seed, SALT.corporateLife, index);
  const cid = customerId(index);
  const city = CITIES[company.cityIdx];
  const monthlyRevenue = company.revenue / 12;
  const onboardDay =
    company.established > windowStart - 400
      ? company.established + rng.range(0, 30)
      : windowStart - rng.range(60, Math.max(61, Math.min(3650, windowStart - company.established - 31)));

  const accounts: Account[] = [];
  const open = (product: number, opened: number, balanceYuan: number): number => {
    if (accounts.length >= 99) return -1;
    accounts.push(
      newAccount(accountId(index, accounts.length + 1), cid, product, opened, cents(balanceYuan), M),
    );
    return accounts.length - 1;
  };
  const settlement = open(
    P.settlement,
    onboardDay,
    onboardDay < windowStart ? roundTo(monthlyRevenue * rng.uniform(0.4, 1.2), 0.01) : 0,
  );
  const settlementId = accounts[settlement].id;
  if (company.hasPayroll) open(P.payrollService, Math.max(onboardDay, windowStart - rng.range(30, 2000)), 0);
  let loan = -1;
  if (company.loan) {
    const opened = Math.max(company.loan.start, onboardDay);
    loan = open(company.loan.product, opened, opened < windowStart ? -company.loan.amount : 0);
    const acc = accounts[loan];
    acc.maturity = opened + Math.round(company.loan.termMonths * 30.44);
    acc.limit = cents(company.loan.amount);
    acc.rate = company.loan.rate;
    acc.payDay = 21;
  }
  const deposits: number[] = [];
  if (rng.chance(0.25) && onboardDay < windowStart) {
    const product = rng.pick(P.corporateTd);
    const term = PRODUCTS[product].termDays ?? 365;
    const opened = Math.max(onboardDay, windowStart - rng.range(1, term - 1));
    const a = open(
      product,
      opened,
      roundTo(Math.max(10000, company.revenue * rng.uniform(0.02, 0.1)), 10000),
    );
    if (a >= 0) {
      accounts[a].maturity = opened + term;
      deposits.push(a);
    }
  }
  const bills: number[] = [];
  const openBill = (day: number, supplier: Company | null): void => {
    const a = open(P.billAcceptance, day, 0);
    if (a < 0) return;
    const face = roundTo(monthlyRevenue * rng.uniform(0.1, 0.4), 10000);
    accounts[a].maturity = day + 180;
    accounts[a].limit = cents(face);
    bills.push(a);
    if (day < windowStart) accounts[a].balance = -cents(face);
    else
      L.add(
        businessTime(rng, day),
        a,
        -cents(face),
        CH.counter,
        TY.loan_disbursement,
        MODE.apply,
        supplier?.name ?? '',
        supplier?.account ?? '',
        supplier?.bank ?? '',
        '',
        '开立银行承兑汇票',
      );
  };
  if (company.hasBill && onboardDay < windowStart - 180) openBill(windowStart - rng.range(10, 170), null);

  const target = ctx.target;
  target.customerId = cid;
  target.txnPrefix = 'T' + cid.slice(1) + '-';
  target.seq = 0;
  target.sink = out.transaction;
  target.count = 0;
  L.topUpName = company.name;
  L.topUpBank = rng.pick(['工商银行', '建设银行', '招商银行', '农业银行']);
  const eventSeq = { n: 0 };
  const eventPrefix = 'E' + cid.slice(1) + '-';
  const edgeIdxs = input.edgesOf[k];
  const taxOffice = `国家税务总局${city.name}市税务局`;
  const socialSecurity = `${city.name}市社会保险事业管理中心`;
  const utility = `国网${city.name}供电公司`;
  const wage = 6000 + 4000 * rng.next() + (INDUSTRIES[company.industryIdx].letter === 'I' ? 6000 : 0);
  const loginRate = company.size === 'micro' ? 3 : company.size === 'small' ? 6 : 10;
  const externals = input.companies.length;

  for (let m = 0; m < M; m++) {
    const span = spans[m];
    if (onboardDay > span.end) continue;
    L.reset();
    E.reset();
    const first = Math.max(span.start, onboardDay);
    const dayAt = (dom: number): number => {
      let d = clamp(span.start + dom - 1, first, span.end);
      while (isWeekend(d) && d > first) d--;
      return d;
    };
    const distressed = company.distressMonth >= 0 && m >= company.distressMonth;
    const season = SEASON[span.calendarMonth - 1];

    // Supply chain: purchases paid to suppliers, sales received from buyers.
    for (const e of edgeIdxs) {
      const edge = input.edges[e];
      const buyer = input.companies[edge.buyer];
      const payments = edgePayments(ctx.seed, e, edge, buyer, span);
      for (const pay of payments) {
        if (pay.ts < first * 86400) continue;
        if (edge.buyer === k) {
          const s = input.companies[edge.supplier];
          L.add(
            pay.ts,
            settlement,
            -pay.amount,
            CH.online,
            TY.corporate_payment,
            MODE.apply,
            s.name,
            s.account,
            s.bank,
            '',
            '货款',
          );
        } else {
          L.add(
            pay.ts,
            settlement,
            pay.amount,
            CH.online,
            TY.corporate_receipt,
            MODE.apply,
            buyer.name,
            buyer.account,
            buyer.bank,
            '',
            '货款',
          );
        }
      }
    }
    // Payroll, social insurance, taxes, utilities and fees.
    if (company.hasPayroll) {
      const amount = roundTo(
        company.employees * wage * rng.uniform(0.95, 1.05) * (span.calendarMonth === 1 ? 1.8 : 1),
        0.01,
      );
      L.add(
        businessTime(rng, dayAt(company.payDay)),
        settlement,
        -cents(amount),
        CH.online,
        TY.corporate_payment,
        MODE.apply,
        '代发工资',
        '',
        OWN_BANK,
        '',
        `代发${span.calendarMonth}月工资`,
      );
    }
    L.add(
      businessTime(rng, dayAt(rng.range(10, 15))),
      settlement,
      -cents(roundTo(company.employees * wage * 0.3, 0.01)),
      CH.online,
      TY.corporate_payment,
      MODE.apply,
      socialSecurity,
      '',
      OWN_BANK,
      '',
      '社会保险费',
    );
    L.add(
      businessTime(rng, dayAt(15)),
      settlement,
      -cents(roundTo(monthlyRevenue * season * rng.uniform(0.02, 0.05), 0.01)),
      CH.online,
      TY.corporate_payment,
      MODE.apply,
      taxOffice,
      '',
      '国家金库',
      '',
      '增值税',
    );
    if (span.calendarMonth % 3 === 1) {
      L.add(
        businessTime(rng, dayAt(rng.range(12, 15))),
        settlement,
        -cents(roundTo(monthlyRevenue * 3 * rng.uniform(0.005, 0.02), 0.01)),
        CH.online,
        TY.corporate_payment,
        MODE.apply,
        taxOffice,
        '',
        '国家金库',
        '',
        '企业所得税预缴',
      );
    }
    L.add(
      businessTime(rng, dayAt(rng.range(5, 25))),
      settlement,
      -cents(roundTo(monthlyRevenue * rng.uniform(0.003, 0.012), 0.01)),
      CH.online,
      TY.corporate_payment,
      MODE.apply,
      utility,
      '',
      rng.pick(['工商银行', '建设银行', '农业银行']),
      '',
      '电费',
    );
    if (rng.chance(0.5))
      L.add(
        businessTime(rng, span.end),
        settlement,
        -cents(rng.range(2, 30) * 10),
        CH.system,
        TY.fee,
        MODE.apply,
        '',
        '',
        '',
        '',
        '账户管理费',
      );

    // Loan interest on the 21st, principal at maturity, renewal when healthy.
    if (loan >= 0) {
      const acc = accounts[loan];
      if (acc.opened >= span.start && acc.opened <= span.end && acc.balance === 0 && acc.closed < 0) {
        const ts = businessTime(rng, acc.opened);
        const give = L.add(
          ts,
          loan,
          -acc.limit,
          CH.system,
          TY.loan_disbursement,
          MODE.apply,
          company.name,
          settlementId,
          OWN_BANK,
          '',
          '流动资金贷款放款',
        );
        const into = L.add(
          ts,
          settlement,
          acc.limit,
          CH.system,
          TY.loan_disbursement,
          MODE.apply,
          PRODUCTS[acc.product].name,
          acc.id,
          OWN_BANK,
          '',
          '贷款发放',
        );
        L.link(give, into);
      }
      if (acc.closed < 0 && acc.opened < span.start) {
        const owed = acc.balance < 0 ? -acc.balance : acc.limit;
        const interest = Math.round((owed * acc.rate) / 12);
        const i = L.add(
          dayAt(21) * 86400 + 3600,
          settlement,
          -interest,
          CH.system,
          TY.loan_repayment,
          distressed ? MODE.forceFail : MODE.fail,
          PRODUCTS[acc.product].name,
          acc.id,
          OWN_BANK,
          '',
          '贷款利息',
        );
        L.failOn(i, loan);
        if (acc.maturity >= span.start && acc.maturity <= span.end) {
          const day = clamp(acc.maturity, first, span.end);
          const ts = businessTime(rng, day);
          const from = L.add(
            ts,
            settlement,
            -owed,
            CH.system,
            TY.loan_repayment,
            distressed ? MODE.forceFail : MODE.fail,
            PRODUCTS[acc.product].name,
            acc.id,
            OWN_BANK,
            '',
            '到期还本',
          );
          L.topUp[from] = distressed ? 0 : 1;
          const into = L.add(
            ts,
            loan,
            owed,
            CH.system,
            TY.loan_repayment,
            MODE.apply,
            company.name,
            settlementId,
            OWN_BANK,
            '',
            '归还本金',
          );
          L.link(from, into);
          L.closeAs[into] = CLOSE;
          if (!distressed && rng.chance(0.6) && day + 1 <= span.end) {
            const renewal = open(acc.product, day + 1, 0);
            if (renewal >= 0) {
              const next = accounts[renewal];
              next.maturity = day + 1 + Math.round((company.loan?.termMonths ?? 12) * 30.44);
              next.limit = acc.limit;
              next.rate = acc.rate;
              loan = renewal;
              const ts2 = businessTime(rng, day + 1);
              const give = L.add(
                ts2,
                renewal,
                -acc.limit,
                CH.system,
                TY.loan_disbursement,
                MODE.apply,
                company.name,
                settlementId,
                OWN_BANK,
                '',
                '续贷放款',
              );
              const into2 = L.add(
                ts2,
                settlement,
                acc.limit,
                CH.system,
                TY.loan_disbursement,
                MODE.apply,
                PRODUCTS[acc.product].name,
                next.id,
                OWN_BANK,
                '',
                '续贷发放',
              );
              L.link(give, into2);
            }
          }
        }
      }
    }
    // Bills: pay at maturity, issue new ones to suppliers now and then.
    for (const a of bills) {
      const acc = accounts[a];
      if (acc.closed >= 0 || acc.maturity < span.start || acc.maturity > span.end || acc.opened >= span.start)
        continue;
      const ts = businessTime(rng, clamp(acc.maturity, first, span.end));
      const from = L.add(
        ts,
        settlement,
        -acc.limit,
        CH.system,
        TY.loan_repayment,
        MODE.apply,
        PRODUCTS[acc.product].name,
        acc.id,
        OWN_BANK,
        '',
        '承兑汇票到期兑付',
      );
      L.topUp[from] = 1;
      const into = L.add(
        ts,
        a,
        acc.limit,
        CH.system,
        TY.loan_repayment,
        MODE.apply,
        company.name,
        settlementId,
        OWN_BANK,
        '',
        '汇票兑付',
      );
      L.link(from, into);
      L.closeAs[into] = CLOSE;
    }
    if (company.hasBill && rng.chance(0.25) && edgeIdxs.length > 0) {
      const edge = input.edges[edgeIdxs[rng.int(edgeIdxs.length)]];
      openBill(dayAt(rng.range(3, 25)), edge.buyer === k ? input.companies[edge.supplier] : null);
    }
    // Time deposits: interest at maturity, then renew or return to settlement.
    for (const a of deposits) {
      const acc = accounts[a];
      if (acc.closed >= 0 || acc.maturity < span.start || acc.maturity > span.end) continue;
      const term = PRODUCTS[acc.product].termDays ?? 365;
      const ts = acc.maturity * 86400 + 600;
      L.add(
        ts,
        a,
        Math.round((acc.balance * acc.rate * term) / 365),
        CH.system,
        TY.interest,
        MODE.apply,
        '',
        '',
        '',
        '',
        '到期利息',
      );
      if (!distressed && rng.chance(0.6)) {
        acc.maturity += term;
        continue;
      }
      const outIdx = L.add(
        ts + 60,
        a,
        NaN,
        CH.system,
        TY.maturity,
        MODE.apply,
        '',
        settlementId,
        OWN_BANK,
        '',
        '到期转活期',
      );
      L.fraction(outIdx, -1);
      L.closeAs[outIdx] = MATURED;
      const into = L.add(
        ts + 60,
        settlement,
        NaN,
        CH.system,
        TY.maturity,
        MODE.apply,
        PRODUCTS[acc.product].name,
        acc.id,
        OWN_BANK,
        '',
        '定期到期',
      );
      L.link(outIdx, into);
    }

    // Receipts from customers outside the modelled chain keep cash in a plausible band.
    const start = accounts[settlement].balance;
    const projected = L.project(settlement, start);
    const low = monthlyRevenue * season * (distressed ? 0.02 : 0.3);
    const high = monthlyRevenue * season * (distressed ? 0.3 : 1.4);
    const targetEnd = cents(rng.uniform(low, high));
    const floor = cents(low * 0.3);
    const minNeed = Math.max(0, floor - projected.min);
    const endNeed = Math.max(0, targetEnd - projected.end);
    if (minNeed > 0 || endNeed > 0) {
      const retailSales =
        INDUSTRIES[company.industryIdx].letter === 'F' || INDUSTRIES[company.industryIdx].letter === 'H';
      const receive = (ts: number, amount: number): void => {
        const payer = input.companies[rng.int(externals)];
        if (retailSales && rng.chance(0.5))
          L.add(
            ts,
            settlement,
            amount,
            CH.pos,
            TY.corporate_receipt,
            MODE.apply,
            '银联商务收单结算',
            '',
            '银联',
            '',
            '收单清算',
          );
        else if (payer.customerIndex < 0)
          L.add(
            ts,
            settlement,
            amount,
            CH.online,
            TY.corporate_receipt,
            MODE.apply,
            payer.name,
            payer.account,
            payer.bank,
            '',
            '销售回款',
          );
        else
          L.add(
            ts,
            settlement,
            amount,
            CH.online,
            TY.corporate_receipt,
            MODE.apply,
            '',
            '',
            rng.pick(['工商银行', '招商银行', '建设银行']),
            '',
            '销售回款',
          );
      };
      // What keeps the balance from dipping arrives first thing in the month; the rest later.
      if (minNeed > 0) receive(first * 86400 + 8 * 3600 + rng.int(1800), minNeed);
      const rest = endNeed - minNeed;
      if (rest > 0) {
        const parts = rng.range(1, 4);
        for (let j = 0; j < parts; j++) {
          const amount =
            j === parts - 1 ? rest - Math.floor(rest / parts) * (parts - 1) : Math.floor(rest / parts);
          if (amount > 0) receive(businessTime(rng, dayAt(rng.range(1, 20))), amount);
        }
      }
    } else if (projected.end > cents(high)) {
      const excess = projected.end - targetEnd;
      const payee = input.companies[rng.int(externals)];
      const day = dayAt(rng.range(20, 28));
      if (!distressed && rng.chance(0.3) && excess > cents(10000)) {
        const product = rng.pick(P.corporateTd);
        const a = open(product, -1, 0);
        if (a >= 0) {
          const ts = businessTime(rng, day);
          const from = L.add(
            ts,
            settlement,
            -excess,
            CH.online,
            TY.transfer_out,
            MODE.cap,
            PRODUCTS[product].name,
            accounts[a].id,
            OWN_BANK,
            '',
            '转存单位定期',
          );
          const into = L.add(
            ts,
            a,
            excess,
            CH.online,
            TY.transfer_in,
            MODE.apply,
            company.name,
            settlementId,
            OWN_BANK,
            '',
            '单位定期存入',
          );
          L.link(from, into);
          accounts[a].maturity = day + (PRODUCTS[product].termDays ?? 90);
          deposits.push(a);
        }
      } else if (payee.customerIndex < 0 && payee !== company) {
        L.add(
          businessTime(rng, day),
          settlement,
          -excess,
          CH.online,
          TY.corporate_payment,
          MODE.cap,
          payee.name,
          payee.account,
          payee.bank,
          '',
          rng.pick(['采购款', '工程款', '服务费', '往来款']),
        );
      } else {
        L.add(
          businessTime(rng, day),
          settlement,
          -excess,
          CH.online,
          TY.corporate_payment,
          MODE.cap,
          company.legalRepName,
          '',
          rng.pick(['工商银行', '招商银行']),
          '',
          '股东分红',
        );
      }
    }

    // Corporate online banking.
    for (let n = rng.poisson(loginRate * (distressed ? 0.6 : 1)); n > 0; n--) {
      const day = dayAt(rng.range(1, 28));
      const ts = businessTime(rng, day);
      E.add(ts, EV.login, '');
      if (rng.chance(0.15))
        E.add(ts + 30 + rng.int(300), EV.view_product, PRODUCT_PROPS[rng.pick(CORPORATE_VIEWABLE)]);
      if (rng.chance(0.5)) E.add(ts + 400 + rng.int(1200), EV.logout, '');
    }

    L.post(accounts, target, m);
    for (const acc of accounts) {
      if (acc.opened < 0 || acc.opened > span.end) continue;
      if (acc.closed >= 0 && acc.closed < span.start) continue;
      acc.monthEnd[m] = acc.balance;
    }
    if (E.n > 0) E.flush(out, cid, eventPrefix, eventSeq);
  }

  for (const acc of accounts) {
    const cat = PRODUCTS[acc.product].category;
    if (cat === 'working_capital_loan' && acc.closed < 0 && acc.opened >= 0 && acc.lastFailedMonth === M - 1)
      acc.status = 'overdue';
  }
  const nodes = input.org.nodesByCity[company.cityIdx];
  const table = ctx.nodeTables[company.cityIdx];
  const homeNode = table ? nodes[sampleIndex(table, rng)] : 0;
  const rms = input.org.rmsByBranch[homeNode];
  const rm = rms.length > 0 ? input.org.staff[rms[rng.int(rms.length)]].id : null;
  const riskTolerance = 'C' + clamp(2 + rng.range(0, 2) - (company.distressMonth >= 0 ? 1 : 0), 1, 5);
  out.customer.write(
    csvRow([
      cid,
      index + 1,
      'corporate',
      company.name,
      null,
      null,
      null,
      makeMobile(rng.pick(MOBILE_PREFIXES), index, phoneOffset(ctx.seed)),
      company.address,
      city.name,
      null,
      null,
      riskTolerance,
      dayString(onboardDay),
      input.org.branches[homeNode].id,
      rm,
      'active',
      rng.chance(0.8),
      rng.chance(0.6),
      rng.chance(0.5),
      company.uscc,
      INDUSTRIES[company.industryIdx].label,
      money(cents(company.capital)),
      dayString(company.established),
      company.legalRepName,
      company.employees,
      company.size,
    ]),
  );
  out.counts.customer++;
  writeAccounts(out, accounts, cid, ctx);
  out.counts.transaction += target.count;
  out.truth.write(csvRow([cid, 'corporate', '', false, false, null, false, false, false]));
}
