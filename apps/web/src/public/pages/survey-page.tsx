import { codePointLength, SURVEY_KIND_LABELS, type TPublicSurvey, type TSurveyAnswers } from '@xc/domain';
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { errorText, PublicError, publicApi } from '../api.ts';
import { focusFirstInvalid, useIdempotencyKey } from '../components/form.tsx';
import { plausibleSurveyKey } from '../components/format.ts';
import { ErrorBox, Notice, Spinner, SubmitButton, useAuthorityName } from '../components/ui.tsx';
import { useLoad } from '../components/use-load.ts';

const TEXT_MAX = 500;

type Question = TPublicSurvey['questions'][number];
type Value = number | number[] | string | undefined;

function Invalid() {
  return (
    <Notice title="问卷链接无效或已过期" tone="warn">
      <p className="pb-notice-text">没有找到这份问卷。请核对二维码或链接是否完整，或向发放问卷的工作人员咨询。</p>
    </Notice>
  );
}

/** A closed survey, or a single-use link already answered (`spent`). */
function Closed({ survey }: { survey: TPublicSurvey }) {
  return (
    <Notice title={survey.spent ? '该链接已经提交过答卷' : '本问卷已结束'}>
      <p className="pb-notice-text">
        {survey.spent ? `“${survey.title}”的这个链接只能提交一次，已不能再提交` : `“${survey.title}”已停止收集`}
        ，感谢您的关注与支持。
      </p>
      <p className="pb-notice-text pb-muted">{survey.authorityName}</p>
    </Notice>
  );
}

export function SurveyPage() {
  const { key } = useParams();
  const valid = plausibleSurveyKey(key);
  const [load, reload] = useLoad(key ?? '', () =>
    valid ? publicApi.survey(key) : Promise.reject(new PublicError(404, 'NOT_FOUND', '')),
  );
  useAuthorityName(load.state === 'ok' ? load.data.authorityName : null);
  if (load.state === 'loading') return <Spinner />;
  if (load.state === 'error')
    return load.error instanceof PublicError && load.error.status === 404 ? (
      <Invalid />
    ) : (
      <ErrorBox onRetry={reload}>{errorText(load.error)}</ErrorBox>
    );
  if (!load.data.open) return <Closed survey={load.data} />;
  return <SurveyForm surveyKey={key ?? ''} survey={load.data} />;
}

function missing(v: Value): boolean {
  if (v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'string') return v.trim() === '';
  return false;
}

function SurveyForm({ surveyKey, survey }: { surveyKey: string; survey: TPublicSurvey }) {
  const [values, setValues] = useState<Record<string, Value>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<'thanks' | 'spent' | null>(null);
  const idem = useIdempotencyKey();

  const set = (id: string, v: Value) => {
    setValues((prev) => ({ ...prev, [id]: v }));
    if (errors[id]) setErrors(({ [id]: _, ...rest }) => rest);
    setSubmitError(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setSubmitError(null);
    const problems: Record<string, string> = {};
    const answers: TSurveyAnswers = {};
    for (const q of survey.questions) {
      const v = values[q.id];
      if (missing(v)) {
        if (q.required) problems[q.id] = q.type === 'text' ? '请填写此题' : '请回答此题';
        continue;
      }
      if (typeof v === 'string') {
        const text = v.normalize('NFC').trim();
        if (codePointLength(text) > TEXT_MAX) {
          problems[q.id] = `不能超过 ${TEXT_MAX} 个字`;
          continue;
        }
        answers[q.id] = text;
      } else if (v !== undefined) answers[q.id] = Array.isArray(v) ? [...v].sort((a, b) => a - b) : v;
    }
    setErrors(problems);
    if (Object.keys(problems).length) {
      setSubmitError('还有题目没有完成，请检查标红的题目');
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    const key = idem.take(JSON.stringify(answers));
    try {
      await publicApi.answer(surveyKey, answers, key);
      idem.settle();
      window.scrollTo({ top: 0 });
      setOutcome('thanks');
    } catch (err) {
      idem.settle(err);
      if (err instanceof PublicError && err.status === 409) {
        window.scrollTo({ top: 0 });
        setOutcome('spent');
        return;
      }
      setSubmitError(errorText(err));
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  }

  if (outcome === 'thanks')
    return (
      <Notice title="感谢您的参与" tone="success" testId="survey-thanks">
        <p className="pb-notice-text">您的答卷已提交。</p>
        <p className="pb-notice-text pb-muted">{survey.authorityName}</p>
      </Notice>
    );
  if (outcome === 'spent')
    return (
      <Notice title="无法提交" tone="warn">
        <p className="pb-notice-text">该链接已使用过，或问卷已结束。感谢您的关注与支持。</p>
      </Notice>
    );

  // The kind, unless the title already says it.
  const kind = survey.kind !== 'custom' && !survey.title.includes(SURVEY_KIND_LABELS[survey.kind]);
  return (
    <form className="pb-form" onSubmit={submit} noValidate>
      <section className="pb-card">
        {(kind || survey.verified) && (
          <div className="pb-kicker-row">
            {kind && <span className="pb-kicker">{SURVEY_KIND_LABELS[survey.kind]}</span>}
            {survey.verified && <span className="pb-badge">一次性有效链接</span>}
          </div>
        )}
        <h1 className="pb-title">{survey.title}</h1>
        <p className="pb-lead">
          测评对象：<strong>{survey.targetName}</strong>
        </p>
        {survey.intro && <p className="pb-pre">{survey.intro}</p>}
        <p className="pb-alert pb-alert-info">
          本问卷匿名填写，不记录您的姓名、电话等个人信息，请根据实际情况如实作答。
        </p>
        {survey.verified && <p className="pb-small pb-muted">此链接只能提交一次，提交后即失效。</p>}
      </section>
      {survey.questions.map((q, i) => (
        <QuestionCard
          key={q.id}
          n={i + 1}
          q={q}
          value={values[q.id]}
          error={errors[q.id]}
          disabled={busy}
          onChange={(v) => set(q.id, v)}
        />
      ))}
      {submitError && <ErrorBox>{submitError}</ErrorBox>}
      <SubmitButton busy={busy} testId="survey-submit">
        提交问卷
      </SubmitButton>
    </form>
  );
}

function QuestionCard({
  n,
  q,
  value,
  error,
  disabled,
  onChange,
}: {
  n: number;
  q: Question;
  value: Value;
  error: string | undefined;
  disabled: boolean;
  onChange: (v: Value) => void;
}) {
  const titleId = `q-${q.id}-title`;
  const invalid = error ? true : undefined;
  return (
    <fieldset className={`pb-card pb-question${error ? ' has-error' : ''}`} disabled={disabled}>
      <legend className="pb-visually-hidden">{q.title}</legend>
      <div className="pb-question-title" id={titleId}>
        <span className="pb-question-no">{n}.</span>
        <span>
          {q.title}
          {q.required && (
            <>
              <span className="pb-required" aria-hidden="true">
                *
              </span>
              <span className="pb-visually-hidden">（必答）</span>
            </>
          )}
          {q.type === 'multiple' && <span className="pb-optional">（可多选）</span>}
        </span>
      </div>
      {q.type === 'single' && (
        <div className="pb-options" role="radiogroup" aria-labelledby={titleId}>
          {q.options.map((label, idx) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an option is its index
            <label key={idx} className={`pb-option${value === idx ? ' is-checked' : ''}`}>
              <input
                type="radio"
                name={`q-${q.id}`}
                checked={value === idx}
                onChange={() => onChange(idx)}
                aria-invalid={idx === 0 ? invalid : undefined}
                data-testid={`q-${q.id}-${idx}`}
              />
              <span>{label}</span>
            </label>
          ))}
        </div>
      )}
      {q.type === 'multiple' && (
        <div className="pb-options">
          {q.options.map((label, idx) => {
            const list = Array.isArray(value) ? value : [];
            const checked = list.includes(idx);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: an option is its index
              <label key={idx} className={`pb-option${checked ? ' is-checked' : ''}`}>
                <input
                  type="checkbox"
                  checked={checked}
                  onChange={(e) => onChange(e.currentTarget.checked ? [...list, idx] : list.filter((x) => x !== idx))}
                  aria-invalid={idx === 0 ? invalid : undefined}
                  data-testid={`q-${q.id}-${idx}`}
                />
                <span>{label}</span>
              </label>
            );
          })}
        </div>
      )}
      {q.type === 'scale' && <Scale q={q} value={value} invalid={invalid} onChange={onChange} />}
      {q.type === 'text' && (
        <>
          <textarea
            className="pb-textarea"
            rows={4}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => onChange(e.currentTarget.value)}
            aria-labelledby={titleId}
            aria-invalid={invalid}
            data-testid={`q-${q.id}-text`}
          />
          <div className="pb-counter-row">
            <span
              className={`pb-counter${codePointLength(typeof value === 'string' ? value.trim() : '') > TEXT_MAX ? ' is-over' : ''}`}
            >
              {codePointLength(typeof value === 'string' ? value.trim() : '')}/{TEXT_MAX}
            </span>
          </div>
        </>
      )}
      {error && <p className="pb-field-error">{error}</p>}
    </fieldset>
  );
}

function Scale({
  q,
  value,
  invalid,
  onChange,
}: {
  q: Question;
  value: Value;
  invalid: true | undefined;
  onChange: (v: Value) => void;
}) {
  const max = q.scaleMax ?? 5;
  const points = Array.from({ length: max }, (_, i) => i + 1);
  return (
    <div className="pb-scale">
      <div
        className={`pb-scale-row pb-scale-${max > 5 ? 'wide' : 'narrow'}`}
        role="radiogroup"
        aria-label={`${q.title}，1 到 ${max} 分`}
      >
        {points.map((p) => (
          // biome-ignore lint/a11y/useSemanticElements: a row of big buttons is easier to tap than radios
          <button
            key={p}
            type="button"
            role="radio"
            aria-checked={value === p}
            aria-invalid={p === 1 ? invalid : undefined}
            className={`pb-scale-point${value === p ? ' is-checked' : ''}`}
            onClick={() => onChange(p)}
            data-testid={`q-${q.id}-${p}`}
          >
            {p}
          </button>
        ))}
      </div>
      <div className="pb-scale-ends" aria-hidden="true">
        <span>1 分（最低）</span>
        <span>{max} 分（最高）</span>
      </div>
    </div>
  );
}
