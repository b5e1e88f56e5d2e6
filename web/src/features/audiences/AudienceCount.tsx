import { LoadingOutlined, TeamOutlined } from '@ant-design/icons';
import { Progress, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AudienceCount as AudienceCountData } from '../../api/types.ts';
import { formatInteger } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { ExpressionError } from './ExpressionText.tsx';

/** The live audience count: the number, its share of the user's scope, and how long it took. */
export function AudienceCount({
  data,
  fetching,
  error,
  everyone,
  incomplete,
}: {
  data: AudienceCountData | undefined;
  fetching: boolean;
  error: unknown;
  everyone: boolean;
  incomplete: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const share = data && data.scopeTotal > 0 ? (data.count / data.scopeTotal) * 100 : 0;
  return (
    <div
      data-testid="audience-count"
      data-count={data?.count ?? ''}
      data-scope-total={data?.scopeTotal ?? ''}
      data-loading={fetching ? 'true' : 'false'}
      data-text={data?.text ?? ''}
      style={{ display: 'flex', flexDirection: 'column', gap: 6, minWidth: 0 }}
    >
      <Space align="center" size={12} wrap>
        <TeamOutlined style={{ fontSize: 22, color: '#1f4e9c' }} />
        <Typography.Text type="secondary">{t('audiences.count.label')}</Typography.Text>
        <Typography.Text
          strong
          style={{ fontSize: 28, lineHeight: 1 }}
          className="num"
          data-testid="audience-count-value"
        >
          {data ? formatInteger(data.count, language) : '—'}
        </Typography.Text>
        {fetching ? <Spin indicator={<LoadingOutlined spin />} size="small" /> : null}
        {data ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="audience-count-ms">
            {t('audiences.count.ms', { ms: data.ms.toFixed(data.ms < 10 ? 2 : 0) })}
          </Typography.Text>
        ) : null}
      </Space>
      {data ? (
        <div style={{ maxWidth: 520 }}>
          <Progress
            percent={Math.round(share * 10) / 10}
            size="small"
            showInfo={false}
            strokeColor="#1f4e9c"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('audiences.count.ofScope', {
              total: formatInteger(data.scopeTotal, language),
              share: `${share.toFixed(1)}%`,
            })}
          </Typography.Text>
        </div>
      ) : null}
      {everyone ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('audiences.count.everyone')}
        </Typography.Text>
      ) : null}
      {incomplete ? (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {t('audiences.builder.incomplete')}
        </Typography.Text>
      ) : null}
      {error ? <ExpressionError error={error} /> : null}
    </div>
  );
}
