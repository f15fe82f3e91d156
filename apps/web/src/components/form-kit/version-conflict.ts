import { ErrorCode } from '@xc/domain';
import type { App } from 'antd';
import type { z } from 'zod';
import { isApiError } from '../../api/client.ts';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

/**
 * A 409 VERSION_CONFLICT carries the current record in details.current. Offers to load it; returns
 * false when `error` is something else so the caller shows it the usual way.
 */
export function handleVersionConflict<S extends z.ZodType>(
  error: unknown,
  modal: ModalApi,
  schema: S,
  onReload: (current: z.output<S> | null) => void,
): boolean {
  if (!isApiError(error, ErrorCode.VersionConflict)) return false;
  const details = error.details as { current?: unknown } | undefined;
  const parsed = schema.safeParse(details?.current);
  modal.confirm({
    title: '该记录已被他人修改',
    content: '您打开之后，其他人保存了新的内容。加载最新内容后请重新修改（您尚未保存的修改将丢失）。',
    okText: '加载最新内容',
    cancelText: '继续编辑',
    onOk: () => onReload(parsed.success ? parsed.data : null),
  });
  return true;
}
