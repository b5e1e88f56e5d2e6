import { DeleteOutlined } from '@ant-design/icons';
import { Button, InputNumber, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AudienceFieldInfo, Segment } from '../../api/types.ts';
import { formatInteger } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { enumLabel } from '../../i18n/labels.ts';
import { useIsPhone } from '../shell/responsive.ts';
import { localized, TAG_THEMES } from '../tags/tag-form.ts';
import {
  operatorsFor,
  withField,
  withOperator,
  type BuilderCondition,
  type FieldCondition,
  type FieldOperator,
} from './audience-builder.ts';

/** A searchable field picker, grouped by theme. */
export function FieldPicker({
  fields,
  value,
  onChange,
}: {
  fields: readonly AudienceFieldInfo[];
  value: string;
  onChange: (field: AudienceFieldInfo) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const options = useMemo(() => {
    const byTheme = new Map<string, AudienceFieldInfo[]>();
    for (const field of fields) {
      const list = byTheme.get(field.theme) ?? [];
      list.push(field);
      byTheme.set(field.theme, list);
    }
    const order = (theme: string) => {
      const i = (TAG_THEMES as readonly string[]).indexOf(theme);
      return i === -1 ? TAG_THEMES.length : i;
    };
    const themes = [...byTheme.keys()].sort((a, b) => order(a) - order(b));
    return themes.map((theme) => ({
      label: (TAG_THEMES as readonly string[]).includes(theme)
        ? t(`tags.themes.${theme}`)
        : t('audiences.builder.otherFields'),
      title: theme,
      options: byTheme.get(theme)!.map((field) => ({
        value: field.id,
        label: localized(field.name, language),
        // What the search matches: the id and both names.
        search: `${field.id} ${field.name.zh} ${field.name.en}`.toLowerCase(),
        field,
      })),
    }));
  }, [fields, language, t]);
  return (
    <Select
      showSearch
      value={value || undefined}
      placeholder={t('audiences.builder.fieldPlaceholder')}
      options={options}
      optionRender={(option) => (
        <span style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
          <span>{option.label}</span>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 11 }}>
            {option.value}
          </Typography.Text>
        </span>
      )}
      filterOption={(input, option) =>
        Boolean(
          option && 'search' in option && (option.search as string).includes(input.trim().toLowerCase()),
        )
      }
      onChange={(id: string) => {
        const field = fields.find((f) => f.id === id);
        if (field) onChange(field);
      }}
      popupMatchSelectWidth={false}
      style={{ width: '100%', minWidth: 180 }}
      data-testid="condition-field"
    />
  );
}

function FieldValueInput({
  condition,
  field,
  onChange,
}: {
  condition: FieldCondition;
  field: AudienceFieldInfo | undefined;
  onChange: (next: FieldCondition) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const kind = field?.kind ?? 'enum';
  const valueOptions = (field?.values ?? []).map((v) => ({
    value: v.value,
    label: `${language === 'en' ? v.en : v.zh}${v.count !== undefined ? ` (${formatInteger(v.count, language)})` : ''}`,
  }));

  if (kind === 'boolean') {
    return (
      <Select
        value={condition.value === false || condition.value === 'false' ? 'false' : 'true'}
        onChange={(value) => onChange({ ...condition, value: value === 'true' })}
        options={[
          { value: 'true', label: t('audiences.builder.yes') },
          { value: 'false', label: t('audiences.builder.no') },
        ]}
        style={{ width: '100%', minWidth: 90 }}
        data-testid="condition-value"
      />
    );
  }
  if (condition.operator === 'in' || condition.operator === 'not_in') {
    return (
      <Select
        mode="multiple"
        allowClear
        value={condition.values.map(String)}
        onChange={(values: string[]) => onChange({ ...condition, values })}
        options={valueOptions}
        placeholder={t('audiences.builder.valuePlaceholder')}
        maxTagCount="responsive"
        optionFilterProp="label"
        style={{ width: '100%', minWidth: 200 }}
        data-testid="condition-value"
      />
    );
  }
  if (kind === 'enum') {
    return (
      <Select
        showSearch
        value={condition.value === null ? undefined : String(condition.value)}
        onChange={(value: string) => onChange({ ...condition, value })}
        options={valueOptions}
        placeholder={t('audiences.builder.valuePlaceholder')}
        optionFilterProp="label"
        style={{ width: '100%', minWidth: 160 }}
        data-testid="condition-value"
      />
    );
  }
  const range =
    field && field.min !== null && field.min !== undefined && field.max !== null && field.max !== undefined
      ? `${formatInteger(field.min, language)} – ${formatInteger(field.max, language)}`
      : undefined;
  const unit = field?.unit ? t(`tags.units.${field.unit}`, { defaultValue: field.unit }) : undefined;
  if (condition.operator === 'between') {
    return (
      <Space.Compact style={{ width: '100%' }} data-testid="condition-value">
        <InputNumber
          value={condition.low}
          onChange={(low) => onChange({ ...condition, low: typeof low === 'number' ? low : null })}
          placeholder={t('audiences.builder.low')}
          style={{ width: '50%' }}
          data-testid="condition-low"
        />
        <InputNumber
          value={condition.high}
          onChange={(high) => onChange({ ...condition, high: typeof high === 'number' ? high : null })}
          placeholder={t('audiences.builder.high')}
          suffix={unit}
          style={{ width: '50%' }}
          data-testid="condition-high"
        />
      </Space.Compact>
    );
  }
  return (
    <Tooltip title={range}>
      <InputNumber
        value={typeof condition.value === 'number' ? condition.value : null}
        onChange={(value) => onChange({ ...condition, value: typeof value === 'number' ? value : null })}
        placeholder={range ?? t('audiences.builder.numberPlaceholder')}
        suffix={unit}
        style={{ width: '100%', minWidth: 140 }}
        data-testid="condition-value"
      />
    </Tooltip>
  );
}

/** One condition of the builder: NOT, field → operator → value; or a product / segment condition. */
export function ConditionRow({
  condition,
  fields,
  categories,
  segments,
  onChange,
  onRemove,
}: {
  condition: BuilderCondition;
  fields: readonly AudienceFieldInfo[];
  categories: readonly string[];
  segments: readonly Segment[];
  onChange: (next: BuilderCondition) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const field = condition.type === 'field' ? fields.find((f) => f.id === condition.field) : undefined;

  const notToggle = (
    <Tooltip title={t('audiences.builder.notHint')}>
      <Tag.CheckableTag
        checked={condition.negate}
        onChange={(negate) => onChange({ ...condition, negate })}
        style={{ marginInlineEnd: 0, border: '1px solid #d9d9d9', padding: '4px 8px' }}
        data-testid="condition-not"
      >
        {t('audiences.builder.not')}
      </Tag.CheckableTag>
    </Tooltip>
  );
  const remove = (
    <Button
      type="text"
      icon={<DeleteOutlined />}
      onClick={onRemove}
      aria-label={t('audiences.builder.removeCondition')}
      data-testid="condition-remove"
    />
  );

  let body: ReactNode;
  if (condition.type === 'has_product') {
    body = (
      <>
        <Typography.Text style={{ whiteSpace: 'nowrap' }}>
          {t('audiences.builder.holdsProduct')}
        </Typography.Text>
        <Select
          showSearch
          value={condition.category || undefined}
          placeholder={t('audiences.builder.categoryPlaceholder')}
          onChange={(category: string) => onChange({ ...condition, category })}
          options={categories.map((c) => ({ value: c, label: enumLabel(t, 'categories', c) }))}
          optionFilterProp="label"
          style={{ flex: 1, minWidth: 180 }}
          data-testid="condition-category"
        />
      </>
    );
  } else if (condition.type === 'in_segment') {
    body = (
      <>
        <Typography.Text style={{ whiteSpace: 'nowrap' }}>{t('audiences.builder.inSegment')}</Typography.Text>
        <Select
          showSearch
          value={condition.segment || undefined}
          placeholder={t('audiences.builder.segmentPlaceholder')}
          onChange={(segment: string) => onChange({ ...condition, segment })}
          options={segments.map((s) => ({ value: s.name, label: s.name }))}
          style={{ flex: 1, minWidth: 180 }}
          data-testid="condition-segment"
        />
      </>
    );
  } else {
    const operators: FieldOperator[] = operatorsFor(field?.kind ?? 'enum');
    if (!operators.includes(condition.operator)) operators.push(condition.operator);
    body = (
      <>
        <div style={{ flex: isPhone ? '1 1 180px' : '2 1 200px', minWidth: 0 }}>
          <FieldPicker
            fields={fields}
            value={condition.field}
            onChange={(f) => onChange(withField(condition, f))}
          />
        </div>
        <Select
          value={condition.operator}
          onChange={(operator: FieldOperator) => onChange(withOperator(condition, operator))}
          options={operators.map((op) => ({ value: op, label: t(`audiences.builder.operators.${op}`) }))}
          disabled={!condition.field}
          popupMatchSelectWidth={false}
          style={{ width: 100, flex: '0 0 auto' }}
          data-testid="condition-operator"
        />
        <div style={{ flex: '3 1 220px', minWidth: 0 }}>
          {condition.field ? (
            <FieldValueInput condition={condition} field={field} onChange={onChange} />
          ) : null}
        </div>
      </>
    );
  }

  return (
    <div
      className="audience-condition"
      style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: isPhone ? 'wrap' : 'nowrap' }}
      data-testid="audience-condition"
      data-type={condition.type}
    >
      {notToggle}
      {body}
      {remove}
    </div>
  );
}
