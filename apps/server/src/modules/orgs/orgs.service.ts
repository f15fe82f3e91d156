import {
  AppError,
  creditCodeValid,
  ErrorCode,
  endDateProblem,
  mergeProblem,
  type ORG_EVENT_LABELS,
  ORG_STATUS_LABELS,
  searchKey,
  type TAuthority,
  type TOrgCreate,
  type TOrgDetail,
  type TOrgLeaderInput,
  type TOrgListQuery,
  type TOrgUpdate,
} from '@xc/domain';
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { authorities, organizations, orgEvents, orgLeaders } from '../../db/schema/orgs.ts';
import { inScope, notFound, type Scope, scopeFor } from '../../platform/access.ts';
import { auditAction } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { type Db, replaceChildren } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { exportXlsx } from '../../platform/spreadsheets.ts';
import { findAllOrgs, findOrg, findOrgs, findPath, isInSubtree, type OrgFilter } from './orgs.repository.ts';

// ---------------------------------------------------------------- authorities

export async function listAuthorities(deps: AppDeps, ctx: RequestCtx): Promise<{ items: TAuthority[]; total: number }> {
  const scope = scopeFor(ctx.actor, 'authority:read');
  const rows = await deps.db
    .select({
      a: authorities,
      // Spelled out: inside a raw subquery drizzle would render the outer column unqualified.
      orgCount: sql<number>`(select count(*)::int from organizations o where o.authority_id = "authorities"."id" and o.status = 'active')`,
    })
    .from(authorities)
    .where(scope.all ? sql`true` : scope.authorityIds.length ? inArray(authorities.id, scope.authorityIds) : sql`false`)
    .orderBy(asc(authorities.level), asc(authorities.regionCode), asc(authorities.name));
  const items = rows.map((r) => authorityDto(r.a, r.orgCount));
  return { items, total: items.length };
}

function authorityDto(a: typeof authorities.$inferSelect, orgCount: number): TAuthority {
  return {
    id: a.id,
    name: a.name,
    shortName: a.shortName,
    level: a.level,
    parentAuthorityId: a.parentAuthorityId,
    regionCode: a.regionCode,
    orgCount: Number(orgCount),
    version: a.version,
  };
}

export async function getAuthority(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TAuthority> {
  const all = await listAuthorities(deps, ctx);
  const a = all.items.find((x) => x.id === id);
  if (!a) throw notFound('巡察机构');
  return a;
}

export async function createAuthority(
  deps: AppDeps,
  ctx: RequestCtx,
  input: {
    name: string;
    shortName: string;
    level: 'city' | 'county';
    parentAuthorityId: string | null;
    regionCode?: string | null;
  },
): Promise<TAuthority> {
  const { db, clock } = deps;
  const scope = scopeFor(ctx.actor, 'authority:write');
  if (input.level === 'county' && !input.parentAuthorityId)
    throw new AppError(ErrorCode.BadRequest, '县级巡察机构须指定上级巡察机构');
  if (input.level === 'city' && input.parentAuthorityId)
    throw new AppError(ErrorCode.BadRequest, '市级巡察机构不能有上级巡察机构');
  // Only someone who runs the parent authority may add an office under it; a new city office is for the whole-system scope.
  if (input.parentAuthorityId ? !inScope(scope, input.parentAuthorityId) : !scope.all) throw notFound('上级巡察机构');
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    const dup = await tx.select({ id: authorities.id }).from(authorities).where(eq(authorities.name, input.name));
    if (dup.length) throw new AppError(ErrorCode.Conflict, '已存在同名的巡察机构');
    await tx.insert(authorities).values({ id, ...input, regionCode: input.regionCode ?? null, createdAt: now });
    await auditAction(tx, now, ctx, 'authority.create', { type: 'authority', id }, { name: input.name });
  });
  return authorityDto(
    (await db.select().from(authorities).where(eq(authorities.id, id)))[0] as typeof authorities.$inferSelect,
    0,
  );
}

export async function updateAuthority(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: { version: number; name?: string; shortName?: string; regionCode?: string | null },
): Promise<TAuthority> {
  const { db, clock } = deps;
  const scope = scopeFor(ctx.actor, 'authority:write');
  if (!inScope(scope, id)) throw notFound('巡察机构');
  const now = clock.now();
  const { version, ...changes } = input;
  await db.transaction(async (tx) => {
    const res = await tx
      .update(authorities)
      .set({ ...changes, version: sql`${authorities.version} + 1` })
      .where(and(eq(authorities.id, id), eq(authorities.version, version)))
      .returning({ id: authorities.id });
    if (!res.length) {
      const cur = (await tx.select().from(authorities).where(eq(authorities.id, id)))[0];
      if (!cur) throw notFound('巡察机构');
      throw new AppError(ErrorCode.VersionConflict, '该巡察机构已被他人修改，请刷新后重试', {
        current: authorityDto(cur, 0),
      });
    }
    await auditAction(tx, now, ctx, 'authority.update', { type: 'authority', id }, { fields: Object.keys(changes) });
  });
  return getAuthority(deps, ctx, id);
}

// ---------------------------------------------------------------- organizations: reads

export async function listOrgs(deps: AppDeps, ctx: RequestCtx, q: TOrgListQuery) {
  return findOrgs(deps.db, scopeFor(ctx.actor, 'org:read'), q);
}

export async function orgTree(
  deps: AppDeps,
  ctx: RequestCtx,
  q: { authorityId: string; parentId?: string; status: 'active' | 'all' },
) {
  const scope = scopeFor(ctx.actor, 'org:read');
  const page = await findOrgs(deps.db, scope, {
    authorityId: q.authorityId,
    parentId: q.parentId,
    status: q.status === 'all' ? 'all' : 'active',
    limit: 500,
  });
  // Roots are those without a parent; `parentId` filtering above handles children.
  const items = (q.parentId ? page.items : page.items.filter((o) => o.parentId === null)).map((o) => ({
    id: o.id,
    name: o.name,
    kind: o.kind,
    status: o.status,
    childCount: o.childCount,
  }));
  if (!q.parentId && page.items.length === 500) {
    // A large authority: fetch roots directly rather than filtering a capped page.
    const rows = await deps.db
      .select({
        id: organizations.id,
        name: organizations.name,
        kind: organizations.kind,
        status: organizations.status,
      })
      .from(organizations)
      .where(
        and(
          eq(organizations.authorityId, q.authorityId),
          isNull(organizations.parentId),
          q.status === 'all' ? sql`true` : eq(organizations.status, 'active'),
          scope.all || scope.authorityIds.includes(q.authorityId) ? sql`true` : sql`false`,
        ),
      )
      .orderBy(asc(organizations.name));
    const counts = await deps.db
      .select({ parentId: organizations.parentId, n: sql<number>`count(*)::int` })
      .from(organizations)
      .where(and(eq(organizations.authorityId, q.authorityId), eq(organizations.status, 'active')))
      .groupBy(organizations.parentId);
    const m = new Map(counts.map((c) => [c.parentId, Number(c.n)]));
    return { items: rows.map((r) => ({ ...r, kind: r.kind as never, childCount: m.get(r.id) ?? 0 })) };
  }
  return { items };
}

export async function getOrg(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TOrgDetail> {
  const scope = scopeFor(ctx.actor, 'org:read');
  return orgDetail(deps.db, scope, id);
}

async function orgDetail(db: Db, scope: Scope, id: string): Promise<TOrgDetail> {
  const org = await findOrg(db, scope, id);
  if (!org) throw notFound('单位');
  const [leaders, history, path] = [
    await db.select().from(orgLeaders).where(eq(orgLeaders.orgId, id)).orderBy(asc(orgLeaders.sortOrder)),
    await db
      .select()
      .from(orgEvents)
      .where(eq(orgEvents.orgId, id))
      .orderBy(desc(orgEvents.createdAt), desc(orgEvents.id)),
    await findPath(db, id),
  ];
  return {
    ...org,
    leaders: leaders.map((l) => ({ id: l.id, name: l.name, position: l.position, since: l.since, until: l.until })),
    history: history.map((h) => ({
      id: h.id,
      kind: h.kind as TOrgDetail['history'][number]['kind'],
      onDate: h.onDate,
      detail: h.detail,
      actorName: h.actorName,
      createdAt: h.createdAt.toISOString(),
    })),
    path,
  };
}

// ---------------------------------------------------------------- organizations: writes

/** Load a row for a write, inside the caller's write scope, or answer 404. */
async function loadForWrite(db: Db, scope: Scope, id: string) {
  const row = (await db.select().from(organizations).where(eq(organizations.id, id)))[0];
  if (!row || !inScope(scope, row.authorityId)) throw notFound('单位');
  return row;
}

async function checkParent(db: Db, authorityId: string, parentId: string | null | undefined, selfId?: string) {
  if (!parentId) return;
  const p = (await db.select().from(organizations).where(eq(organizations.id, parentId)))[0];
  if (!p || p.authorityId !== authorityId)
    throw new AppError(ErrorCode.BadRequest, '上级单位不存在或不属于同一巡察机构');
  if (p.status !== 'active') throw new AppError(ErrorCode.BadRequest, '上级单位已合并或撤销');
  if (selfId && (await isInSubtree(db, selfId, parentId)))
    throw new AppError(ErrorCode.BadRequest, '不能把单位调整到其自身或其下级单位之下');
}

async function checkCreditCode(db: Db, code: string | null | undefined, selfId?: string) {
  if (!code) return;
  if (!creditCodeValid(code)) throw new AppError(ErrorCode.BadRequest, '统一社会信用代码校验位不正确');
  const clash = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(
      and(
        eq(organizations.creditCode, code),
        eq(organizations.status, 'active'),
        selfId ? ne(organizations.id, selfId) : sql`true`,
      ),
    );
  if (clash[0]) throw new AppError(ErrorCode.Conflict, `统一社会信用代码已被“${clash[0].name}”使用`);
}

function leaderRows(orgId: string, leaders: TOrgLeaderInput[], now: Date) {
  return leaders.map((l, i) => {
    if (l.since && l.until && l.until < l.since)
      throw new AppError(ErrorCode.BadRequest, `班子成员“${l.name}”的任职结束日期早于开始日期`);
    return {
      id: uuidv7(now.getTime()),
      orgId,
      name: l.name,
      position: l.position,
      since: l.since ?? null,
      until: l.until ?? null,
      sortOrder: i,
    };
  });
}

async function addEvent(
  db: Db,
  orgId: string,
  kind: keyof typeof ORG_EVENT_LABELS,
  detail: string,
  ctx: RequestCtx,
  now: Date,
  onDate: string | null = null,
) {
  await db.insert(orgEvents).values({
    id: uuidv7(now.getTime()),
    orgId,
    kind,
    onDate,
    detail,
    actorName: ctx.actor.displayName,
    createdAt: now,
  });
}

export async function createOrg(deps: AppDeps, ctx: RequestCtx, input: TOrgCreate): Promise<TOrgDetail> {
  const { db, clock } = deps;
  const scope = scopeFor(ctx.actor, 'org:write');
  if (!inScope(scope, input.authorityId)) throw notFound('巡察机构');
  const now = clock.now();
  if (input.establishedOn && input.establishedOn > shanghaiDate(now))
    throw new AppError(ErrorCode.BadRequest, '成立日期不能晚于今天');
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await checkParent(tx, input.authorityId, input.parentId);
    await checkCreditCode(tx, input.creditCode);
    await tx.insert(organizations).values({
      id,
      authorityId: input.authorityId,
      parentId: input.parentId ?? null,
      name: input.name,
      searchKey: searchKey(input.name),
      kind: input.kind,
      sector: input.sector ?? null,
      creditCode: input.creditCode ?? null,
      establishedOn: input.establishedOn ?? null,
      createdAt: now,
      updatedAt: now,
    });
    if (input.leaders?.length) await tx.insert(orgLeaders).values(leaderRows(id, input.leaders, now));
    await addEvent(
      tx,
      id,
      'established',
      `新增单位“${input.name}”（${input.kind}）`,
      ctx,
      now,
      input.establishedOn ?? null,
    );
    await auditAction(tx, now, ctx, 'org.create', { type: 'organization', id }, { name: input.name });
  });
  return orgDetail(db, scope, id);
}

const FIELD_NAMES: Record<string, string> = {
  name: '名称',
  kind: '类别',
  sector: '系统/领域',
  creditCode: '统一社会信用代码',
  establishedOn: '成立日期',
  parentId: '上级单位',
  leaders: '班子成员',
};

async function versionConflict(db: Db, scope: Scope, id: string): Promise<never> {
  throw new AppError(ErrorCode.VersionConflict, '该单位已被他人修改，请刷新后重试', {
    current: await orgDetail(db, scope, id),
  });
}

export async function updateOrg(deps: AppDeps, ctx: RequestCtx, id: string, input: TOrgUpdate): Promise<TOrgDetail> {
  const { db, clock } = deps;
  const scope = scopeFor(ctx.actor, 'org:write');
  const now = clock.now();
  await db.transaction(async (tx) => {
    const row = await loadForWrite(tx, scope, id);
    if (row.version !== input.version) await versionConflict(tx, scope, id);
    if (row.status !== 'active')
      throw new AppError(ErrorCode.Conflict, `该单位${ORG_STATUS_LABELS[row.status]}，不能修改`);
    const { version, leaders, ...fields } = input;
    if (fields.parentId !== undefined && fields.parentId !== row.parentId)
      await checkParent(tx, row.authorityId, fields.parentId, id);
    if (fields.creditCode !== undefined && fields.creditCode !== row.creditCode)
      await checkCreditCode(tx, fields.creditCode, id);
    if (fields.establishedOn && fields.establishedOn > shanghaiDate(now))
      throw new AppError(ErrorCode.BadRequest, '成立日期不能晚于今天');
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter(
      (k) => fields[k] !== undefined && fields[k] !== (row as Record<string, unknown>)[k],
    );
    const res = await tx
      .update(organizations)
      .set({
        ...fields,
        ...(fields.name ? { searchKey: searchKey(fields.name) } : {}),
        updatedAt: now,
        version: row.version + 1,
      })
      .where(and(eq(organizations.id, id), eq(organizations.version, version)))
      .returning({ id: organizations.id });
    if (!res.length) await versionConflict(tx, scope, id);
    if (leaders) {
      await replaceChildren(tx, orgLeaders, eq(orgLeaders.orgId, id), leaderRows(id, leaders, now));
      changed.push('leaders' as never);
    }
    if (changed.length) {
      const moved = changed.includes('parentId');
      await addEvent(
        tx,
        id,
        moved ? 'moved' : 'updated',
        `修改了${changed.map((k) => FIELD_NAMES[k] ?? k).join('、')}`,
        ctx,
        now,
      );
    }
    await auditAction(tx, now, ctx, 'org.update', { type: 'organization', id }, { fields: changed });
  });
  return orgDetail(db, scope, id);
}

/** The organization a merge or an abolition ends, once its version and the end date are checked. */
async function loadForEnding(
  tx: Db,
  scope: Scope,
  id: string,
  input: { version: number; date: string },
  today: string,
) {
  const row = await loadForWrite(tx, scope, id);
  if (row.version !== input.version) await versionConflict(tx, scope, id);
  const bad = endDateProblem(row, input.date, today);
  if (bad) throw new AppError(row.status !== 'active' ? ErrorCode.Conflict : ErrorCode.BadRequest, bad);
  return row;
}

/**
 * A merge moves the merged unit's sub-units to the receiving unit, so the tree stays whole and
 * later coverage finds them under their new parent.
 */
export async function mergeOrg(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: { version: number; intoId: string; date: string; reason?: string },
) {
  const { db, clock } = deps;
  const scope = scopeFor(ctx.actor, 'org:write');
  const now = clock.now();
  await db.transaction(async (tx) => {
    const row = await loadForEnding(tx, scope, id, input, shanghaiDate(now));
    const into = (await tx.select().from(organizations).where(eq(organizations.id, input.intoId)))[0] ?? null;
    const problem = mergeProblem(
      id,
      into && inScope(scope, into.authorityId) ? into : null,
      row.authorityId,
      !!into && (await isInSubtree(tx, id, into.id)),
    );
    if (problem) throw new AppError(ErrorCode.BadRequest, problem);
    const target = into as typeof organizations.$inferSelect;
    const res = await tx
      .update(organizations)
      .set({
        status: 'merged',
        mergedIntoId: target.id,
        abolishedOn: input.date,
        updatedAt: now,
        version: row.version + 1,
      })
      .where(
        and(eq(organizations.id, id), eq(organizations.version, input.version), eq(organizations.status, 'active')),
      )
      .returning({ id: organizations.id });
    if (!res.length) await versionConflict(tx, scope, id);
    const children = await tx
      .update(organizations)
      .set({ parentId: target.id, updatedAt: now, version: sql`${organizations.version} + 1` })
      .where(and(eq(organizations.parentId, id), eq(organizations.status, 'active')))
      .returning({ id: organizations.id });
    for (const c of children)
      await addEvent(
        tx,
        c.id,
        'moved',
        `原上级单位“${row.name}”并入“${target.name}”，隶属随之调整`,
        ctx,
        now,
        input.date,
      );
    const why = input.reason ? `，依据：${input.reason}` : '';
    await addEvent(tx, id, 'merged', `并入“${target.name}”${why}`, ctx, now, input.date);
    await addEvent(tx, target.id, 'mergedFrom', `“${row.name}”并入本单位${why}`, ctx, now, input.date);
    await auditAction(
      tx,
      now,
      ctx,
      'org.merge',
      { type: 'organization', id },
      { intoId: target.id, date: input.date, movedChildren: children.length },
    );
  });
  return orgDetail(db, scope, id);
}

export async function abolishOrg(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: { version: number; date: string; reason: string },
) {
  const { db, clock } = deps;
  const scope = scopeFor(ctx.actor, 'org:write');
  const now = clock.now();
  await db.transaction(async (tx) => {
    const row = await loadForEnding(tx, scope, id, input, shanghaiDate(now));
    const kids = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(organizations)
      .where(and(eq(organizations.parentId, id), eq(organizations.status, 'active')));
    if (Number(kids[0]?.n ?? 0) > 0)
      throw new AppError(ErrorCode.Conflict, `该单位还有${kids[0]?.n}个存续的下级单位，请先合并、撤销或调整其隶属`);
    const res = await tx
      .update(organizations)
      .set({ status: 'abolished', abolishedOn: input.date, updatedAt: now, version: row.version + 1 })
      .where(
        and(eq(organizations.id, id), eq(organizations.version, input.version), eq(organizations.status, 'active')),
      )
      .returning({ id: organizations.id });
    if (!res.length) await versionConflict(tx, scope, id);
    await addEvent(tx, id, 'abolished', `撤销，依据：${input.reason}`, ctx, now, input.date);
    await auditAction(tx, now, ctx, 'org.abolish', { type: 'organization', id }, { date: input.date });
  });
  return orgDetail(db, scope, id);
}

// ---------------------------------------------------------------- export

export async function exportOrgs(deps: AppDeps, ctx: RequestCtx, f: OrgFilter) {
  const rows = await findAllOrgs(deps.db, scopeFor(ctx.actor, 'org:read'), f, 200_000);
  return exportXlsx(deps, ctx, {
    action: 'org.export',
    detail: { rows: rows.length, filters: f },
    name: (serial) => `单位列表-${serial}.xlsx`,
    sheetName: '单位列表',
    title: '巡察对象库单位列表',
    rows,
    columns: [
      { header: '单位名称', width: 36, value: (r) => r.name },
      { header: '单位类别', width: 16, value: (r) => r.kind },
      { header: '系统/领域', width: 12, value: (r) => r.sector },
      { header: '上级单位', width: 28, value: (r) => r.parentName },
      { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
      { header: '成立日期', width: 12, value: (r) => r.establishedOn },
      { header: '所属巡察机构', width: 18, value: (r) => r.authorityName },
      { header: '状态', width: 8, value: (r) => ORG_STATUS_LABELS[r.status] },
      { header: '撤销/合并日期', width: 14, value: (r) => r.abolishedOn },
      { header: '并入单位', width: 28, value: (r) => r.mergedIntoName },
    ],
  });
}

// ---------------------------------------------------------------- lookup (names only)

export async function lookupOrgs(
  deps: AppDeps,
  ctx: RequestCtx,
  q: { q?: string; authorityId?: string; limit: number },
) {
  const scope = scopeFor(ctx.actor, 'directory:orgs');
  const page = await findOrgs(deps.db, scope, { q: q.q, authorityId: q.authorityId, status: 'active', limit: q.limit });
  return {
    items: page.items.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      authorityId: o.authorityId,
      authorityName: o.authorityName,
      status: o.status,
    })),
  };
}
