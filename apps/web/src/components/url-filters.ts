import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCursorPages } from './cursor-pager.tsx';

/**
 * A list page's filters live in the URL, so that figure cards, links from other pages and bookmarks
 * open exactly that view. What the URL says is read defensively: a hand-edited link must never
 * reach the server as a filter it would refuse.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from the URL, or nothing. */
export const isUuid = (s: string | null | undefined): s is string => !!s && UUID.test(s);

/** One of `list`, or nothing. */
export const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v && (list as readonly string[]).includes(v) ? (v as T) : undefined;

/** The keyword (`q`), trimmed to what the search box takes. */
export const keywordOf = (p: URLSearchParams, max: number): string | undefined =>
  p.get('q')?.trim().slice(0, max) || undefined;

/** The filters that are set, in the order of `keys`; empty ones stay out of the URL. */
export function toParams<F extends object>(f: F, keys: readonly (keyof F & string)[]): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of keys) {
    const v = f[k];
    if (typeof v === 'string' && v) p.set(k, v);
  }
  return p;
}

/**
 * The page's URL parameters, and a change of some of them that leaves the others (the tab stays when
 * the authority changes). `replace` keeps the browser history to one entry for the page.
 */
export function useUrlParams({ replace = false }: { replace?: boolean } = {}) {
  const [params, setParams] = useSearchParams();
  return {
    params,
    set: (patch: Record<string, string | null | undefined>) => {
      const next = new URLSearchParams(params);
      for (const [k, v] of Object.entries(patch)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      setParams(next, { replace });
    },
  };
}

/**
 * One filter's value and its setter, spread into a filter's `value` and `onChange`; undefined turns
 * the filter off (a filter read with a default is back at it).
 */
function filterBinder<F extends object>(filters: F, set: (patch: Partial<F>) => void) {
  return <K extends keyof F>(key: K) => ({
    value: filters[key],
    onChange: (v: F[K] | undefined) => set({ [key]: v } as unknown as Partial<F>),
  });
}

/** A list's filters, its keyset pages (back to page 1 whenever the filters change) and the query for the current page. */
function useFilteredPages<F extends object>(filters: F, set: (patch: Partial<F>) => void, reset: () => void) {
  const pages = useCursorPages(JSON.stringify(filters));
  return {
    filters,
    pages,
    query: { ...filters, limit: pages.size, cursor: pages.cursor },
    set,
    /** `{...bind('kind')}` on a filter control: its value and its setter. */
    bind: filterBinder(filters, set),
    /** `{...keyword}` on the search box: the keyword filter, `q` (as `keywordOf` reads it). */
    keyword: {
      value: (filters as { q?: string }).q,
      onSearch: (q: string | undefined) => set({ q } as unknown as Partial<F>),
    },
    reset,
  };
}

/** The filters of the URL, with the keyset pages and the query for the current page. */
export function useUrlFilters<F extends object>(read: (p: URLSearchParams) => F, write: (f: F) => URLSearchParams) {
  const [params, setParams] = useSearchParams();
  const filters = read(params);
  return useFilteredPages(
    filters,
    (patch) => setParams(write({ ...filters, ...patch })),
    () => setParams(new URLSearchParams()),
  );
}

/**
 * The same for filters that stay with the page (an administrator's tool, a picker inside a page):
 * `initial` at first and after 重置.
 */
export function usePageFilters<F extends object>(initial = {} as F) {
  const [filters, setFilters] = useState<F>(initial);
  return useFilteredPages(
    filters,
    (patch) => setFilters((f) => ({ ...f, ...patch })),
    () => setFilters(initial),
  );
}
