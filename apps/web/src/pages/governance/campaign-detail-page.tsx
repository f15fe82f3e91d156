import { DownloadOutlined, FormOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  exportCampaignLedger,
  gk,
  listCampaignReports,
  type TCampaignLedgerOut,
  type TCampaignReportItem,
  useCampaign,
  useCampaignLedger,
} from '../../api/governance.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { useCursorPages } from '../../components/cursor-pager.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useExport } from '../../components/form-kit/index.ts';
import { LoadFailed } from '../../components/load-failed.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { FigureCard } from '../planning/shared.tsx';
import { CampaignReportDrawer } from './campaign-report-drawer.tsx';
import { LedgerChart } from './ledger-chart.tsx';
import { PhaseTag, percent, useGovRoles } from './shared.tsx';

type TLine = Omit<TCampaignLedgerOut['bySector'][number], 'sector'> & { key: string; name: string };

function lineColumns(first: string): TableColumnsType<TLine> {
  return [
    { title: first, dataIndex: 'name', ellipsis: true },
    { title: '报送单位', key: 'orgs', width: 110, align: 'right', render: (_, l) => `${l.organizations}/${l.inScope}` },
    { title: '报送次数', dataIndex: 'reports', width: 90, align: 'right' },
    { title: '发现问题', dataIndex: 'found', width: 90, align: 'right' },
    { title: '整改问题', dataIndex: 'rectified', width: 90, align: 'right' },
    { title: '整改率', key: 'rate', width: 90, align: 'right', render: (_, l) => percent(l.rate) },
    { title: '建章立制', dataIndex: 'rulesMade', width: 90, align: 'right' },
    { title: '挽回损失（万元）', dataIndex: 'moneyRecovered', width: 140, align: 'right' },
  ];
}

function LedgerLines({ title, lines }: { title: string; lines: TLine[] }) {
  if (!lines.length) return <Empty description="暂无数据" />;
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <LedgerChart lines={lines} />
      </Col>
      <Col span={24}>
        <Table<TLine> rowKey="key" size="small" pagination={false} dataSource={lines} columns={lineColumns(title)} />
      </Col>
    </Row>
  );
}

function ReportsTable({ campaignId, orgName }: { campaignId: string; orgName: (id: string) => string }) {
  const pages = useCursorPages(campaignId);
  const q = { limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: gk.campaignReports(campaignId, q),
    queryFn: ({ signal }) => listCampaignReports(campaignId, q, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<TCampaignReportItem> = [
    { title: '报送日期', dataIndex: 'reportedOn', width: 110 },
    { title: '单位', dataIndex: 'orgName', ellipsis: true, render: (n: string, r) => n || orgName(r.orgId) },
    { title: '发现问题', dataIndex: 'foundItems', width: 90, align: 'right' },
    { title: '整改问题', dataIndex: 'rectifiedItems', width: 90, align: 'right' },
    { title: '建章立制', dataIndex: 'rulesMade', width: 90, align: 'right' },
    { title: '挽回损失（万元）', dataIndex: 'moneyRecovered', width: 140, align: 'right' },
    { title: '情况说明', dataIndex: 'note', ellipsis: true, render: (n: string | null) => n ?? '—' },
  ];
  return (
    <CursorTable<TCampaignReportItem>
      list={list}
      pages={pages}
      columns={columns}
      width={900}
      empty={{ filtered: false, whenFiltered: '', whenEmpty: '暂无报送' }}
    />
  );
}

/** One campaign: its ledger in figures, tables and charts by sector, county and problem, and the reports. */
export default function CampaignDetailPage() {
  const { id } = useParams();
  const campaign = useCampaign(id);
  const ledger = useCampaignLedger(id);
  const c = campaign.data;
  const l = ledger.data;
  usePageMeta([{ title: c?.name ?? '专项整治' }]);
  const roles = useGovRoles();
  const [reporting, setReporting] = useState(false);
  const xlsx = useExport(() => exportCampaignLedger(id ?? '', `${c?.name ?? '专项整治'}台账.xlsx`));

  if (campaign.error)
    return (
      <LoadFailed
        error={campaign.error}
        onRetry={() => void campaign.refetch()}
        notFound="专项整治不存在或无权查看"
        back={{ label: '返回专项整治', to: '/governance/campaigns' }}
      />
    );
  if (!c) return <Card loading />;

  const names = l?.names ?? { authorities: {}, commonProblems: {}, orgs: {} };
  const orgName = (orgId: string) => names.orgs[orgId] ?? '（单位）';
  const bySector: TLine[] = (l?.bySector ?? []).map(({ sector, ...x }) => ({
    ...x,
    key: sector ?? '-',
    name: sector ?? '未定领域',
  }));
  const byAuthority: TLine[] = (l?.byAuthority ?? []).map(({ authorityId, ...x }) => ({
    ...x,
    key: authorityId,
    name: names.authorities[authorityId] ?? c.authorities.find((a) => a.id === authorityId)?.name ?? '巡察机构',
  }));
  const byProblem: TLine[] = (l?.byProblem ?? []).map(({ commonProblemId, ...x }) => ({
    ...x,
    key: commonProblemId ?? '-',
    name: commonProblemId
      ? (names.commonProblems[commonProblemId] ??
        c.commonProblems.find((p) => p.id === commonProblemId)?.name ??
        '共性问题')
      : '未指明问题',
  }));
  // Only those the caller may report for: a county office is offered its own county's units.
  const orgs = (l?.reportableOrgIds ?? []).map((oid) => ({ id: oid, name: orgName(oid) }));
  const t = l?.total;
  const col = { xs: 12, md: 8, xl: 3 } as const;
  const busy = ledger.isPending;

  return (
    <div>
      <PageHeader
        title={
          <Space>
            {c.name}
            <PhaseTag phase={c.phase} />
          </Space>
        }
        sub={<Link to="/governance/campaigns">返回专项整治</Link>}
        extra={
          <Space wrap>
            {roles.report && roles.read && orgs.length > 0 && (
              <Button type="primary" icon={<FormOutlined />} onClick={() => setReporting(true)}>
                登记报送
              </Button>
            )}
            <Button icon={<DownloadOutlined />} loading={xlsx.pending} onClick={() => void xlsx.run()}>
              导出台账
            </Button>
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="整治期间">
            {c.startOn} 至 {c.endOn}
          </Descriptions.Item>
          <Descriptions.Item label="整治范围">{c.orgIds.length} 个单位</Descriptions.Item>
          {/* The long items take the whole line: beside the period a bulletin's title or 19
              authorities' names squeezed the other column into a narrow strip. */}
          <Descriptions.Item label="来源" span="filled">
            {c.fromBulletin ? (
              <Link to={`/governance/bulletins/${c.fromBulletin.id}`}>{c.fromBulletin.name}</Link>
            ) : (
              '手工建立'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="参与的巡察机构" span="filled">
            {c.authorities.map((a) => a.name).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label="共性问题" span="filled">
            <Space wrap>
              {c.commonProblems.map((p) => (
                <Tag key={p.id} color="purple">
                  {p.name}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
          {c.description && (
            <Descriptions.Item label="整治内容" span="filled">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {c.description}
              </Typography.Paragraph>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {ledger.error && <ErrorAlert error={ledger.error} onRetry={() => void ledger.refetch()} />}
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col {...col}>
          <FigureCard title="报送单位" value={t ? `${t.organizations}/${t.inScope}` : undefined} loading={busy} />
        </Col>
        <Col {...col}>
          <FigureCard title="报送次数" value={t?.reports} suffix="次" loading={busy} />
        </Col>
        <Col {...col}>
          <FigureCard title="发现问题" value={t?.found} suffix="个" loading={busy} />
        </Col>
        <Col {...col}>
          <FigureCard
            title="整改问题"
            value={t?.rectified}
            suffix="个"
            loading={busy}
            valueStyle={{ color: '#389e0d' }}
          />
        </Col>
        <Col {...col}>
          <FigureCard title="整改率" value={t ? percent(t.rate) : undefined} loading={busy} />
        </Col>
        <Col {...col}>
          <FigureCard title="建章立制" value={t?.rulesMade} suffix="项" loading={busy} />
        </Col>
        <Col {...col}>
          {/* The unit in the title: a sum like 1,234,568.88 with its suffix wrapped out of the card. */}
          <FigureCard title="挽回损失（万元）" value={t?.moneyRecovered} loading={busy} />
        </Col>
        <Col {...col}>
          <FigureCard
            title="未报送单位"
            value={t?.notReported.length}
            suffix="个"
            loading={busy}
            valueStyle={{ color: t?.notReported.length ? '#cf1322' : undefined }}
          />
        </Col>
      </Row>
      <Card style={{ marginBottom: 16 }}>
        <Tabs
          items={[
            { key: 'sector', label: '按领域', children: <LedgerLines title="领域" lines={bySector} /> },
            { key: 'authority', label: '按县区', children: <LedgerLines title="巡察机构" lines={byAuthority} /> },
            { key: 'problem', label: '按问题', children: <LedgerLines title="共性问题" lines={byProblem} /> },
            {
              key: 'missing',
              label: `未报送单位（${t?.notReported.length ?? 0}）`,
              children: t?.notReported.length ? (
                <Space wrap>
                  {t.notReported.map((oid) => (
                    <Tag key={oid} color="red">
                      {orgName(oid)}
                    </Tag>
                  ))}
                </Space>
              ) : (
                <Empty description={busy ? '正在加载…' : '范围内单位均已报送'} />
              ),
            },
          ]}
        />
      </Card>
      <Card title="报送记录">{id && <ReportsTable campaignId={id} orgName={orgName} />}</Card>
      {id && (
        <CampaignReportDrawer
          campaignId={id}
          campaignName={c.name}
          orgs={orgs}
          problems={c.commonProblems}
          open={reporting}
          onClose={() => setReporting(false)}
        />
      )}
    </div>
  );
}
