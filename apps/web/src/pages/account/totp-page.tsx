import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TOTP_ALGORITHM_LABELS, ZTotpDisable } from '@xc/domain';
import { Alert, Button, Card, Descriptions, Input, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { disableTotp, getTotpStatus, type TTotpStatus } from '../../api/auth.ts';
import { useMe } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, FormModal, useSchemaForm } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { TotpEnrolment } from './totp-enrolment.tsx';

/** The account's own second-factor status; the enrolment pages and the status page share it. */
export const totpStatusKey = ['totp'] as const;

/** Few enough left that the user should act before the last one is spent. */
const LOW_RECOVERY_CODES = 3;

function RecoveryCodesLeft({ n }: { n: number }) {
  if (n === 0) return <Tag color="red">已用完</Tag>;
  return <Tag color={n <= LOW_RECOVERY_CODES ? 'gold' : 'green'}>剩余 {n} 个</Tag>;
}

function StatusCard({ status }: { status: TTotpStatus }) {
  return (
    <Descriptions column={1} bordered size="middle" style={{ maxWidth: 720, marginBottom: 16 }}>
      <Descriptions.Item label="状态">
        {status.enabled ? <Tag color="green">已启用</Tag> : <Tag>未启用</Tag>}
      </Descriptions.Item>
      {status.enabled && status.algorithm && (
        <Descriptions.Item label="身份验证器类型">{TOTP_ALGORITHM_LABELS[status.algorithm]}</Descriptions.Item>
      )}
      {status.enabled && status.enabledAt && (
        <Descriptions.Item label="启用时间">{dayjs(status.enabledAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
      )}
      {status.enabled && (
        <Descriptions.Item label="恢复码">
          <RecoveryCodesLeft n={status.recoveryCodesLeft} />
        </Descriptions.Item>
      )}
      <Descriptions.Item label="角色要求">
        {status.required ? (
          <Tag color="blue">您的角色须使用双因素认证</Tag>
        ) : (
          <Typography.Text type="secondary">您的角色可自行选择是否启用</Typography.Text>
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}

interface DisableValues {
  password?: string;
  code?: string;
}

function DisableModal({ open, onClose, onDisabled }: { open: boolean; onClose: () => void; onDisabled: () => void }) {
  const kit = useSchemaForm({
    schema: ZTotpDisable,
    toBody: (v: DisableValues) => ({ password: v.password ?? '', code: v.code?.replace(/\s+/g, '') ?? '' }),
    mutationFn: disableTotp,
    success: '双因素认证已停用',
    onSuccess: onDisabled,
    errorToast: false,
    open,
    confirm: {
      title: '确定停用双因素认证？',
      content: '停用后登录只需密码，账号更容易被冒用；剩余的恢复码同时作废。本操作记入审计日志。',
      okText: '停用',
    },
  });
  return (
    <FormModal
      kit={kit}
      title="停用双因素认证"
      open={open}
      onClose={onClose}
      okText="停用"
      danger
      intro={
        <Typography.Paragraph type="secondary">
          为确认是您本人操作，请输入登录密码和身份验证器上当前的动态口令。
        </Typography.Paragraph>
      }
    >
      <Field name="password" label="登录密码" required>
        <Input.Password autoComplete="current-password" />
      </Field>
      <Field name="code" label="动态口令" required>
        <Input placeholder="6位动态口令" inputMode="numeric" autoComplete="one-time-code" maxLength={7} />
      </Field>
    </FormModal>
  );
}

/** 个人设置 → 双因素认证: the status, enrolment in steps, and turning it off where no role requires it. */
export default function TotpPage() {
  usePageMeta([{ title: '双因素认证' }]);
  const me = useMe();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: totpStatusKey, queryFn: getTotpStatus, staleTime: 0 });
  const [enrolling, setEnrolling] = useState(false);
  const [disabling, setDisabling] = useState(false);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: totpStatusKey });
    void queryClient.invalidateQueries({ queryKey: qk.me, exact: true });
  };

  const s = status.data;
  return (
    <div>
      <PageHeader
        title={
          <Space>
            <SafetyCertificateOutlined />
            双因素认证
          </Space>
        }
        sub="登录和确认身份时，除密码外还须输入手机身份验证器上每30秒更新的动态口令"
      />
      <Card>
        {status.error && <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />}
        {status.isPending ? (
          <Skeleton active paragraph={{ rows: 5 }} />
        ) : !s ? null : enrolling ? (
          <>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              启用双因素认证
            </Typography.Title>
            <TotpEnrolment
              username={me.data?.user.username ?? ''}
              onDone={() => {
                setEnrolling(false);
                refresh();
              }}
            />
            <Button type="link" style={{ paddingLeft: 0, marginTop: 16 }} onClick={() => setEnrolling(false)}>
              暂不启用，返回
            </Button>
          </>
        ) : (
          <>
            <StatusCard status={s} />
            {s.enabled && s.recoveryCodesLeft <= LOW_RECOVERY_CODES && (
              <Alert
                type="warning"
                showIcon
                title={s.recoveryCodesLeft === 0 ? '恢复码已用完' : `恢复码仅剩 ${s.recoveryCodesLeft} 个`}
                description={
                  s.required
                    ? '手机丢失时，没有恢复码将无法登录。如需新的恢复码，请联系安全保密管理员重置双因素认证后重新绑定。'
                    : '手机丢失时，没有恢复码将无法登录。停用后重新启用即可获得新的10个恢复码。'
                }
                style={{ maxWidth: 720, marginBottom: 16 }}
              />
            )}
            {s.enabled ? (
              <Tooltip
                title={s.required ? '您的角色须使用双因素认证，不能停用；更换手机请联系安全保密管理员重置' : undefined}
              >
                <Button danger disabled={s.required} onClick={() => setDisabling(true)}>
                  停用双因素认证
                </Button>
              </Tooltip>
            ) : (
              <Button type="primary" onClick={() => setEnrolling(true)}>
                启用双因素认证
              </Button>
            )}
          </>
        )}
      </Card>
      <DisableModal
        open={disabling}
        onClose={() => setDisabling(false)}
        onDisabled={() => {
          setDisabling(false);
          refresh();
        }}
      />
    </div>
  );
}
