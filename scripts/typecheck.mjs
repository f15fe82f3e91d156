// `npm run typecheck`: every TypeScript project, two at a time. Each `tsc -p` is one thread, and
// the projects do not depend on each other's output (they all read the domain's sources), so on
// CI's 2 cores two at once take about half the time of one after another.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const projects = ['apps/server', 'apps/web', 'packages/domain', 'e2e', 'bench'];
const parallel = Math.max(1, Math.min(2, os.availableParallelism()));

function check(project) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', project], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
    });
    child.stderr.on('data', (b) => {
      out += b;
    });
    child.on('close', (code) => {
      // Printed whole when done, so the errors of two projects never interleave.
      process.stdout.write(
        `tsc -p ${project}: ${code === 0 ? 'ok' : 'errors'} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n${out}`,
      );
      resolve(code === 0);
    });
  });
}

const queue = [...projects];
const results = await Promise.all(
  Array.from({ length: parallel }, async () => {
    let ok = true;
    for (let p = queue.shift(); p; p = queue.shift()) ok = (await check(p)) && ok;
    return ok;
  }),
);
process.exit(results.every(Boolean) ? 0 : 1);
