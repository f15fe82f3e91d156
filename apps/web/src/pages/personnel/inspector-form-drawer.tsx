import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
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
} from '@xc/domain';
import {
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { errorText } from '../../api/client.ts';
import { useMe } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { getOrg } from '../../api/orgs.ts';
import { createInspector, getInspectorProfile, ppk, updateInspector } from '../../api/personnel.ts';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { OrgSelect } from '../../components/org-select.tsx';
import { handleVersionConflict } from '../../components/version-conflict.ts';
import { UnitInput, type UnitValue } from './unit-input.tsx';

interface FormValues {
  authorityId: string;
  name: string;
  gender: TGender;
  birthYear?: number | null;
  homeUnit: UnitValue;
  post?: string;
  rank?: string;
  politicalStatus?: string;
  expertise?: string[];
  homeAuthorityId?: string | null;
  pools?: { pool: TPool; status: TPoolStatus; since: Dayjs | null; until?: Dayjs | null }[];
  history?: { unit: UnitValue; post?: string; from: Dayjs | null; to?: Dayjs | null }[];
  relatives?: { name: string; relation: TRelation; unit?: UnitValue; post?: string }[];
  workRelations?: {
    personName: string;
    relation: TWorkRelation;
    orgId?: string | null;
    from: Dayjs | null;
    to?: Dayjs | null;
  }[];
}

const DATE = 'YYYY-MM-DD';
const day = (s: string | null | undefined) => (s ? dayjs(s) : null);
const iso = (d: Dayjs | null | undefined) => (d ? d.format(DATE) : null);
const emptyUnit: UnitValue = { orgId: null, unitName: '' };
const noFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

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
  };
}

/** The form as the API takes it; every list goes whole, since an update replaces the stored list. */
function toBody(v: FormValues) {
  return {
    name: v.name.trim(),
    gender: v.gender,
    birthYear: v.birthYear ?? null,
    homeOrgId: v.homeUnit.orgId,
    homeUnitName: v.homeUnit.unitName.trim(),
    post: v.post?.trim() ?? '',
    rank: v.rank?.trim() ?? '',
    politicalStatus: v.politicalStatus?.trim() ?? '',
    expertise: (v.expertise ?? []) as (typeof EXPERTISE)[number][],
    homeAuthorityId: v.homeAuthorityId ?? null,
    pools: (v.pools ?? []).map((p) => ({
      pool: p.pool,
      status: p.status,
      since: iso(p.since) ?? '',
      until: iso(p.until),
    })),
    history: (v.history ?? []).map((h) => ({
      orgId: h.unit.orgId,
      unitName: h.unit.unitName.trim(),
      post: h.post?.trim() ?? '',
      from: iso(h.from) ?? '',
      to: iso(h.to),
    })),
    relatives: (v.relatives ?? []).map((r) => ({
      name: r.name.trim(),
      relation: r.relation,
      orgId: r.unit?.orgId ?? null,
      unitName: r.unit?.unitName.trim() ?? '',
      post: r.post?.trim() ?? '',
    })),
    workRelations: (v.workRelations ?? []).map((w) => ({
      personName: w.personName.trim(),
      relation: w.relation,
      orgId: w.orgId ?? null,
      from: iso(w.from) ?? '',
      to: iso(w.to),
    })),
  };
}

const unitRequired = (label: string) => ({
  validator: (_: unknown, v: UnitValue | undefined) =>
    v?.unitName?.trim() ? Promise.resolve() : Promise.reject(new Error(`请输入${label}`)),
});
const unitMax = {
  validator: (_: unknown, v: UnitValue | undefined) =>
    (v?.unitName?.length ?? 0) <= 80 ? Promise.resolve() : Promise.reject(new Error('单位名称不能超过80个字')),
};
/** The end of a period, checked against the start in the same row of the list `list`. */
const endAfterStart =
  (list: 'history' | 'workRelations', index: number) =>
  ({ getFieldValue }: { getFieldValue: (n: (string | number)[]) => unknown }) => ({
    validator: (_: unknown, to: Dayjs | null | undefined) => {
      const from = getFieldValue([list, index, 'from']) as Dayjs | null | undefined;
      return !to || !from || !to.isBefore(from, 'day')
        ? Promise.resolve()
        : Promise.reject(new Error('结束日期不能早于开始日期'));
    },
  });
const text = (label: string, max: number, required = false) => [
  ...(required ? [{ required: true, whitespace: true, message: `请输入${label}` }] : []),
  { max, message: `${label}不能超过${max}个字` },
];

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

function RemoveRow({ onClick, label }: { onClick: () => void; label: string }) {
  return (
    <Col flex="24px" style={{ paddingTop: 6 }}>
      <MinusCircleOutlined onClick={onClick} aria-label={label} />
    </Col>
  );
}

/**
 * Create (no inspectorId) or edit an inspector, with the work history, relatives and work relations
 * that recusal checks against. Editing sends the version it loaded; a stale version answers 409.
 */
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
  const [form] = Form.useForm<FormValues>();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState<number | null>(null);

  const detail = useQuery({
    queryKey: ppk.inspector(inspectorId ?? ''),
    queryFn: () => getInspectorProfile(inspectorId ?? ''),
    enabled: open && editing,
    staleTime: 0,
  });
  const loaded = detail.data;

  // Fill the form once per opening: a background refetch must neither overwrite what the user is
  // typing nor silently move the version forward (that would hide a concurrent edit).
  const openedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!open) {
      openedFor.current = null;
      setVersion(null);
      return;
    }
    const key = inspectorId ?? 'new';
    if (openedFor.current === key) return;
    if (editing && (!loaded || loaded.id !== inspectorId || detail.isFetching)) return;
    openedFor.current = key;
    setError(null);
    form.resetFields();
    if (editing && loaded) {
      form.setFieldsValue(toForm(loaded));
      setVersion(loaded.version);
    } else {
      form.setFieldsValue({
        authorityId: defaultAuthorityId ?? me?.user.authorityId ?? undefined,
        gender: 'male',
        politicalStatus: '中共党员',
        homeUnit: emptyUnit,
        expertise: [],
        pools: [{ pool: 'talentPool', status: 'in', since: dayjs(), until: null }],
        history: [],
        relatives: [],
        workRelations: [],
      });
    }
  }, [open, inspectorId, editing, loaded, detail.isFetching, form, defaultAuthorityId, me]);

  const submit = async () => {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      message.warning('请检查标红的内容');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved =
        editing && inspectorId
          ? await updateInspector(inspectorId, { version: version ?? 0, ...toBody(v) })
          : await createInspector({ authorityId: v.authorityId, ...toBody(v) });
      void queryClient.invalidateQueries({ queryKey: ppk.all });
      message.success(editing ? '干部信息已保存' : '已新增巡察干部');
      onSaved(saved, !editing);
    } catch (e) {
      const conflict = handleVersionConflict(e, modal, ZInspector, (current) => {
        if (current) {
          form.setFieldsValue(toForm(current));
          setVersion(current.version);
        } else {
          openedFor.current = null;
          void detail.refetch();
        }
        void queryClient.invalidateQueries({ queryKey: ppk.inspector(inspectorId ?? '') });
      });
      if (!conflict) {
        setError(e);
        message.error(errorText(e));
      }
    } finally {
      setSaving(false);
    }
  };

  const hidden = editing && version === null;
  return (
    <Drawer
      title={editing ? `编辑巡察干部${loaded ? `：${loaded.name}` : ''}` : '新增巡察干部'}
      open={open}
      onClose={onClose}
      size={980}
      forceRender
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} disabled={hidden}>
            确定
          </Button>
        </Space>
      }
    >
      {hidden && !detail.error ? (
        <FullPageSpin />
      ) : editing && detail.error ? (
        <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
      ) : null}
      {Boolean(error) && <ErrorAlert error={error} />}
      <Form<FormValues>
        form={form}
        name="inspectorForm"
        layout="vertical"
        style={{ display: hidden ? 'none' : undefined }}
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="authorityId" label="所属巡察机构" rules={[{ required: true, message: '请选择巡察机构' }]}>
              <AuthoritySelect disabled={editing} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="name" label="姓名" rules={text('姓名', 20, true)}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="gender" label="性别" rules={[{ required: true, message: '请选择性别' }]}>
              <Select options={GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] }))} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="birthYear" label="出生年份">
              <InputNumber min={1930} max={2030} precision={0} style={{ width: '100%' }} placeholder="如 1980" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="homeUnit"
              label="工作单位"
              required
              rules={[unitRequired('工作单位'), unitMax]}
              tooltip="从单位库中选择时，回避审查按单位匹配"
            >
              <UnitInput />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="post" label="职务" rules={text('职务', 40)}>
              <Input maxLength={40} placeholder="如：纪检监察室主任" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="rank" label="职级" rules={text('职级', 20)}>
              <Input maxLength={20} placeholder="如：一级主任科员" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="politicalStatus" label="政治面貌" rules={text('政治面貌', 20)}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="expertise" label="专业领域">
              <Select
                mode="multiple"
                allowClear
                options={EXPERTISE.map((e) => ({ value: e, label: e }))}
                placeholder="可多选"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="homeAuthorityId" label="籍贯所在地" tooltip="用于地域回避：本人家乡所在的县（市、区）">
              <AuthoritySelect allowClear placeholder="选择家乡所在县（市、区）" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">人员库</Divider>
        <Form.List name="pools">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Row key={key} gutter={8} align="top">
                  <Col span={7}>
                    <Form.Item name={[name, 'pool']} rules={[{ required: true, message: '请选择人员库' }]}>
                      <Select
                        aria-label="人员库"
                        placeholder="人员库"
                        options={POOLS.map((p) => ({ value: p, label: POOL_LABELS[p] }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[name, 'status']} rules={[{ required: true, message: '请选择状态' }]}>
                      <Select
                        aria-label="在库状态"
                        options={POOL_STATUSES.map((s) => ({ value: s, label: POOL_STATUS_LABELS[s] }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[name, 'since']} rules={[{ required: true, message: '请选择入库日期' }]}>
                      <DatePicker placeholder="入库日期" style={{ width: '100%' }} disabledDate={noFuture} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[name, 'until']}>
                      <DatePicker placeholder="出库日期（可空）" style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <RemoveRow onClick={() => remove(name)} label="移出该人员库" />
                </Row>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                disabled={fields.length >= POOLS.length}
                onClick={() => {
                  const used = new Set((form.getFieldValue('pools') as FormValues['pools'])?.map((p) => p.pool));
                  add({ pool: POOLS.find((p) => !used.has(p)), status: 'in', since: dayjs(), until: null });
                }}
              >
                加入人员库
              </Button>
            </>
          )}
        </Form.List>

        <Divider titlePlacement="start">工作经历</Divider>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          近年的工作单位与任职时间，是任职回避的依据；仍在任的结束日期留空。
        </Typography.Paragraph>
        <Form.List name="history">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Row key={key} gutter={8} align="top">
                  <Col span={9}>
                    <Form.Item name={[name, 'unit']} rules={[unitRequired('工作单位'), unitMax]}>
                      <UnitInput placeholder="工作单位" />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[name, 'post']} rules={text('职务', 40)}>
                      <Input placeholder="职务" aria-label="职务" maxLength={40} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[name, 'from']} rules={[{ required: true, message: '请选择开始日期' }]}>
                      <DatePicker placeholder="开始日期" style={{ width: '100%' }} aria-label="任职开始日期" />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item
                      name={[name, 'to']}
                      dependencies={[['history', name, 'from']]}
                      rules={[endAfterStart('history', name)]}
                    >
                      <DatePicker placeholder="至今" style={{ width: '100%' }} aria-label="任职结束日期" />
                    </Form.Item>
                  </Col>
                  <RemoveRow onClick={() => remove(name)} label="删除该段经历" />
                </Row>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                disabled={fields.length >= MAX_HISTORY_ROWS}
                onClick={() => add({ unit: emptyUnit, post: '', from: null, to: null })}
              >
                添加工作经历
              </Button>
            </>
          )}
        </Form.List>

        <Divider titlePlacement="start">亲属</Divider>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          配偶、直系亲属及其他近亲属的工作单位，用于亲属回避审查。
        </Typography.Paragraph>
        <Form.List name="relatives">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Row key={key} gutter={8} align="top">
                  <Col span={4}>
                    <Form.Item name={[name, 'name']} rules={text('亲属姓名', 20, true)}>
                      <Input placeholder="姓名" aria-label="亲属姓名" maxLength={20} />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[name, 'relation']} rules={[{ required: true, message: '请选择关系' }]}>
                      <Select
                        aria-label="亲属关系"
                        placeholder="关系"
                        options={RELATIONS.map((r) => ({ value: r, label: RELATION_LABELS[r] }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={9}>
                    <Form.Item name={[name, 'unit']} rules={[unitMax]}>
                      <UnitInput placeholder="工作单位（退休或无业可空）" />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[name, 'post']} rules={text('亲属职务', 40)}>
                      <Input placeholder="职务" aria-label="亲属职务" maxLength={40} />
                    </Form.Item>
                  </Col>
                  <RemoveRow onClick={() => remove(name)} label="删除该亲属" />
                </Row>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                disabled={fields.length >= MAX_RELATIVES}
                onClick={() => add({ name: '', relation: undefined, unit: emptyUnit, post: '' })}
              >
                添加亲属
              </Button>
            </>
          )}
        </Form.List>

        <Divider titlePlacement="start">工作关系</Divider>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          与其他单位领导班子成员的上下级、长期共事关系，用于组长、副组长的回避审查。
        </Typography.Paragraph>
        <Form.List name="workRelations">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Row key={key} gutter={8} align="top">
                  <Col span={4}>
                    <Form.Item name={[name, 'personName']} rules={text('关系人姓名', 20, true)}>
                      <Input placeholder="关系人姓名" aria-label="关系人姓名" maxLength={20} />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item name={[name, 'relation']} rules={[{ required: true, message: '请选择关系' }]}>
                      <Select
                        aria-label="工作关系类别"
                        placeholder="关系"
                        options={WORK_RELATIONS.map((r) => ({ value: r, label: WORK_RELATION_LABELS[r] }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name={[name, 'orgId']}>
                      <LinkedOrgSelect />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[name, 'from']} rules={[{ required: true, message: '请选择开始日期' }]}>
                      <DatePicker placeholder="开始日期" style={{ width: '100%' }} aria-label="关系开始日期" />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item
                      name={[name, 'to']}
                      dependencies={[['workRelations', name, 'from']]}
                      rules={[endAfterStart('workRelations', name)]}
                    >
                      <DatePicker placeholder="至今" style={{ width: '100%' }} aria-label="关系结束日期" />
                    </Form.Item>
                  </Col>
                  <RemoveRow onClick={() => remove(name)} label="删除该工作关系" />
                </Row>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                disabled={fields.length >= MAX_WORK_RELATIONS}
                onClick={() => add({ personName: '', relation: undefined, orgId: null, from: null, to: null })}
              >
                添加工作关系
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
