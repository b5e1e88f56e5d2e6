import { Menu, Tooltip, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { activeNavKey, NAV_ENTRIES } from './nav-items.tsx';

/** The main navigation menu; modules to come are disabled with a "coming soon" tooltip. */
export function NavMenu({ collapsed = false, onNavigate }: { collapsed?: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const active = activeNavKey(location.pathname);

  const items: MenuProps['items'] = NAV_ENTRIES.map((entry) => {
    const label = t(entry.labelKey);
    if (entry.path) return { key: entry.key, icon: entry.icon, label, 'data-testid': `nav-${entry.key}` };
    return {
      key: entry.key,
      icon: entry.icon,
      disabled: true,
      // A collapsed menu already shows the label as a tooltip; say it is coming instead.
      title: `${label} · ${t('common.comingSoon')}`,
      label: (
        <Tooltip title={t('common.comingSoon')} placement="right">
          <span className="nav-soon" data-testid={`nav-${entry.key}`}>
            {label}
          </span>
        </Tooltip>
      ),
    };
  });

  return (
    <Menu
      mode="inline"
      inlineCollapsed={collapsed}
      selectedKeys={active ? [active] : []}
      items={items}
      onClick={({ key }) => {
        const entry = NAV_ENTRIES.find((candidate) => candidate.key === key);
        if (entry?.path) {
          navigate(entry.path);
          onNavigate?.();
        }
      }}
      style={{ borderInlineEnd: 'none' }}
      aria-label={t('nav.menu')}
    />
  );
}
