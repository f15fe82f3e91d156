import { z } from 'zod';
import { codePointLength, zCursor, zDate, zId, zLimit, zPage, zText } from '../common/text.ts';
import { ZSector } from '../orgs/schemas.ts';
import { describeDeadline, type TDeadlineRule, ZDeadlineRule } from '../planning/deadlines.ts';
import { parseWan, wanProblem } from '../rectification/money.ts';
import { FEEDBACK_COPY_RECIPIENT_LABELS, zWan } from '../rectification/schemas.ts';

/**
 * 以巡促治 (domain.md §3: bulletin, dutyReminder, campaign, ruleMaking, policyConsultation,
 * dualReport, conductEvaluation, archive): what the office does with the pattern across
 * inspections rather than with any one of them.
 */

/** At most this many ids in one list of a request body (common problems, organizations …). */
const MAX_IDS = 200;

function uniqueIds(label: string, max = MAX_IDS) {
  return z
    .array(zId, { error: `请选择${label}` })
    .max(max, `${label}最多${max}个`)
    .refine((ids) => new Set(ids).size === ids.length, `${label}有重复`);
}

const zCount = (label: string) =>
  z
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .min(0, `${label}不能为负数`)
    .max(1_000_000, `${label}不能超过1000000`);

const zSetting = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .min(min, `${label}不能少于${min}`)
    .max(max, `${label}不能超过${max}`);

// ---------------------------------------------------------------------------------------------
// Recipients: the leader in charge of a sector and the departments that lead it

/**
 * 分管领导 (a person: the city or county leader in charge of the sector) and 主管部门 (an organization
 * of the registry that leads the sector): the first two of rectification's 四抄告 recipients, with
 * their words, so a feedback copy and a bulletin name the same people the same way.
 */
export const RECIPIENT_KINDS = ['sectorLeader', 'competentDept'] as const;
export const ZRecipientKind = z.enum(RECIPIENT_KINDS, { error: '接收对象类型不在可选范围内' });
export type TRecipientKind = z.infer<typeof ZRecipientKind>;
export const RECIPIENT_KIND_LABELS: Record<TRecipientKind, string> = {
  sectorLeader: FEEDBACK_COPY_RECIPIENT_LABELS.sectorLeader,
  competentDept: FEEDBACK_COPY_RECIPIENT_LABELS.competentDept,
};

/**
 * `userId` is the account that reads and answers in the product; without one the document goes on
 * paper and the office records the answer. A 主管部门 is an organization of the registry, so it
 * names its `orgId`: every account granted on that organization may read what is addressed to it.
 */
export const ZRecipient = z
  .strictObject({
    kind: ZRecipientKind,
    name: zText('接收对象名称', { max: 60 }),
    orgId: zId.optional(),
    userId: zId.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.kind === 'competentDept' && !r.orgId)
      ctx.addIssue({ code: 'custom', path: ['orgId'], message: '主管部门须选择对应的单位' });
  });
export type TRecipient = z.infer<typeof ZRecipient>;

export const ZRecipientOut = z.object({
  kind: ZRecipientKind,
  name: z.string(),
  orgId: z.uuid().nullable(),
  userId: z.uuid().nullable(),
  /** When the recipient first opened it (the read receipt); null while unread. */
  readAt: z.string().nullable(),
});
export type TRecipientOut = z.infer<typeof ZRecipientOut>;

const zRecipients = z
  .array(ZRecipient, { error: '请选择接收对象' })
  .min(1, '请至少选择一个接收对象')
  .max(20, '接收对象最多20个')
  .superRefine((rs, ctx) => {
    const users = new Set<string>();
    const orgs = new Set<string>();
    rs.forEach((r, i) => {
      if (r.userId && users.has(r.userId))
        ctx.addIssue({ code: 'custom', path: [i, 'userId'], message: `接收对象“${r.name}”重复` });
      if (r.kind === 'competentDept' && r.orgId && orgs.has(r.orgId))
        ctx.addIssue({ code: 'custom', path: [i, 'orgId'], message: `主管部门“${r.name}”重复` });
      if (r.userId) users.add(r.userId);
      if (r.kind === 'competentDept' && r.orgId) orgs.add(r.orgId);
    });
  });

const ZRef = z.object({ id: z.uuid(), name: z.string() });

// ---------------------------------------------------------------------------------------------
// Common problems (共性问题)

/**
 * The problems the seed names as bulletined and then fixed by campaigns in city and counties. The
 * seed bulletined the 政法, 群团 and 新闻媒体 sectors; each example sits in the sector that leads its
 * fix (the 宣传 system's 新闻媒体 for ideological positions in villages, 交通 for unlicensed taxis).
 */
export const COMMON_PROBLEM_EXAMPLES = [
  {
    name: '公职人员参与民间借贷和非法集资',
    sector: '政法',
    description:
      '部分公职人员违规参与民间借贷、为非法集资提供担保或充当中间人，有的放贷收取高额利息，扰乱金融秩序，损害公职人员形象。',
  },
  {
    name: '农村意识形态阵地管理不力',
    sector: '新闻媒体',
    description:
      '部分乡镇、村对农家书屋、文化广场、宣传栏等阵地管理不到位，存在内容更新不及时、宗教和封建迷信活动渗透、管理责任落实不到位等问题。',
  },
  {
    name: '黑车非法营运',
    sector: '交通',
    description:
      '城乡接合部和农村地区“黑车”非法营运问题突出，部分职能部门监管缺位、执法不严，存在安全隐患，群众反映强烈。',
  },
] as const satisfies readonly { name: string; sector: z.infer<typeof ZSector>; description: string }[];

/** The office confirms a candidate group (or its own selection of findings) as one common problem. */
export const ZCommonProblemConfirm = z.strictObject({
  termId: zId,
  name: zText('共性问题名称', { max: 60 }),
  description: zText('问题描述', { max: 2000, multiline: true }),
  sector: ZSector,
  taxonomyTypeId: zId.optional(),
  findingIds: uniqueIds('问题', 500).min(1, '请至少选择一个问题'),
});
export type TCommonProblemConfirm = z.infer<typeof ZCommonProblemConfirm>;

export const ZCommonProblemUpdate = z.strictObject({
  version: z.number().int(),
  name: zText('共性问题名称', { max: 60 }).optional(),
  description: zText('问题描述', { max: 2000, multiline: true }).optional(),
  sector: ZSector.optional(),
  findingIds: uniqueIds('问题', 500).min(1, '请至少选择一个问题').optional(),
});
export type TCommonProblemUpdate = z.infer<typeof ZCommonProblemUpdate>;

/**
 * The contract item of `GET /api/common-problems`. `findings` and `organizations` count the
 * inspection findings linked to the problem; `rectified` counts items rectified — those findings
 * once rectified plus the items participants report rectified in campaigns (commonProblemTally).
 */
export const ZCommonProblemListItem = z.object({
  id: z.uuid(),
  name: z.string(),
  sector: z.string(),
  findings: z.number().int(),
  organizations: z.number().int(),
  rectified: z.number().int(),
});
export type TCommonProblemListItem = z.infer<typeof ZCommonProblemListItem>;
export const ZCommonProblemList = zPage(ZCommonProblemListItem);

export const ZCommonProblem = ZCommonProblemListItem.extend({
  authorityId: z.uuid(),
  termId: z.uuid(),
  description: z.string(),
  taxonomyTypeId: z.uuid().nullable(),
  findingIds: z.array(z.uuid()),
  inspections: z.number().int(),
  confirmedOn: z.string(),
  bulletins: z.array(ZRef),
  campaigns: z.array(ZRef),
  version: z.number().int(),
});
export type TCommonProblem = z.infer<typeof ZCommonProblem>;

export const ZCommonProblemListQuery = z.strictObject({
  termId: zId.optional(),
  sector: ZSector.optional(),
  q: z.string().max(50).optional(),
  limit: zLimit,
  cursor: zCursor,
});
export type TCommonProblemListQuery = z.infer<typeof ZCommonProblemListQuery>;

/** A candidate group of groupCommonProblems, as the candidates page receives it. */
export const ZCommonProblemCandidate = z.object({
  key: z.string(),
  sector: z.string().nullable(),
  taxonomyTypeId: z.string().nullable(),
  findingIds: z.array(z.string()),
  findings: z.number().int(),
  flagged: z.number().int(),
  organizations: z.number().int(),
  inspections: z.number().int(),
  byOrganization: z.array(z.object({ orgId: z.string(), findings: z.number().int() })),
});
export type TCommonProblemCandidate = z.infer<typeof ZCommonProblemCandidate>;
export const ZCommonProblemCandidateQuery = z.strictObject({ termId: zId, sector: ZSector.optional() });

// ---------------------------------------------------------------------------------------------
// 分类通报 (bulletins)

export const BULLETIN_STATUSES = ['draft', 'approved', 'sent'] as const;
export const ZBulletinStatus = z.enum(BULLETIN_STATUSES, { error: '通报状态不在可选范围内' });
export type TBulletinStatus = z.infer<typeof ZBulletinStatus>;
export const BULLETIN_STATUS_LABELS: Record<TBulletinStatus, string> = {
  draft: '草稿',
  approved: '已审批',
  sent: '已印发',
};

export const ZBulletinCreate = z.strictObject({
  termId: zId,
  sector: ZSector,
  title: zText('通报标题', { max: 100 }),
  commonProblemIds: uniqueIds('共性问题', 50).min(1, '请至少选择一个共性问题'),
  recipients: zRecipients,
  /** The opening paragraph; the document falls back to a standard one when it is empty. */
  intro: zText('通报说明', { min: 0, max: 2000, multiline: true }).optional(),
  requestedActions: zText('工作要求', { max: 5000, multiline: true }),
  /** false: the document gives counts only (涉及N个单位); true: it names the organizations. */
  nameOrganizations: z.boolean().default(false),
});
export type TBulletinCreate = z.infer<typeof ZBulletinCreate>;

/** A draft may change; an approved or sent bulletin may not (bulletinMove). */
export const ZBulletinUpdate = z.strictObject({
  version: z.number().int(),
  sector: ZSector.optional(),
  title: zText('通报标题', { max: 100 }).optional(),
  commonProblemIds: uniqueIds('共性问题', 50).min(1, '请至少选择一个共性问题').optional(),
  recipients: zRecipients.optional(),
  intro: zText('通报说明', { min: 0, max: 2000, multiline: true }).optional(),
  requestedActions: zText('工作要求', { max: 5000, multiline: true }).optional(),
  nameOrganizations: z.boolean().optional(),
});
export type TBulletinUpdate = z.infer<typeof ZBulletinUpdate>;

/** approved: approve and number it; draft: withdraw the approval (the number is freed); sent: send it. */
export const ZBulletinMove = z.strictObject({
  version: z.number().int(),
  to: ZBulletinStatus,
});
export type TBulletinMove = z.infer<typeof ZBulletinMove>;

export const ZBulletin = z.object({
  id: z.uuid(),
  authorityId: z.uuid(),
  termId: z.uuid(),
  sector: z.string(),
  title: z.string(),
  status: ZBulletinStatus,
  /** 赣巡办〔2026〕3号 once approved; null in draft. */
  number: z.string().nullable(),
  year: z.number().int().nullable(),
  seq: z.number().int().nullable(),
  commonProblems: z.array(ZRef),
  recipients: z.array(ZRecipientOut),
  intro: z.string().nullable(),
  requestedActions: z.string(),
  nameOrganizations: z.boolean(),
  approvedOn: z.string().nullable(),
  sentOn: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type TBulletin = z.infer<typeof ZBulletin>;
export const ZBulletinList = zPage(ZBulletin);

export const ZBulletinListQuery = z.strictObject({
  termId: zId.optional(),
  status: ZBulletinStatus.optional(),
  sector: ZSector.optional(),
  q: z.string().max(50).optional(),
  limit: zLimit,
  cursor: zCursor,
});
export type TBulletinListQuery = z.infer<typeof ZBulletinListQuery>;

// ---------------------------------------------------------------------------------------------
// 履责提示 (duty reminders)

/**
 * pending: no answer yet, not late; overdue: no (new) answer and past the due date; submitted: the
 * recipient answered and the office has not judged it; answered: the office accepted the answer;
 * insufficient: the office judged the answer insufficient and a new one is owed by a new due date.
 */
export const REMINDER_STATUSES = ['pending', 'overdue', 'submitted', 'answered', 'insufficient'] as const;
export const ZReminderStatus = z.enum(REMINDER_STATUSES, { error: '提示状态不在可选范围内' });
export type TReminderStatus = z.infer<typeof ZReminderStatus>;
export const REMINDER_STATUS_LABELS: Record<TReminderStatus, string> = {
  pending: '待答复',
  overdue: '逾期未答复',
  submitted: '已答复待审核',
  answered: '已答复',
  insufficient: '答复不充分',
};

export const REMINDER_JUDGEMENTS = ['answered', 'insufficient'] as const;
export const ZReminderJudgement = z.enum(REMINDER_JUDGEMENTS, { error: '审核结果不在可选范围内' });
export type TReminderJudgement = z.infer<typeof ZReminderJudgement>;
export const REMINDER_JUDGEMENT_LABELS: Record<TReminderJudgement, string> = {
  answered: '认可答复',
  insufficient: '答复不充分，退回重新答复',
};

/**
 * Either a number of working days (from the day it is sent) or a date; neither takes the authority's
 * setting (reminderAnswerDays). An explicit date is kept as chosen.
 */
export const ZDutyReminderCreate = z
  .strictObject({
    termId: zId,
    recipient: ZRecipient,
    sector: ZSector.optional(),
    commonProblemIds: uniqueIds('共性问题', 50).optional(),
    findingIds: uniqueIds('问题').optional(),
    content: zText('提示内容', { max: 5000, multiline: true }),
    answerDueInWorkingDays: zSetting('答复期限', 1, 60).optional(),
    dueOn: zDate('答复截止日期').optional(),
  })
  .superRefine((r, ctx) => {
    if (r.answerDueInWorkingDays !== undefined && r.dueOn !== undefined)
      ctx.addIssue({ code: 'custom', path: ['dueOn'], message: '答复期限和答复截止日期只能填写一项' });
  });
export type TDutyReminderCreate = z.infer<typeof ZDutyReminderCreate>;

export const ZDutyReminderAnswer = z.strictObject({
  whatWasDone: zText('落实情况', { max: 5000, multiline: true }),
  fileIds: uniqueIds('附件', 20).default([]),
});
export type TDutyReminderAnswer = z.infer<typeof ZDutyReminderAnswer>;

export const ZDutyReminderJudge = z
  .strictObject({
    version: z.number().int(),
    judgement: ZReminderJudgement,
    comment: zText('审核意见', { min: 0, max: 1000, multiline: true }).optional(),
  })
  .superRefine((j, ctx) => {
    if (j.judgement === 'insufficient' && codePointLength(j.comment ?? '') < 5)
      ctx.addIssue({ code: 'custom', path: ['comment'], message: '认定答复不充分须写明理由（至少5个字）' });
  });
export type TDutyReminderJudge = z.infer<typeof ZDutyReminderJudge>;

export const ZDutyReminderAnswerOut = z.object({
  id: z.uuid(),
  whatWasDone: z.string(),
  fileIds: z.array(z.uuid()),
  /** The attachments named, in fileIds order (a file no longer stored is left out). */
  files: z.array(ZRef),
  answeredOn: z.string(),
  answeredByName: z.string().nullable(),
  judgement: ZReminderJudgement.nullable(),
  judgedOn: z.string().nullable(),
  comment: z.string().nullable(),
});

export const ZDutyReminder = z.object({
  id: z.uuid(),
  authorityId: z.uuid(),
  termId: z.uuid(),
  recipient: ZRecipientOut,
  sector: z.string().nullable(),
  commonProblems: z.array(ZRef),
  findingIds: z.array(z.uuid()),
  content: z.string(),
  sentOn: z.string(),
  dueOn: z.string(),
  status: ZReminderStatus,
  colour: z.enum(['green', 'yellow', 'red', 'done']),
  answers: z.array(ZDutyReminderAnswerOut),
  version: z.number().int(),
});
export type TDutyReminder = z.infer<typeof ZDutyReminder>;
export const ZDutyReminderList = zPage(ZDutyReminder.omit({ answers: true, content: true }));

export const ZDutyReminderListQuery = z.strictObject({
  termId: zId.optional(),
  status: ZReminderStatus.optional(),
  sector: ZSector.optional(),
  /** Only what is addressed to the caller (the recipients' inbox). */
  mine: z.enum(['true', 'false'], { error: 'mine 只能是 true 或 false' }).optional(),
  limit: zLimit,
  cursor: zCursor,
});
export type TDutyReminderListQuery = z.infer<typeof ZDutyReminderListQuery>;

// ---------------------------------------------------------------------------------------------
// 专项整治 (campaigns)

export const CAMPAIGN_PHASES = ['notStarted', 'active', 'ended'] as const;
export type TCampaignPhase = (typeof CAMPAIGN_PHASES)[number];
export const CAMPAIGN_PHASE_LABELS: Record<TCampaignPhase, string> = {
  notStarted: '未开始',
  active: '进行中',
  ended: '已结束',
};

function campaignPeriodIssue(c: { startOn?: string; endOn?: string }, ctx: z.RefinementCtx) {
  if (c.startOn && c.endOn && c.endOn < c.startOn)
    ctx.addIssue({ code: 'custom', path: ['endOn'], message: '整治结束日期不能早于开始日期' });
}

/**
 * Started from a bulletin or by hand. `authorityIds` are the city and the counties that join (市县
 * 同步); `orgIds` the organizations in scope, each expected to report.
 */
export const ZCampaignCreate = z
  .strictObject({
    termId: zId,
    name: zText('专项整治名称', { max: 100 }),
    description: zText('整治内容', { min: 0, max: 5000, multiline: true }).optional(),
    fromBulletinId: zId.optional(),
    authorityIds: uniqueIds('参与的巡察机构', 50).min(1, '请至少选择一个参与的巡察机构'),
    orgIds: uniqueIds('整治范围内的单位', 2000).default([]),
    commonProblemIds: uniqueIds('共性问题', 50).min(1, '请至少选择一个共性问题'),
    startOn: zDate('整治开始日期'),
    endOn: zDate('整治结束日期'),
  })
  .superRefine(campaignPeriodIssue);
export type TCampaignCreate = z.infer<typeof ZCampaignCreate>;

export const ZCampaignUpdate = z
  .strictObject({
    version: z.number().int(),
    name: zText('专项整治名称', { max: 100 }).optional(),
    description: zText('整治内容', { min: 0, max: 5000, multiline: true }).optional(),
    authorityIds: uniqueIds('参与的巡察机构', 50).min(1, '请至少选择一个参与的巡察机构').optional(),
    orgIds: uniqueIds('整治范围内的单位', 2000).optional(),
    commonProblemIds: uniqueIds('共性问题', 50).min(1, '请至少选择一个共性问题').optional(),
    startOn: zDate('整治开始日期').optional(),
    endOn: zDate('整治结束日期').optional(),
  })
  .superRefine(campaignPeriodIssue);
export type TCampaignUpdate = z.infer<typeof ZCampaignUpdate>;

/**
 * One participant's report, added to the ledger (reports add up; a later report does not replace an
 * earlier one). It counts what the campaign itself found and fixed — the self-examination
 * (自查自纠) beyond the findings the inspections already fed back, which the rectification ledger
 * counts — so nothing is counted twice. `commonProblemId` says which targeted problem the items
 * belong to; a campaign with one target implies it.
 */
export const ZCampaignReport = z
  .strictObject({
    orgId: zId,
    commonProblemId: zId.optional(),
    reportedOn: zDate('报送日期'),
    foundItems: zCount('发现问题数'),
    rectifiedItems: zCount('整改问题数'),
    rulesMade: zCount('建章立制数'),
    moneyRecovered: zWan('挽回损失（万元）').default('0'),
    note: zText('情况说明', { min: 0, max: 2000, multiline: true }).optional(),
  })
  .superRefine((r, ctx) => {
    const noMoney = wanProblem(r.moneyRecovered) === null && parseWan(r.moneyRecovered) === 0n;
    if (r.foundItems === 0 && r.rectifiedItems === 0 && r.rulesMade === 0 && noMoney)
      ctx.addIssue({ code: 'custom', path: ['foundItems'], message: '报送的数据不能全部为0' });
  });
export type TCampaignReport = z.infer<typeof ZCampaignReport>;

export const ZCampaignReportOut = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  commonProblemId: z.uuid().nullable(),
  reportedOn: z.string(),
  foundItems: z.number().int(),
  rectifiedItems: z.number().int(),
  rulesMade: z.number().int(),
  moneyRecovered: z.string(),
  note: z.string().nullable(),
});

export const ZCampaign = z.object({
  id: z.uuid(),
  authorityId: z.uuid(),
  termId: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  fromBulletin: ZRef.nullable(),
  authorities: z.array(ZRef),
  orgIds: z.array(z.uuid()),
  commonProblems: z.array(ZRef),
  startOn: z.string(),
  endOn: z.string(),
  phase: z.enum(CAMPAIGN_PHASES),
  reports: z.number().int(),
  version: z.number().int(),
});
export type TCampaign = z.infer<typeof ZCampaign>;
export const ZCampaignList = zPage(ZCampaign.omit({ orgIds: true }));
export const ZCampaignListQuery = z.strictObject({
  termId: zId.optional(),
  q: z.string().max(50).optional(),
  limit: zLimit,
  cursor: zCursor,
});

/** The reports of a campaign, newest first; `orgId` narrows to one organization's. */
export const ZCampaignReportListQuery = z.strictObject({
  orgId: zId.optional(),
  limit: zLimit,
  cursor: zCursor,
});

const ZLedgerLine = z.object({
  reports: z.number().int(),
  /** Organizations that reported, and those in scope (expected to). */
  organizations: z.number().int(),
  inScope: z.number().int(),
  found: z.number().int(),
  rectified: z.number().int(),
  rate: z.number().nullable(),
  rulesMade: z.number().int(),
  moneyRecovered: z.string(),
});
export const ZCampaignLedger = z.object({
  total: ZLedgerLine.extend({ notReported: z.array(z.string()) }),
  bySector: z.array(ZLedgerLine.extend({ sector: z.string().nullable() })),
  byAuthority: z.array(ZLedgerLine.extend({ authorityId: z.string() })),
  byProblem: z.array(ZLedgerLine.extend({ commonProblemId: z.string().nullable() })),
});
export type TCampaignLedger = z.infer<typeof ZCampaignLedger>;

// ---------------------------------------------------------------------------------------------
// 政策会商 (policy consultations)

export const POLICY_PROBLEM_STATUSES = ['open', 'inProgress', 'done'] as const;
export const ZPolicyProblemStatus = z.enum(POLICY_PROBLEM_STATUSES, { error: '落实状态不在可选范围内' });
export type TPolicyProblemStatus = z.infer<typeof ZPolicyProblemStatus>;
export const POLICY_PROBLEM_STATUS_LABELS: Record<TPolicyProblemStatus, string> = {
  open: '待落实',
  inProgress: '推进中',
  done: '已完成',
};

/** A problem brought to the session: from a finding, from a common problem, or neither (raised there). */
export const ZPolicyProblemInput = z
  .strictObject({
    findingId: zId.optional(),
    commonProblemId: zId.optional(),
    summary: zText('问题概述', { max: 1000, multiline: true }),
    conclusion: zText('会商意见（需完善的政策）', { max: 2000, multiline: true }),
    leadDept: zText('牵头部门', { max: 60 }),
    dueOn: zDate('完成时限'),
    status: ZPolicyProblemStatus.default('open'),
  })
  .superRefine((p, ctx) => {
    if (p.findingId && p.commonProblemId)
      ctx.addIssue({ code: 'custom', path: ['commonProblemId'], message: '问题只能关联一个巡察问题或一个共性问题' });
  });
export type TPolicyProblemInput = z.infer<typeof ZPolicyProblemInput>;

const zDepartments = z
  .array(zText('参会部门', { max: 60 }), { error: '请填写参会部门' })
  .min(1, '请至少填写一个参会部门')
  .max(30, '参会部门最多30个')
  .refine((ds) => new Set(ds).size === ds.length, '参会部门有重复');

export const ZPolicyConsultationCreate = z.strictObject({
  termId: zId,
  heldOn: zDate('会商日期'),
  title: zText('会商议题', { max: 100 }),
  departments: zDepartments,
  problems: z
    .array(ZPolicyProblemInput, { error: '请填写会商的问题' })
    .min(1, '请至少填写一个会商的问题')
    .max(50, '一次会商最多50个问题'),
});
export type TPolicyConsultationCreate = z.infer<typeof ZPolicyConsultationCreate>;

export const ZPolicyConsultationUpdate = z.strictObject({
  version: z.number().int(),
  heldOn: zDate('会商日期').optional(),
  title: zText('会商议题', { max: 100 }).optional(),
  departments: zDepartments.optional(),
});
export type TPolicyConsultationUpdate = z.infer<typeof ZPolicyConsultationUpdate>;

/** Follow-up of one problem's conclusion. */
export const ZPolicyProblemUpdate = z.strictObject({
  version: z.number().int(),
  status: ZPolicyProblemStatus.optional(),
  conclusion: zText('会商意见（需完善的政策）', { max: 2000, multiline: true }).optional(),
  leadDept: zText('牵头部门', { max: 60 }).optional(),
  dueOn: zDate('完成时限').optional(),
  progressNote: zText('落实情况', { min: 0, max: 2000, multiline: true }).optional(),
});
export type TPolicyProblemUpdate = z.infer<typeof ZPolicyProblemUpdate>;

/** The contract item of `GET /api/policy-consultations`: `problems` is the number of problems brought. */
export const ZPolicyConsultationListItem = z.object({
  id: z.uuid(),
  authorityId: z.uuid(),
  termId: z.uuid(),
  heldOn: z.string(),
  title: z.string(),
  departments: z.array(z.string()),
  problems: z.number().int(),
  problemsDone: z.number().int(),
  version: z.number().int(),
});
export type TPolicyConsultationListItem = z.infer<typeof ZPolicyConsultationListItem>;
export const ZPolicyConsultationList = zPage(ZPolicyConsultationListItem);

export const ZPolicyProblem = z.object({
  id: z.uuid(),
  findingId: z.uuid().nullable(),
  commonProblemId: z.uuid().nullable(),
  summary: z.string(),
  conclusion: z.string(),
  leadDept: z.string(),
  dueOn: z.string(),
  status: ZPolicyProblemStatus,
  progressNote: z.string().nullable(),
  colour: z.enum(['green', 'yellow', 'red', 'done']),
  version: z.number().int(),
});
export type TPolicyProblem = z.infer<typeof ZPolicyProblem>;

/** The detail: the list item and the problems themselves (`problemItems`, since `problems` is the count). */
export const ZPolicyConsultation = ZPolicyConsultationListItem.extend({ problemItems: z.array(ZPolicyProblem) });
export type TPolicyConsultation = z.infer<typeof ZPolicyConsultation>;

export const ZPolicyConsultationListQuery = z.strictObject({
  termId: zId.optional(),
  status: ZPolicyProblemStatus.optional(),
  q: z.string().max(50).optional(),
  limit: zLimit,
  cursor: zCursor,
});
export type TPolicyConsultationListQuery = z.infer<typeof ZPolicyConsultationListQuery>;

// ---------------------------------------------------------------------------------------------
// 双报告一报备 (dual report) of an authorized inspection

export const DUAL_REPORT_KINDS = ['countyCommittee', 'sectorDepartment', 'cityOffice'] as const;
export const ZDualReportKind = z.enum(DUAL_REPORT_KINDS, { error: '报告类型不在可选范围内' });
export type TDualReportKind = z.infer<typeof ZDualReportKind>;
export const DUAL_REPORT_KIND_LABELS: Record<TDualReportKind, string> = {
  countyCommittee: '向县级党委报告',
  sectorDepartment: '向市级主管部门党组织报告',
  cityOffice: '向市委巡察办报备',
};

/** The county records one of the three (the path names the kind); null clears a mistaken entry. */
export const ZDualReportRecordUpdate = z.strictObject({
  version: z.number().int(),
  on: zDate('报送日期').nullable(),
  docTitle: zText('文件标题', { max: 100 }).nullable(),
  fileId: zId.nullable().optional(),
});
export type TDualReportRecordUpdate = z.infer<typeof ZDualReportRecordUpdate>;

/** The city office checks (or un-checks) a record; the server dates it. */
export const ZDualReportCheck = z.strictObject({ version: z.number().int(), checked: z.boolean() });
export type TDualReportCheck = z.infer<typeof ZDualReportCheck>;

export const DUAL_REPORT_STATES = ['notDue', 'pending', 'overdue', 'awaitingCheck', 'checked'] as const;
export type TDualReportState = (typeof DUAL_REPORT_STATES)[number];
export const DUAL_REPORT_STATE_LABELS: Record<TDualReportState, string> = {
  notDue: '尚未起算',
  pending: '待报送',
  overdue: '逾期未报送',
  awaitingCheck: '已报送待审核',
  checked: '市委巡察办已审核',
};

export const ZDualReportItem = z.object({
  kind: ZDualReportKind,
  label: z.string(),
  on: z.string().nullable(),
  docTitle: z.string().nullable(),
  fileId: z.uuid().nullable(),
  /** The uploaded document's name, shown in place of its id. */
  fileName: z.string().nullable(),
  checkedByCityOffice: z.boolean(),
  checkedOn: z.string().nullable(),
  due: z.string().nullable(),
  state: z.enum(DUAL_REPORT_STATES),
  colour: z.enum(['green', 'yellow', 'red', 'done', 'none']),
  late: z.boolean(),
});
export const ZDualReportView = z.object({
  inspectionId: z.uuid(),
  anchor: z.string().nullable(),
  items: z.array(ZDualReportItem),
  warnings: z.array(z.string()),
  version: z.number().int(),
});
export type TDualReportView = z.infer<typeof ZDualReportView>;

// ---------------------------------------------------------------------------------------------
// 作风纪律评估 (conduct evaluation of the teams)

/** The seed: 每轮巡察作风纪律评估综合满意度均保持在97.5%以上. Shown as a reference line, not enforced. */
export const CONDUCT_BAR = 0.975;

/** The questionnaire at the 反馈会, then the follow-up some working days later. */
export const CONDUCT_STAGES = ['atFeedback', 'followUp'] as const;
export const ZConductStage = z.enum(CONDUCT_STAGES, { error: '测评批次不在可选范围内' });
export type TConductStage = z.infer<typeof ZConductStage>;
export const CONDUCT_STAGE_LABELS: Record<TConductStage, string> = {
  atFeedback: '反馈时测评',
  followUp: '反馈后回访测评',
};

const ZRate = z.object({ satisfied: z.number().int(), valid: z.number().int(), rate: z.number().nullable() });

export const ZConductTeamResult = ZRate.extend({
  roundId: z.string(),
  teamId: z.string(),
  meetsBar: z.boolean().nullable(),
  stages: z.object({ atFeedback: ZRate.nullable(), followUp: ZRate.nullable() }),
});
export const ZConductRoundResult = ZRate.extend({
  roundId: z.string(),
  meetsBar: z.boolean().nullable(),
  teams: z.number().int(),
  teamsBelowBar: z.number().int(),
});
export const ZConductResults = z.object({
  bar: z.number(),
  byTeam: z.array(ZConductTeamResult),
  byRound: z.array(ZConductRoundResult),
});
export type TConductResults = z.infer<typeof ZConductResults>;

/** One inspector's line in the appraisal history. */
export const ZConductResultLine = ZRate.extend({
  inspectorId: z.string(),
  roundId: z.string(),
  teamId: z.string(),
  role: z.string(),
  meetsBar: z.boolean().nullable(),
  text: z.string(),
});
export type TConductResultLine = z.infer<typeof ZConductResultLine>;

// ---------------------------------------------------------------------------------------------
// Archive (档案)

/** What an archived inspection files, one item per file. */
export const ARCHIVE_DOC_KINDS = [
  'plan',
  'authorization',
  'notice',
  'workingPaper',
  'interviewRecord',
  'evidence',
  'reportVersion',
  'report',
  'meetingMinutes',
  'feedback',
  'clueTransfer',
  'rectificationPlan',
  'rectificationReport',
  'evaluation',
  'publication',
  'other',
] as const;
export const ZArchiveDocKind = z.enum(ARCHIVE_DOC_KINDS, { error: '文件类别不在可选范围内' });
export type TArchiveDocKind = z.infer<typeof ZArchiveDocKind>;
export const ARCHIVE_DOC_KIND_LABELS: Record<TArchiveDocKind, string> = {
  plan: '巡察工作方案',
  authorization: '巡察授权书',
  notice: '巡察通知及公告',
  workingPaper: '问题底稿',
  interviewRecord: '谈话记录',
  evidence: '调阅资料及证据材料',
  reportVersion: '巡察报告修改稿',
  report: '巡察报告（定稿）',
  meetingMinutes: '会议纪要',
  feedback: '反馈意见',
  clueTransfer: '问题线索移交材料',
  rectificationPlan: '整改方案',
  rectificationReport: '整改报告',
  evaluation: '整改评估材料',
  publication: '整改情况公开材料',
  other: '其他材料',
};

/** 文书档案: the documents issued or received as official papers; 业务档案: the work behind them. */
export const ARCHIVE_CLASSES = ['document', 'business'] as const;
export const ZArchiveClass = z.enum(ARCHIVE_CLASSES, { error: '档案门类不在可选范围内' });
export type TArchiveClass = z.infer<typeof ZArchiveClass>;
export const ARCHIVE_CLASS_LABELS: Record<TArchiveClass, string> = { document: '文书档案', business: '业务档案' };
/** The 类别 part of a catalogue number (全宗号-年度-类别-件号). */
export const ARCHIVE_CLASS_CODES: Record<TArchiveClass, string> = { document: 'WS', business: 'YW' };

export const ARCHIVE_CLASS_OF: Readonly<Record<TArchiveDocKind, TArchiveClass>> = Object.freeze({
  plan: 'document',
  authorization: 'document',
  notice: 'document',
  workingPaper: 'business',
  interviewRecord: 'business',
  evidence: 'business',
  reportVersion: 'business',
  report: 'document',
  meetingMinutes: 'document',
  feedback: 'document',
  clueTransfer: 'business',
  rectificationPlan: 'document',
  rectificationReport: 'document',
  evaluation: 'business',
  publication: 'document',
  other: 'business',
});

/** 保管期限 of 《机关文件材料归档范围和文书档案保管期限规定》: 永久, 定期30年, 定期10年. */
export const RETENTIONS = ['permanent', 'years30', 'years10'] as const;
export const ZRetention = z.enum(RETENTIONS, { error: '保管期限不在可选范围内' });
export type TRetention = z.infer<typeof ZRetention>;
export const RETENTION_LABELS: Record<TRetention, string> = { permanent: '永久', years30: '30年', years10: '10年' };

/**
 * Defaults: what records the committee's judgement and the organization's answer to it — the final
 * report, the meeting minutes that heard it, the feedback and the rectification report — is kept
 * permanently; the plan, the authorization, the papers and records a finding or a clue rests on, the
 * rectification plan, the evaluation and the publication 30 years (a clue may be reopened long
 * after the term); notices, drafts superseded by the final report and miscellany 10 years.
 */
export const DEFAULT_ARCHIVE_RETENTION: Readonly<Record<TArchiveDocKind, TRetention>> = Object.freeze({
  plan: 'years30',
  authorization: 'years30',
  notice: 'years10',
  workingPaper: 'years30',
  interviewRecord: 'years30',
  evidence: 'years30',
  reportVersion: 'years10',
  report: 'permanent',
  meetingMinutes: 'permanent',
  feedback: 'permanent',
  clueTransfer: 'years30',
  rectificationPlan: 'years30',
  rectificationReport: 'permanent',
  evaluation: 'years30',
  publication: 'years30',
  other: 'years10',
});

export const ZArchiveItem = z.object({
  id: z.uuid(),
  authorityId: z.uuid(),
  inspectionId: z.uuid(),
  kind: ZArchiveDocKind,
  archiveClass: ZArchiveClass,
  title: z.string(),
  fileId: z.uuid().nullable(),
  docDate: z.string(),
  retention: ZRetention,
  /** 全宗号-年度-类别-件号, e.g. X001-2026-WS-0007. */
  catalogueNumber: z.string(),
  year: z.number().int(),
  seq: z.number().int(),
  pages: z.number().int().nullable(),
  filedOn: z.string(),
});
export type TArchiveItem = z.infer<typeof ZArchiveItem>;
export const ZArchiveItemList = zPage(ZArchiveItem);

export const ZArchiveListQuery = z.strictObject({
  inspectionId: zId.optional(),
  termId: zId.optional(),
  archiveClass: ZArchiveClass.optional(),
  kind: ZArchiveDocKind.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  q: z.string().max(50).optional(),
  limit: zLimit,
  cursor: zCursor,
});
export type TArchiveListQuery = z.infer<typeof ZArchiveListQuery>;

/** The archive catalogue (.xlsx) of one inspection or of a term: exactly one of the two. */
export const ZArchiveCatalogueQuery = z
  .strictObject({ inspectionId: zId.optional(), termId: zId.optional() })
  .refine((q) => !!q.inspectionId !== !!q.termId, '请指定一次巡察或一个届期（二选一）');
export type TArchiveCatalogueQuery = z.infer<typeof ZArchiveCatalogueQuery>;

export const BORROW_STATUSES = ['requested', 'approved', 'rejected', 'returned'] as const;
export const ZBorrowStatus = z.enum(BORROW_STATUSES, { error: '借阅状态不在可选范围内' });
export type TBorrowStatus = z.infer<typeof ZBorrowStatus>;
export const BORROW_STATUS_LABELS: Record<TBorrowStatus, string> = {
  requested: '待审批',
  approved: '已批准',
  rejected: '未批准',
  returned: '已归还',
};

export const ZArchiveBorrow = z.strictObject({
  itemIds: uniqueIds('借阅的档案', 50).min(1, '请至少选择一件档案'),
  reason: zText('借阅事由', { min: 5, max: 500, multiline: true }),
  until: zDate('归还日期'),
});
export type TArchiveBorrow = z.infer<typeof ZArchiveBorrow>;

export const ZArchiveBorrowDecision = z
  .strictObject({
    version: z.number().int(),
    decision: z.enum(['approve', 'reject'], { error: '审批意见只能是批准或不批准' }),
    comment: zText('审批意见', { min: 0, max: 500, multiline: true }).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.decision === 'reject' && !d.comment)
      ctx.addIssue({ code: 'custom', path: ['comment'], message: '不批准须说明理由' });
  });
export type TArchiveBorrowDecision = z.infer<typeof ZArchiveBorrowDecision>;

export const ZArchiveBorrowReturn = z.strictObject({ version: z.number().int() });

export const ZArchiveBorrowRecord = z.object({
  id: z.uuid(),
  authorityId: z.uuid(),
  items: z.array(z.object({ id: z.uuid(), catalogueNumber: z.string(), title: z.string() })),
  reason: z.string(),
  until: z.string(),
  status: ZBorrowStatus,
  requestedByName: z.string().nullable(),
  requestedAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
  returnedAt: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
});
export type TArchiveBorrowRecord = z.infer<typeof ZArchiveBorrowRecord>;

// ---------------------------------------------------------------------------------------------
// The term's governance figures (the contract of GET /api/terms/{id}/governance-summary)

export const ZGovernanceSummary = z.object({
  bulletins: z.number().int(),
  dutyReminders: z.number().int(),
  commonProblems: z.number().int(),
  commonProblemsRectified: z.number().int(),
  campaigns: z.number().int(),
  rulesMade: z.number().int(),
  policyConsultations: z.number().int(),
  policyProblems: z.number().int(),
});
export type TGovernanceSummary = z.infer<typeof ZGovernanceSummary>;

// ---------------------------------------------------------------------------------------------
// Settings per authority

const DUAL_REPORT_DEFAULT: Readonly<TDeadlineRule> = Object.freeze({
  amount: 10,
  unit: 'workingDays',
  direction: 'after',
});

export const DEFAULT_GOVERNANCE_SETTINGS = Object.freeze({
  /** 发文字号 prefix of bulletins (赣巡办 → 赣巡办〔2026〕3号); each office sets its own. */
  bulletinNumberPrefix: '巡察办',
  /** A group of unflagged findings of one type and sector becomes a candidate from this many organizations. */
  commonProblemMinOrganizations: 2,
  reminderAnswerDays: 10,
  /** After an answer is judged insufficient, a new one is due this many working days later. */
  reminderReanswerDays: 5,
  /** Calendar days before a due date when a reminder or a dual report turns yellow. */
  warnDays: 3,
  conductFollowUpDays: 10,
  /** Working days each conduct questionnaire stays open. */
  conductWindowDays: 5,
  /** 全宗号 given by the archives bureau; archiving is refused until it is set. */
  archiveFonds: null as string | null,
  archiveRetention: DEFAULT_ARCHIVE_RETENTION,
  /** Each of the three counted from the day the county's 书记专题会 heard the report. */
  dualReport: Object.freeze({
    countyCommittee: DUAL_REPORT_DEFAULT,
    sectorDepartment: DUAL_REPORT_DEFAULT,
    cityOffice: DUAL_REPORT_DEFAULT,
  }) as Readonly<Record<TDualReportKind, Readonly<TDeadlineRule>>>,
  borrowMaxDays: 30,
});

export const GOVERNANCE_SETTING_LABELS: Record<keyof typeof DEFAULT_GOVERNANCE_SETTINGS, string> = {
  bulletinNumberPrefix: '分类通报发文字号前缀',
  commonProblemMinOrganizations: '同类问题涉及单位数达到（个）即列为共性问题候选',
  reminderAnswerDays: '履责提示答复期限（工作日）',
  reminderReanswerDays: '答复不充分后重新答复期限（工作日）',
  warnDays: '临期提醒（到期前天数）',
  conductFollowUpDays: '作风纪律回访测评（反馈后工作日）',
  conductWindowDays: '作风纪律测评开放时长（工作日）',
  archiveFonds: '全宗号',
  archiveRetention: '各类文件保管期限',
  dualReport: '双报告一报备时限（书记专题会听取汇报后）',
  borrowMaxDays: '档案借阅最长天数',
};

/** The prefix of 赣巡办〔2026〕3号: no brackets, digits or 号 of its own, so a number parses back. */
export const ZBulletinPrefix = zText('发文字号前缀', { max: 20 }).refine(
  (s) => !/[〔〕[\]()（）\d\s号]/u.test(s),
  '发文字号前缀不能包含括号、数字、空格或“号”字',
);

export const ZArchiveFonds = z
  .string({ error: '全宗号必须是文本' })
  .regex(/^[A-Za-z0-9]{1,12}$/, '全宗号只能是1至12位字母或数字');

const ZDualReportRule = ZDeadlineRule.refine((r) => r.direction === 'after', '双报告一报备时限只能计算在听取汇报之后');

/** A missing key takes its default, so settings saved before a key existed still parse. */
export const ZGovernanceSettings = z.strictObject({
  bulletinNumberPrefix: ZBulletinPrefix.default(DEFAULT_GOVERNANCE_SETTINGS.bulletinNumberPrefix),
  commonProblemMinOrganizations: zSetting('共性问题候选单位数', 2, 50).default(
    DEFAULT_GOVERNANCE_SETTINGS.commonProblemMinOrganizations,
  ),
  reminderAnswerDays: zSetting('履责提示答复期限', 1, 60).default(DEFAULT_GOVERNANCE_SETTINGS.reminderAnswerDays),
  reminderReanswerDays: zSetting('重新答复期限', 1, 60).default(DEFAULT_GOVERNANCE_SETTINGS.reminderReanswerDays),
  warnDays: zSetting('临期提醒天数', 0, 30).default(DEFAULT_GOVERNANCE_SETTINGS.warnDays),
  conductFollowUpDays: zSetting('回访测评时间', 1, 60).default(DEFAULT_GOVERNANCE_SETTINGS.conductFollowUpDays),
  conductWindowDays: zSetting('测评开放时长', 1, 30).default(DEFAULT_GOVERNANCE_SETTINGS.conductWindowDays),
  archiveFonds: ZArchiveFonds.nullable().default(DEFAULT_GOVERNANCE_SETTINGS.archiveFonds),
  archiveRetention: z
    .strictObject(
      Object.fromEntries(ARCHIVE_DOC_KINDS.map((k) => [k, ZRetention.default(DEFAULT_ARCHIVE_RETENTION[k])])) as {
        [K in TArchiveDocKind]: z.ZodDefault<typeof ZRetention>;
      },
    )
    .prefault({}),
  dualReport: z
    .strictObject(
      Object.fromEntries(
        DUAL_REPORT_KINDS.map((k) => [k, ZDualReportRule.default({ ...DEFAULT_GOVERNANCE_SETTINGS.dualReport[k] })]),
      ) as { [K in TDualReportKind]: z.ZodDefault<typeof ZDualReportRule> },
    )
    .prefault({}),
  borrowMaxDays: zSetting('借阅最长天数', 1, 365).default(DEFAULT_GOVERNANCE_SETTINGS.borrowMaxDays),
});
export type TGovernanceSettings = z.infer<typeof ZGovernanceSettings>;

/** "听取汇报后10个工作日": how a dual-report rule reads in the UI. */
export function describeDualReportRule(rule: TDeadlineRule): string {
  return `听取汇报${describeDeadline(rule)}`;
}

/**
 * Settings as the server answers them: the same shape as ZGovernanceSettings parses to, in plain
 * types, since a response is encoded and the request schema's text transforms cannot be.
 */
export const ZGovernanceSettingsOut = z.object({
  bulletinNumberPrefix: z.string(),
  commonProblemMinOrganizations: z.number().int(),
  reminderAnswerDays: z.number().int(),
  reminderReanswerDays: z.number().int(),
  warnDays: z.number().int(),
  conductFollowUpDays: z.number().int(),
  conductWindowDays: z.number().int(),
  archiveFonds: z.string().nullable(),
  archiveRetention: z.record(ZArchiveDocKind, ZRetention),
  dualReport: z.record(ZDualReportKind, ZDeadlineRule),
  borrowMaxDays: z.number().int(),
});

export const ZGovernanceSettingsResponse = z.object({
  authorityId: z.uuid(),
  settings: ZGovernanceSettingsOut,
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export const ZGovernanceSettingsUpdate = z.strictObject({ version: z.number().int(), settings: ZGovernanceSettings });
