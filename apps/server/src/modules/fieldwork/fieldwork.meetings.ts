import {
  assignedMatterColour,
  defaultMeetingTitle,
  type TAssignedMatter,
  type TAssignedMatterIn,
  type TAssignedMatterListQuery,
  type TAssignedMatterStatus,
  type TAssignedMatterUpdate,
  type TMeeting,
  type TMeetingCreate,
  type TMeetingKind,
  type TMeetingListItem,
  type TMeetingListQuery,
  type TMeetingUpdate,
} from '@xc/domain';
import { and, asc, desc, eq, gte, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import { assignedMatters, meetingInspections, meetings } from '../../db/schema/fieldwork.ts';
import { authorityInScope, notFound, scopeFor } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere, type Db, replaceChildren } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginate, paginateItems } from '../../platform/pagination.ts';
import { inspectionsById, loadTerm, visibleInspectionIds } from '../planning/index.ts';
import { authorityFor, bad, stale } from './fieldwork.access.ts';

// 组办会商, 领导小组会, 书记专题会 and 常委会: when, who, the inspections heard, what was decided, and
// the 交办事项 they assign. A hearing of an inspection's report by the 书记专题会 (by default) opens
// the way to its feedback (index.ts fieldworkStageGuard).

type MeetingRow = typeof meetings.$inferSelect;
type MatterRow = typeof assignedMatters.$inferSelect;

function matterDto(m: MatterRow, meeting: Pick<MeetingRow, 'kind' | 'date'>, on: string): TAssignedMatter {
  const status = m.status as TAssignedMatterStatus;
  return {
    id: m.id,
    meetingId: m.meetingId,
    meetingKind: meeting.kind as TMeetingKind,
    meetingDate: meeting.date,
    what: m.what,
    assignee: m.assignee,
    dueDate: m.dueDate,
    status,
    closingNote: m.closingNote,
    closedOn: m.closedOn,
    colour: assignedMatterColour({ status, dueDate: m.dueDate }, on),
    version: m.version,
  };
}

async function heardBy(db: Db, ids: readonly string[]) {
  if (!ids.length) return new Map<string, { id: string; label: string }[]>();
  const links = await db
    .select()
    .from(meetingInspections)
    .where(inArray(meetingInspections.meetingId, [...ids]));
  const labels = await inspectionsById(
    db,
    links.map((l) => l.inspectionId),
  );
  const out = new Map<string, { id: string; label: string }[]>();
  for (const l of links)
    out.set(l.meetingId, [
      ...(out.get(l.meetingId) ?? []),
      { id: l.inspectionId, label: labels.get(l.inspectionId)?.label ?? '' },
    ]);
  return out;
}

async function listItems(db: Db, rows: MeetingRow[]): Promise<TMeetingListItem[]> {
  const ids = rows.map((r) => r.id);
  const [heard, counts] = await Promise.all([
    heardBy(db, ids),
    ids.length
      ? db
          .select({
            id: assignedMatters.meetingId,
            n: sql<number>`count(*)::int`,
            open: sql<number>`count(*) filter (where ${assignedMatters.status} = 'open')::int`,
          })
          .from(assignedMatters)
          .where(inArray(assignedMatters.meetingId, ids))
          .groupBy(assignedMatters.meetingId)
      : [],
  ]);
  const byId = new Map(counts.map((c) => [c.id, c]));
  return rows.map((r) => ({
    id: r.id,
    authorityId: r.authorityId,
    termId: r.termId,
    kind: r.kind as TMeetingKind,
    date: r.date,
    title: r.title,
    attendees: r.attendees,
    inspections: heard.get(r.id) ?? [],
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
    matterCount: Number(byId.get(r.id)?.n ?? 0),
    openMatterCount: Number(byId.get(r.id)?.open ?? 0),
  }));
}

async function meetingDto(deps: AppDeps, r: MeetingRow): Promise<TMeeting> {
  const [item] = await listItems(deps.db, [r]);
  const matters = await deps.db
    .select()
    .from(assignedMatters)
    .where(eq(assignedMatters.meetingId, r.id))
    .orderBy(asc(assignedMatters.seq));
  const on = today(deps.clock);
  const { matterCount: _n, openMatterCount: _o, ...rest } = item as TMeetingListItem;
  return { ...rest, decisions: r.decisions, assignedMatters: matters.map((m) => matterDto(m, r, on)) };
}

export async function listMeetings(deps: AppDeps, ctx: RequestCtx, q: TMeetingListQuery) {
  const { db } = deps;
  const conds: SQL[] = [authorityInScope(scopeFor(ctx.actor, 'meeting:read'), meetings.authorityId)];
  if (q.termId) conds.push(eq(meetings.termId, q.termId));
  if (q.authorityId) conds.push(eq(meetings.authorityId, q.authorityId));
  if (q.kind) conds.push(eq(meetings.kind, q.kind));
  if (q.from) conds.push(gte(meetings.date, q.from));
  if (q.to) conds.push(lte(meetings.date, q.to));
  if (q.inspectionId)
    conds.push(
      sql`exists (select 1 from ${meetingInspections} mi where mi.meeting_id = ${meetings.id} and mi.inspection_id = ${q.inspectionId})`,
    );
  return paginateItems(
    {
      limit: q.limit,
      cursor: q.cursor,
      parts: ['date', 'uuid'],
      after: ([d, id]) => sql`(${meetings.date}, ${meetings.id}) < (${d}::date, ${id}::uuid)`,
      count: () => countWhere(db, meetings, and(...conds)),
      fetch: (from, n) =>
        db
          .select()
          .from(meetings)
          .where(and(...conds, from))
          .orderBy(desc(meetings.date), desc(meetings.id))
          .limit(n),
      key: (r) => [r.date, r.id],
    },
    (rows) => listItems(db, rows),
  );
}

async function loadMeeting(deps: AppDeps, ctx: RequestCtx, id: string, permission: 'meeting:read' | 'meeting:manage') {
  const r = (
    await deps.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.id, id), authorityInScope(scopeFor(ctx.actor, permission), meetings.authorityId)))
  )[0];
  if (!r) throw notFound('会议');
  return r;
}

export async function getMeeting(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TMeeting> {
  return meetingDto(deps, await loadMeeting(deps, ctx, id, 'meeting:read'));
}

/**
 * The inspections a meeting heard: each one the caller may see, of the meeting's authority (or
 * carried out by it under authorization). Returns their terms.
 */
async function checkHeard(deps: AppDeps, ctx: RequestCtx, authorityId: string | null, ids: readonly string[]) {
  if (!ids.length) return { authorityId, termIds: [] as string[] };
  const visible = await visibleInspectionIds(deps, ctx, 'meeting:manage');
  const byId = await inspectionsById(deps.db, [...ids]);
  const seen = await deps.db.execute(
    sql`select count(*)::int as n from (${visible}) v where v.id in ${sql`(${sql.join(
      ids.map((i) => sql`${i}::uuid`),
      sql`, `,
    )})`}`,
  );
  const n = Number((seen as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
  if (n !== ids.length || byId.size !== ids.length)
    throw bad('所听取汇报的巡察不存在或无权访问', { field: 'inspectionIds' });
  const owner = authorityId ?? [...byId.values()][0]?.authorityId ?? null;
  for (const i of byId.values())
    if (i.authorityId !== owner && i.authorizedAuthorityId !== owner)
      throw bad('所听取汇报的巡察须属于同一巡察机构', { field: 'inspectionIds' });
  return { authorityId: owner, termIds: [...new Set([...byId.values()].map((i) => i.termId))] };
}

async function termFor(
  deps: AppDeps,
  ctx: RequestCtx,
  authorityId: string,
  termId: string | undefined,
  heard: string[],
) {
  if (termId) {
    const t = await loadTerm(deps, ctx, termId);
    if (t.authorityId !== authorityId) throw bad('届期不属于会议所属的巡察机构', { field: 'termId' });
    return t.id;
  }
  return heard.length === 1 ? (heard[0] as string) : null;
}

export async function createMeeting(deps: AppDeps, ctx: RequestCtx, input: TMeetingCreate): Promise<TMeeting> {
  const { db, clock } = deps;
  const on = today(clock);
  if (input.date > on) throw bad('会议日期不能晚于今天', { field: 'date' });
  const heard = await checkHeard(deps, ctx, input.authorityId ?? null, input.inspectionIds);
  const authorityId = authorityFor(ctx, 'meeting:manage', heard.authorityId ?? input.authorityId);
  const termId = await termFor(deps, ctx, authorityId, input.termId, heard.termIds);
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await tx.insert(meetings).values({
      id,
      authorityId,
      termId,
      kind: input.kind,
      date: input.date,
      title: input.title || defaultMeetingTitle(input.kind, input.date),
      attendees: input.attendees,
      decisions: input.decisions,
      createdById: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
      createdAt: now,
    });
    if (input.inspectionIds.length)
      await tx.insert(meetingInspections).values(input.inspectionIds.map((i) => ({ meetingId: id, inspectionId: i })));
    if (input.assignedMatters.length)
      await tx.insert(assignedMatters).values(
        input.assignedMatters.map((m, seq) => ({
          id: uuidv7(now.getTime()),
          meetingId: id,
          authorityId,
          seq,
          what: m.what,
          assignee: m.assignee,
          dueDate: m.dueDate,
        })),
      );
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'meeting.create',
      objectType: 'meeting',
      objectId: id,
      detail: {
        kind: input.kind,
        date: input.date,
        inspectionIds: input.inspectionIds,
        matters: input.assignedMatters.length,
      },
    });
  });
  return meetingDto(deps, (await db.select().from(meetings).where(eq(meetings.id, id)))[0] as MeetingRow);
}

export async function updateMeeting(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: TMeetingUpdate,
): Promise<TMeeting> {
  const { db, clock } = deps;
  const cur = await loadMeeting(deps, ctx, id, 'meeting:manage');
  const on = today(clock);
  if (input.date && input.date > on) throw bad('会议日期不能晚于今天', { field: 'date' });
  if (input.inspectionIds) await checkHeard(deps, ctx, cur.authorityId, input.inspectionIds);
  const date = input.date ?? cur.date;
  if (input.date) {
    const early = await countWhere(
      db,
      assignedMatters,
      and(eq(assignedMatters.meetingId, id), lt(assignedMatters.dueDate, date)),
    );
    if (early) throw bad('会议日期不能晚于交办事项的完成时限', { field: 'date' });
  }
  const now = clock.now();
  const { version, inspectionIds, ...fields } = input;
  await db.transaction(async (tx) => {
    const res = await tx
      .update(meetings)
      .set({ ...fields, version: cur.version + 1 })
      .where(and(eq(meetings.id, id), eq(meetings.version, version)))
      .returning({ id: meetings.id });
    if (!res.length) throw stale('会议');
    if (inspectionIds)
      await replaceChildren(
        tx,
        meetingInspections,
        eq(meetingInspections.meetingId, id),
        inspectionIds.map((i) => ({ meetingId: id, inspectionId: i })),
      );
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'meeting.update',
      objectType: 'meeting',
      objectId: id,
      detail: {
        fields: Object.keys(input).filter((k) => k !== 'version'),
        ...(inspectionIds ? { inspectionIds } : {}),
      },
    });
  });
  return meetingDto(deps, (await db.select().from(meetings).where(eq(meetings.id, id)))[0] as MeetingRow);
}

export async function addAssignedMatter(
  deps: AppDeps,
  ctx: RequestCtx,
  meetingId: string,
  input: TAssignedMatterIn,
): Promise<TAssignedMatter> {
  const { db, clock } = deps;
  const m = await loadMeeting(deps, ctx, meetingId, 'meeting:manage');
  if (input.dueDate < m.date) throw bad('完成时限不能早于会议日期', { field: 'dueDate' });
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    // The meeting's row lock orders the matters' numbers.
    await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).for('update');
    const [last] = await tx
      .select({ n: sql<number>`coalesce(max(${assignedMatters.seq}), -1)::int` })
      .from(assignedMatters)
      .where(eq(assignedMatters.meetingId, meetingId));
    await tx.insert(assignedMatters).values({
      id,
      meetingId,
      authorityId: m.authorityId,
      seq: Number(last?.n ?? -1) + 1,
      what: input.what,
      assignee: input.assignee,
      dueDate: input.dueDate,
    });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'assignedMatter.create',
      objectType: 'assignedMatter',
      objectId: id,
      detail: { meetingId },
    });
  });
  const row = (await db.select().from(assignedMatters).where(eq(assignedMatters.id, id)))[0] as MatterRow;
  return matterDto(row, m, today(clock));
}

export async function listAssignedMatters(deps: AppDeps, ctx: RequestCtx, q: TAssignedMatterListQuery) {
  const { db, clock } = deps;
  const on = today(clock);
  const conds: SQL[] = [authorityInScope(scopeFor(ctx.actor, 'meeting:read'), assignedMatters.authorityId)];
  if (q.authorityId) conds.push(eq(assignedMatters.authorityId, q.authorityId));
  if (q.meetingId) conds.push(eq(assignedMatters.meetingId, q.meetingId));
  if (q.status) conds.push(eq(assignedMatters.status, q.status));
  if (q.overdue === 'true') conds.push(and(eq(assignedMatters.status, 'open'), lt(assignedMatters.dueDate, on)) as SQL);
  if (q.termId)
    conds.push(
      sql`${assignedMatters.meetingId} in (select ${meetings.id} from ${meetings} where ${meetings.termId} = ${q.termId})`,
    );
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['date', 'uuid'],
    after: ([d, id]) => sql`(${assignedMatters.dueDate}, ${assignedMatters.id}) > (${d}::date, ${id}::uuid)`,
    count: () => countWhere(db, assignedMatters, and(...conds)),
    fetch: (from, n) =>
      db
        .select()
        .from(assignedMatters)
        .where(and(...conds, from))
        .orderBy(asc(assignedMatters.dueDate), asc(assignedMatters.id))
        .limit(n),
    key: (r) => [r.dueDate, r.id],
  });
  const ms = page.rows.length
    ? await db
        .select({ id: meetings.id, kind: meetings.kind, date: meetings.date })
        .from(meetings)
        .where(inArray(meetings.id, [...new Set(page.rows.map((r) => r.meetingId))]))
    : [];
  const byId = new Map(ms.map((m) => [m.id, m]));
  return {
    items: page.rows.map((r) => matterDto(r, byId.get(r.meetingId) ?? { kind: 'leadingGroup', date: '' }, on)),
    total: page.total,
    nextCursor: page.nextCursor,
  };
}

export async function updateAssignedMatter(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: TAssignedMatterUpdate,
): Promise<TAssignedMatter> {
  const { db, clock } = deps;
  const cur = (
    await db
      .select()
      .from(assignedMatters)
      .where(
        and(
          eq(assignedMatters.id, id),
          authorityInScope(scopeFor(ctx.actor, 'meeting:manage'), assignedMatters.authorityId),
        ),
      )
  )[0];
  if (!cur) throw notFound('交办事项');
  const m = (await db.select().from(meetings).where(eq(meetings.id, cur.meetingId)))[0] as MeetingRow;
  const on = today(clock);
  if (input.dueDate && input.dueDate < m.date) throw bad('完成时限不能早于会议日期', { field: 'dueDate' });
  if (input.closedOn && input.closedOn > on) throw bad('办结日期不能晚于今天', { field: 'closedOn' });
  if (input.closedOn && input.closedOn < m.date) throw bad('办结日期不能早于会议日期', { field: 'closedOn' });
  const now = clock.now();
  const { version, ...fields } = input;
  const reopen = input.status === 'open';
  await db.transaction(async (tx) => {
    const res = await tx
      .update(assignedMatters)
      .set({ ...fields, ...(reopen ? { closingNote: null, closedOn: null } : {}), version: cur.version + 1 })
      .where(and(eq(assignedMatters.id, id), eq(assignedMatters.version, version)))
      .returning({ id: assignedMatters.id });
    if (!res.length) throw stale('交办事项');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: input.status === 'done' ? 'assignedMatter.close' : 'assignedMatter.update',
      objectType: 'assignedMatter',
      objectId: id,
      detail: { fields: Object.keys(fields) },
    });
  });
  return matterDto((await db.select().from(assignedMatters).where(eq(assignedMatters.id, id)))[0] as MatterRow, m, on);
}

// ---------------------------------------------------------------- for the stage guard and the figures

/** The meetings that heard an inspection (kind and date). No scope check. */
export async function hearingsOf(db: Db, inspectionId: string) {
  return db
    .select({ kind: meetings.kind, date: meetings.date })
    .from(meetingInspections)
    .innerJoin(meetings, eq(meetings.id, meetingInspections.meetingId))
    .where(eq(meetingInspections.inspectionId, inspectionId)) as Promise<{ kind: TMeetingKind; date: string }[]>;
}

/**
 * For 双报告一报备 (governance): every hearing of some inspections' reports with the meeting's
 * authority, so a caller can tell the county's 书记专题会 from the city's. No scope check.
 */
export async function hearingsOfInspections(db: Db, inspectionIds: readonly string[]) {
  if (!inspectionIds.length) return [];
  return db
    .select({
      inspectionId: meetingInspections.inspectionId,
      authorityId: meetings.authorityId,
      kind: meetings.kind,
      date: meetings.date,
    })
    .from(meetingInspections)
    .innerJoin(meetings, eq(meetings.id, meetingInspections.meetingId))
    .where(inArray(meetingInspections.inspectionId, [...inspectionIds])) as Promise<
    { inspectionId: string; authorityId: string; kind: TMeetingKind; date: string }[]
  >;
}

/** Meetings under a condition by kind, and how many of a hearing kind heard at least one inspection. No scope check. */
export async function meetingCounts(db: Db, where: SQL) {
  const rows = await db
    .select({ kind: meetings.kind, n: sql<number>`count(*)::int` })
    .from(meetings)
    .where(where)
    .groupBy(meetings.kind);
  const [heard] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(meetings)
    .where(
      and(
        where,
        inArray(meetings.kind, ['secretarySpecial', 'standingCommittee']),
        sql`exists (select 1 from ${meetingInspections} mi where mi.meeting_id = ${meetings.id})`,
      ),
    );
  const byKind = { teamOfficeConsultation: 0, leadingGroup: 0, secretarySpecial: 0, standingCommittee: 0 };
  for (const r of rows) if (r.kind in byKind) byKind[r.kind as TMeetingKind] = Number(r.n);
  return { total: Object.values(byKind).reduce((a, b) => a + b, 0), byKind, hearings: Number(heard?.n ?? 0) };
}

/**
 * The 交办事项 of the meetings that heard an inspection (the 书记专题会, the 常委会 …), in the order they
 * were assigned: carried along with the feedback to the inspected organization. No scope check.
 */
export async function assignedMattersOf(db: Db, inspectionId: string) {
  return db
    .select({
      id: assignedMatters.id,
      what: assignedMatters.what,
      assignee: assignedMatters.assignee,
      dueDate: assignedMatters.dueDate,
      status: assignedMatters.status,
    })
    .from(assignedMatters)
    .innerJoin(meetingInspections, eq(meetingInspections.meetingId, assignedMatters.meetingId))
    .innerJoin(meetings, eq(meetings.id, assignedMatters.meetingId))
    .where(eq(meetingInspections.inspectionId, inspectionId))
    .orderBy(asc(meetings.date), asc(assignedMatters.seq));
}
