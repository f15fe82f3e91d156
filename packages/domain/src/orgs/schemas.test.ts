import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ORG_KINDS,
  ZAuthorityCreate,
  ZOrgCreate,
  ZOrgKind,
  ZOrgListQuery,
  ZOrgMerge,
  ZOrgUpdate,
  ZSector,
  zCreditCode,
} from './schemas.ts';

const AUTH = '0190a5f0-0000-7000-8000-000000000001';
const PARENT = '0190a5f0-0000-7000-8000-000000000002';
const base = { authorityId: AUTH, name: '赣州市教育局', kind: '市直单位' } as const;

describe('ZOrgCreate', () => {
  it('accepts a minimal organization and normalizes its name', () => {
    const r = ZOrgCreate.parse({ ...base, name: '  赣州市教育局 ' });
    expect(r).toEqual({ ...base });
  });

  it('accepts a full organization', () => {
    const r = ZOrgCreate.parse({
      ...base,
      parentId: PARENT,
      sector: '教育',
      creditCode: '９１３５０１００ｍ０００１００ｙ４３',
      establishedOn: '1983-07-01',
      leaders: [{ name: '张三', position: '党组书记、局长', since: '2021-03-01', until: null }],
    });
    expect(r.creditCode).toBe('91350100M000100Y43');
    expect(r.leaders).toHaveLength(1);
  });

  it.each(['isAdmin', 'status', 'id', 'version', '__proto__x', 'mergedIntoId'])(
    'rejects the unknown field %s',
    (key) => {
      const r = ZOrgCreate.safeParse({ ...base, [key]: 'x' });
      expect(r.success).toBe(false);
      expect(r.error?.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
    },
  );

  it('rejects an own __proto__ key instead of polluting the prototype', () => {
    const r = ZOrgCreate.safeParse(
      JSON.parse(`{"authorityId":"${AUTH}","name":"a","kind":"学校","__proto__":{"x":1}}`),
    );
    expect(r.success).toBe(false);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('rejects unknown fields in nested leaders', () => {
    const r = ZOrgCreate.safeParse({ ...base, leaders: [{ name: '张三', position: '书记', phone: '1' }] });
    expect(r.success).toBe(false);
  });

  it('caps the number of leaders with a Chinese message', () => {
    const leaders = Array.from({ length: 51 }, () => ({ name: '张三', position: '委员' }));
    const r = ZOrgCreate.safeParse({ ...base, leaders });
    expect(r.error?.issues.map((i) => i.message)).toEqual(['班子成员最多50人']);
  });

  it('rejects a name with a bidi override or over 80 characters, in Chinese', () => {
    expect(ZOrgCreate.safeParse({ ...base, name: '教育局\u202E' }).error?.issues[0]?.message).toBe(
      '单位名称包含不允许的控制字符或方向控制字符',
    );
    expect(ZOrgCreate.safeParse({ ...base, name: '局'.repeat(81) }).error?.issues[0]?.message).toBe(
      '单位名称不能超过80个字',
    );
    expect(ZOrgCreate.safeParse({ ...base, name: '局'.repeat(80) }).success).toBe(true);
  });

  it('rejects an impossible establishment date in Chinese', () => {
    expect(ZOrgCreate.safeParse({ ...base, establishedOn: '2023-02-30' }).error?.issues[0]?.message).toBe(
      '成立日期不是有效日期',
    );
  });

  it('rejects a malformed authority id in Chinese', () => {
    expect(ZOrgCreate.safeParse({ ...base, authorityId: '1' }).error?.issues[0]?.message).toBe('编号格式不正确');
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(() => ZOrgCreate.safeParse(input)).not.toThrow();
      }),
    );
  });
});

describe('ZOrgUpdate / ZOrgMerge / ZOrgListQuery', () => {
  it('require a version and reject unknown fields', () => {
    expect(ZOrgUpdate.safeParse({ name: 'x' }).success).toBe(false);
    expect(ZOrgUpdate.safeParse({ version: 1, authorityId: AUTH }).success).toBe(false);
    expect(ZOrgUpdate.parse({ version: 1 })).toEqual({ version: 1 });
    expect(ZOrgMerge.safeParse({ version: 1, intoId: PARENT, date: '2024-01-01', extra: 1 }).success).toBe(false);
  });

  it('defaults the list query', () => {
    expect(ZOrgListQuery.parse({})).toEqual({ status: 'active', limit: 50 });
    expect(ZOrgListQuery.parse({ limit: '20' }).limit).toBe(20);
    expect(ZOrgListQuery.safeParse({ limit: '501' }).success).toBe(false);
    expect(ZOrgListQuery.safeParse({ sort: 'name' }).success).toBe(false);
  });
});

describe('ZOrgKind / ZSector', () => {
  it('accepts every listed kind', () => {
    for (const k of ORG_KINDS) expect(ZOrgKind.parse(k)).toBe(k);
  });

  it('rejects an unknown kind with a Chinese message', () => {
    const r = ZOrgKind.safeParse('外资企业');
    expect(r.error?.issues.map((i) => i.message)).toEqual(['单位类别不在可选范围内']);
    expect(ZOrgKind.safeParse(3).error?.issues.map((i) => i.message)).toEqual(['单位类别不在可选范围内']);
  });

  it('rejects an unknown sector with a Chinese message', () => {
    expect(ZSector.safeParse('航天').error?.issues.map((i) => i.message)).toEqual(['系统/领域不在可选范围内']);
  });
});

describe('zCreditCode', () => {
  it('normalizes full width and lower case', () => {
    expect(zCreditCode.parse('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
    expect(zCreditCode.parse('91350100m000100y43')).toBe('91350100M000100Y43');
    expect(zCreditCode.parse('  91350100M000100Y43 ')).toBe('91350100M000100Y43');
  });

  it('turns an empty or blank value into null', () => {
    expect(zCreditCode.parse('')).toBeNull();
    expect(zCreditCode.parse('   ')).toBeNull();
  });

  it.each(['91350100M000100Y4', '91350100M000100Y433', '91350100I000100Y43', '91350100-000100Y43'])(
    'rejects %j with a Chinese message',
    (s) => {
      expect(zCreditCode.safeParse(s).error?.issues.map((i) => i.message)).toEqual([
        '统一社会信用代码应为18位数字或大写字母',
      ]);
    },
  );

  it('accepts null and absence in the organization schemas', () => {
    expect(ZOrgCreate.parse({ ...base, creditCode: null }).creditCode).toBeNull();
    expect(ZOrgCreate.parse({ ...base, creditCode: '' }).creditCode).toBeNull();
    expect('creditCode' in ZOrgCreate.parse(base)).toBe(false);
  });
});

describe('ZAuthorityCreate', () => {
  it('requires a six-digit region code when given', () => {
    const a = { name: '赣州市委巡察办', shortName: '市巡察办', level: 'city', parentAuthorityId: null };
    expect(ZAuthorityCreate.parse({ ...a, regionCode: '360700' }).regionCode).toBe('360700');
    expect(ZAuthorityCreate.safeParse({ ...a, regionCode: '3607' }).error?.issues[0]?.message).toBe(
      '行政区划代码应为6位数字',
    );
    expect(ZAuthorityCreate.safeParse({ ...a, level: 'province' }).success).toBe(false);
  });
});
