import { ORG_KINDS, SECTORS, type TOrgKind, type TSector } from '@xc/domain';
import type { TOrgFilters } from '../../api/orgs.ts';
import { isUuid, keywordOf, oneOf, toParams } from '../../components/url-filters.ts';

export const ORG_STATUS_FILTERS = [
  { value: 'active', label: '存续' },
  { value: 'merged', label: '已合并' },
  { value: 'abolished', label: '已撤销' },
  { value: 'all', label: '全部状态' },
] as const;
type StatusFilter = (typeof ORG_STATUS_FILTERS)[number]['value'];

/** Opened without a status, the list shows the organizations that still exist. */
export function readOrgFilters(p: URLSearchParams): TOrgFilters & { status: StatusFilter } {
  const authorityId = p.get('authorityId');
  return {
    q: keywordOf(p, 60),
    kind: oneOf<TOrgKind>(ORG_KINDS, p.get('kind')),
    sector: oneOf<TSector>(SECTORS, p.get('sector')),
    authorityId: isUuid(authorityId) ? authorityId : undefined,
    status:
      oneOf(
        ORG_STATUS_FILTERS.map((s) => s.value),
        p.get('status'),
      ) ?? 'active',
  };
}

export function writeOrgFilters(f: TOrgFilters): URLSearchParams {
  return toParams({ ...f, status: f.status === 'active' ? undefined : f.status }, [
    'q',
    'kind',
    'sector',
    'authorityId',
    'status',
  ]);
}
