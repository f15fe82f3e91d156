import { DEFAULT_SETTINGS, type TSettings, ZSettings } from '@xc/domain';
import { eq } from 'drizzle-orm';
import { settings } from '../db/schema/index.ts';
import type { Db } from './db.ts';

/**
 * Security settings live in one versioned row. Reads are cached briefly because every request
 * checks session timeouts; an update through this store clears the cache at once, and other
 * instances see it within the TTL.
 */
export class SettingsStore {
  private cached: { value: TSettings; version: number; updatedAt: Date | null; at: number } | null = null;
  constructor(
    private readonly db: Db,
    private readonly ttlMs = 5_000,
  ) {}

  async get(): Promise<{ value: TSettings; version: number; updatedAt: Date | null }> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached;
    const rows = await this.db.select().from(settings).where(eq(settings.id, 1));
    const row = rows[0];
    const value = row ? { ...DEFAULT_SETTINGS, ...ZSettings.partial().parse(row.value) } : DEFAULT_SETTINGS;
    this.cached = { value, version: row?.version ?? 0, updatedAt: row?.updatedAt ?? null, at: Date.now() };
    return this.cached;
  }

  invalidate(): void {
    this.cached = null;
  }
}
