import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CANONICAL_TABLES,
  CANONICAL_TABLE_NAMES,
  duckdbType,
  openMemoryWarehouse,
  rawTableName,
  type Warehouse,
} from '../../../platform/warehouse/index.ts';
import { generateBank, type GenerateSummary } from './generate.ts';
import { isValidMobile, isValidResidentId, isValidUscc } from './identifiers.ts';

const CUSTOMERS = 2000;
const MONTHS = 12;
const AS_OF = '2025-06-30';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-generate-test-'));
const dir = path.join(root, 'bank');
let summary: GenerateSummary;
let wh: Warehouse;

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const num = (v: unknown): number => Number(v);

async function one<T = Record<string, unknown>>(sql: string): Promise<T> {
  return (await wh.all<T>(sql))[0];
}

async function count(sql: string): Promise<number> {
  const row = await one<{ n: unknown }>(sql);
  return num(row.n);
}

function hashes(d: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(d, rel), { withFileTypes: true })) {
      const name = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(name);
      else
        out[name] = crypto
          .createHash('sha256')
          .update(fs.readFileSync(path.join(d, name)))
          .digest('hex');
    }
  };
  walk('.');
  return out;
}

beforeAll(async () => {
  summary = await generateBank({
    customers: CUSTOMERS,
    seed: 7,
    months: MONTHS,
    outDir: dir,
    asOf: AS_OF,
    progress: false,
    workers: 0,
  });
  wh = await openMemoryWarehouse();
  for (const table of CANONICAL_TABLES) {
    const columns = table.columns
      .map((c) => `${sqlString(c.name)}: ${sqlString(duckdbType(c.type))}`)
      .join(', ');
    await wh.run(
      `INSERT INTO ${rawTableName(table.name)} SELECT * FROM read_csv(${sqlString(path.join(dir, `${table.name}.csv`))}, header = true, ` +
        `auto_detect = false, columns = {${columns}}, quote = '"', escape = '"', nullstr = '', timestampformat = '%Y-%m-%d %H:%M:%S')`,
    );
  }
  await wh.run(
    `CREATE TABLE truth AS SELECT * FROM read_csv(${sqlString(path.join(dir, '_truth', 'customer_truth.csv'))}, header = true)`,
  );
});

afterAll(() => {
  wh?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('generateBank output files', () => {
  it('writes every canonical table with the canonical header, a manifest and ground truth', () => {
    for (const table of CANONICAL_TABLES) {
      const header = fs.readFileSync(path.join(dir, `${table.name}.csv`), 'utf8').split('\n', 1)[0];
      expect(header).toBe(table.columns.map((c) => c.name).join(','));
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      seed: 7,
      customers: CUSTOMERS,
      months: MONTHS,
      asOf: AS_OF,
      format: 'csv',
    });
    expect(manifest.rows).toEqual(summary.rows);
    expect(typeof manifest.generatedBy).toBe('string');
    const truthHeader = fs
      .readFileSync(path.join(dir, '_truth', 'customer_truth.csv'), 'utf8')
      .split('\n', 1)[0];
    expect(truthHeader).toBe(
      'customer_id,life_stage,life_events,churn_drift,churned,churn_start_month,value_growth,dormant,reactivated',
    );
    expect(summary.rows.customer).toBe(CUSTOMERS);
  });

  it('loads into the warehouse with canonical types and the summary row counts', async () => {
    for (const table of CANONICAL_TABLE_NAMES) {
      expect(await count(`SELECT count(*) AS n FROM ${rawTableName(table)}`), table).toBe(
        summary.rows[table],
      );
    }
    expect(summary.rows.product).toBeGreaterThanOrEqual(40);
    expect(summary.rows.product).toBeLessThanOrEqual(60);
  });
});

describe('integrity', () => {
  it('has unique natural keys and no missing required values', async () => {
    for (const table of CANONICAL_TABLES) {
      const key = table.key.map((k) => `"${k}"`).join(', ');
      const dupes = await count(
        `SELECT count(*) AS n FROM (SELECT ${key} FROM ${rawTableName(table.name)} GROUP BY ${key} HAVING count(*) > 1)`,
      );
      expect(dupes, `${table.name} duplicate keys`).toBe(0);
      for (const col of table.columns.filter((c) => c.required)) {
        const missing = await count(
          `SELECT count(*) AS n FROM ${rawTableName(table.name)} WHERE "${col.name}" IS NULL`,
        );
        expect(missing, `${table.name}.${col.name} missing`).toBe(0);
      }
    }
  });

  it('uses only allowed enumeration values', async () => {
    for (const table of CANONICAL_TABLES) {
      for (const col of table.columns.filter((c) => c.values)) {
        const allowed = (col.values ?? []).map(sqlString).join(', ');
        const bad = await count(
          `SELECT count(*) AS n FROM ${rawTableName(table.name)} WHERE "${col.name}" IS NOT NULL AND "${col.name}" NOT IN (${allowed})`,
        );
        expect(bad, `${table.name}.${col.name}`).toBe(0);
      }
    }
  });

  it('resolves every foreign key', async () => {
    let checked = 0;
    for (const table of CANONICAL_TABLES) {
      for (const col of table.columns.filter((c) => c.references)) {
        const [refTable, refCol] = (col.references as string).split('.');
        const orphans = await count(
          `SELECT count(*) AS n FROM ${rawTableName(table.name)} t WHERE t."${col.name}" IS NOT NULL AND NOT EXISTS ` +
            `(SELECT 1 FROM ${rawTableName(refTable as (typeof CANONICAL_TABLE_NAMES)[number])} r WHERE r."${refCol}" = t."${col.name}")`,
        );
        expect(orphans, `${table.name}.${col.name} → ${col.references}`).toBe(0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(12);
  });

  it('gives valid, unique resident IDs, USCCs and mobile numbers', async () => {
    const customers = await wh.all<{
      kind: string;
      id_number: string | null;
      uscc: string | null;
      phone: string;
    }>('SELECT kind, id_number, uscc, phone FROM raw_customer');
    const retail = customers.filter((c) => c.kind === 'retail');
    expect(retail.every((c) => c.id_number !== null && isValidResidentId(c.id_number))).toBe(true);
    expect(new Set(retail.map((c) => c.id_number)).size).toBe(retail.length);
    const corporate = customers.filter((c) => c.kind === 'corporate');
    expect(corporate.every((c) => c.uscc !== null && isValidUscc(c.uscc))).toBe(true);
    expect(customers.every((c) => isValidMobile(c.phone))).toBe(true);
    expect(new Set(customers.map((c) => c.phone)).size).toBe(customers.length);
    const companies = await wh.all<{ uscc: string }>("SELECT uscc FROM raw_entity WHERE kind = 'company'");
    expect(companies.every((c) => isValidUscc(c.uscc))).toBe(true);
    expect(new Set(companies.map((c) => c.uscc)).size).toBe(companies.length);
    expect(
      await count(
        'SELECT count(*) - count(DISTINCT referral_code) AS n FROM raw_staff WHERE referral_code IS NOT NULL',
      ),
    ).toBe(0);
  });

  it('has an organisation tree with managers and RMs sized to the customers', async () => {
    expect(await count("SELECT count(*) AS n FROM raw_branch WHERE level = 'hq' AND parent_id IS NULL")).toBe(
      1,
    );
    expect(
      await count(
        "SELECT count(*) AS n FROM raw_branch b WHERE level IN ('branch', 'sub_branch') AND NOT EXISTS (SELECT 1 FROM raw_staff s WHERE s.branch_id = b.id AND s.role = 'branch_manager')",
      ),
    ).toBe(0);
    const rms = await count("SELECT count(*) AS n FROM raw_staff WHERE role = 'rm'");
    // About 400 customers per RM, but every customer-facing branch has one, which dominates a tiny bank.
    expect(CUSTOMERS / rms).toBeGreaterThan(100);
    expect(CUSTOMERS / rms).toBeLessThan(600);
    const assigned = await count(
      "SELECT count(*) AS n FROM raw_customer WHERE kind = 'retail' AND rm_id IS NOT NULL",
    );
    const retail = await count("SELECT count(*) AS n FROM raw_customer WHERE kind = 'retail'");
    expect(assigned / retail).toBeGreaterThan(0.78);
    expect(assigned / retail).toBeLessThan(0.92);
  });
});

describe('balances and transactions', () => {
  it('ends each account history with its current balance', async () => {
    expect(
      await count(
        'SELECT count(*) AS n FROM raw_account a WHERE NOT EXISTS (SELECT 1 FROM raw_balance_monthly b WHERE b.account_id = a.id)',
      ),
    ).toBe(0);
    const mismatched = await count(
      'SELECT count(*) AS n FROM raw_account a JOIN (SELECT account_id, arg_max(balance, "month") AS last FROM raw_balance_monthly GROUP BY 1) l ON l.account_id = a.id WHERE l.last <> a.balance',
    );
    expect(mismatched).toBe(0);
    const months = await count('SELECT count(DISTINCT "month") AS n FROM raw_balance_monthly');
    expect(months).toBe(MONTHS);
  });

  it('changes balances only through transactions (valuations of wealth, funds and insurance aside)', async () => {
    const sql = `
      WITH m AS (SELECT account_id, "month", balance, lag(balance) OVER (PARTITION BY account_id ORDER BY "month") AS prev FROM raw_balance_monthly),
           t AS (SELECT account_id, date_trunc('month', ts)::DATE AS mon, sum(amount) AS s FROM raw_transaction GROUP BY 1, 2)
      SELECT count(*) AS n FROM m
      JOIN raw_account a ON a.id = m.account_id JOIN raw_product p ON p.id = a.product_id
      LEFT JOIN t ON t.account_id = m.account_id AND t.mon = m."month"
      WHERE m.prev IS NOT NULL AND p.category NOT IN ('wealth', 'fund', 'insurance') AND m.balance - m.prev <> coalesce(t.s, 0)`;
    expect(await count(sql)).toBe(0);
  });

  it('never overdraws deposits and keeps transactions inside account lifetimes and the window', async () => {
    const overdrawn = await count(
      "SELECT count(*) AS n FROM raw_balance_monthly b JOIN raw_account a ON a.id = b.account_id JOIN raw_product p ON p.id = a.product_id WHERE b.balance < 0 AND p.category IN ('current', 'payroll', 'time_deposit', 'cd', 'wealth', 'fund', 'insurance', 'corporate_settlement')",
    );
    expect(overdrawn).toBe(0);
    expect(
      await count(
        'SELECT count(*) AS n FROM raw_transaction t JOIN raw_account a ON a.id = t.account_id WHERE t.ts::DATE < a.opened OR (a.closed IS NOT NULL AND t.ts::DATE > a.closed)',
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM raw_transaction WHERE ts < DATE '2024-07-01' OR ts >= DATE '2025-07-01'`,
      ),
    ).toBe(0);
    expect(
      await count(
        'SELECT count(*) AS n FROM raw_transaction t JOIN raw_account a ON a.id = t.account_id WHERE a.customer_id <> t.customer_id',
      ),
    ).toBe(0);
  });

  it('keeps roughly four to six transactions per customer-month', async () => {
    const perMonth = (await count('SELECT count(*) AS n FROM raw_transaction')) / (CUSTOMERS * MONTHS);
    expect(perMonth).toBeGreaterThan(3.5);
    expect(perMonth).toBeLessThan(7);
  });

  it('spends by MCC across all channels, and records app events with product props', async () => {
    expect(
      await count(
        "SELECT count(DISTINCT mcc) AS n FROM raw_transaction WHERE type IN ('spending', 'card_spending')",
      ),
    ).toBeGreaterThan(15);
    expect(await count('SELECT count(DISTINCT channel) AS n FROM raw_transaction')).toBe(8);
    const badViews = await count(
      "SELECT count(*) AS n FROM raw_event e WHERE type = 'view_product' AND NOT EXISTS (SELECT 1 FROM raw_product p WHERE p.id = json_extract_string(e.props, '$.product_id'))",
    );
    expect(badViews).toBe(0);
    expect(await count("SELECT count(*) AS n FROM raw_event WHERE type = 'login'")).toBeGreaterThan(
      CUSTOMERS * MONTHS * 0.5,
    );
  });
});

describe('dynamics', () => {
  it('has 10–15% of retail customers drifting toward churn, some of whom left', async () => {
    const t = await one<{ drift: number; churned: number; retail: number }>(
      "SELECT avg(churn_drift::INT) AS drift, avg(churned::INT) AS churned, count(*) AS retail FROM truth WHERE life_stage <> 'corporate'",
    );
    expect(num(t.drift)).toBeGreaterThanOrEqual(0.1);
    expect(num(t.drift)).toBeLessThanOrEqual(0.15);
    expect(num(t.churned)).toBeGreaterThan(0.02);
    expect(num(t.churned)).toBeLessThan(num(t.drift));
    const closedOk = await count(
      "SELECT count(*) AS n FROM truth t JOIN raw_customer c ON c.id = t.customer_id WHERE t.churned AND (c.status <> 'closed' OR EXISTS (SELECT 1 FROM raw_account a WHERE a.customer_id = c.id AND a.status NOT IN ('closed', 'matured')))",
    );
    expect(closedOk).toBe(0);
  });

  it('shows drifting customers losing balance, logins and money to internet platforms', async () => {
    const aum = await wh.all<{ churn_drift: boolean; ratio: number }>(`
      WITH s AS (SELECT customer_id, "month", sum(balance) AS aum FROM raw_balance_monthly GROUP BY 1, 2)
      SELECT t.churn_drift, sum(CASE WHEN s."month" = DATE '2025-06-01' THEN aum ELSE 0 END) / sum(CASE WHEN s."month" = DATE '2024-07-01' THEN aum ELSE 0 END) AS ratio
      FROM s JOIN truth t ON t.customer_id = s.customer_id WHERE t.life_stage <> 'corporate' GROUP BY 1`);
    const drift = num(aum.find((r) => r.churn_drift)?.ratio);
    const stay = num(aum.find((r) => !r.churn_drift)?.ratio);
    expect(drift).toBeLessThan(0.8);
    expect(stay).toBeGreaterThan(0.95);
    const platform = await one<{ drifters: number; others: number }>(`
      SELECT avg(CASE WHEN t.churn_drift THEN n END) AS drifters, avg(CASE WHEN NOT t.churn_drift THEN n END) AS others FROM truth t
      LEFT JOIN (SELECT customer_id, count(*) AS n FROM raw_transaction WHERE counterparty_name IN ('余额宝', '理财通') GROUP BY 1) x ON x.customer_id = t.customer_id
      WHERE t.life_stage <> 'corporate'`);
    expect(num(platform.drifters)).toBeGreaterThan(0.5);
    const logins = await one<{ early: number; late: number }>(`
      SELECT count(*) FILTER (WHERE e.ts < DATE '2024-10-01') AS early, count(*) FILTER (WHERE e.ts >= DATE '2025-04-01') AS late
      FROM raw_event e JOIN truth t ON t.customer_id = e.customer_id WHERE t.churn_drift AND e.type = 'login'`);
    expect(num(logins.late)).toBeLessThan(num(logins.early) * 0.7);
  });

  it('has payroll customers paid monthly by their employer, and dormant and reactivated customers', async () => {
    const payroll = await count(
      "SELECT count(DISTINCT t.customer_id) AS n FROM raw_transaction t JOIN raw_customer c ON c.id = t.customer_id WHERE t.type = 'salary' AND c.kind = 'retail'",
    );
    const retail = await count("SELECT count(*) AS n FROM raw_customer WHERE kind = 'retail'");
    expect(payroll / retail).toBeGreaterThan(0.2);
    expect(payroll / retail).toBeLessThan(0.5);
    expect(
      await count(
        "SELECT count(*) AS n FROM raw_transaction WHERE type = 'salary' AND (counterparty_name IS NULL OR counterparty_account IS NULL)",
      ),
    ).toBe(0);
    expect(
      await count(
        "SELECT count(*) AS n FROM raw_customer c JOIN truth t ON t.customer_id = c.id WHERE t.dormant AND c.status <> 'dormant'",
      ),
    ).toBe(0);
    expect(await count('SELECT count(*) AS n FROM truth WHERE dormant')).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM truth WHERE reactivated')).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM truth WHERE value_growth')).toBeGreaterThan(0);
  });

  it('has life events, with home purchases financed by a new mortgage', async () => {
    const events = await wh.all<{ e: string }>(
      "SELECT DISTINCT unnest(string_split(life_events, ';')).split(':')[1] AS e FROM truth WHERE life_events IS NOT NULL",
    );
    const kinds = new Set(events.map((r) => r.e));
    for (const k of ['graduation', 'marriage', 'child', 'home_purchase', 'retirement'])
      expect(kinds.has(k), k).toBe(true);
    expect(
      await count(
        "SELECT count(*) AS n FROM raw_transaction t JOIN raw_account a ON a.id = t.account_id JOIN raw_product p ON p.id = a.product_id WHERE p.category = 'mortgage' AND t.type = 'loan_disbursement'",
      ),
    ).toBeGreaterThan(0);
  });

  it('has late loan repayments and overdue accounts', async () => {
    expect(
      await count("SELECT count(*) AS n FROM raw_transaction WHERE type = 'loan_repayment_failed'"),
    ).toBeGreaterThan(0);
    expect(await count("SELECT count(*) AS n FROM raw_account WHERE status = 'overdue'")).toBeGreaterThan(0);
  });

  it('has about 5% corporate customers, each with an entity row', async () => {
    const corporate = await count("SELECT count(*) AS n FROM raw_customer WHERE kind = 'corporate'");
    expect(corporate / CUSTOMERS).toBeGreaterThan(0.035);
    expect(corporate / CUSTOMERS).toBeLessThan(0.065);
    expect(
      await count(
        "SELECT count(*) AS n FROM raw_customer c WHERE kind = 'corporate' AND NOT EXISTS (SELECT 1 FROM raw_entity e WHERE e.customer_id = c.id AND e.kind = 'company')",
      ),
    ).toBe(0);
  });

  it('links corporate customers through supply-chain payments booked on both sides', async () => {
    const linked = await count(
      "SELECT count(*) AS n FROM raw_transaction t JOIN raw_account a ON a.id = t.counterparty_account WHERE t.type = 'corporate_payment'",
    );
    expect(linked).toBeGreaterThan(50);
    const unmatched = await count(`
      SELECT count(*) AS n FROM raw_transaction t JOIN raw_account a ON a.id = t.counterparty_account
      WHERE t.type = 'corporate_payment' AND NOT EXISTS (SELECT 1 FROM raw_transaction r WHERE r.account_id = t.counterparty_account
        AND r.counterparty_account = t.account_id AND r.amount = -t.amount AND r.ts = t.ts AND r.type = 'corporate_receipt')`);
    expect(unmatched).toBe(0);
    const withRelation = await count(`
      SELECT count(*) AS n FROM (SELECT DISTINCT t.customer_id AS buyer, a.customer_id AS supplier FROM raw_transaction t
        JOIN raw_account a ON a.id = t.counterparty_account WHERE t.type = 'corporate_payment' AND t.memo = '货款') p
      JOIN raw_entity b ON b.customer_id = p.buyer JOIN raw_entity s ON s.customer_id = p.supplier
      WHERE NOT EXISTS (SELECT 1 FROM raw_relation r WHERE r.type = 'supplier' AND r.from_id = s.id AND r.to_id = b.id)`);
    expect(withRelation).toBe(0);
  });

  it('has guarantee circles, hidden groups and negative news in the enterprise graph', async () => {
    const circles = fs
      .readFileSync(path.join(dir, '_truth', 'guarantee_circles.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(circles.length).toBeGreaterThanOrEqual(3);
    const byCircle = new Map<string, string[]>();
    for (const [id, , entity] of circles) byCircle.set(id, [...(byCircle.get(id) ?? []), entity]);
    for (const members of byCircle.values()) {
      for (let i = 0; i < members.length; i++) {
        const from = members[i];
        const to = members[(i + 1) % members.length];
        expect(
          await count(
            `SELECT count(*) AS n FROM raw_relation WHERE type = 'guarantee' AND from_id = '${from}' AND to_id = '${to}'`,
          ),
        ).toBe(1);
      }
    }
    const groups = fs
      .readFileSync(path.join(dir, '_truth', 'enterprise_groups.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    expect(groups.length).toBeGreaterThan(0);
    expect(
      await count(
        "SELECT count(*) AS n FROM raw_news WHERE sentiment = 'negative' AND entity_ids IS NOT NULL",
      ),
    ).toBeGreaterThan(0);
    expect(
      await count(
        "SELECT count(*) AS n FROM raw_relation WHERE type = 'shareholder' AND pct > 0 AND pct <= 1",
      ),
    ).toBeGreaterThan(0);
    expect(await count('SELECT count(DISTINCT type) AS n FROM raw_external_signal')).toBeGreaterThanOrEqual(
      9,
    );
  });
});

describe('determinism and formats', () => {
  it('writes byte-identical files for the same seed (with or without workers) and different ones for another seed', async () => {
    const again = path.join(root, 'again');
    await generateBank({
      customers: CUSTOMERS,
      seed: 7,
      months: MONTHS,
      outDir: again,
      asOf: AS_OF,
      progress: false,
      workers: 2,
    });
    expect(hashes(again)).toEqual(hashes(dir));
    const other = path.join(root, 'other');
    await generateBank({
      customers: 300,
      seed: 8,
      months: MONTHS,
      outDir: other,
      asOf: AS_OF,
      progress: false,
    });
    const small = path.join(root, 'small');
    await generateBank({
      customers: 300,
      seed: 7,
      months: MONTHS,
      outDir: small,
      asOf: AS_OF,
      progress: false,
    });
    expect(hashes(other)['transaction.csv']).not.toBe(hashes(small)['transaction.csv']);
  });

  it('writes Parquet files with the manifest row counts', async () => {
    const out = path.join(root, 'parquet');
    const result = await generateBank({
      customers: 300,
      seed: 3,
      months: 3,
      outDir: out,
      asOf: AS_OF,
      format: 'parquet',
      progress: false,
    });
    for (const table of CANONICAL_TABLE_NAMES) {
      expect(fs.existsSync(path.join(out, `${table}.csv`))).toBe(false);
      const n = await count(
        `SELECT count(*) AS n FROM read_parquet(${sqlString(path.join(out, `${table}.parquet`))})`,
      );
      expect(n, table).toBe(result.rows[table]);
    }
    expect(fs.existsSync(path.join(out, '_truth', 'customer_truth.csv'))).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.format).toBe('parquet');
  });

  it('rejects bad options with a clear message', async () => {
    await expect(generateBank({ customers: 0, seed: 1, months: 12, outDir: root })).rejects.toThrow(
      /customers/,
    );
    await expect(generateBank({ customers: 10, seed: 1, months: 0, outDir: root })).rejects.toThrow(/months/);
    await expect(
      generateBank({ customers: 10, seed: 1, months: 12, outDir: root, asOf: '2025-02-30' }),
    ).rejects.toThrow(/asOf/);
  });
});
