import { ZAuthority, type ZAuthorityCreate, ZAuthorityList, type ZAuthorityUpdate } from '@xc/domain';
import type { z } from 'zod';
import { request } from './client.ts';

export type TAuthorityList = z.infer<typeof ZAuthorityList>;
export type TAuthorityCreateInput = z.input<typeof ZAuthorityCreate>;
export type TAuthorityUpdateInput = z.input<typeof ZAuthorityUpdate>;

export const listAuthorities = () => request('GET', '/api/authorities', ZAuthorityList);
export const getAuthority = (id: string) => request('GET', `/api/authorities/${encodeURIComponent(id)}`, ZAuthority);
export const createAuthority = (body: TAuthorityCreateInput) =>
  request('POST', '/api/authorities', ZAuthority, { body });
export const updateAuthority = (id: string, body: TAuthorityUpdateInput) =>
  request('PATCH', `/api/authorities/${encodeURIComponent(id)}`, ZAuthority, { body });
