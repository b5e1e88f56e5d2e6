import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ValidationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { createProgress } from '../../platform/progress.ts';
import type { Warehouse } from '../../platform/warehouse/index.ts';
import { createFeatureTables, FEATURE_STEPS } from './features/index.ts';
import {
  compileTag,
  ensureListTable,
  featureColumnNames,
  TAG_LIST_TABLE,
  TagDefinitionError,
  validateTag,
} from './tag-compiler.ts';
import type { RunProgress, TagRepository } from './tag.repository.ts';
import { computeTagStats } from './tag-stats.ts';
import { CUSTOMER_TAG_BASE_COLUMNS, duckTypeOf, quoteIdent, quoteLiteral } from './tag.ts';
import type { TagDefinition, TagRunReport } from './tag.schema.ts';

/** Builds customer_features; the features module's createFeatureTables unless a test injects one. */
export type FeatureBuilder = (
  warehouse: Warehouse,
  options: { asOf?: string; onProgress?: (event: unknown) => void },
) => Promise<unknown>;

/** What a tag run computes and where it writes. */
export interface RunTagsOptions {
  warehouse: Warehouse;
  /** Every tag of the catalogue; retired ones are dropped from customer_tag. */
  tags: readonly TagDefinition[];
  /** Recompute just these tag ids; the other columns of customer_tag are kept. */
  only?: readonly string[] | null;
  /** The data's "today" for the feature windows (default: the last transaction date). */
  asOf?: string;
  /** Records the run, statistics and profile tags in the serving DB; absent: warehouse only. */
  repository?: TagRepository;
  /** Write customer_profile.tags (default true when a repository is given). */
  writeServing?: boolean;
  /** Reuse the existing customer_features instead of rebuilding it. */
  reuseFeatures?: boolean;
  buildFeatures?: FeatureBuilder;
  runId?: string;
  startedBy?: string;
  /** Called at each step (for the API's run status). */
  onProgress?: (progress: RunProgress) => void;
  /** Show a progress bar / JSON progress lines (default true). */
  progress?: boolean;
}

/** The outcome of a run: its id and report. */
export interface RunTagsResult {
  id: string;
  report: TagRunReport;
}

const STEPS = ['features', 'lists', 'validate', 'compute', 'stats', 'serving'] as const;
/** Progress units: one per feature-build step, then one per run step after the features. */
const TOTAL = FEATURE_STEPS.length + STEPS.length - 1;

/**
 * Computes tags: rebuilds customer_features, evaluates every active tag in one SELECT into
 * customer_tag (one row per customer, one column per tag), computes coverage and distribution,
 * writes customer_profile.tags in bulk and records the run. A tag whose definition fails is
 * reported and left NULL; it does not stop the others.
 */
export async function runTags(options: RunTagsOptions): Promise<RunTagsResult> {
  const { warehouse, repository } = options;
  const id = options.runId ?? newId();
  const started = new Date();
  const timings = { features: 0, tags: 0, stats: 0, write: 0 };
  const bar = createProgress({
    label: 'tags run',
    total: TOTAL,
    unit: 'steps',
    mode: options.progress === false ? 'silent' : 'auto',
  });
  const report = async (progress: RunProgress) => {
    options.onProgress?.(progress);
    bar.update(progress.done);
    await repository?.setRunProgress(id, progress).catch(() => {});
  };
  const step = (name: (typeof STEPS)[number]) =>
    report({
      step: name,
      done: name === 'features' ? 0 : FEATURE_STEPS.length + STEPS.indexOf(name) - 1,
      total: TOTAL,
    });
  await repository?.startRun({ id, startedAt: started, startedBy: options.startedBy ?? 'cli' });
  try {
    const active = options.tags.filter((t) => t.status === 'active');
    const only = options.only?.length ? [...new Set(options.only)] : null;
    if (only) {
      const known = new Set(active.map((t) => t.id));
      const unknown = only.filter((t) => !known.has(t));
      if (unknown.length)
        throw new ValidationError(
          `--only names tags that are not active in the catalogue: ${unknown.join(', ')}`,
          {
            unknown,
          },
        );
    }
    const targets = only ? active.filter((t) => only.includes(t.id)) : active;

    await step('features');
    let mark = Date.now();
    let asOf: string | null = options.asOf ?? null;
    const hasFeatures = await tableExists(warehouse, 'customer_features');
    if (!options.reuseFeatures || !hasFeatures) {
      const build = options.buildFeatures ?? (createFeatureTables as unknown as FeatureBuilder);
      const pending: Promise<void>[] = [];
      const built = (await build(warehouse, {
        asOf: options.asOf,
        onProgress: (event) => {
          const e = event as { step?: string; done?: number };
          pending.push(report({ step: `features: ${e.step ?? ''}`, done: e.done ?? 0, total: TOTAL }));
        },
      })) as { asOf?: unknown } | undefined;
      await Promise.all(pending);
      if (typeof built?.asOf === 'string') asOf = built.asOf;
    }
    timings.features = seconds(mark);

    mark = Date.now();
    await step('lists');
    await loadListMembers(warehouse, targets);

    await step('validate');
    const featureNames = await featureColumnNames(warehouse);
    const failed: { id: string; message: string }[] = [];
    for (const tag of targets) {
      try {
        await validateTag(warehouse, tag, featureNames);
      } catch (error) {
        failed.push({ id: tag.id, message: messageOf(error) });
      }
    }

    await step('compute');
    await computeCustomerTag(warehouse, active, targets, only !== null, failed);
    timings.tags = seconds(mark);

    mark = Date.now();
    await step('stats');
    const computed = targets.filter((t) => !failed.some((f) => f.id === t.id));
    const { customers, perTag } = await computeTagStats(warehouse, 'customer_tag', computed);
    timings.stats = seconds(mark);

    mark = Date.now();
    await step('serving');
    let servingRows = 0;
    if (repository && options.writeServing !== false) {
      servingRows = await writeServingProfiles(
        warehouse,
        repository,
        computed,
        only ? computed.map((t) => t.id) : null,
      );
    }
    timings.write = seconds(mark);

    const runReport: TagRunReport = {
      asOf,
      customers,
      tags: computed.length,
      only,
      seconds: seconds(started.getTime()),
      timings,
      servingRows,
      perTag,
      failed,
    };
    const finished = new Date();
    if (repository) {
      await repository.saveStats(id, finished, perTag);
      await repository.finishRun(id, finished, { report: runReport });
    }
    bar.update(TOTAL);
    bar.stop();
    options.onProgress?.({ step: 'done', done: TOTAL, total: TOTAL });
    return { id, report: runReport };
  } catch (error) {
    bar.stop();
    await repository?.finishRun(id, new Date(), { error: messageOf(error) }).catch(() => {});
    throw error;
  }
}

function seconds(since: number): number {
  return Math.round((Date.now() - since) / 10) / 100;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function tableExists(warehouse: Warehouse, table: string): Promise<boolean> {
  const rows = await warehouse.all<{ n: bigint }>(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = $1`,
    [table],
  );
  return Number(rows[0].n) > 0;
}

/** Loads the members of uploaded-list tags into tag_list_member (through a file: lists can be millions). */
export async function loadListMembers(
  warehouse: Warehouse,
  tags: ReadonlyArray<Pick<TagDefinition, 'id' | 'source'>>,
): Promise<void> {
  await ensureListTable(warehouse);
  const lists = tags.filter((t) => t.source.type === 'list');
  if (lists.length === 0) return;
  await warehouse.run(
    `DELETE FROM ${TAG_LIST_TABLE} WHERE tag_id IN (${lists.map((t) => quoteLiteral(t.id)).join(', ')})`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-tag-list-'));
  try {
    for (const tag of lists) {
      if (tag.source.type !== 'list' || tag.source.customerIds.length === 0) continue;
      const file = path.join(dir, `${tag.id}.txt`);
      fs.writeFileSync(file, tag.source.customerIds.join('\n') + '\n');
      await warehouse.run(
        `INSERT INTO ${TAG_LIST_TABLE} SELECT DISTINCT ${quoteLiteral(tag.id)}, customer_id FROM read_csv(${quoteLiteral(file)}, header = false, columns = {'customer_id': 'VARCHAR'}, quote = '', delim = '\t')`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function nullOf(tag: TagDefinition): string {
  return `CAST(NULL AS ${duckTypeOf(tag.kind)})`;
}

/**
 * (Re)creates customer_tag with one SELECT over customer_features. With `partial`, tags outside
 * `targets` keep their current column from the old customer_tag (joined by customer_id). A runtime
 * error in the combined SELECT is traced to its tags, which are reported and left NULL.
 */
async function computeCustomerTag(
  warehouse: Warehouse,
  active: readonly TagDefinition[],
  targets: readonly TagDefinition[],
  partial: boolean,
  failed: { id: string; message: string }[],
): Promise<void> {
  const targetIds = new Set(targets.map((t) => t.id));
  const existing =
    partial && (await tableExists(warehouse, 'customer_tag'))
      ? await columnsOf(warehouse, 'customer_tag')
      : null;
  const build = () => {
    const failedIds = new Set(failed.map((f) => f.id));
    // Tag expressions see customer_features alone (an inner SELECT), so a join with the old
    // customer_tag never makes their column names ambiguous.
    const fresh = [
      ...CUSTOMER_TAG_BASE_COLUMNS.map(quoteIdent),
      ...targets.map(
        (tag) => `${failedIds.has(tag.id) ? nullOf(tag) : compileTag(tag)} AS ${quoteIdent(tag.id)}`,
      ),
    ];
    const columns = [
      ...CUSTOMER_TAG_BASE_COLUMNS.map((c) => `f.${quoteIdent(c)}`),
      ...active.map((tag) => {
        const c = quoteIdent(tag.id);
        if (targetIds.has(tag.id)) return `f.${c}`;
        if (existing?.has(tag.id)) return `CAST(t.${c} AS ${duckTypeOf(tag.kind)}) AS ${c}`;
        return `${nullOf(tag)} AS ${c}`;
      }),
    ];
    return `CREATE OR REPLACE TABLE customer_tag_next AS SELECT ${columns.join(',\n  ')}
      FROM (SELECT ${fresh.join(',\n  ')} FROM customer_features) f
      ${existing ? 'LEFT JOIN customer_tag t ON t.customer_id = f.customer_id' : ''}
      ORDER BY f.cno`;
  };
  try {
    await warehouse.run(build());
  } catch (error) {
    // Find the tags that fail on this data (a cast of a bad value, …), leave them out and retry once.
    const before = failed.length;
    for (const tag of targets) {
      if (failed.some((f) => f.id === tag.id)) continue;
      try {
        await warehouse.all(`SELECT count(${compileTag(tag)}) FROM customer_features`);
      } catch (tagError) {
        failed.push({
          id: tag.id,
          message: new TagDefinitionError(tag.id, 'bind', messageOf(tagError).split('\n')[0]).message,
        });
      }
    }
    if (failed.length === before) throw error;
    await warehouse.run(build());
  }
  await warehouse.transaction(async () => {
    await warehouse.run('DROP TABLE IF EXISTS customer_tag');
    await warehouse.run('ALTER TABLE customer_tag_next RENAME TO customer_tag');
  });
}

async function columnsOf(warehouse: Warehouse, table: string): Promise<Set<string>> {
  const rows = await warehouse.all<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = $1`,
    [table],
  );
  return new Set(rows.map((r) => r.column_name));
}

/** customer_tag → CSV of (customer_id, tags JSON) → COPY into serving through the staging table. */
async function writeServingProfiles(
  warehouse: Warehouse,
  repository: TagRepository,
  tags: readonly TagDefinition[],
  only: readonly string[] | null,
): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-tag-profile-'));
  try {
    const file = path.join(dir, 'profile-tags.csv');
    // NULLs are left out here, in DuckDB: the file and the serving upsert only carry known values.
    const pairs = tags.map((t) => `(${quoteLiteral(t.id)}, to_json(${quoteIdent(t.id)}))`);
    const json = pairs.length
      ? `CAST(to_json(map_from_entries(list_filter([${pairs.join(', ')}], x -> x[2] IS NOT NULL))) AS VARCHAR)`
      : `'{}'`;
    await warehouse.run(
      `COPY (SELECT customer_id, ${json} AS tags FROM customer_tag) TO ${quoteLiteral(file)} (FORMAT csv, HEADER true)`,
    );
    return await repository.writeProfileTags(file, only);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
