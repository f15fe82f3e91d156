import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  INSPECTION_MODE_LABELS,
  INSPECTION_MODES,
  reachedStage,
  type TInspectionCreate,
  type TInspectionMode,
  type TInspectionUpdate,
  type TRound,
  type TTeam,
  ZInspection,
  ZInspectionCreate,
  ZInspectionUpdate,
} from '@xc/domain';
import { Alert, Button, Col, DatePicker, Form, Row, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { errorText } from '../../api/client.ts';
import { listOrgs } from '../../api/orgs.ts';
import {
  createInspection,
  listAllInspections,
  pk,
  type TInspectionItem,
  updateInspection,
} from '../../api/planning.ts';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, FormDrawer, RowList, useSchemaForm } from '../../components/form-kit/index.ts';
import { OrgSelect } from '../../components/org-select.tsx';
import { day, iso, targetSummary } from './shared.tsx';

const VILLAGE = '村(社区)';
const TOWNSHIP = '乡镇(街道)';

/** What each mode expects as targets, shown under the target list. */
const MODE_HINTS: Record<TInspectionMode, string> = {
  ordinary: '本巡察机构所辖的党组织。',
  escalated: '提级巡察：选择下级县(市、区)的单位。',
  cross: '交叉巡察：选择其他县(市、区)的单位。',
  authorized: '授权巡察：先选择被授权的县级巡察机构，再选择该县的垂直管理驻县单位。',
  joint: '联动巡察：市县联动，可选择本级或下级的单位。',
  directVillage: '直接巡村：把要巡察的村(社区)选为被巡察单位。',
  townshipWithVillages: '巡乡带村：选择乡镇(街道)，再勾选一并延伸巡察的村(社区)。',
};

interface TargetRow {
  orgId?: string | null;
}

interface InspectionFormValues {
  teamId?: string | null;
  mode?: TInspectionMode;
  targets?: TargetRow[];
  villageOrgIds?: string[];
  lookBackOfId?: string | null;
  authorizedAuthorityId?: string | null;
  planned?: [Dayjs | null, Dayjs | null] | null;
  version?: number;
}

interface OrgLabel {
  name: string;
  kind: string;
}

function toForm(i: TInspectionItem): InspectionFormValues {
  const primary = i.targets.filter((t) => (i.mode === 'directVillage' ? true : t.role === 'primary'));
  return {
    teamId: i.teamId,
    mode: i.mode,
    targets: primary.map((t) => ({ orgId: t.orgId })),
    villageOrgIds:
      i.mode === 'townshipWithVillages' ? i.targets.filter((t) => t.role === 'village').map((t) => t.orgId) : [],
    lookBackOfId: i.lookBackOfId,
    authorizedAuthorityId: i.authorizedAuthorityId,
    planned: i.plannedEntryDate || i.plannedExitDate ? [day(i.plannedEntryDate), day(i.plannedExitDate)] : null,
    version: i.version,
  };
}

/** Villages under the chosen townships, grouped by township, for 巡乡带村. */
function VillagePicker({
  townships,
  labels,
  value,
  onChange,
}: {
  townships: string[];
  labels: Map<string, OrgLabel>;
  value?: string[];
  onChange?: (v: string[]) => void;
}) {
  const results = useQueries({
    queries: townships.map((parentId) => ({
      queryKey: ['orgs', 'villages', parentId],
      queryFn: () => listOrgs({ parentId, kind: VILLAGE, status: 'active', limit: 500 }),
      staleTime: 60_000,
    })),
  });
  const loading = results.some((r) => r.isPending);
  const error = results.find((r) => r.error)?.error;
  const options = townships.map((t, i) => ({
    label: labels.get(t)?.name ?? '乡镇(街道)',
    options: (results[i]?.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
  }));
  const all = options.flatMap((g) => g.options.map((o) => o.value));
  if (!townships.length) return <Typography.Text type="secondary">请先选择乡镇(街道)</Typography.Text>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {error && <ErrorAlert error={error} />}
      <Select
        mode="multiple"
        value={value ?? []}
        onChange={onChange}
        options={options}
        loading={loading}
        placeholder="选择延伸巡察的村(社区)"
        showSearch={{ optionFilterProp: 'label' }}
        maxTagCount="responsive"
        notFoundContent={loading ? '加载中…' : '所选乡镇(街道)下没有村(社区)'}
      />
      <Space size="small">
        <Button size="small" disabled={!all.length} onClick={() => onChange?.(all)}>
          全选（{all.length}）
        </Button>
        <Button size="small" disabled={!value?.length} onClick={() => onChange?.([])}>
          清空
        </Button>
      </Space>
    </Space>
  );
}

/**
 * Earlier inspections of the same organizations that reached feedback, for a 回头看. The list API
 * has no filter by organization, so the authority's inspections are read and matched here.
 */
function useLookBackCandidates(enabled: boolean, round: TRound, targetIds: string[], selfId: string | null) {
  const all = useQuery({
    queryKey: pk.inspections({ lookBackFor: round.authorityId }),
    queryFn: ({ signal }) => listAllInspections({}, signal),
    enabled,
    staleTime: 60_000,
  });
  const candidates = useMemo(
    () =>
      (all.data ?? []).filter(
        (i) =>
          i.id !== selfId &&
          i.authorityId === round.authorityId &&
          i.roundId !== round.id &&
          reachedStage(i.stage, 'feedback') &&
          i.targets.some((t) => targetIds.includes(t.orgId)),
      ),
    [all.data, selfId, round, targetIds],
  );
  return { ...all, candidates };
}

/** Add an inspection to a round, or edit one still planned or prepared. */
export function InspectionFormDrawer({
  open,
  round,
  teams,
  roundNames,
  inspection,
  onClose,
}: {
  open: boolean;
  round: TRound;
  teams: TTeam[];
  /** Names of the term's rounds by id, to label look-back candidates from the same term. */
  roundNames: Map<string, string>;
  inspection?: TInspectionItem | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [labels, setLabels] = useState<Map<string, OrgLabel>>(new Map());
  const editing = !!inspection;
  const isLookBack = round.kind === 'lookBack';

  const kit = useSchemaForm({
    schema: inspection ? ZInspectionUpdate : ZInspectionCreate,
    toBody: (v: InspectionFormValues) => {
      const villages = v.mode === 'townshipWithVillages' ? (v.villageOrgIds ?? []) : undefined;
      const common = {
        mode: v.mode,
        targetOrgIds: (v.targets ?? []).map((t) => t?.orgId).filter((x): x is string => !!x),
        villageOrgIds: villages,
      };
      const lookBackOfId = isLookBack ? (v.lookBackOfId ?? null) : null;
      const authorizedAuthorityId = v.mode === 'authorized' ? (v.authorizedAuthorityId ?? null) : null;
      const entry = iso(v.planned?.[0]) ?? null;
      const exit = iso(v.planned?.[1]) ?? null;
      // An edit clears what is left empty; a new inspection leaves it out.
      return inspection
        ? {
            ...common,
            version: v.version,
            teamId: v.teamId ?? null,
            lookBackOfId,
            authorizedAuthorityId,
            plannedEntryDate: entry,
            plannedExitDate: exit,
          }
        : {
            ...common,
            roundId: round.id,
            teamId: v.teamId ?? undefined,
            lookBackOfId: lookBackOfId ?? undefined,
            authorizedAuthorityId: authorizedAuthorityId ?? undefined,
            plannedEntryDate: entry ?? undefined,
            plannedExitDate: exit ?? undefined,
          };
    },
    rename: { targetOrgIds: 'targets', plannedEntryDate: 'planned', plannedExitDate: 'planned' },
    mutationFn: (body) =>
      inspection
        ? updateInspection(inspection.id, body as TInspectionUpdate)
        : createInspection(body as TInspectionCreate),
    success: editing ? '巡察安排已保存' : '巡察已列入本轮计划',
    invalidate: [pk.all],
    onSuccess: onClose,
    conflict: {
      schema: ZInspection,
      reload: (current) => {
        void queryClient.invalidateQueries({ queryKey: pk.all });
        return current ? toForm(current) : undefined;
      },
    },
    open,
    openKey: inspection?.id ?? 'new',
    initial: (): InspectionFormValues => {
      const m = new Map<string, OrgLabel>();
      for (const t of inspection?.targets ?? []) m.set(t.orgId, { name: t.name, kind: t.kind });
      setLabels(m);
      return inspection ? toForm(inspection) : { mode: 'ordinary', targets: [{ orgId: null }], villageOrgIds: [] };
    },
  });
  const { form } = kit;

  const mode = (Form.useWatch('mode', form) ?? 'ordinary') as TInspectionMode;
  const targets = (Form.useWatch('targets', form) ?? []) as TargetRow[];
  const authorizedAuthorityId = Form.useWatch('authorizedAuthorityId', form) as string | null | undefined;
  const targetIds = targets.map((t) => t?.orgId).filter((x): x is string => !!x);
  const lookBack = useLookBackCandidates(open && isLookBack, round, targetIds, inspection?.id ?? null);

  // Which registry a target is searched in follows the mode (the server checks the same rule).
  const searchAuthority =
    mode === 'authorized'
      ? (authorizedAuthorityId ?? undefined)
      : mode === 'ordinary' || mode === 'directVillage' || mode === 'townshipWithVillages'
        ? round.authorityId
        : undefined;

  const kindWarnings = targetIds
    .map((id) => ({ id, l: labels.get(id) }))
    .filter(({ l }) => {
      if (!l) return false;
      if (mode === 'directVillage') return l.kind !== VILLAGE;
      if (mode === 'townshipWithVillages') return l.kind !== TOWNSHIP;
      if (mode === 'authorized') return l.kind !== '垂直管理驻县单位';
      return false;
    })
    .map(({ l }) => l?.name);

  return (
    <FormDrawer
      kit={kit}
      title={editing ? `编辑巡察：${targetSummary(inspection?.targets ?? [])}` : `新增巡察 · ${round.name}`}
      open={open}
      onClose={onClose}
      size={720}
      name={editing ? 'inspectionEdit' : 'inspectionCreate'}
      formProps={{ initialValues: { mode: 'ordinary', targets: [{}] } }}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Field name="teamId" label="巡察组" tooltip="可以稍后再确定；进驻前必须确定">
            <Select
              allowClear
              placeholder={teams.length ? '选择巡察组' : '本轮尚未组建巡察组'}
              options={teams.map((t) => ({ value: t.id, label: t.name }))}
            />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="mode" label="巡察方式" required>
            <Select
              options={INSPECTION_MODES.map((m) => ({ value: m, label: INSPECTION_MODE_LABELS[m] }))}
              onChange={() => form.setFieldsValue({ villageOrgIds: [] })}
            />
          </Field>
        </Col>
        {mode === 'authorized' && (
          <Col span={24}>
            <Field name="authorizedAuthorityId" label="被授权的县级巡察机构" required>
              <AuthoritySelect
                level="county"
                placeholder="选择县(市、区)委巡察机构"
                onChange={() => form.setFieldsValue({ targets: [{ orgId: null }] })}
              />
            </Field>
          </Col>
        )}
      </Row>
      <Typography.Text strong>{mode === 'directVillage' ? '被巡察的村(社区)' : '被巡察单位'}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {MODE_HINTS[mode]}
      </Typography.Paragraph>
      <RowList
        name="targets"
        max={30}
        keepOne
        addLabel="添加被巡察单位"
        removeLabel="移除该单位"
        newRow={() => ({ orgId: null })}
      >
        {(name) => {
          const cur = targets[name]?.orgId ?? null;
          return (
            <Col flex="auto">
              <Field name={[name, 'orgId']}>
                <OrgSelect
                  authorityId={searchAuthority}
                  disabled={mode === 'authorized' && !authorizedAuthorityId}
                  excludeIds={targetIds.filter((x) => x !== cur)}
                  initialLabel={cur ? labels.get(cur)?.name : undefined}
                  placeholder="输入单位名称搜索"
                  onChange={(id, org) => {
                    if (id && org) setLabels((m) => new Map(m).set(id, { name: org.name, kind: org.kind }));
                  }}
                />
              </Field>
            </Col>
          );
        }}
      </RowList>
      {kindWarnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${kindWarnings.join('、')}的单位类别与“${INSPECTION_MODE_LABELS[mode]}”不符，请核对`}
        />
      )}
      {mode === 'townshipWithVillages' && (
        <Field name="villageOrgIds" label="延伸巡察的村(社区)" required>
          <VillagePicker townships={targetIds} labels={labels} />
        </Field>
      )}
      {isLookBack && (
        <Field
          name="lookBackOfId"
          label="“回头看”的原巡察"
          tooltip="同一被巡察单位此前已完成反馈的巡察"
          extra={
            targetIds.length && !lookBack.isPending && !lookBack.candidates.length
              ? '所选单位此前没有已反馈的巡察'
              : undefined
          }
        >
          <Select
            allowClear
            loading={lookBack.isFetching}
            disabled={!targetIds.length}
            placeholder={targetIds.length ? '选择原巡察' : '请先选择被巡察单位'}
            options={lookBack.candidates.map((c) => ({
              value: c.id,
              label: `${roundNames.get(c.roundId) ?? '往届'} · ${c.teamName ?? '未分组'} · ${targetSummary(c.targets)}${c.feedbackDate ? `（${c.feedbackDate}反馈）` : ''}`,
            }))}
            notFoundContent={lookBack.error ? errorText(lookBack.error) : '没有可选的原巡察'}
          />
        </Field>
      )}
      <Field
        name="planned"
        label="计划进驻与撤离"
        tooltip="进驻前须填写计划进驻日期，巡察通知的送达时限据此计算"
        extra={`本轮计划：${round.plannedStart} 至 ${round.plannedEnd}`}
      >
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          style={{ width: '100%' }}
          placeholder={['计划进驻', '计划撤离']}
        />
      </Field>
    </FormDrawer>
  );
}
