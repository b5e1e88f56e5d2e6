import { Descriptions, Empty, Tag, Typography, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../api/types.ts';
import { formatDate, formatInteger, formatMoney } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { enumLabel } from '../../i18n/labels.ts';
import { CustomerKindTag, CustomerStatusTag } from './CustomerTags.tsx';

type Item = NonNullable<DescriptionsProps['items']>[number];

const present = (value: unknown): boolean => value !== null && value !== undefined && value !== '';

/** Keeps the fields that have a value; each entry's third element renders it. */
function items(
  entries: [key: string, value: unknown, render: () => ReactNode][],
  label: (key: string) => string,
) {
  return entries
    .filter(([, value]) => present(value))
    .map(([key, , render]): Item => ({ key, label: label(key), children: render() }));
}

/** Responsive column counts of a Descriptions block. */
export type DescriptionColumns = DescriptionsProps['column'];

const DESCRIPTION_COLUMNS: DescriptionColumns = { xs: 1, sm: 2, md: 2, lg: 3, xl: 3, xxl: 3 };

/** Every profile field of the customer that has a value. */
export function CustomerProfile({
  customer,
  columns = DESCRIPTION_COLUMNS,
}: {
  customer: CustomerDetail;
  columns?: DescriptionColumns;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = (key: string) => t(`customer.fields.${key}`);
  const consent = (value: boolean | null) => (
    <Tag color={value ? 'green' : 'default'} bordered={false}>
      {value ? t('common.yes') : t('common.no')}
    </Tag>
  );
  const c = customer;

  const profile = items(
    [
      [
        'id',
        c.id,
        () => (
          <Typography.Text copyable className="mono">
            {c.id}
          </Typography.Text>
        ),
      ],
      ['cno', c.cno, () => c.cno],
      ['kind', c.kind, () => <CustomerKindTag kind={c.kind} />],
      ['name', c.name, () => c.name],
      ['gender', c.gender, () => enumLabel(t, 'genders', c.gender)],
      ['age', c.age, () => c.age],
      ['birthDate', c.birthDate, () => formatDate(c.birthDate)],
      ['idNumber', c.idNumberMasked, () => <span className="mono">{c.idNumberMasked}</span>],
      ['phone', c.phoneMasked, () => <span className="mono">{c.phoneMasked}</span>],
      ['address', c.addressMasked, () => c.addressMasked],
      ['city', c.city, () => c.city],
      ['occupation', c.occupation, () => c.occupation],
      ['incomeBand', c.incomeBand, () => enumLabel(t, 'incomeBands', c.incomeBand)],
      ['riskTolerance', c.riskTolerance, () => enumLabel(t, 'riskTolerances', c.riskTolerance)],
      ['onboardDate', c.onboardDate, () => formatDate(c.onboardDate)],
      ['branch', c.homeBranchName, () => c.homeBranchName],
      ['rm', c.rmName ?? t('customers.unassigned'), () => c.rmName ?? t('customers.unassigned')],
      ['status', c.status, () => <CustomerStatusTag status={c.status} />],
      ['aum', c.aum, () => <span className="num">{formatMoney(c.aum, language)}</span>],
      ['consentMarketing', c.consentMarketing, () => consent(c.consentMarketing)],
      ['consentSms', c.consentSms, () => consent(c.consentSms)],
      ['consentPhone', c.consentPhone, () => consent(c.consentPhone)],
    ],
    label,
  );

  return (
    <Descriptions
      items={profile}
      column={columns}
      size="small"
      bordered
      data-testid="customer-profile"
      className="profile-descriptions"
    />
  );
}

/** The company fields of a corporate customer that have a value (nothing when there are none). */
export function CorporateProfile({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const c = customer;
  const corporate = items(
    [
      [
        'uscc',
        c.uscc,
        () => (
          <Typography.Text copyable className="mono">
            {c.uscc}
          </Typography.Text>
        ),
      ],
      ['industry', c.industry, () => c.industry],
      ['registeredCapital', c.registeredCapital, () => formatMoney(c.registeredCapital, language)],
      ['established', c.established, () => formatDate(c.established)],
      ['legalRep', c.legalRep, () => c.legalRep],
      ['employees', c.employees, () => formatInteger(c.employees, language)],
      ['size', c.size, () => enumLabel(t, 'sizes', c.size)],
    ],
    (key) => t(`customer.fields.${key}`),
  );
  if (corporate.length === 0) return null;
  return (
    <Descriptions
      items={corporate}
      column={DESCRIPTION_COLUMNS}
      size="small"
      bordered
      data-testid="customer-corporate"
      className="profile-descriptions"
    />
  );
}

/** The custom attributes imported with the customer. */
export function CustomerAttributes({ attributes }: { attributes: CustomerDetail['attributes'] }) {
  const { t } = useTranslation();
  const entries = Object.entries(attributes ?? {}).filter(([, value]) => present(value));
  if (entries.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.noAttributes')} />;
  }
  return (
    <Descriptions
      items={entries.map(([name, value]) => ({
        key: name,
        label: name,
        children: typeof value === 'boolean' ? (value ? t('common.yes') : t('common.no')) : String(value),
      }))}
      column={DESCRIPTION_COLUMNS}
      size="small"
      bordered
      data-testid="customer-attributes"
      className="profile-descriptions"
    />
  );
}
