import { DownloadOutlined, EditOutlined, LockOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CADRE_LEVEL_LABELS,
  CLUE_DISPOSAL_LABELS,
  CLUE_DISPOSALS,
  CLUE_RECEIVER_LABELS,
  CLUE_SOURCE_LABELS,
  DISCIPLINE_LABELS,
  ErrorCode,
  EVIDENCE_KIND_LABELS,
  FORM_LEVEL_LABELS,
  FORM_LEVELS,
  GOVERNMENT_SANCTION_LABELS,
  GOVERNMENT_SANCTIONS,
  PARTY_SANCTION_LABELS,
  PARTY_SANCTIONS,
  type TClueDisposal,
  type TFormLevel,
  type TGovernmentSanction,
  type TPartySanction,
  ZClueDisposalRecord,
  ZClueResultRecord,
  ZClueWriteOff,
} from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorText, isApiError } from '../../api/client.ts';
import {
  downloadFieldworkFile,
  fwk,
  getClue,
  recordClueDisposal,
  recordClueResult,
  type TClueOut,
  writeOffClue,
} from '../../api/fieldwork.ts';
import { usePermissions } from '../../api/hooks.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import {
  afterToday,
  Field,
  FormModal,
  iso,
  optional,
  SchemaForm,
  useExport,
  useSchemaForm,
} from '../../components/form-kit/index.ts';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { ClueStatusTag, DueTag } from './shared.tsx';

/** 409: someone acted on the clue first; show what is true now. */
function useRefresh(clueId: string) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return (e: unknown): boolean => {
    if (!(isApiError(e) && e.status === 409)) return false;
    message.warning(
      isApiError(e, ErrorCode.VersionConflict)
        ? '该线索刚被他人处理，已刷新为最新状态，请核对后再操作'
        : `${errorText(e)}（已刷新为最新状态）`,
    );
    void queryClient.invalidateQueries({ queryKey: fwk.clue(clueId) });
    return true;
  };
}

function useSaved() {
  const queryClient = useQueryClient();
  return (c: TClueOut) => {
    queryClient.setQueryData(fwk.clue(c.id), c);
    void queryClient.invalidateQueries({ queryKey: fwk.all });
  };
}

/* ---------- 处置 (the case handler) ---------- */

interface DisposalValues {
  disposal?: TClueDisposal;
  disposedOn?: Dayjs | null;
  note?: string;
}

function DisposalForm({ clue }: { clue: TClueOut }) {
  const saved = useSaved();
  const refresh = useRefresh(clue.id);
  const kit = useSchemaForm({
    schema: ZClueDisposalRecord,
    toBody: (v: DisposalValues) => ({
      version: clue.version,
      disposal: v.disposal,
      disposedOn: iso(v.disposedOn) ?? '',
      note: optional(v.note),
    }),
    mutationFn: (body) => recordClueDisposal(clue.id, body),
    success: (c) => `已录入处置方式：${c.disposal ? CLUE_DISPOSAL_LABELS[c.disposal] : ''}`,
    onSuccess: saved,
    onError: refresh,
    open: true,
    openKey: `${clue.id}-${clue.version}`,
    initial: (): DisposalValues => ({
      disposal: clue.disposal ?? undefined,
      disposedOn: clue.disposedOn ? dayjs(clue.disposedOn) : dayjs(),
      note: clue.disposalNote ?? '',
    }),
  });
  return (
    <Card size="small" title={clue.disposal ? '修改处置方式' : '录入处置方式'} style={{ marginBottom: 16 }}>
      {Boolean(kit.error) && <ErrorAlert error={kit.error} />}
      <SchemaForm kit={kit} name="clueDisposal">
        <Field name="disposal" label="处置方式" required>
          <Radio.Group
            optionType="button"
            options={CLUE_DISPOSALS.map((d) => ({ value: d, label: CLUE_DISPOSAL_LABELS[d] }))}
          />
        </Field>
        <Field name="disposedOn" label="处置日期" required>
          <DatePicker disabledDate={afterToday} />
        </Field>
        <Field name="note" label="处置情况说明">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
        </Field>
      </SchemaForm>
      <Button type="primary" loading={kit.pending} onClick={() => void kit.submit()}>
        保存处置方式
      </Button>
    </Card>
  );
}

interface ResultValues {
  caseFiled?: boolean;
  formLevel?: TFormLevel | null;
  partyDiscipline?: TPartySanction | null;
  governmentSanction?: TGovernmentSanction | null;
  organizationalHandling?: string;
  judicialTransfer?: boolean;
  resultOn?: Dayjs | null;
  note?: string;
}

/**
 * 处置结果: the domain's consistency checks (a sanction needs a case, each sanction its form, a
 * judicial transfer the fourth form) show as form errors under the fields they concern.
 */
function ResultForm({ clue }: { clue: TClueOut }) {
  const saved = useSaved();
  const refresh = useRefresh(clue.id);
  const r = clue.result;
  const kit = useSchemaForm({
    schema: ZClueResultRecord,
    toBody: (v: ResultValues) => ({
      version: clue.version,
      caseFiled: !!v.caseFiled,
      formLevel: v.formLevel ?? null,
      partyDiscipline: v.partyDiscipline ?? null,
      governmentSanction: v.governmentSanction ?? null,
      organizationalHandling: optional(v.organizationalHandling) ?? null,
      judicialTransfer: !!v.judicialTransfer,
      resultOn: iso(v.resultOn) ?? '',
      note: optional(v.note),
    }),
    mutationFn: (body) => recordClueResult(clue.id, body),
    success: '处置结果已反馈，待巡察办销号',
    onSuccess: saved,
    onError: refresh,
    invalidMessage: '处置结果前后不一致，请检查标红的内容',
    open: true,
    openKey: `${clue.id}-${clue.version}`,
    initial: (): ResultValues => ({
      caseFiled: r?.caseFiled ?? false,
      formLevel: (r?.formLevel as TFormLevel | null | undefined) ?? null,
      partyDiscipline: r?.partyDiscipline ?? null,
      governmentSanction: r?.governmentSanction ?? null,
      organizationalHandling: r?.organizationalHandling ?? '',
      judicialTransfer: r?.judicialTransfer ?? false,
      resultOn: r?.resultOn ? dayjs(r.resultOn) : dayjs(),
      note: r?.note ?? '',
    }),
  });
  // The cross-field rules move with each change: re-check the fields they touch.
  const recheck = () =>
    void kit.form
      .validateFields(['caseFiled', 'formLevel', 'partyDiscipline', 'governmentSanction', 'judicialTransfer'])
      .catch(() => undefined);
  return (
    <Card size="small" title={r ? '修改处置结果' : '反馈处置结果'} style={{ marginBottom: 16 }}>
      {Boolean(kit.error) && <ErrorAlert error={kit.error} />}
      <SchemaForm kit={kit} name="clueResult" onValuesChange={recheck}>
        <Row gutter={16}>
          <Col span={8}>
            <Field name="caseFiled" label="是否立案" valuePropName="checked">
              <Switch checkedChildren="已立案" unCheckedChildren="未立案" />
            </Field>
          </Col>
          <Col span={16}>
            <Field name="formLevel" label="“四种形态”">
              <Select
                allowClear
                placeholder="运用的形态"
                options={FORM_LEVELS.map((l) => ({ value: l, label: FORM_LEVEL_LABELS[l] }))}
              />
            </Field>
          </Col>
          <Col span={12}>
            <Field name="partyDiscipline" label="党纪处分">
              <Select
                allowClear
                placeholder="无"
                options={PARTY_SANCTIONS.map((s) => ({ value: s, label: PARTY_SANCTION_LABELS[s] }))}
              />
            </Field>
          </Col>
          <Col span={12}>
            <Field name="governmentSanction" label="政务处分">
              <Select
                allowClear
                placeholder="无"
                options={GOVERNMENT_SANCTIONS.map((s) => ({ value: s, label: GOVERNMENT_SANCTION_LABELS[s] }))}
              />
            </Field>
          </Col>
          <Col span={16}>
            <Field name="organizationalHandling" label="组织处理">
              <Input maxLength={500} placeholder="如：诫勉、调离岗位、免职（无则不填）" />
            </Field>
          </Col>
          <Col span={8}>
            <Field name="judicialTransfer" label="移送司法机关" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Field>
          </Col>
          <Col span={8}>
            <Field name="resultOn" label="结果反馈日期" required>
              <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
            </Field>
          </Col>
          <Col span={16}>
            <Field name="note" label="处置结果说明">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            </Field>
          </Col>
        </Row>
      </SchemaForm>
      <Button type="primary" loading={kit.pending} onClick={() => void kit.submit()}>
        {r ? '保存处置结果' : '反馈处置结果'}
      </Button>
    </Card>
  );
}

/* ---------- 销号 (the office) ---------- */

interface WriteOffValues {
  writtenOffOn?: Dayjs | null;
  note?: string;
}

function WriteOffModal({ clue, open, onClose }: { clue: TClueOut; open: boolean; onClose: () => void }) {
  const saved = useSaved();
  const refresh = useRefresh(clue.id);
  const kit = useSchemaForm({
    schema: ZClueWriteOff,
    toBody: (v: WriteOffValues) => ({
      version: clue.version,
      writtenOffOn: iso(v.writtenOffOn) ?? '',
      note: optional(v.note),
    }),
    mutationFn: (body) => writeOffClue(clue.id, body),
    success: '线索已销号',
    onSuccess: (c) => {
      saved(c);
      onClose();
    },
    onError: (e) => {
      if (!refresh(e)) return false;
      onClose();
      return true;
    },
    confirm: { title: '确认销号？', content: '销号后该线索办结，不能再变更处置结果。', okText: '确认销号' },
    open,
    initial: (): WriteOffValues => ({ writtenOffOn: dayjs(), note: '' }),
  });
  return (
    <FormModal kit={kit} title="线索销号" open={open} onClose={onClose} okText="销号" name="clueWriteOff">
      <Typography.Paragraph>接收单位已反馈处置结果，核实无误后销号。</Typography.Paragraph>
      <Field name="writtenOffOn" label="销号日期" required>
        <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
      </Field>
      <Field name="note" label="销号说明">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount />
      </Field>
    </FormModal>
  );
}

/* ---------- the detail ---------- */

function ResultText({ clue }: { clue: TClueOut }) {
  const r = clue.result;
  if (!r) return <span>—</span>;
  const parts = [
    r.caseFiled ? '已立案' : '未立案',
    r.formLevel ? FORM_LEVEL_LABELS[r.formLevel as TFormLevel] : null,
    r.partyDiscipline ? `党纪处分：${PARTY_SANCTION_LABELS[r.partyDiscipline]}` : null,
    r.governmentSanction ? `政务处分：${GOVERNMENT_SANCTION_LABELS[r.governmentSanction]}` : null,
    r.organizationalHandling ? `组织处理：${r.organizationalHandling}` : null,
    r.judicialTransfer ? '移送司法机关' : null,
  ].filter(Boolean);
  return (
    <div>
      <div>{parts.join('；')}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.resultOn} 反馈{r.note ? `：${r.note}` : ''}
      </Typography.Text>
    </div>
  );
}

function ClueDetail({ clue }: { clue: TClueOut }) {
  const dl = useExport((id: string, name: string) => downloadFieldworkFile(id, name), '已下载');
  return (
    <>
      <Descriptions
        size="small"
        column={2}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          { key: 'status', label: '状态', children: <ClueStatusTag status={clue.status} /> },
          { key: 'discipline', label: '纪律类别', children: DISCIPLINE_LABELS[clue.discipline] },
          {
            key: 'insp',
            label: '巡察',
            span: 2,
            children: `${clue.inspectionLabel}${clue.orgName ? ` · ${clue.orgName}` : ''}`,
          },
          { key: 'source', label: '线索来源', children: clue.source ? CLUE_SOURCE_LABELS[clue.source] : '—' },
          { key: 'suggested', label: '建议移交', children: CLUE_RECEIVER_LABELS[clue.suggestedReceiver] },
          {
            key: 'receiver',
            label: '移交单位',
            children: clue.receiver
              ? `${CLUE_RECEIVER_LABELS[clue.receiver]}${clue.receiverOrgName ? `（${clue.receiverOrgName}）` : ''}`
              : '尚未移交',
          },
          {
            key: 'transferred',
            label: '移交日期/文号',
            children: clue.transferredOn
              ? `${clue.transferredOn}${clue.letterNumber ? ` ${clue.letterNumber}` : ''}`
              : '—',
          },
          {
            key: 'disposal',
            label: '处置方式',
            children: clue.disposal ? `${CLUE_DISPOSAL_LABELS[clue.disposal]}（${clue.disposedOn ?? ''}）` : '—',
          },
          { key: 'due', label: '反馈时限', children: <DueTag due={clue.feedbackDue} colour={clue.feedbackColour} /> },
          { key: 'result', label: '处置结果', span: 2, children: <ResultText clue={clue} /> },
          ...(clue.disposalNote ? [{ key: 'dnote', label: '处置情况', span: 2, children: clue.disposalNote }] : []),
          ...(clue.writtenOffOn ? [{ key: 'off', label: '销号日期', children: clue.writtenOffOn }] : []),
        ]}
      />
      <Typography.Title level={5}>被反映人（{clue.subjects.length}人）</Typography.Title>
      <Table
        rowKey={(s) => `${s.name}-${s.post}`}
        size="small"
        pagination={false}
        dataSource={clue.subjects}
        style={{ marginBottom: 16 }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 120 },
          { title: '职务', dataIndex: 'post' },
          {
            title: '干部管理层级',
            dataIndex: 'level',
            width: 140,
            render: (l: keyof typeof CADRE_LEVEL_LABELS) => CADRE_LEVEL_LABELS[l],
          },
        ]}
      />
      <Typography.Title level={5}>问题线索内容</Typography.Title>
      <Typography.Paragraph className="xc-fw-facts">{clue.facts}</Typography.Paragraph>
      {clue.evidence.length > 0 && (
        <>
          <Typography.Title level={5}>证据材料</Typography.Title>
          <ol>
            {clue.evidence.map((e, i) => (
              // Evidence has no id of its own and a named document may appear twice; the list is read-only.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={`${e.refId ?? ''}-${i}`}>
                <Tag>{EVIDENCE_KIND_LABELS[e.kind]}</Tag>
                {e.label}
                {e.kind === 'file' && e.refId && (
                  <Button
                    type="link"
                    size="small"
                    icon={<DownloadOutlined />}
                    loading={dl.running?.[0] === e.refId}
                    onClick={() => void dl.run(e.refId as string, e.label)}
                  >
                    下载
                  </Button>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

/**
 * A clue read in full: every opening is audited on the server. The office edits a draft (the cadre
 * levels before transfer) and writes the clue off; the case handler records disposal and result.
 */
export function ClueDrawer({
  id,
  onClose,
  onEdit,
  caseHandler,
}: {
  id: string | null;
  onClose: () => void;
  onEdit?: (clue: TClueOut) => void;
  caseHandler?: boolean;
}) {
  const perms = usePermissions();
  const [writingOff, setWritingOff] = useState(false);
  const q = useQuery({ queryKey: fwk.clue(id ?? ''), queryFn: () => getClue(id ?? ''), enabled: !!id, retry: false });
  const c = q.data;
  const canEdit = !!onEdit && c?.status === 'draft' && (perms.has('clue:write') || perms.has('clue:transfer'));
  return (
    <Drawer
      title={c ? `问题线索：${c.subjects.map((s) => s.name).join('、')}` : '问题线索'}
      open={!!id}
      onClose={onClose}
      size={860}
      destroyOnHidden
      extra={
        c && (
          <Space>
            {canEdit && (
              <Button icon={<EditOutlined />} onClick={() => onEdit?.(c)}>
                修改
              </Button>
            )}
            {!caseHandler && c.status === 'resultIn' && perms.has('clue:writeOff') && (
              <Button type="primary" onClick={() => setWritingOff(true)}>
                销号
              </Button>
            )}
            {!caseHandler && perms.has('fieldwork:read') && (
              <Link to={`/fieldwork/inspections/${c.inspectionId}?tab=clues`}>
                <Button>巡察工作台</Button>
              </Link>
            )}
          </Space>
        )
      }
    >
      <Alert
        type="warning"
        showIcon
        icon={<LockOutlined />}
        style={{ marginBottom: 16 }}
        title="问题线索属于核心保密内容，本次查看已记入审计日志，严禁复制、外传"
      />
      {q.isPending && <FullPageSpin />}
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {c && <ClueDetail clue={c} />}
      {c && caseHandler && perms.has('clue:dispose') && ['transferred', 'disposing', 'resultIn'].includes(c.status) && (
        <>
          <DisposalForm key={`d-${c.version}`} clue={c} />
          {c.status !== 'transferred' && <ResultForm key={`r-${c.version}`} clue={c} />}
          {c.status === 'transferred' && (
            <Typography.Text type="secondary">录入处置方式后可反馈处置结果。</Typography.Text>
          )}
        </>
      )}
      {c && <WriteOffModal clue={c} open={writingOff} onClose={() => setWritingOff(false)} />}
    </Drawer>
  );
}
