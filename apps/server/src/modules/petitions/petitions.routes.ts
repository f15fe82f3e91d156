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
import { DOCX_MIME } from '../../platform/documents.ts';
import { fingerprintOf, IdempotencyCache, publicClientKey, publicRoute, Throttle } from '../../platform/public.ts';
import { sendDownload, XLSX_MIME } from '../../platform/spreadsheets.ts';
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

const ZIdParam = z.strictObject({ id: z.uuid({ message: '编号格式不正确' }) });
const ZCodeParam = z.strictObject({ code: z.string().max(20) });
const tags = ['petitions'];
const publicTags = ['public'];

/** 信访举报 and 码上巡: the team's inbox, the announcement and QR codes, and the public side. */
export async function petitionsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d = app.deps;
  // Petitions are confidential objects: a caller without the permission gets 404, not 403.
  const read = { permission: 'petition:read' as const, hideDenied: true };
  const handle = { permission: 'petition:handle' as const, hideDenied: true };
  const codes = { permission: 'publicCode:manage' as const };

  r.get(
    '/api/inspections/:id/announcement',
    {
      config: { permission: 'plan:read' },
      schema: { tags, summary: '巡察公告', params: ZIdParam, response: { 200: ZAnnouncement } },
    },
    (req) => getAnnouncement(d, ctxOf(req), req.params.id),
  );
  r.put(
    '/api/inspections/:id/announcement',
    {
      config: codes,
      schema: {
        tags,
        summary: '保存巡察公告',
        params: ZIdParam,
        body: ZAnnouncementUpdate,
        response: { 200: ZAnnouncement },
      },
    },
    (req) => putAnnouncement(d, ctxOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/inspections/:id/public-codes',
    {
      config: codes,
      schema: {
        tags,
        summary: '码上巡二维码（每个被巡察单位一个）',
        params: ZIdParam,
        response: { 200: ZPublicCodeList },
      },
    },
    async (req) => ({ items: await listCodes(d, ctxOf(req), req.params.id) }),
  );
  r.patch(
    '/api/public-codes/:code',
    {
      config: codes,
      schema: {
        tags,
        summary: '开启或关闭二维码',
        params: ZCodeParam,
        body: ZPublicCodeUpdate,
        response: { 200: ZPublicCode },
      },
    },
    (req) => setCodeOpen(d, ctxOf(req), req.params.code, req.body.open),
  );
  r.get(
    '/api/public-codes/:code/qr.png',
    { config: codes, schema: { tags, summary: '二维码图片', params: ZCodeParam } },
    async (req, reply) => {
      const png = await codePng(d, ctxOf(req), req.params.code);
      return reply.header('content-type', 'image/png').header('cache-control', 'private, no-store').send(png);
    },
  );
  r.get(
    '/api/public-codes/:code/poster.docx',
    {
      config: { ...codes, reauth: true },
      schema: { tags, summary: '巡察公告海报（A4，含二维码）', params: ZCodeParam },
    },
    async (req, reply) => {
      const f = await posterDocx(d, ctxOf(req), req.params.code);
      return sendDownload(reply, DOCX_MIME, f.name, f.buf);
    },
  );
  r.get(
    '/api/public-codes/:code/poster',
    {
      config: { ...codes, reauth: true },
      schema: {
        tags,
        summary: '巡察公告海报的内容（浏览器据此绘制 A4 图片）',
        params: ZCodeParam,
        response: { 200: ZPoster },
      },
    },
    (req) => posterContent(d, ctxOf(req), req.params.code, 'png'),
  );

  r.get(
    '/api/petitions',
    {
      config: read,
      schema: { tags, summary: '信访件列表', querystring: ZPetitionListQuery, response: { 200: ZPetitionList } },
    },
    (req) => listPetitions(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/petitions/export.xlsx',
    {
      config: { ...read, reauth: true },
      schema: {
        tags,
        summary: '导出信访台账（不含实名信息）',
        querystring: ZPetitionListQuery.omit({ limit: true, cursor: true }),
      },
    },
    async (req, reply) => {
      const f = await ledgerXlsx(d, ctxOf(req), req.query);
      return sendDownload(reply, XLSX_MIME, f.name, f.buf);
    },
  );
  r.get(
    '/api/petitions/:id',
    { config: read, schema: { tags, summary: '信访件详情', params: ZIdParam, response: { 200: ZPetition } } },
    (req) => getPetition(d, ctxOf(req), req.params.id),
  );
  r.post(
    '/api/inspections/:id/petitions',
    {
      config: handle,
      schema: {
        tags,
        summary: '登记来信、来电、来访',
        params: ZIdParam,
        body: ZPetitionRegister,
        response: { 201: ZPetition },
      },
    },
    async (req, reply) => reply.status(201).send(await registerPetition(d, ctxOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/petitions/:id/triage',
    {
      config: handle,
      schema: {
        tags,
        summary: '分办：受理、转交或办结',
        params: ZIdParam,
        body: ZPetitionTriage,
        response: { 200: ZPetition },
      },
    },
    (req) => triagePetition(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/petitions/:id/replies',
    {
      config: handle,
      schema: { tags, summary: '答复信访人', params: ZIdParam, body: ZPetitionReply, response: { 201: ZPetition } },
    },
    async (req, reply) => reply.status(201).send(await replyPetition(d, ctxOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/petitions/:id/identity',
    {
      config: { permission: 'petition:identity', hideDenied: true, reauth: true },
      schema: {
        tags,
        summary: '查看实名举报人身份（需再次验证，留痕）',
        params: ZIdParam,
        response: { 200: ZPetitionIdentity },
      },
    },
    (req) => revealIdentity(d, ctxOf(req), req.params.id),
  );
  r.get(
    '/api/petition-files/:id',
    { config: read, schema: { tags, summary: '下载信访附件', params: ZIdParam } },
    async (req, reply) => {
      const f = await petitionFile(d, ctxOf(req), req.params.id);
      // Served as what its bytes are, never inline: a file cannot become a page of this origin.
      return sendDownload(reply, f.mime, f.name, f.data)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store');
    },
  );

  // ---------------------------------------------------------------- public (no session)
  const pub = publicRoute(d.config.publicRateLimitPerMinute);
  const uploads = { maxBytes: d.config.publicUploadMaxBytes, clamdSocket: d.config.clamdSocket };
  const throttles: PublicThrottles = {
    reports: new Throttle(d.shared, 'petitions:reports', 10, 60 * 60_000),
    wrongReceipts: new Throttle(d.shared, 'petitions:wrongReceipts', 5, 15 * 60_000),
  };
  const reportsOnce = new IdempotencyCache<{ receipt: string }>(d.shared, d.keys.tokenKey);
  const followUpsOnce = new IdempotencyCache<TPublicReportView>(d.shared, d.keys.tokenKey);

  r.get(
    '/api/public/codes/:code',
    {
      config: pub,
      schema: { tags: publicTags, summary: '扫码落地页', params: ZCodeParam, response: { 200: ZPublicLanding } },
    },
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
  r.post(
    '/api/public/receipts',
    {
      config: pub,
      schema: {
        tags: publicTags,
        summary: '凭查询码查看办理情况',
        body: ZReceiptLookup,
        response: { 200: ZPublicReportView },
      },
    },
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
