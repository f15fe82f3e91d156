import { describe, expect, it } from 'vitest';
import {
  AUDIT_ROLES,
  autoMap,
  inferColumnType,
  LOGICAL_COLUMN_LABELS,
  LOGICAL_COLUMNS,
  ROLE_COLUMNS,
} from './columns.ts';
import { AUDIT_RULE_IDS, AUDIT_RULES, auditRuleOf, MEANS_TESTED_KEYWORDS, resolveRuleParams } from './rules.ts';
import { RUN_WAIT_MAX_MS, ZRunCreate, ZRunGetQuery } from './schemas.ts';

const INSPECTION = '01936c3e-7b6a-7c3d-9f00-0123456789ab';
const DS1 = '01936c3e-7b6a-7c3d-9f00-000000000001';
const DS2 = '01936c3e-7b6a-7c3d-9f00-000000000002';

describe('rule catalog', () => {
  it('has the rules of the contract, each named and explained in Chinese, with its roles and versions', () => {
    expect(AUDIT_RULES.map((r) => r.id)).toEqual([...AUDIT_RULE_IDS]);
    expect(AUDIT_RULE_IDS).toEqual([
      'deceasedRecipients',
      'publicServantRecipients',
      'vehicleOwnerRecipients',
      'duplicatePayments',
      'consumablesBilledNotIssued',
      'invoiceScreens',
    ]);
    for (const r of AUDIT_RULES) {
      expect(r.name).toMatch(/\p{Script=Han}/u);
      expect(r.summary.length).toBeGreaterThan(20);
      expect(Number.isInteger(r.version)).toBe(true);
      for (const role of Object.keys(r.inputs)) expect(AUDIT_ROLES).toContain(role);
      for (const p of Object.values(r.params)) expect(p.label).toMatch(/\p{Script=Han}/u);
    }
    expect(auditRuleOf('deceasedRecipients').inputs).toEqual({
      payments: ['idNo', 'name', 'amount', 'payDate', 'project'],
      deaths: ['idNo', 'deathDate'],
    });
    expect(auditRuleOf('deceasedRecipients').optionalInputs.payments).toEqual(['period']);
    expect(Object.keys(auditRuleOf('consumablesBilledNotIssued').inputs)).toEqual(['charges', 'issues']);
    expect(Object.keys(auditRuleOf('invoiceScreens').inputs)).toEqual(['invoices']);
  });

  it('runs every rule as shipped with params {}', () => {
    for (const id of AUDIT_RULE_IDS) expect(resolveRuleParams(id, {}).ok, id).toBe(true);
    expect(resolveRuleParams('deceasedRecipients', {})).toEqual({
      ok: true,
      value: { graceDays: 0, includeDeathMonth: false },
    });
    expect(resolveRuleParams('invoiceScreens', {})).toEqual({
      ok: true,
      value: {
        screens: ['roundAmount', 'consecutiveNumbers', 'holidayDate', 'duplicateNumber'],
        roundUnit: 100000,
        runLength: 3,
      },
    });
    const vehicles = resolveRuleParams('vehicleOwnerRecipients', {});
    expect(vehicles.ok && vehicles.value.projects).toEqual([...MEANS_TESTED_KEYWORDS]);
  });

  it('parses parameters and refuses wrong or unknown ones in Chinese', () => {
    expect(resolveRuleParams('deceasedRecipients', { graceDays: -1 })).toMatchObject({
      ok: true,
      value: { graceDays: -1 },
    });
    expect(resolveRuleParams('deceasedRecipients', { graceDays: 1.5 })).toMatchObject({
      ok: false,
      reason: '宽限天数必须是整数',
    });
    expect(resolveRuleParams('deceasedRecipients', { graceDays: 400 })).toMatchObject({ ok: false });
    expect(resolveRuleParams('deceasedRecipients', { grace: 3 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/没有参数“grace”/),
    });
    expect(resolveRuleParams('vehicleOwnerRecipients', { minVehicleValue: '150,000.00' })).toMatchObject({
      ok: true,
      value: { minVehicleValue: 15000000 },
    });
    expect(resolveRuleParams('vehicleOwnerRecipients', { minVehicleValue: -1 })).toMatchObject({ ok: false });
    expect(resolveRuleParams('consumablesBilledNotIssued', { tolerance: '2.50' })).toMatchObject({
      ok: true,
      value: { tolerance: '2.5' },
    });
    expect(
      resolveRuleParams('invoiceScreens', { screens: ['holidayDate', 'roundAmount', 'holidayDate'] }),
    ).toMatchObject({
      ok: true,
      value: { screens: ['roundAmount', 'holidayDate'] },
    });
    expect(resolveRuleParams('invoiceScreens', { screens: [] })).toMatchObject({
      ok: false,
      reason: '筛查项目至少选一项',
    });
    expect(resolveRuleParams('publicServantRecipients', { projects: [] })).toMatchObject({
      ok: true,
      value: { projects: [] },
    });
  });
});

describe('column mapping', () => {
  it('maps headers equal to a logical name or one of its usual labels', () => {
    expect(autoMap(['公民身份号码', '姓名', '死亡日期', '备注'], 'deaths')).toEqual({
      idNo: '公民身份号码',
      name: '姓名',
      deathDate: '死亡日期',
    });
    expect(
      autoMap(
        [' *身份证号码 ', '户主姓名', '发放金额（元）', '发放时间', '补贴项目', '发放月份', '银行账号'],
        'payments',
      ),
    ).toEqual({
      idNo: ' *身份证号码 ',
      name: '户主姓名',
      amount: '发放金额（元）',
      payDate: '发放时间',
      project: '补贴项目',
      period: '发放月份',
    });
    expect(autoMap(['IDNO', 'Name', 'payDate'], 'payments')).toEqual({
      idNo: 'IDNO',
      name: 'Name',
      payDate: 'payDate',
    });
    // 万元 is not 元: such a column waits for a person to map it.
    expect(autoMap(['金额（万元）'], 'payments')).toEqual({});
    // Only the role's own columns, and the first header of several.
    expect(autoMap(['身份证号', '证件号码', '死亡日期'], 'payroll')).toEqual({ idNo: '身份证号' });
    expect(autoMap(['品名', '月份', '出库数量'], 'issues')).toEqual({
      item: '品名',
      month: '月份',
      quantity: '出库数量',
    });
  });

  it('labels every logical column in Chinese and gives every role its columns', () => {
    for (const c of LOGICAL_COLUMNS) expect(LOGICAL_COLUMN_LABELS[c]).toMatch(/\p{Script=Han}/u);
    for (const role of AUDIT_ROLES) expect(ROLE_COLUMNS[role].required.length).toBeGreaterThan(0);
  });

  it('infers the displayed type from a sample without coercing anything', () => {
    expect(inferColumnType(['11010519491231002X', '110105491231002', ''])).toBe('idNo');
    expect(inferColumnType(['2024-03-05', '2024/3/6', '2024年3月7日'])).toBe('date');
    expect(inferColumnType(['20240305', '20240306'])).toBe('date');
    expect(inferColumnType(['202403', '202404'])).toBe('period');
    expect(inferColumnType(['45356', '45357'])).toBe('integer');
    expect(inferColumnType(['1,234.50', '12'])).toBe('decimal');
    expect(inferColumnType(['6217001234567890123', '6217001234567890124'])).toBe('text');
    expect(inferColumnType(['007', '008'])).toBe('text');
    expect(inferColumnType(['城乡低保'])).toBe('text');
    expect(inferColumnType([null, '', ' '])).toBe('empty');
  });
});

describe('ZRunCreate', () => {
  const payments = {
    datasetId: DS1,
    columns: { idNo: '身份证号', name: '姓名', amount: '金额', payDate: '发放日期', project: '项目' },
  };
  it('takes a rule, its inputs and params, filling defaults and listing each role', () => {
    const r = ZRunCreate.safeParse({
      inspectionId: INSPECTION,
      rule: 'deceasedRecipients',
      inputs: { payments, deaths: { datasetId: DS2, columns: { idNo: '身份证号', deathDate: '死亡日期' } } },
    });
    expect(r.success && r.data).toEqual({
      inspectionId: INSPECTION,
      rule: 'deceasedRecipients',
      inputs: {
        payments: [payments],
        deaths: [{ datasetId: DS2, columns: { idNo: '身份证号', deathDate: '死亡日期' } }],
      },
      params: { graceDays: 0, includeDeathMonth: false },
    });
  });

  it('accepts several tables in one role (duplicates across files)', () => {
    const r = ZRunCreate.safeParse({
      inspectionId: INSPECTION,
      rule: 'duplicatePayments',
      inputs: { payments: [payments, { ...payments, datasetId: DS2 }] },
      params: { sameAmountOnly: true },
    });
    expect(r.success && r.data.inputs.payments?.length).toBe(2);
  });

  it('refuses missing roles, unmapped required columns, foreign roles, unknown fields', () => {
    const message = (v: unknown) => {
      const r = ZRunCreate.safeParse(v);
      return r.success ? null : r.error.issues[0]?.message;
    };
    expect(message({ inspectionId: INSPECTION, rule: 'deceasedRecipients', inputs: { payments } })).toBe(
      '请选择“死亡人员名单”的数据表',
    );
    expect(
      message({
        inspectionId: INSPECTION,
        rule: 'deceasedRecipients',
        inputs: { payments, deaths: { datasetId: DS2, columns: { idNo: '身份证号' } } },
      }),
    ).toBe('请为“死亡人员名单”指定“死亡日期”对应的列');
    expect(
      message({ inspectionId: INSPECTION, rule: 'duplicatePayments', inputs: { payments, deaths: payments } }),
    ).toBe('规则“重复发放”不使用“死亡人员名单”');
    expect(
      message({ inspectionId: INSPECTION, rule: 'duplicatePayments', inputs: { payments: [payments, payments] } }),
    ).toMatch(/选了两次/);
    expect(
      message({
        inspectionId: INSPECTION,
        rule: 'duplicatePayments',
        inputs: { payments: { ...payments, columns: { ...payments.columns, deathDate: '死亡日期' } } },
      }),
    ).toBe('“资金发放表”没有“死亡日期”这一列');
    expect(ZRunCreate.safeParse({ inspectionId: INSPECTION, rule: 'nope', inputs: {} }).success).toBe(false);
    expect(
      ZRunCreate.safeParse({ inspectionId: INSPECTION, rule: 'duplicatePayments', inputs: { payments }, extra: 1 })
        .success,
    ).toBe(false);
    expect(
      message({ inspectionId: INSPECTION, rule: 'duplicatePayments', inputs: { payments }, params: { x: 1 } }),
    ).toMatch(/没有参数/);
  });
});

describe('ZRunGetQuery', () => {
  it('takes a wait in whole milliseconds from 0 to the bound, as a query string carries it, or none', () => {
    expect(ZRunGetQuery.parse({})).toEqual({});
    expect(ZRunGetQuery.parse({ waitMs: '0' })).toEqual({ waitMs: 0 });
    expect(ZRunGetQuery.parse({ waitMs: '10000' })).toEqual({ waitMs: 10_000 });
    expect(ZRunGetQuery.parse({ waitMs: String(RUN_WAIT_MAX_MS) })).toEqual({ waitMs: RUN_WAIT_MAX_MS });
  });
  it('refuses a wait that is negative, fractional, not a number, above the bound, or another field', () => {
    for (const waitMs of ['-1', '0.5', 'abc', String(RUN_WAIT_MAX_MS + 1)])
      expect(ZRunGetQuery.safeParse({ waitMs }).success, waitMs).toBe(false);
    expect(ZRunGetQuery.safeParse({ waitMs: String(RUN_WAIT_MAX_MS + 1) }).error?.issues[0]?.message).toMatch(
      /不能超过/,
    );
    expect(ZRunGetQuery.safeParse({ wait: '1' }).success).toBe(false);
  });
});
