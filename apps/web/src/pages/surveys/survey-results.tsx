import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { QUESTION_TYPE_LABELS } from '@xc/domain';
import { Button, Card, Col, Empty, List, Row, Skeleton, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense } from 'react';
import {
  exportSurveyAnswers,
  getSurveyResults,
  sk,
  type TSurveyOut,
  type TSurveyResultsOut,
} from '../../api/surveys.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useExport } from '../../components/form-kit/index.ts';
import { percent } from './shared.tsx';

const AnswerBarChart = lazy(() => import('./survey-charts.tsx').then((m) => ({ default: m.AnswerBarChart })));

type TRate = { satisfied: number; valid: number; rate: number | null };
type TQuestionResult = TSurveyResultsOut['questions'][number];

function Figure({
  title,
  value,
  suffix,
  foot,
  colour,
  tip,
}: {
  title: string;
  value: number | string;
  suffix?: string;
  foot?: string;
  colour?: string;
  tip?: string;
}) {
  return (
    <Card style={{ height: '100%' }}>
      <Statistic
        title={tip ? <Tooltip title={tip}>{title}</Tooltip> : title}
        value={value}
        suffix={suffix}
        styles={{ content: colour ? { color: colour } : undefined }}
      />
      {foot && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {foot}
        </Typography.Text>
      )}
    </Card>
  );
}

function RateFigure({ title, r, tip }: { title: string; r: TRate | undefined; tip: string }) {
  const has = !!r && r.valid > 0;
  return (
    <Figure
      title={title}
      tip={tip}
      value={has ? percent(r.rate ?? r.satisfied / r.valid) : '—'}
      foot={r ? (has ? `满意 ${r.satisfied} / 有效 ${r.valid}` : '尚无有效票') : undefined}
      colour={has ? '#389e0d' : undefined}
    />
  );
}

function QuestionResult({ q, index, isKey }: { q: TQuestionResult; index: number; isKey: boolean }) {
  const answered = q.answered.verified + q.answered.unverified;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={
        <Space wrap>
          <span>
            第 {index + 1} 题　{q.title}
          </span>
          <Tag>{QUESTION_TYPE_LABELS[q.type]}</Tag>
          {isKey && <Tag color="green">满意度题目</Tag>}
        </Space>
      }
      extra={
        <Typography.Text type="secondary">
          作答 {answered} 份（已核验 {q.answered.verified}，未核验 {q.answered.unverified}）
        </Typography.Text>
      }
    >
      {q.type === 'text' ? (
        q.texts.length ? (
          <>
            <List
              size="small"
              dataSource={q.texts}
              renderItem={(t) => (
                <List.Item>
                  <Space align="start">
                    {t.verified ? <Tag color="blue">已核验</Tag> : <Tag color="orange">未核验</Tag>}
                    <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{t.text}</span>
                  </Space>
                </List.Item>
              )}
              style={{ maxHeight: 420, overflow: 'auto' }}
            />
            {answered > q.texts.length && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                仅列出 {q.texts.length} 条，全部 {answered} 条请导出答卷查看
              </Typography.Text>
            )}
          </>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无填写内容" />
        )
      ) : answered === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无作答" />
      ) : (
        <Suspense fallback={<Skeleton active />}>
          <AnswerBarChart buckets={q.buckets} upright={q.type === 'scale'} />
        </Suspense>
      )}
    </Card>
  );
}

/**
 * 结果: counts and the satisfaction rate with single-use-link (verified) and open-QR (unverified)
 * answers apart, then each question. Refreshes every 30 s while the survey collects answers.
 */
export function ResultsTab({ survey, canExport }: { survey: TSurveyOut; canExport: boolean }) {
  const exportAnswers = useExport(() => exportSurveyAnswers(survey.id, survey.title));
  const open = survey.status === 'open';
  const res = useQuery({
    queryKey: sk.results(survey.id),
    queryFn: ({ signal }) => getSurveyResults(survey.id, signal),
    refetchInterval: open ? 30_000 : false,
  });
  const r = res.data;
  const total = r ? r.total.verified + r.total.unverified : 0;

  const toolbar = (
    <div className="xc-toolbar" style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary">
        {open ? '正在收集答卷，每 30 秒自动刷新' : '统计结果'}
        {res.dataUpdatedAt ? `（更新于 ${dayjs(res.dataUpdatedAt).format('HH:mm:ss')}）` : ''}
      </Typography.Text>
      <Space>
        <Button icon={<ReloadOutlined />} loading={res.isFetching} onClick={() => void res.refetch()}>
          刷新
        </Button>
        {canExport && (
          <Tooltip title="导出不含身份信息的全部答卷（Excel），需再次确认身份">
            <Button
              icon={<DownloadOutlined />}
              loading={exportAnswers.pending}
              disabled={!total}
              onClick={() => void exportAnswers.run()}
            >
              导出答卷
            </Button>
          </Tooltip>
        )}
      </Space>
    </div>
  );

  if (res.error && !r)
    return (
      <>
        {toolbar}
        <ErrorAlert error={res.error} title="统计结果加载失败" onRetry={() => void res.refetch()} />
      </>
    );
  if (!r)
    return (
      <>
        {toolbar}
        <Skeleton active paragraph={{ rows: 8 }} />
      </>
    );

  const s = r.satisfaction;
  return (
    <div>
      {toolbar}
      {res.error && <ErrorAlert error={res.error} title="刷新失败，显示的是上次的结果" />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={8} xl={s ? 4 : 8}>
          <Figure
            title="有效链接答卷"
            tip="通过一次性链接（二维码）提交，每个链接只能提交一次，计为已核验"
            value={r.total.verified}
            suffix="份"
            colour="#1677ff"
          />
        </Col>
        <Col xs={12} md={8} xl={s ? 4 : 8}>
          <Figure
            title="扫码答卷"
            tip={`扫描公开二维码提交，不记名，每部手机限答 ${survey.openCap} 次，计为未核验`}
            value={r.total.unverified}
            suffix="份"
            colour="#d46b08"
          />
        </Col>
        {s ? (
          <>
            <Col xs={24} md={8} xl={5}>
              <RateFigure title="满意率（已核验）" r={s.verified} tip="一次性链接答卷中：满意票 ÷ 有效票" />
            </Col>
            <Col xs={12} md={12} xl={5}>
              <RateFigure title="满意率（未核验）" r={s.unverified} tip="扫码答卷中：满意票 ÷ 有效票" />
            </Col>
            <Col xs={12} md={12} xl={6}>
              <RateFigure title="满意率（合计）" r={s.all} tip="全部答卷：满意票 ÷ 有效票" />
            </Col>
          </>
        ) : (
          <Col xs={24} md={8} xl={8}>
            <Figure title="满意率" value="—" foot="本问卷未设置满意度题目，不计算满意率" />
          </Col>
        )}
      </Row>
      {total === 0 ? (
        <Card>
          <Empty
            description={
              survey.status === 'draft'
                ? '尚无答卷。问卷发布后，群众即可扫码作答'
                : open
                  ? '尚无答卷。可在“发放”中获取二维码或生成一次性链接'
                  : '尚无答卷'
            }
          />
        </Card>
      ) : (
        r.questions.map((q, i) => <QuestionResult key={q.id} q={q} index={i} isKey={q.id === survey.keyQuestionId} />)
      )}
    </div>
  );
}
