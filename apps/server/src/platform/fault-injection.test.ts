import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGovernanceWorld, type GovWorld, ok } from '../modules/governance/governance.fixture.ts';

// security.md Reliability R1: a multi-row action runs in one transaction, so a fault after any one of
// its statements leaves the database exactly as it was. The database client is wrapped so that the
// k-th statement inside a transaction throws; each action is tried with k = 1, 2, … until it runs
// past its last statement and succeeds. After every faulted try, each table's content (an md5 of its
// rows) must equal what it was before, the audit log included; only the sign-in bookkeeping
// (sessions' last-seen, the shared rate counters) may move.

const SKIPPED = new Set(['sessions', 'shared_counters', 'shared_keys']);

interface Fault {
  at: number;
  seen: number;
  hit: boolean;
}
let fault: Fault | null = null;

/** Counts a statement of a transaction, throwing when it is the armed one. */
function tick(text: string): void {
  if (!fault || /^\s*(begin|commit|rollback)\b/i.test(text)) return;
  countStatement();
}

function countStatement(): void {
  if (!fault) return;
  fault.seen++;
  if (fault.seen === fault.at) {
    fault.hit = true;
    throw new Error(`injected fault at statement ${fault.at}`);
  }
}

function textOf(q: unknown): string {
  return typeof q === 'string' ? q : ((q as { text?: string })?.text ?? '');
}

/** Wraps the client so that statements inside transactions pass through `tick`. */
function instrument(w: GovWorld): void {
  const pglite = w.t.database.pglite;
  if (pglite) {
    const original = pglite.transaction.bind(pglite);
    pglite.transaction = ((fn: (tx: unknown) => Promise<unknown>) =>
      original((tx) => {
        const wrapped = new Proxy(tx, {
          get(target, prop, receiver) {
            const v = Reflect.get(target, prop, receiver);
            if ((prop === 'query' || prop === 'exec') && typeof v === 'function')
              return (q: unknown, ...rest: unknown[]) => {
                tick(textOf(q));
                return v.call(target, q, ...rest);
              };
            return typeof v === 'function' ? v.bind(target) : v;
          },
        });
        return fn(wrapped);
      })) as typeof pglite.transaction;
    return;
  }
  const pool = w.t.database.pool;
  if (!pool) throw new Error('no database client to instrument');
  const connect = pool.connect.bind(pool);
  // Drizzle takes a client with the promise form for a transaction; pool.query uses the callback form.
  pool.connect = ((...args: unknown[]) => {
    if (args.length) return (connect as (...a: unknown[]) => unknown)(...args);
    return (connect() as Promise<{ query: (...a: unknown[]) => unknown; __faulty?: boolean }>).then((client) => {
      if (!client.__faulty) {
        // The client goes back to the pool and serves plain queries too: only the statements between
        // its begin and its commit or rollback are a transaction's.
        let inTx = false;
        const query = client.query.bind(client);
        client.query = (q: unknown, ...rest: unknown[]) => {
          const text = textOf(q);
          if (/^\s*begin\b/i.test(text)) inTx = true;
          else if (/^\s*(commit|rollback)\b/i.test(text)) inTx = false;
          else if (inTx) countStatement();
          return query(q, ...rest);
        };
        client.__faulty = true;
      }
      return client;
    });
  }) as typeof pool.connect;
}

async function snapshot(w: GovWorld): Promise<Map<string, string>> {
  const db = w.t.database.db;
  const tables = (
    (await db.execute(
      sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    )) as unknown as { rows: { t: string }[] }
  ).rows.map((r) => r.t);
  const out = new Map<string, string>();
  for (const t of tables) {
    if (SKIPPED.has(t)) continue;
    const r = (await db.execute(
      sql`select count(*)::int as n, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as h from ${sql.identifier(t)} x`,
    )) as unknown as { rows: { n: number; h: string }[] };
    out.set(t, `${r.rows[0]?.n}:${r.rows[0]?.h}`);
  }
  return out;
}

function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...before.keys()].filter((k) => before.get(k) !== after.get(k));
}

/**
 * Runs `act` with a fault at statement 1, 2, … until it succeeds; returns how many statements it
 * ran. Every faulted try must answer 500 and change nothing.
 */
async function everyStatement(w: GovWorld, act: () => Promise<LightMyRequestResponse>): Promise<number> {
  for (let at = 1; at < 200; at++) {
    const before = await snapshot(w);
    fault = { at, seen: 0, hit: false };
    let res: LightMyRequestResponse;
    try {
      res = await act();
    } finally {
      const f = fault;
      fault = null;
      if (!f.hit) {
        // Ran past its last statement: this is the success.
        // biome-ignore lint/correctness/noUnsafeFinally: the loop's result is decided here
        return at - 1;
      }
    }
    expect(res.statusCode, `fault at statement ${at}: ${res.body}`).toBe(500);
    expect(changed(before, await snapshot(w)), `fault at statement ${at}`).toEqual([]);
  }
  throw new Error('the action never completed');
}

let w: GovWorld;
beforeAll(async () => {
  w = await buildGovernanceWorld();
  instrument(w);
}, 120_000);
afterAll(async () => w?.t.close());

describe('a fault after any statement of a multi-row action leaves the database as it was', () => {
  let problemId: string;
  let bulletinId: string;

  it('confirming a common problem (the problem, its findings, the audit event)', async () => {
    let res: LightMyRequestResponse | null = null;
    const n = await everyStatement(w, async () => {
      res = await w.staff.post('/api/common-problems', {
        termId: w.termId,
        name: '违规收取和订购教辅资料',
        description: '部分学校违规向学生收取教辅资料费用。',
        sector: '教育',
        findingIds: [w.f.eduA1, w.f.eduA2, w.f.eduA3],
      });
      return res;
    });
    expect(n).toBeGreaterThanOrEqual(3);
    problemId = ok(res as unknown as LightMyRequestResponse).id;
  });

  it('drafting a bulletin (the bulletin, its problems and recipients) and approving it (the number)', async () => {
    let res: LightMyRequestResponse | null = null;
    const n = await everyStatement(w, async () => {
      res = await w.staff.post('/api/bulletins', {
        termId: w.termId,
        sector: '教育',
        title: '关于教育系统巡察发现共性问题的通报',
        commonProblemIds: [problemId],
        recipients: [
          { kind: 'sectorLeader', name: '分管副市长', userId: w.recipient2UserId },
          { kind: 'competentDept', name: '赣州市教育局', orgId: w.eduBureau },
        ],
        requestedActions: '请督促教育系统各单位对照问题开展自查自纠。',
      });
      return res;
    });
    expect(n).toBeGreaterThanOrEqual(3);
    bulletinId = ok(res as unknown as LightMyRequestResponse).id;
    const m = await everyStatement(w, async () => {
      const b = ok(await w.staff.get(`/api/bulletins/${bulletinId}`));
      return w.officeLeader.post(`/api/bulletins/${bulletinId}/move`, { version: b.version, to: 'approved' });
    });
    expect(m).toBeGreaterThanOrEqual(2);
  });

  it('starting a campaign (the campaign, its authorities, organizations and targets)', async () => {
    const n = await everyStatement(w, () =>
      w.staff.post('/api/campaigns', {
        termId: w.termId,
        name: '教辅资料专项整治',
        authorityIds: [w.city, w.county],
        orgIds: [w.school1, w.school2, w.countySchool],
        commonProblemIds: [problemId],
        startOn: '2026-12-01',
        endOn: '2027-03-31',
      }),
    );
    expect(n).toBeGreaterThanOrEqual(4);
  });

  it('recording a policy consultation with its problems', async () => {
    const n = await everyStatement(w, () =>
      w.staff.post('/api/policy-consultations', {
        termId: w.termId,
        heldOn: '2026-12-10',
        title: '教辅资料管理政策会商',
        departments: ['市教育局', '市市场监管局'],
        problems: [
          {
            commonProblemId: problemId,
            summary: '教辅资料征订缺少统一规范',
            conclusion: '制定教辅资料征订管理办法',
            leadDept: '市教育局',
            dueOn: '2027-06-30',
          },
          {
            summary: '教辅资料价格监管不到位',
            conclusion: '建立价格监测机制',
            leadDept: '市市场监管局',
            dueOn: '2027-06-30',
          },
        ],
      }),
    );
    expect(n).toBeGreaterThanOrEqual(3);
  });
});
