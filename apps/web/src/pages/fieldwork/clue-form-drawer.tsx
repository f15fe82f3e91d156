import { LockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  CLUE_RECEIVER_LABELS,
  CLUE_SOURCE_LABELS,
  CLUE_SOURCES,
  DISCIPLINE_LABELS,
  DISCIPLINES,
  receiverFor,
  type TCadreLevel,
  type TClueSource,
  type TDiscipline,
  type TEvidenceIn,
  ZClue,
  ZClueCreate,
  ZClueUpdate,
} from '@xc/domain';
import { Alert, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { createClue, fwk, type TClueOut, updateClue } from '../../api/fieldwork.ts';
import type { TInspectionDetailOut } from '../../api/planning.ts';
import { Field, FormDrawer, useSchemaForm } from '../../components/form-kit/index.ts';
import { ClueSubjectsField } from './clue-subjects-field.tsx';
import { EvidenceField } from './evidence-field.tsx';
import { TargetSelect } from './interviews-tab.tsx';

interface ClueValues {
  subjects?: { name?: string; post?: string; level?: TCadreLevel }[];
  discipline?: TDiscipline;
  facts?: string;
  source?: TClueSource | null;
  evidence?: TEvidenceIn[];
  orgId?: string;
  version?: number;
}

function valuesOf(c: TClueOut): ClueValues {
  return {
    subjects: c.subjects.map((s) => ({ ...s })),
    discipline: c.discipline,
    facts: c.facts,
    source: c.source,
    evidence: c.evidence.map((e) => ({ kind: e.kind, refId: e.refId ?? undefined, label: e.label })),
    orgId: c.orgId ?? undefined,
    version: c.version,
  };
}

/**
 * 登记问题线索 / 修改待移交的线索: who it names (one 件, one or more 人, each with the cadre-management
 * level that decides the receiver), the 六大纪律 category, the facts and evidence.
 */
export function ClueFormDrawer({
  inspection,
  editing,
  open,
  onClose,
}: {
  inspection: TInspectionDetailOut | undefined;
  editing: TClueOut | null;
  open: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const kit = useSchemaForm({
    schema: editing ? ZClueUpdate : ZClueCreate,
    toBody: (v: ClueValues) => ({
      ...(editing ? { version: v.version } : {}),
      subjects: (v.subjects ?? []).map((s) => ({
        name: s?.name ?? '',
        post: s?.post ?? '',
        level: s?.level ?? 'other',
      })),
      discipline: v.discipline,
      facts: v.facts ?? '',
      source: editing ? (v.source ?? null) : (v.source ?? undefined),
      evidence: v.evidence ?? [],
      orgId: editing ? (v.orgId ?? null) : v.orgId,
    }),
    mutationFn: (body) =>
      editing
        ? updateClue(editing.id, body as Parameters<typeof updateClue>[1])
        : createClue(inspection?.id ?? '', body as Parameters<typeof createClue>[1]),
    success: editing ? '线索已保存' : '问题线索已登记，待巡察办移交',
    invalidate: [fwk.all],
    onSuccess: (saved) => {
      queryClient.setQueryData(fwk.clue(saved.id), saved);
      onClose();
    },
    conflict: { schema: ZClue, reload: (c) => (c ? valuesOf(c) : undefined) },
    invalidMessage: '请检查标红的内容',
    open,
    openKey: editing ? `${editing.id}-${editing.version}` : `new-${inspection?.id ?? ''}`,
    initial: () =>
      editing
        ? valuesOf(editing)
        : {
            subjects: [{ level: 'other' as const }],
            evidence: [],
            orgId: inspection?.targets.length === 1 ? inspection.targets[0]?.orgId : undefined,
          },
  });
  const subjects = (Form.useWatch('subjects', kit.form) ?? []) as ClueValues['subjects'];
  const discipline = Form.useWatch('discipline', kit.form) as TDiscipline | undefined;
  const suggested = discipline
    ? receiverFor(
        (subjects ?? []).map((s) => ({ level: s?.level })),
        discipline,
      )
    : undefined;
  const inspectionId = editing?.inspectionId ?? inspection?.id ?? '';

  return (
    <FormDrawer
      kit={kit}
      title={editing ? '修改问题线索' : '登记问题线索'}
      open={open}
      onClose={onClose}
      size={820}
      okText={editing ? '保存' : '登记'}
      blocked={!editing && !inspection}
      name="clue"
      intro={
        <Alert
          type="warning"
          showIcon
          icon={<LockOutlined />}
          style={{ marginBottom: 16 }}
          title="被反映人和线索内容加密保存，仅经办人员可查看，每次查看记入审计日志"
          description="线索按“件”统计，一件线索可以涉及多名被反映人（按“人”统计）。移交前巡察办核定干部管理层级。"
        />
      }
    >
      <Typography.Text strong>被反映人</Typography.Text>
      <ClueSubjectsField style={{ marginTop: 8 }} />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field name="discipline" label="涉嫌违反的纪律" required>
            <Select
              placeholder="六大纪律"
              options={DISCIPLINES.map((d) => ({ value: d, label: DISCIPLINE_LABELS[d] }))}
            />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field name="source" label="线索来源">
            <Select
              allowClear
              placeholder="选择来源"
              options={CLUE_SOURCES.map((s) => ({ value: s, label: CLUE_SOURCE_LABELS[s] }))}
            />
          </Field>
        </Col>
        {inspection && inspection.targets.length > 1 && (
          <Col span={24}>
            <Field name="orgId" label="所属单位">
              <TargetSelect inspection={inspection} />
            </Field>
          </Col>
        )}
      </Row>
      {suggested && (
        <Space style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary">按干部管理权限建议移交：</Typography.Text>
          <Typography.Text strong>{CLUE_RECEIVER_LABELS[suggested]}</Typography.Text>
        </Space>
      )}
      <Field name="facts" label="问题线索内容" required>
        <Input.TextArea
          autoSize={{ minRows: 8, maxRows: 20 }}
          maxLength={20000}
          showCount
          placeholder="写明被反映人涉嫌违纪违法的具体事实、时间、涉及金额、知情人等"
        />
      </Field>
      <Field name="evidence" label="证据材料">
        <EvidenceField inspectionId={inspectionId} />
      </Field>
      {!editing && !inspection && <Typography.Text type="danger">请先选择巡察任务</Typography.Text>}
    </FormDrawer>
  );
}
