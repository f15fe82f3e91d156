import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { MAX_REPORT_FILES, submissionEditable } from '@xc/domain';
import { App, Button, Empty, List, Popconfirm, Progress, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorText } from '../../api/client.ts';
import {
  downloadReportFile,
  rk,
  type TReportListOut,
  updateReport,
  uploadReportFile,
} from '../../api/rectification.ts';
import { useAction, useExport } from '../../components/form-kit/index.ts';
import { fileSize, when } from '../petitions/shared.tsx';

type TReport = TReportListOut['items'][number];

/** What the server takes as a report's attachment (it decides by the bytes; this only filters the picker). */
const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png';

/**
 * A report's attachments (报告附件): the list with downloads and, while the report is with the
 * organization (起草中 or 退回修改) and the caller may write it, uploads with progress and removal
 * after a confirmation. Removing is a save of the report's `fileIds` under its version.
 */
export function ReportFiles({ report, canWrite }: { report: TReport; canWrite: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  // The report an upload answered, until the list is read again: its version is the one to save under.
  const [answered, setAnswered] = useState<TReport | null>(null);
  const cur = answered && answered.version > report.version ? answered : report;
  const files = cur.files ?? [];
  const editable = canWrite && submissionEditable(cur.status);
  const full = cur.fileIds.length >= MAX_REPORT_FILES;
  const dl = useExport((id: string, name: string) => downloadReportFile(id, name), '已下载');
  const remove = useAction(
    (fileId: string) =>
      updateReport(cur.id, { version: cur.version, fileIds: cur.fileIds.filter((id) => id !== fileId) }),
    {
      success: '已删除附件',
      invalidate: [rk.all],
      onSuccess: (r) => setAnswered(r),
    },
  );
  const send = async (file: File) => {
    setProgress({ name: file.name, percent: 0 });
    try {
      const r = await uploadReportFile(cur.id, file, (percent) => setProgress({ name: file.name, percent }));
      setAnswered(r);
      message.success(`已上传：${file.name}`);
      void queryClient.invalidateQueries({ queryKey: rk.all });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setProgress(null);
    }
  };
  return (
    <div>
      {editable && (
        <Space wrap style={{ marginBottom: 8 }}>
          <Upload
            showUploadList={false}
            accept={ACCEPT}
            disabled={progress !== null || full}
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={progress !== null} disabled={full}>
              上传附件
            </Button>
          </Upload>
          <Typography.Text type="secondary">
            {full
              ? `已达${MAX_REPORT_FILES}个附件的上限，请先删除不需要的附件`
              : `PDF、Word、Excel 或图片，单个文件不超过 20 MB，最多 ${MAX_REPORT_FILES} 个`}
          </Typography.Text>
        </Space>
      )}
      {progress && (
        <div style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">正在上传：{progress.name}</Typography.Text>
          <Progress percent={progress.percent} size="small" />
        </div>
      )}
      <List
        size="small"
        dataSource={files}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无附件" /> }}
        renderItem={(f) => (
          <List.Item
            actions={[
              <Button
                key="dl"
                size="small"
                type="link"
                icon={<DownloadOutlined />}
                loading={dl.running?.[0] === f.id}
                onClick={() => void dl.run(f.id, f.name)}
                aria-label={`下载${f.name}`}
              >
                下载
              </Button>,
              ...(editable
                ? [
                    <Popconfirm
                      key="rm"
                      title={`删除附件“${f.name}”？`}
                      description="删除后报告不再包含该附件。"
                      okText="删除"
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() => remove.run(f.id)}
                    >
                      <Button
                        size="small"
                        type="link"
                        danger
                        icon={<DeleteOutlined />}
                        loading={remove.running?.[0] === f.id}
                        aria-label={`删除${f.name}`}
                      >
                        删除
                      </Button>
                    </Popconfirm>,
                  ]
                : []),
            ]}
          >
            <List.Item.Meta
              avatar={<PaperClipOutlined />}
              title={f.name}
              description={`${fileSize(f.size)} · ${when(f.uploadedAt)}`}
            />
          </List.Item>
        )}
      />
    </div>
  );
}
