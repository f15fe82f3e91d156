import {
  SURVEY_KIND_LABELS,
  SURVEY_STATUS_LABELS,
  type TSurveyKind,
  type TSurveyStatus,
  type TSurveyTargetType,
} from '@xc/domain';
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { isUuid } from '../../components/url-filters.ts';

export const TARGET_TYPE_LABELS: Record<TSurveyTargetType, string> = {
  inspection: '巡察任务',
  round: '巡察轮次',
  team: '巡察组',
};

/** The URL parameters that narrow the list to one target and carry over to 新建问卷. */
export const TARGET_PARAMS = ['inspectionId', 'roundId', 'teamId'] as const;
export type TargetParam = (typeof TARGET_PARAMS)[number];

/** The target ids of the URL, only those that look like ids. */
export function readTargetParams(p: URLSearchParams): Partial<Record<TargetParam, string>> {
  const out: Partial<Record<TargetParam, string>> = {};
  for (const k of TARGET_PARAMS) {
    const v = p.get(k);
    if (isUuid(v)) out[k] = v;
  }
  return out;
}

const KIND_COLOURS: Record<TSurveyKind, string> = {
  democraticAppraisal: 'blue',
  rectificationSatisfaction: 'purple',
  teamConduct: 'cyan',
  custom: 'default',
};

export function SurveyKindTag({ kind }: { kind: TSurveyKind }) {
  return <Tag color={KIND_COLOURS[kind]}>{SURVEY_KIND_LABELS[kind] ?? kind}</Tag>;
}

/** 草稿 default, 收集中 green, 已结束 grey. */
export function SurveyStatusTag({ status }: { status: TSurveyStatus }) {
  const label = SURVEY_STATUS_LABELS[status] ?? status;
  if (status === 'open') return <Tag color="green">{label}</Tag>;
  if (status === 'closed') return <Tag color="#8c8c8c">{label}</Tag>;
  return <Tag>{label}</Tag>;
}

export const time = (s: string) => dayjs(s).format('YYYY-MM-DD HH:mm');

/** A rate in [0, 1] as a percentage with one decimal, “—” when there is no valid answer. */
export const percent = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
