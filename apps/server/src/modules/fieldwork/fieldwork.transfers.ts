import {
  AppError,
  clueMove,
  ErrorCode,
  type TClue,
  type TClueAction,
  type TClueDisposalRecord,
  type TClueReceiver,
  type TClueResultRecord,
  type TClueStatus,
  type TClueTransferBatch,
  type TClueTransferBatchListQuery,
  type TClueTransferBatchOut,
  type TClueWriteOff,
  type TPermission,
  transferBatchProblem,
} from '@xc/domain';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { clueSubjects, clues, clueTransferBatches } from '../../db/schema/fieldwork.ts';
import { authorityInScope, notFound, scopeFor } from '../../platform/access.ts';
import { auditOf, canonicalJson, writeAudit } from '../../platform/audit.ts';
import { shanghaiDate, today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { cryptoProvider } from '../../platform/crypto.ts';
import { countWhere } from '../../platform/db.ts';
import { pgErrorOf } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginateItems } from '../../platform/pagination.ts';
import { orgsByIds } from '../orgs/index.ts';
import { bad, conflict, stale } from './fieldwork.access.ts';
import { type ClueRow, caseHandlerReach, clueDto, cluesVisible } from './fieldwork.clues.ts';
import { settingsOf } from './fieldwork.libraries.ts';

// 移交 in batches under one 问题线索移交函 to a registry organization, then the receiver's 处置 and
// 结果 and the office's 销号: each a conditional move of the clue (domain clueMove).

type BatchRow = typeof clueTransferBatches.$inferSelect;

async function batchDtos(deps: AppDeps, ctx: RequestCtx, rows: BatchRow[]): Promise<TClueTransferBatchOut[]> {
  if (!rows.length) return [];
  const { db } = deps;
  const orgs = await orgsByIds(
    db,
    rows.map((r) => r.receiverOrgId),
  );
  const members = await db
    .select({ id: clues.id, batchId: clues.transferBatchId })
    .from(clues)
    .where(
      and(
        inArray(
          clues.transferBatchId,
          rows.map((r) => r.id),
        ),
        await cluesVisible(deps, ctx, 'clue:read'),
      ),
    )
    .orderBy(asc(clues.createdAt), asc(clues.id));
  return rows.map((r) => ({
    id: r.id,
    authorityId: r.authorityId,
    receiver: r.receiver as TClueReceiver,
    receiverOrgId: r.receiverOrgId,
    receiverOrgName: orgs.get(r.receiverOrgId)?.name ?? null,
    clueIds: members.filter((m) => m.batchId === r.id).map((m) => m.id),
    transferredOn: r.transferredOn,
    letterNumber: r.letterNumber,
    clueCount: r.clueCount,
    personCount: r.personCount,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
  }));
}

function fingerprintOf(input: TClueTransferBatch): string {
  return cryptoProvider.sm3(canonicalJson({ ...input, clueIds: [...input.clueIds].sort() }));
}

/**
 * One batch under one 移交函 to one receiver (an organization of the registry). With an
 * Idempotency-Key the same body answers the same batch, once; another body under the key is refused.
 */
export async function transferClues(
  deps: AppDeps,
  ctx: RequestCtx,
  input: TClueTransferBatch,
  idempotencyKey?: string,
): Promise<TClueTransferBatchOut> {
  const { db, clock } = deps;
  if (idempotencyKey !== undefined && (idempotencyKey.length < 1 || idempotencyKey.length > 100))
    throw bad('Idempotency-Key 应为1至100个字符');
  const fingerprint = fingerprintOf(input);
  const earlier = async () => {
    if (!idempotencyKey) return null;
    const row = (
      await db
        .select()
        .from(clueTransferBatches)
        .where(
          and(
            eq(clueTransferBatches.createdById, ctx.actor.userId),
            eq(clueTransferBatches.idempotencyKey, idempotencyKey),
          ),
        )
    )[0];
    if (!row) return null;
    if (row.fingerprint !== fingerprint) throw conflict('同一提交编号对应了不同的移交内容，请刷新页面后重新提交');
    return (await batchDtos(deps, ctx, [row]))[0] as TClueTransferBatchOut;
  };
  const again = await earlier();
  if (again) return again;

  const visible = await cluesVisible(deps, ctx, 'clue:transfer');
  const rows = await db
    .select()
    .from(clues)
    .where(and(inArray(clues.id, input.clueIds), visible));
  if (rows.length !== input.clueIds.length) throw notFound('所选线索中有的');
  const authorityIds = [...new Set(rows.map((r) => r.authorityId))];
  if (authorityIds.length !== 1) throw bad('一批移交的线索须属于同一巡察机构');
  const authorityId = authorityIds[0] as string;
  const problem = transferBatchProblem(rows.map((r) => ({ status: r.status as TClueStatus })));
  if (problem) throw conflict(problem);
  const move = clueMove('draft', 'transfer', ctx.actor.roles);
  if (move.problem !== undefined) throw new AppError(ErrorCode.Forbidden, move.problem);
  const on = today(clock);
  if (input.transferredOn > on) throw bad('移交日期不能晚于今天', { field: 'transferredOn' });
  const recorded = rows
    .map((r) => shanghaiDate(r.createdAt))
    .sort()
    .at(-1) as string;
  if (input.transferredOn < recorded)
    throw bad(`移交日期不能早于线索登记日期（${recorded}）`, { field: 'transferredOn' });
  const settings = await settingsOf(db, authorityId);
  const receiverOrgId = input.receiverOrgId ?? settings.receiverOrgs[input.receiver];
  if (!receiverOrgId)
    throw bad(
      `请选择接收线索的${input.receiver === 'discipline' ? '纪委监委' : '组织部'}（可在巡察实施设置中指定默认接收单位）`,
      {
        field: 'receiverOrgId',
      },
    );
  const org = (await orgsByIds(db, [receiverOrgId])).get(receiverOrgId);
  if (!org || org.authorityId !== authorityId || org.status !== 'active')
    throw bad('接收单位须为本机构名录中的存续单位', { field: 'receiverOrgId' });
  const now = clock.now();
  const id = uuidv7(now.getTime());
  try {
    await db.transaction(async (tx) => {
      const [people] = await tx
        .select({ n: sql<number>`count(distinct ${clueSubjects.personHash})::int` })
        .from(clueSubjects)
        .where(inArray(clueSubjects.clueId, input.clueIds));
      await tx.insert(clueTransferBatches).values({
        id,
        authorityId,
        receiver: input.receiver,
        receiverOrgId,
        transferredOn: input.transferredOn,
        letterNumber: input.letterNumber ?? null,
        clueCount: rows.length,
        personCount: Number(people?.n ?? 0),
        idempotencyKey: idempotencyKey ?? null,
        fingerprint,
        createdById: ctx.actor.userId,
        createdByName: ctx.actor.displayName,
        createdAt: now,
      });
      const moved = await tx
        .update(clues)
        .set({
          status: 'transferred',
          receiver: input.receiver,
          receiverOrgId,
          transferBatchId: id,
          transferredOn: input.transferredOn,
          updatedAt: now,
          version: sql`${clues.version} + 1`,
        })
        .where(and(inArray(clues.id, input.clueIds), eq(clues.status, 'draft')))
        .returning({ id: clues.id });
      if (moved.length !== input.clueIds.length) throw conflict('所选线索中有的已被他人移交，请刷新后重试');
      await writeAudit(tx, now, {
        ...auditOf(ctx),
        action: 'clue.transfer',
        objectType: 'clueTransferBatch',
        objectId: id,
        detail: {
          clueIds: input.clueIds,
          receiver: input.receiver,
          receiverOrgId,
          letterNumber: input.letterNumber ?? null,
        },
      });
    });
  } catch (e) {
    // Two requests with one key at once: the unique index lets one in; the other answers its batch.
    if (pgErrorOf(e)?.code === '23505' && idempotencyKey) {
      const first = await earlier();
      if (first) return first;
    }
    throw e;
  }
  return (
    await batchDtos(
      deps,
      ctx,
      (await db.select().from(clueTransferBatches).where(eq(clueTransferBatches.id, id))) as BatchRow[],
    )
  )[0] as TClueTransferBatchOut;
}

export async function listTransferBatches(deps: AppDeps, ctx: RequestCtx, q: TClueTransferBatchListQuery) {
  const { db } = deps;
  const conds: SQL[] = [authorityInScope(scopeFor(ctx.actor, 'clue:transfer'), clueTransferBatches.authorityId)];
  if (q.authorityId) conds.push(eq(clueTransferBatches.authorityId, q.authorityId));
  if (q.receiver) conds.push(eq(clueTransferBatches.receiver, q.receiver));
  return paginateItems(
    {
      limit: q.limit,
      cursor: q.cursor,
      parts: ['timestamp', 'uuid'],
      after: ([at, id]) =>
        sql`(${clueTransferBatches.createdAt}, ${clueTransferBatches.id}) < (${at}::timestamptz, ${id}::uuid)`,
      count: () => countWhere(db, clueTransferBatches, and(...conds)),
      fetch: (from, n) =>
        db
          .select()
          .from(clueTransferBatches)
          .where(and(...conds, from))
          .orderBy(desc(clueTransferBatches.createdAt), desc(clueTransferBatches.id))
          .limit(n),
      key: (r) => [r.createdAt.toISOString(), r.id],
    },
    (rows) => batchDtos(deps, ctx, rows),
  );
}

/** A batch and its clues (those the caller may see), for the 移交函. */
export async function batchFor(deps: AppDeps, ctx: RequestCtx, id: string) {
  const { db } = deps;
  const row = (
    await db
      .select()
      .from(clueTransferBatches)
      .where(
        and(
          eq(clueTransferBatches.id, id),
          authorityInScope(scopeFor(ctx.actor, 'clue:transfer'), clueTransferBatches.authorityId),
        ),
      )
  )[0];
  if (!row) throw notFound('移交批次');
  const [dto] = await batchDtos(deps, ctx, [row]);
  const members = await db
    .select()
    .from(clues)
    .where(and(eq(clues.transferBatchId, id), await cluesVisible(deps, ctx, 'clue:transfer')))
    .orderBy(asc(clues.createdAt), asc(clues.id));
  return { batch: dto as TClueTransferBatchOut, clues: await Promise.all(members.map((m) => clueDto(deps, m))) };
}

/** The move of one clue by the receiver's case handler or the office, conditional on status and version. */
async function moveClue(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  action: TClueAction,
  version: number,
  set: Partial<typeof clues.$inferInsert>,
  check: (cur: ClueRow) => void,
  detail: Record<string, unknown>,
): Promise<TClue> {
  const { db, clock } = deps;
  const permission: TPermission = action === 'writeOff' ? 'clue:writeOff' : 'clue:dispose';
  const visible =
    action === 'writeOff'
      ? await cluesVisible(deps, ctx, permission)
      : (and(caseHandlerReach(ctx) ?? sql`false`, await cluesVisible(deps, ctx, permission)) as SQL);
  const cur = (
    await db
      .select()
      .from(clues)
      .where(and(eq(clues.id, id), visible))
  )[0];
  if (!cur) throw notFound('问题线索');
  const move = clueMove(cur.status as TClueStatus, action, ctx.actor.roles);
  if (move.problem !== undefined) throw conflict(move.problem);
  check(cur);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const res = await tx
      .update(clues)
      .set({ ...set, status: move.to, updatedAt: now, version: cur.version + 1 })
      .where(and(eq(clues.id, id), eq(clues.version, version), eq(clues.status, cur.status)))
      .returning({ id: clues.id });
    if (!res.length) throw stale('问题线索');
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: `clue.${action}`,
      objectType: 'clue',
      objectId: id,
      detail: { from: cur.status, to: move.to, ...detail },
    });
  });
  return clueDto(deps, (await db.select().from(clues).where(eq(clues.id, id)))[0] as ClueRow);
}

export function disposeClue(deps: AppDeps, ctx: RequestCtx, id: string, input: TClueDisposalRecord) {
  const on = today(deps.clock);
  return moveClue(
    deps,
    ctx,
    id,
    'dispose',
    input.version,
    { disposal: input.disposal, disposedOn: input.disposedOn, disposalNote: input.note || null },
    (cur) => {
      if (input.disposedOn > on) throw bad('处置日期不能晚于今天', { field: 'disposedOn' });
      if (cur.transferredOn && input.disposedOn < cur.transferredOn)
        throw bad(`处置日期不能早于移交日期（${cur.transferredOn}）`, { field: 'disposedOn' });
    },
    { disposal: input.disposal },
  );
}

export function recordClueResult(deps: AppDeps, ctx: RequestCtx, id: string, input: TClueResultRecord) {
  const on = today(deps.clock);
  const { version, resultOn, note, ...result } = input;
  return moveClue(
    deps,
    ctx,
    id,
    'recordResult',
    version,
    { result: { ...result, note: note || null }, resultOn },
    (cur) => {
      if (resultOn > on) throw bad('结果反馈日期不能晚于今天', { field: 'resultOn' });
      if (cur.disposedOn && resultOn < cur.disposedOn)
        throw bad(`结果反馈日期不能早于处置日期（${cur.disposedOn}）`, { field: 'resultOn' });
    },
    { caseFiled: result.caseFiled, formLevel: result.formLevel },
  );
}

export function writeOffClue(deps: AppDeps, ctx: RequestCtx, id: string, input: TClueWriteOff) {
  const on = today(deps.clock);
  return moveClue(
    deps,
    ctx,
    id,
    'writeOff',
    input.version,
    { writtenOffOn: input.writtenOffOn, writeOffNote: input.note || null },
    (cur) => {
      if (input.writtenOffOn > on) throw bad('销号日期不能晚于今天', { field: 'writtenOffOn' });
      if (cur.resultOn && input.writtenOffOn < cur.resultOn)
        throw bad(`销号日期不能早于结果反馈日期（${cur.resultOn}）`, { field: 'writtenOffOn' });
    },
    {},
  );
}
