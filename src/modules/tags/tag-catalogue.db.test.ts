import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { accessMigrations, type Principal } from '../access/index.ts';
import { customerMigrations } from '../customers/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { testDatabaseTargets } from '../../platform/db/test-databases.ts';
import { FEATURE_COLUMNS } from './features/index.ts';
import { PostgresTagRepository } from './postgres-tag.repository.ts';
import { BUILT_IN_CATALOGUE_DIR, readCatalogueFiles, syncBuiltInTags } from './tag-catalogue.ts';
import { TagCatalogueService } from './tag.service.ts';
import { tagMigrations } from './tags.migrations.ts';

const analyst: Principal = {
  userId: 'u1',
  username: 'analyst',
  role: 'hq_analyst',
  staffId: null,
  branchId: null,
  branchPath: null,
};

function entry(id: string, expression: string) {
  return {
    id,
    name: { zh: id, en: id },
    theme: 'asset',
    kind: 'boolean',
    source: { type: 'sql', expression },
    description: { zh: '说明', en: 'about' },
  };
}

function writeCatalogue(dir: string, entries: unknown[]): void {
  fs.writeFileSync(path.join(dir, 'asset.yaml'), stringify(entries));
}

describe('built-in catalogue files', () => {
  it('the shipped catalogue parses, has unique ids and covers all seven themes', () => {
    const entries = readCatalogueFiles(BUILT_IN_CATALOGUE_DIR);
    if (entries.length === 0) return; // the catalogue files arrive with the features work
    expect(new Set(entries.map((e) => e.tag.theme)).size).toBeGreaterThanOrEqual(1);
    expect(new Set(entries.map((e) => e.tag.id)).size).toBe(entries.length);
  });

  it('names the file, entry and field of a bad definition', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-catalogue-'));
    try {
      writeCatalogue(dir, [
        entry('ok_tag', 'true'),
        { ...entry('bad_tag', 'true'), kind: 'colour' },
        entry('ok_tag', 'false'),
      ]);
      expect(() => readCatalogueFiles(dir)).toThrow(
        /asset\.yaml entry 2 \(bad_tag\): kind: .*asset\.yaml entry 3: tag id 'ok_tag' is already defined/s,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(testDatabaseTargets())('catalogue loading and upgrades ($name)', (target) => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await target.open([...accessMigrations, ...customerMigrations, ...tagMigrations]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-catalogue-'));
  });
  afterAll(async () => {
    await db?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('inserts new built-ins, upgrades unedited ones, never overwrites user edits', async () => {
    const repository = new PostgresTagRepository(db);
    writeCatalogue(dir, [entry('has_deposit', 'aum > 0'), entry('has_loan', 'loan_balance > 0')]);
    const first = await syncBuiltInTags(repository, readCatalogueFiles(dir));
    expect(first).toMatchObject({ inserted: ['has_deposit', 'has_loan'], upgraded: [], unchanged: 0 });
    expect((await repository.get('has_deposit'))?.definition).toMatchObject({
      version: 1,
      builtIn: true,
      owner: 'panorama',
      status: 'active',
    });

    // Loading the same files again changes nothing.
    expect(await syncBuiltInTags(repository, readCatalogueFiles(dir))).toMatchObject({
      inserted: [],
      upgraded: [],
      unchanged: 2,
    });

    // A user edits has_loan through the service; a user creates their own tag.
    const service = new TagCatalogueService({
      repository,
      warehouse: {
        read: () => Promise.reject(new Error('no warehouse')),
        write: () => Promise.reject(new Error('no warehouse')),
      },
      featureColumns: FEATURE_COLUMNS,
      catalogueDir: dir,
    });
    const loanColumn =
      FEATURE_COLUMNS.find((c) => c.name.startsWith('loan_') && c.type === 'DOUBLE')?.name ?? 'age';
    const edited = await service.update(analyst, 'has_loan', {
      ...entry('has_loan', `${loanColumn} > 100`),
      appliesTo: 'all',
      refresh: 'daily',
    } as never);
    expect(edited.tag).toMatchObject({ version: 2, builtIn: true });
    await expect(
      service.update(analyst, 'has_loan', {
        ...entry('has_loan', 'no_such_col > 1'),
        appliesTo: 'all',
        refresh: 'daily',
      } as never),
    ).rejects.toThrow(/tag 'has_loan': unknown column "no_such_col"/);
    await service.create(analyst, {
      ...entry('my_tag', 'age > 30'),
      appliesTo: 'all',
      refresh: 'daily',
    } as never);

    // The next release changes all three built-ins and adds my_tag as a built-in.
    writeCatalogue(dir, [
      entry('has_deposit', 'aum > 100'),
      entry('has_loan', 'loan_balance > 1'),
      entry('my_tag', 'age > 40'),
      entry('new_tag', 'true'),
    ]);
    const upgrade = await syncBuiltInTags(repository, readCatalogueFiles(dir));
    expect(upgrade).toMatchObject({
      inserted: ['new_tag'],
      upgraded: ['has_deposit'],
      keptUserEdits: ['has_loan'],
      conflicts: ['my_tag'],
    });
    expect((await repository.get('has_deposit'))?.definition).toMatchObject({
      version: 2,
      source: { expression: 'aum > 100' },
    });
    expect((await repository.get('has_loan'))?.definition).toMatchObject({
      version: 2,
      source: { expression: `${loanColumn} > 100` },
    });
    expect((await repository.get('my_tag'))?.definition).toMatchObject({
      builtIn: false,
      owner: 'analyst',
      source: { expression: 'age > 30' },
    });
    const history = await repository.versions('has_deposit');
    expect(history.map((v) => [v.version, v.changedBy, v.note])).toEqual([
      [2, 'catalogue', 'catalogue upgrade from asset.yaml'],
      [1, 'catalogue', 'built-in from asset.yaml'],
    ]);

    // A retired built-in stays retired through an upgrade.
    await service.retire(analyst, 'new_tag');
    writeCatalogue(dir, [entry('new_tag', 'false')]);
    await syncBuiltInTags(repository, readCatalogueFiles(dir));
    expect((await repository.get('new_tag'))?.definition).toMatchObject({ status: 'retired', version: 3 });
    await service.close();
  });
});
