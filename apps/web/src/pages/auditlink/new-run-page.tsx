import { useQueries, useQuery } from '@tanstack/react-query';
import {
  AUDIT_ROLE_LABELS,
  LOGICAL_COLUMN_LABELS,
  MAX_DATASETS_PER_ROLE,
  type TAuditRole,
  type TLogicalColumn,
  ZRunCreate,
} from '@xc/domain';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  alk,
  createRun,
  getDataset,
  listDatasets,
  previewRun,
  type TDatasetDetailOut,
  type TRuleOut,
  type TRunCreateInput,
} from '../../api/auditlink.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useAction } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { inspectionTitle, useInspection } from '../fieldwork/shared.tsx';
import { paramDefault } from './rules-tab.tsx';
import { inspectionPath, runPath, SqlView, useRules } from './shared.tsx';
import './auditlink.css';

type Mapping = Partial<Record<TLogicalColumn, string>>;
/** Per role, the tables chosen and each table's mapping (logical column → header of the file). */
type Chosen = Partial<Record<TAuditRole, { datasetId: string; columns: Mapping; auto?: boolean }[]>>;

/** One table's mapping: a select of the file's headers for each logical column the role reads. */
function MappingEditor({
  role,
  rule,
  detail,
  columns,
  onChange,
}: {
  role: TAuditRole;
  rule: TRuleOut;
  detail: TDatasetDetailOut | undefined;
  columns: Mapping;
  onChange: (m: Mapping) => void;
}) {
  if (!detail) return <Skeleton active paragraph={{ rows: 2 }} />;
  const options = detail.columns.map((c) => ({ value: c.name, label: c.name }));
  const required = (rule.inputs[role] ?? []) as TLogicalColumn[];
  const optional = (rule.optionalInputs[role] ?? []) as TLogicalColumn[];
  return (
    <Form layout="horizontal" labelCol={{ flex: '120px' }} className="xc-al-mapping">
      <Row gutter={16}>
        {[...required, ...optional].map((logical) => (
          <Col xs={24} md={12} key={logical}>
            <Form.Item
              label={LOGICAL_COLUMN_LABELS[logical]}
              required={required.includes(logical)}
              htmlFor={`map-${role}-${detail.id}-${logical}`}
            >
              <Select
                id={`map-${role}-${detail.id}-${logical}`}
                aria-label={`${AUDIT_ROLE_LABELS[role]}《${detail.fileName}》的${LOGICAL_COLUMN_LABELS[logical]}列`}
                value={columns[logical]}
                options={options}
                allowClear
                placeholder={required.includes(logical) ? '请选择对应的列' : '可不选'}
                onChange={(v?: string) => {
                  const next = { ...columns };
                  if (v) next[logical] = v;
                  else delete next[logical];
                  onChange(next);
                }}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </Form>
  );
}

/** A parameter's input by its type; the value as the API takes it. */
function ParamInput({
  p,
  value,
  onChange,
  id,
}: {
  p: TRuleOut['params'][string];
  value: unknown;
  onChange: (v: unknown) => void;
  id: string;
}) {
  switch (p.type) {
    case 'integer':
      return (
        <InputNumber
          id={id}
          value={value as number}
          min={p.min}
          max={p.max}
          precision={0}
          addonAfter={p.unit}
          onChange={(v) => onChange(v ?? p.default)}
        />
      );
    case 'amount':
    case 'quantity':
      return (
        <Input
          id={id}
          value={String(value ?? '')}
          style={{ width: 200 }}
          addonAfter={p.type === 'amount' ? '元' : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'boolean':
      return <Switch id={id} checked={!!value} onChange={onChange} />;
    case 'keywords':
      return (
        <Select
          id={id}
          mode="tags"
          value={value as string[]}
          onChange={onChange}
          style={{ width: '100%' }}
          tokenSeparators={['，', ',', '、']}
          placeholder="输入关键词后回车；清空则比对全部项目"
        />
      );
    case 'choices':
      return <Checkbox.Group value={value as string[]} options={p.options ?? []} onChange={onChange} />;
  }
}

/** 新建比对: a rule, the tables for its roles with their columns mapped, and its parameters. */
export default function NewRunPage() {
  const { inspectionId = '' } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const rules = useRules();
  const insp = useInspection(inspectionId);
  usePageMeta([
    { title: insp.data ? inspectionTitle(insp.data) : '巡审贯通', path: inspectionPath(inspectionId) },
    { title: '新建比对' },
  ]);
  const [ruleId, setRuleId] = useState<string | undefined>(search.get('rule') ?? undefined);
  const [chosen, setChosen] = useState<Chosen>({});
  const [params, setParams] = useState<Record<string, unknown>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [sql, setSql] = useState<string | null>(null);
  const rule = rules.data?.items.find((r) => r.id === ruleId);
  const roles = (rule ? Object.keys(rule.inputs) : []) as TAuditRole[];

  const datasets = useQuery({
    queryKey: alk.datasets(inspectionId),
    queryFn: ({ signal }) => listDatasets(inspectionId, signal),
  });
  const ready = (datasets.data?.items ?? []).filter((d) => d.status === 'ready');
  const ids = [...new Set(Object.values(chosen).flatMap((l) => (l ?? []).map((i) => i.datasetId)))];
  const details = useQueries({
    queries: ids.map((id) => ({ queryKey: alk.dataset(id), queryFn: () => getDataset(id), staleTime: 60_000 })),
  });
  const detailOf = useMemo(() => {
    const m = new Map<string, TDatasetDetailOut>();
    for (const d of details) if (d.data) m.set(d.data.id, d.data);
    return m;
  }, [details]);

  const pickRule = (id: string) => {
    setRuleId(id);
    setChosen({});
    setParams({});
    setSql(null);
    setProblem(null);
  };

  /** Tables chosen for a role: a new one starts from the mapping its headers suggest. */
  const pickTables = (role: TAuditRole, datasetIds: string[]) => {
    setSql(null);
    setChosen((c) => ({
      ...c,
      [role]: datasetIds.map(
        (id) => c[role]?.find((x) => x.datasetId === id) ?? { datasetId: id, columns: {} as Mapping, auto: true },
      ),
    }));
  };

  // A table whose mapping was never touched takes the suggestion once its detail has arrived.
  const mappingOf = (role: TAuditRole, input: { datasetId: string; columns: Mapping; auto?: boolean }) => {
    const d = detailOf.get(input.datasetId);
    return input.auto && d ? (d.suggestedMappings[role] ?? {}) : input.columns;
  };
  const setMapping = (role: TAuditRole, datasetId: string, columns: Mapping) => {
    setSql(null);
    setChosen((c) => ({
      ...c,
      [role]: (c[role] ?? []).map((x) => (x.datasetId === datasetId ? { datasetId, columns } : x)),
    }));
  };

  const body = (): TRunCreateInput | null => {
    if (!rule) {
      setProblem('请选择比对规则');
      return null;
    }
    const inputs: TRunCreateInput['inputs'] = {};
    for (const role of roles) {
      const list = (chosen[role] ?? []).map((i) => ({ datasetId: i.datasetId, columns: mappingOf(role, i) }));
      if (list.length) inputs[role] = list.length === 1 ? list[0] : list;
    }
    const b = { inspectionId, rule: rule.id, inputs, params } as TRunCreateInput;
    const r = ZRunCreate.safeParse(b);
    if (!r.success) {
      setProblem(r.error.issues[0]?.message ?? '比对设置不完整');
      return null;
    }
    setProblem(null);
    return b;
  };

  const preview = useAction((b: TRunCreateInput) => previewRun(b), { onSuccess: (r) => setSql(r.sql) });
  const start = useAction((b: TRunCreateInput) => createRun(b), {
    success: '已开始比对',
    invalidate: [alk.runs(inspectionId)],
    onSuccess: (r) => navigate(runPath(r.id)),
  });

  if (rules.error) return <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />;
  return (
    <div>
      <PageHeader
        title="新建比对"
        sub={insp.data ? inspectionTitle(insp.data) : undefined}
        extra={<Link to={inspectionPath(inspectionId)}>返回巡审贯通</Link>}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title="比对规则">
          <Select
            aria-label="比对规则"
            style={{ width: 360 }}
            placeholder="选择比对规则"
            loading={rules.isPending}
            value={ruleId}
            onChange={pickRule}
            options={(rules.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
          />
          {rule && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {rule.summary}
            </Typography.Paragraph>
          )}
        </Card>
        {rule &&
          roles.map((role) => (
            <Card
              key={role}
              title={
                <Space>
                  {AUDIT_ROLE_LABELS[role]}
                  <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                    可选多个数据表（如分月的发放表），最多 {MAX_DATASETS_PER_ROLE} 个
                  </Typography.Text>
                </Space>
              }
            >
              {ready.length === 0 && !datasets.isPending ? (
                <Empty
                  description={<Link to={inspectionPath(inspectionId, 'datasets')}>还没有可用的数据表，请先上传</Link>}
                />
              ) : (
                <Select
                  mode="multiple"
                  aria-label={`${AUDIT_ROLE_LABELS[role]}的数据表`}
                  style={{ width: '100%', marginBottom: 12 }}
                  placeholder={`选择作为“${AUDIT_ROLE_LABELS[role]}”的数据表`}
                  value={(chosen[role] ?? []).map((i) => i.datasetId)}
                  onChange={(v: string[]) => pickTables(role, v)}
                  maxCount={MAX_DATASETS_PER_ROLE}
                  options={ready.map((d) => ({ value: d.id, label: `${d.fileName}（${d.rows.toLocaleString()} 行）` }))}
                  showSearch={{ optionFilterProp: 'label' }}
                />
              )}
              {(chosen[role] ?? []).map((i) => {
                const d = detailOf.get(i.datasetId);
                return (
                  <Card
                    key={i.datasetId}
                    size="small"
                    type="inner"
                    title={
                      <Space>
                        列对应：{d?.fileName ?? '…'}
                        {i.auto && <Tag color="blue">已按表头自动对应</Tag>}
                      </Space>
                    }
                    style={{ marginBottom: 12 }}
                  >
                    <MappingEditor
                      role={role}
                      rule={rule}
                      detail={d}
                      columns={mappingOf(role, i)}
                      onChange={(m) => setMapping(role, i.datasetId, m)}
                    />
                  </Card>
                );
              })}
            </Card>
          ))}
        {rule && Object.keys(rule.params).length > 0 && (
          <Card title="参数">
            <Form layout="vertical">
              {Object.entries(rule.params).map(([k, p]) => (
                <Form.Item
                  key={k}
                  label={p.label}
                  extra={`${p.help}（默认：${paramDefault(p)}）`}
                  htmlFor={`param-${k}`}
                >
                  <ParamInput
                    id={`param-${k}`}
                    p={p}
                    value={k in params ? params[k] : p.default}
                    onChange={(v) => {
                      setSql(null);
                      setParams((x) => ({ ...x, [k]: v }));
                    }}
                  />
                </Form.Item>
              ))}
            </Form>
          </Card>
        )}
        {problem && <Alert type="error" showIcon title={problem} />}
        {rule && (
          <Space>
            <Button
              onClick={() => {
                const b = body();
                if (b) void preview.run(b);
              }}
              loading={preview.pending}
            >
              预览 SQL
            </Button>
            <Button
              type="primary"
              onClick={() => {
                const b = body();
                if (b) void start.run(b);
              }}
              loading={start.pending}
            >
              开始比对
            </Button>
          </Space>
        )}
      </Space>
      <Modal title="将要运行的比对 SQL（只读）" open={!!sql} onCancel={() => setSql(null)} footer={null} width={960}>
        {sql && <SqlView sql={sql} />}
      </Modal>
    </div>
  );
}
