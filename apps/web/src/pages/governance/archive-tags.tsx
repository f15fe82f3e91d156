import {
  ARCHIVE_CLASS_LABELS,
  BORROW_STATUS_LABELS,
  RETENTION_LABELS,
  type TArchiveClass,
  type TBorrowStatus,
  type TRetention,
} from '@xc/domain';
import { Tag } from 'antd';

const CLASS_COLOURS: Record<TArchiveClass, string> = { document: 'blue', business: 'purple' };
export function ArchiveClassTag({ archiveClass }: { archiveClass: TArchiveClass }) {
  return <Tag color={CLASS_COLOURS[archiveClass]}>{ARCHIVE_CLASS_LABELS[archiveClass]}</Tag>;
}

/** 永久 stands out; the fixed terms are plainer the shorter they are. */
const RETENTION_COLOURS: Record<TRetention, string> = { permanent: 'red', years30: 'gold', years10: 'default' };
export function RetentionTag({ retention }: { retention: TRetention }) {
  return <Tag color={RETENTION_COLOURS[retention]}>{RETENTION_LABELS[retention]}</Tag>;
}

const BORROW_COLOURS: Record<TBorrowStatus, string> = {
  requested: 'processing',
  approved: 'success',
  rejected: 'error',
  returned: 'default',
};
export function BorrowStatusTag({ status, overdue }: { status: TBorrowStatus; overdue?: boolean }) {
  return (
    <>
      <Tag color={BORROW_COLOURS[status]}>{BORROW_STATUS_LABELS[status]}</Tag>
      {overdue && <Tag color="red">逾期未还</Tag>}
    </>
  );
}
