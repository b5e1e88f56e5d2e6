import { AppstoreAddOutlined, DeleteOutlined, DownOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Segmented, Space, Typography } from 'antd';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { AudienceFieldInfo, Segment } from '../../api/types.ts';
import {
  newFieldCondition,
  newGroup,
  newKey,
  type BuilderCondition,
  type BuilderGroup,
  type BuilderState,
  type Combinator,
} from './audience-builder.ts';
import { ConditionRow } from './ConditionRow.tsx';

function CombinatorSwitch({
  value,
  onChange,
  labels,
  testId,
}: {
  value: Combinator;
  onChange: (value: Combinator) => void;
  labels: { and: string; or: string };
  testId: string;
}) {
  return (
    <Segmented<Combinator>
      size="small"
      value={value}
      onChange={onChange}
      options={[
        { value: 'and', label: labels.and },
        { value: 'or', label: labels.or },
      ]}
      data-testid={testId}
    />
  );
}

function GroupCard({
  group,
  index,
  fields,
  categories,
  segments,
  canRemove,
  onChange,
  onRemove,
}: {
  group: BuilderGroup;
  index: number;
  fields: readonly AudienceFieldInfo[];
  categories: readonly string[];
  segments: readonly Segment[];
  canRemove: boolean;
  onChange: (group: BuilderGroup) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const setCondition = (i: number, next: BuilderCondition) =>
    onChange({ ...group, conditions: group.conditions.map((c, j) => (j === i ? next : c)) });
  const removeCondition = (i: number) =>
    onChange({ ...group, conditions: group.conditions.filter((_, j) => j !== i) });
  const add = (condition: BuilderCondition) =>
    onChange({ ...group, conditions: [...group.conditions, condition] });
  const joiner = group.combinator === 'and' ? t('audiences.builder.and') : t('audiences.builder.or');

  return (
    <Card
      size="small"
      data-testid="audience-group"
      title={
        <Space size={8} wrap>
          <span>{t('audiences.builder.group', { n: index + 1 })}</span>
          <CombinatorSwitch
            value={group.combinator}
            onChange={(combinator) => onChange({ ...group, combinator })}
            labels={{ and: t('audiences.builder.groupAll'), or: t('audiences.builder.groupAny') }}
            testId="group-combinator"
          />
        </Space>
      }
      extra={
        canRemove ? (
          <Button
            type="text"
            size="small"
            icon={<DeleteOutlined />}
            onClick={onRemove}
            aria-label={t('audiences.builder.removeGroup')}
            data-testid="group-remove"
          />
        ) : null
      }
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 8 } }}
    >
      {group.conditions.map((condition, i) => (
        <Fragment key={condition.key}>
          {i > 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, paddingInlineStart: 4 }}>
              {joiner}
            </Typography.Text>
          ) : null}
          <ConditionRow
            condition={condition}
            fields={fields}
            categories={categories}
            segments={segments}
            onChange={(next) => setCondition(i, next)}
            onRemove={() => removeCondition(i)}
          />
        </Fragment>
      ))}
      <div>
        <Dropdown.Button
          size="small"
          icon={<DownOutlined />}
          onClick={() => add(newFieldCondition())}
          menu={{
            items: [
              { key: 'field', label: t('audiences.builder.addField') },
              { key: 'has_product', label: t('audiences.builder.addProduct') },
              { key: 'in_segment', label: t('audiences.builder.addSegment') },
            ],
            onClick: ({ key }) => {
              if (key === 'has_product')
                add({ key: newKey('c'), type: 'has_product', category: '', negate: false });
              else if (key === 'in_segment')
                add({ key: newKey('c'), type: 'in_segment', segment: '', negate: false });
              else add(newFieldCondition());
            },
          }}
          data-testid="condition-add"
        >
          <PlusOutlined /> {t('audiences.builder.addCondition')}
        </Dropdown.Button>
      </div>
    </Card>
  );
}

/** The visual builder: groups of conditions, each with AND/OR, combined by a top-level AND/OR. */
export function AudienceBuilder({
  state,
  fields,
  categories,
  segments,
  onChange,
}: {
  state: BuilderState;
  fields: readonly AudienceFieldInfo[];
  categories: readonly string[];
  segments: readonly Segment[];
  onChange: (state: BuilderState) => void;
}) {
  const { t } = useTranslation();
  const joiner = state.combinator === 'and' ? t('audiences.builder.and') : t('audiences.builder.or');
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 10 }} data-testid="audience-builder">
      {state.groups.length > 1 ? (
        <Space size={8} wrap>
          <Typography.Text type="secondary">{t('audiences.builder.groupsCombined')}</Typography.Text>
          <CombinatorSwitch
            value={state.combinator}
            onChange={(combinator) => onChange({ ...state, combinator })}
            labels={{ and: t('audiences.builder.matchAllGroups'), or: t('audiences.builder.matchAnyGroup') }}
            testId="top-combinator"
          />
        </Space>
      ) : null}
      {state.groups.map((group, i) => (
        <Fragment key={group.key}>
          {i > 0 ? (
            <div style={{ textAlign: 'center' }}>
              <Typography.Text strong style={{ color: '#1f4e9c' }}>
                {joiner}
              </Typography.Text>
            </div>
          ) : null}
          <GroupCard
            group={group}
            index={i}
            fields={fields}
            categories={categories}
            segments={segments}
            canRemove={state.groups.length > 1}
            onChange={(next) =>
              onChange({ ...state, groups: state.groups.map((g, j) => (j === i ? next : g)) })
            }
            onRemove={() => onChange({ ...state, groups: state.groups.filter((_, j) => j !== i) })}
          />
        </Fragment>
      ))}
      <div>
        <Button
          icon={<AppstoreAddOutlined />}
          onClick={() => onChange({ ...state, groups: [...state.groups, newGroup()] })}
          data-testid="group-add"
        >
          {t('audiences.builder.addGroup')}
        </Button>
      </div>
    </div>
  );
}
