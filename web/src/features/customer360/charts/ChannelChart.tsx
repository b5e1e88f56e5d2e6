import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelUsage } from '../../../api/types.ts';
import { formatInteger, formatMoney } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { EChart, type EChartOption } from '../../charts/EChart.tsx';
import { c360Label } from '../SectionState.tsx';
import { PALETTE } from './chart-theme.ts';

/** Transactions per channel as horizontal bars, most used on top; the tooltip adds amounts. */
export function ChannelChart({ items, compact }: { items: ChannelUsage[]; compact: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const option = useMemo<EChartOption>(() => {
    // ECharts draws the first category at the bottom; reverse so the most used is on top.
    const rows = [...items].reverse();
    return {
      grid: { left: 8, right: 48, top: 4, bottom: 4, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: { dataIndex: number }[]) => {
          const row = rows[params[0]?.dataIndex ?? 0];
          if (!row) return '';
          return `${c360Label(t, 'channelNames', row.channel)}<br/>${t('c360.channels.count')}: ${formatInteger(
            row.count,
            language,
          )} (${Math.round(row.share * 100)}%)<br/>${t('c360.channels.amount')}: ${formatMoney(row.amount, language)}`;
        },
      },
      xAxis: { type: 'value', show: false },
      yAxis: {
        type: 'category',
        data: rows.map((row) => c360Label(t, 'channelNames', row.channel)),
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { fontSize: compact ? 11 : 12 },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 16,
          data: rows.map((row, index) => ({
            value: row.count,
            itemStyle: { color: PALETTE[(rows.length - 1 - index) % PALETTE.length], borderRadius: 3 },
          })),
          label: {
            show: true,
            position: 'right',
            fontSize: 11,
            formatter: (p: { dataIndex: number }) => `${Math.round((rows[p.dataIndex]?.share ?? 0) * 100)}%`,
          },
        },
      ],
    };
  }, [items, compact, language, t]);
  return (
    <EChart
      option={option}
      ariaLabel={t('c360.sections.channels')}
      testId="c360-channel-chart"
      style={{ height: Math.max(140, items.length * (compact ? 28 : 30) + 16) }}
    />
  );
}
