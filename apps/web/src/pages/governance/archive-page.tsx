import { DownloadOutlined, FileExcelOutlined, InboxOutlined, SolutionOutlined } from '@ant-design/icons';
import {
  ARCHIVE_CLASS_LABELS,
  ARCHIVE_CLASSES,
  ARCHIVE_DOC_KIND_LABELS,
  ARCHIVE_DOC_KINDS,
  type TArchiveClass,
  type TArchiveDocKind,
} from '@xc/domain';
import { App, Button, Card, Select, Space, type TableColumnsType, Tabs, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  archiveInspection,
  downloadArchiveItem,
  exportCatalogue,
  gak,
  type TArchiveCandidateOut,
  type TArchiveItemOut,
  useArchiveCandidates,
  useArchiveItems,
} from '../../api/governance-archive.ts';
import { usePermissions } from '../../api/hooks.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { FilterSearch, FilterSelect, ResetFiltersButton } from '../../components/filter-bar.tsx';
import { useAction, useExport } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { isUuid, keywordOf, oneOf, useUrlFilters, useUrlParams } from '../../components/url-filters.ts';
import { TermSelect } from '../fieldwork/shared.tsx';
import { stageLabel } from '../rectification/inspection-picker.tsx';
import { ArchiveBorrowDrawer } from './archive-borrow-drawer.tsx';
import { ArchiveClassTag, RetentionTag } from './archive-tags.tsx';
import { emptyText } from './shared.tsx';

const TABS = ['pending', 'items'] as const;
type Tab = (typeof TABS)[number];

// ------------------------------------------------------------------ 待归档

interface PendingFilters {
  termId?: string;
}
const readPending = (p: URLSearchParams): PendingFilters => ({
  termId: isUuid(p.get('termId')) ? (p.get('termId') as string) : undefined,
});
const writePending = (f: PendingFilters) => {
  const p = new URLSearchParams();
  if (f.termId) p.set('termId', f.termId);
  return p;
};

function PendingTab() {
  const { modal } = App.useApp();
  const perms = usePermissions();
  const canFile = perms.has('governance:manage');
  const { filters, pages, query, set } = useUrlFilters(readPending, writePending);
  const list = useArchiveCandidates({ ...query, archived: 'false' });
  const file = useAction((c: TArchiveCandidateOut) => archiveInspection(c.inspectionId), {
    success: (r) =>
      r.filed > 0 && r.firstNumber
        ? `已归档${r.filed}件，档号 ${r.firstNumber}${r.lastNumber && r.lastNumber !== r.firstNumber ? ` 至 ${r.lastNumber}` : ''}`
        : `已归档${r.filed}件`,
    invalidate: [gak.all, ['planning'], ['rectification']],
  });
  const confirmFile = (c: TArchiveCandidateOut) =>
    modal.confirm({
      title: `将“${c.inspectionName}”归档？`,
      content: `将按文书档案、业务档案逐件归档本巡察的${c.items}件文件并编制档号。归档后该巡察转为只读：工作方案、底稿、报告、反馈、整改及公开等材料均不能再修改或补充，查阅须通过档案借阅。`,
      okText: '确认归档',
      okButtonProps: { danger: true },
      onOk: () => file.run(c),
    });
  const filing = file.running?.[0].inspectionId;
  const columns: TableColumnsType<TArchiveCandidateOut> = [
    { title: '巡察', dataIndex: 'inspectionName', ellipsis: true },
    { title: '阶段', key: 'stage', width: 110, render: (_v, c) => <Tag color="blue">{stageLabel(c.stage)}</Tag> },
    { title: '待归档文件', dataIndex: 'items', width: 110, align: 'right', render: (n: number) => `${n}件` },
    {
      title: '归档条件',
      key: 'problem',
      render: (_v, c) =>
        c.problem ? (
          <Space size={4}>
            <Tag color="red">暂不能归档</Tag>
            <Typography.Text type="secondary">{c.problem}</Typography.Text>
          </Space>
        ) : (
          <Tag color="green">可以归档</Tag>
        ),
    },
    ...(canFile
      ? [
          {
            title: '操作',
            key: 'ops',
            width: 100,
            render: (_v: unknown, c: TArchiveCandidateOut) => (
              <Tooltip title={c.problem ?? undefined}>
                <Button
                  type="link"
                  size="small"
                  icon={<InboxOutlined />}
                  disabled={!!c.problem || (filing !== undefined && filing !== c.inspectionId)}
                  loading={filing === c.inspectionId}
                  onClick={() => confirmFile(c)}
                >
                  归档
                </Button>
              </Tooltip>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <Space wrap className="xc-filter-bar" style={{ marginBottom: 16 }}>
        <TermSelect value={filters.termId} onChange={(termId) => set({ termId })} />
        <Typography.Text type="secondary">
          已完成整改公开的巡察可以归档；全宗号须先在“以巡促治设置”中设置。
        </Typography.Text>
      </Space>
      <CursorTable<TArchiveCandidateOut>
        list={list}
        pages={pages}
        rowKey="inspectionId"
        columns={columns}
        width={900}
        empty={emptyText({ termId: filters.termId, others: false }, '没有符合条件的巡察', '暂无待归档的巡察')}
      />
    </>
  );
}

// ------------------------------------------------------------------ 已归档

const ITEM_KEYS = ['termId', 'inspectionId', 'archiveClass', 'kind', 'year', 'q'] as const;
interface ItemFilters {
  termId?: string;
  inspectionId?: string;
  archiveClass?: TArchiveClass;
  kind?: TArchiveDocKind;
  year?: string;
  q?: string;
}
const YEARS = Array.from({ length: 12 }, (_v, i) => String(dayjs().year() - i));

function readItems(p: URLSearchParams): ItemFilters {
  return {
    termId: isUuid(p.get('termId')) ? (p.get('termId') as string) : undefined,
    inspectionId: isUuid(p.get('inspectionId')) ? (p.get('inspectionId') as string) : undefined,
    archiveClass: oneOf(ARCHIVE_CLASSES, p.get('archiveClass')),
    kind: oneOf(ARCHIVE_DOC_KINDS, p.get('kind')),
    year: /^\d{4}$/.test(p.get('year') ?? '') ? (p.get('year') as string) : undefined,
    q: keywordOf(p, 50),
  };
}
function writeItems(f: ItemFilters): URLSearchParams {
  const p = new URLSearchParams({ tab: 'items' });
  for (const k of ITEM_KEYS) if (f[k]) p.set(k, f[k] as string);
  return p;
}

/** The archived inspections, to narrow the items to one. */
function ArchivedInspectionSelect({
  termId,
  value,
  onChange,
}: {
  termId: string | undefined;
  value: string | undefined;
  onChange: (id: string | undefined) => void;
}) {
  const list = useArchiveCandidates({ termId, archived: 'true', limit: 500 });
  return (
    <Select
      value={value}
      onChange={(v?: string) => onChange(v || undefined)}
      allowClear
      placeholder="已归档的巡察"
      aria-label="巡察"
      loading={list.isPending}
      style={{ width: 300 }}
      popupMatchSelectWidth={false}
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent={list.isPending ? '正在加载…' : '暂无已归档的巡察'}
      options={(list.data?.items ?? []).map((c) => ({
        value: c.inspectionId,
        label: `${c.inspectionName}${c.archivedDate ? `（${c.archivedDate}归档）` : ''}`,
      }))}
    />
  );
}

function ItemsTab() {
  const perms = usePermissions();
  const canBorrow = perms.has('archive:borrow');
  const { filters, pages, query, set } = useUrlFilters(readItems, writeItems);
  const list = useArchiveItems(query);
  const [selected, setSelected] = useState<TArchiveItemOut[]>([]);
  const [borrowing, setBorrowing] = useState(false);
  const dl = useExport((i: TArchiveItemOut) => downloadArchiveItem(i.id, `${i.catalogueNumber} ${i.title}`), '已下载');
  const catalogue = useExport(() =>
    exportCatalogue(filters.inspectionId ? { inspectionId: filters.inspectionId } : { termId: filters.termId }),
  );
  const downloading = dl.running?.[0].id;
  const filtered = ITEM_KEYS.some((k) => !!filters[k]);
  const clear = () =>
    set({
      termId: undefined,
      inspectionId: undefined,
      archiveClass: undefined,
      kind: undefined,
      year: undefined,
      q: undefined,
    });
  const columns: TableColumnsType<TArchiveItemOut> = [
    {
      title: '档号',
      dataIndex: 'catalogueNumber',
      width: 170,
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: '题名', dataIndex: 'title', ellipsis: true },
    {
      title: '门类',
      key: 'class',
      width: 100,
      render: (_v, i) => <ArchiveClassTag archiveClass={i.archiveClass} />,
    },
    { title: '文件类别', key: 'kind', width: 150, render: (_v, i) => ARCHIVE_DOC_KIND_LABELS[i.kind] },
    { title: '文件日期', dataIndex: 'docDate', width: 110 },
    { title: '保管期限', key: 'retention', width: 100, render: (_v, i) => <RetentionTag retention={i.retention} /> },
    { title: '页数', dataIndex: 'pages', width: 70, align: 'right', render: (n: number | null) => n ?? '—' },
    { title: '归档日期', dataIndex: 'filedOn', width: 110 },
    {
      title: '操作',
      key: 'ops',
      width: 90,
      render: (_v, i) =>
        i.fileId ? (
          <Button
            type="link"
            size="small"
            icon={<DownloadOutlined />}
            loading={downloading === i.id}
            disabled={downloading !== undefined && downloading !== i.id}
            onClick={() => void dl.run(i)}
          >
            下载
          </Button>
        ) : (
          <Typography.Text type="secondary">无电子文件</Typography.Text>
        ),
    },
  ];
  return (
    <>
      <Space wrap className="xc-filter-bar" style={{ marginBottom: 16 }}>
        <TermSelect value={filters.termId} onChange={(termId) => set({ termId, inspectionId: undefined })} />
        <ArchivedInspectionSelect
          termId={filters.termId}
          value={filters.inspectionId}
          onChange={(inspectionId) => set({ inspectionId })}
        />
        <FilterSelect
          label="档案门类"
          value={filters.archiveClass}
          onChange={(archiveClass) => set({ archiveClass })}
          options={ARCHIVE_CLASSES.map((c) => ({ value: c, label: ARCHIVE_CLASS_LABELS[c] }))}
          width={120}
        />
        <FilterSelect
          label="文件类别"
          value={filters.kind}
          onChange={(kind) => set({ kind })}
          options={ARCHIVE_DOC_KINDS.map((k) => ({ value: k, label: ARCHIVE_DOC_KIND_LABELS[k] }))}
          width={170}
          searchable
        />
        <FilterSelect
          label="年度"
          value={filters.year}
          onChange={(year) => set({ year })}
          options={YEARS.map((y) => ({ value: y, label: `${y}年` }))}
          width={110}
        />
        <FilterSearch value={filters.q} onSearch={(q) => set({ q })} placeholder="题名或档号" label="搜索档案" />
        <ResetFiltersButton filtered={filtered} onReset={clear} />
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tooltip title={filters.inspectionId || filters.termId ? undefined : '请先选择届次或巡察'}>
          <Button
            icon={<FileExcelOutlined />}
            loading={catalogue.pending}
            disabled={!filters.inspectionId && !filters.termId}
            onClick={() => void catalogue.run()}
          >
            导出档案目录
          </Button>
        </Tooltip>
        {canBorrow && (
          <Button
            type="primary"
            icon={<SolutionOutlined />}
            disabled={selected.length === 0}
            onClick={() => setBorrowing(true)}
          >
            申请借阅{selected.length > 0 ? `（${selected.length}件）` : ''}
          </Button>
        )}
        {canBorrow && <Link to="/governance/archive/borrows">我的借阅</Link>}
      </Space>
      <CursorTable<TArchiveItemOut>
        list={list}
        pages={pages}
        columns={columns}
        width={1250}
        rowSelection={
          canBorrow
            ? {
                selectedRowKeys: selected.map((i) => i.id),
                preserveSelectedRowKeys: true,
                onChange: (_keys, rows) =>
                  setSelected((prev) => {
                    // Rows of other pages stay chosen; antd hands back undefined for rows it no longer shows.
                    const shown = new Set((list.data?.items ?? []).map((i) => i.id));
                    const byId = new Map(prev.filter((p) => !shown.has(p.id)).map((p) => [p.id, p]));
                    for (const r of rows) if (r) byId.set(r.id, r);
                    return [...byId.values()].slice(0, 50);
                  }),
              }
            : undefined
        }
        empty={{ filtered, whenFiltered: '没有符合条件的档案', whenEmpty: '暂无归档的档案' }}
      />
      <ArchiveBorrowDrawer
        items={selected}
        open={borrowing}
        onClose={() => setBorrowing(false)}
        onDone={() => {
          setBorrowing(false);
          setSelected([]);
        }}
      />
    </>
  );
}

/**
 * 档案: the inspections waiting to be filed (with why one cannot be yet) and filing them, and the
 * filed items — 文书档案 and 业务档案, one item per file with its catalogue number and retention —
 * with the catalogue export and borrowing.
 */
export default function ArchivePage() {
  usePageMeta([]);
  const { params, set } = useUrlParams();
  const tab: Tab = oneOf(TABS, params.get('tab')) ?? 'pending';
  return (
    <div>
      <PageHeader title="巡察档案" sub="巡察结束后按文书档案、业务档案逐件归档，归档后的巡察只读，查阅须申请借阅" />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(t) => {
            // Each tab has filters of its own: switching starts with none.
            const patch: Record<string, string | null> = Object.fromEntries([...params.keys()].map((k) => [k, null]));
            set({ ...patch, tab: t === 'pending' ? null : t });
          }}
          destroyOnHidden
          items={[
            { key: 'pending', label: '待归档', children: <PendingTab /> },
            { key: 'items', label: '已归档', children: <ItemsTab /> },
          ]}
        />
      </Card>
    </div>
  );
}
