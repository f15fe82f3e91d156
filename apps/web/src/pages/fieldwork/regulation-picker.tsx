import { BookOutlined, CloseOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { MAX_REGULATIONS_PER_PAPER } from '@xc/domain';
import { Button, Empty, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { fwk, listRegulations, type TRegulationOut } from '../../api/fieldwork.ts';
import { CursorPager, useCursorPages } from '../../components/cursor-pager.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useDebounced } from '../../components/use-debounced.ts';

/** What a page knows of a chosen 定性依据: the text only when it was picked here, the title and article always. */
export interface TRegulationShown {
  id: string;
  title: string;
  article: string;
  text?: string;
}

/**
 * The regulations library, searched by regulation, article or words of the text (关键词 such as
 * 八项规定, 选人用人, 公款吃喝); each row shows the article's text so the team cites the right one.
 */
export function RegulationPickerModal({
  open,
  chosen,
  onClose,
  onPick,
}: {
  open: boolean;
  chosen: readonly string[];
  onClose: () => void;
  onPick: (r: TRegulationShown) => void;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const pages = useCursorPages(q, 20);
  const query = { q: q || undefined, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: fwk.regulations(query),
    queryFn: ({ signal }) => listRegulations(query, signal),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const full = chosen.length >= MAX_REGULATIONS_PER_PAPER;
  return (
    <Modal
      title="选择定性依据"
      open={open}
      onCancel={onClose}
      footer={<Button onClick={onClose}>完成</Button>}
      width={900}
      destroyOnHidden
    >
      <Input.Search
        placeholder="法规名称、条款或条文关键词，如：八项规定、选人用人、第一百一十三条"
        allowClear
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={50}
        style={{ marginBottom: 12 }}
        aria-label="搜索定性依据"
      />
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <Table<TRegulationOut>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ y: 420 }}
        locale={{
          emptyText: list.isPending ? ' ' : <Empty description={q ? '没有找到相关条款' : '定性依据库为空'} />,
        }}
        columns={[
          {
            title: '法规与条款',
            key: 'title',
            width: 260,
            render: (_v, r) => (
              <div>
                <div>{r.title}</div>
                <Typography.Text strong>{r.article}</Typography.Text>
              </div>
            ),
          },
          {
            title: '条文内容',
            dataIndex: 'text',
            render: (v: string) => <div style={{ whiteSpace: 'pre-wrap', fontSize: 13 }}>{v}</div>,
          },
          {
            title: '',
            key: 'pick',
            width: 90,
            render: (_v, r) =>
              chosen.includes(r.id) ? (
                <Typography.Text type="success">已选择</Typography.Text>
              ) : (
                <Button
                  size="small"
                  type="primary"
                  disabled={full}
                  onClick={() => onPick({ id: r.id, title: r.title, article: r.article, text: r.text })}
                >
                  选用
                </Button>
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
      {full && <Typography.Text type="warning">一份底稿最多引用{MAX_REGULATIONS_PER_PAPER}条定性依据</Typography.Text>}
    </Modal>
  );
}

/**
 * The 定性依据 of a paper or a finding as a form control: its value is the regulation ids; `known`
 * says how to show each (from the record, and from what was picked).
 */
export function RegulationField({
  value,
  onChange,
  known,
  onKnown,
  disabled,
  id,
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  known: ReadonlyMap<string, TRegulationShown>;
  onKnown: (r: TRegulationShown) => void;
  disabled?: boolean;
  id?: string;
}) {
  const [picking, setPicking] = useState(false);
  const ids = value ?? [];
  return (
    <div id={id}>
      {ids.length === 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          尚未选择定性依据
        </Typography.Paragraph>
      )}
      {ids.map((rid) => {
        const r = known.get(rid);
        return (
          <div key={rid} className="xc-fw-regulation">
            <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
              <div>
                <Typography.Text strong>{r ? `${r.title}${r.article}` : '定性依据'}</Typography.Text>
                {r?.text && <div style={{ fontSize: 13, whiteSpace: 'pre-wrap' }}>{r.text}</div>}
              </div>
              {!disabled && (
                <Button
                  size="small"
                  type="text"
                  icon={<CloseOutlined />}
                  aria-label={`移除${r?.article ?? '定性依据'}`}
                  onClick={() => onChange?.(ids.filter((x) => x !== rid))}
                />
              )}
            </Space>
          </div>
        );
      })}
      {!disabled && (
        <Button icon={<BookOutlined />} onClick={() => setPicking(true)} style={{ marginTop: 4 }}>
          从定性依据库选择
        </Button>
      )}
      <RegulationPickerModal
        open={picking}
        chosen={ids}
        onClose={() => setPicking(false)}
        onPick={(r) => {
          onKnown(r);
          onChange?.([...ids, r.id]);
        }}
      />
    </div>
  );
}
