import fs from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DatasetNotFoundError } from './errors.ts';
import type { Prepared } from './prepare.ts';
import type { DatasetInfo } from './protocol.ts';
import { readSealed, type SealKeys, writeSealed } from './sealed.ts';

/**
 * The worker's datasets in memory, least recently used first out, within a byte budget. A loaded
 * dataset is its plaintext Parquet (a third of the CSV's size, about) plus the prepared tables
 * built from it in DuckDB; a run after upload or after an earlier run starts from there and never
 * decrypts again. A dataset in use by a run is pinned and not evicted. On disk there is only the
 * sealed file.
 */
export interface Entry {
  info: DatasetInfo;
  parquet: Buffer;
  prepared: Map<string, Promise<Prepared>>;
  /** Bytes of the prepared tables built so far. */
  preparedBytes: number;
  pins: number;
}

export class Store {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();

  constructor(
    private readonly dir: string,
    private readonly keys: SealKeys,
    private readonly budget: number,
    private readonly admin: DuckDBConnection,
  ) {}

  fileOf(datasetId: string): string {
    return path.join(this.dir, `${datasetId}.parquet.enc`);
  }

  /** Seals a new dataset to disk and keeps it loaded; returns its entry. */
  async add(info: DatasetInfo, parquet: Buffer): Promise<Entry> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeSealed(this.fileOf(info.datasetId), parquet, { ...info }, this.keys);
    await this.drop(info.datasetId);
    const entry: Entry = { info, parquet, prepared: new Map(), preparedBytes: 0, pins: 0 };
    this.entries.set(info.datasetId, entry);
    await this.evict();
    return entry;
  }

  /** The dataset, loaded from its sealed file if it is not in memory, and pinned until released. */
  async acquire(datasetId: string): Promise<Entry> {
    let e = this.entries.get(datasetId);
    if (!e) {
      let p = this.loading.get(datasetId);
      if (!p) {
        p = this.load(datasetId);
        this.loading.set(datasetId, p);
      }
      try {
        e = await p;
      } finally {
        this.loading.delete(datasetId);
      }
    }
    this.entries.delete(datasetId);
    this.entries.set(datasetId, e);
    e.pins++;
    return e;
  }

  async release(e: Entry): Promise<void> {
    e.pins--;
    await this.evict();
  }

  private async load(datasetId: string): Promise<Entry> {
    const existing = this.entries.get(datasetId);
    if (existing) return existing;
    let sealed: Awaited<ReturnType<typeof readSealed>>;
    try {
      sealed = await readSealed(this.fileOf(datasetId), datasetId, this.keys);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new DatasetNotFoundError(datasetId);
      throw e;
    }
    const entry: Entry = {
      info: sealed.header as unknown as DatasetInfo,
      parquet: sealed.plain,
      prepared: new Map(),
      preparedBytes: 0,
      pins: 0,
    };
    this.entries.set(datasetId, entry);
    await this.evict();
    return entry;
  }

  /** Moves a dataset sealed under an older field key to the current one. True when it was rewritten. */
  async reseal(datasetId: string): Promise<boolean> {
    const file = this.fileOf(datasetId);
    const sealed = await readSealed(file, datasetId, this.keys).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') throw new DatasetNotFoundError(datasetId);
      throw e;
    });
    if (sealed.keyVersion === this.keys.current) return false;
    await writeSealed(file, sealed.plain, sealed.header, this.keys);
    return true;
  }

  /** Forgets a dataset (its memory and prepared tables); `deleteFile` also removes the sealed file. */
  async drop(datasetId: string, deleteFile = false): Promise<void> {
    const e = this.entries.get(datasetId);
    if (e) {
      this.entries.delete(datasetId);
      await this.dropPrepared(e);
    }
    if (deleteFile) await fs.rm(this.fileOf(datasetId), { force: true });
  }

  private async dropPrepared(e: Entry): Promise<void> {
    for (const p of e.prepared.values()) {
      const prepared = await p.catch(() => null);
      if (prepared) await this.admin.run(`DROP TABLE IF EXISTS ${prepared.table}`);
    }
    e.prepared.clear();
    e.preparedBytes = 0;
  }

  /** Evicts the least recently used datasets not in use until the cache fits its budget. */
  private async evict(): Promise<void> {
    const size = (e: Entry) => e.parquet.length + e.preparedBytes;
    let total = 0;
    for (const e of this.entries.values()) total += size(e);
    for (const [id, e] of [...this.entries]) {
      if (total <= this.budget) break;
      if (e.pins > 0) continue;
      this.entries.delete(id);
      total -= size(e);
      await this.dropPrepared(e);
    }
  }

  stats(): { datasets: number; bytes: number; prepared: number } {
    let bytes = 0;
    let prepared = 0;
    for (const e of this.entries.values()) {
      bytes += e.parquet.length + e.preparedBytes;
      prepared += e.prepared.size;
    }
    return { datasets: this.entries.size, bytes, prepared };
  }
}
