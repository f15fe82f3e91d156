import {
  AppError,
  ErrorCode,
  findingRectification,
  ledgerStatusOf,
  recheckFindingDraft,
  type TRecheckResult,
  type TRecheckSubmit,
  type TTaskKind,
  type TTaskStatus,
} from '@xc/domain';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { rechecks, rectificationTasks } from '../../db/schema/rectification.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { pgErrorOf } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { createFindingFrom, type FindingBrief, findingsOfInspections } from '../fieldwork/index.ts';
import { orgsByIds } from '../orgs/index.ts';
import { type InspectionRow, inspectionsById, targetsOf } from '../planning/index.ts';
import { bad, conflict, rectInspection } from './rectification.access.ts';

// 回头看 (domain.md §4): a look-back inspection pulls the earlier inspection's findings with their
// tasks; the team rechecks each (到位 / 不到位 with the facts), and a 不到位 becomes a finding of the
// look-back through fieldwork's createFindingFrom (domain recheck.ts drafts it).

const RECHECK_STAGES = ['onSite', 'reporting'];

function lookBackOf(insp: InspectionRow): string {
  if (!insp.lookBackOfId) throw new AppError(ErrorCode.Conflict, '本次巡察不是“回头看”，没有需要核查的上轮巡察问题');
  return insp.lookBackOfId;
}

export async function recheckView(deps: AppDeps, ctx: RequestCtx, inspectionId: string) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:read');
  const earlierId = lookBackOf(insp);
  const { db } = deps;
  const [findings, earlier, targets, done] = await Promise.all([
    findingsOfInspections(db, [earlierId]),
    inspectionsById(db, [earlierId]),
    targetsOf(db, [earlierId]),
    db.select().from(rechecks).where(eq(rechecks.inspectionId, insp.id)),
  ]);
  const tasks = findings.length
    ? await db
        .select()
        .from(rectificationTasks)
        .where(
          inArray(
            rectificationTasks.findingId,
            findings.map((f) => f.id),
          ),
        )
        .orderBy(asc(rectificationTasks.createdAt), asc(rectificationTasks.id))
    : [];
  const primary = (targets.find((t) => t.role === 'primary') ?? targets[0])?.orgId ?? null;
  const names = await orgsByIds(
    db,
    [...findings.map((f) => f.orgId ?? primary), primary].filter((x): x is string => !!x),
  );
  return {
    inspectionId: insp.id,
    lookBackOfId: earlierId,
    lookBackOfLabel: earlier.get(earlierId)?.label ?? '',
    items: findings.map((f) => {
      const mine = tasks.filter((t) => t.findingId === f.id);
      const r = done.find((x) => x.originalFindingId === f.id);
      return {
        finding: { id: f.id, title: f.title, facts: f.facts, orgName: names.get(f.orgId ?? primary ?? '')?.name ?? '' },
        rectification: findingRectification(
          mine.map((t) => ({ status: t.status as TTaskStatus, writtenOff: t.writtenOff })),
        ),
        tasks: mine.map((t) => ({
          id: t.id,
          kind: t.kind as TTaskKind,
          measures: t.measures,
          deadline: t.deadline,
          ledgerStatus: ledgerStatusOf({ status: t.status as TTaskStatus, writtenOff: t.writtenOff }),
          writtenOffOn: t.writtenOffOn,
        })),
        recheck: r
          ? {
              id: r.id,
              inspectionId: r.inspectionId,
              originalFindingId: r.originalFindingId,
              originalFindingTitle: f.title,
              result: r.result as TRecheckResult,
              facts: r.facts,
              checkedOn: r.checkedOn,
              newFindingId: r.newFindingId,
              version: r.version,
            }
          : null,
      };
    }),
  };
}

/**
 * The team's rechecks of findings of the earlier inspection, in one transaction: each 不到位
 * becomes a finding of the look-back (same organization and taxonomy node). A finding already
 * rechecked answers 409.
 */
export async function submitRechecks(deps: AppDeps, ctx: RequestCtx, inspectionId: string, input: TRecheckSubmit) {
  const insp = await rectInspection(deps, ctx, inspectionId, 'recheck:write', { write: true });
  const earlierId = lookBackOf(insp);
  if (!RECHECK_STAGES.includes(insp.stage)) throw conflict('“回头看”核查应在进驻巡察或报告阶段进行');
  const checkedOn = input.checkedOn ?? today(deps.clock);
  if (checkedOn > today(deps.clock)) throw bad('核查日期不能晚于今天', { field: 'checkedOn' });
  const earlier = await findingsOfInspections(deps.db, [earlierId]);
  const byId = new Map(earlier.map((f) => [f.id, f]));
  const foreign = input.items.filter((i) => !byId.has(i.findingId));
  if (foreign.length) throw bad('核查的问题不属于上轮巡察', { field: 'items' });
  const targets = await targetsOf(deps.db, [insp.id]);
  const now = deps.clock.now();
  // The rechecks are recorded first, in one transaction (the unique index turns a finding already
  // rechecked into 409, writing nothing); then each 不到位 becomes a finding through fieldwork,
  // which runs its own transaction, and the recheck is linked to it.
  const rows = input.items.map((item) => ({
    item,
    id: uuidv7(now.getTime()),
    f: byId.get(item.findingId) as FindingBrief,
  }));
  try {
    await deps.db.transaction(async (tx) => {
      for (const { item, id, f } of rows) {
        await tx.insert(rechecks).values({
          id,
          authorityId: insp.authorityId,
          inspectionId: insp.id,
          originalFindingId: f.id,
          result: item.result,
          facts: item.facts,
          checkedOn,
          checkedById: ctx.actor.userId,
          checkedByName: ctx.actor.displayName,
          createdAt: now,
          updatedAt: now,
        });
        await writeAudit(tx, now, {
          ...auditOf(ctx),
          action: 'rectification.recheck.create',
          objectType: 'recheck',
          objectId: id,
          detail: { originalFindingId: f.id, result: item.result },
        });
      }
    });
  } catch (e) {
    if (pgErrorOf(e)?.code === '23505') throw conflict('所选问题已经核查过，请刷新后查看');
    throw e;
  }
  for (const { item, id, f } of rows) {
    const draft = recheckFindingDraft(
      { id: f.id, title: f.title, taxonomyNodeId: f.taxonomyNodeId },
      { result: item.result, facts: item.facts },
    );
    if (!draft) continue;
    const orgId = f.orgId && targets.some((t) => t.orgId === f.orgId) ? f.orgId : null;
    const newFindingId = await createFindingFrom(deps, ctx, {
      inspectionId: insp.id,
      title: draft.title,
      facts: draft.facts,
      source: 'lookBack',
      sourceRef: f.id,
      orgId,
      taxonomyNodeId: draft.taxonomyNodeId,
    }).catch(async (e) => {
      // Without its finding the recheck would claim a 不到位 nobody follows up: take it back.
      await deps.db.delete(rechecks).where(and(eq(rechecks.id, id), isNull(rechecks.newFindingId)));
      throw e;
    });
    await deps.db.update(rechecks).set({ newFindingId, updatedAt: now, version: 2 }).where(eq(rechecks.id, id));
  }
  return recheckView(deps, ctx, insp.id);
}
