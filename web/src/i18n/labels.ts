import type { TFunction } from 'i18next';

/** Label groups of enumerated values (roles, kinds, statuses, categories …). */
export type LabelGroup =
  | 'roles'
  | 'levels'
  | 'kinds'
  | 'customerStatus'
  | 'accountStatus'
  | 'categories'
  | 'genders'
  | 'incomeBands'
  | 'riskTolerances'
  | 'riskLevels'
  | 'sizes';

/** The translated label of an enumerated value; unknown values are shown as they are. */
export function enumLabel(t: TFunction, group: LabelGroup, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return t('common.notSet');
  // keySeparator is '.', and values such as '<5k' contain none; nsSeparator ':' neither.
  return t(`${group}.${value}`, { defaultValue: value });
}
