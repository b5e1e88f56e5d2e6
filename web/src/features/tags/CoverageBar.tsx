import { Progress, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TagCoverage } from '../../api/types.ts';
import { formatInteger } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { coveragePercent } from './tag-form.ts';

/** A tag's coverage as a thin bar with the percentage, and counts on hover. */
export function CoverageBar({ coverage, width = 140 }: { coverage: TagCoverage | null; width?: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const percent = coveragePercent(coverage);
  if (percent === null || !coverage) {
    return <Typography.Text type="secondary">{t('tags.notRun')}</Typography.Text>;
  }
  // Low coverage usually means a definition that matches little: colour it so it stands out.
  const color = percent >= 60 ? '#1f4e9c' : percent >= 20 ? '#d48806' : '#cf1322';
  return (
    <Tooltip
      title={t('tags.coverageOf', {
        covered: formatInteger(coverage.covered, language),
        customers: formatInteger(coverage.customers, language),
      })}
    >
      <div style={{ width, maxWidth: '100%' }} data-coverage={percent}>
        <Progress percent={percent} size="small" strokeColor={color} format={(p) => `${p}%`} />
      </div>
    </Tooltip>
  );
}
