import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  REPORT_KIND_LABELS,
  REVIEW_RATING_LABELS,
  REVIEW_RATINGS,
  REVIEW_SUBJECT_LABELS,
  type TReviewRating,
  ZReviewRatingCreate,
} from '@xc/domain';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  downloadReportFile,
  getReview,
  listMyReviews,
  rateReview,
  rk,
  type TReviewQueueItem,
} from '../../api/rectification.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { useCursorPages } from '../../components/cursor-pager.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, SchemaForm, useExport, useSchemaForm } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ReviewHistory } from './plan-tab.tsx';
import { KindTag } from './shared.tsx';

interface RatingValues {
  party?: string;
  rating?: TReviewRating;
  comments?: string;
}

function RatingForm({
  reviewId,
  canRate,
  parties,
  onDone,
}: {
  reviewId: string;
  canRate: string[];
  parties: { key: string; name: string }[];
  onDone: () => void;
}) {
  const several = canRate.length > 1;
  const kit = useSchemaForm({
    schema: ZReviewRatingCreate,
    toBody: (v: RatingValues) => ({
      ...(several ? { party: v.party } : {}),
      rating: v.rating,
      comments: v.comments ?? '',
    }),
    mutationFn: (body) => rateReview(reviewId, body),
    success: (r) =>
      r.outcome === 'returned'
        ? '已评定，评为“差”即退回修改，本轮会审结束'
        : r.outcome === 'passed'
          ? '已评定，会审通过'
          : '已评定',
    invalidate: [rk.all],
    onSuccess: onDone,
    open: true,
    openKey: reviewId,
    initial: () => ({ party: canRate[0] }),
  });
  const rating = Form.useWatch('rating', kit.form) as TReviewRating | undefined;
  return (
    <Card size="small" title="会审评定" style={{ marginBottom: 16 }}>
      {kit.error ? <ErrorAlert error={kit.error} /> : null}
      <SchemaForm kit={kit} name="reviewRating">
        {several && (
          <Field name="party" label="代表会审单位" required>
            <Select options={canRate.map((k) => ({ value: k, label: parties.find((p) => p.key === k)?.name ?? k }))} />
          </Field>
        )}
        <Field name="rating" label="评定等次" required extra="任一会审单位评为“差”即退回修改">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={REVIEW_RATINGS.map((r) => ({ value: r, label: REVIEW_RATING_LABELS[r] }))}
          />
        </Field>
        <Field name="comments" label="会审意见" required={rating === 'poor'}>
          <Input.TextArea
            rows={4}
            maxLength={2000}
            showCount
            placeholder="评为“差”的须写明意见，将反馈给被巡察党组织"
          />
        </Field>
        <Button type="primary" loading={kit.pending} onClick={() => void kit.submit()}>
          提交评定
        </Button>
      </SchemaForm>
    </Card>
  );
}

function ReviewDrawer({ reviewId, onClose }: { reviewId: string | null; onClose: () => void }) {
  const q = useQuery({
    queryKey: rk.review(reviewId ?? ''),
    queryFn: () => getReview(reviewId ?? ''),
    enabled: !!reviewId,
  });
  const dl = useExport((id: string, name: string) => downloadReportFile(id, name), '已下载');
  const r = q.data;
  return (
    <Drawer title={r ? r.title : '会审事项'} open={!!reviewId} onClose={onClose} size={900}>
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.isPending && !!reviewId && <Card loading />}
      {r && (
        <>
          <Descriptions size="small" bordered column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="会审事项">{REVIEW_SUBJECT_LABELS[r.subject]}</Descriptions.Item>
            <Descriptions.Item label="被巡察党组织">{r.orgName}</Descriptions.Item>
            <Descriptions.Item label="巡察">{r.inspectionLabel}</Descriptions.Item>
            <Descriptions.Item label="轮次">
              第{r.round}轮 · 提交于 {r.submittedOn}
            </Descriptions.Item>
          </Descriptions>
          {r.canRate.length > 0 ? (
            <RatingForm reviewId={r.id} canRate={r.canRate} parties={r.parties} onDone={onClose} />
          ) : (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={
                r.outcome === 'pending'
                  ? '您已评定，等待其他会审单位评定'
                  : r.outcome === 'returned'
                    ? '本轮会审已有会审单位评为“差”，已退回修改，尚未评定的会审单位不再评定'
                    : '本轮会审已通过'
              }
            />
          )}
          {r.plan && (
            <Card size="small" title="整改方案" style={{ marginBottom: 16 }}>
              {r.plan.findings.length === 0 && <Empty description="暂无问题" />}
              {r.plan.findings.map((f) => (
                <div key={f.id} style={{ marginBottom: 16 }}>
                  <Typography.Text strong>
                    问题{f.seq}：{f.title}
                  </Typography.Text>
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}>
                    {f.facts}
                  </Typography.Paragraph>
                  <Table
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={f.tasks}
                    locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无整改任务" /> }}
                    columns={[
                      { title: '类型', key: 'k', width: 96, render: (_, t) => <KindTag kind={t.kind} /> },
                      { title: '整改措施', dataIndex: 'measures' },
                      { title: '责任领导', dataIndex: 'responsibleLeader', width: 90 },
                      { title: '责任部门', dataIndex: 'responsibleDept', width: 130 },
                      { title: '时限', dataIndex: 'deadline', width: 104 },
                    ]}
                  />
                </div>
              ))}
            </Card>
          )}
          {r.report && (
            <Card
              size="small"
              title={`${REPORT_KIND_LABELS[r.report.kind]}${r.report.seq ? `（第${r.report.seq}次）` : ''}：${r.report.title}`}
              style={{ marginBottom: 16 }}
            >
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                {r.report.content || '（见附件）'}
              </Typography.Paragraph>
              {r.report.files.length > 0 && (
                <Space wrap>
                  附件：
                  {r.report.files.map((f) => (
                    <Button
                      key={f.id}
                      size="small"
                      icon={<DownloadOutlined />}
                      loading={dl.running?.[0] === f.id}
                      onClick={() => void dl.run(f.id, f.name)}
                    >
                      {f.name}
                    </Button>
                  ))}
                </Space>
              )}
            </Card>
          )}
          <ReviewHistory reviews={[r]} />
        </>
      )}
    </Drawer>
  );
}

/** 我的会审: the plans and reports waiting for the caller's party to rate them 好/中/差. */
export default function ReviewsPage() {
  usePageMeta([]);
  const pages = useCursorPages('mine');
  const q = { limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: rk.reviews(q),
    queryFn: ({ signal }) => listMyReviews(q, signal),
    placeholderData: keepPreviousData,
  });
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div>
      <PageHeader
        title="我的会审"
        sub="联合会审：各会审单位对整改方案和整改报告评定好、中、差，任一单位评为“差”即退回修改"
      />
      <Card>
        <CursorTable<TReviewQueueItem>
          list={list}
          pages={pages}
          rowKey={(x) => `${x.reviewId}-${x.party}`}
          onOpen={(x) => setOpen(x.reviewId)}
          empty={{ filtered: false, whenFiltered: '', whenEmpty: '暂无待会审事项' }}
          columns={[
            { title: '会审事项', key: 's', width: 200, render: (_, x) => REVIEW_SUBJECT_LABELS[x.subject] },
            { title: '标题', dataIndex: 'title', ellipsis: true },
            { title: '被巡察党组织', dataIndex: 'orgName', width: 200, ellipsis: true },
            { title: '轮次', key: 'round', width: 80, render: (_, x) => `第${x.round}轮` },
            { title: '提交日期', dataIndex: 'submittedOn', width: 120 },
            {
              title: '',
              key: 'open',
              width: 80,
              render: (_, x) => (
                <Button size="small" type="link" onClick={() => setOpen(x.reviewId)}>
                  评定
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <ReviewDrawer reviewId={open} onClose={() => setOpen(null)} />
    </div>
  );
}
