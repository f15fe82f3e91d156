import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ROUND_KIND_LABELS, STAGE_LABELS, SURVEY_TARGETS, type TSurveyTargetType } from '@xc/domain';
import { Radio, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { getRoster, ppk } from '../../api/personnel.ts';
import {
  getInspection,
  getRound,
  listAllInspections,
  listRounds,
  listTeams,
  listTerms,
  pk,
} from '../../api/planning.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { targetSummary, useHomeAuthorityId } from '../planning/shared.tsx';
import { TARGET_TYPE_LABELS } from './shared.tsx';

export interface TargetValue {
  targetType: TSurveyTargetType;
  targetId?: string | undefined;
}

/**
 * 问卷对象: the target type, then 届期 → 轮次 → (巡察组 | 巡察任务). A form control (value/onChange);
 * a target given from the outside (the URL) is traced back to its term and round once.
 */
export function TargetPicker({ value, onChange }: { value?: TargetValue; onChange?: (v: TargetValue) => void }) {
  const qc = useQueryClient();
  const home = useHomeAuthorityId();
  const type = value?.targetType ?? 'inspection';
  const targetId = value?.targetId;
  const [termId, setTermId] = useState<string | undefined>();
  const [roundId, setRoundId] = useState<string | undefined>();
  const [resolving, setResolving] = useState(false);
  const traced = useRef(false);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  // Trace a preset target back to its round and term, once.
  useEffect(() => {
    if (traced.current || !targetId) return;
    traced.current = true;
    let cancelled = false;
    setResolving(true);
    (async () => {
      let rid: string;
      if (type === 'round') rid = targetId;
      else if (type === 'inspection')
        rid = (await qc.fetchQuery({ queryKey: pk.inspection(targetId), queryFn: () => getInspection(targetId) }))
          .roundId;
      else rid = (await qc.fetchQuery({ queryKey: ppk.roster(targetId), queryFn: () => getRoster(targetId) })).roundId;
      const r = await qc.fetchQuery({ queryKey: pk.round(rid), queryFn: () => getRound(rid) });
      if (cancelled) return;
      setTermId(r.termId);
      setRoundId(rid);
    })()
      .catch(() => {
        // Not found or not visible: the user picks the target by hand.
        if (!cancelled) onChangeRef.current?.({ targetType: type, targetId: undefined });
      })
      .finally(() => {
        if (!cancelled) setResolving(false);
      });
    return () => {
      cancelled = true;
    };
  }, [qc, targetId, type]);

  const termQuery = { authorityId: home, limit: 50 };
  const terms = useQuery({ queryKey: pk.terms(termQuery), queryFn: ({ signal }) => listTerms(termQuery, signal) });
  const termItems = terms.data?.items ?? [];
  const effTermId = termId ?? (resolving ? undefined : (termItems.find((t) => t.current) ?? termItems[0])?.id);

  const rounds = useQuery({
    queryKey: pk.rounds({ termId: effTermId }),
    queryFn: ({ signal }) => listRounds({ termId: effTermId ?? '', limit: 200 }, signal),
    enabled: !!effTermId,
  });
  const roundItems = useMemo(() => [...(rounds.data?.items ?? [])].sort((a, b) => a.number - b.number), [rounds.data]);

  const teams = useQuery({
    queryKey: pk.teams(roundId ?? ''),
    queryFn: () => listTeams(roundId ?? ''),
    enabled: !!roundId && type === 'team',
  });
  const inspections = useQuery({
    queryKey: pk.inspections({ roundId, all: true }),
    queryFn: ({ signal }) => listAllInspections({ roundId }, signal),
    enabled: !!roundId && type === 'inspection',
  });

  const emit = (v: TargetValue) => onChange?.(v);
  const error = terms.error ?? rounds.error ?? teams.error ?? inspections.error;

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Radio.Group
        value={type}
        onChange={(e) => {
          const t = e.target.value as TSurveyTargetType;
          emit({ targetType: t, targetId: t === 'round' ? roundId : undefined });
        }}
        options={SURVEY_TARGETS.map((t) => ({ value: t, label: TARGET_TYPE_LABELS[t] }))}
        optionType="button"
      />
      <Space wrap>
        <Select
          value={effTermId}
          placeholder="届期"
          loading={terms.isPending || resolving}
          onChange={(v: string) => {
            setTermId(v);
            setRoundId(undefined);
            emit({ targetType: type, targetId: undefined });
          }}
          options={termItems.map((t) => ({ value: t.id, label: t.current ? `${t.name}（当前）` : t.name }))}
          style={{ width: 200 }}
          aria-label="届期"
          notFoundContent="尚未建立届期"
        />
        <Select
          value={roundId}
          placeholder="选择轮次"
          loading={rounds.isFetching || resolving}
          onChange={(v: string) => {
            setRoundId(v);
            emit({ targetType: type, targetId: type === 'round' ? v : undefined });
          }}
          options={roundItems.map((r) => ({ value: r.id, label: `${r.name}（${ROUND_KIND_LABELS[r.kind]}）` }))}
          style={{ width: 240 }}
          aria-label="轮次"
          notFoundContent="本届尚未安排轮次"
        />
        {type === 'team' && (
          <Select
            value={targetId}
            placeholder={roundId ? '选择巡察组' : '请先选择轮次'}
            disabled={!roundId}
            loading={teams.isFetching}
            onChange={(v: string) => emit({ targetType: 'team', targetId: v })}
            options={[...(teams.data?.items ?? [])]
              .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name))
              .map((t) => ({ value: t.id, label: t.name }))}
            style={{ width: 200 }}
            aria-label="巡察组"
            notFoundContent="本轮尚未组建巡察组"
          />
        )}
        {type === 'inspection' && (
          <Select
            value={targetId}
            placeholder={roundId ? '选择巡察任务（被巡察单位）' : '请先选择轮次'}
            disabled={!roundId}
            loading={inspections.isFetching}
            onChange={(v: string) => emit({ targetType: 'inspection', targetId: v })}
            showSearch={{ optionFilterProp: 'label' }}
            options={(inspections.data ?? []).map((i) => ({
              value: i.id,
              label: `${targetSummary(i.targets)}${i.teamName ? `（${i.teamName}）` : ''}`,
              title: STAGE_LABELS[i.stage],
            }))}
            style={{ width: 360, maxWidth: '100%' }}
            aria-label="巡察任务"
            notFoundContent="本轮尚未安排巡察"
          />
        )}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {type === 'inspection'
          ? '民主测评、整改满意度测评通常以一次巡察（被巡察单位）为对象'
          : type === 'team'
            ? '巡察组作风纪律评估以巡察组为对象'
            : '以整轮巡察为对象，适用于面向多个单位的综合问卷'}
      </Typography.Text>
      {error ? <ErrorAlert error={error} onRetry={() => void qc.invalidateQueries({ queryKey: pk.all })} /> : null}
    </Space>
  );
}
