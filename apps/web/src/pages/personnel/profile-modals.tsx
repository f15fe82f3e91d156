import { useQueryClient } from '@tanstack/react-query';
import { APPRAISAL_GRADES, TEAM_ROLE_LABELS } from '@xc/domain';
import { App, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { errorText } from '../../api/client.ts';
import {
  createAppraisal,
  createSecondment,
  createShadowing,
  ppk,
  type TInspectorProfileOut,
} from '../../api/personnel.ts';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const noFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

export type SecondmentKind = 'secondment' | 'shadowing';

interface SecondmentValues {
  hostName?: string;
  hostAuthorityId?: string;
  from: Dayjs;
  to?: Dayjs | null;
}

/** 登记以干代训 (lent to a 上级巡视组, named) or 登记跟班学习 (learning at another office, picked). */
export function SecondmentModal({
  kind,
  inspector,
  onClose,
}: {
  kind: SecondmentKind | null;
  inspector: { id: string; name: string };
  onClose: () => void;
}) {
  const [form] = Form.useForm<SecondmentValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const open = kind !== null;
  const label = kind === 'shadowing' ? '跟班学习' : '以干代训';

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
  }, [open, form]);

  const submit = async () => {
    let v: SecondmentValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const from = iso(v.from) ?? '';
      const to = iso(v.to);
      if (kind === 'shadowing')
        await createShadowing({ inspectorId: inspector.id, hostAuthorityId: v.hostAuthorityId ?? '', from, to });
      else await createSecondment({ inspectorId: inspector.id, hostName: (v.hostName ?? '').trim(), from, to });
      void queryClient.invalidateQueries({ queryKey: ppk.all });
      message.success(`${label}已登记`);
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
      title={`登记${label}：${inspector.name}`}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText="保存"
      forceRender
      destroyOnHidden={false}
    >
      {Boolean(error) && <ErrorAlert error={error} />}
      <Form<SecondmentValues> form={form} name="secondmentCreate" layout="vertical">
        {kind === 'shadowing' ? (
          <Form.Item
            name="hostAuthorityId"
            label="跟班学习的巡察机构"
            rules={[{ required: true, message: '请选择跟班学习的巡察机构' }]}
          >
            <AuthoritySelect />
          </Form.Item>
        ) : (
          <Form.Item
            name="hostName"
            label="上级巡视组"
            rules={[
              { required: true, whitespace: true, message: '请输入上级巡视组' },
              { max: 60, message: '上级巡视组不能超过60个字' },
            ]}
          >
            <Input placeholder="如：省委第三巡视组" maxLength={60} showCount />
          </Form.Item>
        )}
        <Form.Item name="from" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
          <DatePicker style={{ width: 240 }} disabledDate={noFuture} />
        </Form.Item>
        <Form.Item
          name="to"
          label="结束日期"
          extra="尚未结束可不填"
          dependencies={['from']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, to: Dayjs | null | undefined) => {
                const from = getFieldValue('from') as Dayjs | undefined;
                if (to && from && to.isBefore(from, 'day'))
                  return Promise.reject(new Error('结束日期不能早于开始日期'));
                return Promise.resolve();
              },
            }),
          ]}
        >
          <DatePicker style={{ width: 240 }} placeholder="至今" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface AppraisalValues {
  teamId: string;
  grade: (typeof APPRAISAL_GRADES)[number];
  comment?: string;
  appraisedOn: Dayjs;
}

/** 登记鉴定: the team's appraisal of the person's work in one round; one per team. */
export function AppraisalModal({
  open,
  profile,
  onClose,
}: {
  open: boolean;
  profile: TInspectorProfileOut;
  onClose: () => void;
}) {
  const [form] = Form.useForm<AppraisalValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The profile lists appraisals by round and team name only; a team is marked as appraised when that
  // pair names it alone (round names repeat across terms, so an ambiguous pair is left to the server's 409).
  const key = (roundName: string, teamName: string) => `${roundName}\u0000${teamName}`;
  const done = new Set(profile.appraisals.map((a) => key(a.roundName, a.teamName)));
  const seen = new Map<string, number>();
  for (const t of profile.teams)
    seen.set(key(t.roundName, t.teamName), (seen.get(key(t.roundName, t.teamName)) ?? 0) + 1);
  const teams = profile.teams.map((t) => {
    const k = key(t.roundName, t.teamName);
    return { ...t, appraised: done.has(k) && seen.get(k) === 1 };
  });

  // Only when the modal opens: a refetched profile must not reset the form while the user types.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first free team is read once per opening
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ appraisedOn: dayjs(), teamId: teams.find((t) => !t.appraised)?.teamId });
  }, [open, form]);

  const submit = async () => {
    let v: AppraisalValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const team = profile.teams.find((t) => t.teamId === v.teamId);
    if (!team) return;
    setSaving(true);
    setError(null);
    try {
      await createAppraisal({
        inspectorId: profile.id,
        roundId: team.roundId,
        teamId: team.teamId,
        grade: v.grade,
        comment: (v.comment ?? '').trim(),
        appraisedOn: iso(v.appraisedOn) ?? '',
      });
      void queryClient.invalidateQueries({ queryKey: ppk.all });
      message.success('鉴定已登记');
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
      title={`登记鉴定：${profile.name}`}
      open={open}
      width={620}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ disabled: !teams.some((t) => !t.appraised) }}
      confirmLoading={saving}
      okText="保存"
      forceRender
      destroyOnHidden={false}
    >
      {Boolean(error) && <ErrorAlert error={error} />}
      {teams.length === 0 && (
        <Typography.Paragraph type="warning">该干部尚未参加巡察组，无法登记鉴定。</Typography.Paragraph>
      )}
      {teams.length > 0 && teams.every((t) => t.appraised) && (
        <Typography.Paragraph type="warning">该干部参加过的巡察组均已登记鉴定。</Typography.Paragraph>
      )}
      <Form<AppraisalValues>
        form={form}
        name="appraisalCreate"
        layout="vertical"
        disabled={!teams.some((t) => !t.appraised)}
      >
        <Form.Item name="teamId" label="巡察组" rules={[{ required: true, message: '请选择鉴定所属的巡察组' }]}>
          <Select
            placeholder="选择该干部参加过的巡察组"
            options={teams.map((t) => ({
              value: t.teamId,
              disabled: t.appraised,
              label: `${t.termName} · ${t.roundName} · ${t.teamName}（${TEAM_ROLE_LABELS[t.role] ?? t.role}）${
                t.appraised ? ' · 已鉴定' : ''
              }`,
            }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="grade" label="考核等次" rules={[{ required: true, message: '请选择考核等次' }]}>
          <Radio.Group options={APPRAISAL_GRADES.map((g) => ({ value: g, label: g }))} optionType="button" />
        </Form.Item>
        <Form.Item name="comment" label="评价意见" rules={[{ max: 500, message: '评价意见不能超过500个字' }]}>
          <Input.TextArea rows={5} maxLength={500} showCount placeholder="政治表现、工作作风、履职情况等" />
        </Form.Item>
        <Form.Item name="appraisedOn" label="鉴定日期" rules={[{ required: true, message: '请选择鉴定日期' }]}>
          <DatePicker style={{ width: 240 }} disabledDate={noFuture} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
