import {
  addCalendarDays,
  LEDGER_COLUMNS,
  LEDGER_STATUS_LABELS,
  reminderDigest,
  TASK_KIND_LABELS,
  TASK_WARNING_LABELS,
  type TReminderDigestResponse,
  type TTaskListItem,
  type TTaskListQuery,
  type TTaskStatus,
  type TTaskWarning,
  warningBounds,
} from '@xc/domain';
import { and, asc, eq, or, type SQL, sql } from 'drizzle-orm';
import { rectificationTasks } from '../../db/schema/rectification.ts';
import { auditExport } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere } from '../../platform/db.ts';
import { paginateItems } from '../../platform/pagination.ts';
import { buildXlsx, newExportSerial } from '../../platform/spreadsheets.ts';
import { orgsByIds } from '../orgs/index.ts';
import { authorityOfPlanned } from '../planning/index.ts';
import { orgVisibleSql, visibleRectRecordsSql } from './rectification.access.ts';
import { type TaskRow, taskItems, type WarnCtx, warnContexts } from './rectification.tasks.ts';

// 整改台账: the tasks across inspections the caller sees, with filters (term, inspection, warning,
// status, 红牌 …), keyset pages and the total; its .xlsx in the offices' usual columns; and the
// reminders digest (assigned, T-7, T-1, overdue) as one in-app digest.

const t = rectificationTasks;

/**
 * A warning as a condition on the task's lane and deadline, with one authority's bounds (domain
 * warningBounds): red = a red card, or open and past the deadline; yellow = open within the
 * window; green = the deadline met, or open beyond the window. Written-off tasks have none.
 */
export function warningSql(warning: TTaskWarning, w: WarnCtx): SQL {
  const parts = warningBranches(warning, w);
  return parts.length === 1 ? (parts[0] as SQL) : sql`(${sql.join(parts, sql` or `)})`;
}

/**
 * The same warning as disjoint conditions, one lane each: every branch reads one range of the
 * (term | authority, lane, deadline, id) index in the ledger's order, so a page is the first rows of
 * a merge instead of a walk through every deadline filtering lanes.
 */
function warningBranches(warning: TTaskWarning, w: WarnCtx): SQL[] {
  const b = warningBounds(w.today, w.cal, { warningWorkingDays: w.warningWorkingDays });
  if (warning === 'red')
    return [sql`${t.lane} = 'card'`, sql`(${t.lane} = 'open' and ${t.deadline} < ${b.overdueBefore}::date)`];
  if (warning === 'yellow')
    return [
      sql`(${t.lane} = 'open' and ${t.deadline} >= ${b.overdueBefore}::date and ${t.deadline} <= ${b.yellowThrough}::date)`,
    ];
  return [sql`${t.lane} = 'met'`, sql`(${t.lane} = 'open' and ${t.deadline} > ${b.yellowThrough}::date)`];
}

interface LedgerFilter {
  /** Every condition, the warning included (for the count and the export). */
  conds: SQL[];
  /** With a warning of one authority's calendar: the conditions without it, and its lane branches. */
  lanes: { base: SQL[]; branches: SQL[] } | null;
}

/** The ledger's filters as conditions, the caller's reach included; the warning per authority. */
export async function ledgerConds(
  deps: AppDeps,
  ctx: RequestCtx,
  q: Omit<TTaskListQuery, 'limit' | 'cursor'>,
  permission: 'rectification:read' | 'rectification:export' = 'rectification:read',
  warn = warnContexts(deps),
): Promise<LedgerFilter> {
  const visible = await visibleRectRecordsSql(
    deps,
    ctx,
    permission,
    { authorityId: t.authorityId, inspectionId: t.inspectionId },
    q,
  );
  const conds: SQL[] = [visible, orgVisibleSql(ctx, permission, t.orgId)];
  if (q.authorityId) conds.push(eq(t.authorityId, q.authorityId));
  if (q.termId) conds.push(eq(t.termId, q.termId));
  if (q.roundId) conds.push(eq(t.roundId, q.roundId));
  if (q.inspectionId) conds.push(eq(t.inspectionId, q.inspectionId));
  if (q.orgId) conds.push(eq(t.orgId, q.orgId));
  if (q.findingId) conds.push(eq(t.findingId, q.findingId));
  if (q.kind) conds.push(eq(t.kind, q.kind));
  if (q.status === 'writtenOff') conds.push(eq(t.writtenOff, true));
  else if (q.status) conds.push(and(eq(t.status, q.status), eq(t.writtenOff, false)) as SQL);
  if (q.redCard) conds.push(q.redCard === 'true' ? sql`${t.lane} = 'card'` : sql`${t.lane} <> 'card'`);
  if (q.pendingExtension) conds.push(eq(t.pendingExtension, q.pendingExtension === 'true'));
  if (q.overdue) {
    const day = today(deps.clock);
    const overdue = sql`(${t.lane} = 'open' and ${t.deadline} < ${day}::date)`;
    conds.push(q.overdue === 'true' ? overdue : sql`not ${overdue}`);
  }
  if (q.warning) {
    // Each authority counts working days on its own calendar and window.
    const { ids, fixed } = await warningAuthorities(deps, q, conds);
    const w = q.warning as TTaskWarning;
    if (fixed && ids.length === 1) {
      // A term, round, inspection or authority fixes whose calendar applies: no second condition
      // on the authority, so the planner keeps to the (term | authority, lane, deadline) index.
      const branches = warningBranches(w, await warn(ids[0] as string));
      const all = branches.length === 1 ? (branches[0] as SQL) : sql`(${sql.join(branches, sql` or `)})`;
      return { conds: [...conds, all], lanes: { base: conds, branches } };
    }
    const parts = await Promise.all(ids.map(async (a) => and(eq(t.authorityId, a), warningSql(w, await warn(a)))));
    conds.push(parts.length === 1 ? (parts[0] as SQL) : parts.length ? (or(...parts) as SQL) : sql`false`);
  }
  return { conds, lanes: null };
}

/**
 * The authorities whose tasks a warning filter may meet, without scanning the ledger: a term, round
 * or inspection belongs to one authority (planning's row, by its key — `fixed`); else the distinct
 * authorities of the tasks under the other filters (a county office also sees the city's 授权巡察).
 */
async function warningAuthorities(
  deps: AppDeps,
  q: Omit<TTaskListQuery, 'limit' | 'cursor'>,
  conds: SQL[],
): Promise<{ ids: string[]; fixed: boolean }> {
  if (q.inspectionId || q.roundId || q.termId) {
    const a = await authorityOfPlanned(deps.db, q);
    return { ids: a ? [a] : [], fixed: true };
  }
  if (q.authorityId) return { ids: [q.authorityId], fixed: true };
  const rows = await deps.db
    .selectDistinct({ a: t.authorityId })
    .from(t)
    .where(and(...conds));
  return { ids: rows.map((x) => x.a), fixed: false };
}

/** GET /api/rectification-tasks: one page of the ledger by deadline, with the total under the filters. */
export async function listTasks(deps: AppDeps, ctx: RequestCtx, q: TTaskListQuery) {
  const { db } = deps;
  // One reading of each authority's calendar and window for the filter and the rows' warnings.
  const warn = warnContexts(deps);
  const { conds, lanes } = await ledgerConds(deps, ctx, q, 'rectification:read', warn);
  const pageOf = (where: SQL[], from: SQL | undefined, n: number) =>
    db
      .select()
      .from(t)
      .where(and(...where, from))
      .orderBy(asc(t.deadline), asc(t.id))
      .limit(n);
  return paginateItems(
    {
      limit: q.limit,
      cursor: q.cursor,
      parts: ['date', 'uuid'],
      after: ([d, id]) => sql`(${t.deadline}, ${t.id}) > (${d}::date, ${id}::uuid)`,
      count: () => countWhere(db, t, and(...conds)),
      fetch: async (from, n) => {
        if (!lanes || lanes.branches.length === 1) return pageOf(conds, from, n);
        // The first n of each lane, merged in the ledger's order (the lanes are disjoint).
        const each = await Promise.all(lanes.branches.map((b) => pageOf([...lanes.base, b], from, n)));
        return each
          .flat()
          .sort((x, y) => (x.deadline < y.deadline ? -1 : x.deadline > y.deadline ? 1 : x.id < y.id ? -1 : 1))
          .slice(0, n);
      },
      key: (r: TaskRow) => [r.deadline, r.id],
    },
    (rows) => taskItems(deps, rows, warn),
  );
}

const EXPORT_MAX = 50_000;

/** GET /api/rectification-tasks.xlsx: the ledger under the same filters, stamped and audited. */
export async function ledgerXlsx(deps: AppDeps, ctx: RequestCtx, q: Omit<TTaskListQuery, 'limit' | 'cursor'>) {
  const { conds } = await ledgerConds(deps, ctx, q, 'rectification:export');
  const rows = await deps.db
    .select()
    .from(t)
    .where(and(...conds))
    .orderBy(asc(t.orgId), asc(t.deadline), asc(t.id))
    .limit(EXPORT_MAX);
  const items = await taskItems(deps, rows);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const orgs = await orgsByIds(
    deps.db,
    items.map((i) => i.orgId),
  );
  const now = deps.clock.now();
  const stamp = { exporterName: ctx.actor.displayName, at: now, serial: newExportSerial(now) };
  type Row = TTaskListItem & { seq: number };
  const value: Record<(typeof LEDGER_COLUMNS)[number]['key'], (r: Row) => string | number | null> = {
    seq: (r) => r.seq,
    orgName: (r) => orgs.get(r.orgId)?.name ?? r.orgName,
    findingTitle: (r) => r.findingTitle,
    measures: (r) => r.measures,
    goal: (r) => r.goal,
    kind: (r) => TASK_KIND_LABELS[r.kind],
    responsibleLeader: (r) => r.responsibleLeader,
    responsibleDept: (r) => r.responsibleDept,
    responsiblePerson: (r) => r.responsiblePerson,
    deadline: (r) => r.deadline,
    status: (r) => LEDGER_STATUS_LABELS[r.ledgerStatus],
    warning: (r) => (r.warning ? (TASK_WARNING_LABELS[r.warning].split('：')[0] ?? '') : ''),
    extensions: (r) =>
      r.extensionCount
        ? `延期${r.extensionCount}次（原时限${r.originalDeadline}）`
        : r.pendingExtension
          ? '延期待审批'
          : '',
    writtenOffOn: (r) => r.writtenOffOn,
    note: (r) =>
      [r.redCard ? `红牌：${r.redCard.reason}` : null, byId.get(r.id)?.lastNote ?? null].filter(Boolean).join('；'),
  };
  const data = await buildXlsx<Row>({
    sheetName: '整改台账',
    title: '巡察整改台账',
    columns: LEDGER_COLUMNS.map((c) => ({ header: c.header, width: c.width, value: value[c.key] })),
    rows: items.map((r, i) => ({ ...r, seq: i + 1 })),
    stamp,
  });
  await auditExport(deps.db, ctx, now, 'rectificationTask.exportLedger', stamp.serial, {
    filters: q,
    rows: items.length,
  });
  return { data, name: `整改台账-${stamp.serial}.xlsx` };
}

/**
 * GET /api/rectification/digest: today's reminders of the tasks the caller sees (a liaison: its
 * own organizations'), per organization and responsible leader — one digest, not one message per task.
 */
export async function reminderDigestOf(deps: AppDeps, ctx: RequestCtx): Promise<TReminderDigestResponse> {
  const warn = warnContexts(deps);
  const day = today(deps.clock);
  // Reminders fall on the day of assignment, T-7, T-1 and the first working day after the deadline;
  // a long holiday moves them by a few days at most, so a month either side covers every case.
  const from = addCalendarDays(day, -31);
  const to = addCalendarDays(day, 31);
  const visible = await visibleRectRecordsSql(
    deps,
    ctx,
    'rectification:read',
    { authorityId: t.authorityId, inspectionId: t.inspectionId },
    {},
  );
  const rows = await deps.db
    .select()
    .from(t)
    .where(
      and(
        visible,
        orgVisibleSql(ctx, 'rectification:read', t.orgId),
        eq(t.writtenOff, false),
        or(
          and(sql`${t.deadline} >= ${from}::date`, sql`${t.deadline} <= ${to}::date`),
          sql`${t.assignedOn} >= ${from}::date`,
        ),
      ),
    )
    .limit(20_000);
  const orgs = await orgsByIds(
    deps.db,
    rows.map((r) => r.orgId),
  );
  const byAuthority = new Map<string, TaskRow[]>();
  for (const r of rows) byAuthority.set(r.authorityId, [...(byAuthority.get(r.authorityId) ?? []), r]);
  const groups: TReminderDigestResponse['groups'] = [];
  for (const [authorityId, list] of byAuthority) {
    const w = await warn(authorityId);
    const d = reminderDigest(
      list.map((r) => ({
        id: r.id,
        orgId: r.orgId,
        orgName: orgs.get(r.orgId)?.name ?? '',
        kind: r.kind as TTaskListItem['kind'],
        deadline: r.deadline,
        status: r.status as TTaskStatus,
        writtenOff: r.writtenOff,
        redCard: r.redCard,
        responsibleLeader: r.responsibleLeader,
        responsibleDept: r.responsibleDept,
        measures: r.measures,
        assignedOn: r.assignedOn,
      })),
      day,
      w.cal,
    );
    groups.push(...d.groups);
  }
  groups.sort((a, b) => (a.orgName < b.orgName ? -1 : a.orgName > b.orgName ? 1 : a.orgId < b.orgId ? -1 : 1));
  return { date: day, groups };
}
