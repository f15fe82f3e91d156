import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as S from './schemas.ts';

const ID = '0190a6b2-0000-7000-8000-000000000001';
const ID2 = '0190a6b2-0000-7000-8000-000000000002';
const first = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe('labels', () => {
  it('give every value of every enum a Chinese label', () => {
    const pairs: [readonly string[], Record<string, string>][] = [
      [S.FEEDBACK_COPY_RECIPIENTS, S.FEEDBACK_COPY_RECIPIENT_LABELS],
      [S.TASK_KINDS, S.TASK_KIND_LABELS],
      [S.TASK_STATUSES, S.TASK_STATUS_LABELS],
      [S.LEDGER_STATUSES, S.LEDGER_STATUS_LABELS],
      [S.TASK_EVENTS, S.TASK_EVENT_LABELS],
      [S.EXTENSION_STATUSES, S.EXTENSION_STATUS_LABELS],
      [S.TASK_WARNINGS, S.TASK_WARNING_LABELS],
      [S.REVIEW_RATINGS, S.REVIEW_RATING_LABELS],
      [S.REVIEW_SUBJECTS, S.REVIEW_SUBJECT_LABELS],
      [S.SUBMISSION_STATUSES, S.SUBMISSION_STATUS_LABELS],
      [S.JOINT_REVIEW_OUTCOMES, S.JOINT_REVIEW_OUTCOME_LABELS],
      [S.REPORT_KINDS, S.REPORT_KIND_LABELS],
      [S.MONEY_KINDS, S.MONEY_KIND_LABELS],
      [S.ACCOUNTABILITY_FORMS, S.ACCOUNTABILITY_FORM_LABELS],
      [S.RULE_MAKING_KINDS, S.RULE_MAKING_KIND_LABELS],
      [S.EVALUATION_GRADES, S.EVALUATION_GRADE_LABELS],
      [S.EVALUATION_RATERS, S.EVALUATION_RATER_LABELS],
      [S.PUBLICATION_VERSIONS, S.PUBLICATION_VERSION_LABELS],
      [S.WITHHOLD_REASONS, S.WITHHOLD_REASON_LABELS],
      [S.PUBLICATION_BATCH_STATUSES, S.PUBLICATION_BATCH_STATUS_LABELS],
      [S.RECHECK_RESULTS, S.RECHECK_RESULT_LABELS],
      [S.REMINDER_KINDS, S.REMINDER_KIND_LABELS],
    ];
    for (const [values, labels] of pairs) {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const v of values) expect(labels[v]).toMatch(/\p{Script=Han}/u);
    }
  });

  it('use the words of domain.md', () => {
    expect(S.TASK_KIND_LABELS).toEqual({ immediate: '立行立改', timeLimited: '限期整改', longTerm: '长期坚持' });
    expect(S.TASK_STATUS_LABELS).toEqual({ done: '完成', ongoing: '阶段性成果持续整改', undone: '未完成' });
    expect(S.REVIEW_RATING_LABELS).toEqual({ good: '好', fair: '中', poor: '差' });
    expect(S.EVALUATION_GRADE_LABELS).toEqual({ good: '好', fairlyGood: '较好', average: '一般', poor: '差' });
    expect(S.DEFAULT_REVIEW_PARTIES.map((p) => p.name)).toEqual(['纪委监委', '组织部', '宣传部', '巡察办', '巡察组']);
  });
});

describe('ZFeedbackCreate', () => {
  const ok = {
    meetingDate: '2025-06-10',
    attendees: ['王五', '赵六'],
    speakers: ['巡察组组长李某', '主要负责人王五'],
    oneToOneOn: '2025-06-10',
    mainLeaderName: '王五',
  };

  it('records a 反馈会 with defaults for the lists', () => {
    expect(S.ZFeedbackCreate.parse(ok)).toEqual({ ...ok, copies: [], assignedMatterIds: [] });
    const full = S.ZFeedbackCreate.parse({
      ...ok,
      orgId: ID,
      notes: '会前沟通，大会反馈',
      copies: [
        { recipient: 'sectorLeader', name: '分管副市长', sentOn: '2025-06-11', readOn: '2025-06-12' },
        { recipient: 'disciplineCommission', name: '市纪委监委' },
      ],
      assignedMatterIds: [ID2],
    });
    expect(full.copies).toHaveLength(2);
  });

  it.each([
    [{ oneToOneOn: '2025-06-11' }, '向主要负责人个别反馈应在反馈会当天或之前'],
    [{ attendees: [] }, '请至少填写一名参会人员'],
    [{ attendees: ['王五', '王五'] }, '参会人员有重复'],
    [{ speakers: [] }, '请至少填写一名讲话人'],
    [{ mainLeaderName: ' ' }, '主要负责人姓名不能为空'],
    [{ mainLeaderName: '王\u202E五' }, '主要负责人姓名包含不允许的控制字符或方向控制字符'],
    [{ meetingDate: '2025-02-30' }, '反馈会日期不是有效日期'],
    [{ copies: [{ recipient: 'mayor', name: '市长' }] }, '抄告对象类别不在可选范围内'],
    [
      { copies: [{ recipient: 'competentDept', name: '市教育局', readOn: '2025-06-12' }] },
      '尚未抄告，不能登记阅知日期',
    ],
    [
      { copies: [{ recipient: 'competentDept', name: '市教育局', sentOn: '2025-06-12', readOn: '2025-06-11' }] },
      '阅知日期不能早于抄告日期',
    ],
    [
      { copies: [{ recipient: 'competentDept', name: '市教育局', sentOn: '2025-06-09' }] },
      '抄告日期不能早于反馈会日期',
    ],
  ])('refuses %j', (patch, message) => {
    expect(first(S.ZFeedbackCreate.safeParse({ ...ok, ...patch }))).toBe(message);
  });

  it('refuses unknown fields', () => {
    expect(S.ZFeedbackCreate.safeParse({ ...ok, recordedBy: 'x' }).success).toBe(false);
  });
});

describe('tasks', () => {
  const body = {
    kind: 'timeLimited',
    measures: '全面清理违规发放的津补贴，逐人核算并限期退回',
    responsibleLeader: '王五',
    responsibleDept: '计划财务科',
    deadline: '2025-08-31',
  };

  it('takes the contract body exactly, and refuses the server’s own flag', () => {
    expect(S.ZTaskCreate.parse(body)).toEqual(body);
    expect(S.ZTaskCreate.safeParse({ ...body, enteredByOffice: true }).success).toBe(false);
    for (const kind of ['immediate', 'timeLimited', 'longTerm'])
      expect(S.ZTaskCreate.safeParse({ ...body, kind }).success).toBe(true);
    expect(first(S.ZTaskCreate.safeParse({ ...body, kind: 'someday' }))).toBe('整改类型不在可选范围内');
    expect(S.ZTaskCreate.safeParse({ ...body, deadline: undefined }).success).toBe(false);
    expect(first(S.ZTaskCreate.safeParse({ ...body, measures: '' }))).toBe('整改措施不能为空');
    expect(S.ZTaskCreate.parse({ ...body, goal: '年底前全部退回', responsiblePerson: '李四' }).goal).toBe(
      '年底前全部退回',
    );
  });

  it('takes the status and extension bodies of the contract', () => {
    expect(S.ZTaskStatusUpdate.parse({ status: 'done', note: '已全部退回' })).toEqual({
      status: 'done',
      note: '已全部退回',
    });
    expect(first(S.ZTaskStatusUpdate.safeParse({ status: 'done', note: '' }))).toBe('整改进展情况不能为空');
    expect(first(S.ZTaskStatusUpdate.safeParse({ status: 'writtenOff', note: '已销号' }))).toBe(
      '整改状态不在可选范围内',
    );
    expect(S.ZExtensionCreate.parse({ reason: '涉及跨部门协调', newDeadline: '2025-10-31' })).toEqual({
      reason: '涉及跨部门协调',
      newDeadline: '2025-10-31',
    });
    expect(S.ZTaskWriteOff.parse({})).toEqual({});
  });

  it('requires a reason for a red card and sends the task back to 未完成 by default', () => {
    expect(S.ZRedCard.parse({ reason: '佐证材料仅有会议通知，无整改实效' })).toEqual({
      reason: '佐证材料仅有会议通知，无整改实效',
      returnTo: 'undone',
    });
    expect(first(S.ZRedCard.safeParse({ reason: '敷衍' }))).toBe('红牌理由至少5个字');
    expect(S.ZRedCard.safeParse({ reason: '佐证材料敷衍应付', returnTo: 'done' }).success).toBe(false);
  });

  it('queries the ledger with the contract’s filters', () => {
    expect(S.ZTaskListQuery.parse({})).toEqual({ limit: 20 });
    expect(S.ZTaskListQuery.parse({ termId: ID, warning: 'red', limit: '200' })).toEqual({
      termId: ID,
      warning: 'red',
      limit: 200,
    });
    expect(first(S.ZTaskListQuery.safeParse({ limit: '201' }))).toBe('每页最多200条');
    expect(first(S.ZTaskListQuery.safeParse({ limit: '0' }))).toBe('每页至少1条');
    expect(first(S.ZTaskListQuery.safeParse({ warning: 'orange' }))).toBe('预警等级只能是 red、yellow 或 green');
    expect(S.ZTaskListQuery.parse({ status: 'writtenOff', redCard: 'true' }).status).toBe('writtenOff');
    expect(S.ZTaskListQuery.safeParse({ sort: 'x' }).success).toBe(false);
  });
});

describe('ZOutcomeAdd', () => {
  it('takes the contract body', () => {
    expect(S.ZOutcomeAdd.parse({ moneyRecovered: '123.45', accountable: 2, rulesMade: 1 })).toEqual({
      moneyRecovered: '123.45',
      accountable: 2,
      rulesMade: 1,
    });
    expect(S.ZOutcomeAdd.parse({ rulesMade: 3 })).toEqual({ moneyRecovered: '0', accountable: 0, rulesMade: 3 });
  });

  it.each([
    [{ moneyRecovered: 123.45 }, '挽回经济损失应为文本形式的数字，单位万元，如 "123.45"'],
    [{ moneyRecovered: '1.234' }, '挽回经济损失最多保留两位小数（万元）'],
    [{ moneyRecovered: '-5' }, '挽回经济损失不能为负数'],
    [{ accountable: -1 }, '追责问责人数不能为负数'],
    [{ accountable: 1.5 }, '追责问责人数必须是整数'],
    [{ moneyRecovered: '0.00', accountable: 0, rulesMade: 0 }, '请至少填写一项整改成效'],
    [{ accountable: 3, accountableByForm: { first: 1, second: 1 } }, '按“四种形态”分列的人数之和应等于追责问责人数'],
    [{ moneyRecovered: '0', rulesMade: 1, moneyKind: 'refunded' }, '未填写金额，不能选择资金类别'],
  ])('refuses %j', (patch, message) => {
    expect(first(S.ZOutcomeAdd.safeParse({ moneyRecovered: '1', accountable: 0, rulesMade: 0, ...patch }))).toBe(
      message,
    );
  });

  it('accepts a split by 四种形态 that adds up', () => {
    expect(
      S.ZOutcomeAdd.safeParse({ accountable: 3, accountableByForm: { first: 2, third: 1 }, moneyKind: undefined })
        .success,
    ).toBe(true);
  });
});

describe('the register and the records', () => {
  it('registers a rule made because of findings', () => {
    const r = {
      title: '市教育局津补贴发放管理办法',
      kind: 'made',
      issuedOn: '2025-07-01',
      issuingBody: '中共市教育局党组',
      findingIds: [ID],
    };
    expect(S.ZRuleMakingCreate.parse(r)).toEqual(r);
    expect(first(S.ZRuleMakingCreate.safeParse({ ...r, findingIds: [] }))).toBe('请至少关联一个巡察发现的问题');
    expect(first(S.ZRuleMakingCreate.safeParse({ ...r, findingIds: [ID, ID] }))).toBe('关联问题有重复');
    expect(first(S.ZRuleMakingCreate.safeParse({ ...r, kind: 'suspended' }))).toBe('制度类别只能是制定、修订或废止');
  });

  it('records a 专题民主生活会', () => {
    const m = { heldOn: '2025-07-15', attendees: ['王五', '赵六'], criticismItems: 23 };
    expect(S.ZDemocraticLifeMeetingCreate.parse(m)).toEqual({ ...m, supervisors: [] });
    expect(first(S.ZDemocraticLifeMeetingCreate.safeParse({ ...m, criticismItems: -1 }))).toBe(
      '批评意见条数不能为负数',
    );
  });

  it('takes a report with its text or files, numbered when it is a progress report', () => {
    const r = { kind: 'rectificationReport', title: '关于巡察整改情况的报告', content: '……' };
    expect(S.ZRectificationReportCreate.parse(r)).toEqual({ ...r, fileIds: [] });
    expect(first(S.ZRectificationReportCreate.safeParse({ ...r, content: '' }))).toBe('请填写报告正文或上传报告文件');
    expect(first(S.ZRectificationReportCreate.safeParse({ ...r, kind: 'progressReport' }))).toBe(
      '请填写第几次持续整改进展报告',
    );
    expect(first(S.ZRectificationReportCreate.safeParse({ ...r, seq: 1 }))).toBe('只有持续整改进展报告才有期次');
  });

  it('asks a 差 rating for its comments', () => {
    expect(first(S.ZReviewRatingCreate.safeParse({ party: 'discipline', rating: 'poor' }))).toBe(
      '评为“差”须填写会审意见（至少5个字）',
    );
    expect(S.ZReviewRatingCreate.parse({ party: 'discipline', rating: 'good' })).toEqual({
      party: 'discipline',
      rating: 'good',
      comments: '',
    });
    expect(S.ZReviewRatingCreate.safeParse({ party: '__proto__', rating: 'good' }).success).toBe(false);
  });
});

describe('ZRectificationSettings', () => {
  it('fills every key with its default, without sharing the default objects', () => {
    const s = S.ZRectificationSettings.parse({});
    expect(s).toEqual({
      warningWorkingDays: 5,
      progressReportIntervalMonths: 6,
      extensionBeforeDeadline: true,
      maxExtensionsPerTask: 1,
      evidenceFileRequired: false,
      deferGrades: ['poor'],
      reviewParties: S.DEFAULT_REVIEW_PARTIES,
      scorecard: S.DEFAULT_SCORECARD,
    });
    s.reviewParties[0]!.name = '改了';
    s.scorecard.items[0]!.maxDeduction = 1;
    s.deferGrades.push('average');
    expect(S.ZRectificationSettings.parse({})).toEqual(S.ZRectificationSettings.parse({}));
    expect(S.DEFAULT_REVIEW_PARTIES[0]?.name).toBe('纪委监委');
    expect(S.DEFAULT_SCORECARD.items[0]?.maxDeduction).toBe(15);
    expect(S.ZRectificationSettings.parse({}).deferGrades).toEqual(['poor']);
    expect(Object.keys(S.RECTIFICATION_SETTING_LABELS).sort()).toEqual(Object.keys(s).sort());
    expect(Object.isFrozen(S.DEFAULT_SCORECARD.items[5])).toBe(true);
    expect(Object.isFrozen(S.DEFAULT_RECTIFICATION_SETTINGS.deferGrades)).toBe(true);
    expect(Object.isFrozen(S.DEFAULT_REVIEW_PARTIES[0])).toBe(true);
  });

  it('keeps the review parties between 3 and 5, each once', () => {
    const parties = S.DEFAULT_REVIEW_PARTIES.map((p) => ({ ...p }));
    expect(first(S.ZRectificationSettings.safeParse({ reviewParties: parties.slice(0, 2) }))).toBe(
      '联合会审单位至少3家',
    );
    expect(
      first(S.ZRectificationSettings.safeParse({ reviewParties: [...parties, { key: 'audit', name: '审计局' }] })),
    ).toBe('联合会审单位最多5家');
    expect(S.ZRectificationSettings.safeParse({ reviewParties: parties.slice(0, 3) }).success).toBe(true);
    expect(
      first(
        S.ZRectificationSettings.safeParse({
          reviewParties: [...parties.slice(0, 3), { key: 'discipline', name: '审计局' }],
        }),
      ),
    ).toBe('会审单位编码有重复');
  });

  it('bounds the numbers', () => {
    expect(first(S.ZRectificationSettings.safeParse({ warningWorkingDays: -1 }))).toBe('临期预警天数不能为负数');
    expect(first(S.ZRectificationSettings.safeParse({ progressReportIntervalMonths: 0 }))).toBe(
      '进展报告间隔至少1个月',
    );
    expect(S.ZRectificationSettings.safeParse({ unknown: 1 }).success).toBe(false);
  });
});

describe('JSON Schema', () => {
  it('describes every request (input) and response (output) schema, so the API documents them', () => {
    const requests = [
      S.ZFeedbackCreate,
      S.ZFeedbackUpdate,
      S.ZTaskCreate,
      S.ZTaskUpdate,
      S.ZTaskStatusUpdate,
      S.ZRedCard,
      S.ZTaskWriteOff,
      S.ZTaskReopen,
      S.ZEvidenceMeta,
      S.ZExtensionCreate,
      S.ZExtensionApprove,
      S.ZExtensionReject,
      S.ZReviewRatingCreate,
      S.ZRectificationReportCreate,
      S.ZDemocraticLifeMeetingCreate,
      S.ZOutcomeAdd,
      S.ZRuleMakingCreate,
      S.ZEvaluationDeductions,
      S.ZEvaluationConclude,
      S.ZScorecard,
      S.ZPublicationItemUpdate,
      S.ZPublicationBatchCreate,
      S.ZDeferral,
      S.ZPublicationApprove,
      S.ZRecheckCreate,
      S.ZRectificationSettingsUpdate,
      S.ZTaskListQuery,
    ];
    for (const s of requests) expect(() => z.toJSONSchema(s, { io: 'input' })).not.toThrow();
    const responses = [
      S.ZFeedback,
      S.ZTaskList,
      S.ZTaskDetail,
      S.ZExtension,
      S.ZJointReview,
      S.ZReviewQueue,
      S.ZRectificationReport,
      S.ZDemocraticLifeMeeting,
      S.ZOutcome,
      S.ZRuleMaking,
      S.ZRectificationSummary,
      S.ZEvaluation,
      S.ZPublicationBatch,
      S.ZPublicNotice,
      S.ZRecheck,
      S.ZRectificationSettingsResponse,
      S.ZReminderDigest,
    ];
    for (const s of responses) expect(() => z.toJSONSchema(s, { io: 'output' })).not.toThrow();
  });

  it('answers the summary contract’s exact keys', () => {
    expect(Object.keys(S.ZRectificationSummary.shape)).toEqual([
      'findings',
      'rectified',
      'ongoing',
      'undone',
      'rate',
      'extensions',
      'moneyRecovered',
      'accountable',
      'rulesMade',
    ]);
  });

  it('lets the settings response carry what the settings parse to', () => {
    expect(S.ZRectificationSettingsOut.parse(S.ZRectificationSettings.parse({}))).toEqual(
      S.ZRectificationSettings.parse({}),
    );
  });
});
