import {
  codePointLength,
  PETITION_PUBLIC_STATUS_LABELS,
  type TPublicReportView,
  ZPublicFollowUp,
  ZReceipt,
} from '@xc/domain';
import { type FormEvent, useId, useState } from 'react';
import { errorText, PublicError, publicApi } from '../api.ts';
import { FilePicker, formatSize, UploadProgress, usePickedFiles } from '../components/files.tsx';
import { Field, fieldErrors, focusFirstInvalid, useIdempotencyKey } from '../components/form.tsx';
import { chineseDate } from '../components/format.ts';
import { ErrorBox, SubmitButton, useAuthorityName } from '../components/ui.tsx';

const FOLLOW_UP_MAX = 2000;

/** Look up a report by its receipt; the receipt stays in this component's state only. */
export function ReceiptPage() {
  const [found, setFound] = useState<{ receipt: string; view: TPublicReportView } | null>(null);
  useAuthorityName(found?.view.authorityName);
  if (found)
    return (
      <ReportView
        receipt={found.receipt}
        view={found.view}
        onView={(view) => setFound({ receipt: found.receipt, view })}
        onLeave={() => {
          setFound(null);
          window.scrollTo({ top: 0 });
        }}
      />
    );
  return <LookupForm onFound={(receipt, view) => setFound({ receipt, view })} />;
}

function LookupForm({ onFound }: { onFound: (receipt: string, view: TPublicReportView) => void }) {
  const id = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const parsed = ZReceipt.safeParse(value);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '查询码格式不正确');
      focusFirstInvalid();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const view = await publicApi.lookup(parsed.data);
      setValue('');
      onFound(parsed.data, view);
    } catch (err) {
      setError(err instanceof PublicError && err.status === 404 ? '查询码不正确，请核对后重新输入' : errorText(err));
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="pb-card pb-form" onSubmit={submit} noValidate>
      <h1 className="pb-title">查询办理进度</h1>
      <p className="pb-lead">请输入提交反映时得到的 20 位查询码，可以查看办理进度、巡察组的答复，并补充反映情况。</p>
      <Field id={id} label="查询码" required error={error ?? undefined}>
        <input
          id={id}
          className="pb-input pb-input-receipt"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          placeholder="例如：1234 5678 9012 3456 7890"
          value={value}
          disabled={busy}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            setError(null);
          }}
          data-testid="receipt-input"
        />
      </Field>
      <SubmitButton busy={busy} busyText="正在查询…" testId="receipt-submit">
        查询
      </SubmitButton>
      <p className="pb-small pb-muted">
        查询码丢失后无法找回。如有需要，可通过巡察公告上的举报电话或邮政信箱联系巡察组。
      </p>
    </form>
  );
}

function FileNames({ files }: { files: TPublicReportView['files'] }) {
  if (files.length === 0) return null;
  return (
    <ul className="pb-attachments">
      {files.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: names may repeat and the list never reorders
        <li key={i}>
          <span className="pb-attachment-mark" aria-hidden="true">
            附
          </span>
          {f.name} <span className="pb-muted">（{formatSize(f.size)}）</span>
        </li>
      ))}
    </ul>
  );
}

function ReportView({
  receipt,
  view,
  onView,
  onLeave,
}: {
  receipt: string;
  view: TPublicReportView;
  onView: (v: TPublicReportView) => void;
  onLeave: () => void;
}) {
  const statusLabel = view.statusLabel || PETITION_PUBLIC_STATUS_LABELS[view.status];
  return (
    <>
      <section className="pb-card">
        <div className="pb-status-row">
          <h1 className="pb-title">办理进度</h1>
          <span className={`pb-status pb-status-${view.status}`}>{statusLabel}</span>
        </div>
        <dl className="pb-facts">
          <div>
            <dt>收到日期</dt>
            <dd>{chineseDate(view.receivedOn)}</dd>
          </div>
          <div>
            <dt>被巡察单位</dt>
            <dd>{view.orgName}</dd>
          </div>
          {view.subjectName && (
            <div>
              <dt>被反映人</dt>
              <dd>{view.subjectName}</dd>
            </div>
          )}
        </dl>
        <h2 className="pb-subtitle">反映的问题</h2>
        <p className="pb-pre pb-content">{view.content}</p>
        <FileNames files={view.files} />
      </section>

      <section className="pb-card">
        <h2 className="pb-subtitle">答复与补充</h2>
        {view.messages.length === 0 ? (
          <p className="pb-muted">巡察组暂未答复。巡察组核实处理后会在这里答复，请过一段时间再来查看。</p>
        ) : (
          <ol className="pb-thread">
            {view.messages.map((m, i) => (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: the thread only grows at the end
                key={i}
                className={`pb-message pb-message-${m.from}`}
                data-testid={m.from === 'team' ? 'reply' : 'my-message'}
              >
                <div className="pb-message-head">
                  <span className="pb-message-who">{m.from === 'team' ? '巡察组答复' : '我的补充'}</span>
                  <span className="pb-message-date">{chineseDate(m.on)}</span>
                </div>
                <p className="pb-pre">{m.body}</p>
                <FileNames files={m.files} />
              </li>
            ))}
          </ol>
        )}
      </section>

      <FollowUpForm receipt={receipt} onView={onView} />

      <div className="pb-actions">
        <button type="button" className="pb-btn pb-btn-outline pb-btn-block" onClick={onLeave}>
          退出查询
        </button>
      </div>
      <p className="pb-small pb-center pb-muted">在公共或他人的手机上查询后，请点击“退出查询”。</p>
    </>
  );
}

function FollowUpForm({ receipt, onView }: { receipt: string; onView: (v: TPublicReportView) => void }) {
  const id = useId();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const picked = usePickedFiles();
  const idem = useIdempotencyKey();
  const length = codePointLength(body.normalize('NFC').trim());

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || picked.checking) return;
    setSubmitError(null);
    setDone(false);
    const parsed = ZPublicFollowUp.safeParse({ receipt, body });
    if (!parsed.success) {
      const f = fieldErrors(parsed.error);
      setError(f.body ?? f.receipt ?? '补充内容有误');
      focusFirstInvalid();
      return;
    }
    setError(null);
    const files = picked.files.map((p) => p.file);
    const key = idem.take(JSON.stringify([parsed.data.body, picked.files.map((p) => p.id)]));
    setBusy(true);
    setProgress(files.length ? 0 : null);
    try {
      const view = await publicApi.followUp(parsed.data.receipt, parsed.data.body, {
        files,
        idempotencyKey: key,
        onProgress: setProgress,
      });
      idem.settle();
      picked.clear();
      setBody('');
      setDone(true);
      onView(view);
    } catch (err) {
      idem.settle(err);
      if (err instanceof PublicError && err.status === 400 && err.fields.body) setError(err.fields.body);
      setSubmitError(
        err instanceof PublicError && err.status === 404 ? '查询码不正确或已失效，请重新查询' : errorText(err),
      );
      focusFirstInvalid();
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  return (
    <form className="pb-card pb-form" onSubmit={submit} noValidate>
      <h2 className="pb-subtitle">补充反映</h2>
      <Field
        id={id}
        label="补充内容"
        required
        error={error ?? undefined}
        hint="有新的情况或线索，可以在这里补充，巡察组会一并核实。"
        extra={
          <span className={`pb-counter${length > FOLLOW_UP_MAX ? ' is-over' : ''}`}>
            {length}/{FOLLOW_UP_MAX}
          </span>
        }
      >
        <textarea
          id={id}
          className="pb-textarea"
          rows={5}
          value={body}
          disabled={busy}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            setError(null);
            setDone(false);
          }}
          data-testid="follow-up"
        />
      </Field>
      <FilePicker picked={picked} disabled={busy} />
      {submitError && <ErrorBox>{submitError}</ErrorBox>}
      {done && (
        <p className="pb-alert pb-alert-success" role="status">
          补充内容已提交，已显示在上方的记录中。
        </p>
      )}
      <UploadProgress fraction={progress} />
      <SubmitButton busy={busy} disabled={picked.checking} large={false} testId="follow-up-submit">
        提交补充
      </SubmitButton>
    </form>
  );
}
