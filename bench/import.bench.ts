/**
 * Import of 10,000 organizations end to end: an .xlsx uploaded over HTTP to a listening server on
 * the embedded database (PGlite on disk), validated row by row and written in one transaction.
 * Baseline in the same run: inserting the same rows straight into the same database.
 * Target: ≤ 5 s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ORG_IMPORT_COLUMNS, searchKey } from '@xc/domain';
import ExcelJS from 'exceljs';
import { buildApp } from '../apps/server/src/app.ts';
import { authorities, organizations } from '../apps/server/src/db/schema/index.ts';
import { ManualClock } from '../apps/server/src/platform/clock.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { openDatabase } from '../apps/server/src/platform/db.ts';
import { uuidv7 } from '../apps/server/src/platform/ids.ts';
import { memoryKeyRing } from '../apps/server/src/platform/keys.ts';
import { seedDemo } from '../apps/server/src/seed/seed.ts';
import { header } from './lib.ts';

const N = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);

export async function benchImport(): Promise<Record<string, number>> {
  header(`批量导入 ${N.toLocaleString()} 个单位（PGlite，HTTP 上传，端到端）`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-bench-import-'));
  const database = await openDatabase({ dataDir: dir });
  await database.migrate();
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dir, PORT: '3999' }),
    rateLimitPerMinute: 1e9,
    webDist: '/none',
  };
  const creds = await seedDemo(database.db, new ManualClock(new Date()), config, { keys: memoryKeyRing() });
  const app = await buildApp({ config, database, keys: memoryKeyRing() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  try {
    const staff = creds.find((c) => c.username === 'office.staff');
    if (!staff) throw new Error('no demo office.staff');
    let res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: staff.username, password: staff.password }),
    });
    let cookie = res.headers.get('set-cookie')?.split(';')[0] as string;
    let csrf = (await res.json()).csrfToken;
    res = await fetch(`${base}/api/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify({ currentPassword: staff.password, newPassword: 'Bench-Import-2026!' }),
    });
    cookie = res.headers.get('set-cookie')?.split(';')[0] as string;
    csrf = (await res.json()).csrfToken;

    const authorityId = uuidv7();
    await database.db.insert(authorities).values({
      id: authorityId,
      name: '压测县委巡察办',
      shortName: '压测县',
      level: 'county',
      parentAuthorityId: (await database.db.select().from(authorities))[0]?.id ?? null,
      createdAt: new Date(),
    });
    // Townships with villages under them, as a county's real registry looks.
    const rows: string[][] = [];
    const towns = Math.ceil(N / 25);
    for (let i = 0; i < towns && rows.length < N; i++) {
      rows.push([`压测第${i}镇`, '乡镇(街道)', '乡镇街道', '', '', '1990-01-01']);
      for (let v = 0; v < 24 && rows.length < N; v++)
        rows.push([`第${i}镇第${v}村`, '村(社区)', '村社区', `压测第${i}镇`, '', '']);
    }
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('单位');
    ws.addRow([...ORG_IMPORT_COLUMNS]);
    for (const r of rows) ws.addRow(r);
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    const t0 = performance.now();
    const form = new FormData();
    form.append('file', new Blob([file]), 'orgs.xlsx');
    res = await fetch(`${base}/api/orgs/import?authorityId=${authorityId}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf },
      body: form,
    });
    const body = await res.json();
    const importMs = performance.now() - t0;
    if (res.status !== 200 || body.imported !== N)
      throw new Error(`import failed: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);

    // Baseline: the same number of rows inserted directly, in batches, in one transaction.
    const other = uuidv7();
    await database.db.insert(authorities).values({
      id: other,
      name: '基线县委巡察办',
      shortName: '基线县',
      level: 'county',
      parentAuthorityId: null,
      createdAt: new Date(),
    });
    const t1 = performance.now();
    await database.db.transaction(async (tx) => {
      const now = new Date();
      const values = rows.map((r) => ({
        id: uuidv7(),
        authorityId: other,
        name: r[0] as string,
        searchKey: searchKey(r[0] as string),
        kind: r[1] as string,
        sector: r[2] as string,
        createdAt: now,
        updatedAt: now,
      }));
      for (let i = 0; i < values.length; i += 1000) await tx.insert(organizations).values(values.slice(i, i + 1000));
    });
    const rawMs = performance.now() - t1;
    console.log(
      `文件 ${(file.length / 1024).toFixed(0)} KiB；导入（上传+解析+逐行校验+写入+审计）${(importMs / 1000).toFixed(2)} s   (target ≤ 5 s)`,
    );
    console.log(`基线：同样 ${N} 行直接批量写入 ${(rawMs / 1000).toFixed(2)} s；比值 ${(importMs / rawMs).toFixed(1)}`);
    return { importMs, rawMs, ratio: importMs / rawMs };
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchImport();
