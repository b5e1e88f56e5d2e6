import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { useMe } from './auth.hooks.ts';

/** Renders its children for a signed-in user; sends everyone else to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();

  if (me.isPending) {
    return (
      <div className="full-page-center">
        <Spin size="large" tip={t('common.loading')}>
          <div style={{ width: 120, height: 80 }} />
        </Spin>
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="full-page-center">
        <Result
          status="warning"
          title={t('common.errorTitle')}
          subTitle={t('common.networkError')}
          extra={
            <Button type="primary" onClick={() => void me.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      </div>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
