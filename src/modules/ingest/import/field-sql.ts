import { duckdbType, type CanonicalType } from '../../../platform/warehouse/index.ts';
import type { FieldSpec } from './import-mapping.ts';
import { listLiteral, literal } from './sql-text.ts';

/** Reasons a row is rejected; stable codes for reports and the rejects files. */
export type RejectReason =
  | 'missing_required'
  | 'invalid_type'
  | 'invalid_value'
  | 'unknown_reference'
  | 'duplicate_key'
  | 'duplicate_value'
  | 'malformed_row';

/** A target field of a staging query: canonical column or custom attribute, with its source. */
export interface FieldPlan {
  name: string;
  custom: boolean;
  type: CanonicalType;
  required: boolean;
  values?: readonly string[];
  /** Null: the source has no such column and the mapping gives none, so the field is NULL. */
  spec: FieldSpec | null;
}

/** SQL pieces of one field inside a staging query; `alias` names its intermediate columns. */
export interface CompiledField {
  /** Raw source text, as the error's value. */
  raw: string;
  /** Cleaned source text (trimmed, nulls applied), before value maps. */
  clean: string;
  /** Final text after maps, padding, prefix and default, computed from the alias of `clean`. */
  text: (clean: string) => string;
  /** Typed value, computed from the alias of `text`. */
  typed: (text: string) => string;
  /** Row checks in terms of the aliases of raw, clean, text and typed. */
  checks: (a: {
    raw: string;
    clean: string;
    text: string;
    typed: string;
  }) => { condition: string; reason: RejectReason; message: string }[];
  /** Source column named in errors. */
  column: string | null;
}

/** Resolves a source column name to the SQL of its raw text. */
export type ColumnResolver = (column: string) => string;

/**
 * Compiles a field plan into SQL expressions; `rowNumber` is SQL for the 1-based data row.
 * `emptyIsNull` says the source already reads empty fields as NULL (DuckDB's CSV reader does).
 */
export function compileField(
  field: FieldPlan,
  resolve: ColumnResolver,
  rowNumber: () => string,
  emptyIsNull = false,
): CompiledField {
  const spec = field.spec;
  if (!spec) {
    return {
      raw: 'CAST(NULL AS VARCHAR)',
      clean: 'CAST(NULL AS VARCHAR)',
      text: () => 'CAST(NULL AS VARCHAR)',
      typed: () => `CAST(NULL AS ${duckdbType(field.type)})`,
      checks: (a) => (field.required ? [missing(field, a.text)] : []),
      column: null,
    };
  }
  const raw =
    spec.source.kind === 'column'
      ? resolve(spec.source.column)
      : spec.source.kind === 'constant'
        ? `CAST(${literal(spec.source.value)} AS VARCHAR)`
        : `CAST(${rowNumber()} AS VARCHAR)`;

  const clean = (x: string) => {
    const untrimmed = emptyIsNull && spec.source.kind === 'column' ? x : `NULLIF(${x}, '')`;
    // Checking the ends first is much cheaper than trimming every value of a big file.
    let out = spec.trim
      ? `CASE WHEN starts_with(${x}, ' ') OR ends_with(${x}, ' ') THEN NULLIF(trim(${x}), '') ELSE ${untrimmed} END`
      : untrimmed;
    if (spec.nullValues.length > 0)
      out = `CASE WHEN ${out} IN (${spec.nullValues.map(literal).join(', ')}) THEN NULL ELSE ${out} END`;
    return out;
  };

  const text = (s: string) => {
    let out = s;
    if (spec.map) {
      const whens = [...spec.map.entries].map(([k, v]) => `WHEN ${literal(k)} THEN ${literal(v)}`).join(' ');
      const otherwise = spec.map.unmapped === 'null' ? 'CAST(NULL AS VARCHAR)' : s;
      out = whens ? `CASE lower(${s}) ${whens} ELSE ${otherwise} END` : otherwise;
    }
    if (spec.pad)
      out = `CASE WHEN length(${out}) < ${spec.pad} THEN lpad(${out}, ${spec.pad}, '0') ELSE ${out} END`;
    if (spec.prefix) out = `${literal(spec.prefix)} || ${out}`;
    if (spec.suffix) out = `${out} || ${literal(spec.suffix)}`;
    if (spec.default !== undefined) out = `COALESCE(${out}, ${literal(spec.default)})`;
    return out;
  };

  const column = spec.source.kind === 'column' ? spec.source.column : null;
  return {
    raw,
    clean: clean(raw),
    text,
    typed: (t) => typedSql(field.type, t, spec),
    checks: (a) => {
      const out: { condition: string; reason: RejectReason; message: string }[] = [];
      if (field.required) out.push(missing(field, a.text));
      if (spec.map?.unmapped === 'reject') {
        const keys = [...spec.map.entries.keys()];
        out.push({
          condition: keys.length
            ? `${a.clean} IS NOT NULL AND lower(${a.clean}) NOT IN (${keys.map(literal).join(', ')})`
            : `${a.clean} IS NOT NULL`,
          reason: 'invalid_value',
          message: `not in the value map (${abbreviate(keys)})`,
        });
      }
      out.push(...typeChecks(field, a, spec));
      return out;
    },
    column,
  };
}

function missing(field: FieldPlan, text: string) {
  return {
    condition: `${text} IS NULL`,
    reason: 'missing_required' as const,
    message: `required field ${field.name} is empty`,
  };
}

function typeChecks(
  field: FieldPlan,
  a: { raw: string; clean: string; text: string; typed: string },
  spec: FieldSpec,
): { condition: string; reason: RejectReason; message: string }[] {
  const out: { condition: string; reason: RejectReason; message: string }[] = [];
  if (field.type === 'json') {
    out.push({
      condition: `${a.text} IS NOT NULL AND NOT coalesce(json_valid(${a.text}), false)`,
      reason: 'invalid_type',
      message: 'not valid JSON',
    });
  } else if (field.type !== 'text') {
    out.push({
      condition: `${a.text} IS NOT NULL AND ${a.typed} IS NULL`,
      reason: 'invalid_type',
      message: typeMessage(field.type, spec),
    });
  }
  if (field.values) {
    out.push({
      condition: `${a.typed} NOT IN (${field.values.map(literal).join(', ')})`,
      reason: 'invalid_value',
      message: `not one of: ${field.values.join(', ')}`,
    });
  }
  return out;
}

function typeMessage(type: CanonicalType, spec: FieldSpec): string {
  if (spec.derive) return `not a number of ${spec.derive.unit} (before ${spec.derive.asOf})`;
  switch (type) {
    case 'integer':
    case 'bigint':
      return 'not a whole number';
    case 'double':
      return 'not a number';
    case 'money':
      return 'not an amount (a number, at most 16 digits before the point)';
    case 'date':
      return spec.formats
        ? `not a date in format ${spec.formats.join(' or ')}`
        : 'not a date (expected YYYY-MM-DD)';
    case 'timestamp':
      return spec.formats
        ? `not a timestamp in format ${spec.formats.join(' or ')}`
        : 'not a timestamp (expected YYYY-MM-DD HH:MM:SS)';
    case 'boolean':
      return 'not a boolean (expected true or false)';
    default:
      return `not a valid ${type}`;
  }
}

/** SQL turning the final text `t` into the canonical type, NULL when it does not convert. */
export function typedSql(
  type: CanonicalType,
  t: string,
  spec: Pick<FieldSpec, 'factor' | 'formats' | 'derive'> | null,
): string {
  const factor = spec?.factor;
  const number = (target: string) =>
    factor !== undefined
      ? `TRY_CAST(TRY_CAST(${t} AS DOUBLE) * ${factor} AS ${target})`
      : `TRY_CAST(${t} AS ${target})`;
  switch (type) {
    case 'text':
    case 'json':
      return t;
    case 'integer':
    case 'bigint': {
      // A cast to an integer type would round 12.7 to 13; only whole numbers are accepted.
      const d =
        factor !== undefined
          ? `TRY_CAST(TRY_CAST(${t} AS DOUBLE) * ${factor} AS DECIMAL(38,6))`
          : `TRY_CAST(${t} AS DECIMAL(38,6))`;
      const target = type === 'integer' ? 'INTEGER' : 'BIGINT';
      return `CASE WHEN ${d} = trunc(${d}) THEN TRY_CAST(${d} AS ${target}) END`;
    }
    case 'double':
      return number('DOUBLE');
    case 'money':
      return number('DECIMAL(18,2)');
    case 'boolean':
      return `TRY_CAST(${t} AS BOOLEAN)`;
    case 'date': {
      if (spec?.derive) {
        const n = `TRY_CAST(${t} AS DOUBLE)`;
        const asOf = `DATE ${literal(spec.derive.asOf)}`;
        if (spec.derive.unit === 'days')
          return `CASE WHEN abs(${n}) <= 3650000 THEN CAST(${asOf} - CAST(round(${n}) AS INTEGER) AS DATE) END`;
        const months = spec.derive.unit === 'years' ? `${n} * 12` : n;
        return `CASE WHEN abs(${months}) <= 120000 THEN CAST(${asOf} - to_months(CAST(round(${months}) AS INTEGER)) AS DATE) END`;
      }
      if (spec?.formats) return `CAST(try_strptime(${t}, ${listLiteral(spec.formats)}) AS DATE)`;
      return `TRY_CAST(${t} AS DATE)`;
    }
    case 'timestamp':
      if (spec?.formats) return `CAST(try_strptime(${t}, ${listLiteral(spec.formats)}) AS TIMESTAMP)`;
      return `TRY_CAST(${t} AS TIMESTAMP)`;
  }
}

function abbreviate(values: string[]): string {
  return values.length <= 8 ? values.join(', ') : `${values.slice(0, 8).join(', ')} …`;
}
