import { Button, Card, Col, Collapse, Row, type ColProps } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One card of the 360 page: a dashboard tile on desktop, a collapsible section on phones. */
export interface PanelSpec {
  key: string;
  title: ReactNode;
  /** Right side of the card title (counts, totals, window). */
  extra?: ReactNode;
  content: ReactNode;
  /** Column spans of the desktop grid (24 columns); default full width. */
  span?: ColProps;
  /** Phones: rank in the stacked list, lower first (the order an RM reads before a visit). */
  phoneRank: number;
  /** Phones: expanded when the page opens. */
  phoneOpen?: boolean;
  /** Card body padding on desktop (tables want less). */
  bodyPadding?: number;
}

/** Desktop: a dashboard grid of cards in the given order. */
function DashboardGrid({ panels }: { panels: readonly PanelSpec[] }) {
  return (
    <Row gutter={[16, 16]} className="c360-grid" data-testid="c360-grid">
      {panels.map((panel) => (
        <Col key={panel.key} xs={24} {...panel.span}>
          <Card
            variant="borderless"
            className="page-card c360-card"
            title={panel.title}
            extra={panel.extra}
            styles={{ body: { padding: panel.bodyPadding ?? 16 } }}
          >
            <div data-testid={`c360-section-${panel.key}`}>{panel.content}</div>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** Phones: stacked collapsible sections, most useful first; charts mount when first opened. */
function PhoneSections({ panels }: { panels: readonly PanelSpec[] }) {
  const { t } = useTranslation();
  const ordered = useMemo(() => [...panels].sort((a, b) => a.phoneRank - b.phoneRank), [panels]);
  const [open, setOpen] = useState<string[]>(() => ordered.filter((p) => p.phoneOpen).map((p) => p.key));
  const allOpen = open.length === ordered.length;
  return (
    <div className="c360-phone" data-testid="c360-phone">
      <div className="c360-phone-toolbar">
        <Button
          size="small"
          type="link"
          onClick={() => setOpen(allOpen ? [] : ordered.map((p) => p.key))}
          data-testid="c360-toggle-all"
        >
          {allOpen ? t('c360.collapseAll') : t('c360.showAll')}
        </Button>
      </div>
      <Collapse
        activeKey={open}
        onChange={(keys) => setOpen(Array.isArray(keys) ? keys : [keys])}
        className="c360-collapse"
        items={ordered.map((panel) => ({
          key: panel.key,
          label: <span data-testid={`c360-panel-${panel.key}`}>{panel.title}</span>,
          extra: panel.extra,
          children: <div data-testid={`c360-section-${panel.key}`}>{panel.content}</div>,
        }))}
      />
    </div>
  );
}

/** The 360 sections as a desktop dashboard or, on phones, a stack of collapsible cards. */
export function Customer360Layout({ panels, phone }: { panels: readonly PanelSpec[]; phone: boolean }) {
  return phone ? <PhoneSections panels={panels} /> : <DashboardGrid panels={panels} />;
}
