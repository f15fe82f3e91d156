import {
  AppError,
  chineseDate,
  chineseNumeral,
  dualReportStatus,
  ErrorCode,
  type TCalendar,
  type TDualReportCheck,
  type TDualReportKind,
  type TDualReportListItem,
  type TDualReportRecordUpdate,
  type TDualReportView,
  type TGovernanceSettings,
  type TPermission,
} from '@xc/domain';
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { type DualReportRecord, dualReports } from '../../db/schema/governance.ts';
import { inScope, notFound, scopeFor } from '../../platform/access.ts';
import { auditExport, auditOf, writeAudit } from '../../platform/audit.ts';
import { shanghaiDate, today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { buildOfficialDocx, type DocBlock } from '../../platform/documents.ts';
import { decodeCursor, encodeCursor } from '../../platform/pagination.ts';
import { newExportSerial } from '../../platform/spreadsheets.ts';
import { hearingsOfInspections, reportForFeedback } from '../fieldwork/index.ts';
import { authoritiesByIds, authorityTree } from '../orgs/index.ts';
import {
  assertNotArchived,
  authorizedInspections,
  calendarFor,
  type InspectionRow,
  inspectionsById,
  loadInspectionRow,
} from '../planning/index.ts';
import {
  governanceFileMeta,
  governanceFileNames,
  readUpload,
  type StoredFile,
  storeGovernanceFile,
} from './governance.files.ts';
import { governanceSettingsOf } from './governance.settings.ts';

// 双报告一报备 of an authorized inspection (授权巡察): the county that carried it out reports to its
// county committee and to the city's sector department, and files with the city office. The county
// office records each (date, document); an office ABOVE the county (the city office) checks them.
// Due dates and the overdue state come from the domain rule over the county's settings and calendar,
// counted from the day the county's 书记专题会 heard the report (else the feedback date).
//
// The inspection row belongs to the authorizing city; `authorizedAuthorityId` is the county that
// carries it out and reports — "the inspection's county" below.

const NOT_FOUND = '授权巡察';
type Records = Partial<Record<TDualReportKind, DualReportRecord>>;

const bad = (message: string, details?: unknown) => new AppError(ErrorCode.BadRequest, message, details);
const conflict = (message: string) => new AppError(ErrorCode.Conflict, message);
const stale = () => new AppError(ErrorCode.VersionConflict, '双报告一报备已被他人修改，请刷新后重试');

/** The county that carried out an authorized inspection and reports on it. */
function countyOf(r: Pick<InspectionRow, 'authorityId' | 'authorizedAuthorityId'>): string {
  return r.authorizedAuthorityId ?? r.authorityId;
}

/**
 * The authorized inspection if the caller reaches it — through the authorizing city or the county —
 * with `governance:read` or `permission`; 404 otherwise, and 404 for any other mode.
 */
async function dualInspection(deps: AppDeps, ctx: RequestCtx, id: string, permission: TPermission) {
  const row = await loadInspectionRow(deps.db, id).catch((e) => {
    if (e instanceof AppError && e.code === ErrorCode.NotFound) throw notFound(NOT_FOUND);
    throw e;
  });
  const county = countyOf(row);
  const reaches = (p: TPermission) => {
    const s = scopeFor(ctx.actor, p);
    return inScope(s, row.authorityId) || inScope(s, county);
  };
  if (row.mode !== 'authorized' || !(reaches('governance:read') || reaches(permission))) throw notFound(NOT_FOUND);
  return { row, county };
}

/** The county office (or an office above it, acting for it) records; anyone else who sees it gets 403. */
async function writableInspection(deps: AppDeps, ctx: RequestCtx, id: string) {
  const d = await dualInspection(deps, ctx, id, 'dualReport:write');
  if (!inScope(scopeFor(ctx.actor, 'dualReport:write'), d.county))
    throw new AppError(ErrorCode.Forbidden, '只有承担授权巡察的县级巡察机构可以登记双报告一报备');
  assertNotArchived(d.row);
  return d;
}

/** Strict ancestors of an authority, nearest first. */
async function ancestorsOf(db: Db, authorityId: string): Promise<string[]> {
  const parent = new Map((await authorityTree(db)).map((n) => [n.id, n.parent]));
  const out: string[] = [];
  let p = parent.get(authorityId) ?? null;
  while (p && !out.includes(p)) {
    out.push(p);
    p = parent.get(p) ?? null;
  }
  return out;
}

// ---------------------------------------------------------------- status

interface Stored {
  records: Records;
  version: number;
}

/** The saved records of each inspection; one with no row yet has none, at version 0. */
async function storedOf(db: Db, rows: InspectionRow[]): Promise<Map<string, Stored>> {
  const ids = rows.map((r) => r.id);
  const saved = ids.length ? await db.select().from(dualReports).where(inArray(dualReports.inspectionId, ids)) : [];
  const byId = new Map(saved.map((s) => [s.inspectionId, s]));
  return new Map(
    rows.map((r) => {
      const s = byId.get(r.id);
      return [r.id, s ? { records: s.records, version: s.version } : { records: {}, version: 0 }];
    }),
  );
}

/** The day the county's 书记专题会 first heard each inspection's report. */
async function reportHeardOn(db: Db, rows: InspectionRow[]): Promise<Map<string, string>> {
  const hearings = await hearingsOfInspections(
    db,
    rows.map((r) => r.id),
  );
  const county = new Map(rows.map((r) => [r.id, countyOf(r)]));
  const out = new Map<string, string>();
  for (const h of hearings) {
    if (h.kind !== 'secretarySpecial' || h.authorityId !== county.get(h.inspectionId)) continue;
    const prev = out.get(h.inspectionId);
    if (!prev || h.date < prev) out.set(h.inspectionId, h.date);
  }
  return out;
}

/** Settings and calendar per county, read once however many inspections share them. */
function rulesCache(db: Db) {
  const m = new Map<string, Promise<{ settings: TGovernanceSettings; cal: TCalendar }>>();
  return (authorityId: string) => {
    let p = m.get(authorityId);
    if (!p) {
      p = Promise.all([governanceSettingsOf(db, authorityId), calendarFor(db, authorityId)]).then(([s, cal]) => ({
        settings: s.settings,
        cal,
      }));
      m.set(authorityId, p);
    }
    return p;
  };
}

async function viewsOf(deps: AppDeps, rows: InspectionRow[]): Promise<Map<string, TDualReportView>> {
  const { db } = deps;
  const [stored, heard] = await Promise.all([storedOf(db, rows), reportHeardOn(db, rows)]);
  const fileIds = [...stored.values()].flatMap((s) =>
    Object.values(s.records).flatMap((rec) => (rec?.fileId ? [rec.fileId] : [])),
  );
  const fileNames = await governanceFileNames(db, fileIds);
  const rules = rulesCache(db);
  const on = today(deps.clock);
  const out = new Map<string, TDualReportView>();
  for (const r of rows) {
    const s = stored.get(r.id) as Stored;
    const { settings, cal } = await rules(countyOf(r));
    const status = dualReportStatus(
      { mode: 'authorized', reportHeardOn: heard.get(r.id) ?? null, feedbackDate: r.feedbackDate, records: s.records },
      on,
      settings,
      cal,
    );
    if (!status) continue;
    out.set(r.id, {
      inspectionId: r.id,
      anchor: status.anchor,
      items: status.items.map((i) => {
        const rec = s.records[i.kind];
        return {
          kind: i.kind,
          label: i.label,
          on: i.on,
          docTitle: rec?.docTitle ?? null,
          fileId: rec?.fileId ?? null,
          fileName: rec?.fileId ? (fileNames.get(rec.fileId) ?? null) : null,
          checkedByCityOffice: i.checkedOn !== null,
          checkedOn: i.checkedOn,
          due: i.due,
          state: i.state,
          colour: i.colour,
          late: i.late,
        };
      }),
      warnings: status.warnings,
      version: s.version,
    });
  }
  return out;
}

async function viewOf(deps: AppDeps, row: InspectionRow): Promise<TDualReportView> {
  return (await viewsOf(deps, [row])).get(row.id) as TDualReportView;
}

export async function getDualReport(deps: AppDeps, ctx: RequestCtx, inspectionId: string) {
  const { row } = await dualInspection(deps, ctx, inspectionId, 'governance:read');
  return viewOf(deps, row);
}

// ---------------------------------------------------------------- list

/**
 * The checklist: authorized inspections the caller's authorities reach (the city sees its counties'
 * through a grant "with sub-authorities"), newest first. The state filter is over derived state, so
 * the page is cut after computing it; an office has at most a few hundred authorized inspections.
 */
export async function listDualReports(
  deps: AppDeps,
  ctx: RequestCtx,
  q: {
    termId?: string | undefined;
    state?: 'overdue' | 'awaitingCheck' | 'complete' | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const { db } = deps;
  const after = decodeCursor(q.cursor, ['uuid'])?.[0] ?? null;
  const rows = await authorizedInspections(db, scopeFor(ctx.actor, 'governance:read'), { termId: q.termId });
  const views = await viewsOf(deps, rows);
  const matching = rows.filter((r) => {
    const v = views.get(r.id);
    if (!v) return false;
    if (q.state === 'overdue') return v.items.some((i) => i.state === 'overdue');
    if (q.state === 'awaitingCheck') return v.items.some((i) => i.state === 'awaitingCheck');
    if (q.state === 'complete') return v.items.every((i) => i.state === 'checked');
    return true;
  });
  const from = after ? matching.filter((r) => r.id < after) : matching;
  const page = from.slice(0, q.limit);
  const [labels, names] = await Promise.all([
    inspectionsById(
      db,
      page.map((r) => r.id),
    ),
    authoritiesByIds(db, page.map(countyOf)),
  ]);
  const items: TDualReportListItem[] = page.map((r) => {
    const v = views.get(r.id) as TDualReportView;
    const county = countyOf(r);
    return {
      inspectionId: r.id,
      inspectionName: labels.get(r.id)?.label ?? '',
      authorityId: county,
      authorityName: names.get(county)?.name ?? '',
      roundId: r.roundId,
      stage: r.stage,
      anchor: v.anchor,
      items: v.items.map((i) => ({ kind: i.kind, on: i.on, due: i.due, state: i.state, colour: i.colour })),
      overdue: v.items.filter((i) => i.state === 'overdue').length,
      awaitingCheck: v.items.filter((i) => i.state === 'awaitingCheck').length,
    };
  });
  const last = page[page.length - 1];
  return {
    items,
    total: matching.length,
    nextCursor: from.length > page.length && last ? encodeCursor([last.id]) : null,
  };
}

// ---------------------------------------------------------------- writes

/**
 * Writes the records under the version read: version 0 creates the row (the first write), else the
 * row must still be at that version. Of two saves at once one answers 409.
 */
async function saveRecords(tx: Db, row: InspectionRow, county: string, version: number, records: Records, now: Date) {
  const res =
    version === 0
      ? await tx
          .insert(dualReports)
          .values({ inspectionId: row.id, authorityId: county, records, updatedAt: now, version: 1 })
          .onConflictDoNothing()
          .returning({ id: dualReports.inspectionId })
      : await tx
          .update(dualReports)
          .set({ records, updatedAt: now, version: version + 1 })
          .where(and(eq(dualReports.inspectionId, row.id), eq(dualReports.version, version)))
          .returning({ id: dualReports.inspectionId });
  if (!res.length) throw stale();
}

async function currentRecords(db: Db, row: InspectionRow, version: number): Promise<Records> {
  const s = (await storedOf(db, [row])).get(row.id) as Stored;
  if (s.version !== version) throw stale();
  return s.records;
}

/**
 * The county records (or corrects, or clears with `on: null`) one of the three. A change of what
 * was reported takes back the city's check: the city checked the record as it was.
 */
export async function updateDualReportRecord(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  kind: TDualReportKind,
  input: TDualReportRecordUpdate,
) {
  const { db } = deps;
  const { row, county } = await writableInspection(deps, ctx, inspectionId);
  if (input.on && input.on > today(deps.clock)) throw bad('报送日期不能晚于今天', { field: 'on' });
  if (input.fileId) {
    const f = await governanceFileMeta(db, input.fileId);
    if (f?.purpose !== 'dualReport' || f.inspectionId !== row.id)
      throw bad('附件不存在或不属于本次授权巡察', { field: 'fileId' });
  }
  const records = await currentRecords(db, row, input.version);
  const prev = records[kind];
  const fileId = input.fileId === undefined ? (prev?.fileId ?? null) : input.fileId;
  const same = prev && prev.on === input.on && prev.docTitle === input.docTitle && prev.fileId === fileId;
  const next: DualReportRecord = {
    on: input.on,
    docTitle: input.docTitle,
    fileId,
    checkedOn: same ? prev.checkedOn : null,
    checkedById: same ? prev.checkedById : null,
    checkedByName: same ? prev.checkedByName : null,
  };
  const now = deps.clock.now();
  await db.transaction(async (tx) => {
    await saveRecords(tx, row, county, input.version, { ...records, [kind]: next }, now);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'dualReport.record',
      objectType: 'inspection',
      objectId: row.id,
      detail: { kind, on: input.on, docTitle: input.docTitle, fileId, version: input.version + 1 },
    });
  });
  return viewOf(deps, row);
}

/**
 * An office above the county checks (or takes back the check of) a record it has received. The
 * county cannot check its own filing: 403, even with the permission, since its grant reaches only
 * itself.
 */
export async function checkDualReportRecord(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  kind: TDualReportKind,
  input: TDualReportCheck,
) {
  const { db } = deps;
  const { row, county } = await dualInspection(deps, ctx, inspectionId, 'dualReport:check');
  const scope = scopeFor(ctx.actor, 'dualReport:check');
  const above = await ancestorsOf(db, county);
  if (!scope.all && !above.some((a) => scope.authorityIds.includes(a)))
    throw new AppError(ErrorCode.Forbidden, '双报告一报备须由上级巡察机构（市委巡察办）审核，本级不能审核');
  assertNotArchived(row);
  const records = await currentRecords(db, row, input.version);
  const rec = records[kind];
  if (!rec?.on) throw conflict('该项尚未报送，不能审核');
  if (input.checked && rec.checkedOn) throw conflict('该项已审核');
  if (!input.checked && !rec.checkedOn) throw conflict('该项尚未审核，无需撤销');
  const now = deps.clock.now();
  const next: DualReportRecord = input.checked
    ? { ...rec, checkedOn: shanghaiDate(now), checkedById: ctx.actor.userId, checkedByName: ctx.actor.displayName }
    : { ...rec, checkedOn: null, checkedById: null, checkedByName: null };
  await db.transaction(async (tx) => {
    await saveRecords(tx, row, county, input.version, { ...records, [kind]: next }, now);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: input.checked ? 'dualReport.check' : 'dualReport.uncheck',
      objectType: 'inspection',
      objectId: row.id,
      detail: { kind, version: input.version + 1 },
    });
  });
  return viewOf(deps, row);
}

/** A document of the dual report (the report as sent, the filing receipt), before a record names it. */
export async function uploadDualReportFile(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  req: FastifyRequest,
): Promise<StoredFile> {
  const { row, county } = await writableInspection(deps, ctx, inspectionId);
  const file = await readUpload(deps, req);
  return deps.db.transaction((tx) =>
    storeGovernanceFile(deps, tx, ctx, {
      authorityId: county,
      purpose: 'dualReport',
      inspectionId: row.id,
      name: file.name,
      mime: file.mime,
      kind: file.kind,
      data: file.data,
    }),
  );
}

// ---------------------------------------------------------------- the document

/** 南康区委 from 南康区委巡察工作领导小组办公室. */
function committeeOf(name: string | undefined): string {
  return (name ?? '').replace(/^中共/, '').replace(/巡察工作领导小组办公室$|巡察办$|巡察机构$/, '');
}

/** The cover line of each of the three documents. */
export const DUAL_REPORT_COVER: Record<TDualReportKind, string> = {
  countyCommittee: '向县委报告',
  sectorDepartment: '向市级主管部门报告',
  cityOffice: '向市委巡察办报备',
};

/**
 * The report to send (or file), generated from the inspection report the meetings heard: its
 * overview, 主要问题 in the report's order and 意见建议, under a cover line naming which of the three
 * it is and whom it addresses.
 */
export async function dualReportDocx(deps: AppDeps, ctx: RequestCtx, inspectionId: string, kind: TDualReportKind) {
  const { db } = deps;
  const { row, county } = await dualInspection(deps, ctx, inspectionId, 'governance:read');
  const [report, briefs, names, stored] = await Promise.all([
    reportForFeedback(db, row),
    inspectionsById(db, [row.id]),
    authoritiesByIds(db, [row.authorityId, county]),
    storedOf(db, [row]),
  ]);
  const brief = briefs.get(row.id);
  const targets = (brief?.targets ?? []).filter((t) => t.role === 'primary').map((t) => t.name);
  const target = targets.length ? targets.join('、') : '被巡察单位';
  const countyCommittee = committeeOf(names.get(county)?.name);
  const cityCommittee = committeeOf(names.get(row.authorityId)?.name);
  const addressee: Record<TDualReportKind, string> = {
    countyCommittee: `${countyCommittee}：`,
    sectorDepartment: '市级主管部门党组织：',
    cityOffice: `${cityCommittee}巡察工作领导小组办公室：`,
  };
  const blocks: DocBlock[] = [
    { kind: 'p', text: addressee[kind] },
    {
      kind: 'p',
      text: `根据${cityCommittee}授权，${countyCommittee}巡察组${row.entryDate ? `于${chineseDate(row.entryDate)}${row.exitDate ? `至${chineseDate(row.exitDate)}` : '起'}` : ''}对${target}党组织开展了授权巡察。现将巡察情况报告如下。`,
    },
    { kind: 'h1', text: '一、基本情况和总体评价' },
  ];
  const paragraphs = (text: string) =>
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map((t): DocBlock => ({ kind: 'p', text: t }));
  if (report.overview) blocks.push(...paragraphs(report.overview));
  else blocks.push({ kind: 'p', text: '（巡察报告尚未撰写本部分。）' });
  blocks.push({ kind: 'h1', text: '二、发现的主要问题' });
  let n = 0;
  report.outline.forEach((section, i) => {
    blocks.push({
      kind: 'h2',
      text: `（${chineseNumeral(i + 1)}）${section.frameworkId ? `“${section.title}”方面` : section.title}`,
    });
    for (const a of section.aspects)
      for (const f of a.findings) {
        n++;
        const facts = f.summary && !f.summary.startsWith(f.title) ? f.summary : '';
        blocks.push({ kind: 'p', text: `${n}. ${f.title}。${facts}` });
      }
  });
  if (!n) blocks.push({ kind: 'p', text: '（尚无经审定的问题。）' });
  blocks.push({ kind: 'h1', text: '三、意见建议' });
  if (report.suggestions.length)
    report.suggestions.forEach((s, i) => {
      blocks.push({ kind: 'p', text: `（${chineseNumeral(i + 1)}）${s.replace(/\r?\n/g, '')}` });
    });
  else blocks.push({ kind: 'p', text: '（巡察报告尚未撰写本部分。）' });
  const heard = report.hearings.filter((h) => h.kind === 'secretarySpecial').map((h) => h.date);
  if (heard.length)
    blocks.push({
      kind: 'p',
      text: `本报告已于${heard.map((d) => chineseDate(d)).join('、')}经书记专题会听取。`,
    });
  const now = deps.clock.now();
  const stamp = { exporterName: ctx.actor.displayName, at: now, serial: newExportSerial(now) };
  const rec = stored.get(row.id)?.records[kind];
  const data = await buildOfficialDocx({
    title: rec?.docTitle ?? `关于对${target}党组织开展授权巡察情况的报告`,
    subtitle: `（${DUAL_REPORT_COVER[kind]}）`,
    stamp,
    issuer: `${countyCommittee}巡察工作领导小组办公室`,
    date: chineseDate(rec?.on ?? shanghaiDate(now)),
    blocks,
  });
  await auditExport(db, ctx, now, 'dualReport.exportDocx', stamp.serial, { inspectionId: row.id, kind });
  return { data, name: `${DUAL_REPORT_COVER[kind]}-${target.slice(0, 40)}-${stamp.serial}.docx` };
}
