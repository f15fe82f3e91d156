import {
  FEN_PER_WAN_CENT,
  formatWan,
  parseWan,
  type TOutcome,
  type TOutcomeAdd,
  type TRuleMakingCreate,
  type TRuleMakingListQuery,
} from '@xc/domain';
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { rectificationOutcomes, rectificationTasks, ruleMakings } from '../../db/schema/rectification.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginate } from '../../platform/pagination.ts';
import { findingsByIds, findingTitles } from '../fieldwork/index.ts';
import { orgsByIds } from '../orgs/index.ts';
import { targetsOf } from '../planning/index.ts';
import {
  assertOrgVisible,
  assertRectStage,
  bad,
  orgVisibleSql,
  rectInspection,
  visibleRectInspectionIdsSql,
} from './rectification.access.ts';
import { orgOfInspection } from './rectification.feedback.ts';
import { inspectionSummary } from './rectification.summary.ts';

// 整改成效 added to an inspection (清退清收 / 挽回损失 in 万元, exact to the cent: stored as integer 分;
// persons held accountable by 四种形态; rules made) and the 建章立制 register.

type OutcomeRow = typeof rectificationOutcomes.$inferSelect;

/** 万元 string of an amount stored in 分 (1 分 = 0.0001 万元: amounts are entered to 0.01 万元). */
export const wanOfFen = (fen: bigint) => formatWan(fen / FEN_PER_WAN_CENT);

function outcomeDto(r: OutcomeRow): TOutcome {
  return {
    id: r.id,
    inspectionId: r.inspectionId,
    orgId: r.orgId,
    findingId: r.findingId,
    taskId: r.taskId,
    moneyRecovered: wanOfFen(r.moneyFen),
    moneyKind: r.moneyKind as TOutcome['moneyKind'],
    accountable: r.accountable,
    accountableByForm: (r.accountableByForm as TOutcome['accountableByForm']) ?? null,
    rulesMade: r.rulesMade,
    recordedOn: r.recordedOn,
    note: r.note,
    recordedBy: r.recordedByName,
  };
}

/** The organization of a finding: its own, or the inspection's primary target. */
async function orgOfFinding(deps: AppDeps, inspectionId: string, findingId: string): Promise<string> {
  const f = (await findingsByIds(deps.db, [findingId]))[0];
  if (!f || f.inspectionId !== inspectionId) throw bad('所选问题不属于本次巡察', { field: 'findingId' });
  if (f.orgId) return f.orgId;
  const targets = await targetsOf(deps.db, [inspectionId]);
  return ((targets.find((t) => t.role === 'primary') ?? targets[0]) as { orgId: string }).orgId;
}

/** POST /api/inspections/{id}/outcomes: adds to the inspection's outcomes (of one organization). */
export async function addOutcome(deps: AppDeps, ctx: RequestCtx, inspectionId: string, input: TOutcomeAdd) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:write', { write: true });
  assertRectStage(insp, '整改成效');
  let orgId = input.orgId;
  let findingId = input.findingId ?? null;
  if (input.taskId) {
    const task = (await deps.db.select().from(rectificationTasks).where(eq(rectificationTasks.id, input.taskId)))[0];
    if (!task || task.inspectionId !== insp.id) throw bad('所选任务不属于本次巡察', { field: 'taskId' });
    if (findingId && findingId !== task.findingId) throw bad('所选任务不属于所选问题', { field: 'taskId' });
    findingId = task.findingId;
    if (orgId && orgId !== task.orgId) throw bad('所选任务不属于所选单位', { field: 'taskId' });
    orgId = task.orgId;
  }
  if (findingId) {
    const fo = await orgOfFinding(deps, insp.id, findingId);
    if (orgId && orgId !== fo) throw bad('所选问题不属于所选单位', { field: 'findingId' });
    orgId = fo;
  }
  const org = await orgOfInspection(deps, ctx, insp, 'rectification:write', orgId);
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  await deps.db.transaction(async (tx) => {
    await tx.insert(rectificationOutcomes).values({
      id,
      authorityId: insp.authorityId,
      termId: insp.termId,
      roundId: insp.roundId,
      inspectionId: insp.id,
      orgId: org,
      findingId,
      taskId: input.taskId ?? null,
      moneyFen: parseWan(input.moneyRecovered) * FEN_PER_WAN_CENT,
      moneyKind: input.moneyKind ?? null,
      accountable: input.accountable,
      accountableByForm: input.accountableByForm ?? null,
      rulesMade: input.rulesMade,
      recordedOn: input.recordedOn ?? today(deps.clock),
      note: input.note ?? null,
      recordedById: ctx.actor.userId,
      recordedByName: ctx.actor.displayName,
      createdAt: now,
    });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectificationOutcome.add',
      objectType: 'rectificationOutcome',
      objectId: id,
      detail: {
        inspectionId: insp.id,
        orgId: org,
        moneyRecovered: input.moneyRecovered,
        accountable: input.accountable,
        rulesMade: input.rulesMade,
      },
    });
  });
  const row = (await deps.db.select().from(rectificationOutcomes).where(eq(rectificationOutcomes.id, id)))[0];
  return outcomeDto(row as OutcomeRow);
}

/** GET /api/inspections/{id}/outcomes: the entries (a liaison: its own organizations') and the summary. */
export async function listOutcomes(deps: AppDeps, ctx: RequestCtx, inspectionId: string, orgId?: string) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:read');
  if (orgId) assertOrgVisible(ctx, 'rectification:read', orgId, '被巡察单位');
  const rows = await deps.db
    .select()
    .from(rectificationOutcomes)
    .where(
      and(
        eq(rectificationOutcomes.inspectionId, insp.id),
        orgVisibleSql(ctx, 'rectification:read', rectificationOutcomes.orgId),
        orgId ? eq(rectificationOutcomes.orgId, orgId) : undefined,
      ),
    )
    .orderBy(asc(rectificationOutcomes.recordedOn), asc(rectificationOutcomes.id));
  return { items: rows.map(outcomeDto), summary: await inspectionSummary(deps, ctx, insp.id) };
}

// ---------------------------------------------------------------- 建章立制 register

function ruleDto(r: typeof ruleMakings.$inferSelect) {
  return {
    id: r.id,
    inspectionId: r.inspectionId,
    orgId: r.orgId,
    title: r.title,
    kind: r.kind as 'made' | 'revised' | 'abolished',
    issuedOn: r.issuedOn,
    issuingBody: r.issuingBody,
    documentNumber: r.documentNumber,
    findingIds: r.findingIds,
    version: r.version,
  };
}

/** POST /api/inspections/{id}/rule-makings: a rule made, revised or abolished because of findings of one organization. */
export async function createRuleMaking(deps: AppDeps, ctx: RequestCtx, inspectionId: string, input: TRuleMakingCreate) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:write', { write: true });
  assertRectStage(insp, '建章立制');
  const orgs = new Set<string>();
  for (const f of input.findingIds) orgs.add(await orgOfFinding(deps, insp.id, f));
  if (orgs.size !== 1) throw bad('关联的问题应属于同一被巡察单位', { field: 'findingIds' });
  const orgId = [...orgs][0] as string;
  assertOrgVisible(ctx, 'rectification:write', orgId, '问题');
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  await deps.db.transaction(async (tx) => {
    await tx.insert(ruleMakings).values({
      id,
      authorityId: insp.authorityId,
      termId: insp.termId,
      roundId: insp.roundId,
      inspectionId: insp.id,
      orgId,
      title: input.title,
      kind: input.kind,
      issuedOn: input.issuedOn,
      issuingBody: input.issuingBody,
      documentNumber: input.documentNumber ?? null,
      findingIds: input.findingIds,
      createdById: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'ruleMaking.create',
      objectType: 'ruleMaking',
      objectId: id,
      detail: { inspectionId: insp.id, orgId, kind: input.kind, findings: input.findingIds.length },
    });
  });
  const row = (await deps.db.select().from(ruleMakings).where(eq(ruleMakings.id, id)))[0];
  return ruleDto(row as typeof ruleMakings.$inferSelect);
}

/** GET /api/rule-makings: the register entries the caller sees, newest first. */
export async function listRuleMakings(deps: AppDeps, ctx: RequestCtx, q: TRuleMakingListQuery) {
  const { db } = deps;
  const r = ruleMakings;
  const visible = await visibleRectInspectionIdsSql(deps, ctx, 'rectification:read');
  const conds: SQL[] = [sql`${r.inspectionId} in (${visible})`, orgVisibleSql(ctx, 'rectification:read', r.orgId)];
  if (q.termId) conds.push(eq(r.termId, q.termId));
  if (q.inspectionId) conds.push(eq(r.inspectionId, q.inspectionId));
  if (q.orgId) conds.push(eq(r.orgId, q.orgId));
  if (q.kind) conds.push(eq(r.kind, q.kind));
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['date', 'uuid'],
    after: ([d, id]) => sql`(${r.issuedOn}, ${r.id}) < (${d}::date, ${id}::uuid)`,
    count: () => countWhere(db, r, and(...conds)),
    fetch: (from, n) =>
      db
        .select()
        .from(r)
        .where(and(...conds, from))
        .orderBy(desc(r.issuedOn), desc(r.id))
        .limit(n),
    key: (row) => [row.issuedOn, row.id],
  });
  const [titles, orgs] = await Promise.all([
    findingTitles(
      db,
      page.rows.flatMap((x) => x.findingIds),
    ),
    orgsByIds(
      db,
      page.rows.map((x) => x.orgId),
    ),
  ]);
  return {
    items: page.rows.map((x) => ({
      ...ruleDto(x),
      orgName: orgs.get(x.orgId)?.name ?? '',
      findingTitles: x.findingIds.map((f) => titles.get(f) ?? ''),
    })),
    total: page.total,
    nextCursor: page.nextCursor,
  };
}
