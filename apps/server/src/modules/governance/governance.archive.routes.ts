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
import { ctxOf } from '../../platform/auth.ts';
import { routesOf, ZIdParam } from '../../platform/routes.ts';
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

/**
 * 档案: filing a published inspection, the items and their catalogue, a filed file, borrowing.
 * Filing needs governance:manage on the inspection's authority as well (checked in the service);
 * a filed file is read by the office (archive:read) or through an open loan (archive:borrow).
 */
export async function governanceArchiveRoutes(app: FastifyInstance): Promise<void> {
  const route = routesOf(app, ['governance']);
  const d = app.deps;
  const read = { permission: 'archive:read' as const };
  const borrow = { permission: 'archive:borrow' as const };

  route.get(
    '/api/archive/inspections',
    read,
    { summary: '可归档及已归档的巡察', querystring: ZArchiveCandidateQuery, response: { 200: ZArchiveCandidateList } },
    (req) => listArchiveCandidates(d, ctxOf(req), req.query),
  );
  route.post(
    '/api/inspections/:id/archive',
    read,
    { summary: '巡察归档（文书档案、业务档案）', params: ZIdParam, response: { 200: ZArchiveFilingResult } },
    (req) => fileInspection(d, ctxOf(req), req.params.id),
  );
  route.get(
    '/api/archive/items',
    read,
    { summary: '档案条目', querystring: ZArchiveListQuery, response: { 200: ZArchiveItemList } },
    (req) => listArchiveItems(d, ctxOf(req), req.query),
  );
  route.upload(
    '/api/archive/items/:id/file',
    { ...borrow, reauth: true },
    { summary: '查阅档案文件（留痕）', params: ZIdParam },
    (req) => readArchiveItemFile(d, ctxOf(req), req.params.id),
  );
  route.download(
    '/api/archive/catalogue.xlsx',
    { ...read, reauth: true },
    { summary: '导出档案目录（.xlsx）', querystring: ZArchiveCatalogueQuery },
    (req) => archiveCatalogueXlsx(d, ctxOf(req), req.query),
  );
  route.post(
    '/api/archive/borrows',
    borrow,
    { summary: '申请借阅档案', body: ZArchiveBorrow, response: { 201: ZArchiveBorrowRecord } },
    (req) => requestBorrow(d, ctxOf(req), req.body),
  );
  route.get(
    '/api/archive/borrows',
    borrow,
    { summary: '档案借阅申请', querystring: ZArchiveBorrowListQuery, response: { 200: ZArchiveBorrowList } },
    (req) => listBorrows(d, ctxOf(req), req.query),
  );
  route.post(
    '/api/archive/borrows/:id/decide',
    { permission: 'archive:approve' },
    {
      summary: '审批借阅申请',
      params: ZIdParam,
      body: ZArchiveBorrowDecision,
      response: { 200: ZArchiveBorrowRecord },
    },
    (req) => decideBorrow(d, ctxOf(req), req.params.id, req.body),
  );
  route.post(
    '/api/archive/borrows/:id/return',
    borrow,
    {
      summary: '归还借阅的档案',
      params: ZIdParam,
      body: ZArchiveBorrowReturn,
      response: { 200: ZArchiveBorrowRecord },
    },
    (req) => returnBorrow(d, ctxOf(req), req.params.id, req.body),
  );
}
