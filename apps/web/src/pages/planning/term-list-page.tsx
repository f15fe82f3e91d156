import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TTerm } from '@xc/domain';
import { Button, Card, Space, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { usePermissions } from '../../api/hooks.ts';
import { listTerms, pk } from '../../api/planning.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { useCursorPages } from '../../components/cursor-pager.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useUrlParams } from '../../components/url-filters.ts';
import { today, useHomeAuthorityId } from './shared.tsx';
import { TermFormModal } from './term-form-modal.tsx';

export function TermStatusTag({ term }: { term: TTerm }) {
  if (term.current) return <Tag color="green">当前届期</Tag>;
  return term.endDate < today() ? <Tag>已结束</Tag> : <Tag color="blue">未开始</Tag>;
}

export default function TermListPage() {
  usePageMeta([]);
  const perms = usePermissions();
  const navigate = useNavigate();
  const home = useHomeAuthorityId();
  const { params, set } = useUrlParams();
  const authorityId = params.get('authorityId') ?? home;
  const pages = useCursorPages(authorityId ?? '');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<TTerm | null>(null);
  const canWrite = perms.has('plan:write');

  const query = { authorityId, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: pk.terms(query),
    queryFn: ({ signal }) => listTerms(query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<TTerm> = [
    {
      title: '届次',
      dataIndex: 'name',
      render: (name: string, t) => <Link to={`/planning/terms/${t.id}`}>{name}</Link>,
    },
    { title: '巡察机构', dataIndex: 'authorityName', width: 200, ellipsis: true },
    { title: '开始日期', dataIndex: 'startDate', width: 120 },
    { title: '结束日期', dataIndex: 'endDate', width: 120 },
    { title: '状态', key: 'status', width: 110, render: (_v, t) => <TermStatusTag term={t} /> },
    {
      title: '操作',
      key: 'ops',
      width: 220,
      render: (_v, t) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => navigate(`/planning/terms/${t.id}`)}>
            覆盖情况
          </Button>
          <Button type="link" size="small" onClick={() => navigate(`/planning/terms/${t.id}/board`)}>
            轮次看板
          </Button>
          {canWrite && (
            <Button type="link" size="small" onClick={() => setEditing(t)}>
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
        title="届期与覆盖"
        sub="每届期内对所辖党组织巡察全覆盖"
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建届期
            </Button>
          )
        }
      />
      <Card>
        <Space wrap className="xc-filter-bar">
          <AuthoritySelect
            value={authorityId}
            allowClear
            placeholder="全部巡察机构"
            onChange={(v) => set({ authorityId: v })}
            style={{ width: 260 }}
          />
        </Space>
        <CursorTable<TTerm>
          list={list}
          pages={pages}
          columns={columns}
          onRow={(t) => ({ onDoubleClick: () => navigate(`/planning/terms/${t.id}`) })}
          empty={{
            filtered: false,
            whenFiltered: null,
            whenEmpty: canWrite ? '暂无届期，可点击“新建届期”' : '暂无届期',
          }}
        />
      </Card>
      <TermFormModal
        open={creating || !!editing}
        term={editing}
        defaultAuthorityId={authorityId}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
        onSaved={(t) => {
          if (creating) navigate(`/planning/terms/${t.id}`);
        }}
      />
    </div>
  );
}
