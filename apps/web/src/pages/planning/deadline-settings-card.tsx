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
  ErrorCode,
  type TDeadlineKey,
  type TDeadlineSettings,
} from '@xc/domain';
import { App, Button, Card, Form, InputNumber, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { errorText, isApiError } from '../../api/client.ts';
import { getDeadlineSettings, pk, putDeadlineSettings } from '../../api/planning.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

/** What each deadline counts from, by the anchor field's name. */
const ANCHOR_LABELS: Record<string, string> = {
  plannedEntryDate: '计划进驻日期',
  exitDate: '撤离日期',
  feedbackDate: '反馈日期',
  clueTransferDate: '线索移交日期',
  concentratedEndDate: '集中整改结束日期',
};

type Unit = (typeof DEADLINE_UNITS)[number];
type FormValues = Record<TDeadlineKey, { amount: number; unit: Unit }>;

export function DeadlineSettingsCard({ authorityId, canManage }: { authorityId: string; canManage: boolean }) {
  const [form] = Form.useForm<FormValues>();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const q = useQuery({
    queryKey: pk.deadlineSettings(authorityId),
    queryFn: () => getDeadlineSettings(authorityId),
  });
  const values = Form.useWatch([], form) as Partial<FormValues> | undefined;

  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data.settings as FormValues);
  }, [q.data, form]);

  const save = async () => {
    if (!q.data) return;
    const v = await form.validateFields();
    const settings = Object.fromEntries(
      DEADLINE_KEYS.map((k) => [
        k,
        { amount: v[k].amount, unit: v[k].unit, direction: DEFAULT_DEADLINES[k].direction },
      ]),
    ) as TDeadlineSettings;
    setSaving(true);
    try {
      const saved = await putDeadlineSettings(authorityId, { version: q.data.version, settings });
      queryClient.setQueryData(pk.deadlineSettings(authorityId), saved);
      void queryClient.invalidateQueries({ queryKey: ['planning', 'inspection'] });
      message.success('时限设置已保存，各巡察的截止日期将按新设置计算');
    } catch (e) {
      if (isApiError(e, ErrorCode.VersionConflict) || (isApiError(e) && e.status === 409)) {
        modal.warning({
          title: '时限设置已被他人修改',
          content: '已加载最新设置，请核对后重新修改。',
          onOk: () => void q.refetch(),
        });
      } else message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  const resetDefaults = () =>
    form.setFieldsValue(
      Object.fromEntries(
        DEADLINE_KEYS.map((k) => [k, { amount: DEFAULT_DEADLINES[k].amount, unit: DEFAULT_DEADLINES[k].unit }]),
      ) as FormValues,
    );

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
              loading={saving}
              disabled={!q.data}
              onClick={() => void save()}
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
        <Form form={form} name="deadlineSettings" component={false} disabled={!canManage}>
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
                    <Form.Item
                      name={[r.key, 'amount']}
                      noStyle
                      rules={[{ required: true, type: 'integer', min: 1, max: 365, message: '1至365的整数' }]}
                    >
                      <InputNumber
                        min={1}
                        max={365}
                        precision={0}
                        style={{ width: 100 }}
                        aria-label={`${DEADLINE_LABELS[r.key]}的数量`}
                      />
                    </Form.Item>
                    <Form.Item name={[r.key, 'unit']} noStyle rules={[{ required: true }]}>
                      <Select<Unit>
                        options={DEADLINE_UNITS.map((u) => ({ value: u, label: DEADLINE_UNIT_LABELS[u] }))}
                        style={{ width: 120 }}
                        aria-label={`${DEADLINE_LABELS[r.key]}的单位`}
                      />
                    </Form.Item>
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
                  const text = describeDeadline({ ...cur, direction: def.direction });
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
        </Form>
      )}
    </Card>
  );
}
