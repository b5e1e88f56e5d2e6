import path from 'node:path';
import { ValidationError } from '../../../platform/errors.ts';
import type { Warehouse } from '../../../platform/warehouse/index.ts';
import { parseCsvRecords, skipLines, sniffDelimiter } from './csv-sniff.ts';
import type { ConstantRows, FileMapping } from './import-mapping.ts';
import type { SourcePart } from './source-files.ts';
import { ident, literal } from './sql-text.ts';
import { detectEncoding, isUtf8Encoding, readHead, transcodeToUtf8 } from './text-encoding.ts';
import { xlsxToCsv } from './xlsx-to-csv.ts';

/** A source column: its header name and the SQL giving its raw text. */
export interface SourceColumn {
  name: string;
  ref: string;
}

/** A part made readable by DuckDB as all-VARCHAR columns. */
export interface PreparedPart {
  name: string;
  /** FROM item yielding the part's rows in file order. */
  relation: string;
  columns: SourceColumn[];
  /** Column with the data-row number, when rows are not numbered by read order (xlsx). */
  rowRef?: string;
  /** CSV only: DuckDB table that collects malformed lines. */
  rejectsTable?: string;
  rejectsScan?: string;
  /** Physical lines before the first data line (CSV), to turn line numbers into row numbers. */
  headerLines: number;
  /** The reader already gives NULL for empty fields (DuckDB's CSV reader does). */
  emptyIsNull: boolean;
  /** What was detected, for the report. */
  detected: string;
}

const HEAD_BYTES = 1 << 16;

/** Makes every part of an entry readable by DuckDB: transcoding, sniffing, xlsx conversion. */
export async function preparePart(
  part: SourcePart,
  mapping: FileMapping | undefined,
  scratch: { dir: string; next: () => string },
  warehouse: Warehouse,
): Promise<PreparedPart> {
  if (part.format === 'parquet') {
    const relation = `read_parquet(${literal(part.path)})`;
    let described: { column_name: string }[];
    try {
      described = await warehouse.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${relation}`);
    } catch (error) {
      throw new ValidationError(`${part.name}: not a readable Parquet file: ${(error as Error).message}`);
    }
    const columns = described.map((d) => ({
      name: d.column_name,
      ref: `CAST(${ident(d.column_name)} AS VARCHAR)`,
    }));
    return { name: part.name, relation, columns, headerLines: 0, emptyIsNull: false, detected: 'parquet' };
  }
  if (part.format === 'xlsx') {
    const target = path.join(scratch.dir, `${scratch.next()}.csv`);
    let converted;
    try {
      converted = await xlsxToCsv(part.path, target, { sheet: mapping?.sheet, skipRows: mapping?.skipRows });
    } catch (error) {
      if (error instanceof ValidationError) throw error;
      throw new ValidationError(`${part.name}: not a readable .xlsx workbook: ${(error as Error).message}`);
    }
    const header = headerNames(converted.header);
    const spec = ['_row', ...header.map((_, i) => `c${i}`)];
    const relation = readCsv(target, { delimiter: ',', quote: '"', skip: 0, columns: spec, gzip: false });
    return {
      name: part.name,
      relation,
      columns: header.map((name, i) => ({ name, ref: `c${i}` })),
      rowRef: 'CAST("_row" AS BIGINT)',
      headerLines: 1,
      emptyIsNull: true,
      detected: `xlsx sheet ${converted.sheet}`,
    };
  }

  let file = part.path;
  let gzip = part.gzip;
  const wanted = mapping?.encoding ?? 'auto';
  const encoding = wanted === 'auto' ? await detectEncoding(file, gzip) : wanted;
  if (!isUtf8Encoding(encoding)) {
    const target = path.join(scratch.dir, `${scratch.next()}.csv`);
    await transcodeToUtf8(file, encoding, gzip, target);
    file = target;
    gzip = false;
  }
  const head = await readHead(file, HEAD_BYTES, gzip);
  const complete = head.length < HEAD_BYTES;
  let text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = skipLines(text, mapping?.skipRows ?? 0);
  const quote = mapping?.quote ?? '"';
  const delimiter = mapping?.delimiter ?? sniffDelimiter(text, quote, complete);
  const [first] = parseCsvRecords(text, delimiter, quote, 1, true);
  if (!first) throw new ValidationError(`${part.name}: empty file (no header line)`);
  const header = headerNames(first);
  const scan = scratch.next();
  const relation = readCsv(file, {
    delimiter,
    quote,
    skip: mapping?.skipRows ?? 0,
    columns: header.map((_, i) => `c${i}`),
    gzip,
    rejects: { table: `${scan}_rejects`, scan: `${scan}_scan` },
  });
  return {
    name: part.name,
    relation,
    columns: header.map((name, i) => ({ name, ref: `c${i}` })),
    rejectsTable: `${scan}_rejects`,
    rejectsScan: `${scan}_scan`,
    headerLines: 1 + (mapping?.skipRows ?? 0),
    emptyIsNull: true,
    detected: `${encoding}, ${delimiter === '\t' ? 'tab' : delimiter}-separated`,
  };
}

/** Constant rows from a mapping as a VALUES relation whose columns are the fields given. */
export function prepareConstantRows(rows: ConstantRows, label: string): PreparedPart {
  const names = [...new Set(rows.rows.flatMap((r) => Object.keys(r)))];
  const values = rows.rows.map(
    (r) => `(${names.map((n) => `CAST(${literal(r[n] ?? null)} AS VARCHAR)`).join(', ')})`,
  );
  return {
    name: label,
    relation: `(VALUES ${values.join(', ')}) AS t(${names.map((_, i) => `c${i}`).join(', ')})`,
    columns: names.map((name, i) => ({ name, ref: `c${i}` })),
    headerLines: 0,
    emptyIsNull: false,
    detected: 'mapping rows',
  };
}

function headerNames(cells: string[]): string[] {
  return cells.map((c, i) => c.replace(/^\ufeff/, '').trim() || `column_${i + 1}`);
}

function readCsv(
  file: string,
  o: {
    delimiter: string;
    quote: string;
    skip: number;
    columns: string[];
    gzip: boolean;
    rejects?: { table: string; scan: string };
  },
): string {
  const columns = `{${o.columns.map((c) => `${literal(c)}: 'VARCHAR'`).join(', ')}}`;
  const options = [
    'header = true',
    `delim = ${literal(o.delimiter)}`,
    `quote = ${literal(o.quote)}`,
    `escape = ${literal(o.quote)}`,
    `skip = ${o.skip}`,
    'auto_detect = false',
    `columns = ${columns}`,
    `compression = ${o.gzip ? "'gzip'" : "'none'"}`,
  ];
  if (o.rejects) {
    options.push(
      'store_rejects = true',
      `rejects_table = ${literal(o.rejects.table)}`,
      `rejects_scan = ${literal(o.rejects.scan)}`,
    );
  }
  return `read_csv(${literal(file)}, ${options.join(', ')})`;
}
