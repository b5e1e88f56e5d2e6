import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { useLogin, type LoginInput } from './auth.hooks.ts';

function loginErrorText(
  error: unknown,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return t('login.invalidCredentials');
    if (error.status === 429) return t('login.tooManyAttempts');
    if (error.code === 'network') return t('common.networkError');
    if (error.code === 'validation_failed') return t('login.invalidCredentials');
    return t('login.failed', { message: error.message });
  }
  return t('login.failed', { message: error instanceof Error ? error.message : String(error) });
}

/** Username and password form; calls `onSignedIn` once the session is open. */
export function LoginForm({ onSignedIn, notice }: { onSignedIn: (user: User) => void; notice?: string }) {
  const { t } = useTranslation();
  const login = useLogin();
  const [form] = Form.useForm<LoginInput>();

  const submit = (values: LoginInput) => {
    login.mutate(
      { username: values.username.trim(), password: values.password },
      { onSuccess: ({ user }) => onSignedIn(user) },
    );
  };

  return (
    <Form<LoginInput>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={submit}
      onValuesChange={() => login.isError && login.reset()}
      disabled={login.isPending}
      autoComplete="on"
      size="large"
    >
      {login.isError ? (
        <Alert
          type="error"
          showIcon
          message={loginErrorText(login.error, t)}
          style={{ marginBottom: 16 }}
          data-testid="login-error"
        />
      ) : notice ? (
        <Alert type="info" showIcon message={notice} style={{ marginBottom: 16 }} />
      ) : null}
      <Form.Item
        name="username"
        label={t('login.username')}
        rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
      >
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus id="login-username" />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('login.password')}
        rules={[{ required: true, message: t('login.passwordRequired') }]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" id="login-password" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
