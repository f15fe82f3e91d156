import { useQueryClient } from '@tanstack/react-query';
import { ROUND_KIND_LABELS, ROUND_KINDS, type TRound, type TRoundKind, ZRound } from '@xc/domain';
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { errorText } from '../../api/client.ts';
import { createRound, pk, updateRound } from '../../api/planning.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { handleVersionConflict } from '../../components/version-conflict.ts';
import { day, iso } from './shared.tsx';

interface RoundFormValues {
  number?: number | null;
  name?: string;
  kind: TRoundKind;
  theme?: string;
  focus?: string[];
  span: [Dayjs | null, Dayjs | null] | null;
}

function toForm(r: TRound): RoundFormValues {
  return {
    number: r.number,
    name: r.name,
    kind: r.kind,
    theme: r.theme,
    focus: r.focus,
    span: [day(r.plannedStart), day(r.plannedEnd)],
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
  const [form] = Form.useForm<RoundFormValues>();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState<number | null>(null);
  const editing = !!round;

  // Fill the form once per opening: a refetch must not overwrite what the user is typing.
  const openedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!open) {
      openedFor.current = null;
      return;
    }
    const key = round?.id ?? 'new';
    if (openedFor.current === key) return;
    openedFor.current = key;
    setError(null);
    form.resetFields();
    if (round) {
      form.setFieldsValue(toForm(round));
      setVersion(round.version);
    } else {
      form.setFieldsValue({ kind: 'regular', focus: [] });
    }
  }, [open, round, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      kind: v.kind,
      theme: v.theme?.trim() ?? '',
      focus: (v.focus ?? []).map((f) => f.trim()).filter(Boolean),
      plannedStart: iso(v.span?.[0]) ?? '',
      plannedEnd: iso(v.span?.[1]) ?? '',
      ...(v.number ? { number: v.number } : {}),
      ...(v.name?.trim() ? { name: v.name.trim() } : {}),
    };
    setSaving(true);
    setError(null);
    try {
      const saved = round
        ? await updateRound(round.id, { version: version ?? round.version, ...body })
        : await createRound({ termId, ...body });
      queryClient.setQueryData(pk.round(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: pk.all });
      message.success(editing ? '轮次已保存' : `已新建${saved.name}`);
      onSaved?.(saved);
      onClose();
    } catch (e) {
      const conflict = handleVersionConflict(e, modal, ZRound, (current) => {
        if (current) {
          queryClient.setQueryData(pk.round(current.id), current);
          form.setFieldsValue(toForm(current));
          setVersion(current.version);
        }
      });
      if (!conflict) {
        setError(e);
        message.error(errorText(e));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={editing ? `编辑轮次：${round?.name}` : '新建轮次'}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText="保存"
      width={640}
      forceRender
    >
      {Boolean(error) && <ErrorAlert error={error} />}
      <Form<RoundFormValues> form={form} name={editing ? 'roundEdit' : 'roundCreate'} layout="vertical">
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="number" label="轮次" tooltip="留空则自动取下一轮">
              <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} placeholder="自动" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              name="name"
              label="轮次名称"
              tooltip="留空则命名为“第N轮”"
              rules={[{ max: 40, message: '轮次名称不能超过40个字' }]}
            >
              <Input placeholder="如：第十一轮" maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="kind" label="巡察类型" rules={[{ required: true, message: '请选择巡察类型' }]}>
              <Select options={ROUND_KINDS.map((k) => ({ value: k, label: ROUND_KIND_LABELS[k] }))} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              name="span"
              label="计划起止"
              rules={[
                {
                  validator: (_, v: RoundFormValues['span']) =>
                    v?.[0] && v[1] ? Promise.resolve() : Promise.reject(new Error('请选择计划开始和结束日期')),
                },
              ]}
            >
              <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['计划开始', '计划结束']} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="theme" label="巡察主题" rules={[{ max: 200, message: '巡察主题不能超过200个字' }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} showCount />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="focus"
              label="巡察重点"
              extra="输入后按回车添加，最多20项"
              rules={[
                { type: 'array', max: 20, message: '巡察重点最多20项' },
                {
                  validator: (_, v: string[] | undefined) =>
                    (v ?? []).some((f) => f.length > 100)
                      ? Promise.reject(new Error('每项巡察重点不能超过100个字'))
                      : Promise.resolve(),
                },
              ]}
            >
              <Select
                mode="tags"
                open={false}
                placeholder="如：乡村振兴、粮食购销、群众身边腐败"
                tokenSeparators={['；', ';']}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
