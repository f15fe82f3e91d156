import { DEFAULT_SETTINGS, type TSettings, ZSettings } from '@xc/domain';
import { and, eq } from 'drizzle-orm';
import { settings } from '../db/schema/platform.ts';
import type { Db } from './db.ts';

/**
 * Security settings live in one versioned row. Reads are cached briefly because every request
 * checks session timeouts; an update through this store clears the cache at once, and other
 * instances see it within the TTL.
 */
export class SettingsStore {
  private cached: { value: TSettings; version: number; updatedAt: Date | null; at: number } | null = null;
  private readonly defaults: TSettings;
  constructor(
    private readonly db: Db,
    opts: { totpRequiredByDefault?: boolean; ttlMs?: number } = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 5_000;
    this.defaults =
      opts.totpRequiredByDefault === false ? { ...DEFAULT_SETTINGS, totpRequiredRoles: [] } : DEFAULT_SETTINGS;
  }
  private readonly ttlMs: number;

  async get(): Promise<{ value: TSettings; version: number; updatedAt: Date | null }> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached;
    const rows = await this.db.select().from(settings).where(eq(settings.id, 1));
    const row = rows[0];
    const value = row ? { ...this.defaults, ...ZSettings.partial().parse(row.value) } : this.defaults;
    this.cached = { value, version: row?.version ?? 0, updatedAt: row?.updatedAt ?? null, at: Date.now() };
    return this.cached;
  }

  invalidate(): void {
    this.cached = null;
  }

  /**
   * Write new settings if the stored version is still `version` (0: none stored yet), inside the
   * caller's transaction. False when someone else changed them first.
   */
  async save(tx: Db, version: number, value: TSettings, by: string, at: Date): Promise<boolean> {
    const res =
      version === 0
        ? await tx
            .insert(settings)
            .values({ id: 1, value, version: 1, updatedAt: at, updatedBy: by })
            .onConflictDoNothing()
            .returning({ id: settings.id })
        : await tx
            .update(settings)
            .set({ value, version: version + 1, updatedAt: at, updatedBy: by })
            .where(and(eq(settings.id, 1), eq(settings.version, version)))
            .returning({ id: settings.id });
    this.invalidate();
    return res.length > 0;
  }
}
