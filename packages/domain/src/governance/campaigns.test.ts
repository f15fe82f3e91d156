import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatWan, parseWan } from '../rectification/money.ts';
import { campaignLedger, campaignPhase, type TLedgerOrg, type TLedgerReport } from './campaigns.ts';
import { ZCampaignCreate, ZCampaignReport } from './schemas.ts';

const CITY = 'city';
const orgs: TLedgerOrg[] = [
  { orgId: 'police', authorityId: CITY, sector: '政法' },
  { orgId: 'court', authorityId: CITY, sector: '政法' },
  { orgId: 'nk-police', authorityId: 'nankang', sector: '政法' },
  { orgId: 'nk-transport', authorityId: 'nankang', sector: '交通' },
  { orgId: 'yd-transport', authorityId: 'yudu', sector: '交通' },
];

const report = (orgId: string, found: number, rectified: number, rules: number, money: string): TLedgerReport => ({
  orgId,
  foundItems: found,
  rectifiedItems: rectified,
  rulesMade: rules,
  moneyRecovered: money,
});

describe('campaignPhase', () => {
  it('is not started, active through the last day, then ended', () => {
    const c = { startOn: '2026-03-01', endOn: '2026-06-30' };
    expect(campaignPhase(c, '2026-02-28')).toBe('notStarted');
    expect(campaignPhase(c, '2026-03-01')).toBe('active');
    expect(campaignPhase(c, '2026-06-30')).toBe('active');
    expect(campaignPhase(c, '2026-07-01')).toBe('ended');
  });
});

describe('campaignLedger', () => {
  it('sums per sector, per county and per problem, with exact money', () => {
    const ledger = campaignLedger(
      [
        report('police', 10, 8, 2, '0.10'),
        report('police', 2, 4, 1, '0.20'),
        report('nk-police', 5, 5, 3, '12.5'),
        { ...report('nk-transport', 4, 1, 0, '0'), commonProblemId: 'blackCars' },
      ],
      {
        orgs,
        scopeOrgIds: ['police', 'court', 'nk-police', 'nk-transport', 'yd-transport'],
        authorityIds: [CITY, 'nankang', 'yudu'],
        commonProblemIds: ['lending', 'blackCars'],
      },
    );
    expect(ledger.total).toEqual({
      reports: 4,
      organizations: 3,
      inScope: 5,
      found: 21,
      rectified: 18,
      rate: 0.8571,
      rulesMade: 6,
      moneyRecovered: '12.80',
      notReported: ['court', 'yd-transport'],
    });
    expect(ledger.bySector.map((s) => [s.sector, s.found, s.rectified, s.moneyRecovered, s.inScope])).toEqual([
      ['政法', 17, 17, '12.80', 3],
      ['交通', 4, 1, '0.00', 2],
    ]);
    // Every county that joined has a line, Yudu's of zeros: it has not reported yet.
    expect(ledger.byAuthority.map((a) => [a.authorityId, a.reports, a.rectified, a.rulesMade, a.rate])).toEqual([
      [CITY, 2, 12, 3, 1],
      ['nankang', 2, 6, 3, 0.6667],
      ['yudu', 0, 0, 0, null],
    ]);
    expect(ledger.byProblem.map((p) => [p.commonProblemId, p.reports])).toEqual([
      ['lending', 0],
      ['blackCars', 1],
      [null, 3],
    ]);
  });

  it('gives a report naming no problem to the only target', () => {
    const ledger = campaignLedger([report('police', 1, 1, 0, '0')], { orgs, commonProblemIds: ['lending'] });
    expect(ledger.byProblem).toEqual([expect.objectContaining({ commonProblemId: 'lending', reports: 1 })]);
  });

  it('refuses a report of an organization it knows nothing of', () => {
    expect(() => campaignLedger([report('unknown', 1, 1, 0, '0')], { orgs })).toThrow(/缺少单位信息/);
  });

  it('adds up: every breakdown sums to the total, money to the cent (property)', () => {
    const reportArb = fc.record({
      orgId: fc.constantFrom(...orgs.map((o) => o.orgId)),
      commonProblemId: fc.constantFrom('lending', 'blackCars', undefined),
      foundItems: fc.nat({ max: 500 }),
      rectifiedItems: fc.nat({ max: 500 }),
      rulesMade: fc.nat({ max: 50 }),
      moneyRecovered: fc.bigInt({ min: 0n, max: 10_000_000n }).map(formatWan),
    });
    fc.assert(
      fc.property(fc.array(reportArb, { maxLength: 30 }), (reports) => {
        const ledger = campaignLedger(reports, { orgs, authorityIds: [CITY, 'nankang', 'yudu'] });
        const cents = reports.reduce((a, r) => a + parseWan(r.moneyRecovered), 0n);
        expect(ledger.total.moneyRecovered).toBe(formatWan(cents));
        expect(ledger.total.reports).toBe(reports.length);
        for (const parts of [ledger.bySector, ledger.byAuthority, ledger.byProblem]) {
          expect(parts.reduce((a, p) => a + p.found, 0)).toBe(ledger.total.found);
          expect(parts.reduce((a, p) => a + p.rectified, 0)).toBe(ledger.total.rectified);
          expect(parts.reduce((a, p) => a + p.rulesMade, 0)).toBe(ledger.total.rulesMade);
          expect(parts.reduce((a, p) => a + p.reports, 0)).toBe(ledger.total.reports);
          expect(formatWan(parts.reduce((a, p) => a + parseWan(p.moneyRecovered), 0n))).toBe(
            ledger.total.moneyRecovered,
          );
        }
      }),
    );
  });
});

describe('campaign schemas', () => {
  const id = (n: number) => `019a0000-0000-7000-8000-${String(n).padStart(12, '0')}`;

  it('accept a campaign of the city and two counties and refuse a period ending before it starts', () => {
    const c = {
      termId: id(1),
      name: '公职人员参与民间借贷和非法集资专项整治',
      authorityIds: [id(2), id(3), id(4)],
      commonProblemIds: [id(5)],
      startOn: '2026-03-01',
      endOn: '2026-08-31',
    };
    expect(ZCampaignCreate.safeParse(c).success).toBe(true);
    const bad = ZCampaignCreate.safeParse({ ...c, endOn: '2026-02-01' });
    expect(bad.error?.issues.map((i) => i.message)).toEqual(['整治结束日期不能早于开始日期']);
    expect(ZCampaignCreate.safeParse({ ...c, authorityIds: [id(2), id(2)] }).error?.issues[0]?.message).toBe(
      '参与的巡察机构有重复',
    );
  });

  it('take 万元 with at most two decimals and refuse a report of only zeros', () => {
    const r = { orgId: id(1), reportedOn: '2026-04-01', foundItems: 3, rectifiedItems: 2, rulesMade: 1 };
    expect(ZCampaignReport.parse({ ...r, moneyRecovered: '12.34' }).moneyRecovered).toBe('12.34');
    expect(ZCampaignReport.parse(r).moneyRecovered).toBe('0');
    expect(ZCampaignReport.safeParse({ ...r, moneyRecovered: '1.234' }).error?.issues[0]?.message).toMatch(/两位小数/);
    expect(ZCampaignReport.safeParse({ ...r, moneyRecovered: '-1' }).success).toBe(false);
    expect(ZCampaignReport.safeParse({ ...r, foundItems: -1 }).error?.issues[0]?.message).toBe('发现问题数不能为负数');
    const zero = ZCampaignReport.safeParse({
      ...r,
      foundItems: 0,
      rectifiedItems: 0,
      rulesMade: 0,
      moneyRecovered: '0.00',
    });
    expect(zero.error?.issues[0]?.message).toBe('报送的数据不能全部为0');
    expect(ZCampaignReport.safeParse({ ...r, extra: 1 }).success).toBe(false);
  });
});
