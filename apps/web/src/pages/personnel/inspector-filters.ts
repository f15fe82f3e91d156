import { EXPERTISE, POOL_STATUSES, POOLS, type TExpertise, type TPool, type TPoolStatus } from '@xc/domain';
import type { TInspectorFilters } from '../../api/personnel.ts';
import { isUuid, keywordOf, oneOf, toParams } from '../../components/url-filters.ts';

export function readInspectorFilters(p: URLSearchParams): TInspectorFilters {
  const authorityId = p.get('authorityId');
  return {
    q: keywordOf(p, 60),
    authorityId: isUuid(authorityId) ? authorityId : undefined,
    pool: oneOf<TPool>(POOLS, p.get('pool')),
    status: oneOf<TPoolStatus>(POOL_STATUSES, p.get('status')),
    expertise: oneOf<TExpertise>(EXPERTISE, p.get('expertise')),
    available: oneOf(['true', 'false'] as const, p.get('available')),
  };
}

export const writeInspectorFilters = (f: TInspectorFilters): URLSearchParams =>
  toParams(f, ['q', 'authorityId', 'pool', 'status', 'expertise', 'available']);

export const isFiltered = (f: TInspectorFilters) =>
  !!(f.q || f.authorityId || f.pool || f.status || f.expertise || f.available);
