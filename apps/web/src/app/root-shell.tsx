import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { Outlet, useNavigate } from 'react-router';
import { setApiHandlers } from '../api/client.ts';
import { qk } from '../api/keys.ts';
import { FullPageSpin } from '../components/full-page-spin.tsx';
import { ReauthModal } from './reauth-modal.tsx';

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

  return (
    <>
      <Suspense fallback={<FullPageSpin />}>
        <Outlet />
      </Suspense>
      <ReauthModal />
    </>
  );
}
