import { LeftOutlined, RightOutlined, VerticalRightOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import { useState } from 'react';

export const PAGE_SIZES = [20, 50, 100] as const;

interface PagerState {
  key: string;
  size: number;
  /** cursors[i] fetches page i; page 0 has none. */
  cursors: (string | undefined)[];
  page: number;
}

/**
 * Keyset pagination for antd tables: a stack of cursors, one per page visited. `resetKey` is the
 * current filter set; changing it starts again at page 1.
 */
export function useCursorPages(resetKey: string, initialSize = 20) {
  const [s, setS] = useState<PagerState>({ key: resetKey, size: initialSize, cursors: [undefined], page: 0 });
  let state = s;
  if (s.key !== resetKey) {
    state = { key: resetKey, size: s.size, cursors: [undefined], page: 0 };
    setS(state);
  }
  return {
    page: state.page,
    size: state.size,
    cursor: state.cursors[state.page],
    next: (nextCursor: string) =>
      setS((p) => ({ ...p, cursors: [...p.cursors.slice(0, p.page + 1), nextCursor], page: p.page + 1 })),
    prev: () => setS((p) => ({ ...p, page: Math.max(0, p.page - 1) })),
    first: () => setS((p) => ({ ...p, page: 0 })),
    setSize: (size: number) => setS((p) => ({ ...p, size, cursors: [undefined], page: 0 })),
  };
}

export type CursorPages = ReturnType<typeof useCursorPages>;

export function CursorPager({
  pages,
  total,
  nextCursor,
  loading,
}: {
  pages: CursorPages;
  total: number | undefined;
  nextCursor: string | null | undefined;
  loading?: boolean;
}) {
  const pageCount = total === undefined ? undefined : Math.max(1, Math.ceil(total / pages.size));
  return (
    <div className="xc-pager">
      <Typography.Text type="secondary">共 {total ?? '—'} 条</Typography.Text>
      <Space size={4}>
        <Button
          size="small"
          icon={<VerticalRightOutlined />}
          disabled={pages.page === 0 || loading}
          onClick={pages.first}
          aria-label="第一页"
        />
        <Button
          size="small"
          icon={<LeftOutlined />}
          disabled={pages.page === 0 || loading}
          onClick={pages.prev}
          aria-label="上一页"
        >
          上一页
        </Button>
        <Typography.Text style={{ padding: '0 8px' }}>
          第 {pages.page + 1}
          {pageCount !== undefined && ` / ${pageCount}`} 页
        </Typography.Text>
        <Button
          size="small"
          disabled={!nextCursor || loading}
          onClick={() => nextCursor && pages.next(nextCursor)}
          aria-label="下一页"
        >
          下一页
          <RightOutlined />
        </Button>
      </Space>
      <Select
        size="small"
        value={pages.size}
        onChange={pages.setSize}
        options={PAGE_SIZES.map((n) => ({ value: n, label: `${n} 条/页` }))}
        style={{ width: 100 }}
        aria-label="每页条数"
      />
    </div>
  );
}
