import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatWan } from './money.ts';
import { TASK_STATUSES, type TTaskStatus } from './schemas.ts';
import { combineSummaries, findingRectification, ratio, rectificationSummary } from './summary.ts';

const t = (status: TTaskStatus, writtenOff = false) => ({ status, writtenOff });

describe('findingRectification', () => {
  it('is rectified only with tasks all written off', () => {
    expect(findingRectification([t('done', true), t('done', true)])).toBe('rectified');
    expect(findingRectification([t('done', true), t('done')])).toBe('undone');
    expect(findingRectification([])).toBe('undone');
    expect(findingRectification([t('done', true), t('ongoing')])).toBe('ongoing');
    expect(findingRectification([t('undone'), t('ongoing')])).toBe('ongoing');
    expect(findingRectification([t('undone')])).toBe('undone');
  });
});

describe('ratio', () => {
  it('rounds half up to 4 decimals, exactly', () => {
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(2, 3)).toBe(0.6667);
    expect(ratio(1, 20000)).toBe(0.0001);
    expect(ratio(1, 20001)).toBe(0);
    expect(ratio(1, 32)).toBe(0.0313);
    expect(ratio(0, 0)).toBe(0);
    expect(ratio(5, 5)).toBe(1);
    expect(() => ratio(-1, 3)).toThrow(RangeError);
  });
});

describe('rectificationSummary', () => {
  it('counts the contract’s figures', () => {
    const s = rectificationSummary(
      [{ tasks: [t('done', true)] }, { tasks: [t('ongoing'), t('done', true)] }, { tasks: [] }],
      [
        { moneyRecovered: '123.45', accountable: 2, rulesMade: 1 },
        { moneyRecovered: '0.1', accountable: 0, rulesMade: 0 },
        { moneyRecovered: '0.2', accountable: 1, rulesMade: 3 },
      ],
      4,
    );
    expect(s).toEqual({
      findings: 3,
      rectified: 1,
      ongoing: 1,
      undone: 1,
      rate: 0.3333,
      extensions: 4,
      moneyRecovered: '123.75',
      accountable: 3,
      rulesMade: 4,
    });
  });

  it('answers zeros for nothing', () => {
    expect(rectificationSummary([], [], 0)).toEqual({
      findings: 0,
      rectified: 0,
      ongoing: 0,
      undone: 0,
      rate: 0,
      extensions: 0,
      moneyRecovered: '0.00',
      accountable: 0,
      rulesMade: 0,
    });
  });

  const taskArb = fc.record({ status: fc.constantFrom<TTaskStatus>(...TASK_STATUSES), writtenOff: fc.boolean() });
  const findingsArb = fc.array(fc.record({ tasks: fc.array(taskArb, { maxLength: 5 }) }), { maxLength: 60 });
  const centsArb = fc.array(fc.bigInt({ min: 0n, max: 10_000_000n }), { maxLength: 30 });

  it('adds up, rectified iff every task written off, money exact (property)', () => {
    fc.assert(
      fc.property(findingsArb, centsArb, (findings, cents) => {
        const s = rectificationSummary(
          findings,
          cents.map((c) => ({ moneyRecovered: formatWan(c), accountable: 1, rulesMade: 0 })),
          0,
        );
        expect(s.rectified + s.ongoing + s.undone).toBe(s.findings);
        expect(s.rectified).toBe(
          findings.filter((f) => f.tasks.length > 0 && f.tasks.every((x) => x.writtenOff)).length,
        );
        for (const f of findings)
          expect(findingRectification(f.tasks) === 'rectified').toBe(
            f.tasks.length > 0 && f.tasks.every((x) => x.writtenOff),
          );
        expect(s.rate).toBe(s.findings ? Math.round((s.rectified / s.findings) * 10000) / 10000 : 0);
        expect(s.moneyRecovered).toBe(formatWan(cents.reduce((a, b) => a + b, 0n)));
        expect(s.accountable).toBe(cents.length);
      }),
    );
  });

  it('combines per-inspection summaries into the same figures as one summary (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(findingsArb, centsArb, fc.nat(20)), { maxLength: 5 }), (parts) => {
        const each = parts.map(([f, c, e]) =>
          rectificationSummary(
            f,
            c.map((x) => ({ moneyRecovered: formatWan(x), accountable: 0, rulesMade: 1 })),
            e,
          ),
        );
        const whole = rectificationSummary(
          parts.flatMap(([f]) => f),
          parts.flatMap(([, c]) => c.map((x) => ({ moneyRecovered: formatWan(x), accountable: 0, rulesMade: 1 }))),
          parts.reduce((n, [, , e]) => n + e, 0),
        );
        expect(combineSummaries(each)).toEqual(whole);
      }),
    );
  });
});
