import { randomUUID } from 'node:crypto';
import {
  AppError,
  ErrorCode,
  type TPublicSurvey,
  type TQuestion,
  type TSurveyAnswers,
  type TSurveyKind,
  type TSurveyTargetType,
  validateAnswers,
} from '@xc/domain';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import type pg from 'pg';
import { surveyBatches, surveySpentTokens, surveys } from '../../db/schema/surveys.ts';
import { notFound } from '../../platform/access.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { AppDeps } from '../../platform/context.ts';
import { type Db, rowsOf } from '../../platform/db.ts';
import { CODE_PATTERN, type Throttle, tooMany } from '../../platform/public.ts';
import { authorityById } from '../orgs/index.ts';
import { planningObject } from '../planning/index.ts';

import { sealTexts, spentTokenMac, splitAnswers } from './surveys.sealed.ts';
import { readToken, type SurveyRow, targetIdOf } from './surveys.service.ts';

// The public side of surveys: what a phone sees through an open QR code or a single-use link, and
// the answers it sends (no session; security.md, Public channel).

/** The open surveys the landing page of an inspection's code offers. */
export async function openSurveysFor(db: Db, i: { id: string; roundId: string; teamId: string | null }) {
  const rows = await db
    .select({ title: surveys.title, kind: surveys.kind, code: surveys.openCode })
    .from(surveys)
    .where(
      and(
        eq(surveys.status, 'open'),
        or(
          eq(surveys.inspectionId, i.id),
          eq(surveys.roundId, i.roundId),
          i.teamId ? eq(surveys.teamId, i.teamId) : sql`false`,
        ),
      ),
    )
    .orderBy(asc(surveys.createdAt));
  return rows;
}

/**
 * What answering needs of a survey, cached briefly per process: a burst of answers must not read
 * the questionnaire thousands of times. The insert itself re-checks status and version in SQL, so
 * a survey closed on another instance stops accepting at once.
 */
interface CachedSurvey {
  id: string;
  status: string;
  version: number;
  questions: TQuestion[];
  openCap: number;
  until: number;
}
const CACHE_MS = 5_000;
const surveyCache = new Map<string, CachedSurvey>();
const codeToId = new Map<string, string>();
const batchToSurvey = new Map<string, { surveyId: string; count: number }>();

/** Drop a survey from the public cache after a staff edit, so the phones see the change at once. */
export function forget(id: string): void {
  surveyCache.delete(id);
}

async function cachedSurvey(db: Db, id: string, now: number): Promise<CachedSurvey | null> {
  const c = surveyCache.get(id);
  if (c && c.until > now) return c;
  const r = (await db.select().from(surveys).where(eq(surveys.id, id)))[0];
  if (!r) return null;
  const fresh = {
    id: r.id,
    status: r.status,
    version: r.version,
    questions: r.questions,
    openCap: r.openCap,
    until: now + CACHE_MS,
  };
  if (surveyCache.size > 5_000) surveyCache.clear();
  surveyCache.set(id, fresh);
  return fresh;
}

/** A single-use link's batch and the keyed MAC it is remembered by once used. */
type Entry = { survey: CachedSurvey; link: { batchId: string; mac: string } | null };

async function resolveEntry(deps: AppDeps, x: string, now: number): Promise<Entry> {
  const { db, keys } = deps;
  if (CODE_PATTERN.test(x)) {
    let id = codeToId.get(x);
    if (!id) {
      id = (await db.select({ id: surveys.id }).from(surveys).where(eq(surveys.openCode, x)))[0]?.id;
      if (!id) throw notFound('问卷');
      if (codeToId.size > 5_000) codeToId.clear();
      codeToId.set(x, id);
    }
    const s = await cachedSurvey(db, id, now);
    if (!s) throw notFound('问卷');
    return { survey: s, link: null };
  }
  const t = readToken(keys, x);
  if (!t) throw notFound('问卷');
  let b = batchToSurvey.get(t.batchId);
  if (!b) {
    const row = (await db.select().from(surveyBatches).where(eq(surveyBatches.id, t.batchId)))[0];
    if (!row) throw notFound('问卷');
    b = { surveyId: row.surveyId, count: row.count };
    if (batchToSurvey.size > 5_000) batchToSurvey.clear();
    batchToSurvey.set(t.batchId, b);
  }
  if (t.index >= b.count) throw notFound('问卷');
  const s = await cachedSurvey(db, b.surveyId, now);
  if (!s) throw notFound('问卷');
  return { survey: s, link: { batchId: t.batchId, mac: spentTokenMac(keys, t.batchId, t.index) } };
}

async function isSpent(db: Db, mac: string): Promise<boolean> {
  const r = await db
    .select({ mac: surveySpentTokens.tokenMac })
    .from(surveySpentTokens)
    .where(eq(surveySpentTokens.tokenMac, mac));
  return r.length > 0;
}

export async function publicSurvey(deps: AppDeps, x: string): Promise<TPublicSurvey> {
  const { db, clock } = deps;
  const e = await resolveEntry(deps, x, clock.now().getTime());
  const r = (await db.select().from(surveys).where(eq(surveys.id, e.survey.id)))[0] as SurveyRow;
  if (r.status === 'draft') throw notFound('问卷');
  const target = await planningObject(db, r.targetType as TSurveyTargetType, targetIdOf(r));
  const authority = await authorityById(db, r.authorityId);
  let open = r.status === 'open';
  let spent = false;
  if (e.link) {
    spent = await isSpent(db, e.link.mac);
    if (spent) open = false;
  }
  return {
    title: r.title,
    intro: r.intro,
    kind: r.kind as TSurveyKind,
    authorityName: authority?.name ?? '',
    targetName: target?.name ?? '',
    verified: !!e.link,
    open,
    spent,
    questions: r.questions.map((q) => ({
      id: q.id,
      type: q.type,
      title: q.title,
      required: q.required,
      options: q.options.map((o) => o.label),
      scaleMax: q.scaleMax ?? null,
    })),
  };
}

/**
 * Answers arriving together are written together: on PostgreSQL, the answers that reach this
 * process within one turn of the event loop go into one statement (one round trip, one commit),
 * and each request learns from RETURNING whether its own row went in. Every answer is still
 * durable before its 201. PGlite (one user on a laptop) writes one by one with the same statement.
 *
 * The statement spends a link and writes its answer together (issue 10, item 7): the spent MAC
 * goes into survey_spent_tokens, whose primary key lets one use of a link win under any
 * concurrency, within a batch or across batches and instances; the answer row gets the batch only.
 * Both only while the survey is open at the version the answer was checked against.
 */
const SPEND_AND_INSERT = `spent as (
    insert into survey_spent_tokens (token_mac, batch_id)
    select mac, batch_id from ok where mac is not null
    on conflict do nothing
    returning token_mac
  )
  insert into survey_answers (id, survey_id, batch_id, verified, answered_on, answers, texts_enc)
  select id, survey_id, batch_id, verified, answered_on, answers, texts_enc from ok
  where mac is null or mac in (select token_mac from spent)
  returning id`;
/** The batch: one row per answer, from arrays. A single answer (PGlite) reads its row from one select. */
const INSERT_ANSWERS = `
  with v as (
    select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::bool[], $6::date[], $7::jsonb[],
                         $8::text[], $9::int[])
      as v(id, survey_id, batch_id, mac, verified, answered_on, answers, texts_enc, version)
  ), ok as (
    select v.* from v join surveys s on s.id = v.survey_id and s.status = 'open' and s.version = v.version
  ), ${SPEND_AND_INSERT}`;

interface AnswerRow {
  id: string;
  surveyId: string;
  batchId: string | null;
  mac: string | null;
  verified: boolean;
  day: string;
  answers: string;
  textsEnc: string | null;
  version: number;
}

const MAX_BATCH = 500;

class AnswerBatcher {
  private queue: { row: AnswerRow; done: (ok: boolean) => void; fail: (e: unknown) => void }[] = [];
  private scheduled = false;
  constructor(private readonly pool: pg.Pool) {}

  add(row: AnswerRow): Promise<boolean> {
    return new Promise((done, fail) => {
      this.queue.push({ row, done, fail });
      if (this.queue.length >= MAX_BATCH) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const taken = this.queue.splice(0, MAX_BATCH);
    if (!taken.length) return;
    if (this.queue.length && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    // One use per link per statement: a second use of a link in the same statement would find the
    // spent row only after the statement, and could be written too. It loses here instead.
    const seen = new Set<string>();
    const items = taken.filter((i) => {
      if (!i.row.mac) return true;
      if (seen.has(i.row.mac)) {
        i.done(false);
        return false;
      }
      seen.add(i.row.mac);
      return true;
    });
    const col = <K extends keyof AnswerRow>(k: K) => items.map((i) => i.row[k]);
    this.pool
      .query({
        name: 'xc_survey_answers_spent',
        text: INSERT_ANSWERS,
        values: [
          col('id'),
          col('surveyId'),
          col('batchId'),
          col('mac'),
          col('verified'),
          col('day'),
          col('answers'),
          col('textsEnc'),
          col('version'),
        ],
      })
      .then((res) => {
        const written = new Set(res.rows.map((r: { id: string }) => r.id));
        for (const i of items) i.done(written.has(i.row.id));
      })
      .catch((e) => {
        for (const i of items) i.fail(e);
      });
  }
}

const batchers = new WeakMap<pg.Pool, AnswerBatcher>();

/** True when the answer was written (and its link, if any, spent). */
async function insertAnswer(deps: AppDeps, row: AnswerRow): Promise<boolean> {
  const pool = deps.database.pool;
  if (pool) {
    let b = batchers.get(pool);
    if (!b) {
      b = new AnswerBatcher(pool);
      batchers.set(pool, b);
    }
    return b.add(row);
  }
  const res = await deps.db.execute(sql`
    with ok as (
      select ${row.id}::uuid as id, s.id as survey_id, ${row.batchId}::uuid as batch_id, ${row.mac}::text as mac,
             ${row.verified}::bool as verified, ${row.day}::date as answered_on, ${row.answers}::jsonb as answers,
             ${row.textsEnc}::text as texts_enc
      from surveys s where s.id = ${row.surveyId}::uuid and s.status = 'open' and s.version = ${row.version}
    ), ${sql.raw(SPEND_AND_INSERT)}`);
  return rowsOf(res).length > 0;
}

/**
 * Open-code answers from one network address (a unit's Wi-Fi, a carrier's NAT) per survey. The
 * survey's own cap (`openCap`) applies per phone: the keyed IP hash plus the random id the public
 * page keeps on the phone. Neither is ever stored; both counters live in this process only.
 */
export const OPEN_NETWORK_CAP = 50;

export interface PublicClient {
  /** Keyed hash of the IP (platform/public.ts publicClientKey). */
  ip: string;
  /** The phone's random id from the public page, when it sent one. */
  device: string | null;
}

/**
 * One answer sheet. A single-use token is accepted once (the unique token_key; a second use, even
 * at the same instant, answers 409); an open code's answers are unverified and capped per client.
 * One INSERT … SELECT that also checks the survey is open at that version.
 */
export async function submitAnswer(
  deps: AppDeps,
  openAnswers: Throttle,
  client: PublicClient,
  x: string,
  answers: TSurveyAnswers,
): Promise<{ accepted: true; verified: boolean }> {
  const { db, clock, cipher } = deps;
  const now = clock.now().getTime();
  const e = await resolveEntry(deps, x, now);
  const s = e.survey;
  if (s.status !== 'open') throw new AppError(ErrorCode.Conflict, '问卷未在收集中，感谢您的关注');
  const checked = validateAnswers(s.questions, answers);
  if (!checked.ok)
    throw new AppError(ErrorCode.BadRequest, checked.errors[0] as string, {
      issues: checked.errors.map((m) => ({ path: 'answers', message: m })),
    });
  const phoneKey = `${client.ip}:${client.device ?? '-'}:${s.id}`;
  const networkKey = `${client.ip}:${s.id}`;
  if (!e.link) {
    if ((await openAnswers.count(phoneKey, now)) >= s.openCap) throw tooMany('这部手机已经参与过本问卷，感谢您的参与');
    if ((await openAnswers.count(networkKey, now)) >= OPEN_NETWORK_CAP)
      throw tooMany('同一网络提交的答卷已达上限，请稍后再试或使用一次性答卷链接');
  }
  const day = shanghaiDate(clock.now());
  const id = randomUUID();
  const { choices, texts } = splitAnswers(checked.answers);
  const inserted = await insertAnswer(deps, {
    id,
    surveyId: s.id,
    batchId: e.link?.batchId ?? null,
    mac: e.link?.mac ?? null,
    verified: !!e.link,
    day,
    answers: JSON.stringify(choices),
    textsEnc: sealTexts(cipher, id, texts),
    version: s.version,
  });
  if (inserted) {
    if (!e.link) {
      await openAnswers.hit(phoneKey, now);
      await openAnswers.hit(networkKey, now);
    }
    return { accepted: true, verified: !!e.link };
  }
  // Nothing inserted: the link was spent, or the survey changed since it was cached.
  forget(s.id);
  if (e.link && (await isSpent(db, e.link.mac)))
    throw new AppError(ErrorCode.Conflict, '该链接已经提交过答卷，每个链接只能使用一次');
  const fresh = await cachedSurvey(db, s.id, now);
  if (fresh?.status !== 'open' || fresh.version === s.version)
    throw new AppError(ErrorCode.Conflict, '问卷未在收集中，感谢您的关注');
  return submitAnswer(deps, openAnswers, client, x, answers);
}
