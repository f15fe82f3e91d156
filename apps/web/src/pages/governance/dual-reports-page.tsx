import { DUAL_REPORT_KIND_LABELS, DUAL_REPORT_KINDS, type TDualReportKind } from '@xc/domain';
import { Card, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { type TDualReportFilters, type TDualReportItemOut, useDualReports } from '../../api/governance-archive.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { FilterSelect, ResetFiltersButton } from '../../components/filter-bar.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { isUuid, oneOf, toParams, useUrlFilters } from '../../components/url-filters.ts';
import { TermSelect } from '../fieldwork/shared.tsx';
import { stageLabel } from '../rectification/inspection-picker.tsx';
import { DualStateTag } from './dual-reports-tags.tsx';
import { emptyText } from './shared.tsx';

const KEYS = ['termId', 'state'] as const;
type ListFilters = Pick<TDualReportFilters, (typeof KEYS)[number]>;
const STATES = ['overdue', 'awaitingCheck', 'complete'] as const;
const STATE_OPTIONS = [
  { value: 'overdue' as const, label: '有逾期未报送' },
  { value: 'awaitingCheck' as const, label: '有待审核' },
  { value: 'complete' as const, label: '已全部审核' },
];

function read(p: URLSearchParams): ListFilters {
  return {
    termId: isUuid(p.get('termId')) ? (p.get('termId') as string) : undefined,
    state: oneOf(STATES, p.get('state')),
  };
}
const write = (f: ListFilters) => toParams(f, KEYS);

/** The short column titles of the three records. */
const SHORT: Record<TDualReportKind, string> = {
  countyCommittee: '报县级党委',
  sectorDepartment: '报市级主管部门',
  cityOffice: '报备市委巡察办',
};

const columns: TableColumnsType<TDualReportItemOut> = [
  {
    title: '巡察',
    key: 'name',
    ellipsis: true,
    render: (_v, r) => (
      <>
        {r.inspectionName}
        <br />
        <Typography.Text type="secondary">{r.authorityName}</Typography.Text>
      </>
    ),
  },
  { title: '阶段', key: 'stage', width: 100, render: (_v, r) => <Tag color="blue">{stageLabel(r.stage)}</Tag> },
  {
    title: '听取汇报',
    dataIndex: 'anchor',
    width: 110,
    render: (d: string | null) => d ?? <Typography.Text type="secondary">未听取</Typography.Text>,
  },
  ...DUAL_REPORT_KINDS.map((kind) => ({
    title: SHORT[kind],
    key: kind,
    width: 160,
    render: (_v: unknown, r: TDualReportItemOut) => {
      const item = r.items.find((i) => i.kind === kind);
      if (!item) return '—';
      return (
        <Space orientation="vertical" size={0}>
          <DualStateTag state={item.state} colour={item.colour} due={item.due} label={DUAL_REPORT_KIND_LABELS[kind]} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {item.on ? `${item.on} 报送` : item.due ? `时限 ${item.due}` : ''}
          </Typography.Text>
        </Space>
      );
    },
  })),
];

/**
 * 双报告一报备: every authorized inspection the caller's authorities carried out or authorized (the
 * city office sees its counties'), with the three records — to the county committee, to the city's
 * sector department, filed with the city office — as coloured states; a row opens the checklist.
 */
export default function DualReportsPage() {
  usePageMeta([]);
  const navigate = useNavigate();
  const { filters, pages, query, set, reset } = useUrlFilters(read, write);
  const list = useDualReports(query);
  const filtered = KEYS.some((k) => !!filters[k]);
  return (
    <div>
      <PageHeader
        title="双报告一报备"
        sub="授权巡察完成后，向县级党委和市级主管部门党组织报告巡察情况，并向市委巡察办报备"
      />
      <Card>
        <Space wrap className="xc-filter-bar" style={{ marginBottom: 16 }}>
          <TermSelect value={filters.termId} onChange={(termId) => set({ termId })} />
          <FilterSelect
            label="报送状态"
            value={filters.state}
            onChange={(state) => set({ state })}
            options={STATE_OPTIONS}
            width={160}
          />
          <ResetFiltersButton filtered={filtered} onReset={reset} />
        </Space>
        <CursorTable<TDualReportItemOut>
          list={list}
          pages={pages}
          rowKey="inspectionId"
          columns={columns}
          width={1100}
          onOpen={(r) => navigate(`/governance/dual-reports/${r.inspectionId}`)}
          empty={emptyText(
            { termId: filters.termId, others: !!filters.state },
            '没有符合条件的授权巡察',
            '暂无授权巡察',
          )}
        />
      </Card>
    </div>
  );
}
