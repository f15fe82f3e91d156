import { z } from 'zod';
import { searchKey, zCursor, zDate, zId, zPage, zText } from '../common/text.ts';
import { ZSector } from '../orgs/schemas.ts';
import { ZTeamRole } from '../personnel/schemas.ts';
import { ZDiscipline } from '../petitions/schemas.ts';
import { isIsoDate } from '../planning/calendar.ts';
import {
  DEFAULT_PAPER_NUMBER_PATTERN,
  MAX_PAPER_NUMBER_PATTERN,
  PAPER_SEQ_SCOPES,
  paperNumberPatternProblem,
} from './numbering.ts';

/**
 * 巡察实施与报告 (issue 11): what a team does on site, what it finds, the clues it hands over, the report
 * and the meetings that hear it. domain.md §3–§5 name the words; the 六大纪律 are petitions' DISCIPLINES.
 *
 * Limits shared by every schema here: titles ≤ 200 code points, facts and other long texts ≤ 20,000,
 * lists ≤ 200 items. Dates are 'YYYY-MM-DD' in the office's time zone.
 */
const MAX_TITLE = 200;
const MAX_LONG_TEXT = 20_000;
const MAX_LIST = 200;

const zVersion = z.number({ error: '版本号必须是数字' }).int('版本号必须是整数').min(0, '版本号不能为负数');

/** A page size for the fieldwork lists: 1–200, 20 by default. Query strings, hence coerced. */
export const zFieldworkLimit = z.coerce
  .number({ error: '每页条数必须是数字' })
  .int('每页条数必须是整数')
  .min(1, '每页条数至少为1')
  .max(MAX_LIST, `每页条数不能超过${MAX_LIST}`)
  .default(20);

const zFlag = (label: string) => z.enum(['true', 'false'], { error: `${label}只能为 true 或 false` });

/** Ids that must all differ; `label` names the list in messages. */
function zIdList(label: string, max: number) {
  return z
    .array(zId, { error: `${label}格式不正确` })
    .max(max, `${label}最多${max}个`)
    .superRefine((ids, ctx) => {
      if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: `${label}有重复` });
    });
}

function distinctCount(ids: readonly string[] | undefined): number {
  return new Set(ids ?? []).size;
}

const zPerson = z.object({ id: z.uuid(), name: z.string() });

// =============================================================================================
// 1. Activities on site: 个别谈话 and the activity log

export const INTERVIEW_KINDS = ['leadership', 'middleManager', 'staff', 'retired', 'serviceRecipient'] as const;
export const ZInterviewKind = z.enum(INTERVIEW_KINDS, { error: '谈话对象类别不在可选范围内' });
export type TInterviewKind = z.infer<typeof ZInterviewKind>;
export const INTERVIEW_KIND_LABELS: Record<TInterviewKind, string> = {
  leadership: '班子成员',
  middleManager: '中层干部',
  staff: '一般干部',
  retired: '退休干部',
  serviceRecipient: '服务对象',
};

/** 个别谈话 needs two inspectors present (domain.md §3), counted as distinct people. */
export const MIN_INTERVIEWERS = 2;
export const TWO_INTERVIEWERS_MESSAGE = '个别谈话须有两名以上巡察人员参加';
export const MAX_ACTIVITY_INSPECTORS = 20;

const zInterviewers = z
  .array(zId, { error: '请选择参加谈话的巡察人员' })
  .max(MAX_ACTIVITY_INSPECTORS, `参加谈话的巡察人员最多${MAX_ACTIVITY_INSPECTORS}人`)
  .superRefine((ids, ctx) => {
    if (distinctCount(ids) < MIN_INTERVIEWERS) ctx.addIssue({ code: 'custom', message: TWO_INTERVIEWERS_MESSAGE });
    else if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: '参加谈话的巡察人员有重复' });
  });

const interviewFields = {
  intervieweeName: zText('被谈话人姓名', { max: 30 }),
  intervieweePost: zText('被谈话人职务或身份', { max: 100 }),
  kind: ZInterviewKind,
  date: zDate('谈话日期'),
  place: zText('谈话地点', { min: 0, max: 100 }),
  /** Inspector ids from the team's roster; the server checks they are on it. */
  inspectorIds: zInterviewers,
  /** The record of what was said; the server encrypts it at rest (security.md, interview bodies). */
  notes: zText('谈话记录', { min: 0, max: MAX_LONG_TEXT, multiline: true }),
};

/** POST /api/inspections/{id}/interviews. `orgId`: which target organization, when the inspection has several. */
export const ZInterviewCreate = z.strictObject({
  intervieweeName: interviewFields.intervieweeName,
  intervieweePost: interviewFields.intervieweePost,
  kind: interviewFields.kind,
  date: interviewFields.date,
  place: interviewFields.place.optional(),
  inspectorIds: interviewFields.inspectorIds,
  notes: interviewFields.notes.optional(),
  orgId: zId.optional(),
});
export type TInterviewCreate = z.infer<typeof ZInterviewCreate>;

/** Fields left out stay as they are; '' clears a text, null clears the organization. */
export const ZInterviewUpdate = z.strictObject({
  version: zVersion,
  intervieweeName: interviewFields.intervieweeName.optional(),
  intervieweePost: interviewFields.intervieweePost.optional(),
  kind: interviewFields.kind.optional(),
  date: interviewFields.date.optional(),
  place: interviewFields.place.optional(),
  inspectorIds: interviewFields.inspectorIds.optional(),
  notes: interviewFields.notes.optional(),
  orgId: zId.nullable().optional(),
});
export type TInterviewUpdate = z.infer<typeof ZInterviewUpdate>;

export const ZInterview = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  orgId: z.uuid().nullable(),
  orgName: z.string().nullable(),
  intervieweeName: z.string(),
  intervieweePost: z.string(),
  kind: ZInterviewKind,
  date: z.string(),
  place: z.string().nullable(),
  inspectors: z.array(zPerson),
  /** Decrypted only in the detail read (which is audited); null when empty. */
  notes: z.string().nullable(),
  /** The scan of the record the interviewee signed, once uploaded. */
  signedRecordFileId: z.uuid().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type TInterview = z.infer<typeof ZInterview>;
export const ZInterviewListItem = ZInterview.omit({ notes: true });
export type TInterviewListItem = z.infer<typeof ZInterviewListItem>;
export const ZInterviewList = zPage(ZInterviewListItem);

export const ZInterviewListQuery = z.strictObject({
  kind: ZInterviewKind.optional(),
  from: zDate('开始日期').optional(),
  to: zDate('结束日期').optional(),
  limit: zFieldworkLimit,
  cursor: zCursor,
});
export type TInterviewListQuery = z.infer<typeof ZInterviewListQuery>;

export const ACTIVITY_KINDS = ['documentReview', 'visit', 'forum', 'meeting', 'briefing', 'covertVisit'] as const;
export const ZActivityKind = z.enum(ACTIVITY_KINDS, { error: '活动类型不在可选范围内' });
export type TActivityKind = z.infer<typeof ZActivityKind>;
export const ACTIVITY_KIND_LABELS: Record<TActivityKind, string> = {
  documentReview: '调阅资料',
  visit: '走访',
  forum: '座谈',
  meeting: '列席会议',
  briefing: '专题汇报',
  covertVisit: '暗访',
};
/** `count` is 份 for a document review and 次 for everything else. */
export const ACTIVITY_COUNT_UNITS: Record<TActivityKind, '份' | '次'> = {
  documentReview: '份',
  visit: '次',
  forum: '次',
  meeting: '次',
  briefing: '次',
  covertVisit: '次',
};
/** What `subject` holds for each kind, as the form labels it. */
export const ACTIVITY_SUBJECT_LABELS: Record<TActivityKind, string> = {
  documentReview: '调阅资料名称',
  visit: '走访地点和对象',
  forum: '座谈主题',
  meeting: '会议名称',
  briefing: '汇报主题',
  covertVisit: '暗访地点和事项',
};

/** 暗访 needs the 组长's approval and two people (issue 11 §1). */
export const ACTIVITIES_NEEDING_APPROVAL: readonly TActivityKind[] = ['covertVisit'];
export const ACTIVITIES_NEEDING_TWO: readonly TActivityKind[] = ['covertVisit'];
/** A forum and a meeting have people around the table; the other kinds do not list attendees. */
export const ACTIVITIES_WITH_ATTENDEES: readonly TActivityKind[] = ['forum', 'meeting'];
export const COVERT_TWO_MESSAGE = '暗访须有两名以上巡察人员参加';

export const ACTIVITY_STATUSES = ['pendingApproval', 'recorded'] as const;
export const ZActivityStatus = z.enum(ACTIVITY_STATUSES, { error: '活动状态不在可选范围内' });
export type TActivityStatus = z.infer<typeof ZActivityStatus>;
export const ACTIVITY_STATUS_LABELS: Record<TActivityStatus, string> = {
  pendingApproval: '待组长批准',
  recorded: '已记录',
};

/**
 * Chinese reasons an activity's shape is wrong for its kind (empty when it is right). The create schema
 * applies it; the server applies it to the stored kind merged with an update, since the kind itself
 * cannot change.
 */
export function activityShapeProblems(a: {
  kind: TActivityKind;
  inspectorIds?: readonly string[] | undefined;
  attendees?: readonly string[] | undefined;
}): { path: 'inspectorIds' | 'attendees'; message: string }[] {
  const out: { path: 'inspectorIds' | 'attendees'; message: string }[] = [];
  if (ACTIVITIES_NEEDING_TWO.includes(a.kind) && distinctCount(a.inspectorIds) < MIN_INTERVIEWERS)
    out.push({ path: 'inspectorIds', message: COVERT_TWO_MESSAGE });
  else if (a.inspectorIds && new Set(a.inspectorIds).size !== a.inspectorIds.length)
    out.push({ path: 'inspectorIds', message: '巡察人员有重复' });
  if (a.attendees?.length && !ACTIVITIES_WITH_ATTENDEES.includes(a.kind))
    out.push({ path: 'attendees', message: '只有座谈、列席会议可以填写参加人员' });
  return out;
}

const activityFields = {
  date: zDate('活动日期'),
  count: z
    .number({ error: '数量必须是数字' })
    .int('数量必须是整数')
    .min(1, '数量至少为1')
    .max(100_000, '数量不能超过100000'),
  note: zText('备注', { min: 0, max: 2000, multiline: true }),
  subject: zText('活动内容', { min: 0, max: MAX_TITLE }),
  attendees: z
    .array(zText('参加人员', { max: 50 }), { error: '参加人员格式不正确' })
    .max(MAX_LIST, `参加人员最多${MAX_LIST}人`),
  inspectorIds: z
    .array(zId, { error: '巡察人员格式不正确' })
    .max(MAX_ACTIVITY_INSPECTORS, `巡察人员最多${MAX_ACTIVITY_INSPECTORS}人`),
};

/** POST /api/inspections/{id}/activities. */
export const ZActivityCreate = z
  .strictObject({
    kind: ZActivityKind,
    date: activityFields.date,
    count: activityFields.count.default(1),
    note: activityFields.note.optional(),
    subject: activityFields.subject.optional(),
    attendees: activityFields.attendees.optional(),
    inspectorIds: activityFields.inspectorIds.optional(),
    orgId: zId.optional(),
  })
  .superRefine((a, ctx) => {
    for (const p of activityShapeProblems(a)) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
  });
export type TActivityCreate = z.infer<typeof ZActivityCreate>;

export const ZActivityUpdate = z.strictObject({
  version: zVersion,
  date: activityFields.date.optional(),
  count: activityFields.count.optional(),
  note: activityFields.note.optional(),
  subject: activityFields.subject.optional(),
  attendees: activityFields.attendees.optional(),
  inspectorIds: activityFields.inspectorIds.optional(),
  orgId: zId.nullable().optional(),
});
export type TActivityUpdate = z.infer<typeof ZActivityUpdate>;

/** The 组长 approves a 暗访 (activities.ts says who may). */
export const ZActivityApprove = z.strictObject({ version: zVersion });

export const ZActivity = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  orgId: z.uuid().nullable(),
  orgName: z.string().nullable(),
  kind: ZActivityKind,
  date: z.string(),
  count: z.number().int(),
  unit: z.enum(['份', '次']),
  subject: z.string().nullable(),
  note: z.string().nullable(),
  attendees: z.array(z.string()),
  inspectors: z.array(zPerson),
  status: ZActivityStatus,
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type TActivity = z.infer<typeof ZActivity>;
export const ZActivityList = zPage(ZActivity);

export const ZActivityListQuery = z.strictObject({
  kind: ZActivityKind.optional(),
  status: ZActivityStatus.optional(),
  from: zDate('开始日期').optional(),
  to: zDate('结束日期').optional(),
  limit: zFieldworkLimit,
  cursor: zCursor,
});
export type TActivityListQuery = z.infer<typeof ZActivityListQuery>;

const zCount = z.number().int();

/**
 * GET /api/inspections/{id}/summary (issue 11 contract): every figure counted from the records, never
 * stored. `interviews` in 人次, `documentReviews` in 份, the other activities in 次, `petitions` in 件,
 * `surveys` in 份 of answers, clues in 件 (`cases`) and distinct persons (`persons`). The fields the
 * contract does not name (meetings, briefings, covertVisits, personTimes) are extra.
 */
export const ZInspectionSummary = z.object({
  activities: z.object({
    interviews: zCount,
    documentReviews: zCount,
    visits: zCount,
    forums: zCount,
    meetings: zCount,
    briefings: zCount,
    covertVisits: zCount,
  }),
  petitions: zCount,
  surveys: zCount,
  workingPapers: z.object({ draft: zCount, inReview: zCount, signedOff: zCount }),
  findings: zCount,
  immediateFixes: zCount,
  clues: z.object({ cases: zCount, persons: zCount, personTimes: zCount }),
});
export type TInspectionSummary = z.infer<typeof ZInspectionSummary>;

// =============================================================================================
// 2. Working papers (问题底稿) and the regulations library

export const EVIDENCE_KINDS = ['file', 'interview', 'document', 'petition'] as const;
export const ZEvidenceKind = z.enum(EVIDENCE_KINDS, { error: '证据类型不在可选范围内' });
export type TEvidenceKind = z.infer<typeof ZEvidenceKind>;
export const EVIDENCE_KIND_LABELS: Record<TEvidenceKind, string> = {
  file: '上传文件',
  interview: '谈话记录',
  document: '调阅资料',
  petition: '信访件',
};
/** A file, an interview and a petition are records of the platform and must be pointed at; a document may be named only. */
export const EVIDENCE_NEEDS_REF: readonly TEvidenceKind[] = ['file', 'interview', 'petition'];

export const ZEvidenceIn = z
  .strictObject({
    kind: ZEvidenceKind,
    /** The upload, interview, petition or document-review activity it points at. */
    refId: zId.optional(),
    label: zText('证据名称', { max: MAX_TITLE }),
  })
  .superRefine((e, ctx) => {
    if (EVIDENCE_NEEDS_REF.includes(e.kind) && !e.refId)
      ctx.addIssue({ code: 'custom', path: ['refId'], message: `请选择所引用的${EVIDENCE_KIND_LABELS[e.kind]}` });
  });
export type TEvidenceIn = z.infer<typeof ZEvidenceIn>;
const zEvidenceList = z.array(ZEvidenceIn, { error: '证据格式不正确' }).max(MAX_LIST, `证据最多${MAX_LIST}项`);

export const ZEvidence = z.object({ kind: ZEvidenceKind, refId: z.uuid().nullable(), label: z.string() });
export type TEvidence = z.infer<typeof ZEvidence>;

export const RESPONSIBILITIES = ['principal', 'firstResponsible', 'supervisory'] as const;
export const ZResponsibility = z.enum(RESPONSIBILITIES, { error: '责任类型不在可选范围内' });
export type TResponsibility = z.infer<typeof ZResponsibility>;
export const RESPONSIBILITY_LABELS: Record<TResponsibility, string> = {
  principal: '主体责任',
  firstResponsible: '第一责任人',
  supervisory: '监督责任',
};

/** 三审: author → 副组长 → 组长 (papers.ts holds the moves). */
export const PAPER_STATUSES = ['draft', 'deputyReview', 'leaderReview', 'signedOff'] as const;
export const ZPaperStatus = z.enum(PAPER_STATUSES, { error: '底稿状态不在可选范围内' });
export type TPaperStatus = z.infer<typeof ZPaperStatus>;
export const PAPER_STATUS_LABELS: Record<TPaperStatus, string> = {
  draft: '草稿',
  deputyReview: '副组长审核',
  leaderReview: '组长审签',
  signedOff: '已审定',
};

export const PAPER_ACTIONS = ['submit', 'approve', 'return'] as const;
export const ZPaperAction = z.enum(PAPER_ACTIONS, { error: '审核操作不在可选范围内' });
export type TPaperAction = z.infer<typeof ZPaperAction>;
export const PAPER_ACTION_LABELS: Record<TPaperAction, string> = {
  submit: '提交审核',
  approve: '审核通过',
  return: '退回修改',
};

export const MIN_RETURN_REASON = 5;

/** Chinese reason a send-back's reason is not enough, or null. Counted in code points after trimming. */
export function returnReasonProblem(reason: string | null | undefined): string | null {
  const n = [...(reason ?? '').trim()].length;
  return n < MIN_RETURN_REASON ? `退回须说明理由，至少${MIN_RETURN_REASON}个字` : null;
}

export const MAX_REGULATIONS_PER_PAPER = 20;
export const MAX_FINDERS = 20;

const paperFields = {
  title: zText('问题标题', { max: MAX_TITLE }),
  facts: zText('问题事实', { max: MAX_LONG_TEXT, multiline: true }),
  evidence: zEvidenceList,
  /** 定性依据, ids from the regulations library. */
  regulationIds: zIdList('定性依据', MAX_REGULATIONS_PER_PAPER),
  responsibility: ZResponsibility,
  foundOn: zDate('发现日期'),
  /** Inspectors who found the problem; the author is recorded apart. */
  foundByIds: zIdList('发现人', MAX_FINDERS),
};

/**
 * A new paper is a draft of its author; the server gives it the next number of its register
 * (numbering.ts) in the same transaction. Evidence and 定性依据 may come later, but submit needs them
 * (papers.ts submitProblem).
 */
export const ZWorkingPaperCreate = z.strictObject({
  title: paperFields.title,
  facts: paperFields.facts,
  evidence: paperFields.evidence.default([]),
  regulationIds: paperFields.regulationIds.default([]),
  responsibility: paperFields.responsibility,
  foundOn: paperFields.foundOn,
  foundByIds: paperFields.foundByIds.default([]),
  orgId: zId.optional(),
});
export type TWorkingPaperCreate = z.infer<typeof ZWorkingPaperCreate>;

/** Each saved change keeps the paper as it was in a version row (ZWorkingPaperVersion). */
export const ZWorkingPaperUpdate = z.strictObject({
  version: zVersion,
  title: paperFields.title.optional(),
  facts: paperFields.facts.optional(),
  evidence: paperFields.evidence.optional(),
  regulationIds: paperFields.regulationIds.optional(),
  responsibility: paperFields.responsibility.optional(),
  foundOn: paperFields.foundOn.optional(),
  foundByIds: paperFields.foundByIds.optional(),
  orgId: zId.nullable().optional(),
});
export type TWorkingPaperUpdate = z.infer<typeof ZWorkingPaperUpdate>;

/** POST /api/working-papers/{id}/review: one step of 三审. `reason`: 退回理由, or an optional 审核意见 with approve. */
export const ZPaperReview = z
  .strictObject({
    version: zVersion,
    action: ZPaperAction,
    reason: zText('审核意见', { min: 0, max: 1000, multiline: true }).optional(),
  })
  .superRefine((r, ctx) => {
    const bad = r.action === 'return' ? returnReasonProblem(r.reason) : null;
    if (bad) ctx.addIssue({ code: 'custom', path: ['reason'], message: bad });
  });
export type TPaperReview = z.infer<typeof ZPaperReview>;

export const ZPaperReviewEvent = z.object({
  action: ZPaperAction,
  fromStatus: ZPaperStatus,
  toStatus: ZPaperStatus,
  byName: z.string().nullable(),
  /** The reviewer's role on the team at the time. */
  teamRole: ZTeamRole.nullable(),
  reason: z.string().nullable(),
  at: z.string(),
});
export type TPaperReviewEvent = z.infer<typeof ZPaperReviewEvent>;

export const ZRegulationRef = z.object({ id: z.uuid(), code: z.string(), title: z.string(), article: z.string() });

export const ZWorkingPaper = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  /** `[2026]七届1轮-2组-07号`, rendered when the paper was created. */
  number: z.string(),
  seq: z.number().int(),
  orgId: z.uuid().nullable(),
  orgName: z.string().nullable(),
  title: z.string(),
  facts: z.string(),
  evidence: z.array(ZEvidence),
  regulations: z.array(ZRegulationRef),
  responsibility: ZResponsibility,
  foundOn: z.string(),
  foundBy: z.array(zPerson),
  /**
   * The account that wrote the paper (papers.ts TPaperActor.isAuthor compares against it); null for
   * a paper written by an inspector without an account of their own (papers taken over on paper).
   */
  authorId: z.uuid().nullable(),
  authorName: z.string().nullable(),
  status: ZPaperStatus,
  /** The finding a signed-off paper became. */
  findingId: z.uuid().nullable(),
  reviews: z.array(ZPaperReviewEvent),
  /** What the caller may do now (papers.ts allowedPaperActions). */
  allowedActions: z.array(ZPaperAction),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type TWorkingPaper = z.infer<typeof ZWorkingPaper>;
export const ZWorkingPaperListItem = ZWorkingPaper.omit({ facts: true, evidence: true, reviews: true });
export type TWorkingPaperListItem = z.infer<typeof ZWorkingPaperListItem>;
export const ZWorkingPaperList = zPage(ZWorkingPaperListItem);

export const ZWorkingPaperListQuery = z.strictObject({
  /** On GET /api/working-papers (across the caller's inspections): one inspection only. */
  inspectionId: zId.optional(),
  status: ZPaperStatus.optional(),
  /** 'true': papers waiting for the caller's step of 三审 (the 工作台's 待我审核). */
  pendingForMe: zFlag('待我审核').optional(),
  /** 'true': papers the caller wrote. */
  mine: zFlag('我的底稿').optional(),
  limit: zFieldworkLimit,
  cursor: zCursor,
});
export type TWorkingPaperListQuery = z.infer<typeof ZWorkingPaperListQuery>;

/** One kept version of a paper: the fields as they were before a change was saved. */
export const ZWorkingPaperVersion = z.object({
  id: z.uuid(),
  paperId: z.uuid(),
  paperVersion: z.number().int(),
  status: ZPaperStatus,
  title: z.string(),
  facts: z.string(),
  evidence: z.array(ZEvidence),
  regulationIds: z.array(z.uuid()),
  responsibility: ZResponsibility,
  foundOn: z.string(),
  savedByName: z.string().nullable(),
  savedAt: z.string(),
});
export type TWorkingPaperVersion = z.infer<typeof ZWorkingPaperVersion>;
export const ZWorkingPaperVersionList = z.object({ items: z.array(ZWorkingPaperVersion) });

export const ZPaperNumberSettings = z
  .strictObject({
    pattern: zText('底稿编号规则', { max: MAX_PAPER_NUMBER_PATTERN }).default(DEFAULT_PAPER_NUMBER_PATTERN),
    scope: z.enum(PAPER_SEQ_SCOPES, { error: '编号范围不在可选范围内' }).default('team'),
  })
  .superRefine((s, ctx) => {
    const bad = paperNumberPatternProblem(s.pattern, s.scope);
    if (bad) ctx.addIssue({ code: 'custom', path: ['pattern'], message: bad });
  });
export type TPaperNumberSettings = z.infer<typeof ZPaperNumberSettings>;

/** A short key of the library: letters, digits, '.', '_' and '-', as `jlcf-113` for 纪律处分条例第一百一十三条. */
const zRegulationCode = z
  .string({ error: '简称编码必须是文本' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, { message: '简称编码只能由字母、数字和 . _ - 组成，最多40位' });

const regulationFields = {
  code: zRegulationCode,
  title: zText('法规名称', { max: 100 }).refine((s) => /^《[^《》]+》/.test(s), {
    message: '法规名称应写在书名号《》内',
  }),
  article: zText('条款', { max: 40 }),
  text: zText('条文内容', { max: 2000, multiline: true }),
};

/** A 定性依据 of the library: `article` is 第X条 (or the part of a 准则 without numbered articles). */
export const ZRegulation = z.object({
  id: z.uuid().optional(),
  code: z.string(),
  title: z.string(),
  article: z.string(),
  text: z.string(),
});
export type TRegulation = z.infer<typeof ZRegulation>;
export const ZRegulationOut = ZRegulation.required({ id: true }).extend({
  authorityId: z.uuid(),
  version: z.number().int(),
});
export type TRegulationOut = z.infer<typeof ZRegulationOut>;
export const ZRegulationList = zPage(ZRegulationOut);

export const ZRegulationCreate = z.strictObject(regulationFields);
export type TRegulationCreate = z.infer<typeof ZRegulationCreate>;
export const ZRegulationUpdate = z.strictObject({
  version: zVersion,
  code: regulationFields.code.optional(),
  title: regulationFields.title.optional(),
  article: regulationFields.article.optional(),
  text: regulationFields.text.optional(),
});
export type TRegulationUpdate = z.infer<typeof ZRegulationUpdate>;
export const ZRegulationListQuery = z.strictObject({
  authorityId: zId.optional(),
  q: z.string().max(50, '关键词不能超过50个字').optional(),
  limit: zFieldworkLimit,
  cursor: zCursor,
});

// =============================================================================================
// 3. Findings (问题): taxonomy, severity, the wording library

export const TAXONOMY_LEVELS = ['framework', 'aspect', 'type'] as const;
export const ZTaxonomyLevel = z.enum(TAXONOMY_LEVELS, { error: '分类层级不在可选范围内' });
export type TTaxonomyLevel = z.infer<typeof ZTaxonomyLevel>;
export const TAXONOMY_LEVEL_LABELS: Record<TTaxonomyLevel, string> = {
  framework: '监督框架',
  aspect: '监督方面',
  type: '问题类型',
};

/** A node of an authority's taxonomy tree: framework → aspect → type (taxonomy.ts checks the shape). */
export const ZTaxonomyNode = z.object({
  id: z.uuid(),
  authorityId: z.uuid(),
  parentId: z.uuid().nullable(),
  level: ZTaxonomyLevel,
  name: z.string(),
  /** The short name used in tables and charts (党的领导 for the first of the 四个落实). */
  shortName: z.string().nullable(),
  sortOrder: z.number().int(),
  version: z.number().int(),
});
export type TTaxonomyNode = z.infer<typeof ZTaxonomyNode>;
export const ZTaxonomyTree = z.object({ items: z.array(ZTaxonomyNode) });

const taxonomyFields = {
  name: zText('分类名称', { max: 100 }),
  shortName: zText('简称', { min: 0, max: 20 }),
  sortOrder: z.number({ error: '排序号必须是数字' }).int('排序号必须是整数').min(0).max(9999),
};

/** A framework has no parent; an aspect's parent is a framework, a type's an aspect (checked by the server). */
export const ZTaxonomyNodeCreate = z
  .strictObject({
    parentId: zId.nullable(),
    level: ZTaxonomyLevel,
    name: taxonomyFields.name,
    shortName: taxonomyFields.shortName.optional(),
    sortOrder: taxonomyFields.sortOrder.default(0),
  })
  .superRefine((n, ctx) => {
    if (n.level === 'framework' && n.parentId !== null)
      ctx.addIssue({ code: 'custom', path: ['parentId'], message: '监督框架不能有上级分类' });
    if (n.level !== 'framework' && n.parentId === null)
      ctx.addIssue({ code: 'custom', path: ['parentId'], message: `${TAXONOMY_LEVEL_LABELS[n.level]}须选择上级分类` });
  });
export type TTaxonomyNodeCreate = z.infer<typeof ZTaxonomyNodeCreate>;

/** Moving a node (parentId) is checked on the whole tree after the move (taxonomy.ts taxonomyProblems). */
export const ZTaxonomyNodeUpdate = z.strictObject({
  version: zVersion,
  parentId: zId.nullable().optional(),
  name: taxonomyFields.name.optional(),
  shortName: taxonomyFields.shortName.optional(),
  sortOrder: taxonomyFields.sortOrder.optional(),
});
export type TTaxonomyNodeUpdate = z.infer<typeof ZTaxonomyNodeUpdate>;

export const SEVERITIES = ['general', 'serious', 'major'] as const;
export const ZSeverity = z.enum(SEVERITIES, { error: '问题严重程度不在可选范围内' });
export type TSeverity = z.infer<typeof ZSeverity>;
export const SEVERITY_LABELS: Record<TSeverity, string> = { general: '一般', serious: '较重', major: '严重' };

/**
 * Where a finding came from: a signed-off paper, direct entry by the leader, an earlier ledger taken
 * over, or a 回头看 recheck that found an earlier finding's rectification inadequate (不到位).
 */
export const FINDING_SOURCES = ['workingPaper', 'direct', 'ledger', 'lookBack'] as const;
export const ZFindingSource = z.enum(FINDING_SOURCES, { error: '问题来源不在可选范围内' });
export type TFindingSource = z.infer<typeof ZFindingSource>;
export const FINDING_SOURCE_LABELS: Record<TFindingSource, string> = {
  workingPaper: '问题底稿',
  direct: '直接录入',
  ledger: '历史台账',
  lookBack: '回头看整改不到位',
};

/**
 * 立行立改: the date and what was done belong to a finding marked immediate only. The schemas check
 * what a request carries; the server checks the record merged with an update.
 */
export function findingImmediateProblems(f: {
  immediate?: boolean | undefined;
  immediateFixedOn?: string | null | undefined;
  immediateAction?: string | null | undefined;
}): { path: 'immediateFixedOn' | 'immediateAction'; message: string }[] {
  if (f.immediate) return [];
  const out: { path: 'immediateFixedOn' | 'immediateAction'; message: string }[] = [];
  if (f.immediateFixedOn) out.push({ path: 'immediateFixedOn', message: '未标记立行立改的问题不能填写整改完成日期' });
  if (f.immediateAction) out.push({ path: 'immediateAction', message: '未标记立行立改的问题不能填写整改措施' });
  return out;
}

const findingFields = {
  title: zText('问题标题', { max: MAX_TITLE }),
  facts: zText('问题事实', { max: MAX_LONG_TEXT, multiline: true }),
  immediate: z.boolean({ error: '请说明是否立行立改' }),
  taxonomyNodeId: zId,
  severity: ZSeverity,
  common: z.boolean({ error: '请说明是否共性问题' }),
  immediateFixedOn: zDate('立行立改完成日期'),
  immediateAction: zText('立行立改措施', { min: 0, max: 2000, multiline: true }),
  regulationIds: zIdList('定性依据', MAX_REGULATIONS_PER_PAPER),
};

/**
 * POST /api/inspections/{id}/findings (issue 11 contract `{title, facts, immediate?}`): direct entry by
 * the team's leader, or office staff taking over an earlier ledger (`source: 'ledger'`). A finding from
 * a paper is made from the signed-off paper (ZPaperFindingCreate, source 'workingPaper'), never here.
 */
export const ZFindingCreate = z
  .strictObject({
    title: findingFields.title,
    facts: findingFields.facts,
    immediate: findingFields.immediate.default(false),
    taxonomyNodeId: findingFields.taxonomyNodeId.optional(),
    severity: findingFields.severity.optional(),
    common: findingFields.common.default(false),
    immediateFixedOn: findingFields.immediateFixedOn.optional(),
    immediateAction: findingFields.immediateAction.optional(),
    regulationIds: findingFields.regulationIds.default([]),
    orgId: zId.optional(),
    source: z.enum(['direct', 'ledger'], { error: '问题来源只能是直接录入或历史台账' }).default('direct'),
  })
  .superRefine((f, ctx) => {
    for (const p of findingImmediateProblems(f)) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
  });
export type TFindingCreate = z.infer<typeof ZFindingCreate>;

/** null clears; the immediate fields are checked on the merged record (findingImmediateProblems). */
export const ZFindingUpdate = z
  .strictObject({
    version: zVersion,
    title: findingFields.title.optional(),
    facts: findingFields.facts.optional(),
    immediate: findingFields.immediate.optional(),
    taxonomyNodeId: findingFields.taxonomyNodeId.nullable().optional(),
    severity: findingFields.severity.nullable().optional(),
    common: findingFields.common.optional(),
    immediateFixedOn: findingFields.immediateFixedOn.nullable().optional(),
    immediateAction: findingFields.immediateAction.nullable().optional(),
    regulationIds: findingFields.regulationIds.optional(),
    orgId: zId.nullable().optional(),
  })
  .superRefine((f, ctx) => {
    if (f.immediate !== false) return;
    for (const p of findingImmediateProblems(f)) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
  });
export type TFindingUpdate = z.infer<typeof ZFindingUpdate>;

/**
 * POST /api/working-papers/{id}/finding: the signed-off paper becomes a finding (once), with its
 * title, facts and 定性依据; the classification may be given now or set later on the finding.
 */
export const ZPaperFindingCreate = z
  .strictObject({
    taxonomyNodeId: findingFields.taxonomyNodeId.optional(),
    severity: findingFields.severity.optional(),
    common: findingFields.common.default(false),
    immediate: findingFields.immediate.default(false),
    immediateFixedOn: findingFields.immediateFixedOn.optional(),
    immediateAction: findingFields.immediateAction.optional(),
  })
  .superRefine((f, ctx) => {
    for (const p of findingImmediateProblems(f)) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
  });
export type TPaperFindingCreate = z.infer<typeof ZPaperFindingCreate>;

export const ZFinding = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  /** 第十一轮第二巡察组对XX局党组 — how lists across inspections name the inspection. */
  inspectionLabel: z.string(),
  authorityId: z.uuid(),
  termId: z.uuid(),
  roundId: z.uuid(),
  orgId: z.uuid().nullable(),
  orgName: z.string().nullable(),
  /** The organization's 系统/领域 when the finding is recorded. */
  sector: z.string().nullable(),
  title: z.string(),
  facts: z.string(),
  source: ZFindingSource,
  workingPaperId: z.uuid().nullable(),
  paperNumber: z.string().nullable(),
  taxonomyNodeId: z.uuid().nullable(),
  /** Names from the framework down to the node, e.g. ['四个落实', '落实全面从严治党战略部署', '违反中央八项规定精神']. */
  taxonomyPath: z.array(z.string()),
  severity: ZSeverity.nullable(),
  common: z.boolean(),
  immediate: z.boolean(),
  immediateFixedOn: z.string().nullable(),
  immediateAction: z.string().nullable(),
  regulations: z.array(ZRegulationRef),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type TFinding = z.infer<typeof ZFinding>;
export const ZFindingListItem = ZFinding.omit({ facts: true, regulations: true, immediateAction: true });
export type TFindingListItem = z.infer<typeof ZFindingListItem>;
/** GET /api/findings → `{items, total, nextCursor}` (issue 11 contract). */
export const ZFindingList = zPage(ZFindingListItem);

export const ZFindingListQuery = z.strictObject({
  termId: zId.optional(),
  roundId: zId.optional(),
  inspectionId: zId.optional(),
  authorityId: zId.optional(),
  /** A node selects itself and everything under it. */
  taxonomyNodeId: zId.optional(),
  sector: ZSector.optional(),
  common: zFlag('共性问题').optional(),
  immediate: zFlag('立行立改').optional(),
  severity: ZSeverity.optional(),
  source: ZFindingSource.optional(),
  q: z.string().max(50, '关键词不能超过50个字').optional(),
  limit: zFieldworkLimit,
  cursor: zCursor,
});
export type TFindingListQuery = z.infer<typeof ZFindingListQuery>;

export const PHRASE_KINDS = ['problem', 'suggestion'] as const;
export const ZPhraseKind = z.enum(PHRASE_KINDS, { error: '语句类别不在可选范围内' });
export type TPhraseKind = z.infer<typeof ZPhraseKind>;
export const PHRASE_KIND_LABELS: Record<TPhraseKind, string> = { problem: '问题语言库', suggestion: '建议语言库' };

/** A sentence of the wording library the team picks from when it writes findings and the report. */
export const ZPhrase = z.object({
  id: z.uuid(),
  authorityId: z.uuid(),
  kind: ZPhraseKind,
  taxonomyNodeId: z.uuid().nullable(),
  text: z.string(),
  version: z.number().int(),
});
export type TPhrase = z.infer<typeof ZPhrase>;
export const ZPhraseList = zPage(ZPhrase);

const zPhraseText = zText('语句内容', { max: 1000, multiline: true });
export const ZPhraseCreate = z.strictObject({
  kind: ZPhraseKind,
  taxonomyNodeId: zId.optional(),
  text: zPhraseText,
});
export type TPhraseCreate = z.infer<typeof ZPhraseCreate>;
export const ZPhraseUpdate = z.strictObject({
  version: zVersion,
  kind: ZPhraseKind.optional(),
  taxonomyNodeId: zId.nullable().optional(),
  text: zPhraseText.optional(),
});
export type TPhraseUpdate = z.infer<typeof ZPhraseUpdate>;
export const ZPhraseListQuery = z.strictObject({
  authorityId: zId.optional(),
  kind: ZPhraseKind.optional(),
  taxonomyNodeId: zId.optional(),
  q: z.string().max(50, '关键词不能超过50个字').optional(),
  limit: zFieldworkLimit,
  cursor: zCursor,
});
export type TPhraseListQuery = z.infer<typeof ZPhraseListQuery>;

// =============================================================================================
// 4. Clues (问题线索), counted in 件 (clues) and 人 (subjects)

/** The cadre-management level of a subject: whose 干部管理权限 they fall under. */
export const CADRE_LEVELS = ['cityManaged', 'countyManaged', 'sectionLevel', 'other'] as const;
export const ZCadreLevel = z.enum(CADRE_LEVELS, { error: '干部管理层级不在可选范围内' });
export type TCadreLevel = z.infer<typeof ZCadreLevel>;
export const CADRE_LEVEL_LABELS: Record<TCadreLevel, string> = {
  cityManaged: '市管干部',
  countyManaged: '县管干部',
  sectionLevel: '科级及以下',
  other: '其他',
};

export const CLUE_RECEIVERS = ['discipline', 'organization'] as const;
export const ZClueReceiver = z.enum(CLUE_RECEIVERS, { error: '移交对象不在可选范围内' });
export type TClueReceiver = z.infer<typeof ZClueReceiver>;
export const CLUE_RECEIVER_LABELS: Record<TClueReceiver, string> = { discipline: '纪委监委', organization: '组织部' };

export const CLUE_SOURCES = ['petition', 'interview', 'document', 'auditLink'] as const;
export const ZClueSource = z.enum(CLUE_SOURCES, { error: '线索来源不在可选范围内' });
export type TClueSource = z.infer<typeof ZClueSource>;
export const CLUE_SOURCE_LABELS: Record<TClueSource, string> = {
  petition: '信访举报',
  interview: '个别谈话',
  document: '调阅资料',
  auditLink: '巡审贯通',
};

export const CLUE_STATUSES = ['draft', 'transferred', 'disposing', 'resultIn', 'writtenOff'] as const;
export const ZClueStatus = z.enum(CLUE_STATUSES, { error: '线索状态不在可选范围内' });
export type TClueStatus = z.infer<typeof ZClueStatus>;
export const CLUE_STATUS_LABELS: Record<TClueStatus, string> = {
  draft: '待移交',
  transferred: '已移交',
  disposing: '处置中',
  resultIn: '已反馈结果',
  writtenOff: '已销号',
};

export const CLUE_ACTIONS = ['transfer', 'dispose', 'recordResult', 'writeOff'] as const;
export const ZClueAction = z.enum(CLUE_ACTIONS, { error: '线索操作不在可选范围内' });
export type TClueAction = z.infer<typeof ZClueAction>;
export const CLUE_ACTION_LABELS: Record<TClueAction, string> = {
  transfer: '移交',
  dispose: '录入处置方式',
  recordResult: '反馈处置结果',
  writeOff: '销号',
};

export const CLUE_DISPOSALS = ['talkInquiry', 'preliminaryVerification', 'shelved', 'closed'] as const;
export const ZClueDisposal = z.enum(CLUE_DISPOSALS, { error: '处置方式不在可选范围内' });
export type TClueDisposal = z.infer<typeof ZClueDisposal>;
export const CLUE_DISPOSAL_LABELS: Record<TClueDisposal, string> = {
  talkInquiry: '谈话函询',
  preliminaryVerification: '初步核实',
  shelved: '暂存待查',
  closed: '予以了结',
};

/** 监督执纪“四种形态”, level 1 (批评教育、谈话提醒) to 4 (严重违纪涉嫌违法立案审查). */
export const FORM_LEVELS = [1, 2, 3, 4] as const;
export type TFormLevel = (typeof FORM_LEVELS)[number];
export const FORM_LEVEL_LABELS: Record<TFormLevel, string> = {
  1: '第一种形态',
  2: '第二种形态',
  3: '第三种形态',
  4: '第四种形态',
};
const ZFormLevel = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
  error: '“四种形态”只能是1至4',
});

export const PARTY_SANCTIONS = ['warning', 'seriousWarning', 'removalFromPost', 'probation', 'expulsion'] as const;
export const ZPartySanction = z.enum(PARTY_SANCTIONS, { error: '党纪处分种类不在可选范围内' });
export type TPartySanction = z.infer<typeof ZPartySanction>;
export const PARTY_SANCTION_LABELS: Record<TPartySanction, string> = {
  warning: '警告',
  seriousWarning: '严重警告',
  removalFromPost: '撤销党内职务',
  probation: '留党察看',
  expulsion: '开除党籍',
};

export const GOVERNMENT_SANCTIONS = [
  'warning',
  'demerit',
  'majorDemerit',
  'demotion',
  'dismissal',
  'expulsion',
] as const;
export const ZGovernmentSanction = z.enum(GOVERNMENT_SANCTIONS, { error: '政务处分种类不在可选范围内' });
export type TGovernmentSanction = z.infer<typeof ZGovernmentSanction>;
export const GOVERNMENT_SANCTION_LABELS: Record<TGovernmentSanction, string> = {
  warning: '警告',
  demerit: '记过',
  majorDemerit: '记大过',
  demotion: '降级',
  dismissal: '撤职',
  expulsion: '开除',
};

/**
 * One person: the key that tells people apart when clues are counted in 人 (clues.ts countClues) and
 * when a clue names someone twice: searchKey's folding (NFKC, zero-width characters dropped, case
 * folded, trimmed) and no whitespace at all, since a stray space inside a Chinese name or post is a slip.
 * Two records of one person under different posts (副局长 / 党组成员、副局长) stay two: the register
 * cannot know they are one person, and the office corrects the post.
 */
export function personKey(name: string, post: string): string {
  const fold = (x: string) => searchKey(x).replace(/\s+/gu, '');
  return `${fold(name)}\u0000${fold(post)}`;
}

export const MAX_CLUE_SUBJECTS = 50;

export const ZClueSubjectIn = z.strictObject({
  name: zText('被反映人姓名', { max: 30 }),
  post: zText('被反映人职务', { max: 100 }),
  /** Unknown when the team records the clue; the office sets it before transfer. */
  level: ZCadreLevel.default('other'),
});
export type TClueSubjectIn = z.infer<typeof ZClueSubjectIn>;

const zClueSubjects = z
  .array(ZClueSubjectIn, { error: '被反映人格式不正确' })
  .min(1, '请至少填写一名被反映人')
  .max(MAX_CLUE_SUBJECTS, `一件线索最多${MAX_CLUE_SUBJECTS}名被反映人`)
  .superRefine((subjects, ctx) => {
    const seen = new Set<string>();
    subjects.forEach((s, i) => {
      const k = personKey(s.name, s.post);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `被反映人“${s.name}”重复` });
      seen.add(k);
    });
  });

const clueFields = {
  subjects: zClueSubjects,
  discipline: ZDiscipline,
  facts: zText('问题线索内容', { max: MAX_LONG_TEXT, multiline: true }),
  source: ZClueSource,
  sourceRefId: zId,
  evidence: zEvidenceList,
};

function clueSourceIssue(c: { source?: unknown; sourceRefId?: unknown }, ctx: z.RefinementCtx) {
  if (c.sourceRefId && !c.source)
    ctx.addIssue({ code: 'custom', path: ['source'], message: '填写来源记录时请选择线索来源' });
}

/**
 * POST /api/inspections/{id}/clues (issue 11 contract `{subjects: [{name, post}], discipline, facts}`).
 * Subjects and facts are encrypted at rest by the server. `sourceRefId`: the petition, interview or
 * document-review activity the clue came from.
 */
export const ZClueCreate = z
  .strictObject({
    subjects: clueFields.subjects,
    discipline: clueFields.discipline,
    facts: clueFields.facts,
    source: clueFields.source.optional(),
    sourceRefId: clueFields.sourceRefId.optional(),
    evidence: clueFields.evidence.default([]),
    orgId: zId.optional(),
  })
  .superRefine(clueSourceIssue);
export type TClueCreate = z.infer<typeof ZClueCreate>;

/** Only a clue not yet transferred is edited (clues.ts clueEditProblem). */
export const ZClueUpdate = z
  .strictObject({
    version: zVersion,
    subjects: clueFields.subjects.optional(),
    discipline: clueFields.discipline.optional(),
    facts: clueFields.facts.optional(),
    source: clueFields.source.nullable().optional(),
    sourceRefId: clueFields.sourceRefId.nullable().optional(),
    evidence: clueFields.evidence.optional(),
    orgId: zId.nullable().optional(),
  })
  .superRefine(clueSourceIssue);
export type TClueUpdate = z.infer<typeof ZClueUpdate>;

/** One transfer: a batch of clues to one receiver under one 问题线索移交函 (takes an Idempotency-Key). */
export const ZClueTransferBatch = z.strictObject({
  clueIds: zIdList('移交的线索', MAX_LIST).min(1, '请至少选择一件线索'),
  receiver: ZClueReceiver,
  transferredOn: zDate('移交日期'),
  /** 移交函文号, e.g. 赣市巡函〔2026〕3号. */
  letterNumber: zText('移交函文号', { max: 50 }).optional(),
  /**
   * The receiving 纪委监委 or 组织部 as an organization of the registry: its case handlers (accounts of
   * that organization) see the clues. Default: the authority's setting for the receiver
   * (ZFieldworkSettings.receiverOrgs).
   */
  receiverOrgId: zId.optional(),
});
export type TClueTransferBatch = z.infer<typeof ZClueTransferBatch>;

export const ZClueTransferBatchOut = z.object({
  id: z.uuid(),
  authorityId: z.uuid(),
  receiver: ZClueReceiver,
  receiverOrgId: z.uuid(),
  receiverOrgName: z.string().nullable(),
  /** The clues of the batch the caller may see. */
  clueIds: z.array(z.uuid()),
  transferredOn: z.string(),
  letterNumber: z.string().nullable(),
  clueCount: z.number().int(),
  personCount: z.number().int(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type TClueTransferBatchOut = z.infer<typeof ZClueTransferBatchOut>;
export const ZClueTransferBatchList = zPage(ZClueTransferBatchOut);
export const ZClueTransferBatchListQuery = z.strictObject({
  authorityId: zId.optional(),
  receiver: ZClueReceiver.optional(),
  limit: zFieldworkLimit,
  cursor: zCursor,
});
export type TClueTransferBatchListQuery = z.infer<typeof ZClueTransferBatchListQuery>;

/** The receiver's case handler records how the clue is being handled. */
export const ZClueDisposalRecord = z.strictObject({
  version: zVersion,
  disposal: ZClueDisposal,
  disposedOn: zDate('处置日期'),
  note: zText('处置情况说明', { min: 0, max: 2000, multiline: true }).optional(),
});
export type TClueDisposalRecord = z.infer<typeof ZClueDisposalRecord>;

interface TClueResultShape {
  caseFiled: boolean;
  formLevel: TFormLevel | null;
  partyDiscipline: TPartySanction | null;
  governmentSanction: TGovernmentSanction | null;
  judicialTransfer: boolean;
}

/** The 四种形态 level each party sanction belongs to: light sanctions are the second, heavy ones the third. */
const SANCTION_FORM: Record<TPartySanction, readonly TFormLevel[]> = {
  warning: [2],
  seriousWarning: [2],
  removalFromPost: [3],
  probation: [3],
  // 开除党籍 is the third form, or the fourth when the case goes on to the courts.
  expulsion: [3, 4],
};

/**
 * Chinese reasons a result does not hang together, as an experienced case officer would check it: a
 * sanction or a transfer to the judiciary needs a case (立案); the first form is education and
 * reminders, never a sanction; each party sanction belongs to its form; a judicial transfer is the
 * fourth form; the fourth form is always a filed case.
 */
export function clueResultProblems(r: TClueResultShape): { path: keyof TClueResultShape; message: string }[] {
  const out: { path: keyof TClueResultShape; message: string }[] = [];
  if (!r.caseFiled) {
    if (r.partyDiscipline) out.push({ path: 'caseFiled', message: '给予党纪处分须先立案' });
    if (r.governmentSanction) out.push({ path: 'caseFiled', message: '给予政务处分须先立案' });
    if (r.judicialTransfer) out.push({ path: 'caseFiled', message: '移送司法机关须先立案' });
    if (r.formLevel === 4) out.push({ path: 'caseFiled', message: '第四种形态须立案审查调查' });
  }
  if (r.formLevel === 1 && (r.partyDiscipline || r.governmentSanction))
    out.push({ path: 'formLevel', message: '第一种形态为批评教育、谈话提醒等，不给予处分' });
  if (r.partyDiscipline && r.formLevel !== null && !SANCTION_FORM[r.partyDiscipline].includes(r.formLevel))
    out.push({
      path: 'formLevel',
      message: `${PARTY_SANCTION_LABELS[r.partyDiscipline]}处分应归入${SANCTION_FORM[r.partyDiscipline]
        .map((l) => FORM_LEVEL_LABELS[l])
        .join('或')}`,
    });
  if (r.judicialTransfer && r.formLevel !== null && r.formLevel !== 4)
    out.push({ path: 'formLevel', message: '移送司法机关的应归入第四种形态' });
  return out;
}

const clueResultFields = {
  caseFiled: z.boolean({ error: '请说明是否立案' }),
  formLevel: ZFormLevel.nullable(),
  partyDiscipline: ZPartySanction.nullable(),
  governmentSanction: ZGovernmentSanction.nullable(),
  organizationalHandling: zText('组织处理', { max: 500 }).nullable(),
  judicialTransfer: z.boolean({ error: '请说明是否移送司法机关' }),
};

/** The disposal's result as the case handler reports it; the office then writes the clue off. */
export const ZClueResultRecord = z
  .strictObject({
    version: zVersion,
    ...clueResultFields,
    resultOn: zDate('结果反馈日期'),
    note: zText('处置结果说明', { min: 0, max: 2000, multiline: true }).optional(),
  })
  .superRefine((r, ctx) => {
    for (const p of clueResultProblems(r)) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
  });
export type TClueResultRecord = z.infer<typeof ZClueResultRecord>;

export const ZClueResult = z.object({
  caseFiled: z.boolean(),
  formLevel: z.number().int().min(1).max(4).nullable(),
  partyDiscipline: ZPartySanction.nullable(),
  governmentSanction: ZGovernmentSanction.nullable(),
  organizationalHandling: z.string().nullable(),
  judicialTransfer: z.boolean(),
  resultOn: z.string(),
  note: z.string().nullable(),
});
export type TClueResult = z.infer<typeof ZClueResult>;

/** 销号 by the office once the result is in. */
export const ZClueWriteOff = z.strictObject({
  version: zVersion,
  writtenOffOn: zDate('销号日期'),
  note: zText('销号说明', { min: 0, max: 500, multiline: true }).optional(),
});
export type TClueWriteOff = z.infer<typeof ZClueWriteOff>;

export const ZClueSubject = z.object({ name: z.string(), post: z.string(), level: ZCadreLevel });
export type TClueSubject = z.infer<typeof ZClueSubject>;

const ZWarningColour = z.enum(['green', 'yellow', 'red', 'done', 'none']);

export const ZClue = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  inspectionLabel: z.string(),
  authorityId: z.uuid(),
  termId: z.uuid(),
  roundId: z.uuid(),
  orgId: z.uuid().nullable(),
  orgName: z.string().nullable(),
  subjects: z.array(ZClueSubject),
  discipline: ZDiscipline,
  facts: z.string(),
  source: ZClueSource.nullable(),
  sourceRefId: z.uuid().nullable(),
  evidence: z.array(ZEvidence),
  status: ZClueStatus,
  /** clues.ts receiverFor: where the clue should go by its subjects' level and its discipline. */
  suggestedReceiver: ZClueReceiver,
  receiver: ZClueReceiver.nullable(),
  receiverOrgId: z.uuid().nullable(),
  receiverOrgName: z.string().nullable(),
  transferBatchId: z.uuid().nullable(),
  transferredOn: z.string().nullable(),
  letterNumber: z.string().nullable(),
  disposal: ZClueDisposal.nullable(),
  disposedOn: z.string().nullable(),
  disposalNote: z.string().nullable(),
  result: ZClueResult.nullable(),
  feedbackDue: z.string().nullable(),
  feedbackColour: ZWarningColour,
  writtenOffOn: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type TClue = z.infer<typeof ZClue>;
export const ZClueListItem = ZClue.omit({ facts: true, evidence: true, result: true, disposalNote: true });
export type TClueListItem = z.infer<typeof ZClueListItem>;
/** GET /api/clues → `{items, total, persons, nextCursor}`: persons are distinct over the whole filter, not the page. */
export const ZClueList = zPage(ZClueListItem).extend({ persons: zCount, personTimes: zCount });

export const ZClueListQuery = z.strictObject({
  termId: zId.optional(),
  roundId: zId.optional(),
  inspectionId: zId.optional(),
  authorityId: zId.optional(),
  status: ZClueStatus.optional(),
  receiver: ZClueReceiver.optional(),
  discipline: ZDiscipline.optional(),
  /** 'true': transferred clues past their feedback date (the case handler's 逾期 list). */
  overdue: zFlag('逾期').optional(),
  limit: zFieldworkLimit,
  cursor: zCursor,
});
export type TClueListQuery = z.infer<typeof ZClueListQuery>;

// =============================================================================================
// 5. The report (巡察报告)

export const MAX_SUGGESTIONS = 50;
export const MAX_TOPIC_REPORTS = 20;

export const ZTopicReportIn = z.strictObject({
  title: zText('专题报告标题', { max: MAX_TITLE }),
  body: zText('专题报告正文', { max: MAX_LONG_TEXT, multiline: true }),
});

/**
 * What the team writes: 基本情况和总体评价 and 意见建议 (picked from the wording library and edited),
 * plus 专题报告. 主要问题 is not written here: it is drawn from the findings (report.ts reportOutline).
 */
const reportDraftFields = {
  overview: zText('基本情况和总体评价', { min: 0, max: MAX_LONG_TEXT, multiline: true }),
  suggestions: z
    .array(zText('意见建议', { max: 2000, multiline: true }), { error: '意见建议格式不正确' })
    .max(MAX_SUGGESTIONS, `意见建议最多${MAX_SUGGESTIONS}条`),
  topicReports: z
    .array(ZTopicReportIn, { error: '专题报告格式不正确' })
    .max(MAX_TOPIC_REPORTS, `专题报告最多${MAX_TOPIC_REPORTS}篇`),
};
export const ZReportDraft = z.strictObject({
  overview: reportDraftFields.overview,
  suggestions: reportDraftFields.suggestions.default([]),
  topicReports: reportDraftFields.topicReports.optional(),
});
export type TReportDraft = z.infer<typeof ZReportDraft>;

/** PUT /api/inspections/{id}/report: saves a new version; `version` is the report's lock, `note` 修改说明. */
export const ZReportSave = z.strictObject({
  version: zVersion,
  overview: reportDraftFields.overview,
  suggestions: reportDraftFields.suggestions.default([]),
  topicReports: reportDraftFields.topicReports.optional(),
  note: zText('修改说明', { min: 0, max: 200 }).optional(),
});
export type TReportSave = z.infer<typeof ZReportSave>;

export const ZReportVersion = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  /** 1, 2, 3 … in the order saved. */
  number: z.number().int(),
  overview: z.string(),
  suggestions: z.array(z.string()),
  topicReports: z.array(z.object({ title: z.string(), body: z.string() })),
  note: z.string().nullable(),
  savedByName: z.string().nullable(),
  savedAt: z.string(),
});
export type TReportVersion = z.infer<typeof ZReportVersion>;

export const ZReportOutline = z.array(
  z.object({
    frameworkId: z.string().nullable(),
    title: z.string(),
    aspects: z.array(
      z.object({
        aspectId: z.string().nullable(),
        title: z.string().nullable(),
        findings: z.array(z.object({ id: z.string(), title: z.string(), summary: z.string() })),
      }),
    ),
  }),
);

export const ZReport = z.object({
  inspectionId: z.uuid(),
  current: ZReportVersion.nullable(),
  versions: z.array(ZReportVersion.pick({ id: true, number: true, note: true, savedByName: true, savedAt: true })),
  outline: ZReportOutline,
  version: z.number().int(),
});
export type TReport = z.infer<typeof ZReport>;

export const LINE_DIFF_OPS = ['equal', 'insert', 'delete'] as const;
export const ZLineDiff = z.array(z.object({ op: z.enum(LINE_DIFF_OPS), text: z.string() }));
/** GET /api/inspections/{id}/report/diff: the draft's text of version `from` against `to`, line by line. */
export const ZReportDiff = z.object({ from: z.number().int(), to: z.number().int(), lines: ZLineDiff });
export const ZReportCompareQuery = z.strictObject({
  from: z.coerce.number({ error: '版本号必须是数字' }).int('版本号必须是整数').min(1, '版本号至少为1'),
  to: z.coerce.number({ error: '版本号必须是数字' }).int('版本号必须是整数').min(1, '版本号至少为1'),
});

// =============================================================================================
// 6. Meetings (会议) and 交办事项

export const MEETING_KINDS = [
  'teamOfficeConsultation',
  'leadingGroup',
  'secretarySpecial',
  'standingCommittee',
] as const;
export const ZMeetingKind = z.enum(MEETING_KINDS, { error: '会议类型不在可选范围内' });
export type TMeetingKind = z.infer<typeof ZMeetingKind>;
export const MEETING_KIND_LABELS: Record<TMeetingKind, string> = {
  teamOfficeConsultation: '组办会商',
  leadingGroup: '巡察工作领导小组会议',
  secretarySpecial: '书记专题会',
  standingCommittee: '常委会',
};

export const ASSIGNED_MATTER_STATUSES = ['open', 'done'] as const;
export const ZAssignedMatterStatus = z.enum(ASSIGNED_MATTER_STATUSES, { error: '办理状态不在可选范围内' });
export type TAssignedMatterStatus = z.infer<typeof ZAssignedMatterStatus>;
export const ASSIGNED_MATTER_STATUS_LABELS: Record<TAssignedMatterStatus, string> = {
  open: '办理中',
  done: '已办结',
};
export const MIN_CLOSING_NOTE = 5;

const matterFields = {
  what: zText('交办事项', { max: 500, multiline: true }),
  assignee: zText('承办单位或责任人', { max: 100 }),
  dueDate: zDate('完成时限'),
  closingNote: zText('办结情况', { min: MIN_CLOSING_NOTE, max: 2000, multiline: true }),
  closedOn: zDate('办结日期'),
};

export const ZAssignedMatterIn = z.strictObject({
  what: matterFields.what,
  assignee: matterFields.assignee,
  dueDate: matterFields.dueDate,
});
export type TAssignedMatterIn = z.infer<typeof ZAssignedMatterIn>;

/** Closing (status 'done') needs what was done and when; reopening ('open') clears both on the server. */
export const ZAssignedMatterUpdate = z
  .strictObject({
    version: zVersion,
    what: matterFields.what.optional(),
    assignee: matterFields.assignee.optional(),
    dueDate: matterFields.dueDate.optional(),
    status: ZAssignedMatterStatus.optional(),
    closingNote: matterFields.closingNote.optional(),
    closedOn: matterFields.closedOn.optional(),
  })
  .superRefine((m, ctx) => {
    if (m.status === 'done') {
      if (!m.closingNote)
        ctx.addIssue({
          code: 'custom',
          path: ['closingNote'],
          message: `办结须填写办结情况，至少${MIN_CLOSING_NOTE}个字`,
        });
      if (!m.closedOn) ctx.addIssue({ code: 'custom', path: ['closedOn'], message: '办结须填写办结日期' });
    } else if (m.closingNote || m.closedOn)
      ctx.addIssue({ code: 'custom', path: ['status'], message: '填写办结情况时请将状态设为已办结' });
  });
export type TAssignedMatterUpdate = z.infer<typeof ZAssignedMatterUpdate>;

export const ZAssignedMatter = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  meetingKind: ZMeetingKind,
  meetingDate: z.string(),
  what: z.string(),
  assignee: z.string(),
  dueDate: z.string(),
  status: ZAssignedMatterStatus,
  closingNote: z.string().nullable(),
  closedOn: z.string().nullable(),
  colour: ZWarningColour,
  version: z.number().int(),
});
export type TAssignedMatter = z.infer<typeof ZAssignedMatter>;
export const ZAssignedMatterList = zPage(ZAssignedMatter);
export const ZAssignedMatterListQuery = z.strictObject({
  termId: zId.optional(),
  authorityId: zId.optional(),
  meetingId: zId.optional(),
  status: ZAssignedMatterStatus.optional(),
  /** 'true': open matters past their due date. */
  overdue: zFlag('逾期').optional(),
  limit: zFieldworkLimit,
  cursor: zCursor,
});
export type TAssignedMatterListQuery = z.infer<typeof ZAssignedMatterListQuery>;

const meetingFields = {
  kind: ZMeetingKind,
  date: zDate('会议日期'),
  title: zText('会议名称', { max: MAX_TITLE }),
  attendees: z
    .array(zText('参会人员', { max: 50 }), { error: '参会人员格式不正确' })
    .min(1, '请填写参会人员')
    .max(MAX_LIST, `参会人员最多${MAX_LIST}人`),
  /** The inspections whose work the meeting heard. */
  inspectionIds: zIdList('听取汇报的巡察', MAX_LIST),
  decisions: zText('会议决定事项', { max: MAX_LONG_TEXT, multiline: true }),
};

export const ZMeetingCreate = z
  .strictObject({
    /** Whose meeting: default the authority of the inspections heard, else the caller's. */
    authorityId: zId.optional(),
    /** The term the meeting belongs to in the term's figures: default the term of the inspections heard. */
    termId: zId.optional(),
    kind: meetingFields.kind,
    date: meetingFields.date,
    title: meetingFields.title.optional(),
    attendees: meetingFields.attendees,
    inspectionIds: meetingFields.inspectionIds.default([]),
    decisions: meetingFields.decisions,
    assignedMatters: z
      .array(ZAssignedMatterIn, { error: '交办事项格式不正确' })
      .max(MAX_LIST, `交办事项最多${MAX_LIST}项`)
      .default([]),
  })
  .superRefine((m, ctx) => {
    if (!isIsoDate(m.date)) return;
    m.assignedMatters.forEach((a, i) => {
      if (isIsoDate(a.dueDate) && a.dueDate < m.date)
        ctx.addIssue({ code: 'custom', path: ['assignedMatters', i, 'dueDate'], message: '完成时限不能早于会议日期' });
    });
  });
export type TMeetingCreate = z.infer<typeof ZMeetingCreate>;

/** The meeting's own fields; its assigned matters have their own routes (ZAssignedMatterIn / Update). */
export const ZMeetingUpdate = z.strictObject({
  version: zVersion,
  kind: meetingFields.kind.optional(),
  date: meetingFields.date.optional(),
  title: meetingFields.title.optional(),
  attendees: meetingFields.attendees.optional(),
  inspectionIds: meetingFields.inspectionIds.optional(),
  decisions: meetingFields.decisions.optional(),
});
export type TMeetingUpdate = z.infer<typeof ZMeetingUpdate>;

export const ZMeeting = z.object({
  id: z.uuid(),
  authorityId: z.uuid(),
  termId: z.uuid().nullable(),
  kind: ZMeetingKind,
  date: z.string(),
  title: z.string(),
  attendees: z.array(z.string()),
  inspections: z.array(z.object({ id: z.uuid(), label: z.string() })),
  decisions: z.string(),
  assignedMatters: z.array(ZAssignedMatter),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type TMeeting = z.infer<typeof ZMeeting>;
export const ZMeetingListItem = ZMeeting.omit({ decisions: true, assignedMatters: true }).extend({
  matterCount: zCount,
  openMatterCount: zCount,
});
export type TMeetingListItem = z.infer<typeof ZMeetingListItem>;
/** GET /api/meetings → `{items, total}` (and nextCursor). */
export const ZMeetingList = zPage(ZMeetingListItem);

export const ZMeetingListQuery = z.strictObject({
  termId: zId.optional(),
  authorityId: zId.optional(),
  kind: ZMeetingKind.optional(),
  inspectionId: zId.optional(),
  from: zDate('开始日期').optional(),
  to: zDate('结束日期').optional(),
  limit: zFieldworkLimit,
  cursor: zCursor,
});
export type TMeetingListQuery = z.infer<typeof ZMeetingListQuery>;

// =============================================================================================
// 7. Settings per authority

/** The meetings whose hearing of the report opens the way to feedback (prerequisites.ts reportHeardProblem). */
export const HEARING_MEETING_KINDS = [
  'secretarySpecial',
  'standingCommittee',
] as const satisfies readonly TMeetingKind[];

/**
 * Fieldwork settings of an authority; a missing key takes its default. The time limits themselves —
 * 撤离后向书记专题会报告 (default 1 month) and 移交后反馈线索处置情况 (default 3 months) — are already
 * the planning deadline settings `reportAfterExit` and `clueFeedbackAfterTransfer` (ZDeadlineSettings),
 * so they are not repeated here: one rule, one place to change it. Here are the windows in which those
 * deadlines turn yellow, which meetings count as hearing the report, and the paper numbering.
 */
export const DEFAULT_FIELDWORK_SETTINGS = Object.freeze({
  paperNumber: Object.freeze({ pattern: DEFAULT_PAPER_NUMBER_PATTERN, scope: 'team' as const }),
  /** A clue's feedback is 临期 this many days before it is due; three months deserve more than three days. */
  clueFeedbackWarnDays: 10,
  reportHearingWarnDays: 5,
  reportHearingKinds: Object.freeze(['secretarySpecial'] as const),
  /** The registry organizations that receive transferred clues; none until the office names them. */
  receiverOrgs: Object.freeze({ discipline: null, organization: null }),
});

const zWarnDays = (label: string, max: number) =>
  z
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .min(0, `${label}不能为负数`)
    .max(max, `${label}不能超过${max}`);

export const ZFieldworkSettings = z.strictObject({
  paperNumber: ZPaperNumberSettings.default({ ...DEFAULT_FIELDWORK_SETTINGS.paperNumber }),
  clueFeedbackWarnDays: zWarnDays('线索反馈临期提醒天数', 60).default(DEFAULT_FIELDWORK_SETTINGS.clueFeedbackWarnDays),
  reportHearingWarnDays: zWarnDays('报告听取临期提醒天数', 30).default(
    DEFAULT_FIELDWORK_SETTINGS.reportHearingWarnDays,
  ),
  reportHearingKinds: z
    .array(z.enum(HEARING_MEETING_KINDS, { error: '听取报告的会议只能是书记专题会或常委会' }))
    .min(1, '请至少选择一种听取巡察报告的会议')
    .max(HEARING_MEETING_KINDS.length, '听取巡察报告的会议有重复')
    .transform((a) => HEARING_MEETING_KINDS.filter((k) => a.includes(k)))
    .default([...DEFAULT_FIELDWORK_SETTINGS.reportHearingKinds]),
  /** The 纪委监委 and 组织部 as organizations of the registry: a transfer goes to them unless it names another. */
  receiverOrgs: z
    .strictObject({ discipline: zId.nullable(), organization: zId.nullable() })
    .default({ discipline: null, organization: null }),
});
export type TFieldworkSettings = z.infer<typeof ZFieldworkSettings>;

/** The settings as they go out (ZFieldworkSettings' output, without its input transforms). */
export const ZFieldworkSettingsValue = z.object({
  paperNumber: z.object({ pattern: z.string(), scope: z.enum(PAPER_SEQ_SCOPES) }),
  clueFeedbackWarnDays: z.number().int(),
  reportHearingWarnDays: z.number().int(),
  reportHearingKinds: z.array(z.enum(HEARING_MEETING_KINDS)),
  receiverOrgs: z.object({ discipline: z.uuid().nullable(), organization: z.uuid().nullable() }),
});

export const ZFieldworkSettingsResponse = z.object({
  authorityId: z.uuid(),
  settings: ZFieldworkSettingsValue,
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export const ZFieldworkSettingsUpdate = z.strictObject({ version: zVersion, settings: ZFieldworkSettings });

// =============================================================================================
// 8. Round and term figures, uploads, library queries

/**
 * GET /api/rounds/{id}/fieldwork-summary and /api/terms/{id}/fieldwork-summary: the inspection
 * summary's sums over every inspection of the round or term the caller may see, plus what only a
 * round or term has: clues transferred, and the meetings (a term's 常委会研究巡察工作N次 and
 * 听取巡察情况汇报N次: `hearings` are the meetings of a hearing kind that heard an inspection).
 */
export const ZFieldworkSummary = ZInspectionSummary.extend({
  inspections: zCount,
  transferredClues: z.object({ cases: zCount, persons: zCount }),
  meetings: z.object({
    total: zCount,
    byKind: z.object({
      teamOfficeConsultation: zCount,
      leadingGroup: zCount,
      secretarySpecial: zCount,
      standingCommittee: zCount,
    }),
    hearings: zCount,
  }),
});
export type TFieldworkSummary = z.infer<typeof ZFieldworkSummary>;

/** An uploaded evidence file or signed record scan (stored encrypted; downloaded as an attachment). */
export const ZFieldworkFile = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});
export type TFieldworkFile = z.infer<typeof ZFieldworkFile>;

/** The library of one authority: default the caller's own. */
export const ZLibraryQuery = z.strictObject({ authorityId: zId.optional() });

/** DELETE routes carry the version they delete as `?version=`, so a stale page cannot delete a changed record. */
export const ZVersionQuery = z.strictObject({
  version: z.coerce.number({ error: '版本号必须是数字' }).int('版本号必须是整数').min(0, '版本号不能为负数'),
});
