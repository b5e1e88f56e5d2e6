// Segment member export as CSV (UTF-8 with BOM, so Excel shows Chinese) or xlsx (exceljs streaming
// writer), produced batch by batch so a large segment never sits in memory as one file.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CustomerListItem } from '../customers/index.ts';

/** Export file formats. */
export type ExportFormat = 'csv' | 'xlsx';

/** Content types of the formats. */
export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The exported columns: header (zh / en) and how to read the value; identifiers are the masked ones. */
export const EXPORT_COLUMNS: {
  zh: string;
  en: string;
  value: (c: CustomerListItem) => string | number | null;
}[] = [
  { zh: '客户号', en: 'Customer ID', value: (c) => c.id },
  { zh: '姓名/名称', en: 'Name', value: (c) => c.name },
  { zh: '客户类型', en: 'Kind', value: (c) => c.kind },
  { zh: '性别', en: 'Gender', value: (c) => c.gender },
  { zh: '年龄', en: 'Age', value: (c) => c.age },
  { zh: '证件号码(脱敏)', en: 'ID number (masked)', value: (c) => c.idNumberMasked },
  { zh: '手机号(脱敏)', en: 'Phone (masked)', value: (c) => c.phoneMasked },
  { zh: '城市', en: 'City', value: (c) => c.city },
  { zh: '归属机构', en: 'Home branch', value: (c) => c.homeBranchName },
  { zh: '客户经理', en: 'RM', value: (c) => c.rmName },
  { zh: '状态', en: 'Status', value: (c) => c.status },
  { zh: '资产(元)', en: 'AUM (yuan)', value: (c) => c.aum },
  { zh: '统一社会信用代码', en: 'USCC', value: (c) => c.uscc },
  { zh: '行业', en: 'Industry', value: (c) => c.industry },
];

const BOM = '\uFEFF';

/**
 * One CSV field: quoted when needed; text that a spreadsheet would run as a formula (=, +, -, @,
 * tab, CR at the start) gets a leading apostrophe (CSV injection).
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const headerLabel = (c: (typeof EXPORT_COLUMNS)[number]) => `${c.zh} ${c.en}`;

async function* csvChunks(batches: AsyncIterable<CustomerListItem[]>, counted: (n: number) => void) {
  yield `${BOM}${EXPORT_COLUMNS.map((c) => csvField(headerLabel(c))).join(',')}\r\n`;
  for await (const batch of batches) {
    let text = '';
    for (const row of batch) text += `${EXPORT_COLUMNS.map((c) => csvField(c.value(row))).join(',')}\r\n`;
    counted(batch.length);
    yield text;
  }
}

async function writeXlsx(
  out: PassThrough,
  batches: AsyncIterable<CustomerListItem[]>,
  sheetName: string,
  counted: (n: number) => void,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  // Sheet names: at most 31 characters, none of : \ / ? * [ ].
  const sheet = workbook.addWorksheet(sheetName.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'members');
  sheet.columns = EXPORT_COLUMNS.map((c) => ({
    header: headerLabel(c),
    width: Math.max(12, c.en.length + 6),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const batch of batches) {
    for (const row of batch) sheet.addRow(EXPORT_COLUMNS.map((c) => c.value(row))).commit();
    counted(batch.length);
  }
  sheet.commit();
  await workbook.commit();
}

/**
 * A readable file of the members given batch by batch; `onDone(rows)` runs once the last byte
 * was produced, `onError` if reading or writing failed (the stream is destroyed with the error).
 */
export function exportStream(
  format: ExportFormat,
  batches: AsyncIterable<CustomerListItem[]>,
  options: { sheetName: string; onDone: (rows: number) => void; onError?: (error: unknown) => void },
): Readable {
  let rows = 0;
  const counted = (n: number) => {
    rows += n;
  };
  if (format === 'csv') {
    const stream = Readable.from(csvChunks(batches, counted), { objectMode: false });
    stream.on('end', () => options.onDone(rows));
    stream.on('error', (error) => options.onError?.(error));
    return stream;
  }
  const out = new PassThrough();
  writeXlsx(out, batches, options.sheetName, counted).then(
    () => options.onDone(rows),
    (error: unknown) => {
      options.onError?.(error);
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    },
  );
  return out;
}
