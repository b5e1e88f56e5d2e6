import type { Generated } from 'kysely';
import type { Migration } from '../../platform/db/index.ts';

/**
 * Serving tables owned by tags: the catalogue (current definitions and their history), runs with
 * their reports, the latest statistics per tag, and the staging table profile writes COPY into.
 */
export const tagMigrations: Migration[] = [
  {
    id: '0030-tags-catalogue',
    sql: `
      CREATE TABLE tag_definition (
        id TEXT PRIMARY KEY,
        definition JSONB NOT NULL,
        theme TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        version INTEGER NOT NULL,
        built_in BOOLEAN NOT NULL,
        -- a user changed this built-in: catalogue upgrades never overwrite it
        user_edited BOOLEAN NOT NULL DEFAULT false,
        -- hash of the catalogue file's version last applied (built-ins only)
        catalogue_hash TEXT,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_by TEXT NOT NULL
      );
      CREATE INDEX tag_definition_theme_idx ON tag_definition (theme, id);
      CREATE TABLE tag_definition_version (
        tag_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        definition JSONB NOT NULL,
        changed_by TEXT NOT NULL,
        changed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        note TEXT,
        PRIMARY KEY (tag_id, version)
      );
      CREATE TABLE tag_run (
        id TEXT PRIMARY KEY,
        started_at TIMESTAMPTZ NOT NULL,
        finished_at TIMESTAMPTZ,
        status TEXT NOT NULL,
        started_by TEXT NOT NULL,
        progress JSONB,
        report JSONB,
        error TEXT
      );
      CREATE INDEX tag_run_started_idx ON tag_run (started_at DESC);
      CREATE TABLE tag_stat (
        tag_id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL,
        computed_at TIMESTAMPTZ NOT NULL,
        stat JSONB NOT NULL
      );
      CREATE TABLE tag_profile_staging (
        customer_id TEXT NOT NULL,
        tags JSONB NOT NULL
      )
    `,
  },
];

/** Kysely row types of the tags tables. */
export interface TagTables {
  tag_definition: {
    id: string;
    definition: unknown;
    theme: string;
    kind: string;
    status: string;
    version: number;
    built_in: boolean;
    user_edited: Generated<boolean>;
    catalogue_hash: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    updated_by: string;
  };
  tag_definition_version: {
    tag_id: string;
    version: number;
    definition: unknown;
    changed_by: string;
    changed_at: Generated<Date>;
    note: string | null;
  };
  tag_run: {
    id: string;
    started_at: Date;
    finished_at: Date | null;
    status: string;
    started_by: string;
    progress: unknown;
    report: unknown;
    error: string | null;
  };
  tag_stat: { tag_id: string; run_id: string; computed_at: Date; stat: unknown };
  tag_profile_staging: { customer_id: string; tags: unknown };
}
