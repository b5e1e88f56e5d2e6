import type { Command } from 'commander';
import { ensureDemoUsers } from '../modules/access/index.ts';
import { publishToServing } from '../modules/ingest/index.ts';
import { openReader } from '../platform/warehouse/index.ts';
import { configWithDataDir, openServingDatabase, printTable } from './cli-context.ts';

/** `panorama publish`: warehouse → serving tier in bulk. */
export function registerPublishCommand(program: Command): void {
  program
    .command('publish')
    .description(
      'publish the warehouse to the serving database (customers, organisation, products, holdings, recent transactions, monthly aggregates)',
    )
    .option('--data-dir <dir>', 'data directory (default: PANORAMA_DATA_DIR or ./data)')
    .option('--demo-users', `create the demo users (admin, analyst, manager, rm1, rm2) if they are absent`)
    .action(async (options: { dataDir?: string; demoUsers?: boolean }) => {
      const config = configWithDataDir(options.dataDir);
      const warehouse = await openReader(config.dataDir);
      const db = await openServingDatabase(config);
      try {
        const report = await publishToServing({ warehouse, db });
        printTable(
          `Published (as of ${report.asOf ?? 'n/a'}) in ${report.seconds.toFixed(1)} s`,
          Object.entries(report.rows),
        );
        if (options.demoUsers) {
          const users = await ensureDemoUsers(db, config.demoPassword);
          printTable(
            'Demo users',
            users.map(
              (u) => [u.username, `${u.role}: ${u.status}${u.reason ? ` (${u.reason})` : ''}`] as const,
            ),
          );
        }
      } finally {
        warehouse.close();
        await db.close();
      }
    });
}
