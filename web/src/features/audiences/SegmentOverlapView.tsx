import { Alert, Skeleton, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Segment } from '../../api/types.ts';
import { formatInteger } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useSegmentOverlap } from './audiences.hooks.ts';
import { unionCount, vennRegions, type VennRegion } from './segment-overlap.ts';

const COLORS = ['#1f4e9c', '#16a085', '#f39c12'];

// Circle centres and label positions of a 2- and a 3-set diagram in a 320 × 240 box.
const LAYOUT = {
  2: {
    circles: [
      { cx: 120, cy: 120, r: 85 },
      { cx: 200, cy: 120, r: 85 },
    ],
    labels: { '0': [85, 120], '1': [235, 120], '0,1': [160, 120] } as Record<string, [number, number]>,
  },
  3: {
    circles: [
      { cx: 125, cy: 95, r: 75 },
      { cx: 195, cy: 95, r: 75 },
      { cx: 160, cy: 155, r: 75 },
    ],
    labels: {
      '0': [95, 75],
      '1': [225, 75],
      '2': [160, 195],
      '0,1': [160, 70],
      '0,2': [118, 140],
      '1,2': [202, 140],
      '0,1,2': [160, 115],
    } as Record<string, [number, number]>,
  },
} as const;

function VennSvg({ ids, names, regions }: { ids: string[]; names: string[]; regions: VennRegion[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const layout = ids.length === 3 ? LAYOUT[3] : LAYOUT[2];
  return (
    <svg
      viewBox="0 0 320 240"
      style={{ width: '100%', maxWidth: 420, height: 'auto' }}
      role="img"
      aria-label={t('audiences.overlap.title')}
      data-testid="venn"
    >
      {layout.circles.map((c, i) => (
        <circle
          key={ids[i]}
          cx={c.cx}
          cy={c.cy}
          r={c.r}
          fill={COLORS[i]}
          fillOpacity={0.22}
          stroke={COLORS[i]}
          strokeWidth={1.5}
        />
      ))}
      {regions.map((region) => {
        const key = region.ids
          .map((id) => ids.indexOf(id))
          .sort()
          .join(',');
        const at = layout.labels[key];
        if (!at) return null;
        return (
          <text
            key={key}
            x={at[0]}
            y={at[1]}
            textAnchor="middle"
            dominantBaseline="middle"
            fontSize={13}
            fontWeight={600}
            fill="#1d2939"
          >
            {formatInteger(region.exclusive, language)}
          </text>
        );
      })}
      {layout.circles.map((c, i) => {
        const name = names[i] ?? '';
        const short = name.length > 10 ? `${name.slice(0, 9)}…` : name;
        const y = ids.length === 3 && i === 2 ? c.cy + c.r + 2 : c.cy - c.r - 6;
        return (
          <text
            key={`n${i}`}
            x={c.cx}
            y={Math.max(10, Math.min(236, y))}
            textAnchor="middle"
            fontSize={11}
            fill={COLORS[i]}
          >
            {short}
          </text>
        );
      })}
    </svg>
  );
}

/** Overlap of 2–3 segments: a Venn diagram and a table of every region. */
export function SegmentOverlapView({ segments }: { segments: Segment[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const ids = segments.map((s) => s.id);
  const overlap = useSegmentOverlap(ids);
  if (overlap.isError) {
    return (
      <Alert
        type="warning"
        showIcon
        message={t('audiences.overlap.error')}
        description={overlap.error.message}
      />
    );
  }
  if (!overlap.data) return <Skeleton active paragraph={{ rows: 4 }} />;
  const regions = vennRegions(ids, overlap.data);
  const nameOf = (id: string) => segments.find((s) => s.id === id)?.name ?? id;
  const rows = regions.map((region) => ({
    key: region.ids.join('+'),
    label:
      region.ids.length === 1
        ? t('audiences.overlap.only', { name: nameOf(region.ids[0]!) })
        : region.ids.map(nameOf).join(' ∩ '),
    exclusive: region.exclusive,
    intersection: region.intersection,
  }));
  return (
    <div
      style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'flex-start' }}
      data-testid="segment-overlap"
    >
      <div style={{ flex: '1 1 280px', display: 'flex', justifyContent: 'center' }}>
        <VennSvg ids={ids} names={ids.map(nameOf)} regions={regions} />
      </div>
      <div style={{ flex: '2 1 320px', minWidth: 0 }}>
        <Table
          size="small"
          pagination={false}
          dataSource={rows}
          columns={[
            { key: 'label', title: t('audiences.overlap.region'), dataIndex: 'label', ellipsis: true },
            {
              key: 'exclusive',
              title: t('audiences.overlap.exclusive'),
              dataIndex: 'exclusive',
              align: 'right',
              width: 110,
              render: (n: number) => <span className="num">{formatInteger(n, language)}</span>,
            },
            {
              key: 'intersection',
              title: t('audiences.overlap.intersection'),
              dataIndex: 'intersection',
              align: 'right',
              width: 110,
              render: (n: number) => <span className="num">{formatInteger(n, language)}</span>,
            },
          ]}
        />
        <Typography.Text
          type="secondary"
          style={{ display: 'block', marginTop: 8 }}
          data-testid="overlap-union"
        >
          {t('audiences.overlap.union')}: {formatInteger(unionCount(regions), language)}
        </Typography.Text>
      </div>
    </div>
  );
}
