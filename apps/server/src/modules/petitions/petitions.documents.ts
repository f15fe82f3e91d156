import { eq } from 'drizzle-orm';
import { authorities } from '../../db/schema/index.ts';
import { auditExport } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { buildOfficialDocx } from '../../platform/documents.ts';
import { qrPng } from '../../platform/public.ts';
import { newExportSerial } from '../../platform/spreadsheets.ts';
import { inspectionsById, loadInspectionRow } from '../planning/planning.service.ts';
import { announcementOf, codeUrl, loadCode } from './petitions.service.ts';

const cn = (d: string) => (d ? `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日` : '');

export async function codePng(deps: AppDeps, ctx: RequestCtx, code: string): Promise<Buffer> {
  await loadCode(deps, ctx, code);
  return qrPng(codeUrl(deps, code));
}

/**
 * 巡察公告 poster, A4, as offices put it up at the inspected unit: who inspects, from when to when,
 * what is accepted, phone and mailbox, and the 码上巡 QR code with the promise of confidentiality.
 */
export async function posterDocx(deps: AppDeps, ctx: RequestCtx, code: string) {
  const { db, clock } = deps;
  const row = await loadCode(deps, ctx, code);
  const insp = await loadInspectionRow(db, row.inspectionId);
  const dto = (await inspectionsById(db, [insp.id])).get(insp.id);
  const a = await announcementOf(db, insp);
  const authority = (await db.select().from(authorities).where(eq(authorities.id, row.authorityId)))[0];
  const orgName = dto?.targets.find((t) => t.orgId === row.orgId)?.name ?? '';
  const committee = (authority?.name ?? '').replace(/巡察.*$/, '') || '党委';
  const now = clock.now();
  const serial = newExportSerial(now);
  const buf = await buildOfficialDocx({
    title: `${committee}${dto?.teamName ?? '巡察组'}`,
    subtitle: '巡察公告',
    stamp: { exporterName: ctx.actor.displayName, at: now, serial },
    issuer: `${committee}${dto?.teamName ?? '巡察组'}`,
    date: cn(a.periodFrom),
    blocks: [
      {
        kind: 'p',
        text: `根据${committee}统一部署，${dto?.teamName ?? '巡察组'}于${cn(a.periodFrom)}至${cn(a.periodTo)}对${orgName}党组织开展巡察。`,
      },
      { kind: 'p', text: a.scope },
      {
        kind: 'p',
        text: `巡察期间设立举报电话：${a.phone || '（待定）'}；邮政信箱：${a.mailbox || '（待定）'}${a.email ? `；电子邮箱：${a.email}` : ''}。${a.hours ? `受理时间：${a.hours}。` : ''}`,
      },
      {
        kind: 'p',
        text: '群众也可以用手机扫描下方二维码（码上巡），匿名或实名反映问题、参与问卷测评。反映问题请实事求是，巡察组对反映人的信息严格保密。',
      },
      {
        kind: 'image',
        data: await qrPng(codeUrl(deps, code), 600),
        size: 200,
        caption: `扫码反映问题　${codeUrl(deps, code)}`,
      },
    ],
  });
  await auditExport(db, ctx, now, 'publicCode.poster', serial, { code, inspectionId: row.inspectionId });
  return { name: `巡察公告-${orgName}.docx`, buf };
}
