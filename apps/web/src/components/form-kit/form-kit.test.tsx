import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ErrorCode, type TTerm, ZTerm, ZTermCreate } from '@xc/domain';
import { Input } from 'antd';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { renderApp } from '../../test/render.tsx';
import { Field, FormModal, useSchemaForm } from './index.ts';

interface Values {
  authorityId?: string;
  name?: string;
  startDate?: string;
  endDate?: string;
}

const AUTHORITY = '0190a0a0-0000-7000-8000-000000000001';
const TERM: TTerm = {
  id: '0190a0a0-0000-7000-8000-0000000000aa',
  authorityId: AUTHORITY,
  authorityName: '某市委巡察办',
  name: '第五届',
  startDate: '2021-01-01',
  endDate: '2025-12-31',
  current: true,
  version: 3,
};

/** A term form as the pages write it: the domain's ZTermCreate, no rule of its own. */
function TermForm({
  save,
  initial = {},
  reload = () => undefined,
}: {
  save: (body: unknown) => Promise<TTerm>;
  initial?: Values;
  reload?: (current: TTerm | null) => Values | undefined;
}) {
  const kit = useSchemaForm({
    schema: ZTermCreate,
    toBody: (v: Values) => ({
      authorityId: v.authorityId ?? '',
      name: v.name ?? '',
      startDate: v.startDate ?? '',
      endDate: v.endDate ?? '',
    }),
    mutationFn: save,
    success: '届期已新建',
    conflict: { schema: ZTerm, reload },
    open: true,
    initial: () => initial,
  });
  return (
    <FormModal kit={kit} title="新建届期" open onClose={() => {}} name="term" lazy>
      <Field name="authorityId" label="巡察机构" required>
        <Input />
      </Field>
      <Field name="name" label="届次名称" required>
        <Input />
      </Field>
      <Field name="startDate" label="开始日期" required>
        <Input />
      </Field>
      <Field name="endDate" label="结束日期" required>
        <Input />
      </Field>
    </FormModal>
  );
}

const VALID: Values = { authorityId: AUTHORITY, name: '第六届', startDate: '2026-01-01', endDate: '2030-12-31' };

/** The messages antd shows under the field whose input has this label. */
function messagesOf(label: string): string[] {
  const input = screen.getByLabelText(label);
  const item = input.closest('.ant-form-item');
  if (!item) throw new Error(`no form item for ${label}`);
  return [...item.querySelectorAll('.ant-form-item-explain-error')].map((e) => e.textContent ?? '');
}

/** By its text: while loading, antd adds an icon named "loading" to the button's accessible name. */
const saveButton = () => {
  const button = screen.getByText('保存').closest('button');
  if (!button) throw new Error('no 保存 button');
  return button;
};

/** Opened and closed by a button, as the pages open their modals; edits name only. */
function Reopening() {
  const [open, setOpen] = useState(false);
  const kit = useSchemaForm({
    schema: ZTermCreate,
    toBody: (v: Values) => ({ ...VALID, name: v.name ?? '' }),
    mutationFn: async () => TERM,
    open,
    initial: () => ({ name: '第六届' }),
  });
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        打开
      </button>
      <FormModal kit={kit} title="新建届期" open={open} onClose={() => setOpen(false)}>
        <Field name="name" label="届次名称">
          <Input />
        </Field>
      </FormModal>
    </>
  );
}

/** The body carries an id no field of the form shows, and a bad one. */
function NoAuthorityField({ save }: { save: (body: unknown) => Promise<TTerm> }) {
  const kit = useSchemaForm({
    schema: ZTermCreate,
    toBody: (v: Values) => ({ ...VALID, authorityId: 'not-an-id', name: v.name ?? '' }),
    mutationFn: save,
  });
  return (
    <FormModal kit={kit} title="新建届期" open onClose={() => {}}>
      <Field name="name" label="届次名称">
        <Input />
      </Field>
    </FormModal>
  );
}

describe('useSchemaForm', () => {
  it('fills the form each time it opens, so what was typed before is gone', async () => {
    renderApp(<Reopening />);
    await userEvent.click(screen.getByRole('button', { name: '打开' }));
    const name = () => screen.getByLabelText('届次名称') as HTMLInputElement;
    await waitFor(() => expect(name().value).toBe('第六届'));
    await userEvent.type(name(), '（草稿）');
    await userEvent.click(screen.getByRole('button', { name: '取消' }));
    await userEvent.click(screen.getByRole('button', { name: '打开' }));
    await waitFor(() => expect(name().value).toBe('第六届'));
  });

  it('shows what the schema refuses but no field holds as the error above the form', async () => {
    const save = vi.fn(async () => TERM);
    renderApp(<NoAuthorityField save={save} />);
    await userEvent.type(screen.getByLabelText('届次名称'), '第六届');
    await userEvent.click(saveButton());
    expect(await screen.findByText('编号格式不正确')).toBeTruthy();
    expect(save).not.toHaveBeenCalled();
  });

  it("shows the schema's messages under the fields they name and sends nothing", async () => {
    const save = vi.fn(async () => TERM);
    renderApp(
      <TermForm save={save} initial={{ name: 'x'.repeat(41), startDate: '2026-01-01', endDate: '2025-01-01' }} />,
    );
    await userEvent.click(saveButton());
    await waitFor(() => expect(messagesOf('届次名称')).toEqual(['届次名称不能超过40个字']));
    // An empty id is "not an id" to the schema; the user reads that the field is empty.
    expect(messagesOf('巡察机构')).toEqual(['巡察机构不能为空']);
    // A rule across two fields (ZTermCreate's superRefine) lands on the field its path names.
    expect(messagesOf('结束日期')).toEqual(['届期结束日期必须晚于开始日期']);
    expect(messagesOf('开始日期')).toEqual([]);
    expect(save).not.toHaveBeenCalled();
  });

  it('clears a message once the value satisfies the schema', async () => {
    renderApp(<TermForm save={async () => TERM} initial={{ ...VALID, name: '' }} />);
    await userEvent.click(saveButton());
    await waitFor(() => expect(messagesOf('届次名称')).toEqual(['届次名称不能为空']));
    await userEvent.type(screen.getByLabelText('届次名称'), '第六届');
    await waitFor(() => expect(messagesOf('届次名称')).toEqual([]));
  });

  it('sends the parsed body, then toasts', async () => {
    const save = vi.fn(async () => TERM);
    renderApp(<TermForm save={save} initial={{ ...VALID, name: '  第六届 ' }} />);
    await userEvent.click(saveButton());
    await screen.findByText('届期已新建');
    // The schema's transforms apply: what is sent is what the server will store.
    expect(save).toHaveBeenCalledWith({ ...VALID, name: '第六届' });
  });

  it('marks the fields a 400 answer names', async () => {
    const save = vi.fn(async () => {
      throw new ApiError(400, ErrorCode.BadRequest, '请求内容有误', 'req-1', {
        issues: [{ path: 'name', message: '该机构已有同名届次' }],
      });
    });
    renderApp(<TermForm save={save} initial={VALID} />);
    await userEvent.click(saveButton());
    await waitFor(() => expect(messagesOf('届次名称')).toEqual(['该机构已有同名届次']));
    // The answer itself stays in view too, with the request id to quote.
    expect(await screen.findByText('请求编号：req-1')).toBeTruthy();
  });

  it('offers the current record on a 409 version conflict', async () => {
    const reload = vi.fn();
    const save = vi.fn(async () => {
      throw new ApiError(409, ErrorCode.VersionConflict, '数据已被修改', null, { current: TERM });
    });
    renderApp(<TermForm save={save} initial={VALID} reload={reload} />);
    await userEvent.click(saveButton());
    // antd's dialogs all carry aria-labelledby="test-id" under test, so they are found by their text.
    await screen.findAllByText('该记录已被他人修改');
    await userEvent.click(screen.getByRole('button', { name: '加载最新内容' }));
    await waitFor(() => expect(reload).toHaveBeenCalledWith(TERM));
    // A conflict the user can resolve is not shown as an error besides.
    expect(screen.queryByText('请求编号：')).toBeNull();
  });

  it('takes no second click while the request is on its way', async () => {
    let finish: (t: TTerm) => void = () => {};
    const save = vi.fn(() => new Promise<TTerm>((resolve) => (finish = resolve)));
    renderApp(<TermForm save={save} initial={VALID} />);
    await userEvent.click(saveButton());
    await waitFor(() => expect(saveButton().className).toContain('ant-btn-loading'));
    await userEvent.click(saveButton());
    expect(save).toHaveBeenCalledTimes(1);
    finish(TERM);
    await waitFor(() => expect(saveButton().className).not.toContain('ant-btn-loading'));
  });
});
