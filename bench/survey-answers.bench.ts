import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { SURVEY_TEMPLATES } from '@xc/domain';
import pg from 'pg';
import { authorities, organizations } from '../apps/server/src/db/schema/index.ts';
import { signToken } from '../apps/server/src/modules/surveys/surveys.service.ts';
import { ManualClock } from '../apps/server/src/platform/clock.ts';
import { openDatabase } from '../apps/server/src/platform/db.ts';
import { uuidv7 } from '../apps/server/src/platform/ids.ts';
import { loadKeyRing } from '../apps/server/src/platform/keys.ts';
import { apiPost, benchSession, benchTermAndRound, freshPostgres, header, pct } from './lib.ts';

/**
 * Issue 5: a burst of survey answers through single-use links against PostgreSQL. The server runs
 * as `serve` in its own process (as in production) and this process fires answers over keep-alive
 * HTTP with a fixed concurrency. Then every token is replayed once: all must answer 409, and the
 * tables must hold exactly one answer per spent link (zero lost, zero doubled). Baseline in the same
 * run: the service's statement for one answer (spend the link, write the answer) straight from a
 * pg pool at the same concurrency, and in a plain sequential loop.
 */
const N = Number(process.env.BENCH_ANSWERS ?? 20_000);
const CONCURRENCY = 32;
/** What the service writes per answer (surveys.public.ts SPEND_AND_INSERT), for one row. */
const SPEND_AND_INSERT_ONE = `
  with spent as (
    insert into survey_spent_tokens (token_mac, batch_id) values ($4, $3)
    on conflict do nothing
    returning token_mac
  )
  insert into survey_answers (id, survey_id, batch_id, verified, answered_on, answers)
  select $1, $2, $3, true, '2026-11-27', $5::jsonb where exists (select 1 from spent)`;

export async function benchSurveyAnswers(): Promise<Record<string, number>> {
  header(`Survey answers: ${N} single-use links, concurrency ${CONCURRENCY}, PostgreSQL`);
  const { database, url, drop } = await freshPostgres();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-bench-survey-'));
  const keyFile = path.join(tmp, 'keys.json');
  const keys = loadKeyRing(keyFile);
  let child: ChildProcess | null = null;
  // Ended in `finally` too: a client still open when the database is dropped would end the process
  // with PostgreSQL's "terminating connection" and hide the error that got us there.
  let c: pg.Client | null = null;
  try {
    // Setup through the API, as an office would do it.
    const db = database.db;
    const clock = new ManualClock('2026-11-27T09:00:00+08:00');
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
    const org = uuidv7();
    await db.insert(organizations).values({
      id: org,
      authorityId: auth,
      parentId: null,
      name: '压测单位',
      searchKey: '压测单位',
      kind: '市直单位',
      sector: '综合',
      creditCode: null,
      establishedOn: '2000-01-01',
      abolishedOn: null,
      mergedIntoId: null,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    });
    // The setup app gets its own connection: closing it closes its database.
    const setupDb = await openDatabase({ url, poolMax: 2 });
    const { app, headers } = await benchSession(setupDb, url, auth, { keys, clock });
    const post = apiPost(app, headers);
    const { round } = await benchTermAndRound(post, auth);
    const team = await post('/api/teams', { roundId: round.id, name: '第一巡察组' });
    const insp = await post('/api/inspections', {
      roundId: round.id,
      teamId: team.id,
      mode: 'ordinary',
      targetOrgIds: [org],
    });
    const t0 = SURVEY_TEMPLATES[0];
    if (!t0) throw new Error('template');
    const survey = await post('/api/surveys', {
      kind: t0.kind,
      title: t0.title,
      targetType: 'inspection',
      targetId: insp.id,
      questions: t0.questions,
      keyQuestionId: t0.keyQuestionId,
    });
    await post(`/api/surveys/${survey.id}/status`, { version: survey.version, to: 'open' });
    // Batches of at most 2,000 links, as an office prints them.
    const tokens: string[] = [];
    const batchIds: string[] = [];
    for (let made = 0; made < N; made += 2000) {
      const count = Math.min(2000, N - made);
      const batch = await post(`/api/surveys/${survey.id}/batches`, { count });
      batchIds.push(batch.id);
      for (let i = 0; i < count; i++) tokens.push(signToken(keys, batch.id, i));
    }
    await app.close();

    // The server as in production, in its own process.
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    child = spawn(process.execPath, [...prof, '--import', 'tsx', 'apps/server/src/main.ts', 'serve'], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: String(port),
        DEMO: '0',
        LOG_LEVEL: 'warn',
        KEY_FILE: keyFile,
        DATA_DIR: tmp,
        RATE_LIMIT_PER_MINUTE: '1000000000',
        PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
      } catch {
        // starting
      }
      if (i > 600) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }

    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const answer = (token: string, body: string) =>
      new Promise<{ status: number; ms: number }>((resolve, reject) => {
        const t = performance.now();
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            path: `/api/public/surveys/${token}/answers`,
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const sheet = (i: number) =>
      JSON.stringify({ answers: { q1: i % 5, q2: (i % 5) + 1, q3: [i % 6], q4: i % 7 === 0 ? '建议加强监督' : '' } });

    // Warm-up on a separate small batch would spend tokens; instead warm the server on GETs.
    for (let i = 0; i < 200; i++) await fetch(`http://127.0.0.1:${port}/api/public/surveys/${survey.openCode}`);

    async function fire(list: string[], bodyOf: (i: number) => string) {
      const lat: number[] = [];
      const statuses = new Map<number, number>();
      let next = 0;
      const t = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (;;) {
            const i = next++;
            if (i >= list.length) return;
            const r = await answer(list[i] as string, bodyOf(i));
            lat.push(r.ms);
            statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          }
        }),
      );
      return { seconds: (performance.now() - t) / 1000, lat, statuses };
    }

    const burst = await fire(tokens, sheet);
    const replay = await fire(tokens.slice(0, Math.min(N, 5000)), sheet);
    c = new pg.Client({ connectionString: url });
    await c.connect();
    const rows = Number(
      (await c.query('select count(*)::int as n from survey_answers where survey_id = $1', [survey.id])).rows[0].n,
    );
    // Links spent: one row per link in survey_spent_tokens (its primary key), apart from the answers.
    const distinct = Number(
      (await c.query('select count(*)::int as n from survey_spent_tokens where batch_id = any($1::uuid[])', [batchIds]))
        .rows[0].n,
    );
    child.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r));
    child = null;

    // Baseline: the service's statement for one answer (spend the link, write the answer) from a pg
    // pool at the same concurrency, on the last batch.
    const batchId = batchIds[batchIds.length - 1];
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const baseLat: number[] = [];
    let next = 0;
    const tb = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (;;) {
          const i = next++;
          if (i >= N) return;
          const t = performance.now();
          await pool.query(SPEND_AND_INSERT_ONE, [randomUUID(), survey.id, batchId, `base:${i}`, sheet(i)]);
          baseLat.push(performance.now() - t);
        }
      }),
    );
    const baseSeconds = (performance.now() - tb) / 1000;
    await pool.end();
    // And the plain pg loop: one connection, one INSERT after another.
    const loopN = Math.min(N, 5000);
    const tl = performance.now();
    for (let i = 0; i < loopN; i++)
      await c.query(SPEND_AND_INSERT_ONE, [randomUUID(), survey.id, batchId, `loop:${i}`, sheet(i)]);
    const loopRate = loopN / ((performance.now() - tl) / 1000);
    await c.end();
    c = null;

    const accepted = burst.statuses.get(201) ?? 0;
    const rate = accepted / burst.seconds;
    const baseRate = N / baseSeconds;
    console.log(
      `API: ${accepted} accepted of ${N} in ${burst.seconds.toFixed(2)} s → ${rate.toFixed(0)} answers/s; p50 ${pct(burst.lat, 50).toFixed(1)} ms, p99 ${pct(burst.lat, 99).toFixed(1)} ms; statuses ${JSON.stringify(Object.fromEntries(burst.statuses))}`,
    );
    console.log(
      `Replay of ${replay.lat.length} spent tokens: statuses ${JSON.stringify(Object.fromEntries(replay.statuses))}; rows ${rows}, distinct tokens ${distinct} (lost ${N - distinct}, doubled ${rows - distinct})`,
    );
    console.log(
      `Baseline: the same statement from a pg pool (10 connections, ${CONCURRENCY} in flight): ${baseRate.toFixed(0)} rows/s, p99 ${pct(baseLat, 99).toFixed(1)} ms; ratio API/pool ${(rate / baseRate).toFixed(2)}`,
    );
    console.log(
      `Baseline: the same statement in a plain pg loop (one connection, sequential): ${loopRate.toFixed(0)} rows/s; ratio API/loop ${(rate / loopRate).toFixed(2)}`,
    );
    return {
      answersPerSecond: Math.round(rate),
      p50Ms: Number(pct(burst.lat, 50).toFixed(1)),
      p99Ms: Number(pct(burst.lat, 99).toFixed(1)),
      accepted,
      replayConflicts: replay.statuses.get(409) ?? 0,
      lost: N - distinct,
      doubled: rows - distinct,
      poolInsertsPerSecond: Math.round(baseRate),
      ratioToPool: Number((rate / baseRate).toFixed(2)),
      loopInsertsPerSecond: Math.round(loopRate),
      ratioToLoop: Number((rate / loopRate).toFixed(2)),
    };
  } finally {
    if (child) child.kill('SIGKILL');
    await c?.end().catch(() => {});
    await drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
