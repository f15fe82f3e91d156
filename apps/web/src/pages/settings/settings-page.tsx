import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DEFAULT_SETTINGS,
  ROLE_LABELS,
  ROLES,
  SETTING_LABELS,
  type TRole,
  type TSettings,
  ZSettings,
  ZSettingsResponse,
  ZSettingsUpdate,
} from '@xc/domain';
import { Alert, Button, Card, Col, Divider, Form, InputNumber, Row, Select, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { Fragment, useEffect } from 'react';
import { qk } from '../../api/keys.ts';
import { getSettings, putSettings } from '../../api/settings.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, SchemaForm, useSchemaForm } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';

/** The settings edited here as numbers (the roles that need a second factor are not). */
type Key = { [K in keyof TSettings]: TSettings[K] extends number ? K : never }[keyof TSettings];

/** The second-factor roles have a section of their own, after the lockout. */
const GROUPS: { title: string; keys: Key[]; secondFactor?: true }[] = [
  {
    title: '密码策略',
    keys: ['passwordMinLength', 'passwordMinClasses', 'passwordExpiryDays', 'passwordHistoryCount'],
  },
  { title: '登录锁定', keys: ['lockoutMaxFailures', 'lockoutMinutes'] },
  { title: '双因素认证', keys: [], secondFactor: true },
  { title: '会话', keys: ['sessionIdleMinutes', 'sessionAbsoluteHours', 'maxSessionsPerUser'] },
  { title: '账号与导出', keys: ['inactiveDisableDays', 'exportsPerHour'] },
  { title: '审计', keys: ['auditRetentionDays'] },
];

/** 等保 L3 asks the second factor of the 三员 and the office (the defaults); leaving one out is said. */
const RECOMMENDED_TOTP_ROLES: readonly TRole[] = DEFAULT_SETTINGS.totpRequiredRoles;

function SecondFactorRoles() {
  return (
    <>
      <Field
        name="totpRequiredRoles"
        label={SETTING_LABELS.totpRequiredRoles}
        extra="新增的角色中尚未绑定身份验证器的账号（包括您本人），下一次操作时须先完成绑定；未勾选的角色可自行选择是否启用。"
      >
        <Select
          mode="multiple"
          allowClear
          placeholder="不要求任何角色使用双因素认证"
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          optionFilterProp="label"
          style={{ maxWidth: 720 }}
        />
      </Field>
      {/* Read in render, not through Form.useWatch: useWatch answers undefined on its first render and
          catches up one effect later, so the page flashed "every role is missing" while it loaded
          (and a test reading the warning right after the form appeared could see that flash). */}
      <Form.Item noStyle shouldUpdate={(a: TSettings, b: TSettings) => a.totpRequiredRoles !== b.totpRequiredRoles}>
        {({ getFieldValue }) => {
          const chosen: TRole[] = getFieldValue('totpRequiredRoles') ?? [];
          const missing = RECOMMENDED_TOTP_ROLES.filter((r) => !chosen.includes(r));
          return missing.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              title="等保三级要求三员和巡察办人员使用双因素认证"
              description={`以下角色未勾选，登录时只需密码：${missing.map((r) => ROLE_LABELS[r]).join('、')}。正式使用时请勿取消勾选。`}
              style={{ maxWidth: 720, marginBottom: 16 }}
            />
          ) : null;
        }}
      </Form.Item>
    </>
  );
}

/** Bounds come from the domain schema, so the form and the server agree. */
function bounds(key: Key): { min?: number; max?: number } {
  const s = ZSettings.shape[key];
  return { min: s.minValue ?? undefined, max: s.maxValue ?? undefined };
}

export default function SettingsPage() {
  usePageMeta([]);
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: qk.settings, queryFn: getSettings, staleTime: 0 });
  const kit = useSchemaForm({
    schema: ZSettingsUpdate,
    toBody: (settings: Partial<TSettings>) => ({ version: q.data?.version, settings }),
    rename: { settings: '' },
    mutationFn: putSettings,
    success: '系统设置已保存',
    onSuccess: (saved) => queryClient.setQueryData(qk.settings, saved),
    conflict: {
      schema: ZSettingsResponse,
      reload: (current) => {
        if (current) queryClient.setQueryData(qk.settings, current);
        else void q.refetch();
        return undefined;
      },
    },
  });
  const { form } = kit;

  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data.settings);
  }, [q.data, form]);

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
        {Boolean(kit.error) && <ErrorAlert error={kit.error} />}
        {q.isPending ? (
          <Skeleton active paragraph={{ rows: 10 }} />
        ) : (
          <SchemaForm
            kit={kit}
            onFinish={() => void kit.submit()}
            // The form mounts once the settings are loaded, so it starts with them: no empty first paint.
            initialValues={q.data?.settings}
            style={{ maxWidth: 880 }}
          >
            {GROUPS.map((g, gi) => (
              <Fragment key={g.title}>
                {gi > 0 && <Divider />}
                <Typography.Title level={5}>{g.title}</Typography.Title>
                {g.secondFactor && <SecondFactorRoles />}
                <Row gutter={24}>
                  {g.keys.map((key) => {
                    const { min, max } = bounds(key);
                    return (
                      <Col xs={24} md={12} key={key}>
                        <Field
                          name={key}
                          label={SETTING_LABELS[key]}
                          extra={`取值范围 ${min ?? '—'} ~ ${max ?? '—'}`}
                          required
                        >
                          <InputNumber min={min} max={max} precision={0} style={{ width: 220 }} />
                        </Field>
                      </Col>
                    );
                  })}
                </Row>
              </Fragment>
            ))}
            <Divider />
            <Space>
              <Button type="primary" htmlType="submit" loading={kit.pending}>
                保存设置
              </Button>
              <Button onClick={() => q.data && form.setFieldsValue(q.data.settings)} disabled={kit.pending}>
                放弃修改
              </Button>
            </Space>
          </SchemaForm>
        )}
      </Card>
    </div>
  );
}
