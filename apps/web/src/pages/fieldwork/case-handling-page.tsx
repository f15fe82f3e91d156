import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { CLUE_STATUS_LABELS, DISCIPLINE_LABELS, DISCIPLINES, type TClueStatus, type TDiscipline } from '@xc/domain';
import { Alert, Card, Col, Row, Segmented, Space, Switch } from 'antd';
import { useSearchParams } from 'react-router';
import { fwk, listCaseClues, type TClueFilters, type TClueItem } from '../../api/fieldwork.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { useCursorPages } from '../../components/cursor-pager.tsx';
import { FilterSelect } from '../../components/filter-bar.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { FigureCard } from '../planning/shared.tsx';
import { ClueDrawer } from './clue-drawer.tsx';
import { ClueTotals, clueColumns } from './clue-register.tsx';
import { SelectableCursorTable } from './selectable-table.tsx';
import { isUuid, oneOf, toParams } from './shared.tsx';
import './fieldwork.css';

const HANDLER_STATUSES = ['transferred', 'disposing', 'resultIn', 'writtenOff'] as const;
type THandlerStatus = (typeof HANDLER_STATUSES)[number];

/**
 * 线索处置, for the case handler of the 纪委监委 or 组织部: only the clues transferred to its own
 * organization; it records the disposal and the result, due back within the feedback time limit.
 */
export default function CaseHandlingPage() {
  usePageMeta([]);
  const [params, setParams] = useSearchParams();
  const status = oneOf<THandlerStatus>(HANDLER_STATUSES, params.get('status'));
  const discipline = oneOf<TDiscipline>(DISCIPLINES, params.get('discipline'));
  const overdue = params.get('overdue') === 'true' ? ('true' as const) : undefined;
  const open = params.get('open');
  const filters: Omit<TClueFilters, 'receiver'> = { status, discipline, overdue };
  const write = (patch: Record<string, string | undefined>) =>
    setParams(toParams({ status, discipline, overdue, ...patch }));
  const filtered = !!(status || discipline || overdue);

  const figures = useQueries({
    queries: [{ status: 'transferred' as const }, { status: 'disposing' as const }, { overdue: 'true' as const }].map(
      (q) => ({
        queryKey: fwk.caseClues({ ...q, limit: 1 }),
        queryFn: ({ signal }: { signal: AbortSignal }) => listCaseClues({ ...q, limit: 1 }, signal),
      }),
    ),
  });
  const [waiting, disposing, late] = figures.map((f) => f.data?.total);

  const pages = useCursorPages(JSON.stringify(filters));
  const query = { ...filters, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: fwk.caseClues(query),
    queryFn: ({ signal }) => listCaseClues(query, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <div>
      <PageHeader title="线索处置" sub="巡察移交本单位的问题线索：录入处置方式，按时限反馈处置结果" />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={24} sm={8}>
          <FigureCard
            title="待处置"
            value={waiting}
            suffix="件"
            onClick={() => write({ status: 'transferred', discipline: undefined, overdue: undefined })}
          />
        </Col>
        <Col xs={24} sm={8}>
          <FigureCard
            title="处置中"
            value={disposing}
            suffix="件"
            onClick={() => write({ status: 'disposing', discipline: undefined, overdue: undefined })}
          />
        </Col>
        <Col xs={24} sm={8}>
          <FigureCard
            title="逾期未反馈"
            value={late}
            suffix="件"
            valueStyle={late ? { color: '#cf1322' } : undefined}
            onClick={() => write({ status: undefined, discipline: undefined, overdue: 'true' })}
          />
        </Col>
      </Row>
      {(late ?? 0) > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`有 ${late} 件线索已超过反馈时限，请尽快反馈处置结果`}
        />
      )}
      <Card>
        <Space wrap className="xc-filter-bar">
          <Segmented<THandlerStatus | 'all'>
            aria-label="处置状态"
            value={status ?? 'all'}
            onChange={(v) => write({ status: v === 'all' ? undefined : v })}
            options={[
              { value: 'all', label: '全部' },
              ...HANDLER_STATUSES.map((s) => ({ value: s, label: CLUE_STATUS_LABELS[s as TClueStatus] })),
            ]}
          />
          <FilterSelect
            label="纪律类别"
            value={discipline}
            onChange={(d) => write({ discipline: d })}
            options={DISCIPLINES.map((d) => ({ value: d, label: DISCIPLINE_LABELS[d] }))}
            width={120}
          />
          <Space size={4}>
            <Switch
              size="small"
              checked={!!overdue}
              onChange={(on) => write({ overdue: on ? 'true' : undefined })}
              aria-label="只看逾期未反馈"
            />
            <span>逾期未反馈</span>
          </Space>
          <ClueTotals data={list.data} />
        </Space>
        <SelectableCursorTable<TClueItem>
          list={list}
          pages={pages}
          columns={clueColumns({ withInspection: true, caseHandler: true })}
          width={1300}
          onOpen={(c) => setParams(toParams({ status, discipline, overdue, open: c.id }))}
          rowClassName={(c) => (c.feedbackColour === 'red' ? 'xc-fw-row-red' : '')}
          empty={{
            filtered,
            whenFiltered: '没有符合条件的线索',
            whenEmpty: '巡察尚未向本单位移交问题线索',
          }}
        />
      </Card>
      <ClueDrawer id={isUuid(open) ? open : null} onClose={() => write({ open: undefined })} caseHandler />
    </div>
  );
}
