import { LinkOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Input, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { usePermissions } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { listOrgs } from '../../api/orgs.ts';
import { useDebounced } from '../../components/use-debounced.ts';

export interface UnitValue {
  orgId: string | null;
  unitName: string;
}

/**
 * A work unit typed freely or picked from the registry. Picking links the organization (recusal then
 * matches by it, not by the name); typing over a picked name unlinks it.
 */
export function UnitInput({
  value,
  onChange,
  placeholder = '输入单位名称，可从单位库中选择',
  id,
}: {
  value?: UnitValue | null;
  onChange?: (v: UnitValue) => void;
  placeholder?: string;
  id?: string;
}) {
  const perms = usePermissions();
  const canSearch = perms.has('org:read');
  const text = value?.unitName ?? '';
  const linked = !!value?.orgId;
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const orgs = useQuery({
    queryKey: qk.orgSelect('list', { q, status: 'active', unit: true }),
    queryFn: ({ signal }) => listOrgs({ q, status: 'active', limit: 10 }, signal),
    enabled: canSearch && q.length >= 2,
    staleTime: 30_000,
  });
  const options = (q.length >= 2 ? (orgs.data?.items ?? []) : []).map((o) => ({
    value: o.id,
    name: o.name,
    label: (
      <div>
        <div>{o.name}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[o.authorityName, o.kind].join(' · ')}
        </Typography.Text>
      </div>
    ),
  }));

  const suffix = linked ? (
    <Tooltip title="已关联单位库中的单位，回避审查按单位匹配">
      <LinkOutlined style={{ color: '#1677ff' }} aria-label="已关联单位库" />
    </Tooltip>
  ) : (
    <span />
  );

  if (!canSearch)
    return (
      <Input
        id={id}
        value={text}
        placeholder={placeholder}
        maxLength={80}
        onChange={(e) => onChange?.({ orgId: null, unitName: e.target.value })}
      />
    );
  return (
    <AutoComplete
      id={id}
      value={text}
      options={options}
      showSearch={{ onSearch: setSearch, filterOption: false }}
      onChange={(v: string) => {
        // antd reports the chosen option's value (an id) through onChange too; onSelect handles that.
        if (options.some((o) => o.value === v)) return;
        onChange?.({ orgId: null, unitName: v });
      }}
      onSelect={(_v: string, o: { value: string; name: string }) => onChange?.({ orgId: o.value, unitName: o.name })}
    >
      <Input placeholder={placeholder} maxLength={80} suffix={suffix} />
    </AutoComplete>
  );
}
