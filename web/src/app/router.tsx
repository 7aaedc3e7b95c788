import { createBrowserRouter } from 'react-router';
import { LandingPage } from '../features/public/LandingPage.tsx';
import { PageLoader } from '../ui/PageLoader.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RouteError } from './RouteError.tsx';

/**
 * Routes: `/` public landing page, `/masuk` sign-in, `/app/...` the staff area behind sign-in.
 * Paths are Indonesian because users see them; component names are English like the server code.
 * The public page is in the first bundle (it is read on phones); sign-in and the staff area are
 * loaded when first visited.
 */
export const router = createBrowserRouter([
  {
    // Shown while the code of a lazily loaded page arrives on the first load.
    HydrateFallback: PageLoader,
    ErrorBoundary: RouteError,
    children: [
      { path: '/', element: <LandingPage /> },
      {
        path: '/lapor',
        lazy: async () => ({
          Component: (await import('../features/reports/public/ChoosePathPage.tsx')).ChoosePathPage,
        }),
      },
      {
        path: '/lapor/resmi',
        lazy: async () => {
          const { ReportFormPage } = await import('../features/reports/public/ReportFormPage.tsx');
          return { Component: () => <ReportFormPage kind="laporan" /> };
        },
      },
      {
        path: '/lapor/informasi',
        lazy: async () => {
          const { ReportFormPage } = await import('../features/reports/public/ReportFormPage.tsx');
          return { Component: () => <ReportFormPage kind="informasi_awal" /> };
        },
      },
      {
        path: '/lapor/status',
        lazy: async () => ({
          Component: (await import('../features/reports/public/StatusPage.tsx')).StatusPage,
        }),
      },
      {
        path: '/ikrar/:campaignId',
        lazy: async () => ({
          Component: (await import('../features/prevention/PledgePublicPage.tsx')).PledgePublicPage,
        }),
      },
      {
        path: '/masuk',
        lazy: async () => ({ Component: (await import('../features/auth/LoginPage.tsx')).LoginPage }),
      },
      {
        path: '/app',
        lazy: async () => ({ Component: (await import('./StaffArea.tsx')).StaffArea }),
        children: [
          {
            index: true,
            lazy: async () => ({
              Component: (await import('../features/dashboard/DashboardPage.tsx')).DashboardPage,
            }),
          },
          {
            path: 'pemantauan',
            lazy: async () => ({
              Component: (await import('../features/monitoring/MonitoringPage.tsx')).MonitoringPage,
            }),
          },
          {
            path: 'laporan',
            lazy: async () => ({
              Component: (await import('../features/reports/ReportsPage.tsx')).ReportsPage,
            }),
          },
          {
            path: 'penanganan',
            lazy: async () => ({ Component: (await import('../features/cases/CasesPage.tsx')).CasesPage }),
          },
          {
            path: 'penanganan/temuan-baru',
            lazy: async () => ({
              Component: (await import('../features/cases/FindingFormPage.tsx')).FindingFormPage,
            }),
          },
          {
            path: 'penanganan/referensi',
            lazy: async () => ({
              Component: (await import('../features/cases/ReferencePage.tsx')).ReferencePage,
            }),
          },
          {
            path: 'penanganan/:id',
            lazy: async () => ({
              Component: (await import('../features/cases/CaseDetailPage.tsx')).CaseDetailPage,
            }),
          },
          {
            path: 'pencegahan',
            lazy: async () => ({
              Component: (await import('../features/prevention/PreventionPage.tsx')).PreventionPage,
            }),
          },
          {
            path: 'registri',
            lazy: async () => ({
              Component: (await import('../features/registry/RegistryPage.tsx')).RegistryPage,
            }),
          },
          {
            path: 'registri/pegawai/:id',
            lazy: async () => ({
              Component: (await import('../features/registry/StaffDetailPage.tsx')).StaffDetailPage,
            }),
          },
          {
            path: 'admin/kop-surat',
            lazy: async () => ({
              Component: (await import('../features/prevention/LetterheadPage.tsx')).LetterheadPage,
            }),
          },
          {
            path: 'admin',
            lazy: async () => ({ Component: (await import('../features/admin/AdminPage.tsx')).AdminPage }),
          },
          { path: '*', element: <NotFoundPage inLayout /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
