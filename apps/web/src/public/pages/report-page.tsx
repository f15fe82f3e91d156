import { codePointLength, formatReceipt, type TPublicLanding, ZPublicReportCreate } from '@xc/domain';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useBlocker, useNavigate, useParams } from 'react-router';
import { errorText, PublicError, publicApi } from '../api.ts';
import { FilePicker, UploadProgress, usePickedFiles } from '../components/files.tsx';
import { Field, fieldErrors, focusFirstInvalid, useIdempotencyKey } from '../components/form.tsx';
import { ErrorBox, SubmitButton } from '../components/ui.tsx';
import { InvalidCode, useLanding } from './landing-page.tsx';

const CONTENT_MIN = 10;
const CONTENT_MAX = 5000;

interface Draft {
  anonymous: boolean;
  reporterName: string;
  reporterPhone: string;
  subjectName: string;
  subjectPost: string;
  subjectOrg: string;
  content: string;
  happenedWhen: string;
  place: string;
}

const EMPTY: Draft = {
  anonymous: true,
  reporterName: '',
  reporterPhone: '',
  subjectName: '',
  subjectPost: '',
  subjectOrg: '',
  content: '',
  happenedWhen: '',
  place: '',
};

/** What is sent: empty optional fields are left out, and a name or phone never leaves an anonymous report. */
function payloadOf(d: Draft) {
  const opt = (s: string) => (s.trim() ? s : undefined);
  return {
    anonymous: d.anonymous,
    ...(d.anonymous ? {} : { reporterName: opt(d.reporterName), reporterPhone: opt(d.reporterPhone) }),
    subjectName: opt(d.subjectName),
    subjectPost: opt(d.subjectPost),
    subjectOrg: opt(d.subjectOrg),
    content: d.content,
    happenedWhen: opt(d.happenedWhen),
    place: opt(d.place),
  };
}

export function ReportPage() {
  const { code } = useParams();
  const { landing, fallback } = useLanding(code);
  const [receipt, setReceipt] = useState<string | null>(null);
  if (receipt) return <ReceiptIssued receipt={receipt} code={code ?? ''} />;
  if (!landing || fallback) return fallback;
  return <ReportForm landing={landing} onIssued={setReceipt} />;
}

function ReportForm({ landing, onIssued }: { landing: TPublicLanding; onIssued: (receipt: string) => void }) {
  const uid = useId();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [gone, setGone] = useState(false);
  const picked = usePickedFiles();
  const idem = useIdempotencyKey();

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    if (errors[k]) setErrors(({ [k]: _, ...rest }) => rest);
  };
  const input = (k: Exclude<keyof Draft, 'anonymous'>) => ({
    id: `${uid}-${k}`,
    value: draft[k],
    'aria-invalid': errors[k] ? true : undefined,
    'aria-describedby': errors[k] ? `${uid}-${k}-error` : undefined,
    disabled: submitting,
    onChange: (e: { currentTarget: { value: string } }) => set(k, e.currentTarget.value),
  });

  const contentLength = codePointLength(draft.content.normalize('NFC').trim());

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (submitting || picked.checking) return;
    setSubmitError(null);
    const parsed = ZPublicReportCreate.safeParse(payloadOf(draft));
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      focusFirstInvalid();
      return;
    }
    setErrors({});
    const files = picked.files.map((p) => p.file);
    const key = idem.take(
      JSON.stringify([parsed.data, picked.files.map((p) => [p.id, p.file.name, p.file.size, p.file.lastModified])]),
    );
    setSubmitting(true);
    setProgress(files.length ? 0 : null);
    try {
      const res = await publicApi.report(landing.code, parsed.data, {
        files,
        idempotencyKey: key,
        onProgress: setProgress,
      });
      idem.settle();
      picked.clear();
      setDraft(EMPTY);
      window.scrollTo({ top: 0 });
      onIssued(res.receipt);
    } catch (err) {
      idem.settle(err);
      if (err instanceof PublicError && err.status === 404) {
        setGone(true);
        return;
      }
      if (err instanceof PublicError && err.status === 400) setErrors(err.fields);
      setSubmitError(errorText(err));
      focusFirstInvalid();
    } finally {
      setSubmitting(false);
      setProgress(null);
    }
  }

  if (gone) return <InvalidCode />;

  return (
    <form className="pb-form" onSubmit={submit} noValidate>
      <section className="pb-card">
        <h1 className="pb-title">反映问题</h1>
        {landing.orgName && (
          <p className="pb-lead">
            被巡察单位：<strong>{landing.orgName}</strong>
          </p>
        )}
        <fieldset className="pb-choice" disabled={submitting}>
          <legend className="pb-label">反映方式</legend>
          <label className={`pb-choice-card${draft.anonymous ? ' is-checked' : ''}`}>
            <input
              type="radio"
              name="anonymous"
              checked={draft.anonymous}
              onChange={() => set('anonymous', true)}
              data-testid="anonymous-yes"
            />
            <span>
              <span className="pb-choice-title">匿名反映</span>
              <span className="pb-choice-text">不需要留下姓名和电话。凭提交后得到的查询码查看答复。</span>
            </span>
          </label>
          <label className={`pb-choice-card${draft.anonymous ? '' : ' is-checked'}`}>
            <input
              type="radio"
              name="anonymous"
              checked={!draft.anonymous}
              onChange={() => set('anonymous', false)}
              data-testid="anonymous-no"
            />
            <span>
              <span className="pb-choice-title">实名反映</span>
              <span className="pb-choice-text">留下姓名和电话，便于巡察组核实情况、与您联系。</span>
            </span>
          </label>
        </fieldset>
        {!draft.anonymous && (
          <div className="pb-identity">
            <p className="pb-alert pb-alert-info">您的姓名和联系电话将加密保存，只有巡察组可以查看，严格为您保密。</p>
            <Field id={`${uid}-reporterName`} label="姓名" required error={errors.reporterName}>
              <input className="pb-input" type="text" autoComplete="name" {...input('reporterName')} />
            </Field>
            <Field id={`${uid}-reporterPhone`} label="联系电话" required error={errors.reporterPhone}>
              <input
                className="pb-input"
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                placeholder="手机号或带区号的固定电话"
                {...input('reporterPhone')}
              />
            </Field>
          </div>
        )}
      </section>

      <section className="pb-card">
        <h2 className="pb-subtitle">被反映人</h2>
        <p className="pb-hint">如果问题涉及具体人员，请尽量填写，便于核实。</p>
        <Field id={`${uid}-subjectName`} label="姓名" error={errors.subjectName}>
          <input className="pb-input" type="text" autoComplete="off" {...input('subjectName')} />
        </Field>
        <Field id={`${uid}-subjectPost`} label="职务" error={errors.subjectPost}>
          <input className="pb-input" type="text" autoComplete="off" {...input('subjectPost')} />
        </Field>
        <Field id={`${uid}-subjectOrg`} label="单位" error={errors.subjectOrg}>
          <input className="pb-input" type="text" autoComplete="off" {...input('subjectOrg')} />
        </Field>
      </section>

      <section className="pb-card">
        <Field
          id={`${uid}-content`}
          label="反映的问题"
          required
          error={errors.content}
          hint="请写明是什么事、涉及哪些人、有什么依据或线索。"
          extra={
            <span
              className={`pb-counter${contentLength > CONTENT_MAX || (contentLength > 0 && contentLength < CONTENT_MIN) ? ' is-over' : ''}`}
            >
              {contentLength}/{CONTENT_MAX}
            </span>
          }
        >
          <textarea className="pb-textarea" rows={8} data-testid="content" {...input('content')} />
        </Field>
        <Field id={`${uid}-happenedWhen`} label="发生时间" error={errors.happenedWhen}>
          <input
            className="pb-input"
            type="text"
            autoComplete="off"
            placeholder="例如：2024年5月前后"
            {...input('happenedWhen')}
          />
        </Field>
        <Field id={`${uid}-place`} label="发生地点" error={errors.place}>
          <input className="pb-input" type="text" autoComplete="off" {...input('place')} />
        </Field>
        <FilePicker picked={picked} disabled={submitting} />
      </section>

      {errors.anonymous && <ErrorBox>{errors.anonymous}</ErrorBox>}
      {submitError && <ErrorBox>{submitError}</ErrorBox>}
      <UploadProgress fraction={progress} />
      <SubmitButton busy={submitting} disabled={picked.checking} testId="submit">
        提交
      </SubmitButton>
      <p className="pb-small pb-center pb-muted">提交后会显示一个查询码，请务必保存。</p>
    </form>
  );
}

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.className = 'pb-offscreen';
  document.body.appendChild(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}

const LEAVE_WARNING = '您还没有确认保存查询码。离开后查询码将无法再次显示，确定离开吗？';

/** Shown once after a report: the receipt lives only in this component's state. */
function ReceiptIssued({ receipt, code }: { receipt: string; code: string }) {
  const navigate = useNavigate();
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const grouped = formatReceipt(receipt);

  useEffect(() => {
    if (saved) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [saved]);

  const blocker = useBlocker(!saved);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(LEAVE_WARNING)) blocker.proceed();
    else blocker.reset();
  }, [blocker]);

  return (
    <section className="pb-card pb-receipt-card">
      <div className="pb-notice-mark pb-notice-success" aria-hidden="true">
        ✓
      </div>
      <h1 className="pb-notice-title">提交成功</h1>
      <p className="pb-notice-text">巡察组会认真核实处理。以下是您的查询码，凭它可以查看办理进度和巡察组的答复。</p>
      <div className="pb-receipt-label">查询码</div>
      <div className="pb-receipt" data-testid="receipt-value">
        {grouped}
      </div>
      <button
        type="button"
        className="pb-btn pb-btn-outline pb-btn-block"
        onClick={async () => setCopied((await copyText(receipt)) ? 'yes' : 'no')}
      >
        {copied === 'yes' ? '已复制 ✓' : '复制查询码'}
      </button>
      {copied === 'no' && <p className="pb-hint pb-center">无法自动复制，请手动抄写或截图。</p>}
      <div className="pb-alert pb-alert-warn pb-receipt-warning" role="alert">
        请立即抄写或截图保存查询码。查询码只显示这一次，丢失后无法找回，也无法查询办理结果。
      </div>
      <label className="pb-check">
        <input
          type="checkbox"
          checked={saved}
          onChange={(e) => setSaved(e.currentTarget.checked)}
          data-testid="receipt-saved"
        />
        <span>我已保存查询码</span>
      </label>
      <button
        type="button"
        className="pb-btn pb-btn-primary pb-btn-block pb-btn-large"
        disabled={!saved}
        onClick={() => navigate(code ? `/p/${code}` : '/p/receipt', { replace: true })}
        data-testid="receipt-done"
      >
        完成
      </button>
    </section>
  );
}
