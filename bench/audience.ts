// Audience benchmark: a bitmap index over N customers × 60 synthetic tags (30 enum, 15 boolean, 15 numeric
// with realistic skew and NULLs) answers counts of 1-, 3-, 5- and 10-condition expressions, and DuckDB
// answers the same predicates by scanning the same data (a file database, as the warehouse is), in the same
// run. Counts must agree exactly. Budget (issue 3): 5 conditions over 10M customers, median ≤ 5 ms and
// ≥ 8× faster than DuckDB.
//   npm run bench -- audience [--customers 10000000] [--reps 41] [--duckdb-reps 11] [--seed 42]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  UINTEGER,
  UTINYINT,
  type DuckDBType,
  type DuckDBVector,
} from '@duckdb/node-api';
import {
  AudienceIndex,
  BitSlicedIndex,
  EnumColumn,
  createBitmap,
  type Bitmap,
} from '../src/engines/bitmap/index.ts';
import { countAudience } from '../src/modules/audiences/audience-evaluate.ts';
import { audienceToSql } from '../src/modules/audiences/audience-expression-sql.ts';
import {
  parseAudience,
  type AudienceField,
  type AudienceNode,
} from '../src/modules/audiences/audience-expression.ts';

const BUDGET_MEDIAN_MS_5COND = 5;
const BUDGET_SPEEDUP = 8;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(String(process.argv[i + 1]).replace(/_/g, ''));
  if (!Number.isInteger(v) || v < 1) {
    process.stderr.write(`--${name} needs a positive integer\n`);
    process.exit(2);
  }
  return v;
}

const CUSTOMERS = option('customers', 10_000_000);
const REPS = option('reps', 41);
const DUCKDB_REPS = option('duckdb-reps', 11);
const SEED = option('seed', 42);

const log = (s: string) => process.stderr.write(s + '\n');
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Seeded PRNG (mulberry32): the data are reproducible from --seed. */
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

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

// ---------------------------------------------------------------------------------------------------------
// Synthetic tags

interface EnumSpec {
  id: string;
  kind: 'enum' | 'boolean';
  values: string[];
  /** Relative frequency of each value (skewed). */
  weights: number[];
  nullRate: number;
}

interface NumericSpec {
  id: string;
  kind: 'numeric';
  scale: number;
  nullRate: number;
  /** Draws a value already rounded to `scale` digits. */
  draw: (random: () => number) => number;
}

type Spec = EnumSpec | NumericSpec;

const zipf = (k: number, s = 1.1) => Array.from({ length: k }, (_, i) => 1 / (i + 1) ** s);

function enumSpec(id: string, values: string[], nullRate = 0.03, weights = zipf(values.length)): EnumSpec {
  return { id, kind: 'enum', values, weights, nullRate };
}

function boolSpec(id: string, share: number, nullRate = 0.02): EnumSpec {
  return { id, kind: 'boolean', values: ['true', 'false'], weights: [share, 1 - share], nullRate };
}

const round = (x: number, scale: number) => Math.round(x * 10 ** scale) / 10 ** scale;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const logNormal = (r: () => number, mu: number, sigma: number) => Math.exp(mu + sigma * normal(r));

const SPECS: Spec[] = [
  enumSpec('gender', ['M', 'F'], 0.01, [1, 1]),
  enumSpec(
    'age_band',
    ['18-24', '25-29', '30-39', '40-49', '50-59', '60-69', '70+'],
    0.02,
    [3, 5, 9, 8, 6, 4, 2],
  ),
  enumSpec('life_stage', ['student', 'starter', 'family', 'established', 'pre_retired', 'retired']),
  enumSpec('city_tier', ['tier1', 'new_tier1', 'tier2', 'tier3', 'tier4+']),
  enumSpec('city', [
    '上海',
    '杭州',
    '北京',
    '深圳',
    '南京',
    '苏州',
    '宁波',
    '广州',
    '成都',
    '武汉',
    '贵阳',
    '温州',
  ]),
  enumSpec('occupation', [
    'staff',
    'civil',
    'teacher',
    'medical',
    'owner',
    'farmer',
    'worker',
    'retired',
    'student',
    'other',
  ]),
  enumSpec('income_band', ['<5k', '5k-10k', '10k-20k', '20k-50k', 'high', 'very_high'], 0.1),
  enumSpec(
    'aum_tier',
    ['<50k', '50k-200k', '200k-500k', '500k-1m', '1m+', '5m+'],
    0.0,
    [40, 25, 15, 10, 7, 3],
  ),
  enumSpec('aum_trend_3m', ['up', 'flat', 'down'], 0.05, [3, 5, 2]),
  enumSpec('risk_tolerance', ['C1', 'C2', 'C3', 'C4', 'C5'], 0.15, [2, 4, 5, 3, 1]),
  enumSpec('rfm_segment', [
    'champion',
    'loyal',
    'potential',
    'new',
    'promising',
    'at_risk',
    'hibernating',
    'lost',
  ]),
  enumSpec('contribution_band', ['top', 'high', 'mid', 'low', 'none']),
  enumSpec('loyalty', ['core', 'stable', 'light', 'new']),
  enumSpec('value_tier', ['private', 'wealth', 'affluent', 'mass'], 0.0, [1, 4, 15, 80]),
  enumSpec('main_channel', ['mobile', 'counter', 'atm', 'web', 'third_party']),
  enumSpec('education', ['primary', 'secondary', 'college', 'bachelor', 'master', 'doctor'], 0.2),
  enumSpec('marital_status', ['single', 'married', 'divorced', 'widowed'], 0.1),
  enumSpec('churn_risk', ['low', 'medium', 'high'], 0.05, [6, 3, 1]),
  enumSpec('customer_kind', ['retail', 'corporate'], 0, [95, 5]),
  enumSpec('industry', ['A', 'C', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'O'], 0.9),
  enumSpec('company_size', ['micro', 'small', 'medium', 'large'], 0.9),
  enumSpec('capital_band', ['<1m', '1m-5m', '5m-10m', '10m-50m', '50m+'], 0.9),
  enumSpec('supply_chain_role', ['core', 'upstream', 'downstream'], 0.95),
  enumSpec('salary_band', ['<3k', '3k-6k', '6k-10k', '10k-20k', '20k-50k', '50k+'], 0.6),
  enumSpec('credit_grade', ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'C'], 0.3),
  enumSpec('product_mix', [
    'deposit',
    'deposit_wealth',
    'deposit_loan',
    'card',
    'card_loan',
    'full',
    'wealth',
    'fund',
    'none',
  ]),
  enumSpec('branch_region', [
    'east',
    'west',
    'north',
    'south',
    'central',
    'ne',
    'nw',
    'sw',
    'se',
    'hq',
    'online',
  ]),
  enumSpec('digital_segment', ['native', 'adopter', 'occasional', 'offline']),
  enumSpec('lifecycle', ['acquire', 'grow', 'mature', 'decline', 'dormant']),
  enumSpec('preferred_contact', ['app', 'sms', 'phone', 'visit']),
  boolSpec('holds_deposit', 0.92, 0),
  boolSpec('holds_wealth', 0.22, 0),
  boolSpec('holds_fund', 0.15, 0),
  boolSpec('holds_insurance', 0.08, 0),
  boolSpec('holds_loan', 0.18, 0),
  boolSpec('holds_mortgage', 0.1, 0),
  boolSpec('holds_credit_card', 0.35, 0),
  boolSpec('is_payroll', 0.3),
  boolSpec('mobile_active', 0.55),
  boolSpec('dormant', 0.12),
  boolSpec('reactivated', 0.02),
  boolSpec('salary_stopped', 0.01, 0.6),
  boolSpec('large_outflow_other_bank', 0.03),
  boolSpec('pays_internet_wealth', 0.07),
  boolSpec('maturing_30d', 0.05),
  {
    id: 'age',
    kind: 'numeric',
    scale: 0,
    nullRate: 0.02,
    draw: (r) => Math.floor(clamp(42 + 14 * normal(r), 18, 99)),
  },
  {
    id: 'aum',
    kind: 'numeric',
    scale: 0,
    nullRate: 0,
    draw: (r) => (r() < 0.1 ? 0 : Math.floor(clamp(logNormal(r, 10.5, 2), 1, 5e8))),
  },
  {
    id: 'aum_3m_avg',
    kind: 'numeric',
    scale: 0,
    nullRate: 0.05,
    draw: (r) => (r() < 0.1 ? 0 : Math.floor(clamp(logNormal(r, 10.4, 2), 1, 5e8))),
  },
  {
    id: 'txn_count_30d',
    kind: 'numeric',
    scale: 0,
    nullRate: 0.1,
    draw: (r) => Math.floor(clamp(logNormal(r, 1.5, 1.2), 0, 2000)),
  },
  {
    id: 'txn_count_90d',
    kind: 'numeric',
    scale: 0,
    nullRate: 0.1,
    draw: (r) => Math.floor(clamp(logNormal(r, 2.6, 1.2), 0, 6000)),
  },
  {
    id: 'inflow_30d',
    kind: 'numeric',
    scale: 2,
    nullRate: 0.15,
    draw: (r) => round(clamp(logNormal(r, 8, 1.6), 0, 2e7), 2),
  },
  {
    id: 'outflow_30d',
    kind: 'numeric',
    scale: 2,
    nullRate: 0.15,
    draw: (r) => round(clamp(logNormal(r, 7.8, 1.7), 0, 2e7), 2),
  },
  {
    id: 'wealth_share',
    kind: 'numeric',
    scale: 2,
    nullRate: 0.1,
    draw: (r) => round(r() < 0.6 ? 0 : r() ** 1.5, 2),
  },
  {
    id: 'credit_utilisation',
    kind: 'numeric',
    scale: 2,
    nullRate: 0.65,
    draw: (r) => round(clamp(r() ** 2 * 1.3, 0, 1.5), 2),
  },
  { id: 'tenure_years', kind: 'numeric', scale: 1, nullRate: 0, draw: (r) => round(40 * r() ** 2, 1) },
  {
    id: 'product_count',
    kind: 'numeric',
    scale: 0,
    nullRate: 0,
    draw: (r) => Math.floor(clamp(logNormal(r, 0.8, 0.6), 0, 15)),
  },
  {
    id: 'activity_score',
    kind: 'numeric',
    scale: 0,
    nullRate: 0.05,
    draw: (r) => Math.floor(100 * r() ** 1.7),
  },
  {
    id: 'days_since_login',
    kind: 'numeric',
    scale: 0,
    nullRate: 0.3,
    draw: (r) => Math.floor(clamp(logNormal(r, 2, 1.5), 0, 365)),
  },
  {
    id: 'risk_score',
    kind: 'numeric',
    scale: 0,
    nullRate: 0.2,
    draw: (r) => Math.floor(clamp(650 + 80 * normal(r), 300, 900)),
  },
  {
    id: 'salary',
    kind: 'numeric',
    scale: 0,
    nullRate: 0.6,
    draw: (r) => Math.floor(clamp(logNormal(r, 8.9, 0.6), 2000, 500_000)),
  },
];

/** The benchmark's expressions: a mix of enum, boolean, numeric ranges, groups and negation. */
const QUERIES: Record<1 | 3 | 5 | 10, string[]> = {
  1: ["aum_tier in ('500k-1m', '1m+', '5m+')", 'aum >= 1000000', 'is_payroll', 'age between 30 and 50'],
  3: [
    "aum_tier in ('500k-1m', '1m+') and age between 30 and 50 and is_payroll",
    "(city = '上海' or city = '杭州') and txn_count_30d >= 5 and not churn_risk = 'high'",
    "wealth_share > 0.35 and risk_tolerance in ('C4', 'C5') and has_product('fund')",
  ],
  5: [
    "aum_tier in ('500k-1m', '1m+') and age between 30 and 50 and not churn_risk = 'high' and " +
      "txn_count_30d >= 5 and (city = '上海' or city = '杭州')",
    "gender = 'F' and age between 25 and 40 and mobile_active and inflow_30d > 10000.5 and holds_wealth = false",
    "income_band in ('high', 'very_high') and aum < 500000 and has_product('credit_card') and " +
      'credit_utilisation >= 0.8 and days_since_login <= 30',
    "value_tier != 'mass' and tenure_years >= 3.5 and product_count between 2 and 5 and " +
      "rfm_segment not in ('lost', 'hibernating') and risk_score > 600",
  ],
  10: [
    "aum_tier in ('500k-1m', '1m+') and age between 30 and 50 and not churn_risk = 'high' and " +
      "txn_count_30d >= 5 and (city = '上海' or city = '杭州' or city = '宁波') and has_product('wealth') and " +
      "risk_tolerance in ('C3', 'C4', 'C5') and mobile_active and wealth_share < 0.8 and not dormant",
    "customer_kind = 'retail' and (is_payroll or salary >= 8000) and age < 45 and " +
      "income_band in ('10k-20k', '20k-50k', 'high') and aum between 50000 and 2000000 and " +
      "not has_product('fund') and activity_score >= 40 and days_since_login <= 14 and " +
      "marital_status = 'married' and outflow_30d > 50000",
  ],
};

// ---------------------------------------------------------------------------------------------------------
// Data

interface Column {
  spec: Spec;
  /** Enum/boolean: dictionary code (0 = NULL). */
  codes?: Uint8Array;
  /** Numeric: value × 10^scale as an integer; NULL_INT = NULL. */
  units?: Int32Array;
}

const NULL_INT = -2147483648;

function generate(spec: Spec, n: number, seed: number): Column {
  const random = rng(seed);
  if (spec.kind === 'numeric') {
    const units = new Int32Array(n);
    const factor = 10 ** spec.scale;
    for (let i = 0; i < n; i++) {
      units[i] = random() < spec.nullRate ? NULL_INT : Math.round(spec.draw(random) * factor);
    }
    return { spec, units };
  }
  const total = spec.weights.reduce((s, w) => s + w, 0);
  const cumulative = spec.weights.map(
    (
      (sum) => (w: number) =>
        (sum += w / total)
    )(0),
  );
  const codes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (random() < spec.nullRate) continue;
    const r = random();
    let c = 0;
    while (c < cumulative.length - 1 && r >= cumulative[c]) c++;
    codes[i] = c + 1;
  }
  return { spec, codes };
}

function numericValues(column: Column): Float64Array {
  const { units, spec } = column;
  const factor = 10 ** (spec as NumericSpec).scale;
  const values = new Float64Array(units!.length);
  for (let i = 0; i < values.length; i++) values[i] = units![i] === NULL_INT ? NaN : units![i] / factor;
  return values;
}

/**
 * The typed array behind a DuckDB vector, when this version of @duckdb/node-api keeps one (it does: flush()
 * copies it to the native vector). Writing it directly skips a checked call per value, which makes loading
 * 600M values take seconds instead of minutes; falls back to setItem when the shape is not as expected.
 */
function itemsOf<T extends Uint8Array | Uint32Array | Float64Array>(
  vector: DuckDBVector<number>,
  kind: { new (n: number): T; prototype: T },
  rows: number,
): T | undefined {
  const items = (vector as unknown as { items?: unknown }).items;
  return items instanceof kind && items.length === rows ? (items as T) : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Timing

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Timing {
  median: number;
  p99: number;
}

function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const n = CUSTOMERS;
  log(`audience bench: ${n.toLocaleString('en-US')} customers × ${SPECS.length} tags, seed ${SEED}`);

  // Customer numbers are dense, as cno is in the warehouse.
  const cnos = new Uint32Array(n);
  for (let i = 0; i < n; i++) cnos[i] = i + 1;

  let t0 = now();
  const columns = SPECS.map((spec, i) => generate(spec, n, SEED * 1000 + i));
  const generateMs = now() - t0;
  log(`generated in ${(generateMs / 1000).toFixed(1)} s`);

  t0 = now();
  const indexColumns = new Map<string, EnumColumn | BitSlicedIndex>();
  for (const c of columns) {
    if (c.spec.kind === 'numeric') {
      indexColumns.set(c.spec.id, BitSlicedIndex.build(cnos, numericValues(c), c.spec.scale));
    } else {
      indexColumns.set(c.spec.id, EnumColumn.fromCodes(cnos, c.codes!, c.spec.values));
    }
  }
  const universe = createBitmap(cnos);
  universe.runOptimize();
  const index = new AudienceIndex(universe, indexColumns, { customers: n, seed: SEED });
  const buildMs = now() - t0;
  const memory = index.memoryReport();
  const indexBytes =
    memory.reduce((s, m) => s + m.bytes, 0) + universe.getSerializationSizeInBytes('portable');
  log(`index built in ${(buildMs / 1000).toFixed(1)} s, ${(indexBytes / 1e6).toFixed(0)} MB`);

  t0 = now();
  const snapshot = index.serialize();
  const snapshotWriteMs = now() - t0;
  t0 = now();
  const loaded = AudienceIndex.deserialize(snapshot);
  const snapshotLoadMs = now() - t0;
  const snapshotBytes = snapshot.length;
  if (loaded.universe.size !== n) throw new Error('snapshot round trip lost customers');
  log(
    `snapshot ${(snapshotBytes / 1e6).toFixed(0)} MB: serialize ${snapshotWriteMs.toFixed(0)} ms, load ${snapshotLoadMs.toFixed(0)} ms`,
  );

  // DuckDB: a file database in a temp dir (the warehouse is a file too), typed like customer_tag.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-bench-audience-'));
  const instance = await DuckDBInstance.create(path.join(dir, 'bench.duckdb'), {
    threads: String(os.availableParallelism()),
  });
  const db = await instance.connect();
  try {
    t0 = now();
    const stageTypes: DuckDBType[] = [
      UINTEGER,
      ...columns.map((c) => (c.spec.kind === 'numeric' ? DOUBLE : UTINYINT)),
    ];
    await db.run(
      `CREATE TABLE stage (cno UINTEGER, ${columns
        .map((c) => `"${c.spec.id}" ${c.spec.kind === 'numeric' ? 'DOUBLE' : 'UTINYINT'}`)
        .join(', ')})`,
    );
    const appender = await db.createAppender('stage');
    const CHUNK = 2048;
    for (let start = 0; start < n; start += CHUNK) {
      const rows = Math.min(CHUNK, n - start);
      const chunk = DuckDBDataChunk.create(stageTypes, rows);
      const cnoVector = chunk.getColumnVector(0) as DuckDBVector<number>;
      const cnoItems = itemsOf(cnoVector, Uint32Array, rows);
      if (cnoItems) cnoItems.set(cnos.subarray(start, start + rows));
      else for (let r = 0; r < rows; r++) cnoVector.setItem(r, cnos[start + r]);
      cnoVector.flush();
      for (let c = 0; c < columns.length; c++) {
        const vector = chunk.getColumnVector(c + 1) as DuckDBVector<number>;
        const { codes, units, spec } = columns[c];
        if (codes) {
          const items = itemsOf(vector, Uint8Array, rows);
          for (let r = 0; r < rows; r++) {
            const code = codes[start + r];
            if (code === 0) vector.setItem(r, null);
            else if (items) items[r] = code;
            else vector.setItem(r, code);
          }
        } else {
          const factor = 10 ** (spec as NumericSpec).scale;
          const items = itemsOf(vector, Float64Array, rows);
          for (let r = 0; r < rows; r++) {
            const u = units![start + r];
            if (u === NULL_INT) vector.setItem(r, null);
            else if (items) items[r] = u / factor;
            else vector.setItem(r, u / factor);
          }
        }
        vector.flush();
      }
      appender.appendDataChunk(chunk);
    }
    appender.closeSync();
    log(`DuckDB staging appended in ${((now() - t0) / 1000).toFixed(1)} s`);
    const quoteList = (values: string[]) => `[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;
    await db.run(
      `CREATE TABLE customer_tag AS SELECT cno, ${columns
        .map(({ spec }) =>
          spec.kind === 'numeric'
            ? `"${spec.id}"`
            : spec.kind === 'boolean'
              ? `CASE "${spec.id}" WHEN 1 THEN TRUE WHEN 2 THEN FALSE END AS "${spec.id}"`
              : `${quoteList(spec.values)}["${spec.id}"] AS "${spec.id}"`,
        )
        .join(', ')} FROM stage`,
    );
    await db.run('DROP TABLE stage');
    await db.run('CHECKPOINT');
    log(`DuckDB table loaded in ${((now() - t0) / 1000).toFixed(1)} s`);

    const fields = new Map<string, AudienceField>(
      SPECS.map((s) => [
        s.id,
        s.kind === 'numeric' ? { id: s.id, kind: 'numeric' } : { id: s.id, kind: s.kind, values: s.values },
      ]),
    );
    const noSegments = (name: string): Bitmap => {
      throw new Error(`no segment ${name} in the bench`);
    };

    interface Result {
      conditions: number;
      text: string;
      count: number;
      bitmap: number[];
      duckdb: number[];
    }
    const results: Result[] = [];
    for (const conditions of [1, 3, 5, 10] as const) {
      for (const text of QUERIES[conditions]) {
        const node: AudienceNode = parseAudience(text, fields);
        const sql = `SELECT count(*) AS n FROM customer_tag WHERE ${audienceToSql(node, fields)}`;
        // Warm up both sides (JIT, DuckDB buffer pool), then check the answers agree before timing.
        const count = countAudience(node, index, noSegments);
        for (let i = 0; i < 3; i++) countAudience(parseAudience(text, fields), index, noSegments);
        const reader = await db.runAndReadAll(sql);
        const duckCount = Number(reader.getRowsJS()[0][0]);
        if (duckCount !== count) {
          process.stderr.write(
            `\nCOUNT MISMATCH for ${conditions}-condition expression:\n  ${text}\n  bitmap ${count}, DuckDB ${duckCount}\n  SQL: ${sql}\n`,
          );
          return 1;
        }
        const bitmap: number[] = [];
        for (let i = 0; i < REPS; i++) {
          const s = now();
          // End to end as the API does it: parse the text, evaluate, count.
          countAudience(parseAudience(text, fields), index, noSegments);
          bitmap.push(now() - s);
        }
        const duckdb: number[] = [];
        for (let i = 0; i < DUCKDB_REPS; i++) {
          const s = now();
          await db.runAndReadAll(sql);
          duckdb.push(now() - s);
        }
        results.push({ conditions, text, count, bitmap, duckdb });
        log(
          `${conditions} cond: count ${count.toLocaleString('en-US')}, bitmap ${summarise(bitmap).median.toFixed(2)} ms, DuckDB ${summarise(duckdb).median.toFixed(2)} ms`,
        );
      }
    }

    // Table: per condition class, all its expressions' samples pooled.
    const classes = ([1, 3, 5, 10] as const).map((conditions) => {
      const rs = results.filter((r) => r.conditions === conditions);
      const bitmap = summarise(rs.flatMap((r) => r.bitmap));
      const duckdb = summarise(rs.flatMap((r) => r.duckdb));
      return { conditions, expressions: rs.length, bitmap, duckdb, speedup: duckdb.median / bitmap.median };
    });
    const header = [
      'conditions',
      'expressions',
      'bitmap median ms',
      'bitmap p99 ms',
      'DuckDB median ms',
      'DuckDB p99 ms',
      'speedup',
    ];
    const rows = classes.map((c) => [
      String(c.conditions),
      String(c.expressions),
      c.bitmap.median.toFixed(2),
      c.bitmap.p99.toFixed(2),
      c.duckdb.median.toFixed(2),
      c.duckdb.p99.toFixed(2),
      `${c.speedup.toFixed(1)}×`,
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
    process.stdout.write(
      `audience counts, ${n.toLocaleString('en-US')} customers × ${SPECS.length} tags, ${REPS} reps (DuckDB ${DUCKDB_REPS}), ${os.availableParallelism()} cpus\n`,
    );
    process.stdout.write(line(header) + '\n');
    for (const r of rows) process.stdout.write(line(r) + '\n');
    process.stdout.write('largest columns: ');
    process.stdout.write(
      memory
        .slice(0, 5)
        .map((m) => `${m.column} (${m.kind}) ${(m.bytes / 1e6).toFixed(1)} MB`)
        .join(', ') + '\n',
    );

    const five = classes.find((c) => c.conditions === 5)!;
    const withinLatency = five.bitmap.median <= BUDGET_MEDIAN_MS_5COND;
    const withinSpeedup = five.speedup >= BUDGET_SPEEDUP;
    process.stdout.write(
      `budget: 5 conditions median ≤ ${BUDGET_MEDIAN_MS_5COND} ms (${withinLatency ? 'ok' : 'MISSED'}), ` +
        `≥ ${BUDGET_SPEEDUP}× DuckDB (${withinSpeedup ? 'ok' : 'MISSED'}); counts equal on all ${results.length} expressions\n`,
    );
    const r2 = (x: number) => Number(x.toFixed(2));
    const byClass = Object.fromEntries(
      classes.flatMap((c) => [
        [`median_ms_${c.conditions}cond`, r2(c.bitmap.median)],
        [`p99_ms_${c.conditions}cond`, r2(c.bitmap.p99)],
        [`duckdb_median_ms_${c.conditions}cond`, r2(c.duckdb.median)],
      ]),
    );
    process.stdout.write(
      JSON.stringify({
        customers: n,
        tags: SPECS.length,
        median_ms_5cond: r2(five.bitmap.median),
        p99_ms_5cond: r2(five.bitmap.p99),
        duckdb_median_ms_5cond: r2(five.duckdb.median),
        speedup_vs_duckdb: Number(five.speedup.toFixed(1)),
        index_mb_per_million: Number((indexBytes / 1e6 / (n / 1e6)).toFixed(1)),
        ...byClass,
        index_mb: Math.round(indexBytes / 1e6),
        snapshot_mb: Math.round(snapshotBytes / 1e6),
        snapshot_load_ms: Math.round(snapshotLoadMs),
        build_seconds: Number((buildMs / 1000).toFixed(1)),
        peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
        within_budget: withinLatency && withinSpeedup,
      }) + '\n',
    );
    return withinLatency && withinSpeedup ? 0 : 1;
  } finally {
    db.closeSync();
    instance.closeSync();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
