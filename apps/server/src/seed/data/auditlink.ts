/**
 * Demo data of 巡审贯通 (issue 14) for the inspection the demo team works on site: the tables the
 * city's 审计局 handed the team — two years of 城乡低保 and 特困供养 payments from 市民政局, the death
 * register (公安户籍注销 and 殡葬火化), and the payroll of the city's education system (the inspected
 * unit among them) — with planted anomalies: people paid for months after their death, staff on the
 * public payroll drawing 低保, payments made twice for one month, and rows with broken 身份证号.
 * `buildDemoAuditLink` is pure and deterministic (the same input gives the same files);
 * `seedAuditLink` reads the files in, runs three comparisons and makes two working papers of one
 * run's hits, as the team would, through the module's and the fieldwork's front doors. People are
 * fictional.
 */
import { idCheckChar, permissionsOf, type TGrant, type TRole, ZRunCreate } from '@xc/domain';
import { sql } from 'drizzle-orm';
import { closeAuditLink, createRun, hitsToPaper, ingestDataset, runtimeOf } from '../../modules/auditlink/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { type Db, rowsOf } from '../../platform/db.ts';
import { FieldCipher, type KeyRing } from '../../platform/keys.ts';
import { chance, intBetween, NameBook, pick, type Rng, rngFor } from './names.ts';

const SEED = 20_251_106;

/** The counties and districts of 赣州, with their 身份证号 area codes. */
const COUNTIES: readonly (readonly [string, string])[] = [
  ['章贡区', '360702'],
  ['南康区', '360703'],
  ['赣县区', '360704'],
  ['信丰县', '360722'],
  ['大余县', '360723'],
  ['上犹县', '360724'],
  ['崇义县', '360725'],
  ['安远县', '360726'],
  ['定南县', '360728'],
  ['全南县', '360729'],
  ['宁都县', '360730'],
  ['于都县', '360731'],
  ['兴国县', '360732'],
  ['会昌县', '360733'],
  ['寻乌县', '360734'],
  ['石城县', '360735'],
  ['瑞金市', '360781'],
  ['龙南市', '360783'],
];
const TOWN_WORDS = [...'梅林唐江沙石水南江口湖江五云大埠潭口龙回茅店长洛田村白鹭黄塘'];
const CATEGORIES = [
  ['农村低保', 0.6, 520, 1500],
  ['城市低保', 0.25, 750, 2400],
  ['特困供养', 0.15, 1100, 1350],
] as const;
/** January 2024 to December 2025. */
const MONTHS = 24;
const month = (i: number) => `${2024 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`;
const day = (m: number, d: number) => `${month(m).slice(0, 4)}-${month(m).slice(4)}-${String(d).padStart(2, '0')}`;

export interface DemoAuditLinkFiles {
  payments: { name: string; text: string; rows: number };
  deaths: { name: string; text: string; rows: number };
  payroll: { name: string; text: string; rows: number };
  planted: {
    /** People paid after their death, with the late payments. */
    deceased: number;
    /** Payroll staff drawing 低保 or 特困供养, of the inspected unit and of other units. */
    staffAtTarget: number;
    staffElsewhere: number;
    duplicates: number;
    invalidIds: number;
  };
}

interface Person {
  name: string;
  gender: '男' | '女';
  idNo: string;
  birth: string;
}

function people(rng: Rng, book: NameBook, used: Set<string>) {
  return (minYear: number, maxYear: number, area?: string): Person => {
    for (;;) {
      const a = area ?? (pick(rng, COUNTIES)[1] as string);
      const y = intBetween(rng, minYear, maxYear);
      const birth = `${y}${String(intBetween(rng, 1, 12)).padStart(2, '0')}${String(intBetween(rng, 1, 28)).padStart(2, '0')}`;
      const seq = intBetween(rng, 0, 999);
      const body = `${a}${birth}${String(seq).padStart(3, '0')}`;
      if (used.has(body)) continue;
      used.add(body);
      const gender = seq % 2 === 1 ? '男' : '女';
      return { name: book.person(rng), gender, idNo: body + idCheckChar(body), birth };
    }
  };
}

/** Death dates as the two sources write them: 公安 2024-03-05 or 20240305, 殡葬 2024年3月5日 or 2024/3/5. */
function deathText(rng: Rng, iso: string): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  const r = rng();
  if (r < 0.55) return iso;
  if (r < 0.75) return `${y}${m}${d}`;
  if (r < 0.9) return `${y}年${Number(m)}月${Number(d)}日`;
  return `${y}/${Number(m)}/${Number(d)}`;
}

/** A 身份证号 as the death register holds it: some old records keep the 15-digit number, some a lower-case x or a space. */
function registerId(rng: Rng, p: Person): string {
  if (p.birth < '19600101' && chance(rng, 0.3)) return p.idNo.slice(0, 6) + p.idNo.slice(8, 17);
  if (p.idNo.endsWith('X') && chance(rng, 0.5)) return p.idNo.toLowerCase();
  if (chance(rng, 0.03)) return `${p.idNo.slice(0, 6)} ${p.idNo.slice(6)}`;
  return p.idNo;
}

const csvLine = (cells: (string | number)[]) =>
  cells.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replaceAll('"', '""')}"` : String(c))).join(',');

/**
 * The three files for an inspection of `targetName` by a team of `cityName`'s office. `otherUnits`
 * are the other units of the education system on the payroll.
 */
export function buildDemoAuditLink(opts: {
  targetName: string;
  otherUnits: readonly string[];
  recipients?: number;
}): DemoAuditLinkFiles {
  const rng = rngFor(SEED, 'auditlink');
  const book = new NameBook();
  const used = new Set<string>();
  const person = people(rng, book, used);
  const n = opts.recipients ?? 11_000;

  // ---------------------------------------------------------------- 低保 and 特困供养 recipients
  interface Recipient {
    p: Person;
    county: string;
    town: string;
    category: string;
    household: number;
    amount: number;
    from: number;
    to: number;
    death?: string;
    /** Months paid after the death (planted). */
    late?: number;
    /** A month paid twice (planted). */
    twice?: number;
  }
  const recipients: Recipient[] = [];
  for (let i = 0; i < n; i++) {
    const [county, area] = pick(rng, COUNTIES);
    const draw = rng();
    let below = 0;
    const cat =
      CATEGORIES.find((c) => {
        below += c[1];
        return draw < below;
      }) ?? CATEGORIES[0];
    const household = cat[0] === '特困供养' ? 1 : intBetween(rng, 1, 4);
    const perHead = intBetween(rng, cat[2], cat[3]);
    const from = chance(rng, 0.3) ? intBetween(rng, 1, 12) : 0;
    const to = chance(rng, 0.1) ? intBetween(rng, from + 1, MONTHS - 1) : MONTHS - 1;
    recipients.push({
      p: person(cat[0] === '特困供养' ? 1935 : 1940, cat[0] === '特困供养' ? 1965 : 1995, area),
      county,
      town: `${pick(rng, TOWN_WORDS)}${pick(rng, TOWN_WORDS)}${chance(rng, 0.8) ? '镇' : '乡'}`,
      category: cat[0],
      household,
      amount: Math.min(perHead * household, cat[0] === '特困供养' ? perHead : 2400) * 100,
      from,
      to,
    });
  }
  // About 3 % of the recipients die in the period; payments stop after the month of death, except
  // for the planted ones, paid for 2 to 8 more months.
  const deceasedPlanted = 26;
  let planted = 0;
  for (const r of recipients) {
    if (!chance(rng, 0.03) || r.to - r.from < 6) continue;
    const m = intBetween(rng, r.from + 1, Math.min(r.to, 20));
    r.death = day(m, intBetween(rng, 1, 28));
    if (planted < deceasedPlanted) {
      r.late = intBetween(rng, 2, 8);
      r.to = Math.min(MONTHS - 1, m + r.late);
      r.late = r.to - m;
      planted++;
    } else r.to = m;
  }
  const alive = recipients.filter((r) => !r.death);
  const duplicates = 12;
  for (let i = 0; i < duplicates; i++) {
    const r = alive[(i * 397 + 11) % alive.length] as Recipient;
    r.twice = intBetween(rng, r.from, r.to);
  }

  // ---------------------------------------------------------------- payments
  const payHead = [
    '序号',
    '县（市、区）',
    '乡镇（街道）',
    '户主姓名',
    '身份证号码',
    '救助类别',
    '保障人口',
    '发放金额',
    '发放日期',
    '所属期',
  ];
  const lines: string[] = [csvLine(payHead)];
  const payDay = new Map<string, number>();
  // A few recipients' first row has a number typed wrong or mangled by Excel: reported as invalid, not dropped.
  const badIds = new Map<number, string>();
  for (let i = 0; i < 9; i++) {
    const k = (i * 1231 + 7) % recipients.length;
    const id = (recipients[k] as Recipient).p.idNo;
    badIds.set(
      k,
      i % 3 === 0
        ? `${id.slice(0, 10)}${(Number(id[10]) + 1) % 10}${id.slice(11)}`
        : i % 3 === 1
          ? id.slice(0, 16)
          : `${id.slice(0, 1)}.${id.slice(1, 6)}E+17`,
    );
  }
  let seq = 0;
  for (let m = 0; m < MONTHS; m++)
    for (const [k, r] of recipients.entries()) {
      if (m < r.from || m > r.to) continue;
      const key = `${r.county}|${m}`;
      if (!payDay.has(key)) payDay.set(key, intBetween(rng, 8, 15));
      const times = r.twice === m ? 2 : 1;
      for (let t = 0; t < times; t++) {
        const id = m === r.from && t === 0 ? (badIds.get(k) ?? r.p.idNo) : r.p.idNo;
        lines.push(
          csvLine([
            ++seq,
            r.county,
            r.town,
            r.p.name,
            id,
            r.category,
            r.household,
            (r.amount / 100).toFixed(2),
            day(m, t ? Math.min(28, (payDay.get(key) as number) + 12) : (payDay.get(key) as number)),
            month(m),
          ]),
        );
      }
    }
  const invalidIds = badIds.size;

  // ---------------------------------------------------------------- the death register
  const deathRows: { date: string; cells: (string | number)[] }[] = [];
  const SOURCES = ['公安户籍注销', '殡葬火化'];
  const addDeath = (p: Person, date: string) =>
    deathRows.push({
      date,
      cells: [p.name, p.gender, registerId(rng, p), deathText(rng, date), '死亡注销', pick(rng, SOURCES)],
    });
  for (const r of recipients) if (r.death) addDeath(r.p, r.death);
  for (let i = 0; i < 48_000; i++) {
    const p = person(1925, 2000);
    addDeath(p, day(intBetween(rng, 0, MONTHS - 1), intBetween(rng, 1, 28)));
  }
  deathRows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const deathLines = [csvLine(['姓名', '性别', '公民身份号码', '死亡日期', '注销原因', '信息来源'])];
  for (const d of deathRows) deathLines.push(csvLine(d.cells));

  // ---------------------------------------------------------------- the payroll of the education system
  const POSTS = ['专任教师', '专任教师', '专任教师', '班主任', '教研组长', '后勤管理', '财务人员', '行政管理'];
  const payroll: (string | number)[][] = [];
  const units = [opts.targetName, ...opts.otherUnits];
  for (let i = 0; i < 5_200; i++) {
    const p = person(1965, 2000);
    const unit = i < 260 ? opts.targetName : (pick(rng, units) as string);
    payroll.push([
      unit,
      p.name,
      p.gender,
      p.idNo,
      pick(rng, POSTS),
      '在编在岗',
      chance(rng, 0.9) ? '事业编制' : '行政编制',
    ]);
  }
  // Staff on the payroll who also draw 低保 or 特困供养: four of the inspected unit, twelve elsewhere.
  const drawing = alive.filter((r) => r.category !== '特困供养' && r.p.birth > '19650101');
  const staffAtTarget = 4;
  const staffElsewhere = 12;
  for (let i = 0; i < staffAtTarget + staffElsewhere; i++) {
    const r = drawing[(i * 613 + 5) % drawing.length] as Recipient;
    const unit = i < staffAtTarget ? opts.targetName : (opts.otherUnits[i % opts.otherUnits.length] ?? opts.targetName);
    payroll.splice(intBetween(rng, 0, payroll.length), 0, [
      unit,
      r.p.name,
      r.p.gender,
      r.p.idNo,
      pick(rng, POSTS),
      '在编在岗',
      '事业编制',
    ]);
  }
  const payrollLines = [csvLine(['单位名称', '姓名', '性别', '身份证号', '岗位', '人员状态', '编制类型'])];
  for (const row of payroll) payrollLines.push(csvLine(row));

  return {
    payments: {
      name: '赣州市2024—2025年城乡低保及特困供养资金发放明细（市民政局）.csv',
      text: `${lines.join('\n')}\n`,
      rows: lines.length - 1,
    },
    deaths: {
      name: '赣州市2024—2025年死亡人员信息（公安户籍注销、殡葬火化）.csv',
      text: `${deathLines.join('\n')}\n`,
      rows: deathLines.length - 1,
    },
    payroll: {
      name: '市直教育系统财政供养人员名单（2025年12月）.csv',
      text: `${payrollLines.join('\n')}\n`,
      rows: payrollLines.length - 1,
    },
    planted: { deceased: planted, staffAtTarget, staffElsewhere, duplicates, invalidIds },
  };
}

/** The bytes of a text in slices, as an upload arrives. */
async function* chunks(text: string): AsyncGenerator<Buffer> {
  const buf = Buffer.from(text);
  for (let i = 0; i < buf.length; i += 1 << 20) yield buf.subarray(i, i + (1 << 20));
}

/**
 * Reads the demo files into the inspection the demo 组员 (team.member) works on site, runs
 * deceasedRecipients, publicServantRecipients and duplicatePayments, and turns the
 * publicServantRecipients hits into two working paper drafts: the inspected unit's own staff, and
 * the other units'. Runs inside the seed's transaction (`db`); the sealed files go to the data folder.
 */
export async function seedAuditLink(db: Db, o: { config: Config; keys: KeyRing; clock: Clock }): Promise<void> {
  const who = rowsOf<{ id: string; display_name: string; authority_id: string | null }>(
    await db.execute(sql`select id, display_name, authority_id from users where username = 'team.member'`),
  )[0];
  if (!who) return;
  const insp = rowsOf<{ id: string; target: string; authority_id: string }>(
    await db.execute(sql`
      select i.id, i.authority_id, o.name as target from inspections i
      join team_members tm on tm.team_id = i.team_id
      join inspectors p on p.id = tm.inspector_id
      join inspection_targets t on t.inspection_id = i.id and t.role = 'primary'
      join organizations o on o.id = t.org_id
      where p.user_id = ${who.id} and i.stage = 'onSite'
      order by i.entry_date, i.id limit 1`),
  )[0];
  if (!insp) return;
  const others = rowsOf<{ name: string }>(
    await db.execute(sql`
      select name from organizations
      where authority_id = ${insp.authority_id} and sector = (select sector from organizations where name = ${insp.target} limit 1)
        and name <> ${insp.target} and status = 'active' and kind = '市直单位'
      order by name limit 12`),
  ).map((r) => r.name);
  const files = buildDemoAuditLink({
    targetName: insp.target,
    otherUnits: others.length ? others : ['赣州市第三中学', '赣州市第四中学', '赣州市教育局'],
  });

  const grants = rowsOf<{
    id: string;
    role: TRole;
    scope_type: string;
    scope_id: string | null;
    include_children: boolean;
  }>(
    await db.execute(
      sql`select id, role, scope_type, scope_id, include_children from grants where user_id = ${who.id}`,
    ),
  );
  const roles = grants.map((g) => g.role);
  const actor: RequestCtx['actor'] = {
    userId: who.id,
    username: 'team.member',
    displayName: who.display_name,
    authorityId: who.authority_id,
    orgId: null,
    roles,
    grants: grants.map(
      (g): TGrant => ({
        id: g.id,
        userId: who.id,
        role: g.role,
        scopeType: g.scope_type as TGrant['scopeType'],
        scopeId: g.scope_id,
        includeChildren: g.include_children,
        scopeName: null,
        createdAt: o.clock.now().toISOString(),
      }),
    ),
    reach: grants.map((g) => ({
      role: g.role,
      system: false,
      authorityIds: g.scope_id ? [g.scope_id] : [],
      orgIds: [],
    })),
    permissions: permissionsOf(roles),
    mustChangePassword: false,
    passwordExpired: false,
    totpEnrolmentRequired: false,
    sessionHash: '',
    csrfToken: '',
    reauthAt: null,
  };
  const ctx: RequestCtx = { actor, requestId: 'seed', ip: null };
  // What the operations below read of the app's deps: the database, clock, keys and data folder.
  const deps = { config: o.config, db, clock: o.clock, keys: o.keys, cipher: new FieldCipher(o.keys) } as AppDeps;
  const runtime = runtimeOf(deps, { housekeeping: false });
  try {
    const read = async (f: { name: string; text: string }) =>
      (await ingestDataset(deps, ctx, insp.id, { name: f.name, source: chunks(f.text) })).id;
    const pay = await read(files.payments);
    const dth = await read(files.deaths);
    const roll = await read(files.payroll);
    const payments = {
      datasetId: pay,
      columns: {
        idNo: '身份证号码',
        name: '户主姓名',
        amount: '发放金额',
        payDate: '发放日期',
        project: '救助类别',
        period: '所属期',
      },
    };
    const spec = (rule: string, inputs: object) =>
      ZRunCreate.parse({ inspectionId: insp.id, rule, inputs, params: {} });
    await createRun(
      deps,
      ctx,
      spec('deceasedRecipients', {
        payments,
        deaths: { datasetId: dth, columns: { idNo: '公民身份号码', name: '姓名', deathDate: '死亡日期' } },
      }),
    );
    const servants = await createRun(
      deps,
      ctx,
      spec('publicServantRecipients', {
        payments,
        payroll: { datasetId: roll, columns: { idNo: '身份证号', name: '姓名', employer: '单位名称' } },
      }),
    );
    await createRun(deps, ctx, spec('duplicatePayments', { payments }));
    await runtime.idle();
    const hits = rowsOf<{ id: string; employer: string }>(
      await db.execute(
        sql`select id, measures->>'employer' as employer from audit_link_hits where run_id = ${servants.id} order by seq`,
      ),
    );
    const own = hits.filter((h) => h.employer === insp.target).map((h) => h.id);
    const elsewhere = hits.filter((h) => h.employer !== insp.target).map((h) => h.id);
    if (own.length) await hitsToPaper(deps, ctx, { hitIds: own, title: `${insp.target}在编人员违规享受城乡低保待遇` });
    if (elsewhere.length)
      await hitsToPaper(deps, ctx, { hitIds: elsewhere, title: '市直教育系统部分财政供养人员违规领取城乡低保资金' });
  } finally {
    await closeAuditLink(deps);
  }
}
