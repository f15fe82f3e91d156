import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { errorText, isApiError, REAUTH_CANCELLED } from '../../api/client.ts';

export interface ActionOptions<A extends unknown[], R> {
  /** The toast after it worked. */
  success?: string | ((result: R, ...args: A) => string);
  /** Query keys the action makes stale. */
  invalidate?: readonly QueryKey[];
  onSuccess?: (result: R, ...args: A) => void;
  /** Handles an error itself (a version conflict, a field to mark); true when it did, so no toast follows. */
  onError?: (error: unknown, ...args: A) => boolean | undefined;
}

export interface Action<A extends unknown[], R> {
  /** Runs the action; resolves to the result, or undefined when it failed (the failure is already shown). */
  run: (...args: A) => Promise<R | undefined>;
  pending: boolean;
  /** The arguments of the run in progress, to tell which row's button spins. */
  running: A | undefined;
  error: unknown;
  reset: () => void;
}

/**
 * A button's mutation (delete, approve, export, a row action) through TanStack Query's
 * useMutation: the pending state for the button, the toasts, the stale queries. Cancelling the
 * password prompt of a re-authentication is not a failure worth a toast.
 */
export function useAction<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  opts: ActionOptions<A, R> = {},
): Action<A, R> {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (args: A) => fn(...args),
    onSuccess: (result, args) => {
      for (const queryKey of opts.invalidate ?? []) void queryClient.invalidateQueries({ queryKey });
      const { success } = opts;
      // A function may return '' for a run that has nothing to say (the page shows the result itself).
      const text = typeof success === 'function' ? success(result, ...args) : success;
      if (text) message.success(text);
      opts.onSuccess?.(result, ...args);
    },
    onError: (e, args) => {
      if (opts.onError?.(e, ...args)) return;
      if (!isApiError(e, REAUTH_CANCELLED)) message.error(errorText(e));
    },
  });
  return {
    run: (...args) => mutation.mutateAsync(args).catch(() => undefined),
    pending: mutation.isPending,
    running: mutation.isPending ? mutation.variables : undefined,
    error: mutation.error,
    reset: mutation.reset,
  };
}

/** An export or a download: the button spins, and the toast names the file the browser saved. */
export function useExport<A extends unknown[]>(fn: (...args: A) => Promise<string>, verb = '已导出') {
  return useAction(fn, { success: (name: string, ..._args: A) => `${verb}：${name}` });
}
