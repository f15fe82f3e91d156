/**
 * China's official holiday calendar and working-day arithmetic (domain.md §4: every deadline is
 * counted in working days or calendar days with a holiday calendar the office maintains).
 *
 * Dates are ISO `yyyy-mm-dd` strings naming a calendar day of the office (Asia/Shanghai). They are
 * turned into whole day numbers in UTC and back, never through the local time zone, so a server in
 * another zone or a DST change cannot shift a legal deadline by a day.
 */

// The day arithmetic lives in common/dates.ts (one date module for the whole product); it is
// re-exported here so rules written against the calendar keep one import.
import { addCalendarDays, assertInteger, dayNumber, fromDayNumber, isIsoDate, isWeekend } from '../common/dates.ts';

export { addCalendarDays, addMonths, dayOfWeek, daysBetween, isIsoDate, isWeekend } from '../common/dates.ts';

export type THolidayKind = 'holiday' | 'workday';
export interface THolidayEntry {
  date: string;
  kind: THolidayKind;
  name: string;
}

/**
 * One holiday of a State Council notice: the days off from `from` to `to` inclusive and the
 * weekend days made working days (调休上班) to pay for them.
 */
type TBlock = readonly [name: string, from: string, to: string, workdays?: readonly string[]];

/**
 * The arrangements of the 国务院办公厅 notices on 部分节假日安排, by the year they are for.
 *
 * A block holds every day off in a row, weekend days included: where a notice says "1月1日放假，与周末
 * 连休" the block is the three days people have off, so a calendar shows the whole holiday. Working-day
 * arithmetic is the same either way, since weekend days are off anyway.
 *
 * A 元旦 block may start in December of the year before (e.g. 2019's: 2018-12-30 to 2019-01-01, with
 * 2018-12-29 a working Saturday); it belongs to the notice of the year it is named for.
 *
 * Sources, by notice date: 2016 (2015-12), 2017 (2016-12), 2018 (2017-11), 2019 (2018-12; 劳动节
 * revised 2019-03 to four days), 2020 (2019-11; 春节 extended by the notice of 2020-01-27 for the
 * epidemic to 02-02, which also cancelled the working Saturday 02-01), 2021 (2020-11), 2022 (2021-10),
 * 2023 (2022-12), 2024 (2023-10), 2025 (2024-11, the first under the revised 《全国年节及纪念日放假
 * 办法》: 春节 four statutory days, 劳动节 two), 2026 (2025-11).
 *
 * Later years are added here when their notice is published; until then an office enters them as
 * its own entries (buildCalendar's overrides).
 */
const ARRANGEMENTS: Readonly<Record<number, readonly TBlock[]>> = {
  2016: [
    ['元旦', '2016-01-01', '2016-01-03'],
    ['春节', '2016-02-07', '2016-02-13', ['2016-02-06', '2016-02-14']],
    ['清明节', '2016-04-02', '2016-04-04'],
    ['劳动节', '2016-04-30', '2016-05-02'],
    ['端午节', '2016-06-09', '2016-06-11', ['2016-06-12']],
    ['中秋节', '2016-09-15', '2016-09-17', ['2016-09-18']],
    ['国庆节', '2016-10-01', '2016-10-07', ['2016-10-08', '2016-10-09']],
  ],
  2017: [
    ['元旦', '2016-12-31', '2017-01-02'],
    ['春节', '2017-01-27', '2017-02-02', ['2017-01-22', '2017-02-04']],
    ['清明节', '2017-04-02', '2017-04-04', ['2017-04-01']],
    ['劳动节', '2017-04-29', '2017-05-01'],
    ['端午节', '2017-05-28', '2017-05-30', ['2017-05-27']],
    ['中秋节、国庆节', '2017-10-01', '2017-10-08', ['2017-09-30']],
  ],
  2018: [
    ['元旦', '2017-12-30', '2018-01-01'],
    ['春节', '2018-02-15', '2018-02-21', ['2018-02-11', '2018-02-24']],
    ['清明节', '2018-04-05', '2018-04-07', ['2018-04-08']],
    ['劳动节', '2018-04-29', '2018-05-01', ['2018-04-28']],
    ['端午节', '2018-06-16', '2018-06-18'],
    ['中秋节', '2018-09-22', '2018-09-24'],
    ['国庆节', '2018-10-01', '2018-10-07', ['2018-09-29', '2018-09-30']],
  ],
  2019: [
    ['元旦', '2018-12-30', '2019-01-01', ['2018-12-29']],
    ['春节', '2019-02-04', '2019-02-10', ['2019-02-02', '2019-02-03']],
    ['清明节', '2019-04-05', '2019-04-07'],
    ['劳动节', '2019-05-01', '2019-05-04', ['2019-04-28', '2019-05-05']],
    ['端午节', '2019-06-07', '2019-06-09'],
    ['中秋节', '2019-09-13', '2019-09-15'],
    ['国庆节', '2019-10-01', '2019-10-07', ['2019-09-29', '2019-10-12']],
  ],
  2020: [
    ['元旦', '2020-01-01', '2020-01-01'],
    ['春节', '2020-01-24', '2020-02-02', ['2020-01-19']],
    ['清明节', '2020-04-04', '2020-04-06'],
    ['劳动节', '2020-05-01', '2020-05-05', ['2020-04-26', '2020-05-09']],
    ['端午节', '2020-06-25', '2020-06-27', ['2020-06-28']],
    ['国庆节、中秋节', '2020-10-01', '2020-10-08', ['2020-09-27', '2020-10-10']],
  ],
  2021: [
    ['元旦', '2021-01-01', '2021-01-03'],
    ['春节', '2021-02-11', '2021-02-17', ['2021-02-07', '2021-02-20']],
    ['清明节', '2021-04-03', '2021-04-05'],
    ['劳动节', '2021-05-01', '2021-05-05', ['2021-04-25', '2021-05-08']],
    ['端午节', '2021-06-12', '2021-06-14'],
    ['中秋节', '2021-09-19', '2021-09-21', ['2021-09-18']],
    ['国庆节', '2021-10-01', '2021-10-07', ['2021-09-26', '2021-10-09']],
  ],
  2022: [
    ['元旦', '2022-01-01', '2022-01-03'],
    ['春节', '2022-01-31', '2022-02-06', ['2022-01-29', '2022-01-30']],
    ['清明节', '2022-04-03', '2022-04-05', ['2022-04-02']],
    ['劳动节', '2022-04-30', '2022-05-04', ['2022-04-24', '2022-05-07']],
    ['端午节', '2022-06-03', '2022-06-05'],
    ['中秋节', '2022-09-10', '2022-09-12'],
    ['国庆节', '2022-10-01', '2022-10-07', ['2022-10-08', '2022-10-09']],
  ],
  2023: [
    ['元旦', '2022-12-31', '2023-01-02'],
    ['春节', '2023-01-21', '2023-01-27', ['2023-01-28', '2023-01-29']],
    ['清明节', '2023-04-05', '2023-04-05'],
    ['劳动节', '2023-04-29', '2023-05-03', ['2023-04-23', '2023-05-06']],
    ['端午节', '2023-06-22', '2023-06-24', ['2023-06-25']],
    ['中秋节、国庆节', '2023-09-29', '2023-10-06', ['2023-10-07', '2023-10-08']],
  ],
  2024: [
    ['元旦', '2023-12-30', '2024-01-01'],
    ['春节', '2024-02-10', '2024-02-17', ['2024-02-04', '2024-02-18']],
    ['清明节', '2024-04-04', '2024-04-06', ['2024-04-07']],
    ['劳动节', '2024-05-01', '2024-05-05', ['2024-04-28', '2024-05-11']],
    ['端午节', '2024-06-08', '2024-06-10'],
    ['中秋节', '2024-09-15', '2024-09-17', ['2024-09-14']],
    ['国庆节', '2024-10-01', '2024-10-07', ['2024-09-29', '2024-10-12']],
  ],
  2025: [
    ['元旦', '2025-01-01', '2025-01-01'],
    ['春节', '2025-01-28', '2025-02-04', ['2025-01-26', '2025-02-08']],
    ['清明节', '2025-04-04', '2025-04-06'],
    ['劳动节', '2025-05-01', '2025-05-05', ['2025-04-27']],
    ['端午节', '2025-05-31', '2025-06-02'],
    ['国庆节、中秋节', '2025-10-01', '2025-10-08', ['2025-09-28', '2025-10-11']],
  ],
  2026: [
    ['元旦', '2026-01-01', '2026-01-03', ['2026-01-04']],
    ['春节', '2026-02-15', '2026-02-23', ['2026-02-14', '2026-02-28']],
    ['清明节', '2026-04-04', '2026-04-06'],
    ['劳动节', '2026-05-01', '2026-05-05', ['2026-05-09']],
    ['端午节', '2026-06-19', '2026-06-21'],
    ['中秋节', '2026-09-25', '2026-09-27'],
    ['国庆节', '2026-10-01', '2026-10-07', ['2026-09-20', '2026-10-10']],
  ],
};

/** The years OFFICIAL_CALENDAR covers, first and last. */
export const OFFICIAL_CALENDAR_YEARS = { from: 2016, to: 2026 } as const;

function expand(arrangements: Readonly<Record<number, readonly TBlock[]>>): THolidayEntry[] {
  const out: THolidayEntry[] = [];
  for (const blocks of Object.values(arrangements)) {
    for (const [name, from, to, workdays = []] of blocks) {
      for (let d = from; d <= to; d = addCalendarDays(d, 1)) out.push({ date: d, kind: 'holiday', name });
      for (const w of workdays) out.push({ date: w, kind: 'workday', name: `${name}调休上班` });
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Every day off (法定节假日 with the weekend days joined to it) and every working weekend day (调休上班)
 * of the State Council notices for 2016–2026, sorted by date. Frozen: it is shared by every caller.
 */
export const OFFICIAL_CALENDAR: readonly Readonly<THolidayEntry>[] = Object.freeze(
  expand(ARRANGEMENTS).map((e) => Object.freeze(e)),
);

export interface TCalendar {
  holidays: Set<string>;
  workdays: Set<string>;
}

/**
 * A calendar from entries (normally OFFICIAL_CALENDAR) and the office's own entries. An override
 * wins over any entry for the same date, because the office knows of local arrangements and of
 * notices published after this code. A later entry for the same date wins over an earlier one.
 */
export function buildCalendar(
  entries: readonly { date: string; kind: THolidayKind }[],
  overrides: readonly { date: string; kind: THolidayKind }[] = [],
): TCalendar {
  const cal: TCalendar = { holidays: new Set(), workdays: new Set() };
  for (const e of [...entries, ...overrides]) {
    if (!isIsoDate(e.date)) throw new RangeError(`日期格式应为 YYYY-MM-DD 且为有效日期：${String(e.date)}`);
    if (e.kind === 'holiday') {
      cal.workdays.delete(e.date);
      cal.holidays.add(e.date);
    } else {
      cal.holidays.delete(e.date);
      cal.workdays.add(e.date);
    }
  }
  return cal;
}

/** Weekends are off unless made a 调休 working day; holidays are off. A date in both sets is off. */
export function isWorkingDay(date: string, cal: TCalendar): boolean {
  if (cal.holidays.has(date)) return false;
  if (cal.workdays.has(date)) return true;
  return !isWeekend(date);
}

/**
 * The working day `n` working days after `date` (the date itself not counted), or for negative `n`
 * the one `|n|` working days before it. `n = 0` gives `date` when it is a working day, else the next
 * working day: a deadline "on" a day off moves to the next day the office is open.
 */
export function addWorkingDays(date: string, n: number, cal: TCalendar): string {
  assertInteger(n, '工作日数');
  let day = dayNumber(date);
  const working = (d: number) => isWorkingDay(fromDayNumber(d), cal);
  // Each step lands on a working day (at most |n|), a holiday (at most one per entry) or a plain
  // weekend day (at most two in a row between the others), so 3·(|n| + holidays + 1) steps always
  // suffice. The check is a safety net: a future change here must not turn a bug into an endless loop.
  let budget = 3 * (Math.abs(n) + cal.holidays.size + 1) + 7;
  const step = () => {
    if (--budget < 0) throw new RangeError('节假日设置有误：找不到工作日');
  };
  if (n === 0) {
    while (!working(day)) {
      step();
      day++;
    }
    return fromDayNumber(day);
  }
  const dir = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  while (left > 0) {
    step();
    day += dir;
    if (working(day)) left--;
  }
  return fromDayNumber(day);
}

/**
 * Working days in (from, to]: the count addWorkingDays(from, n) needs to reach `to` (0 when to ≤ from).
 * Counted without walking the days: the weekdays of the range, less the holidays that fall on a
 * weekday, plus the 调休 working weekends. A ledger page labels every task with its working days
 * left, and an overdue task may be years past its deadline (a day-by-day count of 20 such rows took
 * tens of milliseconds); the property test holds it to the day-by-day count.
 */
export function workingDaysBetween(from: string, to: string, cal: TCalendar): number {
  const a = dayNumber(from) + 1;
  const b = dayNumber(to);
  if (b < a) return 0;
  const { off, on } = exceptionsOf(cal);
  return weekdaysIn(a, b) - countIn(off, a, b) + countIn(on, a, b);
}

/** Weekdays among the day numbers a..b (day 0, 1970-01-01, was a Thursday). */
function weekdaysIn(a: number, b: number): number {
  const total = b - a + 1;
  let weekend = Math.floor(total / 7) * 2;
  for (let d = a + total - (total % 7); d <= b; d++) {
    const dow = (((d + 4) % 7) + 7) % 7;
    if (dow === 0 || dow === 6) weekend++;
  }
  return total - weekend;
}

/** How many of the sorted numbers fall within a..b. */
function countIn(sorted: readonly number[], a: number, b: number): number {
  const firstAtLeast = (x: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return firstAtLeast(b + 1) - firstAtLeast(a);
}

/**
 * A calendar's departures from the plain week, as sorted day numbers: holidays on weekdays (off)
 * and working weekends that are not also holidays (on). Kept per calendar object; a calendar is
 * not changed once built (buildCalendar), and the sizes guard against one that was.
 */
const exceptions = new WeakMap<TCalendar, { off: number[]; on: number[]; sizes: string }>();
function exceptionsOf(cal: TCalendar): { off: number[]; on: number[] } {
  const sizes = `${cal.holidays.size}/${cal.workdays.size}`;
  const known = exceptions.get(cal);
  if (known && known.sizes === sizes) return known;
  const off = [...cal.holidays].filter((d) => !isWeekend(d)).map(dayNumber);
  const on = [...cal.workdays].filter((d) => isWeekend(d) && !cal.holidays.has(d)).map(dayNumber);
  const made = { off: off.sort((x, y) => x - y), on: on.sort((x, y) => x - y), sizes };
  exceptions.set(cal, made);
  return made;
}
