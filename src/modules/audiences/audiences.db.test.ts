import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../access/index.ts';
import { createTestBank, testDatabaseTargets, TEST_BANK, type TestBank } from '../customers/test-fixtures.ts';
import { FixedClock } from '../../platform/clock.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.ts';
import { AudienceIndexStore, snapshotPath } from './audience-index-store.ts';
import { rebuildAudienceSnapshot } from './audience-index-build.ts';
import { AudienceService } from './audience.service.ts';
import {
  createAudienceFixture,
  EXTRA_CUSTOMERS,
  testTagDefinitions,
  type AudienceFixture,
} from './audience-test-fixtures.ts';
import { PostgresAudienceRepository } from './postgres-audience.repository.ts';

const principals: Record<string, Principal> = {
  admin: {
    userId: 'u-admin',
    username: 'admin',
    role: 'admin',
    staffId: 'S-A01',
    branchId: 'HQ',
    branchPath: '/HQ/',
  },
  manager: {
    userId: 'u-manager',
    username: 'manager',
    role: 'branch_manager',
    staffId: 'S-M01',
    branchId: 'B01',
    branchPath: '/HQ/B01/',
  },
  rm1: {
    userId: 'u-rm1',
    username: 'rm1',
    role: 'rm',
    staffId: 'S-R01',
    branchId: 'B01-S01',
    branchPath: '/HQ/B01/B01-S01/',
  },
  rm2: {
    userId: 'u-rm2',
    username: 'rm2',
    role: 'rm',
    staffId: 'S-R02',
    branchId: 'B01-S02',
    branchPath: '/HQ/B01/B01-S02/',
  },
  rmWithoutStaff: {
    userId: 'u-x',
    username: 'x',
    role: 'rm',
    staffId: null,
    branchId: null,
    branchPath: null,
  },
};

/** The same predicates as audience text and as DuckDB SQL over customer_tag. */
const PREDICATES: [string, string][] = [
  ['', 'true'],
  ["aum_tier in ('1m+', '100k-1m')", "aum_tier IN ('1m+', '100k-1m')"],
  ['age between 30 and 50', 'age BETWEEN 30 AND 50'],
  [
    "aum_tier = '1m+' and not churn_risk = 'high' and txn_count_30d >= 5",
    "aum_tier = '1m+' AND NOT (churn_risk IS NOT NULL AND churn_risk = 'high') AND txn_count_30d >= 5",
  ],
  [
    "(churn_risk = 'low' or holds_wealth = true) and aum > 250000.5",
    "(churn_risk = 'low' OR holds_wealth = true) AND aum > 250000.5",
  ],
  ["has_product('wealth') and age < 40", 'holds_wealth = true AND age < 40'],
  ["churn_risk not in ('low')", "churn_risk IS NOT NULL AND churn_risk NOT IN ('low')"],
];

/** DuckDB's count of a predicate over a principal's customers (the reference the bitmaps must equal). */
function scopeSql(p: Principal): string {
  if (p.role === 'admin') return 'true';
  if (p.role === 'rm') return p.staffId ? `rm_id = '${p.staffId}'` : 'false';
  // The fixture's B01 subtree.
  return "home_branch_id IN ('B01', 'B01-S01', 'B01-S01-O01', 'B01-S02')";
}

describe.each(testDatabaseTargets())('audiences on $name', (target) => {
  let bank: TestBank;
  let fixture: AudienceFixture;
  let store: AudienceIndexStore;
  let service: AudienceService;
  const clock = new FixedClock(new Date('2026-03-15T10:00:00+08:00'));
  const logs: { obj: Record<string, unknown>; msg: string }[] = [];
  const logger = {
    info: (obj: object, msg: string) => logs.push({ obj: obj as Record<string, unknown>, msg }),
    error: (obj: object, msg: string) => logs.push({ obj: obj as Record<string, unknown>, msg }),
  };

  beforeAll(async () => {
    bank = await createTestBank({ target });
    fixture = await createAudienceFixture(bank.db);
    store = new AudienceIndexStore(fixture.dataDir, { logger });
    service = new AudienceService(store, new PostgresAudienceRepository(bank.db), clock, logger);
  });
  afterAll(async () => {
    fixture?.close();
    await bank?.close();
  });

  async function sqlCount(where: string, p: Principal): Promise<number> {
    const [row] = await fixture.warehouse.all<{ n: bigint }>(
      `SELECT count(*) AS n FROM customer_tag WHERE (${scopeSql(p)}) AND (${where})`,
    );
    return Number(row.n);
  }

  it('builds the index from customer_tag: every customer, system columns, tags', () => {
    const index = store.require();
    expect(index.universe.size).toBe(TEST_BANK.customers + EXTRA_CUSTOMERS);
    const report = service.indexReport();
    expect(report.customers).toBe(TEST_BANK.customers + EXTRA_CUSTOMERS);
    expect(report.columns).toBe(3 + 6);
    expect(report.memory.map((m) => m.column).sort()).toEqual(
      [
        '_branch',
        '_kind',
        '_rm',
        'age',
        'aum',
        'aum_tier',
        'churn_risk',
        'holds_wealth',
        'txn_count_30d',
      ].sort(),
    );
    expect(report.bytes).toBeGreaterThan(0);
  });

  it('counts equal a DuckDB SQL count of the same predicate over each principal’s customers', async () => {
    for (const [name, p] of Object.entries(principals)) {
      const scopeTotal = await sqlCount('true', p);
      for (const [text, where] of PREDICATES) {
        const result = await service.count(p, text);
        expect(result.count, `${name}: ${text}`).toBe(await sqlCount(where, p));
        expect(result.scopeTotal, name).toBe(scopeTotal);
        expect(result.count).toBeLessThanOrEqual(scopeTotal);
      }
    }
    // An RM never sees more than their customers; the fixture's serving RM S-R01 has 10 of its own.
    const rm1All = await service.count(principals.rm1, '');
    expect(rm1All.count).toBeGreaterThanOrEqual(TEST_BANK.customersOfRm['S-R01']);
    expect(rm1All.count).toBeLessThan((await service.count(principals.manager, '')).count);
    expect((await service.count(principals.rmWithoutStaff, '')).count).toBe(0);
  });

  it('accepts the JSON form and answers the canonical text', async () => {
    const result = await service.count(principals.admin, {
      op: 'and',
      args: [
        { op: 'in', field: 'aum_tier', values: ['1m+'] },
        { op: 'cmp', field: 'age', cmp: '>=', value: 40 },
      ],
    });
    expect(result.text).toBe("aum_tier in ('1m+') and age >= 40");
    expect(result.count).toBe(await sqlCount("aum_tier = '1m+' AND age >= 40", principals.admin));
  });

  it('lists fields with labels, values counted in scope and numeric ranges', async () => {
    const { fields } = await service.fields(principals.rm1);
    const tier = fields.find((f) => f.id === 'aum_tier');
    expect(tier?.name).toEqual({ zh: '资产层级', en: 'AUM tier' });
    expect(tier?.values?.map((v) => v.value)).toEqual(['<100k', '100k-1m', '1m+']);
    for (const v of tier?.values ?? [])
      expect(v.count).toBe(await sqlCount(`aum_tier = '${v.value}'`, principals.rm1));
    const wealth = fields.find((f) => f.id === 'holds_wealth');
    expect(wealth?.values?.map((v) => [v.value, v.zh])).toEqual([
      ['true', '是'],
      ['false', '否'],
    ]);
    const age = fields.find((f) => f.id === 'age');
    expect(age).toMatchObject({ kind: 'numeric', unit: 'years', buckets: [30, 40, 50] });
    expect(age?.min).toBeGreaterThanOrEqual(18);
    expect(age?.max).toBeLessThanOrEqual(77);
  });

  it('breaks down by enum, boolean, numeric buckets and branch', async () => {
    const p = principals.manager;
    const tier = await service.breakdown(p, 'age >= 30', 'aum_tier');
    expect(tier.buckets.map((b) => b.value)).toEqual(['<100k', '100k-1m', '1m+']);
    expect(tier.buckets.reduce((s, b) => s + b.count, 0)).toBe(tier.total);
    expect(tier.buckets[2].count).toBe(await sqlCount("age >= 30 AND aum_tier = '1m+'", p));

    const churn = await service.breakdown(p, '', 'churn_risk');
    const unknown = churn.buckets.find((b) => b.value === null);
    expect(unknown?.label).toEqual({ zh: '未知', en: 'Unknown' });
    expect(unknown?.count).toBe(await sqlCount('churn_risk IS NULL', p));

    const age = await service.breakdown(p, '', 'age');
    expect(age.buckets.map((b) => b.label.en).slice(0, 4)).toEqual([
      '< 30 years',
      '30–40 years',
      '40–50 years',
      '≥ 50 years',
    ]);
    expect(age.buckets[1].count).toBe(await sqlCount('age >= 30 AND age < 40', p));
    expect(age.buckets.at(-1)?.count).toBe(await sqlCount('age IS NULL', p));

    const hq = await service.breakdown(principals.admin, '', '_branch');
    expect(hq.buckets.map((b) => b.value).sort()).toEqual(['B01', 'B02']);
    expect(hq.buckets.find((b) => b.value === 'B01')?.label).toEqual({ zh: '上海分行', en: '上海分行' });
    const b01 = await service.breakdown(p, '', '_branch');
    // B01 itself homes customers too (its idle RM's): the branch is its own bar.
    expect(b01.buckets.map((b) => b.value).sort()).toEqual(['B01', 'B01-S01', 'B01-S02']);
    expect(b01.buckets.find((b) => b.value === 'B01-S01')?.count).toBe(
      await sqlCount("home_branch_id IN ('B01-S01', 'B01-S01-O01')", p),
    );

    await expect(service.breakdown(p, '', 'nope')).rejects.toThrow(/by: unknown field 'nope'/);
  });

  it('samples the lowest customer numbers in scope, masked like the customer list', async () => {
    const { items, count } = await service.sample(principals.rm2, '', 5);
    expect(count).toBe(await sqlCount('true', principals.rm2));
    expect(items.map((c) => c.cno)).toEqual([11, 12, 13, 14, 15]);
    expect(items[0]).toMatchObject({ id: 'C011', rmId: 'S-R02', homeBranchName: '静安支行' });
    expect(items[0].phoneMasked).toMatch(/^138\*\*\*\*\d{4}$/);
    expect(items[0].idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
  });

  describe('segments', () => {
    it('saves dynamic and static segments, counts them in scope, resolves in_segment', async () => {
      const rich = await service.createSegment(principals.admin, {
        name: '高净值',
        description: '100万以上',
        kind: 'dynamic',
        expression: "aum_tier = '1m+'",
      });
      expect(rich).toMatchObject({
        name: '高净值',
        kind: 'dynamic',
        text: "aum_tier = '1m+'",
        createdBy: 'admin',
      });
      expect(rich.count).toBe(await sqlCount("aum_tier = '1m+'", principals.admin));
      expect(rich.lastCount).toBe(rich.count);

      const young = await service.createSegment(principals.rm1, {
        name: 'rm1 young',
        description: '',
        kind: 'static',
        expression: 'age < 35',
      });
      // Frozen with rm1's scope: other principals see only the part in their own scope.
      expect(young.count).toBe(await sqlCount('age < 35', principals.rm1));
      expect((await service.getSegment(principals.rm2, young.id)).count).toBe(0);
      expect((await service.getSegment(principals.admin, young.id)).count).toBe(young.count);

      const both = await service.count(principals.admin, "in_segment('高净值') and in_segment('rm1 young')");
      expect(both.count).toBe(
        await sqlCount(`aum_tier = '1m+' AND age < 35 AND ${scopeSql(principals.rm1)}`, principals.admin),
      );

      const list = await service.listSegments(principals.manager);
      expect(list.items.map((s) => s.name).sort()).toEqual(['rm1 young', '高净值']);
      expect(list.items.find((s) => s.name === '高净值')?.count).toBe(
        await sqlCount("aum_tier = '1m+'", principals.manager),
      );
    });

    it('rejects unknown segments, duplicate names and cycles with clear errors', async () => {
      await expect(service.count(principals.admin, "in_segment('高净')")).rejects.toThrow(
        /in_segment\('高净'\): no segment of that name \(did you mean '高净值'\?\)/,
      );
      await expect(
        service.createSegment(principals.admin, {
          name: '高净值',
          description: '',
          kind: 'dynamic',
          expression: '',
        }),
      ).rejects.toThrow(ValidationError);
      const a = await service.createSegment(principals.admin, {
        name: 'loop-a',
        description: '',
        kind: 'dynamic',
        expression: "in_segment('高净值')",
      });
      const b = await service.createSegment(principals.admin, {
        name: 'loop-b',
        description: '',
        kind: 'dynamic',
        expression: "in_segment('loop-a') and age > 20",
      });
      await expect(
        service.updateSegment(principals.admin, a.id, { expression: "in_segment('loop-b')" }),
      ).rejects.toThrow(/cycle: loop-a → loop-b → loop-a/);
      await expect(
        service.updateSegment(principals.admin, a.id, { expression: "in_segment('loop-a')" }),
      ).rejects.toThrow(/cycle: loop-a → loop-a/);
      await service.deleteSegment(principals.admin, b.id);
      await service.deleteSegment(principals.admin, a.id);
    });

    it('lets only the creator or an admin change a segment; re-freezes static ones', async () => {
      const young = (await service.listSegments(principals.rm1)).items.find((s) => s.name === 'rm1 young');
      if (!young) throw new Error('fixture segment missing');
      await expect(service.updateSegment(principals.rm2, young.id, { description: 'x' })).rejects.toThrow(
        ForbiddenError,
      );
      const updated = await service.updateSegment(principals.rm1, young.id, {
        expression: 'age < 30',
        description: '更年轻',
      });
      expect(updated).toMatchObject({ text: 'age < 30', description: '更年轻', kind: 'static' });
      expect(updated.count).toBe(await sqlCount('age < 30', principals.rm1));
      const dynamic = await service.updateSegment(principals.admin, young.id, { kind: 'dynamic' });
      // Now dynamic: the admin sees every customer under 30, not only rm1's frozen ones.
      expect((await service.getSegment(principals.admin, dynamic.id)).count).toBe(
        await sqlCount('age < 30', principals.admin),
      );
      await service.updateSegment(principals.admin, young.id, { kind: 'static', expression: 'age < 35' });
    });

    it('counts every intersection of 2–3 segments', async () => {
      const items = (await service.listSegments(principals.admin)).items;
      const rich = items.find((s) => s.name === '高净值');
      const young = items.find((s) => s.name === 'rm1 young');
      const active = await service.createSegment(principals.admin, {
        name: 'active',
        description: '',
        kind: 'dynamic',
        expression: 'txn_count_30d >= 20',
      });
      if (!rich || !young) throw new Error('fixture segments missing');
      const { sets } = await service.overlap(principals.manager, [rich.id, young.id, active.id]);
      expect(sets.map((s) => s.ids.length)).toEqual([1, 1, 1, 2, 2, 2, 3]);
      const p = principals.manager;
      const frozen = `age < 35 AND ${scopeSql(principals.admin)}`;
      expect(sets[0].count).toBe(await sqlCount("aum_tier = '1m+'", p));
      expect(
        sets.find((s) => s.ids.length === 2 && s.ids.includes(rich.id) && s.ids.includes(active.id))?.count,
      ).toBe(await sqlCount("aum_tier = '1m+' AND txn_count_30d >= 20", p));
      expect(sets[6].count).toBe(await sqlCount(`aum_tier = '1m+' AND txn_count_30d >= 20 AND ${frozen}`, p));
      await expect(service.overlap(p, [rich.id, rich.id])).rejects.toThrow(/listed twice/);
    });

    it('splits deterministically over the members in scope', async () => {
      const rich = (await service.listSegments(principals.admin)).items.find((s) => s.name === '高净值');
      if (!rich) throw new Error('fixture segment missing');
      const request = {
        experimentKey: 'exp-1',
        arms: [
          { name: 'A', percent: 45 },
          { name: 'B', percent: 45 },
        ],
        controlPercent: 10,
        holdoutPercent: 0,
      };
      const first = await service.split(principals.admin, rich.id, request);
      const again = await service.split(principals.admin, rich.id, request);
      expect(again).toEqual(first);
      // Only customers in the serving database have ids to hash; index-only ones are skipped.
      expect(first.total).toBe(
        await sqlCount("aum_tier = '1m+' AND customer_id LIKE 'C%'", principals.admin),
      );
      const scoped = await service.split(principals.rm1, rich.id, request);
      expect(scoped.total).toBeLessThanOrEqual(first.total);
      await expect(
        service.split(principals.admin, rich.id, { ...request, controlPercent: 20 }),
      ).rejects.toThrow(/sum to 100/);
    });

    it('exports members in scope as CSV with a BOM and as xlsx, and logs who exported what', async () => {
      const all = await service.createSegment(principals.admin, {
        name: 'everyone',
        description: '',
        kind: 'dynamic',
        expression: '',
      });
      const file = await service.exportSegment(principals.rm1, all.id, 'csv');
      const chunks: Buffer[] = [];
      for await (const chunk of file.stream) chunks.push(Buffer.from(chunk as string));
      const text = Buffer.concat(chunks).toString('utf8');
      expect(text.startsWith('\uFEFF客户号 Customer ID,')).toBe(true);
      const lines = text.trim().split('\r\n');
      expect(lines).toHaveLength(1 + TEST_BANK.customersOfRm['S-R01']);
      expect(lines[1]).toMatch(
        /^C001,张伟,retail,M,\d+,310115\*{8}\d{4},138\*{4}\d{4},上海,浦东支行,郑客户经理,active,/,
      );
      expect(text).not.toMatch(/13800130001/);
      expect(file.filename).toBe('everyone-20260315.csv');
      const log = logs.find((l) => l.msg === 'segment exported' && l.obj.format === 'csv');
      expect(log?.obj).toMatchObject({ user: 'rm1', segment: all.id, segmentName: 'everyone', rows: 10 });

      const xlsx = await service.exportSegment(principals.manager, all.id, 'xlsx');
      const parts: Buffer[] = [];
      for await (const chunk of xlsx.stream) parts.push(Buffer.from(chunk as Buffer));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      expect(sheet.name).toBe('everyone');
      expect(sheet.rowCount).toBe(1 + TEST_BANK.customersInManagerBranch);
      expect(sheet.getRow(2).getCell(2).value).toBe('张伟');
      expect(logs.find((l) => l.msg === 'segment exported' && l.obj.format === 'xlsx')?.obj.rows).toBe(
        TEST_BANK.customersInManagerBranch,
      );
    });

    it('recounts dynamic segments after the index is rebuilt', async () => {
      const before = (await service.listSegments(principals.admin)).items.find((s) => s.name === '高净值');
      await fixture.warehouse.run("UPDATE customer_tag SET aum_tier = '1m+' WHERE cno <= 30");
      const file = snapshotPath(fixture.dataDir);
      const oldStamp = fs.statSync(file).mtimeMs;
      await rebuildAudienceSnapshot({
        warehouse: fixture.warehouse,
        dataDir: fixture.dataDir,
        tags: testTagDefinitions(),
      });
      // Same-millisecond writes still differ by inode (rename of a new file).
      expect(fs.statSync(file).mtimeMs).toBeGreaterThanOrEqual(oldStamp);
      const after = (await service.listSegments(principals.admin)).items.find((s) => s.name === '高净值');
      expect(after?.count).toBe(await sqlCount("aum_tier = '1m+'", principals.admin));
      expect(after?.lastCount).toBe(after?.count);
      expect(after?.count).toBeGreaterThanOrEqual(before?.count ?? 0);
    });
  });
});

describe('audience index store', () => {
  let bank: TestBank;
  let fixture: AudienceFixture;
  beforeAll(async () => {
    bank = await createTestBank();
    fixture = await createAudienceFixture(bank.db);
  });
  afterAll(async () => {
    fixture?.close();
    await bank?.close();
  });

  it('answers a clear error without a snapshot, loads one when it appears, keeps the last good one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-store-'));
    try {
      const errors: string[] = [];
      const store = new AudienceIndexStore(dir, {
        logger: { info: () => {}, error: (_o, msg) => errors.push(msg) },
      });
      expect(store.current()).toBeNull();
      expect(() => store.require()).toThrow(ConflictError);
      expect(() => store.require()).toThrow('no audience index yet: run `panorama tags run`');

      fs.mkdirSync(path.dirname(snapshotPath(dir)), { recursive: true });
      fs.copyFileSync(snapshotPath(fixture.dataDir), snapshotPath(dir));
      const index = store.require();
      expect(index.universe.size).toBe(TEST_BANK.customers + EXTRA_CUSTOMERS);

      fs.writeFileSync(snapshotPath(dir), 'not a snapshot at all');
      expect(store.current()).toBe(index);
      expect(errors).toEqual(['audience index snapshot could not be loaded']);
      expect(store.current()).toBe(index);
      expect(errors).toHaveLength(1); // the same bad file is not read again

      await rebuildAudienceSnapshot({
        warehouse: fixture.warehouse,
        dataDir: dir,
        tags: testTagDefinitions().slice(0, 2),
      });
      const next = store.require();
      expect(next).not.toBe(index);
      expect(next.column('churn_risk')).toBeUndefined();
      expect(next.column('age')).toBeDefined();
      expect(fs.readdirSync(path.dirname(snapshotPath(dir)))).toEqual(['index.snap']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports tags without a column in customer_tag instead of failing the build', async () => {
    const tags = [
      ...testTagDefinitions(),
      { ...testTagDefinitions()[0], id: 'missing_tag' },
      { ...testTagDefinitions()[1], id: 'retired_tag', status: 'retired' as const },
    ];
    const report = await rebuildAudienceSnapshot({
      warehouse: fixture.warehouse,
      dataDir: fixture.dataDir,
      tags,
    });
    expect(report.skipped).toEqual(['missing_tag']);
    expect(report.customers).toBe(TEST_BANK.customers + EXTRA_CUSTOMERS);
    expect(report.bytes).toBe(fs.statSync(report.path).size);
  });

  it('fails with a clear message when customer_tag does not exist', async () => {
    await fixture.warehouse.run('ALTER TABLE customer_tag RENAME TO customer_tag_old');
    try {
      await expect(
        rebuildAudienceSnapshot({ warehouse: fixture.warehouse, dataDir: fixture.dataDir, tags: [] }),
      ).rejects.toThrow('warehouse table customer_tag is missing: run `panorama tags run` first');
    } finally {
      await fixture.warehouse.run('ALTER TABLE customer_tag_old RENAME TO customer_tag');
    }
  });
});
