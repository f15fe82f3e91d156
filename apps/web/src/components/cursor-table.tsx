import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, Table, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { CursorPager, type CursorPages } from './cursor-pager.tsx';
import { ErrorAlert } from './error-alert.tsx';

interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/**
 * The list pages' table: the error with a retry, the rows of the current keyset page, an empty
 * state that says whether the filters or the data are empty, and the pager below.
 */
export function CursorTable<T extends { id: string }>(props: {
  list: UseQueryResult<Page<T>>;
  pages: CursorPages;
  columns: TableColumnsType<T>;
  /** Minimum table width before it scrolls sideways. */
  width: number;
  /** What the empty state says when filters are on, and when there is nothing at all. */
  empty: { filtered: boolean; whenFiltered: ReactNode; whenEmpty: ReactNode };
  onOpen?: (row: T) => void;
}) {
  const { list, pages, empty } = props;
  return (
    <>
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <Table<T>
        rowKey="id"
        size="middle"
        columns={props.columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: props.width }}
        onRow={props.onOpen ? (r) => ({ onClick: () => props.onOpen?.(r), style: { cursor: 'pointer' } }) : undefined}
        locale={{
          emptyText: list.isPending ? (
            ' '
          ) : (
            <Empty description={empty.filtered ? empty.whenFiltered : empty.whenEmpty} />
          ),
        }}
      />
      <CursorPager
        pages={pages}
        total={list.data?.total}
        nextCursor={list.data?.nextCursor}
        loading={list.isFetching}
      />
    </>
  );
}
