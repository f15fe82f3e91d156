import { useQuery } from '@tanstack/react-query';
import { chineseDate, ZAuditPurge } from '@xc/domain';
import { Alert, DatePicker, Skeleton } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { auditPurgeInfo, purgeAudit, type TAuditPurgeResult } from '../../api/audit.ts';
import { qk } from '../../api/keys.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { day, Field, FormModal, iso, useSchemaForm } from '../../components/form-kit/index.ts';

interface PurgeValues {
  before?: Dayjs | null;
}

/**
 * 清理过期审计日志 (安全审计员): every row before the chosen day, which the date picker keeps out of the
 * retention period (the server checks it again, and the database once more by its own clock).
 */
export function AuditPurgeModal({
  open,
  onClose,
  onPurged,
}: {
  open: boolean;
  onClose: () => void;
  onPurged: (r: TAuditPurgeResult & { before: string }) => void;
}) {
  const info = useQuery({ queryKey: qk.auditPurge, queryFn: auditPurgeInfo, enabled: open });
  const latest = info.data?.latestBefore;
  // The chosen day, for the confirmation's wording; the form starts at the latest day allowed.
  const [picked, setPicked] = useState<string | undefined>();
  useEffect(() => {
    if (open) setPicked(undefined);
  }, [open]);
  const before = picked ?? latest ?? '';

  const kit = useSchemaForm({
    schema: ZAuditPurge,
    toBody: (v: PurgeValues) => ({ before: iso(v.before) ?? '' }),
    mutationFn: purgeAudit,
    success: (r) =>
      r.purgedRows ? `已清理 ${r.purgedRows} 条过期审计日志` : '没有早于该日期的审计日志，未清理任何记录',
    invalidate: [['audit']],
    onSuccess: (r, body) => {
      onPurged({ ...r, before: body.before });
      onClose();
    },
    open,
    openKey: latest ?? 'loading',
    initial: () => (latest ? { before: day(latest) } : undefined),
    confirm: {
      title: '确认清理过期审计日志',
      content: `${chineseDate(before)}之前的审计日志将从数据库中永久删除，无法撤销，也无法从本系统恢复（只能从清理前的备份中找回）。哈希链仍可校验：系统记下最后一条被清理日志的序号和哈希值，剩余日志从这条清理记录起接续校验；本次清理本身也记入审计日志。`,
      okText: '确认清理',
    },
  });

  const last = info.data?.lastPurge;
  return (
    <FormModal
      kit={kit}
      title="清理过期审计日志"
      open={open}
      onClose={onClose}
      name="auditPurge"
      okText="清理"
      danger
      blocked={!info.data}
      formProps={{ onValuesChange: (_changed, all: PurgeValues) => setPicked(iso(all.before)) }}
      intro={
        <>
          {info.isPending && open && <Skeleton active paragraph={{ rows: 2 }} />}
          {info.isError && <ErrorAlert title="无法读取审计日志保存期限" error={info.error} />}
          {info.data && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={`审计日志须保存 ${info.data.retentionDays} 天，只能清理 ${chineseDate(info.data.latestBefore)}之前的日志`}
              description={
                <>
                  清理删除所选日期之前的全部日志，不可撤销。被清理的最后一条日志的序号和哈希值单独留存，剩余日志仍能逐条校验；清理操作记入审计日志。
                  {last
                    ? ` 上次清理：${dayjs(last.at).format('YYYY-MM-DD HH:mm')}，${last.actorName ?? '—'}清理了 ${last.purgedRows} 条（至第 ${last.throughSeq} 条）。`
                    : ' 此前未清理过。'}
                </>
              }
            />
          )}
        </>
      }
    >
      <Field name="before" label="清理此日期之前的日志" required extra="所选日期当天（北京时间零时）及以后的日志保留">
        <DatePicker
          style={{ width: '100%' }}
          placeholder="选择日期"
          disabledDate={(d) => !latest || d.isAfter(dayjs(latest), 'day')}
        />
      </Field>
    </FormModal>
  );
}
