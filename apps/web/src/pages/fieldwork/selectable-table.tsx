import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, Table, type TableColumnsType, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { CursorPager, type CursorPages } from '../../components/cursor-pager.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';

interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/**
 * The house keyset table (components/cursor-table.tsx) with what the clue registers add: checkboxes
 * for a batch action and a row colour for overdue feedback.
 */
export function SelectableCursorTable<T extends { id: string }>(props: {
  list: UseQueryResult<Page<T>>;
  pages: CursorPages;
  columns: TableColumnsType<T>;
  width: number;
  empty: { filtered: boolean; whenFiltered: ReactNode; whenEmpty: ReactNode };
  onOpen?: (row: T) => void;
  rowSelection?: TableProps<T>['rowSelection'];
  rowClassName?: (row: T) => string;
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
        rowSelection={props.rowSelection}
        rowClassName={props.rowClassName}
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
