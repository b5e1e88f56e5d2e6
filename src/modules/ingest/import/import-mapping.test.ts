import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMapping, parseMapping } from './import-mapping.ts';

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples/mappings');

const customer = (fields: string, extra = '') => `
files:
  - file: c.csv
    table: customer
    fields:
      id: 客户号
      kind: { constant: retail }
      name: 姓名
      onboard_date: { constant: 2020-01-01 }
      home_branch_id: { constant: HQ }
      status: { constant: active }
${fields}
${extra}`;

function problem(yaml: string): string {
  try {
    parseMapping(yaml, '/x/m.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('mapping was accepted');
}

describe('parseMapping', () => {
  it('normalises shorthand, presets, units, formats and derivations', () => {
    const m = parseMapping(
      customer(`      gender: { from: 性别, map: gender }
      birth_date: { from: 年龄, derive: years_ago, as_of: 2024-06-30 }
      registered_capital: { from: 注册资本, unit: 万元 }
      established: { from: 成立日期, format: '%Y年%m月%d日' }
    custom:
      vip: { from: 贵宾, type: boolean, map: { 是: true, 否: false } }`),
      '/x/m.yaml',
    );
    const f = m.files[0];
    expect(f.fields.name.source).toEqual({ kind: 'column', column: '姓名' });
    expect(f.fields.kind.source).toEqual({ kind: 'constant', value: 'retail' });
    expect(f.fields.gender.map?.entries.get('男')).toBe('M');
    expect(f.fields.gender.map?.entries.get('female')).toBe('F');
    expect(f.fields.birth_date.derive).toEqual({ unit: 'years', asOf: '2024-06-30' });
    expect(f.fields.registered_capital.factor).toBe(10000);
    expect(f.fields.established.formats).toEqual(['%Y年%m月%d日']);
    expect(f.custom.vip.type).toBe('boolean');
    expect(f.custom.vip.map?.entries.get('是')).toBe('true');
    expect(f.delimiter).toBeUndefined();
    expect(
      parseMapping(customer('', '    delimiter: tab\n    encoding: gbk'), '/x/m.yaml').files[0],
    ).toMatchObject({ delimiter: '\t', encoding: 'gbk' });
    expect(
      parseMapping(`delimiter: auto\nencoding: auto\n${customer('')}`, '/x/m.yaml').files[0],
    ).toMatchObject({ delimiter: undefined, encoding: undefined });
  });

  it.each([
    ['a misspelt key', customer('      gender: { form: 性别 }'), /files\[0\]\.fields\.gender: .*form/],
    ['an unknown table', 'files:\n  - { file: a.csv, table: customers, fields: {} }', /files\[0\]\.table/],
    [
      'an unknown canonical field',
      customer('      gendr: 性别'),
      /files\[0\]\.fields\.gendr: customer has no field gendr/,
    ],
    [
      'an unknown value map preset',
      customer('      gender: { from: 性别, map: sex }'),
      /files\[0\]\.fields\.gender\.map: unknown preset/,
    ],
    [
      'an unknown unit',
      customer('      registered_capital: { from: x, unit: 万美元 }'),
      /files\[0\]\.fields\.registered_capital\.unit: unknown unit/,
    ],
    [
      'a unit on a text field',
      customer('      city: { from: x, unit: wan }'),
      /files\[0\]\.fields\.city\.unit: only numeric fields/,
    ],
    [
      'a derivation without as_of',
      customer('      birth_date: { from: 年龄, derive: years_ago }'),
      /files\[0\]\.fields\.birth_date\.as_of: derive years_ago needs as_of/,
    ],
    [
      'two sources for one field',
      customer('      city: { from: x, constant: 上海 }'),
      /files\[0\]\.fields\.city: give exactly one of from, constant, row_number/,
    ],
    [
      'a type on a canonical field',
      customer('      city: { from: x, type: integer }'),
      /files\[0\]\.fields\.city\.type: canonical fields have a fixed type/,
    ],
    ['an unknown encoding', customer('', '    encoding: klingon'), /files\[0\]\.encoding: unknown encoding/],
    ['a bad as_of date', customer('', 'as_of: 2024-13-45'), /as_of: must be a date YYYY-MM-DD/],
    [
      'a required field left unmapped',
      'files:\n  - file: c.csv\n    table: customer\n    fields: { id: a, kind: b, name: c }',
      /files\[0\]\.fields: required field onboard_date of customer is not mapped/,
    ],
    [
      'custom attributes on a table other than customer',
      'files:\n  - file: b.csv\n    table: branch\n    fields: { id: a, level: b, name: c }\n    custom: { x: d }',
      /files\[0\]\.custom: custom attributes are kept per customer/,
    ],
    [
      'a custom attribute named like a field',
      customer('    custom:\n      city: x'),
      /files\[0\]\.custom\.city: city is a canonical field/,
    ],
    [
      'constant rows with an unknown field',
      `rows:\n  branch:\n    - { id: HQ, level: hq, name: H, colour: red }\n${customer('')}`,
      /rows\.branch\[0\]\.colour: branch has no field colour/,
    ],
    ['no files', 'files: []', /files: /],
    ['broken YAML', 'files: [', /m\.yaml: not valid YAML/],
  ])('rejects %s, naming the key', (_name, yaml, expected) => {
    expect(problem(yaml)).toMatch(expected);
  });

  it('accepts the shipped example mappings', async () => {
    const churn = await loadMapping(path.join(examples, 'churn-modelling.yaml'));
    expect(churn.files.map((f) => f.table)).toEqual(['customer', 'account']);
    expect(Object.keys(churn.files[0].custom)).toContain('credit_score');
    expect(churn.rows.map((r) => r.table)).toEqual(['branch', 'product']);
    const marketing = await loadMapping(path.join(examples, 'bank-marketing.yaml'));
    expect(marketing.files[0].fields.id.source).toEqual({ kind: 'row_number' });
    expect(marketing.files[0].custom.days_since_previous_contact.nullValues).toEqual(['999']);
    expect(marketing.files[0].fields.occupation.nullValues).toEqual(['unknown']);
  });
});
