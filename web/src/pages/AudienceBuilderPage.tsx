import { ArrowLeftOutlined, SaveOutlined, SplitCellsOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Result, Row, Skeleton, Space, Tabs, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { isApiStatus } from '../api/client.ts';
import type { AudienceNode } from '../api/types.ts';
import { AudienceBreakdownChart } from '../features/audiences/AudienceBreakdown.tsx';
import { AudienceBuilder } from '../features/audiences/AudienceBuilder.tsx';
import { AudienceCount } from '../features/audiences/AudienceCount.tsx';
import { AudienceSample } from '../features/audiences/AudienceSample.tsx';
import {
  builderToNode,
  emptyBuilder,
  hasUnfinishedCondition,
  nodeToBuilder,
  productCategories,
  type BuilderState,
} from '../features/audiences/audience-builder.ts';
import {
  useAudienceCount,
  useAudienceFields,
  useParseAudience,
  useSaveSegment,
  useSegment,
  useSegments,
} from '../features/audiences/audiences.hooks.ts';
import { ExpressionText } from '../features/audiences/ExpressionText.tsx';
import { ExportMenu, SaveSegmentModal, SplitModal } from '../features/audiences/SegmentActions.tsx';
import { useDebouncedValue } from '../features/search/search.hooks.ts';
import { useIsPhone } from '../features/shell/responsive.ts';

/** The audience builder (`/audiences/new`, `/audiences/:id`): conditions, live count, charts, sample, save. */
export function AudienceBuilderPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const { id } = useParams();
  const segment = useSegment(id);
  const fields = useAudienceFields();
  const segments = useSegments();
  const parse = useParseAudience();
  const save = useSaveSegment();

  const [builder, setBuilder] = useState<BuilderState>(emptyBuilder);
  // An expression typed as text that nests deeper than the builder shows; it is then the expression.
  const [textOnly, setTextOnly] = useState<AudienceNode | null>(null);
  const [draftText, setDraftText] = useState<string | null>(null);
  const [tab, setTab] = useState('builder');
  const [loadedId, setLoadedId] = useState<string | undefined>(undefined);
  const [saveOpen, setSaveOpen] = useState(false);
  const [splitOpen, setSplitOpen] = useState(false);

  // Show a saved segment's expression once it has loaded.
  useEffect(() => {
    const data = segment.data;
    if (!data || loadedId === data.id) return;
    setLoadedId(data.id);
    const state = nodeToBuilder(data.json);
    if (state) {
      setBuilder(state);
      setTextOnly(null);
    } else setTextOnly(data.json);
    setDraftText(null);
  }, [segment.data, loadedId]);

  const expression = useMemo(() => textOnly ?? builderToNode(builder), [textOnly, builder]);
  // Compare by content so re-renders with an equal expression do not restart the timer.
  const expressionKey = JSON.stringify(expression);
  const settledKey = useDebouncedValue(expressionKey, 350);
  const settled = useMemo(() => JSON.parse(settledKey) as AudienceNode, [settledKey]);
  const waitingForSegment = Boolean(id) && loadedId !== id;
  const live = waitingForSegment ? null : settled;
  const count = useAudienceCount(live);

  const fieldList = fields.data?.fields ?? [];
  const categories = useMemo(() => productCategories(fields.data?.fields ?? []), [fields.data]);

  const applyText = () => {
    const text = draftText ?? count.data?.text ?? '';
    parse.mutate(text, {
      onSuccess: ({ json }) => {
        const state = nodeToBuilder(json);
        if (state) {
          setBuilder(state);
          setTextOnly(null);
        } else setTextOnly(json);
        setDraftText(null);
        message.success(t('audiences.text.applied'));
      },
    });
  };

  const onSave = (input: { name: string; description?: string; kind: 'dynamic' | 'static' }) => {
    save.mutate(
      { id, input: { ...input, expression } },
      {
        onSuccess: (saved) => {
          setLoadedId(saved.id);
          setSaveOpen(false);
          message.success(t('audiences.save.saved'));
          if (!id) navigate(`/audiences/${encodeURIComponent(saved.id)}`, { replace: true });
        },
      },
    );
  };

  if (id && segment.isError) {
    const notFound = isApiStatus(segment.error, 404);
    return (
      <div className="page">
        <Card variant="borderless" className="page-card">
          <Result
            status={notFound ? '404' : 'warning'}
            title={notFound ? t('common.pageNotFound') : t('audiences.segments.loadError')}
            subTitle={notFound ? undefined : segment.error.message}
            extra={
              <Button type="primary" onClick={() => navigate('/audiences')}>
                {t('audiences.builder.back')}
              </Button>
            }
          />
        </Card>
      </div>
    );
  }

  const saved = id ? segment.data : undefined;
  const needSave = t('audiences.split.needSave');
  const actions = (
    <Space wrap>
      <Button
        type="primary"
        icon={<SaveOutlined />}
        onClick={() => setSaveOpen(true)}
        data-testid="segment-save"
      >
        {t('audiences.save.button')}
      </Button>
      <Tooltip title={saved ? undefined : needSave}>
        <Button
          icon={<SplitCellsOutlined />}
          disabled={!saved}
          onClick={() => setSplitOpen(true)}
          data-testid="segment-split"
        >
          {t('audiences.split.button')}
        </Button>
      </Tooltip>
      <ExportMenu segmentId={saved?.id} disabledReason={needSave} />
    </Space>
  );

  const builderTab = fields.isError ? (
    <Result
      status="warning"
      title={t('audiences.builder.fieldsError')}
      subTitle={fields.error.message}
      extra={<Button onClick={() => void fields.refetch()}>{t('common.retry')}</Button>}
    />
  ) : fields.isPending || waitingForSegment ? (
    <Skeleton active paragraph={{ rows: 5 }} />
  ) : textOnly ? (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        message={t('audiences.builder.tooComplex')}
        action={
          <Button
            size="small"
            onClick={() => {
              setTextOnly(null);
              setBuilder(emptyBuilder());
            }}
          >
            {t('audiences.builder.resetBuilder')}
          </Button>
        }
      />
      <pre className="mono" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
        {count.data?.text}
      </pre>
    </Space>
  ) : (
    <AudienceBuilder
      state={builder}
      fields={fieldList}
      categories={categories}
      segments={(segments.data?.items ?? []).filter((s) => s.id !== id)}
      onChange={setBuilder}
    />
  );

  return (
    <div className="page" data-testid="audience-builder-page">
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={() => navigate('/audiences')}
        style={{ paddingInline: 0, alignSelf: 'flex-start' }}
        data-testid="audience-back"
      >
        {t('audiences.builder.back')}
      </Button>
      <div className="page-title-row" style={{ justifyContent: 'space-between' }}>
        <Typography.Title level={3} className="page-title" data-testid="audience-title">
          {saved ? t('audiences.builder.titleEdit', { name: saved.name }) : t('audiences.builder.titleNew')}
        </Typography.Title>
        {isPhone ? null : actions}
      </div>
      <Card variant="borderless" className="page-card" styles={{ body: { padding: isPhone ? 12 : 16 } }}>
        <AudienceCount
          data={count.data}
          fetching={count.isFetching || settledKey !== expressionKey}
          error={count.isError ? count.error : null}
          everyone={expression.op === 'all'}
          incomplete={!textOnly && hasUnfinishedCondition(builder)}
        />
        {isPhone ? <div style={{ marginTop: 12 }}>{actions}</div> : null}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card variant="borderless" className="page-card" styles={{ body: { padding: isPhone ? 12 : 16 } }}>
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                { key: 'builder', label: t('audiences.builder.tabBuilder'), children: builderTab },
                {
                  key: 'text',
                  label: t('audiences.builder.tabText'),
                  children: (
                    <ExpressionText
                      value={draftText ?? count.data?.text ?? ''}
                      onChange={(text) => {
                        setDraftText(text);
                        parse.reset();
                      }}
                      onApply={applyText}
                      applying={parse.isPending}
                      error={parse.isError ? parse.error : null}
                    />
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            variant="borderless"
            className="page-card"
            title={t('audiences.breakdown.title')}
            styles={{ body: { padding: isPhone ? 12 : 16 } }}
          >
            <AudienceBreakdownChart expression={count.isError ? null : live} fields={fieldList} />
          </Card>
        </Col>
      </Row>
      <Card
        variant="borderless"
        className="page-card"
        title={t('audiences.sample.title')}
        styles={{ body: { padding: isPhone ? 8 : 16 } }}
      >
        <AudienceSample expression={count.isError ? null : live} />
      </Card>
      <SaveSegmentModal
        open={saveOpen}
        segment={saved}
        saving={save.isPending}
        error={save.isError ? save.error : null}
        onCancel={() => {
          setSaveOpen(false);
          save.reset();
        }}
        onSave={onSave}
      />
      {saved ? <SplitModal open={splitOpen} segment={saved} onClose={() => setSplitOpen(false)} /> : null}
    </div>
  );
}
