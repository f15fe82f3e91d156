import { useQueryClient } from '@tanstack/react-query';
import {
  TERM_MAX_YEARS,
  type TTerm,
  type TTermCreate,
  type TTermUpdate,
  ZTerm,
  ZTermCreate,
  ZTermUpdate,
} from '@xc/domain';
import { DatePicker, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { createTerm, pk, updateTerm } from '../../api/planning.ts';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { Field, FormModal, useSchemaForm } from '../../components/form-kit/index.ts';
import { day, iso } from './shared.tsx';

interface TermFormValues {
  authorityId?: string;
  name?: string;
  span?: [Dayjs | null, Dayjs | null] | null;
  version?: number;
}

function toForm(t: TTerm): TermFormValues {
  return { authorityId: t.authorityId, name: t.name, span: [day(t.startDate), day(t.endDate)], version: t.version };
}

/** Create a term (no `term`) or edit one; editing sends the version it loaded. */
export function TermFormModal({
  open,
  term,
  defaultAuthorityId,
  onClose,
  onSaved,
}: {
  open: boolean;
  term?: TTerm | null;
  defaultAuthorityId?: string;
  onClose: () => void;
  onSaved?: (t: TTerm) => void;
}) {
  const queryClient = useQueryClient();
  const editing = !!term;
  const kit = useSchemaForm({
    schema: term ? ZTermUpdate : ZTermCreate,
    toBody: (v: TermFormValues) => ({
      ...(term ? { version: v.version } : { authorityId: v.authorityId ?? '' }),
      name: v.name ?? '',
      startDate: iso(v.span?.[0]) ?? '',
      endDate: iso(v.span?.[1]) ?? '',
    }),
    rename: { startDate: 'span', endDate: 'span' },
    mutationFn: (body) => (term ? updateTerm(term.id, body as TTermUpdate) : createTerm(body as TTermCreate)),
    success: editing ? '届期已保存' : '届期已新建',
    invalidate: [pk.all],
    onSuccess: (saved) => {
      queryClient.setQueryData(pk.term(saved.id), saved);
      onSaved?.(saved);
      onClose();
    },
    conflict: {
      schema: ZTerm,
      reload: (current) => {
        if (!current) return undefined;
        queryClient.setQueryData(pk.term(current.id), current);
        return toForm(current);
      },
    },
    open,
    openKey: term?.id ?? 'new',
    initial: (): TermFormValues => {
      if (term) return toForm(term);
      const start = dayjs().startOf('year');
      return { authorityId: defaultAuthorityId, span: [start, start.add(5, 'year').subtract(1, 'day')] };
    },
  });

  return (
    <FormModal
      kit={kit}
      title={editing ? `编辑届期：${term?.name}` : '新建届期'}
      open={open}
      onClose={onClose}
      name={editing ? 'termEdit' : 'termCreate'}
    >
      <Field name="authorityId" label="巡察机构" required>
        <AuthoritySelect disabled={editing} />
      </Field>
      <Field name="name" label="届次名称" required>
        <Input placeholder="如：中共××市委第五届" maxLength={40} showCount />
      </Field>
      <Field name="span" label="届期起止" required extra={`一届通常为五年，最长不超过${TERM_MAX_YEARS}年`}>
        <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['开始日期', '结束日期']} />
      </Field>
    </FormModal>
  );
}
