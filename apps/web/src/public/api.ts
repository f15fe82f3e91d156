import {
  type TPublicLanding,
  type TPublicNotice,
  type TPublicReportView,
  type TPublicSurvey,
  type TSurveyAnswers,
  ZAnswerAccepted,
  ZPublicLanding,
  ZPublicNotice,
  ZPublicReportView,
  ZPublicSurvey,
  ZReceiptIssued,
} from '@xc/domain';
import type { z } from 'zod';
import { createHttp, type HttpAnswer, randomId } from '../api/http-core.ts';

/**
 * The public pages' only way to the server: /api/public/... through the shared core
 * (api/http-core.ts, no React, no antd) without cookies, referrer or cache, and with messages a
 * citizen can act on.
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

function toError({ status, body }: HttpAnswer): PublicError {
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

const http = createHttp({
  credentials: 'omit',
  init: { referrerPolicy: 'no-referrer', cache: 'no-store' },
  failure: toError,
  noAnswer: (why) => new PublicError(0, 'NETWORK', why === 'aborted' ? '上传已取消' : NETWORK_MESSAGE),
});

function checked<S extends z.ZodType>(schema: S, answer: HttpAnswer): z.infer<S> {
  const r = schema.safeParse(answer.body ?? null);
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
  return checked(schema, await http.call(method, path, { json: body, headers }));
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
  return http.upload(path, form, { headers, onProgress: opts.onProgress }).then((a) => checked(schema, a));
}

const seg = (s: string) => encodeURIComponent(s);

export const publicApi = {
  /** 整改情况公示: the published rectification results of one batch (双公开). */
  notice: (id: string): Promise<TPublicNotice> =>
    call('GET', `/api/public/publication-batches/${seg(id)}`, ZPublicNotice),
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
      id = randomId().replaceAll('-', '');
      localStorage.setItem(KEY, id);
    }
    return id;
  } catch {
    // Private browsing without storage: the address alone decides the cap.
    return randomId().replaceAll('-', '');
  }
}
