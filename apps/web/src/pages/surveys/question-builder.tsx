import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CheckSquareOutlined,
  DeleteOutlined,
  EditOutlined,
  OrderedListOutlined,
  PlusOutlined,
  StarOutlined,
} from '@ant-design/icons';
import {
  GRADE_LABELS,
  GRADES,
  QUESTION_TYPE_LABELS,
  QUESTION_TYPES,
  type TGrade,
  type TQuestion,
  type TQuestionType,
} from '@xc/domain';
import {
  Alert,
  Button,
  Card,
  Empty,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Select,
  Space,
  Switch,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';

export const MAX_QUESTIONS = 50;
export const MAX_OPTIONS = 20;

/** The next free id q1, q2 … (one above the highest qN in use). */
export function nextQuestionId(qs: readonly TQuestion[]): string {
  let max = 0;
  const used = new Set(qs.map((q) => q.id));
  for (const q of qs) {
    const m = /^q(\d+)$/.exec(q.id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  let n = max + 1;
  while (used.has(`q${n}`)) n++;
  return `q${n}`;
}

export function newQuestion(id: string, type: TQuestionType): TQuestion {
  const base = { id, type, title: '', required: true };
  if (type === 'single' || type === 'multiple') return { ...base, options: [{ label: '选项1' }, { label: '选项2' }] };
  if (type === 'scale') return { ...base, options: [], scaleMax: 5, satisfiedFrom: 4 };
  return { ...base, required: false, options: [] };
}

/** Changes the type and keeps what still fits (title, required, option labels). */
export function withType(q: TQuestion, type: TQuestionType): TQuestion {
  if (type === q.type) return q;
  const base = { id: q.id, type, title: q.title, required: q.required };
  if (type === 'single' || type === 'multiple')
    return {
      ...base,
      options: q.options.length >= 2 ? q.options : [{ label: '选项1' }, { label: '选项2' }],
    };
  if (type === 'scale') return { ...base, options: [], scaleMax: q.scaleMax ?? 5, satisfiedFrom: q.satisfiedFrom ?? 4 };
  return { ...base, options: [] };
}

/** Only single-choice and scale questions can carry the satisfaction rate. */
export const canBeKey = (q: TQuestion) => q.type === 'single' || q.type === 'scale';

const TYPE_ICONS: Record<TQuestionType, ReactNode> = {
  single: <OrderedListOutlined />,
  multiple: <CheckSquareOutlined />,
  scale: <StarOutlined />,
  text: <EditOutlined />,
};

const GRADE_COLOURS: Record<TGrade, string> = { satisfied: 'green', unsatisfied: 'red', excluded: 'default' };

export function GradeTag({ grade }: { grade: TGrade | undefined }) {
  const g = grade ?? 'excluded';
  return <Tag color={GRADE_COLOURS[g]}>{GRADE_LABELS[g]}</Tag>;
}

function OptionsEditor({
  q,
  isKey,
  onChange,
}: {
  q: TQuestion;
  isKey: boolean;
  onChange: (options: TQuestion['options']) => void;
}) {
  const graded = isKey && q.type === 'single';
  const set = (i: number, patch: Partial<TQuestion['options'][number]>) =>
    onChange(q.options.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...q.options];
    const a = next[i];
    const b = next[i + d];
    if (!a || !b) return;
    next[i] = b;
    next[i + d] = a;
    onChange(next);
  };
  return (
    <div>
      {q.options.map((o, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: options have no id; the inputs are controlled
        <Space key={i} style={{ display: 'flex', marginBottom: 8 }} align="center" wrap>
          <Typography.Text type="secondary" style={{ width: 20, display: 'inline-block', textAlign: 'right' }}>
            {String.fromCharCode(65 + i)}
          </Typography.Text>
          <Input
            value={o.label}
            onChange={(e) => set(i, { label: e.target.value })}
            maxLength={100}
            placeholder={`选项${i + 1}`}
            status={o.label.trim() ? undefined : 'error'}
            style={{ width: 300, maxWidth: '60vw' }}
            aria-label={`选项${i + 1}`}
          />
          {graded && (
            <Select<TGrade>
              value={o.grade ?? 'excluded'}
              onChange={(g) => set(i, { grade: g })}
              options={GRADES.map((g) => ({ value: g, label: GRADE_LABELS[g] }))}
              style={{ width: 140 }}
              aria-label={`选项${i + 1}计分方式`}
            />
          )}
          <Space size={0}>
            <Button
              type="text"
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={i === 0}
              onClick={() => move(i, -1)}
              aria-label={`上移选项${i + 1}`}
            />
            <Button
              type="text"
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={i === q.options.length - 1}
              onClick={() => move(i, 1)}
              aria-label={`下移选项${i + 1}`}
            />
            <Tooltip title={q.options.length <= 2 ? '至少保留两个选项' : undefined}>
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                disabled={q.options.length <= 2}
                onClick={() => onChange(q.options.filter((_, j) => j !== i))}
                aria-label={`删除选项${i + 1}`}
              />
            </Tooltip>
          </Space>
        </Space>
      ))}
      <Button
        type="dashed"
        size="small"
        icon={<PlusOutlined />}
        disabled={q.options.length >= MAX_OPTIONS}
        onClick={() => onChange([...q.options, { label: `选项${q.options.length + 1}` }])}
        style={{ marginLeft: 28 }}
      >
        添加选项
      </Button>
      {graded && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            满意率 = 选择“计为满意”选项的答卷 ÷ 有效答卷；选择“不计入有效票”选项（如“不了解”）的答卷不计入分母。
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

function ScaleEditor({
  q,
  isKey,
  onChange,
}: {
  q: TQuestion;
  isKey: boolean;
  onChange: (p: Partial<TQuestion>) => void;
}) {
  const max = q.scaleMax ?? 5;
  return (
    <Space wrap size="large">
      <Space>
        <span>分值 1 至</span>
        <InputNumber
          min={3}
          max={10}
          precision={0}
          value={q.scaleMax}
          onChange={(v) => {
            const scaleMax = v ?? undefined;
            onChange({
              scaleMax,
              satisfiedFrom: scaleMax && q.satisfiedFrom && q.satisfiedFrom > scaleMax ? scaleMax : q.satisfiedFrom,
            });
          }}
          style={{ width: 80 }}
          aria-label="量表最高分"
        />
        <span>分（1 分最低）</span>
      </Space>
      <Space>
        <Tooltip title="达到此分值的答卷计为满意；用于满意度题目">
          <span>满意起始分{isKey ? '' : '（可选）'}</span>
        </Tooltip>
        <InputNumber
          min={1}
          max={max}
          precision={0}
          value={q.satisfiedFrom}
          onChange={(v) => onChange({ satisfiedFrom: v ?? undefined })}
          status={isKey && !q.satisfiedFrom ? 'error' : undefined}
          style={{ width: 80 }}
          aria-label="满意起始分"
        />
        {q.satisfiedFrom ? (
          <Typography.Text type="secondary">
            {q.satisfiedFrom}–{max} 分计为满意
          </Typography.Text>
        ) : null}
      </Space>
    </Space>
  );
}

function QuestionCard({
  q,
  index,
  count,
  isKey,
  errors,
  onChange,
  onMove,
  onRemove,
  onKey,
}: {
  q: TQuestion;
  index: number;
  count: number;
  isKey: boolean;
  errors: string[];
  onChange: (q: TQuestion) => void;
  onMove: (d: -1 | 1) => void;
  onRemove: () => void;
  onKey: (key: boolean) => void;
}) {
  const patch = (p: Partial<TQuestion>) => onChange({ ...q, ...p });
  return (
    <Card
      size="small"
      style={{ marginBottom: 12, borderColor: errors.length ? '#ff4d4f' : isKey ? '#95de64' : undefined }}
      title={
        <Space wrap>
          <span>第 {index + 1} 题</span>
          <Select<TQuestionType>
            size="small"
            value={q.type}
            onChange={(t) => onChange(withType(q, t))}
            options={QUESTION_TYPES.map((t) => ({
              value: t,
              label: (
                <Space size={4}>
                  {TYPE_ICONS[t]}
                  {QUESTION_TYPE_LABELS[t]}
                </Space>
              ),
            }))}
            style={{ width: 100 }}
            aria-label={`第${index + 1}题题型`}
          />
          <Space size={4}>
            <Switch size="small" checked={q.required} onChange={(v) => patch({ required: v })} />
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              必答
            </Typography.Text>
          </Space>
          {canBeKey(q) && (
            <Space size={0}>
              <Radio checked={isKey} onChange={() => onKey(true)} style={{ fontWeight: 'normal' }}>
                设为满意度题目
              </Radio>
              {isKey && (
                <Button type="link" size="small" onClick={() => onKey(false)}>
                  取消
                </Button>
              )}
            </Space>
          )}
        </Space>
      }
      extra={
        <Space size={0}>
          <Tooltip title="上移">
            <Button
              type="text"
              icon={<ArrowUpOutlined />}
              disabled={index === 0}
              onClick={() => onMove(-1)}
              aria-label={`上移第${index + 1}题`}
            />
          </Tooltip>
          <Tooltip title="下移">
            <Button
              type="text"
              icon={<ArrowDownOutlined />}
              disabled={index === count - 1}
              onClick={() => onMove(1)}
              aria-label={`下移第${index + 1}题`}
            />
          </Tooltip>
          <Popconfirm
            title={`删除第 ${index + 1} 题？`}
            description="题目和选项将从问卷中移除（保存后生效）"
            okText="删除"
            okButtonProps={{ danger: true }}
            onConfirm={onRemove}
          >
            <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除第${index + 1}题`} />
          </Popconfirm>
        </Space>
      }
    >
      <Input.TextArea
        value={q.title}
        onChange={(e) => patch({ title: e.target.value })}
        placeholder="请输入题目"
        maxLength={300}
        autoSize={{ minRows: 1, maxRows: 4 }}
        status={q.title.trim() ? undefined : 'error'}
        style={{ marginBottom: 12 }}
        aria-label={`第${index + 1}题题目`}
      />
      {(q.type === 'single' || q.type === 'multiple') && (
        <OptionsEditor q={q} isKey={isKey} onChange={(options) => patch({ options })} />
      )}
      {q.type === 'scale' && <ScaleEditor q={q} isKey={isKey} onChange={patch} />}
      {q.type === 'text' && (
        <Typography.Text type="secondary">群众填写文字意见，最多 500 字。结果中逐条列出。</Typography.Text>
      )}
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={
            errors.length === 1 ? (
              errors[0]
            ) : (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            )
          }
        />
      )}
    </Card>
  );
}

/**
 * The question list of the editor: add, remove, reorder, edit each question, and pick the one
 * whose answers give the satisfaction rate.
 */
export function QuestionBuilder({
  questions,
  keyQuestionId,
  errors,
  onChange,
}: {
  questions: TQuestion[];
  keyQuestionId: string | null;
  /** Messages per question id. */
  errors: Record<string, string[]>;
  onChange: (questions: TQuestion[], keyQuestionId: string | null) => void;
}) {
  const keyIndex = questions.findIndex((q) => q.id === keyQuestionId);
  const add = (type: TQuestionType) =>
    onChange([...questions, newQuestion(nextQuestionId(questions), type)], keyQuestionId);
  const move = (i: number, d: -1 | 1) => {
    const next = [...questions];
    const a = next[i];
    const b = next[i + d];
    if (!a || !b) return;
    next[i] = b;
    next[i + d] = a;
    onChange(next, keyQuestionId);
  };
  return (
    <div>
      <Alert
        type={keyIndex >= 0 ? 'success' : 'info'}
        showIcon
        style={{ marginBottom: 12 }}
        title={
          keyIndex >= 0
            ? `满意度题目：第 ${keyIndex + 1} 题。结果中按“满意票 ÷ 有效票”计算满意率，已核验与未核验答卷分开统计。`
            : '尚未设置满意度题目，结果中不计算满意率。可将一道单选题或量表题“设为满意度题目”。'
        }
      />
      {questions.length === 0 && <Empty description="尚无题目，请在下方添加" style={{ margin: '24px 0' }} />}
      {questions.map((q, i) => (
        <QuestionCard
          key={q.id}
          q={q}
          index={i}
          count={questions.length}
          isKey={q.id === keyQuestionId}
          errors={errors[q.id] ?? []}
          onChange={(nq) =>
            onChange(
              questions.map((x, j) => (j === i ? nq : x)),
              keyQuestionId === q.id && !canBeKey(nq) ? null : keyQuestionId,
            )
          }
          onMove={(d) => move(i, d)}
          onRemove={() =>
            onChange(
              questions.filter((_, j) => j !== i),
              keyQuestionId === q.id ? null : keyQuestionId,
            )
          }
          onKey={(key) => onChange(questions, key ? q.id : keyQuestionId === q.id ? null : keyQuestionId)}
        />
      ))}
      <Space wrap>
        {QUESTION_TYPES.map((t) => (
          <Button
            key={t}
            type="dashed"
            icon={<PlusOutlined />}
            disabled={questions.length >= MAX_QUESTIONS}
            onClick={() => add(t)}
          >
            添加{QUESTION_TYPE_LABELS[t]}题
          </Button>
        ))}
        <Typography.Text type="secondary">
          共 {questions.length} 题{questions.length >= MAX_QUESTIONS ? '（已达上限 50 题）' : ''}
        </Typography.Text>
      </Space>
    </div>
  );
}
