import { ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  DatePicker,
  InputNumber,
  List,
  Pagination,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { Page, Transaction360 } from '../../api/types.ts';
import { formatMoney } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useCustomerTransactions } from './customer360.hooks.ts';
import { c360Label, SectionEmpty } from './SectionState.tsx';
import {
  CHANNELS,
  hasFilters,
  toTransactionQuery,
  TRANSACTION_TYPES,
  type TransactionFilters,
} from './transaction-filters.ts';

function Amount({ value }: { value: number }) {
  const language = useLanguage();
  return (
    <span className={value < 0 ? 'num c360-out' : 'num c360-in'}>
      {value > 0 ? '+' : ''}
      {formatMoney(value, language)}
    </span>
  );
}

const time = (ts: string) => dayjs(ts).format('YYYY-MM-DD HH:mm');

/**
 * Recent transactions, paged on the server, filtered by type, channel, absolute amount range and
 * date range. The first unfiltered page comes with the 360 answer.
 */
export function TransactionsPanel({
  customerId,
  initial,
  compact,
}: {
  customerId: string;
  initial: Page<Transaction360>;
  compact: boolean;
}) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<TransactionFilters>({});
  // Amount inputs apply on blur / Enter, so typing "1000" does not send four requests.
  const [draft, setDraft] = useState<{ min: number | null; max: number | null }>({ min: null, max: null });
  const [page, setPage] = useState(1);
  const pageSize = compact ? 10 : 20;
  const query = useMemo(() => toTransactionQuery(filters, page, pageSize), [filters, page, pageSize]);
  const result = useCustomerTransactions(
    customerId,
    query,
    pageSize === initial.pageSize ? initial : undefined,
  );

  const change = (next: Partial<TransactionFilters>) => {
    setFilters((current) => ({ ...current, ...next }));
    setPage(1);
  };
  const applyAmounts = () => change({ minAmount: draft.min, maxAmount: draft.max });
  const reset = () => {
    setFilters({});
    setDraft({ min: null, max: null });
    setPage(1);
  };

  const typeOptions = TRANSACTION_TYPES.map((type) => ({
    value: type,
    label: c360Label(t, 'txnTypes', type),
  }));
  const channelOptions = CHANNELS.map((channel) => ({
    value: channel,
    label: c360Label(t, 'channelNames', channel),
  }));

  const toolbar = (
    <div className="c360-filters" data-testid="c360-txn-filters">
      <Select
        allowClear
        placeholder={t('c360.transactions.allTypes')}
        options={typeOptions}
        value={filters.type}
        onChange={(type: string | undefined) => change({ type })}
        showSearch
        optionFilterProp="label"
        className="c360-filter-select"
        data-testid="c360-txn-type"
        popupMatchSelectWidth={false}
      />
      <Select
        allowClear
        placeholder={t('c360.transactions.allChannels')}
        options={channelOptions}
        value={filters.channel}
        onChange={(channel: string | undefined) => change({ channel })}
        showSearch
        optionFilterProp="label"
        className="c360-filter-select"
        data-testid="c360-txn-channel"
        popupMatchSelectWidth={false}
      />
      <Space.Compact className="c360-filter-amounts">
        <InputNumber
          min={0}
          placeholder={t('c360.transactions.minAmount')}
          value={draft.min}
          onChange={(value) => setDraft((d) => ({ ...d, min: value }))}
          onBlur={applyAmounts}
          onPressEnter={applyAmounts}
          aria-label={t('c360.transactions.minAmount')}
          data-testid="c360-txn-min"
          prefix="¥"
        />
        <InputNumber
          min={0}
          placeholder={t('c360.transactions.maxAmount')}
          value={draft.max}
          onChange={(value) => setDraft((d) => ({ ...d, max: value }))}
          onBlur={applyAmounts}
          onPressEnter={applyAmounts}
          aria-label={t('c360.transactions.maxAmount')}
          data-testid="c360-txn-max"
          prefix="¥"
        />
      </Space.Compact>
      {compact ? (
        // Phones: two single-month pickers; a range picker's two months do not fit the screen.
        <div className="c360-filter-dates c360-filter-dates-phone">
          <DatePicker
            value={filters.from ? dayjs(filters.from) : null}
            onChange={(day) => change({ from: day ? day.format('YYYY-MM-DD') : null })}
            placeholder={t('c360.transactions.from')}
            inputReadOnly
            data-testid="c360-txn-from"
          />
          <DatePicker
            value={filters.to ? dayjs(filters.to) : null}
            onChange={(day) => change({ to: day ? day.format('YYYY-MM-DD') : null })}
            placeholder={t('c360.transactions.to')}
            inputReadOnly
            data-testid="c360-txn-to"
          />
        </div>
      ) : (
        <DatePicker.RangePicker
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          onChange={(range) =>
            change({
              from: range?.[0] ? range[0].format('YYYY-MM-DD') : null,
              to: range?.[1] ? range[1].format('YYYY-MM-DD') : null,
            })
          }
          allowEmpty={[true, true]}
          placeholder={[t('c360.transactions.from'), t('c360.transactions.to')]}
          className="c360-filter-dates"
          data-testid="c360-txn-dates"
        />
      )}
      {hasFilters(filters) ? (
        <Button onClick={reset} data-testid="c360-txn-reset">
          {t('c360.transactions.reset')}
        </Button>
      ) : null}
    </div>
  );

  if (result.isError && !result.data) {
    return (
      <div className="c360-stack">
        {toolbar}
        <Alert
          type="error"
          showIcon
          message={t('c360.transactions.loadError')}
          description={
            result.error instanceof ApiError && result.error.code === 'network'
              ? t('common.networkError')
              : result.error.message
          }
          action={
            <Button size="small" icon={<ReloadOutlined />} onClick={() => void result.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      </div>
    );
  }

  const data = result.data;
  const items = data?.items ?? [];
  const loading = result.isFetching;
  const total = data?.total ?? 0;

  const columns: TableColumnsType<Transaction360> = [
    {
      key: 'ts',
      title: t('c360.transactions.time'),
      dataIndex: 'ts',
      render: (v: string) => <span className="num">{time(v)}</span>,
    },
    {
      key: 'type',
      title: t('c360.transactions.type'),
      dataIndex: 'type',
      render: (v: string) => (
        <Tag bordered={false} color={v === 'loan_repayment_failed' ? 'red' : undefined}>
          {c360Label(t, 'txnTypes', v)}
        </Tag>
      ),
    },
    {
      key: 'channel',
      title: t('c360.transactions.channel'),
      dataIndex: 'channel',
      render: (v: string) => c360Label(t, 'channelNames', v),
    },
    {
      key: 'amount',
      title: t('c360.transactions.amount'),
      dataIndex: 'amount',
      align: 'right',
      render: (v: number) => <Amount value={v} />,
    },
    {
      key: 'counterparty',
      title: t('c360.transactions.counterparty'),
      render: (_, row) =>
        row.counterpartyName || row.counterpartyBank ? (
          <div>
            <div>{row.counterpartyName ?? t('common.notSet')}</div>
            <Typography.Text type="secondary" className="c360-small">
              {[row.counterpartyBank, row.counterpartyAccountMasked].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
        ) : (
          t('common.notSet')
        ),
    },
    {
      key: 'account',
      title: t('c360.transactions.account'),
      dataIndex: 'accountId',
      render: (v: string) => <span className="mono c360-small">{v}</span>,
    },
    {
      key: 'memo',
      title: t('c360.transactions.memo'),
      dataIndex: 'memo',
      render: (v: string | null) => v ?? '',
    },
  ];

  return (
    <div className="c360-stack">
      {toolbar}
      <Typography.Text
        type="secondary"
        className="c360-small"
        data-testid="c360-txn-total"
        data-total={total}
      >
        {t('c360.transactions.total', { count: total })}
      </Typography.Text>
      {compact ? (
        <>
          <List<Transaction360>
            size="small"
            loading={loading}
            dataSource={items}
            rowKey="id"
            data-testid="c360-txn-list"
            locale={{ emptyText: <SectionEmpty text={t('c360.empty.transactions')} /> }}
            renderItem={(row) => (
              <List.Item className="c360-list-item c360-txn-row">
                <div className="c360-list-body">
                  <div className="c360-list-row">
                    <Typography.Text ellipsis>
                      {c360Label(t, 'txnTypes', row.type)}
                      {row.counterpartyName ? ` · ${row.counterpartyName}` : ''}
                    </Typography.Text>
                    <Amount value={row.amount} />
                  </div>
                  <Typography.Text type="secondary" className="c360-small">
                    {time(row.ts)} · {c360Label(t, 'channelNames', row.channel)}
                  </Typography.Text>
                </div>
              </List.Item>
            )}
          />
          {total > pageSize ? (
            <Pagination
              simple
              size="small"
              align="center"
              current={page}
              pageSize={pageSize}
              total={total}
              onChange={setPage}
            />
          ) : null}
        </>
      ) : (
        <Table<Transaction360>
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={items}
          scroll={{ x: 'max-content' }}
          data-testid="c360-txn-table"
          rowClassName="c360-txn-row"
          locale={{ emptyText: <SectionEmpty text={t('c360.empty.transactions')} /> }}
          pagination={{
            current: page,
            pageSize,
            total,
            size: 'small',
            showSizeChanger: false,
            onChange: setPage,
          }}
        />
      )}
    </div>
  );
}
