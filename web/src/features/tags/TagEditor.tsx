import { DeleteOutlined, ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type {
  FeatureColumn,
  TagDefinition,
  TagDefinitionInput,
  TagPreview,
  TagTheme,
} from '../../api/types.ts';
import { formatInteger } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useIsPhone } from '../shell/responsive.ts';
import { CoverageBar } from './CoverageBar.tsx';
import { CodeBlock } from './TagDetailDrawer.tsx';
import { TagDistributionChart } from './TagDistributionChart.tsx';
import {
  duplicateValue,
  emptyTagForm,
  formToDefinition,
  parseBuckets,
  TAG_ID_PATTERN,
  TAG_KINDS,
  TAG_THEMES,
  TAG_UNITS,
  tagToForm,
  type TagFormValues,
} from './tag-form.ts';
import { useFeatureColumns, usePreviewTag, useSaveTag } from './tags.hooks.ts';

/** The server's message, with the details it gives (field paths, suggestions) when present. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error instanceof ApiError && error.details && typeof error.details === 'object') {
    const details = error.details as {
      issues?: { path?: (string | number)[]; message?: string }[];
      suggestions?: string[];
    };
    const parts: string[] = [];
    for (const issue of details.issues ?? []) {
      parts.push(issue.path?.length ? `${issue.path.join('.')}: ${issue.message}` : String(issue.message));
    }
    if (details.suggestions?.length) parts.push(`→ ${details.suggestions.join(', ')}`);
    if (parts.length) return `${error.message} (${parts.join('; ')})`;
  }
  return error.message;
}

/** Searchable list of the customer_features columns; a click inserts the name into the SQL. */
function FeatureColumnList({ onInsert }: { onInsert: (name: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const features = useFeatureColumns();
  const [q, setQ] = useState('');
  const items = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const all = features.data?.columns ?? [];
    if (!needle) return all;
    return all.filter((c) => `${c.name} ${c.zh} ${c.en}`.toLowerCase().includes(needle));
  }, [features.data, q]);
  return (
    <div data-testid="feature-columns">
      <Typography.Text strong>{t('tags.editor.features')}</Typography.Text>
      <Input.Search
        size="small"
        allowClear
        placeholder={t('tags.editor.featuresSearch')}
        value={q}
        onChange={(event) => setQ(event.target.value)}
        style={{ margin: '6px 0' }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('tags.editor.featuresHint')}
      </Typography.Text>
      {features.isError ? (
        <Alert
          type="warning"
          showIcon
          message={t('tags.editor.featuresError')}
          description={features.error.message}
        />
      ) : (
        <List<FeatureColumn>
          size="small"
          loading={features.isPending}
          dataSource={items}
          style={{ maxHeight: 420, overflowY: 'auto', marginTop: 6 }}
          rowKey="name"
          renderItem={(column) => (
            <List.Item
              style={{ cursor: 'pointer', padding: '4px 6px' }}
              onClick={() => onInsert(column.name)}
              data-feature={column.name}
            >
              <div style={{ minWidth: 0 }}>
                <Typography.Text className="mono" style={{ fontSize: 12 }}>
                  {column.name}
                </Typography.Text>{' '}
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {column.type}
                </Typography.Text>
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
                  {language === 'en' ? column.en : column.zh}
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

function PreviewResult({ preview, definition }: { preview: TagPreview; definition: TagDefinitionInput }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="tag-preview">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('tags.editor.previewTitle', { sample: formatInteger(preview.sample, language) })}
      </Typography.Title>
      <CoverageBar coverage={preview.coverage} width={320} />
      <TagDistributionChart
        distribution={preview.distribution}
        tag={definition}
        testId="tag-preview-distribution"
        height={220}
      />
      <Table
        size="small"
        rowKey={(row) => row.customerId}
        pagination={false}
        dataSource={preview.examples.slice(0, 10)}
        title={() => t('tags.editor.examples')}
        columns={[
          {
            key: 'customer',
            title: t('tags.editor.customer'),
            dataIndex: 'customerId',
            render: (id: string) => <span className="mono">{id}</span>,
          },
          {
            key: 'value',
            title: t('tags.editor.exampleValue'),
            dataIndex: 'value',
            render: (value: unknown) => String(value),
          },
        ]}
      />
      {preview.sql ? (
        <div>
          <Typography.Text type="secondary">{t('tags.editor.compiledSql')}</Typography.Text>
          <CodeBlock code={preview.sql} />
        </div>
      ) : null}
    </Space>
  );
}

/** Create or edit a tag: definition fields, SQL with the column list, preview on a sample, save. */
export function TagEditor({
  open,
  tag,
  defaultTheme,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** The tag to edit, or null to create one. */
  tag: TagDefinition | null;
  defaultTheme?: TagTheme;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const [form] = Form.useForm<TagFormValues>();
  const kind = Form.useWatch('kind', form);
  const watched = Form.useWatch((values: TagFormValues) => values, form);
  const preview = usePreviewTag();
  const save = useSaveTag();
  const cursor = useRef<number | null>(null);
  const previewBox = useRef<HTMLDivElement>(null);
  // The result (or the error) is below the form: bring it into view when it arrives.
  useEffect(() => {
    if (preview.isSuccess || preview.isError)
      previewBox.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [preview.isSuccess, preview.isError, preview.submittedAt]);
  const [previewedJson, setPreviewedJson] = useState<string | null>(null);
  const isNew = tag === null;
  const keepSource = tag?.source.type === 'sql' ? undefined : tag?.source;
  const initialValues = useMemo(
    () => (tag ? tagToForm(tag) : emptyTagForm(defaultTheme)),
    [tag, defaultTheme],
  );

  const currentDefinition = (): TagDefinitionInput =>
    formToDefinition({ ...initialValues, ...form.getFieldsValue(true) } as TagFormValues, keepSource);
  const previewStale =
    preview.data !== undefined &&
    watched !== undefined &&
    previewedJson !== JSON.stringify(currentDefinition());

  const insertColumn = (name: string) => {
    const text: string = form.getFieldValue('expression') ?? '';
    const at = cursor.current ?? text.length;
    const next = `${text.slice(0, at)}${name}${text.slice(at)}`;
    form.setFieldValue('expression', next);
    cursor.current = at + name.length;
  };

  const runPreview = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const definition = currentDefinition();
    setPreviewedJson(JSON.stringify(definition));
    preview.mutate(definition);
  };

  const submit = async (values: TagFormValues) => {
    const definition = formToDefinition({ ...initialValues, ...values }, keepSource);
    try {
      const saved = await save.mutateAsync({ definition, isNew });
      message.success(t('tags.editor.saved'));
      onSaved(saved.tag.id);
    } catch {
      // Shown inline below the form.
    }
  };

  const trackCursor = (event: { currentTarget: HTMLTextAreaElement }) => {
    cursor.current = event.currentTarget.selectionStart;
  };

  const formBody = (
    <Form<TagFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={submit}
      requiredMark="optional"
      data-testid="tag-editor-form"
    >
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="id"
            label={t('tags.editor.id')}
            tooltip={t('tags.editor.idHelp')}
            rules={[
              { required: true, message: t('tags.editor.idRequired') },
              { pattern: TAG_ID_PATTERN, message: t('tags.editor.idPattern') },
            ]}
          >
            <Input className="mono" disabled={!isNew} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="theme" label={t('tags.editor.theme')} rules={[{ required: true }]}>
            <Select
              options={TAG_THEMES.map((theme) => ({ value: theme, label: t(`tags.themes.${theme}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="kind" label={t('tags.editor.kind')} rules={[{ required: true }]}>
            <Select options={TAG_KINDS.map((k) => ({ value: k, label: t(`tags.kinds.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="nameZh"
            label={t('tags.editor.nameZh')}
            rules={[{ required: true, whitespace: true, message: t('tags.editor.nameRequired') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="nameEn"
            label={t('tags.editor.nameEn')}
            rules={[{ required: true, whitespace: true, message: t('tags.editor.nameRequired') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="appliesTo" label={t('tags.editor.appliesTo')}>
            <Select
              options={(['all', 'retail', 'corporate'] as const).map((v) => ({
                value: v,
                label: t(`tags.appliesTo.${v}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="refresh" label={t('tags.editor.refresh')}>
            <Select
              options={(['daily', 'realtime'] as const).map((v) => ({
                value: v,
                label: t(`tags.refresh.${v}`),
              }))}
            />
          </Form.Item>
        </Col>
        {kind === 'numeric' ? (
          <Col xs={12} sm={8}>
            <Form.Item name="unit" label={t('tags.editor.unit')}>
              <Select
                allowClear
                options={TAG_UNITS.map((u) => ({ value: u, label: t(`tags.units.${u}`) }))}
              />
            </Form.Item>
          </Col>
        ) : null}
      </Row>

      {kind === 'enum' ? (
        <Form.List
          name="values"
          rules={[
            {
              validator: async (_, values: TagFormValues['values'] | undefined) => {
                const filled = (values ?? []).filter((v) => v?.value?.trim());
                if (filled.length === 0) throw new Error(t('tags.editor.valuesRequired'));
                const duplicate = duplicateValue(filled);
                if (duplicate !== null)
                  throw new Error(t('tags.editor.duplicateValue', { value: duplicate }));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Form.Item label={t('tags.editor.values')} required>
              <Space direction="vertical" style={{ width: '100%' }} size={6}>
                {fields.map((field) => (
                  <Space.Compact key={field.key} style={{ width: '100%' }}>
                    <Form.Item name={[field.name, 'value']} noStyle>
                      <Input className="mono" placeholder={t('tags.editor.value')} style={{ width: '34%' }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'zh']} noStyle>
                      <Input placeholder={t('tags.editor.valueZh')} style={{ width: '30%' }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'en']} noStyle>
                      <Input placeholder={t('tags.editor.valueEn')} style={{ width: '30%' }} />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label="remove"
                    />
                  </Space.Compact>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ value: '', zh: '', en: '' })}
                >
                  {t('tags.editor.addValue')}
                </Button>
                <Form.ErrorList errors={errors} />
              </Space>
            </Form.Item>
          )}
        </Form.List>
      ) : null}

      {kind === 'numeric' ? (
        <Row gutter={12}>
          <Col xs={24} sm={16}>
            <Form.Item
              name="buckets"
              label={t('tags.editor.buckets')}
              tooltip={t('tags.editor.bucketsHelp')}
              rules={[
                {
                  validator: async (_, text: string | undefined) => {
                    if ('error' in parseBuckets(text ?? '')) throw new Error(t('tags.editor.bucketsInvalid'));
                  },
                },
              ]}
            >
              <Input className="mono" placeholder="0, 10000, 100000, 1000000" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="scale" label={t('tags.editor.scale')} tooltip={t('tags.editor.scaleHelp')}>
              <InputNumber min={0} max={6} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      ) : null}

      {keepSource ? (
        <Alert type="info" showIcon message={t('tags.editor.nonSqlSource')} style={{ marginBottom: 16 }} />
      ) : (
        <Form.Item
          name="expression"
          label={t('tags.editor.expression')}
          tooltip={t('tags.editor.expressionHelp')}
          rules={[{ required: true, whitespace: true, message: t('tags.editor.expressionRequired') }]}
        >
          <Input.TextArea
            className="mono"
            autoSize={{ minRows: 4, maxRows: 14 }}
            spellCheck={false}
            onSelect={trackCursor}
            onKeyUp={trackCursor}
            onClick={trackCursor}
            placeholder="CASE WHEN aum >= 1000000 THEN '1m+' ELSE '<1m' END"
            data-testid="tag-expression"
          />
        </Form.Item>
      )}

      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="descriptionZh" label={t('tags.editor.descriptionZh')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="descriptionEn" label={t('tags.editor.descriptionEn')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
          </Form.Item>
        </Col>
      </Row>
      {save.isError ? (
        <Alert
          type="error"
          showIcon
          message={t('tags.editor.saveError')}
          description={errorText(save.error)}
          style={{ marginBottom: 12 }}
          data-testid="tag-save-error"
        />
      ) : null}
    </Form>
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={isPhone ? '100%' : 1040}
      title={isNew ? t('tags.editor.createTitle') : t('tags.editor.editTitle', { id: tag.id })}
      destroyOnHidden
      data-testid="tag-editor"
      extra={
        <Space>
          <Button onClick={onClose}>{t('tags.editor.cancel')}</Button>
          <Button
            icon={<ExperimentOutlined />}
            onClick={() => void runPreview()}
            loading={preview.isPending}
            data-testid="tag-preview-button"
          >
            {isPhone ? null : t('tags.editor.preview')}
          </Button>
          <Button
            type="primary"
            onClick={() => form.submit()}
            loading={save.isPending}
            data-testid="tag-save"
          >
            {t('tags.editor.save')}
          </Button>
        </Space>
      }
    >
      <Row gutter={20}>
        <Col xs={24} lg={keepSource ? 24 : 15}>
          {formBody}
        </Col>
        {keepSource ? null : (
          <Col xs={24} lg={9}>
            <FeatureColumnList onInsert={insertColumn} />
          </Col>
        )}
      </Row>
      <div style={{ marginTop: 16 }} ref={previewBox}>
        {preview.isError ? (
          <Alert
            type="error"
            showIcon
            message={t('tags.editor.previewError')}
            description={
              <span className="mono" style={{ whiteSpace: 'pre-wrap' }}>
                {errorText(preview.error)}
              </span>
            }
            data-testid="tag-preview-error"
          />
        ) : preview.data ? (
          <>
            {previewStale ? (
              <Alert
                type="warning"
                showIcon
                message={t('tags.editor.previewStale')}
                style={{ marginBottom: 12 }}
              />
            ) : null}
            <PreviewResult preview={preview.data} definition={currentDefinition()} />
          </>
        ) : preview.isPending ? null : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tags.editor.preview')} />
        )}
      </div>
    </Drawer>
  );
}
