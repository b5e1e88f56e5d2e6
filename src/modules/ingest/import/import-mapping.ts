import fs from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  CANONICAL_TABLE_NAMES,
  canonicalTable,
  type CanonicalTableName,
  type CanonicalType,
} from '../../../platform/warehouse/index.ts';
import { ValidationError } from '../../../platform/errors.ts';

/** Named value maps a mapping can use instead of spelling the pairs out (`map: gender`). */
export const VALUE_MAP_PRESETS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  gender: { 男: 'M', 女: 'F', 男性: 'M', 女性: 'F', m: 'M', f: 'F', male: 'M', female: 'F' },
  boolean: {
    是: 'true',
    否: 'false',
    有: 'true',
    无: 'false',
    y: 'true',
    n: 'false',
    yes: 'true',
    no: 'false',
    true: 'true',
    false: 'false',
    t: 'true',
    f: 'false',
    '1': 'true',
    '0': 'false',
  },
};

/** Units a numeric source column can be in, as factors to the canonical unit (yuan, fraction). */
export const UNITS: Readonly<Record<string, number>> = {
  yuan: 1,
  元: 1,
  jiao: 0.1,
  角: 0.1,
  cents: 0.01,
  fen: 0.01,
  分: 0.01,
  thousand: 1_000,
  千元: 1_000,
  wan: 10_000,
  万元: 10_000,
  yi: 100_000_000,
  亿元: 100_000_000,
  percent: 0.01,
  '%': 0.01,
};

const DERIVATIONS = ['years_ago', 'months_ago', 'days_ago'] as const;
const CANONICAL_TYPES = [
  'text',
  'integer',
  'bigint',
  'double',
  'money',
  'date',
  'timestamp',
  'boolean',
  'json',
] as const;
const NUMERIC_TYPES: readonly CanonicalType[] = ['integer', 'bigint', 'double', 'money'];
const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  tab: '\t',
  comma: ',',
  semicolon: ';',
  pipe: '|',
};

/** Where a field's value comes from. */
export type FieldSource =
  { kind: 'column'; column: string } | { kind: 'constant'; value: string | null } | { kind: 'row_number' };

/** One target field (canonical or custom attribute) of a file mapping, normalised. */
export interface FieldSpec {
  source: FieldSource;
  /** Lower-cased source value → target value; unmapped values are kept, nulled or rejected. */
  map?: { entries: ReadonlyMap<string, string | null>; unmapped: 'keep' | 'null' | 'reject' };
  nullValues: readonly string[];
  trim: boolean;
  prefix?: string;
  suffix?: string;
  pad?: number;
  /** strptime formats for dates and timestamps, tried in order. */
  formats?: readonly string[];
  /** Multiplier from the source unit to the canonical unit. */
  factor?: number;
  /** The value is an amount of time before `asOf`; the field gets that date. */
  derive?: { unit: 'years' | 'months' | 'days'; asOf: string };
  default?: string;
  /** Type of a custom attribute (canonical fields have the canonical type). */
  type?: CanonicalType;
  /** Path of this field in the mapping file, for error messages, e.g. `files[0].fields.gender`. */
  key: string;
}

/** How one source file (or set of files) maps onto one canonical table. */
export interface FileMapping {
  /** File name or glob (`*`, `?`) relative to the source directory. */
  file: string;
  table: CanonicalTableName;
  format?: 'csv' | 'parquet' | 'xlsx';
  /** Undefined: detected. */
  encoding?: string;
  /** Undefined: sniffed. */
  delimiter?: string;
  quote?: string;
  sheet?: string;
  skipRows: number;
  fields: Readonly<Record<string, FieldSpec>>;
  custom: Readonly<Record<string, FieldSpec>>;
  /** Source columns deliberately left out (no warning about them). */
  ignore: readonly string[];
  key: string;
}

/** Constant rows a mapping declares for a table, e.g. the branch its customers belong to. */
export interface ConstantRows {
  table: CanonicalTableName;
  rows: readonly Readonly<Record<string, string | null>>[];
  key: string;
}

/** A validated import mapping. */
export interface ImportMapping {
  path: string;
  files: readonly FileMapping[];
  rows: readonly ConstantRows[];
}

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));
const nullableScalar = z.union([scalar, z.null()]);
const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)), 'must be a date YYYY-MM-DD');
const encoding = z
  .string()
  .refine(
    (e) => e === 'auto' || iconv.encodingExists(e),
    'unknown encoding (use auto, utf-8, gbk, gb18030, utf-16le …)',
  );
const delimiter = z
  .string()
  .transform((d) =>
    d.toLowerCase() === 'auto' ? undefined : (DELIMITER_NAMES[d.toLowerCase()] ?? (d === '\\t' ? '\t' : d)),
  )
  .refine(
    (d) => d === undefined || d.length === 1,
    'must be auto, one character, or tab, comma, semicolon, pipe',
  );

const fieldObject = z
  .strictObject({
    from: z.string().min(1).optional(),
    constant: nullableScalar.optional(),
    row_number: z.literal(true).optional(),
    map: z
      .union([
        z
          .string()
          .refine(
            (p) => p in VALUE_MAP_PRESETS,
            `unknown preset (use ${Object.keys(VALUE_MAP_PRESETS).join(', ')})`,
          ),
        z.record(z.string(), nullableScalar),
      ])
      .optional(),
    unmapped: z.enum(['keep', 'null', 'reject']).optional(),
    null_values: z.array(scalar).optional(),
    trim: z.boolean().optional(),
    prefix: scalar.optional(),
    suffix: scalar.optional(),
    pad: z.number().int().min(1).max(64).optional(),
    format: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    unit: z
      .string()
      .refine((u) => u in UNITS, `unknown unit (use ${Object.keys(UNITS).join(', ')})`)
      .optional(),
    multiply: z.number().finite().optional(),
    derive: z.enum(DERIVATIONS).optional(),
    as_of: isoDate.optional(),
    default: scalar.optional(),
    type: z.enum(CANONICAL_TYPES).optional(),
  })
  .superRefine((f, ctx) => {
    const sources = [f.from !== undefined, f.constant !== undefined, f.row_number !== undefined].filter(
      Boolean,
    ).length;
    if (sources !== 1)
      ctx.addIssue({ code: 'custom', message: 'give exactly one of from, constant, row_number' });
    if (f.unit !== undefined && f.multiply !== undefined)
      ctx.addIssue({ code: 'custom', message: 'give unit or multiply, not both' });
    if (f.unmapped !== undefined && f.map === undefined)
      ctx.addIssue({ code: 'custom', path: ['unmapped'], message: 'needs map' });
  });
type FieldInput = z.infer<typeof fieldObject>;
const fieldSpec = z.preprocess((v) => (typeof v === 'string' ? { from: v } : v), fieldObject);

const fileSchema = z.strictObject({
  file: z.string().min(1),
  table: z.enum(CANONICAL_TABLE_NAMES),
  format: z.enum(['csv', 'parquet', 'xlsx']).optional(),
  encoding: encoding.optional(),
  delimiter: delimiter.optional(),
  quote: z.string().length(1).optional(),
  sheet: z.string().min(1).optional(),
  skip_rows: z.number().int().min(0).optional(),
  null_values: z.array(scalar).optional(),
  as_of: isoDate.optional(),
  fields: z.record(z.string(), fieldSpec),
  custom: z.record(z.string(), fieldSpec).optional(),
  ignore: z.array(z.string()).optional(),
});

const mappingSchema = z.strictObject({
  version: z.literal(1).optional(),
  description: z.string().optional(),
  as_of: isoDate.optional(),
  encoding: encoding.optional(),
  delimiter: delimiter.optional(),
  null_values: z.array(scalar).optional(),
  rows: z
    .partialRecord(z.enum(CANONICAL_TABLE_NAMES), z.array(z.record(z.string(), nullableScalar)).min(1))
    .optional(),
  files: z.array(fileSchema).min(1),
});

/** Reads and validates a mapping file; a problem throws a ValidationError naming the key. */
export async function loadMapping(file: string): Promise<ImportMapping> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new ValidationError(`cannot read mapping ${file}: ${(error as Error).message}`);
  }
  return parseMapping(text, path.resolve(file));
}

/** Validates mapping YAML text; `file` names it in error messages. */
export function parseMapping(text: string, file: string): ImportMapping {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new ValidationError(`${path.basename(file)}: not valid YAML: ${(error as Error).message}`);
  }
  const parsed = mappingSchema.safeParse(document);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    throw new ValidationError(`${path.basename(file)}: ${problems.join('; ')}`, { problems });
  }
  const m = parsed.data;
  const problems: string[] = [];
  const files = m.files.map((f, index) => normaliseFile(f, index, m.as_of, m.null_values ?? [], problems));
  for (const f of files) {
    f.encoding ??= m.encoding;
    f.delimiter ??= m.delimiter;
    if (f.encoding === 'auto') f.encoding = undefined;
  }
  const rows: ConstantRows[] = [];
  for (const [table, list] of Object.entries(m.rows ?? {}) as [
    CanonicalTableName,
    Record<string, string | null>[],
  ][]) {
    const names = new Set(canonicalTable(table).columns.map((c) => c.name));
    list.forEach((row, i) => {
      for (const key of Object.keys(row)) {
        if (!names.has(key)) problems.push(`rows.${table}[${i}].${key}: ${table} has no field ${key}`);
      }
    });
    rows.push({ table, rows: list, key: `rows.${table}` });
  }
  if (problems.length)
    throw new ValidationError(`${path.basename(file)}: ${problems.join('; ')}`, { problems });
  return { path: file, files, rows };
}

function normaliseFile(
  f: z.infer<typeof fileSchema>,
  index: number,
  asOf: string | undefined,
  nullValues: string[],
  problems: string[],
): FileMapping {
  const key = `files[${index}]`;
  const table = canonicalTable(f.table);
  const columns = new Map(table.columns.map((c) => [c.name, c]));
  const fields: Record<string, FieldSpec> = {};
  for (const [name, input] of Object.entries(f.fields)) {
    const fieldKey = `${key}.fields.${name}`;
    const column = columns.get(name);
    if (!column) {
      problems.push(
        `${fieldKey}: ${f.table} has no field ${name} (fields: ${[...columns.keys()].join(', ')})`,
      );
      continue;
    }
    if (input.type !== undefined)
      problems.push(`${fieldKey}.type: canonical fields have a fixed type (${column.type})`);
    fields[name] = normaliseField(
      input,
      fieldKey,
      column.type,
      f.as_of ?? asOf,
      f.null_values ?? nullValues,
      problems,
    );
  }
  for (const column of table.columns) {
    if (column.required && !(column.name in fields) && !(f.table === 'customer' && column.name === 'cno')) {
      problems.push(
        `${key}.fields: required field ${column.name} of ${f.table} is not mapped (use from, constant or row_number)`,
      );
    }
  }
  const custom: Record<string, FieldSpec> = {};
  if (f.custom && Object.keys(f.custom).length > 0 && f.table !== 'customer') {
    problems.push(
      `${key}.custom: custom attributes are kept per customer, so only files mapped to table customer may declare them`,
    );
  }
  for (const [name, input] of Object.entries(f.custom ?? {})) {
    const fieldKey = `${key}.custom.${name}`;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      problems.push(`${fieldKey}: attribute names are letters, digits and _`);
    if (columns.has(name))
      problems.push(`${fieldKey}: ${name} is a canonical field of ${f.table}; map it under fields`);
    custom[name] = normaliseField(
      input,
      fieldKey,
      input.type ?? 'text',
      f.as_of ?? asOf,
      f.null_values ?? nullValues,
      problems,
    );
    custom[name].type = input.type ?? 'text';
  }
  return {
    file: f.file,
    table: f.table,
    format: f.format,
    encoding: f.encoding,
    delimiter: f.delimiter,
    quote: f.quote,
    sheet: f.sheet,
    skipRows: f.skip_rows ?? 0,
    fields,
    custom,
    ignore: f.ignore ?? [],
    key,
  };
}

function normaliseField(
  f: FieldInput,
  key: string,
  type: CanonicalType,
  asOf: string | undefined,
  nullValues: string[],
  problems: string[],
): FieldSpec {
  const source: FieldSource =
    f.from !== undefined
      ? { kind: 'column', column: f.from }
      : f.row_number
        ? { kind: 'row_number' }
        : { kind: 'constant', value: f.constant ?? null };
  const spec: FieldSpec = {
    source,
    nullValues: f.null_values ?? nullValues,
    trim: f.trim ?? true,
    prefix: f.prefix,
    suffix: f.suffix,
    pad: f.pad,
    default: f.default,
    key,
  };
  if (f.map !== undefined) {
    const pairs =
      typeof f.map === 'string' ? Object.entries(VALUE_MAP_PRESETS[f.map]) : Object.entries(f.map);
    const entries = new Map<string, string | null>();
    for (const [from, to] of pairs) {
      const k = from.trim().toLowerCase();
      if (entries.has(k) && entries.get(k) !== to)
        problems.push(`${key}.map: ${from} is mapped twice (keys ignore case)`);
      entries.set(k, to);
    }
    spec.map = { entries, unmapped: f.unmapped ?? 'keep' };
  }
  if (f.format !== undefined) {
    if (type !== 'date' && type !== 'timestamp')
      problems.push(`${key}.format: only dates and timestamps take a format`);
    spec.formats = typeof f.format === 'string' ? [f.format] : f.format;
  }
  if (f.unit !== undefined || f.multiply !== undefined) {
    if (!NUMERIC_TYPES.includes(type))
      problems.push(`${key}.${f.unit ? 'unit' : 'multiply'}: only numeric fields take a unit`);
    spec.factor = f.unit !== undefined ? UNITS[f.unit] : f.multiply;
  }
  if (f.derive !== undefined) {
    if (type !== 'date') problems.push(`${key}.derive: only date fields can be derived`);
    const at = f.as_of ?? asOf;
    if (!at)
      problems.push(`${key}.as_of: derive ${f.derive} needs as_of (on the field, the file or the mapping)`);
    if (spec.formats) problems.push(`${key}.format: a derived field takes no format`);
    spec.derive = {
      unit: f.derive.replace('_ago', '') as 'years' | 'months' | 'days',
      asOf: at ?? '1970-01-01',
    };
  }
  return spec;
}

function formatPath(p: readonly PropertyKey[]): string {
  let out = '';
  for (const part of p) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '(top level)';
}
