import { DeleteOutlined, DownloadOutlined, LinkOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  EVIDENCE_KIND_LABELS,
  INTERVIEW_KIND_LABELS,
  MAX_REGULATIONS_PER_PAPER,
  type TEvidenceIn,
  type TEvidenceKind,
} from '@xc/domain';
import { App, Button, Dropdown, Input, Modal, Progress, Select, Space, Tag, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { errorText } from '../../api/client.ts';
import {
  downloadFieldworkFile,
  fwk,
  listActivities,
  listInterviews,
  uploadFieldworkFile,
} from '../../api/fieldwork.ts';
import { usePermissions } from '../../api/hooks.ts';
import { listPetitions, petk } from '../../api/petitions.ts';
import { useExport } from '../../components/form-kit/index.ts';

const KIND_COLOURS: Record<TEvidenceKind, string> = {
  file: 'blue',
  interview: 'purple',
  document: 'cyan',
  petition: 'orange',
};

type TRefKind = Exclude<TEvidenceKind, 'file'>;

/** Choose the interview, document review or petition of this inspection that the evidence points at. */
function ReferenceModal({
  inspectionId,
  kind,
  onClose,
  onAdd,
}: {
  inspectionId: string;
  kind: TRefKind | null;
  onClose: () => void;
  onAdd: (e: TEvidenceIn) => void;
}) {
  const [picked, setPicked] = useState<string | undefined>();
  const [label, setLabel] = useState('');
  const interviews = useQuery({
    queryKey: fwk.interviews(inspectionId, { limit: 200 }),
    queryFn: ({ signal }) => listInterviews(inspectionId, { limit: 200 }, signal),
    enabled: kind === 'interview',
  });
  const documents = useQuery({
    queryKey: fwk.activities(inspectionId, { kind: 'documentReview', limit: 200 }),
    queryFn: ({ signal }) => listActivities(inspectionId, { kind: 'documentReview', limit: 200 }, signal),
    enabled: kind === 'document',
  });
  const petitions = useQuery({
    queryKey: petk.list({ inspectionId, limit: 200 }),
    queryFn: ({ signal }) => listPetitions({ inspectionId, limit: 200 }, signal),
    enabled: kind === 'petition',
  });
  const options =
    kind === 'interview'
      ? (interviews.data?.items ?? []).map((i) => ({
          value: i.id,
          label: `${i.date} ${i.intervieweeName}（${i.intervieweePost}，${INTERVIEW_KIND_LABELS[i.kind]}）谈话记录`,
        }))
      : kind === 'document'
        ? (documents.data?.items ?? []).map((a) => ({
            value: a.id,
            label: `${a.date} 调阅${a.subject ?? '资料'}（${a.count}份）`,
          }))
        : (petitions.data?.items ?? []).map((p) => ({
            value: p.id,
            label: `${p.receivedOn} ${p.orgName}：${p.summary.slice(0, 40)}`,
          }));
  const loading =
    kind === 'interview' ? interviews.isPending : kind === 'document' ? documents.isPending : petitions.isPending;
  const close = () => {
    setPicked(undefined);
    setLabel('');
    onClose();
  };
  const ok = () => {
    if (!kind) return;
    const text = label.trim() || options.find((o) => o.value === picked)?.label || '';
    onAdd({ kind, refId: picked, label: text.slice(0, 200) });
    close();
  };
  const needsRef = kind !== 'document';
  return (
    <Modal
      title={kind ? `引用${EVIDENCE_KIND_LABELS[kind]}` : ''}
      open={!!kind}
      onCancel={close}
      onOk={ok}
      okText="引用"
      okButtonProps={{ disabled: needsRef ? !picked : !picked && !label.trim() }}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select
          value={picked}
          onChange={(v?: string) => setPicked(v)}
          options={options}
          loading={loading}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={`选择本次巡察的${kind ? EVIDENCE_KIND_LABELS[kind] : ''}`}
          style={{ width: '100%' }}
          aria-label="引用的记录"
          notFoundContent={loading ? '正在加载…' : '本次巡察尚无此类记录'}
        />
        <Input
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          maxLength={200}
          placeholder={
            kind === 'document'
              ? '证据名称，如：2023年度“三重一大”事项会议记录（未登记调阅的可只填名称）'
              : '证据名称（可选，默认用所选记录）'
          }
          aria-label="证据名称"
        />
      </Space>
    </Modal>
  );
}

/**
 * 证据清单 as a form control: uploads (with their progress) and references to the inspection's
 * interviews, document reviews and petitions. Its value is the body's `evidence` list.
 */
export function EvidenceField({
  inspectionId,
  value,
  onChange,
  disabled,
  id,
}: {
  inspectionId: string;
  value?: TEvidenceIn[];
  onChange?: (v: TEvidenceIn[]) => void;
  disabled?: boolean;
  id?: string;
}) {
  const { message } = App.useApp();
  const perms = usePermissions();
  const items = value ?? [];
  const [uploading, setUploading] = useState<{ key: string; name: string; percent: number }[]>([]);
  const [referring, setReferring] = useState<TRefKind | null>(null);
  const dl = useExport((fileId: string, name: string) => downloadFieldworkFile(fileId, name), '已下载');
  // Uploads finish one by one, after other renders: each adds itself to the list as it stands then.
  const latest = useRef(items);
  latest.current = items;
  const add = (e: TEvidenceIn) => {
    latest.current = [...latest.current, e];
    onChange?.(latest.current);
  };

  const send = async (file: File) => {
    const key = `${file.name}-${Date.now()}-${Math.random()}`;
    setUploading((u) => [...u, { key, name: file.name, percent: 0 }]);
    try {
      const saved = await uploadFieldworkFile(inspectionId, file, (percent) =>
        setUploading((u) => u.map((x) => (x.key === key ? { ...x, percent } : x))),
      );
      add({ kind: 'file', refId: saved.id, label: saved.name });
    } catch (e) {
      message.error(`${file.name}：${errorText(e)}`);
    } finally {
      setUploading((u) => u.filter((x) => x.key !== key));
    }
  };

  return (
    <div id={id}>
      {items.length === 0 && uploading.length === 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          尚未列出证据
        </Typography.Paragraph>
      )}
      {items.map((e, i) => (
        <div
          // Evidence has no id of its own; every input here is controlled by the list, so a row that
          // moves up after a removal shows its own values.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={`${e.kind}-${e.refId ?? ''}-${i}`}
          style={{ display: 'flex', gap: 8, alignItems: 'center', marginBottom: 6 }}
        >
          <Typography.Text type="secondary" style={{ width: 24 }}>
            {i + 1}.
          </Typography.Text>
          <Tag color={KIND_COLOURS[e.kind]} style={{ flex: 'none' }}>
            {EVIDENCE_KIND_LABELS[e.kind]}
          </Tag>
          <Input
            value={e.label}
            disabled={disabled}
            maxLength={200}
            onChange={(ev) => onChange?.(items.map((x, k) => (k === i ? { ...x, label: ev.target.value } : x)))}
            aria-label={`证据${i + 1}名称`}
          />
          {e.kind === 'file' && e.refId && (
            <Button
              icon={<DownloadOutlined />}
              aria-label={`下载${e.label}`}
              loading={dl.running?.[0] === e.refId}
              onClick={() => void dl.run(e.refId as string, e.label)}
            />
          )}
          {!disabled && (
            <Button
              danger
              icon={<DeleteOutlined />}
              aria-label={`移除证据${i + 1}`}
              onClick={() => onChange?.(items.filter((_x, k) => k !== i))}
            />
          )}
        </div>
      ))}
      {uploading.map((u) => (
        <div key={u.key} style={{ marginBottom: 6 }}>
          <Typography.Text type="secondary">正在上传：{u.name}</Typography.Text>
          <Progress percent={u.percent} size="small" />
        </div>
      ))}
      {!disabled && (
        <Space wrap style={{ marginTop: 4 }}>
          <Upload
            multiple
            showUploadList={false}
            accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx"
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>上传证据材料</Button>
          </Upload>
          <Dropdown
            menu={{
              items: (['interview', 'document', 'petition'] as const)
                .filter((k) => k !== 'petition' || perms.has('petition:read'))
                .map((k) => ({ key: k, label: `引用${EVIDENCE_KIND_LABELS[k]}` })),
              onClick: ({ key }) => setReferring(key as TRefKind),
            }}
          >
            <Button icon={<LinkOutlined />}>引用巡察记录</Button>
          </Dropdown>
        </Space>
      )}
      <ReferenceModal inspectionId={inspectionId} kind={referring} onClose={() => setReferring(null)} onAdd={add} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
        证据材料加密保存；支持 PDF、图片、Word、Excel。提交审核须至少列出一项证据、选择一条定性依据（最多
        {MAX_REGULATIONS_PER_PAPER}条）。
      </Typography.Paragraph>
    </div>
  );
}
