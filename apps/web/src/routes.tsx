import type { RouteObject } from 'react-router';
import { Shell } from './shared/layout/Shell';
import { NotFoundPage } from './shared/ui/NotFoundPage';
import { RouteError } from './shared/ui/RouteError';

/**
 * Each screen is its own chunk, loaded when first visited: the catalogue stays light and the
 * delegate, organiser and coordinator screens load only for those who open them.
 */
const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});

export const routes: RouteObject[] = [
  {
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { index: true, lazy: page(() => import('./catalogue/CataloguePage')) },
      { path: 'phien/:id', lazy: page(() => import('./catalogue/SessionPage')) },
      { path: 'nguoi/:id', lazy: page(() => import('./catalogue/PersonPage')) },
      { path: 'to-chuc/:id', lazy: page(() => import('./catalogue/OrganisationPage')) },
      { path: 'van-ban/:id', lazy: page(() => import('./catalogue/DocumentPage')) },
      { path: 'lich', lazy: page(() => import('./catalogue/CalendarPage')) },
      { path: 'dang-nhap', lazy: page(() => import('./account/SignInPage')) },
      { path: 'tai-khoan', lazy: page(() => import('./account/AccountPage')) },
      { path: 'dai-bieu', lazy: page(() => import('./registration/DelegatePage')) },
      { path: 'dai-bieu/phien/:id/the-qr', lazy: page(() => import('./registration/QrCardsPage')) },
      { path: 'dai-bieu/phien/:id', lazy: page(() => import('./registration/DelegateSessionPage')) },
      { path: 'quan-ly', lazy: page(() => import('./organiser/SessionsPage')) },
      { path: 'quan-ly/phien/moi', lazy: page(() => import('./organiser/NewSessionPage')) },
      { path: 'quan-ly/phien/:id', lazy: page(() => import('./organiser/SessionEditorPage')) },
      { path: 'quan-ly/nhap-bai-bao', lazy: page(() => import('./organiser/imports/ImportArticlePage')) },
      { path: 'quan-ly/nhap-bai-bao/:id', lazy: page(() => import('./organiser/imports/ImportReviewPage')) },
      { path: 'quan-ly/danh-muc', lazy: page(() => import('./organiser/ReferenceDataPage')) },
      { path: 'quan-tri/nguoi-dung', lazy: page(() => import('./admin/UsersPage')) },
      { path: 'quan-tri/nhat-ky', lazy: page(() => import('./admin/AuditLogPage')) },
      { path: 'dieu-phoi', lazy: page(() => import('./coordinator/CoordinatorPage')) },
      { path: 'dieu-phoi/phien/:id/diem-danh', lazy: page(() => import('./coordinator/desk/DeskPage')) },
      { path: 'dieu-phoi/phien/:id/danh-sach', lazy: page(() => import('./coordinator/AttendancePage')) },
      {
        path: 'dieu-phoi/phien/:id/thong-ke',
        lazy: page(() => import('./coordinator/statistics/SessionStatisticsPage')),
      },
      { path: 'thong-ke', lazy: page(() => import('./coordinator/statistics/ProvinceYearsPage')) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
