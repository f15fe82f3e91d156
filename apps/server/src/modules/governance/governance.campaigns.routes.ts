import {
  ZCampaign,
  ZCampaignCreate,
  ZCampaignLedgerOut,
  ZCampaignList,
  ZCampaignListQuery,
  ZCampaignReport,
  ZCampaignReportList,
  ZCampaignReportListQuery,
  ZCampaignReportOut,
  ZCampaignUpdate,
  ZDualReportCheck,
  ZDualReportKind,
  ZDualReportList,
  ZDualReportListQuery,
  ZDualReportRecordUpdate,
  ZDualReportView,
  ZGovernanceFile,
  ZMyCampaignList,
} from '@xc/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { DOCX_MIME } from '../../platform/documents.ts';
import { sendDownload, XLSX_MIME } from '../../platform/spreadsheets.ts';
import {
  campaignLedgerXlsx,
  createCampaign,
  createCampaignReport,
  getCampaign,
  getCampaignLedger,
  listCampaignReports,
  listCampaigns,
  myCampaigns,
  updateCampaign,
} from './governance.campaigns.ts';
import {
  checkDualReportRecord,
  dualReportDocx,
  getDualReport,
  listDualReports,
  updateDualReportRecord,
  uploadDualReportFile,
} from './governance.dual-reports.ts';

const ZIdParam = z.strictObject({ id: z.uuid({ message: '编号格式不正确' }) });
const ZKindParam = z.strictObject({ id: z.uuid({ message: '编号格式不正确' }), kind: ZDualReportKind });
const tags = ['governance'];

/**
 * 专项整治 (campaigns, their reports and ledger) and 双报告一报备 of authorized inspections. Each
 * service checks the caller's reach first: out of reach answers 404; the county checking its own
 * filing answers 403.
 */
export async function governanceCampaignsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d = app.deps;

  // ------------------------------------------------------------ campaigns (专项整治)
  r.get(
    '/api/campaigns',
    {
      config: { permission: 'governance:read' },
      schema: { tags, summary: '专项整治列表', querystring: ZCampaignListQuery, response: { 200: ZCampaignList } },
    },
    (req) => listCampaigns(d, ctxOf(req), req.query),
  );
  r.post(
    '/api/campaigns',
    {
      config: { permission: 'governance:manage' },
      schema: { tags, summary: '发起专项整治', body: ZCampaignCreate, response: { 201: ZCampaign } },
    },
    async (req, reply) => reply.status(201).send(await createCampaign(d, ctxOf(req), req.body)),
  );
  r.get(
    '/api/campaigns/:id',
    {
      config: { permission: 'governance:read' },
      schema: { tags, summary: '专项整治详情', params: ZIdParam, response: { 200: ZCampaign } },
    },
    (req) => getCampaign(d, ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/campaigns/:id',
    {
      config: { permission: 'governance:manage' },
      schema: { tags, summary: '修改专项整治', params: ZIdParam, body: ZCampaignUpdate, response: { 200: ZCampaign } },
    },
    (req) => updateCampaign(d, ctxOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/campaigns/:id/ledger',
    {
      config: { permission: 'governance:read' },
      schema: { tags, summary: '专项整治台账', params: ZIdParam, response: { 200: ZCampaignLedgerOut } },
    },
    async (req) => {
      const { campaign: _c, ...ledger } = await getCampaignLedger(d, ctxOf(req), req.params.id);
      return ledger;
    },
  );
  r.get(
    '/api/campaigns/:id/ledger.xlsx',
    {
      config: { permission: 'governance:read' },
      schema: { tags, summary: '导出专项整治台账（.xlsx）', params: ZIdParam },
    },
    async (req, reply) => {
      const f = await campaignLedgerXlsx(d, ctxOf(req), req.params.id);
      return sendDownload(reply, XLSX_MIME, f.name, f.data);
    },
  );
  r.get(
    '/api/campaigns/:id/reports',
    {
      config: { permission: 'governance:read' },
      schema: {
        tags,
        summary: '专项整治报送记录',
        params: ZIdParam,
        querystring: ZCampaignReportListQuery,
        response: { 200: ZCampaignReportList },
      },
    },
    (req) => listCampaignReports(d, ctxOf(req), req.params.id, req.query),
  );
  r.post(
    '/api/campaigns/:id/reports',
    {
      config: { permission: 'campaign:report' },
      schema: {
        tags,
        summary: '报送专项整治情况',
        params: ZIdParam,
        body: ZCampaignReport,
        response: { 201: ZCampaignReportOut },
      },
    },
    async (req, reply) => reply.status(201).send(await createCampaignReport(d, ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/my/campaigns',
    {
      config: { permission: 'campaign:report' },
      schema: { tags, summary: '本单位参加的专项整治', response: { 200: ZMyCampaignList } },
    },
    (req) => myCampaigns(d, ctxOf(req)),
  );

  // ------------------------------------------------------------ dual reports (双报告一报备)
  r.get(
    '/api/dual-reports',
    {
      config: { permission: 'governance:read' },
      schema: {
        tags,
        summary: '双报告一报备清单（授权巡察）',
        querystring: ZDualReportListQuery,
        response: { 200: ZDualReportList },
      },
    },
    (req) => listDualReports(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/inspections/:id/dual-report',
    {
      config: { permission: 'governance:read' },
      schema: { tags, summary: '授权巡察的双报告一报备', params: ZIdParam, response: { 200: ZDualReportView } },
    },
    (req) => getDualReport(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/inspections/:id/dual-report/files',
    {
      config: { permission: 'dualReport:write' },
      schema: {
        tags,
        summary: '上传双报告一报备的文件（multipart，字段 file）',
        params: ZIdParam,
        response: { 201: ZGovernanceFile },
      },
    },
    async (req, reply) => reply.status(201).send(await uploadDualReportFile(d, ctxOf(req), req.params.id, req)),
  );
  r.get(
    '/api/inspections/:id/dual-report/:kind.docx',
    {
      config: { permission: 'governance:read' },
      schema: { tags, summary: '生成双报告一报备文件（.docx，据巡察报告）', params: ZKindParam },
    },
    async (req, reply) => {
      const f = await dualReportDocx(d, ctxOf(req), req.params.id, req.params.kind);
      return sendDownload(reply, DOCX_MIME, f.name, f.data);
    },
  );
  r.put(
    '/api/inspections/:id/dual-report/:kind',
    {
      config: { permission: 'dualReport:write' },
      schema: {
        tags,
        summary: '登记双报告一报备（县级巡察机构）',
        params: ZKindParam,
        body: ZDualReportRecordUpdate,
        response: { 200: ZDualReportView },
      },
    },
    (req) => updateDualReportRecord(d, ctxOf(req), req.params.id, req.params.kind, req.body),
  );
  r.post(
    '/api/inspections/:id/dual-report/:kind/check',
    {
      config: { permission: 'dualReport:check' },
      schema: {
        tags,
        summary: '审核双报告一报备（上级巡察机构）',
        params: ZKindParam,
        body: ZDualReportCheck,
        response: { 200: ZDualReportView },
      },
    },
    (req) => checkDualReportRecord(d, ctxOf(req), req.params.id, req.params.kind, req.body),
  );
}
