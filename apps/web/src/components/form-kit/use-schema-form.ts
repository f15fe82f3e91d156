import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorCode } from '@xc/domain';
import { App, Form, type FormInstance, type FormRule } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { errorText, isApiError } from '../../api/client.ts';
import {
  type FormIssue,
  fieldMessages,
  groupByField,
  type NamePath,
  type Rename,
  schemaIssues,
  serverIssues,
} from './issues.ts';
import { handleVersionConflict } from './version-conflict.ts';

/**
 * The staff forms' one way to validate and save. A rule lives once, in the domain's zod schema the
 * server checks too: every field of the form validates by running that schema over the whole body
 * (so its Chinese messages appear under the right field, also for rules across fields), a 400
 * answer marks the fields it names, and saving runs through TanStack Query's useMutation (pending
 * state for the button, query invalidation, 409 version conflicts).
 */
export interface SchemaFormOptions<V, S extends z.ZodType, R, C extends z.ZodType> {
  /** The schema of the request body, the same one the route declares. */
  schema: S;
  /**
   * The body from the form's values; also called on half-filled forms, so it must not assume any
   * value. Values no field shows (the version being edited) may ride along: `initial` and a conflict's
   * `reload` set them like any other, and they are read here.
   */
  toBody: (values: V) => unknown;
  /** Sends the body once the schema accepted it. */
  mutationFn: (body: z.output<S>) => Promise<R>;
  /** Body keys the form names differently, e.g. { startDate: 'span', endDate: 'span' }. */
  rename?: Rename;
  /** The toast after saving. */
  success?: string | ((saved: R, body: z.output<S>) => string);
  /** Query keys the save makes stale. */
  invalidate?: readonly QueryKey[];
  onSuccess?: (saved: R, body: z.output<S>) => void;
  /**
   * A 409 VERSION_CONFLICT carries the current record; the user may load it. `reload` returns the
   * values to put in the form (with the new version), or nothing when it handles the record itself.
   */
  conflict?: { schema: C; reload: (current: z.output<C> | null) => Partial<V> | undefined };
  /** Handles a failure itself (a conflict that refreshes instead of asking); true when it did. */
  onError?: (error: unknown) => boolean;
  /** False where the form's own alert is the only place for a failure (login, the password prompt). */
  errorToast?: boolean;
  /**
   * A form in a modal or drawer is filled once per opening (and per `openKey`, the record it edits)
   * from `initial`, so a background refetch never overwrites what the user is typing. `initial`
   * returning undefined means "not loaded yet": the form waits.
   */
  open?: boolean;
  openKey?: string;
  initial?: () => Partial<V> | undefined;
  /** A toast when the form has marked fields after 提交 (for long forms whose marks may be out of view). */
  invalidMessage?: string;
  /**
   * After 提交 found the body invalid: `unplaced` are the issues no field shows (empty when fields
   * were marked). A page with its own place for them shows them; without it they become the error.
   */
  onInvalid?: (unplaced: FormIssue[]) => void;
  /** Asks before sending, once the body is valid: what the change will do (it is audited, it applies everywhere). */
  confirm?: { title: string; content: string; okText: string };
}

export interface SchemaFormKit<V = unknown> {
  form: FormInstance<V>;
  submit: () => Promise<void>;
  /** True while the request is on its way: the submit button shows it and takes no second click. */
  pending: boolean;
  /** The failed request, or the schema's complaints that no field of the form can show. */
  error: unknown;
  /** A form with `open` has been filled for what it shows now (an edit waits for the record). */
  ready: boolean;
  /** Fills the form again from `initial` once that is ready (after refetching the record). */
  refill: () => void;
  /** The antd rule of one field: the schema's messages for that field. */
  rule: (label: string | undefined) => FormRule;
}

type ModalApi = ReturnType<typeof App.useApp>['modal'];

/** True on 确定, false on 取消 or when the dialog is closed. */
const ask = (modal: ModalApi, props: { title: string; content: string; okText: string }) =>
  new Promise<boolean>((resolve) =>
    modal.confirm({ ...props, onOk: () => resolve(true), onCancel: () => resolve(false) }),
  );

const namesOf = (form: FormInstance): NamePath[] => form.getFieldsError().map((f) => f.name);

interface Parsed {
  values: unknown;
  toBody: unknown;
  ok: boolean;
  data: unknown;
  issues: FormIssue[];
}

export function useSchemaForm<V, S extends z.ZodType, R, C extends z.ZodType = z.ZodType>(
  opts: SchemaFormOptions<V, S, R, C>,
): SchemaFormKit<V> {
  const [form] = Form.useForm<V>();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [checkError, setCheckError] = useState<Error | null>(null);
  const latest = useRef(opts);
  latest.current = opts;

  // One parse per state of the form, however many fields ask: antd replaces the store object on
  // every change, and `toBody` is made anew each render, so that a body built also from the page's
  // own state (a survey's questions) is never answered from an older parse.
  const parsed = useRef<Parsed | null>(null);
  const check = (): Parsed => {
    const values = form.getFieldsValue(true);
    const { schema, toBody, rename } = latest.current;
    const cached = parsed.current;
    if (cached && cached.values === values && cached.toBody === toBody) return cached;
    const body = toBody(values as V);
    const r = schema.safeParse(body);
    const next: Parsed = r.success
      ? { values, toBody, issues: [], data: r.data, ok: true }
      : { values, toBody, issues: schemaIssues(r.error.issues, body, rename), data: undefined, ok: false };
    parsed.current = next;
    return next;
  };

  const handledErrors = useRef(new WeakSet<object>());
  const mutation = useMutation({
    mutationFn: (body: z.output<S>) => latest.current.mutationFn(body),
    onSuccess: (saved, body) => {
      const { invalidate, success, onSuccess } = latest.current;
      for (const queryKey of invalidate ?? []) void queryClient.invalidateQueries({ queryKey });
      const text = typeof success === 'function' ? success(saved, body) : success;
      if (text) message.success(text);
      onSuccess?.(saved, body);
    },
    onError: (e) => {
      const { conflict, rename, onError } = latest.current;
      if (onError?.(e)) {
        handledErrors.current.add(e);
        return;
      }
      const reload = (current: z.output<C> | null) => {
        const values = conflict?.reload(current);
        if (values) form.setFieldsValue(values as Parameters<typeof form.setFieldsValue>[0]);
      };
      if (conflict && handleVersionConflict(e, modal, conflict.schema, reload)) return;
      if (isApiError(e) && e.status === 400) {
        const { fields } = groupByField(serverIssues(e.details, rename), namesOf(form));
        const marks = fields.map((f) => ({ name: f.name, errors: fieldMessages(f.issues, undefined) }));
        form.setFields(marks as Parameters<typeof form.setFields>[0]);
      }
      if (latest.current.errorToast !== false) message.error(errorText(e));
    },
  });

  const reset = () => {
    mutation.reset();
    setCheckError(null);
  };

  const openedFor = useRef<string | null>(null);
  const [filledFor, setFilledFor] = useState<string | null>(null);
  // Runs after every render on purpose: it acts only when the form opens or `initial` becomes ready.
  useEffect(() => {
    const { open, openKey, initial } = latest.current;
    if (open === undefined) return;
    if (!open) {
      openedFor.current = null;
      if (filledFor !== null) setFilledFor(null);
      return;
    }
    const key = openKey ?? 'open';
    if (openedFor.current === key) return;
    const values = initial?.();
    if (initial && values === undefined) return;
    openedFor.current = key;
    setFilledFor(key);
    reset();
    form.resetFields();
    if (values) form.setFieldsValue(values as Parameters<typeof form.setFieldsValue>[0]);
  });

  const submit = async () => {
    setCheckError(null);
    const { invalidMessage, onInvalid } = latest.current;
    try {
      await form.validateFields();
    } catch {
      if (invalidMessage) message.warning(invalidMessage);
      onInvalid?.([]);
      return;
    }
    const result = check();
    if (!result.ok) {
      // Every field is fine, yet the body is not: a value no field shows (a missing id, a page's
      // own parts such as a survey's questions).
      if (onInvalid) onInvalid(result.issues);
      else setCheckError(new Error([...new Set(result.issues.map((i) => i.message))].join('；') || '提交的内容有误'));
      return;
    }
    const { confirm } = latest.current;
    if (confirm && !(await ask(modal, confirm))) return;
    await mutation.mutateAsync(result.data as z.output<S>).catch(() => undefined);
  };

  // A failure the form handled otherwise (the conflict dialog, the caller's onError) is not shown as an error too.
  const handled =
    mutation.isError &&
    ((!!latest.current.conflict && isApiError(mutation.error, ErrorCode.VersionConflict)) ||
      handledErrors.current.has(mutation.error));

  return {
    form,
    submit,
    pending: mutation.isPending,
    ready: opts.open === undefined || filledFor === (opts.openKey ?? 'open'),
    refill: () => {
      openedFor.current = null;
      setFilledFor(null);
    },
    error: checkError ?? (handled ? null : mutation.error),
    rule: (label) => ({
      validator: (rule) => {
        const name = (rule as { field?: string }).field;
        const result = check();
        if (result.ok || name === undefined) return Promise.resolve();
        const path = name.split('.');
        const { fields } = groupByField(result.issues, namesOf(form));
        const mine = fields.find((f) => f.name.length === path.length && f.name.every((s, i) => String(s) === path[i]));
        return mine ? Promise.reject(fieldMessages(mine.issues, label)) : Promise.resolve();
      },
    }),
  };
}
