import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Result, Row, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { CustomerProfileView } from '../features/customer360/CustomerProfileView.tsx';
import '../features/customer360/customer360.css';
import { useCustomer360 } from '../features/customer360/customer360.hooks.ts';
import { Customer360Layout } from '../features/customer360/Customer360Layout.tsx';
import { ProfileHeader, ProfileHeaderSkeleton } from '../features/customer360/ProfileHeader.tsx';
import { buildPanels } from '../features/customer360/panels.tsx';
import { SectionUnavailable } from '../features/customer360/SectionState.tsx';
import { useTagGroups } from '../features/customer360/useTagGroups.ts';
import { useIsPhone } from '../features/shell/responsive.ts';
import { formatDate } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';

/** Placeholder cards in the shape of the dashboard while the 360 view loads. */
function LoadingGrid({ phone }: { phone: boolean }) {
  const spans = phone ? [24, 24, 24] : [12, 12, 16, 8, 16, 8];
  return (
    <Row gutter={[16, 16]}>
      {spans.map((span, index) => (
        <Col key={index} xs={24} xl={span}>
          <Card variant="borderless" className="page-card">
            <Skeleton active paragraph={{ rows: 5 }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/**
 * The customer 360° page: a header (who, masked identifiers, RM, branch, key tags, AUM) and every
 * section of `GET /api/customers/:id/360` — a dashboard grid on desktop, collapsible cards on phones.
 */
export function CustomerPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const isPhone = useIsPhone();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const view = useCustomer360(id);
  const tags = useTagGroups(view.data?.sections.tags);

  const from = (location.state as { from?: string } | null)?.from ?? '';
  const backToList = () => navigate(`/customers${from}`);
  const back = (
    <Button
      type="link"
      icon={<ArrowLeftOutlined />}
      onClick={backToList}
      style={{ paddingInline: 0, alignSelf: 'flex-start' }}
      data-testid="customer-back"
    >
      {t('customer.back')}
    </Button>
  );

  if (view.isPending) {
    return (
      <div className="page c360-page" data-testid="customer-loading">
        {back}
        <ProfileHeaderSkeleton />
        <LoadingGrid phone={isPhone} />
      </div>
    );
  }

  if (view.isError) {
    const notFound = view.error instanceof ApiError && view.error.status === 404;
    return (
      <div className="page">
        <Card variant="borderless" className="page-card">
          {notFound ? (
            <div data-testid="customer-not-found">
              <Result
                status="404"
                title={t('customer.notFoundTitle')}
                subTitle={t('customer.notFoundSub')}
                extra={
                  <Button type="primary" onClick={backToList}>
                    {t('customer.back')}
                  </Button>
                }
              />
            </div>
          ) : (
            <div data-testid="customer-error">
              <Result
                status="warning"
                title={t('customer.loadError')}
                subTitle={
                  view.error instanceof ApiError && view.error.code === 'network'
                    ? t('common.networkError')
                    : t('common.serverError', { message: view.error.message })
                }
                extra={
                  <Space>
                    <Button onClick={backToList}>{t('customer.back')}</Button>
                    <Button type="primary" onClick={() => void view.refetch()}>
                      {t('common.retry')}
                    </Button>
                  </Space>
                }
              />
            </div>
          )}
        </Card>
      </div>
    );
  }

  const data = view.data;
  const { sections } = data;
  const profile = sections.profile;
  const aum = sections.aum?.available ? sections.aum : null;
  const panels = buildPanels({
    data,
    phone: isPhone,
    tags,
    t,
    language,
    profileContent:
      profile?.available === true ? (
        <CustomerProfileView customer={profile.customer} />
      ) : (
        <SectionUnavailable
          name="profile"
          section={profile ?? { available: false, reason: 'no_data', message: '' }}
        />
      ),
  });

  return (
    <div className="page c360-page" data-testid="customer-page" data-kind={data.kind}>
      <div className="c360-topbar">
        {back}
        <Space size={4}>
          {data.asOf && isPhone ? (
            <Typography.Text type="secondary" className="c360-small">
              {t('c360.asOf', { date: formatDate(data.asOf) })}
            </Typography.Text>
          ) : null}
          <Button
            type="text"
            size="small"
            icon={<ReloadOutlined spin={view.isFetching} />}
            onClick={() => void view.refetch()}
            aria-label={t('c360.reload')}
            data-testid="c360-reload"
          />
        </Space>
      </div>
      {profile?.available ? (
        <ProfileHeader
          profile={profile}
          aum={aum}
          keyTags={tags.key}
          tagsLoading={tags.loading}
          asOf={isPhone ? null : data.asOf}
          compact={isPhone}
        />
      ) : (
        <Card variant="borderless" className="page-card c360-header">
          <Typography.Title level={3} className="customer-name" data-testid="customer-name">
            {data.name}
          </Typography.Title>
        </Card>
      )}
      <Customer360Layout panels={panels} phone={isPhone} />
    </div>
  );
}
