import { Button, Card, Result, Space, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import type { CustomerListItem, User } from '../api/types.ts';
import { CustomerCardList } from '../features/customers/CustomerCardList.tsx';
import { CustomerFilters } from '../features/customers/CustomerFilters.tsx';
import { CustomerTable } from '../features/customers/CustomerTable.tsx';
import {
  customerSearchParams,
  isFiltered,
  parseCustomerSearch,
  type CustomerSearch,
} from '../features/customers/customer-search.ts';
import { useCustomers } from '../features/customers/customers.hooks.ts';
import { useIsPhone } from '../features/shell/responsive.ts';

/** Search, filters and the paged list of customers in the user's scope. */
export function CustomersPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const search = useMemo(() => parseCustomerSearch(params), [params]);
  const customers = useCustomers(search);

  const update = useCallback(
    (patch: Partial<CustomerSearch>) => setParams(customerSearchParams({ ...search, ...patch })),
    [search, setParams],
  );
  const linkState = { from: location.search };
  const open = (customer: CustomerListItem) =>
    navigate(`/customers/${encodeURIComponent(customer.id)}`, { state: linkState });
  const onPageChange = (page: number, pageSize: number) =>
    update({ page: pageSize === search.pageSize ? page : 1, pageSize });

  const data = customers.data;
  const filtered = isFiltered(search);
  const errorText =
    customers.error instanceof ApiError && customers.error.code === 'network'
      ? t('common.networkError')
      : customers.error
        ? t('common.serverError', { message: customers.error.message })
        : '';

  return (
    <div
      className="page customers-page"
      data-testid="customers-page"
      data-loading={customers.isFetching ? 'true' : 'false'}
      data-search={params.toString()}
    >
      <div className="page-title-row">
        <Typography.Title level={3} className="page-title">
          {t('customers.title')}
        </Typography.Title>
        {data ? (
          <Typography.Text type="secondary" data-testid="customer-total" data-total={data.total}>
            {t('customers.total', { count: data.total })}
          </Typography.Text>
        ) : null}
      </div>
      <Card variant="borderless" className="page-card" styles={{ body: { padding: isPhone ? 12 : 20 } }}>
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <CustomerFilters search={search} onChange={update} showRmFilter={user.role !== 'rm'} />
          {customers.isError && !data ? (
            <div data-testid="customers-error">
              <Result
                status="warning"
                title={t('customers.loadError')}
                subTitle={errorText}
                extra={
                  <Button type="primary" onClick={() => void customers.refetch()}>
                    {t('common.retry')}
                  </Button>
                }
              />
            </div>
          ) : isPhone ? (
            <CustomerCardList
              items={data?.items ?? []}
              total={data?.total ?? 0}
              page={search.page}
              pageSize={search.pageSize}
              loading={customers.isFetching}
              filtered={filtered}
              onPageChange={onPageChange}
              onOpen={open}
            />
          ) : (
            <CustomerTable
              items={data?.items ?? []}
              total={data?.total ?? 0}
              page={search.page}
              pageSize={search.pageSize}
              loading={customers.isFetching}
              filtered={filtered}
              onPageChange={onPageChange}
              onOpen={open}
              linkState={linkState}
            />
          )}
        </Space>
      </Card>
    </div>
  );
}
