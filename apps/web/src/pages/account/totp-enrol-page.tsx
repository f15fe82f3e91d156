import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Result, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { getMe, getTotpStatus } from '../../api/auth.ts';
import { useMe } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { useLogout } from '../../app/layout.tsx';
import { safeNext } from '../../app/require-auth.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { type EnrolmentStage, TotpEnrolment } from './totp-enrolment.tsx';
import { totpStatusKey } from './totp-page.tsx';

/**
 * Forced enrolment: a role of the account requires the second factor and none is set up. Like the
 * forced password change, the page has no menu and the guard brings the user back to it; once the
 * recovery codes are kept, the refreshed session lets the user on to where they were headed.
 */
export default function TotpEnrolPage() {
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const doLogout = useLogout();
  const [stage, setStage] = useState<EnrolmentStage>('password');
  const [leaving, setLeaving] = useState(false);
  const status = useQuery({ queryKey: totpStatusKey, queryFn: getTotpStatus, staleTime: 0 });
  const next = safeNext(params.get('next'));

  useEffect(() => {
    document.title = '绑定身份验证器 - 巡察工作平台';
  }, []);

  const enter = async () => {
    setLeaving(true);
    try {
      // The guard lets the user go only once the session no longer says an enrolment is due.
      await queryClient.fetchQuery({ queryKey: qk.me, queryFn: getMe, staleTime: 0 });
      void queryClient.invalidateQueries({ queryKey: totpStatusKey });
      navigate(next, { replace: true });
    } finally {
      setLeaving(false);
    }
  };

  const forced = !!me.data?.totpEnrolmentRequired;
  return (
    <div className="xc-login" style={{ background: '#f0f2f5' }}>
      <Card className="xc-login-card" style={{ width: 760 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          <SafetyCertificateOutlined /> 绑定身份验证器
        </Typography.Title>
        {status.error && <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />}
        {status.isPending ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : status.data?.enabled && stage !== 'codes' ? (
          <Result
            status="success"
            title="已启用双因素认证"
            subTitle="以后登录时，除密码外还须输入身份验证器上的动态口令。"
            extra={
              <Button type="primary" loading={leaving} onClick={() => void enter()}>
                进入系统
              </Button>
            }
          />
        ) : (
          <>
            {forced && (
              <Alert
                type="warning"
                showIcon
                title="您的角色须使用双因素认证（动态口令），完成绑定后方可使用系统。"
                description="请准备一部手机，安装身份验证器应用（或使用单位配发的国密令牌），按以下步骤绑定。"
                style={{ marginBottom: 24 }}
              />
            )}
            <TotpEnrolment username={me.data?.user.username ?? ''} onStage={setStage} onDone={() => void enter()} />
          </>
        )}
        {stage !== 'codes' && (
          <Space style={{ marginTop: 24 }}>
            <Button onClick={() => void doLogout()}>退出登录</Button>
          </Space>
        )}
      </Card>
    </div>
  );
}
