import {
  AppError,
  ErrorCode,
  findingConflicts,
  groupableFinding,
  groupCommonProblems,
  type TCommonProblem,
  type TCommonProblemConfirm,
  type TCommonProblemListQuery,
  type TCommonProblemUpdate,
  type TRecipientCandidate,
  type TSector,
} from '@xc/domain';
import { and, desc, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import {
  bulletinProblems,
  bulletins,
  campaignProblems,
  campaignReports,
  campaigns,
  commonProblemFindings,
  commonProblems,
  dutyReminders,
  policyProblems,
} from '../../db/schema/governance.ts';
import { notFound } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere, type Db } from '../../platform/db.ts';
import { pgErrorOf } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginate } from '../../platform/pagination.ts';
import { listGrants, listUsers } from '../auth/index.ts';
import { findingsByIds, findingsOfTerm, taxonomyOf } from '../fieldwork/index.ts';
import { findAllOrgs, orgsByIds } from '../orgs/index.ts';
import { inspectionsById, targetsOf } from '../planning/index.ts';
import { rectifiedFindingIds } from '../rectification/index.ts';
import { assertAuthority, governanceScope, inGovernanceScope, termAuthority } from './governance.access.ts';
import { governanceSettingsOf } from './governance.settings.ts';

// 共性问题: the office groups the term's findings into candidates (domain groupCommonProblems), confirms
// a group — or its own selection — as one common problem with a name and description, and follows
// how many of its findings are rectified. A finding belongs to at most one common problem (the
// unique index), so no count repeats another's.

const WHAT = '共性问题';

export const bad = (message: string, details?: unknown) => new AppError(ErrorCode.BadRequest, message, details);
export const conflict = (message: string, details?: unknown) => new AppError(ErrorCode.Conflict, message, details);
export const stale = (what: string) => new AppError(ErrorCode.VersionConflict, `${what}已被他人修改，请刷新后重试`);

/** `%word%` for ILIKE with the wildcard characters of the word taken literally. */
export function likeOf(q: string): string {
  return `%${q.trim().replace(/[%_\\]/g, '\\$&')}%`;
}

// ---------------------------------------------------------------- findings of a term

interface TermFinding {
  id: string;
  inspectionId: string;
  /** The finding's organization, else its inspection's primary target. */
  orgId: string;
  sector: string | null;
  taxonomyNodeId: string | null;
  common: boolean;
  title: string;
}

/** The primary target of each inspection (the organization of a finding that names none). */
async function primaryTargets(db: Db, inspectionIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const t of await targetsOf(db, [...new Set(inspectionIds)]))
    if (t.role === 'primary' && !out.has(t.inspectionId)) out.set(t.inspectionId, t.orgId);
  return out;
}

/** The term's findings (or those of `ids` among them), each with its organization resolved. */
async function termFindings(db: Db, termId: string, ids?: readonly string[]): Promise<TermFinding[]> {
  const rows = await findingsOfTerm(db, termId, ids);
  const primary = await primaryTargets(
    db,
    rows.map((r) => r.inspectionId),
  );
  return rows.flatMap((r) => {
    const orgId = r.orgId ?? primary.get(r.inspectionId);
    return orgId ? [{ ...r, orgId }] : [];
  });
}

/** Finding id → the confirmed problem holding it, among `findingIds` (all of a term's when omitted). */
async function confirmedOwners(db: Db, where: { termId?: string; findingIds?: readonly string[] }) {
  const conds: SQL[] = [];
  if (where.termId) conds.push(eq(commonProblems.termId, where.termId));
  if (where.findingIds) {
    if (!where.findingIds.length) return new Map<string, { id: string; name: string }>();
    conds.push(inArray(commonProblemFindings.findingId, [...where.findingIds]));
  }
  const rows = await db
    .select({ findingId: commonProblemFindings.findingId, id: commonProblems.id, name: commonProblems.name })
    .from(commonProblemFindings)
    .innerJoin(commonProblems, eq(commonProblems.id, commonProblemFindings.commonProblemId))
    .where(and(...conds));
  return new Map(rows.map((r) => [r.findingId, { id: r.id, name: r.name }]));
}

// ---------------------------------------------------------------- candidates

export async function listCandidates(deps: AppDeps, ctx: RequestCtx, q: { termId: string; sector?: TSector }) {
  const { db } = deps;
  const authorityId = await termAuthority(deps, ctx, q.termId, 'governance:read');
  const [{ settings }, taxonomy, all, owners] = await Promise.all([
    governanceSettingsOf(db, authorityId),
    taxonomyOf(db, authorityId),
    termFindings(db, q.termId),
    confirmedOwners(db, { termId: q.termId }),
  ]);
  const open = all.filter((f) => !owners.has(f.id));
  const groups = groupCommonProblems(
    open.map((f) => groupableFinding(f, taxonomy, f.orgId)),
    { minOrganizations: settings.commonProblemMinOrganizations },
  ).filter((g) => !q.sector || g.sector === q.sector);
  const orgs = await orgsByIds(
    db,
    groups.flatMap((g) => g.byOrganization.map((o) => o.orgId)),
  );
  const typeName = new Map(taxonomy.map((n) => [n.id, n.name]));
  const items = groups.map((g) => ({
    ...g,
    taxonomyTypeName: g.taxonomyTypeId ? (typeName.get(g.taxonomyTypeId) ?? null) : null,
    byOrganization: g.byOrganization.map((o) => ({ ...o, orgName: orgs.get(o.orgId)?.name ?? '' })),
  }));
  return { items, total: items.length, minOrganizations: settings.commonProblemMinOrganizations };
}

// ---------------------------------------------------------------- finding references

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GET /api/governance/findings?ids=: the findings named, those out of the caller's reach left out. */
export async function findingRefs(deps: AppDeps, ctx: RequestCtx, idsParam: string) {
  const ids = [
    ...new Set(
      idsParam
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (ids.length > 500) throw bad('一次最多查询500个问题');
  const wrong = ids.find((id) => !UUID.test(id));
  if (wrong !== undefined) throw bad('问题编号格式不正确', { id: wrong });
  const { db } = deps;
  const rows = await findingsByIds(db, ids);
  const insps = await inspectionsById(db, [...new Set(rows.map((r) => r.inspectionId))]);
  const scope = governanceScope(ctx, 'governance:read');
  const mine = rows.filter((r) => {
    const i = insps.get(r.inspectionId);
    return !!i && (scope.all || scope.authorityIds.includes(i.authorityId));
  });
  const orgOf = (r: (typeof mine)[number]) =>
    r.orgId ?? insps.get(r.inspectionId)?.targets.find((t) => t.role === 'primary')?.orgId ?? null;
  const [orgs, rectified] = await Promise.all([
    orgsByIds(db, mine.map(orgOf)),
    rectifiedFindingIds(
      db,
      mine.map((r) => r.id),
    ),
  ]);
  return {
    items: mine.flatMap((r) => {
      const orgId = orgOf(r);
      if (!orgId) return [];
      return [
        {
          id: r.id,
          title: r.title,
          inspectionId: r.inspectionId,
          inspectionName: insps.get(r.inspectionId)?.label ?? '',
          orgId,
          orgName: orgs.get(orgId)?.name ?? '',
          sector: r.sector,
          common: r.common,
          rectified: rectified.has(r.id),
        },
      ];
    }),
  };
}

// ---------------------------------------------------------------- confirmed problems

type ProblemRow = typeof commonProblems.$inferSelect;

/**
 * The figures of some problems (domain commonProblemTally): findings, organizations, inspections,
 * and rectified = findings rectified (rectification's rollup) + items campaigns reported rectified.
 */
async function tallies(db: Db, problemIds: readonly string[]) {
  const out = new Map<
    string,
    { findingIds: string[]; findings: number; organizations: number; inspections: number; rectified: number }
  >();
  if (!problemIds.length) return out;
  const [links, reported] = await Promise.all([
    db
      .select()
      .from(commonProblemFindings)
      .where(inArray(commonProblemFindings.commonProblemId, [...problemIds])),
    db
      .select({
        id: campaignReports.commonProblemId,
        n: sql<number>`coalesce(sum(${campaignReports.rectifiedItems}), 0)::int`,
      })
      .from(campaignReports)
      .where(inArray(campaignReports.commonProblemId, [...problemIds]))
      .groupBy(campaignReports.commonProblemId),
  ]);
  const rectified = await rectifiedFindingIds(
    db,
    links.map((l) => l.findingId),
  );
  const campaignRectified = new Map(reported.map((r) => [r.id as string, Number(r.n)]));
  for (const id of problemIds) {
    const mine = links.filter((l) => l.commonProblemId === id);
    out.set(id, {
      findingIds: mine.map((l) => l.findingId).sort(),
      findings: mine.length,
      organizations: new Set(mine.map((l) => l.orgId)).size,
      inspections: new Set(mine.map((l) => l.inspectionId)).size,
      rectified: mine.filter((l) => rectified.has(l.findingId)).length + (campaignRectified.get(id) ?? 0),
    });
  }
  return out;
}

export async function listProblems(deps: AppDeps, ctx: RequestCtx, q: TCommonProblemListQuery) {
  const { db } = deps;
  const conds: SQL[] = [inGovernanceScope(ctx, 'governance:read', commonProblems.authorityId)];
  if (q.termId) {
    await termAuthority(deps, ctx, q.termId, 'governance:read');
    conds.push(eq(commonProblems.termId, q.termId));
  }
  if (q.sector) conds.push(eq(commonProblems.sector, q.sector));
  if (q.q?.trim()) conds.push(ilike(commonProblems.name, likeOf(q.q)));
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['timestamp', 'uuid'],
    after: ([at, id]) => sql`(${commonProblems.createdAt}, ${commonProblems.id}) < (${at}::timestamptz, ${id}::uuid)`,
    count: () => countWhere(db, commonProblems, and(...conds)),
    fetch: (from, n) =>
      db
        .select()
        .from(commonProblems)
        .where(and(...conds, from))
        .orderBy(desc(commonProblems.createdAt), desc(commonProblems.id))
        .limit(n),
    key: (r) => [r.createdAt.toISOString(), r.id],
  });
  const t = await tallies(
    db,
    page.rows.map((r) => r.id),
  );
  return {
    items: page.rows.map((r) => {
      const x = t.get(r.id);
      return {
        id: r.id,
        name: r.name,
        sector: r.sector,
        findings: x?.findings ?? 0,
        organizations: x?.organizations ?? 0,
        rectified: x?.rectified ?? 0,
      };
    }),
    total: page.total,
    nextCursor: page.nextCursor,
  };
}

async function problemDto(db: Db, r: ProblemRow): Promise<TCommonProblem> {
  const [t, bs, cs] = await Promise.all([
    tallies(db, [r.id]),
    db
      .select({ id: bulletins.id, name: bulletins.title })
      .from(bulletinProblems)
      .innerJoin(bulletins, eq(bulletins.id, bulletinProblems.bulletinId))
      .where(eq(bulletinProblems.commonProblemId, r.id))
      .orderBy(bulletins.createdAt, bulletins.id),
    db
      .select({ id: campaigns.id, name: campaigns.name })
      .from(campaignProblems)
      .innerJoin(campaigns, eq(campaigns.id, campaignProblems.campaignId))
      .where(eq(campaignProblems.commonProblemId, r.id))
      .orderBy(campaigns.startOn, campaigns.id),
  ]);
  const x = t.get(r.id);
  return {
    id: r.id,
    name: r.name,
    sector: r.sector,
    findings: x?.findings ?? 0,
    organizations: x?.organizations ?? 0,
    rectified: x?.rectified ?? 0,
    authorityId: r.authorityId,
    termId: r.termId,
    description: r.description,
    taxonomyTypeId: r.taxonomyTypeId,
    findingIds: x?.findingIds ?? [],
    inspections: x?.inspections ?? 0,
    confirmedOn: r.confirmedOn,
    bulletins: bs,
    campaigns: cs,
    version: r.version,
  };
}

/** A common problem the caller reaches with `permission`, else 404. */
export async function loadProblem(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: 'governance:read' | 'governance:manage',
): Promise<ProblemRow> {
  const r = (await deps.db.select().from(commonProblems).where(eq(commonProblems.id, id)))[0];
  if (!r) throw notFound(WHAT);
  assertAuthority(ctx, permission, r.authorityId, WHAT);
  return r;
}

export async function getProblem(deps: AppDeps, ctx: RequestCtx, id: string) {
  return problemDto(deps.db, await loadProblem(deps, ctx, id, 'governance:read'));
}

/**
 * The findings chosen for a problem of `termId`: every one must be a finding of that term (400
 * otherwise), and none may already belong to another problem (409 naming the finding and the problem).
 */
async function chosenFindings(db: Db, termId: string, ids: readonly string[], exceptProblemId?: string) {
  const rows = await termFindings(db, termId, ids);
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw bad(`有${missing.length}个问题不存在或不属于该届期`, { findingIds: missing });
  await assertNoOwner(db, rows, exceptProblemId);
  return rows;
}

async function assertNoOwner(db: Db, rows: readonly TermFinding[], exceptProblemId?: string) {
  const owners = await confirmedOwners(db, { findingIds: rows.map((r) => r.id) });
  const byProblem = new Map<string, { id: string; name: string; findingIds: string[] }>();
  for (const [findingId, p] of owners) {
    const e = byProblem.get(p.id) ?? { ...p, findingIds: [] };
    e.findingIds.push(findingId);
    byProblem.set(p.id, e);
  }
  const clashes = findingConflicts(
    [...byProblem.values()],
    rows.map((r) => r.id),
    exceptProblemId,
  );
  if (!clashes.length) return;
  const title = new Map(rows.map((r) => [r.id, r.title]));
  const first = clashes[0] as (typeof clashes)[number];
  throw conflict(
    `问题“${title.get(first.findingId) ?? ''}”已归入共性问题“${first.problemName}”${clashes.length > 1 ? `等（共${clashes.length}个问题已归入其他共性问题）` : ''}，一个问题只能归入一个共性问题`,
    { conflicts: clashes.map((c) => ({ ...c, title: title.get(c.findingId) ?? '' })) },
  );
}

/** A type of the authority's taxonomy, or 400. */
async function assertTypeNode(db: Db, authorityId: string, id: string | undefined) {
  if (!id) return;
  const node = (await taxonomyOf(db, authorityId)).find((n) => n.id === id);
  if (node?.level !== 'type') throw bad('问题类型不存在或不是“类型”一级的分类', { field: 'taxonomyTypeId' });
}

/** Runs a write that inserts finding links; a finding taken by another problem meanwhile answers 409. */
async function withLinkGuard<T>(
  db: Db,
  rows: readonly TermFinding[],
  exceptProblemId: string | undefined,
  run: () => Promise<T>,
) {
  try {
    return await run();
  } catch (e) {
    if (pgErrorOf(e)?.code !== '23505') throw e;
    await assertNoOwner(db, rows, exceptProblemId);
    throw conflict('所选问题已被归入其他共性问题，请刷新后重试');
  }
}

export async function confirmProblem(deps: AppDeps, ctx: RequestCtx, input: TCommonProblemConfirm) {
  const { db } = deps;
  const authorityId = await termAuthority(deps, ctx, input.termId, 'governance:manage');
  await assertTypeNode(db, authorityId, input.taxonomyTypeId);
  const rows = await chosenFindings(db, input.termId, input.findingIds);
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  await withLinkGuard(db, rows, undefined, () =>
    db.transaction(async (tx) => {
      await tx.insert(commonProblems).values({
        id,
        authorityId,
        termId: input.termId,
        name: input.name,
        description: input.description,
        sector: input.sector,
        taxonomyTypeId: input.taxonomyTypeId ?? null,
        confirmedOn: today(deps.clock),
        createdById: ctx.actor.userId,
        createdByName: ctx.actor.displayName,
        createdAt: now,
        updatedAt: now,
      });
      await tx
        .insert(commonProblemFindings)
        .values(
          rows.map((f) => ({ commonProblemId: id, findingId: f.id, inspectionId: f.inspectionId, orgId: f.orgId })),
        );
      await writeAudit(tx, now, {
        ...auditOf(ctx),
        action: 'commonProblem.confirm',
        objectType: 'commonProblem',
        objectId: id,
        detail: { termId: input.termId, sector: input.sector, findings: rows.length },
      });
    }),
  );
  return getProblem(deps, ctx, id);
}

export async function updateProblem(deps: AppDeps, ctx: RequestCtx, id: string, input: TCommonProblemUpdate) {
  const { db } = deps;
  const r = await loadProblem(deps, ctx, id, 'governance:manage');
  if (r.version !== input.version) throw stale(WHAT);
  const rows = input.findingIds ? await chosenFindings(db, r.termId, input.findingIds, id) : null;
  const now = deps.clock.now();
  await withLinkGuard(db, rows ?? [], id, () =>
    db.transaction(async (tx) => {
      const res = await tx
        .update(commonProblems)
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.sector !== undefined ? { sector: input.sector } : {}),
          updatedAt: now,
          version: r.version + 1,
        })
        .where(and(eq(commonProblems.id, id), eq(commonProblems.version, input.version)))
        .returning({ id: commonProblems.id });
      if (!res.length) throw stale(WHAT);
      if (rows) {
        await tx.delete(commonProblemFindings).where(eq(commonProblemFindings.commonProblemId, id));
        await tx
          .insert(commonProblemFindings)
          .values(
            rows.map((f) => ({ commonProblemId: id, findingId: f.id, inspectionId: f.inspectionId, orgId: f.orgId })),
          );
      }
      await writeAudit(tx, now, {
        ...auditOf(ctx),
        action: 'commonProblem.update',
        objectType: 'commonProblem',
        objectId: id,
        detail: {
          fields: Object.keys(input).filter((k) => k !== 'version'),
          ...(rows ? { findings: rows.length } : {}),
        },
      });
    }),
  );
  return getProblem(deps, ctx, id);
}

/** What names a common problem and keeps it from being deleted, in Chinese ('' when nothing does). */
async function problemUses(db: Db, id: string): Promise<string> {
  const [b, c, rep, rem, pol] = await Promise.all([
    countWhere(db, bulletinProblems, eq(bulletinProblems.commonProblemId, id)),
    countWhere(db, campaignProblems, eq(campaignProblems.commonProblemId, id)),
    countWhere(db, campaignReports, eq(campaignReports.commonProblemId, id)),
    countWhere(db, dutyReminders, sql`${dutyReminders.commonProblemIds} @> ${JSON.stringify([id])}::jsonb`),
    countWhere(db, policyProblems, eq(policyProblems.commonProblemId, id)),
  ]);
  const uses = [
    b ? `分类通报${b}份` : '',
    c ? `专项整治${c}项` : '',
    rep ? `专项整治报送${rep}条` : '',
    rem ? `履责提示${rem}份` : '',
    pol ? `政策会商问题${pol}个` : '',
  ].filter(Boolean);
  return uses.join('、');
}

export async function deleteProblem(deps: AppDeps, ctx: RequestCtx, id: string) {
  const { db } = deps;
  const r = await loadProblem(deps, ctx, id, 'governance:manage');
  const uses = await problemUses(db, id);
  if (uses) throw conflict(`共性问题“${r.name}”已用于${uses}，不能删除`);
  const now = deps.clock.now();
  try {
    await db.transaction(async (tx) => {
      await tx.delete(commonProblems).where(eq(commonProblems.id, id));
      await writeAudit(tx, now, {
        ...auditOf(ctx),
        action: 'commonProblem.delete',
        objectType: 'commonProblem',
        objectId: id,
        detail: { name: r.name, termId: r.termId },
      });
    });
  } catch (e) {
    // Named by a bulletin, campaign or consultation meanwhile: their foreign keys refuse the delete.
    if (pgErrorOf(e)?.code !== '23503') throw e;
    throw conflict(`共性问题“${r.name}”已用于${(await problemUses(db, id)) || '其他记录'}，不能删除`);
  }
}

// ---------------------------------------------------------------- recipients

/** Kinds of organization that head a sector in the registry (a department, not a unit under one). */
const DEPARTMENT_KINDS = new Set(['市直单位', '县直单位']);

/**
 * The sectorRecipient accounts whose grants fall in `authorityIds` (all when `all`): each with the
 * organization it is granted on (its name and sector). Accounts are few, so each one's grants are
 * read through the auth module's own listing.
 */
export async function recipientAccounts(
  deps: AppDeps,
  reach: { all: boolean; authorityIds: readonly string[] },
): Promise<Map<string, { name: string; orgId: string; orgName: string | null; sector: string | null }>> {
  const users: { id: string; displayName: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await listUsers(deps, { role: 'sectorRecipient', status: 'active', limit: 500, cursor });
    users.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const grantsOf = await Promise.all(users.map(async (u) => ({ u, grants: (await listGrants(deps, u.id)).items })));
  const orgIds = grantsOf.flatMap((x) =>
    x.grants.filter((g) => g.role === 'sectorRecipient' && g.scopeId).map((g) => g.scopeId as string),
  );
  const orgs = await orgsByIds(deps.db, orgIds);
  const out = new Map<string, { name: string; orgId: string; orgName: string | null; sector: string | null }>();
  for (const { u, grants } of grantsOf) {
    const org = grants
      .filter((g) => g.role === 'sectorRecipient' && g.scopeId)
      .map((g) => orgs.get(g.scopeId as string))
      .find((o) => o && (reach.all || reach.authorityIds.includes(o.authorityId)));
    if (org) out.set(u.id, { name: u.displayName, orgId: org.id, orgName: org.name, sector: org.sector });
  }
  return out;
}

/**
 * Whom the office may address: the sector-recipient accounts of its authorities (分管领导, read in the
 * product), then the departments of the registry that lead the sector (主管部门: organizations of
 * the sector with no parent, of the department kinds), read by every account granted on them.
 *
 * An account granted on one of those departments is that department's (a 主管部门 reads as the
 * department, through its line below), so it is not offered again as a 分管领导. The sector a
 * leader is in charge of is not recorded — a 分管副市长 sits in the government's office, whose own
 * sector says nothing about what he leads — so a leader's line carries none.
 */
export async function recipientCandidates(deps: AppDeps, ctx: RequestCtx, q: { sector?: TSector }) {
  const scope = governanceScope(ctx, 'governance:read');
  const accounts = await recipientAccounts(deps, scope);
  const depts = (
    await findAllOrgs(
      deps.db,
      { all: scope.all, authorityIds: scope.authorityIds, orgIds: [] },
      { status: 'active', ...(q.sector ? { sector: q.sector } : {}) },
      1000,
    )
  ).filter((o) => o.parentId === null && DEPARTMENT_KINDS.has(o.kind));
  const deptIds = new Set(depts.map((o) => o.id));
  const items: TRecipientCandidate[] = [
    ...[...accounts]
      .filter(([, a]) => !deptIds.has(a.orgId))
      .map(([userId, a]) => ({
        kind: 'sectorLeader' as const,
        name: a.name,
        orgId: null,
        userId,
        sector: null,
        detail: a.orgName,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    ...depts.map((o) => ({
      kind: 'competentDept' as const,
      name: o.name,
      orgId: o.id,
      userId: null,
      sector: o.sector,
      detail: o.authorityName ?? null,
    })),
  ];
  return { items };
}
