/**
 * Demo 以巡促治 over the demo planning, fieldwork and rectification: common problems confirmed from
 * the findings the teams flagged, 分类通报 over them, 履责提示 to the leaders and departments in
 * charge, 专项整治 run by the city and its counties in step, 政策会商, 双报告一报备 of the authorized
 * inspections, the inspected units' rating of the teams' conduct, and the archive of every archived
 * inspection. `buildDemoGovernance` is pure and deterministic (no I/O, no clock); `seedGovernance`
 * at the end reads what the earlier seeders stored and writes the rows as the services would.
 * People are fictional.
 *
 * What comes out, by design (the demo's today is 2026-11-27):
 * - City 五届 (2016–2021): eight common problems confirmed over real findings of the 政法, 群团,
 *   新闻媒体 and 交通 sectors (the seed's three examples among them), bulletined in four numbered
 *   bulletins (赣市巡办〔2019〕1号 …); three campaigns in city and all 18 counties (民间借贷和非法集资,
 *   农村意识形态阵地, “黑车”) whose participants' reports bring the term's rectified common problems
 *   to exactly 848 (the findings rectified plus the items the campaigns reported, as the summary
 *   counts them); 9 policy consultations on 46 problems (2018年以来…政策会商9次，研究问题46个).
 *   Rules made: rectification's register says 6,136 for the term; the campaigns add 48, 6,184 in
 *   all — still the seed's 建章立制6100多项, which counts every rule the 市县有关职能部门和被巡单位
 *   made, the campaigns' included (see CITY_FIRST_TERM_GOV).
 * - City 六届 (2021–2026, ended two months ago; the term whose pattern the office works on now —
 *   七届's only findings are 17 papers of the round on site, too few for any candidate): four
 *   problems confirmed and many candidates left for the 候选 tab; bulletins sent (read and unread
 *   in the demo recipients' inbox) and one draft; duty reminders in every status; a campaign ended
 *   and one active with organizations yet to report; three consultations with open follow-ups.
 * - 双报告一报备 of every authorized inspection past feedback, on the dates planning recorded; the
 *   last round's records wait for the city office's check, and the three planning left unfiled are
 *   overdue.
 * - Conduct evaluations (作风纪律评估) of every team's inspection whose follow-up closed: both
 *   questionnaires per inspected unit, recorded from paper (no survey), every round ≥ 97.5% (the
 *   lowest at 97.6%).
 * - The archive: every archived inspection's documents as catalogue rows (metadata; the files
 *   themselves are filed when the office archives through the product), numbered without gaps per
 *   fonds, year and class; one borrow request waits for approval, one was returned.
 */
import {
  ARCHIVE_CLASS_CODES,
  addWorkingDays,
  archiveClassOf,
  archiveOrder,
  buildCalendar,
  COMMON_PROBLEM_EXAMPLES,
  catalogueNumbers,
  conductSchedule,
  FEN_PER_WAN_CENT,
  formatBulletinNumber,
  formatWan,
  nextNumber,
  OFFICIAL_CALENDAR,
  parseWan,
  retentionOf,
  type TArchiveDocKind,
  type TBulletinStatus,
  type TConductStage,
  type TDualReportKind,
  type TGovernanceSettings,
  type TPolicyProblemStatus,
  type TRecipientKind,
  type TReminderJudgement,
  ZGovernanceSettings,
} from '@xc/domain';
import { sql } from 'drizzle-orm';
import type { DualReportRecord } from '../../db/schema/governance.ts';
import {
  archiveBorrows,
  archiveItems,
  bulletinProblems,
  bulletinRecipients,
  bulletins,
  campaignAuthorities,
  campaignOrgs,
  campaignProblems,
  campaignReports,
  campaigns,
  commonProblemFindings,
  commonProblems,
  conductEvaluations,
  dualReports,
  dutyReminderAnswers,
  dutyReminders,
  governanceSettings,
  policyConsultations,
  policyProblems,
} from '../../db/schema/index.ts';
import { type Db, rowsOf } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { at, bulk } from './bulk.ts';
import { addDays, toDay, workdayOnOrAfter, workdayOnOrBefore } from './days.ts';
import { apportion } from './fieldwork.ts';
import { chance, intBetween, pick, type Rng, rngFor } from './names.ts';
import type { buildDemoPlanning, SeedInspection } from './planning.ts';
import { CITY_FIRST_TERM_RECT, TODAY } from './rectification.ts';
import type { buildDemoRegistry } from './registry.ts';

type Registry = ReturnType<typeof buildDemoRegistry>;
type Planning = ReturnType<typeof buildDemoPlanning>;
type Org = Registry['orgs'][number];

const SEED = 0x6a7e1d13;
const cal = buildCalendar(OFFICIAL_CALENDAR);

/**
 * The seed's figures for the city's 2016–2021 term. `rulesMade` is the total the demo shows:
 * rectification's register (6,136) plus the rules the campaigns reported (48) — the seed's
 * 建章立制6100多项 counts both, so the shown total must stay within 6,100–6,199.
 */
export const CITY_FIRST_TERM_GOV = Object.freeze({
  commonProblemsRectified: 848,
  policyConsultations: 9,
  policyProblems: 46,
  campaignRulesMade: 48,
  rulesMade: CITY_FIRST_TERM_RECT.rulesMade + 48,
  /** The lowest round's conduct satisfaction, per mille (97.6%). */
  lowestConductPerMille: 976,
});

/** The demo accounts that receive bulletins and reminders (seed.ts DEMO_USERS). */
export const RECIPIENT_ACCOUNTS = Object.freeze({
  sectorLeader: { username: 'sector.leader', orgKey: 'city:zfb' },
  deptLiaison: { username: 'dept.liaison', orgKey: 'city:zfw' },
});

const PREFIX: Record<string, string> = { city: '赣市巡办', nankang: '康区巡办', yudu: '于巡办' };
/** 全宗号 of each office's archive (the archives bureau's numbers; illustrative). */
const FONDS: Record<string, string> = { city: 'X0701', nankang: 'X0703', yudu: 'X0731' };

// ---------------------------------------------------------------------------------------------
// Input and output

/** A finding as the seeder reads it back: its organization's sector, its type, the team's flag, rectified or not. */
export interface GovFindingInput {
  key: string;
  inspectionKey: string;
  orgKey: string;
  sector: string | null;
  /** A key of DEFAULT_TAXONOMY at the type level, or null. */
  typeKey: string | null;
  common: boolean;
  /** Every rectification task written off (rectification's findingRectification). */
  rectified: boolean;
}

export interface DemoGovernanceInput {
  reg: Registry;
  plan: Planning;
  findings: readonly GovFindingInput[];
  /** The accounts' display names: who acts in the office and who receives. */
  names: { officeStaff: string; officeLeader: string; sectorLeader: string; deptLiaison: string };
  /** A staff member of each county office with data (authority key → name), for the archive. */
  countyStaff?: Readonly<Record<string, string>>;
}

/** `user`: the demo account that reads it (its username), or null for a recipient on paper. */
export interface DemoRecipient {
  kind: TRecipientKind;
  name: string;
  orgKey: string | null;
  user: string | null;
  readOn: string | null;
}

export interface DemoCommonProblem {
  key: string;
  termKey: string;
  name: string;
  description: string;
  sector: string;
  typeKey: string | null;
  confirmedOn: string;
  findingKeys: string[];
}

export interface DemoBulletin {
  key: string;
  termKey: string;
  sector: string;
  title: string;
  status: TBulletinStatus;
  number: string | null;
  year: number | null;
  seq: number | null;
  intro: string | null;
  requestedActions: string;
  nameOrganizations: boolean;
  createdOn: string;
  approvedOn: string | null;
  sentOn: string | null;
  problemKeys: string[];
  recipients: DemoRecipient[];
}

export interface DemoReminderAnswer {
  whatWasDone: string;
  answeredOn: string;
  byUser: string | null;
  byName: string;
  judgement: TReminderJudgement | null;
  judgedOn: string | null;
  comment: string | null;
}

export interface DemoReminder {
  key: string;
  termKey: string;
  recipient: DemoRecipient;
  sector: string;
  problemKeys: string[];
  findingKeys: string[];
  content: string;
  sentOn: string;
  dueOn: string;
  answeredOn: string | null;
  judgement: TReminderJudgement | null;
  answers: DemoReminderAnswer[];
}

export interface DemoCampaignReport {
  orgKey: string;
  orgAuthorityKey: string;
  problemKey: string;
  reportedOn: string;
  foundItems: number;
  rectifiedItems: number;
  rulesMade: number;
  /** 万元, two decimals. */
  moneyRecovered: string;
  note: string | null;
}

export interface DemoCampaign {
  key: string;
  termKey: string;
  name: string;
  description: string;
  fromBulletinKey: string | null;
  startOn: string;
  endOn: string;
  authorityKeys: string[];
  orgKeys: string[];
  problemKeys: string[];
  reports: DemoCampaignReport[];
}

export interface DemoPolicyProblem {
  findingKey: string | null;
  problemKey: string | null;
  summary: string;
  conclusion: string;
  leadDept: string;
  dueOn: string;
  status: TPolicyProblemStatus;
  progressNote: string | null;
}

export interface DemoConsultation {
  key: string;
  termKey: string;
  heldOn: string;
  title: string;
  departments: string[];
  problems: DemoPolicyProblem[];
}

export interface DemoDualReport {
  inspectionKey: string;
  records: Partial<Record<TDualReportKind, Omit<DualReportRecord, 'checkedById'>>>;
  writes: number;
}

export interface DemoConduct {
  inspectionKey: string;
  orgKey: string;
  stage: TConductStage;
  opensOn: string;
  closesOn: string;
  links: number;
  satisfied: number;
  valid: number;
}

export interface DemoArchiveItem {
  key: string;
  authorityKey: string;
  inspectionKey: string;
  kind: TArchiveDocKind;
  title: string;
  docDate: string;
  retention: string;
  fonds: string;
  year: number;
  seq: number;
  catalogueNumber: string;
  pages: number;
  filedOn: string;
  filedByName: string;
}

export interface DemoBorrow {
  authorityKey: string;
  itemKeys: string[];
  reason: string;
  until: string;
  status: 'requested' | 'returned';
  requestedBy: string;
  requestedOn: string;
  decidedByName: string | null;
  decidedOn: string | null;
  returnedOn: string | null;
}

export interface DemoGovernance {
  settings: { authorityKey: string; value: TGovernanceSettings }[];
  problems: DemoCommonProblem[];
  bulletins: DemoBulletin[];
  reminders: DemoReminder[];
  campaigns: DemoCampaign[];
  consultations: DemoConsultation[];
  dualReports: DemoDualReport[];
  conduct: DemoConduct[];
  archive: DemoArchiveItem[];
  borrows: DemoBorrow[];
}

// ---------------------------------------------------------------------------------------------
// What the office confirmed, bulletined and fixed

interface ProblemSpec {
  key: string;
  name: string;
  description: string;
  sector: string;
  /** The findings it gathers: of these sectors and types, from inspections reported before confirmedOn. */
  sectors: readonly string[];
  types: readonly string[];
  confirmedOn: string;
}

const example = (i: 0 | 1 | 2) => COMMON_PROBLEM_EXAMPLES[i];

/** 五届: the 政法, 群团 and 新闻媒体 systems bulletined (the seed), and 交通 for the “黑车”. */
const FIRST_TERM_PROBLEMS: readonly ProblemSpec[] = [
  {
    key: 'p1:loans',
    ...example(0),
    sectors: ['政法'],
    types: ['sgls-3-03'],
    confirmedOn: '2019-10-15',
  },
  {
    key: 'p1:justice',
    name: '执法司法领域廉洁风险防控不到位',
    description:
      '部分政法单位对执法办案、涉案财物管理、减刑假释等关键环节廉洁风险排查不深入，内控制度执行不严，存在“人情案”“关系案”隐患。',
    sector: '政法',
    sectors: ['政法'],
    types: ['sgls-2-08'],
    confirmedOn: '2019-10-15',
  },
  {
    key: 'p1:gangs',
    name: '涉黑涉恶线索摸排和“保护伞”查处不力',
    description:
      '部分单位对涉黑涉恶线索摸排不深不细，对“保护伞”问题查处力度不够，扫黑除恶专项斗争与基层“拍蝇”结合不紧。',
    sector: '政法',
    sectors: ['政法'],
    types: ['sgls-1-05'],
    confirmedOn: '2019-10-15',
  },
  {
    key: 'p1:mass-style',
    name: '群团组织“机关化、行政化”倾向明显',
    description:
      '部分群团组织联系服务群众不够紧密，工作习惯于发文件、开会议，基层组织覆盖面窄、活力不足，“机关化、行政化”倾向明显。',
    sector: '群团',
    sectors: ['群团'],
    types: ['sgls-2-04'],
    confirmedOn: '2020-04-15',
  },
  {
    key: 'p1:mass-money',
    name: '群团组织经费和资产管理不规范',
    description: '部分群团组织会费、专项经费使用不规范，资产出租出借未履行审批程序，下属协会、服务中心财务管理混乱。',
    sector: '群团',
    sectors: ['群团'],
    types: ['sgls-2-05', 'sgls-2-07'],
    confirmedOn: '2020-04-15',
  },
  {
    key: 'p1:ideology',
    ...example(1),
    sectors: ['新闻媒体', '乡镇街道', '村社区'],
    types: ['sgls-1-04'],
    confirmedOn: '2020-06-10',
  },
  {
    key: 'p1:media',
    name: '新闻媒体单位采编审核和导向管理制度执行不严',
    description:
      '部分新闻媒体单位“三审三校”制度执行不严，新媒体平台内容把关不到位，出现导向偏差和差错，意识形态工作责任制落实不到位。',
    sector: '新闻媒体',
    sectors: ['新闻媒体'],
    types: ['sgls-2-01', 'sgls-3-01'],
    confirmedOn: '2020-06-10',
  },
  {
    key: 'p1:taxis',
    ...example(2),
    sectors: ['交通'],
    types: ['sgls-1-06', 'sgls-2-02'],
    confirmedOn: '2020-09-15',
  },
];

/** 六届: a few confirmed; the rest of the flagged findings stay candidates. */
const SECOND_TERM_PROBLEMS: readonly ProblemSpec[] = [
  {
    key: 'p2:oversight',
    name: '执法司法权力运行监督制约不到位',
    description:
      '部分政法单位对执法司法权力运行的监督制约机制不健全，案件质量评查、“三个规定”记录报告等制度落实不到位，内部监督偏软。',
    sector: '政法',
    sectors: ['政法'],
    types: ['sgls-2-02'],
    confirmedOn: '2024-10-15',
  },
  {
    key: 'p2:eco',
    name: '生态环境问题整改主体责任落实不到位',
    description:
      '部分单位对中央和省生态环境保护督察反馈问题整改不深入，存在表面整改、敷衍整改，矿山修复、污水处理等问题反弹回潮。',
    sector: '生态环境',
    sectors: ['生态环境'],
    types: ['sgls-4-01'],
    confirmedOn: '2025-05-20',
  },
  {
    key: 'p2:police-business',
    name: '政法干警参与民间借贷和违规经商办企业',
    description:
      '部分政法干警违规参与民间借贷、入股经商或为亲属经商提供便利，有的利用职务影响插手经济纠纷，损害执法公信力。',
    sector: '政法',
    sectors: ['政法'],
    types: ['sgls-3-03'],
    confirmedOn: '2026-07-10',
  },
  {
    key: 'p2:petitions',
    name: '信访积案化解和矛盾纠纷源头治理不到位',
    description:
      '部分政法单位对信访积案化解不力，“三到位一处理”落实不到位，矛盾纠纷多元化解机制作用发挥不充分，群众反复上访、越级上访问题仍有发生。',
    sector: '政法',
    sectors: ['政法'],
    types: ['sgls-1-06'],
    confirmedOn: '2026-11-10',
  },
  {
    key: 'p2:assets',
    name: '国有资产资源出租出借管理不规范',
    description: '部分单位国有资产出租出借未经评估和公开招租，租金长期拖欠不催收，资产台账不清，存在国有资产流失风险。',
    sector: '财政金融',
    sectors: ['财政金融'],
    types: ['sgls-2-07'],
    confirmedOn: '2026-09-15',
  },
];

const ACTIONS: Record<string, string> = {
  政法: '请市委政法委、市公安局等主管部门督促本系统各单位对照通报问题开展自查自纠，建立问题清单、任务清单、责任清单，于30日内将整改情况报市委巡察办。\n请分管市领导履行“一岗双责”，听取分管领域整改情况汇报，对整改不力的单位约谈提醒。',
  群团: '请各群团组织主管部门督促本系统各单位对照通报问题举一反三、立行立改，健全经费资产管理制度，于30日内将整改情况报市委巡察办。',
  新闻媒体:
    '请市委宣传部牵头，会同农业农村、文广新旅等部门，对全市农村意识形态阵地开展拉网式排查，落实阵地管理责任，于30日内将整改情况报市委巡察办。',
  交通: '请市交通运输局会同市公安局、市城市管理局开展联合执法，建立“黑车”治理长效机制，于30日内将整改情况报市委巡察办。',
  生态环境: '请市生态环境局督促各地各单位对照通报问题逐项销号，严防问题反弹，于30日内将整改情况报市委巡察办。',
  财政金融: '请市财政局、市国资委督促各单位全面清查出租出借资产，规范招租程序，于30日内将整改情况报市委巡察办。',
};

/** The 主管部门 that lead each sector (registry org keys) and the 分管领导's title. */
const LEADS: Record<string, { depts: readonly string[]; leader: string }> = {
  政法: { depts: ['city:zfw', 'city:gaj'], leader: '分管政法工作的副市长' },
  群团: { depts: ['city:zgh', 'city:tsw', 'city:fl'], leader: '分管群团工作的市委领导' },
  新闻媒体: { depts: ['city:xcb', 'city:gnrb'], leader: '分管宣传工作的市委领导' },
  交通: { depts: ['city:jtysj', 'city:gaj'], leader: '分管交通运输工作的副市长' },
  生态环境: { depts: ['city:sthjj'], leader: '分管生态环境工作的副市长' },
  财政金融: { depts: ['city:czj', 'city:gzw'], leader: '分管财政工作的副市长' },
};

// ---------------------------------------------------------------------------------------------
// Helpers

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const later = (d: string, days: number) => workdayOnOrAfter(addDays(d, days));
const minDate = (a: string, b: string) => (a < b ? a : b);
const dayIn = (rng: Rng, from: string, to: string) =>
  workdayOnOrBefore(addDays(from, intBetween(rng, 0, Math.max(0, toDay(to) - toDay(from)))));

interface Ctx {
  input: DemoGovernanceInput;
  out: DemoGovernance;
  orgs: Map<string, Org>;
  inspection: Map<string, SeedInspection>;
  termOfInspection: Map<string, string>;
  authorityOfInspection: Map<string, string>;
  cityKey: string;
  terms: Planning['terms'][number][];
  problem: Map<string, DemoCommonProblem>;
  findingsOf: Map<string, GovFindingInput>;
  topicsUsed: Set<string>;
}

function orgName(c: Ctx, key: string | null | undefined): string {
  return (key && c.orgs.get(key)?.name) || '';
}

function recipientsFor(c: Ctx, sector: string, readOn: (r: number) => string | null, users: boolean): DemoRecipient[] {
  const lead = LEADS[sector] as (typeof LEADS)[string];
  const { names } = c.input;
  const out: DemoRecipient[] = [];
  // The 政法 sector's leader and department read in the product (the demo accounts); others on paper.
  const withAccounts = users && sector === '政法';
  out.push({
    kind: 'sectorLeader',
    name: withAccounts ? `${names.sectorLeader}（${lead.leader}）` : lead.leader,
    orgKey: null,
    user: withAccounts ? RECIPIENT_ACCOUNTS.sectorLeader.username : null,
    readOn: withAccounts ? readOn(0) : null,
  });
  lead.depts.forEach((k, i) => {
    if (!c.orgs.has(k)) return;
    const account = withAccounts && k === RECIPIENT_ACCOUNTS.deptLiaison.orgKey;
    out.push({
      kind: 'competentDept',
      name: orgName(c, k),
      orgKey: k,
      user: null,
      // A department's accounts read it; one without an account gets it on paper (no receipt).
      readOn: account ? readOn(i + 1) : null,
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Common problems

function addProblems(c: Ctx, termKey: string, specs: readonly ProblemSpec[]) {
  const taken = new Set(c.out.problems.flatMap((p) => p.findingKeys));
  const inTerm = c.input.findings.filter((f) => c.termOfInspection.get(f.inspectionKey) === termKey);
  for (const s of specs) {
    const findingKeys = inTerm
      .filter((f) => {
        const i = c.inspection.get(f.inspectionKey);
        return (
          !taken.has(f.key) &&
          f.sector !== null &&
          s.sectors.includes(f.sector) &&
          f.typeKey !== null &&
          s.types.includes(f.typeKey) &&
          !!i?.reportDate &&
          i.reportDate < s.confirmedOn
        );
      })
      .map((f) => f.key)
      .sort(cmp);
    if (!findingKeys.length) continue;
    for (const k of findingKeys) taken.add(k);
    const p: DemoCommonProblem = {
      key: s.key,
      termKey,
      name: s.name,
      description: s.description,
      sector: s.sector,
      typeKey: s.types.length === 1 ? (s.types[0] as string) : null,
      confirmedOn: s.confirmedOn,
      findingKeys,
    };
    c.out.problems.push(p);
    c.problem.set(p.key, p);
  }
}

// ---------------------------------------------------------------------------------------------
// Bulletins

interface BulletinSpec {
  key: string;
  sector: string;
  title: string;
  problemKeys: readonly string[];
  createdOn: string;
  /** null: still a draft. */
  approvedOn: string | null;
  sentOn: string | null;
  nameOrganizations?: boolean;
  /** Whether the demo accounts have read it (政法 only). */
  read?: boolean;
}

function addBulletins(c: Ctx, termKey: string, specs: readonly BulletinSpec[]) {
  const rng = rngFor(SEED, `bulletins:${termKey}`);
  const prefix = PREFIX[c.cityKey] ?? '巡察办';
  for (const s of specs) {
    const problemKeys = s.problemKeys.filter((k) => c.problem.has(k));
    if (!problemKeys.length) continue;
    let number: string | null = null;
    let year: number | null = null;
    let seq: number | null = null;
    if (s.approvedOn) {
      year = Number(s.approvedOn.slice(0, 4));
      seq = nextNumber(c.out.bulletins.filter((b) => b.year === year && b.seq !== null).map((b) => b.seq as number));
      number = formatBulletinNumber(prefix, year, seq);
    }
    const sent = s.sentOn;
    const readOn = (i: number) =>
      sent && s.read !== false ? minDate(later(sent, 1 + i + intBetween(rng, 0, 2)), TODAY) : null;
    c.out.bulletins.push({
      key: s.key,
      termKey,
      sector: s.sector,
      title: s.title,
      status: sent ? 'sent' : s.approvedOn ? 'approved' : 'draft',
      number,
      year,
      seq,
      intro: null,
      requestedActions: ACTIONS[s.sector] as string,
      nameOrganizations: s.nameOrganizations ?? false,
      createdOn: s.createdOn,
      approvedOn: s.approvedOn,
      sentOn: sent,
      problemKeys,
      recipients: recipientsFor(c, s.sector, readOn, true),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Duty reminders

interface ReminderSpec {
  sector: string;
  to: 'sectorLeader' | 'deptLiaison' | string;
  problemKeys: readonly string[];
  sentOn: string;
  /** answered: accepted; insufficient/submitted as the status says; none: no answer yet. */
  outcome: 'answered' | 'answeredAfterInsufficient' | 'insufficient' | 'submitted' | 'none';
  answerAfter?: number;
  judgeAfter?: number;
  read?: boolean;
}

const ANSWER_TEXT = [
  '已召开专题会议研究部署，对照提示问题逐项制定整改措施，明确责任领导和完成时限；已督促分管领域相关单位开展自查，发现同类问题{n}个，已整改{m}个，其余正在推进。',
  '收到提示后即听取了分管部门专题汇报，约谈了整改进度滞后单位主要负责人，建立问题整改台账，实行周调度、月通报，相关制度已修订印发。',
  '已组织开展系统内专项检查，对发现的问题建立清单逐项销号，对{n}名相关责任人进行了批评教育和提醒谈话，并将整改情况纳入年度考核。',
];

function addReminders(c: Ctx, termKey: string, specs: readonly ReminderSpec[]) {
  const rng = rngFor(SEED, `reminders:${termKey}`);
  const { names } = c.input;
  specs.forEach((s, n) => {
    const problemKeys = s.problemKeys.filter((k) => c.problem.has(k));
    const lead = LEADS[s.sector] as (typeof LEADS)[string];
    const recipient: DemoRecipient =
      s.to === 'sectorLeader'
        ? {
            kind: 'sectorLeader',
            name: `${names.sectorLeader}（${lead.leader}）`,
            orgKey: null,
            user: RECIPIENT_ACCOUNTS.sectorLeader.username,
            readOn: null,
          }
        : s.to === 'deptLiaison'
          ? {
              kind: 'competentDept',
              name: orgName(c, RECIPIENT_ACCOUNTS.deptLiaison.orgKey),
              orgKey: RECIPIENT_ACCOUNTS.deptLiaison.orgKey,
              user: null,
              readOn: null,
            }
          : { kind: 'competentDept', name: orgName(c, s.to), orgKey: s.to, user: null, readOn: null };
    const account = s.to === 'sectorLeader' || s.to === 'deptLiaison';
    const byUser =
      s.to === 'sectorLeader'
        ? RECIPIENT_ACCOUNTS.sectorLeader.username
        : s.to === 'deptLiaison'
          ? RECIPIENT_ACCOUNTS.deptLiaison.username
          : null;
    const byName =
      s.to === 'sectorLeader'
        ? names.sectorLeader
        : s.to === 'deptLiaison'
          ? names.deptLiaison
          : `${recipient.name}办公室`;
    let dueOn = addWorkingDays(s.sentOn, 10, cal);
    const problems = problemKeys.map((k) => c.problem.get(k) as DemoCommonProblem);
    const findingKeys = problems.flatMap((p) => p.findingKeys.slice(0, 3));
    const orgs = new Set(problems.flatMap((p) => p.findingKeys.map((k) => c.findingsOf.get(k)?.orgKey)));
    const content = `巡察发现，你分管（主管）的${s.sector}系统（领域）存在${problems.map((p) => `“${p.name}”`).join('、') || '共性问题'}等问题，涉及${orgs.size}个单位。请按照“一岗双责”要求，督促相关单位认真整改，并于答复期限内将落实情况反馈市委巡察办。`;
    const answers: DemoReminderAnswer[] = [];
    const text = () =>
      (pick(rng, ANSWER_TEXT) as string)
        .replace('{n}', String(intBetween(rng, 3, 12)))
        .replace('{m}', String(intBetween(rng, 2, 3)));
    const answerOn = (from: string, days: number) => minDate(later(from, days), TODAY);
    let answeredOn: string | null = null;
    let judgement: TReminderJudgement | null = null;
    if (s.outcome !== 'none') {
      const first = answerOn(s.sentOn, s.answerAfter ?? intBetween(rng, 5, 12));
      answeredOn = first;
      if (s.outcome === 'submitted') {
        answers.push({
          whatWasDone: text(),
          answeredOn: first,
          byUser,
          byName,
          judgement: null,
          judgedOn: null,
          comment: null,
        });
      } else {
        const judged = answerOn(first, s.judgeAfter ?? intBetween(rng, 2, 5));
        const insufficientFirst = s.outcome === 'insufficient' || s.outcome === 'answeredAfterInsufficient';
        answers.push({
          whatWasDone: text(),
          answeredOn: first,
          byUser,
          byName,
          judgement: insufficientFirst ? 'insufficient' : 'answered',
          judgedOn: judged,
          comment: insufficientFirst ? '答复未说明对具体问题的整改措施和完成时限，请补充整改台账后重新答复。' : null,
        });
        judgement = insufficientFirst ? 'insufficient' : 'answered';
        if (insufficientFirst) {
          // judgeReminder: a new answer due reminderReanswerDays (5) working days after the judgement.
          const again = addWorkingDays(judged, 5, cal);
          if (again > dueOn) dueOn = again;
        }
        if (s.outcome === 'answeredAfterInsufficient') {
          const second = answerOn(judged, intBetween(rng, 2, 4));
          const judged2 = answerOn(second, intBetween(rng, 1, 3));
          answers.push({
            whatWasDone: `${text()}（补充：已建立整改台账，逐项明确完成时限。）`,
            answeredOn: second,
            byUser,
            byName,
            judgement: 'answered',
            judgedOn: judged2,
            comment: null,
          });
          answeredOn = second;
          judgement = 'answered';
        }
      }
    }
    if (account && (s.read ?? true)) recipient.readOn = minDate(later(s.sentOn, 1), TODAY);
    c.out.reminders.push({
      key: `${termKey}#m${n}`,
      termKey,
      recipient,
      sector: s.sector,
      problemKeys,
      findingKeys,
      content,
      sentOn: s.sentOn,
      dueOn,
      answeredOn,
      judgement,
      answers,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Campaigns

interface CampaignSpec {
  key: string;
  name: string;
  description: string;
  fromBulletinKey: string | null;
  problemKey: string;
  /** Sectors of the organizations in scope, city and counties. */
  sectors: readonly string[];
  /** Kinds in scope too (township governments for rural positions). */
  kinds?: readonly string[];
  startOn: string;
  endOn: string;
  /** Share of the organizations in scope that have reported (1 for an ended campaign). */
  reportedShare: number;
  money: boolean;
}

function orgsInScope(c: Ctx, s: CampaignSpec): Org[] {
  return [...c.orgs.values()]
    .filter(
      (o) =>
        ((o.sector !== null && s.sectors.includes(o.sector)) || (s.kinds?.includes(o.kind) ?? false)) &&
        o.kind !== '村(社区)' &&
        (o.establishedOn === null || o.establishedOn <= s.startOn) &&
        (o.abolishedOn === null || o.abolishedOn > s.endOn),
    )
    .sort((a, b) => cmp(a.key, b.key));
}

/**
 * `rectified` / `rules`: the totals the reports must add up to (apportioned over them); null lets
 * each report say what it says.
 */
function addCampaign(c: Ctx, termKey: string, s: CampaignSpec, rectified: number | null, rules: number | null) {
  const rng = rngFor(SEED, `campaign:${s.key}`);
  const problem = c.problem.get(s.problemKey);
  if (!problem) return;
  const scope = orgsInScope(c, s);
  const authorityKeys = [c.cityKey, ...new Set(scope.map((o) => o.authorityKey).filter((k) => k !== c.cityKey))];
  const reporting = scope.filter((_o, i) => s.reportedShare >= 1 || (i % 10) / 10 < s.reportedShare);
  const weights = reporting.map((o) => (o.authorityKey === c.cityKey ? 3 : 1) * intBetween(rng, 2, 9));
  const fixed =
    rectified === null ? weights.map((w) => Math.max(1, Math.round(w * 0.7))) : apportion(rectified, weights);
  const ruleShares =
    rules === null
      ? reporting.map(() => (chance(rng, 0.2) ? 1 : 0))
      : apportion(
          rules,
          reporting.map(() => intBetween(rng, 1, 4)),
        );
  const lastDay = minDate(s.endOn, TODAY);
  const reports: DemoCampaignReport[] = reporting.map((o, i) => {
    const r = fixed[i] as number;
    const open = s.reportedShare >= 1 ? (chance(rng, 0.3) ? 1 : 0) : intBetween(rng, 0, 3);
    const found = Math.max(r + open, 1);
    const cents = s.money && chance(rng, 0.45) ? intBetween(rng, 50, 3_000) * (chance(rng, 0.05) ? 5 : 1) : 0;
    const rulesMade = ruleShares[i] as number;
    return {
      orgKey: o.key,
      orgAuthorityKey: o.authorityKey,
      problemKey: problem.key,
      reportedOn: dayIn(rng, minDate(later(s.startOn, 30), lastDay), lastDay),
      foundItems: found,
      rectifiedItems: r,
      rulesMade,
      moneyRecovered: formatWan(BigInt(cents)),
      note: r < found ? `其余${found - r}个问题正在整改中。` : null,
    };
  });
  c.out.campaigns.push({
    key: s.key,
    termKey,
    name: s.name,
    description: s.description,
    fromBulletinKey: c.out.bulletins.some((b) => b.key === s.fromBulletinKey) ? s.fromBulletinKey : null,
    startOn: s.startOn,
    endOn: s.endOn,
    authorityKeys,
    orgKeys: scope.map((o) => o.key),
    problemKeys: [problem.key],
    reports: reports.sort((a, b) => cmp(a.reportedOn, b.reportedOn) || cmp(a.orgKey, b.orgKey)),
  });
}

// ---------------------------------------------------------------------------------------------
// Policy consultations

/** [summary, conclusion (policy to change), lead department] */
const POLICY_TOPICS: readonly (readonly [string, string, string])[] = [
  [
    '村级财务“村账乡代管”后资金支付审批链条过长，影响惠民资金及时发放',
    '修订村级财务管理办法，明确小额支付审批权限和时限',
    '赣州市农业农村局',
  ],
  [
    '扶贫项目资产确权移交不清，后续管护责任主体缺位',
    '出台扶贫项目资产后续管理实施意见，明确确权登记和管护责任',
    '赣州市乡村振兴局',
  ],
  ['涉农资金整合后使用范围界定不清，基层不敢用、不会用', '制定涉农资金统筹整合负面清单和操作指引', '赣州市财政局'],
  [
    '公职人员参与民间借贷缺乏明确的认定标准和处置依据',
    '会同有关部门出台公职人员参与民间借贷行为规范和处置办法',
    '赣州市委政法委员会',
  ],
  [
    '非法集资案件涉案资产处置周期长，群众损失难以追回',
    '建立非法集资涉案资产快速处置和清退工作机制',
    '赣州市地方金融监督管理局',
  ],
  [
    '农村“黑车”治理中客运班线覆盖不足，群众出行需求与执法之间存在矛盾',
    '完善农村客运网络规划，推行预约响应式公交',
    '赣州市交通运输局',
  ],
  [
    '网约车、顺风车监管规则不明，“黑车”借平台营运难以查处',
    '出台网络预约出租汽车经营服务管理实施细则',
    '赣州市交通运输局',
  ],
  ['农家书屋、文化广场等阵地管理经费无稳定来源', '将农村文化阵地运行维护经费纳入财政预算保障', '赣州市委宣传部'],
  [
    '乡镇宗教活动场所和民间信仰场所底数不清、管理职责交叉',
    '开展宗教活动场所专项排查，明确乡镇属地管理职责清单',
    '赣州市委统战部',
  ],
  [
    '国有企业负责人履职待遇和业务支出标准不统一',
    '出台市属国有企业负责人履职待遇、业务支出管理实施意见',
    '赣州市国有资产监督管理委员会',
  ],
  [
    '市属企业负责人薪酬与经营业绩脱节',
    '深化市属企业负责人薪酬制度改革，实行业绩考核与薪酬挂钩',
    '赣州市国有资产监督管理委员会',
  ],
  ['国企高管在下属企业违规兼职取酬', '制定市属企业负责人兼职管理规定，清理违规兼职取酬', '赣州市委组织部'],
  ['医疗耗材集中采购执行不到位，院内二次议价空间大', '推行医用耗材阳光挂网采购和量价挂钩', '赣州市医疗保障局'],
  ['“先诊疗、后付费”模式下欠费追缴缺乏制度保障', '建立先诊疗后付费信用管理和欠费追缴机制', '赣州市卫生健康委员会'],
  ['医院违规收费与医保基金监管职责衔接不畅', '建立卫健、医保、市场监管联合检查和信息共享机制', '赣州市医疗保障局'],
  ['瓶装燃气经营点多面广，价格和安全监管缺位', '开展瓶装燃气市场专项整治，推行统一配送和价格监测', '赣州市城市管理局'],
  [
    '城市“肉霸”“气霸”等行业垄断问题缺乏有效治理手段',
    '建立重点民生商品价格监测和反垄断执法协作机制',
    '赣州市市场监督管理局',
  ],
  [
    '公共资源交易中围标串标认定难、查处难',
    '修订公共资源交易监督管理办法，建立围标串标大数据预警',
    '赣州市公共资源交易中心',
  ],
  ['工程项目审计结算周期过长，影响项目资金清算', '出台政府投资项目结算审核时限规定', '赣州市审计局'],
  ['国有资产出租出借缺乏统一平台，租金标准不一', '建立国有资产出租出借统一公开招租平台', '赣州市财政局'],
  ['住房公积金缴存基数核定不规范，部分单位超标准缴存', '规范住房公积金缴存基数和比例核定', '赣州市住房公积金管理中心'],
  ['村（社区）干部报酬待遇与履职考核挂钩不紧', '完善村干部报酬与考核结果挂钩办法', '赣州市委组织部'],
  ['基层党组织书记“一肩挑”后监督制约不足', '健全村党组织书记“一肩挑”后的监督制约机制', '赣州市委组织部'],
  ['矿山生态修复责任主体灭失，修复资金无来源', '出台历史遗留矿山生态修复实施方案和资金筹措办法', '赣州市自然资源局'],
  ['乡镇污水处理设施建成后运维资金不落实', '建立乡镇污水处理设施运维经费保障和考核机制', '赣州市生态环境局'],
  ['河道采砂管理多头执法、责任不清', '明确河道采砂管理部门职责清单，建立联合执法机制', '赣州市水利局'],
  ['群团组织下属协会、服务中心登记管理不规范', '开展群团组织所属社会组织清理规范', '赣州市民政局'],
  ['政法干警违规经商办企业发现渠道少', '建立政法干警经商办企业信息比对核查机制', '赣州市委政法委员会'],
  ['涉案财物管理信息化程度低，流转环节易出问题', '建设涉案财物集中管理中心和信息化管理平台', '赣州市公安局'],
  ['减刑假释案件办理中相关部门信息共享不足', '建立减刑假释案件全流程网上协同办案机制', '赣州市中级人民法院'],
];

interface ConsultationSpec {
  heldOn: string;
  title: string;
  problems: number;
  /** Share of its problems with follow-up done. */
  doneShare: number;
}

const FIRST_TERM_CONSULTATIONS: readonly ConsultationSpec[] = [
  { heldOn: '2018-07-19', title: '扶贫领域巡察发现问题政策会商', problems: 4, doneShare: 1 },
  { heldOn: '2018-12-13', title: '脱贫攻坚暨扫黑除恶专项巡察问题政策会商', problems: 5, doneShare: 1 },
  { heldOn: '2019-05-16', title: '国有企业巡察发现问题政策会商', problems: 6, doneShare: 1 },
  { heldOn: '2019-09-26', title: '扫黑除恶专项巡察问题政策会商', problems: 5, doneShare: 1 },
  { heldOn: '2019-12-19', title: '医疗卫生系统巡察发现问题政策会商', problems: 4, doneShare: 1 },
  { heldOn: '2020-04-23', title: '民生领域共性问题政策会商', problems: 6, doneShare: 1 },
  { heldOn: '2020-08-20', title: '农村意识形态和“黑车”治理问题政策会商', problems: 5, doneShare: 0.8 },
  { heldOn: '2020-12-17', title: '授权巡察垂直管理单位问题政策会商', problems: 6, doneShare: 0.84 },
  { heldOn: '2021-06-24', title: '五届市委巡察疑难问题政策会商', problems: 5, doneShare: 0.6 },
];

const SECOND_TERM_CONSULTATIONS: readonly ConsultationSpec[] = [
  { heldOn: '2023-05-25', title: '医疗卫生领域机动巡察问题政策会商', problems: 5, doneShare: 1 },
  { heldOn: '2024-12-19', title: '执法司法权力运行监督问题政策会商', problems: 4, doneShare: 0.5 },
  { heldOn: '2026-09-17', title: '六届市委巡察共性问题政策会商', problems: 5, doneShare: 0 },
];

const DEPARTMENTS = [
  '市委巡察办',
  '市纪委监委',
  '市委组织部',
  '市财政局',
  '市审计局',
  '市司法局',
  '市委政法委',
  '市农业农村局',
  '市国资委',
  '市卫生健康委',
];

function addConsultations(c: Ctx, termKey: string, specs: readonly ConsultationSpec[], offset: number) {
  const rng = rngFor(SEED, `consult:${termKey}`);
  const term = c.input.findings.filter((f) => c.termOfInspection.get(f.inspectionKey) === termKey && f.common);
  const taken = new Set(c.out.problems.flatMap((p) => p.findingKeys));
  const loose = term.filter((f) => !taken.has(f.key)).sort((a, b) => cmp(a.key, b.key));
  let topic = offset;
  specs.forEach((s, n) => {
    const problems: DemoPolicyProblem[] = [];
    const confirmed = c.out.problems.filter((p) => p.termKey === termKey && p.confirmedOn <= s.heldOn);
    for (let k = 0; k < s.problems; k++) {
      const [first, conclusion, leadDept] = POLICY_TOPICS[topic % POLICY_TOPICS.length] as readonly [
        string,
        string,
        string,
      ];
      // A topic brought again: the policy made last time did not hold everywhere.
      const summary = c.topicsUsed.has(first) ? `${first}（前次会商后问题在部分地方反弹，再次会商）` : first;
      c.topicsUsed.add(first);
      topic++;
      const done = k < Math.round(s.problems * s.doneShare);
      const dueOn = later(s.heldOn, intBetween(rng, 60, 180));
      // A problem comes from a common problem the office confirmed, or from one flagged finding.
      const linkProblem = k % 3 === 0 && confirmed.length > 0;
      const finding =
        !linkProblem && k % 3 === 1 && loose.length ? (loose[(n * 7 + k) % loose.length] as GovFindingInput) : null;
      const status: TPolicyProblemStatus = done ? 'done' : dueOn < TODAY || chance(rng, 0.5) ? 'inProgress' : 'open';
      problems.push({
        findingKey: finding?.key ?? null,
        problemKey: linkProblem ? (confirmed[k % confirmed.length] as DemoCommonProblem).key : null,
        summary,
        conclusion,
        leadDept,
        dueOn,
        status,
        progressNote:
          status === 'done'
            ? `${leadDept}已于${minDate(dueOn, TODAY).slice(0, 4)}年出台相关制度文件并组织实施。`
            : status === 'inProgress'
              ? `${leadDept}已起草初稿，正在征求相关部门意见。`
              : null,
      });
    }
    const depts = new Set(['市委巡察办', '市纪委监委']);
    while (depts.size < 5) depts.add(pick(rng, DEPARTMENTS));
    for (const p of problems) depts.add(p.leadDept.replace(/^赣州/, ''));
    c.out.consultations.push({
      key: `${termKey}#pc${n}`,
      termKey,
      heldOn: s.heldOn,
      title: s.title,
      departments: [...depts].slice(0, 30),
      problems,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// 双报告一报备

function addDualReports(c: Ctx) {
  const authorized = c.input.plan.inspections
    .filter((i) => i.mode === 'authorized' && i.feedbackDate && i.feedbackDate <= TODAY)
    .sort((a, b) => cmp(a.key, b.key));
  const lastFeedback = authorized.reduce(
    (m, i) => ((i.feedbackDate as string) > m ? (i.feedbackDate as string) : m),
    '',
  );
  for (const i of authorized) {
    const rng = rngFor(SEED, `dual:${i.key}`);
    const county = c.input.reg.authorities.find((a) => a.key === i.authorizedAuthorityKey);
    const target = orgName(c, i.targets[0]?.orgKey);
    // The city office checks each record within days; the last round's wait for its check.
    const recent = toDay(lastFeedback) - toDay(i.feedbackDate as string) < 60;
    const rec = (on: string | null, docTitle: string) => {
      if (!on) return undefined;
      const checkedOn = recent ? null : minDate(later(on, intBetween(rng, 2, 8)), TODAY);
      return {
        on,
        docTitle: docTitle.slice(0, 100),
        fileId: null,
        checkedOn,
        checkedByName: checkedOn ? c.input.names.officeStaff : null,
      };
    };
    const countyName = (county?.shortName ?? '县委巡察办').replace(/委巡察办$/, '');
    const records: DemoDualReport['records'] = {};
    const cc = rec(i.countyCommitteeReportOn, `关于授权巡察${target}党组织情况的报告（报${countyName}委）`);
    const sd = rec(i.sectorDepartmentReportOn, `关于授权巡察${target}党组织情况的报告（报市级主管部门党组）`);
    const co = rec(i.cityOfficeFiledOn, `关于授权巡察${target}党组织情况的报备`);
    if (cc) records.countyCommittee = cc;
    if (sd) records.sectorDepartment = sd;
    if (co) records.cityOffice = co;
    const recs = Object.values(records);
    c.out.dualReports.push({
      inspectionKey: i.key,
      records,
      writes: recs.length + recs.filter((r) => r.checkedOn).length,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// 作风纪律评估

const DEFAULT_SETTINGS = ZGovernanceSettings.parse({});

function addConduct(c: Ctx) {
  const out: (DemoConduct & { roundKey: string })[] = [];
  const inspections = c.input.plan.inspections
    .filter((i) => i.teamKey && i.feedbackDate && i.feedbackDate <= TODAY)
    .sort((a, b) => cmp(a.key, b.key));
  for (const i of inspections) {
    const schedule = conductSchedule(i.feedbackDate as string, DEFAULT_SETTINGS, cal);
    if ((schedule[1] as (typeof schedule)[number]).closesOn > TODAY) continue;
    const rng = rngFor(SEED, `conduct:${i.key}`);
    const primary = i.targets.filter((t) => t.role === 'primary');
    for (const t of primary.length ? primary : i.targets.slice(0, 1))
      for (const s of schedule) {
        const valid = intBetween(rng, 18, 46);
        out.push({
          inspectionKey: i.key,
          roundKey: i.roundKey,
          orgKey: t.orgKey,
          stage: s.stage,
          opensOn: s.opensOn,
          closesOn: s.closesOn,
          links: valid + intBetween(rng, 0, 4),
          satisfied: valid,
          valid,
        });
      }
  }
  // Each round's 综合满意度 (all answers pooled) between 97.6% and 99.6%; the city's first term's
  // lowest round exactly 97.6%, so the bar of 97.5% is met everywhere and visibly close once.
  const byRound = new Map<string, typeof out>();
  for (const r of out) byRound.set(r.roundKey, [...(byRound.get(r.roundKey) ?? []), r]);
  const firstTerm = c.terms[0]?.key;
  // The first term's round with the most answers: with a thousand or more, 97.6% can be hit exactly.
  const validOf = (rows: typeof out) => rows.reduce((a, r) => a + r.valid, 0);
  const lowest = [...byRound]
    .filter(([k]) => c.input.plan.rounds.find((r) => r.key === k)?.termKey === firstTerm)
    .sort(([a, x], [b, y]) => validOf(y) - validOf(x) || cmp(a, b))[0]?.[0];
  for (const [roundKey, rows] of byRound) {
    const rng = rngFor(SEED, `conduct-round:${roundKey}`);
    const valid = rows.reduce((a, r) => a + r.valid, 0);
    const perMille = roundKey === lowest ? CITY_FIRST_TERM_GOV.lowestConductPerMille : intBetween(rng, 978, 996);
    // The most satisfied answers that keep the rate at perMille when shown rounded down to 0.1%.
    const satisfied = Math.ceil((valid * perMille) / 1000);
    const unsatisfied = apportion(
      valid - satisfied,
      rows.map(() => intBetween(rng, 1, 6)),
    );
    rows.forEach((r, k) => {
      r.satisfied = r.valid - Math.min(r.valid, unsatisfied[k] as number);
    });
  }
  c.out.conduct = out.map(({ roundKey: _r, ...r }) => r);
}

// ---------------------------------------------------------------------------------------------
// The archive

const ARCHIVE_TITLES: Partial<Record<TArchiveDocKind, string>> = {
  plan: '关于巡察{org}党组织的工作方案',
  authorization: '巡察授权书（{org}）',
  notice: '关于巡察{org}党组织的通知及巡察公告',
  reportVersion: '关于巡察{org}党组织情况的报告（送审稿）',
  report: '关于巡察{org}党组织情况的报告',
  meetingMinutes: '书记专题会听取巡察{org}党组织情况汇报的会议纪要',
  feedback: '关于巡察{org}党组织的反馈意见',
  clueTransfer: '关于移交巡察{org}党组织发现问题线索的函',
  rectificationPlan: '{org}党组织关于巡察反馈意见的整改方案',
  rectificationReport: '{org}党组织关于巡察集中整改进展情况的报告',
  evaluation: '关于{org}党组织巡察整改情况的评估报告',
  publication: '{org}党组织巡察整改情况公开材料',
};

function archiveDocs(i: SeedInspection): { kind: TArchiveDocKind; docDate: string }[] {
  const d: { kind: TArchiveDocKind; docDate: string | null }[] = [
    { kind: 'plan', docDate: i.preparedDate ?? i.noticeDate },
    { kind: 'authorization', docDate: i.noticeDate ?? i.preparedDate },
    { kind: 'notice', docDate: i.noticeDate ?? i.entryDate },
    { kind: 'reportVersion', docDate: i.reportDate ? workdayOnOrBefore(addDays(i.reportDate, -7)) : null },
    { kind: 'report', docDate: i.reportDate },
    {
      kind: 'meetingMinutes',
      docDate: i.reportDate && i.feedbackDate ? minDate(later(i.reportDate, 3), i.feedbackDate) : null,
    },
    { kind: 'feedback', docDate: i.feedbackDate },
    { kind: 'clueTransfer', docDate: i.transferDate },
    { kind: 'rectificationPlan', docDate: i.rectifyingStartDate },
    { kind: 'rectificationReport', docDate: i.concentratedEndDate },
    { kind: 'evaluation', docDate: i.evaluatedDate },
    { kind: 'publication', docDate: i.publishedDate },
  ];
  return d.filter((x): x is { kind: TArchiveDocKind; docDate: string } => x.docDate !== null);
}

function addArchive(c: Ctx) {
  const { names, countyStaff = {} } = c.input;
  const archived = c.input.plan.inspections
    .filter((i) => i.stage === 'archived' && i.archivedDate && FONDS[c.authorityOfInspection.get(i.key) ?? ''])
    .sort((a, b) => cmp(a.archivedDate as string, b.archivedDate as string) || cmp(a.key, b.key));
  const used = new Map<string, string[]>();
  for (const i of archived) {
    const authorityKey = c.authorityOfInspection.get(i.key) as string;
    const fonds = FONDS[authorityKey] as string;
    const year = Number((i.archivedDate as string).slice(0, 4));
    const primary = i.targets.filter((t) => t.role === 'primary');
    const first = orgName(c, (primary[0] ?? i.targets[0])?.orgKey);
    const org = primary.length > 1 ? `${first}等${primary.length}个单位` : first;
    const rng = rngFor(SEED, `archive:${i.key}`);
    const docs = archiveDocs(i).map((d, n) => ({
      ...d,
      id: `${i.key}#a${n}`,
      title: (ARCHIVE_TITLES[d.kind] as string).replace('{org}', org),
    }));
    for (const cls of ['document', 'business'] as const) {
      const mine = docs.filter((d) => archiveClassOf(d.kind) === cls).sort(archiveOrder);
      const scope = { fonds, year, category: ARCHIVE_CLASS_CODES[cls] };
      const scopeKey = `${authorityKey}|${fonds}|${year}|${cls}`;
      const existing = used.get(scopeKey) ?? [];
      const numbers = catalogueNumbers(existing, mine, scope);
      used.set(scopeKey, [...existing, ...numbers.map((x) => x.number)]);
      mine.forEach((d, k) => {
        const n = numbers[k] as (typeof numbers)[number];
        c.out.archive.push({
          key: d.id,
          authorityKey,
          inspectionKey: i.key,
          kind: d.kind,
          title: d.title,
          docDate: d.docDate,
          retention: retentionOf(d.kind, DEFAULT_SETTINGS),
          fonds,
          year,
          seq: n.seq,
          catalogueNumber: n.number,
          pages: d.kind === 'report' ? intBetween(rng, 18, 40) : intBetween(rng, 2, 16),
          filedOn: i.archivedDate as string,
          filedByName:
            authorityKey === c.cityKey ? names.officeStaff : (countyStaff[authorityKey] ?? names.officeStaff),
        });
      });
    }
  }
  // One request waiting for the office leader, one loan returned in the summer.
  const cityItems = c.out.archive.filter((a) => a.authorityKey === c.cityKey);
  const firstTermInspection = cityItems.find(
    (a) => c.termOfInspection.get(a.inspectionKey) === c.terms[0]?.key,
  )?.inspectionKey;
  const pickItems = (ik: string | undefined, kinds: readonly TArchiveDocKind[]) =>
    cityItems.filter((a) => a.inspectionKey === ik && kinds.includes(a.kind)).map((a) => a.key);
  const pending = pickItems(firstTermInspection, ['report', 'feedback', 'rectificationReport']);
  if (pending.length)
    c.out.borrows.push({
      authorityKey: c.cityKey,
      itemKeys: pending,
      reason: '撰写五届市委巡察工作总结，需查阅该单位巡察报告、反馈意见及整改报告。',
      until: addDays(TODAY, 14),
      status: 'requested',
      requestedBy: 'office.staff',
      requestedOn: addDays(TODAY, -1),
      decidedByName: null,
      decidedOn: null,
      returnedOn: null,
    });
  const secondTermInspection = cityItems.find(
    (a) => c.termOfInspection.get(a.inspectionKey) === c.terms[1]?.key,
  )?.inspectionKey;
  const returned = pickItems(secondTermInspection, ['report', 'feedback']);
  if (returned.length)
    c.out.borrows.push({
      authorityKey: c.cityKey,
      itemKeys: returned,
      reason: '开展巡察“回头看”前查阅上轮巡察报告和反馈意见。',
      until: '2026-06-19',
      status: 'returned',
      requestedBy: 'office.staff',
      requestedOn: '2026-06-01',
      decidedByName: names.officeLeader,
      decidedOn: '2026-06-02',
      returnedOn: '2026-06-16',
    });
}

// ---------------------------------------------------------------------------------------------
// The whole

/** The rectified findings of a set of problems (each finding in at most one problem). */
export function rectifiedFindings(
  problems: readonly DemoCommonProblem[],
  findings: readonly GovFindingInput[],
): number {
  const rectified = new Set(findings.filter((f) => f.rectified).map((f) => f.key));
  return problems.reduce((n, p) => n + p.findingKeys.filter((k) => rectified.has(k)).length, 0);
}

export function buildDemoGovernance(input: DemoGovernanceInput): DemoGovernance {
  const { reg, plan } = input;
  const out: DemoGovernance = {
    settings: [],
    problems: [],
    bulletins: [],
    reminders: [],
    campaigns: [],
    consultations: [],
    dualReports: [],
    conduct: [],
    archive: [],
    borrows: [],
  };
  const cityKey = reg.authorities.find((a) => a.level === 'city')?.key as string;
  const roundOf = new Map(plan.rounds.map((r) => [r.key, r]));
  const termOf = new Map(plan.terms.map((t) => [t.key, t]));
  const termOfInspection = new Map(plan.inspections.map((i) => [i.key, roundOf.get(i.roundKey)?.termKey as string]));
  const c: Ctx = {
    input,
    out,
    orgs: new Map(reg.orgs.map((o) => [o.key, o])),
    inspection: new Map(plan.inspections.map((i) => [i.key, i])),
    termOfInspection,
    authorityOfInspection: new Map(
      plan.inspections.map((i) => [i.key, termOf.get(termOfInspection.get(i.key) as string)?.authorityKey as string]),
    ),
    cityKey,
    terms: plan.terms.filter((t) => t.authorityKey === cityKey).sort((a, b) => cmp(a.startDate, b.startDate)),
    problem: new Map(),
    findingsOf: new Map(input.findings.map((f) => [f.key, f])),
    topicsUsed: new Set(),
  };
  for (const [authorityKey, prefix] of Object.entries(PREFIX))
    if (reg.authorities.some((a) => a.key === authorityKey))
      out.settings.push({
        authorityKey,
        value: ZGovernanceSettings.parse({ bulletinNumberPrefix: prefix, archiveFonds: FONDS[authorityKey] ?? null }),
      });
  const [first, second] = c.terms;
  if (first) {
    addProblems(c, first.key, FIRST_TERM_PROBLEMS);
    addBulletins(c, first.key, [
      {
        key: 'b1:zf',
        sector: '政法',
        title: '关于市委巡察政法系统发现共性问题的分类通报',
        problemKeys: ['p1:loans', 'p1:justice', 'p1:gangs'],
        createdOn: '2019-10-17',
        approvedOn: '2019-10-22',
        sentOn: '2019-10-24',
      },
      {
        key: 'b1:qt',
        sector: '群团',
        title: '关于市委巡察群团组织发现共性问题的分类通报',
        problemKeys: ['p1:mass-style', 'p1:mass-money'],
        createdOn: '2020-04-17',
        approvedOn: '2020-04-22',
        sentOn: '2020-04-24',
      },
      {
        key: 'b1:xw',
        sector: '新闻媒体',
        title: '关于市委巡察新闻媒体单位和农村意识形态阵地发现共性问题的分类通报',
        problemKeys: ['p1:ideology', 'p1:media'],
        createdOn: '2020-06-12',
        approvedOn: '2020-06-17',
        sentOn: '2020-06-19',
      },
      {
        key: 'b1:jt',
        sector: '交通',
        title: '关于“黑车”非法营运问题的分类通报',
        problemKeys: ['p1:taxis'],
        createdOn: '2020-09-17',
        approvedOn: '2020-09-22',
        sentOn: '2020-09-24',
        nameOrganizations: true,
      },
    ]);
    addReminders(c, first.key, [
      { sector: '政法', to: 'deptLiaison', problemKeys: ['p1:loans'], sentOn: '2019-11-04', outcome: 'answered' },
      {
        sector: '政法',
        to: 'city:gaj',
        problemKeys: ['p1:justice'],
        sentOn: '2019-11-04',
        outcome: 'answeredAfterInsufficient',
      },
      { sector: '群团', to: 'city:zgh', problemKeys: ['p1:mass-money'], sentOn: '2020-05-11', outcome: 'answered' },
      { sector: '新闻媒体', to: 'city:xcb', problemKeys: ['p1:ideology'], sentOn: '2020-06-29', outcome: 'answered' },
      { sector: '交通', to: 'city:jtysj', problemKeys: ['p1:taxis'], sentOn: '2020-10-12', outcome: 'answered' },
      { sector: '政法', to: 'sectorLeader', problemKeys: ['p1:gangs'], sentOn: '2021-03-22', outcome: 'answered' },
    ]);
    // 848 = the findings of the term's common problems rectified + what the campaigns reported rectified.
    const fromFindings = rectifiedFindings(
      out.problems.filter((p) => p.termKey === first.key),
      input.findings,
    );
    const campaignsRectified = CITY_FIRST_TERM_GOV.commonProblemsRectified - fromFindings;
    if (campaignsRectified < 0) throw new RangeError(`共性问题已整改数超过848：${fromFindings}`);
    const [r1, r2, r3] = apportion(campaignsRectified, [45, 25, 30]) as [number, number, number];
    const [k1, k2, k3] = apportion(CITY_FIRST_TERM_GOV.campaignRulesMade, [20, 16, 12]) as [number, number, number];
    addCampaign(
      c,
      first.key,
      {
        key: 'c1:loans',
        name: '公职人员参与民间借贷和非法集资专项整治',
        description:
          '市县两级同步开展，全面排查公职人员参与民间借贷、非法集资情况，督促清退、查处违纪违法问题，健全长效机制。',
        fromBulletinKey: 'b1:zf',
        problemKey: 'p1:loans',
        sectors: ['政法', '财政金融'],
        startOn: '2019-11-11',
        endOn: '2020-06-30',
        reportedShare: 1,
        money: true,
      },
      r1,
      k1,
    );
    addCampaign(
      c,
      first.key,
      {
        key: 'c1:ideology',
        name: '农村意识形态阵地管理专项整治',
        description: '对全市农家书屋、文化广场、宣传栏等农村意识形态阵地开展拉网式排查，落实阵地管理责任。',
        fromBulletinKey: 'b1:xw',
        problemKey: 'p1:ideology',
        sectors: ['新闻媒体', '文化旅游'],
        kinds: ['乡镇(街道)'],
        startOn: '2020-07-01',
        endOn: '2020-12-31',
        reportedShare: 1,
        money: false,
      },
      r2,
      k2,
    );
    addCampaign(
      c,
      first.key,
      {
        key: 'c1:taxis',
        name: '“黑车”非法营运专项整治',
        description:
          '交通运输、公安、城管等部门联合执法，市县同步整治城乡接合部和农村地区“黑车”非法营运，完善农村客运网络。',
        fromBulletinKey: 'b1:jt',
        problemKey: 'p1:taxis',
        sectors: ['交通', '政法'],
        startOn: '2020-10-15',
        endOn: '2021-04-30',
        reportedShare: 1,
        money: true,
      },
      r3,
      k3,
    );
    addConsultations(c, first.key, FIRST_TERM_CONSULTATIONS, 0);
  }
  if (second) {
    addProblems(c, second.key, SECOND_TERM_PROBLEMS);
    addBulletins(c, second.key, [
      {
        key: 'b2:zf1',
        sector: '政法',
        title: '关于执法司法权力运行监督制约问题的分类通报',
        problemKeys: ['p2:oversight'],
        createdOn: '2024-10-17',
        approvedOn: '2024-10-22',
        sentOn: '2024-10-24',
      },
      {
        key: 'b2:eco',
        sector: '生态环境',
        title: '关于生态环境问题整改主体责任落实不到位的分类通报',
        problemKeys: ['p2:eco'],
        createdOn: '2025-05-22',
        approvedOn: '2025-05-27',
        sentOn: '2025-05-29',
      },
      {
        key: 'b2:zf2',
        sector: '政法',
        title: '关于政法干警参与民间借贷和违规经商办企业问题的分类通报',
        problemKeys: ['p2:police-business'],
        createdOn: '2026-07-14',
        approvedOn: '2026-07-17',
        sentOn: '2026-07-20',
      },
      {
        key: 'b2:zf3',
        sector: '政法',
        title: '关于信访积案化解和矛盾纠纷源头治理不到位问题的分类通报',
        problemKeys: ['p2:petitions'],
        createdOn: '2026-11-16',
        approvedOn: '2026-11-18',
        sentOn: '2026-11-20',
        read: false,
      },
      {
        key: 'b2:assets',
        sector: '财政金融',
        title: '关于国有资产资源出租出借管理不规范问题的分类通报',
        problemKeys: ['p2:assets'],
        createdOn: '2026-11-24',
        approvedOn: null,
        sentOn: null,
      },
    ]);
    addReminders(c, second.key, [
      { sector: '政法', to: 'deptLiaison', problemKeys: ['p2:oversight'], sentOn: '2024-11-04', outcome: 'answered' },
      { sector: '政法', to: 'sectorLeader', problemKeys: ['p2:oversight'], sentOn: '2024-11-04', outcome: 'answered' },
      {
        sector: '生态环境',
        to: 'city:sthjj',
        problemKeys: ['p2:eco'],
        sentOn: '2025-06-09',
        outcome: 'answeredAfterInsufficient',
      },
      // Now: one of each status, most of them in the demo recipients' inbox.
      {
        sector: '政法',
        to: 'sectorLeader',
        problemKeys: ['p2:police-business'],
        sentOn: '2026-10-19',
        outcome: 'insufficient',
        answerAfter: 9,
        judgeAfter: 25,
      },
      {
        sector: '政法',
        to: 'deptLiaison',
        problemKeys: ['p2:police-business'],
        sentOn: '2026-11-09',
        outcome: 'submitted',
        answerAfter: 10,
      },
      { sector: '政法', to: 'deptLiaison', problemKeys: ['p2:oversight'], sentOn: '2026-10-12', outcome: 'none' },
      {
        sector: '政法',
        to: 'sectorLeader',
        problemKeys: ['p2:police-business'],
        sentOn: '2026-11-25',
        outcome: 'none',
        read: false,
      },
      { sector: '政法', to: 'deptLiaison', problemKeys: ['p2:police-business'], sentOn: '2026-11-23', outcome: 'none' },
      { sector: '生态环境', to: 'city:sthjj', problemKeys: ['p2:eco'], sentOn: '2026-10-14', outcome: 'none' },
      { sector: '财政金融', to: 'city:czj', problemKeys: ['p2:assets'], sentOn: '2026-11-16', outcome: 'none' },
    ]);
    addCampaign(
      c,
      second.key,
      {
        key: 'c2:oversight',
        name: '执法司法权力运行监督专项整治',
        description:
          '围绕执法司法权力运行监督制约开展专项整治，市县政法单位同步自查自纠，完善案件评查和“三个规定”记录报告制度。',
        fromBulletinKey: 'b2:zf1',
        problemKey: 'p2:oversight',
        sectors: ['政法'],
        startOn: '2024-11-11',
        endOn: '2025-06-30',
        reportedShare: 1,
        money: false,
      },
      null,
      null,
    );
    addCampaign(
      c,
      second.key,
      {
        key: 'c2:police-business',
        name: '政法干警参与民间借贷和违规经商办企业专项整治',
        description:
          '市县政法单位同步开展，全面排查政法干警参与民间借贷、违规经商办企业情况，督促清理退出，严肃查处违纪违法问题。',
        fromBulletinKey: 'b2:zf2',
        problemKey: 'p2:police-business',
        sectors: ['政法'],
        startOn: '2026-09-01',
        endOn: '2027-02-28',
        reportedShare: 0.6,
        money: true,
      },
      null,
      null,
    );
    addConsultations(c, second.key, SECOND_TERM_CONSULTATIONS, 17);
  }
  addDualReports(c);
  addConduct(c);
  addArchive(c);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing the rows (the seed's transaction)

export interface SeedGovernanceOptions {
  reg: Registry;
  plan: Planning;
  /** Plan keys (terms, rounds, teams, inspections) → their ids. */
  planIds: ReadonlyMap<string, string>;
  authId: ReadonlyMap<string, string>;
  orgId: ReadonlyMap<string, string>;
  /** A staff member of each county office (authority key → name), for who filed its archive. */
  countyStaff?: Readonly<Record<string, string>>;
  now: Date;
}

/**
 * Writes the demo 以巡促治: reads the findings fieldwork stored (with rectification's rollup), builds
 * the data and inserts it as the services would. Returns how many rows of each it wrote.
 */
export async function seedGovernance(db: Db, o: SeedGovernanceOptions): Promise<Record<string, number>> {
  const { reg, plan, planIds, authId, orgId, now } = o;
  const id = (k: string) => planIds.get(k) as string;
  const inspKeyOf = new Map(plan.inspections.map((i) => [id(i.key), i.key]));
  const orgKeyOf = new Map([...orgId].map(([k, v]) => [v, k]));
  const rows = rowsOf<{
    id: string;
    inspection_id: string;
    org_id: string;
    sector: string | null;
    type_key: string | null;
    common: boolean;
    rectified: boolean;
  }>(
    await db.execute(sql`
      select f.id, f.inspection_id, f.org_id, f.sector, n.seed_key as type_key, f.common,
        coalesce(r.task_count > 0 and r.written_off_count = r.task_count, false) as rectified
      from findings f
      left join taxonomy_nodes n on n.id = f.taxonomy_node_id and n.level = 'type'
      left join finding_rectification r on r.finding_id = f.id`),
  ).filter((r) => inspKeyOf.has(r.inspection_id) && orgKeyOf.has(r.org_id));
  const accounts = rowsOf<{ username: string; name: string; id: string }>(
    await db.execute(sql`select username, display_name as name, id from users`),
  );
  const account = (u: string) => accounts.find((a) => a.username === u);
  const data = buildDemoGovernance({
    reg,
    plan,
    findings: rows.map((r) => ({
      key: r.id,
      inspectionKey: inspKeyOf.get(r.inspection_id) as string,
      orgKey: orgKeyOf.get(r.org_id) as string,
      sector: r.sector,
      typeKey: r.type_key,
      common: r.common,
      rectified: r.rectified,
    })),
    names: {
      officeStaff: account('office.staff')?.name ?? '巡察办',
      officeLeader: account('office.leader')?.name ?? '巡察办',
      sectorLeader: account(RECIPIENT_ACCOUNTS.sectorLeader.username)?.name ?? '分管市领导',
      deptLiaison: account(RECIPIENT_ACCOUNTS.deptLiaison.username)?.name ?? '主管部门',
    },
    ...(o.countyStaff ? { countyStaff: o.countyStaff } : {}),
  });
  const finding = new Map(rows.map((r) => [r.id, r]));
  const cityKey = reg.authorities.find((a) => a.level === 'city')?.key as string;
  const cityId = authId.get(cityKey) as string;
  const org = (k: string) => orgId.get(k) as string;
  const userId = (u: string | null) => (u ? (account(u)?.id ?? null) : null);
  const staff = account('office.staff');
  const leader = account('office.leader');
  const inspection = new Map(plan.inspections.map((i) => [i.key, i]));
  const roundOf = new Map(plan.rounds.map((r) => [r.key, r]));
  const termOf = new Map(plan.terms.map((t) => [t.key, t]));
  const where = (ik: string) => {
    const r = roundOf.get((inspection.get(ik) as SeedInspection).roundKey) as Planning['rounds'][number];
    return {
      authorityId: authId.get((termOf.get(r.termKey) as Planning['terms'][number]).authorityKey) as string,
      termId: id(r.termKey),
      roundId: id(r.key),
      inspectionId: id(ik),
    };
  };
  const typeNode = new Map(
    rowsOf<{ id: string; seed_key: string }>(
      await db.execute(sql`select id, seed_key from taxonomy_nodes where authority_id = ${cityId} and level = 'type'`),
    ).map((r) => [r.seed_key, r.id]),
  );

  await bulk(
    db,
    governanceSettings,
    data.settings.map((s) => ({
      authorityId: authId.get(s.authorityKey) as string,
      value: s.value as unknown as Record<string, unknown>,
      version: 1,
      updatedAt: now,
    })),
  );
  const problemId = new Map(data.problems.map((p) => [p.key, uuidv7(at(p.confirmedOn).getTime())]));
  await bulk(
    db,
    commonProblems,
    data.problems.map((p) => ({
      id: problemId.get(p.key) as string,
      authorityId: cityId,
      termId: id(p.termKey),
      name: p.name,
      description: p.description,
      sector: p.sector,
      taxonomyTypeId: p.typeKey ? (typeNode.get(p.typeKey) ?? null) : null,
      confirmedOn: p.confirmedOn,
      createdById: null,
      createdByName: staff?.name ?? null,
      createdAt: at(p.confirmedOn),
      updatedAt: at(p.confirmedOn),
      version: 1,
    })),
  );
  await bulk(
    db,
    commonProblemFindings,
    data.problems.flatMap((p) =>
      p.findingKeys.map((k) => {
        const f = finding.get(k) as (typeof rows)[number];
        return {
          commonProblemId: problemId.get(p.key) as string,
          findingId: f.id,
          inspectionId: f.inspection_id,
          orgId: f.org_id,
        };
      }),
    ),
  );
  const bulletinId = new Map(data.bulletins.map((b) => [b.key, uuidv7(at(b.createdOn).getTime())]));
  await bulk(
    db,
    bulletins,
    data.bulletins.map((b) => ({
      id: bulletinId.get(b.key) as string,
      authorityId: cityId,
      termId: id(b.termKey),
      sector: b.sector,
      title: b.title,
      status: b.status,
      number: b.number,
      year: b.year,
      seq: b.seq,
      intro: b.intro,
      requestedActions: b.requestedActions,
      nameOrganizations: b.nameOrganizations,
      approvedOn: b.approvedOn,
      approvedById: b.approvedOn ? (leader?.id ?? null) : null,
      approvedByName: b.approvedOn ? (leader?.name ?? null) : null,
      sentOn: b.sentOn,
      createdById: null,
      createdByName: staff?.name ?? null,
      createdAt: at(b.createdOn),
      updatedAt: at(b.sentOn ?? b.approvedOn ?? b.createdOn, 16),
      // Created, then approved, then sent: each move bumps the version.
      version: 1 + (b.approvedOn ? 1 : 0) + (b.sentOn ? 1 : 0),
    })),
  );
  await bulk(
    db,
    bulletinProblems,
    data.bulletins.flatMap((b) =>
      b.problemKeys.map((k, position) => ({
        bulletinId: bulletinId.get(b.key) as string,
        commonProblemId: problemId.get(k) as string,
        position,
      })),
    ),
  );
  // A department's read receipt names the account granted on it that opened it (the demo's 主管部门 account).
  const liaisonOrg = org(RECIPIENT_ACCOUNTS.deptLiaison.orgKey);
  const reader = (r: DemoRecipient) =>
    r.user
      ? userId(r.user)
      : r.orgKey && org(r.orgKey) === liaisonOrg
        ? userId(RECIPIENT_ACCOUNTS.deptLiaison.username)
        : null;
  await bulk(
    db,
    bulletinRecipients,
    data.bulletins.flatMap((b) =>
      b.recipients.map((r, position) => ({
        id: uuidv7(at(b.createdOn).getTime() + position),
        bulletinId: bulletinId.get(b.key) as string,
        position,
        kind: r.kind,
        name: r.name,
        orgId: r.orgKey ? org(r.orgKey) : null,
        userId: userId(r.user),
        readAt: r.readOn ? at(r.readOn, 9) : null,
        readById: r.readOn ? reader(r) : null,
      })),
    ),
  );
  const reminderId = new Map(data.reminders.map((m) => [m.key, uuidv7(at(m.sentOn).getTime())]));
  await bulk(
    db,
    dutyReminders,
    data.reminders.map((m) => ({
      id: reminderId.get(m.key) as string,
      authorityId: cityId,
      termId: id(m.termKey),
      recipientKind: m.recipient.kind,
      recipientName: m.recipient.name,
      recipientOrgId: m.recipient.orgKey ? org(m.recipient.orgKey) : null,
      recipientUserId: userId(m.recipient.user),
      readAt: m.recipient.readOn ? at(m.recipient.readOn, 9) : null,
      sector: m.sector,
      commonProblemIds: m.problemKeys.map((k) => problemId.get(k) as string),
      findingIds: m.findingKeys,
      content: m.content,
      sentOn: m.sentOn,
      dueOn: m.dueOn,
      answeredOn: m.answeredOn,
      judgement: m.judgement,
      createdById: staff?.id ?? null,
      createdByName: staff?.name ?? null,
      createdAt: at(m.sentOn),
      updatedAt: at(m.answers.at(-1)?.judgedOn ?? m.answeredOn ?? m.sentOn, 16),
      // Each answer and each judgement is a conditional update.
      version: 1 + m.answers.length + m.answers.filter((a) => a.judgement).length,
    })),
  );
  await bulk(
    db,
    dutyReminderAnswers,
    data.reminders.flatMap((m) =>
      m.answers.map((a, k) => ({
        id: uuidv7(at(a.answeredOn, 15).getTime() + k),
        reminderId: reminderId.get(m.key) as string,
        whatWasDone: a.whatWasDone,
        fileIds: [],
        answeredOn: a.answeredOn,
        answeredById: userId(a.byUser),
        answeredByName: a.byName,
        answeredAt: at(a.answeredOn, 15),
        judgement: a.judgement,
        judgedOn: a.judgedOn,
        judgedById: a.judgement ? (leader?.id ?? null) : null,
        judgedByName: a.judgement ? (leader?.name ?? null) : null,
        comment: a.comment,
      })),
    ),
  );
  const orgNames = new Map(reg.orgs.map((x) => [x.key, x.name]));
  const campaignId = new Map(data.campaigns.map((x) => [x.key, uuidv7(at(x.startOn).getTime())]));
  await bulk(
    db,
    campaigns,
    data.campaigns.map((x) => ({
      id: campaignId.get(x.key) as string,
      authorityId: cityId,
      termId: id(x.termKey),
      name: x.name,
      description: x.description,
      fromBulletinId: x.fromBulletinKey ? (bulletinId.get(x.fromBulletinKey) ?? null) : null,
      startOn: x.startOn,
      endOn: x.endOn,
      createdById: staff?.id ?? null,
      createdByName: staff?.name ?? null,
      createdAt: at(addDays(x.startOn, -3)),
      updatedAt: at(addDays(x.startOn, -3)),
      version: 1,
    })),
  );
  await bulk(
    db,
    campaignAuthorities,
    data.campaigns.flatMap((x) =>
      x.authorityKeys.map((k, position) => ({
        campaignId: campaignId.get(x.key) as string,
        authorityId: authId.get(k) as string,
        position,
      })),
    ),
  );
  await bulk(
    db,
    campaignOrgs,
    data.campaigns.flatMap((x) =>
      x.orgKeys.map((k) => ({ campaignId: campaignId.get(x.key) as string, orgId: org(k) })),
    ),
  );
  await bulk(
    db,
    campaignProblems,
    data.campaigns.flatMap((x) =>
      x.problemKeys.map((k, position) => ({
        campaignId: campaignId.get(x.key) as string,
        commonProblemId: problemId.get(k) as string,
        position,
      })),
    ),
  );
  await bulk(
    db,
    campaignReports,
    data.campaigns.flatMap((x) =>
      x.reports.map((r, k) => ({
        id: uuidv7(at(r.reportedOn).getTime() + k),
        campaignId: campaignId.get(x.key) as string,
        orgId: org(r.orgKey),
        orgAuthorityId: authId.get(r.orgAuthorityKey) as string,
        commonProblemId: problemId.get(r.problemKey) as string,
        reportedOn: r.reportedOn,
        foundItems: r.foundItems,
        rectifiedItems: r.rectifiedItems,
        rulesMade: r.rulesMade,
        moneyRecoveredFen: parseWan(r.moneyRecovered) * FEN_PER_WAN_CENT,
        note: r.note,
        createdById: null,
        createdByName: `${orgNames.get(r.orgKey) ?? ''}联络员`,
        createdAt: at(r.reportedOn, 16),
      })),
    ),
  );
  const consultationId = new Map(data.consultations.map((x) => [x.key, uuidv7(at(x.heldOn).getTime())]));
  await bulk(
    db,
    policyConsultations,
    data.consultations.map((x) => ({
      id: consultationId.get(x.key) as string,
      authorityId: cityId,
      termId: id(x.termKey),
      heldOn: x.heldOn,
      title: x.title,
      departments: x.departments,
      createdById: null,
      createdByName: staff?.name ?? null,
      createdAt: at(x.heldOn, 17),
      updatedAt: at(x.heldOn, 17),
      version: 1,
    })),
  );
  await bulk(
    db,
    policyProblems,
    data.consultations.flatMap((x) =>
      x.problems.map((p, position) => ({
        id: uuidv7(at(x.heldOn, 17).getTime() + position),
        consultationId: consultationId.get(x.key) as string,
        authorityId: cityId,
        position,
        findingId: p.findingKey,
        commonProblemId: p.problemKey ? (problemId.get(p.problemKey) as string) : null,
        summary: p.summary,
        conclusion: p.conclusion,
        leadDept: p.leadDept,
        dueOn: p.dueOn,
        status: p.status,
        progressNote: p.progressNote,
        updatedAt: at(p.status === 'open' ? x.heldOn : minDate(p.dueOn, TODAY), 16),
        version: p.status === 'open' ? 1 : 2,
      })),
    ),
  );
  await bulk(
    db,
    dualReports,
    data.dualReports.map((d) => ({
      inspectionId: id(d.inspectionKey),
      // The county that carried the inspection out keeps the record (as the dual-report service does).
      authorityId:
        authId.get((inspection.get(d.inspectionKey) as SeedInspection).authorizedAuthorityKey ?? '') ??
        where(d.inspectionKey).authorityId,
      records: Object.fromEntries(
        Object.entries(d.records).map(([k, r]) => [k, { ...r, checkedById: r.checkedOn ? (staff?.id ?? null) : null }]),
      ),
      updatedAt: now,
      version: d.writes,
    })),
  );
  await bulk(
    db,
    conductEvaluations,
    data.conduct.map((e, k) => {
      const w = where(e.inspectionKey);
      return {
        id: uuidv7(at(e.opensOn).getTime() + k),
        authorityId: w.authorityId,
        termId: w.termId,
        roundId: w.roundId,
        inspectionId: w.inspectionId,
        teamId: id((inspection.get(e.inspectionKey) as SeedInspection).teamKey as string),
        orgId: org(e.orgKey),
        stage: e.stage,
        // Recorded from the paper questionnaires of the time: no survey behind them.
        surveyId: null,
        opensOn: e.opensOn,
        closesOn: e.closesOn,
        links: e.links,
        satisfied: e.satisfied,
        valid: e.valid,
        closedAt: at(e.closesOn, 17),
        createdById: null,
        createdByName: null,
        createdAt: at(e.opensOn, 9),
        version: 2,
      };
    }),
  );
  const itemId = new Map(data.archive.map((a, k) => [a.key, uuidv7(at(a.filedOn).getTime() + k)]));
  await bulk(
    db,
    archiveItems,
    data.archive.map((a) => ({
      id: itemId.get(a.key) as string,
      authorityId: authId.get(a.authorityKey) as string,
      termId: where(a.inspectionKey).termId,
      inspectionId: id(a.inspectionKey),
      kind: a.kind,
      archiveClass: archiveClassOf(a.kind),
      title: a.title,
      fileId: null,
      sourceRef: null,
      docDate: a.docDate,
      retention: a.retention,
      fonds: a.fonds,
      year: a.year,
      seq: a.seq,
      catalogueNumber: a.catalogueNumber,
      pages: a.pages,
      filedOn: a.filedOn,
      filedById: null,
      filedByName: a.filedByName,
      createdAt: at(a.filedOn, 16),
    })),
  );
  await bulk(
    db,
    archiveBorrows,
    data.borrows.map((b) => {
      const who = account(b.requestedBy);
      return {
        id: uuidv7(at(b.requestedOn).getTime()),
        authorityId: authId.get(b.authorityKey) as string,
        itemIds: b.itemKeys.map((k) => itemId.get(k) as string),
        reason: b.reason,
        until: b.until,
        status: b.status,
        requestedById: who?.id ?? null,
        requestedByName: who?.name ?? null,
        requestedAt: at(b.requestedOn),
        decidedById: b.decidedOn ? (leader?.id ?? null) : null,
        decidedByName: b.decidedByName,
        decidedAt: b.decidedOn ? at(b.decidedOn, 11) : null,
        comment: null,
        returnedAt: b.returnedOn ? at(b.returnedOn, 15) : null,
        version: 1 + (b.decidedOn ? 1 : 0) + (b.returnedOn ? 1 : 0),
      };
    }),
  );
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, (v as unknown[]).length]));
}
