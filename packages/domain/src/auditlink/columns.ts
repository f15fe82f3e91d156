import { z } from 'zod';
import { normalizeIdNo } from './idno.ts';
import { parseAmount, parseDate, parsePeriod } from './values.ts';

/**
 * The logical columns a comparison rule reads, whatever the departments call them in their own
 * tables, and the roles a table plays in a rule (payments, the death register, the payroll …).
 */
export const LOGICAL_COLUMNS = [
  'idNo',
  'name',
  'amount',
  'payDate',
  'project',
  'period',
  'deathDate',
  'employer',
  'plate',
  'registeredOn',
  'vehicleValue',
  'item',
  'spec',
  'month',
  'quantity',
  'supplier',
  'invoiceCode',
  'invoiceNo',
  'invoiceDate',
] as const;
export const ZLogicalColumn = z.enum(LOGICAL_COLUMNS, { error: '逻辑列不在可选范围内' });
export type TLogicalColumn = z.infer<typeof ZLogicalColumn>;

/** How a logical column's values are read and compared. */
export type TValueKind = 'idNo' | 'name' | 'amount' | 'date' | 'period' | 'quantity' | 'text';

export const LOGICAL_COLUMN_KINDS: Readonly<Record<TLogicalColumn, TValueKind>> = {
  idNo: 'idNo',
  name: 'name',
  amount: 'amount',
  payDate: 'date',
  project: 'text',
  period: 'period',
  deathDate: 'date',
  employer: 'text',
  plate: 'text',
  registeredOn: 'date',
  vehicleValue: 'amount',
  item: 'text',
  spec: 'text',
  month: 'period',
  quantity: 'quantity',
  supplier: 'text',
  invoiceCode: 'text',
  invoiceNo: 'text',
  invoiceDate: 'date',
};

/**
 * The usual Chinese headers of each logical column; the first is its label. A header maps itself
 * when, after NFKC, trimming and dropping spaces, a required-field star and a (元) unit, it equals
 * one of these or the logical name itself. Headers in 万元 are deliberately absent: their values
 * are not 元, and mapping them must be a person's decision.
 */
export const LOGICAL_COLUMN_SYNONYMS: Readonly<Record<TLogicalColumn, readonly string[]>> = {
  idNo: [
    '身份证号',
    '身份证号码',
    '公民身份号码',
    '证件号码',
    '证件号',
    '身份证',
    '身份证件号码',
    '居民身份证号码',
    '户主身份证号',
    '户主身份证号码',
    '领取人身份证号',
    '领取人身份证号码',
    '收款人身份证号',
    '死者身份证号',
    '所有人身份证号',
    '车主身份证号',
  ],
  name: [
    '姓名',
    '户主姓名',
    '领取人',
    '领取人姓名',
    '收款人',
    '收款人姓名',
    '人员姓名',
    '死者姓名',
    '车主姓名',
    '所有人',
  ],
  amount: [
    '金额',
    '发放金额',
    '补贴金额',
    '实发金额',
    '救助金额',
    '补助金额',
    '发票金额',
    '价税合计',
    '开票金额',
    '合计金额',
  ],
  payDate: ['发放日期', '发放时间', '支付日期', '打卡日期', '到账日期', '拨付日期'],
  project: ['项目', '补贴项目', '资金名称', '补贴类别', '救助类别', '资金项目', '项目名称', '补贴名称', '资金类别'],
  period: ['期间', '发放月份', '所属期', '所属期间', '所属月份', '发放年月', '补贴年月', '年月'],
  deathDate: ['死亡日期', '死亡时间'],
  employer: ['工作单位', '单位名称', '所在单位', '任职单位', '单位'],
  plate: ['车牌号', '号牌号码', '车牌号码', '号牌', '车牌'],
  registeredOn: ['登记日期', '初次登记日期', '注册日期', '初次登记时间', '登记时间'],
  vehicleValue: ['车辆价值', '购置价格', '车辆价格', '购车价格', '评估价值'],
  item: ['品名', '耗材名称', '材料名称', '物资名称', '商品名称', '收费项目名称', '名称'],
  spec: ['规格', '规格型号', '型号'],
  month: ['月份', '统计月份', '年月', '收费月份', '出库月份', '收费日期', '出库日期', '领用日期'],
  quantity: ['数量', '收费数量', '出库数量', '领用数量', '使用数量', '计费数量'],
  supplier: ['供应商', '销售方名称', '销售方', '销方名称', '开票单位', '供货单位'],
  invoiceCode: ['发票代码'],
  invoiceNo: ['发票号码', '发票号'],
  invoiceDate: ['开票日期', '开票时间'],
};

export const LOGICAL_COLUMN_LABELS: Readonly<Record<TLogicalColumn, string>> = Object.fromEntries(
  LOGICAL_COLUMNS.map((c) => [c, LOGICAL_COLUMN_SYNONYMS[c][0] as string]),
) as Record<TLogicalColumn, string>;

export const AUDIT_ROLES = ['payments', 'deaths', 'payroll', 'vehicles', 'charges', 'issues', 'invoices'] as const;
export const ZAuditRole = z.enum(AUDIT_ROLES, { error: '数据角色不在可选范围内' });
export type TAuditRole = z.infer<typeof ZAuditRole>;

export const AUDIT_ROLE_LABELS: Readonly<Record<TAuditRole, string>> = {
  payments: '资金发放表',
  deaths: '死亡人员名单',
  payroll: '财政供养人员名单',
  vehicles: '车辆登记信息',
  charges: '患者收费明细',
  issues: '库房出库记录',
  invoices: '发票明细',
};

/** The columns each role must have, and those it may have (a payment's period, a vehicle's value …). */
export const ROLE_COLUMNS: Readonly<
  Record<TAuditRole, { required: readonly TLogicalColumn[]; optional: readonly TLogicalColumn[] }>
> = {
  payments: { required: ['idNo', 'name', 'amount', 'payDate', 'project'], optional: ['period'] },
  deaths: { required: ['idNo', 'deathDate'], optional: ['name'] },
  payroll: { required: ['idNo', 'name', 'employer'], optional: [] },
  vehicles: { required: ['idNo', 'plate', 'registeredOn'], optional: ['vehicleValue', 'name'] },
  charges: { required: ['item', 'month', 'quantity'], optional: ['spec'] },
  issues: { required: ['item', 'month', 'quantity'], optional: ['spec'] },
  invoices: { required: ['supplier', 'invoiceNo', 'invoiceDate', 'amount'], optional: ['invoiceCode'] },
};

/** A header as autoMap compares it. */
function headerKey(header: string): string {
  return String(header ?? '')
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/\s+/g, '')
    .replace(/^\*+/, '')
    .replace(/\((?:单位:)?元\)$/, '')
    .toLowerCase();
}

const SYNONYM_INDEX: ReadonlyMap<string, TLogicalColumn[]> = (() => {
  const m = new Map<string, TLogicalColumn[]>();
  for (const c of LOGICAL_COLUMNS)
    for (const label of [c, ...LOGICAL_COLUMN_SYNONYMS[c]]) {
      const k = headerKey(label);
      m.set(k, [...(m.get(k) ?? []), c]);
    }
  return m;
})();

/**
 * The file columns that map themselves to the logical columns of `role`: a header equal to the
 * logical name or one of its usual labels. The first such header wins; a header is used once.
 */
export function autoMap(headers: readonly string[], role: TAuditRole): Partial<Record<TLogicalColumn, string>> {
  const wanted = new Set([...ROLE_COLUMNS[role].required, ...ROLE_COLUMNS[role].optional]);
  const out: Partial<Record<TLogicalColumn, string>> = {};
  for (const h of headers)
    for (const c of SYNONYM_INDEX.get(headerKey(h)) ?? [])
      if (wanted.has(c) && out[c] === undefined && !Object.values(out).includes(h)) {
        out[c] = h;
        break;
      }
  return out;
}

/** The logical column a header names in any role, if any: the ingest prepares such columns ahead. */
export function logicalColumnOf(header: string): TLogicalColumn | undefined {
  return SYNONYM_INDEX.get(headerKey(header))?.[0];
}

export const COLUMN_TYPES = ['empty', 'idNo', 'date', 'period', 'integer', 'decimal', 'text'] as const;
export const ZColumnType = z.enum(COLUMN_TYPES);
export type TColumnType = z.infer<typeof ZColumnType>;
export const COLUMN_TYPE_LABELS: Readonly<Record<TColumnType, string>> = {
  empty: '空列',
  idNo: '身份证号',
  date: '日期',
  period: '年月',
  integer: '整数',
  decimal: '数字',
  text: '文本',
};

/** Share of the non-empty sample values that must read as a type for the column to show as it. */
const TYPE_INFERENCE_SHARE = 0.9;

const ID_SHAPE = /^(?:\d{15}|\d{17}[\dX])$/;

/**
 * The type a column is shown with, from a sample of its values. Only for display: storage keeps
 * every value as the text in the file, so nothing is coerced (a 身份证号 or an account number with
 * leading zeros stays as it was). A column of plain numbers is a number, not Excel dates.
 */
export function inferColumnType(sample: readonly (string | null | undefined)[]): TColumnType {
  const values = sample.map((v) => String(v ?? '').trim()).filter((v) => v !== '');
  if (values.length === 0) return 'empty';
  const share = (f: (v: string) => boolean) => values.filter(f).length / values.length >= TYPE_INFERENCE_SHARE;
  const folded = (v: string) => v.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  const plainNumber = (v: string) => /^[-+]?\d+(?:\.\d+)?$/.test(v);
  // The shape alone would take 18-digit account numbers for 身份证号; most real ones also pass the check.
  if (share((v) => ID_SHAPE.test(folded(v))) && values.filter((v) => normalizeIdNo(v).ok).length * 2 >= values.length)
    return 'idNo';
  if (share((v) => (!plainNumber(v) || /^\d{8}$/.test(v)) && parseDate(v).ok)) return 'date';
  if (share((v) => (!plainNumber(v) || /^\d{6}$/.test(v)) && parsePeriod(v).ok)) return 'period';
  if (share((v) => /^-?(?:0|[1-9]\d{0,14})$/.test(v))) return 'integer';
  if (share((v) => !/^0\d/.test(v) && parseAmount(v).ok)) return 'decimal';
  return 'text';
}
