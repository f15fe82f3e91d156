import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  defaultMeetingTitle,
  HEARING_MEETING_KINDS,
  MEETING_KIND_LABELS,
  MEETING_KINDS,
  type TMeetingKind,
  ZMeeting,
  ZMeetingCreate,
  ZMeetingUpdate,
} from '@xc/domain';
import {
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  createMeeting,
  fwk,
  getMeeting,
  listMeetings,
  type TMeetingFilters,
  type TMeetingItem,
  type TMeetingOut,
  updateMeeting,
} from '../../api/fieldwork.ts';
import { usePermissions } from '../../api/hooks.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { useCursorPages } from '../../components/cursor-pager.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FilterSelect, ResetFiltersButton } from '../../components/filter-bar.tsx';
import { Field, FieldList, FormDrawer, iso, optional, useSchemaForm } from '../../components/form-kit/index.ts';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { isUuid, oneOf, TermSelect, toParams, when } from '../fieldwork/shared.tsx';
import { useInspectionChoices } from '../petitions/shared.tsx';
import { AddMatterButton, useMatterColumns } from './matters.tsx';

const KIND_COLOURS: Record<TMeetingKind, string> = {
  teamOfficeConsultation: 'default',
  leadingGroup: 'blue',
  secretarySpecial: 'red',
  standingCommittee: 'volcano',
};

export function MeetingKindTag({ kind }: { kind: TMeetingKind }) {
  return <Tag color={KIND_COLOURS[kind]}>{MEETING_KIND_LABELS[kind]}</Tag>;
}

/** The inspections a meeting may hear: those being reported on first, every stage on request. */
function InspectionsField({
  value,
  onChange,
  id,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
}) {
  const [all, setAll] = useState(false);
  const choices = useInspectionChoices(all, undefined);
  const options = useMemo(
    () =>
      [...choices.list]
        .sort((a, b) => (a.stage === 'reporting' ? -1 : 0) - (b.stage === 'reporting' ? -1 : 0))
        .map((i) => ({ value: i.id, label: choices.label(i) })),
    [choices],
  );
  return (
    <div id={id}>
      <Select
        mode="multiple"
        value={value}
        onChange={onChange}
        options={options}
        loading={choices.loading}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="选择本次会议听取汇报的巡察"
        style={{ width: '100%' }}
        aria-label="听取汇报的巡察"
      />
      <Checkbox checked={all} onChange={(e) => setAll(e.target.checked)} style={{ marginTop: 4 }}>
        含其他阶段的巡察
      </Checkbox>
    </div>
  );
}

interface MeetingValues {
  kind?: TMeetingKind;
  date?: Dayjs | null;
  title?: string;
  attendees?: string[];
  inspectionIds?: string[];
  decisions?: string;
  assignedMatters?: { what?: string; assignee?: string; dueDate?: Dayjs | null }[];
  version?: number;
}

function valuesOf(m: TMeetingOut): MeetingValues {
  return {
    kind: m.kind,
    date: dayjs(m.date),
    title: m.title,
    attendees: m.attendees,
    inspectionIds: m.inspections.map((i) => i.id),
    decisions: m.decisions,
    version: m.version,
  };
}

/** 记录会议: kind, date, attendees, the inspections heard, the decisions and 交办事项. */
function MeetingFormDrawer({
  editing,
  open,
  presetInspectionId,
  onClose,
  onSaved,
}: {
  editing: TMeetingOut | null;
  open: boolean;
  presetInspectionId?: string;
  onClose: () => void;
  onSaved: (m: TMeetingOut) => void;
}) {
  const queryClient = useQueryClient();
  const kit = useSchemaForm({
    schema: editing ? ZMeetingUpdate : ZMeetingCreate,
    toBody: (v: MeetingValues) => ({
      ...(editing ? { version: v.version } : {}),
      kind: v.kind,
      date: iso(v.date) ?? '',
      title: optional(v.title),
      attendees: v.attendees ?? [],
      inspectionIds: v.inspectionIds ?? [],
      decisions: v.decisions ?? '',
      ...(editing
        ? {}
        : {
            assignedMatters: (v.assignedMatters ?? []).map((a) => ({
              what: a?.what ?? '',
              assignee: a?.assignee ?? '',
              dueDate: iso(a?.dueDate) ?? '',
            })),
          }),
    }),
    mutationFn: (body) =>
      editing
        ? updateMeeting(editing.id, body as Parameters<typeof updateMeeting>[1])
        : createMeeting(body as Parameters<typeof createMeeting>[0]),
    success: (m) => (editing ? '会议记录已保存' : `已记录${m.title}`),
    invalidate: [fwk.all],
    onSuccess: (m) => {
      queryClient.setQueryData(fwk.meeting(m.id), m);
      onSaved(m);
      onClose();
    },
    conflict: { schema: ZMeeting, reload: (c) => (c ? valuesOf(c) : undefined) },
    invalidMessage: '请检查标红的内容',
    open,
    openKey: editing ? `${editing.id}-${editing.version}` : `new-${presetInspectionId ?? ''}`,
    initial: () =>
      editing
        ? valuesOf(editing)
        : {
            kind: 'secretarySpecial' as const,
            date: dayjs(),
            attendees: [],
            inspectionIds: presetInspectionId ? [presetInspectionId] : [],
            assignedMatters: [],
          },
  });
  const kind = Form.useWatch('kind', kit.form) as TMeetingKind | undefined;
  const date = Form.useWatch('date', kit.form) as Dayjs | null | undefined;
  const hearing = !!kind && (HEARING_MEETING_KINDS as readonly string[]).includes(kind);
  return (
    <FormDrawer
      kit={kit}
      title={editing ? '修改会议记录' : '记录会议'}
      open={open}
      onClose={onClose}
      size={820}
      okText={editing ? '保存' : '记录'}
      name="meeting"
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field name="kind" label="会议类型" required>
            <Select options={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))} />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field name="date" label="会议日期" required>
            <DatePicker style={{ width: '100%' }} />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="title" label="会议名称">
            <Input
              maxLength={200}
              placeholder={
                kind && date ? defaultMeetingTitle(kind, date.format('YYYY-MM-DD')) : '不填则按日期和会议类型命名'
              }
            />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="attendees" label="参会人员" required extra="输入姓名或职务后按回车，可添加多人">
            <Select mode="tags" tokenSeparators={['，', ',', '、']} open={false} aria-label="参会人员" />
          </Field>
        </Col>
        <Col span={24}>
          <Field
            name="inspectionIds"
            label="听取汇报的巡察"
            extra={hearing ? '经本次会议听取巡察报告的巡察，撤离后即可召开反馈会（以设置中的会议类型为准）' : undefined}
          >
            <InspectionsField />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="decisions" label="会议决定事项" required>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} maxLength={20000} showCount />
          </Field>
        </Col>
      </Row>
      {!editing && (
        <>
          <Typography.Text strong>交办事项</Typography.Text>
          <FieldList name="assignedMatters" label="交办事项">
            {(fields, { add, remove }, { errors }) => (
              <div style={{ marginTop: 8 }}>
                {fields.map((f, i) => (
                  <Row gutter={8} key={f.key} align="top">
                    <Col span={11}>
                      <Field name={[f.name, 'what']} messageLabel="交办事项">
                        <Input.TextArea
                          autoSize={{ minRows: 1, maxRows: 4 }}
                          maxLength={500}
                          placeholder="交办事项"
                          aria-label={`交办事项${i + 1}`}
                        />
                      </Field>
                    </Col>
                    <Col span={6}>
                      <Field name={[f.name, 'assignee']} messageLabel="承办单位或责任人">
                        <Input maxLength={100} placeholder="承办单位或责任人" aria-label={`交办事项${i + 1}承办单位`} />
                      </Field>
                    </Col>
                    <Col span={5}>
                      <Field name={[f.name, 'dueDate']} messageLabel="完成时限">
                        <DatePicker
                          placeholder="完成时限"
                          style={{ width: '100%' }}
                          aria-label={`交办事项${i + 1}完成时限`}
                        />
                      </Field>
                    </Col>
                    <Col span={2}>
                      <Button
                        icon={<DeleteOutlined />}
                        onClick={() => remove(f.name)}
                        aria-label={`删除交办事项${i + 1}`}
                      />
                    </Col>
                  </Row>
                ))}
                <Form.ErrorList errors={errors} />
                <Button icon={<PlusOutlined />} onClick={() => add({})}>
                  增加交办事项
                </Button>
              </div>
            )}
          </FieldList>
        </>
      )}
    </FormDrawer>
  );
}

function MeetingDrawer({
  id,
  onClose,
  onEdit,
}: {
  id: string | null;
  onClose: () => void;
  onEdit: (m: TMeetingOut) => void;
}) {
  const perms = usePermissions();
  const q = useQuery({ queryKey: fwk.meeting(id ?? ''), queryFn: () => getMeeting(id ?? ''), enabled: !!id });
  const m = q.data;
  const matters = useMatterColumns(false);
  return (
    <Drawer
      title={m?.title ?? '会议'}
      open={!!id}
      onClose={onClose}
      size={900}
      destroyOnHidden
      extra={
        m &&
        perms.has('meeting:manage') && (
          <Button icon={<EditOutlined />} onClick={() => onEdit(m)}>
            修改
          </Button>
        )
      }
    >
      {q.isPending && <FullPageSpin />}
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {m && (
        <>
          <Descriptions
            size="small"
            column={2}
            bordered
            style={{ marginBottom: 16 }}
            items={[
              { key: 'kind', label: '会议类型', children: <MeetingKindTag kind={m.kind} /> },
              { key: 'date', label: '会议日期', children: m.date },
              { key: 'attendees', label: '参会人员', span: 2, children: m.attendees.join('、') },
              {
                key: 'insp',
                label: '听取汇报的巡察',
                span: 2,
                children: m.inspections.length ? (
                  <Space direction="vertical" size={0}>
                    {m.inspections.map((i) => (
                      <Link key={i.id} to={`/planning/inspections/${i.id}`}>
                        {i.label}
                      </Link>
                    ))}
                  </Space>
                ) : (
                  '—'
                ),
              },
              { key: 'by', label: '记录', span: 2, children: `${m.createdByName ?? '—'} ${when(m.createdAt)}` },
            ]}
          />
          <Typography.Title level={5}>会议决定事项</Typography.Title>
          <Typography.Paragraph className="xc-fw-facts">{m.decisions}</Typography.Paragraph>
          <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              交办事项（{m.assignedMatters.length}）
            </Typography.Title>
            {perms.has('meeting:manage') && <AddMatterButton meetingId={m.id} />}
          </Space>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={m.assignedMatters}
            columns={matters.columns}
            locale={{ emptyText: '本次会议没有交办事项' }}
          />
          {matters.modals}
        </>
      )}
    </Drawer>
  );
}

/** 会议: 组办会商, 领导小组会, 书记专题会, 常委会, with what they heard and assigned. */
export default function MeetingsPage() {
  usePageMeta([]);
  const perms = usePermissions();
  const [params, setParams] = useSearchParams();
  const termId = isUuid(params.get('termId')) ? (params.get('termId') as string) : undefined;
  const inspectionId = isUuid(params.get('inspectionId')) ? (params.get('inspectionId') as string) : undefined;
  const kind = oneOf<TMeetingKind>(MEETING_KINDS, params.get('kind'));
  const open = params.get('open');
  const [form, setForm] = useState<{ editing: TMeetingOut | null } | null>(null);
  const filters: TMeetingFilters = { termId, kind, inspectionId };
  const filtered = !!(termId || kind || inspectionId);
  const write = (patch: Record<string, string | undefined>) =>
    setParams(toParams({ termId, kind, inspectionId, open: undefined, ...patch }));
  const pages = useCursorPages(JSON.stringify(filters));
  const query = { ...filters, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: fwk.meetings(query),
    queryFn: ({ signal }) => listMeetings(query, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<TMeetingItem> = [
    { title: '会议日期', dataIndex: 'date', width: 110 },
    { title: '类型', dataIndex: 'kind', width: 170, render: (k: TMeetingKind) => <MeetingKindTag kind={k} /> },
    { title: '会议名称', dataIndex: 'title' },
    {
      title: '听取汇报的巡察',
      dataIndex: 'inspections',
      width: 320,
      render: (v: TMeetingItem['inspections']) =>
        v.length ? (
          <div>
            {v.slice(0, 3).map((i) => (
              <div key={i.id}>{i.label}</div>
            ))}
            {v.length > 3 && <Typography.Text type="secondary">等 {v.length} 个</Typography.Text>}
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: '交办事项',
      key: 'matters',
      width: 120,
      render: (_v, m) =>
        m.matterCount ? (
          <span>
            {m.matterCount} 项
            {m.openMatterCount ? (
              <Tag color="blue" style={{ marginLeft: 4 }}>
                办理中 {m.openMatterCount}
              </Tag>
            ) : null}
          </span>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <div>
      <PageHeader
        title="会议"
        sub="组办会商、巡察工作领导小组会议、书记专题会、常委会听取巡察情况汇报，研究决定事项和交办事项"
        extra={
          perms.has('meeting:manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ editing: null })}>
              记录会议
            </Button>
          )
        }
      />
      <Card>
        <Space wrap className="xc-filter-bar">
          <TermSelect value={termId} onChange={(v) => write({ termId: v })} />
          <FilterSelect
            label="会议类型"
            value={kind}
            onChange={(v) => write({ kind: v })}
            options={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))}
            width={200}
          />
          {inspectionId && (
            <Tag closable onClose={() => write({ inspectionId: undefined })}>
              只看某一巡察的会议
            </Tag>
          )}
          <ResetFiltersButton filtered={filtered} onReset={() => setParams(new URLSearchParams())} />
          <Link to="/reports/matters">查看全部交办事项</Link>
        </Space>
        <CursorTable<TMeetingItem>
          list={list}
          pages={pages}
          columns={columns}
          width={1100}
          onOpen={(m) => write({ open: m.id })}
          empty={{ filtered, whenFiltered: '没有符合条件的会议', whenEmpty: '尚未记录会议' }}
        />
      </Card>
      <MeetingDrawer
        id={isUuid(open) ? open : null}
        onClose={() => write({})}
        onEdit={(m) => setForm({ editing: m })}
      />
      <MeetingFormDrawer
        editing={form?.editing ?? null}
        open={!!form}
        presetInspectionId={inspectionId}
        onClose={() => setForm(null)}
        onSaved={(m) => write({ open: m.id })}
      />
    </div>
  );
}
