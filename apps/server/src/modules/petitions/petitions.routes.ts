import {
  type TPublicReportView,
  ZAnnouncement,
  ZAnnouncementUpdate,
  ZPetition,
  ZPetitionIdentity,
  ZPetitionList,
  ZPetitionListQuery,
  ZPetitionRegister,
  ZPetitionReply,
  ZPetitionTriage,
  ZPoster,
  ZPublicCode,
  ZPublicCodeList,
  ZPublicCodeUpdate,
  ZPublicFollowUp,
  ZPublicLanding,
  ZPublicReportCreate,
  ZPublicReportView,
  ZReceiptIssued,
  ZReceiptLookup,
} from '@xc/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { fingerprintOf, IdempotencyCache, publicClientKey, publicRoute, Throttle } from '../../platform/public.ts';
import { routesOf, ZIdParam } from '../../platform/routes.ts';
import { jsonOrMultipartValidator, readSubmission } from '../../platform/uploads.ts';
import { getAnnouncement, listCodes, putAnnouncement, setCodeOpen } from './petitions.codes.ts';
import { codePng, ledgerXlsx, posterContent, posterDocx } from './petitions.documents.ts';
import { followUp, landing, lookupReceipt, type PublicThrottles, submitReport } from './petitions.public.ts';
import {
  getPetition,
  listPetitions,
  petitionFile,
  registerPetition,
  replyPetition,
  revealIdentity,
  triagePetition,
} from './petitions.service.ts';

const ZCodeParam = z.strictObject({ code: z.string().max(20) });
const publicTags = ['public'];

/** 信访举报 and 码上巡: the team's inbox, the announcement and QR codes, and the public side. */
export async function petitionsRoutes(app: FastifyInstance): Promise<void> {
  const route = routesOf(app, ['petitions']);
  const d = app.deps;
  // Petitions are confidential objects: a caller without the permission gets 404, not 403.
  const read = { permission: 'petition:read' as const, hideDenied: true };
  const handle = { permission: 'petition:handle' as const, hideDenied: true };
  const codes = { permission: 'publicCode:manage' as const };

  route.get(
    '/api/inspections/:id/announcement',
    { permission: 'plan:read' },
    { summary: '巡察公告', params: ZIdParam, response: { 200: ZAnnouncement } },
    (req) => getAnnouncement(d, ctxOf(req), req.params.id),
  );
  route.put(
    '/api/inspections/:id/announcement',
    codes,
    { summary: '保存巡察公告', params: ZIdParam, body: ZAnnouncementUpdate, response: { 200: ZAnnouncement } },
    (req) => putAnnouncement(d, ctxOf(req), req.params.id, req.body),
  );
  route.get(
    '/api/inspections/:id/public-codes',
    codes,
    { summary: '码上巡二维码（每个被巡察单位一个）', params: ZIdParam, response: { 200: ZPublicCodeList } },
    async (req) => ({ items: await listCodes(d, ctxOf(req), req.params.id) }),
  );
  route.patch(
    '/api/public-codes/:code',
    codes,
    { summary: '开启或关闭二维码', params: ZCodeParam, body: ZPublicCodeUpdate, response: { 200: ZPublicCode } },
    (req) => setCodeOpen(d, ctxOf(req), req.params.code, req.body.open),
  );
  route.image('/api/public-codes/:code/qr.png', codes, { summary: '二维码图片', params: ZCodeParam }, (req) =>
    codePng(d, ctxOf(req), req.params.code),
  );
  route.download(
    '/api/public-codes/:code/poster.docx',
    { ...codes, reauth: true },
    { summary: '巡察公告海报（A4，含二维码）', params: ZCodeParam },
    (req) => posterDocx(d, ctxOf(req), req.params.code),
  );
  route.get(
    '/api/public-codes/:code/poster',
    { ...codes, reauth: true },
    { summary: '巡察公告海报的内容（浏览器据此绘制 A4 图片）', params: ZCodeParam, response: { 200: ZPoster } },
    (req) => posterContent(d, ctxOf(req), req.params.code, 'png'),
  );

  route.get(
    '/api/petitions',
    read,
    { summary: '信访件列表', querystring: ZPetitionListQuery, response: { 200: ZPetitionList } },
    (req) => listPetitions(d, ctxOf(req), req.query),
  );
  route.download(
    '/api/petitions/export.xlsx',
    { ...read, reauth: true },
    { summary: '导出信访台账（不含实名信息）', querystring: ZPetitionListQuery.omit({ limit: true, cursor: true }) },
    (req) => ledgerXlsx(d, ctxOf(req), req.query),
  );
  route.get(
    '/api/petitions/:id',
    read,
    { summary: '信访件详情', params: ZIdParam, response: { 200: ZPetition } },
    (req) => getPetition(d, ctxOf(req), req.params.id),
  );
  route.post(
    '/api/inspections/:id/petitions',
    handle,
    { summary: '登记来信、来电、来访', params: ZIdParam, body: ZPetitionRegister, response: { 201: ZPetition } },
    (req) => registerPetition(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/petitions/:id/triage',
    handle,
    { summary: '分办：受理、转交或办结', params: ZIdParam, body: ZPetitionTriage, response: { 200: ZPetition } },
    (req) => triagePetition(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/petitions/:id/replies',
    handle,
    { summary: '答复信访人', params: ZIdParam, body: ZPetitionReply, response: { 201: ZPetition } },
    (req) => replyPetition(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/petitions/:id/identity',
    { permission: 'petition:identity', hideDenied: true, reauth: true },
    { summary: '查看实名举报人身份（需再次验证，留痕）', params: ZIdParam, response: { 200: ZPetitionIdentity } },
    (req) => revealIdentity(d, ctxOf(req), req.params.id),
  );
  route.upload('/api/petition-files/:id', read, { summary: '下载信访附件', params: ZIdParam }, (req) =>
    petitionFile(d, ctxOf(req), req.params.id),
  );

  // ---------------------------------------------------------------- public (no session)
  const publicRoutes = routesOf(app, publicTags);
  // The two submissions raise the body cap and take multipart: declared on the typed instance.
  const r = app.withTypeProvider<ZodTypeProvider>();
  const pub = publicRoute(d.config.publicRateLimitPerMinute);
  const uploads = { maxBytes: d.config.publicUploadMaxBytes, clamdSocket: d.config.clamdSocket };
  const throttles: PublicThrottles = {
    reports: new Throttle(d.shared, 'petitions:reports', 10, 60 * 60_000),
    wrongReceipts: new Throttle(d.shared, 'petitions:wrongReceipts', 5, 15 * 60_000),
  };
  const reportsOnce = new IdempotencyCache<{ receipt: string }>(d.shared, d.keys.tokenKey);
  const followUpsOnce = new IdempotencyCache<TPublicReportView>(d.shared, d.keys.tokenKey);

  publicRoutes.get(
    '/api/public/codes/:code',
    pub,
    { summary: '扫码落地页', params: ZCodeParam, response: { 200: ZPublicLanding } },
    (req) => landing(d, req.params.code),
  );
  r.post(
    '/api/public/codes/:code/reports',
    {
      config: pub,
      // Uploads raise the 1 MiB body cap; multipart streams are capped per file in readSubmission.
      bodyLimit: 1024 * 1024,
      validatorCompiler: jsonOrMultipartValidator,
      schema: {
        tags: publicTags,
        summary: '反映问题（JSON，或 multipart：data 字段为 JSON，files 为附件）',
        params: ZCodeParam,
        body: ZPublicReportCreate,
        response: { 201: ZReceiptIssued },
      },
    },
    async (req, reply) => {
      const { data, files } = await readSubmission(req, ZPublicReportCreate, uploads);
      const now = d.clock.now().getTime();
      const client = await publicClientKey(d, req, now);
      const fp = fingerprintOf([req.params.code, JSON.stringify(data), ...files.map((f) => f.data)]);
      const out = await reportsOnce.run(req, client, fp, now, () =>
        submitReport(d, throttles, client, req.params.code, data, files),
      );
      return reply.status(201).send(out);
    },
  );
  publicRoutes.post(
    '/api/public/receipts',
    pub,
    { summary: '凭查询码查看办理情况', body: ZReceiptLookup, response: { 200: ZPublicReportView } },
    async (req) =>
      lookupReceipt(d, throttles, await publicClientKey(d, req, d.clock.now().getTime()), req.body.receipt),
  );
  r.post(
    '/api/public/receipts/messages',
    {
      config: pub,
      validatorCompiler: jsonOrMultipartValidator,
      schema: {
        tags: publicTags,
        summary: '凭查询码补充反映（JSON，或 multipart：data 字段为 JSON，files 为附件）',
        body: ZPublicFollowUp,
        response: { 201: ZPublicReportView },
      },
    },
    async (req, reply) => {
      const { data, files } = await readSubmission(req, ZPublicFollowUp, uploads);
      const now = d.clock.now().getTime();
      const client = await publicClientKey(d, req, now);
      const fp = fingerprintOf([data.receipt, data.body, ...files.map((f) => f.data)]);
      const out = await followUpsOnce.run(req, client, fp, now, () =>
        followUp(d, throttles, client, data.receipt, data.body, files),
      );
      return reply.status(201).send(out);
    },
  );
}
