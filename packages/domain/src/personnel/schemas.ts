import { z } from 'zod';
import { zCursor, zDate, zId, zLimit, zPage, zText } from '../common/text.ts';
import { ZConductResultLine } from '../governance/schemas.ts';
import { isIsoDate } from '../planning/calendar.ts';
import type { TRecusalRule } from './recusal.ts';

// ---------------------------------------------------------------------------------------------
// Words (domain.md §3): inspectors, their pools, team roles, relations

/** Fields of expertise an office records for its inspectors; the team rules of §5 draw on them. */
export const EXPERTISE = [
  '纪检',
  '组织人事',
  '宣传',
  '财务',
  '审计',
  '法律',
  '工程项目',
  '政法',
  '教育',
  '卫健',
  '农林水',
  '国土',
  '金融',
  '行业',
] as const;
export const ZExpertise = z.enum(EXPERTISE, { error: '专业领域不在可选范围内' });
export type TExpertise = z.infer<typeof ZExpertise>;

/** §5 requires a team to include someone from one of these. */
/** Column headers of the inspector import template, in order (the server's template, the page's help). */
export const INSPECTOR_IMPORT_COLUMNS = [
  '姓名',
  '性别',
  '出生年份',
  '工作单位',
  '职务',
  '职级',
  '政治面貌',
  '专业领域',
  '人员库',
  '入库日期',
] as const;

export const FINANCE_OR_AUDIT: readonly TExpertise[] = ['财务', '审计'];

export const POOLS = ['staff', 'talentPool', 'leaderPool'] as const;
export const ZPool = z.enum(POOLS, { error: '人员库不在可选范围内' });
export type TPool = z.infer<typeof ZPool>;
export const POOL_LABELS: Record<TPool, string> = {
  staff: '专职巡察干部',
  talentPool: '巡察人才库',
  leaderPool: '组长库',
};

export const POOL_STATUSES = ['in', 'suspended', 'out'] as const;
export const ZPoolStatus = z.enum(POOL_STATUSES, { error: '在库状态不在可选范围内' });
export type TPoolStatus = z.infer<typeof ZPoolStatus>;
export const POOL_STATUS_LABELS: Record<TPoolStatus, string> = { in: '在库', suspended: '暂停', out: '出库' };

export const TEAM_ROLES = ['leader', 'deputy', 'member', 'liaison'] as const;
export const ZTeamRole = z.enum(TEAM_ROLES, { error: '组内职务不在可选范围内' });
export type TTeamRole = z.infer<typeof ZTeamRole>;
export const TEAM_ROLE_LABELS: Record<TTeamRole, string> = {
  leader: '组长',
  deputy: '副组长',
  member: '组员',
  liaison: '联络员',
};

/** Roles that carry the stricter recusal rules of §5 (组长/副组长). */
export const LEADING_ROLES: readonly TTeamRole[] = ['leader', 'deputy'];

export const RELATIONS = ['spouse', 'parent', 'child', 'sibling', 'otherDirect', 'close'] as const;
export const ZRelation = z.enum(RELATIONS, { error: '亲属关系不在可选范围内' });
export type TRelation = z.infer<typeof ZRelation>;
export const RELATION_LABELS: Record<TRelation, string> = {
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  sibling: '兄弟姐妹',
  otherDirect: '其他直系亲属',
  close: '其他近亲属/密切关系',
};
/** "Spouse or direct relative" of §5: everyone but the wider circle of close relations. */
export const DIRECT_RELATIONS: readonly TRelation[] = ['spouse', 'parent', 'child', 'sibling', 'otherDirect'];
export const isDirectRelative = (r: TRelation): boolean => DIRECT_RELATIONS.includes(r);

export const WORK_RELATIONS = ['superior', 'subordinate', 'colleague'] as const;
export const ZWorkRelation = z.enum(WORK_RELATIONS, { error: '工作关系不在可选范围内' });
export type TWorkRelation = z.infer<typeof ZWorkRelation>;
export const WORK_RELATION_LABELS: Record<TWorkRelation, string> = {
  superior: '上级',
  subordinate: '下级',
  colleague: '同事',
};

export const GENDERS = ['male', 'female'] as const;
export const ZGender = z.enum(GENDERS, { error: '请选择性别' });
export type TGender = z.infer<typeof ZGender>;
export const GENDER_LABELS: Record<TGender, string> = { male: '男', female: '女' };

/**
 * The rules of recusal.ts, listed here because ZRecusalReason needs their values; the type and the
 * labels live beside the rules. `satisfies` keeps the list and the type in step at compile time.
 */
export const RECUSAL_RULES = [
  'workedThere',
  'workedThereLong',
  'relativeThere',
  'closeRelationThere',
  'leaderRelation',
  'homeArea',
  'declared',
  'objection',
] as const satisfies readonly TRecusalRule[];
export const ZRecusalRule = z.enum(RECUSAL_RULES);

// ---------------------------------------------------------------------------------------------
// Settings (per authority; §5 says where places differ the rule is a setting with a default)

export const DEFAULT_PERSONNEL_SETTINGS = Object.freeze({
  teamMin: 5,
  teamMax: 7,
  deputiesMin: 1,
  deputiesMax: 2,
  requireFinanceOrAudit: true,
  recusalYears: 3,
  /** 组长/副组长 may not inspect a unit where they worked more than this many years in total. */
  longTermYears: 3,
  /** 组长/副组长 may not inspect a unit led by someone they worked beside at least this long. */
  longColleagueYears: 5,
  /** 地域回避: off by default, since county offices often have no one from elsewhere. */
  regionalRecusal: false,
});

export const PERSONNEL_SETTING_LABELS: Record<keyof typeof DEFAULT_PERSONNEL_SETTINGS, string> = {
  teamMin: '巡察组最少人数',
  teamMax: '巡察组最多人数',
  deputiesMin: '副组长最少人数',
  deputiesMax: '副组长最多人数',
  requireFinanceOrAudit: '须配备财务或审计人员',
  recusalYears: '任职回避年限（年）',
  longTermYears: '组长、副组长长期任职回避年限（年）',
  longColleagueYears: '长期共事认定年限（年）',
  regionalRecusal: '实行地域回避',
};

const zCount = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .min(min, `${label}不能少于${min}`)
    .max(max, `${label}不能超过${max}`);

/** A missing key takes its default, so settings saved before a key existed still parse. */
export const ZPersonnelSettings = z
  .strictObject({
    teamMin: zCount('巡察组最少人数', 1, 30).default(DEFAULT_PERSONNEL_SETTINGS.teamMin),
    teamMax: zCount('巡察组最多人数', 1, 30).default(DEFAULT_PERSONNEL_SETTINGS.teamMax),
    deputiesMin: zCount('副组长最少人数', 0, 5).default(DEFAULT_PERSONNEL_SETTINGS.deputiesMin),
    deputiesMax: zCount('副组长最多人数', 0, 5).default(DEFAULT_PERSONNEL_SETTINGS.deputiesMax),
    requireFinanceOrAudit: z.boolean().default(DEFAULT_PERSONNEL_SETTINGS.requireFinanceOrAudit),
    recusalYears: zCount('任职回避年限', 1, 10).default(DEFAULT_PERSONNEL_SETTINGS.recusalYears),
    longTermYears: zCount('长期任职回避年限', 1, 20).default(DEFAULT_PERSONNEL_SETTINGS.longTermYears),
    longColleagueYears: zCount('长期共事认定年限', 1, 30).default(DEFAULT_PERSONNEL_SETTINGS.longColleagueYears),
    regionalRecusal: z.boolean().default(DEFAULT_PERSONNEL_SETTINGS.regionalRecusal),
  })
  .superRefine((s, ctx) => {
    if (s.teamMax < s.teamMin)
      ctx.addIssue({ code: 'custom', path: ['teamMax'], message: '巡察组最多人数不能少于最少人数' });
    if (s.deputiesMax < s.deputiesMin)
      ctx.addIssue({ code: 'custom', path: ['deputiesMax'], message: '副组长最多人数不能少于最少人数' });
    // A team of teamMax people must have room for its leader and the fewest deputies.
    if (s.teamMax < 1 + s.deputiesMin)
      ctx.addIssue({ code: 'custom', path: ['teamMax'], message: '巡察组最多人数容纳不下组长和副组长' });
  });
export type TPersonnelSettings = z.infer<typeof ZPersonnelSettings>;

// ---------------------------------------------------------------------------------------------
// Inspectors (巡察干部)

/** A period's end may be open (still there); an invalid date is reported on its own field. */
function periodIssue(from: string, to: string | null | undefined, ctx: z.RefinementCtx, message: string) {
  if (to && isIsoDate(from) && isIsoDate(to) && to < from) ctx.addIssue({ code: 'custom', path: ['to'], message });
}

const zPoolRowIn = z
  .strictObject({
    pool: ZPool,
    status: ZPoolStatus.default('in'),
    since: zDate('入库日期'),
    until: zDate('出库日期').nullable().optional(),
  })
  .superRefine((p, ctx) => {
    if (p.until && isIsoDate(p.since) && isIsoDate(p.until) && p.until < p.since)
      ctx.addIssue({ code: 'custom', path: ['until'], message: '出库日期不能早于入库日期' });
  });

const zHistoryRowIn = z
  .strictObject({
    /** Linked when the unit is an organization on file; recusal matches by it, else by name. */
    orgId: zId.nullable().optional(),
    unitName: zText('工作单位', { max: 80 }),
    post: zText('职务', { min: 0, max: 40 }).default(''),
    from: zDate('开始日期'),
    to: zDate('结束日期').nullable().optional(),
  })
  .superRefine((h, ctx) => periodIssue(h.from, h.to, ctx, '工作经历的结束日期不能早于开始日期'));

const zRelativeIn = z.strictObject({
  name: zText('亲属姓名', { max: 20 }),
  relation: ZRelation,
  orgId: zId.nullable().optional(),
  // A retired relative or one without work has no unit.
  unitName: zText('亲属工作单位', { min: 0, max: 80 }).default(''),
  post: zText('亲属职务', { min: 0, max: 40 }).default(''),
});

const zWorkRelationIn = z
  .strictObject({
    personName: zText('关系人姓名', { max: 20 }),
    relation: ZWorkRelation,
    orgId: zId.nullable().optional(),
    from: zDate('开始日期'),
    to: zDate('结束日期').nullable().optional(),
  })
  .superRefine((w, ctx) => periodIssue(w.from, w.to, ctx, '工作关系的结束日期不能早于开始日期'));

export const MAX_HISTORY_ROWS = 50;
export const MAX_RELATIVES = 30;
export const MAX_WORK_RELATIONS = 30;

/** Repeated expertise is dropped and the rest kept in EXPERTISE order, so equal sets store equally. */
const zExpertiseList = z
  .array(ZExpertise, { error: '专业领域格式不正确' })
  .max(EXPERTISE.length, '专业领域有重复')
  .transform((a) => EXPERTISE.filter((e) => a.includes(e)));
const zPools = z
  .array(zPoolRowIn, { error: '人员库格式不正确' })
  .max(POOLS.length, `最多加入${POOLS.length}个人员库`)
  .superRefine((ps, ctx) => {
    const seen = new Set<string>();
    ps.forEach((p, i) => {
      if (seen.has(p.pool)) ctx.addIssue({ code: 'custom', path: [i, 'pool'], message: `${POOL_LABELS[p.pool]}重复` });
      seen.add(p.pool);
    });
  });
const zHistory = z
  .array(zHistoryRowIn, { error: '工作经历格式不正确' })
  .max(MAX_HISTORY_ROWS, `工作经历最多${MAX_HISTORY_ROWS}条`);
const zRelatives = z
  .array(zRelativeIn, { error: '亲属信息格式不正确' })
  .max(MAX_RELATIVES, `亲属最多${MAX_RELATIVES}人`);
const zWorkRelations = z
  .array(zWorkRelationIn, { error: '工作关系格式不正确' })
  .max(MAX_WORK_RELATIONS, `工作关系最多${MAX_WORK_RELATIONS}条`);
/** A sanity range for a typing mistake, not an age rule. */
const zBirthYear = z
  .number({ error: '出生年份必须是数字' })
  .int('出生年份必须是整数')
  .min(1930, '出生年份不能早于1930年')
  .max(2030, '出生年份不能晚于2030年');

const inspectorFields = {
  name: zText('姓名', { max: 20 }),
  gender: ZGender,
  birthYear: zBirthYear.nullable(),
  homeOrgId: zId.nullable(),
  homeUnitName: zText('工作单位', { max: 80 }),
  post: zText('职务', { min: 0, max: 40 }),
  rank: zText('职级', { min: 0, max: 20 }),
  politicalStatus: zText('政治面貌', { min: 0, max: 20 }),
  expertise: zExpertiseList,
  homeAuthorityId: zId.nullable(),
  pools: zPools,
  history: zHistory,
  relatives: zRelatives,
  workRelations: zWorkRelations,
};

export const ZInspectorCreate = z.strictObject({
  authorityId: zId,
  name: inspectorFields.name,
  gender: inspectorFields.gender,
  birthYear: inspectorFields.birthYear.default(null),
  homeOrgId: inspectorFields.homeOrgId.default(null),
  homeUnitName: inspectorFields.homeUnitName,
  post: inspectorFields.post.default(''),
  rank: inspectorFields.rank.default(''),
  // Inspectors are as a rule party members; the field stays editable for talent-pool experts.
  politicalStatus: inspectorFields.politicalStatus.default('中共党员'),
  expertise: inspectorFields.expertise.default([]),
  homeAuthorityId: inspectorFields.homeAuthorityId.default(null),
  pools: inspectorFields.pools.default([]),
  history: inspectorFields.history.default([]),
  relatives: inspectorFields.relatives.default([]),
  workRelations: inspectorFields.workRelations.default([]),
});
export type TInspectorCreate = z.infer<typeof ZInspectorCreate>;

/**
 * Fields left out stay as they are; a nested array given replaces the stored one whole, because the
 * form edits the list as one thing. The authority is not changed here: moving an inspector to
 * another office changes who may see them.
 */
export const ZInspectorUpdate = z.strictObject({
  version: z.number().int(),
  name: inspectorFields.name.optional(),
  gender: inspectorFields.gender.optional(),
  birthYear: inspectorFields.birthYear.optional(),
  homeOrgId: inspectorFields.homeOrgId.optional(),
  homeUnitName: inspectorFields.homeUnitName.optional(),
  post: inspectorFields.post.optional(),
  rank: inspectorFields.rank.optional(),
  politicalStatus: inspectorFields.politicalStatus.optional(),
  expertise: inspectorFields.expertise.optional(),
  homeAuthorityId: inspectorFields.homeAuthorityId.optional(),
  pools: inspectorFields.pools.optional(),
  history: inspectorFields.history.optional(),
  relatives: inspectorFields.relatives.optional(),
  workRelations: inspectorFields.workRelations.optional(),
});
export type TInspectorUpdate = z.infer<typeof ZInspectorUpdate>;

export const ZPoolMembership = z.object({
  pool: ZPool,
  status: ZPoolStatus,
  since: z.string(),
  until: z.string().nullable(),
});
export const ZHistoryRow = z.object({
  id: z.uuid(),
  orgId: z.uuid().nullable(),
  unitName: z.string(),
  post: z.string(),
  from: z.string(),
  to: z.string().nullable(),
});
export const ZRelative = z.object({
  id: z.uuid(),
  name: z.string(),
  relation: ZRelation,
  orgId: z.uuid().nullable(),
  unitName: z.string(),
  post: z.string(),
});
export const ZWorkRelationRow = z.object({
  id: z.uuid(),
  personName: z.string(),
  relation: ZWorkRelation,
  orgId: z.uuid().nullable(),
  from: z.string(),
  to: z.string().nullable(),
});

export const ZInspector = z.object({
  id: z.uuid(),
  authorityId: z.uuid(),
  authorityName: z.string(),
  name: z.string(),
  gender: ZGender,
  birthYear: z.number().int().nullable(),
  homeOrgId: z.uuid().nullable(),
  homeUnitName: z.string(),
  post: z.string(),
  /** 职级: 一级主任科员, 四级调研员, 副处级 … */
  rank: z.string(),
  politicalStatus: z.string(),
  // Read as stored: a field of expertise retired from the list must not make old records unreadable.
  expertise: z.array(z.string()),
  /** 地域: the county authority of their home area, for 地域回避. */
  homeAuthorityId: z.uuid().nullable(),
  pools: z.array(ZPoolMembership),
  history: z.array(ZHistoryRow),
  relatives: z.array(ZRelative),
  workRelations: z.array(ZWorkRelationRow),
  version: z.number().int(),
});
export type TInspector = z.infer<typeof ZInspector>;

export const ZInspectorListItem = ZInspector.omit({ history: true, relatives: true, workRelations: true }).extend({
  roundsServed: z.number().int(),
  currentTeams: z.number().int(),
});
export type TInspectorListItem = z.infer<typeof ZInspectorListItem>;
export const ZInspectorList = zPage(ZInspectorListItem);

export const ZInspectorListQuery = z.strictObject({
  q: z.string().max(60).optional(),
  authorityId: zId.optional(),
  pool: ZPool.optional(),
  status: ZPoolStatus.optional(),
  expertise: ZExpertise.optional(),
  /** 'true': not on a team of a round that is on site now. A query string, hence the words. */
  available: z.enum(['true', 'false'], { error: '是否空闲只能为 true 或 false' }).optional(),
  limit: zLimit,
  cursor: zCursor,
});
export type TInspectorListQuery = z.infer<typeof ZInspectorListQuery>;

// ---------------------------------------------------------------------------------------------
// Recusal (回避) and teams

export const ZRecusalReason = z.object({ rule: ZRecusalRule, detail: z.string() });
export type TRecusalReason = z.infer<typeof ZRecusalReason>;

/** GET /api/inspections/{id}/recusal: the people of the inspection's team who must recuse, and why. */
export const ZRecusalReport = z.object({
  conflicts: z.array(z.object({ inspectorId: z.uuid(), name: z.string(), reasons: z.array(ZRecusalReason) })),
});
export type TRecusalReport = z.infer<typeof ZRecusalReport>;

export const TEAM_WARNING_CODES = [
  'teamTooSmall',
  'teamTooLarge',
  'leaderMissing',
  'leaderTooMany',
  'deputiesTooFew',
  'deputiesTooMany',
  'financeOrAuditMissing',
  'noLeaderCandidate',
  'notEnoughDeputies',
  'notEnoughMembers',
  'sectorExpertiseMissing',
] as const;
export type TTeamWarningCode = (typeof TEAM_WARNING_CODES)[number];
export const ZTeamWarning = z.object({ code: z.enum(TEAM_WARNING_CODES), message: z.string() });
export type TTeamWarning = z.infer<typeof ZTeamWarning>;

/** A member placed despite a conflict carries the office leader's written reason (§5, audited). */
export const ZTeamMember = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  inspectorId: z.uuid(),
  name: z.string(),
  role: ZTeamRole,
  expertise: z.array(z.string()),
  homeUnitName: z.string(),
  override: z.object({ reason: z.string(), byName: z.string(), at: z.string() }).nullable(),
  conflicts: z.array(ZRecusalReason),
});
export type TTeamMember = z.infer<typeof ZTeamMember>;

/** `version` is the team's: adding a member changes the roster, so two editors cannot both add the 8th. */
export const ZTeamMemberAdd = z.strictObject({
  inspectorId: zId,
  role: ZTeamRole,
  version: z.number().int(),
  override: z.strictObject({ reason: zText('回避例外理由', { min: 10, max: 500, multiline: true }) }).optional(),
});
export type TTeamMemberAdd = z.infer<typeof ZTeamMemberAdd>;

export const ZTeamRoster = z.object({
  teamId: z.uuid(),
  teamName: z.string(),
  roundId: z.uuid(),
  version: z.number().int(),
  members: z.array(ZTeamMember),
  warnings: z.array(ZTeamWarning),
});
export type TTeamRoster = z.infer<typeof ZTeamRoster>;

/** GET /api/inspections/{id}/team-suggestion: the result of suggestTeam. */
export const ZTeamSuggestion = z.object({
  members: z.array(z.object({ inspectorId: z.uuid(), name: z.string(), role: ZTeamRole, why: z.string() })),
  warnings: z.array(ZTeamWarning),
});
export type TTeamSuggestion = z.infer<typeof ZTeamSuggestion>;

/** 回避申请书/个人事项申报: an inspector states whether they have grounds to recuse. */
export const ZDeclaration = z
  .strictObject({
    inspectorId: zId,
    inspectionId: zId,
    hasConflict: z.boolean({ error: '请说明是否存在需要回避的情形' }),
    detail: zText('回避情况说明', { min: 0, max: 1000, multiline: true }).default(''),
  })
  .superRefine((d, ctx) => {
    if (d.hasConflict && d.detail === '')
      ctx.addIssue({ code: 'custom', path: ['detail'], message: '存在需要回避的情形时，请说明具体情况' });
  });
export type TDeclaration = z.infer<typeof ZDeclaration>;

/** The inspected organization asks that a member recuse (被巡察单位提出回避申请). */
export const ZObjection = z.strictObject({
  inspectorId: zId,
  inspectionId: zId,
  reason: zText('回避申请理由', { max: 1000, multiline: true }),
});
export type TObjection = z.infer<typeof ZObjection>;

// ---------------------------------------------------------------------------------------------
// 一次一授权: the committee authorizes each round's leaders afresh (§5)

export const ZAuthorization = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  /** 赣市巡授〔2026〕1号 */
  docNumber: z.string(),
  decidedOn: z.string(),
  leaders: z.array(
    z.object({ teamId: z.uuid(), teamName: z.string(), leaderName: z.string(), deputyNames: z.array(z.string()) }),
  ),
  taskDivision: z.string(),
  /** The round's plannedEnd: an authorization is for one round only. */
  validUntil: z.string(),
  version: z.number().int(),
});
export type TAuthorization = z.infer<typeof ZAuthorization>;

/** Leaders and validity are taken from the round's teams and plan when the decision is recorded. */
export const ZAuthorizationCreate = z.strictObject({
  roundId: zId,
  docNumber: zText('授权文号', { max: 40 }),
  decidedOn: zDate('授权决定日期'),
  taskDivision: zText('任务分工', { max: 2000, multiline: true }),
});
export type TAuthorizationCreate = z.infer<typeof ZAuthorizationCreate>;

// ---------------------------------------------------------------------------------------------
// Growth: training, 以干代训, 跟班学习, appraisal, awards

export const TRAINING_MODES = ['onsite', 'video'] as const;
export const ZTrainingMode = z.enum(TRAINING_MODES, { error: '培训方式不在可选范围内' });
export const TRAINING_MODE_LABELS: Record<(typeof TRAINING_MODES)[number], string> = {
  onsite: '现场培训',
  video: '视频培训',
};

export const ZTraining = z.object({
  id: z.uuid(),
  authorityId: z.uuid(),
  title: z.string(),
  heldOn: z.string(),
  hours: z.number(),
  mode: ZTrainingMode,
  attendeeCount: z.number().int(),
});
export type TTraining = z.infer<typeof ZTraining>;

export const ZTrainingCreate = z.strictObject({
  authorityId: zId,
  title: zText('培训名称', { max: 100 }),
  heldOn: zDate('培训日期'),
  hours: z
    .number({ error: '学时必须是数字' })
    .positive('学时必须大于0')
    .max(200, '学时不能超过200')
    .refine((h) => Number.isInteger(h * 2), '学时以0.5为单位'),
  mode: ZTrainingMode,
});
export type TTrainingCreate = z.infer<typeof ZTrainingCreate>;

/** One attendance of one inspector; 人次 are counted from these rows. */
export const ZAttendance = z.strictObject({ trainingId: zId, inspectorId: zId });
export type TAttendance = z.infer<typeof ZAttendance>;

/**
 * 以干代训: an inspector lent to a 上级巡视组. The brief named the host `to` as well as the end
 * date; the host is `hostName` here so `from`/`to` stay the period, as everywhere else.
 */
export const ZSecondment = z.object({
  id: z.uuid(),
  inspectorId: z.uuid(),
  hostName: z.string(),
  from: z.string(),
  to: z.string().nullable(),
});
export type TSecondment = z.infer<typeof ZSecondment>;
export const ZSecondmentCreate = z
  .strictObject({
    inspectorId: zId,
    hostName: zText('上级巡视组', { max: 60 }),
    from: zDate('开始日期'),
    to: zDate('结束日期').nullable().optional(),
  })
  .superRefine((s, ctx) => periodIssue(s.from, s.to, ctx, '结束日期不能早于开始日期'));
export type TSecondmentCreate = z.infer<typeof ZSecondmentCreate>;

/** 跟班学习: a county inspector learning at the city office (the host authority). */
export const ZShadowing = z.object({
  id: z.uuid(),
  inspectorId: z.uuid(),
  hostAuthorityId: z.uuid(),
  from: z.string(),
  to: z.string().nullable(),
});
export type TShadowing = z.infer<typeof ZShadowing>;
export const ZShadowingCreate = z
  .strictObject({
    inspectorId: zId,
    hostAuthorityId: zId,
    from: zDate('开始日期'),
    to: zDate('结束日期').nullable().optional(),
  })
  .superRefine((s, ctx) => periodIssue(s.from, s.to, ctx, '结束日期不能早于开始日期'));
export type TShadowingCreate = z.infer<typeof ZShadowingCreate>;

export const APPRAISAL_GRADES = ['优秀', '称职', '基本称职', '不称职'] as const;
export const ZAppraisalGrade = z.enum(APPRAISAL_GRADES, { error: '考核等次不在可选范围内' });

/** The team's appraisal of one inspector's work in one round. */
export const ZAppraisal = z.object({
  id: z.uuid(),
  inspectorId: z.uuid(),
  roundId: z.uuid(),
  teamId: z.uuid(),
  grade: ZAppraisalGrade,
  comment: z.string(),
  appraisedOn: z.string(),
});
export type TAppraisal = z.infer<typeof ZAppraisal>;
export const ZAppraisalCreate = z.strictObject({
  inspectorId: zId,
  roundId: zId,
  teamId: zId,
  grade: ZAppraisalGrade,
  comment: zText('评价意见', { min: 0, max: 500, multiline: true }).default(''),
  appraisedOn: zDate('考核日期'),
});
export type TAppraisalCreate = z.infer<typeof ZAppraisalCreate>;

export const AWARD_KINDS = ['excellentInspector', 'excellentReport'] as const;
export const ZAwardKind = z.enum(AWARD_KINDS, { error: '表彰类别不在可选范围内' });
export type TAwardKind = z.infer<typeof ZAwardKind>;
export const AWARD_KIND_LABELS: Record<TAwardKind, string> = {
  excellentInspector: '优秀巡察干部',
  excellentReport: '优秀巡察报告',
};

/**
 * 优秀巡察干部 names the people honoured; 优秀巡察报告 names the report (`title`), its category
 * (综合类/专项类 …) and its authors. The seed counts both: 2 batches, 50 people; 6 categories, 40 reports.
 */
export const ZAward = z.object({
  id: z.uuid(),
  kind: ZAwardKind,
  /** 2019年度 */
  batch: z.string(),
  category: z.string().nullable(),
  inspectorIds: z.array(z.uuid()),
  title: z.string().nullable(),
  awardedOn: z.string(),
});
export type TAward = z.infer<typeof ZAward>;

export const ZAwardCreate = z
  .strictObject({
    kind: ZAwardKind,
    batch: zText('评选批次', { max: 20 }),
    category: zText('报告类别', { max: 20 }).nullable().default(null),
    inspectorIds: z
      .array(zId, { error: '请选择受表彰的巡察干部' })
      .min(1, '请至少选择一名巡察干部')
      .max(200, '一次最多200人'),
    title: zText('报告题目', { max: 100 }).nullable().default(null),
    awardedOn: zDate('表彰日期'),
  })
  .superRefine((a, ctx) => {
    if (new Set(a.inspectorIds).size !== a.inspectorIds.length)
      ctx.addIssue({ code: 'custom', path: ['inspectorIds'], message: '巡察干部有重复' });
    if (a.kind === 'excellentReport') {
      if (!a.title) ctx.addIssue({ code: 'custom', path: ['title'], message: '优秀巡察报告须填写报告题目' });
      if (!a.category) ctx.addIssue({ code: 'custom', path: ['category'], message: '优秀巡察报告须选择报告类别' });
    } else {
      if (a.title) ctx.addIssue({ code: 'custom', path: ['title'], message: '优秀巡察干部不填写报告题目' });
      if (a.category) ctx.addIssue({ code: 'custom', path: ['category'], message: '优秀巡察干部不填写报告类别' });
    }
  });
export type TAwardCreate = z.infer<typeof ZAwardCreate>;

// ---------------------------------------------------------------------------------------------
// Read models for the pages

/** The inspector's profile: the record plus what they served, learned and earned. */
export const ZInspectorProfile = ZInspector.extend({
  userId: z.uuid().nullable(),
  teams: z.array(
    z.object({
      teamId: z.uuid(),
      teamName: z.string(),
      roundId: z.uuid(),
      roundName: z.string(),
      termName: z.string(),
      role: ZTeamRole,
      targets: z.string(),
    }),
  ),
  trainings: z.array(
    z.object({ id: z.uuid(), title: z.string(), heldOn: z.string(), hours: z.number(), mode: z.string() }),
  ),
  secondments: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['secondment', 'shadowing']),
      hostName: z.string(),
      from: z.string(),
      to: z.string().nullable(),
    }),
  ),
  appraisals: z.array(
    z.object({
      id: z.uuid(),
      teamName: z.string(),
      roundName: z.string(),
      grade: z.string(),
      comment: z.string(),
      appraisedOn: z.string(),
    }),
  ),
  /** 作风纪律评估 of the teams served on (governance, issue 13); empty for a caller who sat on the team rated. */
  conduct: z.array(ZConductResultLine),
  awards: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['excellentInspector', 'excellentReport']),
      batch: z.string(),
      category: z.string().nullable(),
      title: z.string().nullable(),
      awardedOn: z.string(),
    }),
  ),
});
export type TInspectorProfile = z.infer<typeof ZInspectorProfile>;

export const ZTrainingList = z.object({ items: z.array(ZTraining), total: z.number().int() });
export const ZAwardList = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['excellentInspector', 'excellentReport']),
      batch: z.string(),
      category: z.string().nullable(),
      title: z.string().nullable(),
      awardedOn: z.string(),
      people: z.array(z.object({ inspectorId: z.uuid(), name: z.string(), homeUnitName: z.string() })),
    }),
  ),
  total: z.number().int(),
});

export const ZTrainingAttendees = z.strictObject({
  inspectorIds: z.array(zId).max(2000, '一次培训最多2000人'),
});
export const ZAttendeeList = z.object({
  items: z.array(z.object({ inspectorId: z.uuid(), name: z.string(), homeUnitName: z.string() })),
});
export const ZCreated = z.object({ id: z.uuid() });

export const ZPersonnelSettingsResponse = z.object({
  authorityId: z.uuid(),
  settings: ZPersonnelSettings,
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export const ZPersonnelSettingsUpdate = z.strictObject({ version: z.number().int(), settings: ZPersonnelSettings });
