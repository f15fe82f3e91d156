import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  creditCodeValid,
  ORG_KINDS,
  SECTORS,
  type TOrgDetail,
  type TOrgKind,
  type TSector,
  ZOrgDetail,
} from '@xc/domain';
import { App, Button, Col, DatePicker, Drawer, Form, Input, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { errorText } from '../../api/client.ts';
import { useMe } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { createOrg, getOrg, updateOrg } from '../../api/orgs.ts';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { OrgSelect } from '../../components/org-select.tsx';
import { handleVersionConflict } from '../../components/version-conflict.ts';

interface LeaderValues {
  name: string;
  position: string;
  term?: [Dayjs | null, Dayjs | null] | null;
}

interface OrgFormValues {
  authorityId: string;
  name: string;
  kind: TOrgKind;
  sector?: TSector | null;
  parentId?: string | null;
  creditCode?: string | null;
  establishedOn?: Dayjs | null;
  leaders?: LeaderValues[];
}

const DATE = 'YYYY-MM-DD';
const day = (s: string | null | undefined) => (s ? dayjs(s) : null);
const iso = (d: Dayjs | null | undefined) => (d ? d.format(DATE) : null);

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
  };
}

function toBody(v: OrgFormValues) {
  return {
    parentId: v.parentId ?? null,
    name: v.name,
    kind: v.kind,
    sector: v.sector ?? null,
    creditCode: v.creditCode?.trim() ? v.creditCode.trim().toUpperCase() : null,
    establishedOn: iso(v.establishedOn),
    leaders: (v.leaders ?? []).map((l) => ({
      name: l.name,
      position: l.position,
      since: iso(l.term?.[0]),
      until: iso(l.term?.[1]),
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
  const [form] = Form.useForm<OrgFormValues>();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState<number | null>(null);
  const authorityId = Form.useWatch('authorityId', form);

  const detail = useQuery({
    queryKey: qk.org(orgId ?? ''),
    queryFn: () => getOrg(orgId ?? ''),
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
    const key = orgId ?? 'new';
    if (openedFor.current === key) return;
    if (editing && (!loaded || loaded.id !== orgId || detail.isFetching)) return;
    openedFor.current = key;
    setError(null);
    form.resetFields();
    if (editing && loaded) {
      form.setFieldsValue(toForm(loaded));
      setVersion(loaded.version);
    } else {
      form.setFieldsValue({ authorityId: defaultAuthorityId ?? me?.user.authorityId ?? undefined, leaders: [] });
    }
  }, [open, orgId, editing, loaded, detail.isFetching, form, defaultAuthorityId, me]);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const saved =
        editing && orgId
          ? await updateOrg(orgId, { version: version ?? 0, ...toBody(v) })
          : await createOrg({ authorityId: v.authorityId, ...toBody(v) });
      queryClient.setQueryData(qk.org(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: qk.orgs });
      message.success(editing ? '单位信息已保存' : '单位已新增');
      onSaved(saved);
    } catch (e) {
      const conflict = handleVersionConflict(e, modal, ZOrgDetail, (current) => {
        if (current) {
          queryClient.setQueryData(qk.org(current.id), current);
          form.setFieldsValue(toForm(current));
          setVersion(current.version);
        } else {
          void detail.refetch();
        }
      });
      if (!conflict) {
        setError(e);
        message.error(errorText(e));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      title={editing ? `编辑单位${loaded ? `：${loaded.name}` : ''}` : '新增单位'}
      open={open}
      onClose={onClose}
      size={760}
      forceRender
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} disabled={editing && version === null}>
            确定
          </Button>
        </Space>
      }
    >
      {editing && version === null && !detail.error ? (
        <FullPageSpin />
      ) : editing && detail.error ? (
        <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
      ) : null}
      {Boolean(error) && <ErrorAlert error={error} />}
      <Form<OrgFormValues>
        form={form}
        layout="vertical"
        style={{ display: editing && version === null ? 'none' : undefined }}
        initialValues={{ leaders: [] }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="authorityId" label="巡察机构" rules={[{ required: true, message: '请选择巡察机构' }]}>
              <AuthoritySelect disabled={editing} onChange={() => form.setFieldValue('parentId', null)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="parentId" label="上级单位" tooltip="留空表示该单位是机构直接管辖的一级单位">
              <OrgSelect
                authorityId={authorityId}
                disabled={!authorityId}
                excludeIds={orgId ? [orgId] : undefined}
                initialLabel={loaded?.parentName}
                placeholder="输入名称搜索，留空为一级单位"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="name"
              label="单位名称"
              rules={[
                { required: true, whitespace: true, message: '请输入单位名称' },
                { max: 80, message: '单位名称不能超过80个字' },
              ]}
            >
              <Input placeholder="如：××市财政局党组" maxLength={80} showCount />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="kind" label="单位类别" rules={[{ required: true, message: '请选择单位类别' }]}>
              <Select options={ORG_KINDS.map((k) => ({ value: k, label: k }))} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="sector" label="系统/领域">
              <Select
                options={SECTORS.map((k) => ({ value: k, label: k }))}
                placeholder="请选择"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="creditCode"
              label="统一社会信用代码"
              normalize={(v: string) => v?.toUpperCase()}
              rules={[
                {
                  pattern: /^[0-9A-HJ-NPQRTUWXY]{18}$/,
                  message: '统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）',
                },
                {
                  validator: (_, v: string) =>
                    v?.length !== 18 || creditCodeValid(v)
                      ? Promise.resolve()
                      : Promise.reject(new Error('统一社会信用代码校验位不正确，请核对')),
                },
              ]}
            >
              <Input maxLength={18} placeholder="18位，可留空" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="establishedOn" label="成立日期">
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>班子成员</Typography.Title>
        <Form.List name="leaders">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Row key={key} gutter={8} align="top">
                  <Col span={6}>
                    <Form.Item
                      name={[name, 'name']}
                      rules={[
                        { required: true, whitespace: true, message: '请输入姓名' },
                        { max: 20, message: '姓名不能超过20个字' },
                      ]}
                    >
                      <Input placeholder="姓名" aria-label="姓名" />
                    </Form.Item>
                  </Col>
                  <Col span={7}>
                    <Form.Item
                      name={[name, 'position']}
                      rules={[
                        { required: true, whitespace: true, message: '请输入职务' },
                        { max: 40, message: '职务不能超过40个字' },
                      ]}
                    >
                      <Input placeholder="职务，如：党组书记、局长" aria-label="职务" />
                    </Form.Item>
                  </Col>
                  <Col span={10}>
                    <Form.Item name={[name, 'term']}>
                      <DatePicker.RangePicker
                        allowEmpty={[true, true]}
                        placeholder={['任职开始', '任职结束']}
                        style={{ width: '100%' }}
                        aria-label="任职起止"
                      />
                    </Form.Item>
                  </Col>
                  <Col span={1} style={{ paddingTop: 6 }}>
                    <MinusCircleOutlined onClick={() => remove(name)} aria-label="删除该成员" />
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add({ name: '', position: '', term: null })}
                disabled={fields.length >= 50}
              >
                添加班子成员
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
