import { Empty, List, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Holding } from '../../api/types.ts';
import { formatDate, formatMoney, formatRate } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { enumLabel } from '../../i18n/labels.ts';
import { AccountStatusTag } from './CustomerTags.tsx';

/** Holdings as a list, for phones: product and status, category and maturity, balance. */
function HoldingList({ holdings }: { holdings: Holding[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <List<Holding>
      dataSource={holdings}
      rowKey="accountId"
      size="small"
      data-testid="holdings-list"
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.noHoldings')} />,
      }}
      pagination={
        holdings.length > 10 ? { pageSize: 10, size: 'small', simple: true, align: 'center' } : false
      }
      renderItem={(holding) => (
        <List.Item className={holding.status === 'closed' ? 'holding-item row-muted' : 'holding-item'}>
          <div className="holding-item-body">
            <div className="holding-item-row">
              <Typography.Text strong ellipsis>
                {holding.productName}
              </Typography.Text>
              <AccountStatusTag status={holding.status} />
            </div>
            <div className="holding-item-row">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {enumLabel(t, 'categories', holding.category)}
                {holding.maturityDate
                  ? ` · ${t('customer.holdingColumns.maturity')} ${formatDate(holding.maturityDate)}`
                  : ''}
              </Typography.Text>
              <span className={holding.balance < 0 ? 'num negative' : 'num'} style={{ fontWeight: 600 }}>
                {formatMoney(holding.balance, language)}
              </span>
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}

/** The products a customer holds or held, one row per account (a list on phones). */
export function HoldingsTable({ holdings, compact }: { holdings: Holding[]; compact: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const none = t('common.notSet');
  if (compact) return <HoldingList holdings={holdings} />;

  const columns: TableColumnsType<Holding> = [
    {
      key: 'product',
      title: t('customer.holdingColumns.product'),
      dataIndex: 'productName',
      render: (_, row) => (
        <div>
          <div>{row.productName}</div>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
            {row.accountId}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'category',
      title: t('customer.holdingColumns.category'),
      dataIndex: 'category',
      render: (category: string) => enumLabel(t, 'categories', category),
    },
    {
      key: 'status',
      title: t('customer.holdingColumns.status'),
      dataIndex: 'status',
      render: (status: string) => <AccountStatusTag status={status} />,
    },
    {
      key: 'balance',
      title: t('customer.holdingColumns.balance'),
      dataIndex: 'balance',
      align: 'right',
      render: (balance: number) => (
        <span className={balance < 0 ? 'num negative' : 'num'}>{formatMoney(balance, language)}</span>
      ),
    },
    {
      key: 'maturity',
      title: t('customer.holdingColumns.maturity'),
      dataIndex: 'maturityDate',
      render: (value: string | null) => (value ? formatDate(value) : none),
    },
    {
      key: 'riskLevel',
      title: t('customer.holdingColumns.riskLevel'),
      dataIndex: 'riskLevel',
      render: (value: string | null) => (value ? enumLabel(t, 'riskLevels', value) : none),
    },
    {
      key: 'rate',
      title: t('customer.holdingColumns.rate'),
      dataIndex: 'rate',
      align: 'right',
      render: (value: number | null) => formatRate(value),
    },
    {
      key: 'creditLimit',
      title: t('customer.holdingColumns.creditLimit'),
      dataIndex: 'creditLimit',
      align: 'right',
      render: (value: number | null) => (value === null ? none : formatMoney(value, language)),
    },
    {
      key: 'opened',
      title: t('customer.holdingColumns.opened'),
      dataIndex: 'opened',
      render: (value: string) => formatDate(value),
    },
  ];

  return (
    <Table<Holding>
      rowKey="accountId"
      size="small"
      columns={columns}
      dataSource={holdings}
      pagination={holdings.length > 10 ? { pageSize: 10, size: 'small' } : false}
      scroll={{ x: 'max-content' }}
      data-testid="holdings-table"
      rowClassName={(row) => (row.status === 'closed' ? 'row-muted' : '')}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.noHoldings')} />,
      }}
    />
  );
}
