import { useQuery } from '@tanstack/react-query';
import { ErrorCode, RECHECK_RESULT_LABELS, RECHECK_RESULTS, type TRecheckResult, ZRecheckSubmit } from '@xc/domain';
import { Alert, Button, DatePicker, Empty, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { usePermissions } from '../../api/hooks.ts';
import { getRecheck, rk, rkRules, submitRecheck, type TRecheckViewOut } from '../../api/rectification.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { afterToday, Field, FormModal, iso, useSchemaForm } from '../../components/form-kit/index.ts';
import { stageLabel } from './inspection-picker.tsx';
import { KindTag, LedgerStatusTag } from './shared.tsx';

type Item = TRecheckViewOut['items'][number];

/** The stages the server accepts rechecks in (rectification.rechecks.ts): the team checks while on site or reporting. */
const RECHECK_STAGES = ['onSite', 'reporting'];

const RECT_LABELS = { rectified: '已整改', ongoing: '整改中', undone: '未完成' } as const;
const RECT_COLOURS = { rectified: 'success', ongoing: 'processing', undone: 'default' } as const;
const RESULT_COLOURS: Record<TRecheckResult, string> = { adequate: 'success', inadequate: 'error' };

interface RecheckValues {
  checkedOn?: Dayjs | null;
  items?: { result?: TRecheckResult; facts?: string }[];
}

/** One finding's recheck; the form's names mirror the body (items.0.result) so the schema's messages land on the fields. */
function RecheckModal({
  inspectionId,
  item,
  onClose,
}: {
  inspectionId: string;
  item: Item | null;
  onClose: () => void;
}) {
  const kit = useSchemaForm({
    schema: ZRecheckSubmit,
    toBody: (v: RecheckValues) => ({
      checkedOn: iso(v.checkedOn),
      items: [{ findingId: item?.finding.id, result: v.items?.[0]?.result, facts: v.items?.[0]?.facts?.trim() ?? '' }],
    }),
    mutationFn: (body) => submitRecheck(inspectionId, body),
    success: (_, body) =>
      body.items[0]?.result === 'inadequate' ? '已登记核查结果，整改不到位的问题已转为本轮巡察问题' : '已登记核查结果',
    invalidate: [rk.all],
    onSuccess: onClose,
    open: !!item,
    openKey: item?.finding.id,
    initial: () => ({ items: [{ result: 'adequate' as const, facts: '' }] }),
  });
  const result = Form.useWatch(['items', 0, 'result'], kit.form) as TRecheckResult | undefined;
  return (
    <FormModal<RecheckValues>
      kit={kit}
      title="核查整改情况"
      open={!!item}
      onClose={onClose}
      width={680}
      name="recheck"
      okText="登记核查结果"
      intro={
        item && (
          <div style={{ marginBottom: 16 }}>
            <Typography.Text strong>{item.finding.title}</Typography.Text>
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }} style={{ marginBottom: 0 }}>
              {item.finding.facts}
            </Typography.Paragraph>
          </div>
        )
      }
    >
      <Field name={['items', 0, 'result']} label="核查结论" required>
        <Radio.Group
          options={RECHECK_RESULTS.map((r) => ({ value: r, label: `整改${RECHECK_RESULT_LABELS[r]}` }))}
          optionType="button"
        />
      </Field>
      <Field
        name={['items', 0, 'facts']}
        label="核查情况"
        required
        extra={result === 'inadequate' ? '整改不到位须写明核查发现的事实（至少10个字）' : undefined}
      >
        <Input.TextArea rows={5} maxLength={20_000} showCount />
      </Field>
      <Field name="checkedOn" label="核查日期" extra="不填为今天">
        <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
      </Field>
      {result === 'inadequate' && (
        <Alert
          type="warning"
          showIcon
          title="登记后，该问题将作为“上轮巡察反馈问题整改不到位”转为本轮巡察发现的问题，核查结果不能修改"
        />
      )}
    </FormModal>
  );
}

function TasksOf({ item }: { item: Item }) {
  if (!item.tasks.length) return <Typography.Text type="secondary">上轮巡察未对该问题制定整改任务</Typography.Text>;
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={item.tasks}
      columns={[
        { title: '类型', key: 'kind', width: 96, render: (_, t) => <KindTag kind={t.kind} /> },
        { title: '整改措施', dataIndex: 'measures', ellipsis: true },
        { title: '整改时限', dataIndex: 'deadline', width: 110 },
        {
          title: '完成情况',
          key: 's',
          width: 160,
          render: (_, t) => (
            <>
              <LedgerStatusTag status={t.ledgerStatus} />
              {t.writtenOffOn && <Typography.Text type="secondary">{t.writtenOffOn}</Typography.Text>}
            </>
          ),
        },
      ]}
    />
  );
}

/**
 * 回头看: the earlier inspection's findings with their tasks and how far they were rectified, and
 * the team's recheck of each (到位 / 不到位 with the facts); a 不到位 becomes a finding of this
 * inspection. Rechecks are recorded while the team is on site or reporting; later they are read only.
 */
export function RecheckTab({ inspectionId, stage }: { inspectionId: string; stage: string }) {
  const perms = usePermissions();
  const q = useQuery({ queryKey: rkRules.recheck(inspectionId), queryFn: () => getRecheck(inspectionId) });
  const [checking, setChecking] = useState<Item | null>(null);
  const open = RECHECK_STAGES.includes(stage);
  const canWrite = perms.has('recheck:write') && open;
  // 409: this inspection is no look-back; that is an answer, not a failure.
  if (isApiError(q.error, ErrorCode.Conflict)) return <Empty description={q.error.message} />;
  const items = q.data?.items ?? [];
  const done = items.filter((i) => i.recheck);
  const inadequate = done.filter((i) => i.recheck?.result === 'inadequate').length;
  return (
    <div>
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
          <Typography.Text>
            核查上轮巡察“{q.data.lookBackOfLabel}”反馈问题的整改情况：共 {items.length} 个问题，已核查 {done.length}{' '}
            个，其中整改不到位 {inadequate} 个
          </Typography.Text>
          {perms.has('recheck:write') && !open && (
            <Alert
              type="info"
              showIcon
              title={`“回头看”核查应在进驻巡察或报告阶段登记，本次巡察已处于${stageLabel(stage)}阶段，核查结果仅供查看`}
            />
          )}
        </Space>
      )}
      <Table<Item>
        size="middle"
        rowKey={(i) => i.finding.id}
        loading={q.isFetching}
        dataSource={items}
        pagination={false}
        expandable={{ expandedRowRender: (i) => <TasksOf item={i} /> }}
        locale={{ emptyText: q.isPending ? ' ' : <Empty description="上轮巡察没有反馈问题" /> }}
        columns={[
          {
            title: '上轮反馈问题',
            key: 'f',
            render: (_, i) => (
              <>
                {i.finding.title}
                <div>
                  <Typography.Text type="secondary">{i.finding.orgName}</Typography.Text>
                </div>
              </>
            ),
          },
          {
            title: '上轮整改',
            key: 'r',
            width: 150,
            render: (_, i) => (
              <Space size={4}>
                <Tag color={RECT_COLOURS[i.rectification]}>{RECT_LABELS[i.rectification]}</Tag>
                <Typography.Text type="secondary">{i.tasks.length}项任务</Typography.Text>
              </Space>
            ),
          },
          {
            title: '核查结论',
            key: 'c',
            width: 320,
            render: (_, i) =>
              i.recheck ? (
                <>
                  <Space size={4}>
                    <Tag color={RESULT_COLOURS[i.recheck.result]}>整改{RECHECK_RESULT_LABELS[i.recheck.result]}</Tag>
                    <Typography.Text type="secondary">{i.recheck.checkedOn}</Typography.Text>
                    {i.recheck.newFindingId && <Tag color="orange">已转为本轮问题</Tag>}
                  </Space>
                  <Typography.Paragraph ellipsis={{ rows: 2, tooltip: i.recheck.facts }} style={{ margin: '4px 0 0' }}>
                    {i.recheck.facts}
                  </Typography.Paragraph>
                </>
              ) : canWrite ? (
                <Button size="small" onClick={() => setChecking(i)}>
                  核查
                </Button>
              ) : (
                <Typography.Text type="secondary">未核查</Typography.Text>
              ),
          },
        ]}
      />
      {canWrite && <RecheckModal inspectionId={inspectionId} item={checking} onClose={() => setChecking(null)} />}
    </div>
  );
}
