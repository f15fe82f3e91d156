import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * TOTP second factor (RFC 6238 over RFC 4226 HOTP; security.md, Identity; 等保 L3 8.1.4.1 d).
 * SHA-1 is what ordinary authenticator apps implement; SM3 (HMAC-SM3) is offered for the domestic
 * tokens that support it. Codes are 6 digits for 30-second steps; one step either side is accepted
 * for clock drift, and the step a code was accepted for is recorded so no code works twice.
 */
export type TotpAlgorithm = 'SHA1' | 'SM3';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of now (RFC 6238 §5.2: at most one transmission delay step). */
export const TOTP_WINDOW = 1;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(s: string): Buffer {
  const clean = s.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const v = BASE32.indexOf(ch);
    if (v < 0) throw new RangeError('密钥不是有效的 Base32 文本');
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommended length). */
export function newTotpSecret(): Buffer {
  return randomBytes(20);
}

/** HOTP (RFC 4226 §5.3) with the algorithm's HMAC; `digits` decimal digits. */
export function hotp(secret: Buffer, counter: number, algorithm: TotpAlgorithm, digits = TOTP_DIGITS): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm === 'SM3' ? 'sm3' : 'sha1', secret)
    .update(msg)
    .digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const bin =
    (((mac[offset] as number) & 0x7f) << 24) |
    ((mac[offset + 1] as number) << 16) |
    ((mac[offset + 2] as number) << 8) |
    (mac[offset + 3] as number);
  return String(bin % 10 ** digits).padStart(digits, '0');
}

export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/**
 * The step a code is valid for within the window around `at`, or null. A code for a step at or
 * before `lastUsedStep` is refused: each code works once, and an older one never after a newer.
 */
export function verifyTotp(
  secret: Buffer,
  code: string,
  at: Date,
  algorithm: TotpAlgorithm,
  lastUsedStep: number | null,
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = totpStep(at);
  for (let d = -TOTP_WINDOW; d <= TOTP_WINDOW; d++) {
    const step = now + d;
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    const want = Buffer.from(hotp(secret, step, algorithm));
    if (timingSafeEqual(want, Buffer.from(code))) return step;
  }
  return null;
}

/** The otpauth:// URI an authenticator app scans (Key Uri Format). */
export function otpauthUri(issuer: string, account: string, secret: Buffer, algorithm: TotpAlgorithm): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const q = new URLSearchParams({
    secret: base32Encode(secret),
    issuer,
    algorithm,
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${q.toString()}`;
}

/** Recovery codes: 10 of 10 characters each, grouped for reading (xxxxx-xxxxx), shown once. */
export function newRecoveryCodes(n = 10): string[] {
  const alphabet = '23456789abcdefghjkmnpqrstuvwxyz';
  return Array.from({ length: n }, () => {
    const s = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}

export function normalizeRecoveryCode(s: string): string {
  return s.toLowerCase().replace(/[^0-9a-z]/g, '');
}
