import {
  EVALUATION_GRADE_LABELS,
  LEDGER_STATUS_LABELS,
  REVIEW_RATING_LABELS,
  SUBMISSION_STATUS_LABELS,
  TASK_KIND_LABELS,
  TASK_WARNING_LABELS,
  type TEvaluationGrade,
  type TLedgerStatus,
  type TReviewRating,
  type TSubmissionStatus,
  type TTaskKind,
  type TTaskWarning,
} from '@xc/domain';
import { Tag, Tooltip } from 'antd';
import { usePermissions } from '../../api/hooks.ts';

/** Colours of the 预警 as offices read them: 红 逾期或亮红牌, 黄 临近时限, 绿 正常推进. */
export const WARNING_COLOURS: Record<TTaskWarning, string> = { red: 'red', yellow: 'gold', green: 'green' };
const WARNING_SHORT: Record<TTaskWarning, string> = { red: '红色预警', yellow: '黄色预警', green: '绿色' };

export function WarningTag({ warning, daysLeft }: { warning: TTaskWarning | null; daysLeft?: number | null }) {
  if (!warning) return <Tag>已销号</Tag>;
  const left =
    daysLeft === null || daysLeft === undefined
      ? ''
      : daysLeft < 0
        ? `，逾期${-daysLeft}个工作日`
        : `，剩余${daysLeft}个工作日`;
  return (
    <Tooltip title={`${TASK_WARNING_LABELS[warning]}${left}`}>
      <Tag color={WARNING_COLOURS[warning]}>{WARNING_SHORT[warning]}</Tag>
    </Tooltip>
  );
}

const LEDGER_COLOURS: Record<TLedgerStatus, string> = {
  undone: 'default',
  ongoing: 'processing',
  done: 'cyan',
  writtenOff: 'success',
};
export function LedgerStatusTag({ status }: { status: TLedgerStatus }) {
  return <Tag color={LEDGER_COLOURS[status]}>{LEDGER_STATUS_LABELS[status]}</Tag>;
}

const KIND_COLOURS: Record<TTaskKind, string> = { immediate: 'volcano', timeLimited: 'blue', longTerm: 'purple' };
export function KindTag({ kind }: { kind: TTaskKind }) {
  return <Tag color={KIND_COLOURS[kind]}>{TASK_KIND_LABELS[kind]}</Tag>;
}

const SUBMISSION_COLOURS: Record<TSubmissionStatus, string> = {
  draft: 'default',
  inReview: 'processing',
  returned: 'error',
  accepted: 'success',
};
export function SubmissionTag({ status }: { status: TSubmissionStatus }) {
  return <Tag color={SUBMISSION_COLOURS[status]}>{SUBMISSION_STATUS_LABELS[status]}</Tag>;
}

const RATING_COLOURS: Record<TReviewRating, string> = { good: 'success', fair: 'warning', poor: 'error' };
export function RatingTag({ rating }: { rating: TReviewRating }) {
  return <Tag color={RATING_COLOURS[rating]}>{REVIEW_RATING_LABELS[rating]}</Tag>;
}

const GRADE_COLOURS: Record<TEvaluationGrade, string> = {
  good: 'success',
  fairlyGood: 'processing',
  average: 'warning',
  poor: 'error',
};
export function GradeTag({ grade }: { grade: TEvaluationGrade | null }) {
  return grade ? <Tag color={GRADE_COLOURS[grade]}>{EVALUATION_GRADE_LABELS[grade]}</Tag> : <Tag>未评估</Tag>;
}

const DUE_COLOURS: Record<string, string> = { green: 'green', yellow: 'gold', red: 'red', done: 'default' };
const DUE_LABELS: Record<string, string> = { green: '按期', yellow: '临近时限', red: '已逾期', done: '已报送' };
export function DueColourTag({ colour }: { colour: string }) {
  return <Tag color={DUE_COLOURS[colour] ?? 'default'}>{DUE_LABELS[colour] ?? colour}</Tag>;
}

/** A rate (0–1) as a percentage with one decimal. */
export const percent = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;

/** The office supervises (销号, 红牌, approvals); the organization's liaison writes and reports. */
export function useRectRoles() {
  const perms = usePermissions();
  return {
    supervise: perms.has('rectification:supervise'),
    approve: perms.has('rectification:approve'),
    write: perms.has('rectification:write'),
    exportLedger: perms.has('rectification:export'),
    feedback: perms.has('feedback:write'),
    rate: perms.has('review:rate'),
    evaluate: perms.has('evaluation:score'),
    publish: perms.has('publication:manage'),
    /** The inspected organization's own liaison: writes, never supervises. */
    liaison: perms.has('rectification:write') && !perms.has('rectification:supervise'),
  };
}
