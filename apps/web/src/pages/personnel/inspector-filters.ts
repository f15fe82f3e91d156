import { EXPERTISE, POOL_STATUSES, POOLS, type TExpertise, type TPool, type TPoolStatus } from '@xc/domain';
import type { TInspectorFilters } from '../../api/personnel.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v && (list as readonly string[]).includes(v) ? (v as T) : undefined;

/** The list's filters live in the URL so that links and bookmarks open exactly that view. */
export function readInspectorFilters(p: URLSearchParams): TInspectorFilters {
  const q = p.get('q')?.trim().slice(0, 60);
  const authorityId = p.get('authorityId');
  return {
    q: q || undefined,
    authorityId: authorityId && UUID.test(authorityId) ? authorityId : undefined,
    pool: oneOf<TPool>(POOLS, p.get('pool')),
    status: oneOf<TPoolStatus>(POOL_STATUSES, p.get('status')),
    expertise: oneOf<TExpertise>(EXPERTISE, p.get('expertise')),
    available: oneOf(['true', 'false'] as const, p.get('available')),
  };
}

export function writeInspectorFilters(f: TInspectorFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of ['q', 'authorityId', 'pool', 'status', 'expertise', 'available'] as const) {
    const v = f[k];
    if (v) p.set(k, v);
  }
  return p;
}

export const isFiltered = (f: TInspectorFilters) =>
  !!(f.q || f.authorityId || f.pool || f.status || f.expertise || f.available);
