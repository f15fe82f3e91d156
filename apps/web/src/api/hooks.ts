import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { getMe } from './auth.ts';
import { listAuthorities } from './authorities.ts';
import { qk } from './keys.ts';

export function useMe() {
  return useQuery({ queryKey: qk.me, queryFn: getMe, staleTime: 5 * 60_000, retry: false });
}

/** The permissions of the current user as a set (empty while loading or logged out). */
export function usePermissions(): Set<string> {
  const { data } = useMe();
  return useMemo(() => new Set(data?.permissions ?? []), [data]);
}

export function useAuthorities(enabled = true) {
  return useQuery({ queryKey: qk.authorities, queryFn: listAuthorities, staleTime: 60_000, enabled });
}
