import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dualReports } from '../../db/schema/index.ts';
import { MIGRATIONS_DIR, rowsOf } from '../../platform/db.ts';
import { buildGovernanceWorld, type GovWorld, ok } from './governance.fixture.ts';

// Migration 0021: the 双报告一报备 dates planning kept on the inspection move into dual_reports, then
// the columns go. The database is put back as it was before (the three columns, dated rows, one
// inspection already recorded in dual_reports), the migration runs as written, and the checklist
// reads the moved dates through the application and takes the next write on top of them.

let w: GovWorld;
const ids = {
  full: '',
  partial: '',
  undated: '',
  ordinary: '',
  recorded: '',
  unassigned: '',
};

const run = (q: string) => w.t.database.db.execute(sql.raw(q));

/** A migration's statements, as drizzle runs them. */
async function migration(prefix: string) {
  const file = fs.readdirSync(MIGRATIONS_DIR).find((f) => f.startsWith(prefix)) as string;
  for (const stmt of fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8').split('--> statement-breakpoint'))
    if (stmt.trim()) await run(stmt);
}

async function dates(id: string, cc: string | null, sd: string | null, co: string | null) {
  await w.t.database.db.execute(sql`
    update inspections set county_committee_report_on = ${cc}::date, sector_department_report_on = ${sd}::date,
      city_office_filed_on = ${co}::date
    where id = ${id}`);
}

const rowOf = async (id: string) =>
  (await w.t.database.db.select().from(dualReports).where(eq(dualReports.inspectionId, id)))[0];

const RECORDED = {
  countyCommittee: {
    on: '2026-11-29',
    docTitle: '已在新清单登记的报告',
    fileId: null,
    checkedOn: '2026-12-01',
    checkedById: null,
    checkedByName: '刘晓婷',
  },
};

beforeAll(async () => {
  w = await buildGovernanceWorld();
  const authorized = (authorizedAuthorityId: string | null = w.county) =>
    w.inspection({ targetOrgIds: [w.countySchool], mode: 'authorized', authorizedAuthorityId, teamId: null });
  ids.full = await authorized();
  ids.partial = await authorized();
  ids.undated = await authorized();
  ids.recorded = await authorized();
  ids.unassigned = await authorized(null);
  ids.ordinary = await w.inspection({ targetOrgIds: [w.school1] });

  // ------------------------------------------------ back to the schema and rows of before
  await run(`alter table inspections add column county_committee_report_on date,
    add column sector_department_report_on date, add column city_office_filed_on date`);
  await dates(ids.full, '2026-11-26', '2026-11-27', '2026-12-02');
  await dates(ids.partial, '2026-11-28', null, null);
  await dates(ids.ordinary, '2026-11-28', null, null);
  await dates(ids.recorded, '2026-11-20', '2026-11-21', null);
  await dates(ids.unassigned, null, null, '2026-12-03');
  await w.t.database.db.insert(dualReports).values({
    inspectionId: ids.recorded,
    authorityId: w.county,
    records: RECORDED,
    updatedAt: new Date('2026-12-01T09:00:00+08:00'),
    version: 3,
  });

  // ------------------------------------------------ the upgrade, as written
  await migration('0021_');
});
afterAll(async () => w.t.close());

describe('migration 0021: dual reports get one owner', () => {
  it('moves each authorized inspection’s dates into a record of the county, at version 1', async () => {
    const full = await rowOf(ids.full);
    expect(full).toMatchObject({ authorityId: w.county, version: 1 });
    const empty = { docTitle: null, fileId: null, checkedOn: null, checkedById: null, checkedByName: null };
    expect(full?.records).toEqual({
      countyCommittee: { on: '2026-11-26', ...empty },
      sectorDepartment: { on: '2026-11-27', ...empty },
      cityOffice: { on: '2026-12-02', ...empty },
    });
    // Only the dates present become records.
    expect((await rowOf(ids.partial))?.records).toEqual({ countyCommittee: { on: '2026-11-28', ...empty } });
    // An authorized inspection with no county named stays with the authority that holds it.
    expect(await rowOf(ids.unassigned)).toMatchObject({
      authorityId: w.city,
      records: { cityOffice: { on: '2026-12-03', ...empty } },
    });
  });

  it('adds no row without a date or for another mode, and keeps a row already written', async () => {
    expect(await rowOf(ids.undated)).toBeUndefined();
    expect(await rowOf(ids.ordinary)).toBeUndefined();
    expect(await rowOf(ids.recorded)).toMatchObject({ version: 3, records: RECORDED });
  });

  it('drops the three columns from the inspection', async () => {
    const cols = rowsOf<{ c: string }>(
      await run(`select column_name as c from information_schema.columns where table_name = 'inspections'`),
    ).map((x) => x.c);
    expect(cols).toContain('feedback_date');
    for (const gone of ['county_committee_report_on', 'sector_department_report_on', 'city_office_filed_on'])
      expect(cols).not.toContain(gone);
  });

  it('the checklist reads the moved dates and the county writes on top of them', async () => {
    const base = `/api/inspections/${ids.full}/dual-report`;
    const v = ok(await w.staff.get(base));
    expect(v.version).toBe(1);
    expect(v.items.map((i: { on: string | null; state: string }) => [i.on, i.state])).toEqual([
      ['2026-11-26', 'awaitingCheck'],
      ['2026-11-27', 'awaitingCheck'],
      ['2026-12-02', 'awaitingCheck'],
    ]);
    const record = { on: '2026-12-04', docTitle: '关于授权巡察情况的报备' };
    // A client that still believes nothing was recorded is refused.
    expect((await w.countyStaff.put(`${base}/cityOffice`, { version: 0, ...record })).statusCode).toBe(409);
    const after = ok(await w.countyStaff.put(`${base}/cityOffice`, { version: 1, ...record }));
    expect(after.version).toBe(2);
    expect(after.items.map((i: { on: string | null }) => i.on)).toEqual(['2026-11-26', '2026-11-27', '2026-12-04']);
    const listed = ok(await w.staff.get('/api/dual-reports?limit=500')).items.find(
      (x: { inspectionId: string }) => x.inspectionId === ids.partial,
    );
    expect(listed.items[0]).toMatchObject({ kind: 'countyCommittee', on: '2026-11-28' });
  });
});
