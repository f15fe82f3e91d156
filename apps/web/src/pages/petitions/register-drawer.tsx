import { LockOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { PETITION_CHANNEL_LABELS, type TPetition, ZPetitionRegister } from '@xc/domain';
import { Alert, Col, DatePicker, Form, Input, Radio, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { petk, registerPetition } from '../../api/petitions.ts';
import { getInspection, pk } from '../../api/planning.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { afterToday, Field, FormDrawer, iso, optional, useSchemaForm } from '../../components/form-kit/index.ts';

type TChannel = 'letter' | 'phone' | 'visit';

interface FormValues {
  channel?: TChannel;
  orgId?: string;
  receivedOn?: Dayjs | null;
  anonymous?: boolean;
  reporterName?: string;
  reporterPhone?: string;
  subjectName?: string;
  subjectPost?: string;
  subjectOrg?: string;
  content?: string;
  happenedWhen?: string;
  place?: string;
}

const CHANNELS: TChannel[] = ['letter', 'phone', 'visit'];
const ROLE_LABELS: Record<string, string> = { primary: '被巡察单位', village: '村（社区）' };

function toBody(v: FormValues) {
  return {
    channel: v.channel,
    orgId: v.orgId ?? '',
    receivedOn: iso(v.receivedOn) ?? '',
    anonymous: v.anonymous,
    ...(v.anonymous ? {} : { reporterName: optional(v.reporterName), reporterPhone: optional(v.reporterPhone) }),
    subjectName: optional(v.subjectName),
    subjectPost: optional(v.subjectPost),
    subjectOrg: optional(v.subjectOrg),
    content: v.content ?? '',
    happenedWhen: optional(v.happenedWhen),
    place: optional(v.place),
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
  const inspection = useQuery({
    queryKey: pk.inspection(inspectionId ?? ''),
    queryFn: () => getInspection(inspectionId ?? ''),
    enabled: open && !!inspectionId,
  });
  const targets = inspection.data?.targets ?? [];

  const kit = useSchemaForm({
    schema: ZPetitionRegister,
    toBody,
    mutationFn: (body) => registerPetition(inspectionId ?? '', body),
    success: (saved) => `已登记${PETITION_CHANNEL_LABELS[saved.channel]}，状态：待分办`,
    invalidate: [petk.all],
    onSuccess: (saved) => {
      onSaved?.(saved);
      onClose();
    },
    invalidMessage: '请检查标红的内容',
    open,
    initial: (): FormValues => ({ channel: 'letter', receivedOn: dayjs(), anonymous: true }),
  });
  const { form } = kit;
  const anonymous = Form.useWatch('anonymous', form);

  // One target: nothing to choose.
  const onlyTarget = targets.length === 1 ? targets[0]?.orgId : undefined;
  useEffect(() => {
    if (open && kit.ready && onlyTarget && !form.getFieldValue('orgId')) form.setFieldsValue({ orgId: onlyTarget });
  }, [open, kit.ready, onlyTarget, form]);

  return (
    <FormDrawer
      kit={kit}
      title="登记来信来电来访"
      open={open}
      onClose={onClose}
      size={760}
      okText="登记"
      blocked={!inspection.data}
      name="petitionRegister"
      intro={
        <>
          {inspection.data && (
            <Typography.Paragraph type="secondary">
              巡察组：{inspection.data.teamName ?? '未定巡察组'} · {inspection.data.roundName}
            </Typography.Paragraph>
          )}
          {inspection.error && <ErrorAlert error={inspection.error} onRetry={() => void inspection.refetch()} />}
        </>
      }
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field name="channel" label="来源渠道" required>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={CHANNELS.map((c) => ({ value: c, label: PETITION_CHANNEL_LABELS[c] }))}
            />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field name="receivedOn" label="收到日期" required>
            <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="orgId" label="反映的被巡察单位" required>
            <Select
              placeholder="选择本次巡察的被巡察单位或村（社区）"
              loading={inspection.isPending && !!inspectionId}
              showSearch={{ optionFilterProp: 'label' }}
              options={targets.map((t) => ({
                value: t.orgId,
                label: t.role === 'village' ? `${t.name}（${ROLE_LABELS.village}）` : t.name,
              }))}
            />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="anonymous" label="反映方式" required>
            <Radio.Group
              options={[
                { value: true, label: '匿名' },
                { value: false, label: '实名' },
              ]}
            />
          </Field>
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
              <Field name="reporterName" label="信访人姓名" required>
                <Input maxLength={30} autoComplete="off" />
              </Field>
            </Col>
            <Col xs={24} md={12}>
              <Field name="reporterPhone" label="联系电话" required>
                <Input maxLength={20} autoComplete="off" placeholder="手机号或带区号的固定电话" />
              </Field>
            </Col>
          </>
        )}
        <Col xs={24} md={8}>
          <Field name="subjectName" label="被反映人姓名">
            <Input maxLength={30} />
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field name="subjectPost" label="被反映人职务">
            <Input maxLength={50} />
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field name="subjectOrg" label="被反映人单位">
            <Input maxLength={100} />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="content" label="反映内容" required>
            <Input.TextArea
              autoSize={{ minRows: 6, maxRows: 14 }}
              maxLength={5000}
              showCount
              placeholder="按来信、来电记录或来访笔录摘录反映的主要问题和事实"
            />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field name="happenedWhen" label="发生时间">
            <Input maxLength={50} placeholder="如：2024年春节前后" />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field name="place" label="发生地点">
            <Input maxLength={100} />
          </Field>
        </Col>
      </Row>
    </FormDrawer>
  );
}
