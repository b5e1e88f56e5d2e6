import { Col, List, Row, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CounterpartiesSection, Counterparty, CounterpartyBank } from '../../api/types.ts';
import { formatMoney } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { CounterpartySankey } from './charts/CounterpartySankey.tsx';
import { counterpartyLabel } from './counterparty-label.ts';
import { SectionEmpty } from './SectionState.tsx';

function PartyList({ items, total }: { items: Counterparty[]; total: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <List<Counterparty>
      size="small"
      dataSource={items}
      rowKey={(c) => `${c.name}|${c.bank ?? ''}`}
      locale={{ emptyText: t('c360.empty.counterparties') }}
      renderItem={(c) => (
        <List.Item className="c360-list-item">
          <div className="c360-list-body">
            <div className="c360-list-row">
              <Typography.Text ellipsis>{counterpartyLabel(t, c.name)}</Typography.Text>
              <span className="num">{formatMoney(c.amount, language)}</span>
            </div>
            <div className="c360-bar-track" aria-hidden>
              <div
                className="c360-bar-fill"
                style={{ width: `${total > 0 ? (c.amount / total) * 100 : 0}%` }}
              />
            </div>
            <Typography.Text type="secondary" className="c360-small">
              {c.bank ?? ''}
              {c.bank ? ' · ' : ''}
              {t('c360.counterparties.count', { count: c.count })}
            </Typography.Text>
          </div>
        </List.Item>
      )}
    />
  );
}

function BankList({ items }: { items: CounterpartyBank[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <List<CounterpartyBank>
      size="small"
      dataSource={items}
      rowKey="bank"
      locale={{ emptyText: t('c360.empty.counterparties') }}
      renderItem={(b) => (
        <List.Item className="c360-list-item">
          <div className="c360-list-row" style={{ width: '100%' }}>
            <Typography.Text ellipsis>{counterpartyLabel(t, b.bank)}</Typography.Text>
            <span className="c360-small num">
              <span className="c360-in">
                {t('c360.counterparties.inflow')} {formatMoney(b.inflow, language)}
              </span>
              {' · '}
              <span className="c360-out">
                {t('c360.counterparties.outflow')} {formatMoney(b.outflow, language)}
              </span>
            </span>
          </div>
        </List.Item>
      )}
    />
  );
}

/** Where the money comes from and goes: a Sankey graph, then the top parties, banks and platforms. */
export function CounterpartiesPanel({
  data,
  customerName,
  compact,
}: {
  data: CounterpartiesSection;
  customerName: string;
  compact: boolean;
}) {
  const { t } = useTranslation();
  if (data.sankey.links.length === 0) return <SectionEmpty text={t('c360.empty.counterparties')} />;
  const tabs = [
    {
      key: 'sources',
      label: t('c360.counterparties.sources'),
      children: <PartyList items={data.sources} total={data.totalInflow} />,
    },
    {
      key: 'destinations',
      label: t('c360.counterparties.destinations'),
      children: <PartyList items={data.destinations} total={data.totalOutflow} />,
    },
    { key: 'banks', label: t('c360.counterparties.banks'), children: <BankList items={data.banks} /> },
    {
      key: 'platforms',
      label: t('c360.counterparties.platforms'),
      children: <BankList items={data.platforms} />,
    },
  ];
  return (
    <Row gutter={[16, 8]}>
      <Col xs={24} xxl={14}>
        <CounterpartySankey
          nodes={data.sankey.nodes}
          links={data.sankey.links}
          customerName={customerName}
          compact={compact}
        />
      </Col>
      <Col xs={24} xxl={10}>
        <Tabs size="small" items={tabs} />
      </Col>
    </Row>
  );
}
