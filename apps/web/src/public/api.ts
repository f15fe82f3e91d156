import {
  type TPublicLanding,
  type TPublicReportView,
  type TPublicSurvey,
  type TSurveyAnswers,
  ZAnswerAccepted,
  ZPublicLanding,
  ZPublicReportView,
  ZPublicSurvey,
  ZReceiptIssued,
} from '@xc/domain';
import type { z } from 'zod';

/**
 * The public pages' only way to the server: /api/public/... without cookies, referrer or cache.
 * Uploads go through XMLHttpRequest for the progress bar (a same-origin XHR cannot omit cookies;
 * the public routes ignore them).
 */

export class PublicError extends Error {
  constructor(
    /** 0 when the request never got an answer (offline, timeout). */
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field messages from a 400, keyed by the first path segment. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'PublicError';
  }
  /** The request may or may not have reached the server: a retry should reuse its Idempotency-Key. */
  get outcomeUnknown(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';

const STATUS_TEXT: Record<number, string> = {
  400: '提交的内容有误，请检查后重试',
  404: '请求的内容不存在',
  409: '该操作无法完成，请刷新后重试',
  413: '提交的内容过大，每个附件不能超过 20 MB',
  415: '附件类型不支持，请上传照片、视频、PDF 或 Word 文档',
  429: '操作过于频繁，请稍后再试',
  500: '服务暂时出现问题，请稍后再试',
  502: '服务暂时无法访问，请稍后再试',
  503: '服务暂时无法访问，请稍后再试',
  504: '服务响应超时，请稍后再试',
};

export function errorText(e: unknown): string {
  if (e instanceof PublicError) return e.message;
  return NETWORK_MESSAGE;
}

function toError(status: number, body: unknown): PublicError {
  const b = (body && typeof body === 'object' ? body : {}) as {
    code?: unknown;
    message?: unknown;
    details?: { issues?: unknown };
  };
  const fields: Record<string, string> = {};
  const issues = b.details?.issues;
  if (Array.isArray(issues)) {
    for (const it of issues as { path?: unknown; message?: unknown }[]) {
      const key = typeof it.path === 'string' ? (it.path.split('.')[0] ?? '') : '';
      if (key && typeof it.message === 'string' && !fields[key]) fields[key] = it.message;
    }
  }
  const fallback = STATUS_TEXT[status] ?? (status >= 500 ? STATUS_TEXT[500] : '请求失败，请稍后重试');
  // A proxy's HTML page or an English framework message is no use to a citizen.
  const message = typeof b.message === 'string' && /[\u4e00-\u9fff]/.test(b.message) ? b.message : fallback;
  return new PublicError(status, typeof b.code === 'string' ? b.code : `HTTP_${status}`, message ?? '', fields);
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function checked<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body);
  if (!r.success) throw new PublicError(200, 'BAD_RESPONSE', '服务器返回的内容无法识别，请稍后重试');
  return r.data;
}

async function call<S extends z.ZodType>(
  method: 'GET' | 'POST',
  path: string,
  schema: S,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new PublicError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  let text = '';
  try {
    text = await res.text();
  } catch {
    throw new PublicError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  const json = parseJson(text);
  if (!res.ok) throw toError(res.status, json);
  return checked(schema, json);
}

/** A multipart POST with upload progress (0..1). */
function upload<S extends z.ZodType>(
  path: string,
  form: FormData,
  schema: S,
  headers: Record<string, string>,
  onProgress: (fraction: number) => void,
): Promise<z.infer<S>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = false;
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable && ev.total > 0) onProgress(ev.loaded / ev.total);
    };
    xhr.onload = () => {
      const json = parseJson(xhr.responseText);
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(toError(xhr.status, json));
        return;
      }
      try {
        resolve(checked(schema, json));
      } catch (e) {
        reject(e);
      }
    };
    xhr.onerror = () => reject(new PublicError(0, 'NETWORK', NETWORK_MESSAGE));
    xhr.ontimeout = () => reject(new PublicError(0, 'NETWORK', NETWORK_MESSAGE));
    xhr.onabort = () => reject(new PublicError(0, 'NETWORK', '上传已取消'));
    xhr.send(form);
  });
}

/** crypto.randomUUID exists only on https and localhost; an office intranet may serve plain http. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface SubmitOptions {
  files: File[];
  idempotencyKey: string;
  onProgress: (fraction: number) => void;
}

/** JSON without files, multipart (`data` + `files`) with them. */
function submit<S extends z.ZodType>(path: string, data: unknown, schema: S, opts: SubmitOptions) {
  const headers = { 'Idempotency-Key': opts.idempotencyKey };
  if (opts.files.length === 0) return call('POST', path, schema, data, headers);
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  for (const f of opts.files) form.append('files', f, f.name);
  return upload(path, form, schema, headers, opts.onProgress);
}

const seg = (s: string) => encodeURIComponent(s);

export const publicApi = {
  landing: (code: string): Promise<TPublicLanding> => call('GET', `/api/public/codes/${seg(code)}`, ZPublicLanding),
  report: (code: string, data: unknown, opts: SubmitOptions): Promise<{ receipt: string }> =>
    submit(`/api/public/codes/${seg(code)}/reports`, data, ZReceiptIssued, opts),
  lookup: (receipt: string): Promise<TPublicReportView> =>
    call('POST', '/api/public/receipts', ZPublicReportView, { receipt }),
  followUp: (receipt: string, body: string, opts: SubmitOptions): Promise<TPublicReportView> =>
    submit('/api/public/receipts/messages', { receipt, body }, ZPublicReportView, opts),
  survey: (x: string): Promise<TPublicSurvey> => call('GET', `/api/public/surveys/${seg(x)}`, ZPublicSurvey),
  answer: (x: string, answers: TSurveyAnswers, idempotencyKey: string): Promise<{ verified: boolean }> =>
    call(
      'POST',
      `/api/public/surveys/${seg(x)}/answers`,
      ZAnswerAccepted,
      { answers },
      {
        'Idempotency-Key': idempotencyKey,
        'X-Client-Id': deviceId(),
      },
    ),
};

/**
 * A random id for this phone, so that phones sharing one network (a unit's Wi-Fi) each get the
 * survey's per-phone cap for open QR codes. It names nothing: the server keeps it in memory only,
 * next to a hash of the address, to count answers; it is never stored with an answer or a report.
 */
function deviceId(): string {
  const KEY = 'xc-survey-device';
  try {
    let id = localStorage.getItem(KEY);
    if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
      id = crypto.randomUUID().replaceAll('-', '');
      localStorage.setItem(KEY, id);
    }
    return id;
  } catch {
    // Private browsing without storage: the address alone decides the cap.
    return crypto.randomUUID().replaceAll('-', '');
  }
}
