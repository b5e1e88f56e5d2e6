import { Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Monthly } from '../../api/types.ts';
import { formatMoney, formatMoneyShort, formatMonth } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { EChart, type EChartOption } from '../charts/EChart.tsx';

/** A line of the customer's month-end AUM (up to 13 months, oldest first). */
export function AumTrendChart({ monthly }: { monthly: Monthly[] }) {
  const { t } = useTranslation();
  const language = useLanguage();

  const option = useMemo<EChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: unknown) => formatMoney(Number(value), language),
      },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: monthly.map((row) => formatMonth(row.month)),
        axisLabel: { hideOverlap: true },
      },
      yAxis: {
        type: 'value',
        scale: true,
        axisLabel: { formatter: (value: number) => formatMoneyShort(value, language) },
        splitLine: { lineStyle: { type: 'dashed' } },
      },
      series: [
        {
          name: t('customer.aum'),
          type: 'line',
          // A light smoothing: a strong one would draw balances the customer never had.
          smooth: 0.2,
          symbol: 'circle',
          symbolSize: 6,
          data: monthly.map((row) => row.aum),
          lineStyle: { width: 2, color: '#1f4e9c' },
          itemStyle: { color: '#1f4e9c' },
          areaStyle: {
            color: {
              type: 'linear',
              x: 0,
              y: 0,
              x2: 0,
              y2: 1,
              colorStops: [
                { offset: 0, color: 'rgba(31, 78, 156, 0.25)' },
                { offset: 1, color: 'rgba(31, 78, 156, 0.02)' },
              ],
            },
          },
        },
      ],
    }),
    [monthly, language, t],
  );

  if (monthly.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.noTrend')} />;
  }
  return <EChart option={option} ariaLabel={t('customer.trend')} testId="aum-trend" />;
}
