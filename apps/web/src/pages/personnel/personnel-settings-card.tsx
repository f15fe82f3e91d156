import { SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { PERSONNEL_SETTING_LABELS, type TPersonnelSettings } from '@xc/domain';
import { App, Button, Card, Form, InputNumber, Skeleton, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { errorText } from '../../api/client.ts';
import { getPersonnelSettings, putPersonnelSettings } from '../../api/personnel.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

const NUMBER_KEYS = [
  'teamMin',
  'teamMax',
  'deputiesMin',
  'deputiesMax',
  'recusalYears',
  'longTermYears',
  'longColleagueYears',
] as const;
const SWITCH_KEYS = ['requireFinanceOrAudit', 'regionalRecusal'] as const;

/**
 * 组队与回避设置 of one authority. Every recusal check and team warning reads them; only the office
 * leader may change them, and the change is audited.
 */
export function PersonnelSettingsCard({ authorityId, canManage }: { authorityId: string; canManage: boolean }) {
  const [form] = Form.useForm<TPersonnelSettings>();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const key = ['personnel', 'settings', authorityId];
  const q = useQuery({ queryKey: key, queryFn: () => getPersonnelSettings(authorityId), enabled: !!authorityId });
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data.settings);
  }, [q.data, form]);

  const save = async () => {
    const values = await form.validateFields();
    modal.confirm({
      title: '修改组队与回避设置',
      content: '修改后，所有巡察组的回避审查和人员组成提示将按新设置计算。此项修改将记入审计日志。',
      okText: '确定修改',
      cancelText: '取消',
      onOk: async () => {
        setSaving(true);
        try {
          await putPersonnelSettings(authorityId, { version: q.data?.version ?? 0, settings: values });
          message.success('设置已保存');
          await queryClient.invalidateQueries({ queryKey: ['personnel'] });
        } catch (e) {
          message.error(errorText(e));
        } finally {
          setSaving(false);
        }
      },
    });
  };

  return (
    <Card
      size="small"
      title="组队与回避设置"
      style={{ marginTop: 16 }}
      extra={
        canManage && (
          <Button type="primary" size="small" icon={<SaveOutlined />} loading={saving} onClick={() => void save()}>
            保存设置
          </Button>
        )
      }
    >
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.isPending ? (
        <Skeleton active />
      ) : (
        <Form form={form} name="personnel-settings" layout="inline" disabled={!canManage} style={{ rowGap: 8 }}>
          {NUMBER_KEYS.map((k) => (
            <Form.Item
              key={k}
              name={k}
              label={PERSONNEL_SETTING_LABELS[k]}
              rules={[{ required: true, message: '请填写' }]}
            >
              <InputNumber min={0} max={30} precision={0} style={{ width: 80 }} />
            </Form.Item>
          ))}
          {SWITCH_KEYS.map((k) => (
            <Form.Item key={k} name={k} label={PERSONNEL_SETTING_LABELS[k]} valuePropName="checked">
              <Switch />
            </Form.Item>
          ))}
        </Form>
      )}
    </Card>
  );
}
