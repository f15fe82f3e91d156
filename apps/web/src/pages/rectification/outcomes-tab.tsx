import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  ACCOUNTABILITY_FORM_LABELS,
  ACCOUNTABILITY_FORMS,
  MONEY_KIND_LABELS,
  MONEY_KINDS,
  type TAccountabilityForm,
  type TMoneyKind,
  ZOutcomeAdd,
} from '@xc/domain';
import { Button, Card, Col, DatePicker, Empty, Input, InputNumber, Row, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { addOutcome, listOutcomes, rk, type TOutcomeListOut } from '../../api/rectification.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { afterToday, Field, FormModal, iso, optional, useSchemaForm } from '../../components/form-kit/index.ts';
import { useRectRoles } from './shared.tsx';

type TOutcome = TOutcomeListOut['items'][number];

interface OutcomeValues {
  moneyRecovered?: string;
  moneyKind?: TMoneyKind;
  accountable?: number | null;
  byForm?: Partial<Record<TAccountabilityForm, number | null>>;
  rulesMade?: number | null;
  findingId?: string;
  recordedOn?: Dayjs | null;
  note?: string;
}

const num = (n: number | null | undefined) => (typeof n === 'number' ? n : 0);

function AddModal({
  inspectionId,
  orgId,
  findings,
  open,
  onClose,
}: {
  inspectionId: string;
  orgId: string | undefined;
  findings: { id: string; label: string }[];
  open: boolean;
  onClose: () => void;
}) {
  const kit = useSchemaForm({
    schema: ZOutcomeAdd,
    toBody: (v: OutcomeValues) => {
      const split = Object.values(v.byForm ?? {}).some((n) => typeof n === 'number');
      return {
        ...(orgId ? { orgId } : {}),
        moneyRecovered: v.moneyRecovered?.trim() || '0',
        moneyKind: v.moneyKind,
        accountable: num(v.accountable),
        ...(split
          ? {
              accountableByForm: Object.fromEntries(ACCOUNTABILITY_FORMS.map((f) => [f, num(v.byForm?.[f])])),
            }
          : {}),
        rulesMade: num(v.rulesMade),
        findingId: v.findingId,
        recordedOn: iso(v.recordedOn),
        note: optional(v.note),
      };
    },
    mutationFn: (body) => addOutcome(inspectionId, body),
    success: '已登记整改成效',
    invalidate: [rk.all],
    onSuccess: onClose,
    open,
  });
  return (
    <FormModal kit={kit} title="登记整改成效" open={open} onClose={onClose} width={760} name="outcomeAdd">
      <Row gutter={16}>
        <Col span={12}>
          <Field name="moneyRecovered" label="挽回经济损失（万元）" extra="最多两位小数，如 123.45">
            <Input inputMode="decimal" placeholder="0.00" suffix="万元" />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="moneyKind" label="资金类别">
            <Select allowClear options={MONEY_KINDS.map((k) => ({ value: k, label: MONEY_KIND_LABELS[k] }))} />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="accountable" label="追责问责（人）">
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="rulesMade" label="建章立制（项）">
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Field>
        </Col>
      </Row>
      <Typography.Text type="secondary">按“四种形态”分列（选填，合计应等于追责问责人数）</Typography.Text>
      <Row gutter={8} style={{ marginTop: 8 }}>
        {ACCOUNTABILITY_FORMS.map((f) => (
          <Col span={6} key={f}>
            <Field name={['byForm', f]} messageLabel={ACCOUNTABILITY_FORM_LABELS[f]}>
              <InputNumber
                min={0}
                precision={0}
                placeholder={ACCOUNTABILITY_FORM_LABELS[f]}
                style={{ width: '100%' }}
              />
            </Field>
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        <Col span={16}>
          <Field name="findingId" label="对应问题">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={findings.map((f) => ({ value: f.id, label: f.label }))}
            />
          </Field>
        </Col>
        <Col span={8}>
          <Field name="recordedOn" label="登记日期">
            <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
          </Field>
        </Col>
      </Row>
      <Field name="note" label="成效说明">
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Field>
    </FormModal>
  );
}

/** 整改成效 of one organization: money recovered, persons held accountable, rules made, each entry as registered. */
export function OutcomesView({
  inspectionId,
  orgId,
  findings,
}: {
  inspectionId: string;
  orgId?: string;
  findings: { id: string; label: string }[];
}) {
  const roles = useRectRoles();
  const q = useQuery({ queryKey: rk.outcomes(inspectionId, orgId), queryFn: () => listOutcomes(inspectionId, orgId) });
  const [adding, setAdding] = useState(false);
  const titleOf = new Map(findings.map((f) => [f.id, f.label]));
  return (
    <Card
      size="small"
      title="整改成效登记"
      extra={
        roles.write && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            登记成效
          </Button>
        )
      }
    >
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      <Table<TOutcome>
        size="small"
        rowKey="id"
        pagination={false}
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        locale={{
          emptyText: q.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无整改成效" />,
        }}
        columns={[
          { title: '登记日期', dataIndex: 'recordedOn', width: 110 },
          {
            title: '挽回经济损失（万元）',
            key: 'm',
            width: 170,
            align: 'right',
            render: (_, o) => `${o.moneyRecovered}${o.moneyKind ? `（${MONEY_KIND_LABELS[o.moneyKind]}）` : ''}`,
          },
          { title: '追责问责', dataIndex: 'accountable', width: 90, align: 'right' },
          { title: '建章立制', dataIndex: 'rulesMade', width: 90, align: 'right' },
          {
            title: '对应问题',
            key: 'f',
            ellipsis: true,
            render: (_, o) => (o.findingId ? (titleOf.get(o.findingId) ?? '—') : '—'),
          },
          { title: '说明', dataIndex: 'note', ellipsis: true, render: (n: string | null) => n ?? '' },
          { title: '登记人', dataIndex: 'recordedBy', width: 100, render: (n: string | null) => n ?? '' },
        ]}
      />
      {roles.write && (
        <AddModal
          inspectionId={inspectionId}
          orgId={orgId}
          findings={findings}
          open={adding}
          onClose={() => setAdding(false)}
        />
      )}
    </Card>
  );
}
