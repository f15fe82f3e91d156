import { searchKey, type TTaxonomyNode } from '@xc/domain';
import type { LightMyRequestResponse } from 'fastify';
import {
  buildTestApp,
  type GrantSpec,
  login,
  makeAuthority,
  makeOrg,
  makeUser,
  type Session,
  type TestContext,
} from '../../../test/helpers.ts';
import {
  findings,
  inspections,
  inspectionTargets,
  inspectors,
  rounds,
  teamMembers,
  teams,
  terms,
} from '../../db/schema/index.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { taxonomyOf } from '../fieldwork/index.ts';

/**
 * Test support for the 以巡促治 tests (imported by *.test.ts only): a small world written straight into
 * the tables (no API round trips, only the sign-ins), as the governance module finds it when the
 * inspections of a term have recorded their findings.
 *
 * Authorities: `city` (赣州市) with `county` (南康区) below it.
 * Organizations of the city: `finance` 财政金融, `transport` 交通 and `eduBureau` 教育 — each a
 * department leading its sector (no parent: the recipient candidates' 主管部门) — and two schools of
 * 教育 under the 教育局 (`school1`, `school2`); of the county: `countyEdu` (教育) and `countySchool`.
 * Term `termId` (七届市委) with round `roundId`, team `teamId` (two members, `memberIds`) and four
 * inspections at `feedback` (feedback 2026-11-24): `inspSchool1`, `inspSchool2`, `inspFinance`,
 * `inspTransport` (primary targets as named). The county has its own term `countyTermId` with
 * round `countyRoundId` and inspection `inspCounty` of `countySchool`; `inspAuthorized` is a city
 * inspection of `countySchool` authorized to the county (mode `authorized`, stage `feedback`).
 *
 * Findings (`f.*`, taxonomy types `types.a|b|c`) give these candidates under
 * the default setting (2 organizations):
 *   - 教育 × a: `eduA1` (school1, flagged), `eduA2` (school1), `eduA3` (school2) — flagged group
 *   - 教育 × b: `eduB1` (school1), `eduB2` (school2) — two organizations, no flag
 *   - 财政金融 × a: `finA` (finance, flagged) — flagged alone
 *   - 交通 × c: `traC` (transport) — alone, unflagged: NOT a candidate
 *   - 交通, no type: `traNone` (transport) — unclassified, unflagged: NOT a candidate
 *   - county term: `countyA` (countySchool, 教育, no type, flagged) — only in the county term's candidates
 * Every finding's sector is its organization's; `orgId` is set on each.
 *
 * Accounts: `staff` (officeStaff of the city, children included), `officeLeader` (officeLeader, same
 * reach: bulletin:approve), `leader` (leader of the city: governance:read only), `countyStaff`
 * (officeStaff of the county only), `recipient` (sectorRecipient granted on `eduBureau`, display name
 * 教育局联络人), `recipient2` (sectorRecipient granted on `transport`), `liaison` (targetLiaison of
 * `school1`). Every session has re-authenticated. The clock stands at `GOV_NOW` (2026-12-15 10:00,
 * Shanghai, a Tuesday) unless `now` says otherwise; sessions end after a long idle jump of the clock.
 */
export const GOV_NOW = '2026-12-15T10:00:00+08:00';

export function ok(r: LightMyRequestResponse) {
  if (r.statusCode >= 300) throw new Error(`setup failed: ${r.statusCode} ${r.body}`);
  return r.json();
}

export interface GovFindingSpec {
  inspectionId: string;
  orgId: string | null;
  sector: string | null;
  taxonomyNodeId?: string | null;
  common?: boolean;
  title?: string;
}

export interface GovWorld {
  t: TestContext;
  city: string;
  county: string;
  finance: string;
  transport: string;
  eduBureau: string;
  school1: string;
  school2: string;
  countyEdu: string;
  countySchool: string;
  termId: string;
  roundId: string;
  teamId: string;
  /** Inspector ids of the team's members (a leader first). */
  memberIds: string[];
  inspSchool1: string;
  inspSchool2: string;
  inspFinance: string;
  inspTransport: string;
  countyTermId: string;
  countyRoundId: string;
  inspCounty: string;
  /** A city inspection of `countySchool` authorized to the county (授权巡察), at `feedback`. */
  inspAuthorized: string;
  /** The taxonomy of the city (seeded default) and three of its type-level nodes. */
  taxonomy: TTaxonomyNode[];
  types: { a: TTaxonomyNode; b: TTaxonomyNode; c: TTaxonomyNode };
  f: {
    eduA1: string;
    eduA2: string;
    eduA3: string;
    eduB1: string;
    eduB2: string;
    finA: string;
    traC: string;
    traNone: string;
    countyA: string;
  };
  /** Finding id → title, for assertions on names. */
  titles: Map<string, string>;
  staff: Session;
  officeLeader: Session;
  leader: Session;
  countyStaff: Session;
  recipient: Session;
  recipient2: Session;
  liaison: Session;
  /** Account ids (users.id) of the recipients. */
  recipientUserId: string;
  recipient2UserId: string;
  /** One more finding, written directly; returns its id. */
  finding(spec: GovFindingSpec): Promise<string>;
  /** One more inspection written directly (default: the city's round, `feedback`, ordinary). */
  inspection(o: {
    targetOrgIds: string[];
    authorityId?: string;
    termId?: string;
    roundId?: string;
    teamId?: string | null;
    stage?: string;
    mode?: string;
    authorizedAuthorityId?: string | null;
    dates?: Partial<Record<'entryDate' | 'exitDate' | 'reportDate' | 'feedbackDate' | 'publishedDate', string>>;
  }): Promise<string>;
  /** A further account with these grants, signed in (and re-authenticated). */
  user(grants: GrantSpec[], o?: { displayName?: string; orgId?: string | null }): Promise<Session & { id: string }>;
}

export async function buildGovernanceWorld(opts: { now?: string } = {}): Promise<GovWorld> {
  const t = await buildTestApp({ totpRequiredByDefault: false, logLevel: process.env.GOV_LOG ? 'error' : 'silent' });
  t.clock.set(opts.now ?? GOV_NOW);
  const db = t.database.db;
  const now = t.clock.now();

  const city = await makeAuthority(t, { name: '中共赣州市委巡察工作领导小组办公室' });
  const county = await makeAuthority(t, { name: '中共南康区委巡察工作领导小组办公室', parentAuthorityId: city });
  const finance = await makeOrg(t, { authorityId: city, name: '赣州市财政局', kind: '市直单位', sector: '财政金融' });
  const transport = await makeOrg(t, { authorityId: city, name: '赣州市交通运输局', kind: '市直单位', sector: '交通' });
  const eduBureau = await makeOrg(t, { authorityId: city, name: '赣州市教育局', kind: '市直单位', sector: '教育' });
  const school1 = await makeOrg(t, {
    authorityId: city,
    name: '赣州市第一中学',
    kind: '学校',
    sector: '教育',
    parentId: eduBureau,
  });
  const school2 = await makeOrg(t, {
    authorityId: city,
    name: '赣州市第三中学',
    kind: '学校',
    sector: '教育',
    parentId: eduBureau,
  });
  const countyEdu = await makeOrg(t, { authorityId: county, name: '南康区教育局', kind: '县直单位', sector: '教育' });
  const countySchool = await makeOrg(t, {
    authorityId: county,
    name: '南康区第一中学',
    kind: '学校',
    sector: '教育',
    parentId: countyEdu,
  });

  const termId = uuidv7();
  const countyTermId = uuidv7();
  await db.insert(terms).values([
    {
      id: termId,
      authorityId: city,
      name: '七届市委',
      startDate: '2026-10-01',
      endDate: '2031-09-30',
      targetKinds: ['市直单位', '学校'],
      createdAt: now,
    },
    {
      id: countyTermId,
      authorityId: county,
      name: '十五届区委',
      startDate: '2026-10-01',
      endDate: '2031-09-30',
      targetKinds: ['县直单位', '学校'],
      createdAt: now,
    },
  ]);
  const roundId = uuidv7();
  const countyRoundId = uuidv7();
  const round = (id: string, tid: string, authorityId: string) => ({
    id,
    termId: tid,
    authorityId,
    number: 1,
    name: '第一轮',
    kind: 'regular',
    theme: '常规巡察',
    focus: [],
    plannedStart: '2026-10-26',
    plannedEnd: '2027-01-30',
    approvedOn: '2026-10-20',
    createdAt: now,
  });
  await db.insert(rounds).values([round(roundId, termId, city), round(countyRoundId, countyTermId, county)]);
  const teamId = uuidv7();
  await db.insert(teams).values({ id: teamId, roundId, authorityId: city, name: '第一巡察组', createdAt: now });
  const memberIds: string[] = [];
  for (const [name, role] of [
    ['周明一', 'leader'],
    ['吴华二', 'member'],
  ] as const) {
    const id = uuidv7();
    await db.insert(inspectors).values({
      id,
      authorityId: city,
      name,
      searchKey: searchKey(name),
      gender: 'male',
      homeUnitName: '赣州市审计局',
      post: '科员',
      rank: '一级主任科员',
      politicalStatus: '中共党员',
      expertise: [],
      createdAt: now,
      updatedAt: now,
    });
    await db.insert(teamMembers).values({ id: uuidv7(), teamId, inspectorId: id, role, createdAt: now });
    memberIds.push(id);
  }

  // Where each inspection belongs, so that a finding of it is written under the same term and round.
  const inspAuthority = new Map<string, { authorityId: string; termId: string; roundId: string }>();
  const inspection: GovWorld['inspection'] = async (o) => {
    const id = uuidv7();
    inspAuthority.set(id, {
      authorityId: o.authorityId ?? city,
      termId: o.termId ?? termId,
      roundId: o.roundId ?? roundId,
    });
    const dates = {
      entryDate: '2026-11-02',
      exitDate: '2026-11-20',
      reportDate: '2026-11-20',
      feedbackDate: '2026-11-24',
      ...o.dates,
    };
    await db.insert(inspections).values({
      id,
      roundId: o.roundId ?? roundId,
      termId: o.termId ?? termId,
      authorityId: o.authorityId ?? city,
      teamId: o.teamId === undefined ? teamId : o.teamId,
      mode: o.mode ?? 'ordinary',
      stage: o.stage ?? 'feedback',
      authorizedAuthorityId: o.authorizedAuthorityId ?? null,
      plannedEntryDate: '2026-11-02',
      plannedExitDate: '2026-11-20',
      preparedDate: '2026-10-25',
      ...dates,
      createdAt: now,
      updatedAt: now,
    });
    await db
      .insert(inspectionTargets)
      .values(o.targetOrgIds.map((orgId) => ({ inspectionId: id, orgId, role: 'primary' as const })));
    return id;
  };
  const inspSchool1 = await inspection({ targetOrgIds: [school1] });
  const inspSchool2 = await inspection({ targetOrgIds: [school2] });
  const inspFinance = await inspection({ targetOrgIds: [finance] });
  const inspTransport = await inspection({ targetOrgIds: [transport] });
  const inspCounty = await inspection({
    targetOrgIds: [countySchool],
    authorityId: county,
    termId: countyTermId,
    roundId: countyRoundId,
    teamId: null,
  });
  const inspAuthorized = await inspection({
    targetOrgIds: [countySchool],
    mode: 'authorized',
    authorizedAuthorityId: county,
    teamId: null,
  });

  const taxonomy = await taxonomyOf(db, city);
  const typeNodes = taxonomy.filter((n) => n.level === 'type');
  const types = { a: typeNodes[0], b: typeNodes[1], c: typeNodes[2] } as GovWorld['types'];

  const titles = new Map<string, string>();
  let seq = 0;
  const finding: GovWorld['finding'] = async (s) => {
    const id = uuidv7();
    seq++;
    const title = s.title ?? `巡察发现问题第${seq}项`;
    const where = inspAuthority.get(s.inspectionId);
    if (!where) throw new Error(`finding of an inspection the fixture did not make: ${s.inspectionId}`);
    const facts = `${title}的具体事实。`;
    await db.insert(findings).values({
      id,
      ...where,
      inspectionId: s.inspectionId,
      orgId: s.orgId,
      sector: s.sector,
      title,
      facts,
      searchKey: searchKey(`${title} ${facts}`),
      source: 'direct',
      taxonomyNodeId: s.taxonomyNodeId ?? null,
      common: s.common ?? false,
      regulationIds: [],
      createdAt: t.clock.now(),
      updatedAt: t.clock.now(),
    });
    titles.set(id, title);
    return id;
  };
  const f = {
    eduA1: await finding({
      inspectionId: inspSchool1,
      orgId: school1,
      sector: '教育',
      taxonomyNodeId: types.a.id,
      common: true,
      title: '违规收取教辅资料费',
    }),
    eduA2: await finding({
      inspectionId: inspSchool1,
      orgId: school1,
      sector: '教育',
      taxonomyNodeId: types.a.id,
      title: '食堂账目不清',
    }),
    eduA3: await finding({
      inspectionId: inspSchool2,
      orgId: school2,
      sector: '教育',
      taxonomyNodeId: types.a.id,
      title: '违规订购教辅资料',
    }),
    eduB1: await finding({
      inspectionId: inspSchool1,
      orgId: school1,
      sector: '教育',
      taxonomyNodeId: types.b.id,
      title: '校外培训监管不力',
    }),
    eduB2: await finding({
      inspectionId: inspSchool2,
      orgId: school2,
      sector: '教育',
      taxonomyNodeId: types.b.id,
      title: '在职教师有偿补课',
    }),
    finA: await finding({
      inspectionId: inspFinance,
      orgId: finance,
      sector: '财政金融',
      taxonomyNodeId: types.a.id,
      common: true,
      title: '公职人员参与民间借贷',
    }),
    traC: await finding({
      inspectionId: inspTransport,
      orgId: transport,
      sector: '交通',
      taxonomyNodeId: types.c.id,
      title: '黑车非法营运监管缺位',
    }),
    traNone: await finding({ inspectionId: inspTransport, orgId: transport, sector: '交通', title: '执法记录不全' }),
    countyA: await finding({
      inspectionId: inspCounty,
      orgId: countySchool,
      sector: '教育',
      common: true,
      title: '区属学校违规收费',
    }),
  };

  const user: GovWorld['user'] = async (grants, o = {}) => {
    const u = await makeUser(t, { grants, displayName: o.displayName, orgId: o.orgId ?? null });
    const s = await login(t, u.username, u.password);
    await s.reauth();
    return Object.assign(s, { id: u.id });
  };
  // One after another: the sign-ins write sessions and audit rows, and the embedded database takes
  // one transaction at a time.
  const staff = await user([{ role: 'officeStaff', scopeId: city, includeChildren: true }], { displayName: '刘晓婷' });
  const officeLeader = await user([{ role: 'officeLeader', scopeId: city, includeChildren: true }], {
    displayName: '陈主任',
  });
  const leader = await user([{ role: 'leader', scopeId: city }], { displayName: '领导小组成员' });
  const countyStaff = await user([{ role: 'officeStaff', scopeId: county }], { displayName: '南康区巡察办干部' });
  const recipient = await user([{ role: 'sectorRecipient', scopeType: 'organization', scopeId: eduBureau }], {
    displayName: '教育局联络人',
    orgId: eduBureau,
  });
  const recipient2 = await user([{ role: 'sectorRecipient', scopeType: 'organization', scopeId: transport }], {
    displayName: '交通运输局联络人',
    orgId: transport,
  });
  const liaison = await user([{ role: 'targetLiaison', scopeType: 'organization', scopeId: school1 }], {
    displayName: '一中联络员',
    orgId: school1,
  });

  return {
    t,
    city,
    county,
    finance,
    transport,
    eduBureau,
    school1,
    school2,
    countyEdu,
    countySchool,
    termId,
    roundId,
    teamId,
    memberIds,
    inspSchool1,
    inspSchool2,
    inspFinance,
    inspTransport,
    countyTermId,
    countyRoundId,
    inspCounty,
    inspAuthorized,
    taxonomy,
    types,
    f,
    titles,
    staff,
    officeLeader,
    leader,
    countyStaff,
    recipient,
    recipient2,
    liaison,
    recipientUserId: recipient.id,
    recipient2UserId: recipient2.id,
    finding,
    inspection,
    user,
  };
}
