import { z } from 'zod';

/** Roles of architecture.md §6. County offices use the same roles scoped to a county authority. */
export const ROLES = [
  'sysAdmin',
  'secAdmin',
  'auditAdmin',
  'officeLeader',
  'officeStaff',
  'teamLeader',
  'teamMember',
  'targetLiaison',
  'reviewer',
  'caseHandler',
  'leader',
  'sectorRecipient',
] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export const ROLE_LABELS: Record<TRole, string> = {
  sysAdmin: '系统管理员',
  secAdmin: '安全保密管理员',
  auditAdmin: '安全审计员',
  officeLeader: '巡察办领导',
  officeStaff: '巡察办工作人员',
  teamLeader: '巡察组组长',
  teamMember: '巡察组组员',
  targetLiaison: '被巡察党组织联络员',
  reviewer: '联合会审人员',
  caseHandler: '线索处置人员',
  leader: '领导小组/书记/常委',
  sectorRecipient: '分管领导/主管部门',
};

/** 三员: each of these excludes every other role on the same account, and none reads case data. */
export const THREE_ADMINS: readonly TRole[] = ['sysAdmin', 'secAdmin', 'auditAdmin'];

export const PERMISSIONS = [
  'self',
  'authority:read',
  'authority:write',
  'org:read',
  'directory:orgs',
  'org:write',
  'org:import',
  'org:export',
  'plan:read',
  'plan:write',
  'plan:approve',
  'plan:export',
  'inspection:transition',
  'calendar:manage',
  'personnel:read',
  'personnel:write',
  'recusal:override',
  'petition:read',
  'petition:handle',
  'petition:identity',
  'publicCode:manage',
  'survey:read',
  'survey:manage',
  'survey:export',
  'user:read',
  'user:manage',
  'user:unlock',
  'grant:manage',
  'settings:read',
  'settings:manage',
  'audit:read',
  'audit:export',
  'audit:purge',
  // 巡察实施与报告 (fieldwork)
  'fieldwork:read',
  'fieldwork:write',
  'interview:read',
  'paper:review',
  'finding:write',
  'clue:read',
  'clue:write',
  'clue:transfer',
  'clue:writeOff',
  'clue:dispose',
  'report:read',
  'report:write',
  'report:export',
  'meeting:read',
  'meeting:manage',
  'library:manage',
  // 反馈、整改、评估与双公开 (rectification)
  'rectification:read',
  'rectification:write',
  'rectification:supervise',
  'rectification:approve',
  'rectification:export',
  'feedback:write',
  'review:rate',
  'evaluation:score',
  'publication:manage',
  'publication:approve',
  'recheck:write',
  // 以巡促治 (governance)
  'governance:read',
  'governance:manage',
  'bulletin:approve',
  'recipient:answer',
  'campaign:report',
  'dualReport:write',
  'dualReport:check',
  'archive:read',
  'archive:borrow',
  'archive:approve',
  // 巡审贯通 (auditlink)
  'auditlink:read',
  'auditlink:write',
  'auditlink:export',
] as const;
export type TPermission = (typeof PERMISSIONS)[number];

const OFFICE: TPermission[] = [
  'authority:read',
  'org:read',
  'directory:orgs',
  'org:write',
  'org:import',
  'org:export',
  'plan:read',
  'plan:write',
  'plan:export',
  'inspection:transition',
  'calendar:manage',
  'personnel:read',
  'personnel:write',
  'petition:read',
  'petition:handle',
  'petition:identity',
  'publicCode:manage',
  'survey:read',
  'survey:manage',
  'survey:export',
  'fieldwork:read',
  'interview:read',
  'finding:write',
  'clue:read',
  'clue:transfer',
  'clue:writeOff',
  'report:read',
  'report:write',
  'report:export',
  'meeting:read',
  'meeting:manage',
  'library:manage',
  'rectification:read',
  'rectification:write',
  'rectification:supervise',
  'rectification:export',
  'feedback:write',
  'review:rate',
  'evaluation:score',
  'publication:manage',
  'governance:read',
  'governance:manage',
  'campaign:report',
  'dualReport:write',
  'dualReport:check',
  'archive:read',
  'archive:borrow',
  'auditlink:read',
  'auditlink:write',
  'auditlink:export',
];

/** A team's own work on its inspections (scoped to the team's inspections in every module). */
const TEAM_WORK: TPermission[] = [
  'fieldwork:read',
  'fieldwork:write',
  'interview:read',
  'paper:review',
  'clue:read',
  'clue:write',
  'report:read',
  'report:write',
  'rectification:read',
  'recheck:write',
  'auditlink:read',
  'auditlink:write',
];

export const ROLE_PERMISSIONS: Record<TRole, readonly TPermission[]> = {
  sysAdmin: ['user:read', 'user:manage', 'settings:read', 'settings:manage', 'authority:read', 'directory:orgs'],
  secAdmin: ['user:read', 'user:unlock', 'grant:manage', 'authority:read', 'directory:orgs'],
  auditAdmin: ['audit:read', 'audit:export', 'audit:purge'],
  officeLeader: [
    ...OFFICE,
    'authority:write',
    'plan:approve',
    'recusal:override',
    'rectification:approve',
    'publication:approve',
    'bulletin:approve',
    'archive:approve',
  ],
  officeStaff: OFFICE,
  // A team's people reach petitions, codes and surveys only of their own team's inspections, and
  // never a petition about the organization they come from (checked in the petitions module).
  teamLeader: [
    'authority:read',
    'org:read',
    'plan:read',
    'inspection:transition',
    'personnel:read',
    'petition:read',
    'petition:handle',
    'petition:identity',
    'publicCode:manage',
    'survey:read',
    ...TEAM_WORK,
    'finding:write',
    'report:export',
    'meeting:read',
    'feedback:write',
    'review:rate',
    'evaluation:score',
    'archive:borrow',
    'auditlink:export',
  ],
  teamMember: [
    'authority:read',
    'org:read',
    'plan:read',
    'petition:read',
    'petition:handle',
    'survey:read',
    ...TEAM_WORK,
  ],
  // The inspected organization sees its own feedback, tasks and evidence, never clues, interviews,
  // working papers, petitions or raw survey answers (security.md, Access).
  targetLiaison: ['org:read', 'rectification:read', 'rectification:write', 'campaign:report'],
  reviewer: ['authority:read', 'org:read', 'rectification:read', 'review:rate'],
  // 纪委监委 / 组织部: only the clues transferred to their own organization (checked in fieldwork).
  caseHandler: ['authority:read', 'org:read', 'clue:read', 'clue:dispose'],
  leader: [
    'authority:read',
    'org:read',
    'org:export',
    'plan:read',
    'plan:export',
    'survey:read',
    'fieldwork:read',
    'report:read',
    'report:export',
    'meeting:read',
    'rectification:read',
    'rectification:export',
    'governance:read',
  ],
  // 分管领导 / 主管部门: only the bulletins and duty reminders addressed to them (checked in governance).
  sectorRecipient: ['recipient:answer'],
};

/** Roles allowed to change registry data also in sub-authorities when their grant includes children. */
export const SCOPE_TYPES = ['system', 'authority', 'organization', 'team', 'inspection'] as const;
export const ZScopeType = z.enum(SCOPE_TYPES);
export type TScopeType = z.infer<typeof ZScopeType>;

export const SCOPE_TYPE_LABELS: Record<TScopeType, string> = {
  system: '全系统',
  authority: '巡察机构',
  organization: '被巡察单位',
  team: '巡察组',
  inspection: '巡察任务',
};

export const ZGrant = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  role: ZRole,
  scopeType: ZScopeType,
  scopeId: z.uuid().nullable(),
  includeChildren: z.boolean(),
  scopeName: z.string().nullable(),
  createdAt: z.string(),
});
export type TGrant = z.infer<typeof ZGrant>;

export function permissionsOf(roles: readonly TRole[]): Set<TPermission> {
  const s = new Set<TPermission>(['self']);
  // Own keys only: a role string such as 'constructor' or '__proto__' must grant nothing, not throw.
  for (const r of roles) if (Object.hasOwn(ROLE_PERMISSIONS, r)) for (const p of ROLE_PERMISSIONS[r]) s.add(p);
  return s;
}

/** The scope type each role must be granted with. */
export function scopeTypeFor(role: TRole): TScopeType {
  if (THREE_ADMINS.includes(role)) return 'system';
  // A 主管部门's accounts are granted on the department (an organization of the registry), and a
  // 分管领导 on the organization he or she serves in; what is addressed to either is found by it.
  if (role === 'targetLiaison' || role === 'sectorRecipient') return 'organization';
  return 'authority';
}

/**
 * 三员分立: returns a Chinese reason when adding `role` to an account that already has `existing`
 * roles would break separation of duties, or null when it is allowed.
 */
export function grantConflict(existing: readonly TRole[], role: TRole): string | null {
  const others = existing.filter((r) => r !== role);
  if (others.length === 0) return null;
  if (THREE_ADMINS.includes(role))
    return `${ROLE_LABELS[role]}不能与其他角色（${others.map((r) => ROLE_LABELS[r]).join('、')}）兼任`;
  const admin = others.find((r) => THREE_ADMINS.includes(r));
  if (admin) return `该账号已是${ROLE_LABELS[admin]}，三员不能兼任其他角色`;
  return null;
}
