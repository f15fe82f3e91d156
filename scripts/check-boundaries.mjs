// Module boundaries (architecture.md §1): a module owns its tables, `db/schema/<module>.ts`, and
// other modules reach them only through its exported functions. Run by `npm run lint`; fails on
//   - a module importing another module's schema file (or the schema index),
//   - a module naming another module's table in raw SQL (`from x`, `join x`, `into x`, `update x`),
//   - a platform file importing a module's schema file (the platform owns `db/schema/platform.ts`),
//   - a module importing another module's inner files instead of its front door (`../x/index.ts`).
// Tests and their fixtures may read any table (they check what is stored); migrations, the seed and the operations
// commands (backup, restore, key rotation) work on every table by design.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const src = path.join(root, 'apps/server/src');
const schemaDir = path.join(src, 'db/schema');

/** table name → owning schema file (without .ts) */
const owner = new Map();
for (const f of fs.readdirSync(schemaDir)) {
  if (!f.endsWith('.ts') || f === 'index.ts') continue;
  const text = fs.readFileSync(path.join(schemaDir, f), 'utf8');
  for (const m of text.matchAll(/pgTable\(\s*'([a-z_0-9]+)'/g)) owner.set(m[1], f.slice(0, -3));
}

function* walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    // Test fixtures (*.fixture.ts) are part of the tests: they build worlds across modules.
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.fixture.ts')) yield p;
  }
}

const problems = [];
const report = (file, line, msg) => problems.push(`${path.relative(root, file)}:${line}: ${msg}`);

function check(file, mine) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((text, i) => {
    const imp = text.match(/from\s+'([^']*db\/schema\/([a-z-]+)(?:\.ts)?)'/);
    if (imp && imp[2] !== mine && imp[2] !== 'labels')
      report(file, i + 1, `imports ${imp[1]}: use the owning module's functions (${imp[2]})`);
    const other = text.match(/from\s+'\.\.\/([a-z-]+)\/([^']+)'/);
    if (other && file.includes(`${path.sep}modules${path.sep}`) && other[1] !== mine && other[2] !== 'index.ts')
      report(file, i + 1, `imports ../${other[1]}/${other[2]}: another module is reached through its index.ts`);
    if (mine === 'platform') return;
    for (const m of text.matchAll(/\b(?:from|join|into|update)\s+"?([a-z_][a-z_0-9]*)"?/gi)) {
      const o = owner.get(m[1]);
      if (o && o !== mine) report(file, i + 1, `raw SQL names table ${m[1]} of ${o}: use that module's functions`);
    }
  });
}

for (const dir of fs.readdirSync(path.join(src, 'modules'))) {
  for (const f of walk(path.join(src, 'modules', dir))) check(f, dir);
}
for (const f of walk(path.join(src, 'platform'))) {
  if (path.basename(f) === 'db.ts') continue; // the typed client needs every table
  check(f, 'platform');
}

if (problems.length) {
  console.error(`模块边界检查未通过（${problems.length} 处跨模块访问）：`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`模块边界检查通过：${owner.size} 张表，跨模块数据表访问 0 处`);
