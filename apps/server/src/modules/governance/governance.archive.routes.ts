import {
  ZArchiveBorrow,
  ZArchiveBorrowDecision,
  ZArchiveBorrowList,
  ZArchiveBorrowListQuery,
  ZArchiveBorrowRecord,
  ZArchiveBorrowReturn,
  ZArchiveCandidateList,
  ZArchiveCandidateQuery,
  ZArchiveCatalogueQuery,
  ZArchiveFilingResult,
  ZArchiveItemList,
  ZArchiveListQuery,
} from '@xc/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/auth.ts';
import { sendDownload, XLSX_MIME } from '../../platform/spreadsheets.ts';
import {
  archiveCatalogueXlsx,
  decideBorrow,
  fileInspection,
  listArchiveCandidates,
  listArchiveItems,
  listBorrows,
  readArchiveItemFile,
  requestBorrow,
  returnBorrow,
} from './governance.archive.ts';

const ZIdParam = z.strictObject({ id: z.uuid({ message: '编号格式不正确' }) });
const tags = ['governance'];

/**
 * 档案: filing a published inspection, the items and their catalogue, a filed file, borrowing.
 * Filing needs governance:manage on the inspection's authority as well (checked in the service);
 * a filed file is read by the office (archive:read) or through an open loan (archive:borrow).
 */
export async function governanceArchiveRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d = app.deps;

  r.get(
    '/api/archive/inspections',
    {
      config: { permission: 'archive:read' },
      schema: {
        tags,
        summary: '可归档及已归档的巡察',
        querystring: ZArchiveCandidateQuery,
        response: { 200: ZArchiveCandidateList },
      },
    },
    (req) => listArchiveCandidates(d, ctxOf(req), req.query),
  );
  r.post(
    '/api/inspections/:id/archive',
    {
      config: { permission: 'archive:read' },
      schema: {
        tags,
        summary: '巡察归档（文书档案、业务档案）',
        params: ZIdParam,
        response: { 200: ZArchiveFilingResult },
      },
    },
    (req) => fileInspection(d, ctxOf(req), req.params.id),
  );
  r.get(
    '/api/archive/items',
    {
      config: { permission: 'archive:read' },
      schema: { tags, summary: '档案条目', querystring: ZArchiveListQuery, response: { 200: ZArchiveItemList } },
    },
    (req) => listArchiveItems(d, ctxOf(req), req.query),
  );
  r.get(
    '/api/archive/items/:id/file',
    {
      config: { permission: 'archive:borrow', reauth: true },
      schema: { tags, summary: '查阅档案文件（留痕）', params: ZIdParam },
    },
    async (req, reply) => {
      const f = await readArchiveItemFile(d, ctxOf(req), req.params.id);
      return sendDownload(reply, f.mime, f.name, f.data)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store');
    },
  );
  r.get(
    '/api/archive/catalogue.xlsx',
    {
      config: { permission: 'archive:read', reauth: true },
      schema: { tags, summary: '导出档案目录（.xlsx）', querystring: ZArchiveCatalogueQuery },
    },
    async (req, reply) => {
      const f = await archiveCatalogueXlsx(d, ctxOf(req), req.query);
      return sendDownload(reply, XLSX_MIME, f.name, f.data);
    },
  );
  r.post(
    '/api/archive/borrows',
    {
      config: { permission: 'archive:borrow' },
      schema: { tags, summary: '申请借阅档案', body: ZArchiveBorrow, response: { 201: ZArchiveBorrowRecord } },
    },
    async (req, reply) => reply.status(201).send(await requestBorrow(d, ctxOf(req), req.body)),
  );
  r.get(
    '/api/archive/borrows',
    {
      config: { permission: 'archive:borrow' },
      schema: {
        tags,
        summary: '档案借阅申请',
        querystring: ZArchiveBorrowListQuery,
        response: { 200: ZArchiveBorrowList },
      },
    },
    (req) => listBorrows(d, ctxOf(req), req.query),
  );
  r.post(
    '/api/archive/borrows/:id/decide',
    {
      config: { permission: 'archive:approve' },
      schema: {
        tags,
        summary: '审批借阅申请',
        params: ZIdParam,
        body: ZArchiveBorrowDecision,
        response: { 200: ZArchiveBorrowRecord },
      },
    },
    (req) => decideBorrow(d, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/archive/borrows/:id/return',
    {
      config: { permission: 'archive:borrow' },
      schema: {
        tags,
        summary: '归还借阅的档案',
        params: ZIdParam,
        body: ZArchiveBorrowReturn,
        response: { 200: ZArchiveBorrowRecord },
      },
    },
    (req) => returnBorrow(d, ctxOf(req), req.params.id, req.body),
  );
}
