import { ReloadOutlined } from '@ant-design/icons';
import { Button, Col, Input, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerKind } from '../../api/types.ts';
import { BranchTreeSelect } from '../access/BranchTreeSelect.tsx';
import { useStaff } from '../access/access.hooks.ts';
import { enumLabel } from '../../i18n/labels.ts';
import { isFiltered, type CustomerSearch } from './customer-search.ts';

/** Search box and filters (branch, kind, RM) of the customer list. */
export function CustomerFilters({
  search,
  onChange,
  showRmFilter,
}: {
  search: CustomerSearch;
  onChange: (patch: Partial<CustomerSearch>) => void;
  showRmFilter: boolean;
}) {
  const { t } = useTranslation();
  const rms = useStaff('rm', { enabled: showRmFilter });
  const [text, setText] = useState(search.q);

  // Keep the box in step when the URL changes (back button, reset).
  useEffect(() => setText(search.q), [search.q]);

  return (
    <Row gutter={[12, 12]} className="customer-filters">
      <Col xs={24} lg={showRmFilter ? 9 : 12}>
        <Input.Search
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            if (event.target.value === '' && search.q) onChange({ q: '', page: 1 });
          }}
          onSearch={(value) => onChange({ q: value.trim(), page: 1 })}
          placeholder={t('customers.searchPlaceholder')}
          enterButton={t('customers.search')}
          allowClear
          aria-label={t('customers.searchPlaceholder')}
          id="customer-search"
          data-testid="customer-search"
        />
      </Col>
      <Col xs={24} sm={showRmFilter ? 8 : 12} lg={showRmFilter ? 5 : 6}>
        <BranchTreeSelect
          value={search.branchId}
          onChange={(branchId) => onChange({ branchId, page: 1 })}
          placeholder={t('customers.allBranches')}
          style={{ width: '100%' }}
        />
      </Col>
      <Col xs={12} sm={showRmFilter ? 5 : 8} lg={showRmFilter ? 3 : 4}>
        <Select<CustomerKind>
          value={search.kind}
          onChange={(kind) => onChange({ kind: kind ?? undefined, page: 1 })}
          allowClear
          placeholder={t('customers.allKinds')}
          style={{ width: '100%' }}
          options={(['retail', 'corporate'] as const).map((kind) => ({
            value: kind,
            label: enumLabel(t, 'kinds', kind),
          }))}
          data-testid="filter-kind"
        />
      </Col>
      {showRmFilter ? (
        <Col xs={12} sm={7} lg={5}>
          <Select<string>
            value={search.rmId}
            onChange={(rmId) => onChange({ rmId: rmId ?? undefined, page: 1 })}
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('customers.allRms')}
            loading={rms.isLoading}
            status={rms.isError ? 'error' : undefined}
            style={{ width: '100%' }}
            options={(rms.data ?? []).map((staff) => ({ value: staff.id, label: staff.name }))}
            data-testid="filter-rm"
          />
        </Col>
      ) : null}
      <Col xs={showRmFilter ? 24 : 12} sm={showRmFilter ? 4 : 4} lg={2}>
        <Button
          icon={<ReloadOutlined />}
          block
          disabled={!isFiltered(search)}
          onClick={() => {
            setText('');
            onChange({ q: '', branchId: undefined, kind: undefined, rmId: undefined, page: 1 });
          }}
        >
          {t('customers.reset')}
        </Button>
      </Col>
    </Row>
  );
}
