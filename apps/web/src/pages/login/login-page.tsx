import { ArrowLeftOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ErrorCode, ZLoginRequest } from '@xc/domain';
import { Alert, Button, Card, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { getMe, login, type TLoginResult, type TMe } from '../../api/auth.ts';
import { ApiError, isApiError } from '../../api/client.ts';
import { useMe } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { forcedPath, safeNext, withNext } from '../../app/require-auth.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, SchemaForm, useSchemaForm } from '../../components/form-kit/index.ts';
import { SecondFactorFields, type SecondFactorValues, secondFactorBody } from '../account/second-factor.tsx';

interface LoginForm extends SecondFactorValues {
  username?: string;
  password?: string;
}

/**
 * After the password the server may ask for the second factor (TOTP_REQUIRED): the second step
 * asks for the 动态口令, or a recovery code, and sends username, password and code together.
 */
type Step = 'password' | 'secondFactor';

/**
 * The session the server just opened, as the guard will see it. /api/auth/me answers for the
 * account's own routes even when it is held back, so it says whether a change or an enrolment is due.
 */
async function sessionAfterLogin(
  r: TLoginResult,
  fetchMe: () => Promise<TMe | null>,
): Promise<{ mustChangePassword: boolean; totpEnrolmentRequired: boolean }> {
  try {
    const fresh = await fetchMe();
    return {
      mustChangePassword: r.mustChangePassword || !!fresh?.mustChangePassword || !!fresh?.passwordExpired,
      totpEnrolmentRequired: r.totpEnrolmentRequired || !!fresh?.totpEnrolmentRequired,
    };
  } catch (e) {
    if (!(e instanceof ApiError && e.code === ErrorCode.PasswordChangeRequired)) throw e;
    return { mustChangePassword: true, totpEnrolmentRequired: r.totpEnrolmentRequired };
  }
}

export default function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const [step, setStep] = useState<Step>('password');
  const [recovery, setRecovery] = useState(false);
  const kit = useSchemaForm({
    schema: ZLoginRequest,
    toBody: (v: LoginForm) => ({
      username: v.username?.trim() ?? '',
      password: v.password ?? '',
      ...(step === 'secondFactor' ? secondFactorBody(v, recovery) : {}),
    }),
    // Signed in, the session decides where to go: a forced password change or enrolment in the
    // second factor first, else where the user was headed.
    mutationFn: async (body): Promise<string> => {
      const r = await login(body);
      queryClient.setQueryData(qk.loginResult, r);
      const held = await sessionAfterLogin(r, () =>
        queryClient.fetchQuery({ queryKey: qk.me, queryFn: getMe, staleTime: 0 }),
      );
      const forced = forcedPath(held);
      return forced ? withNext(forced, next) : next;
    },
    onSuccess: (to) => navigate(to, { replace: true }),
    onError: (e) => {
      if (isApiError(e, ErrorCode.TotpRequired)) {
        setStep('secondFactor');
        return true;
      }
      kit.form.setFieldValue(step === 'secondFactor' ? (recovery ? 'recoveryCode' : 'totp') : 'password', '');
      return false;
    },
    errorToast: false,
  });
  const busy = kit.pending;

  useEffect(() => {
    document.title = '登录 - 巡察工作平台';
    // Nothing of a previous session stays in memory once the login page is shown.
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== qk.me[0] });
  }, [queryClient]);

  if (me.data && !busy) {
    const forced = forcedPath(me.data);
    return <Navigate to={forced ? withNext(forced, next) : next} replace />;
  }

  const backToPassword = () => {
    kit.form.setFieldsValue({ password: '', totp: '', recoveryCode: '' });
    setRecovery(false);
    setStep('password');
  };

  // In the second step a wrong code answers like a wrong password (the server says nothing about
  // which part failed); the password was right a moment ago, so the code is what to check.
  const codeRefused = step === 'secondFactor' && isApiError(kit.error, ErrorCode.InvalidCredentials);

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
          <Typography.Text type="secondary">
            {step === 'password' ? '巡察机构工作人员登录' : '双因素认证'}
          </Typography.Text>
        </div>
        <SchemaForm kit={kit} size="large" onFinish={() => void kit.submit()} requiredMark={false}>
          {step === 'password' ? (
            <>
              <Field name="username" label="用户名">
                <Input prefix={<UserOutlined />} placeholder="用户名" autoComplete="username" autoFocus />
              </Field>
              <Field name="password" label="密码">
                <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" />
              </Field>
            </>
          ) : (
            <>
              <Alert
                type="info"
                showIcon
                title={`账号 ${kit.form.getFieldValue('username') ?? ''} 已启用双因素认证`}
                description={recovery ? '请输入一个未使用过的恢复码。' : '请输入身份验证器上当前显示的6位动态口令。'}
                style={{ marginBottom: 16 }}
              />
              <SecondFactorFields recovery={recovery} onRecoveryChange={setRecovery} size="large" />
            </>
          )}
          {codeRefused ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={recovery ? '恢复码不正确或已使用过' : '动态口令不正确或已使用过'}
              description={
                recovery
                  ? '请核对后输入另一个未使用过的恢复码；连续失败多次将锁定账号。'
                  : '请等待身份验证器显示新的口令后再输入，并核对手机时间是否准确；连续失败多次将锁定账号。'
              }
              style={{ marginBottom: 16 }}
            />
          ) : (
            Boolean(kit.error) && <ErrorAlert error={kit.error} />
          )}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {step === 'password' ? '登录' : '验证并登录'}
          </Button>
          {step === 'secondFactor' && (
            <Button type="link" block icon={<ArrowLeftOutlined />} onClick={backToPassword} style={{ marginTop: 8 }}>
              返回重新输入账号
            </Button>
          )}
        </SchemaForm>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          本系统处理涉密敏感信息，仅限授权人员使用。所有操作均被记录审计。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
