import { describe, expect, it } from 'vitest';
import { buildCalendar, OFFICIAL_CALENDAR } from '../planning/calendar.ts';
import { DEFAULT_DEADLINES } from '../planning/deadlines.ts';
import { STAGES } from '../planning/stages.ts';
import { assignedMatterColour, defaultMeetingTitle } from './meetings.ts';
import {
  FIELDWORK_RECORD_KINDS,
  recordingStageProblem,
  reportHeardOn,
  reportHeardProblem,
  reportHearingColour,
  untransferredProblem,
} from './prerequisites.ts';

const cal = buildCalendar(OFFICIAL_CALENDAR);

describe('the report heard before feedback', () => {
  it('needs a 书记专题会 after leaving the site, by default', () => {
    const exitDate = '2026-04-30';
    expect(reportHeardProblem([], { exitDate })).toBe('巡察报告尚未经书记专题会听取，不能召开反馈会');
    expect(reportHeardProblem([{ kind: 'leadingGroup', date: '2026-05-10' }], { exitDate })).not.toBeNull();
    expect(reportHeardProblem([{ kind: 'secretarySpecial', date: '2026-04-01' }], { exitDate })).not.toBeNull();
    expect(reportHeardProblem([{ kind: 'secretarySpecial', date: '2026-05-20' }], { exitDate })).toBeNull();
    expect(reportHeardProblem([{ kind: 'standingCommittee', date: '2026-05-20' }], { exitDate })).not.toBeNull();
  });

  it('accepts the meetings named in the authority settings', () => {
    const kinds = ['secretarySpecial', 'standingCommittee'] as const;
    expect(reportHeardProblem([{ kind: 'standingCommittee', date: '2026-05-20' }], { kinds })).toBeNull();
    expect(reportHeardProblem([], { kinds })).toBe('巡察报告尚未经书记专题会或常委会听取，不能召开反馈会');
    expect(
      reportHeardOn(
        [
          { kind: 'secretarySpecial', date: '2026-06-01' },
          { kind: 'standingCommittee', date: '2026-05-20' },
        ],
        { kinds },
      ),
    ).toBe('2026-05-20');
  });

  it('is due a month after leaving the site, coloured like the deadlines', () => {
    const rule = DEFAULT_DEADLINES.reportAfterExit;
    const at = { exitDate: '2026-04-30', heardOn: null };
    expect(reportHearingColour(at, rule, cal, '2026-05-10', 5)).toBe('green');
    expect(reportHearingColour(at, rule, cal, '2026-05-27', 5)).toBe('yellow');
    expect(reportHearingColour(at, rule, cal, '2026-05-31', 5)).toBe('red');
    expect(reportHearingColour({ ...at, heardOn: '2026-06-03' }, rule, cal, '2026-06-10', 5)).toBe('done');
    expect(reportHearingColour({ exitDate: null, heardOn: null }, rule, cal, '2026-06-10', 5)).toBe('none');
  });
});

describe('leaving the transfer stage', () => {
  it('needs every clue transferred', () => {
    expect(untransferredProblem({ draft: 2, transferred: 5 })).toBe('尚有2件问题线索未移交，移交阶段不能结束');
    expect(untransferredProblem({ transferred: 5, writtenOff: 1 })).toBeNull();
    expect(untransferredProblem({})).toBeNull();
  });
});

describe('recording stages', () => {
  it('keep interviews and papers to the stay and the drafting after it', () => {
    expect(recordingStageProblem('interview', 'onSite')).toBeNull();
    expect(recordingStageProblem('interview', 'reporting')).toBeNull();
    expect(recordingStageProblem('interview', 'prepared')).toBe('巡察处于“准备阶段”，不能记录个别谈话');
    expect(recordingStageProblem('workingPaper', 'feedback')).not.toBeNull();
    expect(recordingStageProblem('clue', 'transfer')).toBeNull();
    expect(recordingStageProblem('clue', 'rectifying')).not.toBeNull();
    expect(recordingStageProblem('report', 'reporting')).toBeNull();
    expect(recordingStageProblem('report', 'transfer')).toBe('巡察处于“移交阶段”，不能修改巡察报告');
  });

  it('let a finding be entered in every stage before evaluated (issue 11 contract)', () => {
    for (const s of STAGES)
      expect(recordingStageProblem('finding', s) === null).toBe(STAGES.indexOf(s) < STAGES.indexOf('evaluated'));
    for (const k of FIELDWORK_RECORD_KINDS) expect(recordingStageProblem(k, 'archived')).toMatch(/不能/);
  });
});

describe('meetings', () => {
  it('are titled by date and kind when untitled', () => {
    expect(defaultMeetingTitle('secretarySpecial', '2026-03-05')).toBe('2026年3月5日书记专题会');
    expect(defaultMeetingTitle('leadingGroup', '2026-11-20')).toBe('2026年11月20日巡察工作领导小组会议');
  });

  it('colour an assigned matter by its due date until it is done', () => {
    expect(assignedMatterColour({ status: 'open', dueDate: '2026-03-10' }, '2026-03-01')).toBe('green');
    expect(assignedMatterColour({ status: 'open', dueDate: '2026-03-10' }, '2026-03-08')).toBe('yellow');
    expect(assignedMatterColour({ status: 'open', dueDate: '2026-03-10' }, '2026-03-11')).toBe('red');
    expect(assignedMatterColour({ status: 'done', dueDate: '2026-03-10' }, '2026-03-11')).toBe('done');
  });
});
