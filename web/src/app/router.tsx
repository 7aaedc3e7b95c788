import { createBrowserRouter } from 'react-router';
import { AdminPage } from '../features/admin/AdminPage.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { RequireAuth } from '../features/auth/RequireAuth.tsx';
import { CasesPage } from '../features/cases/CasesPage.tsx';
import { DashboardPage } from '../features/dashboard/DashboardPage.tsx';
import { MonitoringPage } from '../features/monitoring/MonitoringPage.tsx';
import { PreventionPage } from '../features/prevention/PreventionPage.tsx';
import { LandingPage } from '../features/public/LandingPage.tsx';
import { RegistryPage } from '../features/registry/RegistryPage.tsx';
import { ReportsPage } from '../features/reports/ReportsPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { StaffLayout } from './StaffLayout.tsx';

/**
 * Routes: `/` public landing page, `/masuk` sign-in, `/app/...` the staff area behind sign-in.
 * Paths are Indonesian because users see them; component names are English like the server code.
 */
export const router = createBrowserRouter([
  { path: '/', element: <LandingPage /> },
  { path: '/masuk', element: <LoginPage /> },
  {
    path: '/app',
    element: (
      <RequireAuth>
        <StaffLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'pemantauan', element: <MonitoringPage /> },
      { path: 'laporan', element: <ReportsPage /> },
      { path: 'penanganan', element: <CasesPage /> },
      { path: 'pencegahan', element: <PreventionPage /> },
      { path: 'registri', element: <RegistryPage /> },
      { path: 'admin', element: <AdminPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
]);
