import { randomInt } from 'node:crypto';
import { creditCodeCheckChar, ORG_IMPORT_COLUMNS } from '@xc/domain';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  makeAuthority,
  makeOrg,
  type Session,
  type TestContext,
} from '../../../test/helpers.ts';
import { auditLog, organizations } from '../../db/schema/index.ts';

let t: TestContext;
let city: string;
let county: string;
let otherCity: string;
let cityStaff: Session;
let countyStaff: Session;
let cityLeader: Session;
let teamMember: Session;
let sysAdmin: Session;

beforeAll(async () => {
  t = await buildTestApp();
  city = await makeAuthority(t, { name: '赣州市委巡察办' });
  county = await makeAuthority(t, { name: '南康区委巡察办', parentAuthorityId: city });
  otherCity = await makeAuthority(t, { name: '吉安市委巡察办' });
  cityStaff = await loginAs(t, { role: 'officeStaff', scopeId: city, includeChildren: true });
  countyStaff = await loginAs(t, { role: 'officeStaff', scopeId: county });
  cityLeader = await loginAs(t, { role: 'officeLeader', scopeId: city, includeChildren: true });
  teamMember = await loginAs(t, { role: 'teamMember', scopeId: city });
  sysAdmin = await loginAs(t, { role: 'sysAdmin' });
});
afterAll(async () => t.close());

function code(prefix17: string): string {
  return prefix17 + creditCodeCheckChar(prefix17);
}

/** A valid 统一社会信用代码 no other test uses (they are unique among active organizations). */
function freshCode(): string {
  return code(`1136070${String(randomInt(10 ** 9)).padStart(10, '0')}`);
}

/** 赣州市教育局 through the API, as an office would enter it: with a leader, history and an audit row. */
async function createBureau(creditCode = freshCode()) {
  return cityStaff.post('/api/orgs', {
    authorityId: city,
    name: '赣州市教育局',
    kind: '市直单位',
    sector: '教育',
    creditCode,
    establishedOn: '1983-06-01',
    leaders: [{ name: '王建国', position: '党组书记、局长', since: '2021-03-01' }],
  });
}

/** A county office of the city's own for one test, with its own staff: what the test counts is its alone. */
async function makeCounty(name = '测试区委巡察办') {
  const id = await makeAuthority(t, { name, parentAuthorityId: city });
  return { id, staff: await loginAs(t, { role: 'officeStaff', scopeId: id }) };
}

async function xlsx(rows: (string | null)[][], header: readonly string[] = ORG_IMPORT_COLUMNS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位');
  ws.addRow([...header]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(file: Buffer, filename = 'orgs.xlsx'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----xc-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, file, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(s: Session, authorityId: string, file: Buffer) {
  const m = multipart(file);
  return s.request('POST', `/api/orgs/import?authorityId=${authorityId}`, m.payload, m.headers);
}

async function count(authorityId: string): Promise<number> {
  const r = await t.database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(organizations)
    .where(eq(organizations.authorityId, authorityId));
  return Number(r[0]?.n);
}

describe('authorities', () => {
  it('401 without a session; a county office sees only itself; the city sees its counties', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/authorities' })).statusCode).toBe(401);
    const c = (await countyStaff.get('/api/authorities')).json();
    expect(c.items.map((a: { id: string }) => a.id)).toEqual([county]);
    const ids = (await cityStaff.get('/api/authorities')).json().items.map((a: { id: string }) => a.id);
    expect(ids).toEqual(expect.arrayContaining([city, county]));
    expect(ids).not.toContain(otherCity);
    expect((await countyStaff.get(`/api/authorities/${city}`)).statusCode).toBe(404);
  });

  it('only office leaders edit authorities; edits are version-checked', async () => {
    const edited = await makeAuthority(t, { name: '安远县委巡察办', parentAuthorityId: city });
    expect((await cityStaff.patch(`/api/authorities/${edited}`, { version: 1, shortName: '安远' })).statusCode).toBe(
      403,
    );
    expect(
      (await cityLeader.patch(`/api/authorities/${edited}`, { version: 1, shortName: 'x'.repeat(30) })).statusCode,
    ).toBe(400);
    const ok = await cityLeader.patch(`/api/authorities/${edited}`, { version: 1, shortName: '安远县委巡察办' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(2);
    expect((await cityLeader.patch(`/api/authorities/${edited}`, { version: 1, shortName: '安远' })).statusCode).toBe(
      409,
    );
    expect(
      (await cityLeader.patch(`/api/authorities/${otherCity}`, { version: 1, shortName: '吉安' })).statusCode,
    ).toBe(404);
  });

  it('counts each authority’s active organizations', async () => {
    const a = await makeAuthority(t, { name: '计数测试巡察办', parentAuthorityId: city });
    await makeOrg(t, { authorityId: a });
    await makeOrg(t, { authorityId: a });
    const item = (await cityStaff.get('/api/authorities')).json().items.find((x: { id: string }) => x.id === a);
    expect(item.orgCount).toBe(2);
  });

  it('creates a county authority under the city', async () => {
    const res = await cityLeader.post('/api/authorities', {
      name: '于都县委巡察办',
      shortName: '于都县委巡察办',
      level: 'county',
      parentAuthorityId: city,
      regionCode: '360731',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().parentAuthorityId).toBe(city);
    const dup = await cityLeader.post('/api/authorities', {
      name: '于都县委巡察办',
      shortName: '于都',
      level: 'county',
      parentAuthorityId: city,
    });
    expect(dup.statusCode).toBe(409);
  });
});

describe('organizations: create, read, scope', () => {
  it('401, then 403 for a role without org:write, then 400 on bad input (nothing written)', async () => {
    const body = { authorityId: city, name: '赣州市教育局', kind: '市直单位', sector: '教育' };
    expect((await t.app.inject({ method: 'POST', url: '/api/orgs', payload: body })).statusCode).toBe(401);
    expect((await teamMember.post('/api/orgs', body)).statusCode).toBe(403);
    expect((await sysAdmin.post('/api/orgs', body)).statusCode).toBe(403);
    const before = await count(city);
    for (const bad of [
      { ...body, kind: '不存在的类别' },
      { ...body, name: '' },
      { ...body, name: '坏\u202E名字' },
      { ...body, creditCode: '91360700MA35XXXXX1' },
      { ...body, extra: 'x' },
      { ...body, establishedOn: '2023-02-30' },
    ]) {
      const res = await cityStaff.post('/api/orgs', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await count(city)).toBe(before);
  });

  it('creates with leaders, records history and audit', async () => {
    const res = await createBureau(code('11360700MB1234567'));
    expect(res.statusCode).toBe(201);
    const o = res.json();
    const bureau = o.id;
    expect(o.leaders).toHaveLength(1);
    expect(o.history[0].kind).toBe('established');
    expect(o.version).toBe(1);
    const a = await t.database.db.select().from(auditLog).where(eq(auditLog.objectId, bureau));
    expect(a.map((x) => x.action)).toContain('org.create');
  });

  it('a duplicate credit code answers 409', async () => {
    const creditCode = freshCode();
    expect((await createBureau(creditCode)).statusCode).toBe(201);
    const res = await cityStaff.post('/api/orgs', {
      authorityId: city,
      name: '重复',
      kind: '市直单位',
      creditCode,
    });
    expect(res.statusCode).toBe(409);
  });

  it('search matches full-width and half-width forms', async () => {
    await makeOrg(t, { authorityId: city, name: '赣州市ABC科技有限公司', kind: '国有企业' });
    const full = (await cityStaff.get(`/api/orgs?q=${encodeURIComponent('ａｂｃ')}`)).json();
    expect(full.items.map((x: { name: string }) => x.name)).toContain('赣州市ABC科技有限公司');
    const half = (await cityStaff.get('/api/orgs?q=abc')).json();
    expect(half.total).toBe(full.total);
  });

  it('another authority’s organization answers 404 and never appears in lists', async () => {
    const foreign = await makeOrg(t, { authorityId: otherCity, name: '吉安市教育局' });
    expect((await cityStaff.get(`/api/orgs/${foreign}`)).statusCode).toBe(404);
    expect((await cityStaff.patch(`/api/orgs/${foreign}`, { version: 1, name: '改名' })).statusCode).toBe(404);
    const list = (await cityStaff.get('/api/orgs?q=吉安')).json();
    expect(list.total).toBe(0);
    const bureau = (await createBureau()).json().id;
    const countyOrg = await makeOrg(t, { authorityId: county, name: '南康区教育科技体育局', kind: '县直单位' });
    expect((await countyStaff.get(`/api/orgs/${bureau}`)).statusCode).toBe(404);
    expect((await countyStaff.get(`/api/orgs/${countyOrg}`)).statusCode).toBe(200);
    expect((await cityStaff.get(`/api/orgs/${countyOrg}`)).statusCode).toBe(200);
  });

  it('a target liaison sees only their own organization', async () => {
    const bureau = (await createBureau()).json().id;
    const liaison = await loginAs(t, { role: 'targetLiaison', scopeType: 'organization', scopeId: bureau });
    expect((await liaison.get(`/api/orgs/${bureau}`)).statusCode).toBe(200);
    const list = (await liaison.get('/api/orgs?status=all')).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([bureau]);
    expect((await liaison.patch(`/api/orgs/${bureau}`, { version: 1, name: 'x' })).statusCode).toBe(403);
  });

  it('lists with filters and keyset pagination', async () => {
    const schools = (await makeCounty('南康区委巡察办（分页）')).id;
    for (let i = 0; i < 7; i++)
      await makeOrg(t, { authorityId: schools, name: `南康区第${i}中学`, kind: '学校', sector: '教育' });
    await makeOrg(t, { authorityId: schools, name: '南康区财政局', kind: '县直单位' });
    const p1 = (
      await cityStaff.get(`/api/orgs?authorityId=${schools}&kind=${encodeURIComponent('学校')}&limit=3`)
    ).json();
    expect(p1.total).toBe(7);
    expect(p1.items).toHaveLength(3);
    const p2 = (
      await cityStaff.get(
        `/api/orgs?authorityId=${schools}&kind=${encodeURIComponent('学校')}&limit=3&cursor=${p1.nextCursor}`,
      )
    ).json();
    const p3 = (
      await cityStaff.get(
        `/api/orgs?authorityId=${schools}&kind=${encodeURIComponent('学校')}&limit=3&cursor=${p2.nextCursor}`,
      )
    ).json();
    const names = [...p1.items, ...p2.items, ...p3.items].map((x: { name: string }) => x.name);
    expect(new Set(names).size).toBe(7);
    expect(p3.nextCursor).toBeNull();
    expect((await cityStaff.get('/api/orgs?cursor=garbage')).statusCode).toBe(400);
    expect((await cityStaff.get('/api/orgs?limit=100000')).statusCode).toBe(400);
  });
});

describe('GET /api/orgs/lookup (names for the 三员’s pickers)', () => {
  it('401, 403 for the 安全审计员, names only for the 安全保密管理员', async () => {
    expect((await createBureau()).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'GET', url: '/api/orgs/lookup' })).statusCode).toBe(401);
    const aud = await loginAs(t, { role: 'auditAdmin' });
    expect((await aud.get('/api/orgs/lookup?q=x')).statusCode).toBe(403);
    const sec = await loginAs(t, { role: 'secAdmin' });
    const res = await sec.get(`/api/orgs/lookup?q=${encodeURIComponent('教育局')}`);
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((x: { name: string }) => x.name === '赣州市教育局');
    expect(Object.keys(item).sort()).toEqual(['authorityId', 'authorityName', 'id', 'kind', 'name', 'status']);
    expect((await sec.get('/api/orgs/lookup?limit=500')).statusCode).toBe(400);
    const county = (await countyStaff.get(`/api/orgs/lookup?q=${encodeURIComponent('赣州市教育局')}`)).json();
    expect(county.items).toEqual([]);
  });
});

describe('organizations: edit, tree, merge, abolish', () => {
  /** Two towns and a village of a county office of their own: each test edits, merges or abolishes them. */
  async function towns() {
    const { id, staff } = await makeCounty('南康区委巡察办（区划）');
    const town = await makeOrg(t, { authorityId: id, name: '唐江镇', kind: '乡镇(街道)', establishedOn: '1990-01-01' });
    const otherTown = await makeOrg(t, { authorityId: id, name: '凤岗镇', kind: '乡镇(街道)' });
    const village = await makeOrg(t, { authorityId: id, name: '卢屋村', kind: '村(社区)', parentId: town });
    return { county: id, countyStaff: staff, town, otherTown, village };
  }

  it('two editors with the same version: one 200, one 409 with the current record', async () => {
    const { countyStaff, otherTown } = await towns();
    const [a, b] = await Promise.all([
      countyStaff.patch(`/api/orgs/${otherTown}`, { version: 1, name: '凤岗镇人民政府' }),
      cityStaff.patch(`/api/orgs/${otherTown}`, { version: 1, sector: '乡镇街道' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().code).toBe('VERSION_CONFLICT');
    expect(loser.json().details.current.version).toBe(2);
  });

  it('the tree loads level by level', async () => {
    const { county, countyStaff, town, village } = await towns();
    const roots = (await countyStaff.get(`/api/orgs/tree?authorityId=${county}`)).json().items;
    const t1 = roots.find((r: { id: string }) => r.id === town);
    expect(t1.childCount).toBe(1);
    const kids = (await countyStaff.get(`/api/orgs/tree?authorityId=${county}&parentId=${town}`)).json().items;
    expect(kids.map((k: { id: string }) => k.id)).toEqual([village]);
    const detail = (await countyStaff.get(`/api/orgs/${village}`)).json();
    expect(detail.path.map((p: { name: string }) => p.name)).toEqual(['唐江镇']);
  });

  it('refuses a parent change that would make a cycle', async () => {
    const { countyStaff, town, village } = await towns();
    const res = await countyStaff.patch(`/api/orgs/${town}`, { version: 1, parentId: village });
    expect(res.statusCode).toBe(400);
  });

  it('abolish is refused while sub-units exist, and dates before establishment are refused', async () => {
    const { countyStaff, town, otherTown } = await towns();
    const res = await countyStaff.post(`/api/orgs/${town}/abolish`, { version: 1, date: '2020-01-01', reason: '撤并' });
    expect(res.statusCode).toBe(409);
    const early = await countyStaff.post(`/api/orgs/${town}/merge`, {
      version: 1,
      intoId: otherTown,
      date: '1980-01-01',
    });
    expect(early.statusCode).toBe(400);
  });

  it('merge moves sub-units to the receiving unit and records both sides', async () => {
    const { county, countyStaff, town, otherTown, village } = await towns();
    const cur = (await countyStaff.get(`/api/orgs/${otherTown}`)).json();
    const res = await countyStaff.post(`/api/orgs/${town}/merge`, {
      version: 1,
      intoId: otherTown,
      date: '2020-06-30',
      reason: '乡镇区划调整',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('merged');
    expect(res.json().mergedIntoId).toBe(otherTown);
    const v = (await countyStaff.get(`/api/orgs/${village}`)).json();
    expect(v.parentId).toBe(otherTown);
    expect(v.history[0].kind).toBe('moved');
    const into = (await countyStaff.get(`/api/orgs/${otherTown}`)).json();
    expect(into.history.map((h: { kind: string }) => h.kind)).toContain('mergedFrom');
    expect(cur.status).toBe('active');
    const again = await countyStaff.post(`/api/orgs/${town}/merge`, {
      version: 2,
      intoId: otherTown,
      date: '2020-06-30',
    });
    expect(again.statusCode).toBe(409);
    const active = (await countyStaff.get(`/api/orgs?authorityId=${county}&q=${encodeURIComponent('唐江')}`)).json();
    expect(active.total).toBe(0);
    const all = (
      await countyStaff.get(`/api/orgs?authorityId=${county}&q=${encodeURIComponent('唐江')}&status=all`)
    ).json();
    expect(all.total).toBe(1);
  });

  it('abolish a leaf unit', async () => {
    const { countyStaff, village } = await towns();
    const res = await countyStaff.post(`/api/orgs/${village}/abolish`, {
      version: 1,
      date: '2021-01-01',
      reason: '村组合并',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('abolished');
    expect(res.json().abolishedOn).toBe('2021-01-01');
  });
});

describe('import and export', () => {
  it('downloads a template that parses back with the right header', async () => {
    const res = await cityStaff.get('/api/orgs/import-template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(((wb.worksheets[0] as ExcelJS.Worksheet).getRow(1).values as string[]).slice(1)).toEqual([
      ...ORG_IMPORT_COLUMNS,
    ]);
  });

  it('a file with bad rows writes nothing and lists every bad row', async () => {
    const target = await makeAuthority(t, { name: '信丰县委巡察办', parentAuthorityId: city });
    const before = await count(target);
    const file = await xlsx([
      ['信丰县教育局', '县直单位', '教育', '', '', '1985-01-01'],
      ['', '县直单位', '', '', '', ''],
      ['信丰县某局', '不存在', '', '', '', ''],
      ['嘉定镇', '乡镇(街道)', '乡镇街道', '', '91360722MA3ABCDEF1', ''],
      ['某村', '村(社区)', '', '不存在的镇', '', ''],
      ['信丰县教育局', '县直单位', '教育', '', '', '2030-01-01'],
    ]);
    const res = await upload(cityStaff, target, file);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('IMPORT_INVALID');
    const rows = [...new Set(body.details.errors.map((e: { row: number }) => e.row))];
    expect(rows).toEqual([3, 4, 5, 6, 7]);
    for (const e of body.details.errors) expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await count(target)).toBe(before);
  });

  it('imports a good file in one go, parents from the same file first', async () => {
    const target = await makeAuthority(t, { name: '大余县委巡察办', parentAuthorityId: city });
    const file = await xlsx([
      ['樟斗村', '村(社区)', '村社区', '南安镇', '', ''],
      ['南安镇', '乡镇(街道)', '乡镇街道', '', code('11360723MB0000001'), '1950-05-01'],
      ['大余县财政局', '县直单位', '财政金融', '', '', ''],
    ]);
    const res = await upload(cityStaff, target, file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 3, authorityId: target });
    const village = (await cityStaff.get(`/api/orgs?authorityId=${target}&q=${encodeURIComponent('樟斗')}`)).json()
      .items[0];
    expect(village.parentName).toBe('南安镇');
    const a = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'org.import'), eq(auditLog.objectId, target)));
    expect(a.map((x) => x.detail)).toEqual([{ rows: 3 }]);
  });

  it('a non-xlsx file and a zip bomb answer 422 quickly', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const r1 = await upload(cityStaff, city, html);
    expect(r1.statusCode).toBe(422);
    // A zip whose central directory claims one entry of 4 GiB uncompressed from a few bytes.
    const bomb = zipClaiming(0xfffffff0);
    // Refused from the claimed size before anything is inflated (no timing here: tests do not time).
    const r2 = await upload(cityStaff, city, bomb);
    expect(r2.statusCode).toBe(422);
    expect(r2.json().message).toContain('过大');
  });

  it('the import needs org:import and the authority in scope', async () => {
    const file = await xlsx([['某单位', '市直单位', '', '', '', '']]);
    expect((await upload(teamMember, city, file)).statusCode).toBe(403);
    expect((await upload(countyStaff, city, file)).statusCode).toBe(404);
  });

  it('exports exactly the filtered view, stamped, and audits the serial', async () => {
    const schools = (await makeCounty('南康区委巡察办（导出）')).id;
    for (let i = 0; i < 3; i++) await makeOrg(t, { authorityId: schools, name: `南康区第${i}小学`, kind: '学校' });
    await makeOrg(t, { authorityId: schools, name: '南康区水利局', kind: '县直单位' });
    await cityStaff.reauth();
    const res = await cityStaff.get(`/api/orgs/export?authorityId=${schools}&kind=${encodeURIComponent('学校')}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(String(ws.getRow(2).getCell(1).value)).toContain('流水号');
    const dataRows = ws.rowCount - 3;
    const list = (await cityStaff.get(`/api/orgs?authorityId=${schools}&kind=${encodeURIComponent('学校')}`)).json();
    expect(list.total).toBe(3);
    expect(dataRows).toBe(list.total);
    expect(wb.subject).toMatch(/^DC\d{8}-/);
    const a = await t.database.db.select().from(auditLog).where(eq(auditLog.objectId, wb.subject));
    expect(a[0]?.action).toBe('org.export');
  });

  it('neutralizes formula injection in exports', async () => {
    await makeOrg(t, { authorityId: county, name: '=HYPERLINK("http://x","点我")', kind: '学校' });
    await countyStaff.reauth();
    const res = await countyStaff.get(`/api/orgs/export?authorityId=${county}&q=HYPERLINK`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const v = wb.worksheets[0]?.getRow(4).getCell(1).value;
    expect(String(v).startsWith("'=")).toBe(true);
  });
});

/** A minimal zip: one stored entry whose central-directory record claims `size` bytes uncompressed. */
function zipClaiming(size: number): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const data = Buffer.from('x');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(1, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, eocd]);
}
