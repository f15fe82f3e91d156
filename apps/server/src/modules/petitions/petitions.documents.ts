import {
  chineseDate,
  DISCIPLINE_LABELS,
  PETITION_CHANNEL_LABELS,
  PETITION_STATUS_LABELS,
  type TPetitionListQuery,
  type TPoster,
} from '@xc/domain';
import { auditExport } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { buildOfficialDocx } from '../../platform/documents.ts';
import { qrPng } from '../../platform/public.ts';
import { exportXlsx, newExportSerial } from '../../platform/spreadsheets.ts';
import { authorityById } from '../orgs/index.ts';
import { inspectionsById, loadInspectionRow } from '../planning/index.ts';
import { announcementOf, codeUrl, loadCode } from './petitions.codes.ts';
import { petitionLedger } from './petitions.service.ts';

/** 信访台账 of the filtered inbox, without reporters' identities; stamped and audited. */
export async function ledgerXlsx(deps: AppDeps, ctx: RequestCtx, q: Omit<TPetitionListQuery, 'limit' | 'cursor'>) {
  const rows = await petitionLedger(deps, ctx, q);
  return exportXlsx(deps, ctx, {
    action: 'petition.export',
    detail: { ...q, rows: rows.length },
    name: () => '巡察信访举报台账.xlsx',
    sheetName: '信访台账',
    title: '巡察信访举报台账',
    rows,
    columns: [
      { header: '收到日期', width: 12, value: (r) => r.row.receivedOn },
      { header: '来源', width: 10, value: (r) => PETITION_CHANNEL_LABELS[r.item.channel] },
      { header: '巡察任务', width: 30, value: (r) => r.item.inspectionName },
      { header: '被巡察单位', width: 24, value: (r) => r.item.orgName },
      { header: '实名/匿名', width: 10, value: (r) => (r.row.anonymous ? '匿名' : '实名') },
      { header: '被反映人', width: 12, value: (r) => r.text.subjectName },
      { header: '职务', width: 16, value: (r) => r.text.subjectPost },
      { header: '反映的主要问题', width: 60, value: (r) => r.text.content },
      {
        header: '纪律类别',
        width: 12,
        value: (r) => (r.item.discipline ? DISCIPLINE_LABELS[r.item.discipline] : ''),
      },
      {
        header: '涉及领导干部和关键岗位',
        width: 12,
        value: (r) => (r.row.keyPost ? '是' : r.row.keyPost === false ? '否' : ''),
      },
      { header: '办理状态', width: 10, value: (r) => PETITION_STATUS_LABELS[r.item.status] },
      { header: '转交单位', width: 20, value: (r) => r.text.forwardTo },
      { header: '办理意见', width: 30, value: (r) => r.text.decisionNote },
      { header: '答复次数', width: 10, value: (r) => r.replies },
    ],
  });
}

export async function codePng(deps: AppDeps, ctx: RequestCtx, code: string): Promise<Buffer> {
  await loadCode(deps, ctx, code);
  return qrPng(codeUrl(deps, code));
}

/**
 * 巡察公告 poster content, as offices put it up at the inspected unit: who inspects, from when to
 * when, what is accepted, phone and mailbox, and the 码上巡 QR code with the promise of
 * confidentiality. Stamped and audited: each poster handed out, as .docx or drawn as .png, has a
 * serial in the audit log.
 */
export async function posterContent(deps: AppDeps, ctx: RequestCtx, code: string, format: 'docx' | 'png') {
  const { db, clock } = deps;
  const row = await loadCode(deps, ctx, code);
  const insp = await loadInspectionRow(db, row.inspectionId);
  const dto = (await inspectionsById(db, [insp.id])).get(insp.id);
  const a = await announcementOf(db, insp, dto?.teamName ?? null);
  const authority = await authorityById(db, row.authorityId);
  const orgName = dto?.targets.find((t) => t.orgId === row.orgId)?.name ?? '';
  const committee = (authority?.name ?? '').replace(/巡察.*$/, '') || '党委';
  const team = dto?.teamName ?? '巡察组';
  const url = codeUrl(deps, code);
  const now = clock.now();
  const serial = newExportSerial(now);
  const poster: TPoster = {
    heading: `${committee}${team}`,
    paragraphs: [
      `根据${committee}统一部署，${team}于${chineseDate(a.periodFrom)}至${chineseDate(a.periodTo)}对${orgName}党组织开展巡察。`,
      a.scope,
      `巡察期间设立举报电话：${a.phone || '（待定）'}；邮政信箱：${a.mailbox || '（待定）'}${a.email ? `；电子邮箱：${a.email}` : ''}。${a.hours ? `受理时间：${a.hours}。` : ''}`,
      '群众也可以用手机扫描下方二维码（码上巡），匿名或实名反映问题、参与问卷测评。反映问题请实事求是，巡察组对反映人的信息严格保密。',
    ],
    url,
    caption: `扫码反映问题　${url}`,
    issuer: `${committee}${team}`,
    date: chineseDate(a.periodFrom),
    orgName,
    serial,
    exporterName: ctx.actor.displayName,
  };
  await auditExport(db, ctx, now, 'publicCode.poster', serial, { code, inspectionId: row.inspectionId, format });
  return poster;
}

/** The poster as an A4 .docx. */
export async function posterDocx(deps: AppDeps, ctx: RequestCtx, code: string) {
  const p = await posterContent(deps, ctx, code, 'docx');
  const buf = await buildOfficialDocx({
    title: p.heading,
    subtitle: '巡察公告',
    stamp: { exporterName: p.exporterName, at: deps.clock.now(), serial: p.serial },
    issuer: p.issuer,
    date: p.date,
    blocks: [
      ...p.paragraphs.map((text) => ({ kind: 'p' as const, text })),
      { kind: 'image', data: await qrPng(p.url, 600), size: 200, caption: p.caption },
    ],
  });
  return { name: `巡察公告-${p.orgName}.docx`, data: buf };
}
