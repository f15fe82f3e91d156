import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.ts';
import { renderApp } from '../test/render.tsx';
import { useCursorPages } from './cursor-pager.tsx';
import { CursorTable } from './cursor-table.tsx';

interface Row {
  id: string;
  name: string;
}

const ALL: Row[] = ['甲', '乙', '丙', '丁', '戊'].map((name, i) => ({ id: `r${i + 1}`, name }));

/**
 * A keyset-paged list as the server answers it: `cursor` is the last id of the page before, and
 * `nextCursor` is null on the last page. Every call is recorded.
 */
function fakeServer() {
  const calls: { kind: string; cursor: string | undefined; limit: number }[] = [];
  const list = vi.fn(async (q: { kind: string; cursor: string | undefined; limit: number }) => {
    calls.push(q);
    const rows = ALL.filter((r) => q.kind === 'all' || r.name === q.kind);
    const from = q.cursor ? rows.findIndex((r) => r.id === q.cursor) + 1 : 0;
    const items = rows.slice(from, from + q.limit);
    const last = items.at(-1);
    return { items, total: rows.length, nextCursor: last && from + q.limit < rows.length ? last.id : null };
  });
  return { list, calls };
}

function Page({ server, initialKind = 'all' }: { server: ReturnType<typeof fakeServer>; initialKind?: string }) {
  const [kind, setKind] = useState(initialKind);
  const pages = useCursorPages(kind, 2);
  const q = { kind, cursor: pages.cursor, limit: pages.size };
  const list = useQuery({ queryKey: ['rows', q], queryFn: () => server.list(q), placeholderData: keepPreviousData });
  return (
    <>
      <button type="button" onClick={() => setKind(kind === 'all' ? '丙' : 'all')}>
        换筛选
      </button>
      <CursorTable<Row>
        list={list}
        pages={pages}
        columns={[{ title: '名称', dataIndex: 'name' }]}
        width={400}
        empty={{ filtered: kind !== 'all', whenFiltered: '没有符合条件的记录', whenEmpty: '暂无记录' }}
      />
    </>
  );
}

const rows = () => [...document.querySelectorAll('.ant-table-tbody tr.ant-table-row')].map((tr) => tr.textContent);
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
const shows = async (names: string[], page: string) => {
  await waitFor(() => expect(rows()).toEqual(names));
  expect(screen.getByText(page)).toBeTruthy();
};

describe('CursorTable and its pager', () => {
  it('follows nextCursor forward and the stack of cursors back', async () => {
    const server = fakeServer();
    renderApp(<Page server={server} />);
    await shows(['甲', '乙'], '第 1 / 3 页');
    expect(screen.getByText('共 5 条')).toBeTruthy();
    expect(button('上一页').disabled).toBe(true);

    await userEvent.click(button('下一页'));
    await shows(['丙', '丁'], '第 2 / 3 页');
    await userEvent.click(button('下一页'));
    await shows(['戊'], '第 3 / 3 页');
    // The last page's nextCursor is null: there is nowhere further to go.
    expect(button('下一页').disabled).toBe(true);
    expect(server.calls.map((c) => c.cursor)).toEqual([undefined, 'r2', 'r4']);

    await userEvent.click(button('上一页'));
    await shows(['丙', '丁'], '第 2 / 3 页');
    await userEvent.click(button('第一页'));
    await shows(['甲', '乙'], '第 1 / 3 页');
    // Going back reuses the cursors already seen rather than asking with new ones.
    expect(new Set(server.calls.map((c) => c.cursor))).toEqual(new Set([undefined, 'r2', 'r4']));
  });

  it('starts again at the first page when the filters change', async () => {
    const server = fakeServer();
    renderApp(<Page server={server} />);
    await shows(['甲', '乙'], '第 1 / 3 页');
    await userEvent.click(button('下一页'));
    await shows(['丙', '丁'], '第 2 / 3 页');
    await userEvent.click(screen.getByRole('button', { name: '换筛选' }));
    await shows(['丙'], '第 1 / 1 页');
    expect(server.calls.at(-1)).toEqual({ kind: '丙', cursor: undefined, limit: 2 });
  });

  it('starts again at the first page when the page size changes', async () => {
    const server = fakeServer();
    renderApp(<Page server={server} />);
    await shows(['甲', '乙'], '第 1 / 3 页');
    await userEvent.click(button('下一页'));
    await shows(['丙', '丁'], '第 2 / 3 页');
    await userEvent.click(screen.getByRole('combobox', { name: '每页条数' }));
    await userEvent.click(await screen.findByText('20 条/页', { selector: '.ant-select-item-option-content' }));
    await shows(['甲', '乙', '丙', '丁', '戊'], '第 1 / 1 页');
    expect(server.calls.at(-1)).toEqual({ kind: 'all', cursor: undefined, limit: 20 });
  });

  it('says whether the filters or the data are empty', async () => {
    const empty = { list: vi.fn(async () => ({ items: [], total: 0, nextCursor: null })), calls: [] };
    renderApp(<Page server={empty} initialKind="己" />);
    expect(await screen.findByText('没有符合条件的记录')).toBeTruthy();
  });

  it('shows a failed page with its request id and asks again on 重试', async () => {
    const server = fakeServer();
    let fail = true;
    const flaky = {
      ...server,
      list: vi.fn(async (q: { kind: string; cursor: string | undefined; limit: number }) => {
        if (fail) throw new ApiError(500, 'INTERNAL', '服务器内部错误，请稍后重试', 'req-9');
        return server.list(q);
      }),
    };
    renderApp(<Page server={flaky} />);
    expect(await screen.findByText('服务器内部错误，请稍后重试')).toBeTruthy();
    expect(screen.getByText('请求编号：req-9')).toBeTruthy();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: '重试' }));
    await shows(['甲', '乙'], '第 1 / 3 页');
  });
});
