import { and, eq, inArray, sql } from 'drizzle-orm';
import { findingRectification, rectificationTasks } from '../../db/schema/rectification.ts';
import type { Db } from '../../platform/db.ts';

/**
 * Keeps a finding's row of `finding_rectification` (tasks, written off, open with 阶段性成果) in
 * step with its tasks. Called in the transaction of every change to a finding's tasks, so the
 * summaries count findings by state from one index (domain summary.ts findingRectification).
 */
export async function refreshFindingRollup(tx: Db, findingId: string): Promise<void> {
  const [agg] = await tx
    .select({
      authorityId: sql<string>`min(${rectificationTasks.authorityId}::text)`,
      termId: sql<string>`min(${rectificationTasks.termId}::text)`,
      roundId: sql<string>`min(${rectificationTasks.roundId}::text)`,
      inspectionId: sql<string>`min(${rectificationTasks.inspectionId}::text)`,
      orgId: sql<string>`min(${rectificationTasks.orgId}::text)`,
      n: sql<number>`count(*)::int`,
      off: sql<number>`count(*) filter (where ${rectificationTasks.writtenOff})::int`,
      ongoing: sql<number>`count(*) filter (where not ${rectificationTasks.writtenOff} and ${rectificationTasks.status} = 'ongoing')::int`,
    })
    .from(rectificationTasks)
    .where(eq(rectificationTasks.findingId, findingId));
  if (!agg || Number(agg.n) === 0) {
    await tx.delete(findingRectification).where(eq(findingRectification.findingId, findingId));
    return;
  }
  const values = {
    findingId,
    authorityId: agg.authorityId,
    termId: agg.termId,
    roundId: agg.roundId,
    inspectionId: agg.inspectionId,
    orgId: agg.orgId,
    taskCount: Number(agg.n),
    writtenOffCount: Number(agg.off),
    ongoingOpenCount: Number(agg.ongoing),
  };
  await tx
    .insert(findingRectification)
    .values(values)
    .onConflictDoUpdate({
      target: findingRectification.findingId,
      set: {
        taskCount: values.taskCount,
        writtenOffCount: values.writtenOffCount,
        ongoingOpenCount: values.ongoingOpenCount,
      },
    });
}

/**
 * Rebuilds the rows of every finding with tasks (optionally of one term) in one statement: for the
 * demo seed and imports, which write tasks in bulk without going through the services.
 */
export async function rebuildFindingRollups(db: Db, termId?: string): Promise<void> {
  const t = rectificationTasks;
  const where = termId ? sql`where ${t.termId} = ${termId}::uuid` : sql``;
  await db.execute(sql`
    insert into ${findingRectification} (finding_id, authority_id, term_id, round_id, inspection_id, org_id,
      task_count, written_off_count, ongoing_open_count)
    select ${t.findingId}, min(${t.authorityId}::text)::uuid, min(${t.termId}::text)::uuid, min(${t.roundId}::text)::uuid,
      min(${t.inspectionId}::text)::uuid, min(${t.orgId}::text)::uuid, count(*)::int,
      (count(*) filter (where ${t.writtenOff}))::int,
      (count(*) filter (where not ${t.writtenOff} and ${t.status} = 'ongoing'))::int
    from ${t} ${where}
    group by ${t.findingId}
    on conflict (finding_id) do update set task_count = excluded.task_count,
      written_off_count = excluded.written_off_count, ongoing_open_count = excluded.ongoing_open_count`);
}

/**
 * Which of `findingIds` are rectified (every task written off: the rollup's state 'rectified'), for
 * 以巡促治's common problems. A finding without tasks is not rectified. No scope check.
 */
export async function rectifiedFindingIds(db: Db, findingIds: readonly string[]): Promise<Set<string>> {
  if (!findingIds.length) return new Set();
  const rows = await db
    .select({ id: findingRectification.findingId })
    .from(findingRectification)
    .where(
      and(
        inArray(findingRectification.findingId, [...new Set(findingIds)]),
        eq(findingRectification.state, 'rectified'),
      ),
    );
  return new Set(rows.map((r) => r.id));
}
