// Quoting for SQL text the importer generates: identifiers and literals come from files and
// mappings, so every one goes through these two functions.

/** A double-quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A single-quoted SQL string literal, or NULL. */
export function literal(value: string | null): string {
  return value === null ? 'NULL' : `'${value.replaceAll("'", "''")}'`;
}

/** A SQL list literal of strings, e.g. `['a', 'b']`. */
export function listLiteral(values: readonly string[]): string {
  return `[${values.map(literal).join(', ')}]`;
}
