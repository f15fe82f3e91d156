import {
  AppError,
  BULLETIN_STATUS_LABELS,
  bulletinEditProblem,
  bulletinMoveProblem,
  ErrorCode,
  formatBulletinNumber,
  nextNumber,
  reminderStatus,
  type TBulletin,
  type TBulletinCreate,
  type TBulletinListQuery,
  type TBulletinMove,
  type TBulletinStatus,
  type TBulletinUpdate,
  type TInboxSummary,
  type TRecipient,
  type TReminderJudgement,
} from '@xc/domain';
import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import {
  bulletinProblems,
  bulletinRecipients,
  bulletins,
  commonProblems,
  dutyReminders,
} from '../../db/schema/governance.ts';
import { inScope, notFound, scopeFor } from '../../platform/access.ts';
import { auditOf, writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { countWhere, type Db } from '../../platform/db.ts';
import { pgErrorOf } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { paginate } from '../../platform/pagination.ts';
import { orgsByIds } from '../orgs/index.ts';
import {
  addressedToSql,
  assertAuthority,
  governanceScope,
  inGovernanceScope,
  type RecipientIdentity,
  recipientIdentity,
  termAuthority,
} from './governance.access.ts';
import { bad, conflict, likeOf, recipientAccounts, stale } from './governance.problems.ts';
import { governanceSettingsOf } from './governance.settings.ts';

// 分类通报: draft → approved (numbered 赣巡办〔2026〕N号 per authority and year, no gaps) → sent to the
// recipients' accounts, who read it in their inbox (the first opening is the read receipt). A
// sent bulletin never changes; an approval may be withdrawn before sending, freeing its number.

const WHAT = '分类通报';

type BulletinRow = typeof bulletins.$inferSelect;

// ---------------------------------------------------------------- reading

async function bulletinDtos(db: Db, rows: readonly BulletinRow[]): Promise<TBulletin[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [problems, recipients] = await Promise.all([
    db
      .select({ bulletinId: bulletinProblems.bulletinId, id: commonProblems.id, name: commonProblems.name })
      .from(bulletinProblems)
      .innerJoin(commonProblems, eq(commonProblems.id, bulletinProblems.commonProblemId))
      .where(inArray(bulletinProblems.bulletinId, ids))
      .orderBy(asc(bulletinProblems.position)),
    db
      .select()
      .from(bulletinRecipients)
      .where(inArray(bulletinRecipients.bulletinId, ids))
      .orderBy(asc(bulletinRecipients.position)),
  ]);
  return rows.map((r) => ({
    id: r.id,
    authorityId: r.authorityId,
    termId: r.termId,
    sector: r.sector,
    title: r.title,
    status: r.status as TBulletinStatus,
    number: r.number,
    year: r.year,
    seq: r.seq,
    commonProblems: problems.filter((p) => p.bulletinId === r.id).map((p) => ({ id: p.id, name: p.name })),
    recipients: recipients
      .filter((x) => x.bulletinId === r.id)
      .map((x) => ({
        kind: x.kind as TRecipient['kind'],
        name: x.name,
        orgId: x.orgId,
        userId: x.userId,
        readAt: x.readAt?.toISOString() ?? null,
      })),
    intro: r.intro,
    requestedActions: r.requestedActions,
    nameOrganizations: r.nameOrganizations,
    approvedOn: r.approvedOn,
    sentOn: r.sentOn,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  }));
}

async function bulletinDto(db: Db, r: BulletinRow): Promise<TBulletin> {
  return (await bulletinDtos(db, [r]))[0] as TBulletin;
}

/** A bulletin the caller's office reaches with `permission`, else 404. */
export async function loadBulletin(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: 'governance:read' | 'governance:manage',
): Promise<BulletinRow> {
  const r = (await deps.db.select().from(bulletins).where(eq(bulletins.id, id)))[0];
  if (!r) throw notFound(WHAT);
  assertAuthority(ctx, permission, r.authorityId, WHAT);
  return r;
}

export async function getBulletin(deps: AppDeps, ctx: RequestCtx, id: string) {
  return bulletinDto(deps.db, await loadBulletin(deps, ctx, id, 'governance:read'));
}

function listPage(deps: AppDeps, conds: SQL[], q: { limit: number; cursor?: string | undefined }) {
  const { db } = deps;
  return paginate({
    limit: q.limit,
    cursor: q.cursor,
    parts: ['timestamp', 'uuid'],
    after: ([at, id]) => sql`(${bulletins.createdAt}, ${bulletins.id}) < (${at}::timestamptz, ${id}::uuid)`,
    count: () => countWhere(db, bulletins, and(...conds)),
    fetch: (from, n) =>
      db
        .select()
        .from(bulletins)
        .where(and(...conds, from))
        .orderBy(desc(bulletins.createdAt), desc(bulletins.id))
        .limit(n),
    key: (r) => [r.createdAt.toISOString(), r.id],
  });
}

export async function listBulletins(deps: AppDeps, ctx: RequestCtx, q: TBulletinListQuery) {
  const conds: SQL[] = [inGovernanceScope(ctx, 'governance:read', bulletins.authorityId)];
  if (q.termId) {
    await termAuthority(deps, ctx, q.termId, 'governance:read');
    conds.push(eq(bulletins.termId, q.termId));
  }
  if (q.status) conds.push(eq(bulletins.status, q.status));
  if (q.sector) conds.push(eq(bulletins.sector, q.sector));
  if (q.q?.trim()) conds.push(ilike(bulletins.title, likeOf(q.q)));
  const page = await listPage(deps, conds, q);
  return { items: await bulletinDtos(deps.db, page.rows), total: page.total, nextCursor: page.nextCursor };
}

// ---------------------------------------------------------------- writing a draft

/**
 * The common problems of a bulletin: confirmed problems of the bulletin's term and sector, in the
 * order chosen. 400 for any other.
 */
async function chosenProblems(db: Db, termId: string, sector: string, ids: readonly string[]) {
  const rows = await db
    .select({ id: commonProblems.id, name: commonProblems.name, sector: commonProblems.sector })
    .from(commonProblems)
    .where(and(inArray(commonProblems.id, [...ids]), eq(commonProblems.termId, termId)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length)
    throw bad(`有${missing.length}个共性问题不存在或不属于该届期`, { field: 'commonProblemIds', ids: missing });
  const other = rows.find((r) => r.sector !== sector);
  if (other)
    throw bad(`共性问题“${other.name}”属于“${other.sector}”领域，与通报的“${sector}”领域不一致`, {
      field: 'commonProblemIds',
    });
  return ids;
}

/**
 * The recipients as stored. An account must be a sector recipient of the office's authorities, a
 * 主管部门 an organization of their registry; anything else is refused (400), so a bulletin never
 * reaches an account the office could not have picked. Only a 主管部门 keeps its organization: every
 * account granted on it reads what is addressed to it (domain isAddressedTo), while a leader is one
 * person, reached by the account alone.
 */
async function checkedRecipients(deps: AppDeps, ctx: RequestCtx, rs: readonly TRecipient[]) {
  const scope = governanceScope(ctx, 'governance:manage');
  const userIds = rs.flatMap((r) => (r.userId ? [r.userId] : []));
  const accounts = userIds.length ? await recipientAccounts(deps, scope) : new Map();
  const badUser = rs.find((r) => r.userId && !accounts.has(r.userId));
  if (badUser) throw bad(`接收对象“${badUser.name}”不是本机构可选的分管领导或主管部门账号`, { field: 'recipients' });
  const orgs = await orgsByIds(
    deps.db,
    rs.flatMap((r) => (r.kind === 'competentDept' && r.orgId ? [r.orgId] : [])),
  );
  const badOrg = rs.find((r) => {
    if (r.kind !== 'competentDept' || !r.orgId) return false;
    const o = orgs.get(r.orgId);
    return !(o?.status === 'active' && inScope(scope, o.authorityId));
  });
  if (badOrg) throw bad(`主管部门“${badOrg.name}”不存在或不在本机构的单位名录中`, { field: 'recipients' });
  return rs.map((r, i) => ({
    position: i + 1,
    kind: r.kind,
    name: r.name,
    orgId: r.kind === 'competentDept' ? (r.orgId ?? null) : null,
    userId: r.userId ?? null,
  }));
}

async function writeChildren(
  tx: Db,
  id: string,
  problems: readonly string[] | null,
  recipients: Awaited<ReturnType<typeof checkedRecipients>> | null,
) {
  if (problems) {
    await tx.delete(bulletinProblems).where(eq(bulletinProblems.bulletinId, id));
    await tx
      .insert(bulletinProblems)
      .values(problems.map((commonProblemId, i) => ({ bulletinId: id, commonProblemId, position: i + 1 })));
  }
  if (recipients) {
    await tx.delete(bulletinRecipients).where(eq(bulletinRecipients.bulletinId, id));
    await tx.insert(bulletinRecipients).values(recipients.map((r) => ({ id: uuidv7(), bulletinId: id, ...r })));
  }
}

export async function createBulletin(deps: AppDeps, ctx: RequestCtx, input: TBulletinCreate) {
  const { db } = deps;
  const authorityId = await termAuthority(deps, ctx, input.termId, 'governance:manage');
  const problems = await chosenProblems(db, input.termId, input.sector, input.commonProblemIds);
  const recipients = await checkedRecipients(deps, ctx, input.recipients);
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await tx.insert(bulletins).values({
      id,
      authorityId,
      termId: input.termId,
      sector: input.sector,
      title: input.title,
      status: 'draft',
      intro: input.intro?.trim() ? input.intro : null,
      requestedActions: input.requestedActions,
      nameOrganizations: input.nameOrganizations,
      createdById: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
      createdAt: now,
      updatedAt: now,
    });
    await writeChildren(tx, id, problems, recipients);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'bulletin.create',
      objectType: 'bulletin',
      objectId: id,
      detail: { termId: input.termId, sector: input.sector, problems: problems.length, recipients: recipients.length },
    });
  });
  return getBulletin(deps, ctx, id);
}

export async function updateBulletin(deps: AppDeps, ctx: RequestCtx, id: string, input: TBulletinUpdate) {
  const { db } = deps;
  const r = await loadBulletin(deps, ctx, id, 'governance:manage');
  const editProblem = bulletinEditProblem(r.status as TBulletinStatus);
  if (editProblem) throw conflict(editProblem);
  if (r.version !== input.version) throw stale(WHAT);
  const sector = input.sector ?? r.sector;
  // A new sector must still fit the problems kept, so they are checked whenever either changes.
  const problemIds =
    input.commonProblemIds ??
    (input.sector !== undefined
      ? (
          await db
            .select({ id: bulletinProblems.commonProblemId })
            .from(bulletinProblems)
            .where(eq(bulletinProblems.bulletinId, id))
            .orderBy(asc(bulletinProblems.position))
        ).map((p) => p.id)
      : null);
  const problems = problemIds ? await chosenProblems(db, r.termId, sector, problemIds) : null;
  const recipients = input.recipients ? await checkedRecipients(deps, ctx, input.recipients) : null;
  const now = deps.clock.now();
  await db.transaction(async (tx) => {
    const res = await tx
      .update(bulletins)
      .set({
        ...(input.sector !== undefined ? { sector: input.sector } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.intro !== undefined ? { intro: input.intro.trim() ? input.intro : null } : {}),
        ...(input.requestedActions !== undefined ? { requestedActions: input.requestedActions } : {}),
        ...(input.nameOrganizations !== undefined ? { nameOrganizations: input.nameOrganizations } : {}),
        updatedAt: now,
        version: r.version + 1,
      })
      .where(and(eq(bulletins.id, id), eq(bulletins.version, input.version), eq(bulletins.status, 'draft')))
      .returning({ id: bulletins.id });
    if (!res.length) throw stale(WHAT);
    await writeChildren(tx, id, input.commonProblemIds ? problems : null, recipients);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: 'bulletin.update',
      objectType: 'bulletin',
      objectId: id,
      detail: { fields: Object.keys(input).filter((k) => k !== 'version') },
    });
  });
  return getBulletin(deps, ctx, id);
}

export async function deleteBulletin(deps: AppDeps, ctx: RequestCtx, id: string) {
  const { db } = deps;
  const r = await loadBulletin(deps, ctx, id, 'governance:manage');
  if (r.status !== 'draft')
    throw conflict(`通报已${BULLETIN_STATUS_LABELS[r.status as TBulletinStatus]}，不能删除；如需删除请先撤回审批`);
  const now = deps.clock.now();
  try {
    await db.transaction(async (tx) => {
      const res = await tx
        .delete(bulletins)
        .where(and(eq(bulletins.id, id), eq(bulletins.status, 'draft')))
        .returning({ id: bulletins.id });
      if (!res.length) throw conflict('通报已被他人审批，不能删除');
      await writeAudit(tx, now, {
        ...auditOf(ctx),
        action: 'bulletin.delete',
        objectType: 'bulletin',
        objectId: id,
        detail: { title: r.title },
      });
    });
  } catch (e) {
    // A campaign started from the draft keeps it (its foreign key refuses the delete).
    if (pgErrorOf(e)?.code === '23503') throw conflict('已有专项整治由该通报发起，不能删除');
    throw e;
  }
}

// ---------------------------------------------------------------- moving

const UNIQUE_VIOLATION = '23505';

/**
 * draft → approved: numbered with the smallest free sequence of the authority and the year of the
 * approval (domain nextNumber: a number freed by a withdrawal is handed out again, so the register
 * has no hole). Two approvals at once compute the same number; the unique index (authority, year,
 * seq) lets one through and the other retries once with the next number.
 */
async function approve(deps: AppDeps, ctx: RequestCtx, r: BulletinRow, version: number) {
  const { db } = deps;
  const on = today(deps.clock);
  const year = Number(on.slice(0, 4));
  const { settings } = await governanceSettingsOf(db, r.authorityId);
  const now = deps.clock.now();
  const attempt = () =>
    db.transaction(async (tx) => {
      const used = await tx
        .select({ seq: bulletins.seq })
        .from(bulletins)
        .where(and(eq(bulletins.authorityId, r.authorityId), eq(bulletins.year, year), isNotNull(bulletins.seq)));
      const seq = nextNumber(used.map((u) => u.seq as number));
      const number = formatBulletinNumber(settings.bulletinNumberPrefix, year, seq);
      const res = await tx
        .update(bulletins)
        .set({
          status: 'approved',
          number,
          year,
          seq,
          approvedOn: on,
          approvedById: ctx.actor.userId,
          approvedByName: ctx.actor.displayName,
          updatedAt: now,
          version: version + 1,
        })
        .where(and(eq(bulletins.id, r.id), eq(bulletins.version, version), eq(bulletins.status, 'draft')))
        .returning({ id: bulletins.id });
      if (!res.length) throw stale(WHAT);
      await writeAudit(tx, now, {
        ...auditOf(ctx),
        action: 'bulletin.approve',
        objectType: 'bulletin',
        objectId: r.id,
        detail: { number },
      });
    });
  try {
    await attempt();
  } catch (e) {
    if (pgErrorOf(e)?.code !== UNIQUE_VIOLATION) throw e;
    try {
      await attempt();
    } catch (e2) {
      if (pgErrorOf(e2)?.code === UNIQUE_VIOLATION) throw conflict('发文字号被同时占用，请重试');
      throw e2;
    }
  }
}

export async function moveBulletin(deps: AppDeps, ctx: RequestCtx, id: string, input: TBulletinMove) {
  const { db } = deps;
  const r = await loadBulletin(deps, ctx, id, 'governance:manage');
  const from = r.status as TBulletinStatus;
  if (input.to === 'approved' || (input.to === 'draft' && from === 'approved')) {
    // Approving and withdrawing an approval are the office leader's (bulletin:approve).
    if (!inScope(scopeFor(ctx.actor, 'bulletin:approve'), r.authorityId))
      throw new AppError(ErrorCode.Forbidden, '审批通报或撤回审批须由巡察办领导办理');
  }
  if (r.version !== input.version) throw stale(WHAT);
  const problem = bulletinMoveProblem(from, input.to);
  if (problem) throw conflict(problem);
  if (input.to === 'approved') {
    await approve(deps, ctx, r, input.version);
    return getBulletin(deps, ctx, id);
  }
  const now = deps.clock.now();
  await db.transaction(async (tx) => {
    const res = await tx
      .update(bulletins)
      .set(
        input.to === 'draft'
          ? {
              status: 'draft',
              number: null,
              year: null,
              seq: null,
              approvedOn: null,
              approvedById: null,
              approvedByName: null,
              updatedAt: now,
              version: input.version + 1,
            }
          : { status: 'sent', sentOn: today(deps.clock), updatedAt: now, version: input.version + 1 },
      )
      .where(and(eq(bulletins.id, id), eq(bulletins.version, input.version), eq(bulletins.status, from)))
      .returning({ id: bulletins.id });
    if (!res.length) throw stale(WHAT);
    await writeAudit(tx, now, {
      ...auditOf(ctx),
      action: input.to === 'draft' ? 'bulletin.withdraw' : 'bulletin.send',
      objectType: 'bulletin',
      objectId: id,
      detail: { number: r.number },
    });
  });
  return getBulletin(deps, ctx, id);
}

// ---------------------------------------------------------------- the recipients' inbox

/** Lines of a bulletin addressed to the caller (by account, or a 主管部门 it is granted on). */
function myLines(who: RecipientIdentity): SQL {
  return addressedToSql(who, bulletinRecipients.userId, bulletinRecipients.orgId);
}

/** "Some line of this bulletin is addressed to the caller" (optionally: and still unread). */
function addressedBulletin(who: RecipientIdentity, unread?: boolean): SQL {
  const readFilter = unread === undefined ? sql`` : unread ? sql` and ${bulletinRecipients.readAt} is null` : sql``;
  return sql`exists (select 1 from ${bulletinRecipients} where ${bulletinRecipients.bulletinId} = ${bulletins.id} and ${myLines(who)}${readFilter})`;
}

export async function listInboxBulletins(
  deps: AppDeps,
  ctx: RequestCtx,
  q: { unread?: 'true' | 'false' | undefined; limit: number; cursor?: string | undefined },
) {
  const who = await recipientIdentity(ctx);
  const conds: SQL[] = [eq(bulletins.status, 'sent'), addressedBulletin(who)];
  if (q.unread === 'true') conds.push(addressedBulletin(who, true));
  if (q.unread === 'false') conds.push(sql`not ${addressedBulletin(who, true)}`);
  const page = await listPage(deps, conds, q);
  return { items: await bulletinDtos(deps.db, page.rows), total: page.total, nextCursor: page.nextCursor };
}

/** A sent bulletin addressed to the caller, else 404 (a recipient sees nothing else). */
export async function loadInboxBulletin(deps: AppDeps, ctx: RequestCtx, id: string): Promise<BulletinRow> {
  const who = await recipientIdentity(ctx);
  const r = (
    await deps.db
      .select()
      .from(bulletins)
      .where(and(eq(bulletins.id, id), eq(bulletins.status, 'sent'), addressedBulletin(who)))
  )[0];
  if (!r) throw notFound(WHAT);
  return r;
}

/** Opens a bulletin from the inbox: the first opening records the read receipt on the caller's lines. */
export async function openInboxBulletin(deps: AppDeps, ctx: RequestCtx, id: string) {
  const { db } = deps;
  const r = await loadInboxBulletin(deps, ctx, id);
  const who = await recipientIdentity(ctx);
  const now = deps.clock.now();
  await db.transaction(async (tx) => {
    const read = await tx
      .update(bulletinRecipients)
      .set({ readAt: now, readById: ctx.actor.userId })
      .where(and(eq(bulletinRecipients.bulletinId, id), myLines(who), isNull(bulletinRecipients.readAt)))
      .returning({ id: bulletinRecipients.id });
    if (read.length)
      await writeAudit(tx, now, {
        ...auditOf(ctx),
        action: 'bulletin.read',
        objectType: 'bulletin',
        objectId: id,
        detail: { lines: read.length },
      });
  });
  return bulletinDto(db, (await db.select().from(bulletins).where(eq(bulletins.id, r.id)))[0] as BulletinRow);
}

/**
 * The inbox badge: bulletins sent to the caller (and unread), duty reminders addressed to the caller
 * with what is owed (an answer not yet given, or asked again) and overdue (domain reminderStatus).
 */
export async function inboxSummary(deps: AppDeps, ctx: RequestCtx): Promise<TInboxSummary> {
  const { db } = deps;
  const who = await recipientIdentity(ctx);
  const [bulletinsAll, bulletinsUnread, reminders] = await Promise.all([
    countWhere(db, bulletins, and(eq(bulletins.status, 'sent'), addressedBulletin(who))),
    countWhere(db, bulletins, and(eq(bulletins.status, 'sent'), addressedBulletin(who, true))),
    db
      .select({ dueOn: dutyReminders.dueOn, answeredOn: dutyReminders.answeredOn, judgement: dutyReminders.judgement })
      .from(dutyReminders)
      .where(addressedToSql(who, dutyReminders.recipientUserId, dutyReminders.recipientOrgId)),
  ]);
  const on = today(deps.clock);
  const statuses = reminders.map((r) =>
    reminderStatus({ ...r, judgement: r.judgement as TReminderJudgement | null }, on),
  );
  return {
    bulletinsUnread,
    bulletins: bulletinsAll,
    remindersOwed: statuses.filter((s) => s === 'pending' || s === 'overdue' || s === 'insufficient').length,
    remindersOverdue: statuses.filter((s) => s === 'overdue').length,
    reminders: reminders.length,
  };
}
