import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import type { Principal } from '../modules/access/index.ts';
import {
  AudienceIndexStore,
  AudienceService,
  PostgresAudienceRepository,
  type AudienceRepository,
  type ExportFormat,
} from '../modules/audiences/index.ts';
import { systemClock } from '../platform/clock.ts';
import { AppError } from '../platform/errors.ts';
import type { Config } from '../platform/config.ts';
import type { Database } from '../platform/db/index.ts';
import { createLogger } from '../platform/logger.ts';
import { configWithDataDir, openServingDatabase, printTable } from './cli-context.ts';

/** The CLI acts as the operator: the whole bank, like an admin. */
const OPERATOR: Principal = {
  userId: 'cli',
  username: 'cli',
  role: 'admin',
  staffId: null,
  branchId: null,
  branchPath: null,
};

/**
 * A repository that opens the serving database only when first used: counts without
 * in_segment need the index file alone (and do not contend for an embedded database in use).
 */
function lazyRepository(config: Config, opened: { db?: Database }): AudienceRepository {
  let repository: Promise<AudienceRepository> | null = null;
  const get = () =>
    (repository ??= openServingDatabase(config).then((db) => {
      opened.db = db;
      return new PostgresAudienceRepository(db);
    }));
  return new Proxy({} as AudienceRepository, {
    get(_target, method: keyof AudienceRepository) {
      return async (...args: unknown[]) => {
        const target = await get();
        return (target[method] as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

async function withService<T>(
  dataDir: string | undefined,
  work: (service: AudienceService, store: AudienceIndexStore) => Promise<T>,
): Promise<T> {
  const config = configWithDataDir(dataDir);
  const logger = createLogger(config.logLevel);
  const store = new AudienceIndexStore(config.dataDir, { logger });
  const opened: { db?: Database } = {};
  const service = new AudienceService(store, lazyRepository(config, opened), systemClock, logger);
  try {
    return await work(service, store);
  } catch (error) {
    // Expected problems (no index, bad expression, unknown segment) get their message, not a stack.
    if (error instanceof AppError) {
      const details = (error.details ?? {}) as { suggestions?: string[] };
      const hint = details.suggestions?.length ? ` (suggestions: ${details.suggestions.join(', ')})` : '';
      process.stderr.write(`panorama: ${error.message}${hint}\n`);
      process.exit(1);
    }
    throw error;
  } finally {
    await opened.db?.close();
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/** `panorama audiences count|index` and `panorama segments list|export`. */
export function registerAudiencesCommand(program: Command): void {
  const audiences = program.command('audiences').description('audience selection over the bitmap index');

  audiences
    .command('count')
    .description('count the customers matching an expression, e.g. "aum_tier in (\'1m+\') and age >= 30"')
    .argument('<expression>', 'audience expression (text form); "" counts everyone')
    .option('--data-dir <dir>', 'data directory (default: PANORAMA_DATA_DIR or ./data)')
    .option('--json', 'print JSON')
    .action(async (expression: string, options: { dataDir?: string; json?: boolean }) => {
      await withService(options.dataDir, async (service) => {
        const result = await service.count(OPERATOR, expression);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(result)}\n`);
          return;
        }
        printTable('Audience count', [
          ['expression', result.text],
          ['customers', result.count],
          ['of', result.scopeTotal],
          ['ms', String(result.ms)],
        ]);
      });
    });

  audiences
    .command('index')
    .description('memory report of the audience index snapshot')
    .option('--data-dir <dir>', 'data directory (default: PANORAMA_DATA_DIR or ./data)')
    .option('--top <n>', 'largest columns to list', '15')
    .option('--json', 'print JSON')
    .action(async (options: { dataDir?: string; top: string; json?: boolean }) => {
      await withService(options.dataDir, async (service, store) => {
        const report = service.indexReport();
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report)}\n`);
          return;
        }
        printTable(`Audience index ${store.file}`, [
          ['built at', report.builtAt],
          ['customers', report.customers],
          ['columns', report.columns],
          ['memory', mb(report.bytes)],
          ['per million', mb(report.bytesPerMillion)],
          ['snapshot file', mb(fs.statSync(store.file).size)],
        ]);
        printTable(
          'Largest columns',
          report.memory
            .slice(0, Number(options.top) || 15)
            .map((m) => [`${m.column} (${m.kind})`, mb(m.bytes)] as const),
        );
      });
    });

  const segments = program.command('segments').description('saved audience segments');

  segments
    .command('list')
    .description('saved segments with their counts')
    .option('--data-dir <dir>', 'data directory (default: PANORAMA_DATA_DIR or ./data)')
    .option('--json', 'print JSON')
    .action(async (options: { dataDir?: string; json?: boolean }) => {
      await withService(options.dataDir, async (service) => {
        const { items } = await service.listSegments(OPERATOR);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(items)}\n`);
          return;
        }
        printTable(
          `Segments (${items.length})`,
          items.map((s) => [`${s.name} [${s.kind}] ${s.id}`, s.count ?? 'n/a'] as const),
        );
      });
    });

  segments
    .command('export')
    .description('write the members of a segment (masked identifiers) to a CSV or Excel file')
    .argument('<segment>', 'segment id or name')
    .option('--format <format>', 'csv or xlsx', 'csv')
    .option('--out <file>', 'output file (default: <name>-<date>.<format> in the current directory)')
    .option('--data-dir <dir>', 'data directory (default: PANORAMA_DATA_DIR or ./data)')
    .action(async (segment: string, options: { format: string; out?: string; dataDir?: string }) => {
      if (options.format !== 'csv' && options.format !== 'xlsx') {
        throw new Error(`--format: expected csv or xlsx, got '${options.format}'`);
      }
      const format: ExportFormat = options.format;
      await withService(options.dataDir, async (service) => {
        const { items } = await service.listSegments(OPERATOR);
        const found = items.find((s) => s.id === segment) ?? items.find((s) => s.name === segment);
        if (!found)
          throw new Error(`no segment with id or name '${segment}' (see \`panorama segments list\`)`);
        const file = await service.exportSegment(OPERATOR, found.id, format);
        const out = path.resolve(options.out ?? file.filename);
        await pipeline(file.stream, fs.createWriteStream(out));
        printTable('Exported', [
          ['segment', found.name],
          ['file', out],
          ['bytes', fs.statSync(out).size],
        ]);
      });
    });
}
