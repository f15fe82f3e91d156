import { LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  PUBLICATION_BATCH_STATUS_LABELS,
  PUBLICATION_VERSION_LABELS,
  type TPublicationBatchStatus,
  type TPublicationVersion,
  type TWithholdReason,
  WITHHOLD_REASON_LABELS,
  WITHHOLD_REASONS,
  ZPublicationBatchCreate,
  ZPublicationEntryPatch,
  ZPublicationItemPatch,
} from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { usePermissions } from '../../api/hooks.ts';
import {
  approveBatch,
  createBatch,
  getBatch,
  listBatches,
  patchPublicationEntry,
  patchPublicationItem,
  publishBatch,
  rk,
  type TBatchItem,
  type TBatchOut,
} from '../../api/rectification.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FilterAuthority } from '../../components/filter-bar.tsx';
import { Field, FormModal, optional, useAction, useSchemaForm } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { isUuid, useUrlParams } from '../../components/url-filters.ts';
import { useRectInspections } from './inspection-picker.tsx';
import { GradeTag, useRectRoles } from './shared.tsx';

const STATUS_COLOURS: Record<TPublicationBatchStatus, string> = { draft: 'processing', published: 'success' };

export const noticeUrl = (batchId: string) => `/p/publications/${batchId}`;

function CreateModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (b: TBatchOut) => void;
}) {
  const list = useRectInspections();
  const evaluated = (list.data?.items ?? []).filter((i) => i.stage === 'evaluated');
  const kit = useSchemaForm({
    schema: ZPublicationBatchCreate,
    toBody: (v: { number?: number | null; title?: string; inspectionIds?: string[] }) => ({
      ...(typeof v.number === 'number' ? { number: v.number } : {}),
      title: optional(v.title),
      inspectionIds: v.inspectionIds ?? [],
    }),
    mutationFn: createBatch,
    success: (b) => `已建立${b.name}`,
    invalidate: [rk.all],
    onSuccess: (b) => {
      onClose();
      onCreated(b);
    },
    open,
  });
  return (
    <FormModal kit={kit} title="新建公开批次" open={open} onClose={onClose} width={720} name="batchCreate">
      <Field name="inspectionIds" label="纳入本批的巡察" required extra="只能选择已完成整改评估的巡察">
        <Select
          mode="multiple"
          loading={list.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          notFoundContent={list.isPending ? '正在加载…' : '暂无已完成整改评估的巡察'}
          options={evaluated.map((i) => ({ value: i.id, label: i.label }))}
        />
      </Field>
      <Field name="number" label="批次" extra="留空则自动编为下一批">
        <InputNumber min={1} max={999} precision={0} addonBefore="第" addonAfter="批" />
      </Field>
      <Field name="title" label="批次标题">
        <Input maxLength={200} placeholder="如：十四届市委第三轮巡察整改情况" />
      </Field>
    </FormModal>
  );
}

type TEntry = TBatchOut['entries'][number];
type TItem = TEntry['items'][number];

function WithholdModal({ batch, item, onClose }: { batch: TBatchOut; item: TItem | null; onClose: () => void }) {
  const kit = useSchemaForm({
    schema: ZPublicationItemPatch,
    toBody: (v: { withholdReason?: TWithholdReason; withholdNote?: string }) => ({
      version: batch.version,
      withheld: true,
      withholdReason: v.withholdReason ?? null,
      withholdNote: optional(v.withholdNote),
    }),
    mutationFn: (body) => patchPublicationItem(item?.id ?? '', body),
    success: '该项已不予社会公开',
    invalidate: [rk.all],
    onSuccess: onClose,
    open: !!item,
    openKey: item?.id,
  });
  return (
    <FormModal
      kit={kit}
      title="不予公开"
      open={!!item}
      onClose={onClose}
      okText="不予公开"
      name="withhold"
      intro={item && <Typography.Paragraph type="secondary">{item.text}</Typography.Paragraph>}
    >
      <Field name="withholdReason" label="不予公开的情形" required>
        <Radio.Group>
          <Space orientation="vertical">
            {WITHHOLD_REASONS.map((r) => (
              <Radio key={r} value={r}>
                {WITHHOLD_REASON_LABELS[r]}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Field>
      <Field name="withholdNote" label="说明">
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Field>
    </FormModal>
  );
}

function DeferModal({ batch, entry, onClose }: { batch: TBatchOut; entry: TEntry | null; onClose: () => void }) {
  const kit = useSchemaForm({
    schema: ZPublicationEntryPatch,
    toBody: (v: { deferReason?: string }) => ({
      version: batch.version,
      deferred: true,
      deferReason: v.deferReason ?? '',
    }),
    mutationFn: (body) => patchPublicationEntry(entry?.id ?? '', body),
    success: '已延后公示',
    invalidate: [rk.all],
    onSuccess: onClose,
    open: !!entry,
    openKey: entry?.id,
  });
  return (
    <FormModal
      kit={kit}
      title={`延后公示${entry ? `：${entry.orgName}` : ''}`}
      open={!!entry}
      onClose={onClose}
      okText="延后公示"
      name="defer"
    >
      <Field name="deferReason" label="延后公示原因" required>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：整改评估等次为“差”，整改到位后再行公示" />
      </Field>
    </FormModal>
  );
}

function BatchDrawer({ batchId, onClose }: { batchId: string | null; onClose: () => void }) {
  const perms = usePermissions();
  const manage = perms.has('publication:manage');
  const approve = perms.has('publication:approve');
  const { modal } = App.useApp();
  const q = useQuery({ queryKey: rk.batch(batchId ?? ''), queryFn: () => getBatch(batchId ?? ''), enabled: !!batchId });
  const b = q.data;
  const [withholding, setWithholding] = useState<TItem | null>(null);
  const [deferring, setDeferring] = useState<TEntry | null>(null);
  const opts = { invalidate: [rk.all] };
  const publish = useAction(() => publishBatch(b?.id ?? '', { version: b?.version ?? 0 }), {
    ...opts,
    success: '已公开，社会公开版本已在公示页面发布',
  });
  const approveEdition = useAction(
    (edition: TPublicationVersion) => approveBatch(b?.id ?? '', { version: b?.version ?? 0, edition }),
    { ...opts, success: (_r, edition) => `已审定${PUBLICATION_VERSION_LABELS[edition]}版本` },
  );
  const release = useAction(
    (itemId: string) =>
      patchPublicationItem(itemId, { version: b?.version ?? 0, withheld: false, withholdReason: null }),
    { ...opts, success: '已恢复公开' },
  );
  const undefer = useAction(
    (entryId: string) => patchPublicationEntry(entryId, { version: b?.version ?? 0, deferred: false }),
    { ...opts, success: '已撤销延后公示' },
  );
  const draft = b?.status === 'draft';
  const shown = b?.entries.filter((e) => !e.deferred) ?? [];
  const deferred = b?.entries.filter((e) => e.deferred) ?? [];
  const withheld = shown.reduce((n, e) => n + e.items.filter((i) => i.withheld).length, 0);
  const askPublish = () =>
    modal.confirm({
      title: `公开${b?.name ?? ''}？`,
      content: `将公开 ${shown.length} 个被巡察党组织的整改情况（不予公开 ${withheld} 项，延后公示 ${deferred.length} 个单位）。公开后不能撤回，社会公开版本在公示页面发布。`,
      okText: '公开',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => publish.run(),
    });
  return (
    <Drawer
      title={b ? `${b.name}${b.title ? ` · ${b.title}` : ''}` : '公开批次'}
      open={!!batchId}
      onClose={onClose}
      size={960}
      extra={
        b &&
        (b.status === 'published' ? (
          <Button icon={<LinkOutlined />} href={noticeUrl(b.id)} target="_blank">
            查看公示页面
          </Button>
        ) : (
          approve && (
            <Space>
              {(['internal', 'public'] as const).map((edition) =>
                (edition === 'internal' ? b.internalApprovedOn : b.publicApprovedOn) ? null : (
                  <Popconfirm
                    key={edition}
                    title={`审定${PUBLICATION_VERSION_LABELS[edition]}版本？`}
                    okText="审定"
                    cancelText="取消"
                    onConfirm={() => approveEdition.run(edition)}
                  >
                    <Button loading={approveEdition.running?.[0] === edition}>
                      审定{PUBLICATION_VERSION_LABELS[edition]}
                    </Button>
                  </Popconfirm>
                ),
              )}
              <Button type="primary" danger loading={publish.pending} onClick={askPublish}>
                公开
              </Button>
            </Space>
          )
        ))
      }
    >
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.isPending && !!batchId && <Card loading />}
      {b && (
        <>
          <Descriptions size="small" bordered column={3} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="状态">
              <Tag color={STATUS_COLOURS[b.status]}>{PUBLICATION_BATCH_STATUS_LABELS[b.status]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="党内通报版本审定">{b.internalApprovedOn ?? '未审定'}</Descriptions.Item>
            <Descriptions.Item label="社会公开版本审定">{b.publicApprovedOn ?? '未审定'}</Descriptions.Item>
            <Descriptions.Item label="公开日期">{b.publishedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="公开单位">{shown.length} 个</Descriptions.Item>
            <Descriptions.Item label="延后公示">{deferred.length} 个</Descriptions.Item>
          </Descriptions>
          {draft && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title="不予公开的内容须属于法定的五种情形之一；评估为“差”的单位延后到以后批次公示。"
            />
          )}
          {deferred.length > 0 && (
            <Card size="small" title="延后公示" style={{ marginBottom: 16 }}>
              <Table<TEntry>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={deferred}
                columns={[
                  { title: '被巡察党组织', dataIndex: 'orgName', width: 220 },
                  { title: '评估等次', key: 'g', width: 90, render: (_, e) => <GradeTag grade={e.grade} /> },
                  { title: '延后原因', dataIndex: 'deferReason', render: (r: string | null) => r ?? '—' },
                  {
                    title: '原定批次',
                    dataIndex: 'deferredFromBatch',
                    width: 90,
                    render: (n: number | null) => (n ? `第${n}批` : '—'),
                  },
                  ...(draft && manage
                    ? [
                        {
                          title: '',
                          key: 'a',
                          width: 100,
                          render: (_: unknown, e: TEntry) => (
                            <Popconfirm
                              title="撤销延后公示？"
                              description="该单位将在本批公开。"
                              okText="撤销"
                              cancelText="取消"
                              onConfirm={() => undefer.run(e.id)}
                            >
                              <Button size="small" type="link">
                                撤销延后
                              </Button>
                            </Popconfirm>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
          )}
          {shown.length === 0 && <Empty description="本批暂无公开的单位" />}
          {shown.map((e) => (
            <Card
              key={e.id}
              size="small"
              style={{ marginBottom: 12 }}
              title={
                <Space>
                  <span>{e.orgName}</span>
                  <GradeTag grade={e.grade} />
                  <Typography.Text type="secondary">
                    反馈问题 {e.findings} 个，已整改 {e.rectified} 个
                  </Typography.Text>
                  {e.deferredFromBatch && <Tag>由第{e.deferredFromBatch}批延后</Tag>}
                </Space>
              }
              extra={
                draft &&
                manage && (
                  <Button size="small" onClick={() => setDeferring(e)}>
                    延后公示
                  </Button>
                )
              }
            >
              <List
                size="small"
                dataSource={e.items}
                locale={{ emptyText: '暂无公开内容' }}
                renderItem={(i) => (
                  <List.Item
                    actions={
                      draft && manage
                        ? [
                            i.withheld ? (
                              <Popconfirm
                                key="r"
                                title="恢复社会公开该项？"
                                okText="恢复"
                                cancelText="取消"
                                onConfirm={() => release.run(i.id)}
                              >
                                <Button size="small" type="link">
                                  恢复公开
                                </Button>
                              </Popconfirm>
                            ) : (
                              <Button key="w" size="small" type="link" onClick={() => setWithholding(i)}>
                                不予公开
                              </Button>
                            ),
                          ]
                        : undefined
                    }
                  >
                    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                      <Typography.Text delete={i.withheld} type={i.withheld ? 'secondary' : undefined}>
                        {i.text}
                      </Typography.Text>
                      {i.withheld && i.withholdReason && (
                        <span>
                          <Tag color="warning">不予公开：{WITHHOLD_REASON_LABELS[i.withholdReason]}</Tag>
                          {i.withholdNote && <Typography.Text type="secondary">{i.withholdNote}</Typography.Text>}
                        </span>
                      )}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          ))}
          <WithholdModal batch={b} item={withholding} onClose={() => setWithholding(null)} />
          <DeferModal batch={b} entry={deferring} onClose={() => setDeferring(null)} />
        </>
      )}
    </Drawer>
  );
}

/** 双公开: publication batches (第N批), their entries, withheld items and deferred organizations, and publishing. */
export default function PublicationPage() {
  usePageMeta([]);
  const roles = useRectRoles();
  const { params, set } = useUrlParams({ replace: true });
  const authorityId = isUuid(params.get('authorityId')) ? (params.get('authorityId') as string) : undefined;
  const query = authorityId ? { authorityId } : {};
  const q = useQuery({ queryKey: rk.batches(query), queryFn: () => listBatches(query) });
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div>
      <PageHeader
        title="整改公开"
        sub="巡察整改情况分批公开（党内通报、社会公开），评估为“差”的单位延后公示"
        extra={
          roles.publish && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建公开批次
            </Button>
          )
        }
      />
      <Card>
        <Space wrap className="xc-filter-bar" style={{ marginBottom: 16 }}>
          <FilterAuthority value={authorityId} onChange={(v) => set({ authorityId: v })} />
        </Space>
        {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
        <Table<TBatchItem>
          rowKey="id"
          size="middle"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 批` }}
          onRow={(b) => ({ onClick: () => setOpen(b.id), style: { cursor: 'pointer' } })}
          locale={{ emptyText: q.isPending ? ' ' : <Empty description="暂无公开批次" /> }}
          columns={[
            { title: '批次', dataIndex: 'name', width: 100 },
            { title: '标题', dataIndex: 'title', render: (t: string | null) => t ?? '—' },
            {
              title: '状态',
              key: 's',
              width: 100,
              render: (_, b) => <Tag color={STATUS_COLOURS[b.status]}>{PUBLICATION_BATCH_STATUS_LABELS[b.status]}</Tag>,
            },
            { title: '公开单位', dataIndex: 'published', width: 100, align: 'right' },
            { title: '延后公示', dataIndex: 'deferred', width: 100, align: 'right' },
            { title: '公开日期', dataIndex: 'publishedOn', width: 120, render: (d: string | null) => d ?? '—' },
            {
              title: '',
              key: 'link',
              width: 110,
              render: (_, b) =>
                b.status === 'published' && (
                  <a href={noticeUrl(b.id)} target="_blank" rel="noreferrer" onClick={(e) => e.stopPropagation()}>
                    公示页面
                  </a>
                ),
            },
          ]}
        />
      </Card>
      {roles.publish && (
        <CreateModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(b) => {
            set({ authorityId: b.authorityId });
            setOpen(b.id);
          }}
        />
      )}
      <BatchDrawer batchId={open} onClose={() => setOpen(null)} />
    </div>
  );
}
