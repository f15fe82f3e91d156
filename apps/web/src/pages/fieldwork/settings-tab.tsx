import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CLUE_RECEIVER_LABELS,
  DEFAULT_PAPER_NUMBER_PATTERN,
  formatPaperNumber,
  HEARING_MEETING_KINDS,
  MEETING_KIND_LABELS,
  PAPER_NUMBER_TOKEN_LABELS,
  PAPER_NUMBER_TOKENS,
  PAPER_SEQ_SCOPE_LABELS,
  PAPER_SEQ_SCOPES,
  type TPaperSeqScope,
  ZFieldworkSettingsResponse,
  ZFieldworkSettingsUpdate,
} from '@xc/domain';
import { Alert, Button, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Typography } from 'antd';
import { fwk, getFieldworkSettings, putFieldworkSettings, type TFieldworkSettingsOut } from '../../api/fieldwork.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, SchemaForm, useSchemaForm } from '../../components/form-kit/index.ts';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { OrgField } from './shared.tsx';

type THearingKind = (typeof HEARING_MEETING_KINDS)[number];

interface SettingsValues {
  pattern?: string;
  scope?: TPaperSeqScope;
  clueFeedbackWarnDays?: number | null;
  reportHearingWarnDays?: number | null;
  reportHearingKinds?: THearingKind[];
  discipline?: string | null;
  organization?: string | null;
  version?: number;
}

function valuesOf(r: TFieldworkSettingsOut): SettingsValues {
  const s = r.settings;
  return {
    pattern: s.paperNumber.pattern,
    scope: s.paperNumber.scope,
    clueFeedbackWarnDays: s.clueFeedbackWarnDays,
    reportHearingWarnDays: s.reportHearingWarnDays,
    reportHearingKinds: [...s.reportHearingKinds],
    discipline: s.receiverOrgs.discipline,
    organization: s.receiverOrgs.organization,
    version: r.version,
  };
}

/** The number a pattern gives the 7th paper of team 2 in round 1 of the 7th term, in 2026; or why it cannot. */
function preview(pattern: string | undefined): string {
  try {
    return formatPaperNumber(pattern ?? '', { year: 2026, term: 7, round: 1, team: 2, seq: 7 });
  } catch (e) {
    return e instanceof Error ? e.message : '编号规则有误';
  }
}

function SettingsForm({
  authorityId,
  current,
  canManage,
}: {
  authorityId: string;
  current: TFieldworkSettingsOut;
  canManage: boolean;
}) {
  const queryClient = useQueryClient();
  const kit = useSchemaForm({
    schema: ZFieldworkSettingsUpdate,
    toBody: (v: SettingsValues) => ({
      version: v.version,
      settings: {
        paperNumber: { pattern: v.pattern ?? '', scope: v.scope },
        clueFeedbackWarnDays: v.clueFeedbackWarnDays ?? undefined,
        reportHearingWarnDays: v.reportHearingWarnDays ?? undefined,
        reportHearingKinds: v.reportHearingKinds ?? [],
        receiverOrgs: { discipline: v.discipline ?? null, organization: v.organization ?? null },
      },
    }),
    rename: { settings: '', paperNumber: '', receiverOrgs: '' },
    mutationFn: (body) => putFieldworkSettings(authorityId, body),
    success: '巡察实施设置已保存，之后新建的底稿按新规则编号',
    onSuccess: (saved) => {
      queryClient.setQueryData(fwk.settings(authorityId), saved);
      kit.form.setFieldsValue({ version: saved.version });
    },
    conflict: { schema: ZFieldworkSettingsResponse, reload: (c) => (c ? valuesOf(c) : undefined) },
    confirm: {
      title: '保存巡察实施设置？',
      content: '设置适用于本机构所有巡察组：底稿编号规则只影响之后新建的底稿，已编号的底稿不变。',
      okText: '保存',
    },
    open: true,
    openKey: `${authorityId}-${current.version}`,
    initial: () => valuesOf(current),
  });
  // useWatch answers undefined until its first effect: until then the example follows the saved
  // rule, not an empty one (which would show the empty rule's error for a moment).
  const pattern = (Form.useWatch('pattern', kit.form) as string | undefined) ?? current.settings.paperNumber.pattern;

  return (
    <>
      {Boolean(kit.error) && <ErrorAlert error={kit.error} />}
      <SchemaForm kit={kit} name="fieldworkSettings" disabled={!canManage}>
        <Row gutter={24}>
          <Col xs={24} xl={12}>
            <Card size="small" title="问题底稿编号" style={{ marginBottom: 16 }}>
              <Field
                name="pattern"
                label="编号规则"
                required
                extra={`可用编号项：${PAPER_NUMBER_TOKENS.map((t) => `{${t}}${PAPER_NUMBER_TOKEN_LABELS[t]}`).join('、')}；{term:cn} 写成中文数字，{seq:2} 补足两位。默认：${DEFAULT_PAPER_NUMBER_PATTERN}`}
              >
                <Input maxLength={60} />
              </Field>
              <Typography.Paragraph>
                示例：<Typography.Text code>{preview(pattern)}</Typography.Text>
              </Typography.Paragraph>
              <Field name="scope" label="编号范围" required>
                <Radio.Group options={PAPER_SEQ_SCOPES.map((s) => ({ value: s, label: PAPER_SEQ_SCOPE_LABELS[s] }))} />
              </Field>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title="线索接收单位" style={{ marginBottom: 16 }}>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                移交的线索由接收单位的线索处置人员办理；此处指定本机构对应的纪委监委、组织部。
              </Typography.Paragraph>
              <Field name="discipline" label={CLUE_RECEIVER_LABELS.discipline}>
                <OrgField authorityId={authorityId} placeholder="输入单位名称搜索，如：市纪委监委" />
              </Field>
              <Field name="organization" label={CLUE_RECEIVER_LABELS.organization}>
                <OrgField authorityId={authorityId} placeholder="输入单位名称搜索，如：市委组织部" />
              </Field>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title="报告听取与提醒" style={{ marginBottom: 16 }}>
              <Field
                name="reportHearingKinds"
                label="听取巡察报告的会议"
                required
                extra="经所选会议听取巡察报告后，方可召开反馈会"
              >
                <Checkbox.Group
                  options={HEARING_MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))}
                />
              </Field>
              <Field name="reportHearingWarnDays" label="报告听取临期提醒（天）">
                <InputNumber min={0} max={30} precision={0} />
              </Field>
              <Field name="clueFeedbackWarnDays" label="线索反馈临期提醒（天）">
                <InputNumber min={0} max={60} precision={0} />
              </Field>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                撤离后向书记专题会报告、移交后反馈线索处置情况的时限在“节假日与时限”中设置。
              </Typography.Text>
            </Card>
          </Col>
        </Row>
      </SchemaForm>
      {canManage && (
        <Button type="primary" loading={kit.pending} onClick={() => void kit.submit()}>
          保存设置
        </Button>
      )}
    </>
  );
}

export function SettingsTab({ authorityId, canManage }: { authorityId: string; canManage: boolean }) {
  const q = useQuery({ queryKey: fwk.settings(authorityId), queryFn: () => getFieldworkSettings(authorityId) });
  if (q.isPending) return <FullPageSpin />;
  if (q.error || !q.data) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
      {!q.data.updatedAt && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="本机构尚未修改过设置，以下为默认值" />
      )}
      <SettingsForm authorityId={authorityId} current={q.data} canManage={canManage} />
    </>
  );
}
