import {
  type TPasswordChange,
  type ZLoginRequest,
  ZLoginResponse,
  ZMe,
  type ZReauth,
  type ZTotpDisable,
  type ZTotpEnable,
  ZTotpRecoveryCodes,
  ZTotpSetup,
  type ZTotpSetupRequest,
  ZTotpStatus,
} from '@xc/domain';
import type { z } from 'zod';
import { ApiError, request, requestVoid, setCsrfToken } from './client.ts';

export type TMe = z.infer<typeof ZMe>;
export type TLoginResult = z.infer<typeof ZLoginResponse>;
export type TLoginInput = z.input<typeof ZLoginRequest>;
export type TReauthInput = z.input<typeof ZReauth>;
export type TTotpStatus = z.infer<typeof ZTotpStatus>;
export type TTotpSetup = z.infer<typeof ZTotpSetup>;
export type TTotpSetupInput = z.input<typeof ZTotpSetupRequest>;
export type TTotpRecoveryCodes = z.infer<typeof ZTotpRecoveryCodes>;

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

/**
 * Username and password, and on the second step the 6-digit code or a recovery code: an account
 * with a second factor answers TOTP_REQUIRED to the password alone.
 */
export async function login(body: TLoginInput): Promise<TLoginResult> {
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

/** A wrong answer counts as a failed login, so it must not end the session as a plain 401 would. */
export function reauthenticate(body: TReauthInput): Promise<void> {
  return requestVoid('POST', '/api/auth/reauth', { body, noReauth: true, noAuthRedirect: true });
}

// The account's own second factor (TOTP).
export const getTotpStatus = () => request('GET', '/api/auth/totp', ZTotpStatus);
export const setupTotp = (body: TTotpSetupInput) =>
  request('POST', '/api/auth/totp/setup', ZTotpSetup, { body, noReauth: true });
export const enableTotp = (body: z.input<typeof ZTotpEnable>) =>
  request('POST', '/api/auth/totp/enable', ZTotpRecoveryCodes, { body, noReauth: true });
export const disableTotp = (body: z.input<typeof ZTotpDisable>) =>
  requestVoid('POST', '/api/auth/totp/disable', { body, noReauth: true });
