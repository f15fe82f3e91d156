import {
  AppError,
  ErrorCode,
  latestPurgeBefore,
  shanghaiDate,
  type TAuditPurge,
  type TSettings,
  ZSettings,
} from '@xc/domain';
import {
  type AuditQuery,
  auditAction,
  auditEntries,
  latestAuditPurge,
  listAuditEntries,
  purgeAuditLog,
  verifyAuditChain,
} from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { exportXlsx } from '../../platform/spreadsheets.ts';

// The 系统管理 pages' own work: the installation's settings (系统管理员) and reading the audit log
// (安全审计员). Accounts and grants belong to the auth module; admin.routes.ts calls it.

// ---------------------------------------------------------------- settings

export async function getSettings(deps: AppDeps) {
  deps.settings.invalidate();
  const s = await deps.settings.get();
  return { settings: s.value, version: s.version, updatedAt: s.updatedAt?.toISOString() ?? null };
}

export async function updateSettings(deps: AppDeps, ctx: RequestCtx, input: { version: number; settings: TSettings }) {
  const { db, clock } = deps;
  const now = clock.now();
  const value = ZSettings.parse(input.settings);
  const before = await getSettings(deps);
  await db.transaction(async (tx) => {
    if (!(await deps.settings.save(tx, input.version, value, ctx.actor.userId, now)))
      throw new AppError(ErrorCode.VersionConflict, '设置已被他人修改，请刷新后重试', { current: before });
    const changed = Object.fromEntries(
      (Object.keys(value) as (keyof TSettings)[])
        .filter((k) => JSON.stringify(value[k]) !== JSON.stringify(before.settings[k]))
        .map((k) => [k, { from: before.settings[k], to: value[k] }]),
    );
    await auditAction(tx, now, ctx, 'settings.update', { type: 'settings', id: '1' }, { changed });
  });
  deps.settings.invalidate();
  return getSettings(deps);
}

// ---------------------------------------------------------------- audit log

export function listAudit(deps: AppDeps, q: AuditQuery) {
  return listAuditEntries(deps.db, q);
}

export async function exportAudit(deps: AppDeps, ctx: RequestCtx, q: Omit<AuditQuery, 'limit' | 'cursor'>) {
  const rows = await auditEntries(deps.db, q, 100_000);
  return exportXlsx(deps, ctx, {
    action: 'audit.export',
    detail: { rows: rows.length, filters: q },
    name: (serial) => `审计日志-${serial}.xlsx`,
    sheetName: '审计日志',
    title: '审计日志',
    rows,
    columns: [
      { header: '序号', width: 8, value: (r) => r.seq },
      { header: '时间', width: 22, value: (r) => r.at },
      { header: '操作人', value: (r) => r.actorName },
      { header: '角色', value: (r) => r.role },
      { header: '操作', width: 20, value: (r) => r.action },
      { header: '对象类型', value: (r) => r.objectType },
      { header: '对象', width: 38, value: (r) => r.objectId },
      { header: '结果', width: 8, value: (r) => r.result },
      { header: '请求编号', width: 38, value: (r) => r.requestId },
      { header: 'IP', value: (r) => r.ip },
      { header: '详情', width: 40, value: (r) => (r.detail ? JSON.stringify(r.detail) : '') },
      { header: '哈希', width: 66, value: (r) => r.hash },
    ],
  });
}

export async function verifyAudit(deps: AppDeps) {
  const r = await verifyAuditChain(deps.db);
  return {
    ok: r.firstBrokenSeq === null,
    checked: r.checked,
    firstBrokenSeq: r.firstBrokenSeq,
    purgedThroughSeq: r.purgedThroughSeq,
  };
}

// ---------------------------------------------------------------- purging after retention

/** The retention in force and the latest date a purge may name today (the settings are fresh). */
async function retentionNow(deps: AppDeps) {
  deps.settings.invalidate();
  const retentionDays = (await deps.settings.get()).value.auditRetentionDays;
  return { retentionDays, latestBefore: latestPurgeBefore(shanghaiDate(deps.clock.now()), retentionDays) };
}

export async function auditPurgeInfo(deps: AppDeps) {
  return { ...(await retentionNow(deps)), lastPurge: await latestAuditPurge(deps.db) };
}

/**
 * 清理过期审计日志 (安全审计员, re-authenticated): every row before 00:00 (Beijing time) of `before`,
 * which must be out of the retention period. The purge and its own event are one transaction, so
 * a purge is never without the event that records it.
 */
export async function purgeAudit(deps: AppDeps, ctx: RequestCtx, input: TAuditPurge) {
  const { db, clock } = deps;
  const now = clock.now();
  const { retentionDays, latestBefore } = await retentionNow(deps);
  if (input.before > latestBefore)
    throw new AppError(
      ErrorCode.BadRequest,
      `审计日志须保存${retentionDays}天，清理截止日期最晚为 ${latestBefore}（该日及以后的日志仍在保存期内）`,
      { latestBefore, retentionDays },
    );
  // The cutoff is the earlier of `before` and today − retention: after the check above, `before`.
  const cutoff = new Date(`${input.before}T00:00:00+08:00`);
  return db.transaction(async (tx) => {
    const r = await purgeAuditLog(tx, cutoff, retentionDays, {
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
    });
    const result = { purgedRows: r.purgedRows, throughSeq: r.throughSeq, cutoff: cutoff.toISOString() };
    await auditAction(
      tx,
      now,
      ctx,
      'audit.purge',
      { type: 'audit', id: r.throughSeq === null ? null : String(r.throughSeq) },
      { cutoff: result.cutoff, purgedRows: r.purgedRows, throughSeq: r.throughSeq },
    );
    return result;
  });
}
