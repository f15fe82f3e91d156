import { FormOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { gk, listMyCampaigns, type TMyCampaign } from '../../api/governance.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { QueryTable } from '../../components/cursor-table.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { CampaignReportDrawer } from './campaign-report-drawer.tsx';
import { PhaseTag } from './shared.tsx';

/** 专项整治报送: the campaigns whose scope includes the liaison's organization, and its reports. */
export default function MyCampaignsPage() {
  usePageMeta([]);
  const list = useQuery({ queryKey: gk.myCampaigns, queryFn: listMyCampaigns });
  const [reporting, setReporting] = useState<TMyCampaign | null>(null);
  const columns: TableColumnsType<TMyCampaign> = [
    { title: '专项整治', dataIndex: 'name', ellipsis: true },
    {
      title: '共性问题',
      key: 'problems',
      ellipsis: true,
      render: (_, c) => c.commonProblems.map((p) => p.name).join('、'),
    },
    { title: '整治期间', key: 'period', width: 200, render: (_, c) => `${c.startOn} 至 ${c.endOn}` },
    {
      title: '本单位',
      key: 'orgs',
      width: 200,
      ellipsis: true,
      render: (_, c) => c.myOrgs.map((o) => o.name).join('、'),
    },
    {
      title: '已报送',
      dataIndex: 'myReports',
      width: 90,
      render: (n: number) => (n > 0 ? <Tag color="green">{n} 次</Tag> : <Tag color="gold">未报送</Tag>),
    },
    { title: '状态', dataIndex: 'phase', width: 90, render: (_, c) => <PhaseTag phase={c.phase} /> },
    {
      title: '操作',
      key: 'ops',
      width: 140,
      render: (_, c) => (
        <Button type="link" size="small" icon={<FormOutlined />} onClick={() => setReporting(c)}>
          报送整改情况
        </Button>
      ),
    },
  ];
  return (
    <div>
      <PageHeader title="专项整治报送" sub="本单位参加的专项整治；每次报送新增的自查自纠情况，累加计入整治台账" />
      <Card>
        <QueryTable<TMyCampaign>
          query={list}
          rows={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 1000 }}
          empty={<Empty description="本单位暂无需要报送的专项整治" />}
        />
      </Card>
      {reporting && (
        <CampaignReportDrawer
          campaignId={reporting.id}
          campaignName={reporting.name}
          orgs={reporting.myOrgs}
          problems={reporting.commonProblems}
          open={!!reporting}
          onClose={() => setReporting(null)}
          title="报送整改情况"
        />
      )}
    </div>
  );
}
