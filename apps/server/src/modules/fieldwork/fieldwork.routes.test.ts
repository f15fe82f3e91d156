import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Session } from '../../../test/helpers.ts';
import { inspectors, teamMembers } from '../../db/schema/index.ts';
import { rowsOf } from '../../platform/db.ts';
import { buildOffice, type Office, ok, type Site } from './fieldwork.fixture.ts';

// Every fieldwork route, listed from the OpenAPI document so that none escapes: 401 without a
// session; 403 — or 404 where the object's existence is confidential — for a role without the
// permission; 400 with a Chinese message for bad input, and nothing written.

const o: Office = await buildOffice({ inspectors, teamMembers });
let s: Site;
let sysAdmin: Session;
const ids: Record<string, string> = {};

const TABLES = [
  'interviews',
  'activities',
  'fieldwork_files',
  'working_papers',
  'paper_versions',
  'paper_reviews',
  'findings',
  'clues',
  'clue_subjects',
  'clue_transfer_batches',
  'report_versions',
  'meetings',
  'meeting_inspections',
  'assigned_matters',
  'regulations',
  'taxonomy_nodes',
  'phrases',
  'fieldwork_settings',
];

async function snapshot(): Promise<string> {
  const parts: string[] = [];
  for (const t of TABLES) {
    const [row] = rowsOf<{ n: number; h: string }>(
      await o.t.database.db.execute(
        sql`select count(*)::int as n, coalesce(md5(string_agg(x::text, '' order by x::text)), '') as h from ${sql.identifier(t)} x`,
      ),
    );
    parts.push(`${t}:${row?.n}:${row?.h}`);
  }
  return parts.join('\n');
}

beforeAll(async () => {
  s = await o.site();
  sysAdmin = await loginAs(o.t, { role: 'sysAdmin' });
  const base = `/api/inspections/${s.inspectionId}`;
  const regulation = ok(await o.staff.get('/api/regulations?limit=1')).items[0].id;
  const interview = ok(
    await s.member.post(`${base}/interviews`, {
      intervieweeName: '王某',
      intervieweePost: '科长',
      kind: 'middleManager',
      date: '2026-11-20',
      inspectorIds: [s.member.inspectorId, s.leader.inspectorId],
    }),
  );
  const activity = ok(await s.member.post(`${base}/activities`, { kind: 'visit', date: '2026-11-20' }));
  const paper = ok(
    await s.member.post(`${base}/working-papers`, {
      title: '问题',
      facts: '事实。',
      responsibility: 'principal',
      foundOn: '2026-11-20',
      regulationIds: [regulation],
      evidence: [{ kind: 'document', label: '材料' }],
    }),
  );
  const finding = ok(await s.leader.post(`${base}/findings`, { title: '问题', facts: '事实。' }));
  const clue = ok(
    await s.member.post(`${base}/clues`, {
      subjects: [{ name: '某人', post: '科长' }],
      discipline: 'work',
      facts: '事实。',
    }),
  );
  const batch = ok(
    await o.staff.post('/api/clue-transfers', {
      clueIds: [clue.id],
      receiver: 'discipline',
      transferredOn: '2026-11-27',
      receiverOrgId: o.discipline,
    }),
  );
  const meeting = ok(
    await o.staff.post('/api/meetings', {
      kind: 'leadingGroup',
      date: '2026-11-26',
      attendees: ['组长'],
      inspectionIds: [s.inspectionId],
      decisions: '同意。',
      assignedMatters: [{ what: '事项', assignee: '巡察办', dueDate: '2026-12-26' }],
    }),
  );
  const node = ok(await o.staff.get('/api/taxonomy')).items[0].id;
  const phrase = ok(await o.staff.get('/api/phrases?limit=1')).items[0].id;
  ok(await s.member.post(`${base}/report/versions`, { version: 0, overview: '概述', suggestions: [] }));
  Object.assign(ids, {
    inspections: s.inspectionId,
    interviews: interview.id,
    activities: activity.id,
    'working-papers': paper.id,
    findings: finding.id,
    clues: clue.id,
    'clue-transfers': batch.id,
    meetings: meeting.id,
    'assigned-matters': meeting.assignedMatters[0].id,
    regulations: regulation,
    'taxonomy-nodes': node,
    phrases: phrase,
    authorities: o.city,
    rounds: s.roundId,
    terms: s.termId,
    versions: '1',
  });
  await Promise.all([o.staff, s.leader, s.member, o.caseHandler, sysAdmin].map((x) => x.reauth()));
});
afterAll(async () => o.t.close());

interface Route {
  method: string;
  path: string;
  body: boolean;
  query: string[];
}

async function fieldworkRoutes(): Promise<Route[]> {
  const doc = (await o.t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const out: Route[] = [];
  for (const [path, ops] of Object.entries<Record<string, OpenApiOp>>(doc.paths))
    for (const [method, op] of Object.entries(ops))
      if (op.tags?.includes('fieldwork'))
        out.push({
          method: method.toUpperCase(),
          path,
          body: !!op.requestBody,
          query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        });
  return out;
}
interface OpenApiOp {
  tags?: string[];
  requestBody?: unknown;
  parameters?: { in: string; name: string }[];
}

function fill(path: string): string {
  const parts = path.split('/');
  return parts
    .map((seg, i) => {
      const m = /^\{(.+)\}$/.exec(seg);
      if (!m) return seg;
      return m[1] === 'n' ? '1' : (ids[parts[i - 1] ?? ''] ?? crypto.randomUUID());
    })
    .join('/');
}

const ROUTES = await fieldworkRoutes();

describe('every fieldwork route', () => {
  it('is listed: the issue’s contract routes are among them', () => {
    const names = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(names.length).toBeGreaterThan(60);
    for (const n of [
      'POST /api/inspections/{id}/interviews',
      'POST /api/inspections/{id}/activities',
      'POST /api/inspections/{id}/findings',
      'POST /api/inspections/{id}/clues',
      'GET /api/inspections/{id}/summary',
      'GET /api/findings',
      'GET /api/clues',
      'GET /api/inspections/{id}/report.docx',
      'GET /api/meetings',
    ])
      expect(names).toContain(n);
  });

  for (const r of ROUTES) {
    const name = `${r.method} ${r.path}`;
    it(`${name}: 401, then 403/404 for a role without the permission, then 400 writing nothing`, async () => {
      const url = fill(r.path);
      const anon = await o.t.app.inject({ method: r.method as 'GET', url, payload: r.body ? {} : undefined });
      expect(anon.statusCode, name).toBe(401);
      // The 系统管理员 holds no case permission at all.
      const denied = await sysAdmin.request(r.method, url, r.body ? {} : undefined);
      expect([403, 404], `${name} ${denied.body}`).toContain(denied.statusCode);
      const before = await snapshot();
      const badQuery = r.query.includes('limit') ? '?limit=0' : r.query.includes('version') ? '?version=x' : '';
      const bad = r.body ? { zzUnknownField: 1 } : undefined;
      if (!r.body && !badQuery && r.method === 'GET') return;
      const answers: number[] = [];
      for (const who of [s.leader, s.member, o.staff, o.caseHandler]) {
        const res = await who.request(r.method, url + badQuery, bad);
        answers.push(res.statusCode);
        expect(res.statusCode, `${name} ${res.body}`).toBeLessThan(500);
        if (res.statusCode === 400) {
          expect(res.json().message, name).toMatch(/[\u4e00-\u9fff]/);
          break;
        }
      }
      expect(answers, name).toContain(400);
      expect(await snapshot(), name).toBe(before);
    });
  }
});
