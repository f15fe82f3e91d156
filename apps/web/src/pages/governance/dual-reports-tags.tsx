import { DUAL_REPORT_STATE_LABELS, type TDualReportState } from '@xc/domain';
import { Tag, Tooltip } from 'antd';
import { useAuthorities, useMe, usePermissions } from '../../api/hooks.ts';

type Colour = 'green' | 'yellow' | 'red' | 'done' | 'none';

/**
 * The state of one of the three records, coloured as the offices read a deadline: red overdue,
 * gold when the due date is near, blue while there is time, orange when the city office has yet to
 * check what was filed, green once checked.
 */
export function dualStateColour(state: TDualReportState, colour: Colour): string {
  switch (state) {
    case 'overdue':
      return 'red';
    case 'pending':
      return colour === 'yellow' ? 'gold' : colour === 'red' ? 'red' : 'blue';
    case 'awaitingCheck':
      return 'orange';
    case 'checked':
      return 'green';
    default:
      return 'default';
  }
}

export function DualStateTag({
  state,
  colour,
  due,
  label,
}: {
  state: TDualReportState;
  colour: Colour;
  due?: string | null;
  /** The record's name, in the tooltip (the list shows three tags side by side). */
  label?: string;
}) {
  const tag = <Tag color={dualStateColour(state, colour)}>{DUAL_REPORT_STATE_LABELS[state]}</Tag>;
  const tip = [label, due ? `应于 ${due} 前报送` : null].filter(Boolean).join('：');
  return tip ? <Tooltip title={tip}>{tag}</Tooltip> : tag;
}

/**
 * Who does what on the checklist: the county office that carried out the authorized inspection
 * records the three, the city office above it checks them (the county cannot check its own; the
 * server refuses it too). The caller's level is its home authority's.
 */
export function useDualReportRoles() {
  const perms = usePermissions();
  const me = useMe();
  const authorities = useAuthorities(perms.has('authority:read'));
  const home = authorities.data?.items.find((a) => a.id === me.data?.user.authorityId);
  // Until the level is known neither is offered, so the city office never sees the county's buttons flash.
  const level = home?.level ?? (perms.has('authority:read') ? undefined : 'county');
  return {
    write: perms.has('dualReport:write') && level === 'county',
    check: perms.has('dualReport:check') && level === 'city',
  };
}
