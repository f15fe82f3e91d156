import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { PHRASE_KIND_LABELS, type TPhraseKind } from '@xc/domain';
import { Button, Checkbox, Empty, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { fwk, listPhrases, type TPhraseOut } from '../../api/fieldwork.ts';
import { CursorPager, useCursorPages } from '../../components/cursor-pager.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useDebounced } from '../../components/use-debounced.ts';

/**
 * 问题语言库 / 建议语言库: the sentences the office keeps, picked into a finding or the report and
 * then edited. `taxonomyNodeId` narrows to one class of problem, which the user may lift.
 */
export function PhrasePickerModal({
  open,
  kind,
  authorityId,
  taxonomyNodeId,
  onClose,
  onPick,
  actions,
}: {
  open: boolean;
  kind: TPhraseKind;
  authorityId?: string;
  taxonomyNodeId?: string | null;
  onClose: () => void;
  /** Called with the chosen sentence and which action was clicked. */
  onPick: (text: string, action: string) => void;
  /** The buttons on each row, e.g. 用作标题 / 插入事实; one 选用 by default. */
  actions?: { key: string; label: string }[];
}) {
  const [text, setText] = useState('');
  const [byNode, setByNode] = useState(true);
  const q = useDebounced(text.trim(), 300);
  const node = byNode && taxonomyNodeId ? taxonomyNodeId : undefined;
  const pages = useCursorPages(`${kind}|${q}|${node ?? ''}|${authorityId ?? ''}`);
  const query = { kind, authorityId, taxonomyNodeId: node, q: q || undefined, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: fwk.phrases(query),
    queryFn: ({ signal }) => listPhrases(query, signal),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const buttons = actions ?? [{ key: 'pick', label: '选用' }];
  return (
    <Modal
      title={`从${PHRASE_KIND_LABELS[kind]}选用`}
      open={open}
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      width={820}
      destroyOnHidden
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder="关键词"
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={50}
          style={{ width: 280 }}
          aria-label="搜索语句"
        />
        {taxonomyNodeId && (
          <Checkbox checked={byNode} onChange={(e) => setByNode(e.target.checked)}>
            只看本类问题的语句
          </Checkbox>
        )}
      </Space>
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <Table<TPhraseOut>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ y: 400 }}
        locale={{ emptyText: list.isPending ? ' ' : <Empty description="没有可选的语句" /> }}
        columns={[
          {
            title: '语句',
            dataIndex: 'text',
            render: (v: string) => <Typography.Paragraph style={{ margin: 0 }}>{v}</Typography.Paragraph>,
          },
          {
            title: '',
            key: 'pick',
            width: buttons.length > 1 ? 190 : 90,
            render: (_v, p) => (
              <Space size={4}>
                {buttons.map((b) => (
                  <Button key={b.key} size="small" type="primary" ghost onClick={() => onPick(p.text, b.key)}>
                    {b.label}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <CursorPager
        pages={pages}
        total={list.data?.total}
        nextCursor={list.data?.nextCursor}
        loading={list.isFetching}
      />
    </Modal>
  );
}
