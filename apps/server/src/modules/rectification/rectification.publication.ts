import {
  batchName,
  partitionBatch,
  publicationProblems,
  type TEvaluationGrade,
  type TPublicationBatchCreate,
  type TPublicationEntryPatch,
  type TPublicationItemPatch,
  type TPublicationVersion,
  type TWithholdReason,
} from '@xc/domain';
import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import {
  findingRectification,
  publicationBatches,
  publicationEntries,
  publicationItems,
  rectificationEvaluations,
} from '../../db/schema/rectification.ts';
import { notFound, scopeFor } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { pgErrorOf } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { reportForFeedback } from '../fieldwork/index.ts';
import { orgsByIds } from '../orgs/index.ts';
import { type InspectionRow, targetsOf, transitionInspection } from '../planning/index.ts';
import { bad, conflict, rectInspection, stale } from './rectification.access.ts';
import { orgFindings } from './rectification.reviews.ts';
import { rectificationSettingsOf } from './rectification.settings.ts';
import { rectificationFacts } from './rectification.stage.ts';

// 双公开 (domain.md §5 Publication): batches 第N批 of an authority over evaluated inspections, one
// entry per inspected organization with its items drawn from the report's 主要问题; the 党内通报
// version is the report's, the 社会公开 version may withhold items for one of the five reasons;
// an organization graded 差 is deferred (延后公示) with the reason. Each version is approved
// separately; publishing moves every inspection whose organizations are all out to `published`.

type BatchRow = typeof publicationBatches.$inferSelect;

/** The authority the caller works on with `permission`: the one named if reached, else its own. */
function authorityOf(ctx: RequestCtx, permission: 'rectification:read' | 'publication:manage', id?: string): string {
  const s = scopeFor(ctx.actor, permission);
  const reaches = (a: string) => s.all || s.authorityIds.includes(a);
  const pick =
    id ?? (ctx.actor.authorityId && reaches(ctx.actor.authorityId) ? ctx.actor.authorityId : s.authorityIds[0]);
  if (!pick || !reaches(pick)) throw notFound('巡察机构');
  return pick;
}

async function loadBatch(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: 'rectification:read' | 'publication:manage' | 'publication:approve',
) {
  const b = (await deps.db.select().from(publicationBatches).where(eq(publicationBatches.id, id)))[0];
  const s = scopeFor(ctx.actor, permission);
  if (!b || !(s.all || s.authorityIds.includes(b.authorityId))) throw notFound('公开批次');
  return b;
}

async function batchDto(db: Db, b: BatchRow) {
  const entries = await db
    .select()
    .from(publicationEntries)
    .where(eq(publicationEntries.batchId, b.id))
    .orderBy(asc(publicationEntries.seq));
  const items = entries.length
    ? await db
        .select()
        .from(publicationItems)
        .where(
          inArray(
            publicationItems.entryId,
            entries.map((e) => e.id),
          ),
        )
        .orderBy(asc(publicationItems.seq))
    : [];
  const names = await orgsByIds(
    db,
    entries.map((e) => e.orgId),
  );
  return {
    ...stub(b),
    entries: entries.map((e) => ({
      id: e.id,
      inspectionId: e.inspectionId,
      orgId: e.orgId,
      orgName: names.get(e.orgId)?.name ?? '',
      grade: e.grade as TEvaluationGrade | null,
      deferred: e.deferred,
      deferReason: e.deferReason,
      deferredFromBatch: e.deferredFromBatch,
      findings: e.findings,
      rectified: e.rectified,
      items: items
        .filter((i) => i.entryId === e.id)
        .map((i) => ({
          id: i.id,
          findingId: i.findingId,
          text: i.text,
          withheld: i.withheld,
          withholdReason: i.withholdReason as TWithholdReason | null,
          withholdNote: i.withholdNote,
        })),
    })),
  };
}

export async function listBatches(deps: AppDeps, ctx: RequestCtx, q: { authorityId?: string }) {
  const authorityId = authorityOf(ctx, 'rectification:read', q.authorityId);
  const rows = await deps.db
    .select()
    .from(publicationBatches)
    .where(eq(publicationBatches.authorityId, authorityId))
    .orderBy(desc(publicationBatches.number));
  const entries = rows.length
    ? await deps.db
        .select({ batchId: publicationEntries.batchId, deferred: publicationEntries.deferred })
        .from(publicationEntries)
        .where(
          inArray(
            publicationEntries.batchId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return {
    items: rows.map((b) => {
      const mine = entries.filter((e) => e.batchId === b.id);
      return {
        ...stub(b),
        published: mine.filter((e) => !e.deferred).length,
        deferred: mine.filter((e) => e.deferred).length,
      };
    }),
  };
}

function stub(b: BatchRow) {
  return {
    id: b.id,
    authorityId: b.authorityId,
    number: b.number,
    name: batchName(b.number),
    title: b.title,
    status: b.status as 'draft' | 'published',
    internalApprovedOn: b.internalApprovedOn,
    publicApprovedOn: b.publicApprovedOn,
    publishedOn: b.publishedOn,
    version: b.version,
  };
}

export async function getBatch(deps: AppDeps, ctx: RequestCtx, id: string) {
  return batchDto(deps.db, await loadBatch(deps, ctx, id, 'rectification:read'));
}

/** The items of one organization's entry: its findings in the report's order, with how each was rectified. */
async function itemsFor(deps: AppDeps, insp: InspectionRow, orgId: string) {
  const [report, mine] = await Promise.all([reportForFeedback(deps.db, insp), orgFindings(deps, insp.id, orgId)]);
  const ids = new Set(mine.map((f) => f.id));
  const inReport = report.outline.flatMap((s) => s.aspects.flatMap((a) => a.findings)).filter((f) => ids.has(f.id));
  const ordered = [
    ...inReport,
    ...mine
      .filter((f) => !inReport.some((x) => x.id === f.id))
      .map((f) => ({ id: f.id, title: f.title, summary: f.facts })),
  ];
  const states = ordered.length
    ? await deps.db
        .select({ findingId: findingRectification.findingId, state: findingRectification.state })
        .from(findingRectification)
        .where(
          inArray(
            findingRectification.findingId,
            ordered.map((f) => f.id),
          ),
        )
    : [];
  const label: Record<string, string> = {
    rectified: '已完成整改',
    ongoing: '阶段性成果，持续整改',
    undone: '正在整改',
  };
  const items = ordered.map((f) => {
    const st = states.find((s) => s.findingId === f.id)?.state ?? 'undone';
    return { findingId: f.id, text: `${f.title}。${f.summary}整改情况：${label[st] ?? label.undone}。`, state: st };
  });
  return { items, findings: items.length, rectified: items.filter((i) => i.state === 'rectified').length };
}

/** The earlier batch in which an organization was deferred and not published since, if any. */
async function deferredFrom(db: Db, inspectionId: string, orgId: string): Promise<number | null> {
  const rows = await db
    .select({
      number: publicationBatches.number,
      deferred: publicationEntries.deferred,
      from: publicationEntries.deferredFromBatch,
    })
    .from(publicationEntries)
    .innerJoin(publicationBatches, eq(publicationBatches.id, publicationEntries.batchId))
    .where(and(eq(publicationEntries.inspectionId, inspectionId), eq(publicationEntries.orgId, orgId)))
    .orderBy(asc(publicationBatches.number));
  const first = rows.find((r) => r.deferred);
  return first ? (first.from ?? first.number) : null;
}

/**
 * A new batch over evaluated inspections of one authority: an entry for each organization not yet
 * published, deferred with its reason when its grade calls for it (domain partitionBatch).
 */
export async function createBatch(deps: AppDeps, ctx: RequestCtx, input: TPublicationBatchCreate) {
  const insps: InspectionRow[] = [];
  for (const id of input.inspectionIds)
    insps.push(await rectInspection(deps, ctx, id, 'publication:manage', { write: true }));
  const authorityId = (insps[0] as InspectionRow).authorityId;
  if (insps.some((i) => i.authorityId !== authorityId))
    throw bad('一个批次只能公开同一巡察机构的巡察', { field: 'inspectionIds' });
  const notReady = insps.filter((i) => i.stage !== 'evaluated');
  if (notReady.length) throw conflict('所选巡察尚未完成整改评估，不能列入公开批次');
  const { settings } = await rectificationSettingsOf(deps.db, authorityId);
  const candidates: {
    insp: InspectionRow;
    orgId: string;
    grade: TEvaluationGrade | null;
    fromBatch: number | null;
    items: Awaited<ReturnType<typeof itemsFor>>['items'];
    findings: number;
    rectified: number;
  }[] = [];
  for (const insp of insps) {
    const [targets, evals, facts] = await Promise.all([
      targetsOf(deps.db, [insp.id]),
      deps.db.select().from(rectificationEvaluations).where(eq(rectificationEvaluations.inspectionId, insp.id)),
      rectificationFacts(deps.db, insp.id),
    ]);
    for (const t of targets) {
      if (facts.find((f) => f.orgId === t.orgId)?.published) continue;
      candidates.push({
        insp,
        orgId: t.orgId,
        grade: (evals.find((e) => e.orgId === t.orgId)?.grade ?? null) as TEvaluationGrade | null,
        fromBatch: await deferredFrom(deps.db, insp.id, t.orgId),
        ...(await itemsFor(deps, insp, t.orgId)),
      });
    }
  }
  if (!candidates.length) throw conflict('所选巡察的整改结果均已公开');
  const { deferred } = partitionBatch(candidates, settings.deferGrades);
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  try {
    await deps.db.transaction(async (tx) => {
      const [m] = await tx
        .select({ n: max(publicationBatches.number) })
        .from(publicationBatches)
        .where(eq(publicationBatches.authorityId, authorityId));
      const number = input.number ?? (m?.n ?? 0) + 1;
      await tx.insert(publicationBatches).values({
        id,
        authorityId,
        number,
        title: input.title ?? null,
        status: 'draft',
        createdByName: ctx.actor.displayName,
        createdAt: now,
        updatedAt: now,
      });
      for (const [seq, c] of candidates.entries()) {
        const d = deferred.find((x) => x.orgId === c.orgId && x.insp.id === c.insp.id);
        const entryId = uuidv7(now.getTime());
        await tx.insert(publicationEntries).values({
          id: entryId,
          batchId: id,
          inspectionId: c.insp.id,
          orgId: c.orgId,
          seq: seq + 1,
          grade: c.grade,
          deferred: !!d,
          deferReason: d?.deferReason ?? null,
          deferredFromBatch: c.fromBatch,
          findings: c.findings,
          rectified: c.rectified,
        });
        for (const [i, item] of c.items.entries())
          await tx
            .insert(publicationItems)
            .values({ id: uuidv7(now.getTime()), entryId, findingId: item.findingId, seq: i + 1, text: item.text });
      }
      await writeAudit(tx, now, {
        ...auditOf(ctx),
        action: 'rectification.publication.create',
        objectType: 'publicationBatch',
        objectId: id,
        detail: { number, inspectionIds: input.inspectionIds, deferred: deferred.length },
      });
    });
  } catch (e) {
    if (pgErrorOf(e)?.code === '23505') throw conflict(`${batchName(input.number ?? 0)}已经存在`);
    throw e;
  }
  return getBatch(deps, ctx, id);
}

/** Bumps a draft batch's version under the one read, clearing the approvals its change invalidates. */
async function touchDraft(tx: Db, b: BatchRow, version: number, now: Date) {
  if (b.status !== 'draft') throw conflict('该批次已公开，不能修改');
  const res = await tx
    .update(publicationBatches)
    .set({
      version: b.version + 1,
      updatedAt: now,
      internalApprovedOn: null,
      internalApprovedBy: null,
      publicApprovedOn: null,
      publicApprovedBy: null,
    })
    .where(
      and(
        eq(publicationBatches.id, b.id),
        eq(publicationBatches.version, version),
        eq(publicationBatches.status, 'draft'),
      ),
    )
    .returning({ id: publicationBatches.id });
  if (!res.length) throw stale('公开批次');
}

/** Withholds an item from the public version (one of the five reasons), or releases it. */
export async function patchItem(deps: AppDeps, ctx: RequestCtx, itemId: string, input: TPublicationItemPatch) {
  const item = (await deps.db.select().from(publicationItems).where(eq(publicationItems.id, itemId)))[0];
  const entry = item
    ? (await deps.db.select().from(publicationEntries).where(eq(publicationEntries.id, item.entryId)))[0]
    : undefined;
  if (!item || !entry) throw notFound('公开事项');
  const b = await loadBatch(deps, ctx, entry.batchId, 'publication:manage').catch(() => {
    throw notFound('公开事项');
  });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await touchDraft(tx, b, input.version, now);
    await tx
      .update(publicationItems)
      .set({
        withheld: input.withheld,
        withholdReason: input.withheld ? (input.withholdReason ?? null) : null,
        withholdNote: input.withheld ? (input.withholdNote ?? null) : null,
      })
      .where(eq(publicationItems.id, item.id));
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectification.publication.withhold',
      objectType: 'publicationItem',
      objectId: item.id,
      detail: { withheld: input.withheld, reason: input.withholdReason ?? null },
    });
  });
  return getBatch(deps, ctx, b.id);
}

/** Defers an organization (延后公示) with the reason, or takes the deferral back. */
export async function patchEntry(deps: AppDeps, ctx: RequestCtx, entryId: string, input: TPublicationEntryPatch) {
  const entry = (await deps.db.select().from(publicationEntries).where(eq(publicationEntries.id, entryId)))[0];
  if (!entry) throw notFound('公开单位');
  const b = await loadBatch(deps, ctx, entry.batchId, 'publication:manage').catch(() => {
    throw notFound('公开单位');
  });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await touchDraft(tx, b, input.version, now);
    await tx
      .update(publicationEntries)
      .set({ deferred: input.deferred, deferReason: input.deferred ? (input.deferReason ?? null) : null })
      .where(eq(publicationEntries.id, entry.id));
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectification.publication.defer',
      objectType: 'publicationEntry',
      objectId: entry.id,
      detail: { deferred: input.deferred, reason: input.deferReason ?? null },
    });
  });
  return getBatch(deps, ctx, b.id);
}

async function problemsOf(deps: AppDeps, b: BatchRow, edition: TPublicationVersion) {
  const dto = await batchDto(deps.db, b);
  const { settings } = await rectificationSettingsOf(deps.db, b.authorityId);
  return publicationProblems(
    {
      number: dto.number,
      edition,
      entries: dto.entries.map((e) => ({
        inspectionId: e.inspectionId,
        orgId: e.orgId,
        orgName: e.orgName,
        grade: e.grade,
        deferred: e.deferred,
        deferReason: e.deferReason,
        // The 党内通报 carries every item; withholding applies to the 社会公开 version only.
        items: e.items.map((i) =>
          edition === 'internal'
            ? { text: i.text, withheld: false, withholdReason: null }
            : { text: i.text, withheld: i.withheld, withholdReason: i.withholdReason },
        ),
      })),
    },
    settings.deferGrades,
  );
}

/** An office leader approves one version of the batch (党内通报 or 社会公开). */
export async function approveBatch(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: { version: number; edition: TPublicationVersion },
) {
  const b = await loadBatch(deps, ctx, id, 'publication:approve');
  if (b.status !== 'draft') throw conflict('该批次已公开');
  const problems = await problemsOf(deps, b, input.edition);
  if (problems.length) throw bad(problems.join('；'), { problems });
  const now = deps.clock.now();
  const on = today(deps.clock);
  await deps.db.transaction(async (tx) => {
    const set =
      input.edition === 'internal'
        ? { internalApprovedOn: on, internalApprovedBy: ctx.actor.displayName }
        : { publicApprovedOn: on, publicApprovedBy: ctx.actor.displayName };
    const res = await tx
      .update(publicationBatches)
      .set({ ...set, version: b.version + 1, updatedAt: now })
      .where(
        and(
          eq(publicationBatches.id, b.id),
          eq(publicationBatches.version, input.version),
          eq(publicationBatches.status, 'draft'),
        ),
      )
      .returning({ id: publicationBatches.id });
    if (!res.length) throw stale('公开批次');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectification.publication.approve',
      objectType: 'publicationBatch',
      objectId: b.id,
      detail: { edition: input.edition },
    });
  });
  return getBatch(deps, ctx, b.id);
}

/**
 * Publishes an approved batch; every inspection of it whose organizations are now all published
 * moves to `published` through planning's stage machine.
 */
export async function publishBatch(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: { version: number; publishedOn?: string },
) {
  const b = await loadBatch(deps, ctx, id, 'publication:approve');
  if (b.status !== 'draft') throw conflict('该批次已公开');
  if (!b.internalApprovedOn || !b.publicApprovedOn)
    throw conflict(`尚未审定${!b.internalApprovedOn ? '党内通报版本' : '社会公开版本'}，不能公开`);
  const on = input.publishedOn ?? today(deps.clock);
  if (on > today(deps.clock)) throw bad('公开日期不能晚于今天', { field: 'publishedOn' });
  const problems = await problemsOf(deps, b, 'public');
  if (problems.length) throw bad(problems.join('；'), { problems });
  const inspectionIds = [
    ...new Set(
      (
        await deps.db
          .select({ id: publicationEntries.inspectionId })
          .from(publicationEntries)
          .where(eq(publicationEntries.batchId, b.id))
      ).map((r) => r.id),
    ),
  ];
  const insps = [];
  for (const inspectionId of inspectionIds)
    insps.push(await rectInspection(deps, ctx, inspectionId, 'rectification:read'));
  if (insps.some((i) => i.evaluatedDate && on < i.evaluatedDate))
    throw bad('公开日期不能早于整改评估日期', { field: 'publishedOn' });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const res = await tx
      .update(publicationBatches)
      .set({ status: 'published', publishedOn: on, version: b.version + 1, updatedAt: now })
      .where(
        and(
          eq(publicationBatches.id, b.id),
          eq(publicationBatches.version, input.version),
          eq(publicationBatches.status, 'draft'),
        ),
      )
      .returning({ id: publicationBatches.id });
    if (!res.length) throw stale('公开批次');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'rectification.publication.publish',
      objectType: 'publicationBatch',
      objectId: b.id,
      detail: { number: b.number, publishedOn: on },
    });
  });
  for (const insp of insps) {
    if (insp.stage !== 'evaluated') continue;
    const facts = await rectificationFacts(deps.db, insp.id);
    if (facts.every((f) => f.published))
      await transitionInspection(deps, ctx, insp.id, { version: insp.version, to: 'published', date: on });
  }
  return getBatch(deps, ctx, b.id);
}
