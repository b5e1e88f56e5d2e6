import { describe, expect, test } from 'vitest';
import { searchI18n } from '../search/search.i18n.ts';
import { customer360I18n } from './customer360.i18n.ts';

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(leaves);
}

describe.each([
  ['customer360', customer360I18n],
  ['search', searchI18n],
])('%s text bundle', (_name, bundle) => {
  test('zh-CN and en have the same keys', () => {
    expect(keys(bundle.en).sort()).toEqual(keys(bundle['zh-CN']).sort());
  });

  test('no empty texts; interpolations match between languages', () => {
    for (const text of [...leaves(bundle.en), ...leaves(bundle['zh-CN'])]) expect(text.trim()).not.toBe('');
    const zh = keys(bundle['zh-CN']);
    const placeholders = (value: string) => [...value.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const at = (root: unknown, path: string) =>
      path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], root) as string;
    for (const path of zh) {
      expect(placeholders(at(bundle.en, path)), path).toEqual(placeholders(at(bundle['zh-CN'], path)));
    }
  });
});
