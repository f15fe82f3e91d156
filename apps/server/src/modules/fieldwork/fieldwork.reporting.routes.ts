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
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/auth.ts';
import { DOCX_MIME } from '../../platform/documents.ts';
import { caseHandlerClues, createClue, getClue, listClues, updateClue } from './fieldwork.clues.ts';
import { clueReportDocx, reportDocx, transferLetterDocx } from './fieldwork.documents.ts';
import { hidden, sendFile, tags, ZIdParam, ZVersionParam } from './fieldwork.http.ts';
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
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d = app.deps;

  // ------------------------------------------------------------ clues (问题线索): the most confidential
  r.get(
    '/api/clues',
    {
      config: hidden('clue:read'),
      schema: {
        tags,
        summary: '问题线索台账（件、人；本次查询留痕）',
        querystring: ZClueListQuery,
        response: { 200: ZClueList },
      },
    },
    (req) => listClues(d, ctxOf(req), req.query),
  );
  r.post(
    '/api/inspections/:id/clues',
    {
      config: hidden('clue:write'),
      schema: { tags, summary: '登记问题线索', params: ZIdParam, body: ZClueCreate, response: { 201: ZClue } },
    },
    async (req, reply) => reply.status(201).send(await createClue(d, ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/clues/:id',
    {
      config: hidden('clue:read'),
      schema: { tags, summary: '问题线索详情（留痕）', params: ZIdParam, response: { 200: ZClue } },
    },
    (req) => getClue(d, ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/clues/:id',
    {
      // The team edits its draft; the office sets the subjects' cadre levels before the transfer.
      config: hidden('clue:read'),
      schema: { tags, summary: '修改待移交的线索', params: ZIdParam, body: ZClueUpdate, response: { 200: ZClue } },
    },
    (req) => updateClue(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/clue-transfers',
    {
      config: hidden('clue:transfer'),
      schema: {
        tags,
        summary: '批量移交线索（Idempotency-Key）',
        body: ZClueTransferBatch,
        response: { 201: ZClueTransferBatchOut },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const out = await transferClues(d, ctxOf(req), req.body, typeof key === 'string' ? key : undefined);
      return reply.status(201).send(out);
    },
  );
  r.get(
    '/api/clue-transfers',
    {
      config: hidden('clue:transfer'),
      schema: {
        tags,
        summary: '线索移交批次',
        querystring: ZClueTransferBatchListQuery,
        response: { 200: ZClueTransferBatchList },
      },
    },
    (req) => listTransferBatches(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/clue-transfers/:id/letter.docx',
    {
      config: { ...hidden('clue:transfer'), reauth: true },
      schema: { tags, summary: '问题线索移交函（.docx）', params: ZIdParam },
    },
    async (req, reply) =>
      sendFile(reply, { mime: DOCX_MIME, ...(await transferLetterDocx(d, ctxOf(req), req.params.id)) }),
  );
  r.post(
    '/api/clues/:id/disposal',
    {
      config: hidden('clue:dispose'),
      schema: {
        tags,
        summary: '录入处置方式（线索处置人员）',
        params: ZIdParam,
        body: ZClueDisposalRecord,
        response: { 200: ZClue },
      },
    },
    (req) => disposeClue(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/clues/:id/result',
    {
      config: hidden('clue:dispose'),
      schema: {
        tags,
        summary: '反馈处置结果（线索处置人员）',
        params: ZIdParam,
        body: ZClueResultRecord,
        response: { 200: ZClue },
      },
    },
    (req) => recordClueResult(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/clues/:id/write-off',
    {
      config: hidden('clue:writeOff'),
      schema: { tags, summary: '线索销号（巡察办）', params: ZIdParam, body: ZClueWriteOff, response: { 200: ZClue } },
    },
    (req) => writeOffClue(d, ctxOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/case-handling/clues',
    {
      config: hidden('clue:dispose'),
      schema: {
        tags,
        summary: '移交本单位的线索（线索处置人员）',
        querystring: ZClueListQuery,
        response: { 200: ZClueList },
      },
    },
    (req) => caseHandlerClues(d, ctxOf(req), req.query),
  );

  // ------------------------------------------------------------ the report (巡察报告)
  r.get(
    '/api/inspections/:id/report',
    {
      config: hidden('report:read'),
      schema: {
        tags,
        summary: '巡察报告（当前版本、版本列表、主要问题提纲）',
        params: ZIdParam,
        response: { 200: ZReport },
      },
    },
    (req) => getReport(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/inspections/:id/report/versions',
    {
      config: hidden('report:write'),
      schema: {
        tags,
        summary: '保存报告（生成新版本）',
        params: ZIdParam,
        body: ZReportSave,
        response: { 201: ZReportVersion },
      },
    },
    async (req, reply) => reply.status(201).send(await saveReportVersion(d, ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/inspections/:id/report/versions/:n',
    {
      config: hidden('report:read'),
      schema: { tags, summary: '报告的某一版本', params: ZVersionParam, response: { 200: ZReportVersion } },
    },
    (req) => getReportVersion(d, ctxOf(req), req.params.id, req.params.n),
  );
  r.get(
    '/api/inspections/:id/report/diff',
    {
      config: hidden('report:read'),
      schema: {
        tags,
        summary: '比较报告的两个版本',
        params: ZIdParam,
        querystring: ZReportCompareQuery,
        response: { 200: ZReportDiff },
      },
    },
    (req) => reportDiff(d, ctxOf(req), req.params.id, req.query.from, req.query.to),
  );
  r.get(
    '/api/inspections/:id/report.docx',
    {
      config: { ...hidden('report:export'), reauth: true },
      schema: { tags, summary: '巡察报告（公文格式 .docx）', params: ZIdParam },
    },
    async (req, reply) => sendFile(reply, { mime: DOCX_MIME, ...(await reportDocx(d, ctxOf(req), req.params.id)) }),
  );
  r.get(
    '/api/inspections/:id/clue-report.docx',
    {
      config: { ...hidden('clue:read'), reauth: true },
      schema: { tags, summary: '问题线索报告（.docx）', params: ZIdParam },
    },
    async (req, reply) => sendFile(reply, { mime: DOCX_MIME, ...(await clueReportDocx(d, ctxOf(req), req.params.id)) }),
  );

  // ------------------------------------------------------------ meetings (会议) and 交办事项
  r.get(
    '/api/meetings',
    {
      config: { permission: 'meeting:read' },
      schema: { tags, summary: '会议列表', querystring: ZMeetingListQuery, response: { 200: ZMeetingList } },
    },
    (req) => listMeetings(d, ctxOf(req), req.query),
  );
  r.post(
    '/api/meetings',
    {
      config: { permission: 'meeting:manage' },
      schema: {
        tags,
        summary: '记录会议（含听取的巡察和交办事项）',
        body: ZMeetingCreate,
        response: { 201: ZMeeting },
      },
    },
    async (req, reply) => reply.status(201).send(await createMeeting(d, ctxOf(req), req.body)),
  );
  r.get(
    '/api/meetings/:id',
    {
      config: { permission: 'meeting:read' },
      schema: { tags, summary: '会议详情', params: ZIdParam, response: { 200: ZMeeting } },
    },
    (req) => getMeeting(d, ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/meetings/:id',
    {
      config: { permission: 'meeting:manage' },
      schema: { tags, summary: '修改会议', params: ZIdParam, body: ZMeetingUpdate, response: { 200: ZMeeting } },
    },
    (req) => updateMeeting(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/meetings/:id/assigned-matters',
    {
      config: { permission: 'meeting:manage' },
      schema: {
        tags,
        summary: '增加交办事项',
        params: ZIdParam,
        body: ZAssignedMatterIn,
        response: { 201: ZAssignedMatter },
      },
    },
    async (req, reply) => reply.status(201).send(await addAssignedMatter(d, ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/assigned-matters',
    {
      config: { permission: 'meeting:read' },
      schema: {
        tags,
        summary: '交办事项',
        querystring: ZAssignedMatterListQuery,
        response: { 200: ZAssignedMatterList },
      },
    },
    (req) => listAssignedMatters(d, ctxOf(req), req.query),
  );
  r.patch(
    '/api/assigned-matters/:id',
    {
      config: { permission: 'meeting:manage' },
      schema: {
        tags,
        summary: '修改或办结交办事项',
        params: ZIdParam,
        body: ZAssignedMatterUpdate,
        response: { 200: ZAssignedMatter },
      },
    },
    (req) => updateAssignedMatter(d, ctxOf(req), req.params.id, req.body),
  );
}
