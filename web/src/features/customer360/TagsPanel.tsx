import { Alert, List, Progress, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScoresSection } from '../../api/types.ts';
import { formatDate } from '../../i18n/format.ts';
import { SectionEmpty } from './SectionState.tsx';
import type { TagGroup } from './tag-groups.ts';

/** The customer's tag values grouped by theme; says so when the catalogue is unavailable. */
export function TagsPanel({
  groups,
  catalogueMissing,
  updatedAt,
}: {
  groups: TagGroup[];
  catalogueMissing: boolean;
  updatedAt: string | null;
}) {
  const { t } = useTranslation();
  if (groups.length === 0) return <SectionEmpty text={t('c360.empty.tags')} />;
  return (
    <div className="c360-stack" data-testid="c360-tags">
      {catalogueMissing ? (
        <Alert type="info" showIcon message={t('c360.tags.catalogueMissing')} className="c360-inline-alert" />
      ) : null}
      {groups.map((group) => (
        <div key={group.theme} className="c360-tag-group" data-theme={group.theme}>
          <div className="c360-tag-theme">{t(`c360.tags.themes.${group.theme}`)}</div>
          <div className="c360-chip-row">
            {group.items.map((tag) => (
              <Tooltip key={tag.tagId} title={<span className="mono">{tag.tagId}</span>}>
                <span className="c360-tag-chip">
                  <span className="c360-tag-name">{tag.name}</span>
                  <span className="c360-tag-value">{tag.valueLabel}</span>
                </span>
              </Tooltip>
            ))}
          </div>
        </div>
      ))}
      {updatedAt ? (
        <Typography.Text type="secondary" className="c360-small">
          {t('c360.tags.updatedAt', { time: formatDate(updatedAt) })}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/** Model scores with their band and top reasons. */
export function ScoresPanel({ data }: { data: ScoresSection }) {
  const { t } = useTranslation();
  if (data.items.length === 0) return <SectionEmpty text={t('c360.empty.scores')} />;
  return (
    <List
      size="small"
      dataSource={data.items}
      rowKey="modelId"
      renderItem={(score) => (
        <List.Item className="c360-list-item">
          <div className="c360-list-body">
            <div className="c360-list-row">
              <Typography.Text strong>{score.modelId}</Typography.Text>
              {score.band ? <Tag bordered={false}>{score.band}</Tag> : null}
            </div>
            <Progress percent={Math.round(score.score * 1000) / 10} size="small" />
            {score.reasons.length > 0 ? (
              <Typography.Text type="secondary" className="c360-small">
                {t('c360.scores.reasons')}:{' '}
                {score.reasons
                  .slice(0, 3)
                  .map(
                    (r) =>
                      `${r.feature}${r.value !== null ? `=${String(r.value)}` : ''} (${r.contribution >= 0 ? '+' : ''}${Math.round(r.contribution * 100) / 100})`,
                  )
                  .join('，')}
              </Typography.Text>
            ) : null}
          </div>
        </List.Item>
      )}
    />
  );
}
