import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  BankOutlined,
  LockOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Card, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AumSection, ProfileSection } from '../../api/types.ts';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { CustomerKindTag, CustomerStatusTag } from '../customers/CustomerTags.tsx';
import type { ShownTag } from './tag-groups.ts';

const THEME_TAG_COLORS: Record<string, string> = {
  value: 'gold',
  asset: 'blue',
  liability: 'volcano',
  risk: 'red',
  transaction: 'cyan',
  behaviour: 'purple',
  natural: 'green',
  other: 'default',
};

function Change({ label, value }: { label: string; value: number | null }) {
  const language = useLanguage();
  if (value === null) return null;
  const up = value >= 0;
  return (
    <span className={up ? 'c360-change up' : 'c360-change down'}>
      {up ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {formatMoney(Math.abs(value), language)}{' '}
      <span className="c360-change-label">{label}</span>
    </span>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <span className="c360-fact" data-testid={testId}>
      <span className="c360-fact-label">{label}</span>
      <span className="c360-fact-value">{children}</span>
    </span>
  );
}

/** The 360 header: who the customer is, masked identifiers, RM and branch, key tags and AUM. */
export function ProfileHeader({
  profile,
  aum,
  keyTags,
  tagsLoading,
  asOf,
  compact,
}: {
  profile: ProfileSection;
  aum: AumSection | null;
  keyTags: ShownTag[];
  tagsLoading: boolean;
  asOf: string | null;
  compact: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const c = profile.customer;
  const corporate = c.kind === 'corporate';
  const none = t('common.notSet');
  const masked = profile.identifiersMasked ? (
    <Tooltip title={t('c360.header.masked')}>
      <LockOutlined className="c360-lock" aria-label={t('c360.header.masked')} />
    </Tooltip>
  ) : null;
  const branchPath = profile.branchPath.length
    ? profile.branchPath
        .slice(compact ? -2 : -3)
        .map((b) => b.name)
        .join(' / ')
    : c.homeBranchName;

  return (
    <Card variant="borderless" className="page-card c360-header" data-testid="c360-header">
      <div className="c360-header-row">
        <div className="c360-header-who">
          <Avatar
            size={compact ? 44 : 60}
            icon={corporate ? <BankOutlined /> : <UserOutlined />}
            style={{ backgroundColor: corporate ? '#722ed1' : '#1f4e9c', flex: 'none' }}
          />
          <div className="c360-header-text">
            <Typography.Title level={compact ? 4 : 3} className="customer-name" data-testid="customer-name">
              {c.name}
            </Typography.Title>
            <Space size={[0, 4]} wrap>
              <CustomerKindTag kind={c.kind} />
              <CustomerStatusTag status={c.status} />
              <Typography.Text type="secondary" className="mono" style={{ marginLeft: 4 }}>
                {c.id}
              </Typography.Text>
            </Space>
          </div>
        </div>
        <div className="c360-header-aum" data-testid="c360-header-aum">
          <div className="c360-header-aum-label">{t('c360.header.aum')}</div>
          <div className="c360-header-aum-value num">{formatMoney(aum?.current ?? c.aum, language)}</div>
          {aum ? (
            <div className="c360-header-aum-changes">
              <Change label={t('c360.header.changeMonth')} value={aum.changeMonth} />
              <Change label={t('c360.header.changeYear')} value={aum.changeYear} />
            </div>
          ) : null}
        </div>
      </div>

      <div className="c360-facts">
        {corporate ? (
          <>
            <Fact label={t('c360.header.uscc')}>
              <span className="mono">{c.uscc ?? none}</span>
            </Fact>
            <Fact label={t('c360.header.legalRep')}>{c.legalRep ?? none}</Fact>
          </>
        ) : (
          <>
            <Fact label={t('c360.header.idNumber')} testId="c360-id-number">
              <span className="mono">{c.idNumberMasked ?? none}</span> {masked}
            </Fact>
            <Fact label={t('c360.header.phone')} testId="c360-mobile-number">
              <span className="mono">{c.phoneMasked ?? none}</span> {masked}
            </Fact>
          </>
        )}
        <Fact label={t('c360.header.rm')} testId="c360-rm">
          {c.rmName ?? t('customers.unassigned')}
          {profile.rmPhoneMasked ? (
            <Typography.Text type="secondary" className="mono" style={{ marginLeft: 6 }}>
              {profile.rmPhoneMasked}
            </Typography.Text>
          ) : null}
        </Fact>
        <Fact label={t('c360.header.branch')}>{branchPath}</Fact>
        {c.onboardDate ? <Fact label={t('c360.header.onboard')}>{formatDate(c.onboardDate)}</Fact> : null}
      </div>

      <div className="c360-key-tags" data-testid="c360-key-tags">
        <span className="c360-fact-label">{t('c360.header.keyTags')}</span>
        {tagsLoading ? (
          <Skeleton.Button active size="small" style={{ width: 180 }} />
        ) : keyTags.length === 0 ? (
          <Typography.Text type="secondary">{t('c360.header.noKeyTags')}</Typography.Text>
        ) : (
          <span className="c360-key-tag-list">
            {keyTags.map((tag) => (
              <Tooltip key={tag.tagId} title={tag.name}>
                <Tag color={THEME_TAG_COLORS[tag.theme] ?? 'default'} bordered={false}>
                  {tag.kind === 'boolean'
                    ? tag.name
                    : tag.kind === 'enum'
                      ? tag.valueLabel
                      : `${tag.name}: ${tag.valueLabel}`}
                </Tag>
              </Tooltip>
            ))}
          </span>
        )}
      </div>
      {asOf ? (
        <Typography.Text type="secondary" className="c360-asof">
          {t('c360.asOf', { date: formatDate(asOf) })}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

/** The header's shape while the 360 view loads. */
export function ProfileHeaderSkeleton() {
  return (
    <Card variant="borderless" className="page-card c360-header">
      <Skeleton active avatar paragraph={{ rows: 3 }} />
    </Card>
  );
}
