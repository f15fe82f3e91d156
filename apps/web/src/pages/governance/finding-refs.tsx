import { Empty, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { type TFindingRef, useFindingRefs } from '../../api/governance.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

const columns = [
  {
    title: '问题',
    dataIndex: 'title',
    ellipsis: true,
    render: (t: string, f: TFindingRef) => (
      <>
        {f.common && (
          <Tag color="purple" style={{ marginRight: 4 }}>
            共性
          </Tag>
        )}
        {t}
      </>
    ),
  },
  { title: '被巡察单位', dataIndex: 'orgName', width: 180, ellipsis: true },
  {
    title: '巡察',
    dataIndex: 'inspectionName',
    width: 200,
    ellipsis: true,
    render: (n: string, f: TFindingRef) => <Link to={`/fieldwork/inspections/${f.inspectionId}`}>{n}</Link>,
  },
  {
    title: '整改',
    dataIndex: 'rectified',
    width: 80,
    render: (r: boolean) => (r ? <Tag color="green">已整改</Tag> : <Tag color="gold">整改中</Tag>),
  },
];

/**
 * The findings of a common problem or a candidate, named by GET /api/governance/findings. With
 * `value`/`onChange` it is the confirm drawer's checklist (a form control); without, a plain list.
 */
export function FindingRefs({
  ids,
  value,
  onChange,
  id,
}: {
  ids: readonly string[];
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
}) {
  const refs = useFindingRefs(ids);
  const rows = refs.data?.items ?? [];
  const hidden = refs.data ? ids.length - rows.length : 0;
  return (
    <div id={id}>
      {refs.error && <ErrorAlert error={refs.error} onRetry={() => void refs.refetch()} />}
      <Table<TFindingRef>
        rowKey="id"
        size="small"
        pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        loading={refs.isFetching}
        dataSource={rows}
        columns={columns}
        rowSelection={
          onChange
            ? {
                selectedRowKeys: value ?? [],
                onChange: (keys) => onChange(keys.map(String)),
                columnTitle: '选择',
              }
            : undefined
        }
        locale={{ emptyText: refs.isPending && ids.length ? ' ' : <Empty description="暂无问题" /> }}
      />
      {hidden > 0 && (
        <Typography.Text type="secondary">另有 {hidden} 个问题不在您的查看范围内，未列出。</Typography.Text>
      )}
    </div>
  );
}
