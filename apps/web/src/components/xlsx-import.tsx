import { FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { ErrorCode, type TImportRowError } from '@xc/domain';
import { Alert, App, Button, Card, Form, Progress, Result, Space, Spin, Steps, Table, Typography, Upload } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useMe } from '../api/hooks.ts';
import { ZImportInvalidDetails } from '../api/orgs.ts';
import { AuthoritySelect } from './authority-select.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { useAction } from './form-kit/index.ts';
import { PageHeader } from './page-header.tsx';

const MAX_BYTES = 20 * 1024 * 1024;

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; percent: number; file: string }
  | { kind: 'processing'; file: string }
  | { kind: 'done'; result: ImportResult; file: string }
  | { kind: 'invalid'; errors: TImportRowError[]; totalRows: number; file: string; message: string }
  | { kind: 'failed'; error: unknown; file: string };

interface ImportResult {
  imported: number;
  authorityId: string;
}

export interface XlsxImportProps {
  title: string;
  /** What the template's columns mean, under the download button. */
  columnsHelp: ReactNode;
  uploadHint: string;
  /** '个单位', '名巡察干部': how the success message counts what was imported. */
  unit: string;
  downloadTemplate: () => Promise<unknown>;
  upload: (
    authorityId: string,
    file: File,
    on: { onProgress?: (p: number) => void; onUploaded?: () => void },
  ) => Promise<ImportResult>;
  /** Refresh what the import changed. */
  onImported: () => void;
  listPath: (authorityId: string) => string;
  listLabel: string;
  /** Users who cannot choose another authority import into their own. */
  authorityLocked?: boolean;
}

/**
 * Batch import from an xlsx template, all or nothing: the server checks every row first; when any
 * row is wrong nothing is imported and the row-by-row report is shown here. The registry and the
 * inspector pool share this page; only the words and the calls differ.
 */
export function XlsxImport(props: XlsxImportProps) {
  const { data: me } = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [authorityId, setAuthorityId] = useState<string | undefined>(me?.user.authorityId ?? undefined);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const busy = phase.kind === 'uploading' || phase.kind === 'processing';
  const template = useAction(props.downloadTemplate);
  // The phase shows the bytes going up, the server working, then the outcome; the mutation carries the run.
  const importFile = useMutation({
    mutationFn: ({ to, file }: { to: string; file: File }) =>
      props.upload(to, file, {
        onProgress: (percent) => setPhase((p) => (p.kind === 'uploading' ? { ...p, percent } : p)),
        onUploaded: () => setPhase({ kind: 'processing', file: file.name }),
      }),
    onSuccess: (result, { file }) => {
      props.onImported();
      setPhase({ kind: 'done', result, file: file.name });
    },
    onError: (e, { file }) => {
      if (e instanceof ApiError && e.code === ErrorCode.ImportInvalid) {
        const d = ZImportInvalidDetails.safeParse(e.details);
        if (d.success) {
          setPhase({
            kind: 'invalid',
            errors: d.data.errors,
            totalRows: d.data.totalRows,
            file: file.name,
            message: e.message,
          });
          return;
        }
      }
      setPhase({ kind: 'failed', error: e, file: file.name });
    },
  });

  const start = (file: File) => {
    if (!authorityId) {
      message.warning('请先选择巡察机构');
      return;
    }
    if (!/\.xlsx$/i.test(file.name)) {
      setPhase({ kind: 'failed', error: new Error('请选择 .xlsx 格式的文件（可先下载模板填写）'), file: file.name });
      return;
    }
    if (file.size > MAX_BYTES) {
      setPhase({ kind: 'failed', error: new Error('文件超过20MB，请拆分后分批导入'), file: file.name });
      return;
    }
    setPhase({ kind: 'uploading', percent: 0, file: file.name });
    importFile.mutate({ to: authorityId, file });
  };

  const failed = phase.kind === 'invalid' || phase.kind === 'failed';
  const step = phase.kind === 'idle' ? 1 : busy || failed ? 2 : 3;
  const resultRef = useRef<HTMLDivElement>(null);
  // The outcome appears below the upload area: bring it into view when it changes.
  useEffect(() => {
    if (phase.kind !== 'idle') resultRef.current?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }, [phase.kind]);

  return (
    <div>
      <PageHeader title={props.title} sub="按模板填写后上传；全部校验通过才会导入，任一行有误则不导入任何数据" />
      <Card>
        <Steps
          current={step}
          status={failed ? 'error' : undefined}
          style={{ marginBottom: 24 }}
          items={[{ title: '下载模板并填写' }, { title: '选择文件上传' }, { title: '校验并导入' }, { title: '完成' }]}
        />
        <Form layout="vertical" style={{ maxWidth: 720 }}>
          <Form.Item label="导入到巡察机构" required>
            <AuthoritySelect
              value={authorityId}
              onChange={setAuthorityId}
              disabled={busy || props.authorityLocked}
              style={{ width: 360 }}
            />
          </Form.Item>
          <Form.Item label="导入模板">
            <Space orientation="vertical" size={4}>
              <Button icon={<FileExcelOutlined />} onClick={() => void template.run()} loading={template.pending}>
                下载模板
              </Button>
              <Typography.Text type="secondary">{props.columnsHelp}</Typography.Text>
            </Space>
          </Form.Item>
          <Form.Item label="上传文件">
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              multiple={false}
              showUploadList={false}
              disabled={busy || !authorityId}
              beforeUpload={(file) => {
                start(file);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">
                {authorityId ? '点击或将 xlsx 文件拖到此处上传' : '请先选择要导入到的巡察机构'}
              </p>
              <p className="ant-upload-hint">{props.uploadHint}</p>
            </Upload.Dragger>
          </Form.Item>
        </Form>

        <div ref={resultRef}>
          {phase.kind === 'uploading' && (
            <Card size="small" title={`正在上传：${phase.file}`}>
              <Progress percent={phase.percent} status="active" />
            </Card>
          )}
          {phase.kind === 'processing' && (
            <Card size="small" title={`已上传：${phase.file}`}>
              <Progress percent={100} />
              <Space style={{ marginTop: 12 }}>
                <Spin />
                <Typography.Text>正在校验并导入…（行数较多时可能需要一两分钟，请勿关闭页面）</Typography.Text>
              </Space>
            </Card>
          )}
          {phase.kind === 'done' && (
            <Result
              status="success"
              title={`导入成功，共导入 ${phase.result.imported} ${props.unit}`}
              subTitle={`文件：${phase.file}`}
              extra={[
                <Button type="primary" key="list" onClick={() => navigate(props.listPath(phase.result.authorityId))}>
                  {props.listLabel}
                </Button>,
                <Button key="again" onClick={() => setPhase({ kind: 'idle' })}>
                  继续导入
                </Button>,
              ]}
            />
          )}
          {phase.kind === 'invalid' && (
            <div>
              <Alert
                type="error"
                showIcon
                title={phase.message || '导入失败'}
                description={`文件“${phase.file}”共 ${phase.totalRows} 行数据，其中 ${new Set(phase.errors.map((e) => e.row)).size} 行有误。请按下表逐行修改后重新上传。`}
                style={{ marginBottom: 16 }}
              />
              <Table<TImportRowError & { key: number }>
                size="small"
                rowKey="key"
                dataSource={phase.errors.map((e, i) => ({ ...e, key: i }))}
                pagination={{ defaultPageSize: 20, pageSizeOptions: [20, 50, 100], showTotal: (t) => `共 ${t} 处错误` }}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 90, sorter: (a, b) => a.row - b.row },
                  { title: '列', dataIndex: 'column', width: 160 },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            </div>
          )}
          {phase.kind === 'failed' && (
            <ErrorAlert title={`“${phase.file}”导入失败，未导入任何数据`} error={phase.error} />
          )}
        </div>
      </Card>
    </div>
  );
}
