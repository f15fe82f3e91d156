import { randomUUID } from 'node:crypto';
import { searchKey } from '@xc/domain';
import { sql } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app.ts';
import { authorities, grants, organizations, petitions, users } from '../apps/server/src/db/schema/index.ts';
import { reportColumns } from '../apps/server/src/modules/petitions/index.ts';
import { BlindIndex } from '../apps/server/src/platform/blind-index.ts';
import { ManualClock } from '../apps/server/src/platform/clock.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { cryptoProvider } from '../apps/server/src/platform/crypto.ts';
import { type Database, openDatabase, rowsOf } from '../apps/server/src/platform/db.ts';
import { uuidv7 } from '../apps/server/src/platform/ids.ts';
import { FieldCipher, memoryKeyRing } from '../apps/server/src/platform/keys.ts';
import { argon2Params, hashPassword } from '../apps/server/src/platform/passwords.ts';
import { apiPost, benchTermAndRound, fmt, freshPostgres, header, PG_URL, pct, prng } from './lib.ts';

/**
 * Issue 10, item 8: the inbox's keyword search once no petition text is in clear. N petitions
 * (default 50,000; BENCH_PETITIONS) with their texts sealed as the product seals them, one office
 * user who may see all of them, and the same queries four ways, each as far as a page of 50 with
 * the total and the counts per status (what the inbox answers):
 *
 * - clear `like` (the baseline: the folded `search_key` column the product had before);
 * - decrypt all: every sealed search text the caller may see is decrypted and matched;
 * - keyed bigram tokens: HMAC-SM3 of each folded bigram (and character, for one-character
 *   queries) as int4 in an array with a GIN index, `@>` for the candidates;
 * - the blind index (what the product does): a keyed Bloom filter per row, salted by the row's
 *   id (platform/blind-index.ts), read for every row the caller may see as one aggregate and
 *   tested in the process; also through the route.
 * Candidates of the last two are decrypted to confirm, so all four give the same answers.
 *
 * Also the cost per petition written (sealing the texts with the blind index; computing the
 * deterministic tokens) and the team's case (the same search within one inspection of 500).
 * BENCH_SEARCH_DB=postgres runs it on PostgreSQL instead of the embedded PGlite.
 */
const N = Number(process.env.BENCH_PETITIONS ?? 50_000);
const TEAM_N = 500;
const ON_PG = process.env.BENCH_SEARCH_DB === 'postgres';

const PHRASES = [
  '长期违规使用公车办私事',
  '节假日收受下属单位购物卡',
  '违规发放津贴补贴',
  '插手工程项目招投标',
  '优亲厚友评定低保',
  '侵占村集体资金',
  '工作作风散漫迟到早退',
  '办事推诿群众反映强烈',
  '收费不开票',
  '违规兼职取酬',
  '大操大办婚丧喜庆',
  '形式主义官僚主义突出',
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const POSTS = ['副局长', '办公室主任', '所长', '村支书', '站长', '科长'];
const QUERIES: [string, string][] = [
  ['common phrase', '公车'],
  ['rare name', '钟某某'],
  ['one character', '钟'],
  ['full width', 'ＸＹＺ１２３'],
  ['no match', '核电站'],
];

export async function benchPetitionSearch(): Promise<Record<string, number>> {
  header(`Petition keyword search over sealed text: ${N} petitions, ${ON_PG ? 'PostgreSQL' : 'PGlite'}`);
  const pg = ON_PG ? await freshPostgres() : null;
  const database: Database = pg?.database ?? (await openDatabase({ dataDir: 'memory' }));
  if (!pg) await database.migrate();
  const keys = memoryKeyRing();
  const cipher = new FieldCipher(keys);
  const clock = new ManualClock('2026-11-27T09:00:00+08:00');
  const db = database.db;
  try {
    // The app closes the database it is given: on PostgreSQL it gets a pool of its own.
    const appDatabase = pg ? await openDatabase({ url: pg.url, poolMax: 4 }) : database;
    const { app, headers, auth, inspections, orgs } = await office(appDatabase, keys, clock);
    const tokenKey = cryptoProvider.hmacSm3(keys.tokenKey, 'bench-search-bigrams');
    const rnd = prng(10);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;

    // ------------------------------------------------ writing: sealing, and what tokens would add
    let sealMs = 0;
    let tokenMs = 0;
    let tokensPerRow = 0;
    for (let from = 0; from < N; from += 1000) {
      const rows = [];
      const extra: { id: string; key: string; grams: number[] }[] = [];
      for (let i = from; i < Math.min(N, from + 1000); i++) {
        const id = randomUUID();
        const subjectName = `${pick([...SURNAMES])}某某`;
        const content = [
          `反映${pick(POSTS)}${subjectName}`,
          pick(PHRASES),
          pick(PHRASES),
          i % 1000 === 7 ? '钟某某' : '',
          i % 5000 === 11 ? 'xyz123' : '',
          `，涉及金额${Math.floor(rnd() * 90 + 10)}万元，希望巡察组核实处理。`,
        ].join('');
        const t0 = performance.now();
        const sealed = reportColumns({ cipher, keys }, id, {
          anonymous: true,
          content,
          subjectName,
          subjectPost: pick(POSTS),
        });
        const t1 = performance.now();
        const grams = bigramTokens(tokenKey, searchKey(`${content}\n${subjectName}`));
        tokenMs += performance.now() - t1;
        sealMs += t1 - t0;
        tokensPerRow += grams.length;
        rows.push({
          id,
          authorityId: auth,
          inspectionId: (i < TEAM_N ? inspections[0] : inspections[1]) as string,
          orgId: (i < TEAM_N ? orgs[0] : orgs[1]) as string,
          channel: 'qr',
          ...sealed,
          receivedOn: `2026-${String(1 + (i % 11)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
          status: i % 4 === 0 ? 'accepted' : 'received',
        });
        extra.push({ id, key: searchKey(`${content}\n${subjectName}`), grams });
      }
      await db.insert(petitions).values(rows);
      // The two alternatives' columns, on this bench database only.
      if (from === 0)
        await db.execute(sql`alter table petitions add column bench_key text, add column bench_grams int4[]`);
      await db.execute(sql`
        update petitions p set bench_key = v.key, bench_grams = v.grams::int4[]
        from (select * from unnest(${pgArray(extra.map((e) => e.id))}::uuid[], ${pgArray(extra.map((e) => e.key))}::text[],
          ${pgArray(extra.map((e) => `{${e.grams.join(',')}}`))}::text[]) as v(id, key, grams)) v
        where p.id = v.id`);
    }
    await db.execute(sql`create index bench_grams_gin on petitions using gin (bench_grams)`);
    await db.execute(sql`analyze petitions`);
    console.log(
      `writing, per petition: sealing with the blind index ${fmt(sealMs / N)}; deterministic bigram tokens ${fmt(tokenMs / N)} (${Math.round(tokensPerRow / N)} tokens)`,
    );

    // ------------------------------------------------ searching
    const out: Record<string, number> = {};
    const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 5);
    const time = async (f: () => Promise<unknown>) => {
      const xs: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        await f();
        xs.push(performance.now() - t0);
      }
      return pct(xs, 50);
    };
    const answer = (rows: { id: string; receivedOn: string; status: string }[]) => {
      const counts: Record<string, number> = {};
      for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
      return { total: rows.length, counts, page: rows.slice(0, 50).map((r) => r.id) };
    };
    const like = async (q: string, inspection?: string) =>
      answer(
        rowsOf<{ id: string; receivedOn: string; status: string }>(
          await db.execute(sql`
            select id, received_on as "receivedOn", status from petitions
            where bench_key like ${`%${searchKey(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`}
              ${inspection ? sql`and inspection_id = ${inspection}` : sql``}
            order by received_on desc, id desc`),
        ),
      );
    const decryptAll = async (q: string, inspection?: string) => {
      const needle = searchKey(q);
      const rows = rowsOf<{ id: string; receivedOn: string; status: string; s: string }>(
        await db.execute(sql`
          select id, received_on as "receivedOn", status, search_enc as s from petitions
          ${inspection ? sql`where inspection_id = ${inspection}` : sql``}
          order by received_on desc, id desc`),
      );
      return answer(rows.filter((r) => cipher.decrypt('petitions', r.id, 'search', r.s).includes(needle)));
    };
    const grams = async (q: string, inspection?: string) => {
      const needle = searchKey(q);
      const want = bigramTokens(tokenKey, needle, true);
      const rows = rowsOf<{ id: string; receivedOn: string; status: string; s: string }>(
        await db.execute(sql`
          select id, received_on as "receivedOn", status, search_enc as s from petitions
          where bench_grams @> ${`{${want.join(',')}}`}::int4[]
            ${inspection ? sql`and inspection_id = ${inspection}` : sql``}
          order by received_on desc, id desc`),
      );
      return answer(rows.filter((r) => cipher.decrypt('petitions', r.id, 'search', r.s).includes(needle)));
    };
    const blind = BlindIndex.of(keys);
    const blindIndex = async (q: string, inspection?: string) => {
      const needle = searchKey(q);
      const [all] = rowsOf<{ ids: string | null; lens: string | null; blooms: Uint8Array | null }>(
        await db.execute(sql`
          select string_agg(id::text, '') as ids,
                 string_agg(lpad(coalesce(octet_length(search_bloom), 0)::text, 7, '0'), '') as lens,
                 string_agg(coalesce(search_bloom, ''::bytea), ''::bytea) as blooms
          from petitions ${inspection ? sql`where inspection_id = ${inspection}` : sql``}`),
      );
      const bytes = Buffer.from(all?.blooms ?? new Uint8Array(0));
      const rows: { id: string; filter: Buffer | null }[] = [];
      for (let i = 0, at = 0; i * 36 < (all?.ids?.length ?? 0); i++) {
        const len = Number(all?.lens?.slice(i * 7, i * 7 + 7));
        rows.push({
          id: all?.ids?.slice(i * 36, i * 36 + 36) as string,
          filter: len ? bytes.subarray(at, at + len) : null,
        });
        at += len;
      }
      const may = blind.mayContain(rows, needle);
      const candidates = rows.filter((_, i) => may[i]).map((r) => r.id);
      const found = candidates.length
        ? rowsOf<{ id: string; receivedOn: string; status: string; s: string }>(
            await db.execute(sql`
              select id, received_on as "receivedOn", status, search_enc as s from petitions
              where id = any(${pgArray(candidates)}::uuid[]) order by received_on desc, id desc`),
          )
        : [];
      return answer(found.filter((r) => cipher.decrypt('petitions', r.id, 'search', r.s).includes(needle)));
    };
    console.log(
      '| query | matches | clear like (baseline) | decrypt all | × | keyed bigrams + GIN | × | blind index | × | route (blind index) |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const [label, q] of QUERIES) {
      const a = await like(q);
      for (const [name, f] of [
        ['decrypt all', decryptAll],
        ['bigrams', grams],
        ['blind index', blindIndex],
      ] as const)
        if (JSON.stringify(await f(q)) !== JSON.stringify(a)) throw new Error(`${name} disagrees with like on ${q}`);
      const base = await time(() => like(q));
      const dec = await time(() => decryptAll(q));
      const gin = await time(() => grams(q));
      const bi = await time(() => blindIndex(q));
      const route = await time(async () => {
        const r = await app.inject({ method: 'GET', url: `/api/petitions?q=${encodeURIComponent(q)}`, headers });
        if (r.statusCode !== 200 || r.json().total !== a.total) throw new Error(`route: ${r.statusCode} ${r.body}`);
      });
      const x = (ms: number) => (ms / base).toFixed(1);
      console.log(
        `| ${label} “${q}” | ${a.total} | ${fmt(base)} | ${fmt(dec)} | ${x(dec)} | ${fmt(gin)} | ${x(gin)} | ${fmt(bi)} | ${x(bi)} | ${fmt(route)} |`,
      );
      out[`${label}: like ms`] = Math.round(base);
      out[`${label}: decrypt all ms`] = Math.round(dec);
      out[`${label}: bigrams ms`] = Math.round(gin);
      out[`${label}: blind index ms`] = Math.round(bi);
      out[`${label}: route ms`] = Math.round(route);
    }
    const team = inspections[0] as string;
    const teamBase = await time(() => like('公车', team));
    const teamDec = await time(() => decryptAll('公车', team));
    const teamBlind = await time(() => blindIndex('公车', team));
    console.log(
      `within one inspection (${TEAM_N} petitions), “公车”: like ${fmt(teamBase)}, decrypt all ${fmt(teamDec)}, blind index ${fmt(teamBlind)}`,
    );
    out['team: decrypt all ms'] = Math.round(teamDec);
    out['team: blind index ms'] = Math.round(teamBlind);
    const size = rowsOf<{ grams: string; gin: string; sealed: string; bloom: string }>(
      await db.execute(sql`
        select pg_size_pretty(sum(pg_column_size(bench_grams))) as grams,
               pg_size_pretty(pg_relation_size('bench_grams_gin')) as gin,
               pg_size_pretty(sum(pg_column_size(search_enc))) as sealed,
               pg_size_pretty(sum(pg_column_size(search_bloom))) as bloom
        from petitions`),
    )[0];
    console.log(
      `storage: sealed search text ${size?.sealed}; blind index ${size?.bloom}; bigram arrays ${size?.grams} + GIN ${size?.gin}`,
    );
    await app.close();
    return out;
  } finally {
    if (pg) await pg.drop();
    else await database.close();
  }
}

/** A PostgreSQL array literal: drizzle would spread a JavaScript array into a list of parameters. */
function pgArray(xs: string[]): string {
  return `{${xs.map((x) => `"${x.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/**
 * Keyed tokens of the distinct characters and bigrams of a folded text (a query needs all of its
 * bigrams, or its one character). Deterministic under the key: equal bigrams give equal tokens in
 * every row, which is what lets the index work and what a reader of the database can count.
 */
function bigramTokens(key: Buffer, text: string, query = false): number[] {
  const cps = [...text];
  const grams = new Set<string>();
  if (!query || cps.length === 1) for (const c of cps) grams.add(c);
  for (let i = 0; i + 1 < cps.length; i++) grams.add(`${cps[i]}${cps[i + 1]}`);
  return [...grams].map((g) => cryptoProvider.hmacSm3(key, g).readInt32BE(0));
}

/** An office user who may see every petition, the API in this process, and two inspections. */
async function office(database: Database, keys: ReturnType<typeof memoryKeyRing>, clock: ManualClock) {
  const db = database.db;
  const now = clock.now();
  const auth = uuidv7();
  await db.insert(authorities).values({
    id: auth,
    name: '压测市委巡察办',
    shortName: '压测',
    level: 'city',
    parentAuthorityId: null,
    regionCode: null,
    createdAt: now,
  });
  const orgs = [uuidv7(), uuidv7()];
  for (const [i, id] of orgs.entries())
    await db.insert(organizations).values({
      id,
      authorityId: auth,
      parentId: null,
      name: `压测单位${i + 1}`,
      searchKey: `压测单位${i + 1}`,
      kind: '市直单位',
      sector: '综合',
      creditCode: null,
      establishedOn: '2000-01-01',
      createdAt: now,
      updatedAt: now,
    });
  const userId = uuidv7();
  await db.insert(users).values({
    id: userId,
    username: 'bench',
    usernameKey: 'bench',
    displayName: '压测',
    passwordHash: await hashPassword('Bench-Passw0rd!', argon2Params(1024)),
    passwordChangedAt: now,
    mustChangePassword: false,
    createdAt: now,
  });
  await db.insert(grants).values({
    id: uuidv7(),
    userId,
    role: 'officeStaff',
    scopeType: 'authority',
    scopeId: auth,
    includeChildren: false,
    createdAt: now,
  });
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', DEMO: '1', ...(ON_PG ? { DATABASE_URL: PG_URL } : {}) }),
    argon2MemoryKiB: 1024,
    rateLimitPerMinute: 1e9,
    webDist: '/none',
  };
  const app = await buildApp({ config, database, keys, clock });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'bench', password: 'Bench-Passw0rd!' },
  });
  if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
  const headers = {
    cookie: `xc_sid=${login.cookies.find((c) => c.name === 'xc_sid')?.value}`,
    'x-csrf-token': login.json().csrfToken as string,
  };
  const post = apiPost(app, headers);
  const { round } = await benchTermAndRound(post, auth);
  const ids: string[] = [];
  for (const [i, name] of ['第一巡察组', '第二巡察组'].entries()) {
    const team = await post('/api/teams', { roundId: round.id, name });
    const target = orgs[i] as string;
    ids.push(
      (await post('/api/inspections', { roundId: round.id, teamId: team.id, mode: 'ordinary', targetOrgIds: [target] }))
        .id,
    );
  }
  return { app, headers, auth, inspections: ids, orgs };
}
