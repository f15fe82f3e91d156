import type { PgTable } from 'drizzle-orm/pg-core';
import type { LightMyRequestResponse } from 'fastify';
import {
  buildTestApp,
  login,
  makeAuthority,
  makeOrg,
  makeUser,
  type Session,
  type TestContext,
} from '../../../test/helpers.ts';
import { uuidv7 } from '../../platform/ids.ts';

/**
 * Test support for the fieldwork tests (imported by *.test.ts only): a city office with a county
 * office beside it, an inspection on site whose team has a 组长, a 副组长 and members with accounts,
 * the inspected organization's liaison, another team, case handlers of the 纪委监委 and the 组织部,
 * and a 领导小组 reader. The personnel tables are handed in by the test, which may write any table;
 * this file itself reaches no other module's tables.
 */
export interface PersonnelTables {
  inspectors: PgTable;
  teamMembers: PgTable;
}

export function ok(r: LightMyRequestResponse) {
  if (r.statusCode >= 300) throw new Error(`setup failed: ${r.statusCode} ${r.body}`);
  return r.json();
}

export interface Office {
  t: TestContext;
  city: string;
  county: string;
  target: string;
  other: string;
  discipline: string;
  organization: string;
  staff: Session;
  officeLeader: Session;
  countyStaff: Session;
  leaderRole: Session;
  liaison: Session;
  caseHandler: Session;
  orgCaseHandler: Session;
  reviewer: Session;
  /** Makes a fresh inspection on site with its own team of people (see Site). */
  site(opts?: { entry?: string; teamName?: string; noDeputy?: boolean }): Promise<Site>;
}

export interface Site {
  termId: string;
  roundId: string;
  teamId: string;
  inspectionId: string;
  leader: Session & { inspectorId: string; name: string };
  deputy: Session & { inspectorId: string; name: string };
  member: Session & { inspectorId: string; name: string };
  member2: Session & { inspectorId: string; name: string };
  /** On the team, but comes from the inspected organization. */
  affiliated: Session & { inspectorId: string; name: string };
  /** A member of another team of the same round. */
  outsider: Session & { inspectorId: string; name: string };
  version(): Promise<number>;
  move(to: string, date: string): Promise<LightMyRequestResponse>;
}

const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
let nameSeq = 0;
function personName(): string {
  nameSeq++;
  const a = SURNAMES[nameSeq % SURNAMES.length] as string;
  const b = '明华强伟芳敏静丽军勇杰涛'[Math.floor(nameSeq / SURNAMES.length) % 12] as string;
  const c = '一二三四五六七八九十'[Math.floor(nameSeq / 360) % 10] as string;
  return `${a}${b}${c}`;
}

export async function buildOffice(tables: PersonnelTables, opts: { now?: string } = {}): Promise<Office> {
  // The second factor is the auth module's concern; these tests sign in with passwords only.
  const t = await buildTestApp({ totpRequiredByDefault: false, logLevel: process.env.FW_LOG ? 'error' : 'silent' });
  t.clock.set(opts.now ?? '2026-11-27T10:00:00+08:00');
  const city = await makeAuthority(t, { name: '赣州市委巡察工作领导小组办公室' });
  const county = await makeAuthority(t, { name: '南康区委巡察工作领导小组办公室', parentAuthorityId: city });
  const target = await makeOrg(t, { authorityId: city, name: '赣州市财政局', kind: '市直单位', sector: '财政金融' });
  const other = await makeOrg(t, { authorityId: city, name: '赣州市商务局', kind: '市直单位', sector: '经济' });
  const discipline = await makeOrg(t, { authorityId: city, name: '赣州市纪委监委', kind: '其他', sector: '党群' });
  const organization = await makeOrg(t, {
    authorityId: city,
    name: '赣州市委组织部',
    kind: '市直单位',
    sector: '党群',
  });
  const user = async (role: Parameters<typeof makeUser>[1], displayName?: string) => {
    const u = await makeUser(t, { ...role, displayName: displayName ?? personName() });
    return { u, s: await login(t, u.username, u.password) };
  };
  const staff = (await user({ grants: [{ role: 'officeStaff', scopeId: city, includeChildren: true }] }, '刘晓婷')).s;
  const officeLeader = (await user({ grants: [{ role: 'officeLeader', scopeId: city, includeChildren: true }] })).s;
  const countyStaff = (await user({ grants: [{ role: 'officeStaff', scopeId: county }] })).s;
  const leaderRole = (await user({ grants: [{ role: 'leader', scopeId: city }] })).s;
  const liaison = (
    await user({ orgId: target, grants: [{ role: 'targetLiaison', scopeType: 'organization', scopeId: target }] })
  ).s;
  const caseHandler = (await user({ orgId: discipline, grants: [{ role: 'caseHandler', scopeId: city }] })).s;
  const orgCaseHandler = (await user({ orgId: organization, grants: [{ role: 'caseHandler', scopeId: city }] })).s;
  const reviewer = (await user({ grants: [{ role: 'reviewer', scopeId: city }] })).s;
  await Promise.all([staff, officeLeader, countyStaff, leaderRole].map((s) => s.reauth()));

  const termId = ok(
    await staff.post('/api/terms', {
      authorityId: city,
      name: '七届市委',
      startDate: '2026-10-01',
      endDate: '2031-09-30',
    }),
  ).id as string;
  const site: Office['site'] = async (o = {}) => {
    const entry = o.entry ?? '2026-11-16';
    const round = ok(
      await staff.post('/api/rounds', {
        termId,
        kind: 'regular',
        plannedStart: '2026-10-26',
        plannedEnd: '2027-01-30',
      }),
    );
    const team = ok(await staff.post('/api/teams', { roundId: round.id, name: o.teamName ?? '第二巡察组' }));
    const inspection = ok(
      await staff.post('/api/inspections', {
        roundId: round.id,
        teamId: team.id,
        mode: 'ordinary',
        targetOrgIds: [target],
        plannedEntryDate: entry,
        plannedExitDate: '2027-01-10',
      }),
    );
    const p = { termId, roundId: round.id as string, teamId: team.id as string, inspectionId: inspection.id as string };
    ok(await officeLeader.post(`/api/rounds/${p.roundId}/approve`, { version: 1, approvedOn: '2026-10-20' }));
    const otherTeam = ok(await staff.post('/api/teams', { roundId: p.roundId, name: '第九巡察组' })).id as string;
    const person = async (
      teamId: string,
      role: string,
      grant: 'teamLeader' | 'teamMember',
      homeOrgId: string | null,
    ) => {
      const name = personName();
      const { u, s } = await user({ grants: [{ role: grant, scopeId: city }] }, name);
      const inspectorId = uuidv7();
      await t.database.db.insert(tables.inspectors).values({
        id: inspectorId,
        authorityId: city,
        name,
        searchKey: name,
        gender: 'male',
        homeOrgId,
        homeUnitName: '某单位',
        post: '科员',
        rank: '一级主任科员',
        politicalStatus: '中共党员',
        expertise: [],
        userId: u.id,
        createdAt: t.clock.now(),
        updatedAt: t.clock.now(),
      } as never);
      await t.database.db
        .insert(tables.teamMembers)
        .values({ id: uuidv7(), teamId, inspectorId, role, createdAt: t.clock.now() } as never);
      return Object.assign(s, { inspectorId, name });
    };
    const leader = await person(p.teamId, 'leader', 'teamLeader', other);
    const deputy = o.noDeputy
      ? await person(p.teamId, 'member', 'teamMember', null)
      : await person(p.teamId, 'deputy', 'teamMember', null);
    const member = await person(p.teamId, 'member', 'teamMember', null);
    const member2 = await person(p.teamId, 'member', 'teamMember', null);
    const affiliated = await person(p.teamId, 'member', 'teamMember', target);
    const outsider = await person(otherTeam, 'member', 'teamMember', null);
    const version = async () => ok(await staff.get(`/api/inspections/${p.inspectionId}`)).version as number;
    const move = async (to: string, date: string) =>
      staff.post(`/api/inspections/${p.inspectionId}/transition`, { version: await version(), to, date });
    ok(await move('prepared', '2026-10-25'));
    ok(await move('onSite', entry));
    return { ...p, leader, deputy, member, member2, affiliated, outsider, version, move };
  };
  return {
    t,
    city,
    county,
    target,
    other,
    discipline,
    organization,
    staff,
    officeLeader,
    countyStaff,
    leaderRole,
    liaison,
    caseHandler,
    orgCaseHandler,
    reviewer,
    site,
  };
}
