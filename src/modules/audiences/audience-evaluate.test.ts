import { describe, expect, it } from 'vitest';
import {
  AudienceIndex,
  BitSlicedIndex,
  EnumColumn,
  createBitmap,
  type Bitmap,
} from '../../engines/bitmap/index.ts';
import { openMemoryWarehouse } from '../../platform/warehouse/index.ts';
import { countAudience, evaluateAudience } from './audience-evaluate.ts';
import { audienceToSql } from './audience-expression-sql.ts';
import {
  audienceToText,
  parseAudience,
  type AudienceField,
  type AudienceNode,
} from './audience-expression.ts';

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

type Value = string | number | boolean | null;

interface FieldSpec extends AudienceField {
  draw: (random: () => number) => Value;
  scale?: number;
}

const SPECS: FieldSpec[] = [
  {
    id: 'aum_tier',
    kind: 'enum',
    values: ['<50k', '50k-500k', '500k-1m', '1m+'],
    draw: (r) => (r() < 0.05 ? null : ['<50k', '<50k', '50k-500k', '500k-1m', '1m+'][Math.floor(r() * 5)]),
  },
  {
    id: 'city',
    kind: 'enum',
    values: ['上海', '杭州', '北京', "xi'an"],
    draw: (r) => (r() < 0.2 ? null : ['上海', '杭州', '北京', "xi'an"][Math.floor(r() * 4)]),
  },
  { id: 'is_payroll', kind: 'boolean', draw: (r) => (r() < 0.1 ? null : r() < 0.3) },
  { id: 'holds_wealth', kind: 'boolean', draw: (r) => r() < 0.4 },
  { id: 'holds_fund', kind: 'boolean', draw: (r) => (r() < 0.05 ? null : r() < 0.2) },
  { id: 'age', kind: 'numeric', scale: 0, draw: (r) => (r() < 0.1 ? null : 18 + Math.floor(r() * 70)) },
  {
    id: 'txn_count_30d',
    kind: 'numeric',
    scale: 0,
    draw: (r) => (r() < 0.3 ? null : Math.floor(Math.exp(r() * Math.log(300))) - 1),
  },
  {
    id: 'wealth_share',
    kind: 'numeric',
    scale: 2,
    draw: (r) => (r() < 0.15 ? null : Math.round((r() * 2 - 0.5) * 10_000) / 100),
  },
];
const FIELDS = new Map<string, AudienceField>(SPECS.map((s) => [s.id, s]));
const SEGMENTS = ['高净值', 'vip', 'empty'];

interface Data {
  cnos: Uint32Array;
  rows: Map<string, Value>[];
  index: AudienceIndex;
  segments: Map<string, Set<number>>;
}

function buildData(seed: number, n: number): Data {
  const random = rng(seed);
  const cnos = new Uint32Array(n);
  let c = 0;
  for (let i = 0; i < n; i++) cnos[i] = c += 1 + (random() < 0.1 ? Math.floor(random() * 100) : 0);
  const rows = Array.from({ length: n }, () => new Map<string, Value>());
  const columns = new Map<string, EnumColumn | BitSlicedIndex>();
  for (const spec of SPECS) {
    const values = rows.map((row) => {
      const v = spec.draw(random);
      row.set(spec.id, v);
      return v;
    });
    if (spec.kind === 'numeric') {
      columns.set(spec.id, BitSlicedIndex.build(cnos, values as (number | null)[], spec.scale ?? 0));
    } else {
      columns.set(
        spec.id,
        EnumColumn.build(
          cnos,
          values.map((v) => (v === null ? null : String(v))),
        ),
      );
    }
  }
  const segments = new Map<string, Set<number>>();
  for (const name of SEGMENTS) {
    const members = new Set<number>();
    if (name !== 'empty') {
      for (const cno of cnos) if (random() < 0.3) members.add(cno);
      members.add(c + 12_345); // a former customer no longer in the index
    }
    segments.set(name, members);
  }
  return { cnos, rows, index: new AudienceIndex(createBitmap(cnos), columns, {}), segments };
}

/** The brute-force row evaluator: SQL NULL semantics for comparisons, `not` as plain negation. */
function matches(
  node: AudienceNode,
  row: Map<string, Value>,
  cno: number,
  segments: Map<string, Set<number>>,
): boolean {
  switch (node.op) {
    case 'all':
      return true;
    case 'and':
      return node.args.every((a) => matches(a, row, cno, segments));
    case 'or':
      return node.args.some((a) => matches(a, row, cno, segments));
    case 'not':
      return !matches(node.arg, row, cno, segments);
    case 'in': {
      const v = row.get(node.field);
      return v !== null && node.values.includes(v as string | boolean);
    }
    case 'not_in': {
      const v = row.get(node.field);
      return v !== null && !node.values.includes(v as string | boolean);
    }
    case 'between': {
      const v = row.get(node.field) as number | null;
      return v !== null && v >= node.low && v <= node.high;
    }
    case 'cmp': {
      const v = row.get(node.field);
      if (v === null || v === undefined) return false;
      const w = node.value;
      switch (node.cmp) {
        case '=':
          return v === w;
        case '!=':
          return v !== w;
        case '<':
          return v < w;
        case '<=':
          return v <= w;
        case '>':
          return v > w;
        case '>=':
          return v >= w;
      }
      return false;
    }
    case 'has_product':
      return row.get(`holds_${node.category}`) === true;
    case 'in_segment':
      return segments.get(node.segment)?.has(cno) ?? false;
  }
}

function randomNode(random: () => number, depth: number, data: Data): AudienceNode {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  if (depth > 0 && random() < 0.5) {
    const r = random();
    if (r < 0.2) return { op: 'not', arg: randomNode(random, depth - 1, data) };
    const n = 2 + Math.floor(random() * 3);
    return {
      op: r < 0.6 ? 'and' : 'or',
      args: Array.from({ length: n }, () => randomNode(random, depth - 1, data)),
    };
  }
  const r = random();
  if (r < 0.05) return { op: 'has_product', category: pick(['wealth', 'fund']) };
  if (r < 0.09) return { op: 'in_segment', segment: pick(SEGMENTS) };
  if (r < 0.1) return { op: 'all' };
  const spec = pick(SPECS);
  if (spec.kind === 'numeric') {
    // Constants: values that occur (so = hits), values between them, and values outside the range.
    const present = data.rows
      .map((row) => row.get(spec.id))
      .filter((v): v is number => typeof v === 'number');
    const constant = (): number => {
      const x = random();
      const v = pick(present);
      if (x < 0.6) return v;
      if (x < 0.8) return v + 0.5 * 10 ** -(spec.scale ?? 0);
      return x < 0.9 ? -1000 : 100_000;
    };
    if (random() < 0.3) {
      const a = constant();
      const b = constant();
      return { op: 'between', field: spec.id, low: Math.min(a, b), high: Math.max(a, b) };
    }
    return {
      op: 'cmp',
      field: spec.id,
      cmp: pick(['=', '!=', '<', '<=', '>', '>='] as const),
      value: constant(),
    };
  }
  const values: (string | boolean)[] = spec.kind === 'boolean' ? [true, false] : spec.values!;
  if (random() < 0.4) {
    const k = 1 + Math.floor(random() * values.length);
    const chosen = [...values].sort(() => random() - 0.5).slice(0, k);
    return { op: random() < 0.5 ? 'in' : 'not_in', field: spec.id, values: chosen };
  }
  return { op: 'cmp', field: spec.id, cmp: pick(['=', '!='] as const), value: pick(values) };
}

function resolver(data: Data): (name: string) => Bitmap {
  return (name) => createBitmap([...(data.segments.get(name) ?? [])].sort((a, b) => a - b));
}

describe('evaluateAudience equals a brute-force row evaluator', () => {
  for (const seed of [7, 8, 9]) {
    it(`seed ${seed}: 5k customers, 150 random expressions of depth ≤ 4`, () => {
      const data = buildData(seed, 5000);
      const random = rng(seed * 31);
      const resolve = resolver(data);
      for (let i = 0; i < 150; i++) {
        const node = randomNode(random, 4, data);
        const expected: number[] = [];
        for (let r = 0; r < data.cnos.length; r++) {
          if (matches(node, data.rows[r], data.cnos[r], data.segments)) expected.push(data.cnos[r]);
        }
        const text = audienceToText(node);
        const result = evaluateAudience(node, data.index, resolve);
        expect(Array.from(result.toUint32Array()), text).toEqual(expected);
        expect(countAudience(node, data.index, resolve), text).toBe(expected.length);
        // The text form evaluates to the same set (parser and evaluator agree end to end).
        expect(evaluateAudience(parseAudience(text, FIELDS), data.index, resolve).size).toBe(expected.length);
      }
    });
  }
});

describe('evaluateAudience semantics', () => {
  const data = buildData(1, 2000);
  const resolve = resolver(data);
  const run = (text: string) => evaluateAudience(parseAudience(text, FIELDS), data.index, resolve);

  it('numeric != and comparisons exclude NULLs; not is the complement against the universe', () => {
    const withAge = run('age >= -1000').size;
    expect(withAge).toBe(data.rows.filter((r) => r.get('age') !== null).length);
    expect(run('age != 30').size + run('age = 30').size).toBe(withAge);
    expect(run('not age > 40').size + run('age > 40').size).toBe(data.cnos.length);
    expect(run('is_payroll or not is_payroll').size).toBe(data.cnos.length);
    expect(run("city not in ('上海') or city in ('上海')").size).toBe(
      run("city in ('上海','杭州','北京','xi''an')").size,
    );
  });

  it('returns a fresh bitmap the caller may modify without touching the index', () => {
    const before = run("city = '上海'").size;
    const result = run("city = '上海'");
    result.clear();
    expect(run("city = '上海'").size).toBe(before);
    const all = run('');
    all.clear();
    expect(data.index.universe.size).toBe(data.cnos.length);
  });

  it('countAudience intersects with a scope', () => {
    const scope = createBitmap(Array.from(data.cnos).filter((_, i) => i % 2 === 0));
    const node = parseAudience('is_payroll', FIELDS);
    const expected = evaluateAudience(node, data.index, resolve).andCardinality(scope);
    expect(countAudience(node, data.index, resolve, scope)).toBe(expected);
  });

  it('says clearly when a tag is not in the index', () => {
    const fields = new Map(FIELDS).set('new_tag', { id: 'new_tag', kind: 'boolean' });
    expect(() => evaluateAudience(parseAudience('new_tag', fields), data.index, resolve)).toThrow(
      /tag "new_tag" is not in the audience index yet/,
    );
    const wrongKind = new Map(FIELDS).set('city', { id: 'city', kind: 'numeric' });
    expect(() => evaluateAudience(parseAudience('city > 3', wrongKind), data.index, resolve)).toThrow(
      /not numeric in the audience index/,
    );
  });
});

describe('audienceToSql has the same semantics in DuckDB', () => {
  it('counts equal the bitmap evaluation on random expressions', async () => {
    const data = buildData(21, 1500);
    const warehouse = await openMemoryWarehouse();
    try {
      const sqlType = (s: FieldSpec) =>
        s.kind === 'numeric' ? 'DOUBLE' : s.kind === 'boolean' ? 'BOOLEAN' : 'VARCHAR';
      await warehouse.run(
        `CREATE TABLE t (cno INTEGER, ${SPECS.map((s) => `"${s.id}" ${sqlType(s)}`).join(', ')})`,
      );
      const lit = (v: Value) =>
        v === null ? 'NULL' : typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v);
      const rows = data.rows.map(
        (row, i) => `(${data.cnos[i]}, ${SPECS.map((s) => lit(row.get(s.id) ?? null)).join(', ')})`,
      );
      await warehouse.run(`INSERT INTO t VALUES ${rows.join(', ')}`);
      await warehouse.run('CREATE TABLE seg (name VARCHAR, cno INTEGER)');
      for (const [name, members] of data.segments) {
        if (members.size) {
          await warehouse.run(
            `INSERT INTO seg VALUES ${[...members].map((c) => `('${name}', ${c})`).join(', ')}`,
          );
        }
      }
      const random = rng(5);
      const resolve = resolver(data);
      for (let i = 0; i < 60; i++) {
        const node = randomNode(random, 3, data);
        const where = audienceToSql(node, FIELDS, {
          segment: (name) => `cno IN (SELECT cno FROM seg WHERE name = '${name}')`,
        });
        const [{ n }] = await warehouse.all<{ n: bigint }>(`SELECT count(*) AS n FROM t WHERE ${where}`);
        expect(Number(n), audienceToText(node)).toBe(countAudience(node, data.index, resolve));
      }
    } finally {
      warehouse.close();
    }
  });
});
