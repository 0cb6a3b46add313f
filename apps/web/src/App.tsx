import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from './shared/api/problem';
import { AuthProvider } from './shared/auth/AuthProvider';
import { routes } from './routes';

dayjs.locale('vi');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refused request (4xx) will be refused again; only network and server failures are retried.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

const router = createBrowserRouter(routes);

export function App() {
  return (
    <ConfigProvider
      locale={viVN}
      theme={{
        // antd's defaults for placeholders, hints, errors and hovered links are below WCAG AA contrast.
        token: {
          colorPrimary: '#1d4f91',
          colorPrimaryHover: '#163d70',
          colorLink: '#0b4fb3',
          colorLinkHover: '#083a85',
          colorLinkActive: '#083a85',
          colorError: '#b42318',
          colorTextPlaceholder: '#5f5f5f',
          colorTextDescription: '#595959',
          colorTextTertiary: '#595959',
          borderRadius: 6,
        },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
