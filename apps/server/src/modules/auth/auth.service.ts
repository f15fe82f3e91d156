import {
  AppError,
  checkPassword,
  ErrorCode,
  normalizeUsername,
  passwordExpired,
  type TMe,
  type TSettings,
} from '@xc/domain';
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { sessions, users } from '../../db/schema/auth.ts';
import { auditAction, writeAudit } from '../../platform/audit.ts';
import type { Actor, AppDeps, RequestCtx } from '../../platform/context.ts';
import { type Db, rowsOf } from '../../platform/db.ts';
import { argon2Params, dummyHash, hashPassword, needsRehash, verifyPassword } from '../../platform/passwords.ts';
import { loadGrants, newSession, reachOf, sessionHash } from './auth.sessions.ts';
import { checkSecondFactor, totpEnabled, totpRequiredFor } from './auth.totp.ts';
import { toUserDto, type UserRow } from './auth.users.ts';

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
  requestId: string;
  ip: string | null;
}

/** Attempts on one account (any client) in this window before it answers 429 for a while. */
const ACCOUNT_WINDOW_MS = 15 * 60_000;

/**
 * Every failure answers the same way, whether the account is unknown, locked, disabled or the
 * password wrong, so the answer never tells an attacker which accounts exist. Failures are counted
 * in the database in one statement each, so parallel guesses cannot all read the same count: ten
 * wrong passwords sent at once lock the account as ten sent one after another do.
 */
export async function login(deps: AppDeps, input: LoginInput) {
  const { db, clock, settings, config } = deps;
  const now = clock.now();
  const { value: st } = await settings.get();
  const params = argon2Params(config.argon2MemoryKiB);
  const key = normalizeUsername(input.username);
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

  // Failed attempts per account, whichever clients they come from (the per-client limit is on the
  // route): a slow distributed guesser meets this before the lockout's count would tell it anything.
  const accountKey = `login:account:${key}`;
  const failedRecently = () => deps.shared.hit(accountKey, ACCOUNT_WINDOW_MS, now.getTime());
  if ((await deps.shared.peek(accountKey, now.getTime())) >= Math.max(20, 4 * st.lockoutMaxFailures))
    throw new AppError(ErrorCode.RateLimited, '该账号的登录尝试过于频繁，请15分钟后再试');

  const user = (await db.select().from(users).where(eq(users.usernameKey, key)))[0];
  if (!user) {
    await verifyPassword(await dummyHash(params), input.password);
    await failedRecently();
    await audit(db, 'failure', 'unknownUser');
    throw fail;
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await verifyPassword(await dummyHash(params), input.password);
    await failedRecently();
    await audit(db, 'failure', 'locked', user);
    throw fail;
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok || user.status !== 'active') {
    await failedRecently();
    await db.transaction(async (tx) => {
      const locked = ok ? false : await countFailure(tx, user.id, now, st);
      await audit(tx, 'failure', ok ? 'disabled' : locked ? 'wrongPasswordLocked' : 'wrongPassword', user);
    });
    throw fail;
  }
  const roles = (await loadGrants(db, user.id)).map((g) => g.role);
  const enrolled = totpEnabled(user);
  if (enrolled && !input.totp && !input.recoveryCode)
    throw new AppError(ErrorCode.TotpRequired, '请输入身份验证器上的6位动态口令', { secondFactor: 'totp' });
  const rehash = needsRehash(user.passwordHash, params) ? await hashPassword(input.password, params) : null;
  // Read before the transaction: on the embedded database (one connection) a read through
  // deps.db inside it would wait for the transaction forever.
  const enrolmentRequired = !enrolled && (await totpRequiredFor(deps, roles));
  const res = await db.transaction(async (tx) => {
    if (enrolled && !(await checkSecondFactor(deps, tx, user, input))) {
      const locked = await countFailure(tx, user.id, now, st);
      await audit(tx, 'failure', locked ? 'wrongSecondFactorLocked' : 'wrongSecondFactor', user);
      return null;
    }
    // Conditional on the account not having been locked by guesses that arrived meanwhile.
    const updated = (
      await tx
        .update(users)
        .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now, ...(rehash ? { passwordHash: rehash } : {}) })
        .where(and(eq(users.id, user.id), or(isNull(users.lockedUntil), lte(users.lockedUntil, now))))
        .returning()
    )[0];
    if (!updated) {
      await audit(tx, 'failure', 'locked', user);
      return null;
    }
    const s = await newSession(tx, user.id, now, st.maxSessionsPerUser);
    await audit(tx, 'success', null, user);
    const expired = passwordExpired(updated.passwordChangedAt, now, st.passwordExpiryDays);
    return {
      raw: s.raw,
      body: {
        user: await toUserDto(tx, updated),
        csrfToken: s.csrfToken,
        mustChangePassword: updated.mustChangePassword || expired,
        totpEnrolmentRequired: enrolmentRequired,
      },
    };
  });
  if (!res) {
    await failedRecently();
    throw fail;
  }
  return res;
}

/**
 * One more failure for the account, counted by the database (`failed_logins + 1` in one UPDATE),
 * locking it when the count reaches the limit; true when the account is now locked.
 */
async function countFailure(tx: Db, userId: string, now: Date, st: TSettings): Promise<boolean> {
  const lockUntil = new Date(now.getTime() + st.lockoutMinutes * 60_000);
  const [row] = rowsOf<{ locked_until: Date | string | null }>(
    await tx.execute(sql`
      update users set
        failed_logins = case when failed_logins + 1 >= ${st.lockoutMaxFailures} then 0 else failed_logins + 1 end,
        locked_until = case when failed_logins + 1 >= ${st.lockoutMaxFailures} then ${lockUntil} else locked_until end
      where id = ${userId}
      returning locked_until`),
  );
  return !!row?.locked_until && new Date(row.locked_until).getTime() > now.getTime();
}

export async function logout(deps: AppDeps, ctx: RequestCtx): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.idHash, ctx.actor.sessionHash));
    await auditAction(tx, deps.clock.now(), ctx, 'auth.logout', { type: 'user', id: ctx.actor.userId });
  });
}

export async function me(deps: AppDeps, actor: Actor): Promise<TMe> {
  const [[u], grantsNamed] = await Promise.all([
    deps.db.select().from(users).where(eq(users.id, actor.userId)),
    // The request's grants do not name their scopes (auth.sessions.ts); the page shows the names.
    loadGrants(deps.db, actor.userId),
  ]);
  return {
    user: await toUserDto(deps.db, u as UserRow),
    roles: actor.roles,
    grants: grantsNamed,
    permissions: [...actor.permissions].sort(),
    csrfToken: actor.csrfToken,
    mustChangePassword: actor.mustChangePassword || actor.passwordExpired,
    passwordExpired: actor.passwordExpired,
    totpEnrolmentRequired: actor.totpEnrolmentRequired,
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
    const s = await newSession(tx, user.id, now, st.maxSessionsPerUser);
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
        totpEnrolmentRequired: actor.totpEnrolmentRequired,
      },
    };
  });
}

/**
 * Password re-entry (and the second factor where enrolled) that opens the 5-minute window for
 * exports, grants, deletes and resets. A wrong answer counts as a failed login.
 */
export async function reauthenticate(
  deps: AppDeps,
  ctx: RequestCtx,
  input: { password: string; totp?: string; recoveryCode?: string },
): Promise<void> {
  const { db, clock, settings } = deps;
  const now = clock.now();
  const user = (await db.select().from(users).where(eq(users.id, ctx.actor.userId)))[0] as UserRow;
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  const needsCode = passwordOk && totpEnabled(user);
  if (needsCode && !input.totp && !input.recoveryCode)
    throw new AppError(ErrorCode.TotpRequired, '请输入身份验证器上的6位动态口令', { secondFactor: 'totp' });
  const { value: st } = await settings.get();
  const ok = await db.transaction(async (tx) => {
    const good = passwordOk && (!needsCode || !!(await checkSecondFactor(deps, tx, user, input)));
    if (good) await tx.update(sessions).set({ reauthAt: now }).where(eq(sessions.idHash, ctx.actor.sessionHash));
    else if (await countFailure(tx, user.id, now, st)) await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await writeAudit(tx, now, {
      actorId: user.id,
      actorName: user.displayName,
      role: ctx.actor.roles.join(','),
      action: 'auth.reauth',
      objectType: 'user',
      objectId: user.id,
      result: good ? 'success' : 'failure',
      requestId: ctx.requestId,
      ip: ctx.ip,
    });
    return good;
  });
  if (!ok) throw new AppError(ErrorCode.InvalidCredentials, passwordOk ? '动态口令不正确' : '密码不正确');
}
