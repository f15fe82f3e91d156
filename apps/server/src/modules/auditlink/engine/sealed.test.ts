import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type KeyRing, memoryKeyRing } from '../../../platform/keys.ts';
import { deriveSealKeys, readSealed, SealedFileError, writeSealed } from './sealed.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-sealed-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const MARKER = 'PLAINTEXT-MARKER-身份证号-11010519491231002X';
const plain = Buffer.concat([Buffer.from(MARKER), randomBytes(100_000), Buffer.from(MARKER)]);
const header = { datasetId: 'ds-1', rows: 3, checksum: 'abc' };

describe('sealed dataset files', () => {
  it('round-trip, and hold no plaintext', async () => {
    const ring = memoryKeyRing();
    const file = path.join(dir, 'a.enc');
    await writeSealed(file, plain, header, deriveSealKeys(ring));
    const raw = fs.readFileSync(file);
    expect(raw.includes(Buffer.from(MARKER))).toBe(false);
    expect(raw.includes(Buffer.from('11010519491231002X'))).toBe(false);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const opened = await readSealed(file, 'ds-1', deriveSealKeys(ring));
    expect(opened.plain.equals(plain)).toBe(true);
    expect(opened.header).toEqual(header);
    expect(opened.keyVersion).toBe(1);
  });

  it('cannot be read without the key, and refuses any change before decrypting', async () => {
    const ring = memoryKeyRing();
    const file = path.join(dir, 'b.enc');
    await writeSealed(file, plain, header, deriveSealKeys(ring));
    await expect(readSealed(file, 'ds-1', deriveSealKeys(memoryKeyRing()))).rejects.toBeInstanceOf(SealedFileError);
    const good = fs.readFileSync(file);
    for (const at of [9, 40, 60, Math.floor(good.length / 2), good.length - 1]) {
      const bad = Buffer.from(good);
      bad[at] = (bad[at] as number) ^ 0x01;
      fs.writeFileSync(file, bad);
      await expect(readSealed(file, 'ds-1', deriveSealKeys(ring))).rejects.toBeInstanceOf(SealedFileError);
    }
    fs.writeFileSync(file, good.subarray(0, good.length - 100));
    await expect(readSealed(file, 'ds-1', deriveSealKeys(ring))).rejects.toThrow(/校验失败|损坏/);
    fs.writeFileSync(file, good);
    // A file copied over another dataset's is refused: the header it is sealed with names its own.
    await expect(readSealed(file, 'ds-2', deriveSealKeys(ring))).rejects.toThrow('数据集文件与数据集编号不符');
  });

  it('opens files sealed under an older field key after a rotation', async () => {
    const ring: KeyRing = memoryKeyRing();
    const file = path.join(dir, 'c.enc');
    await writeSealed(file, plain, header, deriveSealKeys(ring));
    const rotated: KeyRing = { ...ring, current: 2, fieldKeys: new Map([...ring.fieldKeys, [2, randomBytes(16)]]) };
    const old = await readSealed(file, 'ds-1', deriveSealKeys(rotated));
    expect(old.keyVersion).toBe(1);
    await writeSealed(file, old.plain, old.header, deriveSealKeys(rotated));
    const fresh = await readSealed(file, 'ds-1', deriveSealKeys(rotated));
    expect(fresh.keyVersion).toBe(2);
    expect(fresh.plain.equals(plain)).toBe(true);
    await expect(readSealed(file, 'ds-1', deriveSealKeys(ring))).rejects.toThrow(/密钥版本 2/);
  });

  it('derives distinct keys for encryption and authentication', () => {
    const k = deriveSealKeys(memoryKeyRing()).byVersion.get(1);
    expect(k?.enc.length).toBe(16);
    expect(k?.mac.length).toBe(32);
    expect(k?.mac.subarray(0, 16).equals(k?.enc as Buffer)).toBe(false);
  });
});
