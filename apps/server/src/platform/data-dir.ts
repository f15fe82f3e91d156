import fs from 'node:fs';
import path from 'node:path';

/**
 * The data folder holds the embedded database, the audit checkpoint and the demo credentials
 * (issue 10, item 8): nobody but the account running the server may read it.
 *
 * At start, before anything writes there, the process's umask becomes 077 (files 0600, folders
 * 0700 from then on) and the folder is created 0700. A folder that already lets group or others
 * in — a copy from an older version, an unpacked backup — is refused with the chmod that fixes
 * it. What is inside is then tightened to 0600 / 0700: PGlite writes its initial database through
 * its own file layer, which sets 0666 on ~970 files whatever the umask (measured with PGlite
 * 0.5.16), so the files are tightened again once the database is open. Inside a 0700 folder they
 * were never reachable by others; tight modes keep it so in copies of the folder.
 */
export class DataDirExposed extends Error {}

const WALK_LIMIT = 200_000;

/** Before the database opens: umask, the folder 0700 (or refused), and its contents tightened. */
export function prepareDataDir(dir: string): void {
  process.umask(0o077);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Windows has no mode bits; its folder's ACL is the operator's.
  if (process.platform === 'win32') return;
  const mode = fs.statSync(dir).mode & 0o777;
  if (mode & 0o077) {
    const octal = `0${mode.toString(8)}`;
    const fix = `chmod -R go-rwx '${dir.replaceAll("'", "'\\''")}'`;
    throw new DataDirExposed(
      [
        `数据目录 ${dir} 的权限为 ${octal}，本机其他用户可以读取其中的数据库文件。请执行 ${fix} 后再启动。`,
        `The data folder ${dir} has mode ${octal}: other users of this machine can read the database in it. Run ${fix} and start again.`,
      ].join('\n'),
    );
  }
  tightenDataDir(dir);
}

/**
 * Opens the database with the folder prepared before and its new files tightened after: the one
 * call a start needs (`openInDataDir(config.dataDir, () => openDatabase(…))`).
 */
export async function openInDataDir<T>(dir: string, open: () => Promise<T>): Promise<T> {
  prepareDataDir(dir);
  const opened = await open();
  if (process.platform !== 'win32') tightenDataDir(dir);
  return opened;
}

/** Removes group and other access from everything inside the folder (links are not followed); returns how many changed. */
export function tightenDataDir(dir: string): number {
  let changed = 0;
  for (const e of exposedEntries(dir)) {
    fs.chmodSync(e.path, e.mode & 0o700);
    changed++;
  }
  return changed;
}

/** The folder and everything in it that grants group or others any access. */
export function exposedEntries(dir: string): { path: string; mode: number }[] {
  const out: { path: string; mode: number }[] = [];
  const queue = [dir];
  for (let i = 0; i < queue.length && i < WALK_LIMIT; i++) {
    const p = queue[i] as string;
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      // Removed while walking (PGlite's temporary files): nothing left to protect.
      continue;
    }
    if (st.isSymbolicLink()) continue;
    if (st.mode & 0o077) out.push({ path: p, mode: st.mode & 0o777 });
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) queue.push(path.join(p, name));
  }
  return out;
}
