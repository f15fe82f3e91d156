import { createBrowserRouter } from 'react-router';
import { CrashPage, NotFoundPage, Shell } from './components/ui.tsx';
import { LandingPage } from './pages/landing-page.tsx';
import { PublicationPage } from './pages/publication-page.tsx';
import { ReceiptPage } from './pages/receipt-page.tsx';
import { ReportPage } from './pages/report-page.tsx';
import { SurveyPage } from './pages/survey-page.tsx';

/** Static segments outrank dynamic ones, so /p/receipt never reaches the landing of a code. */
export const router = createBrowserRouter([
  {
    element: <Shell />,
    errorElement: <CrashPage />,
    children: [
      { path: '/p/receipt', element: <ReceiptPage /> },
      { path: '/p/s/:key', element: <SurveyPage /> },
      { path: '/p/publications/:id', element: <PublicationPage /> },
      { path: '/p/:code', element: <LandingPage /> },
      { path: '/p/:code/report', element: <ReportPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
