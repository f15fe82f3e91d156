import {
  AppError,
  ErrorCode,
  passwordExpired,
  permissionsOf,
  sessionAlive,
  type TGrant,
  type TRole,
  ZRole,
} from '@xc/domain';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { grants, sessions, users } from '../../db/schema/auth.ts';
import { descendants, type GrantReach } from '../../platform/access.ts';
import { auditAction } from '../../platform/audit.ts';
import { sessionCookieOf } from '../../platform/auth.ts';
import type { Actor, AppDeps, RequestCtx } from '../../platform/context.ts';
import { cryptoProvider } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import { authoritiesByIds, authorityTree, orgsByIds } from '../orgs/index.ts';

/** last_seen_at is written at most this often; idle timeouts are minutes, so this costs no precision. */
const TOUCH_EVERY_MS = 15_000;

export function sessionHash(raw: string): string {
  return cryptoProvider.sm3(`session:${raw}`);
}

/**
 * A new session row; the cookie gets `raw`, the table only its hash. An account keeps at most
 * `maxSessions` at once (a setting): the oldest end when a new one starts.
 */
export async function newSession(
  db: Db,
  userId: string,
  now: Date,
  maxSessions: number,
): Promise<{ raw: string; csrfToken: string }> {
  const raw = cryptoProvider.randomToken(32);
  const csrfToken = cryptoProvider.randomToken(24);
  await db.insert(sessions).values({ idHash: sessionHash(raw), userId, csrfToken, createdAt: now, lastSeenAt: now });
  await db.execute(sql`
    delete from sessions where user_id = ${userId} and id_hash not in (
      select id_hash from sessions where user_id = ${userId} order by created_at desc, id_hash limit ${maxSessions})`);
  return { raw, csrfToken };
}

/** The 安全保密管理员 ends every session of an account (a lost laptop, a departure). Audited. */
export async function endSessionsOf(deps: AppDeps, ctx: RequestCtx, userId: string): Promise<{ ended: number }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const u = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!u.length) throw new AppError(ErrorCode.NotFound, '账号不存在');
    const gone = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.idHash });
    await auditAction(tx, now, ctx, 'user.endSessions', { type: 'user', id: userId }, { ended: gone.length });
    return { ended: gone.length };
  });
}

/** The account's grants with the name of what each is scoped to. Unknown roles are dropped. */
export async function loadGrants(db: Db, userId: string): Promise<TGrant[]> {
  return (await grantsAndReach(db, userId, false)).grants;
}

/**
 * The grants and, with `reach`, what each reaches: the names and the authority tree are read at
 * once, since every request of a signed-in user waits for them before its handler.
 */
async function grantsAndReach(db: Db, userId: string, reach: boolean) {
  const rows = (await db.select().from(grants).where(eq(grants.userId, userId))).filter(
    (r) => ZRole.safeParse(r.role).success,
  );
  const scopeIds = rows.map((r) => r.scopeId);
  const needsTree = reach && rows.some((r) => r.scopeType === 'authority' && r.includeChildren);
  const [authorityNames, orgNames, tree] = await Promise.all([
    authoritiesByIds(db, scopeIds),
    orgsByIds(db, scopeIds),
    needsTree ? authorityTree(db) : [],
  ]);
  const gs: TGrant[] = rows.map((r) => ({
    id: r.id,
    userId: r.userId,
    role: r.role as TRole,
    scopeType: r.scopeType as TGrant['scopeType'],
    scopeId: r.scopeId,
    includeChildren: r.includeChildren,
    scopeName: r.scopeId ? (authorityNames.get(r.scopeId)?.name ?? orgNames.get(r.scopeId)?.name ?? null) : null,
    createdAt: r.createdAt.toISOString(),
  }));
  return { grants: gs, reach: reachFrom(tree, gs) };
}

/** What each grant reaches; the authority tree is read only when a grant includes sub-authorities. */
export async function reachOf(db: Db, gs: readonly TGrant[]): Promise<GrantReach[]> {
  const tree = gs.some((g) => g.scopeType === 'authority' && g.includeChildren) ? await authorityTree(db) : [];
  return reachFrom(tree, gs);
}

function reachFrom(tree: Awaited<ReturnType<typeof authorityTree>>, gs: readonly TGrant[]): GrantReach[] {
  return gs.map((g) => ({
    role: g.role,
    system: g.scopeType === 'system',
    authorityIds:
      g.scopeType === 'authority' && g.scopeId
        ? [g.scopeId, ...(g.includeChildren ? descendants(tree, g.scopeId) : [])]
        : [],
    orgIds: g.scopeType === 'organization' && g.scopeId ? [g.scopeId] : [],
  }));
}

/**
 * Resolve the session cookie into an Actor, enforcing idle and absolute timeouts on the server.
 * An expired session is deleted so the cookie cannot come back to life.
 */
export async function resolveActor(app: FastifyInstance, req: FastifyRequest): Promise<Actor | null> {
  const raw = sessionCookieOf(req);
  if (!raw || raw.length > 100) return null;
  const { db, clock, settings } = app.deps;
  const idHash = sessionHash(raw);
  const rows = await db
    .select({ s: sessions, u: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, idHash));
  const row = rows[0];
  if (!row) return null;
  const now = clock.now();
  const { value: st } = await settings.get();
  const alive = sessionAlive(row.s.createdAt, row.s.lastSeenAt, now, {
    idleMinutes: st.sessionIdleMinutes,
    absoluteHours: st.sessionAbsoluteHours,
  });
  if (!alive || row.u.status !== 'active') {
    await db.delete(sessions).where(eq(sessions.idHash, idHash));
    return null;
  }
  if (now.getTime() - row.s.lastSeenAt.getTime() > TOUCH_EVERY_MS)
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
  const { grants: g, reach } = await grantsAndReach(db, row.u.id, true);
  const roles = [...new Set(g.map((x) => x.role))];
  return {
    userId: row.u.id,
    username: row.u.username,
    displayName: row.u.displayName,
    authorityId: row.u.authorityId,
    orgId: row.u.orgId,
    roles,
    grants: g,
    reach,
    permissions: permissionsOf(roles),
    totpEnrolmentRequired: !row.u.totpEnabledAt && roles.some((r) => st.totpRequiredRoles.includes(r)),
    mustChangePassword: row.u.mustChangePassword,
    passwordExpired: passwordExpired(row.u.passwordChangedAt, now, st.passwordExpiryDays),
    sessionHash: idHash,
    csrfToken: row.s.csrfToken,
    reauthAt: row.s.reauthAt,
  };
}
