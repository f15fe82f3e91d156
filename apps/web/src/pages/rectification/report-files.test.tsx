import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { TReportListOut } from '../../api/rectification.ts';
import { renderApp } from '../../test/render.tsx';
import { fakeServer, fakeUploads, meFixture, ok } from '../account/testing.ts';
import { ReportFiles } from './report-files.tsx';

/** The machine the tests share is slow: the first answer may take seconds to render. */
const SLOW = { timeout: 10_000 };

const REPORT = '0190a0a0-0000-7000-8000-0000000003a1';
const FILE_A = '0190a0a0-0000-7000-8000-0000000003a2';
const FILE_B = '0190a0a0-0000-7000-8000-0000000003a3';

type TReport = TReportListOut['items'][number];
const fileA = {
  id: FILE_A,
  name: '整改报告（盖章）.pdf',
  mime: 'application/pdf',
  size: 2048,
  uploadedAt: '2026-12-01T02:00:00.000Z',
};
const fileB = {
  id: FILE_B,
  name: '主要负责人签字页.pdf',
  mime: 'application/pdf',
  size: 3 * 1024 * 1024,
  uploadedAt: '2026-12-02T02:00:00.000Z',
};
const report = (over: Partial<TReport> = {}): TReport => ({
  id: REPORT,
  inspectionId: '0190a0a0-0000-7000-8000-0000000003a4',
  orgId: '0190a0a0-0000-7000-8000-0000000003a5',
  kind: 'rectificationReport',
  seq: null,
  title: '关于巡察整改情况的报告',
  content: '一、整改工作总体情况……',
  fileIds: [FILE_A],
  files: [fileA],
  status: 'draft',
  dueOn: '2027-01-24',
  submittedOn: null,
  enteredByOffice: false,
  version: 3,
  ...over,
});

let server: ReturnType<typeof fakeServer> | null = null;
// The upload goes through XMLHttpRequest (for its progress): the test holds it and answers by hand.
let xhr: ReturnType<typeof fakeUploads> | null = null;
afterEach(() => {
  server?.restore();
  xhr?.restore();
});
const sent = (method: string) => (server?.sent ?? []).filter((s) => s.method === method);

describe('ReportFiles (报告附件)', () => {
  it('lists the attachments, uploads with progress, and removes one only after confirming', async () => {
    server = fakeServer({
      'GET /api/auth/me': () => ok(meFixture({ permissions: ['self', 'rectification:read', 'rectification:write'] })),
      [`PATCH /api/rectification-reports/${REPORT}`]: () =>
        ok(report({ fileIds: [FILE_B], files: [fileB], version: 5 })),
    });
    xhr = fakeUploads();
    const { container } = renderApp(<ReportFiles report={report()} canWrite />);
    expect(await screen.findByText('整改报告（盖章）.pdf', {}, SLOW)).toBeTruthy();
    expect(screen.getByText(/2\.0 KB/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '下载整改报告（盖章）.pdf' })).toBeTruthy();

    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    const pdf = new File(['%PDF-1.7'], '主要负责人签字页.pdf', { type: 'application/pdf' });
    await userEvent.upload(input, pdf);
    await waitFor(() => expect(xhr?.uploads).toHaveLength(1), SLOW);
    const held = xhr?.uploads[0] as NonNullable<typeof xhr>['uploads'][number];
    expect(held.url).toBe(`/api/rectification-reports/${REPORT}/files`);
    expect(held.headers['idempotency-key']).toBeTruthy();
    expect(held.form.get('file')).toBeInstanceOf(File);
    expect((held.form.get('file') as File).name).toBe('主要负责人签字页.pdf');
    held.progress(2, 5);
    expect(await screen.findByText('正在上传：主要负责人签字页.pdf', {}, SLOW)).toBeTruthy();
    expect(await screen.findByText('40%', {}, SLOW)).toBeTruthy();
    held.answer(ok(report({ fileIds: [FILE_A, FILE_B], files: [fileA, fileB], version: 4 })));
    expect(await screen.findByText('主要负责人签字页.pdf', {}, SLOW)).toBeTruthy();
    expect(screen.queryByText(/正在上传/)).toBeNull();
    expect(screen.getByText(/3\.0 MB/)).toBeTruthy();

    // Removing asks first; cancelling sends nothing.
    await userEvent.click(screen.getByRole('button', { name: '删除整改报告（盖章）.pdf' }));
    const confirm = (await screen.findByText('删除附件“整改报告（盖章）.pdf”？', {}, SLOW)).closest(
      '.ant-popover',
    ) as HTMLElement;
    await userEvent.click(within(confirm).getByRole('button', { name: '取消' }));
    expect(sent('PATCH')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: '删除整改报告（盖章）.pdf' }));
    const again = (await screen.findAllByText('删除附件“整改报告（盖章）.pdf”？', {}, SLOW))
      .map((t) => t.closest('.ant-popover') as HTMLElement)
      .find((p) => !p.classList.contains('ant-popover-hidden')) as HTMLElement;
    await userEvent.click(within(again).getByRole('button', { name: '删除' }));
    // Saved under the version the upload answered, without the removed file.
    await waitFor(() => expect(sent('PATCH')).toHaveLength(1), SLOW);
    expect(sent('PATCH')[0]?.body).toEqual({ version: 4, fileIds: [FILE_B] });
    await waitFor(() => expect(screen.queryByText('整改报告（盖章）.pdf')).toBeNull(), SLOW);
  }, 120_000);

  it('offers downloads only once the report is in review, and says when there is none', async () => {
    server = fakeServer({
      'GET /api/auth/me': () => ok(meFixture({ permissions: ['self', 'rectification:read', 'rectification:write'] })),
    });
    const { unmount } = renderApp(<ReportFiles report={report({ status: 'inReview' })} canWrite />);
    expect(await screen.findByText('整改报告（盖章）.pdf', {}, SLOW)).toBeTruthy();
    expect(screen.getByRole('button', { name: '下载整改报告（盖章）.pdf' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /上传附件/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /删除/ })).toBeNull();
    unmount();
    renderApp(<ReportFiles report={report({ fileIds: [], files: [] })} canWrite={false} />);
    expect(await screen.findByText('暂无附件', {}, SLOW)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /上传附件/ })).toBeNull();
  }, 120_000);
});
