import { type TPasswordChange, type ZLoginRequest, ZLoginResponse, ZMe, type ZReauth } from '@xc/domain';
import type { z } from 'zod';
import { ApiError, request, requestVoid, setCsrfToken } from './client.ts';

export type TMe = z.infer<typeof ZMe>;
export type TLoginResult = z.infer<typeof ZLoginResponse>;

/** The current session, or null when nobody is logged in. */
export async function getMe(): Promise<TMe | null> {
  try {
    const me = await request('GET', '/api/auth/me', ZMe, { noAuthRedirect: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export async function login(body: z.input<typeof ZLoginRequest>): Promise<TLoginResult> {
  const r = await request('POST', '/api/auth/login', ZLoginResponse, { body, noAuthRedirect: true, noReauth: true });
  setCsrfToken(r.csrfToken);
  return r;
}

export async function logout(): Promise<void> {
  try {
    await requestVoid('POST', '/api/auth/logout', { noAuthRedirect: true, noReauth: true });
  } finally {
    setCsrfToken(null);
  }
}

export async function changePassword(body: TPasswordChange): Promise<TMe> {
  const me = await request('POST', '/api/auth/password', ZMe, { body, noReauth: true });
  setCsrfToken(me.csrfToken);
  return me;
}

export function reauthenticate(body: z.input<typeof ZReauth>): Promise<void> {
  return requestVoid('POST', '/api/auth/reauth', { body, noReauth: true });
}
