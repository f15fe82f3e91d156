import { CheckCircleFilled, CloseCircleFilled, InfoCircleOutlined, LockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { characterClasses, ErrorCode, normalizeUsername } from '@xc/domain';
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { changePassword, type TLoginResult } from '../../api/auth.ts';
import { ApiError, errorText, isApiError } from '../../api/client.ts';
import { useMe } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { useLogout } from '../../app/layout.tsx';
import { safeNext } from '../../app/require-auth.tsx';

interface PwForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function Rule({ ok, text }: { ok: boolean | null; text: string }) {
  const icon =
    ok === null ? (
      <InfoCircleOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />
    ) : ok ? (
      <CheckCircleFilled style={{ color: '#52c41a' }} />
    ) : (
      <CloseCircleFilled style={{ color: '#ff4d4f' }} />
    );
  return (
    <div>
      <Space size={6}>
        {icon}
        <span>{text}</span>
      </Space>
    </div>
  );
}

/**
 * Voluntary change from the header, or forced (first login with a one-time password, or expired):
 * when forced the page has no menu and the guard keeps the user here until it is done.
 */
export default function ChangePasswordPage() {
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const doLogout = useLogout();
  const [form] = Form.useForm<PwForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; reasons: string[]; requestId: string | null } | null>(null);
  const pw = Form.useWatch('newPassword', form) ?? '';

  const loginResult = queryClient.getQueryData<TLoginResult>(qk.loginResult);
  const username = me.data?.user.username ?? loginResult?.user.username ?? '';
  const forced =
    !!me.data?.mustChangePassword ||
    !!me.data?.passwordExpired ||
    isApiError(me.error, ErrorCode.PasswordChangeRequired) ||
    (!me.data && !!loginResult?.mustChangePassword);
  const reason = me.data?.passwordExpired
    ? '您的密码已过期，请设置新密码后继续使用。'
    : '首次登录或密码被重置后，须设置新密码后才能使用系统。';

  useEffect(() => {
    document.title = '修改密码 - 巡察工作平台';
  }, []);

  const containsUser = (() => {
    if (!pw || !username) return null;
    const u = normalizeUsername(username);
    return u.length > 0 && normalizeUsername(pw).includes(u);
  })();

  const submit = async (v: PwForm) => {
    setBusy(true);
    setError(null);
    try {
      const fresh = await changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      queryClient.setQueryData(qk.me, fresh);
      queryClient.removeQueries({ queryKey: qk.loginResult });
      message.success('密码已修改');
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      const details = e instanceof ApiError ? (e.details as { reasons?: unknown } | undefined) : undefined;
      const reasons = Array.isArray(details?.reasons) ? details.reasons.map(String) : [];
      setError({ text: errorText(e), reasons, requestId: e instanceof ApiError ? e.requestId : null });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="xc-login" style={{ background: '#f0f2f5' }}>
      <Card className="xc-login-card" style={{ width: 460 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          <LockOutlined /> 设置新密码
        </Typography.Title>
        {forced && <Alert type="warning" showIcon title={reason} style={{ marginBottom: 16 }} />}
        <Card size="small" style={{ marginBottom: 16, background: '#fafafa' }} title="密码要求">
          <Rule ok={pw ? [...pw].length >= 8 : null} text="至少8位" />
          <Rule ok={pw ? characterClasses(pw) >= 3 : null} text="大写字母、小写字母、数字、特殊字符中至少3类" />
          <Rule ok={containsUser === null ? null : !containsUser} text="不能包含用户名" />
          <Rule ok={null} text="不能与最近5次使用过的密码相同" />
        </Card>
        <Form<PwForm> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            rules={[
              { required: true, message: '请输入新密码' },
              { max: 128, message: '密码过长' },
              ({ getFieldValue }) => ({
                validator: (_, value: string) =>
                  value && value === getFieldValue('currentPassword')
                    ? Promise.reject(new Error('新密码不能与当前密码相同'))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value: string) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          {error && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={error.text}
              description={
                error.reasons.length || error.requestId ? (
                  <>
                    {error.reasons.length > 0 && (
                      <ul style={{ margin: 0, paddingLeft: 18 }}>
                        {error.reasons.map((r) => (
                          <li key={r}>{r}</li>
                        ))}
                      </ul>
                    )}
                    {error.requestId && <div style={{ color: 'rgba(0,0,0,0.45)' }}>请求编号：{error.requestId}</div>}
                  </>
                ) : undefined
              }
              style={{ marginBottom: 16 }}
            />
          )}
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            {forced ? (
              <Button onClick={() => void doLogout()}>退出登录</Button>
            ) : (
              <Button onClick={() => navigate(-1)}>返回</Button>
            )}
            <Button type="primary" htmlType="submit" loading={busy}>
              修改密码
            </Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
