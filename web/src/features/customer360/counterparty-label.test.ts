import type { TFunction } from 'i18next';
import { describe, expect, test } from 'vitest';
import { counterpartyLabel } from './counterparty-label.ts';

const t = ((key: string) => `<${key}>`) as unknown as TFunction;

describe('counterparty labels', () => {
  test("the API's bilingual placeholders become the UI language's words", () => {
    expect(counterpartyLabel(t, '其他 others')).toBe('<c360.counterparties.others>');
    expect(counterpartyLabel(t, '(未署名 unnamed)')).toBe('<c360.counterparties.unnamed>');
    expect(counterpartyLabel(t, 'Others')).toBe('<c360.counterparties.others>');
  });

  test('real names stay as they are, even when they contain the words', () => {
    expect(counterpartyLabel(t, '上海其他贸易有限公司')).toBe('上海其他贸易有限公司');
    expect(counterpartyLabel(t, 'Others Trading Co.')).toBe('Others Trading Co.');
    expect(counterpartyLabel(t, '京东')).toBe('京东');
  });
});
