import {
  AppError,
  ARCHIVE_CLASS_CODES,
  ARCHIVE_CLASS_LABELS,
  ARCHIVE_CLASSES,
  ARCHIVE_DOC_KIND_LABELS,
  archiveClassOf,
  archiveLockProblem,
  archiveOrder,
  archiveSettingsProblem,
  borrowMove,
  borrowOverdue,
  borrowRequestProblem,
  catalogueNumbers,
  detectFileKind,
  ErrorCode,
  RETENTION_LABELS,
  retentionOf,
  type TArchiveBorrow,
  type TArchiveBorrowDecision,
  type TArchiveBorrowRecord,
  type TArchiveCatalogueQuery,
  type TArchiveClass,
  type TArchiveDocKind,
  type TArchiveItem,
  type TArchiveListQuery,
  type TBorrowStatus,
  type TRetention,
  type TStage,
} from '@xc/domain';
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { archiveBorrows, archiveItems } from '../../db/schema/governance.ts';
import { inScope, scopeFor } from '../../platform/access.ts';
import { auditExport, auditOf, writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere, rowsOf } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { decodeCursor, encodeCursor, paginate, paginateItems } from '../../platform/pagination.ts';
import { buildXlsx, newExportSerial } from '../../platform/spreadsheets.ts';
import { authoritiesByIds } from '../orgs/index.ts';
import { inspectionsById, inspectionsInScopeSql, loadInspection, prepareTransition } from '../planning/index.ts';
import { assertAuthority, inGovernanceScope, notFound, termAuthority } from './governance.access.ts';
import { type ArchiveSource, archiveSourcesOf } from './governance.archive-sources.ts';
import { openGovernanceFile, storeGovernanceFile } from './governance.files.ts';
import { governanceSettingsOf } from './governance.settings.ts';

// 档案 (issue 13, item 8): filing a published inspection's documents as 文书档案 and 业务档案, one item
// per file with a catalogue number (全宗号-年度-类别-件号) that runs without gaps, the catalogue as a
// workbook, and borrowing: requested, decided by an office leader, returned; a borrower reads an item
// only while the loan is approved, not returned and not overdue. Every read of a filed file is audited.

const bad = (message: string) => new AppError(ErrorCode.BadRequest, message);
const conflict = (message: string) => new AppError(ErrorCode.Conflict, message);

/**
 * Filings of one authority take this lock (with the authority) for their numbering: two filings at
 * once would otherwise both read the same highest 件号.
 */
const ARCHIVE_LOCK = 72_657_013;

type ItemRow = typeof archiveItems.$inferSelect;
type BorrowRow = typeof archiveBorrows.$inferSelect;

function itemDto(r: ItemRow): TArchiveItem {
  return {
    id: r.id,
    authorityId: r.authorityId,
    inspectionId: r.inspectionId,
    kind: r.kind as TArchiveDocKind,
    archiveClass: r.archiveClass as TArchiveClass,
    title: r.title,
    fileId: r.fileId,
    docDate: r.docDate,
    retention: r.retention as TRetention,
    catalogueNumber: r.catalogueNumber,
    year: r.year,
    seq: r.seq,
    pages: r.pages,
    filedOn: r.filedOn,
  };
}

// ------------------------------------------------------------------ candidates

/** Why the inspection cannot be filed now (Chinese), or null. */
function filingProblem(stage: string, fonds: { archiveFonds: string | null }): string | null {
  const locked = archiveLockProblem(stage as TStage);
  if (locked) return locked;
  if (stage !== 'published') return '巡察尚未完成整改结果公开，不能归档';
  return archiveSettingsProblem(fonds);
}

/**
 * GET /api/archive/inspections: the inspections of the caller's authorities that are published (and
 * may be filed) or already archived, newest first, with what they file (or filed).
 */
export async function listArchiveCandidates(
  deps: AppDeps,
  ctx: RequestCtx,
  q: {
    termId?: string | undefined;
    archived?: 'true' | 'false' | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const { db } = deps;
  if (q.termId) await termAuthority(deps, ctx, q.termId, 'archive:read');
  const stages: TStage[] =
    q.archived === 'true' ? ['archived'] : q.archived === 'false' ? ['published'] : ['published', 'archived'];
  const ids = rowsOf<{ id: string }>(
    await db.execute(inspectionsInScopeSql(scopeFor(ctx.actor, 'archive:read'), stages)),
  ).map((r) => r.id);
  // Filed by the office of the inspection's own authority: a county reaching a city inspection
  // authorized to it does not file it.
  const scope = scopeFor(ctx.actor, 'archive:read');
  const all = [...(await inspectionsById(db, ids)).values()]
    .filter((i) => inScope(scope, i.authorityId) && (!q.termId || i.termId === q.termId))
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const cur = decodeCursor(q.cursor, ['uuid']);
  const after = cur ? all.filter((i) => i.id < (cur[0] as string)) : all;
  const page = after.slice(0, q.limit);
  const filed = page.length
    ? await db
        .select({ inspectionId: archiveItems.inspectionId, n: sql<number>`count(*)::int` })
        .from(archiveItems)
        .where(
          inArray(
            archiveItems.inspectionId,
            page.map((i) => i.id),
          ),
        )
        .groupBy(archiveItems.inspectionId)
    : [];
  const filedOf = new Map(filed.map((f) => [f.inspectionId, Number(f.n)]));
  const items = [];
  for (const i of page) {
    const { settings } = await governanceSettingsOf(db, i.authorityId);
    const archived = i.stage === 'archived';
    items.push({
      inspectionId: i.id,
      inspectionName: i.label,
      stage: i.stage,
      archivedDate: i.archivedDate ?? null,
      items: archived ? (filedOf.get(i.id) ?? 0) : (await archiveSourcesOf(deps, ctx, i)).length,
      problem: archived ? null : filingProblem(i.stage, settings),
    });
  }
  const last = page[page.length - 1];
  return {
    items,
    total: all.length,
    nextCursor: after.length > q.limit && last ? encodeCursor([last.id]) : null,
  };
}

// ------------------------------------------------------------------ filing

interface Built {
  id: string;
  source: ArchiveSource;
  archiveClass: TArchiveClass;
  file: { name: string; mime: string; data: Buffer };
}

/**
 * POST /api/inspections/:id/archive. The documents are built first (each module's builder reads the
 * database on its own); then one transaction moves the inspection to `archived` (conditional on its
 * stage and version: of two filings at once one answers 409), numbers the items after the highest
 * 件号 of their fonds, year and class, stores each file sealed and writes the audit. Nothing is filed
 * unless the inspection is archived with it.
 */
export async function fileInspection(deps: AppDeps, ctx: RequestCtx, inspectionId: string) {
  const { db } = deps;
  const insp = await loadInspection(deps, ctx, inspectionId, 'governance:manage');
  assertAuthority(ctx, 'archive:read', insp.authorityId, '巡察');
  const { settings } = await governanceSettingsOf(db, insp.authorityId);
  const locked = archiveLockProblem(insp.stage as TStage);
  if (locked) throw conflict(locked);
  if (insp.stage !== 'published') throw conflict('巡察尚未完成整改结果公开，不能归档');
  const noFonds = archiveSettingsProblem(settings);
  if (noFonds) throw bad(noFonds);
  const fonds = settings.archiveFonds as string;
  const on = today(deps.clock);
  const year = Number(on.slice(0, 4));
  // The stage move's own checks (role, dates, guards) run before anything is built.
  const move = await prepareTransition(deps, ctx, insp.id, {
    version: insp.version,
    to: 'archived',
    date: on,
    note: '归档（文书档案、业务档案）',
  });
  const sources = await archiveSourcesOf(deps, ctx, insp);
  const now = deps.clock.now();
  const built: Built[] = [];
  for (const source of sources)
    built.push({
      id: uuidv7(now.getTime()),
      source,
      archiveClass: archiveClassOf(source.kind),
      file: await source.build(),
    });
  const numbered: { id: string; archiveClass: TArchiveClass; seq: number; number: string }[] = [];
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ARCHIVE_LOCK}, hashtext(${insp.authorityId}))`);
    try {
      await move(tx);
    } catch (e) {
      if (e instanceof AppError && e.code === ErrorCode.VersionConflict)
        throw new AppError(ErrorCode.VersionConflict, '该巡察已被他人归档或修改，请刷新后查看');
      throw e;
    }
    for (const archiveClass of ARCHIVE_CLASSES) {
      const mine = built
        .filter((b) => b.archiveClass === archiveClass)
        .sort((a, b) =>
          archiveOrder(
            { kind: a.source.kind, docDate: a.source.docDate, title: a.source.title, id: a.id },
            { kind: b.source.kind, docDate: b.source.docDate, title: b.source.title, id: b.id },
          ),
        );
      if (!mine.length) continue;
      const existing = await tx
        .select({ n: archiveItems.catalogueNumber })
        .from(archiveItems)
        .where(
          and(
            eq(archiveItems.authorityId, insp.authorityId),
            eq(archiveItems.fonds, fonds),
            eq(archiveItems.year, year),
            eq(archiveItems.archiveClass, archiveClass),
          ),
        );
      const numbers = catalogueNumbers(
        existing.map((e) => e.n),
        mine,
        { fonds, year, category: ARCHIVE_CLASS_CODES[archiveClass] },
      );
      const byId = new Map(mine.map((b) => [b.id, b]));
      for (const n of numbers) {
        const b = byId.get(n.id) as Built;
        const stored = await storeGovernanceFile(deps, tx, ctx, {
          authorityId: insp.authorityId,
          purpose: 'archive',
          inspectionId: insp.id,
          name: b.file.name,
          mime: b.file.mime,
          kind: detectFileKind(b.file.data)?.kind ?? 'document',
          data: b.file.data,
        });
        await tx.insert(archiveItems).values({
          id: b.id,
          authorityId: insp.authorityId,
          termId: insp.termId,
          inspectionId: insp.id,
          kind: b.source.kind,
          archiveClass,
          title: b.source.title,
          fileId: stored.id,
          sourceRef: b.source.sourceRef,
          docDate: b.source.docDate,
          retention: retentionOf(b.source.kind, settings),
          fonds,
          year,
          seq: n.seq,
          catalogueNumber: n.number,
          pages: null,
          filedOn: on,
          filedById: ctx.actor.userId,
          filedByName: ctx.actor.displayName,
          createdAt: now,
        });
        numbered.push({ id: b.id, archiveClass, seq: n.seq, number: n.number });
      }
    }
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'archive.file',
      objectType: 'inspection',
      objectId: insp.id,
      detail: { fonds, year, items: numbered.length, numbers: numbered.map((n) => n.number) },
    });
  });
  return {
    inspectionId: insp.id,
    filed: numbered.length,
    firstNumber: numbered[0]?.number ?? null,
    lastNumber: numbered[numbered.length - 1]?.number ?? null,
  };
}

// ------------------------------------------------------------------ items

async function itemConds(deps: AppDeps, ctx: RequestCtx, q: Omit<TArchiveListQuery, 'limit' | 'cursor'>) {
  const conds: SQL[] = [inGovernanceScope(ctx, 'archive:read', archiveItems.authorityId)];
  if (q.termId) {
    await termAuthority(deps, ctx, q.termId, 'archive:read');
    conds.push(eq(archiveItems.termId, q.termId));
  }
  if (q.inspectionId) conds.push(eq(archiveItems.inspectionId, q.inspectionId));
  if (q.archiveClass) conds.push(eq(archiveItems.archiveClass, q.archiveClass));
  if (q.kind) conds.push(eq(archiveItems.kind, q.kind));
  if (q.year) conds.push(eq(archiveItems.year, q.year));
  const text = q.q?.trim().normalize('NFKC');
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(archiveItems.title, like), ilike(archiveItems.catalogueNumber, like)) as SQL);
  }
  return conds;
}

/** 0 for 文书档案, 1 for 业务档案: the catalogue lists 文书 first. */
const CLASS_RANK = sql<number>`(case when ${archiveItems.archiveClass} = 'document' then 0 else 1 end)`;
const classRank = (c: string) => (c === 'document' ? 0 : 1);

/** The catalogue's order: the newest year first, then 文书 before 业务, then by 件号. */
const ITEM_ORDER = [desc(archiveItems.year), asc(CLASS_RANK), asc(archiveItems.seq), asc(archiveItems.id)];

/** GET /api/archive/items: the filed items the caller's authorities hold, by the filters. */
export async function listArchiveItems(deps: AppDeps, ctx: RequestCtx, q: TArchiveListQuery) {
  const conds = await itemConds(deps, ctx, q);
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['int', 'int', 'int', 'uuid'],
    count: () => countWhere(deps.db, archiveItems, and(...conds)),
    fetch: (from, n) =>
      deps.db
        .select()
        .from(archiveItems)
        .where(and(...conds, from))
        .orderBy(...ITEM_ORDER)
        .limit(n),
    key: (r) => [r.year, classRank(r.archiveClass), r.seq, r.id],
    after: ([y, c, s, id]) =>
      sql`(${archiveItems.year} < ${Number(y)} or (${archiveItems.year} = ${Number(y)} and (${CLASS_RANK} > ${Number(c)} or (${CLASS_RANK} = ${Number(c)} and (${archiveItems.seq} > ${Number(s)} or (${archiveItems.seq} = ${Number(s)} and ${archiveItems.id} > ${id}::uuid))))))`,
  });
  return { items: page.rows.map(itemDto), total: page.total, nextCursor: page.nextCursor };
}

const CATALOGUE_MAX = 20_000;

/** GET /api/archive/catalogue.xlsx: 档案目录 of one inspection or a term, stamped and audited. */
export async function archiveCatalogueXlsx(deps: AppDeps, ctx: RequestCtx, q: TArchiveCatalogueQuery) {
  const conds = await itemConds(deps, ctx, q);
  const rows = await deps.db
    .select()
    .from(archiveItems)
    .where(and(...conds))
    .orderBy(asc(archiveItems.year), asc(CLASS_RANK), asc(archiveItems.seq), asc(archiveItems.id))
    .limit(CATALOGUE_MAX);
  if (q.inspectionId && !rows.length) throw notFound('该巡察的档案');
  const authorities = await authoritiesByIds(
    deps.db,
    rows.map((r) => r.authorityId),
  );
  const labels = await inspectionsById(deps.db, [...new Set(rows.map((r) => r.inspectionId))]);
  const now = deps.clock.now();
  const stamp = { exporterName: ctx.actor.displayName, at: now, serial: newExportSerial(now) };
  const data = await buildXlsx<ItemRow & { n: number }>({
    sheetName: '档案目录',
    title: '巡察档案目录',
    columns: [
      { header: '序号', width: 6, value: (r) => r.n },
      { header: '目录号', width: 22, value: (r) => r.catalogueNumber },
      { header: '题名', width: 50, value: (r) => r.title },
      { header: '责任者', width: 24, value: (r) => authorities.get(r.authorityId)?.name ?? '' },
      { header: '文件日期', width: 12, value: (r) => r.docDate },
      { header: '门类', width: 10, value: (r) => ARCHIVE_CLASS_LABELS[r.archiveClass as TArchiveClass] ?? '' },
      { header: '文件类别', width: 16, value: (r) => ARCHIVE_DOC_KIND_LABELS[r.kind as TArchiveDocKind] ?? '' },
      { header: '保管期限', width: 10, value: (r) => RETENTION_LABELS[r.retention as TRetention] ?? '' },
      { header: '页数', width: 6, value: (r) => r.pages },
      { header: '归档日期', width: 12, value: (r) => r.filedOn },
      { header: '备注', width: 36, value: (r) => labels.get(r.inspectionId)?.label ?? '' },
    ],
    rows: rows.map((r, i) => ({ ...r, n: i + 1 })),
    stamp,
  });
  await auditExport(deps.db, ctx, now, 'archive.exportCatalogue', stamp.serial, { ...q, rows: rows.length });
  return { data, name: `巡察档案目录-${stamp.serial}.xlsx` };
}

/**
 * GET /api/archive/items/:id/file: the office of the item's authority reads it; anyone else only
 * through a loan of theirs that lists the item, approved, not returned and not overdue. Audited.
 */
export async function readArchiveItemFile(deps: AppDeps, ctx: RequestCtx, itemId: string) {
  const { db } = deps;
  const item = (await db.select().from(archiveItems).where(eq(archiveItems.id, itemId)))[0];
  if (!item?.fileId) throw notFound('档案');
  let borrowId: string | null = null;
  if (!inScope(scopeFor(ctx.actor, 'archive:read'), item.authorityId)) {
    const loans = await db
      .select()
      .from(archiveBorrows)
      .where(
        and(
          eq(archiveBorrows.requestedById, ctx.actor.userId),
          eq(archiveBorrows.authorityId, item.authorityId),
          eq(archiveBorrows.status, 'approved'),
          sql`${archiveBorrows.itemIds} @> ${JSON.stringify([item.id])}::jsonb`,
        ),
      );
    if (!loans.length || !inScope(scopeFor(ctx.actor, 'archive:borrow'), item.authorityId)) throw notFound('档案');
    const on = today(deps.clock);
    const open = loans.find((l) => !borrowOverdue({ status: l.status as TBorrowStatus, until: l.until }, on));
    if (!open) throw new AppError(ErrorCode.Forbidden, '借阅已逾期，不能再查阅该档案，请先办理归还');
    borrowId = open.id;
  }
  const f = await openGovernanceFile(deps, ctx, item.fileId);
  await writeAudit(db, deps.clock.now(), {
    ...auditOf(ctx),
    action: 'archive.item.read',
    objectType: 'archiveItem',
    objectId: item.id,
    detail: { catalogueNumber: item.catalogueNumber, borrowId },
  });
  return f;
}

// ------------------------------------------------------------------ borrowing

async function borrowDtos(deps: AppDeps, rows: BorrowRow[]): Promise<TArchiveBorrowRecord[]> {
  const ids = [...new Set(rows.flatMap((r) => r.itemIds))];
  const items = ids.length
    ? await deps.db
        .select({ id: archiveItems.id, catalogueNumber: archiveItems.catalogueNumber, title: archiveItems.title })
        .from(archiveItems)
        .where(inArray(archiveItems.id, ids))
    : [];
  const byId = new Map(items.map((i) => [i.id, i]));
  const on = today(deps.clock);
  return rows.map((r) => ({
    id: r.id,
    authorityId: r.authorityId,
    items: r.itemIds.flatMap((id) => {
      const i = byId.get(id);
      return i ? [i] : [];
    }),
    reason: r.reason,
    until: r.until,
    status: r.status as TBorrowStatus,
    requestedByName: r.requestedByName,
    requestedAt: r.requestedAt.toISOString(),
    decidedByName: r.decidedByName,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    comment: r.comment,
    returnedAt: r.returnedAt?.toISOString() ?? null,
    overdue: borrowOverdue({ status: r.status as TBorrowStatus, until: r.until }, on),
    version: r.version,
  }));
}

async function borrowDto(deps: AppDeps, id: string): Promise<TArchiveBorrowRecord> {
  const row = (await deps.db.select().from(archiveBorrows).where(eq(archiveBorrows.id, id)))[0] as BorrowRow;
  return (await borrowDtos(deps, [row]))[0] as TArchiveBorrowRecord;
}

/** POST /api/archive/borrows: a request for items of one of the caller's authorities. */
export async function requestBorrow(deps: AppDeps, ctx: RequestCtx, input: TArchiveBorrow) {
  const { db } = deps;
  const items = await db
    .select({ id: archiveItems.id, authorityId: archiveItems.authorityId })
    .from(archiveItems)
    .where(
      and(inArray(archiveItems.id, input.itemIds), inGovernanceScope(ctx, 'archive:borrow', archiveItems.authorityId)),
    );
  if (items.length !== input.itemIds.length) throw notFound('档案');
  const authorityIds = [...new Set(items.map((i) => i.authorityId))];
  if (authorityIds.length !== 1) throw bad('一次借阅的档案须属于同一巡察机构');
  const authorityId = authorityIds[0] as string;
  const { settings } = await governanceSettingsOf(db, authorityId);
  const problem = borrowRequestProblem(input.until, today(deps.clock), settings);
  if (problem) throw bad(problem);
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await tx.insert(archiveBorrows).values({
      id,
      authorityId,
      itemIds: input.itemIds,
      reason: input.reason,
      until: input.until,
      status: 'requested',
      requestedById: ctx.actor.userId,
      requestedByName: ctx.actor.displayName,
      requestedAt: now,
      version: 1,
    });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'archive.borrow.request',
      objectType: 'archiveBorrow',
      objectId: id,
      detail: { itemIds: input.itemIds, until: input.until },
    });
  });
  return borrowDto(deps, id);
}

/** The office of the loan's authority sees every request; anyone else only their own. */
function borrowVisibleSql(ctx: RequestCtx): SQL {
  return or(
    inGovernanceScope(ctx, 'archive:read', archiveBorrows.authorityId),
    eq(archiveBorrows.requestedById, ctx.actor.userId),
  ) as SQL;
}

/** GET /api/archive/borrows. */
export async function listBorrows(
  deps: AppDeps,
  ctx: RequestCtx,
  q: {
    status?: TBorrowStatus | undefined;
    mine?: 'true' | 'false' | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const conds: SQL[] = [borrowVisibleSql(ctx)];
  if (q.mine === 'true') conds.push(eq(archiveBorrows.requestedById, ctx.actor.userId));
  if (q.status) conds.push(eq(archiveBorrows.status, q.status));
  return paginateItems(
    {
      limit: q.limit,
      cursor: q.cursor,
      parts: ['timestamp', 'uuid'],
      count: () => countWhere(deps.db, archiveBorrows, and(...conds)),
      fetch: (from, n) =>
        deps.db
          .select()
          .from(archiveBorrows)
          .where(and(...conds, from))
          .orderBy(desc(archiveBorrows.requestedAt), desc(archiveBorrows.id))
          .limit(n),
      key: (r) => [r.requestedAt.toISOString(), r.id],
      after: ([at, id]) =>
        sql`(${archiveBorrows.requestedAt} < ${at}::timestamptz or (${archiveBorrows.requestedAt} = ${at}::timestamptz and ${archiveBorrows.id} < ${id}::uuid))`,
    },
    (rows) => borrowDtos(deps, rows),
  );
}

async function moveBorrow(
  deps: AppDeps,
  ctx: RequestCtx,
  row: BorrowRow,
  version: number,
  action: 'approve' | 'reject' | 'return',
  set: Partial<typeof archiveBorrows.$inferInsert>,
) {
  const move = borrowMove(row.status as TBorrowStatus, action);
  if (!move.ok) throw conflict(move.problem);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const res = await tx
      .update(archiveBorrows)
      .set({ ...set, status: move.to, version: version + 1 })
      .where(
        and(eq(archiveBorrows.id, row.id), eq(archiveBorrows.status, row.status), eq(archiveBorrows.version, version)),
      )
      .returning({ id: archiveBorrows.id });
    if (!res.length) throw new AppError(ErrorCode.VersionConflict, '借阅申请已被他人办理，请刷新后查看');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: action === 'return' ? 'archive.borrow.return' : 'archive.borrow.decide',
      objectType: 'archiveBorrow',
      objectId: row.id,
      detail: { from: row.status, to: move.to },
    });
  });
  return borrowDto(deps, row.id);
}

/** POST /api/archive/borrows/:id/decide: an office leader of the loan's authority approves or refuses. */
export async function decideBorrow(deps: AppDeps, ctx: RequestCtx, id: string, input: TArchiveBorrowDecision) {
  const row = (
    await deps.db
      .select()
      .from(archiveBorrows)
      .where(and(eq(archiveBorrows.id, id), inGovernanceScope(ctx, 'archive:approve', archiveBorrows.authorityId)))
  )[0];
  if (!row) throw notFound('借阅申请');
  const now = deps.clock.now();
  return moveBorrow(deps, ctx, row, input.version, input.decision, {
    decidedById: ctx.actor.userId,
    decidedByName: ctx.actor.displayName,
    decidedAt: now,
    comment: input.comment || null,
  });
}

/** POST /api/archive/borrows/:id/return: the borrower, or the office of the loan's authority. */
export async function returnBorrow(deps: AppDeps, ctx: RequestCtx, id: string, input: { version: number }) {
  const row = (
    await deps.db
      .select()
      .from(archiveBorrows)
      .where(and(eq(archiveBorrows.id, id), borrowVisibleSql(ctx)))
  )[0];
  if (!row) throw notFound('借阅申请');
  return moveBorrow(deps, ctx, row, input.version, 'return', { returnedAt: deps.clock.now() });
}
