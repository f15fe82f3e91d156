import { z } from 'zod';
import { ZGrant, ZRole } from '../access/roles.ts';

export const ZLoginRequest = z.strictObject({
  username: z.string().min(1, '请输入用户名').max(64, '用户名过长'),
  password: z.string().min(1, '请输入密码').max(128, '密码过长'),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  authorityId: z.uuid().nullable(),
  authorityName: z.string().nullable(),
  orgId: z.uuid().nullable(),
  orgName: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type TUser = z.infer<typeof ZUser>;

export const ZMe = z.object({
  user: ZUser,
  roles: z.array(ZRole),
  grants: z.array(ZGrant),
  permissions: z.array(z.string()),
  csrfToken: z.string(),
  mustChangePassword: z.boolean(),
  passwordExpired: z.boolean(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZLoginResponse = z.object({
  user: ZUser,
  csrfToken: z.string(),
  mustChangePassword: z.boolean(),
});
export type TLoginResponse = z.infer<typeof ZLoginResponse>;

export const ZPasswordChange = z.strictObject({
  currentPassword: z.string().min(1, '请输入当前密码').max(128),
  newPassword: z.string().min(1, '请输入新密码').max(128, '密码过长'),
});
export type TPasswordChange = z.infer<typeof ZPasswordChange>;

export const ZReauth = z.strictObject({ password: z.string().min(1, '请输入密码').max(128) });
