import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, makeAuthority, makeOrg, type Session, type TestContext } from '../../test/helpers.ts';

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

beforeAll(async () => {
  t = await buildTestApp();
  city = await makeAuthority(t, { name: '模糊测试巡察办' });
  org = await makeOrg(t, { authorityId: city, name: '模糊测试单位' });
  leader = await loginAs(t, { role: 'officeLeader', scopeId: city });
  sys = await loginAs(t, { role: 'sysAdmin' });
  sec = await loginAs(t, { role: 'secAdmin' });
  await sys.reauth();
  await sec.reauth();
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
];

describe('write routes under random input', () => {
  for (const [who, method, url, keys] of ROUTES)
    it(`${method} ${url} never answers 5xx`, async () => {
      const path = url.replace(':org', org).replace(':city', city).replace(':user', leader.userId);
      await fc.assert(
        fc.asyncProperty(body(keys), async (b) => {
          const res = await who().request(method, path, JSON.stringify(b) ?? 'null', {
            'content-type': 'application/json',
          });
          expect(res.statusCode, res.body).toBeLessThan(500);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(Object.keys(Object.prototype)).toEqual([]);
        }),
        { numRuns: 40 },
      );
    });
});
