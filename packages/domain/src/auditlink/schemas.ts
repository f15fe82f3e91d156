import { z } from 'zod';
import { zCursor, zId, zLimit, zPage, zText } from '../common/text.ts';
import { MAX_CLUE_SUBJECTS, ZClueSubjectIn } from '../fieldwork/schemas.ts';
import { ZDiscipline } from '../petitions/schemas.ts';
import {
  AUDIT_ROLE_LABELS,
  LOGICAL_COLUMN_LABELS,
  ROLE_COLUMNS,
  type TAuditRole,
  type TLogicalColumn,
  ZAuditRole,
  ZColumnType,
  ZLogicalColumn,
} from './columns.ts';
import { auditRuleOf, resolveRuleParams, ruleRoles, type TResolvedParams, ZAuditRuleId } from './rules.ts';

/** At most this many tables may play one role in a run (several months' payment files, say). */
export const MAX_DATASETS_PER_ROLE = 10;

export const DATASET_FORMATS = ['csv', 'xlsx'] as const;
export const ZDatasetFormat = z.enum(DATASET_FORMATS);
export type TDatasetFormat = z.infer<typeof ZDatasetFormat>;

/** The text encoding a CSV was found in (an XLSX is UTF-8 inside). */
export const DATASET_ENCODINGS = ['utf8', 'utf8bom', 'gb18030'] as const;
export const ZDatasetEncoding = z.enum(DATASET_ENCODINGS);
export type TDatasetEncoding = z.infer<typeof ZDatasetEncoding>;
export const DATASET_ENCODING_LABELS: Readonly<Record<TDatasetEncoding, string>> = {
  utf8: 'UTF-8',
  utf8bom: 'UTF-8（带 BOM）',
  gb18030: 'GB18030/GBK',
};

export const ZDatasetColumn = z.object({ name: z.string(), type: ZColumnType });
export type TDatasetColumn = z.infer<typeof ZDatasetColumn>;

export const DATASET_STATUSES = ['ingesting', 'ready'] as const;
export const ZDatasetStatus = z.enum(DATASET_STATUSES);
export type TDatasetStatus = z.infer<typeof ZDatasetStatus>;
export const DATASET_STATUS_LABELS: Readonly<Record<TDatasetStatus, string>> = {
  ingesting: '正在读取',
  ready: '可用',
};

/** A column as listed: its header, the type shown, and the logical column its header names, if any. */
export const ZDatasetColumnOut = ZDatasetColumn.extend({ logical: ZLogicalColumn.nullable() });
export type TDatasetColumnOut = z.infer<typeof ZDatasetColumnOut>;

/**
 * A table brought into an inspection, as listed: what the engine learnt at upload (rows, columns
 * with their displayed types, encoding, the SM3 of the uploaded file) and who brought it when.
 * While it is read, `status` is 'ingesting' with the bytes and rows read so far; an upload whose
 * reading stopped reporting (the server went down mid-way) is `stalled` and may be deleted.
 */
export const ZDataset = z.object({
  id: z.string(),
  inspectionId: z.string(),
  fileName: z.string(),
  status: ZDatasetStatus,
  format: ZDatasetFormat.nullable(),
  encoding: ZDatasetEncoding.nullable(),
  rows: z.number().int(),
  bytes: z.number().int(),
  columns: z.array(ZDatasetColumnOut),
  /** The line (CSV) or sheet row (XLSX) the headers were read from; title rows above it are skipped. */
  headerRow: z.number().int().nullable(),
  checksum: z.string().nullable(),
  /** Rows whose 身份证号 is not a valid number, over every 身份证号 column. */
  invalidIdRows: z.number().int(),
  stalled: z.boolean(),
  uploadedById: z.string(),
  uploadedByName: z.string(),
  uploadedAt: z.string(),
});
export type TDataset = z.infer<typeof ZDataset>;

export const ZDatasetList = zPage(ZDataset);
export const ZDatasetListQuery = z.strictObject({ inspectionId: zId, limit: zLimit, cursor: zCursor });
export type TDatasetListQuery = z.infer<typeof ZDatasetListQuery>;

/** A 身份证号 column with values that are not valid numbers, as found at upload. */
export const ZIdColumnProblems = z.object({
  column: z.string(),
  rows: z.number().int(),
  examples: z.array(z.object({ row: z.number().int(), value: z.string().nullable(), reason: z.string() })),
});
export type TIdColumnProblems = z.infer<typeof ZIdColumnProblems>;

/**
 * One dataset in full: the first rows as they are in the file, the invalid 身份证号 found at upload,
 * the mapping each role would start from (headers that name their logical column), and the runs
 * that read it.
 */
export const ZDatasetDetail = ZDataset.extend({
  preview: z.array(z.record(z.string(), z.string().nullable())),
  idProblems: z.array(ZIdColumnProblems),
  suggestedMappings: z.partialRecord(ZAuditRole, z.partialRecord(ZLogicalColumn, z.string())),
  runs: z.number().int(),
});
export type TDatasetDetail = z.infer<typeof ZDatasetDetail>;

/** `POST /api/audit-link/datasets` answers the contract's three fields. */
export const ZDatasetUploaded = z.object({ id: z.string(), rows: z.number().int(), columns: z.array(z.string()) });
export type TDatasetUploaded = z.infer<typeof ZDatasetUploaded>;

/** One table in one role of a run, with its columns mapped: logical column → header in the file. */
export const ZRunInput = z.strictObject({
  datasetId: zId,
  columns: z.partialRecord(ZLogicalColumn, zText('列名', { max: 200 })),
});
export type TRunInput = z.infer<typeof ZRunInput>;

const ZRunInputs = z.partialRecord(
  ZAuditRole,
  z.union([ZRunInput, z.array(ZRunInput).min(1).max(MAX_DATASETS_PER_ROLE)], {
    error: `每个数据角色需要 1 至 ${MAX_DATASETS_PER_ROLE} 个数据表`,
  }),
);

/** A run as the engine takes it: every role as a list of tables, parameters resolved. */
export interface TRunSpec {
  rule: z.infer<typeof ZAuditRuleId>;
  inputs: Partial<Record<TAuditRole, TRunInput[]>>;
  params: TResolvedParams;
}

/**
 * Checks a run's inputs against its rule (every role present, every required column mapped, no
 * column the role does not have) and resolves its parameters. Returns the Chinese reason of the
 * first problem, or the spec.
 */
export function checkRunSpec(
  rule: z.infer<typeof ZAuditRuleId>,
  inputs: Partial<Record<TAuditRole, TRunInput | TRunInput[]>>,
  params: Record<string, unknown>,
): { ok: true; value: TRunSpec } | { ok: false; reason: string } {
  const def = auditRuleOf(rule);
  const roles = ruleRoles(def);
  const out: Partial<Record<TAuditRole, TRunInput[]>> = {};
  for (const role of Object.keys(inputs) as TAuditRole[])
    if (!roles.includes(role)) return { ok: false, reason: `规则“${def.name}”不使用“${AUDIT_ROLE_LABELS[role]}”` };
  for (const role of roles) {
    const given = inputs[role];
    if (given === undefined) return { ok: false, reason: `请选择“${AUDIT_ROLE_LABELS[role]}”的数据表` };
    const list = Array.isArray(given) ? given : [given];
    if (new Set(list.map((i) => i.datasetId)).size !== list.length)
      return { ok: false, reason: `“${AUDIT_ROLE_LABELS[role]}”中同一个数据表选了两次` };
    const allowed = new Set<TLogicalColumn>([...ROLE_COLUMNS[role].required, ...ROLE_COLUMNS[role].optional]);
    for (const input of list) {
      for (const c of Object.keys(input.columns) as TLogicalColumn[])
        if (!allowed.has(c))
          return { ok: false, reason: `“${AUDIT_ROLE_LABELS[role]}”没有“${LOGICAL_COLUMN_LABELS[c]}”这一列` };
      for (const c of ROLE_COLUMNS[role].required)
        if (!input.columns[c])
          return { ok: false, reason: `请为“${AUDIT_ROLE_LABELS[role]}”指定“${LOGICAL_COLUMN_LABELS[c]}”对应的列` };
    }
    out[role] = list;
  }
  const p = resolveRuleParams(rule, params);
  if (!p.ok) return p;
  return { ok: true, value: { rule, inputs: out, params: p.value } };
}

/** `POST /api/audit-link/runs`: a rule, the tables for its roles with their column mappings, and parameters. */
export const ZRunCreate = z
  .strictObject({
    inspectionId: zId,
    rule: ZAuditRuleId,
    inputs: ZRunInputs,
    params: z.record(z.string().max(40), z.unknown()).default({}),
  })
  .transform((v, ctx) => {
    const spec = checkRunSpec(v.rule, v.inputs, v.params);
    if (!spec.ok) {
      ctx.addIssue({ code: 'custom', message: spec.reason, path: ['inputs'] });
      return z.NEVER;
    }
    return { inspectionId: v.inspectionId, ...spec.value };
  });
export type TRunCreate = z.output<typeof ZRunCreate>;

export const RUN_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const ZRunStatus = z.enum(RUN_STATUSES);
export type TRunStatus = z.infer<typeof ZRunStatus>;
export const RUN_STATUS_LABELS: Readonly<Record<TRunStatus, string>> = {
  queued: '排队中',
  running: '运行中',
  done: '已完成',
  failed: '失败',
  cancelled: '已取消',
};

/** What a running comparison is doing, in order; progress is reported per phase. */
export const RUN_PHASES = ['loading', 'preparing', 'matching', 'evidence'] as const;
export const ZRunPhase = z.enum(RUN_PHASES);
export type TRunPhase = z.infer<typeof ZRunPhase>;
export const RUN_PHASE_LABELS: Readonly<Record<TRunPhase, string>> = {
  loading: '载入数据',
  preparing: '规范化身份证号、日期和金额',
  matching: '比对',
  evidence: '整理证据',
};

/** One source row shown as evidence: which table, which line or sheet row, and its cells as in the file. */
export const ZEvidenceRow = z.object({
  datasetId: z.string(),
  row: z.number().int(),
  values: z.record(z.string(), z.string().nullable()),
});
export type TEvidenceRow = z.infer<typeof ZEvidenceRow>;

/**
 * One finding of a run. `keys` identify it (for the person rules the normalized `idNo`), `evidence`
 * holds the rows of each role behind it, `measures` the figures that rank it (counts, amounts in 分).
 */
export const ZHit = z.object({
  keys: z.record(z.string(), z.string()),
  evidence: z.partialRecord(ZAuditRole, z.array(ZEvidenceRow)),
  measures: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type THit = z.infer<typeof ZHit>;

/** A row left out of the comparison because a value it needs could not be read: reported, never dropped silently. */
export const ZInvalidRow = z.object({
  role: ZAuditRole,
  datasetId: z.string(),
  row: z.number().int(),
  column: z.string(),
  logical: ZLogicalColumn,
  value: z.string().nullable(),
  reason: z.string(),
});
export type TInvalidRow = z.infer<typeof ZInvalidRow>;

// ---------------------------------------------------------------- the HTTP API (巡审贯通)

/** A rule parameter as the gallery and the run form show it (the catalog's TRuleParam). */
export const ZRuleParamOut = z.object({
  type: z.enum(['integer', 'amount', 'quantity', 'boolean', 'keywords', 'choices']),
  label: z.string(),
  help: z.string(),
  default: z.unknown(),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().optional(),
  maxItems: z.number().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
});

/** A rule of the gallery: the catalog's entry and the SQL it runs as shipped (columns named by their labels). */
export const ZRuleOut = z.object({
  id: ZAuditRuleId,
  name: z.string(),
  summary: z.string(),
  version: z.number().int(),
  inputs: z.partialRecord(ZAuditRole, z.array(ZLogicalColumn)),
  optionalInputs: z.partialRecord(ZAuditRole, z.array(ZLogicalColumn)),
  params: z.record(z.string(), ZRuleParamOut),
  keys: z.record(z.string(), z.string()),
  measures: z.record(z.string(), z.string()),
  previewSql: z.string(),
});
export type TRuleOut = z.infer<typeof ZRuleOut>;
export const ZRuleList = z.object({ items: z.array(ZRuleOut) });

/** A run's table as kept with the run: the mapping, and the file's name and SM3 at the time. */
export const ZRunInputOut = z.object({
  datasetId: z.string(),
  fileName: z.string(),
  checksum: z.string(),
  columns: z.partialRecord(ZLogicalColumn, z.string()),
});
export type TRunInputOut = z.infer<typeof ZRunInputOut>;

export const HIT_STATUSES = ['open', 'dismissed', 'paper', 'clue'] as const;
export const ZHitStatus = z.enum(HIT_STATUSES, { error: '疑点状态不在可选范围内' });
export type THitStatus = z.infer<typeof ZHitStatus>;
export const HIT_STATUS_LABELS: Readonly<Record<THitStatus, string>> = {
  open: '待核实',
  dismissed: '已排除',
  paper: '已转问题底稿',
  clue: '已转问题线索',
};

/**
 * A run as polled: `progress` 0..1 over its phases, `hits` and `invalidRows` the numbers found (the
 * lists are paged apart), `hitCounts` how many hits are at each status of their working.
 */
export const ZRun = z.object({
  id: z.string(),
  inspectionId: z.string(),
  rule: ZAuditRuleId,
  ruleName: z.string(),
  templateVersion: z.number().int(),
  inputs: z.partialRecord(ZAuditRole, z.array(ZRunInputOut)),
  params: z.record(z.string(), z.unknown()),
  status: ZRunStatus,
  phase: ZRunPhase.nullable(),
  progress: z.number(),
  hits: z.number().int(),
  invalidRows: z.number().int(),
  hitCounts: z.record(ZHitStatus, z.number().int()),
  sql: z.string(),
  inputChecksums: z.record(z.string(), z.string()),
  error: z.string().nullable(),
  cancelRequested: z.boolean(),
  createdById: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type TRun = z.infer<typeof ZRun>;
export const ZRunList = zPage(ZRun);
export const ZRunListQuery = z.strictObject({ inspectionId: zId, limit: zLimit, cursor: zCursor });
export type TRunListQuery = z.infer<typeof ZRunListQuery>;
/** The longest a read of a run may wait for its next change (below common proxies' idle timeouts). */
export const RUN_WAIT_MAX_MS = 25_000;
/**
 * `GET /api/audit-link/runs/{id}?waitMs=N`: an open run is answered at its next change of status or
 * progress, or after N ms, whichever comes first; a finished run (or no waitMs) at once.
 */
export const ZRunGetQuery = z.strictObject({
  waitMs: z.coerce
    .number({ message: '等待时间应为毫秒数' })
    .int({ message: '等待时间应为整数毫秒' })
    .min(0, { message: '等待时间不能为负数' })
    .max(RUN_WAIT_MAX_MS, { message: `等待时间不能超过 ${RUN_WAIT_MAX_MS} 毫秒` })
    .optional(),
});
export type TRunGetQuery = z.infer<typeof ZRunGetQuery>;
export const ZRunCreated = z.object({ id: z.string(), status: ZRunStatus });
export const ZRunSql = z.object({ sql: z.string() });

/** One hit as worked: what the engine found (ZHit), and what the team made of it. */
export const ZHitOut = ZHit.extend({
  id: z.string(),
  runId: z.string(),
  seq: z.number().int(),
  status: ZHitStatus,
  dismissReason: z.string().nullable(),
  recordId: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type THitOut = z.infer<typeof ZHitOut>;

export const ZHitListQuery = z.strictObject({
  limit: zLimit,
  cursor: zCursor,
  status: ZHitStatus.optional(),
  /** A key value: a 身份证号 (in any usual writing), a project, a period, an item, a seller … matched whole. */
  q: zText('查询内容', { max: 60 }).optional(),
});
export type THitListQuery = z.infer<typeof ZHitListQuery>;
export const ZHitList = zPage(ZHitOut).extend({ counts: z.record(ZHitStatus, z.number().int()) });

/** Hits chosen in the table for a batch action: at most a page's worth, no repeats. */
const zHitIds = z
  .array(zId, { error: '请选择疑点' })
  .min(1, '请至少选择一条疑点')
  .max(200, '一次最多处理200条疑点')
  .refine((ids) => new Set(ids).size === ids.length, '疑点重复选择');

export const ZHitDismiss = z.strictObject({
  hitIds: zHitIds,
  reason: zText('排除理由', { max: 500, multiline: true }),
});
export type THitDismiss = z.infer<typeof ZHitDismiss>;

export const ZHitsToPaper = z.strictObject({
  hitIds: zHitIds,
  title: zText('底稿标题', { max: 200 }).optional(),
});
export type THitsToPaper = z.infer<typeof ZHitsToPaper>;

/**
 * Hits as a clue: the people the clue names (被反映人, e.g. the official who kept paying the dead, not
 * the recipients), its 纪律 category, and the facts (written from the hits when left out).
 */
export const ZHitsToClue = z.strictObject({
  hitIds: zHitIds,
  subjects: z
    .array(ZClueSubjectIn, { error: '被反映人格式不正确' })
    .min(1, '请至少填写一名被反映人')
    .max(MAX_CLUE_SUBJECTS, `一件线索最多${MAX_CLUE_SUBJECTS}名被反映人`),
  discipline: ZDiscipline,
  facts: zText('线索内容', { max: 20_000, multiline: true }).optional(),
});
export type THitsToClue = z.infer<typeof ZHitsToClue>;

export const ZHitsDone = z.object({ hits: z.number().int(), recordId: z.string().nullable() });

export const ZInvalidRowOut = ZInvalidRow.extend({ id: z.string(), seq: z.number().int(), fileName: z.string() });
export const ZInvalidRowList = zPage(ZInvalidRowOut);
export const ZInvalidRowListQuery = z.strictObject({ limit: zLimit, cursor: zCursor });
