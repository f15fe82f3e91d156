import { chineseDate, type TArchiveDocKind } from '@xc/domain';
import { eq } from 'drizzle-orm';
import { appraisals, authorizations, inspectors, teams } from '../../db/schema/personnel.ts';
import { inScope, notFound, scopeFor } from '../../platform/access.ts';
import { auditExport } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { type ArchiveSource, buildOfficialDocx, DOCX_MIME } from '../../platform/documents.ts';
import { exportXlsx, newExportSerial } from '../../platform/spreadsheets.ts';
import { authorityById } from '../orgs/index.ts';
import { loadRound, roundsByIds } from '../planning/index.ts';
import { listAwards, listTrainings } from './personnel.ledgers.ts';
import { getAuthorization } from './personnel.teams.ts';

// The personnel module's documents: the 一次一授权 decision, a member's appraisal for the home unit
// (both .docx in official layout) and the training and award ledgers (.xlsx), each stamped and audited.

export async function authorizationDocx(deps: AppDeps, ctx: RequestCtx, roundId: string) {
  const { db, clock } = deps;
  const round = await loadRound(deps, ctx, roundId, 'plan:export');
  const a = await getAuthorization(deps, ctx, roundId);
  const authority = await authorityById(db, round.authorityId);
  const term = { name: (await roundsByIds(db, [round.id])).get(round.id)?.termName ?? '' };
  const committee = (authority?.name ?? '').replace(/巡察工作领导小组办公室$/, '');
  const now = clock.now();
  const serial = newExportSerial(now);
  const buf = await buildOfficialDocx({
    title: `关于${term?.name ?? ''}${round.name}巡察授权的决定`,
    subtitle: a.docNumber,
    stamp: { exporterName: ctx.actor.displayName, at: now, serial },
    issuer: `${committee}巡察工作领导小组`,
    date: chineseDate(a.decidedOn),
    blocks: [
      {
        kind: 'p',
        text: `根据《中国共产党巡视工作条例》和${committee}巡察工作有关规定，实行“一次一授权”。现对${round.name}巡察授权如下：`,
      },
      { kind: 'h1', text: '一、组长、副组长' },
      {
        kind: 'table',
        header: ['巡察组', '组长', '副组长'],
        widths: [30, 30, 40],
        rows: a.leaders.map((l) => [l.teamName, l.leaderName || '待定', l.deputyNames.join('、') || '待定']),
      },
      { kind: 'h1', text: '二、任务分工' },
      ...a.taskDivision
        .split(/\n+/)
        .filter(Boolean)
        .map((t) => ({ kind: 'p' as const, text: t })),
      { kind: 'h1', text: '三、授权期限' },
      {
        kind: 'p',
        text: `本授权自决定之日起至${a.validUntil ? chineseDate(a.validUntil) : '本轮巡察结束'}止，随本轮巡察工作结束而自然终止。`,
      },
    ],
  });
  await auditExport(db, ctx, now, 'round.exportAuthorization', serial, { roundId });
  return { data: buf, name: `${round.name}巡察授权决定-${serial}.docx` };
}

/**
 * What the archive files of an inspection from personnel (issue 13): the 一次一授权 decision of its
 * round, when one was made, built by the same builder as the download.
 */
export async function personnelArchiveSources(
  deps: AppDeps,
  ctx: RequestCtx,
  roundId: string,
): Promise<ArchiveSource<TArchiveDocKind>[]> {
  const round = await loadRound(deps, ctx, roundId, 'plan:read');
  const a = (await deps.db.select().from(authorizations).where(eq(authorizations.roundId, round.id)))[0];
  if (!a) return [];
  const termName = (await roundsByIds(deps.db, [round.id])).get(round.id)?.termName ?? '';
  return [
    {
      kind: 'authorization',
      title: `关于${termName}${round.name}巡察授权的决定${a.docNumber ? `（${a.docNumber}）` : ''}`,
      docDate: a.decidedOn,
      sourceRef: `authorization:${a.id}`,
      build: async () => {
        const f = await authorizationDocx(deps, ctx, round.id);
        return { name: f.name, mime: DOCX_MIME, data: f.data };
      },
    },
  ];
}

/** 鉴定: a seconded member's appraisal for one round, sent back to the home unit. */
export async function appraisalDocx(deps: AppDeps, ctx: RequestCtx, appraisalId: string) {
  const { db, clock } = deps;
  const found = (
    await db
      .select({ a: appraisals, person: inspectors, teamName: teams.name, roundId: teams.roundId })
      .from(appraisals)
      .innerJoin(inspectors, eq(inspectors.id, appraisals.inspectorId))
      .innerJoin(teams, eq(teams.id, appraisals.teamId))
      .where(eq(appraisals.id, appraisalId))
  )[0];
  const round = found ? (await roundsByIds(db, [found.roundId])).get(found.roundId) : undefined;
  if (!found || !round || !inScope(scopeFor(ctx.actor, 'personnel:read'), round.authorityId)) throw notFound('鉴定');
  const row = { ...found, roundName: round.name, termName: round.termName, authorityId: round.authorityId };
  const authority = await authorityById(db, row.authorityId);
  const now = clock.now();
  const serial = newExportSerial(now);
  const p = row.person;
  const buf = await buildOfficialDocx({
    title: '巡察组抽调人员工作鉴定表',
    subtitle: `${row.termName}${row.roundName}　${row.teamName}`,
    stamp: { exporterName: ctx.actor.displayName, at: now, serial },
    issuer: authority?.name ?? '',
    date: chineseDate(row.a.appraisedOn),
    blocks: [
      { kind: 'p', text: `${p.homeUnitName}：` },
      {
        kind: 'p',
        text: `你单位${p.name}同志（${p.post}，${p.rank}）于${row.termName}${row.roundName}抽调至${row.teamName}参加巡察工作。现将其在巡察期间的表现鉴定如下：`,
      },
      {
        kind: 'table',
        header: ['姓名', '原单位及职务', '组内职务', '鉴定等次'],
        widths: [15, 45, 15, 25],
        rows: [[p.name, `${p.homeUnitName}${p.post}`, '组员', row.a.grade]],
      },
      { kind: 'h1', text: '鉴定意见' },
      { kind: 'p', text: row.a.comment },
      { kind: 'p', text: '请将本鉴定存入本人档案，作为干部考核、评先评优和选拔任用的参考。' },
    ],
  });
  await auditExport(db, ctx, now, 'inspector.exportAppraisal', serial, { appraisalId });
  return { data: buf, name: `${p.name}巡察工作鉴定-${serial}.docx` };
}

/** The training and award ledgers as one workbook, stamped like every export. */
export async function ledgersXlsx(deps: AppDeps, ctx: RequestCtx, authorityId?: string) {
  const t = await listTrainings(deps, ctx, authorityId);
  const a = await listAwards(deps, ctx, { authorityId });
  const rows = [
    ...t.items.map((x) => ({
      a: '培训',
      b: x.heldOn,
      c: x.title,
      d: x.mode === 'video' ? '视频' : '现场',
      e: `${x.hours}学时，${x.attendeeCount}人次`,
    })),
    ...a.items.map((x) => ({
      a: x.kind === 'excellentInspector' ? '优秀巡察干部' : '优秀巡察报告',
      b: x.awardedOn,
      c: x.title ?? x.people.map((p) => p.name).join('、'),
      d: x.category ?? x.batch,
      e: x.people.map((p) => `${p.name}（${p.homeUnitName}）`).join('、'),
    })),
  ];
  return exportXlsx(deps, ctx, {
    action: 'personnel.exportLedgers',
    detail: { rows: rows.length },
    name: (serial) => `巡察干部培训与表彰台账-${serial}.xlsx`,
    sheetName: '培训与表彰',
    title: '巡察干部培训与表彰台账',
    rows,
    columns: [
      { header: '类别', width: 14, value: (r) => r.a },
      { header: '日期', width: 12, value: (r) => r.b },
      { header: '名称/标题', width: 44, value: (r) => r.c },
      { header: '方式/类别/批次', width: 16, value: (r) => r.d },
      { header: '人员/人次', width: 60, value: (r) => r.e },
    ],
  });
}
