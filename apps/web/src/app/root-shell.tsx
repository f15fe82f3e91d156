import { useQueryClient } from '@tanstack/react-query';
import { ErrorCode } from '@xc/domain';
import { Suspense, useEffect } from 'react';
import { Outlet, useNavigate } from 'react-router';
import { isApiError, setApiHandlers } from '../api/client.ts';
import { qk } from '../api/keys.ts';
import { FullPageSpin } from '../components/full-page-spin.tsx';
import { ReauthModal } from './reauth-modal.tsx';
import { safeNext, TOTP_ENROL_PATH, withNext } from './require-auth.tsx';

/** Root of every route: wires the api client's session handlers to the router and the cache. */
export function RootShell() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  useEffect(() => {
    setApiHandlers({
      // RequireAuth sees the empty session and sends the user to /login with the return path.
      unauthenticated: () => queryClient.setQueryData(qk.me, null),
      passwordChangeRequired: () => {
        void queryClient.invalidateQueries({ queryKey: qk.me });
        navigate('/change-password', { replace: true });
      },
    });
  }, [navigate, queryClient]);

  // A role's second factor can become required while the user is signed in (the 系统管理员 changed
  // the setting): from then on every request answers TOTP_ENROLMENT_REQUIRED. Every query and
  // mutation failure passes through the caches, so one watcher here sends the user to enrol
  // (RequireAuth keeps them there once the refreshed session says so).
  useEffect(() => {
    let sent = false;
    const watch = (error: unknown) => {
      if (sent || !isApiError(error, ErrorCode.TotpEnrolmentRequired)) return;
      sent = true;
      void queryClient.invalidateQueries({ queryKey: qk.me }).finally(() => {
        sent = false;
      });
      const here = safeNext(`${window.location.pathname}${window.location.search}`);
      navigate(withNext(TOTP_ENROL_PATH, here), { replace: true });
    };
    const offQueries = queryClient.getQueryCache().subscribe((ev) => {
      if (ev.type === 'updated' && ev.action.type === 'error') watch(ev.action.error);
    });
    const offMutations = queryClient.getMutationCache().subscribe((ev) => {
      if (ev.type === 'updated' && ev.action.type === 'error') watch(ev.action.error);
    });
    return () => {
      offQueries();
      offMutations();
    };
  }, [navigate, queryClient]);

  return (
    <>
      <Suspense fallback={<FullPageSpin />}>
        <Outlet />
      </Suspense>
      <ReauthModal />
    </>
  );
}
