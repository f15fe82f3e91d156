import { z } from 'zod';
import { zText } from '../common/text.ts';
import { AUDIT_ROLES, ROLE_COLUMNS, type TAuditRole, type TLogicalColumn } from './columns.ts';
import { parseAmount, parseQuantity, type TParsed } from './values.ts';

/**
 * The comparison rules (巡审贯通 rule templates) offered in the gallery. Each reads one or more
 * tables in named roles, has parameters with defaults (so `params: {}` runs it as shipped) and a
 * version that is kept with every run, so a hit can be reproduced with the rule as it was.
 */
export const AUDIT_RULE_IDS = [
  'deceasedRecipients',
  'publicServantRecipients',
  'vehicleOwnerRecipients',
  'duplicatePayments',
  'consumablesBilledNotIssued',
  'invoiceScreens',
] as const;
export const ZAuditRuleId = z.enum(AUDIT_RULE_IDS, { error: '比对规则不存在' });
export type TAuditRuleId = z.infer<typeof ZAuditRuleId>;

interface TParamBase {
  label: string;
  help: string;
}
export type TRuleParam =
  | (TParamBase & { type: 'integer'; default: number; min: number; max: number; unit: string })
  /** An amount in 元 written as a decimal string; resolved to integer 分. */
  | (TParamBase & { type: 'amount'; default: string })
  /** A quantity of goods as a decimal string; resolved to its canonical decimal string. */
  | (TParamBase & { type: 'quantity'; default: string })
  | (TParamBase & { type: 'boolean'; default: boolean })
  /** Words matched against a text column (contains, after matchKey folding). */
  | (TParamBase & { type: 'keywords'; default: readonly string[]; maxItems: number })
  | (TParamBase & {
      type: 'choices';
      options: readonly { value: string; label: string }[];
      default: readonly string[];
    });

export interface TAuditRule {
  id: TAuditRuleId;
  name: string;
  /** What the rule finds and why it matters, in a sentence or two, for the gallery. */
  summary: string;
  version: number;
  /** Role → the logical columns it must map. */
  inputs: Readonly<Partial<Record<TAuditRole, readonly TLogicalColumn[]>>>;
  /** Role → the logical columns it may map as well. */
  optionalInputs: Readonly<Partial<Record<TAuditRole, readonly TLogicalColumn[]>>>;
  params: Readonly<Record<string, TRuleParam>>;
  /** The fields of a hit's `keys`, with their labels. */
  keys: Readonly<Record<string, string>>;
  /** The figures of a hit's `measures`, with their labels. */
  measures: Readonly<Record<string, string>>;
}

/**
 * Projects granted on a means test (家庭经济状况核查): 低保, 特困供养 and the 救助 family. Keywords,
 * because each county names its funds its own way (农村低保, 城市居民最低生活保障金 …).
 */
export const MEANS_TESTED_KEYWORDS: readonly string[] = Object.freeze([
  '低保',
  '最低生活保障',
  '特困',
  '临时救助',
  '医疗救助',
  '教育救助',
  '住房救助',
  '公租房',
  '廉租',
  '困难残疾人生活补贴',
  '困难群众',
]);

const projectsParam: TRuleParam = {
  type: 'keywords',
  label: '需核查家庭经济状况的项目（关键词）',
  help: '项目名称包含其中任一关键词的发放才参与比对；清空则比对全部项目',
  default: MEANS_TESTED_KEYWORDS,
  maxItems: 50,
};

export const INVOICE_SCREENS = ['roundAmount', 'consecutiveNumbers', 'holidayDate', 'duplicateNumber'] as const;
export type TInvoiceScreen = (typeof INVOICE_SCREENS)[number];
export const INVOICE_SCREEN_LABELS: Readonly<Record<TInvoiceScreen, string>> = {
  roundAmount: '整数金额',
  consecutiveNumbers: '同一销售方连号',
  holidayDate: '节假日开票',
  duplicateNumber: '发票号码重复',
};

function roleInputs(roles: readonly TAuditRole[], which: 'required' | 'optional') {
  return Object.fromEntries(roles.map((r) => [r, ROLE_COLUMNS[r][which]])) as Partial<
    Record<TAuditRole, readonly TLogicalColumn[]>
  >;
}

function rule(def: Omit<TAuditRule, 'inputs' | 'optionalInputs'> & { roles: readonly TAuditRole[] }): TAuditRule {
  const { roles, ...rest } = def;
  return { ...rest, inputs: roleInputs(roles, 'required'), optionalInputs: roleInputs(roles, 'optional') };
}

export const AUDIT_RULES: readonly TAuditRule[] = [
  rule({
    id: 'deceasedRecipients',
    name: '死亡人员仍领取补贴',
    summary:
      '把资金发放表与死亡人员名单按身份证号比对，找出死亡后仍在发放的补贴。默认只列出所属期在死亡月份之后、且发放日期晚于死亡日期的发放；同一人多条死亡记录取最早的日期。',
    version: 1,
    roles: ['payments', 'deaths'],
    params: {
      graceDays: {
        type: 'integer',
        label: '宽限天数',
        help: '发放日期比死亡日期晚超过这个天数才算疑点。0：死亡当天的发放不算、次日起算；-1：死亡当天的发放也算',
        default: 0,
        min: -31,
        max: 366,
        unit: '天',
      },
      includeDeathMonth: {
        type: 'boolean',
        label: '死亡当月的待遇也列为疑点',
        help: '默认不列：多数项目死亡当月的待遇照发，次月起停发',
        default: false,
      },
    },
    keys: { idNo: '身份证号' },
    measures: {
      count: '疑点发放笔数',
      amountCents: '疑点发放金额（分）',
      deathDate: '死亡日期',
      firstPayDate: '死亡后首次发放日期',
      lastPayDate: '死亡后最后发放日期',
      namesMatch: '两表姓名是否一致',
    },
  }),
  rule({
    id: 'publicServantRecipients',
    name: '财政供养人员领取困难群众补贴',
    summary: '把资金发放表与财政供养人员名单按身份证号比对，找出公职人员本人领取低保、特困等需核查家庭经济状况的补贴。',
    version: 1,
    roles: ['payments', 'payroll'],
    params: { projects: projectsParam },
    keys: { idNo: '身份证号' },
    measures: {
      count: '发放笔数',
      amountCents: '发放金额（分）',
      employer: '工作单位',
      namesMatch: '两表姓名是否一致',
    },
  }),
  rule({
    id: 'vehicleOwnerRecipients',
    name: '有车人员领取困难群众补贴',
    summary:
      '把资金发放表与车辆登记信息按身份证号比对，找出发放时名下已登记车辆（可按数量或价值设门槛）的人员领取低保、特困等补贴。',
    version: 1,
    roles: ['payments', 'vehicles'],
    params: {
      projects: projectsParam,
      minVehicles: {
        type: 'integer',
        label: '名下车辆数达到',
        help: '发放日当天或之前登记的车辆数达到这个数才算疑点',
        default: 1,
        min: 1,
        max: 100,
        unit: '辆',
      },
      minVehicleValue: {
        type: 'amount',
        label: '只计价值不低于此金额的车辆（元）',
        help: '需对应“车辆价值”列；0 表示不看价值',
        default: '0',
      },
    },
    keys: { idNo: '身份证号' },
    measures: {
      count: '发放笔数',
      amountCents: '发放金额（分）',
      vehicles: '名下车辆数',
      namesMatch: '两表姓名是否一致',
    },
  }),
  rule({
    id: 'duplicatePayments',
    name: '重复发放',
    summary:
      '同一身份证号在同一项目、同一期间领取两次以上（可跨多个发放表），找出重复申领、重复发放。没有所属期列时按发放日期所在月份。',
    version: 1,
    roles: ['payments'],
    params: {
      sameAmountOnly: {
        type: 'boolean',
        label: '只有金额相同才算重复',
        help: '默认不论金额，同期同项目领取两次即列出',
        default: false,
      },
    },
    keys: { idNo: '身份证号', project: '项目', period: '期间' },
    measures: { count: '发放笔数', amountCents: '合计金额（分）', datasets: '涉及数据表数' },
  }),
  rule({
    id: 'consumablesBilledNotIssued',
    name: '耗材收费多于出库',
    summary:
      '按品名（及规格）和月份，把向患者收取的耗材数量与库房出库数量比对，收费数量超过出库数量加允许差额的，可能存在虚记多收。',
    version: 1,
    roles: ['charges', 'issues'],
    params: {
      tolerance: {
        type: 'quantity',
        label: '允许差额（数量）',
        help: '收费数量超过出库数量加这个数才算疑点',
        default: '0',
      },
      tolerancePercent: {
        type: 'integer',
        label: '允许差额（占出库数量的百分比）',
        help: '与上一项取较大者',
        default: 0,
        min: 0,
        max: 100,
        unit: '%',
      },
    },
    keys: { item: '品名', spec: '规格', month: '月份' },
    measures: { billed: '收费数量', issued: '出库数量', excess: '超出数量' },
  }),
  rule({
    id: 'invoiceScreens',
    name: '发票疑点筛查',
    summary:
      '筛查整数金额发票、同一销售方连号发票、在法定节假日和周末开具的发票（按系统节假日日历，调休上班日不算），以及号码重复的发票。',
    version: 1,
    roles: ['invoices'],
    params: {
      screens: {
        type: 'choices',
        label: '筛查项目',
        help: '可多选',
        options: INVOICE_SCREENS.map((value) => ({ value, label: INVOICE_SCREEN_LABELS[value] })),
        default: INVOICE_SCREENS,
      },
      roundUnit: {
        type: 'amount',
        label: '整数金额的单位（元）',
        help: '金额是这个数的整数倍（且不为 0）的发票列为整数金额疑点',
        default: '1000',
      },
      runLength: {
        type: 'integer',
        label: '连号张数达到',
        help: '同一销售方（及发票代码）号码连续的发票达到这个张数才算疑点',
        default: 3,
        min: 2,
        max: 1000,
        unit: '张',
      },
    },
    keys: { screen: '疑点类型', supplier: '销售方', invoiceCode: '发票代码', invoiceNo: '发票号码' },
    measures: { count: '发票张数', amountCents: '金额（分）', invoiceDate: '开票日期', dayKind: '日期类型' },
  }),
];

const BY_ID: ReadonlyMap<string, TAuditRule> = new Map(AUDIT_RULES.map((r) => [r.id, r]));

export function auditRuleOf(id: TAuditRuleId): TAuditRule {
  return BY_ID.get(id) as TAuditRule;
}

/** The roles a rule reads. */
export function ruleRoles(r: TAuditRule): TAuditRole[] {
  return AUDIT_ROLES.filter((role) => r.inputs[role] !== undefined);
}

/** Parameter values after defaults and parsing: integers, amounts in 分, quantities as decimal strings. */
export type TResolvedParams = Record<string, number | string | boolean | string[]>;

function paramSchema(p: TRuleParam): z.ZodType<unknown> {
  const l = p.label;
  switch (p.type) {
    case 'integer':
      return z
        .number({ error: `${l}必须是整数` })
        .int({ message: `${l}必须是整数` })
        .min(p.min, { message: `${l}不能小于 ${p.min}` })
        .max(p.max, { message: `${l}不能大于 ${p.max}` });
    case 'amount':
      return z.union([z.string().max(40), z.number()], { error: `${l}必须是金额` }).transform((v, ctx) => {
        const r = parseAmount(String(v));
        if (!r.ok || r.value < 0) {
          ctx.addIssue({ code: 'custom', message: `${l}应为不小于 0 的金额` });
          return z.NEVER;
        }
        return r.value;
      });
    case 'quantity':
      return z.union([z.string().max(40), z.number()], { error: `${l}必须是数量` }).transform((v, ctx) => {
        const r = parseQuantity(String(v));
        if (!r.ok || r.value.startsWith('-')) {
          ctx.addIssue({ code: 'custom', message: `${l}应为不小于 0 的数量` });
          return z.NEVER;
        }
        return r.value;
      });
    case 'boolean':
      return z.boolean({ error: `${l}必须是是或否` });
    case 'keywords':
      return z
        .array(zText(l, { max: 50 }), { error: `${l}必须是关键词列表` })
        .max(p.maxItems, { message: `${l}最多 ${p.maxItems} 个` })
        .transform((xs) => [...new Set(xs)]);
    case 'choices': {
      const values = p.options.map((o) => o.value) as [string, ...string[]];
      return z
        .array(z.enum(values, { error: `${l}包含无效的选项` }), { error: `${l}必须是选项列表` })
        .min(1, { message: `${l}至少选一项` })
        .max(values.length)
        .transform((xs) => values.filter((v) => xs.includes(v)));
    }
  }
}

/**
 * The parameters of a run with every default filled in and every value parsed, or the Chinese
 * reason the first bad one is refused. Unknown parameters are refused, not ignored: a typo would
 * otherwise run the rule as shipped while the auditor believes otherwise.
 */
export function resolveRuleParams(id: TAuditRuleId, params: Record<string, unknown>): TParsed<TResolvedParams> {
  const r = auditRuleOf(id);
  const out: TResolvedParams = {};
  for (const key of Object.keys(params))
    if (!Object.hasOwn(r.params, key)) return { ok: false, reason: `规则“${r.name}”没有参数“${key.slice(0, 40)}”` };
  for (const [key, p] of Object.entries(r.params)) {
    const given = params[key];
    const parsed = paramSchema(p).safeParse(given === undefined ? structuredClone(p.default) : given);
    if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? `${p.label}不正确` };
    out[key] = parsed.data as TResolvedParams[string];
  }
  return { ok: true, value: out };
}
