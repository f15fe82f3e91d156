import { PlusOutlined } from '@ant-design/icons';
import { STAGE_LABELS } from '@xc/domain';
import { Alert, Button, Card, Empty, Space, Tabs, Typography } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { usePermissions } from '../../api/hooks.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { inspectionTitle, useInspection } from '../fieldwork/shared.tsx';
import { InspectionSelect } from '../petitions/shared.tsx';
import { StageTag } from '../planning/shared.tsx';
import { DatasetsTab } from './datasets-tab.tsx';
import { RulesTab } from './rules-tab.tsx';
import { RunsTab } from './runs-tab.tsx';
import { AUDIT_LINK_PATH, inspectionPath, newRunPath } from './shared.tsx';
import './auditlink.css';

const TABS = ['datasets', 'rules', 'runs'] as const;
type TTab = (typeof TABS)[number];

function Workspace({ inspectionId }: { inspectionId: string }) {
  const navigate = useNavigate();
  const perms = usePermissions();
  const [params, setParams] = useSearchParams();
  const tab: TTab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as TTab)
    : 'datasets';
  const q = useInspection(inspectionId);
  const i = q.data;
  usePageMeta([{ title: i ? inspectionTitle(i) : '巡审贯通' }]);
  const archived = i?.stage === 'archived';
  const canWrite = perms.has('auditlink:write') && !archived;
  return (
    <>
      <Card size="small" style={{ marginBottom: 16 }} loading={q.isPending}>
        {i && (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {inspectionTitle(i)}
              </Typography.Title>
              <StageTag stage={i.stage} />
            </Space>
            <Typography.Text type="secondary">
              {i.termName} · {i.roundName} · {i.teamName ?? '未确定巡察组'}
            </Typography.Text>
            {archived && (
              <Alert
                type="info"
                showIcon
                title={`巡察处于“${STAGE_LABELS[i.stage]}”阶段：数据表已随归档删除，比对结果只能查阅`}
              />
            )}
          </Space>
        )}
        {q.error && <Alert type="error" showIcon title="巡察不存在或无权查看" />}
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(new URLSearchParams({ tab: k }))}
          tabBarExtraContent={
            canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(newRunPath(inspectionId))}>
                新建比对
              </Button>
            )
          }
          items={[
            {
              key: 'datasets',
              label: '数据表',
              children: <DatasetsTab inspectionId={inspectionId} canWrite={canWrite} />,
            },
            { key: 'rules', label: '比对规则', children: <RulesTab inspectionId={inspectionId} canWrite={canWrite} /> },
            { key: 'runs', label: '比对记录', children: <RunsTab inspectionId={inspectionId} /> },
          ]}
          destroyOnHidden
        />
      </Card>
    </>
  );
}

/**
 * 巡审贯通: the tables auditors and departments hand a team (payments, registers, payrolls,
 * invoices), compared by the rule gallery's templates, and the hits worked into papers and clues.
 */
export default function AuditLinkPage() {
  const { inspectionId } = useParams();
  const navigate = useNavigate();
  return (
    <div>
      <PageHeader
        title="巡审贯通"
        sub="上传审计和部门数据，按规则比对，发现死亡人员领取补贴、公职人员领取低保、重复发放等问题"
        extra={
          <InspectionSelect
            value={inspectionId}
            onChange={(v) => navigate(v ? inspectionPath(v) : AUDIT_LINK_PATH)}
            allowClear={false}
          />
        }
      />
      {inspectionId ? (
        <Workspace key={inspectionId} inspectionId={inspectionId} />
      ) : (
        <Card>
          <Empty description="请在右上角选择巡察任务，查看该巡察的数据表和比对结果" />
        </Card>
      )}
    </div>
  );
}
