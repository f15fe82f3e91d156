import { useQuery } from '@tanstack/react-query';
import { STAGE_LABELS, type TStage } from '@xc/domain';
import { Segmented, Select } from 'antd';
import { listRectInspections, rk, type TRectInspection } from '../../api/rectification.ts';

/** The inspections at feedback or later the caller sees; the liaison's are its own organization's only. */
export function useRectInspections(termId?: string) {
  const q = termId ? { termId } : {};
  return useQuery({
    queryKey: rk.inspections(q),
    queryFn: () => listRectInspections(q),
    staleTime: 60_000,
    // The latest feedback first: the one being rectified now is the one the page opens on.
    select: (d) => ({ items: [...d.items].sort(byLatestFeedback) }),
  });
}

const byLatestFeedback = (a: TRectInspection, b: TRectInspection) =>
  (b.feedbackDate ?? '').localeCompare(a.feedbackDate ?? '') || a.label.localeCompare(b.label, 'zh-CN');

const stageLabel = (s: string) => STAGE_LABELS[s as TStage] ?? s;

export function RectInspectionSelect({
  value,
  onChange,
  width = 420,
  allowClear = true,
}: {
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  width?: number;
  allowClear?: boolean;
}) {
  const list = useRectInspections();
  const items = list.data?.items ?? [];
  return (
    <Select
      value={value}
      onChange={(v?: string) => onChange(v || undefined)}
      allowClear={allowClear}
      placeholder="选择已反馈的巡察"
      aria-label="巡察任务"
      loading={list.isPending}
      style={{ width }}
      popupMatchSelectWidth={false}
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent={list.isPending ? '正在加载…' : list.error ? '巡察任务加载失败' : '暂无已反馈的巡察'}
      options={items.map((i) => ({ value: i.id, label: `${i.label}（${stageLabel(i.stage)}）` }))}
    />
  );
}

export const findRect = (items: TRectInspection[] | undefined, id: string | undefined) =>
  id ? items?.find((i) => i.id === id) : undefined;

/** The organizations of one inspection, when there are several. */
export function OrgSwitch({
  orgs,
  value,
  onChange,
}: {
  orgs: { orgId: string; name: string }[];
  value: string | undefined;
  onChange: (orgId: string) => void;
}) {
  if (orgs.length <= 1) return null;
  return (
    <Segmented
      style={{ marginBottom: 16 }}
      value={value}
      onChange={(v) => onChange(String(v))}
      options={orgs.map((t) => ({ value: t.orgId, label: t.name }))}
    />
  );
}

export { stageLabel };
