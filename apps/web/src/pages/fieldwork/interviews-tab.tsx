import { LockOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  INTERVIEW_KIND_LABELS,
  INTERVIEW_KINDS,
  type TInterviewKind,
  TWO_INTERVIEWERS_MESSAGE,
  ZInterview,
  ZInterviewCreate,
  ZInterviewUpdate,
} from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Input,
  Progress,
  Row,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorText } from '../../api/client.ts';
import {
  createInterview,
  downloadInterviewRecord,
  fwk,
  getInterview,
  listInterviews,
  type TInterviewItem,
  type TInterviewOut,
  updateInterview,
  uploadInterviewRecord,
} from '../../api/fieldwork.ts';
import { usePermissions } from '../../api/hooks.ts';
import type { TInspectionDetailOut } from '../../api/planning.ts';
import { useCursorPages } from '../../components/cursor-pager.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { FilterSelect } from '../../components/filter-bar.tsx';
import { Field, FormDrawer, iso, optional, useExport, useSchemaForm } from '../../components/form-kit/index.ts';
import { RosterSelect, useRoster, when } from './shared.tsx';

interface InterviewValues {
  intervieweeName?: string;
  intervieweePost?: string;
  kind?: TInterviewKind;
  date?: Dayjs | null;
  place?: string;
  inspectorIds?: string[];
  notes?: string;
  orgId?: string;
}

/** Days a record of the stay may carry: from the entry date to today. */
export function onSiteDays(entryDate: string | null | undefined) {
  return (d: Dayjs) => d.isAfter(dayjs(), 'day') || (!!entryDate && d.isBefore(dayjs(entryDate), 'day'));
}

/** Which target organization, when the inspection has several (巡乡带村, several units in one inspection). */
export function TargetSelect({
  inspection,
  value,
  onChange,
  id,
}: {
  inspection: TInspectionDetailOut;
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
}) {
  return (
    <Select
      id={id}
      value={value}
      onChange={(v?: string) => onChange?.(v || undefined)}
      allowClear
      placeholder="选择被巡察单位或村（社区）"
      showSearch={{ optionFilterProp: 'label' }}
      options={inspection.targets.map((t) => ({
        value: t.orgId,
        label: t.role === 'village' ? `${t.name}（村、社区）` : t.name,
      }))}
    />
  );
}

function SignedRecord({ interview, canWrite }: { interview: TInterviewOut; canWrite: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const dl = useExport(
    () => downloadInterviewRecord(interview.id, `${interview.intervieweeName}谈话笔录（签字）`),
    '已下载',
  );
  const send = async (file: File) => {
    setProgress(0);
    try {
      const saved = await uploadInterviewRecord(interview.id, file, setProgress);
      queryClient.setQueryData(fwk.interview(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: fwk.all, predicate: (q) => q.queryKey[1] === 'interviews' });
      message.success('签字笔录已上传');
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setProgress(null);
    }
  };
  return (
    <div>
      <Divider titlePlacement="start">签字笔录</Divider>
      <Space wrap>
        {interview.signedRecordFileId ? (
          <>
            <Tag color="green">已上传</Tag>
            <Button size="small" loading={dl.pending} onClick={() => void dl.run()}>
              下载签字笔录
            </Button>
          </>
        ) : (
          <Tag color="gold">尚未上传</Tag>
        )}
        {canWrite && (
          <Upload
            accept=".pdf,.jpg,.jpeg,.png"
            showUploadList={false}
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
            disabled={progress !== null}
          >
            <Button size="small" icon={<UploadOutlined />} loading={progress !== null}>
              {interview.signedRecordFileId ? '重新上传' : '上传签字笔录扫描件'}
            </Button>
          </Upload>
        )}
      </Space>
      {progress !== null && <Progress percent={progress} size="small" style={{ marginTop: 8 }} />}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
        谈话结束后由被谈话人逐页签字确认，上传扫描件（PDF、JPG、PNG），文件加密保存。
      </Typography.Paragraph>
    </div>
  );
}

/** 记录个别谈话 and its record: the notes are read decrypted (audited) only here. */
function InterviewDrawer({
  inspection,
  open,
  editId,
  onClose,
}: {
  inspection: TInspectionDetailOut;
  open: boolean;
  editId: string | null;
  onClose: () => void;
}) {
  const perms = usePermissions();
  const queryClient = useQueryClient();
  const canWrite = perms.has('fieldwork:write');
  const roster = useRoster(inspection.teamId);
  const current = useQuery({
    queryKey: fwk.interview(editId ?? ''),
    queryFn: () => getInterview(editId ?? ''),
    enabled: open && !!editId,
  });
  const editing = current.data;
  const schema = editId ? ZInterviewUpdate : ZInterviewCreate;
  const kit = useSchemaForm({
    schema,
    toBody: (v: InterviewValues & { version?: number }) => ({
      ...(editId ? { version: v.version } : {}),
      intervieweeName: v.intervieweeName ?? '',
      intervieweePost: v.intervieweePost ?? '',
      kind: v.kind,
      date: iso(v.date) ?? '',
      place: editId ? (v.place ?? '') : optional(v.place),
      inspectorIds: v.inspectorIds ?? [],
      notes: editId ? (v.notes ?? '') : optional(v.notes),
      orgId: editId ? (v.orgId ?? null) : v.orgId,
    }),
    mutationFn: (body) =>
      editId
        ? updateInterview(editId, body as Parameters<typeof updateInterview>[1])
        : createInterview(inspection.id, body as Parameters<typeof createInterview>[1]),
    success: editId ? '谈话记录已保存' : '已记录个别谈话，可继续上传签字笔录',
    invalidate: [fwk.all],
    onSuccess: (saved) => {
      queryClient.setQueryData(fwk.interview(saved.id), saved);
      if (!editId) onClose();
      else kit.form.setFieldsValue({ version: saved.version });
    },
    conflict: {
      schema: ZInterview,
      reload: (c) => (c ? { ...valuesOf(c), version: c.version } : undefined),
    },
    invalidMessage: '请检查标红的内容',
    open,
    openKey: editId ?? 'new',
    initial: () =>
      editId
        ? editing
          ? { ...valuesOf(editing), version: editing.version }
          : undefined
        : {
            kind: 'leadership' as const,
            date: dayjs(),
            inspectorIds: [],
            orgId: inspection.targets.length === 1 ? inspection.targets[0]?.orgId : undefined,
          },
  });

  return (
    <FormDrawer
      kit={kit}
      title={editId ? `个别谈话：${editing?.intervieweeName ?? ''}` : '记录个别谈话'}
      open={open}
      onClose={onClose}
      size={760}
      okText={editId ? '保存修改' : '记录'}
      blocked={!canWrite || (!!editId && !editing)}
      name="interview"
      intro={
        <Alert
          type="info"
          showIcon
          icon={<LockOutlined />}
          style={{ marginBottom: 16 }}
          title={
            editId ? '谈话内容加密保存，本次查看已记入审计日志' : '谈话内容加密保存，仅本组和巡察办有权限的人员可查看'
          }
          description={`${TWO_INTERVIEWERS_MESSAGE}；谈话日期应在进驻之后、不晚于今天。`}
        />
      }
    >
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Field name="intervieweeName" label="被谈话人姓名" required>
            <Input maxLength={30} autoComplete="off" />
          </Field>
        </Col>
        <Col xs={24} md={16}>
          <Field name="intervieweePost" label="被谈话人职务或身份" required>
            <Input maxLength={100} placeholder="如：局党组成员、副局长" />
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field name="kind" label="谈话对象类别" required>
            <Select options={INTERVIEW_KINDS.map((k) => ({ value: k, label: INTERVIEW_KIND_LABELS[k] }))} />
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field name="date" label="谈话日期" required>
            <DatePicker style={{ width: '100%' }} disabledDate={onSiteDays(inspection.entryDate)} />
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field name="place" label="谈话地点">
            <Input maxLength={100} placeholder="如：巡察组谈话室" />
          </Field>
        </Col>
        {inspection.targets.length > 1 && (
          <Col span={24}>
            <Field name="orgId" label="所在单位">
              <TargetSelect inspection={inspection} />
            </Field>
          </Col>
        )}
        <Col span={24}>
          <Field name="inspectorIds" label="参加谈话的巡察人员" required>
            <RosterSelect members={roster.data?.members ?? []} loading={roster.isPending && !!inspection.teamId} />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="notes" label="谈话记录">
            <Input.TextArea
              autoSize={{ minRows: 8, maxRows: 20 }}
              maxLength={20000}
              showCount
              placeholder="谈话要点、反映的问题和线索"
            />
          </Field>
        </Col>
      </Row>
      {editing && <SignedRecord interview={editing} canWrite={canWrite} />}
    </FormDrawer>
  );
}

function valuesOf(i: TInterviewOut): InterviewValues {
  return {
    intervieweeName: i.intervieweeName,
    intervieweePost: i.intervieweePost,
    kind: i.kind,
    date: dayjs(i.date),
    place: i.place ?? '',
    inspectorIds: i.inspectors.map((p) => p.id),
    notes: i.notes ?? '',
    orgId: i.orgId ?? undefined,
  };
}

export function InterviewsTab({ inspection }: { inspection: TInspectionDetailOut | undefined }) {
  const perms = usePermissions();
  const [kind, setKind] = useState<TInterviewKind | undefined>();
  const [drawer, setDrawer] = useState<{ id: string | null } | null>(null);
  const inspectionId = inspection?.id ?? '';
  const pages = useCursorPages(`${inspectionId}|${kind ?? ''}`);
  const query = { kind, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: fwk.interviews(inspectionId, query),
    queryFn: ({ signal }) => listInterviews(inspectionId, query, signal),
    enabled: !!inspection,
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<TInterviewItem> = [
    { title: '谈话日期', dataIndex: 'date', width: 110 },
    {
      title: '被谈话人',
      key: 'who',
      width: 220,
      render: (_v, r) => (
        <div>
          <div>{r.intervieweeName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.intervieweePost}
          </Typography.Text>
        </div>
      ),
    },
    { title: '类别', dataIndex: 'kind', width: 100, render: (k: TInterviewKind) => INTERVIEW_KIND_LABELS[k] },
    { title: '地点', dataIndex: 'place', width: 140, render: (v: string | null) => v ?? '—' },
    {
      title: '谈话人员',
      dataIndex: 'inspectors',
      render: (v: TInterviewItem['inspectors']) => v.map((p) => p.name).join('、'),
    },
    {
      title: '签字笔录',
      dataIndex: 'signedRecordFileId',
      width: 100,
      render: (v: string | null) => (v ? <Tag color="green">已上传</Tag> : <Tag color="gold">未上传</Tag>),
    },
    { title: '记录人', dataIndex: 'createdByName', width: 100, render: (v: string | null) => v ?? '—' },
    { title: '记录时间', dataIndex: 'createdAt', width: 150, render: (v: string) => when(v) },
  ];

  return (
    <>
      <div className="xc-toolbar">
        <Space wrap>
          <FilterSelect
            label="谈话对象类别"
            value={kind}
            onChange={setKind}
            options={INTERVIEW_KINDS.map((k) => ({ value: k, label: INTERVIEW_KIND_LABELS[k] }))}
            width={150}
          />
          <Typography.Text type="secondary">点击一行查看谈话记录（查看记入审计日志）</Typography.Text>
        </Space>
        {perms.has('fieldwork:write') && (
          <Button type="primary" icon={<PlusOutlined />} disabled={!inspection} onClick={() => setDrawer({ id: null })}>
            记录谈话
          </Button>
        )}
      </div>
      <CursorTable<TInterviewItem>
        list={list}
        pages={pages}
        columns={columns}
        width={1100}
        onOpen={(r) => setDrawer({ id: r.id })}
        empty={{
          filtered: !!kind,
          whenFiltered: '没有该类别的谈话记录',
          whenEmpty: '尚未记录个别谈话',
        }}
      />
      {inspection && (
        <InterviewDrawer
          inspection={inspection}
          open={!!drawer}
          editId={drawer?.id ?? null}
          onClose={() => setDrawer(null)}
        />
      )}
    </>
  );
}
