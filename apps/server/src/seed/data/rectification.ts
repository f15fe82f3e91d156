/**
 * Demo rectification (反馈、整改、评估与双公开) over the demo planning and fieldwork: the 反馈会 of every
 * inspection that reached feedback, the organizations' plans under joint review, their tasks with
 * progress, red cards, extensions and write-offs, the reports, 专题民主生活会, outcomes, the 建章立制
 * register, the evaluations with the public's satisfaction, and the 双公开 batches.
 * `buildDemoRectification` is pure and deterministic (no I/O, no clock; the same input gives the same
 * rows); `seedRectification` at the end writes its rows in bulk, as the module's services would.
 * People are fictional.
 *
 * What comes out, by design (the demo's today is 2026-11-27):
 * - Past inspections (evaluated, published, archived): every finding has one to three tasks
 *   (立行立改 / 限期整改 / 长期坚持), almost all written off (销号) before the evaluation; a few
 *   长期坚持 tasks still report 阶段性成果; now and then a red card settled by a later write-off, an
 *   extension approved (rarely refused). Plans and the two reports of 集中整改 passed joint review
 *   (some after a send-back). Outcomes: money recovered (万元, two decimals), persons held
 *   accountable by 四种形态, rules made — the city's 2016–2021 term says 6,136 rules (建章立制6100多项).
 * - Evaluations graded mostly 好/较好, a few 一般. The 21 organizations the planning published late
 *   in the city's first term were graded 差, deferred (延后公示) in their round's batch with the
 *   reason, kept rectifying, were graded again (复评, 一般) and published in 5 later batches
 *   (共有5批21个…延后公示); their 差 stays on the deferred entries and in the raters' comments. One organization evaluated now is 差 and deferred in the draft batch. Rectification
 *   satisfaction is above 95% in every round (the counts are stored on the evaluation; no survey
 *   answer sheets are made).
 * - 双公开: one batch (第N批) per round per authority, numbered by publication day with the late
 *   batches; the inspections evaluated and not yet published wait in a draft batch.
 * - The inspections in rectification now (六届's last rounds): plans draft, in review with some
 *   ratings, returned with comments, accepted; tasks green, yellow (due within the warning window),
 *   red (overdue or a red card), pending and approved extensions, evidence photos; the demo liaison
 *   works for the organization the city is supervising now, and the demo reviewer's party has
 *   reports of it waiting for a rating.
 */
import {
  addMonths,
  DEFAULT_REVIEW_PARTIES,
  DEFAULT_SCORECARD,
  FEN_PER_WAN_CENT,
  formatWan,
  jointReviewOutcome,
  parseWan,
  returnedCommentsText,
  STAGE_LABELS,
  STAGES,
  scoreEvaluation,
  searchKey,
  type TAccountabilityForm,
  type TEvaluationGrade,
  type TMoneyKind,
  type TReportKind,
  type TReviewRating,
  type TReviewSubject,
  type TRuleMakingKind,
  type TSubmissionStatus,
  type TTaskKind,
  type TTaskStatus,
  type TWithholdReason,
} from '@xc/domain';
import { sql } from 'drizzle-orm';
import {
  democraticLifeMeetings,
  evaluationRatings,
  feedbacks,
  findingRectification,
  findings as findingsTable,
  inspectionEvents,
  inspections,
  inspectionTargets,
  jointReviews,
  meetingInspections,
  meetings,
  publicationBatches,
  publicationEntries,
  publicationItems,
  rectificationEvaluations,
  rectificationExtensions,
  rectificationFiles,
  rectificationOutcomes,
  rectificationPlans,
  rectificationReports,
  rectificationTasks,
  reportVersions,
  reviewPartyMembers,
  reviewRatings,
  ruleMakings,
  taskEvents,
} from '../../db/schema/index.ts';
import { BlobCipher } from '../../platform/blob-cipher.ts';
import { type Db, rowsOf } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { KeyRing } from '../../platform/keys.ts';
import { acceptFile } from '../../platform/uploads.ts';
import { at, bulk } from './bulk.ts';
import { addDays, toDay, workdayOnOrAfter, workdayOnOrBefore } from './days.ts';
import { apportion, TYPE_WORDING } from './fieldwork.ts';
import { chance, intBetween, NameBook, pick, type Rng, rngFor } from './names.ts';
import type { buildDemoPersonnel } from './personnel.ts';
import type { buildDemoPlanning, SeedInspection } from './planning.ts';
import { demoPng } from './public.ts';
import type { buildDemoRegistry } from './registry.ts';

type Registry = ReturnType<typeof buildDemoRegistry>;
type Planning = ReturnType<typeof buildDemoPlanning>;
type Personnel = ReturnType<typeof buildDemoPersonnel>;
type Org = Registry['orgs'][number];

const SEED = 0x3e1c7a21;
export const TODAY = '2026-11-27';
/** The seed's figures for the city's 2016–2021 term (延后公示 5批21个; 建章立制6100多项). */
export const CITY_FIRST_TERM_RECT = Object.freeze({ deferred: 21, lateBatches: 5, rulesMade: 6136 });

// ---------------------------------------------------------------------------------------------
// Input and output

/** A finding handed over, as fieldwork stored it. */
export interface RectFindingInput {
  inspectionKey: string;
  orgKey: string;
  title: string;
  facts: string;
  /** A key of DEFAULT_TAXONOMY, or null. */
  typeKey: string | null;
  severity: string;
  immediate: boolean;
  /** ISO instant. */
  createdAt: string;
}

export interface DemoRectificationInput {
  reg: Registry;
  plan: Planning;
  personnel: Personnel;
  findings: readonly RectFindingInput[];
  /** Names no generated person may have (the accounts' holders). */
  reservedNames?: ReadonlySet<string>;
  /** The demo liaison's and reviewer's names, used where they act. */
  liaisonName?: string;
  reviewerName?: string;
}

export interface DemoFeedback {
  inspectionKey: string;
  orgKey: string;
  meetingDate: string;
  attendees: string[];
  speakers: string[];
  oneToOneOn: string;
  mainLeaderName: string;
  notes: string;
  copies: {
    recipient: 'sectorLeader' | 'competentDept' | 'disciplineCommission' | 'organizationDept';
    name: string;
    sentOn: string | null;
    readOn: string | null;
  }[];
  recordedByName: string;
}

export interface DemoPlan {
  key: string;
  inspectionKey: string;
  orgKey: string;
  status: TSubmissionStatus;
  reviewRound: number;
  submittedOn: string | null;
  acceptedOn: string | null;
  returnedComments: string | null;
  createdOn: string;
  updatedOn: string;
}

export interface DemoTask {
  key: string;
  findingKey: string;
  planKey: string;
  inspectionKey: string;
  orgKey: string;
  kind: TTaskKind;
  measures: string;
  goal: string;
  responsibleLeader: string;
  responsibleDept: string;
  responsiblePerson: string;
  assignedOn: string;
  originalDeadline: string;
  deadline: string;
  status: TTaskStatus;
  writtenOff: boolean;
  writtenOffOn: string | null;
  writeOffNote: string | null;
  redCard: boolean;
  redCardReason: string | null;
  redCardOn: string | null;
  redCardCount: number;
  extensionCount: number;
  pendingExtension: boolean;
  evidenceCount: number;
  lastNote: string | null;
  enteredByOffice: boolean;
  createdByName: string;
  updatedOn: string;
  events: {
    kind: string;
    from: TTaskStatus | null;
    to: TTaskStatus | null;
    note: string | null;
    by: string;
    onBehalf: boolean;
    on: string;
  }[];
}

export interface DemoExtension {
  taskKey: string;
  reason: string;
  oldDeadline: string;
  newDeadline: string;
  status: 'pending' | 'approved' | 'rejected';
  requestedByName: string;
  requestedOn: string;
  decidedByName: string | null;
  decidedOn: string | null;
  decisionNote: string | null;
}

export interface DemoEvidence {
  taskKey: string;
  name: string;
  description: string;
  byName: string;
  on: string;
}

export interface DemoRollup {
  findingKey: string;
  inspectionKey: string;
  orgKey: string;
  taskCount: number;
  writtenOffCount: number;
  ongoingOpenCount: number;
}

export interface DemoReview {
  inspectionKey: string;
  orgKey: string;
  subject: TReviewSubject;
  /** A plan's or a report's key. */
  subjectKey: string;
  round: number;
  outcome: 'pending' | 'returned' | 'passed';
  submittedOn: string;
  decidedOn: string | null;
  ratings: { party: string; rating: TReviewRating; comments: string; byName: string; on: string }[];
}

export interface DemoReport {
  key: string;
  inspectionKey: string;
  orgKey: string;
  kind: TReportKind;
  seq: number;
  title: string;
  content: string;
  status: TSubmissionStatus;
  dueOn: string;
  submittedOn: string | null;
  acceptedOn: string | null;
  createdByName: string;
}

export interface DemoLifeMeeting {
  inspectionKey: string;
  orgKey: string;
  heldOn: string;
  attendees: string[];
  criticismItems: number;
  supervisors: string[];
  notes: string;
  createdByName: string;
}

export interface DemoOutcome {
  inspectionKey: string;
  orgKey: string;
  /** 万元, two decimals. */
  money: string;
  moneyKind: TMoneyKind | null;
  accountable: number;
  accountableByForm: Record<TAccountabilityForm, number> | null;
  rulesMade: number;
  recordedOn: string;
  note: string;
  recordedByName: string;
}

export interface DemoRuleMaking {
  inspectionKey: string;
  orgKey: string;
  title: string;
  kind: TRuleMakingKind;
  issuedOn: string;
  issuingBody: string;
  documentNumber: string | null;
  findingKeys: string[];
}

export interface DemoEvaluation {
  inspectionKey: string;
  orgKey: string;
  satisfied: number;
  valid: number;
  scoreHundredths: number;
  grade: TEvaluationGrade;
  /** The grade first concluded, when the organization was graded again (复评) after a deferral. */
  firstGrade: TEvaluationGrade | null;
  evaluatedOn: string;
  concludedByName: string;
  ratings: {
    rater: 'office' | 'team' | 'society';
    deductions: Record<string, number>;
    comments: string;
    byName: string;
    on: string;
  }[];
}

export interface DemoBatch {
  key: string;
  authorityKey: string;
  number: number;
  title: string;
  status: 'draft' | 'published';
  internalApprovedOn: string | null;
  publicApprovedOn: string | null;
  publishedOn: string | null;
  approvedBy: string;
  createdByName: string;
  createdOn: string;
  /** The late batch of 延后公示, else null. */
  late: boolean;
}

export interface DemoEntry {
  batchKey: string;
  inspectionKey: string;
  orgKey: string;
  seq: number;
  grade: TEvaluationGrade | null;
  deferred: boolean;
  deferReason: string | null;
  deferredFromBatch: number | null;
  findings: number;
  rectified: number;
  items: {
    findingKey: string;
    text: string;
    withheld: boolean;
    withholdReason: TWithholdReason | null;
    withholdNote: string | null;
  }[];
}

export interface DemoRectification {
  feedbacks: DemoFeedback[];
  plans: DemoPlan[];
  tasks: DemoTask[];
  extensions: DemoExtension[];
  evidence: DemoEvidence[];
  rollups: DemoRollup[];
  reviews: DemoReview[];
  reports: DemoReport[];
  lifeMeetings: DemoLifeMeeting[];
  outcomes: DemoOutcome[];
  ruleMakings: DemoRuleMaking[];
  evaluations: DemoEvaluation[];
  batches: DemoBatch[];
  entries: DemoEntry[];
  /** The finding keys in the order of the input (the seeder maps them to ids). */
  findingKeys: string[];
  /** The organization of the demo liaison: the one the city supervises now. */
  liaisonOrgKey: string | null;
  /** The party of the city's joint review group the demo reviewer sits for. */
  reviewerParty: { authorityKey: string; party: string };
}

// ---------------------------------------------------------------------------------------------
// Helpers

const PAST = new Set(['evaluated', 'published', 'archived']);
const stageAtLeast = (s: string, t: string) => STAGES.indexOf(s as never) >= STAGES.indexOf(t as never);
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);
const wdAfter = (d: string, n: number) => workdayOnOrAfter(addDays(d, n));
const wdBefore = (d: string, n: number) => workdayOnOrBefore(addDays(d, -n));
/** A working day between two dates (inclusive, clamped when the range is empty). */
function dayIn(rng: Rng, from: string, to: string): string {
  if (to <= from) return workdayOnOrAfter(from);
  const d = workdayOnOrBefore(addDays(from, intBetween(rng, 0, toDay(to) - toDay(from))));
  return d < from ? workdayOnOrAfter(from) : d;
}
function pickWeighted<T extends string>(rng: Rng, weights: Readonly<Partial<Record<T, number>>>): T {
  const entries = Object.entries(weights) as [T, number][];
  const total = entries.reduce((n, [, w]) => n + w, 0);
  let r = rng() * total;
  for (const [k, w] of entries) {
    r -= w;
    if (r < 0) return k;
  }
  return (entries.at(-1) as [T, number])[0];
}

const MONEY_TYPES: Record<string, TMoneyKind> = {
  'sgls-2-03': 'refunded',
  'sgls-2-05': 'refunded',
  'sgls-2-06': 'lossRecovered',
  'sgls-2-07': 'lossRecovered',
  'sgls-3-01': 'lossRecovered',
  'sgls-4-02': 'refunded',
  'sgls-4-04': 'lossRecovered',
  'sgjj-1-01': 'refunded',
  'sgjj-1-02': 'refunded',
  'sgjj-1-03': 'lossRecovered',
};

const RULES: Record<string, readonly string[]> = {
  'sgls-1-01': ['党组理论学习中心组学习制度', '“第一议题”制度实施办法'],
  'sgls-1-02': ['重点工作督查督办办法'],
  'sgls-1-04': ['意识形态工作责任制实施细则', '网络信息发布审核管理办法'],
  'sgls-1-05': ['安全生产风险隐患排查整治制度'],
  'sgls-2-01': ['落实全面从严治党主体责任清单', '班子成员“一岗双责”履职办法'],
  'sgls-2-02': ['内部审计工作规定'],
  'sgls-2-03': ['公务接待管理办法', '津贴补贴发放管理规定', '公务用车使用管理办法'],
  'sgls-2-05': ['财务报销管理制度', '往来款项清理管理办法'],
  'sgls-2-06': ['工程建设项目管理办法', '工程变更签证管理规定'],
  'sgls-2-07': ['政府采购内部控制制度', '国有资产管理办法'],
  'sgls-2-08': ['关键岗位人员轮岗交流办法', '廉政风险防控管理办法'],
  'sgls-3-01': ['“三重一大”事项集体决策制度实施细则', '党组会议议事规则'],
  'sgls-3-02': ['干部选拔任用工作实施细则'],
  'sgls-3-03': ['干部因私出国（境）证照管理办法'],
  'sgls-3-04': ['党支部工作规范', '“三会一课”制度实施办法'],
  'sgls-4-01': ['巡察整改工作台账管理办法'],
  'sgjj-1-02': ['村集体“三资”管理制度'],
  'sgjj-1-03': ['村级小型工程项目管理办法'],
  'sgjj-1-04': ['低保评议公示制度'],
  'sgjj-1-05': ['村务公开制度'],
  'sgjj-2-04': ['村务监督委员会工作规则'],
};
const DEFAULT_RULES = ['内部控制管理制度', '机关工作规则'];

/** What the organization does about a problem, by the 2-level framework of its type. */
const MEASURES: Record<string, Record<TTaskKind, readonly string[]>> = {
  'sgls-1': {
    immediate: ['召开党组会专题研究，逐条对照问题制定整改措施，明确责任人'],
    timeLimited: [
      '制定专项工作方案，对照上级部署逐项梳理落实情况，建立任务推进台账并按月调度',
      '开展专题学习研讨，完善学习制度，督促班子成员撰写研讨材料',
    ],
    longTerm: [
      '把贯彻落实上级决策部署情况纳入年度考核，建立常态化督查机制',
      '坚持“第一议题”制度，持续推动学习成果转化',
    ],
  },
  'sgls-2': {
    immediate: ['立即清退违规款项，对相关责任人进行约谈提醒', '立即开展自查自纠，对不规范票据逐笔核实补正'],
    timeLimited: [
      '开展财务专项检查，修订财务报销和资金管理制度，对问题款项限期清理',
      '聘请第三方对工程项目和采购事项开展专项审计，对违规问题追责问责',
    ],
    longTerm: ['健全廉政风险防控机制，每年开展一次风险排查，强化日常监督', '深化纠治“四风”，建立常态化监督检查机制'],
  },
  'sgls-3': {
    immediate: ['立即纠正不规范的决策程序，补充集体研究记录'],
    timeLimited: [
      '修订“三重一大”决策制度和干部选拔任用工作规程，对相关问题逐一整改',
      '开展党支部标准化规范化建设，规范组织生活',
    ],
    longTerm: [
      '严格执行民主集中制，建立议事决策全程纪实制度',
      '加强干部队伍日常管理监督，常态化开展个人有关事项抽查核实',
    ],
  },
  'sgls-4': {
    immediate: ['重新梳理上轮整改台账，对未完成事项逐项明确责任人和时限'],
    timeLimited: [
      '对上轮巡察和审计发现问题逐项“回头看”，整改一项、销号一项',
      '完善整改成果运用机制，对整改不力的责任人严肃问责',
    ],
    longTerm: ['建立整改长效机制，每半年向巡察机构报送一次整改进展', '把整改情况纳入班子成员述职述廉内容'],
  },
  sgjj: {
    immediate: ['立即追回违规资金，在村务公开栏公示处理结果', '立即入户核查，清退不符合条件的对象'],
    timeLimited: [
      '规范村级财务和“三资”管理，对集体资产资源发包合同全面清理',
      '落实“四议两公开”工作法，规范村级小型工程项目管理',
    ],
    longTerm: [
      '健全村务监督委员会工作机制，常态化开展村级财务公开',
      '持续巩固拓展脱贫攻坚成果，完善防返贫监测帮扶机制',
    ],
  },
};
const GOALS: Record<TTaskKind, string> = {
  immediate: '问题立行立改、即知即改，整改到位',
  timeLimited: '按时限完成整改，问题整改到位、群众认可',
  longTerm: '建立长效机制，防止问题反弹回潮',
};
const RED_CARD_REASONS = [
  '佐证材料仅有整改通知，未见退款凭证，整改流于形式',
  '所附制度为旧制度，未见修订后的印发文件',
  '佐证材料与问题不对应，请补充整改前后对比材料',
  '仅提交会议记录，未见具体整改措施的落实情况',
];
const EXTENSION_REASONS = [
  '涉及资金追缴需走司法程序，短期内难以完成',
  '制度修订需报上级主管部门审核，审核时间较长',
  '工程项目审计尚未出具结论，需待审计结论后整改',
  '涉及多个部门协调，需延长整改时限',
];
const PROGRESS_NOTES = [
  '已完成阶段性整改任务，相关制度已印发执行，持续跟踪落实',
  '已召开专题会议研究部署，整改工作有序推进',
  '已完成自查自纠，正在建立长效机制',
];
const REVIEW_COMMENTS: Record<TReviewRating, readonly string[]> = {
  good: ['整改措施具体，责任明确，同意', '问题认领到位，措施可行', '同意'],
  fair: ['部分措施较笼统，建议细化时间节点', '个别问题整改措施针对性不强，请完善', '建议补充举一反三的措施'],
  poor: [
    '对问题的原因剖析不深，整改措施照搬反馈意见，须重新制定',
    '责任清单未落实到具体责任人，时限不明确',
    '未区分立行立改、限期整改和长期坚持，须修改完善',
  ],
};
const REPORT_TITLE: Record<TReportKind, string> = {
  rectificationReport: '关于巡察整改情况的报告',
  leaderReport: '主要负责人组织落实巡察整改情况的报告',
  progressReport: '关于巡察整改持续推进情况的报告',
};
const LIFE_NOTES = '围绕巡察反馈问题召开专题民主生活会，班子成员逐一对照检查，开展批评和自我批评，明确整改措施。';

/** 单位 words that belong to an organization's kind. */
function deptOf(rng: Rng, o: Org, typeKey: string | null): string {
  if (o.kind === '村(社区)') return '村“两委”';
  if (o.kind === '乡镇(街道)') return pick(rng, ['党政综合办公室', '财政所', '党建工作办公室', '纪委']);
  const t = typeKey ?? '';
  if (t.startsWith('sgls-2')) return pick(rng, ['计划财务科', '办公室', '机关纪委']);
  if (t.startsWith('sgls-3')) return pick(rng, ['机关党委', '人事科', '组织人事科']);
  return pick(rng, ['办公室', '机关党委', '政策法规科', '业务科室']);
}

/** The organization's leaders in office on a day; the main leader first. */
function leadersOn(o: Org | undefined, day: string): { name: string; position: string }[] {
  if (!o) return [];
  const now = o.leaders.filter((l) => (!l.since || l.since <= day) && (!l.until || l.until > day));
  const list = now.length ? now : o.leaders;
  const main = (p: string) => /书记/.test(p) && !/纪/.test(p) && !/副书记/.test(p);
  return [...list].sort((a, b) => Number(main(b.position)) - Number(main(a.position)));
}

function regionOf(reg: Registry, authorityKey: string): string {
  const a = reg.authorities.find((x) => x.key === authorityKey);
  return (a?.name ?? '').replace(/^中共/, '').replace(/委?巡察.*$/, '');
}

// ---------------------------------------------------------------------------------------------
// The generator

interface Ctx {
  input: DemoRectificationInput;
  out: DemoRectification;
  names: NameBook;
  reserved: Set<string>;
  orgs: Map<string, Org>;
  roundOf: Map<string, Planning['rounds'][number]>;
  termOf: Map<string, Planning['terms'][number]>;
  teamLeader: Map<string, string>;
  officeStaff: Map<string, string>;
  officeLeader: Map<string, string>;
  liaisonOf: Map<string, string>;
  raters: Map<string, string>;
  /** Per (inspection, org): the findings with their final state, for evaluations and publication. */
  state: Map<string, { rectified: number; total: number; findingKeys: string[]; rollups: DemoRollup[] }>;
  /** Plans of the inspections in rectification now, in the order made (their statuses cycle). */
  currentPlans: number;
  findingTitle: Map<string, string>;
}

const person = (c: Ctx, rng: Rng) => {
  for (;;) {
    const n = c.names.person(rng);
    if (!c.reserved.has(n)) return n;
  }
};
const authorityOf = (c: Ctx, i: SeedInspection) =>
  (c.termOf.get((c.roundOf.get(i.roundKey) as Planning['rounds'][number]).termKey) as Planning['terms'][number])
    .authorityKey;

/** The organization's 联络员 (the demo liaison for the demo's organization). */
function liaison(c: Ctx, orgKey: string): string {
  let n = c.liaisonOf.get(orgKey);
  if (!n) {
    n =
      orgKey === c.out.liaisonOrgKey && c.input.liaisonName
        ? c.input.liaisonName
        : person(c, rngFor(SEED, `liaison:${orgKey}`));
    c.liaisonOf.set(orgKey, n);
  }
  return n;
}

/** Who rates for a party of an authority's joint review group (the team: its 组长). */
function rater(c: Ctx, authorityKey: string, party: string, i: SeedInspection): string {
  if (party === 'team') return c.teamLeader.get(i.teamKey ?? '') ?? c.officeLeader.get(authorityKey) ?? '巡察组组长';
  if (party === 'office') return c.officeLeader.get(authorityKey) ?? '巡察办主任';
  if (party === c.out.reviewerParty.party && authorityKey === c.out.reviewerParty.authorityKey && c.input.reviewerName)
    return c.input.reviewerName;
  const k = `${authorityKey}|${party}`;
  let n = c.raters.get(k);
  if (!n) {
    n = person(c, rngFor(SEED, `rater:${k}`));
    c.raters.set(k, n);
  }
  return n;
}

/** One passed round of review, or a send-back and a passed second round; returns the decision day. */
function reviewHistory(
  c: Ctx,
  rng: Rng,
  i: SeedInspection,
  orgKey: string,
  subject: TReviewSubject,
  subjectKey: string,
  submitted: string,
  opts: { returnedFirst: boolean; finalPending?: { rated: number } | null; latest?: string },
): { decided: string | null; rounds: number; comments: string | null; submittedLast: string } {
  const a = authorityOf(c, i);
  const parties = DEFAULT_REVIEW_PARTIES;
  let on = submitted;
  let round = 0;
  let comments: string | null = null;
  const rate = (outcome: 'returned' | 'passed' | 'pending', rated: number) => {
    round++;
    const poorAt = outcome === 'returned' ? intBetween(rng, 0, parties.length - 1) : -1;
    const decided = wdAfter(on, intBetween(rng, 4, 10));
    const ratings: DemoReview['ratings'] = [];
    parties.forEach((p, k) => {
      if (outcome === 'pending' && (k >= rated || p.key === c.out.reviewerParty.party)) return;
      const rating: TReviewRating = k === poorAt ? 'poor' : chance(rng, 0.75) ? 'good' : 'fair';
      ratings.push({
        party: p.key,
        rating,
        comments: pick(rng, REVIEW_COMMENTS[rating]),
        byName: rater(c, a, p.key, i),
        on: outcome === 'pending' ? minDate(dayIn(rng, on, decided), TODAY) : dayIn(rng, on, decided),
      });
    });
    // A 差 ends the round at once (domain jointReviewOutcome): the parties after it never rated,
    // and the 差 is the round's last rating, on the day it was decided. They are still drawn, so
    // the generator's other figures stay as they were.
    if (outcome === 'returned') {
      ratings.splice(poorAt + 1);
      (ratings[poorAt] as DemoReview['ratings'][number]).on = decided;
    }
    const result = jointReviewOutcome(
      parties,
      ratings.map((r) => ({ party: r.party, rating: r.rating, comments: r.comments })),
    );
    if (outcome !== 'pending' && result.outcome !== outcome) throw new Error(`会审结果不一致：${subjectKey}`);
    if (result.outcome === 'returned') comments = returnedCommentsText(result);
    c.out.reviews.push({
      inspectionKey: i.key,
      orgKey,
      subject,
      subjectKey,
      round,
      outcome: outcome === 'pending' ? 'pending' : outcome,
      submittedOn: on,
      decidedOn: outcome === 'pending' ? null : decided,
      ratings,
    });
    return decided;
  };
  let decided: string | null = null;
  if (opts.returnedFirst) {
    const back = rate('returned', parties.length);
    on = wdAfter(back, intBetween(rng, 5, 15));
    if (opts.latest && on > opts.latest) on = workdayOnOrBefore(opts.latest);
  }
  if (opts.finalPending && opts.latest && opts.latest > on) on = opts.latest;
  const submittedLast = on;
  if (opts.finalPending) rate('pending', opts.finalPending.rated);
  else {
    decided = rate('passed', parties.length);
    if (!opts.returnedFirst) comments = null;
  }
  return { decided, rounds: round, comments, submittedLast };
}

type Fate =
  | 'writtenOff'
  | 'doneWaiting'
  | 'overdue'
  | 'redCard'
  | 'yellow'
  | 'ongoing'
  | 'undone'
  | 'pendingExt'
  | 'approvedExt'
  | 'longTermMet';

/** The liaison's plan shows every kind of task first, in this order. */
const LIAISON_FATES: Fate[] = [
  'overdue',
  'redCard',
  'yellow',
  'yellow',
  'pendingExt',
  'approvedExt',
  'doneWaiting',
  'doneWaiting',
  'ongoing',
  'longTermMet',
];

function addInspection(c: Ctx, i: SeedInspection, findings: readonly (RectFindingInput & { key: string })[]) {
  const rng = rngFor(SEED, `insp:${i.key}`);
  const a = authorityOf(c, i);
  const region = regionOf(c.input.reg, a);
  const F = i.feedbackDate as string;
  const C = i.concentratedEndDate ?? addMonths(F, 2);
  const past = PAST.has(i.stage);
  const E = i.evaluatedDate;
  const staff = c.officeStaff.get(a) ?? '巡察办';
  const officeLead = c.officeLeader.get(a) ?? '巡察办主任';
  const leader = c.teamLeader.get(i.teamKey ?? '') ?? null;
  const city = c.input.reg.authorities.find((x) => x.key === a)?.level === 'city';
  const level = city ? '市' : region.endsWith('区') ? '区' : '县';

  // 反馈会 for every organization inspected.
  for (const t of i.targets) {
    const o = c.orgs.get(t.orgKey);
    const ls = leadersOn(o, F);
    const main = ls[0]?.name ?? person(c, rng);
    const sent = wdAfter(F, intBetween(rng, 1, 4));
    const copy = (recipient: DemoFeedback['copies'][number]['recipient'], name: string) => {
      const read = wdAfter(sent, intBetween(rng, 1, 12));
      return {
        recipient,
        name,
        sentOn: minDate(sent, TODAY) === sent ? sent : null,
        readOn: read <= TODAY && (past || chance(rng, 0.7)) ? read : null,
      };
    };
    c.out.feedbacks.push({
      inspectionKey: i.key,
      orgKey: t.orgKey,
      meetingDate: F,
      attendees: [
        leader ? `${leader}（巡察组组长）` : '巡察组全体成员',
        `${region}委巡察办负责同志`,
        `${o?.name ?? ''}领导班子成员`,
        t.role === 'village' ? '村“两委”成员、党员代表' : '中层以上干部',
      ],
      speakers: [
        leader ? `${leader}（反馈巡察情况）` : '巡察组组长（反馈巡察情况）',
        `${officeLead}（提出整改要求）`,
        `${main}（表态发言）`,
      ],
      // 会前沟通: the one-to-one with the main leader on the morning of the meeting.
      oneToOneOn: F,
      mainLeaderName: main,
      notes: '采取“会前沟通+大会反馈”方式，会前向主要负责人一对一反馈，并移交问题清单。',
      copies: [
        copy('sectorLeader', `分管${o?.sector ?? ''}工作的${level}领导`),
        copy(
          'competentDept',
          o?.parentKey
            ? (c.orgs.get(o.parentKey)?.name ?? `${region}${o?.sector ?? ''}主管部门`)
            : `${region}${o?.sector ?? ''}系统主管部门`,
        ),
        copy('disciplineCommission', `${region}纪委监委`),
        copy('organizationDept', `${region}委组织部`),
      ],
      recordedByName: staff,
    });
  }

  // Plans and tasks, per organization with findings.
  const byOrg = new Map<string, (RectFindingInput & { key: string })[]>();
  for (const f of findings) byOrg.set(f.orgKey, [...(byOrg.get(f.orgKey) ?? []), f]);
  const orgKeys = [...byOrg.keys()].sort();
  for (const orgKey of orgKeys) {
    const list = byOrg.get(orgKey) as (RectFindingInput & { key: string })[];
    const o = c.orgs.get(orgKey);
    const orng = rngFor(SEED, `plan:${i.key}|${orgKey}`);
    const planKey = `${i.key}|${orgKey}`;
    const isLiaison = orgKey === c.out.liaisonOrgKey && !past;
    const who = liaison(c, orgKey);
    const village = o?.kind === '村(社区)';
    const paper = village && chance(orng, 0.5);
    const created = wdAfter(F, intBetween(orng, 2, 6));
    // The current plans' statuses: most accepted, some at every other step.
    const status: TSubmissionStatus =
      past || isLiaison
        ? 'accepted'
        : (CURRENT_STATUSES[c.currentPlans++ % CURRENT_STATUSES.length] as TSubmissionStatus);
    const plan: DemoPlan = {
      key: planKey,
      inspectionKey: i.key,
      orgKey,
      status,
      reviewRound: 0,
      submittedOn: null,
      acceptedOn: null,
      returnedComments: null,
      createdOn: created,
      updatedOn: created,
    };
    c.out.plans.push(plan);
    const submitted = wdAfter(F, intBetween(orng, 14, 21));
    if (status === 'accepted') {
      const h = reviewHistory(c, orng, i, orgKey, 'plan', planKey, submitted, { returnedFirst: chance(orng, 0.12) });
      Object.assign(plan, {
        reviewRound: h.rounds,
        submittedOn: h.submittedLast,
        acceptedOn: h.decided,
        updatedOn: h.decided,
      });
    } else if (status === 'returned') {
      const h = reviewHistory(c, orng, i, orgKey, 'plan', planKey, submitted, {
        returnedFirst: true,
        finalPending: null,
      });
      // Only the send-back: drop the passed second round the helper adds.
      c.out.reviews.pop();
      const last = c.out.reviews.at(-1) as DemoReview;
      Object.assign(plan, {
        reviewRound: 1,
        submittedOn: submitted,
        returnedComments: h.comments,
        updatedOn: last.decidedOn,
      });
    } else if (status === 'inReview') {
      const second = chance(orng, 0.5);
      const resubmit = wdBefore(TODAY, intBetween(orng, 2, 12));
      const h = reviewHistory(c, orng, i, orgKey, 'plan', planKey, second ? submitted : resubmit, {
        returnedFirst: second,
        finalPending: { rated: intBetween(orng, 2, 4) },
        latest: resubmit,
      });
      Object.assign(plan, { reviewRound: h.rounds, submittedOn: h.submittedLast, updatedOn: h.submittedLast });
    }

    let liaisonFate = 0;
    let withTasks = 0;
    const planTasks: DemoTask[] = [];
    const planRollups: DemoRollup[] = [];
    for (const f of list) {
      const frng = rngFor(SEED, `task:${f.key}`);
      // A draft plan is not finished: some findings have no task yet.
      if (status === 'draft' && withTasks > 0 && chance(frng, 0.4)) continue;
      withTasks++;
      const n = chance(frng, 0.7) ? 1 : chance(frng, 0.8) ? 2 : 3;
      const group = (f.typeKey ?? 'sgls-2').startsWith('sgjj') ? 'sgjj' : (f.typeKey ?? 'sgls-2').slice(0, 6);
      const ls = leadersOn(o, F);
      const tasks: DemoTask[] = [];
      for (let k = 0; k < n; k++) {
        let kind: TTaskKind =
          k === 0 && f.immediate
            ? 'immediate'
            : pickWeighted<TTaskKind>(
                frng,
                k === 0
                  ? { immediate: 30, timeLimited: 55, longTerm: 15 }
                  : { immediate: 10, timeLimited: 50, longTerm: 40 },
              );
        const assigned = created;
        let deadline =
          kind === 'immediate'
            ? minDate(wdAfter(assigned, intBetween(frng, 15, 45)), workdayOnOrBefore(C))
            : kind === 'timeLimited'
              ? wdAfter(F, intBetween(frng, 60, 180))
              : wdAfter(F, intBetween(frng, 90, 300));
        const lead = (f.typeKey ?? '').startsWith('sgls-2')
          ? (ls.find((l) => /纪/.test(l.position)) ?? ls[1] ?? ls[0])
          : k > 0
            ? (ls[1] ?? ls[0])
            : ls[0];
        const t: DemoTask = {
          key: `${f.key}#t${k}`,
          findingKey: f.key,
          planKey,
          inspectionKey: i.key,
          orgKey,
          kind,
          measures:
            kind === 'immediate' && k === 0 && TYPE_WORDING[f.typeKey ?? '']
              ? `立行立改：${TYPE_WORDING[f.typeKey ?? '']?.fix}`
              : pick(frng, (MEASURES[group] ?? (MEASURES['sgls-2'] as Record<TTaskKind, readonly string[]>))[kind]),
          goal: GOALS[kind],
          responsibleLeader: lead ? `${lead.name}（${lead.position}）` : '主要负责人',
          responsibleDept: deptOf(frng, o as Org, f.typeKey),
          responsiblePerson: person(c, frng),
          assignedOn: assigned,
          originalDeadline: deadline,
          deadline,
          status: 'undone',
          writtenOff: false,
          writtenOffOn: null,
          writeOffNote: null,
          redCard: false,
          redCardReason: null,
          redCardOn: null,
          redCardCount: 0,
          extensionCount: 0,
          pendingExtension: false,
          evidenceCount: 0,
          lastNote: null,
          enteredByOffice: paper,
          createdByName: paper ? staff : who,
          updatedOn: assigned,
          events: [],
        };
        const ev = (
          kind2: string,
          on: string,
          from: TTaskStatus | null,
          to: TTaskStatus | null,
          note: string | null,
          by = paper ? staff : who,
          onBehalf = paper,
        ) => {
          t.events.push({ kind: kind2, from, to, note, by, onBehalf, on });
          if (on > t.updatedOn) t.updatedOn = on;
        };
        ev('assign', assigned, null, 'undone', t.measures);
        const report = (on: string, to: TTaskStatus, note: string) => {
          ev('report', on, t.status, to, note);
          t.status = to;
          t.lastNote = note;
        };
        const writeOff = (on: string) => {
          t.writtenOff = true;
          t.writtenOffOn = on;
          t.writeOffNote = '佐证材料齐全，同意销号';
          t.redCard = false;
          ev('writeOff', on, 'done', 'done', t.writeOffNote, staff, false);
        };
        const card = (on: string, to: TTaskStatus) => {
          const reason = pick(frng, RED_CARD_REASONS);
          ev('redCard', on, t.status, to, reason, staff, false);
          t.status = to;
          t.redCard = true;
          t.redCardReason = reason;
          t.redCardOn = on;
          t.redCardCount++;
        };
        const extend = (
          requested: string,
          newDeadline: string,
          status: DemoExtension['status'],
          decided: string | null,
        ) => {
          const reason = pick(frng, EXTENSION_REASONS);
          ev('requestExtension', requested, null, null, `${newDeadline}：${reason}`);
          c.out.extensions.push({
            taskKey: t.key,
            reason,
            oldDeadline: t.deadline,
            newDeadline,
            status,
            requestedByName: paper ? staff : who,
            requestedOn: requested,
            decidedByName: decided ? officeLead : null,
            decidedOn: decided,
            decisionNote:
              status === 'rejected' ? '理由不充分，请按原时限完成整改' : status === 'approved' ? '同意延期' : null,
          });
          if (status === 'pending') t.pendingExtension = true;
          if (status === 'approved' && decided) {
            ev('approveExtension', decided, null, null, `${t.deadline} → ${newDeadline}`, officeLead, false);
            t.deadline = newDeadline;
            t.extensionCount++;
          }
          if (status === 'rejected' && decided)
            ev('rejectExtension', decided, null, null, '理由不充分，请按原时限完成整改', officeLead, false);
        };
        const evidence = (on: string, count: number) => {
          for (let e = 0; e < count; e++) {
            const name = pick(frng, ['整改现场照片', '退款凭证', '制度印发文件', '会议纪要', '整改前后对比照片']);
            c.out.evidence.push({
              taskKey: t.key,
              name: `${name}${e ? e + 1 : ''}.png`,
              description: name,
              byName: paper ? staff : who,
              on,
            });
            ev('addEvidence', on, null, null, `${name}${e ? e + 1 : ''}.png`);
            t.evidenceCount++;
          }
        };

        if (past) {
          const closeBy = minDate(E as string, TODAY);
          const keep = kind === 'longTerm' && chance(frng, toDay(closeBy) > toDay('2024-01-01') ? 0.25 : 0.1);
          if (kind === 'timeLimited' && chance(frng, 0.05)) {
            const req = maxDate(wdBefore(deadline, intBetween(frng, 3, 15)), wdAfter(assigned, 1));
            const rejected = chance(frng, 0.1);
            extend(
              req,
              wdAfter(deadline, intBetween(frng, 30, 90)),
              rejected ? 'rejected' : 'approved',
              wdAfter(req, intBetween(frng, 1, 4)),
            );
            deadline = t.deadline;
          }
          if (keep) {
            report(
              dayIn(frng, wdAfter(assigned, 20), minDate(deadline, wdBefore(closeBy, 3))),
              'ongoing',
              pick(frng, PROGRESS_NOTES),
            );
          } else {
            const carded = chance(frng, 0.03);
            // Holidays stretch working days: the last step is kept on or before the evaluation.
            const done = dayIn(frng, wdAfter(assigned, 7), minDate(deadline, wdBefore(closeBy, carded ? 30 : 12)));
            report(done, 'done', '已按整改措施完成整改，佐证材料已报送');
            let off = wdAfter(done, intBetween(frng, 2, 7));
            if (carded) {
              card(wdAfter(done, 2), 'ongoing');
              const again = wdAfter(done, intBetween(frng, 5, 9));
              report(again, 'done', '已补充整改佐证材料');
              off = wdAfter(again, 1);
            }
            off = maxDate(minDate(off, workdayOnOrBefore(closeBy)), (t.events.at(-1) as DemoTask['events'][number]).on);
            writeOff(off);
          }
        } else if (status === 'accepted') {
          let fate: Fate;
          if (isLiaison && liaisonFate < LIAISON_FATES.length) fate = LIAISON_FATES[liaisonFate++] as Fate;
          else if (kind === 'immediate')
            fate = pickWeighted<Fate>(frng, { writtenOff: 80, doneWaiting: 7, overdue: 7, redCard: 6 });
          else if (kind === 'longTerm')
            fate = pickWeighted<Fate>(frng, { longTermMet: 80, redCard: 5, overdue: 5, writtenOff: 10 });
          else if (deadline < TODAY)
            fate = pickWeighted<Fate>(frng, {
              writtenOff: 62,
              doneWaiting: 12,
              overdue: 12,
              redCard: 6,
              approvedExt: 8,
            });
          else
            fate = pickWeighted<Fate>(frng, {
              writtenOff: 15,
              doneWaiting: 10,
              ongoing: 33,
              undone: 12,
              yellow: 15,
              pendingExt: 10,
              approvedExt: 5,
            });
          // Deadlines after 集中整改 are not 立行立改's.
          if (kind === 'immediate' && ['yellow', 'ongoing', 'undone', 'pendingExt', 'approvedExt'].includes(fate))
            kind = 'timeLimited';
          if (fate === 'longTermMet') kind = 'longTerm';
          if (
            fate !== 'longTermMet' &&
            kind === 'longTerm' &&
            ['yellow', 'undone', 'ongoing', 'pendingExt', 'approvedExt'].includes(fate)
          )
            kind = 'timeLimited';
          t.kind = kind;
          t.goal = GOALS[kind];
          const setDeadline = (d: string) => {
            deadline = d;
            t.deadline = d;
            t.originalDeadline = d;
          };
          const firstReport = (to: TTaskStatus, latest: string) =>
            report(
              dayIn(frng, wdAfter(assigned, 10), latest),
              to,
              to === 'done' ? '已按整改措施完成整改，佐证材料已报送' : pick(frng, PROGRESS_NOTES),
            );
          switch (fate) {
            case 'writtenOff': {
              const done = dayIn(frng, wdAfter(assigned, 7), minDate(deadline, wdBefore(TODAY, 10)));
              report(done, 'done', '已按整改措施完成整改，佐证材料已报送');
              evidence(done, intBetween(frng, 1, 2));
              writeOff(minDate(wdAfter(done, intBetween(frng, 2, 7)), wdBefore(TODAY, 1)));
              break;
            }
            case 'doneWaiting': {
              const done = dayIn(frng, maxDate(wdBefore(TODAY, 12), wdAfter(assigned, 7)), wdBefore(TODAY, 1));
              report(done, 'done', '已完成整改，请审核销号');
              evidence(done, intBetween(frng, 1, 3));
              break;
            }
            case 'overdue': {
              if (deadline >= TODAY) setDeadline(wdBefore(TODAY, intBetween(frng, 5, 40)));
              if (kind !== 'longTerm' && chance(frng, 0.5)) firstReport('ongoing', wdBefore(deadline, 1));
              break;
            }
            case 'redCard': {
              const done = dayIn(frng, wdAfter(assigned, 10), wdBefore(TODAY, 12));
              report(done, 'done', '已完成整改');
              evidence(done, 1);
              card(wdAfter(done, intBetween(frng, 2, 8)), kind === 'longTerm' ? 'undone' : 'ongoing');
              break;
            }
            case 'yellow':
              setDeadline(wdAfter(TODAY, intBetween(frng, 1, 5)));
              if (chance(frng, 0.6)) firstReport('ongoing', wdBefore(TODAY, 2));
              break;
            case 'ongoing':
              if (deadline < wdAfter(TODAY, 14)) setDeadline(wdAfter(TODAY, intBetween(frng, 14, 90)));
              firstReport('ongoing', wdBefore(TODAY, 2));
              evidence(t.lastNote ? (t.events.at(-1) as DemoTask['events'][number]).on : TODAY, intBetween(frng, 0, 1));
              break;
            case 'undone':
              if (deadline < wdAfter(TODAY, 14)) setDeadline(wdAfter(TODAY, intBetween(frng, 14, 90)));
              break;
            case 'pendingExt':
              setDeadline(wdAfter(TODAY, intBetween(frng, 4, 20)));
              firstReport('ongoing', wdBefore(TODAY, 8));
              extend(
                wdBefore(TODAY, intBetween(frng, 1, 6)),
                wdAfter(deadline, intBetween(frng, 30, 60)),
                'pending',
                null,
              );
              break;
            case 'approvedExt': {
              const old = maxDate(wdBefore(TODAY, intBetween(frng, 10, 60)), wdAfter(assigned, 30));
              setDeadline(old);
              const req = wdBefore(old, intBetween(frng, 3, 8));
              firstReport('ongoing', wdBefore(req, 1));
              extend(req, wdAfter(TODAY, intBetween(frng, 20, 90)), 'approved', wdAfter(req, intBetween(frng, 1, 3)));
              break;
            }
            case 'longTermMet':
              firstReport('ongoing', wdBefore(TODAY, 3));
              evidence((t.events.at(-1) as DemoTask['events'][number]).on, 1);
              break;
          }
        } else if (deadline < wdAfter(TODAY, 10)) {
          // A plan not yet accepted: its tasks are still proposals with deadlines ahead.
          if (kind === 'immediate') kind = 'timeLimited';
          t.kind = kind;
          t.goal = GOALS[kind];
          deadline = wdAfter(TODAY, intBetween(frng, 20, 120));
          t.deadline = deadline;
          t.originalDeadline = deadline;
        }
        tasks.push(t);
      }
      c.out.tasks.push(...tasks);
      planTasks.push(...tasks);
      const rollup: DemoRollup = {
        findingKey: f.key,
        inspectionKey: i.key,
        orgKey,
        taskCount: tasks.length,
        writtenOffCount: tasks.filter((t) => t.writtenOff).length,
        ongoingOpenCount: tasks.filter((t) => !t.writtenOff && t.status === 'ongoing').length,
      };
      c.out.rollups.push(rollup);
      planRollups.push(rollup);
    }
    c.state.set(`${i.key}|${orgKey}`, {
      total: list.length,
      rectified: planRollups.filter((r) => r.taskCount > 0 && r.writtenOffCount === r.taskCount).length,
      findingKeys: list.map((f) => f.key),
      rollups: planRollups,
    });

    // Reports of 集中整改 (due two months after the feedback), and progress reports after.
    if (status === 'accepted') {
      const dueOn = C;
      for (const kind of ['rectificationReport', 'leaderReport'] as const) {
        const key = `${planKey}|${kind}`;
        const rrng = rngFor(SEED, `report:${key}`);
        const submittedOn = wdBefore(dueOn, intBetween(rrng, 0, 6));
        const report: DemoReport = {
          key,
          inspectionKey: i.key,
          orgKey,
          kind,
          seq: 0,
          title: `${o?.name ?? ''}${REPORT_TITLE[kind]}`,
          content: `${o?.name ?? ''}${kind === 'leaderReport' ? '主要负责人切实履行第一责任人职责，' : ''}对照巡察反馈的${list.length}个问题，制定整改措施，逐项推进落实。截至报告日，已完成整改的问题按整改台账销号管理，其余问题持续推进。`,
          status: 'accepted',
          dueOn,
          submittedOn,
          acceptedOn: null,
          createdByName: who,
        };
        let pending: { rated: number } | null = null;
        let returnedFirst = chance(rrng, 0.08);
        if (isLiaison) {
          // The demo reviewer's queue: both reports of the organization the city supervises now.
          pending = { rated: kind === 'rectificationReport' ? 3 : 2 };
          returnedFirst = kind === 'rectificationReport';
        } else if (!past && kind === 'leaderReport' && chance(rrng, 0.3)) pending = { rated: intBetween(rrng, 1, 3) };
        const h = reviewHistory(c, rrng, i, orgKey, kind, key, submittedOn, {
          returnedFirst,
          finalPending: pending,
          latest: pending ? wdBefore(TODAY, intBetween(rrng, 3, 9)) : undefined,
        });
        report.submittedOn = h.submittedLast;
        report.status = pending ? 'inReview' : 'accepted';
        report.acceptedOn = h.decided;
        c.out.reports.push(report);
      }
      if (planTasks.some((t) => !t.writtenOff)) {
        for (let seq = 1; seq <= 3; seq++) {
          const due = addMonths(C, 6 * seq);
          if (due > TODAY) break;
          const key = `${planKey}|progressReport|${seq}`;
          const rrng = rngFor(SEED, `report:${key}`);
          const submittedOn = wdBefore(due, intBetween(rrng, 0, 5));
          const h = reviewHistory(c, rrng, i, orgKey, 'progressReport', key, submittedOn, { returnedFirst: false });
          c.out.reports.push({
            key,
            inspectionKey: i.key,
            orgKey,
            kind: 'progressReport',
            seq,
            title: `${o?.name ?? ''}${REPORT_TITLE.progressReport}（第${seq}次）`,
            content: `${o?.name ?? ''}持续推进长期坚持类整改任务，${pick(rrng, PROGRESS_NOTES)}。`,
            status: 'accepted',
            dueOn: due,
            submittedOn: h.submittedLast,
            acceptedOn: h.decided,
            createdByName: who,
          });
        }
      }
      // 专题民主生活会 (not a village's: it holds an 组织生活会).
      if (!village) {
        const held = minDate(wdAfter(F, intBetween(orng, 25, 50)), wdBefore(TODAY, 1));
        const ls = leadersOn(o, held);
        c.out.lifeMeetings.push({
          inspectionKey: i.key,
          orgKey,
          heldOn: held,
          attendees: ls.map((l) => `${l.name}（${l.position}）`),
          criticismItems: intBetween(orng, 12, 45),
          supervisors: [`${region}委巡察办`, `${region}纪委监委`, `${region}委组织部`],
          notes: LIFE_NOTES,
          createdByName: staff,
        });
      }
    }
  }
}

const CURRENT_STATUSES: TSubmissionStatus[] = [
  'accepted',
  'inReview',
  'accepted',
  'returned',
  'accepted',
  'draft',
  'accepted',
  'inReview',
];

/** Outcomes, the 建章立制 register and the evaluation of the past inspections' organizations. */
function addResults(
  c: Ctx,
  i: SeedInspection,
  findings: readonly (RectFindingInput & { key: string })[],
  deferredOrgs: ReadonlySet<string>,
  rulesTarget: Map<string, number>,
  poorNow: ReadonlySet<string>,
) {
  const a = authorityOf(c, i);
  const staff = c.officeStaff.get(a) ?? '巡察办';
  const officeLead = c.officeLeader.get(a) ?? '巡察办主任';
  const past = PAST.has(i.stage);
  const C = i.concentratedEndDate ?? addMonths(i.feedbackDate as string, 2);
  const orgKeys = [...new Set(findings.map((f) => f.orgKey))].sort();
  for (const orgKey of orgKeys) {
    const plan = c.out.plans.find((p) => p.inspectionKey === i.key && p.orgKey === orgKey);
    if (plan?.status !== 'accepted') continue;
    const list = findings.filter((f) => f.orgKey === orgKey);
    const o = c.orgs.get(orgKey);
    const rng = rngFor(SEED, `results:${i.key}|${orgKey}`);
    const village = o?.kind === '村(社区)';
    if (!past && chance(rng, 0.5)) continue;
    // Money recovered on the findings that concern money.
    let cents = 0n;
    const kinds = new Map<TMoneyKind, bigint>();
    for (const f of list) {
      const mk = MONEY_TYPES[f.typeKey ?? ''];
      if (!mk) continue;
      const v = BigInt(village ? intBetween(rng, 5, 300) : intBetween(rng, 50, 6000));
      cents += v;
      kinds.set(mk, (kinds.get(mk) ?? 0n) + v);
    }
    const accountable = Math.round(list.length * (0.1 + rng() * 0.35));
    const forms = apportion(
      accountable,
      [70, 20, 8, 2].map((w) => w * (0.8 + rng() * 0.4)),
    );
    const rules = rulesTarget.get(`${i.key}|${orgKey}`) ?? Math.round(list.length * (0.8 + rng() * 0.8));
    const recordedOn = past
      ? minDate(wdAfter(C, intBetween(rng, 3, 20)), i.evaluatedDate ?? TODAY)
      : wdBefore(TODAY, intBetween(rng, 3, 30));
    if (cents > 0n || accountable > 0 || rules > 0)
      c.out.outcomes.push({
        inspectionKey: i.key,
        orgKey,
        money: formatWan(cents),
        moneyKind:
          cents > 0n
            ? (kinds.get('refunded') ?? 0n) >= (kinds.get('lossRecovered') ?? 0n)
              ? 'refunded'
              : 'lossRecovered'
            : null,
        accountable,
        accountableByForm: accountable
          ? { first: forms[0] ?? 0, second: forms[1] ?? 0, third: forms[2] ?? 0, fourth: forms[3] ?? 0 }
          : null,
        rulesMade: rules,
        recordedOn,
        note: '巡察整改成效：清退清收和挽回损失、追责问责、建章立制情况',
        recordedByName: staff,
      });
    // The register: one or two rules with their titles.
    const registered = past ? (list.length >= 10 ? 2 : 1) : 0;
    for (let k = 0; k < registered; k++) {
      const f = list[k % list.length] as RectFindingInput & { key: string };
      const rule = pick(rng, RULES[f.typeKey ?? ''] ?? DEFAULT_RULES);
      const kind: TRuleMakingKind = chance(rng, 0.6) ? 'made' : chance(rng, 0.9) ? 'revised' : 'abolished';
      const issued = dayIn(rng, wdAfter(i.feedbackDate as string, 20), minDate(C, TODAY));
      const short = (o?.name ?? '').replace(/^(赣州市|南康区|于都县)/, '').slice(0, 4);
      c.out.ruleMakings.push({
        inspectionKey: i.key,
        orgKey,
        title:
          kind === 'abolished'
            ? `《${rule}》（${Number(issued.slice(0, 4)) - intBetween(rng, 4, 9)}年版）`
            : `《${rule}》`,
        kind,
        issuedOn: issued,
        issuingBody: village ? `${o?.name ?? ''}党支部` : `${o?.name ?? ''}党组（党委）`,
        documentNumber: village ? null : `${short}发〔${issued.slice(0, 4)}〕${intBetween(rng, 3, 60)}号`,
        findingKeys: [f.key],
      });
    }
    if (!past || !i.evaluatedDate) continue;
    // The evaluation: the grade decides the deductions; satisfaction above 90% deducts nothing.
    // The organizations deferred in the first term were graded 差, kept rectifying and were graded
    // again before their late publication (复评); one organization is graded 差 now.
    const reevaluated = deferredOrgs.has(`${i.key}|${orgKey}`);
    const grade: TEvaluationGrade = reevaluated
      ? 'average'
      : poorNow.has(`${i.key}|${orgKey}`)
        ? 'poor'
        : pickWeighted<TEvaluationGrade>(rng, { good: 55, fairlyGood: 35, average: 10, poor: 0 });
    const base = { good: [15, 70], fairlyGood: [115, 180], average: [230, 350], poor: [430, 520] }[grade] as [
      number,
      number,
    ];
    const valid = village ? intBetween(rng, 40, 120) : intBetween(rng, 150, 480);
    const rate = { good: [965, 995], fairlyGood: [955, 985], average: [940, 970], poor: [900, 940] }[grade] as [
      number,
      number,
    ];
    const satisfied = Math.round(
      (valid * intBetween(rng, reevaluated ? 925 : rate[0], reevaluated ? 955 : rate[1])) / 1000,
    );
    const items = DEFAULT_SCORECARD.items.filter((x) => x.source !== 'satisfaction');
    const deductionsOf = (tenths: number) => {
      const out: Record<string, number> = {};
      let left = tenths;
      let guard = 0;
      while (left > 0 && guard++ < 500) {
        const it = pick(rng, items);
        const step = Math.min(left, 5, it.maxDeduction * 10 - Math.round((out[it.key] ?? 0) * 10));
        if (step <= 0) continue;
        out[it.key] = Math.round((out[it.key] ?? 0) * 10 + step) / 10;
        left -= step;
      }
      return out;
    };
    const evaluatedOn = reevaluated ? wdAfter(i.evaluatedDate, intBetween(rng, 60, 90)) : i.evaluatedDate;
    const ratings: DemoEvaluation['ratings'] = (['office', 'team', 'society'] as const).map((r) => ({
      rater: r,
      deductions: deductionsOf(Math.max(0, intBetween(rng, base[0], base[1]) + intBetween(rng, -15, 15))),
      comments: {
        good: '整改态度端正，措施有力，成效明显',
        fairlyGood: '整改总体到位，个别问题需持续推进',
        average: '整改进度偏慢，部分佐证材料不够充分',
        poor: '整改成效不明显，存在敷衍整改现象',
      }[reevaluated ? 'poor' : grade].concat(reevaluated ? '；延后公示后持续整改，复评为“一般”' : ''),
      byName:
        r === 'office' ? officeLead : r === 'team' ? (c.teamLeader.get(i.teamKey ?? '') ?? officeLead) : '社会评议组',
      on: wdBefore(evaluatedOn, intBetween(rng, 2, 8)),
    }));
    const score = scoreEvaluation(
      DEFAULT_SCORECARD,
      Object.fromEntries(ratings.map((r) => [r.rater, r.deductions])),
      satisfied / valid,
    );
    c.out.evaluations.push({
      inspectionKey: i.key,
      orgKey,
      satisfied,
      valid,
      scoreHundredths: Math.round(score.score * 100),
      grade: score.grade,
      firstGrade: reevaluated ? 'poor' : null,
      evaluatedOn,
      concludedByName: officeLead,
      ratings,
    });
  }
}

/** The 双公开 batches: one per round per authority, the 延后公示 batches, a draft of the evaluated. */
function addBatches(c: Ctx, deferred: ReadonlySet<string>) {
  const { plan, reg } = c.input;
  const evals = new Map(c.out.evaluations.map((e) => [`${e.inspectionKey}|${e.orgKey}`, e]));
  const itemsOf = (ik: string, orgKey: string, rng: Rng): DemoEntry['items'] => {
    const st = c.state.get(`${ik}|${orgKey}`);
    if (!st) return [];
    const rolled = new Map(st.rollups.map((r) => [r.findingKey, r]));
    return st.findingKeys.map((fk) => {
      const r = rolled.get(fk);
      const title = c.findingTitle.get(fk) ?? '';
      const done = r && r.taskCount > 0 && r.writtenOffCount === r.taskCount;
      const withheld = chance(rng, 0.02);
      const reason = withheld
        ? pickWeighted<TWithholdReason>(rng, {
            caseUnderReview: 5,
            hypeRisk: 2,
            majorSensitive: 1,
            massIncidentRisk: 1,
            stateSecret: 1,
          })
        : null;
      return {
        findingKey: fk,
        text: `${title}。整改情况：${done ? '已完成整改并销号' : '已取得阶段性成果，持续整改中'}。`,
        withheld,
        withholdReason: reason,
        withholdNote: withheld ? '该问题涉及的人员正在审查调查，暂不对外公开' : null,
      };
    });
  };
  for (const a of reg.authorities) {
    const terms = plan.terms.filter((t) => t.authorityKey === a.key);
    if (!terms.length) continue;
    const staff = c.officeStaff.get(a.key) ?? '巡察办';
    const lead = c.officeLeader.get(a.key) ?? '巡察办主任';
    const region = regionOf(reg, a.key);
    const batches: (DemoBatch & { entries: Omit<DemoEntry, 'batchKey' | 'seq'>[] })[] = [];
    const late: { ik: string; orgKey: string; from: string }[] = [];
    for (const term of terms)
      for (const r of plan.rounds.filter((x) => x.termKey === term.key)) {
        const insps = plan.inspections.filter((i) => i.roundKey === r.key && i.publishedDate);
        if (!insps.length) continue;
        const key = `${a.key}|${r.key}`;
        const rng = rngFor(SEED, `batch:${key}`);
        const entries: Omit<DemoEntry, 'batchKey' | 'seq'>[] = [];
        const dates: string[] = [];
        for (const i of insps)
          for (const orgKey of [
            ...new Set(c.out.plans.filter((p) => p.inspectionKey === i.key).map((p) => p.orgKey)),
          ].sort()) {
            const st = c.state.get(`${i.key}|${orgKey}`);
            const ev = evals.get(`${i.key}|${orgKey}`);
            const isDeferred = deferred.has(`${i.key}|${orgKey}`);
            if (isDeferred) late.push({ ik: i.key, orgKey, from: key });
            else dates.push(i.publishedDate as string);
            entries.push({
              inspectionKey: i.key,
              orgKey,
              grade: (isDeferred ? ev?.firstGrade : ev?.grade) ?? null,
              deferred: isDeferred,
              deferReason: isDeferred ? '整改评估等次为“差”，整改成效不明显，延后公示' : null,
              deferredFromBatch: null,
              findings: st?.total ?? 0,
              rectified: st?.rectified ?? 0,
              items: isDeferred ? [] : itemsOf(i.key, orgKey, rng),
            });
          }
        const published = dates.length
          ? (dates.sort().at(-1) as string)
          : wdAfter(insps[0]?.evaluatedDate as string, 45);
        batches.push({
          key,
          authorityKey: a.key,
          number: 0,
          title: `${term.name}${r.name}巡察整改情况公示`,
          status: 'published',
          internalApprovedOn: wdBefore(published, intBetween(rng, 6, 12)),
          publicApprovedOn: wdBefore(published, intBetween(rng, 1, 5)),
          publishedOn: published,
          approvedBy: lead,
          createdByName: staff,
          createdOn: wdBefore(published, intBetween(rng, 15, 25)),
          late: false,
          entries,
        });
      }
    // 延后公示: the deferred organizations of the city's first term, in five later batches.
    if (late.length) {
      const inspection = new Map(plan.inspections.map((i) => [i.key, i]));
      late.sort((x, y) =>
        (inspection.get(x.ik)?.publishedDate as string) < (inspection.get(y.ik)?.publishedDate as string) ? -1 : 1,
      );
      const sizes = apportion(late.length, Array(CITY_FIRST_TERM_RECT.lateBatches).fill(1));
      let at = 0;
      sizes.forEach((size, g) => {
        const group = late.slice(at, at + size);
        at += size;
        if (!group.length) return;
        // After each organization's own publication day, and after the batch that deferred it.
        const published = group
          .flatMap((x) => [
            inspection.get(x.ik)?.publishedDate as string,
            wdAfter(batches.find((y) => y.key === x.from)?.publishedOn as string, 20),
          ])
          .sort()
          .at(-1) as string;
        const rng = rngFor(SEED, `late:${a.key}:${g}`);
        batches.push({
          key: `${a.key}|late|${g + 1}`,
          authorityKey: a.key,
          number: 0,
          title: `${region}巡察整改情况延后公示（第${g + 1}批）`,
          status: 'published',
          internalApprovedOn: wdBefore(published, intBetween(rng, 6, 12)),
          publicApprovedOn: wdBefore(published, intBetween(rng, 1, 5)),
          publishedOn: published,
          approvedBy: lead,
          createdByName: staff,
          createdOn: wdBefore(published, intBetween(rng, 15, 25)),
          late: true,
          entries: group.map((x) => {
            const st = c.state.get(`${x.ik}|${x.orgKey}`);
            return {
              inspectionKey: x.ik,
              orgKey: x.orgKey,
              grade: evals.get(`${x.ik}|${x.orgKey}`)?.grade ?? null,
              deferred: false,
              // Filled in once the batches are numbered.
              deferReason: x.from,
              deferredFromBatch: null,
              findings: st?.total ?? 0,
              rectified: st?.rectified ?? 0,
              items: itemsOf(x.ik, x.orgKey, rng),
            };
          }),
        });
      });
    }
    // The evaluated, not yet published: the next batch in draft.
    const waiting = plan.inspections.filter(
      (i) => i.stage === 'evaluated' && terms.some((t) => t.key === c.roundOf.get(i.roundKey)?.termKey),
    );
    if (waiting.length) {
      const rng = rngFor(SEED, `draft:${a.key}`);
      batches.push({
        key: `${a.key}|draft`,
        authorityKey: a.key,
        number: 0,
        title: `${region}巡察整改情况公示（拟公开）`,
        status: 'draft',
        internalApprovedOn: null,
        publicApprovedOn: null,
        publishedOn: null,
        approvedBy: lead,
        createdByName: staff,
        createdOn: wdBefore(TODAY, intBetween(rng, 2, 10)),
        late: false,
        entries: waiting.flatMap((i) =>
          [...new Set(c.out.plans.filter((p) => p.inspectionKey === i.key).map((p) => p.orgKey))]
            .sort()
            .map((orgKey) => {
              const st = c.state.get(`${i.key}|${orgKey}`);
              const grade = evals.get(`${i.key}|${orgKey}`)?.grade ?? null;
              const poor = grade === 'poor';
              return {
                inspectionKey: i.key,
                orgKey,
                grade,
                deferred: poor,
                deferReason: poor ? '整改评估等次为“差”，整改成效不明显，延后公示' : null,
                deferredFromBatch: null,
                findings: st?.total ?? 0,
                rectified: st?.rectified ?? 0,
                items: poor ? [] : itemsOf(i.key, orgKey, rng),
              };
            }),
        ),
      });
    }
    batches.sort((x, y) =>
      (x.publishedOn ?? '9999') < (y.publishedOn ?? '9999')
        ? -1
        : (x.publishedOn ?? '9999') > (y.publishedOn ?? '9999')
          ? 1
          : x.key < y.key
            ? -1
            : 1,
    );
    const numberOf = new Map<string, number>();
    batches.forEach((b, k) => {
      b.number = k + 1;
      numberOf.set(b.key, k + 1);
    });
    for (const b of batches) {
      const { entries, ...batch } = b;
      c.out.batches.push(batch);
      entries.forEach((e, seq) => {
        const fromBatch = b.late ? (numberOf.get(e.deferReason as string) ?? null) : null;
        c.out.entries.push({
          ...e,
          batchKey: b.key,
          seq: seq + 1,
          deferReason: b.late ? null : e.deferReason,
          deferredFromBatch: fromBatch,
        });
      });
    }
  }
}

export function buildDemoRectification(input: DemoRectificationInput): DemoRectification {
  const { reg, plan, personnel } = input;
  const out: DemoRectification = {
    feedbacks: [],
    plans: [],
    tasks: [],
    extensions: [],
    evidence: [],
    rollups: [],
    reviews: [],
    reports: [],
    lifeMeetings: [],
    outcomes: [],
    ruleMakings: [],
    evaluations: [],
    batches: [],
    entries: [],
    findingKeys: [],
    liaisonOrgKey: null,
    reviewerParty: {
      authorityKey: reg.authorities.find((a) => a.level === 'city')?.key as string,
      party: 'discipline',
    },
  };
  const names = new Map(personnel.inspectors.map((p) => [p.key, p.name]));
  const officeStaff = new Map<string, string>();
  const officeLeader = new Map<string, string>();
  for (const p of personnel.inspectors) {
    if (!p.homeUnitName.endsWith('委巡察办')) continue;
    if (p.post.endsWith('主任')) {
      if (!officeLeader.has(p.authorityKey)) officeLeader.set(p.authorityKey, p.name);
    } else if (!officeStaff.has(p.authorityKey)) officeStaff.set(p.authorityKey, p.name);
  }
  const c: Ctx = {
    input,
    out,
    names: new NameBook(),
    reserved: new Set([...(input.reservedNames ?? []), ...personnel.inspectors.map((p) => p.name)]),
    orgs: new Map(reg.orgs.map((o) => [o.key, o])),
    roundOf: new Map(plan.rounds.map((r) => [r.key, r])),
    termOf: new Map(plan.terms.map((t) => [t.key, t])),
    teamLeader: new Map(
      personnel.teamMembers.filter((m) => m.role === 'leader').map((m) => [m.teamKey, names.get(m.inspectorKey) ?? '']),
    ),
    officeStaff,
    officeLeader,
    liaisonOf: new Map(),
    raters: new Map(),
    state: new Map(),
    currentPlans: 0,
    findingTitle: new Map(),
  };
  // Stable keys: by inspection, then as fieldwork recorded them.
  const sorted = input.findings
    .map((f, idx) => ({ f, idx }))
    .sort(
      (x, y) =>
        (x.f.inspectionKey < y.f.inspectionKey ? -1 : x.f.inspectionKey > y.f.inspectionKey ? 1 : 0) ||
        (x.f.createdAt < y.f.createdAt ? -1 : x.f.createdAt > y.f.createdAt ? 1 : 0) ||
        (x.f.title < y.f.title ? -1 : x.f.title > y.f.title ? 1 : 0) ||
        (x.f.facts < y.f.facts ? -1 : x.f.facts > y.f.facts ? 1 : 0) ||
        (x.f.orgKey < y.f.orgKey ? -1 : x.f.orgKey > y.f.orgKey ? 1 : 0),
    );
  const keyed: (RectFindingInput & { key: string })[] = [];
  const keyOfIdx: string[] = new Array(input.findings.length);
  let last = '';
  let n = 0;
  for (const { f, idx } of sorted) {
    n = f.inspectionKey === last ? n + 1 : 0;
    last = f.inspectionKey;
    const key = `${f.inspectionKey}#r${n}`;
    keyed.push({ ...f, key });
    keyOfIdx[idx] = key;
    c.findingTitle.set(key, f.title);
  }
  out.findingKeys = keyOfIdx;
  const byInspection = new Map<string, (RectFindingInput & { key: string })[]>();
  for (const f of keyed) byInspection.set(f.inspectionKey, [...(byInspection.get(f.inspectionKey) ?? []), f]);

  const reached = plan.inspections
    .filter((i) => i.feedbackDate && i.feedbackDate <= TODAY && stageAtLeast(i.stage, 'feedback'))
    .sort((x, y) => (x.key < y.key ? -1 : 1));
  const cityKey = out.reviewerParty.authorityKey;
  const current = reached.find(
    (i) => !PAST.has(i.stage) && authorityOf(c, i) === cityKey && (byInspection.get(i.key)?.length ?? 0) > 0,
  );
  out.liaisonOrgKey = current
    ? ((current.targets.find((t) => t.role === 'primary') ?? current.targets[0])?.orgKey ?? null)
    : null;

  for (const i of reached) addInspection(c, i, byInspection.get(i.key) ?? []);

  // 延后公示: the organizations the planning published late (evaluated → published well past the usual).
  const deferred = new Set<string>();
  for (const i of reached)
    if (i.publishedDate && i.evaluatedDate && toDay(i.publishedDate) - toDay(i.evaluatedDate) > 110)
      for (const t of i.targets) deferred.add(`${i.key}|${t.orgKey}`);
  // 建章立制 of the city's first term: the seed's total, apportioned by findings (the register's entries count too).
  const cityFirst = plan.terms
    .filter((t) => t.authorityKey === cityKey)
    .sort((x, y) => (x.startDate < y.startDate ? -1 : 1))[0] as Planning['terms'][number];
  const firstTermOrgs = out.plans
    .filter(
      (p) =>
        c.roundOf.get(plan.inspections.find((i) => i.key === p.inspectionKey)?.roundKey ?? '')?.termKey ===
        cityFirst.key,
    )
    .map((p) => ({
      key: `${p.inspectionKey}|${p.orgKey}`,
      n: c.state.get(`${p.inspectionKey}|${p.orgKey}`)?.total ?? 0,
    }));
  const registered = firstTermOrgs.reduce((s, o) => s + (o.n >= 10 ? 2 : 1), 0);
  const shares = apportion(
    CITY_FIRST_TERM_RECT.rulesMade - registered,
    firstTermOrgs.map((o) => o.n),
  );
  const rulesTarget = new Map(firstTermOrgs.map((o, k) => [o.key, shares[k] as number]));
  // 差 now: the first organization of the first inspection evaluated and not yet published.
  const waiting = reached.find((i) => i.stage === 'evaluated');
  const poorNow = new Set<string>();
  const firstOrg = waiting ? out.plans.find((p) => p.inspectionKey === waiting.key)?.orgKey : undefined;
  if (waiting && firstOrg) poorNow.add(`${waiting.key}|${firstOrg}`);
  for (const i of reached) addResults(c, i, byInspection.get(i.key) ?? [], deferred, rulesTarget, poorNow);
  addBatches(c, deferred);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing the rows (the seed's transaction)

export interface SeedRectificationOptions {
  reg: Registry;
  plan: Planning;
  personnel: Personnel;
  /** Plan keys (terms, rounds, inspections) → their ids. */
  planIds: ReadonlyMap<string, string>;
  authId: ReadonlyMap<string, string>;
  orgId: ReadonlyMap<string, string>;
  keys: KeyRing;
  now: Date;
}

/**
 * Writes the demo rectification: reads the findings fieldwork stored, builds the data and inserts
 * it as the services would (the per-finding rollup in step with the tasks, evidence photos cleaned
 * and sealed, money in 分), seats the demo reviewer on the city's joint review group and makes the
 * demo liaison an account of the organization the city supervises now. Returns what it wrote.
 */
export async function seedRectification(db: Db, o: SeedRectificationOptions): Promise<Record<string, number>> {
  const { reg, plan, planIds, authId, orgId, keys, now } = o;
  const id = (k: string) => planIds.get(k) as string;
  const inspKeyOf = new Map(plan.inspections.map((i) => [id(i.key), i.key]));
  const orgKeyOf = new Map([...orgId].map(([k, v]) => [v, k]));
  const rows = rowsOf<{
    id: string;
    inspection_id: string;
    org_id: string;
    title: string;
    facts: string;
    type_key: string | null;
    severity: string;
    immediate: boolean;
    created_at: string | Date;
  }>(
    await db.execute(sql`
      select f.id, f.inspection_id, f.org_id, f.title, f.facts, n.seed_key as type_key, f.severity, f.immediate, f.created_at
      from findings f left join taxonomy_nodes n on n.id = f.taxonomy_node_id
      join inspections i on i.id = f.inspection_id
      where i.stage in ('feedback', 'transfer', 'rectifying', 'evaluated', 'published', 'archived')`),
  ).filter((r) => inspKeyOf.has(r.inspection_id) && orgKeyOf.has(r.org_id));
  const accounts = rowsOf<{ username: string; name: string; id: string }>(
    await db.execute(sql`select username, display_name as name, id from users`),
  );
  const account = (u: string) => accounts.find((a) => a.username === u);
  const data = buildDemoRectification({
    reg,
    plan,
    personnel: o.personnel,
    findings: rows.map((r) => ({
      inspectionKey: inspKeyOf.get(r.inspection_id) as string,
      orgKey: orgKeyOf.get(r.org_id) as string,
      title: r.title,
      facts: r.facts,
      typeKey: r.type_key,
      severity: r.severity,
      immediate: r.immediate,
      createdAt: new Date(r.created_at).toISOString(),
    })),
    reservedNames: new Set(accounts.map((a) => a.name)),
    liaisonName: account('liaison')?.name,
    reviewerName: account('reviewer')?.name,
  });
  const findingId = new Map(data.findingKeys.map((k, n) => [k, (rows[n] as (typeof rows)[number]).id]));
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
  const org = (k: string) => orgId.get(k) as string;

  await bulk(
    db,
    feedbacks,
    data.feedbacks.map((f) => ({
      id: uuidv7(at(f.meetingDate).getTime()),
      ...where(f.inspectionKey),
      orgId: org(f.orgKey),
      meetingDate: f.meetingDate,
      attendees: f.attendees,
      speakers: f.speakers,
      oneToOneOn: f.oneToOneOn,
      mainLeaderName: f.mainLeaderName,
      notes: f.notes,
      copies: f.copies,
      assignedMatterIds: [],
      recordedById: null,
      recordedByName: f.recordedByName,
      createdAt: at(f.meetingDate, 17),
      updatedAt: at(f.meetingDate, 17),
      version: 1 + f.copies.filter((c) => c.readOn).length,
    })),
  );
  const planId = new Map(data.plans.map((p) => [p.key, uuidv7(at(p.createdOn).getTime())]));
  await bulk(
    db,
    rectificationPlans,
    data.plans.map((p) => ({
      id: planId.get(p.key) as string,
      ...where(p.inspectionKey),
      orgId: org(p.orgKey),
      status: p.status,
      reviewRound: p.reviewRound,
      submittedOn: p.submittedOn,
      acceptedOn: p.acceptedOn,
      returnedComments: p.returnedComments,
      createdAt: at(p.createdOn),
      updatedAt: at(p.updatedOn, 16),
      version: 1 + p.reviewRound * 2,
    })),
  );
  const taskId = new Map(data.tasks.map((t) => [t.key, uuidv7(at(t.assignedOn).getTime())]));
  await bulk(
    db,
    rectificationTasks,
    data.tasks.map((t) => ({
      id: taskId.get(t.key) as string,
      ...where(t.inspectionKey),
      orgId: org(t.orgKey),
      findingId: findingId.get(t.findingKey) as string,
      planId: planId.get(t.planKey) as string,
      kind: t.kind,
      measures: t.measures,
      goal: t.goal,
      responsibleLeader: t.responsibleLeader,
      responsibleDept: t.responsibleDept,
      responsiblePerson: t.responsiblePerson,
      assignedOn: t.assignedOn,
      originalDeadline: t.originalDeadline,
      deadline: t.deadline,
      status: t.status,
      writtenOff: t.writtenOff,
      writtenOffOn: t.writtenOffOn,
      writeOffNote: t.writeOffNote,
      redCard: t.redCard,
      redCardReason: t.redCardReason,
      redCardOn: t.redCardOn,
      redCardCount: t.redCardCount,
      extensionCount: t.extensionCount,
      pendingExtension: t.pendingExtension,
      evidenceCount: t.evidenceCount,
      lastNote: t.lastNote,
      enteredByOffice: t.enteredByOffice,
      createdById: null,
      createdByName: t.createdByName,
      createdAt: at(t.assignedOn),
      updatedAt: at(t.updatedOn, 16),
      version: t.events.length,
    })),
  );
  await bulk(
    db,
    taskEvents,
    data.tasks.flatMap((t) =>
      t.events.map((e, k) => ({
        id: uuidv7(at(e.on).getTime() + k),
        taskId: taskId.get(t.key) as string,
        kind: e.kind,
        fromStatus: e.from,
        toStatus: e.to,
        note: e.note,
        actorId: null,
        actorName: e.by,
        onBehalf: e.onBehalf,
        createdAt: new Date(at(e.on).getTime() + k * 60_000),
      })),
    ),
  );
  const taskOf = new Map(data.tasks.map((t) => [t.key, t]));
  await bulk(
    db,
    rectificationExtensions,
    data.extensions.map((e) => {
      const t = taskOf.get(e.taskKey) as DemoTask;
      return {
        id: uuidv7(at(e.requestedOn).getTime()),
        ...where(t.inspectionKey),
        orgId: org(t.orgKey),
        taskId: taskId.get(e.taskKey) as string,
        reason: e.reason,
        oldDeadline: e.oldDeadline,
        newDeadline: e.newDeadline,
        status: e.status,
        requestedById: null,
        requestedByName: e.requestedByName,
        requestedOn: e.requestedOn,
        enteredByOffice: t.enteredByOffice,
        decidedById: null,
        decidedByName: e.decidedByName,
        decidedOn: e.decidedOn,
        decisionNote: e.decisionNote,
        createdAt: at(e.requestedOn),
        version: e.status === 'pending' ? 1 : 2,
      };
    }),
  );
  // Evidence photos, cleaned and sealed like uploads.
  const blobs = new BlobCipher(keys);
  const files = [];
  for (const [k, e] of data.evidence.entries()) {
    const t = taskOf.get(e.taskKey) as DemoTask;
    const fid = uuidv7(at(e.on, 11).getTime() + k);
    const up = await acceptFile(e.name, demoPng(rngFor(SEED, `png:${e.taskKey}:${k}`)));
    files.push({
      id: fid,
      authorityId: where(t.inspectionKey).authorityId,
      inspectionId: id(t.inspectionKey),
      orgId: org(t.orgKey),
      taskId: taskId.get(e.taskKey) as string,
      fileVersion: 1,
      supersedesId: null,
      name: up.name,
      mime: up.mime,
      kind: up.kind,
      size: up.size,
      data: await blobs.seal('rectification_files', fid, 'data', up.data),
      description: e.description,
      uploadedById: null,
      uploadedByName: e.byName,
      onBehalf: t.enteredByOffice,
      uploadedAt: at(e.on, 11),
    });
  }
  for (let i = 0; i < files.length; i += 100) await db.insert(rectificationFiles).values(files.slice(i, i + 100));
  await bulk(
    db,
    findingRectification,
    data.rollups.map((r) => {
      const w = where(r.inspectionKey);
      return {
        findingId: findingId.get(r.findingKey) as string,
        authorityId: w.authorityId,
        termId: w.termId,
        roundId: w.roundId,
        inspectionId: w.inspectionId,
        orgId: org(r.orgKey),
        taskCount: r.taskCount,
        writtenOffCount: r.writtenOffCount,
        ongoingOpenCount: r.ongoingOpenCount,
      };
    }),
  );
  const reportId = new Map(data.reports.map((r) => [r.key, uuidv7(at(r.submittedOn ?? r.dueOn).getTime())]));
  await bulk(
    db,
    rectificationReports,
    data.reports.map((r) => {
      const w = where(r.inspectionKey);
      return {
        id: reportId.get(r.key) as string,
        authorityId: w.authorityId,
        termId: w.termId,
        inspectionId: w.inspectionId,
        orgId: org(r.orgKey),
        kind: r.kind,
        seq: r.seq,
        title: r.title,
        content: r.content,
        fileIds: [],
        status: r.status,
        dueOn: r.dueOn,
        submittedOn: r.submittedOn,
        acceptedOn: r.acceptedOn,
        enteredByOffice: false,
        createdById: null,
        createdByName: r.createdByName,
        createdAt: at(r.submittedOn ?? r.dueOn, 9),
        updatedAt: at(r.acceptedOn ?? r.submittedOn ?? r.dueOn, 16),
        version: 2 + (r.acceptedOn ? 1 : 0),
      };
    }),
  );
  const reviewId = data.reviews.map((r) => uuidv7(at(r.submittedOn, 11).getTime()));
  const parties = DEFAULT_REVIEW_PARTIES.map((p) => ({ key: p.key, name: p.name }));
  await bulk(
    db,
    jointReviews,
    data.reviews.map((r, k) => ({
      id: reviewId[k] as string,
      authorityId: where(r.inspectionKey).authorityId,
      inspectionId: id(r.inspectionKey),
      orgId: org(r.orgKey),
      subject: r.subject,
      subjectId: (r.subject === 'plan' ? planId.get(r.subjectKey) : reportId.get(r.subjectKey)) as string,
      round: r.round,
      parties,
      outcome: r.outcome,
      submittedOn: r.submittedOn,
      decidedOn: r.decidedOn,
      createdAt: at(r.submittedOn, 11),
      version: r.outcome === 'pending' ? 1 : 2,
    })),
  );
  await bulk(
    db,
    reviewRatings,
    data.reviews.flatMap((r, k) =>
      r.ratings.map((x, n) => ({
        id: uuidv7(at(x.on, 15).getTime() + n),
        reviewId: reviewId[k] as string,
        party: x.party,
        rating: x.rating,
        comments: x.comments,
        ratedById: null,
        ratedByName: x.byName,
        onBehalf: false,
        ratedAt: new Date(at(x.on, 15).getTime() + n * 60_000),
      })),
    ),
  );
  await bulk(
    db,
    democraticLifeMeetings,
    data.lifeMeetings.map((m) => {
      const w = where(m.inspectionKey);
      return {
        id: uuidv7(at(m.heldOn).getTime()),
        authorityId: w.authorityId,
        termId: w.termId,
        inspectionId: w.inspectionId,
        orgId: org(m.orgKey),
        heldOn: m.heldOn,
        attendees: m.attendees,
        criticismItems: m.criticismItems,
        supervisors: m.supervisors,
        notes: m.notes,
        createdById: null,
        createdByName: m.createdByName,
        createdAt: at(m.heldOn, 18),
      };
    }),
  );
  await bulk(
    db,
    rectificationOutcomes,
    data.outcomes.map((x) => ({
      id: uuidv7(at(x.recordedOn).getTime()),
      ...where(x.inspectionKey),
      orgId: org(x.orgKey),
      findingId: null,
      taskId: null,
      moneyFen: parseWan(x.money) * FEN_PER_WAN_CENT,
      moneyKind: x.moneyKind,
      accountable: x.accountable,
      accountableByForm: x.accountableByForm,
      rulesMade: x.rulesMade,
      recordedOn: x.recordedOn,
      note: x.note,
      recordedById: null,
      recordedByName: x.recordedByName,
      createdAt: at(x.recordedOn, 16),
    })),
  );
  await bulk(
    db,
    ruleMakings,
    data.ruleMakings.map((x) => ({
      id: uuidv7(at(x.issuedOn).getTime()),
      ...where(x.inspectionKey),
      orgId: org(x.orgKey),
      title: x.title,
      kind: x.kind,
      issuedOn: x.issuedOn,
      issuingBody: x.issuingBody,
      documentNumber: x.documentNumber,
      findingIds: x.findingKeys.map((k) => findingId.get(k) as string),
      createdById: null,
      createdByName: null,
      createdAt: at(x.issuedOn, 17),
      updatedAt: at(x.issuedOn, 17),
    })),
  );
  const evalId = data.evaluations.map((e) => uuidv7(at(e.evaluatedOn).getTime()));
  await bulk(
    db,
    rectificationEvaluations,
    data.evaluations.map((e, k) => ({
      id: evalId[k] as string,
      ...where(e.inspectionKey),
      orgId: org(e.orgKey),
      surveyId: null,
      satisfied: e.satisfied,
      valid: e.valid,
      scoreHundredths: e.scoreHundredths,
      grade: e.grade,
      veto: null,
      evaluatedOn: e.evaluatedOn,
      concludedByName: e.concludedByName,
      createdAt: at(e.ratings[0]?.on ?? e.evaluatedOn, 9),
      updatedAt: at(e.evaluatedOn, 16),
      // Ratings, the conclusion, and for a 复评 the ratings and conclusion again.
      version: (1 + e.ratings.length + 1) * (e.firstGrade ? 2 : 1),
    })),
  );
  await bulk(
    db,
    evaluationRatings,
    data.evaluations.flatMap((e, k) =>
      e.ratings.map((r) => ({
        evaluationId: evalId[k] as string,
        rater: r.rater,
        deductions: r.deductions,
        comments: r.comments,
        ratedById: null,
        ratedByName: r.byName,
        ratedAt: at(r.on, 15),
      })),
    ),
  );
  const batchId = new Map(data.batches.map((b) => [b.key, uuidv7(at(b.createdOn).getTime())]));
  await bulk(
    db,
    publicationBatches,
    data.batches.map((b) => ({
      id: batchId.get(b.key) as string,
      authorityId: authId.get(b.authorityKey) as string,
      number: b.number,
      title: b.title,
      status: b.status,
      internalApprovedOn: b.internalApprovedOn,
      internalApprovedBy: b.internalApprovedOn ? b.approvedBy : null,
      publicApprovedOn: b.publicApprovedOn,
      publicApprovedBy: b.publicApprovedOn ? b.approvedBy : null,
      publishedOn: b.publishedOn,
      createdByName: b.createdByName,
      createdAt: at(b.createdOn),
      updatedAt: at(b.publishedOn ?? b.createdOn, 16),
      version: b.status === 'published' ? 4 : 1,
    })),
  );
  const entryId = data.entries.map((_e, k) => uuidv7(now.getTime() + k));
  await bulk(
    db,
    publicationEntries,
    data.entries.map((e, k) => ({
      id: entryId[k] as string,
      batchId: batchId.get(e.batchKey) as string,
      inspectionId: id(e.inspectionKey),
      orgId: org(e.orgKey),
      seq: e.seq,
      grade: e.grade,
      deferred: e.deferred,
      deferReason: e.deferReason,
      deferredFromBatch: e.deferredFromBatch,
      findings: e.findings,
      rectified: e.rectified,
    })),
  );
  await bulk(
    db,
    publicationItems,
    data.entries.flatMap((e, k) =>
      e.items.map((x, seq) => ({
        id: uuidv7(now.getTime()),
        entryId: entryId[k] as string,
        findingId: findingId.get(x.findingKey) ?? null,
        seq: seq + 1,
        text: x.text,
        withheld: x.withheld,
        withholdReason: x.withholdReason,
        withholdNote: x.withholdNote,
      })),
    ),
  );

  // The demo reviewer sits for the city's 纪委监委 in its joint review group; the demo liaison works
  // for the organization the city supervises now (its plan and tasks are the liaison's to work on).
  const reviewer = account('reviewer');
  if (reviewer)
    await db.insert(reviewPartyMembers).values({
      authorityId: authId.get(data.reviewerParty.authorityKey) as string,
      userId: reviewer.id,
      partyKey: data.reviewerParty.party,
      createdAt: now,
    });
  await seedFeedbackDemo(db, o, account);
  const liaisonUser = account('liaison');
  if (liaisonUser && data.liaisonOrgKey) {
    const lo = org(data.liaisonOrgKey);
    await db.execute(sql`update users set org_id = ${lo} where id = ${liaisonUser.id}`);
    await db.execute(
      sql`update grants set scope_id = ${lo} where user_id = ${liaisonUser.id} and role = 'targetLiaison' and scope_type = 'organization'`,
    );
  }
  return Object.fromEntries(
    Object.entries(data)
      .filter(([, v]) => Array.isArray(v))
      .map(([k, v]) => [k, (v as unknown[]).length]),
  );
}

// ---------------------------------------------------------------------------------------------
// The inspection waiting for its 反馈会 (issue 12's journey starts here)

/**
 * One inspection of the city at `feedback` with no 反馈会 yet: the 六届's last round sent team 6,
 * after 于都县人民法院, to 于都县人民检察院 (提级巡察); its report was heard and the 反馈 is next.
 * The 七届 began on 2026-10-01 and its first round is on site, so no inspection of it can have
 * reached feedback by the demo's today. The organization's 联络员 has the account `liaison2`; the
 * city's joint review group has an account seated for each party (`reviewer` 纪委监委,
 * `reviewer.org` 组织部, `reviewer.pub` 宣传部, `reviewer.office` 巡察办) and the team's 组长 is
 * `team.leader2`, so every party rates on its own page. Written after the builder's rows and kept
 * out of them, so the builder's figures stay those of the other inspections.
 */
export const FEEDBACK_DEMO = {
  inspectionKey: 'city:term:2021:round:13:insp:007',
  roundKey: 'city:term:2021:round:13',
  teamKey: 'city:term:2021:round:13:team:6',
  orgKey: 'yudu:jcy',
  dates: {
    noticeDate: '2026-08-25',
    preparedDate: '2026-08-28',
    plannedEntryDate: '2026-09-08',
    plannedExitDate: '2026-10-23',
    entryDate: '2026-09-08',
    exitDate: '2026-10-23',
    reportDate: '2026-11-06',
    feedbackDate: '2026-11-24',
  },
  heardOn: '2026-11-20',
  liaisonUsername: 'liaison2',
  /** The accounts seated for the city's parties (the demo reviewer's 纪委监委 is seated above). */
  seats: [
    { username: 'reviewer.org', party: 'organization' },
    { username: 'reviewer.pub', party: 'publicity' },
    { username: 'reviewer.office', party: 'office' },
  ],
  teamLeaderUsername: 'team.leader2',
  findings: [
    {
      typeKey: 'sgls-1-02',
      severity: 'serious',
      title: '落实检察公益诉讼工作部署不到位',
      facts:
        '2025年以来发出的诉前检察建议中，有12件未跟踪行政机关回复和整改情况，其中3件逾期未回复未依法提起诉讼，公益诉讼检察“办案—监督—整改”闭环未形成。',
    },
    {
      typeKey: 'sgls-2-01',
      severity: 'general',
      title: '落实全面从严治党主体责任不够有力',
      facts:
        '党组2025年仅1次专题研究党风廉政建设工作，对班子成员履行“一岗双责”情况缺乏督促检查；对司法警察大队公务用车管理不规范问题发现后未及时督促整改。',
    },
    {
      typeKey: 'sgls-1-04',
      severity: 'general',
      title: '意识形态工作责任制落实不到位',
      facts:
        '党组2025年研究意识形态工作仅1次，未按要求开展意识形态领域风险研判；院微信公众号信息发布“三审三校”制度执行不严，2026年有4条信息未经审核即发布。',
    },
  ],
  report: {
    overview:
      '市委第六巡察组于2026年9月8日至10月23日对于都县人民检察院党组开展提级巡察。巡察组坚持政治巡察定位，通过个别谈话、调阅资料、受理信访、走访了解等方式，发现落实检察公益诉讼工作部署、全面从严治党主体责任、意识形态工作责任制等方面问题3个。',
    suggestions: [
      '建立诉前检察建议跟踪督办台账，逐件跟踪行政机关回复和整改情况，形成公益诉讼检察工作闭环。',
      '党组每半年至少专题研究一次党风廉政建设工作，压紧压实班子成员“一岗双责”。',
      '严格落实意识形态工作责任制和网络信息发布“三审三校”制度。',
    ],
  },
} as const;

async function seedFeedbackDemo(
  db: Db,
  o: SeedRectificationOptions,
  account: (u: string) => { username: string; name: string; id: string } | undefined,
): Promise<void> {
  const d = FEEDBACK_DEMO;
  const { plan, planIds, authId, orgId, now } = o;
  const round = plan.rounds.find((r) => r.key === d.roundKey);
  const term = plan.terms.find((t) => t.key === round?.termKey);
  const teamId = planIds.get(d.teamKey);
  const target = orgId.get(d.orgKey);
  // The demo's planning changed under it: leave the rest of the demo alone.
  if (!round || !term || !teamId || !target || planIds.has(d.inspectionKey)) return;
  const authorityId = authId.get(term.authorityKey) as string;
  const termId = planIds.get(term.key) as string;
  const roundId = planIds.get(round.key) as string;
  const inspectionId = uuidv7(now.getTime());
  const leader = rowsOf<{ id: string; name: string; user_id: string | null }>(
    await db.execute(sql`
      select p.id, p.name, p.user_id from team_members tm join inspectors p on p.id = tm.inspector_id
      where tm.team_id = ${teamId} and tm.role = 'leader' limit 1`),
  )[0];
  await db.insert(inspections).values({
    id: inspectionId,
    roundId,
    termId,
    authorityId,
    teamId,
    mode: 'escalated',
    stage: 'feedback',
    ...d.dates,
    createdAt: now,
    updatedAt: now,
  });
  await db.insert(inspectionTargets).values({ inspectionId, orgId: target, role: 'primary' });
  const on: Record<string, string> = {
    planned: d.dates.preparedDate,
    prepared: d.dates.preparedDate,
    onSite: d.dates.entryDate,
    reporting: d.dates.exitDate,
    feedback: d.dates.feedbackDate,
  };
  let prev: string | null = null;
  const events = [];
  for (const s of STAGES.slice(0, STAGES.indexOf('feedback') + 1)) {
    events.push({
      id: uuidv7(now.getTime()),
      inspectionId,
      fromStage: prev,
      toStage: s,
      onDate: on[s] as string,
      note: s === 'planned' ? '列入轮次计划' : STAGE_LABELS[s],
      actorName: null,
      createdAt: now,
    });
    prev = s;
  }
  await db.insert(inspectionEvents).values(events);
  const nodes = rowsOf<{ id: string; seed_key: string }>(
    await db.execute(
      sql`select id, seed_key from taxonomy_nodes where authority_id = ${authorityId} and seed_key is not null`,
    ),
  );
  const member = leader?.name ?? null;
  await db.insert(findingsTable).values(
    d.findings.map((f, k) => {
      const created = at(addDays(d.dates.exitDate, -10 + k * 3), 16);
      return {
        id: uuidv7(created.getTime()),
        authorityId,
        termId,
        roundId,
        inspectionId,
        orgId: target,
        sector: o.reg.orgs.find((x) => x.key === d.orgKey)?.sector ?? null,
        title: f.title,
        facts: f.facts,
        searchKey: searchKey(`${f.title}\n${f.facts}`),
        source: 'direct',
        taxonomyNodeId: nodes.find((n) => n.seed_key === f.typeKey)?.id ?? null,
        severity: f.severity,
        regulationIds: [],
        createdByName: member,
        createdAt: created,
        updatedAt: created,
      };
    }),
  );
  const saved = at(d.dates.reportDate, 11);
  await db.insert(reportVersions).values({
    id: uuidv7(saved.getTime()),
    authorityId,
    inspectionId,
    number: 1,
    overview: d.report.overview,
    suggestions: [...d.report.suggestions],
    topicReports: [],
    note: '经组务会审议定稿',
    savedByName: member,
    savedAt: saved,
  });
  const meetingId = uuidv7(at(d.heardOn, 15).getTime());
  await db.insert(meetings).values({
    id: meetingId,
    authorityId,
    termId,
    kind: 'secretarySpecial',
    date: d.heardOn,
    title: '2026年11月20日书记专题会',
    attendees: ['市委书记', '市委副书记', '市委常委、市纪委书记、市监委主任', '市委常委、组织部部长', '市委巡察办主任'],
    decisions: '听取市委第六巡察组关于提级巡察于都县人民检察院党组情况的汇报，同意向被巡察党组织反馈巡察意见。',
    createdAt: at(d.heardOn, 17),
  });
  await db.insert(meetingInspections).values({ meetingId, inspectionId });

  // The organization's 联络员, the parties' seats and the team's 组长.
  const l = account(d.liaisonUsername);
  if (l) {
    await db.execute(sql`update users set org_id = ${target} where id = ${l.id}`);
    await db.execute(
      sql`update grants set scope_id = ${target} where user_id = ${l.id} and role = 'targetLiaison' and scope_type = 'organization'`,
    );
  }
  const seats = d.seats.flatMap((x) => {
    const u = account(x.username);
    return u ? [{ authorityId, userId: u.id, partyKey: x.party, createdAt: now }] : [];
  });
  if (seats.length) await db.insert(reviewPartyMembers).values(seats);
  const tl = account(d.teamLeaderUsername);
  if (tl && leader && !leader.user_id)
    await db.execute(sql`update inspectors set user_id = ${tl.id} where id = ${leader.id}`);
}
