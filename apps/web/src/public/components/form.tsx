import { type ReactNode, useRef } from 'react';
import type { z } from 'zod';
import { randomId } from '../../api/http-core.ts';
import { PublicError } from '../api.ts';

/** The first message per top-level field of a failed parse. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_');
    if (!out[key]) out[key] = issue.message;
  }
  return out;
}

/** Moves the focus (and the view) to the first field marked invalid, once React has rendered it. */
export function focusFirstInvalid() {
  window.setTimeout(() => {
    const el = document.querySelector<HTMLElement>('[aria-invalid="true"], .pb-alert-error');
    if (!el) return;
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    if (el.matches('input, textarea, button')) el.focus({ preventScroll: true });
  }, 0);
}

/**
 * One Idempotency-Key per submission: a retry of the same content after an answer that never
 * arrived (network error, 5xx) reuses the key, so a report that did reach the server is not filed
 * twice and its receipt is returned again; any definite answer starts a new attempt.
 */
export function useIdempotencyKey() {
  const last = useRef<{ fingerprint: string; key: string } | null>(null);
  return {
    take(fingerprint: string): string {
      if (last.current?.fingerprint === fingerprint) return last.current.key;
      const key = randomId();
      last.current = { fingerprint, key };
      return key;
    },
    settle(error?: unknown) {
      if (!(error instanceof PublicError && error.outcomeUnknown)) last.current = null;
    },
  };
}

export function Field({
  id,
  label,
  required,
  error,
  hint,
  extra,
  children,
}: {
  id: string;
  label: string;
  required?: boolean;
  error?: string | undefined;
  hint?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={`pb-field${error ? ' has-error' : ''}`}>
      <div className="pb-label-row">
        <label className="pb-label" htmlFor={id}>
          {label}
          {required ? (
            <>
              <span className="pb-required" aria-hidden="true">
                *
              </span>
              <span className="pb-visually-hidden">（必填）</span>
            </>
          ) : (
            <span className="pb-optional">（选填）</span>
          )}
        </label>
        {extra}
      </div>
      {hint && <p className="pb-hint">{hint}</p>}
      {children}
      {error && (
        <p className="pb-field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
