import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, Table, type TableColumnsType, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { CursorPager, type CursorPages } from './cursor-pager.tsx';
import { ErrorAlert } from './error-alert.tsx';

interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/** What a table shows of its query besides the rows. */
type QueryState = Pick<UseQueryResult, 'error' | 'isFetching' | 'isPending' | 'refetch'>;

/** antd Table's own settings a page may add (row key, size, expandable rows, row events). */
type TableExtras<T> = Omit<TableProps<T>, 'columns' | 'dataSource' | 'loading' | 'locale'>;

/**
 * The rows one query answered: the error with a retry, the rows, and an empty state only once the
 * first answer is in (an empty table while loading reads as "there is nothing").
 */
export function QueryTable<T extends object>({
  query,
  rows,
  columns,
  empty,
  ...table
}: TableExtras<T> & {
  query: QueryState;
  rows: readonly T[];
  columns: TableColumnsType<T>;
  /** The empty state's words; an antd Empty is drawn around them unless a node is given. */
  empty: ReactNode;
}) {
  return (
    <>
      {query.error && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      <Table<T>
        rowKey="id"
        size="middle"
        pagination={false}
        {...table}
        columns={columns}
        dataSource={rows as T[]}
        loading={query.isFetching}
        locale={{
          emptyText: query.isPending ? ' ' : typeof empty === 'string' ? <Empty description={empty} /> : empty,
        }}
      />
    </>
  );
}

/**
 * The list pages' table: the rows of the current keyset page, an empty state that says whether the
 * filters or the data are empty, and the pager below.
 */
export function CursorTable<T extends object>({
  list,
  pages,
  width,
  empty,
  onOpen,
  ...table
}: Omit<TableExtras<T>, 'pagination' | 'scroll'> & {
  list: UseQueryResult<Page<T>>;
  pages: CursorPages;
  columns: TableColumnsType<T>;
  /** Minimum table width before it scrolls sideways. */
  width?: number;
  /**
   * What the empty state says when filters are on, and when there is nothing at all; `simple` draws
   * the small picture (a table in a side panel).
   */
  empty: { filtered: boolean; whenFiltered: ReactNode; whenEmpty: ReactNode; simple?: boolean };
  onOpen?: (row: T) => void;
}) {
  return (
    <>
      <QueryTable<T>
        query={list}
        rows={list.data?.items ?? []}
        scroll={width ? { x: width } : undefined}
        onRow={onOpen ? (r) => ({ onClick: () => onOpen(r), style: { cursor: 'pointer' } }) : undefined}
        {...table}
        empty={
          <Empty
            image={empty.simple ? Empty.PRESENTED_IMAGE_SIMPLE : undefined}
            description={empty.filtered ? empty.whenFiltered : empty.whenEmpty}
          />
        }
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
