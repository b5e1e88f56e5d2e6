import { RightOutlined } from '@ant-design/icons';
import { Card, Empty, List, Pagination, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomerListItem } from '../../api/types.ts';
import type { CustomerListViewProps } from './customer-search.ts';
import { formatMoney } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { CustomerKindTag, CustomerStatusTag } from './CustomerTags.tsx';

/** The customer list as cards, for phones. */
export function CustomerCardList({
  items,
  total,
  page,
  pageSize,
  loading,
  filtered,
  onPageChange,
  onOpen,
}: CustomerListViewProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const none = t('common.notSet');

  return (
    <div data-testid="customer-cards">
      <List<CustomerListItem>
        dataSource={items}
        loading={loading}
        rowKey="id"
        split={false}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={filtered ? t('customers.emptyFiltered') : t('customers.empty')}
            />
          ),
        }}
        renderItem={(customer) => (
          <List.Item style={{ padding: '0 0 10px' }}>
            <Card
              size="small"
              hoverable
              className="customer-card"
              style={{ width: '100%' }}
              onClick={() => onOpen(customer)}
              role="link"
              tabIndex={0}
              onKeyDown={(event) => {
                if (event.key === 'Enter') onOpen(customer);
              }}
              data-customer-id={customer.id}
            >
              <div className="customer-card-top">
                <Typography.Text strong ellipsis className="customer-card-name" data-col="name">
                  {customer.name}
                </Typography.Text>
                <Space size={0}>
                  <CustomerKindTag kind={customer.kind} />
                  <CustomerStatusTag status={customer.status} />
                </Space>
              </div>
              <div className="customer-card-row">
                <Typography.Text type="secondary" className="mono">
                  {customer.idNumberMasked ?? customer.uscc ?? none}
                </Typography.Text>
                <span className="customer-card-aum">
                  <span className="num" data-col="aum">
                    {formatMoney(customer.aum, language)}
                  </span>
                  <RightOutlined style={{ fontSize: 11, marginLeft: 6, color: '#bfbfbf' }} />
                </span>
              </div>
              <div className="customer-card-row">
                <Typography.Text type="secondary" ellipsis>
                  <span data-col="branch">{customer.homeBranchName}</span>
                  {' · '}
                  <span data-col="rm">{customer.rmName ?? t('customers.unassigned')}</span>
                </Typography.Text>
                <Typography.Text type="secondary" className="mono" style={{ flex: 'none' }}>
                  {customer.phoneMasked ?? ''}
                </Typography.Text>
              </div>
            </Card>
          </List.Item>
        )}
      />
      {total > 0 ? (
        <div
          style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 6, paddingTop: 4 }}
        >
          <Pagination simple current={page} pageSize={pageSize} total={total} onChange={onPageChange} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('customers.total', { count: total })}
          </Typography.Text>
        </div>
      ) : null}
    </div>
  );
}
