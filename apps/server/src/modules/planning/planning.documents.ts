import {
  chineseDate,
  INSPECTION_MODE_LABELS,
  ROUND_KIND_LABELS,
  STAGE_LABELS,
  type TArchiveDocKind,
  type TInspection,
} from '@xc/domain';
import { auditExport } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { type ArchiveSource, buildOfficialDocx, DOCX_MIME } from '../../platform/documents.ts';
import { exportXlsx, newExportSerial } from '../../platform/spreadsheets.ts';
import { authorityById } from '../orgs/index.ts';
import { listTeams } from '../personnel/index.ts';
import { listInspections, loadInspection } from './planning.inspections.ts';
import { getRound, loadRound } from './planning.rounds.ts';
import { loadTerm, termCoverage } from './planning.terms.ts';

/** 巡察工作方案 (summary) of a round as a Word document in official layout. */
export async function roundPlanDocx(deps: AppDeps, ctx: RequestCtx, roundId: string) {
  const { db, clock } = deps;
  const now = clock.now();
  const round = await getRound(deps, ctx, roundId);
  const term = await loadTerm(deps, ctx, round.termId);
  const authority = await authorityById(db, round.authorityId);
  const teamList = (await listTeams(deps, ctx, roundId)).items;
  const all: TInspection[] = [];
  let cursor: string | undefined;
  do {
    const page = await listInspections(deps, ctx, { roundId, limit: 500, cursor });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const committee = (authority?.name ?? '').replace(/巡察工作领导小组办公室$/, '');
  const serial = newExportSerial(now);
  const byTeam = teamList.map((t) => ({ team: t, items: all.filter((i) => i.teamId === t.id) }));
  const unassigned = all.filter((i) => !i.teamId);
  const buf = await buildOfficialDocx({
    title: `${term?.name ?? ''}${round.name}巡察工作方案`,
    subtitle: '（摘要）',
    stamp: { exporterName: ctx.actor.displayName, at: now, serial },
    issuer: authority?.name ?? '',
    date: chineseDate(round.approvedAt ?? null, '待定'),
    blocks: [
      {
        kind: 'p',
        text: `根据${committee}巡察工作规划和年度工作安排，${committee}将开展${round.name}${ROUND_KIND_LABELS[round.kind]}。现将有关安排摘要如下。`,
      },
      { kind: 'h1', text: '一、巡察主题和监督重点' },
      { kind: 'p', text: `本轮巡察主题：${round.theme || ROUND_KIND_LABELS[round.kind]}。` },
      ...(round.focus.length
        ? round.focus.map((f, i) => ({ kind: 'p' as const, text: `${i + 1}. ${f}。` }))
        : [{ kind: 'p' as const, text: '监督重点按巡察工作规划执行。' }]),
      { kind: 'h1', text: '二、时间安排' },
      {
        kind: 'p',
        text: `本轮巡察计划于${chineseDate(round.plannedStart, '待定')}开始，${chineseDate(round.plannedEnd, '待定')}前完成进驻和撤离。${round.approvedAt ? `本方案经${round.approvalNote ?? '巡察工作领导小组'}于${chineseDate(round.approvedAt, '待定')}审议通过。` : '本方案尚待巡察工作领导小组审议。'}`,
      },
      { kind: 'h1', text: '三、巡察组及巡察对象' },
      {
        kind: 'p',
        text: `本轮共派出${teamList.length}个巡察组，对${new Set(all.flatMap((i) => i.targets.map((t) => t.orgId))).size}个党组织开展巡察，具体安排如下：`,
      },
      {
        kind: 'table',
        header: ['巡察组', '被巡察党组织', '巡察方式', '计划进驻', '计划撤离', '当前阶段'],
        widths: [14, 34, 14, 13, 13, 12],
        rows: [
          ...byTeam.flatMap((g) => g.items.map((i) => [g.team.name, i])),
          ...unassigned.map((i) => ['待定', i] as const),
        ].map(([team, i]) => {
          const insp = i as TInspection;
          const primary = insp.targets.filter((t) => t.role === 'primary').map((t) => t.name);
          const villages = insp.targets.filter((t) => t.role === 'village').length;
          const targets = primary.length
            ? primary.join('、') + (villages ? `（延伸${villages}个村(社区)）` : '')
            : `${villages}个村(社区)`;
          return [
            String(team),
            targets,
            INSPECTION_MODE_LABELS[insp.mode],
            chineseDate(insp.plannedEntryDate, '待定'),
            chineseDate(insp.plannedExitDate, '待定'),
            STAGE_LABELS[insp.stage],
          ];
        }),
      },
      { kind: 'h1', text: '四、工作要求' },
      {
        kind: 'p',
        text: '各巡察组要坚持政治巡察定位，严格执行一次一授权和回避制度，按规定在进驻前10日送达巡察通知，公布举报电话、邮箱和“码上巡”二维码，严守工作纪律和保密纪律，按时完成巡察报告。',
      },
    ],
  });
  await auditExport(db, ctx, now, 'round.exportPlan', serial, { roundId });
  return { data: buf, serial, name: `${term?.name ?? ''}${round.name}巡察工作方案-${serial}.docx` };
}

/**
 * What the archive files of an inspection from planning (issue 13): the 巡察工作方案 of its round,
 * built by the same builder as the download, dated by the round's approval. The product keeps no
 * document of the 巡察通知, so none is offered for it.
 */
export async function planningArchiveSources(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
): Promise<ArchiveSource<TArchiveDocKind>[]> {
  const insp = await loadInspection(deps, ctx, inspectionId);
  const round = await loadRound(deps, ctx, insp.roundId);
  const term = await loadTerm(deps, ctx, round.termId);
  const docDate = round.approvedOn ?? round.plannedStart ?? round.createdAt.toISOString().slice(0, 10);
  return [
    {
      kind: 'plan',
      title: `${term?.name ?? ''}${round.name}巡察工作方案`,
      docDate,
      sourceRef: `round:${round.id}`,
      build: async () => {
        const f = await roundPlanDocx(deps, ctx, round.id);
        return { name: f.name, mime: DOCX_MIME, data: f.data };
      },
    },
  ];
}

/** 全覆盖台账: every target of the term with whether it is covered, as xlsx. */
export async function coverageXlsx(deps: AppDeps, ctx: RequestCtx, termId: string) {
  const term = await loadTerm(deps, ctx, termId);
  const cov = await termCoverage(deps, ctx, termId, 100_000);
  const rows = [
    ...cov.byKind.map((k) => ({
      a: '按类别',
      b: k.kind,
      c: k.total,
      d: k.covered,
      e: k.total - k.covered,
      f: k.total ? `${((k.covered / k.total) * 100).toFixed(1)}%` : '—',
    })),
    { a: '合计', b: '', c: cov.total, d: cov.covered, e: cov.uncoveredCount, f: `${(cov.rate * 100).toFixed(1)}%` },
    ...cov.byYear.map((y) => ({ a: '按年度新覆盖', b: `${y.year}年`, c: '', d: y.covered, e: '', f: '' })),
    ...cov.uncovered.map((u) => ({ a: '未覆盖单位', b: u.name, c: u.kind, d: '', e: '', f: '' })),
  ];
  return exportXlsx(deps, ctx, {
    action: 'term.exportCoverage',
    detail: { termId },
    name: (serial) => `${term?.name ?? ''}巡察全覆盖台账-${serial}.xlsx`,
    sheetName: '全覆盖台账',
    title: `${term?.name ?? ''}巡察全覆盖台账`,
    rows,
    columns: [
      { header: '项目', width: 16, value: (r) => r.a },
      { header: '类别/单位/年度', width: 36, value: (r) => r.b },
      { header: '应覆盖', width: 12, value: (r) => r.c },
      { header: '已覆盖', width: 12, value: (r) => r.d },
      { header: '未覆盖', width: 12, value: (r) => r.e },
      { header: '覆盖率', width: 12, value: (r) => r.f },
    ],
  });
}
