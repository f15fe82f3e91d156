import { chineseDate, chineseNumeral, FEEDBACK_COPY_RECIPIENT_LABELS, type TArchiveDocKind } from '@xc/domain';
import { and, asc, eq } from 'drizzle-orm';
import { feedbacks, rectificationPlans, rectificationReports } from '../../db/schema/rectification.ts';
import { auditExport } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { type ArchiveSource, buildOfficialDocx, DOCX_MIME, type DocBlock } from '../../platform/documents.ts';
import { newExportSerial, XLSX_MIME } from '../../platform/spreadsheets.ts';
import { reportForFeedback } from '../fieldwork/index.ts';
import { authorityById, orgsByIds } from '../orgs/index.ts';
import { assertRectStage, rectInspection } from './rectification.access.ts';
import { rectificationFile } from './rectification.evidence.ts';
import { findingsOfOrg, orgOfInspection } from './rectification.feedback.ts';
import { ledgerXlsx } from './rectification.ledger.ts';

// 反馈意见 (公文格式): drafted from the report the meetings heard — its 主要问题 in the report's order,
// only the organization's own findings — with the rectification requirements and the 四抄告.

/** 赣州市委 from 赣州市委巡察工作领导小组办公室. */
function committeeOf(name: string | undefined): string {
  return (name ?? '').replace(/^中共/, '').replace(/巡察工作领导小组办公室$|巡察办$|巡察机构$/, '');
}

/** GET /api/inspections/{id}/feedback.docx?orgId=: the 反馈意见 of one organization. */
export async function feedbackDocx(deps: AppDeps, ctx: RequestCtx, inspectionId: string, orgId?: string) {
  const { db, clock } = deps;
  const now = clock.now();
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:read');
  assertRectStage(insp, '反馈意见');
  const org = await orgOfInspection(deps, ctx, insp, 'rectification:read', orgId);
  const [report, own, orgs, authority, fb] = await Promise.all([
    reportForFeedback(db, insp),
    findingsOfOrg(db, insp.id, org),
    orgsByIds(db, [org]),
    authorityById(db, insp.authorityId),
    db
      .select()
      .from(feedbacks)
      .where(and(eq(feedbacks.inspectionId, insp.id), eq(feedbacks.orgId, org))),
  ]);
  const orgName = orgs.get(org)?.name ?? '';
  const committee = committeeOf(authority?.name);
  const ownIds = new Set(own.map((f) => f.id));
  const meeting = fb[0];
  const blocks: DocBlock[] = [
    {
      kind: 'p',
      text: `根据${committee}巡察工作统一部署，${committee}巡察组对${orgName}党组织开展了巡察。${
        meeting ? `${chineseDate(meeting.meetingDate)}，巡察组向${orgName}党组织反馈巡察情况。` : ''
      }现将巡察发现的主要问题和整改意见反馈如下。`,
    },
    { kind: 'h1', text: '一、巡察发现的主要问题' },
  ];
  if (report.overview) blocks.push({ kind: 'p', text: report.overview.replace(/\r?\n/g, '') });
  // The report's outline (by the taxonomy) keeps its order; findings outside it follow.
  let n = 0;
  const listed = new Set<string>();
  let section = 0;
  for (const s of report.outline) {
    const items = s.aspects.flatMap((a) => a.findings).filter((f) => ownIds.has(f.id));
    if (!items.length) continue;
    section++;
    blocks.push({ kind: 'h2', text: `（${chineseNumeral(section)}）${s.frameworkId ? `“${s.title}”方面` : s.title}` });
    for (const f of items) {
      n++;
      listed.add(f.id);
      const facts = own.find((x) => x.id === f.id)?.facts ?? '';
      blocks.push({ kind: 'p', text: `${n}. ${f.title}。${facts.replace(/\r?\n/g, '')}` });
    }
  }
  const rest = own.filter((f) => !listed.has(f.id));
  if (rest.length) {
    if (section) blocks.push({ kind: 'h2', text: `（${chineseNumeral(section + 1)}）其他方面` });
    for (const f of rest) {
      n++;
      blocks.push({ kind: 'p', text: `${n}. ${f.title}。${f.facts.replace(/\r?\n/g, '')}` });
    }
  }
  if (!n) blocks.push({ kind: 'p', text: '（本单位无巡察发现的问题。）' });
  blocks.push({ kind: 'h1', text: '二、整改意见建议' });
  if (report.suggestions.length)
    report.suggestions.forEach((s, i) => {
      blocks.push({ kind: 'p', text: `（${chineseNumeral(i + 1)}）${s.replace(/\r?\n/g, '')}` });
    });
  else
    blocks.push({
      kind: 'p',
      text: '针对巡察发现的问题，深入剖析原因，举一反三，建立健全制度机制，切实把整改成果转化为推动事业发展的实际成效。',
    });
  blocks.push(
    { kind: 'h1', text: '三、整改要求' },
    {
      kind: 'p',
      text: `${orgName}党组织要切实履行整改主体责任，主要负责人要履行第一责任人职责。请于收到反馈意见后按规定时限制定整改方案，建立问题清单、任务清单、责任清单，集中整改期满后报送整改报告和主要负责人组织落实情况报告，整改进展情况按规定报送${committee}巡察办。`,
    },
  );
  if (meeting?.copies.length)
    blocks.push({
      kind: 'p',
      text: `抄告：${meeting.copies.map((c) => `${c.name}（${FEEDBACK_COPY_RECIPIENT_LABELS[c.recipient]}）`).join('、')}`,
    });
  const stamp = { exporterName: ctx.actor.displayName, at: now, serial: newExportSerial(now) };
  const data = await buildOfficialDocx({
    title: `关于巡察${orgName}党组织的反馈意见`,
    stamp,
    issuer: `${committee}巡察组`,
    date: chineseDate(meeting?.meetingDate ?? shanghaiDate(now)),
    blocks,
  });
  await auditExport(db, ctx, now, 'feedback.exportDocx', stamp.serial, {
    inspectionId: insp.id,
    orgId: org,
    findings: n,
  });
  return { data, name: `反馈意见-${orgName.slice(0, 40)}-${stamp.serial}.docx` };
}

/**
 * What the archive files of an inspection from rectification (issue 13), each built by the builder
 * of its download: the 反馈意见 of every organization given feedback, every accepted 整改方案 as its
 * 问题/任务/责任清单 (the task ledger of that organization: the plan has no other document), and the
 * files of every accepted 整改报告. The evaluation and the publication have no document in the
 * product and are not offered.
 */
export async function rectificationArchiveSources(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
): Promise<ArchiveSource<TArchiveDocKind>[]> {
  const { db } = deps;
  const insp = await rectInspection(deps, ctx, inspectionId, 'rectification:read');
  const [fbs, plans, reports] = await Promise.all([
    db.select().from(feedbacks).where(eq(feedbacks.inspectionId, insp.id)).orderBy(asc(feedbacks.meetingDate)),
    db
      .select()
      .from(rectificationPlans)
      .where(and(eq(rectificationPlans.inspectionId, insp.id), eq(rectificationPlans.status, 'accepted'))),
    db
      .select()
      .from(rectificationReports)
      .where(and(eq(rectificationReports.inspectionId, insp.id), eq(rectificationReports.status, 'accepted')))
      .orderBy(asc(rectificationReports.submittedOn), asc(rectificationReports.id)),
  ]);
  const orgs = await orgsByIds(
    db,
    [...fbs, ...plans, ...reports].map((r) => r.orgId),
  );
  const orgName = (id: string) => orgs.get(id)?.name ?? '';
  const out: Awaited<ReturnType<typeof rectificationArchiveSources>> = fbs.map((f) => ({
    kind: 'feedback' as const,
    title: `关于巡察${orgName(f.orgId)}党组织的反馈意见`,
    docDate: f.meetingDate,
    sourceRef: `feedback:${f.id}`,
    build: async () => {
      const d = await feedbackDocx(deps, ctx, insp.id, f.orgId);
      return { name: d.name, mime: DOCX_MIME, data: d.data };
    },
  }));
  for (const p of plans)
    out.push({
      kind: 'rectificationPlan',
      title: `${orgName(p.orgId)}巡察整改方案（问题、任务、责任清单）`,
      docDate: p.acceptedOn ?? p.submittedOn ?? shanghaiDate(p.updatedAt),
      sourceRef: `rectificationPlan:${p.id}`,
      build: async () => {
        const d = await ledgerXlsx(deps, ctx, { inspectionId: insp.id, orgId: p.orgId });
        return { name: d.name, mime: XLSX_MIME, data: d.data };
      },
    });
  for (const r of reports)
    for (const fileId of r.fileIds)
      out.push({
        kind: 'rectificationReport',
        title: `${orgName(r.orgId)}${r.title}`,
        docDate: r.submittedOn ?? r.acceptedOn ?? shanghaiDate(r.updatedAt),
        sourceRef: `rectificationFile:${fileId}`,
        build: () => rectificationFile(deps, ctx, fileId),
      });
  return out;
}
