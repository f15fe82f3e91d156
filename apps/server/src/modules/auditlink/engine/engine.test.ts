import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { DuckDBInstance } from '@duckdb/node-api';
import type { AppError } from '@xc/domain';
import { idCheckChar } from '@xc/domain/auditlink/idno';
import type { THit, TRunInput } from '@xc/domain/auditlink/schemas';
import { buildCalendar, OFFICIAL_CALENDAR } from '@xc/domain/planning/calendar';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../platform/clock.ts';
import { type KeyRing, memoryKeyRing } from '../../../platform/keys.ts';
import {
  AuditEngine,
  DatasetFormatError,
  DatasetNotFoundError,
  type IngestResult,
  RunInputError,
  SealedFileError,
} from './index.ts';
import { deriveSealKeys, writeSealed } from './sealed.ts';

/** A valid 身份证号 from a 17-digit body. */
const id = (body: string) => body + idCheckChar(body);
const A = id('36070219500101001');
const B = id('36070219600202002');
const C = id('36070219700303003');
const D = id('36070219800404004');
const E = id('36070219450505005');

const csv = (rows: (string | number)[][]) => `${rows.map((r) => r.join(',')).join('\n')}\n`;
const PAY_HEADER = ['身份证号', '姓名', '发放金额', '发放日期', '补贴项目', '发放月份'];

let tmp: string;
let keys: KeyRing;
let engine: AuditEngine;

async function upload(
  datasetId: string,
  content: string | Buffer,
  fileName = `${datasetId}.csv`,
): Promise<IngestResult> {
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  // Small chunks, so the streaming paths (carried partial records and characters) are exercised.
  const chunks: Buffer[] = [];
  for (let i = 0; i < buf.length; i += 37) chunks.push(buf.subarray(i, i + 37));
  return engine.ingest({ datasetId, source: Readable.from(chunks), fileName });
}

const payments = (datasetId: string, period = true): TRunInput => ({
  datasetId,
  columns: {
    idNo: '身份证号',
    name: '姓名',
    amount: '发放金额',
    payDate: '发放日期',
    project: '补贴项目',
    ...(period ? { period: '发放月份' } : {}),
  },
});

const keysOf = (hits: THit[]) => hits.map((h) => h.keys);

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-auditlink-'));
  keys = memoryKeyRing();
  engine = await AuditEngine.open({
    dataDir: tmp,
    keys,
    threads: 2,
    memoryLimit: '1GB',
    clock: new ManualClock('2025-06-30T09:00:00+08:00'),
  });
});
afterAll(async () => {
  await engine?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('upload', () => {
  it('reads a UTF-8 CSV under a title row, keeps every value as text and says what it found', async () => {
    const text = csv([
      ['2024年城乡低保发放花名册', '', '', '', '', ''],
      PAY_HEADER,
      [A, '张三', '"1,200.00"', '2024-03-05', '城乡低保', '202403'],
      [B, '李四', '300', '2024/3/5', '特困供养', '202403'],
      ['007', '王五', '0.5', '2024年3月5日', '城乡低保', ''],
    ]);
    const r = await upload('u-utf8', text);
    expect(r).toMatchObject({ format: 'csv', encoding: 'utf8', rows: 3, headerRow: 2, bytes: Buffer.byteLength(text) });
    expect(r.checksum).toBe(createHash('sm3').update(text).digest('hex'));
    expect(r.columns.map((c) => c.name)).toEqual(PAY_HEADER);
    expect(r.columns.find((c) => c.name === '发放日期')?.type).toBe('date');
    expect(r.preview[2]).toEqual({
      身份证号: '007',
      姓名: '王五',
      发放金额: '0.5',
      发放日期: '2024年3月5日',
      补贴项目: '城乡低保',
      发放月份: null,
    });
    expect(r.invalid).toEqual([
      { column: '身份证号', rows: 1, examples: [{ row: 5, value: '007', reason: expect.stringMatching(/18 位/) }] },
    ]);
  });

  it('finds UTF-8 with BOM and GB18030 by themselves', async () => {
    const text = csv([PAY_HEADER, [A, '张三', '10', '2024-03-05', '城乡低保', '202403']]);
    const bom = await upload('u-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(bom.encoding).toBe('utf8bom');
    expect(bom.columns[0]?.name).toBe('身份证号');
    const gb = await upload(
      'u-gb',
      iconv.encode(csv([PAY_HEADER, [A, '欧阳䶮', '10', '2024-03-05', '城乡低保', '202403']]), 'gb18030'),
    );
    expect(gb.encoding).toBe('gb18030');
    expect(gb.columns.map((c) => c.name)).toEqual(PAY_HEADER);
    expect(gb.preview[0]?.['姓名']).toBe('欧阳䶮');
  });

  it('reads an XLSX: the first sheet, dates as days, numbers as Excel keeps them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('发放表');
    ws.addRow(['2024年3月高龄津贴发放表']);
    ws.mergeCells('A1:F1');
    ws.addRow(PAY_HEADER);
    ws.addRow([A, '张三', 1200.5, new Date(Date.UTC(2024, 2, 5)), '高龄津贴', 202403]);
    ws.addRow([Number(B.slice(0, 17)) * 10, '李四', 100, new Date(Date.UTC(2024, 2, 6, 15, 30)), '高龄津贴', 202403]);
    ws.addRow([]);
    ws.addRow([
      C,
      { richText: [{ text: '王' }, { text: '五' }] },
      { formula: '1+1', result: 2 },
      '2024/3/7',
      '高龄津贴',
      '',
    ]);
    wb.addWorksheet('说明').addRow(['这张表不读']);
    const r = await upload('u-xlsx', Buffer.from(await wb.xlsx.writeBuffer()), 'x.xlsx');
    expect(r).toMatchObject({ format: 'xlsx', rows: 3, headerRow: 2 });
    expect(r.preview.map((p) => [p['身份证号'], p['姓名'], p['发放金额'], p['发放日期']])).toEqual([
      [A, '张三', '1200.5', '2024-03-05'],
      [expect.stringMatching(/^3\.\d+E\+17$/), '李四', '100', '2024-03-06 15:30:00'],
      [C, '王五', '2', '2024/3/7'],
    ]);
    expect(r.invalid?.[0]).toMatchObject({
      rows: 1,
      examples: [{ row: 4, reason: expect.stringMatching(/科学计数法/) }],
    });
  });

  it('refuses a malformed CSV with the line, as a 400', async () => {
    const wrongCount = csv([
      PAY_HEADER,
      [A, '张三', '10', '2024-03-05', '城乡低保', '202403'],
      [B, '李四', '10', '2024-03-05'],
    ]);
    const e1 = await upload('u-bad1', wrongCount).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(DatasetFormatError);
    expect((e1 as AppError).status).toBe(400);
    expect(e1).toMatchObject({ line: 3, message: '第 3 行有 4 列，与表头的 6 列不一致（可能多了或少了逗号）' });
    const unclosed = `${PAY_HEADER.join(',')}\n${A},"张三,10,2024-03-05,城乡低保,202403\n${B},李四,10,2024-03-05,城乡低保,202403\n`;
    await expect(upload('u-bad2', unclosed)).rejects.toMatchObject({
      line: 2,
      message: expect.stringMatching(/^第 2 行.*引号没有闭合/),
    });
    const mixed = Buffer.concat([
      Buffer.from(csv([PAY_HEADER, [A, '张三', '10', '2024-03-05', '城乡低保', '202403']])),
      iconv.encode(`${B},李四,10,2024-03-05,城乡低保,202403\n`, 'gbk'),
    ]);
    await expect(upload('u-bad3', mixed)).rejects.toMatchObject({
      line: 3,
      message: expect.stringMatching(/第 3 行含有无法识别的字符/),
    });
    await expect(upload('u-bad4', Buffer.from([0xff, 0xfe, 0x41, 0x00]))).rejects.toThrow(/UTF-16/);
    await expect(upload('u-bad5', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).rejects.toThrow(/\.xls/);
    await expect(upload('u-bad6', Buffer.from('PK\u0003\u0004 not really a zip'))).rejects.toBeInstanceOf(
      DatasetFormatError,
    );
    await expect(upload('u-bad7', `${PAY_HEADER.join(',')}\n`)).rejects.toThrow('文件中只有表头，没有数据行');
    expect(fs.existsSync(path.join(tmp, 'auditlink', 'u-bad1.parquet.enc'))).toBe(false);
  });

  it('numbers rows by the line they start on, across quoted line breaks and blank lines', async () => {
    const text = `${PAY_HEADER.join(',')}\r\n${A},"张\n三",10,2024-03-05,城乡低保,202403\r\n\r\n,,,,,\r\n${B},"李""四",10,2024-03-05,"城乡,低保",202403\r\n`;
    const r = await upload('u-lines', text);
    expect(r.rows).toBe(2);
    expect(r.preview.map((p) => [p['姓名'], p['补贴项目']])).toEqual([
      ['张\n三', '城乡低保'],
      ['李"四', '城乡,低保'],
    ]);
    const run = await engine.run({
      runId: 'lines',
      rule: 'duplicatePayments',
      inputs: { payments: [payments('u-lines'), payments('u-utf8')] },
    });
    expect(run.hits.flatMap((h) => h.evidence.payments?.map((e) => [e.datasetId, e.row]))).toEqual([
      ['u-lines', 2],
      ['u-utf8', 3],
    ]);
  });

  it('stores the dataset sealed: no plaintext on disk, unreadable without the key, refused when changed', async () => {
    const marker = '测试标记甲乙丙丁';
    await upload('u-sealed', csv([PAY_HEADER, [D, marker, '10', '2024-03-05', '城乡低保', '202403']]));
    const file = path.join(tmp, 'auditlink', 'u-sealed.parquet.enc');
    const raw = fs.readFileSync(file);
    expect(raw.includes(Buffer.from(marker))).toBe(false);
    expect(raw.includes(Buffer.from(D))).toBe(false);
    expect(raw.includes(Buffer.from('PAR1'))).toBe(false);
    // Nothing stays in the scratch folder once an upload, and the preparation it starts, are done.
    await engine.idle();
    const left = fs.readdirSync(engine.scratchDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(left.map((f) => f.name)).toEqual([]);

    const stranger = await AuditEngine.open({ dataDir: tmp, keys: memoryKeyRing(), threads: 1 });
    // No cache: every run reads the sealed file again.
    const again = await AuditEngine.open({ dataDir: tmp, keys, threads: 1, cacheBytes: 0 });
    try {
      const input = { payments: payments('u-sealed') };
      await expect(stranger.run({ runId: 's1', rule: 'duplicatePayments', inputs: input })).rejects.toBeInstanceOf(
        SealedFileError,
      );
      expect((await again.run({ runId: 's2', rule: 'duplicatePayments', inputs: input })).status).toBe('done');
      expect(await again.stats()).toEqual({ cachedDatasets: 0, cachedBytes: 0, preparedTables: 0 });
      const bad = Buffer.from(raw);
      bad[bad.length - 100] = (bad[bad.length - 100] as number) ^ 0x80;
      fs.writeFileSync(file, bad);
      await expect(again.run({ runId: 's3', rule: 'duplicatePayments', inputs: input })).rejects.toThrow(/校验失败/);
    } finally {
      fs.writeFileSync(file, raw);
      await stranger.close();
      await again.close();
    }
  });
});

describe('deceasedRecipients', () => {
  beforeAll(async () => {
    await upload(
      'd-pay',
      csv([
        PAY_HEADER,
        // A died 2024-03-20: March is the month of death (not a hit), April and May are.
        [A, '张三', '500.00', '2024-03-25', '城乡低保', '202403'],
        [A, '张三', '500.00', '2024-04-05', '城乡低保', '202404'],
        [A, '张三', '500.50', '2024-05-05', '城乡低保', '202405'],
        // B died 2024-03-31, paid that very day for April: not a hit unless grace < 0.
        [B, '李四', '300', '2024-03-31', '特困供养', '202404'],
        // C died 2024-04-01, paid 2024-04-20 without a period column value: April is the death month.
        [C, '王五', '300', '2024-04-20', '特困供养', ''],
        [C, '王五', '300', '2024-05-20', '特困供养', ''],
        // D is alive; a broken number is reported, not dropped.
        [D, '赵六', '300', '2024-05-20', '特困供养', '202405'],
        ['36070219800404005X', '钱七', '300', '2024-05-20', '特困供养', '202405'],
        // E died 2023-12-20 in one register and 2024-01-05 in another: the earliest counts.
        [E, '孙八', '100', '2024-01-10', '高龄津贴', '202401'],
      ]),
    );
    await upload(
      'd-deaths',
      csv([
        ['公民身份号码', '姓名', '死亡日期'],
        [A.toLowerCase(), '张三', '2024-03-20'],
        [`${B.slice(0, 6)} ${B.slice(6)}`, '李四', '2024/3/31'],
        [C, '王武', '20240401'],
        [E, '孙八', '2024-01-05'],
        [E, '孙八', '2023年12月20日'],
      ]),
    );
  });
  const inputs = () => ({
    payments: payments('d-pay'),
    deaths: { datasetId: 'd-deaths', columns: { idNo: '公民身份号码', deathDate: '死亡日期' } },
  });

  it('finds payments for months after the death, paid after it, one hit per person with evidence', async () => {
    const r = await engine.run({ runId: 'd1', rule: 'deceasedRecipients', inputs: inputs() });
    expect(r.status).toBe('done');
    // Ordered by number: E (born 1945), A (1950), C (1970).
    expect(keysOf(r.hits)).toEqual([{ idNo: E }, { idNo: A }, { idNo: C }]);
    const a = r.hits[1] as THit;
    expect(a.measures).toMatchObject({
      count: 2,
      amountCents: 100050,
      deathDate: '2024-03-20',
      firstPayDate: '2024-04-05',
      lastPayDate: '2024-05-05',
    });
    expect(a.evidence.payments?.map((e) => e.row)).toEqual([3, 4]);
    expect(a.evidence.payments?.[0]?.values['发放日期']).toBe('2024-04-05');
    expect(a.evidence.deaths).toEqual([
      {
        datasetId: 'd-deaths',
        row: 2,
        values: { 公民身份号码: A.toLowerCase(), 姓名: '张三', 死亡日期: '2024-03-20' },
      },
    ]);
    expect(r.hits[2]?.evidence.payments?.map((e) => e.row)).toEqual([7]);
    expect(r.hits[0]?.measures.deathDate).toBe('2023-12-20');
    expect(r.invalidRows).toEqual([
      {
        role: 'payments',
        datasetId: 'd-pay',
        row: 9,
        column: '身份证号',
        logical: 'idNo',
        value: '36070219800404005X',
        reason: expect.stringMatching(/校验位/),
      },
    ]);
    expect(r.invalidRowCount).toBe(1);
    expect(r.templateVersion).toBe(1);
    expect(Object.keys(r.inputChecksums).sort()).toEqual(['d-deaths', 'd-pay']);
    expect(r.sql).toBe(engine.previewSql('deceasedRecipients', inputs()));
  });

  it('says whether the names agree when both tables have them', async () => {
    const named = inputs();
    named.deaths.columns = { ...named.deaths.columns, name: '姓名' } as typeof named.deaths.columns;
    const r = await engine.run({ runId: 'd-names', rule: 'deceasedRecipients', inputs: named });
    expect(r.hits.map((h) => [h.keys.idNo, h.measures.namesMatch])).toEqual([
      [E, '一致'],
      [A, '一致'],
      [C, '不一致'],
    ]);
    expect(
      (await engine.run({ runId: 'd-nonames', rule: 'deceasedRecipients', inputs: inputs() })).hits[0]?.measures
        .namesMatch,
    ).toBeUndefined();
  });

  it('treats the day of death by the grace days', async () => {
    const run = (graceDays: number, includeDeathMonth = false) =>
      engine.run({
        runId: `d-g${graceDays}`,
        rule: 'deceasedRecipients',
        inputs: inputs(),
        params: { graceDays, includeDeathMonth },
      });
    expect(keysOf((await run(-1)).hits)).toEqual([{ idNo: E }, { idNo: A }, { idNo: B }, { idNo: C }]);
    const grace = await run(21);
    expect(keysOf(grace.hits)).toEqual([{ idNo: A }, { idNo: C }]);
    expect(grace.hits[0]?.measures.count).toBe(1);
    const withMonth = await run(0, true);
    expect(withMonth.hits.find((h) => h.keys.idNo === A)?.measures.count).toBe(3);
    expect(withMonth.hits.find((h) => h.keys.idNo === C)?.measures.count).toBe(2);
    expect((await run(0)).sql).toMatch(/deathDate \+ 0 /);
    expect((await run(-1)).sql).toMatch(/deathDate \+ -1 /);
  });

  it('refuses mappings the files do not have and parameters the rule does not take', async () => {
    const bad = inputs();
    bad.payments.columns.payDate = '支付日期';
    await expect(engine.run({ runId: 'x1', rule: 'deceasedRecipients', inputs: bad })).rejects.toThrow(
      '数据表“d-pay.csv”中没有“支付日期”列',
    );
    await expect(
      engine.run({ runId: 'x2', rule: 'deceasedRecipients', inputs: inputs(), params: { graceDays: 'x' } }),
    ).rejects.toBeInstanceOf(RunInputError);
    await expect(
      engine.run({
        runId: 'x3',
        rule: 'deceasedRecipients',
        inputs: { ...inputs(), deaths: { datasetId: 'nope', columns: { idNo: 'a', deathDate: 'b' } } },
      }),
    ).rejects.toBeInstanceOf(DatasetNotFoundError);
    await expect(
      engine.run({ runId: 'x4', rule: 'deceasedRecipients', inputs: { payments: payments('d-pay') } }),
    ).rejects.toThrow('请选择“死亡人员名单”的数据表');
  });
});

describe('duplicatePayments', () => {
  it('finds the same person paid twice for a project and period, across files, with the payDate month as period', async () => {
    await upload(
      'dup-a',
      csv([
        PAY_HEADER,
        [A, '张三', '500', '2024-03-05', '城乡低保', '202403'],
        [B, '李四', '300', '2024-03-05', '特困供养', '202403'],
      ]),
    );
    await upload(
      'dup-b',
      csv([
        PAY_HEADER,
        [A, '张三', '500', '2024-03-20', '城乡 低保', '2024-03'],
        [B, '李四', '200', '2024-03-20', '特困供养', '202403'],
        [B, '李四', '300', '2024-04-05', '特困供养', '202404'],
      ]),
    );
    const r = await engine.run({
      runId: 'dup1',
      rule: 'duplicatePayments',
      inputs: { payments: [payments('dup-a'), payments('dup-b')] },
    });
    expect(keysOf(r.hits)).toEqual([
      { idNo: A, project: '城乡低保', period: '2024-03' },
      { idNo: B, project: '特困供养', period: '2024-03' },
    ]);
    expect(r.hits[0]?.measures).toEqual({ count: 2, datasets: 2, amountCents: 100000 });
    expect(r.hits[0]?.evidence.payments?.map((e) => [e.datasetId, e.row])).toEqual([
      ['dup-a', 2],
      ['dup-b', 2],
    ]);
    const same = await engine.run({
      runId: 'dup2',
      rule: 'duplicatePayments',
      inputs: { payments: [payments('dup-a'), payments('dup-b')] },
      params: { sameAmountOnly: true },
    });
    expect(keysOf(same.hits)).toEqual([{ idNo: A, project: '城乡低保', period: '2024-03' }]);
    const noPeriod = await engine.run({
      runId: 'dup3',
      rule: 'duplicatePayments',
      inputs: { payments: [payments('dup-a', false), payments('dup-b', false)] },
    });
    expect(noPeriod.hits).toHaveLength(2);
  });
});

describe('publicServantRecipients and vehicleOwnerRecipients', () => {
  beforeAll(async () => {
    await upload(
      'pv-pay',
      csv([
        PAY_HEADER,
        [A, '张三', '500', '2024-03-05', '农村低保', '202403'],
        [B, '李四', '100', '2024-03-05', '高龄津贴', '202403'],
        [C, '王五', '300', '2024-03-05', '特困人员救助供养', '202403'],
        [D, '赵六', '300', '2024-03-05', '城乡低保', '202403'],
      ]),
    );
    await upload(
      'pv-roll',
      csv([
        ['身份证号', '姓名', '工作单位'],
        [A, '张三', '某县财政局'],
        [B, '李四', '某县教育局'],
      ]),
    );
    await upload(
      'pv-cars',
      csv([
        ['身份证号', '号牌号码', '初次登记日期', '车辆价值'],
        [A, '赣B12345', '2020-05-01', '80000'],
        [C, '赣B23456', '2024-03-01', '150000'],
        [C, '赣B34567', '2024-06-01', '150000'],
        [D, '赣B45678', '2024-03-06', '300000'],
      ]),
    );
  });

  it('finds means-tested payments to people on the payroll', async () => {
    const r = await engine.run({
      runId: 'ps1',
      rule: 'publicServantRecipients',
      inputs: {
        payments: payments('pv-pay'),
        payroll: { datasetId: 'pv-roll', columns: { idNo: '身份证号', name: '姓名', employer: '工作单位' } },
      },
    });
    expect(keysOf(r.hits)).toEqual([{ idNo: A }]);
    expect(r.hits[0]?.measures).toEqual({ count: 1, amountCents: 50000, employer: '某县财政局', namesMatch: '一致' });
    const all = await engine.run({
      runId: 'ps2',
      rule: 'publicServantRecipients',
      inputs: {
        payments: payments('pv-pay'),
        payroll: { datasetId: 'pv-roll', columns: { idNo: '身份证号', name: '姓名', employer: '工作单位' } },
      },
      params: { projects: [] },
    });
    expect(keysOf(all.hits)).toEqual([{ idNo: A }, { idNo: B }]);
  });

  it('finds means-tested payments to owners of vehicles registered by the pay date, by count or value', async () => {
    const cars = {
      datasetId: 'pv-cars',
      columns: { idNo: '身份证号', plate: '号牌号码', registeredOn: '初次登记日期' },
    };
    const r = await engine.run({
      runId: 'v1',
      rule: 'vehicleOwnerRecipients',
      inputs: { payments: payments('pv-pay'), vehicles: cars },
    });
    expect(keysOf(r.hits)).toEqual([{ idNo: A }, { idNo: C }]);
    expect(r.hits[1]?.evidence.vehicles?.map((e) => e.values['号牌号码'])).toEqual(['赣B23456']);
    await expect(
      engine.run({
        runId: 'v2',
        rule: 'vehicleOwnerRecipients',
        inputs: { payments: payments('pv-pay'), vehicles: cars },
        params: { minVehicleValue: '100000' },
      }),
    ).rejects.toThrow(/车辆价值/);
    const valued = await engine.run({
      runId: 'v3',
      rule: 'vehicleOwnerRecipients',
      inputs: {
        payments: payments('pv-pay'),
        vehicles: { ...cars, columns: { ...cars.columns, vehicleValue: '车辆价值' } },
      },
      params: { minVehicleValue: '100,000' },
    });
    expect(keysOf(valued.hits)).toEqual([{ idNo: C }]);
    const two = await engine.run({
      runId: 'v4',
      rule: 'vehicleOwnerRecipients',
      inputs: { payments: payments('pv-pay'), vehicles: cars },
      params: { minVehicles: 2 },
    });
    expect(two.hits).toEqual([]);
  });
});

describe('consumablesBilledNotIssued', () => {
  it('compares billed and issued quantities per item, specification and month, with tolerance', async () => {
    await upload(
      'c-charges',
      csv([
        ['耗材名称', '规格', '收费日期', '数量'],
        ['一次性注射器', '5ml', '2024-03-02', '60'],
        ['一次性注射器', '5ml', '2024-03-15', '50'],
        ['一次性注射器', '5ml', '2024-03-20', '-5'],
        ['一次性注射器', '10ml', '2024-03-15', '10'],
        ['导尿管', '', '2024-04-01', '3'],
        ['留置针', '22G', '2024-03-01', '12.5'],
      ]),
    );
    await upload(
      'c-issues',
      csv([
        ['品名', '规格型号', '出库月份', '出库数量'],
        ['一次性注射器 ', '5ML', '202403', '100'],
        ['一次性注射器', '10ml', '202403', '10'],
        ['留置针', '22g', '2024-03', '12'],
      ]),
    );
    const inputs = {
      charges: {
        datasetId: 'c-charges',
        columns: { item: '耗材名称', spec: '规格', month: '收费日期', quantity: '数量' },
      },
      issues: {
        datasetId: 'c-issues',
        columns: { item: '品名', spec: '规格型号', month: '出库月份', quantity: '出库数量' },
      },
    };
    const r = await engine.run({ runId: 'c1', rule: 'consumablesBilledNotIssued', inputs });
    expect(r.hits.map((h) => [h.keys, h.measures.billed, h.measures.issued, h.measures.excess])).toEqual([
      [{ item: '一次性注射器', spec: '5ml', month: '2024-03' }, '105', '100', '5'],
      [{ item: '导尿管', month: '2024-04' }, '3', '0', '3'],
      [{ item: '留置针', spec: '22g', month: '2024-03' }, '12.5', '12', '0.5'],
    ]);
    expect(r.hits[0]?.evidence.charges).toHaveLength(3);
    expect(r.hits[0]?.evidence.issues?.map((e) => e.row)).toEqual([2]);
    const tolerant = await engine.run({
      runId: 'c2',
      rule: 'consumablesBilledNotIssued',
      inputs,
      params: { tolerance: '1', tolerancePercent: 5 },
    });
    expect(tolerant.hits.map((h) => h.keys.item)).toEqual(['导尿管']);
  });
});

describe('invoiceScreens', () => {
  it('screens round amounts, consecutive numbers from one seller, days off by the calendar and repeated numbers', async () => {
    await upload(
      'inv',
      csv([
        ['销售方名称', '发票代码', '发票号码', '开票日期', '价税合计'],
        ['甲公司', '036002400111', '00012345', '2024-10-08', '3000.00'],
        ['甲公司', '036002400111', '00012346', '2024-10-09', '2999.50'],
        ['甲公司', '036002400111', '00012347', '2024-10-10', '1234.56'],
        ['甲公司', '036002400111', '00012349', '2024-10-11', '88.00'],
        ['乙公司', '036002400222', '00012348', '2024-10-01', '50.00'],
        ['乙公司', '036002400222', '00055555', '2024-10-12', '60.00'],
        ['乙公司', '036002400222', '00066666', '2024-10-13', '70.00'],
        ['丙公司', '036002400333', '00077777', '2024-10-14', '80.00'],
        ['丙公司', '036002400333', '00077777', '2024-10-15', '80.00'],
      ]),
    );
    const calendar = buildCalendar(OFFICIAL_CALENDAR);
    const inputs = {
      invoices: {
        datasetId: 'inv',
        columns: {
          supplier: '销售方名称',
          invoiceCode: '发票代码',
          invoiceNo: '发票号码',
          invoiceDate: '开票日期',
          amount: '价税合计',
        },
      },
    };
    const r = await engine.run({ runId: 'i1', rule: 'invoiceScreens', inputs, calendar });
    const found = r.hits.map((h) => [h.keys.screen, h.keys.supplier, h.keys.invoiceNo, h.measures.dayKind ?? '']);
    expect(found).toEqual([
      ['consecutiveNumbers', '甲公司', '00012345—00012347', ''],
      ['duplicateNumber', '丙公司', '00077777', ''],
      ['holidayDate', '乙公司', '00012348', '法定节假日'],
      ['holidayDate', '乙公司', '00066666', '周末'],
      ['roundAmount', '甲公司', '00012345', ''],
    ]);
    expect(r.hits[0]?.evidence.invoices).toHaveLength(3);
    const only = await engine.run({
      runId: 'i2',
      rule: 'invoiceScreens',
      inputs,
      calendar,
      params: { screens: ['roundAmount'], roundUnit: '10' },
    });
    // Sellers in the order of their names' bytes: 丙 < 乙 < 甲.
    expect(only.hits.map((h) => h.keys.invoiceNo)).toEqual([
      '00077777',
      '00077777',
      '00012348',
      '00055555',
      '00066666',
      '00012345',
    ]);
  });
});

describe('running', () => {
  it('can be cancelled while DuckDB works, and ends cancelled', async () => {
    // One person with 20,000 payments and 20,000 vehicles: 400 million pairs to count.
    const pay = [PAY_HEADER.join(',')];
    const cars = ['身份证号,号牌号码,初次登记日期'];
    for (let i = 0; i < 20_000; i++) {
      pay.push(`${A},张三,1,2024-03-05,城乡低保,202403`);
      cars.push(`${A},赣B${String(i).padStart(5, '0')},2020-01-01`);
    }
    await upload('slow-pay', `${pay.join('\n')}\n`);
    await upload('slow-cars', `${cars.join('\n')}\n`);
    let seen!: () => void;
    const matching = new Promise<void>((r) => {
      seen = r;
    });
    const running = engine.run({
      runId: 'slow',
      rule: 'vehicleOwnerRecipients',
      inputs: {
        payments: payments('slow-pay'),
        vehicles: {
          datasetId: 'slow-cars',
          columns: { idNo: '身份证号', plate: '号牌号码', registeredOn: '初次登记日期' },
        },
      },
      onProgress: (p) => {
        if (p.phase === 'matching') seen();
      },
    });
    await matching;
    expect(await engine.cancel('slow')).toBe(true);
    const r = await running;
    expect(r.status).toBe('cancelled');
    expect(r.hits).toEqual([]);
    expect(await engine.cancel('slow')).toBe(false);
  });

  it('keeps datasets loaded after upload and use, within its memory budget', async () => {
    const s = await engine.stats();
    expect(s.cachedDatasets).toBeGreaterThan(10);
    expect(s.preparedTables).toBeGreaterThan(10);
    expect(s.cachedBytes).toBeGreaterThan(0);
    // A normalized table is built once and serves every later run that needs no more of it: the
    // one prepared in the background after the upload (headers that name their columns) serves both
    // rules; a mapping of other columns gets a table of its own, once.
    const deaths = { datasetId: 'd-deaths', columns: { idNo: '公民身份号码', deathDate: '死亡日期' } };
    const tables = async () => (await engine.stats()).preparedTables;
    await engine.run({ runId: 'p1', rule: 'deceasedRecipients', inputs: { payments: payments('d-pay'), deaths } });
    const before = await tables();
    await engine.run({ runId: 'p2', rule: 'duplicatePayments', inputs: { payments: payments('d-pay') } });
    expect(await tables()).toBe(before);
    const other = payments('d-pay');
    other.columns.project = '姓名';
    await engine.run({ runId: 'p3', rule: 'duplicatePayments', inputs: { payments: other } });
    await engine.run({ runId: 'p4', rule: 'duplicatePayments', inputs: { payments: other } });
    expect(await tables()).toBe(before + 1);
    // A budget smaller than any dataset: each is evicted as soon as no run uses it, and loaded again when needed.
    const small = await AuditEngine.open({ dataDir: tmp, keys, threads: 1, cacheBytes: 1 });
    try {
      const inputs = { payments: [payments('dup-a'), payments('dup-b')] };
      expect((await small.run({ runId: 'm1', rule: 'duplicatePayments', inputs })).hits).toHaveLength(2);
      expect(await small.stats()).toEqual({ cachedDatasets: 0, cachedBytes: 0, preparedTables: 0 });
      expect((await small.run({ runId: 'm2', rule: 'duplicatePayments', inputs })).hits).toHaveLength(2);
    } finally {
      await small.close();
    }
  });

  it('deletes a dataset, and re-seals one after a key rotation', async () => {
    await upload('gone', csv([PAY_HEADER, [A, '张三', '1', '2024-03-05', '城乡低保', '202403']]));
    await engine.deleteDataset('gone');
    expect(fs.existsSync(path.join(tmp, 'auditlink', 'gone.parquet.enc'))).toBe(false);
    await expect(
      engine.run({ runId: 'g', rule: 'duplicatePayments', inputs: { payments: payments('gone') } }),
    ).rejects.toBeInstanceOf(DatasetNotFoundError);

    const rotated: KeyRing = { ...keys, current: 2, fieldKeys: new Map([...keys.fieldKeys, [2, randomBytes(16)]]) };
    const after = await AuditEngine.open({ dataDir: tmp, keys: rotated, threads: 1 });
    try {
      expect(await after.resealDataset('dup-a')).toBe(true);
      expect(await after.resealDataset('dup-a')).toBe(false);
      const r = await after.run({
        runId: 'rot',
        rule: 'duplicatePayments',
        inputs: { payments: [payments('dup-a'), payments('dup-b')] },
      });
      expect(r.hits).toHaveLength(2);
    } finally {
      await after.close();
    }
    await expect(
      (async () => {
        const old = await AuditEngine.open({ dataDir: tmp, keys, threads: 1 });
        try {
          return await old.run({ runId: 'old', rule: 'duplicatePayments', inputs: { payments: payments('dup-a') } });
        } finally {
          await old.close();
        }
      })(),
    ).rejects.toThrow(/密钥版本 2/);
  });

  it('still reads a dataset sealed before the staging marks, whose Parquet holds the 身份证号 keys themselves', async () => {
    // The layout of earlier uploads: a BIGINT column `__idkey__<i>` with the first 17 digits of
    // each clean number (NULL for the others), named by the header's idKeys.
    const bad = '36070219800404005X';
    const rows = [
      [2, A, '张三', '1.00', '2024-03-05', '城乡低保', '202403', A.slice(0, 17)],
      [3, A, '张三', '1.00', '2024-03-28', '城乡低保', '202403', A.slice(0, 17)],
      [4, B, '李四', '1.00', '2024-03-05', '城乡低保', '202403', B.slice(0, 17)],
      [5, bad, '钱七', '1.00', '2024-03-05', '城乡低保', '202403', null],
    ];
    const values = rows
      .map((r) => `(${r.map((v) => (v === null ? 'NULL' : typeof v === 'number' ? v : `'${v}'`)).join(', ')})`)
      .join(', ');
    const file = path.join(tmp, 'legacy.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run(
      `COPY (SELECT _row::INTEGER AS _row, "身份证号", "姓名", "发放金额", "发放日期", "补贴项目", "发放月份", k::BIGINT AS "__idkey__0"
         FROM (VALUES ${values}) t(_row, "身份证号", "姓名", "发放金额", "发放日期", "补贴项目", "发放月份", k))
       TO '${file}' (FORMAT parquet)`,
    );
    conn.closeSync();
    db.closeSync();
    const headers = ['身份证号', '姓名', '发放金额', '发放日期', '补贴项目', '发放月份'];
    fs.mkdirSync(path.join(tmp, 'auditlink'), { recursive: true });
    await writeSealed(
      path.join(tmp, 'auditlink', 'legacy.parquet.enc'),
      fs.readFileSync(file),
      {
        datasetId: 'legacy',
        fileName: 'legacy.csv',
        format: 'csv',
        encoding: 'utf8',
        rows: rows.length,
        bytes: 1,
        checksum: 'x',
        headerRow: 1,
        columns: headers.map((name) => ({ name, type: 'text' })),
        idKeys: { 身份证号: '__idkey__0' },
      },
      deriveSealKeys(keys),
    );
    fs.rmSync(file);
    const r = await engine.run({
      runId: 'legacy',
      rule: 'duplicatePayments',
      inputs: { payments: payments('legacy') },
    });
    expect(keysOf(r.hits)).toEqual([{ idNo: A, project: '城乡低保', period: '2024-03' }]);
    expect(r.hits[0]?.evidence.payments?.map((e) => e.row)).toEqual([2, 3]);
    expect(r.invalidRows).toMatchObject([{ row: 5, value: bad, reason: expect.stringMatching(/校验位/) }]);
  });

  it('shows the SQL a run would execute, with the parameters written in', () => {
    const sql = engine.previewSql(
      'vehicleOwnerRecipients',
      {
        payments: payments('pv-pay'),
        vehicles: {
          datasetId: 'pv-cars',
          columns: { idNo: '身份证号', plate: '号牌号码', registeredOn: '初次登记日期', vehicleValue: '车辆价值' },
        },
      },
      { minVehicles: 2, minVehicleValue: 150000, projects: ["低保'; DROP TABLE textkeys; --"] },
    );
    expect(sql).toMatch(/HAVING count\(\*\) >= 2/);
    expect(sql).toMatch(/vehicleValue >= 15000000/);
    expect(sql).toContain("contains(key, '低保'';droptabletextkeys;--')");
    expect(sql).toMatch(/idNo ← “身份证号”/);
    expect(() => engine.previewSql('duplicatePayments', {})).toThrow(RunInputError);
  });
});
