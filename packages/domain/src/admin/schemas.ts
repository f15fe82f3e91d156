import { z } from 'zod';
import { ROLE_LABELS, SCOPE_TYPE_LABELS, scopeTypeFor, ZGrant, ZRole, ZScopeType } from '../access/roles.ts';
import { usernameProblem } from '../auth/rules.ts';
import { ZUser } from '../auth/schemas.ts';
import { addCalendarDays } from '../common/dates.ts';
import { zDate, zId, zLimit, zText } from '../common/text.ts';

export const ZUserCreate = z.strictObject({
  username: z
    .string()
    .min(1, '请输入用户名')
    .max(64, '用户名过长')
    .superRefine((u, ctx) => {
      const problem = usernameProblem(u);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  displayName: zText('姓名', { max: 30 }),
  authorityId: zId.nullable().optional(),
  orgId: zId.nullable().optional(),
});
/** The one-time password is shown once to the 系统管理员 who created or reset the account. */
export const ZUserCreated = z.object({ id: z.uuid(), username: z.string(), oneTimePassword: z.string() });

export const ZUserUpdate = z.strictObject({
  version: z.number().int(),
  displayName: zText('姓名', { max: 30 }).optional(),
  authorityId: zId.nullable().optional(),
  orgId: zId.nullable().optional(),
  status: z.enum(['active', 'disabled']).optional(),
});

export const ZUserListQuery = z.strictObject({
  q: z.string().max(60).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  role: ZRole.optional(),
  limit: zLimit,
  cursor: z.string().max(200).optional(),
});

export const ZUserListItem = ZUser.extend({ roles: z.array(ZRole) });
export const ZUserList = z.object({
  items: z.array(ZUserListItem),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
});
export const ZGrantList = z.object({ items: z.array(ZGrant) });
export const ZOneTimePassword = z.object({ oneTimePassword: z.string() });

export const ZGrantCreate = z
  .strictObject({
    role: ZRole,
    scopeType: ZScopeType,
    scopeId: zId.nullable().optional(),
    includeChildren: z.boolean().default(false),
  })
  // Each role is granted over one kind of scope (三员: the whole system; a liaison: its organization).
  .superRefine((g, ctx) => {
    const want = scopeTypeFor(g.role);
    if (g.scopeType !== want)
      ctx.addIssue({
        code: 'custom',
        path: ['scopeType'],
        message: `${ROLE_LABELS[g.role]}的授权范围应为${SCOPE_TYPE_LABELS[want]}`,
      });
    else if (want === 'system' && g.scopeId)
      ctx.addIssue({ code: 'custom', path: ['scopeId'], message: '全系统授权不能指定范围对象' });
    else if (want !== 'system' && !g.scopeId)
      ctx.addIssue({ code: 'custom', path: ['scopeId'], message: '请选择授权范围' });
  });

export const ZSettings = z.object({
  passwordMinLength: z.number().int().min(8, '密码最短长度不能少于8位').max(64),
  passwordMinClasses: z.number().int().min(2, '至少要求2类字符').max(4),
  passwordExpiryDays: z.number().int().min(0).max(3650),
  passwordHistoryCount: z.number().int().min(0).max(24),
  lockoutMaxFailures: z.number().int().min(3, '连续失败次数不能少于3次').max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
  sessionIdleMinutes: z.number().int().min(5, '空闲超时不能少于5分钟').max(240),
  sessionAbsoluteHours: z.number().int().min(1).max(72),
  auditRetentionDays: z
    .number()
    .int()
    .min(180, '审计日志至少保存180天')
    .max(3650 * 3),
  /** Roles that must sign in with a second factor (TOTP); 等保 L3 8.1.4.1 d. */
  totpRequiredRoles: z.array(ZRole).max(20),
  /** Sessions one account may hold at once; the oldest ends when a new one starts. */
  maxSessionsPerUser: z.number().int().min(1, '每个账号至少允许1个会话').max(20),
  /** Accounts without a login for this many days are disabled by the daily check (0: never). */
  inactiveDisableDays: z.number().int().min(0).max(3650),
  /** Downloads (exports) one account may make per hour. */
  exportsPerHour: z.number().int().min(1, '每小时导出次数至少为1').max(1000),
});
export type TSettings = z.infer<typeof ZSettings>;
export const DEFAULT_SETTINGS: TSettings = {
  passwordMinLength: 8,
  passwordMinClasses: 3,
  passwordExpiryDays: 90,
  passwordHistoryCount: 5,
  lockoutMaxFailures: 5,
  lockoutMinutes: 30,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  auditRetentionDays: 1095,
  totpRequiredRoles: ['sysAdmin', 'secAdmin', 'auditAdmin', 'officeLeader', 'officeStaff'],
  maxSessionsPerUser: 3,
  inactiveDisableDays: 90,
  exportsPerHour: 60,
};
export const ZSettingsResponse = z.object({
  settings: ZSettings,
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export const ZSettingsUpdate = z.strictObject({ version: z.number().int(), settings: ZSettings });

export const SETTING_LABELS: Record<keyof TSettings, string> = {
  passwordMinLength: '密码最短长度',
  passwordMinClasses: '密码最少字符类别数',
  passwordExpiryDays: '密码有效期（天，0为不过期）',
  passwordHistoryCount: '不得与最近几次密码相同',
  lockoutMaxFailures: '连续登录失败锁定次数',
  lockoutMinutes: '锁定时长（分钟）',
  sessionIdleMinutes: '会话空闲超时（分钟）',
  sessionAbsoluteHours: '会话最长有效期（小时）',
  auditRetentionDays: '审计日志保存期限（天）',
  totpRequiredRoles: '须使用双因素认证（动态口令）的角色',
  maxSessionsPerUser: '每个账号同时在线会话数',
  inactiveDisableDays: '账号连续未登录停用天数（0为不停用）',
  exportsPerHour: '每个账号每小时导出次数上限',
};

export const ZAuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  result: z.enum(['success', 'failure', 'denied']),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  hash: z.string(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditQuery = z.strictObject({
  q: z.string().max(60).optional(),
  action: z.string().max(60).optional(),
  actorId: zId.optional(),
  result: z.enum(['success', 'failure', 'denied']).optional(),
  from: z.string().max(30).optional(),
  to: z.string().max(30).optional(),
  limit: zLimit,
  cursor: z.string().max(200).optional(),
});
export const ZAuditVerify = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  /** After a purge the chain starts at the row after this seq, linked to the purge record. */
  purgedThroughSeq: z.number().int().nullable(),
});

/**
 * The last `before` date a purge may name: rows of that day and later are still inside the
 * retention period (security.md, Audit: retention ≥ 180 days, purge only after it).
 */
export function latestPurgeBefore(today: string, retentionDays: number): string {
  return addCalendarDays(today, -retentionDays);
}

/** 清理过期审计日志: every row before `before` (00:00 Beijing time) goes, once out of retention. */
export const ZAuditPurge = z.strictObject({ before: zDate('清理截止日期') });
export type TAuditPurge = z.infer<typeof ZAuditPurge>;
export const ZAuditPurgeResult = z.object({
  purgedRows: z.number().int(),
  /** The last purged seq; null when nothing was old enough. */
  throughSeq: z.number().int().nullable(),
  /** The instant rows older than which were purged. */
  cutoff: z.string(),
});
export const ZAuditPurgeRecord = z.object({
  throughSeq: z.number().int(),
  purgedRows: z.number().int(),
  cutoff: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
});
/** What the 审计员's purge dialog needs: the retention, the latest date allowed, the last purge. */
export const ZAuditPurgeInfo = z.object({
  retentionDays: z.number().int(),
  latestBefore: z.string(),
  lastPurge: ZAuditPurgeRecord.nullable(),
});
export const ZAuditList = z.object({
  items: z.array(ZAuditEntry),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
});

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.password': '修改密码',
  'auth.reauth': '身份再确认',
  'auth.denied': '越权访问被拒绝',
  'user.create': '创建账号',
  'user.update': '修改账号',
  'user.resetPassword': '重置密码',
  'user.unlock': '解除锁定',
  'grant.create': '授予角色',
  'grant.delete': '撤销角色',
  'settings.update': '修改系统设置',
  'authority.create': '新增巡察机构',
  'authority.update': '修改巡察机构',
  'org.create': '新增单位',
  'org.update': '修改单位',
  'org.merge': '合并单位',
  'org.abolish': '撤销单位',
  'org.import': '批量导入单位',
  'org.export': '导出单位',
  'audit.export': '导出审计日志',
  'audit.purge': '清理过期审计日志',
  'term.create': '新建届期',
  'term.update': '修改届期',
  'term.exportCoverage': '导出全覆盖台账',
  'round.create': '新建轮次',
  'round.update': '修改轮次',
  'round.approve': '记录领导小组审批',
  'round.exportPlan': '导出巡察工作方案',
  'team.create': '新增巡察组',
  'team.update': '修改巡察组',
  'team.delete': '删除巡察组',
  'inspection.create': '新增巡察',
  'inspection.update': '修改巡察计划',
  'inspection.delete': '删除巡察',
  'inspection.transition': '变更巡察阶段',
  'inspection.dualReport': '登记双报告一报备',
  'calendar.update': '维护节假日',
  'deadlines.update': '修改工作时限',
  'inspector.create': '新增巡察干部',
  'inspector.update': '修改巡察干部',
  'inspector.import': '批量导入巡察干部',
  'training.create': '登记培训',
  'training.attendance': '登记参训人员',
  'inspector.secondment': '登记以干代训',
  'inspector.shadowing': '登记跟班学习',
  'inspector.appraisal': '登记工作鉴定',
  'award.create': '登记表彰',
  'personnel.settings': '修改组队与回避设置',
  'team.addMember': '加入巡察组',
  'publicCode.open': '开启码上巡二维码',
  'publicCode.close': '关闭码上巡二维码',
  'publicCode.poster': '导出巡察公告海报',
  'keys.rotate': '轮换字段加密密钥',
  'announcement.update': '修改巡察公告',
  'petition.register': '登记信访件',
  'petition.triage': '分办信访件',
  'petition.reply': '答复信访人',
  'petition.identity': '查看实名举报人身份',
  'petition.read': '查阅信访件',
  'petition.file': '下载信访附件',
  'petition.export': '导出信访台账',
  'survey.create': '新建问卷',
  'survey.update': '修改问卷',
  'survey.open': '发布问卷',
  'survey.close': '结束问卷',
  'survey.delete': '删除问卷',
  'survey.batch': '生成一次性问卷链接',
  'survey.batchExport': '导出问卷二维码',
  'survey.export': '导出问卷答卷',
  'team.removeMember': '移出巡察组',
  'team.overrideRecusal': '回避例外决定',
  'round.authorize': '登记授权决定',
  'recusal.declaration': '登记回避申请书',
  'inspector.exportAppraisal': '导出工作鉴定',
  'personnel.exportLedgers': '导出培训与表彰台账',
  'recusal.objection': '登记被巡察单位回避申请',
  'round.exportAuthorization': '导出授权决定',
  'system.seed': '初始化演示数据',
};
