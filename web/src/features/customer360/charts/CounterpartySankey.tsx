import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SankeyLink, SankeyNode } from '../../../api/types.ts';
import { formatMoney } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { EChart, type EChartOption } from '../../charts/EChart.tsx';
import { counterpartyLabel } from '../counterparty-label.ts';
import { CHART_COLORS } from './chart-theme.ts';

const SIDE_COLORS: Record<SankeyNode['side'], string> = {
  source: CHART_COLORS.inflow,
  customer: CHART_COLORS.primary,
  destination: CHART_COLORS.outflow,
};

/**
 * Where the money comes from and where it goes: sources → the customer → destinations. ECharts
 * identifies sankey nodes by name, and two counterparties may share a name across sides, so the
 * nodes are keyed by the API's unique ids and labelled with their names.
 */
export function CounterpartySankey({
  nodes,
  links,
  customerName,
  compact,
}: {
  nodes: SankeyNode[];
  links: SankeyLink[];
  customerName: string;
  compact: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const option = useMemo<EChartOption>(() => {
    const label = (node: SankeyNode) =>
      node.side === 'customer' ? customerName : counterpartyLabel(t, node.name);
    const byId = new Map(nodes.map((node) => [node.id, node]));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (params: {
          dataType: 'node' | 'edge';
          data: { source?: string; target?: string; value?: number; label?: string };
          value: number;
        }) => {
          if (params.dataType === 'edge') {
            const from = byId.get(params.data.source ?? '');
            const to = byId.get(params.data.target ?? '');
            return `${from ? label(from) : ''} → ${to ? label(to) : ''}<br/>${formatMoney(params.value, language)}`;
          }
          return `${params.data.label ?? ''}<br/>${formatMoney(params.value, language)}`;
        },
      },
      series: [
        {
          type: 'sankey',
          left: compact ? 4 : 8,
          right: compact ? 4 : 8,
          top: 8,
          bottom: 8,
          nodeWidth: compact ? 10 : 14,
          // Gaps at least a label high, so small counterparties' labels do not overlap.
          nodeGap: compact ? 14 : 16,
          nodeAlign: 'justify',
          draggable: false,
          emphasis: { focus: 'adjacency' },
          data: nodes.map((node) => ({
            name: node.id,
            label: label(node),
            itemStyle: { color: SIDE_COLORS[node.side], borderWidth: 0 },
            depth: node.side === 'source' ? 0 : node.side === 'customer' ? 1 : 2,
          })),
          links: links.map((link) => ({ ...link })),
          lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
          label: {
            fontSize: compact ? 10 : 11,
            color: '#1f2937',
            width: compact ? 92 : 150,
            overflow: 'truncate',
            formatter: (params: { data: { label?: string } }) => params.data.label ?? '',
          },
          levels: [
            { depth: 0, label: { position: 'right' } },
            { depth: 1, label: { position: 'inside', color: '#fff', fontWeight: 600, rotate: 90 } },
            { depth: 2, label: { position: 'left' } },
          ],
        },
      ],
    };
  }, [nodes, links, customerName, compact, language, t]);
  const sourceCount = nodes.filter((n) => n.side === 'source').length;
  const destinationCount = nodes.filter((n) => n.side === 'destination').length;
  const height = Math.max(compact ? 240 : 280, Math.max(sourceCount, destinationCount) * (compact ? 32 : 36));
  return (
    <EChart
      option={option}
      ariaLabel={t('c360.sections.counterparties')}
      testId="c360-sankey"
      style={{ height }}
    />
  );
}
