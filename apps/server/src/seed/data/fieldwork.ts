/**
 * Demo fieldwork over the demo planning and personnel: what the teams found, the clues they handed
 * over and what became of them, the reports, the meetings that heard them, and the current round's
 * work on site. `buildDemoFieldwork` is pure and deterministic (no I/O, no clock; the same input gives
 * the same rows); `seedFieldwork` at the end writes its rows as the services would (clue texts sealed,
 * people counted by keyed hashes). People are fictional.
 *
 * What comes out, by design (the demo's today is 2026-11-27):
 * - City 五届 (2016–2021): exactly 4,683 findings and 341 clues, all transferred (the seed: 共发现问题
 *   4683个，移交问题线索341个), spread over its 250 inspections by their size; 31 常委会 sessions on
 *   巡察工作 and 14 hearings of the teams' reports — one 书记专题会 per round (常委会/书记专题会听取
 *   巡察情况汇报14次) — plus a 领导小组会 per round and a 组办会商 per team. The term's figures
 *   (GET /api/terms/{id}/fieldwork-summary) say these numbers.
 * - City 六届 and the two counties' terms: findings, clues, reports and meetings in the same
 *   proportions; the clues of the latest rounds still with the case handlers, a few of them past
 *   their three months (逾期).
 * - Past findings were taken over from the offices' ledgers (source 'ledger'); each inspection that
 *   reported has one or two versions of its report.
 * - The current round on site (city 七届 第一轮 and the counties' first rounds): interviews and
 *   activities, working papers at every step of 三审 (the demo 组员 wrote some, some wait for the demo
 *   组长), signed-off papers turned into findings, and a few clues awaiting transfer.
 */
import {
  DEFAULT_PAPER_NUMBER_PATTERN,
  DEFAULT_TAXONOMY,
  defaultMeetingTitle,
  formatPaperNumber,
  ordinalInName,
  PHRASE_SEED,
  paperSeqScopeKey,
  REGULATION_SEED,
  receiverFor,
  searchKey,
  type TCadreLevel,
  type TClueDisposal,
  type TClueReceiver,
  type TClueSource,
  type TClueStatus,
  type TDiscipline,
  type TEvidence,
  type TInterviewKind,
  type TMeetingKind,
  type TPaperStatus,
  type TPartySanction,
  type TSeverity,
} from '@xc/domain';
import { sql } from 'drizzle-orm';
import {
  activities,
  assignedMatters,
  clueSubjects,
  clues,
  clueTransferBatches,
  fieldworkSettings,
  findings,
  interviews,
  meetingInspections,
  meetings,
  organizations,
  paperCounters,
  paperReviews,
  phrases,
  regulations,
  reportVersions,
  taxonomyNodes,
  workingPapers,
} from '../../db/schema/index.ts';
import { factsColumns, libraryRows, subjectColumns } from '../../modules/fieldwork/index.ts';
import { type Db, rowsOf } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { FieldCipher, type KeyRing } from '../../platform/keys.ts';
import { bulk } from './bulk.ts';
import { addDays, toDay, workdayOnOrAfter, workdayOnOrBefore } from './days.ts';
import { chance, intBetween, NameBook, pick, type Rng, rngFor } from './names.ts';
import type { buildDemoPersonnel } from './personnel.ts';
import type { buildDemoPlanning, SeedInspection } from './planning.ts';
import type { buildDemoRegistry } from './registry.ts';

type Registry = ReturnType<typeof buildDemoRegistry>;
type Planning = ReturnType<typeof buildDemoPlanning>;
type Personnel = ReturnType<typeof buildDemoPersonnel>;

const SEED = 0x1f1e1d11;
const TODAY = '2026-11-27';
/** The seed's figures for the city's 2016–2021 term. */
export const CITY_FIRST_TERM = Object.freeze({ findings: 4683, clues: 341, standingCommittee: 31, hearings: 14 });

export interface RosterMember {
  inspectorId: string;
  name: string;
  role: string;
  userId: string | null;
}

export interface DemoFieldworkInput {
  reg: Registry;
  plan: Planning;
  personnel: Personnel;
  /** The people on the teams now on site (by team key), read from the database once the demo accounts are linked. */
  rosters: ReadonlyMap<string, readonly RosterMember[]>;
  /**
   * Names no clue or interview may give a person: the accounts' display names (a clue naming a demo
   * user would be hidden from that user, and the term's totals with it). Inspectors are left out too.
   */
  reservedNames?: ReadonlySet<string>;
}

export interface DemoFinding {
  key: string;
  inspectionKey: string;
  orgKey: string;
  title: string;
  facts: string;
  source: 'ledger' | 'direct' | 'workingPaper';
  paperKey: string | null;
  /** A key of DEFAULT_TAXONOMY. */
  typeKey: string;
  severity: TSeverity;
  common: boolean;
  immediate: boolean;
  immediateFixedOn: string | null;
  immediateAction: string | null;
  regulationCodes: string[];
  createdAt: string;
  createdByName: string;
}

export interface DemoClue {
  key: string;
  inspectionKey: string;
  orgKey: string;
  discipline: TDiscipline;
  facts: string;
  source: TClueSource;
  subjects: { name: string; post: string; level: TCadreLevel }[];
  status: TClueStatus;
  receiver: TClueReceiver | null;
  transferredOn: string | null;
  batchKey: string | null;
  disposal: TClueDisposal | null;
  disposedOn: string | null;
  result: Record<string, unknown> | null;
  resultOn: string | null;
  writtenOffOn: string | null;
  createdAt: string;
  createdByName: string;
}

export interface DemoBatch {
  key: string;
  authorityKey: string;
  receiver: TClueReceiver;
  transferredOn: string;
  letterNumber: string;
  createdByName: string;
}

export interface DemoReport {
  inspectionKey: string;
  number: number;
  overview: string;
  suggestions: string[];
  note: string | null;
  savedByName: string;
  savedAt: string;
}

export interface DemoMeeting {
  key: string;
  authorityKey: string;
  termKey: string;
  kind: TMeetingKind;
  date: string;
  attendees: string[];
  inspectionKeys: string[];
  decisions: string;
  matters: { what: string; assignee: string; dueDate: string; closingNote: string | null; closedOn: string | null }[];
}

export interface DemoInterview {
  inspectionKey: string;
  orgKey: string;
  name: string;
  post: string;
  kind: TInterviewKind;
  date: string;
  place: string;
  inspectorIds: string[];
  notes: string;
  createdBy: RosterMember;
}

export interface DemoActivity {
  inspectionKey: string;
  orgKey: string;
  kind: 'documentReview' | 'visit' | 'forum' | 'meeting' | 'briefing' | 'covertVisit';
  date: string;
  count: number;
  subject: string;
  attendees: string[];
  inspectorIds: string[];
  status: 'recorded' | 'pendingApproval';
  approvedByName: string | null;
  createdByName: string;
}

export interface DemoPaper {
  key: string;
  inspectionKey: string;
  teamKey: string;
  orgKey: string;
  number: string;
  seq: number;
  scopeKey: string;
  title: string;
  facts: string;
  evidence: TEvidence[];
  regulationCodes: string[];
  foundOn: string;
  foundByIds: string[];
  author: RosterMember;
  status: TPaperStatus;
  reviews: {
    action: 'submit' | 'approve' | 'return';
    from: TPaperStatus;
    to: TPaperStatus;
    by: RosterMember;
    reason: string | null;
    on: string;
  }[];
  createdOn: string;
}

export interface DemoFieldwork {
  findings: DemoFinding[];
  clues: DemoClue[];
  batches: DemoBatch[];
  reports: DemoReport[];
  meetings: DemoMeeting[];
  interviews: DemoInterview[];
  activities: DemoActivity[];
  papers: DemoPaper[];
  /** The receiving 纪委监委 the registry lacks, one per authority with fieldwork. */
  disciplineOrgs: { key: string; authorityKey: string; name: string }[];
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Integer shares of `total` in proportion to `weights` (largest remainder), summing to `total` exactly. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (sum ? (total * w) / sum : 0));
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, f: r - Math.floor(r) })).sort((a, b) => b.f - a.f || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] = (out[i] as number) + 1;
    left--;
  }
  return out;
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const dayBetween = (rng: Rng, from: string, to: string) =>
  workdayOnOrBefore(addDays(from, intBetween(rng, 0, Math.max(0, toDay(to) - toDay(from)))));
const stamp = (date: string, minute: number) =>
  new Date(Date.parse(`${date}T09:00:00+08:00`) + minute * 60_000).toISOString();

/** `year`: the year the team arrived; facts speak of the two or three years before it. */
function fill(rng: Rng, template: string, year: number, who: { a?: string; b?: string } = {}): string {
  return template
    .replaceAll('{y}', String(year - intBetween(rng, 1, 2)))
    .replaceAll('{n}', String(intBetween(rng, 6, 48)))
    .replaceAll('{k}', String(intBetween(rng, 2, 5)))
    .replaceAll('{m}', (intBetween(rng, 12, 980) / 10).toFixed(1))
    .replaceAll('{s}', String(intBetween(rng, 18, 96) * 100))
    .replaceAll('{u}', pick(rng, MATTERS))
    .replaceAll('{a}', who.a ?? '')
    .replaceAll('{b}', who.b ?? '');
}

const RURAL_KINDS = new Set(['乡镇(街道)', '村(社区)']);
const TYPE_KEYS = DEFAULT_TAXONOMY.filter((n) => n.level === 'type').map((n) => n.id);
const SGLS_TYPES = TYPE_KEYS.filter((k) => k.startsWith('sgls'));
const SGJJ_TYPES = TYPE_KEYS.filter((k) => k.startsWith('sgjj'));
/** 全面从严治党 and 八项规定 problems are what teams find most. */
const typeWeight = (k: string) => (k.startsWith('sgls-2') ? 3 : k.startsWith('sgls-4') ? 1 : 2);

function pickWeighted<T>(rng: Rng, items: readonly T[], weight: (t: T) => number): T {
  const total = items.reduce((n, t) => n + weight(t), 0);
  let r = rng() * total;
  for (const t of items) {
    r -= weight(t);
    if (r < 0) return t;
  }
  return items[items.length - 1] as T;
}

const REGULATIONS_BY_TYPE: Record<string, string[]> = {
  'sgls-2-03': ['jlcf-113', 'jlcf-114'],
  'sgls-2-05': ['jlcf-114'],
  'sgls-3-01': ['jlcf-77'],
  'sgls-1-02': ['jlcf-56'],
  'sgjj-1-04': ['jlcf-124'],
};
const regulationCodesOf = (typeKey: string): string[] =>
  (REGULATIONS_BY_TYPE[typeKey] ?? []).filter((c) => REGULATION_SEED.some((r) => r.code === c));

const SUGGESTIONS = PHRASE_SEED.filter((p) => p.kind === 'suggestion').map((p) => p.text);

const DISCIPLINE_WEIGHTS: [TDiscipline, number][] = [
  ['integrity', 45],
  ['masses', 15],
  ['work', 15],
  ['organizational', 10],
  ['political', 8],
  ['life', 7],
];

/** A result that hangs together the way the domain checks it (clueResultProblems). */
function resultOf(rng: Rng): Record<string, unknown> {
  if (chance(rng, 0.62)) {
    const first = chance(rng, 0.7);
    return {
      caseFiled: false,
      formLevel: first ? 1 : 2,
      partyDiscipline: null,
      governmentSanction: null,
      organizationalHandling: first ? null : pick(rng, ['诫勉', '调离岗位', '责令检查']),
      judicialTransfer: false,
      note: first ? '经谈话函询，予以了结并批评教育' : '经初步核实，给予诫勉处理',
    };
  }
  const sanction = pickWeighted<TPartySanction>(
    rng,
    ['warning', 'seriousWarning', 'removalFromPost', 'probation', 'expulsion'],
    (s) => ({ warning: 5, seriousWarning: 4, removalFromPost: 2, probation: 1, expulsion: 1 })[s],
  );
  const level = sanction === 'warning' || sanction === 'seriousWarning' ? 2 : 3;
  const judicial = sanction === 'expulsion' && chance(rng, 0.6);
  return {
    caseFiled: true,
    formLevel: judicial ? 4 : level,
    partyDiscipline: sanction,
    governmentSanction: chance(rng, 0.5) ? pick(rng, ['warning', 'demerit', 'majorDemerit'] as const) : null,
    organizationalHandling: null,
    judicialTransfer: judicial,
    note: judicial ? '立案审查调查，涉嫌犯罪问题移送检察机关依法审查起诉' : '经立案审查，给予党纪处分',
  };
}

// ---------------------------------------------------------------------------------------------
// The generator

/** A fictional person for a clue or an interview, never one of the reserved names. */
function personName(c: { names: NameBook; reserved: ReadonlySet<string> }, rng: Rng): string {
  for (;;) {
    const n = c.names.person(rng);
    if (!c.reserved.has(n)) return n;
  }
}

interface Ctx {
  input: DemoFieldworkInput;
  out: DemoFieldwork;
  names: NameBook;
  reserved: ReadonlySet<string>;
  orgs: Map<string, Registry['orgs'][number]>;
  authorityLevel: Map<string, 'city' | 'county'>;
  termOf: Map<string, Planning['terms'][number]>;
  roundOf: Map<string, Planning['rounds'][number]>;
  leaderOf: Map<string, string>;
  officeStaff: Map<string, string>;
  cityFirstTermKey: string;
}

function targetsOf(c: Ctx, i: SeedInspection) {
  const primary = i.targets.filter((t) => t.role === 'primary');
  const list = primary.length ? primary : i.targets;
  return list.map((t) => c.orgs.get(t.orgKey)).filter((o): o is NonNullable<typeof o> => !!o);
}

const isRural = (c: Ctx, i: SeedInspection) =>
  i.mode === 'directVillage' ||
  i.mode === 'townshipWithVillages' ||
  targetsOf(c, i).some((o) => RURAL_KINDS.has(o.kind));

function termKeyOf(c: Ctx, i: SeedInspection): string {
  return (c.roundOf.get(i.roundKey) as Planning['rounds'][number]).termKey;
}

function addFindings(c: Ctx, i: SeedInspection, n: number) {
  const rng = rngFor(SEED, `findings:${i.key}`);
  const rural = isRural(c, i);
  const orgs = i.targets.map((t) => c.orgs.get(t.orgKey)).filter((o): o is NonNullable<typeof o> => !!o);
  const entry = i.entryDate ?? TODAY;
  const exit = i.exitDate ?? TODAY;
  const author = c.officeStaff.get(c.termOf.get(termKeyOf(c, i))?.authorityKey ?? '') ?? '巡察办';
  for (let k = 0; k < n; k++) {
    const types = rural && chance(rng, 0.7) ? SGJJ_TYPES : SGLS_TYPES;
    const typeKey = pickWeighted(rng, types, typeWeight);
    const w = TYPE_WORDING[typeKey] as TypeWording;
    const org = pick(rng, orgs);
    const immediate = chance(rng, 0.22);
    const found = dayBetween(rng, entry, exit);
    c.out.findings.push({
      key: `${i.key}#f${k}`,
      inspectionKey: i.key,
      orgKey: org.key,
      title: pick(rng, w.titles),
      facts: fill(rng, pick(rng, w.facts), Number(entry.slice(0, 4))),
      source: 'ledger',
      paperKey: null,
      typeKey,
      severity: pickWeighted<TSeverity>(
        rng,
        ['general', 'serious', 'major'],
        (s) => ({ general: 6, serious: 3, major: 1 })[s],
      ),
      common: chance(rng, 0.18),
      immediate,
      immediateFixedOn: immediate ? minDate(addDays(found, intBetween(rng, 3, 15)), exit) : null,
      immediateAction: immediate ? w.fix : null,
      regulationCodes: regulationCodesOf(typeKey),
      createdAt: stamp(found, k),
      createdByName: author,
    });
  }
}

function subjectsFor(c: Ctx, rng: Rng, i: SeedInspection) {
  const posts: readonly (readonly [string, string])[] = isRural(c, i) ? SUBJECT_POSTS.town : SUBJECT_POSTS.unit;
  const n = chance(rng, 0.8) ? 1 : 2;
  const out: DemoClue['subjects'] = [];
  while (out.length < n) {
    const [post, level] = pick(rng, posts);
    const levelOf =
      c.authorityLevel.get(c.termOf.get(termKeyOf(c, i))?.authorityKey ?? '') === 'county' && level === 'cityManaged'
        ? 'countyManaged'
        : level;
    out.push({ name: personName(c, rng), post, level: levelOf as TCadreLevel });
  }
  return out;
}

function addClues(c: Ctx, i: SeedInspection, n: number) {
  const rng = rngFor(SEED, `clues:${i.key}`);
  const term = c.termOf.get(termKeyOf(c, i)) as Planning['terms'][number];
  const level = c.authorityLevel.get(term.authorityKey);
  const orgs = targetsOf(c, i);
  const earlier: DemoClue['subjects'] = [];
  for (let k = 0; k < n; k++) {
    const discipline = pickWeighted(rng, DISCIPLINE_WEIGHTS, ([, w]) => w)[0];
    const subjects = subjectsFor(c, rng, i);
    // Now and then one person is named again in another clue: one 人, two 人次.
    const again = earlier.length && chance(rng, 0.12) ? pick(rng, earlier) : null;
    if (again && subjects.every((x) => x.name !== again.name)) subjects.splice(0, 1, again);
    earlier.push(...subjects);
    const recorded = dayBetween(rng, i.entryDate ?? TODAY, i.exitDate ?? TODAY);
    const clue: DemoClue = {
      key: `${i.key}#c${k}`,
      inspectionKey: i.key,
      orgKey: pick(rng, orgs).key,
      discipline,
      facts: fill(rng, pick(rng, CLUE_FACTS[discipline] as readonly string[]), Number(recorded.slice(0, 4)), {
        a: subjects[0]?.name,
        b: subjects[1]?.name ?? '有关人员',
      }),
      source: pickWeighted<TClueSource>(
        rng,
        ['petition', 'interview', 'document', 'auditLink'],
        (s) => ({ petition: 9, interview: 5, document: 5, auditLink: 1 })[s],
      ),
      subjects,
      status: 'draft',
      receiver: null,
      transferredOn: null,
      batchKey: null,
      disposal: null,
      disposedOn: null,
      result: null,
      resultOn: null,
      writtenOffOn: null,
      createdAt: stamp(recorded, 30 + k),
      createdByName: c.leaderOf.get(i.teamKey ?? '') ?? c.officeStaff.get(term.authorityKey) ?? '巡察组',
    };
    if (i.transferDate && i.transferDate <= TODAY) moveOn(rng, clue, i.transferDate, term.authorityKey, level);
    c.out.clues.push(clue);
  }
}

/** Transfer (in the authority's batch of the day), disposal, result and write-off, as far as today allows. */
function moveOn(rng: Rng, clue: DemoClue, on: string, authorityKey: string, level: 'city' | 'county' | undefined) {
  clue.receiver = receiverFor(clue.subjects, clue.discipline, level);
  clue.transferredOn = on;
  clue.status = 'transferred';
  clue.batchKey = `${authorityKey}|${on}|${clue.receiver}`;
  // The latest clues are still with the case handlers; a few of them past their three months.
  const disposed = workdayOnOrAfter(addDays(on, intBetween(rng, 8, 30)));
  if (disposed > TODAY || chance(rng, toDay(TODAY) - toDay(on) < 200 ? 0.35 : 0)) return;
  clue.status = 'disposing';
  clue.disposedOn = disposed;
  clue.disposal = pickWeighted<TClueDisposal>(
    rng,
    ['preliminaryVerification', 'talkInquiry', 'shelved', 'closed'],
    (d) => ({ preliminaryVerification: 8, talkInquiry: 7, shelved: 2, closed: 3 })[d],
  );
  const resultOn = workdayOnOrAfter(addDays(disposed, intBetween(rng, 20, 70)));
  if (resultOn > TODAY || chance(rng, toDay(TODAY) - toDay(on) < 240 ? 0.5 : 0)) return;
  clue.status = 'resultIn';
  clue.resultOn = resultOn;
  clue.result = resultOf(rng);
  const off = workdayOnOrAfter(addDays(resultOn, intBetween(rng, 5, 30)));
  if (off <= TODAY && chance(rng, 0.92)) {
    clue.status = 'writtenOff';
    clue.writtenOffOn = off;
  }
}

function addReport(c: Ctx, i: SeedInspection) {
  if (!i.exitDate) return;
  const rng = rngFor(SEED, `report:${i.key}`);
  const orgs = targetsOf(c, i).map((o) => o.name);
  const who =
    c.leaderOf.get(i.teamKey ?? '') ?? c.officeStaff.get(c.termOf.get(termKeyOf(c, i))?.authorityKey ?? '') ?? '巡察组';
  const target = orgs.length > 2 ? `${orgs[0]}等${orgs.length}个单位` : orgs.join('、');
  const base = `${target}党组织能够认真学习贯彻习近平新时代中国特色社会主义思想，贯彻落实党中央决策部署和上级工作要求，各项工作取得一定成效。\n巡察也发现，${target}在落实全面从严治党主体责任、加强自身建设等方面还存在一些问题和不足，需要认真加以整改。`;
  const suggestions = [0, 1, 2].map(
    (k) => SUGGESTIONS[(intBetween(rng, 0, SUGGESTIONS.length - 1) + k * 3) % SUGGESTIONS.length] as string,
  );
  const draftOn = minDate(workdayOnOrAfter(addDays(i.exitDate, intBetween(rng, 3, 8))), TODAY);
  const versions = chance(rng, 0.35) ? 2 : 1;
  for (let n = 1; n <= versions; n++)
    c.out.reports.push({
      inspectionKey: i.key,
      number: n,
      overview: n === 1 ? base : `${base}\n巡察组按照组办会商意见，对问题表述作了进一步核实和完善。`,
      suggestions: n === 1 ? suggestions.slice(0, 2) : suggestions,
      note: n === 1 ? '初稿' : '根据组办会商意见修改',
      savedByName: who,
      savedAt: stamp(minDate(addDays(draftOn, (n - 1) * 4), TODAY), 60 + n),
    });
}

function attendeesOf(c: Ctx, authorityKey: string, kind: TMeetingKind): string[] {
  const a = c.input.reg.authorities.find((x) => x.key === authorityKey);
  const region = (a?.name ?? '').replace(/^中共/, '').replace(/巡察.*$/, '');
  switch (kind) {
    case 'standingCommittee':
      return [
        `${region}书记`,
        `${region}副书记`,
        `${region}常委、纪委书记`,
        `${region}常委、组织部长`,
        `${region}常委、秘书长`,
      ];
    case 'secretarySpecial':
      return [`${region}书记`, `${region}常委、纪委书记`, `${region}常委、组织部长`, '巡察办主任'];
    case 'leadingGroup':
      return ['巡察工作领导小组组长', '领导小组副组长', '领导小组成员', '巡察办主任'];
    case 'teamOfficeConsultation':
      return ['巡察办主任', '巡察办副主任', '巡察组组长', '巡察组副组长'];
  }
}

function addMeetings(c: Ctx, termKey: string) {
  const term = c.termOf.get(termKey) as Planning['terms'][number];
  const rng = rngFor(SEED, `meetings:${termKey}`);
  const rounds = c.input.plan.rounds.filter((r) => r.termKey === termKey);
  let m = 0;
  const meeting = (
    kind: TMeetingKind,
    date: string,
    inspectionKeys: string[],
    decisions: string,
    matters: DemoMeeting['matters'] = [],
  ) =>
    c.out.meetings.push({
      key: `${termKey}#m${m++}`,
      authorityKey: term.authorityKey,
      termKey,
      kind,
      date,
      attendees: attendeesOf(c, term.authorityKey, kind),
      inspectionKeys,
      decisions,
      matters,
    });
  for (const r of rounds) {
    const heard = c.input.plan.inspections.filter(
      (i) => i.roundKey === r.key && i.feedbackDate && i.feedbackDate <= TODAY,
    );
    if (!heard.length) continue;
    const lastExit = heard
      .map((i) => i.exitDate as string)
      .sort()
      .at(-1) as string;
    const firstFeedback = heard.map((i) => i.feedbackDate as string).sort()[0] as string;
    // Between leaving the site and the first feedback: the 书记专题会 hears every team of the round.
    let hearing = workdayOnOrAfter(addDays(lastExit, 1));
    if (hearing >= firstFeedback) hearing = lastExit;
    const teams = [...new Set(heard.map((i) => i.teamKey).filter((t): t is string => !!t))];
    for (const t of teams) {
      const own = heard.filter((i) => i.teamKey === t);
      const date = own
        .map((i) => i.exitDate as string)
        .sort()
        .at(-1) as string;
      meeting(
        'teamOfficeConsultation',
        date,
        own.map((i) => i.key),
        '巡察办与巡察组会商巡察报告，对问题定性和表述提出修改意见。',
      );
    }
    const keys = heard.map((i) => i.key);
    meeting('leadingGroup', lastExit, keys, `审议${r.name}巡察情况报告，同意提交书记专题会。`);
    const due = addDays(hearing, 60);
    meeting(
      'secretarySpecial',
      hearing,
      keys,
      `听取${r.name}巡察情况汇报，原则同意各巡察组的报告，按程序向被巡察党组织反馈。`,
      [
        {
          what: `督促${r.name}被巡察党组织在规定时限内报送整改方案`,
          assignee: '巡察办',
          dueDate: due,
          closingNote: due <= TODAY ? '各被巡察党组织已按时报送整改方案并经联合会审' : null,
          closedOn: due <= TODAY ? due : null,
        },
        {
          what: '对巡察发现的问题线索按干部管理权限移交处置',
          assignee: '纪委监委、组织部',
          dueDate: addDays(hearing, 30),
          closingNote: addDays(hearing, 30) <= TODAY ? '问题线索已全部移交并跟踪处置' : null,
          closedOn: addDays(hearing, 30) <= TODAY ? addDays(hearing, 30) : null,
        },
      ],
    );
  }
  // 常委会研究巡察工作: the city's first term says 31 times; others about five a year.
  const sessions = term.key === c.cityFirstTermKey ? CITY_FIRST_TERM.standingCommittee : intBetween(rng, 18, 26);
  const from = toDay(term.startDate);
  const to = toDay(minDate(term.endDate, TODAY));
  const topics = [
    '听取巡察工作年度情况汇报',
    '研究巡察工作规划',
    '听取巡察整改情况汇报',
    '研究巡察机构队伍建设',
    '听取巡察综合情况汇报',
  ];
  for (let k = 0; k < sessions; k++) {
    const day = from + Math.floor(((k + 0.5) * (to - from)) / sessions);
    const date = workdayOnOrBefore(addDays(term.startDate, day - from));
    meeting('standingCommittee', date, [], `${topics[k % topics.length]}，对下一步巡察工作作出部署。`);
  }
}

/** The current round on site: interviews, activities, papers at every step, a few clues awaiting transfer. */
function addOnSite(c: Ctx, i: SeedInspection) {
  const roster = c.input.rosters.get(i.teamKey ?? '') ?? [];
  const leader = roster.find((m) => m.role === 'leader');
  const deputy = roster.find((m) => m.role === 'deputy');
  const members = roster.filter((m) => m.role === 'member');
  if (!leader || !members.length || !i.entryDate) return;
  const rng = rngFor(SEED, `onsite:${i.key}`);
  const orgs = targetsOf(c, i);
  const city = c.authorityLevel.get(c.termOf.get(termKeyOf(c, i))?.authorityKey ?? '') === 'city';
  const two = () => {
    const a = pick(rng, roster);
    let b = pick(rng, roster);
    while (b.inspectorId === a.inspectorId) b = pick(rng, roster);
    return [a, b];
  };
  const kinds: [TInterviewKind, string][] = [
    ['leadership', '党组书记、局长'],
    ['leadership', '党组成员、副局长'],
    ['middleManager', '办公室主任'],
    ['middleManager', '财务科科长'],
    ['staff', '科员'],
    ['retired', '原副局长（已退休）'],
    ['serviceRecipient', '企业负责人'],
  ];
  const interviews = intBetween(rng, city ? 8 : 4, city ? 16 : 8);
  for (let k = 0; k < interviews; k++) {
    const [kind, post] = kinds[k % kinds.length] as [TInterviewKind, string];
    const name = personName(c, rng);
    const [a, b] = two() as [RosterMember, RosterMember];
    c.out.interviews.push({
      inspectionKey: i.key,
      orgKey: pick(rng, orgs).key,
      name,
      post,
      kind,
      date: dayBetween(rng, i.entryDate, TODAY),
      place: pick(rng, ['机关第一会议室', '巡察组谈话室', '机关第三会议室']),
      inspectorIds: [a.inspectorId, b.inspectorId],
      notes: fill(rng, pick(rng, INTERVIEW_NOTES), 2026, { a: name }),
      createdBy: a,
    });
  }
  const activity = (
    kind: DemoActivity['kind'],
    count: number,
    subject: string,
    attendees: string[] = [],
    pending = false,
  ) => {
    const [a, b] = two() as [RosterMember, RosterMember];
    c.out.activities.push({
      inspectionKey: i.key,
      orgKey: pick(rng, orgs).key,
      kind,
      date: dayBetween(rng, i.entryDate as string, TODAY),
      count,
      subject,
      attendees,
      inspectorIds: kind === 'covertVisit' ? [a.inspectorId, b.inspectorId] : [a.inspectorId],
      status: pending ? 'pendingApproval' : 'recorded',
      approvedByName: kind === 'covertVisit' && !pending ? leader.name : null,
      createdByName: a.name,
    });
  };
  activity('documentReview', intBetween(rng, 40, 220), '党组会议记录和“三重一大”决策资料');
  activity('documentReview', intBetween(rng, 80, 400), '2024—2025年度会计凭证');
  activity('visit', intBetween(rng, 2, 5), '走访下属单位和服务窗口');
  activity('forum', 1, '中层干部座谈会', ['办公室主任', '财务科科长', '人事科科长', '业务科科长']);
  activity('briefing', 1, '听取党组工作汇报');
  if (city) activity('covertVisit', 1, '暗访政务服务窗口办事情况', [], chance(rng, 0.5));

  // Papers at every step of 三审; the demo accounts' team gets some by the demo 组员 and some for its 组长.
  if (!deputy) return;
  const term = c.termOf.get(termKeyOf(c, i)) as Planning['terms'][number];
  const round = c.roundOf.get(i.roundKey) as Planning['rounds'][number];
  const team = c.input.plan.teams.find((t) => t.key === i.teamKey);
  const teamNo = ordinalInName(team?.name ?? '') ?? 1;
  const termNo = ordinalInName(term.name) ?? 1;
  const scopeKey = paperSeqScopeKey('team', {
    authorityId: term.authorityKey,
    year: 2026,
    roundId: round.key,
    teamId: i.teamKey as string,
  });
  const withAccount = members.find((m) => m.userId) ?? (members[0] as RosterMember);
  const steps: TPaperStatus[] = city
    ? ['draft', 'deputyReview', 'leaderReview', 'signedOff', 'signedOff', 'draft']
    : ['deputyReview', 'signedOff'];
  let seq = c.out.papers.filter((p) => p.scopeKey === scopeKey).length;
  steps.forEach((status, k) => {
    seq++;
    const typeKey = pickWeighted(rng, SGLS_TYPES, typeWeight);
    const w = TYPE_WORDING[typeKey] as TypeWording;
    const author = k < 3 ? withAccount : pick(rng, members);
    const foundOn = dayBetween(rng, i.entryDate as string, addDays(TODAY, -3));
    const on = (d: number) => minDate(addDays(foundOn, d), TODAY);
    const reviews: DemoPaper['reviews'] = [];
    if (k === steps.length - 1 && city)
      reviews.push(
        { action: 'submit', from: 'draft', to: 'deputyReview', by: author, reason: null, on: on(1) },
        {
          action: 'return',
          from: 'deputyReview',
          to: 'draft',
          by: deputy,
          reason: '定性依据不够准确，请补充相关凭证后再提交',
          on: on(2),
        },
      );
    if (status !== 'draft')
      reviews.push({ action: 'submit', from: 'draft', to: 'deputyReview', by: author, reason: null, on: on(1) });
    if (status === 'leaderReview' || status === 'signedOff')
      reviews.push({
        action: 'approve',
        from: 'deputyReview',
        to: 'leaderReview',
        by: deputy,
        reason: '事实清楚，同意',
        on: on(2),
      });
    if (status === 'signedOff')
      reviews.push({ action: 'approve', from: 'leaderReview', to: 'signedOff', by: leader, reason: '同意', on: on(3) });
    const key = `${i.key}#p${k}`;
    const paper: DemoPaper = {
      key,
      inspectionKey: i.key,
      teamKey: i.teamKey as string,
      orgKey: pick(rng, orgs).key,
      number: formatPaperNumber(DEFAULT_PAPER_NUMBER_PATTERN, {
        year: 2026,
        term: termNo,
        round: round.number,
        team: teamNo,
        seq,
      }),
      seq,
      scopeKey,
      title: pick(rng, w.titles),
      facts: fill(rng, pick(rng, w.facts), 2026),
      evidence: [
        {
          kind: 'document',
          refId: null,
          label: pick(rng, ['会计凭证复印件', '党组会议记录摘录', '合同及验收资料', '工资发放明细表']),
        },
        { kind: 'interview', refId: null, label: '相关人员谈话笔录' },
      ],
      regulationCodes: regulationCodesOf(typeKey).length ? regulationCodesOf(typeKey) : ['jlcf-77'],
      foundOn,
      foundByIds: [author.inspectorId],
      author,
      status,
      reviews,
      createdOn: foundOn,
    };
    c.out.papers.push(paper);
    if (status === 'signedOff' && k === 3)
      c.out.findings.push({
        key: `${key}#finding`,
        inspectionKey: i.key,
        orgKey: paper.orgKey,
        title: paper.title,
        facts: paper.facts,
        source: 'workingPaper',
        paperKey: key,
        typeKey,
        severity: 'general',
        common: false,
        immediate: false,
        immediateFixedOn: null,
        immediateAction: null,
        regulationCodes: paper.regulationCodes,
        createdAt: stamp(on(3), 90),
        createdByName: leader.name,
      });
  });
  if (chance(rng, city ? 0.5 : 0.3)) addClues(c, i, 1);
}

/** The three 纪委监委 the registry lacks: the receivers of the clues of the authorities with fieldwork. */
function disciplineOrgs(reg: Registry, authorityKeys: readonly string[]) {
  return authorityKeys.map((k) => {
    const a = reg.authorities.find((x) => x.key === k);
    const region = (a?.name ?? '').replace(/^中共/, '').replace(/委?巡察.*$/, '');
    return { key: `jwjw:${k}`, authorityKey: k, name: `${region}纪委监委` };
  });
}

export function buildDemoFieldwork(input: DemoFieldworkInput): DemoFieldwork {
  const { reg, plan, personnel } = input;
  const out: DemoFieldwork = {
    findings: [],
    clues: [],
    batches: [],
    reports: [],
    meetings: [],
    interviews: [],
    activities: [],
    papers: [],
    disciplineOrgs: [],
  };
  const names = new Map(personnel.inspectors.map((p) => [p.key, p.name]));
  const leaderOf = new Map(
    personnel.teamMembers.filter((m) => m.role === 'leader').map((m) => [m.teamKey, names.get(m.inspectorKey) ?? '']),
  );
  const officeStaff = new Map<string, string>();
  for (const p of personnel.inspectors)
    if (!officeStaff.has(p.authorityKey) && p.homeUnitName.endsWith('委巡察办') && !p.post.endsWith('主任'))
      officeStaff.set(p.authorityKey, p.name);
  const cityKey = reg.authorities.find((a) => a.level === 'city')?.key as string;
  const cityTerms = plan.terms
    .filter((t) => t.authorityKey === cityKey)
    .sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
  const c: Ctx = {
    input,
    out,
    names: new NameBook(),
    reserved: new Set([...(input.reservedNames ?? []), ...personnel.inspectors.map((p) => p.name)]),
    orgs: new Map(reg.orgs.map((o) => [o.key, o])),
    authorityLevel: new Map(reg.authorities.map((a) => [a.key, a.level])),
    termOf: new Map(plan.terms.map((t) => [t.key, t])),
    roundOf: new Map(plan.rounds.map((r) => [r.key, r])),
    leaderOf,
    officeStaff,
    cityFirstTermKey: cityTerms[0]?.key as string,
  };
  const termInspections = (termKey: string) =>
    plan.inspections.filter((i) => c.roundOf.get(i.roundKey)?.termKey === termKey && i.exitDate && i.exitDate <= TODAY);
  // Bigger inspections (several targets, a 回头看 the smaller) find more.
  const size = (i: SeedInspection) =>
    (i.lookBackOfKey ? 0.6 : 1) * (1 + 0.15 * Math.min(i.targets.length - 1, 6)) * (i.mode === 'authorized' ? 0.7 : 1);
  for (const term of plan.terms) {
    const list = termInspections(term.key);
    if (!list.length) continue;
    const weights = list.map((i) => size(i) * (0.75 + 0.5 * rngFor(SEED, `w:${i.key}`)()));
    const city = term.authorityKey === cityKey;
    const exact = term.key === c.cityFirstTermKey;
    const findings = exact ? CITY_FIRST_TERM.findings : Math.round(list.length * (city ? 18.5 : 5.5));
    const clues = exact ? CITY_FIRST_TERM.clues : Math.round(list.length * (city ? 1.3 : 0.45));
    const nf = apportion(findings, weights);
    const transferring = list.filter((i) => i.transferDate && i.transferDate <= TODAY);
    const nc = apportion(
      clues,
      transferring.map((i) => size(i)),
    );
    list.forEach((i, k) => {
      addFindings(c, i, nf[k] as number);
    });
    transferring.forEach((i, k) => {
      addClues(c, i, nc[k] as number);
    });
    for (const i of list) addReport(c, i);
    addMeetings(c, term.key);
  }
  for (const i of plan.inspections.filter((x) => x.stage === 'onSite')) addOnSite(c, i);
  // One 移交函 per authority, day and receiver.
  const seen = new Map<string, DemoBatch>();
  const letters = new Map<string, number>();
  for (const cl of out.clues) {
    if (!cl.batchKey || seen.has(cl.batchKey)) continue;
    const [authorityKey, on] = cl.batchKey.split('|') as [string, string];
    const year = on.slice(0, 4);
    const n = (letters.get(`${authorityKey}|${year}`) ?? 0) + 1;
    letters.set(`${authorityKey}|${year}`, n);
    const a = reg.authorities.find((x) => x.key === authorityKey);
    seen.set(cl.batchKey, {
      key: cl.batchKey,
      authorityKey,
      receiver: cl.receiver as TClueReceiver,
      transferredOn: on,
      letterNumber: `${(a?.shortName ?? '').replace(/巡察办$/, '')}巡函〔${year}〕${n}号`,
      createdByName: officeStaff.get(authorityKey) ?? '巡察办',
    });
  }
  out.batches = [...seen.values()];
  out.disciplineOrgs = disciplineOrgs(reg, [...new Set(plan.terms.map((t) => t.authorityKey))]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing the rows (the seed's transaction)

export interface SeedFieldworkOptions {
  reg: Registry;
  plan: Planning;
  personnel: Personnel;
  /** Plan keys (terms, rounds, teams, inspections) → their ids. */
  planIds: ReadonlyMap<string, string>;
  authId: ReadonlyMap<string, string>;
  orgId: ReadonlyMap<string, string>;
  keys: KeyRing;
  now: Date;
}

/**
 * Writes the demo fieldwork: reads the rosters of the teams on site (after the demo accounts were
 * linked to their inspectors), builds the data and inserts it as the services would, then makes the
 * demo case handler an account of the city's 纪委监委. Returns what it wrote, for the seed's log.
 */
export async function seedFieldwork(db: Db, o: SeedFieldworkOptions): Promise<Record<string, number>> {
  const { reg, plan, planIds, authId, orgId, keys, now } = o;
  const id = (key: string) => planIds.get(key) as string;
  const keyOf = new Map([...planIds].map(([k, v]) => [v, k]));
  const onSiteTeams = plan.inspections
    .filter((i) => i.stage === 'onSite' && i.teamKey)
    .map((i) => id(i.teamKey as string));
  const rosterRows = onSiteTeams.length
    ? rowsOf<{ team_id: string; inspector_id: string; role: string; name: string; user_id: string | null }>(
        await db.execute(sql`
          select tm.team_id, tm.inspector_id, tm.role, p.name, p.user_id
          from team_members tm join inspectors p on p.id = tm.inspector_id
          where tm.team_id in (${sql.join(
            onSiteTeams.map((t) => sql`${t}::uuid`),
            sql`, `,
          )})
          order by tm.created_at, p.name`),
      )
    : [];
  const rosters = new Map<string, RosterMember[]>();
  for (const r of rosterRows) {
    const k = keyOf.get(r.team_id) as string;
    rosters.set(k, [
      ...(rosters.get(k) ?? []),
      { inspectorId: r.inspector_id, name: r.name, role: r.role, userId: r.user_id },
    ]);
  }
  const accounts = rowsOf<{ name: string }>(await db.execute(sql`select display_name as name from users`));
  const data = buildDemoFieldwork({
    reg,
    plan,
    personnel: o.personnel,
    rosters,
    reservedNames: new Set(accounts.map((a) => a.name)),
  });
  const cipher = new FieldCipher(keys);
  const inspection = new Map(plan.inspections.map((i) => [i.key, i]));
  const roundOf = new Map(plan.rounds.map((r) => [r.key, r]));
  const termOf = (ik: string) =>
    (roundOf.get((inspection.get(ik) as SeedInspection).roundKey) as Planning['rounds'][number]).termKey;
  const authorityOf = (ik: string) =>
    authId.get((plan.terms.find((t) => t.key === termOf(ik)) as Planning['terms'][number]).authorityKey) as string;
  const regOrg = new Map(reg.orgs.map((x) => [x.key, x]));

  // The receivers: each authority's 纪委监委 (added here) and its 组织部 (in the registry).
  const jwjw = new Map(data.disciplineOrgs.map((d) => [d.authorityKey, uuidv7(now.getTime())]));
  await db.insert(organizations).values(
    data.disciplineOrgs.map((d) => ({
      id: jwjw.get(d.authorityKey) as string,
      authorityId: authId.get(d.authorityKey) as string,
      name: d.name,
      searchKey: searchKey(d.name),
      kind: '其他',
      sector: '党群',
      createdAt: now,
      updatedAt: now,
    })),
  );
  const zzb = new Map(
    data.disciplineOrgs.map((d) => {
      const org = reg.orgs.find((x) => x.authorityKey === d.authorityKey && x.name.endsWith('委组织部'));
      return [d.authorityKey, org ? (orgId.get(org.key) as string) : null] as const;
    }),
  );
  const receiverOrg = (authorityKey: string, receiver: TClueReceiver) =>
    receiver === 'organization'
      ? (zzb.get(authorityKey) ?? (jwjw.get(authorityKey) as string))
      : (jwjw.get(authorityKey) as string);

  // Libraries and settings of each authority with fieldwork.
  const nodeId = new Map<string, Map<string, string>>();
  const regulationId = new Map<string, Map<string, string>>();
  for (const d of data.disciplineOrgs) {
    const aid = authId.get(d.authorityKey) as string;
    const rows = libraryRows(aid, now);
    await db.insert(taxonomyNodes).values(rows.taxonomy);
    await db.insert(regulations).values(rows.regulations);
    await db.insert(phrases).values(rows.phrases);
    nodeId.set(aid, new Map(rows.taxonomy.map((n) => [n.seedKey as string, n.id as string])));
    regulationId.set(aid, new Map(rows.regulations.map((r) => [r.code, r.id])));
    await db.insert(fieldworkSettings).values({
      authorityId: aid,
      value: {
        receiverOrgs: { discipline: jwjw.get(d.authorityKey) as string, organization: zzb.get(d.authorityKey) ?? null },
      },
      librariesSeededAt: now,
      version: 1,
      updatedAt: now,
    });
  }
  const regIds = (ik: string, codes: readonly string[]) =>
    codes.map((c) => regulationId.get(authorityOf(ik))?.get(c)).filter((x): x is string => !!x);
  const where = (ik: string) => ({
    authorityId: authorityOf(ik),
    termId: id(termOf(ik)),
    roundId: id((inspection.get(ik) as SeedInspection).roundKey),
    inspectionId: id(ik),
  });

  // Working papers of the round on site, their 三审 steps, and the registers they were numbered from.
  const paperId = new Map(data.papers.map((p) => [p.key, uuidv7(Date.parse(`${p.createdOn}T09:00:00+08:00`))]));
  const findingId = new Map(data.findings.map((f) => [f.key, uuidv7(Date.parse(f.createdAt))]));
  const paperFinding = new Map(
    data.findings.filter((f) => f.paperKey).map((f) => [f.paperKey as string, findingId.get(f.key) as string]),
  );
  const registers = new Map<string, number>();
  await bulk(
    db,
    workingPapers,
    data.papers.map((p) => {
      const w = where(p.inspectionKey);
      const scopeKey = paperSeqScopeKey('team', {
        authorityId: w.authorityId,
        year: 2026,
        roundId: w.roundId,
        teamId: id(p.teamKey),
      });
      registers.set(scopeKey, Math.max(registers.get(scopeKey) ?? 0, p.seq));
      const at = new Date(`${p.createdOn}T10:00:00+08:00`);
      return {
        id: paperId.get(p.key) as string,
        ...w,
        teamId: id(p.teamKey),
        orgId: orgId.get(p.orgKey) as string,
        number: p.number,
        seq: p.seq,
        scopeKey,
        title: p.title,
        facts: p.facts,
        evidence: p.evidence,
        regulationIds: regIds(p.inspectionKey, p.regulationCodes),
        responsibility: 'principal',
        foundOn: p.foundOn,
        foundByIds: p.foundByIds,
        authorId: p.author.userId,
        authorInspectorId: p.author.inspectorId,
        authorName: p.author.name,
        status: p.status,
        findingId: paperFinding.get(p.key) ?? null,
        createdAt: at,
        updatedAt: p.reviews.length
          ? new Date(`${(p.reviews.at(-1) as DemoPaper['reviews'][number]).on}T16:00:00+08:00`)
          : at,
        version: 1 + p.reviews.length,
      };
    }),
  );
  await bulk(
    db,
    paperReviews,
    data.papers.flatMap((p) =>
      p.reviews.map((r, k) => ({
        id: uuidv7(now.getTime()),
        paperId: paperId.get(p.key) as string,
        seq: k + 1,
        action: r.action,
        fromStatus: r.from,
        toStatus: r.to,
        byId: r.by.userId,
        byName: r.by.name,
        teamRole: r.by.role,
        reason: r.reason,
        at: new Date(`${r.on}T15:00:00+08:00`),
      })),
    ),
  );
  if (registers.size)
    await db.insert(paperCounters).values([...registers].map(([scopeKey, last]) => ({ scopeKey, last })));

  // Findings.
  await bulk(
    db,
    findings,
    data.findings.map((f) => {
      const w = where(f.inspectionKey);
      const org = regOrg.get(f.orgKey);
      const created = new Date(f.createdAt);
      return {
        id: findingId.get(f.key) as string,
        ...w,
        orgId: orgId.get(f.orgKey) as string,
        sector: org?.sector ?? null,
        title: f.title,
        facts: f.facts,
        searchKey: searchKey(`${f.title}\n${f.facts}`),
        source: f.source,
        workingPaperId: f.paperKey ? (paperId.get(f.paperKey) as string) : null,
        taxonomyNodeId: nodeId.get(w.authorityId)?.get(f.typeKey) ?? null,
        severity: f.severity,
        common: f.common,
        immediate: f.immediate,
        immediateFixedOn: f.immediateFixedOn,
        immediateAction: f.immediateAction,
        regulationIds: regIds(f.inspectionKey, f.regulationCodes),
        createdByName: f.createdByName,
        createdAt: created,
        updatedAt: created,
      };
    }),
  );

  // Clues, the people they name (sealed), and the batches they went in.
  const batchId = new Map(data.batches.map((b) => [b.key, uuidv7(Date.parse(`${b.transferredOn}T10:00:00+08:00`))]));
  const clueId = new Map(data.clues.map((c) => [c.key, uuidv7(Date.parse(c.createdAt))]));
  const persons = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  for (const c of data.clues)
    if (c.batchKey) {
      counts.set(c.batchKey, (counts.get(c.batchKey) ?? 0) + 1);
      const set = persons.get(c.batchKey) ?? new Set<string>();
      for (const s of c.subjects) set.add(`${s.name}\u0000${s.post}`);
      persons.set(c.batchKey, set);
    }
  await bulk(
    db,
    clueTransferBatches,
    data.batches.map((b) => ({
      id: batchId.get(b.key) as string,
      authorityId: authId.get(b.authorityKey) as string,
      receiver: b.receiver,
      receiverOrgId: receiverOrg(b.authorityKey, b.receiver),
      transferredOn: b.transferredOn,
      letterNumber: b.letterNumber,
      clueCount: counts.get(b.key) ?? 0,
      personCount: persons.get(b.key)?.size ?? 0,
      createdByName: b.createdByName,
      createdAt: new Date(`${b.transferredOn}T10:00:00+08:00`),
    })),
  );
  await bulk(
    db,
    clues,
    data.clues.map((c) => {
      const w = where(c.inspectionKey);
      const cid = clueId.get(c.key) as string;
      const authorityKey = data.batches.find((b) => b.key === c.batchKey)?.authorityKey;
      return {
        id: cid,
        ...w,
        orgId: orgId.get(c.orgKey) as string,
        discipline: c.discipline,
        ...factsColumns(cipher, cid, c.facts),
        source: c.source,
        evidence: [] as TEvidence[],
        status: c.status,
        receiver: c.receiver,
        receiverOrgId: c.receiver && authorityKey ? receiverOrg(authorityKey, c.receiver) : null,
        transferBatchId: c.batchKey ? (batchId.get(c.batchKey) as string) : null,
        transferredOn: c.transferredOn,
        disposal: c.disposal,
        disposedOn: c.disposedOn,
        result: c.result,
        resultOn: c.resultOn,
        writtenOffOn: c.writtenOffOn,
        createdByName: c.createdByName,
        createdAt: new Date(c.createdAt),
        updatedAt: new Date(
          c.writtenOffOn ?? c.resultOn ?? c.disposedOn ?? c.transferredOn ?? c.createdAt.slice(0, 10),
        ),
        version:
          1 + ['transferredOn', 'disposedOn', 'resultOn', 'writtenOffOn'].filter((k) => c[k as keyof DemoClue]).length,
      };
    }),
  );
  await bulk(
    db,
    clueSubjects,
    data.clues.flatMap((c) =>
      c.subjects.map((s, seq) => {
        const sid = uuidv7(now.getTime());
        const w = where(c.inspectionKey);
        return {
          id: sid,
          clueId: clueId.get(c.key) as string,
          termId: w.termId,
          inspectionId: w.inspectionId,
          seq,
          level: s.level,
          ...subjectColumns(cipher, keys, sid, s),
        };
      }),
    ),
  );

  // Reports, meetings and their 交办事项.
  await bulk(
    db,
    reportVersions,
    data.reports.map((r) => ({
      id: uuidv7(Date.parse(r.savedAt)),
      authorityId: authorityOf(r.inspectionKey),
      inspectionId: id(r.inspectionKey),
      number: r.number,
      overview: r.overview,
      suggestions: r.suggestions,
      topicReports: [],
      note: r.note,
      savedByName: r.savedByName,
      savedAt: new Date(r.savedAt),
    })),
  );
  const meetingId = new Map(data.meetings.map((m) => [m.key, uuidv7(Date.parse(`${m.date}T15:00:00+08:00`))]));
  await bulk(
    db,
    meetings,
    data.meetings.map((m) => ({
      id: meetingId.get(m.key) as string,
      authorityId: authId.get(m.authorityKey) as string,
      termId: id(m.termKey),
      kind: m.kind,
      date: m.date,
      title: defaultMeetingTitle(m.kind, m.date),
      attendees: m.attendees,
      decisions: m.decisions,
      createdByName: data.batches[0]?.createdByName ?? '巡察办',
      createdAt: new Date(`${m.date}T18:00:00+08:00`),
    })),
  );
  await bulk(
    db,
    meetingInspections,
    data.meetings.flatMap((m) =>
      m.inspectionKeys.map((ik) => ({ meetingId: meetingId.get(m.key) as string, inspectionId: id(ik) })),
    ),
  );
  await bulk(
    db,
    assignedMatters,
    data.meetings.flatMap((m) =>
      m.matters.map((x, seq) => ({
        id: uuidv7(now.getTime()),
        meetingId: meetingId.get(m.key) as string,
        authorityId: authId.get(m.authorityKey) as string,
        seq,
        what: x.what,
        assignee: x.assignee,
        dueDate: x.dueDate,
        status: x.closedOn ? 'done' : 'open',
        closingNote: x.closingNote,
        closedOn: x.closedOn,
        version: x.closedOn ? 2 : 1,
      })),
    ),
  );

  // The round on site: interviews (notes sealed) and activities.
  await bulk(
    db,
    interviews,
    data.interviews.map((v) => {
      const vid = uuidv7(Date.parse(`${v.date}T09:00:00+08:00`));
      const w = where(v.inspectionKey);
      return {
        id: vid,
        authorityId: w.authorityId,
        inspectionId: w.inspectionId,
        orgId: orgId.get(v.orgKey) as string,
        intervieweeName: v.name,
        intervieweePost: v.post,
        kind: v.kind,
        date: v.date,
        place: v.place,
        inspectorIds: v.inspectorIds,
        notesEnc: cipher.encrypt('interviews', vid, 'notes', v.notes),
        createdById: v.createdBy.userId,
        createdByName: v.createdBy.name,
        createdAt: new Date(`${v.date}T17:00:00+08:00`),
      };
    }),
  );
  await bulk(
    db,
    activities,
    data.activities.map((a) => {
      const w = where(a.inspectionKey);
      return {
        id: uuidv7(Date.parse(`${a.date}T09:00:00+08:00`)),
        authorityId: w.authorityId,
        inspectionId: w.inspectionId,
        orgId: orgId.get(a.orgKey) as string,
        kind: a.kind,
        date: a.date,
        count: a.count,
        subject: a.subject,
        attendees: a.attendees,
        inspectorIds: a.inspectorIds,
        status: a.status,
        approvedByName: a.approvedByName,
        approvedAt: a.approvedByName ? new Date(`${a.date}T18:00:00+08:00`) : null,
        createdByName: a.createdByName,
        createdAt: new Date(`${a.date}T17:30:00+08:00`),
      };
    }),
  );

  // The demo case handler works at the city's 纪委监委.
  const cityKey = reg.authorities.find((a) => a.level === 'city')?.key as string;
  await db.execute(sql`update users set org_id = ${jwjw.get(cityKey) as string} where username = 'case.handler'`);
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, (v as unknown[]).length]));
}

// ---------------------------------------------------------------------------------------------
// Wording: for each problem type of the default taxonomy, titles and facts as a team writes them,
// with placeholders `fill` replaces ({y} a year, {n} and {k} counts, {m} 万元, {s} 元, {u} a matter,
// {a} and {b} the people named). Fictional particulars in the register of real 巡察 reports.

export interface TypeWording {
  titles: readonly string[];
  facts: readonly string[];
  /** What a team did on the spot when the problem was fixed during the stay (立行立改). */
  fix: string;
}

export const TYPE_WORDING: Readonly<Record<string, TypeWording>> = {
  'sgls-1-01': {
    titles: ['理论学习中心组学习流于形式', '学习贯彻党的创新理论不够深入'],
    facts: [
      '{y}年党组理论学习中心组集中学习{n}次，其中{k}次以传达文件代替研讨，学习记录中无研讨发言内容。',
      '抽查{y}年学习记录，班子成员撰写心得体会雷同，存在照抄照搬现象，学用结合不紧。',
    ],
    fix: '已重新制定年度学习计划，明确专题研讨和交流发言要求。',
  },
  'sgls-1-02': {
    titles: ['贯彻落实上级决策部署打折扣', '重点工作推进缓慢'],
    facts: [
      '{y}年承担的{n}项市委重点任务中，有{k}项未按时序进度完成，存在以文件落实文件、以会议落实会议现象。',
      '对上级交办的{u}专项工作只作部署、不抓督办，至巡察进驻时仍有{k}项任务未启动。',
    ],
    fix: '已建立重点任务推进台账，逐项明确责任人和完成时限。',
  },
  'sgls-1-03': {
    titles: ['履行主责主业不到位', '服务高质量发展举措不实'],
    facts: [
      '{y}年{u}审批事项平均办理时限超出承诺时限{n}个工作日，企业和群众反映较多。',
      '本系统{y}年度绩效考核{k}项核心指标未完成，相关问题在年度总结中未作分析。',
    ],
    fix: '已压缩审批环节，公开办理时限并接受监督。',
  },
  'sgls-1-04': {
    titles: ['意识形态工作责任制落实不到位', '网络阵地管理存在漏洞'],
    facts: [
      '党组{y}年仅专题研究意识形态工作{k}次，未按规定开展意识形态领域风险研判。',
      '单位微信公众号信息发布未执行“三审三校”制度，{y}年以来发布的信息中有{n}条未经审核。',
    ],
    fix: '已修订网络信息发布审核制度，明确审核责任人。',
  },
  'sgls-1-05': {
    titles: ['防范化解重大风险不力', '安全生产监管责任落实不到位'],
    facts: [
      '对{u}领域排查出的{n}处风险隐患，至巡察时仍有{k}处未整改销号。',
      '{y}年应急预案未按规定组织演练，部分应急物资过期未更新。',
    ],
    fix: '已对剩余风险隐患逐一明确整改责任和时限。',
  },
  'sgls-1-06': {
    titles: ['群众反映强烈的问题解决不及时', '为民办实事项目推进滞后'],
    facts: [
      '{y}年以来群众反映的{u}问题共{n}件，办结{k}件，部分事项反复信访。',
      '{y}年确定的为民办实事项目中，{k}项未按期完成，群众满意度不高。',
    ],
    fix: '已对群众反映集中的问题建立清单，限期办结并回访。',
  },
  'sgls-2-01': {
    titles: ['落实全面从严治党主体责任不到位', '党组研究党风廉政建设不经常'],
    facts: [
      '{y}年党组会议研究全面从严治党工作仅{k}次，未按规定听取班子成员“一岗双责”履行情况汇报。',
      '主要负责人履行第一责任人职责不到位，{y}年未与班子成员开展廉政谈话，对下属单位存在的问题督促整改不力。',
    ],
    fix: '已制定全面从严治党主体责任清单，明确班子成员责任分工。',
  },
  'sgls-2-02': {
    titles: ['监督责任落实不到位', '日常监督发现问题少'],
    facts: [
      '派驻纪检组{y}年运用第一种形态处理{k}人次，对干部职工违规问题发现少、处置不及时。',
      '内部审计监督缺位，{y}年以来未对{n}个下属单位开展财务审计。',
    ],
    fix: '已制定年度监督检查计划，对下属单位开展财务检查。',
  },
  'sgls-2-03': {
    titles: ['违规发放津贴补贴', '超标准公务接待', '公车私用问题仍有发生'],
    facts: [
      '经查，{y}年以“加班补助”“值班费”名义向机关干部发放津贴补贴{m}万元，未经财政部门批准。',
      '{y}年公务接待{n}批次，其中{k}批次超出标准，无公函接待{k}批次，涉及金额{m}万元。',
      '抽查公务用车使用登记，{y}年有{n}次节假日出车无审批手续，存在公车私用嫌疑。',
    ],
    fix: '已责令退回违规发放的补贴，并修订公务接待和公车管理制度。',
  },
  'sgls-2-04': {
    titles: ['文山会海问题依然突出', '督查检查考核过多过频'],
    facts: [
      '{y}年本单位发文{n}件，召开全系统会议{k}次，层层要求基层报送材料，增加基层负担。',
      '{y}年对下属单位开展各类检查考核{n}次，部分检查内容重复，基层反映强烈。',
    ],
    fix: '已精简会议文件，合并同类检查事项。',
  },
  'sgls-2-05': {
    titles: ['财务管理不规范', '往来款项长期挂账未清理', '报销手续不全'],
    facts: [
      '抽查{y}年会计凭证{n}份，发现{k}笔支出无审批、{k}笔以白条入账，涉及金额{m}万元。',
      '截至巡察进驻，其他应收款中3年以上未清理的往来款项{m}万元，部分无法说明形成原因。',
      '{y}年差旅费报销中有{n}笔无出差审批单，部分票据与行程不符。',
    ],
    fix: '已对不规范票据逐笔核实补正，清理长期挂账款项。',
  },
  'sgls-2-06': {
    titles: ['工程项目管理不规范', '化整为零规避招标'],
    facts: [
      '{y}年实施的{u}工程未批先建，变更签证{n}项未经集体研究，增加投资{m}万元。',
      '将{u}维修项目拆分为{n}个标段直接发包，规避公开招标，合同金额合计{m}万元。',
    ],
    fix: '已规范工程项目变更审批程序，对拆分发包问题启动追责。',
  },
  'sgls-2-07': {
    titles: ['政府采购管理不规范', '国有资产底数不清'],
    facts: [
      '{y}年应采未采{n}项，涉及金额{m}万元；部分采购项目验收记录缺失。',
      '固定资产账实不符，盘点发现账面有、实物无的资产{n}项，原值{m}万元；{k}处房产出租未履行审批程序。',
    ],
    fix: '已开展资产清查，补办房产出租审批手续。',
  },
  'sgls-2-08': {
    titles: ['重点领域廉洁风险防控不到位', '权力运行监督制约不够'],
    facts: [
      '{u}等关键岗位人员长期未轮岗，{n}名干部在同一岗位任职超过10年。',
      '行政审批、资金分配等重点环节未建立廉政风险防控台账，{y}年以来未开展风险排查。',
    ],
    fix: '已制定关键岗位轮岗计划，建立廉政风险防控台账。',
  },
  'sgls-3-01': {
    titles: ['执行民主集中制不严格', '“三重一大”事项集体决策制度落实不到位'],
    facts: [
      '{y}年{n}笔大额资金使用未经党组会集体研究，由主要负责人签批后直接支付，合计{m}万元。',
      '党组会议事项会前酝酿不充分，{k}次会议临时动议议题，班子成员发表意见记录简单。',
    ],
    fix: '已修订“三重一大”决策制度实施细则，严格会议议题报审。',
  },
  'sgls-3-02': {
    titles: ['选人用人不规范', '干部选拔任用程序执行不严'],
    facts: [
      '{y}年提拔的{n}名中层干部中，{k}名未按规定进行任前公示，{k}名干部人事档案“三龄二历”认定依据不足。',
      '超职数配备中层副职{n}名，试用期满考核流于形式。',
    ],
    fix: '已对干部档案进行专项审核，消化超职数配备。',
  },
  'sgls-3-03': {
    titles: ['干部队伍管理监督不严', '干部因私出国（境）管理不规范'],
    facts: [
      '个人有关事项报告抽查核实发现{n}人漏报，未作处理。',
      '{k}名干部因私出国（境）证件未按规定集中保管，{y}年有{k}人次未履行审批手续出境。',
    ],
    fix: '已集中收缴保管因私出入境证件，对漏报人员进行批评教育。',
  },
  'sgls-3-04': {
    titles: ['基层党组织建设薄弱', '“三会一课”制度落实不到位'],
    facts: [
      '所属{n}个党支部中，{k}个支部{y}年“三会一课”记录不全，主题党日活动内容单一。',
      '{k}个党支部未按期换届，支部委员长期缺额未补选。',
    ],
    fix: '已督促相关党支部完成换届，规范“三会一课”记录。',
  },
  'sgls-3-05': {
    titles: ['党内政治生活不严肃', '民主生活会批评和自我批评不够'],
    facts: [
      '{y}年度民主生活会班子成员相互批评意见{n}条，多为工作建议，“辣味”不足。',
      '对照检查材料查摆问题泛泛而谈，上年度民主生活会整改措施落实情况未作说明。',
    ],
    fix: '已召开专题组织生活会，认真开展批评和自我批评。',
  },
  'sgls-3-06': {
    titles: ['党员发展和教育管理不规范', '党费收缴不规范'],
    facts: [
      '{y}年发展的{n}名党员中，{k}名入党材料缺少培养考察记录。',
      '{k}名党员未按规定标准交纳党费，少交金额合计{s}元。',
    ],
    fix: '已督促补交党费，完善发展党员档案材料。',
  },
  'sgls-4-01': {
    titles: ['巡察整改主体责任落实不到位', '整改工作领导不力'],
    facts: [
      '上轮巡察反馈问题整改期间，党组专题研究整改工作仅{k}次，整改方案未细化到具体责任人。',
      '整改工作台账更新不及时，{n}项整改任务无佐证材料。',
    ],
    fix: '已重新梳理整改台账，明确每项任务的责任人和佐证要求。',
  },
  'sgls-4-02': {
    titles: ['上轮巡察反馈问题整改不彻底', '存在“纸面整改”现象'],
    facts: [
      '上轮巡察反馈的{n}个问题中，{k}个问题整改不到位，部分问题在本次巡察中反复出现。',
      '对“违规发放津贴补贴”问题仅清退部分款项，{m}万元至今未清退到位。',
    ],
    fix: '已对未整改到位的问题重新制定措施，限期整改销号。',
  },
  'sgls-4-03': {
    titles: ['整改成果运用不到位', '建章立制不够完善'],
    facts: [
      '针对上轮巡察发现问题应修订的{n}项制度，仅修订{k}项，部分制度未印发执行。',
      '整改中对责任人的问责处理不到位，{k}名相关责任人未作处理。',
    ],
    fix: '已完成相关制度修订并印发执行。',
  },
  'sgls-4-04': {
    titles: ['审计发现问题整改不到位', '其他监督发现问题整改不力'],
    facts: [
      '{y}年审计指出的{n}个问题中，{k}个问题至今未完成整改，涉及金额{m}万元。',
      '财政监督检查发现的问题整改报告与实际不符，存在报喜不报忧现象。',
    ],
    fix: '已对审计发现问题逐项对账销号。',
  },
  'sgjj-1-01': {
    titles: ['侵占挪用惠民惠农资金', '违规套取补贴资金'],
    facts: [
      '{y}年{u}补贴资金{m}万元未按规定及时发放到户，其中{s}元被挪作村务开支。',
      '经核查，{k}户不符合条件的农户享受{u}补贴，涉及资金{s}元。',
    ],
    fix: '已追回违规领取的补贴资金，重新公示补贴名单。',
  },
  'sgjj-1-02': {
    titles: ['农村集体“三资”管理不规范', '集体资产资源发包不规范'],
    facts: [
      '村集体{n}宗山林、鱼塘发包未经村民代表会议表决，承包费{y}年以来未收缴到位{s}元。',
      '村集体收入{s}元长期存放在报账员个人账户，未及时入账。',
    ],
    fix: '已将集体收入全部入账，对发包合同重新履行民主程序。',
  },
  'sgjj-1-03': {
    titles: ['村级工程项目管理不规范', '小额工程“先干后批”'],
    facts: [
      '{y}年村级道路硬化等{n}个工程项目未按规定进行招投标，直接由村干部亲属承建。',
      '村级工程项目决算资料缺失，{k}个项目未经验收即支付工程款{s}元。',
    ],
    fix: '已对相关工程补充验收，规范村级工程项目管理。',
  },
  'sgjj-1-04': {
    titles: ['优亲厚友、吃拿卡要', '低保评定不公'],
    facts: [
      '{y}年低保评定中，{k}名村干部近亲属被纳入低保，未按规定进行备案公示。',
      '群众反映办理{u}需向经办人员“意思意思”，走访中{n}名群众反映类似情况。',
    ],
    fix: '已对低保对象重新入户核查，清退不符合条件人员。',
  },
  'sgjj-1-05': {
    titles: ['村务公开不到位', '财务公开不及时不规范'],
    facts: [
      '村务公开栏内容停留在{y}年，{n}项惠民资金发放情况未公开。',
      '村级财务公开只公开收支总数，未公开明细，群众看不懂、不满意。',
    ],
    fix: '已更新村务公开栏，按季度公开财务收支明细。',
  },
  'sgjj-2-01': {
    titles: ['村党组织书记履职不力', '村党组织领导作用发挥不充分'],
    facts: [
      '村党组织书记长期在外经营生意，{y}年在村工作时间不足半年，村级事务由村委会主任一人说了算。',
      '村党组织对村级重大事项未执行“四议两公开”，{n}项事项由村干部直接决定。',
    ],
    fix: '已调整村党组织书记，落实“四议两公开”工作法。',
  },
  'sgjj-2-02': {
    titles: ['“三会一课”等组织生活不规范', '主题党日活动流于形式'],
    facts: [
      '{y}年村党支部召开支部党员大会{k}次，党课{k}次，均少于规定次数，部分记录系事后补写。',
      '主题党日活动以发放纪念品为主，流动党员长期未参加组织生活。',
    ],
    fix: '已规范组织生活记录，建立流动党员联系制度。',
  },
  'sgjj-2-03': {
    titles: ['农村党员发展和管理不规范', '“口袋党员”问题存在'],
    facts: [
      '{y}年以来发展的{n}名党员中，{k}名为村干部亲属，培养考察程序不完整。',
      '{k}名外出党员长期失联，组织关系未转接。',
    ],
    fix: '已对失联党员开展排查，规范党员发展程序。',
  },
  'sgjj-2-04': {
    titles: ['村务监督委员会作用发挥不充分', '村级监督流于形式'],
    facts: [
      '村务监督委员会{y}年未召开会议，村级财务票据无监委会审核签字。',
      '村监委会主任由村委会委员兼任，监督职能虚化。',
    ],
    fix: '已调整村务监督委员会成员，落实票据审核签字制度。',
  },
  'sgjj-2-05': {
    titles: ['宗族势力干扰基层治理', '黑恶势力苗头性问题排查不到位'],
    facts: [
      '村“两委”换届中存在宗族势力拉票现象，群众反映{n}起，未及时调查处理。',
      '对群众反映的强揽工程等涉黑涉恶线索排查不深入，{k}条线索未按规定移交。',
    ],
    fix: '已将相关线索移交有关部门依法处理。',
  },
  'sgjj-3-01': {
    titles: ['巩固拓展脱贫攻坚成果不到位', '防返贫监测帮扶不精准'],
    facts: [
      '防返贫监测对象识别不及时，{k}户因病因灾收入骤减家庭未纳入监测。',
      '帮扶措施“一刀切”，{n}户监测对象帮扶措施与实际需求不符。',
    ],
    fix: '已开展集中排查，将符合条件的农户纳入监测帮扶。',
  },
  'sgjj-3-02': {
    titles: ['乡村振兴政策落实不到位', '产业帮扶项目效益不佳'],
    facts: [
      '{y}年{u}产业项目投入资金{m}万元，建成后长期闲置，未产生预期收益。',
      '高标准农田建设项目存在建后管护缺位问题，{n}处灌溉设施损毁未修复。',
    ],
    fix: '已引入经营主体盘活闲置资产，落实设施管护责任。',
  },
  'sgjj-3-03': {
    titles: ['村级集体经济发展滞后', '集体经济收入来源单一'],
    facts: [
      '{y}年村集体经营性收入仅{s}元，主要依靠上级补助，缺乏稳定增收渠道。',
      '村集体入股的{u}合作社连续{k}年未分红，入股资金{m}万元存在损失风险。',
    ],
    fix: '已与合作社签订分红协议，明确收益分配方式。',
  },
  'sgjj-3-04': {
    titles: ['惠民政策落实“最后一公里”问题', '惠民资金发放不及时'],
    facts: [
      '{y}年耕地地力保护补贴等{n}项惠民资金发放延迟{k}个月以上。',
      '群众对{u}政策知晓率低，走访的{n}户中有{k}户不了解补贴标准。',
    ],
    fix: '已加快资金发放进度，入户开展政策宣传。',
  },
};

/** Units and matters the facts name ({u}). */
export const MATTERS = [
  '行政许可',
  '项目资金',
  '城乡居民医保',
  '农机购置补贴',
  '公共租赁住房',
  '招商引资',
  '安全生产',
  '信访积案',
  '办公用房维修',
  '信息化建设',
  '食品安全',
  '生态环境保护',
];

/** Posts of the people a clue names, by the kind of organization, with their cadre-management level. */
export const SUBJECT_POSTS = {
  unit: [
    ['党组书记、局长', 'cityManaged'],
    ['党组成员、副局长', 'cityManaged'],
    ['党组成员、纪检组长', 'cityManaged'],
    ['办公室主任', 'sectionLevel'],
    ['财务科科长', 'sectionLevel'],
    ['人事科科长', 'sectionLevel'],
    ['下属事业单位主任', 'sectionLevel'],
    ['项目办负责人', 'sectionLevel'],
  ],
  town: [
    ['党委书记', 'countyManaged'],
    ['党委副书记、镇长', 'countyManaged'],
    ['党委委员、副镇长', 'countyManaged'],
    ['财政所所长', 'sectionLevel'],
    ['村党支部书记', 'other'],
    ['村委会主任', 'other'],
    ['村报账员', 'other'],
  ],
} as const;

/** Facts of clues by the 六大纪律 category; {a} and {b} are the people named. */
export const CLUE_FACTS: Readonly<Record<string, readonly string[]>> = {
  integrity: [
    '反映{a}在分管{u}工作期间，收受管理服务对象所送购物卡、红包，金额约{s}元。',
    '反映{a}利用职务便利，为其亲属承揽{u}项目提供帮助，从中获取好处费约{m}万元。',
    '反映{a}指使{b}以虚开会议费发票方式套取资金约{m}万元，用于个人消费。',
  ],
  political: [
    '反映{a}对上级决策部署搞变通、打折扣，在{u}工作中弄虚作假、欺上瞒下。',
    '反映{a}对抗组织审查，与{b}串供、转移相关证据材料。',
  ],
  organizational: [
    '反映{a}在干部选拔任用中违规打招呼、说情，为{b}谋取职务提拔。',
    '反映{a}未如实报告个人有关事项，隐瞒其配偶经商办企业情况。',
  ],
  masses: [
    '反映{a}在低保、救助对象评定中优亲厚友，将不符合条件的亲属纳入救助范围。',
    '反映{a}在办理{u}过程中吃拿卡要，群众办事需送礼才能办理。',
  ],
  work: [
    '反映{a}在{u}监管中严重失职失责，致使国家资金损失约{m}万元。',
    '反映{a}对{u}项目审核把关不严，导致工程质量出现严重问题。',
  ],
  life: ['反映{a}长期与他人保持不正当关系，造成不良影响。', '反映{a}经常出入私人会所，接受{b}安排的宴请和娱乐活动。'],
};

/** Interview notes of the current round, short; {a} the person interviewed. */
export const INTERVIEW_NOTES = [
  '{a}介绍了分管工作情况，谈到单位在财务报销审批上存在“一支笔”现象，建议加强内控。',
  '{a}反映部分中层干部长期不轮岗，办事效率不高，群众有意见。',
  '{a}谈到上轮巡察整改中个别问题“改了又犯”，主要原因是制度执行不严。',
  '{a}认为班子团结，但民主生活会批评不够深入，相互提意见有顾虑。',
  '{a}反映下属单位有以会议费名义报销餐费的情况，具体经办人为财务人员。',
  '{a}谈到群众反映强烈的办事难问题，认为窗口人员服务意识不强。',
];
