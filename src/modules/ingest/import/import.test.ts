import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { openMemoryWarehouse, openWriter, type Warehouse } from '../../../platform/warehouse/index.ts';
import { importData, type ImportReport } from './import.ts';

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-import-test-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
let dirCount = 0;

/** Writes files (text or bytes, nested paths allowed) into a fresh directory. */
function writeDir(files: Record<string, string | Buffer>): string {
  const dir = path.join(tmpRoot, `src${++dirCount}`);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const BRANCH =
  'id,parent_id,level,name,city,lat,lon\nHQ,,hq,总行,上海,31.23,121.47\nB1,HQ,branch,浦东支行,上海,31.22,121.54\n';
const STAFF = 'id,name,role,branch_id,referral_code,phone\nS1,王芳,rm,B1,RF001,\n';
const CUSTOMER =
  'id,kind,name,gender,birth_date,onboard_date,home_branch_id,rm_id,status,consent_marketing\n' +
  'C2,retail,李四,F,1990-05-06,2021-02-03,B1,,active,false\n' +
  'C1,retail,张三,M,1980-01-02,2020-01-01,B1,S1,active,true\n';
const PRODUCT =
  'id,code,name,category,risk_level,min_amount,term_days,rate\nP1,CUR,活期存款,current,R1,0,,0.0035\n';
const ACCOUNT =
  'id,customer_id,product_id,opened,closed,status,balance,credit_limit,maturity_date\n' +
  'A1,C1,P1,2020-01-01,,active,1000.50,,\nA2,C2,P1,2021-02-03,,active,20.00,,\n';
const TXN_HEADER =
  'id,account_id,customer_id,ts,amount,channel,type,counterparty_name,counterparty_account,counterparty_bank,mcc,memo\n';
const TXN =
  TXN_HEADER +
  'T1,A1,C1,2024-01-01 10:00:00,-12.50,pos,card_spending,"超市, 浦东",,,5411,\nT2,A2,C2,2024-01-02 11:00:00,5000.00,system,salary,,,,,工资\n';
const BANK = {
  'branch.csv': BRANCH,
  'staff.csv': STAFF,
  'customer.csv': CUSTOMER,
  'product.csv': PRODUCT,
  'account.csv': ACCOUNT,
  'transaction.csv': TXN,
};

async function run(warehouse: Warehouse, source: string, mappingFile?: string): Promise<ImportReport> {
  return importData({ warehouse, source, mappingFile, rejectsDir: path.join(tmpRoot, 'rejects') });
}

async function count(warehouse: Warehouse, table: string): Promise<number> {
  const [{ n }] = await warehouse.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(n);
}

function entry(report: ImportReport, table: string) {
  const found = report.tables.find((t) => t.table === table);
  if (!found) throw new Error(`no report for ${table}`);
  return found;
}

describe('importData: canonical files', () => {
  it('imports a generator-style directory, ignoring manifest.json and _truth/', async () => {
    const w = await openMemoryWarehouse();
    const dir = writeDir({ ...BANK, 'manifest.json': '{"seed":1}', '_truth/labels.csv': 'x\n1\n' });
    const report = await run(w, dir);
    expect(report.tables.map((t) => [t.table, t.rows, t.inserted, t.rejected])).toEqual([
      ['branch', 2, 2, 0],
      ['staff', 1, 1, 0],
      ['customer', 2, 2, 0],
      ['product', 1, 1, 0],
      ['account', 2, 2, 0],
      ['transaction', 2, 2, 0],
    ]);
    expect(report.warnings).toEqual([]);
    expect(report.errors.total).toBe(0);
    expect(report.rejectsFiles).toEqual([]);
    const [t1] = await w.all<{ amount: number; ts: Date; counterparty_name: string; memo: string | null }>(
      `SELECT amount, ts, counterparty_name, memo FROM raw_transaction WHERE id = 'T1'`,
    );
    expect(t1).toEqual({
      amount: -12.5,
      ts: new Date('2024-01-01T10:00:00Z'),
      counterparty_name: '超市, 浦东',
      memo: null,
    });
    // cnos are dense, in id order.
    expect(await w.all(`SELECT id, cno FROM raw_customer ORDER BY id`)).toEqual([
      { id: 'C1', cno: 1 },
      { id: 'C2', cno: 2 },
    ]);
    const [c1] = await w.all(`SELECT consent_marketing, rm_id, birth_date FROM raw_customer WHERE id = 'C1'`);
    expect(c1).toEqual({
      consent_marketing: true,
      rm_id: 'S1',
      birth_date: new Date('1980-01-02T00:00:00Z'),
    });
  });

  it('is idempotent: the same data again changes nothing; changes update, new keys insert', async () => {
    const w = await openMemoryWarehouse();
    const dir = writeDir(BANK);
    await run(w, dir);
    const again = await run(w, dir);
    for (const t of again.tables)
      expect([t.table, t.inserted, t.updated, t.unchanged]).toEqual([t.table, 0, 0, t.rows]);
    expect(await count(w, 'raw_transaction')).toBe(2);

    const changed = writeDir({
      'customer.csv':
        CUSTOMER.replace('李四', '李四四') + 'C0,retail,新客,F,2000-01-01,2024-01-01,B1,,active,\n',
      'account.csv': ACCOUNT.replace('1000.50', '999.99'),
    });
    const third = await run(w, changed);
    expect(entry(third, 'customer')).toMatchObject({ inserted: 1, updated: 1, unchanged: 1 });
    expect(entry(third, 'account')).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    expect(await count(w, 'raw_customer')).toBe(3);
    expect(await count(w, 'raw_account')).toBe(2);
    // Existing customers keep their numbers; the new one continues from the maximum.
    expect(await w.all(`SELECT id, cno, name FROM raw_customer ORDER BY cno`)).toEqual([
      { id: 'C1', cno: 1, name: '张三' },
      { id: 'C2', cno: 2, name: '李四四' },
      { id: 'C0', cno: 3, name: '新客' },
    ]);
    const [{ balance }] = await w.all<{ balance: number }>(`SELECT balance FROM raw_account WHERE id = 'A1'`);
    expect(balance).toBe(999.99);
  });

  it('keeps cnos given in the file and rejects one that belongs to another customer', async () => {
    const w = await openMemoryWarehouse();
    await run(w, writeDir({ 'branch.csv': BRANCH }));
    const header = 'id,cno,kind,name,onboard_date,home_branch_id,status\n';
    await run(
      w,
      writeDir({
        'customer.csv':
          header + 'X1,100,retail,甲,2020-01-01,B1,active\nX2,,retail,乙,2020-01-01,B1,active\n',
      }),
    );
    expect(await w.all(`SELECT id, cno FROM raw_customer ORDER BY id`)).toEqual([
      { id: 'X1', cno: 100 },
      { id: 'X2', cno: 101 },
    ]);
    const report = await run(
      w,
      writeDir({
        'customer.csv':
          header +
          'X3,101,retail,丙,2020-01-01,B1,active\nX4,7,retail,丁,2020-01-01,B1,active\nX5,7,retail,戊,2020-01-01,B1,active\n',
      }),
    );
    expect(report.errors.examples.map((e) => [e.row, e.column, e.value, e.reason])).toEqual(
      expect.arrayContaining([
        [1, 'cno', '101', 'duplicate_value'],
        [3, 'cno', '7', 'duplicate_value'],
      ]),
    );
    expect(entry(report, 'customer')).toMatchObject({ inserted: 1, rejected: 2 });
  });

  it('rejects bad rows with file, row, column, value and reason, and loads the good ones', async () => {
    const w = await openMemoryWarehouse();
    await run(w, writeDir(BANK));
    const dir = writeDir({
      'transaction.csv':
        TXN_HEADER +
        'T10,A1,C1,2024-02-01 09:00:00,1.00,mobile,transfer_in,,,,,ok\n' + // row 1: good
        ',A1,C1,2024-02-01 09:00:00,1.00,mobile,transfer_in,,,,,\n' + // row 2: id missing
        'T12,A1,C1,2024-02-30 09:00:00,1.00,mobile,transfer_in,,,,,\n' + // row 3: no such day
        'T13,A1,C1,2024-02-01 09:00:00,12abc,mobile,transfer_in,,,,,\n' + // row 4: amount not a number
        'T14,A1,C1,2024-02-01 09:00:00,1.00,carrier_pigeon,transfer_in,,,,,\n' + // row 5: channel not allowed
        'T15,A9,C1,2024-02-01 09:00:00,1.00,mobile,transfer_in,,,,,\n' + // row 6: unknown account
        'T10,A1,C1,2024-02-01 09:00:00,2.00,mobile,transfer_in,,,,,\n' + // row 7: duplicate of row 1
        'T17,A1,C1,2024-02-01 09:00:00\n' + // row 8: too few columns
        'T18,A2,C2,2024-02-02 09:00:00,-3.00,atm,cash_withdrawal,,,,,good too\n', // row 9: good
    });
    const report = await run(w, dir);
    expect(entry(report, 'transaction')).toMatchObject({ rows: 9, inserted: 2, rejected: 7 });
    expect(report.errors.rejectedRows).toBe(7);
    expect(await w.all(`SELECT id FROM raw_transaction WHERE id IN ('T10', 'T18') ORDER BY id`)).toEqual([
      { id: 'T10' },
      { id: 'T18' },
    ]);
    const [{ amount }] = await w.all<{ amount: number }>(
      `SELECT amount FROM raw_transaction WHERE id = 'T10'`,
    );
    expect(amount).toBe(1);

    expect(report.rejectsFiles).toHaveLength(1);
    expect(report.rejectsFiles[0]).toMatch(
      /rejects[/\\]\d{8}T\d{6}Z(-\d+)?[/\\]transaction\.csv\.rejects\.csv$/,
    );
    const lines = fs.readFileSync(report.rejectsFiles[0], 'utf8').trim().split('\n');
    expect(lines[0]).toBe('file,row,column,field,value,reason,message');
    const rows = lines.slice(1).map((l) => l.split(','));
    const byRow = (row: number) => rows.find((r) => r[1] === String(row))!;
    expect(byRow(2).slice(0, 6)).toEqual(['transaction.csv', '2', 'id', 'id', '', 'missing_required']);
    expect(byRow(3).slice(0, 6)).toEqual([
      'transaction.csv',
      '3',
      'ts',
      'ts',
      '2024-02-30 09:00:00',
      'invalid_type',
    ]);
    expect(byRow(4).slice(0, 6)).toEqual([
      'transaction.csv',
      '4',
      'amount',
      'amount',
      '12abc',
      'invalid_type',
    ]);
    expect(byRow(5).slice(0, 6)).toEqual([
      'transaction.csv',
      '5',
      'channel',
      'channel',
      'carrier_pigeon',
      'invalid_value',
    ]);
    expect(byRow(6).slice(0, 6)).toEqual([
      'transaction.csv',
      '6',
      'account_id',
      'account_id',
      'A9',
      'unknown_reference',
    ]);
    expect(byRow(7).slice(0, 6)).toEqual(['transaction.csv', '7', 'id', 'id', 'T10', 'duplicate_key']);
    expect(lines.find((l) => l.includes(',7,id,'))).toContain('first at row 1');
    expect(byRow(8)[0]).toBe('transaction.csv');
    expect(lines.find((l) => l.startsWith('transaction.csv,8,'))).toMatch(
      /T17,A1,C1,2024-02-01 09:00:00.*malformed_row/,
    );

    const reasons = Object.fromEntries(
      report.errors.byReason.map((g) => [`${g.reason}:${g.column}`, g.count]),
    );
    expect(reasons).toEqual({
      'missing_required:id': 1,
      'invalid_type:ts': 1,
      'invalid_type:amount': 1,
      'invalid_value:channel': 1,
      'unknown_reference:account_id': 1,
      'duplicate_key:id': 1,
      'malformed_row:amount': 1,
    });
    expect(report.errors.examples.length).toBe(7);
    expect(report.errors.examples.find((e) => e.reason === 'invalid_value')).toEqual({
      file: 'transaction.csv',
      row: 5,
      column: 'channel',
      field: 'channel',
      value: 'carrier_pigeon',
      reason: 'invalid_value',
      message: 'not one of: counter, atm, mobile, online, pos, wechat_pay, alipay, system',
    });
  });

  it('rejects rows referencing rows that were themselves rejected in the same import', async () => {
    const w = await openMemoryWarehouse();
    const dir = writeDir({
      ...BANK,
      'account.csv': ACCOUNT.replace(
        'A2,C2,P1,2021-02-03,,active,20.00',
        'A2,C2,P1,2021-02-03,,active,twenty',
      ),
    });
    const report = await run(w, dir);
    expect(entry(report, 'account')).toMatchObject({ inserted: 1, rejected: 1 });
    expect(entry(report, 'transaction')).toMatchObject({ inserted: 1, rejected: 1 });
    const err = report.errors.examples.find((e) => e.reason === 'unknown_reference')!;
    expect(err).toMatchObject({ file: 'transaction.csv', row: 2, column: 'account_id', value: 'A2' });
    expect(err.message).toMatch(/no account with id A2/);
  });

  it('numbers rows after malformed lines and blank lines as the source rows', async () => {
    const w = await openMemoryWarehouse();
    await run(w, writeDir(BANK));
    const report = await run(
      w,
      writeDir({
        'transaction.csv':
          TXN_HEADER +
          'T20,A1,C1,2024-03-01 00:00:00,1,atm,fee,,,,,\n' +
          'broken line\n' +
          'T21,A1,C1,2024-03-01 00:00:00,1,atm,fee,,,,,\n' +
          'T22,A1,C1,2024-03-01 00:00:00,x,atm,fee,,,,,\n',
      }),
    );
    expect(report.errors.examples.map((e) => [e.row, e.reason])).toEqual(
      expect.arrayContaining([
        [2, 'malformed_row'],
        [4, 'invalid_type'],
      ]),
    );
  });
});

describe('importData: formats and encodings', () => {
  async function importCustomers(files: Record<string, string | Buffer>, mapping?: string) {
    const w = await openMemoryWarehouse();
    await run(w, writeDir({ 'branch.csv': BRANCH, 'staff.csv': STAFF }));
    const dir = writeDir(files);
    const mappingFile = mapping ? path.join(dir, 'mapping.yaml') : undefined;
    if (mapping) fs.writeFileSync(mappingFile!, mapping);
    const report = await run(w, mapping ? path.join(dir, Object.keys(files)[0]) : dir, mappingFile);
    const rows = await w.all<{ id: string; name: string; birth_date: Date | null }>(
      `SELECT id, name, birth_date FROM raw_customer ORDER BY id`,
    );
    return { report, rows };
  }
  const expected = [
    { id: 'C1', name: '张三', birth_date: new Date('1980-01-02T00:00:00Z') },
    { id: 'C2', name: '李四', birth_date: new Date('1990-05-06T00:00:00Z') },
  ];

  it.each([
    ['semicolon', ';'],
    ['tab', '\t'],
    ['pipe', '|'],
  ])('sniffs a %s delimiter', async (_name, delimiter) => {
    const { report, rows } = await importCustomers({ 'customer.csv': CUSTOMER.replaceAll(',', delimiter) });
    expect(rows).toEqual(expected);
    expect(entry(report, 'customer').detected).toBe(
      `utf-8, ${delimiter === '\t' ? 'tab' : delimiter}-separated`,
    );
  });

  it('reads a .tsv with quoted fields and a UTF-8 BOM', async () => {
    const { rows } = await importCustomers({
      'customer.tsv': '\ufeff' + CUSTOMER.replaceAll(',', '\t').replace('张三', '"张三"'),
    });
    expect(rows).toEqual(expected);
  });

  it('detects GBK and transcodes it', async () => {
    const { report, rows } = await importCustomers({ 'customer.csv': iconv.encode(CUSTOMER, 'gbk') });
    expect(rows).toEqual(expected);
    expect(entry(report, 'customer').detected).toBe('gb18030, ,-separated');
  });

  it('reads CRLF line endings', async () => {
    const { rows } = await importCustomers({ 'customer.csv': CUSTOMER.replaceAll('\n', '\r\n') });
    expect(rows).toEqual(expected);
  });

  it('skips title lines before the header (skip_rows) and numbers rows after it', async () => {
    const mapping = `
files:
  - file: 报表.csv
    table: customer
    skip_rows: 2
    fields: { id: 客户号, name: 姓名, kind: { constant: retail }, onboard_date: { from: 开户日, format: '%Y年%m月%d日' },
              home_branch_id: { constant: B1 }, status: { constant: active } }`;
    const source =
      '客户信息表\n导出时间：2024-07-01\n客户号,姓名,开户日\nK1,孙八,2020年1月2日\nK2,周九,2020-01-02\n';
    const { report, rows } = await importCustomers({ '报表.csv': source }, mapping);
    expect(rows.map((r) => r.id)).toEqual(['K1']);
    expect(report.errors.examples).toEqual([
      expect.objectContaining({
        file: '报表.csv',
        row: 2,
        column: '开户日',
        value: '2020-01-02',
        reason: 'invalid_type',
      }),
    ]);
  });

  it('detects UTF-16 by its BOM (Excel "Unicode text")', async () => {
    const text = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode(CUSTOMER.replaceAll(',', '\t'), 'utf-16le'),
    ]);
    const { report, rows } = await importCustomers({ 'customer.txt': text });
    expect(rows).toEqual(expected);
    expect(entry(report, 'customer').detected).toBe('utf-16le, tab-separated');
  });

  it('takes the encoding from the mapping', async () => {
    const mapping = `
files:
  - file: 客户.csv
    table: customer
    encoding: gbk
    delimiter: tab
    fields: { id: 客户号, name: 姓名, kind: { constant: retail }, onboard_date: { constant: 2020-01-01 },
              home_branch_id: { constant: B1 }, status: { constant: active } }`;
    const source = '客户号\t姓名\nG1\t赵六\nG2\t钱七\n';
    const { rows } = await importCustomers({ '客户.csv': iconv.encode(source, 'gbk') }, mapping);
    expect(rows.map((r) => [r.id, r.name])).toEqual([
      ['G1', '赵六'],
      ['G2', '钱七'],
    ]);
  });

  it('reads .csv.gz, UTF-8 and GBK', async () => {
    expect((await importCustomers({ 'customer.csv.gz': zlib.gzipSync(CUSTOMER) })).rows).toEqual(expected);
    expect(
      (await importCustomers({ 'customer.csv.gz': zlib.gzipSync(iconv.encode(CUSTOMER, 'gbk')) })).rows,
    ).toEqual(expected);
  });

  it('reads Parquet', async () => {
    const dir = writeDir({});
    fs.mkdirSync(dir, { recursive: true });
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    await c.run(`COPY (SELECT 'C1' AS id, 'retail' AS kind, '张三' AS name, DATE '1980-01-02' AS birth_date, DATE '2020-01-01' AS onboard_date,
                         'B1' AS home_branch_id, 'active' AS status, 12 AS employees
                  UNION ALL SELECT 'C2', 'retail', '李四', DATE '1990-05-06', DATE '2021-02-03', 'B1', 'active', NULL)
                 TO '${path.join(dir, 'customer.parquet')}' (FORMAT parquet)`);
    c.closeSync();
    instance.closeSync();
    const w = await openMemoryWarehouse();
    await run(w, writeDir({ 'branch.csv': BRANCH }));
    const report = await run(w, dir);
    expect(entry(report, 'customer')).toMatchObject({ rows: 2, inserted: 2, detected: 'parquet' });
    expect(await w.all(`SELECT id, name, birth_date, employees FROM raw_customer ORDER BY id`)).toEqual([
      { ...expected[0], employees: 12 },
      { ...expected[1], employees: null },
    ]);
  });

  it('reads .xlsx with the streaming reader, numbering rows as in the sheet', async () => {
    const dir = writeDir({});
    fs.mkdirSync(dir, { recursive: true });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow([
      'id',
      'kind',
      'name',
      'birth_date',
      'onboard_date',
      'home_branch_id',
      'status',
      'employees',
    ]);
    sheet.addRow([
      'C1',
      'retail',
      '张三',
      new Date(Date.UTC(1980, 0, 2)),
      new Date(Date.UTC(2020, 0, 1)),
      'B1',
      'active',
      12,
    ]);
    sheet.addRow([]);
    sheet.addRow([
      'C2',
      'retail',
      '李四',
      new Date(Date.UTC(1990, 4, 6)),
      '2021-02-03',
      'B1',
      'active',
      null,
    ]);
    sheet.addRow(['C3', 'retail', '王五', 'yesterday', '2021-02-03', 'B1', 'active', 3]);
    await workbook.xlsx.writeFile(path.join(dir, 'customer.xlsx'));
    const w = await openMemoryWarehouse();
    await run(w, writeDir({ 'branch.csv': BRANCH }));
    const report = await run(w, dir);
    expect(entry(report, 'customer')).toMatchObject({
      rows: 3,
      inserted: 2,
      rejected: 1,
      detected: 'xlsx sheet 客户',
    });
    expect(await w.all(`SELECT id, name, birth_date, employees FROM raw_customer ORDER BY id`)).toEqual([
      { ...expected[0], employees: 12 },
      { ...expected[1], employees: null },
    ]);
    // Sheet row 5 is data row 4: the empty sheet row 3 still counts.
    expect(report.errors.examples).toEqual([
      expect.objectContaining({
        file: 'customer.xlsx',
        row: 4,
        column: 'birth_date',
        value: 'yesterday',
        reason: 'invalid_type',
      }),
    ]);
  });

  it('reads a directory of part files, naming the part in errors', async () => {
    const w = await openMemoryWarehouse();
    await run(w, writeDir(BANK));
    const report = await run(
      w,
      writeDir({
        'transaction/part-0001.csv':
          TXN_HEADER +
          'T30,A1,C1,2024-03-01 00:00:00,1,atm,fee,,,,,\nT31,A1,C1,2024-03-01 00:00:00,1,atm,fee,,,,,\n',
        'transaction/part-0002.csv.gz': zlib.gzipSync(
          TXN_HEADER +
            'T32,A1,C1,2024-03-01 00:00:00,1,atm,fee,,,,,\nT33,A1,C1,2024-03-01 00:00:00,1,teleport,fee,,,,,\nT30,A1,C1,2024-03-01 00:00:00,1,atm,fee,,,,,\n',
        ),
        'transaction/_SUCCESS': '',
      }),
    );
    expect(entry(report, 'transaction')).toMatchObject({
      file: 'transaction/',
      rows: 5,
      inserted: 3,
      rejected: 2,
    });
    expect(report.errors.examples.map((e) => [e.file, e.row, e.reason, e.message])).toEqual(
      expect.arrayContaining([
        ['transaction/part-0002.csv.gz', 2, 'invalid_value', expect.stringContaining('not one of')],
        [
          'transaction/part-0002.csv.gz',
          3,
          'duplicate_key',
          'duplicate key id=T30; first at row 1 of transaction/part-0001.csv',
        ],
      ]),
    );
  });

  it('fails with a clear message for a file that is not a table and no mapping', async () => {
    const w = await openMemoryWarehouse();
    const dir = writeDir({ 'Churn.csv': 'a,b\n1,2\n' });
    await expect(run(w, path.join(dir, 'Churn.csv'))).rejects.toThrow(
      /Churn\.csv: cannot tell which table this is.*--mapping/,
    );
  });
});

describe('importData: mappings', () => {
  const SOURCE =
    '客户号,姓名,类型,性别,生日,年龄,开户日期,注册资本(万元),余额(分),等级,是否贵宾,备注\n' +
    '1001,张三,个人,男,1980/01/02,,20200101,,123456,白金,是,\n' +
    '1002,李四,,女,,30,20210203,,99,普通,否,新客\n' +
    '1003,华为,企业,,,,20190101,12.5,0,钻石,N/A,\n' +
    '1004,赵六,个人,未知,1970/07/07,,20200101,,100,黑金,是,\n' +
    '1005,钱七,个人,女,07.07.1970,,2020-01-01,,100,普通,否,\n';
  const MAPPING = `
as_of: 2024-06-30
rows:
  branch:
    - { id: M-HQ, level: hq, name: 总行 }
files:
  - file: 客户*.csv
    table: customer
    null_values: ['N/A']
    fields:
      id: { from: 客户号, prefix: M- }
      kind: { from: 类型, map: { 个人: retail, 企业: corporate }, unmapped: reject, default: retail }
      name: 姓名
      gender: { from: 性别, map: gender }
      birth_date: { from: 生日, format: ['%Y/%m/%d', '%Y-%m-%d'] }
      onboard_date: { from: 开户日期, format: ['%Y%m%d', '%Y-%m-%d'] }
      registered_capital: { from: 注册资本(万元), unit: 万元 }
      home_branch_id: { constant: M-HQ }
      status: { constant: active }
    custom:
      balance: { from: 余额(分), type: money, unit: 分 }
      tier: { from: 等级, map: { 普通: standard, 白金: platinum, 钻石: diamond }, unmapped: reject }
      vip: { from: 是否贵宾, type: boolean, map: boolean }
      note: 备注
      age: { from: 年龄, type: integer }
    ignore: [年龄]
`;

  it('applies value maps, date formats, units, constants, constant rows and custom attributes', async () => {
    const w = await openMemoryWarehouse();
    const dir = writeDir({ '客户2024.csv': SOURCE, 'mapping.yaml': MAPPING });
    const report = await run(w, dir, path.join(dir, 'mapping.yaml'));
    expect(entry(report, 'branch')).toMatchObject({ file: 'mapping.yaml#rows.branch', inserted: 1 });
    expect(entry(report, 'customer')).toMatchObject({ rows: 5, inserted: 3, rejected: 2 });
    const customers = await w.all(
      `SELECT id, kind, name, gender, birth_date, onboard_date, registered_capital, home_branch_id FROM raw_customer ORDER BY id`,
    );
    expect(customers).toEqual([
      {
        id: 'M-1001',
        kind: 'retail',
        name: '张三',
        gender: 'M',
        birth_date: new Date('1980-01-02T00:00:00Z'),
        onboard_date: new Date('2020-01-01T00:00:00Z'),
        registered_capital: null,
        home_branch_id: 'M-HQ',
      },
      {
        id: 'M-1002',
        kind: 'retail',
        name: '李四',
        gender: 'F',
        birth_date: null,
        onboard_date: new Date('2021-02-03T00:00:00Z'),
        registered_capital: null,
        home_branch_id: 'M-HQ',
      },
      {
        id: 'M-1003',
        kind: 'corporate',
        name: '华为',
        gender: null,
        birth_date: null,
        onboard_date: new Date('2019-01-01T00:00:00Z'),
        registered_capital: 125000,
        home_branch_id: 'M-HQ',
      },
    ]);
    const attributes = await w.all(
      `SELECT customer_id, name, value FROM raw_custom_attribute ORDER BY customer_id, name`,
    );
    expect(attributes).toEqual([
      { customer_id: 'M-1001', name: 'balance', value: '1234.56' },
      { customer_id: 'M-1001', name: 'tier', value: 'platinum' },
      { customer_id: 'M-1001', name: 'vip', value: 'true' },
      { customer_id: 'M-1002', name: 'age', value: '30' },
      { customer_id: 'M-1002', name: 'balance', value: '0.99' },
      { customer_id: 'M-1002', name: 'note', value: '新客' },
      { customer_id: 'M-1002', name: 'tier', value: 'standard' },
      { customer_id: 'M-1002', name: 'vip', value: 'false' },
      { customer_id: 'M-1003', name: 'balance', value: '0.00' },
      { customer_id: 'M-1003', name: 'tier', value: 'diamond' },
    ]);
    const errors = report.errors.examples.map((e) => [e.file, e.row, e.column, e.field, e.value, e.reason]);
    expect(errors).toEqual(
      expect.arrayContaining([
        ['客户2024.csv', 4, '性别', 'gender', '未知', 'invalid_value'],
        ['客户2024.csv', 4, '等级', 'tier', '黑金', 'invalid_value'],
        ['客户2024.csv', 5, '生日', 'birth_date', '07.07.1970', 'invalid_type'],
      ]),
    );
    expect(report.warnings).toEqual([]);

    // The same data again: nothing changes, custom attributes included.
    const again = await run(w, dir, path.join(dir, 'mapping.yaml'));
    expect(entry(again, 'customer')).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(entry(again, 'custom_attribute')).toMatchObject({ inserted: 0, updated: 0, unchanged: 10 });
    // A changed and a cleared attribute are updates; the cleared one is removed.
    const changed = writeDir({
      '客户2024.csv': SOURCE.replace('新客', '').replace('123456', '200000'),
      'mapping.yaml': MAPPING,
    });
    const third = await run(w, changed, path.join(changed, 'mapping.yaml'));
    expect(entry(third, 'custom_attribute')).toMatchObject({ inserted: 0, updated: 2, unchanged: 8 });
    expect(
      await w.all(`SELECT value FROM raw_custom_attribute WHERE customer_id = 'M-1001' AND name = 'balance'`),
    ).toEqual([{ value: '2000.00' }]);
    expect(await count(w, `raw_custom_attribute WHERE name = 'note'`)).toBe(0);
  });

  it('derives dates from ages and makes ids from row numbers', async () => {
    const w = await openMemoryWarehouse();
    const dir = writeDir({
      'people.csv': 'age;job\n42;teacher\n30.5;unknown\nold;nurse\n',
      'm.yaml': `
as_of: 2024-06-30
null_values: [unknown]
rows: { branch: [{ id: P-HQ, level: hq, name: HQ }] }
files:
  - file: people.csv
    table: customer
    fields:
      id: { row_number: true, prefix: P-, pad: 3 }
      name: { row_number: true, prefix: 'Person ' }
      kind: { constant: retail }
      birth_date: { from: age, derive: years_ago }
      occupation: job
      onboard_date: { constant: 2024-01-01 }
      home_branch_id: { constant: P-HQ }
      status: { constant: active }
`,
    });
    const report = await run(w, path.join(dir, 'people.csv'), path.join(dir, 'm.yaml'));
    expect(await w.all(`SELECT id, name, birth_date, occupation FROM raw_customer ORDER BY id`)).toEqual([
      { id: 'P-001', name: 'Person 1', birth_date: new Date('1982-06-30T00:00:00Z'), occupation: 'teacher' },
      { id: 'P-002', name: 'Person 2', birth_date: new Date('1993-12-30T00:00:00Z'), occupation: null },
    ]);
    expect(report.errors.examples).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'age',
        field: 'birth_date',
        value: 'old',
        reason: 'invalid_type',
      }),
    ]);
  });

  it('fails, naming the mapping key, when a mapped column is not in the file', async () => {
    const w = await openMemoryWarehouse();
    const dir = writeDir({ '客户.csv': SOURCE, 'mapping.yaml': MAPPING.replace('name: 姓名', 'name: 名字') });
    await expect(run(w, dir, path.join(dir, 'mapping.yaml'))).rejects.toThrow(
      /files\[0\]\.fields\.name\.from: no column 名字 in 客户\.csv/,
    );
    expect(await count(w, 'raw_branch')).toBe(0);
  });
});

describe('importData: atomicity', () => {
  it('a failing import leaves the previous warehouse intact', async () => {
    const dataDir = path.join(tmpRoot, 'atomic');
    let w = await openWriter(dataDir);
    await run(w, writeDir(BANK));
    const before = await w.all(`SELECT * FROM raw_account ORDER BY id`);

    // A structural problem in a later file: nothing of the earlier files may load either.
    const broken = writeDir({
      'branch.csv': BRANCH + 'B2,HQ,branch,新支行,上海,,\n',
      'account.csv': ACCOUNT.replace('1000.50', '1.00'),
      'transaction.csv': 'id,amount\nT9,1\n',
    });
    await expect(run(w, broken)).rejects.toThrow(/transaction\.csv: missing required column account_id/);

    // A failure in the middle of merging (after branch and account were merged in the transaction).
    await expect(
      importData({
        warehouse: w,
        source: writeDir({
          'branch.csv': BRANCH + 'B3,HQ,branch,又一支行,上海,,\n',
          'account.csv': ACCOUNT.replace('1000.50', '2.00'),
        }),
        rejectsDir: path.join(tmpRoot, 'rejects'),
        onStep: (s) => {
          if (s.step === 'merged' && s.table === 'account') throw new Error('disk on fire');
        },
      }),
    ).rejects.toThrow('disk on fire');
    w.close();

    w = await openWriter(dataDir);
    expect(await w.all(`SELECT * FROM raw_account ORDER BY id`)).toEqual(before);
    expect(await w.all(`SELECT id FROM raw_branch ORDER BY id`)).toEqual([{ id: 'B1' }, { id: 'HQ' }]);
    expect(await w.all(`SELECT table_name FROM duckdb_tables() WHERE temporary`)).toEqual([]);
    w.close();
  });
});
