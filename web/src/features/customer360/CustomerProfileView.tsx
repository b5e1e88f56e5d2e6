import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../api/types.ts';
import { CustomerAttributes, CustomerProfile } from '../customers/CustomerProfile.tsx';

// The profile card is narrower than the old page's, so fewer columns.
const PROFILE_COLUMNS = { xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 3 };

/** Every profile field with a value, then the imported custom attributes when there are any. */
export function CustomerProfileView({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const hasAttributes = Object.values(customer.attributes ?? {}).some(
    (value) => value !== null && value !== '',
  );
  return (
    <div className="c360-stack">
      <CustomerProfile customer={customer} columns={PROFILE_COLUMNS} />
      {hasAttributes ? (
        <>
          <Typography.Text type="secondary" className="c360-subhead">
            {t('customer.attributes')}
          </Typography.Text>
          <CustomerAttributes attributes={customer.attributes} />
        </>
      ) : null}
    </div>
  );
}
