import { randomUUID } from 'node:crypto';
import {
  AppError,
  ErrorCode,
  PETITION_PUBLIC_STATUS_LABELS,
  type TPetitionStatus,
  type TPublicLanding,
  type TPublicReportCreate,
  type TPublicReportView,
} from '@xc/domain';
import { eq } from 'drizzle-orm';
import { petitionFiles, petitionMessages, petitions } from '../../db/schema/petitions.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { AppDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { newReceipt, receiptHash, type Throttle, tooMany } from '../../platform/public.ts';
import type { Upload } from '../../platform/uploads.ts';
import { authorityById } from '../orgs/index.ts';
import { inspectionsById, loadInspectionRow } from '../planning/index.ts';
import { openSurveysFor } from '../surveys/index.ts';
import { announcementOf, codeRow } from './petitions.codes.ts';
import { fileColumns, messageColumns, openMessage, openReport, reportColumns } from './petitions.sealed.ts';
import { filesAndMessagesOf, nextMessageSeq } from './petitions.service.ts';

/**
 * The public side of 码上巡: no session, no account. What is written carries no IP, no User-Agent
 * and only the day; nothing here writes the audit log, whose rows carry exact times that could
 * tie a report to a person seen at the poster. Staff actions on the reports are audited.
 */

async function authorityName(db: Db, id: string): Promise<string> {
  return (await authorityById(db, id))?.name ?? '';
}

export async function landing(deps: AppDeps, code: string): Promise<TPublicLanding> {
  const { db } = deps;
  const row = await codeRow(db, code);
  const name = await authorityName(db, row.authorityId);
  if (!row.open)
    return { code, open: false, authorityName: name, teamName: null, orgName: null, announcement: null, surveys: [] };
  const insp = await loadInspectionRow(db, row.inspectionId);
  const dto = (await inspectionsById(db, [row.inspectionId])).get(row.inspectionId);
  const a = await announcementOf(db, insp, dto?.teamName ?? null);
  const { inspectionId: _i, version, ...announcement } = a;
  return {
    code,
    open: true,
    authorityName: name,
    teamName: dto?.teamName ?? null,
    orgName: dto?.targets.find((t) => t.orgId === row.orgId)?.name ?? null,
    // An announcement not yet saved by the team has no phone or mailbox to show.
    announcement: version > 0 ? announcement : null,
    surveys: await openSurveysFor(db, insp),
  };
}

export interface PublicThrottles {
  reports: Throttle;
  wrongReceipts: Throttle;
}

export async function submitReport(
  deps: AppDeps,
  throttles: PublicThrottles,
  client: string,
  code: string,
  input: TPublicReportCreate,
  files: Upload[],
): Promise<{ receipt: string }> {
  const { db, clock, keys, config } = deps;
  const row = await codeRow(db, code);
  if (!row.open) throw new AppError(ErrorCode.Conflict, '本次巡察的线上受理已结束，感谢您的关注与支持');
  const now = clock.now().getTime();
  await throttles.reports.take(client, now, '提交过于频繁，请稍后再试');
  const receipt = newReceipt();
  const hash = await receiptHash(keys, receipt, config.argon2MemoryKiB);
  // v4, not v7: a v7 id carries the millisecond it was made.
  const id = randomUUID();
  const day = shanghaiDate(clock.now());
  const sealed = await sealFiles(deps, id, null, files);
  await db.transaction(async (tx) => {
    await tx.insert(petitions).values({
      id,
      authorityId: row.authorityId,
      inspectionId: row.inspectionId,
      orgId: row.orgId,
      channel: 'qr',
      // The schema refuses a name or phone on an anonymous report; dropped here all the same.
      ...reportColumns(deps, id, input.anonymous ? { ...input, reporterName: null, reporterPhone: null } : input),
      receivedOn: day,
      receiptHash: hash,
    });
    for (const f of sealed) await tx.insert(petitionFiles).values(f);
  });
  return { receipt };
}

/** Attachment rows, sealed before the transaction opens so that no lock waits on the cipher. */
async function sealFiles(deps: AppDeps, petitionId: string, messageId: string | null, files: Upload[]) {
  const rows: (typeof petitionFiles.$inferInsert)[] = [];
  for (const f of files) {
    const id = randomUUID();
    rows.push({ id, petitionId, messageId, ...(await fileColumns(deps.keys, deps.cipher, id, f)) });
  }
  return rows;
}

/** The petition a receipt opens, or 404; repeated wrong receipts from one client answer 429. */
async function byReceipt(deps: AppDeps, throttles: PublicThrottles, client: string, receipt: string) {
  const now = deps.clock.now().getTime();
  if (await throttles.wrongReceipts.blocked(client, now)) throw tooMany('查询码错误次数过多，请 15 分钟后再试');
  const hash = await receiptHash(deps.keys, receipt, deps.config.argon2MemoryKiB);
  const row = (await deps.db.select().from(petitions).where(eq(petitions.receiptHash, hash)))[0];
  if (!row) {
    const n = await throttles.wrongReceipts.hit(client, now);
    if (n >= throttles.wrongReceipts.max) throw tooMany('查询码错误次数过多，请 15 分钟后再试');
    throw new AppError(ErrorCode.NotFound, '查询码不正确，请核对后重新输入');
  }
  return row;
}

async function reportView(deps: AppDeps, row: typeof petitions.$inferSelect): Promise<TPublicReportView> {
  const { db, cipher } = deps;
  const { files, msgs } = await filesAndMessagesOf(deps, row.id);
  const text = openReport(cipher, row);
  const orgName =
    (await inspectionsById(db, [row.inspectionId])).get(row.inspectionId)?.targets.find((t) => t.orgId === row.orgId)
      ?.name ?? '';
  const info = (f: (typeof files)[number]) => ({ name: f.name, size: f.size, kind: f.kind });
  const status = row.status as TPetitionStatus;
  return {
    authorityName: await authorityName(db, row.authorityId),
    status,
    statusLabel: PETITION_PUBLIC_STATUS_LABELS[status],
    receivedOn: row.receivedOn,
    orgName,
    subjectName: text.subjectName,
    content: text.content,
    files: files.filter((f) => !f.messageId).map(info),
    // Staff names stay inside: the reporter sees “巡察组” only.
    messages: msgs.map((m) => ({
      from: m.sender,
      body: openMessage(cipher, m),
      on: m.onDate,
      files: files.filter((f) => f.messageId === m.id).map(info),
    })),
  };
}

export async function lookupReceipt(
  deps: AppDeps,
  throttles: PublicThrottles,
  client: string,
  receipt: string,
): Promise<TPublicReportView> {
  return reportView(deps, await byReceipt(deps, throttles, client, receipt));
}

export async function followUp(
  deps: AppDeps,
  throttles: PublicThrottles,
  client: string,
  receipt: string,
  body: string,
  files: Upload[],
): Promise<TPublicReportView> {
  const { db, clock, cipher } = deps;
  const row = await byReceipt(deps, throttles, client, receipt);
  if (row.status === 'closed') throw new AppError(ErrorCode.Conflict, '该反映已办结。如有新的问题，请扫码重新反映');
  const now = clock.now().getTime();
  await throttles.reports.take(client, now, '提交过于频繁，请稍后再试');
  const id = randomUUID();
  const sealed = await sealFiles(deps, row.id, id, files);
  await db.transaction(async (tx) => {
    const seq = await nextMessageSeq(tx, row.id);
    await tx.insert(petitionMessages).values({
      id,
      petitionId: row.id,
      seq,
      sender: 'reporter',
      ...messageColumns(cipher, id, body),
      onDate: shanghaiDate(clock.now()),
    });
    for (const f of sealed) await tx.insert(petitionFiles).values(f);
  });
  return reportView(deps, row);
}
