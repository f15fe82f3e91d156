import { SendOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  RECIPIENT_KIND_LABELS,
  REMINDER_STATUS_LABELS,
  REMINDER_STATUSES,
  SECTORS,
  type TRecipient,
  type TReminderJudgement,
  type TReminderStatus,
  type TSector,
  ZDutyReminder,
  ZDutyReminderCreate,
  ZDutyReminderJudge,
} from '@xc/domain';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useRef, useState } from 'react';
import {
  createReminder,
  getReminder,
  gk,
  judgeReminder,
  listReminders,
  type TRecipientCandidateOut,
  type TReminderItem,
  type TReminderOut,
} from '../../api/governance.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FilterSelect, ResetFiltersButton } from '../../components/filter-bar.tsx';
import { Field, FormDrawer, FormModal, iso, optional, useSchemaForm } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { isUuid, oneOf, toParams, useUrlFilters } from '../../components/url-filters.ts';
import { TermSelect } from '../fieldwork/shared.tsx';
import { JUDGEMENT_OPTIONS, ReminderBody } from './reminder-parts.tsx';
import {
  DueDateTag,
  emptyText,
  ProblemSelect,
  RecipientSelect,
  ReminderStatusTag,
  recipientKey,
  SECTOR_OPTIONS,
  TermField,
  toRecipient,
  useDefaultTermId,
  useGovRoles,
} from './shared.tsx';

const KEYS = ['termId', 'status', 'sector'] as const;
type F = { termId?: string; status?: TReminderStatus; sector?: TSector };
const read = (p: URLSearchParams): F => ({
  termId: isUuid(p.get('termId')) ? (p.get('termId') as string) : undefined,
  status: oneOf<TReminderStatus>(REMINDER_STATUSES, p.get('status')),
  sector: oneOf<TSector>(SECTORS, p.get('sector')),
});
const write = (f: F) => toParams(f, KEYS);

type DueMode = 'setting' | 'days' | 'date';
interface CreateValues {
  termId?: string;
  sector?: TSector;
  recipient?: string;
  commonProblemIds?: string[];
  content?: string;
  dueMode?: DueMode;
  answerDueInWorkingDays?: number | null;
  dueOn?: Dayjs | null;
}

function CreateDrawer({
  open,
  defaultTermId,
  onClose,
}: {
  open: boolean;
  defaultTermId: string | undefined;
  onClose: () => void;
}) {
  const byKey = useRef(new Map<string, TRecipient>());
  const remember = useCallback((list: readonly TRecipientCandidateOut[]) => {
    for (const c of list) byKey.current.set(recipientKey(c), toRecipient(c));
  }, []);
  const kit = useSchemaForm({
    schema: ZDutyReminderCreate,
    toBody: (v: CreateValues) => ({
      termId: v.termId,
      recipient: v.recipient ? byKey.current.get(v.recipient) : undefined,
      ...(v.sector ? { sector: v.sector } : {}),
      ...(v.commonProblemIds?.length ? { commonProblemIds: v.commonProblemIds } : {}),
      content: v.content ?? '',
      ...(v.dueMode === 'days' ? { answerDueInWorkingDays: v.answerDueInWorkingDays ?? undefined } : {}),
      ...(v.dueMode === 'date' ? { dueOn: iso(v.dueOn) ?? '' } : {}),
    }),
    mutationFn: createReminder,
    success: (r) => `已向${r.recipient.name}发送履责提示，答复期限 ${r.dueOn}`,
    invalidate: [gk.all],
    onSuccess: onClose,
    invalidMessage: '请检查标红的内容',
    open,
    initial: (): CreateValues => ({ termId: defaultTermId, dueMode: 'setting', commonProblemIds: [] }),
  });
  const termId = Form.useWatch('termId', kit.form);
  const sector = Form.useWatch('sector', kit.form);
  const dueMode = Form.useWatch('dueMode', kit.form);
  return (
    <FormDrawer
      kit={kit}
      title="发送履责提示"
      open={open}
      onClose={onClose}
      size={760}
      okText="发送"
      name="reminderCreate"
      intro={
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="点对点提示一位分管领导或一个主管部门；对方须在期限内答复落实情况，逾期将标红。"
        />
      }
    >
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Field name="termId" label="届次" required>
            <TermField />
          </Field>
        </Col>
        <Col xs={24} md={10}>
          <Field name="sector" label="领域">
            <Select allowClear options={SECTOR_OPTIONS} showSearch={{ optionFilterProp: 'label' }} />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="recipient" label="接收对象" required>
            <RecipientSelect sector={sector} onCandidates={remember} />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="commonProblemIds" label="涉及的共性问题">
            <ProblemSelect termId={termId} />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="content" label="提示内容" required>
            <Input.TextArea
              autoSize={{ minRows: 5, maxRows: 14 }}
              maxLength={5000}
              showCount
              placeholder="写明发现的问题、应履行的责任和需答复的事项"
            />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="dueMode" label="答复期限">
            <Radio.Group
              options={[
                { value: 'setting', label: '按本机构设置' },
                { value: 'days', label: '指定工作日数' },
                { value: 'date', label: '指定截止日期' },
              ]}
            />
          </Field>
        </Col>
        {dueMode === 'days' && (
          <Col xs={24} md={12}>
            <Field name="answerDueInWorkingDays" label="答复期限（工作日）" required>
              <InputNumber min={1} max={60} precision={0} style={{ width: '100%' }} suffix="个工作日" />
            </Field>
          </Col>
        )}
        {dueMode === 'date' && (
          <Col xs={24} md={12}>
            <Field name="dueOn" label="答复截止日期" required>
              <DatePicker style={{ width: '100%' }} />
            </Field>
          </Col>
        )}
      </Row>
    </FormDrawer>
  );
}

function JudgeModal({ reminder, onClose }: { reminder: TReminderOut | null; onClose: () => void }) {
  type V = { judgement?: TReminderJudgement; comment?: string; version?: number };
  const kit = useSchemaForm({
    schema: ZDutyReminderJudge,
    toBody: (v: V) => ({ version: v.version, judgement: v.judgement, comment: optional(v.comment) }),
    mutationFn: (body) => judgeReminder(reminder?.id ?? '', body),
    success: (r) => (r.status === 'answered' ? '已认可答复' : `已退回重新答复，新的期限 ${r.dueOn}`),
    invalidate: [gk.all],
    onSuccess: onClose,
    conflict: { schema: ZDutyReminder, reload: (c) => (c ? { version: c.version } : undefined) },
    open: !!reminder,
    openKey: reminder?.id,
    initial: (): V | undefined => (reminder ? { version: reminder.version, judgement: 'answered' } : undefined),
  });
  const judgement = Form.useWatch('judgement', kit.form);
  return (
    <FormModal kit={kit} title="审核答复" open={!!reminder} onClose={onClose} okText="提交审核" name="reminderJudge">
      <Field name="judgement" label="审核结果" required>
        <Radio.Group options={JUDGEMENT_OPTIONS.map((o) => ({ value: o.value, label: o.label }))} />
      </Field>
      <Field name="comment" label="审核意见" required={judgement === 'insufficient'}>
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={1000}
          showCount
          placeholder={judgement === 'insufficient' ? '写明答复不充分的理由（至少5个字）' : '选填'}
        />
      </Field>
    </FormModal>
  );
}

function ReminderDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const roles = useGovRoles();
  const reminder = useQuery({ queryKey: gk.reminder(id ?? ''), queryFn: () => getReminder(id ?? ''), enabled: !!id });
  const r = reminder.data;
  const [judging, setJudging] = useState(false);
  const canJudge = roles.manage && r?.status === 'submitted';
  return (
    <Drawer
      title={r ? `履责提示：${r.recipient.name}` : '履责提示'}
      open={!!id}
      onClose={onClose}
      size={760}
      extra={
        canJudge && (
          <Button type="primary" onClick={() => setJudging(true)}>
            审核
          </Button>
        )
      }
    >
      {reminder.error && <ErrorAlert error={reminder.error} onRetry={() => void reminder.refetch()} />}
      {!r && !!id && !reminder.error && <Card loading />}
      {r && <ReminderBody r={r} />}
      <JudgeModal reminder={judging ? (r ?? null) : null} onClose={() => setJudging(false)} />
    </Drawer>
  );
}

/** 履责提示: point-to-point reminders, their answers and the office's judgement of each. */
export default function RemindersPage() {
  usePageMeta([]);
  const roles = useGovRoles();
  const { filters, pages, query, set, reset } = useUrlFilters(read, write);
  const defaultTermId = useDefaultTermId(filters.termId);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: gk.reminders(query),
    queryFn: ({ signal }) => listReminders(query, signal),
    placeholderData: keepPreviousData,
  });
  const filtered = KEYS.some((k) => !!filters[k]);
  const columns: TableColumnsType<TReminderItem> = [
    {
      title: '接收对象',
      key: 'recipient',
      render: (_, r) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(r.id)}>
          {r.recipient.name}（{RECIPIENT_KIND_LABELS[r.recipient.kind]}）
        </Button>
      ),
    },
    { title: '领域', dataIndex: 'sector', width: 100, render: (s: string | null) => s ?? '—' },
    {
      title: '共性问题',
      key: 'problems',
      ellipsis: true,
      render: (_, r) => r.commonProblems.map((p) => p.name).join('、') || '—',
    },
    { title: '发出日期', dataIndex: 'sentOn', width: 110 },
    { title: '答复期限', key: 'due', width: 160, render: (_, r) => <DueDateTag due={r.dueOn} colour={r.colour} /> },
    {
      title: '状态',
      dataIndex: 'status',
      width: 130,
      render: (s: TReminderStatus) => <ReminderStatusTag status={s} />,
    },
  ];
  return (
    <div>
      <PageHeader
        title="履责提示"
        sub="向分管领导、主管部门点对点提示履行监管责任；逾期未答复标红，答复经审核认可后办结"
        extra={
          roles.manage && (
            <Button type="primary" icon={<SendOutlined />} onClick={() => setCreating(true)}>
              发送履责提示
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
            options={REMINDER_STATUSES.map((s) => ({ value: s, label: REMINDER_STATUS_LABELS[s] }))}
            width={150}
          />
          <FilterSelect
            label="领域"
            value={filters.sector}
            onChange={(sector) => set({ sector })}
            options={SECTOR_OPTIONS}
            width={130}
            searchable
          />
          <ResetFiltersButton filtered={filtered} onReset={reset} />
        </Space>
        <CursorTable<TReminderItem>
          list={list}
          pages={pages}
          columns={columns}
          width={1000}
          onOpen={(r) => setOpen(r.id)}
          empty={emptyText(
            { termId: filters.termId, others: !!(filters.status || filters.sector) },
            '没有符合条件的履责提示',
            '暂无履责提示',
          )}
        />
      </Card>
      <CreateDrawer open={creating} defaultTermId={defaultTermId} onClose={() => setCreating(false)} />
      <ReminderDrawer id={open} onClose={() => setOpen(null)} />
    </div>
  );
}
