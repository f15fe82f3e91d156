import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';

/**
 * The frame of every public page: the office's name and the promise of confidentiality on top.
 * The name comes from whatever the current page loaded (landing or survey) and is kept in memory
 * while the visitor moves between pages; a page opened directly shows 码上巡 until it knows better.
 */
const AuthorityContext = createContext<(name: string | null) => void>(() => {});

export function useAuthorityName(name: string | null | undefined) {
  const set = useContext(AuthorityContext);
  useEffect(() => {
    if (name) set(name);
  }, [name, set]);
}

export const PROMISE = '您的信息将严格保密，匿名反映不记录任何个人信息';

export function Shell() {
  const [authority, setAuthority] = useState<string | null>(null);
  const { pathname } = useLocation();
  // A new page starts at its top (no ScrollRestoration: it keeps positions in sessionStorage).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every page change
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  useEffect(() => {
    document.title = authority ? `码上巡 · ${authority}` : '码上巡';
  }, [authority]);
  return (
    <AuthorityContext.Provider value={setAuthority}>
      <header className="pb-header">
        <div className="pb-header-inner">
          <div className="pb-brand">码上巡</div>
          <div className="pb-authority">{authority ?? '巡察工作线上受理'}</div>
        </div>
      </header>
      <div className="pb-promise">
        <LockIcon />
        <span>{PROMISE}</span>
      </div>
      <main className="pb-main">
        <Outlet />
      </main>
    </AuthorityContext.Provider>
  );
}

function LockIcon() {
  return (
    <svg className="pb-lock" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm-2 6V4.5a2 2 0 1 1 4 0V7H6Z"
      />
    </svg>
  );
}

/** A form's submit button: while the form is being sent it says so and takes no second click. */
export function SubmitButton({
  busy,
  busyText = '正在提交…',
  disabled = false,
  large = true,
  testId,
  children,
}: {
  busy: boolean;
  busyText?: string;
  /** Not ready to send for another reason (a file still being checked). */
  disabled?: boolean;
  large?: boolean;
  testId: string;
  children: ReactNode;
}) {
  return (
    <button
      type="submit"
      className={`pb-btn pb-btn-primary pb-btn-block${large ? ' pb-btn-large' : ''}`}
      disabled={busy || disabled}
      data-testid={testId}
    >
      {busy ? busyText : children}
    </button>
  );
}

export function Spinner({ text = '正在加载…' }: { text?: string }) {
  return (
    <div className="pb-loading" role="status" aria-live="polite">
      <span className="pb-spinner" aria-hidden="true" />
      <span>{text}</span>
    </div>
  );
}

export function ErrorBox({ children, onRetry }: { children: ReactNode; onRetry?: () => void }) {
  return (
    <div className="pb-alert pb-alert-error" role="alert">
      <div>{children}</div>
      {onRetry && (
        <button type="button" className="pb-btn pb-btn-outline pb-btn-small" onClick={onRetry}>
          重试
        </button>
      )}
    </div>
  );
}

/** A page that only says something: closed, invalid, thank you, not found. */
export function Notice({
  title,
  tone = 'info',
  children,
  testId,
}: {
  title: string;
  tone?: 'info' | 'success' | 'warn';
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <section className={`pb-card pb-notice pb-notice-${tone}`} data-testid={testId}>
      <div className="pb-notice-mark" aria-hidden="true">
        {tone === 'success' ? '✓' : tone === 'warn' ? '!' : 'i'}
      </div>
      <h1 className="pb-notice-title">{title}</h1>
      {children}
    </section>
  );
}

export function ReceiptLink({ text = '查询办理进度' }: { text?: string }) {
  return (
    <Link className="pb-btn pb-btn-outline pb-btn-block" to="/p/receipt" data-testid="receipt-button">
      {text}
    </Link>
  );
}

export function NotFoundPage() {
  return (
    <Notice title="页面不存在" tone="warn">
      <p className="pb-notice-text">您访问的页面不存在。请重新扫描巡察公告上的二维码。</p>
      <ReceiptLink text="已反映过问题？查询办理进度" />
    </Notice>
  );
}

/** A page that failed to render: no frame, since the frame may be what failed. */
export function CrashPage() {
  return (
    <main className="pb-main">
      <Notice title="页面出现错误" tone="warn">
        <p className="pb-notice-text">
          请刷新页面后重试。如果问题仍然存在，可以通过巡察公告上的举报电话或邮政信箱反映问题。
        </p>
      </Notice>
    </main>
  );
}
