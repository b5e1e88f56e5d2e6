import {
  CarOutlined,
  CoffeeOutlined,
  CreditCardOutlined,
  DollarOutlined,
  FieldTimeOutlined,
  HomeOutlined,
  PauseCircleOutlined,
  RiseOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ChannelsSection,
  EventsSection,
  LifeEvent,
  LifeEventsSection,
  TimelineEntry,
  TimelineSection,
} from '../../api/types.ts';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { enumLabel } from '../../i18n/labels.ts';
import { ChannelChart } from './charts/ChannelChart.tsx';
import { c360Label, SectionEmpty } from './SectionState.tsx';

const TIMELINE_COLORS: Record<TimelineEntry['kind'], string> = {
  opened: 'green',
  closed: 'gray',
  matured: 'blue',
  maturing: 'orange',
};

const LIFE_EVENT_ICONS: Record<LifeEvent['type'], ReactNode> = {
  home_purchase: <HomeOutlined />,
  car_purchase: <CarOutlined />,
  new_job: <SolutionOutlined />,
  salary_increase: <RiseOutlined />,
  salary_stopped: <PauseCircleOutlined />,
  large_inflow: <DollarOutlined />,
  wealth_maturity: <FieldTimeOutlined />,
  new_credit: <CreditCardOutlined />,
  retirement_age: <CoffeeOutlined />,
};

/** Transactions by channel over the recent window, and mobile-app logins. */
export function ChannelsPanel({ data, compact }: { data: ChannelsSection; compact: boolean }) {
  const { t } = useTranslation();
  if (data.items.length === 0) return <SectionEmpty text={t('c360.empty.channels')} />;
  return (
    <div className="c360-stack">
      <ChannelChart items={data.items} compact={compact} />
      <Typography.Text type="secondary" className="c360-small">
        {t('c360.channels.appLogins', { count: data.appLogins })}
      </Typography.Text>
    </div>
  );
}

/** Products opened, closed, matured and about to mature, newest first; long lists scroll. */
export function ProductTimeline({ data }: { data: TimelineSection }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (data.items.length === 0) return <SectionEmpty text={t('c360.empty.timeline')} />;
  return (
    <div className="c360-scroll" data-testid="c360-timeline">
      <Timeline
        items={data.items.map((entry) => ({
          key: `${entry.accountId}-${entry.kind}-${entry.date}`,
          color: TIMELINE_COLORS[entry.kind],
          children: (
            <div className="c360-timeline-entry">
              <div>
                <Tag color={TIMELINE_COLORS[entry.kind]} bordered={false}>
                  {c360Label(t, 'timeline', entry.kind)}
                </Tag>
                <Typography.Text strong>{entry.productName}</Typography.Text>
              </div>
              <Typography.Text type="secondary" className="c360-small">
                {formatDate(entry.date)} · {enumLabel(t, 'categories', entry.category)}
                {entry.amount !== null ? ` · ${formatMoney(entry.amount, language)}` : ''}
              </Typography.Text>
            </div>
          ),
        }))}
      />
    </div>
  );
}

/** Life events the batch detected, with the evidence in the UI language. */
export function LifeEventsList({ data }: { data: LifeEventsSection }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (data.items.length === 0) return <SectionEmpty text={t('c360.empty.lifeEvents')} />;
  return (
    <ul className="c360-life-events" data-testid="c360-life-events">
      {data.items.map((event, index) => (
        <li key={`${event.type}-${event.date}-${index}`} className="c360-life-event">
          <span className="c360-life-event-icon" aria-hidden>
            {LIFE_EVENT_ICONS[event.type] ?? '•'}
          </span>
          <div className="c360-life-event-body">
            <div className="c360-list-row">
              <Typography.Text strong>{c360Label(t, 'lifeEvents', event.type)}</Typography.Text>
              <Typography.Text type="secondary" className="c360-small num">
                {formatDate(event.date)}
              </Typography.Text>
            </div>
            <Typography.Text type="secondary" className="c360-small">
              {language === 'en' ? event.evidence : event.evidenceZh}
              {event.amount !== null ? ` · ${formatMoney(event.amount, language)}` : ''}
            </Typography.Text>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Behaviour events: counts by type over the window and the latest events. */
export function EventsPanel({ data }: { data: EventsSection }) {
  const { t } = useTranslation();
  if (data.recent.length === 0 && data.byType.length === 0) {
    return <SectionEmpty text={t('c360.empty.events')} />;
  }
  const describe = (props: Record<string, unknown>) =>
    Object.entries(props)
      .filter(([, value]) => value !== null && value !== undefined && typeof value !== 'object')
      .slice(0, 3)
      .map(([key, value]) => `${key}: ${String(value)}`)
      .join(' · ');
  return (
    <div className="c360-stack" data-testid="c360-events">
      <div className="c360-chip-row">
        {data.byType.map((row) => (
          <Tag key={row.type} bordered={false} color="geekblue">
            {c360Label(t, 'events.types', row.type)} {row.count}
          </Tag>
        ))}
      </div>
      {data.lastSeen ? (
        <Typography.Text type="secondary" className="c360-small">
          {t('c360.events.lastSeen')}: {data.lastSeen.slice(0, 16).replace('T', ' ')}
        </Typography.Text>
      ) : null}
      <ul className="c360-event-list c360-scroll">
        {data.recent.map((event, index) => (
          <li key={`${event.ts}-${index}`}>
            <span className="num c360-small c360-muted">{event.ts.slice(5, 16).replace('T', ' ')}</span>
            <span className="c360-event-type">{c360Label(t, 'events.types', event.type)}</span>
            <span className="c360-small c360-muted c360-ellipsis">{describe(event.props)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
