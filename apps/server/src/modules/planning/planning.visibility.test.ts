import { permissionsOf, type TRole } from '@xc/domain';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeAuthority, type TestContext } from '../../../test/helpers.ts';
import { inspections, rounds, terms } from '../../db/schema/planning.ts';
import type { RequestCtx } from '../../platform/context.ts';
import { rowsOf } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { visibleInspectionIds } from './planning.inspections.ts';
import { visibleRecordsSql } from './planning.visibility.ts';

// visibleRecordsSql must say exactly what visibleInspectionIds says, for every caller and filter:
// the lists of findings, clues and tasks rely on it for their scope. Checked here on the inspections
// themselves as the "records" (a record's authority is its inspection's), over random worlds of a
// city with two counties, ordinary and 授权巡察 inspections, and callers granted on each.

let t: TestContext;
let city: string;
let counties: string[];
const authorityIds = () => [city, ...counties];

beforeAll(async () => {
  t = await buildTestApp();
  city = await makeAuthority(t, { name: '可见性测试市' });
  counties = [
    await makeAuthority(t, { name: '可见性测试甲县', parentAuthorityId: city }),
    await makeAuthority(t, { name: '可见性测试乙县', parentAuthorityId: city }),
  ];
});
afterAll(() => t.close());

/** A caller of one role on one authority (its sub-authorities with `children`), on no team. */
function callerOf(role: TRole, authorityId: string, children: boolean): RequestCtx {
  const userId = uuidv7();
  const reachIds = children && authorityId === city ? authorityIds() : [authorityId];
  return {
    requestId: 'test',
    ip: null,
    actor: {
      userId,
      username: 'vis',
      displayName: '可见性',
      authorityId,
      orgId: null,
      roles: [role],
      grants: [
        {
          id: uuidv7(),
          userId,
          role,
          scopeType: 'authority',
          scopeId: authorityId,
          includeChildren: children,
          scopeName: null,
          createdAt: new Date().toISOString(),
        },
      ],
      reach: [{ role, system: false, authorityIds: reachIds, orgIds: [] }],
      permissions: permissionsOf([role]),
      mustChangePassword: false,
      passwordExpired: false,
      totpEnrolmentRequired: false,
      sessionHash: '',
      csrfToken: '',
      reauthAt: null,
    },
  };
}

async function ids(where: SQL | undefined): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await t.database.db.execute(sql`select ${inspections.id} as id from ${inspections} where ${where} order by 1`),
  );
  return rows.map((r) => r.id);
}

describe('visibleRecordsSql', () => {
  it('reaches the same inspections as visibleInspectionIds, under every list filter', async () => {
    const db = t.database.db;
    const owner = fc.constantFrom(0, 1, 2);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ owner, authorizedTo: fc.option(owner, { nil: null }) }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom<TRole>('officeStaff', 'officeLeader', 'leader'),
        owner,
        fc.boolean(),
        fc.constantFrom('none', 'term', 'round', 'inspection', 'authority'),
        fc.nat(20),
        async (specs, role, at, children, filter, pick) => {
          await db.delete(inspections);
          await db.delete(rounds);
          await db.delete(terms);
          // One term and round per authority; every inspection in its authority's round.
          const plan = new Map<string, { termId: string; roundId: string }>();
          for (const a of authorityIds()) {
            const termId = uuidv7();
            const roundId = uuidv7();
            await db.insert(terms).values({
              id: termId,
              authorityId: a,
              name: '测试届',
              startDate: '2026-10-01',
              endDate: '2031-09-30',
              targetKinds: ['市直单位'],
              createdAt: new Date(),
            });
            await db.insert(rounds).values({
              id: roundId,
              termId,
              authorityId: a,
              number: 1,
              name: '第一轮',
              kind: 'regular',
              theme: '',
              focus: [],
              createdAt: new Date(),
            });
            plan.set(a, { termId, roundId });
          }
          const made = specs.map((s) => {
            const a = authorityIds()[s.owner] as string;
            const p = plan.get(a) as { termId: string; roundId: string };
            return {
              id: uuidv7(),
              authorityId: a,
              termId: p.termId,
              roundId: p.roundId,
              mode: s.authorizedTo === null ? 'ordinary' : 'authorized',
              authorizedAuthorityId: s.authorizedTo === null ? null : (authorityIds()[s.authorizedTo] as string),
              stage: 'planned',
              createdAt: new Date(),
              updatedAt: new Date(),
            };
          });
          await db.insert(inspections).values(made);
          const ctx = callerOf(role, authorityIds()[at] as string, children);
          const one = made[pick % made.length] as (typeof made)[number];
          const within =
            filter === 'term'
              ? { termId: one.termId }
              : filter === 'round'
                ? { roundId: one.roundId }
                : filter === 'inspection'
                  ? { inspectionId: one.id }
                  : filter === 'authority'
                    ? { authorityId: authorityIds()[pick % 3] as string }
                    : {};
          const narrowed = and(
            within.termId ? eq(inspections.termId, within.termId) : undefined,
            within.roundId ? eq(inspections.roundId, within.roundId) : undefined,
            within.inspectionId ? eq(inspections.id, within.inspectionId) : undefined,
            within.authorityId ? eq(inspections.authorityId, within.authorityId) : undefined,
          );
          const deps = t.app.deps;
          const expected = await ids(
            and(sql`${inspections.id} in (${await visibleInspectionIds(deps, ctx, 'fieldwork:read')})`, narrowed),
          );
          const actual = await ids(
            and(
              await visibleRecordsSql(
                deps,
                ctx,
                'fieldwork:read',
                { authorityId: inspections.authorityId, inspectionId: inspections.id },
                within,
              ),
              narrowed,
            ),
          );
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});
