import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { AUTHORITY_LEVEL_LABELS, type TAuthority, ZAuthority } from '@xc/domain';
import { App, Button, Card, Empty, Form, Input, Modal, Radio, Table, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { createAuthority, updateAuthority } from '../../api/authorities.ts';
import { useAuthorities, usePermissions } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { handleVersionConflict } from '../../components/version-conflict.ts';

interface AuthorityValues {
  name: string;
  shortName: string;
  level: 'city' | 'county';
  parentAuthorityId?: string | null;
  regionCode?: string | null;
}

function AuthorityModal({
  open,
  editing,
  onClose,
}: {
  open: boolean;
  editing: TAuthority | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<AuthorityValues>();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const level = Form.useWatch('level', form);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setVersion(editing?.version ?? 0);
  }, [open, editing]);

  const initialValues: Partial<AuthorityValues> = editing
    ? {
        name: editing.name,
        shortName: editing.shortName,
        level: editing.level,
        parentAuthorityId: editing.parentAuthorityId,
        regionCode: editing.regionCode ?? '',
      }
    : { level: 'county' };

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    const regionCode = v.regionCode?.trim() ? v.regionCode.trim() : null;
    try {
      if (editing) {
        await updateAuthority(editing.id, { version, name: v.name, shortName: v.shortName, regionCode });
      } else {
        await createAuthority({
          name: v.name,
          shortName: v.shortName,
          level: v.level,
          parentAuthorityId: v.level === 'county' ? (v.parentAuthorityId ?? null) : null,
          regionCode,
        });
      }
      void queryClient.invalidateQueries({ queryKey: qk.authorities });
      message.success(editing ? '巡察机构已保存' : '巡察机构已新增');
      onClose();
    } catch (e) {
      const conflict = handleVersionConflict(e, modal, ZAuthority, (current) => {
        void queryClient.invalidateQueries({ queryKey: qk.authorities });
        if (current) {
          form.setFieldsValue({ name: current.name, shortName: current.shortName, regionCode: current.regionCode });
          setVersion(current.version);
        }
      });
      if (!conflict) {
        setError(e);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={editing ? `编辑巡察机构：${editing.name}` : '新增巡察机构'}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="确定"
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
    >
      {Boolean(error) && <ErrorAlert error={error} />}
      <Form<AuthorityValues> form={form} layout="vertical" initialValues={initialValues}>
        <Form.Item
          name="name"
          label="机构名称"
          rules={[
            { required: true, whitespace: true, message: '请输入机构名称' },
            { max: 60, message: '机构名称不能超过60个字' },
          ]}
        >
          <Input placeholder="如：中共××县委巡察工作领导小组办公室" />
        </Form.Item>
        <Form.Item
          name="shortName"
          label="简称"
          rules={[
            { required: true, whitespace: true, message: '请输入简称' },
            { max: 20, message: '简称不能超过20个字' },
          ]}
        >
          <Input placeholder="如：××县委巡察办" />
        </Form.Item>
        <Form.Item name="level" label="级别" rules={[{ required: true, message: '请选择级别' }]}>
          <Radio.Group
            disabled={!!editing}
            options={[
              { value: 'city', label: AUTHORITY_LEVEL_LABELS.city },
              { value: 'county', label: AUTHORITY_LEVEL_LABELS.county },
            ]}
          />
        </Form.Item>
        {level === 'county' && (
          <Form.Item
            name="parentAuthorityId"
            label="上级巡察机构"
            rules={[{ required: !editing, message: '县级巡察机构须选择上级（市级）巡察机构' }]}
          >
            <AuthoritySelect level="city" disabled={!!editing} allowClear />
          </Form.Item>
        )}
        <Form.Item
          name="regionCode"
          label="行政区划代码"
          rules={[{ pattern: /^\d{6}$/, message: '行政区划代码应为6位数字' }]}
        >
          <Input maxLength={6} placeholder="6位数字，可留空" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function AuthorityListPage() {
  usePageMeta([]);
  const perms = usePermissions();
  const canWrite = perms.has('authority:write');
  const { data, error, isPending, isFetching, refetch } = useAuthorities();
  const [dialog, setDialog] = useState<{ editing: TAuthority | null } | null>(null);
  const names = new Map((data?.items ?? []).map((a) => [a.id, a.name]));

  const columns: TableColumnsType<TAuthority> = [
    { title: '名称', dataIndex: 'name' },
    { title: '简称', dataIndex: 'shortName', width: 160 },
    {
      title: '级别',
      dataIndex: 'level',
      width: 80,
      render: (l: TAuthority['level']) => AUTHORITY_LEVEL_LABELS[l],
      filters: [
        { text: '市级', value: 'city' },
        { text: '县级', value: 'county' },
      ],
      onFilter: (v, a) => a.level === v,
    },
    {
      title: '上级机构',
      dataIndex: 'parentAuthorityId',
      render: (id: string | null) => (id ? (names.get(id) ?? '—') : '—'),
    },
    { title: '行政区划代码', dataIndex: 'regionCode', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: '单位数',
      dataIndex: 'orgCount',
      width: 100,
      sorter: (a, b) => a.orgCount - b.orgCount,
      render: (n: number, a) => (perms.has('org:read') ? <Link to={`/orgs?authorityId=${a.id}`}>{n}</Link> : n),
    },
    ...(canWrite
      ? [
          {
            title: '操作',
            key: 'ops',
            width: 90,
            render: (_v: unknown, a: TAuthority) => (
              <Button type="link" size="small" onClick={() => setDialog({ editing: a })}>
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div>
      <PageHeader
        title="巡察机构"
        sub="市、县两级党委巡察机构"
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ editing: null })}>
              新增巡察机构
            </Button>
          )
        }
      />
      <Card>
        {error && <ErrorAlert error={error} onRetry={() => void refetch()} />}
        <Table<TAuthority>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          pagination={false}
          locale={{ emptyText: isPending ? ' ' : <Empty description="暂无巡察机构" /> }}
          footer={() => `共 ${data?.total ?? 0} 个巡察机构`}
        />
      </Card>
      <AuthorityModal open={!!dialog} editing={dialog?.editing ?? null} onClose={() => setDialog(null)} />
    </div>
  );
}
