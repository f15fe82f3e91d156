import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { fakeServer, ok } from '../account/testing.ts';
import { AuditPurgeModal } from './audit-purge-modal.tsx';

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => server?.restore());

const SLOW = { timeout: 10_000 };
const posts = () => (server?.sent ?? []).filter((s) => s.method === 'POST').map((s) => s.body);

describe('AuditPurgeModal (清理过期审计日志)', () => {
  it('offers only days out of retention, says what cannot be undone and how the chain stays verifiable, then sends the day', async () => {
    server = fakeServer({
      'GET /api/audit/purge': () =>
        ok({
          retentionDays: 180,
          latestBefore: '2025-09-03',
          lastPurge: {
            throughSeq: 120,
            purgedRows: 120,
            cutoff: '2025-02-28T16:00:00.000Z',
            at: '2025-08-30T02:00:00.000Z',
            actorName: '周审计',
          },
        }),
      'POST /api/audit/purge': () => ok({ purgedRows: 38, throughSeq: 158, cutoff: '2025-09-02T16:00:00.000Z' }),
    });
    const onPurged = vi.fn();
    const onClose = vi.fn();
    renderApp(<AuditPurgeModal open onClose={onClose} onPurged={onPurged} />);
    expect(await screen.findByText('审计日志须保存 180 天，只能清理 2025年9月3日之前的日志', {}, SLOW)).toBeTruthy();
    expect(screen.getByText(/周审计清理了 120 条（至第 120 条）/)).toBeTruthy();

    // The picker opens on the latest day allowed; the next day is out of reach.
    await userEvent.click(screen.getByPlaceholderText('选择日期'));
    const cell = (title: string) => document.querySelector(`td[title="${title}"]`) as HTMLElement;
    await waitFor(() => expect(cell('2025-09-04')).toBeTruthy());
    expect(cell('2025-09-04').className).toContain('ant-picker-cell-disabled');
    expect(cell('2025-09-03').className).not.toContain('ant-picker-cell-disabled');
    await userEvent.click(within(cell('2025-09-01')).getByText('1'));

    await userEvent.click(screen.getByRole('button', { name: '清理' }));
    const [title] = await screen.findAllByText('确认清理过期审计日志', {}, SLOW);
    const dialog = title?.closest('.ant-modal') as HTMLElement;
    expect(within(dialog).getByText(/2025年9月1日之前的审计日志将从数据库中永久删除，无法撤销/)).toBeTruthy();
    expect(within(dialog).getByText(/哈希链仍可校验/)).toBeTruthy();
    expect(posts()).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: '确认清理' }));
    await waitFor(() => expect(posts()).toEqual([{ before: '2025-09-01' }]));
    await waitFor(() =>
      expect(onPurged).toHaveBeenCalledWith({
        purgedRows: 38,
        throughSeq: 158,
        cutoff: '2025-09-02T16:00:00.000Z',
        before: '2025-09-01',
      }),
    );
    expect(onClose).toHaveBeenCalled();
    expect(await screen.findByText('已清理 38 条过期审计日志', {}, SLOW)).toBeTruthy();
  }, 60_000);
});
