import { ArrowLeftOutlined, ArrowRightOutlined, CheckOutlined, FileAddOutlined, SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  ErrorCode,
  SURVEY_KIND_LABELS,
  SURVEY_KINDS,
  SURVEY_TEMPLATES,
  type SurveyTemplate,
  type TQuestion,
  type TSurveyKind,
  type TSurveyTargetType,
  ZSurveyCreate,
  ZSurveyUpdate,
} from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { errorText, isApiError } from '../../api/client.ts';
import {
  createSurvey,
  sk,
  type TSurveyCreateInput,
  type TSurveyOut,
  type TSurveyUpdateInput,
  updateSurvey,
} from '../../api/surveys.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { Field, SchemaForm, useSchemaForm } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { newQuestion, QuestionBuilder } from './question-builder.tsx';
import { readTargetParams, SurveyKindTag } from './shared.tsx';
import { SurveyPreview } from './survey-preview.tsx';
import { TargetPicker, type TargetValue } from './target-picker.tsx';

interface BasicForm {
  kind?: TSurveyKind;
  target?: TargetValue;
  title?: string;
  intro?: string;
  openCap?: number | null;
}

type Issue = { path: readonly PropertyKey[]; message: string };

/** The questions are not form fields: their problems go to the question cards and a summary. */
interface Problems {
  /** Messages per question id, shown in the question's card. */
  byQuestion: Record<string, string[]>;
  /** Everything, in order, for the summary above the save button. */
  summary: string[];
}

const NO_PROBLEMS: Problems = { byQuestion: {}, summary: [] };

/** Sorts zod issues into the question cards, with “第 N 题” in front; the form's fields show the rest. */
function sortIssues(issues: readonly Issue[], questions: readonly TQuestion[], keyQuestionId: string | null): Problems {
  const out: Problems = { byQuestion: {}, summary: [] };
  const addQ = (id: string, msg: string) => {
    const list = out.byQuestion[id] ?? [];
    if (!list.includes(msg)) list.push(msg);
    out.byQuestion[id] = list;
  };
  for (const iss of issues) {
    const [head, idx, sub, optIdx] = iss.path;
    if (head === 'questions' && typeof idx === 'number') {
      const q = questions[idx];
      const opt = sub === 'options' && typeof optIdx === 'number' ? `选项${String.fromCharCode(65 + optIdx)}：` : '';
      const msg = `${opt}${iss.message}`;
      if (q) addQ(q.id, msg);
      out.summary.push(`第 ${idx + 1} 题：${msg}`);
    } else if (head === 'keyQuestionId') {
      const i = questions.findIndex((q) => q.id === keyQuestionId);
      const q = questions[i];
      if (q) addQ(q.id, iss.message);
      out.summary.push(i >= 0 ? `第 ${i + 1} 题：${iss.message}` : iss.message);
    }
  }
  return out;
}

/** What is sent: grades only where they can count (single choice), scale fields only on scales. */
function cleanQuestions(qs: readonly TQuestion[]): TQuestion[] {
  return qs.map((q) => {
    const base = { id: q.id, type: q.type, title: q.title, required: q.required };
    if (q.type === 'single')
      return {
        ...base,
        options: q.options.map((o) => (o.grade ? { label: o.label, grade: o.grade } : { label: o.label })),
      };
    if (q.type === 'multiple') return { ...base, options: q.options.map((o) => ({ label: o.label })) };
    if (q.type === 'scale')
      return {
        ...base,
        options: [],
        scaleMax: q.scaleMax,
        ...(q.satisfiedFrom ? { satisfiedFrom: q.satisfiedFrom } : {}),
      };
    return { ...base, options: [] };
  });
}

const copyQuestions = (qs: readonly TQuestion[]): TQuestion[] =>
  qs.map((q) => ({ ...q, options: q.options.map((o) => ({ ...o })) }));

const BLANK_KEY = 'blank';
const templateKey = (t: SurveyTemplate) => t.kind;

function TemplateCards({ selected, onPick }: { selected: string | null; onPick: (key: string) => void }) {
  const cards = [
    ...SURVEY_TEMPLATES.map((t) => ({
      key: templateKey(t),
      kind: t.kind,
      title: t.title,
      intro: t.intro,
      questions: t.questions.length,
      keyIndex: t.questions.findIndex((q) => q.id === t.keyQuestionId),
    })),
    {
      key: BLANK_KEY,
      kind: 'custom' as const,
      title: '空白问卷',
      intro: '从一道空白题目开始，自行设计题目和选项。',
      questions: 0,
      keyIndex: -1,
    },
  ];
  return (
    <Row gutter={[16, 16]}>
      {cards.map((c) => (
        <Col key={c.key} xs={24} md={12} xl={6}>
          <Card
            hoverable
            onClick={() => onPick(c.key)}
            style={{ height: '100%', borderColor: selected === c.key ? '#1677ff' : undefined }}
            role="button"
            aria-label={c.title}
            aria-pressed={selected === c.key}
            title={
              <Space>
                {c.key === BLANK_KEY ? <FileAddOutlined /> : <SurveyKindTag kind={c.kind} />}
                {selected === c.key && <CheckOutlined style={{ color: '#1677ff' }} />}
              </Space>
            }
          >
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {c.title}
            </Typography.Title>
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }} style={{ minHeight: 66 }}>
              {c.intro}
            </Typography.Paragraph>
            <Space wrap>
              {c.questions > 0 && <Tag>{c.questions} 道题</Tag>}
              {c.keyIndex >= 0 && <Tag color="green">第 {c.keyIndex + 1} 题计算满意率</Tag>}
            </Space>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function ProblemSummary({ problems }: { problems: Problems }) {
  if (!problems.summary.length) return null;
  const shown = problems.summary.slice(0, 8);
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title="问卷内容有误，请按提示修改后再保存"
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {shown.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: messages may repeat
            <li key={i}>{m}</li>
          ))}
          {problems.summary.length > shown.length && <li>……共 {problems.summary.length} 处</li>}
        </ul>
      }
    />
  );
}

/**
 * Builds a survey: a new one in three steps (template → 问卷对象与说明 → 题目), or the draft
 * `survey` in place (its target and type are fixed once created). Validates with ZSurveyCreate /
 * ZSurveyUpdate before anything is sent.
 */
export function SurveyEditor({
  survey,
  preset,
  onSaved,
  onConflict,
  onDirtyChange,
}: {
  /** The draft to edit; without it a new survey is created. */
  survey?: TSurveyOut;
  /** The target a new survey starts with (from the URL). */
  preset?: TargetValue;
  onSaved?: (s: TSurveyOut) => void;
  /** 409 on save: the caller reloads the survey and remounts the editor. */
  onConflict?: () => void;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const editing = !!survey;
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [step, setStep] = useState(editing ? 2 : 0);
  const [template, setTemplate] = useState<string | null>(null);
  const [questions, setQuestions] = useState<TQuestion[]>(() => copyQuestions(survey?.questions ?? []));
  const [keyQuestionId, setKeyQuestionId] = useState<string | null>(survey?.keyQuestionId ?? null);
  const [version, setVersion] = useState(survey?.version ?? 0);
  const [attempted, setAttempted] = useState(false);
  const [dirty, setDirty] = useState(false);
  const kit = useSchemaForm({
    schema: survey ? ZSurveyUpdate : ZSurveyCreate,
    // The questions live beside the form; the body takes them as they are now.
    toBody: (v: BasicForm) => {
      const qs = cleanQuestions(questions);
      const intro = v.intro ?? '';
      return survey
        ? { version, title: v.title ?? '', intro, questions: qs, keyQuestionId, openCap: v.openCap ?? undefined }
        : {
            kind: v.kind,
            title: v.title ?? '',
            ...(intro.trim() ? { intro } : {}),
            targetType: v.target?.targetType,
            targetId: v.target?.targetId,
            questions: qs,
            keyQuestionId,
            openCap: v.openCap ?? undefined,
          };
    },
    rename: { targetType: 'target', targetId: 'target' },
    mutationFn: (body) =>
      survey ? updateSurvey(survey.id, body as TSurveyUpdateInput) : createSurvey(body as TSurveyCreateInput),
    success: survey ? '问卷已保存' : '问卷已创建（草稿），发布后即可扫码作答',
    invalidate: [['surveys', 'list']],
    onSuccess: (s) => {
      setDirty(false);
      qc.setQueryData(sk.detail(s.id), s);
      onSaved?.(s);
      if (survey) {
        setVersion(s.version);
        setAttempted(false);
      } else {
        navigate(`/fieldwork/surveys/${s.id}`);
        window.scrollTo({ top: 0 });
      }
    },
    onError: (e) => {
      if (!survey || !isApiError(e) || e.status !== 409) return false;
      message.warning(
        isApiError(e, ErrorCode.VersionConflict)
          ? '问卷已被他人修改，已加载最新内容，请重新修改'
          : `${errorText(e)}（已重新加载最新内容）`,
      );
      onConflict?.();
      return true;
    },
    // The questions' problems show in their cards once a save was tried (liveProblems below).
    onInvalid: (unplaced) => {
      if (unplaced.length) {
        message.error('问卷内容有误，请按提示修改');
        return;
      }
      if (!editing) setStep(1);
      message.error(editing ? '请完善基本信息' : '请完善问卷对象和基本信息');
    },
  });
  const { form } = kit;
  const saving = kit.pending;
  const title = Form.useWatch('title', form) ?? '';
  const intro = Form.useWatch('intro', form);

  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // After the first save attempt the question cards show their problems as they are fixed.
  const liveProblems = useMemo(() => {
    if (!attempted) return NO_PROBLEMS;
    const r = ZSurveyUpdate.safeParse({ version: 1, questions: cleanQuestions(questions), keyQuestionId });
    return r.success ? NO_PROBLEMS : sortIssues(r.error.issues, questions, keyQuestionId);
  }, [attempted, questions, keyQuestionId]);
  const problems = liveProblems;

  const changeQuestions = (qs: TQuestion[], key: string | null) => {
    setQuestions(qs);
    setKeyQuestionId(key);
    setDirty(true);
  };

  const applyTemplate = (key: string) => {
    const t = SURVEY_TEMPLATES.find((x) => templateKey(x) === key);
    const targetType: TSurveyTargetType = t?.kind === 'teamConduct' ? 'team' : 'inspection';
    const current = form.getFieldValue('target') as TargetValue | undefined;
    form.setFieldsValue({
      kind: t?.kind ?? 'custom',
      title: t?.title ?? '',
      intro: t?.intro ?? '',
      // A target from the URL stays; otherwise the type the template is usually about.
      ...(current?.targetId ? {} : { target: { targetType, targetId: undefined } }),
    });
    setQuestions(t ? copyQuestions(t.questions) : [newQuestion('q1', 'single')]);
    setKeyQuestionId(t?.keyQuestionId ?? null);
    setTemplate(key);
    setAttempted(false);
    setStep(1);
  };

  const pickTemplate = (key: string) => {
    if (template && dirty && key !== template) {
      modal.confirm({
        title: '更换模板？',
        content: '更换后，当前的标题、说明和题目将被新模板替换。',
        okText: '更换模板',
        cancelText: '取消',
        onOk: () => applyTemplate(key),
      });
      return;
    }
    if (key === template) setStep(1);
    else applyTemplate(key);
  };

  const save = () => {
    setAttempted(true);
    void kit.submit();
  };

  const basicFields = (
    <>
      {!editing && (
        <>
          <Field name="kind" label="问卷类型" required>
            <Select
              options={SURVEY_KINDS.map((k) => ({ value: k, label: SURVEY_KIND_LABELS[k] }))}
              style={{ width: 220 }}
            />
          </Field>
          <Field name="target" label="问卷对象" required>
            <TargetPicker />
          </Field>
        </>
      )}
      <Field name="title" label="问卷标题" required>
        <Input maxLength={100} showCount placeholder="如：××单位领导班子及其成员民主测评表" />
      </Field>
      <Field name="intro" label="问卷说明">
        <Input.TextArea
          maxLength={1000}
          showCount
          autoSize={{ minRows: 2, maxRows: 6 }}
          placeholder="显示在问卷开头，说明目的并承诺保密"
        />
      </Field>
      <Field
        name="openCap"
        label="每部手机最多答卷次数"
        required
        extra="扫描公开二维码作答时，同一部手机对本问卷最多可提交的次数；一次性链接每个只能提交一次，不受此限制。"
      >
        <InputNumber min={1} max={20} precision={0} style={{ width: 120 }} suffix="次" />
      </Field>
    </>
  );

  const builder = (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <QuestionBuilder
          questions={questions}
          keyQuestionId={keyQuestionId}
          errors={problems.byQuestion}
          onChange={changeQuestions}
        />
      </Col>
      <Col xs={24} xl={9}>
        <div style={{ position: 'sticky', top: 16 }}>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
            预览（群众在手机上看到的样子）
          </Typography.Text>
          <SurveyPreview title={title} intro={intro} questions={questions} />
        </div>
      </Col>
    </Row>
  );

  const initialValues: Partial<BasicForm> = survey
    ? { title: survey.title, intro: survey.intro ?? '', openCap: survey.openCap }
    : { kind: 'custom', openCap: 2, title: '', intro: '', target: preset ?? { targetType: 'inspection' } };

  const form_ = (
    <SchemaForm
      kit={kit}
      layout="horizontal"
      labelCol={{ flex: '180px' }}
      wrapperCol={{ flex: '1 1 0', style: { minWidth: 0 } }}
      initialValues={initialValues}
      onValuesChange={() => setDirty(true)}
      style={{ maxWidth: 1000 }}
    >
      {basicFields}
    </SchemaForm>
  );

  if (editing) {
    return (
      <div>
        <Card size="small" title="基本信息" style={{ marginBottom: 16 }}>
          {form_}
        </Card>
        <Card size="small" title="题目" style={{ marginBottom: 16 }}>
          {builder}
        </Card>
        <ProblemSummary problems={problems} />
        <Space>
          <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={save}>
            保存修改
          </Button>
          {dirty ? <Tag color="gold">有未保存的修改</Tag> : <Typography.Text type="secondary">已保存</Typography.Text>}
        </Space>
      </div>
    );
  }

  return (
    <Card>
      <Steps
        current={step}
        onChange={(s) => (s === 0 || template ? setStep(s) : undefined)}
        items={[
          { title: '选择模板', content: '三种常用问卷或空白问卷' },
          { title: '问卷对象与说明', content: '对象、标题、答卷次数', disabled: !template },
          { title: '编辑题目', content: '题型、选项、满意度题目', disabled: !template },
        ]}
        style={{ marginBottom: 24 }}
      />
      <div hidden={step !== 0}>
        <TemplateCards selected={template} onPick={pickTemplate} />
      </div>
      <div hidden={step !== 1}>{form_}</div>
      <div hidden={step !== 2}>{builder}</div>
      {step > 0 && (
        <div style={{ marginTop: 24 }}>
          {step === 2 && <ProblemSummary problems={problems} />}
          <Space>
            <Button icon={<ArrowLeftOutlined />} onClick={() => setStep(step - 1)}>
              上一步
            </Button>
            {step === 1 && (
              <Button
                type="primary"
                onClick={() =>
                  void form
                    .validateFields()
                    .then(() => setStep(2))
                    .catch(() => message.error('请完善问卷对象和基本信息'))
                }
              >
                下一步
                <ArrowRightOutlined />
              </Button>
            )}
            {step === 2 && (
              <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={save}>
                保存草稿
              </Button>
            )}
            {step === 2 && <Typography.Text type="secondary">保存后为草稿，发布前可以继续修改题目</Typography.Text>}
          </Space>
        </div>
      )}
    </Card>
  );
}

export default function SurveyEditPage() {
  usePageMeta([{ title: '新建问卷' }]);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const t = readTargetParams(params);
  // The most specific target of the URL: an inspection, else a team, else a round.
  const preset: TargetValue | undefined = t.inspectionId
    ? { targetType: 'inspection', targetId: t.inspectionId }
    : t.teamId
      ? { targetType: 'team', targetId: t.teamId }
      : t.roundId
        ? { targetType: 'round', targetId: t.roundId }
        : undefined;
  return (
    <div>
      <PageHeader
        title="新建问卷"
        sub="从模板开始，选择问卷对象，再编辑题目；保存后为草稿，发布后群众即可扫码作答"
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/fieldwork/surveys')}>
            返回问卷列表
          </Button>
        }
      />
      <SurveyEditor preset={preset} />
    </div>
  );
}
