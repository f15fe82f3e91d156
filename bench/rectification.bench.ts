/**
 * Rectification at province scale on PostgreSQL: 1,000,000 findings and 2,000,000 tasks (with
 * their finding rollups, approved extensions, outcomes and rule makings) over 21 authorities × 3
 * terms × 14 rounds × 16 inspections. Sizes: BENCH_FINDINGS, BENCH_TASKS, BENCH_QUERIES.
 * - The ledger (整改台账) with a warning filter through the API (session, scope, schema, warning
 *   bounds per authority), within a term and across an authority, against the same SQL the service
 *   issues, run directly in the same run. Target: p95 ≤ 30 ms, ratio ≤ 1.5.
 * - A term's rectification summary through the API, against the best single SQL we could write
 *   for the same figures. Target: ≤ 300 ms, ratio reported.
 * With BENCH_EXPLAIN=1 (the default), the statements captured for one ledger query of each kind
 * and for one term summary run once more under EXPLAIN ANALYZE, and their plans are printed.
 */
import { loadavg } from 'node:os';
import { ZTaskListQuery } from '@xc/domain';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { authorities } from '../apps/server/src/db/schema/index.ts';
import { RECT_STAGES } from '../apps/server/src/modules/rectification/rectification.access.ts';
import { listTasks } from '../apps/server/src/modules/rectification/rectification.ledger.ts';
import { termSummary } from '../apps/server/src/modules/rectification/rectification.summary.ts';
import { rowsOf } from '../apps/server/src/platform/db.ts';
import { uuidv7 } from '../apps/server/src/platform/ids.ts';
import { benchSession, fmt, freshPostgres, header, PG_URL, pct, statementCapture } from './lib.ts';

const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 1_000_000);
const TASKS = Number(process.env.BENCH_TASKS ?? 2_000_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);
const EXPLAIN = (process.env.BENCH_EXPLAIN ?? '1') !== '0';
const AUTHORITIES = 21;
const WARNINGS = ['red', 'yellow', 'green'] as const;
const SECTORS = ['党群', '政法', '教育', '卫健', '农林水', '交通', '城建', '国土', '经济', '财政金融', '社会事业'];

async function timeIt<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

/** The 1, 5 and 15 minute load averages (other work shares the CPUs): printed next to every figure. */
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

export async function benchRectification(): Promise<Record<string, number>> {
  header(
    `整改台账与届整改统计（${FINDINGS.toLocaleString()} 个问题、${TASKS.toLocaleString()} 项整改任务，PostgreSQL）`,
  );
  const { database, url, drop } = await freshPostgres();
  try {
    const db = database.db;
    const now = new Date();
    const auth = Array.from({ length: AUTHORITIES }, (_, i) => ({
      id: uuidv7(),
      name: i ? `压测县${i}巡察办` : '压测市委巡察办',
      shortName: i ? `县${i}` : '市',
      level: (i ? 'county' : 'city') as 'city',
      parentAuthorityId: null as string | null,
      createdAt: now,
    }));
    await db.insert(authorities).values(auth[0] as (typeof auth)[number]);
    await db.insert(authorities).values(auth.slice(1).map((a) => ({ ...a, parentAuthorityId: auth[0]?.id as string })));
    const t0 = performance.now();
    // Planning rows, the findings and the rectification records, generated inside PostgreSQL. The
    // first two terms are over (archived, or published and still rectifying), the third is running.
    await db.execute(sql`
      insert into organizations (id, authority_id, name, search_key, kind, sector, created_at, updated_at)
      select gen_random_uuid(), a.id, a.short_name || '单位' || g, a.short_name || '单位' || g, '市直单位',
             (${sql.raw(`array['${SECTORS.join("','")}']`)})[1 + g % ${SECTORS.length}], now(), now()
      from authorities a, generate_series(1, 200) g`);
    await db.execute(sql`
      insert into terms (id, authority_id, name, start_date, end_date, target_kinds, created_at)
      select gen_random_uuid(), a.id, y.n || '届', make_date(y.y, 10, 1), make_date(y.y + 5, 9, 30), '["市直单位"]', now()
      from authorities a, (values (2016, '五'), (2021, '六'), (2026, '七')) as y(y, n)`);
    await db.execute(sql`
      insert into rounds (id, term_id, authority_id, number, name, kind, theme, focus, created_at)
      select gen_random_uuid(), t.id, t.authority_id, g, '第' || g || '轮', 'regular', '', '[]', now()
      from terms t, generate_series(1, 14) g`);
    await db.execute(sql`
      insert into inspections (id, round_id, term_id, authority_id, mode, stage, entry_date, exit_date, created_at, updated_at)
      select gen_random_uuid(), r.id, r.term_id, r.authority_id, 'ordinary',
             case extract(year from t.start_date)::int when 2016 then 'archived'
               when 2021 then (case when r.number <= 10 then 'published' else 'rectifying' end)
               else (case when r.number % 2 = 0 then 'feedback' else 'rectifying' end) end,
             t.start_date + (r.number * 100), t.start_date + (r.number * 100 + 40), now(), now()
      from rounds r join terms t on t.id = r.term_id, generate_series(1, 16) g`);
    await db.execute(sql`
      insert into inspection_targets (inspection_id, org_id, role)
      select i.id, (select o.id from organizations o where o.authority_id = i.authority_id
                    order by md5(o.id::text || i.id::text) limit 1), 'primary'
      from inspections i`);
    await db.execute(sql`create unlogged table bench_insp as
      select row_number() over (order by i.id) as n, i.id, i.authority_id, i.term_id, i.round_id, i.entry_date, t.org_id,
             (extract(year from tm.start_date)::int - 2016) / 5 as age
      from inspections i join inspection_targets t on t.inspection_id = i.id join terms tm on tm.id = i.term_id`);
    const [{ inspections = 0 } = {}] = rowsOf<{ inspections: number }>(
      await db.execute(sql`select count(*)::int as inspections from bench_insp`),
    );
    await db.execute(sql`
      insert into findings (id, authority_id, term_id, round_id, inspection_id, org_id, sector, title, facts, search_key,
        source, severity, common, immediate, regulation_ids, created_at, updated_at, version)
      select gen_random_uuid(), i.authority_id, i.term_id, i.round_id, i.id, i.org_id,
             (${sql.raw(`array['${SECTORS.join("','")}']`)})[1 + (g * 7) % ${SECTORS.length}],
             (array['违规发放津贴补贴','超标准公务接待','财务管理不规范','选人用人不规范','“三会一课”制度落实不到位'])[1 + g % 5],
             '经查，该单位存在问题，涉及金额' || (g % 97) || '万元。',
             (array['违规发放津贴补贴','超标准公务接待','财务管理不规范','选人用人不规范','“三会一课”制度落实不到位'])[1 + g % 5] || '经查，该单位存在问题。',
             'ledger', (array['general','serious','major'])[1 + g % 3], g % 6 = 0, g % 4 = 0, '[]',
             i.entry_date::timestamptz + (g % 40) * interval '1 day' + (g % 3600) * interval '1 second', now(), 1
      from generate_series(1::bigint, ${FINDINGS}) g
      join bench_insp i on i.n = 1 + (g * 7919) % ${inspections}`);
    await db.execute(sql`create unlogged table bench_find as
      select row_number() over (order by f.id) as n, f.id, f.authority_id, f.term_id, f.round_id, f.inspection_id, f.org_id, i.age
      from findings f join bench_insp i on i.id = f.inspection_id`);
    // One accepted plan per inspected organization.
    await db.execute(sql`
      insert into rectification_plans (id, authority_id, term_id, round_id, inspection_id, org_id, status, review_round,
        submitted_on, accepted_on, created_at, updated_at)
      select gen_random_uuid(), i.authority_id, i.term_id, i.round_id, i.id, i.org_id, 'accepted', 1,
             i.entry_date + 90, i.entry_date + 100, now(), now()
      from bench_insp i`);
    // Tasks spread over the findings at random (0 to 5 or so each, 2 on average for 2M over 1M).
    // Older terms are mostly written off; the running term is mostly open, its deadlines around
    // today, so every warning colour has tasks in every term. A few red cards and extensions.
    await db.execute(sql`
      insert into rectification_tasks (id, authority_id, term_id, round_id, inspection_id, org_id, finding_id, plan_id,
        kind, measures, responsible_leader, responsible_dept, assigned_on, original_deadline, deadline, status,
        written_off, written_off_on, red_card, red_card_reason, red_card_on, red_card_count, extension_count,
        evidence_count, created_at, updated_at)
      select gen_random_uuid(), f.authority_id, f.term_id, f.round_id, f.inspection_id, f.org_id, f.id, p.id,
             (array['immediate','timeLimited','longTerm'])[1 + x.h % 3],
             '制定整改措施，建立长效机制（' || g || '）', '副职' || (x.h % 9), (array['办公室','财务科','人事科','党建办'])[1 + x.h % 4],
             x.deadline - 90, x.deadline - x.ext * 30, x.deadline,
             case when x.off then 'done' else (array['done','ongoing','undone'])[1 + x.h2 % 3] end,
             x.off, case when x.off then x.deadline - 3 end,
             x.card, case when x.card then '佐证材料敷衍' end, case when x.card then current_date - 5 end,
             case when x.card then 1 else 0 end, x.ext, 1 + x.h % 3, now(), now()
      from generate_series(1::bigint, ${TASKS}) g
      cross join lateral (select abs(hashint8(g)) % ${FINDINGS} + 1 as fn, abs(hashint8(g * 31)) % 1000 as h,
                                 abs(hashint8(g * 17)) % 1000 as h2) r
      join bench_find f on f.n = r.fn
      join rectification_plans p on p.inspection_id = f.inspection_id
      cross join lateral (select r.h, r.h2,
          r.h < (array[950, 600, 100])[1 + f.age] as off,
          r.h >= (array[950, 600, 100])[1 + f.age] and r.h2 % 50 = 7 as card,
          case when r.h2 % 20 = 0 then 1 else 0 end as ext,
          current_date + (array[-1800 + r.h2, -600 + r.h2 / 2, -60 + (r.h2 * 3) / 10])[1 + f.age] as deadline) x`);
    await db.execute(sql`
      insert into finding_rectification (finding_id, authority_id, term_id, round_id, inspection_id, org_id,
        task_count, written_off_count, ongoing_open_count)
      select finding_id, authority_id, term_id, round_id, inspection_id, org_id, count(*),
             count(*) filter (where written_off), count(*) filter (where not written_off and status = 'ongoing')
      from rectification_tasks group by finding_id, authority_id, term_id, round_id, inspection_id, org_id`);
    await db.execute(sql`
      insert into rectification_extensions (id, authority_id, term_id, round_id, inspection_id, org_id, task_id, reason,
        old_deadline, new_deadline, status, requested_on, decided_on, created_at)
      select gen_random_uuid(), authority_id, term_id, round_id, inspection_id, org_id, id, '客观原因需延期',
             original_deadline, deadline, 'approved', original_deadline - 10, original_deadline - 5, now()
      from rectification_tasks where extension_count > 0`);
    await db.execute(sql`
      insert into rectification_outcomes (id, authority_id, term_id, round_id, inspection_id, org_id, money_fen,
        accountable, rules_made, recorded_on, created_at)
      select gen_random_uuid(), i.authority_id, i.term_id, i.round_id, i.id, i.org_id, (i.n * 123457) % 100000000,
             i.n % 5, i.n % 3, current_date, now()
      from bench_insp i, generate_series(1, 2) g`);
    await db.execute(sql`
      insert into rule_makings (id, authority_id, term_id, round_id, inspection_id, org_id, title, kind, issued_on,
        issuing_body, finding_ids, created_at, updated_at)
      select gen_random_uuid(), i.authority_id, i.term_id, i.round_id, i.id, i.org_id, '关于加强财务管理的规定', 'made',
             current_date - 30, '本单位党委', '[]', now(), now()
      from bench_insp i where i.n % 2 = 0`);
    // Vacuumed as autovacuum keeps a ledger of this size: counts may then read an index alone.
    await db.execute(sql`vacuum analyze`);
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`造数 ${loadSeconds.toFixed(0)} 秒   (load ${load()})`);

    // The bench signs in with a password only: the second factor is not what is measured here.
    await db.execute(sql`insert into settings (id, value, version) values (1, ${JSON.stringify({ totpRequiredRoles: [] })}::jsonb, 1)
      on conflict (id) do update set value = settings.value || excluded.value`);
    const { app, cookie } = await benchSession(database, url, auth[0]?.id as string, { includeChildren: true });
    const headers = { cookie };
    const get = async (u: string) => {
      const res = await app.inject({ method: 'GET', url: u, headers });
      if (res.statusCode !== 200) throw new Error(`${u}: ${res.statusCode} ${res.body}`);
      return res;
    };
    const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length] as T;
    const termIds = rowsOf<{ id: string }>(await db.execute(sql`select id from terms order by id`)).map((r) => r.id);

    // The ledger an office reads: a term's red, yellow or green tasks; the same across one
    // authority's terms (a county office's whole ledger).
    const queries = Array.from({ length: QUERIES }, (_, i) => {
      const f: Record<string, string> = { warning: pick(WARNINGS, i), limit: '20' };
      if (Math.floor(i / 3) % 2 === 0) f.termId = pick(termIds, i * 13);
      else f.authorityId = pick(auth, i * 7).id;
      return f;
    });
    const ledgerUrl = (f: Record<string, string>) => `/api/rectification-tasks?${new URLSearchParams(f)}`;

    // The exact statements the service issues, captured through a logging client, then run directly.
    const cap = await statementCapture(
      app,
      url,
      auth.map((a) => a.id),
      now,
    );
    // The query as the route hands it over: parsed by the route's schema.
    const statementsOf = (f: Record<string, string>) =>
      cap.capture((deps, ctx) => listTasks(deps, ctx, ZTaskListQuery.parse(f)));
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {});
    await client.connect();
    const runAll = async (stmts: { sql: string; params: unknown[] }[]) => {
      for (const s of stmts) await client.query(s.sql, s.params);
    };
    // Warm-up: both paths, every kind of query.
    for (const f of queries.slice(0, 24)) {
      await get(ledgerUrl(f));
      await runAll(await statementsOf(f));
    }
    const api: number[] = [];
    const direct: number[] = [];
    const byKind: Record<string, { api: number[]; direct: number[] }> = {};
    let totals = 0;
    const loadLedger = load();
    for (const f of queries) {
      const stmts = await statementsOf(f);
      const [d] = await timeIt(() => runAll(stmts));
      const [a, res] = await timeIt(() => get(ledgerUrl(f)));
      totals += (res.json() as { total: number }).total;
      direct.push(d);
      api.push(a);
      const k = `${f.termId ? 'term' : 'authority'}-${f.warning}`;
      byKind[k] ??= { api: [], direct: [] };
      byKind[k].api.push(a);
      byKind[k].direct.push(d);
    }
    const statementsPerList = (await statementsOf(queries[0] as Record<string, string>)).length;

    // A term's summary, against the best single statement for the same figures (the findings of
    // its inspections at feedback or later, their rollup states, approved extensions, outcomes and
    // the rule-making register).
    const stages = `{${RECT_STAGES.join(',')}}`;
    const bestSummary = (termId: string) =>
      client.query(
        `with vis as (select id from inspections where term_id = $1 and stage = any($2::text[]))
         select (select count(*) from findings where term_id = $1 and inspection_id in (select id from vis))::int as findings,
                fr.rectified, fr.ongoing,
                (select count(*) from rectification_extensions
                  where term_id = $1 and status = 'approved' and inspection_id in (select id from vis))::int as extensions,
                o.fen, o.accountable, o.rules + (select count(*) from rule_makings
                  where term_id = $1 and inspection_id in (select id from vis))::int as rules
         from (select count(*) filter (where state = 'rectified')::int as rectified,
                      count(*) filter (where state = 'ongoing')::int as ongoing
               from finding_rectification where term_id = $1 and inspection_id in (select id from vis)) fr,
              (select coalesce(sum(money_fen), 0)::text as fen, coalesce(sum(accountable), 0)::int as accountable,
                      coalesce(sum(rules_made), 0)::int as rules
               from rectification_outcomes where term_id = $1 and inspection_id in (select id from vis)) o`,
        [termId, stages],
      );
    // The two must agree before either is timed.
    for (const termId of termIds.slice(0, 3)) {
      const a = (await get(`/api/terms/${termId}/rectification-summary`)).json() as Record<string, unknown>;
      const b = (await bestSummary(termId)).rows[0] as Record<string, unknown>;
      const same =
        a.findings === b.findings &&
        a.rectified === b.rectified &&
        a.ongoing === b.ongoing &&
        a.extensions === b.extensions &&
        a.accountable === b.accountable &&
        a.rulesMade === b.rules;
      if (!same) throw new Error(`summary differs: API ${JSON.stringify(a)} SQL ${JSON.stringify(b)}`);
    }
    const summaryApi: number[] = [];
    const summaryBest: number[] = [];
    const loadSummary = load();
    for (const termId of [...termIds, ...termIds].slice(0, 40)) {
      summaryApi.push((await timeIt(() => get(`/api/terms/${termId}/rectification-summary`)))[0]);
      summaryBest.push((await timeIt(() => bestSummary(termId)))[0]);
    }

    if (EXPLAIN) {
      const explain = async (title: string, stmts: { sql: string; params: unknown[] }[]) => {
        console.log(`\n### EXPLAIN ANALYZE: ${title} (${stmts.length} 条语句)`);
        for (const s of stmts) {
          const plan = (await client.query(`explain (analyze, buffers, costs off) ${s.sql}`, s.params)).rows
            .map((r: Record<string, string>) => r['QUERY PLAN'])
            .join('\n');
          console.log(`\n-- ${s.sql.slice(0, 400)}${s.sql.length > 400 ? '…' : ''}\n${plan}`);
        }
      };
      for (const w of WARNINGS) {
        await explain(
          `台账 termId + ${w}`,
          await statementsOf({ termId: termIds.at(-1) as string, warning: w, limit: '20' }),
        );
        await explain(
          `台账 authorityId + ${w}`,
          await statementsOf({ authorityId: auth[1]?.id as string, warning: w, limit: '20' }),
        );
      }
      await explain('届整改统计', await cap.capture((deps, ctx) => termSummary(deps, ctx, termIds[0] as string)));
    }
    await client.end();
    await cap.end();
    await app.close();
    const out: Record<string, number> = {
      listApiP50: pct(api, 50),
      listApiP95: pct(api, 95),
      listDirectP50: pct(direct, 50),
      listDirectP95: pct(direct, 95),
      listRatioP95: pct(api, 95) / pct(direct, 95),
      listStatements: statementsPerList,
      listMeanTotal: totals / queries.length,
      summaryApiP50: pct(summaryApi, 50),
      summaryApiP95: pct(summaryApi, 95),
      summaryBestP95: pct(summaryBest, 95),
      summaryRatio: pct(summaryApi, 95) / pct(summaryBest, 95),
      loadSeconds,
    };
    for (const [k, v] of Object.entries(byKind)) {
      out[`list_${k}_apiP95`] = pct(v.api, 95);
      out[`list_${k}_directP95`] = pct(v.direct, 95);
    }
    console.log(
      `\n整改台账  API p50 ${fmt(out.listApiP50 as number)}  p95 ${fmt(out.listApiP95 as number)}   (target p95 ≤ 30 ms)`,
    );
    console.log(
      `          直接SQL p50 ${fmt(out.listDirectP50 as number)}  p95 ${fmt(out.listDirectP95 as number)}  (${statementsPerList} 条语句/次)`,
    );
    console.log(
      `          比值 p95 API/SQL = ${(out.listRatioP95 as number).toFixed(2)}   (target ≤ 1.5)   load ${loadLedger}`,
    );
    for (const [k, v] of Object.entries(byKind))
      console.log(
        `          ${k.padEnd(18)} API p95 ${fmt(pct(v.api, 95))}  直接SQL p95 ${fmt(pct(v.direct, 95))}  (n=${v.api.length})`,
      );
    console.log(
      `届整改统计  API p50 ${fmt(out.summaryApiP50 as number)}  p95 ${fmt(out.summaryApiP95 as number)}  最优单条SQL p95 ${fmt(out.summaryBestP95 as number)}  比值 ${(out.summaryRatio as number).toFixed(2)}   (target ≤ 300 ms)   load ${loadSummary}`,
    );
    console.log(`load at end ${load()}`);
    return out;
  } finally {
    // Closing the app already closed `database`, so lib's drop() rejects at its second close before it
    // drops anything: then drop the database by name here.
    await drop().catch(async () => {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
      await admin.end();
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRectification();
