import { DownloadOutlined } from '@ant-design/icons';
import { BORROW_STATUS_LABELS, BORROW_STATUSES, type TBorrowStatus, ZArchiveBorrowDecision } from '@xc/domain';
import { App, Button, Card, Input, Space, type TableColumnsType, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import {
  decideBorrow,
  downloadArchiveItem,
  gak,
  returnBorrow,
  type TBorrowOut,
  useBorrows,
} from '../../api/governance-archive.ts';
import { usePermissions } from '../../api/hooks.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { FilterSelect, ResetFiltersButton } from '../../components/filter-bar.tsx';
import { Field, FormModal, optional, useAction, useExport, useSchemaForm } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { oneOf, useUrlFilters, useUrlParams } from '../../components/url-filters.ts';
import { BorrowStatusTag } from './archive-tags.tsx';

type Decision = 'approve' | 'reject';
const TABS = ['mine', 'approve'] as const;
type Tab = (typeof TABS)[number];

/** 批准 (an optional comment) or 不批准 (the reason is required: the schema says so). */
function DecideModal({
  target,
  onClose,
}: {
  target: { record: TBorrowOut; decision: Decision } | null;
  onClose: () => void;
}) {
  const { modal } = App.useApp();
  const kit = useSchemaForm({
    schema: ZArchiveBorrowDecision,
    toBody: (v: { comment?: string }) => ({
      version: target?.record.version,
      decision: target?.decision,
      comment: optional(v.comment),
    }),
    mutationFn: (body) => decideBorrow(target?.record.id ?? '', body),
    success: (_r, body) => (body.decision === 'approve' ? '已批准借阅' : '已不予批准'),
    invalidate: [gak.all],
    onSuccess: onClose,
    onError: (e) => {
      if (!isApiError(e) || e.status !== 409) return false;
      modal.warning({ title: '该申请已被处理', content: '其他人已审批或申请人已撤回，列表已刷新。', onOk: onClose });
      return true;
    },
    open: !!target,
    openKey: target ? `${target.record.id}-${target.decision}` : undefined,
    initial: () => (target ? { comment: '' } : undefined),
  });
  const approve = target?.decision === 'approve';
  return (
    <FormModal
      kit={kit}
      title={approve ? '批准借阅' : '不予批准'}
      open={!!target}
      onClose={onClose}
      okText={approve ? '批准' : '不予批准'}
      danger={!approve}
      name="borrowDecision"
      intro={
        target && (
          <Typography.Paragraph>
            {target.record.requestedByName ?? '申请人'}申请借阅 {target.record.items.length} 件档案，至{' '}
            {target.record.until} 归还。事由：{target.record.reason}
          </Typography.Paragraph>
        )
      }
    >
      <Field name="comment" label={approve ? '审批意见（选填）' : '不批准的理由'} required={!approve}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Field>
    </FormModal>
  );
}

function BorrowedItems({ record }: { record: TBorrowOut }) {
  const dl = useExport((id: string, name: string) => downloadArchiveItem(id, name), '已下载');
  // The file opens only while the borrowing is approved, not returned and not past its date (the server checks too).
  const open = record.status === 'approved' && !record.returnedAt && !record.overdue;
  const downloading = dl.running?.[0];
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
      {record.items.map((i) => (
        <Space key={i.id} size={8}>
          <Typography.Text code>{i.catalogueNumber}</Typography.Text>
          <span>{i.title}</span>
          {open && (
            <Button
              type="link"
              size="small"
              icon={<DownloadOutlined />}
              loading={downloading === i.id}
              disabled={downloading !== undefined && downloading !== i.id}
              onClick={() => void dl.run(i.id, `${i.catalogueNumber} ${i.title}`)}
            >
              查阅
            </Button>
          )}
        </Space>
      ))}
      {record.comment && <Typography.Text type="secondary">审批意见：{record.comment}</Typography.Text>}
    </Space>
  );
}

interface ListFilters {
  status?: TBorrowStatus;
}

function BorrowList({ tab }: { tab: Tab }) {
  const { modal } = App.useApp();
  const perms = usePermissions();
  const approver = tab === 'approve' && perms.has('archive:approve');
  const { filters, pages, query, set } = useUrlFilters(
    (p): ListFilters => ({ status: oneOf(BORROW_STATUSES, p.get('status')) }),
    (f) => {
      const p = new URLSearchParams(tab === 'approve' ? { tab } : {});
      if (f.status) p.set('status', f.status);
      return p;
    },
  );
  const list = useBorrows(tab === 'mine' ? { ...query, mine: 'true' } : query);
  const [deciding, setDeciding] = useState<{ record: TBorrowOut; decision: Decision } | null>(null);
  const giveBack = useAction((r: TBorrowOut) => returnBorrow(r.id, { version: r.version }), {
    success: '已登记归还',
    invalidate: [gak.all],
  });
  const confirmReturn = (r: TBorrowOut) =>
    modal.confirm({
      title: '登记归还？',
      content: `登记后，借阅的 ${r.items.length} 件档案不能再通过本次借阅查阅。`,
      okText: '登记归还',
      onOk: () => giveBack.run(r),
    });
  const returning = giveBack.running?.[0].id;
  const columns: TableColumnsType<TBorrowOut> = [
    ...(tab === 'approve'
      ? [{ title: '申请人', dataIndex: 'requestedByName', width: 110, render: (v: string | null) => v ?? '—' }]
      : []),
    {
      title: '申请时间',
      dataIndex: 'requestedAt',
      width: 150,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: '借阅档案',
      key: 'items',
      ellipsis: true,
      render: (_v, r) =>
        `${r.items
          .slice(0, 2)
          .map((i) => i.title)
          .join('、')}${r.items.length > 2 ? ` 等${r.items.length}件` : ''}`,
    },
    { title: '借阅事由', dataIndex: 'reason', ellipsis: true, width: 220 },
    {
      title: '归还日期',
      key: 'until',
      width: 110,
      render: (_v, r) => (r.overdue ? <Typography.Text type="danger">{r.until}</Typography.Text> : r.until),
    },
    {
      title: '状态',
      key: 'status',
      width: 170,
      render: (_v, r) => <BorrowStatusTag status={r.status} overdue={r.overdue} />,
    },
    {
      title: '审批',
      key: 'decided',
      width: 150,
      render: (_v, r) =>
        r.decidedAt ? (
          <>
            {r.decidedByName ?? '—'}
            <br />
            <Typography.Text type="secondary">{dayjs(r.decidedAt).format('YYYY-MM-DD')}</Typography.Text>
          </>
        ) : (
          '—'
        ),
    },
    {
      title: '操作',
      key: 'ops',
      width: 190,
      render: (_v, r) => (
        <Space size={0} wrap>
          {approver && r.status === 'requested' && (
            <>
              <Button type="link" size="small" onClick={() => setDeciding({ record: r, decision: 'approve' })}>
                批准
              </Button>
              <Button type="link" size="small" danger onClick={() => setDeciding({ record: r, decision: 'reject' })}>
                不批准
              </Button>
            </>
          )}
          {r.status === 'approved' && !r.returnedAt && (
            <Button
              type="link"
              size="small"
              loading={returning === r.id}
              disabled={returning !== undefined && returning !== r.id}
              onClick={() => confirmReturn(r)}
            >
              登记归还
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Space wrap className="xc-filter-bar" style={{ marginBottom: 16 }}>
        <FilterSelect
          label="借阅状态"
          value={filters.status}
          onChange={(status) => set({ status })}
          options={BORROW_STATUSES.map((s) => ({ value: s, label: BORROW_STATUS_LABELS[s] }))}
          width={140}
        />
        <ResetFiltersButton filtered={!!filters.status} onReset={() => set({ status: undefined })} />
      </Space>
      <CursorTable<TBorrowOut>
        list={list}
        pages={pages}
        columns={columns}
        width={1200}
        expandable={{ expandedRowRender: (r) => <BorrowedItems record={r} /> }}
        empty={{
          filtered: !!filters.status,
          whenFiltered: '没有该状态的借阅申请',
          whenEmpty: tab === 'mine' ? '您还没有借阅申请，可在“已归档”中选择档案申请借阅' : '暂无借阅申请',
        }}
      />
      <DecideModal target={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}

/**
 * 档案借阅: the caller's own requests (with the files open while the borrowing runs) and, for the
 * office leader who approves, every request of the authority to approve or refuse (with the reason),
 * returns and overdue borrowings.
 */
export default function ArchiveBorrowsPage() {
  usePageMeta([]);
  const perms = usePermissions();
  const { params, set } = useUrlParams();
  const canApprove = perms.has('archive:approve');
  const tab: Tab = canApprove ? (oneOf(TABS, params.get('tab')) ?? 'mine') : 'mine';
  return (
    <div>
      <PageHeader
        title="档案借阅"
        sub="借阅归档的巡察档案须经巡察办领导批准，查阅情况记入审计日志；逾期未还的不能再查阅"
      />
      <Card>
        {canApprove ? (
          <Tabs
            activeKey={tab}
            onChange={(t) => set({ tab: t === 'mine' ? null : t, status: null })}
            destroyOnHidden
            items={[
              { key: 'mine', label: '我的借阅', children: <BorrowList tab="mine" /> },
              { key: 'approve', label: '借阅审批', children: <BorrowList tab="approve" /> },
            ]}
          />
        ) : (
          <BorrowList tab="mine" />
        )}
      </Card>
    </div>
  );
}
