import { CheckOutlined, DiffOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  diffLines,
  ErrorCode,
  MIN_RETURN_REASON,
  PAPER_ACTION_LABELS,
  PAPER_STATUS_LABELS,
  RESPONSIBILITY_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
  TEAM_ROLE_LABELS,
  type TPaperAction,
  type TResponsibility,
  type TSeverity,
  ZPaperFindingCreate,
  ZPaperReview,
} from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { errorText, isApiError } from '../../api/client.ts';
import {
  fwk,
  listPaperVersions,
  paperToFinding,
  reviewPaper,
  type TPaperOut,
  type TPaperVersionOut,
} from '../../api/fieldwork.ts';
import { usePermissions } from '../../api/hooks.ts';
import {
  afterToday,
  Field,
  FormModal,
  iso,
  optional,
  useAction,
  useSchemaForm,
} from '../../components/form-kit/index.ts';
import { DiffView } from './diff-view.tsx';
import { PaperStatusTag, PaperSteps, TaxonomySelect, when } from './shared.tsx';

/** A 409 means someone moved the paper first: show what is true now rather than retry. */
function useRefreshOn409(paperId: string) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return (e: unknown): boolean => {
    if (!(isApiError(e) && e.status === 409)) return false;
    message.warning(
      isApiError(e, ErrorCode.VersionConflict)
        ? '该底稿刚被他人处理，已刷新为最新状态，请核对后再操作'
        : `${errorText(e)}（已刷新为最新状态）`,
    );
    void queryClient.invalidateQueries({ queryKey: fwk.paper(paperId) });
    return true;
  };
}

interface ReviewValues {
  reason?: string;
}

/** 审核通过 (with an optional 审核意见) or 退回修改 (with its reason, asked twice: it restarts 三审). */
function ReviewModal({
  paper,
  action,
  onClose,
}: {
  paper: TPaperOut;
  action: 'approve' | 'return' | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const refresh = useRefreshOn409(paper.id);
  const back = action === 'return';
  const signing = paper.status === 'leaderReview';
  const kit = useSchemaForm({
    schema: ZPaperReview,
    toBody: (v: ReviewValues) => ({ version: paper.version, action: action ?? undefined, reason: optional(v.reason) }),
    mutationFn: (body) => reviewPaper(paper.id, body),
    success: (saved) =>
      `已${back ? '退回撰写人' : signing ? '审签' : '审核通过'}，底稿当前：${PAPER_STATUS_LABELS[saved.status]}`,
    invalidate: [fwk.all],
    onSuccess: (saved) => {
      queryClient.setQueryData(fwk.paper(saved.id), saved);
      onClose();
    },
    onError: (e) => {
      if (!refresh(e)) return false;
      onClose();
      return true;
    },
    confirm: back
      ? {
          title: '确认退回这份底稿？',
          content: '退回后底稿回到撰写人修改，三审须重新开始，退回理由记入审核记录。',
          okText: '确认退回',
        }
      : undefined,
    open: !!action,
    openKey: action ?? undefined,
    initial: (): ReviewValues => ({ reason: '' }),
  });
  return (
    <FormModal
      kit={kit}
      title={back ? '退回修改' : signing ? '组长审签' : '副组长审核'}
      open={!!action}
      onClose={onClose}
      okText={back ? '退回' : signing ? '审签通过' : '审核通过'}
      danger={back}
      name="paperReview"
      lazy
      intro={
        <Typography.Paragraph>
          {back
            ? `请写明需要修改的地方（至少${MIN_RETURN_REASON}个字），撰写人修改后重新提交。`
            : signing
              ? '审签通过后底稿审定，不能再修改，可转为问题进入问题清单和巡察报告。'
              : '审核通过后报组长审签。'}
        </Typography.Paragraph>
      }
    >
      <Field name="reason" label={back ? '退回理由' : '审核意见（可选）'} required={back}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} showCount />
      </Field>
    </FormModal>
  );
}

interface FindingValues {
  taxonomyNodeId?: string;
  severity?: TSeverity;
  common?: boolean;
  immediate?: boolean;
  immediateFixedOn?: Dayjs | null;
  immediateAction?: string;
}

/** 转为问题: the signed-off paper becomes a finding, classified now or later in the findings list. */
function ToFindingModal({
  paper,
  authorityId,
  open,
  onClose,
}: {
  paper: TPaperOut;
  authorityId: string;
  open: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const refresh = useRefreshOn409(paper.id);
  const kit = useSchemaForm({
    schema: ZPaperFindingCreate,
    toBody: (v: FindingValues) => ({
      taxonomyNodeId: v.taxonomyNodeId,
      severity: v.severity,
      common: !!v.common,
      immediate: !!v.immediate,
      immediateFixedOn: v.immediate ? iso(v.immediateFixedOn) : undefined,
      immediateAction: v.immediate ? optional(v.immediateAction) : undefined,
    }),
    mutationFn: (body) => paperToFinding(paper.id, body),
    success: '已转为问题，进入问题清单和巡察报告',
    invalidate: [fwk.all],
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: fwk.paper(paper.id) });
      onClose();
    },
    onError: (e) => {
      if (!refresh(e)) return false;
      onClose();
      return true;
    },
    open,
    initial: (): FindingValues => ({ common: false, immediate: false }),
  });
  const immediate = Form.useWatch('immediate', kit.form);
  return (
    <FormModal
      kit={kit}
      title="转为问题"
      open={open}
      onClose={onClose}
      okText="转为问题"
      name="paperToFinding"
      width={640}
      intro={
        <Typography.Paragraph>
          问题标题、事实和定性依据取自审定的底稿《{paper.title}》。分类也可以稍后在问题清单中补充。
        </Typography.Paragraph>
      }
    >
      <Field name="taxonomyNodeId" label="问题分类">
        <TaxonomySelect authorityId={authorityId} placeholder="选择监督框架、方面或问题类型" />
      </Field>
      <Field name="severity" label="严重程度">
        <Select allowClear options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))} />
      </Field>
      <Space size={32}>
        <Field name="common" label="共性问题" valuePropName="checked">
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Field>
        <Field name="immediate" label="立行立改" valuePropName="checked">
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Field>
      </Space>
      {immediate && (
        <>
          <Field name="immediateFixedOn" label="整改完成日期">
            <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
          </Field>
          <Field name="immediateAction" label="整改措施">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
          </Field>
        </>
      )}
    </FormModal>
  );
}

const ACTION_ICONS: Record<TPaperAction, React.ReactNode> = {
  submit: <SendOutlined />,
  approve: <CheckOutlined />,
  return: <RollbackOutlined />,
};

/** 三审 as steps (author → 副组长 → 组长), with the moves the server says the user may make now. */
export function PaperReviewBar({
  paper,
  dirty,
  notReady,
  authorityId,
}: {
  paper: TPaperOut;
  dirty: boolean;
  notReady: string | null;
  authorityId: string;
}) {
  const { modal } = App.useApp();
  const perms = usePermissions();
  const queryClient = useQueryClient();
  const refresh = useRefreshOn409(paper.id);
  const [reviewing, setReviewing] = useState<'approve' | 'return' | null>(null);
  const [converting, setConverting] = useState(false);
  const submit = useAction(() => reviewPaper(paper.id, { version: paper.version, action: 'submit' }), {
    success: (saved) => `已提交，底稿当前：${PAPER_STATUS_LABELS[saved.status]}`,
    invalidate: [fwk.all],
    onSuccess: (saved) => queryClient.setQueryData(fwk.paper(saved.id), saved),
    onError: (e) => refresh(e),
  });
  const confirmSubmit = () =>
    modal.confirm({
      title: '提交审核？',
      content: '提交后底稿依次由副组长审核、组长审签，审核期间撰写人不能修改；审核人可以退回修改。',
      okText: '提交审核',
      onOk: () => submit.run(),
    });
  const label = (a: TPaperAction) =>
    a === 'approve' ? (paper.status === 'leaderReview' ? '审签通过' : '审核通过') : PAPER_ACTION_LABELS[a];
  const blockedSubmit = dirty ? '请先保存修改再提交' : notReady;

  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <PaperSteps status={paper.status} />
      <div style={{ marginTop: 16, display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'center' }}>
        {paper.allowedActions.map((a) => {
          const blocked = a === 'submit' ? blockedSubmit : a === 'approve' && dirty ? '请先保存修改再审核' : null;
          const btn = (
            <Button
              key={a}
              type={a === 'return' ? 'default' : 'primary'}
              danger={a === 'return'}
              icon={ACTION_ICONS[a]}
              disabled={!!blocked}
              loading={a === 'submit' && submit.pending}
              onClick={() => (a === 'submit' ? confirmSubmit() : setReviewing(a))}
            >
              {label(a)}
            </Button>
          );
          return blocked ? (
            <Tooltip key={a} title={blocked}>
              <span>{btn}</span>
            </Tooltip>
          ) : (
            btn
          );
        })}
        {paper.status === 'signedOff' &&
          (paper.findingId ? (
            <Link to={`/fieldwork/findings?inspectionId=${paper.inspectionId}&open=${paper.findingId}`}>
              <Button>查看问题</Button>
            </Link>
          ) : (
            perms.has('finding:write') && (
              <Button type="primary" onClick={() => setConverting(true)}>
                转为问题
              </Button>
            )
          ))}
        {paper.allowedActions.length === 0 && paper.status !== 'signedOff' && (
          <Typography.Text type="secondary">
            {paper.status === 'draft' ? '草稿由撰写人修改并提交审核' : `底稿正在${PAPER_STATUS_LABELS[paper.status]}`}
          </Typography.Text>
        )}
        {paper.allowedActions.includes('submit') && notReady && (
          <Typography.Text type="warning">提交前须补充：{notReady}</Typography.Text>
        )}
      </div>
      <ReviewModal paper={paper} action={reviewing} onClose={() => setReviewing(null)} />
      <ToFindingModal paper={paper} authorityId={authorityId} open={converting} onClose={() => setConverting(false)} />
    </Card>
  );
}

/** 审核记录: who did what at which step, with the reasons of send-backs. */
export function PaperHistory({ paper }: { paper: TPaperOut }) {
  return (
    <Card size="small" title="审核记录" style={{ marginBottom: 16 }}>
      {paper.reviews.length === 0 ? (
        <Empty description="尚未提交审核" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={paper.reviews.map((r, i) => ({
            key: `${r.at}-${i}`,
            color: r.action === 'return' ? 'red' : r.toStatus === 'signedOff' ? 'green' : 'blue',
            content: (
              <div>
                <Space wrap size={4}>
                  <Typography.Text strong>
                    {r.byName ?? '—'}
                    {r.teamRole ? `（${TEAM_ROLE_LABELS[r.teamRole]}）` : ''}
                  </Typography.Text>
                  <span>
                    {r.action === 'approve' && r.toStatus === 'signedOff' ? '审签通过' : PAPER_ACTION_LABELS[r.action]}
                  </span>
                  <PaperStatusTag status={r.toStatus} />
                </Space>
                {r.reason && <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{r.reason}</div>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {when(r.at)}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

type TVersionRow = {
  key: string;
  label: string;
  text: string;
  savedByName: string | null;
  savedAt: string;
  status: TPaperOut['status'];
};

/** The paper's text as versions are compared: one field a block, the evidence and 定性依据 a line each. */
function paperText(
  p: {
    title: string;
    facts: string;
    evidence: readonly { label: string }[];
    regulationIds: readonly string[];
    responsibility: TResponsibility;
    foundOn: string;
  },
  regulationName: (id: string) => string,
): string {
  return [
    `问题标题：${p.title}`,
    '问题事实：',
    p.facts,
    '证据清单：',
    ...p.evidence.map((e, i) => `${i + 1}. ${e.label}`),
    '定性依据：',
    ...p.regulationIds.map(regulationName),
    `责任类型：${RESPONSIBILITY_LABELS[p.responsibility]}`,
    `发现日期：${p.foundOn}`,
  ].join('\n');
}

/** 历史版本: each save keeps the paper as it was; any two (or one and the current text) are compared. */
export function PaperVersions({ paper }: { paper: TPaperOut }) {
  const q = useQuery({ queryKey: fwk.paperVersions(paper.id), queryFn: () => listPaperVersions(paper.id) });
  const [picked, setPicked] = useState<string[]>([]);
  const [comparing, setComparing] = useState(false);
  const rows = useMemo((): TVersionRow[] => {
    const names = new Map(paper.regulations.map((r) => [r.id, `${r.title}${r.article}`]));
    const name = (id: string) => names.get(id) ?? '（已移除的定性依据）';
    const current: TVersionRow = {
      key: 'current',
      label: '当前内容',
      text: paperText({ ...paper, regulationIds: paper.regulations.map((r) => r.id) }, name),
      savedByName: null,
      savedAt: paper.updatedAt,
      status: paper.status,
    };
    const older = [...(q.data?.items ?? [])]
      .sort((a, b) => b.paperVersion - a.paperVersion)
      .map((v: TPaperVersionOut) => ({
        key: v.id,
        label: `第${v.paperVersion + 1}版`,
        text: paperText(v, name),
        savedByName: v.savedByName,
        savedAt: v.savedAt,
        status: v.status,
      }));
    return [current, ...older];
  }, [paper, q.data]);
  const chosen = rows.filter((r) => picked.includes(r.key));
  // The older of the two on the left, whatever order they were ticked in.
  const [from, to] = [...chosen].sort((a, b) => rows.indexOf(b) - rows.indexOf(a));

  return (
    <Card
      size="small"
      title="历史版本"
      extra={
        <Button size="small" icon={<DiffOutlined />} disabled={picked.length !== 2} onClick={() => setComparing(true)}>
          比较所选两版
        </Button>
      }
    >
      {q.error && <Alert type="error" showIcon title={errorText(q.error)} style={{ marginBottom: 8 }} />}
      <Table<TVersionRow>
        rowKey="key"
        size="small"
        pagination={false}
        loading={q.isPending}
        dataSource={rows}
        rowSelection={{
          selectedRowKeys: picked,
          onChange: (keys) => setPicked((keys as string[]).slice(-2)),
          hideSelectAll: true,
        }}
        columns={[
          { title: '版本', dataIndex: 'label', width: 90 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 100,
            render: (s: TPaperOut['status']) => <PaperStatusTag status={s} />,
          },
          {
            title: '保存',
            key: 'saved',
            render: (_v, r) => (
              <span style={{ fontSize: 12 }}>
                {r.savedByName ? `${r.savedByName} ` : ''}
                {dayjs(r.savedAt).format('MM-DD HH:mm')}
              </span>
            ),
          },
        ]}
        locale={{ emptyText: '尚无历史版本' }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        勾选两个版本后比较；每次保存修改都会留存修改前的内容。
      </Typography.Text>
      <Modal
        title="比较底稿版本"
        open={comparing && !!from && !!to}
        onCancel={() => setComparing(false)}
        footer={<Button onClick={() => setComparing(false)}>关闭</Button>}
        width={900}
        destroyOnHidden
      >
        {from && to && <DiffView lines={diffLines(from.text, to.text)} fromLabel={from.label} toLabel={to.label} />}
        {from && to && (
          <Space style={{ marginTop: 8 }}>
            <Tag>{from.label}</Tag>
            <span>{when(from.savedAt)}</span>
            <Tag>{to.label}</Tag>
            <span>{when(to.savedAt)}</span>
          </Space>
        )}
      </Modal>
    </Card>
  );
}
