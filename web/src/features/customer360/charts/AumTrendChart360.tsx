import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AumPoint } from '../../../api/types.ts';
import { formatMoney, formatMoneyShort, formatMonth } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { EChart, type EChartOption } from '../../charts/EChart.tsx';
import { CHART_COLORS } from './chart-theme.ts';

/** AUM at each of the last 13 month-ends, with its deposit and investment parts and loans owed. */
export function AumTrendChart360({ trend, compact }: { trend: AumPoint[]; compact: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const option = useMemo<EChartOption>(() => {
    const line = (name: string, color: string, data: number[], extra: object = {}) => ({
      name,
      type: 'line',
      smooth: 0.2,
      symbol: 'circle',
      symbolSize: compact ? 4 : 6,
      data,
      lineStyle: { width: 2, color },
      itemStyle: { color },
      ...extra,
    });
    const hasLoans = trend.some((p) => p.loans > 0);
    return {
      grid: { left: 8, right: 12, top: compact ? 36 : 40, bottom: 4, containLabel: true },
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: compact ? 11 : 12 } },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: unknown) => formatMoney(Number(value), language),
      },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: trend.map((p) => formatMonth(p.month)),
        axisLabel: { hideOverlap: true, fontSize: compact ? 10 : 12 },
      },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => formatMoneyShort(v, language), fontSize: compact ? 10 : 12 },
        splitLine: { lineStyle: { type: 'dashed', color: CHART_COLORS.grid } },
      },
      series: [
        line(
          t('c360.aum.aum'),
          CHART_COLORS.primary,
          trend.map((p) => p.aum),
          {
            lineStyle: { width: 3, color: CHART_COLORS.primary },
            areaStyle: {
              color: {
                type: 'linear',
                x: 0,
                y: 0,
                x2: 0,
                y2: 1,
                colorStops: [
                  { offset: 0, color: 'rgba(31, 78, 156, 0.22)' },
                  { offset: 1, color: 'rgba(31, 78, 156, 0.02)' },
                ],
              },
            },
          },
        ),
        line(
          t('c360.aum.deposits'),
          CHART_COLORS.deposits,
          trend.map((p) => p.deposits),
        ),
        line(
          t('c360.aum.investments'),
          CHART_COLORS.investments,
          trend.map((p) => p.investments),
        ),
        ...(hasLoans
          ? [
              line(
                t('c360.aum.loans'),
                CHART_COLORS.loans,
                trend.map((p) => p.loans),
                { lineStyle: { width: 1.5, type: 'dashed', color: CHART_COLORS.loans } },
              ),
            ]
          : []),
      ],
    };
  }, [trend, language, t, compact]);
  return (
    <EChart
      option={option}
      ariaLabel={t('c360.sections.aum')}
      testId="c360-aum-chart"
      style={{ height: compact ? 220 : 280 }}
    />
  );
}
