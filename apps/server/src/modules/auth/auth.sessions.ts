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
import { type SessionResolver, sessionCookieOf } from '../../platform/auth.ts';
import type { Actor, AppDeps, RequestCtx } from '../../platform/context.ts';
import { cryptoProvider } from '../../platform/crypto.ts';
import { type Db, perDatabase } from '../../platform/db.ts';
import {
  type AuthorityTree,
  authoritiesByIds,
  authorityTree,
  authorityTreeJson,
  authorityTreeOf,
  orgsByIds,
} from '../orgs/index.ts';

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

type GrantRow = typeof grants.$inferSelect;
type StoredGrant = Omit<GrantRow, 'createdAt' | 'createdBy'> & { createdAt: string };

/** A grant as the API shows it; unknown roles are dropped by the callers. */
function grantOf(r: Omit<GrantRow, 'createdBy'>, scopeName: string | null): TGrant {
  return {
    id: r.id,
    userId: r.userId,
    role: r.role as TRole,
    scopeType: r.scopeType as TGrant['scopeType'],
    scopeId: r.scopeId,
    includeChildren: r.includeChildren,
    scopeName,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The account's grants with the name of what each is scoped to. Unknown roles are dropped. */
export async function loadGrants(db: Db, userId: string): Promise<TGrant[]> {
  const rows = (await db.select().from(grants).where(eq(grants.userId, userId))).filter(
    (r) => ZRole.safeParse(r.role).success,
  );
  const scopeIds = rows.map((r) => r.scopeId);
  const [authorityNames, orgNames] = await Promise.all([authoritiesByIds(db, scopeIds), orgsByIds(db, scopeIds)]);
  return rows.map((r) =>
    grantOf(r, r.scopeId ? (authorityNames.get(r.scopeId)?.name ?? orgNames.get(r.scopeId)?.name ?? null) : null),
  );
}

/**
 * The account's grants as one JSON column beside the session row: every request of a signed-in
 * user waits for them before its handler, so they come in the session's round trip. What they are
 * scoped to is named only where it is shown (me(), the grants pages), not on every request.
 */
const grantsJson = sql<unknown>`(
  select coalesce(json_agg(json_build_object('id', g.id, 'userId', g.user_id, 'role', g.role, 'scopeType', g.scope_type,
    'scopeId', g.scope_id, 'includeChildren', g.include_children, 'createdAt', g.created_at)), '[]'::json)
  from ${grants} g where g.user_id = ${users.id})`;

/** What each grant reaches; the authority tree is read only when a grant includes sub-authorities. */
export async function reachOf(db: Db, gs: readonly TGrant[]): Promise<GrantReach[]> {
  const tree = gs.some((g) => g.scopeType === 'authority' && g.includeChildren) ? await authorityTree(db) : [];
  return reachFrom(tree, gs);
}

function reachFrom(tree: AuthorityTree, gs: readonly TGrant[]): GrantReach[] {
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
 * The session with its account, its grants and the authority tree a grant's sub-authorities come
 * from: one statement before every signed-in request's handler. Prepared (named, per connection):
 * PostgreSQL parses and plans it once instead of on every request, which cost more than running it.
 */
const actorStatement = perDatabase((db) =>
  db
    .select({ s: sessions, u: users, g: grantsJson, tree: authorityTreeJson })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, sql.placeholder('idHash')))
    .prepare('auth_session_actor'),
);

/** The stored key of the request's session: the hash of its cookie, or undefined without a usable one. */
export function sessionKeyOf(req: FastifyRequest): string | undefined {
  const raw = sessionCookieOf(req);
  return raw && raw.length <= 100 ? sessionHash(raw) : undefined;
}

/** The access gate's view of sessions (platform/auth.ts SessionResolver). */
export const sessionResolver: SessionResolver = { keyOf: sessionKeyOf, resolve: resolveActor };

/**
 * Resolve the session cookie into an Actor, enforcing idle and absolute timeouts on the server.
 * An expired session is deleted so the cookie cannot come back to life.
 */
export async function resolveActor(app: FastifyInstance, req: FastifyRequest): Promise<Actor | null> {
  const idHash = sessionKeyOf(req);
  if (!idHash) return null;
  const { db, clock, settings } = app.deps;
  const rows = await actorStatement(db).execute({ idHash });
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
  // JSON as the driver hands it over (parsed by node-postgres and PGlite; text elsewhere).
  const stored = (typeof row.g === 'string' ? JSON.parse(row.g) : row.g) as StoredGrant[];
  const g = stored
    .filter((r) => ZRole.safeParse(r.role).success)
    .map((r) => grantOf({ ...r, createdAt: new Date(r.createdAt) }, null));
  const reach = reachFrom(authorityTreeOf(row.tree), g);
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
