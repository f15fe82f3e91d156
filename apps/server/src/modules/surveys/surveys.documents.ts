import { SURVEY_KIND_LABELS, type TSurveyKind } from '@xc/domain';
import { auditExport } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { buildOfficialDocx } from '../../platform/documents.ts';
import { qrPng } from '../../platform/public.ts';
import { exportXlsx, newExportSerial } from '../../platform/spreadsheets.ts';
import { answerRows, answerText, getSurvey, loadBatch, signToken, surveyUrl } from './surveys.service.ts';

export async function surveyQrPng(deps: AppDeps, ctx: RequestCtx, id: string): Promise<Buffer> {
  const s = await getSurvey(deps, ctx, id);
  return qrPng(s.openUrl);
}

/**
 * A batch of single-use links as a sheet of QR codes to cut apart and hand out, one per person,
 * each with its number in the batch so the office can tell how many were handed out.
 */
export async function batchDocx(deps: AppDeps, ctx: RequestCtx, batchId: string) {
  const { db, clock, keys } = deps;
  const { batch, survey } = await loadBatch(deps, ctx, batchId);
  const cells = [];
  for (let i = 0; i < batch.count; i++)
    cells.push({
      data: await qrPng(surveyUrl(deps, signToken(keys, batch.id, i)), 240),
      caption: `第${i + 1}号　限用一次`,
    });
  const now = clock.now();
  const serial = newExportSerial(now);
  const buf = await buildOfficialDocx({
    title: survey.title,
    subtitle: `${SURVEY_KIND_LABELS[survey.kind as TSurveyKind]}　一次性答卷二维码（${batch.count}个）`,
    stamp: { exporterName: ctx.actor.displayName, at: now, serial },
    blocks: [
      {
        kind: 'p',
        text: '每个二维码只能提交一份答卷，请逐人发放、不得重复使用。扫码答卷不记录答卷人身份，统计时计为已核验答卷。',
      },
      { kind: 'imageGrid', cells, columns: 4, size: 110 },
    ],
  });
  await auditExport(db, ctx, now, 'survey.batchExport', serial, { surveyId: survey.id, batchId, count: batch.count });
  return { name: `${survey.title}-一次性二维码-${batch.count}个.docx`, data: buf };
}

export async function answersXlsx(deps: AppDeps, ctx: RequestCtx, id: string) {
  const { survey, rows } = await answerRows(deps, ctx, id);
  const numbered = rows.map((r, i) => ({ ...r, n: i + 1 }));
  return exportXlsx(deps, ctx, {
    action: 'survey.export',
    detail: { surveyId: id, rows: rows.length },
    name: () => `${survey.title}-答卷.xlsx`,
    sheetName: '答卷',
    title: `${survey.title}（匿名答卷）`,
    rows: numbered,
    columns: [
      { header: '序号', width: 8, value: (r) => r.n },
      { header: '答卷方式', width: 14, value: (r) => (r.verified ? '一次性链接（已核验）' : '公开二维码（未核验）') },
      { header: '日期', width: 12, value: (r) => r.on },
      ...survey.questions.map((q, i) => ({
        header: `${i + 1}. ${q.title}`,
        width: q.type === 'text' ? 40 : 20,
        value: (r: (typeof numbered)[number]) => answerText(q, r.answers[q.id]),
      })),
    ],
  });
}
