import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ErrorCode } from '@xc/domain';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { getMe, login } from '../../api/auth.ts';
import { ApiError, errorText } from '../../api/client.ts';
import { useMe } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { CHANGE_PASSWORD_PATH, safeNext } from '../../app/require-auth.tsx';

interface LoginForm {
  username: string;
  password: string;
}

export default function LoginPage() {
  const [form] = Form.useForm<LoginForm>();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; requestId: string | null } | null>(null);

  useEffect(() => {
    document.title = '登录 - 巡察工作平台';
    // Nothing of a previous session stays in memory once the login page is shown.
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== qk.me[0] });
  }, [queryClient]);

  if (me.data && !busy) {
    const forced = me.data.mustChangePassword || me.data.passwordExpired;
    return <Navigate to={forced ? CHANGE_PASSWORD_PATH : next} replace />;
  }

  const submit = async (values: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      const r = await login({ username: values.username.trim(), password: values.password });
      queryClient.setQueryData(qk.loginResult, r);
      let forced = r.mustChangePassword;
      try {
        const fresh = await queryClient.fetchQuery({ queryKey: qk.me, queryFn: getMe, staleTime: 0 });
        forced = forced || !!fresh?.mustChangePassword || !!fresh?.passwordExpired;
      } catch (e) {
        if (!(e instanceof ApiError && e.code === ErrorCode.PasswordChangeRequired)) throw e;
        forced = true;
      }
      navigate(forced ? `${CHANGE_PASSWORD_PATH}?next=${encodeURIComponent(next)}` : next, { replace: true });
    } catch (e) {
      setError({ text: errorText(e), requestId: e instanceof ApiError ? e.requestId : null });
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="xc-login">
      <Card className="xc-login-card">
        <div className="xc-login-title">
          <div className="xc-logo-mark" style={{ width: 48, height: 48, fontSize: 26, marginBottom: 12 }}>
            巡
          </div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            巡察工作平台
          </Typography.Title>
          <Typography.Text type="secondary">巡察机构工作人员登录</Typography.Text>
        </div>
        <Form<LoginForm> form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="username"
            label="用户名"
            rules={[
              { required: true, whitespace: true, message: '请输入用户名' },
              { max: 64, message: '用户名过长' },
            ]}
          >
            <Input prefix={<UserOutlined />} placeholder="用户名" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label="密码"
            rules={[
              { required: true, message: '请输入密码' },
              { max: 128, message: '密码过长' },
            ]}
          >
            <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" />
          </Form.Item>
          {error && (
            <Alert
              type="error"
              showIcon
              title={error.text}
              description={error.requestId ? `请求编号：${error.requestId}` : undefined}
              style={{ marginBottom: 16 }}
              role="alert"
            />
          )}
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          本系统处理涉密敏感信息，仅限授权人员使用。所有操作均被记录审计。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
