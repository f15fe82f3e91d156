import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { EXTENSION_STATUS_LABELS, EXTENSION_STATUSES, type TExtensionStatus, ZExtensionReject } from '@xc/domain';
import { Button, Card, Input, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { approveExtension, listExtensions, rejectExtension, rk, type TExtensionItem } from '../../api/rectification.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { useCursorPages } from '../../components/cursor-pager.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { Field, FormModal, useAction, useSchemaForm } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useUrlParams } from '../../components/url-filters.ts';
import { useRectRoles } from './shared.tsx';
import { TaskDrawer } from './task-drawer.tsx';

function RejectModal({ item, onClose }: { item: TExtensionItem | null; onClose: () => void }) {
  const kit = useSchemaForm({
    schema: ZExtensionReject,
    toBody: (v: { reason?: string }) => ({ reason: v.reason ?? '' }),
    mutationFn: (body) => rejectExtension(item?.id ?? '', body),
    success: '已不予延期',
    invalidate: [rk.all],
    onSuccess: onClose,
    open: !!item,
    openKey: item?.id,
  });
  return (
    <FormModal
      kit={kit}
      title="不予延期"
      open={!!item}
      onClose={onClose}
      okText="不予批准"
      danger
      name="extensionReject"
      intro={
        item && (
          <Typography.Paragraph type="secondary">
            {item.orgName}：{item.measures}（申请由 {item.oldDeadline} 延至 {item.newDeadline}）
          </Typography.Paragraph>
        )
      }
    >
      <Field name="reason" label="不予批准的理由" required>
        <Input.TextArea rows={4} maxLength={1000} showCount />
      </Field>
    </FormModal>
  );
}

/** 我的审批: extensions the organizations asked for, approved or refused by an office leader. */
export default function ApprovalsPage() {
  usePageMeta([]);
  const roles = useRectRoles();
  const { params, set } = useUrlParams({ replace: true });
  const status = (EXTENSION_STATUSES as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as TExtensionStatus)
    : 'pending';
  const pages = useCursorPages(status);
  const q = { status, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: rk.extensions(q),
    queryFn: ({ signal }) => listExtensions(q, signal),
    placeholderData: keepPreviousData,
  });
  const [rejecting, setRejecting] = useState<TExtensionItem | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const approve = useAction((id: string) => approveExtension(id, {}), {
    success: '已批准延期，整改时限已更新',
    invalidate: [rk.all],
  });
  return (
    <div>
      <PageHeader
        title="我的审批"
        sub="延期整改申请：被巡察党组织确需延期的，由巡察办领导审批；原则上每项任务只能延期一次"
      />
      <Card>
        <Tabs
          activeKey={status}
          onChange={(s) => set({ status: s === 'pending' ? null : s })}
          items={EXTENSION_STATUSES.map((s) => ({ key: s, label: EXTENSION_STATUS_LABELS[s] }))}
        />
        <CursorTable<TExtensionItem>
          list={list}
          pages={pages}
          width={1200}
          empty={{
            filtered: false,
            whenFiltered: '',
            whenEmpty: status === 'pending' ? '暂无待审批的延期申请' : '暂无记录',
          }}
          columns={[
            { title: '被巡察党组织', dataIndex: 'orgName', width: 180, ellipsis: true },
            {
              title: '整改任务',
              key: 'task',
              ellipsis: true,
              render: (_, x) => (
                <Typography.Link onClick={() => setTaskId(x.taskId)}>
                  {x.findingTitle}：{x.measures}
                </Typography.Link>
              ),
            },
            {
              title: '时限',
              key: 'deadline',
              width: 200,
              render: (_, x) => (
                <>
                  {x.oldDeadline} → <Typography.Text strong>{x.newDeadline}</Typography.Text>
                  {x.approvedBefore > 0 && <Tag color="warning">此前已延期{x.approvedBefore}次</Tag>}
                </>
              ),
            },
            { title: '延期理由', dataIndex: 'reason', ellipsis: true },
            {
              title: '申请',
              key: 'requested',
              width: 150,
              render: (_, x) => (
                <>
                  {x.requestedOn}
                  <br />
                  <Typography.Text type="secondary">
                    {x.requestedBy ?? ''}
                    {x.enteredByOffice ? '（巡察办代录）' : ''}
                  </Typography.Text>
                </>
              ),
            },
            status === 'pending'
              ? {
                  title: '操作',
                  key: 'actions',
                  width: 170,
                  fixed: 'right' as const,
                  render: (_, x) =>
                    roles.approve ? (
                      <Space>
                        <Popconfirm
                          title="批准延期？"
                          description={`整改时限将改为 ${x.newDeadline}，并计入延期次数。`}
                          okText="批准"
                          cancelText="取消"
                          onConfirm={() => approve.run(x.id)}
                        >
                          <Button size="small" type="primary" loading={approve.running?.[0] === x.id}>
                            批准
                          </Button>
                        </Popconfirm>
                        <Button size="small" danger onClick={() => setRejecting(x)}>
                          不予批准
                        </Button>
                      </Space>
                    ) : (
                      <Typography.Text type="secondary">待巡察办领导审批</Typography.Text>
                    ),
                }
              : {
                  title: '审批',
                  key: 'decided',
                  width: 200,
                  render: (_, x) => (
                    <>
                      {x.decidedOn} {x.decidedBy ?? ''}
                      {x.decisionNote && (
                        <div>
                          <Typography.Text type="secondary">{x.decisionNote}</Typography.Text>
                        </div>
                      )}
                    </>
                  ),
                },
          ]}
        />
      </Card>
      <RejectModal item={rejecting} onClose={() => setRejecting(null)} />
      <TaskDrawer taskId={taskId} onClose={() => setTaskId(null)} />
    </div>
  );
}
