import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { RULE_MAKING_KIND_LABELS, RULE_MAKING_KINDS, type TRuleMakingKind, ZRuleMakingCreate } from '@xc/domain';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  createRuleMaking,
  getProblemList,
  listRuleMakings,
  rk,
  rkRules,
  type TRuleMakingFilters,
  type TRuleMakingItem,
} from '../../api/rectification.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { FilterSelect, ResetFiltersButton } from '../../components/filter-bar.tsx';
import { afterToday, Field, FormDrawer, iso, optional, useSchemaForm } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { isUuid, oneOf, toParams, useUrlFilters } from '../../components/url-filters.ts';
import { TermSelect } from '../fieldwork/shared.tsx';
import { findRect, RectInspectionSelect, useRectInspections } from './inspection-picker.tsx';
import { useRectRoles } from './shared.tsx';

const KEYS = ['termId', 'inspectionId', 'orgId', 'kind'] as const;
type RuleFilters = Pick<TRuleMakingFilters, (typeof KEYS)[number]>;

function read(p: URLSearchParams): RuleFilters {
  const inspectionId = isUuid(p.get('inspectionId')) ? (p.get('inspectionId') as string) : undefined;
  return {
    termId: isUuid(p.get('termId')) ? (p.get('termId') as string) : undefined,
    inspectionId,
    // An organization is chosen among the inspection's: without the inspection it has no meaning here.
    orgId: inspectionId && isUuid(p.get('orgId')) ? (p.get('orgId') as string) : undefined,
    kind: oneOf<TRuleMakingKind>(RULE_MAKING_KINDS, p.get('kind')),
  };
}
const write = (f: RuleFilters) => toParams(f, KEYS);

const KIND_COLOURS: Record<TRuleMakingKind, string> = { made: 'success', revised: 'processing', abolished: 'default' };
export function RuleKindTag({ kind }: { kind: TRuleMakingKind }) {
  return <Tag color={KIND_COLOURS[kind]}>{RULE_MAKING_KIND_LABELS[kind]}</Tag>;
}

const COLUMNS: TableColumnsType<TRuleMakingItem> = [
  { title: '印发日期', dataIndex: 'issuedOn', width: 110 },
  {
    title: '制度名称',
    key: 'title',
    render: (_, r) => (
      <>
        {r.title}
        {r.documentNumber && (
          <div>
            <Typography.Text type="secondary">{r.documentNumber}</Typography.Text>
          </div>
        )}
      </>
    ),
  },
  { title: '类别', key: 'kind', width: 80, render: (_, r) => <RuleKindTag kind={r.kind} /> },
  { title: '制发单位', dataIndex: 'issuingBody', width: 180, ellipsis: true },
  { title: '被巡察党组织', dataIndex: 'orgName', width: 180, ellipsis: true },
  {
    title: '关联问题',
    key: 'findings',
    width: 260,
    render: (_, r) => (
      <Tooltip title={r.findingTitles.map((t, n) => `${n + 1}. ${t}`).join('\n')}>
        <Typography.Text ellipsis style={{ maxWidth: 240 }}>
          {r.findingTitles.length > 1 ? `（${r.findingTitles.length}个）` : ''}
          {r.findingTitles.join('；')}
        </Typography.Text>
      </Tooltip>
    ),
  },
];

interface RuleValues {
  title?: string;
  kind?: TRuleMakingKind;
  issuedOn?: Dayjs | null;
  issuingBody?: string;
  documentNumber?: string;
  findingIds?: string[];
}

/**
 * 登记制度: the rule is registered under one inspection and linked to findings of one of its
 * organizations (the server refuses findings of two organizations), so both are chosen first and
 * the findings offered are that organization's 问题清单.
 */
export function RuleDrawer({
  open,
  onClose,
  defaultInspectionId,
}: {
  open: boolean;
  onClose: () => void;
  defaultInspectionId: string | undefined;
}) {
  const inspections = useRectInspections();
  const [picked, setPicked] = useState<{ inspectionId?: string; orgId?: string } | null>(null);
  // What the drawer opened on until the user picks something else; reset each time it opens.
  const inspectionId = picked ? picked.inspectionId : defaultInspectionId;
  const orgs = findRect(inspections.data?.items, inspectionId)?.orgs ?? [];
  const orgId = orgs.some((o) => o.orgId === picked?.orgId)
    ? picked?.orgId
    : orgs.length === 1
      ? orgs[0]?.orgId
      : undefined;
  const problems = useQuery({
    queryKey: rk.problemList(inspectionId ?? '', orgId),
    queryFn: () => getProblemList(inspectionId ?? '', orgId),
    enabled: open && !!inspectionId && !!orgId,
  });
  const close = () => {
    setPicked(null);
    onClose();
  };
  const kit = useSchemaForm({
    schema: ZRuleMakingCreate,
    toBody: (v: RuleValues) => ({
      title: v.title?.trim() ?? '',
      kind: v.kind,
      issuedOn: iso(v.issuedOn),
      issuingBody: v.issuingBody?.trim() ?? '',
      documentNumber: optional(v.documentNumber)?.trim(),
      findingIds: v.findingIds ?? [],
    }),
    mutationFn: (body) => createRuleMaking(inspectionId ?? '', body),
    success: (r) => `已登记“${r.title}”`,
    invalidate: [rk.all],
    onSuccess: close,
    open,
    initial: () => ({ kind: 'made' as const, findingIds: [] }),
  });
  const chosen = !!inspectionId && !!orgId;
  return (
    <FormDrawer<RuleValues>
      kit={kit}
      title="登记制度"
      open={open}
      onClose={close}
      size={640}
      name="ruleMaking"
      okText="登记"
      blocked={!chosen}
      intro={
        <Form layout="vertical" component="div">
          <Form.Item label="巡察" required>
            <RectInspectionSelect
              value={inspectionId}
              onChange={(id) => {
                setPicked({ inspectionId: id });
                kit.form.setFieldValue('findingIds', []);
              }}
              width={580}
              allowClear={false}
            />
          </Form.Item>
          {orgs.length > 1 && (
            <Form.Item label="被巡察党组织" required>
              <Select
                aria-label="被巡察党组织"
                placeholder="选择制度所属的被巡察党组织"
                value={orgId}
                onChange={(o: string) => {
                  setPicked({ inspectionId, orgId: o });
                  kit.form.setFieldValue('findingIds', []);
                }}
                options={orgs.map((o) => ({ value: o.orgId, label: o.name }))}
              />
            </Form.Item>
          )}
          {!chosen && <Alert type="info" showIcon title="请先选择巡察及被巡察党组织，再关联其问题清单中的问题" />}
        </Form>
      }
    >
      <Field name="title" label="制度名称" required>
        <Input maxLength={200} showCount placeholder="如：局机关公务接待管理办法" />
      </Field>
      <Row gutter={16}>
        <Col span={8}>
          <Field name="kind" label="类别" required>
            <Select options={RULE_MAKING_KINDS.map((k) => ({ value: k, label: RULE_MAKING_KIND_LABELS[k] }))} />
          </Field>
        </Col>
        <Col span={16}>
          <Field name="issuedOn" label="印发日期" required>
            <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
          </Field>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Field name="issuingBody" label="制发单位" required>
            <Input maxLength={100} />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="documentNumber" label="文号" extra="以文件印发的填写，如 赣市教党字〔2020〕12号">
            <Input maxLength={60} />
          </Field>
        </Col>
      </Row>
      <Field name="findingIds" label="关联问题" required extra="制度针对的巡察反馈问题，可多选">
        <Select
          mode="multiple"
          disabled={!chosen}
          loading={problems.isFetching}
          showSearch={{ optionFilterProp: 'label' }}
          notFoundContent={problems.error ? '问题清单加载失败' : '该党组织暂无反馈问题'}
          options={(problems.data?.findings ?? []).map((f) => ({ value: f.id, label: `问题${f.seq}：${f.title}` }))}
        />
      </Field>
    </FormDrawer>
  );
}

/**
 * 建章立制台账: the rules made, revised or abolished because of findings, across inspections, with
 * filters in the URL and keyset pages; the office or the organization's liaison registers new ones.
 */
export default function RulesPage() {
  usePageMeta([]);
  const roles = useRectRoles();
  const { filters, pages, query, set, reset } = useUrlFilters(read, write);
  const [adding, setAdding] = useState(false);
  const inspections = useRectInspections();
  const orgs = findRect(inspections.data?.items, filters.inspectionId)?.orgs ?? [];
  const list = useQuery({
    queryKey: rkRules.list(query),
    queryFn: ({ signal }) => listRuleMakings(query, signal),
    placeholderData: keepPreviousData,
  });
  const filtered = KEYS.some((k) => !!filters[k]);
  return (
    <div>
      <PageHeader
        title="建章立制"
        sub="针对巡察反馈问题制定、修订、废止的制度，以及关联的问题"
        extra={
          roles.write && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              登记制度
            </Button>
          )
        }
      />
      <Card>
        <Space wrap className="xc-filter-bar" style={{ marginBottom: 16 }}>
          <TermSelect value={filters.termId} onChange={(termId) => set({ termId })} />
          <RectInspectionSelect
            value={filters.inspectionId}
            onChange={(inspectionId) => set({ inspectionId, orgId: undefined })}
            width={320}
          />
          {orgs.length > 1 && (
            <FilterSelect
              label="被巡察党组织"
              value={filters.orgId}
              onChange={(orgId) => set({ orgId })}
              options={orgs.map((o) => ({ value: o.orgId, label: o.name }))}
              width={200}
            />
          )}
          <FilterSelect
            label="类别"
            value={filters.kind}
            onChange={(kind) => set({ kind })}
            options={RULE_MAKING_KINDS.map((k) => ({ value: k, label: RULE_MAKING_KIND_LABELS[k] }))}
            width={110}
          />
          <ResetFiltersButton filtered={filtered} onReset={reset} />
        </Space>
        <CursorTable<TRuleMakingItem>
          list={list}
          pages={pages}
          columns={COLUMNS}
          width={1100}
          empty={{ filtered, whenFiltered: '没有符合条件的制度', whenEmpty: '暂无建章立制登记' }}
        />
      </Card>
      {roles.write && (
        <RuleDrawer open={adding} onClose={() => setAdding(false)} defaultInspectionId={filters.inspectionId} />
      )}
    </div>
  );
}
