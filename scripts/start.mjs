// `npm start`: build the web app if it has not been built, then serve web and API with the
// embedded database under ./data (or PostgreSQL when DATABASE_URL is set).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'apps/web/dist/index.html');
if (!fs.existsSync(dist)) {
  console.log('首次启动：正在构建前端页面……');
  const r = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const args = ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts'), 'serve', ...process.argv.slice(2)];
const child = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exit(child.status ?? 0);
