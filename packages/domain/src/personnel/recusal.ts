import { searchKey } from '../common/text.ts';
import { addMonths, daysBetween } from '../planning/calendar.ts';
import {
  isDirectRelative,
  LEADING_ROLES,
  RECUSAL_RULES,
  RELATIONS,
  type TPersonnelSettings,
  type TRecusalReason,
  type TRelation,
  type TTeamRole,
  type TWorkRelation,
} from './schemas.ts';

/**
 * 回避 (domain.md §5). The rules, in the order a report lists them:
 * - workedThere: worked at a target now or within `recusalYears` (任职回避);
 * - workedThereLong: 组长/副组长 who worked at a target more than `longTermYears` in total;
 * - relativeThere / closeRelationThere: a spouse or direct relative / another close relation works there;
 * - leaderRelation: 组长/副组长 whose direct superior or subordinate within `recusalYears`, or long-time
 *   colleague, is on the target's leadership (公务回避);
 * - homeArea: 地域回避, where the authority sets it;
 * - declared / objection: the inspector's own declaration, the inspected organization's request.
 */
export type TRecusalRule =
  | 'workedThere'
  | 'workedThereLong'
  | 'relativeThere'
  | 'closeRelationThere'
  | 'leaderRelation'
  | 'homeArea'
  | 'declared'
  | 'objection';

export const RECUSAL_RULE_LABELS: Record<TRecusalRule, string> = {
  workedThere: '近期在被巡察单位工作',
  workedThereLong: '曾在被巡察单位长期工作',
  relativeThere: '配偶或直系亲属在被巡察单位工作',
  closeRelationThere: '其他近亲属或密切关系人在被巡察单位工作',
  leaderRelation: '与被巡察单位领导班子成员有上下级或长期共事关系',
  homeArea: '被巡察单位位于本人家乡所在地',
  declared: '本人申报需要回避',
  objection: '被巡察单位提出回避申请',
};

/** Rules that bind only 组长 and 副组长. */
export const LEADING_ONLY_RULES: readonly TRecusalRule[] = ['workedThereLong', 'leaderRelation'];

export interface TRecusalTarget {
  orgId: string;
  name: string;
  authorityId: string;
  /** The township of a village target: §5's rules reach the township that runs the village. */
  parentOrgId?: string | null;
  leaders: readonly { name: string; position: string; since: string | null; until: string | null }[];
}

export interface TRecusalInput {
  inspector: {
    id: string;
    homeAuthorityId: string | null;
    history: readonly { orgId?: string | null; unitName: string; from: string; to?: string | null }[];
    relatives: readonly { name: string; relation: TRelation; orgId?: string | null; unitName: string }[];
    workRelations: readonly { personName: string; relation: TWorkRelation; from: string; to?: string | null }[];
  };
  role: TTeamRole;
  targets: readonly TRecusalTarget[];
  /** The day the check is made for: normally the inspection's planned entry date. */
  onDate: string;
  settings: Pick<TPersonnelSettings, 'recusalYears' | 'longTermYears' | 'longColleagueYears' | 'regionalRecusal'>;
  declarations?: readonly { hasConflict: boolean; detail: string }[];
  objections?: readonly { reason: string }[];
}

const RULE_ORDER = Object.fromEntries(RECUSAL_RULES.map((r, i) => [r, i])) as Record<TRecusalRule, number>;
const RELATION_ORDER = Object.fromEntries(RELATIONS.map((r, i) => [r, i])) as Record<TRelation, number>;

/** Names typed by different people meet: full-width folded, case folded, spaces dropped. */
const norm = (s: string) => searchKey(s).replace(/\s+/gu, '');

/** 2021-03-09 → 2021年3月: the precision people write work history in. */
function month(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月`;
}
function period(from: string, to: string | null | undefined): string {
  return `${month(from)}至${to ? month(to) : '今'}`;
}

/** A row recorded with an organization matches by it; a free-text row by the unit's name. */
function sameUnit(row: { orgId?: string | null; unitName: string }, orgId: string, name: string | null): boolean {
  if (row.orgId) return row.orgId === orgId;
  return name !== null && norm(row.unitName) === norm(name);
}

const RELATIVE_PHRASE: Record<TRelation, string> = {
  spouse: '其配偶',
  parent: '其父母',
  child: '其子女',
  sibling: '其兄弟姐妹',
  otherDirect: '其直系亲属',
  close: '与其有近亲属或密切关系的',
};

/** Compares rows by a list of fields, so equal-looking rows in any input order come out the same. */
function byKeys<T>(key: (x: T) => readonly (string | number)[]): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const x = ka[i]!;
      const y = kb[i]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}
const byFrom = byKeys((r: { from: string; to?: string | null }) => [r.from, r.to ?? '~']);

/**
 * Days in the merged periods (clipped at onDate), and whether they come to more than `years`. The
 * years are counted from the first period's start, so a single stint is "more than 3 years" exactly
 * when it ends after the same day three years on; several stints are summed in days.
 */
function longStint(rows: readonly { from: string; to?: string | null }[], onDate: string, years: number): boolean {
  const spans: [string, string][] = [];
  for (const r of [...rows].sort(byFrom)) {
    if (r.from > onDate) continue;
    const end = r.to && r.to < onDate ? r.to : onDate;
    const last = spans.at(-1);
    if (last && r.from <= last[1]) {
      if (end > last[1]) last[1] = end;
    } else spans.push([r.from, end]);
  }
  const first = spans[0];
  if (!first) return false;
  const total = spans.reduce((n, [a, b]) => n + daysBetween(a, b), 0);
  return total > daysBetween(first[0], addMonths(first[0], years * 12));
}

/**
 * Why `inspector` may not inspect `targets` in `role`, as of `onDate`; [] when nothing stands in the
 * way. Pure: the server loads the rows and decides what a conflict blocks (§5: an office leader may
 * override with a written reason).
 *
 * Boundaries: "within N years" includes the day exactly N years before onDate (a stint that ended
 * that day still counts; one that ended the day before does not). A posting that starts after
 * onDate counts too: the inspector would be inspecting their next employer.
 *
 * Order: by rule (RECUSAL_RULES), then by target as given, then chronologically; identical reasons
 * (a township reached through two of its villages) are given once.
 */
export function recusalReasons(input: TRecusalInput): TRecusalReason[] {
  const { inspector, role, targets, onDate, settings } = input;
  const cutoff = addMonths(onDate, -12 * settings.recusalYears);
  const leading = LEADING_ROLES.includes(role);
  const targetIds = new Set(targets.map((t) => t.orgId));

  const history = [...inspector.history].sort(byKeys((h) => [h.from, h.to ?? '~', h.orgId ?? '', h.unitName]));
  const relatives = [...inspector.relatives].sort(
    byKeys((r) => [RELATION_ORDER[r.relation], r.name, r.orgId ?? '', r.unitName]),
  );
  const workRelations = [...inspector.workRelations].sort(
    byKeys((w) => [w.from, w.to ?? '~', w.personName, w.relation]),
  );

  const found: { rule: TRecusalRule; detail: string; target: number; seq: number }[] = [];
  const add = (rule: TRecusalRule, detail: string, target: number) =>
    found.push({ rule, detail, target, seq: found.length });

  targets.forEach((t, ti) => {
    // The target itself, and the township of a village unless that township is a target in its own right.
    const places: { orgId: string; name: string | null }[] = [{ orgId: t.orgId, name: t.name }];
    if (t.parentOrgId && !targetIds.has(t.parentOrgId)) places.push({ orgId: t.parentOrgId, name: null });

    for (const place of places) {
      // The target's name as it is now; a history row under an older name keeps that name beside it.
      const where = (unitName: string, historic: boolean) => {
        if (place.name === null)
          return unitName ? `${unitName}（被巡察村(社区)所属乡镇(街道)）` : '被巡察村(社区)所属乡镇(街道)';
        if (!historic || !unitName || norm(unitName) === norm(place.name)) return place.name;
        return `${place.name}（时称${unitName}）`;
      };

      for (const h of history) {
        if (!sameUnit(h, place.orgId, place.name)) continue;
        if ((h.to ?? '9999-12-31') >= cutoff)
          add(
            'workedThere',
            `${period(h.from, h.to)}在${where(h.unitName, true)}工作（近${settings.recusalYears}年内）`,
            ti,
          );
      }
      for (const r of relatives) {
        if (!sameUnit(r, place.orgId, place.name)) continue;
        add(
          isDirectRelative(r.relation) ? 'relativeThere' : 'closeRelationThere',
          `${RELATIVE_PHRASE[r.relation]}${r.name}在${where(r.unitName, false)}工作`,
          ti,
        );
      }
    }

    if (leading) {
      const stints = history.filter((h) => h.from <= onDate && sameUnit(h, t.orgId, t.name));
      if (longStint(stints, onDate, settings.longTermYears))
        add(
          'workedThereLong',
          `${stints.map((h) => period(h.from, h.to)).join('、')}在${t.name}工作，累计超过${settings.longTermYears}年`,
          ti,
        );

      const leaders = [...t.leaders]
        .filter((l) => (l.since === null || l.since <= onDate) && (l.until === null || l.until >= cutoff))
        .sort(byKeys((l) => [l.since ?? '', l.name, l.position, l.until ?? '~']));
      for (const l of leaders) {
        const who = `${t.name}${l.position}${l.name}`;
        for (const w of workRelations) {
          if (norm(w.personName) !== norm(l.name)) continue;
          if (w.relation === 'colleague') {
            const end = w.to ?? onDate;
            if (addMonths(w.from, 12 * settings.longColleagueYears) <= end)
              add('leaderRelation', `${who}与其${period(w.from, w.to)}共事，满${settings.longColleagueYears}年`, ti);
          } else if (w.from <= onDate && (w.to ?? '9999-12-31') >= cutoff) {
            add(
              'leaderRelation',
              `${who}${period(w.from, w.to)}系其直接${w.relation === 'superior' ? '上级' : '下级'}（近${settings.recusalYears}年内）`,
              ti,
            );
          }
        }
      }
    }

    if (settings.regionalRecusal && inspector.homeAuthorityId && t.authorityId === inspector.homeAuthorityId)
      add('homeArea', `${t.name}位于其家乡所在地（地域回避）`, ti);
  });

  for (const d of input.declarations ?? [])
    if (d.hasConflict)
      add('declared', d.detail ? `本人申报：${d.detail}` : '本人申报存在需要回避的情形', targets.length);
  for (const o of input.objections ?? []) add('objection', `被巡察单位提出回避申请：${o.reason}`, targets.length);

  const seen = new Set<string>();
  return found
    .sort((a, b) => RULE_ORDER[a.rule] - RULE_ORDER[b.rule] || a.target - b.target || a.seq - b.seq)
    .filter((f) => {
      const key = `${f.rule}\u0000${f.detail}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(({ rule, detail }) => ({ rule, detail }));
}
