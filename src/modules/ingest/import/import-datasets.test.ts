import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../platform/config.ts';
import { openWriter, type Warehouse } from '../../../platform/warehouse/index.ts';
import { importData, type ImportReport } from './import.ts';

const mappings = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples/mappings');
const { datasetsDir } = loadConfig();
const churn = path.join(datasetsDir, 'churn-modelling', 'Churn_Modelling.csv');
const marketing = path.join(datasetsDir, 'bank-marketing', 'bank-additional-full.csv.gz');
const present = fs.existsSync(churn) && fs.existsSync(marketing);
if (!present) {
  process.stderr.write(
    `skipping the real-dataset import tests: ${churn} and ${marketing} not found (set PANORAMA_DATASETS)\n`,
  );
}

function entry(report: ImportReport, table: string) {
  return report.tables.find((t) => t.table === table);
}

async function scalar(w: Warehouse, sql: string): Promise<number> {
  const [row] = await w.all<Record<string, unknown>>(sql);
  return Number(Object.values(row)[0]);
}

describe.skipIf(!present)('importData: real datasets with the shipped mappings', () => {
  it('imports Churn Modelling and Bank Marketing into one warehouse, and re-imports idempotently', async () => {
    const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-import-datasets-'));
    const w = await openWriter(path.join(tmpRoot, 'data'));
    const rejectsDir = path.join(tmpRoot, 'rejects');
    try {
      const c = await importData({
        warehouse: w,
        source: churn,
        mappingFile: path.join(mappings, 'churn-modelling.yaml'),
        rejectsDir,
      });
      expect(c.errors.total).toBe(0);
      expect(c.warnings).toEqual([]);
      expect(entry(c, 'customer')).toMatchObject({ rows: 10_000, inserted: 10_000, rejected: 0 });
      expect(entry(c, 'account')).toMatchObject({ rows: 10_000, inserted: 10_000 });
      expect(entry(c, 'custom_attribute')).toMatchObject({ rows: 100_000, inserted: 100_000 });
      expect(await scalar(w, `SELECT count(*) FROM raw_customer WHERE status = 'closed'`)).toBe(2_037);
      expect(await scalar(w, `SELECT count(*) FROM raw_customer WHERE home_branch_id = 'CM-FR'`)).toBe(5_014);
      const [first] = await w.all(
        `SELECT c.name, c.gender, c.birth_date, c.onboard_date, c.status, a.balance
         FROM raw_customer c JOIN raw_account a ON a.customer_id = c.id WHERE c.id = 'CM-15634602'`,
      );
      expect(first).toEqual({
        name: 'Hargrave',
        gender: 'F',
        birth_date: new Date('1977-01-01T00:00:00Z'),
        onboard_date: new Date('2017-01-01T00:00:00Z'),
        status: 'closed',
        balance: 0,
      });
      const attributes = await w.all(
        `SELECT name, value FROM raw_custom_attribute WHERE customer_id = 'CM-15634602' ORDER BY name`,
      );
      expect(attributes).toEqual(
        expect.arrayContaining([
          { name: 'credit_score', value: '619' },
          { name: 'exited', value: 'true' },
          { name: 'estimated_salary', value: '101348.88' },
          { name: 'geography', value: 'France' },
        ]),
      );

      const m = await importData({
        warehouse: w,
        source: marketing,
        mappingFile: path.join(mappings, 'bank-marketing.yaml'),
        rejectsDir,
      });
      expect(m.errors.total).toBe(0);
      expect(entry(m, 'customer')).toMatchObject({ rows: 41_188, inserted: 41_188, rejected: 0 });
      expect(
        await scalar(
          w,
          `SELECT count(*) FROM raw_custom_attribute WHERE name = 'subscribed_term_deposit' AND value = 'true'`,
        ),
      ).toBe(4_640);
      expect(
        await scalar(
          w,
          `SELECT count(*) FROM raw_custom_attribute WHERE name = 'age' AND customer_id LIKE 'BM-%'`,
        ),
      ).toBe(41_188);
      // pdays = 999 means never contacted: no attribute.
      expect(
        await scalar(
          w,
          `SELECT count(*) FROM raw_custom_attribute WHERE name = 'days_since_previous_contact'`,
        ),
      ).toBeLessThan(2_000);
      const [bm1] = await w.all(`SELECT name, birth_date, occupation FROM raw_customer WHERE id = 'BM-1'`);
      expect(bm1).toEqual({
        name: 'Client BM-1',
        birth_date: new Date('1954-11-30T00:00:00Z'),
        occupation: 'housemaid',
      });

      // Customer numbers are dense over both sources and continue from the first.
      expect(await scalar(w, `SELECT max(cno) FROM raw_customer`)).toBe(51_188);
      expect(await scalar(w, `SELECT count(DISTINCT cno) FROM raw_customer`)).toBe(51_188);
      expect(await scalar(w, `SELECT min(cno) FROM raw_customer WHERE id LIKE 'BM-%'`)).toBe(10_001);

      const again = await importData({
        warehouse: w,
        source: churn,
        mappingFile: path.join(mappings, 'churn-modelling.yaml'),
        rejectsDir,
      });
      expect(entry(again, 'customer')).toMatchObject({ inserted: 0, updated: 0, unchanged: 10_000 });
      expect(entry(again, 'custom_attribute')).toMatchObject({ inserted: 0, updated: 0, unchanged: 100_000 });
      expect(entry(again, 'account')).toMatchObject({ inserted: 0, updated: 0, unchanged: 10_000 });
      expect(await scalar(w, `SELECT count(*) FROM raw_customer`)).toBe(51_188);
    } finally {
      w.close();
      fs.rmSync(tmpRoot, { recursive: true, force: true });
    }
  });
});
