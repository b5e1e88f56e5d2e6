import { ValidationError } from '../../platform/errors.ts';
import type { Warehouse } from '../../platform/warehouse/index.ts';
import { duckTypeOf, quoteIdent, quoteLiteral, suggestNames } from './tag.ts';
import type { TagDefinition, TagInput } from './tag.schema.ts';

/** The warehouse table holding the members of uploaded-list tags during a run or preview. */
export const TAG_LIST_TABLE = 'tag_list_member';

/** What kind of problem a definition has. */
export type TagProblem =
  'syntax' | 'unknown_column' | 'unknown_function' | 'aggregate' | 'forbidden' | 'type' | 'value' | 'bind';

/** A tag definition DuckDB cannot compile, or whose results do not fit its kind (400). */
export class TagDefinitionError extends ValidationError {
  constructor(
    readonly tagId: string,
    readonly problem: TagProblem,
    message: string,
    readonly extra: { column?: string; suggestions?: string[]; duckdb?: string; values?: string[] } = {},
  ) {
    super(`tag '${tagId}': ${message}`, { tagId, problem, ...extra });
  }
}

/** The result type DuckDB gives an expression. */
export interface TagValidation {
  resultType: string;
}

const NUMERIC_TYPES =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/;

/**
 * The DuckDB select expression (without alias) computing a tag over customer_features: the
 * authored expression cast to the kind's column type, NULL for customers it does not apply to.
 */
export function compileTag(tag: TagInput | TagDefinition): string {
  const type = duckTypeOf(tag.kind);
  let sql: string;
  switch (tag.source.type) {
    case 'sql':
      sql = `CAST((${tag.source.expression}) AS ${type})`;
      break;
    case 'model':
      // TODO(#5): model scores are published by issue 5; until then the column exists with its type.
      sql = `CAST(NULL AS ${type})`;
      break;
    case 'list':
      sql = `(customer_id IN (SELECT customer_id FROM ${TAG_LIST_TABLE} WHERE tag_id = ${quoteLiteral(tag.id)}))`;
      break;
  }
  if (tag.appliesTo !== 'all') sql = `CASE WHEN kind = ${quoteLiteral(tag.appliesTo)} THEN ${sql} END`;
  return sql;
}

/** `CREATE TABLE customer_features` DDL from documented feature columns, for validating without data. */
export function featureSchemaDdl(columns: ReadonlyArray<{ name: string; type: string }>): string {
  const base: Record<string, string> = {
    customer_id: 'VARCHAR',
    cno: 'INTEGER',
    kind: 'VARCHAR',
    home_branch_id: 'VARCHAR',
    rm_id: 'VARCHAR',
  };
  const all = new Map<string, string>(Object.entries(base));
  for (const c of columns) all.set(c.name, c.type);
  return `CREATE OR REPLACE TABLE customer_features (${[...all].map(([n, t]) => `${quoteIdent(n)} ${t}`).join(', ')})`;
}

/** Creates the (empty) table tag_list_member if absent. */
export async function ensureListTable(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`CREATE TABLE IF NOT EXISTS ${TAG_LIST_TABLE} (tag_id VARCHAR, customer_id VARCHAR)`);
}

/**
 * Checks a definition against the customer_features table of `warehouse` (real data or an empty
 * schema): a single expression over its columns, no subqueries or aggregates, a result type that
 * fits the kind, enum literals among the declared values. Throws TagDefinitionError.
 */
export async function validateTag(
  warehouse: Warehouse,
  tag: TagInput | TagDefinition,
  featureNames: readonly string[],
): Promise<TagValidation> {
  if (tag.source.type === 'model') return { resultType: duckTypeOf(tag.kind) };
  if (tag.source.type === 'list') {
    if (tag.kind !== 'boolean')
      throw new TagDefinitionError(tag.id, 'type', `an uploaded list makes a boolean tag, not ${tag.kind}`);
    return { resultType: 'BOOLEAN' };
  }
  const expression = tag.source.expression;
  const ast = await parseExpression(warehouse, tag.id, expression);
  checkStructure(tag.id, ast);

  let resultType: string;
  try {
    const rows = await warehouse.all<{ column_name: string; column_type: string }>(
      `DESCRIBE SELECT customer_id, (${expression}) AS v FROM customer_features`,
    );
    resultType = rows.find((r) => r.column_name === 'v')?.column_type ?? 'NULL';
  } catch (error) {
    throw translateDuckDbError(tag.id, error, featureNames);
  }
  checkType(tag, resultType);
  if (tag.kind === 'enum') checkEnumLiterals(tag, ast);
  return { resultType };
}

type AstNode = Record<string, unknown>;

/** Parses `SELECT (expression) AS v FROM customer_features` without running it; the select list node. */
async function parseExpression(warehouse: Warehouse, tagId: string, expression: string): Promise<AstNode> {
  const [{ j }] = await warehouse.all<{ j: string }>(`SELECT json_serialize_sql($1::VARCHAR) AS j`, [
    `SELECT (${expression}) AS v FROM customer_features`,
  ]);
  const parsed = JSON.parse(j) as {
    error: boolean;
    error_message?: string;
    error_type?: string;
    statements?: { node: AstNode }[];
  };
  if (parsed.error) {
    if (parsed.error_type === 'not implemented')
      throw new TagDefinitionError(
        tagId,
        'forbidden',
        'the expression must be one SQL expression, not statements',
      );
    throw new TagDefinitionError(
      tagId,
      'syntax',
      `syntax error in the expression: ${firstLine(parsed.error_message ?? 'cannot parse')}`,
      { duckdb: parsed.error_message },
    );
  }
  const statements = parsed.statements ?? [];
  if (statements.length !== 1)
    throw new TagDefinitionError(
      tagId,
      'forbidden',
      'the expression must be one SQL expression, not several statements',
    );
  return statements[0].node;
}

/** Rejects anything but one scalar expression over customer_features (an injected FROM, WHERE, subquery …). */
function checkStructure(tagId: string, node: AstNode): void {
  const list = node.select_list as AstNode[] | undefined;
  const from = node.from_table as AstNode | undefined;
  const clean =
    node.type === 'SELECT_NODE' &&
    list?.length === 1 &&
    from?.type === 'BASE_TABLE' &&
    from.table_name === 'customer_features' &&
    !node.where_clause &&
    !node.having &&
    !node.qualify &&
    ((node.group_expressions as unknown[] | undefined) ?? []).length === 0 &&
    ((node.modifiers as unknown[] | undefined) ?? []).length === 0 &&
    ((node.cte_map as { map?: unknown[] } | undefined)?.map ?? []).length === 0;
  if (!clean)
    throw new TagDefinitionError(
      tagId,
      'forbidden',
      'the expression must be one SQL expression over the columns of customer_features (check its parentheses)',
    );
  if (containsSubquery(list[0]))
    throw new TagDefinitionError(
      tagId,
      'forbidden',
      'subqueries are not allowed: a tag reads only the columns of customer_features',
    );
}

function containsSubquery(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsSubquery);
  if (value && typeof value === 'object') {
    const node = value as AstNode;
    if (node.class === 'SUBQUERY' || node.type === 'SUBQUERY' || 'subquery' in node) return true;
    return Object.values(node).some(containsSubquery);
  }
  return false;
}

function checkType(tag: TagInput | TagDefinition, resultType: string): void {
  const t = resultType.toUpperCase();
  if (t === 'NULL' || t === '"NULL"') return;
  if (tag.kind === 'boolean' && t !== 'BOOLEAN')
    throw new TagDefinitionError(
      tag.id,
      'type',
      `a boolean tag needs a true/false expression, but this one gives ${resultType} (compare it, e.g. "… > 0")`,
    );
  if (tag.kind === 'numeric' && !NUMERIC_TYPES.test(t))
    throw new TagDefinitionError(
      tag.id,
      'type',
      `a numeric tag needs a number, but this expression gives ${resultType}`,
    );
  if (tag.kind === 'enum' && t !== 'VARCHAR')
    throw new TagDefinitionError(
      tag.id,
      'type',
      `an enum tag needs text values (one of its values), but this expression gives ${resultType}`,
    );
}

/** The string constants an expression can return (CASE branches, COALESCE arguments, plain constants). */
export function resultLiterals(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  const n = node as AstNode;
  if (n.class === 'CONSTANT') {
    const value = n.value as { is_null?: boolean; value?: unknown; type?: { id?: string } } | undefined;
    return value && !value.is_null && value.type?.id === 'VARCHAR' ? [String(value.value)] : [];
  }
  if (n.class === 'CASE') {
    const checks = (n.case_checks as { then_expr: unknown }[] | undefined) ?? [];
    return [...checks.flatMap((c) => resultLiterals(c.then_expr)), ...resultLiterals(n.else_expr)];
  }
  if (n.class === 'CAST') return resultLiterals(n.child);
  if (n.class === 'OPERATOR' && n.type === 'OPERATOR_COALESCE')
    return (n.children as unknown[]).flatMap(resultLiterals);
  return [];
}

function checkEnumLiterals(tag: TagInput | TagDefinition, ast: AstNode): void {
  const allowed = (tag.values ?? []).map((v) => v.value);
  const list = ast.select_list as AstNode[];
  for (const literal of resultLiterals(list[0])) {
    if (!allowed.includes(literal))
      throw new TagDefinitionError(
        tag.id,
        'value',
        `the expression can give '${literal}', which is not one of its values (${allowed.map((v) => `'${v}'`).join(', ')})`,
        { values: allowed, suggestions: suggestNames(literal, allowed, 3) },
      );
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** Turns a DuckDB parse/bind error into a message naming the tag and, for unknown columns, suggestions. */
export function translateDuckDbError(
  tagId: string,
  error: unknown,
  featureNames: readonly string[],
): TagDefinitionError {
  const message = error instanceof Error ? error.message : String(error);
  const column = /Referenced column "([^"]+)" not found/.exec(message)?.[1];
  if (column) {
    const suggestions = suggestNames(column, featureNames);
    return new TagDefinitionError(
      tagId,
      'unknown_column',
      `unknown column "${column}" in customer_features${suggestions.length ? ` — did you mean ${suggestions.join(', ')}?` : ''}`,
      { column, suggestions, duckdb: message },
    );
  }
  if (/^Parser Error/.test(message))
    return new TagDefinitionError(
      tagId,
      'syntax',
      `syntax error in the expression: ${firstLine(message.replace(/^Parser Error:\s*/, ''))}`,
      { duckdb: message },
    );
  if (/must appear in the GROUP BY clause/.test(message))
    return new TagDefinitionError(
      tagId,
      'aggregate',
      'aggregate functions (sum, avg, count …) are not allowed: a tag is computed from one customer row of customer_features',
      { duckdb: message },
    );
  const fn = /Scalar Function with name "?([\w]+)"? does not exist/.exec(message)?.[1];
  if (fn)
    return new TagDefinitionError(
      tagId,
      'unknown_function',
      firstLine(message.replace(/^Catalog Error:\s*/, '')),
      {
        duckdb: message,
        suggestions: [...message.matchAll(/Did you mean "([^"]+)"/g)].map((m) => m[1]),
      },
    );
  return new TagDefinitionError(tagId, 'bind', firstLine(message.replace(/^\w+ Error:\s*/, '')), {
    duckdb: message,
  });
}

/** Names of the customer_features columns of a warehouse, or [] when the table is absent. */
export async function featureColumnNames(warehouse: Warehouse): Promise<string[]> {
  const rows = await warehouse.all<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = 'customer_features' ORDER BY ordinal_position`,
  );
  return rows.map((r) => r.column_name);
}
