/**
 * Team suggestion for one inspection over a pool of 5,000 inspectors with 50,000 history rows on
 * PostgreSQL, through the API (GET /api/inspections/:id/team-suggestion: loads the pool with
 * histories, relatives and work relations, runs recusal for every person in two roles, then
 * suggestTeam). Baseline in the same run: the bare SQL that reads the same rows.
 * Target: ≤ 300 ms.
 */
import { EXPERTISE, searchKey } from '@xc/domain';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import {
  authorities,
  inspections,
  inspectionTargets,
  inspectorHistory,
  inspectorPools,
  inspectors,
  organizations,
  rounds,
  teams,
  terms,
} from '../apps/server/src/db/schema/index.ts';
import { uuidv7 } from '../apps/server/src/platform/ids.ts';
import { benchSession, fmt, freshPostgres, header, pct, prng } from './lib.ts';

const PEOPLE = Number(process.env.BENCH_POOL ?? 5_000);
const HISTORY = Number(process.env.BENCH_HISTORY ?? 50_000);
const ORGS = 2_000;

export async function benchSuggestion(): Promise<Record<string, number>> {
  header(`推荐组队（${PEOPLE.toLocaleString()} 名干部，${HISTORY.toLocaleString()} 条工作经历，PostgreSQL）`);
  const { database, url, drop } = await freshPostgres();
  try {
    const db = database.db;
    const now = new Date();
    const r = prng(11);
    const auth = uuidv7();
    await db
      .insert(authorities)
      .values({ id: auth, name: '压测市委巡察办', shortName: '压测', level: 'city', createdAt: now });
    const orgIds: string[] = [];
    const orgRows = [];
    for (let i = 0; i < ORGS; i++) {
      const id = uuidv7();
      orgIds.push(id);
      orgRows.push({
        id,
        authorityId: auth,
        name: `单位${i}`,
        searchKey: `单位${i}`,
        kind: '市直单位',
        sector: '教育',
        createdAt: now,
        updatedAt: now,
      });
    }
    await db.insert(organizations).values(orgRows);
    const people = [];
    const pools = [];
    for (let i = 0; i < PEOPLE; i++) {
      const id = uuidv7();
      people.push({
        id,
        authorityId: auth,
        name: `干部${i}`,
        searchKey: searchKey(`干部${i}`),
        gender: 'male',
        homeUnitName: `单位${i % ORGS}`,
        post: '科长',
        rank: '一级主任科员',
        politicalStatus: '中共党员',
        expertise: [EXPERTISE[i % EXPERTISE.length] as string, EXPERTISE[(i * 7) % EXPERTISE.length] as string],
        createdAt: now,
        updatedAt: now,
      });
      pools.push({
        inspectorId: id,
        pool: i % 10 === 0 ? 'leaderPool' : i % 3 === 0 ? 'staff' : 'talentPool',
        status: 'in',
        since: '2018-01-01',
      });
    }
    for (let i = 0; i < people.length; i += 2000) await db.insert(inspectors).values(people.slice(i, i + 2000));
    for (let i = 0; i < pools.length; i += 2000) await db.insert(inspectorPools).values(pools.slice(i, i + 2000));
    const hist = [];
    for (let i = 0; i < HISTORY; i++) {
      const y = 1995 + Math.floor(r() * 30);
      hist.push({
        id: uuidv7(),
        inspectorId: people[i % PEOPLE]?.id as string,
        orgId: orgIds[Math.floor(r() * ORGS)] as string,
        unitName: '某单位',
        post: '科员',
        fromDate: `${y}-01-01`,
        toDate: y > 2022 ? null : `${y + 2}-12-31`,
      });
    }
    for (let i = 0; i < hist.length; i += 5000) await db.insert(inspectorHistory).values(hist.slice(i, i + 5000));
    const termId = uuidv7();
    await db.insert(terms).values({
      id: termId,
      authorityId: auth,
      name: '压测届',
      startDate: '2026-10-01',
      endDate: '2031-09-30',
      targetKinds: ['市直单位'],
      createdAt: now,
    });
    const roundId = uuidv7();
    await db.insert(rounds).values({
      id: roundId,
      termId,
      authorityId: auth,
      number: 1,
      name: '第一轮',
      kind: 'regular',
      theme: '',
      focus: [],
      plannedStart: '2027-03-01',
      plannedEnd: '2027-04-30',
      createdAt: now,
    });
    const teamId = uuidv7();
    await db.insert(teams).values({ id: teamId, roundId, authorityId: auth, name: '第一巡察组', createdAt: now });
    const inspectionId = uuidv7();
    await db.insert(inspections).values({
      id: inspectionId,
      roundId,
      termId,
      authorityId: auth,
      teamId,
      mode: 'ordinary',
      stage: 'planned',
      plannedEntryDate: '2027-03-01',
      createdAt: now,
      updatedAt: now,
    });
    await db.insert(inspectionTargets).values([
      { inspectionId, orgId: orgIds[0] as string, role: 'primary' },
      { inspectionId, orgId: orgIds[1] as string, role: 'primary' },
    ]);
    await db.execute(sql`analyze`);

    const { app, cookie } = await benchSession(database, url, auth);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const readRows = async () => {
      for (const q of [
        'select * from inspectors where authority_id = $1',
        'select * from inspector_pools where inspector_id in (select id from inspectors where authority_id = $1)',
        'select * from inspector_history where inspector_id in (select id from inspectors where authority_id = $1)',
        'select * from inspector_relatives where inspector_id in (select id from inspectors where authority_id = $1)',
        'select * from inspector_work_relations where inspector_id in (select id from inspectors where authority_id = $1)',
      ])
        await client.query(q, [auth]);
    };
    const api: number[] = [];
    const base: number[] = [];
    let size = 0;
    for (let i = 0; i < 3; i++) {
      await readRows();
      await app.inject({ method: 'GET', url: `/api/inspections/${inspectionId}/team-suggestion`, headers: { cookie } });
    }
    for (let i = 0; i < 10; i++) {
      let t0 = performance.now();
      await readRows();
      base.push(performance.now() - t0);
      t0 = performance.now();
      const res = await app.inject({
        method: 'GET',
        url: `/api/inspections/${inspectionId}/team-suggestion`,
        headers: { cookie },
      });
      api.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error(res.body);
      size = res.json().members.length;
    }
    await client.end();
    await app.close();
    const out = {
      apiMedian: pct(api, 50),
      apiP95: pct(api, 95),
      readMedian: pct(base, 50),
      ratio: pct(api, 50) / pct(base, 50),
      members: size,
    };
    console.log(`推荐 ${out.members} 人；API 中位数 ${fmt(out.apiMedian)}，p95 ${fmt(out.apiP95)}   (target ≤ 300 ms)`);
    console.log(`基线：直接读取同样的干部、人员库和经历数据 ${fmt(out.readMedian)}；比值 ${out.ratio.toFixed(2)}`);
    return out;
  } finally {
    await drop().catch(() => {});
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSuggestion();
