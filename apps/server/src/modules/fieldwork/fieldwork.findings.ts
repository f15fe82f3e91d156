import {
  AppError,
  ErrorCode,
  findingImmediateProblems,
  searchKey,
  type TFinding,
  type TFindingCreate,
  type TFindingListItem,
  type TFindingListQuery,
  type TFindingSource,
  type TFindingUpdate,
  type TPaperFindingCreate,
  type TSeverity,
  type TTaxonomyLevel,
  taxonomyPath,
  taxonomySubtree,
} from '@xc/domain';
import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { findings, workingPapers } from '../../db/schema/fieldwork.ts';
import { notFound, perRequest } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere, type Db } from '../../platform/db.ts';
import { pgErrorOf } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginateItems } from '../../platform/pagination.ts';
import { visibleInspectionIds, visibleRecordsSql } from '../planning/index.ts';
import {
  assertRecordingStage,
  bad,
  conflict,
  type InspectionBrief,
  type InspectionRow,
  inspectionBrief,
  inspectionBriefs,
  seatOn,
  stale,
  targetOf,
  workInspection,
} from './fieldwork.access.ts';
import { assertNode, assertRegulations, authorityOfNode, regulationRefs, taxonomyRows } from './fieldwork.libraries.ts';
import { paperFor } from './fieldwork.papers.ts';

// 问题: from signed-off papers, entered directly by the team's leader, or taken over by the office
// from an earlier ledger; classified on the authority's taxonomy; listed across inspections with
// filters and keyset paging (created_at desc, id desc) over the denormalized columns.

type FindingRow = typeof findings.$inferSelect;
type TaxonomyRow = Awaited<ReturnType<typeof taxonomyRows>>[number];

/** The taxonomy of each authority, read once per request (or per call without a request). */
async function taxonomies(db: Db, authorityIds: readonly string[], ctx?: RequestCtx) {
  const out = new Map<string, TaxonomyRow[]>();
  for (const aid of new Set(authorityIds)) {
    const load = () => taxonomyRows(db, aid);
    out.set(aid, ctx ? await perRequest(ctx.actor, `fieldwork:taxonomy:${aid}`, load) : await load());
  }
  return out;
}

const asLike = (rows: TaxonomyRow[]) => rows.map((n) => ({ ...n, level: n.level as TTaxonomyLevel }));

/**
 * The columns a list item shows: a page leaves out the facts and the search key (the two long texts
 * of a finding), which its detail and the export read.
 */
const listColumns = {
  id: findings.id,
  inspectionId: findings.inspectionId,
  authorityId: findings.authorityId,
  termId: findings.termId,
  roundId: findings.roundId,
  orgId: findings.orgId,
  sector: findings.sector,
  title: findings.title,
  source: findings.source,
  workingPaperId: findings.workingPaperId,
  taxonomyNodeId: findings.taxonomyNodeId,
  severity: findings.severity,
  common: findings.common,
  immediate: findings.immediate,
  immediateFixedOn: findings.immediateFixedOn,
  createdByName: findings.createdByName,
  createdAt: findings.createdAt,
  version: findings.version,
};
type ListRow = Pick<FindingRow, keyof typeof listColumns>;

async function listItems(db: Db, rows: ListRow[], ctx?: RequestCtx): Promise<TFindingListItem[]> {
  if (!rows.length) return [];
  const [briefs, trees, papers] = await Promise.all([
    inspectionBriefs(
      db,
      rows.map((r) => r.inspectionId),
    ),
    taxonomies(
      db,
      rows.map((r) => r.authorityId),
      ctx,
    ),
    (async () => {
      const ids = rows.map((r) => r.workingPaperId).filter((x): x is string => !!x);
      return ids.length
        ? db
            .select({ id: workingPapers.id, number: workingPapers.number })
            .from(workingPapers)
            .where(inArray(workingPapers.id, ids))
        : [];
    })(),
  ]);
  const numbers = new Map(papers.map((p) => [p.id, p.number]));
  return rows.map((r) => {
    const b = briefs.get(r.inspectionId) as InspectionBrief;
    return {
      id: r.id,
      inspectionId: r.inspectionId,
      inspectionLabel: b?.label ?? '',
      authorityId: r.authorityId,
      termId: r.termId,
      roundId: r.roundId,
      orgId: r.orgId,
      orgName: b?.targets.find((t) => t.orgId === r.orgId)?.name ?? null,
      sector: r.sector,
      title: r.title,
      source: r.source as TFindingSource,
      workingPaperId: r.workingPaperId,
      paperNumber: r.workingPaperId ? (numbers.get(r.workingPaperId) ?? null) : null,
      taxonomyNodeId: r.taxonomyNodeId,
      taxonomyPath: taxonomyPath(asLike(trees.get(r.authorityId) ?? []), r.taxonomyNodeId),
      severity: r.severity as TSeverity | null,
      common: r.common,
      immediate: r.immediate,
      immediateFixedOn: r.immediateFixedOn,
      createdByName: r.createdByName,
      createdAt: r.createdAt.toISOString(),
      version: r.version,
    };
  });
}

async function findingDto(db: Db, r: FindingRow, ctx?: RequestCtx): Promise<TFinding> {
  const [item] = await listItems(db, [r], ctx);
  const refs = await regulationRefs(db, r.authorityId, r.regulationIds);
  return {
    ...(item as TFindingListItem),
    facts: r.facts,
    immediateAction: r.immediateAction,
    regulations: r.regulationIds.flatMap((id) => {
      const x = refs.get(id);
      return x ? [x] : [];
    }),
  };
}

/**
 * The list's filters, within the inspections the caller sees. A taxonomy node belongs to one
 * authority's tree and a finding is classified only on its own authority's (assertNode), so the node
 * fixes the authority: it stands in for an authority filter instead of being ANDed with one, which
 * kept PostgreSQL intersecting the authority's whole index with the node's (30 ms at 1,000,000).
 */
async function findingFilter(
  deps: AppDeps,
  ctx: RequestCtx,
  q: Omit<TFindingListQuery, 'limit' | 'cursor'>,
): Promise<SQL[]> {
  const conds: SQL[] = [];
  let authorityId = q.authorityId;
  if (q.taxonomyNodeId) {
    const nodeAuthority = await authorityOfNode(deps.db, q.taxonomyNodeId);
    if (!nodeAuthority || (authorityId && authorityId !== nodeAuthority)) return [sql`false`];
    const tree = (await taxonomies(deps.db, [nodeAuthority], ctx)).get(nodeAuthority) ?? [];
    const ids = taxonomySubtree(asLike(tree), q.taxonomyNodeId);
    conds.push(ids.length ? inArray(findings.taxonomyNodeId, ids) : sql`false`);
    authorityId = nodeAuthority;
  } else if (authorityId) conds.push(eq(findings.authorityId, authorityId));
  conds.unshift(
    await visibleRecordsSql(
      deps,
      ctx,
      'fieldwork:read',
      { authorityId: findings.authorityId, inspectionId: findings.inspectionId },
      { ...q, authorityId },
    ),
  );
  if (q.termId) conds.push(eq(findings.termId, q.termId));
  if (q.roundId) conds.push(eq(findings.roundId, q.roundId));
  if (q.inspectionId) conds.push(eq(findings.inspectionId, q.inspectionId));
  if (q.sector) conds.push(eq(findings.sector, q.sector));
  if (q.common) conds.push(eq(findings.common, q.common === 'true'));
  if (q.immediate) conds.push(eq(findings.immediate, q.immediate === 'true'));
  if (q.severity) conds.push(eq(findings.severity, q.severity));
  if (q.source) conds.push(eq(findings.source, q.source));
  if (q.q) conds.push(sql`${findings.searchKey} like ${`%${searchKey(q.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return conds;
}

export async function listFindings(deps: AppDeps, ctx: RequestCtx, q: TFindingListQuery) {
  const { db } = deps;
  const conds = await findingFilter(deps, ctx, q);
  return paginateItems(
    {
      limit: q.limit,
      cursor: q.cursor,
      parts: ['timestamp', 'uuid'],
      after: ([at, id]) => sql`(${findings.createdAt}, ${findings.id}) < (${at}::timestamptz, ${id}::uuid)`,
      count: () => countWhere(db, findings, and(...conds)),
      fetch: (from, n) =>
        db
          .select(listColumns)
          .from(findings)
          .where(and(...conds, from))
          .orderBy(desc(findings.createdAt), desc(findings.id))
          .limit(n),
      key: (r) => [r.createdAt.toISOString(), r.id],
    },
    (rows) => listItems(db, rows, ctx),
  );
}

/** Every finding of the filtered view (up to `max`), for the export. */
export async function findingsForExport(
  deps: AppDeps,
  ctx: RequestCtx,
  q: Omit<TFindingListQuery, 'limit' | 'cursor'>,
  max: number,
): Promise<TFinding[]> {
  const rows = await deps.db
    .select()
    .from(findings)
    .where(and(...(await findingFilter(deps, ctx, q))))
    .orderBy(desc(findings.createdAt), desc(findings.id))
    .limit(max);
  const items = await listItems(deps.db, rows, ctx);
  return rows.map((r, i) => ({
    ...(items[i] as TFindingListItem),
    facts: r.facts,
    immediateAction: r.immediateAction,
    regulations: [],
  }));
}

async function loadFinding(deps: AppDeps, ctx: RequestCtx, id: string, permission: 'fieldwork:read' | 'finding:write') {
  const row = (
    await deps.db
      .select()
      .from(findings)
      .where(
        and(
          eq(findings.id, id),
          sql`${findings.inspectionId} in (${await visibleInspectionIds(deps, ctx, permission)})`,
        ),
      )
  )[0];
  if (!row) throw notFound('问题');
  return row;
}

export async function getFinding(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TFinding> {
  return findingDto(deps.db, await loadFinding(deps, ctx, id, 'fieldwork:read'), ctx);
}

/**
 * Who writes findings: on the team, its 组长 only (a member's problem goes through a working paper);
 * off the team, the office. Returns the source of a direct entry by this caller.
 */
async function writerSource(deps: AppDeps, ctx: RequestCtx, insp: InspectionRow): Promise<'direct' | 'ledger'> {
  const seat = await seatOn(deps, ctx, insp.teamId);
  if (seat.teamRole && seat.teamRole !== 'leader')
    throw new AppError(ErrorCode.Forbidden, '问题由组长直接录入，组员发现的问题请撰写问题底稿');
  return seat.teamRole ? 'direct' : 'ledger';
}

interface NewFinding {
  title: string;
  facts: string;
  source: TFindingSource;
  workingPaperId?: string;
  orgId?: string | null;
  taxonomyNodeId?: string | undefined;
  severity?: TSeverity | undefined;
  common: boolean;
  immediate: boolean;
  immediateFixedOn?: string | undefined;
  immediateAction?: string | undefined;
  regulationIds: string[];
}

async function insertFinding(
  tx: Db,
  ctx: RequestCtx,
  insp: InspectionRow,
  b: InspectionBrief,
  f: NewFinding,
  now: Date,
): Promise<string> {
  const org = targetOf(b, f.orgId);
  const id = uuidv7(now.getTime());
  await tx.insert(findings).values({
    id,
    authorityId: insp.authorityId,
    termId: insp.termId,
    roundId: insp.roundId,
    inspectionId: insp.id,
    orgId: org.orgId,
    sector: org.sector,
    title: f.title,
    facts: f.facts,
    searchKey: searchKey(`${f.title}\n${f.facts}`),
    source: f.source,
    workingPaperId: f.workingPaperId ?? null,
    taxonomyNodeId: f.taxonomyNodeId ?? null,
    severity: f.severity ?? null,
    common: f.common,
    immediate: f.immediate,
    immediateFixedOn: f.immediateFixedOn ?? null,
    immediateAction: f.immediateAction || null,
    regulationIds: f.regulationIds,
    createdById: ctx.actor.userId,
    createdByName: ctx.actor.displayName,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

export async function createFinding(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  input: TFindingCreate,
): Promise<TFinding> {
  const { db, clock } = deps;
  const insp = await workInspection(deps, ctx, inspectionId, 'finding:write');
  assertRecordingStage('finding', insp.stage);
  const source = (await writerSource(deps, ctx, insp)) === 'direct' ? input.source : 'ledger';
  if (input.taxonomyNodeId) await assertNode(db, insp.authorityId, input.taxonomyNodeId);
  await assertRegulations(db, insp.authorityId, input.regulationIds);
  const b = await inspectionBrief(db, insp.id);
  const now = clock.now();
  let id = '';
  await db.transaction(async (tx) => {
    id = await insertFinding(tx, ctx, insp, b, { ...input, source }, now);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'finding.create',
      objectType: 'finding',
      objectId: id,
      detail: { inspectionId: insp.id, source },
    });
  });
  return findingDto(db, (await db.select().from(findings).where(eq(findings.id, id)))[0] as FindingRow, ctx);
}

/** A signed-off paper becomes a finding, once: the unique paper id and a conditional link both say so. */
export async function findingFromPaper(
  deps: AppDeps,
  ctx: RequestCtx,
  paperId: string,
  input: TPaperFindingCreate,
): Promise<TFinding> {
  const { db, clock } = deps;
  const paper = await paperFor(deps, ctx, paperId, 'fieldwork:read');
  const insp = await workInspection(deps, ctx, paper.inspectionId, 'finding:write');
  assertRecordingStage('finding', insp.stage);
  await writerSource(deps, ctx, insp);
  if (paper.status !== 'signedOff') throw conflict('底稿尚未经组长审签，不能转为问题');
  if (paper.findingId) throw conflict('该底稿已转为问题');
  if (input.taxonomyNodeId) await assertNode(db, insp.authorityId, input.taxonomyNodeId);
  const b = await inspectionBrief(db, insp.id);
  const now = clock.now();
  let id = '';
  try {
    await db.transaction(async (tx) => {
      id = await insertFinding(
        tx,
        ctx,
        insp,
        b,
        {
          ...input,
          title: paper.title,
          facts: paper.facts,
          source: 'workingPaper',
          workingPaperId: paper.id,
          orgId: paper.orgId,
          regulationIds: paper.regulationIds,
        },
        now,
      );
      const linked = await tx
        .update(workingPapers)
        .set({ findingId: id })
        .where(
          and(eq(workingPapers.id, paper.id), eq(workingPapers.status, 'signedOff'), isNull(workingPapers.findingId)),
        )
        .returning({ id: workingPapers.id });
      if (!linked.length) throw conflict('该底稿已转为问题');
      await writeAudit(tx, now, {
        ...auditOf(ctx),
        action: 'finding.fromPaper',
        objectType: 'finding',
        objectId: id,
        detail: { inspectionId: insp.id, workingPaperId: paper.id, number: paper.number },
      });
    });
  } catch (e) {
    // Two conversions at once: the unique paper id lets one in.
    if (pgErrorOf(e)?.code === '23505') throw conflict('该底稿已转为问题');
    throw e;
  }
  return findingDto(db, (await db.select().from(findings).where(eq(findings.id, id)))[0] as FindingRow, ctx);
}

export async function updateFinding(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: TFindingUpdate,
): Promise<TFinding> {
  const { db, clock } = deps;
  const cur = await loadFinding(deps, ctx, id, 'finding:write');
  const insp = await workInspection(deps, ctx, cur.inspectionId, 'finding:write');
  assertRecordingStage('finding', insp.stage);
  await writerSource(deps, ctx, insp);
  const merged = {
    immediate: input.immediate ?? cur.immediate,
    immediateFixedOn: input.immediateFixedOn === undefined ? cur.immediateFixedOn : input.immediateFixedOn,
    immediateAction: input.immediateAction === undefined ? cur.immediateAction : input.immediateAction,
  };
  // Unmarking 立行立改 clears what was recorded with it, unless the same request sets it again.
  if (input.immediate === false) {
    if (input.immediateFixedOn === undefined) merged.immediateFixedOn = null;
    if (input.immediateAction === undefined) merged.immediateAction = null;
  }
  const problem = findingImmediateProblems(merged)[0];
  if (problem) throw bad(problem.message, { field: problem.path });
  if (input.taxonomyNodeId) await assertNode(db, insp.authorityId, input.taxonomyNodeId);
  if (input.regulationIds) await assertRegulations(db, insp.authorityId, input.regulationIds);
  let org: { orgId: string | null; sector: string | null } = { orgId: cur.orgId, sector: cur.sector };
  if (input.orgId !== undefined) {
    const t = input.orgId === null ? null : targetOf(await inspectionBrief(db, insp.id), input.orgId);
    org = { orgId: t?.orgId ?? null, sector: t?.sector ?? null };
  }
  const now = clock.now();
  const { version, ...fields } = input;
  const title = fields.title ?? cur.title;
  const facts = fields.facts ?? cur.facts;
  await db.transaction(async (tx) => {
    const res = await tx
      .update(findings)
      .set({
        ...fields,
        ...merged,
        immediateAction: merged.immediateAction || null,
        ...org,
        searchKey: searchKey(`${title}\n${facts}`),
        updatedAt: now,
        version: cur.version + 1,
      })
      .where(and(eq(findings.id, id), eq(findings.version, version)))
      .returning({ id: findings.id });
    if (!res.length) throw stale('问题');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'finding.update',
      objectType: 'finding',
      objectId: id,
      detail: { fields: Object.keys(fields) },
    });
  });
  return findingDto(db, (await db.select().from(findings).where(eq(findings.id, id)))[0] as FindingRow, ctx);
}

// ---------------------------------------------------------------- for other modules (index.ts)

export interface FindingBrief {
  id: string;
  inspectionId: string;
  orgId: string | null;
  sector: string | null;
  title: string;
  facts: string;
  taxonomyNodeId: string | null;
  taxonomyPath: string[];
  severity: TSeverity | null;
  common: boolean;
  immediate: boolean;
}

async function briefs(db: Db, rows: FindingRow[]): Promise<FindingBrief[]> {
  const trees = await taxonomies(
    db,
    rows.map((r) => r.authorityId),
  );
  return rows.map((r) => ({
    id: r.id,
    inspectionId: r.inspectionId,
    orgId: r.orgId,
    sector: r.sector,
    title: r.title,
    facts: r.facts,
    taxonomyNodeId: r.taxonomyNodeId,
    taxonomyPath: taxonomyPath(asLike(trees.get(r.authorityId) ?? []), r.taxonomyNodeId),
    severity: r.severity as TSeverity | null,
    common: r.common,
    immediate: r.immediate,
  }));
}

/** The findings of some inspections, in the order they were recorded. No scope check. */
export async function findingsOfInspections(db: Db, inspectionIds: readonly string[]): Promise<FindingBrief[]> {
  if (!inspectionIds.length) return [];
  const rows = await db
    .select()
    .from(findings)
    .where(inArray(findings.inspectionId, [...new Set(inspectionIds)]))
    .orderBy(findings.createdAt, findings.id);
  return briefs(db, rows);
}

/** Findings by id (those that exist), in the order asked. No scope check. */
export async function findingsByIds(db: Db, ids: readonly string[]): Promise<FindingBrief[]> {
  if (!ids.length) return [];
  const rows = await db
    .select()
    .from(findings)
    .where(inArray(findings.id, [...new Set(ids)]));
  const out = new Map((await briefs(db, rows)).map((f) => [f.id, f]));
  return ids.flatMap((id) => (out.has(id) ? [out.get(id) as FindingBrief] : []));
}

/** Rows of an inspection's findings for the report (in order: paper numbers, then the rest). */
export async function reportFindingRows(db: Db, inspectionId: string) {
  return db
    .select({
      id: findings.id,
      title: findings.title,
      facts: findings.facts,
      taxonomyNodeId: findings.taxonomyNodeId,
      authorityId: findings.authorityId,
      seq: workingPapers.seq,
    })
    .from(findings)
    .leftJoin(workingPapers, eq(workingPapers.id, findings.workingPaperId))
    .where(eq(findings.inspectionId, inspectionId))
    .orderBy(sql`${workingPapers.seq} nulls last`, findings.createdAt, findings.id);
}

/** Titles of findings by id (those that exist). No scope check. */
export async function findingTitles(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: findings.id, title: findings.title })
    .from(findings)
    .where(inArray(findings.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.title]));
}

export interface FindingCountFilter {
  termId?: string;
  roundId?: string;
  inspectionId?: string;
  orgId?: string;
}

function countConds(f: FindingCountFilter): SQL[] {
  const conds: SQL[] = [];
  if (f.termId) conds.push(eq(findings.termId, f.termId));
  if (f.roundId) conds.push(eq(findings.roundId, f.roundId));
  if (f.inspectionId) conds.push(eq(findings.inspectionId, f.inspectionId));
  if (f.orgId) conds.push(eq(findings.orgId, f.orgId));
  return conds.length ? conds : [sql`false`];
}

/** How many findings a term, round, inspection or organization has (the figures' denominator). No scope check. */
export async function countFindings(db: Db, f: FindingCountFilter): Promise<number> {
  return countWhere(db, findings, and(...countConds(f)));
}

/** Findings per inspection and organization under a filter (a round's, a term's). No scope check. */
export async function findingCountsByTarget(
  db: Db,
  f: FindingCountFilter,
): Promise<{ inspectionId: string; orgId: string | null; n: number }[]> {
  const rows = await db
    .select({ inspectionId: findings.inspectionId, orgId: findings.orgId, n: sql<number>`count(*)::int` })
    .from(findings)
    .where(and(...countConds(f)))
    .groupBy(findings.inspectionId, findings.orgId);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/**
 * 回头看: a finding of the look-back inspection, made from a recheck that found an earlier finding's
 * rectification inadequate (不到位). The caller works on the look-back inspection (its team); the
 * finding is written in `tx` when given, so the recheck and the finding it becomes commit together.
 * Returns the finding's id.
 */
export async function createFindingFrom(
  deps: AppDeps,
  ctx: RequestCtx,
  input: {
    inspectionId: string;
    title: string;
    facts: string;
    source: 'lookBack';
    /** The earlier finding this one continues, kept in the audit. */
    sourceRef: string;
    orgId?: string | null;
    taxonomyNodeId?: string | null;
  },
  tx?: Db,
): Promise<string> {
  const insp = await workInspection(deps, ctx, input.inspectionId, 'fieldwork:write');
  assertRecordingStage('finding', insp.stage);
  const b = await inspectionBrief(deps.db, insp.id);
  const node = input.taxonomyNodeId
    ? (await taxonomyRows(deps.db, insp.authorityId)).some((n) => n.id === input.taxonomyNodeId)
      ? input.taxonomyNodeId
      : undefined
    : undefined;
  const now = deps.clock.now();
  const write = async (db: Db) => {
    const id = await insertFinding(
      db,
      ctx,
      insp,
      b,
      {
        title: input.title,
        facts: input.facts,
        source: input.source,
        orgId: input.orgId ?? null,
        taxonomyNodeId: node,
        common: false,
        immediate: false,
        regulationIds: [],
      },
      now,
    );
    await writeAudit(db, now, {
      ...auditOf(ctx),
      action: 'finding.create',
      objectType: 'finding',
      objectId: id,
      detail: { inspectionId: insp.id, source: input.source, sourceRef: input.sourceRef },
    });
    return id;
  };
  return tx ? write(tx) : deps.db.transaction(write);
}

/**
 * The findings of a term (or only those of `ids` among them), light rows for 以巡促治's grouping into
 * common problems: what groupCommonProblems needs and the title. No scope check.
 */
export async function findingsOfTerm(db: Db, termId: string, ids?: readonly string[]) {
  if (ids && !ids.length) return [];
  return db
    .select({
      id: findings.id,
      authorityId: findings.authorityId,
      inspectionId: findings.inspectionId,
      orgId: findings.orgId,
      sector: findings.sector,
      taxonomyNodeId: findings.taxonomyNodeId,
      common: findings.common,
      title: findings.title,
    })
    .from(findings)
    .where(and(eq(findings.termId, termId), ids ? inArray(findings.id, [...new Set(ids)]) : undefined))
    .orderBy(findings.createdAt, findings.id);
}
