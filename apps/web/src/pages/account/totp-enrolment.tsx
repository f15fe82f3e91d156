import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { TOTP_ALGORITHM_LABELS, TOTP_ALGORITHMS, ZTotpEnable, ZTotpSetupRequest } from '@xc/domain';
import { Alert, App, Button, Checkbox, Flex, Input, Radio, Space, Steps, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useBlocker } from 'react-router';
import { enableTotp, setupTotp, type TTotpSetup, type TTotpSetupInput } from '../../api/auth.ts';
import { saveBlob } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, SchemaForm, useSchemaForm } from '../../components/form-kit/index.ts';

type Algorithm = (typeof TOTP_ALGORITHMS)[number];

const ALGORITHM_HINTS: Record<Algorithm, string> = {
  SHA1: '手机上的身份验证器应用，如 Microsoft Authenticator、Google Authenticator、FreeOTP 等，大多数人选这一项',
  SM3: '支持 SM3 算法的国密动态令牌或应用；普通身份验证器算不出正确的口令，请勿误选',
};

/** The secret as authenticator apps show it when typed in by hand: groups of four. */
export const groupSecret = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** The recovery codes as a text file: what it is, whose, when, and the rules, then one code a line. */
export function recoveryCodesText(username: string, codes: readonly string[], at: Date): string {
  const lines = [
    '巡察工作平台 双因素认证恢复码',
    `账号：${username}`,
    `生成时间：${dayjs(at).format('YYYY-MM-DD HH:mm')}`,
    '手机丢失或身份验证器不可用时，可在登录时选择“使用恢复码”，用下列任一恢复码代替动态口令。',
    '每个恢复码只能使用一次。请妥善保管，不要与登录密码存放在一起。',
    '',
    ...codes,
    '',
  ];
  // A BOM and CRLF, so that Notepad on an office PC shows the Chinese and the line breaks.
  return `\ufeff${lines.join('\r\n')}`;
}

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text);
  // Older browsers on an intranet: the selection and the copy command.
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

function PasswordStep({ onSetup }: { onSetup: (s: TTotpSetup) => void }) {
  const kit = useSchemaForm({
    schema: ZTotpSetupRequest,
    toBody: (v: Partial<TTotpSetupInput>) => ({ password: v.password ?? '', algorithm: v.algorithm ?? 'SHA1' }),
    mutationFn: setupTotp,
    onSuccess: onSetup,
    onError: () => {
      kit.form.setFieldValue('password', '');
      return false;
    },
    errorToast: false,
  });
  return (
    <SchemaForm
      kit={kit}
      onFinish={() => void kit.submit()}
      initialValues={{ algorithm: 'SHA1' }}
      style={{ maxWidth: 560 }}
    >
      <Field name="password" label="登录密码" required extra="为确认是您本人操作，请输入当前的登录密码">
        <Input.Password autoComplete="current-password" autoFocus />
      </Field>
      <Field name="algorithm" label="身份验证器类型" required>
        <Radio.Group>
          <Space orientation="vertical">
            {TOTP_ALGORITHMS.map((a) => (
              <Radio key={a} value={a}>
                <div>{TOTP_ALGORITHM_LABELS[a]}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {ALGORITHM_HINTS[a]}
                </Typography.Text>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Field>
      {Boolean(kit.error) && <ErrorAlert error={kit.error} />}
      <Button type="primary" htmlType="submit" loading={kit.pending}>
        下一步
      </Button>
    </SchemaForm>
  );
}

function ScanStep({
  setup,
  username,
  onBack,
  onNext,
}: {
  setup: TTotpSetup;
  username: string;
  onBack: () => void;
  onNext: () => void;
}) {
  const { message } = App.useApp();
  return (
    <Flex gap={32} align="flex-start">
      <div style={{ flex: 'none' }}>
        <img
          src={setup.qrPng}
          alt="身份验证器绑定二维码"
          width={200}
          height={200}
          style={{ border: '1px solid #f0f0f0', display: 'block' }}
        />
      </div>
      <div style={{ flex: 'auto', maxWidth: 520 }}>
        <Typography.Paragraph>
          1. 打开{TOTP_ALGORITHM_LABELS[setup.algorithm].replace(/（.*）/, '')}，选择“扫描二维码”，扫描左侧二维码。
        </Typography.Paragraph>
        <Typography.Paragraph>2. 无法扫码时，选择“手动输入密钥”，按下列信息添加：</Typography.Paragraph>
        <div style={{ paddingLeft: 16, marginBottom: 16, lineHeight: 2 }}>
          <div>
            账户：<Typography.Text strong>{username}</Typography.Text>
          </div>
          <div>
            密钥：
            <Typography.Text code style={{ fontSize: 15, letterSpacing: 1 }} data-testid="totp-secret">
              {groupSecret(setup.secret)}
            </Typography.Text>
            <Button
              type="link"
              size="small"
              icon={<CopyOutlined />}
              onClick={() =>
                copyText(setup.secret).then(
                  () => message.success('密钥已复制'),
                  () => message.error('复制失败，请手动抄录密钥'),
                )
              }
            >
              复制密钥
            </Button>
          </div>
          <div>类型：基于时间（TOTP），6位数字，每30秒更新</div>
          <div>算法：{setup.algorithm === 'SM3' ? 'SM3' : 'SHA1'}</div>
        </div>
        <Alert
          type="warning"
          showIcon
          title="二维码和密钥相当于第二把钥匙，请勿截图外传或告诉他人"
          style={{ marginBottom: 16 }}
        />
        <Space>
          <Button onClick={onBack}>上一步</Button>
          <Button type="primary" onClick={onNext}>
            已添加，下一步
          </Button>
        </Space>
      </div>
    </Flex>
  );
}

function ConfirmStep({ onBack, onEnabled }: { onBack: () => void; onEnabled: (codes: string[]) => void }) {
  const kit = useSchemaForm({
    schema: ZTotpEnable,
    toBody: (v: { code?: string }) => ({ code: v.code?.replace(/\s+/g, '') ?? '' }),
    mutationFn: enableTotp,
    onSuccess: (r) => onEnabled(r.recoveryCodes),
    onError: () => {
      kit.form.setFieldValue('code', '');
      return false;
    },
    errorToast: false,
  });
  return (
    <SchemaForm kit={kit} onFinish={() => void kit.submit()} style={{ maxWidth: 420 }}>
      <Field name="code" label="动态口令" required extra="输入身份验证器上刚添加的“巡察工作平台”当前显示的6位数字">
        <Input placeholder="6位动态口令" inputMode="numeric" autoComplete="one-time-code" maxLength={7} autoFocus />
      </Field>
      {Boolean(kit.error) && <ErrorAlert error={kit.error} />}
      <Space>
        <Button onClick={onBack}>上一步</Button>
        <Button type="primary" htmlType="submit" loading={kit.pending}>
          验证并启用
        </Button>
      </Space>
    </SchemaForm>
  );
}

function RecoveryStep({ codes, username, onDone }: { codes: string[]; username: string; onDone: () => void }) {
  const { message, modal } = App.useApp();
  const [saved, setSaved] = useState(false);

  // The codes are shown once: leaving before saying they are kept asks first, once per attempt
  // (the blocker is a new object on every render; whether it is blocked is not).
  const blocker = useBlocker(!saved);
  const blocked = blocker.state === 'blocked';
  const latest = useRef({ blocker, modal });
  latest.current = { blocker, modal };
  useEffect(() => {
    if (!blocked) return;
    latest.current.modal.confirm({
      title: '尚未确认保存恢复码',
      content: '恢复码只显示这一次，离开本页后无法再查看。手机丢失时，没有恢复码将无法登录。确定离开吗？',
      okText: '仍然离开',
      cancelText: '留在本页',
      onOk: () => latest.current.blocker.proceed?.(),
      onCancel: () => latest.current.blocker.reset?.(),
    });
  }, [blocked]);
  useEffect(() => {
    if (saved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [saved]);

  return (
    <div style={{ maxWidth: 560 }}>
      <Alert
        type="success"
        showIcon
        title="双因素认证已启用"
        description="以后登录和确认身份时，除密码外还须输入身份验证器上的动态口令。"
        style={{ marginBottom: 16 }}
      />
      <Alert
        type="warning"
        showIcon
        title="请立即保存以下10个恢复码，它们只显示这一次"
        description="手机丢失或身份验证器不可用时，可用任一恢复码代替动态口令登录，每个只能使用一次。请打印或存放在安全的地方，不要与密码放在一起。"
        style={{ marginBottom: 16 }}
      />
      <ol aria-label="恢复码" style={{ columns: 2, paddingLeft: 24, marginBottom: 16, lineHeight: 2 }}>
        {codes.map((c) => (
          <li key={c}>
            <Typography.Text code style={{ fontSize: 15 }}>
              {c}
            </Typography.Text>
          </li>
        ))}
      </ol>
      <Space style={{ marginBottom: 16 }}>
        <Button
          icon={<CopyOutlined />}
          onClick={() =>
            copyText(codes.join('\n')).then(
              () => message.success('恢复码已复制'),
              () => message.error('复制失败，请下载保存'),
            )
          }
        >
          复制
        </Button>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            saveBlob(
              new Blob([recoveryCodesText(username, codes, new Date())], { type: 'text/plain;charset=utf-8' }),
              `巡察工作平台恢复码-${username}.txt`,
            )
          }
        >
          下载(.txt)
        </Button>
      </Space>
      <div style={{ marginBottom: 16 }}>
        <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)}>
          我已妥善保存恢复码
        </Checkbox>
      </div>
      <Button type="primary" disabled={!saved} onClick={onDone}>
        完成
      </Button>
    </div>
  );
}

export type EnrolmentStage = 'password' | 'scan' | 'confirm' | 'codes';
const STAGES: EnrolmentStage[] = ['password', 'scan', 'confirm', 'codes'];

/**
 * Enrolment in steps: the password and the kind of authenticator → the QR code and the secret as
 * text → the first code, which proves the authenticator holds the secret → the ten recovery codes,
 * shown once, kept before leaving. `onStage` tells the page where the user is (the forced page
 * hides 退出登录 while the codes are on screen).
 */
export function TotpEnrolment({
  username,
  onDone,
  onStage,
}: {
  username: string;
  onDone: () => void;
  onStage?: (stage: EnrolmentStage) => void;
}) {
  const [stage, setStage] = useState<EnrolmentStage>('password');
  const [setup, setSetup] = useState<TTotpSetup | null>(null);
  const [codes, setCodes] = useState<string[]>([]);

  const go = (s: EnrolmentStage) => {
    setStage(s);
    onStage?.(s);
  };

  return (
    <>
      <Steps
        current={STAGES.indexOf(stage)}
        items={[
          { title: '验证身份', content: '密码与验证器类型' },
          { title: '添加到验证器', content: '扫描二维码' },
          { title: '输入动态口令', content: '确认绑定成功' },
          { title: '保存恢复码', content: '只显示一次' },
        ]}
        style={{ marginBottom: 24 }}
      />
      {stage === 'password' && (
        <PasswordStep
          onSetup={(s) => {
            setSetup(s);
            go('scan');
          }}
        />
      )}
      {stage === 'scan' && setup && (
        <ScanStep setup={setup} username={username} onBack={() => go('password')} onNext={() => go('confirm')} />
      )}
      {stage === 'confirm' && (
        <ConfirmStep
          onBack={() => go('scan')}
          onEnabled={(c) => {
            setCodes(c);
            go('codes');
          }}
        />
      )}
      {stage === 'codes' && <RecoveryStep codes={codes} username={username} onDone={onDone} />}
    </>
  );
}
