import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { enumLabel } from '../../i18n/labels.ts';

const STATUS_COLORS: Record<string, string> = { active: 'green', dormant: 'orange', closed: 'default' };

/** The customer's status as a coloured tag. */
export function CustomerStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} bordered={false}>
      {enumLabel(t, 'customerStatus', status)}
    </Tag>
  );
}

/** Retail or corporate as a tag. */
export function CustomerKindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={kind === 'corporate' ? 'purple' : 'blue'} bordered={false}>
      {enumLabel(t, 'kinds', kind)}
    </Tag>
  );
}
