/**
 * Demo registry of inspection authorities and the party organizations they inspect, modelled on
 * 赣州市 (Ganzhou, Jiangxi) and its 18 county-level divisions. Pure data: no I/O and no database.
 *
 * Authority and township names and region codes are real; people are fictional (see names.ts);
 * credit codes are generated, valid by the GB 32100-2015 check character but not real registrations.
 * Dates of the 2019 机构改革 and similar events are plausible approximations, not looked-up facts.
 */
import { creditCodeCheckChar, type TOrgKind, type TSector } from '@xc/domain';
import { addDays, DAY_MS, toDay, toIso } from './days.ts';
import { chance, communityBase, intBetween, NameBook, pick, type Rng, rngFor, villageBase } from './names.ts';

export interface SeedAuthority {
  key: string;
  name: string;
  shortName: string;
  level: 'city' | 'county';
  parentKey: string | null;
  regionCode: string;
}
export interface SeedLeader {
  name: string;
  position: string;
  since: string;
  until: string | null;
}
export interface SeedOrg {
  key: string;
  authorityKey: string;
  parentKey: string | null;
  name: string;
  kind: TOrgKind;
  sector: TSector | null;
  creditCode: string | null;
  establishedOn: string | null;
  abolishedOn: string | null;
  mergedIntoKey: string | null;
  leaders: SeedLeader[];
}

const SEED = 0x5ef48e43;

/** 撤地设市: city departments carry this date because they were re-formed under the new 赣州市. */
const CITY_FOUNDED = '1999-07-01';
const CITY_REFORM = '2019-01-16';
const COUNTY_REFORM = '2019-03-28';
const CITY_RURAL_REVITALIZATION = '2021-06-28';
const COUNTY_RURAL_REVITALIZATION = '2021-07-16';
/** National and local tax bureaus merged; county-level bureaus opened nationwide on this day. */
const TAX_MERGER = '2018-07-20';
const ECO_VERTICAL = '2020-10-30';
/** Leaders' appointment dates stay inside this window so the demo shows two terms of history. */
const FIRST_DAY = '2012-01-01';
const LAST_DAY = '2024-12-31';
/** Sitting heads rarely serve more than about eight years, deputies a little longer. */
const CURRENT_HEAD_FROM = '2017-01-01';
const CURRENT_DEPUTY_FROM = '2015-01-01';
/** Posts that did not exist before a reform: 派驻 discipline groups (2017), 监委 (2018). */
const POST_FLOORS: ReadonlyArray<readonly [string, string]> = [
  ['监委', '2018-02-01'],
  ['派驻', '2017-03-01'],
];
/** 村(社区)"两委"换届 windows: the 2021 election brought in 一肩挑 (one person as secretary and director). */
const ELECTION_2014: readonly [string, string] = ['2014-01-06', '2014-04-30'];
const ELECTION_2018: readonly [string, string] = ['2018-01-08', '2018-04-27'];
const ELECTION_2021: readonly [string, string] = ['2021-01-05', '2021-03-31'];

// ---------------------------------------------------------------------------------------------
// Dates

function maxIso(a: string, b: string): string {
  return a > b ? a : b;
}

/** A weekday in [from, to] when there is one: appointments are not made at weekends. */
function dateBetween(rng: Rng, from: string, to: string): string {
  const a = toDay(from);
  const b = Math.max(a, toDay(to));
  let d = a + Math.floor(rng() * (b - a + 1));
  for (let i = 0; i < 2; i++) {
    const wd = new Date(d * DAY_MS).getUTCDay();
    if (wd !== 0 && wd !== 6) break;
    if (d + 1 <= b) d++;
    else if (d - 1 >= a) d--;
  }
  return toIso(d);
}

// ---------------------------------------------------------------------------------------------
// 统一社会信用代码

const CODE_CHARS = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];

/** GB 11714 check character of the 9-character 主体标识码 embedded in the credit code. */
function orgCodeCheck(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 55;
    sum += v * (weights[i] as number);
  }
  const r = 11 - (sum % 11);
  return r === 11 ? '0' : r === 10 ? 'X' : String(r);
}

/**
 * Registration category (first two characters): 11 机关, 12 事业单位, 13 群众团体, 54 基层群众性自治组织,
 * 91 企业. Companies registered after 2015 carry an MA-prefixed body; older bodies are all digits.
 */
type CodeCategory = '11' | '12' | '13' | '54' | '91';

// ---------------------------------------------------------------------------------------------
// Leaders

type Style =
  | 'gov'
  | 'party'
  | 'partyDept'
  | 'police'
  | 'judicial'
  | 'mass'
  | 'media'
  | 'soe'
  | 'school'
  | 'college'
  | 'hospital'
  | 'tax'
  | 'vertical';

interface Plan {
  heads: string[];
  deputy: string | null;
  /** Deputies counted before extras; the first may carry a 常务 prefix. */
  deputies: readonly [number, number];
  extras: string[];
  firstDeputy?: string;
}

const TITLES: ReadonlyArray<readonly [RegExp, string, string]> = [
  [/人民法院$/, '院长', '副院长'],
  [/检察院$/, '检察长', '副检察长'],
  [/(医院|保健院|学院)$/, '院长', '副院长'],
  [/学校$|中学$|小学$/, '校长', '副校长'],
  [/党校$/, '常务副校长', '副校长'],
  [/部$/, '部长', '副部长'],
  [/^共青团/, '书记', '副书记'],
  [/委员会$/, '主任', '副主任'],
  [/总工会$/, '常务副主席', '副主席'],
  [/红十字会$/, '常务副会长', '副会长'],
  [/残疾人联合会$/, '理事长', '副理事长'],
  [/联合社$/, '理事会主任', '理事会副主任'],
  [/(联合会|协会)$/, '主席', '副主席'],
  [/报社$/, '社长', '副社长'],
  [/电视台$/, '台长', '副台长'],
  [/馆$/, '馆长', '副馆长'],
  [/支队$/, '支队长', '副支队长'],
  [/调查队$/, '队长', '副队长'],
  [/局$/, '局长', '副局长'],
];

function titles(name: string): readonly [string, string] {
  // 机关工委 and 政法委 are party committees: led by a secretary, not a director.
  if (/(工作委员会|政法委员会)$/.test(name)) return ['书记', '副书记'];
  for (const [re, head, deputy] of TITLES) if (re.test(name)) return [head, deputy];
  return ['主任', '副主任'];
}

/** `a` is the committee's level character: 市 for the city, 区/县/市 for a county. */
function planFor(style: Style, name: string, a: string): Plan {
  const [h, d] = titles(name);
  switch (style) {
    case 'gov':
      return { heads: [`党组书记、${h}`], deputy: `党组成员、${d}`, deputies: [1, 3], extras: ['派驻纪检监察组组长'] };
    case 'party':
      return { heads: [h], deputy: d, deputies: [1, 3], extras: ['派驻纪检监察组组长'] };
    case 'partyDept': {
      const dept = /政法委员会$/.test(name) ? '政法委书记' : `${name.slice(-3)}部长`;
      return {
        heads: [`${a}委常委、${dept}`],
        deputy: d,
        firstDeputy: `常务${d}`,
        deputies: [1, 3],
        extras: ['派驻纪检监察组组长'],
      };
    }
    case 'police':
      return {
        heads: [`党委书记、${h}`],
        deputy: `党委委员、${d}`,
        deputies: [1, 2],
        extras: ['党委委员、政治部主任', '派驻纪检监察组组长'],
      };
    case 'judicial':
      return {
        heads: [`党组书记、${h}`],
        deputy: `党组成员、${d}`,
        deputies: [1, 2],
        extras: ['党组成员、政治部主任', '派驻纪检监察组组长'],
      };
    case 'mass':
      // The Youth League's own head is already a 书记; other mass organizations have a 党组.
      return h === '书记'
        ? { heads: [h], deputy: d, deputies: [2, 3], extras: [] }
        : { heads: [`党组书记、${h}`], deputy: `党组成员、${d}`, deputies: [2, 3], extras: [] };
    case 'media':
      return { heads: [`党委书记、${h}`], deputy: `党委委员、${d}`, deputies: [1, 2], extras: ['党委委员、总编辑'] };
    case 'soe':
      return {
        heads: ['党委书记、董事长', '党委副书记、总经理'],
        deputy: '党委委员、副总经理',
        deputies: [1, 2],
        extras: ['党委委员、纪委书记'],
      };
    case 'school':
      return { heads: [`党委书记、${h}`], deputy: `党委委员、${d}`, deputies: [1, 2], extras: ['党委副书记'] };
    case 'college':
    case 'hospital':
      return {
        heads: ['党委书记', `党委副书记、${h}`],
        deputy: `党委委员、${d}`,
        deputies: [1, 2],
        extras: ['党委委员、纪委书记'],
      };
    case 'tax':
      return {
        heads: ['党委书记、局长'],
        deputy: '党委委员、副局长',
        deputies: [1, 2],
        extras: ['党委委员、纪检组组长'],
      };
    case 'vertical':
      return { heads: [`党组书记、${h}`], deputy: `党组成员、${d}`, deputies: [2, 3], extras: [] };
  }
}

interface Life {
  establishedOn: string | null;
  abolishedOn: string | null;
}

// ---------------------------------------------------------------------------------------------
// Builder

interface UnitDef {
  slug: string;
  name: string;
  sector: TSector;
  kind?: TOrgKind;
  style?: Style;
  cat?: CodeCategory;
  est?: string;
  abolished?: string;
  into?: string;
  parent?: string;
}

function u(slug: string, name: string, sector: TSector, opts: Omit<UnitDef, 'slug' | 'name' | 'sector'> = {}): UnitDef {
  return { slug, name, sector, ...opts };
}

class Builder {
  readonly orgs: SeedOrg[] = [];
  private readonly codes = new Set<string>();
  private readonly names = new NameBook();

  creditCode(rng: Rng, cat: CodeCategory, region: string): string {
    for (;;) {
      let body = '';
      if (cat === '91' && chance(rng, 0.5)) {
        body = 'MA';
        for (let i = 0; i < 6; i++) body += pick(rng, CODE_CHARS);
      } else {
        body = pick(rng, ['0', '4', '5', '6', '7']);
        for (let i = 0; i < 7; i++) body += String(intBetween(rng, 0, 9));
      }
      const first17 = `${cat}${region}${body}${orgCodeCheck(body)}`;
      const code = first17 + creditCodeCheckChar(first17);
      if (!this.codes.has(code)) {
        this.codes.add(code);
        return code;
      }
    }
  }

  person(rng: Rng): string {
    return this.names.person(rng);
  }

  add(org: SeedOrg): SeedOrg {
    this.orgs.push(org);
    return org;
  }

  /**
   * Current team plus, sometimes, the head's predecessor. Current appointments start no earlier
   * than the organization itself; an organization that no longer exists has every member ended on
   * its last day.
   */
  leaders(rng: Rng, life: Life, plan: Plan, pastChance = 0.55, minCurrent = 3, maxCurrent = 5): SeedLeader[] {
    const lo = maxIso(FIRST_DAY, life.establishedOn ?? FIRST_DAY);
    const hi = life.abolishedOn ? addDays(life.abolishedOn, -60) : LAST_DAY;
    // A window starting later than `lo`, unless the organization ended before it opened.
    const from = (floor: string): string => {
      const f = maxIso(lo, floor);
      return f <= hi ? f : lo;
    };
    const sinceFor = (position: string, head: boolean): string => {
      let floor = head ? CURRENT_HEAD_FROM : CURRENT_DEPUTY_FROM;
      for (const [word, date] of POST_FLOORS) if (position.includes(word)) floor = maxIso(floor, date);
      return dateBetween(rng, from(floor), hi);
    };
    const fromFounding = life.establishedOn !== null && life.establishedOn >= FIRST_DAY && chance(rng, 0.6);
    const headSince = fromFounding ? lo : sinceFor(plan.heads[0] ?? '', true);
    const positions: string[] = [...plan.heads];
    if (plan.deputy) {
      const n = intBetween(rng, plan.deputies[0], plan.deputies[1]);
      for (let i = 0; i < n; i++) positions.push(i === 0 && plan.firstDeputy ? plan.firstDeputy : plan.deputy);
    }
    for (const extra of plan.extras) if (chance(rng, 0.7)) positions.push(extra);
    for (const extra of plan.extras)
      if (positions.length < minCurrent && !positions.includes(extra)) positions.push(extra);
    while (positions.length < minCurrent && plan.deputy) positions.push(plan.deputy);
    positions.length = Math.min(positions.length, maxCurrent);
    const out: SeedLeader[] = positions.map((position, i) => ({
      name: this.person(rng),
      position,
      since: i === 0 ? headSince : sinceFor(position, i < plan.heads.length),
      until: life.abolishedOn,
    }));
    if (toDay(headSince) - toDay(lo) > 400 && chance(rng, pastChance)) {
      out.push({
        name: this.person(rng),
        position: positions[0] as string,
        since: dateBetween(rng, maxIso(lo, addDays(headSince, -2555)), addDays(headSince, -365)),
        until: headSince,
      });
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Authorities

interface CountyDef {
  key: string;
  name: string;
  code: string;
  townships: readonly string[];
  /** Extra vertically managed units beyond the tax bureau and the ecology bureau every county has. */
  verticals: readonly VerticalType[];
}

type VerticalType = 'tax' | 'eco' | 'tobacco' | 'fund' | 'highway' | 'weather' | 'survey';

/** Township lists are written as space-separated names to keep 300 real names readable. */
function t(names: string): readonly string[] {
  return names.split(' ');
}

const COUNTIES: readonly CountyDef[] = [
  {
    key: 'zhanggong',
    name: '章贡区',
    code: '360702',
    townships: t('解放街道 赣江街道 南外街道 东外街道 黄金岭街道 水东镇 水南镇 沙石镇 沙河镇 水西镇'),
    verticals: ['survey'],
  },
  {
    key: 'nankang',
    name: '南康区',
    code: '360703',
    townships: t(
      '蓉江街道 东山街道 唐江镇 凤岗镇 潭口镇 潭东镇 镜坝镇 横市镇 龙岭镇 龙回镇 浮石乡 赤土畲族乡 横寨乡 朱坊乡 太窝乡 三江乡 龙华乡 十八塘乡 麻双乡 大坪乡 坪市乡 隆木乡',
    ),
    verticals: ['highway', 'fund'],
  },
  {
    key: 'ganxian',
    name: '赣县区',
    code: '360704',
    townships: t(
      '梅林镇 王母渡镇 沙地镇 江口镇 田村镇 南塘镇 茅店镇 吉埠镇 五云镇 湖江镇 储潭镇 韩坊镇 阳埠乡 大埠乡 长洛乡 大田乡 白鹭乡 三溪乡 石芫乡',
    ),
    verticals: ['tobacco'],
  },
  {
    key: 'xinfeng',
    name: '信丰县',
    code: '360722',
    townships: t(
      '嘉定镇 大塘埠镇 古陂镇 大桥镇 新田镇 安西镇 小江镇 铁石口镇 大阿镇 油山镇 小河镇 西牛镇 正平镇 虎山乡 崇仙乡 万隆乡',
    ),
    verticals: ['tobacco'],
  },
  {
    key: 'dayu',
    name: '大余县',
    code: '360723',
    townships: t('南安镇 新城镇 樟斗镇 池江镇 青龙镇 左拔镇 黄龙镇 吉村镇 浮江乡 河洞乡 内良乡'),
    verticals: ['weather'],
  },
  {
    key: 'shangyou',
    name: '上犹县',
    code: '360724',
    townships: t('东山镇 陡水镇 社溪镇 营前镇 黄埠镇 寺下镇 梅水乡 油石乡 安和乡 双溪乡 水岩乡 平富乡 五指峰乡 紫阳乡'),
    verticals: ['highway'],
  },
  {
    key: 'chongyi',
    name: '崇义县',
    code: '360725',
    townships: t(
      '横水镇 扬眉镇 过埠镇 铅厂镇 长龙镇 关田镇 龙勾乡 杰坝乡 金坑乡 思顺乡 麟潭乡 上堡乡 聂都乡 文英乡 乐洞乡 丰州乡',
    ),
    verticals: ['weather'],
  },
  {
    key: 'anyuan',
    name: '安远县',
    code: '360726',
    townships: t(
      '欣山镇 孔田镇 版石镇 天心镇 龙布镇 鹤子镇 三百山镇 车头镇 镇岗乡 凤山乡 新龙乡 蔡坊乡 重石乡 长沙乡 浮槎乡 双芫乡 塘村乡 高云山乡',
    ),
    verticals: ['tobacco'],
  },
  {
    key: 'dingnan',
    name: '定南县',
    code: '360728',
    townships: t('历市镇 岿美山镇 老城镇 天九镇 龙塘镇 岭北镇 鹅公镇'),
    verticals: ['fund'],
  },
  {
    key: 'quannan',
    name: '全南县',
    code: '360729',
    townships: t('城厢镇 大吉山镇 陂头镇 金龙镇 南迳镇 龙源坝镇 中寨乡 社迳乡 龙下乡'),
    verticals: ['weather'],
  },
  {
    key: 'ningdu',
    name: '宁都县',
    code: '360730',
    townships: t(
      '梅江镇 青塘镇 长胜镇 黄陂镇 固村镇 赖村镇 石上镇 东山坝镇 洛口镇 小布镇 黄石镇 田头镇 竹笮乡 对坊乡 固厚乡 田埠乡 会同乡 湛田乡 安福乡 东韶乡 肖田乡 钓峰乡 大沽乡 蔡江乡',
    ),
    verticals: ['tobacco', 'survey'],
  },
  {
    key: 'yudu',
    name: '于都县',
    code: '360731',
    townships: t(
      '贡江镇 铁山垅镇 盘古山镇 禾丰镇 祁禄山镇 梓山镇 银坑镇 岭背镇 罗坳镇 罗江乡 小溪乡 利村乡 新陂乡 靖石乡 黄麟乡 沙心乡 宽田乡 葛坳乡 桥头乡 马安乡 仙下乡 车溪乡 段屋乡',
    ),
    verticals: ['highway', 'fund'],
  },
  {
    key: 'xingguo',
    name: '兴国县',
    code: '360732',
    townships: t(
      '潋江镇 江背镇 古龙岗镇 梅窖镇 高兴镇 良村镇 龙口镇 埠头乡 长冈乡 均村乡 兴江乡 东村乡 樟木乡 杰村乡 社富乡 永丰乡 隆坪乡 方太乡 鼎龙乡 崇贤乡 城冈乡 茶园乡 枫边乡',
    ),
    verticals: ['tobacco'],
  },
  {
    key: 'huichang',
    name: '会昌县',
    code: '360733',
    townships: t(
      '文武坝镇 筠门岭镇 西江镇 周田镇 麻州镇 庄口镇 清溪乡 右水乡 高排乡 晓龙乡 珠兰乡 洞头乡 中村乡 站塘乡 永隆乡 富城乡 小密乡',
    ),
    verticals: ['highway'],
  },
  {
    key: 'xunwu',
    name: '寻乌县',
    code: '360734',
    townships: t(
      '长宁镇 晨光镇 留车镇 南桥镇 吉潭镇 澄江镇 桂竹帽镇 文峰乡 三标乡 菖蒲乡 龙廷乡 丹溪乡 水源乡 项山乡 罗珊乡',
    ),
    verticals: ['tobacco'],
  },
  {
    key: 'shicheng',
    name: '石城县',
    code: '360735',
    townships: t('琴江镇 小松镇 屏山镇 横江镇 高田镇 木兰乡 丰山乡 大由乡 龙岗乡 珠坑乡 岩岭乡'),
    verticals: ['weather'],
  },
  {
    key: 'ruijin',
    name: '瑞金市',
    code: '360781',
    townships: t(
      '象湖镇 瑞林镇 壬田镇 九堡镇 沙洲坝镇 谢坊镇 武阳镇 叶坪乡 丁陂乡 大柏地乡 岗面乡 日东乡 泽覃乡 黄柏乡 云石山乡 万田乡 拔英乡',
    ),
    verticals: ['fund'],
  },
  {
    key: 'longnan',
    name: '龙南市',
    code: '360783',
    townships: t('龙南镇 武当镇 杨村镇 汶龙镇 程龙镇 关西镇 里仁镇 渡江镇 桃江乡 东江乡 临塘乡 南亨乡 夹湖乡'),
    verticals: ['survey'],
  },
];

/** Counties whose registry is complete down to villages; the rest carry a core set of units. */
const FULL_COUNTIES = new Set(['nankang', 'yudu']);

function buildAuthorities(): SeedAuthority[] {
  const city: SeedAuthority = {
    key: 'city',
    name: '中共赣州市委巡察工作领导小组办公室',
    shortName: '赣州市委巡察办',
    level: 'city',
    parentKey: null,
    regionCode: '360700',
  };
  return [
    city,
    ...COUNTIES.map(
      (c): SeedAuthority => ({
        key: c.key,
        name: `中共${c.name}委巡察工作领导小组办公室`,
        shortName: `${c.name}委巡察办`,
        level: 'county',
        parentKey: 'city',
        regionCode: c.code,
      }),
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// City

const CITY_UNITS: readonly UnitDef[] = [
  // Party, congress, government and CPPCC organs
  u('swb', '赣州市委办公室', '党群', { style: 'party', est: CITY_FOUNDED }),
  u('rdb', '赣州市人大常委会办公室', '党群', { style: 'party', est: CITY_FOUNDED }),
  u('zfb', '赣州市人民政府办公室', '党群', { style: 'party', est: CITY_FOUNDED }),
  u('zxb', '赣州市政协办公室', '党群', { style: 'party', est: CITY_FOUNDED }),
  u('zzb', '赣州市委组织部', '党群', { style: 'partyDept', est: CITY_FOUNDED }),
  u('xcb', '赣州市委宣传部', '党群', { style: 'partyDept', est: CITY_FOUNDED }),
  u('tzb', '赣州市委统战部', '党群', { style: 'partyDept', est: CITY_FOUNDED }),
  u('zfw', '赣州市委政法委员会', '政法', { style: 'partyDept', est: CITY_FOUNDED }),
  u('zys', '赣州市委政策研究室', '党群', { style: 'party' }),
  u('bb', '赣州市委机构编制委员会办公室', '党群', { style: 'party' }),
  u('jggw', '赣州市直属机关工作委员会', '党群', { style: 'party' }),
  u('dx', '中共赣州市委党校', '党群', { style: 'party', cat: '12' }),
  u('lgb', '赣州市委老干部局', '党群', { style: 'party' }),
  u('wxb', '赣州市委网络安全和信息化委员会办公室', '党群', { style: 'party' }),
  u('tb', '赣州市委台湾工作办公室', '党群', { style: 'party' }),
  u('wb', '赣州市委外事工作委员会办公室', '其他', { style: 'party' }),
  u('dag', '赣州市档案馆', '党群', { style: 'party', cat: '12' }),
  u('dsb', '赣州市委党史研究室', '党群', { style: 'party' }),
  // Government departments; agencies created by the 2019 reform come before those merged into them.
  u('fgw', '赣州市发展和改革委员会', '经济', { est: CITY_FOUNDED }),
  u('jyj', '赣州市教育局', '教育', { est: CITY_FOUNDED }),
  u('kjj', '赣州市科学技术局', '经济'),
  u('gxj', '赣州市工业和信息化局', '经济'),
  u('gaj', '赣州市公安局', '政法', { style: 'police', est: CITY_FOUNDED }),
  u('mzj', '赣州市民政局', '社会事业', { est: CITY_FOUNDED }),
  u('sfj', '赣州市司法局', '政法', { est: CITY_FOUNDED }),
  u('czj', '赣州市财政局', '财政金融', { est: CITY_FOUNDED }),
  u('rsj', '赣州市人力资源和社会保障局', '社会事业'),
  u('zrzyj', '赣州市自然资源局', '国土', { est: CITY_REFORM }),
  u('sthjj', '赣州市生态环境局', '生态环境', { est: CITY_REFORM }),
  u('zjj', '赣州市住房和城乡建设局', '城建'),
  u('cgj', '赣州市城市管理局', '城建'),
  u('jtysj', '赣州市交通运输局', '交通', { est: CITY_FOUNDED }),
  u('slj', '赣州市水利局', '农林水', { est: CITY_FOUNDED }),
  u('nyncj', '赣州市农业农村局', '农林水', { est: CITY_REFORM }),
  u('lyj', '赣州市林业局', '农林水', { est: CITY_FOUNDED }),
  u('swj', '赣州市商务局', '经济'),
  u('wglj', '赣州市文化广电新闻出版旅游局', '文化旅游', { est: CITY_REFORM }),
  u('wjw', '赣州市卫生健康委员会', '卫健', { est: CITY_REFORM }),
  u('tyjrj', '赣州市退役军人事务局', '社会事业', { est: CITY_REFORM }),
  u('yjj', '赣州市应急管理局', '社会事业', { est: CITY_REFORM }),
  u('sjj', '赣州市审计局', '财政金融', { est: CITY_FOUNDED }),
  u('gzw', '赣州市国有资产监督管理委员会', '经济'),
  u('scjgj', '赣州市市场监督管理局', '市场监管', { est: CITY_REFORM }),
  u('tyj', '赣州市体育局', '社会事业'),
  u('tjj', '赣州市统计局', '经济', { est: CITY_FOUNDED }),
  u('ybj', '赣州市医疗保障局', '卫健', { est: CITY_REFORM }),
  u('xzspj', '赣州市行政审批局', '经济'),
  u('xczxj', '赣州市乡村振兴局', '农林水', { est: CITY_RURAL_REVITALIZATION }),
  u('jrj', '赣州市地方金融监督管理局', '财政金融', { est: CITY_REFORM }),
  u('rfb', '赣州市人民防空办公室', '其他'),
  u('jgswj', '赣州市机关事务管理局', '其他'),
  u('xfj', '赣州市信访局', '社会事业'),
  u('gjj', '赣州市住房公积金管理中心', '财政金融', { cat: '12' }),
  u('ggzy', '赣州市公共资源交易中心', '经济', { cat: '12' }),
  u('gxs', '赣州市供销合作社联合社', '经济', { cat: '13' }),
  u('fy', '赣州市中级人民法院', '政法', { style: 'judicial', est: CITY_FOUNDED }),
  u('jcy', '赣州市人民检察院', '政法', { style: 'judicial', est: CITY_FOUNDED }),
  u('rjxq', '赣州蓉江新区管理委员会', '经济'),
  u('jkq', '赣州经济技术开发区管理委员会', '经济'),
  u('cdc', '赣州市疾病预防控制中心', '卫健', { cat: '12' }),
  u('sbzx', '赣州市社会保险中心', '社会事业', { cat: '12' }),
  // Internal units that the city inspects in their own right
  u('gaj:jj', '赣州市公安局交通警察支队', '政法', { style: 'police', parent: 'gaj' }),
  u('gaj:zg', '赣州市公安局章贡分局', '政法', { style: 'police', parent: 'gaj' }),
  // Merged or abolished in the 2018–2019 机构改革 and the 2021 rural-revitalization reorganization
  u('mzzj', '赣州市民族宗教事务局', '党群', { abolished: CITY_REFORM, into: 'tzb' }),
  u('gtj', '赣州市国土资源局', '国土', { abolished: CITY_REFORM, into: 'zrzyj' }),
  u('ghj', '赣州市城乡规划局', '城建', { abolished: CITY_REFORM, into: 'zrzyj' }),
  u('hbj', '赣州市环境保护局', '生态环境', { abolished: CITY_REFORM, into: 'sthjj' }),
  u('nyj', '赣州市农业局', '农林水', { abolished: CITY_REFORM, into: 'nyncj' }),
  u('wgxj', '赣州市文化广电新闻出版局', '文化旅游', { abolished: CITY_REFORM, into: 'wglj' }),
  u('lfw', '赣州市旅游发展委员会', '文化旅游', { abolished: CITY_REFORM, into: 'wglj' }),
  u('wjw0', '赣州市卫生和计划生育委员会', '卫健', { abolished: CITY_REFORM, into: 'wjw' }),
  u('ajj', '赣州市安全生产监督管理局', '社会事业', { abolished: CITY_REFORM, into: 'yjj' }),
  u('gsj', '赣州市工商行政管理局', '市场监管', { abolished: CITY_REFORM, into: 'scjgj' }),
  u('zjj0', '赣州市质量技术监督局', '市场监管', { abolished: CITY_REFORM, into: 'scjgj' }),
  u('spj', '赣州市食品药品监督管理局', '市场监管', { abolished: CITY_REFORM, into: 'scjgj' }),
  u('lsj', '赣州市粮食局', '经济', { abolished: CITY_REFORM, into: 'fgw' }),
  // Duties split between 发改委 and 市场监管局, so it merged into no single unit.
  u('wjj', '赣州市物价局', '经济', { abolished: CITY_REFORM }),
  u('fpb', '赣州市扶贫和移民办公室', '农林水', { abolished: CITY_RURAL_REVITALIZATION, into: 'xczxj' }),
  // 群团
  u('zgh', '赣州市总工会', '群团', { style: 'mass', cat: '13' }),
  u('tsw', '共青团赣州市委员会', '群团', { style: 'mass', cat: '13' }),
  u('fl', '赣州市妇女联合会', '群团', { style: 'mass', cat: '13' }),
  u('kx', '赣州市科学技术协会', '群团', { style: 'mass', cat: '13' }),
  u('wl', '赣州市文学艺术界联合会', '群团', { style: 'mass', cat: '13' }),
  u('skl', '赣州市社会科学界联合会', '群团', { style: 'mass', cat: '13' }),
  u('ql', '赣州市归国华侨联合会', '群团', { style: 'mass', cat: '13' }),
  u('cl', '赣州市残疾人联合会', '群团', { style: 'mass', cat: '13' }),
  u('gsl', '赣州市工商业联合会', '群团', { style: 'mass', cat: '13' }),
  u('hszh', '赣州市红十字会', '群团', { style: 'mass', cat: '13' }),
  // Media
  u('gnrb', '赣南日报社', '新闻媒体', { style: 'media', cat: '12' }),
  u('gbds', '赣州广播电视台', '新闻媒体', { style: 'media', cat: '12' }),
  // 市属国有企业
  u('soe:ct', '赣州城市开发投资集团有限责任公司', '国有企业', { kind: '国有企业' }),
  u('soe:fk', '赣州发展投资控股集团有限责任公司', '国有企业', { kind: '国有企业' }),
  u('soe:lt', '赣州旅游投资集团有限公司', '国有企业', { kind: '国有企业' }),
  u('soe:jt', '赣州市交通投资集团有限公司', '国有企业', { kind: '国有企业' }),
  u('soe:jx', '赣州市建兴控股投资集团有限公司', '国有企业', { kind: '国有企业' }),
  u('soe:gt', '赣州工业投资控股集团有限公司', '国有企业', { kind: '国有企业' }),
  u('soe:sw', '赣州水务集团有限公司', '国有企业', { kind: '国有企业' }),
  u('soe:nt', '赣州农业投资发展集团有限公司', '国有企业', { kind: '国有企业' }),
  u('soe:jk', '赣州金融控股集团有限责任公司', '国有企业', { kind: '国有企业' }),
  u('soe:gj', '赣州市公共交通有限责任公司', '国有企业', { kind: '国有企业' }),
  // 市属学校
  u('school:zy', '赣州职业技术学院', '教育', { kind: '学校' }),
  u('school:sz', '赣州师范高等专科学校', '教育', { kind: '学校', style: 'college' }),
  u('school:yz', '赣州市第一中学', '教育', { kind: '学校' }),
  u('school:sanz', '赣州市第三中学', '教育', { kind: '学校' }),
  u('school:siz', '赣州市第四中学', '教育', { kind: '学校' }),
  u('school:gzzx', '赣州中学', '教育', { kind: '学校' }),
  u('school:tj', '赣州市特殊教育学校', '教育', { kind: '学校' }),
  // 市属医院
  u('hospital:rm', '赣州市人民医院', '卫健', { kind: '医院' }),
  u('hospital:sl', '赣州市立医院', '卫健', { kind: '医院' }),
  u('hospital:zy', '赣州市中医院', '卫健', { kind: '医院' }),
  u('hospital:fy', '赣州市妇幼保健院', '卫健', { kind: '医院' }),
  u('hospital:zl', '赣州市肿瘤医院', '卫健', { kind: '医院' }),
  u('hospital:dw', '赣州市第五人民医院', '卫健', { kind: '医院' }),
];

function defaultStyle(def: UnitDef, kind: TOrgKind): Style {
  if (def.style) return def.style;
  if (kind === '国有企业') return 'soe';
  if (kind === '医院') return 'hospital';
  if (kind === '学校') return /学院$/.test(def.name) ? 'college' : 'school';
  return 'gov';
}

function defaultCategory(kind: TOrgKind): CodeCategory {
  if (kind === '国有企业') return '91';
  if (kind === '学校' || kind === '医院') return '12';
  return '11';
}

function addUnit(b: Builder, authorityKey: string, region: string, a: string, def: UnitDef, baseKind: TOrgKind): void {
  const key = `${authorityKey}:${def.slug}`;
  const rng = rngFor(SEED, key);
  const kind = def.kind ?? baseKind;
  const life: Life = { establishedOn: def.est ?? null, abolishedOn: def.abolished ?? null };
  b.add({
    key,
    authorityKey,
    parentKey: def.parent ? `${authorityKey}:${def.parent}` : null,
    name: def.name,
    kind,
    sector: def.sector,
    creditCode: b.creditCode(rng, def.cat ?? defaultCategory(kind), region),
    ...life,
    mergedIntoKey: def.into ? `${authorityKey}:${def.into}` : null,
    leaders: b.leaders(rng, life, planFor(defaultStyle(def, kind), def.name, a)),
  });
}

/** The 18 county committees are organizations the city inspects too (they are in the kind list). */
function addCountyCommittee(b: Builder, c: CountyDef): void {
  const key = `city:cw:${c.key}`;
  const rng = rngFor(SEED, key);
  const a = c.name.slice(-1);
  // Districts keep the city in their committee's full name: 中共赣州市南康区委员会.
  const name = a === '区' ? `中共赣州市${c.name}委员会` : `中共${c.name}委员会`;
  const life: Life = { establishedOn: null, abolishedOn: null };
  b.add({
    key,
    authorityKey: 'city',
    parentKey: null,
    name,
    kind: '县(市、区)委',
    sector: '党群',
    creditCode: null,
    ...life,
    mergedIntoKey: null,
    leaders: b.leaders(rng, life, {
      heads: [`${a}委书记`, `${a}委副书记、${a}长`],
      deputy: null,
      deputies: [0, 0],
      extras: [`${a}委副书记`, `${a}委常委、${a}纪委书记、${a}监委主任`],
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// Counties

/** `p` is the county's name (南康区); unit names follow the usual short official forms. */
function countyUnits(p: string): UnitDef[] {
  return [
    u('xwb', `${p}委办公室`, '党群', { style: 'party' }),
    u('rdb', `${p}人大常委会办公室`, '党群', { style: 'party' }),
    u('zfb', `${p}人民政府办公室`, '党群', { style: 'party' }),
    u('zxb', `${p}政协办公室`, '党群', { style: 'party' }),
    u('zzb', `${p}委组织部`, '党群', { style: 'partyDept' }),
    u('xcb', `${p}委宣传部`, '党群', { style: 'partyDept' }),
    u('tzb', `${p}委统战部`, '党群', { style: 'partyDept' }),
    u('zfw', `${p}委政法委员会`, '政法', { style: 'partyDept' }),
    u('bb', `${p}委机构编制委员会办公室`, '党群', { style: 'party' }),
    u('jggw', `${p}直属机关工作委员会`, '党群', { style: 'party' }),
    u('dx', `中共${p}委党校`, '党群', { style: 'party', cat: '12' }),
    u('lgb', `${p}委老干部局`, '党群', { style: 'party' }),
    u('wxb', `${p}委网络安全和信息化委员会办公室`, '党群', { style: 'party' }),
    u('dag', `${p}档案馆`, '党群', { style: 'party', cat: '12' }),
    u('xfj', `${p}信访局`, '社会事业'),
    u('fgw', `${p}发展和改革委员会`, '经济'),
    u('jtj', `${p}教育科技体育局`, '教育', { est: COUNTY_REFORM }),
    u('gxj', `${p}工业和信息化局`, '经济'),
    u('gaj', `${p}公安局`, '政法', { style: 'police' }),
    u('mzj', `${p}民政局`, '社会事业'),
    u('sfj', `${p}司法局`, '政法'),
    u('czj', `${p}财政局`, '财政金融'),
    u('rsj', `${p}人力资源和社会保障局`, '社会事业'),
    u('zrzyj', `${p}自然资源局`, '国土', { est: COUNTY_REFORM }),
    u('zjj', `${p}住房和城乡建设局`, '城建'),
    u('cgj', `${p}城市管理局`, '城建'),
    u('jtysj', `${p}交通运输局`, '交通'),
    u('slj', `${p}水利局`, '农林水'),
    u('sbj', `${p}水土保持局`, '农林水', { parent: 'slj', cat: '12' }),
    u('nyncj', `${p}农业农村局`, '农林水', { est: COUNTY_REFORM }),
    u('nyjs', `${p}农业技术推广中心`, '农林水', { cat: '12' }),
    u('lyj', `${p}林业局`, '农林水'),
    u('swj', `${p}商务局`, '经济'),
    u('wglj', `${p}文化广电新闻出版旅游局`, '文化旅游', { est: COUNTY_REFORM }),
    u('wjw', `${p}卫生健康委员会`, '卫健', { est: COUNTY_REFORM }),
    u('cdc', `${p}疾病预防控制中心`, '卫健', { cat: '12' }),
    u('tyjrj', `${p}退役军人事务局`, '社会事业', { est: COUNTY_REFORM }),
    u('yjj', `${p}应急管理局`, '社会事业', { est: COUNTY_REFORM }),
    u('sjj', `${p}审计局`, '财政金融'),
    u('scjgj', `${p}市场监督管理局`, '市场监管', { est: COUNTY_REFORM }),
    u('tjj', `${p}统计局`, '经济'),
    u('ybj', `${p}医疗保障局`, '卫健', { est: COUNTY_REFORM }),
    u('xzspj', `${p}行政审批局`, '经济'),
    u('xczxj', `${p}乡村振兴局`, '农林水', { est: COUNTY_RURAL_REVITALIZATION }),
    u('bdc', `${p}不动产登记中心`, '国土', { cat: '12' }),
    u('sbzx', `${p}社会保险中心`, '社会事业', { cat: '12' }),
    u('rfb', `${p}人民防空办公室`, '其他'),
    u('jgsw', `${p}机关事务服务中心`, '其他', { cat: '12' }),
    u('ggzy', `${p}公共资源交易中心`, '经济', { cat: '12' }),
    u('gxs', `${p}供销合作社联合社`, '经济', { cat: '13' }),
    u('rmt', `${p}融媒体中心`, '新闻媒体', { style: 'media', cat: '12' }),
    u('fy', `${p}人民法院`, '政法', { style: 'judicial' }),
    u('jcy', `${p}人民检察院`, '政法', { style: 'judicial' }),
    u('zgh', `${p}总工会`, '群团', { style: 'mass', cat: '13' }),
    u('tw', `共青团${p}委员会`, '群团', { style: 'mass', cat: '13' }),
    u('fl', `${p}妇女联合会`, '群团', { style: 'mass', cat: '13' }),
    u('kx', `${p}科学技术协会`, '群团', { style: 'mass', cat: '13' }),
    u('wl', `${p}文学艺术界联合会`, '群团', { style: 'mass', cat: '13' }),
    u('cl', `${p}残疾人联合会`, '群团', { style: 'mass', cat: '13' }),
    u('gsl', `${p}工商业联合会`, '群团', { style: 'mass', cat: '13' }),
    u('hszh', `${p}红十字会`, '群团', { style: 'mass', cat: '13' }),
  ];
}

/** Counties not in full keep this many of their core units, in this order. */
const CORE_UNITS = [
  'fy',
  'jcy',
  'gaj',
  'fgw',
  'jtj',
  'czj',
  'rsj',
  'zrzyj',
  'zjj',
  'jtysj',
  'nyncj',
  'slj',
  'wjw',
  'scjgj',
  'yjj',
  'sjj',
  'mzj',
  'swj',
  'wglj',
  'lyj',
];

/** What the two full counties add: their own reform merges, industries, schools and hospitals. */
function fullCountyExtras(c: CountyDef): UnitDef[] {
  const p = c.name;
  const merges: UnitDef[] = [
    u('wjw0', `${p}卫生和计划生育委员会`, '卫健', { abolished: COUNTY_REFORM, into: 'wjw' }),
    u('ajj', `${p}安全生产监督管理局`, '社会事业', { abolished: COUNTY_REFORM, into: 'yjj' }),
    // The county bureau became a branch of the city's ecology bureau in the vertical-management reform.
    u('hbj', `${p}环境保护局`, '生态环境', { abolished: ECO_VERTICAL, into: 'v:eco' }),
    u('fpb', `${p}扶贫和移民办公室`, '农林水', { abolished: COUNTY_RURAL_REVITALIZATION, into: 'xczxj' }),
  ];
  if (c.key === 'nankang') {
    return [
      ...merges,
      // 南康 has an ethnic She township (赤土畲族乡), hence a 民族宗教 bureau until the reform.
      u('mzzj', `${p}民族宗教事务局`, '党群', { abolished: COUNTY_REFORM, into: 'tzb' }),
      u('jjq', '南康经济开发区管理委员会', '经济'),
      u('jj', `${p}家具产业发展服务中心`, '经济', { cat: '12' }),
      u('soe:ct', '赣州市南康区城市建设发展集团有限公司', '国有企业', { kind: '国有企业' }),
      u('school:nkzx', '南康中学', '教育', { kind: '学校' }),
      u('school:ez', `${p}第二中学`, '教育', { kind: '学校' }),
      u('school:sz', `${p}第三中学`, '教育', { kind: '学校' }),
      u('school:tjzx', `${p}唐江中学`, '教育', { kind: '学校' }),
      u('school:zj', `${p}职业技术学校`, '教育', { kind: '学校' }),
      u('hospital:yy', `${p}第一人民医院`, '卫健', { kind: '医院' }),
      u('hospital:zy', `${p}中医院`, '卫健', { kind: '医院' }),
      u('hospital:fy', `${p}妇幼保健院`, '卫健', { kind: '医院' }),
    ];
  }
  return [
    ...merges,
    u('lsj', `${p}粮食局`, '经济', { abolished: COUNTY_REFORM, into: 'fgw' }),
    u('gyyq', '于都工业园区管理委员会', '经济'),
    u('fz', `${p}纺织服装产业发展服务中心`, '经济', { cat: '12' }),
    u('cz', '中央红军长征出发纪念馆', '文化旅游', { cat: '12' }),
    u('soe:ct', `${p}城市建设投资集团有限公司`, '国有企业', { kind: '国有企业' }),
    u('school:ydzx', '于都中学', '教育', { kind: '学校' }),
    u('school:ez', `${p}第二中学`, '教育', { kind: '学校' }),
    u('school:sz', `${p}第三中学`, '教育', { kind: '学校' }),
    u('school:syzx', `${p}实验中学`, '教育', { kind: '学校' }),
    u('school:zz', `${p}职业中等专业学校`, '教育', { kind: '学校' }),
    u('hospital:rm', `${p}人民医院`, '卫健', { kind: '医院' }),
    u('hospital:zy', `${p}中医院`, '卫健', { kind: '医院' }),
    u('hospital:fy', `${p}妇幼保健院`, '卫健', { kind: '医院' }),
    u('hospital:de', `${p}第二人民医院`, '卫健', { kind: '医院' }),
  ];
}

const VERTICAL_SECTORS: Record<VerticalType, TSector> = {
  tax: '财政金融',
  eco: '生态环境',
  tobacco: '经济',
  fund: '财政金融',
  highway: '交通',
  weather: '其他',
  survey: '经济',
};

function verticalDef(c: CountyDef, type: VerticalType): UnitDef {
  const base = c.name.slice(0, -1);
  const kind: TOrgKind = '垂直管理驻县单位';
  const sector = VERTICAL_SECTORS[type];
  const slug = `v:${type}`;
  switch (type) {
    case 'tax': {
      // District bureaus keep the city in their name; county and county-level-city bureaus do not.
      const name = c.name.endsWith('区') ? `国家税务总局赣州市${c.name}税务局` : `国家税务总局${c.name}税务局`;
      return u(slug, name, sector, { kind, style: 'tax', est: TAX_MERGER });
    }
    case 'eco':
      return u(slug, `赣州市${base}生态环境局`, sector, { kind, style: 'vertical', est: ECO_VERTICAL });
    case 'tobacco':
      return u(slug, `${c.name}烟草专卖局`, sector, { kind, style: 'vertical' });
    case 'fund':
      return u(slug, `赣州市住房公积金管理中心${base}分中心`, sector, { kind, style: 'vertical', cat: '12' });
    case 'highway':
      return u(slug, `赣州公路事业发展中心${base}分中心`, sector, { kind, style: 'vertical', cat: '12' });
    case 'weather':
      return u(slug, `${c.name}气象局`, sector, { kind, style: 'vertical', cat: '12' });
    case 'survey':
      return u(slug, `国家统计局${base}调查队`, sector, { kind, style: 'vertical' });
  }
}

function townshipSuffix(name: string): string {
  for (const s of ['街道', '畲族乡', '镇', '乡']) if (name.endsWith(s)) return s;
  return '';
}

function townshipPlan(name: string): Plan {
  const s = townshipSuffix(name);
  if (s === '街道') {
    return {
      heads: ['党工委书记', '党工委副书记、办事处主任'],
      deputy: null,
      deputies: [0, 0],
      extras: ['党工委委员、纪工委书记'],
    };
  }
  const chief = s === '镇' ? '镇长' : '乡长';
  return {
    heads: ['党委书记', `党委副书记、${chief}`],
    deputy: null,
    deputies: [0, 0],
    extras: ['党委委员、纪委书记', '人大主席'],
  };
}

interface TownshipDef {
  index: number;
  name: string;
  est?: string;
  abolished?: string;
  into?: number;
}

function addTownship(b: Builder, c: CountyDef, town: TownshipDef): SeedOrg {
  const key = townshipKey(c, town.index);
  const rng = rngFor(SEED, key);
  const life: Life = { establishedOn: town.est ?? null, abolishedOn: town.abolished ?? null };
  const plan = townshipPlan(town.name);
  // At most one extra post, so a township lists 2–4 people.
  const extra = chance(rng, 0.6) ? [pick(rng, plan.extras)] : [];
  return b.add({
    key,
    authorityKey: c.key,
    parentKey: null,
    name: town.name,
    kind: '乡镇(街道)',
    sector: '乡镇街道',
    creditCode: b.creditCode(rng, '11', c.code),
    ...life,
    mergedIntoKey: town.into === undefined ? null : townshipKey(c, town.into),
    leaders: b.leaders(rng, life, { ...plan, extras: extra }, 0.5, 2, 3),
  });
}

function townshipKey(c: CountyDef, index: number): string {
  return `${c.key}:town:${String(index).padStart(2, '0')}`;
}

/**
 * Villages and communities of one township, names unique within the county. 街道 are mostly
 * communities; towns have a seat community named after the town; 乡 are nearly all villages.
 */
function addVillages(b: Builder, c: CountyDef, town: SeedOrg, taken: Set<string>, mergeOne: string | null): void {
  const rng = rngFor(SEED, `${town.key}:villages`);
  const suffix = townshipSuffix(town.name);
  const base = town.name.slice(0, town.name.length - suffix.length);
  const count = suffix === '街道' ? intBetween(rng, 8, 12) : intBetween(rng, 8, 20);
  const names: { name: string; community: boolean }[] = [];
  const unique = (make: () => string): string => {
    for (;;) {
      const n = make();
      if (!taken.has(n)) {
        taken.add(n);
        return n;
      }
    }
  };
  if (suffix !== '街道' && !taken.has(`${base}社区`)) {
    taken.add(`${base}社区`);
    names.push({ name: `${base}社区`, community: true });
  }
  const communityShare = suffix === '街道' ? 0.7 : suffix === '镇' ? 0.08 : 0.02;
  while (names.length < count) {
    const community = chance(rng, communityShare);
    const name = community ? unique(() => `${communityBase(rng)}社区`) : unique(() => `${villageBase(rng)}村`);
    names.push({ name, community });
  }
  const villageKey = (i: number) => `${town.key}:village:${String(i + 1).padStart(2, '0')}`;
  // The last entry of a chosen township was merged (合村并组) into the first of its own sort, so a
  // village never ends up inside a community.
  const last = names.length - 1;
  const lastIsCommunity = names[last]?.community;
  const target = names.findIndex((v) => v.community === lastIsCommunity);
  names.forEach((v, i) => {
    const key = villageKey(i);
    const vrng = rngFor(SEED, key);
    const merged = mergeOne !== null && i === last && target >= 0 && target < last;
    const abolishedOn = merged ? mergeOne : null;
    b.add({
      key,
      authorityKey: c.key,
      parentKey: town.key,
      name: v.name,
      kind: '村(社区)',
      sector: '村社区',
      creditCode: chance(vrng, 0.9) ? b.creditCode(vrng, '54', c.code) : null,
      establishedOn: null,
      abolishedOn,
      mergedIntoKey: merged ? villageKey(target) : null,
      leaders: villageLeaders(b, vrng, v.community, abolishedOn),
    });
  });
}

function villageLeaders(b: Builder, rng: Rng, community: boolean, abolishedOn: string | null): SeedLeader[] {
  const secretary = community ? '社区党支部书记' : '村党支部书记';
  const director = community ? '居委会主任' : '村委会主任';
  const supervisor = community ? '居务监督委员会主任' : '村务监督委员会主任';
  const e18 = dateBetween(rng, ...ELECTION_2018);
  if (abolishedOn) {
    const out: SeedLeader[] = [{ name: b.person(rng), position: secretary, since: e18, until: abolishedOn }];
    if (chance(rng, 0.6)) out.push({ name: b.person(rng), position: director, since: e18, until: abolishedOn });
    return out;
  }
  const e21 = dateBetween(rng, ...ELECTION_2021);
  const out: SeedLeader[] = [];
  if (chance(rng, 0.85)) {
    out.push({ name: b.person(rng), position: `${secretary}、${director}`, since: e21, until: null });
  } else {
    out.push({ name: b.person(rng), position: secretary, since: e21, until: null });
    out.push({ name: b.person(rng), position: director, since: e21, until: null });
  }
  if (out.length < 3 && chance(rng, 0.3))
    out.push({ name: b.person(rng), position: supervisor, since: e21, until: null });
  if (out.length < 3 && chance(rng, 0.5)) {
    const since = chance(rng, 0.5) ? dateBetween(rng, ...ELECTION_2014) : e18;
    out.push({ name: b.person(rng), position: secretary, since, until: e21 });
  }
  return out;
}

/** Township indexes (1-based) in each full county whose last village was merged away. */
const VILLAGE_MERGES: Record<string, ReadonlyArray<readonly [number, string]>> = {
  nankang: [
    [4, '2019-10-15'],
    [11, '2019-10-15'],
    [17, '2020-06-30'],
  ],
  yudu: [
    [5, '2019-11-20'],
    [12, '2020-05-29'],
    [20, '2020-05-29'],
  ],
};

function addCounty(b: Builder, c: CountyDef): void {
  const a = c.name.slice(-1);
  const full = FULL_COUNTIES.has(c.key);
  const rng = rngFor(SEED, `${c.key}:plan`);
  const all = countyUnits(c.name);
  const units = full
    ? [...all, ...fullCountyExtras(c)]
    : CORE_UNITS.slice(0, intBetween(rng, 12, 18)).map((slug) => all.find((d) => d.slug === slug) as UnitDef);
  // Verticals first, so the county ecology bureau exists before the unit merged into it.
  for (const type of ['tax', 'eco', ...c.verticals] as const)
    addUnit(b, c.key, c.code, a, verticalDef(c, type), '县直单位');
  for (const def of units) addUnit(b, c.key, c.code, a, def, '县直单位');

  const towns: SeedOrg[] = [];
  c.townships.forEach((name, i) => {
    // 南康's 东山街道 replaced the former 东山镇 in 2019 (撤镇设街道); the town is kept as history.
    const est = c.key === 'nankang' && name === '东山街道' ? '2019-12-18' : undefined;
    towns.push(addTownship(b, c, { index: i + 1, name, est }));
  });
  if (c.key === 'nankang') {
    const into = c.townships.indexOf('东山街道') + 1;
    addTownship(b, c, { index: 90, name: '东山镇', abolished: '2019-12-18', into });
  }
  if (!full) return;
  const taken = new Set<string>();
  const merges = new Map(VILLAGE_MERGES[c.key] ?? []);
  for (const [i, town] of towns.entries()) addVillages(b, c, town, taken, merges.get(i + 1) ?? null);
}

/** Parents and merge targets before the organizations that point at them, so a seeder can insert in order. */
function parentsFirst(orgs: SeedOrg[]): SeedOrg[] {
  const byKey = new Map(orgs.map((o) => [o.key, o]));
  const done = new Set<string>();
  const out: SeedOrg[] = [];
  const visit = (o: SeedOrg): void => {
    if (done.has(o.key)) return;
    done.add(o.key);
    for (const dep of [o.parentKey, o.mergedIntoKey]) {
      const target = dep ? byKey.get(dep) : undefined;
      if (target) visit(target);
    }
    out.push(o);
  };
  for (const o of orgs) visit(o);
  return out;
}

export function buildDemoRegistry(): { authorities: SeedAuthority[]; orgs: SeedOrg[] } {
  const b = new Builder();
  for (const def of CITY_UNITS) addUnit(b, 'city', '360700', '市', def, '市直单位');
  for (const c of COUNTIES) addCountyCommittee(b, c);
  for (const c of COUNTIES) addCounty(b, c);
  return { authorities: buildAuthorities(), orgs: parentsFirst(b.orgs) };
}
