import { INSPECTION_MODE_LABELS, STAGE_LABELS, type TInspectionMode, type TStage } from '@xc/domain';
import { Card, Statistic, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useMe } from '../../api/hooks.ts';

import { DATE } from '../../components/form-kit/values.ts';

export { DATE, day, iso } from '../../components/form-kit/values.ts';

export const today = () => dayjs().format(DATE);

/** Where a planning page whose record is missing sends the user back to. */
export const BACK_TO_TERMS = { label: '返回届期列表', to: '/planning/terms' };

export const period = (a: string | null | undefined, b: string | null | undefined) =>
  a || b ? `${a ?? '未定'} 至 ${b ?? '未定'}` : '未定';

/** Stage colours run from grey (planned) through blue (on site) to green (results published). */
export const STAGE_COLOURS: Record<TStage, string> = {
  planned: 'default',
  prepared: 'cyan',
  onSite: 'blue',
  reporting: 'geekblue',
  feedback: 'purple',
  transfer: 'magenta',
  rectifying: 'orange',
  evaluated: 'gold',
  published: 'green',
  archived: 'default',
};

export function StageTag({ stage }: { stage: TStage }) {
  return <Tag color={STAGE_COLOURS[stage]}>{STAGE_LABELS[stage] ?? stage}</Tag>;
}

export function ModeTag({ mode }: { mode: TInspectionMode }) {
  if (mode === 'ordinary') return <span>{INSPECTION_MODE_LABELS[mode]}</span>;
  return (
    <Tag color="blue" variant="outlined">
      {INSPECTION_MODE_LABELS[mode] ?? mode}
    </Tag>
  );
}

/** The warning colours of domain.md §5 as antd tag colours. */
const DEADLINE_TAGS: Record<string, { color: string; label: string }> = {
  green: { color: 'green', label: '正常' },
  yellow: { color: 'gold', label: '即将到期' },
  red: { color: 'red', label: '已逾期' },
  done: { color: 'default', label: '已完成' },
  none: { color: 'default', label: '未开始计算' },
};

export function DeadlineTag({ colour }: { colour: string }) {
  const t = DEADLINE_TAGS[colour] ?? { color: 'default', label: colour };
  return <Tag color={t.color}>{t.label}</Tag>;
}

/** Target names of an inspection: the primary targets, then how many villages go with them. */
export function targetSummary(targets: { name: string; role: string }[]): string {
  const primary = targets.filter((t) => t.role === 'primary');
  const villages = targets.filter((t) => t.role === 'village');
  if (!primary.length) return villages.map((t) => t.name).join('、') || '—';
  const head = primary.map((t) => t.name).join('、');
  return villages.length ? `${head}（带${villages.length}个村(社区)）` : head;
}

export function Targets({ targets }: { targets: { name: string; role: string }[] }) {
  const villages = targets.filter((t) => t.role === 'village');
  const text = targetSummary(targets);
  return villages.length && targets.some((t) => t.role === 'primary') ? (
    <Tooltip title={`延伸巡察：${villages.map((v) => v.name).join('、')}`}>
      <span>{text}</span>
    </Tooltip>
  ) : (
    <span>{text}</span>
  );
}

/** The authority the user works for, the default of every authority select on these pages. */
export function useHomeAuthorityId(): string | undefined {
  const { data: me } = useMe();
  return me?.user.authorityId ?? undefined;
}

export function FigureCard({
  title,
  value,
  suffix,
  precision,
  to,
  onClick,
  loading,
  valueStyle,
  icon,
}: {
  title: string;
  value: number | string | undefined;
  suffix?: string;
  precision?: number;
  to?: string;
  onClick?: () => void;
  loading?: boolean;
  valueStyle?: React.CSSProperties;
  icon?: ReactNode;
}) {
  const navigate = useNavigate();
  const click = onClick ?? (to ? () => navigate(to) : undefined);
  return (
    <Card
      className={click ? 'xc-figure-card' : undefined}
      style={{ height: '100%' }}
      hoverable={!!click}
      onClick={click}
      role={click ? 'link' : undefined}
    >
      <Statistic
        title={title}
        value={value ?? '—'}
        suffix={suffix}
        precision={precision}
        loading={loading}
        prefix={icon}
        styles={{ content: valueStyle }}
      />
    </Card>
  );
}
