/**
 * Coverage of a province-sized registry on PostgreSQL: 100,000 organizations and 20,000
 * inspections over one term, through the API (GET /api/terms/:id/coverage), against the best single
 * SQL we could write for the same figures (targets and covered by kind, semi-join on targets).
 * Target: ≤ 200 ms and ratio ≤ 1.5.
 */
import { searchKey } from '@xc/domain';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import {
  authorities,
  inspections,
  inspectionTargets,
  organizations,
  rounds,
  terms,
} from '../apps/server/src/db/schema/index.ts';
import { uuidv7 } from '../apps/server/src/platform/ids.ts';
import { benchSession, fmt, freshPostgres, header, pct, prng } from './lib.ts';

const ORGS = Number(process.env.BENCH_COVERAGE_ORGS ?? 100_000);
const INSPECTIONS = Number(process.env.BENCH_COVERAGE_INSPECTIONS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const KINDS = ['县直单位', '乡镇(街道)', '村(社区)', '学校', '医院', '国有企业', '垂直管理驻县单位'];
const STAGES = ['planned', 'onSite', 'reporting', 'feedback', 'rectifying', 'evaluated', 'published', 'archived'];

export async function benchCoverage(): Promise<Record<string, number>> {
  header(`全覆盖统计（${ORGS.toLocaleString()} 个单位，${INSPECTIONS.toLocaleString()} 次巡察，PostgreSQL）`);
  const { database, url, drop } = await freshPostgres();
  try {
    const db = database.db;
    const now = new Date();
    const auth = uuidv7();
    await db
      .insert(authorities)
      .values({ id: auth, name: '压测省级巡察办', shortName: '压测', level: 'city', createdAt: now });
    const r = prng(42);
    const orgIds: string[] = [];
    const rows = [];
    for (let i = 0; i < ORGS; i++) {
      const id = uuidv7();
      orgIds.push(id);
      const name = `单位${i}`;
      const est = r() < 0.05 ? '2023-01-01' : null;
      const abol = r() < 0.03 ? '2020-06-30' : r() < 0.03 ? '2024-06-30' : null;
      rows.push({
        id,
        authorityId: auth,
        name,
        searchKey: searchKey(name),
        kind: KINDS[i % KINDS.length] as string,
        establishedOn: est,
        abolishedOn: abol,
        status: (abol ? 'abolished' : 'active') as 'active',
        createdAt: now,
        updatedAt: now,
      });
    }
    for (let i = 0; i < rows.length; i += 5000) await db.insert(organizations).values(rows.slice(i, i + 5000));
    const termId = uuidv7();
    await db.insert(terms).values({
      id: termId,
      authorityId: auth,
      name: '压测届',
      startDate: '2021-10-01',
      endDate: '2026-09-30',
      targetKinds: KINDS,
      createdAt: now,
    });
    const roundIds: string[] = [];
    for (let n = 1; n <= ROUNDS; n++) {
      const id = uuidv7();
      roundIds.push(id);
      await db.insert(rounds).values({
        id,
        termId,
        authorityId: auth,
        number: n,
        name: `第${n}轮`,
        kind: 'regular',
        theme: '',
        focus: [],
        createdAt: now,
      });
    }
    const insp = [];
    const tg = [];
    for (let i = 0; i < INSPECTIONS; i++) {
      const id = uuidv7();
      const stage = STAGES[Math.floor(r() * STAGES.length)] as string;
      const y = 2021 + Math.floor(r() * 6);
      insp.push({
        id,
        roundId: roundIds[i % ROUNDS] as string,
        termId,
        authorityId: auth,
        mode: 'ordinary',
        stage,
        feedbackDate: ['feedback', 'rectifying', 'evaluated', 'published', 'archived'].includes(stage)
          ? `${y}-06-15`
          : null,
        createdAt: now,
        updatedAt: now,
      });
      const n = 1 + Math.floor(r() * 4);
      const seen = new Set<string>();
      for (let k = 0; k < n; k++) {
        const orgId = orgIds[Math.floor(r() * orgIds.length)] as string;
        if (seen.has(orgId)) continue;
        seen.add(orgId);
        tg.push({ inspectionId: id, orgId, role: 'primary' as const });
      }
    }
    for (let i = 0; i < insp.length; i += 5000) await db.insert(inspections).values(insp.slice(i, i + 5000));
    for (let i = 0; i < tg.length; i += 5000) await db.insert(inspectionTargets).values(tg.slice(i, i + 5000));
    await db.execute(sql`analyze`);

    const { app, cookie } = await benchSession(database, url, auth);

    // The best single statement for the figures: targets by kind with an EXISTS test for coverage.
    const best = `
      select o.kind, count(*) as total,
             count(*) filter (where exists (
               select 1 from inspection_targets t join inspections i on i.id = t.inspection_id
               where t.org_id = o.id and i.stage in ('feedback','transfer','rectifying','evaluated','published','archived')
                 and (i.feedback_date is null or i.feedback_date between '2021-10-01' and '2026-09-30'))) as covered
      from organizations o
      where o.authority_id = $1 and o.kind = any($2)
        and (o.established_on is null or o.established_on <= '2026-09-30')
        and (o.abolished_on is null or o.abolished_on >= '2021-10-01')
      group by o.kind`;
    // A second candidate: hash-join the covered set once instead of probing per organization.
    const best2 = `
      with cov as (
        select distinct t.org_id from inspection_targets t join inspections i on i.id = t.inspection_id
        where i.stage in ('feedback','transfer','rectifying','evaluated','published','archived')
          and (i.feedback_date is null or i.feedback_date between '2021-10-01' and '2026-09-30'))
      select o.kind, count(*) as total, count(cov.org_id) as covered
      from organizations o left join cov on cov.org_id = o.id
      where o.authority_id = $1 and o.kind = any($2)
        and (o.established_on is null or o.established_on <= '2026-09-30')
        and (o.abolished_on is null or o.abolished_on >= '2021-10-01')
      group by o.kind`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // The API's own statement, run bare: what the figures cost without HTTP, session and JSON.
    const ownQuery = await (async () => {
      const { coverageCounts } = await import('../apps/server/src/modules/planning/planning.repository.ts');
      let captured: { sql: string; params: unknown[] } | null = null;
      const { drizzle } = await import('drizzle-orm/node-postgres');
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      const logging = drizzle(pool, {
        logger: {
          logQuery: (q: string, params: unknown[]) => {
            captured = { sql: q, params };
          },
        },
      });
      await coverageCounts(
        logging as never,
        { authorityId: auth, startDate: '2021-10-01', endDate: '2026-09-30', targetKinds: KINDS },
        500,
      );
      await pool.end();
      return captured as unknown as { sql: string; params: unknown[] };
    })();
    const own: number[] = [];
    const api: number[] = [];
    const direct: number[] = [];
    const direct2: number[] = [];
    let body: { total: number; covered: number } | null = null;
    for (let i = 0; i < 3; i++) {
      await client.query(best, [auth, KINDS]);
      await app.inject({ method: 'GET', url: `/api/terms/${termId}/coverage`, headers: { cookie } });
    }
    for (let i = 0; i < 20; i++) {
      let t0 = performance.now();
      const d = await client.query(best, [auth, KINDS]);
      direct.push(performance.now() - t0);
      t0 = performance.now();
      await client.query(best2, [auth, KINDS]);
      direct2.push(performance.now() - t0);
      t0 = performance.now();
      await client.query(ownQuery.sql, ownQuery.params);
      own.push(performance.now() - t0);
      t0 = performance.now();
      const res = await app.inject({ method: 'GET', url: `/api/terms/${termId}/coverage`, headers: { cookie } });
      api.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error(res.body);
      body = res.json();
      const sqlCovered = d.rows.reduce((s: number, x: { covered: string }) => s + Number(x.covered), 0);
      if (body && sqlCovered !== body.covered) throw new Error(`API covered ${body.covered} ≠ SQL ${sqlCovered}`);
    }
    await client.end();
    await app.close();
    const sqlMedian = Math.min(pct(direct, 50), pct(direct2, 50));
    const out = {
      ownSqlMedian: pct(own, 50),
      ratioSameOutput: pct(api, 50) / pct(own, 50),
      apiMedian: pct(api, 50),
      apiP95: pct(api, 95),
      sqlMedian,
      existsMedian: pct(direct, 50),
      hashJoinMedian: pct(direct2, 50),
      ratio: pct(api, 50) / sqlMedian,
      total: body?.total ?? 0,
      covered: body?.covered ?? 0,
    };
    console.log(`应覆盖 ${out.total}，已覆盖 ${out.covered}`);
    console.log(`API 中位数 ${fmt(out.apiMedian)}，p95 ${fmt(out.apiP95)}   (target ≤ 200 ms)`);
    console.log(
      `单条SQL：EXISTS 逐单位判断 ${fmt(out.existsMedian)}，哈希连接 ${fmt(out.hashJoinMedian)}（只算各类别数字，不含未覆盖名单）`,
    );
    console.log(
      `同样输出（分类数字+按年+未覆盖前500）的单条SQL直接执行 ${fmt(out.ownSqlMedian)}；API ÷ 该SQL = ${out.ratioSameOutput.toFixed(2)}   (target ≤ 1.5)`,
    );
    console.log(`API ÷ 只算分类数字的最快SQL = ${out.ratio.toFixed(2)}`);
    return out;
  } finally {
    await drop().catch(() => {});
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCoverage();
