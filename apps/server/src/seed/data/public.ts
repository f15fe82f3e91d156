/**
 * Demo data of the public channel (码上巡) over the demo planning and personnel: the 巡察公告 and
 * QR codes of the inspections now on site, the reports people made through them (and letters,
 * calls and visits the teams registered by hand), the teams' replies, and the questionnaires the
 * public answered. Pure and deterministic: no I/O, no database; the same input always gives the
 * same rows. Receipts come out in clear so the demo can print a few; the seeder stores only their
 * slow hash, and encrypts the names and phones of named reporters, as the real channel does.
 * People and phone numbers are fictional.
 *
 * What comes out, by design (with the demo's today, 2026-11-27):
 * - Each inspection of a current term (the term that contains today) that is on site, or in
 *   reporting or feedback, gets a 公告 (period = entry to planned exit, the default scope, a 0797
 *   phone and a numbered 邮政信箱 (赣州市1001号 to 9899号) per team) and one code per target organization, villages
 *   included; codes are open while the team is on site.
 * - 30–60 reports through the codes, more for the city's inspections, about the things people
 *   report to a 巡察组 (公车私用, 收受礼品礼金, 违规发放津补贴, 插手工程, 优亲厚友评低保, 侵占集体资金,
 *   形式主义 …) and a few outside its remit (邻里纠纷, 劳资纠纷 …) that are forwarded; about a quarter
 *   named; some with a photo; about half answered by the team; a few with the reporter's additions.
 *   About ten more were registered by hand from letters, calls and visits.
 * - 民主测评 of every city inspection on site (40–120 sheets, most through single-use links);
 *   整改满意度测评 of six inspections of the previous term that reached rectification (150–400
 *   sheets, satisfaction 95.5–98.5%, as the seed says “> 95% every round”); 作风纪律评估 of every
 *   team on site in a current round (60–150 sheets, satisfaction ≥ 97.5%).
 * - Nothing is dated after `now`: a report, reply or answer sheet that would be is left out.
 */
import { deflateSync } from 'node:zlib';
import {
  DEFAULT_ANNOUNCEMENT_SCOPE,
  DISCIPLINE_LABELS,
  RECEIPT_DIGITS,
  SURVEY_TEMPLATES,
  type TDiscipline,
  type TPetitionStatus,
  type TQuestion,
  type TStage,
  type TSurveyAnswers,
  type TSurveyKind,
} from '@xc/domain';
import { shanghaiDate } from '../../platform/clock.ts';
import { addDays, toDay, workdayOnOrAfter } from './days.ts';
import { chance, hashString, intBetween, NameBook, pick, type Rng, rngFor, shuffled } from './names.ts';

// ---------------------------------------------------------------------------------------------
// Input and output

/** What the generator needs of the registry, the planning and the personnel (their seed rows fit). */
export interface PublicInput {
  /** The seed's clock: nothing is dated after it. */
  now: Date;
  authorities: readonly { key: string; shortName: string; level: string }[];
  orgs: readonly {
    key: string;
    name: string;
    kind: string;
    authorityKey: string;
    parentKey: string | null;
    leaders: readonly { name: string; position: string; since: string; until: string | null }[];
  }[];
  terms: readonly { key: string; authorityKey: string; name: string; startDate: string; endDate: string }[];
  rounds: readonly { key: string; termKey: string; name: string }[];
  teams: readonly { key: string; roundKey: string; name: string }[];
  inspections: readonly {
    key: string;
    roundKey: string;
    teamKey: string | null;
    mode: string;
    stage: TStage;
    targets: readonly { orgKey: string; role: 'primary' | 'village' }[];
    plannedEntryDate: string | null;
    plannedExitDate: string | null;
    entryDate: string | null;
    exitDate: string | null;
    concentratedEndDate: string | null;
    evaluatedDate: string | null;
  }[];
  /** Members of the teams, by name: replies and registrations are signed by them. */
  teamMembers: readonly { teamKey: string; name: string; role: 'leader' | 'deputy' | 'member' | 'liaison' }[];
  /** A member of each office's staff, by authority key: who set up the office's surveys. */
  officeStaff: Readonly<Record<string, string>>;
}

export interface PubAnnouncement {
  inspectionKey: string;
  periodFrom: string;
  periodTo: string;
  scope: string;
  phone: string;
  mailbox: string;
  email: string | null;
  hours: string;
  updatedAt: string;
}
export interface PubCode {
  code: string;
  inspectionKey: string;
  orgKey: string;
  authorityKey: string;
  role: 'primary' | 'village';
  open: boolean;
  createdAt: string;
}
export interface PubPetition {
  key: string;
  authorityKey: string;
  inspectionKey: string;
  /** As the receipts file names it: 七届市委第一轮 · 第一巡察组 · 赣州市财政局. */
  inspectionLabel: string;
  orgKey: string;
  orgName: string;
  channel: 'qr' | 'letter' | 'phone' | 'visit';
  anonymous: boolean;
  reporterName: string | null;
  reporterPhone: string | null;
  subjectName: string | null;
  subjectPost: string | null;
  subjectOrg: string | null;
  content: string;
  happenedWhen: string | null;
  place: string | null;
  receivedOn: string;
  /** In clear for the demo only; QR reports have one, registered ones none. */
  receipt: string | null;
  status: TPetitionStatus;
  discipline: TDiscipline | null;
  keyPost: boolean | null;
  forwardTo: string | null;
  decisionNote: string | null;
  registeredByName: string | null;
}
export interface PubMessage {
  petitionKey: string;
  seq: number;
  sender: 'reporter' | 'team';
  body: string;
  onDate: string;
  byName: string | null;
}
export interface PubFile {
  petitionKey: string;
  /** The reporter's message it came with, or null for the report itself. */
  messageSeq: number | null;
  name: string;
  mime: string;
  kind: 'image';
  data: Buffer;
}
export interface PubEvent {
  petitionKey: string;
  at: string;
  action: string;
  note: string | null;
  actorName: string | null;
}
export interface PubSurvey {
  key: string;
  authorityKey: string;
  kind: TSurveyKind;
  title: string;
  intro: string;
  status: 'open' | 'closed';
  targetType: 'inspection' | 'team';
  inspectionKey: string | null;
  teamKey: string | null;
  questions: TQuestion[];
  keyQuestionId: string;
  openCode: string;
  openCap: number;
  createdAt: string;
  createdByName: string;
  /** The days it collected answers (not stored: the table has no period). */
  periodFrom: string;
  periodTo: string;
}
export interface PubBatch {
  key: string;
  surveyKey: string;
  count: number;
  note: string;
  createdAt: string;
  createdByName: string;
}
export interface PubAnswer {
  surveyKey: string;
  /** Single-use link: its batch and index (the seeder records the used link apart from the sheet); null for the open code. */
  batchKey: string | null;
  index: number | null;
  verified: boolean;
  answeredOn: string;
  answers: TSurveyAnswers;
}
export interface PublicData {
  announcements: PubAnnouncement[];
  codes: PubCode[];
  petitions: PubPetition[];
  messages: PubMessage[];
  files: PubFile[];
  events: PubEvent[];
  surveys: PubSurvey[];
  batches: PubBatch[];
  answers: PubAnswer[];
}

const SEED = 0x5a17c0de;

// ---------------------------------------------------------------------------------------------
// Days and times (UTC day numbers; timestamps in China Standard Time)

const minIso = (a: string, b: string) => (a < b ? a : b);
const maxIso = (a: string, b: string) => (a > b ? a : b);

/** A day in [from, to]; skew > 1 puts more of them near the start. */
function dayIn(rng: Rng, from: string, to: string, skew = 1): string {
  const span = Math.max(0, toDay(to) - toDay(from));
  return addDays(from, Math.min(span, Math.floor(rng() ** skew * (span + 1))));
}

// ---------------------------------------------------------------------------------------------
// Codes, receipts, phones and a photo

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

class Unique {
  private readonly seen = new Set<string>();
  take(make: () => string): string {
    for (;;) {
      const s = make();
      if (!this.seen.has(s)) {
        this.seen.add(s);
        return s;
      }
    }
  }
}

function code(rng: Rng): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += pick(rng, [...CODE_ALPHABET]);
  return s;
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(rng() * 10));
  return s;
}

function receipt(rng: Rng): string {
  return String(intBetween(rng, 1, 9)) + digits(rng, RECEIPT_DIGITS - 1);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = (CRC_TABLE[(c ^ x) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A tiny valid PNG standing in for a phone photo: a sky over a wall with a little noise, a few
 * hundred bytes. Made by hand (zlib only) so it is the same on every run.
 */
export function demoPng(rng: Rng, width = 32, height = 24): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const sky = [intBetween(rng, 150, 200), intBetween(rng, 180, 220), intBetween(rng, 220, 250)];
  const wall = [intBetween(rng, 120, 200), intBetween(rng, 100, 170), intBetween(rng, 80, 140)];
  const horizon = intBetween(rng, Math.floor(height / 3), Math.floor((height * 2) / 3));
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let p = 0;
  for (let y = 0; y < height; y++) {
    raw[p++] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const base = y < horizon ? sky : wall;
      const noise = intBetween(rng, -12, 12);
      for (const c of base) raw[p++] = Math.max(0, Math.min(255, (c as number) + noise));
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// What people report

type Org = PublicInput['orgs'][number];
type Inspection = PublicInput['inspections'][number];
type Kind = 'unit' | 'school' | 'hospital' | 'soe' | 'court' | 'police' | 'zone' | 'town' | 'village';
type SubjectRole = 'leader' | 'deputy' | 'secretary' | 'director' | 'none';

interface Fill {
  org: string;
  /** How people refer to the organization in a sentence: 单位, 学校, 镇里 … */
  unit: string;
  name: string;
  post: string;
  /** 村 or 社区. */
  cun: string;
  region: string;
}

interface Complaint {
  id: string;
  kinds: readonly Kind[];
  subject: SubjectRole;
  /** Within the team's remit (六大纪律, leaders and key posts), or to be forwarded. */
  discipline: TDiscipline | null;
  keyPost: boolean;
  text: (f: Fill) => string;
  when?: readonly string[];
  place?: (f: Fill) => string;
  /** Out of remit: the department it goes to. */
  forwardTo?: (f: Fill) => string;
  /** How the reporter may add to it later. */
  addition?: string;
  /** What it is about, for the forwarding reply. */
  topic?: string;
}

const UNIT_LIKE: readonly Kind[] = ['unit', 'school', 'hospital', 'soe', 'court', 'police', 'zone'];
const ANY_UNIT: readonly Kind[] = [...UNIT_LIKE, 'town'];

const COMPLAINTS: readonly Complaint[] = [
  {
    id: 'car',
    kinds: ANY_UNIT,
    subject: 'leader',
    discipline: 'integrity',
    keyPost: true,
    text: (f) =>
      `${f.post}${f.name}长期把${f.unit}的公务用车当作私家车使用，周末经常开回老家，平时还用来接送小孩上下学。车辆晚上停在其居住的小区里，加油卡也由其司机保管。请巡察组查一查${f.unit}的用车登记和加油记录。`,
    when: ['2025年以来', '今年上半年', '近两年'],
    addition: '补充一下：那辆车是赣B牌照的黑色轿车，周末经常停在城东一个小区的地下车库，可以调取ETC通行记录核实。',
  },
  {
    id: 'gifts',
    kinds: ANY_UNIT,
    subject: 'leader',
    discipline: 'integrity',
    keyPost: true,
    text: (f) =>
      `每逢春节、中秋，${f.post}${f.name}的办公室都有下属单位负责人和企业老板送购物卡、土特产和烟酒。去年中秋节前我亲眼看到有人提着两箱酒进了他的办公室。希望组织上认真调查。`,
    when: ['去年中秋前后', '今年春节前后', '这几年逢年过节'],
    place: () => '单位办公楼',
  },
  {
    id: 'allowance',
    kinds: ['unit', 'school', 'hospital', 'soe', 'zone'],
    subject: 'deputy',
    discipline: 'integrity',
    keyPost: true,
    text: (f) =>
      `${f.unit}以“加班补助”“值班费”的名义，每季度给干部职工发放两千到三千元不等的补贴，没有考勤和值班记录作依据，钱是从下属事业单位的账户上走的。分管财务的${f.post}${f.name}对此很清楚。`,
    when: ['2024年至今', '去年下半年开始'],
  },
  {
    id: 'project',
    kinds: ['unit', 'school', 'hospital', 'zone', 'town'],
    subject: 'leader',
    discipline: 'integrity',
    keyPost: true,
    text: (f) =>
      `${f.unit}办公楼维修改造工程没有公开招标，是${f.post}${f.name}直接指定的施工队，听说老板是他的亲戚。工程预算从八十多万元追加到一百四十多万元，质量却很差，刚完工外墙就开始渗水。`,
    when: ['2025年下半年', '去年'],
    place: (f) => `${f.org}办公楼`,
    addition:
      '补充材料：工程大概是2025年8月开工的，施工方是一家外地公司，现场没有看到招标公示。我拍了外墙渗水的照片，一并上传。',
  },
  {
    id: 'formalism',
    kinds: ['unit', 'school', 'hospital', 'town'],
    subject: 'none',
    discipline: 'work',
    keyPost: false,
    text: (f) =>
      `${f.unit}要求${f.unit === '单位' ? '下属单位和基层' : '下面'}每个月报送各类表格二十多张，很多内容是重复的，还要求在三四个工作群、两个APP上每天打卡留痕、拍照上传。基层同志大量时间花在填表上，真正干事的时间很少，希望巡察组关注形式主义问题。`,
  },
  {
    id: 'promotion',
    kinds: ['unit', 'hospital', 'soe', 'court', 'police', 'zone'],
    subject: 'leader',
    discipline: 'organizational',
    keyPost: true,
    text: (f) =>
      `去年${f.unit}提拔的几名中层干部中，有两人是${f.post}${f.name}的老乡和原来的身边工作人员，其中一人任职年限不够，民主推荐时得票也不高，却被提拔了。干部职工私下议论很多，认为选人用人不公道。`,
    when: ['去年下半年'],
  },
  {
    id: 'dining',
    kinds: ANY_UNIT,
    subject: 'deputy',
    discipline: 'integrity',
    keyPost: true,
    text: (f) =>
      `${f.post}${f.name}经常以工作接待为名到城郊的农家乐吃饭喝酒，费用拿到下属单位报销，发票开的是“会务费”“资料费”。`,
    when: ['今年以来', '近一年'],
    place: () => '城郊农家乐',
  },
  {
    id: 'spouse',
    kinds: ['unit', 'school', 'hospital', 'zone'],
    subject: 'leader',
    discipline: 'integrity',
    keyPost: true,
    text: (f) =>
      `${f.post}${f.name}的妻子开了一家广告公司，${f.unit}这几年的宣传制作、展板印刷和会务业务基本都交给这家公司做，价格比市场高出不少，也没有比价。`,
    when: ['2023年以来'],
  },
  {
    id: 'window',
    kinds: ['unit', 'hospital', 'police', 'town'],
    subject: 'none',
    discipline: 'masses',
    keyPost: false,
    text: (f) =>
      `我到${f.org}办理一件很简单的业务，前后跑了五趟，每次窗口都说材料不全，却又不一次性告诉我缺什么。打电话咨询也经常没人接。希望巡察组督促他们改进作风。`,
    place: (f) => `${f.org}办事窗口`,
  },
  {
    id: 'ideology',
    kinds: ['unit', 'school', 'hospital'],
    subject: 'none',
    discipline: 'political',
    keyPost: false,
    text: (f) =>
      `${f.unit}个别领导干部在工作群和朋友圈里转发一些歪曲历史、调侃时政的内容，有的年轻干部也跟着转发，${f.unit}党组织从来没有提醒过，意识形态工作抓得不严。`,
  },
  {
    id: 'drinking',
    kinds: ANY_UNIT,
    subject: 'deputy',
    discipline: 'life',
    keyPost: true,
    text: (f) =>
      `${f.post}${f.name}经常工作日中午饮酒，下午上班时满身酒气，晚上还常和一些老板在茶楼打牌，输赢不小，影响很坏。`,
    when: ['今年以来'],
  },
  {
    id: 'rent',
    kinds: ['unit', 'soe', 'school'],
    subject: 'deputy',
    discipline: 'integrity',
    keyPost: true,
    text: (f) =>
      `${f.unit}对外出租的临街门面房，以明显低于市场的价格租给了${f.post}${f.name}的熟人，租金多年不调整，合同到期也没有公开招租，国有资产收益流失。`,
    place: (f) => `${f.org}临街门面`,
  },
  {
    id: 'office',
    kinds: ['unit', 'hospital', 'zone'],
    subject: 'leader',
    discipline: 'integrity',
    keyPost: true,
    text: (f) =>
      `${f.unit}搬进新办公楼后，${f.post}${f.name}的办公室有五十多平方米，里面还隔出了休息间，明显超过规定标准。`,
    place: (f) => `${f.org}新办公楼`,
  },
  {
    id: 'fees',
    kinds: ['school'],
    subject: 'leader',
    discipline: 'masses',
    keyPost: true,
    text: (f) =>
      `学校以“资料费”“辅导费”的名义每学期向学生收取三百到五百元不等的费用，没有开正规收据，班主任在家长群里催缴，${f.post}${f.name}默许这种做法。家长们敢怒不敢言。`,
    when: ['本学期', '上学期和本学期'],
    addition: '补充：本学期收的是“学习资料费”每人380元，是通过班主任个人微信收的，我保存了聊天截图。',
  },
  {
    id: 'canteen',
    kinds: ['school', 'hospital'],
    subject: 'deputy',
    discipline: 'integrity',
    keyPost: true,
    text: (f) =>
      `${f.unit}食堂承包给了${f.post}${f.name}的亲戚，饭菜价格高、分量少，大家意见很大。食堂承包没有公开招标，承包费多少、交到哪里都不清楚。`,
    place: (f) => `${f.org}食堂`,
  },
  {
    id: 'titles',
    kinds: ['school', 'hospital'],
    subject: 'leader',
    discipline: 'organizational',
    keyPost: true,
    text: (f) =>
      `今年职称推荐名额的分配不公开，有的人条件明显不够却被推荐，听说是${f.post}${f.name}打了招呼。评审结果公示只贴了一天就撤下来了。`,
    when: ['今年'],
  },
  {
    id: 'procurement',
    kinds: ['school', 'hospital'],
    subject: 'deputy',
    discipline: 'integrity',
    keyPost: true,
    text: (f) =>
      `这两年${f.unit}采购的设备和耗材价格明显偏高，供应商基本都是同一家公司，是分管后勤的${f.post}${f.name}介绍来的，采购程序只是走个过场。`,
    when: ['2024年以来'],
  },
  {
    id: 'tutoring',
    kinds: ['school'],
    subject: 'none',
    discipline: null,
    keyPost: false,
    topic: '在职教师有偿补课',
    text: () =>
      '学校有几位老师在校外租房开辅导班，上课时暗示学生去补课，不去的学生座位被调到后排。希望有关部门管一管。',
    forwardTo: (f) => `${f.region}教育局`,
  },
  {
    id: 'execution',
    kinds: ['court'],
    subject: 'none',
    discipline: 'work',
    keyPost: false,
    text: () =>
      '我的案子判决生效两年多了，执行款一直没有到位。听说被执行人早就把钱打到了法院的执行账户上，执行法官却一直拖着不发，多次询问都推说在走程序。',
    when: ['2024年至今'],
    addition: '补充：案号我记得是（2024）赣07执字开头的，承办法官姓刘，我这里有当时的缴款凭证复印件。',
  },
  {
    id: 'police',
    kinds: ['police'],
    subject: 'deputy',
    discipline: 'integrity',
    keyPost: true,
    text: (f) =>
      `${f.post}${f.name}与辖区几家娱乐场所的老板来往密切，经常在那里吃喝，群众举报这些场所的问题往往不了了之。`,
    place: () => '城区娱乐场所',
  },
  {
    id: 'zone',
    kinds: ['zone'],
    subject: 'leader',
    discipline: 'integrity',
    keyPost: true,
    text: (f) =>
      `园区在招商引资中给个别企业违规返还土地出让金，企业拿地后长期闲置，至今没有开工。${f.post}${f.name}与该企业老板关系密切，经常一起吃饭。`,
    when: ['2023年以来'],
  },
  {
    id: 'soeBid',
    kinds: ['soe'],
    subject: 'deputy',
    discipline: 'integrity',
    keyPost: true,
    text: (f) =>
      `公司的工程和物资采购经常化整为零规避招标，中标的总是那几家关系户，分管的${f.post}${f.name}与其中一家老板是同学。`,
  },
  {
    id: 'landCompensation',
    kinds: ['town'],
    subject: 'deputy',
    discipline: 'masses',
    keyPost: true,
    text: (f) =>
      `镇里在修建公路征地过程中，部分农户的青苗补偿款被截留，有的到现在都没有拿到。${f.post}${f.name}说是统一留作村里的公益金，但村里的账上看不到这笔钱。`,
    when: ['2025年上半年'],
    place: () => '公路征地沿线',
  },
  {
    id: 'subsistence',
    kinds: ['village'],
    subject: 'secretary',
    discipline: 'masses',
    keyPost: true,
    text: (f) =>
      `${f.cun}${f.post}${f.name}在低保评定中优亲厚友，把自己的弟媳一家和堂兄纳入了低保，他们家有小车，还在城里买了房。${f.cun}里真正困难的几户人家却没有评上，评定时也没有召开村民代表会议。`,
    when: ['今年年初'],
    place: (f) => `${f.org}`,
    addition: '补充：评低保时只是几个村干部在村委会开了个会，名单公示了两天就撕掉了，很多村民都不知道。',
  },
  {
    id: 'collectiveFunds',
    kinds: ['village'],
    subject: 'director',
    discipline: 'integrity',
    keyPost: true,
    text: (f) =>
      `${f.cun}里的山林流转款和砂石场承包费有二十多万元，这几年从来没有公开过。${f.post}${f.name}说是用于修路了，可路是上级项目资金修的。请巡察组查一查${f.cun}里的账。`,
    when: ['2022年以来'],
    place: (f) => `${f.org}`,
  },
  {
    id: 'fishpond',
    kinds: ['village'],
    subject: 'secretary',
    discipline: 'integrity',
    keyPost: true,
    text: (f) =>
      `${f.cun}集体的鱼塘和山林发包给了${f.post}${f.name}的亲戚，承包费每年只有几千元，远低于市场价，发包前也没有经过村民代表会议讨论。`,
    place: (f) => `${f.org}`,
  },
  {
    id: 'farmland',
    kinds: ['village', 'town'],
    subject: 'none',
    discipline: 'work',
    keyPost: false,
    text: (f) =>
      `${f.cun}里去年实施的高标准农田项目偷工减料，水渠用的水泥标号不够，才一年就开裂了，施工队是${f.cun}干部介绍来的，验收也是走过场。`,
    when: ['去年'],
    place: (f) => `${f.org}高标准农田`,
  },
  {
    id: 'subsidies',
    kinds: ['village'],
    subject: 'director',
    discipline: 'masses',
    keyPost: true,
    text: (f) =>
      `耕地地力保护补贴和退耕还林补助，${f.cun}里有些人家明明没有种地也领了，有的农户的补贴被${f.post}${f.name}以“统一办理”为名代领后一直没有发到手里。`,
    place: (f) => `${f.org}`,
  },
  {
    id: 'openness',
    kinds: ['village'],
    subject: 'none',
    discipline: 'masses',
    keyPost: false,
    text: (f) =>
      `${f.cun}务公开栏已经一年多没有更新，${f.cun}里的收支情况群众一概不知道。去年修${f.cun}道的钱、卖集体林木的钱，群众多次询问都没有答复。`,
    place: (f) => `${f.org}`,
  },
  {
    id: 'orchard',
    kinds: ['village'],
    subject: 'secretary',
    discipline: 'integrity',
    keyPost: true,
    text: (f) =>
      `${f.cun}里用帮扶资金建的脐橙基地，分红只发了一年，后来基地被${f.post}${f.name}转包给了外地老板，每年的承包收益去了哪里，村民都不清楚。`,
    when: ['2023年以来'],
    place: (f) => `${f.org}脐橙基地`,
  },
  // Outside the team's remit: forwarded to the department that handles it.
  {
    id: 'neighbours',
    kinds: ['village', 'town', 'unit'],
    subject: 'none',
    discipline: null,
    keyPost: false,
    topic: '邻里纠纷',
    text: () =>
      '我家和邻居因为宅基地边界和排水沟的问题闹了两年矛盾，村里调解了几次都没有结果，上个月对方还把我家的围墙推倒了一截。希望巡察组帮忙解决。',
    forwardTo: (f) => `${f.region}信访局`,
  },
  {
    id: 'wages',
    kinds: ANY_UNIT.concat(['village']),
    subject: 'none',
    discipline: null,
    keyPost: false,
    topic: '劳资纠纷',
    text: () =>
      '我在城区一个建筑工地做木工，包工头拖欠我们十几个人的工资共计二十多万元，已经拖了半年多，找开发商也找不到人。快过年了，请求帮助我们讨回血汗钱。',
    forwardTo: (f) => `${f.region}人力资源和社会保障局`,
  },
  {
    id: 'property',
    kinds: ['unit', 'town'],
    subject: 'none',
    discipline: null,
    keyPost: false,
    topic: '小区物业管理',
    text: () =>
      '我们小区的物业公司收费标准不公开，电梯广告和停车位的公共收益去向不明，业主多次向有关部门反映都没有人管。',
    forwardTo: (f) => `${f.region}住房和城乡建设局`,
  },
  {
    id: 'pension',
    kinds: ['unit', 'school', 'hospital'],
    subject: 'none',
    discipline: null,
    keyPost: false,
    topic: '个人退休待遇',
    text: (f) =>
      `我是${f.org}的退休职工，按政策应当补发的一次性生活补贴至今没有发放，多次找${f.unit}都说要等文件，希望帮忙问一问。`,
    forwardTo: (f) => f.org,
  },
];

/** Asking when and where to come: answered and closed. */
const CONSULT: Complaint = {
  id: 'consult',
  kinds: [...ANY_UNIT, 'village'],
  subject: 'none',
  discipline: null,
  keyPost: false,
  text: () => '想咨询一下，巡察组在这里要待多长时间？我有些情况想当面反映，请问可以到哪里找你们？',
};

const ACCEPT_NOTES = ['结合巡察了解核实', '列入巡察重点了解事项', '交谈话组结合个别谈话了解', '调阅相关资料核实'];

const REPLY_ACCEPTED = [
  '您好！您反映的问题巡察组已经收到并受理，将按照有关规定认真了解核实。我们会对您的信息严格保密，感谢您对巡察工作的支持！',
  '您好！您反映的情况巡察组已登记受理，将结合巡察工作进行了解。如有新的情况或证据材料，欢迎凭查询码继续补充。',
  '您好！您的反映已收悉。所反映问题属于巡察受理范围，巡察组已受理并安排专人了解核实，感谢您的信任和监督。',
];
const REPLY_MORE =
  '您好！为便于我们了解核实，请您补充问题发生的大致时间、涉及的具体项目或人员等情况；如有照片、票据等材料，可以凭查询码上传。我们将严格为您保密，谢谢！';
const REPORTER_THANKS = '谢谢巡察组的答复，希望能尽快查清楚，给群众一个交代。';

// ---------------------------------------------------------------------------------------------
// Survey answers

const APPRAISAL_TEXTS = [
  '希望领导班子多深入基层，多听听一线干部职工的意见。',
  '班子团结，干事氛围较好，建议进一步规范财务管理。',
  '建议减少不必要的会议和材料，让大家把精力放在干实事上。',
  '希望干部选拔任用更加公开透明。',
  '单位整体风气不错，个别中层干部服务意识有待加强。',
  '建议加强对下属单位的监管，特别是资金和项目管理。',
  '领导班子抓党建比较扎实，但与业务工作结合还不够紧密。',
  '希望多关心年轻干部成长，多给锻炼机会。',
  '公务接待和公车管理还要进一步规范。',
  '希望巡察组认真听取群众意见，推动问题真正解决。',
];
const RECTIFICATION_TEXTS = [
  '希望整改不要一阵风，要建立长效机制。',
  '账目公开以后大家心里明白多了，希望坚持下去。',
  '办事窗口的服务态度明显好转，点赞。',
  '个别问题整改还需要时间，希望持续跟进。',
  '建议对整改情况定期公开，接受群众监督。',
  '食堂和公车管理比以前规范了。',
  '希望继续加大对群众身边不正之风的整治力度。',
  '整改成效明显，满意。',
];
const CONDUCT_TEXTS = [
  '巡察组工作认真细致，作风严谨，没有给基层增加负担。',
  '巡察组同志态度和蔼，认真听取干部职工的意见。',
  '巡察组严格遵守纪律，在单位食堂按标准交餐费，值得学习。',
  '希望巡察组多到基层一线走访，听听普通群众的声音。',
  '个别谈话时间安排可以更灵活一些，照顾一线岗位的工作。',
  '巡察组调阅资料要求明确，沟通顺畅。',
  '希望巡察发现的问题能督促整改到位。',
];

type Grade = 'satisfied' | 'unsatisfied' | 'excluded';

/**
 * Grades for n sheets whose satisfaction (satisfied ÷ valid) lies in [lo, hi]: a small share do
 * not know (excluded), the unsatisfied are counted so the rate lands in range, then shuffled.
 */
function gradesFor(rng: Rng, n: number, lo: number, hi: number, excludedShare: number): Grade[] {
  const excluded = Math.round(n * excludedShare * (0.5 + rng()));
  const valid = n - excluded;
  const target = lo + rng() * (hi - lo);
  let unsatisfied = Math.floor(valid * (1 - target));
  if ((valid - unsatisfied) / valid > hi) unsatisfied = Math.ceil(valid * (1 - hi));
  const out: Grade[] = [];
  for (let i = 0; i < excluded; i++) out.push('excluded');
  for (let i = 0; i < unsatisfied; i++) out.push('unsatisfied');
  while (out.length < n) out.push('satisfied');
  return shuffled(rng, out);
}

/** Answers to the 整改满意度 and 作风纪律 templates: q1 by grade, the rest consistent with it. */
function satisfactionSheet(rng: Rng, kind: 'rectificationSatisfaction' | 'teamConduct', g: Grade): TSurveyAnswers {
  const q1 = g === 'satisfied' ? (chance(rng, 0.78) ? 0 : 1) : g === 'unsatisfied' ? 2 : 3;
  const out: TSurveyAnswers = { q1 };
  if (kind === 'rectificationSatisfaction') {
    out.q2 =
      g === 'satisfied'
        ? chance(rng, 0.65)
          ? 0
          : 1
        : g === 'unsatisfied'
          ? chance(rng, 0.5)
            ? 1
            : 2
          : chance(rng, 0.8)
            ? 3
            : 1;
    if (chance(rng, g === 'unsatisfied' ? 0.5 : 0.08)) out.q3 = pick(rng, RECTIFICATION_TEXTS);
  } else {
    if (g === 'unsatisfied') out.q2 = [chance(rng, 0.7) ? 1 : 3];
    else if (chance(rng, 0.7)) out.q2 = [4];
    if (chance(rng, 0.07)) out.q3 = pick(rng, CONDUCT_TEXTS);
  }
  return out;
}

/** One 民主测评 sheet; `tone` (0 good … 1 poor) shifts the organization's marks. */
function appraisalSheet(rng: Rng, tone: number): TSurveyAnswers {
  const r = rng();
  const good = 0.6 - 0.25 * tone;
  const fair = good + 0.26;
  const poor = fair + 0.07 + 0.1 * tone;
  const bad = poor + 0.015 + 0.03 * tone;
  const q1 = r < good ? 0 : r < fair ? 1 : r < poor ? 2 : r < bad ? 3 : 4;
  const q2 = [
    chance(rng, 0.72) ? 5 : 4,
    chance(rng, 0.7) ? 4 : chance(rng, 0.5) ? 5 : 3,
    chance(rng, 0.6) ? 3 : chance(rng, 0.5) ? 2 : 4,
    chance(rng, 0.6) ? 1 : 2,
    chance(rng, 0.6) ? 3 : 4,
  ][q1] as number;
  const out: TSurveyAnswers = { q1, q2 };
  const issues = q1 >= 2 && q1 <= 3 ? intBetween(rng, 1, 2) : chance(rng, 0.15) ? 1 : 0;
  if (issues > 0) {
    const picks = new Set<number>();
    while (picks.size < issues) picks.add(chance(rng, 0.4) ? 1 : intBetween(rng, 0, 5));
    out.q3 = [...picks].sort((a, b) => a - b);
  }
  if (chance(rng, q1 >= 2 ? 0.3 : 0.1)) out.q4 = pick(rng, APPRAISAL_TEXTS);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The generator

interface Team {
  leader: string;
  deputies: string[];
  members: string[];
}

class Gen {
  readonly today: string;
  readonly out: PublicData = {
    announcements: [],
    codes: [],
    petitions: [],
    messages: [],
    files: [],
    events: [],
    surveys: [],
    batches: [],
    answers: [],
  };
  readonly orgs: Map<string, Org>;
  readonly authorities: Map<string, PublicInput['authorities'][number]>;
  readonly rounds: Map<string, PublicInput['rounds'][number]>;
  readonly terms: Map<string, PublicInput['terms'][number]>;
  readonly teams: Map<string, PublicInput['teams'][number]>;
  readonly crew = new Map<string, Team>();
  readonly codes = new Unique();
  readonly receipts = new Unique();
  readonly phones = new Unique();
  readonly mailboxes = new Unique();
  readonly names = new NameBook();
  readonly knownNames = new Set<string>();
  /** How often each complaint was used, for variety across the data set. */
  readonly used = new Map<string, number>();
  /** The phone and mailbox of each team (or inspection without a team). */
  readonly contact = new Map<string, { phone: string; mailbox: string }>();

  constructor(readonly input: PublicInput) {
    this.today = shanghaiDate(input.now);
    this.orgs = new Map(input.orgs.map((o) => [o.key, o]));
    this.authorities = new Map(input.authorities.map((a) => [a.key, a]));
    this.rounds = new Map(input.rounds.map((r) => [r.key, r]));
    this.terms = new Map(input.terms.map((t) => [t.key, t]));
    this.teams = new Map(input.teams.map((t) => [t.key, t]));
    for (const m of input.teamMembers) {
      let t = this.crew.get(m.teamKey);
      if (!t) {
        t = { leader: '', deputies: [], members: [] };
        this.crew.set(m.teamKey, t);
      }
      if (m.role === 'leader') t.leader = m.name;
      else if (m.role === 'deputy') t.deputies.push(m.name);
      else if (m.role === 'member') t.members.push(m.name);
      this.knownNames.add(m.name);
    }
    for (const o of input.orgs) for (const l of o.leaders) this.knownNames.add(l.name);
  }

  /** An instant on `day` at hh:mm Beijing time, never after now. */
  at(day: string, minutes: number): string {
    const t = Date.parse(`${day}T00:00:00+08:00`) + minutes * 60_000;
    return new Date(Math.min(t, this.input.now.getTime())).toISOString();
  }

  termOf(i: Inspection) {
    const r = this.rounds.get(i.roundKey);
    return r ? this.terms.get(r.termKey) : undefined;
  }

  /** 赣州市, 南康区 …: the place an authority (or an organization's authority) is named after. */
  region(authorityKey: string): string {
    const a = this.authorities.get(authorityKey);
    return a ? a.shortName.replace(/委巡察办$/, '') : '';
  }

  label(i: Inspection): string {
    const term = this.termOf(i);
    const round = this.rounds.get(i.roundKey);
    const team = i.teamKey ? this.teams.get(i.teamKey)?.name : null;
    const primary = i.targets.filter((t) => t.role === 'primary').map((t) => this.orgs.get(t.orgKey)?.name ?? '');
    const names = primary.length ? primary : i.targets.slice(0, 1).map((t) => this.orgs.get(t.orgKey)?.name ?? '');
    return [`${term?.name ?? ''}${round?.name ?? ''}`, team, names.join('、')].filter(Boolean).join(' · ');
  }

  /** Who signs for the team: its people, or 巡察组 when the input has none. */
  people(i: Inspection): { leader: string; replier: (rng: Rng) => string; clerk: (rng: Rng) => string } {
    const t = i.teamKey ? this.crew.get(i.teamKey) : undefined;
    const fallback = '巡察组';
    const leader = t?.leader || t?.deputies[0] || fallback;
    const staff = t ? [...t.deputies, ...t.members] : [];
    return {
      leader,
      replier: (rng) => (staff.length ? pick(rng, staff) : leader),
      clerk: (rng) => (t?.members.length ? pick(rng, t.members) : leader),
    };
  }

  personName(rng: Rng): string {
    for (;;) {
      const n = this.names.person(rng);
      if (!this.knownNames.has(n)) return n;
    }
  }

  mobile(rng: Rng): string {
    return this.phones.take(() => `139${digits(rng, 8)}`);
  }
}

function kindOf(o: Org): Kind {
  if (o.kind === '村(社区)') return 'village';
  if (o.kind === '乡镇(街道)') return 'town';
  if (o.kind === '学校') return 'school';
  if (o.kind === '医院') return 'hospital';
  if (o.kind === '国有企业') return 'soe';
  if (o.name.includes('法院')) return 'court';
  if (o.name.includes('公安')) return 'police';
  if (/开发区|工业园|管理委员会/.test(o.name)) return 'zone';
  return 'unit';
}

/** The leader a complaint names, with the post as people write it (局长, 副校长, 村党支部书记 …). */
function subjectOf(
  rng: Rng,
  o: Org,
  role: SubjectRole,
  day: string,
): { name: string; post: string; shortPost: string } | null {
  if (role === 'none') return null;
  const sitting = o.leaders.filter(
    (l) => l.since <= day && (l.until === null || l.until > day) && !/纪检|纪委|纪工委|监督委员会/.test(l.position),
  );
  if (!sitting.length) return null;
  const parts = (p: string) => p.split('、');
  const last = (p: string) => parts(p).at(-1) ?? p;
  let chosen: (typeof sitting)[number] | undefined;
  if (role === 'deputy') {
    const deputies = sitting.filter((l) => last(l.position).startsWith('副') || /副书记、/.test(l.position));
    chosen = deputies.length ? pick(rng, deputies) : sitting[0];
  } else if (role === 'director') {
    chosen = sitting.find((l) => /(村|居)委会主任/.test(l.position)) ?? sitting[0];
  } else {
    chosen = sitting[0];
  }
  if (!chosen) return null;
  const post = parts(chosen.position)
    .filter((x) => !/^(党组成员|党委委员|党工委委员)$/.test(x))
    .join('、');
  let shortPost = last(chosen.position);
  if (role === 'secretary') shortPost = parts(chosen.position).find((x) => /党支部书记/.test(x)) ?? shortPost;
  if (role === 'director') shortPost = parts(chosen.position).find((x) => /委会主任/.test(x)) ?? shortPost;
  return { name: chosen.name, post: post || chosen.position, shortPost };
}

function pickComplaint(g: Gen, rng: Rng, o: Org, taken: Set<string>, outOfScope: boolean): Complaint {
  const kind = kindOf(o);
  const fits = COMPLAINTS.filter(
    (c) => c.kinds.includes(kind) && !taken.has(c.id) && (c.discipline === null) === outOfScope,
  );
  const pool = fits.length ? fits : COMPLAINTS.filter((c) => c.kinds.includes(kind) && c.discipline !== null);
  const least = Math.min(...pool.map((c) => g.used.get(c.id) ?? 0));
  const c = pick(
    rng,
    pool.filter((x) => (g.used.get(x.id) ?? 0) === least),
  );
  g.used.set(c.id, (g.used.get(c.id) ?? 0) + 1);
  taken.add(c.id);
  return c;
}

/** The inspections of a current term that face the public now, in input order. */
function liveInspections(g: Gen): Inspection[] {
  const current = new Set(
    g.input.terms.filter((t) => t.startDate <= g.today && g.today <= t.endDate).map((t) => t.key),
  );
  return g.input.inspections.filter(
    (i) =>
      (i.stage === 'onSite' || i.stage === 'reporting' || i.stage === 'feedback') &&
      current.has(g.rounds.get(i.roundKey)?.termKey ?? '') &&
      i.entryDate !== null &&
      i.entryDate <= g.today,
  );
}

/** The days a live inspection takes reports: from entry to its exit, or to today while on site. */
function receivingDays(g: Gen, i: Inspection): [string, string] {
  const from = i.entryDate as string;
  const end = i.exitDate ?? i.plannedExitDate ?? addDays(from, 45);
  return [from, minIso(end, g.today)];
}

function announce(g: Gen, i: Inspection): void {
  const authorityKey = g.termOf(i)?.authorityKey ?? '';
  const a = g.authorities.get(authorityKey);
  const contactKey = i.teamKey ?? i.key;
  let contact = g.contact.get(contactKey);
  if (!contact) {
    const rng = rngFor(SEED, `contact:${contactKey}`);
    // Ganzhou and its counties share the 0797 area code; exchanges differ by place.
    const exchange =
      a?.level === 'city' ? '82' : authorityKey === 'nankang' ? '66' : authorityKey === 'yudu' ? '62' : '8';
    const phone = g.phones.take(() => `0797-${exchange}${digits(rng, 7 - exchange.length)}`);
    const mailbox = g.mailboxes.take(() => `赣州市${intBetween(rng, 1001, 9899)}号邮政信箱`);
    contact = { phone, mailbox };
    g.contact.set(contactKey, contact);
  }
  const entry = i.entryDate as string;
  const updatedAt = g.at(entry, 8 * 60 + 30);
  g.out.announcements.push({
    inspectionKey: i.key,
    periodFrom: entry,
    periodTo: i.plannedExitDate ?? addDays(entry, 60),
    scope: DEFAULT_ANNOUNCEMENT_SCOPE,
    phone: contact.phone,
    mailbox: contact.mailbox,
    email: null,
    hours: '工作日 8:00—12:00，14:30—17:30',
    updatedAt,
  });
  const rng = rngFor(SEED, `codes:${i.key}`);
  for (const t of i.targets)
    g.out.codes.push({
      code: g.codes.take(() => code(rng)),
      inspectionKey: i.key,
      orgKey: t.orgKey,
      authorityKey,
      role: t.role,
      open: i.stage === 'onSite',
      createdAt: updatedAt,
    });
}

interface Draft {
  i: Inspection;
  target: Org;
  channel: PubPetition['channel'];
  complaint: Complaint;
  receivedOn: string;
}

/** How many reports came through an inspection's codes. */
function qrCount(g: Gen, rng: Rng, i: Inspection): number {
  const city = g.authorities.get(g.termOf(i)?.authorityKey ?? '')?.level === 'city';
  if (city) return intBetween(rng, 1, 2) + (chance(rng, 0.3) ? 1 : 0);
  return i.targets.length > 1 ? intBetween(rng, 2, 4) : intBetween(rng, 0, 1);
}

function drafts(g: Gen, live: Inspection[]): Draft[] {
  const out: Draft[] = [];
  // About ten letters, calls and visits, registered by the teams of ten of the inspections.
  const byHand = [
    'letter',
    'phone',
    'visit',
    'letter',
    'phone',
    'letter',
    'visit',
    'phone',
    'letter',
    'visit',
  ] as const;
  const registeredAt = new Map(
    [...live]
      .sort((a, b) => hashString(`reg:${a.key}`) - hashString(`reg:${b.key}`) || (a.key < b.key ? -1 : 1))
      .slice(0, byHand.length)
      .map((i, n) => [i.key, byHand[n] as Draft['channel']]),
  );
  for (const i of live) {
    const rng = rngFor(SEED, `reports:${i.key}`);
    const [from, to] = receivingDays(g, i);
    const taken = new Set<string>();
    const n = qrCount(g, rng, i);
    const targetFor = () => {
      if (i.targets.length === 1) return i.targets[0];
      return chance(rng, 0.35) ? i.targets[0] : pick(rng, i.targets.slice(1));
    };
    const make = (channel: Draft['channel'], k: number) => {
      const t = targetFor();
      const o = t ? g.orgs.get(t.orgKey) : undefined;
      if (!o) return;
      const r = rng();
      const outOfScope = k > 0 && r < 0.18;
      const consult = !outOfScope && channel === 'qr' && k > 0 && r < 0.24;
      const complaint = consult ? CONSULT : pickComplaint(g, rng, o, taken, outOfScope);
      // Posters go up at entry: most reports come in the first two weeks.
      out.push({ i, target: o, channel, complaint, receivedOn: dayIn(rng, from, to, 1.3) });
    };
    for (let k = 0; k < n; k++) make('qr', k);
    const byHandChannel = registeredAt.get(i.key);
    if (byHandChannel) make(byHandChannel, 1);
  }
  return out;
}

function unitWord(o: Org): string {
  switch (kindOf(o)) {
    case 'school':
      return '学校';
    case 'hospital':
      return '医院';
    case 'soe':
      return '公司';
    case 'court':
      return '法院';
    case 'police':
      return '局里';
    case 'zone':
      return '园区';
    case 'town':
      return o.name.endsWith('街道') ? '街道' : o.name.endsWith('乡') ? '乡里' : '镇里';
    case 'village':
      return o.name.endsWith('社区') ? '社区' : '村里';
    default:
      return '单位';
  }
}

function petition(g: Gen, d: Draft, n: number): void {
  const { i, target: o, complaint: c } = d;
  const key = `petition:${String(n + 1).padStart(3, '0')}`;
  const rng = rngFor(SEED, `${key}:${i.key}:${o.key}`);
  const authorityKey = g.termOf(i)?.authorityKey ?? '';
  const who = g.people(i);
  const subject = subjectOf(rng, o, c.subject, d.receivedOn);
  const fill: Fill = {
    org: o.name,
    unit: unitWord(o),
    name: subject?.name ?? '',
    post: subject?.shortPost ?? '',
    cun: o.name.endsWith('社区') ? '社区' : '村',
    region: g.region(o.authorityKey),
  };
  const qr = d.channel === 'qr';
  const anonymous = chance(rng, { qr: 0.75, letter: 0.8, phone: 0.5, visit: 0.2 }[d.channel]);
  const reporterName = anonymous ? null : g.personName(rng);
  const reporterPhone = anonymous ? null : g.mobile(rng);
  const contact = g.contact.get(i.teamKey ?? i.key);
  const forward = c.forwardTo?.(fill) ?? null;

  // 分办 a working day or two later; the last days' reports (and a few others) still wait.
  const triageOn = workdayOnOrAfter(addDays(d.receivedOn, intBetween(rng, 1, 3)));
  const triaged = triageOn <= g.today && !chance(rng, 0.1);
  let status: TPetitionStatus = 'received';
  let decisionNote: string | null = null;
  let discipline: TDiscipline | null = null;
  let keyPost: boolean | null = null;
  if (triaged) {
    if (c === CONSULT) {
      status = 'closed';
      decisionNote = '咨询事项，已答复';
    } else if (forward) {
      status = 'forwarded';
      decisionNote = '不属于巡察受理范围';
    } else {
      status = 'accepted';
      discipline = c.discipline;
      keyPost = c.keyPost;
      decisionNote = pick(rng, ACCEPT_NOTES);
    }
  }
  // Some accepted reports repeat what others said, and some departments answer a forwarded one
  // within days: closed later.
  let closeOn: string | null = null;
  if ((status === 'accepted' || status === 'forwarded') && chance(rng, status === 'accepted' ? 0.28 : 0.5)) {
    const on = workdayOnOrAfter(addDays(triageOn, intBetween(rng, 2, 7)));
    if (on <= g.today) closeOn = on;
  }
  const lastDay = closeOn ?? g.today;

  const events: Omit<PubEvent, 'petitionKey'>[] = [];
  const messages: Omit<PubMessage, 'petitionKey' | 'seq'>[] = [];
  const files: Omit<PubFile, 'petitionKey'>[] = [];
  const clerk = qr ? null : who.clerk(rng);
  if (!qr)
    events.push({
      at: g.at(d.receivedOn, intBetween(rng, 9 * 60, 17 * 60)),
      action: '登记',
      note: null,
      actorName: clerk,
    });
  if (triaged) {
    const note =
      status === 'accepted'
        ? [
            discipline ? `涉及${DISCIPLINE_LABELS[discipline]}` : null,
            keyPost ? '涉及领导干部和关键岗位' : null,
            decisionNote,
          ]
        : status === 'forwarded'
          ? [`转交${forward}`, decisionNote]
          : [decisionNote];
    events.push({
      at: g.at(triageOn, intBetween(rng, 9 * 60, 11 * 60 + 30)),
      action: status === 'accepted' ? '受理' : status === 'forwarded' ? '转交' : '办结',
      note: note.filter(Boolean).join('；') || null,
      actorName: who.leader,
    });
  }

  // The team's reply goes to QR reporters, who read it with the receipt.
  let replyOn: string | null = null;
  if (qr) {
    const day = triaged ? triageOn : workdayOnOrAfter(addDays(d.receivedOn, 1));
    const wants = { closed: 1, forwarded: 0.85, accepted: 0.5, received: 0.3 }[status];
    if (day <= g.today && chance(rng, wants)) {
      replyOn = day;
      const by = who.replier(rng);
      const body =
        c === CONSULT
          ? `您好！巡察组进驻时间为${i.entryDate}至${i.plannedExitDate ?? ''}，其间您可以拨打举报电话${contact?.phone ?? ''}，或在工作日到巡察组驻地当面反映，也可以继续通过本码反映。感谢您对巡察工作的关注！`
          : status === 'forwarded'
            ? `您好！您反映的${c.topic ?? ''}问题不属于巡察受理范围。根据有关规定，巡察组已将您反映的情况转交${forward}依法依规办理，请您保持电话畅通。感谢您的理解和支持！`
            : status === 'accepted'
              ? pick(rng, REPLY_ACCEPTED)
              : REPLY_MORE;
      messages.push({ sender: 'team', body, onDate: day, byName: by });
      events.push({ at: g.at(day, intBetween(rng, 14 * 60, 17 * 60 + 30)), action: '答复', note: null, actorName: by });
    }
  }
  // A few reporters come back with more: asked for details, or of their own accord.
  const asked = messages.some((m) => m.body === REPLY_MORE);
  if (qr && c.addition && (asked || chance(rng, 0.45))) {
    const on = addDays(replyOn ?? d.receivedOn, intBetween(rng, 1, 3));
    if (on <= lastDay) {
      messages.push({ sender: 'reporter', body: c.addition, onDate: on, byName: null });
      const photo = /照片|截图|凭证/.exec(c.addition)?.[0];
      if (photo)
        files.push({
          messageSeq: messages.length,
          name: { 照片: '外墙渗水.png', 截图: '微信截图.png', 凭证: '缴款凭证.png' }[photo] ?? '补充材料.png',
          mime: 'image/png',
          kind: 'image',
          data: demoPng(rng),
        });
    }
  } else if (qr && status === 'accepted' && replyOn && chance(rng, 0.25)) {
    const on = addDays(replyOn, intBetween(rng, 0, 2));
    if (on <= lastDay) messages.push({ sender: 'reporter', body: REPORTER_THANKS, onDate: on, byName: null });
  }
  if (closeOn) {
    decisionNote =
      status === 'accepted'
        ? '与其他群众反映的问题内容相同，已合并了解核实'
        : `${forward}已受理并联系反映人，巡察组予以办结`;
    status = 'closed';
    events.push({
      at: g.at(closeOn, intBetween(rng, 15 * 60, 17 * 60 + 30)),
      action: '办结',
      note: decisionNote,
      actorName: who.leader,
    });
  }
  // Photos taken with a phone and sent with the report.
  if (qr && c !== CONSULT && chance(rng, 0.2))
    for (let k = intBetween(rng, 1, 2); k > 0; k--)
      files.push({
        messageSeq: null,
        name: `IMG_${d.receivedOn.replaceAll('-', '')}_${String(intBetween(rng, 70000, 215959)).padStart(6, '0')}.png`,
        mime: 'image/png',
        kind: 'image',
        data: demoPng(rng),
      });

  const named = subject !== null && chance(rng, 0.85);
  g.out.petitions.push({
    key,
    authorityKey,
    inspectionKey: i.key,
    inspectionLabel: g.label(i),
    orgKey: o.key,
    orgName: o.name,
    channel: d.channel,
    anonymous,
    reporterName,
    reporterPhone,
    subjectName: named ? (subject?.name ?? null) : null,
    subjectPost: named ? (subject?.post ?? null) : null,
    subjectOrg: named || chance(rng, 0.3) ? o.name : null,
    content: c.text(fill),
    happenedWhen: c.when && chance(rng, 0.7) ? pick(rng, c.when) : null,
    place: c.place && chance(rng, 0.5) ? c.place(fill) : null,
    receivedOn: d.receivedOn,
    receipt: qr ? g.receipts.take(() => receipt(rng)) : null,
    status,
    discipline,
    keyPost,
    forwardTo: forward && triaged ? forward : null,
    decisionNote,
    registeredByName: clerk,
  });
  for (const e of events) g.out.events.push({ petitionKey: key, ...e });
  // Written in the order they were made, so seq follows the days (and file links hold).
  messages.forEach((m, k) => {
    g.out.messages.push({ petitionKey: key, seq: k + 1, ...m });
  });
  for (const f of files) g.out.files.push({ petitionKey: key, ...f });
}

// ---------------------------------------------------------------------------------------------
// Surveys

function template(kind: TSurveyKind) {
  const t = SURVEY_TEMPLATES.find((x) => x.kind === kind);
  if (!t) throw new Error(`no survey template ${kind}`);
  return t;
}

interface SurveyPlan {
  key: string;
  authorityKey: string;
  kind: 'democraticAppraisal' | 'rectificationSatisfaction' | 'teamConduct';
  title: string;
  status: 'open' | 'closed';
  targetType: 'inspection' | 'team';
  inspectionKey: string | null;
  teamKey: string | null;
  from: string;
  to: string;
  createdByName: string;
  /** Sheets in all, and the share that came through single-use links. */
  n: number;
  verifiedShare: number;
  batchNotes: string[];
  sheet: (rng: Rng, k: number) => TSurveyAnswers;
  /** Days of verified sheets (handed out at a meeting) may differ from the open code's. */
  verifiedSkew: number;
}

function addSurvey(g: Gen, p: SurveyPlan): void {
  const rng = rngFor(SEED, p.key);
  const t = template(p.kind);
  const createdAt = g.at(addDays(p.from, -1), 16 * 60 + intBetween(rng, 0, 90));
  g.out.surveys.push({
    key: p.key,
    authorityKey: p.authorityKey,
    kind: p.kind,
    title: p.title,
    intro: t.intro,
    status: p.status,
    targetType: p.targetType,
    inspectionKey: p.inspectionKey,
    teamKey: p.teamKey,
    questions: structuredClone(t.questions) as TQuestion[],
    keyQuestionId: t.keyQuestionId,
    openCode: g.codes.take(() => code(rng)),
    openCap: 2,
    createdAt,
    createdByName: p.createdByName,
    periodFrom: p.from,
    periodTo: p.to,
  });
  const verified = Math.round(p.n * p.verifiedShare);
  // Links handed out in batches; not everyone who got one answered.
  const batches = p.batchNotes.map((note, k) => ({ key: `${p.key}:batch:${k + 1}`, note, used: 0, count: 0 }));
  const per = Math.ceil(verified / batches.length);
  batches.forEach((b, k) => {
    b.used = Math.max(0, Math.min(per, verified - k * per));
    b.count = b.used + intBetween(rng, Math.ceil(b.used * 0.05) + 2, Math.ceil(b.used * 0.3) + 5);
    g.out.batches.push({
      key: b.key,
      surveyKey: p.key,
      count: b.count,
      note: b.note,
      createdAt: g.at(p.from, 8 * 60 + intBetween(rng, 0, 50) + k),
      createdByName: p.createdByName,
    });
  });
  const sheets: PubAnswer[] = [];
  let k = 0;
  for (const b of batches) {
    const idx = shuffled(
      rng,
      Array.from({ length: b.count }, (_, x) => x),
    ).slice(0, b.used);
    for (const index of idx)
      sheets.push({
        surveyKey: p.key,
        batchKey: b.key,
        index,
        verified: true,
        answeredOn: dayIn(rng, p.from, p.to, p.verifiedSkew),
        answers: p.sheet(rng, k++),
      });
  }
  while (k < p.n)
    sheets.push({
      surveyKey: p.key,
      batchKey: null,
      index: null,
      verified: false,
      answeredOn: dayIn(rng, p.from, p.to, 1.2),
      answers: p.sheet(rng, k++),
    });
  sheets.sort((a, b) => (a.answeredOn < b.answeredOn ? -1 : a.answeredOn > b.answeredOn ? 1 : 0));
  g.out.answers.push(...sheets);
}

/** Graded sheets for a satisfaction survey: the grades are drawn first so the rate is exact. */
function gradedSheets(rng: Rng, kind: 'rectificationSatisfaction' | 'teamConduct', grades: Grade[]) {
  return (_r: Rng, k: number) => satisfactionSheet(rng, kind, grades[k] ?? 'satisfied');
}

function surveys(g: Gen, live: Inspection[]): void {
  const cityLevel = (authorityKey: string) => g.authorities.get(authorityKey)?.level === 'city';
  // 民主测评 of each city inspection on site, begun at the mobilization meeting.
  for (const i of live) {
    const authorityKey = g.termOf(i)?.authorityKey ?? '';
    if (i.stage !== 'onSite' || !cityLevel(authorityKey)) continue;
    const rng = rngFor(SEED, `appraisal:${i.key}`);
    const primary = g.orgs.get(i.targets[0]?.orgKey ?? '');
    const tone = rng() * 0.6;
    const from = i.entryDate as string;
    addSurvey(g, {
      key: `survey:appraisal:${i.key}`,
      authorityKey,
      kind: 'democraticAppraisal',
      title: `${primary?.name ?? ''}${template('democraticAppraisal').title}`,
      status: 'open',
      targetType: 'inspection',
      inspectionKey: i.key,
      teamKey: null,
      from,
      to: g.today,
      createdByName: g.people(i).leader,
      n: intBetween(rng, 40, 120),
      verifiedShare: 0.75 + rng() * 0.15,
      batchNotes: ['进驻动员会现场发放'],
      sheet: (r) => appraisalSheet(r, tone),
      verifiedSkew: 4,
    });
  }

  // 整改满意度 of inspections of the previous term that reached rectification: four of the city's
  // (the one still rectifying first), one of each county's.
  const candidates: { i: Inspection; authorityKey: string }[] = [];
  const currentStart = new Map<string, string>();
  for (const t of g.input.terms)
    if (t.startDate <= g.today && g.today <= t.endDate) currentStart.set(t.authorityKey, t.startDate);
  for (const i of g.input.inspections) {
    const term = g.termOf(i);
    if (!term || !['rectifying', 'evaluated', 'published'].includes(i.stage)) continue;
    const start = currentStart.get(term.authorityKey);
    if (!start || term.endDate >= start || addDays(term.endDate, 400) < start) continue;
    if (!i.concentratedEndDate || addDays(i.concentratedEndDate, 3) > g.today) continue;
    candidates.push({ i, authorityKey: term.authorityKey });
  }
  // The ones still rectifying first (their survey is open), then the city's own teams' work
  // before what counties carried out by authorization.
  const order = (x: { i: Inspection }) =>
    (x.i.stage === 'rectifying' ? 0 : 2) +
    (x.i.mode === 'authorized' ? 1 : 0) +
    hashString(`rect:${x.i.key}`) / 2 ** 32;
  candidates.sort((a, b) => order(a) - order(b) || (a.i.key < b.i.key ? -1 : 1));
  const perAuthority = new Map<string, number>();
  const picked = candidates.filter((c) => {
    const n = perAuthority.get(c.authorityKey) ?? 0;
    const max = cityLevel(c.authorityKey) ? 4 : 1;
    if (n >= max) return false;
    perAuthority.set(c.authorityKey, n + 1);
    return true;
  });
  for (const { i, authorityKey } of picked) {
    const rng = rngFor(SEED, `rectification:${i.key}`);
    const from = workdayOnOrAfter(addDays(i.concentratedEndDate as string, intBetween(rng, 3, 6)));
    const closed = i.evaluatedDate !== null && i.evaluatedDate <= g.today;
    const to = closed ? maxIso(addDays(i.evaluatedDate as string, -2), addDays(from, 7)) : g.today;
    const n = intBetween(rng, 150, 400);
    const grades = gradesFor(rng, n, 0.955, 0.985, 0.04);
    const primary = g.orgs.get(i.targets[0]?.orgKey ?? '');
    addSurvey(g, {
      key: `survey:rectification:${i.key}`,
      authorityKey,
      kind: 'rectificationSatisfaction',
      title: `${primary?.name ?? ''}${template('rectificationSatisfaction').title}`,
      status: closed ? 'closed' : 'open',
      targetType: 'inspection',
      inspectionKey: i.key,
      teamKey: null,
      from,
      to: minIso(to, g.today),
      createdByName: g.input.officeStaff[authorityKey] ?? `${g.region(authorityKey)}委巡察办`,
      n,
      verifiedShare: 0.4 + rng() * 0.2,
      batchNotes: n > 250 ? ['向服务对象发送短信链接', '向群众代表发送短信链接'] : ['向服务对象和群众代表发送短信链接'],
      sheet: gradedSheets(rng, 'rectificationSatisfaction', grades),
      verifiedSkew: 1.5,
    });
  }

  // 作风纪律评估 of each team on site in a current round.
  const teamEntry = new Map<string, string>();
  for (const i of live)
    if (i.stage === 'onSite' && i.teamKey) {
      const prev = teamEntry.get(i.teamKey);
      if (!prev || (i.entryDate as string) < prev) teamEntry.set(i.teamKey, i.entryDate as string);
    }
  for (const team of g.input.teams) {
    const entry = teamEntry.get(team.key);
    if (!entry) continue;
    const round = g.rounds.get(team.roundKey);
    const term = round ? g.terms.get(round.termKey) : undefined;
    if (!term) continue;
    const rng = rngFor(SEED, `conduct:${team.key}`);
    const from = minIso(addDays(entry, intBetween(rng, 3, 7)), g.today);
    const n = intBetween(rng, 60, 150);
    const grades = gradesFor(rng, n, 0.975, 0.995, 0.02);
    addSurvey(g, {
      key: `survey:conduct:${team.key}`,
      authorityKey: term.authorityKey,
      kind: 'teamConduct',
      title: `${term.name}${round?.name ?? ''}${team.name}${template('teamConduct').title.replace(/^巡察组/, '')}`,
      status: 'open',
      targetType: 'team',
      inspectionKey: null,
      teamKey: team.key,
      from,
      to: g.today,
      createdByName: g.input.officeStaff[term.authorityKey] ?? `${g.region(term.authorityKey)}委巡察办`,
      n,
      verifiedShare: 0.8 + rng() * 0.1,
      batchNotes: ['向被巡察单位干部职工发放'],
      sheet: gradedSheets(rng, 'teamConduct', grades),
      verifiedSkew: 1.5,
    });
  }
}

// ---------------------------------------------------------------------------------------------

export function buildDemoPublic(input: PublicInput): PublicData {
  const g = new Gen(input);
  const live = liveInspections(g);
  for (const i of live) announce(g, i);
  const ds = drafts(g, live);
  // Numbered in the order they came in, so keys read like a register.
  ds.sort(
    (a, b) =>
      (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0) ||
      (a.i.key < b.i.key ? -1 : a.i.key > b.i.key ? 1 : 0),
  );
  ds.forEach((d, n) => {
    petition(g, d, n);
  });
  surveys(g, live);
  return g.out;
}
