import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ErrorCode, type TTeam, teamName } from '@xc/domain';
import { App, Button, Card, Empty, Form, Input, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { errorText, isApiError } from '../../api/client.ts';
import { createTeam, deleteTeam, pk, updateTeam } from '../../api/planning.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

function TeamNameModal({
  formName,
  open,
  title,
  initial,
  onCancel,
  onOk,
}: {
  /** Distinct per modal so that field ids do not repeat on the page. */
  formName: string;
  open: boolean;
  title: string;
  initial: string;
  onCancel: () => void;
  onOk: (name: string) => Promise<void>;
}) {
  const [form] = Form.useForm<{ name: string }>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) form.setFieldsValue({ name: initial });
  }, [open, initial, form]);
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onCancel}
      okText="保存"
      confirmLoading={saving}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        setSaving(true);
        try {
          await onOk(v.name.trim());
        } finally {
          setSaving(false);
        }
      }}
    >
      <Form form={form} name={formName} layout="vertical">
        <Form.Item
          name="name"
          label="巡察组名称"
          rules={[
            { required: true, whitespace: true, message: '请输入巡察组名称' },
            { max: 20, message: '巡察组名称不能超过20个字' },
          ]}
        >
          <Input maxLength={20} placeholder="如：第一巡察组" />
        </Form.Item>
      </Form>
    </Modal>
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
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<TTeam | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: pk.all });

  const add = async (name: string) => {
    try {
      await createTeam({ roundId, name });
      message.success(`已组建${name}`);
      setAdding(false);
      void refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const rename = async (t: TTeam, name: string) => {
    try {
      await updateTeam(t.id, { version: t.version, name });
      message.success('巡察组名称已修改');
      setRenaming(null);
      void refresh();
    } catch (e) {
      message.error(
        isApiError(e, ErrorCode.VersionConflict) ? '该巡察组已被他人修改，已刷新，请重新操作' : errorText(e),
      );
      if (isApiError(e, ErrorCode.VersionConflict)) {
        setRenaming(null);
        void refresh();
      }
    }
  };
  const remove = async (t: TTeam) => {
    try {
      await deleteTeam(t.id);
      message.success(`已删除${t.name}`);
      void refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };

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
                        onConfirm={() => remove(t)}
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
        formName="teamCreate"
        open={adding}
        title="组建巡察组"
        initial={teamName(teams.length + 1)}
        onCancel={() => setAdding(false)}
        onOk={add}
      />
      <TeamNameModal
        formName="teamRename"
        open={!!renaming}
        title="修改巡察组名称"
        initial={renaming?.name ?? ''}
        onCancel={() => setRenaming(null)}
        onOk={(name) => (renaming ? rename(renaming, name) : Promise.resolve())}
      />
    </Card>
  );
}
