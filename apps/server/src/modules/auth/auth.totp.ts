import { AppError, ErrorCode, type TRole } from '@xc/domain';
import { and, eq, isNull, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { sessions, users } from '../../db/schema/auth.ts';
import { auditAction } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { argon2Params, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import {
  base32Encode,
  newRecoveryCodes,
  newTotpSecret,
  normalizeRecoveryCode,
  otpauthUri,
  type TotpAlgorithm,
  verifyTotp,
} from '../../platform/totp.ts';
import type { UserRow } from './auth.users.ts';

// The second factor (TOTP, RFC 6238; security.md, Identity): enrolment with a QR code, recovery
// codes kept only as hashes, the check at login and re-authentication, and the reset by the
// 安全保密管理员. The secret is a FieldCipher value (AAD users|id|totp_secret|keyVersion).

const ISSUER = '巡察工作平台';

export function totpSecretOf(deps: AppDeps, u: Pick<UserRow, 'id' | 'totpSecretEnc'>): Buffer | null {
  return u.totpSecretEnc
    ? Buffer.from(deps.cipher.decrypt('users', u.id, 'totp_secret', u.totpSecretEnc), 'hex')
    : null;
}

/** Does a setting require a second factor for any of these roles? */
export async function totpRequiredFor(deps: AppDeps, roles: readonly TRole[]): Promise<boolean> {
  const { value } = await deps.settings.get();
  return roles.some((r) => value.totpRequiredRoles.includes(r));
}

export function totpEnabled(u: Pick<UserRow, 'totpEnabledAt'>): boolean {
  return u.totpEnabledAt !== null;
}

/**
 * Checks a code or a recovery code for an account that has the second factor. A TOTP code is
 * accepted once: the step is recorded with a conditional update, so the same code sent twice at
 * once passes only one of them. A recovery code is spent the same way.
 */
export async function checkSecondFactor(
  deps: AppDeps,
  tx: Db,
  u: UserRow,
  input: { totp?: string; recoveryCode?: string },
): Promise<'totp' | 'recovery' | null> {
  const secret = totpSecretOf(deps, u);
  if (!secret || !u.totpEnabledAt) return null;
  if (input.totp) {
    const step = verifyTotp(secret, input.totp, deps.clock.now(), u.totpAlgorithm ?? 'SHA1', u.totpLastStep);
    if (step === null) return null;
    const res = await tx
      .update(users)
      .set({ totpLastStep: step })
      .where(
        and(
          eq(users.id, u.id),
          u.totpLastStep === null ? isNull(users.totpLastStep) : sql`${users.totpLastStep} < ${step}`,
        ),
      )
      .returning({ id: users.id });
    return res.length ? 'totp' : null;
  }
  if (input.recoveryCode) {
    const code = normalizeRecoveryCode(input.recoveryCode);
    for (const h of u.recoveryCodeHashes) {
      if (!(await verifyPassword(h, code))) continue;
      const res = await tx
        .update(users)
        .set({ recoveryCodeHashes: sql`${users.recoveryCodeHashes} - ${h}` })
        .where(and(eq(users.id, u.id), sql`${users.recoveryCodeHashes} ? ${h}`))
        .returning({ id: users.id });
      return res.length ? 'recovery' : null;
    }
  }
  return null;
}

async function loadSelf(deps: AppDeps, ctx: RequestCtx): Promise<UserRow> {
  return (await deps.db.select().from(users).where(eq(users.id, ctx.actor.userId)))[0] as UserRow;
}

export async function totpStatus(deps: AppDeps, ctx: RequestCtx) {
  const u = await loadSelf(deps, ctx);
  return {
    enabled: totpEnabled(u),
    algorithm: u.totpEnabledAt ? (u.totpAlgorithm ?? 'SHA1') : null,
    enabledAt: u.totpEnabledAt?.toISOString() ?? null,
    recoveryCodesLeft: u.recoveryCodeHashes.length,
    required: await totpRequiredFor(deps, ctx.actor.roles),
  };
}

/**
 * Step 1 of enrolment (after the password): a new secret, kept unconfirmed until a code from the
 * authenticator proves it was scanned. An enabled second factor is not replaced this way.
 */
export async function setupTotp(deps: AppDeps, ctx: RequestCtx, input: { password: string; algorithm: TotpAlgorithm }) {
  const u = await loadSelf(deps, ctx);
  if (!(await verifyPassword(u.passwordHash, input.password)))
    throw new AppError(ErrorCode.InvalidCredentials, '密码不正确');
  if (totpEnabled(u))
    throw new AppError(ErrorCode.Conflict, '已启用双因素认证；如需更换，请先停用或请安全保密管理员重置');
  const secret = newTotpSecret();
  await deps.db
    .update(users)
    .set({
      totpSecretEnc: deps.cipher.encrypt('users', u.id, 'totp_secret', secret.toString('hex')),
      totpAlgorithm: input.algorithm,
      totpLastStep: null,
    })
    .where(eq(users.id, u.id));
  const uri = otpauthUri(ISSUER, u.username, secret, input.algorithm);
  return {
    secret: base32Encode(secret),
    otpauthUri: uri,
    qrPng: await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }),
    algorithm: input.algorithm,
  };
}

/** Step 2: the first code confirms the secret; ten recovery codes are shown once. */
export async function enableTotp(deps: AppDeps, ctx: RequestCtx, code: string) {
  const u = await loadSelf(deps, ctx);
  const secret = totpSecretOf(deps, u);
  if (!secret) throw new AppError(ErrorCode.BadRequest, '请先生成二维码并用身份验证器扫描');
  if (totpEnabled(u)) throw new AppError(ErrorCode.Conflict, '已启用双因素认证');
  const step = verifyTotp(secret, code, deps.clock.now(), u.totpAlgorithm ?? 'SHA1', u.totpLastStep);
  if (step === null) throw new AppError(ErrorCode.BadRequest, '动态口令不正确，请核对身份验证器上的时间后重试');
  const codes = newRecoveryCodes();
  const params = argon2Params(deps.config.argon2MemoryKiB);
  const hashes = await Promise.all(codes.map((c) => hashPassword(normalizeRecoveryCode(c), params)));
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const res = await tx
      .update(users)
      .set({ totpEnabledAt: now, totpLastStep: step, recoveryCodeHashes: hashes })
      .where(and(eq(users.id, u.id), isNull(users.totpEnabledAt)))
      .returning({ id: users.id });
    if (!res.length) throw new AppError(ErrorCode.Conflict, '已启用双因素认证');
    await auditAction(tx, now, ctx, 'auth.totpEnable', { type: 'user', id: u.id });
  });
  return { recoveryCodes: codes };
}

/** The user turns the second factor off (password and a current code); not when a role requires it. */
export async function disableTotp(deps: AppDeps, ctx: RequestCtx, input: { password: string; code: string }) {
  const u = await loadSelf(deps, ctx);
  if (await totpRequiredFor(deps, ctx.actor.roles))
    throw new AppError(ErrorCode.Conflict, '您的角色须使用双因素认证，不能停用；更换设备请联系安全保密管理员重置');
  if (!(await verifyPassword(u.passwordHash, input.password)))
    throw new AppError(ErrorCode.InvalidCredentials, '密码不正确');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if ((await checkSecondFactor(deps, tx, u, { totp: input.code })) !== 'totp')
      throw new AppError(ErrorCode.BadRequest, '动态口令不正确');
    await tx.update(users).set(clearedTotp).where(eq(users.id, u.id));
    await auditAction(tx, now, ctx, 'auth.totpDisable', { type: 'user', id: u.id });
  });
}

const clearedTotp = {
  totpSecretEnc: null,
  totpAlgorithm: null,
  totpEnabledAt: null,
  totpLastStep: null,
  recoveryCodeHashes: [] as string[],
};

/**
 * The 安全保密管理员 resets a lost authenticator: the second factor is cleared and the account's
 * sessions end; at the next sign-in the user enrols again if a role requires it. Audited.
 */
export async function resetTotp(deps: AppDeps, ctx: RequestCtx, userId: string) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const res = await tx.update(users).set(clearedTotp).where(eq(users.id, userId)).returning({ id: users.id });
    if (!res.length) throw new AppError(ErrorCode.NotFound, '账号不存在');
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await auditAction(tx, now, ctx, 'user.totpReset', { type: 'user', id: userId });
  });
}
