import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  formatReceipt,
  PETITION_STATUS_LABELS,
  STAGE_DATE_FIELDS,
  STAGE_LABELS,
  STAGES,
  searchKey,
  stageIndex,
  type TRole,
  type TStage,
} from '@xc/domain';
import { sql } from 'drizzle-orm';
import {
  announcements,
  appraisals,
  authorities,
  awards,
  grants,
  inspectionEvents,
  inspections,
  inspectionTargets,
  inspectorHistory,
  inspectorPools,
  inspectorRelatives,
  inspectors,
  inspectorWorkRelations,
  organizations,
  orgEvents,
  orgLeaders,
  petitionEvents,
  petitionFiles,
  petitionMessages,
  petitions,
  publicCodes,
  rounds,
  secondments,
  surveyAnswers,
  surveyBatches,
  surveySpentTokens,
  surveys,
  teamMembers,
  teams,
  terms,
  trainingAttendances,
  trainings,
  users,
} from '../db/schema/index.ts';
import { eventColumns, fileColumns, messageColumns, reportColumns, triageColumns } from '../modules/petitions/index.ts';
import { answerColumns, spentTokenMac } from '../modules/surveys/index.ts';
import { writeAudit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import { cryptoProvider } from '../platform/crypto.ts';
import { type Db, rowsOf } from '../platform/db.ts';
import { uuidv7 } from '../platform/ids.ts';
import { FieldCipher, type KeyRing, loadKeyRing } from '../platform/keys.ts';
import { argon2Params, hashPassword } from '../platform/passwords.ts';
import { newReceipt, receiptHash } from '../platform/public.ts';
import { seedAuditLink } from './data/auditlink.ts';
import { seedFieldwork } from './data/fieldwork.ts';
import { RECIPIENT_ACCOUNTS, seedGovernance } from './data/governance.ts';
import { buildDemoPersonnel } from './data/personnel.ts';
import { buildDemoPlanning } from './data/planning.ts';
import { buildDemoPublic, type PublicData } from './data/public.ts';
import { seedRectification } from './data/rectification.ts';
import { buildDemoRegistry } from './data/registry.ts';

export interface DemoCredential {
  username: string;
  password: string;
  role: TRole;
  displayName: string;
}

/** A demo report's receipt: what a member of the public would type to read the team's answer. */
export interface DemoReceipt {
  receipt: string;
  orgName: string;
  inspection: string;
  status: string;
}

/** One demo account per role; scopes make the demo show the city, a county and a target's view. */
const DEMO_USERS: {
  username: string;
  displayName: string;
  role: TRole;
  scope: 'system' | 'city' | 'cityTree' | 'nankang' | 'liaisonOrg' | 'recipientOrg';
  /** scope 'recipientOrg': the registry organization the account is granted on. */
  orgKey?: string;
}[] = [
  { username: 'sysadmin', displayName: '周立新', role: 'sysAdmin', scope: 'system' },
  { username: 'secadmin', displayName: '吴敏', role: 'secAdmin', scope: 'system' },
  { username: 'auditor', displayName: '郑雅琴', role: 'auditAdmin', scope: 'system' },
  { username: 'office.leader', displayName: '陈建华', role: 'officeLeader', scope: 'cityTree' },
  { username: 'office.staff', displayName: '刘晓婷', role: 'officeStaff', scope: 'cityTree' },
  { username: 'county.staff', displayName: '赖文斌', role: 'officeStaff', scope: 'nankang' },
  { username: 'team.leader', displayName: '黄志强', role: 'teamLeader', scope: 'city' },
  { username: 'team.member', displayName: '钟丽萍', role: 'teamMember', scope: 'city' },
  // The on-site team's 副组长: the 三审 of a working paper goes author → 副组长 → 组长.
  { username: 'team.deputy', displayName: '温晓东', role: 'teamMember', scope: 'city' },
  { username: 'liaison', displayName: '谢国平', role: 'targetLiaison', scope: 'liaisonOrg' },
  { username: 'reviewer', displayName: '邱海燕', role: 'reviewer', scope: 'city' },
  // Issue 12's journey (./data/rectification.ts FEEDBACK_DEMO): the 联络员 of the organization
  // awaiting its 反馈会, the accounts seated for the city's other 联合会审 parties (组织部, 宣传部,
  // 巡察办), and the 组长 of the team that inspected it, who rates for the team.
  { username: 'liaison2', displayName: '钟晓梅', role: 'targetLiaison', scope: 'liaisonOrg' },
  { username: 'reviewer.org', displayName: '赖春华', role: 'reviewer', scope: 'city' },
  { username: 'reviewer.pub', displayName: '肖丽娟', role: 'reviewer', scope: 'city' },
  { username: 'reviewer.office', displayName: '钟志明', role: 'reviewer', scope: 'city' },
  { username: 'team.leader2', displayName: '陈波鸿', role: 'teamLeader', scope: 'city' },
  { username: 'case.handler', displayName: '曾庆松', role: 'caseHandler', scope: 'city' },
  { username: 'leader', displayName: '孙卫东', role: 'leader', scope: 'cityTree' },
  // 以巡促治's recipients: the 分管市领导 of the 政法 sector (granted on the 市政府办, where the
  // government's leaders sit) and the 主管部门 leading it, 市委政法委 (./data/governance.ts).
  {
    username: RECIPIENT_ACCOUNTS.sectorLeader.username,
    displayName: '黎明远',
    role: 'sectorRecipient',
    scope: 'recipientOrg',
    orgKey: RECIPIENT_ACCOUNTS.sectorLeader.orgKey,
  },
  {
    username: RECIPIENT_ACCOUNTS.deptLiaison.username,
    displayName: '罗晓燕',
    role: 'sectorRecipient',
    scope: 'recipientOrg',
    orgKey: RECIPIENT_ACCOUNTS.deptLiaison.orgKey,
  },
];

export async function isEmpty(db: Db): Promise<boolean> {
  const r = await db.execute(
    sql`select (select count(*) from authorities)::int + (select count(*) from users)::int as n`,
  );
  return Number((r as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0) === 0;
}

/**
 * Seed the demo city on an empty database: the registry from ./data and one account per role with
 * a random password, printed once and written to data/demo-credentials.json (mode 600); the
 * public channel's reports are encrypted and hashed with `keys` (the server's key ring, or the key
 * file's), and their receipts written to data/demo-receipts.json (mode 600).
 */
export async function seedDemo(
  db: Db,
  clock: Clock,
  config: Config,
  opts: { print?: boolean; keys?: KeyRing } = {},
): Promise<DemoCredential[]> {
  const now = clock.now();
  const keys = opts.keys ?? loadKeyRing(config.keyFile);
  let receipts: DemoReceipt[] = [];
  const reg = buildDemoRegistry();
  const authId = new Map<string, string>();
  for (const a of reg.authorities) authId.set(a.key, uuidv7(now.getTime()));
  const orgId = new Map<string, string>();
  for (const o of reg.orgs) orgId.set(o.key, uuidv7(now.getTime()));
  const creds: DemoCredential[] = [];
  const params = argon2Params(config.argon2MemoryKiB);
  const userRows: { u: (typeof DEMO_USERS)[number]; password: string; hash: string }[] = [];
  for (const u of DEMO_USERS) {
    const password = cryptoProvider.randomPassword();
    creds.push({ username: u.username, password, role: u.role, displayName: u.displayName });
    userRows.push({ u, password, hash: await hashPassword(password, params) });
  }
  const cityKey = reg.authorities.find((a) => a.level === 'city')?.key as string;
  const nankangKey = reg.authorities.find((a) => a.name.includes('南康'))?.key ?? cityKey;
  const liaisonOrg =
    reg.orgs.find((o) => o.name === '赣州市教育局') ?? reg.orgs.find((o) => o.authorityKey === cityKey);

  await db.transaction(async (tx) => {
    // Parents first: the city, then its counties.
    const sortedAuth = [...reg.authorities].sort((a, b) => (a.parentKey ? 1 : 0) - (b.parentKey ? 1 : 0));
    await tx.insert(authorities).values(
      sortedAuth.map((a) => ({
        id: authId.get(a.key) as string,
        name: a.name,
        shortName: a.shortName,
        level: a.level,
        parentAuthorityId: a.parentKey ? (authId.get(a.parentKey) as string) : null,
        regionCode: a.regionCode,
        createdAt: now,
      })),
    );
    // Insert without tree links, then link: rows can then come in any order.
    const orgRows = reg.orgs.map((o) => ({
      id: orgId.get(o.key) as string,
      authorityId: authId.get(o.authorityKey) as string,
      parentId: null,
      name: o.name,
      searchKey: searchKey(o.name),
      kind: o.kind,
      sector: o.sector,
      creditCode: o.creditCode,
      establishedOn: o.establishedOn,
      abolishedOn: o.abolishedOn,
      mergedIntoId: null,
      status: (o.mergedIntoKey ? 'merged' : o.abolishedOn ? 'abolished' : 'active') as 'active',
      createdAt: now,
      updatedAt: now,
    }));
    await batch(orgRows, (c) => tx.insert(organizations).values(c));
    const links = reg.orgs
      .filter((o) => o.parentKey || o.mergedIntoKey)
      .map((o) => ({
        id: orgId.get(o.key) as string,
        parent: o.parentKey ? (orgId.get(o.parentKey) as string) : null,
        merged: o.mergedIntoKey ? (orgId.get(o.mergedIntoKey) as string) : null,
      }));
    for (let i = 0; i < links.length; i += 1000) {
      const chunk = links.slice(i, i + 1000);
      await tx.execute(sql`
        update organizations o set parent_id = v.parent, merged_into_id = v.merged
        from json_to_recordset(${JSON.stringify(chunk)}::json) as v(id uuid, parent uuid, merged uuid)
        where o.id = v.id`);
    }
    const leaders = reg.orgs.flatMap((o) =>
      o.leaders.map((l, i) => ({
        id: uuidv7(now.getTime()),
        orgId: orgId.get(o.key) as string,
        name: l.name,
        position: l.position,
        since: l.since,
        until: l.until,
        sortOrder: i,
      })),
    );
    await batch(leaders, (c) => tx.insert(orgLeaders).values(c));
    const events = reg.orgs.flatMap((o) => {
      const id = orgId.get(o.key) as string;
      const ev = [
        {
          id: uuidv7(now.getTime()),
          orgId: id,
          kind: 'established',
          onDate: o.establishedOn,
          detail: `设立（${o.kind}）`,
          actorName: null,
          createdAt: now,
        },
      ];
      if (o.mergedIntoKey) {
        const into = reg.orgs.find((x) => x.key === o.mergedIntoKey);
        ev.push({
          id: uuidv7(now.getTime()),
          orgId: id,
          kind: 'merged',
          onDate: o.abolishedOn,
          detail: `并入“${into?.name ?? ''}”（机构改革）`,
          actorName: null,
          createdAt: now,
        });
      } else if (o.abolishedOn)
        ev.push({
          id: uuidv7(now.getTime()),
          orgId: id,
          kind: 'abolished',
          onDate: o.abolishedOn,
          detail: '撤销（机构改革）',
          actorName: null,
          createdAt: now,
        });
      return ev;
    });
    await batch(events, (c) => tx.insert(orgEvents).values(c));

    for (const { u, hash } of userRows) {
      const id = uuidv7(now.getTime());
      const authority =
        u.scope === 'nankang'
          ? authId.get(nankangKey)
          : u.scope === 'system' || u.scope === 'liaisonOrg' || u.scope === 'recipientOrg'
            ? null
            : authId.get(cityKey);
      const grantedOrg =
        u.scope === 'liaisonOrg' && liaisonOrg
          ? (orgId.get(liaisonOrg.key) ?? null)
          : u.scope === 'recipientOrg' && u.orgKey
            ? (orgId.get(u.orgKey) ?? null)
            : null;
      await tx.insert(users).values({
        id,
        username: u.username,
        usernameKey: u.username,
        displayName: u.displayName,
        authorityId: authority ?? null,
        orgId: grantedOrg,
        passwordHash: hash,
        mustChangePassword: true,
        createdAt: now,
      });
      await tx.insert(grants).values({
        id: uuidv7(now.getTime()),
        userId: id,
        role: u.role,
        scopeType:
          u.scope === 'system'
            ? 'system'
            : u.scope === 'liaisonOrg' || u.scope === 'recipientOrg'
              ? 'organization'
              : 'authority',
        scopeId:
          u.scope === 'system'
            ? null
            : u.scope === 'liaisonOrg' || u.scope === 'recipientOrg'
              ? grantedOrg
              : (authority ?? null),
        includeChildren: u.scope === 'cityTree',
        createdAt: now,
      });
    }
    const planKeys = await seedPlanning(tx, reg, authId, orgId, now);
    const personnel = await seedPersonnel(tx, reg, authId, orgId, planKeys, now);
    receipts = await seedPublic(tx, reg, authId, orgId, planKeys, personnel, keys, config, now);
    // The demo team accounts are the leader and a member of one city team now on site (the same
    // team, so the two can work on the same inspection), and see their own team.
    const team = rowsOf<{ team_id: string; id: string }>(
      await tx.execute(sql`
        select i.team_id, i.id from inspections i
        where i.stage = 'onSite' and i.authority_id = ${authId.get(cityKey) as string} and i.team_id is not null
        order by i.entry_date, i.id limit 1`),
    )[0];
    if (team)
      for (const [username, role] of [
        ['team.leader', 'leader'],
        ['team.deputy', 'deputy'],
        ['team.member', 'member'],
      ] as const)
        await tx.execute(sql`
          update inspectors set user_id = (select id from users where username = ${username})
          where id = (
            select tm.inspector_id from team_members tm join inspectors p on p.id = tm.inspector_id
            where tm.team_id = ${team.team_id} and tm.role = ${role}
              and not exists (select 1 from inspection_targets t where t.inspection_id = ${team.id} and t.org_id = p.home_org_id)
            order by tm.inspector_id limit 1)`);
    // Findings, clues, reports and meetings of the past terms, and the round on site (./data/fieldwork.ts).
    await seedFieldwork(tx, { reg, plan: planKeys.plan, personnel, planIds: planKeys.id, authId, orgId, keys, now });
    // Feedback, plans, tasks, reviews, outcomes, evaluations and 双公开 of the findings (./data/rectification.ts).
    await seedRectification(tx, {
      reg,
      plan: planKeys.plan,
      personnel,
      planIds: planKeys.id,
      authId,
      orgId,
      keys,
      now,
    });
    // 以巡促治: common problems, bulletins, reminders, campaigns, consultations, dual reports, conduct
    // evaluations and the archive over what the seeders above stored (./data/governance.ts).
    await seedGovernance(tx, {
      reg,
      plan: planKeys.plan,
      planIds: planKeys.id,
      authId,
      orgId,
      countyStaff: countyOfficeStaff(personnel),
      now,
    });
    // 巡审贯通: the tables the demo team brought in, its comparisons and the papers made of them (./data/auditlink.ts).
    await seedAuditLink(tx, { config, keys, clock });
    await writeAudit(tx, now, {
      action: 'system.seed',
      objectType: 'system',
      detail: { authorities: reg.authorities.length, organizations: reg.orgs.length, users: DEMO_USERS.length },
    });
  });

  fs.mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, 'demo-credentials.json');
  fs.writeFileSync(file, `${JSON.stringify(creds, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  const receiptFile = path.join(config.dataDir, 'demo-receipts.json');
  fs.writeFileSync(receiptFile, `${JSON.stringify(receipts, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(receiptFile, 0o600);
  if (opts.print) {
    const lines = creds.map((c) => `  ${c.username.padEnd(14)} ${c.password}  ${c.displayName}（${c.role}）`);
    process.stdout.write(`\n演示账号（仅显示这一次，首次登录须修改密码；另存于 ${file}）：\n${lines.join('\n')}\n\n`);
    if (receipts.length) {
      // Three that show different things: answered ones first, of different statuses when there are.
      const picked = receipts.filter((r, k) => receipts.findIndex((x) => x.status === r.status) === k).slice(0, 3);
      for (const r of receipts) if (picked.length < 3 && !picked.includes(r)) picked.push(r);
      const shown = picked.map((r) => `  ${formatReceipt(r.receipt)}  ${r.orgName}（${r.status}）`);
      process.stdout.write(
        `演示查询码（群众凭此查看答复）：\n${shown.join('\n')}\n  其余 ${receipts.length - shown.length} 个见 ${receiptFile}\n\n`,
      );
    }
  }
  return creds;
}

/** A section member of each county 巡察办 (not its leaders), by authority key: who filed its archive. */
function countyOfficeStaff(personnel: ReturnType<typeof buildDemoPersonnel>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of personnel.inspectors)
    if (!out[p.authorityKey] && p.homeUnitName.endsWith('委巡察办') && !p.post.endsWith('主任'))
      out[p.authorityKey] = p.name;
  return out;
}

/** Inserts in chunks of 1,000 rows: one statement per chunk keeps the demo seed fast on PGlite. */
async function batch<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000));
}

/** The demo city's terms of work: rounds, teams and inspections at every stage (./data/planning.ts). */
async function seedPlanning(
  db: Db,
  reg: ReturnType<typeof buildDemoRegistry>,
  authId: Map<string, string>,
  orgId: Map<string, string>,
  now: Date,
): Promise<{ plan: ReturnType<typeof buildDemoPlanning>; id: Map<string, string> }> {
  const plan = buildDemoPlanning(reg);
  const id = new Map<string, string>();
  const key = (k: string) => {
    let v = id.get(k);
    if (!v) {
      v = uuidv7(now.getTime());
      id.set(k, v);
    }
    return v;
  };
  const termAuthority = new Map(plan.terms.map((t) => [t.key, authId.get(t.authorityKey) as string]));
  const roundTerm = new Map(plan.rounds.map((r) => [r.key, r.termKey]));
  await batch(
    plan.terms.map((t) => ({
      id: key(t.key),
      authorityId: termAuthority.get(t.key) as string,
      name: t.name,
      startDate: t.startDate,
      endDate: t.endDate,
      targetKinds: t.targetKinds,
      createdAt: now,
    })),
    (c) => db.insert(terms).values(c),
  );
  await batch(
    plan.rounds.map((r) => ({
      id: key(r.key),
      termId: key(r.termKey),
      authorityId: termAuthority.get(r.termKey) as string,
      number: r.number,
      name: r.name,
      kind: r.kind,
      theme: r.theme,
      focus: r.focus,
      plannedStart: r.plannedStart,
      plannedEnd: r.plannedEnd,
      approvedOn: r.approvedOn,
      approvalNote: r.approvalNote,
      createdAt: now,
    })),
    (c) => db.insert(rounds).values(c),
  );
  await batch(
    plan.teams.map((t) => ({
      id: key(t.key),
      roundId: key(t.roundKey),
      authorityId: termAuthority.get(roundTerm.get(t.roundKey) as string) as string,
      name: t.name,
      sortOrder: t.sortOrder,
      createdAt: now,
    })),
    (c) => db.insert(teams).values(c),
  );
  // Look-backs point at earlier inspections, which come first in the generator's order.
  await batch(
    plan.inspections.map((i) => {
      const termKey = roundTerm.get(i.roundKey) as string;
      return {
        id: key(i.key),
        roundId: key(i.roundKey),
        termId: key(termKey),
        authorityId: termAuthority.get(termKey) as string,
        teamId: i.teamKey ? key(i.teamKey) : null,
        mode: i.mode,
        stage: i.stage,
        lookBackOfId: i.lookBackOfKey ? key(i.lookBackOfKey) : null,
        authorizedAuthorityId: i.authorizedAuthorityKey ? (authId.get(i.authorizedAuthorityKey) as string) : null,
        plannedEntryDate: i.plannedEntryDate,
        plannedExitDate: i.plannedExitDate,
        noticeDate: i.noticeDate,
        preparedDate: i.preparedDate,
        entryDate: i.entryDate,
        exitDate: i.exitDate,
        reportDate: i.reportDate,
        feedbackDate: i.feedbackDate,
        transferDate: i.transferDate,
        rectifyingStartDate: i.rectifyingStartDate,
        concentratedEndDate: i.concentratedEndDate,
        evaluatedDate: i.evaluatedDate,
        publishedDate: i.publishedDate,
        archivedDate: i.archivedDate,
        createdAt: now,
        updatedAt: now,
      };
    }),
    (c) => db.insert(inspections).values(c),
  );
  await batch(
    plan.inspections.flatMap((i) =>
      i.targets.map((t) => ({ inspectionId: key(i.key), orgId: orgId.get(t.orgKey) as string, role: t.role })),
    ),
    (c) => db.insert(inspectionTargets).values(c),
  );
  // The timeline: one event for each stage the inspection passed, on the date it records.
  const events = plan.inspections.flatMap((i) => {
    const out = [];
    let prev: TStage | null = null;
    for (const s of STAGES) {
      if (stageIndex(s) > stageIndex(i.stage as TStage)) break;
      const field = STAGE_DATE_FIELDS[s];
      const date = field
        ? (i as unknown as Record<string, string | null>)[field]
        : (i.preparedDate ?? i.plannedEntryDate);
      if (date || s === 'planned')
        out.push({
          id: uuidv7(now.getTime()),
          inspectionId: key(i.key),
          fromStage: prev,
          toStage: s,
          onDate: date ?? i.preparedDate ?? i.plannedEntryDate ?? '2016-10-01',
          note: s === 'planned' ? '列入轮次计划' : STAGE_LABELS[s],
          actorName: null,
          createdAt: now,
        });
      prev = s;
    }
    return out;
  });
  await batch(events, (c) => db.insert(inspectionEvents).values(c));
  return { plan, id };
}

/** About 300 inspectors with histories, the teams of every term filled, trainings and awards (./data/personnel.ts). */
async function seedPersonnel(
  db: Db,
  reg: ReturnType<typeof buildDemoRegistry>,
  authId: Map<string, string>,
  orgId: Map<string, string>,
  planKeys: { plan: ReturnType<typeof buildDemoPlanning>; id: Map<string, string> },
  now: Date,
): Promise<ReturnType<typeof buildDemoPersonnel>> {
  const data = buildDemoPersonnel(reg, planKeys.plan);
  const pid = new Map(data.inspectors.map((p) => [p.key, uuidv7(now.getTime())]));
  const org = (k: string | null) => (k ? (orgId.get(k) ?? null) : null);
  const teamId = (k: string) => planKeys.id.get(k) as string;
  await batch(
    data.inspectors.map((p) => ({
      id: pid.get(p.key) as string,
      authorityId: authId.get(p.authorityKey) as string,
      name: p.name,
      searchKey: searchKey(p.name),
      gender: p.gender,
      birthYear: p.birthYear,
      homeOrgId: org(p.homeOrgKey),
      homeUnitName: p.homeUnitName,
      post: p.post,
      rank: p.rank,
      politicalStatus: p.politicalStatus,
      expertise: p.expertise,
      homeAuthorityId: p.homeAuthorityKey ? (authId.get(p.homeAuthorityKey) ?? null) : null,
      createdAt: now,
      updatedAt: now,
    })),
    (c) => db.insert(inspectors).values(c),
  );
  await batch(
    data.inspectors.flatMap((p) =>
      p.pools.map((x) => ({
        inspectorId: pid.get(p.key) as string,
        pool: x.pool,
        status: x.status,
        since: x.since,
        until: x.until,
      })),
    ),
    (c) => db.insert(inspectorPools).values(c),
  );
  await batch(
    data.inspectors.flatMap((p) =>
      p.history.map((h) => ({
        id: uuidv7(now.getTime()),
        inspectorId: pid.get(p.key) as string,
        orgId: org(h.orgKey),
        unitName: h.unitName,
        post: h.post,
        fromDate: h.from,
        toDate: h.to,
      })),
    ),
    (c) => db.insert(inspectorHistory).values(c),
  );
  await batch(
    data.inspectors.flatMap((p) =>
      p.relatives.map((r) => ({
        id: uuidv7(now.getTime()),
        inspectorId: pid.get(p.key) as string,
        name: r.name,
        relation: r.relation,
        orgId: org(r.orgKey),
        unitName: r.unitName,
        post: r.post,
      })),
    ),
    (c) => db.insert(inspectorRelatives).values(c),
  );
  await batch(
    data.inspectors.flatMap((p) =>
      p.workRelations.map((w) => ({
        id: uuidv7(now.getTime()),
        inspectorId: pid.get(p.key) as string,
        personName: w.personName,
        relation: w.relation,
        orgId: org(w.orgKey),
        fromDate: w.from,
        toDate: w.to,
      })),
    ),
    (c) => db.insert(inspectorWorkRelations).values(c),
  );
  await batch(
    data.teamMembers.map((m) => ({
      id: uuidv7(now.getTime()),
      teamId: teamId(m.teamKey),
      inspectorId: pid.get(m.inspectorKey) as string,
      role: m.role,
      createdAt: now,
    })),
    (c) => db.insert(teamMembers).values(c),
  );
  const tid = new Map(data.trainings.map((t) => [t.key, uuidv7(now.getTime())]));
  await batch(
    data.trainings.map((t) => ({
      id: tid.get(t.key) as string,
      authorityId: authId.get(t.authorityKey) as string,
      title: t.title,
      heldOn: t.heldOn,
      hours: t.hours,
      mode: t.mode,
      createdAt: now,
    })),
    (c) => db.insert(trainings).values(c),
  );
  await batch(
    data.trainings.flatMap((t) =>
      t.attendeeKeys.map((k) => ({ trainingId: tid.get(t.key) as string, inspectorId: pid.get(k) as string })),
    ),
    (c) => db.insert(trainingAttendances).values(c),
  );
  await batch(
    data.secondments.map((x) => ({
      id: uuidv7(now.getTime()),
      inspectorId: pid.get(x.inspectorKey) as string,
      kind: x.kind,
      hostName: x.hostName,
      fromDate: x.from,
      toDate: x.to,
    })),
    (c) => db.insert(secondments).values(c),
  );
  await batch(
    data.appraisals.map((a) => ({
      id: uuidv7(now.getTime()),
      inspectorId: pid.get(a.inspectorKey) as string,
      teamId: teamId(a.teamKey),
      grade: a.grade,
      comment: a.comment,
      appraisedOn: a.appraisedOn,
    })),
    (c) => db.insert(appraisals).values(c),
  );
  await batch(
    data.awards.map((a) => ({
      id: uuidv7(now.getTime()),
      authorityId: authId.get(a.authorityKey) as string,
      kind: a.kind,
      batch: a.batch,
      category: a.category,
      title: a.title,
      inspectorIds: a.inspectorKeys.map((k) => pid.get(k) as string),
      awardedOn: a.awardedOn,
    })),
    (c) => db.insert(awards).values(c),
  );
  return data;
}

/**
 * The public channel (./data/public.ts): 巡察公告 and QR codes of the inspections on site, the
 * reports made through them with the teams' replies and the reporters' additions, letters, calls
 * and visits registered by hand, and the surveys with their links and answer sheets. Stored as the
 * channel stores them: random (v4) ids for reports and sheets, receipts only as their argon2 hash,
 * named reporters' names and phones encrypted. Returns the receipts, replied ones first.
 */
async function seedPublic(
  db: Db,
  reg: ReturnType<typeof buildDemoRegistry>,
  authId: Map<string, string>,
  orgId: Map<string, string>,
  planKeys: { plan: ReturnType<typeof buildDemoPlanning>; id: Map<string, string> },
  personnel: ReturnType<typeof buildDemoPersonnel>,
  keys: KeyRing,
  config: Config,
  now: Date,
): Promise<DemoReceipt[]> {
  const names = new Map(personnel.inspectors.map((p) => [p.key, p.name]));
  // Who set up the office's surveys: a section member of each 巡察办 (not its leaders).
  const officeStaff: Record<string, string> = {};
  for (const p of personnel.inspectors)
    if (!officeStaff[p.authorityKey] && p.homeUnitName.endsWith('委巡察办') && !p.post.endsWith('主任'))
      officeStaff[p.authorityKey] = p.name;
  const data: PublicData = buildDemoPublic({
    now,
    authorities: reg.authorities,
    orgs: reg.orgs,
    terms: planKeys.plan.terms,
    rounds: planKeys.plan.rounds,
    teams: planKeys.plan.teams,
    inspections: planKeys.plan.inspections,
    teamMembers: personnel.teamMembers.map((m) => ({
      teamKey: m.teamKey,
      role: m.role,
      name: names.get(m.inspectorKey) ?? '',
    })),
    officeStaff,
  });
  const plan = (k: string) => planKeys.id.get(k) as string;
  const authority = (k: string) => authId.get(k) as string;
  const org = (k: string) => orgId.get(k) as string;
  // Fresh random receipts on every install: the generator's are the same everywhere, and a demo
  // server reachable by others must not answer to receipts anyone could read in this repository.
  for (const p of data.petitions) if (p.receipt) p.receipt = newReceipt();
  // argon2, slow on purpose: hashed on the thread pool side by side.
  const hashes = await Promise.all(
    data.petitions.map((p) => (p.receipt ? receiptHash(keys, p.receipt, config.argon2MemoryKiB) : null)),
  );

  await batch(
    data.announcements.map((a) => ({
      inspectionId: plan(a.inspectionKey),
      periodFrom: a.periodFrom,
      periodTo: a.periodTo,
      scope: a.scope,
      phone: a.phone,
      mailbox: a.mailbox,
      email: a.email,
      hours: a.hours,
      updatedAt: new Date(a.updatedAt),
      version: 1,
    })),
    (c) => db.insert(announcements).values(c),
  );
  await batch(
    data.codes.map((c) => ({
      code: c.code,
      inspectionId: plan(c.inspectionKey),
      orgId: org(c.orgKey),
      authorityId: authority(c.authorityKey),
      role: c.role,
      open: c.open,
      createdAt: new Date(c.createdAt),
    })),
    (c) => db.insert(publicCodes).values(c),
  );

  const cipher = new FieldCipher(keys);
  const pid = new Map(data.petitions.map((p) => [p.key, randomUUID()]));
  const moves = new Map<string, number>();
  for (const e of data.events)
    if (e.action === '受理' || e.action === '转交' || e.action === '办结')
      moves.set(e.petitionKey, (moves.get(e.petitionKey) ?? 0) + 1);
  await batch(
    data.petitions.map((p, n) => {
      const id = pid.get(p.key) as string;
      return {
        id,
        authorityId: authority(p.authorityKey),
        inspectionId: plan(p.inspectionKey),
        orgId: org(p.orgKey),
        channel: p.channel,
        ...reportColumns({ cipher, keys }, id, p),
        receivedOn: p.receivedOn,
        receiptHash: hashes[n] ?? null,
        status: p.status,
        discipline: p.discipline,
        keyPost: p.keyPost,
        ...triageColumns(cipher, id, p),
        registeredById: null,
        registeredByName: p.registeredByName,
        // Each triage move is a conditional update that bumps the version.
        version: 1 + (moves.get(p.key) ?? 0),
      };
    }),
    (c) => db.insert(petitions).values(c),
  );
  const mid = new Map<string, string>();
  await batch(
    data.messages.map((m) => {
      // As the service does: the team's replies get v7 ids, the reporter's additions random ones.
      const id = m.sender === 'team' ? uuidv7(Date.parse(`${m.onDate}T12:00:00+08:00`)) : randomUUID();
      mid.set(`${m.petitionKey}#${m.seq}`, id);
      return {
        id,
        petitionId: pid.get(m.petitionKey) as string,
        seq: m.seq,
        sender: m.sender,
        ...messageColumns(cipher, id, m.body),
        onDate: m.onDate,
        byUserId: null,
        byName: m.byName,
      };
    }),
    (c) => db.insert(petitionMessages).values(c),
  );
  // Small photos, sealed like uploads: a hundred at a time keeps each statement's parameters small.
  const files = [];
  for (const f of data.files) {
    const id = randomUUID();
    files.push({
      id,
      petitionId: pid.get(f.petitionKey) as string,
      messageId: f.messageSeq === null ? null : (mid.get(`${f.petitionKey}#${f.messageSeq}`) ?? null),
      ...(await fileColumns(keys, cipher, id, f)),
    });
  }
  for (let i = 0; i < files.length; i += 100) await db.insert(petitionFiles).values(files.slice(i, i + 100));
  await batch(
    data.events.map((e) => {
      const id = uuidv7(Date.parse(e.at));
      return {
        id,
        petitionId: pid.get(e.petitionKey) as string,
        at: new Date(e.at),
        action: e.action,
        ...eventColumns(cipher, id, e.note),
        actorName: e.actorName,
      };
    }),
    (c) => db.insert(petitionEvents).values(c),
  );

  const sid = new Map(data.surveys.map((s) => [s.key, uuidv7(Date.parse(s.createdAt))]));
  await batch(
    data.surveys.map((s) => ({
      id: sid.get(s.key) as string,
      authorityId: authority(s.authorityKey),
      kind: s.kind,
      title: s.title,
      intro: s.intro,
      status: s.status,
      targetType: s.targetType,
      inspectionId: s.inspectionKey ? plan(s.inspectionKey) : null,
      roundId: null,
      teamId: s.teamKey ? plan(s.teamKey) : null,
      questions: s.questions,
      keyQuestionId: s.keyQuestionId,
      openCode: s.openCode,
      openCap: s.openCap,
      createdAt: new Date(s.createdAt),
      createdByName: s.createdByName,
      // draft → open (→ closed): each move bumps the version.
      version: s.status === 'closed' ? 3 : 2,
    })),
    (c) => db.insert(surveys).values(c),
  );
  const bid = new Map(data.batches.map((b) => [b.key, uuidv7(Date.parse(b.createdAt))]));
  await batch(
    data.batches.map((b) => ({
      id: bid.get(b.key) as string,
      surveyId: sid.get(b.surveyKey) as string,
      count: b.count,
      note: b.note,
      createdAt: new Date(b.createdAt),
      createdByName: b.createdByName,
    })),
    (c) => db.insert(surveyBatches).values(c),
  );
  // As the channel stores them: a used link only as its MAC apart from the sheet, which keeps its batch.
  await batch(
    data.answers.map((a) => {
      const id = randomUUID();
      return {
        id,
        surveyId: sid.get(a.surveyKey) as string,
        batchId: a.batchKey ? (bid.get(a.batchKey) as string) : null,
        verified: a.verified,
        answeredOn: a.answeredOn,
        ...answerColumns(cipher, id, a.answers),
      };
    }),
    (c) => db.insert(surveyAnswers).values(c),
  );
  await batch(
    data.answers.flatMap((a) => {
      const batchId = a.batchKey ? (bid.get(a.batchKey) as string) : null;
      return batchId && a.index !== null ? [{ tokenMac: spentTokenMac(keys, batchId, a.index), batchId }] : [];
    }),
    (c) => db.insert(surveySpentTokens).values(c),
  );

  const replied = new Set(data.messages.filter((m) => m.sender === 'team').map((m) => m.petitionKey));
  return data.petitions
    .filter((p) => p.receipt !== null)
    .map((p) => ({ p, replied: replied.has(p.key) }))
    .sort(
      (a, b) =>
        Number(b.replied) - Number(a.replied) ||
        (a.p.receivedOn < b.p.receivedOn ? 1 : a.p.receivedOn > b.p.receivedOn ? -1 : 0) ||
        (a.p.key < b.p.key ? -1 : 1),
    )
    .map(({ p }) => ({
      receipt: p.receipt as string,
      orgName: p.orgName,
      inspection: p.inspectionLabel,
      status: PETITION_STATUS_LABELS[p.status],
    }));
}
