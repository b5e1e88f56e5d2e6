import type { CustomerTagValue, TagSummary, TagTheme } from '../../api/types.ts';

/** Theme order on the page: who the customer is, what they hold and owe, then how they behave. */
export const THEME_ORDER: readonly (TagTheme | 'other')[] = [
  'value',
  'natural',
  'asset',
  'liability',
  'risk',
  'transaction',
  'behaviour',
  'other',
];

/** Themes whose tags say most to an RM at a glance (the header's key tags), most useful first. */
const KEY_THEMES: readonly string[] = ['value', 'asset', 'risk', 'liability', 'behaviour', 'transaction'];

/** The shape of a tag definition this page needs (a subset of the catalogue's rows). */
export type TagInfo = Pick<TagSummary, 'id' | 'name' | 'theme' | 'kind'> &
  Partial<Pick<TagSummary, 'values' | 'unit' | 'status'>>;

/** One tag value ready to show. */
export interface ShownTag {
  tagId: string;
  /** The tag's name in the UI language, or its id when the catalogue does not know it. */
  name: string;
  /** The value's label in the UI language (enum label, yes/no, number with unit). */
  valueLabel: string;
  raw: CustomerTagValue['value'];
  kind: TagInfo['kind'] | null;
  theme: TagTheme | 'other';
}

/** Tags of one theme. */
export interface TagGroup {
  theme: TagTheme | 'other';
  items: ShownTag[];
}

/** Words the formatter needs in the UI language. */
export interface TagWords {
  yes: string;
  no: string;
  /** Unit suffixes, e.g. `{ days: ' 天' }`. */
  units: Partial<Record<NonNullable<TagInfo['unit']>, string>>;
  /** Formats yuan. */
  money: (value: number) => string;
}

function round(value: number, digits: number): string {
  const factor = 10 ** digits;
  return String(Math.round(value * factor) / factor);
}

/** The label of one tag value, using the catalogue's enum labels and units when known. */
export function tagValueLabel(
  info: TagInfo | undefined,
  value: CustomerTagValue['value'],
  language: 'zh-CN' | 'en',
  words: TagWords,
): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number') {
    const unit = info?.unit;
    if (unit === 'yuan') return words.money(value);
    if (unit === 'pct') return `${round(value, 1)}%`;
    if (unit === 'ratio' || unit === 'score') return round(value, 2);
    const suffix = unit ? (words.units[unit] ?? '') : '';
    return `${round(value, 2)}${suffix}`;
  }
  const option = info?.values?.find((entry) => entry.value === value);
  if (option) return language === 'en' ? option.en : option.zh;
  return value;
}

/**
 * Groups a customer's tag values by theme in page order, with names from the catalogue. Tags the
 * catalogue does not know (or no catalogue at all) go to `other` under their ids, so nothing a
 * tag run wrote is hidden. Retired tags are left out.
 */
export function groupTags(
  values: readonly CustomerTagValue[],
  catalogue: readonly TagInfo[] | null,
  language: 'zh-CN' | 'en',
  words: TagWords,
): TagGroup[] {
  const byId = new Map((catalogue ?? []).map((tag) => [tag.id, tag]));
  const position = new Map((catalogue ?? []).map((tag, index) => [tag.id, index]));
  const groups = new Map<TagTheme | 'other', ShownTag[]>();
  for (const entry of values) {
    if (entry.value === null) continue;
    const info = byId.get(entry.tagId);
    if (info?.status === 'retired') continue;
    const theme: TagTheme | 'other' =
      info && (THEME_ORDER as readonly string[]).includes(info.theme) ? info.theme : 'other';
    const shown: ShownTag = {
      tagId: entry.tagId,
      name: info ? (language === 'en' ? info.name.en : info.name.zh) : entry.tagId,
      valueLabel: tagValueLabel(info, entry.value, language, words),
      raw: entry.value,
      kind: info?.kind ?? null,
      theme,
    };
    const list = groups.get(theme) ?? [];
    list.push(shown);
    groups.set(theme, list);
  }
  const order = (tag: ShownTag) => position.get(tag.tagId) ?? Number.MAX_SAFE_INTEGER;
  return THEME_ORDER.filter((theme) => groups.has(theme)).map((theme) => ({
    theme,
    items: groups.get(theme)!.sort((a, b) => order(a) - order(b) || a.tagId.localeCompare(b.tagId)),
  }));
}

/**
 * The few tags for the header: enum values and true flags of the key themes, in theme order.
 * Without a catalogue there are no themes, so the first non-false values stand in.
 */
export function keyTags(groups: readonly TagGroup[], limit = 8): ShownTag[] {
  const shown = (tag: ShownTag) => tag.raw !== false && (tag.kind === 'enum' || tag.kind === 'boolean');
  const keyed = KEY_THEMES.flatMap((theme) =>
    (groups.find((group) => group.theme === theme)?.items ?? []).filter(shown),
  );
  if (keyed.length > 0) return keyed.slice(0, limit);
  const other = groups.find((group) => group.theme === 'other')?.items ?? [];
  return other.filter((tag) => tag.raw !== false).slice(0, limit);
}
