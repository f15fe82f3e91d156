import {
  LEADING_ONLY_RULES,
  POOL_LABELS,
  POOL_STATUS_LABELS,
  RECUSAL_RULE_LABELS,
  TEAM_ROLE_LABELS,
  TEAM_ROLES,
  type TPool,
  type TPoolStatus,
  type TRecusalRule,
  type TTeamRole,
} from '@xc/domain';
import { Alert, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';

export const time = (s: string) => dayjs(s).format('YYYY-MM-DD HH:mm');
export const span = (from: string | null | undefined, to: string | null | undefined) =>
  `${from ?? '—'} 至 ${to ?? '今'}`;

/** Where a team's page whose round or team is missing sends the user back to. */
export const BACK_TO_TEAMS = { label: '返回组队与授权', to: '/personnel/teams' };

/** In the pool green, suspended gold, out grey (the warning colours of architecture.md §9). */
export const POOL_STATUS_COLOURS: Record<TPoolStatus, string> = { in: 'green', suspended: 'gold', out: 'default' };

export function PoolTags({ pools }: { pools: { pool: TPool; status: TPoolStatus; since: string }[] }) {
  if (!pools.length) return <Typography.Text type="secondary">未入库</Typography.Text>;
  return (
    <Space size={[0, 4]} wrap>
      {pools.map((p) => (
        <Tooltip key={p.pool} title={`${POOL_STATUS_LABELS[p.status]}，${p.since} 入库`}>
          <Tag color={POOL_STATUS_COLOURS[p.status]}>
            {POOL_LABELS[p.pool] ?? p.pool}
            {p.status !== 'in' && `·${POOL_STATUS_LABELS[p.status]}`}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

export function ExpertiseTags({ expertise, empty = '—' }: { expertise: readonly string[]; empty?: string }) {
  if (!expertise.length) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <Space size={[0, 4]} wrap>
      {expertise.map((e) => (
        <Tag key={e} color="blue" variant="outlined">
          {e}
        </Tag>
      ))}
    </Space>
  );
}

export const ROLE_COLOURS: Record<TTeamRole, string> = {
  leader: 'red',
  deputy: 'volcano',
  member: 'blue',
  liaison: 'default',
};

export function RoleTag({ role }: { role: TTeamRole }) {
  return <Tag color={ROLE_COLOURS[role]}>{TEAM_ROLE_LABELS[role] ?? role}</Tag>;
}

export const ROLE_OPTIONS = TEAM_ROLES.map((r) => ({ value: r, label: TEAM_ROLE_LABELS[r] }));

export const ruleLabel = (rule: string) => RECUSAL_RULE_LABELS[rule as TRecusalRule] ?? rule;

/** True when every reason binds only 组长/副组长, so the person may still serve as 组员 or 联络员. */
export const leadingOnly = (reasons: readonly { rule: string }[]) =>
  reasons.length > 0 && reasons.every((r) => LEADING_ONLY_RULES.includes(r.rule as TRecusalRule));

export function ReasonList({ reasons }: { reasons: readonly { rule: string; detail: string }[] }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {reasons.map((r, i) => (
        // Two reasons may share a rule (two units worked at), so the index goes into the key.
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed for the life of the tooltip
        <li key={`${r.rule}-${i}`}>
          <Typography.Text strong style={{ color: 'inherit' }}>
            {ruleLabel(r.rule)}
          </Typography.Text>
          {r.detail && `：${r.detail}`}
        </li>
      ))}
    </ul>
  );
}

/**
 * A red 回避 tag with the rules in a tooltip; gold when the rules bind only 组长/副组长, since the
 * person may still join as 组员.
 */
export function RecusalTag({ reasons }: { reasons: readonly { rule: string; detail: string }[] }) {
  if (!reasons.length) return null;
  const onlyLeading = leadingOnly(reasons);
  return (
    <Tooltip title={<ReasonList reasons={reasons} />}>
      <Tag color={onlyLeading ? 'gold' : 'red'} style={{ cursor: 'help' }}>
        {onlyLeading ? '不宜任组长/副组长' : '回避'}
      </Tag>
    </Tooltip>
  );
}

/** Where a team's composition falls short of the rules (人数, 组长副组长, 专业结构), as the server says. */
export function TeamWarnings({
  title,
  warnings,
}: {
  title: string;
  warnings: readonly { code: string; message: string }[];
}) {
  if (!warnings.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={title}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {warnings.map((w) => (
            <li key={w.code}>{w.message}</li>
          ))}
        </ul>
      }
    />
  );
}
