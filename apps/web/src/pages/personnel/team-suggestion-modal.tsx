import { LoadingOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { TEAM_ROLES, type TTeamRole } from '@xc/domain';
import { Alert, Button, Empty, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { getTeamSuggestion, ppk, type TRosterOut, type TTeamSuggestionOut } from '../../api/personnel.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { RoleTag, TeamWarnings } from './shared.tsx';

type Suggested = TTeamSuggestionOut['members'][number];

const rank = (r: TTeamRole) => TEAM_ROLES.indexOf(r);

/**
 * The proposal for the team's (first) inspection, with why each person fits. 全部采用 adds those not
 * yet on the team one by one, leader first, and stops at the first refusal.
 */
export function TeamSuggestionModal({
  open,
  inspectionId,
  targetName,
  roster,
  onClose,
  onAdopt,
}: {
  open: boolean;
  inspectionId: string;
  targetName: string;
  roster: TRosterOut;
  onClose: () => void;
  /** Resolves true when every member was added. */
  onAdopt: (members: Suggested[], onProgress: (inspectorId: string | null) => void) => Promise<boolean>;
}) {
  const [adding, setAdding] = useState<string | null>(null);
  const suggestion = useQuery({
    queryKey: ppk.suggestion(inspectionId),
    queryFn: () => getTeamSuggestion(inspectionId),
    enabled: open,
    staleTime: 0,
  });
  const inTeam = new Set(roster.members.map((m) => m.inspectorId));
  const members = [...(suggestion.data?.members ?? [])].sort((a, b) => rank(a.role) - rank(b.role));
  // A team has one 组长: when it already has one, the proposed leader is left out rather than added as a second.
  const hasLeader = roster.members.some((m) => m.role === 'leader');
  const skipped = (m: Suggested) => hasLeader && m.role === 'leader';
  const todo = members.filter((m) => !inTeam.has(m.inspectorId) && !skipped(m));

  // One run adds the members one by one (each answer carries the version for the next); the parent
  // shows what stopped it, so a failed run needs no toast here.
  const adoptAll = useMutation({
    mutationFn: (list: Suggested[]) => onAdopt(list, setAdding),
    onSuccess: (all) => all && onClose(),
    onSettled: () => setAdding(null),
  });
  const running = adoptAll.isPending;

  return (
    <Modal
      open={open}
      title={`推荐组队：${targetName}`}
      width={820}
      onCancel={running ? undefined : onClose}
      closable={!running}
      mask={{ closable: !running }}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose} disabled={running}>
            关闭
          </Button>
          <Button type="primary" loading={running} disabled={!todo.length} onClick={() => adoptAll.mutate(todo)}>
            全部采用{todo.length ? `（${todo.length}人）` : ''}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        按人员库、专业结构、回避情形和在巡情况推荐。采用时逐一加入尚未在本组的人员，遇到不能加入的人员即停止。
      </Typography.Paragraph>
      {roster.members.length > 0 && todo.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`本组已有${roster.members.length}名成员，采用推荐将在现有成员基础上加入其余${todo.length}人${
            hasLeader ? '（本组已有组长，推荐的组长不再加入）' : ''
          }，请注意副组长人数。`}
        />
      )}
      {suggestion.error && <ErrorAlert error={suggestion.error} onRetry={() => void suggestion.refetch()} />}
      <TeamWarnings title="推荐结果尚不完全符合要求" warnings={suggestion.data?.warnings ?? []} />
      <Table<Suggested>
        rowKey="inspectorId"
        size="small"
        pagination={false}
        loading={suggestion.isFetching}
        dataSource={members}
        locale={{
          emptyText: suggestion.isPending ? (
            ' '
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="人员库中没有可推荐的人员" />
          ),
        }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            width: 110,
            render: (v: string, m) => (
              <Link to={`/personnel/inspectors/${m.inspectorId}`} target="_blank">
                {v}
              </Link>
            ),
          },
          { title: '拟任', dataIndex: 'role', width: 90, render: (r: TTeamRole) => <RoleTag role={r} /> },
          { title: '推荐理由', dataIndex: 'why' },
          {
            title: '状态',
            key: 'state',
            width: 100,
            render: (_v, m) =>
              inTeam.has(m.inspectorId) ? (
                <Tag color="green">已在本组</Tag>
              ) : skipped(m) ? (
                <Tag>本组已有组长</Tag>
              ) : adding === m.inspectorId ? (
                <Tag icon={<LoadingOutlined />} color="processing">
                  正在加入
                </Tag>
              ) : (
                <Tag>待加入</Tag>
              ),
          },
        ]}
      />
    </Modal>
  );
}
