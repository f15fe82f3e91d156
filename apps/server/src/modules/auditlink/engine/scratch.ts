import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Where plaintext working copies live while they are used (the upload being parsed, a Parquet file
 * being loaded): /dev/shm when the machine has it, so they are in memory and never on a disk from
 * which a deleted file could be recovered; else the system's temporary folder. Each engine gets
 * its own folder (mode 0700), each file is created exclusively with mode 0600 and removed as soon
 * as it has served.
 */
export function defaultScratchRoot(): string {
  try {
    if (fs.statSync('/dev/shm').isDirectory()) {
      fs.accessSync('/dev/shm', fs.constants.W_OK);
      return '/dev/shm';
    }
  } catch {
    // No /dev/shm (macOS, Windows, some containers): the system's temporary folder it is.
  }
  return os.tmpdir();
}

export class Scratch {
  /** Uses `dir`, which exists (the engine's folder, seen from its worker). */
  constructor(readonly dir: string) {}

  /**
   * A new folder of its own under `root`, named after this process. Folders left there by engines
   * whose process is gone (killed, crashed) are removed first: whatever plaintext they still hold
   * goes now rather than at the next reboot.
   */
  static create(root: string): Scratch {
    removeStale(root);
    const dir = fs.mkdtempSync(path.join(root, `xc-auditlink-${process.pid}-`));
    fs.chmodSync(dir, 0o700);
    created.add(dir);
    return new Scratch(dir);
  }

  /** A subfolder (mode 0700), created if need be. */
  mkdir(name: string): string {
    const p = path.join(this.dir, name);
    fs.mkdirSync(p, { recursive: true, mode: 0o700 });
    return p;
  }

  /** A fresh path in the folder; nothing is created. */
  path(ext: string): string {
    return path.join(this.dir, `${randomBytes(9).toString('hex')}.${ext}`);
  }

  /** Creates an empty file readable only by this process's user and returns its path. */
  create(ext: string): string {
    const p = this.path(ext);
    fs.closeSync(fs.openSync(p, 'wx', 0o600));
    return p;
  }

  /** Writes `data` to a new 0600 file and returns its path. */
  async write(ext: string, data: Uint8Array): Promise<string> {
    const p = this.path(ext);
    await fs.promises.writeFile(p, data, { mode: 0o600, flag: 'wx' });
    return p;
  }

  /** Runs `fn` with `data` as a file, removing the file whatever happens. */
  async withFile<T>(ext: string, data: Uint8Array, fn: (file: string) => Promise<T>): Promise<T> {
    const p = await this.write(ext, data);
    try {
      return await fn(p);
    } finally {
      remove(p);
    }
  }

  /** Removes the folder and whatever is still in it. */
  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
    created.delete(this.dir);
  }
}

/** The folders this process's engines use. */
const created = new Set<string>();

function removeStale(root: string): void {
  for (const name of fs.readdirSync(root)) {
    const m = /^xc-auditlink-(\d+)-/.exec(name);
    const dir = path.join(root, name);
    if (!m || created.has(dir)) continue;
    try {
      process.kill(Number(m[1]), 0);
    } catch (e) {
      // ESRCH: no such process. EPERM means it runs under another user: not ours to touch.
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

export function remove(file: string | null | undefined): void {
  if (file) fs.rmSync(file, { force: true });
}
