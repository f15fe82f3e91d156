import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textProblem } from '../common/text.ts';
import { type AnswerSheet, gradeOf, SURVEY_TEMPLATES, tallySurvey, validateAnswers } from './rules.ts';
import { type TQuestion, ZSurveyCreate } from './schemas.ts';

const T = SURVEY_TEMPLATES;

describe('templates', () => {
  it('each template is a valid survey with a usable key question', () => {
    for (const t of T) {
      const r = ZSurveyCreate.safeParse({
        kind: t.kind,
        title: t.title,
        intro: t.intro,
        targetType: 'inspection',
        targetId: '019a0000-0000-7000-8000-000000000000',
        questions: t.questions,
        keyQuestionId: t.keyQuestionId,
      });
      expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
    }
  });
});

/** An arbitrary answer sheet that is valid for the questions. */
function validSheet(qs: readonly TQuestion[]) {
  return fc.record(
    Object.fromEntries(
      qs.map((q) => {
        const arb: fc.Arbitrary<number | number[] | string> =
          q.type === 'single'
            ? fc.integer({ min: 0, max: q.options.length - 1 })
            : q.type === 'multiple'
              ? fc.uniqueArray(fc.integer({ min: 0, max: q.options.length - 1 }), { minLength: 1 })
              : q.type === 'scale'
                ? fc.integer({ min: 1, max: q.scaleMax ?? 5 })
                : fc
                    .string({ minLength: 1, maxLength: 20 })
                    .filter((s) => s.trim().length > 0 && textProblem(s) === null);
        return [q.id, q.required ? arb : fc.option(arb, { nil: undefined })];
      }),
    ),
    { requiredKeys: [] },
  ) as fc.Arbitrary<Record<string, number | number[] | string>>;
}

describe('validateAnswers', () => {
  it('accepts every valid sheet, and refuses a missing required answer or an option that does not exist', () => {
    for (const t of T)
      fc.assert(
        fc.property(validSheet(t.questions), (sheet) => {
          const clean = Object.fromEntries(Object.entries(sheet).filter(([, v]) => v !== undefined));
          const hasRequired = t.questions.filter((q) => q.required).every((q) => clean[q.id] !== undefined);
          const r = validateAnswers(t.questions, clean);
          expect(r.ok).toBe(hasRequired);
        }),
      );
    const q = T[1]?.questions as TQuestion[];
    expect(validateAnswers(q, { q1: 99, q2: 0 })).toEqual({ ok: false, errors: ['第1题的选项不存在'] });
    expect(validateAnswers(q, { q2: 0 }).ok).toBe(false);
    expect(validateAnswers(q, { q1: 0, q2: 0, zz: 1 }).ok).toBe(false);
    expect(validateAnswers(q, { q1: 0, q2: 0, q3: 'a\u202eb' }).ok).toBe(false);
  });
});

describe('tallySurvey', () => {
  it('satisfaction = satisfied ÷ valid, verified and unverified apart, buckets sum to answers', () => {
    const t = T[1];
    if (!t) throw new Error('template');
    const key = t.questions.find((q) => q.id === t.keyQuestionId) as TQuestion;
    fc.assert(
      fc.property(
        fc.array(fc.record({ verified: fc.boolean(), answers: validSheet(t.questions) }), { maxLength: 60 }),
        (raw) => {
          const sheets: AnswerSheet[] = raw.map((s) => ({
            verified: s.verified,
            answers: Object.fromEntries(Object.entries(s.answers).filter(([, v]) => v !== undefined)),
          }));
          const r = tallySurvey(
            { id: 's', title: 't', questions: t.questions, keyQuestionId: t.keyQuestionId },
            sheets,
          );
          for (const g of ['verified', 'unverified'] as const) {
            const mine = sheets.filter((s) => s.verified === (g === 'verified'));
            expect(r.total[g]).toBe(mine.length);
            const grades = mine.map((s) => gradeOf(key, s.answers[key.id]));
            const valid = grades.filter((x) => x !== 'excluded').length;
            const sat = grades.filter((x) => x === 'satisfied').length;
            expect(r.satisfaction?.[g]).toEqual({ satisfied: sat, valid, rate: valid ? sat / valid : null });
            const q1 = r.questions[0];
            expect(q1?.buckets.reduce((a, b) => a + b[g], 0)).toBe(q1?.answered[g]);
          }
          expect(r.satisfaction?.all.valid).toBe(
            (r.satisfaction?.verified.valid ?? 0) + (r.satisfaction?.unverified.valid ?? 0),
          );
        },
      ),
    );
  });

  it('a scale key question counts values from satisfiedFrom as satisfied', () => {
    const q: TQuestion = {
      id: 'q1',
      type: 'scale',
      title: '评分',
      required: true,
      options: [],
      scaleMax: 5,
      satisfiedFrom: 4,
    };
    const r = tallySurvey({ id: 's', title: 't', questions: [q], keyQuestionId: 'q1' }, [
      { verified: true, answers: { q1: 5 } },
      { verified: true, answers: { q1: 4 } },
      { verified: true, answers: { q1: 2 } },
    ]);
    expect(r.satisfaction?.verified.rate).toBeCloseTo(2 / 3);
    expect(r.questions[0]?.buckets.map((b) => b.verified)).toEqual([0, 1, 0, 1, 1]);
  });
});
