import { AppError, ErrorCode } from '@xc/domain';

/** Keyset pagination: the cursor is the sort key of the last row, opaque to the client. */
export function decodeCursor(c: string | undefined): string[] | null {
  if (!c) return null;
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
  } catch {
    // fall through
  }
  throw new AppError(ErrorCode.BadRequest, '分页游标无效');
}

export const encodeCursor = (v: (string | number)[]) => Buffer.from(JSON.stringify(v)).toString('base64url');
