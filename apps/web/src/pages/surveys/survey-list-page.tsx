import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  SURVEY_KIND_LABELS,
  SURVEY_KINDS,
  SURVEY_STATUS_LABELS,
  SURVEY_STATUSES,
  type TSurveyKind,
  type TSurveyStatus,
} from '@xc/domain';
import { Button, Card, type TableColumnsType, Tag, Tooltip } from 'antd';
import { Link, useNavigate } from 'react-router';
import { usePermissions } from '../../api/hooks.ts';
import { getRoster } from '../../api/personnel.ts';
import { getInspection, getRound } from '../../api/planning.ts';
import { listSurveys, sk, type TSurveyFilters, type TSurveyItem } from '../../api/surveys.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { FilterBar, FilterSearch, FilterSelect } from '../../components/filter-bar.tsx';
import { optionsOf } from '../../components/options.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { keywordOf, oneOf, toParams, useUrlFilters } from '../../components/url-filters.ts';
import { targetSummary } from '../planning/shared.tsx';
import {
  readTargetParams,
  SurveyKindTag,
  SurveyStatusTag,
  TARGET_PARAMS,
  TARGET_TYPE_LABELS,
  type TargetParam,
  time,
} from './shared.tsx';

/** Links from an inspection or a round open the list narrowed to it. */
function readFilters(p: URLSearchParams): TSurveyFilters {
  return {
    q: keywordOf(p, 50),
    status: oneOf<TSurveyStatus>(SURVEY_STATUSES, p.get('status')),
    kind: oneOf<TSurveyKind>(SURVEY_KINDS, p.get('kind')),
    ...readTargetParams(p),
  };
}

const writeFilters = (f: TSurveyFilters): URLSearchParams => toParams(f, ['q', 'status', 'kind', ...TARGET_PARAMS]);

const TARGET_PARAM_LABELS: Record<TargetParam, string> = {
  inspectionId: '巡察任务',
  roundId: '巡察轮次',
  teamId: '巡察组',
};

/** The name of the target the list is narrowed to, for its tag. */
function useTargetName(k: TargetParam, id: string | undefined): string | undefined {
  const q = useQuery({
    queryKey: ['surveys', 'target-name', k, id],
    queryFn: async () => {
      if (!id) return '';
      if (k === 'inspectionId') return targetSummary((await getInspection(id)).targets);
      if (k === 'roundId') return (await getRound(id)).name;
      return (await getRoster(id)).teamName;
    },
    enabled: !!id,
    staleTime: 5 * 60_000,
    retry: false,
  });
  return q.data || undefined;
}

function TargetTag({ k, id, onClose }: { k: TargetParam; id: string; onClose: () => void }) {
  const name = useTargetName(k, id);
  return (
    <Tag color="blue" closable onClose={onClose}>
      {TARGET_PARAM_LABELS[k]}：{name ?? '…'}
    </Tag>
  );
}

export default function SurveyListPage() {
  usePageMeta([]);
  const { filters, pages, query, set: setFilter, bind, keyword, reset } = useUrlFilters(readFilters, writeFilters);
  const perms = usePermissions();
  const navigate = useNavigate();
  const canManage = perms.has('survey:manage');

  const list = useQuery({
    queryKey: sk.list(query),
    queryFn: ({ signal }) => listSurveys(query, signal),
    placeholderData: keepPreviousData,
  });

  const filtered = !!(filters.q || filters.status || filters.kind || TARGET_PARAMS.some((k) => filters[k]));

  // 新建问卷 starts with the target the list is narrowed to.
  const target = new URLSearchParams();
  for (const k of TARGET_PARAMS) {
    const v = filters[k];
    if (v) target.set(k, v);
  }
  const newHref = `/fieldwork/surveys/new${target.size ? `?${target}` : ''}`;

  const columns: TableColumnsType<TSurveyItem> = [
    {
      title: '标题',
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, s) => (
        <Link to={`/fieldwork/surveys/${s.id}`} onClick={(e) => e.stopPropagation()}>
          {title}
        </Link>
      ),
    },
    { title: '类型', dataIndex: 'kind', width: 170, render: (k: TSurveyKind) => <SurveyKindTag kind={k} /> },
    {
      title: '对象',
      dataIndex: 'targetName',
      ellipsis: true,
      render: (name: string, s) => (
        <Tooltip title={TARGET_TYPE_LABELS[s.targetType]}>
          <span>{name || '—'}</span>
        </Tooltip>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (st: TSurveyStatus) => <SurveyStatusTag status={st} />,
    },
    {
      title: (
        <Tooltip title="通过一次性链接（二维码）提交的答卷，计为已核验">
          <span>有效链接答卷</span>
        </Tooltip>
      ),
      key: 'verified',
      width: 120,
      align: 'right',
      render: (_v, s) => s.answers.verified,
    },
    {
      title: (
        <Tooltip title="扫描公开二维码提交的答卷，不记名，计为未核验">
          <span>扫码答卷</span>
        </Tooltip>
      ),
      key: 'unverified',
      width: 100,
      align: 'right',
      render: (_v, s) => s.answers.unverified,
    },
    { title: '创建时间', dataIndex: 'createdAt', width: 150, render: (v: string) => time(v) },
  ];

  return (
    <div>
      <PageHeader
        title="问卷测评"
        sub="民主测评、整改满意度测评和巡察组作风纪律评估，群众扫码作答"
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(newHref)}>
              新建问卷
            </Button>
          )
        }
      />
      <Card>
        <FilterBar filtered={filtered} onReset={reset}>
          <FilterSearch {...keyword} placeholder="问卷标题" label="搜索问卷" />
          <FilterSelect
            label="状态"
            {...bind('status')}
            options={optionsOf(SURVEY_STATUSES, SURVEY_STATUS_LABELS)}
            width={110}
          />
          <FilterSelect
            label="类型"
            {...bind('kind')}
            options={optionsOf(SURVEY_KINDS, SURVEY_KIND_LABELS)}
            width={180}
          />
          {TARGET_PARAMS.map((k) => {
            const id = filters[k];
            return id ? <TargetTag key={k} k={k} id={id} onClose={() => setFilter({ [k]: undefined })} /> : null;
          })}
        </FilterBar>
        <CursorTable<TSurveyItem>
          list={list}
          pages={pages}
          columns={columns}
          width={1000}
          onOpen={(s) => navigate(`/fieldwork/surveys/${s.id}`)}
          empty={{
            filtered,
            whenFiltered: '没有符合条件的问卷，请调整筛选条件',
            whenEmpty: canManage ? '暂无问卷，可点击“新建问卷”从模板开始' : '暂无问卷',
          }}
        />
      </Card>
    </div>
  );
}
