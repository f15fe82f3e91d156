import {
  AUDIT_ROLE_LABELS,
  LOGICAL_COLUMN_LABELS,
  ROLE_COLUMNS,
  type TAuditRole,
  type TLogicalColumn,
} from '@xc/domain/auditlink/columns';
import { auditRuleOf, ruleRoles } from '@xc/domain/auditlink/rules';
import type { TRunSpec } from '@xc/domain/auditlink/schemas';
import { type Mapped, type PrepKind, type RoleNeeds, TEMPLATES } from './rules/index.ts';

/** What each prepared kind of value is, for the auditor reading the SQL. */
const KIND_TEXT: Readonly<Record<PrepKind, string>> = {
  idKey: '身份证号规范化为 18 位后的前 17 位数字（第 18 位校验码由此算出）',
  date: '日期',
  period: '年月，写作 YYYYMM 的整数',
  textKey: '文本统一全半角、大小写并去掉空格后，在 textkeys(id, key) 中的编号',
  quantity: '数量（精确小数）',
  amount: '金额，单位：分',
  invoiceNo: '发票号码（数字）',
};

/**
 * The logical columns mapped in every table of each role (optional ones only when all the role's
 * tables have them: a template must not read a column that exists in one table only).
 */
export function mappedOf(spec: TRunSpec): Mapped {
  const mapped: Mapped = {};
  for (const role of ruleRoles(auditRuleOf(spec.rule))) {
    const list = spec.inputs[role] ?? [];
    const optional = ROLE_COLUMNS[role].optional.filter((c) => list.length > 0 && list.every((i) => i.columns[c]));
    mapped[role] = new Set<TLogicalColumn>([...ROLE_COLUMNS[role].required, ...optional]);
  }
  return mapped;
}

/** A comment block saying what each role's view holds and which file column each of its columns comes from. */
export function describeRelations(spec: TRunSpec, needs: RoleNeeds): string {
  const lines = [
    '-- 每个数据角色是一个视图，列为规范化后的值；无法识别的值为 NULL，该行列入“无效行”。',
    '-- _ds：该角色的第几个数据表（从 0 起）；_row：源文件中的行号（Excel 为工作表行号）。',
  ];
  for (const role of ruleRoles(auditRuleOf(spec.rule)) as TAuditRole[]) {
    lines.push(`-- ${role}（${AUDIT_ROLE_LABELS[role]}）：`);
    (spec.inputs[role] ?? []).forEach((input, ds) => {
      const cols = Object.entries(needs[role] ?? {})
        .map(([logical, kind]) => {
          const file = input.columns[logical as TLogicalColumn];
          const label = LOGICAL_COLUMN_LABELS[logical as TLogicalColumn];
          return file ? `${logical} ← “${file}”（${label}：${KIND_TEXT[kind]}）` : `${logical}（未对应，为 NULL）`;
        })
        .join('；');
      lines.push(`--   表 ${ds}（数据集 ${input.datasetId}）：${cols}`);
    });
  }
  return `${lines.join('\n')}\n`;
}

/** The SQL a run of `spec` executes, as shown to the auditor: the relations described, then the template. */
export function runSql(spec: TRunSpec): string {
  const tpl = TEMPLATES[spec.rule];
  return describeRelations(spec, tpl.needs(spec.params)) + tpl.sql(spec.params, mappedOf(spec));
}

/**
 * Why the template cannot serve this mapping and these parameters (a vehicle value threshold
 * without a value column …), or null. Runs check it before they start; the service before it
 * queues a run.
 */
export function runMappingProblem(spec: TRunSpec): string | null {
  return TEMPLATES[spec.rule].check?.(spec.params, mappedOf(spec)) ?? null;
}
