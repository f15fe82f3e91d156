import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ORG_KINDS,
  SECTORS,
  type TOrgCreate,
  type TOrgDetail,
  type TOrgKind,
  type TOrgUpdate,
  type TSector,
  ZOrgCreate,
  ZOrgDetail,
  ZOrgUpdate,
} from '@xc/domain';
import { Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMe } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { createOrg, getOrg, updateOrg } from '../../api/orgs.ts';
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
import { OrgSelect } from '../../components/org-select.tsx';

interface LeaderValues {
  name?: string;
  position?: string;
  term?: [Dayjs | null, Dayjs | null] | null;
}

interface OrgFormValues {
  authorityId?: string;
  name?: string;
  kind?: TOrgKind;
  sector?: TSector | null;
  parentId?: string | null;
  creditCode?: string | null;
  establishedOn?: Dayjs | null;
  leaders?: LeaderValues[];
  version?: number;
}

function toForm(o: TOrgDetail): OrgFormValues {
  return {
    authorityId: o.authorityId,
    name: o.name,
    kind: o.kind,
    sector: o.sector,
    parentId: o.parentId,
    creditCode: o.creditCode ?? '',
    establishedOn: day(o.establishedOn),
    leaders: o.leaders.map((l) => ({ name: l.name, position: l.position, term: [day(l.since), day(l.until)] })),
    version: o.version,
  };
}

function toBody(v: OrgFormValues) {
  return {
    parentId: v.parentId ?? null,
    name: v.name ?? '',
    kind: v.kind,
    sector: v.sector ?? null,
    creditCode: v.creditCode?.trim() ? v.creditCode.trim().toUpperCase() : null,
    establishedOn: iso(v.establishedOn) ?? null,
    leaders: (v.leaders ?? []).map((l) => ({
      name: l?.name ?? '',
      position: l?.position ?? '',
      since: iso(l?.term?.[0]) ?? null,
      until: iso(l?.term?.[1]) ?? null,
    })),
  };
}

/**
 * Create (no orgId) or edit an organization. Editing sends the version it loaded; a stale version
 * answers 409 with the current record, which the user may load.
 */
export function OrgFormDrawer({
  open,
  orgId,
  defaultAuthorityId,
  onClose,
  onSaved,
}: {
  open: boolean;
  orgId?: string | null;
  defaultAuthorityId?: string | null;
  onClose: () => void;
  onSaved: (org: TOrgDetail) => void;
}) {
  const editing = !!orgId;
  const queryClient = useQueryClient();
  const { data: me } = useMe();

  const detail = useQuery({
    queryKey: qk.org(orgId ?? ''),
    queryFn: () => getOrg(orgId ?? ''),
    enabled: open && editing,
    staleTime: 0,
  });
  const loaded = detail.data;

  const kit = useSchemaForm({
    schema: orgId ? ZOrgUpdate : ZOrgCreate,
    toBody: (v: OrgFormValues) =>
      orgId ? { version: v.version, ...toBody(v) } : { authorityId: v.authorityId ?? '', ...toBody(v) },
    rename: { since: 'term', until: 'term' },
    mutationFn: (body) => (orgId ? updateOrg(orgId, body as TOrgUpdate) : createOrg(body as TOrgCreate)),
    success: editing ? '单位信息已保存' : '单位已新增',
    invalidate: [qk.orgs],
    onSuccess: (saved) => {
      queryClient.setQueryData(qk.org(saved.id), saved);
      onSaved(saved);
    },
    conflict: {
      schema: ZOrgDetail,
      reload: (current) => {
        if (!current) {
          void detail.refetch();
          return undefined;
        }
        queryClient.setQueryData(qk.org(current.id), current);
        return toForm(current);
      },
    },
    // Filled once per opening: a background refetch must neither overwrite what the user is typing
    // nor silently move the version forward (that would hide a concurrent edit).
    open,
    openKey: orgId ?? 'new',
    initial: (): OrgFormValues | undefined => {
      if (!editing) return { authorityId: defaultAuthorityId ?? me?.user.authorityId ?? undefined, leaders: [] };
      return loaded && loaded.id === orgId && !detail.isFetching ? toForm(loaded) : undefined;
    },
  });
  const { form } = kit;
  const authorityId = Form.useWatch('authorityId', form);
  const waiting = editing && !kit.ready;

  return (
    <FormDrawer
      kit={kit}
      title={editing ? `编辑单位${loaded ? `：${loaded.name}` : ''}` : '新增单位'}
      open={open}
      onClose={onClose}
      size={760}
      okText="确定"
      blocked={waiting}
      intro={
        waiting && detail.error ? (
          <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
        ) : waiting ? (
          <FullPageSpin />
        ) : null
      }
      formProps={{ style: { display: waiting ? 'none' : undefined }, initialValues: { leaders: [] } }}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Field name="authorityId" label="巡察机构" required>
            <AuthoritySelect disabled={editing} onChange={() => form.setFieldValue('parentId', null)} />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="parentId" label="上级单位" tooltip="留空表示该单位是机构直接管辖的一级单位">
            <OrgSelect
              authorityId={authorityId}
              disabled={!authorityId}
              excludeIds={orgId ? [orgId] : undefined}
              initialLabel={loaded?.parentName}
              placeholder="输入名称搜索，留空为一级单位"
            />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="name" label="单位名称" required>
            <Input placeholder="如：××市财政局党组" maxLength={80} showCount />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="kind" label="单位类别" required>
            <Select options={ORG_KINDS.map((k) => ({ value: k, label: k }))} placeholder="请选择" />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="sector" label="系统/领域">
            <Select
              options={SECTORS.map((k) => ({ value: k, label: k }))}
              placeholder="请选择"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="creditCode" label="统一社会信用代码" normalize={(v: string) => v?.toUpperCase()}>
            <Input maxLength={18} placeholder="18位，可留空" />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="establishedOn" label="成立日期">
            <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
          </Field>
        </Col>
      </Row>
      <Typography.Title level={5}>班子成员</Typography.Title>
      <RowList
        name="leaders"
        max={50}
        addLabel="添加班子成员"
        removeLabel="删除该成员"
        newRow={() => ({ name: '', position: '', term: null })}
      >
        {(name) => (
          <>
            <RowField span={6} name={[name, 'name']}>
              <Input placeholder="姓名" aria-label="姓名" />
            </RowField>
            <RowField span={7} name={[name, 'position']}>
              <Input placeholder="职务，如：党组书记、局长" aria-label="职务" />
            </RowField>
            <RowField span={10} name={[name, 'term']}>
              <DatePicker.RangePicker
                allowEmpty={[true, true]}
                placeholder={['任职开始', '任职结束']}
                style={{ width: '100%' }}
                aria-label="任职起止"
              />
            </RowField>
          </>
        )}
      </RowList>
    </FormDrawer>
  );
}
