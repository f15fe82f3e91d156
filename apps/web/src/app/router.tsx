import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from './layout.tsx';
import { RequireAuth, RequirePerm } from './require-auth.tsx';
import { RootShell } from './root-shell.tsx';

const LoginPage = lazy(() => import('../pages/login/login-page.tsx'));
const ChangePasswordPage = lazy(() => import('../pages/account/change-password-page.tsx'));
const HomePage = lazy(() => import('../pages/home/home-page.tsx'));
const OrgListPage = lazy(() => import('../pages/orgs/org-list-page.tsx'));
const OrgTreePage = lazy(() => import('../pages/orgs/org-tree-page.tsx'));
const OrgDetailPage = lazy(() => import('../pages/orgs/org-detail-page.tsx'));
const OrgImportPage = lazy(() => import('../pages/orgs/org-import-page.tsx'));
const TermListPage = lazy(() => import('../pages/planning/term-list-page.tsx'));
const TermOverviewPage = lazy(() => import('../pages/planning/term-overview-page.tsx'));
const RoundBoardPage = lazy(() => import('../pages/planning/round-board-page.tsx'));
const BoardEntryPage = lazy(() => import('../pages/planning/board-entry-page.tsx'));
const RoundPlanPage = lazy(() => import('../pages/planning/round-plan-page.tsx'));
const InspectionDetailPage = lazy(() => import('../pages/planning/inspection-detail-page.tsx'));
const CalendarPage = lazy(() => import('../pages/planning/calendar-page.tsx'));
const InspectorListPage = lazy(() => import('../pages/personnel/inspector-list-page.tsx'));
const InspectorImportPage = lazy(() => import('../pages/personnel/inspector-import-page.tsx'));
const InspectorProfilePage = lazy(() => import('../pages/personnel/inspector-profile-page.tsx'));
const TeamEntryPage = lazy(() => import('../pages/personnel/team-entry-page.tsx'));
const TeamBuilderPage = lazy(() => import('../pages/personnel/team-builder-page.tsx'));
const AuthorizationPage = lazy(() => import('../pages/personnel/authorization-page.tsx'));
const LedgersPage = lazy(() => import('../pages/personnel/ledgers-page.tsx'));
const PetitionInboxPage = lazy(() => import('../pages/petitions/petition-inbox-page.tsx'));
const PetitionDetailPage = lazy(() => import('../pages/petitions/petition-detail-page.tsx'));
const PublicCodesPage = lazy(() => import('../pages/petitions/public-codes-page.tsx'));
const SurveyListPage = lazy(() => import('../pages/surveys/survey-list-page.tsx'));
const SurveyEditPage = lazy(() => import('../pages/surveys/survey-edit-page.tsx'));
const SurveyDetailPage = lazy(() => import('../pages/surveys/survey-detail-page.tsx'));
const AuthorityListPage = lazy(() => import('../pages/authorities/authority-list-page.tsx'));
const UserListPage = lazy(() => import('../pages/users/user-list-page.tsx'));
const GrantPage = lazy(() => import('../pages/users/grant-page.tsx'));
const SettingsPage = lazy(() => import('../pages/settings/settings-page.tsx'));
const AuditPage = lazy(() => import('../pages/audit/audit-page.tsx'));
const NotFoundPage = lazy(() => import('../pages/not-found-page.tsx'));

const guarded = (perms: string[], el: React.ReactNode) => <RequirePerm perms={perms}>{el}</RequirePerm>;

export const routes: RouteObject[] = [
  {
    element: <RootShell />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        element: <RequireAuth />,
        children: [
          { path: '/change-password', element: <ChangePasswordPage /> },
          {
            element: <AppLayout />,
            children: [
              { index: true, element: <HomePage /> },
              { path: 'orgs', element: guarded(['org:read'], <OrgListPage />) },
              { path: 'orgs/tree', element: guarded(['org:read'], <OrgTreePage />) },
              { path: 'orgs/import', element: guarded(['org:import'], <OrgImportPage />) },
              { path: 'orgs/:id', element: guarded(['org:read'], <OrgDetailPage />) },
              { path: 'planning/terms', element: guarded(['plan:read'], <TermListPage />) },
              { path: 'planning/terms/:id', element: guarded(['plan:read'], <TermOverviewPage />) },
              { path: 'planning/terms/:id/board', element: guarded(['plan:read'], <RoundBoardPage />) },
              { path: 'planning/board', element: guarded(['plan:read'], <BoardEntryPage />) },
              { path: 'planning/rounds/:id', element: guarded(['plan:read'], <RoundPlanPage />) },
              { path: 'planning/inspections/:id', element: guarded(['plan:read'], <InspectionDetailPage />) },
              { path: 'planning/calendar', element: guarded(['plan:read', 'calendar:manage'], <CalendarPage />) },
              { path: 'personnel/inspectors', element: guarded(['personnel:read'], <InspectorListPage />) },
              {
                path: 'personnel/inspectors/import',
                element: guarded(['personnel:write'], <InspectorImportPage />),
              },
              { path: 'personnel/inspectors/:id', element: guarded(['personnel:read'], <InspectorProfilePage />) },
              { path: 'personnel/teams', element: guarded(['plan:read'], <TeamEntryPage />) },
              { path: 'personnel/teams/:teamId', element: guarded(['plan:read'], <TeamBuilderPage />) },
              {
                path: 'personnel/rounds/:roundId/authorization',
                element: guarded(['plan:read'], <AuthorizationPage />),
              },
              { path: 'personnel/ledgers', element: guarded(['personnel:read'], <LedgersPage />) },
              { path: 'fieldwork/petitions', element: guarded(['petition:read'], <PetitionInboxPage />) },
              { path: 'fieldwork/petitions/:id', element: guarded(['petition:read'], <PetitionDetailPage />) },
              { path: 'fieldwork/codes', element: guarded(['publicCode:manage'], <PublicCodesPage />) },
              { path: 'fieldwork/surveys', element: guarded(['survey:read'], <SurveyListPage />) },
              { path: 'fieldwork/surveys/new', element: guarded(['survey:manage'], <SurveyEditPage />) },
              { path: 'fieldwork/surveys/:id', element: guarded(['survey:read'], <SurveyDetailPage />) },
              { path: 'authorities', element: guarded(['authority:read'], <AuthorityListPage />) },
              { path: 'admin/users', element: guarded(['user:read', 'user:manage'], <UserListPage />) },
              { path: 'admin/grants', element: guarded(['grant:manage'], <GrantPage />) },
              { path: 'admin/settings', element: guarded(['settings:manage'], <SettingsPage />) },
              { path: 'admin/audit', element: guarded(['audit:read'], <AuditPage />) },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
