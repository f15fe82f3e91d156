import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  EXPERTISE,
  GENDER_LABELS,
  GENDERS,
  MAX_HISTORY_ROWS,
  MAX_RELATIVES,
  MAX_WORK_RELATIONS,
  POOL_LABELS,
  POOL_STATUS_LABELS,
  POOL_STATUSES,
  POOLS,
  RELATION_LABELS,
  RELATIONS,
  type TGender,
  type TInspector,
  type TPool,
  type TPoolStatus,
  type TRelation,
  type TWorkRelation,
  WORK_RELATION_LABELS,
  WORK_RELATIONS,
  ZInspector,
  ZInspectorCreate,
  ZInspectorUpdate,
} from '@xc/domain';
import { Col, DatePicker, Divider, Input, InputNumber, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMe } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { getOrg } from '../../api/orgs.ts';
import {
  createInspector,
  getInspectorProfile,
  ppk,
  type TInspectorCreateInput,
  type TInspectorUpdateInput,
  updateInspector,
} from '../../api/personnel.ts';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import {
  afterToday,
  day,
  Field,
  FormDrawer,
  iso,
  RowField,
  RowList,
  useSchemaForm,
} from '../../components/form-kit/index.ts';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { optionsOf } from '../../components/options.ts';
import { OrgSelect } from '../../components/org-select.tsx';
import { UnitInput, type UnitValue } from './unit-input.tsx';

interface FormValues {
  authorityId?: string;
  name?: string;
  gender?: TGender;
  birthYear?: number | null;
  homeUnit?: UnitValue;
  post?: string;
  rank?: string;
  politicalStatus?: string;
  expertise?: string[];
  homeAuthorityId?: string | null;
  pools?: { pool?: TPool; status?: TPoolStatus; since?: Dayjs | null; until?: Dayjs | null }[];
  history?: { unit?: UnitValue; post?: string; from?: Dayjs | null; to?: Dayjs | null }[];
  relatives?: { name?: string; relation?: TRelation; unit?: UnitValue; post?: string }[];
  workRelations?: {
    personName?: string;
    relation?: TWorkRelation;
    orgId?: string | null;
    from?: Dayjs | null;
    to?: Dayjs | null;
  }[];
  version?: number;
}

const emptyUnit: UnitValue = { orgId: null, unitName: '' };

function toForm(i: TInspector): FormValues {
  return {
    authorityId: i.authorityId,
    name: i.name,
    gender: i.gender,
    birthYear: i.birthYear,
    homeUnit: { orgId: i.homeOrgId, unitName: i.homeUnitName },
    post: i.post,
    rank: i.rank,
    politicalStatus: i.politicalStatus,
    expertise: i.expertise,
    homeAuthorityId: i.homeAuthorityId,
    pools: i.pools.map((p) => ({ pool: p.pool, status: p.status, since: day(p.since), until: day(p.until) })),
    history: i.history.map((h) => ({
      unit: { orgId: h.orgId, unitName: h.unitName },
      post: h.post,
      from: day(h.from),
      to: day(h.to),
    })),
    relatives: i.relatives.map((r) => ({
      name: r.name,
      relation: r.relation,
      unit: { orgId: r.orgId, unitName: r.unitName },
      post: r.post,
    })),
    workRelations: i.workRelations.map((w) => ({
      personName: w.personName,
      relation: w.relation,
      orgId: w.orgId,
      from: day(w.from),
      to: day(w.to),
    })),
    version: i.version,
  };
}

/** The form as the API takes it; every list goes whole, since an update replaces the stored list. */
function toBody(v: FormValues) {
  return {
    name: v.name ?? '',
    gender: v.gender,
    birthYear: v.birthYear ?? null,
    homeOrgId: v.homeUnit?.orgId ?? null,
    homeUnitName: v.homeUnit?.unitName ?? '',
    post: v.post ?? '',
    rank: v.rank ?? '',
    politicalStatus: v.politicalStatus ?? '',
    expertise: v.expertise ?? [],
    homeAuthorityId: v.homeAuthorityId ?? null,
    pools: (v.pools ?? []).map((p) => ({
      pool: p?.pool,
      status: p?.status,
      since: iso(p?.since) ?? '',
      until: iso(p?.until) ?? null,
    })),
    history: (v.history ?? []).map((h) => ({
      orgId: h?.unit?.orgId ?? null,
      unitName: h?.unit?.unitName ?? '',
      post: h?.post ?? '',
      from: iso(h?.from) ?? '',
      to: iso(h?.to) ?? null,
    })),
    relatives: (v.relatives ?? []).map((r) => ({
      name: r?.name ?? '',
      relation: r?.relation,
      orgId: r?.unit?.orgId ?? null,
      unitName: r?.unit?.unitName ?? '',
      post: r?.post ?? '',
    })),
    workRelations: (v.workRelations ?? []).map((w) => ({
      personName: w?.personName ?? '',
      relation: w?.relation,
      orgId: w?.orgId ?? null,
      from: iso(w?.from) ?? '',
      to: iso(w?.to) ?? null,
    })),
  };
}

/** OrgSelect for a stored id: the relation rows keep only the id, so the name is looked up to show it. */
function LinkedOrgSelect({
  value,
  onChange,
  id,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
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
      onChange={(v) => onChange?.(v)}
      initialLabel={org.data?.name ?? (value ? '正在加载…' : null)}
      status="all"
      placeholder="关系人现任职单位（可空）"
    />
  );
}

/**
 * Create (no inspectorId) or edit an inspector, with the work history, relatives and work relations
 * that recusal checks against. Editing sends the version it loaded; a stale version answers 409.
 */

/** A row's 开始日期 and 结束日期 (至今 while empty); the end is checked again when the start changes. */
function PeriodFields({ list, index, what }: { list: 'history' | 'workRelations'; index: number; what: string }) {
  return (
    <>
      <RowField span={4} name={[index, 'from']} messageLabel="开始日期">
        <DatePicker placeholder="开始日期" style={{ width: '100%' }} aria-label={`${what}开始日期`} />
      </RowField>
      <RowField span={4} name={[index, 'to']} dependencies={[[list, index, 'from']]}>
        <DatePicker placeholder="至今" style={{ width: '100%' }} aria-label={`${what}结束日期`} />
      </RowField>
    </>
  );
}

export function InspectorFormDrawer({
  open,
  inspectorId,
  defaultAuthorityId,
  onClose,
  onSaved,
}: {
  open: boolean;
  inspectorId?: string | null;
  defaultAuthorityId?: string | null;
  onClose: () => void;
  onSaved: (i: TInspector, created: boolean) => void;
}) {
  const editing = !!inspectorId;
  const queryClient = useQueryClient();
  const { data: me } = useMe();

  const detail = useQuery({
    queryKey: ppk.inspector(inspectorId ?? ''),
    queryFn: () => getInspectorProfile(inspectorId ?? ''),
    enabled: open && editing,
    staleTime: 0,
  });
  const loaded = detail.data;

  const kit = useSchemaForm({
    schema: inspectorId ? ZInspectorUpdate : ZInspectorCreate,
    toBody: (v: FormValues) =>
      inspectorId ? { version: v.version, ...toBody(v) } : { authorityId: v.authorityId ?? '', ...toBody(v) },
    // The unit is one control for the linked organization and the name typed.
    rename: { homeOrgId: 'homeUnit', homeUnitName: 'homeUnit', unitName: 'unit' },
    mutationFn: (body) =>
      inspectorId
        ? updateInspector(inspectorId, body as TInspectorUpdateInput)
        : createInspector(body as TInspectorCreateInput),
    success: editing ? '干部信息已保存' : '已新增巡察干部',
    invalidate: [ppk.all],
    onSuccess: (saved) => onSaved(saved, !editing),
    conflict: {
      schema: ZInspector,
      reload: (current) => {
        void queryClient.invalidateQueries({ queryKey: ppk.inspector(inspectorId ?? '') });
        if (current) return toForm(current);
        kit.refill();
        void detail.refetch();
        return undefined;
      },
    },
    invalidMessage: '请检查标红的内容',
    // Filled once per opening: a background refetch must neither overwrite what the user is typing
    // nor silently move the version forward (that would hide a concurrent edit).
    open,
    openKey: inspectorId ?? 'new',
    initial: (): FormValues | undefined => {
      if (editing) return loaded && loaded.id === inspectorId && !detail.isFetching ? toForm(loaded) : undefined;
      return {
        authorityId: defaultAuthorityId ?? me?.user.authorityId ?? undefined,
        gender: 'male',
        politicalStatus: '中共党员',
        homeUnit: emptyUnit,
        expertise: [],
        pools: [{ pool: 'talentPool', status: 'in', since: dayjs(), until: null }],
        history: [],
        relatives: [],
        workRelations: [],
      };
    },
  });
  const { form } = kit;

  const hidden = editing && !kit.ready;
  return (
    <FormDrawer
      kit={kit}
      title={editing ? `编辑巡察干部${loaded ? `：${loaded.name}` : ''}` : '新增巡察干部'}
      open={open}
      onClose={onClose}
      size={980}
      okText="确定"
      blocked={hidden}
      name="inspectorForm"
      intro={
        hidden && !detail.error ? (
          <FullPageSpin />
        ) : editing && detail.error ? (
          <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
        ) : null
      }
      formProps={{ style: { display: hidden ? 'none' : undefined } }}
    >
      <Row gutter={16}>
        <Col span={8}>
          <Field name="authorityId" label="所属巡察机构" required>
            <AuthoritySelect disabled={editing} />
          </Field>
        </Col>
        <Col span={8}>
          <Field name="name" label="姓名" required>
            <Input maxLength={20} />
          </Field>
        </Col>
        <Col span={4}>
          <Field name="gender" label="性别" required>
            <Select options={optionsOf(GENDERS, GENDER_LABELS)} />
          </Field>
        </Col>
        <Col span={4}>
          <Field name="birthYear" label="出生年份">
            <InputNumber min={1930} max={2030} precision={0} style={{ width: '100%' }} placeholder="如 1980" />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="homeUnit" label="工作单位" required tooltip="从单位库中选择时，回避审查按单位匹配">
            <UnitInput />
          </Field>
        </Col>
        <Col span={6}>
          <Field name="post" label="职务">
            <Input maxLength={40} placeholder="如：纪检监察室主任" />
          </Field>
        </Col>
        <Col span={6}>
          <Field name="rank" label="职级">
            <Input maxLength={20} placeholder="如：一级主任科员" />
          </Field>
        </Col>
        <Col span={6}>
          <Field name="politicalStatus" label="政治面貌">
            <Input maxLength={20} />
          </Field>
        </Col>
        <Col span={10}>
          <Field name="expertise" label="专业领域">
            <Select mode="multiple" allowClear options={optionsOf(EXPERTISE)} placeholder="可多选" />
          </Field>
        </Col>
        <Col span={8}>
          <Field name="homeAuthorityId" label="籍贯所在地" tooltip="用于地域回避：本人家乡所在的县（市、区）">
            <AuthoritySelect allowClear placeholder="选择家乡所在县（市、区）" />
          </Field>
        </Col>
      </Row>

      <Divider titlePlacement="start">人员库</Divider>
      <RowList
        name="pools"
        max={POOLS.length}
        addLabel="加入人员库"
        removeLabel="移出该人员库"
        newRow={() => {
          const used = new Set((form.getFieldValue('pools') as FormValues['pools'])?.map((p) => p?.pool));
          return { pool: POOLS.find((p) => !used.has(p)), status: 'in', since: dayjs(), until: null };
        }}
      >
        {(name) => (
          <>
            <RowField span={7} name={[name, 'pool']} messageLabel="人员库">
              <Select aria-label="人员库" placeholder="人员库" options={optionsOf(POOLS, POOL_LABELS)} />
            </RowField>
            <RowField span={4} name={[name, 'status']} messageLabel="在库状态">
              <Select aria-label="在库状态" options={optionsOf(POOL_STATUSES, POOL_STATUS_LABELS)} />
            </RowField>
            <RowField span={6} name={[name, 'since']} messageLabel="入库日期">
              <DatePicker placeholder="入库日期" style={{ width: '100%' }} disabledDate={afterToday} />
            </RowField>
            <RowField span={6} name={[name, 'until']}>
              <DatePicker placeholder="出库日期（可空）" style={{ width: '100%' }} />
            </RowField>
          </>
        )}
      </RowList>

      <Divider titlePlacement="start">工作经历</Divider>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        近年的工作单位与任职时间，是任职回避的依据；仍在任的结束日期留空。
      </Typography.Paragraph>
      <RowList
        name="history"
        max={MAX_HISTORY_ROWS}
        addLabel="添加工作经历"
        removeLabel="删除该段经历"
        newRow={() => ({ unit: emptyUnit, post: '', from: null, to: null })}
      >
        {(name) => (
          <>
            <RowField span={9} name={[name, 'unit']} messageLabel="工作单位">
              <UnitInput placeholder="工作单位" />
            </RowField>
            <RowField span={6} name={[name, 'post']}>
              <Input placeholder="职务" aria-label="职务" maxLength={40} />
            </RowField>
            <PeriodFields list="history" index={name} what="任职" />
          </>
        )}
      </RowList>

      <Divider titlePlacement="start">亲属</Divider>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        配偶、直系亲属及其他近亲属的工作单位，用于亲属回避审查。
      </Typography.Paragraph>
      <RowList
        name="relatives"
        max={MAX_RELATIVES}
        addLabel="添加亲属"
        removeLabel="删除该亲属"
        newRow={() => ({ name: '', relation: undefined, unit: emptyUnit, post: '' })}
      >
        {(name) => (
          <>
            <RowField span={4} name={[name, 'name']}>
              <Input placeholder="姓名" aria-label="亲属姓名" maxLength={20} />
            </RowField>
            <RowField span={5} name={[name, 'relation']} messageLabel="亲属关系">
              <Select aria-label="亲属关系" placeholder="关系" options={optionsOf(RELATIONS, RELATION_LABELS)} />
            </RowField>
            <RowField span={9} name={[name, 'unit']}>
              <UnitInput placeholder="工作单位（退休或无业可空）" />
            </RowField>
            <RowField span={5} name={[name, 'post']}>
              <Input placeholder="职务" aria-label="亲属职务" maxLength={40} />
            </RowField>
          </>
        )}
      </RowList>

      <Divider titlePlacement="start">工作关系</Divider>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        与其他单位领导班子成员的上下级、长期共事关系，用于组长、副组长的回避审查。
      </Typography.Paragraph>
      <RowList
        name="workRelations"
        max={MAX_WORK_RELATIONS}
        addLabel="添加工作关系"
        removeLabel="删除该工作关系"
        newRow={() => ({ personName: '', relation: undefined, orgId: null, from: null, to: null })}
      >
        {(name) => (
          <>
            <RowField span={4} name={[name, 'personName']}>
              <Input placeholder="关系人姓名" aria-label="关系人姓名" maxLength={20} />
            </RowField>
            <RowField span={3} name={[name, 'relation']} messageLabel="工作关系类别">
              <Select
                aria-label="工作关系类别"
                placeholder="关系"
                options={optionsOf(WORK_RELATIONS, WORK_RELATION_LABELS)}
              />
            </RowField>
            <RowField span={8} name={[name, 'orgId']}>
              <LinkedOrgSelect />
            </RowField>
            <PeriodFields list="workRelations" index={name} what="关系" />
          </>
        )}
      </RowList>
    </FormDrawer>
  );
}
