import {
  AppError,
  DEFAULT_ANNOUNCEMENT_SCOPE,
  ErrorCode,
  type TAnnouncement,
  type TAnnouncementUpdate,
  type TPublicCode,
} from '@xc/domain';
import { and, eq } from 'drizzle-orm';
import { announcements, publicCodes } from '../../db/schema/petitions.ts';
import { notFound } from '../../platform/access.ts';
import { auditAction } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { type Db, writeVersioned } from '../../platform/db.ts';
import { CODE_PATTERN, newCode } from '../../platform/public.ts';
import { inspectionsById, loadInspection, loadVisibleInspection } from '../planning/index.ts';

// The public face of an inspection's 码上巡 channel: its announcement (巡察公告) and one QR code per
// target organization, which the office opens and closes. The reports that come in are petitions.service.ts.

export async function getAnnouncement(deps: AppDeps, ctx: RequestCtx, inspectionId: string): Promise<TAnnouncement> {
  const i = await loadInspection(deps, ctx, inspectionId, 'plan:read');
  return announcementOf(deps.db, i);
}

export async function announcementOf(
  db: Db,
  i: { id: string; teamId: string | null; plannedEntryDate: string | null; plannedExitDate: string | null },
  /** The team's name when the caller already has it; looked up otherwise. */
  knownTeamName?: string | null,
): Promise<TAnnouncement> {
  const a = (await db.select().from(announcements).where(eq(announcements.inspectionId, i.id)))[0];
  const teamName =
    knownTeamName !== undefined ? knownTeamName : ((await inspectionsById(db, [i.id])).get(i.id)?.teamName ?? null);
  if (!a)
    return {
      inspectionId: i.id,
      teamName,
      periodFrom: i.plannedEntryDate ?? '',
      periodTo: i.plannedExitDate ?? '',
      scope: DEFAULT_ANNOUNCEMENT_SCOPE,
      phone: '',
      mailbox: '',
      email: null,
      hours: '工作日 8:00—12:00，14:30—17:30',
      version: 0,
    };
  return {
    inspectionId: i.id,
    teamName,
    periodFrom: a.periodFrom,
    periodTo: a.periodTo,
    scope: a.scope,
    phone: a.phone,
    mailbox: a.mailbox,
    email: a.email,
    hours: a.hours,
    version: a.version,
  };
}

export async function putAnnouncement(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  input: TAnnouncementUpdate,
): Promise<TAnnouncement> {
  const { db, clock } = deps;
  const i = await loadVisibleInspection(deps, ctx, inspectionId, 'publicCode:manage');
  const now = clock.now();
  const values = {
    periodFrom: input.periodFrom,
    periodTo: input.periodTo,
    scope: input.scope,
    phone: input.phone,
    mailbox: input.mailbox,
    email: input.email || null,
    hours: input.hours || null,
    updatedAt: now,
  };
  await db.transaction(async (tx) => {
    if (!(await writeVersioned(tx, announcements, [announcements.inspectionId, i.id], values, input.version)))
      throw new AppError(ErrorCode.VersionConflict, '巡察公告已被他人修改，请刷新后重试');
    await auditAction(tx, now, ctx, 'announcement.update', { type: 'inspection', id: i.id });
  });
  return announcementOf(db, i);
}

export function codeUrl(deps: AppDeps, code: string): string {
  return `${deps.config.publicUrl}/p/${code}`;
}

/**
 * The inspection's codes, one per target organization. Created on first listing (and for targets
 * added later), so a code exists as soon as anyone needs to print it; codes never change.
 */
export async function listCodes(deps: AppDeps, ctx: RequestCtx, inspectionId: string): Promise<TPublicCode[]> {
  const { db, clock } = deps;
  const i = await loadVisibleInspection(deps, ctx, inspectionId, 'publicCode:manage');
  const insp = (await inspectionsById(db, [i.id])).get(i.id);
  const targets = insp?.targets ?? [];
  let rows = await db.select().from(publicCodes).where(eq(publicCodes.inspectionId, i.id));
  const missing = targets.filter((t) => !rows.some((r) => r.orgId === t.orgId));
  if (missing.length) {
    const now = clock.now();
    for (const t of missing)
      for (let attempt = 0; attempt < 5; attempt++) {
        const r = await db
          .insert(publicCodes)
          .values({
            code: newCode(),
            inspectionId: i.id,
            orgId: t.orgId,
            authorityId: i.authorityId,
            role: t.role,
            open: true,
            createdAt: now,
          })
          .onConflictDoNothing()
          .returning({ code: publicCodes.code });
        if (r.length) break;
        // A concurrent listing may have created this target's code; a code collision retries.
        if (
          (
            await db
              .select()
              .from(publicCodes)
              .where(and(eq(publicCodes.inspectionId, i.id), eq(publicCodes.orgId, t.orgId)))
          ).length
        )
          break;
      }
    rows = await db.select().from(publicCodes).where(eq(publicCodes.inspectionId, i.id));
  }
  const order = new Map(targets.map((t, n) => [t.orgId, n]));
  return rows
    .filter((r) => order.has(r.orgId))
    .sort((a, b) => (order.get(a.orgId) ?? 0) - (order.get(b.orgId) ?? 0))
    .map((r) => ({
      code: r.code,
      url: codeUrl(deps, r.code),
      orgId: r.orgId,
      orgName: targets.find((t) => t.orgId === r.orgId)?.name ?? '',
      role: r.role,
      open: r.open,
    }));
}

/** A code by its text, or 404 (also for anything that is not a code's shape). No access check. */
export async function codeRow(db: Db, code: string) {
  if (!CODE_PATTERN.test(code)) throw notFound('二维码');
  const row = (await db.select().from(publicCodes).where(eq(publicCodes.code, code)))[0];
  if (!row) throw notFound('二维码');
  return row;
}

/** A code the caller's team or office manages, or 404. */
export async function loadCode(deps: AppDeps, ctx: RequestCtx, code: string) {
  const row = await codeRow(deps.db, code);
  await loadVisibleInspection(deps, ctx, row.inspectionId, 'publicCode:manage');
  return row;
}

export async function setCodeOpen(deps: AppDeps, ctx: RequestCtx, code: string, open: boolean): Promise<TPublicCode> {
  const { db, clock } = deps;
  const row = await loadCode(deps, ctx, code);
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx.update(publicCodes).set({ open }).where(eq(publicCodes.code, code));
    await auditAction(
      tx,
      now,
      ctx,
      open ? 'publicCode.open' : 'publicCode.close',
      { type: 'publicCode', id: code },
      { inspectionId: row.inspectionId },
    );
  });
  const all = await listCodes(deps, ctx, row.inspectionId);
  return all.find((c) => c.code === code) as TPublicCode;
}
