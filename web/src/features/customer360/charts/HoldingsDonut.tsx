import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HoldingCategory } from '../../../api/types.ts';
import { formatMoney, formatMoneyShort } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { enumLabel } from '../../../i18n/labels.ts';
import { EChart, type EChartOption } from '../../charts/EChart.tsx';
import { PALETTE } from './chart-theme.ts';

/** Asset balance by product category as a donut, the total in the middle. */
export function HoldingsDonut({
  categories,
  total,
  compact,
}: {
  categories: HoldingCategory[];
  total: number;
  compact: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const option = useMemo<EChartOption>(
    () => ({
      color: [...PALETTE],
      tooltip: {
        trigger: 'item',
        formatter: (params: { name: string; value: number; percent: number }) =>
          `${params.name}<br/>${formatMoney(params.value, language)} (${params.percent}%)`,
      },
      // Below the donut: beside it, long category names would run into the ring.
      legend: {
        bottom: 0,
        left: 'center',
        itemWidth: 10,
        itemHeight: 10,
        itemGap: 8,
        textStyle: { fontSize: 11 },
      },
      title: {
        text: formatMoneyShort(total, language),
        subtext: t('c360.holdings.total'),
        left: 'center',
        top: '34%',
        textAlign: 'center',
        textStyle: { fontSize: compact ? 15 : 17, fontWeight: 600, color: '#1a2b4a' },
        subtextStyle: { fontSize: 11, color: '#8c8c8c' },
        itemGap: 2,
      },
      series: [
        {
          type: 'pie',
          radius: ['44%', '66%'],
          center: ['50%', '42%'],
          avoidLabelOverlap: true,
          label: { show: false },
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          data: categories.map((c) => ({ name: enumLabel(t, 'categories', c.category), value: c.balance })),
        },
      ],
    }),
    [categories, total, compact, language, t],
  );
  return (
    <EChart
      option={option}
      ariaLabel={t('c360.sections.holdings')}
      testId="c360-holdings-donut"
      style={{ height: compact ? 260 : 280 }}
    />
  );
}
