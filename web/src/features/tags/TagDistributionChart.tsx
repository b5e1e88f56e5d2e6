import { Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagDefinitionInput, TagDistributionBucket } from '../../api/types.ts';
import { formatInteger } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { EChart, type EChartOption } from '../charts/EChart.tsx';

/** The display label of one bar: the enum value's name, yes/no, or the server's bucket label. */
export function bucketLabel(
  bucket: TagDistributionBucket,
  tag: Pick<TagDefinitionInput, 'kind' | 'values'> | undefined,
  language: string,
  yesNo: { yes: string; no: string },
): string {
  if (tag?.kind === 'boolean' && (bucket.value === 'true' || bucket.value === 'false')) {
    return bucket.value === 'true' ? yesNo.yes : yesNo.no;
  }
  const known = tag?.values?.find((v) => v.value === (bucket.value ?? bucket.label));
  if (known) return language === 'en' ? known.en : known.zh;
  return bucket.label;
}

/** A bar chart of a tag's distribution (enum values, yes/no, or numeric buckets). */
export function TagDistributionChart({
  distribution,
  tag,
  testId = 'tag-distribution',
  height = 260,
}: {
  distribution: TagDistributionBucket[];
  tag?: Pick<TagDefinitionInput, 'kind' | 'values'>;
  testId?: string;
  height?: number;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const total = distribution.reduce((sum, b) => sum + b.count, 0);

  const option = useMemo<EChartOption>(() => {
    const yesNo = { yes: t('common.yes'), no: t('common.no') };
    const labels = distribution.map((b) => bucketLabel(b, tag, language, yesNo));
    const horizontal = labels.length > 8 || labels.some((label) => label.length > 10);
    const categoryAxis = {
      type: 'category',
      data: labels,
      axisLabel: { hideOverlap: !horizontal, interval: 0, width: 120, overflow: 'truncate' },
      inverse: horizontal,
    };
    const valueAxis = { type: 'value', splitLine: { lineStyle: { type: 'dashed' } } };
    return {
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (value: unknown) => {
          const n = Number(value);
          const share = total > 0 ? ` (${((n / total) * 100).toFixed(1)}%)` : '';
          return `${formatInteger(n, language)}${share}`;
        },
      },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: [
        {
          type: 'bar',
          name: t('tags.detail.count'),
          data: distribution.map((b) => b.count),
          itemStyle: { color: '#1f4e9c', borderRadius: horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0] },
          barMaxWidth: 36,
        },
      ],
    };
  }, [distribution, tag, language, t, total]);

  if (distribution.length === 0 || total === 0) {
    return (
      <div data-testid={`${testId}-empty`}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tags.detail.noDistribution')} />
      </div>
    );
  }
  const rows = distribution.length;
  const autoHeight = rows > 8 ? Math.min(40 + rows * 24, 640) : height;
  return (
    <EChart
      option={option}
      ariaLabel={t('tags.detail.distribution')}
      testId={testId}
      style={{ height: autoHeight }}
    />
  );
}
