import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STAGES } from '../planning/stages.ts';
import {
  archiveCategoryCode,
  archiveClassOf,
  archiveLockProblem,
  archiveOrder,
  archiveSettingsProblem,
  BORROW_MOVES,
  borrowMove,
  borrowOverdue,
  borrowRequestProblem,
  retentionOf,
  type TBorrowAction,
} from './archive.ts';
import { catalogueNumbers, parseCatalogueNumber } from './numbering.ts';
import {
  ARCHIVE_CLASS_CODES,
  ARCHIVE_DOC_KIND_LABELS,
  ARCHIVE_DOC_KINDS,
  BORROW_STATUSES,
  DEFAULT_ARCHIVE_RETENTION,
  DEFAULT_GOVERNANCE_SETTINGS,
  RETENTIONS,
  type TBorrowStatus,
  ZArchiveBorrow,
  ZArchiveBorrowDecision,
  ZGovernanceSettings,
} from './schemas.ts';

describe('archive kinds', () => {
  it('each have a label, a class and a retention', () => {
    for (const k of ARCHIVE_DOC_KINDS) {
      expect(ARCHIVE_DOC_KIND_LABELS[k]).toMatch(/\p{Script=Han}/u);
      expect(['document', 'business']).toContain(archiveClassOf(k));
      expect(RETENTIONS).toContain(DEFAULT_ARCHIVE_RETENTION[k]);
    }
    expect(new Set(Object.values(ARCHIVE_DOC_KIND_LABELS)).size).toBe(ARCHIVE_DOC_KINDS.length);
  });

  it('file the committee’s documents as 文书档案 kept permanently, the work behind them as 业务档案', () => {
    expect(archiveClassOf('report')).toBe('document');
    expect(archiveCategoryCode('feedback')).toBe('WS');
    expect(archiveClassOf('workingPaper')).toBe('business');
    expect(archiveCategoryCode('interviewRecord')).toBe('YW');
    for (const k of ['report', 'feedback', 'rectificationReport', 'meetingMinutes'] as const)
      expect(retentionOf(k, DEFAULT_GOVERNANCE_SETTINGS)).toBe('permanent');
    expect(retentionOf('reportVersion', DEFAULT_GOVERNANCE_SETTINGS)).toBe('years10');
  });

  it('take the authority’s retention where it differs', () => {
    const s = ZGovernanceSettings.parse({ archiveRetention: { workingPaper: 'permanent' } });
    expect(retentionOf('workingPaper', s)).toBe('permanent');
    expect(retentionOf('plan', s)).toBe('years30');
  });
});

describe('archiveOrder with catalogueNumbers', () => {
  const items = [
    { id: 'c', kind: 'feedback' as const, docDate: '2026-05-10', title: '反馈意见' },
    { id: 'a', kind: 'plan' as const, docDate: '2026-03-01', title: '工作方案' },
    { id: 'b', kind: 'notice' as const, docDate: '2026-03-01', title: '巡察通知' },
    { id: 'd', kind: 'report' as const, docDate: '2026-05-01', title: '巡察报告' },
  ];

  it('number the files by date, then by stage of the work', () => {
    const sorted = [...items].sort(archiveOrder);
    const out = catalogueNumbers([], sorted, { fonds: 'X001', year: 2026, category: ARCHIVE_CLASS_CODES.document });
    expect(out.map((o) => [o.id, o.number])).toEqual([
      ['a', 'X001-2026-WS-0001'],
      ['b', 'X001-2026-WS-0002'],
      ['d', 'X001-2026-WS-0003'],
      ['c', 'X001-2026-WS-0004'],
    ]);
  });

  it('give the same numbers whatever order the files come in (property)', () => {
    const scope = { fonds: 'X001', year: 2026, category: 'WS' };
    fc.assert(
      fc.property(fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }), (shuffled) => {
        const a = catalogueNumbers([], [...shuffled].sort(archiveOrder), scope);
        const b = catalogueNumbers([], [...items].sort(archiveOrder), scope);
        expect(a).toEqual(b);
        expect(a.map((o) => parseCatalogueNumber(o.number)?.seq)).toEqual([1, 2, 3, 4]);
      }),
    );
  });
});

describe('archive locks and settings', () => {
  it('make an archived inspection read-only', () => {
    for (const s of STAGES) expect(archiveLockProblem(s) !== null).toBe(s === 'archived');
  });

  it('need a 全宗号 before archiving', () => {
    expect(archiveSettingsProblem(DEFAULT_GOVERNANCE_SETTINGS)).toMatch(/全宗号/);
    expect(archiveSettingsProblem({ archiveFonds: 'X001' })).toBeNull();
    expect(ZGovernanceSettings.safeParse({ archiveFonds: 'X-01' }).error?.issues[0]?.message).toBe(
      '全宗号只能是1至12位字母或数字',
    );
  });
});

describe('borrowing', () => {
  it('is requested, then approved or rejected, and an approved loan is returned', () => {
    expect(borrowMove('requested', 'approve')).toEqual({ ok: true, to: 'approved' });
    expect(borrowMove('requested', 'reject')).toEqual({ ok: true, to: 'rejected' });
    expect(borrowMove('approved', 'return')).toEqual({ ok: true, to: 'returned' });
    expect(borrowMove('requested', 'return')).toEqual({ ok: false, problem: '借阅申请待审批，不能办理“归还”' });
    expect(borrowMove('returned', 'approve').ok).toBe(false);
  });

  it('never leaves rejected or returned, and reaches returned only through approved (property)', () => {
    const action = fc.constantFrom<TBorrowAction>('approve', 'reject', 'return');
    fc.assert(
      fc.property(fc.array(action, { maxLength: 10 }), (actions) => {
        let s: TBorrowStatus = 'requested';
        const path: TBorrowStatus[] = [s];
        for (const a of actions) {
          const m = borrowMove(s, a);
          if (!m.ok) continue;
          expect(['rejected', 'returned']).not.toContain(s);
          s = m.to;
          path.push(s);
        }
        if (s === 'returned') expect(path).toEqual(['requested', 'approved', 'returned']);
      }),
    );
    for (const s of BORROW_STATUSES) expect(Object.hasOwn(BORROW_MOVES, s)).toBe(true);
  });

  it('limits the loan period and flags a loan not returned in time', () => {
    const s = { borrowMaxDays: 30 };
    expect(borrowRequestProblem('2026-03-01', '2026-03-02', s)).toBe('归还日期不能早于今天');
    expect(borrowRequestProblem('2026-04-01', '2026-03-02', s)).toBeNull();
    expect(borrowRequestProblem('2026-04-02', '2026-03-02', s)).toBe('借阅期限不能超过30天（最晚2026-04-01归还）');
    expect(borrowOverdue({ status: 'approved', until: '2026-04-01' }, '2026-04-02')).toBe(true);
    expect(borrowOverdue({ status: 'approved', until: '2026-04-01' }, '2026-04-01')).toBe(false);
    expect(borrowOverdue({ status: 'returned', until: '2026-04-01' }, '2026-05-01')).toBe(false);
  });

  it('needs a reason to borrow and a reason to refuse', () => {
    const id = '019a0000-0000-7000-8000-000000000001';
    expect(
      ZArchiveBorrow.safeParse({ itemIds: [id], reason: '回头看', until: '2026-04-01' }).error?.issues[0]?.message,
    ).toBe('借阅事由至少5个字');
    expect(ZArchiveBorrow.safeParse({ itemIds: [id], reason: '开展巡察回头看查阅', until: '2026-04-01' }).success).toBe(
      true,
    );
    expect(ZArchiveBorrow.safeParse({ itemIds: [], reason: '开展巡察回头看查阅', until: '2026-04-01' }).success).toBe(
      false,
    );
    expect(ZArchiveBorrowDecision.safeParse({ version: 1, decision: 'reject' }).error?.issues[0]?.message).toBe(
      '不批准须说明理由',
    );
    expect(ZArchiveBorrowDecision.safeParse({ version: 1, decision: 'approve' }).success).toBe(true);
  });
});
