import type { TSector } from '../orgs/schemas.ts';
import {
  EXPERTISE,
  FINANCE_OR_AUDIT,
  POOL_LABELS,
  type TExpertise,
  type TPersonnelSettings,
  type TPool,
  type TPoolStatus,
  type TRecusalReason,
  type TTeamRole,
  type TTeamWarning,
} from './schemas.ts';

type TTeamSettings = Pick<
  TPersonnelSettings,
  'teamMin' | 'teamMax' | 'deputiesMin' | 'deputiesMax' | 'requireFinanceOrAudit'
>;

const hasFinanceOrAudit = (expertise: readonly string[]) =>
  expertise.some((e) => FINANCE_OR_AUDIT.includes(e as TExpertise));

function range(min: number, max: number): string {
  return min === max ? `${min}` : `${min}至${max}`;
}

/**
 * What keeps a roster from the team rule of §5 (usually 5–7 people, 1 组长, 1–2 副组长, someone from
 * 财务 or 审计), in that order; [] when it meets it. A 联络员 is the office's link to the team, not one
 * of its inspectors, so liaisons are left out of the count and of the expertise check.
 */
export function teamWarnings(
  members: readonly { role: TTeamRole; expertise: readonly string[] }[],
  s: TTeamSettings,
): TTeamWarning[] {
  const out: TTeamWarning[] = [];
  const team = members.filter((m) => m.role !== 'liaison');
  const note = team.length < members.length ? '（不含联络员）' : '';
  const n = team.length;
  if (n < s.teamMin) out.push({ code: 'teamTooSmall', message: `巡察组现有${n}人${note}，少于规定的${s.teamMin}人` });
  if (n > s.teamMax) out.push({ code: 'teamTooLarge', message: `巡察组现有${n}人${note}，超过规定的${s.teamMax}人` });

  const leaders = team.filter((m) => m.role === 'leader').length;
  if (leaders === 0) out.push({ code: 'leaderMissing', message: '巡察组尚未确定组长' });
  if (leaders > 1) out.push({ code: 'leaderTooMany', message: `巡察组有${leaders}名组长，只能有1名` });

  const deputies = team.filter((m) => m.role === 'deputy').length;
  const should = `应为${range(s.deputiesMin, s.deputiesMax)}名`;
  if (deputies < s.deputiesMin) out.push({ code: 'deputiesTooFew', message: `巡察组有${deputies}名副组长，${should}` });
  if (deputies > s.deputiesMax)
    out.push({ code: 'deputiesTooMany', message: `巡察组有${deputies}名副组长，${should}` });

  if (s.requireFinanceOrAudit && !team.some((m) => hasFinanceOrAudit(m.expertise)))
    out.push({ code: 'financeOrAuditMissing', message: '巡察组中没有财务或审计专业人员' });
  return out;
}

/**
 * The expertise that knows a sector's work (domain.md §3 sectors → EXPERTISE). A sector with no entry
 * asks for nothing beyond the general team rule.
 */
export const SECTOR_EXPERTISE: Readonly<Record<TSector, readonly TExpertise[]>> = {
  党群: ['组织人事', '宣传'],
  政法: ['政法', '法律'],
  教育: ['教育'],
  卫健: ['卫健'],
  农林水: ['农林水'],
  交通: ['工程项目'],
  城建: ['工程项目'],
  国土: ['国土'],
  经济: ['行业'],
  财政金融: ['金融', '财务'],
  社会事业: ['行业'],
  群团: ['组织人事', '宣传'],
  新闻媒体: ['宣传'],
  文化旅游: ['宣传', '行业'],
  生态环境: ['国土', '行业'],
  市场监管: ['行业', '法律'],
  国有企业: ['财务', '审计', '工程项目'],
  乡镇街道: ['农林水', '财务'],
  // 村级“三资” (funds, assets, resources) are what village inspections mostly look at.
  村社区: ['财务', '农林水'],
  其他: [],
};

/** The expertise a sector asks for; a sector spelled like a field of expertise asks for that field. */
export function expertiseForSector(sector: string): readonly TExpertise[] {
  if (Object.hasOwn(SECTOR_EXPERTISE, sector)) return SECTOR_EXPERTISE[sector as TSector];
  return (EXPERTISE as readonly string[]).includes(sector) ? [sector as TExpertise] : [];
}

export interface TTeamCandidate {
  id: string;
  name: string;
  pools: readonly { pool: TPool; status: TPoolStatus }[];
  expertise: readonly string[];
  /** Teams served on in this term. */
  workload: number;
  /** Organizations they have already inspected as 组长. */
  ledTargetIds: readonly string[];
  /** recusalReasons for this inspection in role 'leader' (the same rules bind a deputy). */
  conflicts: readonly TRecusalReason[];
  /** recusalReasons for this inspection in role 'member'. */
  memberConflicts: readonly TRecusalReason[];
}

export interface TSuggestTeamInput {
  pool: readonly TTeamCandidate[];
  /** Sectors of the inspection's targets, in the order they should be staffed. */
  targetSectors: readonly string[];
  /**
   * The inspection's targets. When given, only these count in ledTargetIds; when left out the caller
   * has already narrowed ledTargetIds to them.
   */
  targetOrgIds?: readonly string[];
  settings: TTeamSettings;
  /** People to propose; the authority's teamMin when left out. */
  size?: number;
}

export interface TSuggestedMember {
  inspectorId: string;
  name: string;
  role: TTeamRole;
  why: string;
}

interface TRanked {
  c: TTeamCandidate;
  canLead: boolean;
  canDeputy: boolean;
  canMember: boolean;
  fa: boolean;
  used: boolean;
}

const inPool = (c: TTeamCandidate, pool: TPool) => c.pools.some((p) => p.pool === pool && p.status === 'in');

/** "组长库在库" / "专职巡察干部": the first of `pools` the person is in now. */
function poolPhrase(c: TTeamCandidate, pools: readonly TPool[]): string {
  const p = pools.find((x) => inPool(c, x)) ?? pools[0]!;
  return p === 'staff' ? POOL_LABELS.staff : `${POOL_LABELS[p]}在库`;
}
const workloadPhrase = (c: TTeamCandidate) => `本届承担${c.workload}次任务`;

/**
 * A proposed team for one inspection, for the office to adjust; it never proposes anyone with a
 * conflict for the role proposed.
 *
 * - 组长: in the 组长库 now, no conflict, has not led a team at these targets, lightest workload first;
 * - 副组长: one for every three other places, within the authority's range (5–6 people get 1, 7 get 2);
 *   专职巡察干部 or 组长库, no conflict in a leading role;
 * - 组员: 专职巡察干部 or 人才库 with no conflict as a member: first someone from 财务 or 审计 if the team
 *   lacks one, then one who knows each target sector, then by workload.
 *
 * Each pick leaves enough people for the places still open (counting people who could fill either a
 * deputy's or a member's place once), so a pool that can make a full team gives one. Ties go to the
 * lighter workload, then the name, then the id, so the same pool always gives the same team. One
 * sort of the pool and a pass per place: 5,000 candidates take a few milliseconds.
 */
export function suggestTeam(input: TSuggestTeamInput): { members: TSuggestedMember[]; warnings: TTeamWarning[] } {
  const s = input.settings;
  const size = input.size ?? s.teamMin;
  if (!Number.isSafeInteger(size) || size < 1 || size > 30)
    throw new RangeError(`巡察组人数必须是1至30的整数：${size}`);
  const targets = input.targetOrgIds ? new Set(input.targetOrgIds) : null;

  // A person listed twice is considered once, as first listed.
  const seen = new Set<string>();
  const ranked: TRanked[] = [];
  for (const c of input.pool) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    if (!Number.isFinite(c.workload) || c.workload < 0) throw new RangeError(`工作量必须是非负数：${c.name}`);
    const clearLeading = c.conflicts.length === 0;
    const led = targets ? c.ledTargetIds.some((t) => targets.has(t)) : c.ledTargetIds.length > 0;
    const r: TRanked = {
      c,
      canLead: clearLeading && !led && inPool(c, 'leaderPool'),
      canDeputy: clearLeading && (inPool(c, 'staff') || inPool(c, 'leaderPool')),
      canMember: c.memberConflicts.length === 0 && (inPool(c, 'talentPool') || inPool(c, 'staff')),
      fa: hasFinanceOrAudit(c.expertise),
      used: false,
    };
    if (r.canLead || r.canDeputy || r.canMember) ranked.push(r);
  }
  ranked.sort(
    (a, b) =>
      a.c.workload - b.c.workload ||
      (a.c.name < b.c.name ? -1 : a.c.name > b.c.name ? 1 : 0) ||
      (a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0),
  );

  // People still free who could be a deputy, a member, either.
  let freeDeputies = ranked.filter((r) => r.canDeputy).length;
  let freeMembers = ranked.filter((r) => r.canMember).length;
  let freeEither = ranked.filter((r) => r.canDeputy || r.canMember).length;
  /** Would the open places still be fillable without r (Hall's condition for two kinds of place)? */
  const leaves = (r: TRanked, deputies: number, members: number) => {
    const d = freeDeputies - (r.canDeputy ? 1 : 0);
    const m = freeMembers - (r.canMember ? 1 : 0);
    const e = freeEither - (r.canDeputy || r.canMember ? 1 : 0);
    return d >= deputies && m >= members && e >= deputies + members;
  };
  const take = (r: TRanked) => {
    r.used = true;
    if (r.canDeputy) freeDeputies--;
    if (r.canMember) freeMembers--;
    if (r.canDeputy || r.canMember) freeEither--;
  };
  const first = (ok: (r: TRanked) => boolean) => ranked.find((r) => !r.used && ok(r));

  let deputiesWanted = Math.min(s.deputiesMax, Math.max(s.deputiesMin, Math.floor((size - 1) / 3)), size - 1);
  deputiesWanted = Math.max(0, deputiesWanted);
  let membersWanted = size - 1 - deputiesWanted;

  const members: TSuggestedMember[] = [];
  const chosen: { role: TTeamRole; expertise: readonly string[] }[] = [];
  const extra: TTeamWarning[] = [];
  const pick = (r: TRanked, role: TTeamRole, why: string) => {
    take(r);
    members.push({ inspectorId: r.c.id, name: r.c.name, role, why });
    chosen.push({ role, expertise: r.c.expertise });
  };

  const these = targets && targets.size > 1 ? '这些单位' : '该单位';
  const leader = first((r) => r.canLead && leaves(r, deputiesWanted, membersWanted)) ?? first((r) => r.canLead);
  if (leader)
    pick(
      leader,
      'leader',
      `${poolPhrase(leader.c, ['leaderPool'])}，${workloadPhrase(leader.c)}，未曾带队巡察${these}`,
    );
  else
    extra.push({
      code: 'noLeaderCandidate',
      message: `组长库中没有可任组长的人选（须在库、无需回避且未曾带队巡察${these}）`,
    });

  let needFa = s.requireFinanceOrAudit && !(leader?.fa ?? false);
  const DEPUTY_POOLS: TPool[] = ['staff', 'leaderPool'];
  const MEMBER_POOLS: TPool[] = ['staff', 'talentPool'];
  const FA_WHY = '具备财务或审计专长（巡察组须配备财务或审计人员）';

  for (let k = 0; k < deputiesWanted; k++) {
    const left = deputiesWanted - k - 1;
    // If no member place could bring 财务/审计, a deputy who can is worth more than a lighter workload.
    const faFromDeputy = needFa && !(membersWanted > 0 && ranked.some((r) => !r.used && r.canMember && r.fa));
    const r =
      (faFromDeputy ? first((x) => x.canDeputy && x.fa && leaves(x, left, membersWanted)) : undefined) ??
      first((x) => x.canDeputy && leaves(x, left, membersWanted)) ??
      first((x) => x.canDeputy);
    if (!r) {
      const got = k;
      if (got < s.deputiesMin)
        extra.push({
          code: 'notEnoughDeputies',
          message: `可任副组长的人选不足（须为专职巡察干部或组长库在库人员且无需回避），只找到${got}名`,
        });
      // Above the minimum, the places left go to members.
      else membersWanted += deputiesWanted - k;
      deputiesWanted = k;
      break;
    }
    pick(r, 'deputy', `${poolPhrase(r.c, DEPUTY_POOLS)}，${workloadPhrase(r.c)}${needFa && r.fa ? `，${FA_WHY}` : ''}`);
    if (r.fa) needFa = false;
  }

  let open = membersWanted;
  if (needFa && open > 0) {
    const r = first((x) => x.canMember && x.fa);
    if (r) {
      pick(r, 'member', `${poolPhrase(r.c, MEMBER_POOLS)}，${FA_WHY}，${workloadPhrase(r.c)}`);
      open--;
    }
  }

  const sectors = [...new Set(input.targetSectors)];
  for (const sector of sectors) {
    const wanted = expertiseForSector(sector);
    if (wanted.length === 0) continue;
    const knows = (e: readonly string[]) => e.some((x) => wanted.includes(x as TExpertise));
    if (chosen.some((m) => knows(m.expertise))) continue;
    const r = open > 0 ? first((x) => x.canMember && knows(x.c.expertise)) : undefined;
    if (r) {
      const has = wanted.filter((w) => r.c.expertise.includes(w)).join('、');
      pick(r, 'member', `${poolPhrase(r.c, MEMBER_POOLS)}，具备${has}专长，熟悉${sector}领域，${workloadPhrase(r.c)}`);
      open--;
    } else
      extra.push({
        code: 'sectorExpertiseMissing',
        message: `被巡察单位属${sector}领域，建议配备${wanted.join('或')}专长的人员，${open > 0 ? '可选人员中没有' : '组内名额已满'}`,
      });
  }

  while (open > 0) {
    const r = first((x) => x.canMember);
    if (!r) break;
    pick(r, 'member', `${poolPhrase(r.c, MEMBER_POOLS)}，${workloadPhrase(r.c)}`);
    open--;
  }
  if (open > 0)
    extra.push({
      code: 'notEnoughMembers',
      message: `可任组员的人选不足（须为专职巡察干部或人才库在库人员且无需回避），还缺${open}人`,
    });

  return { members, warnings: [...teamWarnings(chosen, s), ...extra] };
}
