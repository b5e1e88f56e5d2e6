import type { PGlite } from '@electric-sql/pglite';

interface PoolClientLike {
  query(
    sql: string,
    params?: readonly unknown[],
  ): Promise<{ command: string; rowCount: number; rows: unknown[] }>;
  release(): void;
}

/**
 * Presents one PGlite instance as the `pg` Pool that Kysely's PostgresDialect expects. PGlite has a
 * single connection, so a lease is exclusive: a transaction holds it until it ends and other
 * queries wait, instead of interleaving into it.
 */
export class PgliteSingleConnectionPool {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly pglite: PGlite) {}

  async connect(): Promise<PoolClientLike> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const previous = this.queue;
    this.queue = previous.then(() => released);
    await previous;
    const pglite = this.pglite;
    return {
      async query(sql, params) {
        const result = await pglite.query(sql, params as unknown[] | undefined);
        return {
          command: (result as { command?: string }).command ?? 'SELECT',
          rowCount: result.affectedRows ?? result.rows.length,
          rows: result.rows,
        };
      },
      release,
    };
  }

  async end(): Promise<void> {
    await this.queue;
  }
}
