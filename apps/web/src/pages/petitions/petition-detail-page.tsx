import {
  CheckCircleOutlined,
  DownloadOutlined,
  EyeInvisibleOutlined,
  EyeOutlined,
  LockOutlined,
  PaperClipOutlined,
  SendOutlined,
  ShareAltOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DISCIPLINE_LABELS,
  DISCIPLINES,
  ErrorCode,
  PETITION_PUBLIC_STATUS_LABELS,
  type TDiscipline,
  ZPetitionReply,
  ZPetitionTriage,
} from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Popconfirm,
  Result,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorText, isApiError, REAUTH_CANCELLED } from '../../api/client.ts';
import { usePermissions } from '../../api/hooks.ts';
import {
  downloadPetitionFile,
  getPetition,
  openPetitionIdentity,
  petk,
  replyPetition,
  type TPetitionFileOut,
  type TPetitionIdentityOut,
  type TPetitionOut,
  type TPetitionTriageInput,
  triagePetition,
} from '../../api/petitions.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, FormModal, optional, SchemaForm, useAction, useSchemaForm } from '../../components/form-kit/index.ts';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ChannelTag, fileSize, PetitionStatusTag, when } from './shared.tsx';
import './petitions.css';

type TMove = 'accepted' | 'forwarded' | 'closed';

/**
 * The petition changed under us (409): show what is true now instead of retrying. Returns false
 * for any other error.
 */
function useConflictRefresh(petitionId: string) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return (e: unknown): boolean => {
    if (!(isApiError(e) && e.status === 409)) return false;
    message.warning(
      isApiError(e, ErrorCode.VersionConflict)
        ? '该信访件刚被他人处理，已刷新为最新状态，请核对后再操作'
        : `${errorText(e)}（已刷新为最新状态）`,
    );
    void queryClient.invalidateQueries({ queryKey: petk.petition(petitionId) });
    return true;
  };
}

function useSaved() {
  const queryClient = useQueryClient();
  return (p: TPetitionOut) => {
    queryClient.setQueryData(petk.petition(p.id), p);
    void queryClient.invalidateQueries({ queryKey: petk.all, predicate: (q) => q.queryKey[1] === 'list' });
  };
}

/* ---------- 受理 / 转交 ---------- */

interface TriageValues {
  discipline?: TDiscipline;
  keyPost?: boolean;
  forwardTo?: string;
  note?: string;
}

function TriageModal({ petition, to, onClose }: { petition: TPetitionOut; to: TMove | null; onClose: () => void }) {
  const saved = useSaved();
  const conflict = useConflictRefresh(petition.id);
  const kit = useSchemaForm({
    schema: ZPetitionTriage,
    toBody: (v: TriageValues) => ({
      version: petition.version,
      to: to ?? undefined,
      ...(to === 'accepted' ? { discipline: v.discipline, keyPost: !!v.keyPost } : {}),
      ...(to === 'forwarded' ? { forwardTo: v.forwardTo ?? '' } : {}),
      note: optional(v.note),
    }),
    mutationFn: (body) => triagePetition(petition.id, body),
    success: to === 'accepted' ? '已受理' : '已转交',
    onSuccess: (p) => {
      saved(p);
      onClose();
    },
    onError: (e) => {
      if (!conflict(e)) return false;
      onClose();
      return true;
    },
    open: !!to,
    openKey: to ?? undefined,
    initial: (): TriageValues => ({
      discipline: petition.discipline ?? undefined,
      keyPost: petition.keyPost ?? false,
      forwardTo: petition.forwardTo ?? '',
      note: '',
    }),
  });

  return (
    <FormModal
      kit={kit}
      title={to === 'accepted' ? '受理信访件' : '转交信访件'}
      open={!!to}
      onClose={onClose}
      okText={to === 'accepted' ? '确认受理' : '确认转交'}
      name="petitionTriage"
      lazy
      intro={
        to === 'accepted' ? (
          <Typography.Paragraph type="secondary">
            反映的问题属于巡察受理范围（被巡察党组织领导班子及其成员、下一级党组织主要负责人和重要岗位领导干部违反六大纪律的问题）时受理，由巡察组核实。信访人查询时看到“
            {PETITION_PUBLIC_STATUS_LABELS.accepted}”。
          </Typography.Paragraph>
        ) : (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="不属于巡察受理范围的问题，按规定转交被巡察党组织或有关部门办理"
            description={`转交后由接收部门负责办理，信访人查询时看到“${PETITION_PUBLIC_STATUS_LABELS.forwarded}”。转交后仍可办结。`}
          />
        )
      }
    >
      {to === 'accepted' && (
        <>
          <Field name="discipline" label="纪律类别" required>
            <Select
              placeholder="选择涉及的纪律类别"
              options={DISCIPLINES.map((d) => ({ value: d, label: DISCIPLINE_LABELS[d] }))}
            />
          </Field>
          <Field name="keyPost" label="是否涉及领导干部和关键岗位" valuePropName="checked">
            <Switch checkedChildren="涉及" unCheckedChildren="不涉及" />
          </Field>
        </>
      )}
      {to === 'forwarded' && (
        <Field name="forwardTo" label="转交单位" required>
          <Input maxLength={100} placeholder="如：被巡察党组织、区信访局、区纪委监委信访室" />
        </Field>
      )}
      <Field name="note" label="办理意见">
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={500} showCount placeholder="可选" />
      </Field>
    </FormModal>
  );
}

/* ---------- 办结 ---------- */

function CloseButton({ petition }: { petition: TPetitionOut }) {
  const { message } = App.useApp();
  const saved = useSaved();
  const conflict = useConflictRefresh(petition.id);
  const [note, setNote] = useState('');
  const closePetition = useAction((body: TPetitionTriageInput) => triagePetition(petition.id, body), {
    success: '已办结',
    onSuccess: (p) => {
      saved(p);
      setNote('');
    },
    onError: conflict,
  });

  // The note is the only field: the schema's message goes to a toast rather than under a form.
  const close = () => {
    const body = ZPetitionTriage.safeParse({ version: petition.version, to: 'closed', note: optional(note) });
    if (body.success) return closePetition.run(body.data);
    message.error(body.error.issues[0]?.message ?? '办结说明有误');
  };

  return (
    <Popconfirm
      title="办结该信访件？"
      description={
        <div style={{ width: 320 }}>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            办结后不能再受理或转交，信访人查询时看到“{PETITION_PUBLIC_STATUS_LABELS.closed}”。
          </Typography.Paragraph>
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 4 }}
            maxLength={500}
            placeholder="办结说明（可选）"
            aria-label="办结说明"
          />
        </div>
      }
      okText="确认办结"
      cancelText="取消"
      onConfirm={() => close()}
    >
      <Button icon={<CheckCircleOutlined />} loading={closePetition.pending}>
        办结
      </Button>
    </Popconfirm>
  );
}

function Actions({ petition, onMove }: { petition: TPetitionOut; onMove: (to: TMove) => void }) {
  const moves = petition.allowedMoves;
  if (!moves.length) return null;
  return (
    <Space wrap>
      {moves.includes('accepted') && (
        <Button type="primary" icon={<SolutionOutlined />} onClick={() => onMove('accepted')}>
          受理
        </Button>
      )}
      {moves.includes('forwarded') && (
        <Button icon={<ShareAltOutlined />} onClick={() => onMove('forwarded')}>
          转交
        </Button>
      )}
      {moves.includes('closed') && <CloseButton petition={petition} />}
    </Space>
  );
}

/* ---------- attachments ---------- */

function FileList({ files, size = 'default' }: { files: TPetitionFileOut[]; size?: 'small' | 'default' }) {
  const download = useAction((f: TPetitionFileOut) => downloadPetitionFile(f.id, f.name));
  if (!files.length) return null;
  const busy = download.running?.[0].id;
  const get = (f: TPetitionFileOut) => download.run(f);
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
      {files.map((f) => (
        <Space key={f.id} size={6} wrap>
          <PaperClipOutlined />
          <Button
            type="link"
            size="small"
            style={{ padding: 0, height: 'auto', fontSize: size === 'small' ? 12 : undefined }}
            loading={busy === f.id}
            onClick={() => void get(f)}
          >
            {f.name}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fileSize(f.size)}
          </Typography.Text>
          <Button
            type="text"
            size="small"
            icon={<DownloadOutlined />}
            aria-label={`下载${f.name}`}
            onClick={() => void get(f)}
          />
        </Space>
      ))}
    </Space>
  );
}

/* ---------- 实名 ---------- */

function IdentityCard({ petition, canOpen }: { petition: TPetitionOut; canOpen: boolean }) {
  const { message } = App.useApp();
  const [identity, setIdentity] = useState<TPetitionIdentityOut | null>(null);
  const reveal = useAction(() => openPetitionIdentity(petition.id), {
    onSuccess: setIdentity,
    onError: (e) => {
      if (!isApiError(e, REAUTH_CANCELLED)) return false;
      message.info('已取消，未查看实名信息');
      return true;
    },
  });
  // The identity lives only in this component's state, never in the query cache.
  // biome-ignore lint/correctness/useExhaustiveDependencies: forget it when another petition opens
  useEffect(() => setIdentity(null), [petition.id]);

  return (
    <Card size="small" title="反映人" style={{ marginBottom: 16 }}>
      {!petition.hasIdentity ? (
        <Typography.Text type="secondary">
          {petition.anonymous ? '匿名反映，未留姓名和联系方式' : '未留联系方式'}
        </Typography.Text>
      ) : identity ? (
        <>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'name', label: '姓名', children: identity.reporterName },
              { key: 'phone', label: '联系电话', children: identity.reporterPhone },
            ]}
          />
          <Typography.Paragraph type="warning" style={{ fontSize: 12, margin: '8px 0' }}>
            本次查看已记入审计日志，请严格保密，不得向被反映人及其单位透露。
          </Typography.Paragraph>
          <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => setIdentity(null)}>
            隐藏实名信息
          </Button>
        </>
      ) : (
        <Space orientation="vertical" size={8}>
          <Typography.Text>
            <LockOutlined /> 实名反映。姓名和联系电话加密保存，不在列表和详情中显示。
          </Typography.Text>
          {canOpen ? (
            <Popconfirm
              title="查看实名信息？"
              description={
                <div style={{ width: 300 }}>
                  查看人和查看时间将记入审计日志，可能需要再次输入登录密码确认身份。请仅在核实工作确需联系信访人时查看。
                </div>
              }
              okText="确认查看"
              cancelText="取消"
              onConfirm={() => reveal.run()}
            >
              <Button icon={<EyeOutlined />} loading={reveal.pending}>
                查看实名信息
              </Button>
            </Popconfirm>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              您没有查看实名信息的权限。
            </Typography.Text>
          )}
        </Space>
      )}
    </Card>
  );
}

/* ---------- conversation ---------- */

function Conversation({ petition, canReply }: { petition: TPetitionOut; canReply: boolean }) {
  const saved = useSaved();
  const lastTeam = petition.messages.reduce((n, m, i) => (m.from === 'team' ? i : n), -1);
  const qr = petition.channel === 'qr';
  const kit = useSchemaForm({
    schema: ZPetitionReply,
    toBody: (v: { body?: string }) => ({ body: v.body ?? '' }),
    mutationFn: (body) => replyPetition(petition.id, body),
    success: qr ? '答复已发送，信访人凭查询码可以看到' : '答复已登记',
    onSuccess: (p) => {
      saved(p);
      kit.form.resetFields();
    },
  });

  return (
    <Card size="small" title="与信访人沟通" style={{ marginBottom: 16 }}>
      {petition.messages.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无补充信息和答复" />
      ) : (
        <div className="xc-chat">
          {petition.messages.map((m, i) => (
            <div key={m.id} className={`xc-chat-row xc-chat-${m.from}`}>
              <div className="xc-chat-bubble">
                <div className="xc-chat-meta">
                  {m.from === 'reporter' ? (
                    <>
                      <span>信访人补充</span>
                      {i > lastTeam && (
                        <Tag color="red" style={{ marginInlineStart: 6 }}>
                          新
                        </Tag>
                      )}
                    </>
                  ) : (
                    <span>
                      {qr ? '巡察组答复' : '答复记录'}
                      {m.byName ? ` · ${m.byName}` : ''}
                    </span>
                  )}
                  <span className="xc-chat-date">{when(m.on)}</span>
                </div>
                <div className="xc-chat-body">{m.body}</div>
                {m.files.length > 0 && (
                  <div style={{ marginTop: 6 }}>
                    <FileList files={m.files} size="small" />
                  </div>
                )}
              </div>
            </div>
          ))}
        </div>
      )}
      {canReply && (
        <div style={{ marginTop: 16 }}>
          {Boolean(kit.error) && <ErrorAlert error={kit.error} />}
          <SchemaForm kit={kit} name="petitionReply">
            <Field
              name="body"
              label={qr ? '答复信访人' : '登记答复'}
              tooltip={qr ? '信访人凭查询码查看答复' : undefined}
              style={{ marginBottom: 8 }}
              required
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
            </Field>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {qr
                ? '信访人凭查询码查看答复，答复原文展示给信访人。请使用规范用语，不要写入核查细节、其他人员信息或信访人的身份信息。最多2000字。'
                : '来信、来电、来访登记的信访件没有查询码，信访人无法在线查看；请通过原渠道答复信访人，并在此登记答复内容备查。最多2000字。'}
            </Typography.Paragraph>
            <Button type="primary" icon={<SendOutlined />} loading={kit.pending} onClick={() => void kit.submit()}>
              {qr ? '答复信访人' : '登记答复'}
            </Button>
          </SchemaForm>
        </div>
      )}
    </Card>
  );
}

/* ---------- 处理记录 ---------- */

/** The server records actions in Chinese (登记, 受理, 转交, 办结, 答复, 查看实名信息); codes are mapped just in case. */
const EVENT_LABELS: Record<string, string> = {
  received: '收到反映',
  registered: '登记',
  accepted: '受理',
  forwarded: '转交',
  closed: '办结',
  replied: '答复',
  identity: '查看实名信息',
};
const EVENT_COLOURS: Record<string, string> = {
  受理: 'blue',
  转交: 'purple',
  办结: 'green',
  答复: 'cyan',
  查看实名信息: 'red',
};

function EventsCard({ petition }: { petition: TPetitionOut }) {
  return (
    <Card size="small" title="处理记录" style={{ marginBottom: 16 }}>
      {petition.events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无处理记录" />
      ) : (
        <Timeline
          items={petition.events.map((e, i) => ({
            key: `${e.at}-${i}`,
            color: EVENT_COLOURS[EVENT_LABELS[e.action] ?? e.action] ?? 'gray',
            content: (
              <div>
                <Space size={6} wrap>
                  <Typography.Text strong>{EVENT_LABELS[e.action] ?? e.action}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.actorName ?? '系统'} · {when(e.at)}
                  </Typography.Text>
                </Space>
                {e.note && <div style={{ whiteSpace: 'pre-wrap', marginTop: 2 }}>{e.note}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

/* ---------- page ---------- */

export default function PetitionDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const perms = usePermissions();
  const [moving, setMoving] = useState<TMove | null>(null);
  const q = useQuery({ queryKey: petk.petition(id), queryFn: () => getPetition(id), enabled: !!id });
  const p = q.data;
  usePageMeta([{ title: p ? `${p.orgName} · ${p.receivedOn}` : '信访件详情' }]);

  if (q.isPending) return <FullPageSpin />;
  if (q.error || !p) {
    if (isApiError(q.error) && (q.error.status === 404 || q.error.status === 403))
      return (
        <Result
          status={q.error.status === 404 ? '404' : '403'}
          title="信访件不存在或无权查看"
          extra={<Button onClick={() => navigate('/fieldwork/petitions')}>返回信访举报</Button>}
        />
      );
    return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  }

  const canHandle = perms.has('petition:handle');
  const decided = p.status !== 'received';

  return (
    <div>
      <PageHeader
        title={
          <Space wrap>
            {p.subjectName ? `反映${p.subjectName}${p.subjectPost ? `（${p.subjectPost}）` : ''}` : '信访件'}
            <PetitionStatusTag status={p.status} />
            {p.newFromReporter > 0 && <Tag color="red">新补充 {p.newFromReporter}</Tag>}
          </Space>
        }
        sub={p.inspectionName.includes(p.orgName) ? p.inspectionName : `${p.orgName} · ${p.inspectionName}`}
        extra={
          <Space wrap>
            {canHandle && <Actions petition={p} onMove={setMoving} />}
            <Link to={`/fieldwork/petitions?inspectionId=${p.inspectionId}`}>
              <Button>返回列表</Button>
            </Link>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            {
              key: 'channel',
              label: '来源',
              children: (
                <Space size={4}>
                  <ChannelTag channel={p.channel} />
                  <Tag>{p.anonymous ? '匿名' : '实名'}</Tag>
                </Space>
              ),
            },
            { key: 'status', label: '办理状态', children: <PetitionStatusTag status={p.status} /> },
            { key: 'received', label: '收到日期', children: p.receivedOn },
            { key: 'org', label: '被巡察单位', children: p.orgName },
            {
              key: 'inspection',
              label: '巡察任务',
              children: <Link to={`/planning/inspections/${p.inspectionId}`}>{p.inspectionName}</Link>,
            },
            ...(p.registeredBy ? [{ key: 'by', label: '登记人', children: p.registeredBy }] : []),
            ...(decided
              ? [
                  {
                    key: 'discipline',
                    label: '纪律类别',
                    children: p.discipline ? DISCIPLINE_LABELS[p.discipline] : '—',
                  },
                  {
                    key: 'keyPost',
                    label: '涉及领导干部和关键岗位',
                    children: p.keyPost === null ? '—' : p.keyPost ? <Tag color="red">涉及</Tag> : '不涉及',
                  },
                ]
              : []),
            ...(p.forwardTo ? [{ key: 'forwardTo', label: '转交单位', children: p.forwardTo }] : []),
            ...(p.decisionNote
              ? [
                  {
                    key: 'note',
                    label: '办理意见',
                    span: 'filled' as const,
                    children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.decisionNote}</span>,
                  },
                ]
              : []),
          ]}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          信访人查询看到的状态：{PETITION_PUBLIC_STATUS_LABELS[p.status]}
        </Typography.Text>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card size="small" title="反映内容" style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 3 }}
              items={[
                { key: 'name', label: '被反映人', children: p.subjectName ?? '—' },
                { key: 'post', label: '职务', children: p.subjectPost ?? '—' },
                { key: 'org', label: '单位', children: p.subjectOrg ?? '—' },
                { key: 'when', label: '发生时间', children: p.happenedWhen ?? '—' },
                { key: 'place', label: '发生地点', children: p.place ?? '—', span: 2 },
              ]}
            />
            <div className="xc-petition-content">{p.content}</div>
            {p.files.length > 0 && (
              <>
                <Typography.Text strong style={{ display: 'block', margin: '12px 0 4px' }}>
                  附件（{p.files.length}）
                </Typography.Text>
                <FileList files={p.files} />
              </>
            )}
          </Card>
          <Conversation petition={p} canReply={canHandle} />
        </Col>
        <Col xs={24} xl={9}>
          <IdentityCard petition={p} canOpen={perms.has('petition:identity')} />
          <EventsCard petition={p} />
        </Col>
      </Row>
      <TriageModal petition={p} to={moving === 'closed' ? null : moving} onClose={() => setMoving(null)} />
    </div>
  );
}
