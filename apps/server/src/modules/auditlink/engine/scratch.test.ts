import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Scratch } from './scratch.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-scratch-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('scratch folder', () => {
  it('keeps working copies private and short-lived, and clears what dead processes left', async () => {
    // A folder left by a process that no longer runs (pid beyond the kernel's range).
    const stale = path.join(root, 'xc-auditlink-2147483646-abc');
    fs.mkdirSync(stale);
    fs.writeFileSync(path.join(stale, 'left.csv'), '11010519491231002X');
    const alive = path.join(root, `xc-auditlink-${process.ppid}-def`);
    fs.mkdirSync(alive);
    const s = Scratch.create(root);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(alive)).toBe(true);
    expect(fs.statSync(s.dir).mode & 0o777).toBe(0o700);
    const seen = await s.withFile('parquet', Buffer.from('x'), async (file) => {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      return file;
    });
    expect(fs.existsSync(seen)).toBe(false);
    await expect(s.withFile('csv', Buffer.from('x'), async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(fs.readdirSync(s.dir)).toEqual([]);
    Scratch.create(root).dispose();
    expect(fs.existsSync(s.dir)).toBe(true);
    s.dispose();
    expect(fs.existsSync(s.dir)).toBe(false);
  });
});
