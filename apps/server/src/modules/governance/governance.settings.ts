import { AppError, ErrorCode, type TGovernanceSettings, ZGovernanceSettings } from '@xc/domain';
import { and, eq } from 'drizzle-orm';
import { governanceSettings } from '../../db/schema/governance.ts';
import { inScope, notFound, scopeFor } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { authorityById } from '../orgs/index.ts';

// 以巡促治 settings of an authority: the bulletin number prefix, the answer limits of duty reminders,
// the conduct questionnaires' timing, the archive's fonds and retention, the dual-report limits.

/** The settings in force for an authority: the stored value parsed (missing keys take defaults), or the defaults. */
export async function governanceSettingsOf(
  db: Db,
  authorityId: string,
): Promise<{ settings: TGovernanceSettings; version: number; updatedAt: Date | null }> {
  const row = (await db.select().from(governanceSettings).where(eq(governanceSettings.authorityId, authorityId)))[0];
  const parsed = ZGovernanceSettings.safeParse(row?.value ?? {});
  return {
    settings: parsed.success ? parsed.data : ZGovernanceSettings.parse({}),
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
  };
}

async function settingsAuthority(deps: AppDeps, ctx: RequestCtx, authorityId: string, write: boolean) {
  const a = await authorityById(deps.db, authorityId);
  if (!a || !inScope(scopeFor(ctx.actor, write ? 'governance:manage' : 'governance:read'), authorityId))
    throw notFound('巡察机构');
  return a;
}

function settingsDto(authorityId: string, s: Awaited<ReturnType<typeof governanceSettingsOf>>) {
  return { authorityId, settings: s.settings, version: s.version, updatedAt: s.updatedAt?.toISOString() ?? null };
}

export async function getGovernanceSettings(deps: AppDeps, ctx: RequestCtx, authorityId: string) {
  await settingsAuthority(deps, ctx, authorityId, false);
  return settingsDto(authorityId, await governanceSettingsOf(deps.db, authorityId));
}

/** Replaces the settings under the version read: of two saves at once, one answers 409. */
export async function updateGovernanceSettings(
  deps: AppDeps,
  ctx: RequestCtx,
  authorityId: string,
  input: { version: number; settings: TGovernanceSettings },
) {
  await settingsAuthority(deps, ctx, authorityId, true);
  const now = deps.clock.now();
  const value = input.settings as unknown as Record<string, unknown>;
  await deps.db.transaction(async (tx) => {
    const res =
      input.version === 0
        ? await tx
            .insert(governanceSettings)
            .values({ authorityId, value, version: 1, updatedAt: now })
            .onConflictDoNothing()
            .returning({ id: governanceSettings.authorityId })
        : await tx
            .update(governanceSettings)
            .set({ value, version: input.version + 1, updatedAt: now })
            .where(and(eq(governanceSettings.authorityId, authorityId), eq(governanceSettings.version, input.version)))
            .returning({ id: governanceSettings.authorityId });
    if (!res.length) throw new AppError(ErrorCode.VersionConflict, '以巡促治设置已被他人修改，请刷新后重试');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'governance.settings.update',
      objectType: 'authority',
      objectId: authorityId,
      detail: { version: input.version + 1 },
    });
  });
  return settingsDto(authorityId, await governanceSettingsOf(deps.db, authorityId));
}
