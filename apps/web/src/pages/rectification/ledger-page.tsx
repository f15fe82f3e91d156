import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  LEDGER_STATUS_LABELS,
  LEDGER_STATUSES,
  TASK_KIND_LABELS,
  TASK_KINDS,
  TASK_WARNINGS,
  type TLedgerStatus,
  type TTaskKind,
  type TTaskWarning,
} from '@xc/domain';
import { Button, Card, Space, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { exportLedger, listTasks, rk, type TTaskFilters, type TTaskItem } from '../../api/rectification.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { FilterSelect, ResetFiltersButton } from '../../components/filter-bar.tsx';
import { useExport } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { isUuid, oneOf, toParams, useUrlFilters } from '../../components/url-filters.ts';
import { TermSelect } from '../fieldwork/shared.tsx';
import { RectInspectionSelect } from './inspection-picker.tsx';
import { KindTag, LedgerStatusTag, useRectRoles, WarningTag } from './shared.tsx';
import { TaskDrawer } from './task-drawer.tsx';

const KEYS = ['termId', 'inspectionId', 'warning', 'status', 'kind', 'redCard', 'pendingExtension'] as const;
type LedgerFilters = Pick<TTaskFilters, (typeof KEYS)[number]>;

const flag = (v: string | null) => (v === 'true' ? ('true' as const) : undefined);

function read(p: URLSearchParams): LedgerFilters {
  return {
    termId: isUuid(p.get('termId')) ? (p.get('termId') as string) : undefined,
    inspectionId: isUuid(p.get('inspectionId')) ? (p.get('inspectionId') as string) : undefined,
    warning: oneOf<TTaskWarning>(TASK_WARNINGS, p.get('warning')),
    status: oneOf<TLedgerStatus>(LEDGER_STATUSES, p.get('status')),
    kind: oneOf<TTaskKind>(TASK_KINDS, p.get('kind')),
    redCard: flag(p.get('redCard')),
    pendingExtension: flag(p.get('pendingExtension')),
  };
}
const write = (f: LedgerFilters) => toParams(f, KEYS);

const WARNING_OPTIONS = [
  { value: 'red' as const, label: '红色预警' },
  { value: 'yellow' as const, label: '黄色预警' },
  { value: 'green' as const, label: '绿色' },
];

export function taskColumns(opts: { org: boolean }): TableColumnsType<TTaskItem> {
  const cols: TableColumnsType<TTaskItem> = [
    {
      title: '预警',
      key: 'warning',
      width: 100,
      render: (_, t) => <WarningTag warning={t.warning} daysLeft={t.workingDaysLeft} />,
    },
    ...(opts.org ? [{ title: '被巡察党组织', dataIndex: 'orgName', width: 180, ellipsis: true }] : []),
    { title: '反馈问题', dataIndex: 'findingTitle', width: 220, ellipsis: true },
    {
      title: '整改措施',
      dataIndex: 'measures',
      ellipsis: true,
      render: (m: string, t) => (
        <Space size={4}>
          {t.redCard && (
            <Tooltip title={`红牌：${t.redCard.reason}`}>
              <Tag color="red">红牌</Tag>
            </Tooltip>
          )}
          {t.pendingExtension && <Tag color="processing">延期待批</Tag>}
          <span>{m}</span>
        </Space>
      ),
    },
    { title: '类型', key: 'kind', width: 96, render: (_, t) => <KindTag kind={t.kind} /> },
    {
      title: '责任领导/部门',
      key: 'resp',
      width: 150,
      render: (_, t) => (
        <>
          {t.responsibleLeader}
          <br />
          <Typography.Text type="secondary">{t.responsibleDept}</Typography.Text>
        </>
      ),
    },
    {
      title: '整改时限',
      key: 'deadline',
      width: 120,
      render: (_, t) => (
        <>
          {t.deadline}
          {t.extensionCount > 0 && <div style={{ fontSize: 12, color: '#999' }}>延期{t.extensionCount}次</div>}
        </>
      ),
    },
    {
      title: '完成情况',
      key: 'status',
      width: 150,
      render: (_, t) => <LedgerStatusTag status={t.ledgerStatus} />,
    },
    { title: '佐证', dataIndex: 'evidenceCount', width: 64, align: 'right' },
  ];
  return cols;
}

/**
 * 整改台账 across inspections (the office), or the 红牌 list (`redCards`): filters in the URL, keyset
 * pages, the 预警 in colour, export of the current filters, a task opens in the drawer.
 */
export function LedgerView({ redCards = false }: { redCards?: boolean }) {
  const roles = useRectRoles();
  const { filters, pages, query, set, reset } = useUrlFilters(read, write);
  const q = redCards ? { ...query, redCard: 'true' as const } : query;
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: rk.tasks(q),
    queryFn: ({ signal }) => listTasks(q, signal),
    placeholderData: keepPreviousData,
  });
  const { limit: _l, cursor: _c, ...exportFilters } = q;
  const xlsx = useExport(() => exportLedger(exportFilters));
  const filtered = KEYS.some((k) => !!filters[k]);
  return (
    <div>
      <PageHeader
        title={redCards ? '红牌任务' : '整改台账'}
        sub={
          redCards
            ? '巡察办认定佐证材料敷衍、整改不实而亮红牌退回的整改任务'
            : '各被巡察党组织整改任务的完成情况、预警与销号（按工作日计算预警）'
        }
        extra={
          roles.exportLedger && (
            <Tooltip title="导出当前筛选结果（需再次确认身份）">
              <Button icon={<DownloadOutlined />} loading={xlsx.pending} onClick={() => void xlsx.run()}>
                导出台账
              </Button>
            </Tooltip>
          )
        }
      />
      <Card>
        <Space wrap className="xc-filter-bar" style={{ marginBottom: 16 }}>
          <TermSelect value={filters.termId} onChange={(termId) => set({ termId })} />
          <RectInspectionSelect
            value={filters.inspectionId}
            onChange={(inspectionId) => set({ inspectionId })}
            width={320}
          />
          <FilterSelect
            label="预警"
            value={filters.warning}
            onChange={(warning) => set({ warning })}
            options={WARNING_OPTIONS}
            width={120}
          />
          <FilterSelect
            label="完成情况"
            value={filters.status}
            onChange={(status) => set({ status })}
            options={LEDGER_STATUSES.map((s) => ({ value: s, label: LEDGER_STATUS_LABELS[s] }))}
            width={170}
          />
          <FilterSelect
            label="整改类型"
            value={filters.kind}
            onChange={(kind) => set({ kind })}
            options={TASK_KINDS.map((k) => ({ value: k, label: TASK_KIND_LABELS[k] }))}
            width={120}
          />
          {!redCards && (
            <FilterSelect
              label="红牌"
              value={filters.redCard}
              onChange={(redCard) => set({ redCard })}
              options={[{ value: 'true' as const, label: '仅看红牌任务' }]}
              width={140}
            />
          )}
          <FilterSelect
            label="延期"
            value={filters.pendingExtension}
            onChange={(pendingExtension) => set({ pendingExtension })}
            options={[{ value: 'true' as const, label: '有待审批的延期' }]}
            width={150}
          />
          <ResetFiltersButton filtered={filtered} onReset={reset} />
        </Space>
        <CursorTable<TTaskItem>
          list={list}
          pages={pages}
          columns={taskColumns({ org: true })}
          width={1300}
          onOpen={(t) => setOpen(t.id)}
          empty={{
            filtered,
            whenFiltered: '没有符合条件的整改任务',
            whenEmpty: redCards ? '暂无红牌任务' : '暂无整改任务',
          }}
        />
      </Card>
      <TaskDrawer taskId={open} onClose={() => setOpen(null)} />
    </div>
  );
}

export default function LedgerPage() {
  usePageMeta([]);
  return <LedgerView />;
}
