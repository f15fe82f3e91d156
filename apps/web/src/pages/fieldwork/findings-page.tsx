import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  FINDING_SOURCE_LABELS,
  FINDING_SOURCES,
  SECTORS,
  SEVERITIES,
  SEVERITY_LABELS,
  type TFindingSource,
  type TSector,
  type TSeverity,
} from '@xc/domain';
import { Button, Card, Col, Row, Space, Tooltip } from 'antd';
import { useSearchParams } from 'react-router';
import type { TFindingFilters } from '../../api/fieldwork.ts';
import { exportFindings, fwk, getRoundSummary, getTermSummary } from '../../api/fieldwork.ts';
import { usePermissions } from '../../api/hooks.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FilterSearch, FilterSelect, ResetFiltersButton } from '../../components/filter-bar.tsx';
import { useExport } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { InspectionSelect } from '../petitions/shared.tsx';
import { FigureCard, useHomeAuthorityId } from '../planning/shared.tsx';
import { FindingDrawer, FindingsTable } from './findings-table.tsx';
import { flag, isUuid, oneOf, RoundSelect, TaxonomySelect, TermSelect, toParams, useIsOffice } from './shared.tsx';

const FILTER_KEYS = [
  'termId',
  'roundId',
  'inspectionId',
  'authorityId',
  'taxonomyNodeId',
  'sector',
  'common',
  'immediate',
  'severity',
  'source',
  'q',
] as const;

function readFilters(p: URLSearchParams): TFindingFilters {
  const id = (k: string) => {
    const v = p.get(k);
    return isUuid(v) ? v : undefined;
  };
  const q = p.get('q')?.trim().slice(0, 50);
  return {
    termId: id('termId'),
    roundId: id('roundId'),
    inspectionId: id('inspectionId'),
    authorityId: id('authorityId'),
    taxonomyNodeId: id('taxonomyNodeId'),
    sector: oneOf<TSector>(SECTORS, p.get('sector')),
    common: flag(p.get('common')),
    immediate: flag(p.get('immediate')),
    severity: oneOf<TSeverity>(SEVERITIES, p.get('severity')),
    source: oneOf<TFindingSource>(FINDING_SOURCES, p.get('source')),
    q: q || undefined,
  };
}

const YES_NO = [
  { value: 'true' as const, label: '是' },
  { value: 'false' as const, label: '否' },
];

/**
 * The term's or round's figures above the list (届内/本轮发现问题, 线索移交, 会议听取): each counted by the
 * server from the records of the inspections the user may see.
 */
function ScopeFigures({ termId, roundId }: { termId?: string; roundId?: string }) {
  const perms = usePermissions();
  const scope = roundId
    ? ({ kind: 'round', id: roundId } as const)
    : termId
      ? ({ kind: 'term', id: termId } as const)
      : null;
  const q = useQuery({
    queryKey: fwk.scopeSummary(scope?.kind ?? 'term', scope?.id ?? ''),
    queryFn: () => (scope?.kind === 'round' ? getRoundSummary(scope.id) : getTermSummary(scope?.id ?? '')),
    enabled: !!scope,
  });
  if (!scope) return null;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  const col = { xs: 12, sm: 8, xl: 4 } as const;
  const meetingsTo =
    scope.kind === 'term' && perms.has('meeting:read') ? `/reports/meetings?termId=${scope.id}` : undefined;
  const cluesTo =
    perms.has('clue:transfer') || perms.has('clue:write')
      ? `/fieldwork/clues${scope.kind === 'term' ? `?termId=${scope.id}` : ''}`
      : undefined;
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      <Col {...col}>
        <FigureCard
          title={scope.kind === 'term' ? '本届巡察' : '本轮巡察'}
          value={s?.inspections}
          suffix="个"
          loading={q.isPending}
        />
      </Col>
      <Col {...col}>
        <FigureCard title="个别谈话" value={s?.activities.interviews} suffix="人次" loading={q.isPending} />
      </Col>
      <Col {...col}>
        <FigureCard title="发现问题" value={s?.findings} suffix="个" loading={q.isPending} />
      </Col>
      <Col {...col}>
        <FigureCard title="立行立改" value={s?.immediateFixes} suffix="个" loading={q.isPending} />
      </Col>
      <Col {...col}>
        <FigureCard
          title="移交问题线索"
          value={s ? `${s.transferredClues.cases} 件 / ${s.transferredClues.persons} 人` : undefined}
          loading={q.isPending}
          to={cluesTo}
        />
      </Col>
      <Col {...col}>
        <FigureCard
          title="听取巡察情况汇报"
          value={s?.meetings.hearings}
          suffix="次"
          loading={q.isPending}
          to={meetingsTo}
        />
      </Col>
    </Row>
  );
}

/** 问题清单: findings across inspections, for the office (a team's people see their own team's). */
export default function FindingsPage() {
  usePageMeta([]);
  const perms = usePermissions();
  const office = useIsOffice();
  const home = useHomeAuthorityId();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const open = params.get('open');
  const filtered = FILTER_KEYS.some((k) => !!filters[k]);
  const write = (f: TFindingFilters, openId: string | null = null) => {
    const p = toParams({ ...(f as Record<string, string | undefined>) });
    if (openId) p.set('open', openId);
    setParams(p);
  };
  const setFilter = (patch: Partial<TFindingFilters>) => write({ ...filters, ...patch });
  const taxonomyAuthority = filters.authorityId ?? home;
  const xlsx = useExport(() => exportFindings(filters));

  return (
    <div>
      <PageHeader
        title="问题清单"
        sub="问题底稿经三审审定后形成的问题，以及组长直接录入、巡察办接收的历史台账问题"
        extra={
          perms.has('report:export') && (
            <Tooltip title="导出当前筛选结果">
              <Button icon={<DownloadOutlined />} loading={xlsx.pending} onClick={() => void xlsx.run()}>
                导出问题清单
              </Button>
            </Tooltip>
          )
        }
      />
      <ScopeFigures termId={filters.termId} roundId={filters.roundId} />
      <Card>
        <Space wrap className="xc-filter-bar">
          <TermSelect value={filters.termId} onChange={(termId) => setFilter({ termId, roundId: undefined })} />
          <RoundSelect termId={filters.termId} value={filters.roundId} onChange={(roundId) => setFilter({ roundId })} />
          <InspectionSelect
            value={filters.inspectionId}
            onChange={(inspectionId) => setFilter({ inspectionId })}
            width={340}
          />
          {office && (
            <AuthoritySelect
              value={filters.authorityId}
              onChange={(authorityId) => setFilter({ authorityId, taxonomyNodeId: undefined })}
              allowClear
              style={{ width: 200 }}
            />
          )}
          <TaxonomySelect
            authorityId={taxonomyAuthority}
            value={filters.taxonomyNodeId}
            onChange={(taxonomyNodeId) => setFilter({ taxonomyNodeId })}
            width={240}
          />
          <FilterSelect
            label="系统/领域"
            value={filters.sector}
            onChange={(sector) => setFilter({ sector })}
            options={SECTORS.map((s) => ({ value: s, label: s }))}
            width={120}
            searchable
          />
          <FilterSelect
            label="严重程度"
            value={filters.severity}
            onChange={(severity) => setFilter({ severity })}
            options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))}
            width={110}
          />
          <FilterSelect
            label="共性问题"
            value={filters.common}
            onChange={(common) => setFilter({ common })}
            options={YES_NO}
            width={110}
          />
          <FilterSelect
            label="立行立改"
            value={filters.immediate}
            onChange={(immediate) => setFilter({ immediate })}
            options={YES_NO}
            width={110}
          />
          <FilterSelect
            label="问题来源"
            value={filters.source}
            onChange={(source) => setFilter({ source })}
            options={FINDING_SOURCES.map((s) => ({ value: s, label: FINDING_SOURCE_LABELS[s] }))}
            width={110}
          />
          <FilterSearch
            value={filters.q}
            onSearch={(q) => setFilter({ q })}
            placeholder="问题标题或事实"
            label="搜索问题"
          />
          <ResetFiltersButton filtered={filtered} onReset={() => setParams(new URLSearchParams())} />
        </Space>
        <FindingsTable filters={filters} withInspection onOpen={(id) => write(filters, id)} filtered={filtered} />
      </Card>
      <FindingDrawer id={isUuid(open) ? open : null} onClose={() => write(filters)} />
    </div>
  );
}
