/**
 * Builds `customer_features` in the warehouse: one pass per raw source into a step table, then one
 * wide join onto raw_customer. All work is DuckDB SQL; JavaScript only sequences the steps.
 */
import { ValidationError } from '../../../platform/errors.ts';
import type { Warehouse } from '../../../platform/warehouse/index.ts';
import { FEATURE_COLUMNS, type FeatureColumn } from './feature-columns.ts';
import {
  accountStepSql,
  type AttributeColumn,
  attributeColumns,
  attributeNamesSql,
  attributeStepSql,
  balanceStepSql,
  eventStepSql,
  finalSql,
  graphStepSql,
  rankStepSql,
  STEP_TABLES,
  transactionStepSql,
} from './feature-sql.ts';

/** Steps of the build, in order. */
export const FEATURE_STEPS = [
  'transactions',
  'balances',
  'accounts',
  'events',
  'graph',
  'ranks',
  'attributes',
  'final',
] as const;

/** A step of the feature build. */
export type FeatureStep = (typeof FEATURE_STEPS)[number];

/** Progress of a running build: the step just finished and how many are done. */
export interface FeatureProgress {
  step: FeatureStep;
  done: number;
  total: number;
  ms: number;
}

/** Options of createFeatureTables. */
export interface FeatureTablesOptions {
  /** YYYY-MM-DD; default: the last transaction date in the warehouse (the data's "today"). */
  asOf?: string;
  /** Called after each step. */
  onProgress?: (progress: FeatureProgress) => void;
}

/** What a build made. */
export interface FeatureTablesReport {
  asOf: string;
  customers: number;
  /** Documented columns plus `attr_*` columns. */
  columns: number;
  /** Custom attributes pivoted into `attr_*` columns. */
  attributes: AttributeColumn[];
  steps: { step: FeatureStep; ms: number }[];
  seconds: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks an as-of date string and returns it; throws a ValidationError naming the field. */
export function checkAsOf(asOf: string): string {
  const valid =
    ISO_DATE.test(asOf) && !Number.isNaN(Date.parse(asOf)) && new Date(asOf).toISOString().startsWith(asOf);
  if (!valid) throw new ValidationError(`asOf must be a date YYYY-MM-DD, got '${asOf}'`, { field: 'asOf' });
  return asOf;
}

/** The as-of date of the warehouse: last transaction day, else last month-end balance, else today (UTC). */
export async function defaultAsOf(warehouse: Warehouse): Promise<string> {
  const [row] = await warehouse.all<{ as_of: string | null }>(`
    SELECT strftime(coalesce(
      (SELECT max(ts)::DATE FROM raw_transaction),
      (SELECT last_day(max(month)) FROM raw_balance_monthly),
      current_date), '%Y-%m-%d') AS as_of`);
  return row.as_of ?? new Date().toISOString().slice(0, 10);
}

/**
 * (Re)creates `customer_features`: exactly one row per customer in raw_customer with every column
 * of FEATURE_COLUMNS, then one `attr_<name>` column per custom attribute. Step tables are dropped.
 */
export async function createFeatureTables(
  warehouse: Warehouse,
  options: FeatureTablesOptions = {},
): Promise<FeatureTablesReport> {
  const started = performance.now();
  const asOf = options.asOf ? checkAsOf(options.asOf) : await defaultAsOf(warehouse);
  const steps: { step: FeatureStep; ms: number }[] = [];
  let attributes: AttributeColumn[] = [];
  const run = async (step: FeatureStep, work: () => Promise<void>): Promise<void> => {
    const t0 = performance.now();
    try {
      await work();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`feature build failed at step '${step}' (as of ${asOf}): ${message}`, { cause: error });
    }
    const ms = Math.round(performance.now() - t0);
    steps.push({ step, ms });
    options.onProgress?.({ step, done: steps.length, total: FEATURE_STEPS.length, ms });
  };

  try {
    await run('transactions', () => warehouse.run(transactionStepSql(asOf)));
    await run('balances', () => warehouse.run(balanceStepSql(asOf)));
    await run('accounts', () => warehouse.run(accountStepSql(asOf)));
    await run('events', () => warehouse.run(eventStepSql(asOf)));
    await run('graph', () => warehouse.run(graphStepSql(asOf)));
    await run('ranks', () => warehouse.run(rankStepSql()));
    await run('attributes', async () => {
      const names = await warehouse.all<{ name: string; numeric: boolean }>(attributeNamesSql);
      attributes = attributeColumns(names);
      await warehouse.run(attributeStepSql(attributes));
    });
    await run('final', () => warehouse.run(finalSql(asOf, attributes)));
  } finally {
    for (const table of Object.values(STEP_TABLES)) await warehouse.run(`DROP TABLE IF EXISTS ${table}`);
  }
  const [{ n }] = await warehouse.all<{ n: bigint }>('SELECT count(*) AS n FROM customer_features');
  return {
    asOf,
    customers: Number(n),
    columns: FEATURE_COLUMNS.length + attributes.length,
    attributes,
    steps,
    seconds: Math.round(performance.now() - started) / 1000,
  };
}

/**
 * The columns of the current customer_features table: FEATURE_COLUMNS plus the `attr_*` columns
 * of custom attributes (described by their source attribute name). Empty when no build ran yet.
 */
export async function describeFeatureColumns(warehouse: Warehouse): Promise<FeatureColumn[]> {
  const rows = await warehouse.all<{ column_name: string; data_type: string }>(`
    SELECT column_name, data_type FROM information_schema.columns
    WHERE table_name = 'customer_features' AND table_schema = current_schema()
    ORDER BY ordinal_position`);
  if (rows.length === 0) return [];
  const documented = new Map(FEATURE_COLUMNS.map((c) => [c.name, c]));
  const names = await warehouse.all<{ name: string; numeric: boolean }>(attributeNamesSql);
  const sources = new Map(attributeColumns(names).map((a) => [a.column, a.attribute]));
  return rows.map((row) => {
    const known = documented.get(row.column_name);
    if (known) return known;
    const source = sources.get(row.column_name) ?? row.column_name.replace(/^attr_/, '');
    return {
      name: row.column_name,
      type: row.data_type === 'DOUBLE' ? 'DOUBLE' : 'VARCHAR',
      zh: `自定义属性：${source}`,
      en: `Custom attribute: ${source}`,
      group: 'customer',
    };
  });
}
