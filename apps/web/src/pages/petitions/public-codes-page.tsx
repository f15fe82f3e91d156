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
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Image,
  Input,
  Popconfirm,
  Row,
  Skeleton,
  Space,
  Switch,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router';
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
import { QueryTable } from '../../components/cursor-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, iso, SchemaForm, useAction, useExport, useSchemaForm } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { downloadPosterImage } from './poster-image.ts';
import { InspectionSelect, isUuid } from './shared.tsx';
import './petitions.css';

interface AnnouncementValues {
  period?: [Dayjs | null, Dayjs | null] | null;
  scope?: string;
  phone?: string;
  mailbox?: string;
  email?: string;
  hours?: string;
  version?: number;
}

function toForm(a: TAnnouncement): AnnouncementValues {
  return {
    period: a.periodFrom && a.periodTo ? [dayjs(a.periodFrom), dayjs(a.periodTo)] : null,
    scope: a.scope || DEFAULT_ANNOUNCEMENT_SCOPE,
    phone: a.phone,
    mailbox: a.mailbox,
    email: a.email ?? '',
    hours: a.hours ?? '',
    version: a.version,
  };
}

/* ---------- 巡察公告 ---------- */

function AnnouncementCard({ inspectionId }: { inspectionId: string }) {
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: petk.announcement(inspectionId),
    queryFn: () => getAnnouncement(inspectionId),
  });
  const take = (a: TAnnouncement) => {
    queryClient.setQueryData(petk.announcement(inspectionId), a);
    return toForm(a);
  };
  const kit = useSchemaForm({
    schema: ZAnnouncementUpdate,
    toBody: (v: AnnouncementValues) => ({
      version: v.version ?? 0,
      periodFrom: iso(v.period?.[0]) ?? '',
      periodTo: iso(v.period?.[1]) ?? '',
      scope: v.scope ?? '',
      phone: v.phone ?? '',
      mailbox: v.mailbox ?? '',
      email: v.email ?? '',
      hours: v.hours ?? '',
    }),
    // The schema's two dates are one range field in the form.
    rename: { periodFrom: 'period', periodTo: 'period' },
    mutationFn: (body) => putAnnouncement(inspectionId, body),
    success: '巡察公告已保存，海报和扫码页面将使用新的内容',
    onSuccess: (saved) => kit.form.setFieldsValue(take(saved)),
    conflict: {
      schema: ZAnnouncement,
      reload: (current) => {
        if (current) return take(current);
        kit.refill();
        void q.refetch();
        return undefined;
      },
    },
    invalidMessage: '请检查标红的内容',
    // Filled once per inspection: a background refetch must neither overwrite what the user is
    // typing nor silently move the version forward.
    open: true,
    openKey: inspectionId,
    initial: () => (q.data?.inspectionId === inspectionId ? toForm(q.data) : undefined),
  });
  const { form } = kit;

  const loading = !kit.ready;
  const unsaved = kit.ready && q.data?.version === 0;
  return (
    <Card
      size="small"
      title={
        <Space>
          巡察公告
          {!loading && (unsaved ? <Tag color="gold">尚未保存，以下为默认内容</Tag> : <Tag color="green">已保存</Tag>)}
        </Space>
      }
      extra={
        <Button
          type="primary"
          size="small"
          icon={<SaveOutlined />}
          loading={kit.pending}
          disabled={loading}
          onClick={() => void kit.submit()}
        >
          保存公告
        </Button>
      }
      style={{ marginBottom: 16 }}
    >
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {Boolean(kit.error) && <ErrorAlert error={kit.error} />}
      {loading && !q.error ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          公告内容印在二维码海报上，并显示在群众扫码后的页面中。
          {q.data?.teamName ? `发布单位：${q.data.teamName}。` : ''}
        </Typography.Paragraph>
      )}
      <SchemaForm kit={kit} name="announcement" style={{ display: loading ? 'none' : undefined }}>
        <Row gutter={16}>
          <Col xs={24} md={12} xl={8}>
            <Field name="period" label="进驻期间" required>
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Field>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Field name="hours" label="受理时间">
              <Input maxLength={100} placeholder="如：工作日 8:30—12:00，14:30—17:30" />
            </Field>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Field name="phone" label="举报电话" required>
              <Input maxLength={50} placeholder="如：0797-1234567" />
            </Field>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Field name="mailbox" label="邮政信箱" required>
              <Input maxLength={100} placeholder="如：XX市XX邮政局XX号信箱（邮编 341000）" />
            </Field>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Field name="email" label="电子邮箱">
              <Input maxLength={100} placeholder="可不填" />
            </Field>
          </Col>
          <Col span={24}>
            <Field
              name="scope"
              label="受理范围"
              required
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
            </Field>
          </Col>
        </Row>
      </SchemaForm>
    </Card>
  );
}

/* ---------- 码上巡二维码 ---------- */

function OpenSwitch({ code, inspectionId }: { code: TPublicCodeOut; inspectionId: string }) {
  const queryClient = useQueryClient();
  const toggle = useAction((open: boolean) => updatePublicCode(code.code, { open }), {
    success: (saved, open) => (open ? `${saved.orgName}的二维码已开放` : `${saved.orgName}的二维码已关闭`),
    onSuccess: (saved) =>
      queryClient.setQueryData(petk.codes(inspectionId), (old: { items: TPublicCodeOut[] } | undefined) =>
        old ? { items: old.items.map((c) => (c.code === saved.code ? saved : c)) } : old,
      ),
    // The switch shows what the server has, whatever the failure was.
    onError: () => {
      void queryClient.invalidateQueries({ queryKey: petk.codes(inspectionId) });
      return false;
    },
  });
  const set = (open: boolean) => toggle.run(open);
  const sw = (
    <Switch
      checked={code.open}
      loading={toggle.pending}
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
  const download = useExport(run, '已下载');
  return (
    <Button type="link" size="small" icon={icon} loading={download.pending} onClick={() => void download.run()}>
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
      <QueryTable<TPublicCodeOut>
        query={codes}
        rows={items}
        rowKey="code"
        columns={columns}
        scroll={{ x: 900 }}
        empty="该巡察没有被巡察单位，无法生成二维码"
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
