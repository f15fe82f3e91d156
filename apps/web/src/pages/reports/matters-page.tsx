import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ASSIGNED_MATTER_STATUS_LABELS, ASSIGNED_MATTER_STATUSES, type TAssignedMatterStatus } from '@xc/domain';
import { Card, Space, Switch } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { fwk, listMatters, type TAssignedMatterOut, type TMatterFilters } from '../../api/fieldwork.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { useCursorPages } from '../../components/cursor-pager.tsx';
import { FilterSelect, ResetFiltersButton } from '../../components/filter-bar.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectableCursorTable } from '../fieldwork/selectable-table.tsx';
import { isUuid, oneOf, TermSelect, toParams } from '../fieldwork/shared.tsx';
import { useMatterColumns } from './matters.tsx';
import '../fieldwork/fieldwork.css';

/** 交办事项 of every meeting: who must do what by when, and what was done. */
export default function MattersPage() {
  usePageMeta([]);
  const [params, setParams] = useSearchParams();
  const termId = isUuid(params.get('termId')) ? (params.get('termId') as string) : undefined;
  const status = oneOf<TAssignedMatterStatus>(ASSIGNED_MATTER_STATUSES, params.get('status'));
  const overdue = params.get('overdue') === 'true' ? ('true' as const) : undefined;
  const filters: TMatterFilters = { termId, status, overdue };
  const filtered = !!(termId || status || overdue);
  const write = (patch: Record<string, string | undefined>) =>
    setParams(toParams({ termId, status, overdue, ...patch }));
  const pages = useCursorPages(JSON.stringify(filters));
  const query = { ...filters, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: fwk.matters(query),
    queryFn: ({ signal }) => listMatters(query, signal),
    placeholderData: keepPreviousData,
  });
  const { columns, modals } = useMatterColumns(true);
  return (
    <div>
      <PageHeader title="交办事项" sub="书记专题会、常委会等会议交办的事项，按时限督办，办结时写明办结情况" />
      <Card>
        <Space wrap className="xc-filter-bar">
          <TermSelect value={termId} onChange={(v) => write({ termId: v })} />
          <FilterSelect
            label="办理状态"
            value={status}
            onChange={(v) => write({ status: v })}
            options={ASSIGNED_MATTER_STATUSES.map((s) => ({ value: s, label: ASSIGNED_MATTER_STATUS_LABELS[s] }))}
            width={120}
          />
          <Space size={4}>
            <Switch
              size="small"
              checked={!!overdue}
              onChange={(on) => write({ overdue: on ? 'true' : undefined })}
              aria-label="只看逾期"
            />
            <span>逾期未办结</span>
          </Space>
          <ResetFiltersButton filtered={filtered} onReset={() => setParams(new URLSearchParams())} />
          <Link to="/reports/meetings">返回会议</Link>
        </Space>
        <SelectableCursorTable<TAssignedMatterOut>
          list={list}
          pages={pages}
          columns={columns}
          width={1100}
          rowClassName={(m) => (m.colour === 'red' ? 'xc-fw-row-red' : '')}
          empty={{ filtered, whenFiltered: '没有符合条件的交办事项', whenEmpty: '尚无交办事项' }}
        />
      </Card>
      {modals}
    </div>
  );
}
