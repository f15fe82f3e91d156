import { useQuery } from '@tanstack/react-query';
import {
  EVALUATION_RATER_LABELS,
  EVALUATION_RATERS,
  type TEvaluationRater,
  ZEvaluationConclude,
  ZEvaluationDeductions,
} from '@xc/domain';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  concludeEvaluation,
  createSatisfactionSurvey,
  getEvaluation,
  rateEvaluation,
  rk,
  type TEvaluationOut,
} from '../../api/rectification.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import {
  afterToday,
  Field,
  FormModal,
  iso,
  optional,
  useAction,
  useSchemaForm,
} from '../../components/form-kit/index.ts';
import { GradeTag, percent, useRectRoles } from './shared.tsx';

interface RateValues {
  rater?: TEvaluationRater;
  deductions?: Record<string, number | null>;
  comments?: string;
}

function RateModal({
  inspectionId,
  evaluation,
  onClose,
}: {
  inspectionId: string;
  evaluation: TEvaluationOut | null;
  onClose: () => void;
}) {
  const manual = (evaluation?.scorecard.items ?? []).filter((i) => i.source === 'manual');
  const raters = (evaluation?.byRater ?? []).filter((r) => r.weight > 0).map((r) => r.rater);
  const kit = useSchemaForm({
    schema: ZEvaluationDeductions,
    toBody: (v: RateValues) => ({
      orgId: evaluation?.orgId,
      rater: v.rater,
      deductions: Object.fromEntries(
        Object.entries(v.deductions ?? {}).filter(([, n]) => typeof n === 'number') as [string, number][],
      ),
      comments: optional(v.comments),
    }),
    mutationFn: (body) => rateEvaluation(inspectionId, body),
    success: '已保存评分',
    invalidate: [rk.all],
    onSuccess: onClose,
    open: !!evaluation,
    openKey: evaluation?.orgId,
    initial: () => {
      if (!evaluation) return undefined;
      const rater = raters[0];
      const mine = evaluation.byRater.find((r) => r.rater === rater);
      return { rater, deductions: { ...(mine?.deductions ?? {}) }, comments: mine?.comments ?? '' };
    },
  });
  const rater = Form.useWatch('rater', kit.form) as TEvaluationRater | undefined;
  return (
    <FormModal
      kit={kit}
      title={`整改评估评分${evaluation ? `：${evaluation.orgName}` : ''}`}
      open={!!evaluation}
      onClose={onClose}
      width={720}
      name="evaluationRate"
      intro={
        <Typography.Paragraph type="secondary">
          满分100分，按评分项扣分；群众满意度一项按满意度测评结果自动扣分，不在此填写。
        </Typography.Paragraph>
      }
    >
      <Field name="rater" label="评估主体" required>
        <Radio.Group
          options={EVALUATION_RATERS.filter((r) => raters.includes(r)).map((r) => ({
            value: r,
            label: EVALUATION_RATER_LABELS[r],
          }))}
          onChange={(e) => {
            const mine = evaluation?.byRater.find((x) => x.rater === e.target.value);
            kit.form.setFieldsValue({ deductions: { ...(mine?.deductions ?? {}) }, comments: mine?.comments ?? '' });
          }}
        />
      </Field>
      <Row gutter={16}>
        {manual.map((i) => (
          <Col span={12} key={i.key}>
            <Field name={['deductions', i.key]} label={`${i.name}（最多扣${i.maxDeduction}分）`} messageLabel="扣分">
              <InputNumber min={0} max={i.maxDeduction} step={0.5} precision={1} style={{ width: '100%' }} />
            </Field>
          </Col>
        ))}
      </Row>
      <Field name="comments" label="评估意见">
        <Input.TextArea
          rows={3}
          maxLength={2000}
          showCount
          placeholder={rater ? `${EVALUATION_RATER_LABELS[rater]}的评估意见` : ''}
        />
      </Field>
    </FormModal>
  );
}

function ConcludeModal({
  inspectionId,
  evaluation,
  onClose,
}: {
  inspectionId: string;
  evaluation: TEvaluationOut | null;
  onClose: () => void;
}) {
  const kit = useSchemaForm({
    schema: ZEvaluationConclude,
    toBody: (v: { evaluatedOn?: Dayjs | null; veto?: string; version?: number }) => ({
      orgId: evaluation?.orgId,
      version: v.version,
      evaluatedOn: iso(v.evaluatedOn) ?? '',
      veto: v.veto?.trim() ? v.veto : null,
    }),
    mutationFn: (body) => concludeEvaluation(inspectionId, body),
    success: '已评定整改评估等次',
    invalidate: [rk.all],
    onSuccess: onClose,
    open: !!evaluation,
    openKey: evaluation?.orgId,
    initial: () => (evaluation ? { version: evaluation.version, evaluatedOn: dayjs() } : undefined),
    confirm: {
      title: '确认评定等次？',
      content: '评定后不能修改。全部被巡察党组织评定后，巡察进入“整改评估”阶段；评为“差”的将延后公示。',
      okText: '评定',
    },
  });
  return (
    <FormModal
      kit={kit}
      title={`评定等次${evaluation ? `：${evaluation.orgName}` : ''}`}
      open={!!evaluation}
      onClose={onClose}
      okText="评定"
      name="evaluationConclude"
      intro={evaluation && <Typography.Paragraph>加权得分 {evaluation.score ?? '—'} 分</Typography.Paragraph>}
    >
      <Field name="evaluatedOn" label="评估日期" required>
        <DatePicker disabledDate={afterToday} />
      </Field>
      <Field name="veto" label="一票否决事由" extra="如虚假整改、敷衍整改等，填写后等次为“差”">
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Field>
    </FormModal>
  );
}

function EvaluationCard({
  inspectionId,
  e,
  onRate,
  onConclude,
}: {
  inspectionId: string;
  e: TEvaluationOut;
  onRate: () => void;
  onConclude: () => void;
}) {
  const roles = useRectRoles();
  const survey = useAction(() => createSatisfactionSurvey(inspectionId, { orgId: e.orgId }), {
    success: '已发起整改满意度测评',
    invalidate: [rk.all],
  });
  const concluded = !!e.evaluatedOn;
  const raters = e.byRater.filter((r) => r.weight > 0);
  const rows = e.scorecard.items.map((i) => ({ ...i }));
  return (
    <Card
      title={
        <Space>
          <span>{e.orgName}</span>
          <GradeTag grade={e.grade} />
          {e.score !== null && <Tag>{e.score} 分</Tag>}
        </Space>
      }
      style={{ marginBottom: 16 }}
      extra={
        !concluded && (
          <Space>
            {roles.evaluate && <Button onClick={onRate}>评分</Button>}
            {roles.supervise && !e.survey && (
              <Button loading={survey.pending} onClick={() => void survey.run()}>
                发起满意度测评
              </Button>
            )}
            {roles.supervise && (
              <Button type="primary" disabled={e.problems.length > 0} onClick={onConclude}>
                评定等次
              </Button>
            )}
          </Space>
        )
      }
    >
      {!concluded && e.problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="尚不能评定等次"
          description={e.problems.join('；')}
        />
      )}
      {e.veto && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`一票否决：${e.veto}`} />}
      <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="评估时限">{e.dueOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="评估日期">{e.evaluatedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="群众满意率">
          {e.satisfactionRate === null ? '—' : percent(e.satisfactionRate)}
        </Descriptions.Item>
        {e.survey && (
          <Descriptions.Item label="满意度测评" span={3}>
            {e.survey.title}：有效答卷 {e.survey.valid} 份（满意 {e.survey.satisfied}），
            <Typography.Text copyable={{ text: e.survey.openUrl }}>{e.survey.openUrl}</Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '评分项', dataIndex: 'name' },
          { title: '最高扣分', dataIndex: 'maxDeduction', width: 90, align: 'right' },
          ...raters.map((r) => ({
            title: `${EVALUATION_RATER_LABELS[r.rater]}（${r.weight}%）`,
            key: r.rater,
            width: 130,
            align: 'right' as const,
            render: (_: unknown, i: (typeof rows)[number]) =>
              i.source === 'satisfaction'
                ? (e.satisfactionDeduction ?? '—')
                : r.deductions[i.key] !== undefined
                  ? `-${r.deductions[i.key]}`
                  : r.ratedBy
                    ? '0'
                    : '—',
          })),
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              得分
            </Table.Summary.Cell>
            {raters.map((r, n) => (
              <Table.Summary.Cell key={r.rater} index={n + 2} align="right">
                {r.score ?? (r.ratedBy ? '待满意度测评' : '未评')}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
      />
      {raters.some((r) => r.comments) && (
        <div style={{ marginTop: 12 }}>
          {raters
            .filter((r) => r.comments)
            .map((r) => (
              <Typography.Paragraph key={r.rater} type="secondary" style={{ marginBottom: 4 }}>
                {EVALUATION_RATER_LABELS[r.rater]}：{r.comments}
              </Typography.Paragraph>
            ))}
        </div>
      )}
    </Card>
  );
}

/**
 * 整改评估 of an inspection, per organization: the scorecard's deductions by the office, the team and
 * society, the public satisfaction survey, the weighted score and the grade.
 */
export function EvaluationTab({ inspectionId }: { inspectionId: string }) {
  const q = useQuery({ queryKey: rk.evaluation(inspectionId), queryFn: () => getEvaluation(inspectionId) });
  const [rating, setRating] = useState<TEvaluationOut | null>(null);
  const [concluding, setConcluding] = useState<TEvaluationOut | null>(null);
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Card loading />;
  return (
    <div>
      {q.data.items.length === 0 && <Empty description="暂无整改评估" />}
      {q.data.items.map((e) => (
        <EvaluationCard
          key={e.orgId}
          inspectionId={inspectionId}
          e={e}
          onRate={() => setRating(e)}
          onConclude={() => setConcluding(e)}
        />
      ))}
      <RateModal inspectionId={inspectionId} evaluation={rating} onClose={() => setRating(null)} />
      <ConcludeModal inspectionId={inspectionId} evaluation={concluding} onClose={() => setConcluding(null)} />
    </div>
  );
}
