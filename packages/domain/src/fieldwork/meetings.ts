import { deadlineColour, type TDeadlineColour } from '../planning/deadlines.ts';
import { MEETING_KIND_LABELS, type TAssignedMatterStatus, type TMeetingKind } from './schemas.ts';

/** 2026年3月5日书记专题会: the title a meeting gets when none is given. */
export function defaultMeetingTitle(kind: TMeetingKind, date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日${MEETING_KIND_LABELS[kind]}`;
}

/**
 * The warning colour of a 交办事项 (domain.md §5 warnings): done once closed, red past its due date,
 * yellow within `warnDays` of it.
 */
export function assignedMatterColour(
  m: { status: TAssignedMatterStatus; dueDate: string },
  today: string,
  warnDays = 3,
): TDeadlineColour {
  return deadlineColour(m.dueDate, today, m.status === 'done', warnDays);
}
