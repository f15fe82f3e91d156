import { CheckCircleFilled, CloseCircleFilled, InfoCircleOutlined, LockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { characterClasses, ErrorCode, normalizeUsername, ZPasswordChange } from '@xc/domain';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { changePassword, type TLoginResult } from '../../api/auth.ts';
import { ApiError, errorText, isApiError } from '../../api/client.ts';
import { useMe } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { useLogout } from '../../app/layout.tsx';
import { safeNext } from '../../app/require-auth.tsx';
import { Field, SchemaForm, useSchemaForm } from '../../components/form-kit/index.ts';

interface PwForm {
  currentPassword?: string;
  newPassword?: string;
  confirm?: string;
}

/**
 * The body the server takes, plus what only this form asks: the new password typed twice, and not
 * the current one again. The password rules themselves (length, classes, history) are the server's,
 * listed above the form and answered in the error's reasons.
 */
const ZPasswordForm = ZPasswordChange.extend({ confirm: z.string() }).superRefine((v, ctx) => {
  if (v.newPassword && v.newPassword === v.currentPassword)
    ctx.addIssue({ code: 'custom', path: ['newPassword'], message: '新密码不能与当前密码相同' });
  if (!v.confirm) ctx.addIssue({ code: 'custom', path: ['confirm'], message: '请再次输入新密码' });
  else if (v.confirm !== v.newPassword)
    ctx.addIssue({ code: 'custom', path: ['confirm'], message: '两次输入的新密码不一致' });
});

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
  const [params] = useSearchParams();
  const doLogout = useLogout();
  const kit = useSchemaForm({
    schema: ZPasswordForm,
    toBody: (v: PwForm) => ({
      currentPassword: v.currentPassword ?? '',
      newPassword: v.newPassword ?? '',
      confirm: v.confirm ?? '',
    }),
    mutationFn: ({ currentPassword, newPassword }) => changePassword({ currentPassword, newPassword }),
    success: '密码已修改',
    onSuccess: (fresh) => {
      queryClient.setQueryData(qk.me, fresh);
      queryClient.removeQueries({ queryKey: qk.loginResult });
      navigate(safeNext(params.get('next')), { replace: true });
    },
    errorToast: false,
  });
  const pw = Form.useWatch('newPassword', kit.form) ?? '';
  const error = kit.error;
  // A refused password comes back with the rules it broke.
  const details = error instanceof ApiError ? (error.details as { reasons?: unknown } | undefined) : undefined;
  const reasons = Array.isArray(details?.reasons) ? details.reasons.map(String) : [];
  const requestId = error instanceof ApiError ? error.requestId : null;

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
        <SchemaForm kit={kit} onFinish={() => void kit.submit()} requiredMark={false}>
          <Field name="currentPassword" label="当前密码">
            <Input.Password autoComplete="current-password" autoFocus />
          </Field>
          <Field name="newPassword" label="新密码">
            <Input.Password autoComplete="new-password" />
          </Field>
          <Field name="confirm" label="确认新密码" dependencies={['newPassword']}>
            <Input.Password autoComplete="new-password" />
          </Field>
          {Boolean(error) && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={errorText(error)}
              description={
                reasons.length || requestId ? (
                  <>
                    {reasons.length > 0 && (
                      <ul style={{ margin: 0, paddingLeft: 18 }}>
                        {reasons.map((r) => (
                          <li key={r}>{r}</li>
                        ))}
                      </ul>
                    )}
                    {requestId && <div style={{ color: 'rgba(0,0,0,0.45)' }}>请求编号：{requestId}</div>}
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
            <Button type="primary" htmlType="submit" loading={kit.pending}>
              修改密码
            </Button>
          </Space>
        </SchemaForm>
      </Card>
    </div>
  );
}
