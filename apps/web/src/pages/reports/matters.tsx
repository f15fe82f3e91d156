import { CheckOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  ASSIGNED_MATTER_STATUS_LABELS,
  MEETING_KIND_LABELS,
  type TAssignedMatterStatus,
  type TMeetingKind,
  ZAssignedMatterIn,
  ZAssignedMatterUpdate,
} from '@xc/domain';
import { Button, DatePicker, Input, Popconfirm, Space, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { addMatter, fwk, type TAssignedMatterOut, updateMatter } from '../../api/fieldwork.ts';
import { usePermissions } from '../../api/hooks.ts';
import { afterToday, Field, FormModal, iso, useAction, useSchemaForm } from '../../components/form-kit/index.ts';
import { DeadlineTag } from '../planning/shared.tsx';

interface CloseValues {
  closingNote?: string;
  closedOn?: Dayjs | null;
}

/** 办结: what was done and when; the matter then counts as closed. */
function CloseModal({ matter, onClose }: { matter: TAssignedMatterOut | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const kit = useSchemaForm({
    schema: ZAssignedMatterUpdate,
    toBody: (v: CloseValues) => ({
      version: matter?.version ?? 0,
      status: 'done',
      closingNote: v.closingNote ?? '',
      closedOn: iso(v.closedOn) ?? '',
    }),
    mutationFn: (body) => updateMatter(matter?.id ?? '', body),
    success: '交办事项已办结',
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: fwk.all });
      onClose();
    },
    onError: (e) => {
      // Someone changed the matter first: what the list shows is refreshed, the message says why.
      if (isApiError(e) && e.status === 409) void queryClient.invalidateQueries({ queryKey: fwk.all });
      return false;
    },
    open: !!matter,
    openKey: matter?.id,
    initial: (): CloseValues => ({ closingNote: '', closedOn: dayjs() }),
  });
  return (
    <FormModal kit={kit} title="办结交办事项" open={!!matter} onClose={onClose} okText="办结" name="matterClose">
      {matter && (
        <Typography.Paragraph>
          {matter.what}（承办：{matter.assignee}，时限 {matter.dueDate}）
        </Typography.Paragraph>
      )}
      <Field name="closingNote" label="办结情况" required>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
      </Field>
      <Field name="closedOn" label="办结日期" required>
        <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
      </Field>
    </FormModal>
  );
}

interface MatterValues {
  what?: string;
  assignee?: string;
  dueDate?: Dayjs | null;
}

/** 增加交办事项 to a meeting already recorded. */
function AddMatterModal({ meetingId, open, onClose }: { meetingId: string; open: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const kit = useSchemaForm({
    schema: ZAssignedMatterIn,
    toBody: (v: MatterValues) => ({ what: v.what ?? '', assignee: v.assignee ?? '', dueDate: iso(v.dueDate) ?? '' }),
    mutationFn: (body) => addMatter(meetingId, body),
    success: '已增加交办事项',
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: fwk.all });
      onClose();
    },
    open,
    initial: (): MatterValues => ({}),
  });
  return (
    <FormModal kit={kit} title="增加交办事项" open={open} onClose={onClose} okText="增加" name="matterAdd">
      <Field name="what" label="交办事项" required>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount />
      </Field>
      <Field name="assignee" label="承办单位或责任人" required>
        <Input maxLength={100} />
      </Field>
      <Field name="dueDate" label="完成时限" required>
        <DatePicker style={{ width: '100%' }} />
      </Field>
    </FormModal>
  );
}

/** The columns of 交办事项, with 办结 / 重新办理 for those who manage meetings. */
export function useMatterColumns(withMeeting: boolean): {
  columns: TableColumnsType<TAssignedMatterOut>;
  modals: React.ReactNode;
} {
  const perms = usePermissions();
  const canManage = perms.has('meeting:manage');
  const [closing, setClosing] = useState<TAssignedMatterOut | null>(null);
  const reopen = useAction((m: TAssignedMatterOut) => updateMatter(m.id, { version: m.version, status: 'open' }), {
    success: '已重新办理',
    invalidate: [fwk.all],
  });
  const columns: TableColumnsType<TAssignedMatterOut> = [
    { title: '交办事项', dataIndex: 'what', render: (v: string) => <div style={{ whiteSpace: 'pre-wrap' }}>{v}</div> },
    { title: '承办单位或责任人', dataIndex: 'assignee', width: 180 },
    ...(withMeeting
      ? [
          {
            title: '交办会议',
            key: 'meeting',
            width: 200,
            render: (_v: unknown, m: TAssignedMatterOut) =>
              `${m.meetingDate} ${MEETING_KIND_LABELS[m.meetingKind as TMeetingKind]}`,
          },
        ]
      : []),
    {
      title: '完成时限',
      key: 'due',
      width: 170,
      render: (_v, m) => (
        <Space size={4}>
          <span>{m.dueDate}</span>
          <DeadlineTag colour={m.colour} />
        </Space>
      ),
    },
    {
      title: '办理状态',
      dataIndex: 'status',
      width: 200,
      render: (s: TAssignedMatterStatus, m) => (
        <div>
          <Tag color={s === 'done' ? 'green' : 'blue'}>{ASSIGNED_MATTER_STATUS_LABELS[s]}</Tag>
          {m.closedOn && <Typography.Text type="secondary">{m.closedOn}</Typography.Text>}
          {m.closingNote && (
            <Typography.Paragraph
              type="secondary"
              style={{ fontSize: 12, margin: 0 }}
              ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}
            >
              {m.closingNote}
            </Typography.Paragraph>
          )}
        </div>
      ),
    },
    ...(canManage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 110,
            render: (_v: unknown, m: TAssignedMatterOut) =>
              m.status === 'open' ? (
                <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setClosing(m)}>
                  办结
                </Button>
              ) : (
                <Popconfirm
                  title="重新办理这项交办事项？"
                  description="办结情况和办结日期将被清除。"
                  okText="重新办理"
                  onConfirm={() => reopen.run(m)}
                >
                  <Button size="small" icon={<UndoOutlined />}>
                    重新办理
                  </Button>
                </Popconfirm>
              ),
          },
        ]
      : []),
  ];
  return { columns, modals: <CloseModal matter={closing} onClose={() => setClosing(null)} /> };
}

export function AddMatterButton({ meetingId }: { meetingId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        增加交办事项
      </Button>
      <AddMatterModal meetingId={meetingId} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
