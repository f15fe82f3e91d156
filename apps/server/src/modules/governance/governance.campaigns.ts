import {
  AppError,
  CAMPAIGN_PHASE_LABELS,
  campaignLedger,
  campaignPhase,
  ErrorCode,
  FEN_PER_WAN_CENT,
  formatWan,
  parseWan,
  type TCampaign,
  type TCampaignCreate,
  type TCampaignReport,
  type TCampaignUpdate,
  type TLedgerOrg,
} from '@xc/domain';
import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import {
  bulletins,
  campaignAuthorities,
  campaignOrgs,
  campaignProblems,
  campaignReports,
  campaigns,
  commonProblems,
} from '../../db/schema/governance.ts';
import { inScope, notFound, scopeFor } from '../../platform/access.ts';
import { auditExport, auditOf, writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere, type Db, replaceChildren } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginate } from '../../platform/pagination.ts';
import { buildXlsx, newExportSerial } from '../../platform/spreadsheets.ts';
import { authoritiesByIds, orgsByIds } from '../orgs/index.ts';
import { governanceScope, termAuthority } from './governance.access.ts';

// 专项整治: a campaign of a term, run in step by the city and the counties that join it (市县同步),
// over the organizations in scope and the common problems it targets. Each participant reports what
// it found and fixed; the ledger adds the reports up (domain campaignLedger). The office of the
// term's authority runs the campaign; the offices of the participating authorities see it and report
// for their own organizations; an organization's liaison reports only for its own organization.

const NOT_FOUND = '专项整治';
type CampaignRow = typeof campaigns.$inferSelect;
type ReportRow = typeof campaignReports.$inferSelect;

const bad = (message: string, details?: unknown) => new AppError(ErrorCode.BadRequest, message, details);
const conflict = (message: string) => new AppError(ErrorCode.Conflict, message);

/** Campaigns the caller reads with `governance:read`: run by its authorities, or joined by one of them. */
function readableSql(ctx: RequestCtx): SQL {
  const scope = governanceScope(ctx, 'governance:read');
  if (scope.all) return sql`true`;
  if (!scope.authorityIds.length) return sql`false`;
  return or(
    inArray(campaigns.authorityId, scope.authorityIds),
    sql`exists (select 1 from ${campaignAuthorities} ca where ca.campaign_id = ${campaigns.id} and ${inArray(
      sql`ca.authority_id`,
      scope.authorityIds,
    )})`,
  ) as SQL;
}

async function readableCampaign(deps: AppDeps, ctx: RequestCtx, id: string): Promise<CampaignRow> {
  const row = (
    await deps.db
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.id, id), readableSql(ctx)))
  )[0];
  if (!row) throw notFound(NOT_FOUND);
  return row;
}

// ---------------------------------------------------------------- views

async function campaignDtos(db: Db, rows: CampaignRow[], on: string): Promise<TCampaign[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [auths, orgs, problems, counts, fromRows] = await Promise.all([
    db
      .select()
      .from(campaignAuthorities)
      .where(inArray(campaignAuthorities.campaignId, ids))
      .orderBy(asc(campaignAuthorities.position)),
    db.select().from(campaignOrgs).where(inArray(campaignOrgs.campaignId, ids)),
    db
      .select({
        campaignId: campaignProblems.campaignId,
        id: commonProblems.id,
        name: commonProblems.name,
        position: campaignProblems.position,
      })
      .from(campaignProblems)
      .innerJoin(commonProblems, eq(commonProblems.id, campaignProblems.commonProblemId))
      .where(inArray(campaignProblems.campaignId, ids))
      .orderBy(asc(campaignProblems.position)),
    db
      .select({ id: campaignReports.campaignId, n: sql<number>`count(*)::int` })
      .from(campaignReports)
      .where(inArray(campaignReports.campaignId, ids))
      .groupBy(campaignReports.campaignId),
    (() => {
      const b = rows.map((r) => r.fromBulletinId).filter((x): x is string => !!x);
      return b.length
        ? db
            .select({ id: bulletins.id, title: bulletins.title, number: bulletins.number })
            .from(bulletins)
            .where(inArray(bulletins.id, b))
        : Promise.resolve([]);
    })(),
  ]);
  const authorityNames = await authoritiesByIds(
    db,
    auths.map((a) => a.authorityId),
  );
  const count = new Map(counts.map((c) => [c.id, Number(c.n)]));
  const fromBulletin = new Map(fromRows.map((b) => [b.id, b]));
  return rows.map((r) => {
    const b = r.fromBulletinId ? fromBulletin.get(r.fromBulletinId) : undefined;
    return {
      id: r.id,
      authorityId: r.authorityId,
      termId: r.termId,
      name: r.name,
      description: r.description,
      fromBulletin: b ? { id: b.id, name: b.number ? `${b.number} ${b.title}` : b.title } : null,
      authorities: auths
        .filter((a) => a.campaignId === r.id)
        .map((a) => ({ id: a.authorityId, name: authorityNames.get(a.authorityId)?.name ?? '' })),
      orgIds: orgs.filter((o) => o.campaignId === r.id).map((o) => o.orgId),
      commonProblems: problems.filter((p) => p.campaignId === r.id).map((p) => ({ id: p.id, name: p.name })),
      startOn: r.startOn,
      endOn: r.endOn,
      phase: campaignPhase(r, on),
      reports: count.get(r.id) ?? 0,
      version: r.version,
    };
  });
}

export async function getCampaign(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TCampaign> {
  const row = await readableCampaign(deps, ctx, id);
  return (await campaignDtos(deps.db, [row], today(deps.clock)))[0] as TCampaign;
}

function likeOf(q: string): string {
  return `%${q.normalize('NFC').replace(/[%_\\]/g, '\\$&')}%`;
}

export async function listCampaigns(
  deps: AppDeps,
  ctx: RequestCtx,
  q: { termId?: string | undefined; q?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const { db } = deps;
  const conds: SQL[] = [readableSql(ctx)];
  if (q.termId) conds.push(eq(campaigns.termId, q.termId));
  const text = q.q?.trim();
  if (text) conds.push(sql`${campaigns.name} ilike ${likeOf(text)}`);
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['date', 'uuid'],
    after: ([on, id]) => sql`(${campaigns.startOn}, ${campaigns.id}) < (${on}::date, ${id}::uuid)`,
    count: () => countWhere(db, campaigns, and(...conds)),
    fetch: (from, n) =>
      db
        .select()
        .from(campaigns)
        .where(and(...conds, from))
        .orderBy(desc(campaigns.startOn), desc(campaigns.id))
        .limit(n),
    key: (r) => [r.startOn, r.id],
  });
  const items = (await campaignDtos(db, page.rows, today(deps.clock))).map(({ orgIds: _o, ...rest }) => rest);
  return { items, total: page.total, nextCursor: page.nextCursor };
}

// ---------------------------------------------------------------- create and update

interface Parts {
  authorityIds?: string[] | undefined;
  orgIds?: string[] | undefined;
  commonProblemIds?: string[] | undefined;
  fromBulletinId?: string | undefined;
}

/**
 * What a campaign names must be the caller's to name: the joining authorities within its reach
 * (its own and those below), the organizations of those authorities, the term's confirmed common
 * problems and the term's bulletin. `newOrgIds` are the organizations being added (only those must
 * still exist as active units: one merged since it was put in scope stays on the ledger).
 */
async function checkParts(
  deps: AppDeps,
  ctx: RequestCtx,
  termId: string,
  p: Parts,
  current: { authorityIds: string[]; orgIds: string[] },
) {
  const { db } = deps;
  const manage = scopeFor(ctx.actor, 'governance:manage');
  const authorityIds = p.authorityIds ?? current.authorityIds;
  if (p.authorityIds) {
    const found = await authoritiesByIds(db, p.authorityIds);
    if (p.authorityIds.some((a) => !found.has(a) || !inScope(manage, a)))
      throw bad('参与的巡察机构须为本机构或其下级巡察机构', { field: 'authorityIds' });
  }
  const orgIds = p.orgIds ?? current.orgIds;
  if (p.orgIds || p.authorityIds) {
    const orgs = await orgsByIds(db, orgIds);
    const added = new Set(orgIds.filter((o) => !current.orgIds.includes(o)));
    for (const id of orgIds) {
      const o = orgs.get(id);
      if (!o) throw bad('整治范围内的单位不存在', { field: 'orgIds' });
      if (!authorityIds.includes(o.authorityId))
        throw bad(`“${o.name}”不属于参与的巡察机构，不能列入整治范围`, { field: 'orgIds' });
      if (added.has(id) && o.status !== 'active')
        throw bad(`“${o.name}”已合并或撤销，不能列入整治范围`, { field: 'orgIds' });
    }
  }
  if (p.commonProblemIds) {
    const found = await db
      .select({ id: commonProblems.id })
      .from(commonProblems)
      .where(and(inArray(commonProblems.id, p.commonProblemIds), eq(commonProblems.termId, termId)));
    if (found.length !== p.commonProblemIds.length)
      throw bad('整治的共性问题须为本届期已确认的共性问题', { field: 'commonProblemIds' });
  }
  if (p.fromBulletinId) {
    const found = await db
      .select({ id: bulletins.id })
      .from(bulletins)
      .where(and(eq(bulletins.id, p.fromBulletinId), eq(bulletins.termId, termId)));
    if (!found.length) throw bad('所依据的分类通报不存在或不属于本届期', { field: 'fromBulletinId' });
  }
}

async function writeChildren(tx: Db, id: string, p: Parts) {
  if (p.authorityIds)
    await replaceChildren(
      tx,
      campaignAuthorities,
      eq(campaignAuthorities.campaignId, id),
      p.authorityIds.map((authorityId, position) => ({ campaignId: id, authorityId, position })),
    );
  if (p.orgIds)
    await replaceChildren(
      tx,
      campaignOrgs,
      eq(campaignOrgs.campaignId, id),
      p.orgIds.map((orgId) => ({ campaignId: id, orgId })),
    );
  if (p.commonProblemIds)
    await replaceChildren(
      tx,
      campaignProblems,
      eq(campaignProblems.campaignId, id),
      p.commonProblemIds.map((commonProblemId, position) => ({ campaignId: id, commonProblemId, position })),
    );
}

export async function createCampaign(deps: AppDeps, ctx: RequestCtx, input: TCampaignCreate): Promise<TCampaign> {
  const authorityId = await termAuthority(deps, ctx, input.termId, 'governance:manage');
  await checkParts(deps, ctx, input.termId, input, { authorityIds: [], orgIds: [] });
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  await deps.db.transaction(async (tx) => {
    await tx.insert(campaigns).values({
      id,
      authorityId,
      termId: input.termId,
      name: input.name,
      description: input.description || null,
      fromBulletinId: input.fromBulletinId ?? null,
      startOn: input.startOn,
      endOn: input.endOn,
      createdById: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    await writeChildren(tx, id, input);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'campaign.create',
      objectType: 'campaign',
      objectId: id,
      detail: {
        termId: input.termId,
        authorityIds: input.authorityIds,
        orgs: input.orgIds.length,
        commonProblemIds: input.commonProblemIds,
        fromBulletinId: input.fromBulletinId ?? null,
      },
    });
  });
  return getCampaign(deps, ctx, id);
}

/**
 * Changes a campaign under the version read (of two saves at once, one answers 409). An
 * organization that has reported stays in scope, and a targeted problem that reports name stays a
 * target: the ledger's lines would otherwise lose what was reported.
 */
export async function updateCampaign(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: TCampaignUpdate,
): Promise<TCampaign> {
  const { db } = deps;
  const row = await readableCampaign(deps, ctx, id);
  if (!inScope(scopeFor(ctx.actor, 'governance:manage'), row.authorityId))
    throw new AppError(ErrorCode.Forbidden, '只有发起专项整治的巡察机构可以修改');
  const startOn = input.startOn ?? row.startOn;
  const endOn = input.endOn ?? row.endOn;
  if (endOn < startOn) throw bad('整治结束日期不能早于开始日期', { field: 'endOn' });
  const [auths, orgs] = await Promise.all([
    db
      .select({ id: campaignAuthorities.authorityId })
      .from(campaignAuthorities)
      .where(eq(campaignAuthorities.campaignId, id)),
    db.select({ id: campaignOrgs.orgId }).from(campaignOrgs).where(eq(campaignOrgs.campaignId, id)),
  ]);
  await checkParts(deps, ctx, row.termId, input, {
    authorityIds: auths.map((a) => a.id),
    orgIds: orgs.map((o) => o.id),
  });
  const reported = await db
    .selectDistinct({ orgId: campaignReports.orgId, problemId: campaignReports.commonProblemId })
    .from(campaignReports)
    .where(eq(campaignReports.campaignId, id));
  if (input.orgIds) {
    const keep = new Set(input.orgIds);
    const dropped = [...new Set(reported.map((r) => r.orgId))].filter((o) => !keep.has(o));
    if (dropped.length) {
      const names = await orgsByIds(db, dropped);
      throw conflict(
        `${dropped.map((o) => `“${names.get(o)?.name ?? ''}”`).join('、')}已报送整治情况，不能移出整治范围`,
      );
    }
  }
  if (input.commonProblemIds) {
    const keep = new Set(input.commonProblemIds);
    if (reported.some((r) => r.problemId && !keep.has(r.problemId)))
      throw conflict('已有单位就该共性问题报送了整治情况，不能从整治的共性问题中移除');
  }
  const now = deps.clock.now();
  await db.transaction(async (tx) => {
    const set: Partial<typeof campaigns.$inferInsert> = { updatedAt: now, version: input.version + 1 };
    if (input.name !== undefined) set.name = input.name;
    if (input.description !== undefined) set.description = input.description || null;
    if (input.startOn !== undefined) set.startOn = input.startOn;
    if (input.endOn !== undefined) set.endOn = input.endOn;
    const res = await tx
      .update(campaigns)
      .set(set)
      .where(and(eq(campaigns.id, id), eq(campaigns.version, input.version)))
      .returning({ id: campaigns.id });
    if (!res.length) throw new AppError(ErrorCode.VersionConflict, '该专项整治已被他人修改，请刷新后重试');
    await writeChildren(tx, id, input);
    const { version: _v, ...changed } = input;
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'campaign.update',
      objectType: 'campaign',
      objectId: id,
      detail: { version: input.version + 1, fields: Object.keys(changed) },
    });
  });
  return getCampaign(deps, ctx, id);
}

// ---------------------------------------------------------------- reports

function fenToWan(fen: bigint): string {
  return formatWan(fen / FEN_PER_WAN_CENT);
}

function reportDto(r: ReportRow, orgName: string) {
  return {
    id: r.id,
    campaignId: r.campaignId,
    orgId: r.orgId,
    orgName,
    commonProblemId: r.commonProblemId,
    reportedOn: r.reportedOn,
    foundItems: r.foundItems,
    rectifiedItems: r.rectifiedItems,
    rulesMade: r.rulesMade,
    moneyRecovered: fenToWan(r.moneyRecoveredFen),
    note: r.note,
  };
}

/**
 * A participant's report. The office of a participating authority (or of the authority above it)
 * reports for the organizations of its authorities in scope; a liaison only for its own
 * organization, and only when that is in scope. Anything else answers 404, so a liaison cannot
 * learn which campaigns other organizations are in.
 */
export async function createCampaignReport(deps: AppDeps, ctx: RequestCtx, campaignId: string, input: TCampaignReport) {
  const { db } = deps;
  const row = (await db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0];
  if (!row) throw notFound(NOT_FOUND);
  const [inScopeOrg, auths, targets] = await Promise.all([
    db
      .select({ id: campaignOrgs.orgId })
      .from(campaignOrgs)
      .where(and(eq(campaignOrgs.campaignId, campaignId), eq(campaignOrgs.orgId, input.orgId))),
    db
      .select({ id: campaignAuthorities.authorityId })
      .from(campaignAuthorities)
      .where(eq(campaignAuthorities.campaignId, campaignId)),
    db
      .select({ id: campaignProblems.commonProblemId })
      .from(campaignProblems)
      .where(eq(campaignProblems.campaignId, campaignId))
      .orderBy(asc(campaignProblems.position)),
  ]);
  const org = (await orgsByIds(db, [input.orgId])).get(input.orgId);
  const scope = scopeFor(ctx.actor, 'campaign:report');
  const participates = !!org && auths.some((a) => a.id === org.authorityId);
  const reaches = !!org && (scope.all || scope.orgIds.includes(org.id) || scope.authorityIds.includes(org.authorityId));
  if (!org || !inScopeOrg.length || !participates || !reaches) {
    // Whether the campaign itself is visible decides the noun: the campaign, or the organization in it.
    const visible =
      scope.all || scope.authorityIds.includes(row.authorityId) || auths.some((a) => scope.authorityIds.includes(a.id));
    throw notFound(visible ? '整治范围内的单位' : NOT_FOUND);
  }
  const on = today(deps.clock);
  if (input.reportedOn > on) throw bad('报送日期不能晚于今天', { field: 'reportedOn' });
  if (input.reportedOn < row.startOn) throw bad('报送日期不能早于整治开始日期', { field: 'reportedOn' });
  let problemId: string | null;
  if (input.commonProblemId) {
    if (!targets.some((t) => t.id === input.commonProblemId))
      throw bad('所报送的共性问题不是本次专项整治的整治对象', { field: 'commonProblemId' });
    problemId = input.commonProblemId;
  } else if (targets.length === 1) problemId = (targets[0] as { id: string }).id;
  else throw bad('本次专项整治针对多个共性问题，请选择所报送的共性问题', { field: 'commonProblemId' });
  const fen = parseWan(input.moneyRecovered) * FEN_PER_WAN_CENT;
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  const values = {
    id,
    campaignId,
    orgId: org.id,
    orgAuthorityId: org.authorityId,
    commonProblemId: problemId,
    reportedOn: input.reportedOn,
    foundItems: input.foundItems,
    rectifiedItems: input.rectifiedItems,
    rulesMade: input.rulesMade,
    moneyRecoveredFen: fen,
    note: input.note || null,
    createdById: ctx.actor.userId,
    createdByName: ctx.actor.displayName,
    createdAt: now,
  };
  await db.transaction(async (tx) => {
    await tx.insert(campaignReports).values(values);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'campaignReport.create',
      objectType: 'campaignReport',
      objectId: id,
      detail: {
        campaignId,
        orgId: org.id,
        commonProblemId: problemId,
        foundItems: input.foundItems,
        rectifiedItems: input.rectifiedItems,
        rulesMade: input.rulesMade,
        moneyRecovered: fenToWan(fen),
      },
    });
  });
  return reportDto(values, org.name);
}

export async function listCampaignReports(
  deps: AppDeps,
  ctx: RequestCtx,
  campaignId: string,
  q: { orgId?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const { db } = deps;
  await readableCampaign(deps, ctx, campaignId);
  const t = campaignReports;
  const conds: SQL[] = [eq(t.campaignId, campaignId)];
  if (q.orgId) conds.push(eq(t.orgId, q.orgId));
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['date', 'uuid'],
    after: ([on, id]) => sql`(${t.reportedOn}, ${t.id}) < (${on}::date, ${id}::uuid)`,
    count: () => countWhere(db, t, and(...conds)),
    fetch: (from, n) =>
      db
        .select()
        .from(t)
        .where(and(...conds, from))
        .orderBy(desc(t.reportedOn), desc(t.id))
        .limit(n),
    key: (r) => [r.reportedOn, r.id],
  });
  const orgs = await orgsByIds(
    db,
    page.rows.map((r) => r.orgId),
  );
  return {
    items: page.rows.map((r) => reportDto(r, orgs.get(r.orgId)?.name ?? '')),
    total: page.total,
    nextCursor: page.nextCursor,
  };
}

// ---------------------------------------------------------------- ledger

/** The campaign's ledger (domain campaignLedger) with the names its lines need. */
export async function getCampaignLedger(deps: AppDeps, ctx: RequestCtx, campaignId: string) {
  const { db } = deps;
  const row = await readableCampaign(deps, ctx, campaignId);
  const [reports, scopeRows, auths, problems] = await Promise.all([
    db
      .select({
        orgId: campaignReports.orgId,
        commonProblemId: campaignReports.commonProblemId,
        foundItems: campaignReports.foundItems,
        rectifiedItems: campaignReports.rectifiedItems,
        rulesMade: campaignReports.rulesMade,
        fen: campaignReports.moneyRecoveredFen,
      })
      .from(campaignReports)
      .where(eq(campaignReports.campaignId, campaignId)),
    db.select({ id: campaignOrgs.orgId }).from(campaignOrgs).where(eq(campaignOrgs.campaignId, campaignId)),
    db
      .select({ id: campaignAuthorities.authorityId })
      .from(campaignAuthorities)
      .where(eq(campaignAuthorities.campaignId, campaignId))
      .orderBy(asc(campaignAuthorities.position)),
    db
      .select({ id: commonProblems.id, name: commonProblems.name })
      .from(campaignProblems)
      .innerJoin(commonProblems, eq(commonProblems.id, campaignProblems.commonProblemId))
      .where(eq(campaignProblems.campaignId, campaignId))
      .orderBy(asc(campaignProblems.position)),
  ]);
  const scopeOrgIds = scopeRows.map((o) => o.id);
  const orgs = await orgsByIds(db, [...scopeOrgIds, ...reports.map((r) => r.orgId)]);
  const ledgerOrgs: TLedgerOrg[] = [...orgs.values()].map((o) => ({
    orgId: o.id,
    authorityId: o.authorityId,
    sector: o.sector,
  }));
  const ledger = campaignLedger(
    reports.map((r) => ({ ...r, moneyRecovered: fenToWan(r.fen) })),
    {
      orgs: ledgerOrgs,
      scopeOrgIds,
      authorityIds: auths.map((a) => a.id),
      commonProblemIds: problems.map((p) => p.id),
    },
  );
  const authorityNames = await authoritiesByIds(db, [
    ...auths.map((a) => a.id),
    ...ledger.byAuthority.map((l) => l.authorityId),
  ]);
  // A report may name a problem no longer targeted only if it was targeted then; name it all the same.
  const extra = ledger.byProblem
    .map((l) => l.commonProblemId)
    .filter((p): p is string => !!p && !problems.some((x) => x.id === p));
  const extraNames = extra.length
    ? await db
        .select({ id: commonProblems.id, name: commonProblems.name })
        .from(commonProblems)
        .where(inArray(commonProblems.id, extra))
    : [];
  // The organizations the caller may report for, by createCampaignReport's own rule.
  const report = scopeFor(ctx.actor, 'campaign:report');
  const reportableOrgIds = scopeOrgIds.filter((id) => {
    const o = orgs.get(id);
    return (
      !!o &&
      auths.some((a) => a.id === o.authorityId) &&
      (report.all || report.orgIds.includes(o.id) || report.authorityIds.includes(o.authorityId))
    );
  });
  return {
    campaign: row,
    ...ledger,
    reportableOrgIds,
    names: {
      authorities: Object.fromEntries(
        [...authorityNames.values()].map((a) => [a.id, a.shortName || a.name] as [string, string]),
      ),
      commonProblems: Object.fromEntries([...problems, ...extraNames].map((p) => [p.id, p.name])),
      orgs: Object.fromEntries([...orgs.values()].map((o) => [o.id, o.name])),
    },
  };
}

/** The ledger as a workbook: one line per total, sector, authority and problem, as the page shows it. */
export async function campaignLedgerXlsx(deps: AppDeps, ctx: RequestCtx, campaignId: string) {
  const { campaign, names, ...ledger } = await getCampaignLedger(deps, ctx, campaignId);
  type Line = (typeof ledger.bySector)[number] & { group: string; label: string };
  const rows: Line[] = [
    { group: '合计', label: '全部', sector: null, ...ledger.total },
    ...ledger.byAuthority.map((l) => ({
      group: '按巡察机构',
      label: names.authorities[l.authorityId] ?? '',
      sector: null,
      ...l,
    })),
    ...ledger.bySector.map((l) => ({ group: '按领域', label: l.sector ?? '未分领域', ...l })),
    ...ledger.byProblem.map((l) => ({
      group: '按共性问题',
      label: l.commonProblemId ? (names.commonProblems[l.commonProblemId] ?? '') : '未指明共性问题',
      sector: null,
      ...l,
    })),
  ];
  const now = deps.clock.now();
  const stamp = { exporterName: ctx.actor.displayName, at: now, serial: newExportSerial(now) };
  const phase = CAMPAIGN_PHASE_LABELS[campaignPhase(campaign, today(deps.clock))];
  const data = await buildXlsx<Line>({
    sheetName: '专项整治台账',
    title: `${campaign.name}台账（${campaign.startOn}至${campaign.endOn}，${phase}）`,
    stamp,
    columns: [
      { header: '统计口径', width: 12, value: (r) => r.group },
      { header: '名称', width: 28, value: (r) => r.label },
      { header: '范围内单位数', width: 12, value: (r) => r.inScope },
      { header: '已报送单位数', width: 12, value: (r) => r.organizations },
      { header: '报送次数', width: 10, value: (r) => r.reports },
      { header: '发现问题数', width: 12, value: (r) => r.found },
      { header: '整改问题数', width: 12, value: (r) => r.rectified },
      { header: '整改率', width: 10, value: (r) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(2)}%`) },
      { header: '建章立制数', width: 12, value: (r) => r.rulesMade },
      { header: '挽回损失（万元）', width: 16, value: (r) => r.moneyRecovered },
    ],
    rows,
  });
  await auditExport(deps.db, ctx, now, 'campaign.exportLedger', stamp.serial, { campaignId });
  return { data, name: `专项整治台账-${campaign.name.slice(0, 40)}-${stamp.serial}.xlsx` };
}

// ---------------------------------------------------------------- the liaison's campaigns

/** Campaigns whose scope includes one of the caller's organizations, with its own reports counted. */
export async function myCampaigns(deps: AppDeps, ctx: RequestCtx) {
  const { db } = deps;
  const orgIds = scopeFor(ctx.actor, 'campaign:report').orgIds;
  if (!orgIds.length) return { items: [] };
  const links = await db
    .select({ campaignId: campaignOrgs.campaignId, orgId: campaignOrgs.orgId })
    .from(campaignOrgs)
    .where(inArray(campaignOrgs.orgId, orgIds));
  if (!links.length) return { items: [] };
  const ids = [...new Set(links.map((l) => l.campaignId))];
  const [rows, counts, orgs] = await Promise.all([
    db.select().from(campaigns).where(inArray(campaigns.id, ids)).orderBy(desc(campaigns.startOn), desc(campaigns.id)),
    db
      .select({ id: campaignReports.campaignId, n: sql<number>`count(*)::int` })
      .from(campaignReports)
      .where(and(inArray(campaignReports.campaignId, ids), inArray(campaignReports.orgId, orgIds)))
      .groupBy(campaignReports.campaignId),
    orgsByIds(
      db,
      links.map((l) => l.orgId),
    ),
  ]);
  const mine = new Map(counts.map((c) => [c.id, Number(c.n)]));
  const dtos = await campaignDtos(db, rows, today(deps.clock));
  return {
    items: dtos.map(({ orgIds: _o, ...c }) => ({
      ...c,
      myOrgs: links
        .filter((l) => l.campaignId === c.id)
        .map((l) => ({ id: l.orgId, name: orgs.get(l.orgId)?.name ?? '' })),
      myReports: mine.get(c.id) ?? 0,
    })),
  };
}
