import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  LEDGER_STATUS_LABELS,
  LEDGER_STATUSES,
  REMINDER_KIND_LABELS,
  REMINDER_KINDS,
  TASK_WARNINGS,
  type TLedgerStatus,
  type TReminderKind,
  type TTaskWarning,
} from '@xc/domain';
import { Alert, Card, Space } from 'antd';
import { useState } from 'react';
import { getDigest, listTasks, rk, type TTaskFilters } from '../../api/rectification.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { FilterSelect, ResetFiltersButton } from '../../components/filter-bar.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { oneOf, toParams, useUrlFilters } from '../../components/url-filters.ts';
import { taskColumns } from './ledger-page.tsx';
import { TaskDrawer } from './task-drawer.tsx';

const KEYS = ['warning', 'status'] as const;
type MyFilters = Pick<TTaskFilters, (typeof KEYS)[number]>;
const read = (p: URLSearchParams): MyFilters => ({
  warning: oneOf<TTaskWarning>(TASK_WARNINGS, p.get('warning')),
  status: oneOf<TLedgerStatus>(LEDGER_STATUSES, p.get('status')),
});
const write = (f: MyFilters) => toParams(f, KEYS);

/** The reminder digest in one line: overdue, due tomorrow, due within 7 days, newly assigned. */
function DigestAlert() {
  const q = useQuery({ queryKey: rk.digest, queryFn: getDigest, staleTime: 5 * 60_000 });
  if (!q.data) return null;
  const total: Record<TReminderKind, number> = { overdue: 0, dueIn1: 0, dueIn7: 0, assigned: 0 };
  for (const g of q.data.groups) for (const k of REMINDER_KINDS) total[k] += g.counts[k] ?? 0;
  const parts = REMINDER_KINDS.filter((k) => total[k] > 0).map((k) => `${REMINDER_KIND_LABELS[k]} ${total[k]} 项`);
  if (parts.length === 0) return null;
  return (
    <Alert
      type={total.overdue > 0 ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 16 }}
      title={`整改提醒（${q.data.date}）：${parts.join('，')}`}
    />
  );
}

/**
 * 我的整改任务 (the inspected organization's liaison): the tasks of its own organization only — the
 * server answers no other — to report progress on, upload evidence for and ask extensions of.
 */
export default function MyTasksPage() {
  usePageMeta([]);
  const { filters, pages, query, set, reset } = useUrlFilters(read, write);
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: rk.tasks({ mine: true, ...query }),
    queryFn: ({ signal }) => listTasks(query, signal),
    placeholderData: keepPreviousData,
  });
  const filtered = KEYS.some((k) => !!filters[k]);
  return (
    <div>
      <PageHeader title="我的整改任务" sub="逐项报告整改进展、上传佐证材料；确需延期的，在整改时限届满前申请" />
      <DigestAlert />
      <Card>
        <Space wrap className="xc-filter-bar" style={{ marginBottom: 16 }}>
          <FilterSelect
            label="预警"
            value={filters.warning}
            onChange={(warning) => set({ warning })}
            options={[
              { value: 'red' as const, label: '红色预警' },
              { value: 'yellow' as const, label: '黄色预警' },
              { value: 'green' as const, label: '绿色' },
            ]}
            width={120}
          />
          <FilterSelect
            label="完成情况"
            value={filters.status}
            onChange={(status) => set({ status })}
            options={LEDGER_STATUSES.map((s) => ({ value: s, label: LEDGER_STATUS_LABELS[s] }))}
            width={170}
          />
          <ResetFiltersButton filtered={filtered} onReset={reset} />
        </Space>
        <CursorTable
          list={list}
          pages={pages}
          columns={taskColumns({ org: false })}
          width={1100}
          onOpen={(t) => setOpen(t.id)}
          empty={{ filtered, whenFiltered: '没有符合条件的整改任务', whenEmpty: '暂无整改任务' }}
        />
      </Card>
      <TaskDrawer taskId={open} onClose={() => setOpen(null)} />
    </div>
  );
}
