import { z } from 'zod';
import { codePointLength, zCursor, zDate, zId, zPage, zText } from '../common/text.ts';
import { isIsoDate } from '../planning/calendar.ts';
import { wanProblem } from './money.ts';

/**
 * Feedback, rectification, evaluation and publication (domain.md §4 feedback → rectifying →
 * evaluated → published; §5 Rectification tasks, Results, Joint review, Publication).
 *
 * Input schemas (`…Create`, `…Update`, actions) are strict and carry Chinese messages; response
 * schemas (`ZThing`) carry no transforms, so the server's answers are described exactly.
 * Findings belong to the fieldwork module and are referred to here by id only.
 */

const zName = (label: string) => zText(label, { max: 40 });
const zNote = (label: string, max = 2000) => zText(label, { min: 0, max, multiline: true });
const zCount = (label: string, max: number) =>
  z
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .min(0, `${label}不能为负数`)
    .max(max, `${label}不能超过${max}`);

function uniqueIssue(list: readonly string[] | undefined, ctx: z.RefinementCtx, path: string | null, message: string) {
  if (list && new Set(list).size !== list.length)
    ctx.addIssue({ code: 'custom', path: path === null ? [] : [path], message });
}

/** Defaults are shared by every caller: frozen all the way down, and parsed settings get copies. */
function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') for (const x of Object.values(v)) deepFreeze(x);
  return Object.freeze(v);
}

/** Both dates valid and `later` before `earlier`: each invalid date is reported on its own field. */
const before = (later: string | null | undefined, earlier: string | null | undefined) =>
  !!later && !!earlier && isIsoDate(later) && isIsoDate(earlier) && later < earlier;

// ---------------------------------------------------------------------------------------------
// Feedback (反馈)

/**
 * 四抄告: the feedback is copied to the leader in charge of the organization's sector, its
 * competent department, the discipline commission and the organization department. Labelled
 * 分管领导 rather than 分管市领导 so the same words serve a county office.
 */
export const FEEDBACK_COPY_RECIPIENTS = [
  'sectorLeader',
  'competentDept',
  'disciplineCommission',
  'organizationDept',
] as const;
export const ZFeedbackCopyRecipient = z.enum(FEEDBACK_COPY_RECIPIENTS, { error: '抄告对象类别不在可选范围内' });
export type TFeedbackCopyRecipient = z.infer<typeof ZFeedbackCopyRecipient>;
export const FEEDBACK_COPY_RECIPIENT_LABELS: Record<TFeedbackCopyRecipient, string> = {
  sectorLeader: '分管领导',
  competentDept: '主管部门',
  disciplineCommission: '纪委监委',
  organizationDept: '组织部',
};

export const ZFeedbackCopyInput = z
  .strictObject({
    recipient: ZFeedbackCopyRecipient,
    /** The person or body: 市委常委、副市长张某, 市教育局党组 … */
    name: zText('抄告对象', { max: 100 }),
    sentOn: zDate('抄告日期').nullable().optional(),
    /** When the recipient read it (阅知): the 四抄告 is done only when all four have read it. */
    readOn: zDate('阅知日期').nullable().optional(),
  })
  .superRefine((c, ctx) => {
    if (c.readOn && !c.sentOn)
      ctx.addIssue({ code: 'custom', path: ['readOn'], message: '尚未抄告，不能登记阅知日期' });
    if (before(c.readOn, c.sentOn))
      ctx.addIssue({ code: 'custom', path: ['readOn'], message: '阅知日期不能早于抄告日期' });
  });
export type TFeedbackCopyInput = z.infer<typeof ZFeedbackCopyInput>;

const feedbackFields = {
  meetingDate: zDate('反馈会日期'),
  attendees: z
    .array(zText('参会人员', { max: 100 }), { error: '请填写参会人员' })
    .min(1, '请至少填写一名参会人员')
    .max(300, '参会人员最多300人'),
  /** Usually the 组长 giving the feedback, the office's leader, and the main leader's 表态发言. */
  speakers: z
    .array(zText('讲话人', { max: 100 }), { error: '请填写讲话人' })
    .min(1, '请至少填写一名讲话人')
    .max(30, '讲话人最多30人'),
  /** The one-to-one feedback to the main leader (向主要负责人个别反馈), which comes first. */
  oneToOneOn: zDate('向主要负责人反馈日期'),
  mainLeaderName: zName('主要负责人姓名'),
  notes: zNote('反馈会情况', 5000).optional(),
  copies: z.array(ZFeedbackCopyInput).max(20, '抄告对象最多20个'),
  /** 交办事项 of the 书记专题会/常委会 (fieldwork's assignedMatter) handed over with the feedback. */
  assignedMatterIds: z.array(zId).max(100, '交办事项最多100项'),
};

type TFeedbackDates = {
  meetingDate?: string;
  oneToOneOn?: string;
  attendees?: string[];
  speakers?: string[];
  copies?: { sentOn?: string | null | undefined }[];
  assignedMatterIds?: string[];
};

function feedbackIssues(f: TFeedbackDates, ctx: z.RefinementCtx) {
  if (before(f.meetingDate, f.oneToOneOn))
    ctx.addIssue({ code: 'custom', path: ['oneToOneOn'], message: '向主要负责人个别反馈应在反馈会当天或之前' });
  uniqueIssue(f.attendees, ctx, 'attendees', '参会人员有重复');
  uniqueIssue(f.speakers, ctx, 'speakers', '讲话人有重复');
  uniqueIssue(f.assignedMatterIds, ctx, 'assignedMatterIds', '交办事项有重复');
  f.copies?.forEach((c, i) => {
    if (before(c.sentOn, f.meetingDate))
      ctx.addIssue({ code: 'custom', path: ['copies', i, 'sentOn'], message: '抄告日期不能早于反馈会日期' });
  });
}

/**
 * The 反馈会 of POST /api/inspections/{id}/feedback. `orgId` names the organization when the
 * inspection has several targets (each gets its own feedback); the server requires it then.
 */
export const ZFeedbackCreate = z
  .strictObject({
    orgId: zId.optional(),
    ...feedbackFields,
    copies: feedbackFields.copies.default([]),
    assignedMatterIds: feedbackFields.assignedMatterIds.default([]),
  })
  .superRefine((f, ctx) => feedbackIssues(f, ctx));
export type TFeedbackCreate = z.infer<typeof ZFeedbackCreate>;

/** Corrections, and the dates the copies were sent and read (`copies` replaces the list). */
export const ZFeedbackUpdate = z
  .strictObject({
    version: z.number().int(),
    meetingDate: feedbackFields.meetingDate.optional(),
    attendees: feedbackFields.attendees.optional(),
    speakers: feedbackFields.speakers.optional(),
    oneToOneOn: feedbackFields.oneToOneOn.optional(),
    mainLeaderName: feedbackFields.mainLeaderName.optional(),
    notes: feedbackFields.notes,
    copies: feedbackFields.copies.optional(),
    assignedMatterIds: feedbackFields.assignedMatterIds.optional(),
  })
  .superRefine((f, ctx) => feedbackIssues(f, ctx));
export type TFeedbackUpdate = z.infer<typeof ZFeedbackUpdate>;

export const ZFeedbackCopy = z.object({
  recipient: ZFeedbackCopyRecipient,
  name: z.string(),
  sentOn: z.string().nullable(),
  readOn: z.string().nullable(),
});

export const ZFeedback = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  meetingDate: z.string(),
  attendees: z.array(z.string()),
  speakers: z.array(z.string()),
  oneToOneOn: z.string(),
  mainLeaderName: z.string(),
  notes: z.string().nullable(),
  copies: z.array(ZFeedbackCopy),
  assignedMatterIds: z.array(z.uuid()),
  /** Findings on the problem list handed over. */
  findingCount: z.number().int(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type TFeedback = z.infer<typeof ZFeedback>;

// ---------------------------------------------------------------------------------------------
// The plan's tasks (整改方案 = 问题清单 / 任务清单 / 责任清单)

export const TASK_KINDS = ['immediate', 'timeLimited', 'longTerm'] as const;
export const ZTaskKind = z.enum(TASK_KINDS, { error: '整改类型不在可选范围内' });
export type TTaskKind = z.infer<typeof ZTaskKind>;
export const TASK_KIND_LABELS: Record<TTaskKind, string> = {
  immediate: '立行立改',
  timeLimited: '限期整改',
  longTerm: '长期坚持',
};

/** What the organization reports (status); written off (销号) is the office's act, kept apart. */
export const TASK_STATUSES = ['done', 'ongoing', 'undone'] as const;
export const ZTaskStatus = z.enum(TASK_STATUSES, { error: '整改状态不在可选范围内' });
export type TTaskStatus = z.infer<typeof ZTaskStatus>;
export const TASK_STATUS_LABELS: Record<TTaskStatus, string> = {
  done: '完成',
  ongoing: '阶段性成果持续整改',
  undone: '未完成',
};

/**
 * The status a ledger shows and filters on, as offices read it: 'done' is done and waiting for the
 * office's approval, 'writtenOff' is closed.
 */
export const LEDGER_STATUSES = ['undone', 'ongoing', 'done', 'writtenOff'] as const;
export const ZLedgerStatus = z.enum(LEDGER_STATUSES, { error: '台账状态不在可选范围内' });
export type TLedgerStatus = z.infer<typeof ZLedgerStatus>;
export const LEDGER_STATUS_LABELS: Record<TLedgerStatus, string> = {
  undone: '未完成',
  ongoing: '阶段性成果持续整改',
  done: '完成（待销号）',
  writtenOff: '已销号',
};

/**
 * One task of the plan: POST /api/findings/{id}/tasks. `deadline` is required for every kind:
 * for 立行立改 and 限期整改 it is the date the task must be done; for 长期坚持 it is the date of
 * the first 阶段性成果, after which the task is followed through the 持续整改 progress reports
 * (see taskWarning). Whether the office entered it from the organization's paper plan is recorded
 * by the server from the caller, not taken from the body.
 */
export const ZTaskCreate = z.strictObject({
  kind: ZTaskKind,
  measures: zText('整改措施', { max: 5000, multiline: true }),
  responsibleLeader: zName('责任领导'),
  responsibleDept: zText('责任部门', { max: 100 }),
  deadline: zDate('整改时限'),
  goal: zNote('整改目标', 1000).optional(),
  /** 具体责任人, where the plan names one besides the leader. */
  responsiblePerson: zName('具体责任人').optional(),
});
export type TTaskCreate = z.infer<typeof ZTaskCreate>;

/** Edits while the plan is being written or was sent back; once the plan passes, a deadline moves only by extension. */
export const ZTaskUpdate = z.strictObject({
  version: z.number().int(),
  kind: ZTaskKind.optional(),
  measures: ZTaskCreate.shape.measures.optional(),
  responsibleLeader: ZTaskCreate.shape.responsibleLeader.optional(),
  responsibleDept: ZTaskCreate.shape.responsibleDept.optional(),
  deadline: ZTaskCreate.shape.deadline.optional(),
  goal: zNote('整改目标', 1000).nullable().optional(),
  responsiblePerson: zName('具体责任人').nullable().optional(),
});
export type TTaskUpdate = z.infer<typeof ZTaskUpdate>;

/** POST /api/rectification-tasks/{id}/status: the organization's report of progress. */
export const ZTaskStatusUpdate = z.strictObject({
  status: ZTaskStatus,
  note: zText('整改进展情况', { max: 5000, multiline: true }),
});
export type TTaskStatusUpdate = z.infer<typeof ZTaskStatusUpdate>;

/** 红牌: the office judges the evidence perfunctory and sends the task back. */
export const ZRedCard = z.strictObject({
  reason: zText('红牌理由', { min: 5, max: 2000, multiline: true }),
  returnTo: z.enum(['ongoing', 'undone'], { error: '退回后的状态只能是阶段性成果持续整改或未完成' }).default('undone'),
});
export type TRedCard = z.infer<typeof ZRedCard>;

/** POST …/write-off: the body may be absent; an opinion on the evidence may be recorded. */
export const ZTaskWriteOff = z.strictObject({
  note: zNote('销号意见', 1000).optional(),
});
export type TTaskWriteOff = z.infer<typeof ZTaskWriteOff>;

/** An office leader undoes a write-off made in error; the task goes back to 完成 (待销号). */
export const ZTaskReopen = z.strictObject({
  reason: zText('撤销销号理由', { min: 5, max: 1000, multiline: true }),
});
export type TTaskReopen = z.infer<typeof ZTaskReopen>;

/** What happened to a task, for its timeline. */
export const TASK_EVENTS = [
  'assign',
  'edit',
  'report',
  'addEvidence',
  'redCard',
  'writeOff',
  'reopen',
  'requestExtension',
  'approveExtension',
  'rejectExtension',
] as const;
export const ZTaskEventKind = z.enum(TASK_EVENTS);
export type TTaskEventKind = z.infer<typeof ZTaskEventKind>;
export const TASK_EVENT_LABELS: Record<TTaskEventKind, string> = {
  assign: '制定任务',
  edit: '修改任务',
  report: '报告进展',
  addEvidence: '上传佐证材料',
  redCard: '亮红牌退回',
  writeOff: '审核销号',
  reopen: '撤销销号',
  requestExtension: '申请延期',
  approveExtension: '批准延期',
  rejectExtension: '不予延期',
};

export const ZTaskEvent = z.object({
  id: z.uuid(),
  kind: ZTaskEventKind,
  fromStatus: ZTaskStatus.nullable(),
  toStatus: ZTaskStatus.nullable(),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
  /** Entered by office staff on the organization's behalf. */
  onBehalf: z.boolean(),
  createdAt: z.string(),
});
export type TTaskEvent = z.infer<typeof ZTaskEvent>;

/** One stored file of evidence (佐证材料); a new version supersedes the one it replaces, which is kept. */
export const ZEvidenceFile = z.object({
  id: z.uuid(),
  taskId: z.uuid(),
  name: z.string(),
  size: z.number().int(),
  mime: z.string(),
  fileVersion: z.number().int(),
  supersedesId: z.uuid().nullable(),
  description: z.string().nullable(),
  uploadedBy: z.string().nullable(),
  onBehalf: z.boolean(),
  uploadedAt: z.string(),
});
export type TEvidenceFile = z.infer<typeof ZEvidenceFile>;

/** Fields sent with an evidence upload (the file itself comes as multipart). */
export const ZEvidenceMeta = z.strictObject({
  description: zNote('材料说明', 500).optional(),
  supersedesId: zId.optional(),
});
export type TEvidenceMeta = z.infer<typeof ZEvidenceMeta>;

// Extensions (延期整改)

export const EXTENSION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const ZExtensionStatus = z.enum(EXTENSION_STATUSES, { error: '延期申请状态不在可选范围内' });
export type TExtensionStatus = z.infer<typeof ZExtensionStatus>;
export const EXTENSION_STATUS_LABELS: Record<TExtensionStatus, string> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '不予批准',
};

/** POST /api/rectification-tasks/{id}/extensions → 201 {id}. */
export const ZExtensionCreate = z.strictObject({
  reason: zText('延期理由', { max: 2000, multiline: true }),
  newDeadline: zDate('延期后的整改时限'),
});
export type TExtensionCreate = z.infer<typeof ZExtensionCreate>;

export const ZExtensionApprove = z.strictObject({ note: zNote('审批意见', 1000).optional() });
export type TExtensionApprove = z.infer<typeof ZExtensionApprove>;

export const ZExtensionReject = z.strictObject({
  reason: zText('不予批准的理由', { max: 1000, multiline: true }),
});
export type TExtensionReject = z.infer<typeof ZExtensionReject>;

export const ZExtension = z.object({
  id: z.uuid(),
  taskId: z.uuid(),
  reason: z.string(),
  oldDeadline: z.string(),
  newDeadline: z.string(),
  status: ZExtensionStatus,
  requestedBy: z.string().nullable(),
  requestedOn: z.string(),
  enteredByOffice: z.boolean(),
  decidedBy: z.string().nullable(),
  decidedOn: z.string().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number().int(),
});
export type TExtension = z.infer<typeof ZExtension>;

// ---------------------------------------------------------------------------------------------
// Warnings (预警)

export const TASK_WARNINGS = ['green', 'yellow', 'red'] as const;
export const ZTaskWarning = z.enum(TASK_WARNINGS, { error: '预警等级只能是 red、yellow 或 green' });
export type TTaskWarning = z.infer<typeof ZTaskWarning>;
export const TASK_WARNING_LABELS: Record<TTaskWarning, string> = {
  green: '绿色：正常推进',
  yellow: '黄色：临近时限',
  red: '红色：逾期或亮红牌',
};

// ---------------------------------------------------------------------------------------------
// Joint review (联合会审)

export const REVIEW_RATINGS = ['good', 'fair', 'poor'] as const;
export const ZReviewRating = z.enum(REVIEW_RATINGS, { error: '会审等次只能是好、中、差' });
export type TReviewRating = z.infer<typeof ZReviewRating>;
export const REVIEW_RATING_LABELS: Record<TReviewRating, string> = { good: '好', fair: '中', poor: '差' };

const PARTY_KEY = /^[a-z][A-Za-z0-9]{0,31}$/;
const zPartyKey = z
  .string({ error: '会审单位编码必须是文本' })
  .regex(PARTY_KEY, '会审单位编码只能是字母和数字，以小写字母开头');

export const ZReviewParty = z.strictObject({
  key: zPartyKey,
  name: zText('会审单位名称', { max: 40 }),
});
export type TReviewParty = z.infer<typeof ZReviewParty>;

/** The default joint review group of domain.md §2: 纪委监委, 组织部, 宣传部, 巡察办 and the team. */
export const DEFAULT_REVIEW_PARTIES: readonly Readonly<TReviewParty>[] = deepFreeze([
  { key: 'discipline', name: '纪委监委' },
  { key: 'organization', name: '组织部' },
  { key: 'publicity', name: '宣传部' },
  { key: 'office', name: '巡察办' },
  { key: 'team', name: '巡察组' },
]);

export const REVIEW_PARTIES_MIN = 3;
export const REVIEW_PARTIES_MAX = 5;

export const ZReviewParties = z
  .array(ZReviewParty, { error: '请设置联合会审单位' })
  .min(REVIEW_PARTIES_MIN, `联合会审单位至少${REVIEW_PARTIES_MIN}家`)
  .max(REVIEW_PARTIES_MAX, `联合会审单位最多${REVIEW_PARTIES_MAX}家`)
  .superRefine((ps, ctx) => {
    uniqueIssue(
      ps.map((p) => p.key),
      ctx,
      null,
      '会审单位编码有重复',
    );
    uniqueIssue(
      ps.map((p) => p.name),
      ctx,
      null,
      '会审单位名称有重复',
    );
  });

/** What goes through joint review. */
export const REVIEW_SUBJECTS = ['plan', 'rectificationReport', 'leaderReport', 'progressReport'] as const;
export const ZReviewSubject = z.enum(REVIEW_SUBJECTS, { error: '会审事项不在可选范围内' });
export type TReviewSubject = z.infer<typeof ZReviewSubject>;
export const REVIEW_SUBJECT_LABELS: Record<TReviewSubject, string> = {
  plan: '整改方案',
  rectificationReport: '整改报告',
  leaderReport: '主要负责人组织落实情况报告',
  progressReport: '持续整改进展报告',
};

/** Where a plan or a report stands: written, under review, sent back, passed (see submissionMove). */
export const SUBMISSION_STATUSES = ['draft', 'inReview', 'returned', 'accepted'] as const;
export const ZSubmissionStatus = z.enum(SUBMISSION_STATUSES, { error: '办理状态不在可选范围内' });
export type TSubmissionStatus = z.infer<typeof ZSubmissionStatus>;
export const SUBMISSION_STATUS_LABELS: Record<TSubmissionStatus, string> = {
  draft: '起草中',
  inReview: '联合会审中',
  returned: '退回修改',
  accepted: '会审通过',
};

/**
 * One party's rating in the current round of review. `party` is a key of the authority's review
 * parties: a reviewer rates for the party they sit for, and office staff may enter the ratings of
 * a face-to-face 会审 for each party. A 差 must say why, since it goes back to the organization.
 */
export const ZReviewRatingCreate = z
  .strictObject({
    /** Left out by a reviewer (their own party) and a 组长 (the team's); office staff name it. */
    party: zPartyKey.optional(),
    rating: ZReviewRating,
    comments: zNote('会审意见').default(''),
  })
  .superRefine((r, ctx) => {
    if (r.rating === 'poor' && codePointLength(r.comments) < 5)
      ctx.addIssue({ code: 'custom', path: ['comments'], message: '评为“差”须填写会审意见（至少5个字）' });
  });
export type TReviewRatingCreate = z.infer<typeof ZReviewRatingCreate>;

export const JOINT_REVIEW_OUTCOMES = ['pending', 'returned', 'passed'] as const;
export const ZJointReviewOutcome = z.enum(JOINT_REVIEW_OUTCOMES);
export type TJointReviewOutcome = z.infer<typeof ZJointReviewOutcome>;
export const JOINT_REVIEW_OUTCOME_LABELS: Record<TJointReviewOutcome, string> = {
  pending: '会审中',
  returned: '退回修改',
  passed: '会审通过',
};

export const ZReviewRatingRecord = z.object({
  party: z.string(),
  partyName: z.string(),
  rating: ZReviewRating,
  comments: z.string(),
  ratedBy: z.string().nullable(),
  ratedAt: z.string(),
});

/** One round of review of one subject; a send-back closes the round and the resubmission opens the next. */
export const ZJointReview = z.object({
  id: z.uuid(),
  subject: ZReviewSubject,
  subjectId: z.uuid(),
  inspectionId: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  /** 1 for the first submission, 2 after the first send-back … */
  round: z.number().int(),
  parties: z.array(z.object({ key: z.string(), name: z.string() })),
  ratings: z.array(ZReviewRatingRecord),
  outcome: ZJointReviewOutcome,
  submittedOn: z.string(),
  decidedOn: z.string().nullable(),
});
export type TJointReview = z.infer<typeof ZJointReview>;

/** A row of "my pending reviews" for one party. */
export const ZReviewQueueItem = z.object({
  reviewId: z.uuid(),
  subject: ZReviewSubject,
  subjectId: z.uuid(),
  title: z.string(),
  inspectionId: z.uuid(),
  orgName: z.string(),
  party: z.string(),
  round: z.number().int(),
  submittedOn: z.string(),
});
export const ZReviewQueue = zPage(ZReviewQueueItem);

// ---------------------------------------------------------------------------------------------
// Reports and the 专题民主生活会

export const REPORT_KINDS = ['rectificationReport', 'leaderReport', 'progressReport'] as const;
export const ZReportKind = z.enum(REPORT_KINDS, { error: '报告类别不在可选范围内' });
export type TReportKind = z.infer<typeof ZReportKind>;
export const REPORT_KIND_LABELS: Record<TReportKind, string> = {
  rectificationReport: '整改报告',
  leaderReport: '主要负责人组织落实情况报告',
  progressReport: '持续整改进展报告',
};

/** The most attachments one report carries (the create and update bodies say the same). */
export const MAX_REPORT_FILES = 20;

/**
 * A report written by the organization. `seq` numbers the progress reports (第N次) as
 * reportSchedule lists them; the two reports of 集中整改 have none.
 */
export const ZRectificationReportCreate = z
  .strictObject({
    /** The organization, when the inspection has several (the liaison's own otherwise). */
    orgId: zId.optional(),
    kind: ZReportKind,
    seq: z.number({ error: '报告期次必须是数字' }).int('报告期次必须是整数').min(1).max(100).optional(),
    title: zText('报告标题', { max: 200 }),
    content: zNote('报告正文', 50_000).default(''),
    fileIds: z.array(zId).max(MAX_REPORT_FILES, `报告附件最多${MAX_REPORT_FILES}个`).default([]),
  })
  .superRefine((r, ctx) => {
    if (r.kind === 'progressReport' && r.seq === undefined)
      ctx.addIssue({ code: 'custom', path: ['seq'], message: '请填写第几次持续整改进展报告' });
    if (r.kind !== 'progressReport' && r.seq !== undefined)
      ctx.addIssue({ code: 'custom', path: ['seq'], message: '只有持续整改进展报告才有期次' });
    if (!r.content && r.fileIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['content'], message: '请填写报告正文或上传报告文件' });
    uniqueIssue(r.fileIds, ctx, 'fileIds', '报告附件有重复');
  });
export type TRectificationReportCreate = z.infer<typeof ZRectificationReportCreate>;

/** An uploaded file of the module as lists show it (a report's attachment, or evidence). */
export const ZRectificationFile = z.object({
  id: z.uuid(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});
export type TRectificationFile = z.infer<typeof ZRectificationFile>;

export const ZRectificationReport = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  orgId: z.uuid(),
  kind: ZReportKind,
  seq: z.number().int().nullable(),
  title: z.string(),
  content: z.string(),
  fileIds: z.array(z.uuid()),
  /** The attachments named by `fileIds`, in that order (uploaded with POST /api/rectification-reports/{id}/files). */
  files: z.array(ZRectificationFile).optional(),
  status: ZSubmissionStatus,
  dueOn: z.string().nullable(),
  submittedOn: z.string().nullable(),
  enteredByOffice: z.boolean(),
  version: z.number().int(),
});
export type TRectificationReport = z.infer<typeof ZRectificationReport>;

/** 专题民主生活会 on the inspection's findings. */
export const ZDemocraticLifeMeetingCreate = z
  .strictObject({
    orgId: zId.optional(),
    heldOn: zDate('召开日期'),
    attendees: z
      .array(zName('参会人员'), { error: '请填写参会人员' })
      .min(1, '请至少填写一名参会人员')
      .max(100, '参会人员最多100人'),
    /** 批评意见 raised at the meeting, as a count. */
    criticismItems: zCount('批评意见条数', 10_000),
    /** Who attended to guide and supervise (纪委监委、组织部 督导). */
    supervisors: z.array(zName('督导人员')).max(20, '督导人员最多20人').default([]),
    notes: zNote('会议情况', 5000).optional(),
  })
  .superRefine((m, ctx) => uniqueIssue(m.attendees, ctx, 'attendees', '参会人员有重复'));
export type TDemocraticLifeMeetingCreate = z.infer<typeof ZDemocraticLifeMeetingCreate>;

export const ZDemocraticLifeMeeting = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  orgId: z.uuid(),
  heldOn: z.string(),
  attendees: z.array(z.string()),
  criticismItems: z.number().int(),
  supervisors: z.array(z.string()),
  notes: z.string().nullable(),
  version: z.number().int(),
});
export type TDemocraticLifeMeeting = z.infer<typeof ZDemocraticLifeMeeting>;

// ---------------------------------------------------------------------------------------------
// Outcomes that count (整改成效) and the 建章立制 register

/** An amount in 万元 as a decimal string with at most two decimals (see money.ts). */
export const zWan = (label: string) =>
  z.string({ error: `${label}应为文本形式的数字，单位万元，如 "123.45"` }).superRefine((s, ctx) => {
    const bad = wanProblem(s, label);
    if (bad) ctx.addIssue({ code: 'custom', message: bad });
  });

export const MONEY_KINDS = ['refunded', 'lossRecovered'] as const;
export const ZMoneyKind = z.enum(MONEY_KINDS, { error: '资金类别不在可选范围内' });
export type TMoneyKind = z.infer<typeof ZMoneyKind>;
export const MONEY_KIND_LABELS: Record<TMoneyKind, string> = { refunded: '清退清收', lossRecovered: '挽回损失' };

/** 四种形态 of 监督执纪, by which the persons held accountable are counted. */
export const ACCOUNTABILITY_FORMS = ['first', 'second', 'third', 'fourth'] as const;
export type TAccountabilityForm = (typeof ACCOUNTABILITY_FORMS)[number];
export const ACCOUNTABILITY_FORM_LABELS: Record<TAccountabilityForm, string> = {
  first: '第一种形态',
  second: '第二种形态',
  third: '第三种形态',
  fourth: '第四种形态',
};

const OUTCOME_MAX = 100_000;

/**
 * POST /api/inspections/{id}/outcomes: adds to the inspection's outcomes. The three counted figures
 * default to zero, but one of them must be non-zero. `accountableByForm`, when given, splits the
 * persons held accountable by 四种形态 and must add up to `accountable`.
 */
export const ZOutcomeAdd = z
  .strictObject({
    orgId: zId.optional(),
    moneyRecovered: zWan('挽回经济损失').default('0'),
    accountable: zCount('追责问责人数', OUTCOME_MAX).default(0),
    rulesMade: zCount('建章立制数', OUTCOME_MAX).default(0),
    moneyKind: ZMoneyKind.optional(),
    accountableByForm: z
      .strictObject({
        first: zCount('第一种形态人数', OUTCOME_MAX).default(0),
        second: zCount('第二种形态人数', OUTCOME_MAX).default(0),
        third: zCount('第三种形态人数', OUTCOME_MAX).default(0),
        fourth: zCount('第四种形态人数', OUTCOME_MAX).default(0),
      })
      .optional(),
    findingId: zId.optional(),
    taskId: zId.optional(),
    recordedOn: zDate('登记日期').optional(),
    note: zNote('成效说明', 2000).optional(),
  })
  .superRefine((o, ctx) => {
    // An invalid amount is reported on its own field; here it simply counts as zero.
    const money = wanProblem(o.moneyRecovered) === null && /[1-9]/.test(o.moneyRecovered);
    if (!money && o.accountable === 0 && o.rulesMade === 0)
      ctx.addIssue({ code: 'custom', path: ['moneyRecovered'], message: '请至少填写一项整改成效' });
    if (o.moneyKind && !money)
      ctx.addIssue({ code: 'custom', path: ['moneyKind'], message: '未填写金额，不能选择资金类别' });
    if (o.accountableByForm) {
      const f = o.accountableByForm;
      if (f.first + f.second + f.third + f.fourth !== o.accountable)
        ctx.addIssue({
          code: 'custom',
          path: ['accountableByForm'],
          message: '按“四种形态”分列的人数之和应等于追责问责人数',
        });
    }
  });
export type TOutcomeAdd = z.infer<typeof ZOutcomeAdd>;

export const ZOutcome = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  orgId: z.uuid().nullable(),
  findingId: z.uuid().nullable(),
  taskId: z.uuid().nullable(),
  moneyRecovered: z.string(),
  moneyKind: ZMoneyKind.nullable(),
  accountable: z.number().int(),
  accountableByForm: z.record(z.enum(ACCOUNTABILITY_FORMS), z.number().int()).nullable(),
  rulesMade: z.number().int(),
  recordedOn: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
});
export type TOutcome = z.infer<typeof ZOutcome>;

export const RULE_MAKING_KINDS = ['made', 'revised', 'abolished'] as const;
export const ZRuleMakingKind = z.enum(RULE_MAKING_KINDS, { error: '制度类别只能是制定、修订或废止' });
export type TRuleMakingKind = z.infer<typeof ZRuleMakingKind>;
export const RULE_MAKING_KIND_LABELS: Record<TRuleMakingKind, string> = {
  made: '制定',
  revised: '修订',
  abolished: '废止',
};

/** An entry of the 建章立制 register: a rule made, revised or abolished because of findings. */
export const ZRuleMakingCreate = z
  .strictObject({
    title: zText('制度名称', { max: 200 }),
    kind: ZRuleMakingKind,
    issuedOn: zDate('印发日期'),
    issuingBody: zText('制发单位', { max: 100 }),
    /** 文号, e.g. 赣市教党字〔2020〕12号, where the rule was issued as a document. */
    documentNumber: zText('文号', { max: 60 }).optional(),
    findingIds: z
      .array(zId, { error: '请关联巡察发现的问题' })
      .min(1, '请至少关联一个巡察发现的问题')
      .max(200, '关联问题最多200个'),
  })
  .superRefine((r, ctx) => uniqueIssue(r.findingIds, ctx, 'findingIds', '关联问题有重复'));
export type TRuleMakingCreate = z.infer<typeof ZRuleMakingCreate>;

export const ZRuleMaking = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  orgId: z.uuid(),
  title: z.string(),
  kind: ZRuleMakingKind,
  issuedOn: z.string(),
  issuingBody: z.string(),
  documentNumber: z.string().nullable(),
  findingIds: z.array(z.uuid()),
  version: z.number().int(),
});
export type TRuleMaking = z.infer<typeof ZRuleMaking>;

/**
 * GET /api/inspections/{id}/rectification-summary and /api/terms/{id}/rectification-summary
 * (rectificationSummary computes it): `rate` = rectified ÷ findings to 4 decimals, `moneyRecovered`
 * in 万元 with two decimals, `extensions` the approved extensions.
 */
export const ZRectificationSummary = z.object({
  findings: z.number().int(),
  rectified: z.number().int(),
  ongoing: z.number().int(),
  undone: z.number().int(),
  rate: z.number(),
  extensions: z.number().int(),
  moneyRecovered: z.string(),
  accountable: z.number().int(),
  rulesMade: z.number().int(),
});
export type TRectificationSummary = z.infer<typeof ZRectificationSummary>;

// ---------------------------------------------------------------------------------------------
// Evaluation (整改评估)

export const EVALUATION_GRADES = ['good', 'fairlyGood', 'average', 'poor'] as const;
export const ZEvaluationGrade = z.enum(EVALUATION_GRADES, { error: '评估等次不在可选范围内' });
export type TEvaluationGrade = z.infer<typeof ZEvaluationGrade>;
export const EVALUATION_GRADE_LABELS: Record<TEvaluationGrade, string> = {
  good: '好',
  fairlyGood: '较好',
  average: '一般',
  poor: '差',
};

/** Who scores: the office, the team that inspected, and society (代表、委员、群众代表 at a 评议). */
export const EVALUATION_RATERS = ['office', 'team', 'society'] as const;
export const ZEvaluationRater = z.enum(EVALUATION_RATERS, { error: '评估主体不在可选范围内' });
export type TEvaluationRater = z.infer<typeof ZEvaluationRater>;
export const EVALUATION_RATER_LABELS: Record<TEvaluationRater, string> = {
  office: '巡察办',
  team: '巡察组',
  society: '社会评价',
};

/** Points with at most one decimal (扣0.5分): the scoring counts in tenths of a point, exactly. */
const zPoints = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}必须是数字` })
    .min(min, `${label}不能小于${min}`)
    .max(max, `${label}不能超过${max}`)
    .refine((n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, { message: `${label}最多保留一位小数` });

const ITEM_KEY = /^[a-z][A-Za-z0-9]{0,31}$/;

/**
 * One item of the scorecard. A 'manual' item is deducted by each rater; the 'satisfaction' item is
 * deducted from the public survey's satisfaction rate, the same for every rater: nothing at or
 * above `fullMarksFrom` percent, `perPoint` for each percentage point below it, at most
 * `maxDeduction` (the usual 满意率低于90%的，每低1个百分点扣1分).
 */
export const ZScorecardItem = z
  .strictObject({
    key: z.string({ error: '评分项编码必须是文本' }).regex(ITEM_KEY, '评分项编码只能是字母和数字，以小写字母开头'),
    name: zText('评分项名称', { max: 40 }),
    maxDeduction: zPoints('最高扣分', 0.1, 100),
    source: z.enum(['manual', 'satisfaction'], { error: '评分方式不在可选范围内' }).default('manual'),
    fullMarksFrom: zPoints('满意率不扣分线（%）', 0, 100).optional(),
    perPoint: zPoints('每低1个百分点扣分', 0.1, 100).optional(),
  })
  .superRefine((i, ctx) => {
    if (i.source === 'satisfaction' && (i.fullMarksFrom === undefined || i.perPoint === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['fullMarksFrom'],
        message: `“${i.name}”须设置满意率不扣分线和每低1个百分点扣分`,
      });
    if (i.source === 'manual' && (i.fullMarksFrom !== undefined || i.perPoint !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['fullMarksFrom'],
        message: `“${i.name}”由评估主体扣分，不设满意率扣分规则`,
      });
  });
export type TScorecardItem = z.infer<typeof ZScorecardItem>;

export const ZScorecard = z
  .strictObject({
    items: z.array(ZScorecardItem, { error: '请设置评分项' }).min(1, '请至少设置一个评分项').max(20, '评分项最多20个'),
    /** Lowest score of each grade; below `average` is 差. */
    thresholds: z.strictObject({
      good: zPoints('“好”的最低分', 0, 100),
      fairlyGood: zPoints('“较好”的最低分', 0, 100),
      average: zPoints('“一般”的最低分', 0, 100),
    }),
    /** Weights in percent, adding up to 100; a rater weighted 0 does not score. */
    weights: z.strictObject({
      office: zCount('巡察办评价权重', 100),
      team: zCount('巡察组评价权重', 100),
      society: zCount('社会评价权重', 100),
    }),
  })
  .superRefine((s, ctx) => {
    uniqueIssue(
      s.items.map((i) => i.key),
      ctx,
      'items',
      '评分项编码有重复',
    );
    uniqueIssue(
      s.items.map((i) => i.name),
      ctx,
      'items',
      '评分项名称有重复',
    );
    if (s.items.filter((i) => i.source === 'satisfaction').length > 1)
      ctx.addIssue({ code: 'custom', path: ['items'], message: '只能设置一个群众满意度评分项' });
    const max = s.items.reduce((n, i) => n + Math.round(i.maxDeduction * 10), 0);
    if (max > 1000) ctx.addIssue({ code: 'custom', path: ['items'], message: '各评分项最高扣分之和不能超过100分' });
    const t = s.thresholds;
    if (!(t.good > t.fairlyGood && t.fairlyGood > t.average))
      ctx.addIssue({ code: 'custom', path: ['thresholds'], message: '等次分数线应为“好”＞“较好”＞“一般”' });
    const w = s.weights;
    if (w.office + w.team + w.society !== 100)
      ctx.addIssue({ code: 'custom', path: ['weights'], message: '各评估主体权重之和应为100' });
  });
export type TScorecard = z.infer<typeof ZScorecard>;

/** A scorecard as the server answers it (response schemas carry no input transforms). */
export const ZScorecardOut = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      maxDeduction: z.number(),
      source: z.enum(['manual', 'satisfaction']),
      fullMarksFrom: z.number().optional(),
      perPoint: z.number().optional(),
    }),
  ),
  thresholds: z.object({ good: z.number(), fairlyGood: z.number(), average: z.number() }),
  weights: z.object({ office: z.number().int(), team: z.number().int(), society: z.number().int() }),
});

/** Deductions from 100 over the usual items; grades ≥ 90 好, ≥ 80 较好, ≥ 60 一般, below 差. */
export const DEFAULT_SCORECARD: Readonly<TScorecard> = deepFreeze({
  items: [
    { key: 'planQuality', name: '整改方案质量', maxDeduction: 15, source: 'manual' },
    { key: 'taskCompletion', name: '整改任务完成', maxDeduction: 35, source: 'manual' },
    { key: 'evidence', name: '佐证材料', maxDeduction: 10, source: 'manual' },
    { key: 'reportsOnTime', name: '报告按时报送', maxDeduction: 10, source: 'manual' },
    { key: 'mechanisms', name: '建章立制', maxDeduction: 10, source: 'manual' },
    {
      key: 'satisfaction',
      name: '群众满意度',
      maxDeduction: 20,
      source: 'satisfaction',
      fullMarksFrom: 90,
      perPoint: 1,
    },
  ],
  thresholds: { good: 90, fairlyGood: 80, average: 60 },
  weights: { office: 50, team: 30, society: 20 },
} satisfies TScorecard);

/** One rater's deductions, by item key; items left out deduct nothing. */
export const ZEvaluationDeductions = z
  .strictObject({
    orgId: zId.optional(),
    rater: ZEvaluationRater,
    deductions: z.record(z.string().regex(ITEM_KEY, '评分项编码不正确'), zPoints('扣分', 0, 100), {
      error: '请按评分项填写扣分',
    }),
    comments: zNote('评估意见', 2000).optional(),
  })
  .superRefine((d, ctx) => {
    if (Object.keys(d.deductions).length > 20)
      ctx.addIssue({ code: 'custom', path: ['deductions'], message: '评分项最多20个' });
  });
export type TEvaluationDeductions = z.infer<typeof ZEvaluationDeductions>;

/** Concludes the evaluation; a veto (一票否决: e.g. 虚假整改) makes the grade 差 whatever the score. */
export const ZEvaluationConclude = z.strictObject({
  orgId: zId.optional(),
  version: z.number().int(),
  evaluatedOn: zDate('评估日期'),
  veto: zText('一票否决事由', { max: 500, multiline: true }).nullable().default(null),
});
export type TEvaluationConclude = z.infer<typeof ZEvaluationConclude>;

export const ZEvaluation = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  scorecard: ZScorecardOut,
  byRater: z.array(
    z.object({
      rater: ZEvaluationRater,
      weight: z.number().int(),
      deductions: z.record(z.string(), z.number()),
      score: z.number().nullable(),
      comments: z.string().nullable(),
      ratedBy: z.string().nullable(),
    }),
  ),
  /** The 整改满意度测评 of the organization, once created through the survey engine. */
  survey: z
    .object({
      id: z.uuid(),
      title: z.string(),
      status: z.string(),
      openCode: z.string(),
      openUrl: z.string(),
      answers: z.number().int(),
      satisfied: z.number().int(),
      valid: z.number().int(),
    })
    .nullable(),
  satisfactionRate: z.number().nullable(),
  satisfactionDeduction: z.number().nullable(),
  score: z.number().nullable(),
  grade: ZEvaluationGrade.nullable(),
  veto: z.string().nullable(),
  dueOn: z.string().nullable(),
  evaluatedOn: z.string().nullable(),
  /** What still keeps the evaluation from being concluded (empty once it can be, or was). */
  problems: z.array(z.string()),
  version: z.number().int(),
});
export type TEvaluation = z.infer<typeof ZEvaluation>;

// ---------------------------------------------------------------------------------------------
// Publication (双公开)

/**
 * The two versions of 双公开. Called `edition` in bodies and records, since `version` is the
 * optimistic lock of every editable record.
 */
export const PUBLICATION_VERSIONS = ['internal', 'public'] as const;
export const ZPublicationVersion = z.enum(PUBLICATION_VERSIONS, { error: '公开版本只能是党内通报或社会公开' });
export type TPublicationVersion = z.infer<typeof ZPublicationVersion>;
export const PUBLICATION_VERSION_LABELS: Record<TPublicationVersion, string> = {
  internal: '党内通报',
  public: '社会公开',
};

/** The five reasons an item may be kept out of the public version (domain.md §5 Publication). */
export const WITHHOLD_REASONS = [
  'stateSecret',
  'caseUnderReview',
  'hypeRisk',
  'massIncidentRisk',
  'majorSensitive',
] as const;
export const ZWithholdReason = z.enum(WITHHOLD_REASONS, { error: '不予公开的理由不在法定的五种情形之内' });
export type TWithholdReason = z.infer<typeof ZWithholdReason>;
export const WITHHOLD_REASON_LABELS: Record<TWithholdReason, string> = {
  stateSecret: '涉及国家秘密',
  caseUnderReview: '正在初核或立案尚未公开的案件',
  hypeRisk: '可能引起炒作',
  massIncidentRisk: '可能引发群体性事件',
  majorSensitive: '重大敏感事项',
};

export const PUBLICATION_BATCH_STATUSES = ['draft', 'published'] as const;
export const ZPublicationBatchStatus = z.enum(PUBLICATION_BATCH_STATUSES);
export type TPublicationBatchStatus = z.infer<typeof ZPublicationBatchStatus>;
export const PUBLICATION_BATCH_STATUS_LABELS: Record<TPublicationBatchStatus, string> = {
  draft: '拟公开',
  published: '已公开',
};

/** 第3批 */
export const batchName = (n: number) => `第${n}批`;

/** Withholding or releasing one item of the public version. */
export const ZPublicationItemUpdate = z
  .strictObject({
    withheld: z.boolean({ error: '请选择是否公开' }),
    withholdReason: ZWithholdReason.nullable().optional(),
    withholdNote: zNote('不予公开的说明', 500).optional(),
  })
  .superRefine((u, ctx) => {
    if (u.withheld && !u.withholdReason)
      ctx.addIssue({ code: 'custom', path: ['withholdReason'], message: '不予公开须选择法定的不予公开情形' });
    if (!u.withheld && u.withholdReason)
      ctx.addIssue({ code: 'custom', path: ['withholdReason'], message: '公开的内容不填写不予公开的理由' });
  });
export type TPublicationItemUpdate = z.infer<typeof ZPublicationItemUpdate>;

/** A new batch over evaluated inspections; `number` is the next one when left out. */
export const ZPublicationBatchCreate = z
  .strictObject({
    number: z.number({ error: '批次必须是数字' }).int('批次必须是整数').min(1, '批次至少为1').max(999).optional(),
    title: zText('批次标题', { max: 200 }).optional(),
    inspectionIds: z
      .array(zId, { error: '请选择要公开的巡察' })
      .min(1, '请至少选择一个巡察')
      .max(200, '一批最多200个巡察'),
  })
  .superRefine((b, ctx) => uniqueIssue(b.inspectionIds, ctx, 'inspectionIds', '巡察有重复'));
export type TPublicationBatchCreate = z.infer<typeof ZPublicationBatchCreate>;

/** 延后公示 of one organization, or the office's own deferral of one not graded 差. */
export const ZDeferral = z.strictObject({
  orgId: zId,
  reason: zText('延后公示原因', { min: 5, max: 500, multiline: true }),
});
export type TDeferral = z.infer<typeof ZDeferral>;

/** Approval of one version of a batch (the public version is approved separately, domain.md §5). */
export const ZPublicationApprove = z.strictObject({
  version: z.number().int(),
  edition: ZPublicationVersion,
});
export type TPublicationApprove = z.infer<typeof ZPublicationApprove>;

export const ZPublicationItem = z.object({
  id: z.uuid(),
  findingId: z.uuid().nullable(),
  text: z.string(),
  withheld: z.boolean(),
  withholdReason: ZWithholdReason.nullable(),
  withholdNote: z.string().nullable(),
});
export type TPublicationItem = z.infer<typeof ZPublicationItem>;

export const ZPublicationEntry = z.object({
  inspectionId: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  grade: ZEvaluationGrade.nullable(),
  deferred: z.boolean(),
  deferReason: z.string().nullable(),
  /** The batch in which a deferred organization was first due, when it was carried over. */
  deferredFromBatch: z.number().int().nullable(),
  items: z.array(ZPublicationItem),
});
export type TPublicationEntry = z.infer<typeof ZPublicationEntry>;

export const ZPublicationBatch = z.object({
  id: z.uuid(),
  authorityId: z.uuid(),
  number: z.number().int(),
  name: z.string(),
  title: z.string().nullable(),
  status: ZPublicationBatchStatus,
  internalApprovedOn: z.string().nullable(),
  publicApprovedOn: z.string().nullable(),
  publishedOn: z.string().nullable(),
  entries: z.array(ZPublicationEntry),
  version: z.number().int(),
});
export type TPublicationBatch = z.infer<typeof ZPublicationBatch>;

/** What the public notice page under /p/ shows of a published batch: public items only. */
export const ZPublicNotice = z.object({
  authorityName: z.string(),
  batchName: z.string(),
  title: z.string().nullable(),
  publishedOn: z.string(),
  entries: z.array(
    z.object({
      orgName: z.string(),
      findings: z.number().int(),
      rectified: z.number().int(),
      items: z.array(z.string()),
    }),
  ),
});
export type TPublicNotice = z.infer<typeof ZPublicNotice>;

// ---------------------------------------------------------------------------------------------
// 回头看 recheck

export const RECHECK_RESULTS = ['adequate', 'inadequate'] as const;
export const ZRecheckResult = z.enum(RECHECK_RESULTS, { error: '核查结论只能是整改到位或整改不到位' });
export type TRecheckResult = z.infer<typeof ZRecheckResult>;
export const RECHECK_RESULT_LABELS: Record<TRecheckResult, string> = { adequate: '到位', inadequate: '不到位' };

/** The team's recheck of one finding of the earlier inspection. */
export const ZRecheckCreate = z
  .strictObject({
    originalFindingId: zId,
    result: ZRecheckResult,
    facts: zText('核查情况', { max: 20_000, multiline: true }),
    checkedOn: zDate('核查日期'),
  })
  .superRefine((r, ctx) => {
    if (r.result === 'inadequate' && codePointLength(r.facts) < 10)
      ctx.addIssue({ code: 'custom', path: ['facts'], message: '整改不到位须写明核查发现的事实（至少10个字）' });
  });
export type TRecheckCreate = z.infer<typeof ZRecheckCreate>;

export const ZRecheck = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  originalFindingId: z.uuid(),
  originalFindingTitle: z.string(),
  result: ZRecheckResult,
  facts: z.string(),
  checkedOn: z.string(),
  /** The finding of the look-back an inadequate recheck became. */
  newFindingId: z.uuid().nullable(),
  version: z.number().int(),
});
export type TRecheck = z.infer<typeof ZRecheck>;

// ---------------------------------------------------------------------------------------------
// Settings per authority

/**
 * The rectification settings of an authority. The three deadlines counted from feedback (plan
 * due, 集中整改 reports due, evaluation due) are NOT here: they are planning's ZDeadlineSettings
 * keys planAfterFeedback, rectificationReportAfterFeedback and evaluationAfterConcentratedEnd,
 * which the inspection detail already shows, and one rule must live in one place. The rules of
 * this module take both objects (see rectificationDeadlines).
 */
export const DEFAULT_RECTIFICATION_SETTINGS = deepFreeze({
  /** Yellow when the deadline is within this many working days. */
  warningWorkingDays: 5,
  /** 持续整改 progress reports every this many months after 集中整改 ends. */
  progressReportIntervalMonths: 6,
  /** An extension is asked for before the deadline passes (确需延期的，应在期限届满前申请). */
  extensionBeforeDeadline: true,
  /** 原则上只能延期一次. */
  maxExtensionsPerTask: 1,
  /**
   * Whether 销号 needs at least one evidence file. Off by default: the contract lets the office
   * write off any `done` task, the note of the report being its written account; offices that
   * require files turn this on.
   */
  evidenceFileRequired: false,
  /** Evaluation grades whose organizations are deferred (延后公示); 差 by default. */
  deferGrades: ['poor'] as readonly TEvaluationGrade[],
  reviewParties: DEFAULT_REVIEW_PARTIES,
  scorecard: DEFAULT_SCORECARD,
});

export const RECTIFICATION_SETTING_LABELS: Record<keyof typeof DEFAULT_RECTIFICATION_SETTINGS, string> = {
  warningWorkingDays: '临期预警（工作日）',
  progressReportIntervalMonths: '持续整改进展报告间隔（月）',
  extensionBeforeDeadline: '须在整改时限届满前申请延期',
  maxExtensionsPerTask: '每项任务最多延期次数',
  evidenceFileRequired: '销号须上传佐证材料',
  deferGrades: '延后公示的评估等次',
  reviewParties: '联合会审单位',
  scorecard: '整改评估评分表',
};

const copy = <T>(v: T): T => structuredClone(v) as T;

/** A missing key takes its default, so settings saved before a key existed still parse. */
export const ZRectificationSettings = z.strictObject({
  warningWorkingDays: z
    .number({ error: '临期预警天数必须是数字' })
    .int('临期预警天数必须是整数')
    .min(0, '临期预警天数不能为负数')
    .max(60, '临期预警天数不能超过60个工作日')
    .default(DEFAULT_RECTIFICATION_SETTINGS.warningWorkingDays),
  progressReportIntervalMonths: z
    .number({ error: '进展报告间隔必须是数字' })
    .int('进展报告间隔必须是整数')
    .min(1, '进展报告间隔至少1个月')
    .max(24, '进展报告间隔不能超过24个月')
    .default(DEFAULT_RECTIFICATION_SETTINGS.progressReportIntervalMonths),
  extensionBeforeDeadline: z.boolean().default(DEFAULT_RECTIFICATION_SETTINGS.extensionBeforeDeadline),
  maxExtensionsPerTask: z
    .number({ error: '延期次数必须是数字' })
    .int('延期次数必须是整数')
    .min(1, '延期次数至少为1')
    .max(5, '延期次数不能超过5')
    .default(DEFAULT_RECTIFICATION_SETTINGS.maxExtensionsPerTask),
  evidenceFileRequired: z.boolean().default(DEFAULT_RECTIFICATION_SETTINGS.evidenceFileRequired),
  deferGrades: z
    .array(ZEvaluationGrade)
    .max(4)
    .superRefine((gs, ctx) => uniqueIssue(gs, ctx, null, '评估等次有重复'))
    .default(() => [...DEFAULT_RECTIFICATION_SETTINGS.deferGrades]),
  reviewParties: ZReviewParties.default(() => copy([...DEFAULT_REVIEW_PARTIES])),
  scorecard: ZScorecard.default(() => copy(DEFAULT_SCORECARD)),
});
export type TRectificationSettings = z.infer<typeof ZRectificationSettings>;

/** Settings as the server answers them. */
export const ZRectificationSettingsOut = z.object({
  warningWorkingDays: z.number().int(),
  progressReportIntervalMonths: z.number().int(),
  extensionBeforeDeadline: z.boolean(),
  maxExtensionsPerTask: z.number().int(),
  evidenceFileRequired: z.boolean(),
  deferGrades: z.array(ZEvaluationGrade),
  reviewParties: z.array(z.object({ key: z.string(), name: z.string() })),
  scorecard: ZScorecardOut,
});

export const ZRectificationSettingsResponse = z.object({
  authorityId: z.uuid(),
  settings: ZRectificationSettingsOut,
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export const ZRectificationSettingsUpdate = z.strictObject({
  version: z.number().int(),
  settings: ZRectificationSettings,
});

// ---------------------------------------------------------------------------------------------
// The ledger (整改台账): list query and items

const zFlag = (label: string) => z.enum(['true', 'false'], { error: `${label}只能是 true 或 false` });

/** GET /api/rectification-tasks. */
export const ZTaskListQuery = z.strictObject({
  authorityId: zId.optional(),
  termId: zId.optional(),
  roundId: zId.optional(),
  inspectionId: zId.optional(),
  orgId: zId.optional(),
  findingId: zId.optional(),
  warning: ZTaskWarning.optional(),
  status: ZLedgerStatus.optional(),
  kind: ZTaskKind.optional(),
  /** Only tasks carrying a red card (the office's 红牌 list). */
  redCard: zFlag('redCard').optional(),
  /** Only tasks with an extension waiting for approval. */
  pendingExtension: zFlag('pendingExtension').optional(),
  /** Only tasks past their deadline and not done (逾期), red cards aside. */
  overdue: zFlag('overdue').optional(),
  limit: z.coerce
    .number({ error: '每页条数必须是数字' })
    .int('每页条数必须是整数')
    .min(1, '每页至少1条')
    .max(200, '每页最多200条')
    .default(20),
  cursor: zCursor,
});
export type TTaskListQuery = z.infer<typeof ZTaskListQuery>;

export const ZTaskListItem = z.object({
  id: z.uuid(),
  findingId: z.uuid(),
  findingTitle: z.string(),
  inspectionId: z.uuid(),
  termId: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  kind: ZTaskKind,
  measures: z.string(),
  goal: z.string().nullable(),
  responsibleLeader: z.string(),
  responsibleDept: z.string(),
  responsiblePerson: z.string().nullable(),
  assignedOn: z.string(),
  /** The deadline in force, after approved extensions; `originalDeadline` is the plan's. */
  deadline: z.string(),
  originalDeadline: z.string(),
  status: ZTaskStatus,
  ledgerStatus: ZLedgerStatus,
  writtenOff: z.boolean(),
  writtenOffOn: z.string().nullable(),
  redCard: z.object({ reason: z.string(), on: z.string() }).nullable(),
  redCardCount: z.number().int(),
  /** Approved extensions. */
  extensionCount: z.number().int(),
  pendingExtension: z.boolean(),
  evidenceCount: z.number().int(),
  /** null once written off. */
  warning: ZTaskWarning.nullable(),
  /** Working days from today to the deadline (negative when overdue), null once written off. */
  workingDaysLeft: z.number().int().nullable(),
  enteredByOffice: z.boolean(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type TTaskListItem = z.infer<typeof ZTaskListItem>;

export const ZTaskList = zPage(ZTaskListItem);

export const ZTaskDetail = ZTaskListItem.extend({
  events: z.array(ZTaskEvent),
  evidence: z.array(ZEvidenceFile),
  extensions: z.array(ZExtension),
});
export type TTaskDetail = z.infer<typeof ZTaskDetail>;

/** The columns of the ledger export (.xlsx), in the order offices' 整改台账 use. */
export const LEDGER_COLUMNS = [
  { key: 'seq', header: '序号', width: 6 },
  { key: 'orgName', header: '被巡察党组织', width: 24 },
  { key: 'findingTitle', header: '反馈问题', width: 40 },
  { key: 'measures', header: '整改措施', width: 48 },
  { key: 'goal', header: '整改目标', width: 30 },
  { key: 'kind', header: '整改类型', width: 10 },
  { key: 'responsibleLeader', header: '责任领导', width: 10 },
  { key: 'responsibleDept', header: '责任部门', width: 16 },
  { key: 'responsiblePerson', header: '责任人', width: 10 },
  { key: 'deadline', header: '整改时限', width: 12 },
  { key: 'status', header: '完成情况', width: 16 },
  { key: 'warning', header: '预警', width: 8 },
  { key: 'extensions', header: '延期情况', width: 16 },
  { key: 'writtenOffOn', header: '销号日期', width: 12 },
  { key: 'note', header: '备注', width: 24 },
] as const;

// ---------------------------------------------------------------------------------------------
// Reminders (in-app digest)

export const REMINDER_KINDS = ['overdue', 'dueIn1', 'dueIn7', 'assigned'] as const;
export const ZReminderKind = z.enum(REMINDER_KINDS);
export type TReminderKind = z.infer<typeof ZReminderKind>;
export const REMINDER_KIND_LABELS: Record<TReminderKind, string> = {
  overdue: '已逾期',
  dueIn1: '明日到期',
  dueIn7: '7日内到期',
  assigned: '新交办',
};

export const ZReminderDigest = z.object({
  date: z.string(),
  groups: z.array(
    z.object({
      orgId: z.uuid(),
      orgName: z.string(),
      counts: z.record(ZReminderKind, z.number().int()),
      people: z.array(
        z.object({
          responsibleLeader: z.string(),
          responsibleDept: z.string(),
          items: z.array(
            z.object({
              taskId: z.uuid(),
              kind: ZReminderKind,
              deadline: z.string(),
              measures: z.string(),
            }),
          ),
        }),
      ),
    }),
  ),
});
export type TReminderDigestResponse = z.infer<typeof ZReminderDigest>;

// ---------------------------------------------------------------------------------------------
// The HTTP surface: the queries and answers of the routes that the sections above do not cover

/** `?orgId=`: the organization, when an inspection has several targets (the caller's own otherwise). */
export const ZRectificationOrgQuery = z.strictObject({ orgId: zId.optional() });

export const ZFeedbackList = z.object({ items: z.array(ZFeedback) });

/** Where a finding of the problem list stands (summary.ts findingRectification). */
export const ZFindingRectification = z.enum(['rectified', 'ongoing', 'undone']);

/**
 * 问题清单 as handed over at the 反馈会: each finding's title and facts as the organization receives
 * them (no working papers, clues, interviews or who reported what), and the 交办事项 carried along.
 */
export const ZProblemList = z.object({
  inspectionId: z.uuid(),
  inspectionLabel: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  feedbackId: z.uuid(),
  handedOverOn: z.string(),
  findings: z.array(z.object({ id: z.uuid(), seq: z.number().int(), title: z.string(), facts: z.string() })),
  assignedMatters: z.array(
    z.object({ id: z.uuid(), what: z.string(), assignee: z.string(), dueDate: z.string(), status: z.string() }),
  ),
});
export type TProblemList = z.infer<typeof ZProblemList>;

/** One finding of the plan (问题清单) with its tasks (任务清单, 责任清单). */
export const ZPlanFinding = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  title: z.string(),
  facts: z.string(),
  rectification: ZFindingRectification,
  tasks: z.array(ZTaskListItem),
});

/** A deadline of the plan or a report with its colour (planning deadlines: done once met). */
export const ZDueColour = z.enum(['green', 'yellow', 'red', 'done']);

/** GET /api/inspections/{id}/rectification-plan: one organization's 整改方案 and its reviews. */
export const ZRectificationPlan = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  inspectionLabel: z.string(),
  stage: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  status: ZSubmissionStatus,
  feedbackDate: z.string(),
  /** 整改方案 due (default 15 working days after the feedback) and the end of 集中整改. */
  planDue: z.string(),
  planColour: ZDueColour,
  concentratedEnd: z.string(),
  submittedOn: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  /** The number of the latest round of joint review (0 before the first submission). */
  reviewRound: z.number().int(),
  /** The comments of the last send-back, as the organization reads them. */
  returnedComments: z.string().nullable(),
  /** Whether the caller may add, change and delete tasks now. */
  editable: z.boolean(),
  findings: z.array(ZPlanFinding),
  assignedMatters: ZProblemList.shape.assignedMatters,
  reviews: z.array(ZJointReview),
  version: z.number().int(),
});
export type TRectificationPlan = z.infer<typeof ZRectificationPlan>;

/** Sends the plan (or a returned plan, revised) to joint review. */
export const ZPlanSubmit = z.strictObject({ orgId: zId.optional(), version: z.number().int() });

/** DELETE of a task carries the version it deletes. */
export const ZTaskDeleteQuery = z.strictObject({
  version: z.coerce.number({ error: '版本号必须是数字' }).int('版本号必须是整数').min(0, '版本号不能为负数'),
});

/** GET /api/rectification-tasks.xlsx: the ledger's filters without paging. */
export const ZTaskExportQuery = ZTaskListQuery.omit({ limit: true, cursor: true });

// Extensions

export const ZExtensionListQuery = z.strictObject({
  status: ZExtensionStatus.optional(),
  inspectionId: zId.optional(),
  termId: zId.optional(),
  orgId: zId.optional(),
  limit: ZTaskListQuery.shape.limit,
  cursor: zCursor,
});
export type TExtensionListQuery = z.infer<typeof ZExtensionListQuery>;

export const ZExtensionListItem = ZExtension.extend({
  inspectionId: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  findingTitle: z.string(),
  measures: z.string(),
  /** Approved extensions of the task before this one. */
  approvedBefore: z.number().int(),
});
export const ZExtensionList = zPage(ZExtensionListItem);

// Joint review

export const ZReviewQueueQuery = z.strictObject({
  /** A party the caller rates for; all of the caller's parties when left out. */
  party: zPartyKey.optional(),
  limit: ZTaskListQuery.shape.limit,
  cursor: zCursor,
});

export const ZJointReviewListQuery = z.strictObject({
  inspectionId: zId.optional(),
  subject: ZReviewSubject.optional(),
  outcome: ZJointReviewOutcome.optional(),
  limit: ZTaskListQuery.shape.limit,
  cursor: zCursor,
});
export const ZJointReviewList = zPage(ZJointReview);

/** A review with what is reviewed: the plan's findings and tasks, or the report's text and files. */
export const ZJointReviewDetail = ZJointReview.extend({
  inspectionLabel: z.string(),
  title: z.string(),
  /** The parties the caller may rate for in this round (empty once decided or already rated). */
  canRate: z.array(z.string()),
  plan: z.object({ findings: z.array(ZPlanFinding) }).nullable(),
  report: z
    .object({
      kind: ZReportKind,
      seq: z.number().int().nullable(),
      title: z.string(),
      content: z.string(),
      files: z.array(z.object({ id: z.uuid(), name: z.string(), size: z.number().int(), mime: z.string() })),
    })
    .nullable(),
});
export type TJointReviewDetail = z.infer<typeof ZJointReviewDetail>;

/** Who sits for which party of an authority's joint review group (a reviewer account belongs to one party). */
export const ZReviewPartyRoster = z.object({
  authorityId: z.uuid(),
  parties: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      members: z.array(z.object({ userId: z.uuid(), displayName: z.string(), username: z.string() })),
    }),
  ),
  /** Reviewer accounts of the authority, with the party each sits for (null: none yet). */
  candidates: z.array(
    z.object({ userId: z.uuid(), displayName: z.string(), username: z.string(), party: z.string().nullable() }),
  ),
});

/** Puts a reviewer account in a party, or (party null) takes it out. */
export const ZReviewPartyMemberSet = z.strictObject({
  userId: zId,
  party: zPartyKey.nullable(),
});

// Reports, files, meetings

export const ZScheduledReport = z.object({
  kind: ZReportKind,
  seq: z.number().int().nullable(),
  title: z.string(),
  dueOn: z.string(),
  submittedOn: z.string().nullable(),
  late: z.boolean(),
  colour: ZDueColour,
});

export const ZRectificationReportList = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  items: z.array(ZRectificationReport),
  /** The reports owed, due dates and colours (reports.ts reportSchedule). */
  schedule: z.array(ZScheduledReport),
});

/** Revising a report that was sent back. */
export const ZRectificationReportUpdate = z
  .strictObject({
    version: z.number().int(),
    title: zText('报告标题', { max: 200 }).optional(),
    content: zNote('报告正文', 50_000).optional(),
    fileIds: z.array(zId).max(MAX_REPORT_FILES, `报告附件最多${MAX_REPORT_FILES}个`).optional(),
  })
  .superRefine((r, ctx) => uniqueIssue(r.fileIds, ctx, 'fileIds', '报告附件有重复'));
export type TRectificationReportUpdate = z.infer<typeof ZRectificationReportUpdate>;

export const ZReportSubmit = z.strictObject({ version: z.number().int() });

export const ZDemocraticLifeMeetingList = z.object({ items: z.array(ZDemocraticLifeMeeting) });

// Outcomes and the register

export const ZOutcomeList = z.object({
  items: z.array(ZOutcome),
  summary: ZRectificationSummary,
});

export const ZRuleMakingUpdate = z
  .strictObject({
    version: z.number().int(),
    title: ZRuleMakingCreate.shape.title.optional(),
    kind: ZRuleMakingKind.optional(),
    issuedOn: zDate('印发日期').optional(),
    issuingBody: zText('制发单位', { max: 100 }).optional(),
    documentNumber: zText('文号', { max: 60 }).nullable().optional(),
    findingIds: z.array(zId).min(1, '请至少关联一个巡察发现的问题').max(200, '关联问题最多200个').optional(),
  })
  .superRefine((r, ctx) => uniqueIssue(r.findingIds, ctx, 'findingIds', '关联问题有重复'));
export type TRuleMakingUpdate = z.infer<typeof ZRuleMakingUpdate>;

export const ZRuleMakingListQuery = z.strictObject({
  termId: zId.optional(),
  inspectionId: zId.optional(),
  orgId: zId.optional(),
  kind: ZRuleMakingKind.optional(),
  limit: ZTaskListQuery.shape.limit,
  cursor: zCursor,
});
export type TRuleMakingListQuery = z.infer<typeof ZRuleMakingListQuery>;

export const ZRuleMakingListItem = ZRuleMaking.extend({ orgName: z.string(), findingTitles: z.array(z.string()) });
export const ZRuleMakingList = zPage(ZRuleMakingListItem);

/** GET /api/rounds/{id}/rectification-stats: rates and warnings of a round, per inspected organization, for the charts. */
export const ZRoundRectificationStats = z.object({
  roundId: z.uuid(),
  roundName: z.string(),
  summary: ZRectificationSummary,
  warnings: z.object({ red: z.number().int(), yellow: z.number().int(), green: z.number().int() }),
  items: z.array(
    z.object({
      inspectionId: z.uuid(),
      orgId: z.uuid(),
      orgName: z.string(),
      findings: z.number().int(),
      rectified: z.number().int(),
      rate: z.number(),
      tasks: z.number().int(),
      writtenOff: z.number().int(),
      warnings: z.object({ red: z.number().int(), yellow: z.number().int(), green: z.number().int() }),
      grade: ZEvaluationGrade.nullable(),
    }),
  ),
});
export type TRoundRectificationStats = z.infer<typeof ZRoundRectificationStats>;

// Evaluation

export const ZEvaluationList = z.object({ items: z.array(ZEvaluation) });

/** Creates the 整改满意度测评 (from the survey engine's template) for one organization, or each one without. */
export const ZSatisfactionSurveyCreate = z.strictObject({ orgId: zId.optional() });
export const ZSatisfactionSurveyList = z.object({
  items: z.array(
    z.object({
      orgId: z.uuid(),
      orgName: z.string(),
      surveyId: z.uuid(),
      openCode: z.string(),
      openUrl: z.string(),
      created: z.boolean(),
    }),
  ),
});

// Publication

export const ZPublicationBatchListItem = ZPublicationBatch.omit({ entries: true }).extend({
  published: z.number().int(),
  deferred: z.number().int(),
});
export const ZPublicationBatchList = z.object({ items: z.array(ZPublicationBatchListItem) });

export const ZPublicationBatchListQuery = z.strictObject({ authorityId: zId.optional() });

/** PATCH /api/publication-items/{id}: withhold an item of the public version (or release it), under the batch's version. */
export const ZPublicationItemPatch = z
  .strictObject({
    version: z.number().int(),
    withheld: z.boolean({ error: '请选择是否公开' }),
    withholdReason: ZWithholdReason.nullable().optional(),
    withholdNote: zNote('不予公开的说明', 500).optional(),
  })
  .superRefine((u, ctx) => {
    if (u.withheld && !u.withholdReason)
      ctx.addIssue({ code: 'custom', path: ['withholdReason'], message: '不予公开须选择法定的不予公开情形' });
    if (!u.withheld && u.withholdReason)
      ctx.addIssue({ code: 'custom', path: ['withholdReason'], message: '公开的内容不填写不予公开的理由' });
  });
export type TPublicationItemPatch = z.infer<typeof ZPublicationItemPatch>;

/** PATCH /api/publication-entries/{id}: defer an organization (延后公示) with the reason, or take it back. */
export const ZPublicationEntryPatch = z
  .strictObject({
    version: z.number().int(),
    deferred: z.boolean({ error: '请选择是否延后公示' }),
    deferReason: zText('延后公示原因', { min: 5, max: 500, multiline: true }).optional(),
  })
  .superRefine((u, ctx) => {
    if (u.deferred && !u.deferReason)
      ctx.addIssue({ code: 'custom', path: ['deferReason'], message: '延后公示须写明原因（至少5个字）' });
  });
export type TPublicationEntryPatch = z.infer<typeof ZPublicationEntryPatch>;

export const ZPublicationPublish = z.strictObject({
  version: z.number().int(),
  publishedOn: zDate('公开日期').optional(),
});

// 回头看

/** POST /api/inspections/{id}/recheck: the team's recheck of some findings of the earlier inspection. */
export const ZRecheckSubmit = z
  .strictObject({
    checkedOn: zDate('核查日期').optional(),
    items: z
      .array(
        z
          .strictObject({
            findingId: zId,
            result: ZRecheckResult,
            facts: zText('核查情况', { max: 20_000, multiline: true }),
          })
          .superRefine((r, ctx) => {
            if (r.result === 'inadequate' && codePointLength(r.facts) < 10)
              ctx.addIssue({
                code: 'custom',
                path: ['facts'],
                message: '整改不到位须写明核查发现的事实（至少10个字）',
              });
          }),
        { error: '请填写核查结果' },
      )
      .min(1, '请至少核查一个问题')
      .max(500, '一次最多核查500个问题'),
  })
  .superRefine((b, ctx) =>
    uniqueIssue(
      b.items.map((i) => i.findingId),
      ctx,
      'items',
      '核查的问题有重复',
    ),
  );
export type TRecheckSubmit = z.infer<typeof ZRecheckSubmit>;

/** GET /api/inspections/{id}/recheck: the earlier inspection's findings, their tasks and the rechecks so far. */
export const ZRecheckView = z.object({
  inspectionId: z.uuid(),
  lookBackOfId: z.uuid(),
  lookBackOfLabel: z.string(),
  items: z.array(
    z.object({
      finding: z.object({ id: z.uuid(), title: z.string(), facts: z.string(), orgName: z.string() }),
      rectification: ZFindingRectification,
      tasks: z.array(
        z.object({
          id: z.uuid(),
          kind: ZTaskKind,
          measures: z.string(),
          deadline: z.string(),
          ledgerStatus: ZLedgerStatus,
          writtenOffOn: z.string().nullable(),
        }),
      ),
      recheck: ZRecheck.nullable(),
    }),
  ),
});
export type TRecheckView = z.infer<typeof ZRecheckView>;

// ---------------------------------------------------------------------------------------------
// rect-core additions (feedback, tasks, ledger, summaries): appended by the core part of the module

/** POST /api/feedbacks/{id}/copies/{copyId}/read: the date a copy (四抄告) was read. */
export const ZFeedbackCopyRead = z.strictObject({
  readOn: zDate('阅知日期'),
  version: z.number().int().optional(),
});
export type TFeedbackCopyRead = z.infer<typeof ZFeedbackCopyRead>;

/** `copyId`: the copy's position in the list (0, 1 …) or its recipient kind. */
export const ZFeedbackCopyParams = z.strictObject({
  id: zId,
  copyId: z.string().regex(/^(\d{1,2}|[a-zA-Z]{1,40})$/, '抄告对象编号格式不正确'),
});

/**
 * GET /api/inspections/{id}/problem-list: the 问题清单 of one organization, each finding with its
 * rectification and tasks. `feedbackId` and `handedOverOn` are null until the 反馈会 is recorded.
 */
export const ZProblemListOut = ZProblemList.extend({
  feedbackId: z.uuid().nullable(),
  handedOverOn: z.string().nullable(),
  /** `taxonomy`: the finding's problem type as the taxonomy path (方面 › 问题类型), empty when unclassified. */
  findings: z.array(ZPlanFinding.extend({ taxonomy: z.array(z.string()) })),
});
export type TProblemListOut = z.infer<typeof ZProblemListOut>;

export const ZOutcomeListQuery = z.strictObject({ orgId: zId.optional() });

/** GET /api/rectification/inspections: the inspections at feedback or later the caller sees. */
export const ZRectInspectionQuery = z.strictObject({
  termId: zId.optional(),
  roundId: zId.optional(),
  stage: z
    .enum(['feedback', 'transfer', 'rectifying', 'evaluated', 'published', 'archived'], {
      error: '巡察阶段只能是反馈及以后的阶段',
    })
    .optional(),
});

const ZWarningCounts = z.object({ red: z.number().int(), yellow: z.number().int(), green: z.number().int() });

export const ZRectInspectionList = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      label: z.string(),
      termId: z.uuid(),
      roundId: z.uuid(),
      authorityId: z.uuid(),
      stage: z.string(),
      feedbackDate: z.string().nullable(),
      /** The earlier inspection a 回头看 inspection looks back at; null (or absent) for any other. */
      lookBackOfId: z.uuid().nullable().optional(),
      orgs: z.array(
        z.object({
          orgId: z.uuid(),
          name: z.string(),
          /** The 整改方案's status (draft before its first task). */
          planStatus: ZSubmissionStatus,
          feedbackOn: z.string().nullable(),
          tasks: z.number().int(),
          writtenOff: z.number().int(),
          warnings: ZWarningCounts,
        }),
      ),
      tasks: z.number().int(),
      warnings: ZWarningCounts,
    }),
  ),
});
export type TRectInspectionList = z.infer<typeof ZRectInspectionList>;

/**
 * GET /api/rounds/{id}/rectification-inspections: the round's summary and, per inspection the caller
 * sees (at feedback or later), the same figures; the rows add up to the summary.
 */
export const ZRoundRectificationInspections = z.object({
  roundId: z.uuid(),
  roundName: z.string(),
  termId: z.uuid(),
  summary: ZRectificationSummary,
  items: z.array(
    ZRectificationSummary.extend({
      inspectionId: z.uuid(),
      label: z.string(),
      stage: z.string(),
      feedbackDate: z.string().nullable(),
      /** The inspected organizations the caller sees (a liaison: its own). */
      orgs: z.array(z.object({ orgId: z.uuid(), name: z.string() })),
    }),
  ),
});
export type TRoundRectificationInspections = z.infer<typeof ZRoundRectificationInspections>;

/** GET /api/terms/{id}/rectification-stats: per round, for the charts. */
export const ZTermRectificationStats = z.object({
  termId: z.uuid(),
  summary: ZRectificationSummary,
  rounds: z.array(
    z.object({
      roundId: z.uuid(),
      roundName: z.string(),
      findings: z.number().int(),
      rectified: z.number().int(),
      rate: z.number(),
      tasks: z.number().int(),
      warnings: ZWarningCounts,
    }),
  ),
});
export type TTermRectificationStats = z.infer<typeof ZTermRectificationStats>;

// ------------------------------------------------------------------ end of rect-core additions

// ---------------------------------------------------------------- answers of the review routes

/** One organization's plan and its rounds of joint review (GET /api/inspections/{id}/plans). */
export const ZPlanStatus = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  planId: z.uuid().nullable(),
  status: ZSubmissionStatus,
  findings: z.number().int(),
  reviewRound: z.number().int(),
  submittedOn: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  returnedComments: z.string().nullable(),
  current: ZJointReview.nullable(),
  reviews: z.array(ZJointReview),
  version: z.number().int(),
});
export type TPlanStatus = z.infer<typeof ZPlanStatus>;
export const ZPlanStatusList = z.object({ inspectionId: z.uuid(), stage: z.string(), items: z.array(ZPlanStatus) });

/** A batch with the ids the office needs to withhold items and defer organizations, and the counts. */
export const ZPublicationBatchOut = ZPublicationBatch.extend({
  entries: z.array(ZPublicationEntry.extend({ id: z.uuid(), findings: z.number().int(), rectified: z.number().int() })),
});
export type TPublicationBatchOut = z.infer<typeof ZPublicationBatchOut>;

/** 复评 of one organization's concluded evaluation, with the reason (kept in the audit). */
export const ZEvaluationReopen = z.strictObject({
  orgId: zId.optional(),
  version: z.number().int(),
  reason: zText('复评理由', { min: 5, max: 500, multiline: true }),
});
export type TEvaluationReopen = z.infer<typeof ZEvaluationReopen>;
