import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../test/helpers.ts';
import { inspectors, teamMembers } from '../db/schema/index.ts';
import { buildRectOffice, type RectOffice, type RectSite } from '../modules/rectification/rectification.fixture.ts';

// security.md A3 (checklist A3b): one roles × objects matrix across modules, then fast-check over
// random (user, object) pairs. The expected answer comes from a model written here independently of
// the server — who works where (authority, team, organization) and which permissions the role holds
// — and every pair the generator draws must answer exactly that: 200 inside the reach, 404 outside
// it for a role that holds the permission, 403 for a role that does not hold it at all.

type Reach = 'ok' | 'notFound' | 'forbidden';

interface Obj {
  name: string;
  url: string;
  /** Which inspection (site 1 or 2) it belongs to; both are of the same organization. */
  site: 1 | 2;
  /** The permission the route declares. */
  module: 'rectification' | 'fieldwork';
}

interface Who {
  name: string;
  session: Session;
  /** The model: the role's permission for each module, and where it reaches. */
  rectification: boolean;
  fieldwork: boolean;
  reach: 'authority' | 'org' | 'team1' | 'none';
}

let o: RectOffice;
let s1: RectSite;
let s2: RectSite;
let objects: Obj[];
let users: Who[];

beforeAll(async () => {
  o = await buildRectOffice({ inspectors, teamMembers });
  s1 = await o.feedbackSite({ teamName: '矩阵一组' });
  s2 = await o.feedbackSite({ teamName: '矩阵二组' });
  await s1.feedback();
  await s2.feedback();
  const t1 = await s1.task(s1.findings[0]?.id as string);
  const t2 = await s2.task(s2.findings[0]?.id as string);
  objects = [
    { name: '整改任务1', url: `/api/rectification-tasks/${t1.id}`, site: 1, module: 'rectification' },
    { name: '整改任务2', url: `/api/rectification-tasks/${t2.id}`, site: 2, module: 'rectification' },
    { name: '反馈1', url: `/api/inspections/${s1.inspectionId}/feedback`, site: 1, module: 'rectification' },
    { name: '反馈2', url: `/api/inspections/${s2.inspectionId}/feedback`, site: 2, module: 'rectification' },
    { name: '问题清单1', url: `/api/inspections/${s1.inspectionId}/problem-list`, site: 1, module: 'rectification' },
    { name: '问题清单2', url: `/api/inspections/${s2.inspectionId}/problem-list`, site: 2, module: 'rectification' },
    { name: '问题1', url: `/api/findings/${s1.findings[0]?.id}`, site: 1, module: 'fieldwork' },
    { name: '问题2', url: `/api/findings/${s2.findings[0]?.id}`, site: 2, module: 'fieldwork' },
  ];
  users = [
    { name: '市巡察办工作人员', session: o.staff, rectification: true, fieldwork: true, reach: 'authority' },
    { name: '市巡察办领导', session: o.officeLeader, rectification: true, fieldwork: true, reach: 'authority' },
    { name: '领导小组', session: o.leaderRole, rectification: true, fieldwork: true, reach: 'authority' },
    { name: '县巡察办工作人员', session: o.countyStaff, rectification: true, fieldwork: true, reach: 'none' },
    { name: '被巡察单位联络员', session: o.liaison, rectification: true, fieldwork: false, reach: 'org' },
    { name: '其他单位联络员', session: o.otherLiaison, rectification: true, fieldwork: false, reach: 'none' },
    { name: '线索处置人员', session: o.caseHandler, rectification: false, fieldwork: false, reach: 'none' },
    { name: '一组组长', session: s1.site.leader, rectification: true, fieldwork: true, reach: 'team1' },
    { name: '一组组员', session: s1.site.member, rectification: true, fieldwork: true, reach: 'team1' },
    { name: '同轮其他组组员', session: s1.site.outsider, rectification: true, fieldwork: true, reach: 'none' },
  ];
});
afterAll(async () => o?.t.close());

function expected(u: Who, x: Obj): Reach {
  if (!(x.module === 'rectification' ? u.rectification : u.fieldwork)) return 'forbidden';
  switch (u.reach) {
    case 'authority':
    case 'org':
      return 'ok';
    case 'team1':
      return x.site === 1 ? 'ok' : 'notFound';
    case 'none':
      return 'notFound';
  }
}

const STATUS: Record<Reach, number> = { ok: 200, notFound: 404, forbidden: 403 };

async function answer(u: Who, x: Obj): Promise<number> {
  const r = await u.session.get(x.url);
  return r.statusCode;
}

describe('roles × objects', () => {
  it('the whole matrix answers what the model says', async () => {
    const wrong: string[] = [];
    for (const u of users)
      for (const x of objects) {
        const got = await answer(u, x);
        if (got !== STATUS[expected(u, x)])
          wrong.push(`${u.name} → ${x.name}: ${got}, expected ${STATUS[expected(u, x)]}`);
      }
    expect(wrong).toEqual([]);
  });

  it('random (user, object) pairs, asked in random order and in parallel, answer the same', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(users.length - 1), fc.nat(objects.length - 1)), { minLength: 1, maxLength: 6 }),
        async (pairs) => {
          // In parallel: the per-request memo of what a caller reaches must never leak between requests.
          const got = await Promise.all(pairs.map(([ui, xi]) => answer(users[ui] as Who, objects[xi] as Obj)));
          pairs.forEach(([ui, xi], i) => {
            const u = users[ui] as Who;
            const x = objects[xi] as Obj;
            expect(got[i], `${u.name} → ${x.name}`).toBe(STATUS[expected(u, x)]);
          });
        },
      ),
      { numRuns: 25 },
    );
  });
});
