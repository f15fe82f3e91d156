import { ZArchiveBorrow } from '@xc/domain';
import { DatePicker, Input, List, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { gak, requestBorrow, type TArchiveItemOut, useGovernanceSettings } from '../../api/governance-archive.ts';
import { useMe, usePermissions } from '../../api/hooks.ts';
import { Field, FormDrawer, iso, useSchemaForm } from '../../components/form-kit/index.ts';

interface BorrowValues {
  reason?: string;
  until?: Dayjs | null;
}

/**
 * 申请借阅 of the archive items chosen in the table: the reason and the date they come back. The
 * office approves it; until then (and after the date) the files stay closed to the borrower.
 */
export function ArchiveBorrowDrawer({
  items,
  open,
  onClose,
  onDone,
}: {
  items: TArchiveItemOut[];
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const perms = usePermissions();
  const me = useMe();
  // The longest borrowing is the authority's setting; a borrower who may not read settings sees no limit here.
  const settings = useGovernanceSettings(
    perms.has('governance:read') ? (me.data?.user.authorityId ?? undefined) : undefined,
  );
  const maxDays = settings.data?.settings.borrowMaxDays;
  const kit = useSchemaForm({
    schema: ZArchiveBorrow,
    toBody: (v: BorrowValues) => ({
      itemIds: items.map((i) => i.id),
      reason: v.reason ?? '',
      until: iso(v.until) ?? '',
    }),
    mutationFn: requestBorrow,
    success: '借阅申请已提交，待巡察办领导审批',
    invalidate: [gak.all],
    onSuccess: onDone,
    open,
    openKey: items.map((i) => i.id).join(','),
    initial: () => ({ until: dayjs().add(7, 'day') }),
  });
  return (
    <FormDrawer
      kit={kit}
      title={`申请借阅（${items.length}件）`}
      open={open}
      onClose={onClose}
      name="archiveBorrow"
      okText="提交申请"
      size={560}
      blocked={items.length === 0}
      intro={
        <List
          size="small"
          bordered
          style={{ marginBottom: 16, maxHeight: 240, overflow: 'auto' }}
          dataSource={items}
          renderItem={(i) => (
            <List.Item>
              <Typography.Text code>{i.catalogueNumber}</Typography.Text> {i.title}
            </List.Item>
          )}
        />
      }
    >
      <Field name="reason" label="借阅事由" required>
        <Input.TextArea
          rows={4}
          maxLength={500}
          showCount
          placeholder="如：开展巡察“回头看”，需查阅上轮巡察报告及整改材料"
        />
      </Field>
      <Field
        name="until"
        label="归还日期"
        required
        extra={maxDays ? `借阅期限最长${maxDays}天，逾期后不能再查看借阅的档案` : '逾期后不能再查看借阅的档案'}
      >
        <DatePicker
          style={{ width: 200 }}
          disabledDate={(d) =>
            d.isBefore(dayjs(), 'day') || (maxDays !== undefined && d.isAfter(dayjs().add(maxDays, 'day'), 'day'))
          }
        />
      </Field>
    </FormDrawer>
  );
}
