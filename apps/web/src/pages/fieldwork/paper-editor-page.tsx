import { ArrowLeftOutlined, FileWordOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ErrorCode,
  RESPONSIBILITIES,
  RESPONSIBILITY_LABELS,
  submitProblem,
  type TEvidenceIn,
  type TResponsibility,
  ZWorkingPaper,
  ZWorkingPaperCreate,
  ZWorkingPaperUpdate,
} from '@xc/domain';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Input, Radio, Result, Row, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { createPaper, downloadPaperApproval, fwk, getPaper, type TPaperOut, updatePaper } from '../../api/fieldwork.ts';
import { useMe, usePermissions } from '../../api/hooks.ts';
import type { TInspectionDetailOut } from '../../api/planning.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, iso, SchemaForm, useExport, useSchemaForm } from '../../components/form-kit/index.ts';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EvidenceField } from './evidence-field.tsx';
import { onSiteDays, TargetSelect } from './interviews-tab.tsx';
import { PaperHistory, PaperReviewBar, PaperVersions } from './paper-review.tsx';
import { RegulationField, type TRegulationShown } from './regulation-picker.tsx';
import { inspectionTitle, PaperStatusTag, RosterSelect, useInspection, useRoster } from './shared.tsx';
import './fieldwork.css';

interface PaperValues {
  title?: string;
  facts?: string;
  evidence?: TEvidenceIn[];
  regulationIds?: string[];
  responsibility?: TResponsibility;
  foundOn?: Dayjs | null;
  foundByIds?: string[];
  orgId?: string;
  version?: number;
}

function valuesOf(p: TPaperOut): PaperValues {
  return {
    title: p.title,
    facts: p.facts,
    evidence: p.evidence.map((e) => ({ kind: e.kind, refId: e.refId ?? undefined, label: e.label })),
    regulationIds: p.regulations.map((r) => r.id),
    responsibility: p.responsibility,
    foundOn: dayjs(p.foundOn),
    foundByIds: p.foundBy.map((f) => f.id),
    orgId: p.orgId ?? undefined,
    version: p.version,
  };
}

/**
 * Who may change the paper now (domain papers.ts paperEditProblem): its author while it is a draft;
 * the reviewer whose step it is, who may polish the wording before approving.
 */
function mayEdit(p: TPaperOut | undefined, userId: string | undefined, canWrite: boolean): boolean {
  if (!canWrite) return false;
  if (!p) return true;
  if (p.status === 'signedOff') return false;
  if (p.status === 'draft') return p.authorId === userId;
  return p.allowedActions.includes('approve') || p.allowedActions.includes('return');
}

function PaperForm({
  inspection,
  paper,
  editable,
  onDirty,
}: {
  inspection: TInspectionDetailOut;
  paper: TPaperOut | undefined;
  editable: boolean;
  onDirty: (dirty: boolean) => void;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const roster = useRoster(inspection.teamId);
  const [picked, setPicked] = useState<Map<string, TRegulationShown>>(() => new Map());
  // What the paper cites now (after a reviewer's change too), plus what was picked here with its text.
  const known = useMemo(() => {
    const m = new Map(picked);
    for (const r of paper?.regulations ?? [])
      if (!m.has(r.id)) m.set(r.id, { id: r.id, title: r.title, article: r.article });
    return m;
  }, [picked, paper]);
  const kit = useSchemaForm({
    schema: paper ? ZWorkingPaperUpdate : ZWorkingPaperCreate,
    toBody: (v: PaperValues) => ({
      ...(paper ? { version: v.version } : {}),
      title: v.title ?? '',
      facts: v.facts ?? '',
      evidence: v.evidence ?? [],
      regulationIds: v.regulationIds ?? [],
      responsibility: v.responsibility,
      foundOn: iso(v.foundOn) ?? '',
      foundByIds: v.foundByIds ?? [],
      orgId: paper ? (v.orgId ?? null) : v.orgId,
    }),
    mutationFn: (body) =>
      paper
        ? updatePaper(paper.id, body as Parameters<typeof updatePaper>[1])
        : createPaper(inspection.id, body as Parameters<typeof createPaper>[1]),
    success: (saved) => (paper ? '底稿已保存，修改前的内容已留存为历史版本' : `底稿已创建，编号 ${saved.number}`),
    invalidate: [fwk.all],
    onSuccess: (saved) => {
      queryClient.setQueryData(fwk.paper(saved.id), saved);
      onDirty(false);
      if (!paper) navigate(`/fieldwork/papers/${saved.id}`, { replace: true });
      else kit.form.setFieldsValue({ version: saved.version });
    },
    conflict: {
      schema: ZWorkingPaper,
      reload: (c) => {
        if (!c) return undefined;
        queryClient.setQueryData(fwk.paper(c.id), c);
        onDirty(false);
        return valuesOf(c);
      },
    },
    invalidMessage: '请检查标红的内容',
    open: true,
    // A review moves the paper on (and bumps its version): the form then shows the paper as it is now.
    openKey: paper ? `${paper.id}-${paper.status}-${paper.reviews.length}` : 'new',
    initial: () =>
      paper
        ? valuesOf(paper)
        : {
            responsibility: 'principal' as const,
            foundOn: dayjs(),
            evidence: [],
            regulationIds: [],
            foundByIds: [],
            orgId: inspection.targets.length === 1 ? inspection.targets[0]?.orgId : undefined,
          },
  });

  return (
    <Card
      title={paper ? '底稿内容' : '撰写问题底稿'}
      extra={
        editable && (
          <Button type="primary" icon={<SaveOutlined />} loading={kit.pending} onClick={() => void kit.submit()}>
            {paper ? '保存修改' : '创建底稿'}
          </Button>
        )
      }
    >
      {Boolean(kit.error) && <ErrorAlert error={kit.error} />}
      {!paper && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="一份底稿只写一个问题"
          description="创建时按本机构的编号规则自动编号。写明问题事实、证据和定性依据后提交副组长审核，再经组长审签。"
        />
      )}
      <SchemaForm kit={kit} name="workingPaper" disabled={!editable} onValuesChange={() => onDirty(true)}>
        <Field name="title" label="问题标题" required>
          <Input maxLength={200} showCount placeholder="概括问题，如：违规发放津贴补贴" />
        </Field>
        {inspection.targets.length > 1 && (
          <Field name="orgId" label="所属单位">
            <TargetSelect inspection={inspection} />
          </Field>
        )}
        <Field name="facts" label="问题事实" required>
          <Input.TextArea
            autoSize={{ minRows: 12, maxRows: 30 }}
            maxLength={20000}
            showCount
            placeholder="写明时间、地点、人员、经过、涉及金额等事实，做到事实清楚、证据确凿"
          />
        </Field>
        <Field name="evidence" label="证据清单">
          <EvidenceField inspectionId={inspection.id} disabled={!editable} />
        </Field>
        <Field name="regulationIds" label="定性依据">
          <RegulationField
            known={known}
            onKnown={(r) => setPicked((m) => new Map(m).set(r.id, r))}
            disabled={!editable}
          />
        </Field>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Field name="responsibility" label="责任类型" required>
              <Radio.Group
                optionType="button"
                options={RESPONSIBILITIES.map((r) => ({ value: r, label: RESPONSIBILITY_LABELS[r] }))}
              />
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <Field name="foundOn" label="发现日期" required>
              <DatePicker style={{ width: '100%' }} disabledDate={onSiteDays(inspection.entryDate)} />
            </Field>
          </Col>
        </Row>
        <Field name="foundByIds" label="发现人">
          <RosterSelect members={roster.data?.members ?? []} loading={roster.isPending && !!inspection.teamId} />
        </Field>
      </SchemaForm>
    </Card>
  );
}

function Editor({ inspectionId, paper }: { inspectionId: string; paper: TPaperOut | undefined }) {
  const { data: me } = useMe();
  const perms = usePermissions();
  const inspection = useInspection(inspectionId);
  const [dirty, setDirty] = useState(false);
  const approval = useExport(() => downloadPaperApproval(paper?.id ?? '', paper?.number ?? ''), '已下载');
  const i = inspection.data;
  usePageMeta([
    // /fieldwork/papers/:id lies outside the menu's paths; a new paper's path is under the workbench's.
    ...(paper ? [{ title: '巡察实施' }, { title: '巡察工作台', path: '/fieldwork/inspections' }] : []),
    ...(i ? [{ title: inspectionTitle(i), path: `/fieldwork/inspections/${i.id}?tab=papers` }] : []),
    { title: paper ? `问题底稿 ${paper.number}` : '撰写问题底稿' },
  ]);
  const editable = mayEdit(paper, me?.user.id, perms.has('fieldwork:write'));
  const notReady = useMemo(
    () =>
      paper ? submitProblem({ regulationIds: paper.regulations.map((r) => r.id), evidence: paper.evidence }) : null,
    [paper],
  );

  if (inspection.error) return <ErrorAlert error={inspection.error} onRetry={() => void inspection.refetch()} />;
  if (!i) return <FullPageSpin />;
  return (
    <div>
      <PageHeader
        title={
          <Space wrap>
            {paper ? `问题底稿 ${paper.number}` : '撰写问题底稿'}
            {paper && <PaperStatusTag status={paper.status} />}
          </Space>
        }
        sub={`${inspectionTitle(i)} · ${i.roundName} · ${i.teamName ?? '未确定巡察组'}`}
        extra={
          <Space wrap>
            {paper && (
              <Button icon={<FileWordOutlined />} loading={approval.pending} onClick={() => void approval.run()}>
                下载底稿审批单
              </Button>
            )}
            <Link to={`/fieldwork/inspections/${i.id}?tab=papers`}>
              <Button icon={<ArrowLeftOutlined />}>返回工作台</Button>
            </Link>
          </Space>
        }
      />
      {paper && <PaperReviewBar paper={paper} dirty={dirty} notReady={notReady} authorityId={i.authorityId} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={paper ? 16 : 24}>
          <PaperForm key={paper?.id ?? 'new'} inspection={i} paper={paper} editable={editable} onDirty={setDirty} />
        </Col>
        {paper && (
          <Col xs={24} xl={8}>
            <Card size="small" title="底稿信息" style={{ marginBottom: 16 }}>
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'number', label: '编号', children: paper.number },
                  { key: 'author', label: '撰写人', children: paper.authorName ?? '—' },
                  { key: 'org', label: '所属单位', children: paper.orgName ?? '—' },
                  { key: 'created', label: '创建时间', children: dayjs(paper.createdAt).format('YYYY-MM-DD HH:mm') },
                  { key: 'updated', label: '最后修改', children: dayjs(paper.updatedAt).format('YYYY-MM-DD HH:mm') },
                ]}
              />
              {!editable && paper.status !== 'signedOff' && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {paper.status === 'draft' ? '草稿只能由撰写人修改。' : '审核中的底稿只能由当前审核人修改。'}
                </Typography.Text>
              )}
            </Card>
            <PaperHistory paper={paper} />
            <PaperVersions paper={paper} />
          </Col>
        )}
      </Row>
    </div>
  );
}

/** 问题底稿: the editor (one problem per paper), the 三审 flow, its history and versions. */
export default function PaperEditorPage() {
  const { id, inspectionId } = useParams();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: fwk.paper(id ?? ''), queryFn: () => getPaper(id ?? ''), enabled: !!id });
  if (!id) return inspectionId ? <Editor inspectionId={inspectionId} paper={undefined} /> : null;
  if (q.isPending) return <FullPageSpin />;
  if (q.error || !q.data) {
    if (isApiError(q.error, ErrorCode.NotFound) || (isApiError(q.error) && q.error.status === 404))
      return (
        <Result
          status="404"
          title="问题底稿不存在或无权查看"
          extra={<Button onClick={() => navigate('/fieldwork/inspections')}>返回巡察工作台</Button>}
        />
      );
    return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  }
  return <Editor inspectionId={q.data.inspectionId} paper={q.data} />;
}
