import { useQuery } from '@tanstack/react-query';
import {
  AWARD_KIND_LABELS,
  AWARD_KINDS,
  type TAwardKind,
  TRAINING_MODE_LABELS,
  TRAINING_MODES,
  ZAwardCreate,
  ZTrainingCreate,
  zId,
} from '@xc/domain';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Radio, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import {
  createAward,
  createTraining,
  getAttendees,
  ppk,
  putAttendees,
  type TTrainingItem,
} from '../../api/personnel.ts';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { afterToday, Field, FormModal, iso, useAction, useSchemaForm } from '../../components/form-kit/index.ts';
import { InspectorPicker } from './inspector-picker.tsx';

interface TrainingValues {
  authorityId?: string;
  title?: string;
  heldOn?: Dayjs | null;
  hours?: number | null;
  mode?: (typeof TRAINING_MODES)[number];
}

/** 登记培训: one training of the authority; the sign-in sheet is filled afterwards (参训人员). */
export function TrainingFormModal({
  open,
  defaultAuthorityId,
  onClose,
  onCreated,
}: {
  open: boolean;
  defaultAuthorityId?: string;
  onClose: () => void;
  onCreated?: (t: TTrainingItem) => void;
}) {
  const kit = useSchemaForm({
    schema: ZTrainingCreate,
    toBody: (v: TrainingValues) => ({
      authorityId: v.authorityId ?? '',
      title: v.title ?? '',
      heldOn: iso(v.heldOn) ?? '',
      hours: v.hours ?? undefined,
      mode: v.mode,
    }),
    mutationFn: createTraining,
    success: '培训已登记，可继续登记参训人员',
    invalidate: [ppk.all],
    onSuccess: (t) => {
      onClose();
      onCreated?.(t);
    },
    open,
    initial: (): TrainingValues => ({ authorityId: defaultAuthorityId, heldOn: dayjs(), mode: 'onsite' }),
  });

  return (
    <FormModal kit={kit} title="登记培训" open={open} onClose={onClose} name="trainingCreate">
      <Field name="authorityId" label="巡察机构" required>
        <AuthoritySelect />
      </Field>
      <Field name="title" label="培训名称" required>
        <Input placeholder="如：2026年第一轮巡察业务培训" maxLength={100} showCount />
      </Field>
      <Field name="heldOn" label="培训日期" required>
        <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
      </Field>
      <Field name="hours" label="学时" extra="以0.5学时为单位" required>
        <InputNumber min={0.5} max={200} step={0.5} precision={1} style={{ width: 160 }} suffix="学时" />
      </Field>
      <Field name="mode" label="培训方式" required>
        <Radio.Group
          options={TRAINING_MODES.map((m) => ({ value: m, label: TRAINING_MODE_LABELS[m] }))}
          optionType="button"
        />
      </Field>
    </FormModal>
  );
}

/**
 * 参训人员: the sign-in sheet of one training, loaded from the server and saved whole (PUT replaces
 * it). Without personnel:write the list is shown read-only.
 */
export function AttendeesModal({
  training,
  canWrite,
  onClose,
}: {
  training: TTrainingItem | null;
  canWrite: boolean;
  onClose: () => void;
}) {
  const { modal } = App.useApp();
  const open = !!training;
  const id = training?.id ?? '';
  const list = useQuery({
    queryKey: ppk.attendees(id),
    queryFn: () => getAttendees(id),
    enabled: open,
    staleTime: 0,
  });
  const [ids, setIds] = useState<string[]>([]);
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  const saveSheet = useAction((sheet: string[]) => putAttendees(id, sheet), {
    success: (t) => `参训人员已保存，共 ${t.attendeeCount} 人`,
    invalidate: [ppk.all],
    onSuccess: onClose,
  });

  // Take the stored sheet once per opening, so a refetch does not overwrite the user's picks.
  const { reset } = saveSheet;
  useEffect(() => {
    if (!open) {
      setLoadedFor(null);
      reset();
      return;
    }
    if (loadedFor === id || !list.data || list.isFetching) return;
    setIds(list.data.items.map((a) => a.inspectorId));
    setLoadedFor(id);
  }, [open, id, list.data, list.isFetching, loadedFor, reset]);

  const stored = list.data?.items ?? [];
  const removed = stored.filter((a) => !ids.includes(a.inspectorId));
  const added = ids.filter((x) => !stored.some((a) => a.inspectorId === x)).length;
  const dirty = loadedFor === id && (removed.length > 0 || added > 0);

  const save = () => saveSheet.run(ids);

  const submit = () => {
    if (!removed.length) {
      void save();
      return;
    }
    modal.confirm({
      title: `确认移除 ${removed.length} 名参训人员？`,
      content: `${removed
        .slice(0, 10)
        .map((a) => a.name)
        .join('、')}${removed.length > 10 ? ' 等' : ''} 将从本次培训的签到表中移除，其培训学时随之扣除。`,
      okText: '确认保存',
      okButtonProps: { danger: true },
      onOk: save,
    });
  };

  const cancel = () => {
    if (!canWrite || !dirty) {
      onClose();
      return;
    }
    modal.confirm({
      title: '放弃未保存的修改？',
      content: '参训人员的修改尚未保存，关闭后将丢失。',
      okText: '放弃修改',
      cancelText: '继续编辑',
      onOk: onClose,
    });
  };

  return (
    <Modal
      title={`参训人员${training ? `：${training.title}` : ''}`}
      open={open}
      width={720}
      onCancel={cancel}
      onOk={canWrite ? submit : onClose}
      okText={canWrite ? '保存签到表' : '关闭'}
      okButtonProps={{ disabled: canWrite && (loadedFor !== id || !dirty) }}
      cancelButtonProps={canWrite ? undefined : { style: { display: 'none' } }}
      confirmLoading={saveSheet.pending}
      destroyOnHidden
    >
      {training && (
        <Typography.Paragraph type="secondary">
          {training.heldOn} · {training.hours} 学时 · {TRAINING_MODE_LABELS[training.mode] ?? training.mode}
        </Typography.Paragraph>
      )}
      {Boolean(saveSheet.error) && <ErrorAlert error={saveSheet.error} />}
      {list.error ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : loadedFor !== id ? (
        <div style={{ textAlign: 'center', padding: 24 }}>
          <Spin />
        </div>
      ) : (
        <>
          <InspectorPicker
            value={ids}
            onChange={setIds}
            known={stored}
            disabled={!canWrite}
            placeholder={canWrite ? '输入姓名搜索并添加参训人员' : '暂无参训人员'}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            已选 {ids.length} 人{dirty && `（新增 ${added} 人，移除 ${removed.length} 人，尚未保存）`}
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}

interface AwardValues {
  authorityId?: string;
  kind?: TAwardKind;
  batch?: string;
  category?: string;
  title?: string;
  inspectorIds?: string[];
  awardedOn?: Dayjs | null;
}

/** The award is posted to its authority: the body wraps the form's award in `award`. */
const ZAwardForm = z.strictObject({ authorityId: zId, award: ZAwardCreate });

/** 登记表彰: 优秀巡察干部 names the people; 优秀巡察报告 names the report, its category and authors. */
export function AwardFormModal({
  open,
  defaultAuthorityId,
  defaultKind,
  onClose,
}: {
  open: boolean;
  defaultAuthorityId?: string;
  defaultKind: TAwardKind;
  onClose: () => void;
}) {
  const kit = useSchemaForm({
    schema: ZAwardForm,
    toBody: (v: AwardValues) => {
      const isReport = v.kind === 'excellentReport';
      return {
        authorityId: v.authorityId ?? '',
        award: {
          kind: v.kind,
          batch: v.batch ?? '',
          category: isReport ? (v.category ?? '') : null,
          title: isReport ? (v.title ?? '') : null,
          inspectorIds: v.inspectorIds ?? [],
          awardedOn: iso(v.awardedOn) ?? '',
        },
      };
    },
    rename: { award: '' },
    mutationFn: ({ authorityId, award }) => createAward(authorityId, award),
    success: (_saved, body) => `${AWARD_KIND_LABELS[body.award.kind]}表彰已登记`,
    invalidate: [ppk.all],
    onSuccess: onClose,
    open,
    initial: (): AwardValues => ({
      authorityId: defaultAuthorityId,
      kind: defaultKind,
      batch: `${dayjs().year()}年度`,
      inspectorIds: [],
      awardedOn: dayjs(),
    }),
  });
  const kind = Form.useWatch('kind', kit.form) ?? defaultKind;
  const report = kind === 'excellentReport';

  return (
    <FormModal kit={kit} title="登记表彰" open={open} onClose={onClose} width={640} name="awardCreate">
      <Field name="authorityId" label="巡察机构" required>
        <AuthoritySelect />
      </Field>
      <Field name="kind" label="表彰类别" required>
        <Radio.Group
          options={AWARD_KINDS.map((k) => ({ value: k, label: AWARD_KIND_LABELS[k] }))}
          optionType="button"
        />
      </Field>
      <Field name="batch" label="评选批次" required>
        <Input placeholder="如：2025年度" maxLength={20} style={{ width: 240 }} />
      </Field>
      {report && (
        <>
          <Field name="category" label="报告类别" required>
            <Input placeholder="如：综合类、专项类" maxLength={20} style={{ width: 240 }} />
          </Field>
          <Field name="title" label="报告题目" required>
            <Input maxLength={100} showCount />
          </Field>
        </>
      )}
      <Field name="inspectorIds" label={report ? '执笔人' : '受表彰人员'} required>
        <InspectorPicker />
      </Field>
      <Field name="awardedOn" label="表彰日期" required>
        <DatePicker style={{ width: 240 }} disabledDate={afterToday} />
      </Field>
      {!report && <Alert type="info" showIcon title="同一批次可分多次登记；受表彰人员将记入本人档案的“表彰”页。" />}
    </FormModal>
  );
}
