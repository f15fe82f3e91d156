import { SURVEY_TEMPLATES } from '@xc/domain';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  inspectorInput,
  login,
  loginAs,
  makeAuthority,
  makeOrg,
  makeUser,
  planInspection,
  publicCodeOf,
  type Session,
  type TestContext,
} from '../../test/helpers.ts';

/**
 * security.md, Input: property fuzzing of every write route — whatever the body, the answer is
 * never a 5xx and nothing leaks onto Object.prototype. The routes come from the OpenAPI document,
 * so a route added later is fuzzed without anyone remembering to list it; each gets the body keys
 * its schema declares (random values, random extra keys) and real ids in its path, so the fuzzing
 * reaches the service code and the database rather than stopping at a 404.
 */
// Built at load time, so the list of routes to fuzz exists when the tests are collected.
const t: TestContext = await buildTestApp();
let city: string;
/** Whoever may act: the first of these that gets past the permission check. */
let sessions: Session[] = [];

/**
 * The office every route's fuzzing acts from (its staff and leader also see the county offices
 * made under it below) and the 三员's accounts. No fuzzed route can touch these sessions: the
 * routes that act on an account get an account of their own (`victim`).
 */
beforeAll(async () => {
  city = await makeAuthority(t, { name: '模糊测试巡察办' });
  const staff = await loginAs(t, { role: 'officeStaff', scopeId: city, includeChildren: true });
  const leader = await loginAs(t, { role: 'officeLeader', scopeId: city, includeChildren: true });
  const sys = await loginAs(t, { role: 'sysAdmin' });
  const sec = await loginAs(t, { role: 'secAdmin' });
  await Promise.all([staff, leader, sys, sec].map((s) => s.reauth()));
  sessions = [staff, leader, sys, sec];
});
afterAll(async () => t.close());

/** The collection each id of a path names: `/api/teams/{id}/members/{memberId}` → teams, memberId. */
function collectionsOf(path: string): string[] {
  const parts = path.split('/');
  return parts.flatMap((seg, i) => {
    const m = /^\{(.+)\}$/.exec(seg);
    if (!m) return [];
    return [m[1] === 'id' ? (parts[i - 1] ?? '') : (m[1] as string)];
  });
}

/** Ids that hang on a planned inspection. */
const PLANNED = new Set(['terms', 'rounds', 'teams', 'inspections', 'petitions', 'surveys', 'code', 'entry']);

/**
 * What one route's fuzzing works on, made for that route alone, since the route may delete,
 * close or edit it: only what the route's path names. Anything on a planned inspection comes
 * with the whole set (a county office of its own, so its term overlaps no other: an inspection
 * of one of its organizations, the code, a petition, an open survey); an account route gets a
 * user of its own (a grant change ends that account's sessions). Ids not made here get a random
 * id (and a 404).
 */
async function fixture(r: WriteRoute): Promise<{ ids: Record<string, string>; victim: () => Promise<Session> }> {
  const [staff] = sessions as [Session];
  const need = new Set(collectionsOf(r.path));
  const ids: Record<string, string> = { authorities: city, authorityId: city };
  const made: LightMyRequestResponse[] = [];
  if ([...need].some((c) => PLANNED.has(c))) {
    const county = await makeAuthority(t, { name: '模糊测试区委巡察办', parentAuthorityId: city });
    const org = await makeOrg(t, { authorityId: county, name: '模糊测试单位' });
    const planned = await planInspection(staff, { authorityId: county, targetOrgIds: [org] });
    const code = await publicCodeOf(staff, planned.inspectionId);
    const petition = await staff.post(`/api/inspections/${planned.inspectionId}/petitions`, {
      channel: 'letter',
      orgId: org,
      anonymous: true,
      content: '来信反映某单位违规发放津贴补贴。',
      receivedOn: '2026-01-01',
    });
    const tpl = SURVEY_TEMPLATES[1];
    if (!tpl) throw new Error('no template');
    const survey = await staff.post('/api/surveys', {
      kind: tpl.kind,
      title: tpl.title,
      intro: tpl.intro,
      targetType: 'inspection',
      targetId: planned.inspectionId,
      questions: tpl.questions,
      keyQuestionId: tpl.keyQuestionId,
    });
    // Opened, so the public answer route gets past "closed"; the builder's PATCH then meets 409 as well as 400.
    const opened = await staff.post(`/api/surveys/${survey.json().id}/status`, {
      version: survey.json().version,
      to: 'open',
    });
    made.push(petition, survey, opened);
    Object.assign(ids, {
      terms: planned.termId,
      rounds: planned.roundId,
      teams: planned.teamId,
      inspections: planned.inspectionId,
      petitions: petition.json().id,
      surveys: survey.json().id,
      code,
      entry: survey.json().openCode,
    });
  }
  if (need.has('orgs')) ids.orgs = await makeOrg(t, { authorityId: city, name: '模糊测试单位' });
  if (need.has('inspectors')) {
    const inspector = await staff.post('/api/inspectors', inspectorInput(city));
    made.push(inspector);
    ids.inspectors = inspector.json().id;
  }
  if (need.has('trainings')) {
    const training = await staff.post('/api/trainings', {
      authorityId: city,
      title: '巡察业务培训',
      heldOn: '2026-03-01',
      hours: 8,
      mode: 'onsite',
    });
    made.push(training);
    ids.trainings = training.json().id;
  }
  expect(made.map((x) => x.statusCode < 300 || x.body)).toEqual(made.map(() => true));
  // Made only for the routes that need it: three password hashes a route.
  const account = async () => {
    const v = await makeUser(t, { grants: [{ role: 'teamMember', scopeId: city }] });
    const s = await login(t, v.username, v.password);
    await s.reauth();
    return s;
  };
  const own = need.has('users') || OWN_SESSION.has(`${r.method} ${r.path}`) ? await account() : null;
  if (own) ids.users = own.userId;
  return { ids, victim: async () => own ?? account() };
}

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '\u202E', '\uD800', '\u0000', '=cmd', '__proto__', '𠀀'.repeat(100), 'x'.repeat(5000)),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(text, tie('v'), { maxKeys: 3 }),
  ),
})).v;
const body = (keys: string[]) =>
  fc.oneof(
    fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] }),
    fc.dictionary(fc.oneof(text, fc.constantFrom(...keys, '__proto__', 'constructor', 'prototype')), value, {
      maxKeys: 6,
    }),
    value,
  );

interface WriteRoute {
  method: string;
  path: string;
  keys: string[];
  query: string[];
}

/** Routes that end the caller's own session are fuzzed by `victim` (or not at all: logout takes no body). */
const OWN_SESSION = new Set(['POST /api/auth/reauth', 'POST /api/auth/password']);
const SKIP = new Set(['POST /api/auth/logout']);

async function writeRoutes(): Promise<WriteRoute[]> {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const out: WriteRoute[] = [];
  for (const [path, ops] of Object.entries<Record<string, OpenApiOp>>(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
      const props = op.requestBody?.content?.['application/json']?.schema?.properties ?? {};
      out.push({
        method: method.toUpperCase(),
        path,
        keys: Object.keys(props),
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      });
    }
  return out;
}
interface OpenApiOp {
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
  parameters?: { in: string; name: string }[];
}

/** `/api/teams/{id}/members/{memberId}` → the team's id, then a random id for the member. */
function fill(path: string, ids: Record<string, string>): string {
  const parts = path.split('/');
  return parts
    .map((seg, i) => {
      const m = /^\{(.+)\}$/.exec(seg);
      if (!m) return seg;
      return ids[m[1] as string] ?? (m[1] === 'id' ? ids[parts[i - 1] ?? ''] : undefined) ?? crypto.randomUUID();
    })
    .join('/');
}

const ROUTES = await writeRoutes();

describe('every write route under random input', () => {
  it('the OpenAPI document lists the write routes (so none escapes the fuzzing)', () => {
    expect(ROUTES.length).toBeGreaterThan(55);
    expect(ROUTES.map((r) => `${r.method} ${r.path}`)).toContain('POST /api/public/codes/{code}/reports');
  });

  for (const r of ROUTES) {
    const name = `${r.method} ${r.path}`;
    it.skipIf(SKIP.has(name))(`${name} never answers 5xx`, { timeout: 600_000 }, async () => {
      const { ids, victim } = await fixture(r);
      const url =
        fill(r.path, ids) + (r.query.length ? `?${r.query.map((q) => `${q}=${ids[q] ?? '1'}`).join('&')}` : '');
      // The first session the route does not turn away for its permission; else the route's own account.
      let who: Session | undefined;
      if (!OWN_SESSION.has(name))
        for (const s of sessions) {
          const probe = await s.request(r.method, url, {});
          if (probe.statusCode !== 401 && probe.statusCode !== 403) {
            who = s;
            break;
          }
        }
      who ??= await victim();
      await fc.assert(
        fc.asyncProperty(body(r.keys), async (b) => {
          const res = await who.request(r.method, url, JSON.stringify(b) ?? 'null', {
            'content-type': 'application/json',
          });
          expect(res.statusCode, res.body).toBeLessThan(500);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(Object.keys(Object.prototype)).toEqual([]);
        }),
        // FUZZ_RUNS raises the count for a longer hunt by hand; CI keeps the default.
        { numRuns: Number(process.env.FUZZ_RUNS ?? 30) },
      );
    });
  }
});
