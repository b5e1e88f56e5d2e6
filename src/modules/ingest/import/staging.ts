import { canonicalTable, type CanonicalTable, type Warehouse } from '../../../platform/warehouse/index.ts';
import { ValidationError } from '../../../platform/errors.ts';
import { compileField, type FieldPlan } from './field-sql.ts';
import type { FileMapping } from './import-mapping.ts';
import type { PreparedPart, SourceColumn } from './prepare-source.ts';
import type { SourceEntry } from './source-files.ts';
import { ident, literal } from './sql-text.ts';

/** What a staging table holds: canonical fields in canonical order, then custom attributes. */
export interface TablePlan {
  table: CanonicalTable;
  fields: FieldPlan[];
  custom: FieldPlan[];
}

/** A source entry loaded into a temporary staging table with typed values and per-row errors. */
export interface StagedTable {
  /** Temporary table: canonical columns, `_ca_<i>` custom attributes, `_err`, maybe `_src_row`. */
  name: string;
  /** Rows parsed into the staging table. */
  rows: number;
  /** Temporary table of parts: idx, name, first_rid, last_rid, header_lines, row_ref. */
  partsTable: string;
  /** Temporary table of malformed lines: part, line, column, value, message. */
  malformedTable: string;
  malformed: number;
  /** Rows with a field error (`_err` not null). */
  fieldErrors: number;
  hasRowRef: boolean;
}

/** Custom attribute column name in a staging table. */
export function customColumn(index: number): string {
  return `_ca_${index}`;
}

/**
 * Decides, per canonical field and custom attribute, where its value comes from. Structural
 * problems (a required column absent, a mapped column missing from the file) throw: they concern
 * every row, so nothing should load.
 */
export function planTable(entry: SourceEntry, parts: PreparedPart[], warnings: string[]): TablePlan {
  const table = canonicalTable(entry.table);
  const mapping = entry.mapping;
  const header = parts[0].columns;
  if (!mapping) {
    const fields: FieldPlan[] = table.columns.map((col) => {
      const found = findColumn(header, col.name);
      if (!found && col.required) {
        const where = entry.constantRows
          ? `${entry.constantRows.key}: every row lacks`
          : `${entry.label}: missing required column`;
        throw new ValidationError(`${where} ${col.name} (columns: ${header.map((c) => c.name).join(', ')})`);
      }
      return {
        name: col.name,
        custom: false,
        type: col.type,
        required: col.required ?? false,
        values: col.values,
        spec: found
          ? { source: { kind: 'column', column: found.name }, nullValues: [], trim: true, key: col.name }
          : null,
      };
    });
    const known = new Set(table.columns.map((c) => c.name.toLowerCase()));
    const extra = header.filter((c) => !known.has(c.name.toLowerCase())).map((c) => c.name);
    if (extra.length)
      warnings.push(`${entry.label}: columns not in canonical ${table.name}, ignored: ${extra.join(', ')}`);
    for (const part of parts) checkColumns(part, fields, null);
    return { table, fields, custom: [] };
  }
  const fields: FieldPlan[] = table.columns.map((col) => ({
    name: col.name,
    custom: false,
    type: col.type,
    required: col.required ?? false,
    values: col.values,
    spec: mapping.fields[col.name] ?? null,
  }));
  const custom: FieldPlan[] = Object.entries(mapping.custom).map(([name, spec]) => ({
    name,
    custom: true,
    type: spec.type ?? 'text',
    required: false,
    spec,
  }));
  for (const part of parts) checkColumns(part, [...fields, ...custom], mapping);
  const used = new Set<string>();
  for (const f of [...fields, ...custom]) {
    if (f.spec?.source.kind === 'column') used.add(findColumn(header, f.spec.source.column)!.name);
  }
  const ignored = new Set(mapping.ignore);
  const unused = header.filter((c) => !used.has(c.name) && !ignored.has(c.name)).map((c) => c.name);
  if (unused.length)
    warnings.push(
      `${entry.label}: source columns not mapped, ignored: ${unused.join(', ')} (list them under ignore to silence this)`,
    );
  return { table, fields, custom };
}

function findColumn(columns: SourceColumn[], name: string): SourceColumn | undefined {
  const exact = columns.find((c) => c.name === name);
  if (exact) return exact;
  const folded = columns.filter((c) => c.name.toLowerCase() === name.toLowerCase());
  return folded.length === 1 ? folded[0] : undefined;
}

function checkColumns(part: PreparedPart, fields: FieldPlan[], mapping: FileMapping | null): void {
  const names = part.columns.map((c) => c.name);
  const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
  for (const f of fields) {
    if (f.spec?.source.kind !== 'column') continue;
    const column = f.spec.source.column;
    const where = mapping ? `${f.spec.key}${f.spec.key.includes('.') ? '.from' : ''}` : part.name;
    if (duplicates.includes(column))
      throw new ValidationError(`${where}: column ${column} appears twice in ${part.name}`);
    if (!findColumn(part.columns, column)) {
      throw new ValidationError(
        `${where}: no column ${column} in ${part.name} (columns: ${names.join(', ')})`,
      );
    }
  }
}

/**
 * Loads every part of an entry into one temporary staging table, applying the plan in SQL: values
 * are cleaned, mapped and typed, and rows failing a field check get their errors in `_err`. Rows
 * keep file order, so the staging rowid gives the source row number.
 */
export async function stageEntry(
  warehouse: Warehouse,
  prefix: string,
  plan: TablePlan,
  parts: PreparedPart[],
  run: (sql: string) => Promise<void>,
): Promise<StagedTable> {
  const name = `${prefix}_stg`;
  const partsTable = `${prefix}_parts`;
  const malformedTable = `${prefix}_malformed`;
  const hasRowRef = parts.some((p) => p.rowRef);
  await warehouse.run(
    `CREATE TEMP TABLE ${partsTable} (idx INTEGER, name VARCHAR, first_rid BIGINT, last_rid BIGINT, header_lines INTEGER, row_ref BOOLEAN)`,
  );
  await warehouse.run(
    `CREATE TEMP TABLE ${malformedTable} (part INTEGER, line BIGINT, "column" VARCHAR, value VARCHAR, message VARCHAR)`,
  );
  const usesRowNumber = [...plan.fields, ...plan.custom].some((f) => f.spec?.source.kind === 'row_number');
  let total = 0;
  let malformed = 0;
  for (const [idx, part] of parts.entries()) {
    let relation = part.relation;
    let rowNumber = part.rowRef ?? '';
    if (usesRowNumber && !part.rowRef) {
      // Row numbers come from read order, which only a materialised table pins down.
      const raw = `${prefix}_raw${idx}`;
      await warehouse.run(`CREATE TEMP TABLE ${raw} AS SELECT * FROM ${relation}`);
      relation = `(SELECT rowid + 1 AS _rn, * FROM ${raw})`;
      rowNumber = '_rn';
    }
    const select = stagingSelect(plan, part, relation, rowNumber, hasRowRef);
    await run(idx === 0 ? `CREATE TEMP TABLE ${name} AS ${select}` : `INSERT INTO ${name} ${select}`);
    if (usesRowNumber && !part.rowRef) await warehouse.run(`DROP TABLE ${prefix}_raw${idx}`);
    const [{ n }] = await warehouse.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${name}`);
    const count = Number(n) - total;
    await warehouse.run(`INSERT INTO ${partsTable} VALUES ($1, $2, $3, $4, $5, $6)`, [
      idx,
      part.name,
      total,
      total + count - 1,
      part.headerLines,
      part.rowRef !== undefined,
    ]);
    total += count;
    if (part.rejectsTable) {
      const columnName = `CASE column_name ${part.columns.map((c) => `WHEN ${literal(c.ref)} THEN ${literal(c.name)}`).join(' ')} END`;
      await warehouse.run(
        `INSERT INTO ${malformedTable}
         SELECT ${idx}, line, ${columnName}, csv_line, lower(error_type) || ': ' || error_message
         FROM (SELECT DISTINCT ON (line) * FROM ${part.rejectsTable} ORDER BY line, column_idx)`,
      );
      const [{ m }] = await warehouse.all<{ m: bigint }>(
        `SELECT count(*) AS m FROM ${malformedTable} WHERE part = ${idx}`,
      );
      malformed += Number(m);
      await warehouse.run(
        `DROP TABLE IF EXISTS ${part.rejectsTable}; DROP TABLE IF EXISTS ${part.rejectsScan}`,
      );
    }
  }
  const [{ e }] = await warehouse.all<{ e: bigint }>(
    `SELECT count(*) AS e FROM ${name} WHERE _err IS NOT NULL`,
  );
  return { name, rows: total, partsTable, malformedTable, malformed, fieldErrors: Number(e), hasRowRef };
}

/** The staging SELECT for one part: three nested projections (raw+clean, text, typed) then checks. */
function stagingSelect(
  plan: TablePlan,
  part: PreparedPart,
  relation: string,
  rowNumber: string,
  hasRowRef: boolean,
): string {
  const all = [...plan.fields, ...plan.custom];
  const resolve = (column: string) => findColumn(part.columns, column)!.ref;
  const compiled = all.map((f) => compileField(f, resolve, () => rowNumber, part.emptyIsNull));
  const level1 = compiled.flatMap((c, i) => [`${c.raw} AS r${i}`, `${c.clean} AS s${i}`]);
  if (hasRowRef) level1.push(`${part.rowRef ?? 'CAST(NULL AS BIGINT)'} AS _src_row`);
  const level2 = compiled.map((c, i) => `${c.text(`s${i}`)} AS t${i}`);
  const level3 = compiled.map((c, i) => `${c.typed(`t${i}`)} AS v${i}`);
  const checks = compiled.flatMap((c, i) =>
    c.checks({ raw: `r${i}`, clean: `s${i}`, text: `t${i}`, typed: `v${i}` }).map((check) => ({
      ...check,
      error: `{'column': CAST(${literal(c.column)} AS VARCHAR), 'field': ${literal(all[i].name)}, 'value': ${c.column ? `r${i}` : `t${i}`}, 'reason': ${literal(check.reason)}, 'message': ${literal(check.message)}}`,
    })),
  );
  const outputs = [
    ...plan.fields.map((f, i) => `v${i} AS ${ident(f.name)}`),
    ...plan.custom.map((_, j) => `CAST(v${plan.fields.length + j} AS VARCHAR) AS ${customColumn(j)}`),
  ];
  if (hasRowRef) outputs.push('_src_row');
  const err = checks.length
    ? `CASE WHEN ${checks.map((c) => `(${c.condition})`).join(' OR ')} THEN list_filter([${checks
        .map((c) => `CASE WHEN ${c.condition} THEN ${c.error} END`)
        .join(', ')}], lambda x: x IS NOT NULL) END`
    : `CAST(NULL AS STRUCT("column" VARCHAR, field VARCHAR, value VARCHAR, reason VARCHAR, message VARCHAR)[])`;
  outputs.push(`${err} AS _err`);
  return `SELECT ${outputs.join(', ')} FROM (SELECT *, ${level3.join(', ')} FROM (SELECT *, ${level2.join(', ')} FROM (SELECT ${level1.join(', ')} FROM ${relation})))`;
}
