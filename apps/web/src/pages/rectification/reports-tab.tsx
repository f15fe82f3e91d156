import { PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  REPORT_KIND_LABELS,
  REPORT_KINDS,
  type TReportKind,
  ZRectificationReportCreate,
  ZRectificationReportUpdate,
} from '@xc/domain';
import { Button, Card, Empty, Form, Input, InputNumber, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  createReport,
  listReports,
  rk,
  submitReport,
  type TReportListOut,
  updateReport,
} from '../../api/rectification.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, FormModal, useAction, useSchemaForm } from '../../components/form-kit/index.ts';
import { LifeMeetings } from './life-meetings.tsx';
import { ReportFiles } from './report-files.tsx';
import { DueColourTag, SubmissionTag, useRectRoles } from './shared.tsx';

type TReport = TReportListOut['items'][number];

interface ReportValues {
  version?: number;
  kind?: TReportKind;
  seq?: number | null;
  title?: string;
  content?: string;
}

function CreateModal({
  inspectionId,
  orgId,
  open,
  preset,
  onClose,
  onCreated,
}: {
  inspectionId: string;
  orgId?: string;
  open: boolean;
  preset: { kind: TReportKind; seq: number | null; title: string } | null;
  onClose: () => void;
  /** The draft saved: its row opens, to attach the signed and sealed files. */
  onCreated: (id: string) => void;
}) {
  const kit = useSchemaForm({
    schema: ZRectificationReportCreate,
    toBody: (v: ReportValues) => ({
      ...(orgId ? { orgId } : {}),
      kind: v.kind,
      ...(v.kind === 'progressReport' ? { seq: v.seq ?? undefined } : {}),
      title: v.title ?? '',
      content: v.content ?? '',
    }),
    mutationFn: (body) => createReport(inspectionId, body),
    success: '已保存报告草稿，可在报告下方上传附件',
    invalidate: [rk.all],
    onSuccess: (saved) => {
      onCreated(saved.id);
      onClose();
    },
    open,
    openKey: preset ? `${preset.kind}-${preset.seq}` : 'new',
    initial: () => (preset ? { ...preset } : { kind: 'rectificationReport' as const }),
  });
  const kind = Form.useWatch('kind', kit.form) as TReportKind | undefined;
  return (
    <FormModal kit={kit} title="起草报告" open={open} onClose={onClose} width={820} name="reportCreate">
      <Field name="kind" label="报告类别" required>
        <Radio.Group options={REPORT_KINDS.map((k) => ({ value: k, label: REPORT_KIND_LABELS[k] }))} />
      </Field>
      {kind === 'progressReport' && (
        <Field name="seq" label="第几次进展报告" required>
          <InputNumber min={1} max={100} precision={0} />
        </Field>
      )}
      <Field name="title" label="报告标题" required>
        <Input maxLength={200} />
      </Field>
      <Field name="content" label="报告正文" required>
        <Input.TextArea rows={12} maxLength={50_000} showCount />
      </Field>
    </FormModal>
  );
}

function EditModal({ report, onClose }: { report: TReport | null; onClose: () => void }) {
  const kit = useSchemaForm({
    schema: ZRectificationReportUpdate,
    toBody: (v: ReportValues) => ({ version: v.version, title: v.title ?? '', content: v.content ?? '' }),
    mutationFn: (body) => updateReport(report?.id ?? '', body),
    success: '已保存报告',
    invalidate: [rk.all],
    onSuccess: onClose,
    open: !!report,
    openKey: report?.id,
    initial: () => (report ? { version: report.version, title: report.title, content: report.content } : undefined),
  });
  return (
    <FormModal kit={kit} title="修改报告" open={!!report} onClose={onClose} width={820} name="reportEdit">
      <Field name="title" label="报告标题" required>
        <Input maxLength={200} />
      </Field>
      <Field name="content" label="报告正文" required>
        <Input.TextArea rows={12} maxLength={50_000} showCount />
      </Field>
    </FormModal>
  );
}

/**
 * 整改报告、主要负责人组织落实情况报告 and the 持续整改 progress reports of one organization: what is
 * owed and when (late ones in red), the drafts, and their submission to 联合会审.
 */
export function ReportsView({ inspectionId, orgId }: { inspectionId: string; orgId?: string }) {
  const roles = useRectRoles();
  const q = useQuery({ queryKey: rk.reports(inspectionId, orgId), queryFn: () => listReports(inspectionId, orgId) });
  const [creating, setCreating] = useState<{ kind: TReportKind; seq: number | null; title: string } | null | 'blank'>(
    null,
  );
  const [editing, setEditing] = useState<TReport | null>(null);
  const [expanded, setExpanded] = useState<readonly string[]>([]);
  const toggle = (id: string) => setExpanded((e) => (e.includes(id) ? e.filter((x) => x !== id) : [...e, id]));
  const submit = useAction((r: TReport) => submitReport(r.id, { version: r.version }), {
    success: '报告已报送联合会审',
    invalidate: [rk.all],
  });
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Card loading />;
  const d = q.data;
  const owner = orgId ?? d.orgId;
  return (
    <div>
      <Card size="small" title={`${d.orgName} 报告报送时限`} style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey={(s) => `${s.kind}-${s.seq ?? 0}`}
          pagination={false}
          dataSource={d.schedule}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无应报送的报告" /> }}
          columns={[
            { title: '报告', dataIndex: 'title' },
            { title: '报送时限', dataIndex: 'dueOn', width: 120 },
            { title: '报送日期', dataIndex: 'submittedOn', width: 120, render: (x: string | null) => x ?? '—' },
            {
              title: '状态',
              key: 'c',
              width: 150,
              render: (_, s) => (
                <Space size={4}>
                  <DueColourTag colour={s.colour} />
                  {s.late && <Tag color="red">逾期报送</Tag>}
                </Space>
              ),
            },
            ...(roles.write
              ? [
                  {
                    title: '',
                    key: 'w',
                    width: 90,
                    render: (_: unknown, s: (typeof d.schedule)[number]) =>
                      !s.submittedOn &&
                      !d.items.some((r) => r.kind === s.kind && (r.seq ?? null) === (s.seq ?? null)) && (
                        <Button
                          size="small"
                          type="link"
                          onClick={() => setCreating({ kind: s.kind, seq: s.seq, title: s.title })}
                        >
                          起草
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card
        size="small"
        title="已起草和报送的报告"
        extra={
          roles.write && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating('blank')}>
              起草报告
            </Button>
          )
        }
      >
        <Table<TReport>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={d.items}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无报告" /> }}
          expandable={{
            expandedRowKeys: expanded,
            onExpand: (_open, r) => toggle(r.id),
            expandedRowRender: (r) => (
              <div>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                  {r.content || '（见附件）'}
                </Typography.Paragraph>
                <Typography.Text strong>报告附件</Typography.Text>
                <ReportFiles report={r} canWrite={roles.write} />
              </div>
            ),
          }}
          columns={[
            {
              title: '类别',
              key: 'k',
              width: 220,
              render: (_, r) => `${REPORT_KIND_LABELS[r.kind]}${r.seq ? `（第${r.seq}次）` : ''}`,
            },
            { title: '标题', dataIndex: 'title', ellipsis: true },
            {
              title: '附件',
              key: 'files',
              width: 80,
              render: (_, r) => (
                <Button
                  size="small"
                  type="link"
                  icon={<PaperClipOutlined />}
                  onClick={() => toggle(r.id)}
                  aria-label={`${r.title}的附件`}
                >
                  {r.fileIds.length}
                </Button>
              ),
            },
            { title: '时限', dataIndex: 'dueOn', width: 110, render: (x: string | null) => x ?? '—' },
            { title: '报送', dataIndex: 'submittedOn', width: 110, render: (x: string | null) => x ?? '—' },
            {
              title: '状态',
              key: 's',
              width: 170,
              render: (_, r) => (
                <Space size={4}>
                  <SubmissionTag status={r.status} />
                  {r.enteredByOffice && <Tag color="purple">巡察办代录</Tag>}
                </Space>
              ),
            },
            ...(roles.write
              ? [
                  {
                    title: '操作',
                    key: 'a',
                    width: 150,
                    render: (_: unknown, r: TReport) =>
                      (r.status === 'draft' || r.status === 'returned') && (
                        <Space size={4}>
                          <Button size="small" type="link" onClick={() => setEditing(r)}>
                            修改
                          </Button>
                          <Popconfirm
                            title="报送联合会审？"
                            description="报送后由各会审单位评定，评定期间不能修改。"
                            okText="报送"
                            cancelText="取消"
                            onConfirm={() => submit.run(r)}
                          >
                            <Button size="small" type="link" loading={submit.running?.[0]?.id === r.id}>
                              报送
                            </Button>
                          </Popconfirm>
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <LifeMeetings inspectionId={inspectionId} orgId={owner} />
      {roles.write && (
        <CreateModal
          inspectionId={inspectionId}
          orgId={owner}
          open={creating !== null}
          preset={creating === 'blank' ? null : creating}
          onClose={() => setCreating(null)}
          onCreated={(id) => setExpanded((e) => [...e, id])}
        />
      )}
      {roles.write && <EditModal report={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
