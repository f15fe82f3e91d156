import { Empty, Space, Tag, Typography } from 'antd';

export interface TDiffLine {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** A line diff (domain diffLines): deleted lines struck through in red, inserted ones in green. */
export function DiffView({
  lines,
  fromLabel,
  toLabel,
}: {
  lines: readonly TDiffLine[];
  fromLabel: string;
  toLabel: string;
}) {
  const added = lines.filter((l) => l.op === 'insert').length;
  const removed = lines.filter((l) => l.op === 'delete').length;
  return (
    <div>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text>
          {fromLabel} → {toLabel}
        </Typography.Text>
        <Tag color="green">新增 {added} 行</Tag>
        <Tag color="red">删除 {removed} 行</Tag>
      </Space>
      {added === 0 && removed === 0 ? (
        <Empty description="两个版本的内容相同" />
      ) : (
        <section className="xc-fw-diff" aria-label="版本差异">
          {lines.map((l, i) => (
            <div
              // Lines repeat (blank lines, headings); their place in the diff is what tells them apart.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              key={i}
              className={`xc-fw-diff-line${l.op === 'insert' ? ' xc-fw-diff-insert' : l.op === 'delete' ? ' xc-fw-diff-delete' : ''}`}
            >
              {l.text}
            </div>
          ))}
        </section>
      )}
    </div>
  );
}
