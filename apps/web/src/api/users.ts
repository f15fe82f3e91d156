import {
  ZGrant,
  type ZGrantCreate,
  ZGrantList,
  ZOneTimePassword,
  ZUser,
  type ZUserCreate,
  ZUserCreated,
  ZUserList,
  ZUserListItem,
  type ZUserListQuery,
  type ZUserUpdate,
} from '@xc/domain';
import { z } from 'zod';
import { request, requestVoid } from './client.ts';

export type TUserList = z.infer<typeof ZUserList>;
export type TUserListItem = TUserList['items'][number];
export type TUserCreateInput = z.input<typeof ZUserCreate>;
export type TUserCreated = z.infer<typeof ZUserCreated>;
export type TUserUpdateInput = z.input<typeof ZUserUpdate>;
export type TUserFilters = Omit<z.input<typeof ZUserListQuery>, 'limit' | 'cursor'>;
export type TGrantCreateInput = z.input<typeof ZGrantCreate>;

const path = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export const listUsers = (q: TUserFilters & { limit?: number; cursor?: string }) =>
  request('GET', '/api/users', ZUserList, { query: q });
export const getUser = (id: string) => request('GET', path(id), ZUserListItem);
export const createUser = (body: TUserCreateInput) => request('POST', '/api/users', ZUserCreated, { body });
export const updateUser = (id: string, body: TUserUpdateInput) => request('PATCH', path(id), ZUser, { body });
export const resetUserPassword = (id: string) => request('POST', `${path(id)}/reset-password`, ZOneTimePassword);
export const unlockUser = (id: string) => requestVoid('POST', `${path(id)}/unlock`);

/** The answer of POST /api/users/:id/end-sessions (the route declares it inline, not in the domain). */
const ZSessionsEnded = z.object({ ended: z.number().int() });
/** The 安全保密管理员 ends every session of the account; the answer counts them. Re-authenticated. */
export const endUserSessions = (id: string) => request('POST', `${path(id)}/end-sessions`, ZSessionsEnded);
/** Clears a lost authenticator and its recovery codes and ends the account's sessions. Re-authenticated. */
export const resetUserTotp = (id: string) => requestVoid('POST', `${path(id)}/totp/reset`);

export const listGrants = (userId: string) => request('GET', `${path(userId)}/grants`, ZGrantList);
export const createGrant = (userId: string, body: TGrantCreateInput) =>
  request('POST', `${path(userId)}/grants`, ZGrant, { body });
export const deleteGrant = (id: string) => requestVoid('DELETE', `/api/grants/${encodeURIComponent(id)}`);
