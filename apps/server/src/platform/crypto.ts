import { createCipheriv, createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { sm4 } from 'sm-crypto-v2';

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
  hmacSm3(key: Buffer, data: string | Buffer): Buffer {
    return createHmac('sm3', key).update(data).digest();
  },
  /** SM4-GCM (Node 20 has no sm4-gcm, so sm-crypto-v2 does it; RFC 8998 vector checked at start). */
  sm4GcmEncrypt(key: Buffer, iv: Buffer, aad: Buffer, plain: Buffer): { ct: Buffer; tag: Buffer } {
    const r = sm4.encrypt(u8(plain), u8(key), {
      mode: 'gcm',
      iv: u8(iv),
      associatedData: u8(aad),
      padding: 'none',
      output: 'array',
      outputTag: true,
    });
    return { ct: Buffer.from(r.output), tag: Buffer.from(r.tag as Uint8Array) };
  },
  /** Throws when the tag does not match: a changed ciphertext, IV or AAD never decrypts. */
  sm4GcmDecrypt(key: Buffer, iv: Buffer, aad: Buffer, ct: Buffer, tag: Buffer): Buffer {
    const out = sm4.decrypt(u8(ct), u8(key), {
      mode: 'gcm',
      iv: u8(iv),
      associatedData: u8(aad),
      padding: 'none',
      output: 'array',
      tag: u8(tag),
    });
    return Buffer.from(out);
  },
  equal(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  },
};

const u8 = (b: Buffer) => Uint8Array.from(b);

/** GB/T 32905-2016 example 1: SM3("abc"). */
const SM3_ABC = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';

export function runCryptoSelfTests(): void {
  if (cryptoProvider.sm3('abc') !== SM3_ABC) throw new Error('SM3 known-answer test failed');
  // GB/T 32907-2016 appendix A example 1; field encryption (later modules) builds on SM4.
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
  const c = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
  const out = Buffer.concat([c.update(key), c.final()]).toString('hex');
  if (out !== '681edf34d206965e86b3e94f536e4246') throw new Error('SM4 known-answer test failed');
  // RFC 8998 appendix A.1: SM4-GCM, used for field encryption at rest.
  const hex = (s: string) => Buffer.from(s, 'hex');
  const pt = hex(
    'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccccccccccccccddddddddddddddddeeeeeeeeeeeeeeeeffffffffffffffffeeeeeeeeeeeeeeeeaaaaaaaaaaaaaaaa',
  );
  const iv = hex('00001234567800000000abcd');
  const aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
  const g = cryptoProvider.sm4GcmEncrypt(key, iv, aad, pt);
  if (
    g.ct.toString('hex') !==
      '17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d' ||
    g.tag.toString('hex') !== '83de3541e4c2b58177e065a9bf7b62ec' ||
    !cryptoProvider.sm4GcmDecrypt(key, iv, aad, g.ct, g.tag).equals(pt)
  )
    throw new Error('SM4-GCM known-answer test failed');
}
