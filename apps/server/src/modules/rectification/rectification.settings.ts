import { AppError, ErrorCode, type TPermission, type TRectificationSettings, ZRectificationSettings } from '@xc/domain';
import { and, eq } from 'drizzle-orm';
import { rectificationSettings, reviewPartyMembers } from '../../db/schema/rectification.ts';
import { inScope, notFound, scopeFor } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { getUser, listGrants, listUsers } from '../auth/index.ts';
import { authorityById } from '../orgs/index.ts';

// 整改设置 of an authority (联合会审单位, 临期预警, 进展报告间隔, 评分表 …) and who sits for which
// party of its joint review group. The deadlines counted from feedback are planning's settings.

const bad = (message: string, details?: unknown) => new AppError(ErrorCode.BadRequest, message, details);

/** The settings in force for an authority: the stored value parsed (missing keys take defaults), or the defaults. */
export async function rectificationSettingsOf(
  db: Db,
  authorityId: string,
): Promise<{ settings: TRectificationSettings; version: number; updatedAt: Date | null }> {
  const row = (
    await db.select().from(rectificationSettings).where(eq(rectificationSettings.authorityId, authorityId))
  )[0];
  const parsed = ZRectificationSettings.safeParse(row?.value ?? {});
  return {
    settings: parsed.success ? parsed.data : ZRectificationSettings.parse({}),
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** The authority if `permission` reaches it for the caller, else 404. */
export async function settingsAuthority(deps: AppDeps, ctx: RequestCtx, authorityId: string, permission: TPermission) {
  const a = await authorityById(deps.db, authorityId);
  if (!a || !inScope(scopeFor(ctx.actor, permission), authorityId)) throw notFound('巡察机构');
  return a;
}

function settingsDto(authorityId: string, s: Awaited<ReturnType<typeof rectificationSettingsOf>>) {
  return {
    authorityId,
    settings: s.settings,
    version: s.version,
    updatedAt: s.updatedAt?.toISOString() ?? null,
  };
}

export async function getRectificationSettings(deps: AppDeps, ctx: RequestCtx, authorityId: string) {
  await settingsAuthority(deps, ctx, authorityId, 'rectification:read');
  return settingsDto(authorityId, await rectificationSettingsOf(deps.db, authorityId));
}

/** Replaces the settings under the version read: of two saves at once, one answers 409. */
export async function updateRectificationSettings(
  deps: AppDeps,
  ctx: RequestCtx,
  authorityId: string,
  input: { version: number; settings: TRectificationSettings },
) {
  await settingsAuthority(deps, ctx, authorityId, 'rectification:supervise');
  const now = deps.clock.now();
  const value = input.settings as unknown as Record<string, unknown>;
  await deps.db.transaction(async (tx) => {
    const res =
      input.version === 0
        ? await tx
            .insert(rectificationSettings)
            .values({ authorityId, value, version: 1, updatedAt: now })
            .onConflictDoNothing()
            .returning({ id: rectificationSettings.authorityId })
        : await tx
            .update(rectificationSettings)
            .set({ value, version: input.version + 1, updatedAt: now })
            .where(
              and(eq(rectificationSettings.authorityId, authorityId), eq(rectificationSettings.version, input.version)),
            )
            .returning({ id: rectificationSettings.authorityId });
    if (!res.length) throw new AppError(ErrorCode.VersionConflict, '整改设置已被他人修改，请刷新后重试');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectification.settings.update',
      objectType: 'authority',
      objectId: authorityId,
      detail: { version: input.version + 1 },
    });
  });
  return settingsDto(authorityId, await rectificationSettingsOf(deps.db, authorityId));
}

// ---------------------------------------------------------------- the parties' members

/** The party a user sits for in an authority's joint review group, or null. */
export async function partyOfUser(db: Db, authorityId: string, userId: string): Promise<string | null> {
  const r = (
    await db
      .select({ party: reviewPartyMembers.partyKey })
      .from(reviewPartyMembers)
      .where(and(eq(reviewPartyMembers.authorityId, authorityId), eq(reviewPartyMembers.userId, userId)))
  )[0];
  return r?.party ?? null;
}

/** Every party membership of a user, by authority. */
export async function partiesOfUser(db: Db, userId: string): Promise<{ authorityId: string; party: string }[]> {
  return db
    .select({ authorityId: reviewPartyMembers.authorityId, party: reviewPartyMembers.partyKey })
    .from(reviewPartyMembers)
    .where(eq(reviewPartyMembers.userId, userId));
}

/** Reviewer accounts granted on the authority. */
async function reviewerAccounts(deps: AppDeps, authorityId: string) {
  const out: { userId: string; displayName: string; username: string }[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await listUsers(deps, { role: 'reviewer', status: 'active', limit: 200, cursor });
    for (const u of page.items) {
      const { items } = await listGrants(deps, u.id);
      if (items.some((g) => g.role === 'reviewer' && g.scopeId === authorityId))
        out.push({ userId: u.id, displayName: u.displayName, username: u.username });
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

export async function getReviewRoster(deps: AppDeps, ctx: RequestCtx, authorityId: string) {
  await settingsAuthority(deps, ctx, authorityId, 'rectification:read');
  const { settings } = await rectificationSettingsOf(deps.db, authorityId);
  const members = await deps.db
    .select()
    .from(reviewPartyMembers)
    .where(eq(reviewPartyMembers.authorityId, authorityId));
  const candidates = await reviewerAccounts(deps, authorityId);
  const byId = new Map(candidates.map((c) => [c.userId, c]));
  const partyOf = new Map(members.map((m) => [m.userId, m.partyKey]));
  return {
    authorityId,
    parties: settings.reviewParties.map((p) => ({
      key: p.key,
      name: p.name,
      members: members
        .filter((m) => m.partyKey === p.key && byId.has(m.userId))
        .map((m) => byId.get(m.userId) as { userId: string; displayName: string; username: string }),
    })),
    candidates: candidates.map((c) => ({ ...c, party: partyOf.get(c.userId) ?? null })),
  };
}

/** Puts a reviewer account in a party of the authority's group, or (party null) takes it out. */
export async function setReviewPartyMember(
  deps: AppDeps,
  ctx: RequestCtx,
  authorityId: string,
  input: { userId: string; party: string | null },
) {
  await settingsAuthority(deps, ctx, authorityId, 'rectification:supervise');
  const { settings } = await rectificationSettingsOf(deps.db, authorityId);
  if (input.party !== null && !settings.reviewParties.some((p) => p.key === input.party))
    throw bad('会审单位不在本机构设置的联合会审单位之中', { field: 'party' });
  const user = await getUser(deps, input.userId).catch(() => null);
  if (!user) throw bad('账号不存在', { field: 'userId' });
  const { items } = await listGrants(deps, input.userId);
  if (!items.some((g) => g.role === 'reviewer' && g.scopeId === authorityId))
    throw bad('该账号不是本机构的联合会审人员', { field: 'userId' });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .delete(reviewPartyMembers)
      .where(and(eq(reviewPartyMembers.authorityId, authorityId), eq(reviewPartyMembers.userId, input.userId)));
    if (input.party !== null)
      await tx
        .insert(reviewPartyMembers)
        .values({ authorityId, userId: input.userId, partyKey: input.party, createdAt: now });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectification.reviewParty.set',
      objectType: 'user',
      objectId: input.userId,
      detail: { authorityId, party: input.party },
    });
  });
  return getReviewRoster(deps, ctx, authorityId);
}
