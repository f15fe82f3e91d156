import type { TGrant, TPermission, TRole, TStage } from '@xc/domain';
import type { GrantReach } from './access.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database, Db } from './db.ts';
import type { FieldCipher, KeyRing } from './keys.ts';
import type { SettingsStore } from './settings.ts';
import type { SharedState } from './shared-state.ts';

/** Who is calling, resolved once per request from the session cookie. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  authorityId: string | null;
  orgId: string | null;
  roles: TRole[];
  grants: TGrant[];
  /** What each grant reaches, sub-authorities included (platform/access.ts scopeFor). */
  reach: GrantReach[];
  permissions: Set<TPermission>;
  mustChangePassword: boolean;
  passwordExpired: boolean;
  /** A role requires the second factor and the account has not enrolled: only enrolment is open. */
  totpEnrolmentRequired: boolean;
  sessionHash: string;
  csrfToken: string;
  reauthAt: Date | null;
}

/** What a service needs from the request: the caller and the audit fields. */
export interface RequestCtx {
  actor: Actor;
  requestId: string;
  ip: string | null;
}

/**
 * A prerequisite of a stage move that another module owns (the report heard by the 书记专题会
 * before feedback, every clue transferred before rectification …): the Chinese reason the move
 * cannot be made yet, or null. The planning module asks every guard before a forward move and
 * shows the reasons on the inspection page; app.ts collects them from the modules' front doors.
 */
export type StageGuard = (
  db: Db,
  inspection: { id: string; authorityId: string; stage: string; exitDate: string | null; feedbackDate: string | null },
  to: TStage,
) => Promise<string | null>;

export interface AppDeps {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  settings: SettingsStore;
  keys: KeyRing;
  cipher: FieldCipher;
  stageGuards: readonly StageGuard[];
  shared: SharedState;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares one; 'public' routes need no session. Deny by default otherwise. */
    permission?: TPermission | 'public';
    /** Needs a password re-entry within the last 5 minutes (exports, grants, resets). */
    reauth?: boolean;
    /** A caller without the permission gets 404, not 403 (objects whose existence is confidential). */
    hideDenied?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}
