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
import { ctxOf } from '../../platform/auth.ts';
import { routesOf, ZIdParam } from '../../platform/routes.ts';
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

const ZKindParam = ZIdParam.extend({ kind: ZDualReportKind });

/**
 * 专项整治 (campaigns, their reports and ledger) and 双报告一报备 of authorized inspections. Each
 * service checks the caller's reach first: out of reach answers 404; the county checking its own
 * filing answers 403.
 */
export async function governanceCampaignsRoutes(app: FastifyInstance): Promise<void> {
  const route = routesOf(app, ['governance']);
  const d = app.deps;
  const read = { permission: 'governance:read' as const };
  const manage = { permission: 'governance:manage' as const };
  const report = { permission: 'campaign:report' as const };
  const dualWrite = { permission: 'dualReport:write' as const };

  // ------------------------------------------------------------ campaigns (专项整治)
  route.get(
    '/api/campaigns',
    read,
    { summary: '专项整治列表', querystring: ZCampaignListQuery, response: { 200: ZCampaignList } },
    (req) => listCampaigns(d, ctxOf(req), req.query),
  );
  route.post(
    '/api/campaigns',
    manage,
    { summary: '发起专项整治', body: ZCampaignCreate, response: { 201: ZCampaign } },
    (req) => createCampaign(d, ctxOf(req), req.body),
  );
  route.get(
    '/api/campaigns/:id',
    read,
    { summary: '专项整治详情', params: ZIdParam, response: { 200: ZCampaign } },
    (req) => getCampaign(d, ctxOf(req), req.params.id),
  );
  route.patch(
    '/api/campaigns/:id',
    manage,
    { summary: '修改专项整治', params: ZIdParam, body: ZCampaignUpdate, response: { 200: ZCampaign } },
    (req) => updateCampaign(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/campaigns/:id/ledger',
    read,
    { summary: '专项整治台账', params: ZIdParam, response: { 200: ZCampaignLedgerOut } },
    async (req) => {
      const { campaign: _c, ...ledger } = await getCampaignLedger(d, ctxOf(req), req.params.id);
      return ledger;
    },
  );
  route.download(
    '/api/campaigns/:id/ledger.xlsx',
    read,
    { summary: '导出专项整治台账（.xlsx）', params: ZIdParam },
    (req) => campaignLedgerXlsx(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/campaigns/:id/reports',
    read,
    {
      summary: '专项整治报送记录',
      params: ZIdParam,
      querystring: ZCampaignReportListQuery,
      response: { 200: ZCampaignReportList },
    },
    (req) => listCampaignReports(d, ctxOf(req), req.params.id, req.query),
  );
  route.post(
    '/api/campaigns/:id/reports',
    report,
    { summary: '报送专项整治情况', params: ZIdParam, body: ZCampaignReport, response: { 201: ZCampaignReportOut } },
    (req) => createCampaignReport(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/my/campaigns',
    report,
    { summary: '本单位参加的专项整治', response: { 200: ZMyCampaignList } },
    (req) => myCampaigns(d, ctxOf(req)),
  );

  // ------------------------------------------------------------ dual reports (双报告一报备)
  route.get(
    '/api/dual-reports',
    read,
    { summary: '双报告一报备清单（授权巡察）', querystring: ZDualReportListQuery, response: { 200: ZDualReportList } },
    (req) => listDualReports(d, ctxOf(req), req.query),
  );
  route.get(
    '/api/inspections/:id/dual-report',
    read,
    { summary: '授权巡察的双报告一报备', params: ZIdParam, response: { 200: ZDualReportView } },
    (req) => getDualReport(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/inspections/:id/dual-report/files',
    dualWrite,
    { summary: '上传双报告一报备的文件（multipart，字段 file）', params: ZIdParam, response: { 201: ZGovernanceFile } },
    (req) => uploadDualReportFile(d, ctxOf(req), req.params.id, req),
  );
  route.download(
    '/api/inspections/:id/dual-report/:kind.docx',
    read,
    { summary: '生成双报告一报备文件（.docx，据巡察报告）', params: ZKindParam },
    (req) => dualReportDocx(d, ctxOf(req), req.params.id, req.params.kind),
  );
  route.put(
    '/api/inspections/:id/dual-report/:kind',
    dualWrite,
    {
      summary: '登记双报告一报备（县级巡察机构）',
      params: ZKindParam,
      body: ZDualReportRecordUpdate,
      response: { 200: ZDualReportView },
    },
    (req) => updateDualReportRecord(d, ctxOf(req), req.params.id, req.params.kind, req.body),
  );
  route.post(
    '/api/inspections/:id/dual-report/:kind/check',
    { permission: 'dualReport:check' },
    {
      summary: '审核双报告一报备（上级巡察机构）',
      params: ZKindParam,
      body: ZDualReportCheck,
      response: { 200: ZDualReportView },
    },
    (req) => checkDualReportRecord(d, ctxOf(req), req.params.id, req.params.kind, req.body),
  );
}
