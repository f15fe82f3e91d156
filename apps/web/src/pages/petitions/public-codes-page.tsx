import {
  DownloadOutlined,
  ExportOutlined,
  FileImageOutlined,
  FileWordOutlined,
  InboxOutlined,
  QrcodeOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DEFAULT_ANNOUNCEMENT_SCOPE, type TAnnouncement, ZAnnouncement, ZAnnouncementUpdate } from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Image,
  Input,
  Popconfirm,
  Row,
  Skeleton,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../api/client.ts';
import {
  downloadPoster,
  downloadPublicCodeQr,
  getAnnouncement,
  listPublicCodes,
  petk,
  publicCodeQrUrl,
  putAnnouncement,
  type TPublicCodeOut,
  updatePublicCode,
} from '../../api/petitions.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { handleVersionConflict } from '../../components/version-conflict.ts';
import { downloadPosterImage } from './poster-image.ts';
import { checkWithSchema, InspectionSelect, isUuid, markServerIssues } from './shared.tsx';
import './petitions.css';

interface AnnouncementValues {
  period: [Dayjs, Dayjs] | null;
  scope: string;
  phone: string;
  mailbox: string;
  email?: string;
  hours?: string;
}

const FORM_FIELDS = ['period', 'scope', 'phone', 'mailbox', 'email', 'hours'] as const;
/** The schema's two dates are one range field in the form. */
const RENAME = { periodFrom: 'period', periodTo: 'period' };

function toForm(a: TAnnouncement): AnnouncementValues {
  return {
    period: a.periodFrom && a.periodTo ? [dayjs(a.periodFrom), dayjs(a.periodTo)] : null,
    scope: a.scope || DEFAULT_ANNOUNCEMENT_SCOPE,
    phone: a.phone,
    mailbox: a.mailbox,
    email: a.email ?? '',
    hours: a.hours ?? '',
  };
}

const text = (label: string, max: number, required: boolean) => [
  ...(required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []),
  { max, message: `${label}不能超过${max}个字` },
];

/* ---------- 巡察公告 ---------- */

function AnnouncementCard({ inspectionId }: { inspectionId: string }) {
  const [form] = Form.useForm<AnnouncementValues>();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState<number | null>(null);
  const q = useQuery({
    queryKey: petk.announcement(inspectionId),
    queryFn: () => getAnnouncement(inspectionId),
  });

  // Fill the form once per inspection: a background refetch must neither overwrite what the user
  // is typing nor silently move the version forward.
  const filledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!q.data || q.data.inspectionId !== inspectionId || filledFor.current === inspectionId) return;
    filledFor.current = inspectionId;
    setError(null);
    form.resetFields();
    form.setFieldsValue(toForm(q.data));
    setVersion(q.data.version);
  }, [q.data, inspectionId, form]);

  const load = (a: TAnnouncement) => {
    queryClient.setQueryData(petk.announcement(inspectionId), a);
    form.setFieldsValue(toForm(a));
    setVersion(a.version);
  };

  const save = async () => {
    let v: AnnouncementValues;
    try {
      v = await form.validateFields();
    } catch {
      message.warning('请检查标红的内容');
      return;
    }
    const body = checkWithSchema(
      ZAnnouncementUpdate,
      {
        version: version ?? 0,
        periodFrom: v.period?.[0]?.format('YYYY-MM-DD') ?? '',
        periodTo: v.period?.[1]?.format('YYYY-MM-DD') ?? '',
        scope: v.scope ?? '',
        phone: v.phone ?? '',
        mailbox: v.mailbox ?? '',
        email: v.email?.trim() ?? '',
        hours: v.hours?.trim() ?? '',
      },
      form,
      FORM_FIELDS,
      RENAME,
    );
    if (!body) {
      message.warning('请检查标红的内容');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await putAnnouncement(inspectionId, body);
      load(saved);
      message.success('巡察公告已保存，海报和扫码页面将使用新的内容');
    } catch (e) {
      const conflict = handleVersionConflict(e, modal, ZAnnouncement, (current) => {
        if (current) load(current);
        else {
          filledFor.current = null;
          void q.refetch();
        }
      });
      if (!conflict) {
        markServerIssues(e, form, FORM_FIELDS, RENAME);
        setError(e);
        message.error(errorText(e));
      }
    } finally {
      setSaving(false);
    }
  };

  const unsaved = version === 0;
  return (
    <Card
      size="small"
      title={
        <Space>
          巡察公告
          {version !== null &&
            (unsaved ? <Tag color="gold">尚未保存，以下为默认内容</Tag> : <Tag color="green">已保存</Tag>)}
        </Space>
      }
      extra={
        <Button
          type="primary"
          size="small"
          icon={<SaveOutlined />}
          loading={saving}
          disabled={version === null}
          onClick={() => void save()}
        >
          保存公告
        </Button>
      }
      style={{ marginBottom: 16 }}
    >
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {Boolean(error) && <ErrorAlert error={error} />}
      {version === null && !q.error ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          公告内容印在二维码海报上，并显示在群众扫码后的页面中。
          {q.data?.teamName ? `发布单位：${q.data.teamName}。` : ''}
        </Typography.Paragraph>
      )}
      <Form<AnnouncementValues>
        form={form}
        name="announcement"
        layout="vertical"
        style={{ display: version === null ? 'none' : undefined }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="period" label="进驻期间" rules={[{ required: true, message: '请选择进驻期间' }]}>
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="hours" label="受理时间" rules={text('受理时间', 100, false)}>
              <Input maxLength={100} placeholder="如：工作日 8:30—12:00，14:30—17:30" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="phone" label="举报电话" rules={text('举报电话', 50, true)}>
              <Input maxLength={50} placeholder="如：0797-1234567" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="mailbox" label="邮政信箱" rules={text('邮政信箱', 100, true)}>
              <Input maxLength={100} placeholder="如：XX市XX邮政局XX号信箱（邮编 341000）" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item
              name="email"
              label="电子邮箱"
              rules={[...text('电子邮箱', 100, false), { type: 'email', message: '电子邮箱格式不正确' }]}
            >
              <Input maxLength={100} placeholder="可不填" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="scope"
              label="受理范围"
              rules={text('受理范围', 500, true)}
              extra={
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  onClick={() => form.setFieldsValue({ scope: DEFAULT_ANNOUNCEMENT_SCOPE })}
                >
                  恢复为通用表述
                </Button>
              }
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={500} showCount />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}

/* ---------- 码上巡二维码 ---------- */

function OpenSwitch({ code, inspectionId }: { code: TPublicCodeOut; inspectionId: string }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const set = async (open: boolean) => {
    setSaving(true);
    try {
      const saved = await updatePublicCode(code.code, { open });
      queryClient.setQueryData(petk.codes(inspectionId), (old: { items: TPublicCodeOut[] } | undefined) =>
        old ? { items: old.items.map((c) => (c.code === saved.code ? saved : c)) } : old,
      );
      message.success(open ? `${saved.orgName}的二维码已开放` : `${saved.orgName}的二维码已关闭`);
    } catch (e) {
      message.error(errorText(e));
      void queryClient.invalidateQueries({ queryKey: petk.codes(inspectionId) });
    } finally {
      setSaving(false);
    }
  };
  const sw = (
    <Switch
      checked={code.open}
      loading={saving}
      checkedChildren="开放"
      unCheckedChildren="已关闭"
      aria-label={`${code.orgName}二维码开放状态`}
      onChange={code.open ? undefined : () => void set(true)}
    />
  );
  if (!code.open) return sw;
  return (
    <Popconfirm
      title="关闭该二维码？"
      description={
        <div style={{ width: 280 }}>关闭后群众扫码将看到受理已结束的提示，已提交的反映不受影响。可以随时重新开放。</div>
      }
      okText="关闭"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onConfirm={() => set(false)}
    >
      {sw}
    </Popconfirm>
  );
}

function DownloadButton({ icon, label, run }: { icon: React.ReactNode; label: string; run: () => Promise<string> }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      type="link"
      size="small"
      icon={icon}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          const name = await run();
          message.success(`已下载：${name}`);
        } catch (e) {
          message.error(errorText(e));
        } finally {
          setBusy(false);
        }
      }}
    >
      {label}
    </Button>
  );
}

function CodesCard({ inspectionId }: { inspectionId: string }) {
  const navigate = useNavigate();
  const codes = useQuery({ queryKey: petk.codes(inspectionId), queryFn: () => listPublicCodes(inspectionId) });
  const announcement = useQuery({
    queryKey: petk.announcement(inspectionId),
    queryFn: () => getAnnouncement(inspectionId),
  });
  const items = codes.data?.items ?? [];
  const closed = items.filter((c) => !c.open).length;

  const columns: TableColumnsType<TPublicCodeOut> = [
    { title: '单位', dataIndex: 'orgName', width: 200 },
    {
      title: '类型',
      dataIndex: 'role',
      width: 110,
      render: (r: TPublicCodeOut['role']) =>
        r === 'primary' ? <Tag color="blue">被巡察单位</Tag> : <Tag color="green">村（社区）</Tag>,
    },
    {
      title: '二维码',
      key: 'qr',
      width: 96,
      render: (_v, c) => (
        <Image
          src={publicCodeQrUrl(c.code)}
          alt={`${c.orgName}码上巡二维码`}
          width={64}
          height={64}
          className="xc-qr-thumb"
          style={{ opacity: c.open ? 1 : 0.35 }}
        />
      ),
    },
    {
      title: '链接',
      dataIndex: 'url',
      render: (url: string, c) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text
            copyable={{ text: url, tooltips: ['复制链接', '已复制'] }}
            style={{ wordBreak: 'break-all' }}
          >
            {url}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              编码 {c.code}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: '状态',
      dataIndex: 'open',
      width: 100,
      render: (_v, c) => <OpenSwitch code={c} inspectionId={inspectionId} />,
    },
    {
      title: '操作',
      key: 'ops',
      width: 150,
      fixed: 'right',
      render: (_v, c) => (
        <Space orientation="vertical" size={0} align="start">
          <DownloadButton
            icon={<DownloadOutlined />}
            label="下载二维码"
            run={() => downloadPublicCodeQr(c.code, c.orgName)}
          />
          <DownloadButton
            icon={<FileImageOutlined />}
            label="海报图片（PNG）"
            run={() => downloadPosterImage(c.code, c.orgName)}
          />
          <DownloadButton
            icon={<FileWordOutlined />}
            label="海报（Word）"
            run={() => downloadPoster(c.code, c.orgName)}
          />
          <Button type="link" size="small" icon={<ExportOutlined />} href={c.url} target="_blank" rel="noreferrer">
            预览
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={
        <Space>
          <QrcodeOutlined />
          码上巡二维码
          {items.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
              共 {items.length} 个{closed ? `，已关闭 ${closed} 个` : ''}
            </Typography.Text>
          )}
        </Space>
      }
      extra={
        <Button
          size="small"
          icon={<InboxOutlined />}
          onClick={() => navigate(`/fieldwork/petitions?inspectionId=${inspectionId}`)}
        >
          查看收到的反映
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        每个被巡察单位和延伸巡察的村（社区）各有一个二维码。群众扫码后可以查看巡察公告、反映问题并凭查询码查看答复；反映的内容进入“信访举报”待分办。
      </Typography.Paragraph>
      {announcement.data?.version === 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="巡察公告尚未保存，海报和扫码页面暂按默认内容显示。请先核对并保存上方的公告。"
        />
      )}
      {codes.error && <ErrorAlert error={codes.error} onRetry={() => void codes.refetch()} />}
      <Table<TPublicCodeOut>
        rowKey="code"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={codes.isFetching}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{
          emptyText: codes.isPending ? ' ' : <Empty description="该巡察没有被巡察单位，无法生成二维码" />,
        }}
      />
    </Card>
  );
}

export default function PublicCodesPage() {
  usePageMeta([]);
  const [params, setParams] = useSearchParams();
  const raw = params.get('inspectionId');
  const inspectionId = isUuid(raw) ? raw : undefined;
  const choose = (id: string | undefined) => setParams(id ? new URLSearchParams({ inspectionId: id }) : {});

  return (
    <div>
      <PageHeader title="码上巡二维码" sub="巡察公告和群众扫码反映问题的二维码，按巡察任务管理" />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Typography.Text>巡察任务：</Typography.Text>
          <InspectionSelect value={inspectionId} onChange={choose} width={480} allowClear={false} />
        </Space>
      </Card>
      {inspectionId ? (
        <div key={inspectionId}>
          <AnnouncementCard inspectionId={inspectionId} />
          <CodesCard inspectionId={inspectionId} />
        </div>
      ) : (
        <Card>
          <Empty description="请先选择巡察任务，再设置巡察公告和二维码" />
        </Card>
      )}
    </div>
  );
}
