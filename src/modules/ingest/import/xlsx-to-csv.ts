import fs from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { ValidationError } from '../../../platform/errors.ts';

/** What `xlsxToCsv` wrote. */
export interface XlsxConversion {
  /** Header cells of the sheet, in column order. */
  header: string[];
  /** Data rows written (rows whose cells are all empty are left out). */
  rows: number;
  sheet: string;
}

/**
 * Streams one sheet of an .xlsx workbook into a UTF-8 CSV with the exceljs streaming reader. The
 * CSV's first column is the data row number in the sheet (1 = the row under the header), so
 * errors can name rows as the user sees them even though empty rows are left out.
 */
export async function xlsxToCsv(
  file: string,
  target: string,
  options: { sheet?: string; skipRows?: number },
): Promise<XlsxConversion> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const out = fs.createWriteStream(target, { encoding: 'utf8' });
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  const seen: string[] = [];
  let header: string[] | null = null;
  let headerRow = 0;
  let rows = 0;
  let sheetName: string | null = null;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name: string }).name;
      seen.push(name);
      if (sheetName !== null || (options.sheet !== undefined && name !== options.sheet)) {
        // Sheets must be drained for the reader to move on.
        for await (const _row of worksheet) void _row;
        continue;
      }
      sheetName = name;
      for await (const row of worksheet) {
        if (row.number <= (options.skipRows ?? 0)) continue;
        const cells = rowCells(row);
        if (header === null) {
          header = cells.map((c) => c ?? '');
          headerRow = row.number;
          await write(['_row', ...header.map((_, i) => `c${i}`)].join(',') + '\n');
          continue;
        }
        if (cells.every((c) => c === null || c === '')) continue;
        const fields = header.map((_, i) => csvField(cells[i] ?? null));
        await write(`${row.number - headerRow},${fields.join(',')}\n`);
        rows++;
      }
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  if (sheetName === null) {
    throw new ValidationError(
      options.sheet !== undefined
        ? `${file}: no sheet named ${options.sheet} (sheets: ${seen.join(', ')})`
        : `${file}: the workbook has no sheets`,
    );
  }
  if (header === null) throw new ValidationError(`${file}: sheet ${sheetName} has no header row`);
  return { header, rows, sheet: sheetName };
}

function rowCells(row: ExcelJS.Row): (string | null)[] {
  const values = row.values as unknown[];
  const cells: (string | null)[] = [];
  for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
  return cells;
}

function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return formatDate(value);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error !== undefined) return null;
  }
  return String(value);
}

/** Excel dates carry no zone; exceljs gives them as UTC instants of the shown wall time. */
function formatDate(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) || value.trim() !== value ? `"${value.replaceAll('"', '""')}"` : value;
}
