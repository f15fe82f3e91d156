import { ZSettingsResponse, type ZSettingsUpdate } from '@xc/domain';
import type { z } from 'zod';
import { request } from './client.ts';

export type TSettingsResponse = z.infer<typeof ZSettingsResponse>;

export const getSettings = () => request('GET', '/api/settings', ZSettingsResponse);
export const putSettings = (body: z.input<typeof ZSettingsUpdate>) =>
  request('PUT', '/api/settings', ZSettingsResponse, { body });
