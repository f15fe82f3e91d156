import { describe, expect, it } from 'vitest';
import { PHRASE_SEED } from './phrases.ts';
import { REGULATION_SEED } from './regulations.ts';
import { ZPhraseCreate, ZRegulationCreate } from './schemas.ts';
import { DEFAULT_TAXONOMY } from './taxonomy.ts';

describe('REGULATION_SEED', () => {
  it('holds a few dozen entries the library accepts, each code once', () => {
    expect(REGULATION_SEED.length).toBeGreaterThanOrEqual(30);
    for (const r of REGULATION_SEED) expect(ZRegulationCreate.parse(r)).toEqual(r);
    expect(new Set(REGULATION_SEED.map((r) => r.code)).size).toBe(REGULATION_SEED.length);
    expect(Object.isFrozen(REGULATION_SEED)).toBe(true);
  });

  it('covers the five regulations a team cites', () => {
    const titles = new Set(REGULATION_SEED.map((r) => r.title.replace(/（.*）$/, '')));
    expect([...titles].sort()).toEqual(
      [
        '《中国共产党纪律处分条例》',
        '《中国共产党巡视工作条例》',
        '《中国共产党廉洁自律准则》',
        '《关于新形势下党内政治生活的若干准则》',
        '《中国共产党问责条例》',
      ].sort(),
    );
  });

  it('cites the 2023 纪律处分条例 for each of the 六大纪律 and the 八项规定', () => {
    const jlcf = (n: string) =>
      REGULATION_SEED.find((r) => r.title.startsWith('《中国共产党纪律处分条例》') && r.article.startsWith(n));
    expect(jlcf('第五十六条')?.text).toContain('只表态不落实');
    expect(jlcf('第七十七条')?.text).toContain('民主集中制');
    expect(jlcf('第一百一十三条')?.text).toContain('公款支付的宴请');
    expect(jlcf('第一百二十四条')?.text).toContain('优亲厚友');
    expect(jlcf('第一百三十二条')?.text).toContain('形式主义、官僚主义');
    expect(jlcf('第一百五十条')?.text).toContain('生活奢靡');
  });
});

describe('PHRASE_SEED', () => {
  it('has both libraries, every sentence valid, under a node of the default taxonomy', () => {
    const ids = new Set(DEFAULT_TAXONOMY.map((n) => n.id));
    expect(PHRASE_SEED.filter((p) => p.kind === 'problem').length).toBeGreaterThanOrEqual(10);
    expect(PHRASE_SEED.filter((p) => p.kind === 'suggestion').length).toBeGreaterThanOrEqual(8);
    for (const p of PHRASE_SEED) {
      expect(ZPhraseCreate.safeParse({ kind: p.kind, text: p.text }).success).toBe(true);
      if (p.taxonomyKey !== null) expect(ids.has(p.taxonomyKey)).toBe(true);
      expect(p.text).toMatch(/。$/);
    }
    expect(new Set(PHRASE_SEED.map((p) => p.text)).size).toBe(PHRASE_SEED.length);
  });
});
