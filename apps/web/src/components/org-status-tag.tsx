import { ORG_STATUS_LABELS } from '@xc/domain';
import { Tag } from 'antd';

const COLORS = { active: 'green', merged: 'gold', abolished: 'red' } as const;

export function OrgStatusTag({ status }: { status: keyof typeof ORG_STATUS_LABELS }) {
  return <Tag color={COLORS[status]}>{ORG_STATUS_LABELS[status] ?? status}</Tag>;
}
