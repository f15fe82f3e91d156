/**
 * Fieldwork at province scale on PostgreSQL: 1,000,000 findings and 100,000 clues (with their
 * people) over 21 authorities × 3 terms × 14 rounds × 16 inspections.
 * - The findings list with filters through the API (session, scope, schema, labels), against the
 *   same SQL the service issues, run directly in the same run. Target: p95 ≤ 30 ms, ratio ≤ 1.5.
 * - An inspection's summary and a term's clue count (件 and 人) through the API, against the best
 *   single SQL we could write for the same figures. Target: ≤ 200 ms each, ratio reported.
 */
import { ZFindingListQuery } from '@xc/domain';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { authorities, fieldworkSettings, taxonomyNodes } from '../apps/server/src/db/schema/index.ts';
import { listFindings } from '../apps/server/src/modules/fieldwork/fieldwork.findings.ts';
import { libraryRows, subjectColumns } from '../apps/server/src/modules/fieldwork/index.ts';
import { rowsOf } from '../apps/server/src/platform/db.ts';
import { uuidv7 } from '../apps/server/src/platform/ids.ts';
import { FieldCipher, memoryKeyRing } from '../apps/server/src/platform/keys.ts';
import { benchSession, fmt, freshPostgres, header, pct, prng, statementCapture } from './lib.ts';

const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 1_000_000);
const CLUES = Number(process.env.BENCH_CLUES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const AUTHORITIES = 21;
const SECTORS = ['党群', '政法', '教育', '卫健', '农林水', '交通', '城建', '国土', '经济', '财政金融', '社会事业'];

async function timeIt<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

export async function benchFindings(): Promise<Record<string, number>> {
  header(`巡察发现问题列表与统计（${FINDINGS.toLocaleString()} 个问题、${CLUES.toLocaleString()} 件线索，PostgreSQL）`);
  const { database, url, drop } = await freshPostgres();
  try {
    const db = database.db;
    const now = new Date();
    const keys = memoryKeyRing();
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
    for (const a of auth) {
      await db.insert(taxonomyNodes).values(libraryRows(a.id, now).taxonomy);
      await db.insert(fieldworkSettings).values({ authorityId: a.id, value: {}, librariesSeededAt: now });
    }
    const t0 = performance.now();
    // Planning rows and the records, generated inside PostgreSQL.
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
      select gen_random_uuid(), r.id, r.term_id, r.authority_id, 'ordinary', 'archived',
             t.start_date + (r.number * 100), t.start_date + (r.number * 100 + 40), now(), now()
      from rounds r join terms t on t.id = r.term_id, generate_series(1, 16) g`);
    await db.execute(sql`
      insert into inspection_targets (inspection_id, org_id, role)
      select i.id, (select o.id from organizations o where o.authority_id = i.authority_id
                    order by md5(o.id::text || i.id::text) limit 1), 'primary'
      from inspections i`);
    await db.execute(sql`create unlogged table bench_insp as
      select row_number() over (order by i.id) as n, i.id, i.authority_id, i.term_id, i.round_id, i.entry_date, t.org_id
      from inspections i join inspection_targets t on t.inspection_id = i.id`);
    await db.execute(sql`create unlogged table bench_types as
      select row_number() over (partition by authority_id order by id) as n, authority_id, id
      from taxonomy_nodes where level = 'type'`);
    const [{ inspections = 0, types = 0 } = {}] = rowsOf<{ inspections: number; types: number }>(
      await db.execute(sql`select (select count(*) from bench_insp)::int as inspections,
        (select count(*) from bench_types where authority_id = (select min(authority_id::text)::uuid from bench_types))::int as types`),
    );
    await db.execute(sql`
      insert into findings (id, authority_id, term_id, round_id, inspection_id, org_id, sector, title, facts, search_key,
        source, taxonomy_node_id, severity, common, immediate, regulation_ids, created_at, updated_at, version)
      select gen_random_uuid(), i.authority_id, i.term_id, i.round_id, i.id, i.org_id,
             (${sql.raw(`array['${SECTORS.join("','")}']`)})[1 + (g * 7) % ${SECTORS.length}],
             (array['违规发放津贴补贴','超标准公务接待','财务管理不规范','选人用人不规范','“三会一课”制度落实不到位'])[1 + g % 5],
             '经查，该单位存在问题，涉及金额' || (g % 97) || '万元。',
             (array['违规发放津贴补贴','超标准公务接待','财务管理不规范','选人用人不规范','“三会一课”制度落实不到位'])[1 + g % 5] || '经查，该单位存在问题。',
             'ledger', ty.id, (array['general','serious','major'])[1 + g % 3], g % 6 = 0, g % 4 = 0, '[]',
             i.entry_date::timestamptz + (g % 40) * interval '1 day' + (g % 3600) * interval '1 second', now(), 1
      from generate_series(1::bigint, ${FINDINGS}) g
      join bench_insp i on i.n = 1 + (g * 7919) % ${inspections}
      join bench_types ty on ty.authority_id = i.authority_id and ty.n = 1 + g % ${types}`);
    await db.execute(sql`
      insert into clues (id, authority_id, term_id, round_id, inspection_id, org_id, discipline, facts_enc, evidence,
        status, created_at, updated_at)
      select gen_random_uuid(), i.authority_id, i.term_id, i.round_id, i.id, i.org_id,
             (array['integrity','masses','work','organizational','political','life'])[1 + g % 6],
             'v1.bench', '[]', (array['transferred','disposing','resultIn','writtenOff'])[1 + g % 4],
             i.entry_date::timestamptz + (g % 40) * interval '1 day', now()
      from generate_series(1::bigint, ${CLUES}) g join bench_insp i on i.n = 1 + (g * 104729) % ${inspections}`);
    // One or two people per clue, sealed as the service seals them; every 50th is named again elsewhere.
    const cipher = new FieldCipher(keys);
    const clueRows = rowsOf<{ id: string; term_id: string; inspection_id: string }>(
      await db.execute(sql`select id, term_id, inspection_id from clues order by id`),
    );
    const r = prng(11);
    let people = 0;
    for (let i = 0; i < clueRows.length; i += 2000) {
      const chunk = clueRows.slice(i, i + 2000).flatMap((c) =>
        Array.from({ length: r() < 0.2 ? 2 : 1 }, (_, seq) => {
          people++;
          const id = uuidv7();
          const person =
            people % 50 === 0 ? { name: '重复人', post: `科长${people % 7}` } : { name: `某${people}`, post: '科长' };
          return {
            id,
            clue_id: c.id,
            term_id: c.term_id,
            inspection_id: c.inspection_id,
            seq,
            level: 'sectionLevel',
            ...Object.fromEntries(
              Object.entries(subjectColumns(cipher, keys, id, person)).map(([k, v]) => [
                k.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`),
                v,
              ]),
            ),
          };
        }),
      );
      await db.execute(
        sql`insert into clue_subjects select * from json_populate_recordset(null::clue_subjects, ${JSON.stringify(chunk)}::json)`,
      );
    }
    // A ledger of a million findings has been vacuumed many times over (autovacuum): the visibility
    // map lets counts read an index alone. Freshly bulk-loaded, it would not yet.
    await db.execute(sql`vacuum analyze`);
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`造数 ${loadSeconds.toFixed(0)} 秒`);

    // The bench signs in with a password only: the second factor is not what is measured here.
    await db.execute(sql`insert into settings (id, value, version) values (1, ${JSON.stringify({ totpRequiredRoles: [] })}::jsonb, 1)
      on conflict (id) do update set value = settings.value || excluded.value`);
    const { app, cookie } = await benchSession(database, url, auth[0]?.id as string, { includeChildren: true, keys });
    const headers = { cookie };
    const get = async (u: string) => {
      const res = await app.inject({ method: 'GET', url: u, headers });
      if (res.statusCode !== 200) throw new Error(`${u}: ${res.statusCode} ${res.body}`);
      return res;
    };
    const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length] as T;
    const termIds = rowsOf<{ id: string }>(await db.execute(sql`select id from terms order by id`)).map((r) => r.id);
    const roundIds = rowsOf<{ id: string }>(await db.execute(sql`select id from rounds order by id`)).map((r) => r.id);
    const inspectionIds = rowsOf<{ id: string }>(
      await db.execute(sql`select id from bench_insp order by n limit 500`),
    ).map((r) => r.id);
    const aspects = rowsOf<{ id: string; authority_id: string }>(
      await db.execute(sql`select id, authority_id from taxonomy_nodes where level = 'aspect' order by id`),
    );

    // The mix an office uses: a term, a term and sector, an inspection, a round's common problems,
    // an authority's aspect of the taxonomy, a keyword within a term.
    const queries = Array.from({ length: ROUNDS }, (_, i) => {
      const f: Record<string, string> = { limit: '20' };
      if (i % 6 === 0) f.termId = pick(termIds, i * 13);
      if (i % 6 === 1) Object.assign(f, { termId: pick(termIds, i * 7), sector: pick(SECTORS, i) });
      if (i % 6 === 2) f.inspectionId = pick(inspectionIds, i * 31);
      if (i % 6 === 3) Object.assign(f, { roundId: pick(roundIds, i * 17), common: 'true' });
      if (i % 6 === 4) {
        const a = pick(aspects, i * 3);
        Object.assign(f, { authorityId: a.authority_id, taxonomyNodeId: a.id });
      }
      if (i % 6 === 5) Object.assign(f, { termId: pick(termIds, i * 5), q: '津贴' });
      return f;
    });

    // The exact statements the service issues, captured through a logging client, then run directly.
    const cap = await statementCapture(
      app,
      url,
      auth.map((a) => a.id),
      now,
    );
    // The query as the route hands it over: parsed by the route's schema.
    const statementsOf = (f: Record<string, string>) =>
      cap.capture((deps, ctx) => listFindings(deps, ctx, ZFindingListQuery.parse(f)));
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {});
    await client.connect();
    for (const f of queries.slice(0, 24)) {
      await get(`/api/findings?${new URLSearchParams(f)}`);
      for (const s of await statementsOf(f)) await client.query(s.sql, s.params);
    }
    const api: number[] = [];
    const direct: number[] = [];
    for (const f of queries) {
      const stmts = await statementsOf(f);
      direct.push(
        (
          await timeIt(async () => {
            for (const s of stmts) await client.query(s.sql, s.params);
          })
        )[0],
      );
      api.push((await timeIt(() => get(`/api/findings?${new URLSearchParams(f)}`)))[0]);
    }

    // An inspection's summary and a term's clues in 件 and 人, against the best single statements.
    const busiest = rowsOf<{ id: string }>(
      await db.execute(sql`select inspection_id as id from clues group by 1 order by count(*) desc limit 20`),
    ).map((r) => r.id);
    const summaryApi: number[] = [];
    const summaryBest: number[] = [];
    for (const id of [...busiest, ...busiest]) {
      summaryApi.push((await timeIt(() => get(`/api/inspections/${id}/summary`)))[0]);
      summaryBest.push(
        (
          await timeIt(() =>
            client.query(
              `select (select count(*) from interviews where inspection_id = $1) as interviews,
                 (select coalesce(sum(count), 0) from activities where inspection_id = $1 and status = 'recorded') as activities,
                 (select count(*) from working_papers where inspection_id = $1) as papers,
                 (select count(*) from findings where inspection_id = $1) as findings,
                 (select count(*) from clues where inspection_id = $1) as clues,
                 (select count(distinct person_hash) from clue_subjects where inspection_id = $1) as persons,
                 (select count(*) from petitions where inspection_id = $1) as petitions`,
              [id],
            ),
          )
        )[0],
      );
    }
    const clueApi: number[] = [];
    const clueBest: number[] = [];
    for (const termId of [...termIds, ...termIds].slice(0, 40)) {
      clueApi.push((await timeIt(() => get(`/api/clues?termId=${termId}&limit=20`)))[0]);
      clueBest.push(
        (
          await timeIt(() =>
            client.query(
              `select (select count(*) from clues where term_id = $1) as cases,
                      (select count(distinct person_hash) from clue_subjects where term_id = $1) as persons`,
              [termId],
            ),
          )
        )[0],
      );
    }
    const [termApi] = await timeIt(() => get(`/api/terms/${termIds[0]}/fieldwork-summary`));
    await client.end();
    await cap.end();
    await app.close();
    const out = {
      listApiP50: pct(api, 50),
      listApiP95: pct(api, 95),
      listDirectP50: pct(direct, 50),
      listDirectP95: pct(direct, 95),
      listRatioP95: pct(api, 95) / pct(direct, 95),
      summaryApiP95: pct(summaryApi, 95),
      summaryBestP95: pct(summaryBest, 95),
      summaryRatio: pct(summaryApi, 95) / pct(summaryBest, 95),
      termCluesApiP95: pct(clueApi, 95),
      termCluesBestP95: pct(clueBest, 95),
      termCluesRatio: pct(clueApi, 95) / pct(clueBest, 95),
      termSummaryApi: termApi,
      loadSeconds,
    };
    console.log(`问题列表  API p50 ${fmt(out.listApiP50)}  p95 ${fmt(out.listApiP95)}   (target p95 ≤ 30 ms)`);
    console.log(`          直接SQL p50 ${fmt(out.listDirectP50)}  p95 ${fmt(out.listDirectP95)}`);
    console.log(`          比值 p95 API/SQL = ${out.listRatioP95.toFixed(2)}   (target ≤ 1.5)`);
    // Which filters of the mix make the tail: the p95 of each kind, through the API.
    const kinds = ['届', '届+系统', '一次巡察', '轮次+共性', '单位+分类', '届+关键词'];
    const ofKind = (xs: number[], j: number) =>
      pct(
        xs.filter((_, i) => i % 6 === j),
        95,
      );
    console.log(
      `          各类 p95 API/直接SQL：${kinds.map((k, j) => `${k} ${fmt(ofKind(api, j))}/${fmt(ofKind(direct, j))}`).join('，')}`,
    );
    console.log(
      `巡察统计  API p95 ${fmt(out.summaryApiP95)}  最优单条SQL p95 ${fmt(out.summaryBestP95)}  比值 ${out.summaryRatio.toFixed(2)}   (target ≤ 200 ms)`,
    );
    console.log(
      `届内线索件/人  API p95 ${fmt(out.termCluesApiP95)}  最优单条SQL p95 ${fmt(out.termCluesBestP95)}  比值 ${out.termCluesRatio.toFixed(2)}   (target ≤ 200 ms)`,
    );
    console.log(`届内巡察工作统计（全部数字）API ${fmt(termApi)}`);
    return out;
  } finally {
    await drop().catch(() => {});
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchFindings();
