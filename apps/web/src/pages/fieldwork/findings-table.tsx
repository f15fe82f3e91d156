import { BookOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  FINDING_SOURCE_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
  type TFindingSource,
  type TSeverity,
  ZFinding,
  ZFindingCreate,
  ZFindingUpdate,
} from '@xc/domain';
import {
  Alert,
  Button,
  Col,
  DatePicker,
  Descriptions,
  Divider,
  Drawer,
  Form,
  Input,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  createFinding,
  fwk,
  getFinding,
  listFindings,
  type TFindingFilters,
  type TFindingItem,
  type TFindingOut,
  updateFinding,
} from '../../api/fieldwork.ts';
import { usePermissions } from '../../api/hooks.ts';
import type { TInspectionDetailOut } from '../../api/planning.ts';
import { useCursorPages } from '../../components/cursor-pager.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import {
  afterToday,
  Field,
  FormModal,
  iso,
  optional,
  SchemaForm,
  useSchemaForm,
} from '../../components/form-kit/index.ts';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { PhrasePickerModal } from './phrase-picker.tsx';
import { RegulationField, type TRegulationShown } from './regulation-picker.tsx';
import { SeverityTag, TaxonomySelect, useIsOffice } from './shared.tsx';

function findingColumns(withInspection: boolean): TableColumnsType<TFindingItem> {
  return [
    {
      title: '问题',
      dataIndex: 'title',
      render: (v: string, f) => (
        <div>
          <div>{v}</div>
          <Space size={4} wrap>
            {f.paperNumber && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {f.paperNumber}
              </Typography.Text>
            )}
            {f.common && <Tag color="volcano">共性问题</Tag>}
            {f.immediate && <Tag color="green">立行立改</Tag>}
          </Space>
        </div>
      ),
    },
    ...(withInspection
      ? [
          {
            title: '巡察',
            dataIndex: 'inspectionLabel',
            width: 220,
            render: (v: string, f: TFindingItem) => (
              <div>
                <div>{f.orgName ?? '—'}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {v}
                </Typography.Text>
              </div>
            ),
          },
        ]
      : []),
    {
      title: '问题分类',
      dataIndex: 'taxonomyPath',
      width: 260,
      render: (p: string[]) =>
        p.length ? (
          <Tooltip title={p.join(' / ')}>
            <span>{p[p.length - 1]}</span>
            {p.length > 1 && (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {p[0]}
              </Typography.Text>
            )}
          </Tooltip>
        ) : (
          <Tag color="gold">待分类</Tag>
        ),
    },
    { title: '系统/领域', dataIndex: 'sector', width: 100, render: (v: string | null) => v ?? '—' },
    {
      title: '严重程度',
      dataIndex: 'severity',
      width: 90,
      render: (s: TSeverity | null) => <SeverityTag severity={s} />,
    },
    { title: '来源', dataIndex: 'source', width: 90, render: (s: TFindingSource) => FINDING_SOURCE_LABELS[s] },
    { title: '录入时间', dataIndex: 'createdAt', width: 110, render: (v: string) => v.slice(0, 10) },
  ];
}

/** A keyset page of findings under `filters`; a row opens the drawer. */
export function FindingsTable({
  filters,
  withInspection,
  onOpen,
  filtered,
}: {
  filters: TFindingFilters;
  withInspection: boolean;
  onOpen: (id: string) => void;
  filtered: boolean;
}) {
  const pages = useCursorPages(JSON.stringify(filters));
  const query = { ...filters, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: fwk.findings(query),
    queryFn: ({ signal }) => listFindings(query, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <CursorTable<TFindingItem>
      list={list}
      pages={pages}
      columns={findingColumns(withInspection)}
      width={withInspection ? 1300 : 1100}
      onOpen={(f) => onOpen(f.id)}
      empty={{
        filtered,
        whenFiltered: '没有符合条件的问题，请调整筛选条件',
        whenEmpty: '尚无问题。问题底稿经三审审定后转为问题，组长也可直接录入',
      }}
    />
  );
}

interface FindingValues {
  title?: string;
  facts?: string;
  taxonomyNodeId?: string | null;
  severity?: TSeverity | null;
  common?: boolean;
  immediate?: boolean;
  immediateFixedOn?: Dayjs | null;
  immediateAction?: string;
  regulationIds?: string[];
  version?: number;
}

function valuesOf(f: TFindingOut): FindingValues {
  return {
    title: f.title,
    facts: f.facts,
    taxonomyNodeId: f.taxonomyNodeId,
    severity: f.severity,
    common: f.common,
    immediate: f.immediate,
    immediateFixedOn: f.immediateFixedOn ? dayjs(f.immediateFixedOn) : null,
    immediateAction: f.immediateAction ?? '',
    regulationIds: f.regulations.map((r) => r.id),
    version: f.version,
  };
}

/** The finding, and its classification edited where the office and the leader keep it. */
function FindingEditor({ finding, canWrite }: { finding: TFindingOut; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const [phrases, setPhrases] = useState(false);
  const [known, setKnown] = useState<Map<string, TRegulationShown>>(
    () => new Map(finding.regulations.map((r) => [r.id, { id: r.id, title: r.title, article: r.article }])),
  );
  const kit = useSchemaForm({
    schema: ZFindingUpdate,
    toBody: (v: FindingValues) => ({
      version: v.version,
      title: v.title ?? '',
      facts: v.facts ?? '',
      taxonomyNodeId: v.taxonomyNodeId ?? null,
      severity: v.severity ?? null,
      common: !!v.common,
      immediate: !!v.immediate,
      immediateFixedOn: v.immediate ? (iso(v.immediateFixedOn) ?? null) : null,
      immediateAction: v.immediate ? (optional(v.immediateAction) ?? null) : null,
      regulationIds: v.regulationIds ?? [],
    }),
    mutationFn: (body) => updateFinding(finding.id, body),
    success: '问题已保存',
    invalidate: [fwk.all],
    onSuccess: (saved) => {
      queryClient.setQueryData(fwk.finding(saved.id), saved);
      kit.form.setFieldsValue({ version: saved.version });
    },
    conflict: { schema: ZFinding, reload: (c) => (c ? valuesOf(c) : undefined) },
    open: true,
    openKey: finding.id,
    initial: () => valuesOf(finding),
  });
  const immediate = Form.useWatch('immediate', kit.form);
  const node = Form.useWatch('taxonomyNodeId', kit.form) as string | null | undefined;

  return (
    <>
      {Boolean(kit.error) && <ErrorAlert error={kit.error} />}
      <SchemaForm kit={kit} name="finding" disabled={!canWrite}>
        <Field name="title" label="问题标题" required>
          <Input maxLength={200} />
        </Field>
        <Field name="facts" label="问题事实" required>
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={20000} showCount />
        </Field>
        {canWrite && (
          <Button icon={<BookOutlined />} style={{ marginBottom: 16 }} onClick={() => setPhrases(true)}>
            从问题语言库选用表述
          </Button>
        )}
        <Divider titlePlacement="start">分类</Divider>
        <Field name="taxonomyNodeId" label="问题分类">
          <TaxonomySelect authorityId={finding.authorityId} placeholder="选择监督框架、方面或问题类型" />
        </Field>
        <Row gutter={16}>
          <Col span={8}>
            <Field name="severity" label="严重程度">
              <Select allowClear options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))} />
            </Field>
          </Col>
          <Col span={8}>
            <Field name="common" label="共性问题" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Field>
          </Col>
          <Col span={8}>
            <Field name="immediate" label="立行立改" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Field>
          </Col>
        </Row>
        {immediate && <ImmediateFixFields />}
        <Field name="regulationIds" label="定性依据">
          <RegulationField
            known={known}
            onKnown={(r) => setKnown((m) => new Map(m).set(r.id, r))}
            disabled={!canWrite}
          />
        </Field>
      </SchemaForm>
      {canWrite && (
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button type="primary" loading={kit.pending} onClick={() => void kit.submit()}>
            保存
          </Button>
        </div>
      )}
      <PhrasePickerModal
        open={phrases}
        kind="problem"
        authorityId={finding.authorityId}
        taxonomyNodeId={node}
        onClose={() => setPhrases(false)}
        actions={[
          { key: 'title', label: '用作标题' },
          { key: 'facts', label: '加入事实' },
        ]}
        onPick={(text, action) => {
          if (action === 'title') kit.form.setFieldsValue({ title: text.slice(0, 200) });
          else {
            const facts = (kit.form.getFieldValue('facts') as string | undefined) ?? '';
            kit.form.setFieldsValue({ facts: facts ? `${facts}\n${text}` : text });
          }
          void kit.form.validateFields(['title', 'facts']).catch(() => undefined);
          setPhrases(false);
        }}
      />
    </>
  );
}

export function FindingDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const perms = usePermissions();
  const q = useQuery({ queryKey: fwk.finding(id ?? ''), queryFn: () => getFinding(id ?? ''), enabled: !!id });
  const f = q.data;
  return (
    <Drawer title={f ? f.title : '问题详情'} open={!!id} onClose={onClose} size={820} destroyOnHidden>
      {q.isPending && <FullPageSpin />}
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {f && (
        <>
          <Descriptions
            size="small"
            column={2}
            style={{ marginBottom: 16 }}
            items={[
              {
                key: 'insp',
                label: '巡察',
                span: 2,
                children: <Link to={`/fieldwork/inspections/${f.inspectionId}?tab=findings`}>{f.inspectionLabel}</Link>,
              },
              { key: 'org', label: '被巡察单位', children: f.orgName ?? '—' },
              { key: 'sector', label: '系统/领域', children: f.sector ?? '—' },
              {
                key: 'source',
                label: '来源',
                children: f.workingPaperId ? (
                  <Link to={`/fieldwork/papers/${f.workingPaperId}`}>问题底稿 {f.paperNumber}</Link>
                ) : (
                  FINDING_SOURCE_LABELS[f.source]
                ),
              },
              { key: 'by', label: '录入', children: `${f.createdByName ?? '—'} ${f.createdAt.slice(0, 10)}` },
              {
                key: 'path',
                label: '当前分类',
                span: 2,
                children: f.taxonomyPath.length ? f.taxonomyPath.join(' / ') : <Tag color="gold">待分类</Tag>,
              },
            ]}
          />
          <FindingEditor key={`${f.id}-${f.version}`} finding={f} canWrite={perms.has('finding:write')} />
        </>
      )}
      {!f && !q.isPending && !q.error && <Spin />}
    </Drawer>
  );
}

interface CreateValues {
  title?: string;
  facts?: string;
  immediate?: boolean;
  immediateFixedOn?: Dayjs | null;
  immediateAction?: string;
  orgId?: string;
}

/** 直接录入问题 by the team's leader, or an earlier ledger taken over by the office (marked so). */
function FindingCreateModal({
  inspection,
  open,
  onClose,
}: {
  inspection: TInspectionDetailOut;
  open: boolean;
  onClose: () => void;
}) {
  const office = useIsOffice();
  const kit = useSchemaForm({
    schema: ZFindingCreate,
    toBody: (v: CreateValues) => ({
      title: v.title ?? '',
      facts: v.facts ?? '',
      immediate: !!v.immediate,
      immediateFixedOn: v.immediate ? iso(v.immediateFixedOn) : undefined,
      immediateAction: v.immediate ? optional(v.immediateAction) : undefined,
      orgId: v.orgId,
      source: office ? 'ledger' : 'direct',
    }),
    mutationFn: (body) => createFinding(inspection.id, body),
    success: '问题已录入，可在问题清单中补充分类',
    invalidate: [fwk.all],
    onSuccess: onClose,
    open,
    initial: (): CreateValues => ({
      immediate: false,
      orgId: inspection.targets.length === 1 ? inspection.targets[0]?.orgId : undefined,
    }),
  });
  const immediate = Form.useWatch('immediate', kit.form);
  return (
    <FormModal
      kit={kit}
      title={office ? '录入历史台账问题' : '直接录入问题'}
      open={open}
      onClose={onClose}
      okText="录入"
      width={720}
      name="findingCreate"
      intro={
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            office
              ? '用于接收以前未经本平台办理的问题台账，问题标注为“历史台账”'
              : '未经问题底稿三审直接录入的问题，标注为“直接录入”'
          }
        />
      }
    >
      <Field name="title" label="问题标题" required>
        <Input maxLength={200} />
      </Field>
      {inspection.targets.length > 1 && (
        <Field name="orgId" label="所属单位">
          <Select
            allowClear
            options={inspection.targets.map((t) => ({ value: t.orgId, label: t.name }))}
            placeholder="选择被巡察单位"
          />
        </Field>
      )}
      <Field name="facts" label="问题事实" required>
        <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} maxLength={20000} showCount />
      </Field>
      <Field name="immediate" label="立行立改" valuePropName="checked">
        <Switch checkedChildren="是" unCheckedChildren="否" />
      </Field>
      {immediate && <ImmediateFixFields />}
    </FormModal>
  );
}

/** 立行立改: when the problem was fixed during the stay and what was done (shown once it is switched on). */
function ImmediateFixFields() {
  return (
    <Row gutter={16}>
      <Col span={8}>
        <Field name="immediateFixedOn" label="整改完成日期">
          <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
        </Field>
      </Col>
      <Col span={16}>
        <Field name="immediateAction" label="整改措施">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Field>
      </Col>
    </Row>
  );
}

/** The workbench's 发现问题 tab: this inspection's findings. */
export function InspectionFindings({ inspection }: { inspection: TInspectionDetailOut | undefined }) {
  const perms = usePermissions();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const immediate = params.get('immediate') === 'true' ? 'true' : undefined;
  const open = params.get('open');
  const setOpen = (id: string | null) => {
    const p = new URLSearchParams(params);
    if (id) p.set('open', id);
    else p.delete('open');
    setParams(p);
  };
  if (!inspection) return <FullPageSpin />;
  return (
    <>
      <div className="xc-toolbar">
        <Space>
          <Switch
            checked={!!immediate}
            onChange={(on) =>
              setParams(new URLSearchParams(on ? { tab: 'findings', immediate: 'true' } : { tab: 'findings' }))
            }
          />
          <span>只看立行立改</span>
          <Link to={`/fieldwork/findings?inspectionId=${inspection.id}`}>在问题清单中查看</Link>
        </Space>
        {perms.has('finding:write') && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            直接录入问题
          </Button>
        )}
      </div>
      <FindingsTable
        filters={{ inspectionId: inspection.id, immediate }}
        withInspection={false}
        onOpen={setOpen}
        filtered={!!immediate}
      />
      <FindingDrawer id={open} onClose={() => setOpen(null)} />
      <FindingCreateModal inspection={inspection} open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
