/**
 * Demo personnel over the demo registry and planning: the inspectors (巡察干部) of the city and of the
 * two full counties, their pools, work history, relatives and work relations, the teams of every
 * round, trainings, 以干代训 and 跟班学习, appraisals of seconded members and the awards, modelled on
 * the seed's account of 五届赣州市委 (800+ training attendances, 170+ secondments, 2 batches of 50
 * excellent inspectors, 40 excellent reports in 6 categories). Pure and deterministic: no I/O, no
 * clock; the same registry and planning always give the same data. People are fictional (names.ts).
 *
 * What comes out, by design:
 * - About 120 city inspectors (市委巡察办 and its five standing 巡察组, a 组长库 of 处级 cadres, a
 *   人才库 drawn from 市直单位 by expertise), about 90 each for 南康 and 于都, and two office staff
 *   each for four other counties (they train, go on secondment and shadow, but have no teams here).
 * - Every team of every round that has teams is filled without a recusal conflict (see `conflicts`),
 *   one team per person per round, at most three teams per person per calendar year, and no 组长
 *   leads the same organization twice.
 * - A handful of city inspectors are deliberately conflicted with targets of 七届's first two rounds
 *   (they work there, left there within three years, have a spouse there, led there long ago, or were
 *   long-time colleagues of a sitting leader), so the team builder has real conflicts to show. No
 *   other city inspector has any tie to those targets.
 */
import {
  chineseNumeral,
  DEFAULT_PERSONNEL_SETTINGS,
  recusalReasons,
  searchKey,
  type TRecusalInput,
  type TRecusalReason,
  type TRecusalTarget,
} from '@xc/domain';
import { addDays, toDay, toIso, workdayOnOrAfter, workdayOnOrBefore } from './days.ts';
import { chance, intBetween, NameBook, pick, type Rng, rngFor, shuffled } from './names.ts';
import type { buildDemoPlanning } from './planning.ts';
import type { buildDemoRegistry } from './registry.ts';

type Registry = ReturnType<typeof buildDemoRegistry>;
type Planning = ReturnType<typeof buildDemoPlanning>;
type Org = Registry['orgs'][number];
type Inspection = Planning['inspections'][number];
type Team = Planning['teams'][number];
type Round = Planning['rounds'][number];

export interface SeedInspector {
  key: string;
  authorityKey: string;
  name: string;
  gender: 'male' | 'female';
  birthYear: number;
  homeOrgKey: string | null;
  homeUnitName: string;
  post: string;
  rank: string;
  politicalStatus: string;
  expertise: string[];
  homeAuthorityKey: string | null;
  pools: {
    pool: 'staff' | 'talentPool' | 'leaderPool';
    status: 'in' | 'suspended' | 'out';
    since: string;
    until: string | null;
  }[];
  history: { orgKey: string | null; unitName: string; post: string; from: string; to: string | null }[];
  relatives: {
    name: string;
    relation: 'spouse' | 'parent' | 'child' | 'sibling' | 'otherDirect' | 'close';
    orgKey: string | null;
    unitName: string;
    post: string;
  }[];
  workRelations: {
    personName: string;
    relation: 'superior' | 'subordinate' | 'colleague';
    orgKey: string | null;
    from: string;
    to: string | null;
  }[];
}
export interface SeedTeamMember {
  teamKey: string;
  inspectorKey: string;
  role: 'leader' | 'deputy' | 'member' | 'liaison';
}
export interface SeedTraining {
  key: string;
  authorityKey: string;
  title: string;
  heldOn: string;
  hours: number;
  mode: 'onsite' | 'video';
  attendeeKeys: string[];
}
export interface SeedSecondment {
  inspectorKey: string;
  kind: 'secondment' | 'shadowing';
  hostName: string;
  from: string;
  to: string | null;
}
export interface SeedAppraisal {
  inspectorKey: string;
  teamKey: string;
  grade: '优秀' | '称职' | '基本称职' | '不称职';
  comment: string;
  appraisedOn: string;
}
export interface SeedAward {
  authorityKey: string;
  kind: 'excellentInspector' | 'excellentReport';
  batch: string;
  category: string | null;
  title: string | null;
  inspectorKeys: string[];
  awardedOn: string;
}

type Pool = SeedInspector['pools'][number];
type HistoryRow = SeedInspector['history'][number];
type Relative = SeedInspector['relatives'][number];
type WorkRelation = SeedInspector['workRelations'][number];
type Gender = SeedInspector['gender'];
type Role = SeedTeamMember['role'];

const SEED = 0x1d3c7a95;
/** The demo's "today", as in planning.ts. */
const TODAY = '2026-11-27';
/** Nobody carries more than this many teams in one calendar year. */
const MAX_TEAMS_PER_YEAR = 3;
const CITY_GROUPS = 5;
const COUNTY_GROUPS = 4;
const FULL_COUNTIES = ['nankang', 'yudu'] as const;
/** Counties with a couple of office staff only: they train, go on secondment and shadow at the city. */
const OTHER_COUNTIES = ['zhanggong', 'ganxian', 'ruijin', 'xingguo'] as const;
const FINANCE = new Set(['财务', '审计']);

// ---------------------------------------------------------------------------------------------
// Dates (UTC day numbers, as in planning.ts)

function addYears(iso: string, n: number): string {
  const md = iso.slice(4);
  return `${Number(iso.slice(0, 4)) + n}${md === '-02-29' ? '-02-28' : md}`;
}

const maxIso = (a: string, b: string) => (a > b ? a : b);
const minIso = (a: string, b: string) => (a < b ? a : b);

/** A working day in [from, to] when there is one (appointments and meetings are not at weekends). */
function dayBetween(rng: Rng, from: string, to: string): string {
  const a = toDay(from);
  const b = Math.max(a, toDay(to));
  const d = toIso(a + Math.floor(rng() * (b - a + 1)));
  const after = workdayOnOrAfter(d);
  if (after <= toIso(b)) return after;
  const before = workdayOnOrBefore(d);
  return before >= from ? before : d;
}

const overlaps = (a0: string, a1: string, b0: string, b1: string) => a0 <= b1 && b0 <= a1;

function existedOver(o: Org, from: string, to: string): boolean {
  return (!o.establishedOn || o.establishedOn <= from) && (!o.abolishedOn || o.abolishedOn >= to);
}

// ---------------------------------------------------------------------------------------------
// Names

// Characters only the female list of names.ts uses; a name with one of them reads as a woman's.
const FEMALE_ONLY = new Set([...'丽芳玲娟霞燕敏琴英萍秀慧静莉梅兰婷颖艳雪丹琳洁璐萱芬']);

function surnameOf(name: string): string {
  return name.startsWith('欧阳') ? '欧阳' : name.slice(0, 1);
}

function genderOf(name: string): Gender {
  return [...name.slice(surnameOf(name).length)].some((c) => FEMALE_ONLY.has(c)) ? 'female' : 'male';
}

/** Unique names that are also not the name of any leader in the registry. */
class Names {
  private readonly book = new NameBook();
  constructor(private readonly taken: Set<string>) {}

  draw(rng: Rng, gender: Gender | null = null, surname: string | null = null): string {
    for (let i = 0; ; i++) {
      const n = this.book.person(rng);
      if (this.taken.has(n)) continue;
      const relax = i > 4000;
      if (!relax && gender !== null && genderOf(n) !== gender) continue;
      if (!relax && surname !== null && surnameOf(n) !== surname) continue;
      this.taken.add(n);
      return n;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Posts and ranks

/** [expertise, where, post, rank]. where: a unit slug, '*gov' | '*soe' | '*school' | '*hospital' | '*town', or '#' + a unit outside the registry ({c} is the county). */
type Tpl = readonly [string, string, string, string];

const CITY_TALENT: readonly Tpl[] = [
  ['财务', 'czj', '预算科科长', '一级主任科员'],
  ['财务', 'czj', '国库科副科长', '三级主任科员'],
  ['财务', 'gzw', '财务监督与考核评价科科长', '二级主任科员'],
  ['财务', '*gov', '计划财务科科长', '二级主任科员'],
  ['财务', '*gov', '财务科副科长', '四级主任科员'],
  ['财务', '*soe', '财务管理部部长', '中层正职'],
  ['财务', '*hospital', '财务科科长', '管理七级职员'],
  ['财务', '*gov', '计划财务科一级主任科员', '一级主任科员'],
  ['财务', '*gov', '规划财务科科长', '二级主任科员'],
  ['审计', 'sjj', '经济责任审计科科长', '一级主任科员'],
  ['审计', 'sjj', '财政审计科副科长', '三级主任科员'],
  ['审计', 'sjj', '固定资产投资审计科二级主任科员', '二级主任科员'],
  ['审计', 'sjj', '社会保障审计科科长', '二级主任科员'],
  ['审计', 'sjj', '电子数据审计科副科长', '四级主任科员'],
  ['审计', '*gov', '内部审计科科长', '二级主任科员'],
  ['审计', '*soe', '审计部部长', '中层正职'],
  ['审计', '*hospital', '审计科科长', '管理八级职员'],
  ['纪检', '#赣州市纪委监委第三纪检监察室', '一级主任科员', '一级主任科员'],
  ['纪检', '#赣州市纪委监委党风政风监督室', '副主任', '二级主任科员'],
  ['纪检', '#赣州市纪委监委案件审理室', '二级主任科员', '二级主任科员'],
  ['纪检', '#赣州市纪委监委派驻第五纪检监察组', '副组长', '一级主任科员'],
  ['纪检', '*gov', '机关纪委书记', '一级主任科员'],
  ['纪检', '*hospital', '纪委办公室主任', '管理七级职员'],
  ['组织人事', 'zzb', '干部一科副科长', '三级主任科员'],
  ['组织人事', 'zzb', '干部监督科一级主任科员', '一级主任科员'],
  ['组织人事', 'rsj', '公务员管理科科长', '二级主任科员'],
  ['组织人事', '*gov', '人事科科长', '二级主任科员'],
  ['组织人事', '*gov', '机关党委专职副书记', '一级主任科员'],
  ['法律', 'sfj', '立法科科长', '一级主任科员'],
  ['法律', 'fy', '审判员', '一级法官'],
  ['法律', 'jcy', '检察员', '一级检察官'],
  ['法律', '*gov', '政策法规科科长', '二级主任科员'],
  ['工程项目', 'zjj', '建筑市场监管科科长', '一级主任科员'],
  ['工程项目', 'slj', '建设与管理科副科长', '三级主任科员'],
  ['工程项目', 'soe:ct', '工程管理部部长', '中层正职'],
  ['工程项目', 'cgj', '市政设施科科长', '二级主任科员'],
  ['政法', 'zfw', '执法监督科科长', '一级主任科员'],
  ['政法', 'sfj', '社区矫正管理科副科长', '三级主任科员'],
  ['政法', 'gaj:jj', '法制科副科长', '二级警长'],
  ['教育', 'jyj', '基础教育科科长', '一级主任科员'],
  ['教育', '*school', '办公室主任', '管理七级职员'],
  ['教育', 'jyj', '督导科副科长', '三级主任科员'],
  ['卫健', 'ybj', '基金监管科科长', '二级主任科员'],
  ['卫健', '*hospital', '医务科科长', '管理七级职员'],
  ['卫健', 'cdc', '办公室主任', '管理八级职员'],
  ['农林水', 'nyncj', '农村合作经济指导科科长', '一级主任科员'],
  ['农林水', 'lyj', '森林资源管理科科长', '二级主任科员'],
  ['农林水', 'xczxj', '项目资金监管科科长', '二级主任科员'],
  ['国土', 'zrzyj', '国土空间用途管制科科长', '一级主任科员'],
  ['国土', 'zrzyj', '耕地保护监督科副科长', '三级主任科员'],
  ['金融', 'jrj', '地方金融监管科科长', '一级主任科员'],
  ['金融', 'soe:jk', '风险管理部部长', '中层正职'],
  ['宣传', 'xcb', '新闻科科长', '一级主任科员'],
  ['宣传', 'gbds', '新闻中心副主任', '管理八级职员'],
];

const COUNTY_TALENT: readonly Tpl[] = [
  ['财务', 'czj', '预算股股长', '二级主任科员'],
  ['财务', 'czj', '国库股副股长', '四级主任科员'],
  ['财务', '*gov', '财务股股长', '三级主任科员'],
  ['财务', '*town', '财政所所长', '二级主任科员'],
  ['财务', '*town', '财政所副所长', '四级主任科员'],
  ['财务', '*hospital', '财务科科长', '管理八级职员'],
  ['财务', '*school', '总务处主任', '专业技术九级'],
  ['财务', '*gov', '计划财务股股长', '二级主任科员'],
  ['财务', '*town', '财政所会计', '一级科员'],
  ['审计', 'sjj', '经济责任审计股股长', '二级主任科员'],
  ['审计', 'sjj', '财政金融审计股副股长', '四级主任科员'],
  ['审计', 'sjj', '固定资产投资审计股股长', '二级主任科员'],
  ['审计', 'sjj', '经济责任审计股一级科员', '一级科员'],
  ['审计', '*gov', '内审股股长', '三级主任科员'],
  ['审计', 'soe:ct', '审计部部长', '中层正职'],
  ['纪检', '#{c}纪委监委第二纪检监察室', '一级主任科员', '一级主任科员'],
  ['纪检', '#{c}纪委监委派驻第三纪检监察组', '副组长', '二级主任科员'],
  ['纪检', '#{c}纪委监委案件审理室', '二级主任科员', '二级主任科员'],
  ['纪检', '*town', '纪委副书记', '四级主任科员'],
  ['纪检', '*town', '纪委副书记', '三级主任科员'],
  ['组织人事', 'zzb', '组织股股长', '二级主任科员'],
  ['组织人事', 'zzb', '干部股副股长', '四级主任科员'],
  ['组织人事', 'rsj', '人事股股长', '三级主任科员'],
  ['组织人事', '*town', '党建工作办公室主任', '三级主任科员'],
  ['组织人事', '*gov', '机关党支部专职副书记', '三级主任科员'],
  ['法律', 'sfj', '法制股股长', '三级主任科员'],
  ['法律', 'fy', '审判员', '三级法官'],
  ['法律', 'jcy', '检察员', '三级检察官'],
  ['工程项目', 'zjj', '建筑管理股股长', '二级主任科员'],
  ['工程项目', 'jtysj', '工程建设股股长', '三级主任科员'],
  ['工程项目', 'slj', '工程管理股副股长', '四级主任科员'],
  ['工程项目', 'soe:ct', '工程部经理', '中层正职'],
  ['政法', 'zfw', '综治股股长', '二级主任科员'],
  ['政法', 'gaj', '法制大队副大队长', '二级警长'],
  ['政法', '*town', '综治中心主任', '四级主任科员'],
  ['教育', 'jtj', '基础教育股股长', '二级主任科员'],
  ['教育', '*school', '办公室主任', '专业技术九级'],
  ['卫健', 'wjw', '医政医管股股长', '二级主任科员'],
  ['卫健', '*hospital', '医务科科长', '管理八级职员'],
  ['农林水', 'nyncj', '农村经营管理股股长', '二级主任科员'],
  ['农林水', 'lyj', '林政资源股股长', '三级主任科员'],
  ['农林水', 'xczxj', '项目股股长', '三级主任科员'],
  ['农林水', '*town', '农业农村综合服务中心主任', '四级主任科员'],
  ['农林水', 'slj', '农村水利股副股长', '四级主任科员'],
  ['国土', 'zrzyj', '耕地保护股股长', '二级主任科员'],
  ['国土', 'bdc', '登记股股长', '管理八级职员'],
  ['金融', 'czj', '金融股股长', '三级主任科员'],
  ['宣传', 'xcb', '新闻股股长', '三级主任科员'],
  ['宣传', 'rmt', '新闻部主任', '专业技术九级'],
];

/** Birth years that fit a rank in 2026. */
function birthRange(rank: string): readonly [number, number] {
  if (/一级调研员|正处级/.test(rank)) return [1966, 1972];
  if (/二级调研员/.test(rank)) return [1966, 1975];
  if (/三级调研员|四级调研员|副处级/.test(rank)) return [1968, 1980];
  if (/一级主任科员|中层正职|管理七级|一级法官|一级检察官|正科级/.test(rank)) return [1970, 1985];
  if (/二级主任科员|二级警长|三级法官|三级检察官|副科级/.test(rank)) return [1974, 1988];
  if (/三级主任科员|管理八级|中层副职|专业技术九级/.test(rank)) return [1980, 1990];
  if (/四级主任科员/.test(rank)) return [1984, 1992];
  if (/一级科员/.test(rank)) return [1990, 1995];
  return [1972, 1990];
}

/** What someone did at a unit before their present post, by the kind of unit and their age then. */
function pastPost(rng: Rng, o: Org | null, age: number, county: boolean): string {
  const step = age < 27 ? 0 : age < 31 ? 1 : age < 37 ? 2 : 3;
  if (o === null)
    return pick(rng, [['科员'], ['科员', '副主任科员'], ['主任科员'], ['副处级干部', '主任科员']][step] ?? ['科员']);
  const s = county ? '股' : '科';
  switch (o.kind) {
    case '学校':
      return ['教师', '教研组长', '教务处副主任', '办公室主任'][step] ?? '教师';
    case '医院':
      return ['医师', '主治医师', '医务科副科长', '医务科科长'][step] ?? '医师';
    case '国有企业':
      return ['职员', '主办会计', '部门副经理', '部门经理'][step] ?? '职员';
    case '乡镇(街道)':
      return (
        ['党政综合办科员', '党政综合办副主任', '党政综合办主任', pick(rng, ['财政所所长', '社会事务办主任'])][step] ??
        '科员'
      );
    case '村(社区)':
      return '大学生村官';
    default:
      return pick(
        rng,
        [
          ['科员', `办公室科员`],
          ['副主任科员', `办公室副主任`],
          [`综合${s}副${s}长`, '主任科员', `业务${s}副${s}长`],
          [`业务${s}${s}长`, `办公室主任`, `综合${s}${s}长`],
        ][step] ?? ['科员'],
      );
  }
}

function relativePost(rng: Rng, o: Org): string {
  switch (o.kind) {
    case '学校':
      return pick(rng, ['教师', '教师', '校医', '会计']);
    case '医院':
      return pick(rng, ['护士', '主治医师', '药剂师', '护师']);
    case '国有企业':
      return pick(rng, ['职员', '会计', '项目经理']);
    case '乡镇(街道)':
      return pick(rng, ['党政综合办科员', '便民服务中心工作人员', '财政所会计']);
    default:
      return pick(rng, ['一级科员', '四级主任科员', '三级主任科员', '科员', '办公室工作人员']);
  }
}

const OUTSIDE_WORK = [
  ['中国建设银行赣州分行', '客户经理'],
  ['国网赣州供电公司', '工程师'],
  ['赣州市章贡区第一小学', '教师'],
  ['江西理工大学', '讲师'],
  ['赣南医科大学第一附属医院', '护士'],
  ['中国移动赣州分公司', '职员'],
  ['个体经营', '个体工商户'],
  ['赣州某建材有限公司', '会计'],
  ['中国邮政储蓄银行赣州分行', '柜员'],
] as const;

// ---------------------------------------------------------------------------------------------
// People under construction

type Cls = 'staff' | 'leader' | 'talent';

interface Meta {
  cls: Cls;
  /** Number of the standing 巡察组 a staff member belongs to. */
  group: number | null;
  /** Staff who can be 副组长. */
  senior: boolean;
  onTeams: boolean;
  liaison: boolean;
}

interface Person {
  insp: SeedInspector;
  meta: Meta;
  /** On-site windows of the teams the person is on, plus secondments and shadowing. */
  busy: [string, string][];
  load: Map<number, number>;
  led: Set<string>;
  secondments: number;
}

interface Home {
  orgKey: string | null;
  unitName: string;
  post: string;
  rank: string;
}

interface MakeOpts {
  authorityKey: string;
  homeAuthorityKey: string | null;
  birthYear: number;
  gender: Gender;
  careerStart: string;
  home: Home;
  currentFrom: string;
  /** Rows just before the current one, in order, already dated. */
  fixedRows?: HistoryRow[];
  pools: Pool[];
  expertise: string[];
  meta: Meta;
  workRelations: boolean;
  /** Extra relative to add (a deliberate conflict). */
  relative?: Relative;
}

type Deliberate = 'works' | 'recent' | 'spouse' | 'longService' | 'leaderRelation';

class Gen {
  readonly orgs: Map<string, Org>;
  readonly people: Person[] = [];
  readonly names: Names;
  /** City targets of 七届's first two rounds: only the deliberately conflicted have ties to them. */
  readonly reserved = new Set<string>();
  private readonly predecessors = new Map<string, Org[]>();
  private readonly lineages = new Map<string, Set<string>>();
  private readonly seq = new Map<string, number>();
  readonly prefixOf = new Map<string, string>();

  constructor(
    readonly reg: Registry,
    readonly plan: Planning,
  ) {
    this.orgs = new Map(reg.orgs.map((o) => [o.key, o]));
    for (const o of reg.orgs) {
      if (!o.mergedIntoKey) continue;
      const list = this.predecessors.get(o.mergedIntoKey) ?? [];
      list.push(o);
      this.predecessors.set(o.mergedIntoKey, list);
    }
    this.names = new Names(new Set(reg.orgs.flatMap((o) => o.leaders.map((l) => l.name))));
    for (const a of reg.authorities) this.prefixOf.set(a.key, a.shortName.replace(/委巡察办$/, ''));
    const cityTerm = currentTerm(plan, 'city');
    if (cityTerm) {
      const rounds = new Set(plan.rounds.filter((r) => r.termKey === cityTerm.key && r.number <= 2).map((r) => r.key));
      for (const i of plan.inspections)
        if (rounds.has(i.roundKey)) for (const t of i.targets) this.reserved.add(t.orgKey);
    }
  }

  /** A reserved target, or a unit merged into one (working at 卫计委 ties one to 卫健委). */
  isReserved(key: string): boolean {
    for (const k of this.lineage(key)) if (this.reserved.has(k)) return true;
    return false;
  }

  /** A unit's name as people write it: townships and villages with their county in front. */
  unitName(o: Org): string {
    if (o.kind !== '乡镇(街道)' && o.kind !== '村(社区)') return o.name;
    const town = o.kind === '村(社区)' && o.parentKey ? (this.orgs.get(o.parentKey)?.name ?? '') : '';
    return `${this.prefixOf.get(o.authorityKey) ?? ''}${town}${o.name}`;
  }

  org(key: string): Org {
    const o = this.orgs.get(key);
    if (!o) throw new Error(`登记库中没有单位 ${key}`);
    return o;
  }

  private readonly recusalPeople = new Map<SeedInspector, TRecusalInput['inspector']>();
  private readonly recusalTargetsOf = new Map<string, TRecusalTarget[]>();

  /** An inspector as the domain's recusal rule reads one (registry keys stand for ids). */
  recusalPerson(insp: SeedInspector): TRecusalInput['inspector'] {
    let p = this.recusalPeople.get(insp);
    if (!p) {
      p = {
        id: insp.key,
        homeAuthorityId: insp.homeAuthorityKey,
        history: insp.history.map((h) => ({ orgId: h.orgKey, unitName: h.unitName, from: h.from, to: h.to })),
        relatives: insp.relatives.map((r) => ({
          name: r.name,
          relation: r.relation,
          orgId: r.orgKey,
          unitName: r.unitName,
        })),
        workRelations: insp.workRelations.map((w) => ({
          personName: w.personName,
          relation: w.relation,
          from: w.from,
          to: w.to,
        })),
      };
      this.recusalPeople.set(insp, p);
    }
    return p;
  }

  private readonly tiesOf = new Map<SeedInspector, Set<string>>();
  private readonly targetTies = new Map<string, string[]>();

  /** Could the recusal rule find anything? Units, unit names and leaders' names on both sides. */
  tied(insp: SeedInspector, target: Org): boolean {
    let mine = this.tiesOf.get(insp);
    if (!mine) {
      mine = new Set<string>();
      for (const h of insp.history) mine.add(h.orgKey ? `o:${h.orgKey}` : `n:${unitKey(h.unitName)}`);
      for (const r of insp.relatives) mine.add(r.orgKey ? `o:${r.orgKey}` : `n:${unitKey(r.unitName)}`);
      for (const w of insp.workRelations) mine.add(`p:${w.personName}`);
      this.tiesOf.set(insp, mine);
    }
    let theirs = this.targetTies.get(target.key);
    if (!theirs) {
      theirs = this.recusalTargets(target).flatMap((t) => [
        `o:${t.orgId}`,
        ...(t.parentOrgId ? [`o:${t.parentOrgId}`] : []),
        `n:${unitKey(t.name)}`,
        ...t.leaders.map((l) => `p:${l.name}`),
      ]);
      this.targetTies.set(target.key, theirs);
    }
    return theirs.some((k) => mine.has(k));
  }

  /** A target and every unit merged into it, each with the target's leadership, for the recusal rule. */
  recusalTargets(target: Org): TRecusalTarget[] {
    let list = this.recusalTargetsOf.get(target.key);
    if (!list) {
      const leaders = target.leaders.map((l) => ({
        name: l.name,
        position: l.position,
        since: l.since,
        until: l.until,
      }));
      const keys = [target.key];
      for (let i = 0; i < keys.length; i++)
        for (const p of this.predecessors.get(keys[i] as string) ?? []) if (!keys.includes(p.key)) keys.push(p.key);
      list = keys.map((k) => {
        const o = this.org(k);
        return {
          orgId: o.key,
          name: o.name,
          authorityId: o.authorityKey,
          parentOrgId: o.kind === '村(社区)' ? o.parentKey : null,
          leaders,
        };
      });
      this.recusalTargetsOf.set(target.key, list);
    }
    return list;
  }

  /** The organization and those it was merged into: working at 国土资源局 counts for 自然资源局. */
  lineage(key: string): Set<string> {
    let set = this.lineages.get(key);
    if (!set) {
      set = new Set<string>();
      let k: string | null = key;
      while (k !== null && !set.has(k)) {
        set.add(k);
        k = this.orgs.get(k)?.mergedIntoKey ?? null;
      }
      this.lineages.set(key, set);
    }
    return set;
  }

  nextKey(authorityKey: string): string {
    const n = (this.seq.get(authorityKey) ?? 0) + 1;
    this.seq.set(authorityKey, n);
    return `${authorityKey}:inspector:${String(n).padStart(3, '0')}`;
  }

  /** Units a person can be at now: registry organizations of the authority, without the reserved ones for the city. */
  unitsNow(authorityKey: string, kinds: readonly string[]): Org[] {
    return this.reg.orgs.filter(
      (o) =>
        o.authorityKey === authorityKey &&
        kinds.includes(o.kind) &&
        o.abolishedOn === null &&
        !this.reserved.has(o.key),
    );
  }

  /** A registry unit for a past row in [from, to]: for the city mostly city units, else the county's own. */
  pastOrg(rng: Rng, authorityKey: string, from: string, to: string, avoid: Set<string>): Org | null {
    const city = authorityKey === 'city';
    for (let i = 0; i < 30; i++) {
      let o: Org;
      if (city) {
        const r = rng();
        o = r < 0.6 ? pick(rng, this.cityGov) : r < 0.75 ? pick(rng, this.cityPast) : pick(rng, this.countyPast);
      } else {
        const own = this.ownPast.get(authorityKey) ?? this.countyPast;
        o = chance(rng, 0.9) ? pick(rng, own) : pick(rng, this.countyPast);
      }
      if (avoid.has(o.key) || this.isReserved(o.key)) continue;
      if (!existedOver(o, from, to)) continue;
      return o;
    }
    return null;
  }

  private _cityPast: Org[] | null = null;
  get cityPast(): Org[] {
    this._cityPast ??= this.reg.orgs.filter(
      (o) => o.authorityKey === 'city' && ['市直单位', '国有企业', '学校', '医院'].includes(o.kind),
    );
    return this._cityPast;
  }
  private _cityGov: Org[] | null = null;
  get cityGov(): Org[] {
    this._cityGov ??= this.cityPast.filter((o) => o.kind === '市直单位');
    return this._cityGov;
  }
  private _countyPast: Org[] | null = null;
  get countyPast(): Org[] {
    this._countyPast ??= this.reg.orgs.filter((o) => o.kind === '县直单位' || o.kind === '乡镇(街道)');
    return this._countyPast;
  }
  private readonly _ownPast = new Map<string, Org[]>();
  get ownPast(): Map<string, Org[]> {
    if (this._ownPast.size === 0) {
      for (const o of this.reg.orgs) {
        if (!['县直单位', '乡镇(街道)', '学校', '医院', '国有企业'].includes(o.kind) || o.authorityKey === 'city')
          continue;
        const list = this._ownPast.get(o.authorityKey) ?? [];
        list.push(o);
        this._ownPast.set(o.authorityKey, list);
      }
    }
    return this._ownPast;
  }

  /** A current unit of `authorityKey` for a template's `where`. */
  resolve(rng: Rng, authorityKey: string, where: string): Org | string | null {
    if (where.startsWith('#')) return where.slice(1).replace('{c}', this.prefixOf.get(authorityKey) ?? '');
    const kinds: Record<string, readonly string[]> = {
      '*gov': authorityKey === 'city' ? ['市直单位'] : ['县直单位'],
      '*soe': ['国有企业'],
      '*school': ['学校'],
      '*hospital': ['医院'],
      '*town': ['乡镇(街道)'],
    };
    const ks = kinds[where];
    if (ks) {
      const list = this.unitsNow(authorityKey, ks).filter((o) => o.parentKey === null);
      return list.length > 0 ? pick(rng, list) : null;
    }
    const o = this.orgs.get(`${authorityKey}:${where}`);
    if (!o || o.abolishedOn !== null || this.reserved.has(o.key)) return null;
    return o;
  }

  make(rng: Rng, o: MakeOpts): Person {
    const key = this.nextKey(o.authorityKey);
    const name = this.names.draw(rng, o.gender);
    const county = o.authorityKey !== 'city';
    const avoid = new Set<string>();
    if (o.home.orgKey) avoid.add(o.home.orgKey);

    // The current row, after a predecessor when the unit was formed by a reform during the post.
    let currentFrom = o.currentFrom;
    const rows: HistoryRow[] = [];
    const homeOrg = o.home.orgKey ? this.org(o.home.orgKey) : null;
    if (homeOrg?.establishedOn && homeOrg.establishedOn > currentFrom) {
      const est = homeOrg.establishedOn;
      const preds = (this.predecessors.get(homeOrg.key) ?? []).filter((p) => existedOver(p, currentFrom, est));
      if (preds.length > 0) {
        const p = pick(rng, preds);
        rows.push({ orgKey: p.key, unitName: this.unitName(p), post: o.home.post, from: currentFrom, to: est });
      } else if (o.fixedRows?.length) {
        const p = this.pastOrg(rng, o.authorityKey, currentFrom, est, avoid);
        const unitName = p ? this.unitName(p) : '江西省某县人民政府办公室';
        const post = pastPost(rng, p, Number(currentFrom.slice(0, 4)) - o.birthYear, county);
        rows.push({ orgKey: p?.key ?? null, unitName, post, from: currentFrom, to: est });
      }
      currentFrom = est;
    }
    const fixed = [...(o.fixedRows ?? [])];
    let cursor = fixed[0]?.from ?? rows[0]?.from ?? currentFrom;
    const age = 2026 - o.birthYear;
    const wanted =
      age < 30
        ? intBetween(rng, 1, 2)
        : age < 40
          ? intBetween(rng, 2, 3)
          : age < 50
            ? intBetween(rng, 2, 4)
            : intBetween(rng, 3, 5);
    const earlier: HistoryRow[] = [];
    let count = 1 + fixed.length + rows.length;
    while (count < wanted && toDay(cursor) - toDay(o.careerStart) >= 730) {
      let from = addDays(cursor, -intBetween(rng, 2 * 365, 8 * 365));
      if (from < o.careerStart || toDay(from) - toDay(o.careerStart) < 365 || count + 1 === wanted) {
        from = count + 1 === wanted ? o.careerStart : maxIso(from, o.careerStart);
      }
      if (toDay(from) - toDay(o.careerStart) < 365) from = o.careerStart;
      const org = chance(rng, 0.88) ? this.pastOrg(rng, o.authorityKey, from, cursor, avoid) : null;
      const rowAge = Number(from.slice(0, 4)) - o.birthYear;
      const unitName =
        (org && this.unitName(org)) ??
        pick(
          rng,
          county
            ? ['乡镇人民政府（外县）', '中国人民解放军某部']
            : ['中国人民解放军某部', '江西省某县人民政府办公室', '赣南师范大学'],
        );
      const post =
        unitName === '中国人民解放军某部' ? pick(rng, ['排长', '副连长', '连长']) : pastPost(rng, org, rowAge, county);
      earlier.unshift({ orgKey: org?.key ?? null, unitName, post, from, to: cursor });
      if (org) avoid.add(org.key);
      cursor = from;
      count++;
      if (from === o.careerStart) break;
    }
    const history: HistoryRow[] = [
      ...earlier,
      ...fixed,
      ...rows,
      { orgKey: o.home.orgKey, unitName: o.home.unitName, post: o.home.post, from: currentFrom, to: null },
    ];
    const first = history[0];
    if (first && first.from > o.careerStart) {
      if (earlier.length > 0) first.from = o.careerStart;
      else if (toDay(first.from) - toDay(o.careerStart) >= 180) {
        const p = this.pastOrg(rng, o.authorityKey, o.careerStart, first.from, avoid);
        const post = pastPost(rng, p, Number(o.careerStart.slice(0, 4)) - o.birthYear, county);
        history.unshift({
          orgKey: p?.key ?? null,
          unitName: p ? this.unitName(p) : '江西省某县人民政府办公室',
          post,
          from: o.careerStart,
          to: first.from,
        });
      }
    }

    const insp: SeedInspector = {
      key,
      authorityKey: o.authorityKey,
      name,
      gender: o.gender,
      birthYear: o.birthYear,
      homeOrgKey: o.home.orgKey,
      homeUnitName: o.home.unitName,
      post: o.home.post,
      rank: o.home.rank,
      politicalStatus: o.birthYear >= 1993 && chance(rng, 0.25) ? '中共预备党员' : '中共党员',
      expertise: o.expertise,
      homeAuthorityKey: o.homeAuthorityKey,
      pools: o.pools,
      history,
      relatives: this.relatives(rng, o, name),
      workRelations: [],
    };
    if (o.relative) {
      insp.relatives = insp.relatives.filter((r) => r.relation !== o.relative?.relation || r.relation !== 'spouse');
      insp.relatives.unshift(o.relative);
      insp.relatives = insp.relatives.slice(0, 3);
    }
    if (o.workRelations) insp.workRelations = this.workRelations(rng, insp);
    const p: Person = { insp, meta: o.meta, busy: [], load: new Map(), led: new Set(), secondments: 0 };
    this.people.push(p);
    return p;
  }

  relatives(rng: Rng, o: MakeOpts, name: string): Relative[] {
    const out: Relative[] = [];
    const age = 2026 - o.birthYear;
    const surname = surnameOf(name);
    const where = (share: number): { orgKey: string | null; unitName: string; post: string } => {
      if (chance(rng, share)) {
        const kinds =
          o.authorityKey === 'city'
            ? ['市直单位', '学校', '医院', '国有企业']
            : ['县直单位', '学校', '医院', '乡镇(街道)'];
        const authority =
          o.authorityKey === 'city' || (OTHER_COUNTIES as readonly string[]).includes(o.authorityKey)
            ? 'city'
            : o.authorityKey;
        const list = this.unitsNow(authority, kinds);
        if (list.length > 0) {
          const org = pick(rng, list);
          return { orgKey: org.key, unitName: this.unitName(org), post: relativePost(rng, org) };
        }
      }
      const [unitName, post] = pick(rng, OUTSIDE_WORK);
      return { orgKey: null, unitName, post };
    };
    let spouseName: string | null = null;
    if (age >= 28 && chance(rng, 0.62)) {
      spouseName = this.names.draw(rng, o.gender === 'male' ? 'female' : 'male');
      out.push({ name: spouseName, relation: 'spouse', ...where(0.32) });
    }
    if (o.birthYear <= 1978 && chance(rng, 0.3)) {
      const childSurname = o.gender === 'male' ? surname : spouseName ? surnameOf(spouseName) : null;
      out.push({
        name: this.names.draw(rng, chance(rng, 0.5) ? 'male' : 'female', childSurname),
        relation: 'child',
        ...where(0.25),
      });
    }
    if (out.length < 3 && chance(rng, 0.14)) {
      out.push({
        name: this.names.draw(rng, chance(rng, 0.5) ? 'male' : 'female', surname),
        relation: 'sibling',
        ...where(0.3),
      });
    }
    if (out.length < 3 && chance(rng, 0.1)) {
      const father = chance(rng, 0.5);
      out.push({
        name: this.names.draw(rng, father ? 'male' : 'female', father ? surname : null),
        relation: 'parent',
        orgKey: null,
        unitName: '退休',
        post: pick(rng, ['退休干部', '退休教师', '退休职工']),
      });
    }
    if (out.length < 3 && chance(rng, 0.04)) {
      out.push({ name: this.names.draw(rng), relation: 'close', ...where(0.5) });
    }
    return out;
  }

  /**
   * Superiors and colleagues among the leaders of the units the person worked at, while both were
   * there; sometimes a former subordinate or colleague who now leads another unit.
   */
  workRelations(rng: Rng, insp: SeedInspector): WorkRelation[] {
    const out: WorkRelation[] = [];
    const seen = new Set<string>();
    for (const row of insp.history) {
      if (!row.orgKey || out.length >= 2 || !chance(rng, 0.6)) continue;
      const org = this.org(row.orgKey);
      const rowTo = row.to ?? TODAY;
      const overlapping = org.leaders.filter((l) => l.since < rowTo && (l.until === null || l.until > row.from));
      if (overlapping.length === 0) continue;
      const l = pick(rng, overlapping);
      if (seen.has(l.name)) continue;
      seen.add(l.name);
      const from = maxIso(row.from, l.since);
      const to = row.to === null ? l.until : l.until === null ? row.to : minIso(row.to, l.until);
      if (to !== null && to <= from) continue;
      const head = /^(党组书记|党委书记|党工委书记)|^[^副]*(局长|主任|院长|校长|检察长)$/.test(l.position);
      out.push({ personName: l.name, relation: head ? 'superior' : 'colleague', orgKey: org.key, from, to });
    }
    // A former subordinate or colleague at an earlier unit who now leads another organization.
    const earlierRows = insp.history.filter((r) => r.orgKey && r.to !== null);
    if (earlierRows.length > 0 && chance(rng, 0.45)) {
      const row = pick(rng, earlierRows);
      const authority = insp.authorityKey === 'city' ? 'city' : insp.authorityKey;
      const candidates = this.unitsNow(authority, authority === 'city' ? ['市直单位'] : ['县直单位', '乡镇(街道)'])
        .filter((o) => !insp.history.some((h) => h.orgKey === o.key))
        .flatMap((o) =>
          o.leaders.filter((l) => l.until === null && l.since >= (row.to as string) && !seen.has(l.name)),
        );
      if (candidates.length > 0) {
        const l = pick(rng, candidates);
        const from = row.from;
        const to = row.to as string;
        if (toDay(to) - toDay(from) >= 365) {
          out.push({
            personName: l.name,
            relation: chance(rng, 0.5) ? 'subordinate' : 'colleague',
            orgKey: row.orgKey,
            from,
            to,
          });
        }
      }
    }
    return out;
  }
}

function currentTerm(plan: Planning, authorityKey: string): Planning['terms'][number] | undefined {
  return plan.terms
    .filter((t) => t.authorityKey === authorityKey)
    .sort((a, b) => (a.startDate < b.startDate ? -1 : 1))
    .at(-1);
}

function careerStartOf(rng: Rng, birthYear: number): string {
  return `${birthYear + intBetween(rng, 21, 23)}-0${intBetween(rng, 7, 9)}-${String(intBetween(rng, 1, 28)).padStart(2, '0')}`;
}

function genderFor(rng: Rng, femaleShare: number): Gender {
  return chance(rng, femaleShare) ? 'female' : 'male';
}

function countyHome(rng: Rng, reg: Registry): string | null {
  const counties = reg.authorities.filter((a) => a.level === 'county').map((a) => a.key);
  return chance(rng, 0.7) ? pick(rng, counties) : null;
}

// ---------------------------------------------------------------------------------------------
// Recusal

/**
 * Why `insp` may not inspect `target` in `role` on day `d`: the domain's own recusal rule
 * (packages/domain/src/personnel/recusal.ts, domain.md §5), the one the team builder applies, so the
 * demo never fills a roster the builder would then show in red. A unit also counts for the units
 * merged into it (working at 国土资源局 ties one to 自然资源局): its predecessors are checked with it.
 */
/** A unit's name as the recusal rule compares free-text rows: folded, without spaces. */
const unitKey = (name: string) => searchKey(name).replace(/\s+/gu, '');

function conflicts(g: Gen, insp: SeedInspector, role: Role, target: Org, d: string): TRecusalReason[] {
  // Every rule needs a tie between the person and the unit (a posting, a relative, a leader they
  // worked with); the generator asks tens of thousands of times, so the rule runs only where one is.
  if (!g.tied(insp, target)) return [];
  return recusalReasons({
    inspector: g.recusalPerson(insp),
    role,
    targets: g.recusalTargets(target),
    onDate: d,
    // 地域回避 is applied by `free` below, for city inspectors only.
    settings: { ...DEFAULT_PERSONNEL_SETTINGS, regionalRecusal: false },
  });
}

// ---------------------------------------------------------------------------------------------
// Rosters

function active(p: Person, pool: Pool['pool'], d: string): boolean {
  return p.insp.pools.some((x) => x.pool === pool && x.since <= d && (x.until === null || d < x.until));
}

function activeAny(p: Person, d: string): boolean {
  return p.insp.pools.some((x) => x.since <= d && (x.until === null || d < x.until));
}

const STAFF_EXPERTISE = ['纪检', '组织人事', '财务', '审计', '法律', '文字综合', '宣传'];

function staffExpertise(rng: Rng, first: string | null): string[] {
  const a = first ?? pick(rng, STAFF_EXPERTISE);
  if (!chance(rng, 0.5)) return [a];
  let b = pick(rng, STAFF_EXPERTISE);
  while (b === a) b = pick(rng, STAFF_EXPERTISE);
  return [a, b];
}

function poolsFor(pool: Pool['pool'], since: string, status: Pool['status'], until: string | null): Pool[] {
  return [{ pool, status, since, until }];
}

/** A membership that ended ('out') or was suspended, on a day in [from, to], or none. */
function endOf(
  rng: Rng,
  pOut: number,
  pSuspended: number,
  since: string,
  from: string,
  to: string,
): [Pool['status'], string | null] {
  const r = rng();
  const lo = maxIso(from, addDays(since, 400));
  if (lo > to) return ['in', null];
  if (r < pOut) return ['out', dayBetween(rng, lo, to)];
  if (r < pOut + pSuspended) return ['suspended', dayBetween(rng, maxIso(lo, '2025-01-01'), to)];
  return ['in', null];
}

/** The office and the standing 巡察组 of one authority. */
function addStaff(g: Gen, authorityKey: string): void {
  const rng = rngFor(SEED, `${authorityKey}:staff`);
  const city = authorityKey === 'city';
  const prefix = g.prefixOf.get(authorityKey) ?? '';
  const office = `${prefix}委巡察办`;
  const homeAuthority = city ? null : authorityKey;
  const s = city ? '科' : '股';
  // Office first: the 巡察办 was set up in 2016; the standing groups after the 2017 reform.
  const officeStart = city ? '2016-03-01' : '2016-05-01';
  const groupStart = city ? '2017-07-03' : '2016-08-01';
  const femaleShare = 0.3;
  const add = (
    post: string,
    rank: string,
    unitName: string,
    meta: Meta,
    since: string,
    opts: { expertise?: string[]; leaderPool?: boolean; birth?: readonly [number, number] } = {},
  ) => {
    const [lo, hi] = opts.birth ?? birthRange(rank);
    const birthYear = intBetween(rng, lo, hi);
    const careerStart = careerStartOf(rng, birthYear);
    const joined = maxIso(since, addYears(careerStart, 2));
    const pools: Pool[] = [{ pool: 'staff', status: 'in', since: joined, until: null }];
    if (opts.leaderPool) pools.push({ pool: 'leaderPool', status: 'in', since: joined, until: null });
    g.make(rng, {
      authorityKey,
      homeAuthorityKey: city ? countyHome(rng, g.reg) : homeAuthority,
      birthYear,
      gender: genderFor(rng, femaleShare),
      careerStart,
      home: { orgKey: null, unitName, post, rank },
      currentFrom: joined,
      pools,
      expertise: opts.expertise ?? staffExpertise(rng, null),
      meta,
      workRelations: opts.leaderPool === true,
    });
  };
  const none: Meta = { cls: 'staff', group: null, senior: false, onTeams: false, liaison: false };
  add('主任', city ? '正处级' : '正科级', office, none, dayBetween(rng, officeStart, addDays(officeStart, 120)), {
    expertise: ['纪检', '组织人事'],
    birth: city ? [1967, 1972] : [1970, 1978],
  });
  for (let i = 0; i < (city ? 3 : 2); i++) {
    add('副主任', city ? '副处级' : '副科级', office, none, dayBetween(rng, officeStart, '2019-12-31'), {
      birth: city ? [1968, 1980] : [1972, 1984],
    });
  }
  const sections = city
    ? [
        ['综合科', 4],
        ['巡察指导督导科', 3],
        ['整改督查科', 2],
        ['信息管理科', 2],
      ]
    : [['综合股', 3]];
  for (const [section, size] of sections as [string, number][]) {
    for (let i = 0; i < size; i++) {
      const [post, rank] =
        i === 0
          ? [`${section}${s}长`.replace(`${s}${s}长`, `${s}长`), city ? '正科级' : '二级主任科员']
          : i === 1 && size > 2
            ? [`${section}副${s}长`.replace(`${s}副${s}长`, `副${s}长`), city ? '副科级' : '四级主任科员']
            : [pick(rng, ['一级科员', '四级主任科员']), ''];
      const r = rank || post;
      add(
        post.startsWith(section) ? post : `${section}${post}`,
        r,
        office,
        {
          cls: 'staff',
          group: null,
          senior: i === 0 && city,
          onTeams: true,
          liaison: i > 0 || !city,
        },
        dayBetween(rng, officeStart, i === 0 ? '2018-06-30' : '2024-06-30'),
      );
    }
  }
  const groups = city ? CITY_GROUPS : COUNTY_GROUPS;
  for (let n = 1; n <= groups; n++) {
    const unit = `${prefix}委第${chineseNumeral(n)}巡察组`;
    const first = dayBetween(rng, groupStart, addDays(groupStart, 120));
    add(
      '组长',
      city ? '正处级' : '正科级',
      unit,
      { cls: 'staff', group: n, senior: true, onTeams: true, liaison: false },
      first,
      {
        leaderPool: true,
        expertise: staffExpertise(rng, pick(rng, ['纪检', '组织人事'])),
        birth: city ? [1966, 1976] : [1968, 1980],
      },
    );
    add(
      '副组长',
      city ? '副处级' : '副科级',
      unit,
      { cls: 'staff', group: n, senior: true, onTeams: true, liaison: false },
      first,
    );
    const members = city ? 4 : intBetween(rng, 2, 3);
    for (let i = 0; i < members; i++) {
      const rank = pick(rng, ['一级主任科员', '二级主任科员', '三级主任科员', '四级主任科员', '一级科员']);
      const since = i < 2 ? first : dayBetween(rng, first, '2024-09-30');
      add(rank, rank, unit, { cls: 'staff', group: n, senior: false, onTeams: true, liaison: true }, since, {
        expertise: staffExpertise(rng, i === 0 ? pick(rng, ['财务', '审计']) : null),
      });
    }
  }
  // Former staff: moved on to other units; some of them stayed in the talent pool.
  const formers = city ? 3 : 2;
  for (let i = 0; i < formers; i++) {
    const rank = pick(rng, ['一级主任科员', '二级主任科员']);
    const birthYear = intBetween(rng, ...birthRange(rank));
    const careerStart = careerStartOf(rng, birthYear);
    const since = maxIso(dayBetween(rng, city ? '2016-03-01' : '2016-06-01', '2017-12-31'), addYears(careerStart, 2));
    const until = dayBetween(rng, '2020-03-01', '2023-12-31');
    const target = pick(
      rng,
      g.unitsNow(authorityKey === 'city' ? 'city' : authorityKey, city ? ['市直单位'] : ['县直单位']),
    );
    const n = intBetween(rng, 1, groups);
    const unit = `${prefix}委第${chineseNumeral(n)}巡察组`;
    const pools: Pool[] = [{ pool: 'staff', status: 'out', since, until }];
    if (chance(rng, 0.67))
      pools.push({ pool: 'talentPool', status: 'in', since: addDays(until, intBetween(rng, 30, 200)), until: null });
    g.make(rng, {
      authorityKey,
      homeAuthorityKey: city ? countyHome(rng, g.reg) : homeAuthority,
      birthYear,
      gender: genderFor(rng, femaleShare),
      careerStart,
      home: { orgKey: target.key, unitName: g.unitName(target), post: `办公室${rank}`, rank },
      currentFrom: until,
      fixedRows: [{ orgKey: null, unitName: unit, post: rank, from: since, to: until }],
      pools,
      expertise: staffExpertise(rng, null),
      meta: { cls: 'staff', group: null, senior: false, onTeams: true, liaison: false },
      workRelations: false,
    });
  }
}

/** 组长库 cadres who are not office staff. */
function addLeaders(
  g: Gen,
  authorityKey: string,
  count: number,
  deliberate: { kind: Deliberate; target: Org }[],
): void {
  const rng = rngFor(SEED, `${authorityKey}:leaders`);
  const city = authorityKey === 'city';
  const units = g.unitsNow(authorityKey, city ? ['市直单位'] : ['县直单位']).filter((o) => o.parentKey === null);
  for (let i = 0; i < count; i++) {
    const special = deliberate[i];
    const rank = city
      ? pick(rng, ['二级调研员', '二级调研员', '三级调研员', '四级调研员', '一级调研员'])
      : pick(rng, ['四级调研员', '一级主任科员', '一级主任科员']);
    const birthYear = intBetween(rng, ...(city ? birthRange(rank) : ([1966, 1980] as const)));
    const careerStart = careerStartOf(rng, birthYear);
    const discipline = chance(rng, 0.15);
    const org = pick(rng, units);
    const home: Home = discipline
      ? {
          orgKey: null,
          unitName: city ? '赣州市纪委监委' : `${g.prefixOf.get(authorityKey)}纪委监委`,
          post: rank,
          rank,
        }
      : { orgKey: org.key, unitName: g.unitName(org), post: rank, rank };
    let since = maxIso(
      i < Math.ceil(count * 0.65) || chance(rng, 0.3)
        ? dayBetween(rng, '2016-03-01', '2016-09-30')
        : dayBetween(rng, '2016-10-01', '2023-06-30'),
      addYears(careerStart, 12),
    );
    const [status, until] = special ? ['in' as const, null] : endOf(rng, 0.06, 0.06, since, '2019-01-01', '2026-10-31');
    let currentFrom = dayBetween(rng, maxIso(addYears(careerStart, 10), '2008-01-01'), '2022-12-31');
    const fixedRows: HistoryRow[] = [];
    if (special?.kind === 'longService') {
      // Led at the target for years long ago: the 3-year rule on leaders still applies.
      const t = special.target;
      const from = dayBetween(
        rng,
        maxIso(t.establishedOn ?? '2004-01-01', addYears(careerStart, 4)),
        addYears(careerStart, 10),
      );
      const to = dayBetween(rng, addYears(from, 4), addYears(from, 6));
      fixedRows.push({
        orgKey: t.key,
        unitName: g.unitName(t),
        post: pick(rng, ['办公室主任', '综合科科长']),
        from,
        to,
      });
      currentFrom = to;
      since = maxIso(since, to);
    }
    const p = g.make(rng, {
      authorityKey,
      homeAuthorityKey: city ? countyHome(rng, g.reg) : authorityKey,
      birthYear,
      gender: genderFor(rng, 0.18),
      careerStart,
      home,
      currentFrom: minIso(currentFrom, since),
      fixedRows,
      pools: poolsFor('leaderPool', since, status, until),
      expertise: [pick(rng, ['纪检', '组织人事', '财务', '审计', '法律', '经济管理'])],
      meta: { cls: 'leader', group: null, senior: false, onTeams: true, liaison: false },
      workRelations: true,
    });
    if (special?.kind === 'leaderRelation') {
      // A long-time colleague of one of the target's sitting leaders, at an earlier unit of the person.
      const sitting = special.target.leaders
        .filter((l) => l.until === null)
        .sort((a, b) => (a.since < b.since ? 1 : -1));
      const l = sitting[0];
      if (l) {
        const row =
          p.insp.history.find((h) => h.orgKey && h.from < l.since && (h.to === null || h.to >= l.since)) ?? null;
        const to = l.since;
        const from = addYears(to, -intBetween(rng, 4, 7));
        p.insp.workRelations.unshift({
          personName: l.name,
          relation: 'colleague',
          orgKey: row?.orgKey ?? null,
          from,
          to,
        });
      }
    }
  }
}

/** 人才库 people by template; the deliberate ones first. */
function addTalents(
  g: Gen,
  authorityKey: string,
  templates: readonly Tpl[],
  deliberate: { kind: Deliberate; target: Org }[],
): void {
  const rng = rngFor(SEED, `${authorityKey}:talents`);
  const city = authorityKey === 'city';
  const make = (tpl: Tpl, special: { kind: Deliberate; target: Org } | null) => {
    const [exp, where, post0, rank] = tpl;
    let post = post0;
    let place: Org | string | null = g.resolve(rng, authorityKey, where);
    if (special && special.kind === 'works') place = special.target;
    if (place === null) {
      // The template's own unit is taken (a reserved target, or absent in this county): a generic post.
      place = g.resolve(rng, authorityKey, '*gov');
      post = exp === '财务' ? (city ? '计划财务科科长' : '财务股股长') : city ? '办公室一级主任科员' : '办公室主任';
    }
    const org = typeof place === 'string' || place === null ? null : place;
    const unitName = typeof place === 'string' ? place : place ? g.unitName(place) : '';
    if (special?.kind === 'works' && org) post = genericPost(org, city);
    const [lo, hi] = birthRange(rank);
    const birthYear = intBetween(rng, lo, hi);
    const careerStart = careerStartOf(rng, birthYear);
    const since = maxIso(
      chance(rng, FINANCE.has(exp) ? 0.85 : 0.5)
        ? dayBetween(rng, '2016-03-01', '2016-10-31')
        : dayBetween(rng, '2016-11-01', '2024-06-30'),
      addYears(careerStart, 3),
    );
    const [status, until] = special ? ['in' as const, null] : endOf(rng, 0.06, 0.05, since, '2019-06-01', '2026-10-31');
    let currentFrom = dayBetween(rng, addYears(careerStart, 1), minIso(addYears(careerStart, 14), '2023-06-30'));
    if (currentFrom < careerStart) currentFrom = careerStart;
    const fixedRows: HistoryRow[] = [];
    if (special?.kind === 'recent') {
      // Left the target for the present unit within the last three years.
      const t = special.target;
      const to = dayBetween(rng, '2024-01-02', '2025-09-30');
      const from = maxIso(
        dayBetween(rng, addYears(to, -8), addYears(to, -3)),
        maxIso(careerStart, t.establishedOn ?? careerStart),
      );
      fixedRows.push({
        orgKey: t.key,
        unitName: g.unitName(t),
        post: pastPost(rng, t, Number(from.slice(0, 4)) - birthYear, !city),
        from,
        to,
      });
      currentFrom = to;
    }
    let relative: Relative | undefined;
    if (special?.kind === 'spouse') {
      const gender: Gender = genderFor(rng, 0.3);
      relative = {
        name: g.names.draw(rng, gender === 'male' ? 'female' : 'male'),
        relation: 'spouse',
        orgKey: special.target.key,
        unitName: g.unitName(special.target),
        post: relativePost(rng, special.target),
      };
    }
    const expertise = [exp];
    if (chance(rng, 0.3)) {
      const extra = pick(rng, ['财务', '审计', '纪检', '组织人事', '法律']);
      if (extra !== exp) expertise.push(extra);
    }
    g.make(rng, {
      authorityKey,
      homeAuthorityKey: city ? countyHome(rng, g.reg) : authorityKey,
      birthYear,
      gender: relative ? (genderOf(relative.name) === 'male' ? 'female' : 'male') : genderFor(rng, 0.32),
      careerStart,
      home: { orgKey: org?.key ?? null, unitName, post, rank },
      currentFrom,
      fixedRows,
      pools: poolsFor('talentPool', since, status, until),
      expertise,
      meta: { cls: 'talent', group: null, senior: false, onTeams: true, liaison: false },
      workRelations: false,
      ...(relative ? { relative } : {}),
    });
  };
  // Those who work at the target get a post there; the others a generic post at another unit.
  const generic = templates.filter((t) => t[1] === '*gov');
  deliberate.forEach((d, k) => {
    make(
      d.kind === 'works'
        ? templateFor(d.target, city)
        : (generic[(k * 5 + 2) % generic.length] ?? templateFor(d.target, city)),
      d,
    );
  });
  for (const tpl of templates) make(tpl, null);
}

function genericPost(o: Org, city: boolean): string {
  switch (o.kind) {
    case '学校':
      return '办公室主任';
    case '医院':
      return '财务科科长';
    case '国有企业':
      return '财务管理部部长';
    default:
      return city ? '计划财务科科长' : '财务股股长';
  }
}

function templateFor(o: Org, city: boolean): Tpl {
  switch (o.kind) {
    case '学校':
      return ['教育', o.key, '办公室主任', '管理七级职员'];
    case '医院':
      return ['卫健', o.key, '财务科科长', '管理七级职员'];
    case '国有企业':
      return ['财务', o.key, '财务管理部部长', '中层正职'];
    default:
      return o.sector === '新闻媒体'
        ? ['宣传', o.key, '总编室副主任', '管理八级职员']
        : ['财务', o.key, city ? '计划财务科科长' : '财务股股长', '二级主任科员'];
  }
}

/** Two office staff of a county without full data: they train, go on secondment and shadow. */
function addOtherCounty(g: Gen, authorityKey: string): void {
  const rng = rngFor(SEED, `${authorityKey}:staff`);
  const prefix = g.prefixOf.get(authorityKey) ?? '';
  for (const [unit, post, rank] of [
    [`${prefix}委巡察办`, '副主任', '副科级'],
    [`${prefix}委第一巡察组`, '组长', '正科级'],
  ] as const) {
    const birthYear = intBetween(rng, 1972, 1984);
    const careerStart = careerStartOf(rng, birthYear);
    const since = dayBetween(rng, '2016-06-01', '2018-06-30');
    g.make(rng, {
      authorityKey,
      homeAuthorityKey: authorityKey,
      birthYear,
      gender: genderFor(rng, 0.25),
      careerStart,
      home: { orgKey: null, unitName: unit, post, rank },
      currentFrom: since,
      pools: [{ pool: 'staff', status: 'in', since, until: null }],
      expertise: staffExpertise(rng, null),
      meta: { cls: 'staff', group: null, senior: false, onTeams: false, liaison: false },
      workRelations: false,
    });
  }
}

/** Targets of the city's current term, rounds 1 and 2, to tie the deliberately conflicted people to. */
function deliberateTargets(g: Gen): {
  leaders: { kind: Deliberate; target: Org }[];
  talents: { kind: Deliberate; target: Org }[];
} {
  const term = currentTerm(g.plan, 'city');
  if (!term) return { leaders: [], talents: [] };
  const rounds = g.plan.rounds
    .filter((r) => r.termKey === term.key && r.number <= 2)
    .sort((a, b) => a.number - b.number);
  const byRound = rounds.map((r) =>
    g.plan.inspections
      .filter((i) => i.roundKey === r.key && i.mode !== 'authorized')
      .flatMap((i) => i.targets.map((t) => g.org(t.orgKey)))
      .filter((o) => o.authorityKey === 'city' && o.leaders.some((l) => l.until === null)),
  );
  const rng = rngFor(SEED, 'deliberate');
  const first = shuffled(rng, byRound[0] ?? []);
  const second = shuffled(rng, byRound[1] ?? []);
  const ordered = [...first.slice(0, 8), ...second.slice(0, 3), ...first.slice(8), ...second.slice(3)];
  const kinds: Deliberate[] = [
    'works',
    'spouse',
    'recent',
    'leaderRelation',
    'works',
    'spouse',
    'longService',
    'recent',
    'works',
    'spouse',
    'leaderRelation',
  ];
  const out = kinds.flatMap((kind, i) => {
    const target = ordered[i];
    return target ? [{ kind, target }] : [];
  });
  return {
    leaders: out.filter((d) => d.kind === 'leaderRelation' || d.kind === 'longService'),
    talents: out.filter((d) => d.kind !== 'leaderRelation' && d.kind !== 'longService'),
  };
}

// ---------------------------------------------------------------------------------------------
// Teams

interface TeamInfo {
  team: Team;
  round: Round;
  authorityKey: string;
  termKey: string;
  inspections: Inspection[];
  targets: Org[];
  entry: string;
  exit: string;
  /** Set when every inspection of the team has left the site. */
  exitActual: string | null;
  members: SeedTeamMember[];
}

function teamInfos(g: Gen): TeamInfo[] {
  const rounds = new Map(g.plan.rounds.map((r) => [r.key, r]));
  const terms = new Map(g.plan.terms.map((t) => [t.key, t]));
  const byTeam = new Map<string, Inspection[]>();
  for (const i of g.plan.inspections) {
    if (!i.teamKey) continue;
    const list = byTeam.get(i.teamKey) ?? [];
    list.push(i);
    byTeam.set(i.teamKey, list);
  }
  const out: TeamInfo[] = [];
  for (const team of g.plan.teams) {
    const round = rounds.get(team.roundKey);
    const term = round ? terms.get(round.termKey) : undefined;
    if (!round || !term) continue;
    const inspections = byTeam.get(team.key) ?? [];
    const targets = inspections.flatMap((i) => i.targets.map((t) => g.org(t.orgKey)));
    const entries = inspections.map((i) => i.entryDate ?? i.plannedEntryDate ?? round.plannedStart).sort();
    const exits = inspections.map((i) => i.exitDate ?? i.plannedExitDate ?? round.plannedEnd).sort();
    const entry = entries[0] ?? round.plannedStart;
    const exit = exits.at(-1) ?? round.plannedEnd;
    const exitActual =
      inspections.length > 0 && inspections.every((i) => i.exitDate !== null) ? (exits.at(-1) ?? null) : null;
    out.push({
      team,
      round,
      authorityKey: term.authorityKey,
      termKey: term.key,
      inspections,
      targets,
      entry,
      exit,
      exitActual,
      members: [],
    });
  }
  return out.sort((a, b) =>
    a.round.plannedStart !== b.round.plannedStart
      ? a.round.plannedStart < b.round.plannedStart
        ? -1
        : 1
      : a.round.key !== b.round.key
        ? a.round.key < b.round.key
          ? -1
          : 1
        : a.team.sortOrder - b.team.sortOrder,
  );
}

/** The 组长/副组长 rules are the stricter ones; the builder of the demo applies them to everyone. */
function free(g: Gen, p: Person, t: TeamInfo): boolean {
  for (const o of t.targets) {
    if (conflicts(g, p.insp, 'leader', o, t.entry).length > 0) return false;
    // 地域回避: a city inspector does not go to a county unit of their home area.
    if (o.authorityKey !== p.insp.authorityKey && o.authorityKey === p.insp.homeAuthorityKey) return false;
  }
  return true;
}

function assignTeams(g: Gen, infos: TeamInfo[]): SeedTeamMember[] {
  const out: SeedTeamMember[] = [];
  const byAuthority = new Map<string, Person[]>();
  for (const p of g.people) {
    if (!p.meta.onTeams) continue;
    const list = byAuthority.get(p.insp.authorityKey) ?? [];
    list.push(p);
    byAuthority.set(p.insp.authorityKey, list);
  }
  let roundKey = '';
  let used = new Set<Person>();
  for (const t of infos) {
    if (t.round.key !== roundKey) {
      roundKey = t.round.key;
      used = new Set();
    }
    const rng = rngFor(SEED, `${t.team.key}:members`);
    const year = Number(t.entry.slice(0, 4));
    const n = t.team.sortOrder;
    const load = (p: Person) => p.load.get(year) ?? 0;
    const base = (byAuthority.get(t.authorityKey) ?? []).filter(
      (p) =>
        !used.has(p) &&
        load(p) < MAX_TEAMS_PER_YEAR &&
        !p.busy.some(([a, b]) => overlaps(a, b, t.entry, t.exit)) &&
        activeAny(p, t.entry),
    );
    const ok = new Map<Person, boolean>();
    const isFree = (p: Person) => {
      let v = ok.get(p);
      if (v === undefined) {
        v = free(g, p, t);
        ok.set(p, v);
      }
      return v;
    };
    const take = (p: Person, role: Role) => {
      used.add(p);
      t.members.push({ teamKey: t.team.key, inspectorKey: p.insp.key, role });
      p.load.set(year, load(p) + 1);
      p.busy.push([t.entry, t.exit]);
      if (role === 'leader') for (const o of t.targets) p.led.add(o.key);
    };
    const best = (filter: (p: Person) => boolean, score: (p: Person) => number): Person | null => {
      let top: Person | null = null;
      let topScore = Number.POSITIVE_INFINITY;
      for (const p of base) {
        if (used.has(p) || !filter(p) || !isFree(p)) continue;
        const s = score(p) + rng() * 6;
        if (s < topScore) {
          top = p;
          topScore = s;
        }
      }
      return top;
    };
    const own = (p: Person) => p.meta.group === n;

    let size = intBetween(rng, 5, 7);
    let deputies = chance(rng, 0.4) ? 2 : 1;
    let liaison = chance(rng, 0.3) ? 1 : 0;
    let members = size - 1 - deputies - liaison;
    if (members < 2) {
      liaison = 0;
      members = size - 1 - deputies;
    }
    if (members < 2) {
      deputies = 1;
      members = size - 2;
    }
    if (members > 4) {
      liaison = 1;
      members--;
    }
    if (members > 4) {
      deputies = 2;
      members--;
    }
    size = 1 + deputies + members + liaison;

    const leader = best(
      (p) => active(p, 'leaderPool', t.entry) && !t.targets.some((o) => p.led.has(o.key)),
      (p) => (own(p) && p.meta.cls === 'staff' ? -60 : 0) + load(p) * 10,
    );
    if (!leader) throw new Error(`${t.team.key} 找不到组长`);
    take(leader, 'leader');
    for (let i = 0; i < deputies; i++) {
      const d = best(
        (p) =>
          (p.meta.senior && active(p, 'staff', t.entry)) ||
          (p.meta.cls === 'leader' && active(p, 'leaderPool', t.entry)),
        (p) =>
          (own(p) ? -60 : 0) + (p.meta.cls === 'staff' ? -8 : 0) + (p.insp.post === '组长' ? 12 : 0) + load(p) * 10,
      );
      if (!d) {
        if (i === 0) throw new Error(`${t.team.key} 找不到副组长`);
        break;
      }
      take(d, 'deputy');
    }
    const canMember = (p: Person) =>
      (!p.meta.senior && p.meta.cls === 'staff' && active(p, 'staff', t.entry)) || active(p, 'talentPool', t.entry);
    let staffIn = 0;
    let talentIn = 0;
    const finance = (p: Person) => p.insp.expertise.some((e) => FINANCE.has(e));
    // The first member is the team's 财务/审计 hand; later slots leave such people to other teams.
    const memberScore = (p: Person, needFinance: boolean) => {
      const staff = active(p, 'staff', t.entry);
      return (
        (own(p) ? -30 : 0) +
        (staff && staffIn >= 2 ? 40 : 0) +
        (!staff && talentIn === 0 ? -20 : 0) +
        (!needFinance && finance(p) ? 15 : 0) +
        load(p) * 12
      );
    };
    for (let i = 0; i < members; i++) {
      const needFinance = i === 0;
      const m = best(
        (p) => canMember(p) && (!needFinance || finance(p)),
        (p) => memberScore(p, needFinance),
      );
      if (!m) {
        if (i < 2) throw new Error(`${t.team.key} 组员不足`);
        break;
      }
      if (active(m, 'staff', t.entry)) staffIn++;
      else talentIn++;
      take(m, 'member');
    }
    if (liaison) {
      const l = best(
        (p) => p.meta.liaison && active(p, 'staff', t.entry),
        (p) => (own(p) ? -10 : 0) + load(p) * 10,
      );
      if (l) take(l, 'liaison');
    }
    // Whoever could not be found for a slot is made up by another member, so the team stays at 5+.
    while (t.members.length < 5) {
      const m = best(canMember, (p) => memberScore(p, false));
      if (!m) throw new Error(`${t.team.key} 人数不足`);
      take(m, 'member');
    }
    out.push(...t.members);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Trainings

const VIDEO_TOPICS = [
  '巡察工作条例及实施办法解读',
  '个别谈话的方法与技巧',
  '调阅资料和查阅财务账目',
  '问题底稿的规范撰写',
  '巡察报告的起草与审核',
  '问题线索的发现、分析与移交',
  '选人用人专项检查',
  '巡审贯通与大数据比对',
  '民主测评与问卷调查',
  '村级延伸巡察的方式方法',
  '巡察整改监督与成果运用',
  '扫黑除恶“保护伞”问题的发现',
];

function buildTrainings(g: Gen, infos: TeamInfo[]): SeedTraining[] {
  const out: SeedTraining[] = [];
  const rng = rngFor(SEED, 'trainings');
  const everyone = g.people;
  const seq = new Map<string, number>();
  const add = (
    authorityKey: string,
    title: string,
    heldOn: string,
    hours: number,
    mode: SeedTraining['mode'],
    attendees: Person[],
  ) => {
    const n = (seq.get(authorityKey) ?? 0) + 1;
    seq.set(authorityKey, n);
    const keys = [...new Set(attendees.map((p) => p.insp.key))].sort();
    out.push({
      key: `${authorityKey}:training:${String(n).padStart(3, '0')}`,
      authorityKey,
      title,
      heldOn,
      hours,
      mode,
      attendeeKeys: keys,
    });
  };
  const events: {
    authorityKey: string;
    title: string;
    heldOn: string;
    hours: number;
    mode: SeedTraining['mode'];
    attendees: Person[];
  }[] = [];

  // 连续3年以视频形式培训辅导市县巡察干部和巡察人才库人员 (seed): four sessions a year, 2019–2021.
  let topic = 0;
  for (const year of [2019, 2020, 2021]) {
    const months = year === 2020 ? [4, 6, 9, 11] : [3, 6, 9, 11];
    months.forEach((m, k) => {
      const heldOn = dayBetween(
        rng,
        `${year}-${String(m).padStart(2, '0')}-05`,
        `${year}-${String(m).padStart(2, '0')}-25`,
      );
      const present = everyone.filter(
        (p) => activeAny(p, heldOn) && !p.busy.some(([a, b]) => a <= heldOn && heldOn <= b),
      );
      const size = intBetween(rng, 64, 78);
      events.push({
        authorityKey: 'city',
        title: `全市巡察干部视频培训（${year}年第${chineseNumeral(k + 1)}期）：${VIDEO_TOPICS[topic % VIDEO_TOPICS.length]}`,
        heldOn,
        hours: pick(rng, [3, 3, 4]),
        mode: 'video',
        attendees: shuffled(rng, present).slice(0, size),
      });
      topic++;
    });
  }
  // Before each city round: the teams' own briefing, on site, a week or two before entry.
  const byRound = new Map<string, TeamInfo[]>();
  for (const t of infos) {
    const list = byRound.get(t.round.key) ?? [];
    list.push(t);
    byRound.set(t.round.key, list);
  }
  const termNames = new Map(g.plan.terms.map((t) => [t.key, t.name]));
  for (const [, teams] of byRound) {
    const t0 = teams[0];
    if (t0?.authorityKey !== 'city') continue;
    const entry = teams.map((t) => t.entry).sort()[0] ?? t0.entry;
    const heldOn = workdayOnOrBefore(addDays(entry, -intBetween(rng, 5, 10)));
    const ids = new Set(teams.flatMap((t) => t.members.map((m) => m.inspectorKey)));
    events.push({
      authorityKey: 'city',
      title: `${termNames.get(t0.termKey) ?? ''}${t0.round.name}巡察进驻前业务培训`,
      heldOn,
      hours: 8,
      mode: 'onsite',
      attendees: everyone.filter((p) => ids.has(p.insp.key) && activeAny(p, heldOn)),
    });
  }
  // The city's induction course for the talent pool, and each county's yearly course.
  for (const year of [2017, 2020, 2023]) {
    const heldOn = dayBetween(rng, `${year}-07-06`, `${year}-07-24`);
    events.push({
      authorityKey: 'city',
      title: `${year}年市委巡察人才库人员集中培训班`,
      heldOn,
      hours: 16,
      mode: 'onsite',
      attendees: everyone.filter((p) => p.insp.authorityKey === 'city' && active(p, 'talentPool', heldOn)),
    });
  }
  for (const c of FULL_COUNTIES) {
    const prefix = g.prefixOf.get(c) ?? '';
    for (let year = 2017; year <= 2026; year++) {
      const heldOn = dayBetween(rng, `${year}-08-03`, `${year}-08-28`);
      const present = everyone.filter(
        (p) =>
          p.insp.authorityKey === c && activeAny(p, heldOn) && !p.busy.some(([a, b]) => a <= heldOn && heldOn <= b),
      );
      events.push({
        authorityKey: c,
        title: `${year}年${prefix}巡察干部业务能力提升培训班`,
        heldOn,
        hours: pick(rng, [8, 12, 16]),
        mode: 'onsite',
        attendees: shuffled(rng, present).slice(0, Math.round(present.length * 0.75)),
      });
    }
  }
  events.sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : a.title < b.title ? -1 : 1));
  for (const e of events) add(e.authorityKey, e.title, e.heldOn, e.hours, e.mode, e.attendees);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Secondments and shadowing

function buildSecondments(g: Gen): SeedSecondment[] {
  const out: SeedSecondment[] = [];
  const rng = rngFor(SEED, 'secondments');
  const free = (p: Person, from: string, to: string) => !p.busy.some(([a, b]) => overlaps(a, b, from, to));
  const take = (p: Person, kind: SeedSecondment['kind'], hostName: string, from: string, to: string) => {
    out.push({ inspectorKey: p.insp.key, kind, hostName, from, to: to > TODAY ? null : to });
    p.busy.push([from, to]);
    if (kind === 'secondment') p.secondments++;
  };
  // 江西省委 rounds, spring and autumn; 以干代训 peaked in 五届 (170余人次, seed) and goes on at a lower pace.
  const windows: { from: string; to: string; host: 'province' | 'centre'; n: number }[] = [];
  for (let year = 2016; year <= 2026; year++) {
    for (const half of [0, 1]) {
      if (year === 2016 && half === 0) continue;
      const start =
        half === 0
          ? year === 2020
            ? `${year}-05-11`
            : `${year}-03-09`
          : year === 2016
            ? '2016-10-17'
            : `${year}-09-05`;
      const from = workdayOnOrAfter(addDays(start, intBetween(rng, 0, 7)));
      const to = workdayOnOrBefore(addDays(from, intBetween(rng, 62, 75)));
      const term5 = from < '2021-10-01';
      windows.push({
        from,
        to,
        host: 'province',
        n: term5 ? 15 + (windows.length % 2) : intBetween(rng, 4, 6),
      });
    }
  }
  for (const [from, n] of [
    ['2018-06-04', 1],
    ['2019-10-08', 1],
    ['2021-04-12', 1],
    ['2024-04-08', 1],
  ] as const) {
    const f = workdayOnOrAfter(from);
    windows.push({ from: f, to: workdayOnOrBefore(addDays(f, 70)), host: 'centre', n });
  }
  windows.sort((a, b) => (a.from < b.from ? -1 : 1));
  const pool = g.people.filter(
    (p) => p.meta.onTeams || (OTHER_COUNTIES as readonly string[]).includes(p.insp.authorityKey),
  );
  for (const w of windows) {
    const cands = pool.filter((p) => activeAny(p, w.from) && free(p, w.from, w.to));
    const scored = cands
      .map((p) => ({
        p,
        s:
          p.secondments * 10 + (p.meta.cls === 'leader' ? 6 : 0) + (p.insp.authorityKey === 'city' ? 0 : 3) + rng() * 9,
      }))
      .sort((a, b) => a.s - b.s);
    for (const { p } of scored.slice(0, w.n)) {
      const host =
        w.host === 'centre'
          ? `中央第${chineseNumeral(intBetween(rng, 1, 15))}巡视组`
          : `省委第${chineseNumeral(intBetween(rng, 1, 12))}巡视组`;
      take(p, 'secondment', host, w.from, w.to);
    }
  }
  // 跟班学习: every county office staff member once, at the city office, from 2018 when it began.
  for (const p of g.people) {
    if (p.insp.authorityKey === 'city') continue;
    const staff = p.insp.pools.find((x) => x.pool === 'staff');
    if (!staff) continue;
    const prng = rngFor(SEED, `${p.insp.key}:shadowing`);
    const lo = maxIso(addDays(staff.since, 60), '2018-03-01');
    const hi = minIso(staff.until ? addDays(staff.until, -70) : '2026-09-30', '2026-09-30');
    let chosen: [string, string] | null = null;
    let last: [string, string] | null = null;
    for (let attempt = 0; attempt < 40 && lo <= hi; attempt++) {
      const from = dayBetween(prng, lo, hi);
      const to = workdayOnOrBefore(addDays(from, intBetween(prng, 28, 62)));
      last = [from, to];
      if (free(p, from, to)) {
        chosen = [from, to];
        break;
      }
    }
    const [from, to] = chosen ?? last ?? [lo, addDays(lo, 30)];
    take(p, 'shadowing', '赣州市委巡察办', from, to);
  }
  return out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.inspectorKey < b.inspectorKey ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// Appraisals

const PRAISE = [
  '政治站位高，严守巡察工作纪律和保密纪律',
  '工作作风扎实，吃苦耐劳，服从组内分工',
  '个别谈话方法得当，善于从谈话中发现问题',
  '文字功底扎实，参与起草巡察报告和专题报告',
  '熟悉政策法规，问题定性准确',
];
const FINANCE_PRAISE = ['发挥财务审计专业优势，核查账目凭证细致', '善于从财务凭证和合同资料中发现问题线索'];
const PLAIN = ['能够遵守巡察工作纪律，较好完成组内分工任务', '工作态度端正，能按要求完成资料调阅和谈话记录'];

function comment(rng: Rng, grade: SeedAppraisal['grade'], finance: boolean): string {
  switch (grade) {
    case '优秀': {
      const parts = shuffled(rng, PRAISE).slice(0, 2);
      if (finance) parts.push(pick(rng, FINANCE_PRAISE));
      return `${parts.join('；')}；撰写问题底稿${intBetween(rng, 6, 15)}份，发现问题线索${intBetween(rng, 1, 4)}条，表现突出。`;
    }
    case '称职':
      return `${pick(rng, PLAIN)}；参与个别谈话${intBetween(rng, 20, 60)}人次，撰写问题底稿${intBetween(rng, 3, 8)}份${finance ? '，查阅账目细致' : ''}。`;
    case '基本称职':
      return '能完成分配的任务，但工作主动性不够，问题底稿质量有待提高。';
    case '不称职':
      return '巡察期间多次因原单位事务离组，未能按时完成组内分工任务。';
  }
}

function buildAppraisals(g: Gen, infos: TeamInfo[]): SeedAppraisal[] {
  const out: SeedAppraisal[] = [];
  const cityTerms = g.plan.terms
    .filter((t) => t.authorityKey === 'city')
    .sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
  const lastTwo = new Set(cityTerms.slice(-2).map((t) => t.key));
  const byKey = new Map(g.people.map((p) => [p.insp.key, p]));
  for (const t of infos) {
    if (!lastTwo.has(t.termKey) || t.exitActual === null) continue;
    const rng = rngFor(SEED, `${t.team.key}:appraisals`);
    for (const m of t.members) {
      const p = byKey.get(m.inspectorKey);
      if (!p || m.role === 'leader' || !active(p, 'talentPool', t.entry) || active(p, 'staff', t.entry)) continue;
      const appraisedOn = workdayOnOrAfter(addDays(t.exitActual, intBetween(rng, 5, 20)));
      if (appraisedOn > TODAY) continue;
      const r = rng();
      const grade: SeedAppraisal['grade'] = r < 0.33 ? '优秀' : r < 0.965 ? '称职' : r < 0.995 ? '基本称职' : '不称职';
      const finance = p.insp.expertise.some((e) => FINANCE.has(e));
      out.push({
        inspectorKey: p.insp.key,
        teamKey: t.team.key,
        grade,
        comment: comment(rng, grade, finance),
        appraisedOn,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Awards

const INSPECTOR_BATCHES = [
  { batch: '2018—2019年度', years: [2018, 2019], awardedOn: '2020-06-16', quota: { city: 13, nankang: 6, yudu: 6 } },
  { batch: '2020—2021年度', years: [2020, 2021], awardedOn: '2022-03-22', quota: { city: 13, nankang: 6, yudu: 6 } },
] as const;

const REPORT_QUOTAS: readonly (readonly [string, number, number])[] = [
  ['综合类', 6, 7],
  ['专项类', 5, 0],
  ['提级类', 4, 4],
  ['村级延伸类', 6, 1],
  ['回头看类', 1, 3],
  ['授权类', 0, 3],
];

/** The party organization an inspection report is addressed to. */
function partyOrgName(g: Gen, o: Org): string {
  const name = o.name;
  if (o.kind === '乡镇(街道)')
    return `${g.prefixOf.get(o.authorityKey) ?? ''}${name}${name.endsWith('街道') ? '党工委' : '党委'}`;
  if (o.kind === '县(市、区)委' || name.startsWith('共青团') || name.startsWith('中共')) return name;
  if (['学校', '医院', '国有企业'].includes(o.kind) || /(公安局|分局|支队|报社|电视台|税务局)$/.test(name))
    return `${name}党委`;
  if (
    /(委办公室|组织部|宣传部|统战部|政法委员会|机构编制委员会办公室|直属机关工作委员会|老干部局|信息化委员会办公室|台湾工作办公室|外事工作委员会办公室|党史研究室|政策研究室|档案馆)$/.test(
      name,
    )
  ) {
    return name;
  }
  return `${name}党组`;
}

function buildAwards(g: Gen, infos: TeamInfo[]): SeedAward[] {
  const out: SeedAward[] = [];
  const rng = rngFor(SEED, 'awards');
  const byKey = new Map(g.people.map((p) => [p.insp.key, p]));
  const awarded = new Set<string>();
  const batchOn = new Map<string, string>();
  for (const b of INSPECTOR_BATCHES) {
    const awardedOn = workdayOnOrAfter(b.awardedOn);
    batchOn.set(b.batch, awardedOn);
    const score = new Map<string, number>();
    for (const t of infos) {
      if (!(b.years as readonly number[]).includes(Number(t.entry.slice(0, 4)))) continue;
      for (const m of t.members)
        score.set(m.inspectorKey, (score.get(m.inspectorKey) ?? 0) + (m.role === 'leader' ? 1.5 : 1));
    }
    for (const [authorityKey, quota] of Object.entries(b.quota)) {
      const ranked = [...score.entries()]
        .filter(
          ([k]) =>
            byKey.get(k)?.insp.authorityKey === authorityKey &&
            !awarded.has(k) &&
            activeAny(byKey.get(k) as Person, awardedOn),
        )
        .map(([k, s]) => ({ k, s: s + rng() * 2.5 }))
        .sort((x, y) => y.s - x.s || (x.k < y.k ? -1 : 1))
        .slice(0, quota);
      for (const { k } of ranked) {
        awarded.add(k);
        out.push({
          authorityKey: 'city',
          kind: 'excellentInspector',
          batch: b.batch,
          category: null,
          title: null,
          inspectorKeys: [k],
          awardedOn,
        });
      }
    }
  }

  // 优秀巡察报告 in the same two batches, by the year of the feedback.
  const teamOf = new Map(infos.map((t) => [t.team.key, t]));
  const rounds = new Map(g.plan.rounds.map((r) => [r.key, r]));
  const staffLeads = (authorityKey: string, d: string): string[] => {
    // Authorized inspections are done by the county's own standing group: its 组长 and 副组长.
    const group = g.people.filter(
      (p) => p.insp.authorityKey === authorityKey && p.meta.group !== null && p.meta.senior && active(p, 'staff', d),
    );
    const n = group.map((p) => p.meta.group as number).sort((a, b) => a - b)[0];
    return group
      .filter((p) => p.meta.group === n)
      .sort((a, b) => (a.insp.post === '组长' ? -1 : b.insp.post === '组长' ? 1 : 0))
      .map((p) => p.insp.key);
  };
  const used = new Set<string>();
  const usedTitles = new Set<string>();
  INSPECTOR_BATCHES.forEach((b, bi) => {
    const awardedOn = batchOn.get(b.batch) ?? b.awardedOn;
    const inBatch = g.plan.inspections.filter(
      (i) => i.feedbackDate !== null && (b.years as readonly number[]).includes(Number(i.feedbackDate.slice(0, 4))),
    );
    for (const [category, ...quotas] of REPORT_QUOTAS) {
      const quota = quotas[bi] ?? 0;
      const fits = (i: Inspection): boolean => {
        const round = rounds.get(i.roundKey);
        switch (category) {
          case '综合类':
            return i.teamKey !== null && i.mode === 'ordinary' && i.lookBackOfKey === null && round?.kind === 'regular';
          case '专项类':
            return i.teamKey !== null && round?.kind === 'special' && (i.mode === 'ordinary' || i.mode === 'escalated');
          case '提级类':
            return i.teamKey !== null && i.mode === 'escalated' && round?.kind !== 'special';
          case '村级延伸类':
            return i.teamKey !== null && (i.mode === 'directVillage' || i.mode === 'townshipWithVillages');
          case '回头看类':
            return i.teamKey !== null && i.lookBackOfKey !== null;
          default:
            return (
              i.mode === 'authorized' && (FULL_COUNTIES as readonly string[]).includes(i.authorizedAuthorityKey ?? '')
            );
        }
      };
      const cands = shuffled(
        rng,
        inBatch.filter((i) => fits(i) && !used.has(i.key)),
      );
      // Mostly the city's own reports; county reports where the category is theirs.
      cands.sort((x, y) => (x.key.startsWith('city') ? 0 : 1) - (y.key.startsWith('city') ? 0 : 1));
      let taken = 0;
      for (const i of cands) {
        if (taken >= quota) break;
        const t = i.teamKey ? teamOf.get(i.teamKey) : undefined;
        const keys = t
          ? t.members.filter((m) => m.role === 'leader' || m.role === 'deputy').map((m) => m.inspectorKey)
          : staffLeads(i.authorizedAuthorityKey ?? '', i.entryDate ?? awardedOn);
        if (keys.length === 0) continue;
        const title = reportTitle(g, i, category, rounds.get(i.roundKey));
        if (usedTitles.has(title)) continue;
        used.add(i.key);
        usedTitles.add(title);
        out.push({
          authorityKey: 'city',
          kind: 'excellentReport',
          batch: b.batch,
          category,
          title,
          inspectorKeys: keys,
          awardedOn,
        });
        taken++;
      }
      if (taken < quota) throw new Error(`优秀巡察报告不足：${b.batch}${category} ${taken}/${quota}`);
    }
  });
  return out;
}

function reportTitle(g: Gen, i: Inspection, category: string, round: Round | undefined): string {
  const primary = i.targets.find((t) => t.role === 'primary');
  const villages = i.targets.filter((t) => t.role === 'village').map((t) => g.org(t.orgKey));
  const org = g.org((primary ?? i.targets[0])?.orgKey ?? '');
  const x = partyOrgName(g, org);
  switch (category) {
    case '专项类':
      return `关于对${x}开展${round?.theme ?? '专项巡察'}的情况报告`;
    case '提级类':
      return `关于提级巡察${x}的情况报告`;
    case '村级延伸类': {
      if (primary) return `关于巡察${x}并延伸巡察所辖${villages.length}个村(社区)党组织的情况报告`;
      const town = org.parentKey ? g.org(org.parentKey) : org;
      const prefix = g.prefixOf.get(org.authorityKey) ?? '';
      return `关于直接巡察${prefix}${town.name}${org.name}等${villages.length}个村(社区)党组织的情况报告`;
    }
    case '回头看类':
      return `关于对${x}巡察整改情况开展“回头看”的情况报告`;
    case '授权类':
      return `关于授权巡察${x}的情况报告`;
    default:
      return `关于巡察${x}的情况报告`;
  }
}

// ---------------------------------------------------------------------------------------------

export function buildDemoPersonnel(
  reg: Registry,
  plan: Planning,
): {
  inspectors: SeedInspector[];
  teamMembers: SeedTeamMember[];
  trainings: SeedTraining[];
  secondments: SeedSecondment[];
  appraisals: SeedAppraisal[];
  awards: SeedAward[];
} {
  const g = new Gen(reg, plan);
  const deliberate = deliberateTargets(g);
  addStaff(g, 'city');
  addLeaders(g, 'city', 20, deliberate.leaders);
  addTalents(
    g,
    'city',
    CITY_TALENT.filter((_, i) => i % 5 !== 4),
    deliberate.talents,
  );
  for (const c of FULL_COUNTIES) {
    addStaff(g, c);
    addLeaders(g, c, 14, []);
    addTalents(g, c, COUNTY_TALENT, []);
  }
  for (const c of OTHER_COUNTIES) if (g.prefixOf.has(c)) addOtherCounty(g, c);

  const infos = teamInfos(g);
  const teamMembers = assignTeams(g, infos);
  const secondments = buildSecondments(g);
  const trainings = buildTrainings(g, infos);
  const appraisals = buildAppraisals(g, infos);
  const awards = buildAwards(g, infos);
  return { inspectors: g.people.map((p) => p.insp), teamMembers, trainings, secondments, appraisals, awards };
}
