import { BankOutlined, UserOutlined } from '@ant-design/icons';
import {
  Avatar,
  Button,
  List,
  Progress,
  Statistic,
  Table,
  Tag,
  Timeline,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type {
  GroupSection,
  GuaranteesSection,
  NewsSection,
  RegistrationSection,
  RelatedParty,
  RelationsSection,
  ShareholdersSection,
  SignalsSection,
  SupplyChainSection,
  TradePartner,
} from '../../api/types.ts';
import { formatDate, formatInteger, formatMoney } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { enumLabel } from '../../i18n/labels.ts';
import { mergeParties, type MergedParty } from './party-merge.ts';
import { c360Label, SectionEmpty } from './SectionState.tsx';

const pct = (value: number) => `${Math.round(value * 1000) / 10}%`;

/** A party's name, linking to its own 360 page when it is a customer the user may see. */
function PartyName({ party }: { party: Pick<RelatedParty, 'name' | 'customerId'> }) {
  const { t } = useTranslation();
  return party.customerId ? (
    <Link to={`/customers/${encodeURIComponent(party.customerId)}`} title={t('c360.viewCustomer')}>
      {party.name}
    </Link>
  ) : (
    <span>{party.name}</span>
  );
}

/** Related parties as a list: who, how they relate, stake or amount, since when; long lists fold. */
export function PartyList({
  items,
  emptyText,
  limit = 6,
}: {
  items: RelatedParty[];
  emptyText: string;
  limit?: number;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [all, setAll] = useState(false);
  const rows = useMemo(() => mergeParties(items), [items]);
  if (rows.length === 0) return <SectionEmpty text={emptyText} />;
  const shown = all ? rows : rows.slice(0, limit);
  return (
    <List<MergedParty>
      size="small"
      dataSource={shown}
      loadMore={
        rows.length > limit ? (
          <Button type="link" size="small" onClick={() => setAll((value) => !value)}>
            {all ? t('c360.showLess') : t('c360.more', { count: rows.length - limit })}
          </Button>
        ) : null
      }
      rowKey="entityId"
      renderItem={(p) => (
        <List.Item className="c360-list-item">
          <div className="c360-party">
            <Avatar
              size={28}
              icon={p.entityKind === 'company' ? <BankOutlined /> : <UserOutlined />}
              style={{ backgroundColor: p.entityKind === 'company' ? '#9254de' : '#69b1ff', flex: 'none' }}
            />
            <div className="c360-list-body">
              <div className="c360-list-row">
                <Typography.Text ellipsis>
                  <PartyName party={p} />
                </Typography.Text>
                <span className="c360-party-tags">
                  {p.relations.map((relation) => (
                    <Tag key={relation} bordered={false}>
                      {c360Label(t, 'relations.types', relation)}
                    </Tag>
                  ))}
                </span>
              </div>
              <Typography.Text type="secondary" className="c360-small">
                {[
                  p.entityKind === 'company' ? t('c360.relations.company') : t('c360.relations.person'),
                  p.pct !== null ? t('c360.relations.pct', { pct: pct(p.pct) }) : null,
                  p.amount !== null
                    ? t('c360.relations.amount', { amount: formatMoney(p.amount, language) })
                    : null,
                  p.since ? t('c360.relations.since', { date: formatDate(p.since) }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}

/** Relation types a corporate page already shows in their own cards. */
const SHOWN_ELSEWHERE = new Set([
  'shareholder',
  'executive',
  'legal_rep',
  'controller',
  'supplier',
  'buyer',
  'guarantee',
]);

/**
 * Family members first, then other related persons and companies. A corporate page has cards of
 * its own for shareholders, executives, guarantees and the supply chain, so those are left out here.
 */
export function RelationsPanel({ data, corporate }: { data: RelationsSection; corporate: boolean }) {
  const { t } = useTranslation();
  const related = corporate ? data.related.filter((p) => !SHOWN_ELSEWHERE.has(p.relation)) : data.related;
  if (data.family.length === 0 && related.length === 0) {
    return <SectionEmpty text={t('c360.empty.relations')} />;
  }
  return (
    <div className="c360-stack" data-testid="c360-relations">
      {data.family.length > 0 ? (
        <div>
          <Typography.Text type="secondary" className="c360-subhead">
            {t('c360.relations.family')}
          </Typography.Text>
          <PartyList items={data.family} emptyText="" />
        </div>
      ) : null}
      {related.length > 0 ? (
        <div>
          <Typography.Text type="secondary" className="c360-subhead">
            {t('c360.relations.related')}
          </Typography.Text>
          <PartyList items={related} emptyText="" />
        </div>
      ) : null}
    </div>
  );
}

/** Registration data: USCC, industry, capital, legal representative, size. */
export function RegistrationPanel({ data }: { data: RegistrationSection }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const none = t('common.notSet');
  return (
    // A grid rather than a Descriptions table: a table cannot shrink below its longest value.
    <div className="c360-kv-grid" data-testid="c360-registration">
      {[
        {
          key: 'uscc',
          label: t('c360.registration.uscc'),
          children: (
            <Typography.Text copyable={!!data.uscc} className="mono">
              {data.uscc ?? none}
            </Typography.Text>
          ),
        },
        { key: 'industry', label: t('c360.registration.industry'), children: data.industry ?? none },
        {
          key: 'capital',
          label: t('c360.registration.registeredCapital'),
          children: data.registeredCapital === null ? none : formatMoney(data.registeredCapital, language),
        },
        {
          key: 'established',
          label: t('c360.registration.established'),
          children: formatDate(data.established),
        },
        { key: 'legalRep', label: t('c360.registration.legalRep'), children: data.legalRep ?? none },
        {
          key: 'employees',
          label: t('c360.registration.employees'),
          children: formatInteger(data.employees, language),
        },
        { key: 'size', label: t('c360.registration.size'), children: enumLabel(t, 'sizes', data.size) },
        { key: 'city', label: t('c360.registration.city'), children: data.city ?? none },
      ].map((item) => (
        <div key={item.key} className="c360-kv">
          <div className="c360-kv-label">{item.label}</div>
          <div className="c360-kv-value">{item.children}</div>
        </div>
      ))}
    </div>
  );
}

/** Shareholders with their stakes as bars, largest first. */
export function ShareholdersPanel({ data }: { data: ShareholdersSection }) {
  const { t } = useTranslation();
  if (data.items.length === 0) return <SectionEmpty text={t('c360.empty.shareholders')} />;
  return (
    <div className="c360-stack" data-testid="c360-shareholders">
      <List<RelatedParty>
        size="small"
        dataSource={data.items}
        rowKey={(p) => `${p.entityId}-${p.relation}`}
        renderItem={(p) => (
          <List.Item className="c360-list-item">
            <div className="c360-list-body">
              <div className="c360-list-row">
                <Typography.Text ellipsis>
                  <PartyName party={p} />
                </Typography.Text>
                <Tag bordered={false}>
                  {c360Label(t, 'relations.types', p.relation)} ·{' '}
                  {p.entityKind === 'company' ? t('c360.relations.company') : t('c360.relations.person')}
                </Tag>
              </div>
              {p.pct !== null ? (
                <Progress
                  percent={Math.round(p.pct * 1000) / 10}
                  size="small"
                  status="normal"
                  strokeColor="#722ed1"
                />
              ) : (
                <Typography.Text type="secondary" className="c360-small">
                  {c360Label(t, 'relations.types', p.relation)}
                </Typography.Text>
              )}
            </div>
          </List.Item>
        )}
      />
      <Typography.Text type="secondary" className="c360-small">
        {t('c360.shareholders.totalPct', { pct: pct(data.totalPct) })}
      </Typography.Text>
    </div>
  );
}

/** Guarantees this company gave and received, with totals. */
export function GuaranteesPanel({ data }: { data: GuaranteesSection }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (data.given.length === 0 && data.received.length === 0) {
    return <SectionEmpty text={t('c360.empty.guarantees')} />;
  }
  const stat = { fontSize: 17, fontVariantNumeric: 'tabular-nums' as const };
  return (
    <div className="c360-stack" data-testid="c360-guarantees">
      <div className="c360-stats">
        <Statistic
          title={t('c360.guarantees.totalGiven')}
          value={formatMoney(data.totalGiven, language)}
          valueStyle={{ ...stat, color: data.totalGiven > 0 ? '#c2410c' : undefined }}
        />
        <Statistic
          title={t('c360.guarantees.totalReceived')}
          value={formatMoney(data.totalReceived, language)}
          valueStyle={stat}
        />
      </div>
      {data.given.length > 0 ? (
        <div>
          <Typography.Text type="secondary" className="c360-subhead">
            {t('c360.guarantees.given')}
          </Typography.Text>
          <PartyList items={data.given} emptyText="" />
        </div>
      ) : null}
      {data.received.length > 0 ? (
        <div>
          <Typography.Text type="secondary" className="c360-subhead">
            {t('c360.guarantees.received')}
          </Typography.Text>
          <PartyList items={data.received} emptyText="" />
        </div>
      ) : null}
    </div>
  );
}

function PartnerTable({ items, compact }: { items: TradePartner[]; compact: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const none = t('common.notSet');
  if (compact) {
    return (
      <List<TradePartner>
        size="small"
        dataSource={items}
        rowKey={(p) => p.entityId ?? p.name}
        renderItem={(p) => (
          <List.Item className="c360-list-item">
            <div className="c360-list-body">
              <div className="c360-list-row">
                <Typography.Text ellipsis>{p.name}</Typography.Text>
                <span className="num c360-strong">{formatMoney(p.paidVolume, language)}</span>
              </div>
              <Typography.Text type="secondary" className="c360-small">
                {c360Label(t, 'supplyChain.sources', p.source)}
                {p.declaredVolume !== null
                  ? ` · ${t('c360.supplyChain.declared')} ${formatMoney(p.declaredVolume, language)}`
                  : ''}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    );
  }
  const columns: TableColumnsType<TradePartner> = [
    { key: 'name', title: t('c360.counterparties.name'), dataIndex: 'name' },
    {
      key: 'paid',
      title: t('c360.supplyChain.paid'),
      dataIndex: 'paidVolume',
      align: 'right',
      render: (v: number) => <span className="num">{formatMoney(v, language)}</span>,
    },
    {
      key: 'count',
      title: t('c360.supplyChain.payments'),
      dataIndex: 'paymentCount',
      align: 'right',
      render: (v: number) => formatInteger(v, language),
    },
    {
      key: 'declared',
      title: t('c360.supplyChain.declared'),
      dataIndex: 'declaredVolume',
      align: 'right',
      render: (v: number | null) =>
        v === null ? none : <span className="num">{formatMoney(v, language)}</span>,
    },
    {
      key: 'source',
      title: t('c360.supplyChain.source'),
      dataIndex: 'source',
      render: (v: string) => <Tag bordered={false}>{c360Label(t, 'supplyChain.sources', v)}</Tag>,
    },
  ];
  return (
    <Table<TradePartner>
      size="small"
      rowKey={(p) => p.entityId ?? p.name}
      columns={columns}
      dataSource={items}
      pagination={items.length > 6 ? { pageSize: 6, size: 'small' } : false}
      scroll={{ x: 'max-content' }}
    />
  );
}

/** Upstream suppliers and downstream buyers with declared and paid volumes. */
export function SupplyChainPanel({ data, compact }: { data: SupplyChainSection; compact: boolean }) {
  const { t } = useTranslation();
  if (data.suppliers.length === 0 && data.buyers.length === 0) {
    return <SectionEmpty text={t('c360.empty.supplyChain')} />;
  }
  return (
    <div className="c360-two-col" data-testid="c360-supply-chain">
      <div>
        <Typography.Text type="secondary" className="c360-subhead">
          {t('c360.supplyChain.suppliers')}
        </Typography.Text>
        {data.suppliers.length ? (
          <PartnerTable items={data.suppliers} compact={compact} />
        ) : (
          <SectionEmpty text={t('c360.empty.supplyChain')} />
        )}
      </div>
      <div>
        <Typography.Text type="secondary" className="c360-subhead">
          {t('c360.supplyChain.buyers')}
        </Typography.Text>
        {data.buyers.length ? (
          <PartnerTable items={data.buyers} compact={compact} />
        ) : (
          <SectionEmpty text={t('c360.empty.supplyChain')} />
        )}
      </div>
    </div>
  );
}

const POLARITY_COLORS = { positive: 'green', neutral: 'blue', negative: 'red' } as const;

/** External signals (registrations, pledges, litigation, bids …) as a timeline, newest first. */
export function SignalsTimeline({ data }: { data: SignalsSection }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (data.items.length === 0) return <SectionEmpty text={t('c360.empty.signals')} />;
  return (
    <div className="c360-scroll" data-testid="c360-signals">
      <Timeline
        items={data.items.map((s) => ({
          key: s.id,
          color: POLARITY_COLORS[s.polarity],
          children: (
            <div className="c360-timeline-entry">
              <div>
                <Tag color={POLARITY_COLORS[s.polarity]} bordered={false}>
                  {c360Label(t, 'signals.polarity', s.polarity)}
                </Tag>
                <Typography.Text strong>{c360Label(t, 'signals.types', s.type)}</Typography.Text>
              </div>
              <Typography.Text type="secondary" className="c360-small">
                {[
                  formatDate(s.date),
                  s.amount !== null ? formatMoney(s.amount, language) : null,
                  s.expiry ? t('c360.signals.expiry', { date: formatDate(s.expiry) }) : null,
                  s.description,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            </div>
          ),
        }))}
      />
    </div>
  );
}

const SENTIMENT_COLORS: Record<string, string> = { positive: 'green', neutral: 'default', negative: 'red' };

/** News linked to the company, newest first, with sentiment. */
export function NewsList({ data }: { data: NewsSection }) {
  const { t } = useTranslation();
  if (data.items.length === 0) return <SectionEmpty text={t('c360.empty.news')} />;
  return (
    <List
      size="small"
      dataSource={data.items}
      rowKey="id"
      className="c360-scroll"
      data-testid="c360-news"
      renderItem={(n) => (
        <List.Item className="c360-list-item">
          <div className="c360-list-body">
            <Typography.Text>{n.title}</Typography.Text>
            <Typography.Text type="secondary" className="c360-small">
              {formatDate(n.ts)}
              {n.source ? ` · ${n.source}` : ''}
              {n.eventType ? ` · ${c360Label(t, 'signals.types', n.eventType)}` : ''}{' '}
              {n.sentiment ? (
                <Tag bordered={false} color={SENTIMENT_COLORS[n.sentiment] ?? 'default'}>
                  {c360Label(t, 'news.sentiment', n.sentiment)}
                </Tag>
              ) : null}
            </Typography.Text>
          </div>
        </List.Item>
      )}
    />
  );
}

/** Group membership: controlling parties, subsidiaries and sister companies. */
export function GroupPanel({ data }: { data: GroupSection }) {
  const { t } = useTranslation();
  if (data.parents.length === 0 && data.subsidiaries.length === 0 && data.siblings.length === 0) {
    return <SectionEmpty text={t('c360.empty.group')} />;
  }
  const part = (key: 'parents' | 'subsidiaries' | 'siblings') =>
    data[key].length > 0 ? (
      <div key={key}>
        <Typography.Text type="secondary" className="c360-subhead">
          {t(`c360.group.${key}`)}
        </Typography.Text>
        <PartyList items={data[key]} emptyText="" />
      </div>
    ) : null;
  return (
    <div className="c360-stack" data-testid="c360-group">
      {part('parents')}
      {part('subsidiaries')}
      {part('siblings')}
    </div>
  );
}
