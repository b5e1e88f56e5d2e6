import type { Command } from 'commander';
import { rebuildAudienceSnapshot } from '../modules/audiences/index.ts';
import {
  FEATURE_COLUMNS,
  openWarehouseAccess,
  PostgresTagRepository,
  runTags,
  TAG_THEMES,
  TagCatalogueService,
  type RunTagsResult,
  type TagDefinition,
  type TagRunStat,
  type TagTheme,
} from '../modules/tags/index.ts';
import type { Database } from '../platform/db/index.ts';
import { ConflictError } from '../platform/errors.ts';
import { openWriter, type Warehouse } from '../platform/warehouse/index.ts';
import { configWithDataDir, openServingDatabase } from './cli-context.ts';

/** What `tags run` did: the run, the catalogue sync and the rebuilt audience snapshot. */
export interface ComputeTagsResult extends RunTagsResult {
  catalogue: { inserted: number; upgraded: number; keptUserEdits: number };
  audienceIndex: { customers: number; bytes: number; ms: number; path: string };
}

/**
 * Loads the built-in catalogue, runs every active tag (or `only`) and rebuilds the audience
 * snapshot, on an open warehouse writer and serving database (shared by `tags run` and `start`).
 */
export async function computeTags(options: {
  warehouse: Warehouse;
  db: Database;
  dataDir: string;
  only?: readonly string[];
  progress?: boolean;
}): Promise<ComputeTagsResult> {
  const repository = new PostgresTagRepository(options.db);
  const service = new TagCatalogueService({
    repository,
    warehouse: openWarehouseAccess(options.warehouse),
    featureColumns: FEATURE_COLUMNS,
  });
  try {
    const sync = await service.loadBuiltIns();
    const tags = await service.definitions();
    const result = await runTags({
      warehouse: options.warehouse,
      tags,
      only: options.only,
      repository,
      progress: options.progress ?? true,
      startedBy: 'cli',
    });
    const snapshot = await rebuildAudienceSnapshot({
      warehouse: options.warehouse,
      dataDir: options.dataDir,
      tags: tags.filter((t) => t.status === 'active'),
    });
    return {
      ...result,
      catalogue: {
        inserted: sync.inserted.length,
        upgraded: sync.upgraded.length,
        keptUserEdits: sync.keptUserEdits.length,
      },
      audienceIndex: {
        customers: snapshot.customers,
        bytes: snapshot.bytes,
        ms: snapshot.ms,
        path: snapshot.path,
      },
    };
  } finally {
    await service.close();
  }
}

/** A bad option: a one-line message and exit status 2, not a stack trace. */
function usageError(message: string): never {
  process.stderr.write(`panorama tags: ${message}\n`);
  process.exit(2);
}

/** Opens the warehouse for writing; a lock held by another process becomes a clear message. */
async function openWarehouseWriter(dataDir: string): Promise<Warehouse> {
  try {
    return await openWriter(dataDir);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/lock/i.test(message))
      throw new ConflictError(
        `the warehouse in ${dataDir} is in use by another process${/PID (\d+)/.exec(message) ? ` (PID ${/PID (\d+)/.exec(message)?.[1]})` : ''}: wait for it (an import, publish or tags run) or stop it, then try again`,
      );
    throw error;
  }
}

/** The most frequent values (or buckets) of a tag, e.g. "1m+ 12% · 500k-1m 9%". */
function topValues(stat: TagRunStat, n = 3): string {
  const total = stat.coverage.covered || 1;
  return [...stat.distribution]
    .filter((d) => d.count > 0)
    .sort((a, b) => b.count - a.count)
    .slice(0, n)
    .map((d) => `${d.value ?? d.label} ${((100 * d.count) / total).toFixed(0)}%`)
    .join(' · ');
}

function printRun(result: ComputeTagsResult, tags: Map<string, TagDefinition>): void {
  const { report } = result;
  const out = process.stdout;
  out.write(
    `\nTags computed as of ${report.asOf ?? 'n/a'}: ${report.tags} tags × ${report.customers.toLocaleString('en-US')} customers in ${report.seconds.toFixed(1)} s ` +
      `(features ${report.timings.features.toFixed(1)} s, tags ${report.timings.tags.toFixed(1)} s, stats ${report.timings.stats.toFixed(1)} s, serving ${report.timings.write.toFixed(1)} s)\n\n`,
  );
  const rows = Object.entries(report.perTag).map(([id, stat]) => {
    const tag = tags.get(id);
    return [
      id,
      tag?.theme ?? '',
      tag?.kind ?? '',
      `${(stat.coverage.ratio * 100).toFixed(1)}%`,
      topValues(stat),
    ];
  });
  const header = ['tag', 'theme', 'kind', 'coverage', 'top values'];
  const widths = header.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]) : c)).join('  ');
  out.write(`${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of rows) out.write(`${line(row)}\n`);
  if (report.failed.length) {
    out.write(`\n${report.failed.length} tag(s) failed and were left empty:\n`);
    for (const f of report.failed) out.write(`  ${f.id}: ${f.message}\n`);
  }
  out.write(
    `\nServing profiles written: ${report.servingRows.toLocaleString('en-US')}; audience index: ${result.audienceIndex.customers.toLocaleString('en-US')} customers, ${(result.audienceIndex.bytes / 1e6).toFixed(1)} MB (${result.audienceIndex.path})\n`,
  );
}

/** `panorama tags run|list`: compute tags in the warehouse and the serving profile; list the catalogue. */
export function registerTagsCommand(program: Command): void {
  const tags = program.command('tags').description('the tag factory: compute tags, list the catalogue');

  tags
    .command('run')
    .description(
      'compute every active tag (or --only some) over customer_features, write customer_tag and the serving profiles, rebuild the audience index',
    )
    .option('--only <ids>', 'comma-separated tag ids to recompute; the other tags keep their values')
    .option('--data-dir <dir>', 'data directory (default: PANORAMA_DATA_DIR or ./data)')
    .option('--json', 'print the run report as JSON instead of a table')
    .action(async (options: { only?: string; dataDir?: string; json?: boolean }) => {
      const config = configWithDataDir(options.dataDir);
      const only = options.only
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (options.only !== undefined && !only?.length) usageError('--only needs at least one tag id');
      const warehouse = await openWarehouseWriter(config.dataDir);
      const db = await openServingDatabase(config);
      try {
        const result = await computeTags({
          warehouse,
          db,
          dataDir: config.dataDir,
          only,
          progress: !options.json,
        });
        if (options.json) {
          process.stdout.write(
            JSON.stringify({ id: result.id, ...result.report, audienceIndex: result.audienceIndex }) + '\n',
          );
        } else {
          const definitions = await new PostgresTagRepository(db).list();
          printRun(result, new Map(definitions.map((d) => [d.definition.id, d.definition])));
        }
        if (result.report.failed.length) process.exitCode = 3;
      } finally {
        warehouse.close();
        await db.close();
      }
    });

  tags
    .command('list')
    .description('list the tag catalogue with coverage of the last run')
    .option('--theme <theme>', `only one theme: ${TAG_THEMES.join(', ')}`)
    .option('--all', 'include retired tags')
    .option('--data-dir <dir>', 'data directory (default: PANORAMA_DATA_DIR or ./data)')
    .option('--json', 'print JSON')
    .action(async (options: { theme?: string; all?: boolean; dataDir?: string; json?: boolean }) => {
      if (options.theme && !(TAG_THEMES as readonly string[]).includes(options.theme))
        usageError(`--theme must be one of ${TAG_THEMES.join(', ')} (got '${options.theme}')`);
      const config = configWithDataDir(options.dataDir);
      const db = await openServingDatabase(config);
      const service = new TagCatalogueService({
        repository: new PostgresTagRepository(db),
        warehouse: {
          read: () => Promise.reject(new ConflictError('not needed to list tags')),
          write: () => Promise.reject(new ConflictError('not needed to list tags')),
        },
        featureColumns: FEATURE_COLUMNS,
      });
      try {
        const { items } = await service.list({
          theme: options.theme as TagTheme | undefined,
          status: options.all ? 'all' : 'active',
        });
        if (options.json) {
          process.stdout.write(JSON.stringify({ items }) + '\n');
          return;
        }
        for (const t of items) {
          const coverage = t.coverage ? `${(t.coverage.ratio * 100).toFixed(1)}%` : '—';
          process.stdout.write(
            `${t.id.padEnd(36)} ${t.theme.padEnd(12)} ${t.kind.padEnd(8)} ${coverage.padStart(7)}  ${t.status === 'retired' ? '[retired] ' : ''}${t.name.zh} / ${t.name.en}\n`,
          );
        }
        process.stdout.write(`\n${items.length} tags\n`);
      } finally {
        await service.close();
        await db.close();
      }
    });
}
