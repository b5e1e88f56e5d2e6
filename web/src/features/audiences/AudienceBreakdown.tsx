import { Alert, Empty, Segmented, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AudienceFieldInfo } from '../../api/types.ts';
import { formatInteger } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { EChart, type EChartOption } from '../charts/EChart.tsx';
import { localized } from '../tags/tag-form.ts';
import { useAudienceBreakdown, type AudienceExpression } from './audiences.hooks.ts';

const PALETTE = [
  '#1f4e9c',
  '#3a7bd5',
  '#16a085',
  '#f39c12',
  '#8e44ad',
  '#c0392b',
  '#2c3e50',
  '#7f8c8d',
  '#27ae60',
  '#d35400',
];

/** Preferred first breakdowns: the ones bankers ask for first, when the catalogue has them. */
const PREFERRED = ['aum_tier', 'age_band', 'value_tier', 'life_stage'];

/** The audience broken down by a chosen field (or branch), as a bar or a pie chart. */
export function AudienceBreakdownChart({
  expression,
  fields,
}: {
  expression: AudienceExpression | null;
  fields: readonly AudienceFieldInfo[];
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const choices = useMemo(
    () => fields.filter((f) => f.kind !== 'numeric' || (f.buckets?.length ?? 0) > 0),
    [fields],
  );
  const preferred = PREFERRED.find((id) => choices.some((f) => f.id === id)) ?? '_branch';
  const [by, setBy] = useState<string | null>(null);
  const [chart, setChart] = useState<'bar' | 'pie'>('bar');
  const current = by ?? preferred;
  const breakdown = useAudienceBreakdown(expression, current);
  const buckets = breakdown.data?.buckets ?? [];

  const option = useMemo<EChartOption>(() => {
    const labels = buckets.map((b) => localized(b.label, language) || String(b.value ?? t('common.notSet')));
    const valueFormatter = (value: unknown) => formatInteger(Number(value), language);
    if (chart === 'pie') {
      return {
        color: PALETTE,
        tooltip: { trigger: 'item', valueFormatter },
        legend: { type: 'scroll', bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['38%', '66%'],
            center: ['50%', '45%'],
            data: buckets.map((b, i) => ({ name: labels[i], value: b.count })),
            label: { formatter: '{b}: {d}%' },
          },
        ],
      };
    }
    const horizontal = labels.length > 6;
    const category = {
      type: 'category',
      data: labels,
      inverse: horizontal,
      axisLabel: { interval: 0, width: 110, overflow: 'truncate' },
    };
    const value = { type: 'value', splitLine: { lineStyle: { type: 'dashed' } } };
    return {
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: [
        { type: 'bar', data: buckets.map((b) => b.count), itemStyle: { color: '#1f4e9c' }, barMaxWidth: 36 },
      ],
    };
  }, [buckets, chart, language, t]);

  const options = [
    { value: '_branch', label: t('audiences.breakdown.branch') },
    ...choices.map((f) => ({ value: f.id, label: localized(f.name, language) })),
  ];
  const height = chart === 'bar' && buckets.length > 6 ? Math.min(60 + buckets.length * 24, 560) : 300;

  return (
    <Space
      direction="vertical"
      size={10}
      style={{ width: '100%' }}
      data-testid="audience-breakdown"
      data-by={current}
    >
      <Space wrap>
        <Typography.Text type="secondary">{t('audiences.breakdown.by')}</Typography.Text>
        <Select
          showSearch
          value={current}
          onChange={setBy}
          options={options}
          optionFilterProp="label"
          style={{ minWidth: 180 }}
          data-testid="breakdown-by"
        />
        <Segmented<'bar' | 'pie'>
          value={chart}
          onChange={setChart}
          options={[
            { value: 'bar', label: t('audiences.breakdown.bar') },
            { value: 'pie', label: t('audiences.breakdown.pie') },
          ]}
        />
      </Space>
      {breakdown.isError ? (
        <Alert
          type="warning"
          showIcon
          message={t('audiences.breakdown.error')}
          description={breakdown.error.message}
        />
      ) : buckets.length === 0 || buckets.every((b) => b.count === 0) ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={breakdown.isFetching ? t('common.loading') : t('audiences.breakdown.empty')}
        />
      ) : (
        <EChart
          option={option}
          ariaLabel={t('audiences.breakdown.title')}
          testId="breakdown-chart"
          style={{ height }}
        />
      )}
    </Space>
  );
}
