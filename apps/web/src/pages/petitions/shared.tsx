import { MailOutlined, PhoneOutlined, QrcodeOutlined, UserOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import {
  PETITION_CHANNEL_LABELS,
  PETITION_CHANNELS,
  PETITION_STATUS_LABELS,
  PETITION_STATUSES,
  STAGE_LABELS,
  STAGES,
  type TPetitionChannel,
  type TPetitionStatus,
  type TStage,
} from '@xc/domain';
import { Checkbox, Select, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useMemo, useState } from 'react';
import { useMe } from '../../api/hooks.ts';
import type { TPetitionFilters } from '../../api/petitions.ts';
import { getInspection, listAllInspections, listRounds, pk, type TInspectionItem } from '../../api/planning.ts';
import { isUuid, keywordOf, oneOf, toParams } from '../../components/url-filters.ts';
import { targetSummary } from '../planning/shared.tsx';

export { isUuid } from '../../components/url-filters.ts';

/* ---------- tags ---------- */

export const PETITION_STATUS_COLOURS: Record<TPetitionStatus, string> = {
  received: 'gold',
  accepted: 'blue',
  forwarded: 'purple',
  closed: 'green',
};

export function PetitionStatusTag({ status }: { status: TPetitionStatus }) {
  return <Tag color={PETITION_STATUS_COLOURS[status]}>{PETITION_STATUS_LABELS[status] ?? status}</Tag>;
}

const CHANNEL_TAGS: Record<TPetitionChannel, { color: string; icon: ReactNode }> = {
  qr: { color: 'cyan', icon: <QrcodeOutlined /> },
  letter: { color: 'default', icon: <MailOutlined /> },
  phone: { color: 'default', icon: <PhoneOutlined /> },
  visit: { color: 'default', icon: <UserOutlined /> },
};

export function ChannelTag({ channel }: { channel: TPetitionChannel }) {
  const t = CHANNEL_TAGS[channel] ?? { color: 'default', icon: null };
  return (
    <Tag color={t.color} icon={t.icon}>
      {PETITION_CHANNEL_LABELS[channel] ?? channel}
    </Tag>
  );
}

/* ---------- formatting ---------- */

/** A day stays a day; a timestamp is shown to the minute in local time. */
export function when(s: string | null | undefined): string {
  if (!s) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const d = dayjs(s);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : s;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/* ---------- inbox filters in the URL ---------- */

/** The inbox's filters live in the URL so that the inspection page can link to one inspection's petitions. */
export function readPetitionFilters(p: URLSearchParams): TPetitionFilters {
  const inspectionId = p.get('inspectionId');
  return {
    inspectionId: isUuid(inspectionId) ? inspectionId : undefined,
    status: oneOf<TPetitionStatus>(PETITION_STATUSES, p.get('status')),
    channel: oneOf<TPetitionChannel>(PETITION_CHANNELS, p.get('channel')),
    q: keywordOf(p, 50),
  };
}

export const writePetitionFilters = (f: TPetitionFilters): URLSearchParams =>
  toParams(f, ['inspectionId', 'status', 'channel', 'q']);

/* ---------- choosing an inspection ---------- */

/** Stages loaded by default: on site first, then being prepared (codes go up at entry) and reporting. */
const ACTIVE_STAGES: TStage[] = ['onSite', 'prepared', 'reporting'];
const STAGE_ORDER: TStage[] = [...ACTIVE_STAGES, ...STAGES.filter((s) => !ACTIVE_STAGES.includes(s))];

export function inspectionLabel(i: TInspectionItem, roundNumber: number | undefined): string {
  return [roundNumber ? `第${roundNumber}轮` : '轮次', i.teamName ?? '未定巡察组', targetSummary(i.targets)].join(
    ' · ',
  );
}

/**
 * The inspections the user may see, for the inspection select: those on site, being prepared or
 * reporting, or every stage when `all`; plus `selectedId` when it is elsewhere (a link from the
 * inspection page). Round numbers come from the rounds of the terms involved.
 */
export function useInspectionChoices(all: boolean, selectedId: string | undefined) {
  // A team's own people work only on their team's inspections: offer those alone.
  const { data: me } = useMe();
  const mine = me && !me.roles.some((r) => r === 'officeLeader' || r === 'officeStaff') ? 'true' : undefined;
  const staged = useQueries({
    queries: ACTIVE_STAGES.map((stage) => ({
      queryKey: pk.inspections({ stage, all: true, mine }),
      queryFn: ({ signal }: { signal: AbortSignal }) => listAllInspections({ stage, mine }, signal),
      enabled: !all && !!me,
      staleTime: 60_000,
    })),
  });
  const everything = useQuery({
    queryKey: pk.inspections({ all: true, mine }),
    queryFn: ({ signal }) => listAllInspections({ mine }, signal),
    enabled: all && !!me,
    staleTime: 60_000,
  });
  const loaded = all ? everything.data : staged.every((q) => q.data) ? staged.flatMap((q) => q.data ?? []) : undefined;
  const missing = !!selectedId && !!loaded && !loaded.some((i) => i.id === selectedId);
  const selected = useQuery({
    queryKey: pk.inspection(selectedId ?? ''),
    queryFn: () => getInspection(selectedId ?? ''),
    enabled: missing,
    retry: false,
  });
  const list = useMemo(() => {
    const out = [...(loaded ?? [])];
    if (missing && selected.data) out.push(selected.data);
    return out;
  }, [loaded, missing, selected.data]);
  const termIds = useMemo(() => [...new Set(list.map((i) => i.termId))].sort(), [list]);
  const rounds = useQueries({
    queries: termIds.map((termId) => ({
      queryKey: pk.rounds({ termId }),
      queryFn: ({ signal }: { signal: AbortSignal }) => listRounds({ termId, limit: 200 }, signal),
      staleTime: 5 * 60_000,
    })),
  });
  const roundKey = rounds.map((r) => r.dataUpdatedAt).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: roundKey stands for the rounds' data
  const roundNumbers = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of rounds) for (const x of r.data?.items ?? []) m.set(x.id, x.number);
    return m;
  }, [roundKey]);
  const error = all ? everything.error : (staged.find((q) => q.error)?.error ?? null);
  return {
    list,
    roundNumbers,
    loading: all ? everything.isPending : staged.some((q) => q.isPending),
    error,
    label: (i: TInspectionItem) => inspectionLabel(i, roundNumbers.get(i.roundId)),
    find: (id: string | undefined) => (id ? list.find((i) => i.id === id) : undefined),
  };
}

export type InspectionChoices = ReturnType<typeof useInspectionChoices>;

/** Select of the inspections above, grouped by stage (on site first), with a switch to show every stage. */
export function InspectionSelect({
  value,
  onChange,
  width = 420,
  allowClear = true,
  placeholder = '选择巡察任务',
}: {
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  width?: number;
  allowClear?: boolean;
  placeholder?: string;
}) {
  const [all, setAll] = useState(false);
  const choices = useInspectionChoices(all, value);
  const { list, roundNumbers } = choices;
  const options = useMemo(() => {
    const groups = new Map<TStage, { value: string; label: string; sort: number }[]>();
    for (const i of list) {
      const g = groups.get(i.stage) ?? [];
      g.push({
        value: i.id,
        label: inspectionLabel(i, roundNumbers.get(i.roundId)),
        sort: -(Date.parse(i.plannedEntryDate ?? '') || 0),
      });
      groups.set(i.stage, g);
    }
    return STAGE_ORDER.filter((s) => groups.has(s)).map((s) => ({
      label: STAGE_LABELS[s],
      title: STAGE_LABELS[s],
      options: (groups.get(s) ?? [])
        .sort((a, b) => a.sort - b.sort || a.label.localeCompare(b.label, 'zh-CN'))
        .map(({ value: v, label }) => ({ value: v, label })),
    }));
  }, [list, roundNumbers]);
  return (
    <Space size={8} wrap>
      <Select
        value={value}
        onChange={(v?: string) => onChange(v || undefined)}
        options={options}
        loading={choices.loading}
        allowClear={allowClear}
        placeholder={placeholder}
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width }}
        popupMatchSelectWidth={false}
        notFoundContent={choices.loading ? '正在加载…' : choices.error ? '巡察任务加载失败' : '没有可选的巡察任务'}
        labelRender={({ label, value: v }) =>
          label !== undefined && label !== v ? label : choices.loading ? '正在加载…' : '不在可选范围内的巡察任务'
        }
        aria-label="巡察任务"
      />
      <Checkbox checked={all} onChange={(e) => setAll(e.target.checked)}>
        含其他阶段
      </Checkbox>
    </Space>
  );
}
