import { ORG_KINDS, SECTORS, type TOrgKind, type TSector } from '@xc/domain';
import type { TOrgFilters } from '../../api/orgs.ts';

export const ORG_STATUS_FILTERS = [
  { value: 'active', label: '存续' },
  { value: 'merged', label: '已合并' },
  { value: 'abolished', label: '已撤销' },
  { value: 'all', label: '全部状态' },
] as const;
type StatusFilter = (typeof ORG_STATUS_FILTERS)[number]['value'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The list's filters live in the URL so that figure cards and bookmarks open exactly that view. */
export function readOrgFilters(p: URLSearchParams): TOrgFilters & { status: StatusFilter } {
  const kind = p.get('kind');
  const sector = p.get('sector');
  const authorityId = p.get('authorityId');
  const status = p.get('status');
  const q = p.get('q')?.trim().slice(0, 60);
  return {
    q: q || undefined,
    kind: kind && (ORG_KINDS as readonly string[]).includes(kind) ? (kind as TOrgKind) : undefined,
    sector: sector && (SECTORS as readonly string[]).includes(sector) ? (sector as TSector) : undefined,
    authorityId: authorityId && UUID.test(authorityId) ? authorityId : undefined,
    status: ORG_STATUS_FILTERS.some((s) => s.value === status) ? (status as StatusFilter) : 'active',
  };
}

export function writeOrgFilters(f: TOrgFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of ['q', 'kind', 'sector', 'authorityId'] as const) {
    const v = f[k];
    if (v) p.set(k, v);
  }
  if (f.status && f.status !== 'active') p.set('status', f.status);
  return p;
}
