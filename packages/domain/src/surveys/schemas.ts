import { z } from 'zod';
import { zId, zPage, zText } from '../common/text.ts';

/**
 * 问卷 and 测评 answered by the public through a QR code: 民主测评 of the inspected organization,
 * 整改满意度 after rectification, and the 作风纪律评估 of the team itself.
 */
export const SURVEY_KINDS = ['democraticAppraisal', 'rectificationSatisfaction', 'teamConduct', 'custom'] as const;
export const ZSurveyKind = z.enum(SURVEY_KINDS, { error: '问卷类型不在可选范围内' });
export type TSurveyKind = z.infer<typeof ZSurveyKind>;
export const SURVEY_KIND_LABELS: Record<TSurveyKind, string> = {
  democraticAppraisal: '民主测评',
  rectificationSatisfaction: '整改满意度测评',
  teamConduct: '巡察组作风纪律评估',
  custom: '自定义问卷',
};

export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export const ZSurveyStatus = z.enum(SURVEY_STATUSES, { error: '问卷状态不在可选范围内' });
export type TSurveyStatus = z.infer<typeof ZSurveyStatus>;
export const SURVEY_STATUS_LABELS: Record<TSurveyStatus, string> = { draft: '草稿', open: '收集中', closed: '已结束' };
/** draft → open → closed, and a closed survey may be reopened; questions change only in draft. */
export const SURVEY_MOVES: Record<TSurveyStatus, readonly TSurveyStatus[]> = {
  draft: ['open'],
  open: ['closed'],
  closed: ['open'],
};

export const QUESTION_TYPES = ['single', 'multiple', 'scale', 'text'] as const;
export const ZQuestionType = z.enum(QUESTION_TYPES, { error: '题型不在可选范围内' });
export type TQuestionType = z.infer<typeof ZQuestionType>;
export const QUESTION_TYPE_LABELS: Record<TQuestionType, string> = {
  single: '单选',
  multiple: '多选',
  scale: '量表',
  text: '填空',
};

/** How an option of the key question counts in the satisfaction rate (satisfied ÷ valid). */
export const GRADES = ['satisfied', 'unsatisfied', 'excluded'] as const;
export const ZGrade = z.enum(GRADES, { error: '计分方式不在可选范围内' });
export type TGrade = z.infer<typeof ZGrade>;
export const GRADE_LABELS: Record<TGrade, string> = {
  satisfied: '计为满意',
  unsatisfied: '计为不满意',
  excluded: '不计入有效票',
};

export const ZOption = z.strictObject({
  label: zText('选项', { max: 100 }),
  grade: ZGrade.optional(),
});

export const ZQuestion = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]{1,12}$/, { message: '题目编号只能是小写字母和数字' }),
    type: ZQuestionType,
    title: zText('题目', { max: 300 }),
    required: z.boolean().default(true),
    options: z.array(ZOption).max(20, { message: '每题最多 20 个选项' }).default([]),
    /** Scale questions: 1..scaleMax; values from satisfiedFrom count as satisfied. */
    scaleMax: z.number().int().min(3).max(10).optional(),
    satisfiedFrom: z.number().int().min(1).max(10).optional(),
  })
  .superRefine((q, ctx) => {
    if ((q.type === 'single' || q.type === 'multiple') && q.options.length < 2)
      ctx.addIssue({ code: 'custom', message: `“${q.title}”至少需要两个选项`, path: ['options'] });
    if (q.type === 'scale' && !q.scaleMax)
      ctx.addIssue({ code: 'custom', message: `“${q.title}”请设置量表分值`, path: ['scaleMax'] });
    if (q.type === 'scale' && q.satisfiedFrom && q.scaleMax && q.satisfiedFrom > q.scaleMax)
      ctx.addIssue({ code: 'custom', message: '满意起始分不能超过最高分', path: ['satisfiedFrom'] });
  });
export type TQuestion = z.infer<typeof ZQuestion>;

/** A question as the server answers it (response schemas carry no input transforms). */
export const ZQuestionOut = z.object({
  id: z.string(),
  type: ZQuestionType,
  title: z.string(),
  required: z.boolean(),
  options: z.array(z.object({ label: z.string(), grade: ZGrade.optional() })),
  scaleMax: z.number().int().optional(),
  satisfiedFrom: z.number().int().optional(),
});

const questionsField = z
  .array(ZQuestion)
  .min(1, { message: '问卷至少需要一道题' })
  .max(50, { message: '问卷最多 50 道题' })
  .superRefine((qs, ctx) => {
    const seen = new Set<string>();
    for (const q of qs) {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', message: `题目编号 ${q.id} 重复` });
      seen.add(q.id);
    }
  });

/** Exactly one of inspection, round or team: what the survey is about. */
export const SURVEY_TARGETS = ['inspection', 'round', 'team'] as const;
export const ZSurveyTargetType = z.enum(SURVEY_TARGETS, { error: '问卷对象类型不在可选范围内' });
export type TSurveyTargetType = z.infer<typeof ZSurveyTargetType>;

function keyQuestionRule(v: { keyQuestionId?: string | null; questions?: TQuestion[] }, ctx: z.RefinementCtx) {
  if (!v.keyQuestionId || !v.questions) return;
  const q = v.questions.find((x) => x.id === v.keyQuestionId);
  if (!q) ctx.addIssue({ code: 'custom', message: '满意度题目不在问卷中', path: ['keyQuestionId'] });
  else if (q.type === 'single' && !q.options.some((o) => o.grade === 'satisfied'))
    ctx.addIssue({ code: 'custom', message: '满意度题目至少要有一个“计为满意”的选项', path: ['keyQuestionId'] });
  else if (q.type === 'scale' && !q.satisfiedFrom)
    ctx.addIssue({ code: 'custom', message: '满意度量表题请设置满意起始分', path: ['keyQuestionId'] });
  else if (q.type !== 'single' && q.type !== 'scale')
    ctx.addIssue({ code: 'custom', message: '满意度题目应为单选题或量表题', path: ['keyQuestionId'] });
}

export const ZSurveyCreate = z
  .strictObject({
    kind: ZSurveyKind,
    title: zText('问卷标题', { max: 100 }),
    intro: zText('问卷说明', { min: 0, max: 1000, multiline: true }).optional(),
    targetType: ZSurveyTargetType,
    targetId: zId,
    questions: questionsField,
    keyQuestionId: z.string().max(12).nullable().optional(),
    /** Open-QR answers accepted per client and survey (the rest get 429). */
    openCap: z.number().int().min(1).max(20).default(2),
  })
  .superRefine(keyQuestionRule);
export type TSurveyCreate = z.infer<typeof ZSurveyCreate>;

export const ZSurveyUpdate = z
  .strictObject({
    version: z.number().int().min(1),
    title: zText('问卷标题', { max: 100 }).optional(),
    intro: zText('问卷说明', { min: 0, max: 1000, multiline: true }).optional(),
    questions: questionsField.optional(),
    keyQuestionId: z.string().max(12).nullable().optional(),
    openCap: z.number().int().min(1).max(20).optional(),
  })
  .superRefine(keyQuestionRule);
export type TSurveyUpdate = z.infer<typeof ZSurveyUpdate>;

export const ZSurveyMove = z.strictObject({
  version: z.number().int().min(1),
  to: z.enum(['open', 'closed'], { error: '状态只能是收集中或已结束' }),
});

export const ZSurvey = z.object({
  id: z.string(),
  authorityId: z.string(),
  kind: ZSurveyKind,
  title: z.string(),
  intro: z.string().nullable(),
  status: ZSurveyStatus,
  targetType: ZSurveyTargetType,
  targetId: z.string(),
  targetName: z.string(),
  questions: z.array(ZQuestionOut),
  keyQuestionId: z.string().nullable(),
  openCode: z.string(),
  openUrl: z.string(),
  openCap: z.number().int(),
  tokensIssued: z.number().int(),
  answers: z.object({ verified: z.number().int(), unverified: z.number().int() }),
  createdAt: z.string(),
  version: z.number().int(),
});
export type TSurvey = z.infer<typeof ZSurvey>;
export const ZSurveyListItem = ZSurvey.omit({ questions: true });
export const ZSurveyList = zPage(ZSurveyListItem);
export const ZSurveyListQuery = z.strictObject({
  status: ZSurveyStatus.optional(),
  kind: ZSurveyKind.optional(),
  inspectionId: zId.optional(),
  roundId: zId.optional(),
  teamId: zId.optional(),
  q: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});
export type TSurveyListQuery = z.infer<typeof ZSurveyListQuery>;

/** A batch of signed single-use links, printed as QR codes and handed out one per person. */
export const ZSurveyBatchCreate = z.strictObject({
  count: z
    .number({ error: '请填写数量' })
    .int()
    .min(1, { message: '至少生成 1 个' })
    .max(2000, { message: '一次最多生成 2000 个' }),
  note: zText('用途说明', { min: 0, max: 100 }).optional(),
});
export const ZSurveyBatch = z.object({
  id: z.string(),
  surveyId: z.string(),
  count: z.number().int(),
  used: z.number().int(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type TSurveyBatch = z.infer<typeof ZSurveyBatch>;
export const ZSurveyBatchList = z.object({ items: z.array(ZSurveyBatch) });

/** One answer value per question id: option index, option indexes, scale value or text. */
export const ZAnswerValue = z.union([
  z.number().int().min(0).max(100),
  z.array(z.number().int().min(0).max(100)).max(20),
  z.string().max(2000),
]);
export const ZSurveyAnswerSubmit = z.strictObject({
  answers: z.record(z.string().regex(/^[a-z0-9]{1,12}$/), ZAnswerValue).refine((r) => Object.keys(r).length <= 50, {
    message: '答案过多',
  }),
});
export type TSurveyAnswers = z.infer<typeof ZSurveyAnswerSubmit>['answers'];

export const ZPublicSurvey = z.object({
  title: z.string(),
  intro: z.string().nullable(),
  kind: ZSurveyKind,
  authorityName: z.string(),
  targetName: z.string(),
  /** true when reached through a single-use link: the answer will count as verified. */
  verified: z.boolean(),
  open: z.boolean(),
  /** A single-use link that has already been used (then `open` is false too). */
  spent: z.boolean(),
  questions: z.array(
    z.object({
      id: z.string(),
      type: ZQuestionType,
      title: z.string(),
      required: z.boolean(),
      options: z.array(z.string()),
      scaleMax: z.number().int().nullable(),
    }),
  ),
});
export type TPublicSurvey = z.infer<typeof ZPublicSurvey>;

export const ZAnswerAccepted = z.object({ accepted: z.literal(true), verified: z.boolean() });

const ZSplit = z.object({ verified: z.number().int(), unverified: z.number().int() });
const ZRate = z.object({ satisfied: z.number().int(), valid: z.number().int(), rate: z.number().nullable() });

export const ZSurveyResults = z.object({
  surveyId: z.string(),
  title: z.string(),
  total: ZSplit,
  satisfaction: z.object({ verified: ZRate, unverified: ZRate, all: ZRate }).nullable(),
  questions: z.array(
    z.object({
      id: z.string(),
      type: ZQuestionType,
      title: z.string(),
      answered: ZSplit,
      /** Per option (single/multiple) or per value 1..scaleMax (scale). */
      buckets: z.array(z.object({ label: z.string(), verified: z.number().int(), unverified: z.number().int() })),
      texts: z.array(z.object({ text: z.string(), verified: z.boolean() })),
    }),
  ),
});
export type TSurveyResults = z.infer<typeof ZSurveyResults>;
