import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { ApiError, onUnauthorized } from './api/client.ts';
import { meQueryKey, useMe } from './features/auth/auth.hooks.ts';
import { RequireAuth } from './features/auth/RequireAuth.tsx';
import { AppLayout } from './features/shell/AppLayout.tsx';
import { antdLocale } from './i18n/antd-locale.ts';
import { useLanguage } from './i18n/index.ts';
import { CustomersPage } from './pages/CustomersPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

// The customer page carries ECharts; load it when first opened.
const CustomerPage = lazy(() =>
  import('./pages/CustomerPage.tsx').then((m) => ({ default: m.CustomerPage })),
);
// Tag catalogue and audience pages carry ECharts too.
const TagsPage = lazy(() => import('./pages/TagsPage.tsx').then((m) => ({ default: m.TagsPage })));
const SegmentsPage = lazy(() =>
  import('./pages/SegmentsPage.tsx').then((m) => ({ default: m.SegmentsPage })),
);
const AudienceBuilderPage = lazy(() =>
  import('./pages/AudienceBuilderPage.tsx').then((m) => ({ default: m.AudienceBuilderPage })),
);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors (401, 403, 404, 400) will not change on retry; network and server errors may.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

/** Sends the user to the login page when the session ends while they work. */
function SessionWatch() {
  const client = useQueryClient();
  const navigate = useNavigate();
  useEffect(() => {
    onUnauthorized(() => {
      const here = `${window.location.pathname}${window.location.search}`;
      client.clear();
      client.setQueryData(meQueryKey, null);
      if (!window.location.pathname.startsWith('/login')) {
        navigate(`/login?expired=1&next=${encodeURIComponent(here)}`, { replace: true });
      }
    });
    return () => onUnauthorized(null);
  }, [client, navigate]);
  return null;
}

function PageFallback() {
  return (
    <div className="full-page-center" style={{ minHeight: 240 }}>
      <Spin />
    </div>
  );
}

/** The signed-in part of the app. */
function SignedInRoutes() {
  const me = useMe();
  const user = me.data!;
  return (
    <Routes>
      <Route element={<AppLayout user={user} />}>
        <Route index element={<Navigate to="/customers" replace />} />
        <Route path="customers" element={<CustomersPage user={user} />} />
        <Route
          path="customers/:id"
          element={
            <Suspense fallback={<PageFallback />}>
              <CustomerPage />
            </Suspense>
          }
        />
        <Route
          path="tags"
          element={
            <Suspense fallback={<PageFallback />}>
              <TagsPage />
            </Suspense>
          }
        />
        <Route
          path="audiences"
          element={
            <Suspense fallback={<PageFallback />}>
              <SegmentsPage />
            </Suspense>
          }
        />
        <Route
          path="audiences/new"
          element={
            <Suspense fallback={<PageFallback />}>
              <AudienceBuilderPage />
            </Suspense>
          }
        />
        <Route
          path="audiences/:id"
          element={
            <Suspense fallback={<PageFallback />}>
              <AudienceBuilderPage />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function Localized({ children }: { children: ReactNode }) {
  const language = useLanguage();
  useEffect(() => {
    dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
  }, [language]);
  return (
    <ConfigProvider
      locale={antdLocale(language)}
      theme={{
        token: {
          colorPrimary: '#1f4e9c',
          colorLink: '#1f4e9c',
          borderRadius: 6,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
        },
        components: {
          Layout: { headerBg: '#0f2f66', headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff' },
          Menu: { itemSelectedBg: '#e8effb', itemSelectedColor: '#1f4e9c', itemMarginInline: 8 },
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** The web shell: providers, session handling and routes. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Localized>
        <BrowserRouter>
          <SessionWatch />
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route
              path="/*"
              element={
                <RequireAuth>
                  <SignedInRoutes />
                </RequireAuth>
              }
            />
          </Routes>
        </BrowserRouter>
      </Localized>
    </QueryClientProvider>
  );
}
