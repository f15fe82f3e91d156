import { TEAM_ROLE_LABELS, type TTeamRole } from '@xc/domain';
import { Empty, Table, Typography } from 'antd';
import { type TConductHistoryOut, useConductHistory } from '../../api/governance-archive.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ConductRate } from './conduct-tags.tsx';

type Line = TConductHistoryOut['items'][number];

/**
 * 作风纪律评估 in an inspector's appraisal history: for every team the inspector served on, the
 * satisfaction the inspected organizations gave that team, against the 97.5% bar (each line's text
 * is the domain's, as it goes into the appraisal).
 */
export function ConductHistorySection({ inspectorId }: { inspectorId: string }) {
  const q = useConductHistory(inspectorId);
  return (
    <>
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      <Table<Line>
        rowKey={(l) => `${l.roundId}-${l.teamId}`}
        size="small"
        pagination={false}
        loading={q.isFetching}
        title={() => <Typography.Text strong>作风纪律评估</Typography.Text>}
        dataSource={q.data?.items ?? []}
        locale={{
          emptyText: q.isPending ? (
            ' '
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无作风纪律评估结果" />
          ),
        }}
        columns={[
          { title: '评估情况', dataIndex: 'text' },
          {
            title: '组内职务',
            dataIndex: 'role',
            width: 100,
            render: (r: string) => TEAM_ROLE_LABELS[r as TTeamRole] ?? r,
          },
          {
            title: '满意率',
            key: 'rate',
            width: 180,
            render: (_v, l) => <ConductRate satisfied={l.satisfied} valid={l.valid} meetsBar={l.meetsBar} />,
          },
        ]}
      />
    </>
  );
}
