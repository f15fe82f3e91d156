import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { listInspectors, ppk } from '../../api/personnel.ts';

export interface PickedInspector {
  inspectorId: string;
  name: string;
  homeUnitName: string;
}

export interface InspectorPickerProps {
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** People already chosen (e.g. the stored sign-in sheet), so their names show before any search. */
  known?: readonly PickedInspector[];
  placeholder?: string;
  disabled?: boolean;
  id?: string;
  style?: React.CSSProperties;
}

const label = (p: PickedInspector) => (p.homeUnitName ? `${p.name}（${p.homeUnitName}）` : p.name);

/** Several inspectors picked by name search (GET /api/inspectors?q=), for sign-in sheets and awards. */
export function InspectorPicker({ value, onChange, known, placeholder, disabled, id, style }: InspectorPickerProps) {
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  // Names of everyone seen so far, so a chosen person keeps their name after the search changes.
  const [names, setNames] = useState<Map<string, PickedInspector>>(() => new Map());

  useEffect(() => {
    const t = setTimeout(() => setQ(search.trim()), 300);
    return () => clearTimeout(t);
  }, [search]);

  useEffect(() => {
    if (!known?.length) return;
    setNames((m) => {
      const next = new Map(m);
      for (const k of known) next.set(k.inspectorId, k);
      return next;
    });
  }, [known]);

  const query = { q: q || undefined, limit: 30 };
  const found = useQuery({
    queryKey: ppk.inspectors({ ...query, picker: true }),
    queryFn: ({ signal }) => listInspectors(query, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

  useEffect(() => {
    const items = found.data?.items;
    if (!items?.length) return;
    setNames((m) => {
      const next = new Map(m);
      for (const i of items) next.set(i.id, { inspectorId: i.id, name: i.name, homeUnitName: i.homeUnitName });
      return next;
    });
  }, [found.data]);

  const selected = value ?? [];
  const options = [
    ...selected.map((sid) => {
      const p = names.get(sid);
      return { value: sid, label: p ? label(p) : '（加载中）' };
    }),
    ...(found.data?.items ?? [])
      .filter((i) => !selected.includes(i.id))
      .map((i) => ({ value: i.id, label: label({ inspectorId: i.id, name: i.name, homeUnitName: i.homeUnitName }) })),
  ];

  return (
    <Select
      id={id}
      mode="multiple"
      value={selected}
      onChange={(v: string[]) => onChange?.(v)}
      placeholder={placeholder ?? '输入姓名、单位或职务搜索巡察干部'}
      disabled={disabled}
      style={{ width: '100%', ...style }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      maxTagCount={60}
      notFoundContent={found.isFetching ? <Spin size="small" /> : '没有找到巡察干部'}
      loading={found.isFetching}
    />
  );
}
