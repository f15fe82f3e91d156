import { DownloadOutlined, FileWordOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { ZSurveyBatchCreate } from '@xc/domain';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Image,
  Input,
  InputNumber,
  Row,
  Space,
  type TableColumnsType,
  Typography,
} from 'antd';
import {
  createSurveyBatch,
  downloadBatchCodes,
  listSurveyBatches,
  sk,
  surveyQrUrl,
  type TSurveyBatchOut,
  type TSurveyOut,
} from '../../api/surveys.ts';
import { QueryTable } from '../../components/cursor-table.tsx';
import { Field, optional, SchemaForm, useExport, useSchemaForm } from '../../components/form-kit/index.ts';
import { time } from './shared.tsx';

function OpenCodeCard({ survey }: { survey: TSurveyOut }) {
  return (
    <Card
      title={
        <Space>
          <QrcodeOutlined />
          公开二维码
        </Space>
      }
      style={{ height: '100%' }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`扫码答卷不记名，每部手机限答 ${survey.openCap} 次，统计时单列为未核验。`}
        description="适合张贴在公告栏、印在巡察公告上，面向广大干部群众。"
      />
      {survey.status === 'draft' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="问卷尚未发布，现在扫码无法打开问卷；发布后即可使用，二维码不变"
        />
      )}
      {survey.status === 'closed' && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="问卷已结束收集，扫码后无法提交答卷" />
      )}
      <div style={{ textAlign: 'center', marginBottom: 16 }}>
        <Image
          src={surveyQrUrl(survey.id)}
          alt={`${survey.title}的公开二维码`}
          width={200}
          height={200}
          style={{ border: '1px solid #f0f0f0', borderRadius: 8 }}
        />
      </div>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">答卷地址</Typography.Text>
        <Typography.Text copyable={{ text: survey.openUrl, tooltips: ['复制链接', '已复制'] }} code>
          {survey.openUrl}
        </Typography.Text>
        <a href={surveyQrUrl(survey.id)} download={`${survey.title}-公开二维码.png`}>
          <Button icon={<DownloadOutlined />}>下载二维码图片</Button>
        </a>
      </Space>
    </Card>
  );
}

interface BatchForm {
  count?: number | null;
  note?: string;
}

function BatchesCard({ survey, canManage }: { survey: TSurveyOut; canManage: boolean }) {
  const kit = useSchemaForm({
    schema: ZSurveyBatchCreate,
    toBody: (v: BatchForm) => ({ count: v.count ?? undefined, note: optional(v.note) }),
    mutationFn: (body) => createSurveyBatch(survey.id, body),
    success: (b) => `已生成 ${b.count} 个一次性二维码，可下载 Word 文档打印发放`,
    invalidate: [sk.batches(survey.id), sk.detail(survey.id)],
    onSuccess: () => kit.form.resetFields(),
  });
  const download = useExport((b: TSurveyBatchOut) => downloadBatchCodes(b.id, fileName(b)), '已下载');
  const downloading = download.running?.[0].id ?? null;
  const batches = useQuery({ queryKey: sk.batches(survey.id), queryFn: () => listSurveyBatches(survey.id) });
  const items = [...(batches.data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  const fileName = (b: TSurveyBatchOut) => `${survey.title}-一次性二维码（${b.count}个）.docx`;

  const columns: TableColumnsType<TSurveyBatchOut> = [
    { title: '数量', dataIndex: 'count', width: 70, align: 'right' },
    {
      title: '已使用',
      dataIndex: 'used',
      width: 100,
      align: 'right',
      render: (u: number, b) => `${u}${b.count ? `（${Math.round((u / b.count) * 100)}%）` : ''}`,
    },
    { title: '用途', dataIndex: 'note', ellipsis: true, render: (n: string | null) => n || '—' },
    { title: '生成时间', dataIndex: 'createdAt', width: 140, render: (v: string) => time(v) },
    { title: '生成人', dataIndex: 'createdByName', width: 90, render: (n: string | null) => n || '—' },
    ...(canManage
      ? [
          {
            title: '操作',
            key: 'ops',
            width: 160,
            render: (_v: unknown, b: TSurveyBatchOut) => (
              <Button
                type="link"
                size="small"
                icon={<FileWordOutlined />}
                loading={downloading === b.id}
                onClick={() => void download.run(b)}
              >
                下载二维码（Word）
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card title="一次性链接" style={{ height: '100%' }}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="每个二维码只能提交一次，统计时计为已核验。"
        description="适合民主测评会议等现场，按到会人数生成、打印后逐人发放；下载时需再次确认身份。"
      />
      {canManage && survey.status !== 'closed' && (
        <SchemaForm
          kit={kit}
          layout="inline"
          initialValues={{ count: 50 }}
          onFinish={() => void kit.submit()}
          style={{ marginBottom: 16, rowGap: 8 }}
        >
          <Field name="count" label="数量" required>
            <InputNumber min={1} max={2000} precision={0} style={{ width: 120 }} suffix="个" />
          </Field>
          <Field name="note" label="用途说明">
            <Input maxLength={100} placeholder="如：领导班子民主测评会" style={{ width: 240 }} />
          </Field>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={kit.pending}>
              生成
            </Button>
          </Form.Item>
        </SchemaForm>
      )}
      {survey.status === 'closed' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="问卷已结束收集，已发放的链接无法再提交；如需继续，请先重新发布"
        />
      )}
      <QueryTable<TSurveyBatchOut>
        query={batches}
        rows={items}
        size="small"
        columns={columns}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 640 }}
        empty="尚未生成一次性链接"
      />
    </Card>
  );
}

export function DistributeTab({ survey, canManage }: { survey: TSurveyOut; canManage: boolean }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={8}>
        <OpenCodeCard survey={survey} />
      </Col>
      <Col xs={24} xl={16}>
        <BatchesCard survey={survey} canManage={canManage} />
      </Col>
    </Row>
  );
}
