import { useQueryClient } from '@tanstack/react-query';
import { type TOrgDetail, ZOrgAbolish, ZOrgDetail, ZOrgMerge } from '@xc/domain';
import { Alert, DatePicker, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { qk } from '../../api/keys.ts';
import { abolishOrg, mergeOrg } from '../../api/orgs.ts';
import { Field, FormModal, iso, optional, type SchemaFormKit, useSchemaForm } from '../../components/form-kit/index.ts';
import { OrgSelect } from '../../components/org-select.tsx';

/** An end date may not be in the future nor before the organization was established. */
function disabledEndDate(org: TOrgDetail) {
  return (d: Dayjs) =>
    d.isAfter(dayjs(), 'day') || (org.establishedOn ? d.isBefore(dayjs(org.establishedOn), 'day') : false);
}

/**
 * Merging and abolishing save alike: the detail takes the answer, and a 409 offers the current
 * record and closes the modal, since its warning was written for the record the user saw.
 */
function useLifecycleSave(org: TOrgDetail, onClose: () => void) {
  const queryClient = useQueryClient();
  return {
    invalidate: [qk.orgs],
    onSuccess: (saved: TOrgDetail) => {
      queryClient.setQueryData(qk.org(saved.id), saved);
      onClose();
    },
    conflict: {
      schema: ZOrgDetail,
      reload: (current: TOrgDetail | null) => {
        if (current) queryClient.setQueryData(qk.org(current.id), current);
        else void queryClient.invalidateQueries({ queryKey: qk.org(org.id) });
        onClose();
        return undefined;
      },
    },
  };
}

/**
 * The two dialogs' frame: a dangerous FormModal opening with what the change does and that it is
 * final, point by point (a point that does not apply is left out).
 */
function LifecycleModal<V>({
  alert,
  children,
  ...modal
}: {
  kit: SchemaFormKit<V>;
  title: string;
  open: boolean;
  onClose: () => void;
  blocked?: boolean;
  alert: { type: 'warning' | 'error'; title: string; points: ReactNode[] };
  children: ReactNode;
}) {
  return (
    <FormModal
      {...modal}
      okText="确定"
      danger
      lazy
      width={560}
      intro={
        <Alert
          type={alert.type}
          showIcon
          title={alert.title}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {alert.points.filter(Boolean).map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the points are fixed for the dialog
                <li key={i}>{p}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
        />
      }
    >
      {children}
    </FormModal>
  );
}

interface MergeValues {
  intoId?: string;
  date?: Dayjs | null;
  reason?: string;
}

export function MergeOrgModal({ org, open, onClose }: { org: TOrgDetail; open: boolean; onClose: () => void }) {
  const [intoName, setIntoName] = useState<string | null>(null);
  const kit = useSchemaForm({
    schema: ZOrgMerge,
    toBody: (v: MergeValues) => ({
      version: org.version,
      intoId: v.intoId ?? '',
      date: iso(v.date) ?? '',
      reason: optional(v.reason),
    }),
    mutationFn: (body) => mergeOrg(org.id, body),
    success: `「${org.name}」已合并`,
    ...useLifecycleSave(org, onClose),
    open,
    initial: (): MergeValues => {
      setIntoName(null);
      return { date: dayjs() };
    },
  });

  const target = intoName ? `「${intoName}」` : '目标单位';
  return (
    <LifecycleModal
      kit={kit}
      title={`合并单位：${org.name}`}
      open={open}
      onClose={onClose}
      alert={{
        type: 'warning',
        title: '合并后不可撤回',
        points: [
          `合并后，「${org.name}」状态变为“已合并”，不再计入后续巡察对象（已有的巡察记录保留）。`,
          org.childCount > 0 && `其下级单位（${org.childCount}个）将划归${target}管辖。`,
          '合并关系记入两个单位的变更历史。',
        ],
      }}
    >
      <Field name="intoId" label="合并到" required>
        <OrgSelect
          authorityId={org.authorityId}
          excludeIds={[org.id]}
          placeholder="输入单位名称搜索（同一巡察机构内）"
          onChange={(_, o) => setIntoName(o?.name ?? null)}
        />
      </Field>
      <Field name="date" label="合并日期" required>
        <DatePicker style={{ width: '100%' }} disabledDate={disabledEndDate(org)} />
      </Field>
      <Field name="reason" label="合并依据">
        <Input.TextArea rows={3} placeholder="如：机构改革文件名称及文号" maxLength={200} showCount />
      </Field>
    </LifecycleModal>
  );
}

interface AbolishValues {
  date?: Dayjs | null;
  reason?: string;
}

export function AbolishOrgModal({ org, open, onClose }: { org: TOrgDetail; open: boolean; onClose: () => void }) {
  const kit = useSchemaForm({
    schema: ZOrgAbolish,
    toBody: (v: AbolishValues) => ({ version: org.version, date: iso(v.date) ?? '', reason: v.reason ?? '' }),
    mutationFn: (body) => abolishOrg(org.id, body),
    success: `「${org.name}」已撤销`,
    ...useLifecycleSave(org, onClose),
    open,
    initial: (): AbolishValues => ({ date: dayjs() }),
  });

  return (
    <LifecycleModal
      kit={kit}
      title={`撤销单位：${org.name}`}
      open={open}
      onClose={onClose}
      blocked={org.childCount > 0}
      alert={{
        type: 'error',
        title: '撤销后不可恢复',
        points: [
          `撤销后，「${org.name}」状态变为“已撤销”，不再计入后续巡察对象（已有的巡察记录保留）。`,
          org.childCount > 0 &&
            `该单位还有 ${org.childCount} 个存续的下级单位，须先将其合并、撤销或调整到其他上级单位，才能撤销本单位。`,
          '撤销日期和依据记入变更历史。',
        ],
      }}
    >
      <Field name="date" label="撤销日期" required>
        <DatePicker style={{ width: '100%' }} disabledDate={disabledEndDate(org)} />
      </Field>
      <Field name="reason" label="撤销依据" required>
        <Input.TextArea rows={3} placeholder="如：机构改革文件名称及文号" maxLength={200} showCount />
      </Field>
    </LifecycleModal>
  );
}
