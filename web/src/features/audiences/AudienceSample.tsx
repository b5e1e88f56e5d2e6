import { Alert, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CustomerListItem } from '../../api/types.ts';
import { formatMoney } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { CustomerKindTag } from '../customers/CustomerTags.tsx';
import { useIsPhone } from '../shell/responsive.ts';
import { useAudienceSample, type AudienceExpression } from './audiences.hooks.ts';

/** Some members of the audience, each linking to the customer page. */
export function AudienceSample({ expression }: { expression: AudienceExpression | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const isPhone = useIsPhone();
  const sample = useAudienceSample(expression, 20);
  if (sample.isError) {
    return (
      <Alert
        type="warning"
        showIcon
        message={t('audiences.sample.error')}
        description={sample.error.message}
      />
    );
  }
  const columns: TableColumnsType<CustomerListItem> = [
    {
      key: 'name',
      title: t('audiences.sample.name'),
      dataIndex: 'name',
      ellipsis: true,
      render: (name: string, row) => (
        <Link to={`/customers/${encodeURIComponent(row.id)}`} data-customer-id={row.id}>
          {name}
        </Link>
      ),
    },
    {
      key: 'kind',
      title: t('audiences.sample.kind'),
      dataIndex: 'kind',
      width: 76,
      render: (kind: string) => <CustomerKindTag kind={kind} />,
    },
    ...(isPhone
      ? []
      : [
          {
            key: 'city',
            title: t('audiences.sample.city'),
            dataIndex: 'city',
            width: 80,
            render: (v: string | null) => v ?? t('common.notSet'),
          },
          { key: 'branch', title: t('audiences.sample.branch'), dataIndex: 'homeBranchName', ellipsis: true },
          {
            key: 'rm',
            title: t('audiences.sample.rm'),
            dataIndex: 'rmName',
            width: 96,
            render: (v: string | null) => v ?? t('common.notSet'),
          },
        ]),
    {
      key: 'aum',
      title: t('audiences.sample.aum'),
      dataIndex: 'aum',
      align: 'right',
      width: 140,
      render: (aum: number) => <span className="num">{formatMoney(aum, language)}</span>,
    },
  ];
  return (
    <Table<CustomerListItem>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={sample.data?.items ?? []}
      loading={sample.isFetching}
      pagination={false}
      scroll={{ x: isPhone ? undefined : 640 }}
      locale={{ emptyText: t('audiences.sample.empty') }}
      data-testid="audience-sample"
    />
  );
}
