import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { idCheckChar } from '@xc/domain';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSecondInstance, onPostgres, type Session } from '../../../test/helpers.ts';
import {
  auditLinkDatasets,
  auditLinkHits,
  auditLinkInvalidRows,
  auditLinkRuns,
  auditLog,
  inspections,
  inspectors,
  teamMembers,
} from '../../db/schema/index.ts';
import type { AppDeps } from '../../platform/context.ts';
import { rowsOf } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { buildOffice, type Office, ok, type Site } from '../fieldwork/fieldwork.fixture.ts';
import { closeRuntime, runtimeOf } from './auditlink.runtime.ts';

// 巡审贯通 through the API: uploads streamed into the engine, runs queued and polled, hits worked
// into drafts of the fieldwork module, and the scope rule (another office, the inspected
// organization, another team: 404). The engine's own rules and formats are tested in engine/.

/** A valid 身份证号 from a 17-digit body. */
const id = (body: string) => body + idCheckChar(body);
const A = id('36070219500101001');
const B = id('36070219600202002');
const C = id('36070219700303003');
const D = id('36070219800404004');
const MARKER = '测试标记庚辛壬癸';

const csv = (rows: (string | number)[][]) => `${rows.map((r) => r.join(',')).join('\n')}\n`;
const PAY_HEADER = ['身份证号', '姓名', '发放金额', '发放日期', '补贴项目', '发放月份'];
const PAYMENTS = csv([
  PAY_HEADER,
  // A died 2024-03-20: April and May are hits, March (the month of death) is not.
  [A, MARKER, '500.00', '2024-03-25', '城乡低保', '202403'],
  [A, MARKER, '500.00', '2024-04-05', '城乡低保', '202404'],
  [A, MARKER, '500.50', '2024-05-05', '城乡低保', '202405'],
  // B died 2024-03-31 and was paid that very day: not a hit with the default grace.
  [B, '李四', '300', '2024-03-31', '特困供养', '202404'],
  // C died 2024-04-01, paid in May (no period: the payDate's month).
  [C, '王五', '300', '2024-05-20', '特困供养', ''],
  // D is alive; a broken number is reported, not dropped.
  [D, '赵六', '300', '2024-05-20', '特困供养', '202405'],
  ['36070219800404005X', '钱七', '300', '2024-05-20', '特困供养', '202405'],
]);
const DEATHS = csv([
  ['公民身份号码', '姓名', '死亡日期'],
  [A.toLowerCase(), MARKER, '2024-03-20'],
  [`${B.slice(0, 6)} ${B.slice(6)}`, '李四', '2024/3/31'],
  [C, '王五', '20240401'],
]);
const payments = (datasetId: string) => ({
  datasetId,
  columns: {
    idNo: '身份证号',
    name: '姓名',
    amount: '发放金额',
    payDate: '发放日期',
    project: '补贴项目',
    period: '发放月份',
  },
});
const deaths = (datasetId: string) => ({ datasetId, columns: { idNo: '公民身份号码', deathDate: '死亡日期' } });

let o: Office;
let s: Site;
let other: Site;

beforeAll(async () => {
  o = await buildOffice({ inspectors, teamMembers });
  [s, other] = [await o.site(), await o.site({ teamName: '第八巡察组' })];
});
afterAll(async () => {
  const dir = o?.t.config.dataDir;
  await o?.t.close();
  if (dir) fs.rmSync(path.join(dir, 'auditlink'), { recursive: true, force: true });
});

/** A multipart body as a browser's FormData sends it: the fields in order, then the file. */
function multipart(fields: [string, string][], file?: { field?: string; name: string; data: Buffer | string }) {
  const boundary = `----xc${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of fields)
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data),
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

function upload(who: Session, inspectionId: string, name: string, data: Buffer | string) {
  const m = multipart([['inspectionId', inspectionId]], { name, data });
  return who.request('POST', '/api/audit-link/datasets', m.body, { 'content-type': m.type });
}

async function uploaded(who: Session, inspectionId: string, name: string, data: Buffer | string) {
  const r = await upload(who, inspectionId, name, data);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; rows: number; columns: string[] };
}

/** Polls a run until it has ended. */
async function finished(who: Session, runId: string) {
  for (;;) {
    const r = ok(await who.get(`/api/audit-link/runs/${runId}`));
    if (!['queued', 'running'].includes(r.status)) return r;
    await new Promise((res) => setTimeout(res, 20));
  }
}

async function deceasedRun(site: Site) {
  const pay = await uploaded(site.member, site.inspectionId, '2024年低保发放.csv', PAYMENTS);
  const dth = await uploaded(site.member, site.inspectionId, '死亡人员.csv', DEATHS);
  const created = ok(
    await site.member.post('/api/audit-link/runs', {
      inspectionId: site.inspectionId,
      rule: 'deceasedRecipients',
      inputs: { payments: payments(pay.id), deaths: deaths(dth.id) },
      params: {},
    }),
  );
  return { pay, dth, runId: created.id as string, run: await finished(site.member, created.id) };
}

describe('uploads', () => {
  it('takes CSV in UTF-8, UTF-8 with BOM and GB18030, and XLSX, answering the contract', async () => {
    const plain = await uploaded(s.member, s.inspectionId, '发放.csv', PAYMENTS);
    expect(plain).toEqual({ id: expect.any(String), rows: 7, columns: PAY_HEADER });
    const bom = await uploaded(
      s.member,
      s.inspectionId,
      'bom.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DEATHS)]),
    );
    const gb = await uploaded(s.member, s.inspectionId, 'gb.csv', iconv.encode(DEATHS, 'gb18030'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('死亡');
    ws.addRow(['2024年死亡人员名单']);
    for (const line of DEATHS.trim().split('\n')) ws.addRow(line.split(','));
    const xlsx = await uploaded(s.member, s.inspectionId, '死亡.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect([bom.rows, gb.rows, xlsx.rows]).toEqual([3, 3, 3]);

    const list = ok(await s.leader.get(`/api/audit-link/datasets?inspectionId=${s.inspectionId}`));
    const byId = new Map(list.items.map((d: { id: string }) => [d.id, d]));
    expect(byId.get(gb.id)).toMatchObject({ encoding: 'gb18030', status: 'ready', uploadedByName: s.member.name });
    expect(byId.get(bom.id)).toMatchObject({ encoding: 'utf8bom' });
    expect(byId.get(xlsx.id)).toMatchObject({ format: 'xlsx', headerRow: 2 });
    expect(byId.get(plain.id)).toMatchObject({ format: 'csv', rows: 7, invalidIdRows: 1, stalled: false });

    const detail = ok(await s.member.get(`/api/audit-link/datasets/${plain.id}`));
    expect(detail.preview[0]).toMatchObject({ 身份证号: A, 姓名: MARKER });
    expect(detail.columns.find((c: { name: string }) => c.name === '发放日期')).toEqual({
      name: '发放日期',
      type: 'date',
      logical: 'payDate',
    });
    expect(detail.suggestedMappings.payments).toEqual(payments('x').columns);
    expect(detail.idProblems[0]).toMatchObject({ column: '身份证号', rows: 1, examples: [{ row: 8 }] });
    const reads = await o.t.database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'auditlink.dataset.read' and ${auditLog.objectId} = ${plain.id}`);
    expect(reads).toHaveLength(1);
  });

  it('refuses a malformed CSV with its line, and anything but multipart inspectionId then file, writing nothing', async () => {
    const before = await o.t.database.db.select().from(auditLinkDatasets);
    const bad = await upload(s.member, s.inspectionId, 'bad.csv', csv([PAY_HEADER, [A, '张三', '1', '2024-03-05']]));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      message: '第 2 行有 4 列，与表头的 6 列不一致（可能多了或少了逗号）',
      details: { line: 2 },
    });
    const quote = await upload(
      s.member,
      s.inspectionId,
      'q.csv',
      `${PAY_HEADER.join(',')}\n${A},"张三,1,2024-03-05,低保,202403\n`,
    );
    expect(quote.statusCode).toBe(400);
    expect(quote.json().message).toMatch(/^第 2 行.*引号没有闭合/);
    const fileFirst = multipart([], { name: 'a.csv', data: PAYMENTS });
    const noInspection = await s.member.request('POST', '/api/audit-link/datasets', fileFirst.body, {
      'content-type': fileFirst.type,
    });
    expect(noInspection.statusCode).toBe(400);
    expect(noInspection.json().message).toMatch(/inspectionId/);
    const noFile = multipart([['inspectionId', s.inspectionId]]);
    expect(
      (await s.member.request('POST', '/api/audit-link/datasets', noFile.body, { 'content-type': noFile.type }))
        .statusCode,
    ).toBe(400);
    const badId = multipart([['inspectionId', 'nope']], { name: 'a.csv', data: PAYMENTS });
    expect(
      (await s.member.request('POST', '/api/audit-link/datasets', badId.body, { 'content-type': badId.type })).json()
        .message,
    ).toBe('巡察编号格式不正确');
    expect((await s.member.post('/api/audit-link/datasets', { inspectionId: s.inspectionId })).statusCode).toBe(400);
    expect(await o.t.database.db.select().from(auditLinkDatasets)).toHaveLength(before.length);
  });

  it('keeps the file sealed: no plaintext in the data folder, and the preview sealed in the database', async () => {
    const d = await uploaded(s.member, s.inspectionId, 'sealed.csv', PAYMENTS);
    const file = path.join(o.t.config.dataDir, 'auditlink', `${d.id}.parquet.enc`);
    const raw = fs.readFileSync(file);
    expect(raw.includes(Buffer.from(MARKER))).toBe(false);
    expect(raw.includes(Buffer.from(A))).toBe(false);
    expect(raw.includes(Buffer.from('PAR1'))).toBe(false);
    const dump = JSON.stringify(
      rowsOf(await o.t.database.db.execute(sql`select * from audit_link_datasets where id = ${d.id}`)),
    );
    expect(dump).not.toContain(MARKER);
    expect(dump).not.toContain(A);
  });

  it('deletes a dataset by hand, re-authenticated and audited, and not while a run waits for it', async () => {
    const d = await uploaded(s.member, s.inspectionId, 'gone.csv', PAYMENTS);
    const url = `/api/audit-link/datasets/${d.id}`;
    expect((await s.member.del(url)).statusCode).toBe(401);
    await s.member.reauth();
    await o.t.database.db.insert(auditLinkRuns).values({
      id: '01936c3e-7b6a-7c3d-9f00-0000000000aa',
      authorityId: o.city,
      inspectionId: s.inspectionId,
      rule: 'duplicatePayments',
      templateVersion: 1,
      inputs: { payments: [{ datasetId: d.id, fileName: 'gone.csv', checksum: '', columns: {} }] },
      params: {},
      status: 'queued',
      sql: '',
      inputChecksums: {},
      createdById: s.member.userId,
      createdByName: s.member.name,
      createdAt: o.t.clock.now(),
      heartbeatAt: o.t.clock.now(),
    });
    const busy = await s.member.del(url);
    expect(busy.statusCode).toBe(409);
    await o.t.database.db
      .update(auditLinkRuns)
      .set({ status: 'cancelled' })
      .where(eq(auditLinkRuns.id, '01936c3e-7b6a-7c3d-9f00-0000000000aa'));
    expect((await s.member.del(url)).statusCode).toBe(204);
    expect(fs.existsSync(path.join(o.t.config.dataDir, 'auditlink', `${d.id}.parquet.enc`))).toBe(false);
    expect((await s.member.get(url)).statusCode).toBe(404);
    const audit = await o.t.database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'auditlink.dataset.delete' and ${auditLog.objectId} = ${d.id}`);
    expect(audit).toHaveLength(1);
  });
});

describe('scope', () => {
  it('answers 401 to no session and 404 to another office, the inspected organization, another team and case handlers', async () => {
    const d = await uploaded(s.member, s.inspectionId, 'scope.csv', PAYMENTS);
    const { runId } = await deceasedRun(s);
    const hit = ok(await s.member.get(`/api/audit-link/runs/${runId}/hits`)).items[0].id as string;
    const gets = [
      `/api/audit-link/datasets?inspectionId=${s.inspectionId}`,
      `/api/audit-link/datasets/${d.id}`,
      `/api/audit-link/runs?inspectionId=${s.inspectionId}`,
      `/api/audit-link/runs/${runId}`,
      `/api/audit-link/runs/${runId}/hits`,
      `/api/audit-link/runs/${runId}/invalid-rows`,
      `/api/audit-link/hits/${hit}`,
    ];
    const posts: [string, unknown][] = [
      [
        '/api/audit-link/runs',
        { inspectionId: s.inspectionId, rule: 'duplicatePayments', inputs: { payments: payments(d.id) }, params: {} },
      ],
      [`/api/audit-link/runs/${runId}/cancel`, {}],
      ['/api/audit-link/hits/dismiss', { hitIds: [hit], reason: '核实无误' }],
      ['/api/audit-link/hits/working-paper', { hitIds: [hit] }],
    ];
    for (const url of [...gets, '/api/audit-link/rules'])
      expect((await o.t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    for (const who of [o.countyStaff, o.liaison, o.caseHandler, s.outsider, other.member]) {
      for (const url of gets) expect((await who.get(url)).statusCode, url).toBe(404);
      for (const [url, body] of posts) expect((await who.post(url, body)).statusCode, url).toBe(404);
      expect((await upload(who, s.inspectionId, 'x.csv', PAYMENTS)).statusCode).toBe(404);
    }
    // The office sees every inspection of its authority; a 领导小组 reader has no 巡审贯通 at all.
    expect((await o.staff.get(`/api/audit-link/runs/${runId}`)).statusCode).toBe(200);
    expect((await o.leaderRole.get(`/api/audit-link/runs/${runId}`)).statusCode).toBe(404);
    // Nothing of the other team's was touched.
    expect(ok(await s.member.get(`/api/audit-link/hits/${hit}`)).status).toBe('open');
  });

  it('refuses writes on an archived inspection (409), and the archive takes the datasets with it', async () => {
    const site = await o.site({ teamName: '第六巡察组' });
    const d = await uploaded(site.member, site.inspectionId, 'arch.csv', PAYMENTS);
    await o.t.database.db.update(inspections).set({ stage: 'archived' }).where(eq(inspections.id, site.inspectionId));
    expect((await upload(site.member, site.inspectionId, 'late.csv', PAYMENTS)).statusCode).toBe(409);
    const run = await site.member.post('/api/audit-link/runs', {
      inspectionId: site.inspectionId,
      rule: 'duplicatePayments',
      inputs: { payments: payments(d.id) },
      params: {},
    });
    expect(run.statusCode).toBe(409);
    await runtimeOf(o.t.app.deps).sweep();
    expect(fs.existsSync(path.join(o.t.config.dataDir, 'auditlink', `${d.id}.parquet.enc`))).toBe(false);
    expect(ok(await site.member.get(`/api/audit-link/datasets?inspectionId=${site.inspectionId}`)).total).toBe(0);
  });
});

describe('rules and runs', () => {
  it('lists the rule gallery with the roles, parameters with defaults, and the SQL of each rule', async () => {
    const r = ok(await s.member.get('/api/audit-link/rules'));
    expect(r.items.map((x: { id: string }) => x.id)).toEqual([
      'deceasedRecipients',
      'publicServantRecipients',
      'vehicleOwnerRecipients',
      'duplicatePayments',
      'consumablesBilledNotIssued',
      'invoiceScreens',
    ]);
    const roles = new Set(r.items.flatMap((x: { inputs: object }) => Object.keys(x.inputs)));
    expect([...roles].sort()).toEqual(['charges', 'deaths', 'invoices', 'issues', 'payments', 'payroll', 'vehicles']);
    const dec = r.items[0];
    expect(dec.inputs).toEqual({
      payments: ['idNo', 'name', 'amount', 'payDate', 'project'],
      deaths: ['idNo', 'deathDate'],
    });
    expect(dec.params.graceDays).toMatchObject({ type: 'integer', default: 0 });
    expect(dec.previewSql).toMatch(/payDate > deathDate \+ 0/);
    expect(dec.previewSql).toMatch(/idNo ← “身份证号”/);
  });

  it('runs deceasedRecipients: queued, polled to done, hits with the normalized idNo and evidence, invalid rows kept', async () => {
    const { pay, dth, runId, run } = await deceasedRun(s);
    expect(run).toMatchObject({
      status: 'done',
      progress: 1,
      hits: 2,
      invalidRows: 1,
      rule: 'deceasedRecipients',
      templateVersion: 1,
      hitCounts: { open: 2, dismissed: 0, paper: 0, clue: 0 },
    });
    expect(Object.keys(run.inputChecksums).sort()).toEqual([pay.id, dth.id].sort());
    expect(run.inputs.payments[0]).toMatchObject({ datasetId: pay.id, fileName: '2024年低保发放.csv' });
    expect(run.sql).toMatch(/宽限天数/);

    const page1 = ok(await s.member.get(`/api/audit-link/runs/${runId}/hits?limit=1`));
    expect(page1).toMatchObject({ total: 2, nextCursor: expect.any(String) });
    expect(page1.items[0].keys).toEqual({ idNo: A });
    expect(page1.items[0].evidence.payments.map((e: { row: number }) => e.row)).toEqual([3, 4]);
    expect(page1.items[0].evidence.deaths[0]).toMatchObject({ datasetId: dth.id, row: 2 });
    expect(page1.items[0].measures).toMatchObject({ count: 2, amountCents: 100050 });
    const page2 = ok(await s.member.get(`/api/audit-link/runs/${runId}/hits?limit=1&cursor=${page1.nextCursor}`));
    expect(page2.items.map((h: { keys: { idNo: string } }) => h.keys.idNo)).toEqual([C]);
    expect(page2.nextCursor).toBeNull();
    // A 身份证号 typed with a lower-case x, spaces or full-width digits finds its hit.
    const typed = `${C.slice(0, 6)} ${C.slice(6).replace(/\d/g, (x) => String.fromCharCode(0xff10 + Number(x)))}`;
    const found = ok(await s.member.get(`/api/audit-link/runs/${runId}/hits?q=${encodeURIComponent(typed)}`));
    expect(found.items.map((h: { keys: { idNo: string } }) => h.keys.idNo)).toEqual([C]);
    expect((await s.member.get(`/api/audit-link/runs/${runId}/hits?cursor=zzz`)).statusCode).toBe(400);

    const invalid = ok(await s.member.get(`/api/audit-link/runs/${runId}/invalid-rows`));
    expect(invalid.items).toEqual([
      expect.objectContaining({
        role: 'payments',
        fileName: '2024年低保发放.csv',
        row: 8,
        value: '36070219800404005X',
        reason: expect.stringMatching(/校验位/),
      }),
    ]);
    const runs = ok(await s.leader.get(`/api/audit-link/runs?inspectionId=${s.inspectionId}`));
    expect(runs.items.map((x: { id: string }) => x.id)).toContain(runId);
  });

  it('keeps the hits sealed: a raw dump of the tables holds no 身份证号 or name', async () => {
    const { runId } = await deceasedRun(s);
    const dump = JSON.stringify([
      ...(await o.t.database.db.select().from(auditLinkHits).where(eq(auditLinkHits.runId, runId))),
      ...(await o.t.database.db.select().from(auditLinkInvalidRows).where(eq(auditLinkInvalidRows.runId, runId))),
    ]);
    for (const plain of [A, C, MARKER, '36070219800404005X']) expect(dump).not.toContain(plain);
  });

  it('finds duplicates across two files, and refuses runs that do not fit their datasets (400) before queueing', async () => {
    const a = await uploaded(
      s.member,
      s.inspectionId,
      'a.csv',
      csv([PAY_HEADER, [A, '张三', '500', '2024-03-05', '城乡低保', '202403']]),
    );
    const b = await uploaded(
      s.member,
      s.inspectionId,
      'b.csv',
      csv([PAY_HEADER, [A, '张三', '500', '2024-03-20', '城乡 低保', '2024-03']]),
    );
    const created = ok(
      await s.member.post('/api/audit-link/runs', {
        inspectionId: s.inspectionId,
        rule: 'duplicatePayments',
        inputs: { payments: [payments(a.id), payments(b.id)] },
        params: {},
      }),
    );
    expect(created.status).toBe('queued');
    await finished(s.member, created.id);
    const hits = ok(await s.member.get(`/api/audit-link/runs/${created.id}/hits`));
    expect(hits.items.map((h: { keys: object }) => h.keys)).toEqual([
      { idNo: A, project: '城乡低保', period: '2024-03' },
    ]);

    const runs = await o.t.database.db.select().from(auditLinkRuns);
    const post = (body: object) => s.member.post('/api/audit-link/runs', body);
    const base = { inspectionId: s.inspectionId, rule: 'duplicatePayments', params: {} };
    const refused: [object, RegExp][] = [
      [{ ...base, rule: 'nope', inputs: { payments: payments(a.id) } }, /比对规则不存在/],
      [{ ...base, inputs: {} }, /请选择“资金发放表”的数据表/],
      [
        { ...base, inputs: { payments: { ...payments(a.id), columns: { idNo: '身份证号' } } } },
        /请为“资金发放表”指定“姓名”/,
      ],
      [
        {
          ...base,
          inputs: { payments: { ...payments(a.id), columns: { ...payments(a.id).columns, name: '无此列' } } },
        },
        /没有“无此列”列/,
      ],
      [{ ...base, inputs: { payments: payments(other.inspectionId) } }, /不存在、未读取完成或不属于本次巡察/],
      [{ ...base, inputs: { payments: payments(a.id) }, params: { sameAmountOnly: 'yes' } }, /是或否/],
      [{ ...base, inputs: { payments: payments(a.id) }, extra: 1 }, /.+/],
    ];
    for (const [body, msg] of refused) {
      const r = await post(body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().message).toMatch(msg);
    }
    expect(await o.t.database.db.select().from(auditLinkRuns)).toHaveLength(runs.length);
    const preview = ok(
      await s.member.post('/api/audit-link/runs/preview', { ...base, inputs: { payments: payments(a.id) } }),
    );
    expect(preview.sql).toMatch(/idNo ← “身份证号”/);
  });

  it('cancels a run while DuckDB works: it ends cancelled; a finished run cannot be cancelled (409)', async () => {
    // One person with 30,000 payments and 30,000 vehicles: 900 million pairs to count.
    const pay = [PAY_HEADER.join(',')];
    const cars = ['身份证号,号牌号码,初次登记日期'];
    for (let i = 0; i < 30_000; i++) {
      pay.push(`${A},张三,1,2024-03-05,城乡低保,202403`);
      cars.push(`${A},赣B${String(i).padStart(5, '0')},2020-01-01`);
    }
    const p = await uploaded(s.member, s.inspectionId, 'slow-pay.csv', `${pay.join('\n')}\n`);
    const v = await uploaded(s.member, s.inspectionId, 'slow-cars.csv', `${cars.join('\n')}\n`);
    const created = ok(
      await s.member.post('/api/audit-link/runs', {
        inspectionId: s.inspectionId,
        rule: 'vehicleOwnerRecipients',
        inputs: {
          payments: payments(p.id),
          vehicles: { datasetId: v.id, columns: { idNo: '身份证号', plate: '号牌号码', registeredOn: '初次登记日期' } },
        },
        params: {},
      }),
    );
    for (;;) {
      const r = ok(await s.member.get(`/api/audit-link/runs/${created.id}`));
      if (r.phase === 'matching') break;
      expect(r.status).toMatch(/queued|running/);
      await new Promise((res) => setTimeout(res, 10));
    }
    const asked = ok(await s.member.post(`/api/audit-link/runs/${created.id}/cancel`, {}));
    expect(asked.cancelRequested).toBe(true);
    const end = await finished(s.member, created.id);
    expect(end).toMatchObject({ status: 'cancelled', hits: 0 });
    expect((await s.member.post(`/api/audit-link/runs/${created.id}/cancel`, {})).statusCode).toBe(409);
  });
});

describe('waiting read of a run (waitMs)', () => {
  /** A copy of a finished run put back in the queue but never given to the runtime: it stays open. */
  async function idleQueued(runId: string) {
    const db = o.t.database.db;
    const row = (await db.select().from(auditLinkRuns).where(eq(auditLinkRuns.id, runId)))[0];
    if (!row) throw new Error('no run');
    const copy = uuidv7();
    await db.insert(auditLinkRuns).values({
      ...row,
      id: copy,
      status: 'queued',
      phase: null,
      progress: 0,
      hitCount: 0,
      invalidCount: 0,
      startedAt: null,
      finishedAt: null,
      heartbeatAt: o.t.clock.now(),
    });
    return copy;
  }
  const timed = async <T>(f: () => Promise<T>) => {
    const t0 = performance.now();
    const out = await f();
    return { out, ms: performance.now() - t0 };
  };

  it('checks the session, the scope and the wait first: 401, 404 for another office or team at once, 400 for a bad waitMs', async () => {
    const { runId } = await deceasedRun(s);
    const open = await idleQueued(runId);
    const url = `/api/audit-link/runs/${open}?waitMs=20000`;
    expect((await o.t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    for (const who of [o.countyStaff, o.liaison, s.outsider, other.member]) {
      const r = await timed(() => who.get(url));
      expect(r.out.statusCode).toBe(404);
      expect(r.ms).toBeLessThan(5_000);
    }
    for (const bad of ['-1', '25001', 'abc', '1.5', '1e9'])
      expect((await s.member.get(`/api/audit-link/runs/${open}?waitMs=${bad}`)).statusCode, bad).toBe(400);
    expect((await s.member.get(`/api/audit-link/runs/${open}?wait=1`)).statusCode).toBe(400);
    // No wait (0) is the plain read, at once.
    const plain = await timed(() => s.member.get(`/api/audit-link/runs/${open}?waitMs=0`));
    expect(ok(plain.out)).toMatchObject({ id: open, status: 'queued' });
    expect(plain.ms).toBeLessThan(5_000);
  });

  it('answers a finished run at once, and an open one with its state when the wait is over', async () => {
    const { runId } = await deceasedRun(s);
    const done = await timed(() => s.member.get(`/api/audit-link/runs/${runId}?waitMs=20000`));
    expect(ok(done.out)).toMatchObject({ id: runId, status: 'done', hits: 2 });
    expect(done.ms).toBeLessThan(5_000);
    // The waiting answer is the plain one, field for field.
    expect(ok(done.out)).toEqual(ok(await s.member.get(`/api/audit-link/runs/${runId}`)));

    const open = await idleQueued(runId);
    const waited = await timed(() => s.member.get(`/api/audit-link/runs/${open}?waitMs=300`));
    expect(ok(waited.out)).toMatchObject({ id: open, status: 'queued', progress: 0, hits: 0 });
    expect(waited.ms).toBeGreaterThanOrEqual(280);
    expect(waited.ms).toBeLessThan(5_000);
  });

  it('answers as soon as the run changes: a cancel, and every step of a run to its end', async () => {
    const { runId, pay, dth } = await deceasedRun(s);
    const open = await idleQueued(runId);
    const waiting = timed(() => s.member.get(`/api/audit-link/runs/${open}?waitMs=20000`));
    await new Promise((res) => setTimeout(res, 100));
    ok(await s.member.post(`/api/audit-link/runs/${open}/cancel`, {}));
    const cancelled = await waiting;
    expect(ok(cancelled.out)).toMatchObject({ status: 'cancelled', cancelRequested: true });
    expect(cancelled.ms).toBeLessThan(10_000);

    const created = ok(
      await s.member.post('/api/audit-link/runs', {
        inspectionId: s.inspectionId,
        rule: 'deceasedRecipients',
        inputs: { payments: payments(pay.id), deaths: deaths(dth.id) },
        params: {},
      }),
    );
    const t0 = performance.now();
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = ok(await s.member.get(`/api/audit-link/runs/${created.id}?waitMs=20000`));
      seen.push(r.status);
      if (r.status === 'done') break;
    }
    // Woken by the claim and the end (and progress, if written): a few reads, none of them timed out.
    expect(seen.at(-1)).toBe('done');
    expect(performance.now() - t0).toBeLessThan(15_000);
    expect(ok(await s.member.get(`/api/audit-link/runs/${created.id}`))).toMatchObject({ status: 'done', hits: 2 });
  });

  it.runIf(onPostgres())(
    'answers a reader on another instance, which the executing process cannot wake, by its timeout',
    async () => {
      const b = await buildSecondInstance(o.t);
      try {
        const { pay, dth } = await deceasedRun(s);
        const created = ok(
          await s.member.post('/api/audit-link/runs', {
            inspectionId: s.inspectionId,
            rule: 'deceasedRecipients',
            inputs: { payments: payments(pay.id), deaths: deaths(dth.id) },
            params: {},
          }),
        );
        const url = `/api/audit-link/runs/${created.id}?waitMs=1000`;
        for (let i = 0; ; i++) {
          const r = await timed(() => b.inject({ method: 'GET', url, headers: { cookie: s.member.cookie } }));
          expect(r.out.statusCode).toBe(200);
          expect(r.ms).toBeLessThan(4_000);
          if (r.out.json().status === 'done') break;
          expect(i).toBeLessThan(20);
        }
      } finally {
        await b.close();
      }
    },
  );

  it('releases the waits when the runtime closes (the server stopping) or the client goes away', async () => {
    // A runtime of its own, never given a run: it opens no engine, and closing it stops nothing else.
    const deps = { config: o.t.config } as unknown as AppDeps;
    const runtime = runtimeOf(deps);
    const t0 = performance.now();
    const gone = runtime.watch('a', 20_000);
    gone.stop();
    await gone.next;
    const waits = [runtime.watch('a', 20_000), runtime.watch('b', 20_000)];
    await closeRuntime(deps);
    await Promise.all(waits.map((w) => w.next));
    // A closed runtime does not hold a read at all.
    await runtime.watch('c', 20_000).next;
    expect(performance.now() - t0).toBeLessThan(1_000);
  });
});

describe('working the hits', () => {
  it('dismisses hits with a reason, once (409 after), and not without a reason (400)', async () => {
    const { runId } = await deceasedRun(s);
    const hits = ok(await s.member.get(`/api/audit-link/runs/${runId}/hits`)).items;
    const hitId = hits[0].id;
    expect((await s.member.post('/api/audit-link/hits/dismiss', { hitIds: [hitId], reason: ' ' })).statusCode).toBe(
      400,
    );
    expect((await s.member.post('/api/audit-link/hits/dismiss', { hitIds: [], reason: '无' })).statusCode).toBe(400);
    const done = ok(
      await s.member.post('/api/audit-link/hits/dismiss', { hitIds: [hitId], reason: '经核实，死亡登记日期有误' }),
    );
    expect(done).toEqual({ hits: 1, recordId: null });
    expect(ok(await s.member.get(`/api/audit-link/hits/${hitId}`))).toMatchObject({
      status: 'dismissed',
      dismissReason: '经核实，死亡登记日期有误',
      decidedByName: s.member.name,
    });
    expect((await s.member.post('/api/audit-link/hits/dismiss', { hitIds: [hitId], reason: '再次' })).statusCode).toBe(
      409,
    );
    const filtered = ok(await s.member.get(`/api/audit-link/runs/${runId}/hits?status=dismissed`));
    expect(filtered).toMatchObject({ total: 1, counts: { open: 1, dismissed: 1 } });
  });

  it('turns hits into a working paper draft through the fieldwork, with the facts and the rows as evidence', async () => {
    const { runId } = await deceasedRun(s);
    const hits = ok(await s.member.get(`/api/audit-link/runs/${runId}/hits`)).items;
    const ids = hits.map((h: { id: string }) => h.id);
    // The office is not on the team: only the team writes working papers.
    const byOffice = await o.staff.post('/api/audit-link/hits/working-paper', { hitIds: ids });
    expect(byOffice.statusCode).toBe(403);
    expect(ok(await s.member.get(`/api/audit-link/runs/${runId}/hits?status=open`)).total).toBe(2);

    const made = await s.member.post('/api/audit-link/hits/working-paper', { hitIds: ids });
    expect(made.statusCode, made.body).toBe(201);
    const { recordId } = made.json();
    const paper = ok(await s.member.get(`/api/working-papers/${recordId}`));
    expect(paper).toMatchObject({ status: 'draft', title: '死亡人员仍领取补贴（巡审贯通比对发现2人）' });
    expect(paper.facts).toMatch(/^经巡审贯通数据比对（规则“死亡人员仍领取补贴”第1版/);
    expect(paper.facts).toContain(
      `${MARKER}（身份证号360702********${A.slice(-4)}）死亡日期为2024-03-20，此后仍被发放2笔、共1000.50元`,
    );
    expect(paper.facts).not.toContain(A);
    expect(paper.evidence.map((e: { label: string }) => e.label)).toEqual([
      '资金发放表《2024年低保发放.csv》第3、4、6行',
      '死亡人员名单《死亡人员.csv》第2、4行',
      `巡审贯通比对结果（${ids[0]}）`,
    ]);
    const after = ok(await s.member.get(`/api/audit-link/runs/${runId}/hits`));
    expect(after.items.map((h: { status: string; recordId: string }) => [h.status, h.recordId])).toEqual([
      ['paper', recordId],
      ['paper', recordId],
    ]);
    expect((await s.member.post('/api/audit-link/hits/working-paper', { hitIds: ids })).statusCode).toBe(409);
  });

  it('moves the hits and writes the draft together: a draft the fieldwork refuses leaves the hits open', async () => {
    const site = await o.site({ teamName: '第七巡察组' });
    const { runId } = await deceasedRun(site);
    const ids = ok(await site.member.get(`/api/audit-link/runs/${runId}/hits`)).items.map((h: { id: string }) => h.id);
    // Past the site and the report, a team writes no more working papers (fieldwork: 409).
    await o.t.database.db.update(inspections).set({ stage: 'rectifying' }).where(eq(inspections.id, site.inspectionId));
    const r = await site.member.post('/api/audit-link/hits/working-paper', { hitIds: ids });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toMatch(/不能/);
    expect(ok(await site.member.get(`/api/audit-link/runs/${runId}/hits?status=open`)).total).toBe(2);
  });

  it('turns a hit into a clue draft with source 巡审贯通, naming the people the team gives', async () => {
    const { runId } = await deceasedRun(s);
    const hit = ok(await s.member.get(`/api/audit-link/runs/${runId}/hits`)).items[1];
    const body = {
      hitIds: [hit.id],
      subjects: [{ name: '刘有德', post: '某镇民政所所长' }],
      discipline: 'masses',
    };
    expect((await s.member.post('/api/audit-link/hits/clue', { ...body, discipline: 'x' })).statusCode).toBe(400);
    const made = await s.member.post('/api/audit-link/hits/clue', body);
    expect(made.statusCode, made.body).toBe(201);
    const clue = ok(await s.member.get(`/api/clues/${made.json().recordId}`));
    expect(clue).toMatchObject({ status: 'draft', source: 'auditLink', sourceRefId: hit.id, discipline: 'masses' });
    expect(clue.facts).toMatch(/王五（身份证号360702\*{8}\d{3}[\dX]）死亡日期为2024-04-01/);
    expect(ok(await s.member.get(`/api/audit-link/hits/${hit.id}`))).toMatchObject({
      status: 'clue',
      recordId: clue.id,
    });
  });

  it('exports the hits as .xlsx: the leader re-authenticated, stamped and audited; a member may not (404)', async () => {
    const { runId } = await deceasedRun(s);
    const url = `/api/audit-link/runs/${runId}/hits.xlsx`;
    expect((await s.member.get(url)).statusCode).toBe(404);
    expect((await s.leader.get(url)).statusCode).toBe(401);
    await s.leader.reauth();
    const r: LightMyRequestResponse = await s.leader.get(url);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(String(ws.getCell('A2').value)).toMatch(/导出人：.*流水号：DC/);
    expect(ws.getRow(3).values).toContain('身份证号');
    expect(ws.getRow(4).values).toContain(A);
    expect(ws.getRow(4).values).toContain('1000.50');
    const audit = await o.t.database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'auditlink.hits.export' and ${auditLog.detail}->>'runId' = ${runId}`);
    expect(audit).toHaveLength(1);
  });
});
