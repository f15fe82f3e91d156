import {
  AimOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  BookOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  CommentOutlined,
  ContactsOutlined,
  ContainerOutlined,
  ControlOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  DesktopOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FileWordOutlined,
  FormOutlined,
  FundProjectionScreenOutlined,
  GlobalOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  LikeOutlined,
  MailOutlined,
  NotificationOutlined,
  PieChartOutlined,
  ProfileOutlined,
  QrcodeOutlined,
  ReadOutlined,
  ReconciliationOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  SoundOutlined,
  StopOutlined,
  TableOutlined,
  TeamOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** Any one of these permissions shows the item. */
  perms?: string[];
  /** Any one of these permissions hides it (the liaison's own portal is not the office's menu). */
  hiddenWith?: string[];
}
export interface NavGroup {
  key: string;
  label: string;
  icon: ReactNode;
  items: NavItem[];
}
export type NavEntry = NavItem | NavGroup;

/**
 * The left menu, grouped by the work (architecture.md §9). Groups appear as modules are built; a
 * group with no item the user may see is hidden.
 */
export const NAV: NavEntry[] = [
  { path: '/', label: '首页', icon: <HomeOutlined /> },
  // 分管领导 and 主管部门 accounts: what the office addressed to them (issue 13).
  { path: '/inbox', label: '我的通报与提示', icon: <InboxOutlined />, perms: ['recipient:answer'] },
  {
    key: 'registry',
    label: '巡察对象库',
    icon: <DatabaseOutlined />,
    items: [
      { path: '/orgs/tree', label: '单位树', icon: <ApartmentOutlined />, perms: ['org:read'] },
      { path: '/orgs', label: '单位列表', icon: <UnorderedListOutlined />, perms: ['org:read'] },
      { path: '/authorities', label: '巡察机构', icon: <BankOutlined />, perms: ['authority:read'] },
    ],
  },
  {
    key: 'planning',
    label: '规划与覆盖',
    icon: <FundProjectionScreenOutlined />,
    items: [
      { path: '/planning/terms', label: '届期与覆盖', icon: <PieChartOutlined />, perms: ['plan:read'] },
      { path: '/planning/board', label: '巡察轮次看板', icon: <FieldTimeOutlined />, perms: ['plan:read'] },
      {
        path: '/planning/calendar',
        label: '节假日与时限',
        icon: <CalendarOutlined />,
        perms: ['plan:read', 'calendar:manage'],
      },
    ],
  },
  {
    key: 'personnel',
    label: '巡察队伍',
    icon: <IdcardOutlined />,
    items: [
      { path: '/personnel/inspectors', label: '巡察干部库', icon: <ContactsOutlined />, perms: ['personnel:read'] },
      { path: '/personnel/teams', label: '组队与授权', icon: <UsergroupAddOutlined />, perms: ['plan:read'] },
      { path: '/personnel/ledgers', label: '培训与表彰', icon: <TrophyOutlined />, perms: ['personnel:read'] },
    ],
  },
  {
    key: 'fieldwork',
    label: '巡察实施',
    icon: <ScheduleOutlined />,
    items: [
      { path: '/fieldwork/petitions', label: '信访举报', icon: <MailOutlined />, perms: ['petition:read'] },
      { path: '/fieldwork/codes', label: '码上巡二维码', icon: <QrcodeOutlined />, perms: ['publicCode:manage'] },
      { path: '/fieldwork/surveys', label: '问卷测评', icon: <FormOutlined />, perms: ['survey:read'] },
      { path: '/fieldwork/inspections', label: '巡察工作台', icon: <DesktopOutlined />, perms: ['fieldwork:read'] },
      { path: '/fieldwork/findings', label: '问题清单', icon: <ProfileOutlined />, perms: ['fieldwork:read'] },
      {
        path: '/fieldwork/clues',
        label: '问题线索',
        icon: <FileSearchOutlined />,
        perms: ['clue:write', 'clue:transfer', 'clue:writeOff'],
      },
      { path: '/case-handling', label: '线索处置', icon: <SolutionOutlined />, perms: ['clue:dispose'] },
      { path: '/fieldwork/audit-link', label: '巡审贯通', icon: <ClusterOutlined />, perms: ['auditlink:read'] },
      { path: '/fieldwork/libraries', label: '业务库与设置', icon: <BookOutlined />, perms: ['library:manage'] },
    ],
  },
  {
    key: 'reports',
    label: '报告与会议',
    icon: <FileDoneOutlined />,
    items: [
      { path: '/reports/inspections', label: '巡察报告', icon: <FileWordOutlined />, perms: ['report:read'] },
      { path: '/reports/meetings', label: '会议', icon: <TeamOutlined />, perms: ['meeting:read'] },
      { path: '/reports/matters', label: '交办事项', icon: <CarryOutOutlined />, perms: ['meeting:read'] },
    ],
  },
  {
    key: 'rectification',
    label: '整改监督',
    icon: <SafetyOutlined />,
    items: [
      {
        path: '/rectification/ledger',
        label: '整改台账',
        icon: <TableOutlined />,
        perms: ['rectification:supervise', 'rectification:export'],
      },
      {
        path: '/rectification/inspections',
        label: '巡察整改',
        icon: <ReconciliationOutlined />,
        perms: ['rectification:supervise', 'feedback:write', 'evaluation:score'],
      },
      {
        path: '/rectification/approvals',
        label: '我的审批',
        icon: <AuditOutlined />,
        perms: ['rectification:supervise'],
      },
      {
        path: '/rectification/red-cards',
        label: '红牌任务',
        icon: <StopOutlined />,
        perms: ['rectification:supervise'],
      },
      {
        path: '/rectification/evaluations',
        label: '整改评估',
        icon: <TrophyOutlined />,
        perms: ['rectification:supervise', 'feedback:write', 'evaluation:score'],
      },
      {
        path: '/rectification/stats',
        label: '整改统计',
        icon: <BarChartOutlined />,
        perms: ['rectification:supervise', 'rectification:export'],
      },
      {
        path: '/rectification/publication',
        label: '整改公开',
        icon: <GlobalOutlined />,
        perms: ['publication:manage'],
      },
      {
        path: '/rectification/rule-makings',
        label: '建章立制',
        icon: <BookOutlined />,
        perms: ['rectification:supervise'],
      },
      { path: '/rectification/reviews', label: '我的会审', icon: <CheckSquareOutlined />, perms: ['review:rate'] },
      {
        path: '/rectification/settings',
        label: '整改设置',
        icon: <SettingOutlined />,
        perms: ['rectification:supervise'],
      },
    ],
  },
  {
    key: 'governance',
    label: '以巡促治',
    icon: <AimOutlined />,
    items: [
      { path: '/governance', label: '总览', icon: <DashboardOutlined />, perms: ['governance:read'] },
      {
        path: '/governance/common-problems',
        label: '共性问题',
        icon: <ContainerOutlined />,
        perms: ['governance:read'],
      },
      { path: '/governance/bulletins', label: '分类通报', icon: <SoundOutlined />, perms: ['governance:read'] },
      { path: '/governance/reminders', label: '履责提示', icon: <BellOutlined />, perms: ['governance:read'] },
      { path: '/governance/campaigns', label: '专项整治', icon: <AimOutlined />, perms: ['governance:read'] },
      { path: '/governance/consultations', label: '政策会商', icon: <CommentOutlined />, perms: ['governance:read'] },
      {
        path: '/governance/dual-reports',
        label: '双报告一报备',
        icon: <FileProtectOutlined />,
        perms: ['governance:read'],
      },
      { path: '/governance/conduct', label: '作风纪律评估', icon: <LikeOutlined />, perms: ['governance:read'] },
      { path: '/governance/archive', label: '档案管理', icon: <ReadOutlined />, perms: ['archive:read'] },
      {
        path: '/governance/archive/borrows',
        label: '借阅审批/我的借阅',
        icon: <AuditOutlined />,
        perms: ['archive:borrow'],
      },
      { path: '/governance/settings', label: '以巡促治设置', icon: <ControlOutlined />, perms: ['governance:manage'] },
    ],
  },
  {
    key: 'liaison',
    label: '整改落实',
    icon: <SafetyOutlined />,
    items: [
      {
        path: '/rectification/my/feedback',
        label: '我的反馈',
        icon: <NotificationOutlined />,
        perms: ['rectification:write'],
        hiddenWith: ['rectification:supervise'],
      },
      {
        path: '/rectification/my/plan',
        label: '我的整改方案',
        icon: <ProfileOutlined />,
        perms: ['rectification:write'],
        hiddenWith: ['rectification:supervise'],
      },
      {
        path: '/rectification/my/tasks',
        label: '我的整改任务',
        icon: <CarryOutOutlined />,
        perms: ['rectification:write'],
        hiddenWith: ['rectification:supervise'],
      },
      {
        path: '/rectification/my/reports',
        label: '我的报告',
        icon: <FileTextOutlined />,
        perms: ['rectification:write'],
        hiddenWith: ['rectification:supervise'],
      },
      {
        path: '/rectification/rule-makings',
        label: '建章立制',
        icon: <BookOutlined />,
        perms: ['rectification:write'],
        hiddenWith: ['rectification:supervise'],
      },
      // The liaison's campaign reports; the office registers them from the campaign itself.
      {
        path: '/governance/my-campaigns',
        label: '专项整治报送',
        icon: <CloudUploadOutlined />,
        perms: ['campaign:report'],
        hiddenWith: ['governance:read'],
      },
    ],
  },
  {
    key: 'admin',
    label: '系统管理',
    icon: <SettingOutlined />,
    items: [
      { path: '/admin/users', label: '用户管理', icon: <TeamOutlined />, perms: ['user:read', 'user:manage'] },
      { path: '/admin/grants', label: '角色授权', icon: <SafetyCertificateOutlined />, perms: ['grant:manage'] },
      { path: '/admin/settings', label: '系统设置', icon: <SettingOutlined />, perms: ['settings:manage'] },
      { path: '/admin/audit', label: '审计日志', icon: <AuditOutlined />, perms: ['audit:read'] },
    ],
  },
];

export function isGroup(e: NavEntry): e is NavGroup {
  return 'items' in e;
}

export function allowed(item: NavItem, perms: Set<string>): boolean {
  if (item.hiddenWith?.some((p) => perms.has(p))) return false;
  return !item.perms || item.perms.some((p) => perms.has(p));
}

/** The menu item a pathname belongs to (the longest matching path) and its group. */
export function findNav(pathname: string): { item: NavItem; group: NavGroup | null } | null {
  let best: { item: NavItem; group: NavGroup | null } | null = null;
  const consider = (item: NavItem, group: NavGroup | null) => {
    const hit = item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (hit && (!best || item.path.length > best.item.path.length)) best = { item, group };
  };
  for (const e of NAV) {
    if (isGroup(e)) for (const i of e.items) consider(i, e);
    else consider(e, null);
  }
  return best;
}
