import { DeleteOutlined, DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { AUDIT_ACTION_LABELS, chineseDate, ROLE_LABELS, type TAuditEntry } from '@xc/domain';
import { Alert, Button, Card, DatePicker, Descriptions, Space, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { exportAudit, listAudit, type TAuditFilters, type TAuditPurgeResult, verifyAudit } from '../../api/audit.ts';
import { usePermissions } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FilterBar, FilterSearch, FilterSelect } from '../../components/filter-bar.tsx';
import { useExport } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { usePageFilters } from '../../components/url-filters.ts';
import { AuditPurgeModal } from './audit-purge-modal.tsx';

const RESULTS = {
  success: { label: '成功', color: 'green' },
  failure: { label: '失败', color: 'gold' },
  denied: { label: '拒绝', color: 'red' },
} as const;

/** Object types the server writes; the domain has no label table for them yet. */
const OBJECT_LABELS: Record<string, string> = {
  user: '账号',
  grant: '授权',
  authority: '巡察机构',
  organization: '单位',
  settings: '系统设置',
  export: '导出文件',
  route: '接口',
  system: '系统',
  audit: '审计日志',
};
const objectLabel = (t: string) => OBJECT_LABELS[t] ?? t;

const roleLabel = (r: string | null) => (r ? (ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r) : '—');
const actionLabel = (a: string) => AUDIT_ACTION_LABELS[a] ?? a;

function Detail({ e }: { e: TAuditEntry }) {
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        {
          key: 'obj',
          label: '对象',
          children: e.objectType ? `${objectLabel(e.objectType)} ${e.objectId ?? ''}` : '—',
        },
        { key: 'rid', label: '请求编号', children: e.requestId ?? '—' },
        {
          key: 'detail',
          label: '详情',
          children: e.detail ? (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {JSON.stringify(e.detail, null, 2)}
            </pre>
          ) : (
            '—'
          ),
        },
        {
          key: 'hash',
          label: '链式哈希（SM3）',
          children: (
            <Typography.Text code style={{ wordBreak: 'break-all' }}>
              {e.hash}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

/** 安全审计员: the append-only, hash-chained log; newest first. */
export default function AuditPage() {
  usePageMeta([]);
  const perms = usePermissions();
  const { filters, pages, query, set: patch, bind, keyword, reset } = usePageFilters<TAuditFilters>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [actorName, setActorName] = useState<string | null>(null);
  const exportLog = useExport(() => exportAudit(filters));
  // The chain check answers in a card of its own, not in a toast.
  const check = useMutation({ mutationFn: verifyAudit });
  const verify = check.data ?? null;
  const verifyError = check.error;
  const verifying = check.isPending;
  const [purgeOpen, setPurgeOpen] = useState(false);
  const [purged, setPurged] = useState<(TAuditPurgeResult & { before: string }) | null>(null);

  const list = useQuery({
    queryKey: qk.audit(query),
    queryFn: () => listAudit(query),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<TAuditEntry> = [
    { title: '序号', dataIndex: 'seq', width: 80 },
    { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
    {
      title: '操作人',
      dataIndex: 'actorName',
      width: 120,
      render: (v: string | null, e) =>
        e.actorId ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => {
              setActorName(v);
              patch({ actorId: e.actorId ?? undefined });
            }}
            title="只看此人的操作"
          >
            {v ?? e.actorId}
          </Button>
        ) : (
          (v ?? '—')
        ),
    },
    { title: '角色', dataIndex: 'role', width: 130, render: roleLabel },
    { title: '操作', dataIndex: 'action', width: 150, render: actionLabel },
    {
      title: '对象',
      key: 'object',
      ellipsis: true,
      render: (_v, e) => (e.objectType ? `${objectLabel(e.objectType)}${e.objectId ? ` · ${e.objectId}` : ''}` : '—'),
    },
    {
      title: '结果',
      dataIndex: 'result',
      width: 80,
      render: (r: TAuditEntry['result']) => <Tag color={RESULTS[r].color}>{RESULTS[r].label}</Tag>,
    },
    { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
  ];

  const filtered = Object.values(filters).some((v) => v !== undefined && v !== '');

  return (
    <div>
      <PageHeader
        title="审计日志"
        sub="日志只可追加、不可修改，逐条以 SM3 链式哈希保护"
        extra={
          <Space wrap>
            <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => check.mutate()}>
              校验日志完整性
            </Button>
            {perms.has('audit:export') && (
              <Button icon={<DownloadOutlined />} loading={exportLog.pending} onClick={() => void exportLog.run()}>
                导出
              </Button>
            )}
            {perms.has('audit:purge') && (
              <Button danger icon={<DeleteOutlined />} onClick={() => setPurgeOpen(true)}>
                清理过期审计日志
              </Button>
            )}
          </Space>
        }
      />
      {perms.has('audit:purge') && (
        <AuditPurgeModal
          open={purgeOpen}
          onClose={() => setPurgeOpen(false)}
          onPurged={(r) => {
            setPurged(r);
            check.reset();
          }}
        />
      )}
      {purged && (
        <Alert
          type={purged.purgedRows ? 'success' : 'info'}
          showIcon
          closable={{ onClose: () => setPurged(null) }}
          title={purged.purgedRows ? '过期审计日志已清理' : '没有可清理的日志'}
          description={
            purged.purgedRows
              ? `已删除${chineseDate(purged.before)}之前的 ${purged.purgedRows} 条日志（至第 ${purged.throughSeq} 条）。剩余日志从这条清理记录起接续校验，本次清理已记入审计日志。`
              : `${chineseDate(purged.before)}之前没有审计日志，未删除任何记录；本次操作已记入审计日志。`
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {verify &&
        (verify.ok ? (
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => check.reset() }}
            title="审计日志完整"
            description={`已校验 ${verify.checked} 条记录，哈希链完整，未发现篡改或删除。${verify.purgedThroughSeq ? `第 ${verify.purgedThroughSeq} 条及以前的日志已按保存期限清理，校验从清理记录接续。` : ''}`}
            style={{ marginBottom: 16 }}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => check.reset() }}
            title="审计日志完整性校验未通过"
            description={`已校验 ${verify.checked} 条记录，自第 ${verify.firstBrokenSeq ?? '?'} 条起哈希链断裂，该条及之后的记录可能被篡改或删除。请立即报告安全保密管理员并保全数据库。`}
            style={{ marginBottom: 16 }}
          />
        ))}
      {Boolean(verifyError) && <ErrorAlert title="校验失败" error={verifyError} />}
      <Card>
        <FilterBar
          filtered={filtered}
          onReset={() => {
            setRange(null);
            setActorName(null);
            reset();
          }}
        >
          <FilterSearch
            {...keyword}
            placeholder="操作人、对象或请求编号"
            label="搜索审计日志"
            width={240}
            maxLength={60}
          />
          <FilterSelect
            label="操作类型"
            {...bind('action')}
            options={Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }))}
            width={170}
            searchable
          />
          <FilterSelect
            label="结果"
            {...bind('result')}
            options={(Object.keys(RESULTS) as (keyof typeof RESULTS)[]).map((value) => ({
              value,
              label: RESULTS[value].label,
            }))}
            width={100}
          />
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={range}
            allowEmpty={[true, true]}
            onChange={(v) => {
              setRange(v);
              patch({ from: v?.[0]?.toISOString(), to: v?.[1]?.toISOString() });
            }}
            placeholder={['开始时间', '结束时间']}
          />
          {filters.actorId && (
            <Tag
              closable
              onClose={() => {
                setActorName(null);
                patch({ actorId: undefined });
              }}
            >
              操作人：{actorName ?? filters.actorId}
            </Tag>
          )}
        </FilterBar>
        <CursorTable<TAuditEntry>
          list={list}
          pages={pages}
          rowKey="seq"
          size="small"
          columns={columns}
          width={1100}
          expandable={{ expandedRowRender: (e) => <Detail e={e} /> }}
          empty={{ filtered, whenFiltered: '没有符合条件的日志', whenEmpty: '暂无审计日志' }}
        />
      </Card>
    </div>
  );
}
