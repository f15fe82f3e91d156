import { useQuery } from '@tanstack/react-query';
import { ORG_STATUS_LABELS, type TOrg } from '@xc/domain';
import { Select, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { errorText } from '../api/client.ts';
import { listOrgs } from '../api/orgs.ts';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export interface OrgSelectProps {
  value?: string | null;
  onChange?: (id: string | null, org: TOrg | null) => void;
  /** Limits the search to one authority's organizations. */
  authorityId?: string;
  /** Ids that may not be chosen (the organization itself when choosing its parent). */
  excludeIds?: string[];
  /** Label of the current value before any search has run. */
  initialLabel?: string | null;
  placeholder?: string;
  status?: 'active' | 'all';
  disabled?: boolean;
  style?: React.CSSProperties;
  allowClear?: boolean;
  id?: string;
}

/** Pick an organization by typing part of its name (searched on the server, full/half-width alike). */
export function OrgSelect({
  value,
  onChange,
  authorityId,
  excludeIds,
  initialLabel,
  placeholder = '输入单位名称搜索',
  status = 'active',
  disabled,
  style,
  allowClear = true,
  id,
}: OrgSelectProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const { data, isFetching, error } = useQuery({
    queryKey: ['orgs', 'select', authorityId ?? null, status, q],
    queryFn: ({ signal }) => listOrgs({ q: q || undefined, authorityId, status, limit: 20 }, signal),
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const items = (data?.items ?? []).filter((o) => !excludeIds?.includes(o.id));
    const opts: { value: string; label: string; org: TOrg | null; desc: string }[] = items.map((o) => ({
      value: o.id,
      label: o.name,
      org: o,
      desc: [o.kind, o.parentName, o.status !== 'active' ? ORG_STATUS_LABELS[o.status] : null]
        .filter(Boolean)
        .join(' · '),
    }));
    if (value && initialLabel && !opts.some((o) => o.value === value)) {
      opts.unshift({ value, label: initialLabel, org: null, desc: '' });
    }
    return opts;
  }, [data, excludeIds, value, initialLabel]);

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      placeholder={placeholder}
      allowClear={allowClear}
      disabled={disabled}
      style={style}
      notFoundContent={
        isFetching ? (
          <Spin size="small" />
        ) : error ? (
          <Typography.Text type="danger">{errorText(error)}</Typography.Text>
        ) : (
          '没有匹配的单位'
        )
      }
      onChange={(v: string | undefined) => {
        const hit = options.find((o) => o.value === v);
        onChange?.(v ?? null, hit?.org ?? null);
      }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.data.label}</div>
          {o.data.desc && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.data.desc}
            </Typography.Text>
          )}
        </div>
      )}
    />
  );
}
