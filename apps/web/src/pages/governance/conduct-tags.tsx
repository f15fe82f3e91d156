import { CONDUCT_STAGE_LABELS, CONDUCT_STATUS_LABELS, conductRateText, type TConductStage } from '@xc/domain';
import { Space, Tag, Tooltip } from 'antd';

export function ConductStageTag({ stage }: { stage: TConductStage }) {
  return <Tag color={stage === 'atFeedback' ? 'blue' : 'purple'}>{CONDUCT_STAGE_LABELS[stage]}</Tag>;
}

const STATUS_COLOURS = { scheduled: 'default', open: 'processing', closed: 'success' } as const;
export function ConductStatusTag({ status }: { status: keyof typeof CONDUCT_STATUS_LABELS }) {
  return <Tag color={STATUS_COLOURS[status]}>{CONDUCT_STATUS_LABELS[status]}</Tag>;
}

/** 达标 / 未达标 against the 97.5% bar; nothing to say without valid answers. */
export function MeetsBarTag({ meetsBar }: { meetsBar: boolean | null }) {
  if (meetsBar === null) return <Tag>暂无有效答卷</Tag>;
  return meetsBar ? <Tag color="success">达标</Tag> : <Tag color="error">未达标</Tag>;
}

/** The rate as the domain writes it (rounded down) with the counts behind it, and the bar tag. */
export function ConductRate({
  satisfied,
  valid,
  meetsBar,
}: {
  satisfied: number | null;
  valid: number | null;
  meetsBar: boolean | null;
}) {
  if (satisfied === null || valid === null) return <span>—</span>;
  return (
    <Space size={4}>
      <Tooltip title={`满意 ${satisfied} / 有效答卷 ${valid}`}>
        <span>{conductRateText(satisfied, valid)}</span>
      </Tooltip>
      <MeetsBarTag meetsBar={meetsBar} />
    </Space>
  );
}
