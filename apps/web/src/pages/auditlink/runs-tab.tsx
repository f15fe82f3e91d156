import { useQuery } from '@tanstack/react-query';
import { Progress, type TableColumnsType, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { alk, listRuns, type TRunOut } from '../../api/auditlink.ts';
import { useCursorPages } from '../../components/cursor-pager.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { RunStatusTag, runPath, when } from './shared.tsx';

/** The comparisons run on an inspection, newest first; one still working shows its progress. */
export function RunsTab({ inspectionId }: { inspectionId: string }) {
  const navigate = useNavigate();
  const pages = useCursorPages(inspectionId);
  const list = useQuery({
    queryKey: [...alk.runs(inspectionId), pages.cursor, pages.size],
    queryFn: ({ signal }) => listRuns(inspectionId, { limit: pages.size, cursor: pages.cursor }, signal),
    refetchInterval: (q) =>
      q.state.data?.items.some((r) => r.status === 'queued' || r.status === 'running') ? 1500 : false,
  });
  const columns: TableColumnsType<TRunOut> = [
    { title: '比对规则', dataIndex: 'ruleName' },
    {
      title: '数据表',
      render: (_, r) =>
        Object.values(r.inputs)
          .flat()
          .map((i) => i?.fileName)
          .join('；'),
      ellipsis: true,
    },
    {
      title: '状态',
      width: 160,
      render: (_, r) =>
        r.status === 'running' ? (
          <Progress percent={Math.round(r.progress * 100)} size="small" status="active" />
        ) : (
          <RunStatusTag status={r.status} />
        ),
    },
    {
      title: '疑点',
      width: 90,
      align: 'right',
      render: (_, r) => (r.status === 'done' ? r.hits.toLocaleString() : '—'),
    },
    {
      title: '待核实',
      width: 90,
      align: 'right',
      render: (_, r) =>
        r.status === 'done' ? (
          <Typography.Text type={r.hitCounts.open ? 'warning' : undefined}>{r.hitCounts.open}</Typography.Text>
        ) : (
          '—'
        ),
    },
    { title: '发起人', dataIndex: 'createdByName', width: 100 },
    { title: '发起时间', dataIndex: 'createdAt', width: 150, render: when },
  ];
  return (
    <CursorTable<TRunOut>
      list={list}
      pages={pages}
      columns={columns}
      onOpen={(r) => navigate(runPath(r.id))}
      empty={{
        filtered: false,
        whenFiltered: '',
        whenEmpty: '还没有比对记录：上传数据表后，在“比对规则”中选择规则开始比对',
      }}
    />
  );
}
