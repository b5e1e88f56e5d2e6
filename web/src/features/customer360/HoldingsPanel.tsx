import { Col, List, Row, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Holding360, HoldingsSection } from '../../api/types.ts';
import { formatDate, formatMoney, formatRate } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { enumLabel } from '../../i18n/labels.ts';
import { HoldingsDonut } from './charts/HoldingsDonut.tsx';
import { SectionEmpty } from './SectionState.tsx';

/** Days to maturity as a tag: red within 30 days, orange within 90. */
export function DaysLeftTag({ days }: { days: number | null }) {
  const { t } = useTranslation();
  if (days === null) return null;
  const color = days < 0 ? 'default' : days <= 30 ? 'red' : days <= 90 ? 'orange' : 'blue';
  return (
    <Tag color={color} bordered={false} className="num">
      {t('c360.holdings.daysLeftValue', { days })}
    </Tag>
  );
}

function HoldingRows({ items, compact }: { items: Holding360[]; compact: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const none = t('common.notSet');
  if (compact) {
    return (
      <List<Holding360>
        size="small"
        dataSource={items}
        rowKey="accountId"
        data-testid="c360-holdings-list"
        pagination={items.length > 8 ? { pageSize: 8, size: 'small', simple: true, align: 'center' } : false}
        renderItem={(h) => (
          <List.Item className="c360-list-item">
            <div className="c360-list-body">
              <div className="c360-list-row">
                <Typography.Text strong ellipsis>
                  {h.productName}
                </Typography.Text>
                <span className="num c360-strong">{formatMoney(h.balance, language)}</span>
              </div>
              <div className="c360-list-row">
                <Typography.Text type="secondary" className="c360-small">
                  {enumLabel(t, 'categories', h.category)}
                  {h.rate !== null ? ` · ${formatRate(h.rate)}` : ''}
                  {h.maturityDate ? ` · ${t('c360.holdings.maturity')} ${formatDate(h.maturityDate)}` : ''}
                </Typography.Text>
                <DaysLeftTag days={h.daysToMaturity} />
              </div>
            </div>
          </List.Item>
        )}
      />
    );
  }
  const columns: TableColumnsType<Holding360> = [
    {
      key: 'product',
      title: t('c360.holdings.product'),
      render: (_, h) => (
        <div>
          <div>{h.productName}</div>
          <Typography.Text type="secondary" className="c360-small">
            {enumLabel(t, 'categories', h.category)} · <span className="mono">{h.accountId}</span>
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'balance',
      title: t('c360.holdings.balance'),
      dataIndex: 'balance',
      align: 'right',
      sorter: (a, b) => a.balance - b.balance,
      render: (value: number) => <span className="num">{formatMoney(value, language)}</span>,
    },
    {
      key: 'rate',
      title: t('c360.holdings.rate'),
      dataIndex: 'rate',
      align: 'right',
      render: (value: number | null) => formatRate(value),
    },
    {
      key: 'maturity',
      title: t('c360.holdings.maturity'),
      dataIndex: 'maturityDate',
      sorter: (a, b) => (a.maturityDate ?? '9999').localeCompare(b.maturityDate ?? '9999'),
      render: (value: string | null, h) =>
        value ? (
          <span className="c360-nowrap">
            {formatDate(value)} <DaysLeftTag days={h.daysToMaturity} />
          </span>
        ) : (
          none
        ),
    },
  ];
  return (
    <Table<Holding360>
      rowKey="accountId"
      size="small"
      columns={columns}
      dataSource={items}
      pagination={items.length > 8 ? { pageSize: 8, size: 'small' } : false}
      scroll={{ x: 'max-content' }}
      data-testid="c360-holdings-table"
    />
  );
}

/** Open asset accounts: a donut by category, then each account with its maturity. */
export function HoldingsPanel({ data, compact }: { data: HoldingsSection; compact: boolean }) {
  const { t } = useTranslation();
  if (data.items.length === 0) return <SectionEmpty text={t('c360.empty.holdings')} />;
  return (
    <Row gutter={[16, 8]}>
      <Col xs={24} xl={8}>
        <HoldingsDonut categories={data.categories} total={data.total} compact={compact} />
      </Col>
      <Col xs={24} xl={16}>
        <HoldingRows items={data.items} compact={compact} />
      </Col>
    </Row>
  );
}

/** Accounts maturing within 90 days, soonest first: what to talk about before the money leaves. */
export function MaturitiesList({ items }: { items: Holding360[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (items.length === 0) return <SectionEmpty text={t('c360.empty.maturities')} />;
  return (
    <List<Holding360>
      size="small"
      dataSource={items}
      rowKey="accountId"
      data-testid="c360-maturities"
      renderItem={(h) => (
        <List.Item className="c360-list-item">
          <div className="c360-list-body">
            <div className="c360-list-row">
              <Typography.Text strong ellipsis>
                {h.productName}
              </Typography.Text>
              <DaysLeftTag days={h.daysToMaturity} />
            </div>
            <div className="c360-list-row">
              <Typography.Text type="secondary" className="c360-small">
                {enumLabel(t, 'categories', h.category)} · {formatDate(h.maturityDate)}
              </Typography.Text>
              <span className="num c360-strong">{formatMoney(h.balance, language)}</span>
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}
