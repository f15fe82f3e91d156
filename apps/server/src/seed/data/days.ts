import { buildCalendar, OFFICIAL_CALENDAR } from '@xc/domain';

/**
 * Day arithmetic for the demo generators. Dates are UTC day numbers, never local time. The
 * domain's calendar functions validate every string, which is too slow for the thousands of
 * dates built here; the ISO texts of days are cached for the same reason.
 */
export const DAY_MS = 86_400_000;

export function toDay(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

const isoOfDay = new Map<number, string>();
export function toIso(day: number): string {
  let iso = isoOfDay.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoOfDay.set(day, iso);
  }
  return iso;
}

export function addDays(iso: string, n: number): string {
  return toIso(toDay(iso) + n);
}

const HOLIDAYS = new Set([...buildCalendar(OFFICIAL_CALENDAR).holidays].map(toDay));

/**
 * Meetings, entries and feedback are held on working days: not at weekends, not on official
 * holidays. A 调休 weekend day still counts as a weekend here, so nothing demo lands on one.
 */
export function isWorkday(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return weekday !== 0 && weekday !== 6 && !HOLIDAYS.has(day);
}

export function workdayOnOrAfter(iso: string): string {
  let d = toDay(iso);
  while (!isWorkday(d)) d++;
  return toIso(d);
}

export function workdayOnOrBefore(iso: string): string {
  let d = toDay(iso);
  while (!isWorkday(d)) d--;
  return toIso(d);
}
