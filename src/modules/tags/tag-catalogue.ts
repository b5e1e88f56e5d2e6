import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { ValidationError } from '../../platform/errors.ts';
import type { TagRepository } from './tag.repository.ts';
import { definitionHash } from './tag.ts';
import { tagInputSchema, type TagDefinition, type TagInput } from './tag.schema.ts';

/** Directory of the built-in catalogue files (`<theme>.yaml`). */
export const BUILT_IN_CATALOGUE_DIR = fileURLToPath(new URL('./catalogue/', import.meta.url));

/** A built-in tag read from a catalogue file. */
export interface CatalogueEntry {
  tag: TagInput;
  file: string;
}

/**
 * Reads and validates every `*.yaml` of a catalogue directory: each file is a list of tag
 * definitions without owner/version/status/builtIn. Errors name the file, the entry and the field.
 */
export function readCatalogueFiles(dir: string = BUILT_IN_CATALOGUE_DIR): CatalogueEntry[] {
  if (!fs.existsSync(dir)) return [];
  const entries: CatalogueEntry[] = [];
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const name of fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const file = path.join(dir, name);
    let document: unknown;
    try {
      document = parseYaml(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push(
        `${name}: not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : error})`,
      );
      continue;
    }
    if (document === null || document === undefined) continue;
    if (!Array.isArray(document)) {
      problems.push(`${name}: must be a list of tag definitions`);
      continue;
    }
    document.forEach((raw: unknown, index) => {
      const id =
        raw && typeof raw === 'object' && 'id' in raw ? String((raw as { id: unknown }).id) : `#${index + 1}`;
      const parsed = tagInputSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          problems.push(
            `${name} entry ${index + 1} (${id}): ${issue.path.join('.') || '(entry)'}: ${issue.message}`,
          );
        return;
      }
      const previous = seen.get(parsed.data.id);
      if (previous) {
        problems.push(
          `${name} entry ${index + 1}: tag id '${parsed.data.id}' is already defined in ${previous}`,
        );
        return;
      }
      seen.set(parsed.data.id, name);
      entries.push({ tag: parsed.data, file: name });
    });
  }
  if (problems.length)
    throw new ValidationError(
      `the built-in tag catalogue has ${problems.length} problem(s): ${problems.slice(0, 10).join('; ')}`,
      { problems },
    );
  return entries;
}

/** What loading the built-ins changed. */
export interface CatalogueSyncReport {
  inserted: string[];
  upgraded: string[];
  /** Built-ins a user edited: the catalogue's newer version is not applied. */
  keptUserEdits: string[];
  /** Ids taken by a user's own tag: the built-in is not installed. */
  conflicts: string[];
  unchanged: number;
}

/** The stored form of a built-in. */
export function builtInDefinition(
  tag: TagInput,
  version: number,
  status: TagDefinition['status'],
): TagDefinition {
  return { ...tag, owner: 'panorama', version, status, builtIn: true };
}

/**
 * Applies catalogue entries to the repository: new built-ins are inserted, built-ins a user has not
 * edited are upgraded when their file changed (version + 1, status kept), user edits and user tags
 * with the same id are never overwritten.
 */
export async function syncBuiltInTags(
  repository: TagRepository,
  entries: readonly CatalogueEntry[],
): Promise<CatalogueSyncReport> {
  const report: CatalogueSyncReport = {
    inserted: [],
    upgraded: [],
    keptUserEdits: [],
    conflicts: [],
    unchanged: 0,
  };
  const stored = new Map((await repository.list()).map((s) => [s.definition.id, s]));
  for (const { tag, file } of entries) {
    const hash = definitionHash(tag);
    const current = stored.get(tag.id);
    if (!current) {
      try {
        await repository.insert(builtInDefinition(tag, 1, 'active'), {
          by: 'catalogue',
          note: `built-in from ${file}`,
          userEdited: false,
          catalogueHash: hash,
        });
        report.inserted.push(tag.id);
      } catch (error) {
        // Another process (serve and a CLI run starting together) inserted it first.
        if (!(await repository.get(tag.id))) throw error;
        report.unchanged++;
      }
    } else if (!current.definition.builtIn) {
      report.conflicts.push(tag.id);
    } else if (current.userEdited) {
      if (current.catalogueHash !== hash) report.keptUserEdits.push(tag.id);
      else report.unchanged++;
    } else if (current.catalogueHash !== hash) {
      await repository.update(
        builtInDefinition(tag, current.definition.version + 1, current.definition.status),
        {
          by: 'catalogue',
          note: `catalogue upgrade from ${file}`,
          userEdited: false,
          catalogueHash: hash,
        },
      );
      report.upgraded.push(tag.id);
    } else {
      report.unchanged++;
    }
  }
  return report;
}
