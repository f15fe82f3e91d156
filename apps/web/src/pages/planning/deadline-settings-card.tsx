import { SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DEADLINE_ANCHORS,
  DEADLINE_KEYS,
  DEADLINE_LABELS,
  DEADLINE_UNIT_LABELS,
  DEADLINE_UNITS,
  DEFAULT_DEADLINES,
  describeDeadline,
  type TDeadlineKey,
  ZDeadlineSettingsUpdate,
} from '@xc/domain';
import { App, Button, Card, Form, InputNumber, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { isApiError } from '../../api/client.ts';
import { getDeadlineSettings, pk, putDeadlineSettings } from '../../api/planning.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, SchemaForm, useSchemaForm } from '../../components/form-kit/index.ts';

/** What each deadline counts from, by the anchor field's name. */
const ANCHOR_LABELS: Record<string, string> = {
  plannedEntryDate: '计划进驻日期',
  exitDate: '撤离日期',
  feedbackDate: '反馈日期',
  clueTransferDate: '线索移交日期',
  concentratedEndDate: '集中整改结束日期',
};

type Unit = (typeof DEADLINE_UNITS)[number];
type Settings = Partial<Record<TDeadlineKey, { amount?: number | null; unit?: Unit }>>;
interface FormValues {
  settings?: Settings;
}

export function DeadlineSettingsCard({ authorityId, canManage }: { authorityId: string; canManage: boolean }) {
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: pk.deadlineSettings(authorityId),
    queryFn: () => getDeadlineSettings(authorityId),
  });
  const kit = useSchemaForm({
    schema: ZDeadlineSettingsUpdate,
    // The direction is the rule's own (进驻前, 反馈后): it is sent as the default, never edited.
    toBody: (v: FormValues) => ({
      version: q.data?.version,
      settings: Object.fromEntries(
        DEADLINE_KEYS.map((k) => [k, { ...v.settings?.[k], direction: DEFAULT_DEADLINES[k].direction }]),
      ),
    }),
    mutationFn: (body) => putDeadlineSettings(authorityId, body),
    success: '时限设置已保存，各巡察的截止日期将按新设置计算',
    invalidate: [['planning', 'inspection']],
    onSuccess: (saved) => queryClient.setQueryData(pk.deadlineSettings(authorityId), saved),
    onError: (e) => {
      if (!isApiError(e) || e.status !== 409) return false;
      modal.warning({
        title: '时限设置已被他人修改',
        content: '已加载最新设置，请核对后重新修改。',
        onOk: () => void q.refetch(),
      });
      return true;
    },
  });
  const { form } = kit;
  const values = Form.useWatch('settings', form) as Settings | undefined;

  useEffect(() => {
    if (q.data) form.setFieldsValue({ settings: q.data.settings });
  }, [q.data, form]);

  const resetDefaults = () =>
    form.setFieldsValue({
      settings: Object.fromEntries(
        DEADLINE_KEYS.map((k) => [k, { amount: DEFAULT_DEADLINES[k].amount, unit: DEFAULT_DEADLINES[k].unit }]),
      ),
    });

  return (
    <Card
      title="工作时限设置"
      extra={
        canManage && (
          <Space>
            <Button onClick={resetDefaults} disabled={!q.data}>
              恢复默认值
            </Button>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={kit.pending}
              disabled={!q.data}
              onClick={() => void kit.submit()}
            >
              保存
            </Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        各地规定不一，以下时限由本机构设置；计算方向（基准日之前或之后）由规则本身决定，不能修改。
        {q.data?.updatedAt && ` 最后修改于 ${dayjs(q.data.updatedAt).format('YYYY-MM-DD HH:mm')}。`}
      </Typography.Paragraph>
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.isPending ? (
        <Skeleton active />
      ) : (
        <SchemaForm kit={kit} name="deadlineSettings" component={false} disabled={!canManage}>
          <Table<{ key: TDeadlineKey }>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={DEADLINE_KEYS.map((key) => ({ key }))}
            columns={[
              { title: '时限事项', key: 'label', render: (_v, r) => DEADLINE_LABELS[r.key] },
              {
                title: '计算基准',
                key: 'direction',
                width: 200,
                render: (_v, r) => (
                  <span>
                    {ANCHOR_LABELS[DEADLINE_ANCHORS[r.key]] ?? DEADLINE_ANCHORS[r.key]}
                    <Tag style={{ marginLeft: 6 }}>
                      {DEFAULT_DEADLINES[r.key].direction === 'before' ? '之前' : '之后'}
                    </Tag>
                  </span>
                ),
              },
              {
                title: '时限',
                key: 'amount',
                width: 280,
                render: (_v, r) => (
                  <Space.Compact>
                    <Field name={['settings', r.key, 'amount']} noStyle>
                      <InputNumber
                        min={1}
                        max={365}
                        precision={0}
                        style={{ width: 100 }}
                        aria-label={`${DEADLINE_LABELS[r.key]}的数量`}
                      />
                    </Field>
                    <Field name={['settings', r.key, 'unit']} noStyle>
                      <Select<Unit>
                        options={DEADLINE_UNITS.map((u) => ({ value: u, label: DEADLINE_UNIT_LABELS[u] }))}
                        style={{ width: 120 }}
                        aria-label={`${DEADLINE_LABELS[r.key]}的单位`}
                      />
                    </Field>
                  </Space.Compact>
                ),
              },
              {
                title: '规则',
                key: 'preview',
                width: 200,
                render: (_v, r) => {
                  const cur = values?.[r.key];
                  const def = DEFAULT_DEADLINES[r.key];
                  if (!cur?.amount || !cur.unit) return '—';
                  const text = describeDeadline({ amount: cur.amount, unit: cur.unit, direction: def.direction });
                  const changed = cur.amount !== def.amount || cur.unit !== def.unit;
                  return (
                    <Space size={4}>
                      <span>
                        {ANCHOR_LABELS[DEADLINE_ANCHORS[r.key]]?.replace(/日期$/, '') ?? ''}
                        {text}
                      </span>
                      {changed && <Tag color="orange">默认{describeDeadline(def)}</Tag>}
                    </Space>
                  );
                },
              },
            ]}
          />
        </SchemaForm>
      )}
    </Card>
  );
}
