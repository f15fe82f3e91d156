import { addCalendarDays } from '../planning/calendar.ts';
import type { TStage } from '../planning/stages.ts';
import {
  ARCHIVE_CLASS_CODES,
  ARCHIVE_CLASS_OF,
  ARCHIVE_DOC_KINDS,
  BORROW_STATUS_LABELS,
  type TArchiveClass,
  type TArchiveDocKind,
  type TBorrowStatus,
  type TGovernanceSettings,
  type TRetention,
} from './schemas.ts';

export function archiveClassOf(kind: TArchiveDocKind): TArchiveClass {
  return ARCHIVE_CLASS_OF[kind];
}

export function archiveCategoryCode(kind: TArchiveDocKind): string {
  return ARCHIVE_CLASS_CODES[archiveClassOf(kind)];
}

export function retentionOf(
  kind: TArchiveDocKind,
  settings: Pick<TGovernanceSettings, 'archiveRetention'>,
): TRetention {
  return settings.archiveRetention[kind];
}

/**
 * The order items are numbered in within a category: by the document's date, then by the place of
 * its kind in the life of an inspection (plan before report before rectification), then by title and
 * id, so the same files always get the same numbers.
 */
export function archiveOrder(
  a: { kind: TArchiveDocKind; docDate: string; title: string; id: string },
  b: { kind: TArchiveDocKind; docDate: string; title: string; id: string },
): number {
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    cmp(a.docDate, b.docDate) ||
    ARCHIVE_DOC_KINDS.indexOf(a.kind) - ARCHIVE_DOC_KINDS.indexOf(b.kind) ||
    cmp(a.title, b.title) ||
    cmp(a.id, b.id)
  );
}

/** An archived inspection is read-only (issue 13): every write answers 409 with this reason. */
export function archiveLockProblem(stage: TStage): string | null {
  return stage === 'archived' ? '巡察已归档，档案不能再修改' : null;
}

/** Chinese reason archiving cannot start, or null: the 全宗号 must be set first. */
export function archiveSettingsProblem(settings: Pick<TGovernanceSettings, 'archiveFonds'>): string | null {
  return settings.archiveFonds ? null : '请先在巡察办设置中填写全宗号，再办理归档';
}

export type TBorrowAction = 'approve' | 'reject' | 'return';

/** requested → approved | rejected; approved → returned. Rejected and returned are final. */
export const BORROW_MOVES: Readonly<Record<TBorrowStatus, Partial<Record<TBorrowAction, TBorrowStatus>>>> =
  Object.freeze({
    requested: { approve: 'approved', reject: 'rejected' },
    approved: { return: 'returned' },
    rejected: {},
    returned: {},
  });

const BORROW_ACTION_LABELS: Record<TBorrowAction, string> = { approve: '批准', reject: '不批准', return: '归还' };

/** The status after `action`, or the Chinese reason it is not possible. */
export function borrowMove(
  status: TBorrowStatus,
  action: TBorrowAction,
): { ok: true; to: TBorrowStatus } | { ok: false; problem: string } {
  const to = Object.hasOwn(BORROW_MOVES, status) ? BORROW_MOVES[status][action] : undefined;
  if (to) return { ok: true, to };
  return {
    ok: false,
    problem: `借阅申请${BORROW_STATUS_LABELS[status] ?? ''}，不能办理“${BORROW_ACTION_LABELS[action] ?? action}”`,
  };
}

/** Chinese reason a request's return date is not acceptable, or null: not past, not beyond the limit. */
export function borrowRequestProblem(
  until: string,
  today: string,
  settings: Pick<TGovernanceSettings, 'borrowMaxDays'>,
): string | null {
  if (until < today) return '归还日期不能早于今天';
  const last = addCalendarDays(today, settings.borrowMaxDays);
  if (until > last) return `借阅期限不能超过${settings.borrowMaxDays}天（最晚${last}归还）`;
  return null;
}

/** An approved loan not returned by its date. */
export function borrowOverdue(b: { status: TBorrowStatus; until: string }, today: string): boolean {
  return b.status === 'approved' && today > b.until;
}
