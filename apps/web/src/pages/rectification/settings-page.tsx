import { SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  EVALUATION_GRADE_LABELS,
  EVALUATION_GRADES,
  RECTIFICATION_SETTING_LABELS,
  REVIEW_PARTIES_MAX,
  REVIEW_PARTIES_MIN,
  type TEvaluationGrade,
  type TRectificationSettings,
  ZRectificationSettings,
  ZRectificationSettingsUpdate,
} from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Divider,
  Empty,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  getRectificationSettings,
  getReviewRoster,
  putRectificationSettings,
  rk,
  rkSettings,
  setReviewPartyMember,
  type TRectSettingsOut,
  type TReviewRosterOut,
} from '../../api/rectification.ts';
import { AuthoritySettingsPage, SettingsFormCard, staleSettings } from '../../components/authority-settings-page.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, RowList, useAction, useSchemaForm } from '../../components/form-kit/index.ts';

type Settings = TRectSettingsOut['settings'];
type Item = Settings['scorecard']['items'][number];
type Num = number | null | undefined;

/**
 * The form holds the settings flat: the scorecard's items, thresholds and weights sit at the top
 * (RowList takes one name), and the schema's paths are renamed back onto them.
 */
interface FormValues {
  warningWorkingDays?: Num;
  progressReportIntervalMonths?: Num;
  maxExtensionsPerTask?: Num;
  extensionBeforeDeadline?: boolean;
  evidenceFileRequired?: boolean;
  deferGrades?: TEvaluationGrade[];
  reviewParties?: { key?: string; name?: string }[];
  scorecardItems?: {
    key?: string;
    name?: string;
    maxDeduction?: Num;
    source?: Item['source'];
    fullMarksFrom?: Num;
    perPoint?: Num;
  }[];
  thresholds?: { good?: Num; fairlyGood?: Num; average?: Num };
  weights?: { office?: Num; team?: Num; society?: Num };
}

const DEFAULTS: TRectificationSettings = ZRectificationSettings.parse({});
const RENAME = { settings: '', scorecard: '', items: 'scorecardItems' };
const SOURCE_LABELS: Record<Item['source'], string> = { manual: '评估主体扣分', satisfaction: '按群众满意率扣分' };

export function toValues(s: Settings): FormValues {
  const { scorecard, ...rest } = s;
  return {
    ...rest,
    reviewParties: s.reviewParties.map((p) => ({ ...p })),
    scorecardItems: scorecard.items.map((i) => ({ ...i })),
    thresholds: { ...scorecard.thresholds },
    weights: { ...scorecard.weights },
  };
}

/** An empty number box is "not set" (undefined), so the schema names the missing value. */
const num = (v: Num) => (v === null ? undefined : v);

/**
 * The settings as the schema takes them. Codes of new parties and items are made here, never typed:
 * saved reviews and deductions refer to them, so an existing one keeps its code when renamed.
 */
export function settingsBody(v: FormValues): Record<string, unknown> {
  const taken = new Set([...(v.reviewParties ?? []), ...(v.scorecardItems ?? [])].map((r) => r?.key));
  const fresh = (prefix: string) => {
    let n = 1;
    while (taken.has(`${prefix}${n}`)) n++;
    taken.add(`${prefix}${n}`);
    return `${prefix}${n}`;
  };
  return {
    warningWorkingDays: num(v.warningWorkingDays),
    progressReportIntervalMonths: num(v.progressReportIntervalMonths),
    maxExtensionsPerTask: num(v.maxExtensionsPerTask),
    extensionBeforeDeadline: v.extensionBeforeDeadline ?? false,
    evidenceFileRequired: v.evidenceFileRequired ?? false,
    deferGrades: v.deferGrades ?? [],
    reviewParties: (v.reviewParties ?? []).map((p) => ({
      key: p?.key || fresh('party'),
      name: p?.name?.trim() ?? '',
    })),
    scorecard: {
      items: (v.scorecardItems ?? []).map((i) => {
        const source = i?.source ?? 'manual';
        return {
          key: i?.key || fresh('item'),
          name: i?.name?.trim() ?? '',
          maxDeduction: num(i?.maxDeduction),
          source,
          ...(source === 'satisfaction' ? { fullMarksFrom: num(i?.fullMarksFrom), perPoint: num(i?.perPoint) } : {}),
        };
      }),
      thresholds: {
        good: num(v.thresholds?.good),
        fairlyGood: num(v.thresholds?.fairlyGood),
        average: num(v.thresholds?.average),
      },
      weights: { office: num(v.weights?.office), team: num(v.weights?.team), society: num(v.weights?.society) },
    },
  };
}

/** A yes/no setting. */
function SwitchField({ k }: { k: 'extensionBeforeDeadline' | 'evidenceFileRequired' }) {
  return (
    <Col xs={24} md={8}>
      <Field name={k} label={RECTIFICATION_SETTING_LABELS[k]} valuePropName="checked">
        <Switch checkedChildren="是" unCheckedChildren="否" />
      </Field>
    </Col>
  );
}

function NumberField({
  k,
  min,
  max,
}: {
  k: 'warningWorkingDays' | 'progressReportIntervalMonths' | 'maxExtensionsPerTask';
  min: number;
  max: number;
}) {
  return (
    <Col xs={24} md={8}>
      <Field
        name={k}
        label={RECTIFICATION_SETTING_LABELS[k]}
        extra={`取值范围 ${min} ~ ${max}，默认 ${DEFAULTS[k]}`}
        required
      >
        <InputNumber min={min} max={max} precision={0} style={{ width: 160 }} />
      </Field>
    </Col>
  );
}

function ScorecardItemRow({ index }: { index: number }) {
  const source = Form.useWatch(['scorecardItems', index, 'source']) as Item['source'] | undefined;
  return (
    <>
      <Col flex="200px">
        <Field name={[index, 'name']} messageLabel="评分项名称">
          <Input maxLength={40} placeholder="评分项名称" aria-label={`第${index + 1}项评分项名称`} />
        </Field>
      </Col>
      <Col flex="130px">
        <Field name={[index, 'maxDeduction']} messageLabel="最高扣分">
          <InputNumber
            min={0.1}
            max={100}
            step={1}
            precision={1}
            placeholder="最高扣分"
            style={{ width: '100%' }}
            aria-label={`第${index + 1}项最高扣分`}
          />
        </Field>
      </Col>
      <Col flex="170px">
        <Field name={[index, 'source']}>
          <Select<Item['source']>
            options={(['manual', 'satisfaction'] as const).map((s) => ({ value: s, label: SOURCE_LABELS[s] }))}
            aria-label={`第${index + 1}项评分方式`}
          />
        </Field>
      </Col>
      {source === 'satisfaction' ? (
        <>
          <Col flex="150px">
            <Field name={[index, 'fullMarksFrom']} messageLabel="满意率不扣分线（%）">
              <InputNumber
                min={0}
                max={100}
                placeholder="不扣分线%"
                style={{ width: '100%' }}
                aria-label={`第${index + 1}项满意率不扣分线`}
              />
            </Field>
          </Col>
          <Col flex="150px">
            <Field name={[index, 'perPoint']} messageLabel="每低1个百分点扣分">
              <InputNumber
                min={0.1}
                max={100}
                placeholder="每低1点扣分"
                style={{ width: '100%' }}
                aria-label={`第${index + 1}项每低1个百分点扣分`}
              />
            </Field>
          </Col>
        </>
      ) : (
        <Col flex="auto" />
      )}
    </>
  );
}

function ScorecardTotals() {
  const items = Form.useWatch('scorecardItems') as FormValues['scorecardItems'];
  const weights = Form.useWatch('weights') as FormValues['weights'];
  // useWatch answers undefined until its first effect: say nothing rather than a red 权重合计 0%.
  if (!items || !weights) return null;
  // Tenths, as the schema sums them, so 0.1 + 0.2 does not show as 0.30000000000000004.
  const max = items.reduce((n, i) => n + Math.round((i?.maxDeduction ?? 0) * 10), 0) / 10;
  const w = (weights.office ?? 0) + (weights.team ?? 0) + (weights.society ?? 0);
  return (
    <Space size={8} wrap style={{ marginBottom: 16 }}>
      <Tag color={max > 100 ? 'red' : 'default'}>最高扣分合计 {max} 分（不超过100）</Tag>
      <Tag color={w === 100 ? 'default' : 'red'}>权重合计 {w}%（应为100）</Tag>
    </Space>
  );
}

function SettingsCard({ authorityId, canManage }: { authorityId: string; canManage: boolean }) {
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: rkSettings.settings(authorityId),
    queryFn: ({ signal }) => getRectificationSettings(authorityId, signal),
    staleTime: 0,
  });
  const kit = useSchemaForm({
    schema: ZRectificationSettingsUpdate,
    toBody: (v: FormValues) => ({ version: q.data?.version, settings: settingsBody(v) }),
    rename: RENAME,
    mutationFn: (body) => putRectificationSettings(authorityId, body),
    confirm: {
      title: '保存整改设置',
      content:
        '保存后，临期预警、延期、销号、进展报告、联合会审和整改评估将按新设置执行；已完成的会审和评估不受影响。此项修改将记入审计日志。',
      okText: '确定保存',
    },
    success: '整改设置已保存',
    onSuccess: (saved) => {
      queryClient.setQueryData(rkSettings.settings(authorityId), saved);
      void queryClient.invalidateQueries({ queryKey: rk.all });
    },
    onError: staleSettings(modal, '整改设置', () => void q.refetch()),
  });

  return (
    <SettingsFormCard
      title="整改设置"
      query={q}
      kit={kit}
      toValues={toValues}
      name="rectificationSettings"
      disabled={!canManage}
      formStyle={{ maxWidth: 1000 }}
      unchangedNote="尚未修改，使用默认设置"
      style={{ marginBottom: 16 }}
    >
      <Typography.Title level={5}>预警、延期与销号</Typography.Title>
      <Row gutter={24}>
        <NumberField k="warningWorkingDays" min={0} max={60} />
        <NumberField k="progressReportIntervalMonths" min={1} max={24} />
        <NumberField k="maxExtensionsPerTask" min={1} max={5} />
        <SwitchField k="extensionBeforeDeadline" />
        <SwitchField k="evidenceFileRequired" />
        <Col xs={24} md={8}>
          <Field
            name="deferGrades"
            label={RECTIFICATION_SETTING_LABELS.deferGrades}
            extra="评估为所选等次的单位在双公开时延后公示"
          >
            <Select<TEvaluationGrade[]>
              mode="multiple"
              allowClear
              placeholder="不延后公示"
              options={EVALUATION_GRADES.map((g) => ({ value: g, label: EVALUATION_GRADE_LABELS[g] }))}
            />
          </Field>
        </Col>
      </Row>
      <Divider />
      <Typography.Title level={5}>{RECTIFICATION_SETTING_LABELS.reviewParties}</Typography.Title>
      <Typography.Paragraph type="secondary">
        整改方案和整改报告须经{REVIEW_PARTIES_MIN}至{REVIEW_PARTIES_MAX}
        家单位联合会审，任一单位评为“差”即退回。删除某一单位后，原在该单位的会审人员须重新指定。
      </Typography.Paragraph>
      <RowList
        name="reviewParties"
        newRow={() => ({ name: '' })}
        addLabel="添加会审单位"
        removeLabel="删除该会审单位"
        max={REVIEW_PARTIES_MAX}
      >
        {(index) => (
          <Col flex="320px">
            <Field name={[index, 'name']} messageLabel="会审单位名称">
              <Input maxLength={40} placeholder="如：纪委监委" aria-label={`第${index + 1}家会审单位名称`} />
            </Field>
          </Col>
        )}
      </RowList>
      <Divider />
      <Typography.Title level={5}>{RECTIFICATION_SETTING_LABELS.scorecard}</Typography.Title>
      <Typography.Paragraph type="secondary">
        满分100分，按评分项扣分；“按群众满意率扣分”的项目以满意度测评结果计算，各评估主体相同。
      </Typography.Paragraph>
      <RowList
        name="scorecardItems"
        newRow={() => ({ name: '', source: 'manual' })}
        addLabel="添加评分项"
        removeLabel="删除该评分项"
        max={20}
        keepOne
      >
        {(index) => <ScorecardItemRow index={index} />}
      </RowList>
      <ScorecardTotals />
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <Typography.Paragraph strong>等次分数线（不低于）</Typography.Paragraph>
          <Space wrap>
            {(['good', 'fairlyGood', 'average'] as const).map((g) => (
              <Field key={g} name={['thresholds', g]} label={EVALUATION_GRADE_LABELS[g]}>
                <InputNumber min={0} max={100} style={{ width: 100 }} />
              </Field>
            ))}
          </Space>
          <Typography.Paragraph type="secondary">
            低于“{EVALUATION_GRADE_LABELS.average}”分数线为“差”
          </Typography.Paragraph>
        </Col>
        <Col xs={24} md={12}>
          <Typography.Paragraph strong>评估主体权重（%）</Typography.Paragraph>
          <Space wrap>
            {(
              [
                ['office', '巡察办'],
                ['team', '巡察组'],
                ['society', '社会评价'],
              ] as const
            ).map(([k, label]) => (
              <Field key={k} name={['weights', k]} label={label}>
                <InputNumber min={0} max={100} precision={0} style={{ width: 100 }} />
              </Field>
            ))}
          </Space>
        </Col>
      </Row>
      {canManage && (
        <>
          <Divider />
          <Space wrap>
            <Button type="primary" icon={<SaveOutlined />} loading={kit.pending} onClick={() => void kit.submit()}>
              保存设置
            </Button>
            <Button onClick={() => q.data && kit.form.setFieldsValue(toValues(q.data.settings))} disabled={kit.pending}>
              放弃修改
            </Button>
            <Button onClick={() => kit.form.setFieldsValue(toValues(DEFAULTS))} disabled={kit.pending}>
              填入默认值
            </Button>
          </Space>
        </>
      )}
    </SettingsFormCard>
  );
}

type Candidate = TReviewRosterOut['candidates'][number];

function RosterCard({ authorityId, canManage }: { authorityId: string; canManage: boolean }) {
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: rkSettings.roster(authorityId),
    queryFn: ({ signal }) => getReviewRoster(authorityId, signal),
  });
  const assign = useAction(
    (userId: string, party: string | null) => setReviewPartyMember(authorityId, { userId, party }),
    {
      success: (_r, _u, party) => (party ? '已指定会审单位' : '已取消其会审单位'),
      onSuccess: (roster) => queryClient.setQueryData(rkSettings.roster(authorityId), roster),
    },
  );
  const roster = q.data;
  const options = (roster?.parties ?? []).map((p) => ({ value: p.key, label: p.name }));
  const vacant = (roster?.parties ?? []).filter((p) => p.members.length === 0);
  return (
    <Card
      title="会审人员"
      extra={<Typography.Text type="secondary">每个会审单位由所指定的人员在“我的会审”中评定</Typography.Text>}
    >
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.isPending ? (
        <Skeleton active />
      ) : (
        roster && (
          <>
            <Space size={[8, 8]} wrap style={{ marginBottom: 16 }}>
              {roster.parties.map((p) => (
                <Tag key={p.key} color={p.members.length ? 'blue' : 'red'}>
                  {p.name}：{p.members.length ? p.members.map((m) => m.displayName).join('、') : '未指定'}
                </Tag>
              ))}
            </Space>
            {vacant.length > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title={`${vacant.map((p) => p.name).join('、')}尚未指定会审人员，联合会审将无法完成`}
              />
            )}
            <Table<Candidate>
              rowKey="userId"
              size="small"
              pagination={false}
              dataSource={roster.candidates}
              locale={{
                emptyText: (
                  <Empty description="本机构尚无联合会审人员账号：请在用户管理中为相关账号授予本机构的“联合会审人员”角色" />
                ),
              }}
              columns={[
                { title: '姓名', dataIndex: 'displayName' },
                { title: '账号', dataIndex: 'username' },
                {
                  title: '所属会审单位',
                  key: 'party',
                  width: 260,
                  render: (_v, c) => (
                    <Select<string | null>
                      value={c.party && options.some((o) => o.value === c.party) ? c.party : null}
                      options={options}
                      allowClear
                      placeholder="未指定"
                      disabled={!canManage}
                      loading={assign.running?.[0] === c.userId}
                      onChange={(v) => void assign.run(c.userId, v ?? null)}
                      style={{ width: 220 }}
                      aria-label={`${c.displayName}所属会审单位`}
                    />
                  ),
                },
              ]}
            />
          </>
        )
      )}
    </Card>
  );
}

/**
 * 整改设置 of one authority: warning days, extensions, 销号 evidence, the progress report interval,
 * which evaluation grades are deferred in 双公开, the joint review parties and the evaluation
 * scorecard; below it, which reviewer account sits for which party.
 */
export default function RectificationSettingsPage() {
  return (
    <AuthoritySettingsPage title="整改设置" manage="rectification:supervise">
      {(authorityId, canManage) => (
        <>
          <SettingsCard authorityId={authorityId} canManage={canManage} />
          <RosterCard authorityId={authorityId} canManage={canManage} />
        </>
      )}
    </AuthoritySettingsPage>
  );
}
