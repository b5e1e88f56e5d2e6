import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  List,
  Popconfirm,
  Result,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Segment } from '../api/types.ts';
import { useAudienceIndex, useDeleteSegment, useSegments } from '../features/audiences/audiences.hooks.ts';
import { SegmentOverlapView } from '../features/audiences/SegmentOverlapView.tsx';
import { useIsPhone } from '../features/shell/responsive.ts';
import { formatDate, formatInteger } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';

function SegmentKindTag({ kind }: { kind: Segment['kind'] }) {
  const { t } = useTranslation();
  return <Tag color={kind === 'dynamic' ? 'blue' : 'default'}>{t(`audiences.segments.${kind}`)}</Tag>;
}

/** Saved segments: counts, kinds, overlap of 2–3 of them; open and delete. */
export function SegmentsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const segments = useSegments();
  const index = useAudienceIndex();
  const remove = useDeleteSegment();
  const [selected, setSelected] = useState<string[]>([]);
  const items = useMemo(() => segments.data?.items ?? [], [segments.data]);
  const chosen = selected.map((id) => items.find((s) => s.id === id)).filter((s): s is Segment => Boolean(s));

  const toggle = (id: string, on: boolean) => {
    if (!on) setSelected(selected.filter((s) => s !== id));
    else if (selected.length >= 3) message.info(t('audiences.overlap.tooMany'));
    else setSelected([...selected, id]);
  };
  const del = (segment: Segment) =>
    remove.mutateAsync(segment.id).then(
      () => {
        setSelected((current) => current.filter((id) => id !== segment.id));
        message.success(t('audiences.segments.deleted'));
      },
      (error: Error) => message.error(error.message),
    );
  const countOf = (segment: Segment) =>
    segment.count === null ? t('common.notSet') : formatInteger(segment.count, language);

  const columns: TableColumnsType<Segment> = [
    {
      key: 'name',
      title: t('audiences.segments.name'),
      render: (_, row) => (
        <div style={{ minWidth: 0 }}>
          <Link to={`/audiences/${encodeURIComponent(row.id)}`} data-col="name">
            {row.name}
          </Link>
          {row.description ? (
            <div>
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 320 }}>
                {row.description}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    {
      key: 'kind',
      title: t('audiences.segments.kind'),
      dataIndex: 'kind',
      width: 80,
      render: (kind: Segment['kind']) => <SegmentKindTag kind={kind} />,
    },
    {
      key: 'count',
      title: t('audiences.segments.count'),
      dataIndex: 'count',
      align: 'right',
      width: 110,
      sorter: (a, b) => (a.count ?? -1) - (b.count ?? -1),
      onCell: () => ({ 'data-col': 'count' }) as HTMLAttributes<HTMLElement>,
      render: (_, row) => <span className="num">{countOf(row)}</span>,
    },
    {
      key: 'text',
      title: t('audiences.segments.expression'),
      dataIndex: 'text',
      ellipsis: true,
      render: (text: string) => (
        <Typography.Text className="mono" style={{ fontSize: 12 }} title={text}>
          {text}
        </Typography.Text>
      ),
    },
    { key: 'createdBy', title: t('audiences.segments.createdBy'), dataIndex: 'createdBy', width: 100 },
    {
      key: 'updated',
      title: t('audiences.segments.updated'),
      dataIndex: 'updatedAt',
      width: 110,
      render: (v: string) => formatDate(v),
    },
    {
      key: 'actions',
      title: t('audiences.segments.actions'),
      width: 130,
      render: (_, row) => (
        <Space size={4}>
          <Button
            size="small"
            type="link"
            onClick={() => navigate(`/audiences/${encodeURIComponent(row.id)}`)}
          >
            {t('audiences.segments.open')}
          </Button>
          <Popconfirm
            title={t('audiences.segments.deleteConfirm', { name: row.name })}
            okButtonProps={{ danger: true }}
            onConfirm={() => del(row)}
          >
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('audiences.segments.delete')}
              data-testid="segment-delete"
            />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const list = isPhone ? (
    <List<Segment>
      dataSource={items}
      loading={segments.isFetching}
      rowKey="id"
      split={false}
      data-testid="segment-cards"
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audiences.segments.empty')} />,
      }}
      renderItem={(segment) => (
        <List.Item style={{ padding: '0 0 10px' }}>
          <Card size="small" style={{ width: '100%' }} data-segment-id={segment.id}>
            <div style={{ display: 'flex', gap: 10, alignItems: 'flex-start' }}>
              <Checkbox
                checked={selected.includes(segment.id)}
                onChange={(event) => toggle(segment.id, event.target.checked)}
              />
              <div style={{ flex: 1, minWidth: 0 }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <Link to={`/audiences/${encodeURIComponent(segment.id)}`} data-col="name">
                    {segment.name}
                  </Link>
                  <Typography.Text strong className="num" data-col="count">
                    {countOf(segment)}
                  </Typography.Text>
                </div>
                <Typography.Text
                  type="secondary"
                  className="mono"
                  ellipsis
                  style={{ fontSize: 12, display: 'block' }}
                >
                  {segment.text}
                </Typography.Text>
                <Space size={4} style={{ marginTop: 4 }}>
                  <SegmentKindTag kind={segment.kind} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDate(segment.updatedAt)}
                  </Typography.Text>
                </Space>
              </div>
              <Popconfirm
                title={t('audiences.segments.deleteConfirm', { name: segment.name })}
                okButtonProps={{ danger: true }}
                onConfirm={() => del(segment)}
              >
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('audiences.segments.delete')}
                />
              </Popconfirm>
            </div>
          </Card>
        </List.Item>
      )}
    />
  ) : (
    <Table<Segment>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={segments.isFetching}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 980 }}
      data-testid="segment-table"
      rowSelection={{
        selectedRowKeys: selected,
        hideSelectAll: true,
        onSelect: (row, on) => toggle(row.id, on),
      }}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audiences.segments.empty')} />,
      }}
    />
  );

  return (
    <div className="page" data-testid="segments-page" data-loading={segments.isFetching ? 'true' : 'false'}>
      <div className="page-title-row" style={{ justifyContent: 'space-between' }}>
        <Space align="baseline" wrap>
          <Typography.Title level={3} className="page-title">
            {t('audiences.segments.title')}
          </Typography.Title>
          {segments.data ? (
            <Typography.Text type="secondary" data-testid="segment-total" data-total={items.length}>
              {t('audiences.segments.total', { count: items.length })}
            </Typography.Text>
          ) : null}
        </Space>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => navigate('/audiences/new')}
          data-testid="audience-new"
        >
          {t('audiences.segments.new')}
        </Button>
      </div>
      {index.data ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="audience-index">
          {t('audiences.segments.index', {
            customers: formatInteger(index.data.customers, language),
            columns: index.data.columns,
            mb: (index.data.bytes / 1024 / 1024).toFixed(1),
          })}
        </Typography.Text>
      ) : null}
      <Card variant="borderless" className="page-card" styles={{ body: { padding: isPhone ? 12 : 20 } }}>
        {segments.isError && !segments.data ? (
          <Result
            status="warning"
            title={t('audiences.segments.loadError')}
            subTitle={segments.error.message}
            extra={
              <Button type="primary" onClick={() => void segments.refetch()}>
                {t('common.retry')}
              </Button>
            }
          />
        ) : (
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            {items.length >= 2 ? (
              <Typography.Text type="secondary">{t('audiences.segments.selectHint')}</Typography.Text>
            ) : null}
            {list}
          </Space>
        )}
      </Card>
      {chosen.length >= 2 ? (
        <Card variant="borderless" className="page-card" title={t('audiences.overlap.title')}>
          <SegmentOverlapView segments={chosen} />
        </Card>
      ) : null}
    </div>
  );
}
