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
import type { z } from 'zod';
import { request, requestVoid } from './client.ts';

export type TUserList = z.infer<typeof ZUserList>;
export type TUserListItem = TUserList['items'][number];
export type TUserCreateInput = z.input<typeof ZUserCreate>;
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

export const listGrants = (userId: string) => request('GET', `${path(userId)}/grants`, ZGrantList);
export const createGrant = (userId: string, body: TGrantCreateInput) =>
  request('POST', `${path(userId)}/grants`, ZGrant, { body });
export const deleteGrant = (id: string) => requestVoid('DELETE', `/api/grants/${encodeURIComponent(id)}`);
