import { DeleteOutlined, PauseCircleOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Popconfirm, Row, Space, Statistic, Tabs, Tooltip } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { usePermissions } from '../../api/hooks.ts';
import { deleteSurvey, getSurvey, moveSurvey, sk, type TSurveyOut } from '../../api/surveys.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { useAction } from '../../components/form-kit/index.ts';
import { NotLoaded } from '../../components/load-failed.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SurveyKindTag, SurveyStatusTag, TARGET_TYPE_LABELS, time } from './shared.tsx';
import { DistributeTab } from './survey-distribute.tsx';
import { SurveyEditor } from './survey-edit-page.tsx';
import { QuestionsView } from './survey-preview.tsx';
import { ResultsTab } from './survey-results.tsx';

const TABS = ['questions', 'distribute', 'results'] as const;
type Tab = (typeof TABS)[number];

function Actions({ survey, editorDirty }: { survey: TSurveyOut; editorDirty: boolean }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  // A 409 means the survey moved meanwhile: the toast says so and the page shows what is true now.
  const refreshOnConflict = (e: unknown) => {
    if (isApiError(e) && e.status === 409) void qc.invalidateQueries({ queryKey: sk.detail(survey.id) });
    return false;
  };
  const move = useAction((to: 'open' | 'closed') => moveSurvey(survey.id, { version: survey.version, to }), {
    success: (_s, to) => (to === 'open' ? '问卷已发布，群众现在可以扫码作答' : '已结束收集'),
    invalidate: [['surveys', 'list'], sk.results(survey.id)],
    onSuccess: (s) => qc.setQueryData(sk.detail(s.id), s),
    onError: refreshOnConflict,
  });
  const remove = useAction(() => deleteSurvey(survey.id, survey.version), {
    success: '问卷已删除',
    invalidate: [['surveys', 'list']],
    onSuccess: () => {
      qc.removeQueries({ queryKey: sk.detail(survey.id) });
      navigate('/fieldwork/surveys');
    },
    onError: refreshOnConflict,
  });
  const busy = remove.pending ? 'delete' : (move.running?.[0] ?? null);

  const st = survey.status;
  return (
    <Space wrap>
      {(st === 'draft' || st === 'closed') && (
        <Popconfirm
          title={st === 'draft' ? '发布问卷？' : '重新开始收集？'}
          description={
            <div style={{ maxWidth: 300 }}>
              {st === 'draft'
                ? '发布后群众即可扫码作答，题目将不能再修改。'
                : '重新发布后群众可以继续提交答卷，已收到的答卷保留。'}
              {st === 'draft' && editorDirty && (
                <div style={{ color: '#d46b08', marginTop: 4 }}>题目有未保存的修改，发布将以已保存的内容为准。</div>
              )}
            </div>
          }
          okText="发布"
          onConfirm={() => move.run('open')}
        >
          <Button type="primary" icon={<SendOutlined />} loading={busy === 'open'}>
            {st === 'draft' ? '发布' : '重新发布'}
          </Button>
        </Popconfirm>
      )}
      {st === 'open' && (
        <Popconfirm
          title="结束收集？"
          description={
            <div style={{ maxWidth: 300 }}>结束后群众将无法再提交答卷（已收到的答卷保留），之后可重新发布。</div>
          }
          okText="结束收集"
          okButtonProps={{ danger: true }}
          onConfirm={() => move.run('closed')}
        >
          <Button icon={<PauseCircleOutlined />} loading={busy === 'closed'}>
            结束收集
          </Button>
        </Popconfirm>
      )}
      {st === 'draft' && (
        <Popconfirm
          title="删除问卷？"
          description="草稿问卷将被删除，不可恢复。"
          okText="删除"
          okButtonProps={{ danger: true }}
          onConfirm={() => remove.run()}
        >
          <Button danger icon={<DeleteOutlined />} loading={busy === 'delete'}>
            删除
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

function Counts({ survey }: { survey: TSurveyOut }) {
  const items = [
    {
      title: '有效链接答卷',
      tip: '通过一次性链接提交，计为已核验',
      value: survey.answers.verified,
      suffix: '份',
    },
    {
      title: '扫码答卷',
      tip: '扫描公开二维码提交，不记名，计为未核验',
      value: survey.answers.unverified,
      suffix: '份',
    },
    { title: '已生成一次性链接', tip: '各批次一次性二维码的总数', value: survey.tokensIssued, suffix: '个' },
    { title: '每部手机限答', tip: '扫描公开二维码时同一部手机最多提交的次数', value: survey.openCap, suffix: '次' },
    { title: '题目', value: survey.questions.length, suffix: '道' },
  ];
  return (
    <Card style={{ marginBottom: 16 }}>
      <Row gutter={[16, 16]}>
        {items.map((i) => (
          <Col key={i.title} xs={12} md={8} xl={4}>
            <Statistic
              title={i.tip ? <Tooltip title={i.tip}>{i.title}</Tooltip> : i.title}
              value={i.value}
              suffix={i.suffix}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

export default function SurveyDetailPage() {
  const { id = '' } = useParams();
  const perms = usePermissions();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [editorKey, setEditorKey] = useState(0);
  const [editorDirty, setEditorDirty] = useState(false);
  const survey = useQuery({
    queryKey: sk.detail(id),
    queryFn: ({ signal }) => getSurvey(id, signal),
    enabled: !!id,
    // The header's counts follow the answers while the survey collects them.
    refetchInterval: (q) => (q.state.data?.status === 'open' ? 30_000 : false),
  });
  usePageMeta([{ title: survey.data?.title ?? '问卷详情' }]);

  const reload = useCallback(async () => {
    await qc.invalidateQueries({ queryKey: sk.detail(id) });
    setEditorKey((k) => k + 1);
  }, [qc, id]);

  if (!survey.isSuccess)
    return <NotLoaded query={survey} what="问卷" back={{ label: '返回问卷列表', to: '/fieldwork/surveys' }} />;
  const s = survey.data;
  const canManage = perms.has('survey:manage');
  const p = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(p ?? '') ? (p as Tab) : 'questions';
  const editable = s.status === 'draft' && canManage;

  return (
    <div>
      <PageHeader
        title={
          <Space wrap>
            {s.title}
            <SurveyKindTag kind={s.kind} />
            <SurveyStatusTag status={s.status} />
          </Space>
        }
        sub={`${TARGET_TYPE_LABELS[s.targetType]}：${s.targetName} · 创建于 ${time(s.createdAt)}`}
        extra={canManage && <Actions survey={s} editorDirty={editorDirty} />}
      />
      <Counts survey={s} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'questions' ? {} : { tab: k }, { replace: true })}
          items={[
            {
              key: 'questions',
              label: `题目（${s.questions.length}）`,
              children: editable ? (
                <>
                  <Alert
                    type="info"
                    showIcon
                    style={{ marginBottom: 16 }}
                    title="草稿状态下可以修改题目；发布后题目将不能再修改。"
                  />
                  <SurveyEditor
                    key={`${s.id}:${editorKey}`}
                    survey={s}
                    onConflict={() => void reload()}
                    onDirtyChange={setEditorDirty}
                  />
                </>
              ) : (
                <>
                  {s.status !== 'draft' && (
                    <Alert type="info" showIcon style={{ marginBottom: 16 }} title="问卷已发布，题目不能再修改。" />
                  )}
                  {s.intro && (
                    <Card size="small" title="问卷说明" style={{ marginBottom: 12 }}>
                      <div style={{ whiteSpace: 'pre-wrap' }}>{s.intro}</div>
                    </Card>
                  )}
                  <QuestionsView questions={s.questions} keyQuestionId={s.keyQuestionId} />
                </>
              ),
            },
            { key: 'distribute', label: '发放', children: <DistributeTab survey={s} canManage={canManage} /> },
            {
              key: 'results',
              label: `结果（${s.answers.verified + s.answers.unverified}）`,
              children: <ResultsTab survey={s} canExport={perms.has('survey:export')} />,
            },
          ]}
        />
      </Card>
    </div>
  );
}
