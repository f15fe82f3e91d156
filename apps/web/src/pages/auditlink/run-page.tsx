import { DownloadOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  AUDIT_ROLE_LABELS,
  HIT_STATUS_LABELS,
  HIT_STATUSES,
  RUN_PHASE_LABELS,
  RUN_PHASES,
  type TAuditRole,
  type THitStatus,
} from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Input,
  Progress,
  Result,
  Row,
  Select,
  Space,
  Steps,
  Table,
  type TableColumnsType,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  alk,
  cancelRun,
  exportHits,
  getHit,
  getRun,
  listHits,
  listInvalidRows,
  type THitFilters,
  type THitOut,
  type TInvalidRowOut,
  type TRunOut,
} from '../../api/auditlink.ts';
import { isApiError } from '../../api/client.ts';
import { usePermissions } from '../../api/hooks.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { useCursorPages } from '../../components/cursor-pager.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useAction, useExport } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { FigureCard } from '../planning/shared.tsx';
import { ClueModal, DismissModal, type HitAction, PaperModal } from './hit-actions.tsx';
import {
  HitStatusTag,
  inspectionPath,
  measureLabel,
  measureText,
  RunStatusTag,
  SqlView,
  useRules,
  when,
  yuan,
} from './shared.tsx';
import './auditlink.css';

/** The rows behind one hit, table by table side by side, each with its line in the file. */
function EvidenceDrawer({ run, hitId, onClose }: { run: TRunOut; hitId: string | null; onClose: () => void }) {
  const q = useQuery({ queryKey: alk.hit(hitId ?? ''), queryFn: () => getHit(hitId ?? ''), enabled: !!hitId });
  const h = q.data;
  const files = new Map(
    Object.values(run.inputs)
      .flat()
      .map((i) => [i?.datasetId, i?.fileName]),
  );
  const rules = useRules();
  const rule = rules.data?.items.find((r) => r.id === run.rule);
  return (
    <Drawer title="疑点证据" open={!!hitId} onClose={onClose} size={1200}>
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {h && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={3}>
            {Object.entries(h.keys).map(([k, v]) => (
              <Descriptions.Item key={k} label={rule?.keys[k] ?? k}>
                {v}
              </Descriptions.Item>
            ))}
            {Object.entries(h.measures).map(([k, v]) => (
              <Descriptions.Item key={k} label={measureLabel(k, rule?.measures[k] ?? k)}>
                {measureText(k, v)}
              </Descriptions.Item>
            ))}
            <Descriptions.Item label="状态">
              <HitStatusTag status={h.status} />
              {h.dismissReason && <Typography.Text type="secondary">　{h.dismissReason}</Typography.Text>}
              {h.recordId && h.status === 'paper' && <Link to={`/fieldwork/papers/${h.recordId}`}>　打开底稿</Link>}
            </Descriptions.Item>
          </Descriptions>
          <div className="xc-al-evidence">
            {(Object.keys(h.evidence) as TAuditRole[]).map((role) => {
              const rows = h.evidence[role] ?? [];
              const headers = [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
              return (
                <Card key={role} size="small" title={`${AUDIT_ROLE_LABELS[role]}（${rows.length} 行）`}>
                  <Table
                    size="small"
                    rowKey={(r) => `${r.datasetId}:${r.row}`}
                    pagination={rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
                    scroll={{ x: 120 + headers.length * 120 }}
                    dataSource={rows}
                    columns={[
                      {
                        title: '文件 / 行号',
                        width: 120,
                        fixed: 'left',
                        render: (_, r) => (
                          <Typography.Text title={files.get(r.datasetId)}>
                            第 {r.row} 行
                            <br />
                            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 110, fontSize: 12 }}>
                              {files.get(r.datasetId)}
                            </Typography.Text>
                          </Typography.Text>
                        ),
                      },
                      ...headers.map((c) => ({
                        title: c,
                        width: 120,
                        ellipsis: true,
                        render: (_: unknown, r: (typeof rows)[number]) => r.values[c] ?? '',
                      })),
                    ]}
                  />
                </Card>
              );
            })}
          </div>
        </Space>
      )}
    </Drawer>
  );
}

function Hits({ run, canWrite, canExport }: { run: TRunOut; canWrite: boolean; canExport: boolean }) {
  const [filters, setFilters] = useState<THitFilters>({});
  const [q, setQ] = useState('');
  const pages = useCursorPages(JSON.stringify(filters));
  const [selected, setSelected] = useState<string[]>([]);
  const [action, setAction] = useState<HitAction | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const rules = useRules();
  const rule = rules.data?.items.find((r) => r.id === run.rule);
  const list = useQuery({
    queryKey: alk.hits(run.id, { ...filters, cursor: pages.cursor, size: pages.size }),
    queryFn: ({ signal }) => listHits(run.id, { ...filters, limit: pages.size, cursor: pages.cursor }, signal),
  });
  const exporter = useExport(() => exportHits(run.id, filters));
  const counts = list.data?.counts;
  const columns: TableColumnsType<THitOut> = [
    { title: '序号', dataIndex: 'seq', width: 70 },
    ...Object.entries(rule?.keys ?? {}).map(([k, label]) => ({
      title: label,
      render: (_: unknown, h: THitOut) => h.keys[k] ?? '',
    })),
    ...Object.entries(rule?.measures ?? {})
      .filter(([k]) =>
        ['count', 'amountCents', 'deathDate', 'employer', 'vehicles', 'excess', 'invoiceDate'].includes(k),
      )
      .map(([k, label]) => ({
        title: measureLabel(k, label),
        align: (k === 'count' || k === 'amountCents' || k === 'vehicles' ? 'right' : 'left') as 'right' | 'left',
        render: (_: unknown, h: THitOut) => measureText(k, h.measures[k]),
      })),
    { title: '状态', width: 120, render: (_, h) => <HitStatusTag status={h.status} /> },
    {
      title: '操作',
      width: 90,
      render: (_, h) => (
        <Button type="link" size="small" onClick={() => setOpen(h.id)}>
          查看证据
        </Button>
      ),
    },
  ];
  const done = () => setSelected([]);
  const paperTitle = `${run.ruleName}（巡审贯通比对发现${selected.length}条）`;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label="疑点状态"
          allowClear
          placeholder="全部状态"
          style={{ width: 180 }}
          value={filters.status}
          onChange={(v?: THitStatus) => setFilters((f) => ({ ...f, status: v }))}
          options={HIT_STATUSES.map((s) => ({
            value: s,
            label: `${HIT_STATUS_LABELS[s]}${counts ? `（${counts[s]}）` : ''}`,
          }))}
        />
        <Input.Search
          aria-label="按身份证号等查找"
          placeholder="身份证号、项目、品名、销售方等（完整值）"
          allowClear
          style={{ width: 340 }}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => setFilters((f) => ({ ...f, q: v.trim() || undefined }))}
        />
        {canWrite && (
          <>
            <Button disabled={!selected.length} onClick={() => setAction('dismiss')}>
              排除
            </Button>
            <Button type="primary" disabled={!selected.length} onClick={() => setAction('paper')}>
              转为问题底稿
            </Button>
            <Button disabled={!selected.length} onClick={() => setAction('clue')}>
              转为问题线索
            </Button>
          </>
        )}
        {canExport && (
          <Button icon={<DownloadOutlined />} loading={exporter.pending} onClick={() => void exporter.run()}>
            导出
          </Button>
        )}
        {selected.length > 0 && <Typography.Text type="secondary">已选 {selected.length} 条</Typography.Text>}
      </Space>
      <CursorTable<THitOut>
        list={list}
        pages={pages}
        columns={columns}
        width={900}
        rowSelection={
          canWrite
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as string[]),
                getCheckboxProps: (h) => ({ disabled: h.status !== 'open', 'aria-label': `选择疑点${h.seq}` }),
                preserveSelectedRowKeys: true,
              }
            : undefined
        }
        empty={{
          filtered: !!(filters.status || filters.q),
          whenFiltered: '没有符合条件的疑点',
          whenEmpty: '本次比对没有发现疑点',
        }}
      />
      <EvidenceDrawer run={run} hitId={open} onClose={() => setOpen(null)} />
      <DismissModal
        runId={run.id}
        hitIds={selected}
        open={action === 'dismiss'}
        onClose={() => setAction(null)}
        onDone={done}
      />
      <PaperModal
        runId={run.id}
        hitIds={selected}
        open={action === 'paper'}
        onClose={() => setAction(null)}
        onDone={done}
        defaultTitle={paperTitle}
      />
      <ClueModal
        runId={run.id}
        hitIds={selected}
        open={action === 'clue'}
        onClose={() => setAction(null)}
        onDone={done}
      />
    </Space>
  );
}

function InvalidRows({ run }: { run: TRunOut }) {
  const pages = useCursorPages(run.id);
  const list = useQuery({
    queryKey: alk.invalid(run.id, { cursor: pages.cursor, size: pages.size }),
    queryFn: ({ signal }) => listInvalidRows(run.id, { limit: pages.size, cursor: pages.cursor }, signal),
  });
  const columns: TableColumnsType<TInvalidRowOut> = [
    { title: '数据表', render: (_, r) => `${AUDIT_ROLE_LABELS[r.role]}《${r.fileName}》` },
    { title: '行号', dataIndex: 'row', width: 90 },
    { title: '列', dataIndex: 'column', width: 140 },
    { title: '原值', dataIndex: 'value', width: 200, render: (v: string | null) => v ?? '（空）' },
    { title: '原因', dataIndex: 'reason' },
  ];
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={`${run.invalidRows.toLocaleString()} 行因身份证号、日期或金额无法识别未参与比对。请核对源数据，必要时修正后重新上传比对`}
      />
      <CursorTable<TInvalidRowOut>
        list={list}
        pages={pages}
        columns={columns}
        empty={{ filtered: false, whenFiltered: '', whenEmpty: '没有无效行' }}
      />
    </>
  );
}

/** The parameters the run resolved (defaults filled in), as the rule names them. */
function RunParams({ run }: { run: TRunOut }) {
  const rules = useRules();
  const rule = rules.data?.items.find((r) => r.id === run.rule);
  const text = (k: string, v: unknown) => {
    const p = rule?.params[k];
    if (p?.type === 'amount' && typeof v === 'number') return `${yuan(v)} 元`;
    if (p?.type === 'boolean') return v ? '是' : '否';
    if (p?.type === 'choices' && Array.isArray(v))
      return v.map((x) => p.options?.find((o) => o.value === x)?.label ?? x).join('、');
    if (Array.isArray(v)) return v.join('、') || '（全部）';
    return `${String(v)}${p?.unit ?? ''}`;
  };
  return (
    <Descriptions size="small" column={1} bordered>
      {Object.entries(run.params).map(([k, v]) => (
        <Descriptions.Item key={k} label={rule?.params[k]?.label ?? k}>
          {text(k, v)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** How long one read of a working run waits on the server for its next change. */
const RUN_WAIT_MS = 10_000;
const isWorking = (r: TRunOut) => r.status === 'queued' || r.status === 'running';

/** 比对结果: a run's progress while it works (with 取消), then its hits, invalid rows, SQL and parameters. */
export default function RunPage() {
  const { id = '' } = useParams();
  const { modal } = App.useApp();
  const perms = usePermissions();
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: alk.run(id),
    // While the run works each read waits on the server for its next change (a phase, progress, the
    // end) and the next read goes out as soon as one answers: progress shows as it happens, with
    // one request per change rather than one per interval. The first read answers at once.
    queryFn: ({ signal }) => {
      const known = queryClient.getQueryData<TRunOut>(alk.run(id));
      return getRun(id, { waitMs: known && isWorking(known) ? RUN_WAIT_MS : undefined, signal });
    },
    // Fires only between reads (a read in flight is not doubled): the gap between two waiting reads,
    // longer after a failed one so that a lost connection is not retried in a tight loop.
    refetchInterval: (x) => (x.state.data && isWorking(x.state.data) ? (x.state.error ? 3_000 : 50) : false),
    retry: false,
  });
  const run = q.data;
  usePageMeta([
    ...(run ? [{ title: '巡审贯通', path: inspectionPath(run.inspectionId, 'runs') }] : []),
    { title: run ? `比对：${run.ruleName}` : '比对' },
  ]);
  // The answer is the run as cancelled; the waiting read in flight is woken by the cancel too.
  const cancel = useAction(() => cancelRun(id), {
    success: '已请求取消比对',
    onSuccess: (r) => queryClient.setQueryData(alk.run(id), r),
  });
  if (q.error)
    return isApiError(q.error) && q.error.status === 404 ? (
      <Result status="404" title="比对不存在或无权查看" />
    ) : (
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
    );
  if (!run) return <Card loading />;
  const working = run.status === 'queued' || run.status === 'running';
  const canWrite = perms.has('auditlink:write');
  const phase = run.phase ? RUN_PHASES.indexOf(run.phase) : 0;
  return (
    <div>
      <PageHeader
        title={`比对：${run.ruleName}`}
        sub={`第 ${run.templateVersion} 版规则 · ${run.createdByName} 发起于 ${when(run.createdAt)}`}
        extra={
          <Space>
            <Link to={inspectionPath(run.inspectionId, 'runs')}>返回比对记录</Link>
            {working && canWrite && (
              <Button
                danger
                icon={<StopOutlined />}
                disabled={run.cancelRequested}
                loading={cancel.pending}
                onClick={() =>
                  modal.confirm({
                    title: '取消比对？',
                    content: '比对将立即停止，不保存任何结果；可以稍后重新运行。',
                    okText: '取消比对',
                    cancelText: '继续比对',
                    okButtonProps: { danger: true },
                    onOk: () => cancel.run(),
                  })
                }
              >
                {run.cancelRequested ? '正在取消…' : '取消'}
              </Button>
            )}
          </Space>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="状态">
              <RunStatusTag status={run.status} />
            </Descriptions.Item>
            <Descriptions.Item label="开始">{when(run.startedAt)}</Descriptions.Item>
            <Descriptions.Item label="结束">{when(run.finishedAt)}</Descriptions.Item>
            {(Object.entries(run.inputs) as [TAuditRole, TRunOut['inputs'][TAuditRole]][]).map(([role, list]) => (
              <Descriptions.Item key={role} label={AUDIT_ROLE_LABELS[role]} span={3}>
                {(list ?? []).map((i) => (
                  <div key={i.datasetId}>
                    {i.fileName}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      　SM3 {i.checksum.slice(0, 16)}…
                    </Typography.Text>
                  </div>
                ))}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
        {working && (
          <Card title={run.status === 'queued' ? '排队中：前面的比对完成后开始' : '正在比对'}>
            <Steps
              size="small"
              current={phase}
              items={RUN_PHASES.map((p) => ({ title: RUN_PHASE_LABELS[p] }))}
              style={{ marginBottom: 16 }}
            />
            <Progress percent={Math.round(run.progress * 100)} status="active" aria-label="比对进度" />
          </Card>
        )}
        {run.status === 'failed' && <Alert type="error" showIcon title="比对失败" description={run.error} />}
        {run.status === 'cancelled' && <Alert type="warning" showIcon title="比对已取消，未保存结果" />}
        {run.status === 'done' && (
          <>
            <Row gutter={[12, 12]}>
              <Col xs={12} md={4}>
                <FigureCard title="疑点" value={run.hits} suffix="条" />
              </Col>
              {HIT_STATUSES.map((s) => (
                <Col xs={12} md={4} key={s}>
                  <FigureCard title={HIT_STATUS_LABELS[s]} value={run.hitCounts[s]} suffix="条" />
                </Col>
              ))}
              <Col xs={12} md={4}>
                <FigureCard title="无效行" value={run.invalidRows} suffix="行" />
              </Col>
            </Row>
            {run.hits > run.hitCounts.open + run.hitCounts.dismissed + run.hitCounts.paper + run.hitCounts.clue && (
              <Alert
                type="warning"
                showIcon
                title={`疑点过多：共 ${run.hits.toLocaleString()} 条，只保存了前 20,000 条。请调整参数（如项目关键词、宽限天数）缩小范围后重新比对`}
              />
            )}
            <Card>
              <Tabs
                items={[
                  {
                    key: 'hits',
                    label: '疑点',
                    children: <Hits run={run} canWrite={canWrite} canExport={perms.has('auditlink:export')} />,
                  },
                  ...(run.invalidRows > 0
                    ? [{ key: 'invalid', label: `无效行（${run.invalidRows}）`, children: <InvalidRows run={run} /> }]
                    : []),
                  { key: 'sql', label: '比对 SQL', children: <SqlView sql={run.sql} /> },
                  {
                    key: 'params',
                    label: '参数',
                    children: <RunParams run={run} />,
                  },
                ]}
              />
            </Card>
          </>
        )}
      </Space>
    </div>
  );
}
