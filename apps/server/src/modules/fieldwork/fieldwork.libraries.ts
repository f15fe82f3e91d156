import {
  DEFAULT_TAXONOMY,
  PHRASE_SEED,
  REGULATION_SEED,
  searchKey,
  type TFieldworkSettings,
  type TPhrase,
  type TPhraseCreate,
  type TPhraseListQuery,
  type TPhraseUpdate,
  type TRegulationCreate,
  type TRegulationOut,
  type TRegulationUpdate,
  type TTaxonomyLevel,
  type TTaxonomyNode,
  type TTaxonomyNodeCreate,
  type TTaxonomyNodeUpdate,
  taxonomyProblems,
  ZFieldworkSettings,
} from '@xc/domain';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { fieldworkSettings, findings, phrases, regulations, taxonomyNodes } from '../../db/schema/fieldwork.ts';
import { notFound, scopeFor } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere, type Db, lastingAnswers } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginate } from '../../platform/pagination.ts';
import { orgsByIds } from '../orgs/index.ts';
import { authorityFor, bad, conflict, stale } from './fieldwork.access.ts';

// The libraries every authority keeps for its teams — 定性依据 (regulations), the problem taxonomy,
// the wording library — and the fieldwork settings. A new authority starts from the domain's seeds
// the first time anyone opens one of them.

type TaxonomyRow = typeof taxonomyNodes.$inferSelect;

const likeOf = (q: string) => `%${searchKey(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The libraries an authority starts from (the domain's seeds) as rows: the taxonomy with fresh ids
 * and its parents linked, the regulations, and the phrases under their taxonomy nodes. Rows get
 * increasing timestamps so the seed's order is the list order.
 */
/** Authorities whose libraries are known to be seeded: seeding happens once and is never undone. */
const seeded = new Set<string>();

/**
 * Taxonomies read in the last half minute, by authority. Lists name every finding's path, and a
 * page may span many authorities; a change made here drops the entry at once, one made by another
 * instance shows within the half minute.
 */
const TAXONOMY_TTL_MS = 30_000;
const taxonomyCache = new Map<string, { rows: Promise<TaxonomyRow[]>; at: number }>();
const forgetTaxonomy = (authorityId: string) => taxonomyCache.delete(authorityId);

export function libraryRows(authorityId: string, now: Date) {
  const taxonomy = seedTaxonomyRows(authorityId);
  const byKey = new Map(taxonomy.map((n) => [n.seedKey, n.id as string]));
  const t0 = now.getTime();
  return {
    taxonomy,
    regulations: REGULATION_SEED.map((r, i) => ({
      id: uuidv7(t0),
      authorityId,
      ...r,
      searchKey: searchKey(`${r.title}${r.article}${r.text}${r.code}`),
      createdAt: new Date(t0 + i),
    })),
    phrases: PHRASE_SEED.map((p, i) => ({
      id: uuidv7(t0),
      authorityId,
      kind: p.kind,
      taxonomyNodeId: p.taxonomyKey ? (byKey.get(p.taxonomyKey) ?? null) : null,
      text: p.text,
      searchKey: searchKey(p.text),
      createdAt: new Date(t0 + i),
    })),
  };
}

/**
 * Seeds the authority's libraries once: the settings row is created if missing and locked, so two
 * first visits do not both seed.
 */
export async function ensureLibraries(db: Db, authorityId: string, now: Date): Promise<void> {
  if (seeded.has(authorityId)) return;
  const row = (
    await db
      .select({ at: fieldworkSettings.librariesSeededAt })
      .from(fieldworkSettings)
      .where(eq(fieldworkSettings.authorityId, authorityId))
  )[0];
  if (row?.at) {
    seeded.add(authorityId);
    return;
  }
  await db.transaction(async (tx) => {
    await tx.insert(fieldworkSettings).values({ authorityId, value: {}, version: 0 }).onConflictDoNothing();
    const locked = (
      await tx
        .select({ at: fieldworkSettings.librariesSeededAt })
        .from(fieldworkSettings)
        .where(eq(fieldworkSettings.authorityId, authorityId))
        .for('update')
    )[0];
    if (locked?.at) return;
    const rows = libraryRows(authorityId, now);
    await tx.insert(taxonomyNodes).values(rows.taxonomy);
    await tx.insert(regulations).values(rows.regulations);
    await tx.insert(phrases).values(rows.phrases);
    await tx
      .update(fieldworkSettings)
      .set({ librariesSeededAt: now })
      .where(eq(fieldworkSettings.authorityId, authorityId));
  });
}

/** DEFAULT_TAXONOMY as rows of one authority: fresh ids, parents linked, the seed key kept. */
export function seedTaxonomyRows(authorityId: string): (typeof taxonomyNodes.$inferInsert)[] {
  const id = new Map(DEFAULT_TAXONOMY.map((n) => [n.id, uuidv7()]));
  return DEFAULT_TAXONOMY.map((n) => ({
    id: id.get(n.id) as string,
    authorityId,
    parentId: n.parentId ? (id.get(n.parentId) as string) : null,
    level: n.level,
    name: n.name,
    shortName: n.shortName ?? null,
    sortOrder: n.sortOrder,
    seedKey: n.id,
  }));
}

// ---------------------------------------------------------------- settings

/** The authority's fieldwork settings, defaults filled in. */
export async function settingsOf(db: Db, authorityId: string): Promise<TFieldworkSettings> {
  const row = (
    await db
      .select({ value: fieldworkSettings.value })
      .from(fieldworkSettings)
      .where(eq(fieldworkSettings.authorityId, authorityId))
  )[0];
  return ZFieldworkSettings.parse(row?.value ?? {});
}

async function settingsResponse(db: Db, authorityId: string) {
  const row = (await db.select().from(fieldworkSettings).where(eq(fieldworkSettings.authorityId, authorityId)))[0];
  return {
    authorityId,
    settings: ZFieldworkSettings.parse(row?.value ?? {}),
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt?.toISOString() ?? null,
  };
}

export async function getFieldworkSettings(deps: AppDeps, ctx: RequestCtx, authorityId: string) {
  return settingsResponse(deps.db, authorityFor(ctx, 'fieldwork:read', authorityId));
}

export async function putFieldworkSettings(
  deps: AppDeps,
  ctx: RequestCtx,
  authorityId: string,
  input: { version: number; settings: TFieldworkSettings },
) {
  const { db, clock } = deps;
  const aid = authorityFor(ctx, 'library:manage', authorityId);
  const receivers = [input.settings.receiverOrgs.discipline, input.settings.receiverOrgs.organization];
  const orgs = await orgsByIds(db, receivers);
  for (const id of receivers)
    if (id && (orgs.get(id)?.authorityId !== aid || orgs.get(id)?.status !== 'active'))
      throw bad('线索接收单位须为本机构名录中的存续单位', { field: 'settings.receiverOrgs' });
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx.insert(fieldworkSettings).values({ authorityId: aid, value: {}, version: 0 }).onConflictDoNothing();
    const res = await tx
      .update(fieldworkSettings)
      .set({ value: input.settings, version: input.version + 1, updatedAt: now })
      .where(and(eq(fieldworkSettings.authorityId, aid), eq(fieldworkSettings.version, input.version)))
      .returning({ v: fieldworkSettings.version });
    if (!res.length) throw stale('设置');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'fieldwork.settings',
      objectType: 'authority',
      objectId: aid,
      detail: { settings: input.settings },
    });
  });
  return settingsResponse(db, aid);
}

// ---------------------------------------------------------------- regulations (定性依据库)

function regulationDto(r: typeof regulations.$inferSelect): TRegulationOut {
  return {
    id: r.id,
    authorityId: r.authorityId,
    code: r.code,
    title: r.title,
    article: r.article,
    text: r.text,
    version: r.version,
  };
}

export async function listRegulations(
  deps: AppDeps,
  ctx: RequestCtx,
  q: { authorityId?: string; q?: string; limit: number; cursor?: string },
) {
  const { db, clock } = deps;
  const aid = authorityFor(ctx, 'fieldwork:read', q.authorityId);
  await ensureLibraries(db, aid, clock.now());
  const conds: SQL[] = [eq(regulations.authorityId, aid)];
  if (q.q) conds.push(sql`${regulations.searchKey} like ${likeOf(q.q)}`);
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['timestamp', 'uuid'],
    after: ([at, id]) => sql`(${regulations.createdAt}, ${regulations.id}) > (${at}::timestamptz, ${id}::uuid)`,
    count: () => countWhere(db, regulations, and(...conds)),
    fetch: (from, n) =>
      db
        .select()
        .from(regulations)
        .where(and(...conds, from))
        .orderBy(asc(regulations.createdAt), asc(regulations.id))
        .limit(n),
    key: (r) => [r.createdAt.toISOString(), r.id],
  });
  return { items: page.rows.map(regulationDto), total: page.total, nextCursor: page.nextCursor };
}

/** Regulations by id, for papers and findings (no scope check: callers pass their authority). */
export async function regulationRefs(db: Db, authorityId: string, ids: readonly string[]) {
  if (!ids.length) return new Map<string, { id: string; code: string; title: string; article: string }>();
  const rows = await db
    .select({ id: regulations.id, code: regulations.code, title: regulations.title, article: regulations.article })
    .from(regulations)
    .where(and(eq(regulations.authorityId, authorityId), inArray(regulations.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r]));
}

/** 400 unless every id is a regulation of the authority's library. */
export async function assertRegulations(db: Db, authorityId: string, ids: readonly string[]): Promise<void> {
  const found = await regulationRefs(db, authorityId, ids);
  if (ids.some((id) => !found.has(id))) throw bad('定性依据须从本机构的定性依据库中选择', { field: 'regulationIds' });
}

async function assertCodeFree(db: Db, authorityId: string, code: string, except?: string) {
  const dup = await db
    .select({ id: regulations.id })
    .from(regulations)
    .where(and(eq(regulations.authorityId, authorityId), eq(regulations.code, code)));
  if (dup.some((d) => d.id !== except)) throw conflict(`简称编码“${code}”已被使用`);
}

export async function createRegulation(
  deps: AppDeps,
  ctx: RequestCtx,
  authorityId: string | undefined,
  input: TRegulationCreate,
) {
  const { db, clock } = deps;
  const aid = authorityFor(ctx, 'library:manage', authorityId);
  const now = clock.now();
  await ensureLibraries(db, aid, now);
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await assertCodeFree(tx, aid, input.code);
    await tx.insert(regulations).values({
      id,
      authorityId: aid,
      ...input,
      searchKey: searchKey(`${input.title}${input.article}${input.text}${input.code}`),
      createdAt: now,
    });
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'regulation.create',
      objectType: 'regulation',
      objectId: id,
      detail: { code: input.code },
    });
  });
  return regulationDto(
    (await db.select().from(regulations).where(eq(regulations.id, id)))[0] as typeof regulations.$inferSelect,
  );
}

export async function updateRegulation(deps: AppDeps, ctx: RequestCtx, id: string, input: TRegulationUpdate) {
  const { db, clock } = deps;
  const cur = (await db.select().from(regulations).where(eq(regulations.id, id)))[0];
  const scope = scopeFor(ctx.actor, 'library:manage');
  if (!cur || !(scope.all || scope.authorityIds.includes(cur.authorityId))) throw notFound('定性依据');
  const now = clock.now();
  const { version, ...changes } = input;
  const next = { ...cur, ...changes };
  await db.transaction(async (tx) => {
    if (changes.code && changes.code !== cur.code) await assertCodeFree(tx, cur.authorityId, changes.code, id);
    const res = await tx
      .update(regulations)
      .set({
        ...changes,
        searchKey: searchKey(`${next.title}${next.article}${next.text}${next.code}`),
        version: cur.version + 1,
      })
      .where(and(eq(regulations.id, id), eq(regulations.version, version)))
      .returning({ id: regulations.id });
    if (!res.length) throw stale('定性依据');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'regulation.update',
      objectType: 'regulation',
      objectId: id,
      detail: { fields: Object.keys(changes) },
    });
  });
  return regulationDto(
    (await db.select().from(regulations).where(eq(regulations.id, id)))[0] as typeof regulations.$inferSelect,
  );
}

// ---------------------------------------------------------------- taxonomy (问题分类)

function nodeDto(n: TaxonomyRow): TTaxonomyNode {
  return {
    id: n.id,
    authorityId: n.authorityId,
    parentId: n.parentId,
    level: n.level as TTaxonomyLevel,
    name: n.name,
    shortName: n.shortName,
    sortOrder: n.sortOrder,
    version: n.version,
  };
}

/**
 * The authority whose tree a taxonomy node is in (a node never moves to another authority's tree,
 * so an answer holds for the life of the process). No scope check.
 */
export async function authorityOfNode(db: Db, nodeId: string): Promise<string | null> {
  const hit = nodeAuthorities.get(db, nodeId);
  if (hit) return hit;
  const [row] = await db
    .select({ authorityId: taxonomyNodes.authorityId })
    .from(taxonomyNodes)
    .where(eq(taxonomyNodes.id, nodeId));
  if (row) nodeAuthorities.set(db, nodeId, row.authorityId);
  return row?.authorityId ?? null;
}
const nodeAuthorities = lastingAnswers<string>();

/** The authority's taxonomy, seeded on first use, in display order. No scope check. */
export function taxonomyRows(db: Db, authorityId: string, now: Date = new Date()): Promise<TaxonomyRow[]> {
  const hit = taxonomyCache.get(authorityId);
  if (hit && now.getTime() - hit.at < TAXONOMY_TTL_MS && now.getTime() >= hit.at) return hit.rows;
  const rows = (async () => {
    await ensureLibraries(db, authorityId, now);
    return db
      .select()
      .from(taxonomyNodes)
      .where(eq(taxonomyNodes.authorityId, authorityId))
      .orderBy(asc(taxonomyNodes.sortOrder), asc(taxonomyNodes.name), asc(taxonomyNodes.id));
  })();
  taxonomyCache.set(authorityId, { rows, at: now.getTime() });
  rows.catch(() => forgetTaxonomy(authorityId));
  return rows;
}

export async function getTaxonomy(deps: AppDeps, ctx: RequestCtx, authorityId?: string) {
  const aid = authorityFor(ctx, 'fieldwork:read', authorityId);
  return { items: (await taxonomyRows(deps.db, aid, deps.clock.now())).map(nodeDto) };
}

async function loadNode(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TaxonomyRow> {
  const n = (await deps.db.select().from(taxonomyNodes).where(eq(taxonomyNodes.id, id)))[0];
  const scope = scopeFor(ctx.actor, 'library:manage');
  if (!n || !(scope.all || scope.authorityIds.includes(n.authorityId))) throw notFound('问题分类');
  return n;
}

function assertTree(rows: readonly TaxonomyRow[]): void {
  const problems = taxonomyProblems(rows.map((r) => ({ ...r, level: r.level as TTaxonomyLevel })));
  if (problems.length) throw bad(problems[0] as string, { problems });
}

export async function createTaxonomyNode(
  deps: AppDeps,
  ctx: RequestCtx,
  authorityId: string | undefined,
  input: TTaxonomyNodeCreate,
) {
  const { db, clock } = deps;
  const now = clock.now();
  const parent = input.parentId ? await loadNode(deps, ctx, input.parentId) : null;
  const aid = parent ? parent.authorityId : authorityFor(ctx, 'library:manage', authorityId);
  if (parent && authorityId && authorityId !== aid) throw bad('上级分类不属于所选巡察机构', { field: 'parentId' });
  const id = uuidv7(now.getTime());
  const row: TaxonomyRow = {
    id,
    authorityId: aid,
    parentId: input.parentId,
    level: input.level,
    name: input.name,
    shortName: input.shortName || null,
    sortOrder: input.sortOrder,
    seedKey: null,
    version: 1,
  };
  const tree = await taxonomyRows(db, aid, now);
  assertTree([...tree, row]);
  await db.transaction(async (tx) => {
    await tx.insert(taxonomyNodes).values(row);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'taxonomy.create',
      objectType: 'taxonomyNode',
      objectId: id,
      detail: { name: input.name, level: input.level },
    });
  });
  forgetTaxonomy(aid);
  return nodeDto(row);
}

export async function updateTaxonomyNode(deps: AppDeps, ctx: RequestCtx, id: string, input: TTaxonomyNodeUpdate) {
  const { db, clock } = deps;
  const cur = await loadNode(deps, ctx, id);
  const now = clock.now();
  const { version, ...changes } = input;
  if (changes.parentId) {
    const p = await loadNode(deps, ctx, changes.parentId);
    if (p.authorityId !== cur.authorityId) throw bad('上级分类不属于本巡察机构', { field: 'parentId' });
  }
  const next: TaxonomyRow = {
    ...cur,
    ...changes,
    shortName: changes.shortName === undefined ? cur.shortName : changes.shortName || null,
  };
  const tree = await taxonomyRows(db, cur.authorityId, now);
  assertTree(tree.map((n) => (n.id === id ? next : n)));
  await db.transaction(async (tx) => {
    const res = await tx
      .update(taxonomyNodes)
      .set({
        parentId: next.parentId,
        name: next.name,
        shortName: next.shortName,
        sortOrder: next.sortOrder,
        version: cur.version + 1,
      })
      .where(and(eq(taxonomyNodes.id, id), eq(taxonomyNodes.version, version)))
      .returning({ id: taxonomyNodes.id });
    if (!res.length) throw stale('问题分类');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'taxonomy.update',
      objectType: 'taxonomyNode',
      objectId: id,
      detail: { fields: Object.keys(changes) },
    });
  });
  forgetTaxonomy(cur.authorityId);
  return nodeDto({ ...next, version: cur.version + 1 });
}

/** Only a node nothing hangs on: no sub-nodes, no finding and no phrase classified under it. */
export async function deleteTaxonomyNode(deps: AppDeps, ctx: RequestCtx, id: string, version: number) {
  const { db, clock } = deps;
  const cur = await loadNode(deps, ctx, id);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const locked = await tx
      .select({ id: taxonomyNodes.id })
      .from(taxonomyNodes)
      .where(and(eq(taxonomyNodes.id, id), eq(taxonomyNodes.version, version)))
      .for('update');
    if (!locked.length) throw stale('问题分类');
    const children = await countWhere(tx, taxonomyNodes, eq(taxonomyNodes.parentId, id));
    if (children) throw conflict(`“${cur.name}”下有下级分类${children}个，不能删除；请先删除或移走下级分类`);
    const used = await countWhere(tx, findings, eq(findings.taxonomyNodeId, id));
    if (used) throw conflict(`已有问题${used}个归入“${cur.name}”，不能删除；可修改名称或将这些问题改归其他分类`);
    const worded = await countWhere(tx, phrases, eq(phrases.taxonomyNodeId, id));
    if (worded) throw conflict(`语言库中有语句${worded}条归入“${cur.name}”，不能删除；请先修改这些语句的分类`);
    await tx.delete(taxonomyNodes).where(eq(taxonomyNodes.id, id));
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'taxonomy.delete',
      objectType: 'taxonomyNode',
      objectId: id,
      detail: { name: cur.name },
    });
  });
  forgetTaxonomy(cur.authorityId);
}

/** 400 unless the node belongs to the authority's taxonomy. */
export async function assertNode(db: Db, authorityId: string, id: string, field = 'taxonomyNodeId'): Promise<void> {
  const n = (
    await db
      .select({ id: taxonomyNodes.id })
      .from(taxonomyNodes)
      .where(and(eq(taxonomyNodes.id, id), eq(taxonomyNodes.authorityId, authorityId)))
  )[0];
  if (!n) throw bad('问题分类须从本机构的问题分类中选择', { field });
}

// ---------------------------------------------------------------- phrases (问题语言库 / 建议语言库)

function phraseDto(p: typeof phrases.$inferSelect): TPhrase {
  return {
    id: p.id,
    authorityId: p.authorityId,
    kind: p.kind as TPhrase['kind'],
    taxonomyNodeId: p.taxonomyNodeId,
    text: p.text,
    version: p.version,
  };
}

export async function listPhrases(deps: AppDeps, ctx: RequestCtx, q: TPhraseListQuery) {
  const { db, clock } = deps;
  const aid = authorityFor(ctx, 'fieldwork:read', q.authorityId);
  await ensureLibraries(db, aid, clock.now());
  const conds: SQL[] = [eq(phrases.authorityId, aid)];
  if (q.kind) conds.push(eq(phrases.kind, q.kind));
  if (q.taxonomyNodeId) conds.push(eq(phrases.taxonomyNodeId, q.taxonomyNodeId));
  if (q.q) conds.push(sql`${phrases.searchKey} like ${likeOf(q.q)}`);
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['timestamp', 'uuid'],
    after: ([at, id]) => sql`(${phrases.createdAt}, ${phrases.id}) > (${at}::timestamptz, ${id}::uuid)`,
    count: () => countWhere(db, phrases, and(...conds)),
    fetch: (from, n) =>
      db
        .select()
        .from(phrases)
        .where(and(...conds, from))
        .orderBy(asc(phrases.createdAt), asc(phrases.id))
        .limit(n),
    key: (p) => [p.createdAt.toISOString(), p.id],
  });
  return { items: page.rows.map(phraseDto), total: page.total, nextCursor: page.nextCursor };
}

async function loadPhrase(deps: AppDeps, ctx: RequestCtx, id: string) {
  const p = (await deps.db.select().from(phrases).where(eq(phrases.id, id)))[0];
  const scope = scopeFor(ctx.actor, 'library:manage');
  if (!p || !(scope.all || scope.authorityIds.includes(p.authorityId))) throw notFound('语句');
  return p;
}

export async function createPhrase(
  deps: AppDeps,
  ctx: RequestCtx,
  authorityId: string | undefined,
  input: TPhraseCreate,
) {
  const { db, clock } = deps;
  const aid = authorityFor(ctx, 'library:manage', authorityId);
  const now = clock.now();
  await ensureLibraries(db, aid, now);
  if (input.taxonomyNodeId) await assertNode(db, aid, input.taxonomyNodeId);
  const row = {
    id: uuidv7(now.getTime()),
    authorityId: aid,
    kind: input.kind,
    taxonomyNodeId: input.taxonomyNodeId ?? null,
    text: input.text,
    searchKey: searchKey(input.text),
    createdAt: now,
    version: 1,
  };
  await db.transaction(async (tx) => {
    await tx.insert(phrases).values(row);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'phrase.create',
      objectType: 'phrase',
      objectId: row.id,
      detail: { kind: input.kind },
    });
  });
  return phraseDto(row);
}

export async function updatePhrase(deps: AppDeps, ctx: RequestCtx, id: string, input: TPhraseUpdate) {
  const { db, clock } = deps;
  const cur = await loadPhrase(deps, ctx, id);
  if (input.taxonomyNodeId) await assertNode(db, cur.authorityId, input.taxonomyNodeId);
  const now = clock.now();
  const { version, ...changes } = input;
  const next = { ...cur, ...changes, version: cur.version + 1 };
  await db.transaction(async (tx) => {
    const res = await tx
      .update(phrases)
      .set({
        kind: next.kind,
        taxonomyNodeId: next.taxonomyNodeId,
        text: next.text,
        searchKey: searchKey(next.text),
        version: next.version,
      })
      .where(and(eq(phrases.id, id), eq(phrases.version, version)))
      .returning({ id: phrases.id });
    if (!res.length) throw stale('语句');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'phrase.update',
      objectType: 'phrase',
      objectId: id,
      detail: { fields: Object.keys(changes) },
    });
  });
  return phraseDto(next);
}

export async function deletePhrase(deps: AppDeps, ctx: RequestCtx, id: string, version: number) {
  const { db, clock } = deps;
  await loadPhrase(deps, ctx, id);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(phrases)
      .where(and(eq(phrases.id, id), eq(phrases.version, version)))
      .returning({ id: phrases.id });
    if (!gone.length) throw stale('语句');
    await writeAudit(tx, now, { ...auditOf(ctx), action: 'phrase.delete', objectType: 'phrase', objectId: id });
  });
}
