import {
  DEFAULT_ANNOUNCEMENT_SCOPE,
  detectFileKind,
  RECEIPT_DIGITS,
  SURVEY_TEMPLATES,
  tallySurvey,
  validateAnswers,
  ZPetitionRegister,
  ZPublicReportCreate,
} from '@xc/domain';
import { describe, expect, it } from 'vitest';
import { buildDemoPersonnel } from './personnel.ts';
import { buildDemoPlanning } from './planning.ts';
import { buildDemoPublic, type PubAnswer, type PublicInput, type PubSurvey } from './public.ts';
import { buildDemoRegistry } from './registry.ts';

/** The demo's today (planning.ts), in the afternoon. */
const NOW = new Date('2026-11-27T15:30:00+08:00');
const TODAY = '2026-11-27';
const CODE = /^[2-9A-HJKMNP-Z]{8}$/;

const reg = buildDemoRegistry();
const plan = buildDemoPlanning(reg);
const personnel = buildDemoPersonnel(reg, plan);
const names = new Map(personnel.inspectors.map((p) => [p.key, p.name]));

function inputAt(now: Date): PublicInput {
  return {
    now,
    authorities: reg.authorities,
    orgs: reg.orgs,
    terms: plan.terms,
    rounds: plan.rounds,
    teams: plan.teams,
    inspections: plan.inspections,
    teamMembers: personnel.teamMembers.map((m) => ({
      teamKey: m.teamKey,
      role: m.role,
      name: names.get(m.inspectorKey) as string,
    })),
    officeStaff: { city: '刘晓婷', nankang: '赖文斌' },
  };
}

const data = buildDemoPublic(inputAt(NOW));

const inspections = new Map(plan.inspections.map((i) => [i.key, i]));
const rounds = new Map(plan.rounds.map((r) => [r.key, r]));
const terms = new Map(plan.terms.map((t) => [t.key, t]));
const authorities = new Map(reg.authorities.map((a) => [a.key, a]));
const orgs = new Map(reg.orgs.map((o) => [o.key, o]));
const termOf = (inspectionKey: string) =>
  terms.get(rounds.get(inspections.get(inspectionKey)?.roundKey ?? '')?.termKey ?? '');
const isCity = (authorityKey: string) => authorities.get(authorityKey)?.level === 'city';
const membersOf = (teamKey: string | null) =>
  new Set(personnel.teamMembers.filter((m) => m.teamKey === teamKey).map((m) => names.get(m.inspectorKey)));

const qr = data.petitions.filter((p) => p.channel === 'qr');
const registered = data.petitions.filter((p) => p.channel !== 'qr');
const answersOf = (s: PubSurvey) => data.answers.filter((a) => a.surveyKey === s.key);
const rateOf = (s: PubSurvey, sheets: PubAnswer[] = answersOf(s)) =>
  tallySurvey({ id: s.key, title: s.title, questions: s.questions, keyQuestionId: s.keyQuestionId }, sheets)
    .satisfaction?.all.rate ?? null;
const ofKind = (k: PubSurvey['kind']) => data.surveys.filter((s) => s.kind === k);

/** Every date and instant of the data, with where it came from. */
function allDates(d: typeof data): [string, string][] {
  const out: [string, string][] = [];
  for (const a of d.announcements) out.push([`announcement ${a.inspectionKey}`, a.updatedAt]);
  for (const c of d.codes) out.push([`code ${c.code}`, c.createdAt]);
  for (const p of d.petitions) out.push([`petition ${p.key}`, p.receivedOn]);
  for (const m of d.messages) out.push([`message ${m.petitionKey}#${m.seq}`, m.onDate]);
  for (const e of d.events) out.push([`event ${e.petitionKey} ${e.action}`, e.at]);
  for (const s of d.surveys) out.push([`survey ${s.key}`, s.createdAt], [`survey ${s.key} to`, s.periodTo]);
  for (const b of d.batches) out.push([`batch ${b.key}`, b.createdAt]);
  for (const a of d.answers) out.push([`answer ${a.surveyKey}`, a.answeredOn]);
  return out;
}

function notAfter(now: Date, d: typeof data) {
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  for (const [what, v] of allDates(d)) {
    if (v.length === 10) expect(v <= today, `${what} ${v}`).toBe(true);
    else expect(Date.parse(v) <= now.getTime(), `${what} ${v}`).toBe(true);
  }
}

describe('demo public channel: shape', () => {
  it('is deterministic', () => {
    expect(buildDemoPublic(inputAt(NOW))).toEqual(data);
    expect(buildDemoPublic(inputAt(new Date(NOW)))).toEqual(data);
  });

  it('dates nothing after now', () => {
    notAfter(NOW, data);
  });

  it('before the current round went on site, has only what had happened by then', () => {
    for (const now of [new Date('2026-11-12T10:00:00+08:00'), new Date('2026-03-02T09:00:00+08:00')]) {
      const early = buildDemoPublic(inputAt(now));
      notAfter(now, early);
      expect(early.petitions.length).toBeLessThan(data.petitions.length);
    }
  });
});

describe('demo public channel: announcements and codes', () => {
  const live = plan.inspections.filter((i) => {
    const t = termOf(i.key);
    return (
      t !== undefined &&
      t.startDate <= TODAY &&
      TODAY <= t.endDate &&
      ['onSite', 'reporting', 'feedback'].includes(i.stage) &&
      i.entryDate !== null &&
      i.entryDate <= TODAY
    );
  });

  it('announces every inspection of a current term that faces the public', () => {
    expect(live.length).toBeGreaterThan(20);
    expect(data.announcements.map((a) => a.inspectionKey).sort()).toEqual(live.map((i) => i.key).sort());
    for (const a of data.announcements) {
      const i = inspections.get(a.inspectionKey)!;
      expect(a.periodFrom).toBe(i.entryDate);
      expect(a.periodTo > a.periodFrom).toBe(true);
      expect(a.scope).toBe(DEFAULT_ANNOUNCEMENT_SCOPE);
      expect(a.phone).toMatch(/^0797-\d{7}$/);
      if (isCity(termOf(a.inspectionKey)?.authorityKey ?? '')) expect(a.phone).toMatch(/^0797-82\d{5}$/);
      expect(a.mailbox).toMatch(/^赣州市\d{4}号邮政信箱$/);
      expect(a.hours.length).toBeGreaterThan(0);
    }
  });

  it('gives one code per target organization, villages included, unique and typeable', () => {
    const expected = live.flatMap((i) => i.targets.map((t) => `${i.key}|${t.orgKey}|${t.role}`)).sort();
    expect(data.codes.map((c) => `${c.inspectionKey}|${c.orgKey}|${c.role}`).sort()).toEqual(expected);
    expect(data.codes.some((c) => c.role === 'village')).toBe(true);
    const all = [...data.codes.map((c) => c.code), ...data.surveys.map((s) => s.openCode)];
    expect(new Set(all).size).toBe(all.length);
    for (const c of all) expect(c).toMatch(CODE);
    for (const c of data.codes) expect(c.open).toBe(inspections.get(c.inspectionKey)?.stage === 'onSite');
  });
});

describe('demo public channel: reports', () => {
  it('has 30–60 reports through the codes, more for the city, and about ten registered by hand', () => {
    expect(qr.length).toBeGreaterThanOrEqual(30);
    expect(qr.length).toBeLessThanOrEqual(60);
    const city = qr.filter((p) => isCity(p.authorityKey)).length;
    expect(city).toBeGreaterThan(qr.length - city);
    expect(registered.length).toBeGreaterThanOrEqual(8);
    expect(registered.length).toBeLessThanOrEqual(12);
    expect(new Set(registered.map((p) => p.channel))).toEqual(new Set(['letter', 'phone', 'visit']));
    // Every city inspection on site heard from someone.
    for (const a of data.announcements)
      if (isCity(termOf(a.inspectionKey)?.authorityKey ?? ''))
        expect(
          qr.some((p) => p.inspectionKey === a.inspectionKey),
          a.inspectionKey,
        ).toBe(true);
  });

  it('is about a target of the inspection, received while the team was there', () => {
    for (const p of data.petitions) {
      const i = inspections.get(p.inspectionKey)!;
      expect(
        i.targets.some((t) => t.orgKey === p.orgKey),
        p.key,
      ).toBe(true);
      expect(orgs.get(p.orgKey)?.name).toBe(p.orgName);
      expect(p.authorityKey).toBe(termOf(p.inspectionKey)?.authorityKey);
      expect(p.receivedOn >= (i.entryDate as string), p.key).toBe(true);
      expect(p.receivedOn <= (i.exitDate ?? i.plannedExitDate ?? TODAY), p.key).toBe(true);
      expect(p.inspectionLabel).toContain(orgs.get(i.targets[0]?.orgKey ?? '')?.name ?? '?');
    }
  });

  it('passes the same checks as a real report or registration', () => {
    for (const p of data.petitions) {
      const fields = {
        anonymous: p.anonymous,
        ...(p.reporterName ? { reporterName: p.reporterName, reporterPhone: p.reporterPhone } : {}),
        ...(p.subjectName ? { subjectName: p.subjectName } : {}),
        ...(p.subjectPost ? { subjectPost: p.subjectPost } : {}),
        ...(p.subjectOrg ? { subjectOrg: p.subjectOrg } : {}),
        content: p.content,
        ...(p.happenedWhen ? { happenedWhen: p.happenedWhen } : {}),
        ...(p.place ? { place: p.place } : {}),
      };
      const r =
        p.channel === 'qr'
          ? ZPublicReportCreate.safeParse(fields)
          : ZPetitionRegister.safeParse({
              ...fields,
              channel: p.channel,
              orgId: '0193a1b2-0000-7000-8000-000000000000',
              receivedOn: p.receivedOn,
            });
      expect(r.success, `${p.key} ${JSON.stringify(r.error?.issues)}`).toBe(true);
    }
  });

  it('is mostly anonymous; named reporters give a name and a 139 phone', () => {
    const anonymous = data.petitions.filter((p) => p.anonymous).length / data.petitions.length;
    expect(anonymous).toBeGreaterThan(0.6);
    expect(anonymous).toBeLessThan(0.9);
    for (const p of data.petitions) {
      if (p.anonymous) {
        expect(p.reporterName, p.key).toBeNull();
        expect(p.reporterPhone, p.key).toBeNull();
      } else {
        expect(p.reporterName?.length, p.key).toBeGreaterThanOrEqual(2);
        expect(p.reporterPhone, p.key).toMatch(/^139\d{8}$/);
      }
    }
    const phones = data.petitions.flatMap((p) => (p.reporterPhone ? [p.reporterPhone] : []));
    expect(new Set(phones).size).toBe(phones.length);
  });

  it('gives each QR report a unique 20-digit receipt and hand-registered ones none', () => {
    for (const p of qr) expect(p.receipt, p.key).toMatch(new RegExp(`^[1-9]\\d{${RECEIPT_DIGITS - 1}}$`));
    expect(new Set(qr.map((p) => p.receipt)).size).toBe(qr.length);
    for (const p of registered) {
      expect(p.receipt).toBeNull();
      expect(membersOf(inspections.get(p.inspectionKey)?.teamKey ?? null).has(p.registeredByName ?? '')).toBe(true);
    }
    for (const p of qr) expect(p.registeredByName).toBeNull();
  });

  it('mixes statuses, each with what its move records', () => {
    const statuses = new Set(data.petitions.map((p) => p.status));
    expect([...statuses].sort()).toEqual(['accepted', 'closed', 'forwarded', 'received']);
    for (const p of data.petitions) {
      if (p.status === 'accepted') {
        expect(p.discipline, p.key).not.toBeNull();
        expect(p.keyPost, p.key).not.toBeNull();
      }
      if (p.status === 'forwarded') expect(p.forwardTo?.length, p.key).toBeGreaterThan(3);
      if (p.status === 'received') {
        expect(p.discipline, p.key).toBeNull();
        expect(p.decisionNote, p.key).toBeNull();
      }
    }
    // A few are out of the team's remit and went to 信访局 or 人社局.
    const forwarded = data.petitions.filter((p) => p.forwardTo !== null);
    expect(forwarded.length).toBeGreaterThanOrEqual(2);
    expect(forwarded.some((p) => /信访局|人力资源和社会保障局/.test(p.forwardTo ?? ''))).toBe(true);
    expect(data.petitions.filter((p) => p.keyPost).length).toBeGreaterThan(data.petitions.length / 3);
  });

  it('varies what people report', () => {
    const contents = new Set(data.petitions.map((p) => p.content.slice(0, 12)));
    expect(contents.size).toBeGreaterThan(20);
    for (const p of data.petitions) {
      expect(p.content.length).toBeGreaterThanOrEqual(10);
      expect(p.content, p.key).not.toMatch(/undefined|null|\$\{/);
      if (p.subjectName) expect(p.content, p.key).toContain(p.subjectName);
    }
  });

  it('answers about half of the QR reports, numbered, signed by the team, in order', () => {
    const replied = new Set(data.messages.filter((m) => m.sender === 'team').map((m) => m.petitionKey));
    expect(replied.size / qr.length).toBeGreaterThan(0.3);
    expect(replied.size / qr.length).toBeLessThan(0.7);
    expect(data.messages.filter((m) => m.sender === 'reporter').length).toBeGreaterThanOrEqual(3);
    const byKey = new Map(data.petitions.map((p) => [p.key, p]));
    const seqs = new Map<string, number[]>();
    for (const m of data.messages) {
      const p = byKey.get(m.petitionKey)!;
      expect(p.channel, m.petitionKey).toBe('qr');
      seqs.set(m.petitionKey, [...(seqs.get(m.petitionKey) ?? []), m.seq]);
      expect(m.onDate >= p.receivedOn, m.petitionKey).toBe(true);
      expect(m.body.length).toBeGreaterThan(10);
      if (m.sender === 'team') {
        expect(membersOf(inspections.get(p.inspectionKey)?.teamKey ?? null).has(m.byName ?? ''), m.petitionKey).toBe(
          true,
        );
      } else expect(m.byName).toBeNull();
    }
    for (const [k, list] of seqs) {
      expect(list, k).toEqual(list.map((_, n) => n + 1));
      const days = data.messages.filter((m) => m.petitionKey === k).map((m) => m.onDate);
      expect(days, k).toEqual([...days].sort());
    }
  });

  it('records the moves as events of the team', () => {
    for (const p of data.petitions) {
      const actions = data.events.filter((e) => e.petitionKey === p.key).map((e) => e.action);
      if (p.channel !== 'qr') expect(actions[0], p.key).toBe('登记');
      if (p.status === 'accepted') expect(actions, p.key).toContain('受理');
      if (p.status === 'forwarded') expect(actions, p.key).toContain('转交');
      if (p.status === 'closed') expect(actions, p.key).toContain('办结');
      const replies = data.messages.filter((m) => m.petitionKey === p.key && m.sender === 'team').length;
      expect(actions.filter((a) => a === '答复').length, p.key).toBe(replies);
    }
  });

  it('attaches small valid PNG photos to some', () => {
    expect(new Set(data.files.map((f) => f.petitionKey)).size).toBeGreaterThanOrEqual(3);
    expect(data.files.some((f) => f.messageSeq !== null)).toBe(true);
    for (const f of data.files) {
      expect(detectFileKind(f.data)?.mime).toBe('image/png');
      expect(f.data.length).toBeLessThan(4096);
      expect(f.mime).toBe('image/png');
      if (f.messageSeq !== null)
        expect(data.messages.find((m) => m.petitionKey === f.petitionKey && m.seq === f.messageSeq)?.sender).toBe(
          'reporter',
        );
    }
  });
});

describe('demo public channel: surveys', () => {
  it('uses the templates and answers that validate against them', () => {
    for (const s of data.surveys) {
      const t = SURVEY_TEMPLATES.find((x) => x.kind === s.kind)!;
      expect(s.questions).toEqual(t.questions);
      expect(s.keyQuestionId).toBe(t.keyQuestionId);
      expect(s.periodFrom <= s.periodTo, s.key).toBe(true);
      expect(s.periodTo <= TODAY, s.key).toBe(true);
      expect(Date.parse(s.createdAt) < Date.parse(`${s.periodFrom}T23:59:59+08:00`), s.key).toBe(true);
    }
    expect(data.answers.length).toBeGreaterThan(3000);
    const byKey = new Map(data.surveys.map((s) => [s.key, s]));
    for (const a of data.answers) {
      const s = byKey.get(a.surveyKey)!;
      const r = validateAnswers(s.questions, a.answers);
      expect(r.ok, `${a.surveyKey} ${JSON.stringify(a.answers)}`).toBe(true);
      if (r.ok) expect(r.answers).toEqual(a.answers);
      expect(a.answeredOn >= s.periodFrom && a.answeredOn <= s.periodTo, a.surveyKey).toBe(true);
    }
  });

  it('takes verified sheets through single-use links: one per index, within the batch', () => {
    const batches = new Map(data.batches.map((b) => [b.key, b]));
    const seen = new Set<string>();
    for (const a of data.answers) {
      if (!a.verified) {
        expect(a.batchKey).toBeNull();
        expect(a.index).toBeNull();
        continue;
      }
      const b = batches.get(a.batchKey ?? '');
      expect(b?.surveyKey).toBe(a.surveyKey);
      expect(Number.isInteger(a.index)).toBe(true);
      expect(a.index as number).toBeGreaterThanOrEqual(0);
      expect(a.index as number).toBeLessThan(b?.count ?? 0);
      const key = `${a.batchKey}:${a.index}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
    for (const s of data.surveys) {
      const sheets = answersOf(s);
      expect(
        sheets.some((a) => a.verified),
        s.key,
      ).toBe(true);
      expect(
        sheets.some((a) => !a.verified),
        s.key,
      ).toBe(true);
    }
  });

  it('runs a 民主测评 of each city inspection on site, mostly verified', () => {
    const onSite = data.announcements
      .map((a) => inspections.get(a.inspectionKey)!)
      .filter((i) => i.stage === 'onSite' && isCity(termOf(i.key)?.authorityKey ?? ''));
    const appraisals = ofKind('democraticAppraisal');
    expect(appraisals.map((s) => s.inspectionKey).sort()).toEqual(onSite.map((i) => i.key).sort());
    for (const s of appraisals) {
      const sheets = answersOf(s);
      expect(s.status).toBe('open');
      expect(s.targetType).toBe('inspection');
      expect(sheets.length, s.key).toBeGreaterThanOrEqual(40);
      expect(sheets.length, s.key).toBeLessThanOrEqual(120);
      expect(sheets.filter((a) => a.verified).length / sheets.length).toBeGreaterThan(0.5);
      expect(s.periodFrom).toBe(inspections.get(s.inspectionKey ?? '')?.entryDate);
    }
  });

  it('rates rectification of six earlier inspections at 95–99%, as the seed says every round', () => {
    const rect = ofKind('rectificationSatisfaction');
    expect(rect.length).toBeGreaterThanOrEqual(5);
    expect(rect.length).toBeLessThanOrEqual(7);
    expect(new Set(rect.map((s) => s.status))).toEqual(new Set(['open', 'closed']));
    expect(rect.filter((s) => isCity(s.authorityKey)).length).toBeGreaterThanOrEqual(3);
    for (const s of rect) {
      const i = inspections.get(s.inspectionKey ?? '')!;
      const t = termOf(i.key)!;
      expect(['rectifying', 'evaluated', 'published'], s.key).toContain(i.stage);
      expect(t.endDate < TODAY, s.key).toBe(true);
      expect(s.periodFrom > (i.concentratedEndDate as string), s.key).toBe(true);
      if (s.status === 'closed') expect(s.periodTo <= (i.evaluatedDate as string), s.key).toBe(true);
      const n = answersOf(s).length;
      expect(n, s.key).toBeGreaterThanOrEqual(150);
      expect(n, s.key).toBeLessThanOrEqual(400);
      const rate = rateOf(s) as number;
      expect(rate, s.key).toBeGreaterThan(0.95);
      expect(rate, s.key).toBeLessThanOrEqual(0.99);
    }
  });

  it('rates the conduct of every team on site at 97.5% or more', () => {
    const onSiteTeams = new Set(
      data.announcements
        .map((a) => inspections.get(a.inspectionKey)!)
        .filter((i) => i.stage === 'onSite' && i.teamKey)
        .map((i) => i.teamKey),
    );
    const conduct = ofKind('teamConduct');
    expect(new Set(conduct.map((s) => s.teamKey))).toEqual(onSiteTeams);
    expect(conduct.length).toBe(onSiteTeams.size);
    for (const s of conduct) {
      const n = answersOf(s).length;
      expect(s.targetType).toBe('team');
      expect(n, s.key).toBeGreaterThanOrEqual(60);
      expect(n, s.key).toBeLessThanOrEqual(150);
      expect(rateOf(s) as number, s.key).toBeGreaterThanOrEqual(0.975);
      expect(s.title).toMatch(/巡察组作风纪律评估$/);
      expect(s.title).not.toContain('巡察组巡察组');
    }
    // Some people were not satisfied somewhere: the rate is earned, not a constant.
    expect(conduct.some((s) => (rateOf(s) as number) < 1)).toBe(true);
  });
});
