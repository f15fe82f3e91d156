import {
  AppError,
  ErrorCode,
  grantConflict,
  normalizeUsername,
  ROLE_LABELS,
  scopeTypeFor,
  type TAuditEntry,
  type TGrant,
  type TRole,
  type TSettings,
  usernameProblem,
  ZSettings,
} from '@xc/domain';
import { and, asc, desc, eq, gte, ilike, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { auditLog, authorities, grants, organizations, sessions, settings, users } from '../../db/schema/index.ts';
import { auditExport, auditOf, verifyAuditChain, writeAudit } from '../../platform/audit.ts';
import { loadGrants } from '../../platform/auth.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { cryptoProvider } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { decodeCursor, encodeCursor } from '../../platform/pagination.ts';
import { argon2Params, hashPassword } from '../../platform/passwords.ts';
import { buildXlsx, newExportSerial } from '../../platform/spreadsheets.ts';
import { toUserDto } from '../auth/auth.service.ts';

// ---------------------------------------------------------------- users

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
  const total = Number(
    (
      await db
        .select({ n: sql<number>`count(*)` })
        .from(users)
        .where(and(...conds))
    )[0]?.n ?? 0,
  );
  const cur = decodeCursor(q.cursor);
  if (cur) conds.push(sql`${users.usernameKey} > ${cur[0]}`);
  const rows = await db
    .select()
    .from(users)
    .where(and(...conds))
    .orderBy(asc(users.usernameKey))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
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
  const last = page[page.length - 1];
  return { items, total, nextCursor: rows.length > q.limit && last ? encodeCursor([last.usernameKey]) : null };
}

export async function getUser(deps: AppDeps, id: string) {
  const u = (await deps.db.select().from(users).where(eq(users.id, id)))[0];
  if (!u) throw new AppError(ErrorCode.NotFound, '账号不存在');
  const roles = await deps.db.select({ role: grants.role }).from(grants).where(eq(grants.userId, id));
  return { ...(await toUserDto(deps.db, u)), roles: [...new Set(roles.map((r) => r.role as TRole))] };
}

async function assertAuthorityAndOrg(db: Db, authorityId?: string | null, orgId?: string | null) {
  if (
    authorityId &&
    !(await db.select({ id: authorities.id }).from(authorities).where(eq(authorities.id, authorityId)))[0]
  )
    throw new AppError(ErrorCode.BadRequest, '所属巡察机构不存在');
  if (orgId && !(await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, orgId)))[0])
    throw new AppError(ErrorCode.BadRequest, '所属单位不存在');
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
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'user.create',
      objectType: 'user',
      objectId: id,
      detail: { username: key },
    });
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
        current: await toUserDto(tx as Db, current),
      });
    }
    if (input.status === 'disabled') await tx.delete(sessions).where(eq(sessions.userId, id));
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'user.update',
      objectType: 'user',
      objectId: id,
      detail: { fields: Object.keys(changes) },
    });
    return toUserDto(tx as Db, row);
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
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'user.resetPassword',
      objectType: 'user',
      objectId: id,
    });
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
    await writeAudit(tx as Db, now, { ...auditOf(ctx), action: 'user.unlock', objectType: 'user', objectId: id });
  });
}

// ---------------------------------------------------------------- grants

export async function listGrants(deps: AppDeps, userId: string): Promise<{ items: TGrant[] }> {
  if (!(await deps.db.select({ id: users.id }).from(users).where(eq(users.id, userId)))[0])
    throw new AppError(ErrorCode.NotFound, '账号不存在');
  return { items: await loadGrants(deps.db, userId) };
}

export async function createGrant(
  deps: AppDeps,
  ctx: RequestCtx,
  userId: string,
  input: { role: TRole; scopeType: TGrant['scopeType']; scopeId?: string | null; includeChildren: boolean },
): Promise<TGrant> {
  const { db, clock } = deps;
  const now = clock.now();
  const want = scopeTypeFor(input.role);
  if (input.scopeType !== want)
    throw new AppError(
      ErrorCode.BadRequest,
      `${ROLE_LABELS[input.role]}的授权范围应为${want === 'system' ? '全系统' : want === 'organization' ? '被巡察单位' : '巡察机构'}`,
    );
  if (want === 'system' && input.scopeId) throw new AppError(ErrorCode.BadRequest, '全系统授权不能指定范围对象');
  if (want !== 'system' && !input.scopeId) throw new AppError(ErrorCode.BadRequest, '请选择授权范围');
  if (
    want === 'authority' &&
    !(
      await db
        .select({ id: authorities.id })
        .from(authorities)
        .where(eq(authorities.id, input.scopeId as string))
    )[0]
  )
    throw new AppError(ErrorCode.BadRequest, '授权范围中的巡察机构不存在');
  if (
    want === 'organization' &&
    !(
      await db
        .select({ id: organizations.id })
        .from(organizations)
        .where(eq(organizations.id, input.scopeId as string))
    )[0]
  )
    throw new AppError(ErrorCode.BadRequest, '授权范围中的单位不存在');
  if (userId === ctx.actor.userId) throw new AppError(ErrorCode.BadRequest, '不能给自己授权');
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    // Lock the account row so two concurrent grants cannot both pass the 三员 check.
    const u = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    if (!u.length) throw new AppError(ErrorCode.NotFound, '账号不存在');
    const existing = await tx.select().from(grants).where(eq(grants.userId, userId));
    const conflict = grantConflict(
      existing.map((g) => g.role as TRole),
      input.role,
    );
    if (conflict) throw new AppError(ErrorCode.Conflict, conflict);
    if (existing.some((g) => g.role === input.role && (g.scopeId ?? null) === (input.scopeId ?? null)))
      throw new AppError(ErrorCode.Conflict, '该账号已有相同的授权');
    await tx.insert(grants).values({
      id,
      userId,
      role: input.role,
      scopeType: input.scopeType,
      scopeId: input.scopeId ?? null,
      includeChildren: input.includeChildren,
      createdAt: now,
      createdBy: ctx.actor.userId,
    });
    // A privilege change ends the account's sessions, so the new rights start with a new session.
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'grant.create',
      objectType: 'user',
      objectId: userId,
      detail: {
        grantId: id,
        role: input.role,
        scopeType: input.scopeType,
        scopeId: input.scopeId ?? null,
        includeChildren: input.includeChildren,
      },
    });
  });
  return (await loadGrants(db, userId)).find((g) => g.id === id) as TGrant;
}

export async function deleteGrant(deps: AppDeps, ctx: RequestCtx, grantId: string) {
  const { db, clock } = deps;
  const now = clock.now();
  await db.transaction(async (tx) => {
    const row = (await tx.select().from(grants).where(eq(grants.id, grantId)))[0];
    if (!row) throw new AppError(ErrorCode.NotFound, '授权不存在');
    await tx.delete(grants).where(eq(grants.id, grantId));
    await tx.delete(sessions).where(eq(sessions.userId, row.userId));
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'grant.delete',
      objectType: 'user',
      objectId: row.userId,
      detail: { grantId, role: row.role, scopeId: row.scopeId },
    });
  });
}

// ---------------------------------------------------------------- settings

export async function getSettings(deps: AppDeps) {
  deps.settings.invalidate();
  const s = await deps.settings.get();
  return { settings: s.value, version: s.version, updatedAt: s.updatedAt?.toISOString() ?? null };
}

export async function updateSettings(deps: AppDeps, ctx: RequestCtx, input: { version: number; settings: TSettings }) {
  const { db, clock } = deps;
  const now = clock.now();
  const value = ZSettings.parse(input.settings);
  const before = await getSettings(deps);
  await db.transaction(async (tx) => {
    const res =
      input.version === 0
        ? await tx
            .insert(settings)
            .values({ id: 1, value, version: 1, updatedAt: now, updatedBy: ctx.actor.userId })
            .onConflictDoNothing()
            .returning({ id: settings.id })
        : await tx
            .update(settings)
            .set({ value, version: input.version + 1, updatedAt: now, updatedBy: ctx.actor.userId })
            .where(and(eq(settings.id, 1), eq(settings.version, input.version)))
            .returning({ id: settings.id });
    if (!res.length)
      throw new AppError(ErrorCode.VersionConflict, '设置已被他人修改，请刷新后重试', { current: before });
    const changed = Object.fromEntries(
      (Object.keys(value) as (keyof TSettings)[])
        .filter((k) => value[k] !== before.settings[k])
        .map((k) => [k, { from: before.settings[k], to: value[k] }]),
    );
    await writeAudit(tx as Db, now, {
      ...auditOf(ctx),
      action: 'settings.update',
      objectType: 'settings',
      objectId: '1',
      detail: { changed },
    });
  });
  deps.settings.invalidate();
  return getSettings(deps);
}

// ---------------------------------------------------------------- audit log

export interface AuditQuery {
  q?: string;
  action?: string;
  actorId?: string;
  result?: 'success' | 'failure' | 'denied';
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

function auditConds(q: AuditQuery): SQL[] {
  const conds: SQL[] = [];
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, '\\$&')}%`;
    conds.push(
      or(ilike(auditLog.actorName, like), ilike(auditLog.objectId, like), ilike(auditLog.action, like)) as SQL,
    );
  }
  if (q.action) conds.push(eq(auditLog.action, q.action));
  if (q.actorId) conds.push(eq(auditLog.actorId, q.actorId));
  if (q.result) conds.push(eq(auditLog.result, q.result));
  const day = (s: string, end: boolean) => {
    const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00+08:00`) : new Date(s);
    if (Number.isNaN(d.getTime())) throw new AppError(ErrorCode.BadRequest, '日期格式不正确');
    return end && /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(d.getTime() + 86_400_000) : d;
  };
  if (q.from) conds.push(gte(auditLog.at, day(q.from, false)));
  if (q.to)
    conds.push(/^\d{4}-\d{2}-\d{2}$/.test(q.to) ? lt(auditLog.at, day(q.to, true)) : lte(auditLog.at, day(q.to, true)));
  return conds;
}

function auditDto(r: typeof auditLog.$inferSelect): TAuditEntry {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    role: r.role,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    result: r.result,
    requestId: r.requestId,
    ip: r.ip,
    detail: r.detail ?? null,
    hash: r.hash,
  };
}

export async function listAudit(deps: AppDeps, q: AuditQuery) {
  const { db } = deps;
  const conds = auditConds(q);
  const total = Number(
    (
      await db
        .select({ n: sql<number>`count(*)` })
        .from(auditLog)
        .where(and(...conds))
    )[0]?.n ?? 0,
  );
  const cur = decodeCursor(q.cursor);
  if (cur) conds.push(lt(auditLog.seq, Number(cur[0])));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conds))
    .orderBy(desc(auditLog.seq))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(auditDto),
    total,
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.seq]) : null,
  };
}

export async function exportAudit(deps: AppDeps, ctx: RequestCtx, q: Omit<AuditQuery, 'limit' | 'cursor'>) {
  const { db, clock } = deps;
  const now = clock.now();
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...auditConds({ ...q, limit: 0 })))
    .orderBy(desc(auditLog.seq))
    .limit(100_000);
  const serial = newExportSerial(now);
  const buf = await buildXlsx({
    sheetName: '审计日志',
    title: '审计日志',
    stamp: { exporterName: ctx.actor.displayName, at: now, serial },
    rows: rows.map(auditDto),
    columns: [
      { header: '序号', width: 8, value: (r) => r.seq },
      { header: '时间', width: 22, value: (r) => r.at },
      { header: '操作人', value: (r) => r.actorName },
      { header: '角色', value: (r) => r.role },
      { header: '操作', width: 20, value: (r) => r.action },
      { header: '对象类型', value: (r) => r.objectType },
      { header: '对象', width: 38, value: (r) => r.objectId },
      { header: '结果', width: 8, value: (r) => r.result },
      { header: '请求编号', width: 38, value: (r) => r.requestId },
      { header: 'IP', value: (r) => r.ip },
      { header: '详情', width: 40, value: (r) => (r.detail ? JSON.stringify(r.detail) : '') },
      { header: '哈希', width: 66, value: (r) => r.hash },
    ],
  });
  await auditExport(db, ctx, now, 'audit.export', serial, { rows: rows.length, filters: q });
  return { buf, serial };
}

export async function verifyAudit(deps: AppDeps) {
  const r = await verifyAuditChain(deps.db);
  return { ok: r.firstBrokenSeq === null, checked: r.checked, firstBrokenSeq: r.firstBrokenSeq };
}
