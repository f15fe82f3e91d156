import { useQueryClient } from '@tanstack/react-query';
import { TERM_MAX_YEARS, type TTerm, termSpanProblem, ZTerm } from '@xc/domain';
import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { errorText } from '../../api/client.ts';
import { createTerm, pk, updateTerm } from '../../api/planning.ts';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { handleVersionConflict } from '../../components/version-conflict.ts';
import { day, iso } from './shared.tsx';

interface TermFormValues {
  authorityId: string;
  name: string;
  span: [Dayjs | null, Dayjs | null] | null;
}

function toForm(t: TTerm): TermFormValues {
  return { authorityId: t.authorityId, name: t.name, span: [day(t.startDate), day(t.endDate)] };
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
  const [form] = Form.useForm<TermFormValues>();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState<number | null>(null);
  const editing = !!term;

  // Fill the form once per opening: a refetch must not overwrite what the user is typing.
  const openedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!open) {
      openedFor.current = null;
      return;
    }
    const key = term?.id ?? 'new';
    if (openedFor.current === key) return;
    openedFor.current = key;
    setError(null);
    form.resetFields();
    if (term) {
      form.setFieldsValue(toForm(term));
      setVersion(term.version);
    } else {
      const start = dayjs().startOf('year');
      form.setFieldsValue({
        authorityId: defaultAuthorityId,
        span: [start, start.add(5, 'year').subtract(1, 'day')],
      });
    }
  }, [open, term, form, defaultAuthorityId]);

  const submit = async () => {
    const v = await form.validateFields();
    const startDate = iso(v.span?.[0]) ?? '';
    const endDate = iso(v.span?.[1]) ?? '';
    setSaving(true);
    setError(null);
    try {
      const saved = term
        ? await updateTerm(term.id, { version: version ?? term.version, name: v.name, startDate, endDate })
        : await createTerm({ authorityId: v.authorityId, name: v.name, startDate, endDate });
      queryClient.setQueryData(pk.term(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: pk.all });
      message.success(editing ? '届期已保存' : '届期已新建');
      onSaved?.(saved);
      onClose();
    } catch (e) {
      const conflict = handleVersionConflict(e, modal, ZTerm, (current) => {
        if (current) {
          queryClient.setQueryData(pk.term(current.id), current);
          form.setFieldsValue(toForm(current));
          setVersion(current.version);
        }
      });
      if (!conflict) {
        setError(e);
        message.error(errorText(e));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={editing ? `编辑届期：${term?.name}` : '新建届期'}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText="保存"
      forceRender
      destroyOnHidden={false}
    >
      {Boolean(error) && <ErrorAlert error={error} />}
      <Form<TermFormValues> form={form} name={editing ? 'termEdit' : 'termCreate'} layout="vertical">
        <Form.Item name="authorityId" label="巡察机构" rules={[{ required: true, message: '请选择巡察机构' }]}>
          <AuthoritySelect disabled={editing} />
        </Form.Item>
        <Form.Item
          name="name"
          label="届次名称"
          rules={[
            { required: true, whitespace: true, message: '请输入届次名称' },
            { max: 40, message: '届次名称不能超过40个字' },
          ]}
        >
          <Input placeholder="如：中共××市委第五届" maxLength={40} showCount />
        </Form.Item>
        <Form.Item
          name="span"
          label="届期起止"
          extra={`一届通常为五年，最长不超过${TERM_MAX_YEARS}年`}
          rules={[
            {
              validator: (_, v: TermFormValues['span']) => {
                if (!v?.[0] || !v[1]) return Promise.reject(new Error('请选择届期开始和结束日期'));
                const bad = termSpanProblem(iso(v[0]) ?? '', iso(v[1]) ?? '');
                return bad ? Promise.reject(new Error(bad)) : Promise.resolve();
              },
            },
          ]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['开始日期', '结束日期']} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
