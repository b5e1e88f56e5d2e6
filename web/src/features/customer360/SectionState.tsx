import { ClockCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Empty, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer360SectionName, Section, UnavailableSection } from '../../api/types.ts';

/** A translated label of an enumerated value under `c360.<group>`; unknown values show as they are. */
export function c360Label(t: TFunction, group: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return t('common.notSet');
  return t(`c360.${group}.${value}`, { defaultValue: value });
}

/** A compact empty state with a sentence saying what is missing. */
export function SectionEmpty({ text }: { text: string }) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={<Typography.Text type="secondary">{text}</Typography.Text>}
      className="c360-empty"
    />
  );
}

/**
 * Why a section has no data: "nothing computed yet" / "coming with …" for sections a later issue
 * fills, "does not apply" for corporate-only sections of a retail customer, else "no data".
 */
export function SectionUnavailable({
  name,
  section,
}: {
  name: Customer360SectionName;
  section: UnavailableSection;
}) {
  const { t } = useTranslation();
  const specific = t(`c360.unavailable.${name}`, { defaultValue: '' });
  const text =
    section.reason === 'not_computed' && specific !== ''
      ? specific
      : section.reason === 'no_data'
        ? t(`c360.empty.${name}`, { defaultValue: t('c360.unavailable.no_data') })
        : t(`c360.unavailable.${section.reason}`);
  const icon = section.reason === 'not_applicable' ? <StopOutlined /> : <ClockCircleOutlined />;
  return (
    <div className="c360-unavailable" data-testid={`c360-unavailable-${name}`} data-reason={section.reason}>
      <span className="c360-unavailable-icon">{icon}</span>
      <Typography.Text type="secondary">{text}</Typography.Text>
    </div>
  );
}

/**
 * Renders a section: its content when available, else why not. A section the answer left out
 * (not requested) counts as no data.
 */
export function SectionBody<T>({
  name,
  section,
  children,
}: {
  name: Customer360SectionName;
  section: Section<T> | undefined;
  children: (data: T) => ReactNode;
}) {
  if (section === undefined) {
    return <SectionUnavailable name={name} section={{ available: false, reason: 'no_data', message: '' }} />;
  }
  if (!section.available) return <SectionUnavailable name={name} section={section} />;
  return <>{children(section as T)}</>;
}
