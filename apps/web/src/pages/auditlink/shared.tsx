import { useQuery } from '@tanstack/react-query';
import {
  DATASET_STATUS_LABELS,
  HIT_STATUS_LABELS,
  RUN_STATUS_LABELS,
  type TDatasetStatus,
  type THitStatus,
  type TRunStatus,
} from '@xc/domain';
import { Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { alk, listRules } from '../../api/auditlink.ts';

/** 巡审贯通's pages: where they live and the small pieces they share. */
export const AUDIT_LINK_PATH = '/fieldwork/audit-link';
export const inspectionPath = (inspectionId: string, tab?: string) =>
  `${AUDIT_LINK_PATH}/inspections/${inspectionId}${tab ? `?tab=${tab}` : ''}`;
export const runPath = (runId: string) => `${AUDIT_LINK_PATH}/runs/${runId}`;
export const newRunPath = (inspectionId: string, rule?: string) =>
  `${AUDIT_LINK_PATH}/inspections/${inspectionId}/runs/new${rule ? `?rule=${rule}` : ''}`;

const RUN_COLOURS: Record<TRunStatus, string> = {
  queued: 'default',
  running: 'processing',
  done: 'green',
  failed: 'red',
  cancelled: 'gold',
};

export function RunStatusTag({ status }: { status: TRunStatus }) {
  return <Tag color={RUN_COLOURS[status]}>{RUN_STATUS_LABELS[status]}</Tag>;
}

const HIT_COLOURS: Record<THitStatus, string> = {
  open: 'orange',
  dismissed: 'default',
  paper: 'green',
  clue: 'purple',
};

export function HitStatusTag({ status }: { status: THitStatus }) {
  return <Tag color={HIT_COLOURS[status]}>{HIT_STATUS_LABELS[status]}</Tag>;
}

export function DatasetStatusTag({ status, stalled }: { status: TDatasetStatus; stalled: boolean }) {
  if (stalled) return <Tag color="red">上传中断</Tag>;
  return <Tag color={status === 'ready' ? 'green' : 'processing'}>{DATASET_STATUS_LABELS[status]}</Tag>;
}

/** 1.2 MB, 350 KB: sizes as an office user reads them. */
export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

export const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** 分 as 元 with thousands separators, exactly (no floating point on the amount). */
export function yuan(cents: number): string {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  const int = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${int}.${String(abs % 100).padStart(2, '0')}`;
}

/** A hit's figure as shown: amounts in 元, the rest as they are. */
export function measureText(key: string, v: string | number | undefined): string {
  if (v === undefined) return '—';
  if (key === 'amountCents' && typeof v === 'number') return `${yuan(v)} 元`;
  return String(v);
}

/** A figure's label without the unit the display converts. */
export const measureLabel = (key: string, label: string) =>
  key === 'amountCents' ? label.replace('（分）', '') : label;

export function useRules() {
  return useQuery({ queryKey: alk.rules, queryFn: listRules, staleTime: 10 * 60_000 });
}

/** The read-only SQL of a rule, as it runs. */
export function SqlView({ sql }: { sql: string }) {
  return (
    <Typography.Paragraph
      copyable={{ text: sql, tooltips: ['复制 SQL', '已复制'] }}
      style={{ marginBottom: 0 }}
      className="xc-al-sql"
    >
      <pre>{sql}</pre>
    </Typography.Paragraph>
  );
}
