import {
  BookOutlined,
  DeleteOutlined,
  DiffOutlined,
  FileWordOutlined,
  PlusOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { MAX_SUGGESTIONS, MAX_TOPIC_REPORTS, outlineCount, ZReport, ZReportSave } from '@xc/domain';
import { Alert, Button, Card, Col, Empty, Form, Input, Modal, Row, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  diffReport,
  downloadClueReport,
  downloadReport,
  fwk,
  getReport,
  getReportVersion,
  getSummary,
  saveReport,
  type TReportOut,
} from '../../api/fieldwork.ts';
import { usePermissions } from '../../api/hooks.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, FieldList, optional, SchemaForm, useExport, useSchemaForm } from '../../components/form-kit/index.ts';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { DiffView } from '../fieldwork/diff-view.tsx';
import { PhrasePickerModal } from '../fieldwork/phrase-picker.tsx';
import { inspectionTitle, useInspection } from '../fieldwork/shared.tsx';
import { InspectionSelect } from '../petitions/shared.tsx';
import { StageTag } from '../planning/shared.tsx';
import { HearingCard } from './hearing-card.tsx';
import '../fieldwork/fieldwork.css';

type TVersionItem = TReportOut['versions'][number];

interface ReportValues {
  overview?: string;
  suggestions?: string[];
  topicReports?: { title?: string; body?: string }[];
  note?: string;
}

function valuesOf(r: TReportOut): ReportValues {
  const c = r.current;
  return {
    overview: c?.overview ?? '',
    suggestions: c?.suggestions ?? [],
    topicReports: c?.topicReports ?? [],
    note: '',
  };
}

/** 主要问题, read-only: drawn from the inspection's findings, grouped by framework and aspect. */
function OutlineCard({ report, inspectionId }: { report: TReportOut; inspectionId: string }) {
  const n = outlineCount(report.outline);
  return (
    <Card
      size="small"
      title={`主要问题（${n}个）`}
      style={{ marginBottom: 16 }}
      extra={<Link to={`/fieldwork/findings?inspectionId=${inspectionId}`}>在问题清单中修改</Link>}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        根据已审定转为问题的问题底稿和直接录入的问题自动生成，按问题分类的监督框架和监督方面归类，事实部分摘要。
      </Typography.Paragraph>
      {n === 0 ? (
        <Empty description="尚无问题。问题底稿审定并转为问题后在此显示" />
      ) : (
        <div className="xc-fw-outline">
          {report.outline.map((s, i) => (
            <div key={s.frameworkId ?? `other-${i}`}>
              <Typography.Title level={5} style={{ marginTop: i ? 16 : 0 }}>
                {['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][i] ?? i + 1}、{s.title}
              </Typography.Title>
              {s.aspects.map((a, j) => (
                <div key={a.aspectId ?? `bare-${j}`}>
                  {a.title && (
                    <h4>{`（${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][j] ?? j + 1}）${a.title}`}</h4>
                  )}
                  {a.findings.map((f, k) => (
                    <p key={f.id}>
                      <Typography.Text strong>
                        {k + 1}. {f.title}。
                      </Typography.Text>
                      {f.summary}
                    </p>
                  ))}
                </div>
              ))}
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

/** 版本: each save is a version; any two compare line by line on the server. */
function VersionsCard({ report, inspectionId }: { report: TReportOut; inspectionId: string }) {
  const [picked, setPicked] = useState<number[]>([]);
  const [comparing, setComparing] = useState(false);
  const [viewing, setViewing] = useState<number | null>(null);
  const [from, to] = [...picked].sort((a, b) => a - b);
  const diff = useQuery({
    queryKey: fwk.reportDiff(inspectionId, from ?? 0, to ?? 0),
    queryFn: () => diffReport(inspectionId, from ?? 0, to ?? 0),
    enabled: comparing && from !== undefined && to !== undefined,
  });
  const version = useQuery({
    queryKey: fwk.reportVersion(inspectionId, viewing ?? 0),
    queryFn: () => getReportVersion(inspectionId, viewing ?? 0),
    enabled: viewing !== null,
  });
  const versions = [...report.versions].sort((a, b) => b.number - a.number);
  return (
    <Card
      size="small"
      title="报告版本"
      extra={
        <Button size="small" icon={<DiffOutlined />} disabled={picked.length !== 2} onClick={() => setComparing(true)}>
          比较所选两版
        </Button>
      }
    >
      <Table<TVersionItem>
        rowKey="number"
        size="small"
        pagination={false}
        dataSource={versions}
        rowSelection={{
          selectedRowKeys: picked,
          onChange: (keys) => setPicked((keys as number[]).slice(-2)),
          hideSelectAll: true,
        }}
        locale={{ emptyText: '尚未保存版本' }}
        columns={[
          { title: '版本', dataIndex: 'number', width: 70, render: (n: number) => `第${n}版` },
          {
            title: '保存',
            key: 'saved',
            render: (_v, v) => (
              <div>
                <div style={{ fontSize: 12 }}>
                  {v.savedByName ?? '—'} {dayjs(v.savedAt).format('YYYY-MM-DD HH:mm')}
                </div>
                {v.note && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {v.note}
                  </Typography.Text>
                )}
              </div>
            ),
          },
          {
            title: '',
            key: 'view',
            width: 60,
            render: (_v, v) => (
              <Button size="small" type="link" onClick={() => setViewing(v.number)}>
                查看
              </Button>
            ),
          },
        ]}
      />
      <Modal
        title="比较报告版本"
        open={comparing}
        onCancel={() => setComparing(false)}
        footer={<Button onClick={() => setComparing(false)}>关闭</Button>}
        width={900}
        destroyOnHidden
      >
        {diff.isPending && <FullPageSpin />}
        {diff.error && <ErrorAlert error={diff.error} onRetry={() => void diff.refetch()} />}
        {diff.data && (
          <DiffView lines={diff.data.lines} fromLabel={`第${diff.data.from}版`} toLabel={`第${diff.data.to}版`} />
        )}
      </Modal>
      <Modal
        title={viewing ? `第${viewing}版` : ''}
        open={viewing !== null}
        onCancel={() => setViewing(null)}
        footer={<Button onClick={() => setViewing(null)}>关闭</Button>}
        width={800}
        destroyOnHidden
      >
        {version.isPending && <FullPageSpin />}
        {version.error && <ErrorAlert error={version.error} />}
        {version.data && (
          <div>
            <Typography.Title level={5}>基本情况和总体评价</Typography.Title>
            <Typography.Paragraph className="xc-fw-facts">{version.data.overview || '（空）'}</Typography.Paragraph>
            <Typography.Title level={5}>意见建议</Typography.Title>
            <ol>
              {version.data.suggestions.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a version is fixed; its suggestions never move
                <li key={i} className="xc-fw-facts">
                  {s}
                </li>
              ))}
            </ol>
            {version.data.topicReports.map((t, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: as above
              <div key={i}>
                <Typography.Title level={5}>专题报告：{t.title}</Typography.Title>
                <Typography.Paragraph className="xc-fw-facts">{t.body}</Typography.Paragraph>
              </div>
            ))}
          </div>
        )}
      </Modal>
    </Card>
  );
}

function ReportEditor({
  report,
  authorityId,
  canWrite,
  workload,
}: {
  report: TReportOut;
  authorityId: string;
  canWrite: boolean;
  /** 巡察工作开展情况, as the opening of 基本情况 usually states it, counted from the records. */
  workload: string | null;
}) {
  const queryClient = useQueryClient();
  const [phrases, setPhrases] = useState(false);
  const kit = useSchemaForm({
    schema: ZReportSave,
    toBody: (v: ReportValues) => ({
      version: report.version,
      overview: v.overview ?? '',
      suggestions: (v.suggestions ?? []).map((s) => s ?? ''),
      topicReports: (v.topicReports ?? []).map((t) => ({ title: t?.title ?? '', body: t?.body ?? '' })),
      note: optional(v.note),
    }),
    mutationFn: (body) => saveReport(report.inspectionId, body),
    success: (v) => `已保存为第${v.number}版`,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: fwk.report(report.inspectionId) }),
    conflict: {
      schema: ZReport,
      reload: (c) => {
        if (c) queryClient.setQueryData(fwk.report(report.inspectionId), c);
        else void queryClient.invalidateQueries({ queryKey: fwk.report(report.inspectionId) });
        return c ? valuesOf(c) : undefined;
      },
    },
    invalidMessage: '请检查标红的内容',
    open: true,
    openKey: `${report.inspectionId}-${report.version}`,
    initial: () => valuesOf(report),
  });
  const count = (Form.useWatch('suggestions', kit.form) as string[] | undefined)?.length ?? 0;

  return (
    <Card
      title={report.current ? `报告正文（第${report.current.number}版）` : '报告正文（尚未保存）'}
      style={{ marginBottom: 16 }}
      extra={
        canWrite && (
          <Button type="primary" icon={<SaveOutlined />} loading={kit.pending} onClick={() => void kit.submit()}>
            保存为新版本
          </Button>
        )
      }
    >
      {Boolean(kit.error) && <ErrorAlert error={kit.error} />}
      <SchemaForm kit={kit} name="report" disabled={!canWrite}>
        <Field name="overview" label="一、基本情况和总体评价">
          <Input.TextArea
            autoSize={{ minRows: 8, maxRows: 24 }}
            maxLength={20000}
            showCount
            placeholder="巡察工作开展情况（进驻时间、谈话人次、调阅资料、走访座谈、受理信访等）和对被巡察党组织的总体评价"
          />
        </Field>
        {canWrite && workload && (
          <Button
            size="small"
            style={{ marginTop: -8, marginBottom: 16 }}
            onClick={() => {
              const text = (kit.form.getFieldValue('overview') as string | undefined) ?? '';
              kit.form.setFieldsValue({ overview: text ? `${workload}\n${text}` : workload });
            }}
          >
            插入巡察工作开展情况
          </Button>
        )}
        <Typography.Paragraph type="secondary">二、主要问题：由问题清单生成，见右侧。</Typography.Paragraph>
        <Typography.Text strong>三、意见建议</Typography.Text>
        <FieldList name="suggestions" label="意见建议">
          {(fields, { add, remove }, { errors }) => (
            <div style={{ marginTop: 8, marginBottom: 16 }}>
              {fields.map((f, i) => (
                <div key={f.key} style={{ display: 'flex', gap: 8 }}>
                  <Typography.Text style={{ width: 28, paddingTop: 6 }}>{i + 1}.</Typography.Text>
                  <div style={{ flex: 1 }}>
                    <Field name={f.name} messageLabel="意见建议">
                      <Input.TextArea
                        autoSize={{ minRows: 2, maxRows: 8 }}
                        maxLength={2000}
                        aria-label={`意见建议${i + 1}`}
                      />
                    </Field>
                  </div>
                  {canWrite && (
                    <Button
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                      aria-label={`删除意见建议${i + 1}`}
                    />
                  )}
                </div>
              ))}
              <Form.ErrorList errors={errors} />
              {canWrite && (
                <Space>
                  <Button icon={<BookOutlined />} disabled={count >= MAX_SUGGESTIONS} onClick={() => setPhrases(true)}>
                    从建议语言库选用
                  </Button>
                  <Button icon={<PlusOutlined />} disabled={count >= MAX_SUGGESTIONS} onClick={() => add('')}>
                    新增一条
                  </Button>
                </Space>
              )}
            </div>
          )}
        </FieldList>
        <Typography.Text strong>专题报告</Typography.Text>
        <FieldList name="topicReports" label="专题报告">
          {(fields, { add, remove }, { errors }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  title={`专题报告${i + 1}`}
                  extra={
                    canWrite && (
                      <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)}>
                        删除
                      </Button>
                    )
                  }
                >
                  <Field name={[f.name, 'title']} label="标题" messageLabel="专题报告标题">
                    <Input maxLength={200} />
                  </Field>
                  <Field name={[f.name, 'body']} label="正文" messageLabel="专题报告正文">
                    <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={20000} />
                  </Field>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              {canWrite && (
                <Button
                  icon={<PlusOutlined />}
                  disabled={fields.length >= MAX_TOPIC_REPORTS}
                  onClick={() => add({ title: '', body: '' })}
                >
                  新增专题报告
                </Button>
              )}
            </div>
          )}
        </FieldList>
        {canWrite && (
          <Field name="note" label="本次修改说明" style={{ marginTop: 16 }}>
            <Input placeholder="如：根据组长意见修改总体评价（可选）" maxLength={200} />
          </Field>
        )}
      </SchemaForm>
      {canWrite && (
        <Button type="primary" icon={<SaveOutlined />} loading={kit.pending} onClick={() => void kit.submit()}>
          保存为新版本
        </Button>
      )}
      <PhrasePickerModal
        open={phrases}
        kind="suggestion"
        authorityId={authorityId}
        onClose={() => setPhrases(false)}
        actions={[{ key: 'add', label: '加入建议' }]}
        onPick={(text) => {
          const list = (kit.form.getFieldValue('suggestions') as string[] | undefined) ?? [];
          kit.form.setFieldsValue({ suggestions: [...list, text] });
        }}
      />
    </Card>
  );
}

function Report({ inspectionId }: { inspectionId: string }) {
  const perms = usePermissions();
  const inspection = useInspection(inspectionId);
  const report = useQuery({ queryKey: fwk.report(inspectionId), queryFn: () => getReport(inspectionId) });
  const summary = useQuery({
    queryKey: fwk.summary(inspectionId),
    queryFn: () => getSummary(inspectionId),
    enabled: perms.has('fieldwork:read'),
  });
  const i = inspection.data;
  const label = i ? inspectionTitle(i) : '';
  const docx = useExport(() => downloadReport(inspectionId, label), '已下载');
  const clueDocx = useExport(() => downloadClueReport(inspectionId, label), '已下载');
  usePageMeta([{ title: i ? `${label}巡察报告` : '巡察报告' }]);
  const sm = summary.data;
  const workload = sm
    ? `巡察期间，巡察组共开展个别谈话${sm.activities.interviews}人次，调阅资料${sm.activities.documentReviews}份，走访${sm.activities.visits}次，召开座谈会${sm.activities.forums}次，受理信访举报${sm.petitions}件，开展问卷测评${sm.surveys}份。`
    : null;
  if (report.error) return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  if (inspection.error) return <ErrorAlert error={inspection.error} onRetry={() => void inspection.refetch()} />;
  if (!report.data || !i) return <FullPageSpin />;
  const r = report.data;
  return (
    <>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {label}
            </Typography.Title>
            <StageTag stage={i.stage} />
            <Typography.Text type="secondary">
              {i.roundName} · {i.teamName ?? '未确定巡察组'}
            </Typography.Text>
          </Space>
          <Space wrap>
            {perms.has('report:export') && (
              <Button type="primary" icon={<FileWordOutlined />} loading={docx.pending} onClick={() => void docx.run()}>
                下载巡察报告
              </Button>
            )}
            {perms.has('clue:read') && (summary.data?.clues.cases ?? 0) > 0 && (
              <Button icon={<FileWordOutlined />} loading={clueDocx.pending} onClick={() => void clueDocx.run()}>
                下载问题线索报告
              </Button>
            )}
            {perms.has('fieldwork:read') && (
              <Link to={`/fieldwork/inspections/${inspectionId}`}>
                <Button>巡察工作台</Button>
              </Link>
            )}
          </Space>
        </Space>
        {summary.data && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            个别谈话 {summary.data.activities.interviews} 人次，调阅资料 {summary.data.activities.documentReviews}{' '}
            份，走访 {summary.data.activities.visits} 次，座谈 {summary.data.activities.forums} 次，受理信访{' '}
            {summary.data.petitions} 件，问卷 {summary.data.surveys} 份；发现问题 {summary.data.findings} 个（立行立改{' '}
            {summary.data.immediateFixes} 个），问题线索 {summary.data.clues.cases} 件 {summary.data.clues.persons} 人。
          </Typography.Paragraph>
        )}
      </Card>
      {!r.current && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="报告尚未保存。写好基本情况和总体评价、意见建议后保存为第一版；下载的报告按最新版本和问题清单生成"
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <ReportEditor
            key={`${r.inspectionId}-${r.version}`}
            report={r}
            authorityId={i.authorityId}
            canWrite={perms.has('report:write')}
            workload={workload}
          />
        </Col>
        <Col xs={24} xl={10}>
          <HearingCard inspection={i} linkToReport={false} />
          <OutlineCard report={r} inspectionId={inspectionId} />
          <VersionsCard report={r} inspectionId={inspectionId} />
        </Col>
      </Row>
    </>
  );
}

function Landing() {
  usePageMeta([]);
  return (
    <Card>
      <Empty description="请在右上角选择巡察任务；撤离后撰写报告的巡察在下拉列表的“报告阶段”分组中" />
    </Card>
  );
}

/** 巡察报告 of one inspection: the team's text, the outline of the findings, versions and the .docx. */
export default function ReportPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  return (
    <div>
      <PageHeader
        title="巡察报告"
        sub="基本情况和总体评价、主要问题、意见建议，以及问题线索报告和专题报告"
        extra={
          <InspectionSelect
            value={id}
            onChange={(v) => navigate(v ? `/reports/inspections/${v}` : '/reports/inspections')}
            allowClear={false}
          />
        }
      />
      {id ? <Report key={id} inspectionId={id} /> : <Landing />}
    </div>
  );
}
