// `npm test`: every check, in the order that fails fastest.
//   1. typecheck and lint
//   2. domain + server tests on PGlite (in memory)
//   3. server tests again on PostgreSQL when TEST_DATABASE_URL is set
//   4. e2e in headless Chromium against a real server (builds the web app first)
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const steps = [
  ['类型检查', 'npm', ['run', 'typecheck']],
  ['代码规范', 'npm', ['run', 'lint']],
  [
    '单元与接口测试（PGlite）',
    'npx',
    ['vitest', 'run', '--project', 'domain', '--project', 'server', '--project', 'web'],
  ],
];
if (process.env.TEST_DATABASE_URL)
  steps.push(['接口测试（PostgreSQL）', 'npx', ['vitest', 'run', '--project', 'server'], { TEST_DB: 'postgres' }]);
else console.log('未设置 TEST_DATABASE_URL：跳过 PostgreSQL 上的接口测试');
steps.push(['构建前端', 'npm', ['run', 'build', '-w', 'apps/web']]);
steps.push(['端到端测试（Chromium）', 'npx', ['vitest', 'run', '--project', 'e2e']]);

const only = process.argv.slice(2);
for (const [name, cmd, args, env] of steps) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  console.log(`\n==== ${name} ====`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...(env ?? {}) } });
  console.log(`==== ${name}：${r.status === 0 ? '通过' : '失败'}（${((Date.now() - t0) / 1000).toFixed(1)} 秒）`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
