import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { EXPERTISE, POOL_LABELS, POOL_STATUS_LABELS, POOL_STATUSES, POOLS } from '@xc/domain';
import { Button, Card, Space, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { usePermissions } from '../../api/hooks.ts';
import { listInspectors, ppk, type TInspectorItem } from '../../api/personnel.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { FilterAuthority, FilterBar, FilterSearch, FilterSelect } from '../../components/filter-bar.tsx';
import { optionsOf } from '../../components/options.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useUrlFilters } from '../../components/url-filters.ts';
import { isFiltered, readInspectorFilters, writeInspectorFilters } from './inspector-filters.ts';
import { InspectorFormDrawer } from './inspector-form-drawer.tsx';
import { ExpertiseTags, PoolTags } from './shared.tsx';

export default function InspectorListPage() {
  usePageMeta([]);
  const { filters, pages, query, bind, keyword, reset } = useUrlFilters(readInspectorFilters, writeInspectorFilters);
  const perms = usePermissions();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [editId, setEditId] = useState<string | null>(null);
  const canWrite = perms.has('personnel:write');

  const list = useQuery({
    queryKey: ppk.inspectors(query),
    queryFn: ({ signal }) => listInspectors(query, signal),
    placeholderData: keepPreviousData,
  });

  const filtered = isFiltered(filters);

  const columns: TableColumnsType<TInspectorItem> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 130,
      render: (name: string, i) => (
        <Space size={4}>
          <Link to={`/personnel/inspectors/${i.id}`}>{name}</Link>
          {i.currentTeams > 0 && (
            <Tooltip title="已编入尚未结束的巡察组">
              <Tag color="processing" style={{ marginInlineEnd: 0 }}>
                在组
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: '单位/职务',
      key: 'unit',
      render: (_v, i) => (
        <div>
          <div>{i.homeUnitName}</div>
          {i.post && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {i.post}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: '职级', dataIndex: 'rank', width: 120, render: (v: string) => v || '—' },
    {
      title: '专业',
      dataIndex: 'expertise',
      width: 180,
      render: (v: string[]) => <ExpertiseTags expertise={v} />,
    },
    {
      title: '人员库',
      dataIndex: 'pools',
      width: 200,
      render: (_v, i) => <PoolTags pools={i.pools} />,
    },
    {
      title: (
        <Tooltip title="编入巡察组的次数（含尚未结束的）">
          <span>巡察任务数</span>
        </Tooltip>
      ),
      dataIndex: 'roundsServed',
      width: 120,
      align: 'right',
      sorter: (a, b) => a.roundsServed - b.roundsServed,
    },
    {
      title: '操作',
      key: 'ops',
      width: 110,
      fixed: 'right',
      render: (_v, i) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => navigate(`/personnel/inspectors/${i.id}`)}>
            档案
          </Button>
          {canWrite && (
            <Button type="link" size="small" onClick={() => setEditId(i.id)}>
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
        title="巡察干部库"
        sub="专职巡察干部、巡察人才库和组长库"
        extra={
          canWrite && (
            <Space wrap>
              <Button icon={<UploadOutlined />} onClick={() => navigate('/personnel/inspectors/import')}>
                批量导入
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新增巡察干部
              </Button>
            </Space>
          )
        }
      />
      <Card>
        <FilterBar filtered={filtered} onReset={reset}>
          <FilterSearch {...keyword} placeholder="姓名、单位或职务" label="搜索巡察干部" maxLength={60} />
          <FilterAuthority {...bind('authorityId')} />
          <FilterSelect label="人员库" {...bind('pool')} options={optionsOf(POOLS, POOL_LABELS)} width={140} />
          <FilterSelect
            label="在库状态"
            {...bind('status')}
            options={optionsOf(POOL_STATUSES, POOL_STATUS_LABELS)}
            width={110}
          />
          <FilterSelect label="专业领域" {...bind('expertise')} options={optionsOf(EXPERTISE)} width={120} searchable />
          <FilterSelect
            label="是否空闲"
            {...bind('available')}
            options={[
              { value: 'true', label: '空闲（未在巡）' },
              { value: 'false', label: '正在巡察' },
            ]}
            width={140}
          />
        </FilterBar>
        <CursorTable<TInspectorItem>
          list={list}
          pages={pages}
          columns={columns}
          width={1000}
          empty={{
            filtered,
            whenFiltered: '没有符合条件的巡察干部，请调整筛选条件',
            whenEmpty: canWrite ? '暂无巡察干部，可点击“新增巡察干部”' : '暂无巡察干部',
          }}
        />
      </Card>
      <InspectorFormDrawer
        open={creating || !!editId}
        inspectorId={editId}
        defaultAuthorityId={filters.authorityId}
        onClose={() => {
          setCreating(false);
          setEditId(null);
        }}
        onSaved={(i, created) => {
          setCreating(false);
          setEditId(null);
          if (created) navigate(`/personnel/inspectors/${i.id}`);
        }}
      />
    </div>
  );
}
