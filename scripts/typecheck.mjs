// `npm run typecheck`: every TypeScript program, as many at once as the machine has cores (tsc is
// one thread). The longest start first; each program's errors are printed together, and any error
// fails the whole check. apps/server's program also holds packages/domain and bench (its tsconfig
// says why); the web app and e2e have DOM libraries of their own.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const projects = ['apps/server', 'apps/web', 'e2e'];

function check(project) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [tsc, '-p', project], { cwd: root });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('close', (code) => {
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      console.log(`${code === 0 ? '✓' : '✗'} tsc -p ${project}（${secs} 秒）`);
      if (out) process.stdout.write(out);
      resolve(code === 0);
    });
  });
}

const queue = [...projects];
let ok = true;
const lanes = Math.max(1, Math.min(os.availableParallelism(), projects.length));
await Promise.all(
  Array.from({ length: lanes }, async () => {
    for (let p = queue.shift(); p; p = queue.shift()) ok = (await check(p)) && ok;
  }),
);
process.exit(ok ? 0 : 1);
