import type { TPermission } from '@xc/domain';
import { Alert, Card, Empty } from 'antd';
import type { ReactNode } from 'react';
import { useMe, usePermissions } from '../api/hooks.ts';
import { usePageMeta } from '../app/page-meta.tsx';
import { AuthoritySelect } from './authority-select.tsx';
import { PageHeader } from './page-header.tsx';
import { useUrlParams } from './url-filters.ts';

/**
 * The frame of a page of settings kept per authority (整改设置, 以巡促治设置): the authority in the
 * URL or the user's own, a picker for those who may read other authorities, a notice when the user
 * may only read, and the cards for the chosen authority (keyed by it, so a switch starts afresh).
 */
export function AuthoritySettingsPage({
  title,
  manage,
  children,
}: {
  title: string;
  /** The permission that may change the settings; without it the page is read-only. */
  manage: TPermission;
  children: (authorityId: string, canManage: boolean) => ReactNode;
}) {
  usePageMeta([]);
  const perms = usePermissions();
  const me = useMe();
  const { params, set } = useUrlParams({ replace: true });
  const authorityId = params.get('authorityId') ?? me.data?.user.authorityId ?? undefined;
  const canManage = perms.has(manage);
  return (
    <div>
      <PageHeader
        title={title}
        sub="各地规定不一，以下事项由本机构设置；修改后立即生效并记入审计日志"
        extra={
          perms.has('authority:read') && (
            <AuthoritySelect value={authorityId} onChange={(v) => set({ authorityId: v })} style={{ width: 260 }} />
          )
        }
      />
      {!canManage && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`您可以查看${title}；如需修改请联系巡察办`} />
      )}
      {authorityId ? (
        <div key={authorityId}>{children(authorityId, canManage)}</div>
      ) : (
        <Card>
          <Empty description="请选择巡察机构" />
        </Card>
      )}
    </div>
  );
}
