import { SURVEY_TEMPLATES } from '@xc/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  makeAuthority,
  makeOrg,
  planInspection,
  type Session,
  type TestContext,
} from '../../test/helpers.ts';

/**
 * security.md, Input: property fuzzing of the write routes — whatever the body, the answer is
 * never a 5xx and nothing leaks onto Object.prototype.
 */
let t: TestContext;
let leader: Session;
let sys: Session;
let sec: Session;
let city: string;
let org: string;
let staff: Session;
let inspection: string;
let code: string;
let petition: string;
let surveyId: string;
let openCode: string;

beforeAll(async () => {
  t = await buildTestApp();
  city = await makeAuthority(t, { name: '模糊测试巡察办' });
  org = await makeOrg(t, { authorityId: city, name: '模糊测试单位' });
  leader = await loginAs(t, { role: 'officeLeader', scopeId: city });
  sys = await loginAs(t, { role: 'sysAdmin' });
  sec = await loginAs(t, { role: 'secAdmin' });
  await sys.reauth();
  await sec.reauth();
  // The public channel (issue 5): a code, a hand-registered petition and an open survey.
  staff = await loginAs(t, { role: 'officeStaff', scopeId: city });
  inspection = (await planInspection(staff, { authorityId: city, targetOrgIds: [org] })).inspectionId;
  code = (await staff.get(`/api/inspections/${inspection}/public-codes`)).json().items[0].code;
  petition = (
    await staff.post(`/api/inspections/${inspection}/petitions`, {
      channel: 'letter',
      orgId: org,
      anonymous: true,
      content: '来信反映某单位违规发放津贴补贴。',
      receivedOn: '2026-01-01',
    })
  ).json().id;
  const tpl = SURVEY_TEMPLATES[1];
  if (!tpl) throw new Error('no template');
  const created = (
    await staff.post('/api/surveys', {
      kind: tpl.kind,
      title: tpl.title,
      intro: tpl.intro,
      targetType: 'inspection',
      targetId: inspection,
      questions: tpl.questions,
      keyQuestionId: tpl.keyQuestionId,
    })
  ).json();
  surveyId = created.id;
  openCode = created.openCode;
  // Opened, so the public answer route gets past "closed"; the builder's PATCH then meets 409 as well as 400.
  const opened = await staff.post(`/api/surveys/${surveyId}/status`, { version: created.version, to: 'open' });
  expect([code, petition, opened.statusCode]).toEqual([expect.any(String), expect.any(String), 200]);
});
afterAll(async () => t.close());

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

const ROUTES: [() => Session, string, string, string[]][] = [
  [
    () => leader,
    'POST',
    '/api/orgs',
    ['authorityId', 'parentId', 'name', 'kind', 'sector', 'creditCode', 'establishedOn', 'leaders'],
  ],
  [() => leader, 'PATCH', '/api/orgs/:org', ['version', 'name', 'kind', 'sector', 'parentId', 'leaders', 'creditCode']],
  [() => leader, 'POST', '/api/orgs/:org/merge', ['version', 'intoId', 'date', 'reason']],
  [() => leader, 'POST', '/api/orgs/:org/abolish', ['version', 'date', 'reason']],
  [() => leader, 'POST', '/api/authorities', ['name', 'shortName', 'level', 'parentAuthorityId', 'regionCode']],
  [() => leader, 'PATCH', '/api/authorities/:city', ['version', 'name', 'shortName', 'regionCode']],
  [() => leader, 'POST', '/api/auth/password', ['currentPassword', 'newPassword']],
  [() => sys, 'POST', '/api/users', ['username', 'displayName', 'authorityId', 'orgId']],
  [() => sys, 'PUT', '/api/settings', ['version', 'settings']],
  [() => sec, 'POST', '/api/users/:user/grants', ['role', 'scopeType', 'scopeId', 'includeChildren']],
  [() => leader, 'POST', '/api/auth/login', ['username', 'password']],
  [
    () => staff,
    'POST',
    '/api/inspections/:inspection/petitions',
    ['channel', 'orgId', 'anonymous', 'name', 'phone', 'content', 'receivedOn', 'subjectName'],
  ],
  [() => staff, 'POST', '/api/petitions/:petition/triage', ['version', 'to', 'discipline', 'keyPost', 'forwardTo']],
  [() => staff, 'POST', '/api/petitions/:petition/replies', ['body']],
  [() => staff, 'PUT', '/api/inspections/:inspection/announcement', ['version', 'phone', 'mailbox', 'email', 'hours']],
  [() => staff, 'POST', '/api/surveys', ['kind', 'title', 'intro', 'targetType', 'targetId', 'questions']],
  [() => staff, 'PATCH', '/api/surveys/:survey', ['version', 'title', 'questions', 'keyQuestionId']],
  // Public routes: the session cookie is ignored there, so these are what anyone can send.
  [
    () => staff,
    'POST',
    '/api/public/codes/:code/reports',
    ['anonymous', 'name', 'phone', 'subjectName', 'subjectPost', 'content', 'happenedWhen', 'place'],
  ],
  [() => staff, 'POST', '/api/public/receipts', ['receipt']],
  [() => staff, 'POST', '/api/public/receipts/messages', ['receipt', 'body']],
  [() => staff, 'POST', '/api/public/surveys/:openCode/answers', ['answers', 'clientId']],
];

describe('write routes under random input', () => {
  for (const [who, method, url, keys] of ROUTES)
    it(`${method} ${url} never answers 5xx`, async () => {
      const path = url
        .replace(':org', org)
        .replace(':city', city)
        .replace(':user', leader.userId)
        .replace(':inspection', inspection)
        .replace(':petition', petition)
        .replace(':survey', surveyId)
        .replace(':openCode', openCode)
        .replace(':code', code);
      await fc.assert(
        fc.asyncProperty(body(keys), async (b) => {
          const res = await who().request(method, path, JSON.stringify(b) ?? 'null', {
            'content-type': 'application/json',
          });
          expect(res.statusCode, res.body).toBeLessThan(500);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(Object.keys(Object.prototype)).toEqual([]);
        }),
        // FUZZ_RUNS raises the count for a longer hunt by hand; CI keeps the default.
        { numRuns: Number(process.env.FUZZ_RUNS ?? 40) },
      );
    });
});
