import type { ConfigProviderProps } from 'antd';
import enUSModule from 'antd/locale/en_US.js';
import zhCNModule from 'antd/locale/zh_CN.js';
import type { Language } from './index.ts';

type AntdLocale = NonNullable<ConfigProviderProps['locale']>;

// antd ships its locales as CommonJS; depending on the interop the default import is the locale
// itself or a module whose `default` is the locale.
function unwrap(module: unknown): AntdLocale {
  const candidate = module as { default?: AntdLocale } & AntdLocale;
  return candidate.default && typeof candidate.default === 'object' && 'locale' in candidate.default
    ? candidate.default
    : candidate;
}

const LOCALES: Record<Language, AntdLocale> = { 'zh-CN': unwrap(zhCNModule), en: unwrap(enUSModule) };

/** antd's built-in texts (pagination, empty states, pickers) for a UI language. */
export function antdLocale(language: Language): AntdLocale {
  return LOCALES[language];
}
