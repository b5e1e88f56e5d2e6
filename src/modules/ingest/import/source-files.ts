import fs from 'node:fs/promises';
import path from 'node:path';
import {
  CANONICAL_TABLE_NAMES,
  CANONICAL_TABLES,
  type CanonicalTableName,
} from '../../../platform/warehouse/index.ts';
import { ValidationError } from '../../../platform/errors.ts';
import type { ConstantRows, FileMapping, ImportMapping } from './import-mapping.ts';

/** Physical formats the importer reads. */
export type SourceFormat = 'csv' | 'parquet' | 'xlsx';

/** One physical file of a source. */
export interface SourcePart {
  path: string;
  /** Name used in reports and errors: relative to the source directory. */
  name: string;
  format: SourceFormat;
  gzip: boolean;
}

/** One unit of import: a file (or directory of part files, or constant rows) for one table. */
export interface SourceEntry {
  table: CanonicalTableName;
  label: string;
  parts: SourcePart[];
  mapping?: FileMapping;
  constantRows?: ConstantRows;
}

/** The entries to import, in load order, and what was passed over. */
export interface DiscoveredSources {
  entries: SourceEntry[];
  warnings: string[];
}

const DATA_FILE = /\.(csv|tsv|txt|parquet|xlsx)(\.gz)?$/i;

/** Format of a data file from its name, or null when the importer does not read it. */
export function formatOf(file: string): { format: SourceFormat; gzip: boolean } | null {
  const m = DATA_FILE.exec(file);
  if (!m) return null;
  const ext = m[1].toLowerCase();
  const gzip = m[2] !== undefined;
  if ((ext === 'parquet' || ext === 'xlsx') && gzip) return null;
  return { format: ext === 'parquet' ? 'parquet' : ext === 'xlsx' ? 'xlsx' : 'csv', gzip };
}

function tableOf(name: string): CanonicalTableName | null {
  const base = name.replace(DATA_FILE, '').toLowerCase();
  return (CANONICAL_TABLE_NAMES as readonly string[]).includes(base) ? (base as CanonicalTableName) : null;
}

/** Files or a part directory with the generator's conventions: `_…`, `.…` and manifest.json are not data. */
function ignored(name: string): boolean {
  return name.startsWith('_') || name.startsWith('.') || name === 'manifest.json';
}

async function partsOf(dir: string, prefix: string, forced?: SourceFormat): Promise<SourcePart[]> {
  const names = (await fs.readdir(dir, { withFileTypes: true }))
    .filter((d) => d.isFile() && !ignored(d.name))
    .map((d) => d.name)
    .sort();
  const parts: SourcePart[] = [];
  for (const name of names) {
    const f = formatOf(name);
    if (!f && !forced) continue;
    parts.push({
      path: path.join(dir, name),
      name: `${prefix}${name}`,
      format: forced ?? f!.format,
      gzip: f?.gzip ?? /\.gz$/i.test(name),
    });
  }
  return parts;
}

/**
 * Finds what to import in a file or directory. Without a mapping, file names are table names
 * (`customer.csv`, `transaction.csv.gz`, `account.parquet`, `branch.xlsx`, `transaction/` of part
 * files); with one, each mapping entry's `file` pattern picks its files.
 */
export async function discoverSources(source: string, mapping?: ImportMapping): Promise<DiscoveredSources> {
  let stat;
  try {
    stat = await fs.stat(source);
  } catch {
    throw new ValidationError(`${source}: no such file or directory`);
  }
  const warnings: string[] = [];
  const entries: SourceEntry[] = [];
  const isDir = stat.isDirectory();
  const listing = isDir
    ? (await fs.readdir(source, { withFileTypes: true })).filter((d) => !ignored(d.name))
    : [];
  listing.sort((a, b) => a.name.localeCompare(b.name));

  if (mapping) {
    for (const rows of mapping.rows) {
      entries.push({
        table: rows.table,
        label: `${path.basename(mapping.path)}#${rows.key}`,
        parts: [],
        constantRows: rows,
      });
    }
    const used = new Set<string>();
    for (const fm of mapping.files) {
      const pattern = globRegExp(fm.file);
      const candidates = isDir
        ? listing.map((d) => ({ name: d.name, dir: d.isDirectory() }))
        : [{ name: path.basename(source), dir: false }];
      const matched = candidates.filter((c) => pattern.test(c.name));
      if (matched.length === 0) {
        if (isDir) warnings.push(`${fm.key}.file: nothing in ${source} matches ${fm.file}`);
        continue;
      }
      for (const m of matched) {
        used.add(m.name);
        const full = isDir ? path.join(source, m.name) : source;
        if (m.dir) {
          const parts = await partsOf(full, `${m.name}/`, fm.format);
          if (parts.length === 0) throw new ValidationError(`${m.name}/: no data files in the directory`);
          entries.push({ table: fm.table, label: `${m.name}/`, parts, mapping: fm });
        } else {
          const f = formatOf(m.name);
          const format = fm.format ?? f?.format ?? 'csv';
          entries.push({
            table: fm.table,
            label: m.name,
            parts: [{ path: full, name: m.name, format, gzip: f?.gzip ?? /\.gz$/i.test(m.name) }],
            mapping: fm,
          });
        }
      }
    }
    if (
      !isDir &&
      entries.every((e) => e.constantRows) &&
      new Set(mapping.files.map((f) => f.file)).size === 1
    ) {
      // One source file and a mapping written for one file under another name: use the mapping.
      for (const fm of mapping.files) {
        const name = path.basename(source);
        const f = formatOf(name);
        entries.push({
          table: fm.table,
          label: name,
          parts: [
            {
              path: source,
              name,
              format: fm.format ?? f?.format ?? 'csv',
              gzip: f?.gzip ?? /\.gz$/i.test(name),
            },
          ],
          mapping: fm,
        });
      }
    }
    if (entries.every((e) => e.constantRows)) {
      throw new ValidationError(
        `${path.basename(mapping.path)}: no entry under files matches ${isDir ? `anything in ${source}` : path.basename(source)}`,
      );
    }
    for (const d of listing) {
      if (used.has(d.name) || path.join(source, d.name) === mapping.path) continue;
      if (d.isDirectory() || formatOf(d.name))
        warnings.push(`${d.name}${d.isDirectory() ? '/' : ''}: not matched by the mapping, skipped`);
    }
  } else if (isDir) {
    for (const d of listing) {
      const table = tableOf(d.name);
      if (d.isDirectory()) {
        if (!table || d.name.toLowerCase() !== table) {
          warnings.push(`${d.name}/: not a canonical table name, skipped`);
          continue;
        }
        const parts = await partsOf(path.join(source, d.name), `${d.name}/`);
        if (parts.length === 0) warnings.push(`${d.name}/: no data files, skipped`);
        else entries.push({ table, label: `${d.name}/`, parts });
        continue;
      }
      const f = formatOf(d.name);
      if (!f || !table) {
        warnings.push(`${d.name}: ${f ? 'not a canonical table name' : 'not a data file'}, skipped`);
        continue;
      }
      entries.push({
        table,
        label: d.name,
        parts: [{ path: path.join(source, d.name), name: d.name, ...f }],
      });
    }
    if (entries.length === 0) {
      throw new ValidationError(
        `${source}: no data files named after canonical tables (${CANONICAL_TABLE_NAMES.join(', ')})`,
      );
    }
  } else {
    const name = path.basename(source);
    const f = formatOf(name);
    const table = tableOf(name);
    if (!f)
      throw new ValidationError(
        `${name}: not a data file the importer reads (.csv, .csv.gz, .tsv, .parquet, .xlsx)`,
      );
    if (!table) {
      throw new ValidationError(
        `${name}: cannot tell which table this is; name it <table>${name.slice(name.indexOf('.'))} or pass --mapping`,
      );
    }
    entries.push({ table, label: name, parts: [{ path: source, name, ...f }] });
  }

  // Referenced tables load first; within a table, constant rows, then files in mapping/name order.
  const order = new Map(CANONICAL_TABLES.map((t, i) => [t.name, i]));
  const indexed = entries.map((e, i) => ({ e, i }));
  indexed.sort((a, b) => order.get(a.e.table)! - order.get(b.e.table)! || a.i - b.i);
  return { entries: indexed.map((x) => x.e), warnings };
}

function globRegExp(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((ch) => (ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}
