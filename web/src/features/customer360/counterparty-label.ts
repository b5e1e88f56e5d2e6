import type { TFunction } from 'i18next';

// The API names the rest of the counterparties and unnamed ones in both languages at once.
const OTHERS = /^(其他\s*)?others?$|^其他$/i;
const UNNAMED = /^\(?(未署名\s*)?unnamed\)?$|^\(?未署名\)?$/i;

/** A counterparty's name, with the API's "others" and "unnamed" placeholders in the UI language. */
export function counterpartyLabel(t: TFunction, name: string): string {
  if (OTHERS.test(name.trim())) return t('c360.counterparties.others');
  if (UNNAMED.test(name.trim())) return t('c360.counterparties.unnamed');
  return name;
}
