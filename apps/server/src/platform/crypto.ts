import { createCipheriv, createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * The one place cryptography is chosen (security.md, Cryptography). SM3 comes from Node's OpenSSL.
 * Known-answer tests run at start; a wrong answer stops the server rather than writing a chain
 * nobody can verify.
 */
export const cryptoProvider = {
  sm3(data: string | Buffer): string {
    return createHash('sm3').update(data).digest('hex');
  },
  randomToken(bytes = 32): string {
    return randomBytes(bytes).toString('base64url');
  },
  /** A password of `length` characters that passes the default policy (all four classes). */
  randomPassword(length = 14): string {
    const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#%^*-_=+'];
    const all = sets.join('');
    const chars = sets.map((s) => s[randomInt(s.length)] as string);
    while (chars.length < length) chars.push(all[randomInt(all.length)] as string);
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
    }
    return chars.join('');
  },
  equal(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  },
};

/** GB/T 32905-2016 example 1: SM3("abc"). */
const SM3_ABC = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';

export function runCryptoSelfTests(): void {
  if (cryptoProvider.sm3('abc') !== SM3_ABC) throw new Error('SM3 known-answer test failed');
  // GB/T 32907-2016 appendix A example 1; field encryption (later modules) builds on SM4.
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
  const c = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
  const out = Buffer.concat([c.update(key), c.final()]).toString('hex');
  if (out !== '681edf34d206965e86b3e94f536e4246') throw new Error('SM4 known-answer test failed');
}
