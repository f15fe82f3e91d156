import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ORG_KINDS, SECTORS, type TOrg } from '@xc/domain';
import { Button, Card, Space, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMe, usePermissions } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { exportOrgs, listOrgs } from '../../api/orgs.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { FilterAuthority, FilterBar, FilterSearch, FilterSelect } from '../../components/filter-bar.tsx';
import { useExport } from '../../components/form-kit/index.ts';
import { optionsOf } from '../../components/options.ts';
import { OrgStatusTag } from '../../components/org-status-tag.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useUrlFilters } from '../../components/url-filters.ts';
import { ORG_STATUS_FILTERS, readOrgFilters, writeOrgFilters } from './org-filters.ts';
import { OrgFormDrawer } from './org-form-drawer.tsx';

export default function OrgListPage() {
  usePageMeta([]);
  const { filters, pages, query, bind, keyword, reset } = useUrlFilters(readOrgFilters, writeOrgFilters);
  const perms = usePermissions();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [editId, setEditId] = useState<string | null>(null);

  const list = useQuery({
    queryKey: qk.orgList(query),
    queryFn: ({ signal }) => listOrgs(query, signal),
    placeholderData: keepPreviousData,
  });

  const filtered = !!(
    filters.q ||
    filters.kind ||
    filters.sector ||
    filters.authorityId ||
    filters.status !== 'active'
  );

  const exportList = useExport(() => exportOrgs(filters));

  const columns: TableColumnsType<TOrg> = [
    {
      title: '名称',
      dataIndex: 'name',
      render: (name: string, o) => <Link to={`/orgs/${o.id}`}>{name}</Link>,
    },
    { title: '类别', dataIndex: 'kind', width: 120 },
    { title: '系统/领域', dataIndex: 'sector', width: 100, render: (v: string | null) => v ?? '—' },
    {
      title: '上级单位',
      dataIndex: 'parentName',
      ellipsis: true,
      render: (v: string | null, o) => (o.parentId ? <Link to={`/orgs/${o.parentId}`}>{v}</Link> : '—'),
    },
    { title: '巡察机构', dataIndex: 'authorityName', width: 140, ellipsis: true },
    {
      title: '统一社会信用代码',
      dataIndex: 'creditCode',
      width: 185,
      render: (v: string | null) => (v ? <Typography.Text copyable>{v}</Typography.Text> : '—'),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: TOrg['status']) => <OrgStatusTag status={s} />,
    },
    {
      title: '操作',
      key: 'ops',
      width: 110,
      fixed: 'right',
      render: (_v, o) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => navigate(`/orgs/${o.id}`)}>
            查看
          </Button>
          {perms.has('org:write') && o.status === 'active' && (
            <Button type="link" size="small" onClick={() => setEditId(o.id)}>
              编辑
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title="单位列表"
        sub="被巡察党组织（巡察对象）名录"
        extra={
          <Space wrap>
            {perms.has('org:write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新增单位
              </Button>
            )}
            {perms.has('org:import') && (
              <Button icon={<UploadOutlined />} onClick={() => navigate('/orgs/import')}>
                批量导入
              </Button>
            )}
            {perms.has('org:export') && (
              <Button icon={<DownloadOutlined />} loading={exportList.pending} onClick={() => void exportList.run()}>
                导出
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <FilterBar filtered={filtered} onReset={reset}>
          <FilterSearch {...keyword} placeholder="单位名称或信用代码" label="搜索单位" width={240} maxLength={60} />
          <FilterSelect label="类别" {...bind('kind')} options={optionsOf(ORG_KINDS)} width={170} />
          <FilterSelect label="系统/领域" {...bind('sector')} options={optionsOf(SECTORS)} width={130} searchable />
          <FilterAuthority {...bind('authorityId')} />
          <FilterSelect
            label="状态"
            {...bind('status')}
            options={ORG_STATUS_FILTERS.map((s) => ({ value: s.value, label: s.label }))}
            width={110}
            clearable={false}
          />
        </FilterBar>
        <CursorTable<TOrg>
          list={list}
          pages={pages}
          columns={columns}
          width={1080}
          empty={{
            filtered,
            whenFiltered: '没有符合条件的单位，请调整筛选条件',
            whenEmpty: '暂无单位，可点击“新增单位”或“批量导入”',
          }}
        />
      </Card>
      <OrgFormDrawer
        open={creating || !!editId}
        orgId={editId}
        defaultAuthorityId={filters.authorityId ?? me?.user.authorityId}
        onClose={() => {
          setCreating(false);
          setEditId(null);
        }}
        onSaved={(o) => {
          const wasCreating = creating;
          setCreating(false);
          setEditId(null);
          if (wasCreating) navigate(`/orgs/${o.id}`);
        }}
      />
    </div>
  );
}
