// Translates an audience expression into a DuckDB SQL predicate over a table with one column per tag (the
// warehouse's customer_tag: enum → VARCHAR, boolean → BOOLEAN, numeric → DOUBLE). It has exactly the
// semantics of evaluateAudience — comparisons with NULL are false, `not x` is "x is not true" so it keeps
// customers whose tag is NULL — which lets the warehouse cross-check the bitmap index (and bench/audience
// compare the two).
import type { AudienceField, AudienceNode } from './audience-expression.ts';

/** Options of audienceToSql. */
export interface AudienceSqlOptions {
  /** The SQL for a segment's membership test; in_segment is an error without it. */
  segment?: (name: string) => string;
}

/** A DuckDB identifier, quoted. */
function ident(id: string): string {
  return `"${id.replace(/"/g, '""')}"`;
}

/** A DuckDB string literal. */
function text(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function literal(field: AudienceField | undefined, v: string | number | boolean): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`non-finite number ${v}`);
    // A DOUBLE literal so the comparison is exactly the double comparison the bit-sliced index makes.
    return `CAST(${String(v)} AS DOUBLE)`;
  }
  if (field?.kind === 'boolean') throw new RangeError(`boolean tag "${field.id}" compared with a string`);
  return text(v);
}

/**
 * The SQL predicate for `node`; `fields` gives each tag's kind (boolean values are compared as BOOLEAN).
 * The expression must have been validated (parseAudience / validateAudience) first.
 */
export function audienceToSql(
  node: AudienceNode,
  fields: ReadonlyMap<string, AudienceField>,
  options: AudienceSqlOptions = {},
): string {
  const walk = (n: AudienceNode): string => {
    switch (n.op) {
      case 'all':
        return 'TRUE';
      case 'and':
      case 'or':
        return n.args.length === 0
          ? n.op === 'and'
            ? 'TRUE'
            : 'FALSE'
          : `(${n.args.map(walk).join(n.op === 'and' ? ' AND ' : ' OR ')})`;
      case 'not':
        // SQL's NOT keeps NULL as NULL (excluded); the audience `not` is a set complement.
        return `((${walk(n.arg)}) IS NOT TRUE)`;
      case 'in':
      case 'not_in': {
        const field = fields.get(n.field);
        const list = n.values.map((v) => literal(field, v)).join(', ');
        return `(${ident(n.field)} ${n.op === 'in' ? 'IN' : 'NOT IN'} (${list}))`;
      }
      case 'cmp':
        return `(${ident(n.field)} ${n.cmp === '!=' ? '<>' : n.cmp} ${literal(fields.get(n.field), n.value)})`;
      case 'between':
        return `(${ident(n.field)} BETWEEN ${literal(undefined, n.low)} AND ${literal(undefined, n.high)})`;
      case 'has_product':
        return `(${ident(`holds_${n.category}`)} = TRUE)`;
      case 'in_segment':
        if (!options.segment) throw new Error(`in_segment('${n.segment}') needs a segment translation`);
        return `(${options.segment(n.segment)})`;
    }
  };
  return walk(node);
}
