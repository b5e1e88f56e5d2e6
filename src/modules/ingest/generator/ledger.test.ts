import { describe, expect, it } from 'vitest';
import { ByteSink } from './byte-sink.ts';
import { CH, MODE, MonthLedger, money, newAccount, type PostingTarget, TY } from './ledger.ts';
import { P } from './products.ts';

const DAY = 20_000;
const at = (hour: number): number => DAY * 86400 + hour * 3600;

function setup(mainBalance: number) {
  const accounts = [
    newAccount('A01', 'C1', P.current, 1, mainBalance, 1),
    newAccount('A02', 'C1', P.td[0], 1, 0, 1),
  ];
  const target: PostingTarget = {
    customerId: 'C1',
    txnPrefix: 'T1-',
    seq: 0,
    sink: new ByteSink(16),
    count: 0,
  };
  const rows = () =>
    new TextDecoder()
      .decode(target.sink.bytes())
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((r) => r.split(','));
  return { accounts, target, rows, ledger: new MonthLedger(2) };
}

describe('money', () => {
  it('formats cents with two decimals and a sign', () => {
    expect(money(0)).toBe('0.00');
    expect(money(5)).toBe('0.05');
    expect(money(-123456)).toBe('-1234.56');
    expect(money(100)).toBe('1.00');
  });
});

describe('MonthLedger', () => {
  it('posts in time order, keeps planning order on ties, and updates balances', () => {
    const { accounts, target, rows, ledger } = setup(10_000);
    ledger.add(at(12), 0, -2_000, CH.pos, TY.spending, MODE.cap, 'shop');
    ledger.add(at(9), 0, 5_000, CH.system, TY.salary, MODE.apply, 'employer');
    ledger.add(at(9), 0, -1_000, CH.mobile, TY.transfer_out, MODE.cap);
    ledger.post(accounts, target, 0);
    expect(rows().map((r) => r[6])).toEqual(['salary', 'transfer_out', 'spending']);
    expect(rows()[0][0]).toBe('T1-1');
    expect(accounts[0].balance).toBe(12_000);
  });

  it('drops a capped outflow that would overdraw, together with its pair', () => {
    const { accounts, target, rows, ledger } = setup(1_000);
    const from = ledger.add(at(10), 0, -5_000, CH.mobile, TY.transfer_out, MODE.cap);
    const into = ledger.add(at(10), 1, 5_000, CH.mobile, TY.transfer_in, MODE.apply);
    ledger.link(from, into);
    ledger.post(accounts, target, 0);
    expect(rows()).toHaveLength(0);
    expect(accounts.map((a) => a.balance)).toEqual([1_000, 0]);
  });

  it('mirrors a balance-dependent amount onto the pair and can close the source', () => {
    const { accounts, target, rows, ledger } = setup(10_050);
    const from = ledger.add(at(10), 0, NaN, CH.mobile, TY.transfer_out, MODE.cap);
    ledger.fraction(from, -0.5, 1_000);
    const into = ledger.add(at(10), 1, NaN, CH.mobile, TY.transfer_in, MODE.apply);
    ledger.link(from, into);
    ledger.post(accounts, target, 0);
    expect(rows().map((r) => r[4])).toEqual(['-50.00', '50.00']);
    expect(accounts.map((a) => a.balance)).toEqual([5_050, 5_000]);
  });

  it('records a failed repayment as a zero-amount row on the loan and counts it', () => {
    const { accounts, target, rows, ledger } = setup(100);
    const from = ledger.add(at(10), 0, -5_000, CH.system, TY.loan_repayment, MODE.fail);
    const into = ledger.add(at(10), 1, 4_000, CH.system, TY.loan_repayment, MODE.apply);
    ledger.link(from, into);
    ledger.post(accounts, target, 3);
    expect(rows()).toHaveLength(1);
    expect(rows()[0].slice(1, 7)).toEqual([
      'A02',
      'C1',
      expect.any(String),
      '0.00',
      'system',
      'loan_repayment_failed',
    ]);
    expect(accounts[1].failures).toBe(1);
    expect(accounts[1].lastFailedMonth).toBe(3);
  });

  it('tops an account up from another bank before a debit that must happen', () => {
    const { accounts, target, rows, ledger } = setup(1_000);
    ledger.topUpName = 'me';
    ledger.topUpBank = '工商银行';
    const pay = ledger.add(at(10), 0, -3_000, CH.counter, TY.transfer_out, MODE.apply);
    ledger.topUp[pay] = 1;
    ledger.post(accounts, target, 0);
    expect(rows().map((r) => [r[4], r[6]])).toEqual([
      ['20.00', 'transfer_in'],
      ['-30.00', 'transfer_out'],
    ]);
    expect(accounts[0].balance).toBe(0);
  });
});
