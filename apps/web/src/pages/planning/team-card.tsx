import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ErrorCode, type TTeam, type TTeamCreate, teamName, ZTeamCreate, ZTeamUpdate } from '@xc/domain';
import { App, Button, Card, Empty, Input, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { createTeam, deleteTeam, pk, type TTeamUpdateInput, updateTeam } from '../../api/planning.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, FormModal, useAction, useSchemaForm } from '../../components/form-kit/index.ts';

/**
 * 组建巡察组 (no `team`: the next number's name is offered) or rename one. A rename that meets a
 * newer version reloads the list rather than asking: a team's name is all there is to redo.
 */
function TeamNameModal({
  roundId,
  renaming,
  team,
  open,
  suggested,
  onClose,
}: {
  roundId: string;
  /** Fixed per modal, so the title stays while it closes. */
  renaming: boolean;
  team: TTeam | null;
  open: boolean;
  suggested: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const kit = useSchemaForm({
    schema: team ? ZTeamUpdate : ZTeamCreate,
    toBody: (v: { name?: string }) => ({ ...(team ? { version: team.version } : { roundId }), name: v.name ?? '' }),
    mutationFn: (body) => (team ? updateTeam(team.id, body as TTeamUpdateInput) : createTeam(body as TTeamCreate)),
    success: (saved) => (team ? '巡察组名称已修改' : `已组建${saved.name}`),
    invalidate: [pk.all],
    onSuccess: onClose,
    onError: (e) => {
      if (!isApiError(e, ErrorCode.VersionConflict)) return false;
      message.error('该巡察组已被他人修改，已刷新，请重新操作');
      void queryClient.invalidateQueries({ queryKey: pk.all });
      onClose();
      return true;
    },
    open,
    openKey: team?.id ?? 'new',
    initial: () => ({ name: team?.name ?? suggested }),
  });
  return (
    <FormModal
      kit={kit}
      title={renaming ? '修改巡察组名称' : '组建巡察组'}
      open={open}
      onClose={onClose}
      // Distinct per modal so that field ids do not repeat on the page.
      name={renaming ? 'teamRename' : 'teamCreate'}
      lazy
    >
      <Field name="name" label="巡察组名称" required>
        <Input maxLength={20} placeholder="如：第一巡察组" />
      </Field>
    </FormModal>
  );
}

/** The teams of a round: add, rename, delete (a team that already has inspections cannot go). */
export function TeamCard({
  roundId,
  teams,
  loading,
  error,
  onRetry,
  counts,
  canWrite,
}: {
  roundId: string;
  teams: TTeam[];
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  counts: Map<string, number>;
  canWrite: boolean;
}) {
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<TTeam | null>(null);
  const remove = useAction((t: TTeam) => deleteTeam(t.id), {
    success: (_r, t) => `已删除${t.name}`,
    invalidate: [pk.all],
  });

  return (
    <Card
      title={`巡察组（${teams.length}）`}
      size="small"
      extra={
        canWrite && (
          <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            组建巡察组
          </Button>
        )
      }
      style={{ height: '100%' }}
    >
      {Boolean(error) && <ErrorAlert error={error} onRetry={onRetry} />}
      <List<TTeam>
        size="small"
        loading={loading}
        dataSource={teams}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本轮尚未组建巡察组" /> }}
        renderItem={(t) => {
          const n = counts.get(t.id) ?? 0;
          return (
            <List.Item
              actions={[
                <Link key="roster" to={`/personnel/teams/${t.id}`}>
                  <Button size="small" type="link" style={{ padding: 0 }} aria-label={`${t.name}组队`}>
                    组队
                  </Button>
                </Link>,
                ...(canWrite
                  ? [
                      <Button
                        key="rename"
                        size="small"
                        type="text"
                        icon={<EditOutlined />}
                        aria-label={`重命名${t.name}`}
                        onClick={() => setRenaming(t)}
                      />,
                      <Popconfirm
                        key="delete"
                        title={`删除${t.name}？`}
                        description={n ? '该组已安排巡察，须先移除或改派这些巡察' : '删除后不可恢复'}
                        okText="删除"
                        okButtonProps={{ danger: true, disabled: n > 0 }}
                        onConfirm={() => remove.run(t)}
                      >
                        <Button
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={`删除${t.name}`}
                        />
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            >
              <Space>
                <Typography.Text>{t.name}</Typography.Text>
                <Tag>{n} 个巡察</Tag>
              </Space>
            </List.Item>
          );
        }}
      />
      <TeamNameModal
        roundId={roundId}
        renaming={false}
        team={null}
        open={adding}
        suggested={teamName(teams.length + 1)}
        onClose={() => setAdding(false)}
      />
      <TeamNameModal
        roundId={roundId}
        renaming
        team={renaming}
        open={!!renaming}
        suggested=""
        onClose={() => setRenaming(null)}
      />
    </Card>
  );
}
