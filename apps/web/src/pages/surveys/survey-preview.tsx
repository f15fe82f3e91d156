import { LockOutlined } from '@ant-design/icons';
import { QUESTION_TYPE_LABELS, type TQuestion } from '@xc/domain';
import { Button, Card, Checkbox, Descriptions, Empty, Input, Radio, Space, Tag, Typography } from 'antd';
import { GradeTag } from './question-builder.tsx';

/**
 * The questions as the public sees them on the phone (/p/s/…): one column, large touch targets, the
 * promise of confidentiality at the top. Inputs work but nothing is sent.
 */
export function SurveyPreview({
  title,
  intro,
  questions,
}: {
  title: string;
  intro: string | null | undefined;
  questions: readonly TQuestion[];
}) {
  return (
    <div
      style={{
        maxWidth: 400,
        margin: '0 auto',
        border: '1px solid #d9d9d9',
        borderRadius: 16,
        background: '#f5f5f5',
        overflow: 'hidden',
      }}
    >
      <div style={{ background: '#c8161d', color: '#fff', padding: '14px 16px' }}>
        <div style={{ fontSize: 17, fontWeight: 600, lineHeight: 1.4 }}>{title.trim() || '（未填写问卷标题）'}</div>
        <div style={{ fontSize: 12, opacity: 0.85, marginTop: 4 }}>
          <LockOutlined /> 匿名作答，内容严格保密
        </div>
      </div>
      <div style={{ padding: 12 }}>
        {intro?.trim() && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 14 }}>{intro.trim()}</Typography.Paragraph>
        )}
        {questions.length === 0 && <Empty description="尚无题目" />}
        {questions.map((q, i) => (
          <div key={q.id} style={{ background: '#fff', borderRadius: 8, padding: 12, marginBottom: 10 }}>
            <div style={{ fontSize: 15, fontWeight: 500, marginBottom: 10 }}>
              {q.required && <span style={{ color: '#ff4d4f', marginRight: 2 }}>*</span>}
              {i + 1}. {q.title.trim() || '（未填写题目）'}
              {q.type === 'multiple' && !q.title.includes('多选') && (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {' '}
                  （可多选）
                </Typography.Text>
              )}
            </div>
            {q.type === 'single' && (
              <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
                {q.options.map((o, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: options have no id
                  <Radio key={j} value={j} style={{ fontSize: 15 }}>
                    {o.label || `选项${j + 1}`}
                  </Radio>
                ))}
              </Radio.Group>
            )}
            {q.type === 'multiple' && (
              <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
                {q.options.map((o, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: options have no id
                  <Checkbox key={j} value={j} style={{ fontSize: 15 }}>
                    {o.label || `选项${j + 1}`}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            )}
            {q.type === 'scale' && (
              <div>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={Array.from({ length: q.scaleMax ?? 5 }, (_, k) => ({ value: k + 1, label: String(k + 1) }))}
                />
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', marginTop: 6 }}>
                  1 分最低，{q.scaleMax ?? 5} 分最高
                </div>
              </div>
            )}
            {q.type === 'text' && (
              <Input.TextArea rows={3} maxLength={500} placeholder={q.required ? '请填写' : '请填写（选填）'} />
            )}
          </div>
        ))}
        {questions.length > 0 && (
          <Button type="primary" block size="large" disabled>
            提交
          </Button>
        )}
      </div>
    </div>
  );
}

/** Staff view of the questions of a published survey: types, options, how the key question counts. */
export function QuestionsView({
  questions,
  keyQuestionId,
}: {
  questions: readonly TQuestion[];
  keyQuestionId: string | null;
}) {
  if (!questions.length) return <Empty description="问卷中没有题目" />;
  return (
    <div>
      {questions.map((q, i) => {
        const isKey = q.id === keyQuestionId;
        return (
          <Card
            key={q.id}
            size="small"
            style={{ marginBottom: 12, borderColor: isKey ? '#95de64' : undefined }}
            title={
              <Space wrap>
                <span>第 {i + 1} 题</span>
                <Tag>{QUESTION_TYPE_LABELS[q.type]}</Tag>
                {q.required ? <Tag color="blue">必答</Tag> : <Tag>选答</Tag>}
                {isKey && <Tag color="green">满意度题目</Tag>}
              </Space>
            }
          >
            <Typography.Paragraph strong style={{ marginBottom: 8 }}>
              {q.title}
            </Typography.Paragraph>
            {(q.type === 'single' || q.type === 'multiple') && (
              <ol type="A" style={{ margin: 0, paddingLeft: 24 }}>
                {q.options.map((o, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: options have no id
                  <li key={j} style={{ marginBottom: 4 }}>
                    <Space>
                      {o.label}
                      {isKey && q.type === 'single' && <GradeTag grade={o.grade} />}
                    </Space>
                  </li>
                ))}
              </ol>
            )}
            {q.type === 'scale' && (
              <Descriptions
                size="small"
                column={2}
                items={[
                  { key: 'range', label: '分值', children: `1–${q.scaleMax ?? 5} 分` },
                  {
                    key: 'sat',
                    label: '满意起始分',
                    children: q.satisfiedFrom ? `${q.satisfiedFrom} 分及以上计为满意` : '未设置',
                  },
                ]}
              />
            )}
            {q.type === 'text' && <Typography.Text type="secondary">填空题，群众填写文字意见</Typography.Text>}
          </Card>
        );
      })}
    </div>
  );
}
