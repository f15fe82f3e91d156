import { useQuery } from '@tanstack/react-query';
import {
  CLUE_STATUS_LABELS,
  PAPER_STATUS_LABELS,
  SEVERITY_LABELS,
  TAXONOMY_LEVEL_LABELS,
  type TClueStatus,
  TEAM_ROLE_LABELS,
  type TPaperStatus,
  type TSeverity,
  type TTaxonomyLevel,
} from '@xc/domain';
import { Select, Steps, Tag, Tooltip, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { fwk, getTaxonomy, type TTaxonomyNodeOut } from '../../api/fieldwork.ts';
import { useMe } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { getOrg } from '../../api/orgs.ts';
import { getRoster, ppk, type TRosterMember } from '../../api/personnel.ts';
import { getInspection, listRounds, listTerms, pk, type TInspectionDetailOut } from '../../api/planning.ts';
import { OrgSelect } from '../../components/org-select.tsx';
import { targetSummary } from '../planning/shared.tsx';

export { isUuid, when } from '../petitions/shared.tsx';

/* ---------- reading filters from the URL ---------- */

export const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v && (list as readonly string[]).includes(v) ? (v as T) : undefined;

export const flag = (v: string | null): 'true' | 'false' | undefined => (v === 'true' || v === 'false' ? v : undefined);

/** URL parameters from a filter object: empty values stay out. */
export function toParams(f: Record<string, string | undefined>): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  return p;
}

/* ---------- who is looking ---------- */

/** The office (巡察办) sees every inspection of its authorities; a team's people only their own. */
export function useIsOffice(): boolean {
  const { data: me } = useMe();
  return !!me?.roles.some((r) => r === 'officeLeader' || r === 'officeStaff');
}

export function useHasRole(role: string): boolean {
  const { data: me } = useMe();
  return !!me?.roles.some((r) => r === role);
}

/* ---------- tags ---------- */

const PAPER_COLOURS: Record<TPaperStatus, string> = {
  draft: 'default',
  deputyReview: 'gold',
  leaderReview: 'orange',
  signedOff: 'green',
};

export function PaperStatusTag({ status }: { status: TPaperStatus }) {
  return <Tag color={PAPER_COLOURS[status]}>{PAPER_STATUS_LABELS[status] ?? status}</Tag>;
}

const CLUE_COLOURS: Record<TClueStatus, string> = {
  draft: 'gold',
  transferred: 'blue',
  disposing: 'purple',
  resultIn: 'cyan',
  writtenOff: 'green',
};

export function ClueStatusTag({ status }: { status: TClueStatus }) {
  return <Tag color={CLUE_COLOURS[status]}>{CLUE_STATUS_LABELS[status] ?? status}</Tag>;
}

const SEVERITY_COLOURS: Record<TSeverity, string> = { general: 'default', serious: 'orange', major: 'red' };

export function SeverityTag({ severity }: { severity: TSeverity | null }) {
  if (!severity) return <Tag>未定</Tag>;
  return <Tag color={SEVERITY_COLOURS[severity]}>{SEVERITY_LABELS[severity]}</Tag>;
}

/** A due date with the warning colours of domain.md §5: green on track, gold within the window, red overdue. */
export function DueTag({ due, colour }: { due: string | null; colour: string }) {
  if (!due || colour === 'none') return <span>—</span>;
  const t =
    colour === 'red'
      ? { color: 'red', text: `已逾期 ${due}` }
      : colour === 'yellow'
        ? { color: 'gold', text: `临期 ${due}` }
        : colour === 'done'
          ? { color: 'default', text: `已反馈（时限 ${due}）` }
          : { color: 'green', text: `${due} 前` };
  return <Tag color={t.color}>{t.text}</Tag>;
}

/* ---------- 三审 ---------- */

const STEP_OF: Record<TPaperStatus, number> = { draft: 0, deputyReview: 1, leaderReview: 2, signedOff: 3 };

/** author → 副组长 → 组长 → 已审定, the current step highlighted (architecture.md §9 workflows). */
export function PaperSteps({ status, size = 'small' }: { status: TPaperStatus; size?: 'small' | 'default' }) {
  const current = STEP_OF[status];
  return (
    <Steps
      size={size}
      current={current}
      status={status === 'signedOff' ? 'finish' : 'process'}
      items={[{ title: '撰写人提交' }, { title: '副组长审核' }, { title: '组长审签' }, { title: '审定' }].map(
        (s, i) => ({
          ...s,
          status: i < current || status === 'signedOff' ? 'finish' : i === current ? 'process' : 'wait',
        }),
      )}
    />
  );
}

/* ---------- the inspection, its team and its authority's taxonomy ---------- */

export function useInspection(id: string | undefined) {
  return useQuery({
    queryKey: pk.inspection(id ?? ''),
    queryFn: () => getInspection(id ?? ''),
    enabled: !!id,
    retry: false,
  });
}

export const inspectionTitle = (i: Pick<TInspectionDetailOut, 'targets'>) => targetSummary(i.targets);

export function useRoster(teamId: string | null | undefined) {
  return useQuery({
    queryKey: ppk.roster(teamId ?? ''),
    queryFn: () => getRoster(teamId ?? ''),
    enabled: !!teamId,
    staleTime: 60_000,
  });
}

/** The team's inspectors, the ones an interview or a finding may name (value: inspector ids). */
export function RosterSelect({
  members,
  loading,
  value,
  onChange,
  id,
  placeholder = '选择本组巡察人员',
}: {
  members: TRosterMember[];
  loading?: boolean;
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
  placeholder?: string;
}) {
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      loading={loading}
      placeholder={placeholder}
      showSearch={{ optionFilterProp: 'label' }}
      options={members.map((m) => ({
        value: m.inspectorId,
        label: `${m.name}（${TEAM_ROLE_LABELS[m.role]}）`,
      }))}
      notFoundContent={loading ? '正在加载…' : '巡察组尚无成员'}
    />
  );
}

export function useTaxonomy(authorityId: string | undefined) {
  return useQuery({
    queryKey: fwk.taxonomy(authorityId ?? ''),
    queryFn: () => getTaxonomy(authorityId ?? ''),
    enabled: !!authorityId,
    staleTime: 5 * 60_000,
  });
}

interface TreeOption {
  value: string;
  title: string;
  level: TTaxonomyLevel;
  children: TreeOption[];
}

/** The taxonomy as TreeSelect data, each level in its sort order. */
export function taxonomyTree(nodes: readonly TTaxonomyNodeOut[]): TreeOption[] {
  const byParent = new Map<string | null, TTaxonomyNodeOut[]>();
  for (const n of nodes) {
    const list = byParent.get(n.parentId) ?? [];
    list.push(n);
    byParent.set(n.parentId, list);
  }
  const build = (parentId: string | null): TreeOption[] =>
    (byParent.get(parentId) ?? [])
      .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-Hans-CN'))
      .map((n) => ({ value: n.id, title: n.name, level: n.level, children: build(n.id) }));
  return build(null);
}

/** 问题分类 as a TreeSelect: a framework, an aspect or a type (a node selects its subtree in filters). */
export function TaxonomySelect({
  authorityId,
  value,
  onChange,
  id,
  placeholder = '问题分类',
  width,
}: {
  authorityId: string | undefined;
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  id?: string;
  placeholder?: string;
  width?: number;
}) {
  const tree = useTaxonomy(authorityId);
  const data = useMemo(() => taxonomyTree(tree.data?.items ?? []), [tree.data]);
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v || undefined)}
      treeData={data}
      loading={tree.isPending && !!authorityId}
      placeholder={placeholder}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      style={{ width: width ?? '100%' }}
      popupMatchSelectWidth={false}
      treeDefaultExpandAll={false}
      notFoundContent={authorityId ? '暂无问题分类' : '请先选择巡察机构'}
      aria-label={placeholder}
    />
  );
}

export function TaxonomyLevelTag({ level }: { level: TTaxonomyLevel }) {
  const colour = level === 'framework' ? 'red' : level === 'aspect' ? 'blue' : 'default';
  return <Tag color={colour}>{TAXONOMY_LEVEL_LABELS[level]}</Tag>;
}

/* ---------- terms and rounds, for the filters across inspections ---------- */

export function useTerms(authorityId?: string) {
  return useQuery({
    queryKey: pk.terms({ authorityId, limit: 100 }),
    queryFn: ({ signal }) => listTerms({ authorityId, limit: 100 }, signal),
    staleTime: 5 * 60_000,
  });
}

export function TermSelect({
  value,
  onChange,
  width = 180,
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  width?: number;
}) {
  const terms = useTerms();
  const several = new Set((terms.data?.items ?? []).map((t) => t.authorityId)).size > 1;
  return (
    <Select
      value={value}
      onChange={(v?: string) => onChange(v || undefined)}
      allowClear
      placeholder="届次"
      aria-label="届次"
      loading={terms.isPending}
      style={{ width }}
      popupMatchSelectWidth={false}
      showSearch={{ optionFilterProp: 'label' }}
      options={(terms.data?.items ?? []).map((t) => ({
        value: t.id,
        // Every county has its 十四届县委: the authority tells them apart when several are listed.
        label: `${t.name}${several ? ` · ${t.authorityName}` : ''}${t.current ? '（本届）' : ''}`,
      }))}
    />
  );
}

export function RoundSelect({
  termId,
  value,
  onChange,
  width = 140,
}: {
  termId: string | undefined;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  width?: number;
}) {
  const rounds = useQuery({
    queryKey: pk.rounds({ termId }),
    queryFn: ({ signal }) => listRounds({ termId: termId ?? '', limit: 200 }, signal),
    enabled: !!termId,
    staleTime: 5 * 60_000,
  });
  const select = (
    <Select
      value={value}
      onChange={(v?: string) => onChange(v || undefined)}
      allowClear
      disabled={!termId}
      placeholder="轮次"
      aria-label="轮次"
      loading={!!termId && rounds.isPending}
      style={{ width }}
      options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
    />
  );
  return termId ? (
    select
  ) : (
    <Tooltip title="请先选择届次">
      <span>{select}</span>
    </Tooltip>
  );
}

/** An organization of the registry as a form control, shown by name even before any search. */
export function OrgField({
  authorityId,
  value,
  onChange,
  id,
  placeholder,
}: {
  authorityId?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
  placeholder?: string;
}) {
  const org = useQuery({
    queryKey: qk.org(value ?? ''),
    queryFn: () => getOrg(value ?? ''),
    enabled: !!value,
    staleTime: 5 * 60_000,
  });
  return (
    <OrgSelect
      id={id}
      value={value}
      authorityId={authorityId}
      initialLabel={org.data?.name}
      onChange={(v) => onChange?.(v)}
      placeholder={placeholder}
    />
  );
}
