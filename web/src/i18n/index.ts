import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { customer360I18n } from '../features/customer360/customer360.i18n.ts';
import { searchI18n } from '../features/search/search.i18n.ts';
import { tagsI18n } from '../features/tags/tags.i18n.ts';
import { audiencesI18n } from '../features/audiences/audiences.i18n.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

/**
 * Texts of feature modules, each in `features/<module>/<module>.i18n.ts` as
 * `{ 'zh-CN': { <module>: {...} }, en: { <module>: {...} } }`; one line here per module.
 */
const featureBundles: ReadonlyArray<{ 'zh-CN': object; en: object }> = [
  customer360I18n,
  searchI18n,
  tagsI18n,
  audiencesI18n,
];

function merged(language: 'zh-CN' | 'en', base: object): object {
  return Object.assign({}, base, ...featureBundles.map((bundle) => bundle[language]));
}

/** The UI languages. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
/** One UI language. */
export type Language = (typeof LANGUAGES)[number];

/** localStorage key remembering the language chosen in the header. */
export const LANGUAGE_STORAGE_KEY = 'panorama.language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function readStoredLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** The remembered language, else the browser's (English if it prefers English), else zh-CN. */
export function detectLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
}

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: merged('zh-CN', zhCN) },
    en: { translation: merged('en', en) },
  },
  lng: detectLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyDocumentLanguage(i18n.language as Language);
i18n.on('languageChanged', (language) => {
  if (isLanguage(language)) applyDocumentLanguage(language);
});

/** Switches the UI language and remembers the choice. */
export function setLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the switch still applies to this page.
  }
  void i18n.changeLanguage(language);
}

/** The current UI language, re-rendering on change. */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  return isLanguage(instance.language) ? instance.language : 'zh-CN';
}

export { i18n };
