import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { PAPER_STATUS_LABELS, RESPONSIBILITY_LABELS, type TPaperStatus, type TResponsibility } from '@xc/domain';
import { Button, Segmented, Steps, type TableColumnsType, Tag, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { fwk, listPapers, listPapersAwaitingMe, type TPaperFilters, type TPaperItem } from '../../api/fieldwork.ts';
import { usePermissions } from '../../api/hooks.ts';
import { useCursorPages } from '../../components/cursor-pager.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { PaperStatusTag, when } from './shared.tsx';

const STEP_OF: Record<TPaperStatus, number> = { draft: 0, deputyReview: 1, leaderReview: 2, signedOff: 3 };

/** The 三审 progress of one paper in a table row. */
function RowSteps({ status }: { status: TPaperStatus }) {
  return (
    <Steps
      size="small"
      progressDot
      current={STEP_OF[status]}
      status={status === 'signedOff' ? 'finish' : 'process'}
      items={[{ title: '撰写' }, { title: '副组长' }, { title: '组长' }, { title: '审定' }]}
      style={{ minWidth: 260 }}
    />
  );
}

function columns(withSteps: boolean): TableColumnsType<TPaperItem> {
  return [
    { title: '编号', dataIndex: 'number', width: 210 },
    {
      title: '问题标题',
      dataIndex: 'title',
      render: (v: string, p) => (
        <Link to={`/fieldwork/papers/${p.id}`} onClick={(e) => e.stopPropagation()}>
          {v}
        </Link>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: withSteps ? 300 : 110,
      render: (s: TPaperStatus) => (withSteps ? <RowSteps status={s} /> : <PaperStatusTag status={s} />),
    },
    {
      title: '责任类型',
      dataIndex: 'responsibility',
      width: 100,
      render: (r: TResponsibility) => RESPONSIBILITY_LABELS[r],
    },
    { title: '发现日期', dataIndex: 'foundOn', width: 110 },
    { title: '撰写人', dataIndex: 'authorName', width: 90, render: (v: string | null) => v ?? '—' },
    { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (v: string) => when(v) },
    {
      title: '问题',
      dataIndex: 'findingId',
      width: 100,
      render: (v: string | null, p) =>
        v ? <Tag color="green">已转为问题</Tag> : p.status === 'signedOff' ? <Tag color="gold">待转为问题</Tag> : '—',
    },
  ];
}

function PaperTable({ inspectionId, filters, empty }: { inspectionId: string; filters: TPaperFilters; empty: string }) {
  const navigate = useNavigate();
  const pages = useCursorPages(`${inspectionId}|${JSON.stringify(filters)}`);
  const query = { ...filters, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: fwk.papers(inspectionId, query),
    queryFn: ({ signal }) => listPapers(inspectionId, query, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <CursorTable<TPaperItem>
      list={list}
      pages={pages}
      columns={columns(true)}
      width={1300}
      onOpen={(p) => navigate(`/fieldwork/papers/${p.id}`)}
      empty={{ filtered: true, whenFiltered: empty, whenEmpty: empty }}
    />
  );
}

const VIEWS = ['all', 'awaitingMe', 'mine', 'draft', 'inReview', 'signedOff'] as const;
type TView = (typeof VIEWS)[number];
const VIEW_LABELS: Record<TView, string> = {
  all: '全部',
  awaitingMe: '待我审核',
  mine: '我撰写的',
  draft: '草稿',
  inReview: '审核中',
  signedOff: '已审定',
};

export function PapersTab({ inspectionId }: { inspectionId: string }) {
  const perms = usePermissions();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status') ?? params.get('view') ?? 'all';
  const view: TView = (VIEWS as readonly string[]).includes(raw) ? (raw as TView) : 'all';
  const setView = (v: TView) =>
    setParams(new URLSearchParams(v === 'all' ? { tab: 'papers' } : { tab: 'papers', view: v }));

  return (
    <>
      <div className="xc-toolbar">
        <Segmented<TView>
          aria-label="底稿范围"
          value={view}
          onChange={setView}
          options={VIEWS.filter((v) => v !== 'awaitingMe' || perms.has('paper:review')).map((v) => ({
            value: v,
            label: VIEW_LABELS[v],
          }))}
        />
        {perms.has('fieldwork:write') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate(`/fieldwork/inspections/${inspectionId}/papers/new`)}
          >
            撰写问题底稿
          </Button>
        )}
      </div>
      {view === 'inReview' ? (
        (['deputyReview', 'leaderReview'] as const).map((s) => (
          <div key={s} style={{ marginBottom: 16 }}>
            <Typography.Title level={5}>{PAPER_STATUS_LABELS[s]}中</Typography.Title>
            <PaperTable
              inspectionId={inspectionId}
              filters={{ status: s }}
              empty={`没有${PAPER_STATUS_LABELS[s]}中的底稿`}
            />
          </div>
        ))
      ) : (
        <PaperTable
          inspectionId={inspectionId}
          filters={
            view === 'awaitingMe'
              ? { pendingForMe: 'true' }
              : view === 'mine'
                ? { mine: 'true' }
                : view === 'all'
                  ? {}
                  : { status: view }
          }
          empty={
            view === 'all'
              ? '尚无问题底稿。一个问题写一份底稿，经副组长审核、组长审签后成为问题'
              : `没有${VIEW_LABELS[view]}的底稿`
          }
        />
      )}
    </>
  );
}

/** 待我审核 across every inspection the user works on (the workbench's landing). */
export function AwaitingMeList() {
  const navigate = useNavigate();
  const pages = useCursorPages('awaiting');
  const query = { limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: fwk.papers('awaiting-me', query),
    queryFn: ({ signal }) => listPapersAwaitingMe(query, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <CursorTable<TPaperItem>
      list={list}
      pages={pages}
      columns={columns(false)}
      width={1100}
      onOpen={(p) => navigate(`/fieldwork/papers/${p.id}`)}
      empty={{ filtered: false, whenFiltered: '', whenEmpty: '没有等待您审核的问题底稿' }}
    />
  );
}
