import { useQuery } from '@tanstack/react-query';
import { ORG_STATUS_LABELS, type TOrg, type TOrgLookupItem } from '@xc/domain';
import { Select, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { errorText } from '../api/client.ts';
import { qk } from '../api/keys.ts';
import { listOrgs, lookupOrgs } from '../api/orgs.ts';
import { useDebounced } from './use-debounced.ts';

interface OrgSelectCommonProps {
  value?: string | null;
  /** Limits the search to one authority's organizations. */
  authorityId?: string;
  /** Ids that may not be chosen (the organization itself when choosing its parent). */
  excludeIds?: string[];
  /** Label of the current value before any search has run. */
  initialLabel?: string | null;
  placeholder?: string;
  disabled?: boolean;
  style?: React.CSSProperties;
  allowClear?: boolean;
  id?: string;
}

/** Searches the registry (`GET /api/orgs`, needs org:read) and hands the chosen full TOrg back. */
export interface OrgSelectListProps extends OrgSelectCommonProps {
  source?: 'list';
  onChange?: (id: string | null, org: TOrg | null) => void;
  status?: 'active' | 'all';
}

/**
 * Searches names only (`GET /api/orgs/lookup`, needs directory:orgs, active units only): for the
 * 系统管理员 and 安全保密管理员, who may not read the registry itself.
 */
export interface OrgSelectLookupProps extends OrgSelectCommonProps {
  source: 'lookup';
  onChange?: (id: string | null, org: TOrgLookupItem | null) => void;
}

export type OrgSelectProps = OrgSelectListProps | OrgSelectLookupProps;

type Hit = { source: 'list'; org: TOrg } | { source: 'lookup'; org: TOrgLookupItem };

interface Option {
  value: string;
  /** Shown in the box once chosen. */
  label: string;
  /** First line in the drop-down. */
  name: string;
  /** Second line in the drop-down. */
  desc: string;
  hit: Hit | null;
}

function listOption(o: TOrg): Option {
  return {
    value: o.id,
    label: o.name,
    name: o.name,
    desc: [o.kind, o.parentName, o.status !== 'active' ? ORG_STATUS_LABELS[o.status] : null]
      .filter(Boolean)
      .join(' · '),
    hit: { source: 'list', org: o },
  };
}

/** Same names recur across authorities (every county has a 财政局党组), so the authority goes along. */
function lookupOption(o: TOrgLookupItem, withAuthority: boolean): Option {
  return {
    value: o.id,
    label: withAuthority ? `${o.name}（${o.authorityName}）` : o.name,
    name: o.name,
    desc: [o.authorityName, o.kind].join(' · '),
    hit: { source: 'lookup', org: o },
  };
}

/** Pick an organization by typing part of its name (searched on the server, full/half-width alike). */
export function OrgSelect(props: OrgSelectProps) {
  const {
    value,
    authorityId,
    excludeIds,
    initialLabel,
    placeholder = '输入单位名称搜索',
    disabled,
    style,
    allowClear = true,
    id,
  } = props;
  const source = props.source ?? 'list';
  const status = props.source === 'lookup' ? 'active' : (props.status ?? 'active');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const { data, isFetching, error } = useQuery({
    queryKey: qk.orgSelect(source, { authorityId: authorityId ?? null, status, q }),
    queryFn: async ({ signal }): Promise<Option[]> => {
      if (source === 'lookup') {
        const r = await lookupOrgs({ q: q || undefined, authorityId, limit: 20 }, signal);
        return r.items.map((o) => lookupOption(o, !authorityId));
      }
      const r = await listOrgs({ q: q || undefined, authorityId, status, limit: 20 }, signal);
      return r.items.map(listOption);
    },
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const opts = (data ?? []).filter((o) => !excludeIds?.includes(o.value));
    if (value && initialLabel && !opts.some((o) => o.value === value)) {
      opts.unshift({ value, label: initialLabel, name: initialLabel, desc: '', hit: null });
    }
    return opts;
  }, [data, excludeIds, value, initialLabel]);

  const emit = (v: string | null) => {
    const hit = options.find((o) => o.value === v)?.hit ?? null;
    if (props.source === 'lookup') props.onChange?.(v, hit?.source === 'lookup' ? hit.org : null);
    else props.onChange?.(v, hit?.source === 'list' ? hit.org : null);
  };

  return (
    <Select<string, Option>
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
      onChange={(v: string | undefined) => emit(v ?? null)}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.data.name}</div>
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
