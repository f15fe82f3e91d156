import { DISCIPLINE_LABELS, DISCIPLINES, ZHitDismiss, ZHitsToClue, ZHitsToPaper } from '@xc/domain';
import { Alert, App, Input, Select } from 'antd';
import type { MouseEvent } from 'react';
import { type NavigateFunction, useNavigate } from 'react-router';
import { alk, dismissHits, hitsToClue, hitsToPaper } from '../../api/auditlink.ts';
import { Field, FormModal, useSchemaForm } from '../../components/form-kit/index.ts';
import { ClueSubjectsField } from '../fieldwork/clue-subjects-field.tsx';

export type HitAction = 'dismiss' | 'paper' | 'clue';

/**
 * A link inside a message: antd's App (which renders the messages) sits outside the router, where a
 * <Link> throws and takes the whole page down, so the link navigates with the page's own navigate.
 */
function messageLink(navigate: NavigateFunction, to: string, text: string) {
  return (
    <a
      href={to}
      onClick={(e: MouseEvent) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {text}
    </a>
  );
}

interface Props {
  runId: string;
  hitIds: string[];
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}

/** 排除: the chosen hits, with the reason they are not a problem (kept with them, audited). */
export function DismissModal({ runId, hitIds, open, onClose, onDone }: Props) {
  const kit = useSchemaForm({
    schema: ZHitDismiss,
    toBody: (v: { reason?: string }) => ({ hitIds, reason: v.reason ?? '' }),
    mutationFn: (body) => dismissHits(body),
    success: (r) => `已排除 ${r.hits} 条疑点`,
    invalidate: [alk.run(runId), ['auditlink', 'hits', runId], ['auditlink', 'hit']],
    onSuccess: () => {
      onDone();
      onClose();
    },
    open,
    openKey: hitIds.join(','),
    initial: () => ({}),
  });
  return (
    <FormModal
      kit={kit}
      title={`排除 ${hitIds.length} 条疑点`}
      open={open}
      onClose={onClose}
      okText="排除"
      name="dismiss"
    >
      <Field
        name="reason"
        label="排除理由"
        required
        extra="例如：经核实死亡登记日期有误；该人员已于发放前办理停保，系银行退回后重发"
      >
        <Input.TextArea rows={4} maxLength={500} showCount />
      </Field>
    </FormModal>
  );
}

/** 转为问题底稿: one working paper draft of the chosen hits, written by the fieldwork from them. */
export function PaperModal({ runId, hitIds, open, onClose, onDone, defaultTitle }: Props & { defaultTitle: string }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const kit = useSchemaForm({
    schema: ZHitsToPaper,
    toBody: (v: { title?: string }) => ({ hitIds, ...(v.title ? { title: v.title } : {}) }),
    mutationFn: (body) => hitsToPaper(body),
    invalidate: [alk.run(runId), ['auditlink', 'hits', runId], ['auditlink', 'hit']],
    onSuccess: (r) => {
      message.success(
        <span>已生成问题底稿草稿，{messageLink(navigate, `/fieldwork/papers/${r.recordId}`, '打开底稿')}</span>,
      );
      onDone();
      onClose();
    },
    open,
    openKey: hitIds.join(','),
    initial: () => ({ title: defaultTitle }),
  });
  return (
    <FormModal
      kit={kit}
      title={`将 ${hitIds.length} 条疑点转为问题底稿`}
      open={open}
      onClose={onClose}
      okText="生成底稿草稿"
      name="paper"
      intro={
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="底稿的事实部分按疑点逐条写明（身份证号只显示前 6 位和后 4 位），证据列明各数据表的行号；生成后在底稿中补充定性依据，再提交三审"
        />
      }
    >
      <Field name="title" label="底稿标题" required>
        <Input maxLength={200} showCount />
      </Field>
    </FormModal>
  );
}

interface ClueValues {
  subjects?: { name?: string; post?: string; level?: string }[];
  discipline?: string;
  facts?: string;
}

/** 转为问题线索: a clue draft naming the officials the team holds responsible, with source 巡审贯通. */
export function ClueModal({ runId, hitIds, open, onClose, onDone }: Props) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const kit = useSchemaForm({
    schema: ZHitsToClue,
    toBody: (v: ClueValues) => ({
      hitIds,
      subjects: (v.subjects ?? []).map((s) => ({
        name: s?.name ?? '',
        post: s?.post ?? '',
        level: s?.level ?? 'other',
      })),
      discipline: v.discipline ?? '',
      ...(v.facts?.trim() ? { facts: v.facts } : {}),
    }),
    mutationFn: (body) => hitsToClue(body),
    invalidate: [alk.run(runId), ['auditlink', 'hits', runId], ['auditlink', 'hit']],
    onSuccess: () => {
      message.success(<span>已生成问题线索草稿，{messageLink(navigate, '/fieldwork/clues', '查看问题线索')}</span>);
      onDone();
      onClose();
    },
    open,
    openKey: hitIds.join(','),
    initial: () => ({ subjects: [{ level: 'other' }] }),
  });
  return (
    <FormModal
      kit={kit}
      title={`将 ${hitIds.length} 条疑点转为问题线索`}
      open={open}
      onClose={onClose}
      okText="生成线索草稿"
      name="clue"
      width={760}
      intro={
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="被反映人是对问题负有责任的干部（如审核、发放的经办人和负责人），不是领取补贴的群众；线索内容加密保存"
        />
      }
    >
      <ClueSubjectsField />
      <Field name="discipline" label="涉嫌违反的纪律" required>
        <Select placeholder="六大纪律" options={DISCIPLINES.map((d) => ({ value: d, label: DISCIPLINE_LABELS[d] }))} />
      </Field>
      <Field name="facts" label="线索内容" extra="不填则按疑点逐条生成">
        <Input.TextArea rows={4} maxLength={20_000} />
      </Field>
    </FormModal>
  );
}
