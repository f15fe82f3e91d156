import { KeyOutlined, SafetyOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import { Field } from '../../components/form-kit/index.ts';

/** The form values of a second-factor prompt (login, re-authentication). */
export interface SecondFactorValues {
  totp?: string;
  recoveryCode?: string;
}

/**
 * The code as the schemas take it: authenticator apps show it as "123 456", and a pasted one may
 * carry spaces; a recovery code is kept as typed (the server ignores case and dashes).
 */
export function secondFactorBody(v: SecondFactorValues, recovery: boolean): SecondFactorValues {
  return recovery ? { recoveryCode: v.recoveryCode?.trim() ?? '' } : { totp: v.totp?.replace(/\s+/g, '') ?? '' };
}

/**
 * The 6-digit 动态口令, or instead one of the recovery codes given at enrolment (a lost or broken
 * phone), with the link that switches between the two.
 */
export function SecondFactorFields({
  recovery,
  onRecoveryChange,
  size,
}: {
  recovery: boolean;
  onRecoveryChange: (recovery: boolean) => void;
  size?: 'large';
}) {
  return (
    <>
      {recovery ? (
        <Field name="recoveryCode" label="恢复码" extra="启用双因素认证时保存的10个恢复码之一，每个恢复码只能使用一次">
          <Input
            prefix={<KeyOutlined />}
            placeholder="恢复码，如 abcde-23456"
            autoComplete="off"
            spellCheck={false}
            maxLength={20}
            size={size}
            autoFocus
          />
        </Field>
      ) : (
        <Field name="totp" label="动态口令" extra="打开手机上的身份验证器或国密令牌，输入当前显示的6位数字">
          <Input
            prefix={<SafetyOutlined />}
            placeholder="6位动态口令"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            size={size}
            autoFocus
          />
        </Field>
      )}
      <Button
        type="link"
        size="small"
        style={{ padding: 0, marginTop: -8, marginBottom: 16 }}
        onClick={() => onRecoveryChange(!recovery)}
      >
        {recovery ? '使用动态口令' : '使用恢复码'}
      </Button>
    </>
  );
}
