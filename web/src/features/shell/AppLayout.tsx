import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import type { User } from '../../api/types.ts';
import { GlobalSearch } from '../search/GlobalSearch.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NavMenu } from './NavMenu.tsx';
import { ProductMark } from './ProductMark.tsx';
import { useIsPhone } from './responsive.ts';
import { UserMenu } from './UserMenu.tsx';

/** Header, navigation (sider on desktop, drawer on phones) and the page. */
export function AppLayout({ user }: { user: User }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();

  // Close the drawer after navigating, and when the window grows past phone size.
  useEffect(() => setDrawerOpen(false), [location.pathname, isPhone]);

  const siderCollapsed = !isPhone && !screens.lg;

  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        {isPhone ? (
          <Button
            type="text"
            icon={<MenuOutlined />}
            onClick={() => setDrawerOpen(true)}
            aria-label={t('nav.menu')}
            className="app-header-menu-button"
            data-testid="nav-open"
          />
        ) : null}
        <Link to="/customers" className="app-brand" aria-label={t('app.name')}>
          <ProductMark size={isPhone ? 26 : 30} />
          <span className="app-brand-name">{isPhone ? '全景' : t('app.name')}</span>
        </Link>
        <div className="app-header-spacer" />
        <GlobalSearch />
        <LanguageSwitch compact={isPhone} />
        <UserMenu user={user} compact={isPhone} />
      </Layout.Header>
      <Layout hasSider={!isPhone}>
        {isPhone ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            width={260}
            title={t('app.name')}
            styles={{ body: { padding: 0 } }}
            data-testid="nav-drawer"
          >
            <NavMenu onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        ) : (
          <Layout.Sider
            width={208}
            collapsedWidth={64}
            collapsed={siderCollapsed}
            trigger={null}
            theme="light"
            className="app-sider"
          >
            <div className="app-sider-inner">
              <NavMenu collapsed={siderCollapsed} />
            </div>
          </Layout.Sider>
        )}
        <Layout.Content className={isPhone ? 'app-content app-content-phone' : 'app-content'}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
