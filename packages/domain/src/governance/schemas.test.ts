import { describe, expect, it } from 'vitest';
import {
  ARCHIVE_CLASS_LABELS,
  ARCHIVE_CLASSES,
  BULLETIN_STATUS_LABELS,
  BULLETIN_STATUSES,
  COMMON_PROBLEM_EXAMPLES,
  CONDUCT_STAGE_LABELS,
  CONDUCT_STAGES,
  DEFAULT_GOVERNANCE_SETTINGS,
  DUAL_REPORT_KIND_LABELS,
  DUAL_REPORT_KINDS,
  describeDualReportRule,
  GOVERNANCE_SETTING_LABELS,
  POLICY_PROBLEM_STATUS_LABELS,
  POLICY_PROBLEM_STATUSES,
  RECIPIENT_KIND_LABELS,
  RECIPIENT_KINDS,
  REMINDER_STATUS_LABELS,
  REMINDER_STATUSES,
  RETENTION_LABELS,
  RETENTIONS,
  ZBulletinCreate,
  ZCommonProblemConfirm,
  ZDutyReminderCreate,
  ZDutyReminderJudge,
  ZGovernanceSettings,
  ZPolicyConsultationCreate,
  ZPolicyConsultationListItem,
} from './schemas.ts';

const id = (n: number) => `019a0000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const messages = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe('labels', () => {
  it('name every value in Chinese', () => {
    const pairs: [readonly string[], Record<string, string>][] = [
      [RECIPIENT_KINDS, RECIPIENT_KIND_LABELS],
      [BULLETIN_STATUSES, BULLETIN_STATUS_LABELS],
      [REMINDER_STATUSES, REMINDER_STATUS_LABELS],
      [POLICY_PROBLEM_STATUSES, POLICY_PROBLEM_STATUS_LABELS],
      [DUAL_REPORT_KINDS, DUAL_REPORT_KIND_LABELS],
      [CONDUCT_STAGES, CONDUCT_STAGE_LABELS],
      [ARCHIVE_CLASSES, ARCHIVE_CLASS_LABELS],
      [RETENTIONS, RETENTION_LABELS],
      [Object.keys(DEFAULT_GOVERNANCE_SETTINGS), GOVERNANCE_SETTING_LABELS],
    ];
    for (const [values, labels] of pairs) {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const v of values) expect(labels[v]).toMatch(/\p{Script=Han}/u);
    }
  });
});

describe('common problems', () => {
  it('accept the seed’s examples', () => {
    for (const [i, ex] of COMMON_PROBLEM_EXAMPLES.entries())
      expect(ZCommonProblemConfirm.safeParse({ termId: id(1), findingIds: [id(10 + i)], ...ex }).success).toBe(true);
  });

  it('need findings, once each', () => {
    const base = { termId: id(1), name: '黑车非法营运', description: '说明', sector: '交通' };
    expect(messages(ZCommonProblemConfirm.safeParse({ ...base, findingIds: [] }))).toEqual(['请至少选择一个问题']);
    expect(messages(ZCommonProblemConfirm.safeParse({ ...base, findingIds: [id(2), id(2)] }))).toEqual(['问题有重复']);
    expect(ZCommonProblemConfirm.safeParse({ ...base, findingIds: [id(2)], sector: '不存在' }).success).toBe(false);
  });
});

describe('ZBulletinCreate', () => {
  const bulletin = {
    termId: id(1),
    sector: '政法',
    title: '关于政法系统巡察发现共性问题的通报',
    commonProblemIds: [id(2)],
    recipients: [
      { kind: 'sectorLeader', name: '张三同志', userId: id(3) },
      { kind: 'competentDept', name: '市公安局党委', orgId: id(4) },
    ],
    requestedActions: '请督促分管领域抓好整改。',
  };

  it('accepts a bulletin, giving counts only unless asked to name organizations', () => {
    const b = ZBulletinCreate.parse(bulletin);
    expect(b.nameOrganizations).toBe(false);
  });

  it('needs a department’s organization, recipients once each, and no unknown field', () => {
    expect(
      messages(
        ZBulletinCreate.safeParse({ ...bulletin, recipients: [{ kind: 'competentDept', name: '市公安局党委' }] }),
      ),
    ).toEqual(['主管部门须选择对应的单位']);
    expect(
      messages(
        ZBulletinCreate.safeParse({ ...bulletin, recipients: [bulletin.recipients[1], bulletin.recipients[1]] }),
      ),
    ).toEqual(['主管部门“市公安局党委”重复']);
    expect(messages(ZBulletinCreate.safeParse({ ...bulletin, recipients: [] }))).toEqual(['请至少选择一个接收对象']);
    expect(messages(ZBulletinCreate.safeParse({ ...bulletin, commonProblemIds: [] }))).toEqual([
      '请至少选择一个共性问题',
    ]);
    expect(ZBulletinCreate.safeParse({ ...bulletin, number: '赣巡办〔2026〕1号' }).success).toBe(false);
  });

  it('checks text as everywhere: control characters, lengths in code points', () => {
    expect(messages(ZBulletinCreate.safeParse({ ...bulletin, title: '通报\u202E' }))).toEqual([
      '通报标题包含不允许的控制字符或方向控制字符',
    ]);
    expect(messages(ZBulletinCreate.safeParse({ ...bulletin, title: '𠀀'.repeat(101) }))).toEqual([
      '通报标题不能超过100个字',
    ]);
    expect(ZBulletinCreate.safeParse({ ...bulletin, title: '𠀀'.repeat(100) }).success).toBe(true);
  });
});

describe('duty reminders', () => {
  const reminder = {
    termId: id(1),
    recipient: { kind: 'sectorLeader', name: '李四同志', userId: id(2) },
    content: '请督促分管领域抓好公职人员参与民间借贷问题整改。',
  };

  it('take working days or a date, not both', () => {
    expect(ZDutyReminderCreate.safeParse(reminder).success).toBe(true);
    expect(ZDutyReminderCreate.safeParse({ ...reminder, answerDueInWorkingDays: 15 }).success).toBe(true);
    expect(ZDutyReminderCreate.safeParse({ ...reminder, dueOn: '2026-03-31' }).success).toBe(true);
    expect(
      messages(ZDutyReminderCreate.safeParse({ ...reminder, answerDueInWorkingDays: 15, dueOn: '2026-03-31' })),
    ).toEqual(['答复期限和答复截止日期只能填写一项']);
    expect(messages(ZDutyReminderCreate.safeParse({ ...reminder, answerDueInWorkingDays: 0 }))).toEqual([
      '答复期限不能少于1',
    ]);
  });

  it('need a reason when an answer is judged insufficient', () => {
    expect(ZDutyReminderJudge.safeParse({ version: 1, judgement: 'answered' }).success).toBe(true);
    expect(messages(ZDutyReminderJudge.safeParse({ version: 1, judgement: 'insufficient', comment: '不行' }))).toEqual([
      '认定答复不充分须写明理由（至少5个字）',
    ]);
    expect(
      ZDutyReminderJudge.safeParse({ version: 1, judgement: 'insufficient', comment: '未说明整改措施和时限' }).success,
    ).toBe(true);
  });
});

describe('policy consultations', () => {
  const problem = {
    summary: '国企负责人违规兼职取酬',
    conclusion: '出台市属国有企业负责人履职待遇管理实施意见',
    leadDept: '市国资委',
    dueOn: '2026-06-30',
  };
  const session = {
    termId: id(1),
    heldOn: '2026-03-10',
    title: '国企负责人薪酬问题政策会商',
    departments: ['市国资委', '市人社局'],
    problems: [problem],
  };

  it('accept a session and default each problem to open', () => {
    expect(ZPolicyConsultationCreate.parse(session).problems[0]?.status).toBe('open');
  });

  it('link a problem to a finding or a common problem, not both', () => {
    const both = { ...problem, findingId: id(2), commonProblemId: id(3) };
    expect(messages(ZPolicyConsultationCreate.safeParse({ ...session, problems: [both] }))).toEqual([
      '问题只能关联一个巡察问题或一个共性问题',
    ]);
  });

  it('refuse a department listed twice and a session without problems', () => {
    expect(
      messages(ZPolicyConsultationCreate.safeParse({ ...session, departments: ['市国资委', '市国资委'] })),
    ).toEqual(['参会部门有重复']);
    expect(messages(ZPolicyConsultationCreate.safeParse({ ...session, problems: [] }))).toEqual([
      '请至少填写一个会商的问题',
    ]);
  });

  it('list items carry the number of problems (the contract)', () => {
    expect(ZPolicyConsultationListItem.shape.problems.safeParse(46).success).toBe(true);
    expect(ZPolicyConsultationListItem.shape.problems.safeParse([]).success).toBe(false);
  });
});

describe('ZGovernanceSettings', () => {
  it('fills every missing key with its default', () => {
    const s = ZGovernanceSettings.parse({});
    expect(s).toEqual({
      ...DEFAULT_GOVERNANCE_SETTINGS,
      archiveRetention: { ...DEFAULT_GOVERNANCE_SETTINGS.archiveRetention },
      dualReport: {
        countyCommittee: { ...DEFAULT_GOVERNANCE_SETTINGS.dualReport.countyCommittee },
        sectorDepartment: { ...DEFAULT_GOVERNANCE_SETTINGS.dualReport.sectorDepartment },
        cityOffice: { ...DEFAULT_GOVERNANCE_SETTINGS.dualReport.cityOffice },
      },
    });
    expect(s.reminderAnswerDays).toBe(10);
    expect(s.conductFollowUpDays).toBe(10);
    expect(describeDualReportRule(s.dualReport.cityOffice)).toBe('听取汇报后10个工作日');
  });

  it('keeps a partial nested setting and defaults the rest', () => {
    const s = ZGovernanceSettings.parse({
      bulletinNumberPrefix: '赣巡办',
      archiveRetention: { evidence: 'years10' },
      dualReport: { sectorDepartment: { amount: 15, unit: 'workingDays', direction: 'after' } },
    });
    expect(s.bulletinNumberPrefix).toBe('赣巡办');
    expect(s.archiveRetention.evidence).toBe('years10');
    expect(s.archiveRetention.report).toBe('permanent');
    expect(s.dualReport.sectorDepartment.amount).toBe(15);
    expect(s.dualReport.cityOffice.amount).toBe(10);
  });

  it('refuses a prefix that would not parse back, a rule before the hearing and unknown keys', () => {
    expect(messages(ZGovernanceSettings.safeParse({ bulletinNumberPrefix: '赣巡办〔' }))).toEqual([
      '发文字号前缀不能包含括号、数字、空格或“号”字',
    ]);
    expect(
      messages(
        ZGovernanceSettings.safeParse({
          dualReport: { cityOffice: { amount: 5, unit: 'workingDays', direction: 'before' } },
        }),
      ),
    ).toEqual(['双报告一报备时限只能计算在听取汇报之后']);
    expect(ZGovernanceSettings.safeParse({ archiveRetention: { plan: 'forever' } }).success).toBe(false);
    expect(ZGovernanceSettings.safeParse({ unknown: 1 }).success).toBe(false);
    expect(messages(ZGovernanceSettings.safeParse({ reminderAnswerDays: 0 }))).toEqual(['履责提示答复期限不能少于1']);
  });

  it('keeps its defaults frozen', () => {
    expect(Object.isFrozen(DEFAULT_GOVERNANCE_SETTINGS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_GOVERNANCE_SETTINGS.archiveRetention)).toBe(true);
    expect(Object.isFrozen(DEFAULT_GOVERNANCE_SETTINGS.dualReport.cityOffice)).toBe(true);
  });
});
