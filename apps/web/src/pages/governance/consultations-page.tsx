import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  POLICY_PROBLEM_STATUS_LABELS,
  POLICY_PROBLEM_STATUSES,
  type TPolicyProblemStatus,
  ZPolicyConsultation,
  ZPolicyConsultationCreate,
  ZPolicyConsultationUpdate,
  ZPolicyProblem,
  ZPolicyProblemInput,
  ZPolicyProblemUpdate,
} from '@xc/domain';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Divider,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import {
  addPolicyProblem,
  createConsultation,
  deleteConsultation,
  getCommonProblem,
  getConsultation,
  getFindingRefs,
  gk,
  listConsultations,
  type TConsultationItem,
  type TConsultationOut,
  type TPolicyProblemOut,
  updateConsultation,
  updatePolicyProblem,
  useTermProblems,
} from '../../api/governance.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FilterSearch, FilterSelect, ResetFiltersButton } from '../../components/filter-bar.tsx';
import {
  day,
  Field,
  FormDrawer,
  FormModal,
  iso,
  RowList,
  useAction,
  useSchemaForm,
} from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { isUuid, keywordOf, oneOf, toParams, useUrlFilters } from '../../components/url-filters.ts';
import { TermSelect } from '../fieldwork/shared.tsx';
import { DueDateTag, emptyText, PolicyStatusTag, TermField, useDefaultTermId, useGovRoles } from './shared.tsx';

const KEYS = ['termId', 'status', 'q'] as const;
type F = { termId?: string; status?: TPolicyProblemStatus; q?: string };
const read = (p: URLSearchParams): F => ({
  termId: isUuid(p.get('termId')) ? (p.get('termId') as string) : undefined,
  status: oneOf<TPolicyProblemStatus>(POLICY_PROBLEM_STATUSES, p.get('status')),
  q: keywordOf(p, 50),
});
const write = (f: F) => toParams(f, KEYS);

const STATUS_OPTIONS = POLICY_PROBLEM_STATUSES.map((s) => ({ value: s, label: POLICY_PROBLEM_STATUS_LABELS[s] }));

/* ---------------------------------------------------------------- linking a problem */

type TreeNode = { value: string; title: string; isLeaf?: boolean; children?: TreeNode[]; selectable?: boolean };

/** 'cp:<id>' links a common problem, 'f:<id>' one finding of it (the schema takes one or the other). */
const linkOf = (v: string | undefined) =>
  v?.startsWith('cp:') ? { commonProblemId: v.slice(3) } : v?.startsWith('f:') ? { findingId: v.slice(2) } : {};

/**
 * The term's common problems; opening one lists its findings, so a problem brought to the session
 * links either the common problem or one finding.
 */
function ProblemLink({
  termId,
  value,
  onChange,
  id,
}: {
  termId: string | undefined;
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
}) {
  const problems = useTermProblems(termId);
  const [children, setChildren] = useState<Record<string, TreeNode[]>>({});
  const tree: TreeNode[] = useMemo(
    () =>
      (problems.data?.items ?? []).map((p) => ({
        value: `cp:${p.id}`,
        title: `${p.name}（共性问题）`,
        isLeaf: p.findings === 0,
        children: children[p.id],
      })),
    [problems.data, children],
  );
  const load = async (node: { value?: unknown }) => {
    const cpId = String(node.value ?? '').slice(3);
    if (!cpId || children[cpId]) return;
    const p = await getCommonProblem(cpId);
    const refs = p.findingIds.length ? await getFindingRefs(p.findingIds) : { items: [] };
    setChildren((c) => ({
      ...c,
      [cpId]: refs.items.map((f) => ({ value: `f:${f.id}`, title: `${f.title}（${f.orgName}）`, isLeaf: true })),
    }));
  };
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={(v?: string) => onChange?.(v || undefined)}
      allowClear
      disabled={!termId}
      loading={!!termId && problems.isPending}
      placeholder="选填：关联共性问题，或展开后关联其中一个问题"
      treeData={tree}
      loadData={load}
      showSearch
      treeNodeFilterProp="title"
      popupMatchSelectWidth={false}
      notFoundContent="本届暂无已确认的共性问题"
    />
  );
}

/* ---------------------------------------------------------------- create */

interface ProblemRow {
  link?: string;
  summary?: string;
  conclusion?: string;
  leadDept?: string;
  dueOn?: Dayjs | null;
}
interface CreateValues {
  termId?: string;
  heldOn?: Dayjs | null;
  title?: string;
  departments?: string[];
  problems?: ProblemRow[];
}

const problemBody = (p: ProblemRow) => ({
  ...linkOf(p.link),
  summary: p.summary ?? '',
  conclusion: p.conclusion ?? '',
  leadDept: p.leadDept ?? '',
  dueOn: iso(p.dueOn) ?? '',
});

function ProblemFields({ termId, prefix }: { termId: string | undefined; prefix: (string | number)[] }) {
  const n = (k: string) => [...prefix, k];
  return (
    <Row gutter={12}>
      <Col span={24}>
        <Field name={n('summary')} label="问题概述" required>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Field>
      </Col>
      <Col span={24}>
        <Field name={n('conclusion')} label="会商意见（需完善的政策）" required>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Field>
      </Col>
      <Col xs={24} md={12}>
        <Field name={n('leadDept')} label="牵头部门" required>
          <Input maxLength={60} />
        </Field>
      </Col>
      <Col xs={24} md={12}>
        <Field name={n('dueOn')} label="完成时限" required>
          <DatePicker style={{ width: '100%' }} />
        </Field>
      </Col>
      <Col span={24}>
        <Field name={n('link')} label="关联问题">
          <ProblemLink termId={termId} />
        </Field>
      </Col>
    </Row>
  );
}

function CreateDrawer({
  open,
  defaultTermId,
  onClose,
  onCreated,
}: {
  open: boolean;
  defaultTermId: string | undefined;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const kit = useSchemaForm({
    schema: ZPolicyConsultationCreate,
    toBody: (v: CreateValues) => ({
      termId: v.termId,
      heldOn: iso(v.heldOn) ?? '',
      title: v.title ?? '',
      departments: (v.departments ?? []).map((d) => d.trim()).filter(Boolean),
      problems: (v.problems ?? []).map(problemBody),
    }),
    rename: { commonProblemId: 'link', findingId: 'link' },
    mutationFn: createConsultation,
    success: (c) => `已登记政策会商：${c.title}（${c.problems}个问题）`,
    invalidate: [gk.all],
    onSuccess: (c) => {
      onClose();
      onCreated(c.id);
    },
    invalidMessage: '请检查标红的内容',
    open,
    initial: (): CreateValues => ({ termId: defaultTermId, heldOn: dayjs(), departments: [], problems: [{}] }),
  });
  const termId = Form.useWatch('termId', kit.form);
  return (
    <FormDrawer
      kit={kit}
      title="登记政策会商"
      open={open}
      onClose={onClose}
      size={860}
      okText="登记"
      name="consultationCreate"
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field name="termId" label="届次" required>
            <TermField />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field name="heldOn" label="会商日期" required>
            <DatePicker style={{ width: '100%' }} />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="title" label="会商议题" required>
            <Input maxLength={100} showCount />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="departments" label="参会部门" required extra="输入部门名称后回车，可填写多个">
            <Select mode="tags" tokenSeparators={['，', ',', '、']} open={false} placeholder="如：市财政局" />
          </Field>
        </Col>
      </Row>
      <Divider titlePlacement="start">会商的问题</Divider>
      <RowList name="problems" newRow={() => ({})} addLabel="添加问题" removeLabel="删除该问题" max={50} keepOne>
        {(index) => (
          <Col flex="auto">
            <Card size="small" title={`问题 ${index + 1}`} style={{ marginBottom: 12 }}>
              <ProblemFields termId={termId} prefix={[index]} />
            </Card>
          </Col>
        )}
      </RowList>
    </FormDrawer>
  );
}

/* ---------------------------------------------------------------- detail */

function HeaderModal({ c, onClose }: { c: TConsultationOut | null; onClose: () => void }) {
  type V = { heldOn?: Dayjs | null; title?: string; departments?: string[]; version?: number };
  const toForm = (x: TConsultationOut): V => ({
    heldOn: day(x.heldOn),
    title: x.title,
    departments: x.departments,
    version: x.version,
  });
  const kit = useSchemaForm({
    schema: ZPolicyConsultationUpdate,
    toBody: (v: V) => ({ version: v.version, heldOn: iso(v.heldOn), title: v.title, departments: v.departments }),
    mutationFn: (body) => updateConsultation(c?.id ?? '', body),
    success: '已保存',
    invalidate: [gk.all],
    onSuccess: onClose,
    conflict: { schema: ZPolicyConsultation, reload: (x) => (x ? toForm(x) : undefined) },
    open: !!c,
    openKey: c?.id,
    initial: () => (c ? toForm(c) : undefined),
  });
  return (
    <FormModal kit={kit} title="编辑会商信息" open={!!c} onClose={onClose} name="consultationEdit" width={640}>
      <Field name="heldOn" label="会商日期" required>
        <DatePicker style={{ width: '100%' }} />
      </Field>
      <Field name="title" label="会商议题" required>
        <Input maxLength={100} showCount />
      </Field>
      <Field name="departments" label="参会部门" required>
        <Select mode="tags" tokenSeparators={['，', ',', '、']} open={false} />
      </Field>
    </FormModal>
  );
}

function AddProblemModal({ c, onClose }: { c: TConsultationOut | null; onClose: () => void }) {
  const kit = useSchemaForm({
    schema: ZPolicyProblemInput,
    toBody: (v: ProblemRow) => problemBody(v),
    rename: { commonProblemId: 'link', findingId: 'link' },
    mutationFn: (body) => addPolicyProblem(c?.id ?? '', body),
    success: '已添加问题',
    invalidate: [gk.all],
    onSuccess: onClose,
    open: !!c,
    openKey: c?.id,
    initial: () => ({}),
  });
  return (
    <FormModal kit={kit} title="添加会商问题" open={!!c} onClose={onClose} name="policyProblemAdd" width={720}>
      <ProblemFields termId={c?.termId} prefix={[]} />
    </FormModal>
  );
}

function FollowUpModal({ p, onClose }: { p: TPolicyProblemOut | null; onClose: () => void }) {
  type V = {
    status?: TPolicyProblemStatus;
    conclusion?: string;
    leadDept?: string;
    dueOn?: Dayjs | null;
    progressNote?: string;
    version?: number;
  };
  const toForm = (x: TPolicyProblemOut): V => ({
    status: x.status,
    conclusion: x.conclusion,
    leadDept: x.leadDept,
    dueOn: day(x.dueOn),
    progressNote: x.progressNote ?? '',
    version: x.version,
  });
  const kit = useSchemaForm({
    schema: ZPolicyProblemUpdate,
    toBody: (v: V) => ({
      version: v.version,
      status: v.status,
      conclusion: v.conclusion,
      leadDept: v.leadDept,
      dueOn: iso(v.dueOn),
      progressNote: v.progressNote ?? '',
    }),
    mutationFn: (body) => updatePolicyProblem(p?.id ?? '', body),
    success: '已更新落实情况',
    invalidate: [gk.all],
    onSuccess: onClose,
    conflict: { schema: ZPolicyProblem, reload: (x) => (x ? toForm(x) : undefined) },
    open: !!p,
    openKey: p?.id,
    initial: () => (p ? toForm(p) : undefined),
  });
  return (
    <FormModal kit={kit} title="跟进落实情况" open={!!p} onClose={onClose} name="policyProblemFollow" width={720}>
      {p && (
        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
          {p.summary}
        </Typography.Paragraph>
      )}
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Field name="status" label="落实状态" required>
            <Select options={STATUS_OPTIONS} />
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field name="leadDept" label="牵头部门" required>
            <Input maxLength={60} />
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field name="dueOn" label="完成时限" required>
            <DatePicker style={{ width: '100%' }} />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="conclusion" label="会商意见（需完善的政策）" required>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="progressNote" label="落实情况">
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
          </Field>
        </Col>
      </Row>
    </FormModal>
  );
}

function ConsultationDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const roles = useGovRoles();
  const q = useQuery({ queryKey: gk.consultation(id ?? ''), queryFn: () => getConsultation(id ?? ''), enabled: !!id });
  const c = q.data;
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [following, setFollowing] = useState<TPolicyProblemOut | null>(null);
  const remove = useAction(() => deleteConsultation(id ?? ''), {
    success: '已删除政策会商',
    invalidate: [gk.all],
    onSuccess: onClose,
  });
  const columns: TableColumnsType<TPolicyProblemOut> = [
    {
      title: '问题',
      dataIndex: 'summary',
      render: (s: string, p) => (
        <>
          <div style={{ whiteSpace: 'pre-wrap' }}>{s}</div>
          {(p.commonProblemId || p.findingId) && (
            <Tag color="purple" style={{ marginTop: 4 }}>
              {p.commonProblemId ? '关联共性问题' : '关联巡察问题'}
            </Tag>
          )}
        </>
      ),
    },
    {
      title: '会商意见',
      dataIndex: 'conclusion',
      render: (s: string) => <div style={{ whiteSpace: 'pre-wrap' }}>{s}</div>,
    },
    { title: '牵头部门', dataIndex: 'leadDept', width: 110 },
    {
      title: '完成时限',
      key: 'due',
      width: 150,
      render: (_, p) => <DueDateTag due={p.dueOn} colour={p.colour} />,
    },
    {
      title: '落实',
      key: 'status',
      width: 160,
      render: (_, p) => (
        <>
          <PolicyStatusTag status={p.status} />
          {p.progressNote && (
            <Typography.Paragraph
              type="secondary"
              ellipsis={{ rows: 2, tooltip: p.progressNote }}
              style={{ margin: '4px 0 0' }}
            >
              {p.progressNote}
            </Typography.Paragraph>
          )}
        </>
      ),
    },
    ...(roles.manage
      ? [
          {
            title: '操作',
            key: 'ops',
            width: 80,
            render: (_: unknown, p: TPolicyProblemOut) => (
              <Button type="link" size="small" onClick={() => setFollowing(p)}>
                跟进
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Drawer
      title={c ? `政策会商：${c.title}` : '政策会商'}
      open={!!id}
      onClose={onClose}
      size={1040}
      extra={
        roles.manage &&
        c && (
          <Space>
            <Button onClick={() => setEditing(true)}>编辑</Button>
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              添加问题
            </Button>
            <Popconfirm
              title="删除该次政策会商？"
              description="其会商的问题和落实记录一并删除。"
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => remove.run()}
            >
              <Button danger loading={remove.pending}>
                删除
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {!c && !!id && !q.error && <Card loading />}
      {c && (
        <>
          <Descriptions column={2} size="small" bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="会商日期">{c.heldOn}</Descriptions.Item>
            <Descriptions.Item label="落实进度">
              {c.problemsDone}/{c.problems} 已完成
            </Descriptions.Item>
            <Descriptions.Item label="参会部门" span={2}>
              {c.departments.join('、')}
            </Descriptions.Item>
          </Descriptions>
          <Table<TPolicyProblemOut>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={c.problemItems}
            columns={columns}
            scroll={{ x: 900 }}
          />
        </>
      )}
      <HeaderModal c={editing ? (c ?? null) : null} onClose={() => setEditing(false)} />
      <AddProblemModal c={adding ? (c ?? null) : null} onClose={() => setAdding(false)} />
      <FollowUpModal p={following} onClose={() => setFollowing(null)} />
    </Drawer>
  );
}

/* ---------------------------------------------------------------- page */

/** 政策会商: sessions on problems no single unit can fix, their conclusions and follow-up. */
export default function ConsultationsPage() {
  usePageMeta([]);
  const roles = useGovRoles();
  const { filters, pages, query, set, reset } = useUrlFilters(read, write);
  const defaultTermId = useDefaultTermId(filters.termId);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: gk.consultations(query),
    queryFn: ({ signal }) => listConsultations(query, signal),
    placeholderData: keepPreviousData,
  });
  const filtered = KEYS.some((k) => !!filters[k]);
  const columns: TableColumnsType<TConsultationItem> = [
    { title: '会商日期', dataIndex: 'heldOn', width: 110 },
    {
      title: '会商议题',
      dataIndex: 'title',
      ellipsis: true,
      render: (t: string, c) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(c.id)}>
          {t}
        </Button>
      ),
    },
    { title: '参会部门', key: 'departments', ellipsis: true, render: (_, c) => c.departments.join('、') },
    { title: '问题数', dataIndex: 'problems', width: 80, align: 'right' },
    {
      title: '已完成',
      key: 'done',
      width: 110,
      render: (_, c) => (
        <Tag color={c.problems > 0 && c.problemsDone === c.problems ? 'green' : 'gold'}>
          {c.problemsDone}/{c.problems}
        </Tag>
      ),
    },
  ];
  return (
    <div>
      <PageHeader
        title="政策会商"
        sub="对单个单位难以解决的共性问题，会同有关部门会商完善政策，逐项明确牵头部门和时限并跟踪落实"
        extra={
          roles.manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              登记政策会商
            </Button>
          )
        }
      />
      <Card>
        <Space wrap className="xc-filter-bar" style={{ marginBottom: 16 }}>
          <TermSelect value={filters.termId} onChange={(termId) => set({ termId })} width={220} />
          <FilterSelect
            label="落实状态"
            value={filters.status}
            onChange={(status) => set({ status })}
            options={STATUS_OPTIONS}
            width={120}
          />
          <FilterSearch value={filters.q} onSearch={(q) => set({ q })} placeholder="会商议题" label="搜索政策会商" />
          <ResetFiltersButton filtered={filtered} onReset={reset} />
        </Space>
        <CursorTable<TConsultationItem>
          list={list}
          pages={pages}
          columns={columns}
          width={900}
          onOpen={(c) => setOpen(c.id)}
          empty={emptyText(
            { termId: filters.termId, others: !!(filters.status || filters.q) },
            '没有符合条件的政策会商',
            '暂无政策会商',
          )}
        />
      </Card>
      <CreateDrawer
        open={creating}
        defaultTermId={defaultTermId}
        onClose={() => setCreating(false)}
        onCreated={setOpen}
      />
      <ConsultationDrawer id={open} onClose={() => setOpen(null)} />
    </div>
  );
}
