import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../test/helpers.ts';
import { auditLog, inspectors, rectificationFiles, rectificationReports, teamMembers } from '../../db/schema/index.ts';
import { ok, onePagePdf } from './rectification.fixture.ts';
import { buildReviewOffice, type ReviewOffice } from './rectification.review.fixture.ts';

// A report's attachments (整改报告, 主要负责人组织落实情况报告, 持续整改进展报告): uploaded to the report
// while it is with the organization, read and sealed as task evidence is, downloaded through the
// module's file route under the same scope, removed by a PATCH of `fileIds`, shown to the reviewers.

let r: ReviewOffice;
beforeAll(async () => {
  r = await buildReviewOffice({ inspectors, teamMembers });
});
afterAll(async () => r.o.t.close());

const BOUNDARY = '----report';
function multipart(name: string, data: Buffer, extra: Record<string, string> = {}): Buffer {
  const fields = Object.entries(extra).map(
    ([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  return Buffer.concat([
    Buffer.from(fields.join('')),
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}
const headers = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };
const upload = (who: Session, reportId: string, name = '整改报告（盖章）.pdf', data = onePagePdf()) =>
  who.request('POST', `/api/rectification-reports/${reportId}/files`, multipart(name, data), headers);

async function draftReport() {
  const { o } = r;
  const s = await o.feedbackSite();
  await s.feedback();
  const rep = ok(
    await o.liaison.post(`/api/inspections/${s.inspectionId}/rectification-reports`, {
      kind: 'rectificationReport',
      title: '市财政局关于巡察整改情况的报告',
      content: '一、整改工作总体情况……',
    }),
  );
  return { s, rep: rep as { id: string; version: number } };
}

const reportRow = async (id: string) =>
  (await r.o.t.database.db.select().from(rectificationReports).where(eq(rectificationReports.id, id)))[0];
const reportFiles = async (inspectionId: string) =>
  r.o.t.database.db
    .select()
    .from(rectificationFiles)
    .where(and(eq(rectificationFiles.inspectionId, inspectionId), isNull(rectificationFiles.taskId)));
const uploadsAudited = async () =>
  (await r.o.t.database.db.select().from(auditLog).where(eq(auditLog.action, 'rectificationFile.upload'))).length;

describe('report attachments', () => {
  it('refuses no session (401), a team member (403), another organization (404) and bad files (400 / 415), writing nothing', async () => {
    const { o } = r;
    const { s, rep } = await draftReport();
    const url = `/api/rectification-reports/${rep.id}/files`;
    const before = await uploadsAudited();
    const anon = await o.t.app.inject({ method: 'POST', url, payload: multipart('a.pdf', onePagePdf()), headers });
    expect(anon.statusCode).toBe(401);
    expect((await upload(s.site.member, rep.id)).statusCode).toBe(403);
    expect((await upload(o.reviewer, rep.id)).statusCode).toBe(403);
    expect((await upload(o.otherLiaison, rep.id)).statusCode).toBe(404);
    expect((await upload(o.countyStaff, rep.id)).statusCode).toBe(404);
    expect((await upload(o.liaison, s.inspectionId)).statusCode).toBe(404);
    expect((await o.liaison.post('/api/rectification-reports/not-a-uuid/files', {})).statusCode).toBe(400);
    // Not multipart, no file, a field it does not take, an empty file.
    const json = await o.liaison.post(url, { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(json.json().message).toContain('multipart/form-data');
    const noFile = await o.liaison.request(
      'POST',
      url,
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--${BOUNDARY}--\r\n`),
      headers,
    );
    expect(noFile.statusCode).toBe(400);
    expect(
      (await o.liaison.request('POST', url, multipart('a.pdf', onePagePdf(), { description: '说明' }), headers))
        .statusCode,
    ).toBe(400);
    expect((await upload(o.liaison, rep.id, 'empty.pdf', Buffer.alloc(0))).statusCode).toBe(400);
    // Named .pdf, but its bytes are text: what the bytes are decides, not the name.
    const fake = await upload(o.liaison, rep.id, 'fake.pdf', Buffer.from('这不是PDF文件，只是文字。'.repeat(20)));
    expect(fake.statusCode, fake.body).toBe(415);
    expect(await reportFiles(s.inspectionId)).toHaveLength(0);
    expect(await reportRow(rep.id)).toMatchObject({ fileIds: [], version: rep.version });
    expect(await uploadsAudited()).toBe(before);
  });

  it('adds the file to the report for the liaison and the office, serves it within scope, and removes it by PATCH', async () => {
    const { o } = r;
    const { s, rep } = await draftReport();
    const res = await upload(o.liaison, rep.id);
    expect(res.statusCode, res.body).toBe(201);
    const first = res.json();
    expect(first).toMatchObject({ id: rep.id, version: rep.version + 1, status: 'draft' });
    expect(first.fileIds).toHaveLength(1);
    expect(first.files).toEqual([
      {
        id: first.fileIds[0],
        name: '整改报告（盖章）.pdf',
        mime: 'application/pdf',
        size: expect.any(Number),
        uploadedAt: expect.any(String),
      },
    ]);
    const fileId = first.fileIds[0] as string;
    // The office enters a paper attachment on the organization's behalf.
    const second = ok(await upload(o.staff, rep.id, '主要负责人签字页.pdf'));
    expect(second.files.map((f: { name: string }) => f.name)).toEqual(['整改报告（盖章）.pdf', '主要负责人签字页.pdf']);
    const rows = await reportFiles(s.inspectionId);
    expect(rows.map((f) => [f.orgId, f.onBehalf, f.uploadedByName]).sort()).toEqual(
      [
        [o.target, false, expect.any(String)],
        [o.target, true, '刘晓婷'],
      ].sort(),
    );
    // The list shows the attachments, for the organization and the office alike.
    const list = ok(await o.liaison.get(`/api/inspections/${s.inspectionId}/rectification-reports`));
    expect(list.items[0].files).toHaveLength(2);
    // Downloads through the module's file route: the own liaison and the office, no one else.
    const dl = await o.liaison.get(`/api/rectification-files/${fileId}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(dl.headers['content-disposition']).toContain('attachment');
    expect((await o.staff.get(`/api/rectification-files/${fileId}`)).statusCode).toBe(200);
    expect((await o.otherLiaison.get(`/api/rectification-files/${fileId}`)).statusCode).toBe(404);
    expect((await o.countyStaff.get(`/api/rectification-files/${fileId}`)).statusCode).toBe(404);
    const audit = await o.t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.objectId, fileId))
      .orderBy(auditLog.seq);
    // Each download is audited, and so is each refusal.
    expect(audit.map((a) => a.action)).toEqual([
      'rectificationFile.upload',
      'rectificationFile.read',
      'rectificationFile.read',
      'object.denied',
      'object.denied',
    ]);
    expect(audit[0]?.detail).toMatchObject({ reportId: rep.id, mime: 'application/pdf' });
    // Removing one: a PATCH of fileIds under the version read; an older version answers 409.
    expect(
      (await o.liaison.patch(`/api/rectification-reports/${rep.id}`, { version: first.version, fileIds: [] }))
        .statusCode,
    ).toBe(409);
    const kept = ok(
      await o.liaison.patch(`/api/rectification-reports/${rep.id}`, {
        version: second.version,
        fileIds: [second.fileIds[1]],
      }),
    );
    expect(kept.files.map((f: { name: string }) => f.name)).toEqual(['主要负责人签字页.pdf']);
  });

  it('takes no file once the report is in review, nor past twenty; concurrent uploads each land once or answer 409', async () => {
    const { o } = r;
    const { s, rep } = await draftReport();
    const [a, b] = await Promise.all([upload(o.liaison, rep.id, '一.pdf'), upload(o.liaison, rep.id, '二.pdf')]);
    const codes = [a.statusCode, b.statusCode];
    for (const c of codes) expect([201, 409]).toContain(c);
    const landed = codes.filter((c) => c === 201).length;
    expect((await reportRow(rep.id))?.fileIds).toHaveLength(landed);
    expect(await reportFiles(s.inspectionId)).toHaveLength(landed);
    // In review: the attachments are what the reviewers rate, and they see them.
    const cur = ok(await o.liaison.get(`/api/inspections/${s.inspectionId}/rectification-reports`)).items[0];
    const sent = ok(await o.liaison.post(`/api/rectification-reports/${rep.id}/submit`, { version: cur.version }));
    const before = await uploadsAudited();
    const late = await upload(o.liaison, rep.id, '补充.pdf');
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('联合会审');
    expect((await reportRow(rep.id))?.version).toBe(sent.version);
    expect(await reportFiles(s.inspectionId)).toHaveLength(landed);
    expect(await uploadsAudited()).toBe(before);
    const queue = ok(await o.reviewer.get('/api/joint-reviews/mine?limit=200'));
    const item = queue.items.find((i: { subjectId: string }) => i.subjectId === rep.id);
    const detail = ok(await o.reviewer.get(`/api/joint-reviews/${item.reviewId}`));
    expect(detail.report.files.map((f: { id: string }) => f.id).sort()).toEqual([...sent.fileIds].sort());
    // The reviewer downloads what it reviews.
    expect((await o.reviewer.get(`/api/rectification-files/${sent.fileIds[0]}`)).statusCode).toBe(200);

    // Twenty attachments is the most a report carries.
    const { rep: full } = await draftReport();
    const twenty = Array.from({ length: 20 }, () => crypto.randomUUID());
    await o.t.database.db
      .update(rectificationReports)
      .set({ fileIds: twenty })
      .where(eq(rectificationReports.id, full.id));
    const over = await upload(o.liaison, full.id);
    expect(over.statusCode).toBe(409);
    expect((await reportRow(full.id))?.fileIds).toEqual(twenty);
  });
});
