/**
 * The only code in the web app that touches fetch and XMLHttpRequest. Two clients stand on it:
 * the staff client (api/client.ts: session, CSRF, re-authentication) and the public pages' client
 * (public/api.ts: no cookies, no referrer, plain-language errors). It imports neither React nor
 * antd, so the public entry stays small and never pulls in the staff app.
 */

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** Empty filters stay out of the URL, so `?status=` never reaches the server as an empty value. */
export function buildUrl(path: string, query?: QueryParams): string {
  if (!query) return path;
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `${path}?${s}` : path;
}

/** The body as JSON, or undefined when it is empty or not JSON (a proxy's HTML error page). */
export function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * RFC 4122 v4 id. crypto.randomUUID exists only on https and localhost, and an office intranet may
 * serve plain http, so getRandomValues stands in for it there.
 */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** An answer from the server, read whole. */
export interface HttpAnswer {
  status: number;
  text: string;
  /** `text` parsed as JSON, undefined when it is not. */
  body: unknown;
  requestId: string | null;
}

/** Why a request got no answer: the network, a timeout, or the user (an upload cancelled). */
export type NoAnswer = 'offline' | 'timeout' | 'aborted';

/** What differs between the staff app and the public pages; everything else is shared. */
export interface HttpRules {
  credentials: RequestCredentials;
  /** Added to every fetch (the public pages send no referrer and keep nothing in the cache). */
  init?: Pick<RequestInit, 'referrerPolicy' | 'cache'>;
  /** Headers every request of `method` carries (the staff app's CSRF token). */
  headers?: (method: string) => Record<string, string>;
  /** The error thrown for an answer outside 2xx. */
  failure: (answer: HttpAnswer) => Error;
  /** The error thrown when no answer came; `upload` tells a file upload from a plain request. */
  noAnswer: (why: NoAnswer, upload: boolean) => Error;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SendOptions {
  /** Sent as JSON with a content type. */
  json?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** The Accept header; JSON unless a file is fetched. */
  accept?: string;
}

export interface UploadProgress {
  headers?: Record<string, string>;
  /** 0..1 while the bytes go up. */
  onProgress?: (fraction: number) => void;
  /** Every byte is sent and the server is working on it. */
  onUploaded?: () => void;
}

export interface Http {
  /** A 2xx Response (to read as a file), or the rules' error. */
  send(method: HttpMethod, url: string, opts?: SendOptions): Promise<Response>;
  /** A 2xx answer read whole. */
  call(method: HttpMethod, url: string, opts?: SendOptions): Promise<HttpAnswer>;
  /** multipart POST through XMLHttpRequest, because fetch cannot report upload progress. */
  upload(url: string, form: FormData, opts?: UploadProgress): Promise<HttpAnswer>;
}

function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

export function createHttp(rules: HttpRules): Http {
  const headersFor = (
    method: string,
    extra: Record<string, string> | undefined,
    accept: string,
  ): Record<string, string> => ({ accept, ...rules.headers?.(method), ...extra });

  async function read(res: Response): Promise<HttpAnswer> {
    let text = '';
    try {
      text = await res.text();
    } catch (e) {
      // The answer broke off: for a success we cannot tell what the server did.
      if (res.ok) throw isAbort(e) ? e : rules.noAnswer('offline', false);
    }
    return { status: res.status, text, body: parseJson(text), requestId: res.headers.get('x-request-id') };
  }

  async function send(method: HttpMethod, url: string, opts: SendOptions = {}): Promise<Response> {
    const headers = headersFor(method, opts.headers, opts.accept ?? 'application/json');
    let body: string | undefined;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    }
    let res: Response;
    try {
      res = await fetch(url, {
        ...rules.init,
        method,
        headers,
        body,
        signal: opts.signal,
        credentials: rules.credentials,
      });
    } catch (e) {
      // A cancelled query (TanStack Query aborts on unmount) is not a network failure.
      if (isAbort(e)) throw e;
      throw rules.noAnswer('offline', false);
    }
    if (!res.ok) throw rules.failure(await read(res));
    return res;
  }

  return {
    send,
    call: async (method, url, opts) => read(await send(method, url, opts)),
    upload: (url, form, opts = {}) =>
      new Promise<HttpAnswer>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', url);
        // Same-origin XHR sends the session cookie anyway; the public routes ignore it.
        xhr.withCredentials = false;
        for (const [k, v] of Object.entries(headersFor('POST', opts.headers, 'application/json')))
          xhr.setRequestHeader(k, v);
        xhr.upload.onprogress = (ev) => {
          if (ev.lengthComputable && ev.total > 0) opts.onProgress?.(Math.min(1, ev.loaded / ev.total));
        };
        xhr.upload.onload = () => {
          opts.onProgress?.(1);
          opts.onUploaded?.();
        };
        xhr.onerror = () => reject(rules.noAnswer('offline', true));
        xhr.ontimeout = () => reject(rules.noAnswer('timeout', true));
        xhr.onabort = () => reject(rules.noAnswer('aborted', true));
        xhr.onload = () => {
          const answer: HttpAnswer = {
            status: xhr.status,
            text: xhr.responseText,
            body: parseJson(xhr.responseText),
            requestId: xhr.getResponseHeader('x-request-id'),
          };
          if (xhr.status < 200 || xhr.status >= 300) reject(rules.failure(answer));
          else resolve(answer);
        };
        xhr.send(form);
      }),
  };
}
