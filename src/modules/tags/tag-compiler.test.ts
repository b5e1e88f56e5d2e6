import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryWarehouse, type Warehouse } from '../../platform/warehouse/index.ts';
import { FEATURE_COLUMNS } from './features/index.ts';
import {
  compileTag,
  featureSchemaDdl,
  resultLiterals,
  TagDefinitionError,
  validateTag,
} from './tag-compiler.ts';
import { tagInputSchema, type TagInput } from './tag.schema.ts';

const names = FEATURE_COLUMNS.map((c) => c.name);

function tag(overrides: Partial<TagInput> & Pick<TagInput, 'kind' | 'source'>): TagInput {
  return tagInputSchema.parse({
    id: 'test_tag',
    name: { zh: '测试', en: 'Test' },
    theme: 'asset',
    ...(overrides.kind === 'enum' && !overrides.values
      ? {
          values: [
            { value: 'low', zh: '低', en: 'low' },
            { value: 'high', zh: '高', en: 'high' },
          ],
        }
      : {}),
    ...overrides,
  });
}

async function problemOf(warehouse: Warehouse, t: TagInput): Promise<TagDefinitionError> {
  try {
    await validateTag(warehouse, t, names);
  } catch (error) {
    if (error instanceof TagDefinitionError) return error;
    throw error;
  }
  throw new Error('expected a TagDefinitionError');
}

describe('tag compiler', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await openMemoryWarehouse();
    await warehouse.run(featureSchemaDdl(FEATURE_COLUMNS));
  });
  afterAll(() => warehouse?.close());

  it('accepts a valid enum, boolean and numeric expression and reports the result type', async () => {
    const enumTag = tag({
      kind: 'enum',
      source: {
        type: 'sql',
        expression: "CASE WHEN age >= 60 THEN 'high' WHEN age IS NOT NULL THEN 'low' END",
      },
    });
    expect(await validateTag(warehouse, enumTag, names)).toEqual({ resultType: 'VARCHAR' });
    const boolTag = tag({ kind: 'boolean', source: { type: 'sql', expression: 'txn_count_30d > 0' } });
    expect(await validateTag(warehouse, boolTag, names)).toEqual({ resultType: 'BOOLEAN' });
    const numTag = tag({
      kind: 'numeric',
      source: { type: 'sql', expression: 'inflow_amount_30d - outflow_amount_30d' },
    });
    expect((await validateTag(warehouse, numTag, names)).resultType).toBe('DOUBLE');
  });

  it('names an unknown column and suggests feature columns', async () => {
    const error = await problemOf(
      warehouse,
      tag({ kind: 'boolean', source: { type: 'sql', expression: 'txn_count_30 > 0' } }),
    );
    expect(error.problem).toBe('unknown_column');
    expect(error.message).toMatch(/^tag 'test_tag': unknown column "txn_count_30"/);
    expect(error.extra.suggestions).toContain('txn_count_30d');
    expect(error.status).toBe(400);
  });

  it('reports a syntax error with DuckDB’s message', async () => {
    const error = await problemOf(
      warehouse,
      tag({ kind: 'boolean', source: { type: 'sql', expression: 'age >' } }),
    );
    expect(error.problem).toBe('syntax');
    expect(error.message).toMatch(/tag 'test_tag': syntax error in the expression: .*syntax error/);
  });

  it('rejects enum literals outside the declared values, with a suggestion', async () => {
    const error = await problemOf(
      warehouse,
      tag({
        kind: 'enum',
        source: { type: 'sql', expression: "CASE WHEN age > 60 THEN 'hihg' ELSE 'low' END" },
      }),
    );
    expect(error.problem).toBe('value');
    expect(error.message).toContain("'hihg'");
    expect(error.message).toContain("'low', 'high'");
    expect(error.extra.suggestions).toEqual(['high']);
  });

  it('rejects a boolean tag whose expression is not boolean, and a numeric one giving text', async () => {
    const bool = await problemOf(
      warehouse,
      tag({ kind: 'boolean', source: { type: 'sql', expression: 'txn_count_30d' } }),
    );
    expect(bool.problem).toBe('type');
    expect(bool.message).toMatch(/boolean tag needs a true\/false expression, but this one gives INTEGER/);
    const num = await problemOf(
      warehouse,
      tag({ kind: 'numeric', source: { type: 'sql', expression: 'city' } }),
    );
    expect(num.problem).toBe('type');
    expect(num.message).toContain('gives VARCHAR');
  });

  it('rejects aggregates, subqueries and injected statements', async () => {
    expect(
      (await problemOf(warehouse, tag({ kind: 'numeric', source: { type: 'sql', expression: 'avg(age)' } })))
        .problem,
    ).toBe('aggregate');
    expect(
      (
        await problemOf(
          warehouse,
          tag({
            kind: 'numeric',
            source: { type: 'sql', expression: '(SELECT count(*) FROM raw_customer)' },
          }),
        )
      ).problem,
    ).toBe('forbidden');
    expect(
      (
        await problemOf(
          warehouse,
          tag({
            kind: 'boolean',
            source: {
              type: 'sql',
              expression: 'true) AS v FROM customer_features; DROP TABLE raw_customer; SELECT (1',
            },
          }),
        )
      ).problem,
    ).toMatch(/forbidden|syntax/);
    expect(
      (
        await problemOf(
          warehouse,
          tag({ kind: 'boolean', source: { type: 'sql', expression: 'age > 1), (age > 2' } }),
        )
      ).problem,
    ).toBe('forbidden');
    const [{ n }] = await warehouse.all<{ n: bigint }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'raw_customer'",
    );
    expect(Number(n)).toBe(1);
  });

  it('compiles kinds to typed columns, guards appliesTo and models lists as membership', () => {
    expect(compileTag(tag({ kind: 'numeric', source: { type: 'sql', expression: 'age' } }))).toBe(
      'CAST((age) AS DOUBLE)',
    );
    expect(
      compileTag(
        tag({ kind: 'numeric', appliesTo: 'corporate', source: { type: 'sql', expression: 'age' } }),
      ),
    ).toBe("CASE WHEN kind = 'corporate' THEN CAST((age) AS DOUBLE) END");
    expect(compileTag(tag({ kind: 'numeric', source: { type: 'model', model: 'churn', output: 'p' } }))).toBe(
      'CAST(NULL AS DOUBLE)',
    );
    expect(compileTag(tag({ kind: 'boolean', source: { type: 'list', customerIds: ['C1'] } }))).toContain(
      "FROM tag_list_member WHERE tag_id = 'test_tag'",
    );
  });

  it('finds the literals an expression can return', async () => {
    const [{ j }] = await warehouse.all<{ j: string }>(`SELECT json_serialize_sql($1::VARCHAR) AS j`, [
      "SELECT COALESCE(CASE WHEN age > 1 THEN 'a' ELSE CAST('b' AS VARCHAR) END, 'c') FROM customer_features",
    ]);
    const node = (JSON.parse(j) as { statements: { node: { select_list: unknown[] } }[] }).statements[0].node
      .select_list[0];
    expect(resultLiterals(node)).toEqual(['a', 'b', 'c']);
  });
});
