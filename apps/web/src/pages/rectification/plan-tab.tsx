import { EditOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  JOINT_REVIEW_OUTCOME_LABELS,
  REVIEW_SUBJECT_LABELS,
  TASK_KIND_LABELS,
  TASK_KINDS,
  type TTaskKind,
  ZTaskCreate,
  ZTaskUpdate,
} from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Input,
  Radio,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  createTask,
  getProblemList,
  listPlans,
  rk,
  submitPlan,
  type TPlanStatusOut,
  type TProblemListOut,
  type TTaskItem,
  updateTask,
} from '../../api/rectification.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { day, Field, FormModal, iso, optional, useAction, useSchemaForm } from '../../components/form-kit/index.ts';
import { KindTag, LedgerStatusTag, RatingTag, SubmissionTag, useRectRoles, WarningTag } from './shared.tsx';
import { TaskDrawer } from './task-drawer.tsx';

type TPlanFinding = TProblemListOut['findings'][number];
type TReview = TPlanStatusOut['reviews'][number];

interface TaskValues {
  version?: number;
  kind?: TTaskKind;
  measures?: string;
  goal?: string;
  responsibleLeader?: string;
  responsibleDept?: string;
  responsiblePerson?: string;
  deadline?: Dayjs | null;
}

const taskBody = (v: TaskValues) => ({
  kind: v.kind,
  measures: v.measures ?? '',
  responsibleLeader: v.responsibleLeader ?? '',
  responsibleDept: v.responsibleDept ?? '',
  deadline: iso(v.deadline) ?? '',
  goal: optional(v.goal),
  responsiblePerson: optional(v.responsiblePerson),
});

function TaskFields() {
  return (
    <>
      <Field name="kind" label="整改类型" required>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={TASK_KINDS.map((k) => ({ value: k, label: TASK_KIND_LABELS[k] }))}
        />
      </Field>
      <Field name="measures" label="整改措施" required>
        <Input.TextArea rows={5} maxLength={5000} showCount placeholder="针对问题逐条列明具体、可检验的整改措施" />
      </Field>
      <Field name="goal" label="整改目标">
        <Input.TextArea rows={2} maxLength={1000} />
      </Field>
      <Row gutter={16}>
        <Col span={8}>
          <Field name="responsibleLeader" label="责任领导" required>
            <Input maxLength={40} />
          </Field>
        </Col>
        <Col span={8}>
          <Field name="responsibleDept" label="责任部门" required>
            <Input maxLength={100} />
          </Field>
        </Col>
        <Col span={8}>
          <Field name="responsiblePerson" label="具体责任人">
            <Input maxLength={40} />
          </Field>
        </Col>
      </Row>
      <Field
        name="deadline"
        label="整改时限"
        required
        extra="立行立改、限期整改为完成日期；长期坚持为取得阶段性成果的日期"
      >
        <DatePicker style={{ width: 200 }} />
      </Field>
    </>
  );
}

function TaskCreateModal({
  finding,
  onBehalf,
  onClose,
}: {
  finding: TPlanFinding | null;
  onBehalf: boolean;
  onClose: () => void;
}) {
  const kit = useSchemaForm({
    schema: ZTaskCreate,
    toBody: taskBody,
    mutationFn: (body) => createTask(finding?.id ?? '', body),
    success: '已添加整改任务',
    invalidate: [rk.all],
    onSuccess: onClose,
    open: !!finding,
    openKey: finding?.id,
    initial: () => ({ kind: 'timeLimited' as const }),
  });
  return (
    <FormModal
      kit={kit}
      title="添加整改任务"
      open={!!finding}
      onClose={onClose}
      width={720}
      name="taskCreate"
      intro={
        <>
          {finding && (
            <Typography.Paragraph type="secondary">
              问题{finding.seq}：{finding.title}
            </Typography.Paragraph>
          )}
          {onBehalf && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title="巡察办代为录入被巡察党组织报送的纸质整改方案，任务将标注“巡察办代录”"
            />
          )}
        </>
      }
    >
      <TaskFields />
    </FormModal>
  );
}

function TaskEditModal({ task, onClose }: { task: TTaskItem | null; onClose: () => void }) {
  const kit = useSchemaForm({
    schema: ZTaskUpdate,
    toBody: (v: TaskValues) => ({
      version: v.version,
      ...taskBody(v),
      goal: v.goal?.trim() ? v.goal : null,
      responsiblePerson: v.responsiblePerson?.trim() ? v.responsiblePerson : null,
    }),
    mutationFn: (body) => updateTask(task?.id ?? '', body),
    success: '已保存整改任务',
    invalidate: [rk.all],
    onSuccess: onClose,
    open: !!task,
    openKey: task?.id,
    initial: () =>
      task
        ? {
            version: task.version,
            kind: task.kind,
            measures: task.measures,
            goal: task.goal ?? '',
            responsibleLeader: task.responsibleLeader,
            responsibleDept: task.responsibleDept,
            responsiblePerson: task.responsiblePerson ?? '',
            deadline: day(task.deadline),
          }
        : undefined,
  });
  return (
    <FormModal kit={kit} title="修改整改任务" open={!!task} onClose={onClose} width={720} name="taskEdit">
      <TaskFields />
    </FormModal>
  );
}

const RECT_LABELS = { rectified: '已整改', ongoing: '整改中', undone: '未完成' } as const;
const RECT_COLOURS = { rectified: 'success', ongoing: 'processing', undone: 'default' } as const;

function FindingCard({
  finding,
  editable,
  onAdd,
  onEdit,
  onOpen,
}: {
  finding: TPlanFinding;
  editable: boolean;
  onAdd: () => void;
  onEdit: (t: TTaskItem) => void;
  onOpen: (t: TTaskItem) => void;
}) {
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Space>
          <span>
            问题{finding.seq}：{finding.title}
          </span>
          <Tag color={RECT_COLOURS[finding.rectification]}>{RECT_LABELS[finding.rectification]}</Tag>
        </Space>
      }
      extra={
        editable && (
          <Button size="small" icon={<PlusOutlined />} onClick={onAdd}>
            添加任务
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}>
        {finding.facts}
      </Typography.Paragraph>
      <Table<TTaskItem>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={finding.tasks}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无整改任务" /> }}
        onRow={(t) => ({ onClick: () => onOpen(t), style: { cursor: 'pointer' } })}
        columns={[
          { title: '类型', key: 'kind', width: 96, render: (_, t) => <KindTag kind={t.kind} /> },
          { title: '整改措施', dataIndex: 'measures', ellipsis: true },
          { title: '责任领导', dataIndex: 'responsibleLeader', width: 90 },
          { title: '责任部门', dataIndex: 'responsibleDept', width: 130, ellipsis: true },
          { title: '时限', dataIndex: 'deadline', width: 104 },
          { title: '完成情况', key: 's', width: 150, render: (_, t) => <LedgerStatusTag status={t.ledgerStatus} /> },
          {
            title: '预警',
            key: 'w',
            width: 96,
            render: (_, t) => <WarningTag warning={t.warning} daysLeft={t.workingDaysLeft} />,
          },
          ...(editable
            ? [
                {
                  title: '',
                  key: 'edit',
                  width: 48,
                  render: (_: unknown, t: TTaskItem) => (
                    <Button
                      size="small"
                      type="text"
                      icon={<EditOutlined />}
                      aria-label="修改任务"
                      onClick={(e) => {
                        e.stopPropagation();
                        onEdit(t);
                      }}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

export function ReviewHistory({ reviews }: { reviews: TReview[] }) {
  if (reviews.length === 0) return null;
  return (
    <Card size="small" title="联合会审记录" style={{ marginTop: 16 }}>
      {[...reviews]
        .sort((a, b) => b.round - a.round)
        .map((r) => (
          <div key={r.id} style={{ marginBottom: 12 }}>
            <Space wrap>
              <Typography.Text strong>
                第{r.round}轮 · {REVIEW_SUBJECT_LABELS[r.subject]}
              </Typography.Text>
              <Tag color={r.outcome === 'passed' ? 'success' : r.outcome === 'returned' ? 'error' : 'processing'}>
                {JOINT_REVIEW_OUTCOME_LABELS[r.outcome]}
              </Tag>
              <Typography.Text type="secondary">
                提交 {r.submittedOn}
                {r.decidedOn ? ` · 办结 ${r.decidedOn}` : ''}
              </Typography.Text>
            </Space>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              style={{ marginTop: 8 }}
              dataSource={r.parties.map((p) => ({ ...p, rating: r.ratings.find((x) => x.party === p.key) }))}
              columns={[
                { title: '会审单位', dataIndex: 'name', width: 120 },
                {
                  title: '等次',
                  key: 'rating',
                  width: 80,
                  // A 差 ends the round at once: the parties that had not rated are no longer asked.
                  render: (_, p) =>
                    p.rating ? (
                      <RatingTag rating={p.rating.rating} />
                    ) : (
                      <Tag>{r.outcome === 'pending' ? '未评' : '不再评定'}</Tag>
                    ),
                },
                { title: '会审意见', key: 'c', render: (_, p) => p.rating?.comments || '—' },
                {
                  title: '评定',
                  key: 'by',
                  width: 170,
                  render: (_, p) => (p.rating ? `${p.rating.ratedBy ?? ''} ${p.rating.ratedAt.slice(0, 10)}` : ''),
                },
              ]}
            />
          </div>
        ))}
    </Card>
  );
}

/**
 * 整改方案 of one organization: 问题清单 (the findings handed over), 任务清单 and 责任清单 (the tasks
 * per finding), its submission to 联合会审 and the reviews so far. The liaison writes it; office
 * staff may enter a paper plan on the organization's behalf.
 */
export function PlanView({ inspectionId, orgId }: { inspectionId: string; orgId?: string }) {
  const roles = useRectRoles();
  const { modal } = App.useApp();
  const problems = useQuery({
    queryKey: rk.problemList(inspectionId, orgId),
    queryFn: () => getProblemList(inspectionId, orgId),
  });
  const plans = useQuery({ queryKey: rk.plans(inspectionId), queryFn: () => listPlans(inspectionId) });
  const [adding, setAdding] = useState<TPlanFinding | null>(null);
  const [editing, setEditing] = useState<TTaskItem | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const submit = useAction((p: TPlanStatusOut) => submitPlan(inspectionId, { orgId: p.orgId, version: p.version }), {
    success: '整改方案已提交联合会审',
    invalidate: [rk.all],
    // The answer is the plan as it now stands: shown at once, before the lists refetch.
    onSuccess: (saved) =>
      queryClient.setQueryData(rk.plans(inspectionId), (old: Awaited<ReturnType<typeof listPlans>> | undefined) =>
        old ? { ...old, items: old.items.map((x) => (x.orgId === saved.orgId ? saved : x)) } : old,
      ),
  });
  const error = problems.error ?? plans.error;
  if (error)
    return (
      <ErrorAlert
        error={error}
        onRetry={() => {
          void problems.refetch();
          void plans.refetch();
        }}
      />
    );
  if (!problems.data || !plans.data) return <Card loading />;
  const list = problems.data;
  const plan = plans.data.items.find((x) => x.orgId === list.orgId) ?? null;
  const status = plan?.status ?? 'draft';
  const editable = roles.write && (status === 'draft' || status === 'returned');
  const findings = list.findings;
  const taskCount = findings.reduce((n, f) => n + f.tasks.length, 0);
  const bare = findings.filter((f) => f.tasks.length === 0).length;
  const askSubmit = () => {
    if (!plan) return;
    modal.confirm({
      title: '提交联合会审？',
      content:
        bare > 0
          ? `还有 ${bare} 个问题没有整改任务。提交后方案由各会审单位评定，评定期间不能修改。`
          : `共 ${findings.length} 个问题、${taskCount} 项任务。提交后方案由各会审单位评定，评定期间不能修改。`,
      okText: '提交',
      cancelText: '取消',
      onOk: () => submit.run(plan),
    });
  };
  return (
    <div>
      {status === 'returned' && plan?.returnedComments && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title="联合会审退回修改"
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{plan.returnedComments}</span>}
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={3}
          title={
            <Space>
              <span>{list.orgName} 整改方案</span>
              <SubmissionTag status={status} />
              {plan && plan.reviewRound > 0 && <Tag>第{plan.reviewRound}轮会审</Tag>}
            </Space>
          }
          extra={
            editable &&
            plan && (
              <Button type="primary" icon={<SendOutlined />} loading={submit.pending} onClick={askSubmit}>
                提交联合会审
              </Button>
            )
          }
        >
          <Descriptions.Item label="反馈日期">{list.handedOverOn ?? '尚未召开反馈会'}</Descriptions.Item>
          <Descriptions.Item label="问题 / 任务">
            {findings.length} 个 / {taskCount} 项
          </Descriptions.Item>
          <Descriptions.Item label="提交 / 通过">
            {plan?.submittedOn ?? '—'} / {plan?.acceptedOn ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {findings.length === 0 && <Empty description="暂无移交的问题" />}
      {findings.map((f) => (
        <FindingCard
          key={f.id}
          finding={f}
          editable={editable}
          onAdd={() => setAdding(f)}
          onEdit={setEditing}
          onOpen={(t) => setOpen(t.id)}
        />
      ))}
      {list.assignedMatters.length > 0 && (
        <Card size="small" title="随反馈交办的事项" style={{ marginTop: 16 }}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={list.assignedMatters}
            columns={[
              { title: '交办事项', dataIndex: 'what' },
              { title: '承办', dataIndex: 'assignee', width: 160 },
              { title: '办结时限', dataIndex: 'dueDate', width: 110 },
              { title: '状态', dataIndex: 'status', width: 100 },
            ]}
          />
        </Card>
      )}
      <ReviewHistory reviews={plan?.reviews ?? []} />
      <TaskCreateModal finding={adding} onBehalf={roles.supervise} onClose={() => setAdding(null)} />
      <TaskEditModal task={editing} onClose={() => setEditing(null)} />
      <TaskDrawer taskId={open} onClose={() => setOpen(null)} />
    </div>
  );
}
