import { APPRAISAL_GRADES, TEAM_ROLE_LABELS, ZAppraisalCreate, ZSecondmentCreate, ZShadowingCreate } from '@xc/domain';
import { DatePicker, Input, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  createAppraisal,
  createSecondment,
  createShadowing,
  ppk,
  type TInspectorProfileOut,
  type TSecondmentInput,
  type TShadowingInput,
} from '../../api/personnel.ts';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { afterToday, Field, FormModal, iso, useSchemaForm } from '../../components/form-kit/index.ts';

export type SecondmentKind = 'secondment' | 'shadowing';

interface SecondmentValues {
  hostName?: string;
  hostAuthorityId?: string;
  from?: Dayjs | null;
  to?: Dayjs | null;
}

/** 登记以干代训 (lent to a 上级巡视组, named) or 登记跟班学习 (learning at another office, picked). */
export function SecondmentModal({
  kind,
  inspector,
  onClose,
}: {
  kind: SecondmentKind | null;
  inspector: { id: string; name: string };
  onClose: () => void;
}) {
  const open = kind !== null;
  const label = kind === 'shadowing' ? '跟班学习' : '以干代训';
  const kit = useSchemaForm({
    schema: kind === 'shadowing' ? ZShadowingCreate : ZSecondmentCreate,
    toBody: (v: SecondmentValues) => ({
      inspectorId: inspector.id,
      ...(kind === 'shadowing' ? { hostAuthorityId: v.hostAuthorityId ?? '' } : { hostName: v.hostName ?? '' }),
      from: iso(v.from) ?? '',
      to: iso(v.to) ?? null,
    }),
    mutationFn: (body) =>
      kind === 'shadowing' ? createShadowing(body as TShadowingInput) : createSecondment(body as TSecondmentInput),
    success: `${label}已登记`,
    invalidate: [ppk.all],
    onSuccess: onClose,
    open,
    openKey: kind ?? undefined,
  });

  return (
    <FormModal
      kit={kit}
      title={`登记${label}：${inspector.name}`}
      open={open}
      onClose={onClose}
      name="secondmentCreate"
    >
      {kind === 'shadowing' ? (
        <Field name="hostAuthorityId" label="跟班学习的巡察机构" required>
          <AuthoritySelect />
        </Field>
      ) : (
        <Field name="hostName" label="上级巡视组" required>
          <Input placeholder="如：省委第三巡视组" maxLength={60} showCount />
        </Field>
      )}
      <Field name="from" label="开始日期" required>
        <DatePicker style={{ width: 240 }} disabledDate={afterToday} />
      </Field>
      <Field name="to" label="结束日期" extra="尚未结束可不填" dependencies={['from']}>
        <DatePicker style={{ width: 240 }} placeholder="至今" />
      </Field>
    </FormModal>
  );
}

interface AppraisalValues {
  teamId?: string;
  grade?: (typeof APPRAISAL_GRADES)[number];
  comment?: string;
  appraisedOn?: Dayjs | null;
}

/** 登记鉴定: the team's appraisal of the person's work in one round; one per team. */
export function AppraisalModal({
  open,
  profile,
  onClose,
}: {
  open: boolean;
  profile: TInspectorProfileOut;
  onClose: () => void;
}) {
  // The profile lists appraisals by round and team name only; a team is marked as appraised when that
  // pair names it alone (round names repeat across terms, so an ambiguous pair is left to the server's 409).
  const key = (roundName: string, teamName: string) => `${roundName}\u0000${teamName}`;
  const done = new Set(profile.appraisals.map((a) => key(a.roundName, a.teamName)));
  const seen = new Map<string, number>();
  for (const t of profile.teams)
    seen.set(key(t.roundName, t.teamName), (seen.get(key(t.roundName, t.teamName)) ?? 0) + 1);
  const teams = profile.teams.map((t) => {
    const k = key(t.roundName, t.teamName);
    return { ...t, appraised: done.has(k) && seen.get(k) === 1 };
  });
  const appraisable = teams.some((t) => !t.appraised);

  const kit = useSchemaForm({
    schema: ZAppraisalCreate,
    toBody: (v: AppraisalValues) => ({
      inspectorId: profile.id,
      roundId: profile.teams.find((t) => t.teamId === v.teamId)?.roundId ?? '',
      teamId: v.teamId ?? '',
      grade: v.grade,
      comment: v.comment ?? '',
      appraisedOn: iso(v.appraisedOn) ?? '',
    }),
    // A team not chosen is what the form shows; its round follows from it.
    rename: { roundId: 'teamId' },
    mutationFn: createAppraisal,
    success: '鉴定已登记',
    invalidate: [ppk.all],
    onSuccess: onClose,
    // Only when the modal opens: a refetched profile must not reset the form while the user types.
    open,
    initial: (): AppraisalValues => ({ appraisedOn: dayjs(), teamId: teams.find((t) => !t.appraised)?.teamId }),
  });

  return (
    <FormModal
      kit={kit}
      title={`登记鉴定：${profile.name}`}
      open={open}
      onClose={onClose}
      width={620}
      blocked={!appraisable}
      name="appraisalCreate"
      formProps={{ disabled: !appraisable }}
      intro={
        <>
          {teams.length === 0 && (
            <Typography.Paragraph type="warning">该干部尚未参加巡察组，无法登记鉴定。</Typography.Paragraph>
          )}
          {teams.length > 0 && !appraisable && (
            <Typography.Paragraph type="warning">该干部参加过的巡察组均已登记鉴定。</Typography.Paragraph>
          )}
        </>
      }
    >
      <Field name="teamId" label="巡察组" required>
        <Select
          placeholder="选择该干部参加过的巡察组"
          options={teams.map((t) => ({
            value: t.teamId,
            disabled: t.appraised,
            label: `${t.termName} · ${t.roundName} · ${t.teamName}（${TEAM_ROLE_LABELS[t.role] ?? t.role}）${
              t.appraised ? ' · 已鉴定' : ''
            }`,
          }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Field>
      <Field name="grade" label="考核等次" required>
        <Radio.Group options={APPRAISAL_GRADES.map((g) => ({ value: g, label: g }))} optionType="button" />
      </Field>
      <Field name="comment" label="评价意见">
        <Input.TextArea rows={5} maxLength={500} showCount placeholder="政治表现、工作作风、履职情况等" />
      </Field>
      <Field name="appraisedOn" label="鉴定日期" required>
        <DatePicker style={{ width: 240 }} disabledDate={afterToday} />
      </Field>
    </FormModal>
  );
}
