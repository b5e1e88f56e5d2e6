import { Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { Customer360, Customer360SectionName, Section } from '../../api/types.ts';
import { formatMoney } from '../../i18n/format.ts';
import type { Language } from '../../i18n/index.ts';
import { ChannelsPanel, EventsPanel, LifeEventsList, ProductTimeline } from './ActivityPanels.tsx';
import { AumTrendChart360 } from './charts/AumTrendChart360.tsx';
import { FlowsChart } from './charts/FlowsChart.tsx';
import { CounterpartiesPanel } from './CounterpartiesPanel.tsx';
import type { PanelSpec } from './Customer360Layout.tsx';
import { HoldingsPanel, MaturitiesList } from './HoldingsPanel.tsx';
import { LiabilitiesPanel } from './LiabilitiesPanel.tsx';
import { NotesCount, NotesPanel } from './NotesPanel.tsx';
import {
  GroupPanel,
  GuaranteesPanel,
  NewsList,
  PartyList,
  RegistrationPanel,
  RelationsPanel,
  ShareholdersPanel,
  SignalsTimeline,
  SupplyChainPanel,
} from './PartyPanels.tsx';
import { SectionBody, SectionEmpty } from './SectionState.tsx';
import { ScoresPanel, TagsPanel } from './TagsPanel.tsx';
import { TransactionsPanel } from './TransactionsPanel.tsx';
import type { TagGroupsState } from './useTagGroups.ts';

// Desktop column spans (24 columns). Below xl the grid falls back to halves or full rows.
const FULL = {};
const HALF = { lg: 12 };
const THIRD = { lg: 12, xl: 8 };
const TWO_THIRDS = { lg: 24, xl: 16 };
// Placeholders of later issues share one row.
const PLACEHOLDER = { lg: 8 };

/** What the page gives the panel builder. */
export interface PanelInput {
  data: Customer360;
  phone: boolean;
  tags: TagGroupsState;
  profileContent: ReactNode;
  t: TFunction;
  language: Language;
}

function available<T>(section: Section<T> | undefined): ({ available: true } & T) | null {
  return section && section.available ? section : null;
}

function muted(text: string): ReactNode {
  return (
    <Typography.Text type="secondary" className="c360-small">
      {text}
    </Typography.Text>
  );
}

/**
 * The cards of the 360 page for this customer, in desktop order, each with its phone rank: for an
 * RM before a visit the summary, AUM, holdings, maturities, life events and notes come first.
 */
export function buildPanels({ data, phone, tags, profileContent, t, language }: PanelInput): PanelSpec[] {
  const s = data.sections;
  const corporate = data.kind === 'corporate';
  const title = (name: Customer360SectionName | 'maturities') => t(`c360.sections.${name}`);
  const windowExtra = (days: number | undefined) =>
    days === undefined ? undefined : muted(t('c360.windowDays', { days }));
  const body = <T,>(
    name: Customer360SectionName,
    section: Section<T> | undefined,
    render: (value: T) => ReactNode,
  ) => (
    <SectionBody name={name} section={section}>
      {render}
    </SectionBody>
  );

  const holdings = available(s.holdings);
  const flows = available(s.flows);
  const counterparties = available(s.counterparties);
  const channels = available(s.channels);
  const transactions = available(s.transactions);
  const notes = available(s.notes);
  const tagSection = s.tags;

  const panels: Record<string, PanelSpec> = {
    profile: {
      key: 'profile',
      title: title('profile'),
      content: profileContent,
      span: HALF,
      phoneRank: 15,
    },
    aum: {
      key: 'aum',
      title: title('aum'),
      content: body('aum', s.aum, (aum) =>
        aum.trend.length === 0 ? (
          <SectionEmpty text={t('c360.empty.aum')} />
        ) : (
          <AumTrendChart360 trend={aum.trend} compact={phone} />
        ),
      ),
      span: HALF,
      phoneRank: 10,
      phoneOpen: true,
    },
    flows: {
      key: 'flows',
      title: title('flows'),
      // Phones have no room for the totals beside the title.
      extra:
        flows && !phone
          ? muted(
              `${t('c360.flows.totalInflow')} ${formatMoney(flows.totalInflow, language)} · ${t(
                'c360.flows.totalOutflow',
              )} ${formatMoney(flows.totalOutflow, language)}`,
            )
          : undefined,
      content: body('flows', s.flows, (value) =>
        value.months.length === 0 ? (
          <SectionEmpty text={t('c360.empty.flows')} />
        ) : (
          <FlowsChart
            months={value.months.map((m) => ({
              month: m.month,
              inflow: m.inflow,
              outflow: m.outflow,
              line: m.net,
            }))}
            labels={{
              inflow: t('c360.flows.inflow'),
              outflow: t('c360.flows.outflow'),
              line: t('c360.flows.net'),
            }}
            compact={phone}
            testId="c360-flows-chart"
            ariaLabel={title('flows')}
          />
        ),
      ),
      span: HALF,
      phoneRank: 60,
    },
    holdings: {
      key: 'holdings',
      title: title('holdings'),
      extra: holdings
        ? muted(
            `${t('c360.holdings.count', { count: holdings.items.length })} · ${formatMoney(holdings.total, language)}`,
          )
        : undefined,
      content: body('holdings', s.holdings, (value) => <HoldingsPanel data={value} compact={phone} />),
      span: TWO_THIRDS,
      phoneRank: 20,
      phoneOpen: true,
    },
    maturities: {
      key: 'maturities',
      title: title('maturities'),
      extra:
        holdings && holdings.maturingSoon.length > 0
          ? muted(String(holdings.maturingSoon.length))
          : undefined,
      content: body('holdings', s.holdings, (value) => <MaturitiesList items={value.maturingSoon} />),
      span: { lg: 24, xl: 8 },
      phoneRank: 30,
      phoneOpen: true,
    },
    liabilities: {
      key: 'liabilities',
      title: title('liabilities'),
      content: body('liabilities', s.liabilities, (value) => <LiabilitiesPanel data={value} />),
      span: corporate ? HALF : THIRD,
      phoneRank: 50,
    },
    counterparties: {
      key: 'counterparties',
      title: title('counterparties'),
      extra: windowExtra(counterparties?.windowDays),
      content: body('counterparties', s.counterparties, (value) => (
        <CounterpartiesPanel data={value} customerName={data.name} compact={phone} />
      )),
      span: TWO_THIRDS,
      phoneRank: 70,
    },
    channels: {
      key: 'channels',
      title: title('channels'),
      extra: windowExtra(channels?.windowDays),
      content: body('channels', s.channels, (value) => <ChannelsPanel data={value} compact={phone} />),
      span: THIRD,
      phoneRank: 75,
    },
    timeline: {
      key: 'timeline',
      title: title('timeline'),
      content: body('timeline', s.timeline, (value) => <ProductTimeline data={value} />),
      span: THIRD,
      phoneRank: 65,
    },
    lifeEvents: {
      key: 'lifeEvents',
      title: title('lifeEvents'),
      content: body('lifeEvents', s.lifeEvents, (value) => <LifeEventsList data={value} />),
      span: THIRD,
      phoneRank: 35,
      phoneOpen: true,
    },
    tags: {
      key: 'tags',
      title: title('tags'),
      content: body('tags', tagSection, (value) => (
        <TagsPanel
          groups={tags.groups}
          catalogueMissing={tags.catalogueMissing}
          updatedAt={value.updatedAt}
        />
      )),
      span: TWO_THIRDS,
      phoneRank: 80,
    },
    scores: {
      key: 'scores',
      title: title('scores'),
      content: body('scores', s.scores, (value) => <ScoresPanel data={value} />),
      span: THIRD,
      phoneRank: 85,
    },
    transactions: {
      key: 'transactions',
      title: title('transactions'),
      extra: windowExtra(transactions?.windowDays),
      content: body('transactions', s.transactions, (value) => (
        <TransactionsPanel customerId={data.customerId} initial={value.page} compact={phone} />
      )),
      span: FULL,
      phoneRank: 55,
      bodyPadding: phone ? 8 : 16,
    },
    events: {
      key: 'events',
      title: title('events'),
      content: body('events', s.events, (value) => <EventsPanel data={value} />),
      span: HALF,
      phoneRank: 90,
    },
    notes: {
      key: 'notes',
      title: title('notes'),
      extra: notes ? <NotesCount customerId={data.customerId} initial={notes} /> : undefined,
      content: body('notes', s.notes, (value) => <NotesPanel customerId={data.customerId} initial={value} />),
      span: HALF,
      phoneRank: 40,
      phoneOpen: true,
    },
    relations: {
      key: 'relations',
      title: title('relations'),
      content: body('relations', s.relations, (value) => (
        <RelationsPanel data={value} corporate={corporate} />
      )),
      span: HALF,
      phoneRank: 45,
    },
    alerts: {
      key: 'alerts',
      title: title('alerts'),
      content: body('alerts', s.alerts, () => null),
      span: PLACEHOLDER,
      phoneRank: 95,
    },
    tasks: {
      key: 'tasks',
      title: title('tasks'),
      content: body('tasks', s.tasks, () => null),
      span: PLACEHOLDER,
      phoneRank: 96,
    },
    visits: {
      key: 'visits',
      title: title('visits'),
      content: body('visits', s.visits, () => null),
      span: PLACEHOLDER,
      phoneRank: 97,
    },
    registration: {
      key: 'registration',
      title: title('registration'),
      content: body('registration', s.registration, (value) => <RegistrationPanel data={value} />),
      span: HALF,
      phoneRank: 12,
      phoneOpen: true,
    },
    settlement: {
      key: 'settlement',
      title: title('settlement'),
      content: body('settlement', s.settlement, (value) =>
        value.months.length === 0 ? (
          <SectionEmpty text={t('c360.empty.settlement')} />
        ) : (
          <FlowsChart
            months={value.months.map((m) => ({
              month: m.month,
              inflow: m.receipts,
              outflow: m.payments,
              line: m.depositBalance,
            }))}
            labels={{
              inflow: t('c360.settlement.receipts'),
              outflow: t('c360.settlement.payments'),
              line: t('c360.settlement.depositBalance'),
            }}
            compact={phone}
            testId="c360-settlement-chart"
            ariaLabel={title('settlement')}
          />
        ),
      ),
      span: HALF,
      phoneRank: 25,
    },
    supplyChain: {
      key: 'supplyChain',
      title: title('supplyChain'),
      extra: windowExtra(available(s.supplyChain)?.windowDays),
      content: body('supplyChain', s.supplyChain, (value) => (
        <SupplyChainPanel data={value} compact={phone} />
      )),
      span: FULL,
      phoneRank: 32,
    },
    shareholders: {
      key: 'shareholders',
      title: title('shareholders'),
      content: body('shareholders', s.shareholders, (value) => <ShareholdersPanel data={value} />),
      span: THIRD,
      phoneRank: 34,
    },
    executives: {
      key: 'executives',
      title: title('executives'),
      content: body('executives', s.executives, (value) => (
        <PartyList items={value.items} emptyText={t('c360.empty.executives')} />
      )),
      span: THIRD,
      phoneRank: 36,
    },
    group: {
      key: 'group',
      title: title('group'),
      content: body('group', s.group, (value) => <GroupPanel data={value} />),
      span: THIRD,
      phoneRank: 38,
    },
    guarantees: {
      key: 'guarantees',
      title: title('guarantees'),
      content: body('guarantees', s.guarantees, (value) => <GuaranteesPanel data={value} />),
      span: HALF,
      phoneRank: 37,
    },
    signals: {
      key: 'signals',
      title: title('signals'),
      content: body('signals', s.signals, (value) => <SignalsTimeline data={value} />),
      span: HALF,
      phoneRank: 33,
      phoneOpen: true,
    },
    news: {
      key: 'news',
      title: title('news'),
      content: body('news', s.news, (value) => <NewsList data={value} />),
      span: HALF,
      phoneRank: 39,
    },
  };

  const retailOrder = [
    'aum',
    'flows',
    'holdings',
    'maturities',
    'counterparties',
    'liabilities',
    'tags',
    'scores',
    'lifeEvents',
    'timeline',
    'channels',
    'transactions',
    'notes',
    'relations',
    'profile',
    'events',
    'alerts',
    'tasks',
    'visits',
  ];
  const corporateOrder = [
    'registration',
    'aum',
    'settlement',
    'flows',
    'holdings',
    'maturities',
    'supplyChain',
    'shareholders',
    'executives',
    'group',
    'guarantees',
    'liabilities',
    'counterparties',
    'channels',
    'signals',
    'news',
    'tags',
    'scores',
    'transactions',
    'notes',
    'relations',
    'timeline',
    'events',
    'profile',
    'alerts',
    'tasks',
    'visits',
  ];
  const order = corporate ? corporateOrder : retailOrder;
  const spans: Record<string, object> = corporate ? { profile: FULL, timeline: HALF, events: HALF } : {};
  return order.map((key) => ({ ...panels[key]!, span: spans[key] ?? panels[key]!.span }));
}
