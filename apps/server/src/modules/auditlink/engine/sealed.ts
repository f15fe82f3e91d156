import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import { AppError, ErrorCode } from '@xc/domain';
import type { KeyRing } from '../../../platform/keys.ts';

/**
 * Datasets hold personal data, so the Parquet files under the data folder are sealed with the
 * installation's field key (security.md, Cryptography). DuckDB's own Parquet encryption cannot
 * write here (it needs an extension fetched from the internet, which offices do not have), so the
 * file is sealed whole:
 *
 *   "XCALPQ01" ‖ keyVersion (u32 BE) ‖ IV (16) ‖ headerLength (u32 BE) ‖ header (JSON) ‖
 *   SM4-CTR(encKey, IV, parquet) ‖ HMAC-SM3(macKey, everything before)
 *
 * Encrypt-then-MAC: the tag covers the header too (the dataset id it belongs to, its row count, the
 * SM3 of the uploaded file), and is checked before a single byte is decrypted, so a changed,
 * truncated or swapped file is refused instead of being parsed. The two keys are derived from the
 * field key of the version named in the file, so a file sealed before a key rotation still opens
 * and `reseal` moves it to the current key.
 */

const MAGIC = Buffer.from('XCALPQ01', 'latin1');
const MAC_BYTES = 32;
const PREFIX_BYTES = MAGIC.length + 4 + 16 + 4;
const CHUNK = 4 * 1024 * 1024;

export interface SealKey {
  enc: Buffer;
  mac: Buffer;
}

/** The keys of every field-key version of the ring, and the version new files are sealed with. */
export interface SealKeys {
  current: number;
  byVersion: Map<number, SealKey>;
}

/** HMAC-SM3 with a distinct label per purpose: the encryption and MAC keys never coincide with each other or the field key. */
export function deriveSealKeys(ring: KeyRing): SealKeys {
  const byVersion = new Map<number, SealKey>();
  for (const [v, fieldKey] of ring.fieldKeys)
    byVersion.set(v, {
      enc: createHmac('sm3', fieldKey).update('xc/auditlink/dataset/sm4-ctr/v1').digest().subarray(0, 16),
      mac: createHmac('sm3', fieldKey).update('xc/auditlink/dataset/hmac-sm3/v1').digest(),
    });
  return { current: ring.current, byVersion };
}

/** What the sealed file says about its contents; authenticated, not secret (no personal data). */
export interface SealedHeader {
  datasetId: string;
  rows: number;
  /** SM3 of the file as it was uploaded. */
  checksum: string;
  [k: string]: unknown;
}

/** A sealed file that does not open: changed, truncated, sealed for another dataset or with a key the ring lacks (422). */
export class SealedFileError extends AppError {
  constructor(message: string) {
    super(ErrorCode.Unprocessable, message);
    this.name = 'SealedFileError';
  }
}

/**
 * Seals `plain` into `file`: written next to it under a temporary name, then renamed, so a reader
 * never sees half a file and a crash leaves no plaintext behind (the data folder only ever holds
 * ciphertext).
 */
export async function writeSealed(file: string, plain: Buffer, header: SealedHeader, keys: SealKeys): Promise<void> {
  const key = keys.byVersion.get(keys.current) as SealKey;
  const iv = randomBytes(16);
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(PREFIX_BYTES);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32BE(keys.current, MAGIC.length);
  iv.copy(prefix, MAGIC.length + 4);
  prefix.writeUInt32BE(head.length, MAGIC.length + 20);
  const mac = createHmac('sm3', key.mac).update(prefix).update(head);
  const cipher = createCipheriv('sm4-ctr', key.enc, iv);
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fh = await fs.open(tmp, 'wx', 0o600);
  try {
    await fh.write(prefix);
    await fh.write(head);
    for (let off = 0; off < plain.length; off += CHUNK) {
      const ct = cipher.update(plain.subarray(off, Math.min(plain.length, off + CHUNK)));
      mac.update(ct);
      await fh.write(ct);
    }
    const last = cipher.final();
    if (last.length) {
      mac.update(last);
      await fh.write(last);
    }
    await fh.write(mac.digest());
    await fh.sync();
  } catch (e) {
    await fh.close();
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  await fs.rename(tmp, file);
}

/**
 * Opens a sealed file: the whole file is read once (so it cannot change between the check and the
 * use), its tag checked, then decrypted. `datasetId` must be the one the file was sealed for.
 */
export async function readSealed(
  file: string,
  datasetId: string,
  keys: SealKeys,
): Promise<{ header: SealedHeader; plain: Buffer; keyVersion: number }> {
  const buf = await fs.readFile(file);
  if (buf.length < PREFIX_BYTES + MAC_BYTES || !buf.subarray(0, MAGIC.length).equals(MAGIC))
    throw new SealedFileError('数据集文件格式不正确');
  const version = buf.readUInt32BE(MAGIC.length);
  const key = keys.byVersion.get(version);
  if (!key) throw new SealedFileError(`数据集文件使用的密钥版本 ${version} 不在密钥文件中`);
  const headLength = buf.readUInt32BE(MAGIC.length + 20);
  const bodyStart = PREFIX_BYTES + headLength;
  const macStart = buf.length - MAC_BYTES;
  if (bodyStart > macStart) throw new SealedFileError('数据集文件已损坏');
  const expected = createHmac('sm3', key.mac).update(buf.subarray(0, macStart)).digest();
  if (!timingSafeEqual(expected, buf.subarray(macStart)))
    throw new SealedFileError('数据集文件校验失败：文件已被改动或密钥不符');
  const header = JSON.parse(buf.subarray(PREFIX_BYTES, bodyStart).toString('utf8')) as SealedHeader;
  if (header.datasetId !== datasetId) throw new SealedFileError('数据集文件与数据集编号不符');
  const iv = buf.subarray(MAGIC.length + 4, MAGIC.length + 20);
  const decipher = createDecipheriv('sm4-ctr', key.enc, iv);
  const body = decipher.update(buf.subarray(bodyStart, macStart));
  const tail = decipher.final();
  const plain = tail.length ? Buffer.concat([body, tail]) : body;
  return { header, plain, keyVersion: version };
}
