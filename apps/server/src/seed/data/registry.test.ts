import { creditCodeValid, ORG_KINDS, SECTORS, ZOrgLeader, zText } from '@xc/domain';
import { describe, expect, it } from 'vitest';
import { buildDemoRegistry } from './registry.ts';

const registry = buildDemoRegistry();
const { authorities, orgs } = registry;
const byKey = new Map(orgs.map((o) => [o.key, o]));

describe('demo registry counts', () => {
  it('has the city and its 18 county-level authorities', () => {
    expect(authorities).toHaveLength(19);
    expect(authorities.filter((a) => a.level === 'city').map((a) => a.regionCode)).toEqual(['360700']);
    const counties = authorities.filter((a) => a.level === 'county');
    expect(counties).toHaveLength(18);
    for (const a of counties) {
      expect(a.parentKey).toBe('city');
      expect(a.regionCode).toMatch(/^3607\d\d$/);
    }
    expect(new Set(authorities.map((a) => a.regionCode)).size).toBe(19);
  });

  it('has 110–116 city-level organizations besides the county committees, and all 18 committees', () => {
    const city = orgs.filter((o) => o.authorityKey === 'city');
    const committees = city.filter((o) => o.kind === '县(市、区)委');
    expect(committees).toHaveLength(18);
    const rest = city.length - committees.length;
    expect(rest).toBeGreaterThanOrEqual(110);
    expect(rest).toBeLessThanOrEqual(116);
    for (const kind of ['市直单位', '国有企业', '学校', '医院'] as const) {
      expect(city.some((o) => o.kind === kind)).toBe(true);
    }
  });

  it('has exactly 57 vertically managed units, 3–4 in every county', () => {
    const vertical = orgs.filter((o) => o.kind === '垂直管理驻县单位');
    expect(vertical).toHaveLength(57);
    for (const a of authorities.filter((x) => x.level === 'county')) {
      const n = vertical.filter((o) => o.authorityKey === a.key).length;
      expect(n, a.key).toBeGreaterThanOrEqual(3);
      expect(n, a.key).toBeLessThanOrEqual(4);
    }
  });

  it('gives every county units and townships, and the two full counties their villages', () => {
    for (const a of authorities.filter((x) => x.level === 'county')) {
      const own = orgs.filter((o) => o.authorityKey === a.key);
      const units = own.filter((o) => o.kind === '县直单位').length;
      expect(units, a.key).toBeGreaterThanOrEqual(10);
      expect(
        own.some((o) => o.kind === '乡镇(街道)'),
        a.key,
      ).toBe(true);
    }
    const villages = orgs.filter((o) => o.kind === '村(社区)');
    expect(villages.length).toBeGreaterThanOrEqual(300);
    for (const key of ['nankang', 'yudu']) {
      expect(villages.filter((o) => o.authorityKey === key).length, key).toBeGreaterThanOrEqual(150);
      const units = orgs.filter((o) => o.authorityKey === key && o.kind === '县直单位').length;
      expect(units, key).toBeGreaterThanOrEqual(60);
      expect(units, key).toBeLessThanOrEqual(90);
    }
  });

  it('puts 8–20 villages under every active township of the full counties', () => {
    const towns = orgs.filter(
      (o) => (o.authorityKey === 'nankang' || o.authorityKey === 'yudu') && o.kind === '乡镇(街道)' && !o.abolishedOn,
    );
    for (const t of towns) {
      const n = orgs.filter((o) => o.parentKey === t.key).length;
      expect(n, t.name).toBeGreaterThanOrEqual(8);
      expect(n, t.name).toBeLessThanOrEqual(20);
    }
  });
});

describe('demo registry integrity', () => {
  it('has unique keys and unique names within each parent', () => {
    expect(byKey.size).toBe(orgs.length);
    const seen = new Set<string>();
    for (const o of orgs) {
      const k = `${o.authorityKey}|${o.parentKey}|${o.name}`;
      expect(seen.has(k), k).toBe(false);
      seen.add(k);
    }
  });

  it('points parents and merge targets at existing organizations of the same authority, listed earlier', () => {
    const authorityKeys = new Set(authorities.map((a) => a.key));
    const position = new Map(orgs.map((o, i) => [o.key, i]));
    for (const o of orgs) {
      expect(authorityKeys.has(o.authorityKey), o.key).toBe(true);
      for (const ref of [o.parentKey, o.mergedIntoKey]) {
        if (ref === null) continue;
        const target = byKey.get(ref);
        expect(target, `${o.key} → ${ref}`).toBeDefined();
        expect(target?.authorityKey, o.key).toBe(o.authorityKey);
        expect(position.get(ref)!, o.key).toBeLessThan(position.get(o.key)!);
      }
    }
  });

  it('gives villages names unique within their county', () => {
    const seen = new Set<string>();
    for (const o of orgs.filter((x) => x.kind === '村(社区)')) {
      const k = `${o.authorityKey}|${o.name}`;
      expect(seen.has(k), k).toBe(false);
      seen.add(k);
    }
  });

  it('keeps villages under townships and top-level units without a parent outside their own tree', () => {
    for (const o of orgs) {
      if (o.kind === '村(社区)') expect(byKey.get(o.parentKey ?? '')?.kind, o.key).toBe('乡镇(街道)');
      if (o.kind === '乡镇(街道)') expect(o.parentKey, o.key).toBeNull();
    }
  });

  it('has valid, unique credit codes with the right registration category', () => {
    const codes = new Set<string>();
    for (const o of orgs) {
      if (o.creditCode === null) continue;
      expect(creditCodeValid(o.creditCode), `${o.name} ${o.creditCode}`).toBe(true);
      expect(codes.has(o.creditCode), o.creditCode).toBe(false);
      codes.add(o.creditCode);
      if (o.kind === '村(社区)') expect(o.creditCode.slice(0, 2)).toBe('54');
      if (o.kind === '国有企业') expect(o.creditCode.slice(0, 2)).toBe('91');
    }
    const villages = orgs.filter((o) => o.kind === '村(社区)');
    expect(villages.filter((o) => o.creditCode).length / villages.length).toBeGreaterThan(0.8);
    expect(orgs.filter((o) => o.kind !== '村(社区)' && o.kind !== '县(市、区)委').every((o) => o.creditCode)).toBe(
      true,
    );
  });

  it('uses only the allowed kinds and sectors', () => {
    const kinds = new Set<string>(ORG_KINDS);
    const sectors = new Set<string>(SECTORS);
    for (const o of orgs) {
      expect(kinds.has(o.kind), o.key).toBe(true);
      if (o.sector !== null) expect(sectors.has(o.sector), o.key).toBe(true);
    }
  });

  it('has coherent lifecycles: end after start, merges only into organizations alive at the time', () => {
    const iso = /^\d{4}-\d{2}-\d{2}$/;
    for (const o of orgs) {
      if (o.establishedOn) expect(o.establishedOn).toMatch(iso);
      if (o.abolishedOn) expect(o.abolishedOn).toMatch(iso);
      if (o.establishedOn && o.abolishedOn) expect(o.abolishedOn >= o.establishedOn, o.key).toBe(true);
      if (o.mergedIntoKey) {
        expect(o.abolishedOn, o.key).not.toBeNull();
        const into = byKey.get(o.mergedIntoKey)!;
        expect(into.abolishedOn, o.key).toBeNull();
        if (into.establishedOn) expect(into.establishedOn <= o.abolishedOn!, o.key).toBe(true);
      }
    }
    const ended = orgs.filter((o) => o.abolishedOn);
    expect(ended.length).toBeGreaterThanOrEqual(5);
    expect(ended.some((o) => o.kind === '乡镇(街道)')).toBe(true);
  });

  it('names fit the schema limits', () => {
    const orgName = zText('单位名称', { max: 80 });
    for (const o of orgs) expect(orgName.safeParse(o.name).success, o.name).toBe(true);
    for (const a of authorities) {
      expect(zText('机构名称', { max: 60 }).safeParse(a.name).success, a.name).toBe(true);
      expect(zText('简称', { max: 20 }).safeParse(a.shortName).success, a.shortName).toBe(true);
    }
  });
});

describe('demo registry leaders', () => {
  const sizes: Record<string, readonly [number, number]> = {
    '乡镇(街道)': [2, 4],
    '村(社区)': [1, 3],
  };

  it('have plausible team sizes, valid fields and dates inside the organization’s life', () => {
    const names = new Map<string, string>();
    for (const o of orgs) {
      const [min, max] = sizes[o.kind] ?? [3, 6];
      expect(o.leaders.length, o.key).toBeGreaterThanOrEqual(min);
      expect(o.leaders.length, o.key).toBeLessThanOrEqual(max);
      for (const l of o.leaders) {
        expect(ZOrgLeader.safeParse(l).success, `${o.key} ${l.name}`).toBe(true);
        expect(l.since >= '2012-01-01' && l.since <= '2024-12-31', `${o.key} ${l.since}`).toBe(true);
        if (l.until !== null) expect(l.until > l.since, `${o.key} ${l.name}`).toBe(true);
        if (o.establishedOn) expect(l.since >= o.establishedOn, `${o.key} ${l.name}`).toBe(true);
        if (o.abolishedOn) expect(l.until !== null && l.until <= o.abolishedOn, `${o.key} ${l.name}`).toBe(true);
        // One fictional person, one organization: a name never shows up twice.
        expect(names.get(l.name), l.name).toBeUndefined();
        names.set(l.name, o.key);
      }
    }
  });

  it('show some history: past leaders with an end date', () => {
    const past = orgs.flatMap((o) => (o.abolishedOn ? [] : o.leaders.filter((l) => l.until !== null)));
    expect(past.length).toBeGreaterThan(200);
  });
});

describe('demo registry generation', () => {
  it('is deterministic', () => {
    expect(buildDemoRegistry()).toEqual(registry);
  });
});
