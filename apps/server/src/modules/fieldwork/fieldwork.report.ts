import {
  diffLines,
  reportDraftText,
  reportOutline,
  type TReport,
  type TReportSave,
  type TReportVersion,
  type TTaxonomyLevel,
} from '@xc/domain';
import { and, desc, eq } from 'drizzle-orm';
import { reportVersions } from '../../db/schema/fieldwork.ts';
import { notFound } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { pgErrorOf } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { assertRecordingStage, type InspectionRow, stale, workInspection } from './fieldwork.access.ts';
import { reportFindingRows } from './fieldwork.findings.ts';
import { taxonomyRows } from './fieldwork.libraries.ts';
import { hearingsOf } from './fieldwork.meetings.ts';

// 巡察报告: what the team writes (基本情况和总体评价, 意见建议, 专题报告) saved as numbered versions,
// and 主要问题 drawn from the inspection's findings, grouped by framework and aspect.

type VersionRow = typeof reportVersions.$inferSelect;

function versionDto(v: VersionRow): TReportVersion {
  return {
    id: v.id,
    inspectionId: v.inspectionId,
    number: v.number,
    overview: v.overview,
    suggestions: v.suggestions,
    topicReports: v.topicReports,
    note: v.note,
    savedByName: v.savedByName,
    savedAt: v.savedAt.toISOString(),
  };
}

/** 主要问题 of an inspection: its findings (paper order first) on the authority's taxonomy. */
export async function outlineOf(db: Db, insp: Pick<InspectionRow, 'id' | 'authorityId'>) {
  const [rows, tree] = await Promise.all([reportFindingRows(db, insp.id), taxonomyRows(db, insp.authorityId)]);
  return reportOutline(
    rows.map((r) => ({ id: r.id, title: r.title, facts: r.facts, taxonomyNodeId: r.taxonomyNodeId })),
    tree.map((n) => ({ ...n, level: n.level as TTaxonomyLevel })),
  );
}

export async function versionsOf(db: Db, inspectionId: string): Promise<VersionRow[]> {
  return db
    .select()
    .from(reportVersions)
    .where(eq(reportVersions.inspectionId, inspectionId))
    .orderBy(desc(reportVersions.number));
}

export async function getReport(deps: AppDeps, ctx: RequestCtx, inspectionId: string): Promise<TReport> {
  const insp = await workInspection(deps, ctx, inspectionId, 'report:read');
  const [versions, outline] = await Promise.all([versionsOf(deps.db, insp.id), outlineOf(deps.db, insp)]);
  const latest = versions[0];
  return {
    inspectionId: insp.id,
    current: latest ? versionDto(latest) : null,
    versions: versions.map((v) => ({
      id: v.id,
      number: v.number,
      note: v.note,
      savedByName: v.savedByName,
      savedAt: v.savedAt.toISOString(),
    })),
    outline,
    version: latest?.number ?? 0,
  };
}

/**
 * Every save is a new version: `version` is the number of the version the editor started from, so of
 * two people saving on the same version one gets it and the other 409 (the unique number says so).
 */
export async function saveReportVersion(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  input: TReportSave,
): Promise<TReportVersion> {
  const { db, clock } = deps;
  const insp = await workInspection(deps, ctx, inspectionId, 'report:write');
  assertRecordingStage('report', insp.stage);
  const latest = (await versionsOf(db, insp.id))[0]?.number ?? 0;
  if (input.version !== latest) throw stale('巡察报告');
  const now = clock.now();
  const row: VersionRow = {
    id: uuidv7(now.getTime()),
    authorityId: insp.authorityId,
    inspectionId: insp.id,
    number: latest + 1,
    overview: input.overview,
    suggestions: input.suggestions,
    topicReports: input.topicReports ?? [],
    note: input.note || null,
    savedById: ctx.actor.userId,
    savedByName: ctx.actor.displayName,
    savedAt: now,
  };
  try {
    await db.transaction(async (tx) => {
      await tx.insert(reportVersions).values(row);
      await writeAudit(tx, now, {
        ...auditOf(ctx),
        action: 'report.save',
        objectType: 'inspection',
        objectId: insp.id,
        detail: { number: row.number },
      });
    });
  } catch (e) {
    if (pgErrorOf(e)?.code === '23505') throw stale('巡察报告');
    throw e;
  }
  return versionDto(row);
}

async function versionRow(db: Db, inspectionId: string, n: number): Promise<VersionRow> {
  const v = (
    await db
      .select()
      .from(reportVersions)
      .where(and(eq(reportVersions.inspectionId, inspectionId), eq(reportVersions.number, n)))
  )[0];
  if (!v) throw notFound(`报告第${n}版`);
  return v;
}

export async function getReportVersion(deps: AppDeps, ctx: RequestCtx, inspectionId: string, n: number) {
  const insp = await workInspection(deps, ctx, inspectionId, 'report:read');
  return versionDto(await versionRow(deps.db, insp.id, n));
}

export async function reportDiff(deps: AppDeps, ctx: RequestCtx, inspectionId: string, from: number, to: number) {
  const insp = await workInspection(deps, ctx, inspectionId, 'report:read');
  const [a, b] = await Promise.all([versionRow(deps.db, insp.id, from), versionRow(deps.db, insp.id, to)]);
  return { from, to, lines: diffLines(reportDraftText(a), reportDraftText(b)) };
}

/**
 * What the 反馈意见 is drafted from: the latest version of the report (the one the meetings heard),
 * its 主要问题 drawn from the findings, and the hearings. No scope check.
 */
export async function reportForFeedback(db: Db, insp: Pick<InspectionRow, 'id' | 'authorityId'>) {
  const [versions, outline, hearings] = await Promise.all([
    versionsOf(db, insp.id),
    outlineOf(db, insp),
    hearingsOf(db, insp.id),
  ]);
  const latest = versions[0];
  return {
    version: latest?.number ?? null,
    overview: latest?.overview ?? null,
    suggestions: latest?.suggestions ?? [],
    outline,
    hearings,
  };
}
