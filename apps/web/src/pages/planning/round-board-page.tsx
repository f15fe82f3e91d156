import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { ROUND_KIND_LABELS, STAGE_LABELS, STAGES, type TRound, type TStage } from '@xc/domain';
import { Button, Card, Empty, Select, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { usePermissions } from '../../api/hooks.ts';
import { getTerm, listAllInspections, listRounds, pk, type TInspectionItem } from '../../api/planning.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { NotLoaded } from '../../components/load-failed.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { RoundFormModal } from './round-form-modal.tsx';
import { BACK_TO_TERMS, period, STAGE_COLOURS, targetSummary, today } from './shared.tsx';
import { ApprovalTag } from './term-overview-page.tsx';
import './planning.css';

const KIND_BAR: Record<TRound['kind'], string> = {
  regular: '#1677ff',
  special: '#722ed1',
  mobile: '#fa8c16',
  lookBack: '#13c2c2',
};

interface Span {
  start: number;
  end: number;
}

const ms = (s: string) => dayjs(s).valueOf();

/** Position of [a, b] inside the span as CSS left/width percentages. */
function place(span: Span, a: string, b: string) {
  const total = span.end - span.start || 1;
  const left = Math.max(0, ((ms(a) - span.start) / total) * 100);
  const right = Math.min(100, ((dayjs(b).add(1, 'day').valueOf() - span.start) / total) * 100);
  return { left: `${left}%`, width: `${Math.max(0.6, right - left)}%` };
}

/** Axis ticks: every month when the board covers two years or less, else every quarter. */
function ticks(span: Span) {
  const out: { at: string; label: string; major: boolean }[] = [];
  const months = dayjs(span.end).diff(dayjs(span.start), 'month');
  const step = months <= 24 ? 1 : 3;
  let d = dayjs(span.start).startOf('month');
  while (d.valueOf() <= span.end) {
    if (d.month() % step === 0) {
      const major = d.month() === 0;
      out.push({ at: d.format('YYYY-MM-DD'), label: major ? `${d.year()}年` : `${d.month() + 1}月`, major });
    }
    d = d.add(1, 'month');
  }
  return out;
}

function InspectionChip({ i, dim }: { i: TInspectionItem; dim: boolean }) {
  const navigate = useNavigate();
  return (
    <Tooltip
      title={
        <div>
          <div>{targetSummary(i.targets)}</div>
          <div>阶段：{STAGE_LABELS[i.stage]}</div>
          <div>计划进驻至撤离：{period(i.plannedEntryDate, i.plannedExitDate)}</div>
        </div>
      }
    >
      <Tag
        color={STAGE_COLOURS[i.stage]}
        style={{ cursor: 'pointer', marginBottom: 4, opacity: dim ? 0.35 : 1, maxWidth: 360 }}
        onClick={() => navigate(`/planning/inspections/${i.id}`)}
        role="link"
      >
        <span
          style={{
            display: 'inline-block',
            maxWidth: 250,
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            verticalAlign: 'bottom',
          }}
        >
          {targetSummary(i.targets)}
        </span>
        <span style={{ marginLeft: 6, fontWeight: 600 }}>{STAGE_LABELS[i.stage]}</span>
      </Tag>
    </Tooltip>
  );
}

function RoundRow({
  round,
  items,
  span,
  stage,
  grid,
  todayAt,
}: {
  round: TRound;
  items: TInspectionItem[];
  span: Span;
  stage: TStage | null;
  /** Dates of the year lines drawn across each row. */
  grid: string[];
  /** CSS left of today's line, or null when today is outside the board. */
  todayAt: string | null;
}) {
  const bar = place(span, round.plannedStart, round.plannedEnd);
  const barEnd = Number.parseFloat(bar.left) + Number.parseFloat(bar.width);
  const groups = new Map<string, { name: string; items: TInspectionItem[] }>();
  for (const i of items) {
    const key = i.teamId ?? '';
    const g = groups.get(key) ?? { name: i.teamName ?? '未确定巡察组', items: [] };
    g.items.push(i);
    groups.set(key, g);
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : 0)).map(([, g]) => g);
  return (
    <div className="xc-board-row">
      <div className="xc-board-label">
        <Link to={`/planning/rounds/${round.id}`}>
          <Typography.Text strong>{round.name}</Typography.Text>
        </Link>
        <div>
          <Tag color={KIND_BAR[round.kind]} style={{ marginTop: 4 }}>
            {ROUND_KIND_LABELS[round.kind]}
          </Tag>
        </div>
        <div style={{ marginTop: 4 }}>
          <ApprovalTag approvedAt={round.approvedAt} />
        </div>
      </div>
      <div className="xc-board-track">
        <div className="xc-board-lane">
          {grid.map((at) => (
            <span key={at} className="xc-board-grid" style={{ left: place(span, at, at).left }} />
          ))}
          {todayAt && <span className="xc-board-today-line" style={{ left: todayAt }} />}
          <Tooltip title={`${round.name}：${period(round.plannedStart, round.plannedEnd)}`}>
            <div className="xc-board-bar" style={{ ...bar, background: KIND_BAR[round.kind] }} />
          </Tooltip>
          <span
            className="xc-board-bar-label"
            style={
              barEnd > 75
                ? { right: `calc(${100 - Number.parseFloat(bar.left)}% + 6px)` }
                : { left: `calc(${barEnd}% + 6px)` }
            }
          >
            {period(round.plannedStart, round.plannedEnd)}
          </span>
        </div>
        {sorted.length === 0 ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            尚未安排巡察
          </Typography.Text>
        ) : (
          sorted.map((g) => (
            <div key={g.name} className="xc-board-team">
              <Typography.Text type="secondary" className="xc-board-team-name">
                {g.name}
              </Typography.Text>
              <div>
                {g.items.map((i) => (
                  <InspectionChip key={i.id} i={i} dim={!!stage && i.stage !== stage} />
                ))}
              </div>
            </div>
          ))
        )}
      </div>
    </div>
  );
}

export default function RoundBoardPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const perms = usePermissions();
  const [stage, setStage] = useState<TStage | null>(null);
  const [creating, setCreating] = useState(false);
  const term = useQuery({ queryKey: pk.term(id), queryFn: () => getTerm(id), enabled: !!id });
  const rounds = useQuery({
    queryKey: pk.rounds({ termId: id }),
    queryFn: ({ signal }) => listRounds({ termId: id, limit: 200 }, signal),
    enabled: !!id,
  });
  const inspections = useQuery({
    queryKey: pk.inspections({ termId: id, all: true }),
    queryFn: ({ signal }) => listAllInspections({ termId: id }, signal),
    enabled: !!id,
  });
  usePageMeta([{ title: term.data?.name ?? '届期', path: `/planning/terms/${id}` }, { title: '巡察轮次看板' }]);

  const byRound = useMemo(() => {
    const m = new Map<string, TInspectionItem[]>();
    for (const i of inspections.data ?? []) m.set(i.roundId, [...(m.get(i.roundId) ?? []), i]);
    return m;
  }, [inspections.data]);

  const span = useMemo<Span | null>(() => {
    const t = term.data;
    if (!t) return null;
    const list = rounds.data?.items ?? [];
    // The term's own dates frame the board; rounds planned outside them widen it.
    const starts = [t.startDate, ...list.map((r) => r.plannedStart)].map(ms);
    const ends = [t.endDate, ...list.map((r) => r.plannedEnd)].map(ms);
    return {
      start: dayjs(Math.min(...starts))
        .startOf('month')
        .valueOf(),
      end: dayjs(Math.max(...ends))
        .endOf('month')
        .valueOf(),
    };
  }, [term.data, rounds.data]);

  if (!term.isSuccess) return <NotLoaded query={term} what="届期" back={BACK_TO_TERMS} />;

  const list = rounds.data?.items ?? [];
  const now = today();
  const axis = span ? ticks(span) : [];
  const todayAt = span && ms(now) >= span.start && ms(now) <= span.end ? place(span, now, now).left : null;
  const stageCounts = new Map<TStage, number>();
  for (const i of inspections.data ?? []) stageCounts.set(i.stage, (stageCounts.get(i.stage) ?? 0) + 1);

  return (
    <div>
      <PageHeader
        title={`${term.data.name} · 巡察轮次看板`}
        sub={`届期 ${term.data.startDate} 至 ${term.data.endDate}；共 ${list.length} 轮、${inspections.data?.length ?? '—'} 个巡察`}
        extra={
          <Space>
            <Select<TStage>
              allowClear
              placeholder="突出显示阶段"
              value={stage ?? undefined}
              onChange={(v) => setStage(v ?? null)}
              options={STAGES.map((s) => ({ value: s, label: `${STAGE_LABELS[s]}（${stageCounts.get(s) ?? 0}）` }))}
              style={{ width: 180 }}
            />
            {perms.has('plan:write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新建轮次
              </Button>
            )}
          </Space>
        }
      />
      {rounds.error && <ErrorAlert error={rounds.error} onRetry={() => void rounds.refetch()} />}
      {inspections.error && <ErrorAlert error={inspections.error} onRetry={() => void inspections.refetch()} />}
      <Card>
        <Space wrap size={4} style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">阶段图例：</Typography.Text>
          {STAGES.map((s) => (
            <Tag key={s} color={STAGE_COLOURS[s]}>
              {STAGE_LABELS[s]}
            </Tag>
          ))}
        </Space>
        {rounds.isPending || inspections.isPending ? (
          <FullPageSpin />
        ) : list.length === 0 || !span ? (
          <Empty description="本届尚未安排巡察轮次" />
        ) : (
          <div className="xc-board">
            <div className="xc-board-row xc-board-axis">
              <div className="xc-board-label">
                <Typography.Text type="secondary">轮次</Typography.Text>
              </div>
              <div className="xc-board-track" style={{ height: 40 }}>
                {axis.map((t) => (
                  <span
                    key={t.at}
                    className={t.major ? 'xc-board-tick xc-board-tick-major' : 'xc-board-tick'}
                    style={{ left: place(span, t.at, t.at).left }}
                  >
                    {t.label}
                  </span>
                ))}
                {todayAt && (
                  <span className="xc-board-today" style={{ left: todayAt }}>
                    今天
                  </span>
                )}
              </div>
            </div>
            {list.map((r) => (
              <RoundRow
                key={r.id}
                round={r}
                items={byRound.get(r.id) ?? []}
                span={span}
                stage={stage}
                grid={axis.filter((t) => t.major).map((t) => t.at)}
                todayAt={todayAt}
              />
            ))}
          </div>
        )}
      </Card>
      <RoundFormModal
        open={creating}
        termId={id}
        onClose={() => setCreating(false)}
        onSaved={(r) => navigate(`/planning/rounds/${r.id}`)}
      />
    </div>
  );
}
