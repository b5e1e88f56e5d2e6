import {
  AlertOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  NotificationOutlined,
  SolutionOutlined,
  TagsOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

/** One entry of the main navigation. `path` is absent for modules that are still to come. */
export interface NavEntry {
  key: string;
  labelKey: string;
  icon: ReactNode;
  path?: string;
}

/** The main navigation: the customer module and the modules to come, in menu order. */
export const NAV_ENTRIES: readonly NavEntry[] = [
  { key: 'dashboard', labelKey: 'nav.dashboard', icon: <DashboardOutlined /> },
  { key: 'customers', labelKey: 'nav.customers', icon: <TeamOutlined />, path: '/customers' },
  { key: 'tags', labelKey: 'nav.tags', icon: <TagsOutlined />, path: '/tags' },
  { key: 'audiences', labelKey: 'nav.audiences', icon: <UsergroupAddOutlined />, path: '/audiences' },
  { key: 'models', labelKey: 'nav.models', icon: <ExperimentOutlined /> },
  { key: 'alerts', labelKey: 'nav.alerts', icon: <AlertOutlined /> },
  { key: 'campaigns', labelKey: 'nav.campaigns', icon: <NotificationOutlined /> },
  { key: 'workbench', labelKey: 'nav.workbench', icon: <SolutionOutlined /> },
];

/** The navigation entry a path belongs to. */
export function activeNavKey(pathname: string): string | undefined {
  return NAV_ENTRIES.find(
    (entry) => entry.path && (pathname === entry.path || pathname.startsWith(`${entry.path}/`)),
  )?.key;
}
