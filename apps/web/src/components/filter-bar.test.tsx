import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Space } from 'antd';
import { useLocation, useSearchParams } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { renderApp } from '../test/render.tsx';
import { FilterSearch, FilterSelect, ResetFiltersButton } from './filter-bar.tsx';

const STATUS = [
  { value: 'open', label: '收集中' },
  { value: 'closed', label: '已结束' },
] as const;

/** A list page's filter bar as the pages write it: the filters live in the URL. */
function Bar() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? undefined;
  const status = (params.get('status') as 'open' | 'closed' | null) ?? undefined;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  return (
    <Space>
      <FilterSearch value={q} onSearch={(v) => set({ q: v })} placeholder="名称" label="搜索问卷" />
      <FilterSelect
        label="状态"
        value={status}
        onChange={(v) => set({ status: v })}
        options={[...STATUS]}
        width={120}
      />
      <ResetFiltersButton filtered={!!(q || status)} onReset={() => setParams(new URLSearchParams())} />
    </Space>
  );
}

function Url() {
  const loc = useLocation();
  return <output aria-label="地址">{loc.search}</output>;
}

const url = () => screen.getByLabelText('地址').textContent;
const searchBox = () => screen.getByLabelText('搜索问卷') as HTMLInputElement;

describe('FilterSearch', () => {
  it('keeps what is typed to itself until 搜索, then searches the trimmed text', async () => {
    const onSearch = vi.fn();
    renderApp(<FilterSearch value={undefined} onSearch={onSearch} placeholder="名称" label="搜索问卷" />);
    await userEvent.type(searchBox(), '  财政局 ');
    expect(onSearch).not.toHaveBeenCalled();
    await userEvent.keyboard('{Enter}');
    expect(onSearch).toHaveBeenLastCalledWith('财政局');
  });

  it('searches for nothing when only blanks are left', async () => {
    const onSearch = vi.fn();
    renderApp(<FilterSearch value="旧词" onSearch={onSearch} placeholder="名称" label="搜索问卷" />);
    await userEvent.clear(searchBox());
    await userEvent.type(searchBox(), '   {Enter}');
    expect(onSearch).toHaveBeenLastCalledWith(undefined);
  });

  it('follows the URL when the filters change from outside', async () => {
    renderApp(
      <>
        <Bar />
        <Url />
      </>,
      { url: '/surveys?q=%E8%B4%A2%E6%94%BF' },
    );
    expect(searchBox().value).toBe('财政');
    await userEvent.type(searchBox(), '局{Enter}');
    await waitFor(() => expect(url()).toBe(`?q=${encodeURIComponent('财政局')}`));
    // 重置 clears the URL; the box shows what the URL says, not what was typed before.
    await userEvent.click(screen.getByRole('button', { name: /重置/ }));
    await waitFor(() => expect(url()).toBe(''));
    expect(searchBox().value).toBe('');
  });
});

describe('FilterSelect', () => {
  it('is named and shown by its label, and hands back the value chosen', async () => {
    const onChange = vi.fn();
    renderApp(<FilterSelect label="状态" value={undefined} onChange={onChange} options={[...STATUS]} width={120} />);
    const box = screen.getByRole('combobox', { name: '状态' });
    expect(screen.getByText('状态', { selector: '.ant-select-placeholder' })).toBeTruthy();
    await userEvent.click(box);
    await userEvent.click(await screen.findByText('已结束', { selector: '.ant-select-item-option-content' }));
    expect(onChange).toHaveBeenLastCalledWith('closed');
  });

  it('offers no clearing and no placeholder for a filter that always has a value', () => {
    renderApp(
      <FilterSelect
        label="状态"
        value="open"
        onChange={() => {}}
        options={[...STATUS]}
        width={120}
        clearable={false}
      />,
    );
    expect(document.querySelector('.ant-select-placeholder')).toBeNull();
    expect(document.querySelector('.ant-select-clear')).toBeNull();
    expect(screen.getByText('收集中')).toBeTruthy();
  });
});

describe('ResetFiltersButton', () => {
  it('shows only while a filter is on, and clears them all', async () => {
    renderApp(
      <>
        <Bar />
        <Url />
      </>,
      { url: '/surveys' },
    );
    expect(screen.queryByRole('button', { name: /重置/ })).toBeNull();
    await userEvent.click(screen.getByRole('combobox', { name: '状态' }));
    await userEvent.click(await screen.findByText('收集中', { selector: '.ant-select-item-option-content' }));
    await waitFor(() => expect(url()).toBe('?status=open'));
    await userEvent.type(searchBox(), '测评{Enter}');
    await waitFor(() => expect(url()).toBe(`?status=open&q=${encodeURIComponent('测评')}`));
    await userEvent.click(screen.getByRole('button', { name: /重置/ }));
    await waitFor(() => expect(url()).toBe(''));
    expect(screen.queryByRole('button', { name: /重置/ })).toBeNull();
  });
});
