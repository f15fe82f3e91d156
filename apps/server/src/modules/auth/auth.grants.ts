import { AppError, ErrorCode, grantConflict, ROLE_LABELS, scopeTypeFor, type TGrant, type TRole } from '@xc/domain';
import { eq } from 'drizzle-orm';
import { grants, sessions, users } from '../../db/schema/auth.ts';
import { auditAction } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { authorityById, orgsByIds } from '../orgs/index.ts';
import { loadGrants } from './auth.sessions.ts';

// Role grants, given and taken by the 安全保密管理员 (routes in modules/admin). 三员分立 is checked
// under a row lock on the account.

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
  if (want === 'authority' && !(await authorityById(db, input.scopeId as string)))
    throw new AppError(ErrorCode.BadRequest, '授权范围中的巡察机构不存在');
  if (want === 'organization' && !(await orgsByIds(db, [input.scopeId as string])).has(input.scopeId as string))
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
    await auditAction(
      tx,
      now,
      ctx,
      'grant.create',
      { type: 'user', id: userId },
      {
        grantId: id,
        role: input.role,
        scopeType: input.scopeType,
        scopeId: input.scopeId ?? null,
        includeChildren: input.includeChildren,
      },
    );
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
    await auditAction(
      tx,
      now,
      ctx,
      'grant.delete',
      { type: 'user', id: row.userId },
      { grantId, role: row.role, scopeId: row.scopeId },
    );
  });
}
