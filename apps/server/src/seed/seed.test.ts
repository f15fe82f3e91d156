import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, makeUser } from '../../test/helpers.ts';
import { nameHash } from '../modules/fieldwork/fieldwork.access.ts';
import { rowsOf } from '../platform/db.ts';
import { loadKeyRing } from '../platform/keys.ts';
import { CITY_FIRST_TERM } from './data/fieldwork.ts';
import { cityFirst, data, reg, termSummary } from './data/rectification.fixture.ts';
import { FEEDBACK_DEMO, TODAY } from './data/rectification.ts';
import { seedDemo } from './seed.ts';

/**
 * The demo city seeded once, as `npm start` seeds it, and read back through the API: what each
 * module's builder says (data/*.test.ts check the builders alone) is what the database says.
 * Seeding the whole demo is the slow part, so every module's check shares this one.
 */
const keyFile = path.join(os.tmpdir(), `xc-demo-seed-${process.pid}.json`);
const t = await buildTestApp({
  keyFile,
  totpRequiredByDefault: false,
  dataDir: path.join(os.tmpdir(), `xc-demo-seed-${process.pid}`),
});
/** Reads of the whole demo through the API: seconds each, more on a loaded machine. */
const READS = { timeout: 120_000 };
beforeAll(async () => {
  t.clock.set(`${TODAY}T10:00:00+08:00`);
  await seedDemo(t.database.db, t.clock, t.config);
}, 600_000);
afterAll(async () => {
  await t.close();
  fs.rmSync(keyFile, { force: true });
});

describe('the demo seed in the database', () => {
  it('shows the first term’s fieldwork totals in the term summary, with clue texts sealed', READS, async () => {
    const [city] = rowsOf<{ id: string }>(
      await t.database.db.execute(sql`select id from authorities where level = 'city'`),
    );
    const [term] = rowsOf<{ id: string }>(
      await t.database.db.execute(
        sql`select id from terms where authority_id = ${city?.id} and start_date = '2016-10-01'`,
      ),
    );
    const u = await makeUser(t, { grants: [{ role: 'officeStaff', scopeId: city?.id, includeChildren: true }] });
    const staff = await login(t, u.username, u.password);
    const res = await staff.get(`/api/terms/${term?.id}/fieldwork-summary`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      findings: CITY_FIRST_TERM.findings,
      clues: { cases: CITY_FIRST_TERM.clues },
      transferredClues: { cases: CITY_FIRST_TERM.clues },
      meetings: {
        byKind: { standingCommittee: CITY_FIRST_TERM.standingCommittee },
        hearings: CITY_FIRST_TERM.hearings,
      },
    });
    const list = await staff.get(`/api/findings?termId=${term?.id}&limit=5`);
    expect(list.json().total).toBe(CITY_FIRST_TERM.findings);
    const [leak] = rowsOf<{ n: number }>(
      await t.database.db.execute(sql`select count(*)::int as n from clue_subjects where name_enc not like 'v%'`),
    );
    expect(leak?.n).toBe(0);
    // The demo case handler belongs to the city's 纪委监委 and sees the clues transferred there.
    const [handler] = rowsOf<{ org: string }>(
      await t.database.db.execute(
        sql`select o.name as org from users u join organizations o on o.id = u.org_id where u.username = 'case.handler'`,
      ),
    );
    expect(handler?.org).toBe('赣州市纪委监委');
    // No clue names an account's holder: the demo users see every clue of the term's totals.
    const keys = loadKeyRing(keyFile);
    const accounts = rowsOf<{ name: string }>(await t.database.db.execute(sql`select display_name as name from users`));
    const hashes = accounts.map((a) => nameHash(keys, a.name));
    const [named] = rowsOf<{ n: number }>(
      await t.database.db.execute(
        sql`select count(*)::int as n from clue_subjects where name_hash in (${sql.join(
          hashes.map((h) => sql`${h}`),
          sql`, `,
        )})`,
      ),
    );
    expect(named?.n).toBe(0);
  });

  it('says the rectification builder’s totals in the term summary', READS, async () => {
    const db = t.database.db;
    const [city] = rowsOf<{ id: string }>(await db.execute(sql`select id from authorities where level = 'city'`));
    const [term] = rowsOf<{ id: string }>(
      await db.execute(sql`select id from terms where authority_id = ${city?.id} and start_date = '2016-10-01'`),
    );
    const u = await makeUser(t, { grants: [{ role: 'officeStaff', scopeId: city?.id, includeChildren: true }] });
    const staff = await login(t, u.username, u.password);
    const res = await staff.get(`/api/terms/${term?.id}/rectification-summary`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(termSummary(data, cityFirst));
    // The rollup agrees with the tasks as stored; lanes are PostgreSQL's.
    const [bad] = rowsOf<{ n: number }>(
      await db.execute(sql`
        select count(*)::int as n from finding_rectification r
        left join (select finding_id, count(*)::int c, count(*) filter (where written_off)::int w,
                          count(*) filter (where not written_off and status = 'ongoing')::int o
                   from rectification_tasks group by finding_id) t on t.finding_id = r.finding_id
        where t.c is distinct from r.task_count or t.w is distinct from r.written_off_count or t.o is distinct from r.ongoing_open_count`),
    );
    expect(bad?.n).toBe(0);
    // The demo liaison works for the organization the city supervises now; the reviewer sits on a party.
    const [liaison] = rowsOf<{ org: string; scope: string }>(
      await db.execute(sql`
        select o.name as org, g.scope_id::text as scope from users u join organizations o on o.id = u.org_id
        join grants g on g.user_id = u.id where u.username = 'liaison'`),
    );
    expect(liaison?.org).toBe(reg.orgs.find((o) => o.key === data.liaisonOrgKey)?.name);
    const [seat] = rowsOf<{ party: string }>(
      await db.execute(
        sql`select party_key as party from review_party_members m join users u on u.id = m.user_id where u.username = 'reviewer'`,
      ),
    );
    expect(seat?.party).toBe(data.reviewerParty.party);
    // Through the API: the liaison's ledger has tasks of every colour, all its own; a member of the
    // reviewer's party finds the city's reviews waiting for it.
    const [lo] = rowsOf<{ id: string }>(
      await db.execute(sql`select org_id::text as id from users where username = 'liaison'`),
    );
    const l = await makeUser(t, {
      orgId: lo?.id,
      grants: [{ role: 'targetLiaison', scopeType: 'organization', scopeId: lo?.id }],
    });
    const ls = await login(t, l.username, l.password);
    for (const w of ['red', 'yellow', 'green']) {
      const page = await ls.get(`/api/rectification-tasks?warning=${w}&limit=50`);
      expect(page.statusCode, page.body).toBe(200);
      expect(page.json().total, w).toBeGreaterThan(0);
      for (const item of page.json().items) expect(item.orgId).toBe(lo?.id);
    }
    const r = await makeUser(t, { grants: [{ role: 'reviewer', scopeId: city?.id }] });
    await db.execute(
      sql`insert into review_party_members (authority_id, user_id, party_key, created_at) values (${city?.id}, ${r.id}, ${data.reviewerParty.party}, now())`,
    );
    const rs = await login(t, r.username, r.password);
    const queue = await rs.get('/api/joint-reviews/mine?limit=20');
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().total).toBeGreaterThan(0);
    // Issue 12's journey: an inspection at feedback without a 反馈会, its organization's 联络员, an
    // account seated for every party of the city and the team's 组长 with an account.
    const [fb] = rowsOf<{
      id: string;
      stage: string;
      org: string;
      findings: number;
      feedbacks: number;
      reports: number;
    }>(
      await db.execute(sql`
        select i.id, i.stage, o.name as org,
          (select count(*)::int from findings f where f.inspection_id = i.id) as findings,
          (select count(*)::int from feedbacks f where f.inspection_id = i.id) as feedbacks,
          (select count(*)::int from report_versions v where v.inspection_id = i.id) as reports
        from inspections i join inspection_targets t on t.inspection_id = i.id join organizations o on o.id = t.org_id
        where o.name = '于都县人民检察院' and i.stage = 'feedback'`),
    );
    expect(fb).toMatchObject({ stage: 'feedback', findings: FEEDBACK_DEMO.findings.length, feedbacks: 0, reports: 1 });
    const [l2] = rowsOf<{ org: string; scope: string; orgId: string }>(
      await db.execute(sql`
        select o.name as org, g.scope_id::text as scope, u.org_id::text as "orgId" from users u
        join organizations o on o.id = u.org_id join grants g on g.user_id = u.id where u.username = 'liaison2'`),
    );
    expect(l2?.org).toBe('于都县人民检察院');
    expect(l2?.scope).toBe(l2?.orgId);
    const seats = rowsOf<{ party: string }>(
      await db.execute(sql`
        select m.party_key as party from review_party_members m join users u on u.id = m.user_id
        where m.authority_id = ${city?.id} and u.username in ('reviewer', 'reviewer.org', 'reviewer.pub', 'reviewer.office')
        order by m.party_key`),
    );
    expect(seats.map((x) => x.party)).toEqual(['discipline', 'office', 'organization', 'publicity']);
    const [leads] = rowsOf<{ n: number }>(
      await db.execute(sql`
        select count(*)::int as n from inspections i join team_members tm on tm.team_id = i.team_id and tm.role = 'leader'
        join inspectors p on p.id = tm.inspector_id join users u on u.id = p.user_id
        where i.id = ${fb?.id} and u.username = 'team.leader2'`),
    );
    expect(leads?.n).toBe(1);
    const l2s = await makeUser(t, {
      orgId: l2?.orgId,
      grants: [{ role: 'targetLiaison', scopeType: 'organization', scopeId: l2?.orgId }],
    });
    const l2session = await login(t, l2s.username, l2s.password);
    const problems = await l2session.get(`/api/inspections/${fb?.id}/plans`);
    expect(problems.statusCode, problems.body).toBe(200);
    expect(problems.json().items).toEqual([
      expect.objectContaining({
        orgName: '于都县人民检察院',
        status: 'draft',
        findings: FEEDBACK_DEMO.findings.length,
      }),
    ]);
    const [files] = rowsOf<{ n: number; sum: number }>(
      await db.execute(
        sql`select count(*)::int as n, (select coalesce(sum(evidence_count), 0)::int from rectification_tasks) as sum from rectification_files`,
      ),
    );
    expect(files?.n).toBe(data.evidence.length);
    expect(files?.sum).toBe(data.evidence.length);
  });
});
