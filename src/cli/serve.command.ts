import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { startServer } from '../api/server.ts';
import { ensureDemoUsers } from '../modules/access/index.ts';
import type { Config } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { configWithDataDir, openServingDatabase } from './cli-context.ts';
import { webDistDir } from './web-build.ts';

/** Marker file `start` leaves in a data dir that holds the generated demo bank. */
export const DEMO_MARKER = 'demo-bank.json';

/** Serves the API and the built web UI until SIGINT/SIGTERM; returns once listening. */
export async function serve(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const db = await openServingDatabase(config);
  if (fs.existsSync(path.join(config.dataDir, DEMO_MARKER))) await ensureDemoUsers(db, config.demoPassword);
  if (!fs.existsSync(path.join(webDistDir, 'index.html'))) {
    logger.warn({ webDistDir }, 'web UI not built: run `npm run build:web` (the API is served without it)');
  }
  await startServer({ db, config, logger, webDistDir });
}

/** `panorama serve`: the HTTP API (OpenAPI docs at /docs) and the web UI. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API and the web UI on PORT (default 7080)')
    .option('--data-dir <dir>', 'data directory (default: PANORAMA_DATA_DIR or ./data)')
    .action(async (options: { dataDir?: string }) => {
      await serve(configWithDataDir(options.dataDir));
    });
}
