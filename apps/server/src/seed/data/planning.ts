/**
 * Demo planning data over the demo registry: terms (届), rounds (轮), teams (巡察组) and inspections
 * (one team × its targets in a round), modelled on the seed's account of 五届赣州市委 (2016–2021).
 * Pure and deterministic: no I/O, no database, no clock; the same registry always gives the same data.
 *
 * The demo's "today" is 2026-11-27: 六届 ended two months ago and 七届's first round is on site.
 * Every date recorded for an inspection is on or before that day; only planned dates lie after it.
 *
 * What comes out, by design:
 * - City 五届 (2016-10-01 … 2021-09-30): 11 regular + 3 special rounds; all 113 city-level
 *   organizations covered; 11 回头看 inside regular rounds; 69 county units escalated (提级) in
 *   8 rounds; the 57 vertically managed units inspected by authorization (授权) from 2020, with
 *   双报告一报备; 21 organizations whose results were published late (延后公示).
 * - City 六届 (2021-10-01 … 2026-09-30): nearly complete, three organizations left uncovered (one of
 *   them inspected but its feedback held back); a special, a mobile (机动) and a 回头看 round.
 * - City 七届 (from 2026-10-01): round 1 approved 2026-10-20 and on site since 2026-11-09; round 2
 *   planned for March 2027, not yet approved, no teams.
 * - 南康区 and 于都县 (the two counties whose registry reaches the villages): the same three terms;
 *   五届 covers every unit, township and village (巡乡带村 and 直接巡村; 南康's 直接巡村 share is the
 *   seed's 69.7%), 六届 about 95%, 七届 round 1 on site. The other 16 counties have no planning data.
 *
 * Dates of rounds are plausible, not looked up; the county terms' ordinals are approximations.
 */
import { addMonths, chineseNumeral, existedDuring, roundName, STAGES, teamName } from '@xc/domain';
import { addDays, toDay, workdayOnOrAfter, workdayOnOrBefore } from './days.ts';
import { hashString, intBetween, type Rng, rngFor } from './names.ts';
import type { buildDemoRegistry } from './registry.ts';

type Registry = ReturnType<typeof buildDemoRegistry>;
type Org = Registry['orgs'][number];

export interface SeedTerm {
  key: string;
  authorityKey: string;
  name: string;
  startDate: string;
  endDate: string;
  targetKinds: string[];
}
export interface SeedRound {
  key: string;
  termKey: string;
  number: number;
  name: string;
  kind: 'regular' | 'special' | 'mobile' | 'lookBack';
  theme: string;
  focus: string[];
  plannedStart: string;
  plannedEnd: string;
  approvedOn: string | null;
  approvalNote: string | null;
}
export interface SeedTeam {
  key: string;
  roundKey: string;
  name: string;
  sortOrder: number;
}
export interface SeedInspection {
  key: string;
  roundKey: string;
  teamKey: string | null;
  mode: 'ordinary' | 'escalated' | 'cross' | 'authorized' | 'joint' | 'directVillage' | 'townshipWithVillages';
  stage:
    | 'planned'
    | 'prepared'
    | 'onSite'
    | 'reporting'
    | 'feedback'
    | 'transfer'
    | 'rectifying'
    | 'evaluated'
    | 'published'
    | 'archived';
  targets: { orgKey: string; role: 'primary' | 'village' }[];
  /** 回头看: the earlier inspection of the same org. */
  lookBackOfKey: string | null;
  /** Mode 'authorized': the county the city authorized to carry it out. */
  authorizedAuthorityKey: string | null;
  plannedEntryDate: string | null;
  plannedExitDate: string | null;
  noticeDate: string | null;
  preparedDate: string | null;
  entryDate: string | null;
  exitDate: string | null;
  reportDate: string | null;
  feedbackDate: string | null;
  transferDate: string | null;
  rectifyingStartDate: string | null;
  concentratedEndDate: string | null;
  evaluatedDate: string | null;
  publishedDate: string | null;
  archivedDate: string | null;
  /**
   * 双报告一报备, authorized inspections only. Not columns of the inspection: the governance seed
   * (data/governance.ts addDualReports) writes them as its dual_reports records.
   */
  countyCommitteeReportOn: string | null;
  sectorDepartmentReportOn: string | null;
  cityOfficeFiledOn: string | null;
}

type Mode = SeedInspection['mode'];
type Stage = SeedInspection['stage'];
type RoundKind = SeedRound['kind'];
type Target = SeedInspection['targets'][number];
type Timeline = Omit<
  SeedInspection,
  'key' | 'roundKey' | 'teamKey' | 'mode' | 'targets' | 'lookBackOfKey' | 'authorizedAuthorityKey'
>;

const SEED = 0x2c1b7e05;
const TODAY = '2026-11-27';
const CITY_KINDS = ['市直单位', '国有企业', '学校', '医院'];
const COUNTY_KINDS = ['县直单位', '乡镇(街道)', '村(社区)', '国有企业', '学校', '医院', '垂直管理驻县单位'];
const COUNTY_UNIT_KINDS = new Set(['县直单位', '国有企业', '学校', '医院']);
const FULL_COUNTIES = ['nankang', 'yudu'] as const;
/** Ordinal of each committee's 2016 term (南康 became a district in 2013; approximations). */
const FIRST_ORDINAL: Record<string, number> = { city: 5, nankang: 1, yudu: 14 };
/** A team takes at most this many inspections in a round (一托二, sometimes 一托三). */
const MAX_PER_TEAM = 3;
/** Villages one 直接巡村 inspection takes at most. */
const VILLAGES_PER_INSPECTION = 12;

// ---------------------------------------------------------------------------------------------
// Dates

const later = (d: string, days: number) => workdayOnOrAfter(addDays(d, days));
const earlier = (d: string, days: number) => workdayOnOrBefore(addDays(d, -days));
const notAfterToday = (d: string | null) => (d !== null && d <= TODAY ? d : null);

/**
 * Can `o` be inspected in a round starting on `start`: it exists by then and is not abolished before
 * the feedback (about 100 days later), so its own leadership receives the findings.
 */
function eligible(o: Org, start: string): boolean {
  if (o.establishedOn && o.establishedOn > start) return false;
  if (o.abolishedOn && o.abolishedOn <= feedbackHorizon(start)) return false;
  return true;
}

const horizons = new Map<string, string>();
function feedbackHorizon(start: string): string {
  let h = horizons.get(start);
  if (h === undefined) {
    h = addDays(start, 100);
    horizons.set(start, h);
  }
  return h;
}

/** A stable pseudo-random order, independent of the order of the input. */
function rank(salt: string, key: string): number {
  return hashString(`${salt}|${key}`);
}

function byRank<T>(items: readonly T[], salt: string, keyOf: (t: T) => string): T[] {
  return items
    .map((item) => ({ item, key: keyOf(item), r: rank(salt, keyOf(item)) }))
    .sort((a, b) => a.r - b.r || (a.key < b.key ? -1 : 1))
    .map((x) => x.item);
}

interface TimelineOptions {
  approvedOn: string | null;
  /** The teams enter on the planned day. */
  plannedEntry: string;
  onSite: readonly [number, number];
  /** Feedback is held inside the term, or the inspection would not count for it. */
  maxFeedback: string;
  /** Report done, feedback held back (a case under investigation): stays in 'reporting'. */
  stuck: boolean;
  /** 延期整改: evaluation months later than usual. */
  slow: boolean;
  /** 延后公示: published in a later batch. */
  deferred: boolean;
  /** 双报告一报备 of an authorized inspection; 'none' for every other mode. */
  dualReport: 'none' | 'full' | 'unfiled' | 'unreported';
}

/**
 * Every date of an inspection from its entry day, cut at TODAY: the stage is the last one whose date
 * has come, and no date after it is set.
 */
function timeline(rng: Rng, o: TimelineOptions): Timeline {
  const plannedExit = later(o.plannedEntry, 40);
  const out: Timeline = {
    stage: 'planned',
    plannedEntryDate: o.plannedEntry,
    plannedExitDate: plannedExit,
    noticeDate: null,
    preparedDate: null,
    entryDate: null,
    exitDate: null,
    reportDate: null,
    feedbackDate: null,
    transferDate: null,
    rectifyingStartDate: null,
    concentratedEndDate: null,
    evaluatedDate: null,
    publishedDate: null,
    archivedDate: null,
    countyCommitteeReportOn: null,
    sectorDepartmentReportOn: null,
    cityOfficeFiledOn: null,
  };
  if (o.approvedOn === null) return out;

  // 巡察通知 10–14 days before entry; the work plan and team a few days before that.
  const entry = o.plannedEntry;
  const notice = earlier(entry, intBetween(rng, 10, 14));
  let prepared = earlier(notice, intBetween(rng, 3, 12));
  const afterApproval = later(o.approvedOn, 1);
  if (prepared < afterApproval) prepared = afterApproval;
  if (prepared > notice) prepared = notice;
  // About 30–45 days on site; a holiday at the end brings the exit forward rather than past 45 days.
  const onSiteDays = intBetween(rng, o.onSite[0], o.onSite[1]);
  let exit = later(entry, onSiteDays);
  if (toDay(exit) - toDay(entry) > 45) exit = workdayOnOrBefore(addDays(entry, onSiteDays));
  let feedback = later(exit, intBetween(rng, 30, 58));
  if (feedback > o.maxFeedback) feedback = workdayOnOrBefore(o.maxFeedback);
  if (toDay(feedback) - toDay(exit) < 20) throw new Error(`反馈离撤离太近：${exit} → ${feedback}`);
  let report = later(exit, intBetween(rng, 8, 25));
  if (report >= feedback) report = earlier(feedback, 3);
  // Clues are transferred within days of the feedback; rectification is counted from then on.
  const transfer = later(feedback, intBetween(rng, 1, 5));
  const concentratedEnd = addMonths(feedback, 2);
  const evaluated = later(concentratedEnd, intBetween(rng, 20, 40) + (o.slow ? intBetween(rng, 90, 150) : 0));
  const published = later(evaluated, intBetween(rng, 30, 90) + (o.deferred ? intBetween(rng, 90, 150) : 0));
  const archived = later(published, intBetween(rng, 60, 240));
  const cc = later(feedback, intBetween(rng, 5, 15));
  const sd = later(cc, intBetween(rng, 2, 12));
  const filed = later(sd, intBetween(rng, 3, 20));

  const on: Record<Stage, string | null> = {
    planned: null,
    prepared,
    onSite: entry,
    reporting: exit,
    feedback: o.stuck ? null : feedback,
    transfer: o.stuck ? null : transfer,
    rectifying: o.stuck ? null : transfer,
    evaluated: o.stuck ? null : evaluated,
    published: o.stuck ? null : published,
    archived: o.stuck ? null : archived,
  };
  let stage: Stage = 'planned';
  for (const s of STAGES.slice(1)) {
    const d = on[s];
    if (d === null || d > TODAY) break;
    stage = s;
  }
  const reached = (s: Stage) => STAGES.indexOf(stage) >= STAGES.indexOf(s);
  const upTo = (s: Stage) => (reached(s) ? on[s] : null);

  out.stage = stage;
  out.preparedDate = upTo('prepared');
  out.noticeDate = reached('prepared') ? notAfterToday(notice) : null;
  out.entryDate = upTo('onSite');
  out.exitDate = upTo('reporting');
  out.reportDate = reached('reporting') ? notAfterToday(report) : null;
  out.feedbackDate = upTo('feedback');
  out.transferDate = upTo('transfer');
  out.rectifyingStartDate = upTo('rectifying');
  // 集中整改 ends two months after the feedback; recorded once that day has come.
  out.concentratedEndDate = reached('rectifying') ? notAfterToday(concentratedEnd) : null;
  out.evaluatedDate = upTo('evaluated');
  out.publishedDate = upTo('published');
  out.archivedDate = upTo('archived');
  if (o.dualReport !== 'none' && reached('feedback')) {
    out.countyCommitteeReportOn = notAfterToday(cc);
    if (out.countyCommitteeReportOn && o.dualReport !== 'unreported') {
      out.sectorDepartmentReportOn = notAfterToday(sd);
      if (out.sectorDepartmentReportOn && o.dualReport === 'full') out.cityOfficeFiledOn = notAfterToday(filed);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Round plans

type Tag = 'unit' | 'lookBack' | 'escalated' | 'town' | 'twv' | 'village' | 'authorized';
const TAG_ORDER: Tag[] = ['unit', 'lookBack', 'town', 'twv', 'village', 'escalated', 'authorized'];

/** One inspection before it has a key, a team and dates. */
interface Item {
  tag: Tag;
  mode: Mode;
  targets: Target[];
  orgs: Org[];
  sector: string;
  lookBackOfKey: string | null;
  authorizedAuthorityKey: string | null;
  stuck?: boolean;
  deferred?: boolean;
  dualReport?: TimelineOptions['dualReport'];
  plannedEntry?: string;
}

type EscCategory = 'police' | 'court' | 'procuratorate' | 'office' | 'sector' | 'town';

interface RoundSpec {
  start: string;
  kind: RoundKind;
  theme?: string;
  focus?: readonly string[];
  teams: number;
  /** undefined: 20–32 days before the start; null: not yet approved. */
  approvedOn?: string | null;
  onSite?: readonly [number, number];
  /** Teams enter over this many days (a second batch); default within 3 days. */
  spread?: number;
  lookBacks?: number;
  /** Share of inspections with 延期整改. */
  slow?: number;
}

interface CityRoundSpec extends RoundSpec {
  fresh?: number;
  /** A special round's own targets, in order of preference, as city org slugs. */
  pool?: readonly string[];
  prefer?: (o: Org) => boolean;
  escalated?: Partial<Record<EscCategory, number>>;
  authorized?: number;
  /** Hold back the feedback of one of its city units (it stays 'reporting'). */
  stuckOne?: boolean;
  /** The last authorized inspections whose reports are not all in. */
  dualReportsMissing?: number;
}

interface CountyRoundSpec extends RoundSpec {
  pool?: (it: Item) => boolean;
  quota?: Partial<Record<Tag, number>>;
  postpone?: { county: string; to: string };
}

interface TermSpec<R> {
  start: string;
  end: string;
  rounds: R[];
}

const soe = (o: Org) => o.kind === '国有企业';
const school = (o: Org) => o.kind === '学校';
const health = (o: Org) => o.kind === '医院' || o.sector === '卫健';
const rural = (it: Item) => it.tag === 'town' || it.tag === 'twv' || it.tag === 'village';

const FOCUS_BY_YEAR: Record<number, readonly string[]> = {
  2016: ['扶贫领域', '群众身边不正之风和腐败问题', '作风建设', '选人用人'],
  2017: ['扶贫领域', '群众身边不正之风和腐败问题', '中央八项规定精神落实', '选人用人'],
  2018: ['扫黑除恶', '扶贫领域', '作风建设', '意识形态'],
  2019: ['扫黑除恶', '“放管服”改革', '选人用人', '意识形态'],
  2020: ['统筹疫情防控和经济社会发展', '“六稳”“六保”', '作风建设', '巡察整改落实'],
  2021: ['党史学习教育', '新发展理念', '乡村振兴', '选人用人'],
  2022: ['乡村振兴', '“三大战略”“六大主攻方向”', '群众身边不正之风和腐败问题', '意识形态'],
  2023: ['主题教育', '高质量发展', '作风建设', '选人用人'],
  2024: ['党纪学习教育', '群众身边不正之风和腐败问题集中整治', '意识形态', '巡察整改落实'],
  2025: ['中央八项规定精神学习教育', '作风建设', '高质量发展', '选人用人'],
  2026: ['“十五五”规划开局', '群众身边不正之风和腐败问题', '选人用人', '巡察整改落实'],
  2027: ['“十五五”规划实施', '作风建设', '选人用人', '意识形态'],
};
const FOCUS_POVERTY = ['扶贫领域', '扶贫资金使用管理', '扶贫领域作风问题', '群众身边不正之风和腐败问题'];
const FOCUS_2018 = ['脱贫攻坚', '扫黑除恶', '作风建设', '群众身边不正之风和腐败问题'];
const FOCUS_GANGS = ['扫黑除恶', '“保护伞”问题', '政法队伍建设', '基层政权建设'];
const FOCUS_RURAL = ['乡村振兴', '巩固拓展脱贫攻坚成果', '农村集体“三资”管理', '群众身边不正之风和腐败问题'];
const FOCUS_HEALTH = ['医药领域腐败问题', '看病难看病贵', '耗材采购', '乱收费'];
const FOCUS_LOOKBACK = ['巡察整改落实', '整改“回头看”', '建章立制', '问题线索处置'];

const CITY_TERMS: readonly TermSpec<CityRoundSpec>[] = [
  {
    start: '2016-10-01',
    end: '2021-09-30',
    rounds: [
      { start: '2016-11-14', kind: 'regular', teams: 5, fresh: 9 },
      { start: '2017-03-13', kind: 'regular', teams: 5, fresh: 10 },
      {
        start: '2017-06-05',
        kind: 'special',
        theme: '扶贫领域专项巡察',
        focus: FOCUS_POVERTY,
        teams: 5,
        fresh: 6,
        pool: ['fpb', 'nyj', 'lyj', 'slj', 'mzj', 'wjw0'],
      },
      { start: '2017-09-11', kind: 'regular', teams: 8, fresh: 12, prefer: soe },
      { start: '2018-03-12', kind: 'regular', teams: 8, fresh: 10, escalated: { office: 4, town: 2 } },
      {
        start: '2018-05-21',
        kind: 'special',
        theme: '脱贫攻坚暨扫黑除恶、作风建设专项巡察',
        focus: FOCUS_2018,
        teams: 9,
        fresh: 5,
        pool: ['gtj', 'ghj', 'jtysj', 'zjj', 'cgj', 'slj'],
        escalated: { sector: 12 },
      },
      { start: '2018-09-10', kind: 'regular', teams: 8, fresh: 10, escalated: { police: 4, court: 2, town: 2 } },
      { start: '2019-03-11', kind: 'regular', teams: 8, fresh: 8, escalated: { court: 3, procuratorate: 2, town: 3 } },
      {
        start: '2019-06-10',
        kind: 'special',
        theme: '扫黑除恶专项巡察',
        focus: FOCUS_GANGS,
        teams: 9,
        fresh: 7,
        pool: ['gaj', 'fy', 'jcy', 'sfj', 'zfw', 'gaj:jj', 'gaj:zg'],
        escalated: { police: 6, court: 4, procuratorate: 4 },
      },
      {
        start: '2019-09-09',
        kind: 'regular',
        teams: 8,
        fresh: 7,
        prefer: health,
        escalated: { police: 2, court: 2, procuratorate: 2, town: 2 },
        lookBacks: 4,
      },
      { start: '2020-05-11', kind: 'regular', teams: 8, fresh: 8, lookBacks: 4, authorized: 13 },
      {
        start: '2020-09-07',
        kind: 'regular',
        teams: 8,
        fresh: 7,
        escalated: { procuratorate: 1, court: 1, town: 5 },
        lookBacks: 3,
        authorized: 14,
      },
      { start: '2021-03-15', kind: 'regular', teams: 8, fresh: 8, escalated: { town: 6 }, authorized: 15 },
      { start: '2021-07-05', kind: 'regular', teams: 8, fresh: 6, authorized: 15, onSite: [28, 32] },
    ],
  },
  {
    start: '2021-10-01',
    end: '2026-09-30',
    rounds: [
      { start: '2021-11-08', kind: 'regular', teams: 8, fresh: 10, escalated: { police: 2, court: 2 } },
      {
        start: '2022-03-07',
        kind: 'regular',
        teams: 8,
        fresh: 10,
        escalated: { procuratorate: 2, office: 2 },
        authorized: 10,
      },
      {
        start: '2022-05-16',
        kind: 'special',
        theme: '乡村振兴领域专项巡察',
        focus: FOCUS_RURAL,
        teams: 8,
        fresh: 5,
        pool: ['xczxj', 'nyncj', 'slj', 'lyj', 'gxs'],
        escalated: { town: 6 },
      },
      { start: '2022-09-05', kind: 'regular', teams: 8, fresh: 9, escalated: { police: 2, court: 2 }, authorized: 10 },
      { start: '2023-03-06', kind: 'regular', teams: 8, fresh: 9, prefer: school, authorized: 10 },
      {
        start: '2023-06-05',
        kind: 'mobile',
        theme: '医疗卫生领域机动巡察',
        focus: FOCUS_HEALTH,
        teams: 4,
        fresh: 4,
        pool: ['hospital:rm', 'hospital:sl', 'hospital:zy', 'hospital:fy'],
        onSite: [15, 20],
      },
      {
        start: '2023-09-04',
        kind: 'regular',
        teams: 8,
        fresh: 9,
        escalated: { procuratorate: 2, town: 2 },
        authorized: 10,
      },
      { start: '2024-03-04', kind: 'regular', teams: 8, fresh: 10 },
      { start: '2024-05-13', kind: 'lookBack', teams: 6, lookBacks: 6 },
      { start: '2024-09-02', kind: 'regular', teams: 8, fresh: 9, escalated: { police: 2, court: 2 }, authorized: 9 },
      { start: '2025-03-03', kind: 'regular', teams: 8, fresh: 9 },
      {
        start: '2025-09-01',
        kind: 'regular',
        teams: 8,
        fresh: 8,
        escalated: { town: 3 },
        authorized: 8,
        dualReportsMissing: 3,
      },
      {
        start: '2026-03-09',
        kind: 'regular',
        teams: 8,
        fresh: 4,
        escalated: { court: 1, procuratorate: 1 },
        stuckOne: true,
        slow: 0.3,
      },
    ],
  },
  {
    start: '2026-10-01',
    end: '2031-09-30',
    rounds: [
      {
        start: '2026-11-09',
        kind: 'regular',
        teams: 9,
        fresh: 14,
        escalated: { police: 1, court: 1, office: 1 },
        approvedOn: '2026-10-20',
        spread: 11,
      },
      { start: '2027-03-08', kind: 'regular', teams: 8, fresh: 6, authorized: 4, approvedOn: null },
    ],
  },
];

const COUNTY_TERMS: readonly (TermSpec<CountyRoundSpec> & { twvShare: Record<string, number>; uncovered: number })[] = [
  {
    start: '2016-10-01',
    end: '2021-09-30',
    // 南康's 直接巡村 share was 69.7% (seed), so 30.3% of its villages went with their township.
    twvShare: { nankang: 0.303, yudu: 0.5 },
    uncovered: 0,
    rounds: [
      { start: '2016-11-21', kind: 'regular', teams: 3 },
      { start: '2017-03-13', kind: 'regular', teams: 3 },
      {
        start: '2017-05-22',
        kind: 'special',
        theme: '扶贫领域专项巡察',
        focus: FOCUS_POVERTY,
        teams: 4,
        pool: (it) => rural(it) || it.sector === '农林水',
      },
      { start: '2017-09-11', kind: 'regular', teams: 4 },
      { start: '2018-03-12', kind: 'regular', teams: 4 },
      {
        start: '2018-05-21',
        kind: 'special',
        theme: '扶贫领域腐败和作风问题专项巡察',
        focus: FOCUS_2018,
        teams: 4,
        pool: (it) => rural(it) || ['农林水', '交通', '城建'].includes(it.sector),
      },
      { start: '2018-09-10', kind: 'regular', teams: 4 },
      { start: '2019-03-18', kind: 'regular', teams: 4 },
      {
        start: '2019-06-10',
        kind: 'special',
        theme: '扫黑除恶专项巡察',
        focus: FOCUS_GANGS,
        teams: 4,
        pool: (it) => rural(it) || it.sector === '政法',
      },
      { start: '2019-09-09', kind: 'regular', teams: 4 },
      { start: '2020-05-11', kind: 'regular', teams: 4 },
      { start: '2020-09-07', kind: 'regular', teams: 4 },
      { start: '2021-03-15', kind: 'regular', teams: 4 },
      { start: '2021-07-19', kind: 'regular', teams: 3, onSite: [28, 32] },
    ],
  },
  {
    start: '2021-10-01',
    end: '2026-09-30',
    twvShare: { nankang: 0.5, yudu: 0.6 },
    uncovered: 0.05,
    rounds: [
      { start: '2021-11-15', kind: 'regular', teams: 4 },
      { start: '2022-03-14', kind: 'regular', teams: 4 },
      {
        start: '2022-05-23',
        kind: 'special',
        theme: '乡村振兴领域专项巡察',
        focus: FOCUS_RURAL,
        teams: 4,
        pool: (it) => rural(it) || it.sector === '农林水',
      },
      { start: '2022-09-13', kind: 'regular', teams: 4 },
      { start: '2023-03-13', kind: 'regular', teams: 4 },
      { start: '2023-05-22', kind: 'regular', teams: 4 },
      { start: '2023-09-11', kind: 'regular', teams: 4 },
      { start: '2024-03-11', kind: 'regular', teams: 4 },
      { start: '2024-05-20', kind: 'lookBack', teams: 3, lookBacks: 4 },
      { start: '2024-09-09', kind: 'regular', teams: 4 },
      { start: '2025-03-10', kind: 'regular', teams: 4 },
      { start: '2025-09-08', kind: 'regular', teams: 4 },
      { start: '2026-03-16', kind: 'regular', teams: 3, slow: 0.3 },
    ],
  },
  {
    start: '2026-10-01',
    end: '2031-09-30',
    twvShare: { nankang: 0.5, yudu: 0.5 },
    uncovered: 0,
    rounds: [
      {
        start: '2026-11-10',
        kind: 'regular',
        teams: 4,
        approvedOn: '2026-10-23',
        spread: 8,
        quota: { twv: 1, unit: 7 },
        postpone: { county: 'yudu', to: '2026-12-02' },
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Planner

class Planner {
  readonly terms: SeedTerm[] = [];
  readonly rounds: SeedRound[] = [];
  readonly teams: SeedTeam[] = [];
  readonly inspections: SeedInspection[] = [];
  readonly orgs: Map<string, Org>;
  private readonly villagesOf = new Map<string, Org[]>();
  private readonly termOfRound = new Map<string, SeedTerm>();

  constructor(readonly reg: Registry) {
    this.orgs = new Map(reg.orgs.map((o) => [o.key, o]));
    for (const o of reg.orgs) {
      if (o.kind !== '村(社区)' || !o.parentKey) continue;
      const list = this.villagesOf.get(o.parentKey) ?? [];
      list.push(o);
      this.villagesOf.set(o.parentKey, list);
    }
  }

  org(key: string): Org {
    const o = this.orgs.get(key);
    if (!o) throw new Error(`登记库中没有单位 ${key}`);
    return o;
  }

  villages(townKey: string): Org[] {
    return [...(this.villagesOf.get(townKey) ?? [])].sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  addTerm(authorityKey: string, index: number, spec: { start: string; end: string }, targetKinds: string[]): SeedTerm {
    const authority = this.reg.authorities.find((a) => a.key === authorityKey);
    if (!authority) throw new Error(`没有巡察机构 ${authorityKey}`);
    const ordinal = (FIRST_ORDINAL[authorityKey] ?? 1) + index;
    const committee = `${authority.shortName.replace(/巡察办$/, '').slice(-2)}`;
    const term: SeedTerm = {
      key: `${authorityKey}:term:${spec.start.slice(0, 4)}`,
      authorityKey,
      name: `${chineseNumeral(ordinal)}届${committee}`,
      startDate: spec.start,
      endDate: spec.end,
      targetKinds,
    };
    this.terms.push(term);
    return term;
  }

  /** Earlier inspections of the term whose single unit can be looked back at in a round starting `start`. */
  lookBacks(term: SeedTerm, start: string, n: number, accept: (o: Org) => boolean, done: Set<string>): Item[] {
    const cutoff = addMonths(start, -9);
    const candidates = this.inspections.filter(
      (i) =>
        this.termOfRound.get(i.roundKey) === term &&
        i.mode === 'ordinary' &&
        i.lookBackOfKey === null &&
        i.targets.length === 1 &&
        i.feedbackDate !== null &&
        i.feedbackDate <= cutoff,
    );
    const out: Item[] = [];
    for (const i of byRank(candidates, `${term.key}:lookBack`, (x) => x.key)) {
      if (out.length >= n) break;
      const o = this.org(i.targets[0]?.orgKey ?? '');
      if (done.has(o.key) || !accept(o) || !eligible(o, start)) continue;
      done.add(o.key);
      out.push({
        tag: 'lookBack',
        mode: 'ordinary',
        targets: [{ orgKey: o.key, role: 'primary' }],
        orgs: [o],
        sector: o.sector ?? '',
        lookBackOfKey: i.key,
        authorizedAuthorityKey: null,
      });
    }
    if (out.length < n) throw new Error(`${term.name}${start}的回头看对象不足：${out.length}/${n}`);
    return out;
  }

  /** One round with its teams and inspections; items that need a team are dealt to teams in order. */
  addRound(term: SeedTerm, number: number, spec: CountyRoundSpec | CityRoundSpec, items: Item[], start: string): void {
    const key = `${term.key}:round:${String(number).padStart(2, '0')}`;
    const rng = rngFor(SEED, key);
    let approvedOn = spec.approvedOn === undefined ? earlier(start, intBetween(rng, 20, 32)) : spec.approvedOn;
    if (approvedOn !== null && approvedOn < term.startDate) approvedOn = later(term.startDate, 8);
    const round: SeedRound = {
      key,
      termKey: term.key,
      number,
      name: roundName(number),
      kind: spec.kind,
      theme: spec.theme ?? themeOf(spec, items),
      focus: [...(spec.focus ?? (spec.kind === 'lookBack' ? FOCUS_LOOKBACK : focusOf(start)))],
      plannedStart: start,
      plannedEnd: start,
      approvedOn,
      approvalNote: null,
    };
    this.rounds.push(round);
    this.termOfRound.set(key, term);

    const maxFeedback = addDays(term.endDate, -5);
    const onSite = spec.onSite ?? [30, 42];
    // Teams are formed once the round is approved; authorized inspections use the county's own teams.
    const teamed = (i: Item) => approvedOn !== null && i.tag !== 'authorized';
    const withTeam = items.filter(teamed);
    const withoutTeam = items.filter((i) => !teamed(i));
    withTeam.sort(
      (a, b) =>
        TAG_ORDER.indexOf(a.tag) - TAG_ORDER.indexOf(b.tag) ||
        (a.sector < b.sector ? -1 : a.sector > b.sector ? 1 : 0) ||
        ((a.targets[0]?.orgKey ?? '') < (b.targets[0]?.orgKey ?? '') ? -1 : 1),
    );

    // Deal the items out in order, as evenly as the teams allow, so a team gets neighbours (一托二).
    const nTeams = Math.min(spec.teams, withTeam.length);
    const chunks: Item[][] = [];
    let at = 0;
    for (let t = 0; t < nTeams; t++) {
      const size = Math.floor(withTeam.length / nTeams) + (t < withTeam.length % nTeams ? 1 : 0);
      if (size > MAX_PER_TEAM) throw new Error(`${term.name}${round.name}每组${size}个对象，超过${MAX_PER_TEAM}个`);
      chunks.push(withTeam.slice(at, at + size));
      at += size;
    }

    let seq = 0;
    const add = (item: Item, teamKey: string | null, entry: string) => {
      seq++;
      const inspKey = `${key}:insp:${String(seq).padStart(3, '0')}`;
      const irng = rngFor(SEED, inspKey);
      const plannedEntry = item.plannedEntry ?? entry;
      const t = timeline(irng, {
        approvedOn,
        plannedEntry,
        onSite,
        maxFeedback,
        stuck: item.stuck === true,
        slow: spec.slow !== undefined && irng() < spec.slow,
        deferred: item.deferred === true,
        dualReport: item.mode === 'authorized' ? (item.dualReport ?? 'full') : 'none',
      });
      this.inspections.push({
        key: inspKey,
        roundKey: key,
        teamKey,
        mode: item.mode,
        targets: item.targets,
        lookBackOfKey: item.lookBackOfKey,
        authorizedAuthorityKey: item.authorizedAuthorityKey,
        ...t,
      });
    };

    const spread = spec.spread;
    const lastEntry = spread === undefined ? null : workdayOnOrBefore(addDays(start, spread));
    chunks.forEach((chunk, t) => {
      const n = t + 1;
      const teamKey = `${key}:team:${n}`;
      this.teams.push({ key: teamKey, roundKey: key, name: teamName(n), sortOrder: n });
      // Most teams enter together; with a spread, the last third is a second batch days later.
      const offset =
        spread !== undefined && t >= Math.ceil((nTeams * 2) / 3)
          ? intBetween(rng, Math.max(0, spread - 4), spread)
          : intBetween(rng, 0, spread === undefined ? 3 : 2);
      let entry = later(start, offset);
      if (lastEntry !== null && entry > lastEntry) entry = lastEntry;
      for (const item of chunk) add(item, teamKey, entry);
    });
    for (const item of withoutTeam) {
      // Authorized inspections are carried out by the county's own teams, a week or more after the city's.
      add(item, null, item.tag === 'authorized' ? later(start, intBetween(rng, 7, 21)) : start);
    }
    const exits = this.inspections.filter((i) => i.roundKey === key).map((i) => i.plannedExitDate ?? start);
    round.plannedEnd = [later(start, 45), ...exits].sort().at(-1) ?? start;
  }

  /** 市委巡察工作领导小组2019年第2次会议审议通过: meetings numbered within each year, per authority. */
  approvalNotes(): void {
    for (const a of this.reg.authorities) {
      const committee = a.shortName.replace(/巡察办$/, '').slice(-2);
      const rounds = this.rounds
        .filter((r) => r.approvedOn !== null && this.termOfRound.get(r.key)?.authorityKey === a.key)
        .sort((x, y) => ((x.approvedOn ?? '') < (y.approvedOn ?? '') ? -1 : 1));
      const perYear = new Map<string, number>();
      for (const r of rounds) {
        const year = (r.approvedOn ?? '').slice(0, 4);
        const n = (perYear.get(year) ?? 0) + 1;
        perYear.set(year, n);
        r.approvalNote = `${committee}巡察工作领导小组${year}年第${n}次会议审议通过`;
      }
    }
  }
}

function focusOf(start: string): readonly string[] {
  const year = Number(start.slice(0, 4));
  return FOCUS_BY_YEAR[year] ?? FOCUS_BY_YEAR[2026] ?? [];
}

function themeOf(spec: RoundSpec, items: Item[]): string {
  if (spec.kind === 'lookBack') return '巡察“回头看”';
  if (spec.kind === 'mobile') return '机动巡察';
  if (spec.kind === 'special') return '专项巡察';
  const parts = ['常规巡察'];
  if (items.some((i) => i.tag === 'escalated')) parts.push('同步对部分县级单位开展提级巡察');
  if (items.some((i) => i.tag === 'lookBack')) parts.push('同步开展巡察“回头看”');
  if (items.some((i) => i.tag === 'authorized')) parts.push('授权县级党委巡察垂直管理驻县单位');
  if (items.some((i) => i.tag === 'twv' || i.tag === 'village')) parts.push('延伸巡察村(社区)党组织');
  return parts.join('，');
}

function single(tag: Tag, mode: Mode, o: Org, authorizedAuthorityKey: string | null = null): Item {
  return {
    tag,
    mode,
    targets: [{ orgKey: o.key, role: 'primary' }],
    orgs: [o],
    sector: o.sector ?? '',
    lookBackOfKey: null,
    authorizedAuthorityKey,
  };
}

// ---------------------------------------------------------------------------------------------
// City

/** County units the city may escalate, by category, in a term-specific order. */
function escalationPools(p: Planner, salt: string): Record<EscCategory, Org[]> {
  const counties = p.reg.authorities.filter((a) => a.level === 'county').map((a) => a.key);
  const ordered = (cat: string) => byRank(counties, `${salt}:${cat}`, (c) => c);
  const slug = (cat: string, s: string) =>
    ordered(cat)
      .map((c) => p.orgs.get(`${c}:${s}`))
      .filter((o): o is Org => o !== undefined);
  const sectorSlugs = ['slj', 'zjj', 'jtysj'];
  const sector = ordered('sector')
    .map((c, i) =>
      [0, 1, 2]
        .map((k) => p.orgs.get(`${c}:${sectorSlugs[(i + k) % sectorSlugs.length]}`))
        .find((o) => o !== undefined),
    )
    .filter((o): o is Org => o !== undefined);
  const full = new Set<string>(FULL_COUNTIES);
  const towns = byRank(
    p.reg.orgs.filter((o) => o.kind === '乡镇(街道)' && !full.has(o.authorityKey)),
    `${salt}:town`,
    (o) => o.key,
  );
  const office = byRank(
    ['nankang:xwb', 'yudu:xwb', 'nankang:jjq', 'yudu:gyyq'].map((k) => p.org(k)),
    `${salt}:office`,
    (o) => o.key,
  );
  return {
    police: slug('police', 'gaj'),
    court: slug('court', 'fy'),
    procuratorate: slug('procuratorate', 'jcy'),
    office,
    sector,
    town: towns,
  };
}

/** City-level units for each round: special rounds from their pools first, then the rest by deadline. */
function assignCityUnits(p: Planner, term: SeedTerm, specs: readonly CityRoundSpec[], starts: string[]): Org[][] {
  const candidates = p.reg.orgs.filter(
    (o) => o.authorityKey === 'city' && CITY_KINDS.includes(o.kind) && existedDuring(o, term.startDate, term.endDate),
  );
  const isCandidate = new Set(candidates.map((o) => o.key));
  const used = new Set<string>();
  const out: Org[][] = specs.map(() => []);
  specs.forEach((s, i) => {
    if (!s.pool) return;
    const start = starts[i] as string;
    const picked = out[i] as Org[];
    for (const slug of s.pool) {
      if (picked.length >= (s.fresh ?? 0)) break;
      const o = p.orgs.get(`city:${slug}`);
      if (!o || !isCandidate.has(o.key) || used.has(o.key) || !eligible(o, start)) continue;
      picked.push(o);
      used.add(o.key);
    }
    if (picked.length < (s.fresh ?? 0)) throw new Error(`${term.name}第${i + 1}轮专项对象不足`);
  });
  const regular = specs.flatMap((s, i) => (!s.pool && (s.fresh ?? 0) > 0 ? [i] : []));
  const lastChance = (o: Org) => regular.filter((i) => eligible(o, starts[i] as string)).at(-1) ?? -1;
  const lastOf = new Map(candidates.map((o) => [o.key, lastChance(o)]));
  const ranks = new Map(candidates.map((o) => [o.key, rank(term.key, o.key)]));
  regular.forEach((i, j) => {
    const s = specs[i] as CityRoundSpec;
    const start = starts[i] as string;
    const next = regular[j + 1] ?? i;
    const urgent = (o: Org) => ((lastOf.get(o.key) ?? -1) <= next ? 0 : 1);
    const preferred = (o: Org) => (s.prefer?.(o) ? 0 : 1);
    const open = candidates.filter((o) => !used.has(o.key) && eligible(o, start));
    open.sort(
      (a, b) =>
        urgent(a) - urgent(b) ||
        preferred(a) - preferred(b) ||
        (ranks.get(a.key) ?? 0) - (ranks.get(b.key) ?? 0) ||
        (a.key < b.key ? -1 : 1),
    );
    for (const o of open.slice(0, s.fresh ?? 0)) {
      (out[i] as Org[]).push(o);
      used.add(o.key);
    }
  });
  return out;
}

function planCityTerm(p: Planner, index: number, spec: TermSpec<CityRoundSpec>): void {
  const term = p.addTerm('city', index, spec, CITY_KINDS);
  const starts = spec.rounds.map((r) => workdayOnOrAfter(r.start));
  const units = assignCityUnits(p, term, spec.rounds, starts);
  const assigned = units.flat();
  // 五届 covered every city-level organization; the check keeps later edits of the tables honest.
  if (index === 0) {
    const all = p.reg.orgs.filter(
      (o) => o.authorityKey === 'city' && CITY_KINDS.includes(o.kind) && existedDuring(o, term.startDate, term.endDate),
    );
    if (assigned.length !== all.length) throw new Error(`${term.name}未全覆盖：${assigned.length}/${all.length}`);
  }
  // 延后公示: 21 organizations over 5 batches in 五届 (seed).
  const deferred = new Set(
    index === 0
      ? byRank(assigned, `${term.key}:deferred`, (o) => o.key)
          .slice(0, 21)
          .map((o) => o.key)
      : [],
  );
  const pools = escalationPools(p, term.key);
  const escalatedUsed = new Set<string>();
  const verticals = byRank(
    p.reg.orgs.filter((o) => o.kind === '垂直管理驻县单位' && existedDuring(o, term.startDate, term.endDate)),
    `${term.key}:authorized`,
    (o) => o.key,
  );
  const authorizedUsed = new Set<string>();
  const lookedBack = new Set<string>();

  spec.rounds.forEach((r, i) => {
    const start = starts[i] as string;
    const items: Item[] = (units[i] ?? []).map((o) => ({
      ...single('unit', 'ordinary', o),
      deferred: deferred.has(o.key),
    }));
    if (r.stuckOne) {
      const last = items.at(-1);
      if (last) last.stuck = true;
    }
    if (r.lookBacks) items.push(...p.lookBacks(term, start, r.lookBacks, (o) => o.authorityKey === 'city', lookedBack));
    for (const [cat, n] of Object.entries(r.escalated ?? {}) as [EscCategory, number][]) {
      const picked = pools[cat].filter((o) => !escalatedUsed.has(o.key) && eligible(o, start)).slice(0, n);
      if (picked.length < n) throw new Error(`${term.name}第${i + 1}轮提级对象不足：${cat}`);
      for (const o of picked) {
        escalatedUsed.add(o.key);
        items.push(single('escalated', 'escalated', o));
      }
    }
    if (r.authorized) {
      const picked = verticals.filter((o) => !authorizedUsed.has(o.key) && eligible(o, start)).slice(0, r.authorized);
      if (picked.length < r.authorized) throw new Error(`${term.name}第${i + 1}轮授权对象不足`);
      picked.forEach((o, k) => {
        authorizedUsed.add(o.key);
        const missing = r.dualReportsMissing ?? 0;
        const fromEnd = picked.length - k;
        const dualReport = fromEnd > missing ? 'full' : fromEnd === missing ? 'unreported' : 'unfiled';
        items.push({ ...single('authorized', 'authorized', o, o.authorityKey), dualReport });
      });
    }
    p.addRound(term, i + 1, r, items, start);
  });
}

// ---------------------------------------------------------------------------------------------
// Counties

/**
 * The county's targets for a term as inspections to place: units one by one, and each township
 * either with some or all of its villages (巡乡带村) or on its own with its villages inspected
 * directly (直接巡村, up to 12 villages per inspection). `twvShare` of the villages go with their township.
 */
function countyItems(p: Planner, county: string, term: SeedTerm, cityTargets: Set<string>, twvShare: number): Item[] {
  const orgs = p.reg.orgs.filter(
    (o) => o.authorityKey === county && existedDuring(o, term.startDate, term.endDate) && !cityTargets.has(o.key),
  );
  const items: Item[] = byRank(
    orgs.filter((o) => COUNTY_UNIT_KINDS.has(o.kind)),
    `${term.key}:${county}:units`,
    (o) => o.key,
  ).map((o) => single('unit', 'ordinary', o));

  const towns = byRank(
    p.reg.orgs.filter(
      (o) => o.authorityKey === county && o.kind === '乡镇(街道)' && existedDuring(o, term.startDate, term.endDate),
    ),
    `${term.key}:${county}:towns`,
    (o) => o.key,
  );
  const villagesIn = (t: Org) =>
    p.villages(t.key).filter((v) => existedDuring(v, term.startDate, term.endDate) && !cityTargets.has(v.key));
  const total = towns.reduce((n, t) => n + villagesIn(t).length, 0);
  const wanted = Math.round(total * twvShare);
  let withTown = 0;
  for (const t of towns) {
    const vs = villagesIn(t);
    const need = wanted - withTown;
    const townFree = !cityTargets.has(t.key);
    let rest = vs;
    if (townFree && vs.length > 0 && need >= 2) {
      const take = vs.slice(0, Math.min(vs.length, need));
      withTown += take.length;
      rest = vs.slice(take.length);
      items.push({
        tag: 'twv',
        mode: 'townshipWithVillages',
        targets: [{ orgKey: t.key, role: 'primary' }, ...take.map((v): Target => ({ orgKey: v.key, role: 'village' }))],
        orgs: [t, ...take],
        sector: t.sector ?? '',
        lookBackOfKey: null,
        authorizedAuthorityKey: null,
      });
    } else if (townFree) {
      items.push(single('town', 'ordinary', t));
    }
    const groups = Math.ceil(rest.length / VILLAGES_PER_INSPECTION);
    for (let g = 0, from = 0; g < groups; g++) {
      const size = Math.floor(rest.length / groups) + (g < rest.length % groups ? 1 : 0);
      const group = rest.slice(from, from + size);
      from += size;
      items.push({
        tag: 'village',
        mode: 'directVillage',
        targets: group.map((v) => ({ orgKey: v.key, role: 'village' })),
        orgs: group,
        sector: t.sector ?? '',
        lookBackOfKey: null,
        authorizedAuthorityKey: null,
      });
    }
  }
  return items;
}

function planCountyTerm(p: Planner, county: string, index: number, spec: (typeof COUNTY_TERMS)[number]): void {
  const term = p.addTerm(county, index, spec, COUNTY_KINDS);
  // Units the city inspects in this term (提级, 授权) are not planned again by the county.
  const cityTerm = p.terms.find((t) => t.authorityKey === 'city' && t.startDate === term.startDate);
  const cityRounds = new Set(p.rounds.filter((r) => r.termKey === cityTerm?.key).map((r) => r.key));
  const cityTargets = new Set(
    p.inspections
      .filter((i) => cityRounds.has(i.roundKey) && (i.mode === 'escalated' || i.mode === 'authorized'))
      .flatMap((i) => i.targets.map((t) => t.orgKey))
      .filter((k) => p.org(k).authorityKey === county),
  );
  let items = countyItems(p, county, term, cityTargets, spec.twvShare[county] ?? 0.5);

  // A term that ended short of full coverage: a group of villages and some units were never reached.
  if (spec.uncovered > 0) {
    const targets = p.reg.orgs.filter(
      (o) =>
        o.authorityKey === county && COUNTY_KINDS.includes(o.kind) && existedDuring(o, term.startDate, term.endDate),
    ).length;
    const want = Math.round(targets * spec.uncovered);
    const drop = new Set<Item>();
    let dropped = 0;
    const villageGroup = items.filter((i) => i.tag === 'village').at(-1);
    if (villageGroup) {
      drop.add(villageGroup);
      dropped += villageGroup.orgs.length;
    }
    // The units left over are the small ones an office tends to put off: service centres, archives, 群团.
    const minor = (it: Item) =>
      /(中心|馆|联合会|协会|红十字会|总工会|联合社)$/.test(it.orgs[0]?.name ?? '') ||
      it.sector === '群团' ||
      it.sector === '其他'
        ? 0
        : 1;
    const units = items.filter((it) => it.tag === 'unit').reverse();
    units.sort((a, b) => minor(a) - minor(b));
    for (const it of units) {
      if (dropped >= want) break;
      drop.add(it);
      dropped++;
    }
    items = items.filter((i) => !drop.has(i));
  }

  const starts = spec.rounds.map((r) => later(r.start, county === 'yudu' ? 2 : 0));
  const taking = spec.rounds.flatMap((r, i) => (r.kind === 'lookBack' ? [] : [i]));
  const lastChanceOf = new Map<Item, number>();
  const lastChance = (it: Item) => {
    let last = lastChanceOf.get(it);
    if (last === undefined) {
      last = taking.filter((i) => it.orgs.every((o) => eligible(o, starts[i] as string))).at(-1) ?? -1;
      lastChanceOf.set(it, last);
    }
    return last;
  };
  const used = new Set<Item>();
  const lookedBack = new Set<string>();
  const salt = `${term.key}:assign`;
  const orderOf = new Map(items.map((it) => [it, rank(salt, it.targets[0]?.orgKey ?? '')]));
  const order = (it: Item) => orderOf.get(it) ?? 0;

  spec.rounds.forEach((r, i) => {
    const start = starts[i] as string;
    let chosen: Item[] = [];
    if (r.kind === 'lookBack') {
      chosen = p.lookBacks(term, start, r.lookBacks ?? 0, (o) => COUNTY_UNIT_KINDS.has(o.kind), lookedBack);
    } else {
      const j = taking.indexOf(i);
      const next = taking[j + 1] ?? i;
      const open = items.filter((it) => !used.has(it) && it.orgs.every((o) => eligible(o, start)));
      const urgent = (it: Item) => (lastChance(it) <= next ? 0 : 1);
      open.sort((a, b) => urgent(a) - urgent(b) || order(a) - order(b));
      if (r.quota) {
        for (const [tag, n] of Object.entries(r.quota) as [Tag, number][])
          chosen.push(...open.filter((it) => it.tag === tag).slice(0, n));
      } else {
        const remaining = items.length - used.size;
        const n = Math.min(r.teams * MAX_PER_TEAM, Math.ceil(remaining / (taking.length - j)));
        chosen = open.filter((it) => !r.pool || r.pool(it)).slice(0, n);
      }
      for (const it of chosen) used.add(it);
      if (r.postpone?.county === county) {
        const last = chosen.at(-1);
        if (last) chosen[chosen.length - 1] = { ...last, plannedEntry: workdayOnOrAfter(r.postpone.to) };
      }
    }
    p.addRound(term, i + 1, r, chosen, start);
  });
  if (spec.uncovered === 0 && spec.rounds.length > 1 && used.size !== items.length)
    throw new Error(`${term.name}（${county}）未全覆盖：${used.size}/${items.length}`);
}

// ---------------------------------------------------------------------------------------------

export function buildDemoPlanning(reg: Registry): {
  terms: SeedTerm[];
  rounds: SeedRound[];
  teams: SeedTeam[];
  inspections: SeedInspection[];
} {
  const p = new Planner(reg);
  CITY_TERMS.forEach((spec, i) => {
    planCityTerm(p, i, spec);
  });
  for (const county of FULL_COUNTIES) {
    COUNTY_TERMS.forEach((spec, i) => {
      planCountyTerm(p, county, i, spec);
    });
  }
  p.approvalNotes();
  return { terms: p.terms, rounds: p.rounds, teams: p.teams, inspections: p.inspections };
}
