import { z } from 'zod';
import { ZGrant, ZRole } from '../access/roles.ts';

/** A 6-digit code from the authenticator (TOTP), or one of the recovery codes given at enrolment. */
export const zTotpCode = z.string().regex(/^\d{6}$/, '动态口令应为6位数字');
export const zRecoveryCode = z
  .string()
  .min(10, '恢复码格式不正确')
  .max(20, '恢复码格式不正确')
  .regex(/^[0-9A-Za-z-]+$/, '恢复码格式不正确');

export const ZLoginRequest = z.strictObject({
  username: z.string().min(1, '请输入用户名').max(64, '用户名过长'),
  password: z.string().min(1, '请输入密码').max(128, '密码过长'),
  totp: zTotpCode.optional(),
  recoveryCode: zRecoveryCode.optional(),
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
  totpEnrolmentRequired: z.boolean(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZLoginResponse = z.object({
  user: ZUser,
  csrfToken: z.string(),
  mustChangePassword: z.boolean(),
  /** The account's roles require a second factor it has not set up yet: enrol before anything else. */
  totpEnrolmentRequired: z.boolean(),
});
export type TLoginResponse = z.infer<typeof ZLoginResponse>;

export const ZPasswordChange = z.strictObject({
  currentPassword: z.string().min(1, '请输入当前密码').max(128),
  newPassword: z.string().min(1, '请输入新密码').max(128, '密码过长'),
});
export type TPasswordChange = z.infer<typeof ZPasswordChange>;

export const ZReauth = z.strictObject({
  password: z.string().min(1, '请输入密码').max(128),
  totp: zTotpCode.optional(),
  recoveryCode: zRecoveryCode.optional(),
});

export const TOTP_ALGORITHMS = ['SHA1', 'SM3'] as const;
export const TOTP_ALGORITHM_LABELS: Record<(typeof TOTP_ALGORITHMS)[number], string> = {
  SHA1: '通用身份验证器（HMAC-SHA1）',
  SM3: '国密令牌（HMAC-SM3）',
};
export const ZTotpSetupRequest = z.strictObject({
  password: z.string().min(1, '请输入密码').max(128),
  algorithm: z.enum(TOTP_ALGORITHMS, { error: '算法不在可选范围内' }).default('SHA1'),
});
/** What the enrolment page shows once: the secret as text and as a QR code, and the otpauth URI. */
export const ZTotpSetup = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrPng: z.string(),
  algorithm: z.enum(TOTP_ALGORITHMS),
});
export const ZTotpEnable = z.strictObject({ code: zTotpCode });
export const ZTotpRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export const ZTotpDisable = z.strictObject({ password: z.string().min(1, '请输入密码').max(128), code: zTotpCode });
export const ZTotpStatus = z.object({
  enabled: z.boolean(),
  algorithm: z.enum(TOTP_ALGORITHMS).nullable(),
  enabledAt: z.string().nullable(),
  recoveryCodesLeft: z.number().int(),
  required: z.boolean(),
});
