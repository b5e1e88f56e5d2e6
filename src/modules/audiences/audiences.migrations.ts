import type { Migration } from '../../platform/db/index.ts';

/**
 * Serving tables owned by audiences: saved segments and the frozen members of static ones (a
 * serialized Roaring bitmap of customer numbers).
 */
export const audienceMigrations: Migration[] = [
  {
    id: '0020-audiences-segments',
    sql: `
      CREATE TABLE segment (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        -- dynamic: the expression is evaluated on every read; static: members frozen at save time
        kind TEXT NOT NULL CHECK (kind IN ('dynamic', 'static')),
        expression JSONB NOT NULL,
        text TEXT NOT NULL,
        -- whole-bank count at counted_at (dynamic: refreshed on read after each index rebuild)
        last_count INTEGER,
        counted_at TIMESTAMPTZ,
        -- build time of the index last_count was taken from
        index_built_at TEXT,
        created_by TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE TABLE segment_member_snapshot (
        segment_id TEXT PRIMARY KEY REFERENCES segment (id) ON DELETE CASCADE,
        members BYTEA NOT NULL,
        member_count INTEGER NOT NULL,
        frozen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        index_built_at TEXT
      )
    `,
  },
];

/** Kysely row types of the audiences tables. */
export interface AudienceTables {
  segment: {
    id: string;
    name: string;
    description: string;
    kind: 'dynamic' | 'static';
    expression: unknown;
    text: string;
    last_count: number | null;
    counted_at: Date | null;
    index_built_at: string | null;
    created_by: string;
    created_at: Date;
    updated_at: Date;
  };
  segment_member_snapshot: {
    segment_id: string;
    members: Uint8Array;
    member_count: number;
    frozen_at: Date;
    index_built_at: string | null;
  };
}
