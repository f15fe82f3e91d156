import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { BULLETIN_STATUS_LABELS, BULLETIN_STATUSES, SECTORS, type TBulletinStatus, type TSector } from '@xc/domain';
import { Button, Card, Space, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { gk, listBulletins, type TBulletinOut } from '../../api/governance.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { FilterSearch, FilterSelect, ResetFiltersButton } from '../../components/filter-bar.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { isUuid, keywordOf, oneOf, toParams, useUrlFilters } from '../../components/url-filters.ts';
import { TermSelect } from '../fieldwork/shared.tsx';
import { BulletinDrawer } from './bulletin-drawer.tsx';
import { BulletinStatusTag, emptyText, SECTOR_OPTIONS, useDefaultTermId, useGovRoles } from './shared.tsx';

const KEYS = ['termId', 'status', 'sector', 'q'] as const;
type F = { termId?: string; status?: TBulletinStatus; sector?: TSector; q?: string };
const read = (p: URLSearchParams): F => ({
  termId: isUuid(p.get('termId')) ? (p.get('termId') as string) : undefined,
  status: oneOf<TBulletinStatus>(BULLETIN_STATUSES, p.get('status')),
  sector: oneOf<TSector>(SECTORS, p.get('sector')),
  q: keywordOf(p, 50),
});
const write = (f: F) => toParams(f, KEYS);

const readCount = (b: TBulletinOut) => {
  const online = b.recipients.filter((r) => r.userId || r.orgId);
  return online.length ? `${online.filter((r) => r.readAt).length}/${online.length}` : '—';
};

/** 分类通报: the bulletins of the office's authorities, with their status and read receipts. */
export default function BulletinsPage() {
  usePageMeta([]);
  const roles = useGovRoles();
  const navigate = useNavigate();
  const { filters, pages, query, set, reset } = useUrlFilters(read, write);
  const defaultTermId = useDefaultTermId(filters.termId);
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: gk.bulletins(query),
    queryFn: ({ signal }) => listBulletins(query, signal),
    placeholderData: keepPreviousData,
  });
  const filtered = KEYS.some((k) => !!filters[k]);
  const columns: TableColumnsType<TBulletinOut> = [
    {
      title: '文号',
      dataIndex: 'number',
      width: 170,
      render: (n: string | null) => n ?? <Typography.Text type="secondary">未编号</Typography.Text>,
    },
    {
      title: '标题',
      dataIndex: 'title',
      ellipsis: true,
      render: (t: string, b) => <Link to={`/governance/bulletins/${b.id}`}>{t}</Link>,
    },
    { title: '领域', dataIndex: 'sector', width: 100 },
    {
      title: '共性问题',
      key: 'problems',
      width: 220,
      ellipsis: true,
      render: (_, b) => b.commonProblems.map((p) => p.name).join('、'),
    },
    {
      title: '接收对象',
      key: 'recipients',
      width: 200,
      ellipsis: true,
      render: (_, b) => b.recipients.map((r) => r.name).join('、'),
    },
    { title: '已读', key: 'read', width: 70, render: (_, b) => (b.status === 'sent' ? readCount(b) : '—') },
    { title: '状态', dataIndex: 'status', width: 90, render: (s: TBulletinStatus) => <BulletinStatusTag status={s} /> },
    { title: '印发日期', dataIndex: 'sentOn', width: 110, render: (d: string | null) => d ?? '—' },
  ];
  return (
    <div>
      <PageHeader
        title="分类通报"
        sub="按领域向分管领导和主管部门通报共性问题；审批通过后编号，印发后在系统内送达并记录阅读回执"
        extra={
          roles.manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建通报
            </Button>
          )
        }
      />
      <Card>
        <Space wrap className="xc-filter-bar" style={{ marginBottom: 16 }}>
          <TermSelect value={filters.termId} onChange={(termId) => set({ termId })} width={220} />
          <FilterSelect
            label="状态"
            value={filters.status}
            onChange={(status) => set({ status })}
            options={BULLETIN_STATUSES.map((s) => ({ value: s, label: BULLETIN_STATUS_LABELS[s] }))}
            width={110}
          />
          <FilterSelect
            label="领域"
            value={filters.sector}
            onChange={(sector) => set({ sector })}
            options={SECTOR_OPTIONS}
            width={130}
            searchable
          />
          <FilterSearch value={filters.q} onSearch={(q) => set({ q })} placeholder="标题或文号" label="搜索通报" />
          <ResetFiltersButton filtered={filtered} onReset={reset} />
        </Space>
        <CursorTable<TBulletinOut>
          list={list}
          pages={pages}
          columns={columns}
          width={1100}
          onOpen={(b) => navigate(`/governance/bulletins/${b.id}`)}
          empty={emptyText(
            { termId: filters.termId, others: !!(filters.status || filters.sector || filters.q) },
            '没有符合条件的通报',
            roles.manage ? '暂无通报，可点击“新建通报”' : '暂无通报',
          )}
        />
      </Card>
      <BulletinDrawer
        open={creating}
        bulletin={null}
        defaultTermId={defaultTermId}
        onClose={() => setCreating(false)}
        onSaved={(b) => navigate(`/governance/bulletins/${b.id}`)}
      />
    </div>
  );
}
