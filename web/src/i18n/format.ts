import type { Language } from './index.ts';

function numberLocale(language: Language): string {
  return language === 'en' ? 'en-US' : 'zh-CN';
}

/** Yuan with the ¥ sign, thousands separators and two decimals, e.g. `¥1,234,567.80`, `-¥850.00`. */
export function formatMoney(value: number | null | undefined, language: Language): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const digits = Math.abs(value).toLocaleString(numberLocale(language), {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return `${value < 0 ? '-' : ''}¥${digits}`;
}

/** Yuan abbreviated for chart axes: `¥1.2万` / `¥3.4亿` in Chinese, `¥12K` / `¥3.4M` in English. */
export function formatMoneyShort(value: number, language: Language): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const fixed = (n: number) => (Math.round(n * 10) / 10).toString();
  if (language === 'en') {
    if (abs >= 1e9) return `${sign}¥${fixed(abs / 1e9)}B`;
    if (abs >= 1e6) return `${sign}¥${fixed(abs / 1e6)}M`;
    if (abs >= 1e3) return `${sign}¥${fixed(abs / 1e3)}K`;
    return `${sign}¥${fixed(abs)}`;
  }
  if (abs >= 1e8) return `${sign}¥${fixed(abs / 1e8)}亿`;
  if (abs >= 1e4) return `${sign}¥${fixed(abs / 1e4)}万`;
  return `${sign}¥${fixed(abs)}`;
}

/** An integer with thousands separators. */
export function formatInteger(value: number | null | undefined, language: Language): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString(numberLocale(language), { maximumFractionDigits: 0 });
}

/** A rate given as a fraction (0.031) as a percentage (`3.10%`). */
export function formatRate(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${(value * 100).toFixed(2)}%`;
}

/** An ISO date or timestamp as `YYYY-MM-DD`. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  return value.slice(0, 10);
}

/** A `YYYY-MM-01` month as `2025-03` (zh: `2025年3月` is longer than the axis allows). */
export function formatMonth(value: string): string {
  return value.slice(0, 7);
}
