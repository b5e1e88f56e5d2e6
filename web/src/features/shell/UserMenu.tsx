import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Space, Typography, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { User } from '../../api/types.ts';
import { enumLabel } from '../../i18n/labels.ts';
import { useLogout } from '../auth/auth.hooks.ts';

/** The signed-in user's name and role, with sign-out. */
export function UserMenu({ user, compact }: { user: User; compact: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const role = enumLabel(t, 'roles', user.role);

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      className: 'user-menu-who',
      label: (
        <div style={{ lineHeight: 1.5, padding: '2px 0' }}>
          <Typography.Text strong>{user.displayName}</Typography.Text>
          <br />
          <Typography.Text type="secondary" data-testid="user-role">
            {role}
          </Typography.Text>
          {user.branchName ? (
            <>
              <br />
              <Typography.Text type="secondary">{user.branchName}</Typography.Text>
            </>
          ) : null}
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout'), danger: true },
  ];

  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'logout') {
            logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
          }
        },
      }}
    >
      <button
        type="button"
        className="user-menu-trigger"
        data-testid="user-menu"
        aria-label={user.displayName}
      >
        <Space size={8}>
          <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1f4e9c' }} />
          {compact ? null : (
            <span className="user-menu-text">
              <span className="user-menu-name" data-testid="user-name">
                {user.displayName}
              </span>
              <span className="user-menu-role">{role}</span>
            </span>
          )}
          <DownOutlined style={{ fontSize: 10, color: 'rgba(255,255,255,0.75)' }} />
        </Space>
      </button>
    </Dropdown>
  );
}
