import { z } from 'zod';
import { zCursor, zId, zLimit, zPage } from '../common/text.ts';
import { ZSector } from '../orgs/schemas.ts';
import {
  BORROW_STATUSES,
  CONDUCT_STAGES,
  DUAL_REPORT_KINDS,
  DUAL_REPORT_STATES,
  REMINDER_STATUSES,
  ZArchiveBorrowRecord,
  ZCampaign,
  ZCampaignLedger,
  ZCampaignReportOut,
  ZCommonProblemCandidate,
  ZConductStage,
  ZRecipientKind,
} from './schemas.ts';

// The shapes of the 以巡促治 routes that schemas.ts does not already hold: the views the pages read
// (names resolved next to ids), the recipients' inbox, and the wrappers of lists. Request shapes and
// the records themselves stay in schemas.ts.

const ZIdName = z.object({ id: z.uuid(), name: z.string() });

// ---------------------------------------------------------------- common problems

/** A candidate as the page shows it: the type's name and each organization's name resolved. */
export const ZCommonProblemCandidateView = ZCommonProblemCandidate.extend({
  taxonomyTypeName: z.string().nullable(),
  byOrganization: z.array(z.object({ orgId: z.string(), orgName: z.string(), findings: z.number().int() })),
});
export type TCommonProblemCandidateView = z.infer<typeof ZCommonProblemCandidateView>;
export const ZCommonProblemCandidateList = z.object({
  items: z.array(ZCommonProblemCandidateView),
  total: z.number().int(),
  /** The setting in force: unflagged groups need this many organizations. */
  minOrganizations: z.number().int(),
});

/** One finding of a common problem or a candidate, as the confirm drawer and the detail list it. */
export const ZGovernanceFindingRef = z.object({
  id: z.uuid(),
  title: z.string(),
  inspectionId: z.uuid(),
  inspectionName: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  sector: z.string().nullable(),
  common: z.boolean(),
  rectified: z.boolean(),
});
export type TGovernanceFindingRef = z.infer<typeof ZGovernanceFindingRef>;
export const ZGovernanceFindingRefList = z.object({ items: z.array(ZGovernanceFindingRef) });
export const ZFindingRefsQuery = z.strictObject({
  /** Comma-separated finding ids (at most 500). */
  ids: z.string().max(20_000),
});

// ---------------------------------------------------------------- recipients

/** Who may be addressed: sector-recipient accounts and the registry's departments leading a sector. */
export const ZRecipientCandidate = z.object({
  kind: ZRecipientKind,
  name: z.string(),
  orgId: z.uuid().nullable(),
  userId: z.uuid().nullable(),
  sector: z.string().nullable(),
  /** The account's organization or the department itself, for the picker's second line. */
  detail: z.string().nullable(),
});
export type TRecipientCandidate = z.infer<typeof ZRecipientCandidate>;
export const ZRecipientCandidateList = z.object({ items: z.array(ZRecipientCandidate) });
export const ZRecipientCandidateQuery = z.strictObject({ sector: ZSector.optional() });

/** The recipients' inbox badge and home cards. */
export const ZInboxSummary = z.object({
  bulletinsUnread: z.number().int(),
  bulletins: z.number().int(),
  remindersOwed: z.number().int(),
  remindersOverdue: z.number().int(),
  reminders: z.number().int(),
});
export type TInboxSummary = z.infer<typeof ZInboxSummary>;

export const ZInboxBulletinQuery = z.strictObject({
  unread: z.enum(['true', 'false'], { error: 'unread 只能是 true 或 false' }).optional(),
  limit: zLimit,
  cursor: zCursor,
});
export const ZInboxReminderQuery = z.strictObject({
  status: z.enum(REMINDER_STATUSES, { error: '提示状态不在可选范围内' }).optional(),
  limit: zLimit,
  cursor: zCursor,
});

/** A file stored for a governance record (an answer's attachment, a dual report's document). */
export const ZGovernanceFile = z.object({ id: z.uuid(), name: z.string(), mime: z.string(), size: z.number().int() });
export type TGovernanceFile = z.infer<typeof ZGovernanceFile>;

// ---------------------------------------------------------------- campaigns

/** A campaign the caller's organization takes part in (the liaison's 专项整治 page). */
export const ZMyCampaign = ZCampaign.omit({ orgIds: true }).extend({
  myOrgs: z.array(ZIdName),
  myReports: z.number().int(),
});
export const ZMyCampaignList = z.object({ items: z.array(ZMyCampaign) });
export const ZCampaignReportList = zPage(ZCampaignReportOut);
/** The ledger with names resolved for its lines (authorities, problems, organizations not reported). */
export const ZCampaignLedgerNames = z.object({
  authorities: z.record(z.string(), z.string()),
  commonProblems: z.record(z.string(), z.string()),
  orgs: z.record(z.string(), z.string()),
});

/**
 * GET /api/campaigns/:id/ledger: the ledger, the names of its ids, and the organizations in scope
 * the caller may report for (POST …/reports answers 404 for the others: a county office reports
 * for its own county's organizations only), for the office's 登记报送 picker.
 */
export const ZCampaignLedgerOut = ZCampaignLedger.extend({
  names: ZCampaignLedgerNames,
  reportableOrgIds: z.array(z.uuid()),
});

// ---------------------------------------------------------------- dual reports

/** One authorized inspection on the 双报告一报备 checklist. */
export const ZDualReportListItem = z.object({
  inspectionId: z.uuid(),
  inspectionName: z.string(),
  authorityId: z.uuid(),
  authorityName: z.string(),
  roundId: z.uuid(),
  stage: z.string(),
  anchor: z.string().nullable(),
  items: z.array(
    z.object({
      kind: z.enum(DUAL_REPORT_KINDS),
      on: z.string().nullable(),
      due: z.string().nullable(),
      state: z.enum(DUAL_REPORT_STATES),
      colour: z.enum(['green', 'yellow', 'red', 'done', 'none']),
    }),
  ),
  overdue: z.number().int(),
  awaitingCheck: z.number().int(),
});
export type TDualReportListItem = z.infer<typeof ZDualReportListItem>;
export const ZDualReportList = zPage(ZDualReportListItem);
export const ZDualReportListQuery = z.strictObject({
  termId: zId.optional(),
  state: z.enum(['overdue', 'awaitingCheck', 'complete'], { error: '状态不在可选范围内' }).optional(),
  limit: zLimit,
  cursor: zCursor,
});

// ---------------------------------------------------------------- conduct evaluation

export const CONDUCT_STATUSES = ['scheduled', 'open', 'closed'] as const;
export const CONDUCT_STATUS_LABELS: Record<(typeof CONDUCT_STATUSES)[number], string> = {
  scheduled: '未开始',
  open: '测评中',
  closed: '已结束',
};

/** Issue the questionnaires of an inspection's feedback: both stages for each inspected organization. */
export const ZConductIssue = z.strictObject({
  /** Single-use links per organization and stage (one per person expected to answer). */
  links: z
    .number({ error: '链接数量必须是数字' })
    .int('链接数量必须是整数')
    .min(1, '链接数量至少1个')
    .max(500, '链接数量不能超过500'),
  orgIds: z.array(zId).max(50, '单位最多50个').optional(),
});
export type TConductIssue = z.infer<typeof ZConductIssue>;

export const ZConductEvaluation = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  inspectionName: z.string(),
  roundId: z.uuid(),
  teamId: z.uuid(),
  teamName: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  stage: ZConductStage,
  surveyId: z.uuid().nullable(),
  /** The batch of single-use links, printed through GET /api/survey-batches/{batchId}/codes.docx. */
  batchId: z.uuid().nullable(),
  opensOn: z.string(),
  closesOn: z.string(),
  links: z.number().int(),
  satisfied: z.number().int().nullable(),
  valid: z.number().int().nullable(),
  rate: z.number().nullable(),
  meetsBar: z.boolean().nullable(),
  status: z.enum(CONDUCT_STATUSES),
  version: z.number().int(),
});
export type TConductEvaluation = z.infer<typeof ZConductEvaluation>;
export const ZConductEvaluationList = z.object({ items: z.array(ZConductEvaluation) });
export const ZConductResultsQuery = z.strictObject({ termId: zId, roundId: zId.optional() });
/** Results with names resolved for the page (rounds and teams). */
export const ZConductResultNames = z.object({
  rounds: z.record(z.string(), z.string()),
  teams: z.record(z.string(), z.string()),
});
export const ZConductStageParam = z.enum(CONDUCT_STAGES);

// ---------------------------------------------------------------- archive

/** An inspection that can be archived or has been, with what it would file. */
export const ZArchiveCandidate = z.object({
  inspectionId: z.uuid(),
  inspectionName: z.string(),
  stage: z.string(),
  archivedDate: z.string().nullable(),
  items: z.number().int(),
  /** Why it cannot be archived yet (Chinese), or null. */
  problem: z.string().nullable(),
});
export const ZArchiveCandidateList = zPage(ZArchiveCandidate);
export const ZArchiveCandidateQuery = z.strictObject({
  termId: zId.optional(),
  archived: z.enum(['true', 'false'], { error: 'archived 只能是 true 或 false' }).optional(),
  limit: zLimit,
  cursor: zCursor,
});
export const ZArchiveFilingResult = z.object({
  inspectionId: z.uuid(),
  filed: z.number().int(),
  firstNumber: z.string().nullable(),
  lastNumber: z.string().nullable(),
});
export const ZArchiveBorrowList = zPage(ZArchiveBorrowRecord);
export const ZArchiveBorrowListQuery = z.strictObject({
  status: z.enum(BORROW_STATUSES, { error: '借阅状态不在可选范围内' }).optional(),
  /** Only the caller's own requests. */
  mine: z.enum(['true', 'false'], { error: 'mine 只能是 true 或 false' }).optional(),
  limit: zLimit,
  cursor: zCursor,
});
