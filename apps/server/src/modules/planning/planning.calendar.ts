import {
  AppError,
  buildCalendar,
  DEADLINE_KEYS,
  DEFAULT_DEADLINES,
  ErrorCode,
  OFFICIAL_CALENDAR,
  type TCalendar,
  type TDeadlineSettings,
  ZDeadlineSettings,
} from '@xc/domain';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { calendarEntries, deadlineSettings } from '../../db/schema/planning.ts';
import { inScope, notFound, scopeFor } from '../../platform/access.ts';
import { auditAction } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { type Db, replaceChildren, writeVersioned } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { authorityById } from '../orgs/index.ts';

// The office's holiday calendar (法定节假日 and 调休 over the official one) and its deadline settings
// (domain.md §4): every working-day deadline of every module counts on these.

export async function calendarFor(db: Db, authorityId: string): Promise<TCalendar> {
  const own = await db.select().from(calendarEntries).where(eq(calendarEntries.authorityId, authorityId));
  return buildCalendar(
    OFFICIAL_CALENDAR,
    own.map((e) => ({ date: e.date, kind: e.kind })),
  );
}

export async function deadlinesFor(
  db: Db,
  authorityId: string,
): Promise<{ settings: TDeadlineSettings; version: number; updatedAt: Date | null }> {
  const row = (await db.select().from(deadlineSettings).where(eq(deadlineSettings.authorityId, authorityId)))[0];
  const parsed = row ? ZDeadlineSettings.safeParse(row.value) : null;
  return {
    settings: parsed?.success ? parsed.data : { ...DEFAULT_DEADLINES },
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
  };
}

async function authorityForSettings(
  deps: AppDeps,
  ctx: RequestCtx,
  authorityId: string,
  permission: 'plan:read' | 'calendar:manage',
) {
  const scope = scopeFor(ctx.actor, permission);
  const a = await authorityById(deps.db, authorityId);
  if (!a || !inScope(scope, authorityId)) throw notFound('巡察机构');
  return a;
}

export async function listCalendar(deps: AppDeps, ctx: RequestCtx, authorityId: string, year: number) {
  await authorityForSettings(deps, ctx, authorityId, 'plan:read');
  const inYear = (d: string) => d.startsWith(`${year}-`);
  const own = await deps.db.select().from(calendarEntries).where(eq(calendarEntries.authorityId, authorityId));
  const ownDates = new Set(own.map((o) => o.date));
  const items = [
    ...OFFICIAL_CALENDAR.filter((e) => inYear(e.date) && !ownDates.has(e.date)).map((e) => ({
      date: e.date,
      kind: e.kind,
      name: e.name,
      source: 'official' as const,
    })),
    ...own
      .filter((e) => inYear(e.date))
      .map((e) => ({ date: e.date, kind: e.kind, name: e.name, source: 'office' as const })),
  ].sort((a, b) => (a.date < b.date ? -1 : 1));
  return { items };
}

export async function replaceCalendarYear(
  deps: AppDeps,
  ctx: RequestCtx,
  authorityId: string,
  input: { year: number; entries: { date: string; kind: 'holiday' | 'workday'; name: string }[] },
) {
  const { db, clock } = deps;
  await authorityForSettings(deps, ctx, authorityId, 'calendar:manage');
  const now = clock.now();
  await db.transaction(async (tx) => {
    await replaceChildren(
      tx,
      calendarEntries,
      and(
        eq(calendarEntries.authorityId, authorityId),
        sql`extract(year from ${calendarEntries.date}) = ${input.year}`,
      ) as SQL,
      input.entries.map((e) => ({ id: uuidv7(now.getTime()), authorityId, date: e.date, kind: e.kind, name: e.name })),
    );
    await auditAction(
      tx,
      now,
      ctx,
      'calendar.update',
      { type: 'authority', id: authorityId },
      { year: input.year, entries: input.entries.length },
    );
  });
  return listCalendar(deps, ctx, authorityId, input.year);
}

export async function getDeadlineSettings(deps: AppDeps, ctx: RequestCtx, authorityId: string) {
  await authorityForSettings(deps, ctx, authorityId, 'plan:read');
  const d = await deadlinesFor(deps.db, authorityId);
  return { authorityId, settings: d.settings, version: d.version, updatedAt: d.updatedAt?.toISOString() ?? null };
}

export async function updateDeadlineSettings(
  deps: AppDeps,
  ctx: RequestCtx,
  authorityId: string,
  input: { version: number; settings: TDeadlineSettings },
) {
  const { db, clock } = deps;
  await authorityForSettings(deps, ctx, authorityId, 'calendar:manage');
  const now = clock.now();
  const before = await deadlinesFor(db, authorityId);
  await db.transaction(async (tx) => {
    const done = await writeVersioned(
      tx,
      deadlineSettings,
      [deadlineSettings.authorityId, authorityId],
      { value: input.settings, updatedAt: now },
      input.version,
    );
    if (!done) throw new AppError(ErrorCode.VersionConflict, '时限设置已被他人修改，请刷新后重试');
    const changed = DEADLINE_KEYS.filter(
      (k) => JSON.stringify(before.settings[k]) !== JSON.stringify(input.settings[k]),
    );
    await auditAction(tx, now, ctx, 'deadlines.update', { type: 'authority', id: authorityId }, { changed });
  });
  return getDeadlineSettings(deps, ctx, authorityId);
}
