/**
 * Organization list with filters over 100,000 organizations on PostgreSQL: p95 through the API
 * (Fastify inject, session, scope, schema serialization) against the same SQL run directly.
 * Target: p95 ≤ 30 ms and ratio ≤ 1.5.
 */
import { searchKey } from '@xc/domain';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../apps/server/src/db/schema/index.ts';
import { authorities, organizations } from '../apps/server/src/db/schema/index.ts';
import { findOrgs } from '../apps/server/src/modules/orgs/orgs.repository.ts';
import type { Db } from '../apps/server/src/platform/db.ts';
import { uuidv7 } from '../apps/server/src/platform/ids.ts';
import { benchSession, fmt, freshPostgres, header, pct, prng } from './lib.ts';

const N = Number(process.env.BENCH_ORGS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const KINDS = ['市直单位', '县直单位', '乡镇(街道)', '村(社区)', '学校', '医院', '国有企业'];
const SECTORS = ['教育', '卫健', '政法', '农林水', '交通', '城建', '乡镇街道', '村社区'];
const SYL = '东南西北中上下新老大小长平安和兴隆福寿康宁永丰华龙凤山水田林石桥塘坑岭坝湖江溪';

export async function benchOrgList(): Promise<Record<string, number>> {
  header(`单位列表（${N.toLocaleString()} 个单位，PostgreSQL）`);
  const { database, url, drop } = await freshPostgres();
  try {
    const db = database.db;
    const now = new Date();
    const auth = Array.from({ length: 101 }, (_, i) => ({
      id: uuidv7(),
      name: `测试巡察机构${i}`,
      shortName: `机构${i}`,
      level: (i === 0 ? 'city' : 'county') as 'city',
      parentAuthorityId: null as string | null,
      createdAt: now,
    }));
    for (let i = 1; i < auth.length; i++)
      (auth[i] as { parentAuthorityId: string | null }).parentAuthorityId = auth[0]?.id as string;
    await db.insert(authorities).values(auth);
    const r = prng(42);
    const rows = [];
    for (let i = 0; i < N; i++) {
      const name = `${SYL[Math.floor(r() * SYL.length)]}${SYL[Math.floor(r() * SYL.length)]}${KINDS[i % KINDS.length] === '村(社区)' ? '村' : '单位'}${i}`;
      rows.push({
        id: uuidv7(),
        authorityId: auth[1 + (i % 100)]?.id as string,
        name,
        searchKey: searchKey(name),
        kind: KINDS[i % KINDS.length] as string,
        sector: SECTORS[i % SECTORS.length] as string,
        createdAt: now,
        updatedAt: now,
      });
    }
    for (let i = 0; i < rows.length; i += 5000) await db.insert(organizations).values(rows.slice(i, i + 5000));
    await db.execute(sql`analyze`);
    const { app, cookie } = await benchSession(database, url, auth[0]?.id as string, { includeChildren: true });

    // A mix of what users do: filter by authority, by kind and sector, search a name fragment.
    const queries = Array.from({ length: ROUNDS }, (_, i) => {
      const a = auth[1 + (i % 100)]?.id as string;
      const f: Record<string, string> = { limit: '50' };
      if (i % 4 === 0) f.authorityId = a;
      if (i % 4 === 1) Object.assign(f, { kind: KINDS[i % KINDS.length], sector: SECTORS[i % SECTORS.length] });
      if (i % 4 === 2) f.q = `${SYL[i % SYL.length]}`;
      if (i % 4 === 3) Object.assign(f, { authorityId: a, q: '村' });
      return f;
    });

    // Direct: the same two statements (page + total) the repository issues, on a plain pg client.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const scope = { all: false, authorityIds: auth.map((x) => x.id), orgIds: [] };
    // The repository run once through a logging drizzle instance gives the exact statements it issues.
    let captured: { sql: string; params: unknown[] }[] = [];
    const capturePool = new pg.Pool({ connectionString: url, max: 2 });
    const capturing = drizzle(capturePool, {
      schema,
      logger: { logQuery: (q: string, params: unknown[]) => void captured.push({ sql: q, params }) },
    }) as unknown as Db;
    const toSql = async (f: Record<string, string>) => {
      captured = [];
      await findOrgs(capturing, scope, { status: 'active', ...f, limit: 50 } as never);
      return captured;
    };
    const direct: number[] = [];
    const api: number[] = [];
    // Warm both paths first.
    for (const f of queries.slice(0, 20)) {
      await app.inject({ method: 'GET', url: `/api/orgs?${new URLSearchParams(f)}`, headers: { cookie } });
      for (const s of await toSql(f)) await client.query(s.sql, s.params);
    }
    for (const f of queries) {
      const stmts = await toSql(f);
      let t0 = performance.now();
      await Promise.all(stmts.map((s) => client.query(s.sql, s.params)));
      direct.push(performance.now() - t0);
      t0 = performance.now();
      const res = await app.inject({ method: 'GET', url: `/api/orgs?${new URLSearchParams(f)}`, headers: { cookie } });
      api.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error(`API answered ${res.statusCode}: ${res.body}`);
    }
    await client.end();
    await capturePool.end();
    await app.close();
    const out = {
      apiP50: pct(api, 50),
      apiP95: pct(api, 95),
      directP50: pct(direct, 50),
      directP95: pct(direct, 95),
      ratioP95: pct(api, 95) / pct(direct, 95),
    };
    console.log(`API     p50 ${fmt(out.apiP50)}  p95 ${fmt(out.apiP95)}   (target p95 ≤ 30 ms)`);
    console.log(`直接SQL p50 ${fmt(out.directP50)}  p95 ${fmt(out.directP95)}`);
    console.log(`比值 p95 API/SQL = ${out.ratioP95.toFixed(2)}   (target ≤ 1.5)`);
    return out;
  } finally {
    await drop().catch(() => {});
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchOrgList();
