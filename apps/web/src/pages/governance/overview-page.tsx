import { useQueries } from '@tanstack/react-query';
import type { TTerm } from '@xc/domain';
import { Button, Card, Col, Empty, Row, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { getGovernanceSummary, gk, type TSummaryOut, useGovernanceSummary } from '../../api/governance.ts';
import { usePermissions } from '../../api/hooks.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { TermSelect, useTerms } from '../fieldwork/shared.tsx';
import { FigureCard, useHomeAuthorityId } from '../planning/shared.tsx';
import { useTermParam } from './shared.tsx';

/** The figures of the summary, each with the list that shows it for one term. */
const FIGURES: { key: keyof TSummaryOut; title: string; suffix: string; list: string; colour?: string }[] = [
  { key: 'commonProblems', title: '共性问题', suffix: '个', list: 'common-problems' },
  { key: 'commonProblemsRectified', title: '已整改共性问题', suffix: '个', list: 'common-problems', colour: '#389e0d' },
  { key: 'bulletins', title: '分类通报', suffix: '期', list: 'bulletins' },
  { key: 'dutyReminders', title: '履责提示', suffix: '份', list: 'reminders' },
  { key: 'campaigns', title: '专项整治', suffix: '项', list: 'campaigns' },
  { key: 'rulesMade', title: '建章立制', suffix: '项', list: 'campaigns' },
  { key: 'policyConsultations', title: '政策会商', suffix: '次', list: 'consultations' },
  { key: 'policyProblems', title: '会商问题', suffix: '个', list: 'consultations' },
];

const listOf = (list: string, termId: string) => `/governance/${list}?termId=${termId}`;

/**
 * Where a figure's list is. Rules made are mostly the rectification register's (a county term may
 * count hundreds with no campaign at all), so they open the term's rectification statistics for
 * those who may read them, else the campaigns, which report the rest.
 */
function useLinkOf() {
  const perms = usePermissions();
  const stats = perms.has('rectification:supervise') || perms.has('rectification:export');
  return (f: (typeof FIGURES)[number], termId: string) =>
    f.key === 'rulesMade' && stats ? `/rectification/stats?termId=${termId}` : listOf(f.list, termId);
}

/**
 * Every term the caller sees, its figures side by side: the governance work of a city lives in
 * the term it was done in (the demo's current term has barely begun), so the office compares them
 * here before choosing one. The caller's own authority comes first, newest term first.
 */
function TermsTable({ termId, onPick }: { termId: string | undefined; onPick: (id: string) => void }) {
  const terms = useTerms();
  const home = useHomeAuthorityId();
  const linkOf = useLinkOf();
  const items = [...(terms.data?.items ?? [])].sort(
    (a, b) =>
      Number(b.authorityId === home) - Number(a.authorityId === home) ||
      a.authorityName.localeCompare(b.authorityName, 'zh-CN') ||
      b.startDate.localeCompare(a.startDate),
  );
  const summaries = useQueries({
    queries: items.map((t) => ({ queryKey: gk.summary(t.id), queryFn: () => getGovernanceSummary(t.id) })),
  });
  const several = new Set(items.map((t) => t.authorityId)).size > 1;
  type Row = { term: TTerm; summary: TSummaryOut | undefined; pending: boolean; failed: boolean };
  const rows: Row[] = items.map((term, i) => ({
    term,
    summary: summaries[i]?.data,
    pending: !!summaries[i]?.isPending,
    failed: !!summaries[i]?.error,
  }));
  const failed = summaries.find((q) => q.error);
  const columns: TableColumnsType<Row> = [
    {
      title: '届期',
      key: 'term',
      fixed: 'left',
      width: several ? 260 : 160,
      render: (_, r) => (
        <span>
          <Button
            type="link"
            size="small"
            style={{ padding: 0, fontWeight: r.term.id === termId ? 600 : undefined }}
            onClick={() => onPick(r.term.id)}
          >
            {r.term.name}
          </Button>
          {r.term.current && (
            <Tag color="blue" style={{ marginLeft: 6 }}>
              本届
            </Tag>
          )}
          {several && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.term.authorityName}
            </Typography.Text>
          )}
        </span>
      ),
    },
    ...FIGURES.map((f): TableColumnsType<Row>[number] => ({
      title: f.title,
      key: f.key,
      align: 'right',
      width: 120,
      render: (_, r) => {
        if (r.pending) return <Typography.Text type="secondary">…</Typography.Text>;
        if (!r.summary) return '—';
        const n = r.summary[f.key];
        // Zeros stay links (the list is still that term's) but recede, so the terms with work stand out.
        return (
          <Link
            to={linkOf(f, r.term.id)}
            aria-label={`${r.term.name}${f.title}`}
            style={n === 0 ? { color: 'rgba(0, 0, 0, 0.35)' } : undefined}
          >
            {n.toLocaleString('zh-CN')}
          </Link>
        );
      },
    })),
  ];
  return (
    <Card size="small" title="各届期以巡促治情况" style={{ marginBottom: 16 }}>
      {failed?.error && <ErrorAlert error={failed.error} onRetry={() => summaries.forEach((q) => void q.refetch())} />}
      <Table<Row>
        size="small"
        rowKey={(r) => r.term.id}
        columns={columns}
        dataSource={rows}
        loading={terms.isPending}
        pagination={false}
        scroll={{ x: (several ? 260 : 160) + FIGURES.length * 120 }}
        rowClassName={(r) => (r.term.id === termId ? 'ant-table-row-selected' : '')}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未建立届期" /> }}
      />
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
        点击数字查看该届期的清单，点击届期名称在下方查看该届期的情况。
      </Typography.Text>
    </Card>
  );
}

/** 以巡促治总览: every term's figures side by side, then the chosen term's cards, each opening its list. */
export default function GovernanceOverviewPage() {
  usePageMeta([]);
  const { termId, setTermId, loading, termName } = useTermParam();
  const summary = useGovernanceSummary(termId);
  const s = summary.data;
  const linkOf = useLinkOf();
  const busy = !!termId && summary.isPending;
  const col = { xs: 12, md: 8, xl: 6 } as const;
  return (
    <div>
      <PageHeader
        title="以巡促治总览"
        sub="共性问题、分类通报、履责提示、专项整治与政策会商：由一次巡察的问题到一个领域的治理"
        extra={<TermSelect value={termId} onChange={setTermId} width={260} />}
      />
      <TermsTable termId={termId} onPick={setTermId} />
      {summary.error && <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />}
      {!termId && !loading ? (
        <Card>
          <Empty description="请选择届次" />
        </Card>
      ) : (
        <>
          {termName && (
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {termName}
            </Typography.Title>
          )}
          <Row gutter={[12, 12]}>
            {FIGURES.map((f) => (
              <Col key={f.key} {...col}>
                <FigureCard
                  title={f.title}
                  value={s?.[f.key]}
                  suffix={f.suffix}
                  loading={busy}
                  to={termId ? linkOf(f, termId) : undefined}
                  valueStyle={f.colour ? { color: f.colour } : undefined}
                />
              </Col>
            ))}
            <Col span={24}>
              <Typography.Text type="secondary">
                建章立制含整改中建立完善的制度和专项整治中报送的制度；已整改共性问题含巡察发现问题的整改和专项整治中报送的整改；点击卡片查看对应清单。
              </Typography.Text>
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}
