import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cryptoProvider } from './crypto.ts';

/**
 * The secrets that must survive restarts and be the same on every API instance, kept in one key
 * file outside the data folder (security.md, Cryptography): field-encryption keys by version (the
 * newest encrypts, all decrypt, so keys can rotate), the salt of receipt hashes and the key that
 * signs single-use survey links. A backup of the database does not contain them: back the key
 * file up separately, or named reporters' identities cannot be read after a restore.
 */
export interface KeyRing {
  current: number;
  fieldKeys: Map<number, Buffer>;
  receiptSalt: Buffer;
  tokenKey: Buffer;
  /** Signs the audit chain's head checkpoint (HMAC-SM3): a re-chained log cannot re-sign it. */
  auditKey: Buffer;
  /** Encrypts (SM4) and authenticates (HMAC-SM3) backups. */
  backupKey: Buffer;
}

interface KeyFile {
  format: 'xc-keys';
  current: number;
  fieldKeys: Record<string, string>;
  receiptSalt: string;
  tokenKey: string;
  auditKey?: string;
  backupKey?: string;
}

/** Keys added after the first release: a key file that lacks one gets it (written back atomically). */
const LATER_KEYS = ['auditKey', 'backupKey'] as const;

export function loadKeyRing(file: string): KeyRing {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const fresh: KeyFile = {
      format: 'xc-keys',
      current: 1,
      fieldKeys: { '1': randomBytes(16).toString('hex') },
      receiptSalt: randomBytes(16).toString('hex'),
      tokenKey: randomBytes(32).toString('hex'),
      auditKey: randomBytes(32).toString('hex'),
      backupKey: randomBytes(32).toString('hex'),
    };
    // wx: two processes starting together must not each write their own keys.
    try {
      fs.writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  let k = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  if (k.format !== 'xc-keys' || !k.fieldKeys?.[String(k.current)])
    throw new Error(`Key file ${file} is not valid: it must name the current field key`);
  if (LATER_KEYS.some((name) => !k[name])) {
    const added = { ...k };
    for (const name of LATER_KEYS) added[name] ??= randomBytes(32).toString('hex');
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(added, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, file);
    k = added;
  }
  const fieldKeys = new Map<number, Buffer>();
  for (const [v, hex] of Object.entries(k.fieldKeys)) {
    const b = Buffer.from(hex, 'hex');
    if (b.length !== 16) throw new Error(`Key file ${file}: field key ${v} must be 16 bytes`);
    fieldKeys.set(Number(v), b);
  }
  return {
    current: k.current,
    fieldKeys,
    receiptSalt: Buffer.from(k.receiptSalt, 'hex'),
    tokenKey: Buffer.from(k.tokenKey, 'hex'),
    auditKey: Buffer.from(k.auditKey as string, 'hex'),
    backupKey: Buffer.from(k.backupKey as string, 'hex'),
  };
}

/** A fresh ring in memory, for tests and benchmarks that never restart. */
export function memoryKeyRing(): KeyRing {
  return {
    current: 1,
    fieldKeys: new Map([[1, randomBytes(16)]]),
    receiptSalt: randomBytes(16),
    tokenKey: randomBytes(32),
    auditKey: randomBytes(32),
    backupKey: randomBytes(32),
  };
}

/**
 * Field encryption at rest: SM4-GCM with a fresh 12-byte IV per value and AAD = table|id|column|
 * keyVersion, so a ciphertext copied to another row or column does not decrypt. Stored as
 * `v<keyVersion>.<iv>.<ciphertext>.<tag>` in base64url.
 */
export class FieldCipher {
  constructor(private readonly ring: KeyRing) {}

  encrypt(table: string, id: string, column: string, plain: string): string {
    const v = this.ring.current;
    const key = this.ring.fieldKeys.get(v) as Buffer;
    const iv = randomBytes(12);
    const { ct, tag } = cryptoProvider.sm4GcmEncrypt(key, iv, aad(table, id, column, v), Buffer.from(plain, 'utf8'));
    return `v${v}.${iv.toString('base64url')}.${ct.toString('base64url')}.${tag.toString('base64url')}`;
  }

  decrypt(table: string, id: string, column: string, stored: string): string {
    const m = /^v(\d+)\.([\w-]+)\.([\w-]*)\.([\w-]+)$/.exec(stored);
    if (!m) throw new Error('Encrypted field has an unknown format');
    const v = Number(m[1]);
    const key = this.ring.fieldKeys.get(v);
    if (!key) throw new Error(`Field key version ${v} is not in the key file`);
    const b = (s: string | undefined) => Buffer.from(s ?? '', 'base64url');
    return cryptoProvider.sm4GcmDecrypt(key, b(m[2]), aad(table, id, column, v), b(m[3]), b(m[4])).toString('utf8');
  }
}

function aad(table: string, id: string, column: string, v: number): Buffer {
  return Buffer.from(`${table}|${id}|${column}|${v}`, 'utf8');
}
