import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_KINDS,
  CADRE_LEVEL_LABELS,
  CLUE_DISPOSAL_LABELS,
  CLUE_RECEIVER_LABELS,
  CLUE_STATUS_LABELS,
  DEFAULT_FIELDWORK_SETTINGS,
  INTERVIEW_KIND_LABELS,
  MEETING_KIND_LABELS,
  PAPER_STATUS_LABELS,
  RESPONSIBILITY_LABELS,
  SEVERITY_LABELS,
  TWO_INTERVIEWERS_MESSAGE,
  ZActivityCreate,
  ZAssignedMatterUpdate,
  ZClueCreate,
  ZClueListQuery,
  ZClueResultRecord,
  ZClueTransferBatch,
  ZFieldworkSettings,
  ZFindingCreate,
  ZFindingListQuery,
  ZFindingUpdate,
  ZInterviewCreate,
  ZMeetingCreate,
  ZRegulationCreate,
  ZReportSave,
  ZTaxonomyNodeCreate,
  ZWorkingPaperCreate,
} from './schemas.ts';

const id = (n: number) => `0190a7c4-0000-7000-8000-${String(n).padStart(12, '0')}`;
const han = /\p{Script=Han}/u;
const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues[0]?.message;

describe('labels', () => {
  it('are Chinese for every value', () => {
    for (const labels of [
      INTERVIEW_KIND_LABELS,
      ACTIVITY_KIND_LABELS,
      PAPER_STATUS_LABELS,
      RESPONSIBILITY_LABELS,
      SEVERITY_LABELS,
      CADRE_LEVEL_LABELS,
      CLUE_RECEIVER_LABELS,
      CLUE_STATUS_LABELS,
      CLUE_DISPOSAL_LABELS,
      MEETING_KIND_LABELS,
    ])
      for (const l of Object.values(labels)) expect(l).toMatch(han);
    expect(INTERVIEW_KIND_LABELS).toEqual({
      leadership: '班子成员',
      middleManager: '中层干部',
      staff: '一般干部',
      retired: '退休干部',
      serviceRecipient: '服务对象',
    });
    expect(CLUE_DISPOSAL_LABELS).toEqual({
      talkInquiry: '谈话函询',
      preliminaryVerification: '初步核实',
      shelved: '暂存待查',
      closed: '予以了结',
    });
  });
});

describe('interviews (issue 11 contract)', () => {
  const body = {
    intervieweeName: '王某某',
    intervieweePost: '办公室主任',
    kind: 'middleManager',
    date: '2026-03-12',
    inspectorIds: [id(1), id(2)],
  };

  it('accept the contract body', () => {
    expect(ZInterviewCreate.parse(body)).toEqual(body);
    expect(ZInterviewCreate.safeParse({ ...body, place: '第一会议室', notes: '谈话内容……\n第二段' }).success).toBe(
      true,
    );
  });

  it('need two distinct inspectors, saying so in Chinese', () => {
    for (const inspectorIds of [[], [id(1)], [id(1), id(1)]]) {
      const r = ZInterviewCreate.safeParse({ ...body, inspectorIds });
      expect(r.success).toBe(false);
      expect(firstMessage(r)).toBe(TWO_INTERVIEWERS_MESSAGE);
    }
    expect(firstMessage(ZInterviewCreate.safeParse({ ...body, inspectorIds: [id(1), id(1), id(2)] }))).toContain(
      '重复',
    );
    expect(ZInterviewCreate.safeParse({ ...body, inspectorIds: undefined }).success).toBe(false);
  });

  it('refuse unknown fields, bad kinds, dates and ids', () => {
    expect(ZInterviewCreate.safeParse({ ...body, signed: true }).success).toBe(false);
    expect(ZInterviewCreate.safeParse({ ...body, kind: 'boss' }).success).toBe(false);
    expect(ZInterviewCreate.safeParse({ ...body, date: '2026-02-30' }).success).toBe(false);
    expect(ZInterviewCreate.safeParse({ ...body, inspectorIds: ['x', 'y'] }).success).toBe(false);
    expect(ZInterviewCreate.safeParse({ ...body, intervieweeName: '王\u202e某' }).success).toBe(false);
  });
});

describe('activities (issue 11 contract)', () => {
  it('default the count to 1 and take the contract kinds', () => {
    for (const kind of ['documentReview', 'visit', 'forum', 'meeting', 'briefing'])
      expect(ZActivityCreate.parse({ kind, date: '2026-03-12' })).toEqual({ kind, date: '2026-03-12', count: 1 });
    expect(
      ZActivityCreate.parse({ kind: 'documentReview', date: '2026-03-12', count: 356, note: '会计凭证' }).count,
    ).toBe(356);
    expect(ACTIVITY_KINDS).toContain('covertVisit');
  });

  it('refuse a count below 1, a 暗访 without two people, attendees where there are none', () => {
    expect(ZActivityCreate.safeParse({ kind: 'visit', date: '2026-03-12', count: 0 }).success).toBe(false);
    expect(ZActivityCreate.safeParse({ kind: 'visit', date: '2026-03-12', count: 1.5 }).success).toBe(false);
    const covert = ZActivityCreate.safeParse({ kind: 'covertVisit', date: '2026-03-12', inspectorIds: [id(1)] });
    expect(firstMessage(covert)).toBe('暗访须有两名以上巡察人员参加');
    expect(
      ZActivityCreate.safeParse({ kind: 'covertVisit', date: '2026-03-12', inspectorIds: [id(1), id(2)] }).success,
    ).toBe(true);
    expect(
      firstMessage(ZActivityCreate.safeParse({ kind: 'documentReview', date: '2026-03-12', attendees: ['张三'] })),
    ).toContain('只有座谈、列席会议');
    expect(ZActivityCreate.safeParse({ kind: 'forum', date: '2026-03-12', attendees: ['张三', '李四'] }).success).toBe(
      true,
    );
  });
});

describe('working papers', () => {
  const paper = {
    title: '违规发放津贴补贴',
    facts: '经查，2024年该局以加班费名义违规发放津贴补贴12.6万元。',
    responsibility: 'principal',
    foundOn: '2026-03-15',
  };

  it('accept a draft and fill the lists', () => {
    expect(ZWorkingPaperCreate.parse(paper)).toEqual({ ...paper, evidence: [], regulationIds: [], foundByIds: [] });
  });

  it('count facts in code points up to 20,000', () => {
    expect(ZWorkingPaperCreate.safeParse({ ...paper, facts: '𠀀'.repeat(20_000) }).success).toBe(true);
    expect(firstMessage(ZWorkingPaperCreate.safeParse({ ...paper, facts: '甲'.repeat(20_001) }))).toBe(
      '问题事实不能超过20000个字',
    );
    expect(ZWorkingPaperCreate.safeParse({ ...paper, title: '甲'.repeat(201) }).success).toBe(false);
  });

  it('want a reference for evidence that is a record of the platform', () => {
    const ev = (e: object) => ZWorkingPaperCreate.safeParse({ ...paper, evidence: [e] });
    expect(firstMessage(ev({ kind: 'interview', label: '与王某某谈话记录' }))).toBe('请选择所引用的谈话记录');
    expect(ev({ kind: 'interview', refId: id(3), label: '与王某某谈话记录' }).success).toBe(true);
    expect(ev({ kind: 'document', label: '2024年会计凭证第12册' }).success).toBe(true);
    expect(ZWorkingPaperCreate.safeParse({ ...paper, regulationIds: [id(1), id(1)] }).success).toBe(false);
    expect(
      ZWorkingPaperCreate.safeParse({
        ...paper,
        evidence: Array.from({ length: 201 }, () => ({ kind: 'document', label: '凭证' })),
      }).success,
    ).toBe(false);
  });
});

describe('findings (issue 11 contract)', () => {
  it('accept {title, facts, immediate?}', () => {
    const r = ZFindingCreate.parse({ title: '公务用车管理不规范', facts: '存在公车私用现象。' });
    expect(r).toMatchObject({ immediate: false, common: false, source: 'direct', regulationIds: [] });
    expect(ZFindingCreate.parse({ title: '问题', facts: '事实。', immediate: true }).immediate).toBe(true);
    expect(ZFindingCreate.safeParse({ title: '问题', facts: '事实。', source: 'workingPaper' }).success).toBe(false);
  });

  it('keep 立行立改 details to immediate findings', () => {
    const base = { title: '问题', facts: '事实。' };
    expect(
      ZFindingCreate.safeParse({
        ...base,
        immediate: true,
        immediateFixedOn: '2026-03-20',
        immediateAction: '已清退。',
      }).success,
    ).toBe(true);
    expect(firstMessage(ZFindingCreate.safeParse({ ...base, immediateFixedOn: '2026-03-20' }))).toContain(
      '未标记立行立改',
    );
    expect(ZFindingUpdate.safeParse({ version: 2, immediate: false, immediateAction: '已清退。' }).success).toBe(false);
    expect(ZFindingUpdate.safeParse({ version: 2, immediate: false, immediateFixedOn: null }).success).toBe(true);
    expect(ZFindingUpdate.safeParse({ version: 2, immediateAction: '已清退。' }).success).toBe(true);
  });

  it('list with filters and a limit of 1 to 200', () => {
    expect(ZFindingListQuery.parse({})).toEqual({ limit: 20 });
    expect(ZFindingListQuery.parse({ limit: '200', common: 'true', sector: '教育' })).toEqual({
      limit: 200,
      common: 'true',
      sector: '教育',
    });
    expect(ZFindingListQuery.safeParse({ limit: '201' }).success).toBe(false);
    expect(ZFindingListQuery.safeParse({ limit: '0' }).success).toBe(false);
    expect(ZFindingListQuery.safeParse({ common: 'yes' }).success).toBe(false);
    expect(ZFindingListQuery.safeParse({ sort: 'title' }).success).toBe(false);
  });

  it('taxonomy nodes sit at their level', () => {
    expect(ZTaxonomyNodeCreate.safeParse({ parentId: null, level: 'framework', name: '四个落实' }).success).toBe(true);
    expect(firstMessage(ZTaxonomyNodeCreate.safeParse({ parentId: null, level: 'type', name: '选人用人' }))).toBe(
      '问题类型须选择上级分类',
    );
    expect(ZTaxonomyNodeCreate.safeParse({ parentId: id(1), level: 'framework', name: '框架' }).success).toBe(false);
  });
});

describe('clues (issue 11 contract)', () => {
  const body = {
    subjects: [{ name: '张某', post: '副局长' }],
    discipline: 'integrity',
    facts: '反映其收受管理服务对象礼金。',
  };

  it('accept {subjects: [{name, post}], discipline, facts}', () => {
    expect(ZClueCreate.parse(body)).toEqual({
      ...body,
      subjects: [{ name: '张某', post: '副局长', level: 'other' }],
      evidence: [],
    });
    for (const discipline of ['political', 'organizational', 'integrity', 'masses', 'work', 'life'])
      expect(ZClueCreate.safeParse({ ...body, discipline }).success).toBe(true);
  });

  it('refuse no subject, the same person twice, an unknown discipline, a source id without a source', () => {
    expect(firstMessage(ZClueCreate.safeParse({ ...body, subjects: [] }))).toBe('请至少填写一名被反映人');
    expect(
      firstMessage(
        ZClueCreate.safeParse({
          ...body,
          subjects: [
            { name: '张某', post: '副局长' },
            { name: '张 某', post: '副局长' },
          ],
        }),
      ),
    ).toContain('重复');
    expect(ZClueCreate.safeParse({ ...body, discipline: 'moral' }).success).toBe(false);
    expect(ZClueCreate.safeParse({ ...body, sourceRefId: id(1) }).success).toBe(false);
    expect(ZClueCreate.safeParse({ ...body, source: 'petition', sourceRefId: id(1) }).success).toBe(true);
  });

  it('transfer 1 to 200 distinct clues at a time', () => {
    const batch = { clueIds: [id(1)], receiver: 'discipline', transferredOn: '2026-05-10' };
    expect(ZClueTransferBatch.safeParse(batch).success).toBe(true);
    expect(firstMessage(ZClueTransferBatch.safeParse({ ...batch, clueIds: [] }))).toBe('请至少选择一件线索');
    expect(
      ZClueTransferBatch.safeParse({ ...batch, clueIds: Array.from({ length: 201 }, (_, i) => id(i)) }).success,
    ).toBe(false);
    expect(ZClueTransferBatch.safeParse({ ...batch, clueIds: [id(1), id(1)] }).success).toBe(false);
    expect(ZClueTransferBatch.safeParse({ ...batch, receiver: 'court' }).success).toBe(false);
    expect(ZClueListQuery.parse({ limit: '50' }).limit).toBe(50);
  });

  const result = {
    version: 3,
    caseFiled: true,
    formLevel: 2,
    partyDiscipline: 'seriousWarning',
    governmentSanction: 'demerit',
    organizationalHandling: null,
    judicialTransfer: false,
    resultOn: '2026-08-01',
  };

  it('take a result that hangs together', () => {
    expect(ZClueResultRecord.safeParse(result).success).toBe(true);
    expect(
      ZClueResultRecord.safeParse({
        ...result,
        caseFiled: false,
        formLevel: 1,
        partyDiscipline: null,
        governmentSanction: null,
        organizationalHandling: '诫勉谈话',
      }).success,
    ).toBe(true);
    expect(
      ZClueResultRecord.safeParse({ ...result, formLevel: 4, partyDiscipline: 'expulsion', judicialTransfer: true })
        .success,
    ).toBe(true);
    expect(
      ZClueResultRecord.safeParse({
        ...result,
        formLevel: null,
        partyDiscipline: null,
        governmentSanction: null,
        caseFiled: false,
      }).success,
    ).toBe(true);
  });

  it.each([
    [{ caseFiled: false }, '给予党纪处分须先立案'],
    [{ formLevel: 1 }, '第一种形态'],
    [{ formLevel: 3 }, '严重警告处分应归入第二种形态'],
    [{ partyDiscipline: 'removalFromPost', formLevel: 2 }, '撤销党内职务处分应归入第三种形态'],
    [{ judicialTransfer: true }, '移送司法机关的应归入第四种形态'],
    [{ formLevel: 5 }, '“四种形态”只能是1至4'],
    [{ partyDiscipline: 'dismissal' }, '党纪处分种类不在可选范围内'],
  ])('refuse a result that does not: %j', (patch, message) => {
    const r = ZClueResultRecord.safeParse({ ...result, ...patch });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message).join('；')).toContain(message);
  });
});

describe('report, meetings and settings', () => {
  it('save a report version with its suggestions', () => {
    expect(ZReportSave.parse({ version: 0, overview: '' })).toEqual({ version: 0, overview: '', suggestions: [] });
    expect(ZReportSave.safeParse({ version: 0, overview: '', suggestions: Array(51).fill('建议') }).success).toBe(
      false,
    );
    expect(ZReportSave.safeParse({ version: 0, overview: '', findings: [] }).success).toBe(false);
  });

  it('record a meeting with its assigned matters, none due before the meeting', () => {
    const m = {
      kind: 'secretarySpecial',
      date: '2026-05-20',
      attendees: ['市委书记', '市委巡察办主任'],
      inspectionIds: [id(1)],
      decisions: '原则同意巡察报告，按程序反馈。',
      assignedMatters: [{ what: '督促整改', assignee: '市委巡察办', dueDate: '2026-06-30' }],
    };
    expect(ZMeetingCreate.safeParse(m).success).toBe(true);
    expect(ZMeetingCreate.safeParse({ ...m, attendees: [] }).success).toBe(false);
    const early = ZMeetingCreate.safeParse({
      ...m,
      assignedMatters: [{ ...m.assignedMatters[0], dueDate: '2026-05-01' }],
    });
    expect(firstMessage(early)).toBe('完成时限不能早于会议日期');
    expect(ZMeetingCreate.safeParse({ ...m, kind: 'partyCongress' }).success).toBe(false);
  });

  it('close an assigned matter with what was done', () => {
    expect(
      ZAssignedMatterUpdate.safeParse({
        version: 1,
        status: 'done',
        closingNote: '已完成整改督办。',
        closedOn: '2026-06-20',
      }).success,
    ).toBe(true);
    expect(
      ZAssignedMatterUpdate.safeParse({ version: 1, status: 'done', closingNote: '完成', closedOn: '2026-06-20' })
        .success,
    ).toBe(false);
    expect(ZAssignedMatterUpdate.safeParse({ version: 1, status: 'done' }).success).toBe(false);
    expect(ZAssignedMatterUpdate.safeParse({ version: 1, closingNote: '已完成整改督办。' }).success).toBe(false);
  });

  it('fill settings with their defaults, keep them apart from the parsed copy', () => {
    const s = ZFieldworkSettings.parse({});
    expect(s).toEqual({
      paperNumber: { pattern: '[{year}]{term:cn}届{round}轮-{team}组-{seq:2}号', scope: 'team' },
      clueFeedbackWarnDays: 10,
      reportHearingWarnDays: 5,
      reportHearingKinds: ['secretarySpecial'],
      receiverOrgs: { discipline: null, organization: null },
    });
    s.reportHearingKinds.push('standingCommittee');
    expect(DEFAULT_FIELDWORK_SETTINGS.reportHearingKinds).toEqual(['secretarySpecial']);
    expect(
      ZFieldworkSettings.parse({ reportHearingKinds: ['standingCommittee', 'secretarySpecial'] }).reportHearingKinds,
    ).toEqual(['secretarySpecial', 'standingCommittee']);
    expect(ZFieldworkSettings.safeParse({ reportHearingKinds: [] }).success).toBe(false);
    expect(ZFieldworkSettings.safeParse({ reportHearingKinds: ['leadingGroup'] }).success).toBe(false);
    expect(ZFieldworkSettings.safeParse({ clueFeedbackWarnDays: -1 }).success).toBe(false);
    expect(ZFieldworkSettings.safeParse({ clueFeedbackAfterTransfer: 3 }).success).toBe(false);
    expect(ZFieldworkSettings.safeParse({ receiverOrgs: { discipline: 'x', organization: null } }).success).toBe(false);
  });

  it('regulations name the law in 书名号', () => {
    const r = { code: 'jlcf-113', title: '《中国共产党纪律处分条例》', article: '第一百一十三条', text: '条文。' };
    expect(ZRegulationCreate.safeParse(r).success).toBe(true);
    expect(firstMessage(ZRegulationCreate.safeParse({ ...r, title: '中国共产党纪律处分条例' }))).toBe(
      '法规名称应写在书名号《》内',
    );
    expect(ZRegulationCreate.safeParse({ ...r, code: '纪律-113' }).success).toBe(false);
  });
});

describe('every write schema (property)', () => {
  it('never throws, and answers Chinese when it refuses', () => {
    // The domain's index sets this locale for server and web; zod's own messages (wrong types) use it.
    z.config(z.locales.zhCN());
    const schemas = [
      ZInterviewCreate,
      ZActivityCreate,
      ZWorkingPaperCreate,
      ZFindingCreate,
      ZClueCreate,
      ZMeetingCreate,
    ];
    fc.assert(
      fc.property(fc.constantFrom(...schemas), fc.anything(), (schema, input) => {
        const r = schema.safeParse(input);
        if (!r.success) for (const i of r.error.issues) expect(i.message).toMatch(han);
      }),
    );
  });
});
