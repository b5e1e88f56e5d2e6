import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, migrate } from './database.ts';
import { testDatabaseTargets } from './test-databases.ts';

const migrations = [
  { id: '0001-a', sql: 'CREATE TABLE item (id INTEGER PRIMARY KEY, cents BIGINT NOT NULL, day DATE)' },
  { id: '0002-b', sql: 'ALTER TABLE item ADD COLUMN label TEXT' },
];

type Tables = {
  item: { id: number; cents: number; day: string | null; label: string | null };
};

describe.each(testDatabaseTargets())('serving database on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open(migrations);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('applies each migration once', async () => {
    expect(await migrate(db, migrations)).toEqual([]);
    expect(
      await migrate(db, [...migrations, { id: '0003-c', sql: 'CREATE INDEX item_label ON item (label)' }]),
    ).toEqual(['0003-c']);
  });

  it('leaves no trace of a failing migration', async () => {
    const bad = { id: '0004-bad', sql: 'CREATE TABLE half (x INT); SELECT no_such_column FROM item' };
    await expect(migrate(db, [...migrations, bad])).rejects.toThrow();
    const k = db.kysely.withTables<{ schema_migration: { id: string } }>();
    expect((await k.selectFrom('schema_migration').select('id').execute()).map((r) => r.id)).not.toContain(
      '0004-bad',
    );
    await expect(db.exec('SELECT * FROM half')).rejects.toThrow();
  });

  it('parses BIGINT as number and DATE as a plain date string', async () => {
    const k = db.kysely.withTables<Tables>();
    await k
      .insertInto('item')
      .values({ id: 1, cents: 9_007_199_254_740, day: '2024-02-29', label: 'x' })
      .execute();
    const row = await k.selectFrom('item').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    expect(row).toEqual({ id: 1, cents: 9_007_199_254_740, day: '2024-02-29', label: 'x' });
  });

  it('keeps a transaction to itself while other queries wait', async () => {
    const k = db.kysely.withTables<Tables>();
    const inTransaction = k.transaction().execute(async (trx) => {
      await trx.insertInto('item').values({ id: 2, cents: 1, day: null, label: null }).execute();
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error('roll back');
    });
    const outside = k.selectFrom('item').select('id').execute();
    await expect(inTransaction).rejects.toThrow('roll back');
    expect((await outside).map((r) => r.id)).toEqual([1]);
  });

  it('replaces tables from CSV atomically', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-copy-'));
    const good = path.join(dir, 'good.csv');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(good, 'id,cents,day,label\n10,100,2024-01-01,a\n11,200,,"b, with comma"\n');
    fs.writeFileSync(bad, 'id,cents,day,label\n12,not-a-number,,c\n');
    const k = db.kysely.withTables<Tables>();
    await db.replaceTablesFromCsv([
      { table: 'item', columns: ['id', 'cents', 'day', 'label'], csvFile: good },
    ]);
    expect(await k.selectFrom('item').select(['id', 'label']).orderBy('id').execute()).toEqual([
      { id: 10, label: 'a' },
      { id: 11, label: 'b, with comma' },
    ]);
    await expect(
      db.replaceTablesFromCsv([{ table: 'item', columns: ['id', 'cents', 'day', 'label'], csvFile: bad }]),
    ).rejects.toThrow();
    expect(await k.selectFrom('item').select('id').orderBy('id').execute()).toEqual([{ id: 10 }, { id: 11 }]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
