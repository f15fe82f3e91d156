import { LockOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { PETITION_CHANNEL_LABELS, type TPetition, ZPetitionRegister } from '@xc/domain';
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { errorText } from '../../api/client.ts';
import { petk, registerPetition } from '../../api/petitions.ts';
import { getInspection, pk } from '../../api/planning.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { checkWithSchema, markServerIssues } from './shared.tsx';

type TChannel = 'letter' | 'phone' | 'visit';

interface FormValues {
  channel: TChannel;
  orgId?: string;
  receivedOn: Dayjs | null;
  anonymous: boolean;
  reporterName?: string;
  reporterPhone?: string;
  subjectName?: string;
  subjectPost?: string;
  subjectOrg?: string;
  content?: string;
  happenedWhen?: string;
  place?: string;
}

const FIELDS = [
  'channel',
  'orgId',
  'receivedOn',
  'anonymous',
  'reporterName',
  'reporterPhone',
  'subjectName',
  'subjectPost',
  'subjectOrg',
  'content',
  'happenedWhen',
  'place',
] as const;

const CHANNELS: TChannel[] = ['letter', 'phone', 'visit'];
/** The domain's phone rule (ZPetitionRegister checks it again on submit). */
const PHONE = /^(1\d{10}|0\d{9,11})$/;
const ROLE_LABELS: Record<string, string> = { primary: '被巡察单位', village: '村（社区）' };

/** Optional text: empty stays out of the body, so the schema's optional fields stay absent. */
const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
const max = (label: string, n: number) => ({ max: n, message: `${label}不能超过${n}个字` });

function toBody(v: FormValues) {
  return {
    channel: v.channel,
    orgId: v.orgId ?? '',
    receivedOn: v.receivedOn ? v.receivedOn.format('YYYY-MM-DD') : '',
    anonymous: v.anonymous,
    ...(v.anonymous ? {} : { reporterName: opt(v.reporterName), reporterPhone: opt(v.reporterPhone) }),
    subjectName: opt(v.subjectName),
    subjectPost: opt(v.subjectPost),
    subjectOrg: opt(v.subjectOrg),
    content: v.content?.trim() ?? '',
    happenedWhen: opt(v.happenedWhen),
    place: opt(v.place),
  };
}

/** 登记来信来电来访: a letter, call or visit entered by hand into the inbox of one inspection. */
export function RegisterDrawer({
  inspectionId,
  open,
  onClose,
  onSaved,
}: {
  inspectionId: string | undefined;
  open: boolean;
  onClose: () => void;
  onSaved?: (p: TPetition) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const anonymous = Form.useWatch('anonymous', form);

  const inspection = useQuery({
    queryKey: pk.inspection(inspectionId ?? ''),
    queryFn: () => getInspection(inspectionId ?? ''),
    enabled: open && !!inspectionId,
  });
  const targets = inspection.data?.targets ?? [];

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ channel: 'letter', receivedOn: dayjs(), anonymous: true });
  }, [open, form]);

  // One target: nothing to choose.
  const onlyTarget = targets.length === 1 ? targets[0]?.orgId : undefined;
  useEffect(() => {
    if (open && onlyTarget && !form.getFieldValue('orgId')) form.setFieldsValue({ orgId: onlyTarget });
  }, [open, onlyTarget, form]);

  const submit = async () => {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      message.warning('请检查标红的内容');
      return;
    }
    if (!inspectionId) return;
    const body = checkWithSchema(ZPetitionRegister, toBody(v), form, FIELDS);
    if (!body) {
      message.warning('请检查标红的内容');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await registerPetition(inspectionId, body);
      void queryClient.invalidateQueries({ queryKey: petk.all });
      message.success(`已登记${PETITION_CHANNEL_LABELS[saved.channel]}，状态：待分办`);
      onSaved?.(saved);
      onClose();
    } catch (e) {
      markServerIssues(e, form, FIELDS);
      setError(e);
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      title="登记来信来电来访"
      open={open}
      onClose={onClose}
      size={760}
      forceRender
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} disabled={!inspection.data}>
            登记
          </Button>
        </Space>
      }
    >
      {inspection.data && (
        <Typography.Paragraph type="secondary">
          巡察组：{inspection.data.teamName ?? '未定巡察组'} · {inspection.data.roundName}
        </Typography.Paragraph>
      )}
      {inspection.error && <ErrorAlert error={inspection.error} onRetry={() => void inspection.refetch()} />}
      {Boolean(error) && <ErrorAlert error={error} />}
      <Form<FormValues> form={form} name="petitionRegister" layout="vertical">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="channel" label="来源渠道" rules={[{ required: true, message: '请选择来源渠道' }]}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={CHANNELS.map((c) => ({ value: c, label: PETITION_CHANNEL_LABELS[c] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="receivedOn" label="收到日期" rules={[{ required: true, message: '请选择收到日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="orgId"
              label="反映的被巡察单位"
              rules={[{ required: true, message: '请选择反映的被巡察单位' }]}
            >
              <Select
                placeholder="选择本次巡察的被巡察单位或村（社区）"
                loading={inspection.isPending && !!inspectionId}
                showSearch={{ optionFilterProp: 'label' }}
                options={targets.map((t) => ({
                  value: t.orgId,
                  label: t.role === 'village' ? `${t.name}（${ROLE_LABELS.village}）` : t.name,
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="anonymous" label="反映方式" rules={[{ required: true, message: '请选择是否匿名' }]}>
              <Radio.Group
                options={[
                  { value: true, label: '匿名' },
                  { value: false, label: '实名' },
                ]}
              />
            </Form.Item>
          </Col>
          {anonymous === false && (
            <>
              <Col span={24}>
                <Alert
                  type="info"
                  showIcon
                  icon={<LockOutlined />}
                  style={{ marginBottom: 16 }}
                  title="信访人的姓名和联系电话加密保存"
                  description="列表和详情中不显示；有权限的人员经再次验证密码后方可查看，每次查看都记入审计日志。"
                />
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="reporterName"
                  label="信访人姓名"
                  rules={[{ required: true, whitespace: true, message: '实名反映请填写姓名' }, max('姓名', 30)]}
                >
                  <Input maxLength={30} autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="reporterPhone"
                  label="联系电话"
                  rules={[
                    { required: true, whitespace: true, message: '实名反映请填写联系电话' },
                    {
                      validator: (_, v: string | undefined) =>
                        !v?.trim() || PHONE.test(v.normalize('NFKC').replace(/[\s-]/g, ''))
                          ? Promise.resolve()
                          : Promise.reject(new Error('联系电话格式不正确（手机号 11 位或带区号的固定电话）')),
                    },
                  ]}
                >
                  <Input maxLength={20} autoComplete="off" placeholder="手机号或带区号的固定电话" />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} md={8}>
            <Form.Item name="subjectName" label="被反映人姓名" rules={[max('被反映人姓名', 30)]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="subjectPost" label="被反映人职务" rules={[max('被反映人职务', 50)]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="subjectOrg" label="被反映人单位" rules={[max('被反映人单位', 100)]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="content"
              label="反映内容"
              rules={[
                { required: true, whitespace: true, message: '请填写反映的问题' },
                { min: 10, message: '反映的问题至少10个字' },
                max('反映的问题', 5000),
              ]}
            >
              <Input.TextArea
                autoSize={{ minRows: 6, maxRows: 14 }}
                maxLength={5000}
                showCount
                placeholder="按来信、来电记录或来访笔录摘录反映的主要问题和事实"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="happenedWhen" label="发生时间" rules={[max('发生时间', 50)]}>
              <Input maxLength={50} placeholder="如：2024年春节前后" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="place" label="发生地点" rules={[max('发生地点', 100)]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
