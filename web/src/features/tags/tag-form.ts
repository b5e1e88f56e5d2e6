import type {
  Bilingual,
  TagCoverage,
  TagDefinition,
  TagDefinitionInput,
  TagKind,
  TagSource,
  TagTheme,
  TagUnit,
} from '../../api/types.ts';

/** The themes in catalogue order. */
export const TAG_THEMES: readonly TagTheme[] = [
  'natural',
  'asset',
  'liability',
  'risk',
  'transaction',
  'behaviour',
  'value',
];

/** Kinds of tags. */
export const TAG_KINDS: readonly TagKind[] = ['enum', 'boolean', 'numeric'];

/** Units of numeric tags. */
export const TAG_UNITS: readonly TagUnit[] = [
  'yuan',
  'count',
  'days',
  'months',
  'years',
  'pct',
  'score',
  'ratio',
];

/** A tag id, as the server checks it. */
export const TAG_ID_PATTERN = /^[a-z][a-z0-9_]{1,62}$/;

/** The editor form's values (flat, as antd Form keeps them). */
export interface TagFormValues {
  id: string;
  nameZh: string;
  nameEn: string;
  theme: TagTheme;
  kind: TagKind;
  appliesTo: 'retail' | 'corporate' | 'all';
  refresh: 'daily' | 'realtime';
  unit?: TagUnit;
  scale?: number | null;
  values: { value: string; zh: string; en: string }[];
  /** Bucket edges as typed: numbers separated by commas or spaces. */
  buckets: string;
  expression: string;
  descriptionZh: string;
  descriptionEn: string;
}

/** The form of a new tag. */
export function emptyTagForm(theme: TagTheme = 'natural'): TagFormValues {
  return {
    id: '',
    nameZh: '',
    nameEn: '',
    theme,
    kind: 'enum',
    appliesTo: 'all',
    refresh: 'daily',
    unit: undefined,
    scale: null,
    values: [{ value: '', zh: '', en: '' }],
    buckets: '',
    expression: '',
    descriptionZh: '',
    descriptionEn: '',
  };
}

/** The form showing an existing tag. */
export function tagToForm(tag: TagDefinition): TagFormValues {
  return {
    id: tag.id,
    nameZh: tag.name.zh,
    nameEn: tag.name.en,
    theme: tag.theme,
    kind: tag.kind,
    appliesTo: tag.appliesTo,
    refresh: tag.refresh,
    unit: tag.unit,
    scale: tag.scale ?? null,
    values: tag.values?.map((v) => ({ ...v })) ?? [],
    buckets: (tag.buckets ?? []).join(', '),
    expression: tag.source.type === 'sql' ? tag.source.expression : '',
    descriptionZh: tag.description.zh,
    descriptionEn: tag.description.en,
  };
}

/** Bucket edges typed as text (commas, Chinese commas or spaces); an error key when invalid. */
export function parseBuckets(text: string): { buckets: number[] } | { error: 'bucketsInvalid' } {
  const parts = text
    .split(/[\s,，;；]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  const buckets = parts.map(Number);
  if (buckets.some((n) => !Number.isFinite(n))) return { error: 'bucketsInvalid' };
  for (let i = 1; i < buckets.length; i++) {
    if (!(buckets[i]! > buckets[i - 1]!)) return { error: 'bucketsInvalid' };
  }
  return { buckets };
}

/** The first duplicated enum value, if any (the server rejects duplicates). */
export function duplicateValue(values: readonly { value: string }[]): string | null {
  const seen = new Set<string>();
  for (const { value } of values) {
    const key = value.trim();
    if (seen.has(key)) return key;
    seen.add(key);
  }
  return null;
}

/**
 * The definition the API takes, from the form. Kind-specific fields are sent only for their kind
 * (the server rejects values on a numeric tag, buckets on an enum …). A tag whose source is a
 * model or a list keeps that source: the editor only writes SQL expressions.
 */
export function formToDefinition(form: TagFormValues, keepSource?: TagSource): TagDefinitionInput {
  const source: TagSource =
    keepSource && keepSource.type !== 'sql'
      ? keepSource
      : { type: 'sql', expression: form.expression.trim() };
  const definition: TagDefinitionInput = {
    id: form.id.trim(),
    name: { zh: form.nameZh.trim(), en: form.nameEn.trim() },
    theme: form.theme,
    kind: form.kind,
    appliesTo: form.appliesTo,
    refresh: form.refresh,
    source,
    description: { zh: form.descriptionZh.trim(), en: form.descriptionEn.trim() },
  };
  if (form.kind === 'enum') {
    definition.values = form.values
      .filter((v) => v.value.trim() !== '')
      .map((v) => ({
        value: v.value.trim(),
        zh: v.zh.trim() || v.value.trim(),
        en: v.en.trim() || v.value.trim(),
      }));
  }
  if (form.kind === 'numeric') {
    const parsed = parseBuckets(form.buckets);
    if ('buckets' in parsed && parsed.buckets.length > 0) definition.buckets = parsed.buckets;
    if (form.unit) definition.unit = form.unit;
    if (form.scale !== null && form.scale !== undefined) definition.scale = form.scale;
  }
  return definition;
}

/** Coverage as a percentage 0–100 (null when the tag has not been computed). */
export function coveragePercent(coverage: TagCoverage | null | undefined): number | null {
  if (!coverage || !Number.isFinite(coverage.ratio)) return null;
  return Math.round(coverage.ratio * 1000) / 10;
}

/** A bilingual text in the UI language. */
export function localized(text: Bilingual | undefined | null, language: string): string {
  if (!text) return '';
  return (language === 'en' ? text.en : text.zh) || text.zh || text.en;
}

/** Whether a role may create, edit, retire tags and start runs (the server checks it again). */
export function canEditTags(role: string): boolean {
  return role === 'admin' || role === 'hq_analyst';
}
