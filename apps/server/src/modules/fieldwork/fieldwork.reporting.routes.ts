import {
  ZAssignedMatter,
  ZAssignedMatterIn,
  ZAssignedMatterList,
  ZAssignedMatterListQuery,
  ZAssignedMatterUpdate,
  ZClue,
  ZClueCreate,
  ZClueDisposalRecord,
  ZClueList,
  ZClueListQuery,
  ZClueResultRecord,
  ZClueTransferBatch,
  ZClueTransferBatchList,
  ZClueTransferBatchListQuery,
  ZClueTransferBatchOut,
  ZClueUpdate,
  ZClueWriteOff,
  ZMeeting,
  ZMeetingCreate,
  ZMeetingList,
  ZMeetingListQuery,
  ZMeetingUpdate,
  ZReport,
  ZReportCompareQuery,
  ZReportDiff,
  ZReportSave,
  ZReportVersion,
} from '@xc/domain';
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../platform/auth.ts';
import { DOCX_MIME } from '../../platform/documents.ts';
import { routesOf, ZIdParam } from '../../platform/routes.ts';
import { caseHandlerClues, createClue, getClue, listClues, updateClue } from './fieldwork.clues.ts';
import { clueReportDocx, reportDocx, transferLetterDocx } from './fieldwork.documents.ts';
import { hidden, tags, ZVersionParam } from './fieldwork.http.ts';
import {
  addAssignedMatter,
  createMeeting,
  getMeeting,
  listAssignedMatters,
  listMeetings,
  updateAssignedMatter,
  updateMeeting,
} from './fieldwork.meetings.ts';
import { getReport, getReportVersion, reportDiff, saveReportVersion } from './fieldwork.report.ts';
import {
  disposeClue,
  listTransferBatches,
  recordClueResult,
  transferClues,
  writeOffClue,
} from './fieldwork.transfers.ts';

/**
 * 问题线索, the report and the meetings (the 报告与会议 side of issue 11), registered by
 * fieldworkRoutes (fieldwork.routes.ts). Clues are the most confidential records of the product:
 * every route on them is hidden from callers without the permission (404).
 */
export async function reportingRoutes(app: FastifyInstance): Promise<void> {
  const route = routesOf(app, tags);
  const d = app.deps;

  // ------------------------------------------------------------ clues (问题线索): the most confidential
  route.get(
    '/api/clues',
    hidden('clue:read'),
    { summary: '问题线索台账（件、人；本次查询留痕）', querystring: ZClueListQuery, response: { 200: ZClueList } },
    (req) => listClues(d, ctxOf(req), req.query),
  );
  route.post(
    '/api/inspections/:id/clues',
    hidden('clue:write'),
    { summary: '登记问题线索', params: ZIdParam, body: ZClueCreate, response: { 201: ZClue } },
    (req) => createClue(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/clues/:id',
    hidden('clue:read'),
    { summary: '问题线索详情（留痕）', params: ZIdParam, response: { 200: ZClue } },
    (req) => getClue(d, ctxOf(req), req.params.id),
  );
  route.patch(
    '/api/clues/:id',
    // The team edits its draft; the office sets the subjects' cadre levels before the transfer.
    hidden('clue:read'),
    { summary: '修改待移交的线索', params: ZIdParam, body: ZClueUpdate, response: { 200: ZClue } },
    (req) => updateClue(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/clue-transfers',
    hidden('clue:transfer'),
    { summary: '批量移交线索（Idempotency-Key）', body: ZClueTransferBatch, response: { 201: ZClueTransferBatchOut } },
    (req) => {
      const key = req.headers['idempotency-key'];
      return transferClues(d, ctxOf(req), req.body, typeof key === 'string' ? key : undefined);
    },
  );
  route.get(
    '/api/clue-transfers',
    hidden('clue:transfer'),
    { summary: '线索移交批次', querystring: ZClueTransferBatchListQuery, response: { 200: ZClueTransferBatchList } },
    (req) => listTransferBatches(d, ctxOf(req), req.query),
  );
  // The generated documents of clues and the report leave like uploaded files (nosniff, sandbox, no-store).
  route.upload(
    '/api/clue-transfers/:id/letter.docx',
    { ...hidden('clue:transfer'), reauth: true },
    { summary: '问题线索移交函（.docx）', params: ZIdParam },
    async (req) => ({ mime: DOCX_MIME, ...(await transferLetterDocx(d, ctxOf(req), req.params.id)) }),
  );
  route.post(
    '/api/clues/:id/disposal',
    hidden('clue:dispose'),
    { summary: '录入处置方式（线索处置人员）', params: ZIdParam, body: ZClueDisposalRecord, response: { 200: ZClue } },
    (req) => disposeClue(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/clues/:id/result',
    hidden('clue:dispose'),
    { summary: '反馈处置结果（线索处置人员）', params: ZIdParam, body: ZClueResultRecord, response: { 200: ZClue } },
    (req) => recordClueResult(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/clues/:id/write-off',
    hidden('clue:writeOff'),
    { summary: '线索销号（巡察办）', params: ZIdParam, body: ZClueWriteOff, response: { 200: ZClue } },
    (req) => writeOffClue(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/case-handling/clues',
    hidden('clue:dispose'),
    { summary: '移交本单位的线索（线索处置人员）', querystring: ZClueListQuery, response: { 200: ZClueList } },
    (req) => caseHandlerClues(d, ctxOf(req), req.query),
  );

  // ------------------------------------------------------------ the report (巡察报告)
  route.get(
    '/api/inspections/:id/report',
    hidden('report:read'),
    { summary: '巡察报告（当前版本、版本列表、主要问题提纲）', params: ZIdParam, response: { 200: ZReport } },
    (req) => getReport(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/inspections/:id/report/versions',
    hidden('report:write'),
    { summary: '保存报告（生成新版本）', params: ZIdParam, body: ZReportSave, response: { 201: ZReportVersion } },
    (req) => saveReportVersion(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/inspections/:id/report/versions/:n',
    hidden('report:read'),
    { summary: '报告的某一版本', params: ZVersionParam, response: { 200: ZReportVersion } },
    (req) => getReportVersion(d, ctxOf(req), req.params.id, req.params.n),
  );
  route.get(
    '/api/inspections/:id/report/diff',
    hidden('report:read'),
    {
      summary: '比较报告的两个版本',
      params: ZIdParam,
      querystring: ZReportCompareQuery,
      response: { 200: ZReportDiff },
    },
    (req) => reportDiff(d, ctxOf(req), req.params.id, req.query.from, req.query.to),
  );
  route.upload(
    '/api/inspections/:id/report.docx',
    { ...hidden('report:export'), reauth: true },
    { summary: '巡察报告（公文格式 .docx）', params: ZIdParam },
    async (req) => ({ mime: DOCX_MIME, ...(await reportDocx(d, ctxOf(req), req.params.id)) }),
  );
  route.upload(
    '/api/inspections/:id/clue-report.docx',
    { ...hidden('clue:read'), reauth: true },
    { summary: '问题线索报告（.docx）', params: ZIdParam },
    async (req) => ({ mime: DOCX_MIME, ...(await clueReportDocx(d, ctxOf(req), req.params.id)) }),
  );

  // ------------------------------------------------------------ meetings (会议) and 交办事项
  route.get(
    '/api/meetings',
    { permission: 'meeting:read' },
    { summary: '会议列表', querystring: ZMeetingListQuery, response: { 200: ZMeetingList } },
    (req) => listMeetings(d, ctxOf(req), req.query),
  );
  route.post(
    '/api/meetings',
    { permission: 'meeting:manage' },
    { summary: '记录会议（含听取的巡察和交办事项）', body: ZMeetingCreate, response: { 201: ZMeeting } },
    (req) => createMeeting(d, ctxOf(req), req.body),
  );
  route.get(
    '/api/meetings/:id',
    { permission: 'meeting:read' },
    { summary: '会议详情', params: ZIdParam, response: { 200: ZMeeting } },
    (req) => getMeeting(d, ctxOf(req), req.params.id),
  );
  route.patch(
    '/api/meetings/:id',
    { permission: 'meeting:manage' },
    { summary: '修改会议', params: ZIdParam, body: ZMeetingUpdate, response: { 200: ZMeeting } },
    (req) => updateMeeting(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/meetings/:id/assigned-matters',
    { permission: 'meeting:manage' },
    { summary: '增加交办事项', params: ZIdParam, body: ZAssignedMatterIn, response: { 201: ZAssignedMatter } },
    (req) => addAssignedMatter(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/assigned-matters',
    { permission: 'meeting:read' },
    { summary: '交办事项', querystring: ZAssignedMatterListQuery, response: { 200: ZAssignedMatterList } },
    (req) => listAssignedMatters(d, ctxOf(req), req.query),
  );
  route.patch(
    '/api/assigned-matters/:id',
    { permission: 'meeting:manage' },
    {
      summary: '修改或办结交办事项',
      params: ZIdParam,
      body: ZAssignedMatterUpdate,
      response: { 200: ZAssignedMatter },
    },
    (req) => updateAssignedMatter(d, ctxOf(req), req.params.id, req.body),
  );
}
