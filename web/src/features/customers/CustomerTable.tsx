import { Empty, Table, Typography, type TableColumnsType, type TablePaginationConfig } from 'antd';
import type { HTMLAttributes, MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CustomerListItem } from '../../api/types.ts';
import { formatMoney } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { PAGE_SIZES, type CustomerListViewProps } from './customer-search.ts';
import { CustomerKindTag, CustomerStatusTag } from './CustomerTags.tsx';

/** Marks a cell with its column, so tests and styles can find it. */
const cellOf = (column: string) => () => ({ 'data-col': column }) as HTMLAttributes<HTMLElement>;

/** The paged customer table (desktop and tablet). */
export function CustomerTable({
  items,
  total,
  page,
  pageSize,
  loading,
  filtered,
  onPageChange,
  onOpen,
  linkState,
}: CustomerListViewProps & { linkState?: unknown }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const none = t('common.notSet');

  const columns: TableColumnsType<CustomerListItem> = [
    {
      key: 'name',
      title: t('customers.columns.name'),
      dataIndex: 'name',
      width: 180,
      ellipsis: true,
      onCell: cellOf('name'),
      render: (_, row) => (
        <Link to={`/customers/${encodeURIComponent(row.id)}`} state={linkState} title={row.name}>
          {row.name}
        </Link>
      ),
    },
    {
      key: 'kind',
      title: t('customers.columns.kind'),
      dataIndex: 'kind',
      width: 76,
      onCell: cellOf('kind'),
      render: (kind: string) => <CustomerKindTag kind={kind} />,
    },
    {
      key: 'idNumber',
      title: t('customers.columns.idNumber'),
      width: 185,
      onCell: cellOf('idNumber'),
      render: (_, row) => (
        <Typography.Text className="mono">{row.idNumberMasked ?? row.uscc ?? none}</Typography.Text>
      ),
    },
    {
      key: 'phone',
      title: t('customers.columns.phone'),
      dataIndex: 'phoneMasked',
      width: 120,
      onCell: cellOf('phone'),
      render: (phone: string | null) => <span className="mono">{phone ?? none}</span>,
    },
    {
      key: 'city',
      title: t('customers.columns.city'),
      dataIndex: 'city',
      width: 76,
      onCell: cellOf('city'),
      render: (city: string | null) => city ?? none,
    },
    {
      key: 'branch',
      title: t('customers.columns.branch'),
      dataIndex: 'homeBranchName',
      width: 140,
      ellipsis: true,
      onCell: cellOf('branch'),
    },
    {
      key: 'rm',
      title: t('customers.columns.rm'),
      dataIndex: 'rmName',
      width: 96,
      onCell: cellOf('rm'),
      render: (rmName: string | null) =>
        rmName ?? <Typography.Text type="secondary">{t('customers.unassigned')}</Typography.Text>,
    },
    {
      key: 'aum',
      title: t('customers.columns.aum'),
      dataIndex: 'aum',
      align: 'right',
      width: 150,
      onCell: cellOf('aum'),
      render: (aum: number) => <span className="num">{formatMoney(aum, language)}</span>,
    },
    {
      key: 'status',
      title: t('customers.columns.status'),
      dataIndex: 'status',
      width: 84,
      onCell: cellOf('status'),
      render: (status: string) => <CustomerStatusTag status={status} />,
    },
  ];

  const pagination: TablePaginationConfig = {
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES.map(String),
    showTotal: (count, [from, to]) => t('customers.range', { from, to, total: count }),
    onChange: onPageChange,
  };

  return (
    <Table<CustomerListItem>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={pagination}
      scroll={{ x: 1080 }}
      className="customer-table"
      data-testid="customer-table"
      locale={{
        emptyText: (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={filtered ? t('customers.emptyFiltered') : t('customers.empty')}
          />
        ),
      }}
      onRow={(row) => ({
        onClick: (event: MouseEvent<HTMLElement>) => {
          // The name is a link of its own; let it navigate without a second history entry.
          if ((event.target as HTMLElement).closest('a')) return;
          onOpen(row);
        },
        style: { cursor: 'pointer' },
      })}
    />
  );
}
