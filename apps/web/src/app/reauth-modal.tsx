import { LockOutlined } from '@ant-design/icons';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { reauthenticate } from '../api/auth.ts';
import { errorText, setApiHandlers } from '../api/client.ts';

/**
 * The central answer to REAUTH_REQUIRED: the api client calls the handler registered here, the
 * user re-enters the password, and the client retries the original request once.
 */
export function ReauthModal() {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ password: string }>();
  const pending = useRef<((ok: boolean) => void) | null>(null);

  const finish = useCallback((ok: boolean) => {
    pending.current?.(ok);
    pending.current = null;
    setOpen(false);
    setError(null);
  }, []);

  useEffect(() => {
    setApiHandlers({
      reauth: () =>
        new Promise<boolean>((resolve) => {
          pending.current?.(false);
          pending.current = resolve;
          setError(null);
          setOpen(true);
        }),
    });
    return () => setApiHandlers({ reauth: async () => false });
  }, []);

  const submit = async () => {
    const { password } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await reauthenticate({ password });
      finish(true);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="请输入密码以确认身份"
      open={open}
      onOk={submit}
      onCancel={() => finish(false)}
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      mask={{ closable: false }}
      width={420}
    >
      <Typography.Paragraph type="secondary">
        导出、变更授权、重置密码等敏感操作需要在5分钟内确认过身份。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="password" label="登录密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
