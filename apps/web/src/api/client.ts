import { ErrorCode } from '@xc/domain';
import type { z } from 'zod';
import {
  buildUrl,
  createHttp,
  type HttpAnswer,
  type HttpMethod,
  type NoAnswer,
  type QueryParams,
  randomId,
} from './http-core.ts';

/**
 * The staff app's HTTP client, on the shared core (http-core.ts). Every call goes through
 * `withSession`, which turns the server's error body into an ApiError and applies the session
 * rules centrally: REAUTH_REQUIRED asks the user for the password and retries once, any other 401
 * ends the session, and PASSWORD_CHANGE_REQUIRED sends the user to the forced change page.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null = null,
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

/** Chinese text for any thrown value, for message.error and alerts. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && e.message) return e.message;
  return '操作失败，请稍后重试';
}

export const REAUTH_CANCELLED = 'REAUTH_CANCELLED';
const NETWORK = 'NETWORK';

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export interface ApiHandlers {
  /** Ask the user to re-enter the password; resolves true once POST /api/auth/reauth succeeded. */
  reauth: () => Promise<boolean>;
  /** The session is gone (expired, logged out elsewhere). */
  unauthenticated: () => void;
  /** The server refuses everything until the password is changed. */
  passwordChangeRequired: () => void;
}

const handlers: ApiHandlers = {
  reauth: async () => false,
  unauthenticated: () => {},
  passwordChangeRequired: () => {},
};

export function setApiHandlers(h: Partial<ApiHandlers>): void {
  Object.assign(handlers, h);
}

const STATUS_TEXT: Record<number, string> = {
  400: '请求内容有误',
  401: '登录已失效，请重新登录',
  403: '没有权限执行此操作',
  404: '请求的内容不存在或无权查看',
  409: '数据已被修改，请刷新后重试',
  413: '提交的内容过大',
  422: '提交的内容无法处理',
  429: '操作过于频繁，请稍后再试',
  500: '服务器内部错误，请稍后重试',
  502: '服务暂时不可用，请稍后重试',
  503: '服务暂时不可用，请稍后重试',
  504: '服务器响应超时，请稍后重试',
};

/** The ApiError of an answer outside 2xx; the body may be the server's error object or a proxy's page. */
export function errorFrom(answer: Pick<HttpAnswer, 'status' | 'body' | 'requestId'>): ApiError {
  const { status, body, requestId } = answer;
  if (body && typeof body === 'object' && 'code' in body && 'message' in body) {
    const b = body as { code: unknown; message: unknown; requestId?: unknown; details?: unknown };
    return new ApiError(
      status,
      String(b.code),
      String(b.message),
      typeof b.requestId === 'string' ? b.requestId : requestId,
      b.details,
    );
  }
  const fallback = STATUS_TEXT[status] ?? (status >= 500 ? STATUS_TEXT[500]! : `请求失败（${status}）`);
  const code = status === 401 ? ErrorCode.Unauthenticated : status >= 500 ? ErrorCode.Internal : ErrorCode.BadRequest;
  return new ApiError(status, code, fallback, requestId);
}

export interface SessionOptions {
  /** Do not end the session on 401 (used by the /api/auth/me probe and by login). */
  noAuthRedirect?: boolean;
  /** Do not offer re-authentication (used by the reauth call itself). */
  noReauth?: boolean;
}

let reauthInFlight: Promise<boolean> | null = null;

/** One shared prompt when several requests need re-authentication at the same time. */
function askReauth(): Promise<boolean> {
  if (!reauthInFlight) {
    reauthInFlight = handlers.reauth().finally(() => {
      reauthInFlight = null;
    });
  }
  return reauthInFlight;
}

/** Runs `attempt` under the session rules above. `attempt` throws ApiError on a non-2xx answer. */
export async function withSession<T>(attempt: () => Promise<T>, opts: SessionOptions = {}): Promise<T> {
  try {
    return await attempt();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.code === ErrorCode.ReauthRequired && !opts.noReauth) {
      const ok = await askReauth();
      if (!ok) throw new ApiError(401, REAUTH_CANCELLED, '已取消身份确认，操作未执行', e.requestId);
      return withSession(attempt, { ...opts, noReauth: true });
    }
    notify(e, opts);
    throw e;
  }
}

function notify(e: ApiError, opts: SessionOptions): void {
  if (
    e.status === 401 &&
    !opts.noAuthRedirect &&
    e.code !== ErrorCode.InvalidCredentials &&
    e.code !== ErrorCode.ReauthRequired
  ) {
    handlers.unauthenticated();
  } else if (e.code === ErrorCode.PasswordChangeRequired) {
    handlers.passwordChangeRequired();
  }
}

const UPLOAD_NO_ANSWER: Record<NoAnswer, string> = {
  offline: '上传失败：无法连接服务器，请检查网络后重试',
  timeout: '上传超时，请稍后重试',
  aborted: '上传已取消',
};

const http = createHttp({
  credentials: 'same-origin',
  headers: (method): Record<string, string> =>
    method !== 'GET' && method !== 'HEAD' && csrfToken ? { 'x-csrf-token': csrfToken } : {},
  failure: errorFrom,
  noAnswer: (why, upload) =>
    new ApiError(0, NETWORK, upload ? UPLOAD_NO_ANSWER[why] : '无法连接服务器，请检查网络后重试'),
});

/**
 * Responses are checked against the domain schema; a mismatch is logged, never thrown, so a
 * server that is one field ahead of the web does not take the page down.
 */
function check<S extends z.ZodType>(schema: S, data: unknown, where: string): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  console.error(`[api] ${where} 的响应与约定不符`, r.error.issues);
  return data as z.output<S>;
}

export interface RequestOptions extends SessionOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * A submission that must not happen twice (a clue transfer, an import): the same key is sent on
   * the re-authenticated retry too, so the server answers a repeat with the first answer.
   */
  idempotencyKey?: string;
}

const idempotencyHeaders = (key: string | undefined) => (key ? { 'idempotency-key': key } : undefined);

export async function request<S extends z.ZodType>(
  method: HttpMethod,
  path: string,
  schema: S,
  opts: RequestOptions = {},
): Promise<z.output<S>> {
  const url = buildUrl(path, opts.query);
  return withSession(async () => {
    const answer = await http.call(method, url, {
      json: opts.body,
      signal: opts.signal,
      headers: idempotencyHeaders(opts.idempotencyKey),
    });
    return check(schema, answer.body, `${method} ${path}`);
  }, opts);
}

/** A request whose success answer is 204 No Content. */
export async function requestVoid(
  method: Exclude<HttpMethod, 'GET'>,
  path: string,
  opts: RequestOptions = {},
): Promise<void> {
  const url = buildUrl(path, opts.query);
  await withSession(
    () =>
      http.call(method, url, {
        json: opts.body,
        signal: opts.signal,
        headers: idempotencyHeaders(opts.idempotencyKey),
      }),
    opts,
  );
}

function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain filename
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/** GETs a file as it is (an image to draw on), under the session rules. */
export async function getBlob(path: string, query?: QueryParams): Promise<Blob> {
  const url = buildUrl(path, query);
  return withSession(async () => (await http.send('GET', url, { accept: '*/*' })).blob());
}

/** GETs a file (xlsx export, template) and hands it to the browser as a download. */
export async function download(path: string, query: QueryParams | undefined, fallbackName: string): Promise<string> {
  const url = buildUrl(path, query);
  return withSession(async () => {
    const res = await http.send('GET', url, { accept: '*/*' });
    const name = filenameFrom(res.headers.get('content-disposition'), fallbackName);
    saveBlob(await res.blob(), name);
    return name;
  });
}

/** Hands a file made or fetched in the page to the browser's downloads. */
export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

export interface UploadOptions {
  query?: QueryParams;
  /** 0–100 while the bytes go up. */
  onProgress?: (percent: number) => void;
  /** Called when every byte is sent and the server is working on it. */
  onUploaded?: () => void;
  idempotencyKey?: string;
}

/** multipart POST with upload progress; one Idempotency-Key for the re-authenticated retry too. */
export async function upload<S extends z.ZodType>(
  path: string,
  form: FormData,
  schema: S,
  opts: UploadOptions = {},
): Promise<z.output<S>> {
  const url = buildUrl(path, opts.query);
  const key = opts.idempotencyKey ?? randomId();
  return withSession(async () => {
    const answer = await http.upload(url, form, {
      headers: { 'idempotency-key': key },
      onProgress: (f) => opts.onProgress?.(Math.round(f * 100)),
      onUploaded: opts.onUploaded,
    });
    return check(schema, answer.body, `POST ${path}`);
  });
}
