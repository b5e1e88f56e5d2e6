import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, type Migration, migrate, openDatabase } from './database.ts';

/** A serving database a db test runs against; `open` gives a fresh, migrated, empty one. */
export interface TestDatabaseTarget {
  name: 'pglite' | 'postgres';
  open(migrations: readonly Migration[]): Promise<Database>;
}

/**
 * The serving databases db tests run against: in-memory PGlite always, and the PostgreSQL server
 * when DATABASE_URL is set — each `open` there creates a database of its own, dropped on close.
 */
export function testDatabaseTargets(): TestDatabaseTarget[] {
  const targets: TestDatabaseTarget[] = [
    {
      name: 'pglite',
      async open(migrations) {
        const db = await openDatabase({});
        await migrate(db, migrations);
        return db;
      },
    },
  ];
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    targets.push({
      name: 'postgres',
      async open(migrations) {
        const name = `panorama_test_${randomBytes(6).toString('hex')}`;
        const admin = new pg.Client({ connectionString: serverUrl });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        await admin.end();
        const url = new URL(serverUrl);
        url.pathname = `/${name}`;
        const db = await openDatabase({ databaseUrl: url.toString() });
        await migrate(db, migrations);
        return {
          ...db,
          async close() {
            await db.close();
            const dropper = new pg.Client({ connectionString: serverUrl });
            await dropper.connect();
            await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            await dropper.end();
          },
        };
      },
    });
  }
  return targets;
}
