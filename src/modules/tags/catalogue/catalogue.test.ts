import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  openMemoryWarehouse,
  PRODUCT_CATEGORIES,
  type Warehouse,
} from '../../../platform/warehouse/index.ts';
import { generateBank, importData } from '../../ingest/index.ts';
import { createFeatureTables, FEATURE_COLUMNS } from '../features/index.ts';
import { compileTag } from '../tag-compiler.ts';
import { TAG_THEMES, tagInputSchema, type TagInput } from '../tag.schema.ts';

const DIR = path.dirname(new URL(import.meta.url).pathname);
const CUSTOMERS = 1500;

/**
 * Tags that may legitimately be empty on a small generated bank, and why. Everything else must
 * cover at least one customer (a boolean: at least one `true`).
 */
const RARE: Record<string, string> = {
  private_banking: 'AUM of 6m or more: a handful per 100k generated customers, none among 1,500',
  signal_ipo: 'IPO signals are rare in the generated enterprise graph (none among ~75 companies)',
  signal_env_approval: 'environmental approvals within a year: none among ~75 generated companies',
  risk_assessment_missing: 'the generator assesses every retail customer; real data has gaps',
};

function readCatalogue(): { file: string; tag: TagInput }[] {
  const out: { file: string; tag: TagInput }[] = [];
  for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.yaml'))) {
    const entries = parseYaml(fs.readFileSync(path.join(DIR, file), 'utf8')) as unknown[];
    entries.forEach((raw, i) => {
      const parsed = tagInputSchema.safeParse(raw);
      if (!parsed.success)
        throw new Error(
          `${file} entry ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`,
        );
      out.push({ file, tag: parsed.data });
    });
  }
  return out;
}

describe('built-in tag catalogue', () => {
  const catalogue = readCatalogue();
  let wh: Warehouse;
  let root: string;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-catalogue-'));
    await generateBank({
      customers: CUSTOMERS,
      seed: 11,
      months: 12,
      outDir: path.join(root, 'bank'),
      asOf: '2025-06-30',
      progress: false,
      workers: 0,
    });
    wh = await openMemoryWarehouse();
    await importData({
      warehouse: wh,
      source: path.join(root, 'bank'),
      rejectsDir: path.join(root, 'rejects'),
    });
    const report = await createFeatureTables(wh);
    expect(report).toMatchObject({ asOf: '2025-06-30', customers: CUSTOMERS });
  }, 120_000);
  afterAll(() => {
    wh?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('has at least 150 valid tags over all seven themes, each in its theme file, ids unique', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(150);
    const ids = catalogue.map((c) => c.tag.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { file, tag } of catalogue) expect(`${tag.theme}.yaml`, tag.id).toBe(file);
    for (const theme of TAG_THEMES)
      expect(
        catalogue.some((c) => c.tag.theme === theme),
        theme,
      ).toBe(true);
    for (const kind of ['retail', 'corporate'] as const)
      expect(catalogue.filter((c) => c.tag.appliesTo === kind).length, kind).toBeGreaterThan(10);
    for (const { tag } of catalogue) {
      expect(tag.name.zh && tag.name.en && tag.description.zh && tag.description.en, tag.id).toBeTruthy();
      if (tag.kind === 'numeric') expect(tag.buckets?.length, `${tag.id} buckets`).toBeGreaterThan(1);
    }
  });

  it('has every tag the issue names and holds_<category> for every product category', () => {
    const ids = new Set(catalogue.map((c) => c.tag.id));
    const required = [
      ...PRODUCT_CATEGORIES.map((c) => `holds_${c}`),
      ...['age_band', 'gender', 'life_stage', 'city_tier', 'occupation', 'income_band'],
      ...['aum_tier', 'aum_trend_3m', 'deposit_holder', 'wealth_holder', 'fund_holder', 'insurance_holder'],
      ...['product_count', 'wealth_share_of_aum', 'maturing_30d', 'loan_holder', 'mortgage_holder'],
      ...[
        'consumer_loan_holder',
        'credit_card_utilisation',
        'overdue_90d',
        'risk_tolerance',
        'risk_mismatch',
      ],
      ...['payroll_customer', 'salary_band', 'salary_stopped', 'inflow_amount_30d', 'inflow_amount_90d'],
      ...[
        'outflow_amount_30d',
        'outflow_amount_90d',
        'inflow_count_30d',
        'inflow_count_90d',
        'outflow_count_30d',
      ],
      ...[
        'outflow_count_90d',
        'large_outflow_other_bank',
        'internet_wealth_payer',
        'main_channel',
        'mobile_active',
      ],
      ...[
        'dormant',
        'reactivated',
        'rfm_segment',
        'contribution_band',
        'loyalty',
        'activity_score',
        'value_tier',
      ],
      ...['industry', 'company_size', 'registered_capital_band', 'settlement_volume_365d'],
      ...['corporate_counterparty_count', 'supply_chain_role', 'guarantee_exposure', 'signal_litigation'],
    ];
    expect(required.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('references only customer_features columns', () => {
    const columns = new Set(FEATURE_COLUMNS.map((c) => c.name));
    const keywords = new Set(
      'case when then else end and or not in is null between like as cast true false coalesce greatest least round regexp_replace month as_of_date'.split(
        ' ',
      ),
    );
    for (const { tag } of catalogue) {
      if (tag.source.type !== 'sql') continue;
      const identifiers =
        tag.source.expression.replace(/'(?:[^']|'')*'/g, ' ').match(/\b[a-z_][a-z0-9_]*\b/g) ?? [];
      const unknown = identifiers.filter((w) => !columns.has(w) && !keywords.has(w));
      expect(unknown, tag.id).toEqual([]);
    }
  });

  it('evaluates every expression over customer_features, within declared values, with non-zero coverage', async () => {
    const problems: string[] = [];
    for (const { tag } of catalogue) {
      let rows: { v: unknown; n: bigint }[];
      try {
        rows = await wh.all(
          `SELECT v, count(*) AS n FROM (SELECT ${compileTag(tag)} AS v FROM customer_features) GROUP BY v`,
        );
      } catch (error) {
        problems.push(`${tag.id}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      const present = rows.filter((r) => r.v !== null);
      if (tag.kind === 'enum') {
        const allowed = new Set(tag.values!.map((v) => v.value));
        const outside = present.map((r) => String(r.v)).filter((v) => !allowed.has(v));
        if (outside.length)
          problems.push(`${tag.id}: values outside the declared list: ${outside.join(', ')}`);
      }
      if (tag.kind === 'numeric') {
        const bad = present.filter((r) => !Number.isFinite(Number(r.v)));
        if (bad.length)
          problems.push(`${tag.id}: non-finite values ${bad.map((r) => String(r.v)).join(', ')}`);
      }
      const covered = tag.kind === 'boolean' ? present.filter((r) => r.v === true) : present;
      if (covered.length === 0 && !(tag.id in RARE)) problems.push(`${tag.id}: no customer has a value`);
    }
    expect(problems).toEqual([]);
  });
});
