import {
  AppError,
  afterFailure,
  checkPassword,
  ErrorCode,
  normalizeUsername,
  passwordExpired,
  type TMe,
} from '@xc/domain';
import { and, eq } from 'drizzle-orm';
import { sessions, users } from '../../db/schema/auth.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Actor, AppDeps, RequestCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { argon2Params, dummyHash, hashPassword, needsRehash, verifyPassword } from '../../platform/passwords.ts';
import { loadGrants, newSession, reachOf, sessionHash } from './auth.sessions.ts';
import { toUserDto, type UserRow } from './auth.users.ts';

export interface LoginInput {
  username: string;
  password: string;
  requestId: string;
  ip: string | null;
}

/**
 * Every failure answers the same way, whether the account is unknown, locked, disabled or the
 * password wrong, so the answer never tells an attacker which accounts exist.
 */
export async function login(deps: AppDeps, input: LoginInput) {
  const { db, clock, settings, config } = deps;
  const now = clock.now();
  const { value: st } = await settings.get();
  const params = argon2Params(config.argon2MemoryKiB);
  const key = normalizeUsername(input.username);
  const user = (await db.select().from(users).where(eq(users.usernameKey, key)))[0];
  const fail = new AppError(
    ErrorCode.InvalidCredentials,
    `用户名或密码错误（连续失败${st.lockoutMaxFailures}次将锁定${st.lockoutMinutes}分钟）`,
  );
  // NFKC can lengthen a name; cut by code points so a surrogate pair is never split.
  const logged = Array.from(key).slice(0, 64).join('');
  const audit = (db2: Db, result: 'success' | 'failure', reason: string | null, u?: UserRow) =>
    writeAudit(db2, now, {
      actorId: u?.id ?? null,
      actorName: u?.displayName ?? null,
      action: 'auth.login',
      objectType: 'user',
      objectId: u?.id ?? null,
      result,
      requestId: input.requestId,
      ip: input.ip,
      detail: reason ? { reason, username: logged } : { username: logged },
    });

  if (!user) {
    await verifyPassword(await dummyHash(params), input.password);
    await audit(db, 'failure', 'unknownUser');
    throw fail;
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await verifyPassword(await dummyHash(params), input.password);
    await audit(db, 'failure', 'locked', user);
    throw fail;
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok || user.status !== 'active') {
    const next = ok
      ? { failures: user.failedLogins, lockedUntil: user.lockedUntil }
      : afterFailure(user.failedLogins, now, { maxFailures: st.lockoutMaxFailures, lockMinutes: st.lockoutMinutes });
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ failedLogins: next.failures, lockedUntil: next.lockedUntil })
        .where(eq(users.id, user.id));
      await audit(tx, 'failure', ok ? 'disabled' : next.lockedUntil ? 'wrongPasswordLocked' : 'wrongPassword', user);
    });
    throw fail;
  }
  const rehash = needsRehash(user.passwordHash, params) ? await hashPassword(input.password, params) : null;
  return db.transaction(async (tx) => {
    const updated = (
      await tx
        .update(users)
        .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now, ...(rehash ? { passwordHash: rehash } : {}) })
        .where(eq(users.id, user.id))
        .returning()
    )[0] as UserRow;
    const s = await newSession(tx, user.id, now);
    await audit(tx, 'success', null, user);
    const expired = passwordExpired(updated.passwordChangedAt, now, st.passwordExpiryDays);
    return {
      raw: s.raw,
      body: {
        user: await toUserDto(tx, updated),
        csrfToken: s.csrfToken,
        mustChangePassword: updated.mustChangePassword || expired,
      },
    };
  });
}

export async function logout(deps: AppDeps, ctx: RequestCtx): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.idHash, ctx.actor.sessionHash));
    await writeAudit(tx, deps.clock.now(), {
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      role: ctx.actor.roles.join(','),
      action: 'auth.logout',
      objectType: 'user',
      objectId: ctx.actor.userId,
      requestId: ctx.requestId,
      ip: ctx.ip,
    });
  });
}

export async function me(deps: AppDeps, actor: Actor): Promise<TMe> {
  const u = (await deps.db.select().from(users).where(eq(users.id, actor.userId)))[0] as UserRow;
  return {
    user: await toUserDto(deps.db, u),
    roles: actor.roles,
    grants: actor.grants,
    permissions: [...actor.permissions].sort(),
    csrfToken: actor.csrfToken,
    mustChangePassword: actor.mustChangePassword || actor.passwordExpired,
    passwordExpired: actor.passwordExpired,
  };
}

/**
 * Changing the password ends every session of the account (a stolen cookie dies with the old
 * password) and starts a fresh one for this browser.
 */
export async function changePassword(
  deps: AppDeps,
  ctx: RequestCtx,
  input: { currentPassword: string; newPassword: string },
): Promise<{ raw: string; me: TMe }> {
  const { db, clock, settings, config } = deps;
  const now = clock.now();
  const { value: st } = await settings.get();
  const user = (await db.select().from(users).where(eq(users.id, ctx.actor.userId)))[0] as UserRow;
  if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
    throw new AppError(ErrorCode.PasswordPolicy, '当前密码不正确', { reasons: ['当前密码不正确'] });
  const reasons = checkPassword(
    input.newPassword,
    {
      minLength: st.passwordMinLength,
      minClasses: st.passwordMinClasses,
      expiryDays: st.passwordExpiryDays,
      historyCount: st.passwordHistoryCount,
    },
    user.username,
  );
  const recent = [user.passwordHash, ...user.passwordHistory].slice(0, Math.max(1, st.passwordHistoryCount));
  for (const h of recent)
    if (await verifyPassword(h, input.newPassword)) {
      reasons.push(`新密码不能与最近${st.passwordHistoryCount}次使用过的密码相同`);
      break;
    }
  if (reasons.length) throw new AppError(ErrorCode.PasswordPolicy, reasons.join('；'), { reasons });
  const newHash = await hashPassword(input.newPassword, argon2Params(config.argon2MemoryKiB));
  return db.transaction(async (tx) => {
    const history = [user.passwordHash, ...user.passwordHistory].slice(0, st.passwordHistoryCount);
    const res = await tx
      .update(users)
      .set({
        passwordHash: newHash,
        passwordHistory: history,
        passwordChangedAt: now,
        mustChangePassword: false,
        version: user.version + 1,
      })
      .where(and(eq(users.id, user.id), eq(users.version, user.version)))
      .returning({ id: users.id });
    if (res.length === 0) throw new AppError(ErrorCode.Conflict, '账号信息已变化，请重新登录后再修改密码');
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    const s = await newSession(tx, user.id, now);
    await writeAudit(tx, now, {
      actorId: user.id,
      actorName: user.displayName,
      role: ctx.actor.roles.join(','),
      action: 'auth.password',
      objectType: 'user',
      objectId: user.id,
      requestId: ctx.requestId,
      ip: ctx.ip,
    });
    const actor: Actor = {
      ...ctx.actor,
      csrfToken: s.csrfToken,
      sessionHash: sessionHash(s.raw),
      mustChangePassword: false,
      passwordExpired: false,
      grants: await loadGrants(tx, user.id),
    };
    actor.reach = await reachOf(tx, actor.grants);
    const fresh = (await tx.select().from(users).where(eq(users.id, user.id)))[0] as UserRow;
    return {
      raw: s.raw,
      me: {
        user: await toUserDto(tx, fresh),
        roles: actor.roles,
        grants: actor.grants,
        permissions: [...actor.permissions].sort(),
        csrfToken: s.csrfToken,
        mustChangePassword: false,
        passwordExpired: false,
      },
    };
  });
}

/** Password re-entry that opens the 5-minute window for exports, grants and resets. */
export async function reauthenticate(deps: AppDeps, ctx: RequestCtx, password: string): Promise<void> {
  const { db, clock, settings } = deps;
  const now = clock.now();
  const user = (await db.select().from(users).where(eq(users.id, ctx.actor.userId)))[0] as UserRow;
  const ok = await verifyPassword(user.passwordHash, password);
  const { value: st } = await settings.get();
  await db.transaction(async (tx) => {
    if (ok) await tx.update(sessions).set({ reauthAt: now }).where(eq(sessions.idHash, ctx.actor.sessionHash));
    else {
      const next = afterFailure(user.failedLogins, now, {
        maxFailures: st.lockoutMaxFailures,
        lockMinutes: st.lockoutMinutes,
      });
      await tx
        .update(users)
        .set({ failedLogins: next.failures, lockedUntil: next.lockedUntil })
        .where(eq(users.id, user.id));
      if (next.lockedUntil) await tx.delete(sessions).where(eq(sessions.userId, user.id));
    }
    await writeAudit(tx, now, {
      actorId: user.id,
      actorName: user.displayName,
      role: ctx.actor.roles.join(','),
      action: 'auth.reauth',
      objectType: 'user',
      objectId: user.id,
      result: ok ? 'success' : 'failure',
      requestId: ctx.requestId,
      ip: ctx.ip,
    });
  });
  if (!ok) throw new AppError(ErrorCode.InvalidCredentials, '密码不正确');
}
