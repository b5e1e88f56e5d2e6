import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, useLanguage, type Language } from '../../i18n/index.ts';

/** 中文 / English switch; the choice is remembered in localStorage. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const short: Record<Language, string> = { 'zh-CN': '中', en: 'EN' };
  return (
    <Segmented<Language>
      size="small"
      value={language}
      onChange={(value) => setLanguage(value)}
      options={LANGUAGES.map((value) => ({
        value,
        label: (
          <span lang={value} data-testid={`lang-${value}`}>
            {compact ? short[value] : t(`language.${value}`)}
          </span>
        ),
        title: t(`language.${value}`),
      }))}
      aria-label={t('language.label')}
      className="language-switch"
    />
  );
}
