/**
 * Error codes shared by server and web. The server maps each code to one HTTP status in its
 * error handler; the web shows `message` (Chinese) and may branch on `code`.
 */
export const ErrorCode = {
  BadRequest: 'BAD_REQUEST',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  VersionConflict: 'VERSION_CONFLICT',
  Unprocessable: 'UNPROCESSABLE',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMedia: 'UNSUPPORTED_MEDIA',
  RateLimited: 'RATE_LIMITED',
  CsrfFailed: 'CSRF_FAILED',
  AccountLocked: 'ACCOUNT_LOCKED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  PasswordChangeRequired: 'PASSWORD_CHANGE_REQUIRED',
  PasswordPolicy: 'PASSWORD_POLICY',
  ReauthRequired: 'REAUTH_REQUIRED',
  TotpRequired: 'TOTP_REQUIRED',
  TotpEnrolmentRequired: 'TOTP_ENROLMENT_REQUIRED',
  TlsRequired: 'TLS_REQUIRED',
  ImportInvalid: 'IMPORT_INVALID',
  RecusalConflict: 'RECUSAL_CONFLICT',
  Internal: 'INTERNAL',
  Unavailable: 'UNAVAILABLE',
} as const;
export type TErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const httpStatusOf: Record<TErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  UNPROCESSABLE: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  RATE_LIMITED: 429,
  CSRF_FAILED: 403,
  ACCOUNT_LOCKED: 423,
  INVALID_CREDENTIALS: 401,
  PASSWORD_CHANGE_REQUIRED: 403,
  PASSWORD_POLICY: 400,
  REAUTH_REQUIRED: 401,
  TOTP_REQUIRED: 401,
  TOTP_ENROLMENT_REQUIRED: 403,
  TLS_REQUIRED: 403,
  IMPORT_INVALID: 422,
  RECUSAL_CONFLICT: 409,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return httpStatusOf[this.code];
  }
}

export const ZErrorBody = {
  description: 'Error',
} as const;
