/** Query keys in one place so that mutations invalidate exactly what they change. */
export const qk = {
  me: ['me'] as const,
  loginResult: ['loginResult'] as const,
  authorities: ['authorities'] as const,
  orgs: ['orgs'] as const,
  orgList: (q: object) => ['orgs', 'list', q] as const,
  orgCount: (q: object) => ['orgs', 'count', q] as const,
  orgTree: (authorityId: string, parentId: string | null, status: string) =>
    ['orgs', 'tree', authorityId, parentId, status] as const,
  org: (id: string) => ['orgs', 'detail', id] as const,
  orgSelect: (source: 'list' | 'lookup', q: object) => ['orgs', source === 'list' ? 'select' : 'lookup', q] as const,
  users: ['users'] as const,
  userList: (q: object) => ['users', 'list', q] as const,
  user: (id: string) => ['users', 'detail', id] as const,
  grants: (userId: string) => ['grants', userId] as const,
  settings: ['settings'] as const,
  audit: (q: object) => ['audit', q] as const,
  auditPurge: ['audit', 'purge'] as const,
};
