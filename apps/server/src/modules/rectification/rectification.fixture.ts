import { login, makeUser, type Session } from '../../../test/helpers.ts';
import { buildOffice, type Office, ok, type PersonnelTables, type Site } from '../fieldwork/fieldwork.fixture.ts';

/**
 * Test support for the rectification tests (imported by *.test.ts only), built on the fieldwork
 * fixture: the city office with its staff (`staff`), an office leader (`officeLeader`, who approves
 * extensions), the inspected organization `target` with its liaison (`liaison`), a second liaison
 * (`otherLiaison`) acting for another organization (`other`, never a target of `feedbackSite()`),
 * and per call of `feedbackSite()` an inspection moved to `feedback` (2026-11-24, the 书记专题会
 * having heard the report on 2026-11-23) with four findings of `target`, whose team's members are
 * in `site` (`site.member` is a team member without rectification:write). The clock stands at
 * 2026-11-27 10:00 (Shanghai) unless `now` says otherwise.
 */
export { ok, type PersonnelTables, type Site };

export interface RectOffice extends Office {
  /** Liaison of `other`: sees none of `target`'s inspections. */
  otherLiaison: Session;
  /** A fresh inspection at `feedback` with findings of `target`. */
  feedbackSite(opts?: { teamName?: string }): Promise<RectSite>;
}

export interface RectSite {
  site: Site;
  inspectionId: string;
  termId: string;
  roundId: string;
  findings: { id: string; title: string }[];
  /** The task body the contract names, with a deadline that is green on 2026-11-27. */
  taskBody(o?: Partial<TaskBody>): TaskBody;
  /** Creates a task of a finding as the liaison (or `as`); returns the task's JSON. */
  task(findingId: string, o?: Partial<TaskBody>, as?: Session): Promise<{ id: string; version: number }>;
  /** Records the 反馈会 as the office staff; returns the feedback's JSON. */
  feedback(): Promise<{ id: string; version: number }>;
}

export type TaskBody = {
  kind: 'immediate' | 'timeLimited' | 'longTerm';
  measures: string;
  responsibleLeader: string;
  responsibleDept: string;
  deadline: string;
};

export const FINDING_TITLES = [
  '落实全面从严治党主体责任不到位',
  '超标准公务接待',
  '选人用人程序不规范',
  '档案管理混乱',
] as const;

export async function buildRectOffice(tables: PersonnelTables, opts: { now?: string } = {}): Promise<RectOffice> {
  const o = await buildOffice(tables, opts);
  const u = await makeUser(o.t, {
    orgId: o.other,
    displayName: '商务局联络员',
    grants: [{ role: 'targetLiaison', scopeType: 'organization', scopeId: o.other }],
  });
  const otherLiaison = await login(o.t, u.username, u.password);
  await Promise.all([o.liaison, otherLiaison].map((s) => s.reauth().catch(() => undefined)));

  const feedbackSite: RectOffice['feedbackSite'] = async (so = {}) => {
    const site = await o.site({ teamName: so.teamName });
    const findings: { id: string; title: string }[] = [];
    const facts = [
      '党组研究党风廉政建设工作不经常，2025年仅研究1次。',
      '2025年超标准接待12批次，金额3.2万元。',
      '2024年提拔的3名科级干部未按规定进行任前公示。',
      '部分年度会议记录缺失。',
    ];
    for (const [i, title] of FINDING_TITLES.entries()) {
      const f = ok(
        await site.leader.post(`/api/inspections/${site.inspectionId}/findings`, {
          title,
          facts: facts[i],
          orgId: o.target,
        }),
      );
      findings.push({ id: f.id, title });
    }
    ok(await site.move('reporting', '2026-11-20'));
    ok(
      await o.staff.post('/api/meetings', {
        kind: 'secretarySpecial',
        date: '2026-11-23',
        attendees: ['市委书记'],
        inspectionIds: [site.inspectionId],
        decisions: '原则同意巡察报告，按程序反馈。',
      }),
    );
    ok(await site.move('feedback', '2026-11-24'));
    const taskBody = (b: Partial<TaskBody> = {}): TaskBody => ({
      kind: 'timeLimited',
      measures: '修订党组议事规则，每季度专题研究党风廉政建设。',
      responsibleLeader: '张书记',
      responsibleDept: '办公室',
      deadline: '2027-03-31',
      ...b,
    });
    return {
      site,
      inspectionId: site.inspectionId,
      termId: site.termId,
      roundId: site.roundId,
      findings,
      taskBody,
      task: async (findingId, b, as) =>
        ok(await (as ?? o.liaison).post(`/api/findings/${findingId}/tasks`, taskBody(b))),
      feedback: async () =>
        ok(
          await o.staff.post(`/api/inspections/${site.inspectionId}/feedback`, {
            meetingDate: '2026-11-24',
            attendees: ['巡察组全体成员', '市财政局领导班子成员'],
            speakers: ['巡察组组长', '市财政局党组书记'],
            oneToOneOn: '2026-11-24',
            mainLeaderName: '王局长',
            copies: [
              { recipient: 'sectorLeader', name: '分管副市长', sentOn: '2026-11-25' },
              { recipient: 'competentDept', name: '市政府办公室', sentOn: '2026-11-25' },
              { recipient: 'disciplineCommission', name: '市纪委监委', sentOn: '2026-11-25' },
              { recipient: 'organizationDept', name: '市委组织部', sentOn: '2026-11-25' },
            ],
          }),
        ),
    };
  };
  return Object.assign(o, { otherLiaison, feedbackSite });
}

export { onePagePdf } from '../../../test/fixtures.ts';
