import { List, Progress, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LiabilitiesSection, LiabilityAccount } from '../../api/types.ts';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { enumLabel } from '../../i18n/labels.ts';
import { SectionEmpty } from './SectionState.tsx';

/** Utilisation colour: green below 50 %, orange to 80 %, red above. */
function utilisationColor(share: number): string {
  if (share >= 0.8) return '#cf1322';
  if (share >= 0.5) return '#fa8c16';
  return '#389e0d';
}

function AccountRow({ account }: { account: LiabilityAccount }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const percent = account.utilisation === null ? null : Math.round(account.utilisation * 1000) / 10;
  return (
    <List.Item className="c360-list-item">
      <div className="c360-list-body">
        <div className="c360-list-row">
          <Typography.Text strong ellipsis>
            {account.productName}
            {account.overdue ? (
              <Tag color="red" bordered={false} style={{ marginLeft: 6 }}>
                {t('c360.liabilities.overdueTag')}
              </Tag>
            ) : null}
          </Typography.Text>
          <span className="num c360-strong">{formatMoney(account.owed, language)}</span>
        </div>
        <div className="c360-list-row">
          <Typography.Text type="secondary" className="c360-small">
            {enumLabel(t, 'categories', account.category)}
            {account.creditLimit !== null
              ? ` · ${t('c360.liabilities.limit')} ${formatMoney(account.creditLimit, language)}`
              : ''}
            {account.maturityDate
              ? ` · ${t('c360.liabilities.maturity')} ${formatDate(account.maturityDate)}`
              : ''}
          </Typography.Text>
        </div>
        {percent !== null ? (
          <Progress
            percent={Math.min(100, percent)}
            format={() => `${percent}%`}
            size="small"
            strokeColor={utilisationColor(account.utilisation ?? 0)}
            aria-label={t('c360.liabilities.utilisation')}
          />
        ) : null}
      </div>
    </List.Item>
  );
}

/** Loans and cards: totals, card utilisation bars and overdue accounts. */
export function LiabilitiesPanel({ data }: { data: LiabilitiesSection }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (data.loans.length === 0 && data.cards.length === 0) {
    return <SectionEmpty text={t('c360.empty.liabilities')} />;
  }
  const stat = { fontSize: 18, fontVariantNumeric: 'tabular-nums' as const };
  return (
    <div className="c360-stack" data-testid="c360-liabilities">
      <div className="c360-stats">
        <Statistic
          title={t('c360.liabilities.totalOwed')}
          value={formatMoney(data.totalOwed, language)}
          valueStyle={stat}
        />
        {data.cardUtilisation !== null ? (
          <Statistic
            title={t('c360.liabilities.cardUtilisation')}
            value={`${Math.round(data.cardUtilisation * 1000) / 10}%`}
            valueStyle={{ ...stat, color: utilisationColor(data.cardUtilisation) }}
          />
        ) : null}
        <Statistic
          title={t('c360.liabilities.overdue')}
          value={t('c360.liabilities.overdueValue', {
            count: data.overdueCount,
            amount: formatMoney(data.overdueAmount, language),
          })}
          valueStyle={{ ...stat, color: data.overdueCount > 0 ? '#cf1322' : undefined }}
        />
        {data.failedRepayments > 0 ? (
          <Statistic
            title={t('c360.liabilities.failedRepayments')}
            value={data.failedRepayments}
            valueStyle={{ ...stat, color: '#cf1322' }}
          />
        ) : null}
      </div>
      {data.loans.length > 0 ? (
        <div>
          <Typography.Text type="secondary" className="c360-subhead">
            {t('c360.liabilities.loans')}
          </Typography.Text>
          <List
            size="small"
            dataSource={data.loans}
            rowKey="accountId"
            renderItem={(a) => <AccountRow account={a} />}
          />
        </div>
      ) : null}
      {data.cards.length > 0 ? (
        <div>
          <Typography.Text type="secondary" className="c360-subhead">
            {t('c360.liabilities.cards')} · {t('c360.liabilities.cardLimit')}{' '}
            {formatMoney(data.cardLimit, language)}
          </Typography.Text>
          <List
            size="small"
            dataSource={data.cards}
            rowKey="accountId"
            renderItem={(a) => <AccountRow account={a} />}
          />
        </div>
      ) : null}
    </div>
  );
}
