import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DataDirExposed, exposedEntries, openInDataDir, prepareDataDir } from './data-dir.ts';
import { openDatabase } from './db.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-datadir-'));
const umask = process.umask();
afterEach(() => {
  process.umask(umask);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const q = path.join(dir, e.name);
    out.push(q);
    if (e.isDirectory()) out.push(...walk(q));
  }
  return out;
}

describe('the data folder', () => {
  it('is created 0700, and holds only 0600 files and 0700 folders once the database is open and written', async () => {
    const dir = path.join(root, 'fresh', 'data');
    process.umask(0o022);
    const d = await openInDataDir(dir, () => openDatabase({ dataDir: dir }));
    await d.db.execute('create table at_rest_probe (x int)');
    await d.db.execute('insert into at_rest_probe values (1)');
    await d.close();
    expect(modeOf(dir)).toBe(0o700);
    const files = walk(dir);
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) expect(modeOf(f) & 0o077, f).toBe(0);
    // A second start on the same folder is fine.
    const again = await openInDataDir(dir, () => openDatabase({ dataDir: dir }));
    await again.close();
    expect(exposedEntries(dir)).toEqual([]);
  });

  it('refuses a folder readable by others, naming it and the chmod to run, and writes nothing', () => {
    const dir = path.join(root, 'old');
    fs.mkdirSync(path.join(dir, 'pglite', 'base'), { recursive: true });
    fs.chmodSync(dir, 0o755);
    const file = path.join(dir, 'pglite', 'base', '1259');
    fs.writeFileSync(file, 'x');
    fs.chmodSync(file, 0o644);
    let err: unknown;
    try {
      prepareDataDir(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataDirExposed);
    const msg = (err as Error).message;
    expect(msg).toContain(`数据目录 ${dir} 的权限为 0755`);
    expect(msg).toContain(`chmod -R go-rwx '${dir}'`);
    expect(msg).toContain('other users of this machine can read');
    expect(modeOf(file)).toBe(0o644);
    // After the chmod the operator is told to run, it starts; what is inside is tightened too.
    fs.chmodSync(dir, 0o700);
    prepareDataDir(dir);
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(path.join(dir, 'pglite'))).toBe(0o700);
  });

  it('does not follow links out of the folder', () => {
    const dir = path.join(root, 'linked');
    fs.mkdirSync(dir, { mode: 0o700 });
    fs.symlinkSync('/etc', path.join(dir, 'etc'));
    prepareDataDir(dir);
    expect(modeOf('/etc')).not.toBe(0o700);
  });
});
