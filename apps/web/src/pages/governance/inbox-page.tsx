import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { REMINDER_STATUS_LABELS, REMINDER_STATUSES, type TReminderStatus, ZDutyReminderAnswer } from '@xc/domain';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Descriptions,
  Drawer,
  Input,
  List,
  Progress,
  Space,
  Switch,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useState } from 'react';
import { errorText } from '../../api/client.ts';
import {
  answerReminder,
  downloadInboxBulletinDocx,
  getInboxBulletin,
  getInboxReminder,
  gk,
  listInboxBulletins,
  listInboxReminders,
  type TBulletinOut,
  type TGovernanceFileOut,
  type TReminderItem,
  type TReminderOut,
  uploadInboxFile,
  useInboxSummary,
} from '../../api/governance.ts';
import { useMe } from '../../api/hooks.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { useCursorPages } from '../../components/cursor-pager.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FilterSelect } from '../../components/filter-bar.tsx';
import { Field, FormDrawer, useExport, useSchemaForm } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { oneOf, useUrlParams } from '../../components/url-filters.ts';
import { ReminderBody } from './reminder-parts.tsx';
import { DueDateTag, ReminderStatusTag, when } from './shared.tsx';

/** A reminder still owes an answer (not yet answered, or judged insufficient). */
const OWED: readonly TReminderStatus[] = ['pending', 'overdue', 'insufficient'];

/** The caller's read receipt on a bulletin: its own account's line, or a line of an organization it is granted on. */
function useMyReadAt() {
  const { data: me } = useMe();
  const userId = me?.user.id;
  const orgIds = new Set<string>(
    [me?.user.orgId, ...(me?.grants ?? []).filter((g) => g.scopeType === 'organization').map((g) => g.scopeId)].filter(
      (x): x is string => !!x,
    ),
  );
  return (b: TBulletinOut): string | null => {
    const mine = b.recipients.filter((r) => (r.userId && r.userId === userId) || (r.orgId && orgIds.has(r.orgId)));
    return mine.map((r) => r.readAt).find((t) => !!t) ?? null;
  };
}

/* ---------------------------------------------------------------- bulletins */

function BulletinReader({ id, onClose }: { id: string | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: gk.inboxBulletin(id ?? ''),
    queryFn: () => getInboxBulletin(id ?? ''),
    enabled: !!id,
  });
  const b = q.data;
  // Opening it recorded the read receipt: the lists and the badge change.
  useEffect(() => {
    if (!b) return;
    void queryClient.invalidateQueries({ queryKey: ['governance', 'inbox', 'bulletins'] });
    void queryClient.invalidateQueries({ queryKey: gk.inboxSummary });
  }, [b, queryClient]);
  const docx = useExport(
    () => downloadInboxBulletinDocx(b?.id ?? '', `${b?.number ?? b?.title ?? '分类通报'}.docx`),
    '已下载',
  );
  return (
    <Drawer
      title={b ? b.title : '通报'}
      open={!!id}
      onClose={onClose}
      size={760}
      extra={
        b && (
          <Button icon={<DownloadOutlined />} loading={docx.pending} onClick={() => void docx.run()}>
            下载通报（.docx）
          </Button>
        )
      }
    >
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {!b && !!id && !q.error && <Card loading />}
      {b && (
        <>
          <Descriptions column={2} size="small" bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="文号">{b.number ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="印发日期">{b.sentOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="领域">{b.sector}</Descriptions.Item>
            <Descriptions.Item label="共性问题">
              <Space wrap>
                {b.commonProblems.map((p) => (
                  <Tag key={p.id} color="purple">
                    {p.name}
                  </Tag>
                ))}
              </Space>
            </Descriptions.Item>
          </Descriptions>
          {b.intro && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{b.intro}</Typography.Paragraph>}
          <Typography.Title level={5}>工作要求</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{b.requestedActions}</Typography.Paragraph>
          <Typography.Text type="secondary">通报全文（含问题描述和涉及情况）请下载 .docx 文件阅读。</Typography.Text>
        </>
      )}
    </Drawer>
  );
}

function BulletinsTab() {
  const { params, set } = useUrlParams({ replace: true });
  const unread = params.get('unread') === 'true' ? ('true' as const) : undefined;
  const pages = useCursorPages(unread ?? '');
  const query = { unread, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: gk.inboxBulletins(query),
    queryFn: ({ signal }) => listInboxBulletins(query, signal),
    placeholderData: keepPreviousData,
  });
  const readAt = useMyReadAt();
  const [open, setOpen] = useState<string | null>(null);
  // Unread first; the server's order (newest first) within each.
  const rows = [...(list.data?.items ?? [])].sort((a, b) => Number(!!readAt(a)) - Number(!!readAt(b)));
  const columns: TableColumnsType<TBulletinOut> = [
    {
      title: '阅读',
      key: 'read',
      width: 90,
      render: (_, b) => (readAt(b) ? <Tag color="green">已读</Tag> : <Tag color="gold">未读</Tag>),
    },
    { title: '文号', dataIndex: 'number', width: 170, render: (n: string | null) => n ?? '—' },
    {
      title: '标题',
      dataIndex: 'title',
      ellipsis: true,
      render: (t: string, b) => (
        <Button
          type="link"
          style={{ padding: 0, fontWeight: readAt(b) ? undefined : 600 }}
          onClick={() => setOpen(b.id)}
        >
          {t}
        </Button>
      ),
    },
    { title: '领域', dataIndex: 'sector', width: 100 },
    { title: '印发日期', dataIndex: 'sentOn', width: 110, render: (d: string | null) => d ?? '—' },
    { title: '阅读时间', key: 'readAt', width: 160, render: (_, b) => when(readAt(b)) },
  ];
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Switch checked={!!unread} onChange={(on) => set({ unread: on ? 'true' : null })} aria-label="只看未读" />
        只看未读
      </Space>
      <CursorTable<TBulletinOut>
        list={{ ...list, data: list.data ? { ...list.data, items: rows } : undefined } as typeof list}
        pages={pages}
        columns={columns}
        width={900}
        onOpen={(b) => setOpen(b.id)}
        empty={{ filtered: !!unread, whenFiltered: '没有未读的通报', whenEmpty: '暂无送达您的通报' }}
      />
      <BulletinReader id={open} onClose={() => setOpen(null)} />
    </>
  );
}

/* ---------------------------------------------------------------- reminders */

function AnswerDrawer({ reminder, onClose }: { reminder: TReminderItem | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [files, setFiles] = useState<TGovernanceFileOut[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const kit = useSchemaForm({
    schema: ZDutyReminderAnswer,
    toBody: (v: { whatWasDone?: string }) => ({ whatWasDone: v.whatWasDone ?? '', fileIds: files.map((f) => f.id) }),
    mutationFn: (body) => answerReminder(reminder?.id ?? '', body),
    success: '已提交答复，待巡察办审核',
    invalidate: [gk.all],
    onSuccess: onClose,
    invalidMessage: '请填写落实情况',
    open: !!reminder,
    openKey: reminder?.id,
    initial: () => ({}),
  });
  // A new answer starts without the previous one's files.
  const openKey = reminder?.id;
  useEffect(() => {
    if (openKey) setFiles([]);
  }, [openKey]);
  const send = async (file: File) => {
    setProgress(0);
    try {
      const f = await uploadInboxFile(file, setProgress);
      setFiles((fs) => [...fs, f]);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setProgress(null);
    }
  };
  return (
    <FormDrawer
      kit={kit}
      title={reminder ? `答复履责提示（期限 ${reminder.dueOn}）` : '答复履责提示'}
      open={!!reminder}
      onClose={onClose}
      size={720}
      okText="提交答复"
      blocked={progress !== null}
      name="reminderAnswer"
      intro={
        reminder?.status === 'insufficient' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="上次答复经审核不充分，请补充后重新答复。"
          />
        )
      }
    >
      <Field name="whatWasDone" label="落实情况" required>
        <Input.TextArea
          autoSize={{ minRows: 6, maxRows: 16 }}
          maxLength={5000}
          showCount
          placeholder="写明针对提示的问题采取的措施、取得的成效和建立的制度"
        />
      </Field>
      <Typography.Text strong>附件</Typography.Text>
      <List
        size="small"
        dataSource={files}
        locale={{ emptyText: '暂无附件' }}
        renderItem={(f) => (
          <List.Item
            actions={[
              <Button
                key="rm"
                size="small"
                type="link"
                danger
                icon={<DeleteOutlined />}
                onClick={() => setFiles((fs) => fs.filter((x) => x.id !== f.id))}
              >
                移除
              </Button>,
            ]}
          >
            <PaperClipOutlined /> {f.name}
          </List.Item>
        )}
      />
      <Upload
        showUploadList={false}
        beforeUpload={(file) => {
          void send(file);
          return false;
        }}
      >
        <Button
          icon={<UploadOutlined />}
          loading={progress !== null}
          disabled={files.length >= 20}
          style={{ marginTop: 8 }}
        >
          上传附件
        </Button>
      </Upload>
      {progress !== null && <Progress percent={progress} size="small" />}
    </FormDrawer>
  );
}

function ReminderReader({
  id,
  onClose,
  onAnswer,
}: {
  id: string | null;
  onClose: () => void;
  onAnswer: (r: TReminderOut) => void;
}) {
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: gk.inboxReminder(id ?? ''),
    queryFn: () => getInboxReminder(id ?? ''),
    enabled: !!id,
  });
  const r = q.data;
  useEffect(() => {
    if (r) void queryClient.invalidateQueries({ queryKey: gk.inboxSummary });
  }, [r, queryClient]);
  return (
    <Drawer
      title={r ? `履责提示（${r.sentOn}）` : '履责提示'}
      open={!!id}
      onClose={onClose}
      size={760}
      extra={
        r &&
        OWED.includes(r.status) && (
          <Button type="primary" onClick={() => onAnswer(r)}>
            填写答复
          </Button>
        )
      }
    >
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {!r && !!id && !q.error && <Card loading />}
      {r && <ReminderBody r={r} findings={false} />}
    </Drawer>
  );
}

function RemindersTab() {
  const { params, set } = useUrlParams({ replace: true });
  const status = oneOf<TReminderStatus>(REMINDER_STATUSES, params.get('status'));
  const pages = useCursorPages(status ?? '');
  const query = { status, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: gk.inboxReminders(query),
    queryFn: ({ signal }) => listInboxReminders(query, signal),
    placeholderData: keepPreviousData,
  });
  const [open, setOpen] = useState<string | null>(null);
  const [answering, setAnswering] = useState<TReminderItem | null>(null);
  const columns: TableColumnsType<TReminderItem> = [
    { title: '发出日期', dataIndex: 'sentOn', width: 110 },
    { title: '领域', dataIndex: 'sector', width: 100, render: (s: string | null) => s ?? '—' },
    {
      title: '共性问题',
      key: 'problems',
      ellipsis: true,
      render: (_, r) => r.commonProblems.map((p) => p.name).join('、') || '—',
    },
    { title: '答复期限', key: 'due', width: 160, render: (_, r) => <DueDateTag due={r.dueOn} colour={r.colour} /> },
    {
      title: '状态',
      dataIndex: 'status',
      width: 130,
      render: (s: TReminderStatus) => <ReminderStatusTag status={s} />,
    },
    {
      title: '操作',
      key: 'ops',
      width: 130,
      render: (_, r) => (
        <Space size={0} onClick={(e) => e.stopPropagation()}>
          <Button type="link" size="small" onClick={() => setOpen(r.id)}>
            查看
          </Button>
          {OWED.includes(r.status) && (
            <Button type="link" size="small" onClick={() => setAnswering(r)}>
              答复
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <FilterSelect
          label="状态"
          value={status}
          onChange={(s) => set({ status: s })}
          options={REMINDER_STATUSES.map((s) => ({ value: s, label: REMINDER_STATUS_LABELS[s] }))}
          width={160}
        />
      </Space>
      <CursorTable<TReminderItem>
        list={list}
        pages={pages}
        columns={columns}
        width={900}
        onOpen={(r) => setOpen(r.id)}
        empty={{ filtered: !!status, whenFiltered: '没有该状态的履责提示', whenEmpty: '暂无送达您的履责提示' }}
      />
      <ReminderReader
        id={open}
        onClose={() => setOpen(null)}
        onAnswer={(r) => {
          setOpen(null);
          setAnswering(r);
        }}
      />
      <AnswerDrawer reminder={answering} onClose={() => setAnswering(null)} />
    </>
  );
}

/* ---------------------------------------------------------------- page */

/** 我的通报与提示: what was addressed to the 分管领导 or 主管部门 — bulletins to read, reminders to answer. */
export default function InboxPage() {
  usePageMeta([]);
  const { params, set } = useUrlParams();
  const tab = params.get('tab') === 'reminders' ? 'reminders' : 'bulletins';
  const summary = useInboxSummary();
  const s = summary.data;
  return (
    <div>
      <PageHeader
        title="我的通报与提示"
        sub={
          s
            ? `未读通报 ${s.bulletinsUnread} 份；待答复履责提示 ${s.remindersOwed} 份，其中逾期 ${s.remindersOverdue} 份`
            : '巡察机构送达您的分类通报和履责提示'
        }
      />
      {s && s.remindersOverdue > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`有 ${s.remindersOverdue} 份履责提示已超过答复期限，请尽快答复`}
        />
      )}
      <Card>
        <Tabs
          activeKey={tab}
          destroyOnHidden
          onChange={(k) => set({ tab: k === 'reminders' ? 'reminders' : null, status: null, unread: null })}
          items={[
            {
              key: 'bulletins',
              label: (
                <Badge count={s?.bulletinsUnread ?? 0} size="small" offset={[8, 0]}>
                  通报
                </Badge>
              ),
              children: <BulletinsTab />,
            },
            {
              key: 'reminders',
              label: (
                <Badge count={s?.remindersOwed ?? 0} size="small" offset={[8, 0]}>
                  履责提示
                </Badge>
              ),
              children: <RemindersTab />,
            },
          ]}
        />
      </Card>
    </div>
  );
}
