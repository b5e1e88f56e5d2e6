// Audience terms shared by the index builder, the store and the service: the tag metadata kept in
// a snapshot, the system columns, and the field map expressions are checked against.
import type { TagDefinition } from '../tags/index.ts';
import type { AudienceField } from './audience-expression.ts';

/** What the index keeps of a tag definition: enough to label fields, values and buckets. */
export type AudienceTagInfo = Pick<TagDefinition, 'id' | 'name' | 'theme' | 'kind' | 'appliesTo'> &
  Partial<Pick<TagDefinition, 'values' | 'buckets' | 'unit' | 'scale' | 'status'>>;

/** Columns every index has besides the tags: home branch, RM and customer kind (scope and breakdowns). */
export const SYSTEM_COLUMNS = {
  _branch: 'home_branch_id',
  _rm: 'rm_id',
  _kind: 'kind',
} as const;

/** The name of a system column. */
export type SystemColumn = keyof typeof SYSTEM_COLUMNS;

/** Metadata written into a snapshot beside the bitmaps. */
export interface AudienceSnapshotMeta {
  /** ISO instant the index was built. */
  builtAt: string;
  customers: number;
  /** The tags indexed, in catalogue order. */
  tags: AudienceTagInfo[];
}

/** Bilingual labels of boolean values. */
export const BOOLEAN_LABELS: Record<'true' | 'false', { zh: string; en: string }> = {
  true: { zh: '是', en: 'Yes' },
  false: { zh: '否', en: 'No' },
};

/** Label of the bucket of customers without a value. */
export const UNKNOWN_LABEL = { zh: '未知', en: 'Unknown' } as const;

/** Reads the snapshot metadata of an index, tolerating older or foreign snapshots. */
export function snapshotMeta(meta: Record<string, unknown>): AudienceSnapshotMeta {
  return {
    builtAt: typeof meta.builtAt === 'string' ? meta.builtAt : new Date(0).toISOString(),
    customers: typeof meta.customers === 'number' ? meta.customers : 0,
    tags: Array.isArray(meta.tags) ? (meta.tags as AudienceTagInfo[]) : [],
  };
}

/** The expression field map of a set of tags: what parse/validate accept. */
export function audienceFieldsOf(tags: readonly AudienceTagInfo[]): Map<string, AudienceField> {
  const fields = new Map<string, AudienceField>();
  for (const tag of tags) {
    const field: AudienceField = { id: tag.id, kind: tag.kind, label: { zh: tag.name.zh, en: tag.name.en } };
    if (tag.kind === 'enum') field.values = (tag.values ?? []).map((v) => v.value);
    if (tag.kind === 'boolean') field.values = ['true', 'false'];
    fields.set(tag.id, field);
  }
  return fields;
}

/** The metadata kept in a snapshot for one tag definition. */
export function tagInfoOf(tag: AudienceTagInfo): AudienceTagInfo {
  const info: AudienceTagInfo = {
    id: tag.id,
    name: tag.name,
    theme: tag.theme,
    kind: tag.kind,
    appliesTo: tag.appliesTo,
  };
  if (tag.values) info.values = tag.values;
  if (tag.buckets) info.buckets = tag.buckets;
  if (tag.unit) info.unit = tag.unit;
  if (tag.scale !== undefined) info.scale = tag.scale;
  return info;
}
