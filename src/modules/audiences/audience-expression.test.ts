import { describe, expect, it } from 'vitest';
import {
  AudienceExpressionError,
  audienceToText,
  parseAudience,
  referencedFields,
  referencedSegments,
  validateAudience,
  type AudienceField,
  type AudienceNode,
} from './audience-expression.ts';
import { editDistance, suggest } from './audience-expression-suggest.ts';

const FIELDS = new Map<string, AudienceField>(
  (
    [
      { id: 'aum_tier', kind: 'enum', values: ['<50k', '50k-500k', '500k-1m', '1m+'] },
      { id: 'age', kind: 'numeric' },
      { id: 'churn_risk', kind: 'enum', values: ['low', 'medium', 'high'] },
      { id: 'txn_count_30d', kind: 'numeric' },
      { id: 'city', kind: 'enum', values: ['上海', '杭州', '北京', "xi'an"] },
      { id: 'is_payroll', kind: 'boolean' },
      { id: 'holds_wealth', kind: 'boolean' },
      { id: 'holds_fund', kind: 'boolean' },
      { id: 'wealth_share', kind: 'numeric' },
      { id: 'note', kind: 'enum' }, // no declared values: any string
    ] satisfies AudienceField[]
  ).map((f) => [f.id, f]),
);

function errorOf(fn: () => unknown): AudienceExpressionError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AudienceExpressionError);
    return e as AudienceExpressionError;
  }
  throw new Error('expected an AudienceExpressionError');
}

describe('parseAudience: golden parses', () => {
  it('parses the example of the issue', () => {
    const text =
      "aum_tier in ('500k-1m','1m+') and age between 30 and 50 and not churn_risk = 'high' and " +
      "txn_count_30d >= 5 and (city = '上海' or city = '杭州') and has_product('wealth') and in_segment('高净值')";
    expect(parseAudience(text, FIELDS)).toEqual({
      op: 'and',
      args: [
        { op: 'in', field: 'aum_tier', values: ['500k-1m', '1m+'] },
        { op: 'between', field: 'age', low: 30, high: 50 },
        { op: 'not', arg: { op: 'cmp', field: 'churn_risk', cmp: '=', value: 'high' } },
        { op: 'cmp', field: 'txn_count_30d', cmp: '>=', value: 5 },
        {
          op: 'or',
          args: [
            { op: 'cmp', field: 'city', cmp: '=', value: '上海' },
            { op: 'cmp', field: 'city', cmp: '=', value: '杭州' },
          ],
        },
        { op: 'has_product', category: 'wealth' },
        { op: 'in_segment', segment: '高净值' },
      ],
    });
  });

  it('gives not > and > or precedence', () => {
    expect(parseAudience('is_payroll or age > 3 and not holds_fund', FIELDS)).toEqual({
      op: 'or',
      args: [
        { op: 'cmp', field: 'is_payroll', cmp: '=', value: true },
        {
          op: 'and',
          args: [
            { op: 'cmp', field: 'age', cmp: '>', value: 3 },
            { op: 'not', arg: { op: 'cmp', field: 'holds_fund', cmp: '=', value: true } },
          ],
        },
      ],
    });
  });

  it('keeps explicit groups as written', () => {
    expect(parseAudience('(age > 1 and age < 9) and is_payroll', FIELDS)).toEqual({
      op: 'and',
      args: [
        {
          op: 'and',
          args: [
            { op: 'cmp', field: 'age', cmp: '>', value: 1 },
            { op: 'cmp', field: 'age', cmp: '<', value: 9 },
          ],
        },
        { op: 'cmp', field: 'is_payroll', cmp: '=', value: true },
      ],
    });
  });

  it('reads keywords in any case, <> as !=, negatives, decimals, escaped quotes and booleans', () => {
    expect(
      parseAudience(
        "NOT city IN ('xi''an') AnD wealth_share <> -0.25 Or is_payroll = FALSE or city NOT IN ('北京')",
        FIELDS,
      ),
    ).toEqual({
      op: 'or',
      args: [
        {
          op: 'and',
          args: [
            { op: 'not', arg: { op: 'in', field: 'city', values: ["xi'an"] } },
            { op: 'cmp', field: 'wealth_share', cmp: '!=', value: -0.25 },
          ],
        },
        { op: 'cmp', field: 'is_payroll', cmp: '=', value: false },
        { op: 'not_in', field: 'city', values: ['北京'] },
      ],
    });
    expect(parseAudience('is_payroll in (true, false)', FIELDS)).toEqual({
      op: 'in',
      field: 'is_payroll',
      values: [true, false],
    });
    expect(parseAudience("note = 'anything at all'", FIELDS)).toEqual({
      op: 'cmp',
      field: 'note',
      cmp: '=',
      value: 'anything at all',
    });
  });

  it('treats empty text and all() as everyone', () => {
    expect(parseAudience('', FIELDS)).toEqual({ op: 'all' });
    expect(parseAudience('   \n ', FIELDS)).toEqual({ op: 'all' });
    expect(parseAudience('all()', FIELDS)).toEqual({ op: 'all' });
    expect(parseAudience('not all()', FIELDS)).toEqual({ op: 'not', arg: { op: 'all' } });
  });
});

describe('parseAudience: errors with position, expectation and suggestions', () => {
  it('unknown tag with a suggestion', () => {
    const e = errorOf(() => parseAudience("age > 3 and aum_teir = '1m+'", FIELDS));
    expect(e.message).toBe('unknown tag "aum_teir" — did you mean "aum_tier"? (line 1, column 13)');
    expect(e.position).toBe(12);
    expect(e.suggestions).toEqual(['aum_tier']);
    expect(e.code).toBe('EXPRESSION');
    expect(e.status).toBe(400);
    expect(e.details).toMatchObject({ position: 12, line: 1, column: 13, suggestions: ['aum_tier'] });
  });

  it('unknown value with a suggestion, and the allowed values', () => {
    const e = errorOf(() => parseAudience("churn_risk in ('low', 'hihg')", FIELDS));
    expect(e.message).toMatch(/^unknown value 'hihg' for tag "churn_risk" — did you mean 'high'\?/);
    expect(e.position).toBe(22);
    expect(e.suggestions).toEqual(['high']);
    expect(e.expected).toEqual(["'low'", "'medium'", "'high'"]);
  });

  it('suggests Chinese values by edit distance', () => {
    const e = errorOf(() => parseAudience("city = '上嗨'", FIELDS));
    expect(e.suggestions).toContain('上海');
  });

  it('reports line and column on multi-line text', () => {
    const e = errorOf(() => parseAudience('age > 3\n  and txn_count_30d >=\n  and is_payroll', FIELDS));
    expect(e.message).toBe('expected a value, got "and" (line 3, column 3)');
    expect(e.line).toBe(3);
    expect(e.column).toBe(3);
    expect(e.position).toBe(33);
  });

  it('numeric tags reject strings and enum tags reject numbers', () => {
    let e = errorOf(() => parseAudience("age = '30'", FIELDS));
    expect(e.message).toMatch(/tag "age" is numeric: expected a number, got string '30'/);
    expect(e.position).toBe(6);
    e = errorOf(() => parseAudience('city = 5', FIELDS));
    expect(e.message).toMatch(/tag "city" is an enum: expected a quoted value, got number 5/);
    e = errorOf(() => parseAudience("is_payroll = 'yes'", FIELDS));
    expect(e.message).toMatch(/tag "is_payroll" is boolean: expected true or false/);
    e = errorOf(() => parseAudience("age between 'a' and 3", FIELDS));
    expect(e.message).toMatch(/expected a number/);
    expect(e.position).toBe(12);
  });

  it('operators that do not fit the tag kind', () => {
    let e = errorOf(() => parseAudience("city < '上海'", FIELDS));
    expect(e.message).toMatch(/operator < does not apply to enum tag "city"/);
    expect(e.position).toBe(5);
    e = errorOf(() => parseAudience('age in (1, 2)', FIELDS));
    expect(e.message).toMatch(/does not apply to numeric tag "age"; use between/);
    expect(e.position).toBe(4);
    e = errorOf(() => parseAudience("city between 'a' and 'b'", FIELDS));
    expect(e.message).toMatch(/between does not apply to enum tag "city"/);
    e = errorOf(() => parseAudience('age', FIELDS));
    expect(e.message).toMatch(/expected an operator after numeric tag "age", got the end of the expression/);
    expect(e.expected).toContain('between');
    e = errorOf(() => parseAudience('age between 50 and 30', FIELDS));
    expect(e.message).toMatch(/low end is greater than the high end/);
    expect(e.position).toBe(19);
  });

  it('syntax errors say what was expected', () => {
    let e = errorOf(() => parseAudience('(age > 3 and is_payroll', FIELDS));
    expect(e.message).toMatch(/expected "\)" to close the "\(" at column 1, got the end of the expression/);
    expect(e.position).toBe(23);
    e = errorOf(() => parseAudience('age > 3 is_payroll', FIELDS));
    expect(e.expected).toEqual(['and', 'or', ')', 'end of expression']);
    expect(e.position).toBe(8);
    e = errorOf(() => parseAudience('age > 3 and', FIELDS));
    expect(e.message).toMatch(/expected a condition, got the end of the expression/);
    e = errorOf(() => parseAudience("city in ('上海' '杭州')", FIELDS));
    expect(e.message).toMatch(/expected "," or "\)" in the list of values/);
    e = errorOf(() => parseAudience('age between 3 4', FIELDS));
    expect(e.message).toMatch(/expected "and" between the two ends/);
    e = errorOf(() => parseAudience('age > 3)', FIELDS));
    expect(e.message).toMatch(/unbalanced/);
  });

  it('lexical errors', () => {
    let e = errorOf(() => parseAudience("city = '上海", FIELDS));
    expect(e.message).toMatch(/unterminated string/);
    expect(e.position).toBe(7);
    e = errorOf(() => parseAudience('city = "上海"', FIELDS));
    expect(e.message).toMatch(/single quotes/);
    e = errorOf(() => parseAudience("城市 = '上海'", FIELDS));
    expect(e.message).toMatch(/unexpected character "城"/);
    e = errorOf(() => parseAudience("city in （'上海')", FIELDS));
    expect(e.message).toMatch(/full-width/);
    e = errorOf(() => parseAudience('age ! 3', FIELDS));
    expect(e.message).toMatch(/did you mean != \?/);
    e = errorOf(() => parseAudience('city = 上海', FIELDS));
    expect(e.message).toMatch(/unexpected character "上"/);
    e = errorOf(() => parseAudience('churn_risk = high', FIELDS));
    expect(e.message).toMatch(/expected a value, got "high": quote text values, e.g. 'high'/);
    expect(e.suggestions).toEqual(["'high'"]);
    e = errorOf(() => parseAudience('age > txn_count_30d', FIELDS));
    expect(e.message).toMatch(/got tag "txn_count_30d": a tag can only be compared with a constant/);
    e = errorOf(() => parseAudience('age > 3x', FIELDS));
    expect(e.message).toMatch(/malformed number/);
  });

  it('functions: unknown category with suggestion, misspelt function', () => {
    let e = errorOf(() => parseAudience("has_product('welth')", FIELDS));
    expect(e.message).toMatch(/unknown product category 'welth' — did you mean 'wealth'\?/);
    expect(e.position).toBe(12);
    expect(e.expected).toEqual(["'wealth'", "'fund'"]);
    e = errorOf(() => parseAudience("has_prodcut('wealth')", FIELDS));
    expect(e.suggestions).toEqual(['has_product']);
    e = errorOf(() => parseAudience('in_segment(3)', FIELDS));
    expect(e.message).toMatch(/expected a quoted segment name/);
  });

  it('rejects nesting beyond the limit', () => {
    const deep = '('.repeat(80) + 'is_payroll' + ')'.repeat(80);
    expect(errorOf(() => parseAudience(deep, FIELDS)).message).toMatch(/nested deeper/);
  });
});

describe('audienceToText', () => {
  it('prints minimal parentheses', () => {
    const cases = [
      'a_or_b',
      "age > 3 or city = '上海' and is_payroll = true",
      "(age > 3 or city = '上海') and is_payroll = true",
      'not (age > 3 and age < 5)',
      'not not is_payroll = true',
      '(age > 1 and age < 9) and is_payroll = true',
      "city in ('xi''an', '北京') or (age < -1.5 or age >= 1e+21)",
    ];
    const fields = new Map(FIELDS).set('a_or_b', { id: 'a_or_b', kind: 'boolean' });
    expect(audienceToText(parseAudience(cases[0], fields))).toBe('a_or_b = true');
    for (const text of cases.slice(1)) expect(audienceToText(parseAudience(text, FIELDS))).toBe(text);
    expect(audienceToText({ op: 'all' })).toBe('');
    expect(audienceToText({ op: 'and', args: [{ op: 'all' }, { op: 'in_segment', segment: "o'k" }] })).toBe(
      "all() and in_segment('o''k')",
    );
  });
});

/** Seeded PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random valid AST over FIELDS (also used by the evaluation property test's shape). */
function randomNode(random: () => number, depth: number): AudienceNode {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const num = () => (random() < 0.5 ? Math.floor(random() * 200 - 50) : Math.round(random() * 10_000) / 100);
  if (depth > 0 && random() < 0.55) {
    const r = random();
    if (r < 0.2) return { op: 'not', arg: randomNode(random, depth - 1) };
    const n = 2 + Math.floor(random() * 3);
    return {
      op: r < 0.6 ? 'and' : 'or',
      args: Array.from({ length: n }, () => randomNode(random, depth - 1)),
    };
  }
  const field = pick([...FIELDS.values()]);
  const r = random();
  if (r < 0.05) return { op: 'has_product', category: pick(['wealth', 'fund']) };
  if (r < 0.08) return { op: 'in_segment', segment: pick(['高净值', "it's", 'a b']) };
  if (r < 0.1) return { op: 'all' };
  if (field.kind === 'numeric') {
    if (random() < 0.3) {
      const a = num();
      return { op: 'between', field: field.id, low: a, high: a + Math.abs(num()) };
    }
    return {
      op: 'cmp',
      field: field.id,
      cmp: pick(['=', '!=', '<', '<=', '>', '>='] as const),
      value: num(),
    };
  }
  const values: (string | boolean)[] =
    field.kind === 'boolean' ? [true, false] : (field.values ?? ['x', "y'z"]);
  if (random() < 0.4) {
    const k = 1 + Math.floor(random() * values.length);
    return { op: random() < 0.5 ? 'in' : 'not_in', field: field.id, values: values.slice(0, k) };
  }
  return { op: 'cmp', field: field.id, cmp: pick(['=', '!='] as const), value: pick(values) };
}

describe('round trip property: parse(toText(n)) = n', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: 300 random ASTs of depth ≤ 4`, () => {
      const random = rng(seed);
      for (let i = 0; i < 300; i++) {
        const node = randomNode(random, 4);
        const text = audienceToText(node);
        expect(parseAudience(text, FIELDS), text).toEqual(node);
        // The JSON validator accepts every generated tree unchanged.
        expect(validateAudience(node, FIELDS)).toEqual(node);
      }
    });
  }
});

describe('validateAudience (JSON form)', () => {
  it('accepts a valid tree, drops unknown keys and collapses one-member groups', () => {
    expect(
      validateAudience(
        { op: 'and', key: 'ui-1', args: [{ op: 'cmp', field: 'age', cmp: '>=', value: 18, key: 'x' }] },
        FIELDS,
      ),
    ).toEqual({ op: 'cmp', field: 'age', cmp: '>=', value: 18 });
    expect(validateAudience({ op: 'and', args: [] }, FIELDS)).toEqual({ op: 'all' });
  });

  it('names the JSON path of shape errors', () => {
    let e = errorOf(() => validateAudience({ op: 'and', args: [{ op: 'xor' }] }, FIELDS));
    expect(e.path).toBe('$.args[0].op');
    expect(e.position).toBe(-1);
    expect(e.message).toMatch(/at \$\.args\[0\]\.op$/);
    e = errorOf(() => validateAudience({ op: 'cmp', field: 'age', cmp: '~', value: 1 }, FIELDS));
    expect(e.path).toBe('$.cmp');
    e = errorOf(() => validateAudience({ op: 'or', args: [] }, FIELDS));
    expect(e.path).toBe('$.args');
    e = errorOf(() => validateAudience('age > 3', FIELDS));
    expect(e.path).toBe('$');
  });

  it('applies the same semantic rules as the parser, naming the path', () => {
    let e = errorOf(() =>
      validateAudience(
        {
          op: 'or',
          args: [{ op: 'all' }, { op: 'not', arg: { op: 'cmp', field: 'aum_teir', cmp: '=', value: '1m+' } }],
        },
        FIELDS,
      ),
    );
    expect(e.message).toBe('unknown tag "aum_teir" — did you mean "aum_tier"? at $.args[1].arg.field');
    expect(e.suggestions).toEqual(['aum_tier']);
    e = errorOf(() => validateAudience({ op: 'in', field: 'city', values: ['上海', '杭洲'] }, FIELDS));
    expect(e.path).toBe('$.values[1]');
    expect(e.suggestions).toEqual(['杭州']);
    e = errorOf(() => validateAudience({ op: 'cmp', field: 'age', cmp: '=', value: '3' }, FIELDS));
    expect(e.path).toBe('$.value');
    e = errorOf(() => validateAudience({ op: 'between', field: 'age', low: 9, high: 1 }, FIELDS));
    expect(e.path).toBe('$.high');
    e = errorOf(() => validateAudience({ op: 'in', field: 'age', values: ['1'] }, FIELDS));
    expect(e.path).toBe('$.op');
    e = errorOf(() => validateAudience({ op: 'has_product', category: 'funds' }, FIELDS));
    expect(e.path).toBe('$.category');
    expect(e.suggestions).toEqual(['fund']);
  });
});

describe('helpers', () => {
  it('referencedFields and referencedSegments', () => {
    const node = parseAudience(
      "age > 3 and (has_product('fund') or in_segment('b') or in_segment('a'))",
      FIELDS,
    );
    expect(referencedFields(node)).toEqual(['age', 'holds_fund']);
    expect(referencedSegments(node)).toEqual(['a', 'b']);
  });

  it('editDistance counts a transposition as one edit and suggest ranks by it', () => {
    expect(editDistance('aum_teir', 'aum_tier')).toBe(1);
    expect(editDistance('上嗨', '上海')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(suggest('aum_teir', ['aum_tier', 'age', 'aum_trend_3m'])).toEqual(['aum_tier']);
    expect(suggest('payroll', ['is_payroll', 'age'])).toEqual(['is_payroll']);
    expect(suggest('zzz', ['aum_tier', 'age'])).toEqual([]);
  });
});
