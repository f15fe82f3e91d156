import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SECTORS } from '../orgs/schemas.ts';
import { DEFAULT_PERSONNEL_SETTINGS, EXPERTISE, POOL_STATUSES, POOLS, type TRecusalReason } from './schemas.ts';
import { expertiseForSector, SECTOR_EXPERTISE, suggestTeam, type TTeamCandidate, teamWarnings } from './team.ts';

const id = (n: number) => `0190a5f0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const EDU = id(9000);
const S = DEFAULT_PERSONNEL_SETTINGS;
const CONFLICT: TRecusalReason = { rule: 'workedThere', detail: '2024年1月至今在赣州市教育局工作（近3年内）' };

let seq = 0;
function cand(name: string, over: Partial<TTeamCandidate> = {}): TTeamCandidate {
  seq++;
  return {
    id: id(seq),
    name,
    pools: [{ pool: 'talentPool', status: 'in' }],
    expertise: [],
    workload: 0,
    ledTargetIds: [],
    conflicts: [],
    memberConflicts: [],
    ...over,
  };
}
const leaderPool = [{ pool: 'leaderPool', status: 'in' }] as const;
const staff = [{ pool: 'staff', status: 'in' }] as const;

const roster = (roles: string[], expertise: string[][] = []) =>
  roles.map((role, i) => ({ role: role as 'leader', expertise: expertise[i] ?? [] }));

describe('teamWarnings', () => {
  it('passes a team of 5 with one leader, one deputy and an auditor', () => {
    expect(teamWarnings(roster(['leader', 'deputy', 'member', 'member', 'member'], [[], [], ['审计']]), S)).toEqual([]);
  });

  it('says in Chinese what is wrong, in a fixed order', () => {
    expect(teamWarnings([], S)).toEqual([
      { code: 'teamTooSmall', message: '巡察组现有0人，少于规定的5人' },
      { code: 'leaderMissing', message: '巡察组尚未确定组长' },
      { code: 'deputiesTooFew', message: '巡察组有0名副组长，应为1至2名' },
      { code: 'financeOrAuditMissing', message: '巡察组中没有财务或审计专业人员' },
    ]);
    const big = roster(['leader', 'leader', 'deputy', 'deputy', 'deputy', 'member', 'member', 'member'], [['财务']]);
    expect(teamWarnings(big, S)).toEqual([
      { code: 'teamTooLarge', message: '巡察组现有8人，超过规定的7人' },
      { code: 'leaderTooMany', message: '巡察组有2名组长，只能有1名' },
      { code: 'deputiesTooMany', message: '巡察组有3名副组长，应为1至2名' },
    ]);
  });

  it('leaves liaisons out of the count and of the expertise', () => {
    const r = roster(['leader', 'deputy', 'member', 'member', 'liaison'], [[], [], [], [], ['财务']]);
    expect(teamWarnings(r, S)).toEqual([
      { code: 'teamTooSmall', message: '巡察组现有4人（不含联络员），少于规定的5人' },
      { code: 'financeOrAuditMissing', message: '巡察组中没有财务或审计专业人员' },
    ]);
  });

  it('follows the settings', () => {
    const s = { ...S, teamMin: 3, deputiesMin: 0, deputiesMax: 0, requireFinanceOrAudit: false };
    expect(teamWarnings(roster(['leader', 'member', 'member']), s)).toEqual([]);
    expect(teamWarnings(roster(['leader', 'deputy', 'member']), s)).toEqual([
      { code: 'deputiesTooMany', message: '巡察组有1名副组长，应为0名' },
    ]);
  });
});

describe('SECTOR_EXPERTISE', () => {
  it('covers every sector with known expertise', () => {
    expect(Object.keys(SECTOR_EXPERTISE).sort()).toEqual([...SECTORS].sort());
    for (const list of Object.values(SECTOR_EXPERTISE)) for (const e of list) expect(EXPERTISE).toContain(e);
    expect(expertiseForSector('城建')).toEqual(['工程项目']);
    expect(expertiseForSector('金融')).toEqual(['金融']);
    expect(expertiseForSector('未知')).toEqual([]);
    expect(expertiseForSector('toString')).toEqual([]);
  });
});

describe('suggestTeam', () => {
  const zhao = cand('赵组长', { pools: leaderPool, workload: 1 });
  const qian = cand('钱组长', { pools: leaderPool, ledTargetIds: [EDU] });
  const sun = cand('孙组长', { pools: leaderPool, conflicts: [CONFLICT] });
  const zhou = cand('周干部', { pools: staff });
  const wu = cand('吴干部', { pools: staff, workload: 2 });
  const zheng = cand('郑审计', { expertise: ['审计'], workload: 3 });
  const wang = cand('王教育', { expertise: ['教育'], workload: 1 });
  const feng = cand('冯组员');
  const chen = cand('陈组员', { memberConflicts: [CONFLICT] });
  const chu = cand('褚组员', { pools: [{ pool: 'talentPool', status: 'suspended' }] });
  const pool = [zhao, qian, sun, zhou, wu, zheng, wang, feng, chen, chu];

  it('proposes a leader, a deputy and members, and says why', () => {
    expect(suggestTeam({ pool, targetSectors: ['教育'], targetOrgIds: [EDU], settings: S })).toEqual({
      members: [
        {
          inspectorId: zhao.id,
          name: '赵组长',
          role: 'leader',
          why: '组长库在库，本届承担1次任务，未曾带队巡察该单位',
        },
        { inspectorId: zhou.id, name: '周干部', role: 'deputy', why: '专职巡察干部，本届承担0次任务' },
        {
          inspectorId: zheng.id,
          name: '郑审计',
          role: 'member',
          why: '巡察人才库在库，具备财务或审计专长（巡察组须配备财务或审计人员），本届承担3次任务',
        },
        {
          inspectorId: wang.id,
          name: '王教育',
          role: 'member',
          why: '巡察人才库在库，具备教育专长，熟悉教育领域，本届承担1次任务',
        },
        { inspectorId: feng.id, name: '冯组员', role: 'member', why: '巡察人才库在库，本届承担0次任务' },
      ],
      warnings: [],
    });
  });

  it('reads ledTargetIds as already narrowed when the targets are not given', () => {
    const r = suggestTeam({ pool: [qian], targetSectors: [], settings: S });
    expect(r.members.map((m) => m.role)).toEqual(['deputy']);
    expect(r.warnings.map((w) => w.code)).toContain('noLeaderCandidate');
    const other = suggestTeam({ pool: [qian], targetSectors: [], targetOrgIds: [id(9001)], settings: S });
    expect(other.members.map((m) => m.name)).toEqual(['钱组长']);
  });

  it('gives a team of 7 two deputies', () => {
    const r = suggestTeam({ pool, targetSectors: [], targetOrgIds: [EDU], settings: S, size: 7 });
    expect(r.members.map((m) => m.role)).toEqual([
      'leader',
      'deputy',
      'deputy',
      'member',
      'member',
      'member',
      'member',
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('keeps a member-only person free for a member place when a deputy can come from the 组长库', () => {
    const a = cand('甲', { pools: leaderPool });
    const e = cand('戊', { pools: leaderPool, workload: 5 });
    const b = cand('乙', { pools: staff, expertise: ['财务'] });
    const c = cand('丙');
    const d = cand('丁');
    const r = suggestTeam({ pool: [a, e, b, c, d], targetSectors: [], settings: S });
    expect(r.members.map((m) => `${m.name}:${m.role}`)).toEqual([
      '甲:leader',
      '戊:deputy',
      '乙:member',
      '丁:member',
      '丙:member',
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('takes a deputy from 财务/审计 when no member could be one', () => {
    const a = cand('甲', { pools: leaderPool });
    const audit = cand('审', { pools: leaderPool, expertise: ['审计'], workload: 4 });
    const light = cand('轻', { pools: staff });
    const members = [cand('子'), cand('丑'), cand('寅'), cand('卯')];
    const r = suggestTeam({ pool: [a, audit, light, ...members], targetSectors: [], settings: S });
    expect(r.members.find((m) => m.role === 'deputy')).toEqual({
      inspectorId: audit.id,
      name: '审',
      role: 'deputy',
      why: '组长库在库，本届承担4次任务，具备财务或审计专长（巡察组须配备财务或审计人员）',
    });
    expect(r.warnings).toEqual([]);
  });

  it('gives a deputy place above the minimum to a member when deputies run out', () => {
    const a = cand('甲', { pools: leaderPool });
    const b = cand('乙', { pools: staff });
    const members = ['子', '丑', '寅', '卯', '辰'].map((n, i) => cand(n, { expertise: i === 0 ? ['财务'] : [] }));
    const r = suggestTeam({ pool: [a, ...members, b], targetSectors: [], settings: S, size: 7 });
    expect(r.members.map((m) => m.role)).toEqual([
      'leader',
      'deputy',
      'member',
      'member',
      'member',
      'member',
      'member',
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('says what it could not find', () => {
    const r = suggestTeam({ pool: [zhou, feng], targetSectors: ['卫健', '其他'], settings: S });
    expect(r.members.map((m) => m.name)).toEqual(['周干部', '冯组员']);
    expect(r.warnings).toEqual([
      { code: 'teamTooSmall', message: '巡察组现有2人，少于规定的5人' },
      { code: 'leaderMissing', message: '巡察组尚未确定组长' },
      { code: 'financeOrAuditMissing', message: '巡察组中没有财务或审计专业人员' },
      { code: 'noLeaderCandidate', message: '组长库中没有可任组长的人选（须在库、无需回避且未曾带队巡察该单位）' },
      { code: 'sectorExpertiseMissing', message: '被巡察单位属卫健领域，建议配备卫健专长的人员，可选人员中没有' },
      {
        code: 'notEnoughMembers',
        message: '可任组员的人选不足（须为专职巡察干部或人才库在库人员且无需回避），还缺2人',
      },
    ]);
    const none = suggestTeam({ pool: [zhao], targetSectors: [], settings: S });
    expect(none.warnings.map((w) => w.code)).toContain('notEnoughDeputies');
  });

  it('refuses a size that is not a team', () => {
    expect(() => suggestTeam({ pool, targetSectors: [], settings: S, size: 0 })).toThrow(RangeError);
    expect(() => suggestTeam({ pool, targetSectors: [], settings: S, size: 2.5 })).toThrow(RangeError);
    expect(() => suggestTeam({ pool: [cand('负', { workload: -1 })], targetSectors: [], settings: S })).toThrow(
      RangeError,
    );
  });

  it('handles a pool of 5,000', () => {
    // A fixed pseudo-random pool, so the test is the same every run.
    let x = 42;
    const rnd = () => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return x / 2 ** 31;
    };
    const big = Array.from({ length: 5000 }, (_, i) =>
      cand(`干部${i}`, {
        pools: [{ pool: POOLS[Math.floor(rnd() * 3)]!, status: rnd() < 0.9 ? 'in' : 'out' }],
        expertise: EXPERTISE.filter(() => rnd() < 0.1),
        workload: Math.floor(rnd() * 5),
        ledTargetIds: rnd() < 0.2 ? [EDU] : [],
        conflicts: rnd() < 0.1 ? [CONFLICT] : [],
        memberConflicts: rnd() < 0.05 ? [CONFLICT] : [],
      }),
    );
    const input = { pool: big, targetSectors: ['教育', '城建', '财政金融'], targetOrgIds: [EDU], settings: S, size: 7 };
    // Its speed is measured in bench/suggestion.bench.ts, not timed here.
    const r = suggestTeam(input);
    expect(r.members).toHaveLength(7);
    expect(r.warnings).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const candArb = (n: number) =>
  fc.record({
    id: fc.constant(id(10_000 + n)),
    name: fc.constantFrom('张三', '李四', '王五', '赵六', '钱七'),
    pools: fc.uniqueArray(fc.record({ pool: fc.constantFrom(...POOLS), status: fc.constantFrom(...POOL_STATUSES) }), {
      selector: (p) => p.pool,
      maxLength: 3,
    }),
    expertise: fc.subarray([...EXPERTISE], { maxLength: 3 }),
    workload: fc.integer({ min: 0, max: 6 }),
    ledTargetIds: fc.constantFrom([], [EDU], [id(9001)]),
    conflicts: fc.constantFrom([], [CONFLICT]),
    memberConflicts: fc.constantFrom([], [CONFLICT]),
  });
const poolArb = fc
  .integer({ min: 0, max: 40 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => candArb(i))))
  .map((t) => [...t] as TTeamCandidate[]);

const settingsArb = fc
  .record({
    teamMin: fc.integer({ min: 3, max: 7 }),
    extra: fc.integer({ min: 0, max: 2 }),
    deputiesMin: fc.integer({ min: 0, max: 2 }),
    deputiesExtra: fc.integer({ min: 0, max: 1 }),
    requireFinanceOrAudit: fc.boolean(),
  })
  .map((s) => ({
    ...S,
    teamMin: s.teamMin,
    teamMax: s.teamMin + s.extra,
    deputiesMin: s.deputiesMin,
    deputiesMax: s.deputiesMin + s.deputiesExtra,
    requireFinanceOrAudit: s.requireFinanceOrAudit,
  }));

/**
 * A pool that can always make a valid team: a free leader, 3 free staff, 9 talent-pool members, one of
 * them from 财务 and on the staff too, so they can bring it as a deputy when a team has no member places.
 */
const coreArb = fc.integer({ min: 0, max: 8 }).chain((fa) =>
  fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 13, maxLength: 13 }).map((w): TTeamCandidate[] => [
    cand('核心组长', { id: id(20_000), pools: leaderPool, workload: w[0]! }),
    ...[1, 2, 3].map((i) => cand(`核心干部${i}`, { id: id(20_000 + i), pools: staff, workload: w[i]! })),
    ...Array.from({ length: 9 }, (_, i) =>
      cand(`核心组员${i}`, {
        id: id(20_010 + i),
        workload: w[4 + i]!,
        ...(i === fa
          ? { expertise: ['财务'], pools: [...staff, { pool: 'talentPool', status: 'in' }] as TTeamCandidate['pools'] }
          : {}),
      }),
    ),
  ]),
);
const sectorsArb = fc.subarray([...SECTORS], { maxLength: 3 });

describe('suggestTeam: properties', () => {
  it('never proposes anyone with a conflict for the role proposed, nor anyone twice', () => {
    fc.assert(
      fc.property(poolArb, sectorsArb, settingsArb, (pool, targetSectors, settings) => {
        const byId = new Map(pool.map((c) => [c.id, c]));
        const r = suggestTeam({ pool, targetSectors, targetOrgIds: [EDU], settings });
        expect(new Set(r.members.map((m) => m.inspectorId)).size).toBe(r.members.length);
        expect(r.members.length).toBeLessThanOrEqual(settings.teamMin);
        for (const m of r.members) {
          const c = byId.get(m.inspectorId)!;
          const inPool = (p: string) => c.pools.some((x) => x.pool === p && x.status === 'in');
          if (m.role === 'member') {
            expect(c.memberConflicts).toEqual([]);
            expect(inPool('staff') || inPool('talentPool')).toBe(true);
          } else {
            expect(c.conflicts).toEqual([]);
            expect(m.role === 'leader' ? inPool('leaderPool') : inPool('staff') || inPool('leaderPool')).toBe(true);
          }
          if (m.role === 'leader') expect(c.ledTargetIds).not.toContain(EDU);
        }
        expect(r.members.filter((m) => m.role === 'leader').length).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('meets the team rule whenever the pool allows it', () => {
    fc.assert(
      fc.property(
        poolArb,
        coreArb,
        sectorsArb,
        settingsArb,
        fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
        (noise, core, targetSectors, settings, over) => {
          const size = over === undefined ? undefined : Math.min(settings.teamMin + over, settings.teamMax);
          const pool = [...noise, ...core];
          const r = suggestTeam({ pool, targetSectors, targetOrgIds: [EDU], settings, size });
          const expertise = new Map(pool.map((c) => [c.id, c.expertise]));
          expect(r.members).toHaveLength(size ?? settings.teamMin);
          expect(
            teamWarnings(
              r.members.map((m) => ({ role: m.role, expertise: expertise.get(m.inspectorId)! })),
              settings,
            ),
          ).toEqual([]);
        },
      ),
    );
  });

  it('gives the same team whatever order the pool comes in', () => {
    fc.assert(
      fc.property(
        poolArb,
        coreArb,
        sectorsArb,
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        (noise, core, targetSectors, rnd) => {
          const pool = [...noise, ...core];
          const shuffled = pool
            .map((c) => ({ c, k: rnd.next().value }))
            .sort((a, b) => a.k - b.k)
            .map((p) => p.c);
          const input = { targetSectors, targetOrgIds: [EDU], settings: S };
          expect(suggestTeam({ ...input, pool: shuffled })).toEqual(suggestTeam({ ...input, pool }));
        },
      ),
    );
  });
});
