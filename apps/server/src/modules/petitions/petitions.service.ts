import { randomUUID } from 'node:crypto';
import {
  AppError,
  canMovePetition,
  DISCIPLINE_LABELS,
  ErrorCode,
  PETITION_STATUS_LABELS,
  PETITION_STATUSES,
  PETITION_TRANSITIONS,
  searchKey,
  type TDiscipline,
  type TPermission,
  type TPetition,
  type TPetitionListItem,
  type TPetitionListQuery,
  type TPetitionRegister,
  type TPetitionStatus,
  type TPetitionTriage,
} from '@xc/domain';
import { and, asc, desc, eq, inArray, notInArray, type SQL, sql } from 'drizzle-orm';
import { petitionEvents, petitionFiles, petitionMessages, petitions } from '../../db/schema/petitions.ts';
import { notFound } from '../../platform/access.ts';
import { auditAction } from '../../platform/audit.ts';
import { BlindIndex } from '../../platform/blind-index.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { type Db, rowsOf } from '../../platform/db.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { decodeCursor, encodeCursor, paginate } from '../../platform/pagination.ts';
import { affiliatedOrgIds } from '../personnel/index.ts';
import { inspectionsById, loadVisibleInspection, visibleInspectionIds } from '../planning/index.ts';
import {
  eventColumns,
  LIST_TEXTS,
  messageColumns,
  openEvent,
  openFileData,
  openFileName,
  openMessage,
  openReport,
  openSearchText,
  type ReportText,
  reportColumns,
  triageColumns,
} from './petitions.sealed.ts';

type PetitionRow = typeof petitions.$inferSelect;

/**
 * Which petitions a caller may see (security.md, Access): the office its authority's, a team's
 * people their own team's inspections; nobody a petition about an organization they belong to.
 * Returned as a WHERE condition so what is out of scope is simply not found.
 */
export async function petitionsVisible(deps: AppDeps, ctx: RequestCtx, permission: TPermission): Promise<SQL> {
  const reach = sql`${petitions.inspectionId} in (${await visibleInspectionIds(deps, ctx, permission)})`;
  const own = await affiliatedOrgIds(deps.db, ctx.actor.userId, ctx.actor.orgId);
  return own.length ? (and(reach, notInArray(petitions.orgId, own)) as SQL) : reach;
}

async function loadPetition(deps: AppDeps, ctx: RequestCtx, id: string, permission: TPermission) {
  const visible = await petitionsVisible(deps, ctx, permission);
  const row = (
    await deps.db
      .select()
      .from(petitions)
      .where(and(eq(petitions.id, id), visible))
  )[0];
  if (!row) throw notFound('信访件');
  return row;
}

/** The inspection for petition work, with the same team rule as the inbox. */
function loadInspectionForPetitions(deps: AppDeps, ctx: RequestCtx, id: string, permission: TPermission) {
  return loadVisibleInspection(deps, ctx, id, permission);
}

function summaryOf(content: string): string {
  const cps = [...content.replace(/\s+/g, ' ')];
  return cps.length > 60 ? `${cps.slice(0, 60).join('')}…` : cps.join('');
}

async function listItems(deps: AppDeps, rows: PetitionRow[], opened?: ReportText[]): Promise<TPetitionListItem[]> {
  const { db, cipher } = deps;
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const labels = await inspectionsById(
    db,
    rows.map((r) => r.inspectionId),
  );
  const fileCounts = await db
    .select({ id: petitionFiles.petitionId, n: sql<number>`count(*)::int` })
    .from(petitionFiles)
    .where(inArray(petitionFiles.petitionId, ids))
    .groupBy(petitionFiles.petitionId);
  // Reporter messages after the team's latest reply.
  const fresh = await db
    .select({ id: petitionMessages.petitionId, n: sql<number>`count(*)::int` })
    .from(petitionMessages)
    .where(
      and(
        inArray(petitionMessages.petitionId, ids),
        eq(petitionMessages.sender, 'reporter'),
        sql`${petitionMessages.seq} > coalesce((select max(m2.seq) from petition_messages m2 where m2.petition_id = ${petitionMessages.petitionId} and m2.sender = 'team'), 0)`,
      ),
    )
    .groupBy(petitionMessages.petitionId);
  const files = new Map(fileCounts.map((f) => [f.id, Number(f.n)]));
  const news = new Map(fresh.map((f) => [f.id, Number(f.n)]));
  return rows.map((r, i) => {
    const insp = labels.get(r.inspectionId);
    const org = insp?.targets.find((t) => t.orgId === r.orgId);
    const text = opened?.[i] ?? openReport(cipher, r, LIST_TEXTS);
    return {
      id: r.id,
      inspectionId: r.inspectionId,
      inspectionName: insp?.label ?? '',
      orgId: r.orgId,
      orgName: org?.name ?? '',
      channel: r.channel as TPetitionListItem['channel'],
      anonymous: r.anonymous,
      subjectName: text.subjectName,
      subjectPost: text.subjectPost,
      summary: summaryOf(text.content),
      status: r.status as TPetitionStatus,
      discipline: r.discipline as TDiscipline | null,
      receivedOn: r.receivedOn,
      fileCount: files.get(r.id) ?? 0,
      newFromReporter: news.get(r.id) ?? 0,
    };
  });
}

type PetitionFilter = Omit<TPetitionListQuery, 'limit' | 'cursor' | 'q'>;

/** The inbox's filters other than the keyword as a WHERE condition, within what the caller may see. */
async function petitionFilter(deps: AppDeps, ctx: RequestCtx, q: PetitionFilter): Promise<SQL | undefined> {
  const conds: (SQL | undefined)[] = [await petitionsVisible(deps, ctx, 'petition:read')];
  if (q.inspectionId) conds.push(eq(petitions.inspectionId, q.inspectionId));
  if (q.status) conds.push(eq(petitions.status, q.status));
  if (q.channel) conds.push(eq(petitions.channel, q.channel));
  return and(...conds);
}

/** Rows decrypted between two turns of the event loop (decrypting is JavaScript work). */
const SEARCH_SLICE = 500;

/**
 * Keyword search without the text in clear anywhere (issue 10, item 8), matching as the old
 * `like '%…%'` did (folded by searchKey on both sides, % and _ literal), newest first. Every
 * petition the caller may see under the other filters is tested against its blind index (a keyed
 * Bloom filter salted by the row's id, platform/blind-index.ts: native SM4, no false negatives),
 * and only the rows it lets through are decrypted to confirm. Nothing searchable is stored in
 * clear, and no token is shared between rows that a reader of the database could count.
 * bench/petition-search.bench.ts measures it against decrypting every row and against
 * deterministic keyed bigrams with a GIN index.
 */
async function searchPetitions(deps: AppDeps, ctx: RequestCtx, q: PetitionFilter & { q: string }) {
  const { db, cipher, keys } = deps;
  const needle = searchKey(q.q);
  const where = await petitionFilter(deps, ctx, { ...q, status: undefined });
  // The filters come as three aggregates (ids, lengths, bytes), not one row each: reading tens of
  // thousands of rows out of the database costs more than testing them.
  const [all] = rowsOf<{ ids: string | null; lens: string | null; blooms: Uint8Array | null }>(
    await db.execute(sql`
      select string_agg(${petitions.id}::text, '') as ids,
             string_agg(lpad(coalesce(octet_length(${petitions.searchBloom}), 0)::text, 7, '0'), '') as lens,
             string_agg(coalesce(${petitions.searchBloom}, ''::bytea), ''::bytea) as blooms
      from ${petitions} where ${where}`),
  );
  if (!all?.ids) return [];
  const bytes = Buffer.from(all.blooms ?? new Uint8Array(0));
  const rows: { id: string; filter: Buffer | null }[] = [];
  for (let i = 0, at = 0; i * 36 < all.ids.length; i++) {
    const len = Number((all.lens as string).slice(i * 7, i * 7 + 7));
    rows.push({ id: all.ids.slice(i * 36, i * 36 + 36), filter: len ? bytes.subarray(at, at + len) : null });
    at += len;
  }
  const may = BlindIndex.of(keys).mayContain(rows, needle);
  const candidates = rows.filter((_, i) => may[i]).map((r) => r.id);
  const hits: { id: string; receivedOn: string; status: string }[] = [];
  for (let i = 0; i < candidates.length; i += SEARCH_SLICE) {
    if (i) await new Promise((done) => setImmediate(done));
    const slice = await db
      .select({
        id: petitions.id,
        receivedOn: petitions.receivedOn,
        status: petitions.status,
        searchEnc: petitions.searchEnc,
      })
      .from(petitions)
      .where(inArray(petitions.id, candidates.slice(i, i + SEARCH_SLICE)));
    for (const r of slice)
      if (openSearchText(cipher, r.id, r.searchEnc).includes(needle))
        hits.push({ id: r.id, receivedOn: r.receivedOn, status: r.status });
  }
  return hits.sort((a, b) =>
    a.receivedOn !== b.receivedOn ? (a.receivedOn < b.receivedOn ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0,
  );
}

async function rowsInOrder(db: Db, ids: string[]): Promise<PetitionRow[]> {
  if (!ids.length) return [];
  const rows = await db.select().from(petitions).where(inArray(petitions.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is PetitionRow => !!r);
}

function countByStatus(statuses: Iterable<{ status: string; n: number }>) {
  const out = Object.fromEntries(PETITION_STATUSES.map((s) => [s, 0])) as Record<TPetitionStatus, number>;
  for (const c of statuses) out[c.status as TPetitionStatus] += c.n;
  return out;
}

export async function listPetitions(deps: AppDeps, ctx: RequestCtx, q: TPetitionListQuery) {
  const { db } = deps;
  if (q.q !== undefined) return listSearched(deps, ctx, { ...q, q: q.q });
  const where = await petitionFilter(deps, ctx, q);
  // Counts per status under every filter but the status one: the inbox's tabs, and the total.
  const counted = await db
    .select({ status: petitions.status, n: sql<number>`count(*)::int` })
    .from(petitions)
    .where(await petitionFilter(deps, ctx, { ...q, status: undefined }))
    .groupBy(petitions.status);
  const statusCounts = countByStatus(counted.map((c) => ({ status: c.status, n: Number(c.n) })));
  const total = q.status ? statusCounts[q.status] : Object.values(statusCounts).reduce((a, b) => a + b, 0);
  const page = await paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['date', 'uuid'],
    after: ([on, id]) => sql`(${petitions.receivedOn}, ${petitions.id}) < (${on}::date, ${id}::uuid)`,
    count: async () => total,
    fetch: (from, n) =>
      db
        .select()
        .from(petitions)
        .where(and(where, from))
        .orderBy(desc(petitions.receivedOn), desc(petitions.id))
        .limit(n),
    key: (r) => [r.receivedOn, r.id],
  });
  return { items: await listItems(deps, page.rows), total, nextCursor: page.nextCursor, statusCounts };
}

/** The inbox under a keyword: the same answer as without one, keyset cursor included. */
async function listSearched(deps: AppDeps, ctx: RequestCtx, q: TPetitionListQuery & { q: string }) {
  const hits = await searchPetitions(deps, ctx, q);
  const statusCounts = countByStatus(hits.map((h) => ({ status: h.status, n: 1 })));
  const listed = q.status ? hits.filter((h) => h.status === q.status) : hits;
  const cur = decodeCursor(q.cursor, ['date', 'uuid']);
  const after = cur
    ? listed.filter((h) => h.receivedOn < (cur[0] as string) || (h.receivedOn === cur[0] && h.id < (cur[1] as string)))
    : listed;
  const page = after.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: await listItems(
      deps,
      await rowsInOrder(
        deps.db,
        page.map((h) => h.id),
      ),
    ),
    total: listed.length,
    nextCursor: after.length > q.limit && last ? encodeCursor([last.receivedOn, last.id]) : null,
    statusCounts,
  };
}

/** A petition's files, their names opened, and its conversation in order: what both the team and the reporter see. */
export async function filesAndMessagesOf(deps: AppDeps, petitionId: string) {
  const { db, cipher } = deps;
  const files = (
    await db
      .select({
        id: petitionFiles.id,
        messageId: petitionFiles.messageId,
        nameEnc: petitionFiles.nameEnc,
        mime: petitionFiles.mime,
        size: petitionFiles.size,
        kind: petitionFiles.kind,
      })
      .from(petitionFiles)
      .where(eq(petitionFiles.petitionId, petitionId))
  ).map((f) => ({
    id: f.id,
    messageId: f.messageId,
    name: openFileName(cipher, f),
    mime: f.mime,
    size: f.size,
    kind: f.kind,
  }));
  const msgs = await db
    .select()
    .from(petitionMessages)
    .where(eq(petitionMessages.petitionId, petitionId))
    .orderBy(asc(petitionMessages.seq));
  return { files, msgs };
}

async function petitionDto(deps: AppDeps, ctx: RequestCtx, r: PetitionRow): Promise<TPetition> {
  const { db, cipher } = deps;
  const [item] = await listItems(deps, [r]);
  const text = openReport(cipher, r);
  const { files, msgs } = await filesAndMessagesOf(deps, r.id);
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const events = await db
    .select()
    .from(petitionEvents)
    .where(eq(petitionEvents.petitionId, r.id))
    .orderBy(asc(petitionEvents.at));
  const fileOut = (f: (typeof files)[number]) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size });
  const canHandle = ctx.actor.permissions.has('petition:handle');
  return {
    ...(item as TPetitionListItem),
    content: text.content,
    subjectOrg: text.subjectOrg,
    happenedWhen: text.happenedWhen,
    place: text.place,
    keyPost: r.keyPost,
    forwardTo: text.forwardTo,
    decisionNote: text.decisionNote,
    hasIdentity: !!r.reporterNameEnc,
    registeredBy: r.registeredByName,
    files: files.filter((f) => !f.messageId).map(fileOut),
    messages: msgs.map((m) => ({
      id: m.id,
      from: m.sender,
      body: openMessage(cipher, m),
      on: m.onDate,
      byName: m.sender === 'team' ? m.byName : null,
      files: files.filter((f) => f.messageId === m.id).map(fileOut),
    })),
    events: events.map((e) => ({
      at: e.at.toISOString(),
      action: e.action,
      note: openEvent(cipher, e),
      actorName: e.actorName,
    })),
    allowedMoves: canHandle ? [...PETITION_TRANSITIONS[r.status as TPetitionStatus]] : [],
    version: r.version,
  };
}

const LEDGER_MAX = 20_000;
const LEDGER_TEXTS = [...LIST_TEXTS, 'forwardTo', 'decisionNote'] as const;

/**
 * 信访台账: every petition of the filtered view, without reporters' identities, for the office's
 * ledger. The caller (an export route) re-authenticates and audits the serial.
 */
export async function petitionLedger(deps: AppDeps, ctx: RequestCtx, q: Omit<TPetitionListQuery, 'limit' | 'cursor'>) {
  const rows =
    q.q !== undefined
      ? await rowsInOrder(
          deps.db,
          (await searchPetitions(deps, ctx, { ...q, q: q.q }))
            .filter((h) => !q.status || h.status === q.status)
            .slice(0, LEDGER_MAX)
            .map((h) => h.id),
        )
      : await deps.db
          .select()
          .from(petitions)
          .where(await petitionFilter(deps, ctx, q))
          .orderBy(desc(petitions.receivedOn), desc(petitions.id))
          .limit(LEDGER_MAX);
  // The ledger's columns, opened once per row, with the event loop let go now and then.
  const texts: ReportText[] = [];
  for (const [i, r] of rows.entries()) {
    if (i && i % SEARCH_SLICE === 0) await new Promise((done) => setImmediate(done));
    texts.push(openReport(deps.cipher, r, LEDGER_TEXTS));
  }
  const items = await listItems(deps, rows, texts);
  const replies = rows.length
    ? await deps.db
        .select({ id: petitionMessages.petitionId, n: sql<number>`count(*)::int` })
        .from(petitionMessages)
        .where(
          and(
            inArray(
              petitionMessages.petitionId,
              rows.map((r) => r.id),
            ),
            eq(petitionMessages.sender, 'team'),
          ),
        )
        .groupBy(petitionMessages.petitionId)
    : [];
  return rows.map((r, i) => ({
    row: r,
    item: items[i] as TPetitionListItem,
    text: texts[i] as ReportText,
    replies: Number(replies.find((x) => x.id === r.id)?.n ?? 0),
  }));
}

/** Reading a petition is a read of a sensitive object: audited (security.md, Audit). */
export async function getPetition(deps: AppDeps, ctx: RequestCtx, id: string): Promise<TPetition> {
  const r = await loadPetition(deps, ctx, id, 'petition:read');
  await auditAction(deps.db, deps.clock.now(), ctx, 'petition.read', { type: 'petition', id: r.id });
  return petitionDto(deps, ctx, r);
}

/** Letters, calls and visits registered by hand into the inspection's inbox. */
export async function registerPetition(
  deps: AppDeps,
  ctx: RequestCtx,
  inspectionId: string,
  input: TPetitionRegister,
): Promise<TPetition> {
  const { db, clock } = deps;
  const insp = await loadInspectionForPetitions(deps, ctx, inspectionId, 'petition:handle');
  const target = (await inspectionsById(db, [insp.id])).get(insp.id)?.targets.find((t) => t.orgId === input.orgId);
  if (!target) throw new AppError(ErrorCode.BadRequest, '被巡察单位不是本次巡察的对象', { field: 'orgId' });
  const own = await affiliatedOrgIds(db, ctx.actor.userId, ctx.actor.orgId);
  if (own.includes(input.orgId))
    throw new AppError(ErrorCode.BadRequest, '您与该单位存在关联，不能登记反映该单位的信访件');
  if (input.receivedOn > shanghaiDate(clock.now()))
    throw new AppError(ErrorCode.BadRequest, '收到日期不能晚于今天', { field: 'receivedOn' });
  const id = randomUUID();
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx.insert(petitions).values({
      id,
      authorityId: insp.authorityId,
      inspectionId: insp.id,
      orgId: input.orgId,
      channel: input.channel,
      ...reportColumns(deps, id, input),
      receivedOn: input.receivedOn,
      registeredById: ctx.actor.userId,
      registeredByName: ctx.actor.displayName,
    });
    await tx.insert(petitionEvents).values({
      id: uuidv7(now.getTime()),
      petitionId: id,
      at: now,
      action: '登记',
      noteEnc: null,
      actorName: ctx.actor.displayName,
    });
    await auditAction(
      tx,
      now,
      ctx,
      'petition.register',
      { type: 'petition', id },
      { inspectionId: insp.id, channel: input.channel },
    );
  });
  return petitionDto(deps, ctx, (await db.select().from(petitions).where(eq(petitions.id, id)))[0] as PetitionRow);
}

const MOVE_LABELS: Record<string, string> = { accepted: '受理', forwarded: '转交', closed: '办结' };

/** 分办: accept (within 六大纪律), forward to another department, or close; a conditional update. */
export async function triagePetition(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: TPetitionTriage,
): Promise<TPetition> {
  const { db, clock, cipher } = deps;
  const r = await loadPetition(deps, ctx, id, 'petition:handle');
  const from = r.status as TPetitionStatus;
  if (!canMovePetition(from, input.to))
    throw new AppError(
      ErrorCode.Conflict,
      `信访件当前为“${PETITION_STATUS_LABELS[from]}”，不能${MOVE_LABELS[input.to]}`,
    );
  const now = clock.now();
  await db.transaction(async (tx) => {
    const set: Partial<typeof petitions.$inferInsert> = { status: input.to, version: r.version + 1 };
    if (input.note) set.decisionNoteEnc = triageColumns(cipher, id, { decisionNote: input.note }).decisionNoteEnc;
    if (input.to === 'accepted') {
      set.discipline = input.discipline ?? null;
      set.keyPost = input.keyPost ?? null;
    }
    if (input.to === 'forwarded')
      set.forwardToEnc = triageColumns(cipher, id, { forwardTo: input.forwardTo }).forwardToEnc;
    const done = await tx
      .update(petitions)
      .set(set)
      .where(and(eq(petitions.id, id), eq(petitions.version, input.version), eq(petitions.status, from)))
      .returning({ id: petitions.id });
    if (!done.length) throw new AppError(ErrorCode.VersionConflict, '信访件已被他人处理，请刷新后重试');
    const note = [
      input.to === 'accepted' && input.discipline ? `涉及${DISCIPLINE_LABELS[input.discipline]}` : null,
      input.to === 'accepted' && input.keyPost ? '涉及领导干部和关键岗位' : null,
      input.to === 'forwarded' ? `转交${input.forwardTo}` : null,
      input.note || null,
    ]
      .filter(Boolean)
      .join('；');
    const eventId = uuidv7(now.getTime());
    await tx.insert(petitionEvents).values({
      id: eventId,
      petitionId: id,
      at: now,
      action: MOVE_LABELS[input.to] as string,
      ...eventColumns(cipher, eventId, note || null),
      actorName: ctx.actor.displayName,
    });
    // Where it was forwarded is sealed with the petition; the audit row says that it moved.
    await auditAction(tx, now, ctx, 'petition.triage', { type: 'petition', id }, { from, to: input.to });
  });
  return petitionDto(deps, ctx, (await db.select().from(petitions).where(eq(petitions.id, id)))[0] as PetitionRow);
}

/**
 * Takes the petition's row lock and the next message number; both the team's replies and the
 * reporter's additions go through here so numbers never collide.
 */
export async function nextMessageSeq(tx: Db, petitionId: string): Promise<number> {
  await tx.execute(sql`select 1 from petitions where id = ${petitionId} for update`);
  const r = await tx
    .select({ n: sql<number>`coalesce(max(${petitionMessages.seq}), 0)::int` })
    .from(petitionMessages)
    .where(eq(petitionMessages.petitionId, petitionId));
  return Number(r[0]?.n ?? 0) + 1;
}

/** A reply the reporter reads with the receipt. */
export async function replyPetition(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  input: { body: string },
): Promise<TPetition> {
  const { db, clock, cipher } = deps;
  const r = await loadPetition(deps, ctx, id, 'petition:handle');
  if (r.channel === 'qr' && !r.receiptHash) throw new AppError(ErrorCode.Conflict, '该信访件没有查询码，无法在线答复');
  const now = clock.now();
  await db.transaction(async (tx) => {
    const seq = await nextMessageSeq(tx, id);
    const messageId = uuidv7(now.getTime());
    await tx.insert(petitionMessages).values({
      id: messageId,
      petitionId: id,
      seq,
      sender: 'team',
      ...messageColumns(cipher, messageId, input.body),
      onDate: shanghaiDate(now),
      byUserId: ctx.actor.userId,
      byName: ctx.actor.displayName,
    });
    await tx.insert(petitionEvents).values({
      id: uuidv7(now.getTime()),
      petitionId: id,
      at: now,
      action: '答复',
      noteEnc: null,
      actorName: ctx.actor.displayName,
    });
    await auditAction(tx, now, ctx, 'petition.reply', { type: 'petition', id });
  });
  return petitionDto(deps, ctx, (await db.select().from(petitions).where(eq(petitions.id, id)))[0] as PetitionRow);
}

/** Opening a named reporter's identity: re-authenticated at the route, audited here, every time. */
export async function revealIdentity(deps: AppDeps, ctx: RequestCtx, id: string) {
  const { db, clock, cipher } = deps;
  const r = await loadPetition(deps, ctx, id, 'petition:identity');
  if (!r.reporterNameEnc) throw new AppError(ErrorCode.NotFound, '该信访件为匿名反映，没有实名信息');
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx.insert(petitionEvents).values({
      id: uuidv7(now.getTime()),
      petitionId: id,
      at: now,
      action: '查看实名信息',
      noteEnc: null,
      actorName: ctx.actor.displayName,
    });
    await auditAction(tx, now, ctx, 'petition.identity', { type: 'petition', id });
  });
  return {
    reporterName: cipher.decrypt('petitions', id, 'reporter_name', r.reporterNameEnc),
    reporterPhone: r.reporterPhoneEnc ? cipher.decrypt('petitions', id, 'reporter_phone', r.reporterPhoneEnc) : '',
  };
}

/** An attachment in clear, under the name and type of the kind its bytes are; audited. */
export async function petitionFile(deps: AppDeps, ctx: RequestCtx, fileId: string) {
  const f = (await deps.db.select().from(petitionFiles).where(eq(petitionFiles.id, fileId)))[0];
  if (!f) throw notFound('附件');
  await loadPetition(deps, ctx, f.petitionId, 'petition:read');
  await auditAction(
    deps.db,
    deps.clock.now(),
    ctx,
    'petition.file',
    { type: 'petition', id: f.petitionId },
    { fileId },
  );
  return { name: openFileName(deps.cipher, f), mime: f.mime, data: await openFileData(deps.keys, f) };
}

/**
 * For other modules (the fieldwork summary's 信访 件): petitions received for some inspections, given
 * as ids or as a subquery of ids; with `ids`, only those petitions (to check that references point
 * at petitions of the inspections). No scope check: callers count within what they may see.
 */
export async function countPetitions(
  db: Db,
  where: { inspectionIds: SQL | readonly string[]; ids?: readonly string[] },
): Promise<number> {
  if (where.ids && !where.ids.length) return 0;
  const inInspections = Array.isArray(where.inspectionIds)
    ? where.inspectionIds.length
      ? inArray(petitions.inspectionId, [...where.inspectionIds])
      : sql`false`
    : sql`${petitions.inspectionId} in (${where.inspectionIds as SQL})`;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(petitions)
    .where(and(inInspections, where.ids ? inArray(petitions.id, [...where.ids]) : undefined));
  return Number(row?.n ?? 0);
}
