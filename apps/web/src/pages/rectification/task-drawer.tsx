import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  availableTaskActions,
  EXTENSION_STATUS_LABELS,
  TASK_EVENT_LABELS,
  TASK_STATUS_LABELS,
  TASK_STATUSES,
  type TRole,
  type TTaskStatus,
  taskActorOf,
  ZExtensionCreate,
  ZRedCard,
  ZTaskStatusUpdate,
  ZTaskWriteOff,
} from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Input,
  List,
  Progress,
  Radio,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorText } from '../../api/client.ts';
import { useMe } from '../../api/hooks.ts';
import {
  downloadEvidence,
  getTask,
  redCardTask,
  reportTaskStatus,
  requestExtension,
  rk,
  type TTaskDetailOut,
  uploadEvidence,
  writeOffTask,
} from '../../api/rectification.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, FormModal, iso, useExport, useSchemaForm } from '../../components/form-kit/index.ts';
import { fileSize, when } from '../petitions/shared.tsx';
import { KindTag, LedgerStatusTag, useRectRoles, WarningTag } from './shared.tsx';

type Modal = 'status' | 'extension' | 'redCard' | 'writeOff' | null;

function StatusModal({ task, open, onClose }: { task: TTaskDetailOut; open: boolean; onClose: () => void }) {
  const kit = useSchemaForm({
    schema: ZTaskStatusUpdate,
    toBody: (v: { status?: TTaskStatus; note?: string }) => ({ status: v.status, note: v.note ?? '' }),
    mutationFn: (body) => reportTaskStatus(task.id, body),
    success: '已报告整改进展',
    invalidate: [rk.all],
    onSuccess: onClose,
    open,
    openKey: task.id,
    initial: () => ({ status: task.status }),
  });
  return (
    <FormModal kit={kit} title="报告整改进展" open={open} onClose={onClose} okText="报告" name="taskStatus">
      <Field name="status" label="完成情况" required>
        <Radio.Group options={TASK_STATUSES.map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] }))} />
      </Field>
      <Field name="note" label="整改进展情况" required>
        <Input.TextArea rows={5} maxLength={5000} showCount placeholder="采取的措施、取得的成效、佐证材料说明" />
      </Field>
    </FormModal>
  );
}

function ExtensionModal({ task, open, onClose }: { task: TTaskDetailOut; open: boolean; onClose: () => void }) {
  const kit = useSchemaForm({
    schema: ZExtensionCreate,
    toBody: (v: { reason?: string; newDeadline?: Dayjs | null }) => ({
      reason: v.reason ?? '',
      newDeadline: iso(v.newDeadline) ?? '',
    }),
    mutationFn: (body) => requestExtension(task.id, body),
    success: '已提交延期申请，待巡察办领导审批',
    invalidate: [rk.all],
    onSuccess: onClose,
    open,
    openKey: task.id,
  });
  return (
    <FormModal
      kit={kit}
      title="申请延期整改"
      open={open}
      onClose={onClose}
      okText="提交申请"
      name="taskExtension"
      intro={
        <Typography.Paragraph type="secondary">
          当前整改时限：{task.deadline}
          {task.extensionCount > 0 ? `（已延期${task.extensionCount}次）` : ''}。确需延期的，应在期限届满前申请。
        </Typography.Paragraph>
      }
    >
      <Field name="newDeadline" label="延期后的整改时限" required>
        <DatePicker style={{ width: '100%' }} />
      </Field>
      <Field name="reason" label="延期理由" required>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Field>
    </FormModal>
  );
}

function RedCardModal({ task, open, onClose }: { task: TTaskDetailOut; open: boolean; onClose: () => void }) {
  const kit = useSchemaForm({
    schema: ZRedCard,
    toBody: (v: { reason?: string; returnTo?: 'ongoing' | 'undone' }) => ({
      reason: v.reason ?? '',
      returnTo: v.returnTo,
    }),
    mutationFn: (body) => redCardTask(task.id, body),
    success: '已亮红牌，任务退回整改',
    invalidate: [rk.all],
    onSuccess: onClose,
    open,
    openKey: task.id,
    initial: () => ({ returnTo: 'undone' as const }),
    confirm: { title: '确认亮红牌？', content: '任务将退回被巡察党组织重新整改，并计入红牌记录。', okText: '亮红牌' },
  });
  return (
    <FormModal kit={kit} title="亮红牌退回" open={open} onClose={onClose} okText="亮红牌" danger name="taskRedCard">
      <Field name="returnTo" label="退回后的状态" required>
        <Radio.Group
          options={(['undone', 'ongoing'] as const)
            .filter((s) => s === 'undone' || task.status === 'done')
            .map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] }))}
        />
      </Field>
      <Field name="reason" label="红牌理由" required>
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder="佐证材料敷衍、整改不实的具体情形" />
      </Field>
    </FormModal>
  );
}

function WriteOffModal({ task, open, onClose }: { task: TTaskDetailOut; open: boolean; onClose: () => void }) {
  const kit = useSchemaForm({
    schema: ZTaskWriteOff,
    toBody: (v: { note?: string }) => (v.note?.trim() ? { note: v.note } : {}),
    mutationFn: (body) => writeOffTask(task.id, body),
    success: '已审核销号',
    invalidate: [rk.all],
    onSuccess: onClose,
    open,
    openKey: task.id,
    confirm: { title: '确认销号？', content: '销号表示巡察办认可该任务的整改成效和佐证材料。', okText: '销号' },
  });
  return (
    <FormModal kit={kit} title="审核销号" open={open} onClose={onClose} okText="销号" name="taskWriteOff">
      <Typography.Paragraph type="secondary">
        已上传佐证材料 {task.evidenceCount} 份。请核实材料后销号。
      </Typography.Paragraph>
      <Field name="note" label="销号意见">
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Field>
    </FormModal>
  );
}

function useEvidenceUpload(task: TTaskDetailOut) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [description, setDescription] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [supersedesId, setSupersedesId] = useState<string | undefined>();
  const current = task.evidence.filter((f) => !task.evidence.some((g) => g.supersedesId === f.id));
  const send = async (file: File) => {
    setProgress(0);
    try {
      await uploadEvidence(task.id, file, { description: description.trim() || undefined, supersedesId }, setProgress);
      message.success(`已上传：${file.name}`);
      void queryClient.invalidateQueries({ queryKey: rk.all });
      setDescription('');
      setSupersedesId(undefined);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setProgress(null);
    }
  };
  return {
    current,
    ui: (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={500}
          placeholder="材料说明（选填），如：修订后的《差旅费管理办法》"
          aria-label="材料说明"
        />
        <Space wrap>
          <Radio.Group
            value={supersedesId ?? ''}
            onChange={(e) => setSupersedesId(e.target.value || undefined)}
            options={[
              { value: '', label: '新增材料' },
              ...current.map((f) => ({ value: f.id, label: `替换“${f.name}”` })),
            ]}
          />
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={progress !== null}>
              上传佐证材料
            </Button>
          </Upload>
        </Space>
        {progress !== null && <Progress percent={progress} size="small" />}
      </Space>
    ),
  };
}

function EvidenceCard({ task, canUpload }: { task: TTaskDetailOut; canUpload: boolean }) {
  const dl = useExport((id: string, name: string) => downloadEvidence(id, name), '已下载');
  const upload = useEvidenceUpload(task);
  return (
    <Card size="small" title={`佐证材料（${task.evidence.length}）`} style={{ marginBottom: 16 }}>
      {canUpload && <div style={{ marginBottom: 12 }}>{upload.ui}</div>}
      <List
        size="small"
        dataSource={[...task.evidence].sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt))}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无佐证材料" /> }}
        renderItem={(f) => {
          const superseded = task.evidence.some((g) => g.supersedesId === f.id);
          return (
            <List.Item
              actions={[
                <Button
                  key="dl"
                  size="small"
                  type="link"
                  icon={<DownloadOutlined />}
                  loading={dl.running?.[0] === f.id}
                  onClick={() => void dl.run(f.id, f.name)}
                >
                  下载
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    <Typography.Text delete={superseded}>{f.name}</Typography.Text>
                    <Tag>第{f.fileVersion}版</Tag>
                    {superseded && <Tag>已被新版本替换</Tag>}
                    {f.onBehalf && <Tag color="purple">巡察办代录</Tag>}
                  </Space>
                }
                description={`${fileSize(f.size)} · ${f.uploadedBy ?? ''} ${when(f.uploadedAt)}${f.description ? ` · ${f.description}` : ''}`}
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

/** One task of the ledger: what it is, its warning, the timeline, the evidence and the extensions, and the acts on it. */
export function TaskDrawer({ taskId, onClose }: { taskId: string | null; onClose: () => void }) {
  const roles = useRectRoles();
  const { data: me } = useMe();
  const actor = taskActorOf((me?.roles ?? []) as TRole[]);
  const [modal, setModal] = useState<Modal>(null);
  const q = useQuery({ queryKey: rk.task(taskId ?? ''), queryFn: () => getTask(taskId ?? ''), enabled: !!taskId });
  const t = q.data;
  const close = () => setModal(null);
  const open = !!taskId;
  const editable = !!t && !t.writtenOff;
  const acts = t
    ? availableTaskActions(
        { status: t.status, writtenOff: t.writtenOff, redCard: !!t.redCard, evidenceCount: t.evidenceCount },
        actor,
      )
    : [];
  return (
    <Drawer
      title={t ? `整改任务：${t.findingTitle}` : '整改任务'}
      open={open}
      onClose={onClose}
      size={820}
      extra={
        t && (
          <Space wrap>
            {acts.includes('report') && (
              <Button type="primary" onClick={() => setModal('status')}>
                报告进展
              </Button>
            )}
            {roles.write && editable && !t.pendingExtension && (
              <Button onClick={() => setModal('extension')}>申请延期</Button>
            )}
            {acts.includes('writeOff') && (
              <Button type="primary" onClick={() => setModal('writeOff')}>
                销号
              </Button>
            )}
            {acts.includes('redCard') && (
              <Button danger onClick={() => setModal('redCard')}>
                亮红牌
              </Button>
            )}
          </Space>
        )
      }
    >
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.isPending && open && <Card loading />}
      {t && (
        <>
          {t.redCard && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={`红牌退回（${t.redCard.on}，累计${t.redCardCount}次）`}
              description={t.redCard.reason}
            />
          )}
          {t.pendingExtension && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title="有延期申请待巡察办领导审批" />
          )}
          <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="被巡察党组织" span={2}>
              {t.orgName}
            </Descriptions.Item>
            <Descriptions.Item label="反馈问题" span={2}>
              {t.findingTitle}
            </Descriptions.Item>
            <Descriptions.Item label="整改措施" span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{t.measures}</Typography.Paragraph>
            </Descriptions.Item>
            {t.goal && (
              <Descriptions.Item label="整改目标" span={2}>
                {t.goal}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="整改类型">
              <KindTag kind={t.kind} />
              {t.enteredByOffice && <Tag color="purple">巡察办代录纸质方案</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="完成情况">
              <LedgerStatusTag status={t.ledgerStatus} />
            </Descriptions.Item>
            <Descriptions.Item label="责任领导">{t.responsibleLeader}</Descriptions.Item>
            <Descriptions.Item label="责任部门">{t.responsibleDept}</Descriptions.Item>
            <Descriptions.Item label="具体责任人">{t.responsiblePerson ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="预警">
              <WarningTag warning={t.warning} daysLeft={t.workingDaysLeft} />
            </Descriptions.Item>
            <Descriptions.Item label="整改时限">
              {t.deadline}
              {t.deadline !== t.originalDeadline && (
                <Typography.Text type="secondary">（原定{t.originalDeadline}）</Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="销号日期">{t.writtenOffOn ?? '—'}</Descriptions.Item>
          </Descriptions>
          <EvidenceCard task={t} canUpload={acts.includes('addEvidence')} />
          <Card size="small" title={`延期申请（${t.extensions.length}）`} style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={t.extensions}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无延期申请" /> }}
              columns={[
                { title: '申请日期', dataIndex: 'requestedOn', width: 110 },
                { title: '原时限', dataIndex: 'oldDeadline', width: 110 },
                { title: '申请延至', dataIndex: 'newDeadline', width: 110 },
                { title: '理由', dataIndex: 'reason' },
                {
                  title: '审批',
                  key: 'status',
                  width: 160,
                  render: (_, x) => (
                    <Space orientation="vertical" size={0}>
                      <Tag
                        color={x.status === 'approved' ? 'success' : x.status === 'rejected' ? 'error' : 'processing'}
                      >
                        {EXTENSION_STATUS_LABELS[x.status]}
                      </Tag>
                      {x.decisionNote && <Typography.Text type="secondary">{x.decisionNote}</Typography.Text>}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
          <Card size="small" title="办理过程">
            {t.events.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无办理记录" />
            ) : (
              <Timeline
                items={t.events.map((e) => ({
                  color: e.kind === 'redCard' ? 'red' : e.kind === 'writeOff' ? 'green' : 'blue',
                  children: (
                    <>
                      <Typography.Text strong>{TASK_EVENT_LABELS[e.kind]}</Typography.Text>
                      {e.toStatus && <Tag style={{ marginLeft: 8 }}>{TASK_STATUS_LABELS[e.toStatus]}</Tag>}
                      {e.onBehalf && <Tag color="purple">巡察办代录</Tag>}
                      <div>
                        <Typography.Text type="secondary">
                          {when(e.createdAt)} {e.actorName ?? ''}
                        </Typography.Text>
                      </div>
                      {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
                    </>
                  ),
                }))}
              />
            )}
          </Card>
          <StatusModal task={t} open={modal === 'status'} onClose={close} />
          <ExtensionModal task={t} open={modal === 'extension'} onClose={close} />
          <RedCardModal task={t} open={modal === 'redCard'} onClose={close} />
          <WriteOffModal task={t} open={modal === 'writeOff'} onClose={close} />
        </>
      )}
    </Drawer>
  );
}
