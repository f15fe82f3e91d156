import { CheckOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  ACTIVITIES_NEEDING_APPROVAL,
  ACTIVITIES_NEEDING_TWO,
  ACTIVITIES_WITH_ATTENDEES,
  ACTIVITY_COUNT_UNITS,
  ACTIVITY_KIND_LABELS,
  ACTIVITY_KINDS,
  ACTIVITY_STATUS_LABELS,
  ACTIVITY_SUBJECT_LABELS,
  type TActivityKind,
  type TActivityStatus,
  ZActivity,
  ZActivityCreate,
  ZActivityUpdate,
} from '@xc/domain';
import {
  Alert,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  approveActivity,
  createActivity,
  deleteActivity,
  fwk,
  getSummary,
  listActivities,
  type TActivityOut,
  updateActivity,
} from '../../api/fieldwork.ts';
import { usePermissions } from '../../api/hooks.ts';
import type { TInspectionDetailOut } from '../../api/planning.ts';
import { useCursorPages } from '../../components/cursor-pager.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { Field, FormModal, iso, optional, useAction, useSchemaForm } from '../../components/form-kit/index.ts';
import { onSiteDays, TargetSelect } from './interviews-tab.tsx';
import { oneOf, RosterSelect, useHasRole, useRoster } from './shared.tsx';

interface ActivityValues {
  kind?: TActivityKind;
  date?: Dayjs | null;
  subject?: string;
  count?: number | null;
  attendees?: string[];
  inspectorIds?: string[];
  note?: string;
  orgId?: string;
  version?: number;
}

/** The summary's figure for each kind: 份 for document reviews, 次 for the rest; recorded activities only. */
const SUMMARY_KEY: Record<
  TActivityKind,
  'documentReviews' | 'visits' | 'forums' | 'meetings' | 'briefings' | 'covertVisits'
> = {
  documentReview: 'documentReviews',
  visit: 'visits',
  forum: 'forums',
  meeting: 'meetings',
  briefing: 'briefings',
  covertVisit: 'covertVisits',
};

function ActivityModal({
  inspection,
  editing,
  open,
  onClose,
}: {
  inspection: TInspectionDetailOut;
  editing: TActivityOut | null;
  open: boolean;
  onClose: () => void;
}) {
  const roster = useRoster(inspection.teamId);
  const isLeader = useHasRole('teamLeader');
  const kit = useSchemaForm({
    schema: editing ? ZActivityUpdate : ZActivityCreate,
    toBody: (v: ActivityValues) => {
      const kind = editing?.kind ?? v.kind;
      const withAttendees = !!kind && ACTIVITIES_WITH_ATTENDEES.includes(kind);
      return {
        ...(editing ? { version: v.version } : { kind }),
        date: iso(v.date) ?? '',
        count: v.count ?? undefined,
        subject: editing ? (v.subject ?? '') : optional(v.subject),
        note: editing ? (v.note ?? '') : optional(v.note),
        attendees: withAttendees ? (v.attendees ?? []) : undefined,
        inspectorIds: v.inspectorIds?.length || editing ? (v.inspectorIds ?? []) : undefined,
        orgId: editing ? (v.orgId ?? null) : v.orgId,
      };
    },
    mutationFn: (body) =>
      editing
        ? updateActivity(editing.id, body as Parameters<typeof updateActivity>[1])
        : createActivity(inspection.id, body as Parameters<typeof createActivity>[1]),
    success: (saved) =>
      saved.status === 'pendingApproval'
        ? `已记录${ACTIVITY_KIND_LABELS[saved.kind]}，待组长批准`
        : `已记录${ACTIVITY_KIND_LABELS[saved.kind]}`,
    invalidate: [fwk.all],
    onSuccess: onClose,
    conflict: {
      schema: ZActivity,
      reload: (c) => (c ? { ...valuesOf(c), version: c.version } : undefined),
    },
    open,
    openKey: editing?.id ?? 'new',
    initial: () =>
      editing
        ? { ...valuesOf(editing), version: editing.version }
        : {
            kind: 'documentReview' as const,
            date: dayjs(),
            count: 1,
            orgId: inspection.targets.length === 1 ? inspection.targets[0]?.orgId : undefined,
          },
  });
  const watched = Form.useWatch('kind', kit.form) as TActivityKind | undefined;
  const kind = editing?.kind ?? watched ?? 'documentReview';
  const needsApproval = ACTIVITIES_NEEDING_APPROVAL.includes(kind);

  return (
    <FormModal
      kit={kit}
      title={editing ? `修改${ACTIVITY_KIND_LABELS[editing.kind]}记录` : '记录巡察活动'}
      open={open}
      onClose={onClose}
      okText={editing ? '保存' : '记录'}
      width={680}
      name="activity"
      intro={
        needsApproval &&
        !editing && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={isLeader ? '组长记录的暗访即视为已批准' : '暗访须经组长批准，且须两名以上巡察人员参加'}
            description="批准前不计入活动统计。"
          />
        )
      }
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field name="kind" label="活动类型" required>
            <Select
              disabled={!!editing}
              options={ACTIVITY_KINDS.map((k) => ({ value: k, label: ACTIVITY_KIND_LABELS[k] }))}
            />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field name="date" label="活动日期" required>
            <DatePicker style={{ width: '100%' }} disabledDate={onSiteDays(inspection.entryDate)} />
          </Field>
        </Col>
        <Col xs={24} md={16}>
          <Field name="subject" label={ACTIVITY_SUBJECT_LABELS[kind]}>
            <Input maxLength={200} />
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field name="count" label={`数量（${ACTIVITY_COUNT_UNITS[kind]}）`} required>
            <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
          </Field>
        </Col>
        {inspection.targets.length > 1 && (
          <Col span={24}>
            <Field name="orgId" label="所在单位">
              <TargetSelect inspection={inspection} />
            </Field>
          </Col>
        )}
        {ACTIVITIES_WITH_ATTENDEES.includes(kind) && (
          <Col span={24}>
            <Field name="attendees" label="参加人员" extra="输入姓名后按回车，可添加多人">
              <Select mode="tags" tokenSeparators={['，', ',', '、']} open={false} />
            </Field>
          </Col>
        )}
        <Col span={24}>
          <Field name="inspectorIds" label="巡察人员" required={ACTIVITIES_NEEDING_TWO.includes(kind)}>
            <RosterSelect members={roster.data?.members ?? []} loading={roster.isPending && !!inspection.teamId} />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="note" label="备注">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
          </Field>
        </Col>
      </Row>
    </FormModal>
  );
}

function valuesOf(a: TActivityOut): ActivityValues {
  return {
    kind: a.kind,
    date: dayjs(a.date),
    subject: a.subject ?? '',
    count: a.count,
    attendees: a.attendees,
    inspectorIds: a.inspectors.map((p) => p.id),
    note: a.note ?? '',
    orgId: a.orgId ?? undefined,
  };
}

export function ActivitiesTab({ inspection }: { inspection: TInspectionDetailOut | undefined }) {
  const perms = usePermissions();
  const isLeader = useHasRole('teamLeader');
  const canWrite = perms.has('fieldwork:write');
  const [params, setParams] = useSearchParams();
  const kind = oneOf<TActivityKind>(ACTIVITY_KINDS, params.get('kind'));
  const status = oneOf<TActivityStatus>(['pendingApproval', 'recorded'], params.get('status'));
  const [modal, setModal] = useState<{ editing: TActivityOut | null } | null>(null);
  const inspectionId = inspection?.id ?? '';
  const setFilter = (patch: { kind?: string; status?: string }) => {
    const next = { kind, status, ...patch };
    const p = new URLSearchParams({ tab: 'activities' });
    if (next.kind) p.set('kind', next.kind);
    if (next.status) p.set('status', next.status);
    setParams(p);
  };
  const summary = useQuery({
    queryKey: fwk.summary(inspectionId),
    queryFn: () => getSummary(inspectionId),
    enabled: !!inspection,
  });
  const pending = useQuery({
    queryKey: fwk.activities(inspectionId, { status: 'pendingApproval', limit: 1 }),
    queryFn: ({ signal }) => listActivities(inspectionId, { status: 'pendingApproval', limit: 1 }, signal),
    enabled: !!inspection,
  });
  const pages = useCursorPages(`${inspectionId}|${kind ?? ''}|${status ?? ''}`);
  const query = { kind, status, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: fwk.activities(inspectionId, query),
    queryFn: ({ signal }) => listActivities(inspectionId, query, signal),
    enabled: !!inspection,
    placeholderData: keepPreviousData,
  });
  const approve = useAction((a: TActivityOut) => approveActivity(a.id, a.version), {
    success: (a) => `已批准${ACTIVITY_KIND_LABELS[a.kind]}`,
    invalidate: [fwk.all],
  });
  const remove = useAction((a: TActivityOut) => deleteActivity(a.id, a.version), {
    success: '已删除活动记录',
    invalidate: [fwk.all],
  });

  const counts = summary.data?.activities;
  const columns: TableColumnsType<TActivityOut> = [
    { title: '日期', dataIndex: 'date', width: 110 },
    { title: '类型', dataIndex: 'kind', width: 100, render: (k: TActivityKind) => ACTIVITY_KIND_LABELS[k] },
    {
      title: '内容',
      key: 'subject',
      render: (_v, a) => (
        <div>
          <div>{a.subject ?? '—'}</div>
          {a.attendees.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              参加人员：{a.attendees.join('、')}
            </Typography.Text>
          )}
          {a.note && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {a.note}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: '数量', key: 'count', width: 80, align: 'right', render: (_v, a) => `${a.count} ${a.unit}` },
    {
      title: '巡察人员',
      dataIndex: 'inspectors',
      width: 180,
      render: (v: TActivityOut['inspectors']) => v.map((p) => p.name).join('、') || '—',
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 140,
      render: (s: TActivityStatus, a) =>
        s === 'pendingApproval' ? (
          <Tag color="gold">{ACTIVITY_STATUS_LABELS[s]}</Tag>
        ) : a.approvedByName ? (
          <Tag color="green">{`${a.approvedByName}批准`}</Tag>
        ) : (
          <Tag>{ACTIVITY_STATUS_LABELS[s]}</Tag>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      fixed: 'right',
      render: (_v, a) => (
        <Space size={4} onClick={(e) => e.stopPropagation()}>
          {a.status === 'pendingApproval' && isLeader && (
            <Popconfirm
              title={`批准这次${ACTIVITY_KIND_LABELS[a.kind]}？`}
              description="批准后计入活动统计，批准人记入记录。"
              okText="批准"
              onConfirm={() => approve.run(a)}
            >
              <Button size="small" type="primary" icon={<CheckOutlined />} loading={approve.running?.[0] === a}>
                批准
              </Button>
            </Popconfirm>
          )}
          {canWrite && (
            <Button size="small" icon={<EditOutlined />} onClick={() => setModal({ editing: a })}>
              修改
            </Button>
          )}
          {canWrite && (
            <Popconfirm
              title="删除这条活动记录？"
              description="删除后不再计入统计，操作记入审计日志。"
              okText="删除"
              okButtonProps={{ danger: true }}
              onConfirm={() => remove.run(a)}
            >
              <Button size="small" danger icon={<DeleteOutlined />} aria-label="删除" />
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <div className="xc-toolbar">
        <Segmented<TActivityKind | 'all'>
          aria-label="活动类型"
          value={kind ?? 'all'}
          onChange={(v) => setFilter({ kind: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: '全部' },
            ...ACTIVITY_KINDS.map((k) => ({
              value: k,
              label: `${ACTIVITY_KIND_LABELS[k]} ${counts ? counts[SUMMARY_KEY[k]] : ''}${counts ? ACTIVITY_COUNT_UNITS[k] : ''}`,
            })),
          ]}
        />
        {canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!inspection}
            onClick={() => setModal({ editing: null })}
          >
            记录活动
          </Button>
        )}
      </div>
      {(pending.data?.total ?? 0) > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`有 ${pending.data?.total} 项暗访待组长批准`}
          action={
            status === 'pendingApproval' ? (
              <Button size="small" onClick={() => setFilter({ status: undefined })}>
                显示全部
              </Button>
            ) : (
              <Button size="small" onClick={() => setFilter({ status: 'pendingApproval' })}>
                只看待批准
              </Button>
            )
          }
        />
      )}
      <CursorTable<TActivityOut>
        list={list}
        pages={pages}
        columns={columns}
        width={1100}
        empty={{
          filtered: !!kind || !!status,
          whenFiltered: '没有符合条件的活动记录',
          whenEmpty: '尚未记录调阅、走访、座谈等活动',
        }}
      />
      {inspection && (
        <ActivityModal
          inspection={inspection}
          editing={modal?.editing ?? null}
          open={!!modal}
          onClose={() => setModal(null)}
        />
      )}
    </>
  );
}
