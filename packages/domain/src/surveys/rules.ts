import { codePointLength, textProblem } from '../common/text.ts';
import type { TQuestion, TSurveyAnswers, TSurveyKind, TSurveyResults } from './schemas.ts';

/**
 * Checks one submitted answer sheet against the questions. Returns the cleaned sheet (NFC text,
 * unknown questions refused, multiple choices sorted and unique) or the Chinese reasons.
 */
export function validateAnswers(
  questions: readonly TQuestion[],
  answers: TSurveyAnswers,
): { ok: true; answers: TSurveyAnswers } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const out: TSurveyAnswers = {};
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const id of Object.keys(answers)) if (!byId.has(id)) errors.push(`问卷中没有编号为 ${id} 的题目`);
  questions.forEach((q, i) => {
    const n = `第${i + 1}题`;
    const v = Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
    const empty = v === undefined || (Array.isArray(v) && v.length === 0) || (typeof v === 'string' && v.trim() === '');
    if (empty) {
      if (q.required) errors.push(`${n}未作答`);
      return;
    }
    switch (q.type) {
      case 'single':
        if (typeof v !== 'number' || v < 0 || v >= q.options.length) errors.push(`${n}的选项不存在`);
        else out[q.id] = v;
        break;
      case 'multiple':
        if (!Array.isArray(v) || v.some((x) => x < 0 || x >= q.options.length)) errors.push(`${n}的选项不存在`);
        else out[q.id] = [...new Set(v)].sort((a, b) => a - b);
        break;
      case 'scale':
        if (typeof v !== 'number' || v < 1 || v > (q.scaleMax ?? 5))
          errors.push(`${n}的分值应在 1 到 ${q.scaleMax ?? 5} 之间`);
        else out[q.id] = v;
        break;
      case 'text': {
        if (typeof v !== 'string') {
          errors.push(`${n}应填写文字`);
          break;
        }
        const t = v.normalize('NFC').trim();
        const bad = textProblem(t);
        if (bad) errors.push(`${n}${bad}`);
        else if (codePointLength(t) > 500) errors.push(`${n}不能超过500个字`);
        else out[q.id] = t;
        break;
      }
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, answers: out };
}

/** How one sheet counts for the key question: satisfied, unsatisfied, or not a valid vote. */
export function gradeOf(q: TQuestion, v: unknown): 'satisfied' | 'unsatisfied' | 'excluded' {
  if (q.type === 'single' && typeof v === 'number') return q.options[v]?.grade ?? 'excluded';
  if (q.type === 'scale' && typeof v === 'number' && q.satisfiedFrom)
    return v >= q.satisfiedFrom ? 'satisfied' : 'unsatisfied';
  return 'excluded';
}

export function satisfactionRate(satisfied: number, valid: number): number | null {
  return valid === 0 ? null : satisfied / valid;
}

export interface AnswerSheet {
  verified: boolean;
  answers: TSurveyAnswers;
}

/**
 * Tallies sheets into per-question buckets with verified and unverified answers kept apart, and the
 * satisfaction rate (satisfied ÷ valid) of the key question for each group and for all.
 */
export function tallySurvey(
  survey: { id: string; title: string; questions: readonly TQuestion[]; keyQuestionId: string | null },
  sheets: Iterable<AnswerSheet>,
  maxTexts = 50,
): TSurveyResults {
  const qs = survey.questions.map((q) => ({
    id: q.id,
    type: q.type,
    title: q.title,
    answered: { verified: 0, unverified: 0 },
    buckets:
      q.type === 'scale'
        ? Array.from({ length: q.scaleMax ?? 5 }, (_, i) => ({ label: `${i + 1}分`, verified: 0, unverified: 0 }))
        : q.options.map((o) => ({ label: o.label, verified: 0, unverified: 0 })),
    texts: [] as { text: string; verified: boolean }[],
  }));
  const total = { verified: 0, unverified: 0 };
  const rate = { verified: { satisfied: 0, valid: 0 }, unverified: { satisfied: 0, valid: 0 } };
  const key = survey.questions.find((q) => q.id === survey.keyQuestionId) ?? null;
  for (const s of sheets) {
    const g = s.verified ? 'verified' : 'unverified';
    total[g]++;
    survey.questions.forEach((q, i) => {
      const v = s.answers[q.id];
      const r = qs[i];
      if (v === undefined || !r) return;
      r.answered[g]++;
      if (q.type === 'single' && typeof v === 'number') {
        const b = r.buckets[v];
        if (b) b[g]++;
      } else if (q.type === 'multiple' && Array.isArray(v)) {
        for (const x of v) {
          const b = r.buckets[x];
          if (b) b[g]++;
        }
      } else if (q.type === 'scale' && typeof v === 'number') {
        const b = r.buckets[v - 1];
        if (b) b[g]++;
      } else if (q.type === 'text' && typeof v === 'string' && r.texts.length < maxTexts) {
        r.texts.push({ text: v, verified: s.verified });
      }
    });
    if (key) {
      const grade = gradeOf(key, s.answers[key.id]);
      if (grade !== 'excluded') {
        rate[g].valid++;
        if (grade === 'satisfied') rate[g].satisfied++;
      }
    }
  }
  const asRate = (x: { satisfied: number; valid: number }) => ({ ...x, rate: satisfactionRate(x.satisfied, x.valid) });
  return {
    surveyId: survey.id,
    title: survey.title,
    total,
    satisfaction: key
      ? {
          verified: asRate(rate.verified),
          unverified: asRate(rate.unverified),
          all: asRate({
            satisfied: rate.verified.satisfied + rate.unverified.satisfied,
            valid: rate.verified.valid + rate.unverified.valid,
          }),
        }
      : null,
    questions: qs,
  };
}

const SATISFACTION_OPTIONS = [
  { label: '满意', grade: 'satisfied' as const },
  { label: '基本满意', grade: 'satisfied' as const },
  { label: '不满意', grade: 'unsatisfied' as const },
  { label: '不了解', grade: 'excluded' as const },
];

export interface SurveyTemplate {
  kind: TSurveyKind;
  title: string;
  intro: string;
  keyQuestionId: string;
  questions: TQuestion[];
}

/** The three questionnaires offices use, as starting points the builder copies. */
export const SURVEY_TEMPLATES: readonly SurveyTemplate[] = [
  {
    kind: 'democraticAppraisal',
    title: '领导班子及其成员民主测评表',
    intro: '本测评以无记名方式进行，请根据您的了解如实评价。您的回答仅用于巡察工作，严格保密。',
    keyQuestionId: 'q1',
    questions: [
      {
        id: 'q1',
        type: 'single',
        title: '您对该单位领导班子的总体评价',
        required: true,
        options: [
          { label: '好', grade: 'satisfied' },
          { label: '较好', grade: 'satisfied' },
          { label: '一般', grade: 'unsatisfied' },
          { label: '差', grade: 'unsatisfied' },
          { label: '不了解', grade: 'excluded' },
        ],
      },
      {
        id: 'q2',
        type: 'scale',
        title: '领导班子落实全面从严治党主体责任情况（1 分最低，5 分最高）',
        required: true,
        options: [],
        scaleMax: 5,
        satisfiedFrom: 4,
      },
      {
        id: 'q3',
        type: 'multiple',
        title: '您认为该单位在以下哪些方面存在较突出的问题（可多选）',
        required: false,
        options: [
          { label: '贯彻落实上级决策部署不到位' },
          { label: '形式主义、官僚主义' },
          { label: '违规选人用人' },
          { label: '违反中央八项规定精神' },
          { label: '资金资产管理不规范' },
          { label: '群众身边的不正之风和腐败问题' },
        ],
      },
      { id: 'q4', type: 'text', title: '您对该单位领导班子的意见和建议', required: false, options: [] },
    ],
  },
  {
    kind: 'rectificationSatisfaction',
    title: '巡察整改满意度测评',
    intro: '巡察反馈问题的整改情况已公示。请您对整改成效作出评价，测评以匿名方式进行。',
    keyQuestionId: 'q1',
    questions: [
      {
        id: 'q1',
        type: 'single',
        title: '您对该单位巡察整改工作的总体满意度',
        required: true,
        options: SATISFACTION_OPTIONS,
      },
      {
        id: 'q2',
        type: 'single',
        title: '群众反映强烈的突出问题是否得到解决',
        required: true,
        options: [{ label: '已解决' }, { label: '部分解决' }, { label: '未解决' }, { label: '不了解' }],
      },
      { id: 'q3', type: 'text', title: '您认为还需要继续整改的问题', required: false, options: [] },
    ],
  },
  {
    kind: 'teamConduct',
    title: '巡察组作风纪律评估',
    intro: '为加强对巡察组的监督，请您对巡察组在巡察期间的作风纪律情况作出评价。本评估匿名进行。',
    keyQuestionId: 'q1',
    questions: [
      {
        id: 'q1',
        type: 'single',
        title: '您对巡察组作风纪律的总体评价',
        required: true,
        options: SATISFACTION_OPTIONS,
      },
      {
        id: 'q2',
        type: 'multiple',
        title: '巡察组是否存在以下情况（可多选）',
        required: false,
        options: [
          { label: '接受宴请或礼品礼金' },
          { label: '态度生硬、作风粗暴' },
          { label: '泄露巡察工作秘密' },
          { label: '超越职权、干预被巡察单位正常工作' },
          { label: '以上情况均未发现' },
        ],
      },
      { id: 'q3', type: 'text', title: '您对巡察组的意见和建议', required: false, options: [] },
    ],
  },
];
