import { EditOutlined, StopOutlined } from '@ant-design/icons';
import {
  App,
  Alert,
  Button,
  Descriptions,
  Drawer,
  Popconfirm,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { TagDefinition, TagVersion } from '../../api/types.ts';
import { formatDate } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useIsPhone } from '../shell/responsive.ts';
import { CoverageBar } from './CoverageBar.tsx';
import { TagDistributionChart } from './TagDistributionChart.tsx';
import { TagKindTag, TagStatusTags } from './TagList.tsx';
import { localized } from './tag-form.ts';
import { useRetireTag, useTag } from './tags.hooks.ts';

/** A block of code (SQL), kept on its lines and scrollable. */
export function CodeBlock({ code, testId }: { code: string; testId?: string }) {
  return (
    <pre
      className="mono"
      data-testid={testId}
      style={{
        margin: 0,
        padding: '10px 12px',
        background: '#0f1d33',
        color: '#e6edf7',
        borderRadius: 6,
        overflowX: 'auto',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-word',
        fontSize: 12.5,
        lineHeight: 1.55,
      }}
    >
      {code}
    </pre>
  );
}

function SourceView({ tag }: { tag: TagDefinition }) {
  const { t } = useTranslation();
  if (tag.source.type === 'sql') return <CodeBlock code={tag.source.expression} testId="tag-sql" />;
  if (tag.source.type === 'model')
    return <span>{t('tags.detail.model', { model: tag.source.model, output: tag.source.output })}</span>;
  return <span>{t('tags.detail.list', { count: tag.source.customerIds.length })}</span>;
}

/** The tag detail drawer: coverage, distribution, definition with its SQL, versions; edit and retire. */
export function TagDetailDrawer({
  id,
  canEdit,
  onClose,
  onEdit,
}: {
  id: string | null;
  canEdit: boolean;
  onClose: () => void;
  onEdit: (tag: TagDefinition) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const detail = useTag(id);
  const retire = useRetireTag();
  const tag = detail.data?.tag;

  const extra =
    tag && canEdit && tag.status === 'active' ? (
      <Space>
        <Button icon={<EditOutlined />} onClick={() => onEdit(tag)} data-testid="tag-edit">
          {t('tags.detail.edit')}
        </Button>
        <Popconfirm
          title={t('tags.detail.retireConfirm')}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            retire.mutateAsync(tag.id).then(
              () => message.success(t('tags.detail.retired')),
              (error: Error) => message.error(error.message),
            )
          }
        >
          <Button danger icon={<StopOutlined />} loading={retire.isPending} data-testid="tag-retire">
            {t('tags.detail.retire')}
          </Button>
        </Popconfirm>
      </Space>
    ) : null;

  const versionColumns = [
    { key: 'version', title: t('tags.detail.version'), dataIndex: 'version', width: 70 },
    {
      key: 'changedAt',
      title: t('tags.detail.changedAt'),
      dataIndex: 'changedAt',
      width: 110,
      render: (value: string) => formatDate(value),
    },
    { key: 'changedBy', title: t('tags.detail.changedBy'), dataIndex: 'changedBy', width: 110 },
    {
      key: 'note',
      title: t('tags.detail.note'),
      dataIndex: 'note',
      render: (value: string | null) => value ?? t('common.notSet'),
    },
  ];

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={isPhone ? '100%' : 720}
      title={tag ? localized(tag.name, language) : t('tags.detail.title')}
      extra={isPhone ? null : extra}
      destroyOnHidden
      data-testid="tag-detail"
    >
      {detail.isPending && id ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : detail.isError ? (
        <Alert
          type="error"
          showIcon
          message={t('tags.detail.loadError')}
          description={detail.error.message}
        />
      ) : tag && detail.data ? (
        <Space direction="vertical" size={20} style={{ width: '100%' }} data-testid="tag-detail-body">
          {isPhone ? extra : null}
          <Space wrap size={4}>
            <Tag>{t(`tags.themes.${tag.theme}`)}</Tag>
            <TagKindTag kind={tag.kind} />
            <TagStatusTags tag={tag} />
          </Space>
          {localized(tag.description, language) ? (
            <Typography.Paragraph style={{ margin: 0 }}>
              {localized(tag.description, language)}
            </Typography.Paragraph>
          ) : null}
          <section>
            <Typography.Title level={5}>{t('tags.detail.coverage')}</Typography.Title>
            <CoverageBar coverage={detail.data.coverage} width={320} />
          </section>
          <section>
            <Typography.Title level={5}>{t('tags.detail.distribution')}</Typography.Title>
            <TagDistributionChart distribution={detail.data.distribution} tag={tag} />
          </section>
          <section>
            <Typography.Title level={5}>{t('tags.detail.definition')}</Typography.Title>
            <Descriptions
              size="small"
              bordered
              column={1}
              styles={{ label: { width: isPhone ? 96 : 130 } }}
              items={[
                { key: 'id', label: t('tags.detail.id'), children: <span className="mono">{tag.id}</span> },
                {
                  key: 'appliesTo',
                  label: t('tags.detail.appliesTo'),
                  children: t(`tags.appliesTo.${tag.appliesTo}`),
                },
                {
                  key: 'refresh',
                  label: t('tags.detail.refresh'),
                  children: t(`tags.refresh.${tag.refresh}`),
                },
                ...(tag.unit
                  ? [{ key: 'unit', label: t('tags.detail.unit'), children: t(`tags.units.${tag.unit}`) }]
                  : []),
                ...(tag.values?.length
                  ? [
                      {
                        key: 'values',
                        label: t('tags.detail.values'),
                        children: (
                          <Space size={[4, 4]} wrap>
                            {tag.values.map((v) => (
                              <Tag key={v.value} title={v.value}>
                                {language === 'en' ? v.en : v.zh}
                              </Tag>
                            ))}
                          </Space>
                        ),
                      },
                    ]
                  : []),
                ...(tag.buckets?.length
                  ? [{ key: 'buckets', label: t('tags.detail.buckets'), children: tag.buckets.join(' · ') }]
                  : []),
                { key: 'owner', label: t('tags.detail.owner'), children: tag.owner },
                { key: 'version', label: t('tags.detail.version'), children: `v${tag.version}` },
                {
                  key: 'source',
                  label: `${t('tags.detail.source')} · ${t(`tags.sources.${tag.source.type}`)}`,
                  children: <SourceView tag={tag} />,
                },
              ]}
            />
          </section>
          {detail.data.versions.length > 0 ? (
            <section>
              <Typography.Title level={5}>{t('tags.detail.versions')}</Typography.Title>
              <Table<TagVersion>
                rowKey="version"
                size="small"
                pagination={false}
                columns={versionColumns}
                dataSource={detail.data.versions}
                scroll={{ x: 420 }}
                data-testid="tag-versions"
              />
            </section>
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}
