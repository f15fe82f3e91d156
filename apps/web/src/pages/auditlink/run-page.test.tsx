import { screen, waitFor } from '@testing-library/react';
import type { TRun } from '@xc/domain';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { fail, fakeServer, meFixture, ok } from '../account/testing.ts';
import RunPage from './run-page.tsx';

const ID = '0190a0a0-0000-7000-8000-0000000000a1';

function run(over: Partial<TRun>): TRun {
  return {
    id: ID,
    inspectionId: '0190a0a0-0000-7000-8000-0000000000b1',
    rule: 'deceasedRecipients',
    ruleName: '向已死亡人员发放',
    templateVersion: 1,
    inputs: {
      payments: [{ datasetId: 'd1', fileName: '2024年低保发放.csv', checksum: 'a'.repeat(64), columns: {} }],
    },
    params: {},
    status: 'queued',
    phase: null,
    progress: 0,
    hits: 0,
    invalidRows: 0,
    hitCounts: { open: 0, dismissed: 0, paper: 0, clue: 0 },
    sql: 'SELECT 1',
    inputChecksums: {},
    error: null,
    cancelRequested: false,
    createdById: 'u1',
    createdByName: '刘晓婷',
    createdAt: '2026-03-01T01:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    ...over,
  };
}

let server: ReturnType<typeof fakeServer> | null = null;
let restoreSpy: (() => void) | null = null;
afterEach(() => {
  restoreSpy?.();
  server?.restore();
});

describe('RunPage', () => {
  it('follows a working run with waiting reads, one per change, and stops reading once it has ended', async () => {
    const states = [
      run({ status: 'queued' }),
      run({ status: 'running', phase: 'loading', progress: 0.1 }),
      run({ status: 'running', phase: 'matching', progress: 0.55 }),
      run({ status: 'cancelled', cancelRequested: true, finishedAt: '2026-03-01T01:00:05.000Z' }),
    ];
    server = fakeServer({
      'GET /api/auth/me': () => ok(meFixture({ permissions: ['self', 'auditlink:read'] })),
      'GET /api/audit-link/rules': () => ok({ items: [] }),
      [`GET /api/audit-link/runs/${ID}`]: (_s, nth) => ok(states[Math.min(nth, states.length - 1)]),
    });
    // The fake server ignores query strings; the reads of the run are recorded with theirs.
    const reads: string[] = [];
    const fake = globalThis.fetch;
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://localhost');
      if (url.pathname === `/api/audit-link/runs/${ID}`) reads.push(url.search);
      return fake(input, init);
    }) as typeof fetch;
    restoreSpy = () => {
      globalThis.fetch = fake;
    };
    renderApp(
      <Routes>
        <Route path="/auditlink/runs/:id" element={<RunPage />} />
      </Routes>,
      { url: `/auditlink/runs/${ID}` },
    );
    expect(await screen.findByText('比对已取消，未保存结果')).toBeTruthy();
    // The first read answers at once; every read while the run works waits on the server.
    expect(reads).toEqual(['', '?waitMs=10000', '?waitMs=10000', '?waitMs=10000']);
    await new Promise((res) => setTimeout(res, 300));
    expect(reads).toHaveLength(4);
  });

  it('does not retry a failed waiting read in a tight loop', async () => {
    let reads = 0;
    server = fakeServer({
      'GET /api/auth/me': () => ok(meFixture({ permissions: ['self', 'auditlink:read'] })),
      'GET /api/audit-link/rules': () => ok({ items: [] }),
      [`GET /api/audit-link/runs/${ID}`]: (_s, nth) => {
        reads++;
        return nth === 0 ? ok(run({ status: 'running', phase: 'loading' })) : fail(500, 'INTERNAL', '服务器内部错误');
      },
    });
    renderApp(
      <Routes>
        <Route path="/auditlink/runs/:id" element={<RunPage />} />
      </Routes>,
      { url: `/auditlink/runs/${ID}` },
    );
    await waitFor(() => expect(reads).toBe(2));
    await new Promise((res) => setTimeout(res, 600));
    expect(reads).toBe(2);
  });

  it('shows the progress a waiting read brings', async () => {
    server = fakeServer({
      'GET /api/auth/me': () => ok(meFixture({ permissions: ['self', 'auditlink:read'] })),
      'GET /api/audit-link/rules': () => ok({ items: [] }),
      [`GET /api/audit-link/runs/${ID}`]: (_s, nth) =>
        ok(nth === 0 ? run({ status: 'queued' }) : run({ status: 'running', phase: 'matching', progress: 0.55 })),
    });
    renderApp(
      <Routes>
        <Route path="/auditlink/runs/:id" element={<RunPage />} />
      </Routes>,
      { url: `/auditlink/runs/${ID}` },
    );
    await waitFor(() => expect(screen.getByText('正在比对')).toBeTruthy());
    expect(screen.getByRole('progressbar', { name: '比对进度' }).getAttribute('aria-valuenow')).toBe('55');
  });
});
