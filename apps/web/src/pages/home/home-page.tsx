import {
  AuditOutlined,
  BankOutlined,
  DatabaseOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { ORG_KINDS, ROLE_LABELS, type TOrgKind, type TRole } from '@xc/domain';
import { Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { useNavigate } from 'react-router';
import { useAuthorities, useMe, usePermissions } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { listOrgs } from '../../api/orgs.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';

const BarChart = lazy(() => import('../../charts/bar-chart.tsx').then((m) => ({ default: m.BarChart })));

function FigureCard({
  title,
  value,
  suffix,
  to,
  icon,
  loading,
}: {
  title: string;
  value: number | undefined;
  suffix?: string;
  to: string;
  icon?: ReactNode;
  loading?: boolean;
}) {
  const navigate = useNavigate();
  return (
    <Card
      className="xc-figure-card"
      hoverable
      onClick={() => navigate(to)}
      role="link"
      aria-label={`${title}：${value ?? ''}${suffix ?? ''}`}
    >
      <Statistic title={title} value={value ?? '—'} suffix={suffix} prefix={icon} loading={loading} />
    </Card>
  );
}

const countOf = (kind?: TOrgKind) => listOrgs({ kind, status: 'active', limit: 1 }).then((r) => r.total);

function RegistryFigures({ canAuthorities }: { canAuthorities: boolean }) {
  const navigate = useNavigate();
  const authorities = useAuthorities(canAuthorities);
  const total = useQuery({ queryKey: qk.orgCount({}), queryFn: () => countOf() });
  const byKind = useQueries({
    queries: ORG_KINDS.map((kind) => ({ queryKey: qk.orgCount({ kind }), queryFn: () => countOf(kind) })),
  });
  const kindsLoading = byKind.some((q) => q.isPending);
  const kindError = byKind.find((q) => q.error)?.error;
  const data = ORG_KINDS.map((kind, i) => ({ name: kind, value: byKind[i]?.data ?? 0 }));

  return (
    <>
      {(total.error || kindError) && <ErrorAlert error={total.error ?? kindError} onRetry={() => total.refetch()} />}
      <Typography.Title level={5}>巡察对象库</Typography.Title>
      <Row gutter={[16, 16]}>
        {canAuthorities && (
          <Col xs={24} sm={12} md={8} xl={6}>
            <FigureCard
              title="巡察机构"
              value={authorities.data?.total}
              suffix="个"
              to="/authorities"
              icon={<BankOutlined />}
              loading={authorities.isPending}
            />
          </Col>
        )}
        <Col xs={24} sm={12} md={8} xl={6}>
          <FigureCard
            title="被巡察单位（存续）"
            value={total.data}
            suffix="个"
            to="/orgs"
            icon={<DatabaseOutlined />}
            loading={total.isPending}
          />
        </Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        按单位类别
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {ORG_KINDS.map((kind, i) => (
          <Col key={kind} xs={12} sm={8} md={6} xl={4}>
            <FigureCard
              title={kind}
              value={byKind[i]?.data}
              suffix="个"
              to={`/orgs?kind=${encodeURIComponent(kind)}`}
              loading={byKind[i]?.isPending}
            />
          </Col>
        ))}
      </Row>
      <Card title="各类别被巡察单位数量" style={{ marginTop: 24 }}>
        {kindsLoading ? (
          <Skeleton active />
        ) : data.every((d) => d.value === 0) ? (
          <Empty description="暂无单位，可在“单位列表”中新增或批量导入" />
        ) : (
          <Suspense fallback={<Skeleton active />}>
            <BarChart data={data} unit="个" onClick={(kind) => navigate(`/orgs?kind=${encodeURIComponent(kind)}`)} />
          </Suspense>
        )}
      </Card>
    </>
  );
}

const SHORTCUTS: { perm: string; title: string; desc: string; to: string; icon: ReactNode }[] = [
  {
    perm: 'user:read',
    title: '用户管理',
    desc: '创建账号、停用启用、重置密码',
    to: '/admin/users',
    icon: <TeamOutlined />,
  },
  {
    perm: 'grant:manage',
    title: '角色授权',
    desc: '为账号授予角色和数据范围',
    to: '/admin/grants',
    icon: <SafetyCertificateOutlined />,
  },
  {
    perm: 'settings:manage',
    title: '系统设置',
    desc: '密码策略、登录锁定、会话时长',
    to: '/admin/settings',
    icon: <SettingOutlined />,
  },
  {
    perm: 'audit:read',
    title: '审计日志',
    desc: '查询、导出、校验日志完整性',
    to: '/admin/audit',
    icon: <AuditOutlined />,
  },
];

export default function HomePage() {
  usePageMeta([]);
  const { data: me } = useMe();
  const perms = usePermissions();
  const navigate = useNavigate();
  const roles = [...new Set(me?.roles ?? [])] as TRole[];
  const shortcuts = SHORTCUTS.filter((s) => perms.has(s.perm));

  return (
    <div>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {me?.user.displayName}，您好
        </Typography.Title>
        <Typography.Text type="secondary">
          {me?.user.authorityName ?? '全系统'} ·{' '}
          {roles.length ? roles.map((r) => ROLE_LABELS[r]).join('、') : '尚未授予角色，请联系安全保密管理员'}
        </Typography.Text>
      </Card>
      {perms.has('org:read') && <RegistryFigures canAuthorities={perms.has('authority:read')} />}
      {shortcuts.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: perms.has('org:read') ? 24 : 0 }}>
            常用功能
          </Typography.Title>
          <Row gutter={[16, 16]}>
            {shortcuts.map((s) => (
              <Col key={s.to} xs={24} sm={12} xl={6}>
                <Card hoverable onClick={() => navigate(s.to)} role="link">
                  <Card.Meta
                    avatar={<span style={{ fontSize: 24 }}>{s.icon}</span>}
                    title={s.title}
                    description={s.desc}
                  />
                </Card>
              </Col>
            ))}
          </Row>
        </>
      )}
      {!perms.has('org:read') && shortcuts.length === 0 && (
        <Card>
          <Empty description="您的账号尚未授予可用的功能，请联系安全保密管理员授权。" />
        </Card>
      )}
    </div>
  );
}
