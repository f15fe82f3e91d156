/**
 * Deterministic generators for fictional people and place names in the demo registry. Nothing here
 * names a real person: names are drawn from common surname and given-name characters, and a short
 * list of well-known public figures is refused so that a random draw cannot land on one.
 */

export type Rng = () => number;

/** The items in a random order (Fisher–Yates), drawn from `rng`. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** mulberry32: tiny, fast and good enough for demo data; the same seed always gives the same stream. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over UTF-16 code units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * One stream per stable key, so adding or removing an organization elsewhere in the data set does
 * not reshuffle the names, dates and codes of every organization after it.
 */
export function rngFor(seed: number, key: string): Rng {
  return mulberry32((seed ^ hashString(key)) >>> 0);
}

export function intBetween(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

// Weighted towards the Hakka surnames that dominate southern Jiangxi (刘, 钟, 曾, 谢, 赖, 邱, 温, 廖 …),
// with the national commons and two She (畲族) surnames, so lists look like Ganzhou's.
const SURNAMES: ReadonlyArray<readonly [string, number]> =
  '刘10 陈9 李8 黄7 钟6 谢6 曾6 赖5 罗5 王5 张5 杨4 肖4 邱4 温4 廖4 郭3 朱3 吴3 徐3 胡3 林3 何3 周3 蔡2 卢2 叶2 邓2 彭2 赵2 孙2 宋2 唐2 曹2 袁2 潘2 蓝1 雷1 傅1 康1 严1 丁1 危1 易1 池1 汪1 魏1 邹1 龚1 凌1 巫1 管1 江1 石1 范1 欧阳1'
    .split(' ')
    .map((e) => [e.replace(/\d+$/, ''), Number(e.match(/\d+$/)?.[0])] as const);
const SURNAME_TOTAL = SURNAMES.reduce((n, [, w]) => n + w, 0);

const GIVEN_MALE = [
  ...'建国华明伟军平强春海文东林勇斌志荣辉峰涛新清光永福庆祥德俊宏亮成振飞昌兴良鑫晓云金长生忠民贵桂剑锋超波龙卫仁义智彬杰浩宇达坤松柏鸿发旺鹏健红',
];
const GIVEN_FEMALE = [...'红丽芳玲娟霞燕敏琴英萍秀慧静莉梅兰婷颖艳华春晓雪丹琳洁璐萱芬'];

/** Well-known people a random draw could otherwise produce. */
const REFUSED = new Set(
  '李鹏 刘翔 李娜 王刚 刘欢 李宁 王楠 林丹 朱军 李咏 陈红 刘涛 黄晓明 陈建斌 张国荣 周华健 刘德华 李宇春 刘国梁 王志文 刘晓庆 李连杰 杨丽萍 王宝强 李小龙 张艺谋 邓亚萍 王军霞 李永波 孙杨 王健林 李彦宏 杨利伟 周杰伦'.split(
    ' ',
  ),
);

function surname(rng: Rng): string {
  let r = rng() * SURNAME_TOTAL;
  for (const [s, w] of SURNAMES) {
    r -= w;
    if (r < 0) return s;
  }
  return '刘';
}

function rawPersonName(rng: Rng): string {
  const chars = chance(rng, 0.2) ? GIVEN_FEMALE : GIVEN_MALE;
  const first = pick(rng, chars);
  if (chance(rng, 0.3)) return surname(rng) + first;
  let second = pick(rng, chars);
  while (second === first) second = pick(rng, chars);
  return surname(rng) + first + second;
}

/**
 * Hands out person names that are unique across the whole data set, so that the same name on two
 * lists can only mean the same (fictional) person and a search by name finds one leader.
 */
export class NameBook {
  private readonly used = new Set<string>();

  person(rng: Rng): string {
    for (;;) {
      const name = rawPersonName(rng);
      if (!this.used.has(name) && !REFUSED.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}

// Place-name elements of Gannan villages: terrain words (坑, 坝, 岭, 排, 陂, 坳, 岽 …) after a
// modifier, or a lineage name with 屋/坊, which is how Hakka settlements are usually named.
const PLACE_MODIFIERS = [
  ...'上下大小新老高长东西南北中石黄白龙凤竹杨梅松樟柏桃罗刘钟谢曾赖温廖丰太和安平兴富田水青清红金银鹅鹤马牛虎狮岗湖潭塘溪江坪',
];
const PLACE_FEATURES = [...'坑坝岭背排塘圩陂坳田坪岗洞寨山口头下湾溪江桥源垄埠湖坊心岽窝洲石林潭迳'];
const POSITION_PREFIXES = [...'上下大小新老东西南北'];
// After a position prefix the modifier must be a noun-like element, or names like 小老心 appear.
const NOUN_MODIFIERS = PLACE_MODIFIERS.filter((c) => !'上下大小新老高长东西南北中'.includes(c));
const LINEAGES = [...'刘钟曾谢赖温廖黄陈李罗邱肖杨朱徐胡叶蔡卢'];
const LINEAGE_SUFFIXES = [...'屋坊'];
const COMMUNITY_WORDS =
  '和平 建设 解放 新华 文化 人民 光明 东门 西门 南门 北门 红旗 阳光 滨江 朝阳 幸福 团结 胜利 新城 复兴 城南 城北 城东 城西 站前 花园 翠微 金桥 锦绣 康乐 文昌 青年 育才 迎宾 龙泉 江湾 华林 长征 桥东 河西'.split(
    ' ',
  );

/** Base of a village name, without the 村 suffix: 潭口, 塘背, 上石坑, 刘屋 … */
export function villageBase(rng: Rng): string {
  const r = rng();
  if (r < 0.15) return pick(rng, LINEAGES) + pick(rng, LINEAGE_SUFFIXES);
  const withPosition = r < 0.4;
  const mod = pick(rng, withPosition ? NOUN_MODIFIERS : PLACE_MODIFIERS);
  let feat = pick(rng, PLACE_FEATURES);
  while (feat === mod || POSITION_PREFIXES.includes(feat)) feat = pick(rng, PLACE_FEATURES);
  return withPosition ? pick(rng, POSITION_PREFIXES) + mod + feat : mod + feat;
}

/** Base of an urban community name, without the 社区 suffix. */
export function communityBase(rng: Rng): string {
  return pick(rng, COMMUNITY_WORDS);
}
