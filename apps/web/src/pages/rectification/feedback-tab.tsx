import { FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  FEEDBACK_COPY_RECIPIENT_LABELS,
  FEEDBACK_COPY_RECIPIENTS,
  type TFeedbackCopyRecipient,
  ZFeedbackCopyRead,
  ZFeedbackCreate,
  ZFeedbackUpdate,
} from '@xc/domain';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Input,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  createFeedback,
  downloadFeedbackDocx,
  listFeedback,
  markCopyRead,
  rk,
  type TFeedbackOut,
  updateFeedback,
} from '../../api/rectification.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import {
  afterToday,
  day,
  Field,
  FormDrawer,
  FormModal,
  iso,
  optional,
  RowList,
  useExport,
  useSchemaForm,
} from '../../components/form-kit/index.ts';

export interface Target {
  orgId: string;
  name: string;
}

interface CopyRow {
  recipient?: TFeedbackCopyRecipient;
  name?: string;
  sentOn?: Dayjs | null;
  readOn?: Dayjs | null;
}
interface FeedbackValues {
  version?: number;
  orgId?: string;
  meetingDate?: Dayjs | null;
  oneToOneOn?: Dayjs | null;
  mainLeaderName?: string;
  attendees?: string[];
  speakers?: string[];
  notes?: string;
  copies?: CopyRow[];
}

const copiesOut = (rows: CopyRow[] | undefined) =>
  (rows ?? []).map((c) => ({
    recipient: c?.recipient,
    name: c?.name ?? '',
    sentOn: iso(c?.sentOn) ?? null,
    readOn: iso(c?.readOn) ?? null,
  }));

const common = (v: FeedbackValues) => ({
  meetingDate: iso(v.meetingDate) ?? '',
  oneToOneOn: iso(v.oneToOneOn) ?? '',
  mainLeaderName: v.mainLeaderName ?? '',
  attendees: v.attendees ?? [],
  speakers: v.speakers ?? [],
  notes: optional(v.notes),
  copies: copiesOut(v.copies),
});

/** The 四抄告 rows a new feedback starts with: one per recipient. */
const defaultCopies = (): CopyRow[] =>
  FEEDBACK_COPY_RECIPIENTS.map((recipient) => ({ recipient, name: '', sentOn: null, readOn: null }));

function FeedbackFields({ targets, orgChoice }: { targets: Target[]; orgChoice: boolean }) {
  return (
    <>
      {orgChoice && (
        <Field name="orgId" label="被巡察党组织" required>
          <Select options={targets.map((t) => ({ value: t.orgId, label: t.name }))} placeholder="选择被巡察党组织" />
        </Field>
      )}
      <Row gutter={16}>
        <Col span={8}>
          <Field name="oneToOneOn" label="向主要负责人个别反馈日期" required>
            <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
          </Field>
        </Col>
        <Col span={8}>
          <Field name="mainLeaderName" label="主要负责人姓名" required>
            <Input maxLength={40} />
          </Field>
        </Col>
        <Col span={8}>
          <Field name="meetingDate" label="反馈会日期" required>
            <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
          </Field>
        </Col>
      </Row>
      <Field
        name="speakers"
        label="讲话人"
        required
        extra="输入姓名后回车，可填多人（巡察组组长、巡察办领导、主要负责人表态发言）"
      >
        <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} placeholder="讲话人" />
      </Field>
      <Field name="attendees" label="参会人员" required extra="输入姓名后回车，或用顿号、逗号分隔粘贴">
        <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} placeholder="参会人员" />
      </Field>
      <Field name="notes" label="反馈会情况">
        <Input.TextArea rows={3} maxLength={5000} showCount />
      </Field>
      <div style={{ fontWeight: 500, marginBottom: 8 }}>四抄告（抄告对象及阅知日期）</div>
      <RowList name="copies" max={20} addLabel="添加抄告对象" removeLabel="删除该抄告对象" newRow={() => ({})}>
        {(name) => (
          <>
            <Col span={5}>
              <Field name={[name, 'recipient']} messageLabel="抄告对象类别">
                <Select
                  aria-label="抄告对象类别"
                  options={FEEDBACK_COPY_RECIPIENTS.map((r) => ({
                    value: r,
                    label: FEEDBACK_COPY_RECIPIENT_LABELS[r],
                  }))}
                />
              </Field>
            </Col>
            <Col span={9}>
              <Field name={[name, 'name']} messageLabel="抄告对象">
                <Input placeholder="抄告对象，如：市委常委、副市长张某" maxLength={100} />
              </Field>
            </Col>
            <Col span={5}>
              <Field name={[name, 'sentOn']} messageLabel="抄告日期">
                <DatePicker placeholder="抄告日期" style={{ width: '100%' }} />
              </Field>
            </Col>
            <Col span={5}>
              <Field name={[name, 'readOn']} messageLabel="阅知日期">
                <DatePicker placeholder="阅知日期" style={{ width: '100%' }} />
              </Field>
            </Col>
          </>
        )}
      </RowList>
    </>
  );
}

function CreateDrawer({
  inspectionId,
  targets,
  open,
  onClose,
}: {
  inspectionId: string;
  targets: Target[];
  open: boolean;
  onClose: () => void;
}) {
  const kit = useSchemaForm({
    schema: ZFeedbackCreate,
    toBody: (v: FeedbackValues) => ({
      ...(targets.length > 1 ? { orgId: v.orgId } : {}),
      ...common(v),
      assignedMatterIds: [],
    }),
    mutationFn: (body) => createFeedback(inspectionId, body),
    success: '已记录反馈会',
    invalidate: [rk.all],
    onSuccess: onClose,
    invalidMessage: '请检查标红的内容',
    open,
    initial: () => ({ orgId: targets[0]?.orgId, copies: defaultCopies(), meetingDate: dayjs(), oneToOneOn: dayjs() }),
  });
  return (
    <FormDrawer
      kit={kit}
      title="记录反馈会"
      open={open}
      onClose={onClose}
      size={860}
      okText="保存"
      name="feedbackCreate"
    >
      <FeedbackFields targets={targets} orgChoice={targets.length > 1} />
    </FormDrawer>
  );
}

function EditDrawer({ feedback, onClose }: { feedback: TFeedbackOut | null; onClose: () => void }) {
  const open = !!feedback;
  const kit = useSchemaForm({
    schema: ZFeedbackUpdate,
    toBody: (v: FeedbackValues) => ({ version: v.version, ...common(v) }),
    mutationFn: (body) => updateFeedback(feedback?.id ?? '', body),
    success: '已保存反馈会记录',
    invalidate: [rk.all],
    onSuccess: onClose,
    invalidMessage: '请检查标红的内容',
    open,
    openKey: feedback?.id,
    initial: () =>
      feedback
        ? {
            version: feedback.version,
            meetingDate: day(feedback.meetingDate),
            oneToOneOn: day(feedback.oneToOneOn),
            mainLeaderName: feedback.mainLeaderName,
            attendees: feedback.attendees,
            speakers: feedback.speakers,
            notes: feedback.notes ?? '',
            copies: feedback.copies.map((c) => ({ ...c, sentOn: day(c.sentOn), readOn: day(c.readOn) })),
          }
        : undefined,
  });
  return (
    <FormDrawer
      kit={kit}
      title={`修改反馈会记录${feedback ? `：${feedback.orgName}` : ''}`}
      open={open}
      onClose={onClose}
      size={860}
      name="feedbackEdit"
    >
      <FeedbackFields targets={[]} orgChoice={false} />
    </FormDrawer>
  );
}

function CopyReadModal({
  feedback,
  index,
  onClose,
}: {
  feedback: TFeedbackOut;
  index: number | null;
  onClose: () => void;
}) {
  const copy = index === null ? undefined : feedback.copies[index];
  const kit = useSchemaForm({
    schema: ZFeedbackCopyRead,
    toBody: (v: { readOn?: Dayjs | null }) => ({ readOn: iso(v.readOn) ?? '', version: feedback.version }),
    mutationFn: (body) => markCopyRead(feedback.id, index ?? 0, body),
    success: '已登记阅知日期',
    invalidate: [rk.all],
    onSuccess: onClose,
    open: index !== null,
    openKey: `${feedback.id}-${index}`,
    initial: () => ({ readOn: dayjs() }),
  });
  return (
    <FormModal
      kit={kit}
      title="登记阅知"
      open={index !== null}
      onClose={onClose}
      okText="登记"
      name="copyRead"
      intro={
        copy && (
          <Typography.Paragraph type="secondary">
            {FEEDBACK_COPY_RECIPIENT_LABELS[copy.recipient]}：{copy.name}（抄告日期 {copy.sentOn}）
          </Typography.Paragraph>
        )
      }
    >
      <Field name="readOn" label="阅知日期" required>
        <DatePicker disabledDate={afterToday} />
      </Field>
    </FormModal>
  );
}

function FeedbackCard({
  inspectionId,
  f,
  canEdit,
  onEdit,
}: {
  inspectionId: string;
  f: TFeedbackOut;
  canEdit: boolean;
  onEdit: () => void;
}) {
  const docx = useExport(() => downloadFeedbackDocx(inspectionId, f.orgId, `${f.orgName}巡察反馈意见.docx`), '已下载');
  const read = f.copies.filter((c) => c.readOn).length;
  const [reading, setReading] = useState<number | null>(null);
  return (
    <Card
      title={f.orgName}
      style={{ marginBottom: 16 }}
      extra={
        <Space>
          <Button icon={<FileWordOutlined />} loading={docx.pending} onClick={() => void docx.run()}>
            下载反馈意见
          </Button>
          {canEdit && <Button onClick={onEdit}>修改 / 登记阅知</Button>}
        </Space>
      }
    >
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="向主要负责人个别反馈">
          {f.oneToOneOn}（{f.mainLeaderName}）
        </Descriptions.Item>
        <Descriptions.Item label="反馈会日期">{f.meetingDate}</Descriptions.Item>
        <Descriptions.Item label="讲话人" span={2}>
          {f.speakers.join('、')}
        </Descriptions.Item>
        <Descriptions.Item label="参会人员" span={2}>
          {f.attendees.join('、')}（{f.attendees.length}人）
        </Descriptions.Item>
        <Descriptions.Item label="移交问题">{f.findingCount} 个</Descriptions.Item>
        <Descriptions.Item label="记录人">{f.recordedBy ?? '—'}</Descriptions.Item>
        {f.notes && (
          <Descriptions.Item label="反馈会情况" span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{f.notes}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Table
        size="small"
        rowKey={(c) => `${c.recipient}-${c.name}`}
        pagination={false}
        title={() => `四抄告（已阅知 ${read}/${f.copies.length}）`}
        dataSource={f.copies.map((c, index) => ({ ...c, index }))}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无抄告记录" /> }}
        columns={[
          { title: '类别', key: 'r', width: 110, render: (_, c) => FEEDBACK_COPY_RECIPIENT_LABELS[c.recipient] },
          { title: '抄告对象', dataIndex: 'name' },
          { title: '抄告日期', dataIndex: 'sentOn', width: 120, render: (d: string | null) => d ?? '—' },
          {
            title: '阅知',
            dataIndex: 'readOn',
            width: 140,
            render: (d: string | null) => (d ? <Tag color="success">{d} 已阅</Tag> : <Tag>未阅知</Tag>),
          },
          ...(canEdit
            ? [
                {
                  title: '',
                  key: 'read',
                  width: 100,
                  render: (_: unknown, c: { index: number; sentOn: string | null; readOn: string | null }) =>
                    c.sentOn &&
                    !c.readOn && (
                      <Button size="small" type="link" onClick={() => setReading(c.index)}>
                        登记阅知
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      {canEdit && <CopyReadModal feedback={f} index={reading} onClose={() => setReading(null)} />}
    </Card>
  );
}

/** 反馈: the 反馈会 of each inspected organization, the 四抄告 with read dates, and the 反馈意见 .docx. */
export function FeedbackTab({
  inspectionId,
  targets,
  canWrite,
}: {
  inspectionId: string;
  targets: Target[];
  canWrite: boolean;
}) {
  const q = useQuery({ queryKey: rk.feedback(inspectionId), queryFn: () => listFeedback(inspectionId) });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<TFeedbackOut | null>(null);
  const items = q.data?.items ?? [];
  const missing = targets.filter((t) => !items.some((f) => f.orgId === t.orgId));
  return (
    <div>
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {canWrite && missing.length > 0 && (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 16 }} onClick={() => setCreating(true)}>
          记录反馈会
        </Button>
      )}
      {q.isPending && <Card loading />}
      {q.data && items.length === 0 && <Empty description="暂无反馈记录" />}
      {items.map((f) => (
        <FeedbackCard key={f.id} inspectionId={inspectionId} f={f} canEdit={canWrite} onEdit={() => setEditing(f)} />
      ))}
      {canWrite && (
        <CreateDrawer
          inspectionId={inspectionId}
          targets={missing}
          open={creating}
          onClose={() => setCreating(false)}
        />
      )}
      {canWrite && <EditDrawer feedback={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
