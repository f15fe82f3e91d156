import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode, httpStatusOf } from './errors.ts';

describe('ErrorCode', () => {
  it('maps every code to an HTTP error status, and nothing else', () => {
    const codes = Object.values(ErrorCode);
    expect(Object.keys(httpStatusOf).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      const status = httpStatusOf[code];
      expect(Number.isInteger(status), code).toBe(true);
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
    }
  });

  it('has unique code strings', () => {
    const codes = Object.values(ErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('uses the statuses the API promises', () => {
    expect(httpStatusOf[ErrorCode.BadRequest]).toBe(400);
    expect(httpStatusOf[ErrorCode.Unauthenticated]).toBe(401);
    expect(httpStatusOf[ErrorCode.Forbidden]).toBe(403);
    expect(httpStatusOf[ErrorCode.NotFound]).toBe(404);
    expect(httpStatusOf[ErrorCode.VersionConflict]).toBe(409);
    expect(httpStatusOf[ErrorCode.RateLimited]).toBe(429);
    expect(httpStatusOf[ErrorCode.PayloadTooLarge]).toBe(413);
    expect(httpStatusOf[ErrorCode.ImportInvalid]).toBe(422);
    expect(httpStatusOf[ErrorCode.Internal]).toBe(500);
  });

  it('answers a wrong password and an unknown account alike', () => {
    expect(httpStatusOf[ErrorCode.InvalidCredentials]).toBe(httpStatusOf[ErrorCode.Unauthenticated]);
  });
});

describe('AppError', () => {
  it('carries code, Chinese message, details and the mapped status', () => {
    const e = new AppError(ErrorCode.VersionConflict, '记录已被他人修改', { version: 3 });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('AppError');
    expect(e.code).toBe('VERSION_CONFLICT');
    expect(e.message).toBe('记录已被他人修改');
    expect(e.details).toEqual({ version: 3 });
    expect(e.status).toBe(409);
  });

  it('has a status for every code', () => {
    for (const code of Object.values(ErrorCode)) expect(new AppError(code, 'x').status).toBe(httpStatusOf[code]);
  });
});
