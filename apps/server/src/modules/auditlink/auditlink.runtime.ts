import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode, type TRunPhase } from '@xc/domain';
import { runProgress } from '@xc/domain/auditlink/hits';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { auditLinkDatasets, auditLinkRuns } from '../../db/schema/auditlink.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { calendarFor, inspectionsById } from '../planning/index.ts';
import { persistRunResult, specOf } from './auditlink.results.ts';
import type { RunRow } from './auditlink.shared.ts';
import { AuditEngine, type RunResult } from './engine/index.ts';

/**
 * The module's part of the process: one AuditEngine (DuckDB in its worker), opened at first use and
 * closed with the app, and the queue of runs it works through one at a time. A run's row is the
 * truth every instance reads; this process keeps the row's heartbeat moving while it holds the run
 * and looks at the row for a cancel asked through another instance.
 */
export interface Runtime {
  engine(): Promise<AuditEngine>;
  /** Takes a queued run into this process's queue. */
  enqueue(runId: string): void;
  /** Interrupts the run if this process is running it. */
  cancel(runId: string): Promise<void>;
  /** Resolves when the queue is empty and nothing runs (tests, the seed). */
  idle(): Promise<void>;
  /** The housekeeping of the hourly sweep, now (see sweep). */
  sweep(): Promise<void>;
  /**
   * A wait for the run's next change as this process records it (its status or progress written,
   * a cancel asked here): `next` resolves at that change, after `ms`, at `stop()` or when the
   * runtime closes, whichever comes first. Watch before reading the run, so that a change landing
   * between the read and the wait is not missed. Only this process's changes are seen: a run
   * executed by another instance sharing the database is answered by the timeout (see waitRun).
   */
  watch(runId: string, ms: number): RunWatch;
  /** Wakes the watchers of a run: call after a change of its row is committed. */
  changed(runId: string): void;
  close(): Promise<void>;
}

export interface RunWatch {
  next: Promise<void>;
  stop(): void;
}

/** A run whose heartbeat is older than this is taken for lost (its process stopped). */
export const STALE_RUN_MS = 2 * 60_000;
const HEARTBEAT_MS = 20_000;
/** Progress is written at most this often. */
const PROGRESS_MS = 400;
/** Datasets of archived inspections and files without a dataset are looked for this often. */
const SWEEP_MS = 3_600_000;

const runtimes = new WeakMap<AppDeps, Runtime>();

/**
 * The runtime of an app's deps, made at first use. `housekeeping: false` (the demo seed, which runs
 * inside one transaction) leaves out the sweep, whose writes must not interleave with the caller's.
 */
export function runtimeOf(deps: AppDeps, opts: { housekeeping?: boolean } = {}): Runtime {
  let r = runtimes.get(deps);
  if (!r) {
    r = createRuntime(deps, opts.housekeeping ?? true);
    runtimes.set(deps, r);
  }
  return r;
}

/** Closes the runtime of an app if it was ever opened. */
export async function closeRuntime(deps: AppDeps): Promise<void> {
  const r = runtimes.get(deps);
  runtimes.delete(deps);
  await r?.close();
}

function createRuntime(deps: AppDeps, housekeeping: boolean): Runtime {
  let opening: Promise<AuditEngine> | null = null;
  let closed = false;
  const queue: string[] = [];
  let current: string | null = null;
  let draining: Promise<void> | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  let sweeper: NodeJS.Timeout | null = null;
  const background = new Set<Promise<unknown>>();
  const watchers = new Map<string, Set<() => void>>();
  const changed = (runId: string) => {
    const set = watchers.get(runId);
    if (!set) return;
    watchers.delete(runId);
    for (const stop of set) stop();
  };
  const log = (msg: string, err: unknown) => process.emitWarning(`${msg}: ${(err as Error)?.message ?? err}`);

  const keep = (p: Promise<unknown>) => {
    background.add(p);
    void p.finally(() => background.delete(p));
  };

  const engine = () => {
    if (closed) return Promise.reject(new AppError(ErrorCode.Unavailable, '数据比对引擎已关闭'));
    opening ??= AuditEngine.open({ dataDir: deps.config.dataDir, keys: deps.keys, clock: deps.clock }).then((e) => {
      if (!housekeeping) return e;
      keep(sweep(deps, e).catch((err) => log('auditlink sweep failed', err)));
      sweeper = setInterval(() => keep(sweep(deps, e).catch((err) => log('auditlink sweep failed', err))), SWEEP_MS);
      sweeper.unref();
      return e;
    });
    return opening;
  };

  /** Moves the heartbeat of every run this process holds, and passes on a cancel asked elsewhere. */
  const beat = async () => {
    const held = [...queue, ...(current ? [current] : [])];
    if (!held.length) return;
    await deps.db.update(auditLinkRuns).set({ heartbeatAt: deps.clock.now() }).where(inArray(auditLinkRuns.id, held));
    if (current) {
      const row = (
        await deps.db
          .select({ cancel: auditLinkRuns.cancelRequested })
          .from(auditLinkRuns)
          .where(eq(auditLinkRuns.id, current))
      )[0];
      if (row?.cancel) await (await engine()).cancel(current);
    }
  };

  const execute = async (runId: string) => {
    const now = deps.clock.now();
    const claimed = (
      await deps.db
        .update(auditLinkRuns)
        .set({ status: 'running', phase: 'loading', progress: 0, startedAt: now, heartbeatAt: now })
        .where(and(eq(auditLinkRuns.id, runId), eq(auditLinkRuns.status, 'queued')))
        .returning()
    )[0];
    if (!claimed) return;
    current = runId;
    changed(runId);
    // The row says 'loading' from the claim on: a run done within PROGRESS_MS never writes its
    // progress, whose writes would only compete with it for the database and the cores.
    let wrote = Date.now();
    let writing: Promise<unknown> = Promise.resolve();
    const progress = (phase: TRunPhase, fraction: number) => {
      const t = Date.now();
      if (t - wrote < PROGRESS_MS) return;
      wrote = t;
      writing = writing.then(() =>
        deps.db
          .update(auditLinkRuns)
          .set({ phase, progress: runProgress(phase, fraction), heartbeatAt: deps.clock.now() })
          .where(and(eq(auditLinkRuns.id, runId), eq(auditLinkRuns.status, 'running')))
          .then(
            () => changed(runId),
            (err) => log('auditlink progress write failed', err),
          ),
      );
    };
    let result: RunResult | null = null;
    let failure: string | null = null;
    try {
      const e = await engine();
      // Only invoiceScreens reads the office's calendar (dates on days off).
      const calendar = claimed.rule === 'invoiceScreens' ? await calendarFor(deps.db, claimed.authorityId) : undefined;
      if (claimed.cancelRequested) await e.cancel(runId);
      result = await e.runSpec({
        runId,
        spec: specOf(claimed),
        calendar,
        onProgress: (p) => progress(p.phase, p.fraction),
      });
    } catch (err) {
      failure =
        err instanceof AppError && err.status < 500
          ? err.message
          : '比对失败：数据比对引擎出错，请稍后重试；如仍失败，请联系系统管理员';
      if (!(err instanceof AppError) || err.status >= 500) log('auditlink run failed', err);
    } finally {
      current = null;
    }
    await writing;
    // The watchers are woken whatever happened to the writes below: they read the row again anyway.
    try {
      await finish(claimed, result, failure);
    } finally {
      changed(runId);
    }
  };

  const finish = async (claimed: RunRow, result: RunResult | null, failure: string | null) => {
    const runId = claimed.id;
    const finishedAt = deps.clock.now();
    if (result?.status === 'done') {
      await persistRunResult(deps, claimed, result, finishedAt);
      return;
    }
    await deps.db.transaction(async (tx) => {
      const cancelled = result?.status === 'cancelled';
      const moved = await tx
        .update(auditLinkRuns)
        .set({ status: cancelled ? 'cancelled' : 'failed', error: failure, finishedAt, heartbeatAt: finishedAt })
        .where(and(eq(auditLinkRuns.id, runId), eq(auditLinkRuns.status, 'running')))
        .returning({ id: auditLinkRuns.id });
      if (moved.length)
        await writeAudit(tx, finishedAt, {
          actorName: '系统',
          action: cancelled ? 'auditlink.run.cancelled' : 'auditlink.run.failed',
          objectType: 'auditLinkRun',
          objectId: runId,
          result: cancelled ? 'success' : 'failure',
          detail: { inspectionId: claimed.inspectionId, rule: claimed.rule, error: failure },
        });
    });
  };

  const drain = async () => {
    heartbeat ??= setInterval(() => keep(beat().catch((err) => log('auditlink heartbeat failed', err))), HEARTBEAT_MS);
    heartbeat.unref();
    while (queue.length && !closed) {
      const runId = queue.shift() as string;
      await execute(runId).catch((err) => log('auditlink run could not be finished', err));
    }
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
  };

  const runtime: Runtime = {
    engine,
    enqueue(runId) {
      if (closed) return;
      queue.push(runId);
      if (!draining)
        draining = drain().finally(() => {
          draining = null;
        });
    },
    async cancel(runId) {
      const i = queue.indexOf(runId);
      if (i >= 0) queue.splice(i, 1);
      if (current === runId && opening) await (await opening).cancel(runId);
    },
    async idle() {
      while (draining) await draining;
    },
    async sweep() {
      await sweep(deps, await engine());
    },
    watch(runId, ms) {
      let resolve = () => {};
      const next = new Promise<void>((r) => {
        resolve = r;
      });
      if (closed) {
        resolve();
        return { next, stop: () => {} };
      }
      let set = watchers.get(runId);
      if (!set) {
        set = new Set();
        watchers.set(runId, set);
      }
      const mine = set;
      const stop = () => {
        clearTimeout(timer);
        mine.delete(stop);
        if (!mine.size && watchers.get(runId) === mine) watchers.delete(runId);
        resolve();
      };
      const timer = setTimeout(stop, ms);
      mine.add(stop);
      return { next, stop };
    },
    changed,
    async close() {
      closed = true;
      // Waiting reads answer with the run as it stands, before the database closes.
      for (const runId of [...watchers.keys()]) changed(runId);
      queue.length = 0;
      if (sweeper) clearInterval(sweeper);
      if (current && opening) await (await opening).cancel(current).catch(() => false);
      await draining;
      await Promise.allSettled([...background]);
      if (opening) await (await opening.catch(() => null))?.close();
    },
  };
  return runtime;
}

/**
 * The housekeeping that runs when the engine opens and every hour: datasets of archived
 * inspections are deleted (the results and their evidence stay with the runs: 巡审贯通's datasets
 * go with the inspection's archive), sealed files without a dataset are removed, datasets sealed
 * under an older field key are re-sealed under the current one (after rotate-keys), and runs whose
 * process went away are failed.
 */
async function sweep(deps: AppDeps, engine: AuditEngine): Promise<void> {
  const { db, clock, keys } = deps;
  const rows = await db
    .select({
      id: auditLinkDatasets.id,
      inspectionId: auditLinkDatasets.inspectionId,
      storageId: auditLinkDatasets.storageId,
      keyVersion: auditLinkDatasets.keyVersion,
      status: auditLinkDatasets.status,
      fileName: auditLinkDatasets.fileName,
    })
    .from(auditLinkDatasets);
  const stages = await inspectionsById(db, [...new Set(rows.map((r) => r.inspectionId))]);
  for (const r of rows) {
    if (stages.get(r.inspectionId)?.stage !== 'archived' || r.status !== 'ready') continue;
    const now = clock.now();
    const gone = await db.transaction(async (tx) => {
      const d = await tx
        .delete(auditLinkDatasets)
        .where(eq(auditLinkDatasets.id, r.id))
        .returning({ id: auditLinkDatasets.id });
      if (d.length)
        await writeAudit(tx, now, {
          actorName: '系统',
          action: 'auditlink.dataset.archivedDelete',
          objectType: 'auditLinkDataset',
          objectId: r.id,
          detail: { inspectionId: r.inspectionId, fileName: r.fileName },
        });
      return d.length > 0;
    });
    if (gone) await engine.deleteDataset(r.storageId);
  }
  const known = new Set(rows.map((r) => r.storageId));
  const dir = path.join(deps.config.dataDir, 'auditlink');
  const files = await fs.readdir(dir).catch(() => [] as string[]);
  for (const f of files) {
    const m = /^([A-Za-z0-9][A-Za-z0-9_-]{0,63})\.parquet\.enc$/.exec(f);
    // A dataset's row is written before its file, so a file without a row is a leftover.
    if (m && !known.has(m[1] as string)) {
      const still = await db
        .select({ id: auditLinkDatasets.id })
        .from(auditLinkDatasets)
        .where(eq(auditLinkDatasets.storageId, m[1] as string));
      if (!still.length) await engine.deleteDataset(m[1] as string);
    }
  }
  for (const r of rows.filter((x) => x.status === 'ready' && x.keyVersion < keys.current)) {
    await engine.resealDataset(r.storageId);
    await db
      .update(auditLinkDatasets)
      .set({ keyVersion: keys.current })
      .where(and(eq(auditLinkDatasets.id, r.id), lt(auditLinkDatasets.keyVersion, keys.current)));
  }
  await failLostRuns(deps);
}

/** Runs queued or running whose process has not moved their heartbeat for STALE_RUN_MS: failed. */
export async function failLostRuns(deps: AppDeps, ids?: string[]): Promise<void> {
  if (ids && !ids.length) return;
  const now = deps.clock.now();
  const lost = await deps.db
    .update(auditLinkRuns)
    .set({ status: 'failed', error: '比对中断：运行比对的服务进程已停止，请重新运行', finishedAt: now })
    .where(
      and(
        inArray(auditLinkRuns.status, ['queued', 'running']),
        lt(auditLinkRuns.heartbeatAt, new Date(now.getTime() - STALE_RUN_MS)),
        ids ? inArray(auditLinkRuns.id, ids) : sql`true`,
      ),
    )
    .returning({ id: auditLinkRuns.id });
  for (const r of lost) {
    await writeAudit(deps.db, now, {
      actorName: '系统',
      action: 'auditlink.run.lost',
      objectType: 'auditLinkRun',
      objectId: r.id,
      result: 'failure',
    });
    runtimes.get(deps)?.changed(r.id);
  }
}
