import { AppError, ErrorCode, normalizeUsername, type TRole, type TUser, usernameProblem } from '@xc/domain';
import { and, asc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { grants, sessions, users } from '../../db/schema/auth.ts';
import { auditAction, writeAudit } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { cryptoProvider } from '../../platform/crypto.ts';
import { countWhere, type Db } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginate } from '../../platform/pagination.ts';
import { argon2Params, hashPassword } from '../../platform/passwords.ts';
import { authorityById, orgsByIds } from '../orgs/index.ts';

// Accounts, administered by the 系统管理员 (routes in modules/admin) and unlocked by the 安全保密管理员.

export type UserRow = typeof users.$inferSelect;

export async function toUserDto(db: Db, u: UserRow): Promise<TUser> {
  const a = u.authorityId ? await authorityById(db, u.authorityId) : null;
  const o = u.orgId ? (await orgsByIds(db, [u.orgId])).get(u.orgId) : undefined;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    authorityId: u.authorityId,
    authorityName: a?.name ?? null,
    orgId: u.orgId,
    orgName: o?.name ?? null,
    status: u.status,
    mustChangePassword: u.mustChangePassword,
    lockedUntil: u.lockedUntil?.toISOString() ?? null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    version: u.version,
  };
}

export async function listUsers(
  deps: AppDeps,
  q: { q?: string; status?: 'active' | 'disabled'; role?: TRole; limit: number; cursor?: string },
) {
  const { db } = deps;
  const conds: SQL[] = [];
  if (q.q) {
    const like = `%${q.q
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[%_\\]/g, '\\$&')}%`;
    conds.push(or(ilike(users.usernameKey, like), ilike(users.displayName, like)) as SQL);
  }
  if (q.status) conds.push(eq(users.status, q.status));
  if (q.role) conds.push(sql`exists (select 1 from grants g where g.user_id = ${users.id} and g.role = ${q.role})`);
  const {
    rows: page,
    total,
    nextCursor,
  } = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['text'],
    after: ([key]) => sql`${users.usernameKey} > ${key}`,
    count: () => countWhere(db, users, and(...conds)),
    fetch: (from, n) =>
      db
        .select()
        .from(users)
        .where(and(...conds, from))
        .orderBy(asc(users.usernameKey))
        .limit(n),
    key: (u) => [u.usernameKey],
  });
  const roleRows = page.length
    ? await db
        .select({ userId: grants.userId, role: grants.role })
        .from(grants)
        .where(
          inArray(
            grants.userId,
            page.map((u) => u.id),
          ),
        )
    : [];
  const items = [];
  for (const u of page)
    items.push({
      ...(await toUserDto(db, u)),
      roles: [...new Set(roleRows.filter((r) => r.userId === u.id).map((r) => r.role as TRole))],
    });
  return { items, total, nextCursor };
}

export async function getUser(deps: AppDeps, id: string) {
  const u = (await deps.db.select().from(users).where(eq(users.id, id)))[0];
  if (!u) throw new AppError(ErrorCode.NotFound, '账号不存在');
  const roles = await deps.db.select({ role: grants.role }).from(grants).where(eq(grants.userId, id));
  return { ...(await toUserDto(deps.db, u)), roles: [...new Set(roles.map((r) => r.role as TRole))] };
}

async function assertAuthorityAndOrg(db: Db, authorityId?: string | null, orgId?: string | null) {
  if (authorityId && !(await authorityById(db, authorityId)))
    throw new AppError(ErrorCode.BadRequest, '所属巡察机构不存在');
  if (orgId && !(await orgsByIds(db, [orgId])).has(orgId)) throw new AppError(ErrorCode.BadRequest, '所属单位不存在');
}

/**
 * The 系统管理员 creates the account with a one-time password and no role: the 安全保密管理员 grants
 * roles separately (三员分立).
 */
export async function createUser(
  deps: AppDeps,
  ctx: RequestCtx,
  input: { username: string; displayName: string; authorityId?: string | null; orgId?: string | null },
) {
  const { db, clock, config } = deps;
  const problem = usernameProblem(input.username);
  if (problem) throw new AppError(ErrorCode.BadRequest, problem);
  const key = normalizeUsername(input.username);
  await assertAuthorityAndOrg(db, input.authorityId, input.orgId);
  const otp = cryptoProvider.randomPassword();
  const hash = await hashPassword(otp, argon2Params(config.argon2MemoryKiB));
  const now = clock.now();
  const id = uuidv7(now.getTime());
  return db.transaction(async (tx) => {
    const clash = await tx.select({ id: users.id }).from(users).where(eq(users.usernameKey, key));
    if (clash.length) throw new AppError(ErrorCode.Conflict, '用户名已存在（全角、半角或大小写不同视为同一用户名）');
    await tx.insert(users).values({
      id,
      username: key,
      usernameKey: key,
      displayName: input.displayName,
      authorityId: input.authorityId ?? null,
      orgId: input.orgId ?? null,
      passwordHash: hash,
      mustChangePassword: true,
      createdAt: now,
    });
    await auditAction(tx, now, ctx, 'user.create', { type: 'user', id }, { username: key });
    return { id, username: key, oneTimePassword: otp };
  });
}

export async function updateUser(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: {
    version: number;
    displayName?: string;
    authorityId?: string | null;
    orgId?: string | null;
    status?: 'active' | 'disabled';
  },
) {
  const { db, clock } = deps;
  const now = clock.now();
  await assertAuthorityAndOrg(db, input.authorityId, input.orgId);
  if (id === ctx.actor.userId && input.status === 'disabled')
    throw new AppError(ErrorCode.BadRequest, '不能停用自己的账号');
  return db.transaction(async (tx) => {
    const { version, ...changes } = input;
    const res = await tx
      .update(users)
      .set({ ...changes, version: sql`${users.version} + 1` })
      .where(and(eq(users.id, id), eq(users.version, version)))
      .returning();
    const row = res[0];
    if (!row) {
      const current = (await tx.select().from(users).where(eq(users.id, id)))[0];
      if (!current) throw new AppError(ErrorCode.NotFound, '账号不存在');
      throw new AppError(ErrorCode.VersionConflict, '该账号已被他人修改，请刷新后重试', {
        current: await toUserDto(tx, current),
      });
    }
    if (input.status === 'disabled') await tx.delete(sessions).where(eq(sessions.userId, id));
    await auditAction(tx, now, ctx, 'user.update', { type: 'user', id }, { fields: Object.keys(changes) });
    return toUserDto(tx, row);
  });
}

export async function resetPassword(deps: AppDeps, ctx: RequestCtx, id: string) {
  const { db, clock, config } = deps;
  const now = clock.now();
  const otp = cryptoProvider.randomPassword();
  const hash = await hashPassword(otp, argon2Params(config.argon2MemoryKiB));
  return db.transaction(async (tx) => {
    const res = await tx
      .update(users)
      .set({
        passwordHash: hash,
        mustChangePassword: true,
        failedLogins: 0,
        lockedUntil: null,
        version: sql`${users.version} + 1`,
      })
      .where(eq(users.id, id))
      .returning({ id: users.id });
    if (!res.length) throw new AppError(ErrorCode.NotFound, '账号不存在');
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await auditAction(tx, now, ctx, 'user.resetPassword', { type: 'user', id });
    return { oneTimePassword: otp };
  });
}

export async function unlockUser(deps: AppDeps, ctx: RequestCtx, id: string) {
  const { db, clock } = deps;
  const now = clock.now();
  await db.transaction(async (tx) => {
    const res = await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null })
      .where(eq(users.id, id))
      .returning({ id: users.id });
    if (!res.length) throw new AppError(ErrorCode.NotFound, '账号不存在');
    await auditAction(tx, now, ctx, 'user.unlock', { type: 'user', id });
  });
}

// ---------------------------------------------------------------- accounts without an owner

/**
 * The daily check (security.md, Identity; 等保 account management): an account unused for the
 * configured number of days (counted from its last login, or its creation if it never logged in) is
 * disabled and its sessions end. Each one is audited as the system's act. 0 days turns it off.
 */
export async function disableInactiveAccounts(deps: AppDeps, now: Date): Promise<{ disabled: string[] }> {
  const { value } = await deps.settings.get();
  if (value.inactiveDisableDays <= 0) return { disabled: [] };
  const before = new Date(now.getTime() - value.inactiveDisableDays * 86_400_000);
  return deps.db.transaction(async (tx) => {
    const gone = await tx
      .update(users)
      .set({ status: 'disabled', disabledReason: 'inactive', version: sql`${users.version} + 1` })
      .where(and(eq(users.status, 'active'), sql`coalesce(${users.lastLoginAt}, ${users.createdAt}) < ${before}`))
      .returning({ id: users.id, username: users.username });
    if (gone.length)
      await tx.delete(sessions).where(
        inArray(
          sessions.userId,
          gone.map((g) => g.id),
        ),
      );
    for (const g of gone)
      await writeAudit(tx, now, {
        actorName: '系统',
        action: 'user.disableInactive',
        objectType: 'user',
        objectId: g.id,
        detail: { username: g.username, days: value.inactiveDisableDays },
      });
    return { disabled: gone.map((g) => g.username) };
  });
}

/**
 * The first accounts of an installation without demo data (DEMO=0): the 三员 — 系统管理员,
 * 安全保密管理员 and 安全审计员 — each with a random one-time password, shown once to whoever runs
 * the command on the server. Refused once any account exists: never a default password.
 */
export async function bootstrapAdmins(
  deps: AppDeps,
  now: Date,
): Promise<{ username: string; role: TRole; oneTimePassword: string }[]> {
  const params = argon2Params(deps.config.argon2MemoryKiB);
  const wanted: { username: string; displayName: string; role: TRole }[] = [
    { username: 'sysadmin', displayName: '系统管理员', role: 'sysAdmin' },
    { username: 'secadmin', displayName: '安全保密管理员', role: 'secAdmin' },
    { username: 'auditor', displayName: '安全审计员', role: 'auditAdmin' },
  ];
  const prepared: ((typeof wanted)[number] & { otp: string; hash: string })[] = [];
  for (const w of wanted) {
    const otp = cryptoProvider.randomPassword();
    prepared.push({ ...w, otp, hash: await hashPassword(otp, params) });
  }
  return deps.db.transaction(async (tx) => {
    // Serialize two runs at once; then only an empty accounts table may be bootstrapped.
    await tx.execute(sql`lock table users in exclusive mode`);
    const [any] = await tx.select({ id: users.id }).from(users).limit(1);
    if (any) throw new AppError(ErrorCode.Conflict, '系统中已有账号，初始化命令只能在没有任何账号时运行一次');
    const out = [];
    for (const p of prepared) {
      const id = uuidv7(now.getTime());
      await tx.insert(users).values({
        id,
        username: p.username,
        usernameKey: normalizeUsername(p.username),
        displayName: p.displayName,
        passwordHash: p.hash,
        mustChangePassword: true,
        createdAt: now,
      });
      await tx.insert(grants).values({
        id: uuidv7(now.getTime()),
        userId: id,
        role: p.role,
        scopeType: 'system',
        scopeId: null,
        includeChildren: false,
        createdAt: now,
      });
      await writeAudit(tx, now, {
        actorName: '系统初始化',
        action: 'user.bootstrap',
        objectType: 'user',
        objectId: id,
        detail: { username: p.username, role: p.role },
      });
      out.push({ username: p.username, role: p.role, oneTimePassword: p.otp });
    }
    return out;
  });
}
