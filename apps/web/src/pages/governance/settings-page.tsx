import { SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  ARCHIVE_CLASS_LABELS,
  ARCHIVE_CLASS_OF,
  ARCHIVE_DOC_KIND_LABELS,
  ARCHIVE_DOC_KINDS,
  DEADLINE_UNIT_LABELS,
  DEADLINE_UNITS,
  DEFAULT_ARCHIVE_RETENTION,
  DEFAULT_GOVERNANCE_SETTINGS,
  DUAL_REPORT_KIND_LABELS,
  DUAL_REPORT_KINDS,
  describeDualReportRule,
  GOVERNANCE_SETTING_LABELS,
  RETENTION_LABELS,
  RETENTIONS,
  type TArchiveDocKind,
  type TDualReportKind,
  type TRetention,
  ZGovernanceSettingsUpdate,
} from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Col,
  Divider,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import {
  gak,
  putGovernanceSettings,
  type TGovernanceSettingsOut,
  useGovernanceSettings,
} from '../../api/governance-archive.ts';
import { AuthoritySettingsPage, SettingsFormCard, staleSettings } from '../../components/authority-settings-page.tsx';
import { Field, useSchemaForm } from '../../components/form-kit/index.ts';

type Unit = (typeof DEADLINE_UNITS)[number];
type Settings = TGovernanceSettingsOut['settings'];

/** The numeric settings, by section, each with its bounds (the schema's, so form and server agree). */
type NumberKey =
  | 'commonProblemMinOrganizations'
  | 'reminderAnswerDays'
  | 'reminderReanswerDays'
  | 'warnDays'
  | 'conductFollowUpDays'
  | 'conductWindowDays'
  | 'borrowMaxDays';
const BOUNDS: Record<NumberKey, [number, number]> = {
  commonProblemMinOrganizations: [2, 50],
  reminderAnswerDays: [1, 60],
  reminderReanswerDays: [1, 60],
  warnDays: [0, 30],
  conductFollowUpDays: [1, 60],
  conductWindowDays: [1, 30],
  borrowMaxDays: [1, 365],
};

interface FormValues {
  bulletinNumberPrefix?: string;
  commonProblemMinOrganizations?: number | null;
  reminderAnswerDays?: number | null;
  reminderReanswerDays?: number | null;
  warnDays?: number | null;
  conductFollowUpDays?: number | null;
  conductWindowDays?: number | null;
  archiveFonds?: string | null;
  archiveRetention?: Partial<Record<TArchiveDocKind, TRetention>>;
  dualReport?: Partial<Record<TDualReportKind, { amount?: number | null; unit?: Unit }>>;
  borrowMaxDays?: number | null;
}

/** What the form shows of saved settings (an unset 全宗号 is an empty box). */
const toValues = (s: Settings): FormValues => ({ ...s, archiveFonds: s.archiveFonds ?? '' });

/**
 * The settings as the schema takes them: an empty 全宗号 is "not set" (null); every dual-report
 * rule counts after the hearing (the direction is the rule's own, never edited).
 */
export function settingsBody(v: FormValues): Record<string, unknown> {
  return {
    ...v,
    archiveFonds: v.archiveFonds?.trim() ? v.archiveFonds.trim() : null,
    dualReport: Object.fromEntries(
      DUAL_REPORT_KINDS.map((k) => [
        k,
        { amount: v.dualReport?.[k]?.amount, unit: v.dualReport?.[k]?.unit, direction: 'after' },
      ]),
    ),
  };
}

function NumberField({ k }: { k: NumberKey }) {
  const [min, max] = BOUNDS[k];
  return (
    <Col xs={24} md={12}>
      <Field
        name={k}
        label={GOVERNANCE_SETTING_LABELS[k]}
        extra={`取值范围 ${min} ~ ${max}，默认 ${DEFAULT_GOVERNANCE_SETTINGS[k]}`}
        required
      >
        <InputNumber min={min} max={max} precision={0} style={{ width: 160 }} />
      </Field>
    </Col>
  );
}

function PrefixPreview() {
  const prefix = Form.useWatch('bulletinNumberPrefix') as string | undefined;
  if (!prefix?.trim()) return null;
  return (
    <Typography.Text type="secondary">
      发文字号示例：{prefix.trim()}〔{dayjs().year()}〕1号
    </Typography.Text>
  );
}

function DualReportRules() {
  const values = Form.useWatch('dualReport') as FormValues['dualReport'];
  return (
    <Table<{ kind: TDualReportKind }>
      rowKey="kind"
      size="small"
      pagination={false}
      style={{ marginBottom: 16 }}
      dataSource={DUAL_REPORT_KINDS.map((kind) => ({ kind }))}
      columns={[
        { title: '报送事项', key: 'label', render: (_v, r) => DUAL_REPORT_KIND_LABELS[r.kind] },
        {
          title: '时限（书记专题会听取汇报后）',
          key: 'rule',
          width: 260,
          render: (_v, r) => (
            <Space.Compact>
              <Field name={['dualReport', r.kind, 'amount']} noStyle>
                <InputNumber
                  min={1}
                  max={365}
                  precision={0}
                  style={{ width: 100 }}
                  aria-label={`${DUAL_REPORT_KIND_LABELS[r.kind]}时限的数量`}
                />
              </Field>
              <Field name={['dualReport', r.kind, 'unit']} noStyle>
                <Select<Unit>
                  options={DEADLINE_UNITS.map((u) => ({ value: u, label: DEADLINE_UNIT_LABELS[u] }))}
                  style={{ width: 120 }}
                  aria-label={`${DUAL_REPORT_KIND_LABELS[r.kind]}时限的单位`}
                />
              </Field>
            </Space.Compact>
          ),
        },
        {
          title: '规则',
          key: 'preview',
          width: 240,
          render: (_v, r) => {
            const cur = values?.[r.kind];
            const def = DEFAULT_GOVERNANCE_SETTINGS.dualReport[r.kind];
            if (!cur?.amount || !cur.unit) return '—';
            const changed = cur.amount !== def.amount || cur.unit !== def.unit;
            return (
              <Space size={4} wrap>
                <span>{describeDualReportRule({ amount: cur.amount, unit: cur.unit, direction: 'after' })}</span>
                {changed && <Tag color="orange">默认{describeDualReportRule(def)}</Tag>}
              </Space>
            );
          },
        },
      ]}
    />
  );
}

function RetentionTable() {
  const values = Form.useWatch('archiveRetention') as FormValues['archiveRetention'];
  return (
    <Table<{ kind: TArchiveDocKind }>
      rowKey="kind"
      size="small"
      pagination={false}
      dataSource={ARCHIVE_DOC_KINDS.map((kind) => ({ kind }))}
      columns={[
        { title: '文件类别', key: 'label', render: (_v, r) => ARCHIVE_DOC_KIND_LABELS[r.kind] },
        {
          title: '档案门类',
          key: 'class',
          width: 120,
          render: (_v, r) => ARCHIVE_CLASS_LABELS[ARCHIVE_CLASS_OF[r.kind]],
        },
        {
          title: '保管期限',
          key: 'retention',
          width: 160,
          render: (_v, r) => (
            <Field name={['archiveRetention', r.kind]} noStyle>
              <Select<TRetention>
                options={RETENTIONS.map((t) => ({ value: t, label: RETENTION_LABELS[t] }))}
                style={{ width: 120 }}
                aria-label={`${ARCHIVE_DOC_KIND_LABELS[r.kind]}的保管期限`}
              />
            </Field>
          ),
        },
        {
          title: '',
          key: 'default',
          width: 110,
          render: (_v, r) =>
            values?.[r.kind] && values[r.kind] !== DEFAULT_ARCHIVE_RETENTION[r.kind] ? (
              <Tag color="orange">默认{RETENTION_LABELS[DEFAULT_ARCHIVE_RETENTION[r.kind]]}</Tag>
            ) : null,
        },
      ]}
    />
  );
}

function SettingsCard({ authorityId, canManage }: { authorityId: string; canManage: boolean }) {
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const q = useGovernanceSettings(authorityId);
  const kit = useSchemaForm({
    schema: ZGovernanceSettingsUpdate,
    toBody: (v: FormValues) => ({ version: q.data?.version, settings: settingsBody(v) }),
    rename: { settings: '' },
    mutationFn: (body) => putGovernanceSettings(authorityId, body),
    confirm: {
      title: '保存以巡促治设置',
      content:
        '保存后，新印发的通报编号、履责提示答复期限、双报告一报备时限、作风纪律测评和归档将按新设置执行。此项修改将记入审计日志。',
      okText: '确定保存',
    },
    success: '以巡促治设置已保存',
    onSuccess: (saved) => {
      queryClient.setQueryData(gak.settings(authorityId), saved);
      void queryClient.invalidateQueries({ queryKey: gak.all });
    },
    onError: staleSettings(modal, '设置', () => void q.refetch()),
  });

  const fondsUnset = q.data && !q.data.settings.archiveFonds;
  return (
    <SettingsFormCard
      title="本机构设置"
      query={q}
      kit={kit}
      toValues={toValues}
      name="governanceSettings"
      disabled={!canManage}
      formStyle={{ maxWidth: 960 }}
    >
      <Typography.Title level={5}>分类通报与履责提示</Typography.Title>
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <Field
            name="bulletinNumberPrefix"
            label={GOVERNANCE_SETTING_LABELS.bulletinNumberPrefix}
            extra={<PrefixPreview />}
            required
          >
            <Input maxLength={20} style={{ width: 220 }} placeholder="如：赣巡办" />
          </Field>
        </Col>
        <NumberField k="commonProblemMinOrganizations" />
        <NumberField k="reminderAnswerDays" />
        <NumberField k="reminderReanswerDays" />
        <NumberField k="warnDays" />
      </Row>
      <Divider />
      <Typography.Title level={5}>{GOVERNANCE_SETTING_LABELS.dualReport}</Typography.Title>
      <DualReportRules />
      <Divider />
      <Typography.Title level={5}>作风纪律评估</Typography.Title>
      <Row gutter={24}>
        <NumberField k="conductFollowUpDays" />
        <NumberField k="conductWindowDays" />
      </Row>
      <Divider />
      <Typography.Title level={5}>档案</Typography.Title>
      {fondsUnset && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="尚未设置全宗号，巡察不能归档"
          description="全宗号由同级档案馆（局）确定，设置后归档的文件按“全宗号-年度-类别-件号”编制档号。"
        />
      )}
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <Field name="archiveFonds" label={GOVERNANCE_SETTING_LABELS.archiveFonds} extra="1至12位字母或数字，如 X001">
            <Input maxLength={12} style={{ width: 220 }} placeholder="未设置" />
          </Field>
        </Col>
        <NumberField k="borrowMaxDays" />
      </Row>
      <Typography.Paragraph strong>{GOVERNANCE_SETTING_LABELS.archiveRetention}</Typography.Paragraph>
      <RetentionTable />
      {canManage && (
        <>
          <Divider />
          <Space>
            <Button type="primary" icon={<SaveOutlined />} loading={kit.pending} onClick={() => void kit.submit()}>
              保存设置
            </Button>
            <Button onClick={() => q.data && kit.form.setFieldsValue(toValues(q.data.settings))} disabled={kit.pending}>
              放弃修改
            </Button>
          </Space>
        </>
      )}
    </SettingsFormCard>
  );
}

/**
 * 以巡促治设置 of one authority: the bulletin number prefix, when a group of findings becomes a
 * common-problem candidate, answer and warning days, the conduct questionnaires' timing, the
 * dual-report deadlines, the 全宗号, retention per document kind and the longest borrowing.
 */
export default function GovernanceSettingsPage() {
  return (
    <AuthoritySettingsPage title="以巡促治设置" manage="governance:manage">
      {(authorityId, canManage) => <SettingsCard authorityId={authorityId} canManage={canManage} />}
    </AuthoritySettingsPage>
  );
}
