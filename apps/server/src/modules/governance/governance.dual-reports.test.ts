import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onePagePdf, zipEntry } from '../../../test/fixtures.ts';
import { makeAuthority, makeOrg, type Session } from '../../../test/helpers.ts';
import { auditLog, dualReports, inspections } from '../../db/schema/index.ts';
import { countWhere } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { buildGovernanceWorld, GOV_NOW, type GovWorld, ok } from './governance.fixture.ts';

// 双报告一报备 of authorized inspections: the view and the checklist, the county's records
// (versioned), the check by the office above (the county itself: 403), files, the generated .docx,
// overdue by an injected clock and the archived inspection's 409; 401 / 403 / 404 / 400 per route.

let w: GovWorld;
let otherCounty: string;
let otherCountyStaff: Session;
let cityOnlyStaff: Session;

beforeAll(async () => {
  w = await buildGovernanceWorld();
  otherCounty = await makeAuthority(w.t, { name: '中共信丰县委巡察工作领导小组办公室', parentAuthorityId: w.city });
  otherCountyStaff = await w.user([{ role: 'officeStaff', scopeId: otherCounty }]);
  cityOnlyStaff = await w.user([{ role: 'officeStaff', scopeId: w.city }]);
  // The county's 书记专题会 heard the report of the authorized inspection.
  ok(
    await w.countyStaff.post('/api/meetings', {
      authorityId: w.county,
      kind: 'secretarySpecial',
      date: '2026-11-23',
      attendees: ['区委书记'],
      inspectionIds: [w.inspAuthorized],
      decisions: '原则同意授权巡察报告，按程序报告和报备。',
    }),
  );
});
afterAll(async () => w.t.close());

const anon = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) =>
  w.t.app.inject(payload === undefined ? { method, url } : { method, url, payload });

/** A further authorized inspection of the county's school (or `o`), at `feedback` unless said. */
function authorized(o: { stage?: string; feedbackDate?: string; county?: string; orgId?: string } = {}) {
  return w.inspection({
    targetOrgIds: [o.orgId ?? w.countySchool],
    mode: 'authorized',
    authorizedAuthorityId: o.county ?? w.county,
    teamId: null,
    stage: o.stage ?? 'feedback',
    dates: { feedbackDate: o.feedbackDate ?? '2026-11-24' },
  });
}

const record = (o: Record<string, unknown> = {}) => ({
  version: 0,
  on: '2026-11-30',
  docTitle: '关于对南康区第一中学党组织开展授权巡察情况的报告',
  ...o,
});

function upload(s: Session, inspectionId: string, name = '区委常委会报告.pdf') {
  const boundary = '----dr';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    onePagePdf(),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return s.request('POST', `/api/inspections/${inspectionId}/dual-report/files`, payload, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
}

const rowOf = async (id: string) =>
  (await w.t.database.db.select().from(dualReports).where(eq(dualReports.inspectionId, id)))[0];

describe('dual reports: access', () => {
  it('answers 401 to every route without a session', async () => {
    const id = w.inspAuthorized;
    const calls = [
      anon('GET', '/api/dual-reports'),
      anon('GET', `/api/inspections/${id}/dual-report`),
      anon('PUT', `/api/inspections/${id}/dual-report/countyCommittee`, record()),
      anon('POST', `/api/inspections/${id}/dual-report/countyCommittee/check`, { version: 1, checked: true }),
      anon('POST', `/api/inspections/${id}/dual-report/files`),
      anon('GET', `/api/inspections/${id}/dual-report/countyCommittee.docx`),
    ];
    for (const r of await Promise.all(calls)) expect(r.statusCode).toBe(401);
  });

  it('answers 403 to roles without the permission, 404 outside the reach or for other modes', async () => {
    const id = await authorized();
    const base = `/api/inspections/${id}/dual-report`;
    expect((await w.liaison.get(base)).statusCode).toBe(403);
    expect((await w.liaison.get('/api/dual-reports')).statusCode).toBe(403);
    expect((await w.leader.get(base)).statusCode).toBe(200);
    expect((await w.leader.put(`${base}/countyCommittee`, record())).statusCode).toBe(403);
    expect((await w.leader.post(`${base}/countyCommittee/check`, { version: 0, checked: true })).statusCode).toBe(403);
    // Another county sees nothing of it.
    expect((await otherCountyStaff.get(base)).statusCode).toBe(404);
    expect((await otherCountyStaff.put(`${base}/countyCommittee`, record())).statusCode).toBe(404);
    expect(
      (await otherCountyStaff.post(`${base}/countyCommittee/check`, { version: 0, checked: true })).statusCode,
    ).toBe(404);
    expect((await upload(otherCountyStaff, id)).statusCode).toBe(404);
    expect((await otherCountyStaff.get(`${base}/countyCommittee.docx`)).statusCode).toBe(404);
    // The city office without its counties sees the inspection (it authorized it) but does not record.
    expect((await cityOnlyStaff.get(base)).statusCode).toBe(200);
    expect((await cityOnlyStaff.put(`${base}/countyCommittee`, record())).statusCode).toBe(403);
    expect((await upload(cityOnlyStaff, id)).statusCode).toBe(403);
    // An inspection of another mode has no dual report; nor has an unknown one.
    for (const other of [w.inspSchool1, uuidv7()]) {
      expect((await w.staff.get(`/api/inspections/${other}/dual-report`)).statusCode).toBe(404);
      expect((await w.staff.put(`/api/inspections/${other}/dual-report/countyCommittee`, record())).statusCode).toBe(
        404,
      );
      expect((await w.staff.get(`/api/inspections/${other}/dual-report/cityOffice.docx`)).statusCode).toBe(404);
    }
    expect((await w.staff.put(`${base}/countyReport`, record())).statusCode).toBe(400);
    expect((await w.staff.get(`${base}/countyReport.docx`)).statusCode).toBe(400);
    expect(await rowOf(id)).toBeUndefined();
  });
});

describe('dual reports: view and records', () => {
  it('counts the limits from the county’s 书记专题会, else from the feedback', async () => {
    const v = ok(await w.staff.get(`/api/inspections/${w.inspAuthorized}/dual-report`));
    expect(v).toMatchObject({ inspectionId: w.inspAuthorized, anchor: '2026-11-23', version: 0 });
    expect(v.items.map((i: { kind: string }) => i.kind)).toEqual(['countyCommittee', 'sectorDepartment', 'cityOffice']);
    expect(v.items[0]).toMatchObject({
      label: '向县级党委报告',
      on: null,
      docTitle: null,
      fileId: null,
      fileName: null,
      checkedByCityOffice: false,
      state: 'overdue',
      colour: 'red',
    });
    expect(v.items[0].due > '2026-11-23' && v.items[0].due < '2026-12-15').toBe(true);
    expect(v.warnings).toHaveLength(3);
    expect(ok(await w.countyStaff.get(`/api/inspections/${w.inspAuthorized}/dual-report`))).toEqual(v);
    const unheard = await authorized({ feedbackDate: '2026-11-26' });
    expect(ok(await w.staff.get(`/api/inspections/${unheard}/dual-report`)).anchor).toBe('2026-11-26');
  });

  it('lets the county record, refuses bad input with 400 and writes nothing', async () => {
    const id = await authorized();
    const base = `/api/inspections/${id}/dual-report`;
    for (const b of [
      record({ on: '2026-12-16' }),
      record({ docTitle: 'x'.repeat(101) }),
      record({ fileId: uuidv7() }),
      record({ on: '2026/11/30' }),
      { on: '2026-11-30', docTitle: null },
      record({ extra: 1 }),
    ]) {
      const r = await w.countyStaff.put(`${base}/countyCommittee`, b);
      expect(r.statusCode, JSON.stringify(b)).toBe(400);
    }
    expect(await rowOf(id)).toBeUndefined();
    const res = await w.countyStaff.put(`${base}/countyCommittee`, record());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(1);
    expect(res.json().items[0]).toMatchObject({
      on: '2026-11-30',
      docTitle: '关于对南康区第一中学党组织开展授权巡察情况的报告',
      state: 'awaitingCheck',
      colour: 'done',
      late: false,
    });
    expect(res.json().warnings).toHaveLength(2);
    // A stale version answers 409 and changes nothing.
    expect((await w.countyStaff.put(`${base}/sectorDepartment`, record({ version: 0 }))).statusCode).toBe(409);
    expect((await rowOf(id))?.version).toBe(1);
    const audit = await w.t.database.db.select().from(auditLog).where(eq(auditLog.objectId, id));
    expect(audit.map((a) => a.action)).toEqual(['dualReport.record']);
  });

  it('of two saves at once, one answers 200 and the other 409', async () => {
    const id = await authorized();
    const base = `/api/inspections/${id}/dual-report`;
    ok(await w.countyStaff.put(`${base}/countyCommittee`, record()));
    const [a, b] = await Promise.all([
      w.countyStaff.put(`${base}/sectorDepartment`, record({ version: 1, on: '2026-12-01' })),
      w.staff.put(`${base}/cityOffice`, record({ version: 1, on: '2026-12-02' })),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await rowOf(id))?.version).toBe(2);
    // Two first writes at once: one creates the row, the other answers 409.
    const fresh = await authorized();
    const [c, d] = await Promise.all([
      w.countyStaff.put(`/api/inspections/${fresh}/dual-report/countyCommittee`, record()),
      w.staff.put(`/api/inspections/${fresh}/dual-report/sectorDepartment`, record()),
    ]);
    expect([c.statusCode, d.statusCode].sort()).toEqual([200, 409]);
  });

  it('keeps each record it was given and adds the next one beside it', async () => {
    const id = await authorized();
    const empty = ok(await w.staff.get(`/api/inspections/${id}/dual-report`));
    expect(empty.version).toBe(0);
    expect(empty.items.map((i: { on: string | null }) => i.on)).toEqual([null, null, null]);
    ok(await w.countyStaff.put(`/api/inspections/${id}/dual-report/countyCommittee`, record({ on: '2026-11-28' })));
    const v = ok(await w.staff.get(`/api/inspections/${id}/dual-report`));
    expect(v.version).toBe(1);
    expect(v.items[0]).toMatchObject({ on: '2026-11-28', state: 'awaitingCheck' });
    const after = ok(await w.countyStaff.put(`/api/inspections/${id}/dual-report/cityOffice`, record({ version: 1 })));
    expect(after.items.map((i: { on: string | null }) => i.on)).toEqual(['2026-11-28', null, '2026-11-30']);
    expect((await rowOf(id))?.version).toBe(2);
  });
});

describe('dual reports: the check by the office above', () => {
  it('lets the city check and refuses the county its own filing (403)', async () => {
    const id = await authorized();
    const base = `/api/inspections/${id}/dual-report`;
    ok(await w.countyStaff.put(`${base}/cityOffice`, record()));
    const denied = await w.countyStaff.post(`${base}/cityOffice/check`, { version: 1, checked: true });
    expect(denied.statusCode).toBe(403);
    expect((await rowOf(id))?.records.cityOffice?.checkedOn).toBeNull();
    // Nothing reported yet: nothing to check.
    expect((await w.staff.post(`${base}/sectorDepartment/check`, { version: 1, checked: true })).statusCode).toBe(409);
    const res = await w.staff.post(`${base}/cityOffice/check`, { version: 1, checked: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(2);
    expect(res.json().items[2]).toMatchObject({
      checkedByCityOffice: true,
      checkedOn: GOV_NOW.slice(0, 10),
      state: 'checked',
    });
    expect((await rowOf(id))?.records.cityOffice?.checkedByName).toBe('刘晓婷');
    expect((await w.staff.post(`${base}/cityOffice/check`, { version: 2, checked: true })).statusCode).toBe(409);
    expect((await w.staff.post(`${base}/cityOffice/check`, { version: 1, checked: false })).statusCode).toBe(409);
    // The city office without its counties is above the county all the same.
    const undo = ok(await cityOnlyStaff.post(`${base}/cityOffice/check`, { version: 2, checked: false }));
    expect(undo.items[2]).toMatchObject({ checkedByCityOffice: false, state: 'awaitingCheck' });
    ok(await w.staff.post(`${base}/cityOffice/check`, { version: 3, checked: true }));
    // The county changing what it filed takes the check back.
    const changed = ok(await w.countyStaff.put(`${base}/cityOffice`, record({ version: 4, on: '2026-12-01' })));
    expect(changed.items[2]).toMatchObject({ on: '2026-12-01', checkedByCityOffice: false, state: 'awaitingCheck' });
    const actions = (await w.t.database.db.select().from(auditLog).where(eq(auditLog.objectId, id))).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['dualReport.check', 'dualReport.uncheck']));
  });
});

describe('dual reports: files and documents', () => {
  it('stores the county’s file and names it in a record of the same inspection only', async () => {
    const id = await authorized();
    const other = await authorized();
    const up = await upload(w.countyStaff, id);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ name: '区委常委会报告.pdf', mime: 'application/pdf' });
    const foreign = ok(await upload(w.countyStaff, other));
    expect(
      (await w.countyStaff.put(`/api/inspections/${id}/dual-report/countyCommittee`, record({ fileId: foreign.id })))
        .statusCode,
    ).toBe(400);
    const v = ok(
      await w.countyStaff.put(`/api/inspections/${id}/dual-report/countyCommittee`, record({ fileId: up.json().id })),
    );
    expect(v.items[0]).toMatchObject({ fileId: up.json().id, fileName: '区委常委会报告.pdf' });
    // A later record that leaves the file out keeps it.
    const kept = ok(
      await w.countyStaff.put(
        `/api/inspections/${id}/dual-report/countyCommittee`,
        record({ version: 1, on: '2026-12-01' }),
      ),
    );
    expect(kept.items[0]).toMatchObject({ fileId: up.json().id, fileName: '区委常委会报告.pdf' });
    // The offices that see the inspection read the file; another county does not.
    const file = `/api/governance-files/${up.json().id}`;
    expect((await w.staff.get(file)).statusCode).toBe(200);
    expect((await w.countyStaff.get(file)).statusCode).toBe(200);
    expect((await otherCountyStaff.get(file)).statusCode).toBe(404);
    expect((await w.countyStaff.request('POST', `/api/inspections/${id}/dual-report/files`, {})).statusCode).toBe(400);
  });

  it('generates each document from the inspection report with its cover line', async () => {
    const id = await authorized();
    ok(
      await w.countyStaff.put(
        `/api/inspections/${id}/dual-report/sectorDepartment`,
        record({ docTitle: '授权巡察情况报告（报市教育局党组）' }),
      ),
    );
    const covers = {
      countyCommittee: '向县委报告',
      sectorDepartment: '向市级主管部门报告',
      cityOffice: '向市委巡察办报备',
    };
    for (const [kind, cover] of Object.entries(covers)) {
      const res = await w.countyStaff.get(`/api/inspections/${id}/dual-report/${kind}.docx`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      const xml = zipEntry(res.rawPayload, 'word/document.xml');
      expect(xml).toContain(cover);
      expect(xml).toContain('南康区第一中学');
      for (const other of Object.values(covers).filter((c) => c !== cover)) expect(xml).not.toContain(other);
    }
    const titled = await w.staff.get(`/api/inspections/${id}/dual-report/sectorDepartment.docx`);
    expect(zipEntry(titled.rawPayload, 'word/document.xml')).toContain('授权巡察情况报告（报市教育局党组）');
    const heard = await w.staff.get(`/api/inspections/${w.inspAuthorized}/dual-report/countyCommittee.docx`);
    expect(zipEntry(heard.rawPayload, 'word/document.xml')).toContain('2026年11月23日经书记专题会听取');
    const audit = await w.t.database.db.select().from(auditLog).where(eq(auditLog.action, 'dualReport.exportDocx'));
    expect(audit.length).toBeGreaterThanOrEqual(5);
  });
});

describe('dual reports: the checklist', () => {
  it('lists the authorized inspections of the caller’s authorities and filters by state', async () => {
    const otherOrg = await makeOrg(w.t, { authorityId: otherCounty, name: '信丰县税务局', kind: '垂直管理驻县单位' });
    const theirs = await authorized({ county: otherCounty, orgId: otherOrg });
    const complete = await authorized();
    const base = `/api/inspections/${complete}/dual-report`;
    let version = 0;
    for (const kind of ['countyCommittee', 'sectorDepartment', 'cityOffice']) {
      version = ok(await w.countyStaff.put(`${base}/${kind}`, record({ version }))).version;
      version = ok(await w.staff.post(`${base}/${kind}/check`, { version, checked: true })).version;
    }
    const all = ok(await w.staff.get('/api/dual-reports?limit=500'));
    const ids = all.items.map((x: { inspectionId: string }) => x.inspectionId);
    expect(ids).toEqual(expect.arrayContaining([w.inspAuthorized, theirs, complete]));
    expect(ids).not.toContain(w.inspSchool1);
    expect(all.total).toBe(ids.length);
    const mine = ok(await w.countyStaff.get('/api/dual-reports?limit=500'));
    expect(mine.items.map((x: { inspectionId: string }) => x.inspectionId)).not.toContain(theirs);
    expect(mine.total).toBe(all.total - 1);
    expect(
      ok(await otherCountyStaff.get('/api/dual-reports')).items.map((x: { inspectionId: string }) => x.inspectionId),
    ).toEqual([theirs]);
    const item = all.items.find((x: { inspectionId: string }) => x.inspectionId === theirs);
    expect(item).toMatchObject({
      authorityId: otherCounty,
      authorityName: '中共信丰县委巡察工作领导小组办公室',
      overdue: 3,
    });
    expect(item.inspectionName).toContain('信丰县税务局');
    const done = ok(await w.staff.get('/api/dual-reports?state=complete&limit=500'));
    expect(done.items.map((x: { inspectionId: string }) => x.inspectionId)).toEqual([complete]);
    const overdue = ok(await w.staff.get('/api/dual-reports?state=overdue&limit=500'));
    expect(overdue.items.every((x: { overdue: number }) => x.overdue > 0)).toBe(true);
    expect(overdue.items.map((x: { inspectionId: string }) => x.inspectionId)).toContain(theirs);
    const waiting = ok(await w.staff.get('/api/dual-reports?state=awaitingCheck&limit=500'));
    expect(waiting.items.every((x: { awaitingCheck: number }) => x.awaitingCheck > 0)).toBe(true);
    expect(ok(await w.staff.get(`/api/dual-reports?termId=${w.countyTermId}`)).total).toBe(0);
    const p1 = ok(await w.staff.get('/api/dual-reports?limit=2'));
    expect(p1.items).toHaveLength(2);
    const p2 = ok(await w.staff.get(`/api/dual-reports?limit=2&cursor=${p1.nextCursor}`));
    expect(p2.items[0].inspectionId).not.toBe(p1.items[1].inspectionId);
    expect((await w.staff.get('/api/dual-reports?state=late')).statusCode).toBe(400);
  });

  it('turns overdue the day after the limit (injected clock)', async () => {
    const id = await authorized({ feedbackDate: '2026-12-01' });
    const due = ok(await w.staff.get(`/api/inspections/${id}/dual-report`)).items[0].due as string;
    try {
      // Sessions time out when idle: each jump of the clock signs in afresh.
      w.t.clock.set(`${due}T18:00:00+08:00`);
      let city = await w.user([{ role: 'officeStaff', scopeId: w.city, includeChildren: true }]);
      const onDue = ok(await city.get(`/api/inspections/${id}/dual-report`));
      expect(onDue.items[0]).toMatchObject({ state: 'pending', colour: 'yellow' });
      expect(onDue.warnings).toEqual([]);
      const next = new Date(Date.parse(`${due}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      w.t.clock.set(`${next}T09:00:00+08:00`);
      city = await w.user([{ role: 'officeStaff', scopeId: w.city, includeChildren: true }]);
      const county = await w.user([{ role: 'officeStaff', scopeId: w.county }]);
      const late = ok(await city.get(`/api/inspections/${id}/dual-report`));
      expect(late.items[0]).toMatchObject({ state: 'overdue', colour: 'red' });
      expect(late.warnings[0]).toContain('已逾期1天');
      const listed = ok(await city.get('/api/dual-reports?state=overdue&limit=500'));
      expect(listed.items.map((x: { inspectionId: string }) => x.inspectionId)).toContain(id);
      // Reported late: done, but marked late.
      const rec = ok(await county.put(`/api/inspections/${id}/dual-report/countyCommittee`, record({ on: next })));
      expect(rec.items[0]).toMatchObject({ state: 'awaitingCheck', late: true });
    } finally {
      w.t.clock.set(GOV_NOW);
    }
  });

  it('refuses every write to an archived inspection with 409', async () => {
    const id = await authorized();
    ok(await w.countyStaff.put(`/api/inspections/${id}/dual-report/countyCommittee`, record()));
    await w.t.database.db.update(inspections).set({ stage: 'archived' }).where(eq(inspections.id, id));
    const base = `/api/inspections/${id}/dual-report`;
    expect((await w.countyStaff.put(`${base}/sectorDepartment`, record({ version: 1 }))).statusCode).toBe(409);
    expect((await w.staff.post(`${base}/countyCommittee/check`, { version: 1, checked: true })).statusCode).toBe(409);
    expect((await upload(w.countyStaff, id)).statusCode).toBe(409);
    expect((await rowOf(id))?.version).toBe(1);
    expect(await countWhere(w.t.database.db, dualReports, eq(dualReports.inspectionId, id))).toBe(1);
    // Reading stays open.
    expect((await w.staff.get(base)).statusCode).toBe(200);
    expect((await w.staff.get(`${base}/countyCommittee.docx`)).statusCode).toBe(200);
  });
});
