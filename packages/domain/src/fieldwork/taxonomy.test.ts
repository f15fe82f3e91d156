import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TAXONOMY_LEVELS } from './schemas.ts';
import {
  DEFAULT_TAXONOMY,
  type TTaxonomyNodeLike,
  taxonomyAncestry,
  taxonomyPath,
  taxonomyProblems,
  taxonomySubtree,
} from './taxonomy.ts';

const children = (id: string) => DEFAULT_TAXONOMY.filter((n) => n.parentId === id);

describe('DEFAULT_TAXONOMY', () => {
  it('is well formed and frozen', () => {
    expect(taxonomyProblems(DEFAULT_TAXONOMY)).toEqual([]);
    expect(Object.isFrozen(DEFAULT_TAXONOMY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_TAXONOMY[0])).toBe(true);
  });

  it("seeds 四个落实 with the issue's short names, and 三个聚焦 for villages", () => {
    const frameworks = DEFAULT_TAXONOMY.filter((n) => n.level === 'framework');
    expect(frameworks.map((f) => f.name)).toEqual(['四个落实', '三个聚焦']);
    expect(children('sgls').map((a) => [a.name, a.shortName])).toEqual([
      ['落实党的理论和路线方针政策及党中央决策部署', '党的领导'],
      ['落实全面从严治党战略部署', '全面从严治党'],
      ['落实新时代党的组织路线', '党的建设'],
      ['落实巡视巡察整改', '巡察整改'],
    ]);
    expect(children('sgjj').map((a) => a.name)).toEqual([
      '聚焦群众身边腐败问题和不正之风',
      '聚焦基层党组织软弱涣散、组织力欠缺',
      '聚焦惠民富民、促进共同富裕政策落实',
    ]);
    const types = DEFAULT_TAXONOMY.filter((n) => n.level === 'type').map((n) => n.name);
    for (const t of ['违反中央八项规定精神', '选人用人不规范', '财务管理不规范', '意识形态工作责任制落实不到位'])
      expect(types).toContain(t);
    for (const a of DEFAULT_TAXONOMY.filter((n) => n.level === 'aspect'))
      expect(children(a.id).length).toBeGreaterThan(2);
  });

  it('names the path of a node and its subtree', () => {
    expect(taxonomyPath(DEFAULT_TAXONOMY, 'sgls-2-03')).toEqual([
      '四个落实',
      '落实全面从严治党战略部署',
      '违反中央八项规定精神',
    ]);
    expect(taxonomyPath(DEFAULT_TAXONOMY, null)).toEqual([]);
    expect(taxonomyPath(DEFAULT_TAXONOMY, 'nope')).toEqual([]);
    expect(taxonomySubtree(DEFAULT_TAXONOMY, 'sgls-2')).toEqual(
      expect.arrayContaining(['sgls-2', 'sgls-2-01', 'sgls-2-08']),
    );
    expect(taxonomySubtree(DEFAULT_TAXONOMY, 'sgls-2')).toHaveLength(9);
    expect(taxonomySubtree(DEFAULT_TAXONOMY, 'nope')).toEqual([]);
  });
});

describe('taxonomyProblems', () => {
  const base: TTaxonomyNodeLike[] = [
    { id: 'f', parentId: null, level: 'framework', name: '框架', sortOrder: 1 },
    { id: 'a', parentId: 'f', level: 'aspect', name: '方面', sortOrder: 1 },
    { id: 't', parentId: 'a', level: 'type', name: '类型', sortOrder: 1 },
  ];
  const edit = (id: string, patch: Partial<TTaxonomyNodeLike>) =>
    base.map((n) => (n.id === id ? { ...n, ...patch } : n));

  it('names each kind of defect in Chinese', () => {
    expect(taxonomyProblems(base)).toEqual([]);
    expect(taxonomyProblems([...base, base[0] as TTaxonomyNodeLike])).toContain('分类编号重复：f');
    expect(taxonomyProblems(edit('a', { parentId: null }))).toContain('监督方面“方面”须有上级分类');
    expect(taxonomyProblems(edit('f', { parentId: 't' }))).toContain('监督框架“框架”不能有上级分类');
    expect(taxonomyProblems(edit('t', { parentId: 'f' }))).toContain('问题类型“类型”的上级应为监督方面');
    expect(taxonomyProblems(edit('t', { parentId: 'gone' }))).toContain('“类型”的上级分类不存在');
    expect(taxonomyProblems(edit('a', { parentId: 'a' })).join()).toContain('循环');
    expect(
      taxonomyProblems([...base, { id: 'a2', parentId: 'f', level: 'aspect', name: '方面', sortOrder: 2 }]),
    ).toContain('同一上级下的分类“方面”重名');
  });

  /** Random well-formed trees: frameworks, aspects under frameworks, types under aspects. */
  const treeArb = fc.array(fc.array(fc.nat(5), { maxLength: 5 }), { minLength: 1, maxLength: 4 }).map((fws) => {
    const nodes: TTaxonomyNodeLike[] = [];
    fws.forEach((aspects, i) => {
      nodes.push({ id: `f${i}`, parentId: null, level: 'framework', name: `框架${i}`, sortOrder: i });
      aspects.forEach((types, j) => {
        nodes.push({ id: `f${i}a${j}`, parentId: `f${i}`, level: 'aspect', name: `方面${j}`, sortOrder: j });
        for (let k = 0; k < types; k++)
          nodes.push({ id: `f${i}a${j}t${k}`, parentId: `f${i}a${j}`, level: 'type', name: `类型${k}`, sortOrder: k });
      });
    });
    return nodes;
  });

  it('accepts every well-formed tree, in any order (property)', () => {
    fc.assert(
      fc.property(
        treeArb.chain((t) => fc.shuffledSubarray(t, { minLength: t.length, maxLength: t.length })),
        (t) => {
          expect(taxonomyProblems(t)).toEqual([]);
          for (const n of t) {
            const path = taxonomyAncestry(t, n.id);
            expect(path.map((p) => p.level)).toEqual(TAXONOMY_LEVELS.slice(0, path.length));
            expect(path[path.length - 1]).toBe(n);
          }
        },
      ),
    );
  });

  it('finds a cycle or a level out of order made by re-parenting any node (property)', () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), fc.nat(), (t, i, j) => {
        const child = t[i % t.length] as TTaxonomyNodeLike;
        // Under itself or one of its own descendants: a cycle.
        const below = taxonomySubtree(t, child.id);
        const target = below[j % below.length] as string;
        const moved = t.map((n) => (n.id === child.id ? { ...n, parentId: target } : n));
        expect(taxonomyProblems(moved).length).toBeGreaterThan(0);
        // Anywhere at a level that is not the one just above: refused too.
        const wrong = t.find(
          (n) =>
            n.level !== 'framework' && TAXONOMY_LEVELS.indexOf(n.level) !== TAXONOMY_LEVELS.indexOf(child.level) - 1,
        );
        if (wrong && child.level !== 'framework')
          expect(
            taxonomyProblems(t.map((n) => (n.id === child.id ? { ...n, parentId: wrong.id } : n))).length,
          ).toBeGreaterThan(0);
      }),
    );
  });
});
