import { Card, Empty, List, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagSummary } from '../../api/types.ts';
import { formatDate } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { CoverageBar } from './CoverageBar.tsx';
import { localized } from './tag-form.ts';

const cellOf = (column: string) => () => ({ 'data-col': column }) as HTMLAttributes<HTMLElement>;

const KIND_COLORS = { enum: 'blue', boolean: 'green', numeric: 'purple' } as const;

/** A coloured tag naming a tag kind. */
export function TagKindTag({ kind }: { kind: TagSummary['kind'] }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLORS[kind]}>{t(`tags.kinds.${kind}`)}</Tag>;
}

/** Active / retired, and built-in / custom. */
export function TagStatusTags({ tag }: { tag: Pick<TagSummary, 'status' | 'builtIn'> }) {
  const { t } = useTranslation();
  return (
    <Space size={0} wrap>
      <Tag color={tag.status === 'active' ? 'success' : 'default'}>{t(`tags.status.${tag.status}`)}</Tag>
      <Tag bordered={false}>{tag.builtIn ? t('tags.builtIn') : t('tags.custom')}</Tag>
    </Space>
  );
}

interface TagListProps {
  items: TagSummary[];
  loading: boolean;
  filtered: boolean;
  showTheme: boolean;
  onOpen: (id: string) => void;
}

/** The catalogue as a table (desktop). */
export function TagTable({ items, loading, filtered, showTheme, onOpen }: TagListProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const columns: TableColumnsType<TagSummary> = [
    {
      key: 'name',
      title: t('tags.columns.name'),
      onCell: cellOf('name'),
      render: (_, row) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Link onClick={() => onOpen(row.id)} data-tag-id={row.id}>
            {localized(row.name, language)}
          </Typography.Link>
          <div>
            <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
              {row.id}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    ...(showTheme
      ? [
          {
            key: 'theme',
            title: t('tags.columns.theme'),
            dataIndex: 'theme',
            width: 110,
            onCell: cellOf('theme'),
            render: (theme: string) => t(`tags.themes.${theme}`),
          },
        ]
      : []),
    {
      key: 'kind',
      title: t('tags.columns.kind'),
      dataIndex: 'kind',
      width: 90,
      onCell: cellOf('kind'),
      render: (kind: TagSummary['kind']) => <TagKindTag kind={kind} />,
    },
    {
      key: 'coverage',
      title: t('tags.columns.coverage'),
      width: 170,
      onCell: cellOf('coverage'),
      sorter: (a, b) => (a.coverage?.ratio ?? -1) - (b.coverage?.ratio ?? -1),
      render: (_, row) => <CoverageBar coverage={row.coverage} />,
    },
    {
      key: 'refresh',
      title: t('tags.columns.refresh'),
      dataIndex: 'refresh',
      width: 100,
      onCell: cellOf('refresh'),
      render: (refresh: string) => t(`tags.refresh.${refresh}`),
    },
    {
      key: 'status',
      title: t('tags.columns.status'),
      width: 150,
      onCell: cellOf('status'),
      render: (_, row) => <TagStatusTags tag={row} />,
    },
    {
      key: 'lastRun',
      title: t('tags.columns.lastRun'),
      dataIndex: 'lastRunAt',
      width: 110,
      onCell: cellOf('lastRun'),
      render: (value: string | null) => (value ? formatDate(value) : t('common.notSet')),
    },
  ];
  return (
    <Table<TagSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={{ pageSize: 20, showSizeChanger: true, hideOnSinglePage: true }}
      scroll={{ x: 820 }}
      data-testid="tag-table"
      locale={{
        emptyText: (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={filtered ? t('tags.emptyFiltered') : t('tags.empty')}
          />
        ),
      }}
      onRow={(row) => ({
        onClick: (event) => {
          if ((event.target as HTMLElement).closest('a')) return;
          onOpen(row.id);
        },
        style: { cursor: 'pointer' },
      })}
    />
  );
}

/** The catalogue as cards (phone). */
export function TagCards({ items, loading, filtered, onOpen }: TagListProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div data-testid="tag-cards">
      <List<TagSummary>
        dataSource={items}
        loading={loading}
        rowKey="id"
        split={false}
        pagination={items.length > 20 ? { pageSize: 20, size: 'small', align: 'center' } : false}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={filtered ? t('tags.emptyFiltered') : t('tags.empty')}
            />
          ),
        }}
        renderItem={(tag) => (
          <List.Item style={{ padding: '0 0 10px' }}>
            <Card
              size="small"
              hoverable
              style={{ width: '100%' }}
              onClick={() => onOpen(tag.id)}
              role="link"
              tabIndex={0}
              onKeyDown={(event) => {
                if (event.key === 'Enter') onOpen(tag.id);
              }}
              data-tag-id={tag.id}
            >
              <div
                style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 8 }}
              >
                <div style={{ minWidth: 0 }}>
                  <Typography.Text strong ellipsis data-col="name">
                    {localized(tag.name, language)}
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
                      {tag.id}
                    </Typography.Text>
                  </div>
                </div>
                <TagKindTag kind={tag.kind} />
              </div>
              <div style={{ marginTop: 6 }}>
                <CoverageBar coverage={tag.coverage} width={220} />
              </div>
              <TagStatusTags tag={tag} />
            </Card>
          </List.Item>
        )}
      />
    </div>
  );
}
