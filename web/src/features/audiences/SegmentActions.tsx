import { DeleteOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Dropdown,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Segment, SegmentSplit } from '../../api/types.ts';
import { formatInteger } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { errorText } from '../tags/TagEditor.tsx';
import { segmentExportUrl, useSplitSegment, type SegmentInput, type SplitInput } from './audiences.hooks.ts';

/** The save dialog: name, description, dynamic or static. */
export function SaveSegmentModal({
  open,
  segment,
  saving,
  error,
  onCancel,
  onSave,
}: {
  open: boolean;
  segment: Segment | undefined;
  saving: boolean;
  error: unknown;
  onCancel: () => void;
  onSave: (input: Omit<SegmentInput, 'expression'>) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; description: string; kind: 'dynamic' | 'static' }>();
  return (
    <Modal
      open={open}
      title={t('audiences.save.title')}
      okText={t('audiences.save.ok')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={saving}
      destroyOnHidden
      wrapClassName="segment-save-modal"
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          name: segment?.name ?? '',
          description: segment?.description ?? '',
          kind: segment?.kind ?? 'dynamic',
        }}
        onFinish={(values) =>
          onSave({
            name: values.name.trim(),
            description: values.description?.trim() ?? '',
            kind: values.kind,
          })
        }
      >
        <Form.Item
          name="name"
          label={t('audiences.save.name')}
          rules={[{ required: true, whitespace: true, message: t('audiences.save.nameRequired') }]}
        >
          <Input maxLength={100} autoFocus data-testid="segment-name" />
        </Form.Item>
        <Form.Item name="description" label={t('audiences.save.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
        <Form.Item name="kind" label={t('audiences.save.kind')}>
          <Radio.Group>
            <Space direction="vertical">
              <Radio value="dynamic">{t('audiences.save.dynamic')}</Radio>
              <Radio value="static">{t('audiences.save.static')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
      </Form>
      {error ? (
        <Alert type="error" showIcon message={t('audiences.save.error')} description={errorText(error)} />
      ) : null}
    </Modal>
  );
}

interface SplitForm {
  experimentKey: string;
  arms: { name: string; percent: number | null }[];
  controlPercent: number | null;
  holdoutPercent: number | null;
}

/** The split dialog: arms with percentages, control and holdout → counts per group. */
export function SplitModal({
  open,
  segment,
  onClose,
}: {
  open: boolean;
  segment: Segment;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<SplitForm>();
  const split = useSplitSegment();
  const [result, setResult] = useState<SegmentSplit | null>(null);
  const values = Form.useWatch((v: SplitForm) => v, form);
  const sum =
    (values?.arms ?? []).reduce((s, arm) => s + (arm?.percent ?? 0), 0) +
    (values?.controlPercent ?? 0) +
    (values?.holdoutPercent ?? 0);

  const submit = (form: SplitForm) => {
    const input: SplitInput = {
      experimentKey: form.experimentKey.trim(),
      arms: form.arms.map((arm) => ({ name: arm.name.trim(), percent: arm.percent ?? 0 })),
      controlPercent: form.controlPercent ?? 0,
      holdoutPercent: form.holdoutPercent ?? 0,
    };
    split.mutate({ id: segment.id, input }, { onSuccess: setResult });
  };

  const rows = result
    ? [
        ...result.arms.map((arm) => ({ key: `arm-${arm.name}`, group: arm.name, count: arm.count })),
        { key: 'control', group: t('audiences.split.controlGroup'), count: result.control },
        { key: 'holdout', group: t('audiences.split.holdoutGroup'), count: result.holdout },
      ]
    : [];

  return (
    <Modal
      open={open}
      title={t('audiences.split.title')}
      onCancel={onClose}
      footer={
        <Button
          type="primary"
          onClick={() => form.submit()}
          loading={split.isPending}
          data-testid="split-run"
        >
          {t('audiences.split.run')}
        </Button>
      }
      width={560}
      destroyOnHidden
    >
      <Form<SplitForm>
        form={form}
        layout="vertical"
        initialValues={{
          experimentKey: `${segment.name}-${new Date().toISOString().slice(0, 10)}`,
          arms: [
            { name: 'A', percent: 45 },
            { name: 'B', percent: 45 },
          ],
          controlPercent: 10,
          holdoutPercent: 0,
        }}
        onFinish={submit}
      >
        <Form.Item
          name="experimentKey"
          label={t('audiences.split.experimentKey')}
          tooltip={t('audiences.split.experimentKeyHelp')}
          rules={[{ required: true, whitespace: true, message: t('audiences.split.experimentKeyRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.List name="arms">
          {(fields, { add, remove }) => (
            <Form.Item label={t('audiences.split.arms')}>
              <Space direction="vertical" size={6} style={{ width: '100%' }}>
                {fields.map((field) => (
                  <Space.Compact key={field.key} style={{ width: '100%' }}>
                    <Form.Item
                      name={[field.name, 'name']}
                      noStyle
                      rules={[{ required: true, whitespace: true }]}
                    >
                      <Input placeholder={t('audiences.split.armName')} style={{ width: '60%' }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'percent']} noStyle>
                      <InputNumber min={0} max={100} suffix="%" style={{ width: '40%' }} />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                      aria-label="remove"
                    />
                  </Space.Compact>
                ))}
                {fields.length < 10 ? (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ name: String.fromCharCode(65 + fields.length), percent: 0 })}
                  >
                    {t('audiences.split.addArm')}
                  </Button>
                ) : null}
              </Space>
            </Form.Item>
          )}
        </Form.List>
        <Space size={16} wrap>
          <Form.Item name="controlPercent" label={t('audiences.split.control')}>
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item name="holdoutPercent" label={t('audiences.split.holdout')}>
            <InputNumber min={0} max={100} />
          </Form.Item>
        </Space>
        <Typography.Text type={Math.abs(sum - 100) < 1e-9 ? 'secondary' : 'warning'}>
          {t('audiences.split.sumHint', { sum: Math.round(sum * 100) / 100 })}
        </Typography.Text>
      </Form>
      {split.isError ? (
        <Alert
          type="error"
          showIcon
          message={t('audiences.split.error')}
          description={errorText(split.error)}
          style={{ marginTop: 12 }}
        />
      ) : null}
      {result ? (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          pagination={false}
          dataSource={rows}
          title={() => t('audiences.split.result')}
          data-testid="split-result"
          columns={[
            { key: 'group', title: t('audiences.split.group'), dataIndex: 'group' },
            {
              key: 'count',
              title: t('audiences.split.customers'),
              dataIndex: 'count',
              align: 'right',
              render: (count: number) => (
                <span className="num">
                  {formatInteger(count, language)}
                  {result.total > 0 ? ` (${((count / result.total) * 100).toFixed(1)}%)` : ''}
                </span>
              ),
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('audiences.split.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <span className="num">{formatInteger(result.total, language)}</span>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      ) : null}
    </Modal>
  );
}

/** Download of a segment's members as CSV or Excel (scoped, masked and logged by the server). */
export function ExportMenu({
  segmentId,
  disabledReason,
}: {
  segmentId: string | undefined;
  disabledReason?: string;
}) {
  const { t } = useTranslation();
  const button = (
    <Button icon={<DownloadOutlined />} disabled={!segmentId} data-testid="segment-export">
      {t('audiences.export.button')}
    </Button>
  );
  if (!segmentId) return <Tooltip title={disabledReason}>{button}</Tooltip>;
  return (
    <Dropdown
      menu={{
        items: [
          {
            key: 'csv',
            label: (
              <a href={segmentExportUrl(segmentId, 'csv')} download>
                {t('audiences.export.csv')}
              </a>
            ),
          },
          {
            key: 'xlsx',
            label: (
              <a href={segmentExportUrl(segmentId, 'xlsx')} download>
                {t('audiences.export.xlsx')}
              </a>
            ),
          },
          { type: 'divider' },
          {
            key: 'note',
            disabled: true,
            label: (
              <span style={{ fontSize: 12, whiteSpace: 'normal', maxWidth: 260, display: 'inline-block' }}>
                {t('audiences.export.note')}
              </span>
            ),
          },
        ],
      }}
    >
      {button}
    </Dropdown>
  );
}
