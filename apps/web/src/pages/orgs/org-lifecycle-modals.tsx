import { useQueryClient } from '@tanstack/react-query';
import { type TOrgDetail, ZOrgDetail } from '@xc/domain';
import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { qk } from '../../api/keys.ts';
import { abolishOrg, mergeOrg } from '../../api/orgs.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { OrgSelect } from '../../components/org-select.tsx';
import { handleVersionConflict } from '../../components/version-conflict.ts';

/** An end date may not be in the future nor before the organization was established. */
function disabledEndDate(org: TOrgDetail) {
  return (d: Dayjs) =>
    d.isAfter(dayjs(), 'day') || (org.establishedOn ? d.isBefore(dayjs(org.establishedOn), 'day') : false);
}

function useLifecycleSave(org: TOrgDetail, onDone: (o: TOrgDetail) => void) {
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<TOrgDetail>, ok: string) => {
    setSaving(true);
    setError(null);
    try {
      const saved = await action();
      queryClient.setQueryData(qk.org(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: qk.orgs });
      message.success(ok);
      onDone(saved);
    } catch (e) {
      const conflict = handleVersionConflict(e, modal, ZOrgDetail, (current) => {
        if (current) queryClient.setQueryData(qk.org(current.id), current);
        else void queryClient.invalidateQueries({ queryKey: qk.org(org.id) });
        onDone(current ?? org);
      });
      if (!conflict) {
        setError(e);
      }
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, setError, run };
}

interface MergeValues {
  intoId: string;
  date: Dayjs;
  reason?: string;
}

export function MergeOrgModal({ org, open, onClose }: { org: TOrgDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<MergeValues>();
  const [intoName, setIntoName] = useState<string | null>(null);
  const { saving, error, setError, run } = useLifecycleSave(org, onClose);

  useEffect(() => {
    if (open) {
      setIntoName(null);
      setError(null);
    }
  }, [open, setError]);

  const submit = async () => {
    const v = await form.validateFields();
    await run(
      () =>
        mergeOrg(org.id, {
          version: org.version,
          intoId: v.intoId,
          date: v.date.format('YYYY-MM-DD'),
          reason: v.reason?.trim() || undefined,
        }),
      `「${org.name}」已合并`,
    );
  };

  const target = intoName ? `「${intoName}」` : '目标单位';
  return (
    <Modal
      title={`合并单位：${org.name}`}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ danger: true }}
      confirmLoading={saving}
      destroyOnHidden
      width={560}
    >
      <Alert
        type="warning"
        showIcon
        title="合并后不可撤回"
        description={
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            <li>合并后，「{org.name}」状态变为“已合并”，不再计入后续巡察对象（已有的巡察记录保留）。</li>
            {org.childCount > 0 ? (
              <li>
                其下级单位（{org.childCount}个）将划归{target}管辖。
              </li>
            ) : null}
            <li>合并关系记入两个单位的变更历史。</li>
          </ul>
        }
        style={{ marginBottom: 16 }}
      />
      {Boolean(error) && <ErrorAlert error={error} />}
      <Form<MergeValues> form={form} layout="vertical" initialValues={{ date: dayjs() }}>
        <Form.Item name="intoId" label="合并到" rules={[{ required: true, message: '请选择合并到的单位' }]}>
          <OrgSelect
            authorityId={org.authorityId}
            excludeIds={[org.id]}
            placeholder="输入单位名称搜索（同一巡察机构内）"
            onChange={(_, o) => setIntoName(o?.name ?? null)}
          />
        </Form.Item>
        <Form.Item name="date" label="合并日期" rules={[{ required: true, message: '请选择合并日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={disabledEndDate(org)} />
        </Form.Item>
        <Form.Item name="reason" label="合并依据" rules={[{ max: 200, message: '合并依据不能超过200个字' }]}>
          <Input.TextArea rows={3} placeholder="如：机构改革文件名称及文号" maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface AbolishValues {
  date: Dayjs;
  reason: string;
}

export function AbolishOrgModal({ org, open, onClose }: { org: TOrgDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<AbolishValues>();
  const { saving, error, setError, run } = useLifecycleSave(org, onClose);

  useEffect(() => {
    if (open) setError(null);
  }, [open, setError]);

  const submit = async () => {
    const v = await form.validateFields();
    await run(
      () => abolishOrg(org.id, { version: org.version, date: v.date.format('YYYY-MM-DD'), reason: v.reason.trim() }),
      `「${org.name}」已撤销`,
    );
  };

  return (
    <Modal
      title={`撤销单位：${org.name}`}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ danger: true, disabled: org.childCount > 0 }}
      confirmLoading={saving}
      destroyOnHidden
      width={560}
    >
      <Alert
        type="error"
        showIcon
        title="撤销后不可恢复"
        description={
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            <li>撤销后，「{org.name}」状态变为“已撤销”，不再计入后续巡察对象（已有的巡察记录保留）。</li>
            {org.childCount > 0 ? (
              <li>
                该单位还有 {org.childCount} 个存续的下级单位，须先将其合并、撤销或调整到其他上级单位，才能撤销本单位。
              </li>
            ) : null}
            <li>撤销日期和依据记入变更历史。</li>
          </ul>
        }
        style={{ marginBottom: 16 }}
      />
      {Boolean(error) && <ErrorAlert error={error} />}
      <Form<AbolishValues> form={form} layout="vertical" initialValues={{ date: dayjs() }}>
        <Form.Item name="date" label="撤销日期" rules={[{ required: true, message: '请选择撤销日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={disabledEndDate(org)} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="撤销依据"
          rules={[
            { required: true, whitespace: true, message: '请填写撤销依据' },
            { max: 200, message: '撤销依据不能超过200个字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="如：机构改革文件名称及文号" maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
