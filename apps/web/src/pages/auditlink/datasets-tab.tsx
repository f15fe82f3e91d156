import { DeleteOutlined, InboxOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  COLUMN_TYPE_LABELS,
  DATASET_ENCODING_LABELS,
  LOGICAL_COLUMN_LABELS,
  type TColumnType,
  type TDatasetEncoding,
  type TLogicalColumn,
} from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Progress,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { alk, deleteDataset, getDataset, listDatasets, type TDatasetOut, uploadDataset } from '../../api/auditlink.ts';
import { errorText } from '../../api/client.ts';
import { QueryTable } from '../../components/cursor-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useAction } from '../../components/form-kit/index.ts';
import { DatasetStatusTag, formatBytes, when } from './shared.tsx';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; file: string; percent: number }
  | { kind: 'reading'; file: string }
  | { kind: 'failed'; file: string; error: unknown };

/** A dataset's columns, types and first rows, and the 身份证号 found invalid at upload. */
function DatasetDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const q = useQuery({ queryKey: alk.dataset(id ?? ''), queryFn: () => getDataset(id ?? ''), enabled: !!id });
  const d = q.data;
  const previewColumns: TableColumnsType<Record<string, string | null>> = (d?.columns ?? []).map((c) => ({
    title: c.name,
    dataIndex: c.name,
    ellipsis: true,
    width: 140,
    render: (v: string | null) => v ?? <Typography.Text type="secondary">（空）</Typography.Text>,
  }));
  return (
    <Drawer title={d ? `数据表：${d.fileName}` : '数据表'} open={!!id} onClose={onClose} size={960}>
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {d && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="行数">{d.rows.toLocaleString()}</Descriptions.Item>
            <Descriptions.Item label="大小">{formatBytes(d.bytes)}</Descriptions.Item>
            <Descriptions.Item label="格式">
              {d.format?.toUpperCase()}
              {d.format === 'csv' && d.encoding ? `（${DATASET_ENCODING_LABELS[d.encoding as TDatasetEncoding]}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="表头所在行">第 {d.headerRow} 行</Descriptions.Item>
            <Descriptions.Item label="上传人">{d.uploadedByName}</Descriptions.Item>
            <Descriptions.Item label="上传时间">{when(d.uploadedAt)}</Descriptions.Item>
            <Descriptions.Item label="SM3 校验值" span={2}>
              <Typography.Text code copyable>
                {d.checksum}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          {d.idProblems.map((p) => (
            <Alert
              key={p.column}
              type="warning"
              showIcon
              title={`“${p.column}”列有 ${p.rows} 行身份证号无效，比对时这些行会列为无效行，不参与比对`}
              description={p.examples
                .slice(0, 5)
                .map((e) => `第 ${e.row} 行“${e.value ?? ''}”：${e.reason}`)
                .join('；')}
            />
          ))}
          <Card size="small" title="列与类型">
            <Table
              size="small"
              rowKey="name"
              pagination={false}
              dataSource={d.columns}
              columns={[
                { title: '列名（表头）', dataIndex: 'name' },
                {
                  title: '识别的类型',
                  dataIndex: 'type',
                  width: 120,
                  render: (t: TColumnType) => <Tag>{COLUMN_TYPE_LABELS[t]}</Tag>,
                },
                {
                  title: '自动对应',
                  dataIndex: 'logical',
                  width: 160,
                  render: (l: TLogicalColumn | null) =>
                    l ? (
                      <Tag color="blue">{LOGICAL_COLUMN_LABELS[l]}</Tag>
                    ) : (
                      <Typography.Text type="secondary">—</Typography.Text>
                    ),
                },
              ]}
            />
          </Card>
          <Card size="small" title={`前 ${d.preview.length} 行预览（按文件原样显示）`}>
            <Table
              size="small"
              rowKey={(_, i) => String(i)}
              pagination={false}
              scroll={{ x: Math.max(600, d.columns.length * 140) }}
              dataSource={d.preview}
              columns={previewColumns}
            />
          </Card>
        </Space>
      )}
    </Drawer>
  );
}

/**
 * The tables of an inspection: drag a CSV or XLSX in (the upload's bytes, then the reading of its
 * rows, each with a progress bar), open one to see its columns and rows, delete one.
 */
export function DatasetsTab({ inspectionId, canWrite }: { inspectionId: string; canWrite: boolean }) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [open, setOpen] = useState<string | null>(null);
  const reading = phase.kind === 'uploading' || phase.kind === 'reading';
  const list = useQuery({
    queryKey: alk.datasets(inspectionId),
    queryFn: ({ signal }) => listDatasets(inspectionId, signal),
    // While a file is read in, its rows read so far come with the list.
    refetchInterval: (q) =>
      reading || q.state.data?.items.some((d) => d.status === 'ingesting' && !d.stalled) ? 1000 : false,
  });
  const remove = useAction((d: TDatasetOut) => deleteDataset(d.id), {
    success: '已删除数据表',
    invalidate: [alk.datasets(inspectionId)],
  });

  const start = async (file: File) => {
    setPhase({ kind: 'uploading', file: file.name, percent: 0 });
    try {
      const r = await uploadDataset(inspectionId, file, {
        onProgress: (percent) => setPhase({ kind: 'uploading', file: file.name, percent }),
        onUploaded: () => setPhase({ kind: 'reading', file: file.name }),
      });
      setPhase({ kind: 'idle' });
      message.success(`已读取“${file.name}”：${r.rows.toLocaleString()} 行，${r.columns.length} 列`);
      void queryClient.invalidateQueries({ queryKey: alk.datasets(inspectionId) });
      setOpen(r.id);
    } catch (e) {
      setPhase({ kind: 'failed', file: file.name, error: e });
      void queryClient.invalidateQueries({ queryKey: alk.datasets(inspectionId) });
    }
  };

  const ingesting = list.data?.items.find((d) => d.status === 'ingesting' && !d.stalled);
  const columns: TableColumnsType<TDatasetOut> = [
    {
      title: '文件名',
      dataIndex: 'fileName',
      render: (v: string, d) =>
        d.status === 'ready' ? (
          <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(d.id)}>
            {v}
          </Button>
        ) : (
          v
        ),
    },
    { title: '状态', width: 100, render: (_, d) => <DatasetStatusTag status={d.status} stalled={d.stalled} /> },
    { title: '行数', dataIndex: 'rows', width: 110, align: 'right', render: (n: number) => n.toLocaleString() },
    { title: '列数', width: 70, align: 'right', render: (_, d) => d.columns.length || '—' },
    { title: '大小', dataIndex: 'bytes', width: 100, align: 'right', render: (n: number) => formatBytes(n) },
    {
      title: '无效身份证号',
      dataIndex: 'invalidIdRows',
      width: 110,
      align: 'right',
      render: (n: number) => (n ? <Typography.Text type="warning">{n} 行</Typography.Text> : '—'),
    },
    { title: '上传人', dataIndex: 'uploadedByName', width: 100 },
    { title: '上传时间', dataIndex: 'uploadedAt', width: 150, render: when },
    ...(canWrite
      ? [
          {
            title: '操作',
            width: 80,
            render: (_: unknown, d: TDatasetOut) =>
              (d.status === 'ready' || d.stalled) && (
                <Button
                  type="link"
                  danger
                  size="small"
                  icon={<DeleteOutlined />}
                  loading={remove.running?.[0].id === d.id}
                  onClick={() =>
                    modal.confirm({
                      title: '删除数据表？',
                      content: `将删除“${d.fileName}”的加密存储文件，删除后不能再用它比对；已完成的比对结果保留。需要再次输入密码确认。`,
                      okText: '删除',
                      okButtonProps: { danger: true },
                      onOk: () => remove.run(d),
                    })
                  }
                >
                  删除
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {canWrite && (
        <Upload.Dragger
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          disabled={reading}
          beforeUpload={(file) => {
            void start(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或将 CSV、Excel（.xlsx）文件拖到此处上传</p>
          <p className="ant-upload-hint">
            CSV 可为 UTF-8 或 GBK/GB18030
            编码（自动识别）；表头之上的标题行会自动跳过；百万行级文件可直接上传，文件加密存储
          </p>
        </Upload.Dragger>
      )}
      {phase.kind === 'uploading' && (
        <Card size="small" title={`正在上传：${phase.file}`}>
          <Progress percent={phase.percent} status="active" aria-label="上传进度" />
        </Card>
      )}
      {phase.kind === 'reading' && (
        <Card size="small" title={`已上传，正在读取：${phase.file}`}>
          <Progress
            percent={100}
            success={{ percent: 100 }}
            format={() => `已读取 ${(ingesting?.rows ?? 0).toLocaleString()} 行`}
            aria-label="读取进度"
          />
        </Card>
      )}
      {phase.kind === 'failed' && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setPhase({ kind: 'idle' })}
          title={`“${phase.file}”未能读取`}
          description={errorText(phase.error)}
        />
      )}
      <QueryTable<TDatasetOut>
        query={list}
        rows={list.data?.items ?? []}
        columns={columns}
        empty={canWrite ? '还没有数据表：请上传审计或部门提供的数据' : '还没有数据表'}
      />
      <DatasetDrawer id={open} onClose={() => setOpen(null)} />
    </Space>
  );
}
