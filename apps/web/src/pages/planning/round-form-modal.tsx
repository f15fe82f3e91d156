import { useQueryClient } from '@tanstack/react-query';
import {
  ROUND_KIND_LABELS,
  ROUND_KINDS,
  type TRound,
  type TRoundCreate,
  type TRoundKind,
  type TRoundUpdate,
  ZRound,
  ZRoundCreate,
  ZRoundUpdate,
} from '@xc/domain';
import { Col, DatePicker, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { createRound, pk, updateRound } from '../../api/planning.ts';
import { Field, FormModal, optional, useSchemaForm } from '../../components/form-kit/index.ts';
import { day, iso } from './shared.tsx';

interface RoundFormValues {
  number?: number | null;
  name?: string;
  kind?: TRoundKind;
  theme?: string;
  focus?: string[];
  span?: [Dayjs | null, Dayjs | null] | null;
  version?: number;
}

function toForm(r: TRound): RoundFormValues {
  return {
    number: r.number,
    name: r.name,
    kind: r.kind,
    theme: r.theme,
    focus: r.focus,
    span: [day(r.plannedStart), day(r.plannedEnd)],
    version: r.version,
  };
}

/** New round of a term (number and name may be left for the server: the next number, 第N轮) or edit one. */
export function RoundFormModal({
  open,
  termId,
  round,
  onClose,
  onSaved,
}: {
  open: boolean;
  termId: string;
  round?: TRound | null;
  onClose: () => void;
  onSaved?: (r: TRound) => void;
}) {
  const queryClient = useQueryClient();
  const editing = !!round;
  const kit = useSchemaForm({
    schema: round ? ZRoundUpdate : ZRoundCreate,
    toBody: (v: RoundFormValues) => ({
      ...(round ? { version: v.version } : { termId }),
      kind: v.kind,
      theme: v.theme ?? '',
      focus: (v.focus ?? []).map((f) => f.trim()).filter(Boolean),
      plannedStart: iso(v.span?.[0]) ?? '',
      plannedEnd: iso(v.span?.[1]) ?? '',
      number: v.number ?? undefined,
      name: optional(v.name),
    }),
    rename: { plannedStart: 'span', plannedEnd: 'span' },
    mutationFn: (body) => (round ? updateRound(round.id, body as TRoundUpdate) : createRound(body as TRoundCreate)),
    success: (saved) => (editing ? '轮次已保存' : `已新建${saved.name}`),
    invalidate: [pk.all],
    onSuccess: (saved) => {
      queryClient.setQueryData(pk.round(saved.id), saved);
      onSaved?.(saved);
      onClose();
    },
    conflict: {
      schema: ZRound,
      reload: (current) => {
        if (!current) return undefined;
        queryClient.setQueryData(pk.round(current.id), current);
        return toForm(current);
      },
    },
    open,
    openKey: round?.id ?? 'new',
    initial: (): RoundFormValues => (round ? toForm(round) : { kind: 'regular', focus: [] }),
  });

  return (
    <FormModal
      kit={kit}
      title={editing ? `编辑轮次：${round?.name}` : '新建轮次'}
      open={open}
      onClose={onClose}
      width={640}
      name={editing ? 'roundEdit' : 'roundCreate'}
    >
      <Row gutter={16}>
        <Col span={8}>
          <Field name="number" label="轮次" tooltip="留空则自动取下一轮">
            <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} placeholder="自动" />
          </Field>
        </Col>
        <Col span={16}>
          <Field name="name" label="轮次名称" tooltip="留空则命名为“第N轮”">
            <Input placeholder="如：第十一轮" maxLength={40} />
          </Field>
        </Col>
        <Col span={8}>
          <Field name="kind" label="巡察类型" required>
            <Select options={ROUND_KINDS.map((k) => ({ value: k, label: ROUND_KIND_LABELS[k] }))} />
          </Field>
        </Col>
        <Col span={16}>
          <Field name="span" label="计划起止" required>
            <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['计划开始', '计划结束']} />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="theme" label="巡察主题">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} showCount />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="focus" label="巡察重点" extra="输入后按回车添加，最多20项">
            <Select
              mode="tags"
              open={false}
              placeholder="如：乡村振兴、粮食购销、群众身边腐败"
              tokenSeparators={['；', ';']}
            />
          </Field>
        </Col>
      </Row>
    </FormModal>
  );
}
