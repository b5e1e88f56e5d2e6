import { useMemo } from 'react';
import { formatMoney, formatMoneyShort, formatMonth } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { EChart, type EChartOption } from '../../charts/EChart.tsx';
import { CHART_COLORS } from './chart-theme.ts';

/** One month of a two-way money chart: money in, money out (positive) and, optionally, a balance. */
export interface TwoWayMonth {
  month: string;
  inflow: number;
  outflow: number;
  /** A line on a second axis (net flow, deposit balance). */
  line?: number;
}

/**
 * Monthly money in (up) and out (down) as bars, with an optional line: net flow for retail,
 * deposit balance for the corporate settlement trend.
 */
export function FlowsChart({
  months,
  labels,
  compact,
  testId,
  ariaLabel,
}: {
  months: TwoWayMonth[];
  labels: { inflow: string; outflow: string; line?: string };
  compact: boolean;
  testId: string;
  ariaLabel: string;
}) {
  const language = useLanguage();
  const hasLine = labels.line !== undefined && months.some((m) => m.line !== undefined);
  const option = useMemo<EChartOption>(
    () => ({
      grid: { left: 8, right: 12, top: compact ? 36 : 40, bottom: 4, containLabel: true },
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: compact ? 11 : 12 } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        // Out-flows are drawn below the axis but read as positive amounts.
        valueFormatter: (value: unknown) => formatMoney(Math.abs(Number(value)), language),
      },
      xAxis: {
        type: 'category',
        data: months.map((m) => formatMonth(m.month)),
        axisLabel: { hideOverlap: true, fontSize: compact ? 10 : 12 },
        axisTick: { alignWithLabel: true },
      },
      yAxis: [
        {
          type: 'value',
          axisLabel: {
            formatter: (v: number) => formatMoneyShort(Math.abs(v), language),
            fontSize: compact ? 10 : 12,
          },
          splitLine: { lineStyle: { type: 'dashed', color: CHART_COLORS.grid } },
        },
        ...(hasLine
          ? [
              {
                type: 'value',
                axisLabel: {
                  formatter: (v: number) => formatMoneyShort(v, language),
                  fontSize: compact ? 10 : 12,
                },
                splitLine: { show: false },
              },
            ]
          : []),
      ],
      series: [
        {
          name: labels.inflow,
          type: 'bar',
          stack: 'flow',
          barMaxWidth: 22,
          itemStyle: { color: CHART_COLORS.inflow, borderRadius: [3, 3, 0, 0] },
          data: months.map((m) => m.inflow),
        },
        {
          name: labels.outflow,
          type: 'bar',
          stack: 'flow',
          barMaxWidth: 22,
          itemStyle: { color: CHART_COLORS.outflow, borderRadius: [0, 0, 3, 3] },
          data: months.map((m) => -m.outflow),
        },
        ...(hasLine
          ? [
              {
                name: labels.line,
                type: 'line',
                yAxisIndex: 1,
                smooth: 0.2,
                symbol: 'circle',
                symbolSize: compact ? 4 : 5,
                lineStyle: { width: 2, color: CHART_COLORS.net },
                itemStyle: { color: CHART_COLORS.net },
                data: months.map((m) => m.line ?? null),
              },
            ]
          : []),
      ],
    }),
    [months, labels, compact, language, hasLine],
  );
  return (
    <EChart option={option} ariaLabel={ariaLabel} testId={testId} style={{ height: compact ? 220 : 280 }} />
  );
}
