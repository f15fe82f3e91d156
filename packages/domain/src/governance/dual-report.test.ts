import { describe, expect, it } from 'vitest';
import { buildCalendar, OFFICIAL_CALENDAR } from '../planning/calendar.ts';
import { dualReportStatus, type TDualReportInput } from './dual-report.ts';
import { DEFAULT_GOVERNANCE_SETTINGS, ZGovernanceSettings } from './schemas.ts';

const cal = buildCalendar(OFFICIAL_CALENDAR);
const settings = DEFAULT_GOVERNANCE_SETTINGS;

const authorized = (over: Partial<TDualReportInput> = {}): TDualReportInput => ({
  mode: 'authorized',
  reportHeardOn: '2026-09-28',
  feedbackDate: null,
  records: {},
  ...over,
});

describe('dualReportStatus', () => {
  it('applies to authorized inspections only', () => {
    expect(dualReportStatus(authorized({ mode: 'ordinary' }), '2026-10-01', settings, cal)).toBeNull();
    expect(dualReportStatus(authorized({ mode: 'escalated' }), '2026-10-01', settings, cal)).toBeNull();
  });

  it('counts 10 working days from the hearing across 国庆 for each of the three', () => {
    const s = dualReportStatus(authorized(), '2026-10-09', settings, cal)!;
    expect(s.anchor).toBe('2026-09-28');
    expect(s.items.map((i) => [i.kind, i.due, i.state, i.colour])).toEqual([
      ['countyCommittee', '2026-10-16', 'pending', 'green'],
      ['sectorDepartment', '2026-10-16', 'pending', 'green'],
      ['cityOffice', '2026-10-16', 'pending', 'green'],
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('follows each record: made, checked by the city office, overdue with a warning, made late', () => {
    const s = dualReportStatus(
      authorized({
        records: {
          countyCommittee: { on: '2026-10-12', checkedOn: '2026-10-14' },
          sectorDepartment: { on: '2026-10-19' },
        },
      }),
      '2026-10-20',
      settings,
      cal,
    )!;
    expect(s.items.map((i) => [i.kind, i.state, i.colour, i.late, i.checkedOn])).toEqual([
      ['countyCommittee', 'checked', 'done', false, '2026-10-14'],
      ['sectorDepartment', 'awaitingCheck', 'done', true, null],
      ['cityOffice', 'overdue', 'red', false, null],
    ]);
    expect(s.warnings).toEqual(['向市委巡察办报备已逾期4天（应于2026-10-16前完成）']);
  });

  it('turns yellow within the warning window', () => {
    const s = dualReportStatus(authorized(), '2026-10-14', settings, cal)!;
    expect(s.items[0]?.colour).toBe('yellow');
  });

  it('falls back on the feedback date, and is not due before either is known', () => {
    const fallback = dualReportStatus(
      authorized({ reportHeardOn: null, feedbackDate: '2026-03-02' }),
      '2026-03-03',
      settings,
      cal,
    )!;
    expect(fallback.anchor).toBe('2026-03-02');
    expect(fallback.items[0]?.due).toBe('2026-03-16');
    const none = dualReportStatus(authorized({ reportHeardOn: null }), '2026-03-03', settings, cal)!;
    expect(none.items.map((i) => [i.state, i.colour, i.due])).toEqual([
      ['notDue', 'none', null],
      ['notDue', 'none', null],
      ['notDue', 'none', null],
    ]);
  });

  it('uses the authority’s rule per record', () => {
    const custom = ZGovernanceSettings.parse({
      dualReport: { cityOffice: { amount: 1, unit: 'months', direction: 'after' } },
    });
    const s = dualReportStatus(authorized({ reportHeardOn: '2026-01-31' }), '2026-02-01', custom, cal)!;
    expect(s.items.map((i) => i.due)).toEqual(['2026-02-13', '2026-02-13', '2026-02-28']);
  });

  it('ignores a check without a record', () => {
    const s = dualReportStatus(
      authorized({ records: { cityOffice: { on: null, checkedOn: '2026-10-01' } } }),
      '2026-10-09',
      settings,
      cal,
    )!;
    expect(s.items[2]).toMatchObject({ state: 'pending', checkedOn: null });
  });
});
