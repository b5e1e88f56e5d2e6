import { describe, expect, test } from 'vitest';
import { formatDate, formatMoney, formatMoneyShort, formatRate } from './format.ts';

describe('formatMoney', () => {
  test('yuan with ¥, thousands separators and two decimals in both languages', () => {
    expect(formatMoney(1234567.8, 'zh-CN')).toBe('¥1,234,567.80');
    expect(formatMoney(1234567.8, 'en')).toBe('¥1,234,567.80');
    expect(formatMoney(0, 'en')).toBe('¥0.00');
  });
  test('negative amounts (loans) keep the sign before the ¥', () => {
    expect(formatMoney(-850000, 'zh-CN')).toBe('-¥850,000.00');
  });
  test('missing values show a dash', () => {
    expect(formatMoney(null, 'en')).toBe('—');
  });
});

describe('formatMoneyShort', () => {
  test('万 and 亿 in Chinese, K/M/B in English', () => {
    expect(formatMoneyShort(33_000_000, 'zh-CN')).toBe('¥3300万');
    expect(formatMoneyShort(1_250_000_000, 'zh-CN')).toBe('¥12.5亿');
    expect(formatMoneyShort(1_250_000_000, 'en')).toBe('¥1.3B');
    expect(formatMoneyShort(900_000, 'en')).toBe('¥900K');
  });
});

test('rates and dates', () => {
  expect(formatRate(0.031)).toBe('3.10%');
  expect(formatRate(null)).toBe('—');
  expect(formatDate('2025-06-30T00:00:00.000Z')).toBe('2025-06-30');
});
