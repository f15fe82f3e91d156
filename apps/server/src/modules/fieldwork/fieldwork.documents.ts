import {
  AppError,
  CADRE_LEVEL_LABELS,
  CLUE_RECEIVER_LABELS,
  CLUE_SOURCE_LABELS,
  chineseDate,
  chineseNumeral,
  condense,
  countClues,
  DISCIPLINE_LABELS,
  ErrorCode,
  EVIDENCE_KIND_LABELS,
  FINDING_SOURCE_LABELS,
  MEETING_KIND_LABELS,
  outlineCount,
  PAPER_ACTION_LABELS,
  PAPER_STATUS_LABELS,
  RESPONSIBILITY_LABELS,
  SEVERITY_LABELS,
  type TArchiveDocKind,
  type TClue,
  type TFindingListQuery,
  type TPaperStatus,
  type TResponsibility,
  type TTeamRole,
} from '@xc/domain';
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { clues as clueRows, clueTransferBatches, workingPapers } from '../../db/schema/fieldwork.ts';
import { auditExport } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { type ArchiveSource, buildOfficialDocx, DOCX_MIME, type DocBlock } from '../../platform/documents.ts';
import { buildXlsx, newExportSerial } from '../../platform/spreadsheets.ts';
import { authorityById } from '../orgs/index.ts';
import { teamBriefs } from '../personnel/index.ts';
import { inspectionBrief, workInspection } from './fieldwork.access.ts';
import { cluesOfInspection } from './fieldwork.clues.ts';
import { findingsForExport } from './fieldwork.findings.ts';
import { regulationRefs } from './fieldwork.libraries.ts';
import { hearingsOf } from './fieldwork.meetings.ts';
import { paperDto, paperFor } from './fieldwork.papers.ts';
import { outlineOf, versionsOf } from './fieldwork.report.ts';
import { batchFor } from './fieldwork.transfers.ts';

// The module's documents in 公文格式 (platform/documents.ts): 底稿审批单, 问题线索移交函, the inspection
// report and the 问题线索报告, and the findings as a workbook. Each is stamped with the exporter and a
// serial, and the serial is audited.

const MAX_EXPORT = 50_000;

/** 赣州市委 from 赣州市委巡察工作领导小组办公室 (or 赣州市委巡察办). */
function committeeOf(name: string | undefined): string {
  return (name ?? '').replace(/^中共/, '').replace(/巡察工作领导小组办公室$|巡察办$|巡察机构$/, '');
}

function stampOf(ctx: RequestCtx, now: Date) {
  return { exporterName: ctx.actor.displayName, at: now, serial: newExportSerial(now) };
}

/** 问题底稿审批单: the paper, its 定性依据 and evidence, and each step of 三审 with who and when. */
export async function paperApprovalDocx(deps: AppDeps, ctx: RequestCtx, paperId: string) {
  const { db, clock } = deps;
  const now = clock.now();
  const row = await paperFor(deps, ctx, paperId);
  const paper = await paperDto(deps, ctx, row);
  const b = await inspectionBrief(db, row.inspectionId);
  const refs = await regulationRefs(db, row.authorityId, row.regulationIds);
  const texts = row.regulationIds.flatMap((id) => {
    const r = refs.get(id);
    return r ? [`${r.title}${r.article}`] : [];
  });
  const step = (role: TTeamRole) => {
    const last = [...paper.reviews].reverse().find((r) => r.teamRole === role && r.action !== 'submit');
    return last
      ? `${PAPER_ACTION_LABELS[last.action]}：${last.reason ?? '同意'}（${last.byName ?? ''}，${chineseDate(shanghaiDate(new Date(last.at)))}）`
      : '';
  };
  const stamp = stampOf(ctx, now);
  const data = await buildOfficialDocx({
    title: '问题底稿审批单',
    subtitle: `编号：${paper.number}`,
    stamp,
    blocks: [
      {
        kind: 'table',
        header: ['项目', '内容'],
        widths: [22, 78],
        rows: [
          ['巡察组及对象', b.label],
          ['问题标题', paper.title],
          ['被巡察单位', paper.orgName ?? ''],
          ['问题事实', paper.facts],
          ['定性依据', texts.join('；') || '（未选择）'],
          [
            '证据清单',
            paper.evidence.map((e, i) => `${i + 1}. ${e.label}（${EVIDENCE_KIND_LABELS[e.kind]}）`).join('\n') ||
              '（未列出）',
          ],
          ['责任类型', RESPONSIBILITY_LABELS[paper.responsibility as TResponsibility]],
          [
            '发现人及时间',
            `${paper.foundBy.map((p) => p.name).join('、') || paper.authorName || '—'}，${chineseDate(paper.foundOn)}`,
          ],
          ['撰写人', paper.authorName ?? ''],
          ['副组长审核意见', step('deputy')],
          ['组长审签意见', step('leader')],
          ['当前状态', PAPER_STATUS_LABELS[paper.status as TPaperStatus]],
        ],
      },
    ],
  });
  await auditExport(db, ctx, now, 'workingPaper.exportApproval', stamp.serial, { paperId });
  return { data, name: `问题底稿审批单-${paper.number}-${stamp.serial}.docx` };
}

function subjectsText(c: TClue): string {
  return c.subjects.map((s) => `${s.name}（${s.post}）`).join('、');
}

/** 问题线索移交函 to the receiving organization, listing the clues of the batch. */
export async function transferLetterDocx(deps: AppDeps, ctx: RequestCtx, batchId: string) {
  const { db, clock } = deps;
  const now = clock.now();
  const { batch, clues } = await batchFor(deps, ctx, batchId);
  const authority = await authorityById(db, batch.authorityId);
  const committee = committeeOf(authority?.name);
  const { persons } = countClues(clues);
  const due = clues.map((c) => c.feedbackDue).find((d) => !!d) ?? null;
  const stamp = stampOf(ctx, now);
  const data = await buildOfficialDocx({
    title: '问题线索移交函',
    subtitle: batch.letterNumber ?? undefined,
    stamp,
    issuer: authority?.name ?? '',
    date: chineseDate(batch.transferredOn),
    blocks: [
      { kind: 'p', text: `${batch.receiverOrgName ?? CLUE_RECEIVER_LABELS[batch.receiver]}：` },
      {
        kind: 'p',
        text: `根据《中国共产党巡视工作条例》和${committee}巡察工作有关规定，现将${committee}巡察组在巡察中发现的问题线索${clues.length}件（涉及${persons}人）移交你单位，请按照干部管理权限和有关规定处置${due ? `，并于${chineseDate(due)}前将处置情况和结果书面反馈${committee}巡察办` : ''}。`,
      },
      { kind: 'p', text: '问题线索涉及党的秘密和个人隐私，请严格按照保密规定传递、保管和使用。' },
      {
        kind: 'table',
        header: ['序号', '被巡察单位', '被反映人及职务', '问题类别', '线索来源', '主要内容'],
        widths: [7, 17, 20, 11, 11, 34],
        rows: clues.map((c, i) => [
          String(i + 1),
          c.orgName ?? '',
          subjectsText(c),
          DISCIPLINE_LABELS[c.discipline],
          c.source ? CLUE_SOURCE_LABELS[c.source] : '—',
          condense(c.facts, 120),
        ]),
      },
      { kind: 'p', text: `附件：问题线索材料${clues.length}件` },
    ],
  });
  await auditExport(db, ctx, now, 'clue.exportTransferLetter', stamp.serial, {
    batchId,
    clueIds: clues.map((c) => c.id),
  });
  return { data, name: `问题线索移交函-${stamp.serial}.docx` };
}

/**
 * 巡察报告 in 公文格式: 基本情况和总体评价 (the team's text), 主要问题 from the inspection's findings by
 * framework and aspect with each finding's facts condensed, 意见建议, and the 专题报告 as annexes.
 */
export async function reportDocx(deps: AppDeps, ctx: RequestCtx, inspectionId: string, versionNumber?: number) {
  const { db, clock } = deps;
  const now = clock.now();
  const insp = await workInspection(deps, ctx, inspectionId, 'report:export');
  const [b, versions, outline, authority, hearings] = await Promise.all([
    inspectionBrief(db, insp.id),
    versionsOf(db, insp.id),
    outlineOf(db, insp),
    authorityById(db, insp.authorityId),
    hearingsOf(db, insp.id),
  ]);
  const team = insp.teamId ? (await teamBriefs(db, [insp.teamId])).get(insp.teamId) : undefined;
  // The latest version unless an earlier one is asked for (the archive files every version).
  const draft = versionNumber === undefined ? versions[0] : versions.find((v) => v.number === versionNumber);
  const committee = committeeOf(authority?.name);
  const orgs = b.targets.filter((t) => t.role === 'primary').map((t) => t.name);
  const target = orgs.length ? orgs.join('、') : `${b.targets.length}个村(社区)`;
  const paragraphs = (text: string) =>
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map((t): DocBlock => ({ kind: 'p', text: t }));
  const blocks: DocBlock[] = [
    {
      kind: 'p',
      text: `根据${committee}统一部署，${team?.name ?? '巡察组'}${insp.entryDate ? `于${chineseDate(insp.entryDate)}${insp.exitDate ? `至${chineseDate(insp.exitDate)}` : '起'}` : ''}对${target}党组织开展了巡察，共发现问题${outlineCount(outline)}个。现将巡察情况报告如下。`,
    },
    { kind: 'h1', text: '一、基本情况和总体评价' },
    ...(draft?.overview ? paragraphs(draft.overview) : [{ kind: 'p' as const, text: '（巡察组尚未撰写本部分。）' }]),
    { kind: 'h1', text: '二、发现的主要问题' },
  ];
  if (!outline.length) blocks.push({ kind: 'p', text: '（尚无经审定的问题。）' });
  outline.forEach((section, i) => {
    blocks.push({
      kind: 'h2',
      text: `（${chineseNumeral(i + 1)}）${section.frameworkId ? `“${section.title}”方面` : section.title}`,
    });
    let n = 0;
    section.aspects.forEach((a, j) => {
      if (a.title) blocks.push({ kind: 'p', text: `${j + 1}. ${a.title}方面存在的问题。` });
      for (const f of a.findings) {
        n++;
        const facts = f.summary && !f.summary.startsWith(f.title) ? f.summary : '';
        blocks.push({ kind: 'p', text: `（${n}）${f.title}。${facts}` });
      }
    });
  });
  blocks.push({ kind: 'h1', text: '三、意见建议' });
  if (draft?.suggestions.length)
    draft.suggestions.forEach((s, i) => {
      blocks.push({ kind: 'p', text: `（${chineseNumeral(i + 1)}）${s.replace(/\r?\n/g, '')}` });
    });
  else blocks.push({ kind: 'p', text: '（巡察组尚未撰写本部分。）' });
  const heard = hearings.filter((h) => h.kind === 'secretarySpecial' || h.kind === 'standingCommittee');
  if (heard.length)
    blocks.push({
      kind: 'p',
      text: `本报告已于${heard.map((h) => `${chineseDate(h.date)}经${MEETING_KIND_LABELS[h.kind]}`).join('、')}听取。`,
    });
  for (const t of draft?.topicReports ?? []) {
    blocks.push({ kind: 'h1', text: `附件：${t.title}` }, ...paragraphs(t.body));
  }
  const stamp = stampOf(ctx, now);
  const data = await buildOfficialDocx({
    title: `关于对${target}党组织的巡察情况报告`,
    subtitle: draft ? `（第${draft.number}稿）` : '（草稿）',
    stamp,
    issuer: `${committee}${team?.name ?? '巡察组'}`,
    date: chineseDate(shanghaiDate(now)),
    blocks,
  });
  await auditExport(db, ctx, now, 'report.exportDocx', stamp.serial, {
    inspectionId: insp.id,
    version: draft?.number ?? 0,
  });
  return { data, name: `巡察报告-${target.slice(0, 40)}-${stamp.serial}.docx` };
}

/** 问题线索报告: the inspection's clues the caller may see, reported apart from the inspection report. */
export async function clueReportDocx(deps: AppDeps, ctx: RequestCtx, inspectionId: string) {
  const { db, clock } = deps;
  const now = clock.now();
  const insp = await workInspection(deps, ctx, inspectionId, 'clue:read');
  const clues = await cluesOfInspection(deps, ctx, insp.id);
  if (!clues.length) throw new AppError(ErrorCode.NotFound, '本次巡察没有问题线索');
  const b = await inspectionBrief(db, insp.id);
  const authority = await authorityById(db, insp.authorityId);
  const team = insp.teamId ? (await teamBriefs(db, [insp.teamId])).get(insp.teamId) : undefined;
  const committee = committeeOf(authority?.name);
  const { persons } = countClues(clues);
  const target =
    b.targets
      .filter((t) => t.role === 'primary')
      .map((t) => t.name)
      .join('、') || b.label;
  const stamp = stampOf(ctx, now);
  const data = await buildOfficialDocx({
    title: `关于巡察${target}党组织发现问题线索的报告`,
    stamp,
    issuer: `${committee}${team?.name ?? '巡察组'}`,
    date: chineseDate(shanghaiDate(now)),
    blocks: [
      {
        kind: 'p',
        text: `${team?.name ?? '巡察组'}在对${target}党组织的巡察中，共发现问题线索${clues.length}件，涉及${persons}人，现报告如下，建议按干部管理权限移交有关单位处置。`,
      },
      {
        kind: 'table',
        header: ['序号', '被反映人及职务', '干部管理层级', '问题类别', '线索来源', '主要问题', '建议移交'],
        widths: [6, 18, 11, 10, 10, 33, 12],
        rows: clues.map((c, i) => [
          String(i + 1),
          subjectsText(c),
          [...new Set(c.subjects.map((s) => CADRE_LEVEL_LABELS[s.level]))].join('、'),
          DISCIPLINE_LABELS[c.discipline],
          c.source ? CLUE_SOURCE_LABELS[c.source] : '—',
          condense(c.facts, 200),
          CLUE_RECEIVER_LABELS[c.receiver ?? c.suggestedReceiver],
        ]),
      },
      { kind: 'p', text: '问题线索涉及党的秘密和个人隐私，请按保密规定管理和使用。' },
    ],
  });
  await auditExport(db, ctx, now, 'clue.exportReport', stamp.serial, {
    inspectionId: insp.id,
    clueIds: clues.map((c) => c.id),
  });
  return { data, name: `问题线索报告-${stamp.serial}.docx` };
}

/**
 * What the archive files of an inspection from fieldwork (issue 13), each built by the builder of its
 * download: the approval form of every signed-off working paper, every saved version of the report
 * (the last one as the final report), the 问题线索报告 and the transfer letter of every batch that
 * carried its clues. Meeting minutes have no document in the product and are not offered.
 */
export async function fieldworkArchiveSources(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
): Promise<ArchiveSource<TArchiveDocKind>[]> {
  const { db } = deps;
  const insp = await workInspection(deps, ctx, inspectionId, 'report:read');
  const docx = (f: Promise<{ name: string; data: Buffer }>) =>
    f.then((x) => ({ name: x.name, mime: DOCX_MIME, data: x.data }));
  const [papers, versions, b, clueBatches] = await Promise.all([
    db
      .select({
        id: workingPapers.id,
        number: workingPapers.number,
        title: workingPapers.title,
        on: workingPapers.foundOn,
      })
      .from(workingPapers)
      .where(and(eq(workingPapers.inspectionId, insp.id), eq(workingPapers.status, 'signedOff')))
      .orderBy(asc(workingPapers.seq)),
    versionsOf(db, insp.id),
    inspectionBrief(db, insp.id),
    db
      .selectDistinct({ batchId: clueRows.transferBatchId })
      .from(clueRows)
      .where(and(eq(clueRows.inspectionId, insp.id), isNotNull(clueRows.transferBatchId))),
  ]);
  const target =
    b.targets
      .filter((t) => t.role === 'primary')
      .map((t) => t.name)
      .join('、') || b.label;
  const out: Awaited<ReturnType<typeof fieldworkArchiveSources>> = papers.map((p) => ({
    kind: 'workingPaper' as const,
    title: `问题底稿审批单（${p.number}）${p.title}`,
    docDate: p.on,
    sourceRef: `workingPaper:${p.id}`,
    build: () => docx(paperApprovalDocx(deps, ctx, p.id)),
  }));
  for (const [i, v] of versions.entries())
    out.push({
      kind: i === 0 ? 'report' : 'reportVersion',
      title: `关于对${target}党组织的巡察情况报告（第${v.number}稿）`,
      docDate: shanghaiDate(v.savedAt),
      sourceRef: `reportVersion:${v.id}`,
      build: () => docx(reportDocx(deps, ctx, insp.id, v.number)),
    });

  const batchIds = clueBatches.flatMap((c) => (c.batchId ? [c.batchId] : []));
  const count = (await db.select({ id: clueRows.id }).from(clueRows).where(eq(clueRows.inspectionId, insp.id))).length;
  if (count)
    out.push({
      kind: 'clueTransfer',
      title: `关于巡察${target}党组织发现问题线索的报告`,
      docDate: insp.transferDate ?? insp.exitDate ?? shanghaiDate(deps.clock.now()),
      sourceRef: `clueReport:${insp.id}`,
      build: () => docx(clueReportDocx(deps, ctx, insp.id)),
    });
  if (batchIds.length) {
    const batches = await db
      .select()
      .from(clueTransferBatches)
      .where(inArray(clueTransferBatches.id, batchIds))
      .orderBy(asc(clueTransferBatches.transferredOn), asc(clueTransferBatches.id));
    for (const t of batches)
      out.push({
        kind: 'clueTransfer',
        title: `问题线索移交函${t.letterNumber ? `（${t.letterNumber}）` : ''}`,
        docDate: t.transferredOn,
        sourceRef: `clueTransferBatch:${t.id}`,
        build: () => docx(transferLetterDocx(deps, ctx, t.id)),
      });
  }
  return out;
}

/** The findings of the filtered view as a workbook. */
export async function findingsXlsx(deps: AppDeps, ctx: RequestCtx, q: Omit<TFindingListQuery, 'limit' | 'cursor'>) {
  const { db, clock } = deps;
  const now = clock.now();
  const rows = await findingsForExport(deps, ctx, q, MAX_EXPORT);
  const stamp = stampOf(ctx, now);
  const data = await buildXlsx({
    sheetName: '问题清单',
    title: '巡察发现问题清单',
    stamp,
    rows,
    columns: [
      { header: '巡察', width: 40, value: (r) => r.inspectionLabel },
      { header: '被巡察单位', width: 24, value: (r) => r.orgName },
      { header: '系统/领域', width: 10, value: (r) => r.sector },
      { header: '问题标题', width: 40, value: (r) => r.title },
      { header: '问题事实', width: 80, value: (r) => condense(r.facts, 500) },
      { header: '问题分类', width: 40, value: (r) => r.taxonomyPath.join(' / ') },
      { header: '严重程度', width: 10, value: (r) => (r.severity ? SEVERITY_LABELS[r.severity] : '') },
      { header: '共性问题', width: 10, value: (r) => (r.common ? '是' : '否') },
      { header: '立行立改', width: 10, value: (r) => (r.immediate ? '是' : '否') },
      { header: '来源', width: 12, value: (r) => FINDING_SOURCE_LABELS[r.source] },
      { header: '底稿编号', width: 28, value: (r) => r.paperNumber },
      { header: '录入时间', width: 14, value: (r) => shanghaiDate(new Date(r.createdAt)) },
    ],
  });
  await auditExport(db, ctx, now, 'finding.exportXlsx', stamp.serial, { rows: rows.length, filter: q });
  return { data, name: `巡察发现问题清单-${stamp.serial}.xlsx` };
}
