// The fieldwork module's front door (巡察实施与报告): the stage guard the planning stage machine asks,
// readers of findings, clue counts and the taxonomy for the modules that follow (rectification,
// governance, statistics), and the ways 巡审贯通 turns a comparison hit into a draft. Other modules
// import this file only, never the module's tables or inner files.
import {
  reportHeardProblem,
  type TClueSubjectIn,
  type TDiscipline,
  type TEvidenceIn,
  type TResponsibility,
  type TTaxonomyLevel,
  type TTaxonomyNode,
  untransferredProblem,
} from '@xc/domain';
import { eq } from 'drizzle-orm';
import { clues } from '../../db/schema/fieldwork.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx, StageGuard } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { bad, workInspection } from './fieldwork.access.ts';
import { clueCounts, clueStatusCounts, insertClue } from './fieldwork.clues.ts';
import { settingsOf, taxonomyRows } from './fieldwork.libraries.ts';
import { hearingsOf } from './fieldwork.meetings.ts';
import { insertPaper } from './fieldwork.papers.ts';

// For the demo seed, which writes rows as the services do: the libraries' first rows, sealed clue columns.
export { factsColumns, subjectColumns } from './fieldwork.clues.ts';
export { fieldworkArchiveSources } from './fieldwork.documents.ts';
export {
  countFindings,
  createFindingFrom,
  type FindingBrief,
  type FindingCountFilter,
  findingCountsByTarget,
  findingsByIds,
  findingsOfInspections,
  findingsOfTerm,
  findingTitles,
} from './fieldwork.findings.ts';
export { libraryRows } from './fieldwork.libraries.ts';
export { assignedMattersOf, hearingsOfInspections } from './fieldwork.meetings.ts';
export { reportForFeedback } from './fieldwork.report.ts';
export { fieldworkRoutes } from './fieldwork.routes.ts';

/**
 * What the fieldwork adds to the stage machine: reporting → feedback needs the report heard by the
 * meeting the authority's settings name (书记专题会 by default), on or after leaving the site; leaving
 * `transfer` (→ rectifying) needs every clue of the inspection transferred. The planning module
 * answers 409 with the sentence returned here.
 */
export const fieldworkStageGuard: StageGuard = async (db, inspection, to) => {
  if (to === 'feedback') {
    const { reportHearingKinds } = await settingsOf(db, inspection.authorityId);
    return reportHeardProblem(await hearingsOf(db, inspection.id), {
      exitDate: inspection.exitDate,
      kinds: reportHearingKinds,
    });
  }
  if (inspection.stage === 'transfer' && to === 'rectifying')
    return untransferredProblem(await clueStatusCounts(db, inspection.id));
  return null;
};

/** A term's clues in 件, 人 (distinct people) and 人次, and those transferred (件 and 人). No scope check. */
export function clueCountsOfTerm(db: Db, termId: string) {
  return clueCounts(db, eq(clues.termId, termId));
}

/** An authority's problem taxonomy (seeded from the domain's default on first use), in display order. */
export async function taxonomyOf(db: Db, authorityId: string): Promise<TTaxonomyNode[]> {
  return (await taxonomyRows(db, authorityId)).map((n) => ({
    id: n.id,
    authorityId: n.authorityId,
    parentId: n.parentId,
    level: n.level as TTaxonomyLevel,
    name: n.name,
    shortName: n.shortName,
    sortOrder: n.sortOrder,
    version: n.version,
  }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * 巡审贯通: a comparison hit becomes a draft working paper of the caller (a member of the inspection's
 * team), numbered like any paper and reviewed through 三审. `sourceRef` names the hit; it is kept in
 * the evidence list and the audit. Returns the paper's id.
 */
export async function createPaperDraftFrom(
  deps: AppDeps,
  ctx: RequestCtx,
  input: {
    inspectionId: string;
    title: string;
    facts: string;
    evidence: TEvidenceIn[];
    source: 'auditLink';
    sourceRef: string;
    responsibility?: TResponsibility;
  },
): Promise<string> {
  const insp = await workInspection(deps, ctx, input.inspectionId, 'fieldwork:write');
  return insertPaper(
    deps,
    ctx,
    insp,
    {
      title: input.title,
      facts: input.facts,
      evidence: [...input.evidence, { kind: 'document', label: `巡审贯通比对结果（${input.sourceRef}）` }],
      regulationIds: [],
      responsibility: input.responsibility ?? 'principal',
      foundOn: today(deps.clock),
      foundByIds: [],
    },
    { source: input.source, sourceRef: input.sourceRef },
  );
}

/**
 * 巡审贯通: a comparison hit becomes a clue awaiting transfer, recorded by a member of the inspection's
 * team with source 巡审贯通 and `sourceRef` (the hit's id) as its source record. Returns the clue's id.
 */
export async function createClueDraftFrom(
  deps: AppDeps,
  ctx: RequestCtx,
  input: {
    inspectionId: string;
    subjects: TClueSubjectIn[];
    discipline: TDiscipline;
    facts: string;
    source: 'auditLink';
    sourceRef: string;
    evidence?: TEvidenceIn[];
  },
): Promise<string> {
  if (!UUID.test(input.sourceRef)) throw bad('巡审贯通的来源记录编号格式不正确', { field: 'sourceRef' });
  const insp = await workInspection(deps, ctx, input.inspectionId, 'clue:write');
  return insertClue(
    deps,
    ctx,
    insp,
    {
      subjects: input.subjects,
      discipline: input.discipline,
      facts: input.facts,
      source: input.source,
      sourceRefId: input.sourceRef,
      evidence: input.evidence ?? [],
    },
    { sourceRef: input.sourceRef },
  );
}
