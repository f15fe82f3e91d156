import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  makeAuthority,
  makeOrg,
  planInspection,
  type TestContext,
} from '../../../test/helpers.ts';
import { inspectionLabels, inspectionsById } from './planning.inspections.ts';

// inspectionLabels (one statement, for the lists over findings, clues and tasks) must name every
// inspection exactly as inspectionsById does (the inspection pages), targets in the same order.
let t: TestContext;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('inspectionLabels', () => {
  it('says what inspectionsById says: label, keys, stage and targets with their sectors', async () => {
    const city = await makeAuthority(t, { name: '标签测试市委巡察办' });
    const county = await makeAuthority(t, { name: '标签测试县委巡察办', parentAuthorityId: city });
    const staff = await loginAs(t, { role: 'officeStaff', scopeId: city });
    const countyStaff = await loginAs(t, { role: 'officeStaff', scopeId: county });
    const orgs = [
      await makeOrg(t, { authorityId: city, name: '标签测试市财政局', kind: '市直单位', sector: '财政金融' }),
      await makeOrg(t, { authorityId: county, name: '标签测试县审计局', kind: '县直单位', sector: '经济' }),
      await makeOrg(t, { authorityId: county, name: '标签测试县教育局', kind: '县直单位', sector: '教育' }),
    ];
    const one = await planInspection(staff, { authorityId: city, targetOrgIds: [orgs[0] as string] });
    // 联合巡察 of two units by another team.
    const two = await planInspection(countyStaff, {
      authorityId: county,
      targetOrgIds: [orgs[2] as string, orgs[1] as string],
      teamName: '第二巡察组',
    });
    const ids = [one.inspectionId, two.inspectionId];
    const [labels, full] = await Promise.all([
      inspectionLabels(t.database.db, [...ids, ...ids]),
      inspectionsById(t.database.db, ids),
    ]);
    expect(labels.size).toBe(2);
    for (const id of ids) {
      const l = labels.get(id);
      const f = full.get(id);
      expect(l?.label).toBe(f?.label);
      expect(l?.label).toContain(id === one.inspectionId ? '标签测试市财政局' : '第二巡察组');
      expect({ ...l, label: undefined, targets: undefined }).toEqual({
        id,
        label: undefined,
        authorityId: f?.authorityId,
        termId: f?.termId,
        roundId: f?.roundId,
        teamId: f?.teamId,
        stage: f?.stage,
        targets: undefined,
      });
      expect(l?.targets.map((x) => [x.orgId, x.name, x.role])).toEqual(
        f?.targets.map((x) => [x.orgId, x.name, x.role]),
      );
    }
    expect(
      labels
        .get(two.inspectionId)
        ?.targets.map((x) => x.sector)
        .sort(),
    ).toEqual(['教育', '经济']);
    expect((await inspectionLabels(t.database.db, [])).size).toBe(0);
  });
});
