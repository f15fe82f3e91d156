import { useQuery, useQueryClient } from '@tanstack/react-query';
import { AWARD_KIND_LABELS, AWARD_KINDS, type TAwardKind, TRAINING_MODE_LABELS, TRAINING_MODES } from '@xc/domain';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Radio, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { errorText } from '../../api/client.ts';
import {
  createAward,
  createTraining,
  getAttendees,
  ppk,
  putAttendees,
  type TTrainingItem,
} from '../../api/personnel.ts';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { InspectorPicker } from './inspector-picker.tsx';

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');
const noFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

interface TrainingValues {
  authorityId: string;
  title: string;
  heldOn: Dayjs;
  hours: number;
  mode: (typeof TRAINING_MODES)[number];
}

/** 登记培训: one training of the authority; the sign-in sheet is filled afterwards (参训人员). */
export function TrainingFormModal({
  open,
  defaultAuthorityId,
  onClose,
  onCreated,
}: {
  open: boolean;
  defaultAuthorityId?: string;
  onClose: () => void;
  onCreated?: (t: TTrainingItem) => void;
}) {
  const [form] = Form.useForm<TrainingValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ authorityId: defaultAuthorityId, heldOn: dayjs(), mode: 'onsite' });
  }, [open, form, defaultAuthorityId]);

  const submit = async () => {
    let v: TrainingValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const t = await createTraining({
        authorityId: v.authorityId,
        title: v.title.trim(),
        heldOn: iso(v.heldOn),
        hours: v.hours,
        mode: v.mode,
      });
      void queryClient.invalidateQueries({ queryKey: ppk.all });
      message.success('培训已登记，可继续登记参训人员');
      onClose();
      onCreated?.(t);
    } catch (e) {
      setError(e);
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title="登记培训"
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText="保存"
      forceRender
      destroyOnHidden={false}
    >
      {Boolean(error) && <ErrorAlert error={error} />}
      <Form<TrainingValues> form={form} name="trainingCreate" layout="vertical">
        <Form.Item name="authorityId" label="巡察机构" rules={[{ required: true, message: '请选择巡察机构' }]}>
          <AuthoritySelect />
        </Form.Item>
        <Form.Item
          name="title"
          label="培训名称"
          rules={[
            { required: true, whitespace: true, message: '请输入培训名称' },
            { max: 100, message: '培训名称不能超过100个字' },
          ]}
        >
          <Input placeholder="如：2026年第一轮巡察业务培训" maxLength={100} showCount />
        </Form.Item>
        <Form.Item name="heldOn" label="培训日期" rules={[{ required: true, message: '请选择培训日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
        </Form.Item>
        <Form.Item
          name="hours"
          label="学时"
          extra="以0.5学时为单位"
          rules={[
            { required: true, message: '请输入学时' },
            {
              validator: (_, h: number | null) => {
                if (h === null || h === undefined) return Promise.resolve();
                if (h <= 0) return Promise.reject(new Error('学时必须大于0'));
                if (h > 200) return Promise.reject(new Error('学时不能超过200'));
                if (!Number.isInteger(h * 2)) return Promise.reject(new Error('学时以0.5为单位'));
                return Promise.resolve();
              },
            },
          ]}
        >
          <InputNumber min={0.5} max={200} step={0.5} precision={1} style={{ width: 160 }} suffix="学时" />
        </Form.Item>
        <Form.Item name="mode" label="培训方式" rules={[{ required: true, message: '请选择培训方式' }]}>
          <Radio.Group
            options={TRAINING_MODES.map((m) => ({ value: m, label: TRAINING_MODE_LABELS[m] }))}
            optionType="button"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 参训人员: the sign-in sheet of one training, loaded from the server and saved whole (PUT replaces
 * it). Without personnel:write the list is shown read-only.
 */
export function AttendeesModal({
  training,
  canWrite,
  onClose,
}: {
  training: TTrainingItem | null;
  canWrite: boolean;
  onClose: () => void;
}) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const open = !!training;
  const id = training?.id ?? '';
  const list = useQuery({
    queryKey: ppk.attendees(id),
    queryFn: () => getAttendees(id),
    enabled: open,
    staleTime: 0,
  });
  const [ids, setIds] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [loadedFor, setLoadedFor] = useState<string | null>(null);

  // Take the stored sheet once per opening, so a refetch does not overwrite the user's picks.
  useEffect(() => {
    if (!open) {
      setLoadedFor(null);
      setError(null);
      return;
    }
    if (loadedFor === id || !list.data || list.isFetching) return;
    setIds(list.data.items.map((a) => a.inspectorId));
    setLoadedFor(id);
  }, [open, id, list.data, list.isFetching, loadedFor]);

  const stored = list.data?.items ?? [];
  const removed = stored.filter((a) => !ids.includes(a.inspectorId));
  const added = ids.filter((x) => !stored.some((a) => a.inspectorId === x)).length;
  const dirty = loadedFor === id && (removed.length > 0 || added > 0);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const t = await putAttendees(id, ids);
      void queryClient.invalidateQueries({ queryKey: ppk.all });
      message.success(`参训人员已保存，共 ${t.attendeeCount} 人`);
      onClose();
    } catch (e) {
      setError(e);
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  const submit = () => {
    if (!removed.length) {
      void save();
      return;
    }
    modal.confirm({
      title: `确认移除 ${removed.length} 名参训人员？`,
      content: `${removed
        .slice(0, 10)
        .map((a) => a.name)
        .join('、')}${removed.length > 10 ? ' 等' : ''} 将从本次培训的签到表中移除，其培训学时随之扣除。`,
      okText: '确认保存',
      okButtonProps: { danger: true },
      onOk: save,
    });
  };

  const cancel = () => {
    if (!canWrite || !dirty) {
      onClose();
      return;
    }
    modal.confirm({
      title: '放弃未保存的修改？',
      content: '参训人员的修改尚未保存，关闭后将丢失。',
      okText: '放弃修改',
      cancelText: '继续编辑',
      onOk: onClose,
    });
  };

  return (
    <Modal
      title={`参训人员${training ? `：${training.title}` : ''}`}
      open={open}
      width={720}
      onCancel={cancel}
      onOk={canWrite ? submit : onClose}
      okText={canWrite ? '保存签到表' : '关闭'}
      okButtonProps={{ disabled: canWrite && (loadedFor !== id || !dirty) }}
      cancelButtonProps={canWrite ? undefined : { style: { display: 'none' } }}
      confirmLoading={saving}
      destroyOnHidden
    >
      {training && (
        <Typography.Paragraph type="secondary">
          {training.heldOn} · {training.hours} 学时 · {TRAINING_MODE_LABELS[training.mode] ?? training.mode}
        </Typography.Paragraph>
      )}
      {Boolean(error) && <ErrorAlert error={error} />}
      {list.error ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : loadedFor !== id ? (
        <div style={{ textAlign: 'center', padding: 24 }}>
          <Spin />
        </div>
      ) : (
        <>
          <InspectorPicker
            value={ids}
            onChange={setIds}
            known={stored}
            disabled={!canWrite}
            placeholder={canWrite ? '输入姓名搜索并添加参训人员' : '暂无参训人员'}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            已选 {ids.length} 人{dirty && `（新增 ${added} 人，移除 ${removed.length} 人，尚未保存）`}
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}

interface AwardValues {
  authorityId: string;
  kind: TAwardKind;
  batch: string;
  category?: string;
  title?: string;
  inspectorIds: string[];
  awardedOn: Dayjs;
}

/** 登记表彰: 优秀巡察干部 names the people; 优秀巡察报告 names the report, its category and authors. */
export function AwardFormModal({
  open,
  defaultAuthorityId,
  defaultKind,
  onClose,
}: {
  open: boolean;
  defaultAuthorityId?: string;
  defaultKind: TAwardKind;
  onClose: () => void;
}) {
  const [form] = Form.useForm<AwardValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const kind = Form.useWatch('kind', form) ?? defaultKind;
  const report = kind === 'excellentReport';

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      authorityId: defaultAuthorityId,
      kind: defaultKind,
      batch: `${dayjs().year()}年度`,
      inspectorIds: [],
      awardedOn: dayjs(),
    });
  }, [open, form, defaultAuthorityId, defaultKind]);

  const submit = async () => {
    let v: AwardValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const isReport = v.kind === 'excellentReport';
      await createAward(v.authorityId, {
        kind: v.kind,
        batch: v.batch.trim(),
        category: isReport ? (v.category?.trim() ?? null) : null,
        title: isReport ? (v.title?.trim() ?? null) : null,
        inspectorIds: v.inspectorIds,
        awardedOn: iso(v.awardedOn),
      });
      void queryClient.invalidateQueries({ queryKey: ppk.all });
      message.success(`${AWARD_KIND_LABELS[v.kind]}表彰已登记`);
      onClose();
    } catch (e) {
      setError(e);
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title="登记表彰"
      open={open}
      width={640}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText="保存"
      forceRender
      destroyOnHidden={false}
    >
      {Boolean(error) && <ErrorAlert error={error} />}
      <Form<AwardValues> form={form} name="awardCreate" layout="vertical">
        <Form.Item name="authorityId" label="巡察机构" rules={[{ required: true, message: '请选择巡察机构' }]}>
          <AuthoritySelect />
        </Form.Item>
        <Form.Item name="kind" label="表彰类别" rules={[{ required: true, message: '请选择表彰类别' }]}>
          <Radio.Group
            options={AWARD_KINDS.map((k) => ({ value: k, label: AWARD_KIND_LABELS[k] }))}
            optionType="button"
          />
        </Form.Item>
        <Form.Item
          name="batch"
          label="评选批次"
          rules={[
            { required: true, whitespace: true, message: '请输入评选批次' },
            { max: 20, message: '评选批次不能超过20个字' },
          ]}
        >
          <Input placeholder="如：2025年度" maxLength={20} style={{ width: 240 }} />
        </Form.Item>
        {report && (
          <>
            <Form.Item
              name="category"
              label="报告类别"
              rules={[
                { required: true, whitespace: true, message: '优秀巡察报告须填写报告类别' },
                { max: 20, message: '报告类别不能超过20个字' },
              ]}
            >
              <Input placeholder="如：综合类、专项类" maxLength={20} style={{ width: 240 }} />
            </Form.Item>
            <Form.Item
              name="title"
              label="报告题目"
              rules={[
                { required: true, whitespace: true, message: '优秀巡察报告须填写报告题目' },
                { max: 100, message: '报告题目不能超过100个字' },
              ]}
            >
              <Input maxLength={100} showCount />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="inspectorIds"
          label={report ? '执笔人' : '受表彰人员'}
          rules={[
            { required: true, type: 'array', min: 1, message: '请至少选择一名巡察干部' },
            { type: 'array', max: 200, message: '一次最多200人' },
          ]}
        >
          <InspectorPicker />
        </Form.Item>
        <Form.Item name="awardedOn" label="表彰日期" rules={[{ required: true, message: '请选择表彰日期' }]}>
          <DatePicker style={{ width: 240 }} disabledDate={noFuture} />
        </Form.Item>
        {!report && <Alert type="info" showIcon title="同一批次可分多次登记；受表彰人员将记入本人档案的“表彰”页。" />}
      </Form>
    </Modal>
  );
}
