import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { idCheckChar } from '../../packages/domain/src/auditlink/idno.ts';
import { prng } from '../lib.ts';

/**
 * Synthetic tables for the 巡审贯通 benchmark, shaped like a county's 民政 data: a year's monthly
 * subsidy payments and the death register, with a few dozen planted anomalies the rules must find.
 * Deterministic (seeded), so every run measures the same data.
 */

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红梅志玉春德福生荣'];
const TOWNS = ['梅林镇', '唐江镇', '嘉定镇', '贡江镇', '水南镇', '江口镇', '沙石镇', '湖江镇', '五云镇', '大埠乡'];
const PROJECTS: [string, number, number][] = [
  ['城乡低保', 0.6, 52000],
  ['特困供养', 0.15, 98000],
  ['高龄津贴', 0.15, 10000],
  ['残疾人两项补贴', 0.1, 9000],
];
/** Months paid: January to May 2024; payments on the 10th to the 15th. */
export const MONTHS = ['01', '02', '03', '04', '05'];

export interface Planted {
  /** People paid after their death (deceasedRecipients with default params): idNo → late payments. */
  deceased: Map<string, number>;
  /** idNo|project|period paid twice. */
  duplicates: Set<string>;
  /** Payment rows with an invalid 身份证号. */
  invalidIds: number;
}

export interface Generated {
  payments: string;
  deaths: string;
  paymentRows: number;
  deathRows: number;
  planted: Planted;
}

function makeIds(rand: () => number) {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return (minYear: number, maxYear: number): string => {
    const area = `3607${pad(1 + Math.floor(rand() * 30), 2)}`;
    const y = minYear + Math.floor(rand() * (maxYear - minYear + 1));
    const body = `${area}${y}${pad(1 + Math.floor(rand() * 12), 2)}${pad(1 + Math.floor(rand() * 28), 2)}${pad(Math.floor(rand() * 1000), 3)}`;
    return body + idCheckChar(body);
  };
}

async function writeLines(
  file: string,
  header: string,
  rows: (emit: (line: string) => Promise<void>) => Promise<void>,
) {
  const out = fs.createWriteStream(file);
  let buf = `${header}\n`;
  const emit = async (line: string) => {
    buf += `${line}\n`;
    if (buf.length >= 1 << 16) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  };
  await rows(emit);
  out.end(buf);
  await new Promise<void>((r) => out.on('finish', () => r()));
}

/** Writes payments.csv (≈2,000,000 rows, ≈150 MB) and deaths.csv (≈2,000,000 rows) into `dir`. */
export async function generate(
  dir: string,
  paymentRows = 2_000_000,
  deathRows = 2_000_000,
  seed = 20240531,
): Promise<Generated> {
  const rand = prng(seed);
  const id = makeIds(rand);
  const name = () =>
    (SURNAMES[Math.floor(rand() * SURNAMES.length)] as string) +
    (GIVEN[Math.floor(rand() * GIVEN.length)] as string) +
    (rand() < 0.6 ? (GIVEN[Math.floor(rand() * GIVEN.length)] as string) : '');
  const persons = Math.floor(paymentRows / MONTHS.length);
  const people: { id: string; name: string; project: number; town: string }[] = [];
  const seen = new Set<string>();
  while (people.length < persons) {
    const p = id(1930, 2005);
    if (seen.has(p)) continue;
    seen.add(p);
    const r = rand();
    let acc = 0;
    let project = 0;
    for (const [i, [, share]] of PROJECTS.entries()) {
      acc += share;
      if (r < acc) {
        project = i;
        break;
      }
    }
    people.push({ id: p, name: name(), project, town: TOWNS[Math.floor(rand() * TOWNS.length)] as string });
  }

  const planted: Planted = { deceased: new Map(), duplicates: new Set(), invalidIds: 0 };
  // Deaths of recipients: [person index, death date, late payments expected with default params].
  const recipientDeaths: [number, string, number][] = [];
  for (let k = 0; k < 24; k++)
    recipientDeaths.push([k * 997 + 11, `2024-02-${String(3 + (k % 20)).padStart(2, '0')}`, 3]);
  for (let k = 0; k < 8; k++) recipientDeaths.push([k * 1499 + 40_000, `2023-${String(3 + k).padStart(2, '0')}-15`, 5]);
  // Died on a pay day in March: March (same month, same day) is not a hit, April and May are.
  for (let k = 0; k < 4; k++) recipientDeaths.push([k * 2003 + 80_000, '2024-03-12', 2]);
  // Died in May, or after the last payment: no hit.
  for (let k = 0; k < 6; k++) recipientDeaths.push([k * 2503 + 120_000, '2024-05-03', 0]);
  for (let k = 0; k < 200; k++) recipientDeaths.push([k * 307 + 150_000, '2024-06-18', 0]);
  for (const [i, , late] of recipientDeaths)
    if (late > 0) planted.deceased.set((people[i % persons] as { id: string }).id, late);

  const duplicated = new Set<number>();
  for (let k = 0; k < 12; k++) duplicated.add(k * 4999 + 7);
  const invalidAt = new Set<number>();
  for (let k = 0; k < 20; k++) invalidAt.add(k * 95_713 + 123);

  const payments = `${dir}/payments.csv`;
  let written = 0;
  await writeLines(payments, '身份证号,姓名,补贴项目,发放金额,发放日期,发放月份,所属乡镇', async (emit) => {
    for (const [m, month] of MONTHS.entries()) {
      for (const [i, p] of people.entries()) {
        const [project, , cents] = PROJECTS[p.project] as [string, number, number];
        const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        const day = String(10 + (i % 6)).padStart(2, '0');
        let idNo = p.id;
        if (m === 0 && invalidAt.has(i)) {
          idNo = p.id.slice(0, 17) + (p.id[17] === '0' ? '1' : '0');
          planted.invalidIds++;
        }
        await emit(`${idNo},${p.name},${project},${amount},2024-${month}-${day},2024${month},${p.town}`);
        written++;
        if (m === 2 && duplicated.has(i)) {
          await emit(`${p.id},${p.name},${project},${amount},2024-${month}-28,2024${month},${p.town}`);
          planted.duplicates.add(`${p.id}|${project}|2024-${month}`);
          written++;
        }
      }
    }
  });

  const deaths = `${dir}/deaths.csv`;
  let deathsWritten = 0;
  await writeLines(deaths, '公民身份号码,姓名,死亡日期,注销原因,户籍地', async (emit) => {
    for (const [i, date] of recipientDeaths) {
      const p = people[i % persons] as { id: string; name: string; town: string };
      await emit(`${p.id},${p.name},${date},死亡,${p.town}`);
      deathsWritten++;
    }
    while (deathsWritten < deathRows) {
      const d = `${2015 + Math.floor(rand() * 9)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
      let p = id(1915, 1990);
      while (seen.has(p)) p = id(1915, 1990);
      await emit(`${p},${name()},${d},死亡,${TOWNS[deathsWritten % TOWNS.length]}`);
      deathsWritten++;
    }
  });
  return { payments, deaths, paymentRows: written, deathRows: deathsWritten, planted };
}

/**
 * generate() in a child process: the strings of two million rows would otherwise stay in this
 * process's RSS and hide what an upload adds to it.
 */
export function generateApart(dir: string, paymentRows: number, deathRows: number): Generated {
  const script = `import { generate } from ${JSON.stringify(path.join(import.meta.dirname, 'generate.ts'))};
const g = await generate(${JSON.stringify(dir)}, ${paymentRows}, ${deathRows});
process.stdout.write(JSON.stringify({ ...g, planted: { ...g.planted, deceased: [...g.planted.deceased], duplicates: [...g.planted.duplicates] } }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const g = JSON.parse(out) as Omit<Generated, 'planted'> & {
    planted: { deceased: [string, number][]; duplicates: string[]; invalidIds: number };
  };
  return {
    ...g,
    planted: {
      deceased: new Map(g.planted.deceased),
      duplicates: new Set(g.planted.duplicates),
      invalidIds: g.planted.invalidIds,
    },
  };
}
