import {
  BULLETIN_STATUS_LABELS,
  CAMPAIGN_PHASE_LABELS,
  POLICY_PROBLEM_STATUS_LABELS,
  RECIPIENT_KIND_LABELS,
  REMINDER_STATUS_LABELS,
  SECTORS,
  type TBulletinStatus,
  type TCampaignPhase,
  type TPolicyProblemStatus,
  type TRecipient,
  type TReminderStatus,
  type TSector,
} from '@xc/domain';
import { Select, Tag, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { type TRecipientCandidateOut, useRecipientCandidates, useTermProblems } from '../../api/governance.ts';
import { usePermissions } from '../../api/hooks.ts';
import { useUrlParams } from '../../components/url-filters.ts';
import { isUuid, useTerms, when } from '../fieldwork/shared.tsx';
import { useHomeAuthorityId } from '../planning/shared.tsx';

export { when };

/** What the caller may do on the 以巡促治 pages. */
export function useGovRoles() {
  const perms = usePermissions();
  return {
    read: perms.has('governance:read'),
    manage: perms.has('governance:manage'),
    approve: perms.has('bulletin:approve'),
    answer: perms.has('recipient:answer'),
    report: perms.has('campaign:report'),
  };
}

/**
 * The current term of the caller's own authority (a city office sees its counties' terms too, and
 * their current terms must not stand in for its own), else any current term, else the first.
 */
function useHomeCurrentTerm() {
  const terms = useTerms();
  const home = useHomeAuthorityId();
  const items = terms.data?.items ?? [];
  const pick = items.find((t) => t.current && t.authorityId === home) ?? items.find((t) => t.current) ?? items[0];
  return { terms, current: pick?.id };
}

/**
 * The term of a page that is about one term (the overview, the candidates): the URL's `termId`, or
 * the current term once the terms are in, written into the URL so a reload shows the same.
 */
export function useTermParam() {
  const { params, set } = useUrlParams({ replace: true });
  const { terms, current } = useHomeCurrentTerm();
  const raw = params.get('termId');
  const termId = isUuid(raw) ? raw : undefined;
  useEffect(() => {
    if (!termId && current) set({ termId: current });
  }, [termId, current, set]);
  const term = terms.data?.items.find((t) => t.id === termId);
  return {
    termId,
    setTermId: (v: string | undefined) => set({ termId: v }),
    loading: terms.isPending,
    current,
    termName: term && `${term.name} · ${term.authorityName}`,
  };
}

/** The default term of a new record: the one the list shows, else the current term. */
export function useDefaultTermId(filterTermId: string | undefined): string | undefined {
  const { current } = useHomeCurrentTerm();
  return filterTermId ?? current;
}

/** A list's empty text: with a term chosen, that term may simply have none yet while another has. */
export const TERM_EMPTY = '本届暂无记录，可在上方切换届期';
export function emptyText(
  f: { termId?: string | undefined; others: boolean },
  whenFiltered: string,
  whenEmpty: string,
): { filtered: boolean; whenFiltered: string; whenEmpty: string } {
  const filtered = !!f.termId || f.others;
  if (!f.termId) return { filtered, whenFiltered, whenEmpty };
  return { filtered, whenFiltered: f.others ? `${whenFiltered}；也可在上方切换届期` : TERM_EMPTY, whenEmpty };
}

export const SECTOR_OPTIONS = SECTORS.map((s) => ({ value: s, label: s }));

/** A term as a form control. */
export function TermField({
  value,
  onChange,
  id,
  disabled,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
  disabled?: boolean;
}) {
  const terms = useTerms();
  return (
    <Select
      id={id}
      value={value}
      onChange={(v?: string) => onChange?.(v || undefined)}
      disabled={disabled}
      loading={terms.isPending}
      placeholder="选择届次"
      showSearch={{ optionFilterProp: 'label' }}
      options={(terms.data?.items ?? []).map((t) => ({
        value: t.id,
        label: `${t.name}${t.current ? '（本届）' : ''}`,
      }))}
    />
  );
}

/** The term's confirmed common problems, several at once (optionally of one sector). */
export function ProblemSelect({
  termId,
  sector,
  value,
  onChange,
  id,
  mode = 'multiple',
}: {
  termId: string | undefined;
  sector?: TSector;
  value?: string[] | string;
  onChange?: (v: never) => void;
  id?: string;
  mode?: 'multiple' | 'single';
}) {
  const problems = useTermProblems(termId, sector);
  return (
    <Select
      id={id}
      mode={mode === 'multiple' ? 'multiple' : undefined}
      allowClear
      value={value}
      onChange={(v: string[] | string | undefined) =>
        onChange?.((v ?? (mode === 'multiple' ? [] : undefined)) as never)
      }
      disabled={!termId}
      loading={!!termId && problems.isPending}
      placeholder={termId ? '选择已确认的共性问题' : '请先选择届次'}
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent={problems.isPending ? '正在加载…' : '本届暂无已确认的共性问题'}
      options={(problems.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.sector}）` }))}
    />
  );
}

/** One recipient candidate as the key of a select option: an account, or a department without one. */
export const recipientKey = (r: { kind: string; userId?: string | null; orgId?: string | null }) =>
  `${r.kind}:${r.userId ?? ''}:${r.orgId ?? ''}`;

export function toRecipient(c: {
  kind: TRecipient['kind'];
  name: string;
  userId?: string | null;
  orgId?: string | null;
}): TRecipient {
  return {
    kind: c.kind,
    name: c.name,
    ...(c.userId ? { userId: c.userId } : {}),
    ...(c.orgId ? { orgId: c.orgId } : {}),
  };
}

/**
 * 分管领导 accounts and 主管部门 of the sector (GET /api/recipient-candidates), picked by key; `known`
 * are recipients already on the record (kept selectable when the sector's candidates change).
 */
export function RecipientSelect({
  sector,
  value,
  onChange,
  id,
  multiple,
  known = [],
  onCandidates,
}: {
  sector: TSector | undefined;
  value?: string[] | string;
  onChange?: (v: never) => void;
  id?: string;
  multiple?: boolean;
  known?: readonly TRecipient[];
  /** The candidates loaded, so the form can turn keys back into recipients. */
  onCandidates?: (list: TRecipientCandidateOut[]) => void;
}) {
  const candidates = useRecipientCandidates(sector);
  const items = candidates.data?.items;
  useEffect(() => {
    if (items) onCandidates?.(items);
  }, [items, onCandidates]);
  const options = useMemo(() => {
    const seen = new Set<string>();
    const out: { value: string; label: string; detail: string }[] = [];
    for (const c of items ?? []) {
      const key = recipientKey(c);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        value: key,
        label: `${c.name}（${RECIPIENT_KIND_LABELS[c.kind]}）`,
        detail: [c.detail, c.sector, c.userId ? '可在系统内阅读答复' : '线下送达'].filter(Boolean).join(' · '),
      });
    }
    for (const r of known) {
      const key = recipientKey(r);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ value: key, label: `${r.name}（${RECIPIENT_KIND_LABELS[r.kind]}）`, detail: '' });
    }
    return out;
  }, [items, known]);
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      value={value}
      onChange={(v: string[] | string | undefined) => onChange?.((v ?? (multiple ? [] : undefined)) as never)}
      loading={candidates.isPending}
      placeholder="选择分管领导或主管部门"
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent={candidates.isPending ? '正在加载…' : '该领域暂无可选的接收对象'}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.data.label}</div>
          {o.data.detail && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.data.detail}
            </Typography.Text>
          )}
        </div>
      )}
    />
  );
}

/* ---------- tags: green on track or done, gold pending or near the due date, red overdue ---------- */

const BULLETIN_COLOURS: Record<TBulletinStatus, string> = { draft: 'gold', approved: 'blue', sent: 'green' };
export function BulletinStatusTag({ status }: { status: TBulletinStatus }) {
  return <Tag color={BULLETIN_COLOURS[status]}>{BULLETIN_STATUS_LABELS[status]}</Tag>;
}

const REMINDER_COLOURS: Record<TReminderStatus, string> = {
  pending: 'gold',
  overdue: 'red',
  submitted: 'blue',
  answered: 'green',
  insufficient: 'red',
};
export function ReminderStatusTag({ status }: { status: TReminderStatus }) {
  return <Tag color={REMINDER_COLOURS[status]}>{REMINDER_STATUS_LABELS[status]}</Tag>;
}

/** A due date in the colour the server worked out (green / yellow / red; done once answered). */
export function DueDateTag({ due, colour }: { due: string; colour: 'green' | 'yellow' | 'red' | 'done' }) {
  if (colour === 'done') return <Tag>{due}</Tag>;
  const t =
    colour === 'red'
      ? { color: 'red', text: `已逾期 ${due}` }
      : colour === 'yellow'
        ? { color: 'gold', text: `临期 ${due}` }
        : { color: 'green', text: `${due} 前` };
  return <Tag color={t.color}>{t.text}</Tag>;
}

const PHASE_COLOURS: Record<TCampaignPhase, string> = { notStarted: 'gold', active: 'blue', ended: 'green' };
export function PhaseTag({ phase }: { phase: TCampaignPhase }) {
  return <Tag color={PHASE_COLOURS[phase]}>{CAMPAIGN_PHASE_LABELS[phase]}</Tag>;
}

const POLICY_COLOURS: Record<TPolicyProblemStatus, string> = { open: 'gold', inProgress: 'blue', done: 'green' };
export function PolicyStatusTag({ status }: { status: TPolicyProblemStatus }) {
  return <Tag color={POLICY_COLOURS[status]}>{POLICY_PROBLEM_STATUS_LABELS[status]}</Tag>;
}

/** A read receipt: 已读 with the time, or 未读. */
export function ReadTag({ readAt }: { readAt: string | null }) {
  return readAt ? <Tag color="green">已读 {when(readAt)}</Tag> : <Tag color="gold">未读</Tag>;
}

/** A rate (0–1) as a percentage with one decimal. */
export const percent = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
