import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { ZDemocraticLifeMeetingCreate } from '@xc/domain';
import { Button, Card, Col, DatePicker, Empty, Input, InputNumber, Row, Select, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { createLifeMeeting, listLifeMeetings, rk, type TMeetingOut } from '../../api/rectification.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { afterToday, Field, FormModal, iso, optional, useSchemaForm } from '../../components/form-kit/index.ts';
import { useRectRoles } from './shared.tsx';

interface MeetingValues {
  heldOn?: Dayjs | null;
  attendees?: string[];
  criticismItems?: number | null;
  supervisors?: string[];
  notes?: string;
}

const tags = { mode: 'tags' as const, open: false, tokenSeparators: [',', '，', '、'] };

function CreateModal({
  inspectionId,
  orgId,
  open,
  onClose,
}: {
  inspectionId: string;
  orgId?: string;
  open: boolean;
  onClose: () => void;
}) {
  const kit = useSchemaForm({
    schema: ZDemocraticLifeMeetingCreate,
    toBody: (v: MeetingValues) => ({
      ...(orgId ? { orgId } : {}),
      heldOn: iso(v.heldOn) ?? '',
      attendees: v.attendees ?? [],
      criticismItems: v.criticismItems ?? undefined,
      supervisors: v.supervisors ?? [],
      notes: optional(v.notes),
    }),
    mutationFn: (body) => createLifeMeeting(inspectionId, body),
    success: '已登记专题民主生活会',
    invalidate: [rk.all],
    onSuccess: onClose,
    open,
  });
  return (
    <FormModal kit={kit} title="登记专题民主生活会" open={open} onClose={onClose} width={720} name="lifeMeeting">
      <Row gutter={16}>
        <Col span={12}>
          <Field name="heldOn" label="召开日期" required>
            <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
          </Field>
        </Col>
        <Col span={12}>
          <Field name="criticismItems" label="批评意见（条）" required>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Field>
        </Col>
      </Row>
      <Field name="attendees" label="参会人员" required extra="输入姓名后回车，或用顿号、逗号分隔粘贴">
        <Select {...tags} placeholder="参会人员" />
      </Field>
      <Field name="supervisors" label="督导人员" extra="到会督导的纪委监委、组织部同志">
        <Select {...tags} placeholder="督导人员" />
      </Field>
      <Field name="notes" label="会议情况">
        <Input.TextArea rows={3} maxLength={5000} showCount />
      </Field>
    </FormModal>
  );
}

/** 专题民主生活会 held on the inspection's findings: when, who attended and supervised, criticism raised. */
export function LifeMeetings({ inspectionId, orgId }: { inspectionId: string; orgId?: string }) {
  const roles = useRectRoles();
  const q = useQuery({ queryKey: rk.lifeMeetings(inspectionId), queryFn: () => listLifeMeetings(inspectionId) });
  const [adding, setAdding] = useState(false);
  const rows = (q.data?.items ?? []).filter((m) => !orgId || m.orgId === orgId);
  return (
    <Card
      size="small"
      title="专题民主生活会"
      style={{ marginTop: 16 }}
      extra={
        roles.write && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            登记
          </Button>
        )
      }
    >
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      <Table<TMeetingOut>
        size="small"
        rowKey="id"
        pagination={false}
        loading={q.isFetching}
        dataSource={rows}
        locale={{
          emptyText: q.isPending ? (
            ' '
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无专题民主生活会记录" />
          ),
        }}
        columns={[
          { title: '召开日期', dataIndex: 'heldOn', width: 110 },
          {
            title: '参会人员',
            key: 'a',
            ellipsis: true,
            render: (_, m) => `${m.attendees.join('、')}（${m.attendees.length}人）`,
          },
          {
            title: '批评意见',
            dataIndex: 'criticismItems',
            width: 90,
            align: 'right',
            render: (n: number) => `${n} 条`,
          },
          { title: '督导', key: 's', width: 200, ellipsis: true, render: (_, m) => m.supervisors.join('、') || '—' },
          { title: '会议情况', dataIndex: 'notes', ellipsis: true, render: (n: string | null) => n ?? '' },
        ]}
      />
      {roles.write && (
        <CreateModal inspectionId={inspectionId} orgId={orgId} open={adding} onClose={() => setAdding(false)} />
      )}
    </Card>
  );
}
