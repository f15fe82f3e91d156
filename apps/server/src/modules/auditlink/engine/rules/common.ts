import type { TAuditRole, TLogicalColumn } from '@xc/domain/auditlink/columns';
import type { TAuditRuleId, TResolvedParams } from '@xc/domain/auditlink/rules';
import { normalizeName } from '@xc/domain/auditlink/values';

/**
 * What a rule template is. A template reads each of its roles as one relation named after the role
 * (payments, deaths …) whose columns are the role's logical columns, already normalized once per
 * dataset by the engine (see prepare.ts):
 *
 *   _ds   which of the role's tables the row comes from (0, 1 … in the order of the run's inputs)
 *   _row  the line of the CSV, or the sheet row of the XLSX, the row was read from
 *   idNo        BIGINT   the first 17 digits of the normalized 身份证号 (the 18th follows from them)
 *   payDate …   DATE     dates
 *   period …    INTEGER  months as YYYYMM
 *   project …   INTEGER  free text, as an id in `textkeys(id, key)` where key is the matchKey form
 *   quantity    DECIMAL(18,4)
 *   amount …    BIGINT   分
 *   invoiceNo   VARCHAR  digits
 *
 * A value that could not be read is NULL there (and the row is reported as invalid). The query
 * answers one row per hit with columns k_* (keys), m_* (measures) and e_<role> (the evidence as
 * LIST(STRUCT(ds, row))). Parameters are written into the SQL as literals, which the catalog has
 * validated, so the SQL the auditor is shown is the SQL that ran.
 */
export type PrepKind = 'idKey' | 'date' | 'period' | 'textKey' | 'quantity' | 'amount' | 'invoiceNo';

export type RoleNeeds = Partial<Record<TAuditRole, Partial<Record<TLogicalColumn, PrepKind>>>>;

/** Logical columns actually mapped, per role, across every table of the role. */
export type Mapped = Partial<Record<TAuditRole, ReadonlySet<TLogicalColumn>>>;

/** Per role, what the figures that come from the evidence rows need to read: the raw cell of a logical column. */
export type CellOf = (
  role: TAuditRole,
  ref: { datasetId: string; values: Record<string, string | null> },
  logical: TLogicalColumn,
) => string | null;

export interface RuleTemplate {
  id: TAuditRuleId;
  /** The logical columns each role must have prepared, and as what. Optional columns are prepared when mapped. */
  needs(params: TResolvedParams): RoleNeeds;
  /** A Chinese reason when the mapping cannot serve these parameters (a value threshold without a value column). */
  check?(params: TResolvedParams, mapped: Mapped): string | null;
  /** The query, reading the role relations and `textkeys` (and `offdays` for invoiceScreens). */
  sql(params: TResolvedParams, mapped: Mapped): string;
  /** Measures computed from the evidence rows (amounts summed exactly by the domain's parseAmount). */
  finish?(
    hit: {
      measures: Record<string, string | number>;
      evidence: Partial<Record<TAuditRole, { datasetId: string; values: Record<string, string | null> }[]>>;
    },
    cell: CellOf,
  ): void;
}

/** SQL literals for validated parameter values. */
export const lit = {
  int(n: unknown): string {
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new TypeError('integer parameter expected');
    return String(n);
  },
  bool(b: unknown): string {
    return b === true ? 'TRUE' : 'FALSE';
  },
  str(s: string): string {
    return `'${s.replaceAll("'", "''")}'`;
  },
  decimal(s: unknown): string {
    if (typeof s !== 'string' || !/^-?\d+(?:\.\d+)?$/.test(s)) throw new TypeError('decimal parameter expected');
    return `${s}::DECIMAL(18,4)`;
  },
};

/** `LIST(STRUCT(ds, row))` of the rows of an aggregate, in order. */
export const rowsList = (alias = '') => `list({ds: ${alias}_ds, row: ${alias}_row} ORDER BY ${alias}_ds, ${alias}_row)`;

/** A period column, or the month of a date column when the period is missing. */
export const periodOr = (period: string, date: string) => `coalesce(${period}, year(${date}) * 100 + month(${date}))`;

/** The text ids whose key contains one of `keywords` (already in matchKey form); every id when there are none. */
export function textIdsContaining(keywords: readonly string[]): string {
  if (keywords.length === 0) return 'SELECT id FROM textkeys';
  return `SELECT id FROM textkeys WHERE ${keywords.map((k) => `contains(key, ${lit.str(k)})`).join(' OR ')}`;
}

/**
 * Whether the names on both sides of a person hit agree, after normalizeName: '一致' or '不一致',
 * or null when a side has no name. A 身份证号 that matches under two different names is more often
 * a typing error than a finding, and the auditor should see it at once.
 */
export function namesAgree(
  hit: { evidence: Partial<Record<TAuditRole, { datasetId: string; values: Record<string, string | null> }[]>> },
  cell: CellOf,
  a: TAuditRole,
  b: TAuditRole,
): '一致' | '不一致' | null {
  const names = (role: TAuditRole) =>
    new Set(
      (hit.evidence[role] ?? [])
        .map((r) => cell(role, r, 'name'))
        .filter((n): n is string => Boolean(n?.trim()))
        .map(normalizeName),
    );
  const x = names(a);
  const y = names(b);
  if (x.size === 0 || y.size === 0) return null;
  return [...x].some((n) => y.has(n)) ? '一致' : '不一致';
}

/** Σ of parseable amounts of the rows of `role`, in 分. */
export function sumAmounts(
  rows: readonly { datasetId: string; values: Record<string, string | null> }[] | undefined,
  role: TAuditRole,
  cell: CellOf,
  parse: (raw: string) => { ok: true; value: number } | { ok: false; reason: string },
): number {
  let total = 0;
  for (const r of rows ?? []) {
    const v = cell(role, r, 'amount');
    const p = v === null ? null : parse(v);
    if (p?.ok) total += p.value;
  }
  return total;
}
