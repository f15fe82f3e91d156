import { LockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ErrorCode, ZReauth } from '@xc/domain';
import { Alert, Input, Modal, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { reauthenticate } from '../api/auth.ts';
import { errorText, isApiError, setApiHandlers } from '../api/client.ts';
import { qk } from '../api/keys.ts';
import { Field, SchemaForm, useSchemaForm } from '../components/form-kit/index.ts';
import { SecondFactorFields, type SecondFactorValues, secondFactorBody } from '../pages/account/second-factor.tsx';

interface ReauthValues extends SecondFactorValues {
  password?: string;
}

/**
 * One prompt: the password, and when the server answers TOTP_REQUIRED (the account has a second
 * factor) the 动态口令 or a recovery code as well; both are sent again together. Each prompt is a
 * component of its own, so it starts empty without clearing the form after it is shown, when a
 * quick hand (or a test) may already have typed into it.
 */
function ReauthDialog({ open, onDone }: { open: boolean; onDone: (ok: boolean) => void }) {
  const queryClient = useQueryClient();
  const [needsCode, setNeedsCode] = useState(false);
  const [recovery, setRecovery] = useState(false);
  const kit = useSchemaForm({
    schema: ZReauth,
    toBody: (v: ReauthValues) => ({
      password: v.password ?? '',
      ...(needsCode ? secondFactorBody(v, recovery) : {}),
    }),
    mutationFn: reauthenticate,
    onSuccess: () => onDone(true),
    onError: (e) => {
      if (isApiError(e, ErrorCode.TotpRequired)) {
        setNeedsCode(true);
        return true;
      }
      // The session ended meanwhile (expired, or ended by the 安全保密管理员): to the login page.
      if (isApiError(e, ErrorCode.Unauthenticated)) {
        onDone(false);
        queryClient.setQueryData(qk.me, null);
        return true;
      }
      kit.form.setFieldValue(needsCode ? (recovery ? 'recoveryCode' : 'totp') : 'password', '');
      return false;
    },
    // The wrong password is said in the dialog; a toast over it would say it twice.
    errorToast: false,
  });

  return (
    <Modal
      title="请输入密码以确认身份"
      open={open}
      onOk={() => void kit.submit()}
      onCancel={() => onDone(false)}
      okText="确定"
      cancelText="取消"
      confirmLoading={kit.pending}
      mask={{ closable: false }}
      width={420}
    >
      <Typography.Paragraph type="secondary">
        导出、变更授权、重置密码等敏感操作需要在5分钟内确认过身份。
      </Typography.Paragraph>
      <SchemaForm kit={kit} onFinish={() => void kit.submit()}>
        <Field name="password" label="登录密码" required>
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="current-password"
            autoFocus={!needsCode}
            disabled={needsCode}
          />
        </Field>
        {needsCode && (
          <>
            <Alert type="info" showIcon title="您已启用双因素认证，请再输入动态口令" style={{ marginBottom: 16 }} />
            <SecondFactorFields recovery={recovery} onRecoveryChange={setRecovery} />
          </>
        )}
        {Boolean(kit.error) && <Alert type="error" showIcon title={errorText(kit.error)} />}
        {/* Enter in a field submits; the visible buttons are the dialog's own. */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </SchemaForm>
    </Modal>
  );
}

/**
 * The central answer to REAUTH_REQUIRED: the api client calls the handler registered here, the
 * user re-enters the password (and the second factor where enrolled), and the client retries the
 * original request once.
 */
export function ReauthModal() {
  const [prompt, setPrompt] = useState(0);
  const [open, setOpen] = useState(false);
  const pending = useRef<((ok: boolean) => void) | null>(null);

  const finish = useCallback((ok: boolean) => {
    pending.current?.(ok);
    pending.current = null;
    setOpen(false);
  }, []);

  useEffect(() => {
    setApiHandlers({
      reauth: () =>
        new Promise<boolean>((resolve) => {
          pending.current?.(false);
          pending.current = resolve;
          setPrompt((n) => n + 1);
          setOpen(true);
        }),
    });
    return () => setApiHandlers({ reauth: async () => false });
  }, []);

  return prompt > 0 ? <ReauthDialog key={prompt} open={open} onDone={finish} /> : null;
}
