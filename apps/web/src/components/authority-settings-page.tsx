import type { UseQueryResult } from '@tanstack/react-query';
import type { TPermission } from '@xc/domain';
import { Alert, type App, Card, Empty, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { type CSSProperties, type ReactNode, useEffect } from 'react';
import { isApiError } from '../api/client.ts';
import { useMe, usePermissions } from '../api/hooks.ts';
import { usePageMeta } from '../app/page-meta.tsx';
import { AuthoritySelect } from './authority-select.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { SchemaForm, type SchemaFormKit } from './form-kit/index.ts';
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

type ModalApi = ReturnType<typeof App.useApp>['modal'];

/**
 * For useSchemaForm's onError on a settings card: a 409 means someone saved the authority's
 * settings after this page loaded them; offer to load theirs (`what` names the settings).
 */
export function staleSettings(modal: ModalApi, what: string, reload: () => void) {
  return (e: unknown): boolean => {
    if (!isApiError(e) || e.status !== 409) return false;
    modal.warning({
      title: '设置已被他人修改',
      content: `您打开页面之后，其他人保存了新的${what}。请点击“确定”加载最新设置，核对后重新修改。`,
      onOk: reload,
    });
    return true;
  };
}

/**
 * The card of one authority's versioned settings: when they were last changed, the load and save
 * errors, a skeleton while they load, then the kit's form around `children`. The form mounts once
 * the settings are loaded and starts with them (no first render with empty fields, which would show
 * a false total or warning), and is filled again whenever they are loaded again.
 */
export function SettingsFormCard<S>({
  title,
  query,
  kit,
  toValues,
  name,
  disabled,
  formStyle,
  unchangedNote,
  style,
  children,
}: {
  title: string;
  query: UseQueryResult<{ settings: S; updatedAt: string | null }>;
  // biome-ignore lint/suspicious/noExplicitAny: the form's values are the page's own shape
  kit: SchemaFormKit<any>;
  toValues: (settings: S) => object;
  /** The form's name (antd prefixes its fields' ids with it). */
  name: string;
  disabled?: boolean;
  formStyle?: CSSProperties;
  /** Shown instead of the date while the defaults were never changed. */
  unchangedNote?: string;
  style?: CSSProperties;
  children: ReactNode;
}) {
  const q = query;
  const { form } = kit;
  useEffect(() => {
    if (q.data) form.setFieldsValue(toValues(q.data.settings));
  }, [q.data, form, toValues]);
  return (
    <Card
      title={title}
      style={style}
      extra={
        q.data?.updatedAt ? (
          <Typography.Text type="secondary">
            最后修改于 {dayjs(q.data.updatedAt).format('YYYY-MM-DD HH:mm')}
          </Typography.Text>
        ) : (
          q.data && unchangedNote && <Typography.Text type="secondary">{unchangedNote}</Typography.Text>
        )
      }
    >
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {Boolean(kit.error) && <ErrorAlert error={kit.error} />}
      {q.isPending ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : (
        q.data && (
          <SchemaForm
            kit={kit}
            name={name}
            initialValues={toValues(q.data.settings)}
            disabled={disabled}
            style={formStyle}
          >
            {children}
          </SchemaForm>
        )
      )}
    </Card>
  );
}
