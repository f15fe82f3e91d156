import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { AUTHORITY_LEVEL_LABELS, type TAuthority, ZAuthority, ZAuthorityCreate, ZAuthorityUpdate } from '@xc/domain';
import { Button, Card, Form, Input, Radio, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  createAuthority,
  type TAuthorityCreateInput,
  type TAuthorityUpdateInput,
  updateAuthority,
} from '../../api/authorities.ts';
import { useAuthorities, usePermissions } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { QueryTable } from '../../components/cursor-table.tsx';
import { Field, FormModal, optional, useSchemaForm } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';

interface AuthorityValues {
  name?: string;
  shortName?: string;
  level?: 'city' | 'county';
  parentAuthorityId?: string | null;
  regionCode?: string | null;
  version?: number;
}

const toForm = (a: TAuthority): AuthorityValues => ({
  name: a.name,
  shortName: a.shortName,
  level: a.level,
  parentAuthorityId: a.parentAuthorityId,
  regionCode: a.regionCode ?? '',
  version: a.version,
});

function AuthorityModal({
  open,
  editing,
  onClose,
}: {
  open: boolean;
  editing: TAuthority | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const kit = useSchemaForm({
    schema: editing ? ZAuthorityUpdate : ZAuthorityCreate,
    toBody: (v: AuthorityValues) => {
      const common = { name: v.name ?? '', shortName: v.shortName ?? '', regionCode: optional(v.regionCode) ?? null };
      return editing
        ? { version: v.version, ...common }
        : { ...common, level: v.level, parentAuthorityId: v.level === 'county' ? (v.parentAuthorityId ?? null) : null };
    },
    mutationFn: (body) =>
      editing
        ? updateAuthority(editing.id, body as TAuthorityUpdateInput)
        : createAuthority(body as TAuthorityCreateInput),
    success: editing ? '巡察机构已保存' : '巡察机构已新增',
    invalidate: [qk.authorities],
    onSuccess: onClose,
    conflict: {
      schema: ZAuthority,
      reload: (current) => {
        void queryClient.invalidateQueries({ queryKey: qk.authorities });
        return current ? toForm(current) : undefined;
      },
    },
    open,
    openKey: editing?.id ?? 'new',
    initial: (): AuthorityValues => (editing ? toForm(editing) : { level: 'county' }),
  });
  const level = Form.useWatch('level', kit.form);

  return (
    <FormModal
      kit={kit}
      title={editing ? `编辑巡察机构：${editing.name}` : '新增巡察机构'}
      open={open}
      onClose={onClose}
      okText="确定"
      lazy
    >
      <Field name="name" label="机构名称" required>
        <Input placeholder="如：中共××县委巡察工作领导小组办公室" />
      </Field>
      <Field name="shortName" label="简称" required>
        <Input placeholder="如：××县委巡察办" />
      </Field>
      <Field name="level" label="级别" required>
        <Radio.Group
          disabled={!!editing}
          options={[
            { value: 'city', label: AUTHORITY_LEVEL_LABELS.city },
            { value: 'county', label: AUTHORITY_LEVEL_LABELS.county },
          ]}
        />
      </Field>
      {level === 'county' && (
        <Field name="parentAuthorityId" label="上级巡察机构" required={!editing}>
          <AuthoritySelect level="city" disabled={!!editing} allowClear />
        </Field>
      )}
      <Field name="regionCode" label="行政区划代码">
        <Input maxLength={6} placeholder="6位数字，可留空" />
      </Field>
    </FormModal>
  );
}

export default function AuthorityListPage() {
  usePageMeta([]);
  const perms = usePermissions();
  const canWrite = perms.has('authority:write');
  const authorities = useAuthorities();
  const { data } = authorities;
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
        <QueryTable<TAuthority>
          query={authorities}
          rows={data?.items ?? []}
          size="large"
          columns={columns}
          empty="暂无巡察机构"
          footer={() => `共 ${data?.total ?? 0} 个巡察机构`}
        />
      </Card>
      <AuthorityModal open={!!dialog} editing={dialog?.editing ?? null} onClose={() => setDialog(null)} />
    </div>
  );
}
