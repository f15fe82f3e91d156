import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addMonths,
  addWorkingDays,
  buildCalendar,
  dayOfWeek,
  daysBetween,
  isIsoDate,
  isWeekend,
  isWorkingDay,
  OFFICIAL_CALENDAR,
  OFFICIAL_CALENDAR_YEARS,
  type TCalendar,
  workingDaysBetween,
} from './calendar.ts';

const official = buildCalendar(OFFICIAL_CALENDAR);
const plain: TCalendar = { holidays: new Set(), workdays: new Set() };

/** An independent day arithmetic through Date, for cross-checking. */
function refAdd(date: string, n: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

const dateArb = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const termDate = fc
  .date({ min: new Date('2015-06-01T00:00:00Z'), max: new Date('2027-06-30T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** The arrangement year of an entry: a 元旦 day in December belongs to the next year's notice. */
function arrangementYear(e: { date: string; name: string }): number {
  const y = Number(e.date.slice(0, 4));
  return e.date.slice(5, 7) === '12' && e.name.startsWith('元旦') ? y + 1 : y;
}

describe('OFFICIAL_CALENDAR', () => {
  it('is sorted, has one entry a day, and only valid dates', () => {
    const dates = OFFICIAL_CALENDAR.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    for (const d of dates) expect(isIsoDate(d)).toBe(true);
    expect(Object.isFrozen(OFFICIAL_CALENDAR)).toBe(true);
  });

  it('covers exactly the notices for 2016–2026', () => {
    const years = new Set(OFFICIAL_CALENDAR.map(arrangementYear));
    expect([...years].sort()).toEqual(Array.from({ length: 11 }, (_, i) => 2016 + i));
    expect(OFFICIAL_CALENDAR_YEARS).toEqual({ from: 2016, to: 2026 });
  });

  it('makes only Saturdays and Sundays into working days', () => {
    for (const e of OFFICIAL_CALENDAR.filter((x) => x.kind === 'workday')) {
      expect(isWeekend(e.date), e.date).toBe(true);
      expect(e.name.endsWith('调休上班')).toBe(true);
    }
  });

  it('uses the names of the notices', () => {
    const names = new Set(OFFICIAL_CALENDAR.filter((e) => e.kind === 'holiday').map((e) => e.name));
    expect([...names].sort()).toEqual(
      ['中秋节', '中秋节、国庆节', '元旦', '劳动节', '国庆节', '国庆节、中秋节', '春节', '清明节', '端午节'].sort(),
    );
  });

  /**
   * The balance every notice keeps: statutory days falling on a weekend are made up on a weekday, and
   * every extra weekday off is paid back with a working weekend day. So, per notice, weekdays off −
   * working weekend days = statutory days: 11 until 2024, 13 from 2025 (春节 +1, 劳动节 +1), and 13 in
   * 2020, when 春节 was extended by 01-31 (a Friday) and by 02-01, a working Saturday cancelled.
   */
  it('keeps the statutory number of days off in every year', () => {
    const balance = new Map<number, number>();
    for (const e of OFFICIAL_CALENDAR) {
      const y = arrangementYear(e);
      const delta = e.kind === 'holiday' ? (isWeekend(e.date) ? 0 : 1) : -1;
      balance.set(y, (balance.get(y) ?? 0) + delta);
    }
    expect(Object.fromEntries(balance)).toEqual({
      2016: 11,
      2017: 11,
      2018: 11,
      2019: 11,
      2020: 13,
      2021: 11,
      2022: 11,
      2023: 11,
      2024: 11,
      2025: 13,
      2026: 13,
    });
  });

  /** Festival days from the lunar calendar and the solar term 清明: each falls inside its holiday. */
  it.each([
    [
      '春节',
      [
        '2016-02-08',
        '2017-01-28',
        '2018-02-16',
        '2019-02-05',
        '2020-01-25',
        '2021-02-12',
        '2022-02-01',
        '2023-01-22',
        '2024-02-10',
        '2025-01-29',
        '2026-02-17',
      ],
    ],
    [
      '清明节',
      [
        '2016-04-04',
        '2017-04-04',
        '2018-04-05',
        '2019-04-05',
        '2020-04-04',
        '2021-04-04',
        '2022-04-05',
        '2023-04-05',
        '2024-04-04',
        '2025-04-04',
        '2026-04-05',
      ],
    ],
    [
      '端午节',
      [
        '2016-06-09',
        '2017-05-30',
        '2018-06-18',
        '2019-06-07',
        '2020-06-25',
        '2021-06-14',
        '2022-06-03',
        '2023-06-22',
        '2024-06-10',
        '2025-05-31',
        '2026-06-19',
      ],
    ],
    [
      '中秋节',
      [
        '2016-09-15',
        '2017-10-04',
        '2018-09-24',
        '2019-09-13',
        '2020-10-01',
        '2021-09-21',
        '2022-09-10',
        '2023-09-29',
        '2024-09-17',
        '2025-10-06',
        '2026-09-25',
      ],
    ],
    ['元旦', Array.from({ length: 11 }, (_, i) => `${2016 + i}-01-01`)],
    ['劳动节', Array.from({ length: 11 }, (_, i) => `${2016 + i}-05-01`)],
    ['国庆节', Array.from({ length: 11 }, (_, i) => `${2016 + i}-10-01`)],
  ])('puts every %s inside its holiday', (festival, days) => {
    for (const d of days) {
      const e = OFFICIAL_CALENDAR.find((x) => x.date === d);
      expect(e?.kind, d).toBe('holiday');
      expect(e?.name.includes(festival), `${d} ${e?.name}`).toBe(true);
    }
  });

  it.each([
    // 2020: 春节 extended for the epidemic to 02-02; the working Saturday 02-01 was cancelled.
    ['2020-01-31', false],
    ['2020-02-01', false],
    ['2020-02-02', false],
    ['2020-02-03', true],
    ['2020-01-19', true],
    // 2020 中秋国庆 merged: 10-01..10-08 off, 09-27 and 10-10 worked.
    ['2020-09-27', true],
    ['2020-10-08', false],
    ['2020-10-09', true],
    ['2020-10-10', true],
    // 2019 劳动节 revised to four days, with 04-28 and 05-05 worked.
    ['2019-05-02', false],
    ['2019-05-03', false],
    ['2019-04-28', true],
    ['2019-05-05', true],
    // 2019 元旦 started in 2018 with a working Saturday 2018-12-29.
    ['2018-12-29', true],
    ['2018-12-31', false],
    // 2025, the first year of the new rules.
    ['2025-01-26', true],
    ['2025-01-28', false],
    ['2025-02-04', false],
    ['2025-02-05', true],
    ['2025-02-08', true],
    ['2025-04-27', true],
    ['2025-05-05', false],
    ['2025-10-08', false],
    ['2025-10-11', true],
    // 2026.
    ['2026-01-02', false],
    ['2026-01-04', true],
    ['2026-02-14', true],
    ['2026-02-23', false],
    ['2026-02-24', true],
    ['2026-02-28', true],
    ['2026-05-05', false],
    ['2026-05-09', true],
    ['2026-09-20', true],
    ['2026-10-07', false],
    ['2026-10-10', true],
    // Ordinary days.
    ['2024-03-12', true],
    ['2024-03-16', false],
  ])('%s is a working day: %s', (date, working) => {
    expect(isWorkingDay(date, official)).toBe(working);
  });

  it('counts the working days of whole years as the notices give them', () => {
    const count = (y: number) => workingDaysBetween(`${y - 1}-12-31`, `${y}-12-31`, official);
    // 2024: 366 days, 104 weekend days, 11 statutory days, plus the 2023-12-30/31 weekend outside.
    expect(count(2024)).toBe(366 - 104 - 11);
    expect(count(2025)).toBe(365 - 104 - 13);
    expect(count(2026)).toBe(365 - 104 - 13);
  });
});

describe('date arithmetic', () => {
  it('validates dates', () => {
    for (const d of ['2024-02-29', '2000-02-29', '1999-12-31', '2025-10-01']) expect(isIsoDate(d)).toBe(true);
    for (const d of [
      '2023-02-29',
      '1900-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-04-31',
      '2024-4-1',
      '',
      '2024-01-01T00:00',
    ])
      expect(isIsoDate(d)).toBe(false);
    expect(() => addCalendarDays('2023-02-29', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('2023-02-28', 1.5)).toThrow(RangeError);
  });

  it('adds calendar days across month, year and leap-day ends', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addCalendarDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addCalendarDays('2025-03-20', -10)).toBe('2025-03-10');
    expect(addCalendarDays('1969-12-31', 1)).toBe('1970-01-01');
  });

  it('clamps month ends', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-08-31', 1)).toBe('2024-09-30');
    expect(addMonths('2024-11-15', 2)).toBe('2025-01-15');
    expect(addMonths('2025-01-15', -1)).toBe('2024-12-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2021-06-30', 60)).toBe('2026-06-30');
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek('2025-10-01')).toBe(3);
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1969-12-28')).toBe(0);
  });

  it('agrees with Date arithmetic (property)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -4000, max: 4000 }), (d, n) => {
        const e = addCalendarDays(d, n);
        expect(e).toBe(refAdd(d, n));
        expect(daysBetween(d, e)).toBe(n);
        expect(addCalendarDays(e, -n)).toBe(d);
        expect(dayOfWeek(d)).toBe(new Date(`${d}T00:00:00Z`).getUTCDay());
      }),
    );
  });

  it('adds months: same day or the month end, and never past it (property)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -120, max: 120 }), (d, n) => {
        const e = addMonths(d, n);
        expect(isIsoDate(e)).toBe(true);
        const months = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7));
        expect(months(e) - months(d)).toBe(n);
        const day = Number(d.slice(8));
        const eDay = Number(e.slice(8));
        if (eDay !== day) {
          expect(eDay).toBeLessThan(day);
          expect(addCalendarDays(e, 1).slice(8)).toBe('01');
        }
      }),
    );
  });

  describe('whatever the process time zone', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });
    it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai', 'Europe/London'])('in %s', (tz) => {
      process.env.TZ = tz;
      expect(addCalendarDays('2025-03-30', 1)).toBe('2025-03-31');
      expect(addCalendarDays('2025-11-02', 1)).toBe('2025-11-03');
      expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
      expect(dayOfWeek('2025-10-01')).toBe(3);
      expect(addWorkingDays('2025-09-30', 1, official)).toBe('2025-10-09');
    });
  });
});

describe('buildCalendar', () => {
  it('puts each entry in its set', () => {
    const c = buildCalendar([
      { date: '2025-10-01', kind: 'holiday' },
      { date: '2025-10-11', kind: 'workday' },
    ]);
    expect([...c.holidays]).toEqual(['2025-10-01']);
    expect([...c.workdays]).toEqual(['2025-10-11']);
  });

  it('lets the office override an official day', () => {
    const c = buildCalendar(OFFICIAL_CALENDAR, [
      { date: '2025-10-11', kind: 'holiday' }, // official working Saturday, locally off
      { date: '2025-10-08', kind: 'workday' }, // official holiday, locally worked
      { date: '2025-07-01', kind: 'holiday' }, // a local day off
    ]);
    expect(isWorkingDay('2025-10-11', c)).toBe(false);
    expect(isWorkingDay('2025-10-08', c)).toBe(true);
    expect(isWorkingDay('2025-07-01', c)).toBe(false);
    expect(c.holidays.has('2025-10-08')).toBe(false);
    expect(c.workdays.has('2025-10-11')).toBe(false);
    // The official data is untouched.
    expect(isWorkingDay('2025-10-11', official)).toBe(true);
  });

  it('lets a later entry win over an earlier one for the same date', () => {
    const c = buildCalendar([
      { date: '2027-02-06', kind: 'workday' },
      { date: '2027-02-06', kind: 'holiday' },
    ]);
    expect(c.workdays.size).toBe(0);
    expect(c.holidays.has('2027-02-06')).toBe(true);
  });

  it('refuses an invalid date', () => {
    expect(() => buildCalendar([{ date: '2025-02-30', kind: 'holiday' }])).toThrow(RangeError);
  });

  it('takes a holiday as off even when a hand-made calendar also lists it as a working day', () => {
    const c: TCalendar = { holidays: new Set(['2025-06-07']), workdays: new Set(['2025-06-07']) };
    expect(isWorkingDay('2025-06-07', c)).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it.each([
    // Friday + 1 → Monday.
    ['2024-03-15', 1, '2024-03-18', plain],
    // Before 国庆 2025: 09-30 (Tue) + 1 → 10-09, since 10-01..10-08 are off.
    ['2025-09-30', 1, '2025-10-09', official],
    // Into a working Saturday: 2025-10-10 (Fri) + 1 → 10-11 (Sat, 调休上班).
    ['2025-10-10', 1, '2025-10-11', official],
    // Feedback on 2025-01-20 (Mon): 15 working days pass over 春节 (01-28..02-04 off, 01-26 and 02-08
    // worked): 01-21..24 (4), 01-26, 01-27 (6), 02-05..07 (9), 02-08 (10), 02-10..14 (15).
    ['2025-01-20', 15, '2025-02-14', official],
    // n = 0 on a working day is the day itself; on a day off, the next working day.
    ['2025-10-09', 0, '2025-10-09', official],
    ['2025-10-04', 0, '2025-10-09', official],
    ['2024-03-16', 0, '2024-03-18', plain],
    // Backwards over 国庆 2025: 10-11 (Sat, worked), 10-10, 10-09, 09-30, 09-29, 09-28 (Sun, worked),
    // 09-26, 09-25, 09-24, 09-23.
    ['2025-10-13', -1, '2025-10-11', official],
    ['2025-10-09', -1, '2025-09-30', official],
    ['2025-10-13', -10, '2025-09-23', official],
  ] as const)('%s + %i working days = %s', (d, n, want, cal) => {
    expect(addWorkingDays(d, n, cal)).toBe(want);
  });

  it('refuses a fractional count', () => {
    expect(() => addWorkingDays('2025-01-01', 0.5, official)).toThrow(RangeError);
  });

  it('finds the first working day after a long run of days off', () => {
    // 400 days off from 2025-01-01: the run ends on 2026-02-04 (Wed), so 02-05 (Thu) is the next.
    const all = new Set(Array.from({ length: 400 }, (_, i) => addCalendarDays('2025-01-01', i)));
    const c: TCalendar = { holidays: all, workdays: new Set() };
    expect(addWorkingDays('2024-12-31', 1, c)).toBe('2026-02-05');
    expect(addWorkingDays('2025-01-01', 0, c)).toBe('2026-02-05');
    expect(addWorkingDays('2026-02-05', -1, c)).toBe('2024-12-31');
  });

  it('counts working days as a day-by-day walk does, over random calendars and spans of years (property)', () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((i) => addCalendarDays('2020-01-01', i));
    fc.assert(
      fc.property(day, day, fc.array(day, { maxLength: 40 }), fc.array(day, { maxLength: 40 }), (x, y, hs, ws) => {
        const c: TCalendar = { holidays: new Set(hs), workdays: new Set(ws) };
        let walked = 0;
        for (let d = addCalendarDays(x, 1); d <= y; d = addCalendarDays(d, 1)) if (isWorkingDay(d, c)) walked++;
        expect(workingDaysBetween(x, y, c)).toBe(walked);
      }),
      { numRuns: 300 },
    );
  });

  it('lands on a working day exactly n working days away (property)', () => {
    fc.assert(
      fc.property(termDate, fc.integer({ min: 1, max: 60 }), (d, n) => {
        const fwd = addWorkingDays(d, n, official);
        expect(isWorkingDay(fwd, official)).toBe(true);
        expect(fwd > d).toBe(true);
        expect(workingDaysBetween(d, fwd, official)).toBe(n);
        // One calendar day earlier there were only n − 1.
        expect(workingDaysBetween(d, addCalendarDays(fwd, -1), official)).toBe(n - 1);

        const back = addWorkingDays(d, -n, official);
        expect(isWorkingDay(back, official)).toBe(true);
        expect(back < d).toBe(true);
        // Counting back: d itself counts as a working day reached only when it is one.
        expect(workingDaysBetween(back, d, official)).toBe(n - 1 + (isWorkingDay(d, official) ? 1 : 0));
      }),
    );
  });

  it('is undone by going back the same number from a working day (property)', () => {
    fc.assert(
      fc.property(termDate, fc.integer({ min: 0, max: 40 }), (d, n) => {
        const w = addWorkingDays(d, 0, official);
        expect(isWorkingDay(w, official)).toBe(true);
        expect(addWorkingDays(addWorkingDays(w, n, official), -n, official)).toBe(w);
        expect(addWorkingDays(addWorkingDays(w, -n, official), n, official)).toBe(w);
      }),
    );
  });

  it('splits: n + m working days = n then m (property)', () => {
    fc.assert(
      fc.property(termDate, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (d, n, m) => {
        const w = addWorkingDays(d, 0, official);
        expect(addWorkingDays(addWorkingDays(w, n, official), m, official)).toBe(addWorkingDays(w, n + m, official));
      }),
    );
  });
});
