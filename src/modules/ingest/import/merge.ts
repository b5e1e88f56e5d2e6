import { rawTableName, type CanonicalTableName, type Warehouse } from '../../../platform/warehouse/index.ts';
import type { FieldPlan } from './field-sql.ts';
import { customColumn, type StagedTable, type TablePlan } from './staging.ts';
import { ident, literal } from './sql-text.ts';

/** What a merge did to one warehouse table. */
export interface MergeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Outcome of validating and merging one staged entry. */
export interface MergeOutcome extends MergeCounts {
  /** Temporary table of rejections: _rid, column, field, value, reason, message, ref_rid. */
  rejectsTable: string;
  rejectedRows: number;
  /** Custom attribute values merged (customer entries with custom attributes only). */
  custom?: MergeCounts & { rows: number };
}

type Run = (sql: string) => Promise<void>;

/**
 * Validates what only the whole warehouse can tell — references to other tables (as they stand
 * in this transaction, so rows loaded earlier in the same import count), duplicate keys and
 * customer numbers — then merges the good rows by natural key: new keys are inserted, changed
 * rows replaced, identical rows left alone.
 */
export async function validateAndMerge(
  warehouse: Warehouse,
  prefix: string,
  staged: StagedTable,
  plan: TablePlan,
  run: Run,
): Promise<MergeOutcome> {
  const stg = staged.name;
  const rej = `${prefix}_rej`;
  await warehouse.run(
    `CREATE TEMP TABLE ${rej} AS
     SELECT _rid, e."column" AS "column", e.field AS field, e.value AS value, e.reason AS reason, e.message AS message,
            CAST(NULL AS BIGINT) AS ref_rid
     FROM (SELECT rowid AS _rid, unnest(_err) AS e FROM ${stg} WHERE _err IS NOT NULL)`,
  );
  let extraRejects = 0;
  const good = (alias = stg) =>
    extraRejects > 0
      ? `${alias}._err IS NULL AND ${alias}.rowid NOT IN (SELECT _rid FROM ${rej})`
      : `${alias}._err IS NULL`;
  const table = plan.table;
  const sourceColumn = (f: FieldPlan) =>
    literal(f.spec?.source.kind === 'column' ? f.spec.source.column : f.name);

  // References: distinct values first, so the big table is hashed once and only misses are traced.
  const fks = plan.fields.filter((f) => f.spec && table.columns.find((c) => c.name === f.name)?.references);
  if (fks.length && staged.rows > staged.fieldErrors) {
    const distinct = `${prefix}_fk`;
    await run(
      `CREATE TEMP TABLE ${distinct} AS SELECT DISTINCT ${fks.map((f) => ident(f.name)).join(', ')} FROM ${stg} WHERE _err IS NULL`,
    );
    for (const f of fks) {
      const [refTable, refColumn] = table.columns.find((c) => c.name === f.name)!.references!.split('.');
      const missing = `${prefix}_missing_${f.name}`;
      await warehouse.run(
        `CREATE TEMP TABLE ${missing} AS SELECT DISTINCT d.${ident(f.name)} AS v FROM ${distinct} d
         ANTI JOIN ${rawTableName(refTable as CanonicalTableName)} r ON r.${ident(refColumn)} = d.${ident(f.name)}
         WHERE d.${ident(f.name)} IS NOT NULL`,
      );
      const [{ n }] = await warehouse.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${missing}`);
      if (Number(n) > 0) {
        extraRejects += await insertCount(
          warehouse,
          `INSERT INTO ${rej}
           SELECT rowid, ${sourceColumn(f)}, ${literal(f.name)}, ${ident(f.name)}, 'unknown_reference',
                  ${literal(`no ${refTable} with ${refColumn} `)} || ${ident(f.name)} || ' in the warehouse or this import', NULL
           FROM ${stg} WHERE _err IS NULL AND ${ident(f.name)} IN (SELECT v FROM ${missing})`,
        );
      }
      await warehouse.run(`DROP TABLE ${missing}`);
    }
    await warehouse.run(`DROP TABLE ${distinct}`);
  }

  // Duplicate natural keys within the entry: the first occurrence loads, later ones are rejected.
  const keyFields = table.key.map((k) => plan.fields.find((f) => f.name === k)!);
  extraRejects += await rejectDuplicates(
    warehouse,
    prefix,
    stg,
    rej,
    good(),
    keyFields,
    'duplicate_key',
    run,
    sourceColumn,
  );

  let goodRelation = `(SELECT rowid AS _rid, * FROM ${stg} WHERE ${good()})`;
  if (table.name === 'customer') {
    const cno = plan.fields.find((f) => f.name === 'cno')!;
    if (cno.spec) {
      extraRejects += await rejectDuplicates(
        warehouse,
        prefix,
        stg,
        rej,
        `${good()} AND cno IS NOT NULL`,
        [cno],
        'duplicate_value',
        run,
        sourceColumn,
      );
      extraRejects += await insertCount(
        warehouse,
        `INSERT INTO ${rej}
         SELECT s.rowid, ${sourceColumn(cno)}, 'cno', CAST(s.cno AS VARCHAR), 'duplicate_value',
                'cno ' || s.cno || ' already belongs to customer ' || t.id, NULL
         FROM ${stg} s JOIN raw_customer t ON t.cno = s.cno AND t.id <> s.id
         WHERE ${good('s')}`,
      );
    }
    // Customers without a number keep the one they have, or get the next free ones, in id order.
    const withCno = `${prefix}_good`;
    await run(
      `CREATE TEMP TABLE ${withCno} AS
       WITH g AS (SELECT rowid AS _rid, * FROM ${stg} WHERE ${good()}),
       j AS (SELECT g.*, COALESCE(g.cno, t.cno) AS _cno FROM g LEFT JOIN raw_customer t ON t.id = g.id),
       m AS (SELECT greatest(coalesce((SELECT max(cno) FROM raw_customer), 0), coalesce((SELECT max(_cno) FROM j), 0)) AS base)
       SELECT j.* EXCLUDE (_cno) REPLACE (
         CAST(COALESCE(j._cno, m.base + row_number() OVER (PARTITION BY j._cno IS NULL ORDER BY j.id)) AS INTEGER) AS cno)
       FROM j, m`,
    );
    goodRelation = withCno;
  }

  const counts = await mergeRows(warehouse, prefix, goodRelation, plan, run);
  const custom = plan.custom.length
    ? await mergeCustom(warehouse, prefix, goodRelation, plan, run)
    : undefined;
  const [{ r }] = await warehouse.all<{ r: bigint }>(`SELECT count(DISTINCT _rid) AS r FROM ${rej}`);
  return { ...counts, rejectsTable: rej, rejectedRows: Number(r), custom };
}

async function rejectDuplicates(
  warehouse: Warehouse,
  prefix: string,
  stg: string,
  rej: string,
  good: string,
  keys: FieldPlan[],
  reason: 'duplicate_key' | 'duplicate_value',
  run: Run,
  sourceColumn: (f: FieldPlan) => string,
): Promise<number> {
  const cols = keys.map((k) => ident(k.name)).join(', ');
  const candidates = `${prefix}_dup`;
  // Grouping 64-bit hashes is much cheaper than grouping strings; candidates are then checked exactly.
  await run(
    `CREATE TEMP TABLE ${candidates} AS SELECT h FROM (SELECT hash(${cols}) AS h FROM ${stg} WHERE ${good}) GROUP BY h HAVING count(*) > 1`,
  );
  const [{ n }] = await warehouse.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${candidates}`);
  let added = 0;
  if (Number(n) > 0) {
    const keyText = keys
      .map((k) => `${literal(k.name + '=')} || CAST(${ident(k.name)} AS VARCHAR)`)
      .join(` || ', ' || `);
    const value = keys.map((k) => `CAST(${ident(k.name)} AS VARCHAR)`).join(` || '|' || `);
    added = await insertCount(
      warehouse,
      `INSERT INTO ${rej}
         SELECT _rid, ${sourceColumn(keys[0])}, ${literal(keys.map((k) => k.name).join(', '))}, ${value}, ${literal(reason)},
                ${reason === 'duplicate_key' ? `'duplicate key ' || ${keyText}` : `'duplicate ' || ${keyText}`}, first_rid
         FROM (SELECT rowid AS _rid, *, min(rowid) OVER (PARTITION BY ${cols}) AS first_rid
               FROM ${stg} WHERE ${good} AND hash(${cols}) IN (SELECT h FROM ${candidates}))
         WHERE _rid <> first_rid`,
    );
  }
  await warehouse.run(`DROP TABLE ${candidates}`);
  return added;
}

async function isEmpty(warehouse: Warehouse, table: string): Promise<boolean> {
  const rows = await warehouse.all(`SELECT 1 FROM ${table} LIMIT 1`);
  return rows.length === 0;
}

async function insertCount(warehouse: Warehouse, sql: string): Promise<number> {
  const rows = await warehouse.all<{ Count: bigint }>(sql);
  return Number(rows[0]?.Count ?? 0);
}

async function mergeRows(
  warehouse: Warehouse,
  prefix: string,
  good: string,
  plan: TablePlan,
  run: Run,
): Promise<MergeCounts> {
  const target = rawTableName(plan.table.name);
  const cols = plan.table.columns.map((c) => ident(c.name));
  const colList = cols.join(', ');
  if (await isEmpty(warehouse, target)) {
    // First load of the table: nothing to compare against, so skip the diff entirely.
    const inserted = await insertCount(
      warehouse,
      `INSERT INTO ${target} (${colList}) SELECT ${colList} FROM ${good}`,
    );
    void run;
    return { inserted, updated: 0, unchanged: 0 };
  }
  const keys = plan.table.key.map(ident);
  const on = keys.map((k) => `t.${k} = g.${k}`).join(' AND ');
  const same = cols.map((c) => `g.${c} IS NOT DISTINCT FROM t.${c}`).join(' AND ');
  const cmp = `${prefix}_cmp`;
  await run(
    `CREATE TEMP TABLE ${cmp} AS
     SELECT g._rid, CASE WHEN t.${keys[0]} IS NULL THEN 0 WHEN ${same} THEN 2 ELSE 1 END AS st
     FROM ${good} g LEFT JOIN ${target} t ON ${on}`,
  );
  const [counts] = await warehouse.all<{ i: bigint; u: bigint; s: bigint }>(
    `SELECT count(*) FILTER (WHERE st = 0) AS i, count(*) FILTER (WHERE st = 1) AS u, count(*) FILTER (WHERE st = 2) AS s FROM ${cmp}`,
  );
  if (Number(counts.u) > 0) {
    await run(
      `DELETE FROM ${target} t USING (SELECT ${keys.map((k) => `g.${k}`).join(', ')} FROM ${good} g JOIN ${cmp} c ON c._rid = g._rid AND c.st = 1) g
       WHERE ${on}`,
    );
  }
  if (Number(counts.i) + Number(counts.u) > 0) {
    await run(
      `INSERT INTO ${target} (${colList})
       SELECT ${cols.map((c) => `g.${c}`).join(', ')} FROM ${good} g JOIN ${cmp} c ON c._rid = g._rid AND c.st IN (0, 1)`,
    );
  }
  await warehouse.run(`DROP TABLE ${cmp}`);
  return { inserted: Number(counts.i), updated: Number(counts.u), unchanged: Number(counts.s) };
}

async function mergeCustom(
  warehouse: Warehouse,
  prefix: string,
  good: string,
  plan: TablePlan,
  run: Run,
): Promise<MergeCounts & { rows: number }> {
  const values = `${prefix}_ca`;
  const selects = plan.custom.map(
    (f, j) =>
      `SELECT id AS customer_id, ${literal(f.name)} AS name, ${customColumn(j)} AS value FROM ${good}`,
  );
  await run(`CREATE TEMP TABLE ${values} AS ${selects.join(' UNION ALL ')}`);
  const [{ rows }] = await warehouse.all<{ rows: bigint }>(`SELECT count(value) AS rows FROM ${values}`);
  if (await isEmpty(warehouse, 'raw_custom_attribute')) {
    const inserted = await insertCount(
      warehouse,
      `INSERT INTO raw_custom_attribute (customer_id, name, value) SELECT customer_id, name, value FROM ${values} WHERE value IS NOT NULL`,
    );
    await warehouse.run(`DROP TABLE ${values}`);
    return { rows: Number(rows), inserted, updated: 0, unchanged: 0 };
  }
  // An empty value removes the attribute: absent and null mean the same to its readers.
  const cmp = `${prefix}_cacmp`;
  await run(
    `CREATE TEMP TABLE ${cmp} AS
     SELECT v.customer_id, v.name, v.value, t.customer_id IS NOT NULL AS existed, v.value IS NOT DISTINCT FROM t.value AS same
     FROM ${values} v LEFT JOIN raw_custom_attribute t ON t.customer_id = v.customer_id AND t.name = v.name`,
  );
  const [c] = await warehouse.all<{ i: bigint; u: bigint; s: bigint }>(
    `SELECT count(*) FILTER (WHERE NOT existed AND value IS NOT NULL) AS i,
            count(*) FILTER (WHERE existed AND NOT same) AS u,
            count(*) FILTER (WHERE existed AND same) AS s
     FROM ${cmp}`,
  );
  if (Number(c.u) > 0) {
    await run(
      `DELETE FROM raw_custom_attribute t USING (SELECT customer_id, name FROM ${cmp} WHERE existed AND NOT same) d
       WHERE t.customer_id = d.customer_id AND t.name = d.name`,
    );
  }
  await run(
    `INSERT INTO raw_custom_attribute (customer_id, name, value)
     SELECT customer_id, name, value FROM ${cmp} WHERE value IS NOT NULL AND (NOT existed OR NOT same)`,
  );
  await warehouse.run(`DROP TABLE ${values}; DROP TABLE ${cmp}`);
  return { rows: Number(rows), inserted: Number(c.i), updated: Number(c.u), unchanged: Number(c.s) };
}
