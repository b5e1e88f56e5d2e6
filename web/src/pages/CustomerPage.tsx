import { ArrowLeftOutlined, BankOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Card, Col, Result, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { AumTrendChart } from '../features/customers/AumTrendChart.tsx';
import {
  CorporateProfile,
  CustomerAttributes,
  CustomerProfile,
} from '../features/customers/CustomerProfile.tsx';
import { CustomerKindTag, CustomerStatusTag } from '../features/customers/CustomerTags.tsx';
import { HoldingsTable } from '../features/customers/HoldingsTable.tsx';
import { useCustomer } from '../features/customers/customers.hooks.ts';
import { useIsPhone } from '../features/shell/responsive.ts';
import { formatMoney } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';

// The profile shares its row with the chart on wide screens, so it gets fewer columns there.
const PROFILE_COLUMNS = { xs: 1, sm: 2, md: 2, lg: 3, xl: 2, xxl: 3 };

/** The customer page: profile, holdings and the AUM trend (the full 360 view is a later issue). */
export function CustomerPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const isPhone = useIsPhone();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const view = useCustomer(id);

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
      <div className="page" data-testid="customer-loading">
        {back}
        <Card variant="borderless" className="page-card">
          <Skeleton active avatar paragraph={{ rows: 6 }} />
        </Card>
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

  const { customer, holdings, monthly } = view.data;
  const corporate = customer.kind === 'corporate';

  return (
    <div className="page customer-page" data-testid="customer-page">
      {back}
      <Card variant="borderless" className="page-card customer-header">
        <div className="customer-header-row">
          <Space size={isPhone ? 12 : 16} align="start" className="customer-header-who">
            <Avatar
              size={isPhone ? 44 : 56}
              icon={corporate ? <BankOutlined /> : <UserOutlined />}
              style={{ backgroundColor: corporate ? '#722ed1' : '#1f4e9c', flex: 'none' }}
            />
            <div style={{ minWidth: 0 }}>
              <Typography.Title level={isPhone ? 4 : 3} className="customer-name" data-testid="customer-name">
                {customer.name}
              </Typography.Title>
              <Space size={[0, 4]} wrap>
                <CustomerKindTag kind={customer.kind} />
                <CustomerStatusTag status={customer.status} />
                <Typography.Text type="secondary" className="mono" style={{ marginLeft: 4 }}>
                  {customer.id}
                </Typography.Text>
              </Space>
              <div className="customer-header-meta">
                <Typography.Text type="secondary">
                  {customer.homeBranchName}
                  {' · '}
                  {t('customer.fields.rm')}: {customer.rmName ?? t('customers.unassigned')}
                </Typography.Text>
              </div>
            </div>
          </Space>
          <Statistic
            title={t('customer.aum')}
            value={formatMoney(customer.aum, language)}
            className="customer-aum"
            valueStyle={{ fontSize: isPhone ? 22 : 28, fontVariantNumeric: 'tabular-nums' }}
          />
        </div>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card variant="borderless" className="page-card" title={t('customer.profile')}>
            <CustomerProfile customer={customer} columns={PROFILE_COLUMNS} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card variant="borderless" className="page-card" title={t('customer.trend')}>
            <AumTrendChart monthly={monthly} />
          </Card>
        </Col>
        {corporate ? (
          <Col xs={24}>
            <Card variant="borderless" className="page-card" title={t('customer.corporate')}>
              <CorporateProfile customer={customer} />
            </Card>
          </Col>
        ) : null}
        <Col xs={24}>
          <Card
            variant="borderless"
            className="page-card"
            title={t('customer.holdings')}
            extra={<Typography.Text type="secondary">{holdings.length}</Typography.Text>}
            styles={{ body: { padding: isPhone ? 8 : 16 } }}
          >
            <HoldingsTable holdings={holdings} compact={isPhone} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card variant="borderless" className="page-card" title={t('customer.attributes')}>
            <CustomerAttributes attributes={customer.attributes} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
