import {
  AppError,
  ErrorCode,
  personKey,
  recordingStageProblem,
  searchKey,
  type TFieldworkRecord,
  type TPermission,
  type TStage,
  type TTeamRole,
} from '@xc/domain';
import { perRequest, scopeFor } from '../../platform/access.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { cryptoProvider } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import type { KeyRing } from '../../platform/keys.ts';
import { type TeamMemberBrief, teamMembersOf } from '../personnel/index.ts';
import {
  type InspectionLabel,
  type InspectionRow,
  inspectionLabels,
  loadVisibleInspection,
} from '../planning/index.ts';

// What every part of the module asks first: may the caller work on this inspection, what is their
// seat on its team, and what does the inspection look like to a list (label, targets, sectors).

export type { InspectionRow };

export const bad = (message: string, details?: unknown) => new AppError(ErrorCode.BadRequest, message, details);
export const conflict = (message: string, details?: unknown) => new AppError(ErrorCode.Conflict, message, details);
export const stale = (what: string) => new AppError(ErrorCode.VersionConflict, `该${what}已被他人修改，请刷新后重试`);

/**
 * The inspection if the caller may work on it with `permission`: the office (and leaders) every
 * inspection of the authorities the permission reaches, a team's people only their own team's.
 * Anything else is 404 — planning's one rule for records kept per inspection.
 */
export function workInspection(
  deps: AppDeps,
  ctx: RequestCtx,
  id: string,
  permission: TPermission,
): Promise<InspectionRow> {
  return loadVisibleInspection(deps, ctx, id, permission);
}

/** 409 when the inspection's stage does not allow writing this kind of record (domain RECORDING_STAGES). */
export function assertRecordingStage(what: TFieldworkRecord, stage: string): void {
  const problem = recordingStageProblem(what, stage as TStage);
  if (problem) throw conflict(problem);
}

/** The people on a team, read once per request. */
export function rosterOf(deps: AppDeps, ctx: RequestCtx, teamId: string | null): Promise<TeamMemberBrief[]> {
  if (!teamId) return Promise.resolve([]);
  return perRequest(ctx.actor, `fieldwork:roster:${teamId}`, () => teamMembersOf(deps.db, [teamId]));
}

export interface Seat {
  /** The caller's role on the inspection's team; null when they are not on it (the office). */
  teamRole: TTeamRole | null;
  inspectorId: string | null;
}

export function seatOf(roster: readonly TeamMemberBrief[], userId: string): Seat {
  const m = roster.find((x) => x.userId === userId);
  return { teamRole: m?.role ?? null, inspectorId: m?.inspectorId ?? null };
}

export async function seatOn(deps: AppDeps, ctx: RequestCtx, teamId: string | null): Promise<Seat> {
  return seatOf(await rosterOf(deps, ctx, teamId), ctx.actor.userId);
}

/** Ids that must all be inspectors on the team's roster; 400 naming the field otherwise. */
export function assertOnRoster(
  roster: readonly TeamMemberBrief[],
  ids: readonly string[],
  field: string,
  label: string,
): void {
  const on = new Set(roster.map((m) => m.inspectorId));
  if (ids.some((id) => !on.has(id))) throw bad(`${label}须为本巡察组成员`, { field });
}

export function peopleOf(roster: readonly TeamMemberBrief[], ids: readonly string[]) {
  const byId = new Map(roster.map((m) => [m.inspectorId, m.name]));
  return ids.map((id) => ({ id, name: byId.get(id) ?? '（已不在本组）' }));
}

/** An inspection as fieldwork's lists and documents name it: planning's label with its targets' 系统/领域. */
export type InspectionBrief = InspectionLabel;

/** Label and targets of some inspections, for lists and documents (one statement). No scope check. */
export async function inspectionBriefs(db: Db, ids: readonly string[]): Promise<Map<string, InspectionBrief>> {
  return inspectionLabels(db, ids);
}

/** One inspection's label and targets with their sectors. */
export async function inspectionBrief(db: Db, id: string): Promise<InspectionBrief> {
  const b = (await inspectionBriefs(db, [id])).get(id);
  if (!b) throw new AppError(ErrorCode.NotFound, '巡察不存在或无权访问');
  return b;
}

/**
 * The organization a record is about: one of the inspection's targets. Without a choice it is the
 * first primary target (an inspection of one unit needs no choice).
 */
export function targetOf(b: InspectionBrief, orgId: string | null | undefined): InspectionBrief['targets'][number] {
  if (orgId) {
    const t = b.targets.find((x) => x.orgId === orgId);
    if (!t) throw bad('所选单位不是本次巡察的对象', { field: 'orgId' });
    return t;
  }
  const t = b.targets.find((x) => x.role === 'primary') ?? b.targets[0];
  if (!t) throw bad('本次巡察没有被巡察单位');
  return t;
}

/**
 * The authority whose library or settings a caller works on: the one named, if the permission
 * reaches it, else the caller's own, else the first the permission reaches. 404 when none.
 */
export function authorityFor(ctx: RequestCtx, permission: TPermission, authorityId?: string): string {
  const scope = scopeFor(ctx.actor, permission);
  const reaches = (id: string) => scope.all || scope.authorityIds.includes(id);
  if (authorityId) {
    if (!reaches(authorityId)) throw new AppError(ErrorCode.NotFound, '巡察机构不存在或无权访问');
    return authorityId;
  }
  if (ctx.actor.authorityId && reaches(ctx.actor.authorityId)) return ctx.actor.authorityId;
  const first = scope.authorityIds[0];
  if (!first) throw new AppError(ErrorCode.NotFound, '巡察机构不存在或无权访问');
  return first;
}

// ---------------------------------------------------------------- people without their names in clear

/**
 * The key of the person hashes: HMAC-SM3 under a key derived from the key file's token key. Not a
 * field-encryption key on purpose: those rotate, and a hash must stay comparable across rotations.
 */
function personHashKey(keys: KeyRing): Buffer {
  return cryptoProvider.hmacSm3(keys.tokenKey, 'xc:fieldwork:person-hash:v1');
}

const hashKeys = new WeakMap<KeyRing, Buffer>();
function keyOf(keys: KeyRing): Buffer {
  let k = hashKeys.get(keys);
  if (!k) {
    k = personHashKey(keys);
    hashKeys.set(keys, k);
  }
  return k;
}

/** The keyed hash of one person (domain personKey: name and post, folded): counts 人 without names. */
export function personHash(keys: KeyRing, name: string, post: string): string {
  return cryptoProvider.hmacSm3(keyOf(keys), `p:${personKey(name, post)}`).toString('hex');
}

/** The keyed hash of a name alone, folded like personKey: matches a caller's display name against subjects. */
export function nameHash(keys: KeyRing, name: string): string {
  return cryptoProvider.hmacSm3(keyOf(keys), `n:${searchKey(name).replace(/\s+/gu, '')}`).toString('hex');
}
