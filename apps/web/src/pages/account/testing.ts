import type { TMe } from '../../api/auth.ts';

/**
 * For the tests of the sign-in and account pages: a server behind `fetch` that answers by method
 * and path, so the pages run through the real client (session rules, re-authentication, retries).
 * Not imported by the app.
 */

export interface Sent {
  method: string;
  path: string;
  body: unknown;
}

/** What a handler answers: a status and a JSON body (null for 204). */
export interface Answer {
  status: number;
  body?: unknown;
}

export type Handler = (sent: Sent, nth: number) => Answer;

export const ok = (body: unknown): Answer => ({ status: 200, body });
export const noContent: Answer = { status: 204 };
export const fail = (status: number, code: string, message: string): Answer => ({
  status,
  body: { code, message, requestId: 'req-test-1' },
});

/**
 * Installs the fake server as `fetch`; `routes` keys are "METHOD /path" (query strings ignored).
 * Each handler gets the request and how many times that route was called before (0 the first time).
 * An unknown route answers 404, so a page calling something unexpected shows it.
 */
export function fakeServer(routes: Record<string, Handler>): { sent: Sent[]; restore: () => void } {
  const sent: Sent[] = [];
  const counts = new Map<string, number>();
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const key = `${method} ${url.pathname}`;
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const s: Sent = { method, path: url.pathname, body };
    sent.push(s);
    const nth = counts.get(key) ?? 0;
    counts.set(key, nth + 1);
    const handler = routes[key];
    const a = handler ? handler(s, nth) : fail(404, 'NOT_FOUND', `测试服务器没有 ${key}`);
    return new Response(a.body === undefined ? null : JSON.stringify(a.body), {
      status: a.status,
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-test-1' },
    });
  }) as typeof fetch;
  return { sent, restore: () => (globalThis.fetch = original) };
}

/** A signed-in 巡察办工作人员 with nothing held back; `over` changes what a test needs. */
export function meFixture(over: Partial<TMe> = {}): TMe {
  return {
    user: {
      id: '0190a0a0-0000-7000-8000-000000000101',
      username: 'office.staff',
      displayName: '刘晓婷',
      authorityId: '0190a0a0-0000-7000-8000-000000000001',
      authorityName: '某市委巡察办',
      orgId: null,
      orgName: null,
      status: 'active',
      mustChangePassword: false,
      lockedUntil: null,
      lastLoginAt: null,
      createdAt: '2026-01-05T08:00:00.000Z',
      version: 1,
    },
    roles: ['officeStaff'],
    grants: [],
    permissions: ['self'],
    csrfToken: 'csrf-test',
    mustChangePassword: false,
    passwordExpired: false,
    totpEnrolmentRequired: false,
    ...over,
  };
}

/** A file upload the page sent through XMLHttpRequest, held until the test answers it. */
export interface HeldUpload {
  url: string;
  headers: Record<string, string>;
  form: FormData;
  /** Reports `loaded` of `total` bytes sent, as the browser's upload progress event does. */
  progress(loaded: number, total: number): void;
  /** Answers the upload (every byte sent first) with a status and a JSON body. */
  answer(a: Answer): void;
}

/**
 * Installs a fake XMLHttpRequest for uploads (the real client sends files through it for the
 * progress, not through `fetch`): each upload is held in `uploads` until the test drives it, so a
 * page's progress and its handling of the answer run through the real client. `restore` puts the
 * browser's class back.
 */
export function fakeUploads(): { uploads: HeldUpload[]; restore: () => void } {
  const uploads: HeldUpload[] = [];
  const original = globalThis.XMLHttpRequest;
  class HeldXhr {
    status = 0;
    responseText = '';
    withCredentials = false;
    upload: { onprogress?: (ev: ProgressEvent) => void; onload?: () => void } = {};
    onload?: () => void;
    onerror?: () => void;
    ontimeout?: () => void;
    onabort?: () => void;
    private url = '';
    private readonly headers: Record<string, string> = {};
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader(k: string, v: string) {
      this.headers[k.toLowerCase()] = v;
    }
    getResponseHeader(k: string) {
      return k.toLowerCase() === 'x-request-id' ? 'req-test-1' : null;
    }
    send(form: FormData) {
      uploads.push({
        url: this.url,
        headers: this.headers,
        form,
        progress: (loaded, total) =>
          this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent),
        answer: (a) => {
          this.upload.onload?.();
          this.status = a.status;
          this.responseText = a.body === undefined ? '' : JSON.stringify(a.body);
          this.onload?.();
        },
      });
    }
  }
  globalThis.XMLHttpRequest = HeldXhr as unknown as typeof XMLHttpRequest;
  return { uploads, restore: () => (globalThis.XMLHttpRequest = original) };
}
