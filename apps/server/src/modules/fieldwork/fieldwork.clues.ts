import {
  AppError,
  addCalendarDays,
  clueEditProblem,
  clueFeedbackColour,
  clueFeedbackDue,
  ErrorCode,
  receiverFor,
  type TCadreLevel,
  type TClue,
  type TClueCreate,
  type TClueDisposal,
  type TClueListItem,
  type TClueListQuery,
  type TClueReceiver,
  type TClueResult,
  type TClueSource,
  type TClueStatus,
  type TClueSubjectIn,
  type TClueUpdate,
  type TDeadlineRule,
  type TDiscipline,
  type TEvidenceIn,
  type TPermission,
} from '@xc/domain';
import { and, asc, desc, eq, inArray, ne, notInArray, type SQL, sql } from 'drizzle-orm';
import { clueSubjects, clues, clueTransferBatches } from '../../db/schema/fieldwork.ts';
import { authorityInScope, notFound, perRequest, scopeFor } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { type Db, rowsOf } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { FieldCipher, KeyRing } from '../../platform/keys.ts';
import { paginate } from '../../platform/pagination.ts';
import { authoritiesByIds, orgsByIds } from '../orgs/index.ts';
import { affiliatedOrgIds } from '../personnel/index.ts';
import { countPetitions } from '../petitions/index.ts';
import { calendarFor, deadlinesFor, visibleRecordsSql } from '../planning/index.ts';
import {
  assertRecordingStage,
  bad,
  conflict,
  type InspectionBrief,
  type InspectionRow,
  inspectionBrief,
  inspectionBriefs,
  nameHash,
  personHash,
  seatOn,
  stale,
  targetOf,
  workInspection,
} from './fieldwork.access.ts';
import { assertDocumentReviews, assertFiles, assertInterviews } from './fieldwork.activities.ts';
import { settingsOf } from './fieldwork.libraries.ts';

// 问题线索 (件) and the people they name (人): the most confidential records of the product. Nobody
// of the inspected organization, nobody named in a clue, no other team and no other office ever sees
// one — not in the detail, the lists, the counts or the documents — and every read is audited. The
// receiver's case handler sees only the clues transferred to its own organization.

export type ClueRow = typeof clues.$inferSelect;
type SubjectRow = typeof clueSubjects.$inferSelect;

/**
 * Which clues a caller may see, as a WHERE condition on `clues`: those of the inspections they work on
 * with `permission` (the office, leaders, their own team) and, for a case handler, those transferred
 * to the organization of their account within the authorities of their grant; never one about an
 * organization they belong to, never one that names them.
 */
export async function cluesVisible(
  deps: AppDeps,
  ctx: RequestCtx,
  permission: TPermission,
  within: Parameters<typeof visibleRecordsSql>[4] = {},
): Promise<SQL> {
  const { db, keys } = deps;
  const reach: SQL[] = [
    await visibleRecordsSql(
      deps,
      ctx,
      permission,
      { authorityId: clues.authorityId, inspectionId: clues.inspectionId },
      within,
    ),
  ];
  const handler = caseHandlerReach(ctx);
  if (handler && (permission === 'clue:read' || permission === 'clue:dispose')) reach.push(handler);
  const own = await perRequest(ctx.actor, 'fieldwork:affiliated', () =>
    affiliatedOrgIds(db, ctx.actor.userId, ctx.actor.orgId),
  );
  const me = nameHash(keys, ctx.actor.displayName);
  return and(
    reach.length === 1 ? reach[0] : sql`(${sql.join(reach, sql` or `)})`,
    own.length ? notInArray(clues.orgId, own) : undefined,
    sql`not exists (select 1 from ${clueSubjects} s where s.clue_id = ${clues.id} and s.name_hash = ${me})`,
  ) as SQL;
}

/** A case handler's reach: transferred clues whose receiving organization is the account's own. */
export function caseHandlerReach(ctx: RequestCtx): SQL | null {
  if (!ctx.actor.roles.includes('caseHandler') || !ctx.actor.orgId) return null;
  return and(
    eq(clues.receiverOrgId, ctx.actor.orgId),
    ne(clues.status, 'draft'),
    authorityInScope(scopeFor(ctx.actor, 'clue:dispose'), clues.authorityId),
  ) as SQL;
}

async function loadClue(deps: AppDeps, ctx: RequestCtx, id: string, permission: TPermission): Promise<ClueRow> {
  const row = (
    await deps.db
      .select()
      .from(clues)
      .where(and(eq(clues.id, id), await cluesVisible(deps, ctx, permission)))
  )[0];
  if (!row) throw notFound('问题线索');
  return row;
}

// ---------------------------------------------------------------- reading

interface Deadlines {
  rule: TDeadlineRule;
  cal: Awaited<ReturnType<typeof calendarFor>>;
  warnDays: number;
}

async function deadlinesOf(db: Db, authorityId: string): Promise<Deadlines> {
  const [{ settings }, cal, fw] = await Promise.all([
    deadlinesFor(db, authorityId),
    calendarFor(db, authorityId),
    settingsOf(db, authorityId),
  ]);
  return { rule: settings.clueFeedbackAfterTransfer, cal, warnDays: fw.clueFeedbackWarnDays };
}

function subjectsOf(deps: AppDeps, rows: readonly SubjectRow[]) {
  return rows.map((s) => ({
    name: deps.cipher.decrypt('clue_subjects', s.id, 'name', s.nameEnc),
    post: deps.cipher.decrypt('clue_subjects', s.id, 'post', s.postEnc),
    level: s.level as TCadreLevel,
  }));
}

async function listItems(deps: AppDeps, rows: ClueRow[]): Promise<TClueListItem[]> {
  if (!rows.length) return [];
  const { db, clock } = deps;
  const ids = rows.map((r) => r.id);
  const [subjects, briefs, authorities, orgs, batches] = await Promise.all([
    db
      .select()
      .from(clueSubjects)
      .where(inArray(clueSubjects.clueId, ids))
      .orderBy(asc(clueSubjects.clueId), asc(clueSubjects.seq)),
    inspectionBriefs(
      db,
      rows.map((r) => r.inspectionId),
    ),
    authoritiesByIds(
      db,
      rows.map((r) => r.authorityId),
    ),
    orgsByIds(
      db,
      rows.map((r) => r.receiverOrgId),
    ),
    (async () => {
      const b = rows.map((r) => r.transferBatchId).filter((x): x is string => !!x);
      return b.length
        ? db
            .select({ id: clueTransferBatches.id, letterNumber: clueTransferBatches.letterNumber })
            .from(clueTransferBatches)
            .where(inArray(clueTransferBatches.id, b))
        : [];
    })(),
  ]);
  const aids = [...new Set(rows.map((r) => r.authorityId))];
  const deadlines = new Map(
    (await Promise.all(aids.map((a) => deadlinesOf(db, a)))).map((d, i) => [aids[i] as string, d]),
  );
  const letter = new Map(batches.map((b) => [b.id, b.letterNumber]));
  const on = today(clock);
  return rows.map((r) => {
    const b = briefs.get(r.inspectionId) as InspectionBrief;
    const people = subjectsOf(
      deps,
      subjects.filter((s) => s.clueId === r.id),
    );
    const dl = deadlines.get(r.authorityId) as Deadlines;
    const status = r.status as TClueStatus;
    return {
      id: r.id,
      inspectionId: r.inspectionId,
      inspectionLabel: b?.label ?? '',
      authorityId: r.authorityId,
      termId: r.termId,
      roundId: r.roundId,
      orgId: r.orgId,
      orgName: b?.targets.find((t) => t.orgId === r.orgId)?.name ?? null,
      subjects: people,
      discipline: r.discipline as TDiscipline,
      source: r.source as TClueSource | null,
      sourceRefId: r.sourceRefId,
      status,
      suggestedReceiver: receiverFor(people, r.discipline as TDiscipline, authorities.get(r.authorityId)?.level),
      receiver: r.receiver as TClueReceiver | null,
      receiverOrgId: r.receiverOrgId,
      receiverOrgName: r.receiverOrgId ? (orgs.get(r.receiverOrgId)?.name ?? null) : null,
      transferBatchId: r.transferBatchId,
      transferredOn: r.transferredOn,
      letterNumber: r.transferBatchId ? (letter.get(r.transferBatchId) ?? null) : null,
      disposal: r.disposal as TClueDisposal | null,
      disposedOn: r.disposedOn,
      feedbackDue: r.transferredOn ? clueFeedbackDue(r.transferredOn, dl.rule, dl.cal) : null,
      feedbackColour: clueFeedbackColour({ status, transferredOn: r.transferredOn }, dl.rule, dl.cal, on, dl.warnDays),
      writtenOffOn: r.writtenOffOn,
      createdAt: r.createdAt.toISOString(),
      version: r.version,
    };
  });
}

export async function clueDto(deps: AppDeps, r: ClueRow): Promise<TClue> {
  const [item] = await listItems(deps, [r]);
  return {
    ...(item as TClueListItem),
    facts: deps.cipher.decrypt('clues', r.id, 'facts', r.factsEnc),
    evidence: r.evidence,
    disposalNote: r.disposalNote,
    result: r.result
      ? ({ ...(r.result as Omit<TClueResult, 'resultOn'>), resultOn: r.resultOn ?? '' } as TClueResult)
      : null,
  };
}

/**
 * The latest transfer date whose feedback is already past due today: feedback due dates only grow
 * with the transfer date, so this is a binary search over the past three years.
 */
function overdueCutoff(dl: Deadlines, on: string): string | null {
  let lo = -3 * 366;
  let hi = 0;
  const overdue = (k: number) => clueFeedbackDue(addCalendarDays(on, k), dl.rule, dl.cal) < on;
  if (!overdue(lo)) return null;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (overdue(mid)) lo = mid;
    else hi = mid - 1;
  }
  return addCalendarDays(on, lo);
}

async function clueFilter(
  deps: AppDeps,
  ctx: RequestCtx,
  q: Omit<TClueListQuery, 'limit' | 'cursor'>,
  visible: SQL,
): Promise<SQL[]> {
  const conds: SQL[] = [visible];
  if (q.termId) conds.push(eq(clues.termId, q.termId));
  if (q.roundId) conds.push(eq(clues.roundId, q.roundId));
  if (q.inspectionId) conds.push(eq(clues.inspectionId, q.inspectionId));
  if (q.authorityId) conds.push(eq(clues.authorityId, q.authorityId));
  if (q.status) conds.push(eq(clues.status, q.status));
  if (q.receiver) conds.push(eq(clues.receiver, q.receiver));
  if (q.discipline) conds.push(eq(clues.discipline, q.discipline));
  if (q.overdue === 'true') {
    // Each authority counts its own time limit on its own calendar.
    const scope = scopeFor(ctx.actor, 'clue:read');
    const authorities = q.authorityId ? [q.authorityId] : scope.authorityIds;
    const on = today(deps.clock);
    const parts: SQL[] = [];
    for (const aid of authorities) {
      const cutoff = overdueCutoff(await deadlinesOf(deps.db, aid), on);
      if (cutoff) parts.push(sql`(${clues.authorityId} = ${aid} and ${clues.transferredOn} <= ${cutoff}::date)`);
    }
    conds.push(inArray(clues.status, ['transferred', 'disposing']));
    conds.push(parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`);
  }
  return conds;
}

/**
 * 件, 人 and 人次 under a filter in one statement, and the same for those transferred: 人 are distinct
 * people (personHash) over the whole filter, not a page.
 */
async function countsUnder(db: Db, where: SQL | undefined) {
  const [row] = rowsOf<{ cases: number; transferred: number; persons: number; person_times: number; moved: number }>(
    await db.execute(sql`
      with c as (select ${clues.id} as id, ${clues.status} as status from ${clues} where ${where ?? sql`true`})
      select (select count(*) from c)::int as cases,
             (select count(*) from c where c.status <> 'draft')::int as transferred,
             count(distinct s.person_hash)::int as persons,
             count(s.person_hash)::int as person_times,
             count(distinct s.person_hash) filter (where c.status <> 'draft')::int as moved
      from c left join ${clueSubjects} s on s.clue_id = c.id`),
  );
  return {
    cases: Number(row?.cases ?? 0),
    persons: Number(row?.persons ?? 0),
    personTimes: Number(row?.person_times ?? 0),
    transferred: { cases: Number(row?.transferred ?? 0), persons: Number(row?.moved ?? 0) },
  };
}

async function listWith(deps: AppDeps, ctx: RequestCtx, q: TClueListQuery, visible: SQL, action: string) {
  const { db, clock } = deps;
  const conds = await clueFilter(deps, ctx, q, visible);
  const where = and(...conds);
  // Cases and persons under the filter in one statement; the page's total is its case count.
  const people = countsUnder(db, where);
  people.catch(() => {});
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['timestamp', 'uuid'],
    after: ([at, id]) => sql`(${clues.createdAt}, ${clues.id}) < (${at}::timestamptz, ${id}::uuid)`,
    count: () => people.then((p) => p.cases),
    fetch: (from, n) =>
      db.select().from(clues).where(and(where, from)).orderBy(desc(clues.createdAt), desc(clues.id)).limit(n),
    key: (r) => [r.createdAt.toISOString(), r.id],
  });
  const [items] = await Promise.all([
    listItems(deps, page.rows),
    // A list read is one audited event naming the clues shown.
    writeAudit(db, clock.now(), {
      ...auditOf(ctx),
      action,
      objectType: 'clue',
      detail: { ids: page.rows.map((r) => r.id), total: page.total, filter: { ...q, cursor: undefined } },
    }),
  ]);
  const { persons, personTimes } = await people;
  return { items, total: page.total, nextCursor: page.nextCursor, persons, personTimes };
}

export async function listClues(deps: AppDeps, ctx: RequestCtx, q: TClueListQuery) {
  return listWith(deps, ctx, q, await cluesVisible(deps, ctx, 'clue:read', q), 'clue.list');
}

/** The case handler's own page: only the clues transferred to the organization of the account. */
export async function caseHandlerClues(deps: AppDeps, ctx: RequestCtx, q: TClueListQuery) {
  const reach = caseHandlerReach(ctx);
  const visible = reach ? (and(reach, await cluesVisible(deps, ctx, 'clue:dispose')) as SQL) : sql`false`;
  return listWith(deps, ctx, q, visible, 'clue.listReceived');
}

/** Reading a clue is audited, per clue. */
export async function getClue(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TClue> {
  const row = await loadClue(deps, ctx, id, 'clue:read');
  await writeAudit(deps.db, deps.clock.now(), {
    ...auditOf(ctx),
    action: 'clue.read',
    objectType: 'clue',
    objectId: id,
  });
  return clueDto(deps, row);
}

// ---------------------------------------------------------------- recording

async function assertSource(db: Db, inspectionId: string, source?: TClueSource | null, ref?: string | null) {
  if (!source || !ref) return;
  if (source === 'petition' && (await countPetitions(db, { inspectionIds: [inspectionId], ids: [ref] })) !== 1)
    throw bad('线索来源的信访件不属于本次巡察', { field: 'sourceRefId' });
  if (source === 'interview') await assertInterviews(db, inspectionId, [ref]);
  if (source === 'document') await assertDocumentReviews(db, inspectionId, [ref]);
}

async function assertEvidence(db: Db, inspectionId: string, evidence: readonly TEvidenceIn[]) {
  const ids = (k: TEvidenceIn['kind']) => evidence.filter((e) => e.kind === k && e.refId).map((e) => e.refId as string);
  await assertFiles(db, inspectionId, ids('file'));
  await assertInterviews(db, inspectionId, ids('interview'));
  await assertDocumentReviews(db, inspectionId, ids('document'));
  const petitions = [...new Set(ids('petition'))];
  if (
    petitions.length &&
    (await countPetitions(db, { inspectionIds: [inspectionId], ids: petitions })) !== petitions.length
  )
    throw bad('证据引用的信访件不属于本次巡察', { field: 'evidence' });
}

/** The recorder may not write about an organization they belong to, nor about themselves. */
async function assertRecorder(deps: AppDeps, ctx: RequestCtx, orgId: string, subjects: readonly TClueSubjectIn[]) {
  const own = await affiliatedOrgIds(deps.db, ctx.actor.userId, ctx.actor.orgId);
  if (own.includes(orgId)) throw bad('您与该单位存在关联，不能登记或修改反映该单位的问题线索', { field: 'orgId' });
  const me = nameHash(deps.keys, ctx.actor.displayName);
  if (subjects.some((s) => nameHash(deps.keys, s.name) === me))
    throw bad('被反映人中有与您同名的人员，请回避，由其他组员登记', { field: 'subjects' });
}

/**
 * The sealed columns of one person a clue names: name and post encrypted under the row's id, and the
 * keyed hashes that count people and keep a named caller away (also used by the demo seed).
 */
export function subjectColumns(
  cipher: FieldCipher,
  keys: KeyRing,
  id: string,
  s: { name: string; post: string },
): Pick<SubjectRow, 'nameEnc' | 'postEnc' | 'nameHash' | 'personHash'> {
  return {
    nameEnc: cipher.encrypt('clue_subjects', id, 'name', s.name),
    postEnc: cipher.encrypt('clue_subjects', id, 'post', s.post),
    nameHash: nameHash(keys, s.name),
    personHash: personHash(keys, s.name, s.post),
  };
}

/** A clue's facts, sealed under its id. */
export function factsColumns(cipher: FieldCipher, id: string, facts: string): Pick<ClueRow, 'factsEnc'> {
  return { factsEnc: cipher.encrypt('clues', id, 'facts', facts) };
}

function subjectRows(
  deps: AppDeps,
  c: { id: string; termId: string; inspectionId: string },
  subjects: readonly TClueSubjectIn[],
) {
  return subjects.map((s, seq) => {
    const id = uuidv7();
    return {
      id,
      clueId: c.id,
      termId: c.termId,
      inspectionId: c.inspectionId,
      seq,
      level: s.level,
      ...subjectColumns(deps.cipher, deps.keys, id, s),
    };
  });
}

export interface ClueDraftInput {
  subjects: TClueSubjectIn[];
  discipline: TDiscipline;
  facts: string;
  source?: TClueSource | undefined;
  sourceRefId?: string | undefined;
  evidence: TEvidenceIn[];
  orgId?: string | undefined;
}

/** A clue awaiting transfer, written by a member of the inspection's team (the route's and 巡审贯通's way in). */
export async function insertClue(
  deps: AppDeps,
  ctx: RequestCtx,
  insp: InspectionRow,
  input: ClueDraftInput,
  audit: Record<string, unknown> = {},
): Promise<string> {
  const { db, clock, cipher } = deps;
  assertRecordingStage('clue', insp.stage);
  const seat = await seatOn(deps, ctx, insp.teamId);
  if (!seat.teamRole) throw new AppError(ErrorCode.Forbidden, '只有本巡察组成员可以登记问题线索');
  const b = await inspectionBrief(db, insp.id);
  const org = targetOf(b, input.orgId);
  await assertRecorder(deps, ctx, org.orgId, input.subjects);
  await assertSource(db, insp.id, input.source, input.sourceRefId);
  await assertEvidence(db, insp.id, input.evidence);
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await tx.insert(clues).values({
      id,
      authorityId: insp.authorityId,
      termId: insp.termId,
      roundId: insp.roundId,
      inspectionId: insp.id,
      orgId: org.orgId,
      discipline: input.discipline,
      ...factsColumns(cipher, id, input.facts),
      source: input.source ?? null,
      sourceRefId: input.sourceRefId ?? null,
      evidence: input.evidence.map((e) => ({ kind: e.kind, refId: e.refId ?? null, label: e.label })),
      status: 'draft',
      createdById: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
      createdAt: now,
      updatedAt: now,
    });
    await tx
      .insert(clueSubjects)
      .values(subjectRows(deps, { id, termId: insp.termId, inspectionId: insp.id }, input.subjects));
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'clue.create',
      objectType: 'clue',
      objectId: id,
      detail: { inspectionId: insp.id, discipline: input.discipline, subjects: input.subjects.length, ...audit },
    });
  });
  return id;
}

export async function createClue(deps: AppDeps, ctx: RequestCtx, inspectionId: string, input: TClueCreate) {
  const insp = await workInspection(deps, ctx, inspectionId, 'clue:write');
  const id = await insertClue(deps, ctx, insp, input);
  return clueDto(deps, (await deps.db.select().from(clues).where(eq(clues.id, id)))[0] as ClueRow);
}

/**
 * A clue is edited until it is transferred: by its team, or by the office (which sets the subjects'
 * cadre levels and checks the wording before the transfer).
 */
export async function updateClue(deps: AppDeps, ctx: RequestCtx, id: string, input: TClueUpdate): Promise<TClue> {
  const { db, clock, cipher } = deps;
  const asTeam = ctx.actor.permissions.has('clue:write');
  const asOffice = ctx.actor.permissions.has('clue:transfer');
  if (!asTeam && !asOffice) throw notFound('问题线索');
  const cur = await loadClue(deps, ctx, id, asOffice ? 'clue:transfer' : 'clue:write');
  const problem = clueEditProblem(cur.status as TClueStatus);
  if (problem) throw conflict(problem);
  const insp = await workInspection(deps, ctx, cur.inspectionId, asOffice ? 'clue:transfer' : 'clue:write');
  if (!asOffice) assertRecordingStage('clue', insp.stage);
  const b = await inspectionBrief(db, insp.id);
  const orgId = input.orgId ? targetOf(b, input.orgId).orgId : cur.orgId;
  if (input.subjects || input.orgId) await assertRecorder(deps, ctx, orgId, input.subjects ?? []);
  const source = input.source === undefined ? (cur.source as TClueSource | null) : input.source;
  const ref = input.sourceRefId === undefined ? cur.sourceRefId : input.sourceRefId;
  if (ref && !source) throw bad('填写来源记录时请选择线索来源', { field: 'source' });
  await assertSource(db, insp.id, source, ref);
  if (input.evidence) await assertEvidence(db, insp.id, input.evidence);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const res = await tx
      .update(clues)
      .set({
        orgId,
        discipline: input.discipline ?? cur.discipline,
        factsEnc: input.facts ? factsColumns(cipher, id, input.facts).factsEnc : cur.factsEnc,
        source,
        sourceRefId: ref,
        evidence: input.evidence
          ? input.evidence.map((e) => ({ kind: e.kind, refId: e.refId ?? null, label: e.label }))
          : cur.evidence,
        updatedAt: now,
        version: cur.version + 1,
      })
      .where(and(eq(clues.id, id), eq(clues.version, input.version), eq(clues.status, 'draft')))
      .returning({ id: clues.id });
    if (!res.length) throw stale('问题线索');
    if (input.subjects) {
      await tx.delete(clueSubjects).where(eq(clueSubjects.clueId, id));
      await tx.insert(clueSubjects).values(subjectRows(deps, cur, input.subjects));
    }
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'clue.update',
      objectType: 'clue',
      objectId: id,
      detail: { fields: Object.keys(input).filter((k) => k !== 'version') },
    });
  });
  return clueDto(deps, (await db.select().from(clues).where(eq(clues.id, id)))[0] as ClueRow);
}

// ---------------------------------------------------------------- counts and documents

/** The visible clues of one inspection with their people decrypted, for the 问题线索报告. */
export async function cluesOfInspection(deps: AppDeps, ctx: RequestCtx, inspectionId: string): Promise<TClue[]> {
  const rows = await deps.db
    .select()
    .from(clues)
    .where(and(eq(clues.inspectionId, inspectionId), await cluesVisible(deps, ctx, 'clue:read')))
    .orderBy(asc(clues.createdAt), asc(clues.id));
  return Promise.all(rows.map((r) => clueDto(deps, r)));
}

/** 件, 人 and 人次 of the clues under a condition, and how many were transferred (件 and 人). */
export function clueCounts(db: Db, where: SQL) {
  return countsUnder(db, where);
}

/** Draft clues of an inspection by status, for the stage guard (no scope check). */
export async function clueStatusCounts(db: Db, inspectionId: string) {
  const rows = await db
    .select({ status: clues.status, n: sql<number>`count(*)::int` })
    .from(clues)
    .where(eq(clues.inspectionId, inspectionId))
    .groupBy(clues.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<Record<TClueStatus, number>>;
}
