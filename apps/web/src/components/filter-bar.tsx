import { ReloadOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { usePermissions } from '../api/hooks.ts';
import { AuthoritySelect } from './authority-select.tsx';

/**
 * The pieces of the list pages' filter bars, so each page says only what it filters on. The
 * filters themselves live in the URL; these read and write them through `value` and the callbacks.
 */

/**
 * The keyword box: what is typed stays local until 搜索 or Enter, and follows the URL when the
 * filters change from outside (重置, the browser's back button).
 */
export function FilterSearch(props: {
  value: string | undefined;
  onSearch: (q: string | undefined) => void;
  placeholder: string;
  /** Accessible name, e.g. 搜索信访件. */
  label: string;
  width?: number;
  maxLength?: number;
}) {
  const [text, setText] = useState(props.value ?? '');
  useEffect(() => setText(props.value ?? ''), [props.value]);
  return (
    <Input.Search
      placeholder={props.placeholder}
      allowClear
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(v) => props.onSearch(v.trim() || undefined)}
      style={{ width: props.width ?? 220 }}
      maxLength={props.maxLength ?? 50}
      aria-label={props.label}
    />
  );
}

/** A choice among fixed values; the label is the placeholder and the accessible name. */
export function FilterSelect<V extends string>(props: {
  label: string;
  value: V | undefined;
  onChange: (v: V | undefined) => void;
  options: { value: V; label: string }[];
  width: number;
  /** Type to narrow a long list. */
  searchable?: boolean;
  /** False for a filter that always has a value (then there is no placeholder either). */
  clearable?: boolean;
}) {
  const clearable = props.clearable ?? true;
  return (
    <Select<V>
      placeholder={clearable ? props.label : undefined}
      allowClear={clearable}
      value={props.value}
      onChange={(v) => props.onChange(v)}
      options={props.options}
      style={{ width: props.width }}
      showSearch={props.searchable ? { optionFilterProp: 'label' } : undefined}
      aria-label={props.label}
    />
  );
}

/** The authority filter; users who may not list the authorities work in their own and see none. */
export function FilterAuthority({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (id: string | undefined) => void;
}) {
  const perms = usePermissions();
  if (!perms.has('authority:read')) return null;
  return <AuthoritySelect placeholder="巡察机构" allowClear value={value} onChange={onChange} style={{ width: 220 }} />;
}

/** The row of filters above a list, with 重置 at its end while a filter is on (where the page offers it). */
export function FilterBar({
  filtered = false,
  onReset,
  children,
}: {
  filtered?: boolean;
  onReset?: () => void;
  children: ReactNode;
}) {
  return (
    <Space wrap className="xc-filter-bar">
      {children}
      {onReset && <ResetFiltersButton filtered={filtered} onReset={onReset} />}
    </Space>
  );
}

/** 重置 in a filter bar: shown only while a filter is on. */
export function ResetFiltersButton({ filtered, onReset }: { filtered: boolean; onReset: () => void }) {
  if (!filtered) return null;
  return (
    <Button icon={<ReloadOutlined />} onClick={onReset}>
      重置
    </Button>
  );
}
