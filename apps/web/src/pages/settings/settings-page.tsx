import { useQuery, useQueryClient } from '@tanstack/react-query';
import { SETTING_LABELS, type TSettings, ZSettings, ZSettingsResponse } from '@xc/domain';
import { App, Button, Card, Col, Divider, Form, InputNumber, Row, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { errorText } from '../../api/client.ts';
import { qk } from '../../api/keys.ts';
import { getSettings, putSettings } from '../../api/settings.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { handleVersionConflict } from '../../components/version-conflict.ts';

type Key = keyof TSettings;

const GROUPS: { title: string; keys: Key[] }[] = [
  {
    title: '密码策略',
    keys: ['passwordMinLength', 'passwordMinClasses', 'passwordExpiryDays', 'passwordHistoryCount'],
  },
  { title: '登录锁定', keys: ['lockoutMaxFailures', 'lockoutMinutes'] },
  { title: '会话', keys: ['sessionIdleMinutes', 'sessionAbsoluteHours'] },
  { title: '审计', keys: ['auditRetentionDays'] },
];

/** Bounds come from the domain schema, so the form and the server agree. */
function bounds(key: Key): { min?: number; max?: number } {
  const s = ZSettings.shape[key];
  return { min: s.minValue ?? undefined, max: s.maxValue ?? undefined };
}

export default function SettingsPage() {
  usePageMeta([]);
  const [form] = Form.useForm<TSettings>();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: qk.settings, queryFn: getSettings, staleTime: 0 });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data.settings);
  }, [q.data, form]);

  const submit = async (values: TSettings) => {
    if (!q.data) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await putSettings({ version: q.data.version, settings: values });
      queryClient.setQueryData(qk.settings, saved);
      message.success('系统设置已保存');
    } catch (e) {
      const conflict = handleVersionConflict(e, modal, ZSettingsResponse, (current) => {
        if (current) queryClient.setQueryData(qk.settings, current);
        else void q.refetch();
      });
      if (!conflict) {
        setError(e);
        message.error(errorText(e));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <div>
      <PageHeader
        title="系统设置"
        sub={
          q.data?.updatedAt
            ? `最后修改于 ${dayjs(q.data.updatedAt).format('YYYY-MM-DD HH:mm')}，修改后立即生效并记入审计日志`
            : '修改后立即生效并记入审计日志'
        }
      />
      <Card>
        {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
        {Boolean(error) && <ErrorAlert error={error} />}
        {q.isPending ? (
          <Skeleton active paragraph={{ rows: 10 }} />
        ) : (
          <Form<TSettings> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 880 }}>
            {GROUPS.map((g, gi) => (
              <div key={g.title}>
                {gi > 0 && <Divider />}
                <Typography.Title level={5}>{g.title}</Typography.Title>
                <Row gutter={24}>
                  {g.keys.map((key) => {
                    const { min, max } = bounds(key);
                    return (
                      <Col xs={24} md={12} key={key}>
                        <Form.Item
                          name={key}
                          label={SETTING_LABELS[key]}
                          extra={`取值范围 ${min ?? '—'} ~ ${max ?? '—'}`}
                          rules={[
                            { required: true, message: `请填写${SETTING_LABELS[key]}` },
                            {
                              type: 'integer',
                              min,
                              max,
                              message: `${SETTING_LABELS[key]}应为 ${min} ~ ${max} 之间的整数`,
                            },
                          ]}
                        >
                          <InputNumber min={min} max={max} precision={0} style={{ width: 220 }} />
                        </Form.Item>
                      </Col>
                    );
                  })}
                </Row>
              </div>
            ))}
            <Divider />
            <Space>
              <Button type="primary" htmlType="submit" loading={saving}>
                保存设置
              </Button>
              <Button onClick={() => q.data && form.setFieldsValue(q.data.settings)} disabled={saving}>
                放弃修改
              </Button>
            </Space>
          </Form>
        )}
      </Card>
    </div>
  );
}
