import { PlusOutlined } from '@ant-design/icons';
import {
  Badge,
  Button,
  Card,
  Col,
  Input,
  Menu,
  Result,
  Row,
  Segmented,
  Select,
  Space,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { TagDefinition, TagTheme } from '../api/types.ts';
import { useMe } from '../features/auth/auth.hooks.ts';
import { useIsPhone } from '../features/shell/responsive.ts';
import { TagDetailDrawer } from '../features/tags/TagDetailDrawer.tsx';
import { TagEditor } from '../features/tags/TagEditor.tsx';
import { TagCards, TagTable } from '../features/tags/TagList.tsx';
import { TagRunPanel } from '../features/tags/TagRunPanel.tsx';
import { canEditTags, TAG_THEMES } from '../features/tags/tag-form.ts';
import { useTags, type TagStatusFilter } from '../features/tags/tags.hooks.ts';

const STATUS_FILTERS: readonly TagStatusFilter[] = ['active', 'retired', 'all'];

/** The tag catalogue: themes with counts, search, coverage, detail drawer, editor and tag runs. */
export function TagsPage() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const me = useMe();
  const canEdit = canEditTags(me.data?.role ?? '');
  const [params, setParams] = useSearchParams();
  const theme = (TAG_THEMES as readonly string[]).includes(params.get('theme') ?? '')
    ? (params.get('theme') as TagTheme)
    : null;
  const status = (STATUS_FILTERS as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as TagStatusFilter)
    : 'active';
  const q = params.get('q') ?? '';
  const openId = params.get('tag');
  const [editing, setEditing] = useState<{ tag: TagDefinition | null } | null>(null);
  const tags = useTags(status);

  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: key(patch) });
  };
  // Opening/closing the drawer is a navigation step of its own; filters replace the entry.
  function key(patch: Record<string, string | null>): boolean {
    return !('tag' in patch);
  }

  const all = useMemo(() => tags.data?.items ?? [], [tags.data]);
  const searched = useMemo(() => {
    const needle = q.trim().toLowerCase();
    if (!needle) return all;
    return all.filter((tag) => `${tag.id} ${tag.name.zh} ${tag.name.en}`.toLowerCase().includes(needle));
  }, [all, q]);
  const counts = useMemo(() => {
    const map = new Map<string, number>();
    for (const tag of searched) map.set(tag.theme, (map.get(tag.theme) ?? 0) + 1);
    return map;
  }, [searched]);
  const items = theme ? searched.filter((tag) => tag.theme === theme) : searched;
  const filtered = Boolean(q || theme || status !== 'active');

  const themeItems = [
    { key: '', label: <ThemeLabel text={t('tags.allThemes')} count={searched.length} /> },
    ...TAG_THEMES.map((th) => ({
      key: th,
      label: <ThemeLabel text={t(`tags.themes.${th}`)} count={counts.get(th) ?? 0} />,
    })),
  ];

  const list = isPhone ? (
    <TagCards
      items={items}
      loading={tags.isFetching}
      filtered={filtered}
      showTheme={!theme}
      onOpen={(id) => update({ tag: id })}
    />
  ) : (
    <TagTable
      items={items}
      loading={tags.isFetching}
      filtered={filtered}
      showTheme={!theme}
      onOpen={(id) => update({ tag: id })}
    />
  );

  return (
    <div className="page" data-testid="tags-page" data-loading={tags.isFetching ? 'true' : 'false'}>
      <div className="page-title-row" style={{ justifyContent: 'space-between' }}>
        <Space align="baseline" wrap>
          <Typography.Title level={3} className="page-title">
            {t('tags.title')}
          </Typography.Title>
          {tags.data ? (
            <Typography.Text type="secondary" data-testid="tag-total" data-total={items.length}>
              {t('tags.total', { count: items.length })}
            </Typography.Text>
          ) : null}
        </Space>
        {canEdit ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ tag: null })}
            data-testid="tag-new"
          >
            {t('tags.newTag')}
          </Button>
        ) : null}
      </div>
      <Card variant="borderless" className="page-card" styles={{ body: { padding: isPhone ? 12 : 16 } }}>
        <TagRunPanel canRun={canEdit} />
      </Card>
      <Card variant="borderless" className="page-card" styles={{ body: { padding: isPhone ? 12 : 20 } }}>
        {tags.isError && !tags.data ? (
          <div data-testid="tags-error">
            <Result
              status="warning"
              title={t('tags.loadError')}
              subTitle={tags.error.message}
              extra={
                <Button type="primary" onClick={() => void tags.refetch()}>
                  {t('common.retry')}
                </Button>
              }
            />
          </div>
        ) : (
          <Row gutter={[20, 12]} wrap={isPhone}>
            {isPhone ? null : (
              <Col flex="200px">
                <Menu
                  mode="inline"
                  selectedKeys={[theme ?? '']}
                  items={themeItems}
                  onClick={({ key: k }) => update({ theme: k || null })}
                  style={{ borderInlineEnd: 'none' }}
                  data-testid="tag-themes"
                />
              </Col>
            )}
            <Col flex="auto" style={{ minWidth: 0 }}>
              <Space direction="vertical" size={12} style={{ width: '100%' }}>
                <Space wrap style={{ width: '100%' }}>
                  {isPhone ? (
                    <Select
                      value={theme ?? ''}
                      onChange={(value) => update({ theme: value || null })}
                      options={themeItems.map((item) => ({ value: item.key, label: item.label }))}
                      style={{ minWidth: 160 }}
                      data-testid="tag-theme-select"
                    />
                  ) : null}
                  <Input.Search
                    id="tag-search"
                    allowClear
                    defaultValue={q}
                    placeholder={t('tags.search')}
                    onSearch={(value) => update({ q: value.trim() || null })}
                    onChange={(event) => {
                      if (event.target.value === '') update({ q: null });
                    }}
                    style={{ width: isPhone ? '100%' : 280 }}
                  />
                  <Segmented<TagStatusFilter>
                    value={status}
                    onChange={(value) => update({ status: value === 'active' ? null : value })}
                    options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`tags.status.${s}`) }))}
                    aria-label={t('tags.statusFilter')}
                  />
                </Space>
                {list}
              </Space>
            </Col>
          </Row>
        )}
      </Card>
      <TagDetailDrawer
        id={openId}
        canEdit={canEdit}
        onClose={() => update({ tag: null })}
        onEdit={(tag) => setEditing({ tag })}
      />
      {editing ? (
        <TagEditor
          open
          tag={editing.tag}
          defaultTheme={theme ?? undefined}
          onClose={() => setEditing(null)}
          onSaved={(id) => {
            setEditing(null);
            update({ tag: id });
          }}
        />
      ) : null}
    </div>
  );
}

function ThemeLabel({ text, count }: { text: string; count: number }) {
  return (
    <span style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
      <span>{text}</span>
      <Badge count={count} showZero overflowCount={999} color={count ? '#1f4e9c' : '#bfbfbf'} size="small" />
    </span>
  );
}
