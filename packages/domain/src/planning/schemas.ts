import { z } from 'zod';
import { zCursor, zDate, zId, zLimit, zPage, zText } from '../common/text.ts';
import { ZOrgKind } from '../orgs/schemas.ts';
import { addMonths, isIsoDate } from './calendar.ts';
import { ZDeadlineKey, ZDeadlineSettings } from './deadlines.ts';
import { ZStage } from './stages.ts';

export { ZStage } from './stages.ts';

/** Kinds of a round (and of each inspection in it), domain.md §3. */
export const ROUND_KINDS = ['regular', 'special', 'mobile', 'lookBack'] as const;
export const ZRoundKind = z.enum(ROUND_KINDS, { error: '巡察类型不在可选范围内' });
export type TRoundKind = z.infer<typeof ZRoundKind>;
export const ROUND_KIND_LABELS: Record<TRoundKind, string> = {
  regular: '常规巡察',
  special: '专项巡察',
  mobile: '机动巡察',
  lookBack: '巡察“回头看”',
};

/** How an inspection relates authorities and reaches villages, domain.md §3. */
export const INSPECTION_MODES = [
  'ordinary',
  'escalated',
  'cross',
  'authorized',
  'joint',
  'directVillage',
  'townshipWithVillages',
] as const;
export const ZInspectionMode = z.enum(INSPECTION_MODES, { error: '巡察方式不在可选范围内' });
export type TInspectionMode = z.infer<typeof ZInspectionMode>;
export const INSPECTION_MODE_LABELS: Record<TInspectionMode, string> = {
  ordinary: '常规',
  escalated: '提级巡察',
  cross: '交叉巡察',
  authorized: '授权巡察',
  joint: '联动巡察',
  directVillage: '直接巡村',
  townshipWithVillages: '巡乡带村',
};

// ---------------------------------------------------------------------------------------------
// Numbering: rounds and teams are named with Chinese numerals (第十一轮, 第一巡察组).

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const UNITS = ['', '十', '百', '千'];

/** 1 → 一, 11 → 十一, 20 → 二十, 105 → 一百零五, 1010 → 一千零一十; 1–9999. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new RangeError(`只能转换1至9999的整数：${n}`);
  const ds = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  ds.forEach((d, i) => {
    const unit = UNITS[ds.length - 1 - i] as string;
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d] + unit;
  });
  // 十一 … 十九, not 一十一: a leading 一十 is read 十.
  return out.startsWith('一十') ? out.slice(1) : out;
}

export const roundName = (n: number) => `第${chineseNumeral(n)}轮`;
export const teamName = (n: number) => `第${chineseNumeral(n)}巡察组`;

// ---------------------------------------------------------------------------------------------
// Terms (届)

/** A committee's term is five years; a little slack allows for an election held late. */
export const TERM_MAX_YEARS = 6;

/** Chinese reason a term's dates are not acceptable, or null; the server also checks an update against the stored dates. */
export function termSpanProblem(start: string, end: string): string | null {
  // An invalid date is reported on its own field; the object's check still runs, so it must not throw.
  if (!isIsoDate(start) || !isIsoDate(end)) return null;
  if (end <= start) return '届期结束日期必须晚于开始日期';
  if (end > addMonths(start, TERM_MAX_YEARS * 12)) return `届期不能超过${TERM_MAX_YEARS}年`;
  return null;
}

export const ZTerm = z.object({
  id: z.uuid(),
  authorityId: z.uuid(),
  authorityName: z.string(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  current: z.boolean(),
  version: z.number().int(),
});
export type TTerm = z.infer<typeof ZTerm>;

export const ZTermCreate = z
  .strictObject({
    authorityId: zId,
    name: zText('届次名称', { max: 40 }),
    startDate: zDate('届期开始日期'),
    endDate: zDate('届期结束日期'),
  })
  .superRefine((t, ctx) => {
    const bad = termSpanProblem(t.startDate, t.endDate);
    if (bad) ctx.addIssue({ code: 'custom', path: ['endDate'], message: bad });
  });
export type TTermCreate = z.infer<typeof ZTermCreate>;

/** Only dates given together can be checked here; the server checks one date against the stored other. */
export const ZTermUpdate = z
  .strictObject({
    version: z.number().int(),
    name: zText('届次名称', { max: 40 }).optional(),
    startDate: zDate('届期开始日期').optional(),
    endDate: zDate('届期结束日期').optional(),
  })
  .superRefine((t, ctx) => {
    if (!t.startDate || !t.endDate) return;
    const bad = termSpanProblem(t.startDate, t.endDate);
    if (bad) ctx.addIssue({ code: 'custom', path: ['endDate'], message: bad });
  });
export type TTermUpdate = z.infer<typeof ZTermUpdate>;

export const ZTermList = zPage(ZTerm);

// ---------------------------------------------------------------------------------------------
// Rounds (轮)

export const ZRound = z.object({
  id: z.uuid(),
  termId: z.uuid(),
  authorityId: z.uuid(),
  number: z.number().int().min(1),
  name: z.string(),
  kind: ZRoundKind,
  theme: z.string(),
  focus: z.array(z.string()),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  approvedAt: z.string().nullable(),
  approvalNote: z.string().nullable(),
  inspectionCount: z.number().int(),
  version: z.number().int(),
});
export type TRound = z.infer<typeof ZRound>;

const zFocus = z.array(zText('巡察重点', { max: 100 })).max(20, '巡察重点最多20项');
const zNumber = z
  .number({ error: '轮次必须是数字' })
  .int('轮次必须是整数')
  .min(1, '轮次至少为1')
  .max(999, '轮次不能超过999');

function periodIssue(
  start: string | undefined,
  end: string | undefined,
  ctx: z.RefinementCtx,
  message = '计划结束日期不能早于开始日期',
) {
  if (start && end && end < start) ctx.addIssue({ code: 'custom', path: ['plannedEnd'], message });
}

/** `number` and `name` may be left out: the server takes the next number and names it 第N轮. */
export const ZRoundCreate = z
  .strictObject({
    termId: zId,
    number: zNumber.optional(),
    name: zText('轮次名称', { max: 40 }).optional(),
    kind: ZRoundKind,
    theme: zText('巡察主题', { min: 0, max: 200 }).default(''),
    focus: zFocus.default([]),
    plannedStart: zDate('计划开始日期'),
    plannedEnd: zDate('计划结束日期'),
  })
  .superRefine((r, ctx) => periodIssue(r.plannedStart, r.plannedEnd, ctx));
export type TRoundCreate = z.infer<typeof ZRoundCreate>;

export const ZRoundUpdate = z
  .strictObject({
    version: z.number().int(),
    number: zNumber.optional(),
    name: zText('轮次名称', { max: 40 }).optional(),
    kind: ZRoundKind.optional(),
    theme: zText('巡察主题', { min: 0, max: 200 }).optional(),
    focus: zFocus.optional(),
    plannedStart: zDate('计划开始日期').optional(),
    plannedEnd: zDate('计划结束日期').optional(),
  })
  .superRefine((r, ctx) => periodIssue(r.plannedStart, r.plannedEnd, ctx));
export type TRoundUpdate = z.infer<typeof ZRoundUpdate>;

/** Recording the 领导小组's approval of the round plan. */
export const ZRoundApprove = z.strictObject({
  version: z.number().int(),
  approvedOn: zDate('批准日期'),
  note: zText('批准情况说明', { min: 0, max: 500, multiline: true }).optional(),
});
export type TRoundApprove = z.infer<typeof ZRoundApprove>;

export const ZRoundList = zPage(ZRound);

// ---------------------------------------------------------------------------------------------
// Teams (巡察组), per round

export const ZTeam = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  name: z.string(),
  sortOrder: z.number().int(),
  version: z.number().int(),
});
export type TTeam = z.infer<typeof ZTeam>;

export const ZTeamCreate = z.strictObject({
  roundId: zId,
  name: zText('巡察组名称', { max: 20 }),
});
export type TTeamCreate = z.infer<typeof ZTeamCreate>;

export const ZTeamUpdate = z.strictObject({
  version: z.number().int(),
  name: zText('巡察组名称', { max: 20 }).optional(),
  sortOrder: z.number().int().min(0).max(999).optional(),
});
export const ZTeamList = z.object({ items: z.array(ZTeam) });

// ---------------------------------------------------------------------------------------------
// Inspections

export const TARGET_ROLES = ['primary', 'village'] as const;
export const ZTargetRole = z.enum(TARGET_ROLES);
export type TTargetRole = z.infer<typeof ZTargetRole>;

export const ZInspection = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  termId: z.uuid(),
  authorityId: z.uuid(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  mode: ZInspectionMode,
  kind: ZRoundKind,
  stage: ZStage,
  targets: z.array(z.object({ orgId: z.uuid(), name: z.string(), kind: ZOrgKind, role: ZTargetRole })),
  lookBackOfId: z.uuid().nullable(),
  /** The county authorized to carry out an 'authorized' inspection. */
  authorizedAuthorityId: z.uuid().nullable(),
  plannedEntryDate: z.string().nullable(),
  plannedExitDate: z.string().nullable(),
  preparedDate: z.string().nullable(),
  entryDate: z.string().nullable(),
  exitDate: z.string().nullable(),
  feedbackDate: z.string().nullable(),
  transferDate: z.string().nullable(),
  rectifyingStartDate: z.string().nullable(),
  evaluatedDate: z.string().nullable(),
  publishedDate: z.string().nullable(),
  archivedDate: z.string().nullable(),
  version: z.number().int(),
});
export type TInspection = z.infer<typeof ZInspection>;

const MAX_TARGETS = 30;
const MAX_VILLAGES = 200;

/** The rules shared by create and update, on whichever fields are present. */
function inspectionIssues(
  i: {
    mode?: TInspectionMode;
    targetOrgIds?: string[];
    villageOrgIds?: string[];
    authorizedAuthorityId?: string | null;
    plannedEntryDate?: string | null;
    plannedExitDate?: string | null;
  },
  ctx: z.RefinementCtx,
) {
  if (i.targetOrgIds && new Set(i.targetOrgIds).size !== i.targetOrgIds.length)
    ctx.addIssue({ code: 'custom', path: ['targetOrgIds'], message: '被巡察单位有重复' });
  if (i.villageOrgIds && new Set(i.villageOrgIds).size !== i.villageOrgIds.length)
    ctx.addIssue({ code: 'custom', path: ['villageOrgIds'], message: '延伸巡察的村(社区)有重复' });
  if (i.targetOrgIds && i.villageOrgIds) {
    const t = new Set(i.targetOrgIds);
    if (i.villageOrgIds.some((v) => t.has(v)))
      ctx.addIssue({
        code: 'custom',
        path: ['villageOrgIds'],
        message: '同一单位不能既是被巡察单位又是延伸巡察的村(社区)',
      });
  }
  if (i.mode !== undefined) {
    if (i.mode === 'authorized' && !i.authorizedAuthorityId)
      ctx.addIssue({ code: 'custom', path: ['authorizedAuthorityId'], message: '授权巡察须指定被授权的巡察机构' });
    if (i.mode !== 'authorized' && i.authorizedAuthorityId)
      ctx.addIssue({
        code: 'custom',
        path: ['authorizedAuthorityId'],
        message: '只有授权巡察才能指定被授权的巡察机构',
      });
    if (i.mode === 'townshipWithVillages' && !i.villageOrgIds?.length)
      ctx.addIssue({ code: 'custom', path: ['villageOrgIds'], message: '巡乡带村须选择延伸巡察的村(社区)' });
    if (i.mode !== 'townshipWithVillages' && i.villageOrgIds?.length)
      ctx.addIssue({
        code: 'custom',
        path: ['villageOrgIds'],
        message: '只有巡乡带村才能另选延伸巡察的村(社区)；直接巡村请把村(社区)选为被巡察单位',
      });
  }
  if (i.plannedEntryDate && i.plannedExitDate && i.plannedExitDate < i.plannedEntryDate)
    ctx.addIssue({ code: 'custom', path: ['plannedExitDate'], message: '计划撤离日期不能早于计划进驻日期' });
}

const zTargetOrgIds = z
  .array(zId, { error: '请选择被巡察单位' })
  .min(1, '请至少选择一个被巡察单位')
  .max(MAX_TARGETS, `一次巡察最多${MAX_TARGETS}个被巡察单位`);
const zVillageOrgIds = z
  .array(zId, { error: '请选择延伸巡察的村(社区)' })
  .max(MAX_VILLAGES, `一次巡乡带村最多${MAX_VILLAGES}个村(社区)`);

/**
 * One team × one or more targets in a round. For 巡乡带村 the townships are `targetOrgIds` and the
 * villages `villageOrgIds`; for 直接巡村 the villages themselves are `targetOrgIds` (see
 * inspectionTargetRows). The inspection's kind is its round's.
 */
export const ZInspectionCreate = z
  .strictObject({
    roundId: zId,
    teamId: zId.optional(),
    mode: ZInspectionMode,
    targetOrgIds: zTargetOrgIds,
    villageOrgIds: zVillageOrgIds.optional(),
    lookBackOfId: zId.optional(),
    authorizedAuthorityId: zId.optional(),
    plannedEntryDate: zDate('计划进驻日期').optional(),
    plannedExitDate: zDate('计划撤离日期').optional(),
  })
  .superRefine((i, ctx) => inspectionIssues(i, ctx));
export type TInspectionCreate = z.infer<typeof ZInspectionCreate>;

/** Planning fields that may change while the inspection is planned or prepared; null clears. */
export const ZInspectionUpdate = z
  .strictObject({
    version: z.number().int(),
    teamId: zId.nullable().optional(),
    mode: ZInspectionMode.optional(),
    targetOrgIds: zTargetOrgIds.optional(),
    villageOrgIds: zVillageOrgIds.optional(),
    lookBackOfId: zId.nullable().optional(),
    authorizedAuthorityId: zId.nullable().optional(),
    plannedEntryDate: zDate('计划进驻日期').nullable().optional(),
    plannedExitDate: zDate('计划撤离日期').nullable().optional(),
  })
  .superRefine((i, ctx) => inspectionIssues(i, ctx));
export type TInspectionUpdate = z.infer<typeof ZInspectionUpdate>;

/**
 * The target rows to store for a create: 直接巡村 villages count as village targets, the villages of
 * 巡乡带村 come after its townships, everything else is a primary target.
 */
export function inspectionTargetRows(i: {
  mode: TInspectionMode;
  targetOrgIds: readonly string[];
  villageOrgIds?: readonly string[] | undefined;
}): { orgId: string; role: TTargetRole }[] {
  const role: TTargetRole = i.mode === 'directVillage' ? 'village' : 'primary';
  const rows = i.targetOrgIds.map((orgId) => ({ orgId, role }));
  if (i.mode === 'townshipWithVillages')
    for (const orgId of i.villageOrgIds ?? []) rows.push({ orgId, role: 'village' as const });
  return rows;
}

export const ZInspectionList = zPage(ZInspection);

export const ZInspectionListQuery = z.strictObject({
  termId: zId.optional(),
  roundId: zId.optional(),
  mode: ZInspectionMode.optional(),
  stage: ZStage.optional(),
  teamId: zId.optional(),
  /** Only the inspections of teams the caller sits on (a team's own people). */
  mine: z.enum(['true', 'false'], { error: 'mine 只能是 true 或 false' }).optional(),
  limit: zLimit,
  cursor: zCursor,
});
export type TInspectionListQuery = z.infer<typeof ZInspectionListQuery>;

export const ZStageTransition = z.strictObject({
  version: z.number().int(),
  to: ZStage,
  date: zDate('日期'),
  note: zText('说明', { min: 0, max: 500, multiline: true }).optional(),
});
export type TStageTransition = z.infer<typeof ZStageTransition>;

// ---------------------------------------------------------------------------------------------
// Coverage (the HTTP contract of computeCoverage's result)

export const ZCoveragePace = z.object({
  remainingTargets: z.number().int(),
  remainingDays: z.number().int(),
  neededPerYear: z.number(),
  coveredPerYearSoFar: z.number(),
  onTrack: z.boolean(),
  warning: z.string().nullable(),
});

export const ZCoverage = z.object({
  total: z.number().int(),
  covered: z.number().int(),
  rate: z.number(),
  byKind: z.array(z.object({ kind: z.string(), total: z.number().int(), covered: z.number().int() })),
  uncoveredCount: z.number().int(),
  uncovered: z.array(z.object({ orgId: z.string(), name: z.string(), kind: z.string() })),
  byYear: z.array(z.object({ year: z.number().int(), covered: z.number().int() })),
  pace: ZCoveragePace,
});
export type TCoverage = z.infer<typeof ZCoverage>;

export const ZCoverageQuery = z.strictObject({ termId: zId });

// ---------------------------------------------------------------------------------------------
// Holiday calendar maintained by the office

export const HOLIDAY_KINDS = ['holiday', 'workday'] as const;
export const HOLIDAY_KIND_LABELS = { holiday: '放假', workday: '调休上班' } as const;

export const ZHolidayEntry = z.strictObject({
  date: zDate('日期'),
  kind: z.enum(HOLIDAY_KINDS, { error: '请选择放假或调休上班' }),
  name: zText('名称', { max: 20 }),
});
export type THolidayEntryInput = z.infer<typeof ZHolidayEntry>;

/** `source`: 'official' from the State Council notices shipped with the code, 'office' entered locally. */
export const ZHolidayList = z.object({
  items: z.array(
    z.object({
      date: z.string(),
      kind: z.enum(HOLIDAY_KINDS),
      name: z.string(),
      source: z.enum(['official', 'office']),
    }),
  ),
});

export const ZHolidayListQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
});

/** Replaces the office's own entries for one year (at most one a day). */
export const ZHolidayYearUpdate = z
  .strictObject({
    year: z.number().int().min(2000).max(2100),
    entries: z.array(ZHolidayEntry).max(120, '一年最多120条'),
  })
  .superRefine((u, ctx) => {
    const seen = new Set<string>();
    u.entries.forEach((e, i) => {
      // A 元旦 arrangement may begin in late December of the year before; allow that month.
      if (!e.date.startsWith(`${u.year}-`) && !e.date.startsWith(`${u.year - 1}-12-`))
        ctx.addIssue({ code: 'custom', path: ['entries', i, 'date'], message: `日期不在${u.year}年` });
      if (seen.has(e.date))
        ctx.addIssue({ code: 'custom', path: ['entries', i, 'date'], message: `日期${e.date}重复` });
      seen.add(e.date);
    });
  });

// ---------------------------------------------------------------------------------------------
// Read models for the pages

export const ZInspectionEvent = z.object({
  id: z.uuid(),
  fromStage: ZStage.nullable(),
  toStage: ZStage,
  onDate: z.string(),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
  createdAt: z.string(),
});

/** A deadline of domain.md §4 as it stands for one inspection, with its warning colour. */
export const ZInspectionDeadline = z.object({
  key: ZDeadlineKey,
  label: z.string(),
  /** '后15个工作日' etc., from the authority's settings. */
  rule: z.string(),
  due: z.string().nullable(),
  colour: z.enum(['green', 'yellow', 'red', 'done', 'none']),
  done: z.boolean(),
});

export const ZInspectionAction = z.object({
  to: ZStage,
  action: z.string(),
  direction: z.enum(['forward', 'back']),
  /** Whether this user may make the move now; when not, the Chinese reason. */
  allowed: z.boolean(),
  reason: z.string().nullable(),
});

export const ZInspectionDetail = ZInspection.extend({
  roundName: z.string(),
  termName: z.string(),
  authorityName: z.string(),
  authorizedAuthorityName: z.string().nullable(),
  lookBackOfName: z.string().nullable(),
  roundApprovedAt: z.string().nullable(),
  events: z.array(ZInspectionEvent),
  deadlines: z.array(ZInspectionDeadline),
  actions: z.array(ZInspectionAction),
});
export type TInspectionDetail = z.infer<typeof ZInspectionDetail>;

export const ZTargetSuggestionQuery = z.strictObject({
  teams: z.coerce.number().int().min(1, '至少1个巡察组').max(30, '最多30个巡察组').default(4),
  perTeam: z.coerce.number().int().min(1).max(5).default(2),
  kind: ZOrgKind.optional(),
});
export const ZTargetSuggestion = z.object({
  uncoveredCount: z.number().int(),
  groups: z.array(
    z.object({
      team: z.number().int(),
      orgs: z.array(z.object({ orgId: z.uuid(), name: z.string(), kind: z.string(), sector: z.string().nullable() })),
    }),
  ),
});

export const ZDeadlineSettingsResponse = z.object({
  authorityId: z.uuid(),
  settings: ZDeadlineSettings,
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export const ZDeadlineSettingsUpdate = z.strictObject({ version: z.number().int(), settings: ZDeadlineSettings });
