import { DownloadOutlined, FileWordOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Image,
  Input,
  InputNumber,
  Row,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { errorText } from '../../api/client.ts';
import {
  createSurveyBatch,
  downloadBatchCodes,
  listSurveyBatches,
  sk,
  surveyQrUrl,
  type TSurveyBatchOut,
  type TSurveyOut,
} from '../../api/surveys.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
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
  count: number;
  note?: string;
}

function BatchesCard({ survey, canManage }: { survey: TSurveyOut; canManage: boolean }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<BatchForm>();
  const [creating, setCreating] = useState(false);
  const [downloading, setDownloading] = useState<string | null>(null);
  const batches = useQuery({ queryKey: sk.batches(survey.id), queryFn: () => listSurveyBatches(survey.id) });
  const items = [...(batches.data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  const fileName = (b: TSurveyBatchOut) => `${survey.title}-一次性二维码（${b.count}个）.docx`;

  const download = async (b: TSurveyBatchOut) => {
    setDownloading(b.id);
    try {
      const name = await downloadBatchCodes(b.id, fileName(b));
      message.success(`已下载：${name}`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setDownloading(null);
    }
  };

  const create = async (v: BatchForm) => {
    setCreating(true);
    try {
      const note = v.note?.trim();
      const b = await createSurveyBatch(survey.id, { count: v.count, ...(note ? { note } : {}) });
      message.success(`已生成 ${b.count} 个一次性二维码，可下载 Word 文档打印发放`);
      form.resetFields();
      await Promise.all([
        qc.invalidateQueries({ queryKey: sk.batches(survey.id) }),
        qc.invalidateQueries({ queryKey: sk.detail(survey.id) }),
      ]);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setCreating(false);
    }
  };

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
                onClick={() => void download(b)}
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
        <Form<BatchForm>
          form={form}
          layout="inline"
          initialValues={{ count: 50 }}
          onFinish={(v) => void create(v)}
          style={{ marginBottom: 16, rowGap: 8 }}
        >
          <Form.Item
            name="count"
            label="数量"
            rules={[{ required: true, type: 'integer', min: 1, max: 2000, message: '请填写 1 至 2000 之间的整数' }]}
          >
            <InputNumber min={1} max={2000} precision={0} style={{ width: 120 }} suffix="个" />
          </Form.Item>
          <Form.Item name="note" label="用途说明" rules={[{ max: 100, message: '用途说明不能超过100个字' }]}>
            <Input maxLength={100} placeholder="如：领导班子民主测评会" style={{ width: 240 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={creating}>
              生成
            </Button>
          </Form.Item>
        </Form>
      )}
      {survey.status === 'closed' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="问卷已结束收集，已发放的链接无法再提交；如需继续，请先重新发布"
        />
      )}
      {batches.error && <ErrorAlert error={batches.error} onRetry={() => void batches.refetch()} />}
      <Table<TSurveyBatchOut>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={batches.isFetching}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 640 }}
        locale={{
          emptyText: batches.isPending ? ' ' : <Empty description="尚未生成一次性链接" />,
        }}
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
