import { ZCampaignReport } from '@xc/domain';
import { Alert, Col, DatePicker, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { gk, reportCampaign } from '../../api/governance.ts';
import { afterToday, Field, FormDrawer, iso, optional, useSchemaForm } from '../../components/form-kit/index.ts';

interface Values {
  orgId?: string;
  commonProblemId?: string;
  reportedOn?: Dayjs | null;
  foundItems?: number | null;
  rectifiedItems?: number | null;
  rulesMade?: number | null;
  moneyRecovered?: string;
  note?: string;
}

const count = (n: number | null | undefined) => (typeof n === 'number' ? n : 0);

/**
 * 登记报送 (the office on behalf of an organization) or 报送整改情况 (the liaison for its own): what
 * the campaign found and fixed by self-examination since the last report; reports add up.
 */
export function CampaignReportDrawer({
  campaignId,
  campaignName,
  orgs,
  problems,
  open,
  onClose,
  title = '登记报送',
}: {
  campaignId: string;
  campaignName: string;
  /** The organizations the caller may report for. */
  orgs: { id: string; name: string }[];
  /** The campaign's targeted problems; with one, it is implied. */
  problems: { id: string; name: string }[];
  open: boolean;
  onClose: () => void;
  title?: string;
}) {
  const kit = useSchemaForm({
    schema: ZCampaignReport,
    toBody: (v: Values) => ({
      orgId: v.orgId,
      ...(v.commonProblemId ? { commonProblemId: v.commonProblemId } : {}),
      reportedOn: iso(v.reportedOn) ?? '',
      foundItems: count(v.foundItems),
      rectifiedItems: count(v.rectifiedItems),
      rulesMade: count(v.rulesMade),
      moneyRecovered: v.moneyRecovered?.trim() || '0',
      note: optional(v.note),
    }),
    mutationFn: (body) => reportCampaign(campaignId, body),
    success: (r) => `已报送：${r.orgName}，整改问题 ${r.rectifiedItems} 个`,
    invalidate: [gk.all],
    onSuccess: onClose,
    invalidMessage: '请检查标红的内容',
    open,
    openKey: campaignId,
    initial: (): Values => ({
      orgId: orgs.length === 1 ? orgs[0]?.id : undefined,
      commonProblemId: problems.length === 1 ? problems[0]?.id : undefined,
      reportedOn: dayjs(),
    }),
  });
  return (
    <FormDrawer
      kit={kit}
      title={`${title}：${campaignName}`}
      open={open}
      onClose={onClose}
      size={640}
      okText="提交"
      name="campaignReport"
      intro={
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="填写本次新增的自查自纠情况（多次报送累加计入台账）；巡察反馈问题的整改在整改台账中统计，不在此重复填报。"
        />
      }
    >
      <Row gutter={16}>
        <Col span={24}>
          <Field name="orgId" label="报送单位" required>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择整治范围内的单位"
              options={orgs.map((o) => ({ value: o.id, label: o.name }))}
              notFoundContent="没有可报送的单位"
            />
          </Field>
        </Col>
        {problems.length > 1 && (
          <Col span={24}>
            <Field name="commonProblemId" label="所属共性问题">
              <Select allowClear options={problems.map((p) => ({ value: p.id, label: p.name }))} />
            </Field>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Field name="reportedOn" label="报送日期" required>
            <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field name="moneyRecovered" label="挽回损失（万元）">
            <Input placeholder="0" suffix="万元" maxLength={20} />
          </Field>
        </Col>
        <Col xs={8}>
          <Field name="foundItems" label="发现问题数" required>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Field>
        </Col>
        <Col xs={8}>
          <Field name="rectifiedItems" label="整改问题数" required>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Field>
        </Col>
        <Col xs={8}>
          <Field name="rulesMade" label="建章立制数" required>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="note" label="情况说明">
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
          </Field>
        </Col>
      </Row>
    </FormDrawer>
  );
}
