import { sql, type Kysely, type Selectable } from 'kysely';
import type { CustomerTables } from '../customers/index.ts';
import type { Database } from '../../platform/db/index.ts';
import type {
  ChangeMeta,
  RunProgress,
  StoredStat,
  StoredTag,
  TagRepository,
  TagRunRecord,
} from './tag.repository.ts';
import {
  tagDefinitionSchema,
  type TagDefinition,
  type TagRunReport,
  type TagRunStat,
  type TagVersion,
} from './tag.schema.ts';
import type { TagTables } from './tags.migrations.ts';

type Tables = TagTables & Pick<CustomerTables, 'customer_profile' | 'customer'>;

/** A JSON value bound as jsonb (PGlite and pg both take the text form). */
const jsonb = (value: unknown) => sql<unknown>`${JSON.stringify(value)}::jsonb`;

/** TagRepository over the serving database (PGlite or PostgreSQL). */
export class PostgresTagRepository implements TagRepository {
  private readonly db: Kysely<Tables>;

  constructor(private readonly database: Database) {
    this.db = database.kysely as unknown as Kysely<Tables>;
  }

  async list(): Promise<StoredTag[]> {
    const rows = await this.db
      .selectFrom('tag_definition')
      .selectAll()
      .orderBy('theme')
      .orderBy('id')
      .execute();
    return rows.map(toStored);
  }

  async get(id: string): Promise<StoredTag | undefined> {
    const row = await this.db
      .selectFrom('tag_definition')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toStored(row);
  }

  async insert(tag: TagDefinition, meta: ChangeMeta): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('tag_definition')
        .values({
          id: tag.id,
          definition: jsonb(tag),
          theme: tag.theme,
          kind: tag.kind,
          status: tag.status,
          version: tag.version,
          built_in: tag.builtIn,
          user_edited: meta.userEdited,
          catalogue_hash: meta.catalogueHash,
          updated_by: meta.by,
        })
        .execute();
      await trx
        .insertInto('tag_definition_version')
        .values({
          tag_id: tag.id,
          version: tag.version,
          definition: jsonb(tag),
          changed_by: meta.by,
          note: meta.note,
        })
        .execute();
    });
  }

  async update(tag: TagDefinition, meta: ChangeMeta): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('tag_definition')
        .set({
          definition: jsonb(tag),
          theme: tag.theme,
          kind: tag.kind,
          status: tag.status,
          version: tag.version,
          built_in: tag.builtIn,
          user_edited: meta.userEdited,
          catalogue_hash: meta.catalogueHash,
          updated_at: sql`now()`,
          updated_by: meta.by,
        })
        .where('id', '=', tag.id)
        .execute();
      await trx
        .insertInto('tag_definition_version')
        .values({
          tag_id: tag.id,
          version: tag.version,
          definition: jsonb(tag),
          changed_by: meta.by,
          note: meta.note,
        })
        .execute();
    });
  }

  async versions(id: string): Promise<TagVersion[]> {
    const rows = await this.db
      .selectFrom('tag_definition_version')
      .selectAll()
      .where('tag_id', '=', id)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({
      version: r.version,
      definition: tagDefinitionSchema.parse(parseJson(r.definition)),
      changedBy: r.changed_by,
      changedAt: r.changed_at.toISOString(),
      note: r.note,
    }));
  }

  async stats(): Promise<Map<string, StoredStat>> {
    const rows = await this.db.selectFrom('tag_stat').selectAll().execute();
    return new Map(
      rows.map((r) => [
        r.tag_id,
        { runId: r.run_id, computedAt: r.computed_at, stat: parseJson(r.stat) as TagRunStat },
      ]),
    );
  }

  async saveStats(runId: string, computedAt: Date, perTag: Record<string, TagRunStat>): Promise<void> {
    const entries = Object.entries(perTag);
    if (entries.length === 0) return;
    await this.db
      .insertInto('tag_stat')
      .values(
        entries.map(([tagId, stat]) => ({
          tag_id: tagId,
          run_id: runId,
          computed_at: computedAt,
          stat: jsonb(stat),
        })),
      )
      .onConflict((oc) =>
        oc.column('tag_id').doUpdateSet({
          run_id: sql`excluded.run_id`,
          computed_at: sql`excluded.computed_at`,
          stat: sql`excluded.stat`,
        }),
      )
      .execute();
  }

  async startRun(run: { id: string; startedAt: Date; startedBy: string }): Promise<void> {
    await this.db
      .insertInto('tag_run')
      .values({ id: run.id, started_at: run.startedAt, status: 'running', started_by: run.startedBy })
      .execute();
  }

  async setRunProgress(id: string, progress: RunProgress): Promise<void> {
    await this.db
      .updateTable('tag_run')
      .set({ progress: jsonb(progress) })
      .where('id', '=', id)
      .execute();
  }

  async finishRun(
    id: string,
    finishedAt: Date,
    outcome: { report: TagRunReport } | { error: string },
  ): Promise<void> {
    await this.db
      .updateTable('tag_run')
      .set(
        'report' in outcome
          ? { finished_at: finishedAt, status: 'succeeded', report: jsonb(outcome.report) }
          : { finished_at: finishedAt, status: 'failed', error: outcome.error },
      )
      .where('id', '=', id)
      .execute();
  }

  async latestRun(): Promise<TagRunRecord | undefined> {
    const row = await this.db
      .selectFrom('tag_run')
      .selectAll()
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      status: row.status as TagRunRecord['status'],
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      startedBy: row.started_by,
      progress: (parseJson(row.progress) as RunProgress | null) ?? null,
      report: (parseJson(row.report) as TagRunReport | null) ?? null,
      error: row.error,
    };
  }

  async failRunningRuns(error: string): Promise<number> {
    const result = await this.db
      .updateTable('tag_run')
      .set({ status: 'failed', error, finished_at: sql`now()` })
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async writeProfileTags(csvFile: string, only: readonly string[] | null): Promise<number> {
    await sql`TRUNCATE tag_profile_staging`.execute(this.db);
    try {
      await this.database.copyCsv('tag_profile_staging', ['customer_id', 'tags'], csvFile);
      // A full run owns every key of `tags`; a partial run replaces only its own keys. Scores stay.
      const merged = only
        ? sql`(customer_profile.tags - ${sql.val([...only])}::text[]) || excluded.tags`
        : sql`excluded.tags`;
      const result = await sql`
        INSERT INTO customer_profile (customer_id, tags, updated_at)
        SELECT customer_id, tags, now() FROM tag_profile_staging
        ON CONFLICT (customer_id) DO UPDATE SET tags = ${merged}, updated_at = excluded.updated_at
      `.execute(this.db);
      return Number(result.numAffectedRows ?? 0);
    } finally {
      await sql`TRUNCATE tag_profile_staging`.execute(this.db);
    }
  }

  async unknownCustomerIds(ids: readonly string[]): Promise<string[]> {
    const unknown: string[] = [];
    // Chunked: one bound array per statement keeps messages small on the wire.
    for (let i = 0; i < ids.length; i += 50_000) {
      const chunk = ids.slice(i, i + 50_000);
      const result = await sql<{ id: string }>`
        SELECT u.id FROM unnest(${sql.val(chunk)}::text[]) AS u(id)
        WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = u.id)
      `.execute(this.db);
      unknown.push(...result.rows.map((r) => r.id));
    }
    return unknown;
  }
}

function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function toStored(row: Selectable<Tables['tag_definition']>): StoredTag {
  return {
    definition: tagDefinitionSchema.parse(parseJson(row.definition)),
    userEdited: row.user_edited,
    catalogueHash: row.catalogue_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}
