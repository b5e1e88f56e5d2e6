import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Section, TagsSection } from '../../api/types.ts';
import { formatMoney } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useTagCatalogue } from './customer360.hooks.ts';
import { groupTags, keyTags, type ShownTag, type TagGroup } from './tag-groups.ts';

/** The customer's tags grouped by theme and the header's key tags, named from the tag catalogue. */
export interface TagGroupsState {
  groups: TagGroup[];
  key: ShownTag[];
  /** The catalogue is still loading (the groups show ids meanwhile). */
  loading: boolean;
  /** The catalogue endpoint is absent or failed: names fall back to tag ids. */
  catalogueMissing: boolean;
}

/** Joins the 360 tag values with `GET /api/tags`, falling back to ids when the catalogue is absent. */
export function useTagGroups(section: Section<TagsSection> | undefined): TagGroupsState {
  const { t } = useTranslation();
  const language = useLanguage();
  const values = section?.available ? section.items : null;
  const catalogue = useTagCatalogue(values !== null && values.length > 0);
  return useMemo(() => {
    if (!values) return { groups: [], key: [], loading: false, catalogueMissing: false };
    const loading = catalogue.isPending && catalogue.fetchStatus !== 'idle';
    const items = catalogue.data ?? null;
    const groups = groupTags(values, items, language, {
      yes: t('c360.tags.yes'),
      no: t('c360.tags.no'),
      units:
        language === 'en'
          ? { days: ' d', months: ' mo', years: ' y', count: '' }
          : { days: ' 天', months: ' 个月', years: ' 年', count: '' },
      money: (value) => formatMoney(value, language),
    });
    return {
      groups,
      key: keyTags(groups),
      loading,
      catalogueMissing: !loading && items === null,
    };
  }, [values, catalogue.data, catalogue.isPending, catalogue.fetchStatus, language, t]);
}
