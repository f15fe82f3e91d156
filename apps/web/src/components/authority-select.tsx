import { AUTHORITY_LEVEL_LABELS } from '@xc/domain';
import { Select } from 'antd';
import { useAuthorities } from '../api/hooks.ts';

export interface AuthoritySelectProps {
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  disabled?: boolean;
  /** Only authorities of this level (e.g. a county's parent must be a city). */
  level?: 'city' | 'county';
  id?: string;
}

export function AuthoritySelect({
  value,
  onChange,
  placeholder = '选择巡察机构',
  allowClear,
  style,
  disabled,
  level,
  id,
}: AuthoritySelectProps) {
  const { data, isPending } = useAuthorities();
  const items = (data?.items ?? []).filter((a) => !level || a.level === level);
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      placeholder={placeholder}
      allowClear={allowClear}
      loading={isPending}
      disabled={disabled}
      style={style}
      showSearch={{ optionFilterProp: 'label' }}
      options={items.map((a) => ({ value: a.id, label: `${a.name}（${AUTHORITY_LEVEL_LABELS[a.level]}）` }))}
      notFoundContent="暂无巡察机构"
    />
  );
}
