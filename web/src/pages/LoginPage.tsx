import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { LoginForm } from '../features/auth/LoginForm.tsx';
import { useMe } from '../features/auth/auth.hooks.ts';
import { LanguageSwitch } from '../features/shell/LanguageSwitch.tsx';
import { ProductMark } from '../features/shell/ProductMark.tsx';

/** Where to go after signing in: a local path from `?next=`, else the customer list. */
export function safeNext(next: string | null): string {
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login')) return next;
  return '/customers';
}

/** The sign-in page. */
export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const next = safeNext(params.get('next'));

  if (me.data) return <Navigate to={next} replace />;

  return (
    <div className="login-page">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <div className="login-column">
        <div className="login-brand">
          <ProductMark size={48} />
          <div>
            <Typography.Title level={2} className="login-product" data-testid="product-name">
              {t('app.name')}
            </Typography.Title>
            <Typography.Text className="login-tagline">{t('login.subtitle')}</Typography.Text>
          </div>
        </div>
        <Card className="login-card" title={t('login.title')} variant="borderless">
          <LoginForm
            notice={params.get('expired') ? t('login.sessionExpired') : undefined}
            onSignedIn={() => navigate(next, { replace: true })}
          />
        </Card>
        <Typography.Text className="login-footer">{t('login.footer')}</Typography.Text>
      </div>
    </div>
  );
}
