import { AppError, ErrorCode, type TSettings, ZSettings } from '@xc/domain';
import {
  type AuditQuery,
  auditEntries,
  auditExport,
  auditOf,
  listAuditEntries,
  verifyAuditChain,
  writeAudit,
} from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { buildXlsx, newExportSerial } from '../../platform/spreadsheets.ts';

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
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'settings.update',
      objectType: 'settings',
      objectId: '1',
      detail: { changed },
    });
  });
  deps.settings.invalidate();
  return getSettings(deps);
}

// ---------------------------------------------------------------- audit log

export function listAudit(deps: AppDeps, q: AuditQuery) {
  return listAuditEntries(deps.db, q);
}

export async function exportAudit(deps: AppDeps, ctx: RequestCtx, q: Omit<AuditQuery, 'limit' | 'cursor'>) {
  const { db, clock } = deps;
  const now = clock.now();
  const rows = await auditEntries(db, q, 100_000);
  const serial = newExportSerial(now);
  const buf = await buildXlsx({
    sheetName: '审计日志',
    title: '审计日志',
    stamp: { exporterName: ctx.actor.displayName, at: now, serial },
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
  await auditExport(db, ctx, now, 'audit.export', serial, { rows: rows.length, filters: q });
  return { buf, serial };
}

export async function verifyAudit(deps: AppDeps) {
  const r = await verifyAuditChain(deps.db);
  return { ok: r.firstBrokenSeq === null, checked: r.checked, firstBrokenSeq: r.firstBrokenSeq };
}
