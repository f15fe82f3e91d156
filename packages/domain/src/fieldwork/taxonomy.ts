import { TAXONOMY_LEVEL_LABELS, TAXONOMY_LEVELS, type TTaxonomyLevel } from './schemas.ts';

/**
 * The problem taxonomy of domain.md §5: framework → aspect → type, one tree per authority, which the
 * office edits. `id` and `parentId` are whatever the caller uses: UUIDs in the database, the stable
 * keys of DEFAULT_TAXONOMY in the seed.
 */
export interface TTaxonomyNodeLike {
  id: string;
  parentId: string | null;
  level: TTaxonomyLevel;
  name: string;
  shortName?: string | null;
  sortOrder: number;
}

type TSeedAspect = readonly [name: string, shortName: string | null, types: readonly string[]];

function tree(
  framework: readonly [key: string, name: string, sortOrder: number],
  aspects: readonly TSeedAspect[],
): TTaxonomyNodeLike[] {
  const [fk, fname, order] = framework;
  const out: TTaxonomyNodeLike[] = [{ id: fk, parentId: null, level: 'framework', name: fname, sortOrder: order }];
  aspects.forEach(([name, shortName, types], i) => {
    const ak = `${fk}-${i + 1}`;
    out.push({ id: ak, parentId: fk, level: 'aspect', name, shortName, sortOrder: i + 1 });
    types.forEach((t, j) => {
      out.push({
        id: `${ak}-${String(j + 1).padStart(2, '0')}`,
        parentId: ak,
        level: 'type',
        name: t,
        sortOrder: j + 1,
      });
    });
  });
  return out;
}

/**
 * The seed every new authority starts from. 四个落实 is the framework of 政治巡察 for units and
 * departments (the short names 党的领导 / 全面从严治党 / 党的建设 / 巡察整改); 三个聚焦 is the
 * one for villages and communities (村（社区）巡察). Types are the problems offices record most.
 */
export const DEFAULT_TAXONOMY: readonly Readonly<TTaxonomyNodeLike>[] = Object.freeze(
  [
    ...tree(
      ['sgls', '四个落实', 1],
      [
        [
          '落实党的理论和路线方针政策及党中央决策部署',
          '党的领导',
          [
            '学习贯彻习近平新时代中国特色社会主义思想不深入',
            '贯彻落实党中央决策部署和上级工作要求不到位',
            '履行职能责任、服务高质量发展不到位',
            '意识形态工作责任制落实不到位',
            '防范化解重大风险不力',
            '群众身边的急难愁盼问题解决不到位',
          ],
        ],
        [
          '落实全面从严治党战略部署',
          '全面从严治党',
          [
            '全面从严治党主体责任落实不到位',
            '监督责任落实不到位',
            '违反中央八项规定精神',
            '形式主义、官僚主义',
            '财务管理不规范',
            '工程项目管理不规范',
            '政府采购和资产资源管理不规范',
            '重点领域廉洁风险防控不到位',
          ],
        ],
        [
          '落实新时代党的组织路线',
          '党的建设',
          [
            '领导班子建设薄弱、民主集中制执行不到位',
            '选人用人不规范',
            '干部队伍建设和管理监督不严',
            '基层党组织建设薄弱',
            '党内政治生活不严肃不规范',
            '党员发展和教育管理不规范',
          ],
        ],
        [
          '落实巡视巡察整改',
          '巡察整改',
          [
            '整改主体责任落实不到位',
            '上轮巡视巡察反馈问题整改不到位',
            '整改成果运用和建章立制不到位',
            '审计等其他监督发现问题整改不到位',
          ],
        ],
      ],
    ),
    ...tree(
      ['sgjj', '三个聚焦', 2],
      [
        [
          '聚焦群众身边腐败问题和不正之风',
          '群众身边腐败',
          [
            '侵占挪用惠民惠农资金',
            '农村集体“三资”管理不规范',
            '村级工程项目和资源发包不规范',
            '优亲厚友、吃拿卡要',
            '村务公开不到位',
          ],
        ],
        [
          '聚焦基层党组织软弱涣散、组织力欠缺',
          '基层党组织建设',
          [
            '村（社区）党组织书记履职不力',
            '“三会一课”等组织生活不规范',
            '党员发展和管理不规范',
            '村务监督委员会作用发挥不充分',
            '宗族势力和黑恶势力干扰基层治理',
          ],
        ],
        [
          '聚焦惠民富民、促进共同富裕政策落实',
          '惠民政策落实',
          [
            '巩固拓展脱贫攻坚成果不到位',
            '乡村振兴政策落实不到位',
            '村级集体经济发展滞后',
            '惠民政策落实“最后一公里”问题',
          ],
        ],
      ],
    ),
  ].map((n) => Object.freeze(n)),
);

const LEVEL_INDEX: Record<TTaxonomyLevel, number> = { framework: 0, aspect: 1, type: 2 };

/**
 * Chinese reasons a tree is not well formed, empty when it is: ids unique; frameworks at the root;
 * every other node under an existing node of the level just above (an aspect under a framework, a
 * type under an aspect), which also rules out cycles, checked on their own as well so that a message
 * names them; no two siblings with the same name.
 */
export function taxonomyProblems(nodes: readonly TTaxonomyNodeLike[]): string[] {
  const out: string[] = [];
  const byId = new Map<string, TTaxonomyNodeLike>();
  for (const n of nodes) {
    if (byId.has(n.id)) out.push(`分类编号重复：${n.id}`);
    byId.set(n.id, n);
  }
  for (const n of nodes) {
    if (!(TAXONOMY_LEVELS as readonly string[]).includes(n.level)) {
      out.push(`“${n.name}”的层级不在可选范围内`);
      continue;
    }
    if (n.parentId === null) {
      if (n.level !== 'framework') out.push(`${TAXONOMY_LEVEL_LABELS[n.level]}“${n.name}”须有上级分类`);
      continue;
    }
    if (n.level === 'framework') {
      out.push(`监督框架“${n.name}”不能有上级分类`);
      continue;
    }
    const parent = byId.get(n.parentId);
    if (!parent) {
      out.push(`“${n.name}”的上级分类不存在`);
      continue;
    }
    if (LEVEL_INDEX[parent.level] !== LEVEL_INDEX[n.level] - 1) {
      const want = TAXONOMY_LEVELS[LEVEL_INDEX[n.level] - 1] as TTaxonomyLevel;
      out.push(`${TAXONOMY_LEVEL_LABELS[n.level]}“${n.name}”的上级应为${TAXONOMY_LEVEL_LABELS[want]}`);
    }
  }
  for (const n of nodes) {
    const seen = new Set<string>([n.id]);
    for (let p = n.parentId === null ? undefined : byId.get(n.parentId); p; ) {
      if (seen.has(p.id)) {
        out.push(`分类“${n.name}”的上级关系形成循环`);
        break;
      }
      seen.add(p.id);
      p = p.parentId === null ? undefined : byId.get(p.parentId);
    }
  }
  const siblings = new Set<string>();
  for (const n of nodes) {
    const key = `${n.parentId ?? ''}\u0000${n.name}`;
    if (siblings.has(key)) out.push(`同一上级下的分类“${n.name}”重名`);
    siblings.add(key);
  }
  return [...new Set(out)];
}

/** The nodes from the framework down to `id` (empty for an unknown id); stops at a cycle. */
export function taxonomyAncestry<T extends TTaxonomyNodeLike>(nodes: readonly T[], id: string): T[] {
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const path: T[] = [];
  const seen = new Set<string>();
  for (let n = byId.get(id); n && !seen.has(n.id); n = n.parentId === null ? undefined : byId.get(n.parentId)) {
    seen.add(n.id);
    path.unshift(n);
  }
  return path;
}

/** Names from the framework down to `id`: ZFinding.taxonomyPath. */
export function taxonomyPath(nodes: readonly TTaxonomyNodeLike[], id: string | null): string[] {
  return id === null ? [] : taxonomyAncestry(nodes, id).map((n) => n.name);
}

/** `id` and every node under it: a filter on a node selects its whole subtree. */
export function taxonomySubtree(nodes: readonly TTaxonomyNodeLike[], id: string): string[] {
  const children = new Map<string, string[]>();
  for (const n of nodes) if (n.parentId !== null) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const out: string[] = [];
  const seen = new Set<string>();
  const stack = nodes.some((n) => n.id === id) ? [id] : [];
  while (stack.length) {
    const cur = stack.pop() as string;
    if (seen.has(cur)) continue;
    seen.add(cur);
    out.push(cur);
    stack.push(...(children.get(cur) ?? []));
  }
  return out;
}
