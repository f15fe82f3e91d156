import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  DownloadOutlined,
  EditOutlined,
  FileWordOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { DUAL_REPORT_KIND_LABELS, type TDualReportKind, ZDualReportRecordUpdate } from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Progress,
  Space,
  Steps,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { errorText, isApiError } from '../../api/client.ts';
import {
  checkDualReport,
  downloadDualReportDocx,
  downloadGovernanceFile,
  gak,
  putDualReportRecord,
  type TDualReportViewOut,
  uploadDualReportFile,
  useDualReport,
} from '../../api/governance-archive.ts';
import { usePermissions } from '../../api/hooks.ts';
import { getInspection, pk } from '../../api/planning.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import {
  afterToday,
  day,
  Field,
  FormDrawer,
  iso,
  optional,
  useAction,
  useExport,
  useSchemaForm,
} from '../../components/form-kit/index.ts';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { LoadFailed } from '../../components/load-failed.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { DueColourTag } from '../rectification/shared.tsx';
import { DualStateTag, useDualReportRoles } from './dual-reports-tags.tsx';

type Item = TDualReportViewOut['items'][number];

interface RecordValues {
  on?: Dayjs | null;
  docTitle?: string;
  fileId?: string | null;
}

/** The name of an inspection for the header: its targets and team, when the caller may read the plan. */
function useInspectionName(id: string) {
  const perms = usePermissions();
  const q = useQuery({
    queryKey: pk.inspection(id),
    queryFn: () => getInspection(id),
    enabled: !!id && perms.has('plan:read'),
    retry: false,
  });
  const i = q.data;
  if (!i) return undefined;
  const targets = i.targets.map((t) => t.name).join('、');
  return `${i.roundName} · ${targets}${i.teamName ? `（${i.teamName}）` : ''}`;
}

/** The county records one of the three: when it was sent, the document's title and the document itself. */
function RecordDrawer({
  inspectionId,
  view,
  item,
  onClose,
}: {
  inspectionId: string;
  view: TDualReportViewOut | undefined;
  item: Item | null;
  onClose: () => void;
}) {
  const { message, modal } = App.useApp();
  const [progress, setProgress] = useState<number | null>(null);
  /** The name of a file uploaded in this drawer; until then the record's stored file is named. */
  const [uploadedName, setUploadedName] = useState<string | null>(null);
  const kit = useSchemaForm({
    schema: ZDualReportRecordUpdate,
    toBody: (v: RecordValues) => ({
      version: view?.version,
      on: iso(v.on) ?? null,
      docTitle: optional(v.docTitle) ?? null,
      fileId: v.fileId ?? null,
    }),
    mutationFn: (body) => putDualReportRecord(inspectionId, item?.kind ?? 'countyCommittee', body),
    success: '已保存报送记录',
    invalidate: [gak.all],
    onSuccess: onClose,
    onError: (e) => {
      if (!isApiError(e) || e.status !== 409) return false;
      modal.warning({
        title: '报送记录已被他人修改',
        content: '已加载最新记录，请核对后重新登记。',
        onOk: onClose,
      });
      return true;
    },
    open: !!item,
    openKey: item?.kind,
    initial: () => {
      if (!item) return undefined;
      setUploadedName(null);
      return { on: day(item.on), docTitle: item.docTitle ?? '', fileId: item.fileId };
    },
  });
  const fileId = Form.useWatch('fileId', kit.form) as string | null | undefined;
  const send = async (file: File) => {
    setProgress(0);
    try {
      const stored = await uploadDualReportFile(inspectionId, file, setProgress);
      kit.form.setFieldsValue({ fileId: stored.id });
      setUploadedName(stored.name);
      message.success(`已上传：${stored.name}`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setProgress(null);
    }
  };
  return (
    <FormDrawer
      kit={kit}
      title={item ? `登记：${DUAL_REPORT_KIND_LABELS[item.kind]}` : '登记报送'}
      open={!!item}
      onClose={onClose}
      name="dualReportRecord"
      size={520}
      blocked={progress !== null}
      intro={
        item?.due && (
          <Typography.Paragraph type="secondary">
            报送时限 {item.due}。清空报送日期和文件标题并保存，可撤销误登记的记录。
          </Typography.Paragraph>
        )
      }
    >
      <Field name="on" label="报送日期">
        <DatePicker disabledDate={afterToday} style={{ width: 200 }} />
      </Field>
      <Field name="docTitle" label="文件标题">
        <Input maxLength={100} showCount placeholder="如：关于对市XX局党组开展授权巡察情况的报告" />
      </Field>
      <Field
        name="fileId"
        label="报送文件"
        extra="上传盖章后的报送文件（PDF 或 Word）；也可下载系统根据巡察报告生成的文稿"
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          {fileId ? (
            <Space>
              <Tag color="green">{uploadedName ?? item?.fileName ?? '报送文件'}</Tag>
              <Button size="small" type="link" danger onClick={() => kit.form.setFieldsValue({ fileId: null })}>
                移除
              </Button>
            </Space>
          ) : (
            <Typography.Text type="secondary">尚未上传</Typography.Text>
          )}
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={progress !== null}>
              {fileId ? '重新上传' : '上传文件'}
            </Button>
          </Upload>
          {progress !== null && <Progress percent={progress} size="small" />}
        </Space>
      </Field>
    </FormDrawer>
  );
}

function RecordCard({
  inspectionId,
  view,
  item,
  onEdit,
}: {
  inspectionId: string;
  view: TDualReportViewOut;
  item: Item;
  onEdit: () => void;
}) {
  const { modal } = App.useApp();
  const roles = useDualReportRoles();
  const label = DUAL_REPORT_KIND_LABELS[item.kind];
  const docx = useExport(() => downloadDualReportDocx(inspectionId, item.kind, `${label}.docx`), '已下载');
  const file = useExport(
    (id: string) => downloadGovernanceFile(id, item.fileName ?? `${label}${item.docTitle ? `-${item.docTitle}` : ''}`),
    '已下载',
  );
  const check = useAction(
    (checked: boolean) => checkDualReport(inspectionId, item.kind, { version: view.version, checked }),
    {
      success: (_r, checked) => (checked ? `已审核：${label}` : `已撤销审核：${label}`),
      invalidate: [gak.all],
      onError: (e) => {
        if (!isApiError(e) || e.status !== 409) return false;
        modal.warning({
          title: '报送记录已被修改',
          content: '县委巡察办刚刚修改了报送记录，已加载最新内容，请重新审核。',
        });
        return true;
      },
    },
  );
  const confirmCheck = (checked: boolean) =>
    modal.confirm({
      title: checked ? `审核通过“${label}”？` : `撤销对“${label}”的审核？`,
      content: checked
        ? `确认县委巡察办已于 ${item.on ?? '—'} 报送《${item.docTitle ?? '—'}》，材料齐全、符合要求。审核结果将记入审计日志。`
        : '撤销后该项恢复为“已报送待审核”，县委巡察办可修改后重新报送。',
      okText: checked ? '审核通过' : '撤销审核',
      okButtonProps: { danger: !checked },
      onOk: () => check.run(checked),
    });
  const filed = !!item.on;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={
        <Space wrap>
          <span>{label}</span>
          <DualStateTag state={item.state} colour={item.colour} />
          {item.late && <Tag color="volcano">逾期报送</Tag>}
        </Space>
      }
      extra={
        <Space wrap>
          <Button size="small" icon={<FileWordOutlined />} loading={docx.pending} onClick={() => void docx.run()}>
            生成文稿
          </Button>
          {roles.write && !item.checkedByCityOffice && (
            <Button size="small" type="primary" ghost icon={<EditOutlined />} onClick={onEdit}>
              {filed ? '修改' : '登记报送'}
            </Button>
          )}
          {roles.check && filed && !item.checkedByCityOffice && (
            <Button
              size="small"
              type="primary"
              icon={<CheckCircleOutlined />}
              loading={check.pending}
              onClick={() => confirmCheck(true)}
            >
              审核
            </Button>
          )}
          {roles.check && item.checkedByCityOffice && (
            <Button size="small" loading={check.pending} onClick={() => confirmCheck(false)}>
              撤销审核
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          {
            key: 'due',
            label: '报送时限',
            children: item.due ? (
              <Space size={4}>
                {item.due}
                {item.colour !== 'none' && <DueColourTag colour={item.colour} />}
              </Space>
            ) : (
              '尚未起算'
            ),
          },
          { key: 'on', label: '报送日期', children: item.on ?? '未报送' },
          { key: 'title', label: '文件标题', children: item.docTitle ?? '—' },
          {
            key: 'file',
            label: '报送文件',
            children: item.fileId ? (
              <Button
                type="link"
                size="small"
                style={{ padding: 0 }}
                icon={<DownloadOutlined />}
                loading={file.pending}
                onClick={() => item.fileId && void file.run(item.fileId)}
              >
                {item.fileName ?? '下载'}
              </Button>
            ) : (
              '未上传'
            ),
          },
          {
            key: 'check',
            label: '市委巡察办审核',
            children: item.checkedByCityOffice ? `已审核（${item.checkedOn ?? '—'}）` : filed ? '待审核' : '—',
          },
        ]}
      />
    </Card>
  );
}

/**
 * One authorized inspection's 双报告一报备 checklist: the three records with their dates, documents,
 * due dates and warnings; the county office records them, the city office checks them.
 */
export default function DualReportDetailPage() {
  const { inspectionId = '' } = useParams();
  const navigate = useNavigate();
  const q = useDualReport(inspectionId);
  const name = useInspectionName(inspectionId);
  const [editing, setEditing] = useState<TDualReportKind | null>(null);
  usePageMeta([{ title: name ?? '报送情况' }]);
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/governance/dual-reports')}>
      返回列表
    </Button>
  );
  if (q.isPending) return <FullPageSpin />;
  if (q.error)
    return (
      <LoadFailed
        error={q.error}
        onRetry={() => void q.refetch()}
        notFound="该巡察不是授权巡察，或不在您的查看范围内"
        back={{ label: '返回双报告一报备', to: '/governance/dual-reports' }}
      />
    );
  const view = q.data;
  const done = view.items.filter((i) => i.state === 'checked').length;
  const editingItem = view.items.find((i) => i.kind === editing) ?? null;
  return (
    <div>
      <PageHeader title="双报告一报备" sub={name} extra={back} />
      {view.warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 12 }} />
      ))}
      <Card style={{ marginBottom: 16 }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {view.anchor
              ? `书记专题会听取巡察情况汇报：${view.anchor}，各项时限自该日起算`
              : '书记专题会尚未听取巡察情况汇报，报送时限尚未起算'}
          </Typography.Text>
          <Steps
            size="small"
            current={done}
            items={view.items.map((i) => ({
              title: DUAL_REPORT_KIND_LABELS[i.kind],
              status: i.state === 'checked' ? 'finish' : i.state === 'overdue' ? 'error' : i.on ? 'process' : 'wait',
              content: i.on ? `${i.on} 报送` : i.due ? `时限 ${i.due}` : undefined,
            }))}
          />
        </Space>
      </Card>
      {view.items.map((item) => (
        <RecordCard
          key={item.kind}
          inspectionId={inspectionId}
          view={view}
          item={item}
          onEdit={() => setEditing(item.kind)}
        />
      ))}
      <RecordDrawer inspectionId={inspectionId} view={view} item={editingItem} onClose={() => setEditing(null)} />
    </div>
  );
}
