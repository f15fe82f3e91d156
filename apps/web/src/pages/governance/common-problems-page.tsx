import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  COMMON_PROBLEM_EXAMPLES,
  SECTORS,
  type TSector,
  ZCommonProblem,
  ZCommonProblemConfirm,
  ZCommonProblemUpdate,
} from '@xc/domain';
import {
  AutoComplete,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Input,
  List,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  confirmCommonProblem,
  deleteCommonProblem,
  gk,
  listCandidates,
  listCommonProblems,
  type TCandidate,
  type TCommonProblemItem,
  type TCommonProblemOut,
  updateCommonProblem,
  useCommonProblem,
} from '../../api/governance.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { BarChart } from '../../charts/bar-chart.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FilterSearch, FilterSelect, ResetFiltersButton } from '../../components/filter-bar.tsx';
import { Field, FormDrawer, FormModal, useAction, useSchemaForm } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { isUuid, keywordOf, oneOf, toParams, useUrlFilters, useUrlParams } from '../../components/url-filters.ts';
import { TermSelect } from '../fieldwork/shared.tsx';
import { FindingRefs } from './finding-refs.tsx';
import { emptyText, SECTOR_OPTIONS, TERM_EMPTY, useGovRoles, useTermParam } from './shared.tsx';

/* ---------------------------------------------------------------- confirmed */

const KEYS = ['termId', 'sector', 'q'] as const;
type ProblemFilters = { termId?: string; sector?: TSector; q?: string };
const readFilters = (p: URLSearchParams): ProblemFilters => ({
  termId: isUuid(p.get('termId')) ? (p.get('termId') as string) : undefined,
  sector: oneOf<TSector>(SECTORS, p.get('sector')),
  q: keywordOf(p, 50),
});
// The tab stays in the URL when the filters change.
const writeFilters = (tab: string | null) => (f: ProblemFilters) => {
  const p = toParams(f, KEYS);
  if (tab) p.set('tab', tab);
  return p;
};

function ConfirmedTab({ onOpen }: { onOpen: (id: string) => void }) {
  const { params } = useUrlParams();
  const { filters, pages, query, set, reset } = useUrlFilters(readFilters, writeFilters(params.get('tab')));
  const list = useQuery({
    queryKey: gk.problems(query),
    queryFn: ({ signal }) => listCommonProblems(query, signal),
    placeholderData: keepPreviousData,
  });
  const filtered = !!(filters.termId || filters.sector || filters.q);
  const columns: TableColumnsType<TCommonProblemItem> = [
    {
      title: '共性问题',
      dataIndex: 'name',
      render: (n: string, p) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(p.id)}>
          {n}
        </Button>
      ),
    },
    { title: '领域', dataIndex: 'sector', width: 110 },
    { title: '问题数', dataIndex: 'findings', width: 90, align: 'right' },
    { title: '涉及单位', dataIndex: 'organizations', width: 100, align: 'right' },
    {
      // Campaign reports add items beyond the inspections' findings, so this may exceed 问题数.
      title: <Tooltip title="巡察发现问题中已整改的，加上专项整治中报送整改的问题">已整改（含专项整治）</Tooltip>,
      dataIndex: 'rectified',
      width: 150,
      align: 'right',
    },
  ];
  return (
    <>
      <Space wrap className="xc-filter-bar" style={{ marginBottom: 16 }}>
        <TermSelect value={filters.termId} onChange={(termId) => set({ termId })} width={220} />
        <FilterSelect
          label="领域"
          value={filters.sector}
          onChange={(sector) => set({ sector })}
          options={SECTOR_OPTIONS}
          width={130}
          searchable
        />
        <FilterSearch value={filters.q} onSearch={(q) => set({ q })} placeholder="共性问题名称" label="搜索共性问题" />
        <ResetFiltersButton filtered={filtered} onReset={reset} />
      </Space>
      <CursorTable<TCommonProblemItem>
        list={list}
        pages={pages}
        columns={columns}
        onOpen={(p) => onOpen(p.id)}
        empty={emptyText(
          { termId: filters.termId, others: !!(filters.sector || filters.q) },
          '没有符合条件的共性问题',
          '暂无已确认的共性问题，可在“候选”中确认',
        )}
      />
    </>
  );
}

function EditModal({ problem, onClose }: { problem: TCommonProblemOut | null; onClose: () => void }) {
  type V = { name?: string; description?: string; sector?: TSector; version?: number };
  const kit = useSchemaForm({
    schema: ZCommonProblemUpdate,
    toBody: (v: V) => ({ version: v.version, name: v.name, description: v.description, sector: v.sector }),
    mutationFn: (body) => updateCommonProblem(problem?.id ?? '', body),
    success: '已保存',
    invalidate: [gk.all],
    onSuccess: onClose,
    conflict: {
      schema: ZCommonProblem,
      reload: (c) =>
        c ? { name: c.name, description: c.description, sector: c.sector as TSector, version: c.version } : undefined,
    },
    open: !!problem,
    openKey: problem?.id,
    initial: (): V | undefined =>
      problem
        ? {
            name: problem.name,
            description: problem.description,
            sector: problem.sector as TSector,
            version: problem.version,
          }
        : undefined,
  });
  return (
    <FormModal kit={kit} title="编辑共性问题" open={!!problem} onClose={onClose} width={640} name="problemEdit">
      <Field name="name" label="共性问题名称" required>
        <Input maxLength={60} showCount />
      </Field>
      <Field name="sector" label="领域" required>
        <Select options={SECTOR_OPTIONS} showSearch={{ optionFilterProp: 'label' }} />
      </Field>
      <Field name="description" label="问题描述" required>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={2000} showCount />
      </Field>
    </FormModal>
  );
}

function ProblemDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const roles = useGovRoles();
  const problem = useCommonProblem(id);
  const p = problem.data;
  const [editing, setEditing] = useState(false);
  const remove = useAction(() => deleteCommonProblem(id ?? ''), {
    success: '已删除共性问题',
    invalidate: [gk.all],
    onSuccess: onClose,
  });
  return (
    <Drawer
      title={p ? `共性问题：${p.name}` : '共性问题'}
      open={!!id}
      onClose={onClose}
      size={880}
      extra={
        roles.manage &&
        p && (
          <Space>
            <Button onClick={() => setEditing(true)}>编辑</Button>
            <Popconfirm
              title="删除该共性问题？"
              description="其问题将回到候选；已被通报、提示、专项整治或会商引用的不能删除。"
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
      {problem.error && <ErrorAlert error={problem.error} onRetry={() => void problem.refetch()} />}
      {problem.isPending && !!id && <Card loading />}
      {p && (
        <>
          <Descriptions column={2} size="small" bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="领域">{p.sector}</Descriptions.Item>
            <Descriptions.Item label="确认日期">{p.confirmedOn}</Descriptions.Item>
            <Descriptions.Item label="问题数">{p.findings}</Descriptions.Item>
            <Descriptions.Item label="涉及单位">{p.organizations}</Descriptions.Item>
            <Descriptions.Item label="涉及巡察">{p.inspections}</Descriptions.Item>
            <Descriptions.Item label="已整改">{p.rectified}</Descriptions.Item>
            <Descriptions.Item label="问题描述" span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {p.description}
              </Typography.Paragraph>
            </Descriptions.Item>
          </Descriptions>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={12}>
              <Card size="small" title={`分类通报（${p.bulletins.length}）`}>
                <List
                  size="small"
                  dataSource={p.bulletins}
                  locale={{ emptyText: '尚未通报' }}
                  renderItem={(b) => (
                    <List.Item>
                      <Link to={`/governance/bulletins/${b.id}`}>{b.name}</Link>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" title={`专项整治（${p.campaigns.length}）`}>
                <List
                  size="small"
                  dataSource={p.campaigns}
                  locale={{ emptyText: '尚未开展专项整治' }}
                  renderItem={(c) => (
                    <List.Item>
                      <Link to={`/governance/campaigns/${c.id}`}>{c.name}</Link>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
          </Row>
          <Typography.Title level={5}>所含问题（{p.findingIds.length}）</Typography.Title>
          <FindingRefs ids={p.findingIds} />
        </>
      )}
      <EditModal problem={editing ? (p ?? null) : null} onClose={() => setEditing(false)} />
    </Drawer>
  );
}

/* ---------------------------------------------------------------- candidates */

type ConfirmValues = {
  termId?: string;
  name?: string;
  description?: string;
  sector?: TSector;
  taxonomyTypeId?: string;
  findingIds?: string[];
};

const asSector = (s: string | null): TSector | undefined => oneOf<TSector>(SECTORS, s);

/** The seed's examples, those of the candidate's sector first. */
function examplesFor(sector: string | null) {
  return [...COMMON_PROBLEM_EXAMPLES].sort((a, b) => Number(b.sector === sector) - Number(a.sector === sector));
}

function ConfirmDrawer({
  termId,
  candidate,
  onClose,
}: {
  termId: string | undefined;
  candidate: TCandidate | null;
  onClose: () => void;
}) {
  const kit = useSchemaForm({
    schema: ZCommonProblemConfirm,
    toBody: (v: ConfirmValues) => ({
      termId: v.termId,
      name: v.name ?? '',
      description: v.description ?? '',
      sector: v.sector,
      ...(v.taxonomyTypeId ? { taxonomyTypeId: v.taxonomyTypeId } : {}),
      findingIds: v.findingIds ?? [],
    }),
    mutationFn: confirmCommonProblem,
    success: (p) => `已确认共性问题：${p.name}`,
    invalidate: [gk.all],
    onSuccess: onClose,
    invalidMessage: '请检查标红的内容',
    open: !!candidate,
    openKey: candidate?.key,
    initial: (): ConfirmValues | undefined => {
      if (!candidate) return undefined;
      // The sector's seed example names and describes a candidate of no problem type; one of a type
      // is named after it and described by its own figures, never by another problem's example.
      const example = candidate.taxonomyTypeName
        ? undefined
        : COMMON_PROBLEM_EXAMPLES.find((e) => e.sector === candidate.sector);
      const sector = candidate.sector ?? '';
      return {
        termId,
        name: candidate.taxonomyTypeName ?? example?.name ?? `${sector}领域共性问题`,
        description:
          example?.description ??
          (candidate.taxonomyTypeName
            ? `巡察发现，${sector ? `${sector}领域` : ''}${candidate.organizations}个单位存在“${candidate.taxonomyTypeName}”问题，共${candidate.findings}个。`
            : undefined),
        sector: asSector(candidate.sector),
        taxonomyTypeId:
          candidate.taxonomyTypeId && isUuid(candidate.taxonomyTypeId) ? candidate.taxonomyTypeId : undefined,
        findingIds: [...candidate.findingIds],
      };
    },
  });
  const examples = examplesFor(candidate?.sector ?? null);
  return (
    <FormDrawer
      kit={kit}
      title="确认为共性问题"
      open={!!candidate}
      onClose={onClose}
      size={900}
      okText="确认为共性问题"
      name="problemConfirm"
      intro={
        candidate && (
          <Typography.Paragraph type="secondary">
            候选：{candidate.sector ?? '未定领域'} · {candidate.taxonomyTypeName ?? '未分类'}，{candidate.findings}
            个问题，涉及 {candidate.organizations} 个单位、{candidate.inspections}{' '}
            次巡察。可取消勾选不属于该共性问题的问题。
          </Typography.Paragraph>
        )
      }
    >
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Field name="name" label="共性问题名称" required>
            <AutoComplete
              options={examples.map((e) => ({ value: e.name }))}
              onSelect={(name: string) => {
                const e = COMMON_PROBLEM_EXAMPLES.find((x) => x.name === name);
                if (e && !kit.form.getFieldValue('description'))
                  kit.form.setFieldsValue({ description: e.description } as never);
              }}
            >
              <Input maxLength={60} showCount />
            </AutoComplete>
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field name="sector" label="领域" required>
            <Select options={SECTOR_OPTIONS} showSearch={{ optionFilterProp: 'label' }} />
          </Field>
        </Col>
        <Col span={24}>
          <Field
            name="description"
            label="问题描述"
            required
            extra={
              <Space wrap size={4}>
                参考示例：
                {examples.map((e) => (
                  <Button
                    key={e.name}
                    size="small"
                    type="link"
                    onClick={() => kit.form.setFieldsValue({ name: e.name, description: e.description } as never)}
                  >
                    {e.name}
                  </Button>
                ))}
              </Space>
            }
          >
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={2000} showCount />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="findingIds" label="所含问题" required>
            <FindingRefs ids={candidate?.findingIds ?? []} />
          </Field>
        </Col>
      </Row>
    </FormDrawer>
  );
}

/** Findings summed per key over the candidate groups, largest first. */
function tally<K extends string>(rows: { key: K; n: number }[]) {
  const m = new Map<K, number>();
  for (const r of rows) m.set(r.key, (m.get(r.key) ?? 0) + r.n);
  return [...m].map(([name, value]) => ({ name, value })).sort((a, b) => b.value - a.value);
}

function CountTable({ title, rows }: { title: string; rows: { name: string; value: number }[] }) {
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      <Table
        rowKey="name"
        size="small"
        pagination={rows.length > 8 ? { pageSize: 8, showSizeChanger: false, size: 'small' } : false}
        dataSource={rows}
        columns={[
          { title: '名称', dataIndex: 'name', ellipsis: true },
          { title: '问题数', dataIndex: 'value', width: 80, align: 'right' },
        ]}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无" /> }}
      />
    </Card>
  );
}

function CandidatesTab() {
  const roles = useGovRoles();
  const { termId, setTermId, loading } = useTermParam();
  const { params, set } = useUrlParams({ replace: true });
  const sector = asSector(params.get('sector'));
  const [confirming, setConfirming] = useState<TCandidate | null>(null);
  const candidates = useQuery({
    queryKey: gk.candidates(termId ?? '', sector),
    queryFn: ({ signal }) => listCandidates({ termId: termId ?? '', sector }, signal),
    enabled: !!termId,
    placeholderData: keepPreviousData,
  });
  const items = candidates.data?.items ?? [];
  const bySector = tally(items.map((c) => ({ key: c.sector ?? '未定领域', n: c.findings })));
  const byType = tally(items.map((c) => ({ key: c.taxonomyTypeName ?? '未分类', n: c.findings })));
  const byOrg = tally(items.flatMap((c) => c.byOrganization.map((o) => ({ key: o.orgName, n: o.findings }))));
  const columns: TableColumnsType<TCandidate> = [
    { title: '领域', dataIndex: 'sector', width: 110, render: (s: string | null) => s ?? '未定领域' },
    { title: '问题类型', dataIndex: 'taxonomyTypeName', render: (s: string | null) => s ?? '未分类' },
    { title: '问题数', dataIndex: 'findings', width: 80, align: 'right' },
    { title: '标记为共性', dataIndex: 'flagged', width: 100, align: 'right' },
    { title: '涉及单位', dataIndex: 'organizations', width: 90, align: 'right' },
    { title: '涉及巡察', dataIndex: 'inspections', width: 90, align: 'right' },
    {
      title: '单位分布',
      key: 'orgs',
      ellipsis: true,
      render: (_, c) => c.byOrganization.map((o) => `${o.orgName}（${o.findings}）`).join('、'),
    },
    ...(roles.manage
      ? [
          {
            title: '操作',
            key: 'ops',
            width: 130,
            render: (_: unknown, c: TCandidate) => (
              <Button type="link" size="small" onClick={() => setConfirming(c)}>
                确认为共性问题
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <Space wrap className="xc-filter-bar" style={{ marginBottom: 16 }}>
        <TermSelect value={termId} onChange={setTermId} width={220} />
        <FilterSelect
          label="领域"
          value={sector}
          onChange={(s) => set({ sector: s })}
          options={SECTOR_OPTIONS}
          width={130}
          searchable
        />
        {candidates.data && (
          <Typography.Text type="secondary">
            标记为共性的问题，以及同一类型、同一领域涉及 {candidates.data.minOrganizations} 个及以上单位的问题列为候选
          </Typography.Text>
        )}
      </Space>
      {candidates.error && <ErrorAlert error={candidates.error} onRetry={() => void candidates.refetch()} />}
      {!termId && !loading ? (
        <Empty description="请选择届次" />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} xl={12}>
              <Card size="small" title="各领域候选问题数" loading={candidates.isPending}>
                {bySector.length ? (
                  <BarChart
                    data={bySector}
                    unit="个"
                    height={260}
                    onClick={(s) => set({ sector: asSector(s) ?? null })}
                  />
                ) : (
                  <Empty description={sector ? '该领域暂无候选' : TERM_EMPTY} />
                )}
              </Card>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <CountTable title="按问题类型" rows={byType} />
            </Col>
            <Col xs={24} md={12} xl={6}>
              <CountTable title="按单位" rows={byOrg} />
            </Col>
          </Row>
          <Table<TCandidate>
            rowKey="key"
            size="middle"
            pagination={items.length > 20 ? { pageSize: 20 } : false}
            loading={candidates.isFetching}
            dataSource={items}
            columns={columns}
            scroll={{ x: 1100 }}
            locale={{
              emptyText: candidates.isPending ? (
                ' '
              ) : (
                <Empty description={sector ? '该领域暂无候选共性问题；也可在上方切换届期' : TERM_EMPTY} />
              ),
            }}
          />
        </>
      )}
      <ConfirmDrawer termId={termId} candidate={confirming} onClose={() => setConfirming(null)} />
    </>
  );
}

/* ---------------------------------------------------------------- page */

/** 共性问题: the confirmed problems of the term, and the candidate groups to confirm. */
export default function CommonProblemsPage() {
  usePageMeta([]);
  const { params, set } = useUrlParams();
  const tab = params.get('tab') === 'candidates' ? 'candidates' : 'confirmed';
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div>
      <PageHeader title="共性问题" sub="跨巡察归集同类问题，确认为共性问题后分类通报、履责提示、专项整治" />
      <Card>
        <Tabs
          activeKey={tab}
          destroyOnHidden
          onChange={(k) => set({ tab: k === 'candidates' ? 'candidates' : null, q: null })}
          items={[
            { key: 'confirmed', label: '已确认', children: <ConfirmedTab onOpen={setOpen} /> },
            { key: 'candidates', label: '候选', children: <CandidatesTab /> },
          ]}
        />
      </Card>
      <ProblemDrawer id={open} onClose={() => setOpen(null)} />
    </div>
  );
}
