import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from './layout.tsx';
import { RequireAuth, RequirePerm, TOTP_ENROL_PATH } from './require-auth.tsx';
import { RootShell } from './root-shell.tsx';
import { RouteError } from './route-error.tsx';

const LoginPage = lazy(() => import('../pages/login/login-page.tsx'));
const ChangePasswordPage = lazy(() => import('../pages/account/change-password-page.tsx'));
const TotpEnrolPage = lazy(() => import('../pages/account/totp-enrol-page.tsx'));
const TotpPage = lazy(() => import('../pages/account/totp-page.tsx'));
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
const WorkbenchPage = lazy(() => import('../pages/fieldwork/workbench-page.tsx'));
const PaperEditorPage = lazy(() => import('../pages/fieldwork/paper-editor-page.tsx'));
const FindingsPage = lazy(() => import('../pages/fieldwork/findings-page.tsx'));
const CluesPage = lazy(() => import('../pages/fieldwork/clues-page.tsx'));
const CaseHandlingPage = lazy(() => import('../pages/fieldwork/case-handling-page.tsx'));
const LibrariesPage = lazy(() => import('../pages/fieldwork/libraries-page.tsx'));
const AuditLinkPage = lazy(() => import('../pages/auditlink/auditlink-page.tsx'));
const AuditLinkNewRunPage = lazy(() => import('../pages/auditlink/new-run-page.tsx'));
const AuditLinkRunPage = lazy(() => import('../pages/auditlink/run-page.tsx'));
const ReportPage = lazy(() => import('../pages/reports/report-page.tsx'));
const MeetingsPage = lazy(() => import('../pages/reports/meetings-page.tsx'));
const MattersPage = lazy(() => import('../pages/reports/matters-page.tsx'));
const RectLedgerPage = lazy(() => import('../pages/rectification/ledger-page.tsx'));
const RectRedCardsPage = lazy(() => import('../pages/rectification/red-cards-page.tsx'));
const RectRulesPage = lazy(() => import('../pages/rectification/rules-page.tsx'));
const RectSettingsPage = lazy(() => import('../pages/rectification/settings-page.tsx'));
const RectInspectionPage = lazy(() => import('../pages/rectification/inspection-page.tsx'));
const RectEvaluationsPage = lazy(() => import('../pages/rectification/evaluations-page.tsx'));
const RectPublicationPage = lazy(() => import('../pages/rectification/publication-page.tsx'));
const RectApprovalsPage = lazy(() => import('../pages/rectification/approvals-page.tsx'));
const RectStatsPage = lazy(() => import('../pages/rectification/stats-page.tsx'));
const RectRoundPage = lazy(() => import('../pages/rectification/round-page.tsx'));
const RectReviewsPage = lazy(() => import('../pages/rectification/reviews-page.tsx'));
const RectMyTasksPage = lazy(() => import('../pages/rectification/my-tasks-page.tsx'));
const RectMyFeedbackPage = lazy(() =>
  import('../pages/rectification/liaison-page.tsx').then((m) => ({ default: m.MyFeedbackPage })),
);
const RectMyPlanPage = lazy(() =>
  import('../pages/rectification/liaison-page.tsx').then((m) => ({ default: m.MyPlanPage })),
);
const RectMyReportsPage = lazy(() =>
  import('../pages/rectification/liaison-page.tsx').then((m) => ({ default: m.MyReportsPage })),
);
const GovOverviewPage = lazy(() => import('../pages/governance/overview-page.tsx'));
const GovCommonProblemsPage = lazy(() => import('../pages/governance/common-problems-page.tsx'));
const GovBulletinsPage = lazy(() => import('../pages/governance/bulletins-page.tsx'));
const GovBulletinDetailPage = lazy(() => import('../pages/governance/bulletin-detail-page.tsx'));
const GovRemindersPage = lazy(() => import('../pages/governance/reminders-page.tsx'));
const GovCampaignsPage = lazy(() => import('../pages/governance/campaigns-page.tsx'));
const GovCampaignDetailPage = lazy(() => import('../pages/governance/campaign-detail-page.tsx'));
const GovConsultationsPage = lazy(() => import('../pages/governance/consultations-page.tsx'));
const GovMyCampaignsPage = lazy(() => import('../pages/governance/my-campaigns-page.tsx'));
const GovInboxPage = lazy(() => import('../pages/governance/inbox-page.tsx'));
const GovDualReportsPage = lazy(() => import('../pages/governance/dual-reports-page.tsx'));
const GovDualReportDetailPage = lazy(() => import('../pages/governance/dual-report-detail-page.tsx'));
const GovConductPage = lazy(() => import('../pages/governance/conduct-page.tsx'));
const GovArchivePage = lazy(() => import('../pages/governance/archive-page.tsx'));
const GovArchiveBorrowsPage = lazy(() => import('../pages/governance/archive-borrows-page.tsx'));
const GovSettingsPage = lazy(() => import('../pages/governance/settings-page.tsx'));
const AuthorityListPage = lazy(() => import('../pages/authorities/authority-list-page.tsx'));
const UserListPage = lazy(() => import('../pages/users/user-list-page.tsx'));
const GrantPage = lazy(() => import('../pages/users/grant-page.tsx'));
const SettingsPage = lazy(() => import('../pages/settings/settings-page.tsx'));
const AuditPage = lazy(() => import('../pages/audit/audit-page.tsx'));
const NotFoundPage = lazy(() => import('../pages/not-found-page.tsx'));

const guarded = (perms: string[], el: React.ReactNode) => <RequirePerm perms={perms}>{el}</RequirePerm>;

/** The pages inside the layout fail inside it: the error page shows where the page would, under the menu. */
const withinLayout = (pages: RouteObject[]): RouteObject[] => [{ errorElement: <RouteError />, children: pages }];

export const routes: RouteObject[] = [
  {
    element: <RootShell />,
    errorElement: <RouteError />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        element: <RequireAuth />,
        children: [
          { path: '/change-password', element: <ChangePasswordPage /> },
          { path: TOTP_ENROL_PATH, element: <TotpEnrolPage /> },
          {
            element: <AppLayout />,
            errorElement: <RouteError />,
            children: withinLayout([
              { index: true, element: <HomePage /> },
              { path: 'account/totp', element: <TotpPage /> },
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
              { path: 'fieldwork/inspections', element: guarded(['fieldwork:read'], <WorkbenchPage />) },
              { path: 'fieldwork/inspections/:id', element: guarded(['fieldwork:read'], <WorkbenchPage />) },
              {
                path: 'fieldwork/inspections/:inspectionId/papers/new',
                element: guarded(['fieldwork:write'], <PaperEditorPage />),
              },
              { path: 'fieldwork/papers/:id', element: guarded(['fieldwork:read'], <PaperEditorPage />) },
              { path: 'fieldwork/findings', element: guarded(['fieldwork:read'], <FindingsPage />) },
              {
                path: 'fieldwork/clues',
                element: guarded(['clue:write', 'clue:transfer', 'clue:writeOff'], <CluesPage />),
              },
              { path: 'fieldwork/libraries', element: guarded(['library:manage'], <LibrariesPage />) },
              { path: 'case-handling', element: guarded(['clue:dispose'], <CaseHandlingPage />) },
              { path: 'fieldwork/audit-link', element: guarded(['auditlink:read'], <AuditLinkPage />) },
              {
                path: 'fieldwork/audit-link/inspections/:inspectionId',
                element: guarded(['auditlink:read'], <AuditLinkPage />),
              },
              {
                path: 'fieldwork/audit-link/inspections/:inspectionId/runs/new',
                element: guarded(['auditlink:write'], <AuditLinkNewRunPage />),
              },
              { path: 'fieldwork/audit-link/runs/:id', element: guarded(['auditlink:read'], <AuditLinkRunPage />) },
              { path: 'reports/inspections', element: guarded(['report:read'], <ReportPage />) },
              { path: 'reports/inspections/:id', element: guarded(['report:read'], <ReportPage />) },
              { path: 'reports/meetings', element: guarded(['meeting:read'], <MeetingsPage />) },
              { path: 'reports/matters', element: guarded(['meeting:read'], <MattersPage />) },
              {
                path: 'rectification/ledger',
                element: guarded(['rectification:supervise', 'rectification:export'], <RectLedgerPage />),
              },
              { path: 'rectification/red-cards', element: guarded(['rectification:supervise'], <RectRedCardsPage />) },
              {
                path: 'rectification/rule-makings',
                element: guarded(['rectification:supervise', 'rectification:write'], <RectRulesPage />),
              },
              { path: 'rectification/settings', element: guarded(['rectification:supervise'], <RectSettingsPage />) },
              {
                path: 'rectification/inspections',
                element: guarded(
                  ['rectification:supervise', 'feedback:write', 'evaluation:score'],
                  <RectInspectionPage />,
                ),
              },
              {
                path: 'rectification/inspections/:id',
                element: guarded(
                  ['rectification:supervise', 'feedback:write', 'evaluation:score'],
                  <RectInspectionPage />,
                ),
              },
              {
                path: 'rectification/evaluations',
                element: guarded(
                  ['rectification:supervise', 'feedback:write', 'evaluation:score'],
                  <RectEvaluationsPage />,
                ),
              },
              { path: 'rectification/publication', element: guarded(['publication:manage'], <RectPublicationPage />) },
              { path: 'rectification/approvals', element: guarded(['rectification:supervise'], <RectApprovalsPage />) },
              {
                path: 'rectification/stats',
                element: guarded(['rectification:supervise', 'rectification:export'], <RectStatsPage />),
              },
              {
                path: 'rectification/stats/rounds/:id',
                element: guarded(['rectification:supervise', 'rectification:export'], <RectRoundPage />),
              },
              { path: 'rectification/reviews', element: guarded(['review:rate'], <RectReviewsPage />) },
              { path: 'rectification/my/feedback', element: guarded(['rectification:write'], <RectMyFeedbackPage />) },
              { path: 'rectification/my/plan', element: guarded(['rectification:write'], <RectMyPlanPage />) },
              { path: 'rectification/my/tasks', element: guarded(['rectification:write'], <RectMyTasksPage />) },
              { path: 'rectification/my/reports', element: guarded(['rectification:write'], <RectMyReportsPage />) },
              { path: 'governance', element: guarded(['governance:read'], <GovOverviewPage />) },
              {
                path: 'governance/common-problems',
                element: guarded(['governance:read'], <GovCommonProblemsPage />),
              },
              { path: 'governance/bulletins', element: guarded(['governance:read'], <GovBulletinsPage />) },
              { path: 'governance/bulletins/:id', element: guarded(['governance:read'], <GovBulletinDetailPage />) },
              { path: 'governance/reminders', element: guarded(['governance:read'], <GovRemindersPage />) },
              { path: 'governance/campaigns', element: guarded(['governance:read'], <GovCampaignsPage />) },
              { path: 'governance/campaigns/:id', element: guarded(['governance:read'], <GovCampaignDetailPage />) },
              { path: 'governance/consultations', element: guarded(['governance:read'], <GovConsultationsPage />) },
              { path: 'governance/my-campaigns', element: guarded(['campaign:report'], <GovMyCampaignsPage />) },
              { path: 'inbox', element: guarded(['recipient:answer'], <GovInboxPage />) },
              { path: 'governance/dual-reports', element: guarded(['governance:read'], <GovDualReportsPage />) },
              {
                path: 'governance/dual-reports/:inspectionId',
                element: guarded(['governance:read'], <GovDualReportDetailPage />),
              },
              { path: 'governance/conduct', element: guarded(['governance:read'], <GovConductPage />) },
              { path: 'governance/archive', element: guarded(['archive:read'], <GovArchivePage />) },
              {
                path: 'governance/archive/borrows',
                element: guarded(['archive:borrow'], <GovArchiveBorrowsPage />),
              },
              { path: 'governance/settings', element: guarded(['governance:manage'], <GovSettingsPage />) },
              { path: 'authorities', element: guarded(['authority:read'], <AuthorityListPage />) },
              { path: 'admin/users', element: guarded(['user:read', 'user:manage'], <UserListPage />) },
              { path: 'admin/grants', element: guarded(['grant:manage'], <GrantPage />) },
              { path: 'admin/settings', element: guarded(['settings:manage'], <SettingsPage />) },
              { path: 'admin/audit', element: guarded(['audit:read'], <AuditPage />) },
              { path: '*', element: <NotFoundPage /> },
            ]),
          },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
